//! What the analyser knows about names: compiled in from assets/lexicon, parsed once.

use std::sync::OnceLock;

/// The names, kinds, titles and words the analyser knows.
#[derive(Debug, Default)]
pub struct Lexicon {}

impl Lexicon {
    /// The lexicon compiled into the binary, parsed on first use.
    pub fn builtin() -> &'static Lexicon {
        static BUILTIN: OnceLock<Lexicon> = OnceLock::new();
        BUILTIN.get_or_init(Lexicon::default)
    }
}
