//! Output for scripts and pipes: `--json` (the contract in SCHEMA.md).

use crate::analysis::{Actor, Analysis, Quote};
use crate::source::Article;
use serde::Serialize;

/// The schema name and version; it changes its number when a field must change meaning.
pub const SCHEMA: &str = "whosaid.analysis/1";

/// The JSON document of one analysed article.
#[derive(Debug, Serialize)]
pub struct Report<'a> {
    pub schema: &'static str,
    pub source: &'a str,
    pub title: Option<&'a str>,
    /// The text the offsets point into: the whole article, metadata included, so that
    /// for a plain-text file the offsets are offsets into the file.
    pub text: &'a str,
    pub actors: &'a [Actor],
    pub quotes: &'a [Quote],
}

impl<'a> Report<'a> {
    pub fn new(article: &'a Article, analysis: &'a Analysis) -> Self {
        Report {
            schema: SCHEMA,
            source: &article.source,
            title: article.title.as_deref(),
            text: &article.text,
            actors: &analysis.actors,
            quotes: &analysis.quotes,
        }
    }
}

/// Renders the analysis as the pretty-printed JSON of SCHEMA.md.
pub fn json(article: &Article, analysis: &Analysis) -> String {
    let mut out = Vec::with_capacity(article.text.len() * 2);
    write_json(&mut out, article, analysis, Shape::Pretty)
        .expect("the report is plain data and writing to memory does not fail");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

/// One line of JSON Lines: the same report as [`json`], on one line, for `--json` over
/// several articles (one analysis per line, each with its `source`).
pub fn json_line(article: &Article, analysis: &Analysis) -> String {
    let mut out = Vec::with_capacity(article.text.len() * 2);
    write_json(&mut out, article, analysis, Shape::Line)
        .expect("the report is plain data and writing to memory does not fail");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

/// How a JSON report is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Indented, as [`json`] writes one article.
    Pretty,
    /// On one line, as [`json_line`] writes each of several.
    Line,
}

/// Writes the report of [`json`] or [`json_line`], ending in a newline, to `out`.
///
/// N.B. Strings are written as serde_json writes them but for the characters of
/// [`crate::source::sanitize::json_escapes`] (DEL, C1 controls, bidi overrides), which
/// become `\uXXXX` escapes: legal raw in JSON, they act on a terminal the JSON is
/// piped to. A parser reads the same strings either way.
///
/// # Errors
/// When `out` cannot be written (a closed pipe).
pub fn write_json(
    out: &mut impl std::io::Write,
    article: &Article,
    analysis: &Analysis,
    shape: Shape,
) -> std::io::Result<()> {
    let report = Report::new(article, analysis);
    let result = match shape {
        Shape::Pretty => {
            let f = SafeStrings(serde_json::ser::PrettyFormatter::new());
            report.serialize(&mut serde_json::Serializer::with_formatter(&mut *out, f))
        }
        Shape::Line => {
            let f = SafeStrings(serde_json::ser::CompactFormatter);
            report.serialize(&mut serde_json::Serializer::with_formatter(&mut *out, f))
        }
    };
    result.map_err(std::io::Error::from)?;
    out.write_all(b"\n")
}

/// A serde_json formatter that lays out like the one it wraps and escapes the
/// characters a terminal would obey inside strings (see [`write_json`]).
struct SafeStrings<F>(F);

/// Forwards the layout calls the wrapped formatter makes its own (PrettyFormatter's
/// indentation); the rest are the trait's defaults, which CompactFormatter keeps too.
macro_rules! forward {
    ($($name:ident($($arg:ident: $ty:ty),*);)*) => {$(
        fn $name<W: ?Sized + std::io::Write>(
            &mut self,
            writer: &mut W,
            $($arg: $ty),*
        ) -> std::io::Result<()> {
            self.0.$name(writer, $($arg),*)
        }
    )*};
}

impl<F: serde_json::ser::Formatter> serde_json::ser::Formatter for SafeStrings<F> {
    forward! {
        begin_array();
        end_array();
        begin_array_value(first: bool);
        end_array_value();
        begin_object();
        end_object();
        begin_object_key(first: bool);
        begin_object_value();
        end_object_value();
    }

    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        use crate::source::sanitize::json_escapes;
        let mut rest = fragment;
        while let Some((i, c)) = rest.char_indices().find(|&(_, c)| json_escapes(c)) {
            writer.write_all(&rest.as_bytes()[..i])?;
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                write!(writer, "\\u{:04x}", u)?;
            }
            rest = &rest[i + c.len_utf8()..];
        }
        writer.write_all(rest.as_bytes())
    }
}

/// `--plain`: the article's text alone, wrapped to `width` columns (0: not wrapped),
/// every character made safe for a terminal by [`crate::source::display_char`].
///
/// Lines break at spaces when they can and otherwise between graphemes, measured by
/// display width, so CJK and emoji are never cut in half. Tabs become spaces to the
/// next multiple of eight; a CR before a line end is dropped (CRLF files).
pub fn plain(article: &Article, width: usize) -> String {
    let mut out = String::with_capacity(article.text.len() + article.text.len() / 16);
    for row in rows(&article.text, width) {
        let end = row.iter().rposition(|(_, g)| g != " ").map_or(0, |i| i + 1);
        for (_, g) in &row[..end] {
            out.push_str(g);
        }
        out.push('\n');
    }
    out
}

/// How a kind of actor, or a quote, is marked in `--ansi` output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Style {
    kind: Option<crate::analysis::Kind>,
    quote: bool,
}

impl Style {
    /// The SGR parameters: colours by kind and italic quotes; without colour (NO_COLOR)
    /// kinds by bold, underline and italic, and quotes faint.
    fn sgr(self, color: bool) -> String {
        use crate::analysis::Kind;
        let mut p: Vec<&str> = Vec::new();
        match (self.kind, color) {
            (Some(Kind::Person), true) => p.push("36"),
            (Some(Kind::Organization), true) => p.push("33"),
            (Some(Kind::Place), true) => p.push("35"),
            (Some(Kind::Person), false) => p.push("1"),
            (Some(Kind::Organization), false) => p.push("4"),
            (Some(Kind::Place), false) => p.push("3"),
            (None, _) => {}
        }
        if self.quote {
            p.push(if color { "3" } else { "2" });
        }
        if p.is_empty() { String::new() } else { format!("\x1b[{}m", p.join(";")) }
    }
}

/// `--ansi`: [`plain`] with the analysis marked in SGR, like bat: each kind of actor
/// its own colour, quotes italic; with `color` false (NO_COLOR) kinds are told apart
/// by bold, underline and italic and quotes are faint. Every row ends reset, so a pager
/// that cuts lines never carries a style on. The only escape sequences in the output
/// are these.
pub fn ansi(article: &Article, analysis: &Analysis, width: usize, color: bool) -> String {
    let mentions = analysis.mention_index();
    let kinds: Vec<crate::analysis::Kind> = analysis.actors.iter().map(|a| a.kind).collect();
    let (mut mi, mut qi) = (0usize, 0usize);
    let mut out = String::with_capacity(article.text.len() * 2);
    for row in rows(&article.text, width) {
        let end = row.iter().rposition(|(_, g)| g != " ").map_or(0, |i| i + 1);
        let mut current = Style { kind: None, quote: false };
        for (offset, g) in &row[..end] {
            let o = *offset;
            while mi < mentions.len() && mentions[mi].0.end <= o {
                mi += 1;
            }
            while qi < analysis.quotes.len() && analysis.quotes[qi].end <= o {
                qi += 1;
            }
            let kind = mentions
                .get(mi)
                .filter(|(s, _)| s.start <= o)
                .and_then(|(_, id)| kinds.get(*id).copied());
            let quote = analysis.quotes.get(qi).is_some_and(|q| q.start <= o);
            let style = Style { kind, quote };
            if style != current {
                if current.kind.is_some() || current.quote {
                    out.push_str("\x1b[0m");
                }
                out.push_str(&style.sgr(color));
                current = style;
            }
            out.push_str(g);
        }
        if current.kind.is_some() || current.quote {
            out.push_str("\x1b[0m");
        }
        out.push('\n');
    }
    out
}

/// The display rows of a text: each a list of (byte offset in `text`, what to draw),
/// one per grapheme, sanitised, tabs expanded, at most `width` columns (0: no limit).
fn rows(text: &str, width: usize) -> Vec<Vec<(usize, String)>> {
    let mut all = Vec::new();
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let body = line.strip_suffix('\n').unwrap_or(line);
        let body = body.strip_suffix('\r').unwrap_or(body);
        all.extend(wrap(start, body, width));
        start += line.len();
    }
    all
}

/// The display rows of one line starting at byte `base` of the text.
fn wrap(base: usize, line: &str, width: usize) -> Vec<Vec<(usize, String)>> {
    use unicode_segmentation::UnicodeSegmentation;
    use unicode_width::UnicodeWidthStr;
    let width = if width == 0 { usize::MAX } else { width };
    let mut rows = Vec::new();
    let mut row: Vec<(usize, String)> = Vec::new();
    let mut col = 0usize;
    // Where the row may break: its length in cells and columns after the last space.
    let mut brk: Option<(usize, usize)> = None;
    for (i, g) in line.grapheme_indices(true) {
        let at = base + i;
        if g == "\t" || g == " " {
            let w = if g == "\t" { 8 - col % 8 } else { 1 };
            if col + w > width {
                rows.push(std::mem::take(&mut row));
                col = 0;
                brk = None;
                continue;
            }
            for _ in 0..w {
                row.push((at, " ".to_owned()));
            }
            col += w;
            brk = Some((row.len(), col));
            continue;
        }
        let shown: String = g.chars().map(crate::source::display_char).collect();
        let w = shown.width();
        if col + w > width && col > 0 {
            match brk.take() {
                Some((cut, cut_col)) if col - cut_col + w <= width => {
                    let rest = row.split_off(cut);
                    rows.push(std::mem::replace(&mut row, rest));
                    col -= cut_col;
                }
                _ => {
                    rows.push(std::mem::take(&mut row));
                    col = 0;
                }
            }
        }
        row.push((at, shown));
        col += w;
    }
    rows.push(row);
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(text: &str) -> Article {
        Article::from_text("t", text.to_owned())
    }

    #[test]
    fn json_escapes_what_a_terminal_obeys_and_parses_back() {
        let text =
            "a\u{7f}b\u{85}c\u{9b}2J\u{202e}d\u{2066}e\u{e0001}f \u{1b}]2;X\u{7} é 👩\u{200d}💻";
        let a = article(text);
        for out in [json(&a, &Analysis::default()), json_line(&a, &Analysis::default())] {
            for c in out.chars() {
                assert!(!c.is_control() || c == '\n', "{c:?} raw in {out}");
                assert!(!crate::source::sanitize::is_unsafe(c) || c == '\n', "{c:?} raw");
            }
            assert!(out.contains(r"a\u007fb\u0085c\u009b2J\u202ed\u2066e\udb40\udc01f"), "{out}");
            let back: serde_json::Value = serde_json::from_str(&out).unwrap();
            assert_eq!(back["text"], text);
        }
        // Nothing else changes: the same bytes as serde_json's own for ordinary text.
        let a = article("\"Go,\" said Anna.\n\té 日本 \u{1b}");
        let none = Analysis::default();
        let report = Report::new(&a, &none);
        assert_eq!(
            json(&a, &Analysis::default()),
            serde_json::to_string_pretty(&report).unwrap() + "\n"
        );
        assert_eq!(
            json_line(&a, &Analysis::default()),
            serde_json::to_string(&report).unwrap() + "\n"
        );
    }

    #[test]
    fn plain_wraps_at_spaces_by_display_width() {
        assert_eq!(plain(&article("one two three four"), 9), "one two\nthree\nfour\n");
        assert_eq!(plain(&article("日本語のテキスト"), 5), "日本\n語の\nテキ\nスト\n");
        assert_eq!(plain(&article("abcdefgh"), 3), "abc\ndef\ngh\n");
        assert_eq!(plain(&article("a\r\nb\tc"), 0), "a\nb       c\n");
    }

    #[test]
    fn plain_never_writes_control_characters() {
        let out = plain(&article("x\u{1b}]52;c;AAAA\u{7}y\u{9b}2J\u{202e}z"), 80);
        assert_eq!(out, "x␛]52;c;AAAA␇y\u{fffd}2J\u{fffd}z\n");
    }

    #[test]
    fn ansi_marks_mentions_by_kind_and_quotes() {
        use crate::analysis::{Actor, Kind, Mention, Quote};
        let a = article("\"Go,\" said Anna Berg.\u{1b}[2J");
        let analysis = Analysis {
            actors: vec![Actor {
                id: 0,
                name: "Anna Berg".into(),
                kind: Kind::Person,
                aliases: vec!["Anna Berg".into()],
                mentions: vec![Mention { start: 11, end: 20, demonym: false }],
            }],
            quotes: vec![Quote {
                start: 0,
                end: 5,
                speaker: Some(0),
                cue: Some("said".into()),
                speaker_mention: None,
            }],
        };
        assert_eq!(
            ansi(&a, &analysis, 0, true),
            "\x1b[3m\"Go,\"\x1b[0m said \x1b[36mAnna Berg\x1b[0m.␛[2J\n"
        );
        assert_eq!(
            ansi(&a, &analysis, 0, false),
            "\x1b[2m\"Go,\"\x1b[0m said \x1b[1mAnna Berg\x1b[0m.␛[2J\n"
        );
    }
}
