//! Getting an article from where the user has it into an [`Article`].
//!
//! Plain text is kept byte for byte, so that every offset in the analysis is an offset
//! into the user's file. What is not the story (a title line, a trailing block of
//! `Tags:` lines) is found here, not removed: the title is still analysed (headlines
//! name actors) while the metadata is shown in the status line and left out of the
//! analysis.
//!
//! Other formats are read into the same [`Article`]: a web page ([`html`]), Markdown
//! ([`markdown`]) and JSON ([`json`]) give their extracted text, which is what the
//! reader shows and what the offsets point into. The title is the first paragraph of
//! that text (headlines name actors); author, date and address go to the metadata.
//! Which format an input is comes from [`detect`]; binaries are refused.
//!
//! Nothing here makes text safe for a terminal: that is [`sanitize`], applied where
//! text is drawn or printed, so that the text keeps its offsets.

mod boilerplate;
pub mod cache;
pub mod charset;
mod detect;
pub mod feed;
pub mod fetch;
pub mod gzip;
mod html;
mod json;
mod markdown;
pub mod sanitize;
mod text;
pub mod web;

use anyhow::{Result, bail};
use charset::Decoded;
use std::io::Read;
use std::path::Path;

pub use detect::{Format, binary_kind, detect};
pub use sanitize::{display_char, display_str};
pub use text::{split_metadata, title_of};

/// An article as the reader shows it and the analyser reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// Where it came from, as the user named it ("-" for standard input).
    pub source: String,
    /// The whole text; every span in the program is a byte range into it.
    pub text: String,
    /// The title, when the first line reads as one.
    pub title: Option<String>,
    /// The analysed part is `text[..body_end]`: everything but trailing metadata.
    pub body_end: usize,
    /// Trailing metadata lines, folded to "Label: value, value".
    pub meta: Vec<String>,
    /// Things the user should know about how the text was read (lossy decoding).
    pub notes: Vec<String>,
    /// How the bytes were decoded, when not as UTF-8 without loss.
    pub decoded: Option<charset::Decoding>,
    /// The links of the text (a web page's anchors, Markdown's `[words](url)`), sorted
    /// and apart, each on words of the text. Not analysed and not in `--json`: the
    /// reader shows them and opens them.
    pub links: Vec<Link>,
}

/// Words of the text that link somewhere: `text[start..end]` is the linked text.
///
/// N.B. `href` is untrusted text from the page. Only absolute `http`, `https` and
/// `mailto` addresses are kept ([`link_target`]), and it is shown only through the
/// sanitiser and opened only as one argument of a program, never through a shell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub start: usize,
    pub end: usize,
    pub href: String,
}

impl Link {
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

/// Where a link written `href` on a page at `base` points, when it is somewhere a
/// reader can go: an `http`/`https` address (a relative one resolved against `base`,
/// without its `#fragment` when it points into the page itself) or a `mailto:`.
/// `None` for `javascript:`, `data:`, `file:` and every other scheme, for an address
/// that does not parse, for a relative one with no base, and for a link to the page
/// itself (`#top`).
pub fn link_target(href: &str, base: Option<&url::Url>) -> Option<String> {
    // Browsers strip leading and trailing spaces and controls, and drop tabs and
    // newlines inside (`java\tscript:`); the url crate does the same.
    let href = href.trim_matches(|c: char| c <= ' ');
    if href.is_empty() {
        return None;
    }
    let url = match base {
        Some(base) => base.join(href).ok()?,
        None => url::Url::parse(href).ok()?,
    };
    match url.scheme() {
        "http" | "https" if url.host_str().is_some_and(|h| !h.is_empty()) => {}
        "mailto" if !url.path().is_empty() => {}
        _ => return None,
    }
    if let Some(base) = base {
        let mut here = base.clone();
        here.set_fragment(None);
        let mut there = url.clone();
        there.set_fragment(None);
        if here == there && href.starts_with('#') {
            return None;
        }
    }
    Some(url.into())
}

/// One paragraph of extracted text with the links on its words (offsets into it).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LinkedText {
    pub text: String,
    pub links: Vec<Link>,
}

impl From<String> for LinkedText {
    fn from(text: String) -> LinkedText {
        LinkedText { text, links: Vec::new() }
    }
}

impl Article {
    /// Builds an article from decoded text, finding its title and metadata.
    pub fn from_text(source: impl Into<String>, text: String) -> Article {
        let (body_end, mut meta) = split_metadata(&text);
        let title = title_of(&text[..body_end]);
        if !meta.iter().any(|m| m.starts_with("Date:"))
            && let Some(date) = text::date_line(&text[..body_end])
        {
            meta.insert(0, format!("Date: {date}"));
        }
        Article {
            source: source.into(),
            text,
            title,
            body_end,
            meta,
            notes: Vec::new(),
            decoded: None,
            links: Vec::new(),
        }
    }

    /// The part of the text that is analysed.
    pub fn body(&self) -> &str {
        &self.text[..self.body_end]
    }

    /// Decodes raw bytes as plain text: refuses binary data, replaces invalid UTF-8 and
    /// says so.
    pub fn from_bytes(source: impl Into<String>, bytes: Vec<u8>) -> Result<Article> {
        let source = source.into();
        let (text, decoded) = decode(&source, bytes, None)?;
        let mut article = Article::from_text(source, text);
        article.notes.extend(decoded.note());
        article.decoded = decoded.report();
        Ok(article)
    }

    /// An article from extracted text: a title and paragraphs become the text, the
    /// title first unless the body already begins with it, paragraphs apart by a blank
    /// line. Nothing of it is metadata: `meta` is shown, not analysed.
    pub fn from_parts(
        source: impl Into<String>,
        title: Option<String>,
        paragraphs: impl IntoIterator<Item = String>,
        meta: Vec<String>,
    ) -> Article {
        Article::from_linked_parts(
            source,
            title,
            paragraphs.into_iter().map(LinkedText::from),
            meta,
        )
    }

    /// [`Article::from_parts`] of paragraphs with links: each link moves with its words
    /// into the text; one left with no words (on spaces trimmed away) is dropped.
    pub fn from_linked_parts(
        source: impl Into<String>,
        title: Option<String>,
        paragraphs: impl IntoIterator<Item = LinkedText>,
        meta: Vec<String>,
    ) -> Article {
        let title =
            title.map(|t| t.split_whitespace().map(drop_invisible).collect::<Vec<_>>().join(" "));
        let title = title.filter(|t| !t.is_empty());
        let mut text = String::new();
        let mut links = Vec::new();
        let mut first = true;
        for LinkedText { text: p, links: in_p } in paragraphs {
            let visible = drop_invisible(&p);
            // Offsets into `p` moved to offsets into `visible`: less the bytes of the
            // invisible characters before them (each found once, then searched).
            let gone: Vec<(usize, usize)> = match &visible {
                std::borrow::Cow::Borrowed(_) => Vec::new(),
                std::borrow::Cow::Owned(_) => p
                    .char_indices()
                    .filter(|&(_, c)| boilerplate::is_invisible(c))
                    .scan(0, |sum, (i, c)| {
                        *sum += c.len_utf8();
                        Some((i, *sum))
                    })
                    .collect(),
            };
            let moved = |off: usize| {
                let k = gone.partition_point(|&(i, _)| i < off);
                off - k.checked_sub(1).map_or(0, |k| gone[k].1)
            };
            let in_p: Vec<(usize, usize, String)> = in_p
                .into_iter()
                .filter(|l| l.start < l.end && p.get(l.range()).is_some())
                .map(|l| (moved(l.start), moved(l.end), l.href))
                .collect();
            let trimmed = visible.trim();
            if trimmed.is_empty() {
                continue;
            }
            let lead = visible.len() - visible.trim_start().len();
            if first {
                first = false;
                if let Some(t) = &title {
                    let same = trimmed.split_whitespace().collect::<Vec<_>>().join(" ") == *t;
                    if !same {
                        text.push_str(t);
                        text.push_str("\n\n");
                    }
                }
            } else {
                text.push_str("\n\n");
            }
            let at = text.len();
            for (start, end, href) in in_p {
                let mut start = start.saturating_sub(lead).min(trimmed.len());
                let mut end = end.saturating_sub(lead).min(trimmed.len()).max(start);
                // The linked words, not the spaces around them.
                if let Some(words) = trimmed.get(start..end) {
                    start += words.len() - words.trim_start().len();
                    end -= words.len() - words.trim_end().len();
                }
                if start < end {
                    links.push(Link { start: at + start, end: at + end, href });
                }
            }
            text.push_str(trimmed);
        }
        if first {
            if let Some(t) = &title {
                text.push_str(t);
            }
        }
        if !text.is_empty() {
            text.push('\n');
        }
        crate::analysis::sorted_apart(&mut links, |l| (l.start, l.end));
        let body_end = text.len();
        Article {
            source: source.into(),
            text,
            title,
            body_end,
            meta,
            notes: Vec::new(),
            decoded: None,
            links,
        }
    }
}

/// Text without the invisible format characters a page may hide inside words (soft
/// hyphen, zero-width space, word joiner, BOM): extracted text is what the reader
/// shows, and shown they are nothing while analysed or searched they split a name
/// (`Netan\u{ad}yahu`). Plain text keeps them, its offsets being the file's.
fn drop_invisible(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains(boilerplate::is_invisible) {
        text.chars().filter(|&c| !boilerplate::is_invisible(c)).collect::<String>().into()
    } else {
        text.into()
    }
}

/// Bytes to text: refuses binaries, decodes the charset the bytes are in (a byte-order
/// mark, a page's declared charset, or a guess: [`charset::decode`]) and drops the
/// byte-order mark (it is not part of the story). `charset` is the one a server named.
/// The text comes back with how it was decoded, for the notes and the report.
fn decode(source: &str, bytes: Vec<u8>, charset: Option<&str>) -> Result<(String, Decoded)> {
    if let Some(kind) = binary_kind(&bytes) {
        bail!("{source}: {kind}, not an article");
    }
    let mut decoded = charset::decode_owned(bytes, charset);
    Ok((std::mem::take(&mut decoded.text), decoded))
}

/// Reads the articles in `bytes`, in the given format. Always at least one: an empty
/// input gives an empty article with a note saying so.
///
/// A feed (RSS, Atom, JSON Feed) in any format gives its items as the feed has them;
/// [`load_all_with`] fetches the stories of those that are only a summary.
pub fn parse(source: &str, bytes: Vec<u8>, format: Format) -> Result<Vec<Article>> {
    parse_in(source, bytes, format, None)
}

/// [`parse`] of bytes a server said are in `charset` (its Content-Type's parameter).
pub fn parse_in(
    source: &str,
    bytes: Vec<u8>,
    format: Format,
    charset: Option<&str>,
) -> Result<Vec<Article>> {
    if feed::is_feed(&bytes) {
        return feed::articles(source, &bytes);
    }
    let (text, decoded) = decode(source, bytes, charset)?;
    let mut articles = if text.trim().is_empty() {
        let mut a = Article::from_text(source, text);
        a.notes.push(
            if source == "-" { "the input is empty" } else { "the file is empty" }.to_owned(),
        );
        vec![a]
    } else {
        match format {
            Format::Text => vec![Article::from_text(source, text)],
            Format::Html => vec![html::extract(source, &text)?],
            Format::Markdown => vec![markdown::render(source, &text)],
            Format::Json => json::articles(source, &text)?,
        }
    };
    let note = decoded.note();
    for a in &mut articles {
        a.notes.extend(note.clone());
        a.decoded = decoded.report();
    }
    Ok(articles)
}

/// The largest input read by default: 256 MiB. Above it an input is refused with an
/// error instead of being read into memory; `WHOSAID_MAX_BYTES` (a number of bytes)
/// changes it, and [`LoadOptions::max_bytes`] sets it from code.
pub const DEFAULT_MAX_BYTES: u64 = 256 * 1024 * 1024;

/// How inputs are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoadOptions {
    /// Inputs larger than this many bytes are refused.
    pub max_bytes: u64,
    /// Timeouts for an input that is a URL.
    pub net: fetch::NetOptions,
}

impl Default for LoadOptions {
    /// [`DEFAULT_MAX_BYTES`], or `WHOSAID_MAX_BYTES` when it is set to a number.
    fn default() -> Self {
        let max_bytes = std::env::var("WHOSAID_MAX_BYTES")
            .ok()
            .and_then(|v| v.trim().parse().ok())
            .unwrap_or(DEFAULT_MAX_BYTES);
        LoadOptions { max_bytes, net: fetch::NetOptions::default() }
    }
}

/// Reads an article from a path, or from standard input when the path is `-`, in the
/// format its extension names or, without one, the format its content shows.
///
/// N.B. A file holding several articles (a JSON array, JSON Lines) gives its first,
/// with a note saying how many there were: reading one article is what the caller
/// asked for, and [`load_all`] reads them all.
pub fn load(path: &str) -> Result<Article> {
    load_with(path, &LoadOptions::default())
}

/// [`load`] with explicit options.
pub fn load_with(path: &str, options: &LoadOptions) -> Result<Article> {
    if fetch::is_url(path) {
        return web::load_url(path, options).map(|mut all| all.swap_remove(0));
    }
    if path != "-" && Path::new(path).is_dir() {
        bail!("{path}: is a directory");
    }
    let bytes = read_input(path, options)?;
    let format = detect(Some(path), &bytes);
    let mut articles = parse(path, bytes, format)?;
    let count = articles.len();
    let mut first = articles.swap_remove(0);
    if count > 1 {
        first.notes.push(format!("first of {count} articles in {path}"));
    }
    Ok(first)
}

/// Reads every article in a path: one or several from a file (a JSON array, JSON Lines),
/// or those of every supported file in a directory, in the order of their sorted names.
///
/// In a directory, files of an unknown extension and hidden files are skipped, as are
/// subdirectories; a directory with no article in it is an error.
pub fn load_all(path: &str) -> Result<Vec<Article>> {
    load_all_with(path, &LoadOptions::default())
}

/// [`load_all`] with explicit options.
pub fn load_all_with(path: &str, options: &LoadOptions) -> Result<Vec<Article>> {
    if fetch::is_url(path) {
        return web::load_url(path, options);
    }
    let p = Path::new(path);
    if path == "-" || !p.is_dir() {
        let bytes = read_input(path, options)?;
        if feed::is_feed(&bytes) {
            return web::feed_articles(path, &bytes, None, &fetch::Client::new(options));
        }
        let format = detect(Some(path), &bytes);
        return parse(path, bytes, format);
    }
    let files = articles_in(path)?;
    let mut all = Vec::new();
    for file in files {
        // Read by its path, whatever bytes its name is; named by it made text.
        let name = file.to_string_lossy().into_owned();
        let bytes = read_file(&file, &name, options)?;
        let format = detect(Some(&name), &bytes);
        all.extend(parse(&name, bytes, format)?);
    }
    if all.is_empty() {
        bail!("{path}: no articles in this directory (looked for .txt, .md, .html, .json, .jsonl)");
    }
    Ok(all)
}

/// [`load_all_with`] of a path that need not be UTF-8: a file found in a directory
/// whose name is Latin-1 bytes (`caf\xe9.txt`) is read by its path as it is, and named
/// by it made text ([`Path::to_string_lossy`]) wherever it is shown.
///
/// # Errors
/// As [`load_all_with`].
pub fn load_path_with(path: &Path, options: &LoadOptions) -> Result<Vec<Article>> {
    if let Some(s) = path.to_str() {
        return load_all_with(s, options);
    }
    let name = path.to_string_lossy().into_owned();
    if path.is_dir() {
        bail!("{name}: a directory whose name is not UTF-8; name its files instead");
    }
    let bytes = read_file(path, &name, options)?;
    if feed::is_feed(&bytes) {
        return web::feed_articles(&name, &bytes, None, &fetch::Client::new(options));
    }
    let format = detect(Some(&name), &bytes);
    parse(&name, bytes, format)
}

/// The files of a directory that may hold articles, sorted by name: those of a known
/// extension, not hidden; subdirectories are not entered.
pub fn articles_in(path: &str) -> Result<Vec<std::path::PathBuf>> {
    let entries =
        std::fs::read_dir(path).map_err(|e| anyhow::anyhow!("{path}: {}", io_reason(&e)))?;
    let mut files: Vec<std::path::PathBuf> = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| anyhow::anyhow!("{path}: {}", io_reason(&e)))?;
        let file = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        if !hidden && file.is_file() && Format::from_path(&file).is_some() {
            files.push(file);
        }
    }
    files.sort();
    Ok(files)
}

/// Reads the bytes of a path or standard input, refusing more than the size limit
/// without reading it all first.
///
/// N.B. A regular file says its size: one above the limit is refused from its metadata
/// before a byte is read, and one below it is read into a buffer of its size (no
/// doubling, no copy). Anything else (a pipe, a device such as /dev/zero) is read up to
/// one byte past the limit.
fn read_input(path: &str, options: &LoadOptions) -> Result<Vec<u8>> {
    let limit = options.max_bytes;
    let too_big = || {
        anyhow::anyhow!(
            "{path}: larger than the {} limit (set WHOSAID_MAX_BYTES to read bigger inputs)",
            human_size(limit)
        )
    };
    if path != "-" {
        return read_file(Path::new(path), path, options);
    }
    let mut buf = Vec::new();
    let read = std::io::stdin().lock().take(limit.saturating_add(1)).read_to_end(&mut buf);
    read.map_err(|e| anyhow::anyhow!("{path}: {}", io_reason(&e)))?;
    if buf.len() as u64 > limit {
        return Err(too_big());
    }
    if gzip::is_gzip(&buf) {
        return gzip::gunzip(path, &buf, limit);
    }
    Ok(buf)
}

/// [`read_input`] of a file, by its path; `path` names it in errors.
fn read_file(file: &Path, path: &str, options: &LoadOptions) -> Result<Vec<u8>> {
    let limit = options.max_bytes;
    let too_big = || {
        anyhow::anyhow!(
            "{path}: larger than the {} limit (set WHOSAID_MAX_BYTES to read bigger inputs)",
            human_size(limit)
        )
    };
    let mut buf = Vec::new();
    let read = {
        let file =
            std::fs::File::open(file).map_err(|e| anyhow::anyhow!("{path}: {}", io_reason(&e)))?;
        if let Ok(meta) = file.metadata() {
            if meta.is_file() {
                if meta.len() > limit {
                    return Err(too_big());
                }
                buf.reserve_exact(usize::try_from(meta.len()).unwrap_or(0).saturating_add(1));
            }
        }
        file.take(limit.saturating_add(1)).read_to_end(&mut buf)
    };
    read.map_err(|e| anyhow::anyhow!("{path}: {}", io_reason(&e)))?;
    if buf.len() as u64 > limit {
        return Err(too_big());
    }
    if gzip::is_gzip(&buf) {
        return gzip::gunzip(path, &buf, limit);
    }
    Ok(buf)
}

/// "256 MiB", "1.5 KiB", "12 bytes".
pub(crate) fn human_size(n: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if n < 1024 {
        return format!("{n} bytes");
    }
    let mut v = n as f64 / 1024.0;
    let mut unit = 0;
    while v >= 1024.0 && unit + 1 < UNITS.len() {
        v /= 1024.0;
        unit += 1;
    }
    let v = format!("{v:.1}");
    format!("{} {}", v.trim_end_matches(".0"), UNITS[unit])
}

/// The short reason for an I/O error, without the "(os error 2)" noise.
fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => {
            let s = e.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_owned(),
                None => s,
            }
        }
    }
}

/// The sample articles compiled into the binary, so an installed binary has them too.
pub mod samples {
    /// (file name, text) of each bundled sample; the first opens when no file is given.
    pub const ALL: &[(&str, &str)] = &[
        ("summit.txt", include_str!("../../assets/samples/summit.txt")),
        ("expo.txt", include_str!("../../assets/samples/expo.txt")),
    ];

    /// The samples repeated, paragraph-separated, until the text is nearly `size` bytes:
    /// the article every benchmark reads, so their figures compare.
    pub fn repeated(size: usize) -> String {
        let mut text = String::with_capacity(size + 8192);
        'fill: loop {
            for (_, sample) in ALL {
                for para in sample.split("\n\n") {
                    if text.len() + para.len() + 2 > size {
                        break 'fill;
                    }
                    text.push_str(para);
                    text.push_str("\n\n");
                }
            }
        }
        text
    }

    /// The sample opened by default, as an article.
    pub fn default_article() -> super::Article {
        let (name, text) = ALL[0];
        super::Article::from_text(format!("sample: {name}"), text.to_owned())
    }
}

/// A metadata date as a reader reads it: an ISO 8601 time (`2015-07-24T09:30:00+02:00`,
/// as pages and JSON give it) becomes `2015-07-24 09:30`, the form feed items have; the
/// clock as the page wrote it, not moved to another zone. Anything else is kept.
pub fn readable_date(raw: &str) -> String {
    let raw = raw.trim();
    iso_date(raw).unwrap_or_else(|| raw.to_owned())
}

/// An ISO 8601 date or date and time as [`readable_date`] gives it; `None` for any
/// other text.
pub fn iso_date(raw: &str) -> Option<String> {
    static ISO: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^([0-9]{4}-[0-9]{2}-[0-9]{2})(?:[T ]([0-9]{2}:[0-9]{2})(?::[0-9]{2}(?:\.[0-9]+)?)?(?:Z|[+-][0-9]{2}:?[0-9]{2})?)?$")
            .expect("the date pattern is valid")
    });
    // N.B. Most text is no date: what cannot start `[0-9]{4}-` never costs the
    // pattern's compilation (a third of a short article's run).
    let raw = raw.trim();
    let mut head = raw.chars();
    if !head.by_ref().take(4).all(|c| c.is_ascii_digit()) || head.next() != Some('-') {
        return None;
    }
    let c = ISO.captures(raw)?;
    Some(match c.get(2) {
        Some(time) => format!("{} {}", &c[1], time.as_str()),
        None => c[1].to_owned(),
    })
}

/// A byline as a name: without the "By" before it or the separators around it.
pub fn readable_author(raw: &str) -> String {
    let s = raw
        .trim()
        .trim_matches(|c: char| matches!(c, '|' | '-' | '–' | '—' | ',') || c.is_whitespace());
    let s = ["By ", "by ", "BY "].iter().find_map(|p| s.strip_prefix(p)).unwrap_or(s);
    s.trim().to_owned()
}

#[cfg(test)]
mod readable_tests {
    use super::*;

    #[test]
    fn a_text_files_date_line_is_its_date_unless_its_metadata_gives_one() {
        let a = Article::from_text(
            "a.txt",
            "Dams open\n\nMonday, March 3, 2014\n\nThe dams opened.".into(),
        );
        assert_eq!(a.meta, ["Date: 2014-03-03"]);
        assert!(a.text.contains("Monday, March 3, 2014"), "the text stays the file's");
        let b = Article::from_text(
            "b.txt",
            "Dams open\n\nMonday, March 3, 2014\n\nThe dams opened.\n\nDate: 2014-03-04\n".into(),
        );
        assert_eq!(b.meta, ["Date: 2014-03-04"]);
    }

    #[test]
    fn dates_read_as_dates_and_bylines_as_names() {
        assert_eq!(readable_date("2015-07-24T09:30:00+02:00"), "2015-07-24 09:30");
        assert_eq!(readable_date("2019-11-20T14:05:12.123Z"), "2019-11-20 14:05");
        assert_eq!(readable_date(" 2024-01-02 "), "2024-01-02");
        assert_eq!(readable_date("November 20, 2019"), "November 20, 2019");
        assert_eq!(readable_author("By Eleanor Ainge Roy"), "Eleanor Ainge Roy");
        assert_eq!(readable_author("  by Ana Ruiz |"), "Ana Ruiz");
        assert_eq!(readable_author("Byron Hale"), "Byron Hale");
    }
}

#[cfg(test)]
mod link_tests {
    use super::*;

    #[test]
    fn links_move_with_their_words_into_the_text() {
        let link = |start, end, href: &str| Link { start, end, href: href.to_owned() };
        let a = Article::from_linked_parts(
            "p",
            Some("Bridge closes".to_owned()),
            [
                // Leading spaces trimmed, a soft hyphen dropped before the link.
                LinkedText {
                    text: "  Coun\u{ad}cil: read it here. ".to_owned(),
                    links: vec![link(13, 20, "https://a.org/"), link(21, 26, "https://b.org/")],
                },
                LinkedText { text: "Two".to_owned(), links: vec![link(0, 3, "mailto:x@y.org")] },
                // Off the text or off a character boundary: dropped, not a panic.
                LinkedText { text: "é!".to_owned(), links: vec![link(1, 2, "https://c.org/")] },
            ],
            Vec::new(),
        );
        assert_eq!(a.text, "Bridge closes\n\nCouncil: read it here.\n\nTwo\n\né!\n");
        let found: Vec<(&str, &str)> =
            a.links.iter().map(|l| (&a.text[l.range()], l.href.as_str())).collect();
        assert_eq!(
            found,
            [("read it", "https://a.org/"), ("here.", "https://b.org/"), ("Two", "mailto:x@y.org")]
        );
    }

    #[test]
    fn a_link_target_is_an_absolute_web_or_mail_address() {
        let base = url::Url::parse("https://news.example.com/a/b.html").ok();
        let t = |h: &str| link_target(h, base.as_ref());
        assert_eq!(t("c.html").as_deref(), Some("https://news.example.com/a/c.html"));
        assert_eq!(t("//cdn.example.net/x").as_deref(), Some("https://cdn.example.net/x"));
        assert_eq!(t(" https://x.org/\n").as_deref(), Some("https://x.org/"));
        assert_eq!(t("MAILTO:a@b.org").as_deref(), Some("mailto:a@b.org"));
        for bad in [
            "javascript:alert(1)",
            "java\tscript:alert(1)",
            "data:,x",
            "file:///etc",
            "#top",
            "",
            "ftp://x.org/",
            "http://",
        ] {
            assert_eq!(t(bad), None, "{bad:?}");
        }
        // A link into another page keeps its fragment; with no base a relative one is none.
        assert_eq!(t("/c#d").as_deref(), Some("https://news.example.com/c#d"));
        assert_eq!(link_target("c.html", None), None);
    }
}
