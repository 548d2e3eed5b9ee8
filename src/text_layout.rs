//! Wrapping the article to a width, and the mapping between byte offsets and screen lines.
//!
//! The layout is the only place where the text's byte coordinates meet screen cells. It
//! is computed once per width (the app keeps it until the width changes) and stores only
//! the byte range of each visual line, so a 10 MB article costs a few megabytes of line
//! records and drawing a screen touches only the lines on it.
//!
//! Cells are measured per grapheme with `unicode-width`, the same measure ratatui uses
//! when it puts the drawn text into cells, so wide (CJK) characters and emoji wrap where
//! they are drawn. Control characters are measured as the one visible symbol that
//! [`sanitize`] (the shared sanitiser, `crate::source::display_char`) draws in their
//! place, and tabs as the spaces they expand to.

use crate::source::sanitize::{display_char, display_str, is_unsafe};
use std::borrow::Cow;
use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Tab stops every this many cells, counted from the start of the visual line.
pub const TAB: usize = 4;

/// One visual line: a byte range of the text, without its newline and without the
/// whitespace at which it was wrapped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    pub start: usize,
    pub end: usize,
}

impl Line {
    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }
}

/// The article wrapped to one width.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    width: u16,
    lines: Vec<Line>,
}

impl Layout {
    /// Wraps `text` at `width` cells: at whitespace when a line has some, anywhere (at a
    /// grapheme boundary) when a word or a run of CJK is longer than the line.
    pub fn new(text: &str, width: u16) -> Layout {
        let cells = usize::from(width.max(1));
        let mut lines = Vec::with_capacity(text.len() / cells.max(8) + 1);
        let mut para_start = 0;
        for para in text.split('\n') {
            let mut end = para_start + para.len();
            // A CRLF line ending is a line ending, not a character to show.
            if para.ends_with('\r') {
                end -= 1;
            }
            let body = &text[para_start..end];
            if body.is_ascii() {
                let units = body.bytes().enumerate().map(|(i, b)| {
                    let unit = match b {
                        b' ' => Unit::Space,
                        b'\t' => Unit::Tab,
                        _ => Unit::Cells(1),
                    };
                    (para_start + i, unit)
                });
                wrap(units, para_start, end, cells, &mut lines);
            } else {
                let units = body.grapheme_indices(true).map(|(i, g)| {
                    let unit = match g {
                        " " | "\u{3000}" => Unit::Space,
                        "\t" => Unit::Tab,
                        _ => Unit::Cells(grapheme_width(g)),
                    };
                    (para_start + i, unit)
                });
                wrap(units, para_start, end, cells, &mut lines);
            }
            para_start += para.len() + 1;
        }
        Layout { width, lines }
    }

    /// The width this layout was wrapped to.
    pub fn width(&self) -> u16 {
        self.width
    }

    pub fn lines(&self) -> &[Line] {
        &self.lines
    }

    /// Number of visual lines; never zero (an empty text is one empty line).
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// The visual line that shows the byte at `offset` (the last line for offsets past
    /// the end, the line before a wrap point for the whitespace that was wrapped away).
    pub fn line_of(&self, offset: usize) -> usize {
        self.lines.partition_point(|l| l.start <= offset).saturating_sub(1)
    }

    /// The visual lines that `range` touches, for drawing and for scrolling a span
    /// into view.
    pub fn lines_of(&self, range: Range<usize>) -> Range<usize> {
        let first = self.line_of(range.start);
        let last = self.line_of(range.end.saturating_sub(1).max(range.start));
        first..last + 1
    }

    /// The cell column at which the byte at `offset` is drawn within its visual line.
    pub fn column_of(&self, text: &str, offset: usize) -> usize {
        let line = self.lines[self.line_of(offset)];
        let upto = offset.clamp(line.start, line.end);
        let mut col = 0;
        for (_, g) in text.get(line.start..upto).unwrap_or("").grapheme_indices(true) {
            col += if g == "\t" { TAB - col % TAB } else { grapheme_width(g) };
        }
        col
    }
}

impl Layout {
    /// The byte offset drawn at cell `col` of visual line `line` (the start of the
    /// grapheme covering it), or None past the line's end: the inverse of
    /// [`Layout::column_of`], for mouse clicks.
    pub fn offset_at(&self, text: &str, line: usize, col: usize) -> Option<usize> {
        let l = *self.lines.get(line)?;
        let mut at = 0;
        for (i, g) in text.get(l.range())?.grapheme_indices(true) {
            at += if g == "\t" { TAB - at % TAB } else { grapheme_width(g) };
            if col < at {
                return Some(l.start + i);
            }
        }
        None
    }
}

/// What a grapheme is to the wrapper.
#[derive(Debug, Clone, Copy)]
enum Unit {
    /// A place to break the line; one cell.
    Space,
    /// A place to break the line; up to the next tab stop.
    Tab,
    /// Part of a word, this many cells wide.
    Cells(usize),
}

/// Greedy wrapping of one paragraph, given its graphemes as (byte offset, unit).
///
/// Whitespace never starts a new line by itself: it may run past the width (it is not
/// drawn there) and the line is cut at its start when the next word does not fit.
fn wrap(
    units: impl Iterator<Item = (usize, Unit)>,
    para_start: usize,
    para_end: usize,
    width: usize,
    out: &mut Vec<Line>,
) {
    let mut line_start = para_start;
    let mut col = 0usize;
    // Start of the whitespace run we are in, if any.
    let mut space_run: Option<usize> = None;
    // The last place this line can be cut: (line end, next line start, col at next start).
    let mut brk: Option<(usize, usize, usize)> = None;
    for (off, unit) in units {
        let w = match unit {
            Unit::Space | Unit::Tab => {
                space_run.get_or_insert(off);
                col += if matches!(unit, Unit::Tab) { TAB - col % TAB } else { 1 };
                continue;
            }
            Unit::Cells(w) => w,
        };
        if let Some(run) = space_run.take() {
            // Leading indentation is kept, not a place to cut.
            if run > line_start {
                brk = Some((run, off, col));
            }
        }
        if col + w > width && col > 0 {
            if let Some((end, next, at)) = brk.take() {
                out.push(Line { start: line_start, end });
                line_start = next;
                col -= at;
            }
            if col + w > width && col > 0 {
                out.push(Line { start: line_start, end: off });
                line_start = off;
                col = 0;
                brk = None;
            }
        }
        col += w;
    }
    let end = space_run.unwrap_or(para_end).max(line_start);
    out.push(Line { start: line_start, end });
}

/// Cells a grapheme takes once drawn, after [`sanitize`] (tabs are measured by the
/// caller, which knows the column).
pub fn grapheme_width(g: &str) -> usize {
    if g.chars().any(is_unsafe) { display_str(g).width() } else { g.width() }
}

/// The text as it may be drawn: every character through the shared sanitiser
/// ([`display_char`]: controls, bidi overrides and the like become visible marks), tabs
/// (counted from column `col`) expanded to spaces, and a stray line break (the caller
/// draws one line) shown as a space. Borrowed when nothing changes, which is almost
/// always.
pub fn sanitize_at(s: &str, col: usize) -> Cow<'_, str> {
    if !s.chars().any(|c| c == '\t' || c == '\n' || is_unsafe(c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    let mut col = col;
    for g in s.graphemes(true) {
        if g == "\t" {
            let n = TAB - col % TAB;
            out.extend(std::iter::repeat_n(' ', n));
            col += n;
        } else {
            let start = out.len();
            out.extend(g.chars().map(|c| if c == '\n' { ' ' } else { display_char(c) }));
            col += out[start..].width();
        }
    }
    Cow::Owned(out)
}

/// [`sanitize_at`] for text that does not contain tabs or starts a line.
pub fn sanitize(s: &str) -> Cow<'_, str> {
    sanitize_at(s, 0)
}

/// Text from outside (a name, a title, a reason, what the user typed) made safe and put
/// on one line for a row or a status line: each run of whitespace, line breaks and tabs
/// included, is one space. The one helper for this, so every pane shows such text alike.
pub fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    sanitize(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines<'a>(text: &'a str, l: &Layout) -> Vec<&'a str> {
        l.lines().iter().map(|x| &text[x.range()]).collect()
    }

    #[test]
    fn wraps_at_spaces_and_drops_them() {
        let t = "the quick brown fox jumps";
        let l = Layout::new(t, 10);
        assert_eq!(lines(t, &l), ["the quick", "brown fox", "jumps"]);
    }

    #[test]
    fn long_words_break_anywhere() {
        let t = "abcdefghijkl xy";
        assert_eq!(lines(t, &Layout::new(t, 5)), ["abcde", "fghij", "kl xy"]);
    }

    #[test]
    fn paragraphs_and_blank_lines_are_lines() {
        let t = "one\r\n\ntwo";
        assert_eq!(lines(t, &Layout::new(t, 10)), ["one", "", "two"]);
        assert_eq!(Layout::new("", 10).len(), 1);
    }

    #[test]
    fn wide_characters_take_two_cells() {
        let t = "東京都の知事";
        // Six wide characters, 12 cells, at width 5: two per line.
        assert_eq!(lines(t, &Layout::new(t, 5)), ["東京", "都の", "知事"]);
        let t = "ab 👍🏽👍🏽 cd";
        assert_eq!(lines(t, &Layout::new(t, 5)), ["ab", "👍🏽👍🏽", "cd"]);
    }

    #[test]
    fn emoji_sequences_are_one_wide_character() {
        // A family (joined by ZWJ) and a flag are each one grapheme, two cells wide.
        let t = "ab👩\u{200d}👩\u{200d}👧🇯🇵x";
        let l = Layout::new(t, 40);
        assert_eq!(l.column_of(t, t.find('x').unwrap()), 6);
        assert_eq!(lines(t, &Layout::new(t, 4)), ["ab👩\u{200d}👩\u{200d}👧", "🇯🇵x"]);
    }

    #[test]
    fn combining_marks_stay_with_their_letter() {
        let t = "cafe\u{301} cafe\u{301}";
        assert_eq!(lines(t, &Layout::new(t, 5)), ["cafe\u{301}", "cafe\u{301}"]);
    }

    #[test]
    fn offsets_map_to_lines_and_columns() {
        let t = "the quick brown fox";
        let l = Layout::new(t, 10);
        let fox = t.find("fox").unwrap();
        assert_eq!(l.line_of(fox), 1);
        assert_eq!(l.column_of(t, fox), 6);
        assert_eq!(l.lines_of(4..15), 0..2);
        let t = "東京 知事";
        let l = Layout::new(t, 20);
        assert_eq!(l.column_of(t, t.find("知").unwrap()), 5);
    }

    #[test]
    fn cells_map_back_to_offsets() {
        let t = "ab 東京 cd";
        let l = Layout::new(t, 40);
        let tokyo = t.find('東').unwrap();
        assert_eq!(l.offset_at(t, 0, 3), Some(tokyo));
        assert_eq!(l.offset_at(t, 0, 4), Some(tokyo), "the second cell of a wide character");
        assert_eq!(l.offset_at(t, 0, 5), Some(tokyo + 3));
        assert_eq!(l.offset_at(t, 0, 10), None);
        for off in [0, 1, tokyo, tokyo + 3, t.find('d').unwrap()] {
            assert_eq!(l.offset_at(t, 0, l.column_of(t, off)), Some(off));
        }
    }

    #[test]
    fn one_line_joins_lines_and_makes_controls_visible() {
        assert_eq!(one_line("Ana\n\t Ruiz\u{1b}]0;x\u{7}"), "Ana Ruiz␛]0;x␇");
        assert_eq!(one_line("a  b "), "a b ");
    }

    #[test]
    fn controls_are_shown_not_sent() {
        assert_eq!(sanitize("a\u{1b}[31mb"), "a\u{241b}[31mb");
        assert_eq!(sanitize("x\u{202e}y\u{2066}z\u{9b}"), "x\u{fffd}y\u{fffd}z\u{fffd}");
        assert_eq!(sanitize_at("a\tb", 0), "a   b");
        assert_eq!(sanitize_at("\tb", 2), "  b");
        assert!(matches!(sanitize("plain"), Cow::Borrowed(_)));
    }

    #[test]
    fn tabs_and_controls_are_measured_as_drawn() {
        let t = "a\tb\u{1b}c";
        let l = Layout::new(t, 40);
        assert_eq!(l.column_of(t, t.find('c').unwrap()), 6);
        assert_eq!(sanitize_at(t, 0).width(), 7);
    }
}
