//! Copying to the clipboard through the terminal: OSC 52.
//!
//! The reader runs wherever the terminal is (over ssh, in tmux), where no clipboard
//! program may be at hand; OSC 52 asks the terminal itself to set its clipboard. Not
//! every terminal allows it (some need it switched on, tmux needs `set-clipboard on`),
//! and none says whether it did, so the reader says what it asked, not what happened.
//! The text travels base64-encoded: whatever it holds, no byte of it can end the
//! sequence or start another.

use std::io::{self, Write};

/// The most text one copy sends: terminals cap OSC 52 (xterm at about 100 KB of
/// base64 by default), and a bigger copy would be lost without a word.
pub const MAX_BYTES: usize = 74_000;

/// Standard base64 (RFC 4648, with padding).
pub fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(char::from(ABC[(n >> (18 - 6 * k) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The OSC 52 sequence that sets the clipboard to `text`, ended by BEL (which tmux,
/// screen and every terminal that knows OSC 52 accept).
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(text.as_bytes()))
}

/// Asks the terminal on `out` to put `text` in the clipboard; refuses text over
/// [`MAX_BYTES`].
pub fn copy(out: &mut impl Write, text: &str) -> io::Result<()> {
    if text.len() > MAX_BYTES {
        return Err(io::Error::other(format!(
            "{} KB is more than a terminal takes through OSC 52 ({} KB); try whosaid --quotes",
            text.len() / 1000,
            MAX_BYTES / 1000
        )));
    }
    out.write_all(osc52(text).as_bytes())?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        let cases = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, coded) in cases {
            assert_eq!(base64(plain.as_bytes()), coded, "{plain:?}");
        }
        assert_eq!(base64("“é”".as_bytes()), "4oCcw6nigJ0=");
    }

    #[test]
    fn the_sequence_carries_no_control_from_the_text() {
        let seq = osc52("a\x1b]0;pwned\x07\n");
        let body = &seq["\x1b]52;c;".len()..seq.len() - 1];
        assert!(body.bytes().all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b)));
        assert!(seq.ends_with('\x07'));
    }

    #[test]
    fn too_much_text_is_refused_not_cut() {
        let mut out = Vec::new();
        assert!(copy(&mut out, &"x".repeat(MAX_BYTES + 1)).is_err());
        assert!(out.is_empty());
        copy(&mut out, "hi").unwrap();
        assert_eq!(out, b"\x1b]52;c;aGk=\x07");
    }
}
