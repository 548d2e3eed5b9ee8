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

/// Where a feed comes from: an address to fetch, a file to read, or items already read
/// (a feed fetched or piped in to see what it was).
#[derive(Debug, Clone)]
pub enum FeedInput {
    Url(String),
    Path(String),
    Items(Vec<FeedItem>),
}

impl FeedInput {
    /// A subscription as the config or an OPML file names it: an address or a path.
    pub fn named(name: &str) -> FeedInput {
        if fetch::is_url(name) {
            FeedInput::Url(name.to_owned())
        } else {
            FeedInput::Path(name.to_owned())
        }
    }
}

/// One item of a feed that was read, with the feed it came in and its place there.
#[derive(Debug, Clone)]
pub struct FeedItem {
    /// The feed's source (its URL or path), for the `source` of an item without a link.
    pub feed: String,
    pub index: usize,
    pub item: Item,
}

impl FeedItem {
    /// The items of one feed's bytes, in the feed's order; a feed with no items is an
    /// error (there is nothing to read).
    ///
    /// # Errors
    /// When the bytes are no feed, or one of no items, naming `source`.
    pub fn all_of(source: &str, bytes: &[u8], base: Option<&str>) -> Result<Vec<FeedItem>> {
        let items = feed::items(source, bytes, base)?;
        if items.is_empty() {
            bail!("{source}: the feed has no items");
        }
        let feed = source.to_owned();
        Ok(items
            .into_iter()
            .enumerate()
            .map(|(index, item)| FeedItem { feed: feed.clone(), index, item })
            .collect())
    }

    /// Whether the feed holds the whole story, so its link need not be fetched.
    pub fn is_whole(&self) -> bool {
        self.item.is_whole()
    }

    /// The item from the feed's text alone: the whole story, or the summary shown while
    /// the story is fetched.
    pub fn summary(&self) -> Article {
        self.item.article(&self.feed, self.index)
    }

    /// The story: the feed's text when it is whole, else the page its link names (the
    /// summary, with a note, when that cannot be had).
    pub fn story(&self, client: &Client) -> Article {
        if self.is_whole() {
            self.summary()
        } else {
            fetched_article(&self.feed, self.index, &self.item, client)
        }
    }
}

/// Reads the feeds, several at a time, into one list of items newest first (items
/// without a date last, in their feed's order); `progress` hears (feeds read, feeds).
/// A feed that cannot be fetched or read, or has no items, is one of the problems
/// returned (one line each, naming it); the others are read all the same.
pub fn read_feeds(
    inputs: &[FeedInput],
    client: &Client,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> (Vec<FeedItem>, Vec<(String, String)>) {
    let read = in_parallel(inputs, progress, |input| -> Result<Vec<FeedItem>> {
        match input {
            FeedInput::Url(url) => {
                let page = client.get(url)?;
                FeedItem::all_of(url, &page.body, Some(url))
            }
            FeedInput::Path(path) => {
                let bytes = std::fs::read(path).map_err(|e| anyhow::anyhow!("{path}: {e}"))?;
                FeedItem::all_of(path, &bytes, None)
            }
            FeedInput::Items(items) => Ok(items.clone()),
        }
    });
    let mut items: Vec<FeedItem> = Vec::new();
    let mut problems = Vec::new();
    for (input, result) in inputs.iter().zip(read) {
        let name = match input {
            FeedInput::Url(s) | FeedInput::Path(s) => s.clone(),
            FeedInput::Items(items) => items.first().map(|i| i.feed.clone()).unwrap_or_default(),
        };
        match result {
            Some(Ok(read)) => items.extend(read),
            Some(Err(e)) => problems.push((name, format!("{e:#}"))),
            None => problems.push((name.clone(), format!("{name}: failed"))),
        }
    }
    // Newest first; the sort is stable, so undated items keep their feed's order.
    items.sort_by_key(|i| std::cmp::Reverse(i.item.timestamp.unwrap_or(i64::MIN)));
    (items, problems)
}

/// Which of the subscriptions' items are listed: those published in the last `seconds`
/// before `now` (seconds since 1970; the caller reads the clock, so a test can say what
/// time it is), those dated later (a clock set wrong is no reason to hide news), and
/// every item with no date, which the newest-first order puts after the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub seconds: u64,
    pub now: i64,
}

impl Window {
    pub fn keeps(&self, item: &Item) -> bool {
        let from = self.now.saturating_sub(i64::try_from(self.seconds).unwrap_or(i64::MAX));
        item.timestamp.is_none_or(|t| t >= from)
    }

    /// The items it keeps, in their order, and how many it left out.
    pub fn apply(&self, items: Vec<FeedItem>) -> (Vec<FeedItem>, usize) {
        let all = items.len();
        let kept: Vec<FeedItem> = items.into_iter().filter(|i| self.keeps(&i.item)).collect();
        let left_out = all - kept.len();
        (kept, left_out)
    }
}

/// The items of every subscribed feed as one library, newest first, their stories
/// fetched: what `--feeds --json` prints. Only those `window` keeps are fetched, and
/// how many it left out is said in `problems` (and is the error when it keeps none).
/// A feed that cannot be fetched or read is a warning in `problems`; none readable at
/// all is an error.
pub fn subscriptions(
    feeds: &[String],
    options: &LoadOptions,
    window: Option<(Window, &str)>,
    problems: &mut Vec<String>,
) -> Result<Vec<Article>> {
    if feeds.is_empty() {
        bail!("{NOTHING_SUBSCRIBED}");
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
    let inputs: Vec<FeedInput> = feeds.iter().map(|f| FeedInput::named(f)).collect();
    let (items, failed) = read_feeds(&inputs, &client, &report("feeds"));
    let all_failed = failed.len() == feeds.len();
    problems.extend(failed.into_iter().map(|(_, reason)| reason));
    if items.is_empty() {
        match problems.first() {
            Some(p) if all_failed => bail!("{p}"),
            _ => bail!("the feeds have no items"),
        }
    }
    let (items, left_out) = match window {
        Some((w, _)) => w.apply(items),
        None => (items, 0),
    };
    if let Some((_, span)) = window.filter(|_| left_out > 0) {
        let said = older(left_out, span);
        if items.is_empty() {
            bail!("no items from the last {span} in the feeds; {said}");
        }
        problems.push(said);
    }
    let entries: Vec<(&str, usize, &Item)> =
        items.iter().map(|i| (i.feed.as_str(), i.index, &i.item)).collect();
    Ok(resolve_entries(&entries, &client, &report("stories")))
}

/// "3 items older than 24 h left out (--since 3d or --since all lists them)": what a
/// window left out, and how to see it. `span` is the window in words (`24 h`, `3 days`).
pub fn older(left_out: usize, span: &str) -> String {
    let items = if left_out == 1 { "item" } else { "items" };
    format!("{left_out} {items} older than {span} left out (--since 3d or --since all lists them)")
}

/// What to say when `--feeds` has nothing to read.
pub const NOTHING_SUBSCRIBED: &str =
    "no feeds to read: add feeds = [\"https://…\"] to config.toml, or give --opml FILE";

/// `f` of each input, [`FETCHES_AT_ONCE`] at a time, in the inputs' order (the first
/// started first); for work that reports its results as it goes.
pub fn each_in_parallel<T: Sync>(inputs: &[T], f: impl Fn(&T) + Sync) {
    in_parallel(inputs, &|_, _| {}, f);
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

/// What an input turned out to be when opened for the reader: articles, or a feed
/// whose stories are still to be fetched (behind the Library, not before it).
#[derive(Debug)]
pub enum Opened {
    Articles(Vec<Article>),
    /// A feed's items; `again` reads it anew (its address or path), when it can be
    /// (a pipe cannot).
    Feed {
        items: Vec<FeedItem>,
        again: Option<FeedInput>,
    },
}

/// Reads one input (a URL, a path, `-`) as [`super::load_path_with`] does, but a feed
/// only as far as its items: nothing is fetched for them yet.
///
/// # Errors
/// As [`super::load_path_with`]; a feed with no items is an error.
pub fn open_input(path: &std::path::Path, options: &LoadOptions) -> Result<Opened> {
    let name = path.to_string_lossy().into_owned();
    if fetch::is_url(&name) {
        let client = Client::new(options);
        let page = client.get(&name)?;
        if is_feed_page(&page) {
            let items = FeedItem::all_of(&name, &page.body, Some(&name))?;
            return Ok(Opened::Feed { items, again: Some(FeedInput::Url(name)) });
        }
        return page_articles(&page).map(Opened::Articles);
    }
    if path.to_str().is_none() || (name != "-" && path.is_dir()) {
        return super::load_path_with(path, options).map(Opened::Articles);
    }
    let bytes = super::read_input(&name, options)?;
    if feed::is_feed(&bytes) {
        let items = FeedItem::all_of(&name, &bytes, None)?;
        let again = (name != "-").then_some(FeedInput::Path(name));
        return Ok(Opened::Feed { items, again });
    }
    let format = detect(Some(&name), &bytes);
    super::parse(&name, bytes, format).map(Opened::Articles)
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

#[cfg(test)]
mod window_tests {
    use super::*;

    #[test]
    fn a_window_keeps_its_span_the_future_and_the_undated() {
        let at = |t: Option<i64>| Item {
            title: None,
            link: None,
            timestamp: t,
            date: None,
            author: None,
            feed: None,
            paragraphs: Vec::new(),
            from_content: false,
            links: Vec::new(),
        };
        let w = Window { seconds: 3600, now: 10_000 };
        assert!(w.keeps(&at(Some(10_000 - 3600))), "the window's first second");
        assert!(!w.keeps(&at(Some(10_000 - 3601))));
        assert!(w.keeps(&at(Some(20_000))), "a clock ahead is no reason to hide news");
        assert!(w.keeps(&at(None)));
        let items = [Some(9_000), Some(1), None, Some(5_000)].map(|t| FeedItem {
            feed: "f".into(),
            index: 0,
            item: at(t),
        });
        let (kept, left_out) = w.apply(items.to_vec());
        let kept: Vec<Option<i64>> = kept.iter().map(|i| i.item.timestamp).collect();
        assert_eq!((kept, left_out), (vec![Some(9_000), None], 2));
        // The widest window does not overflow.
        assert!(Window { seconds: u64::MAX, now: i64::MIN }.keeps(&at(Some(i64::MIN))));
    }
}
