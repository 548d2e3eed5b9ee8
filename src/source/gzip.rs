//! Gzipped inputs (`page.html.gz`, gzip bytes on a pipe), unpacked before anything else.
//!
//! N.B. The size limit is applied to the unpacked bytes, while they are unpacked: a
//! small file can hold gigabytes of zeros (a gzip bomb), and it is refused as soon as
//! it passes the limit, never unpacked whole.

use anyhow::{Result, bail};
use std::io::Read;

/// Whether bytes begin as a gzip stream does.
pub fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\x1f\x8b")
}

/// The unpacked bytes of a gzip stream (every member of it), refusing more than `limit`.
pub fn gunzip(source: &str, bytes: &[u8], limit: u64) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    let read = flate2::read::MultiGzDecoder::new(bytes)
        .take(limit.saturating_add(1))
        .read_to_end(&mut out);
    if let Err(e) = read {
        bail!("{source}: a damaged gzip file ({e})");
    }
    if out.len() as u64 > limit {
        bail!(
            "{source}: larger than the {} limit once unpacked (set WHOSAID_MAX_BYTES to read bigger inputs)",
            super::human_size(limit)
        );
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gz(bytes: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(bytes).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn a_gzipped_page_unpacks() {
        let packed = gz(b"<p>Rain fell.</p>");
        assert!(is_gzip(&packed));
        assert_eq!(gunzip("x", &packed, 1000).unwrap(), b"<p>Rain fell.</p>");
    }

    #[test]
    fn a_bomb_is_refused_at_the_limit() {
        let packed = gz(&vec![0u8; 1 << 20]);
        assert!(packed.len() < 10_000);
        let e = gunzip("bomb.gz", &packed, 64 * 1024).unwrap_err().to_string();
        assert!(e.starts_with("bomb.gz: larger than the 64 KiB limit once unpacked"), "{e}");
        assert!(!e.contains('\n'));
        assert!(gunzip("bad.gz", b"\x1f\x8bnot gzip", 100).is_err());
    }
}
