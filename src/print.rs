//! Output for scripts and pipes: `--json` (the contract in SCHEMA.md).

use crate::analysis::{Actor, Analysis, Quote};
use crate::config::theme::Palette;
use crate::source::Article;
use serde::Serialize;
use std::io::{self, Write};

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
    /// How the input's bytes were decoded, only when not UTF-8 without loss: the
    /// report of an ordinary input is as it always was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decoded: Option<crate::source::charset::Decoding>,
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
            decoded: article.decoded,
        }
    }
}

/// Renders the analysis as the JSON of SCHEMA.md, laid out as [`Shape::Pretty`] says.
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
    /// Indented, as [`json`] writes one article, but for the elements of the arrays in
    /// [`ONE_LINE`] (a mention, a quote), which are one line each.
    Pretty,
    /// On one line, as [`json_line`] writes each of several.
    Line,
}

/// The arrays whose elements [`Shape::Pretty`] writes one to a line,
/// `{"start": 137, "end": 151}`: there are hundreds of thousands of them in a long
/// article, and indenting each of their fields made the output twice as long and its
/// writing a seventh of the run.
const ONE_LINE: [&str; 2] = ["mentions", "quotes"];

/// Writes the report of [`json`] or [`json_line`], ending in a newline, to `out`.
///
/// N.B. Strings are written as serde_json writes them but for the characters of
/// [`crate::source::sanitize::json_escapes`] (DEL, C1 controls, bidi overrides), which
/// become `\uXXXX` escapes: legal raw in JSON, they act on a terminal the JSON is
/// piped to. A parser reads the same strings either way.
///
/// # Errors
/// When `out` cannot be written (a closed pipe).
pub fn write_json<W: Write>(
    out: &mut W,
    article: &Article,
    analysis: &Analysis,
    shape: Shape,
) -> std::io::Result<()> {
    let report = Report::new(article, analysis);
    let pretty = shape == Shape::Pretty;
    let (open, next, colon, close): (&[u8], &[u8], &[u8], &[u8]) =
        if pretty { (b"{\n  ", b",\n  ", b": ", b"\n}\n") } else { (b"{", b",", b":", b"}\n") };
    // N.B. The fields in Report's order; `text` is written by `write_text`, the rest by
    // serde_json. tests/json_output.rs checks the whole against serde's own value of
    // the report, so a field added to Report and not here fails it.
    let key = |out: &mut W, first: bool, key: &str| -> io::Result<()> {
        out.write_all(if first { open } else { next })?;
        write!(out, "\"{key}\"")?;
        out.write_all(colon)
    };
    key(out, true, "schema")?;
    value(out, "schema", &report.schema, pretty)?;
    key(out, false, "source")?;
    value(out, "source", &report.source, pretty)?;
    key(out, false, "title")?;
    value(out, "title", &report.title, pretty)?;
    key(out, false, "text")?;
    write_text(out, report.text)?;
    key(out, false, "actors")?;
    value(out, "actors", &report.actors, pretty)?;
    key(out, false, "quotes")?;
    value(out, "quotes", &report.quotes, pretty)?;
    if let Some(decoded) = &report.decoded {
        key(out, false, "decoded")?;
        value(out, "decoded", decoded, pretty)?;
    }
    out.write_all(close)
}

/// The value of the report's field `key` as serde_json writes it, in the layout of the
/// shape, one level in.
fn value<W: Write, T: Serialize + ?Sized>(
    out: &mut W,
    key: &str,
    v: &T,
    pretty: bool,
) -> io::Result<()> {
    let result = if pretty {
        let f =
            SafeStrings(Layout { indent: 1, key: key.as_bytes().to_vec(), ..Layout::default() });
        v.serialize(&mut serde_json::Serializer::with_formatter(&mut *out, f))
    } else {
        let f = SafeStrings(serde_json::ser::CompactFormatter);
        v.serialize(&mut serde_json::Serializer::with_formatter(&mut *out, f))
    };
    result.map_err(io::Error::from)
}

/// What a byte of a string needs: 0 nothing, 1 a look at the character it starts (U+007F
/// and above, see [`write_json`]), else the escape JSON gives it.
const ESCAPE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = b'u';
        b += 1;
    }
    t[0x08] = b'b';
    t[0x09] = b't';
    t[0x0a] = b'n';
    t[0x0c] = b'f';
    t[0x0d] = b'r';
    t[b'"' as usize] = b'"';
    t[b'\\' as usize] = b'\\';
    let mut b = 0x7f;
    while b < 256 {
        t[b] = 1;
        b += 1;
    }
    t
};

/// A JSON string of `s`, as serde_json with [`SafeStrings`] writes it, in one pass of a
/// table lookup a byte: the article's text is most of the report.
fn write_text<W: Write>(out: &mut W, s: &str) -> io::Result<()> {
    use crate::source::sanitize::json_escapes;
    out.write_all(b"\"")?;
    let bytes = s.as_bytes();
    let (mut done, mut i) = (0, 0);
    while i < bytes.len() {
        let e = ESCAPE[usize::from(bytes[i])];
        if e == 0 {
            i += 1;
            continue;
        }
        if e == 1 {
            let c = s[i..].chars().next().unwrap_or_default();
            let len = c.len_utf8();
            if json_escapes(c) {
                out.write_all(&bytes[done..i])?;
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    write!(out, "\\u{:04x}", u)?;
                }
                done = i + len;
            }
            i += len;
            continue;
        }
        out.write_all(&bytes[done..i])?;
        if e == b'u' {
            write!(out, "\\u{:04x}", bytes[i])?;
        } else {
            out.write_all(&[b'\\', e])?;
        }
        i += 1;
        done = i;
    }
    out.write_all(&bytes[done..])?;
    out.write_all(b"\"")
}

/// The formatter of [`Shape::Pretty`]: serde_json's pretty layout (two spaces a level)
/// for the outer structure, and each element of a [`ONE_LINE`] array on one line.
///
/// N.B. It knows an array by the key before it, which it keeps as the key's string
/// goes by: the report's fields are ASCII names, so a key is never escaped.
#[derive(Default)]
struct Layout {
    /// Levels of indentation of the outer structure.
    indent: usize,
    /// Whether the open container of the outer structure has an element yet.
    has_value: bool,
    /// How many containers deep the one-line element being written is open (0: none).
    inline: usize,
    /// For each open container of the outer structure: whether it is a [`ONE_LINE`]
    /// array.
    one_line: Vec<bool>,
    /// The last key, and whether its string is being written now.
    key: Vec<u8>,
    in_key: bool,
}

impl Layout {
    fn newline_indent<W: ?Sized + Write>(&self, w: &mut W) -> io::Result<()> {
        const SPACES: &[u8] = b"\n                                                                ";
        let n = 2 * self.indent;
        if n < SPACES.len() {
            w.write_all(&SPACES[..=n])
        } else {
            w.write_all(b"\n")?;
            (0..self.indent).try_for_each(|_| w.write_all(b"  "))
        }
    }

    /// Opens an array or object: one-line inside a [`ONE_LINE`] array's element or as
    /// one, indented otherwise.
    fn begin<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        bracket: &[u8],
        array: bool,
    ) -> io::Result<()> {
        if self.inline > 0 || self.one_line.last() == Some(&true) {
            self.inline += 1;
        } else {
            self.one_line.push(array && ONE_LINE.iter().any(|k| k.as_bytes() == self.key));
            self.indent += 1;
            self.has_value = false;
        }
        w.write_all(bracket)
    }

    fn end<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        if self.inline > 0 {
            self.inline -= 1;
        } else {
            self.one_line.pop();
            self.indent -= 1;
            if self.has_value {
                self.newline_indent(w)?;
            }
        }
        w.write_all(bracket)
    }

    /// Before an element or a key: a comma after the first, and a new line outside a
    /// one-line element.
    fn next<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        if self.inline > 0 {
            return if first { Ok(()) } else { w.write_all(b", ") };
        }
        if !first {
            w.write_all(b",")?;
        }
        self.newline_indent(w)
    }
}

impl serde_json::ser::Formatter for Layout {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.begin(w, b"[", true)
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.end(w, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.next(w, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.begin(w, b"{", false)
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.end(w, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.key.clear();
        self.in_key = true;
        self.next(w, first)
    }

    fn end_object_key<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.in_key = false;
        Ok(())
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn write_string_fragment<W: ?Sized + Write>(&mut self, w: &mut W, s: &str) -> io::Result<()> {
        if self.in_key {
            self.key.extend_from_slice(s.as_bytes());
        }
        w.write_all(s.as_bytes())
    }
}

/// A serde_json formatter that lays out like the one it wraps and escapes the
/// characters a terminal would obey inside strings (see [`write_json`]).
struct SafeStrings<F>(F);

/// Forwards the layout calls the wrapped formatter makes its own ([`Layout`]'s
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
        end_object_key();
        begin_object_value();
        end_object_value();
    }

    /// N.B. What needs no escape goes on to the wrapped formatter, which sees the
    /// strings (the keys [`Layout`] reads) as if it were alone.
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        use crate::source::sanitize::json_escapes;
        // N.B. Every character to escape is U+007F or above, so the scan looks at bytes
        // and decodes a character only at a byte >= 0x7F: an English article's text is
        // passed through at the speed of a byte search, not a char decode per letter.
        let bytes = fragment.as_bytes();
        let (mut done, mut at) = (0, 0);
        while let Some(k) = bytes[at..].iter().position(|&b| b >= 0x7f) {
            let i = at + k;
            let c = fragment[i..].chars().next().unwrap_or_default();
            at = i + c.len_utf8();
            if json_escapes(c) {
                self.0.write_string_fragment(writer, &fragment[done..i])?;
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    write!(writer, "\\u{:04x}", u)?;
                }
                done = at;
            }
        }
        self.0.write_string_fragment(writer, &fragment[done..])
    }
}

/// `--plain`: the article's text alone, wrapped to `width` columns (0: not wrapped),
/// every character made safe for a terminal by [`crate::source::display_char`].
///
/// Lines break at spaces when they can and otherwise between graphemes, measured by
/// display width, so CJK and emoji are never cut in half. Tabs become spaces to the
/// next multiple of eight; a CR before a line end is dropped (CRLF files).
pub fn plain(article: &Article, width: usize) -> String {
    let mut out = Vec::with_capacity(article.text.len() + article.text.len() / 16);
    write_plain(&mut out, article, width).expect("writing to memory does not fail");
    String::from_utf8(out).expect("the rows are made of the text's own characters")
}

/// [`plain`], written to `out` as it is made: a row at a time, holding no more than the
/// row being made (as a range of the text), so any input prints in little memory.
///
/// # Errors
/// When `out` cannot be written (a closed pipe).
pub fn write_plain(out: &mut impl Write, article: &Article, width: usize) -> io::Result<()> {
    rows(&article.text, width, &mut Plain(out))
}

/// Where [`rows`] puts what it lays out.
trait Cells {
    /// The next cell (a grapheme as drawn, or one space), from byte `offset` of the text.
    fn cell(&mut self, offset: usize, shown: &str) -> io::Result<()>;
    /// The end of a row.
    fn end_row(&mut self) -> io::Result<()>;
    /// Cells of printable ASCII from byte `offset`, one a byte: what most text is, in
    /// one call.
    fn ascii(&mut self, offset: usize, text: &str) -> io::Result<()> {
        for i in 0..text.len() {
            self.cell(offset + i, &text[i..=i])?;
        }
        Ok(())
    }
}

/// The cells as they are: `--plain`.
struct Plain<'w, W>(&'w mut W);

impl<W: Write> Cells for Plain<'_, W> {
    fn cell(&mut self, _offset: usize, shown: &str) -> io::Result<()> {
        self.0.write_all(shown.as_bytes())
    }

    fn end_row(&mut self) -> io::Result<()> {
        self.0.write_all(b"\n")
    }

    fn ascii(&mut self, _offset: usize, text: &str) -> io::Result<()> {
        self.0.write_all(text.as_bytes())
    }
}

/// How a kind of actor, or a quote, is marked in `--ansi` output.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Style {
    kind: Option<crate::analysis::Kind>,
    quote: bool,
}

impl Style {
    const NONE: Style = Style { kind: None, quote: false };

    /// The SGR that turns this on: the theme's style of the kind over that of a quote,
    /// so a name quoted keeps its kind's colour and takes the quote's attributes.
    fn sgr(self, palette: &Palette) -> String {
        let mut style = ratatui::style::Style::new();
        if self.quote {
            style = style.patch(palette.quote);
        }
        if let Some(k) = self.kind {
            style = style.patch(palette.kind(k));
        }
        crate::config::theme::sgr(style)
    }
}

/// `--ansi`: [`plain`] with the analysis marked in SGR, like bat, in the reader's
/// theme (`palette`, the config's colours over the built-in ones): each kind of actor
/// its own colour, quotes italic; without colour (NO_COLOR) kinds are told apart by
/// bold, underline and italic and quotes are faint. Every row ends reset, so a pager
/// that cuts lines never carries a style on. The only escape sequences in the output
/// are these.
pub fn ansi(article: &Article, analysis: &Analysis, width: usize, palette: &Palette) -> String {
    let mut out = Vec::with_capacity(article.text.len() * 2);
    write_ansi(&mut out, article, analysis, width, palette)
        .expect("writing to memory does not fail");
    String::from_utf8(out).expect("the rows are the text's characters and SGR")
}

/// [`ansi`], written to `out` a row at a time like [`write_plain`].
///
/// # Errors
/// When `out` cannot be written (a closed pipe).
pub fn write_ansi(
    out: &mut impl Write,
    article: &Article,
    analysis: &Analysis,
    width: usize,
    palette: &Palette,
) -> io::Result<()> {
    let mut marked = Marked {
        out,
        mentions: analysis.mention_index(),
        kinds: analysis.actors.iter().map(|a| a.kind).collect(),
        quotes: &analysis.quotes,
        mi: 0,
        qi: 0,
        current: Style::NONE,
        palette: *palette,
    };
    rows(&article.text, width, &mut marked)
}

/// The cells with the analysis marked: `--ansi`. Cells come in the order of their
/// offsets, so the mention and quote under each are found by walking both lists once.
struct Marked<'a, 'w, W> {
    out: &'w mut W,
    mentions: Vec<(crate::analysis::Span, crate::analysis::ActorId)>,
    kinds: Vec<crate::analysis::Kind>,
    quotes: &'a [crate::analysis::Quote],
    mi: usize,
    qi: usize,
    /// The style the row is in now; every row starts unstyled.
    current: Style,
    palette: Palette,
}

impl<W: Write> Cells for Marked<'_, '_, W> {
    fn cell(&mut self, o: usize, shown: &str) -> io::Result<()> {
        while self.mi < self.mentions.len() && self.mentions[self.mi].0.end <= o {
            self.mi += 1;
        }
        while self.qi < self.quotes.len() && self.quotes[self.qi].end <= o {
            self.qi += 1;
        }
        let kind = self
            .mentions
            .get(self.mi)
            .filter(|(s, _)| s.start <= o)
            .and_then(|(_, id)| self.kinds.get(*id).copied());
        let quote = self.quotes.get(self.qi).is_some_and(|q| q.start <= o);
        let style = Style { kind, quote };
        if style != self.current {
            if self.current != Style::NONE {
                self.out.write_all(b"\x1b[0m")?;
            }
            self.out.write_all(style.sgr(&self.palette).as_bytes())?;
            self.current = style;
        }
        self.out.write_all(shown.as_bytes())
    }

    fn end_row(&mut self) -> io::Result<()> {
        if self.current != Style::NONE {
            self.out.write_all(b"\x1b[0m")?;
        }
        self.current = Style::NONE;
        self.out.write_all(b"\n")
    }
}

/// Lays out the display rows of a text into `cells`: one cell per grapheme (its byte
/// offset in `text` and what to draw), sanitised, tabs expanded, at most `width`
/// columns a row (0: no limit), without the spaces that end a row.
fn rows(text: &str, width: usize, cells: &mut impl Cells) -> io::Result<()> {
    let width = if width == 0 { usize::MAX } else { width };
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let body = line.strip_suffix('\n').unwrap_or(line);
        let body = body.strip_suffix('\r').unwrap_or(body);
        Wrap { base: start, line: body, width, shown: String::new() }.run(cells)?;
        start += line.len();
    }
    Ok(())
}

/// The wrapping of one line starting at byte `base` of the text.
///
/// N.B. Nothing of a row is kept but two ranges of the line: the spaces after the last
/// word written (written only when a word follows them in the same row) and the word
/// being read (written once it is known which row it goes on). Whatever comes before
/// the last space of a row stays in that row however the row ends, so it is written at
/// once; a row can be as long as the line (`--width 0`) at no cost.
struct Wrap<'t> {
    base: usize,
    line: &'t str,
    width: usize,
    /// A grapheme as drawn, when it is not drawn as itself.
    shown: String,
}

impl Wrap<'_> {
    fn run(self, cells: &mut impl Cells) -> io::Result<()> {
        use unicode_segmentation::UnicodeSegmentation;
        let line = self.line;
        if line.is_ascii() {
            // Each byte is a grapheme (a CR LF, the one pair that is not, ends a line).
            self.wrap((0..line.len()).map(|i| (i, &line[i..=i])), cells)
        } else {
            self.wrap(line.grapheme_indices(true), cells)
        }
    }

    fn wrap<'g>(
        mut self,
        graphemes: impl Iterator<Item = (usize, &'g str)>,
        cells: &mut impl Cells,
    ) -> io::Result<()> {
        let width = self.width;
        let mut col = 0usize;
        // The spaces since the last word: their range and the column they start at.
        let mut spaces = (0..0, 0usize);
        // The word since the last space: its range. The row may break after the last
        // space, at the column given here.
        let mut word = 0..0;
        let mut brk: Option<usize> = None;
        for (i, g) in graphemes {
            if g == "\t" || g == " " {
                let w = if g == "\t" { 8 - col % 8 } else { 1 };
                if col + w > width {
                    // The row ends here; the space is not drawn.
                    self.flush(&mut spaces, &mut word, cells)?;
                    cells.end_row()?;
                    col = 0;
                    brk = None;
                    spaces = (i + g.len()..i + g.len(), 0);
                    word = i + g.len()..i + g.len();
                    continue;
                }
                if !word.is_empty() {
                    self.flush(&mut spaces, &mut word, cells)?;
                }
                if spaces.0.is_empty() {
                    spaces = (i..i, col);
                }
                spaces.0.end = i + g.len();
                col += w;
                brk = Some(col);
                word = i + g.len()..i + g.len();
                continue;
            }
            let w = self.width_of(g);
            if col + w > width && col > 0 {
                match brk.take() {
                    Some(cut_col) if col - cut_col + w <= width => {
                        // The word moves down: the row before it ends at its spaces.
                        cells.end_row()?;
                        spaces = (word.start..word.start, 0);
                        col -= cut_col;
                    }
                    _ => {
                        self.flush(&mut spaces, &mut word, cells)?;
                        cells.end_row()?;
                        col = 0;
                        spaces = (i..i, 0);
                        word = i..i;
                    }
                }
            }
            word.end = i + g.len();
            col += w;
        }
        self.flush(&mut spaces, &mut word, cells)?;
        cells.end_row()
    }

    /// Cells a grapheme takes once drawn.
    fn width_of(&mut self, g: &str) -> usize {
        use unicode_width::UnicodeWidthStr;
        if g.len() == 1 {
            // ASCII: a printable character, or a control drawn as its one-cell picture.
            return 1;
        }
        if g.chars().any(crate::source::sanitize::is_unsafe) {
            self.shown.clear();
            self.shown.extend(g.chars().map(crate::source::display_char));
            self.shown.width()
        } else {
            g.width()
        }
    }

    /// Writes the word read so far, after the spaces before it (the spaces alone end a
    /// row and are not written); both are then empty, starting where the word ended.
    fn flush(
        &mut self,
        spaces: &mut (std::ops::Range<usize>, usize),
        word: &mut std::ops::Range<usize>,
        cells: &mut impl Cells,
    ) -> io::Result<()> {
        use unicode_segmentation::UnicodeSegmentation;
        if word.start != word.end {
            let mut col = spaces.1;
            for (i, b) in self.line[spaces.0.clone()].bytes().enumerate() {
                let n = if b == b'\t' { 8 - col % 8 } else { 1 };
                for _ in 0..n {
                    cells.cell(self.base + spaces.0.start + i, " ")?;
                }
                col += n;
            }
            let text = &self.line[word.clone()];
            if text.bytes().all(|b| (b' '..=b'~').contains(&b)) {
                cells.ascii(self.base + word.start, text)?;
                *spaces = (word.end..word.end, 0);
                *word = word.end..word.end;
                return Ok(());
            }
            for (i, g) in text.grapheme_indices(true) {
                let at = self.base + word.start + i;
                if g.chars().any(crate::source::sanitize::is_unsafe) {
                    self.shown.clear();
                    self.shown.extend(g.chars().map(crate::source::display_char));
                    cells.cell(at, &self.shown)?;
                } else {
                    cells.cell(at, g)?;
                }
            }
        }
        *spaces = (word.end..word.end, 0);
        *word = word.end..word.end;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(text: &str) -> Article {
        Article::from_text("t", text.to_owned())
    }

    /// The layout as it was made before rows were streamed, one `(usize, String)` per
    /// grapheme: the output must not change by a byte.
    mod reference {
        use super::super::Style;
        use crate::analysis::Analysis;
        use crate::config::theme::Palette;
        use crate::source::Article;

        pub(super) fn plain(article: &Article, width: usize) -> String {
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

        /// `--ansi`: [`plain`] with the analysis marked in SGR, like bat: each kind of actor
        /// its own colour, quotes italic; with `color` false (NO_COLOR) kinds are told apart
        /// by bold, underline and italic and quotes are faint. Every row ends reset, so a pager
        /// that cuts lines never carries a style on. The only escape sequences in the output
        /// are these.
        pub(super) fn ansi(
            article: &Article,
            analysis: &Analysis,
            width: usize,
            palette: &Palette,
        ) -> String {
            let mentions = analysis.mention_index();
            let kinds: Vec<crate::analysis::Kind> =
                analysis.actors.iter().map(|a| a.kind).collect();
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
                        out.push_str(&style.sgr(palette));
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
    }

    /// Text made of what the wrapping treats differently: spaces and tabs, wide and
    /// zero-width characters, combining marks, emoji sequences, controls, CRLF.
    fn awkward() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let pieces = prop::sample::select(vec![
            "a",
            "word",
            "Anna",
            " ",
            "  ",
            "\t",
            "\n",
            "\r\n",
            "日本",
            "語",
            "e\u{301}",
            "👩\u{200d}💻",
            "🇫🇷",
            "\u{1b}[2J",
            "\u{9b}",
            "\u{200b}",
            "\u{202e}",
            "x\u{7f}",
            "\"",
            "longerwordthanarow",
        ]);
        prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(400))]
        #[test]
        fn streamed_rows_are_the_rows_as_they_were(text in awkward(), width in 0usize..14, marks in proptest::collection::vec((0usize..400, 0usize..12, 0usize..3), 0..8)) {
            use crate::analysis::{Actor, Kind, Mention, Quote};
            let a = article(&text);
            proptest::prop_assert_eq!(plain(&a, width), reference::plain(&a, width));
            // Mentions and quotes at char boundaries of the text, sorted, not overlapping.
            let bounds: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            let mut spans: Vec<(usize, usize, usize)> = marks
                .iter()
                .map(|&(s, l, k)| {
                    let s = bounds[s % bounds.len()];
                    let e = bounds[bounds.partition_point(|&b| b < s + l).min(bounds.len() - 1)];
                    (s, e.max(s), k)
                })
                .collect();
            spans.sort_unstable();
            spans.dedup_by(|b, a| b.0 < a.1);
            let kinds = [Kind::Person, Kind::Organization, Kind::Place];
            let analysis = Analysis {
                actors: spans
                    .iter()
                    .enumerate()
                    .map(|(id, &(start, end, k))| Actor {
                        id,
                        name: "x".into(),
                        kind: kinds[k],
                        unsure: false,
                        aliases: vec![],
                        mentions: vec![Mention { start, end, demonym: false }],
                    })
                    .collect(),
                quotes: spans
                    .iter()
                    .step_by(2)
                    .map(|&(start, end, _)| Quote { start, end, speaker: None, cue: None, speaker_mention: None })
                    .collect(),
            };
            for color in [true, false] {
                proptest::prop_assert_eq!(
                    ansi(&a, &analysis, width, &Palette::new(color)),
                    reference::ansi(&a, &analysis, width, &Palette::new(color))
                );
            }
        }
    }

    /// The article's text is written by a loop of ours: byte for byte what serde_json
    /// with [`SafeStrings`] writes, for every character up to U+3000 and the awkward ones.
    #[test]
    fn the_text_is_escaped_as_serde_json_escapes_it() {
        let every: String = (0..0x3000u32).filter_map(char::from_u32).collect();
        let awkward = "\"q\" \\ \n\r\t\u{8}\u{c}\u{0}\u{1f} \u{7f}\u{85}\u{9b}\u{202e}\u{2066}\u{e0001} é 日本 👩\u{200d}💻 \u{1b}]2;X\u{7}\u{feff}\u{10ffff}";
        for s in [every.as_str(), awkward, "", "plain", "\u{7f}", "é\""] {
            let mut fast = Vec::new();
            write_text(&mut fast, s).unwrap();
            let mut reference = Vec::new();
            let f = SafeStrings(serde_json::ser::CompactFormatter);
            s.serialize(&mut serde_json::Serializer::with_formatter(&mut reference, f)).unwrap();
            assert_eq!(String::from_utf8(fast).unwrap(), String::from_utf8(reference).unwrap());
        }
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
                unsure: false,
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
            ansi(&a, &analysis, 0, &Palette::new(true)),
            "\x1b[3;38;2;204;121;167m\"Go,\"\x1b[0m said \x1b[1;38;2;213;94;0mAnna Berg\x1b[0m.␛[2J\n"
        );
        // The config's colours, as the reader draws them.
        let mut view = crate::config::View::default();
        view.palette.person = crate::config::Colour(Some(ratatui::style::Color::Red));
        assert!(ansi(&a, &analysis, 0, &view.palette(true)).contains("\x1b[1;31mAnna Berg"));
        assert_eq!(
            ansi(&a, &analysis, 0, &Palette::new(false)),
            "\x1b[2m\"Go,\"\x1b[0m said \x1b[1mAnna Berg\x1b[0m.␛[2J\n"
        );
    }
}
