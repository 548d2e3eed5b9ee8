//! The kind of each actor: one learned decision from the evidence of all its mentions.
//!
//! Votes with hand-set weights, summed over mentions, let many weak clues outvote one
//! strong one (two dozen bare "Warhol"s, each a lone word voting organization, against
//! one "Andy Warhol"). Here every mention adds *features* to its actor (its words, their
//! shapes and suffixes, the words around it, which of the names step's clues fired), and
//! a multinomial logistic regression, trained on annotated text by `src/bin/train-kinds.rs`
//! and shipped in `assets/kinds.tsv`, weighs them once per actor.
//!
//! Features are 64-bit hashes of a template name and a value ("p1" and "mayor" for
//! "Mayor X"), computed without allocating; the model file stores the hashes with their
//! three weights (person, organization, place). An actor's feature counts are read from
//! its first [`MAX_MENTIONS`] mentions: enough to see every kind of clue an article gives,
//! and a bound on the work for an actor named ten thousand times.

use super::Kind;
use super::Lexicon;
use super::names::{NameMention, clue, strip_possessive};
use super::text::{Document, TokenKind};
use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::LazyLock;

/// Mentions of one actor whose features are read; later ones add nothing new in practice.
pub const MAX_MENTIONS: usize = 24;

/// Below this probability for its best kind, an actor's kind is shown as unsure.
pub const SURE: f32 = 0.6;

/// The shipped weights, as the trainer wrote them.
/// The words that name products, vehicles and games (`assets/lexicon/products.txt`).
const PRODUCTS: &str = include_str!("../../assets/lexicon/products.txt");

/// Whether `word` names a product, a vehicle or a game and nothing else.
///
/// N.B. A set built once: scanning the list's text for every word of every actor's
/// names cost a 10 KB article about a million instructions.
fn is_product_word(word: &str) -> bool {
    static WORDS: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
        PRODUCTS.lines().filter(|l| !l.starts_with('#')).flat_map(str::split_whitespace).collect()
    });
    WORDS.contains(word)
}

/// Whether an actor is a product, a vehicle or a game, which whosaid's conventions
/// make no actor at all: one of its names holds a word of `products.txt` and none ends
/// in an organization's head word.
///
/// N.B. Decided per actor, after the merge, so a later short name ("Atlantis" after
/// "Space Shuttle Atlantis") goes with the full one instead of becoming an actor of
/// its own. Dropping beats guessing a kind: a reader who sees "PlayStation VR" coloured
/// as a person stops trusting the colours.
pub fn is_product(aliases: &[String], lexicon: &Lexicon) -> bool {
    aliases.iter().any(|a| name_words(a).any(is_product_word))
        && !aliases.iter().any(|a| {
            name_words(a).last().and_then(|w| lexicon.head_kind(w)) == Some(Kind::Organization)
        })
}

/// The words of a name, without a possessive or the punctuation around them.
fn name_words(name: &str) -> impl Iterator<Item = &str> {
    name.split(|c: char| c.is_whitespace() || c == '-')
        .map(|w| strip_possessive(w).trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
}

pub const MODEL_TSV: &str = include_str!("../../assets/kinds.tsv");

/// A linear model: three weights per feature hash, sorted by hash.
///
/// N.B. A sorted table rather than a hash map, so that the shipped model is a static
/// the build script wrote from assets/kinds.tsv (`KIND_WEIGHTS`): nothing is parsed at
/// start-up. It is looked up a few dozen times an actor, not per token.
pub struct Model {
    weights: Cow<'static, [(u64, [f32; 3])]>,
}

// KIND_WEIGHTS: assets/kinds.tsv as build.rs parsed it with `Model::parse`'s rules.
include!(concat!(env!("OUT_DIR"), "/kind_weights.rs"));

impl Model {
    /// Parses the trainer's TSV: `hash<TAB>person<TAB>organization<TAB>place`, `#` comments;
    /// a hash listed twice has its last weights.
    pub fn parse(tsv: &str) -> Result<Model, String> {
        Ok(Model { weights: Cow::Owned(super::lexicon_data::kind_weights(tsv)?) })
    }

    /// The model compiled into the binary, as the build script parsed it.
    pub fn builtin() -> &'static Model {
        static MODEL: Model = Model { weights: Cow::Borrowed(&KIND_WEIGHTS) };
        &MODEL
    }

    /// The weights of one feature, if the model has it.
    pub fn weights(&self, feature: u64) -> Option<[f32; 3]> {
        let i = self.weights.binary_search_by_key(&feature, |&(h, _)| h).ok()?;
        Some(self.weights[i].1)
    }

    /// The probability of each kind (in [`Kind::ALL`] order) for an actor's features.
    pub fn probabilities(&self, features: &[(u64, f32)]) -> [f32; 3] {
        let mut z = [0f32; 3];
        for (h, v) in features {
            if let Some(w) = self.weights(*h) {
                for k in 0..3 {
                    z[k] += w[k] * v;
                }
            }
        }
        softmax(z)
    }
}

/// Probabilities from scores, computed stably.
pub fn softmax(z: [f32; 3]) -> [f32; 3] {
    let m = z[0].max(z[1]).max(z[2]);
    let e = z.map(|x| (x - m).exp());
    let s = e[0] + e[1] + e[2];
    e.map(|x| x / s)
}

/// The kind decided, and whether the model is sure of it.
pub fn decide(probabilities: [f32; 3]) -> (Kind, bool) {
    let best = (0..3)
        .max_by(|&a, &b| probabilities[a].total_cmp(&probabilities[b]).then(b.cmp(&a)))
        .unwrap_or(0);
    (Kind::ALL[best], probabilities[best] >= SURE)
}

/// FNV-1a, streamed: a feature's hash from its template and value, ASCII folded to
/// lower case, without building the string.
#[derive(Clone, Copy)]
struct Fnv(u64);

impl Fnv {
    fn new(template: &str) -> Fnv {
        let mut h = Fnv(0xcbf2_9ce4_8422_2325);
        h.bytes(template.as_bytes());
        h.byte(0x1f);
        h
    }

    fn byte(&mut self, b: u8) {
        self.0 ^= u64::from(b.to_ascii_lowercase());
        self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
    }

    /// A byte as it is, not folded: the shape letters `X` and `x` differ.
    fn raw(&mut self, b: u8) {
        self.0 ^= u64::from(b);
        self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
    }

    fn bytes(&mut self, bs: &[u8]) {
        for &b in bs {
            self.byte(b);
        }
    }
}

/// The hash of feature `template`=`value`: what the model file is keyed by.
pub fn feature(template: &str, value: &str) -> u64 {
    let mut h = Fnv::new(template);
    h.bytes(value.as_bytes());
    h.0
}

/// The shape of a word: `X` capitalized, `A` all capitals, `x` lower case, `9` digits,
/// `.` an initial, `-` anything else; "Xx-" style letters are not repeated.
fn shape(word: &str) -> u8 {
    let mut chars = word.chars();
    let Some(c) = chars.next() else { return b'-' };
    if word.len() <= 3 && word.ends_with('.') && c.is_uppercase() {
        return b'.';
    }
    if c.is_ascii_digit() {
        return b'9';
    }
    if c.is_lowercase() {
        return b'x';
    }
    if c.is_uppercase() {
        let rest_upper = word.chars().skip(1).filter(|c| c.is_alphabetic()).all(char::is_uppercase);
        return if rest_upper && word.chars().count() > 1 { b'A' } else { b'X' };
    }
    b'-'
}

/// Adds one mention's features to `out`.
pub fn mention_features(doc: &Document, m: &NameMention, lexicon: &Lexicon, out: &mut Vec<u64>) {
    let text = doc.text;
    let toks = &doc.tokens;
    let (fi, li) = (m.first_token as usize, m.last_token as usize);
    let mut clues = m.clues;
    while clues != 0 {
        out.push(clue_feature(clues & clues.wrapping_neg()));
        clues &= clues - 1;
    }
    if m.same_as_previous() {
        out.push(feature("script", ""));
        return;
    }
    // The name's words: each, the first, the last, and the last one's suffixes.
    let mut shape_h = Fnv::new("shape");
    let mut words = 0;
    for (t, tok) in toks.iter().enumerate().take(li + 1).skip(fi) {
        if tok.kind() != TokenKind::Word {
            continue;
        }
        let w = strip_possessive(doc.token_text(t));
        words += 1;
        if words <= 4 {
            shape_h.raw(shape(w));
        }
        out.push(feature("w", w));
    }
    out.push(shape_h.0);
    let nwords = match words {
        0 | 1 => "1",
        2 => "2",
        3 => "3",
        _ => "4",
    };
    out.push(feature("len", nwords));
    let first = strip_possessive(m.first_word(doc));
    let last = strip_possessive(m.last_word(doc));
    out.push(feature("fw", first));
    out.push(feature("lw", last));
    let chars: Vec<(usize, char)> = last.char_indices().collect();
    for (n, template) in [(2, "s2"), (3, "s3"), (4, "s4")] {
        if chars.len() > n {
            out.push(feature(template, &last[chars[chars.len() - n].0..]));
        }
    }
    if lexicon.is_given_name(first) {
        out.push(feature("given", ""));
    }
    // The public lists: the first word a given name, the last a surname, the whole a
    // city; a lone word whatever the lists say it may be.
    let mut buf = String::new();
    let mut listed = |template: &str, key: &str, only: u8, out: &mut Vec<u64>| {
        let flags = super::gazetteer::flags_of(key, &mut buf).unwrap_or("");
        for flag in flags.split_ascii_whitespace() {
            if only == b'*' || flag.as_bytes()[0] == only {
                out.push(feature(template, flag));
            }
        }
    };
    if fi == li {
        listed("g1", first, b'*', out);
    } else {
        listed("gf", first, b'g', out);
        listed("gl", last, b's', out);
        listed("gn", strip_possessive(&text[toks[fi].start()..toks[li].end()]), b'c', out);
    }
    // The words around it, in its sentence: "Mayor X", "in X", "X said", "X, 54,".
    let word_at =
        |t: usize| -> Option<&str> { doc.same_sentence(fi, t).then(|| doc.token_text(t)) };
    let p1 = fi.checked_sub(1).and_then(word_at);
    let p2 = fi.checked_sub(2).and_then(word_at);
    let n1 = word_at(li + 1);
    let n2 = word_at(li + 2);
    match p1 {
        Some(p) => out.push(feature("p1", p)),
        None => out.push(feature("p1", "<s>")),
    }
    if let (Some(a), Some(b)) = (p2, p1) {
        let mut h = Fnv::new("p2");
        h.bytes(a.as_bytes());
        h.byte(b' ');
        h.bytes(b.as_bytes());
        out.push(h.0);
    }
    match n1 {
        Some(n) => out.push(feature("n1", n)),
        None => out.push(feature("n1", "</s>")),
    }
    if let (Some(a), Some(b)) = (n1, n2) {
        let mut h = Fnv::new("n2");
        h.bytes(a.as_bytes());
        h.byte(b' ');
        h.bytes(b.as_bytes());
        out.push(h.0);
    }
    // A possessive: "X's chief executive".
    if m.last_word(doc).ends_with("'s") || m.last_word(doc).ends_with("’s") {
        out.push(feature("poss", ""));
    }
}

/// Clues that tell what kind of text this is, with the share of the names that show
/// each: a travel guide puts most of its names after "in" and "to", a biography gives
/// given names, news has people speak. An unknown word is read in that light.
const GENRE_CLUES: [(u32, &str); 6] = [
    (clue::PLACE_PREPOSITION | clue::MOTION_PREPOSITION, "in"),
    (clue::GIVEN, "given"),
    (clue::SPEAKS, "speaks"),
    (clue::TITLED, "titled"),
    (clue::HEAD_PLACE, "head-place"),
    (clue::HEAD_ORGANIZATION, "head-org"),
];

/// The document's own features: for each genre clue, the share of name mentions
/// showing it, in a few buckets.
pub fn document_features(mentions: &[NameMention]) -> Vec<u64> {
    let n = mentions.len().max(1) as f32;
    let mut counts = [0usize; GENRE_CLUES.len()];
    for m in mentions {
        for (c, (bits, _)) in counts.iter_mut().zip(GENRE_CLUES) {
            *c += usize::from(m.clues & bits != 0);
        }
    }
    let mut out = Vec::new();
    for (count, (_, name)) in counts.into_iter().zip(GENRE_CLUES) {
        let share = count as f32 / n;
        let bucket = match share {
            s if s < 0.03 => b'0',
            s if s < 0.08 => b'1',
            s if s < 0.16 => b'2',
            _ => b'3',
        };
        let mut h = Fnv::new("doc");
        h.bytes(name.as_bytes());
        h.byte(bucket);
        out.push(h.0);
    }
    out
}

/// Adds the document's features to an actor's, once: for an actor with no strong clue
/// of its own (no lexicon entry, given name, head word or title) under their own names,
/// as the genre should speak loudest where the name says least.
pub fn add_document_features(document: &[u64], features: &mut Vec<u64>) {
    let strong = [
        clue::LEX_PERSON,
        clue::LEX_ORGANIZATION,
        clue::LEX_PLACE,
        clue::GIVEN,
        clue::HEAD_PLACE,
        clue::HEAD_ORGANIZATION,
        clue::TITLED,
    ]
    .map(clue_feature);
    let unknown = !features.iter().any(|f| strong.contains(f));
    for &d in document {
        features.push(if unknown { d ^ 0x9e37_79b9_7f4a_7c15 } else { d });
    }
}

/// The feature a clue bit adds.
fn clue_feature(bit: u32) -> u64 {
    let mut h = Fnv::new("clue");
    h.byte(b'a' + bit.trailing_zeros() as u8);
    h.0
}

/// An actor's features with their values, from the hashes its mentions added: each
/// distinct feature once, valued 1 + ln(count), sorted by hash; with the bias and the
/// number of mentions.
pub fn finish(hashes: &mut Vec<u64>, mentions: usize) -> Vec<(u64, f32)> {
    hashes.push(feature("bias", ""));
    let n = match mentions {
        0 | 1 => "1",
        2 | 3 => "2",
        4..=9 => "4",
        _ => "10",
    };
    hashes.push(feature("mentions", n));
    hashes.sort_unstable();
    let mut out: Vec<(u64, f32)> = Vec::with_capacity(hashes.len());
    let mut i = 0;
    while i < hashes.len() {
        let mut j = i + 1;
        while j < hashes.len() && hashes[j] == hashes[i] {
            j += 1;
        }
        out.push((hashes[i], 1.0 + ((j - i) as f32).ln()));
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_feature_hash_folds_ascii_case() {
        assert_eq!(feature("w", "Mayor"), feature("w", "mayor"));
        assert_ne!(feature("w", "mayor"), feature("p1", "mayor"));
    }

    #[test]
    fn the_shipped_model_is_the_parsed_file() {
        let parsed = Model::parse(MODEL_TSV).expect("assets/kinds.tsv parses");
        let shipped = Model::builtin();
        assert!(shipped.weights.len() > 1000);
        assert_eq!(shipped.weights.len(), parsed.weights.len());
        for (a, b) in shipped.weights.iter().zip(parsed.weights.iter()) {
            assert_eq!(a.0, b.0);
            assert_eq!(a.1.map(f32::to_bits), b.1.map(f32::to_bits), "{:016x}", a.0);
        }
        let twice = Model::parse("# c\n00ff\t1\t2\t3\n00aa\t0\t0\t0\n00ff\t4\t5\t6\n").unwrap();
        assert_eq!(twice.weights(0xff), Some([4.0, 5.0, 6.0]));
        assert_eq!(twice.weights(0xaa), Some([0.0; 3]));
        assert_eq!(twice.weights(0xab), None);
    }
}
