//! Getting an article from where the user has it into an [`Article`].
//!
//! Plain text is kept byte for byte, so that every offset in the analysis is an offset
//! into the user's file. What is not the story (a title line, a trailing block of
//! `Tags:` lines) is found here, not removed: the title is still analysed (headlines
//! name actors) while the metadata is shown in the status line and left out of the
//! analysis.

mod text;

use anyhow::{Context, Result, bail};
use std::io::Read;
use std::path::Path;

pub use text::{split_metadata, title_of};

/// An article as the reader shows it and the analyser reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// Where it came from, as the user named it ("-" for standard input).
    pub source: String,
    /// The whole text; every span in the program is a byte range into it.
    pub text: String,
    /// The title, when the first line reads as one.
    pub title: Option<String>,
    /// The analysed part is `text[..body_end]`: everything but trailing metadata.
    pub body_end: usize,
    /// Trailing metadata lines, folded to "Label: value, value".
    pub meta: Vec<String>,
    /// Things the user should know about how the text was read (lossy decoding).
    pub notes: Vec<String>,
}

impl Article {
    /// Builds an article from decoded text, finding its title and metadata.
    pub fn from_text(source: impl Into<String>, text: String) -> Article {
        let (body_end, meta) = split_metadata(&text);
        let title = title_of(&text[..body_end]);
        Article { source: source.into(), text, title, body_end, meta, notes: Vec::new() }
    }

    /// The part of the text that is analysed.
    pub fn body(&self) -> &str {
        &self.text[..self.body_end]
    }

    /// Decodes raw bytes: refuses binary data, replaces invalid UTF-8 and says so.
    pub fn from_bytes(source: impl Into<String>, bytes: Vec<u8>) -> Result<Article> {
        let source = source.into();
        if bytes.contains(&0) {
            bail!("{source}: not a text file (it contains NUL bytes)");
        }
        let (text, lossy) = match String::from_utf8(bytes) {
            Ok(s) => (s, false),
            Err(e) => (String::from_utf8_lossy(e.as_bytes()).into_owned(), true),
        };
        // A byte-order mark is not part of the story.
        let text = match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_owned(),
            None => text,
        };
        let mut article = Article::from_text(source, text);
        if lossy {
            article.notes.push("invalid UTF-8 replaced with \u{fffd}".to_owned());
        }
        Ok(article)
    }
}

/// Reads an article from a path, or from standard input when the path is `-`.
pub fn load(path: &str) -> Result<Article> {
    let bytes = if path == "-" {
        let mut buf = Vec::new();
        std::io::stdin().lock().read_to_end(&mut buf).context("-: cannot read standard input")?;
        buf
    } else {
        let p = Path::new(path);
        if p.is_dir() {
            bail!("{path}: is a directory");
        }
        std::fs::read(p).map_err(|e| anyhow::anyhow!("{path}: {}", io_reason(&e)))?
    };
    Article::from_bytes(path, bytes)
}

/// The short reason for an I/O error, without the "(os error 2)" noise.
fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_owned(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => {
            let s = e.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_owned(),
                None => s,
            }
        }
    }
}

/// The sample articles compiled into the binary, so an installed binary has them too.
pub mod samples {
    /// (file name, text) of each bundled sample; the first opens when no file is given.
    pub const ALL: &[(&str, &str)] =
        &[("summit.txt", include_str!("../../assets/samples/summit.txt"))];

    /// The sample opened by default, as an article.
    pub fn default_article() -> super::Article {
        let (name, text) = ALL[0];
        super::Article::from_text(format!("sample: {name}"), text.to_owned())
    }
}
