//! Saved web pages: the article body, found the way a browser's reader mode finds it.
//!
//! A news page is mostly not the story: navigation, sidebars, share buttons, comments,
//! footers, scripts. dom_smoothie (a port of Mozilla's Readability) scores the page's
//! blocks and keeps the article; its text, one paragraph per block, is the text.

use super::Article;
use anyhow::{Result, bail};
use dom_smoothie::{Config, Readability, TextMode};

/// Extracts the article of a web page.
pub fn extract(source: &str, html: &str) -> Result<Article> {
    let config = Config { text_mode: TextMode::Formatted, ..Config::default() };
    let parsed = Readability::new(html, None, Some(config)).and_then(|mut r| r.parse());
    let page = match parsed {
        Ok(page) => page,
        Err(e) => bail!("{source}: no article found in this web page ({e})"),
    };
    let text = page.text_content.to_string();
    let paragraphs: Vec<String> = text
        .split("\n\n")
        .map(|p| p.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n"))
        .collect();
    if paragraphs.iter().all(|p| p.is_empty()) {
        bail!("{source}: no article text found in this web page");
    }
    let mut meta = Vec::new();
    for (label, value) in [
        ("Author", page.byline.as_deref()),
        ("Date", page.published_time.as_deref()),
        ("Site", page.site_name.as_deref()),
        ("URL", page.url.as_deref()),
    ] {
        if let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) {
            meta.push(format!("{label}: {v}"));
        }
    }
    let title = Some(page.title).filter(|t| !t.trim().is_empty());
    Ok(Article::from_parts(source, title, paragraphs, meta))
}
