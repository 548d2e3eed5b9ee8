//! Who said each quote.

use super::{Actor, Lexicon, Quote, Span, text::Document};

/// Attributes each quoted span to a speaker among the actors.
pub fn attribute(
    _doc: &Document,
    spans: &[Span],
    _actors: &[Actor],
    _lexicon: &Lexicon,
) -> Vec<Quote> {
    spans.iter().map(|s| Quote { start: s.start, end: s.end, speaker: None, cue: None }).collect()
}
