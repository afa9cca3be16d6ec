//! The arguments of a Liquid tag or Hugo shortcode: `figure src="a.png"
//! title='A' 800x` -> positional and named values, quotes removed.

/// A tag's arguments after its name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Args {
    /// Values without a name, in order.
    pub positional: Vec<String>,
    /// `name=value` pairs, in order.
    pub named: Vec<(String, String)>,
}

impl Args {
    /// Reads `text` (what follows the tag's name).
    pub fn parse(text: &str) -> Args {
        let mut args = Args::default();
        let mut chars = text.trim().chars().peekable();
        loop {
            while chars.peek().is_some_and(|c| c.is_whitespace()) {
                chars.next();
            }
            if chars.peek().is_none() {
                break;
            }
            let first = read_value(&mut chars);
            if chars.peek() == Some(&'=') && !first.quoted {
                chars.next();
                let value = read_value(&mut chars);
                args.named.push((first.text, value.text));
            } else {
                args.positional.push(first.text);
            }
        }
        args
    }

    /// A named value.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.named
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// The `i`th positional value.
    pub fn at(&self, i: usize) -> Option<&str> {
        self.positional.get(i).map(String::as_str)
    }

    /// A named value, else the `i`th positional one.
    pub fn get_or_at(&self, name: &str, i: usize) -> Option<&str> {
        self.get(name).or_else(|| self.at(i))
    }
}

struct Value {
    text: String,
    quoted: bool,
}

fn read_value(chars: &mut std::iter::Peekable<std::str::Chars>) -> Value {
    let mut text = String::new();
    match chars.peek().copied() {
        Some(quote @ ('"' | '\'' | '`')) => {
            chars.next();
            while let Some(c) = chars.next() {
                if c == '\\' && quote == '"' {
                    if let Some(escaped) = chars.next() {
                        text.push(escaped);
                    }
                } else if c == quote {
                    break;
                } else {
                    text.push(c);
                }
            }
            Value { text, quoted: true }
        }
        _ => {
            while let Some(&c) = chars.peek() {
                if c.is_whitespace() || c == '=' {
                    break;
                }
                text.push(c);
                chars.next();
            }
            Value {
                text,
                quoted: false,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positional_named_and_quoted() {
        let args = Args::parse(r#" a.png Resize "800x" title="A \"big\" one" alt='x y' "#);
        assert_eq!(args.positional, vec!["a.png", "Resize", "800x"]);
        assert_eq!(args.get("title"), Some("A \"big\" one"));
        assert_eq!(args.get("ALT"), Some("x y"));
        assert_eq!(args.get_or_at("src", 0), Some("a.png"));
    }
}
