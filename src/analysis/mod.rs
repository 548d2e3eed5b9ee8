//! The analyser: a pure function from article text to [`Analysis`].
//!
//! Text in, analysis out, no I/O: everything the analyser knows comes from the
//! [`Lexicon`], which is compiled into the binary and parsed once. Keeping it pure is
//! what lets the reader draw from one analysis forever, lets `--json` and the reader
//! agree to the byte, and makes every rule a unit test.
//!
//! The steps run in order over the text; each lives in its own module:
//! [`names`] finds and types name mentions, [`actors`] merges them into actors,
//! [`quotes`] finds quoted statements and [`speakers`] attributes them.

pub mod actors;
pub mod gazetteer;
pub mod kinds;
pub mod lexicon;
// N.B. Shared with build.rs: some of it (the tables' layout) only the build script uses.
#[allow(dead_code)]
mod lexicon_data;
pub mod names;
pub mod quotes;
// N.B. Shared with build.rs, which makes its tables; the lists are the binary's only in tests.
#[allow(dead_code)]
mod speaker_words;
pub mod speakers;
pub mod text;

use serde::{Deserialize, Serialize};
use std::ops::Range;

pub use lexicon::Lexicon;

/// What an actor is. One kind per actor: the evidence from all its mentions decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Person,
    Organization,
    Place,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Person, Kind::Organization, Kind::Place];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Organization => "organization",
            Kind::Place => "place",
        }
    }
}

/// A kind's name that is none of them, as a user's file may write it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("kind {0:?}: use person, organization or place")]
pub struct UnknownKind(pub String);

impl std::str::FromStr for Kind {
    type Err = UnknownKind;

    /// The kinds as files write them: "person", "organization" (or "organisation"),
    /// "place". The one parser of a kind, for the lexicon's lists and the user's file.
    fn from_str(s: &str) -> Result<Kind, UnknownKind> {
        match s.trim() {
            "person" => Ok(Kind::Person),
            "organization" | "organisation" => Ok(Kind::Organization),
            "place" => Ok(Kind::Place),
            other => Err(UnknownKind(other.to_owned())),
        }
    }
}

/// A half-open byte range into the article text, always on character boundaries.
///
/// N.B. Every position in the program is one of these; only the layout turns them into
/// screen cells, so the reader, `--json` and the tests share one coordinate system.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }

    pub fn len(self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }

    pub fn contains(self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }

    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// Sorts spans by position and drops each one that overlaps one before it: the promise
/// that mentions and links never overlap, kept by the source, the corrections and the
/// reader with this one function.
pub fn sorted_apart<T>(items: &mut Vec<T>, span: impl Fn(&T) -> (usize, usize)) {
    items.sort_by_key(|x| span(x));
    let mut end = 0;
    items.retain(|x| {
        let (start, stop) = span(x);
        let keep = start >= end;
        end = end.max(stop);
        keep
    });
}

/// Index of an actor in [`Analysis::actors`]; also its `id` in the JSON.
pub type ActorId = usize;

/// One place where the article names an actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    /// The mention is an adjective or demonym of a place ("Iranian" for Iran), so the
    /// reader can show it as such rather than as the place's name.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub demonym: bool,
}

impl Mention {
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// A person, organization or place, with every way the article names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub id: ActorId,
    /// The fullest name the article uses, as written there.
    pub name: String,
    pub kind: Kind,
    /// The kind model gave `kind` less than [`kinds::SURE`] probability: the reader marks
    /// it as a guess rather than colour it as a fact. Left out of JSON when false.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unsure: bool,
    /// Every distinct form by which the article names the actor, in order of first use.
    pub aliases: Vec<String>,
    /// Sorted, non-overlapping.
    pub mentions: Vec<Mention>,
}

/// A quoted statement, with who said it when that is known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// Covers the quoted words including their quotation marks.
    pub start: usize,
    pub end: usize,
    pub speaker: Option<ActorId>,
    /// The reporting word that ties the quote to its speaker ("said", "according to").
    pub cue: Option<String>,
    /// The words that name the speaker at this quote ("Ana Ruiz", "he", "the company"),
    /// so a script can check an attribution against the text. `None` when nothing near
    /// the quote names its speaker (a quote continuing the last one) or there is none.
    #[serde(default)]
    pub speaker_mention: Option<Span>,
}

impl Quote {
    pub fn span(&self) -> Span {
        Span::new(self.start, self.end)
    }
}

/// Everything the analyser found in one article.
///
/// Actors are ordered by first mention and `actors[i].id == i`; quotes are sorted by
/// start and never overlap. The reader and `--json` both use it as it is.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Analysis {
    pub actors: Vec<Actor>,
    pub quotes: Vec<Quote>,
}

impl Analysis {
    /// Every mention of every actor, sorted by position: the index the reader uses to
    /// find what is at an offset and to colour a visible line by binary search.
    pub fn mention_index(&self) -> Vec<(Span, ActorId)> {
        let mut all: Vec<(Span, ActorId)> = self
            .actors
            .iter()
            .flat_map(|a| a.mentions.iter().map(move |m| (m.span(), a.id)))
            .collect();
        all.sort_unstable();
        all
    }
}

/// Which actors are kept: not those that are products, vehicles or games
/// ([`kinds::is_product`]).
fn actors_kept(actors: &[Actor], lexicon: &Lexicon) -> Vec<bool> {
    actors.iter().map(|a| !kinds::is_product(&a.aliases, lexicon)).collect()
}

/// Keeps the actors `keep` marks, their ids renumbered to their new places.
fn retain_actors(actors: &mut Vec<Actor>, keep: &[bool]) {
    if keep.iter().all(|&k| k) {
        return;
    }
    let mut k = keep.iter();
    actors.retain(|_| k.next().copied().unwrap_or(true));
    for (id, a) in actors.iter_mut().enumerate() {
        a.id = id;
    }
}

/// [`analyse`], and each actor's kind features: what the kind model's trainer reads.
#[doc(hidden)]
pub fn analyse_with_kind_features(
    text: &str,
    lexicon: &Lexicon,
) -> (Analysis, Vec<Vec<(u64, f32)>>) {
    analyse_keeping_features(text, lexicon, true)
}

/// Analyses an article's text with the given lexicon.
///
/// Pure and deterministic: the same text and lexicon always give the same analysis.
///
/// N.B. Only the first [`text::MAX_TEXT`] bytes (500 MB) are read: tokens keep 32-bit
/// offsets and share a word between sentence index and flags, which halves the memory
/// every pass reads. The loader refuses far smaller
/// inputs by default, so this only bounds what a caller of the library can ask.
pub fn analyse(text: &str, lexicon: &Lexicon) -> Analysis {
    analyse_keeping_features(text, lexicon, false).0
}

/// The analysis's steps in order, with the kept actors' kind features when `features`
/// is set (none otherwise, at no cost).
fn analyse_keeping_features(
    text: &str,
    lexicon: &Lexicon,
    features: bool,
) -> (Analysis, Vec<Vec<(u64, f32)>>) {
    let mut cut = text.len().min(text::MAX_TEXT);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let text = &text[..cut];
    let doc = text::Document::new(text);
    let mentions = names::find(&doc, lexicon);
    let (mut actors, mut kind_features) =
        actors::merge_with_features(&doc, mentions, lexicon, features);
    let keep = actors_kept(&actors, lexicon);
    if features {
        let mut k = keep.iter();
        kind_features.retain(|_| k.next().copied().unwrap_or(true));
    }
    retain_actors(&mut actors, &keep);
    let quote_spans = quotes::find(text);
    let quotes = speakers::attribute(&doc, &quote_spans, &actors, lexicon);
    (Analysis { actors, quotes }, kind_features)
}
