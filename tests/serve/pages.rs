//! What serve answers: pages under the base path with the reload script,
//! content types, 404, HEAD, percent-encoding, nothing outside the site.

use super::{Preview, raw_request, sub_path_site};

#[test]
fn pages_are_served_under_the_base_path_with_the_reload_script() {
    let site = sub_path_site();
    let preview = Preview::start(&site, &[]);
    assert!(
        preview.url.starts_with("http://127.0.0.1:"),
        "{}",
        preview.url
    );
    assert!(preview.url.ends_with("/growth/"), "{}", preview.url);

    let root = preview.request("GET", "/");
    assert_eq!(root.status, 302);
    assert_eq!(root.header("location"), Some("/growth/"));

    let home = preview.get("");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(home.header("cache-control"), Some("no-store"));
    let html = home.text();
    let script = html
        .find("<script id=\"growthsite-live\">")
        .expect("script");
    assert!(script < html.rfind("</body>").unwrap());
    // Absolute URLs point at the preview, not at the published site.
    assert!(html.contains(&format!("{}atom.xml", preview.url)), "{html}");
    assert!(!html.contains("https://example.com/growth/"));

    let folder = preview.get("mistakes/a");
    assert!([301, 302].contains(&folder.status));
    assert_eq!(folder.header("location"), Some("/growth/mistakes/a/"));
    let page = preview.get("mistakes/a/");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("First mistake"));

    let css = preview.get("style.css");
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
    assert!(!css.text().contains("growthsite-live"));
    assert!(
        !site.exists("public"),
        "serve must not write the output folder"
    );
}

#[test]
fn content_types_follow_the_file_type() {
    let site = sub_path_site();
    let preview = Preview::start(&site, &[]);
    for (path, expected) in [
        ("logo.png", "image/png"),
        ("photo.jpg", "image/jpeg"),
        ("photo.jpeg", "image/jpeg"),
        ("anim.gif", "image/gif"),
        ("pic.webp", "image/webp"),
        ("pic.avif", "image/avif"),
        ("font.woff2", "font/woff2"),
        ("data.json", "application/json"),
        ("notes.txt", "text/plain; charset=utf-8"),
        ("icon.svg", "image/svg+xml"),
        ("app.js", "text/javascript; charset=utf-8"),
        ("blob.bin", "application/octet-stream"),
        ("atom.xml", "application/xml; charset=utf-8"),
        ("sitemap.xml", "application/xml; charset=utf-8"),
        ("robots.txt", "text/plain; charset=utf-8"),
        ("about/", "text/html; charset=utf-8"),
    ] {
        let reply = preview.get(path);
        assert_eq!(reply.status, 200, "{path}");
        assert_eq!(reply.header("content-type"), Some(expected), "{path}");
    }
    assert_eq!(preview.get("notes.txt").text(), "contents of notes.txt");
}

#[test]
fn missing_pages_get_the_404_page_with_status_404() {
    let site = sub_path_site();
    let preview = Preview::start(&site, &[]);
    let reply = preview.get("no/such/page/");
    assert_eq!(reply.status, 404);
    assert_eq!(
        reply.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    let built_404 = preview.get("404.html");
    let text = reply.text();
    assert!(text.contains("growthsite-live"), "the 404 page reloads too");
    assert_eq!(text, built_404.text());
    assert_eq!(preview.request("GET", "/elsewhere/").status, 404);
}

#[test]
fn head_gives_the_headers_without_a_body() {
    let site = sub_path_site();
    let preview = Preview::start(&site, &[]);
    let get = preview.get("");
    let head = preview.request("HEAD", "/growth/");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(head.header("content-type"), get.header("content-type"));
    let length: usize = head.header("content-length").unwrap().parse().unwrap();
    assert_eq!(length, get.body.len());
    assert_eq!(preview.request("POST", "/growth/").status, 405);
}

#[test]
fn percent_encoded_paths_are_decoded() {
    let site = sub_path_site().file("static/caf\u{e9} menu.txt", "coffee");
    let preview = Preview::start(&site, &[]);
    let reply = preview.get("caf%C3%A9%20menu.txt");
    assert_eq!(reply.status, 200);
    assert_eq!(reply.text(), "coffee");
}

#[test]
fn nothing_outside_the_site_can_be_read() {
    let site = sub_path_site();
    std::fs::write(site.scratch("secret.txt"), "TOP-SECRET").unwrap();
    let secret = site.scratch("secret.txt").to_string_lossy().into_owned();
    let preview = Preview::start(&site, &[]);
    let targets = [
        "/../secret.txt".to_string(),
        "/growth/../../secret.txt".to_string(),
        "/growth/../growthsite.yaml".to_string(),
        "/growth/%2e%2e/%2e%2e/secret.txt".to_string(),
        "/growth/%2E%2E%2F%2E%2E%2Fsecret.txt".to_string(),
        "/growth/%252e%252e/%252e%252e/secret.txt".to_string(),
        "/growth/..%5c..%5csecret.txt".to_string(),
        "/growth/..\\..\\secret.txt".to_string(),
        format!("/growth/{secret}"),
        format!("/growth//{}", secret.trim_start_matches('/')),
        secret.clone(),
        "/growth/content/mistakes/a.md".to_string(),
        "/growth/mistakes/a/index.html%00.png".to_string(),
        "/growth/%00".to_string(),
        "/growth/./style.css/../../secret.txt".to_string(),
        "/etc/passwd".to_string(),
    ];
    for target in &targets {
        let request = format!("GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        let reply = raw_request(preview.addr, request.as_bytes(), false);
        assert!(
            [400, 404].contains(&reply.status),
            "{target}: status {}",
            reply.status
        );
        let text = reply.text();
        assert!(!text.contains("TOP-SECRET"), "{target}");
        assert!(!text.contains("base_url:"), "{target}");
        assert!(!text.contains("lesson: Check first."), "{target}");
    }
    // A raw NUL byte in the request line.
    let reply_nul = raw_request(
        preview.addr,
        b"GET /growth/\0/../../secret.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        false,
    );
    assert!(!reply_nul.text().contains("TOP-SECRET"));
    assert_ne!(reply_nul.status, 200);
}
