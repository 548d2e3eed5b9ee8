//! Fetched pages and feeds kept on disk, so that reopening them works offline and costs
//! the server a `304 Not Modified` instead of the page.
//!
//! Each URL is one entry in the cache directory (`$WHOSAID_CACHE_DIR`, else the
//! platform's cache directory: `$XDG_CACHE_HOME/whosaid/http`, `~/.cache/whosaid/http`),
//! named by the SHA-256 of the URL: `<hash>.body` holds the bytes as fetched (after
//! decompression), `<hash>.json` the URL, its Content-Type, ETag and Last-Modified and
//! when it was last fetched or revalidated. Both are written to a temporary file and
//! renamed into place, so a reader never sees half an entry.
//!
//! The cache is bounded ([`DEFAULT_MAX_BYTES`], or `cache_size_mb` in the config):
//! after each write the entries least recently fetched are dropped until the bodies fit.
//! Nothing in it is needed: an entry that cannot be read is a miss, a write that fails
//! is skipped.

use super::fetch::Page;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// The size the cached bodies may take together, by default: 64 MiB.
pub const DEFAULT_MAX_BYTES: u64 = 64 * 1024 * 1024;

/// The cache directory: `$WHOSAID_CACHE_DIR`, else `whosaid/http` in the platform's
/// cache directory; none when `$WHOSAID_NO_CACHE` is set to anything but the empty
/// string, or there is no home directory.
pub fn dir() -> Option<PathBuf> {
    if std::env::var_os("WHOSAID_NO_CACHE").is_some_and(|v| !v.is_empty()) {
        return None;
    }
    if let Some(d) = std::env::var_os("WHOSAID_CACHE_DIR").filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(d));
    }
    use etcetera::BaseStrategy;
    etcetera::choose_base_strategy().ok().map(|b| b.cache_dir().join("whosaid").join("http"))
}

/// What is kept of one response besides its body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub url: String,
    pub content_type: Option<String>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// Nanoseconds since 1970 when it was last fetched or revalidated.
    pub fetched: u128,
    /// The body's length in bytes.
    pub size: u64,
    #[serde(skip)]
    body: Vec<u8>,
}

impl Entry {
    /// The kept response as a fetched page.
    pub fn page(&self, url: &str) -> Page {
        Page {
            url: url.to_owned(),
            content_type: self.content_type.clone(),
            body: self.body.clone(),
            notes: Vec::new(),
        }
    }

    /// "3 minutes ago", "2 days ago".
    pub fn age(&self) -> String {
        let secs = now().saturating_sub(self.fetched) / 1_000_000_000;
        let (n, unit) = match secs {
            s if s < 120 => (s, "second"),
            s if s < 7200 => (s / 60, "minute"),
            s if s < 172_800 => (s / 3600, "hour"),
            s => (s / 86_400, "day"),
        };
        format!("{n} {unit}{} ago", if n == 1 { "" } else { "s" })
    }
}

/// A cache directory and its bound.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cache {
    dir: PathBuf,
    max_bytes: u64,
}

fn now() -> u128 {
    SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_nanos())
}

impl Cache {
    pub fn new(dir: PathBuf, max_bytes: u64) -> Cache {
        Cache { dir, max_bytes }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn paths(&self, url: &str) -> (PathBuf, PathBuf) {
        let hash: String =
            Sha256::digest(url.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
        (self.dir.join(format!("{hash}.json")), self.dir.join(format!("{hash}.body")))
    }

    /// The entry kept for a URL, with its body; none when there is none or it does not
    /// read back whole.
    pub fn get(&self, url: &str) -> Option<Entry> {
        let (meta, body) = self.paths(url);
        let mut entry: Entry = serde_json::from_slice(&std::fs::read(meta).ok()?).ok()?;
        entry.body = std::fs::read(body).ok()?;
        (entry.url == url && entry.body.len() as u64 == entry.size).then_some(entry)
    }

    /// Keeps a response, then drops the oldest entries past the bound. A body larger
    /// than the whole bound is not kept.
    pub fn put(
        &self,
        url: &str,
        content_type: Option<&str>,
        etag: Option<String>,
        last_modified: Option<String>,
        body: &[u8],
    ) {
        if body.len() as u64 > self.max_bytes {
            return;
        }
        let entry = Entry {
            url: url.to_owned(),
            content_type: content_type.map(str::to_owned),
            etag,
            last_modified,
            fetched: now(),
            size: body.len() as u64,
            body: Vec::new(),
        };
        let (meta, body_path) = self.paths(url);
        let written = std::fs::create_dir_all(&self.dir)
            .and_then(|()| write_atomic(&self.dir, &body_path, body))
            .and_then(|()| {
                let json = serde_json::to_vec(&entry).map_err(std::io::Error::other)?;
                write_atomic(&self.dir, &meta, &json)
            });
        if written.is_ok() {
            self.prune();
        }
    }

    /// Marks an entry as fetched now (the server said it has not changed), so it is
    /// the last to be dropped.
    pub fn touch(&self, url: &str) {
        let (meta, _) = self.paths(url);
        let Ok(bytes) = std::fs::read(&meta) else { return };
        let Ok(mut entry) = serde_json::from_slice::<Entry>(&bytes) else { return };
        entry.fetched = now();
        if let Ok(json) = serde_json::to_vec(&entry) {
            let _ = write_atomic(&self.dir, &meta, &json);
        }
    }

    /// Drops the least recently fetched entries until the bodies fit the bound.
    fn prune(&self) {
        let Ok(dir) = std::fs::read_dir(&self.dir) else { return };
        let mut entries: Vec<(u128, u64, PathBuf)> = dir
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .filter_map(|p| {
                let entry: Entry = serde_json::from_slice(&std::fs::read(&p).ok()?).ok()?;
                Some((entry.fetched, entry.size, p))
            })
            .collect();
        let mut total: u64 = entries.iter().map(|e| e.1).sum();
        entries.sort();
        for (_, size, meta) in entries {
            if total <= self.max_bytes {
                break;
            }
            let _ = std::fs::remove_file(meta.with_extension("body"));
            let _ = std::fs::remove_file(&meta);
            total -= size;
        }
    }
}

fn write_atomic(dir: &Path, path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_entry_reads_back_as_written() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path().join("http"), 1000);
        let url = "http://127.0.0.1:1/story";
        assert!(cache.get(url).is_none());
        cache.put(url, Some("text/html"), Some("\"v1\"".into()), None, b"<p>Hello</p>");
        let entry = cache.get(url).expect("kept");
        assert_eq!(entry.etag.as_deref(), Some("\"v1\""));
        assert_eq!(entry.page(url).body, b"<p>Hello</p>");
        assert!(cache.get("http://127.0.0.1:1/other").is_none());
    }

    #[test]
    fn the_oldest_entries_go_when_the_bound_is_passed() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path().to_path_buf(), 250);
        for n in 0..3 {
            cache.put(&format!("http://127.0.0.1:1/{n}"), None, None, None, &[b'x'; 100]);
        }
        assert!(cache.get("http://127.0.0.1:1/0").is_none(), "the oldest is dropped");
        assert!(cache.get("http://127.0.0.1:1/1").is_some());
        assert!(cache.get("http://127.0.0.1:1/2").is_some());
        // Revalidating the older one keeps it over the newer one.
        cache.touch("http://127.0.0.1:1/1");
        cache.put("http://127.0.0.1:1/3", None, None, None, &[b'x'; 100]);
        assert!(cache.get("http://127.0.0.1:1/1").is_some());
        assert!(cache.get("http://127.0.0.1:1/2").is_none());
        let files = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(files, 4, "two entries of two files each, no temporary left");
    }

    #[test]
    fn a_body_larger_than_the_bound_is_not_kept() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::new(dir.path().to_path_buf(), 10);
        cache.put("http://127.0.0.1:1/big", None, None, None, &[b'x'; 11]);
        assert!(cache.get("http://127.0.0.1:1/big").is_none());
    }
}
