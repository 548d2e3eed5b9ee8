//! Which feed items the user has opened, so the Library marks the others as new.
//!
//! `read.json` in the state directory maps an item's address to when it was first
//! opened (seconds since 1970). It keeps the [`LIMIT`] most recent: a feed's items
//! age out of it long before the file grows large. Written like every file of ours
//! (a lock, a re-read, an atomic replace), so two readers marking items at once keep
//! both.

use super::places::update_locked;
use anyhow::Result;
use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;

/// How many addresses the file keeps.
pub const LIMIT: usize = 5000;

/// The read-items file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadMarks {
    path: PathBuf,
}

impl ReadMarks {
    pub fn new(path: PathBuf) -> ReadMarks {
        ReadMarks { path }
    }

    /// The addresses read so far; none when the file is missing or unreadable (a
    /// broken file marks everything new, which is only a display).
    pub fn load(&self) -> HashSet<String> {
        let Ok(text) = std::fs::read_to_string(&self.path) else { return HashSet::new() };
        parse(&text).into_keys().collect()
    }

    /// Marks addresses as read now.
    ///
    /// # Errors
    /// When the file cannot be locked or written.
    pub fn mark(&self, urls: &[String]) -> Result<()> {
        if urls.is_empty() {
            return Ok(());
        }
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        update_locked(&self.path, |current| {
            let mut all = current.as_deref().map(parse).unwrap_or_default();
            for u in urls {
                all.entry(u.clone()).or_insert(now);
            }
            if all.len() > LIMIT {
                let mut by_age: Vec<(u64, String)> =
                    all.iter().map(|(u, t)| (*t, u.clone())).collect();
                by_age.sort();
                for (_, u) in by_age.iter().take(all.len() - LIMIT) {
                    all.remove(u);
                }
            }
            let text = serde_json::to_string_pretty(&all)?;
            Ok((Some(text), ()))
        })
    }
}

fn parse(text: &str) -> BTreeMap<String, u64> {
    serde_json::from_str(text).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_are_kept_and_merged() {
        let dir = tempfile::tempdir().unwrap();
        let marks = ReadMarks::new(dir.path().join("state/read.json"));
        assert!(marks.load().is_empty());
        marks.mark(&["http://127.0.0.1/a".into()]).unwrap();
        // Another reader's marks, written meanwhile, are kept.
        ReadMarks::new(dir.path().join("state/read.json"))
            .mark(&["http://127.0.0.1/b".into()])
            .unwrap();
        let read = marks.load();
        assert!(read.contains("http://127.0.0.1/a") && read.contains("http://127.0.0.1/b"));
    }
}
