//! An article from the web: a fetched page read like a saved one.
//!
//! The page's Content-Type says what it is when it says something useful: a web page
//! is extracted as HTML, an image or a PDF is refused before any reading. A type that
//! says little (`text/plain` on an HTML page, `application/octet-stream`) is checked
//! against the bytes, as for a file without an extension, so a misconfigured server
//! does not hide an article.

use super::fetch::{self, Client, Page};
use super::{Article, Format, LoadOptions, detect, parse};
use anyhow::{Result, bail};

/// Fetches a URL and reads the article (or articles) in it; `source` is the URL.
pub fn load_url(url: &str, options: &LoadOptions) -> Result<Vec<Article>> {
    let client = Client::new(options);
    let page = client.get(url)?;
    page_articles(&page)
}

/// Reads a fetched page as articles.
pub fn page_articles(page: &Page) -> Result<Vec<Article>> {
    let url = &page.url;
    let content_type = page.content_type.as_deref();
    if let Some(ct) = content_type {
        fetch::refuse_type(url, ct)?;
    }
    if page.body.iter().all(u8::is_ascii_whitespace) {
        bail!("{url}: the server sent nothing, not an article");
    }
    let (bytes, lossy) = fetch::to_utf8(page.body.clone(), content_type);
    let format = match content_type.map(fetch::media_type).as_deref() {
        Some("text/html" | "application/xhtml+xml") => Format::Html,
        Some("text/markdown" | "text/x-markdown") => Format::Markdown,
        _ => detect(None, &bytes),
    };
    let mut articles = parse(url, bytes, format)?;
    if lossy {
        for a in &mut articles {
            a.notes.push(format!(
                "characters not in {} replaced with \u{fffd}",
                content_type.and_then(fetch::charset_of).unwrap_or("its charset")
            ));
        }
    }
    Ok(articles)
}
