//! Adding feeds to the config's `feeds` list: what `--import-opml` does with the
//! subscriptions another feed reader exported.
//!
//! The config is the user's file: it is edited with toml_edit, so its comments, order
//! and other settings stay as written, and only the `feeds` array changes. A config
//! that does not parse is reported (`path:line:column: reason`) and never written
//! over. The write takes the file's lock, re-reads it and replaces it atomically, as
//! every write of whosaid does.

use crate::store::places::update_locked;
use crate::store::userlex::ParseError;
use anyhow::{Result, bail};
use std::path::Path;

/// What an import did: how many feeds were added, and how many were there already.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Imported {
    pub added: usize,
    pub known: usize,
}

/// Adds `feeds` to the `feeds` array of the config at `path` (made when there is
/// none), each once, after the ones listed already.
///
/// # Errors
/// When the config does not parse, `feeds` is not an array, or the file cannot be
/// locked, read or written; the file is then as it was.
pub fn import(path: &Path, feeds: &[String]) -> Result<Imported> {
    update_locked(path, |current| {
        let text = current.unwrap_or_default();
        let mut doc: toml_edit::DocumentMut = match text.parse() {
            Ok(doc) => doc,
            Err(_) => {
                // The same position as every other parse error of the config.
                let e = toml::from_str::<toml::Table>(&text).err();
                let at = e.map_or_else(
                    || format!("{}: not TOML", path.display()),
                    |e| ParseError::from_toml(&text, &e).at(path),
                );
                bail!("{at}; the config is left as it is");
            }
        };
        let item = doc.entry("feeds").or_insert(toml_edit::value(toml_edit::Array::new()));
        let Some(list) = item.as_array_mut() else {
            bail!(
                "{}: `feeds` is not a list of addresses; the config is left as it is",
                path.display()
            );
        };
        let mut done = Imported { added: 0, known: 0 };
        for feed in feeds {
            if list.iter().any(|v| v.as_str() == Some(feed.as_str())) {
                done.known += 1;
                continue;
            }
            list.push(feed.as_str());
            done.added += 1;
        }
        if done.added == 0 {
            return Ok((None, done));
        }
        // One address a line, as a person would write a long list.
        for v in list.iter_mut() {
            v.decor_mut().set_prefix("\n  ");
            v.decor_mut().set_suffix("");
        }
        list.set_trailing("\n");
        list.set_trailing_comma(true);
        Ok((Some(doc.to_string()), done))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feeds_are_added_once_and_the_rest_of_the_config_stays() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "# mine\nwrap = 72\nfeeds = [\"http://127.0.0.1/a\"] # first\n")
            .unwrap();
        let feeds = ["http://127.0.0.1/a".to_owned(), "http://127.0.0.1/b".to_owned()];
        assert_eq!(import(&path, &feeds).unwrap(), Imported { added: 1, known: 1 });
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.starts_with("# mine\nwrap = 72\n"), "{text}");
        let parsed: toml::Table = toml::from_str(&text).unwrap();
        let list: Vec<&str> =
            parsed["feeds"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
        assert_eq!(list, ["http://127.0.0.1/a", "http://127.0.0.1/b"]);
        // Again: nothing new, nothing written.
        assert_eq!(import(&path, &feeds).unwrap(), Imported { added: 0, known: 2 });
        assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    }

    #[test]
    fn a_config_that_does_not_parse_is_not_written_over() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        std::fs::write(&path, "wrap = \n").unwrap();
        let e = import(&path, &["http://127.0.0.1/a".to_owned()]).unwrap_err().to_string();
        assert!(e.contains("config.toml:1:"), "{e}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "wrap = \n");
        std::fs::write(&path, "feeds = \"http://127.0.0.1/a\"\n").unwrap();
        assert!(import(&path, &[]).is_err(), "feeds that is no list is refused");
    }

    #[test]
    fn a_missing_config_is_made() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/config.toml");
        import(&path, &["http://127.0.0.1/a".to_owned()]).unwrap();
        let parsed: toml::Table = toml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!(parsed["feeds"].as_array().unwrap().len(), 1);
    }
}
