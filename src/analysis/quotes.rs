//! Quoted statements: the spans between quotation marks.
//!
//! One pass over the characters with a small stack of open marks. News text mixes
//! straight and typographic marks, drops closing marks, and uses the same glyph for
//! apostrophes and single quotes, so a mark's role is read from what surrounds it
//! (the "flanking" rule of Markdown) rather than from its glyph alone:
//!
//! - Double marks (`"` `“` `”` `„` `‟`) and guillemets (`«` `»`) open and close top-level
//!   quotes. Single marks (`'` `‘` `’` `‚` `‹` `›`) only nest inside an open quote: at the
//!   top level they are apostrophes or a headline's scare quotes, and an inner quote
//!   belongs to its outer one.
//! - An apostrophe between letters (don't, O'Brien), before a year ('90s) or after a
//!   plural (Jones') never opens or closes anything.
//! - A quote never runs past its paragraph. A quotation over several paragraphs follows
//!   the newspaper convention (every paragraph opens with a mark, only the last closes),
//!   so an unclosed quote continues only when the next paragraph opens with a mark;
//!   otherwise it ends with its paragraph. Unbalanced marks therefore cost at most one
//!   paragraph, and the pass stays linear in the text.

use super::Span;

/// How deep quotes may nest; deeper marks are ignored. Real text nests two or three
/// levels; the bound keeps hostile input (a megabyte of opening marks) linear.
const MAX_DEPTH: usize = 8;

/// The family a quotation mark belongs to; a mark closes only a quote of its family.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Double,
    /// Guillemets pair by glyph: « closes with », and » (German style) with «.
    Guillemet {
        closer: char,
    },
    Single,
}

fn family_of(c: char) -> Option<Family> {
    match c {
        '"' | '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' => Some(Family::Double),
        '\u{ab}' => Some(Family::Guillemet { closer: '\u{bb}' }),
        '\u{bb}' => Some(Family::Guillemet { closer: '\u{ab}' }),
        '\'' | '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2039}' | '\u{203a}' => {
            Some(Family::Single)
        }
        _ => None,
    }
}

/// Whether `c` is any quotation mark (or an apostrophe, which shares its glyph).
pub fn is_quote_mark(c: char) -> bool {
    family_of(c).is_some()
}

/// Characters after which a mark is read as opening: space, an opening bracket, a dash,
/// a slash or another quotation mark ("(“Yes”)", "—“No”").
fn opens_after(prev: Option<char>) -> bool {
    match prev {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || matches!(c, '(' | '[' | '{' | '/' | '-' | '\u{2013}' | '\u{2014}')
                || is_quote_mark(c)
        }
    }
}

/// Short words written with a leading apostrophe ('em, 'til): not quote openers.
const ELISIONS: &[&str] = &["em", "n", "til", "cause", "tis", "twas", "bout", "round"];

/// Whether a single mark that ends at `after` is an apostrophe: inside a word, or before
/// a year or an elided word. (After a plural's s it cannot open, so it needs no test.)
fn is_apostrophe(text: &str, after: usize, prev: Option<char>, next: Option<char>) -> bool {
    let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    if alnum(prev) && alnum(next) {
        return true;
    }
    if !alnum(prev) && next.is_some_and(|c| c.is_ascii_digit()) {
        return true;
    }
    if !alnum(prev) && alnum(next) {
        // The elided word, read no further than the longest elision.
        let rest = &text[after..];
        let len = rest.find(|c: char| !c.is_alphanumeric()).unwrap_or(rest.len());
        if len <= 6 && ELISIONS.iter().any(|e| rest[..len].eq_ignore_ascii_case(e)) {
            return true;
        }
    }
    false
}

/// One open quotation mark.
#[derive(Debug, Clone, Copy)]
struct Open {
    family: Family,
    /// Where the quote starts: its mark, or the first mark of a multi-paragraph quote.
    start: usize,
}

/// Finds quoted spans (marks included), sorted and non-overlapping.
///
/// Only top-level quotes are returned: a quote nested inside another is part of it.
pub fn find(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut stack: Vec<Open> = Vec::with_capacity(MAX_DEPTH);
    let mut i = 0usize;
    // Only marks and line breaks matter; everything else is skipped a byte at a time.
    while let Some(off) = bytes[i..].iter().position(|&b| INTERESTING[b as usize]) {
        let at = i + off;
        if bytes[at] == b'\n' {
            i = at + 1;
            if stack.is_empty() {
                continue;
            }
            // Where the paragraph's text ends, and what comes after the line breaks.
            let content_end = text[..at].trim_end().len();
            let last = text[..content_end].chars().next_back();
            let rest = &text[at..];
            let next_at = text.len() - rest.trim_start().len();
            let breaks = text[at..next_at].bytes().filter(|&b| b == b'\n').count() as u32;
            let Some(c) = text[next_at..].chars().next() else { break };
            if !paragraph_break(breaks, last, c) {
                continue;
            }
            // The quote is unclosed at its paragraph's end: it goes on only into a
            // paragraph that opens with a mark.
            let start = stack[0].start;
            stack.clear();
            let after = next_at + c.len_utf8();
            let family = family_of(c).filter(|f| !matches!(f, Family::Single));
            match family {
                Some(family) if opens(c, Some('\n'), text[after..].chars().next()) => {
                    stack.push(Open { family, start });
                    i = after;
                }
                _ => {
                    emit(text, &mut out, Span::new(start, content_end));
                    i = next_at;
                }
            }
            continue;
        }
        let Some(c) = text[at..].chars().next() else { break };
        let end = at + c.len_utf8();
        if let Some(family) = family_of(c) {
            let prev = text[..at].chars().next_back();
            let next = text[end..].chars().next();
            step(text, &mut stack, &mut out, family, c, at, prev, next);
        }
        i = end;
    }
    if let Some(first) = stack.first() {
        emit(text, &mut out, Span::new(first.start, text.trim_end().len()));
    }
    out
}

/// The bytes that may start a quotation mark or end a paragraph: `"`, `'`, a line
/// break, and the lead bytes of « » (C2) and of the typographic marks (E2).
const INTERESTING: [bool; 256] = {
    let mut table = [false; 256];
    table[b'"' as usize] = true;
    table[b'\'' as usize] = true;
    table[b'\n' as usize] = true;
    table[0xC2] = true;
    table[0xE2] = true;
    table
};

/// Whether a double mark or guillemet at this place may open a quote.
fn opens(c: char, prev: Option<char>, next: Option<char>) -> bool {
    let followed = next.is_some_and(|n| !n.is_whitespace());
    match c {
        // French style puts a space inside: « Oui ».
        '\u{ab}' => next.is_some(),
        _ => followed && !prev.is_some_and(char::is_alphanumeric),
    }
}

/// Whether line breaks before `next` end a paragraph. A blank line always does; a single
/// line break does unless the text is hard-wrapped there: the line stops mid-sentence
/// and the next one goes on in lower case.
fn paragraph_break(breaks: u32, last: Option<char>, next: char) -> bool {
    if breaks >= 2 {
        return true;
    }
    let mid_sentence = last.is_some_and(|c| c.is_alphanumeric() || matches!(c, ',' | '-'));
    !(mid_sentence && (next.is_lowercase() || next.is_ascii_digit()))
}

/// Handles one quotation mark: closes the quote it ends, opens a new one, or ignores it.
#[allow(clippy::too_many_arguments)]
fn step(
    text: &str,
    stack: &mut Vec<Open>,
    out: &mut Vec<Span>,
    family: Family,
    c: char,
    i: usize,
    prev: Option<char>,
    next: Option<char>,
) {
    let end = i + c.len_utf8();
    // A mark with space before and a word after reads as an opening one.
    let strictly_opening = opens_after(prev) && next.is_some_and(|n| !n.is_whitespace());
    let close_at = |stack: &Vec<Open>| -> Option<usize> {
        match family {
            Family::Double => stack.iter().rposition(|o| o.family == Family::Double),
            Family::Guillemet { .. } => stack
                .iter()
                .rposition(|o| matches!(o.family, Family::Guillemet { closer } if closer == c)),
            // A single mark closes only the innermost quote, and only if it is single.
            Family::Single => {
                stack.last().filter(|o| o.family == Family::Single).map(|_| stack.len() - 1)
            }
        }
    };
    match family {
        Family::Single => {
            if stack.is_empty() {
                return;
            }
            let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
            if alnum(prev) && alnum(next) {
                return; // don't, O'Brien
            }
            if let Some(at) = close_at(stack)
                && !strictly_opening
            {
                stack.truncate(at);
                return;
            }
            if strictly_opening && !is_apostrophe(text, end, prev, next) && stack.len() < MAX_DEPTH
            {
                stack.push(Open { family, start: i });
            }
        }
        Family::Double | Family::Guillemet { .. } => {
            if let Some(at) = close_at(stack) {
                if !strictly_opening || matches!(family, Family::Guillemet { .. }) {
                    let start = stack[at].start;
                    stack.truncate(at);
                    if stack.is_empty() {
                        emit(text, out, Span::new(start, end));
                    }
                    return;
                }
            }
            let may_open = if stack.is_empty() { opens(c, prev, next) } else { strictly_opening };
            // A stray » with nothing open is a closing mark, not German style.
            let stray = c == '\u{bb}' && stack.is_empty() && !opens_after(prev);
            if may_open && !stray && stack.len() < MAX_DEPTH {
                stack.push(Open { family, start: i });
            }
        }
    }
}

/// Keeps a span that holds words; an opening mark alone at a paragraph's end is not a quote.
fn emit(text: &str, out: &mut Vec<Span>, span: Span) {
    if text[span.range()].chars().any(char::is_alphanumeric) {
        out.push(span);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(text: &str) -> Vec<&str> {
        find(text).into_iter().map(|s| &text[s.range()]).collect()
    }

    #[test]
    fn straight_curly_and_guillemets() {
        assert_eq!(quoted(r#"He said "yes" and "no"."#), [r#""yes""#, r#""no""#]);
        assert_eq!(quoted("She said “we will” today."), ["“we will”"]);
        assert_eq!(quoted("Il a dit « non » hier."), ["« non »"]);
        assert_eq!(quoted("Er sagte »nein« gestern."), ["»nein«"]);
        assert_eq!(quoted("Er sagte „nein“ gestern."), ["„nein“"]);
    }

    #[test]
    fn nested_single_quotes_belong_to_the_outer() {
        let text = r#"He said "they called me the 'anti-christ' of it" then."#;
        assert_eq!(quoted(text), [r#""they called me the 'anti-christ' of it""#]);
        let text = "She said “it was ‘madness’” and left.";
        assert_eq!(quoted(text), ["“it was ‘madness’”"]);
        // An inner quote left open does not keep the outer one open.
        assert_eq!(quoted(r#"He said "a 'b c" and "d"."#), [r#""a 'b c""#, r#""d""#]);
    }

    #[test]
    fn top_level_single_quotes_are_not_quotes() {
        assert!(quoted("North Korea puts military in 'quasi-state of war'").is_empty());
        assert!(quoted("It's the '90s, Jones' car, rock 'n' roll.").is_empty());
    }

    #[test]
    fn apostrophes_inside_quotes_do_not_close() {
        let text = r#""Don't go back to the '90s, it's Jones' car," he said."#;
        assert_eq!(quoted(text), [r#""Don't go back to the '90s, it's Jones' car,""#]);
        let text = "“I’m deeply disappointed with the Administration’s decision.” However";
        assert_eq!(quoted(text), ["“I’m deeply disappointed with the Administration’s decision.”"]);
    }

    #[test]
    fn marks_read_from_their_place_not_their_glyph() {
        // A left mark used as the closing one.
        let text = "added, \"There is no question.“ However, the JSC";
        assert_eq!(quoted(text), ["\"There is no question.“"]);
        // A closing mark with a space before it.
        let text = r#"from the angle of "internal political affairs . ""#;
        assert_eq!(quoted(text), [r#""internal political affairs . ""#]);
    }

    #[test]
    fn unclosed_quote_ends_with_its_paragraph() {
        let text = "He said \"this never ends.\nNext paragraph has \"a quote\".\n";
        assert_eq!(quoted(text), ["\"this never ends.", "\"a quote\""]);
        let text = "He said \"this never ends.\n\nNext paragraph.";
        assert_eq!(quoted(text), ["\"this never ends."]);
    }

    #[test]
    fn stray_closing_mark_opens_nothing() {
        let text = "He left.\" Then came \"the real quote\" here.";
        assert_eq!(quoted(text), ["\"the real quote\""]);
    }

    #[test]
    fn multi_paragraph_quote_is_one() {
        let text = "He said, \"First part.\n\n\"Second part.\n\n\"Last part,\" he said.\n\nAfter.";
        assert_eq!(quoted(text), ["\"First part.\n\n\"Second part.\n\n\"Last part,\""]);
        // A closed quote followed by a paragraph opening with a quote: two quotes.
        let text = "\"One,\" he said.\n\"Two.\"";
        assert_eq!(quoted(text), ["\"One,\"", "\"Two.\""]);
    }

    #[test]
    fn hard_wrapped_lines_do_not_cut_a_quote() {
        let text = "He said \"this goes on\nacross the line\" and stopped.";
        assert_eq!(quoted(text), ["\"this goes on\nacross the line\""]);
    }

    #[test]
    fn quote_at_the_very_end() {
        assert_eq!(quoted("He said \"bye\""), ["\"bye\""]);
        assert_eq!(quoted("He said \"bye"), ["\"bye"]);
        assert!(quoted("He said \"").is_empty());
        assert!(quoted("").is_empty());
    }

    #[test]
    fn short_quoted_words_are_quotes() {
        assert_eq!(quoted(r#"who warned "hotheads" in Washington"#), [r#""hotheads""#]);
    }

    #[test]
    fn spans_are_sorted_apart_and_on_boundaries() {
        let text = "«a» “b” \"c 'd' e\" ‘f’ \"g\n\"h\" «i";
        let spans = find(text);
        assert!(spans.windows(2).all(|w| w[0].end <= w[1].start));
        assert!(
            spans.iter().all(|s| text.is_char_boundary(s.start) && text.is_char_boundary(s.end))
        );
    }
}
