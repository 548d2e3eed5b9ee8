//! Bytes to text, in whatever charset the page or file was saved in.
//!
//! People save pages from old sites (windows-1252, Shift_JIS, GBK) and text files from
//! old editors (UTF-16 with a byte-order mark). The order of evidence is a browser's:
//! a byte-order mark, then the charset the server named (Content-Type), then a page's
//! own `<meta charset>` or `http-equiv` Content-Type in its first 1,024 bytes, then
//! valid UTF-8 as itself, and only then a guess by chardetng (Firefox's detector) over
//! the bytes, decoded with encoding_rs. Whatever was chosen, [`Decoded`] says which and
//! whether any bytes could not be decoded, so the reader can say so.

use encoding_rs::{Encoding, UTF_8};

/// Text decoded from bytes, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without a byte-order mark.
    pub text: String,
    /// The WHATWG name of the encoding read ("UTF-8", "windows-1252", "Shift_JIS").
    pub encoding: &'static str,
    /// Whether some bytes were not valid in that encoding and became U+FFFD.
    pub lossy: bool,
}

/// How an article's bytes were decoded, when that is worth saying: not UTF-8, or not
/// without loss. It is the `decoded` field of the `--json` report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Decoding {
    /// The WHATWG name of the encoding read.
    pub encoding: &'static str,
    /// Whether some bytes could not be decoded and became U+FFFD.
    pub lossy: bool,
}

impl Decoded {
    /// What the reader should be told about this decoding, if anything: a legacy
    /// charset, guessed or declared, is worth a line (a wrong guess shows as odd
    /// letters, and the line says why); a lossy decode always is.
    pub fn note(&self) -> Option<String> {
        match (self.lossy, self.encoding == UTF_8.name()) {
            (true, true) => Some("invalid UTF-8 replaced with \u{fffd}".to_owned()),
            (true, false) => {
                Some(format!("read as {}; bytes not in it replaced with \u{fffd}", self.encoding))
            }
            (false, false) => Some(format!("read as {}", self.encoding)),
            (false, true) => None,
        }
    }

    /// The decoding to report: `None` for UTF-8 read without loss, the usual case,
    /// so that a report of it is as it always was.
    pub fn report(&self) -> Option<Decoding> {
        (self.lossy || self.encoding != UTF_8.name())
            .then_some(Decoding { encoding: self.encoding, lossy: self.lossy })
    }
}

/// Decodes `bytes`, with the charset a Content-Type header named, if any.
pub fn decode(bytes: &[u8], content_type_charset: Option<&str>) -> Decoded {
    let (encoding, bom) = pick(bytes, content_type_charset);
    decode_as(bytes, encoding, bom)
}

/// [`decode`] of bytes the caller is done with: UTF-8 without a byte-order mark (the
/// common case) becomes the text in place, without a copy, so a large input is held
/// once, not twice.
pub fn decode_owned(bytes: Vec<u8>, content_type_charset: Option<&str>) -> Decoded {
    let (encoding, bom) = pick(&bytes, content_type_charset);
    if encoding != UTF_8 || bom != 0 {
        return decode_as(&bytes, encoding, bom);
    }
    match String::from_utf8(bytes) {
        Ok(text) => Decoded { text, encoding: UTF_8.name(), lossy: false },
        // Declared UTF-8 that is not: decoded lossily, as `decode` does.
        Err(e) => decode_as(e.as_bytes(), encoding, bom),
    }
}

/// The encoding of `bytes` and the length of its byte-order mark.
fn pick(bytes: &[u8], content_type_charset: Option<&str>) -> (&'static Encoding, usize) {
    match Encoding::for_bom(bytes) {
        Some((e, len)) => (e, len),
        None => (choose(bytes, content_type_charset), 0),
    }
}

fn decode_as(bytes: &[u8], encoding: &'static Encoding, bom: usize) -> Decoded {
    let body = &bytes[bom..];
    let (text, lossy) = if encoding == UTF_8 {
        match std::str::from_utf8(body) {
            Ok(s) => (s.to_owned(), false),
            Err(_) => (String::from_utf8_lossy(body).into_owned(), true),
        }
    } else {
        let (text, lossy) = encoding.decode_without_bom_handling(body);
        (text.into_owned(), lossy)
    };
    Decoded { text, encoding: encoding.name(), lossy }
}

/// The encoding to read bytes without a byte-order mark in.
fn choose(bytes: &[u8], content_type_charset: Option<&str>) -> &'static Encoding {
    let declared = content_type_charset
        .and_then(|c| Encoding::for_label(c.trim().as_bytes()))
        .or_else(|| meta_charset(bytes));
    if let Some(e) = declared {
        // A page that says UTF-16 in ASCII bytes is not UTF-16 (HTML's rule).
        if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE {
            return UTF_8;
        }
        return e;
    }
    if std::str::from_utf8(bytes).is_ok() {
        return UTF_8;
    }
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    detector.guess(None, true)
}

/// The charset a page declares in its first 1,024 bytes: `<meta charset="…">` or
/// `<meta http-equiv="Content-Type" content="…; charset=…">`. A scan of bytes, not a
/// parse: the bytes are not text yet.
pub fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(1024)];
    let lower: Vec<u8> = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = find(&lower[from..], b"<meta") {
        let start = from + i + 5;
        let end = lower[start..].iter().position(|&b| b == b'>').map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(c) = find(tag, b"charset") {
            let rest = &tag[c + 7..];
            let rest = trim_ascii_start(rest);
            if let Some(rest) = rest.strip_prefix(b"=") {
                let rest = trim_ascii_start(rest);
                let rest =
                    rest.strip_prefix(b"\"").or_else(|| rest.strip_prefix(b"'")).unwrap_or(rest);
                let len = rest
                    .iter()
                    .position(|&b| matches!(b, b'"' | b'\'' | b';' | b' ' | b'/' | b'>'))
                    .unwrap_or(rest.len());
                if let Some(e) = Encoding::for_label(&rest[..len]) {
                    return Some(e);
                }
            }
        }
        from = end;
    }
    None
}

fn trim_ascii_start(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    &b[n..]
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Whether bytes are UTF-16 text with a byte-order mark (not a binary, though full of
/// NUL bytes).
pub fn is_utf16_with_bom(bytes: &[u8]) -> bool {
    matches!(Encoding::for_bom(bytes), Some((e, _)) if e != UTF_8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_byte_order_mark_wins_and_is_dropped() {
        let d = decode(b"\xef\xbb\xbfcaf\xc3\xa9", Some("latin1"));
        assert_eq!((d.text.as_str(), d.encoding, d.lossy), ("café", "UTF-8", false));
        let utf16: Vec<u8> = [0xff, 0xfe]
            .into_iter()
            .chain("Zoë".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert!(is_utf16_with_bom(&utf16));
        assert_eq!(decode(&utf16, None).text, "Zoë");
    }

    #[test]
    fn the_header_then_the_page_declare_the_charset() {
        assert_eq!(decode(b"caf\xe9", Some("ISO-8859-1")).text, "café");
        let page = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\"></head>\xcf\xf0\xe8";
        let d = decode(page, None);
        assert_eq!(d.encoding, "windows-1251");
        assert!(d.text.ends_with("При"));
        let page = b"<meta charset='shift_jis'><p>\x93\xfa\x96\x7b</p>";
        assert!(decode(page, None).text.contains("日本"));
    }

    #[test]
    fn undeclared_legacy_bytes_are_sniffed() {
        let (bytes, _, _) =
            encoding_rs::GBK.encode("北京市政府今天宣布了新的交通计划，市民普遍表示欢迎。");
        let d = decode(&bytes, None);
        assert_eq!(d.text, "北京市政府今天宣布了新的交通计划，市民普遍表示欢迎。");
        assert!(!d.lossy);
        let d = decode(b"The caf\xe9 on the corner serves cr\xe8me br\xfbl\xe9e.", None);
        assert_eq!(d.text, "The café on the corner serves crème brûlée.");
    }

    #[test]
    fn invalid_utf8_that_declares_utf8_is_lossy_and_says_so() {
        let d = decode(b"<meta charset=utf-8>caf\xe9", None);
        assert!(d.lossy);
        assert!(d.note().is_some());
        assert_eq!(d.report(), Some(Decoding { encoding: "UTF-8", lossy: true }));
        assert_eq!(decode(b"plain", None).note(), None);
        assert_eq!(decode(b"plain", None).report(), None);
        // A legacy charset read whole is said too.
        let d = decode(b"caf\xe9", Some("windows-1252"));
        assert_eq!(d.report(), Some(Decoding { encoding: "windows-1252", lossy: false }));
        assert_eq!(d.note().as_deref(), Some("read as windows-1252"));
    }
}
