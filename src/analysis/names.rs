//! Name mentions: capitalized name sequences, typed by lexicon and context.

use super::{Kind, Lexicon, Span, text::Document};

/// A name as written at one place, before merging.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameMention {
    pub span: Span,
    /// The kind this mention's own evidence points to, if any.
    pub kind: Option<Kind>,
}

/// Finds the name mentions of a document, sorted and non-overlapping.
pub fn find(_doc: &Document, _lexicon: &Lexicon) -> Vec<NameMention> {
    Vec::new()
}
