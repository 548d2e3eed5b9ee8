//! Wrapping the article to a width, and the mapping between byte offsets and screen lines.
//!
//! The layout is the only place where the text's byte coordinates meet screen cells. It
//! wraps lazily: one cheap pass when an article opens finds where each paragraph starts
//! (its *blocks*), and a block is wrapped only when a line of it is wanted: the ones on
//! screen and around them, a jump's target, a mention's line number. So opening a
//! 100 MB article and resizing it cost what they cost for a page: a few blocks wrapped.
//! A place in the text is a [`Pos`] (a block and a line of it), which needs nothing
//! before it wrapped; a line *number* needs every block before it counted, which the
//! layout does in slices when the reader is idle ([`Layout::count`]), and estimates
//! ([`LineNo::exact`] false) where it has not counted yet.
//!
//! Cells are measured per grapheme with `unicode-width`, the same measure ratatui uses
//! when it puts the drawn text into cells, so wide (CJK) characters and emoji wrap where
//! they are drawn. Control characters are measured as the one visible symbol that
//! [`sanitize`] (the shared sanitiser, `crate::source::display_char`) draws in their
//! place, and tabs as the spaces they expand to.

use crate::source::sanitize::{display_char, display_str, is_unsafe};
use std::borrow::Cow;
use std::ops::Range;
use std::sync::Arc;
use unicode_segmentation::{GraphemeCursor, UnicodeSegmentation};
use unicode_width::UnicodeWidthStr;

/// Tab stops every this many cells, counted from the start of the visual line.
pub const TAB: usize = 4;

/// A paragraph longer than this many bytes is wrapped in pieces of about this size, cut
/// after a space (in a run with none, between two graphemes), so that wrapping stays
/// local when one paragraph is a whole file. A cut is a line break where the text would
/// likely have had one; no paragraph of an ordinary article is this long.
pub const BLOCK: usize = 16 * 1024;

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

/// A visual line as a place in the text: a block (a paragraph, or a piece of a very
/// long one) and a line within it. Ordered as the text is. It needs no line number, so
/// it is known without wrapping what comes before it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    pub block: usize,
    pub line: usize,
}

/// A line's number (from 0), counted, or estimated from the lines per byte of what was
/// counted when the count has not got that far yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineNo {
    pub n: usize,
    pub exact: bool,
}

/// Shown from 1, as people count lines, and with `~` when estimated, so an estimate
/// never passes for a count.
impl std::fmt::Display for LineNo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let s = format!("{}{}", if self.exact { "" } else { "~" }, self.n + 1);
        f.pad(&s)
    }
}

/// The article wrapped to one width, lazily.
#[derive(Debug, Clone)]
pub struct Layout {
    width: u16,
    /// The text's length in bytes.
    len: usize,
    /// The byte offset where each block starts, in order; the first is 0. Made once an
    /// article and shared by the layouts of every width.
    starts: Arc<[usize]>,
    /// The first line of each block counted so far, then the number of lines in them
    /// all: `counted + 1` entries, exact.
    first: Vec<usize>,
    /// Blocks wrapped lately, sorted by block: the screen and a screen or two around
    /// it, replaced as the view moves (see [`Layout::prepare`]).
    cache: Vec<(usize, Vec<Line>)>,
}

impl Layout {
    /// The layout of `text` at `width` cells: the blocks found (one pass over the
    /// bytes), nothing wrapped yet. A width of 0 is "not laid out": lines are one cell.
    pub fn new(text: &str, width: u16) -> Layout {
        let starts = blocks(text).into();
        Layout { width, len: text.len(), starts, first: vec![0], cache: Vec::new() }
    }

    /// The same text at another width: the blocks kept, the wrapping and counting
    /// started again.
    pub fn at_width(&self, width: u16) -> Layout {
        let starts = Arc::clone(&self.starts);
        Layout { width, len: self.len, starts, first: vec![0], cache: Vec::new() }
    }

    /// The width this layout wraps to.
    pub fn width(&self) -> u16 {
        self.width
    }

    fn cells(&self) -> usize {
        usize::from(self.width.max(1))
    }

    /// Number of blocks; never zero (an empty text is one empty block).
    pub fn blocks(&self) -> usize {
        self.starts.len()
    }

    /// The bytes of block `b` that are wrapped: without its line ending.
    fn block_range(&self, text: &str, b: usize) -> Range<usize> {
        let bytes = text.as_bytes();
        let start = self.starts[b].min(text.len());
        let (mut end, line_end) = match self.starts.get(b + 1) {
            Some(&next) if bytes.get(next.wrapping_sub(1)) == Some(&b'\n') => (next - 1, true),
            Some(&next) => (next, false),
            None => (text.len(), true),
        };
        // A CRLF line ending is a line ending, not a character to show.
        if line_end && end > start && bytes[end - 1] == b'\r' {
            end -= 1;
        }
        start..end.max(start)
    }

    /// The block holding the byte at `offset` (the last for offsets past the end).
    fn block_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset).saturating_sub(1)
    }

    /// The visual lines of block `b`: kept ones when it was prepared, else wrapped now.
    pub fn block_lines(&self, text: &str, b: usize) -> Cow<'_, [Line]> {
        match self.cache.binary_search_by_key(&b, |e| e.0) {
            Ok(i) => Cow::Borrowed(&self.cache[i].1),
            Err(_) => {
                let mut out = Vec::new();
                if b < self.blocks() {
                    wrap_block(text, self.block_range(text, b), self.cells(), &mut out);
                }
                Cow::Owned(out)
            }
        }
    }

    /// Keeps the blocks wrapped that hold `rows` lines from `top`, a screen before and
    /// two after, and the last screen of the text (where `End` and every clamp to the
    /// end look), and lets go of the others: so drawing and the next keys find them
    /// wrapped, each block is wrapped once on its way into view, and the cache stays a
    /// few screens whatever the article's size.
    pub fn prepare(&mut self, text: &str, top: Pos, rows: usize) {
        let rows = rows.max(1);
        let mut old = std::mem::take(&mut self.cache);
        let mut wrapped = |b: usize| match old.binary_search_by_key(&b, |e| e.0) {
            Ok(i) => std::mem::take(&mut old[i].1),
            Err(_) => self.block_lines(text, b).into_owned(),
        };
        let last = self.blocks() - 1;
        let top = Pos { block: top.block.min(last), ..top };
        let mut cache = Vec::new();
        // Back from the top a screen, then forward two.
        let (mut b, mut above) = (top.block, top.line);
        while above < rows && b > 0 {
            b -= 1;
            let lines = wrapped(b);
            above += lines.len();
            cache.push((b, lines));
        }
        cache.reverse();
        let lines = wrapped(top.block);
        let mut below = lines.len().saturating_sub(top.line);
        cache.push((top.block, lines));
        let mut b = top.block;
        while below < 2 * rows && b < last {
            b += 1;
            let lines = wrapped(b);
            below += lines.len();
            cache.push((b, lines));
        }
        // The last screen, unless it is in already.
        let mut tail = Vec::new();
        let (mut b, mut rest) = (last, 0);
        while b > cache.last().map_or(0, |e| e.0) && rest < rows {
            let lines = wrapped(b);
            rest += lines.len();
            tail.push((b, lines));
            b -= 1;
        }
        cache.extend(tail.into_iter().rev());
        self.cache = cache;
    }

    /// Counts the lines of the blocks not counted yet, about `budget` bytes of them;
    /// true when every block is counted (and line numbers are exact).
    pub fn count(&mut self, text: &str, budget: usize) -> bool {
        let mut spent = 0;
        let mut scratch = Vec::new();
        while !self.counted() && spent < budget {
            let b = self.first.len() - 1;
            let r = self.block_range(text, b);
            spent += r.len() + 1;
            let n = match self.cache.binary_search_by_key(&b, |e| e.0) {
                Ok(i) => self.cache[i].1.len(),
                Err(_) => {
                    scratch.clear();
                    wrap_block(text, r, self.cells(), &mut scratch);
                    scratch.len()
                }
            };
            self.first.push(self.first[b] + n);
        }
        self.counted()
    }

    /// Whether every block's lines are counted.
    pub fn counted(&self) -> bool {
        self.first.len() > self.blocks()
    }

    /// The number of the first line of block `b` (of `blocks()`: the number of lines).
    fn first_line(&self, b: usize) -> LineNo {
        let c = self.first.len() - 1;
        if b <= c {
            return LineNo { n: self.first[b], exact: true };
        }
        let (lines, bytes) = (self.first[c] as u128, self.starts[c] as u128);
        let end = self.starts.get(b).map_or(self.len, |&s| s);
        let more = (end - self.starts[c]) as u128;
        // From the lines per byte of what was counted; before that, full lines.
        let guess = if bytes >= 1024 { more * lines / bytes } else { more / self.cells() as u128 };
        let n = usize::try_from(guess).unwrap_or(usize::MAX).max(b - c);
        LineNo { n: self.first[c].saturating_add(n), exact: false }
    }

    /// Number of visual lines (at least 1), counted or estimated.
    pub fn total(&self) -> LineNo {
        let n = self.first_line(self.blocks());
        LineNo { n: n.n.max(1), ..n }
    }

    /// The line number of a place.
    pub fn line_no(&self, pos: Pos) -> LineNo {
        let first = self.first_line(pos.block);
        LineNo { n: first.n + pos.line, ..first }
    }

    /// The place of the visual line that shows the byte at `offset` (the last line for
    /// offsets past the end, the line before a wrap point for the whitespace that was
    /// wrapped away).
    pub fn pos_of(&self, text: &str, offset: usize) -> Pos {
        let block = self.block_of(offset);
        let lines = self.block_lines(text, block);
        let line = lines.partition_point(|l| l.start <= offset).saturating_sub(1);
        Pos { block, line }
    }

    /// The number of the line that shows the byte at `offset`.
    pub fn line_of(&self, text: &str, offset: usize) -> LineNo {
        self.line_no(self.pos_of(text, offset))
    }

    /// The visual line at a place, if there is one.
    pub fn line(&self, text: &str, pos: Pos) -> Option<Line> {
        (pos.block < self.blocks())
            .then(|| self.block_lines(text, pos.block))?
            .get(pos.line)
            .copied()
    }

    /// The byte offset where the line at a place starts (0 for no place), which is what
    /// keeps a reading place across widths.
    pub fn start_of(&self, text: &str, pos: Pos) -> usize {
        self.line(text, pos).map_or(0, |l| l.start)
    }

    /// The last visual line.
    pub fn end(&self, text: &str) -> Pos {
        let block = self.blocks() - 1;
        Pos { block, line: self.block_lines(text, block).len().saturating_sub(1) }
    }

    /// The place `by` lines after `pos` (before, when negative), or None off the text.
    pub fn step(&self, text: &str, pos: Pos, by: isize) -> Option<Pos> {
        let Pos { mut block, mut line } = pos;
        if by >= 0 {
            let mut left = by.unsigned_abs();
            loop {
                let n = self.block_lines(text, block).len();
                if line + left < n {
                    return Some(Pos { block, line: line + left });
                }
                left -= n.saturating_sub(line);
                block += 1;
                line = 0;
                if block >= self.blocks() {
                    return None;
                }
            }
        }
        let mut left = by.unsigned_abs();
        while left > line {
            left -= line + 1;
            block = block.checked_sub(1)?;
            line = self.block_lines(text, block).len().saturating_sub(1);
        }
        Some(Pos { block, line: line - left })
    }

    /// The place `by` lines after (before) `pos`, stopping at the first and last lines.
    pub fn scroll(&self, text: &str, pos: Pos, by: isize) -> Pos {
        match self.step(text, pos, by) {
            Some(p) => p,
            None if by < 0 => Pos::default(),
            None => self.end(text),
        }
    }

    /// The visual lines from `pos` on, in order: what a view starting there shows.
    pub fn lines_from<'a>(&'a self, text: &'a str, pos: Pos) -> impl Iterator<Item = Line> + 'a {
        (pos.block..self.blocks()).flat_map(move |b| {
            let skip = if b == pos.block { pos.line } else { 0 };
            let lines = self.block_lines(text, b);
            (skip..lines.len()).map(move |i| lines[i])
        })
    }

    /// The cell column at which the byte at `offset` is drawn within its visual line.
    pub fn column_of(&self, text: &str, offset: usize) -> usize {
        let Some(line) = self.line(text, self.pos_of(text, offset)) else { return 0 };
        let upto = offset.clamp(line.start, line.end);
        let mut col = 0;
        for (_, g) in text.get(line.start..upto).unwrap_or("").grapheme_indices(true) {
            col += if g == "\t" { TAB - col % TAB } else { grapheme_width(g) };
        }
        col
    }

    /// The byte offset drawn at cell `col` of the visual line at `pos` (the start of
    /// the grapheme covering it), or None past the line's end: the inverse of
    /// [`Layout::column_of`], for mouse clicks.
    pub fn offset_at(&self, text: &str, pos: Pos, col: usize) -> Option<usize> {
        let l = self.line(text, pos)?;
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

/// Where each block starts: after every line break, and in a paragraph longer than
/// [`BLOCK`], at a cut about every [`BLOCK`] bytes.
fn blocks(text: &str) -> Vec<usize> {
    let mut starts = Vec::with_capacity(text.len() / 256 + 1);
    let mut from = 0;
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain(std::iter::once(text.len()));
    for end in ends {
        starts.push(from);
        let mut at = from;
        while end - at > BLOCK {
            match cut(text, at + BLOCK, end) {
                Some(c) => {
                    starts.push(c);
                    at = c;
                }
                None => break,
            }
        }
        from = end + 1;
    }
    starts
}

/// Where to cut a paragraph ending at `end`, at or after `from`: after the first space
/// or tab that a word follows within [`BLOCK`] bytes (the cut is then where the line
/// would break), else at the first grapheme boundary; None when that is the end.
fn cut(text: &str, from: usize, end: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let upto = (from + BLOCK).min(end);
    let space = |b: u8| b == b' ' || b == b'\t';
    if let Some(i) = bytes[from..upto].windows(2).position(|w| space(w[0]) && !space(w[1])) {
        return Some(from + i + 1);
    }
    let mut at = from;
    while !text.is_char_boundary(at) {
        at += 1;
    }
    let mut cursor = GraphemeCursor::new(at, end, true);
    let at = match cursor.is_boundary(&text[..end], 0) {
        Ok(true) => Some(at),
        _ => cursor.next_boundary(&text[..end], 0).ok().flatten(),
    };
    at.filter(|&c| c < end && c > 0)
}

/// The graphemes of `s` with their offsets, as `grapheme_indices(true)` gives them, but
/// an ASCII character followed by another (or by the end) is taken as the grapheme it
/// must be without asking the segmenter, which otherwise costs most of the wrapping of
/// a text with a few curly quotes in each paragraph.
fn graphemes(s: &str) -> impl Iterator<Item = (usize, &str)> {
    let b = s.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        let start = i;
        let c = *b.get(i)?;
        let next = b.get(i + 1).copied();
        if c.is_ascii() && next.is_none_or(|n| n.is_ascii()) && !(c == b'\r' && next == Some(b'\n'))
        {
            i += 1;
        } else {
            i += s[i..].graphemes(true).next()?.len();
        }
        Some((start, &s[start..i]))
    })
}

/// Wraps one block, given as the byte range of its text, into `out`.
fn wrap_block(text: &str, r: Range<usize>, cells: usize, out: &mut Vec<Line>) {
    let (start, end) = (r.start, r.end);
    let body = &text[r];
    if body.is_ascii() {
        let units = body.bytes().enumerate().map(|(i, b)| {
            let unit = match b {
                b' ' => Unit::Space,
                b'\t' => Unit::Tab,
                _ => Unit::Cells(1),
            };
            (start + i, unit)
        });
        wrap(units, start, end, cells, out);
    } else {
        let units = graphemes(body).map(|(i, g)| {
            let unit = match g {
                " " | "\u{3000}" => Unit::Space,
                "\t" => Unit::Tab,
                _ => Unit::Cells(grapheme_width(g)),
            };
            (start + i, unit)
        });
        wrap(units, start, end, cells, out);
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
        l.lines_from(text, Pos::default()).map(|x| &text[x.range()]).collect()
    }

    fn at(line: usize) -> Pos {
        Pos { block: 0, line }
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
        let mut l = Layout::new("", 10);
        assert!(l.count("", 1));
        assert_eq!(l.total(), LineNo { n: 1, exact: true });
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
        assert_eq!(l.pos_of(t, fox), at(1));
        assert_eq!(l.column_of(t, fox), 6);
        assert_eq!(l.pos_of(t, 14), at(1), "the last byte of 'brown'");
        let t = "東京 知事";
        let l = Layout::new(t, 20);
        assert_eq!(l.column_of(t, t.find("知").unwrap()), 5);
    }

    #[test]
    fn cells_map_back_to_offsets() {
        let t = "ab 東京 cd";
        let l = Layout::new(t, 40);
        let tokyo = t.find('東').unwrap();
        assert_eq!(l.offset_at(t, at(0), 3), Some(tokyo));
        assert_eq!(l.offset_at(t, at(0), 4), Some(tokyo), "the second cell of a wide character");
        assert_eq!(l.offset_at(t, at(0), 5), Some(tokyo + 3));
        assert_eq!(l.offset_at(t, at(0), 10), None);
        for off in [0, 1, tokyo, tokyo + 3, t.find('d').unwrap()] {
            assert_eq!(l.offset_at(t, at(0), l.column_of(t, off)), Some(off));
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

    /// Paragraphs of words, some long, some blank, some with wide characters.
    fn article(paragraphs: usize) -> String {
        let words = ["the", "minister", "said", "東京", "on", "Tuesday", "that", "Ruiz"];
        let mut t = String::new();
        for p in 0..paragraphs {
            for w in 0..(p * 7 % 40) {
                t.push_str(words[(p + w) % words.len()]);
                t.push(' ');
            }
            t.push_str(if p % 3 == 0 { "\n\n" } else { "\n" });
        }
        t
    }

    #[test]
    fn lines_are_the_same_wrapped_lazily_from_anywhere() {
        let t = article(200);
        let mut l = Layout::new(&t, 23);
        let all: Vec<Line> = l.lines_from(&t, Pos::default()).collect();
        assert!(l.count(&t, usize::MAX));
        assert_eq!(l.total(), LineNo { n: all.len(), exact: true });
        // Every line's place, found from its offset, gives the line back, counted as
        // its index; stepping there from the top, and back, agrees.
        for (i, line) in all.iter().enumerate() {
            let pos = l.pos_of(&t, line.start);
            assert_eq!(l.line(&t, pos), Some(*line));
            assert_eq!(l.line_no(pos), LineNo { n: i, exact: true });
            assert_eq!(l.step(&t, Pos::default(), i as isize), Some(pos));
            assert_eq!(l.step(&t, pos, -(i as isize)), Some(Pos::default()));
        }
        assert_eq!(l.step(&t, Pos::default(), all.len() as isize), None);
        assert_eq!(l.scroll(&t, Pos::default(), 1 << 40), l.end(&t));
        // Prepared or not, the same lines.
        l.prepare(&t, l.pos_of(&t, t.len() / 2), 10);
        assert_eq!(l.lines_from(&t, Pos::default()).collect::<Vec<_>>(), all);
    }

    #[test]
    fn line_numbers_are_estimates_until_counted() {
        let t = article(400);
        let mut l = Layout::new(&t, 30);
        let off = t.len() - 10;
        let far = l.pos_of(&t, off);
        assert!(!l.line_no(far).exact && !l.total().exact);
        // A slice at a time, as the idle reader counts.
        let mut slices = 0;
        while !l.count(&t, 2048) {
            slices += 1;
        }
        assert!(slices > 2, "counted in {slices} slices");
        let exact = l.line_no(far);
        assert!(exact.exact);
        let all: Vec<Line> = l.lines_from(&t, Pos::default()).collect();
        assert_eq!(exact.n, all.iter().rposition(|x| x.start <= off).unwrap());
        assert_eq!(format!("{exact}"), (exact.n + 1).to_string());
        assert_eq!(format!("{:>7}", LineNo { n: 41, exact: false }), "    ~42");
    }

    #[test]
    fn a_paragraph_longer_than_a_block_is_cut_where_a_line_breaks() {
        let t = "word ".repeat(3 * BLOCK / 5) + "end";
        let l = Layout::new(&t, 12);
        assert!(l.blocks() >= 3, "{} blocks", l.blocks());
        let got = lines(&t, &l);
        assert!(got.iter().all(|s| s.len() <= 12 && !s.starts_with(' ') && !s.ends_with(' ')));
        assert_eq!(got.concat().len(), t.len() - got.len() + 1, "only the spaces cut at go");
        // With no space at all, cut between characters, never inside one.
        let t = "東".repeat(BLOCK);
        let l = Layout::new(&t, 9);
        assert!(l.blocks() > 1);
        assert_eq!(lines(&t, &l).concat(), t);
    }

    #[test]
    fn a_text_can_end_in_a_line_break_or_be_empty() {
        for t in ["", "\n", "a\r\n", "a\n\n", "a\r"] {
            let mut l = Layout::new(t, 10);
            assert!(l.count(t, usize::MAX));
            let n = t.split('\n').count();
            assert_eq!(l.total().n, n, "{t:?}");
            assert!(lines(t, &l).iter().all(|s| !s.contains(['\r', '\n'])), "{t:?}");
            assert_eq!(l.end(t), Pos { block: n - 1, line: 0 });
        }
    }

    #[test]
    fn graphemes_are_the_segmenters_over_ascii_too() {
        let cases = [
            "plain ascii",
            "cafe\u{301} x",
            "a\r\nb\rc",
            "ab👩\u{200d}👩\u{200d}👧🇯🇵🇯🇵x🇯",
            "東京 e\u{301}\u{302}a\u{200d}b",
            "\u{1b}[31m\u{7}‘quoted’ — dash…",
            "",
        ];
        let samples = crate::source::samples::ALL.iter().map(|(_, t)| t.to_string());
        for t in cases.iter().map(|s| s.to_string()).chain([article(50)]).chain(samples) {
            let fast: Vec<_> = graphemes(&t).collect();
            let slow: Vec<_> = t.grapheme_indices(true).collect();
            assert_eq!(fast, slow, "{t:?}");
        }
    }
}
