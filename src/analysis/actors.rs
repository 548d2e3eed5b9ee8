//! Merging name mentions into actors.

use super::{Actor, Lexicon, names::NameMention, text::Document};

/// Groups mentions that name the same actor; actors come out in order of first mention.
pub fn merge(_doc: &Document, _mentions: Vec<NameMention>, _lexicon: &Lexicon) -> Vec<Actor> {
    Vec::new()
}
