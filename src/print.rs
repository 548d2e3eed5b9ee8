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
    let mut out = serde_json::to_string_pretty(&Report::new(article, analysis))
        .expect("the report is plain data and always serialises");
    out.push('\n');
    out
}

/// `--plain`: the article's text alone, wrapped to `width` columns (0: not wrapped),
/// every character made safe for a terminal by [`crate::source::display_char`].
///
/// Lines break at spaces when they can and otherwise between graphemes, measured by
/// display width, so CJK and emoji are never cut in half. Tabs become spaces to the
/// next multiple of eight; a CR before a line end is dropped (CRLF files).
pub fn plain(article: &Article, width: usize) -> String {
    let mut out = String::with_capacity(article.text.len() + article.text.len() / 16);
    for line in article.text.split_inclusive('\n') {
        let line = line.strip_suffix('\n').unwrap_or(line);
        let line = line.strip_suffix('\r').unwrap_or(line);
        for row in wrap(line, width) {
            out.push_str(row.trim_end());
            out.push('\n');
        }
    }
    out
}

/// The display rows of one line: sanitised, tabs expanded, at most `width` columns each.
fn wrap(line: &str, width: usize) -> Vec<String> {
    use unicode_segmentation::UnicodeSegmentation;
    use unicode_width::UnicodeWidthStr;
    let width = if width == 0 { usize::MAX } else { width };
    let mut rows = Vec::new();
    let mut row = String::new();
    let mut col = 0usize;
    // Where the row may break: its length in bytes and columns after the last space.
    let mut brk: Option<(usize, usize)> = None;
    for g in line.graphemes(true) {
        if g == "\t" {
            let w = 8 - col % 8;
            if col + w > width {
                rows.push(std::mem::take(&mut row));
                col = 0;
                brk = None;
                continue;
            }
            row.push_str(&" ".repeat(w));
            col += w;
            brk = Some((row.len(), col));
            continue;
        }
        let shown: String = g.chars().map(crate::source::display_char).collect();
        let w = shown.width();
        if shown == " " {
            if col + 1 > width {
                rows.push(std::mem::take(&mut row));
                col = 0;
                brk = None;
                continue;
            }
            row.push(' ');
            col += 1;
            brk = Some((row.len(), col));
            continue;
        }
        if col + w > width && col > 0 {
            match brk.take() {
                Some((at, at_col)) if col - at_col + w <= width => {
                    let rest = row.split_off(at);
                    rows.push(std::mem::replace(&mut row, rest));
                    col -= at_col;
                }
                _ => {
                    rows.push(std::mem::take(&mut row));
                    col = 0;
                }
            }
        }
        row.push_str(&shown);
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
}
