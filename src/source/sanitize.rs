//! Making article text safe to put on a terminal.
//!
//! An article is untrusted text from the web. Written to a terminal as it is, an ESC
//! starts a control sequence that can clear the screen, retitle the window or write to
//! the clipboard (OSC 52), and a bidi override can make the text read differently from
//! what was analysed. Every character the program draws or prints from an article goes
//! through [`display_char`] first, so that such characters are shown, not obeyed.
//!
//! N.B. The article text itself is never rewritten: for a plain-text file its bytes are
//! the file's bytes, and every offset in the analysis is an offset into the file. The
//! mapping is one character to one character, so a drawn line still maps back to byte
//! offsets character by character.

use std::borrow::Cow;

/// The mark drawn for a character that would otherwise act invisibly (C1 controls,
/// bidi overrides and isolates, other invisible format characters that hide text).
pub const HIDDEN_MARK: char = '\u{fffd}';

/// The character to draw for `c`: `c` itself when it is harmless, else a visible
/// stand-in.
///
/// - ESC and the other C0 controls (but `\n` and `\t`, which the caller lays out) become
///   their control pictures (ESC → `␛` U+241B, NUL → `␀`, CR → `␍`); DEL becomes `␡`.
/// - C1 controls (U+0080–U+009F; U+009B is a one-byte CSI on some terminals), bidi
///   embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), the deprecated
///   format characters U+206A–U+206F, line and paragraph separators, the interlinear
///   annotation marks U+FFF9–U+FFFB and the language tag U+E0001 become [`HIDDEN_MARK`].
///
/// Zero-width joiners and non-joiners and the left-to-right / right-to-left marks are
/// kept: emoji sequences and Persian or Hebrew text need them, and they cannot move text
/// around the way an override can.
pub fn display_char(c: char) -> char {
    match c {
        '\n' | '\t' => c,
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or(HIDDEN_MARK),
        '\u{7f}' => '\u{2421}',
        '\u{80}'..='\u{9f}'
        | '\u{2028}'
        | '\u{2029}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{206f}'
        | '\u{fff9}'..='\u{fffb}'
        | '\u{e0001}' => HIDDEN_MARK,
        _ => c,
    }
}

/// Whether `c` is drawn as something other than itself.
pub fn is_unsafe(c: char) -> bool {
    display_char(c) != c
}

/// `s` with every character passed through [`display_char`]; borrowed when nothing
/// needed replacing, which is the common case.
pub fn display_str(s: &str) -> Cow<'_, str> {
    if s.chars().any(is_unsafe) {
        Cow::Owned(s.chars().map(display_char).collect())
    } else {
        Cow::Borrowed(s)
    }
}

/// `s` made safe for one line of a terminal: [`display_str`], and newlines and tabs
/// shown as their control pictures too.
///
/// For every string from outside that is not article text: file names in headers and
/// messages, keys and values quoted by a parser's error, the messages of libraries. A
/// message must stay one line (a file name may hold a newline), and none of these has
/// a layout of its own that a tab would serve.
pub fn display_line(s: &str) -> Cow<'_, str> {
    let picture = |c: char| match c {
        '\n' => '\u{240a}',
        '\t' => '\u{2409}',
        _ => display_char(c),
    };
    if s.chars().any(|c| picture(c) != c) {
        Cow::Owned(s.chars().map(picture).collect())
    } else {
        Cow::Borrowed(s)
    }
}

/// Whether JSON output writes `c` as a `\uXXXX` escape although JSON allows it raw: the
/// characters [`display_char`] replaces that JSON does not escape itself (DEL, the C1
/// controls, bidi overrides and isolates, the other invisible format characters). JSON
/// piped to a terminal (`whosaid --json x | cat`) then carries none of them, and a
/// parser still reads the same string.
pub fn json_escapes(c: char) -> bool {
    c >= '\u{7f}' && is_unsafe(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_shows_newlines_and_tabs_too() {
        assert_eq!(display_line("a\u{1b}]2;X\u{7}\n\tb.txt"), "a␛]2;X␇\u{240a}\u{2409}b.txt");
        assert!(matches!(display_line("plain name.txt"), Cow::Borrowed(_)));
    }

    #[test]
    fn json_escapes_what_json_keeps_raw() {
        for c in ['\u{7f}', '\u{85}', '\u{9b}', '\u{202e}', '\u{2066}', '\u{2069}'] {
            assert!(json_escapes(c), "{c:?}");
        }
        // serde_json escapes C0 itself; ordinary text and joiners stay raw.
        for c in ['\u{1b}', '\n', 'a', 'é', '\u{200d}', '\u{200f}'] {
            assert!(!json_escapes(c), "{c:?}");
        }
    }

    #[test]
    fn controls_become_pictures() {
        assert_eq!(display_char('\u{1b}'), '␛');
        assert_eq!(display_char('\0'), '␀');
        assert_eq!(display_char('\r'), '␍');
        assert_eq!(display_char('\u{7}'), '␇');
        assert_eq!(display_char('\u{7f}'), '␡');
        assert_eq!(display_char('\u{9b}'), HIDDEN_MARK);
        assert_eq!(display_char('\u{202e}'), HIDDEN_MARK);
        assert_eq!(display_char('\u{2067}'), HIDDEN_MARK);
    }

    #[test]
    fn ordinary_text_is_kept() {
        for s in ["Hello, world", "\tindented\n", "日本語", "👩\u{200d}💻", "שלום\u{200f}"]
        {
            assert!(matches!(display_str(s), Cow::Borrowed(_)), "{s:?}");
        }
    }

    #[test]
    fn every_control_is_replaced_one_for_one() {
        for c in ('\0'..='\u{a0}').chain('\u{2000}'..='\u{2070}') {
            let d = display_char(c);
            if c.is_control() && c != '\n' && c != '\t' {
                assert_ne!(d, c, "{c:?} is drawn raw");
            }
            assert!(!d.is_control() || d == '\n' || d == '\t');
        }
    }
}
