//! A build's write-up cards, each made when the first page that shows it
//! renders and freed after the last one. Held for the whole render, every
//! card of 100,000 write-ups took about 200 MB at the build's peak (the
//! start of the render, when every body is still held); pages render in
//! the order of the write-ups they show (`pages::render_order`), so the
//! pages that show a card render close together and few cards are alive
//! at once. Each card is still made once: a card's uses are counted
//! before the render, as `render_job` asks for them.

use std::sync::Mutex;

use tera::Value;

use crate::assemble::Site;

/// Every write-up's card, made on demand.
pub struct LazyCards {
    /// Per write-up: its card while pages still to render show it, and
    /// how many of them there are.
    slots: Vec<Mutex<(Option<Value>, usize)>>,
}

impl LazyCards {
    /// No card made yet; each write-up's uses counted: its home pager,
    /// its strategies' pagers and the write-ups that list it as related.
    pub fn new(site: &Site) -> Self {
        let mut uses = vec![1usize; site.posts.len()];
        let terms = site.strategies.iter().flat_map(|term| &term.posts);
        let related = site.posts.iter().flat_map(|post| &post.related);
        for &i in terms.chain(related) {
            uses[i] += 1;
        }
        LazyCards {
            slots: uses.into_iter().map(|n| Mutex::new((None, n))).collect(),
        }
    }

    /// Write-up `i`'s card, made by `make` unless a page showed it
    /// before; freed with this use when it is the last one counted. A use
    /// past the count (never expected) makes the card again, alike.
    pub fn get(&self, i: usize, make: impl FnOnce() -> Value) -> Value {
        let mut slot = self.slots[i]
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let (card, uses) = &mut *slot;
        let value = card.take().unwrap_or_else(make);
        *uses = uses.saturating_sub(1);
        if *uses > 0 {
            *card = Some(value.clone());
        }
        value
    }
}

#[cfg(test)]
mod tests {
    use super::LazyCards;
    use tera::Value;

    #[test]
    fn a_card_is_made_once_and_freed_after_its_last_counted_use() {
        let cards = LazyCards {
            slots: vec![std::sync::Mutex::new((None, 2))],
        };
        let made = std::cell::Cell::new(0);
        let make = || {
            made.set(made.get() + 1);
            Value::from("card")
        };
        assert_eq!(cards.get(0, make), Value::from("card"));
        assert_eq!(cards.get(0, make), Value::from("card"));
        assert!(
            cards.slots[0].lock().unwrap().0.is_none(),
            "kept after its last use"
        );
        assert_eq!(made.get(), 1);
        // A use nobody counted still gets the card.
        assert_eq!(cards.get(0, make), Value::from("card"));
        assert_eq!(made.get(), 2);
    }
}
