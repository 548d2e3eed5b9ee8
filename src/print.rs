//! Output for scripts and pipes: `--json` (the contract in SCHEMA.md).

use crate::analysis::{Actor, Analysis, Quote};
use crate::source::Article;
use serde::Serialize;

/// The schema name and version; it changes its number when a field must change meaning.
pub const SCHEMA: &str = "whosaid.analysis/1";

/// The JSON document of one analysed article.
#[derive(Debug, Serialize)]
pub struct Report<'a> {
    pub schema: &'static str,
    pub source: &'a str,
    pub title: Option<&'a str>,
    /// The text the offsets point into: the whole article, metadata included, so that
    /// for a plain-text file the offsets are offsets into the file.
    pub text: &'a str,
    pub actors: &'a [Actor],
    pub quotes: &'a [Quote],
}

impl<'a> Report<'a> {
    pub fn new(article: &'a Article, analysis: &'a Analysis) -> Self {
        Report {
            schema: SCHEMA,
            source: &article.source,
            title: article.title.as_deref(),
            text: &article.text,
            actors: &analysis.actors,
            quotes: &analysis.quotes,
        }
    }
}

/// Renders the analysis as the pretty-printed JSON of SCHEMA.md.
pub fn json(article: &Article, analysis: &Analysis) -> String {
    let mut out = serde_json::to_string_pretty(&Report::new(article, analysis))
        .expect("the report is plain data and always serialises");
    out.push('\n');
    out
}
