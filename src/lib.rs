//! whosaid: a terminal reader for news articles that shows who is in a story and who
//! said what.
//!
//! Data flows one way: [`source`] turns a file into an [`source::Article`], the pure
//! [`analysis`] turns its text into an [`analysis::Analysis`], and either [`print`]
//! writes it for scripts or [`reader`] shows it in the terminal.

pub mod analysis;
pub mod config;
pub mod library;
pub mod print;
pub mod quotesheet;
pub mod reader;
pub mod source;
pub mod store;
pub mod text_layout;

pub use analysis::{Analysis, Lexicon, analyse};
pub use source::Article;

/// Analyses an article's body with the built-in lexicon.
pub fn analyse_article(article: &Article) -> Analysis {
    analyse(article.body(), Lexicon::builtin())
}
