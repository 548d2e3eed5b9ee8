//! An article from the web: a fetched page read like a saved one.
//!
//! The page's Content-Type says what it is when it says something useful: a web page
//! is extracted as HTML, an image or a PDF is refused before any reading. A type that
//! says little (`text/plain` on an HTML page, `application/octet-stream`) is checked
//! against the bytes, as for a file without an extension, so a misconfigured server
//! does not hide an article.
//!
//! A feed, fetched or read from a file, gives one article per item: the feed's own
//! text when it holds the whole story, else the page its link names, fetched several
//! at a time. An item whose page cannot be had keeps the feed's summary, with a note
//! saying why: one unreachable story does not close the feed.

use super::feed::{self, Item};
use super::fetch::{self, Client, Page};
use super::{Article, Format, LoadOptions, detect, parse};
use anyhow::{Result, bail};
use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicUsize, Ordering};

/// How many stories of a feed are fetched at once: enough to hide the network's
/// latency, few enough not to hammer one site.
pub const FETCHES_AT_ONCE: usize = 8;

/// Fetches a URL and reads the article (or articles) in it; `source` is the URL. A
/// feed gives its items.
pub fn load_url(url: &str, options: &LoadOptions) -> Result<Vec<Article>> {
    let client = Client::new(options);
    let page = client.get(url)?;
    if is_feed_page(&page) {
        return feed_articles(url, &page.body, Some(url), &client);
    }
    page_articles(&page)
}

/// Whether a fetched page is a feed: by its type, or by its content when the type is
/// a generic one (`text/xml`, `application/json`, `text/plain`).
pub fn is_feed_page(page: &Page) -> bool {
    let media = page.content_type.as_deref().map(fetch::media_type);
    media.as_deref().is_some_and(feed::is_feed_type) || feed::is_feed(&page.body)
}

/// The items of a feed as articles, the stories of summary-only items fetched with
/// `client`. `base` resolves relative links.
pub fn feed_articles(
    source: &str,
    bytes: &[u8],
    base: Option<&str>,
    client: &Client,
) -> Result<Vec<Article>> {
    let items = feed::items(source, bytes, base)?;
    if items.is_empty() {
        bail!("{source}: the feed has no items");
    }
    let progress = std::io::stderr().is_terminal();
    Ok(resolve(source, &items, client, &|done, all| {
        if progress {
            let end = if done == all { "\r\x1b[K" } else { "" };
            let _ = write!(std::io::stderr(), "\rwhosaid: fetching stories {done}/{all}{end}");
        }
    }))
}

/// Each item as an article, in the items' order: whole ones from the feed, the others
/// fetched, [`FETCHES_AT_ONCE`] at a time. `progress` hears (fetched, to fetch).
pub fn resolve(
    feed_source: &str,
    items: &[Item],
    client: &Client,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Vec<Article> {
    let to_fetch: Vec<usize> = (0..items.len()).filter(|&i| !items[i].is_whole()).collect();
    let mut out: Vec<Option<Article>> = items
        .iter()
        .enumerate()
        .map(|(i, item)| item.is_whole().then(|| item.article(feed_source, i)))
        .collect();
    if to_fetch.is_empty() {
        return out.into_iter().flatten().collect();
    }
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let fetched: Vec<Vec<(usize, Article)>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..FETCHES_AT_ONCE.min(to_fetch.len()))
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let n = next.fetch_add(1, Ordering::SeqCst);
                        let Some(&i) = to_fetch.get(n) else { break };
                        mine.push((i, fetched_article(feed_source, i, &items[i], client)));
                        progress(done.fetch_add(1, Ordering::SeqCst) + 1, to_fetch.len());
                    }
                    mine
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap_or_default()).collect()
    });
    for (i, article) in fetched.into_iter().flatten() {
        out[i] = Some(article);
    }
    // A worker that panicked left its items: they keep the feed's text.
    out.into_iter()
        .enumerate()
        .map(|(i, a)| a.unwrap_or_else(|| items[i].article(feed_source, i)))
        .collect()
}

/// The story an item links to, with the item's date, feed and address; the feed's
/// own text, with a note, when the page cannot be fetched or read.
fn fetched_article(feed_source: &str, index: usize, item: &Item, client: &Client) -> Article {
    let Some(link) = &item.link else { return item.article(feed_source, index) };
    let page = client.get(link).and_then(|p| page_articles(&p));
    match page {
        Ok(mut articles) => {
            let mut article = articles.swap_remove(0);
            article.source = link.clone();
            for line in item.meta() {
                let label = line.split(':').next().unwrap_or("");
                if !article.meta.iter().any(|m| m.split(':').next() == Some(label)) {
                    article.meta.push(line);
                }
            }
            article
        }
        Err(e) => {
            let mut article = item.article(feed_source, index);
            article.notes.push(format!("{e:#}; showing the feed's summary"));
            article
        }
    }
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
    for a in &mut articles {
        a.notes.extend(page.notes.iter().cloned());
    }
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
