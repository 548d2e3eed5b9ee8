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
use super::{Article, Format, LoadOptions, detect, parse_in};
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
    let entries: Vec<(&str, usize, &Item)> =
        items.iter().enumerate().map(|(i, item)| (feed_source, i, item)).collect();
    resolve_entries(&entries, client, progress)
}

/// [`resolve`] over items of several feeds: (feed source, index in its feed, item).
fn resolve_entries(
    entries: &[(&str, usize, &Item)],
    client: &Client,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Vec<Article> {
    let to_fetch: Vec<usize> = (0..entries.len()).filter(|&i| !entries[i].2.is_whole()).collect();
    let fetched = in_parallel(&to_fetch, progress, |&i| {
        let (feed, index, item) = entries[i];
        fetched_article(feed, index, item, client)
    });
    let mut fetched = fetched.into_iter();
    entries
        .iter()
        .map(|&(feed, index, item)| {
            if item.is_whole() {
                item.article(feed, index)
            } else {
                // A worker that panicked left its item: it keeps the feed's text.
                fetched.next().flatten().unwrap_or_else(|| item.article(feed, index))
            }
        })
        .collect()
}

/// `f` of each input, [`FETCHES_AT_ONCE`] at a time, in the inputs' order; `None` where
/// `f` panicked. `progress` hears (done, all) after each.
fn in_parallel<T: Sync, R: Send>(
    inputs: &[T],
    progress: &(dyn Fn(usize, usize) + Sync),
    f: impl Fn(&T) -> R + Sync,
) -> Vec<Option<R>> {
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let mut out: Vec<Option<R>> = (0..inputs.len()).map(|_| None).collect();
    let results: Vec<Vec<(usize, R)>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..FETCHES_AT_ONCE.min(inputs.len()))
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let n = next.fetch_add(1, Ordering::SeqCst);
                        let Some(input) = inputs.get(n) else { break };
                        mine.push((n, f(input)));
                        progress(done.fetch_add(1, Ordering::SeqCst) + 1, inputs.len());
                    }
                    mine
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap_or_default()).collect()
    });
    for (n, r) in results.into_iter().flatten() {
        out[n] = Some(r);
    }
    out
}

/// The items of every subscribed feed as one library, newest first (items without a
/// date last, in their feed's order). A feed that cannot be fetched or read is a
/// warning in `problems`; none readable at all is an error.
pub fn subscriptions(
    feeds: &[String],
    options: &LoadOptions,
    problems: &mut Vec<String>,
) -> Result<Vec<Article>> {
    if feeds.is_empty() {
        bail!("no feeds to read: add feeds = [\"https://…\"] to config.toml, or give --opml FILE");
    }
    let client = Client::new(options);
    let progress = std::io::stderr().is_terminal();
    let report = |what: &'static str| {
        move |done: usize, all: usize| {
            if progress {
                let end = if done == all { "\r\x1b[K" } else { "" };
                let _ = write!(std::io::stderr(), "\rwhosaid: fetching {what} {done}/{all}{end}");
            }
        }
    };
    let read = in_parallel(feeds, &report("feeds"), |url| -> Result<Vec<Item>> {
        if fetch::is_url(url) {
            let page = client.get(url)?;
            let items = feed::items(url, &page.body, Some(url))?;
            Ok(items)
        } else {
            let bytes = std::fs::read(url).map_err(|e| anyhow::anyhow!("{url}: {e}"))?;
            feed::items(url, &bytes, None)
        }
    });
    let mut entries: Vec<(&str, usize, &Item, Option<i64>)> = Vec::new();
    let read: Vec<(&String, Result<Vec<Item>>)> = feeds
        .iter()
        .zip(read)
        .map(|(url, r)| (url, r.unwrap_or_else(|| Err(anyhow::anyhow!("{url}: failed")))))
        .collect();
    for (url, items) in &read {
        match items {
            Ok(items) => entries.extend(
                items.iter().enumerate().map(|(i, item)| (url.as_str(), i, item, item.timestamp)),
            ),
            Err(e) => problems.push(format!("{e:#}")),
        }
    }
    if entries.is_empty() {
        match problems.first() {
            Some(p) if read.iter().all(|(_, r)| r.is_err()) => bail!("{p}"),
            _ => bail!("the feeds have no items"),
        }
    }
    // Newest first; the sort is stable, so undated items keep their feed's order.
    entries.sort_by_key(|e| std::cmp::Reverse(e.3.unwrap_or(i64::MIN)));
    let entries: Vec<(&str, usize, &Item)> = entries.iter().map(|e| (e.0, e.1, e.2)).collect();
    Ok(resolve_entries(&entries, &client, &report("stories")))
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

/// The web address of an article: its source when that is one, else the `URL:` of
/// its metadata (a saved page that says where it came from).
pub fn url_of(article: &Article) -> Option<&str> {
    if fetch::is_url(&article.source) {
        return Some(&article.source);
    }
    article.meta.iter().find_map(|m| {
        let (label, value) = m.split_once(':')?;
        let value = value.trim();
        (label.trim().eq_ignore_ascii_case("url") && fetch::is_url(value)).then_some(value)
    })
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
    let format = match content_type.map(fetch::media_type).as_deref() {
        Some("text/html" | "application/xhtml+xml") => Format::Html,
        Some("text/markdown" | "text/x-markdown") => Format::Markdown,
        _ => detect(None, &page.body),
    };
    // The charset the server named is one piece of the evidence charset::decode
    // weighs (after a byte-order mark), as for a saved page.
    let charset = content_type.and_then(fetch::charset_of);
    let mut articles = parse_in(url, page.body.clone(), format, charset)?;
    for a in &mut articles {
        a.notes.extend(page.notes.iter().cloned());
    }
    Ok(articles)
}
