//! News feeds: RSS 2.0 (and 0.9x, 1.0), Atom and JSON Feed, read with feed-rs.
//!
//! A feed is a list of stories, so it reads as a library: one [`Item`] per entry, with
//! its title, date, link and whatever text the feed carries. Some feeds carry the whole
//! story (`content:encoded`, Atom `content`, JSON Feed `content_html`), most only a
//! summary; [`Item::is_whole`] tells which, and the story behind a summary's link is
//! fetched by [`super::web`], the only part that uses the network. Nothing here does.
//!
//! The text of an item is HTML more often than not; it is turned into paragraphs here
//! ([`html_paragraphs`]): block elements end a paragraph, other tags are dropped, and
//! character references are decoded. Feed fragments are clean enough for that, and
//! dom_smoothie's article scoring would throw away a short one.

use super::{Article, Link, LinkedText, link_target};
use anyhow::{Result, anyhow};
use regex::Regex;
use std::sync::LazyLock;

/// Fewer words than this in an item's text and it is a summary, not the story.
pub const WHOLE_STORY_WORDS: usize = 150;

/// One entry of a feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub title: Option<String>,
    /// The story's address, when the feed gives one.
    pub link: Option<String>,
    /// Seconds since 1970 (published, else updated), for ordering items newest first.
    pub timestamp: Option<i64>,
    /// "2026-03-03 09:15", in UTC.
    pub date: Option<String>,
    pub author: Option<String>,
    /// The feed's own title.
    pub feed: Option<String>,
    /// The item's text as paragraphs: its content, else its summary.
    pub paragraphs: Vec<String>,
    /// Whether `paragraphs` came from the content rather than the summary.
    pub from_content: bool,
    /// The links on the words of each paragraph (offsets into it); shorter than
    /// `paragraphs`, or empty, where there are none.
    pub links: Vec<Vec<Link>>,
}

impl Item {
    /// Whether the feed's text is the whole story, so nothing needs fetching: a content
    /// field of some length, or any text at all when there is no link to follow.
    pub fn is_whole(&self) -> bool {
        let words: usize = self.paragraphs.iter().map(|p| p.split_whitespace().count()).sum();
        self.link.is_none() || (self.from_content && words >= WHOLE_STORY_WORDS)
    }

    /// The item as an article from the feed's text alone. `source` is the item's link,
    /// else the feed's source with the item's number (`feed.xml#3`).
    pub fn article(&self, feed_source: &str, index: usize) -> Article {
        let source = self.link.clone().unwrap_or_else(|| format!("{feed_source}#{}", index + 1));
        let mut links = self.links.iter();
        let paragraphs = self.paragraphs.iter().map(|p| LinkedText {
            text: p.clone(),
            links: links.next().cloned().unwrap_or_default(),
        });
        Article::from_linked_parts(source, self.title.clone(), paragraphs, self.meta())
    }

    /// The metadata lines of the item: shown in the status line and the Library.
    pub fn meta(&self) -> Vec<String> {
        let mut meta = Vec::new();
        for (label, value) in [
            ("Date", &self.date),
            ("Author", &self.author),
            ("Feed", &self.feed),
            ("URL", &self.link),
        ] {
            if let Some(v) = value {
                meta.push(format!("{label}: {v}"));
            }
        }
        meta
    }
}

/// Whether bytes are a feed rather than a page: an XML document whose root is `rss`,
/// `feed` or `rdf:RDF`, or a JSON object naming a jsonfeed.org version.
pub fn is_feed(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
    let head = head.trim_start_matches('\u{feff}').trim_start();
    if head.starts_with('{') {
        return head.contains("jsonfeed.org/version");
    }
    // The first element after the XML declaration, comments and a doctype.
    let mut rest = head;
    while let Some(after) = rest.strip_prefix('<') {
        if after.starts_with('?') || after.starts_with('!') {
            let Some(end) = after.find('>') else { return false };
            rest = after[end + 1..].trim_start();
            continue;
        }
        let name: String = after
            .chars()
            .take_while(|c| c.is_alphanumeric() || matches!(c, ':' | '-' | '_'))
            .collect::<String>()
            .to_ascii_lowercase();
        return matches!(name.as_str(), "rss" | "feed" | "rdf:rdf");
    }
    false
}

/// Whether a Content-Type names a feed.
pub fn is_feed_type(media_type: &str) -> bool {
    matches!(
        media_type,
        "application/rss+xml"
            | "application/atom+xml"
            | "application/feed+json"
            | "application/rdf+xml"
            | "application/x-rss+xml"
    )
}

/// The items of a feed, in the feed's order. `base` resolves relative links (the
/// feed's own URL, when it was fetched).
///
/// # Errors
/// When the bytes are no feed feed-rs can read, naming `source`.
pub fn items(source: &str, bytes: &[u8], base: Option<&str>) -> Result<Vec<Item>> {
    let parser = feed_rs::parser::Builder::new().base_uri(base).build();
    let feed =
        parser.parse(bytes).map_err(|e| anyhow!("{source}: not a feed feed-rs can read ({e})"))?;
    let feed_title = feed.title.as_ref().map(|t| one_line(&t.content)).filter(|t| !t.is_empty());
    let mut out = Vec::with_capacity(feed.entries.len());
    for entry in feed.entries {
        let when = entry.published.or(entry.updated);
        let link = entry
            .links
            .iter()
            .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
            .or(entry.links.first())
            .map(|l| l.href.trim().to_owned())
            .filter(|h| !h.is_empty());
        // The item's text's relative links are relative to the story, else the feed.
        let link_base = link.as_deref().or(base).and_then(|u| url::Url::parse(u).ok());
        let content = entry.content.as_ref().and_then(|c| {
            let body = c.body.as_deref()?;
            Some(if c.content_type.as_str().contains("html") || looks_like_html(body) {
                html_linked_paragraphs(body, link_base.as_ref())
            } else {
                (text_paragraphs(body), Vec::new())
            })
        });
        let summary = entry.summary.as_ref().map(|t| {
            if t.content_type.as_str().contains("html") || looks_like_html(&t.content) {
                html_linked_paragraphs(&t.content, link_base.as_ref())
            } else {
                (text_paragraphs(&t.content), Vec::new())
            }
        });
        let ((paragraphs, links), from_content) = match (content, summary) {
            (Some(c), _) if !c.0.is_empty() => (c, true),
            (_, Some(s)) => (s, false),
            _ => ((Vec::new(), Vec::new()), false),
        };
        out.push(Item {
            title: entry
                .title
                .as_ref()
                .map(|t| one_line(&decode_entities(&strip_tags(&t.content)))),
            link,
            timestamp: when.map(|w| w.timestamp()),
            date: when.map(|w| w.format("%Y-%m-%d %H:%M").to_string()),
            author: entry
                .authors
                .first()
                .and_then(|a| a.name.as_deref())
                .map(one_line)
                .filter(|a| !a.is_empty()),
            feed: feed_title.clone(),
            paragraphs,
            from_content,
            links,
        });
    }
    Ok(out)
}

/// The items of a feed as articles from the feed's text alone (no fetching). A feed of
/// no items is an error: there is nothing to read.
pub fn articles(source: &str, bytes: &[u8]) -> Result<Vec<Article>> {
    let items = items(source, bytes, None)?;
    if items.is_empty() {
        anyhow::bail!("{source}: the feed has no items");
    }
    Ok(items.iter().enumerate().map(|(i, item)| item.article(source, i)).collect())
}

/// The feed addresses of an OPML subscription list (`<outline xmlUrl="…">`), in the
/// file's order, each once.
pub fn opml_feeds(text: &str) -> Vec<String> {
    static XML_URL: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(?i)\bxmlUrl\s*=\s*(?:"([^"]*)"|'([^']*)')"#).expect("the pattern is valid")
    });
    let mut out: Vec<String> = Vec::new();
    for c in XML_URL.captures_iter(text) {
        let raw = c.get(1).or(c.get(2)).map_or("", |m| m.as_str());
        let url = decode_entities(raw).trim().to_owned();
        if !url.is_empty() && !out.contains(&url) {
            out.push(url);
        }
    }
    out
}

fn looks_like_html(text: &str) -> bool {
    static TAGGY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)</?(p|br|div|a|em|strong|b|i|span|img|ul|li|h[1-6])\b")
            .expect("the pattern is valid")
    });
    TAGGY.is_match(text)
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Paragraphs of plain text: apart by blank lines, each on one line.
fn text_paragraphs(text: &str) -> Vec<String> {
    text.split("\n\n").map(one_line).filter(|p| !p.is_empty()).collect()
}

/// Paragraphs of an HTML fragment: block elements end one, other tags are dropped,
/// scripts and styles go with their content, character references are decoded.
pub fn html_paragraphs(html: &str) -> Vec<String> {
    static DROPPED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?is)<(script|style|noscript)\b.*?</(script|style|noscript)\s*>|<!--.*?-->")
            .expect("the pattern is valid")
    });
    static BLOCK: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)</?(p|div|br|li|ul|ol|h[1-6]|blockquote|tr|table|section|article|figure|figcaption|hr|pre|header|footer|aside)\b[^>]*>",
        )
        .expect("the pattern is valid")
    });
    let kept = DROPPED.replace_all(html, " ");
    let blocks = BLOCK.replace_all(&kept, "\n\n");
    let text = decode_entities(&strip_tags(&blocks));
    text.split("\n\n").map(one_line).filter(|p| !p.is_empty()).collect()
}

/// The first of the private-use characters that mark where link `n` opens while the
/// fragment goes through [`html_paragraphs`]'s steps, and the one that marks a close.
const OPEN_MARK: u32 = 0xF0000;
const CLOSE_MARK: char = '\u{10FFFD}';
/// The most links an item's text keeps (the marks there are).
const MAX_LINKS: usize = 0xFFFD - 1;

fn is_mark(c: char) -> bool {
    (OPEN_MARK..=OPEN_MARK + MAX_LINKS as u32).contains(&(c as u32)) || c == CLOSE_MARK
}

/// [`html_paragraphs`] with the links on their words: each `<a href>` (an address
/// [`link_target`] keeps, relative ones resolved against `base`) becomes a mark that
/// goes through the same steps as the text, and is then taken out where it landed.
///
/// N.B. The text is [`html_paragraphs`]'s, always: when the marked text without its
/// marks differs from it by a byte (a fragment that holds the marks' characters, an
/// anchor inside a comment the steps treat differently), the links are left out.
pub fn html_linked_paragraphs(
    html: &str,
    base: Option<&url::Url>,
) -> (Vec<String>, Vec<Vec<Link>>) {
    static ANCHOR: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)<a\b([^>]*)>|</a\s*>").expect("the pattern is valid"));
    static HREF: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"(?i)\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))"#)
            .expect("the pattern is valid")
    });
    let plain = html_paragraphs(html);
    if !html.contains("<a") && !html.contains("<A") || html.contains(is_mark) {
        return (plain, Vec::new());
    }
    let mut hrefs: Vec<String> = Vec::new();
    let marked = ANCHOR.replace_all(html, |c: &regex::Captures<'_>| {
        let Some(attrs) = c.get(1) else { return CLOSE_MARK.to_string() };
        let href = HREF.captures(attrs.as_str()).and_then(|h| h.get(1).or(h.get(2)).or(h.get(3)));
        let target = href.and_then(|h| link_target(&decode_entities(h.as_str()), base));
        match target {
            Some(t) if hrefs.len() < MAX_LINKS => {
                hrefs.push(t);
                char::from_u32(OPEN_MARK + hrefs.len() as u32 - 1)
                    .map_or(String::new(), String::from)
            }
            // Not a link anyone can follow: its words are plain, and it ends the one before.
            _ => CLOSE_MARK.to_string(),
        }
    });
    let mut texts = Vec::new();
    let mut links = Vec::new();
    // The link open (its target's index), and where its words began in this paragraph.
    let mut open: Option<usize> = None;
    for p in html_paragraphs(&marked) {
        let mut text = String::with_capacity(p.len());
        let mut here: Vec<Link> = Vec::new();
        let mut start: Option<usize> = None;
        let mut end = 0;
        for word in p.split(' ') {
            let mut spaced = false;
            for c in word.chars() {
                if is_mark(c) {
                    if let (Some(i), Some(s)) = (open, start.take()) {
                        here.push(Link { start: s, end, href: hrefs[i].clone() });
                    }
                    open = (c != CLOSE_MARK).then(|| (c as u32 - OPEN_MARK) as usize);
                    continue;
                }
                if !spaced {
                    spaced = true;
                    if !text.is_empty() {
                        text.push(' ');
                    }
                }
                if open.is_some() && start.is_none() {
                    start = Some(text.len());
                }
                text.push(c);
                if open.is_some() {
                    end = text.len();
                }
            }
        }
        if let (Some(i), Some(s)) = (open, start) {
            here.push(Link { start: s, end, href: hrefs[i].clone() });
        }
        if !text.is_empty() {
            texts.push(text);
            links.push(here);
        }
    }
    if texts != plain {
        return (plain, Vec::new());
    }
    (texts, links)
}

fn strip_tags(html: &str) -> String {
    static TAG: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"<[^>]*>").expect("the pattern is valid"));
    TAG.replace_all(html, "").into_owned()
}

/// Decodes numeric character references and the named ones news text uses. An
/// unknown name is left as written.
pub fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest[1..].find(|c: char| !(c.is_ascii_alphanumeric() || c == '#')).map(|e| e + 1);
        let decoded = match end {
            Some(end) if rest[end..].starts_with(';') && end > 1 => {
                entity(&rest[1..end]).map(|c| (c, end + 1))
            }
            _ => None,
        };
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code).filter(|c| *c != '\0');
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "laquo" => '«',
        "raquo" => '»',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "eacute" => 'é',
        "egrave" => 'è',
        "aacute" => 'á',
        "agrave" => 'à',
        "oacute" => 'ó',
        "iacute" => 'í',
        "uacute" => 'ú',
        "ntilde" => 'ñ',
        "ccedil" => 'ç',
        "uuml" => 'ü',
        "ouml" => 'ö',
        "auml" => 'ä',
        "szlig" => 'ß',
        "copy" => '©',
        "euro" => '€',
        "pound" => '£',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feeds_are_told_from_pages_by_their_root() {
        assert!(is_feed(b"<?xml version=\"1.0\"?>\n<!-- hi --><rss version=\"2.0\"><channel>"));
        assert!(is_feed(b"<feed xmlns=\"http://www.w3.org/2005/Atom\">"));
        assert!(is_feed(b"{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": []}"));
        assert!(!is_feed(b"<?xml version=\"1.0\"?><html><body>"));
        assert!(!is_feed(b"{\"title\": \"A\", \"body\": \"feed the cat\"}"));
        assert!(!is_feed(b"The feed ran dry."));
    }

    #[test]
    fn an_opml_list_gives_its_feed_addresses_once_each() {
        let opml = r#"<?xml version="1.0"?><opml version="2.0"><body>
            <outline text="World"><outline type="rss" text="A" xmlUrl="http://127.0.0.1/a.xml?x=1&amp;y=2"/>
            <outline type="rss" text='B' xmlUrl='http://127.0.0.1/b.xml'/></outline>
            <outline type="rss" text="A again" xmlurl="http://127.0.0.1/a.xml?x=1&amp;y=2"/>
            <outline text="no feed" htmlUrl="http://127.0.0.1/"/></body></opml>"#;
        assert_eq!(opml_feeds(opml), ["http://127.0.0.1/a.xml?x=1&y=2", "http://127.0.0.1/b.xml"]);
    }

    #[test]
    fn html_becomes_paragraphs_with_entities_decoded() {
        let p = html_paragraphs(
            "<p>Ministers &amp; officials met.</p><script>x()</script><p>&ldquo;No,&rdquo; she said&#x2e;<br>Then <b>left</b>.</p>",
        );
        assert_eq!(p, ["Ministers & officials met.", "“No,” she said.", "Then left."]);
    }

    #[test]
    fn an_items_links_keep_their_words_and_the_text_stays_the_same() {
        let base = url::Url::parse("https://news.example.com/2026/story.html").ok();
        let html = "<p>Read <a href=\"/docs/r.pdf?a=1&amp;b=2\"> the <b>report</b> </a>, \
                    <a href='javascript:alert(1)'>not this</a> and \
                    <A HREF=https://x.org/y>that</A>.</p><p>Write to \
                    <a href=\"mailto:desk@x.org\">the desk<p>and more</a> today.</p>\
                    <!-- <a href=\"https://hidden.example/\">gone</a> -->";
        let (paragraphs, links) = html_linked_paragraphs(html, base.as_ref());
        assert_eq!(paragraphs, html_paragraphs(html));
        let found: Vec<Vec<(&str, &str)>> = paragraphs
            .iter()
            .zip(&links)
            .map(|(p, ls)| ls.iter().map(|l| (&p[l.range()], l.href.as_str())).collect())
            .collect();
        assert_eq!(
            found,
            [
                vec![
                    ("the report", "https://news.example.com/docs/r.pdf?a=1&b=2"),
                    ("that", "https://x.org/y"),
                ],
                vec![("the desk", "mailto:desk@x.org")],
                vec![("and more", "mailto:desk@x.org")],
            ]
        );
        // A fragment holding the marks' own characters keeps its text and loses its links.
        let odd = "<p>A <a href=\"https://x.org/\">link</a> \u{10FFFD}.</p>";
        let (p, l) = html_linked_paragraphs(odd, None);
        assert_eq!((p, l), (html_paragraphs(odd), Vec::new()));
    }

    #[test]
    fn an_unknown_or_unfinished_reference_is_left_as_written() {
        assert_eq!(decode_entities("AT&T and &bogus; &#0; &"), "AT&T and &bogus; &#0; &");
    }

    #[test]
    fn a_short_content_is_a_summary_unless_there_is_no_link() {
        let mut item = Item {
            title: None,
            link: Some("http://127.0.0.1/a".into()),
            timestamp: None,
            date: None,
            author: None,
            feed: None,
            paragraphs: vec!["Talks ended.".into()],
            from_content: true,
            links: Vec::new(),
        };
        assert!(!item.is_whole());
        item.paragraphs = vec!["word ".repeat(WHOLE_STORY_WORDS)];
        assert!(item.is_whole());
        item.from_content = false;
        assert!(!item.is_whole(), "a long summary is still a summary when there is a link");
        item.link = None;
        assert!(item.is_whole());
    }
}
