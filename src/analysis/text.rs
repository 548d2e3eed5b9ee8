//! Tokens and sentences: the one pass over the text that every later step reads.
//!
//! Tokens are byte spans into the text with a class; nothing is copied, so the pass is
//! linear and allocates only the token vector and the small sentence index.

use super::Span;

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters and digits, with inner apostrophes, hyphens and periods of initials or
    /// acronyms kept inside ("Jong-un", "O'Brien", "U.S.").
    Word,
    /// Any other visible character, one per token.
    Punct,
}

/// A token: 8 bytes, so that the passes over millions of them stay in cache and a large
/// article's tokens take less memory than its text does twice.
///
/// N.B. Offsets take 29 bits of each word: [`super::analyse`] reads at most [`MAX_TEXT`]
/// bytes. The three bits left above each hold the flags below, which the tokenizer sets
/// while the bytes are at hand, so the later passes settle most tokens without reading
/// the text. Which sentence a token is in, [`Document::token_sentence`] says.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// The start, and the flags' low three bits above it.
    lo: u32,
    /// The end, and the flags' high bits above it.
    hi: u32,
}

/// The longest text the analyser reads: less than 2^[`OFFSET_BITS`].
pub const MAX_TEXT: usize = 500_000_000;

/// Bits of an offset in [`Token`]; the flags take the rest of each word.
const OFFSET_BITS: u32 = 29;
const OFFSET_MASK: u32 = (1 << OFFSET_BITS) - 1;
/// How many of the flags sit above the start; the others sit above the end.
const LOW_FLAGS: u32 = 3;
const _: () = assert!(MAX_TEXT < 1 << OFFSET_BITS);

/// A word token (not punctuation).
const WORD: u32 = 1;
/// A word whose first character is upper case.
const UPPER: u32 = 2;
/// A word whose first character is lower case.
const LOWER: u32 = 4;
/// A word with an inner hyphen or apostrophe ("al-Assad", "O'Brien"); or punctuation that
/// opens a clause, after which a word is capitalized by its position (`: " “ ‘ ( — -`).
const JOINED_OR_OPENER: u32 = 8;
/// Between tokenizing and sentence splitting: a line break comes between the token and
/// the one before it. After splitting: the token is the first of its sentence.
const NEW_LINE_OR_FIRST: u32 = 16;

impl Token {
    fn new(start: usize, end: usize, flags: u32) -> Self {
        let low = (1 << LOW_FLAGS) - 1;
        Token {
            lo: start as u32 | (flags & low) << OFFSET_BITS,
            hi: end as u32 | (flags >> LOW_FLAGS) << OFFSET_BITS,
        }
    }

    #[inline]
    fn flags(&self) -> u32 {
        self.lo >> OFFSET_BITS | (self.hi >> OFFSET_BITS) << LOW_FLAGS
    }

    fn set_first(&mut self, first: bool) {
        let bit = (NEW_LINE_OR_FIRST >> LOW_FLAGS) << OFFSET_BITS;
        self.hi = if first { self.hi | bit } else { self.hi & !bit };
    }

    #[inline]
    pub fn start(&self) -> usize {
        (self.lo & OFFSET_MASK) as usize
    }

    #[inline]
    pub fn end(&self) -> usize {
        (self.hi & OFFSET_MASK) as usize
    }

    #[inline]
    pub fn len(&self) -> usize {
        self.end() - self.start()
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.end() == self.start()
    }

    #[inline]
    pub fn kind(&self) -> TokenKind {
        if self.is_word() { TokenKind::Word } else { TokenKind::Punct }
    }

    #[inline]
    pub fn is_word(&self) -> bool {
        self.flags() & WORD != 0
    }

    /// A word whose first character is upper case.
    #[inline]
    pub fn is_upper(&self) -> bool {
        self.flags() & UPPER != 0
    }

    /// A word whose first character is lower case.
    #[inline]
    pub fn is_lower(&self) -> bool {
        self.flags() & LOWER != 0
    }

    /// A word with an inner hyphen or apostrophe.
    #[inline]
    pub fn is_joined(&self) -> bool {
        self.flags() & (WORD | JOINED_OR_OPENER) == WORD | JOINED_OR_OPENER
    }

    /// Punctuation that opens a clause: a colon, an opening quote or bracket, a dash.
    #[inline]
    pub fn is_opener(&self) -> bool {
        self.flags() & (WORD | JOINED_OR_OPENER) == JOINED_OR_OPENER
    }

    /// The first token of its sentence (once the document is split into sentences).
    #[inline]
    pub fn starts_sentence(&self) -> bool {
        self.flags() & NEW_LINE_OR_FIRST != 0
    }

    pub fn span(&self) -> Span {
        Span::new(self.start(), self.end())
    }
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Token")
            .field("start", &self.start())
            .field("end", &self.end())
            .field("kind", &self.kind())
            .field("starts_sentence", &self.starts_sentence())
            .finish()
    }
}

/// The text with its tokens and sentences.
///
/// N.B. A sentence is a run of whole tokens, so the sentences are kept as the index of
/// each one's first token (4 bytes a sentence), and which sentence a token is in is
/// looked up from every [`SENTENCE_BLOCK`]th token's, rather than stored in every token.
#[derive(Debug)]
pub struct Document<'t> {
    pub text: &'t str,
    pub tokens: Vec<Token>,
    /// The first token of each sentence, in order; the sentences tile the tokens.
    sentence_first: Vec<u32>,
    /// The sentence of token `k * SENTENCE_BLOCK`, for each `k`.
    block_sentence: Vec<u32>,
}

/// Tokens per entry of [`Document::block_sentence`]: a token's sentence is found by
/// stepping over fewer sentence starts than this from its block's.
const SENTENCE_BLOCK: usize = 64;
/// Further apart than this, two tokens' sentences are compared by index rather than by
/// looking for a sentence start between them.
const NEAR_TOKENS: usize = 16;

/// Abbreviations after which a period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Col", "Lt", "Sgt", "Capt", "Maj", "Rep", "Sen", "Gov",
    "Rev", "St", "Jr", "Sr", "Inc", "Co", "Corp", "Ltd", "No", "vs", "Jan", "Feb", "Mar", "Apr",
    "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Mt", "Ft", "Adm", "Cmdr",
];

impl<'t> Document<'t> {
    pub fn new(text: &'t str) -> Self {
        let mut tokens = tokenize(text);
        let sentence_first = split_sentences(text, &mut tokens);
        let mut block_sentence = Vec::with_capacity(tokens.len().div_ceil(SENTENCE_BLOCK));
        let mut s = 0;
        for block_first in (0..tokens.len()).step_by(SENTENCE_BLOCK) {
            while sentence_first.get(s + 1).is_some_and(|&f| f as usize <= block_first) {
                s += 1;
            }
            block_sentence.push(s as u32);
        }
        Document { text, tokens, sentence_first, block_sentence }
    }

    /// How many sentences the text has.
    pub fn sentence_count(&self) -> usize {
        self.sentence_first.len()
    }

    /// The span of sentence `s`: from its first token's start to its last one's end.
    pub fn sentence_span(&self, s: usize) -> Option<Span> {
        let tokens = self.sentence_tokens(s);
        let (first, last) =
            (self.tokens.get(tokens.start)?, self.tokens.get(tokens.end.checked_sub(1)?)?);
        Some(Span::new(first.start(), last.end()))
    }

    /// The tokens of sentence `s` (none past the last sentence).
    pub fn sentence_tokens(&self, s: usize) -> std::ops::Range<usize> {
        let Some(&first) = self.sentence_first.get(s) else { return 0..0 };
        let next = self.sentence_first.get(s + 1).map_or(self.tokens.len(), |&f| f as usize);
        first as usize..next
    }

    /// The index of the sentence token `t` is in (the last sentence past the end).
    pub fn token_sentence(&self, t: usize) -> u32 {
        let t = t.min(self.tokens.len().saturating_sub(1));
        let mut s = self.block_sentence.get(t / SENTENCE_BLOCK).copied().unwrap_or(0) as usize;
        while self.sentence_first.get(s + 1).is_some_and(|&f| f as usize <= t) {
            s += 1;
        }
        s as u32
    }

    /// Tokens `a` and `b` are in one sentence; `false` when either is past the end.
    pub fn same_sentence(&self, a: usize, b: usize) -> bool {
        let (a, b) = (a.min(b), a.max(b));
        if b >= self.tokens.len() {
            return false;
        }
        if b - a <= NEAR_TOKENS {
            return !self.tokens[a + 1..=b].iter().any(Token::starts_sentence);
        }
        self.token_sentence(a) == self.token_sentence(b)
    }

    pub fn slice(&self, span: Span) -> &'t str {
        &self.text[span.range()]
    }

    pub fn token_text(&self, i: usize) -> &'t str {
        let t = &self.tokens[i];
        &self.text[t.start()..t.end()]
    }

    /// Index of the first token that starts at or after `offset`.
    pub fn token_at_or_after(&self, offset: usize) -> usize {
        self.tokens.partition_point(|t| t.start() < offset)
    }

    /// Index of the sentence holding `offset` (or the last one before it).
    pub fn sentence_of(&self, offset: usize) -> usize {
        // The sentences ending at or before `offset` come first: count them.
        let (mut lo, mut hi) = (0, self.sentence_count());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if self.sentence_span(mid).is_some_and(|s| s.end <= offset) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo.min(self.sentence_count().saturating_sub(1))
    }
}

/// A letter or digit.
///
/// N.B. General Punctuation (U+2000–U+206F: curly quotes, dashes, odd spaces) holds no
/// letter, and news is full of it: those characters skip the Unicode tables.
fn is_word_char(c: char) -> bool {
    if ('\u{2000}'..='\u{206f}').contains(&c) {
        return false;
    }
    c.is_alphanumeric()
}

/// Classes of bytes: an ASCII byte is settled by one lookup in [`BYTE_CLASS`].
const ALNUM: u8 = 1;
const SPACE: u8 = 2;
const PUNCT: u8 = 3;
/// A byte of a character outside ASCII: decode it.
const WIDE: u8 = 4;

static BYTE_CLASS: [u8; 256] = {
    let mut table = [WIDE; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if c.is_ascii_alphanumeric() {
            ALNUM
        } else if matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r') {
            // char::is_whitespace in ASCII.
            SPACE
        } else {
            PUNCT
        };
        b += 1;
    }
    table
};

/// Splits the text into word and punctuation tokens, skipping whitespace.
///
/// N.B. ASCII bytes are classified by one table lookup; only a non-ASCII byte decodes a
/// character.
#[inline(never)]
fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let bytes = text.as_bytes();
    let n = bytes.len();
    let char_at = |i: usize| text[i..].chars().next().unwrap_or(' ');
    // A line break was skipped since the last token: the next one gets [`NEW_LINE`].
    let mut line = 0;
    let mut i = 0;
    while i < n {
        let b = bytes[i];
        let (c, clen) = match BYTE_CLASS[usize::from(b)] {
            SPACE => {
                if b == b'\n' {
                    line = NEW_LINE_OR_FIRST;
                }
                i += 1;
                continue;
            }
            PUNCT if b == 0x1b => {
                // A terminal control sequence pasted into the text ("\x1b[31m") is no
                // words: "\x1b[H" is not the name "H".
                let end = escape_end(bytes, i);
                tokens.push(Token::new(i, end, std::mem::take(&mut line)));
                i = end;
                continue;
            }
            PUNCT => {
                let opener = matches!(b, b':' | b'"' | b'(' | b'-');
                let flags = if opener { JOINED_OR_OPENER } else { 0 };
                tokens.push(Token::new(i, i + 1, flags | std::mem::take(&mut line)));
                i += 1;
                continue;
            }
            ALNUM => (b as char, 1),
            _ => {
                let c = char_at(i);
                let clen = c.len_utf8();
                if c.is_whitespace() {
                    i += clen;
                    continue;
                }
                if !is_word_char(c) {
                    // “ ‘ —
                    let opener = matches!(c, '\u{201c}' | '\u{2018}' | '\u{2014}');
                    let flags = if opener { JOINED_OR_OPENER } else { 0 };
                    tokens.push(Token::new(i, i + clen, flags | std::mem::take(&mut line)));
                    i += clen;
                    continue;
                }
                (c, clen)
            }
        };
        let start = i;
        let (end, single_parts) = word_end(text, start, clen);
        let case = if c.is_uppercase() {
            UPPER
        } else if c.is_lowercase() {
            LOWER
        } else {
            0
        };
        let joined = if single_parts { 0 } else { JOINED_OR_OPENER };
        tokens.push(Token::new(start, end, WORD | case | joined | std::mem::take(&mut line)));
        i = end;
    }
    tokens
}

/// The end of the word that starts at `start` with a character `clen` bytes long, and
/// whether no hyphen or apostrophe joins two of its parts (false for "Jong-un" and
/// "O'Brien", true for "Kim" and "U.S.").
///
/// N.B. Its own function so [`tokenize`] reads as the byte classes it dispatches on; it
/// is inlined back, the loop being the hottest in the tokenizer.
#[inline]
fn word_end(text: &str, start: usize, clen: usize) -> (usize, bool) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let char_at = |i: usize| text[i..].chars().next().unwrap_or(' ');
    let mut end = start + clen;
    // Periods seen inside the word, and whether every part between them is one letter.
    let mut has_period = false;
    let mut single_parts = true;
    let mut part_len = 1usize;
    while end < n {
        let b = bytes[end];
        if BYTE_CLASS[usize::from(b)] == ALNUM {
            end += 1;
            part_len += 1;
            continue;
        }
        let d = if b < 0x80 { b as char } else { char_at(end) };
        let dlen = d.len_utf8();
        if is_word_char(d) {
            end += dlen;
            part_len += 1;
            continue;
        }
        // An invisible format character inside a word (soft hyphen, zero-width
        // space or joiner, word joiner, BOM) is part of it: "Netan\u{ad}yahu" is
        // one word, as it looks.
        if matches!(d, '\u{ad}' | '\u{200b}' | '\u{200d}' | '\u{2060}' | '\u{feff}') {
            let next = end + dlen;
            if next < n && is_word_char(char_at(next)) {
                end = next;
                continue;
            }
        }
        // Inner joiners stay inside a word when a letter or digit follows them:
        // Jong-un, O'Brien, don't, U.S (the final period of an acronym is added below).
        if matches!(d, '-' | '\'' | '\u{2019}' | '.' | '\u{2010}' | '\u{2011}') {
            let next = end + dlen;
            let next_is_word = next < n
                && (bytes[next].is_ascii_alphanumeric()
                    || (bytes[next] >= 0x80 && is_word_char(char_at(next))));
            // A period joins only single letters: "U.S", "J.K" (not "end.Next").
            let joins = d != '.' || (part_len == 1 && single_parts);
            if joins && next_is_word {
                if d == '.' {
                    has_period = true;
                } else {
                    single_parts = false;
                }
                part_len = 0;
                end = next;
                continue;
            }
        }
        break;
    }
    // An acronym with inner periods keeps its final one: "U.S." and "D.C.".
    if has_period && bytes.get(end) == Some(&b'.') {
        end += 1;
    }
    (end, single_parts)
}

/// The end of the escape sequence that starts at `bytes[i]` (an ESC): a CSI sequence
/// (`ESC [` parameters, intermediates, a final byte), an OSC string (`ESC ]` up to BEL or
/// `ESC \`), or ESC and the one character after it.
///
/// N.B. Only ASCII bytes are taken, so the end is always on a character boundary.
fn escape_end(bytes: &[u8], i: usize) -> usize {
    let n = bytes.len();
    let mut j = i + 1;
    match bytes.get(j) {
        Some(b'[') => {
            j += 1;
            while j < n && (0x20..=0x3f).contains(&bytes[j]) {
                j += 1;
            }
            if j < n && (0x40..=0x7e).contains(&bytes[j]) {
                j += 1;
            }
            j
        }
        Some(b']') => {
            j += 1;
            while j < n && bytes[j] != 0x07 && bytes[j] != 0x1b && bytes[j].is_ascii() {
                j += 1;
            }
            if bytes.get(j) == Some(&0x07) {
                j + 1
            } else if bytes.get(j) == Some(&0x1b) && bytes.get(j + 1) == Some(&b'\\') {
                j + 2
            } else {
                j
            }
        }
        Some(&b) if (0x20..0x7f).contains(&b) => j + 1,
        _ => j,
    }
}

/// Splits into sentences at . ! ? (after closing quotes and brackets) followed by space
/// and a capital, digit or opening quote, and at every line break, since a news
/// paragraph never continues a sentence across lines.
///
/// Returns each sentence's first token. The line-break flag of every token is replaced
/// by whether it is the first of its sentence, while the token is in cache.
/// The end of a reference mark ("[17]": a number of up to three digits in brackets,
/// written together) that starts at token `j`, if one does.
fn reference_mark_at(text: &str, tokens: &[Token], j: usize) -> Option<usize> {
    let [open, number, close] = tokens.get(j..j + 3)? else { return None };
    let b = text.as_bytes();
    (b[open.start()] == b'['
        && number.start() == open.end()
        && number.len() <= 3
        && b[number.start()..number.end()].iter().all(u8::is_ascii_digit)
        && close.start() == number.end()
        && b[close.start()] == b']')
        .then_some(close.end())
}

fn split_sentences(text: &str, tokens: &mut [Token]) -> Vec<u32> {
    let mut sentences = Vec::new();
    // First token of the sentence being read.
    let mut first = 0;
    let mut close = |sentences: &mut Vec<u32>, tokens: &mut [Token], span: Span, upto: usize| {
        // What [`Document::sentence_span`] gives back from the tokens.
        debug_assert_eq!(span, Span::new(tokens[first].start(), tokens[upto - 1].end()));
        for t in &mut tokens[first..upto] {
            t.set_first(false);
        }
        tokens[first].set_first(true);
        sentences.push(first as u32);
        first = upto;
    };
    let mut start: Option<usize> = None;
    let mut last_end = 0;
    let mut i = 0;
    while i < tokens.len() {
        let t = tokens[i];
        // A line break between the previous token and this one ends the sentence.
        if let Some(s) = start {
            if t.starts_sentence() {
                close(&mut sentences, tokens, Span::new(s, last_end), i);
                start = None;
            }
        }
        if start.is_none() {
            start = Some(t.start());
        }
        last_end = t.end();
        // Stops are one ASCII byte: most tokens are settled without slicing the text.
        let is_stop = !t.is_word()
            && t.len() == 1
            && matches!(text.as_bytes()[t.start()], b'.' | b'!' | b'?');
        if is_stop {
            let tok = &text[t.start()..t.end()];
            // Take closing quotes and brackets with the sentence.
            let mut j = i + 1;
            while j < tokens.len()
                && tokens[j].kind() == TokenKind::Punct
                && tokens[j].start() == last_end
                && matches!(
                    &text[tokens[j].start()..tokens[j].end()],
                    "\"" | "\u{201d}" | "\u{2019}" | "'" | ")" | "]" | "\u{bb}"
                )
            {
                last_end = tokens[j].end();
                j += 1;
            }
            // "… in Dulwich. [17] Placed under …", "….[4][5] The …": reference marks
            // after the stop belong to its sentence.
            while let Some(end) = reference_mark_at(text, tokens, j) {
                last_end = end;
                j += 3;
            }
            let prev_word = i.checked_sub(1).map(|p| &text[tokens[p].start()..tokens[p].end()]);
            let is_abbrev = tok == "."
                && prev_word.is_some_and(|w| {
                    ABBREVIATIONS.contains(&w)
                        || (w.chars().count() == 1 && w.chars().all(char::is_uppercase))
                });
            let next_starts = match tokens.get(j) {
                None => true,
                Some(n) => {
                    let c = text[n.start()..].chars().next().unwrap_or(' ');
                    n.start() > last_end
                        && (c.is_uppercase()
                            || c.is_numeric()
                            || matches!(c, '"' | '\u{201c}' | '\'' | '\u{2018}' | '(' | '\u{ab}'))
                }
            };
            if next_starts && !is_abbrev {
                close(
                    &mut sentences,
                    tokens,
                    Span::new(start.take().unwrap_or(t.start()), last_end),
                    j,
                );
            }
            i = j;
            continue;
        }
        i += 1;
    }
    if let Some(s) = start {
        let n = tokens.len();
        close(&mut sentences, tokens, Span::new(s, last_end), n);
    }
    sentences
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences<'t>(doc: &Document<'t>) -> Vec<&'t str> {
        (0..doc.sentence_count())
            .filter_map(|s| doc.sentence_span(s))
            .map(|s| doc.slice(s))
            .collect()
    }

    #[test]
    fn a_tokens_sentence_is_found_from_its_block_whatever_the_sentences_lengths() {
        // Sentences of one token and of many, across several blocks of tokens.
        let mut text = String::new();
        for k in 0..300 {
            let words = if k % 7 == 0 { 70 } else { k % 3 + 1 };
            for _ in 0..words {
                text.push_str("w ");
            }
            text.push('\n');
        }
        let doc = Document::new(&text);
        assert_eq!(doc.sentence_count(), 300);
        let mut expected = Vec::new();
        for s in 0..doc.sentence_count() {
            let span = doc.sentence_span(s).unwrap();
            for t in &doc.tokens {
                if span.contains(t.start()) {
                    expected.push(s as u32);
                }
            }
        }
        let found: Vec<u32> = (0..doc.tokens.len()).map(|t| doc.token_sentence(t)).collect();
        assert_eq!(found, expected);
        for (a, b) in [(0, 1), (0, 2), (1, 5), (69, 70), (70, 71), (3, 400), (400, 3)] {
            assert_eq!(doc.same_sentence(a, b), expected[a] == expected[b], "{a} {b}");
        }
        assert!(!doc.same_sentence(0, doc.tokens.len()));
    }

    fn words(text: &str) -> Vec<&str> {
        Document::new(text).tokens.iter().map(|t| &text[t.start()..t.end()]).collect()
    }

    #[test]
    fn invisible_characters_inside_a_word_do_not_split_it() {
        let only_words = |text: &'static str| -> Vec<&'static str> {
            let doc = Document::new(text);
            doc.tokens.iter().filter(|t| t.is_word()).map(|t| &text[t.start()..t.end()]).collect()
        };
        assert_eq!(
            only_words("Netan\u{ad}yahu met Zero\u{200b}Width."),
            ["Netan\u{ad}yahu", "met", "Zero\u{200b}Width"]
        );
        assert_eq!(
            only_words("a\u{2060}b c\u{feff}d e\u{200d}f"),
            ["a\u{2060}b", "c\u{feff}d", "e\u{200d}f"]
        );
        // Not inside a word, it joins nothing.
        assert_eq!(only_words("end\u{ad} next"), ["end", "next"]);
    }

    #[test]
    fn inner_joiners_stay_in_words() {
        assert_eq!(words("Kim Jong-un met O'Brien."), ["Kim", "Jong-un", "met", "O'Brien", "."]);
        assert_eq!(words("the U.S. said"), ["the", "U.S.", "said"]);
        assert_eq!(words("J.K. Rowling"), ["J.K.", "Rowling"]);
        assert_eq!(words("\"Hello,\" he"), ["\"", "Hello", ",", "\"", "he"]);
    }

    #[test]
    fn sentences_split_at_stops_and_lines() {
        let text = "Mr. Smith left. He said \"no.\" Then\nA new line";
        let doc = Document::new(text);
        assert_eq!(sentences(&doc), ["Mr. Smith left.", "He said \"no.\"", "Then", "A new line"]);
        let then = text.find("Then").unwrap();
        assert_eq!(doc.sentence_of(then), 2);
        assert_eq!(doc.token_sentence(doc.token_at_or_after(then)), 2);
        assert_eq!(doc.sentence_of(text.len() + 5), 3);
    }

    #[test]
    fn reference_marks_after_a_stop_stay_with_its_sentence() {
        let doc =
            Document::new("It fell in 1998. [17] Placed there, it stayed.[4][5] Then [x] it went.");
        assert_eq!(
            sentences(&doc),
            ["It fell in 1998. [17]", "Placed there, it stayed.[4][5]", "Then [x] it went."]
        );
        // Not a mark: more than three digits, or a word, in the brackets.
        let doc = Document::new("It fell. [2024] It rose. [a] Gone.");
        assert_eq!(sentences(&doc), ["It fell. [2024] It rose. [a] Gone."]);
    }

    #[test]
    fn tokenizer_flags_say_case_joiners_and_openers() {
        let text = "Kim al-Assad said: \u{201c}école 42\u{201d} (O\u{2019}Brien)";
        let doc = Document::new(text);
        let flags: Vec<(&str, bool, bool, bool, bool)> = doc
            .tokens
            .iter()
            .map(|t| {
                (doc.slice(t.span()), t.is_upper(), t.is_lower(), t.is_joined(), t.is_opener())
            })
            .collect();
        assert_eq!(
            flags,
            [
                ("Kim", true, false, false, false),
                ("al-Assad", false, true, true, false),
                ("said", false, true, false, false),
                (":", false, false, false, true),
                ("\u{201c}", false, false, false, true),
                ("\u{e9}cole", false, true, false, false),
                ("42", false, false, false, false),
                ("\u{201d}", false, false, false, false),
                ("(", false, false, false, true),
                ("O\u{2019}Brien", true, false, true, false),
                (")", false, false, false, false),
            ]
        );
    }

    #[test]
    fn a_line_break_anywhere_in_the_gap_ends_the_sentence() {
        // The break is found by the tokenizer, so it counts however much space surrounds it.
        let doc = Document::new("One two  \r\n  three\n\nfour five");
        assert_eq!(sentences(&doc), ["One two", "three", "four five"]);
    }

    #[test]
    fn escape_sequences_are_no_words() {
        let text = "The \x1b[31mminister\x1b[0m said \x1b[H and \x1b]0;Title\x07 Putin.";
        assert_eq!(
            words(text).into_iter().filter(|w| !w.starts_with('\x1b')).collect::<Vec<_>>(),
            ["The", "minister", "said", "and", "Putin", "."]
        );
        // Cut short at the end of the text, or by a character outside ASCII.
        assert_eq!(words("a \x1b[3"), ["a", "\x1b[3"]);
        assert_eq!(words("a \x1b]é"), ["a", "\x1b]", "é"]);
        assert_eq!(words("\x1b"), ["\x1b"]);
    }
}
