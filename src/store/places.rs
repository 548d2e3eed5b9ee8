//! What whosaid remembers between runs, and how every file of ours is written.
//!
//! The reading state is one JSON file in the platform's state directory: for each article,
//! keyed by a hash of its text, the reading position and the selected actor and quote, so
//! reopening an article (whatever its path, or from standard input) puts the reader back
//! where it was. The file keeps the most recent [`MAX_PLACES`] articles and no more.
//!
//! Every write of ours goes through [`update_locked`]: take an exclusive lock on a
//! sidecar `.lock` file, re-read the file, merge our change into what is there now, write
//! a temporary file beside it and rename it over the old one. So two readers writing at
//! once neither corrupt the file nor drop each other's entries, and a crash mid-write
//! leaves the old file whole.

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// How many articles' places are kept; the least recently read go first.
pub const MAX_PLACES: usize = 500;

/// Where the reader was in one article. Offsets are bytes of the article's text, so a
/// place holds at any terminal width.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    /// Start of the first visible line.
    pub top: usize,
    /// The selected actor, by name: ids change when a correction re-runs the analysis.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<String>,
    /// The selected mention of that actor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mention: Option<usize>,
    /// Start of the selected quote.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<usize>,
    /// The pane that had the focus.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub focus: Option<String>,
    /// Order of saving, across all articles: the bound drops the lowest.
    #[serde(default)]
    pub seq: u64,
}

/// The whole state file.
#[derive(Debug, Default, Serialize, Deserialize)]
struct StateFile {
    #[serde(default)]
    places: BTreeMap<String, Place>,
}

/// The key of an article in the state file: a hash of its text, so the same article
/// read from another path or from a pipe is recognised, and an edited one starts afresh.
pub fn article_key(text: &str) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(text.as_bytes());
    digest[..16].iter().map(|b| format!("{b:02x}")).collect()
}

/// The reading state file and its bound.
#[derive(Debug, Clone)]
pub struct Places {
    path: PathBuf,
    limit: usize,
}

impl Places {
    /// The state file at `path`, keeping at most [`MAX_PLACES`] articles.
    pub fn new(path: PathBuf) -> Places {
        Places { path, limit: MAX_PLACES }
    }

    /// The same file with another bound (tests use a small one).
    pub fn with_limit(mut self, limit: usize) -> Places {
        self.limit = limit.max(1);
        self
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The place saved for an article, if any. A missing or unreadable file is no place:
    /// the reader then opens at the top, which loses nothing.
    pub fn get(&self, key: &str) -> Option<Place> {
        let text = std::fs::read_to_string(&self.path).ok()?;
        let file: StateFile = serde_json::from_str(&text).ok()?;
        file.places.get(key).cloned()
    }

    /// Every article's place, for tests and tools.
    pub fn all(&self) -> Result<BTreeMap<String, Place>> {
        match std::fs::read_to_string(&self.path) {
            Ok(text) => Ok(parse_state(&self.path, &text)?.places),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(BTreeMap::new()),
            Err(e) => Err(e).with_context(|| format!("{}: cannot read", self.path.display())),
        }
    }

    /// Saves an article's place, merged into what other readers saved meanwhile, and
    /// drops the least recently saved articles beyond the bound.
    ///
    /// N.B. A state file that does not parse (written by something else) is kept beside
    /// as `<name>.broken` rather than overwritten in place, and a fresh one started.
    pub fn save(&self, key: &str, place: Place) -> Result<()> {
        let limit = self.limit;
        let path = self.path.clone();
        update_locked(&self.path, |current| {
            let mut file = match current {
                None => StateFile::default(),
                Some(text) => match parse_state(&path, &text) {
                    Ok(f) => f,
                    Err(_) => {
                        let aside = path.with_extension("json.broken");
                        std::fs::rename(&path, &aside).with_context(|| {
                            format!("{}: does not parse and cannot be moved aside", path.display())
                        })?;
                        StateFile::default()
                    }
                },
            };
            let seq = file.places.values().map(|p| p.seq).max().unwrap_or(0) + 1;
            file.places.insert(key.to_owned(), Place { seq, ..place });
            if file.places.len() > limit {
                let mut by_age: Vec<(u64, String)> =
                    file.places.iter().map(|(k, p)| (p.seq, k.clone())).collect();
                by_age.sort();
                for (_, k) in by_age.into_iter().take(file.places.len() - limit) {
                    file.places.remove(&k);
                }
            }
            let text = serde_json::to_string_pretty(&file).context("state")?;
            Ok((Some(text + "\n"), ()))
        })
    }
}

fn parse_state(path: &Path, text: &str) -> Result<StateFile> {
    serde_json::from_str(text).with_context(|| format!("{}: does not parse", path.display()))
}

/// Reads, changes and writes a file under an exclusive lock, so that concurrent writers
/// take turns and each one merges into what the one before wrote.
///
/// `change` gets the file's text now (None when there is none) and returns the text to
/// write (None: leave the file as it is) and a result. The lock is a sidecar file
/// (`<name>.lock`) because the file itself is replaced by a rename.
///
/// # Errors
/// When the directory cannot be made, the lock taken, or the file read or written; and
/// whatever `change` returns.
///
/// N.B. A symlink is written through: the lock, the temporary file and the rename are
/// beside the file it points at (resolved link by link, so a dangling link makes its
/// target), and the link stays a link. Renaming over the link would replace it with a
/// regular file and leave the user's real file (in a dotfiles repository, say) behind.
/// Under the lock, temporary files of this file left by a writer that was killed
/// mid-write are removed.
pub fn update_locked<R>(
    path: &Path,
    change: impl FnOnce(Option<String>) -> Result<(Option<String>, R)>,
) -> Result<R> {
    update_locked_with(path, Wait::Block, change)
}

/// Whether a writer waits for the lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wait {
    /// Until the other writer is done: for writes that must happen (a place on quitting).
    Block,
    /// Not at all: the error is then [`Held`], and the caller (the reader's event loop,
    /// which must keep answering keys and signals) tries again later.
    Try,
}

/// The lock of a file is held by another writer (another whosaid, as a rule).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Held(pub PathBuf);

impl std::fmt::Display for Held {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = self.0.file_name().unwrap_or(self.0.as_os_str()).to_string_lossy();
        write!(f, "waiting for {name} (held by another whosaid)")
    }
}

impl std::error::Error for Held {}

/// [`update_locked`], waiting for the lock or not.
///
/// # Errors
/// As [`update_locked`]; with [`Wait::Try`], [`Held`] when another writer has the lock.
pub fn update_locked_with<R>(
    path: &Path,
    wait: Wait,
    change: impl FnOnce(Option<String>) -> Result<(Option<String>, R)>,
) -> Result<R> {
    let target = through_links(path)?;
    let path = target.as_path();
    let dir = parent_of(path);
    std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot create", dir.display()))?;
    let mut lock_name = path.file_name().unwrap_or_default().to_os_string();
    lock_name.push(".lock");
    let lock_path = dir.join(lock_name);
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .with_context(|| format!("{}: cannot open the lock", lock_path.display()))?;
    // N.B. Called as a trait function: std's own File::lock is newer than our MSRV.
    match wait {
        Wait::Block => fs4::FileExt::lock(&lock)
            .with_context(|| format!("{}: cannot lock", lock_path.display()))?,
        Wait::Try => match fs4::FileExt::try_lock(&lock) {
            Ok(()) => {}
            Err(fs4::TryLockError::WouldBlock) => return Err(Held(path.to_path_buf()).into()),
            Err(fs4::TryLockError::Error(e)) => {
                return Err(e).with_context(|| format!("{}: cannot lock", lock_path.display()));
            }
        },
    }
    let current = match std::fs::read_to_string(path) {
        Ok(text) => Some(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e).with_context(|| format!("{}: cannot read", path.display())),
    };
    let (new, result) = change(current)?;
    if let Some(text) = new {
        remove_stale_temporaries(path);
        write_atomic(path, text.as_bytes())?;
    }
    // The lock is released when `lock` is closed, after the rename.
    drop(lock);
    Ok(result)
}

/// Writes a file whole or not at all: a temporary file in the same directory, flushed
/// to disk, then renamed over the old one.
///
/// # Errors
/// When the directory is not writable or the disk is full; the old file is then intact.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = parent_of(path);
    std::fs::create_dir_all(dir).with_context(|| format!("{}: cannot create", dir.display()))?;
    let mut tmp = tempfile::Builder::new()
        .prefix(&temporary_prefix(path))
        .tempfile_in(dir)
        .with_context(|| format!("{}: cannot create a temporary file", dir.display()))?;
    // The file keeps the permissions it had (a temporary file starts private).
    if let Ok(meta) = std::fs::metadata(path) {
        let _ = std::fs::set_permissions(tmp.path(), meta.permissions());
    }
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .with_context(|| format!("{}: cannot write", path.display()))?;
    tmp.persist(path)
        .map_err(|e| e.error)
        .with_context(|| format!("{}: cannot replace", path.display()))?;
    Ok(())
}

/// How the names of a file's temporary files begin: `.NAME.tmp`, so that they are ours
/// and this file's, and nobody else's `.tmp*` is ever taken for one.
fn temporary_prefix(path: &Path) -> std::ffi::OsString {
    let mut prefix = std::ffi::OsString::from(".");
    prefix.push(path.file_name().unwrap_or_default());
    prefix.push(".tmp");
    prefix
}

/// Removes the temporary files of `path` that a killed writer left. Called under the
/// lock, when no other writer of ours can be writing one; errors are ignored (the write
/// that follows says what is wrong with the directory).
fn remove_stale_temporaries(path: &Path) {
    let prefix = temporary_prefix(path);
    let prefix = prefix.as_encoded_bytes();
    let Ok(entries) = std::fs::read_dir(parent_of(path)) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let ours = name.as_encoded_bytes().starts_with(prefix);
        if ours && entry.file_type().is_ok_and(|t| t.is_file()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// The file `path` names once symlinks are followed, link by link; `path` itself when
/// it is not a link or does not exist.
///
/// # Errors
/// When the links go round in a loop (or more than 40 deep), or a link cannot be read.
fn through_links(path: &Path) -> Result<PathBuf> {
    let mut at = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&at) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let to = std::fs::read_link(&at)
                    .with_context(|| format!("{}: cannot read the link", at.display()))?;
                at = parent_of(&at).join(to);
            }
            _ => return Ok(at),
        }
    }
    anyhow::bail!("{}: too many levels of symbolic links", path.display())
}

fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}
