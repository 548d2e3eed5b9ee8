//! Which format an input is in: from its extension, or from its first bytes when it
//! has none (standard input, a file named without one).

use std::path::Path;

/// The formats an article can be read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Kept byte for byte: offsets are file offsets.
    Text,
    /// A saved web page: the article body is extracted.
    Html,
    /// Rendered to its text: the markup is not analysed.
    Markdown,
    /// One article object, an array of them, or JSON Lines.
    Json,
}

impl Format {
    /// The format an extension names, if it names one we read.
    /// A `.gz` suffix is looked through: `page.html.gz` is a web page, unpacked first.
    pub fn from_path(path: &Path) -> Option<Format> {
        let unpacked;
        let path = match path.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("gz") => {
                unpacked = path.with_extension("");
                unpacked.as_path()
            }
            _ => path,
        };
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        Some(match ext.as_str() {
            "txt" | "text" => Format::Text,
            "html" | "htm" | "xhtml" => Format::Html,
            "md" | "markdown" | "mdown" | "mkd" | "mkdn" => Format::Markdown,
            "json" | "jsonl" | "ndjson" => Format::Json,
            _ => return None,
        })
    }

    /// Guesses the format of text from how it begins.
    ///
    /// N.B. Markdown is only guessed on clear signs (a `#` heading first, a `[link](…)`):
    /// most plain text is also valid Markdown, and reading it as text keeps its offsets
    /// those of the input.
    pub fn sniff(text: &str) -> Format {
        let head = text.trim_start_matches('\u{feff}').trim_start();
        let lower: String = head.chars().take(512).collect::<String>().to_ascii_lowercase();
        let html_starts = [
            "<!doctype html",
            "<html",
            "<head",
            "<body",
            "<article",
            "<?xml",
            "<!--",
            "<meta",
            "<div",
            "<p>",
            "<p ",
        ];
        if html_starts.iter().any(|s| lower.starts_with(s)) {
            return Format::Html;
        }
        if head.starts_with('{') || head.starts_with('[') {
            // A JSON value, or a run of them (JSON Lines), parses from the start.
            let mut stream =
                serde_json::Deserializer::from_str(head).into_iter::<serde_json::Value>();
            if matches!(stream.next(), Some(Ok(_))) {
                return Format::Json;
            }
        }
        let first_line = head.lines().next().unwrap_or("");
        let atx = first_line.trim_start_matches('#');
        let is_heading = first_line.starts_with('#')
            && first_line.len() - atx.len() <= 6
            && (atx.starts_with(' ') || atx.is_empty());
        if is_heading || has_markdown_link(head) {
            return Format::Markdown;
        }
        Format::Text
    }
}

/// `[words](target)` somewhere in the first lines.
fn has_markdown_link(text: &str) -> bool {
    let head =
        &text[..text.len().min(text.char_indices().nth(4096).map_or(text.len(), |(i, _)| i))];
    head.match_indices("](").any(|(i, _)| {
        head[..i].rfind('[').is_some_and(|open| !head[open..i].contains('\n'))
            && head[i + 2..]
                .find(')')
                .is_some_and(|close| !head[i + 2..i + 2 + close].contains(char::is_whitespace))
    })
}

/// Why bytes are not an article, when they are a binary file: a name for what they are.
///
/// NUL bytes never occur in text; the magic numbers catch images and documents that
/// happen to have none near the start.
pub fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    const MAGIC: &[(&[u8], &str)] = &[
        (b"\x89PNG", "a PNG image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (b"%PDF", "a PDF document"),
        (b"PK\x03\x04", "a ZIP archive"),
        (b"\x1f\x8b", "a gzip archive"),
        (b"\x7fELF", "an executable"),
        (b"RIFF", "a RIFF (WebP, WAV, AVI) file"),
    ];
    if super::charset::is_utf16_with_bom(bytes) {
        return None; // text, though every other byte of ASCII is NUL
    }
    if let Some((_, name)) = MAGIC.iter().find(|(m, _)| bytes.starts_with(m)) {
        return Some(name);
    }
    bytes.contains(&0).then_some("a binary file (it contains NUL bytes)")
}

/// The format to read `bytes` as: the extension of `path` when it names one, else what
/// the content shows.
pub fn detect(path: Option<&str>, bytes: &[u8]) -> Format {
    if let Some(f) = path.filter(|p| *p != "-").and_then(|p| Format::from_path(Path::new(p))) {
        return f;
    }
    let head = &bytes[..bytes.len().min(64 * 1024)];
    if super::charset::is_utf16_with_bom(head) {
        return Format::sniff(&super::charset::decode(head, None).text);
    }
    Format::sniff(&String::from_utf8_lossy(head))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_name_formats() {
        assert_eq!(Format::from_path(Path::new("a/b.HTML")), Some(Format::Html));
        assert_eq!(Format::from_path(Path::new("b.jsonl")), Some(Format::Json));
        assert_eq!(Format::from_path(Path::new("b.md")), Some(Format::Markdown));
        assert_eq!(Format::from_path(Path::new("b.txt")), Some(Format::Text));
        assert_eq!(Format::from_path(Path::new("b.png")), None);
        assert_eq!(Format::from_path(Path::new("README")), None);
        assert_eq!(Format::from_path(Path::new("page.html.gz")), Some(Format::Html));
        assert_eq!(Format::from_path(Path::new("x.gz")), None);
    }

    #[test]
    fn content_shows_the_format() {
        assert_eq!(Format::sniff("  <!DOCTYPE html><html>"), Format::Html);
        assert_eq!(Format::sniff("{\"title\": \"x\", \"body\": \"y\"}"), Format::Json);
        assert_eq!(Format::sniff("{\"a\":1}\n{\"a\":2}\n"), Format::Json);
        assert_eq!(Format::sniff("# Storm hits coast\n\nRain."), Format::Markdown);
        assert_eq!(Format::sniff("Storm\n\nSee [the report](https://x.org/r)."), Format::Markdown);
        assert_eq!(Format::sniff("Storm hits coast\n\nRain fell [sic] (twice)."), Format::Text);
        assert_eq!(Format::sniff("#hashtag news"), Format::Text);
        assert_eq!(Format::sniff("[Reuters] (AP) {not json"), Format::Text);
    }

    #[test]
    fn binaries_are_named() {
        assert_eq!(binary_kind(b"\x89PNG\r\n\x1a\n"), Some("a PNG image"));
        assert!(binary_kind(b"text\0more").is_some());
        assert_eq!(binary_kind("ordinary text \u{1b}[2J".as_bytes()), None);
    }
}
