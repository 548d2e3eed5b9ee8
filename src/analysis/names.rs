//! Name mentions: capitalized name sequences, typed by lexicon and context.
//!
//! One pass over the tokens gathers *runs*: capitalized words held together by the
//! connectors of names ("of", "de", "bin", "&"), initials ("J. K.") and lexicon phrases
//! ("Bosnia and Herzegovina"). Each run is then cut into names: a title splits off the
//! person after it ("Iranian President Masoud Pezeshkian" → "Iranian", "Masoud
//! Pezeshkian"), a possessive ends a name ("Moscow's readiness"), a connector that does
//! not follow an organization word splits two names ("Frederick Fung of ADPL"). Each
//! name gets votes for a kind from the lexicon, its last word, its first word and the
//! words around it; [`super::actors`] sums them over every mention of an actor.
//!
//! N.B. Words capitalized only by their place (the first word of a sentence or quote,
//! every word of a Title Case headline) start a name only when the article also writes
//! them capitalized elsewhere or the lexicon knows them; a word the article also writes
//! in lower case ("Later", "Ministers") is an ordinary word there.

use super::lexicon::{EntityId, Meaning, WordInfo};
use super::text::{Document, TokenKind};
use super::{Kind, Lexicon, Span, gazetteer};
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::ops::ControlFlow;

/// A name as written at one place, before merging.
///
/// N.B. 32 bytes: a large article has a mention every few dozen bytes, all held while
/// actors are merged, so offsets are 32-bit (as the tokens' are) and the small fields
/// share a byte; the accessors give them in the program's types.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameMention {
    /// [`NameMention::span`].
    start: u32,
    end: u32,
    /// Evidence for person, organization and place (in [`Kind::ALL`] order).
    pub votes: [u16; 3],
    /// [`NameMention::entity`], or [`NO_ENTITY`].
    entity: EntityId,
    /// First and last token of the name, inclusive: its first name and surname (their
    /// text is [`NameMention::first_word`] and [`NameMention::last_word`]).
    ///
    /// N.B. The words are read from the tokens rather than kept here: the mentions come
    /// in text order, so their tokens are read forward.
    pub first_token: u32,
    pub last_token: u32,
    /// Which of the clues above fired, one bit each ([`clue`]): the kind model reads
    /// them as features, so it learns how much each is worth instead of trusting the votes.
    pub clues: u32,
    /// [`NameMention::kind`] in the low bits ([`KIND_NONE`] for none), then
    /// [`DEMONYM`] and [`SAME_AS_PREVIOUS`].
    flags: u8,
}

/// No lexicon entity: [`NameMention::entity`] is `None`.
const NO_ENTITY: EntityId = EntityId::MAX;
/// No kind: [`NameMention::kind`] is `None` (the kinds are 0 to 2).
const KIND_NONE: u8 = 3;
const KIND_BITS: u8 = 3;
const DEMONYM: u8 = 4;
const SAME_AS_PREVIOUS: u8 = 8;

/// What [`NameMention`] packs: the fields as the finder decides them.
struct MentionParts {
    span: Span,
    kind: Option<Kind>,
    votes: [u16; 3],
    entity: Option<EntityId>,
    demonym: bool,
    first_token: u32,
    last_token: u32,
    same_as_previous: bool,
    clues: u32,
}

impl From<MentionParts> for NameMention {
    fn from(p: MentionParts) -> Self {
        debug_assert!(p.entity != Some(NO_ENTITY));
        let kind = p.kind.map_or(KIND_NONE, |k| k as u8);
        let demonym = if p.demonym { DEMONYM } else { 0 };
        let same = if p.same_as_previous { SAME_AS_PREVIOUS } else { 0 };
        NameMention {
            start: p.span.start as u32,
            end: p.span.end as u32,
            votes: p.votes,
            entity: p.entity.unwrap_or(NO_ENTITY),
            first_token: p.first_token,
            last_token: p.last_token,
            clues: p.clues,
            flags: kind | demonym | same,
        }
    }
}

/// What [`Finder::emit`] knows of a name while it weighs the clues around it.
struct Named<'a> {
    items: &'a [Item],
    name: &'a str,
    entity: Option<EntityId>,
    titled: bool,
    acting_country: bool,
}

/// A name's votes per kind and its clue bits, summed clue by clue.
#[derive(Default)]
struct Tally {
    votes: [u16; 3],
    clues: u32,
}

impl Tally {
    fn add(&mut self, kind: Kind, weight: u16, clue: u32) {
        self.votes[kind as usize] += weight;
        self.clues |= clue;
    }
}

/// The votes each clue gives its kind. Summed, they are the rules' vote for a mention's
/// kind, which the merge adds up per actor and the kind model reads as features beside
/// the clue bits.
///
/// N.B. The lexicon outweighs every other clue; a title before the name, its head word or
/// a dateline outweigh the words around it, each of which counts a little.
mod weight {
    /// The lexicon names it.
    pub const LEXICON: u16 = 10;
    /// "President X", "Dr X".
    pub const TITLED: u16 = 8;
    /// Its last word says its kind ("... Agency"); a dateline ("PARIS —").
    pub const HEAD: u16 = 6;
    pub const DATELINE: u16 = 6;
    /// A given name first, in a full name or alone.
    pub const GIVEN_FULL: u16 = 4;
    pub const GIVEN_LONE: u16 = 3;
    /// A common noun after it ("the Wagner group"): above the 2 of a "the" before it, so
    /// "the X region" is a place.
    pub const NOUN_AFTER: u16 = 4;
    /// ", 54,": only a person is given an age.
    pub const AGE: u16 = 4;
    pub const ENDS_IN_KNOWN: u16 = 3;
    pub const ACRONYM: u16 = 3;
    pub const NOUN_BEFORE: u16 = 3;
    pub const OF_PLACE: u16 = 3;
    pub const LEADER_OF_GOVERNMENT: u16 = 3;
    pub const APPOSITION: u16 = 3;
    pub const PLACE_THEN_WORDS: u16 = 2;
    pub const HYPHEN_LOWER: u16 = 2;
    pub const AFTER_THE: u16 = 2;
    pub const PLACE_PREPOSITION: u16 = 2;
    pub const OF_AFTER_PERSON: u16 = 2;
    pub const SPEAKS: u16 = 2;
    pub const MOTION_PREPOSITION: u16 = 1;
    /// No other clue: a full name is a person's, a lone word an organization's.
    pub const DEFAULT: u16 = 1;
}

/// The clues that type a name, as bits of [`NameMention::clues`].
pub mod clue {
    pub const LEX_PERSON: u32 = 1 << 0;
    pub const LEX_ORGANIZATION: u32 = 1 << 1;
    pub const LEX_PLACE: u32 = 1 << 2;
    pub const ACTING_COUNTRY: u32 = 1 << 3;
    pub const HEAD_ORGANIZATION: u32 = 1 << 4;
    pub const HEAD_PLACE: u32 = 1 << 5;
    pub const TITLED: u32 = 1 << 6;
    pub const ENDS_IN_KNOWN: u32 = 1 << 7;
    pub const PLACE_THEN_WORDS: u32 = 1 << 8;
    pub const GIVEN: u32 = 1 << 9;
    pub const ACRONYM: u32 = 1 << 10;
    pub const HYPHEN_LOWER: u32 = 1 << 11;
    pub const DATELINE: u32 = 1 << 12;
    pub const AFTER_THE: u32 = 1 << 13;
    pub const PLACE_PREPOSITION: u32 = 1 << 14;
    pub const MOTION_PREPOSITION: u32 = 1 << 15;
    pub const ORGANIZATION_NOUN_BEFORE: u32 = 1 << 16;
    pub const PLACE_NOUN_BEFORE: u32 = 1 << 17;
    pub const OF_PLACE: u32 = 1 << 18;
    pub const OF_AFTER_PERSON: u32 = 1 << 19;
    pub const SPEAKS: u32 = 1 << 20;
    pub const LEADER_OF_GOVERNMENT: u32 = 1 << 21;
    pub const PLACE_NOUN_AFTER: u32 = 1 << 22;
    pub const ORGANIZATION_NOUN_AFTER: u32 = 1 << 23;
    pub const AGE: u32 = 1 << 24;
    pub const APPOSITION_PERSON: u32 = 1 << 25;
    pub const APPOSITION_ORGANIZATION: u32 = 1 << 26;
    pub const APPOSITION_PLACE: u32 = 1 << 27;
    pub const DEMONYM: u32 = 1 << 28;
    /// The default vote of a name with no other clue: a full name a person, a lone word
    /// an organization.
    pub const DEFAULT_PERSON: u32 = 1 << 29;
    pub const DEFAULT_ORGANIZATION: u32 = 1 << 30;
}

impl NameMention {
    /// Where the name is in the text.
    pub fn span(&self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }

    /// The kind this mention's own evidence points to, if any.
    pub fn kind(&self) -> Option<Kind> {
        Kind::ALL.get(usize::from(self.flags & KIND_BITS)).copied()
    }

    /// The lexicon entity the mention names, if the lexicon knows it.
    pub fn entity(&self) -> Option<EntityId> {
        (self.entity != NO_ENTITY).then_some(self.entity)
    }

    /// The mention is a demonym of its entity ("Iranian").
    pub fn demonym(&self) -> bool {
        self.flags & DEMONYM != 0
    }

    /// The same actor as the mention before it, written in another script right after
    /// it: "Hiroyuki Ishige (石毛博行)".
    pub fn same_as_previous(&self) -> bool {
        self.flags & SAME_AS_PREVIOUS != 0
    }

    /// The text of the name's first token (with any possessive): its first name.
    pub fn first_word<'t>(&self, doc: &Document<'t>) -> &'t str {
        doc.token_text(self.first_token as usize)
    }

    /// The text of the name's last token (with any possessive): its surname.
    pub fn last_word<'t>(&self, doc: &Document<'t>) -> &'t str {
        doc.token_text(self.last_token as usize)
    }
}

/// Small closed word lists, compiled to a match on length and bytes rather than a scan.
macro_rules! word_list {
    ($(#[$doc:meta])* $name:ident: $($w:literal),+ $(,)?) => {
        $(#[$doc])*
        fn $name(w: &str) -> bool {
            matches!(w, $($w)|+)
        }
    };
}

/// The lower-case word after a name's hyphen makes the whole an adjective, and the name
/// ends at the hyphen: "Russia-backed", "Kremlin-controlled", "Toronto-based", "U.N.-run".
///
/// N.B. A past participle or one of a few compound heads; romanized given names
/// ("Jong-un", "Jae-in", "Chung-tai") are neither, so they stay whole.
fn is_compound_tail(w: &str) -> bool {
    w.bytes().all(|b| b.is_ascii_lowercase())
        && ((w.len() >= 4 && w.ends_with("ed")) || is_compound_head(w))
}

word_list! {
    /// The compound heads of [`is_compound_tail`] that are no past participle in "-ed".
    is_compound_head: "led", "run", "born", "made", "built", "held", "style", "era", "wide",
    "like", "type", "friendly", "speaking", "bound", "area", "class"
}
word_list! {
    /// Compass points, which after a place's name still name a place ("Kowloon West").
    is_compass_word: "North", "South", "East", "West", "Central", "Northeast", "Northwest",
    "Southeast", "Southwest"
}
word_list! {
    /// Connectors that join two capitalized words of one name only when the words before
    /// them name an organization or place ("Bank of England", "Museum of Flight").
    is_splitting_connector: "of", "for", "the", "and", "&"
}
word_list! {
    /// Particles of personal and place names, always inside a name ("Ursula von der Leyen").
    is_particle: "de", "del", "della", "der", "den", "di", "da", "do", "dos", "das", "du", "des",
    "von", "van", "ten", "ter", "bin", "ibn", "al", "el", "la", "le", "y", "e"
}
word_list! {
    /// Plural nouns whose possessive sits inside names ("New People's Party").
    is_inner_possessive: "People", "Women", "Children", "Workers", "Men", "Veterans", "Farmers",
    "Citizens"
}
word_list! {
    /// Words after a name that say it is someone or something that speaks.
    is_speech_verb: "said", "says", "told", "added", "stated", "announced", "warned",
    "explained", "wrote", "argued", "noted", "insisted", "claimed", "confirmed", "denied",
    "asked", "replied", "stressed", "reported", "urged", "called", "believes", "thinks",
    "tweeted", "responded"
}
word_list! {
    /// Words that follow a subject's name: a lone capitalized word before one is a name.
    is_follower: ",", "also", "has", "had", "was", "is", "will", "would", "could", "did", "does",
    "then", "later", "who"
}
word_list! {
    /// Prepositions after which a name is usually a place.
    is_place_preposition: "in", "at", "near", "outside", "across", "throughout"
}
word_list! {
    /// Common nouns that news sets right before an organization's name to say what it is:
    /// "rights group Amnesty International", "broadcaster NHK", "carmaker Toyota".
    is_organization_noun: "group", "groups", "party", "company", "firm", "agency", "newspaper",
    "broadcaster", "network", "carmaker", "automaker", "retailer", "lender", "insurer",
    "airline", "conglomerate", "startup", "charity", "union", "movement", "coalition",
    "alliance", "club", "publisher", "daily", "magazine", "website", "outlet", "manufacturer",
    "operator", "studio", "label", "broadcasters", "companies", "firms", "parties", "giant",
    "school", "schools", "hospital", "university", "college", "foundation", "organisation",
    "organization", "association", "institute", "bank", "board", "committee", "council",
    "shares", "shareholders", "headquarters", "employees", "executives", "ceo"
}
word_list! {
    /// Common nouns that news sets before a place's name: "the town of Mohacs", "the city
    /// Mariupol", "Kherson province" aside.
    is_place_noun: "city", "town", "village", "province", "county", "district", "region",
    "island", "port", "capital", "suburb", "neighbourhood", "neighborhood", "municipality",
    "state", "oblast", "prefecture", "villages", "towns", "cities"
}
word_list! {
    /// Words for the people or parts of a place, before its "of": "residents of Kherson",
    /// "the mayor of Orvenna", "the outskirts of Lviv".
    is_of_place: "residents", "people", "citizens", "inhabitants", "mayor", "governor",
    "outskirts", "streets", "centre", "center", "north", "south", "east", "west", "heart",
    "northeast", "northwest", "southeast", "southwest", "suburbs", "parts"
}
word_list! {
    /// Kinds of works whose titles follow them: "the book Blown for Good" names no actor.
    is_work_noun: "book", "books", "novel", "memoir", "film", "films", "movie", "movies",
    "documentary", "song", "songs", "album", "single", "play", "musical", "opera", "series",
    "show", "episode", "game", "painting", "poem", "headline", "slogan", "hashtag", "app"
}
word_list! {
    /// Prepositions of motion: a weaker sign of a place.
    is_motion_preposition: "from", "to", "into", "toward", "towards", "via"
}

word_list! {
    /// Verbs in the third person that often follow a subject: with the auxiliaries,
    /// speech verbs and past tenses they say the name before them does something.
    is_present_verb: "says", "wants", "plans", "puts", "fires", "threatens", "accuses",
    "vows", "insists", "seeks", "rejects", "denies", "warns", "claims", "urges", "agrees",
    "refuses", "hopes", "expects", "launches", "sends", "announces", "demands", "blames",
    "condemns", "signs", "backs", "supports", "opposes", "wins", "loses", "joins", "imposes",
    "retaliates", "responds", "declares", "orders", "tells"
}
word_list! {
    /// Auxiliaries after a subject ("China has", "Iran will"); not the copula, since
    /// "Italy is a republic" describes a place.
    is_auxiliary: "has", "had", "have", "will", "would", "could", "can", "should", "must",
    "may", "might", "did", "does", "cannot", "also"
}

/// The word after a name says the name does something: an auxiliary, a speech verb, a
/// common present-tense verb or a past tense ("fired", "evacuated").
fn is_action_word(w: &str) -> bool {
    is_speech_verb(w)
        || is_auxiliary(w)
        || is_present_verb(w)
        || (w.len() >= 5
            && w.ends_with("ed")
            && w.bytes().all(|b| b.is_ascii_lowercase())
            && !matches!(w, "based" | "related"))
}

/// One piece of a run: a word, a lexicon phrase or a connector.
#[derive(Debug, Clone, Copy)]
struct Item {
    /// Tokens `first..=last`.
    first: u32,
    last: u32,
    start: usize,
    /// End of the name part: before a possessive "'s".
    end: usize,
    what: What,
}

impl Item {
    /// An item inside token `t` alone: part of a hyphenated word.
    fn part_of(t: usize, bytes: std::ops::Range<usize>, what: What) -> Self {
        Item { first: t as u32, last: t as u32, start: bytes.start, end: bytes.end, what }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum What {
    Word,
    Lex(Meaning),
    /// A particle, joining connector or glue ("&", the period of an initial).
    Joiner,
}

/// One bit per token: the per-token facts the finder asks of any token, at an eighth of
/// a byte each, so that they cost little beside the tokens themselves.
///
/// N.B. With [`Bits::index_ranks`], a set bit's rank (how many are set before it) is one
/// count of a word's bits: that is how a token finds its entry in a list kept only for
/// the tokens with the bit, without a search.
struct Bits {
    words: Vec<u64>,
    /// How many bits are set in the words before each word.
    ranks: Vec<u32>,
}

impl Bits {
    fn new(len: usize) -> Self {
        Bits { words: vec![0; len.div_ceil(64)], ranks: Vec::new() }
    }

    fn set(&mut self, i: usize, on: bool) {
        let (word, bit) = (i / 64, 1u64 << (i % 64));
        if on {
            self.words[word] |= bit;
        } else {
            self.words[word] &= !bit;
        }
    }

    /// `None` past the end.
    fn get(&self, i: usize) -> Option<bool> {
        self.words.get(i / 64).map(|w| w & (1u64 << (i % 64)) != 0)
    }

    /// Counts the bits before each word, once every bit is set, for [`Bits::rank`].
    fn index_ranks(&mut self) {
        let mut before = 0u32;
        self.ranks = self
            .words
            .iter()
            .map(|w| {
                let r = before;
                before += w.count_ones();
                r
            })
            .collect();
    }

    /// The position of bit `i` among the set bits, when it is set.
    fn rank(&self, i: usize) -> Option<usize> {
        let (word, bit) = (*self.words.get(i / 64)?, i % 64);
        if word & (1u64 << bit) == 0 {
            return None;
        }
        let below = (word & ((1u64 << bit) - 1)).count_ones();
        Some((self.ranks.get(i / 64)? + below) as usize)
    }
}

/// Why a name names no actor ([`Finder::names_no_actor`]), if it does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum NoActor {
    No,
    /// Interface text or a shouted line.
    Shouted,
    /// An event, award or work.
    Event,
}

/// One piece of a name as [`Finder::gather`] finds it: up to token `last` and byte `end`
/// (before a possessive), and what it is.
struct Piece {
    last: usize,
    end: usize,
    what: What,
}

/// A lexicon phrase found at a token.
#[derive(Debug, Clone, Copy)]
struct LexAt {
    /// Last token of the phrase, inclusive (the first is where it was found).
    last: u32,
    end: u32,
    meaning: Meaning,
}

struct Finder<'d, 't> {
    doc: &'d Document<'t>,
    lex: &'d Lexicon,
    /// Per token: a capitalized word that may be part of a name.
    cap: Bits,
    /// The capitalized tokens, in order: the only places a name can start. It keeps those
    /// [`Finder::new`] rules out afterwards (their `cap` bit is cleared), so that `info`
    /// still answers for them.
    ///
    /// N.B. Indices, not copies of the tokens: capitals are about one token in six.
    capitals: Vec<u32>,
    /// Per token: one of `capitals`; its rank is its place there and in `info`.
    listed: Bits,
    /// Beside `capitals`: what the lexicon says of the word (without its "'s").
    info: Vec<WordInfo>,
    /// The lexicon phrases starting at capitalized tokens, in token order: few, so a bit
    /// per token (its rank the phrase's place here) stands for a table as long as them.
    lex_found: Vec<LexAt>,
    /// Per token: a phrase of `lex_found` starts there.
    phrase_at: Bits,
    /// Lower-case forms, found in the article, of words capitalized by position.
    lower_words: HashSet<&'t str>,
    /// Words of the language ("Security", "Labor") that the article capitalizes only at
    /// the start of a sentence, a quote or a clause, and that no list knows as a name.
    only_positional_words: HashSet<&'t str>,
    headline: Vec<bool>,
    /// Words (without "'s") the article capitalizes outside its Title Case headlines,
    /// when its title is one; `None` when it is not, or when every sentence is a
    /// headline, so there is nothing to check against.
    named_outside_headlines: Option<HashSet<&'t str>>,
    /// Per token: a word capitalized by its position (see [`Finder::positional`]).
    positional: Bits,
    out: Vec<NameMention>,
    /// Lone words capitalized by position, kept if the article names them elsewhere.
    pending: Vec<Item>,
    /// Title words found as a person's surname ("King" in "Stephen King"): alone
    /// later, they name that person, not a title.
    title_surnames: HashSet<&'t str>,
}

/// Finds the name mentions of a document, sorted and non-overlapping.
pub fn find(doc: &Document, lexicon: &Lexicon) -> Vec<NameMention> {
    let mut f = Finder::new(doc, lexicon);
    let mut items = Vec::new();
    // Names start only at capitalized words: visit those, skipping the runs already read.
    let mut next = 0;
    // N.B. By index: the finder looks words up in its capitals while it reads them.
    for k in 0..f.capitals.len() {
        let i = f.capitals[k] as usize;
        if i < next || !f.can_start(i) {
            continue;
        }
        next = f.gather(i, &mut items).max(i + 1);
        f.segment(&items);
    }
    f.finish()
}

pub(super) fn strip_possessive(word: &str) -> &str {
    word.strip_suffix("'s").or_else(|| word.strip_suffix("\u{2019}s")).unwrap_or(word)
}

/// A word written after a person's surname: a generation ("Jr.", "III") or letters
/// of an honour or degree ("FRS", "PhD", "OBE").
pub(super) fn is_name_suffix(w: &str) -> bool {
    matches!(
        w.trim_end_matches('.'),
        "Jr" | "Sr"
            | "II"
            | "III"
            | "IV"
            | "FRS"
            | "FRSE"
            | "PhD"
            | "Ph.D"
            | "MD"
            | "OBE"
            | "MBE"
            | "CBE"
            | "KBE"
            | "QC"
            | "KC"
            | "Esq"
    )
}

/// `word` in lower case, in `buf`, without allocating; `None` when it is not short ASCII.
pub(super) fn lower_ascii<'b>(word: &str, buf: &'b mut [u8; 48]) -> Option<&'b str> {
    if !word.is_ascii() || word.len() > buf.len() {
        return None;
    }
    let b = &mut buf[..word.len()];
    b.copy_from_slice(word.as_bytes());
    b.make_ascii_lowercase();
    std::str::from_utf8(b).ok()
}

/// A letter of the Chinese, Japanese or Korean scripts.
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}'      // Hiragana, Katakana
        | '\u{3400}'..='\u{4DBF}'    // CJK Extension A
        | '\u{4E00}'..='\u{9FFF}'    // CJK Unified Ideographs
        | '\u{AC00}'..='\u{D7AF}'    // Hangul syllables
        | '\u{1100}'..='\u{11FF}'    // Hangul Jamo
        | '\u{F900}'..='\u{FAFF}'    // CJK Compatibility Ideographs
        | '\u{20000}'..='\u{2FA1F}') // CJK Extensions B and later
}

fn first_char(word: &str) -> char {
    word.chars().next().unwrap_or(' ')
}

/// "Pro-Beijing", "Anti-Kremlin", "Ex-Soviet": a prefix that makes an adjective of the
/// name it is joined to.
fn has_stance_prefix(w: &str) -> bool {
    w.split_once('-').is_some_and(|(p, rest)| {
        matches!(p, "Pro" | "Anti" | "Ex" | "Non" | "Post" | "Pre" | "Mid" | "Neo")
            && rest.starts_with(|c: char| c.is_uppercase())
    })
}

/// One capital letter joined to a common noun: "E-meter", "X-ray", "T-shirt".
fn is_letter_compound(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() > 2 && b[1] == b'-' && b[2..].iter().all(u8::is_ascii_lowercase)
}

/// Letters all upper case, at least two of them ("KCNA", "U.S.", "M5S").
fn is_acronym(word: &str) -> bool {
    // Settled by the second byte for most words ("Putin", "NATO").
    if word.as_bytes().get(1).is_some_and(u8::is_ascii_lowercase) {
        return false;
    }
    let mut letters = 0;
    for c in word.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            letters += 1;
        }
    }
    letters >= 2
}

/// A text's tokens hold at most one capital in this many, as [`Finder::new`] reserves
/// for them. N.B. An upper bound, not an average (news has about one in six): a name is
/// a word, and a text of nothing but names has a capital in every token but the spaces'
/// punctuation; reserving the bound costs nothing where the list stops short of it.
const CAPITALS_AT_MOST_ONE_IN: usize = 1;

/// Sorts `out` by start, where `out[..sorted]` is sorted already and the rest (the few
/// lone words kept at the end) is sorted too: a stable merge from the back, which needs
/// a copy of the short run only, not a scratch buffer as long as all the mentions.
fn merge_tail(out: &mut [NameMention], sorted: usize) {
    let key = |m: &NameMention| m.start;
    if !out[sorted..].is_sorted_by_key(key) || !out[..sorted].is_sorted_by_key(key) {
        out.sort_by_key(key);
        return;
    }
    let tail: Vec<NameMention> = out[sorted..].to_vec();
    // `out[sorted..]` is overwritten back to front, then the rest as far as needed; at
    // every step `w == i + j`.
    let (mut i, mut j, mut w) = (sorted, tail.len(), out.len());
    while j > 0 {
        // Equal starts: the later run's goes last, as a stable sort would place it.
        if i > 0 && key(&out[i - 1]) > key(&tail[j - 1]) {
            out.swap(w - 1, i - 1);
            i -= 1;
        } else {
            out[w - 1] = tail[j - 1].clone();
            j -= 1;
        }
        w -= 1;
    }
}

/// A sentence of `words` words, `upper` of them capitalized, is a headline: three in
/// four words capitalized, in a sentence of three or more.
fn is_headline(words: u32, upper: u32) -> bool {
    words >= 3 && upper * 4 >= words * 3
}

/// A word with this text may start a name: a capitalized word (`upper`) but the pronoun
/// "I" ("I'm", "I’ve") and a letter joined to a common noun ("E-meter", "X-ray",
/// "T-shirt"), or a lower-case name particle glued to a name ("al-Assad").
fn can_start_name(w: &str, upper: bool) -> bool {
    if upper {
        return !(w == "I"
            || w.starts_with("I'")
            || w.starts_with("I\u{2019}")
            || is_letter_compound(w));
    }
    // Particles are short, so only a joiner among the first bytes can make one.
    let head = &w.as_bytes()[..w.len().min(5)];
    head.iter().any(|&b| matches!(b, b'-' | b'\'' | 0xE2))
        && w.split_once(['-', '\'', '\u{2019}'])
            .is_some_and(|(p, rest)| is_particle(p) && first_char(rest).is_uppercase())
}

/// The lexicon phrase that starts at token `i`, when it ends with a token (or before the
/// token's possessive). `last` is the furthest token a phrase has reached so far; the
/// scan moves it on rather than start again from `i`.
fn phrase_from(doc: &Document, lex: &Lexicon, i: usize, last: &mut usize) -> Option<LexAt> {
    let toks = &doc.tokens;
    let f = lex.match_at(doc.text, toks[i].start())?;
    *last = (*last).max(i);
    while *last + 1 < toks.len() && toks[*last + 1].start() < f.end {
        *last += 1;
    }
    let rest = &doc.text[f.end..toks[*last].end().max(f.end)];
    (rest.is_empty() || rest == "'s" || rest == "\u{2019}s").then_some(LexAt {
        last: *last as u32,
        end: f.end as u32,
        meaning: f.meaning,
    })
}

/// The words capitalized outside the headlines, which [`Finder::headline_only`] asks
/// about. Only a Title Case title asks: one pass over the capitals then, none (`None`)
/// for an article whose title is not one.
fn named_outside_headlines<'t>(
    doc: &Document<'t>,
    capitals: &[u32],
    headline: &[bool],
) -> Option<HashSet<&'t str>> {
    let title_case_title = headline.first().copied().unwrap_or(false);
    (title_case_title && headline.iter().any(|h| !h)).then(|| {
        capitals
            .iter()
            .filter(|&&c| !headline[doc.token_sentence(c as usize) as usize])
            .map(|&c| strip_possessive(doc.token_text(c as usize)))
            .collect()
    })
}

impl<'d, 't> Finder<'d, 't> {
    fn new(doc: &'d Document<'t>, lex: &'d Lexicon) -> Self {
        let toks = &doc.tokens;
        let mut cap = Bits::new(toks.len());
        let mut listed = Bits::new(toks.len());
        let mut phrase_at = Bits::new(toks.len());
        let mut lex_found: Vec<LexAt> = Vec::new();
        // N.B. Reserved for the most a text can hold, so the list never grows by copying:
        // the pages beyond what it fills are never touched, and cost no memory.
        let mut capitals: Vec<u32> =
            Vec::with_capacity(toks.len().div_ceil(CAPITALS_AT_MOST_ONE_IN));
        let mut info: Vec<WordInfo> = Vec::with_capacity(capitals.capacity());
        let mut headline = vec![false; doc.sentence_count()];
        let mut positional = Bits::new(toks.len());
        let (mut words, mut upper, mut sentence) = (0u32, 0u32, 0u32);
        // The next word starts a sentence, a quote or a clause after a colon or dash.
        let mut opened = true;
        let mut last = 0;
        for (i, t) in toks.iter().enumerate() {
            if t.starts_sentence() && i > 0 {
                headline[sentence as usize] = is_headline(words, upper);
                (words, upper, sentence) = (0, 0, sentence + 1);
                opened = true;
            }
            if !t.is_word() {
                // "a) Leaving …", "2) Refusing …": after a list marker, as after a colon.
                let list_marker = i >= 1
                    && toks[i - 1].is_word()
                    && toks[i - 1].len() <= 2
                    && toks[i - 1].end() == t.start()
                    && doc.text.as_bytes()[t.start()] == b')';
                opened |= t.is_opener() || list_marker;
                continue;
            }
            positional.set(i, std::mem::replace(&mut opened, false));
            words += 1;
            // N.B. Most tokens are lower-case words without a joiner, settled by the flags
            // the tokenizer set, without reading the text.
            if !(t.is_upper() || t.is_lower() && t.is_joined()) {
                continue;
            }
            let w = &doc.text[t.start()..t.end()];
            upper += u32::from(t.is_upper());
            if !can_start_name(w, t.is_upper()) {
                continue;
            }
            cap.set(i, true);
            listed.set(i, true);
            capitals.push(i as u32);
            let word_info = lex.word_info(strip_possessive(w));
            info.push(word_info);
            if !word_info.starts_phrase() {
                continue;
            }
            if let Some(found) = phrase_from(doc, lex, i, &mut last) {
                phrase_at.set(i, true);
                lex_found.push(found);
            }
        }
        if let Some(h) = headline.get_mut(sentence as usize) {
            *h = is_headline(words, upper);
        }
        let named_outside_headlines = named_outside_headlines(doc, &capitals, &headline);
        let capitals_len = capitals.len();
        listed.index_ranks();
        phrase_at.index_ranks();
        let mut f = Finder {
            doc,
            lex,
            named_outside_headlines,
            cap,
            lex_found,
            capitals,
            listed,
            phrase_at,
            info,
            lower_words: HashSet::new(),
            only_positional_words: HashSet::new(),
            headline,
            positional,
            // N.B. Reserved as for the capitals: a name starts at one, and few capitals
            // start two (a hyphenated pair of names, a name in another script after one).
            out: Vec::with_capacity(capitals_len + capitals_len / 8),
            pending: Vec::new(),
            title_surnames: HashSet::new(),
        };
        f.find_lower_forms();
        f.find_only_positional_words();
        f.drop_shouted_common_words();
        f
    }

    /// An all-capitals common word ("UNLESS") is no name: its capital is cleared.
    fn drop_shouted_common_words(&mut self) {
        for k in 0..self.capitals.len() {
            let c = self.capitals[k];
            let w = self.cap_word(c);
            if w.len() >= 4 && is_acronym(w) && self.is_common(w) {
                self.cap.set(c as usize, false);
            }
        }
    }

    /// Fills `lower_words` with the lower-case forms of the words capitalized by their
    /// position (or in capitals) that the article also writes in lower case.
    ///
    /// N.B. Only those few words are looked for: a filter on first byte and length lets
    /// most lower-case tokens pass without hashing.
    fn find_lower_forms(&mut self) {
        let toks = &self.doc.tokens;
        let mut wanted: HashSet<String> = HashSet::new();
        let mut filter = [0u64; 256];
        // How many wanted words share each filter bit, so that a bit clears once its words
        // are all found: "the" is looked up once, not at every "the" of the article.
        let mut counts: HashMap<(u8, usize), u32> = HashMap::new();
        for &c in &self.capitals {
            let w = self.cap_word(c);
            let asked = self.positional(c as usize)
                || self.cap_in_headline(c)
                || (w.len() >= 4 && is_acronym(w));
            if !asked {
                continue;
            }
            for form in [w, strip_possessive(w)] {
                let mut buf = [0u8; 48];
                let lower = match lower_ascii(form, &mut buf) {
                    Some(l) if wanted.contains(l) => continue,
                    Some(l) => l.to_owned(),
                    None => form.to_lowercase(),
                };
                let Some(&b) = lower.as_bytes().first() else { continue };
                let len = lower.len().min(63);
                if wanted.insert(lower) {
                    filter[b as usize] |= 1u64 << len;
                    *counts.entry((b, len)).or_default() += 1;
                }
            }
        }
        let bytes = self.doc.text.as_bytes();
        for t in toks {
            if wanted.is_empty() {
                break;
            }
            let len = (t.end() - t.start()).min(63);
            let b = bytes[t.start()];
            if filter[b as usize] & (1u64 << len) == 0 || t.kind() != TokenKind::Word {
                continue;
            }
            let w = &self.doc.text[t.start()..t.end()];
            if first_char(w).is_lowercase() && wanted.remove(w) {
                self.lower_words.insert(w);
                if let Some(c) = counts.get_mut(&(b, len)) {
                    *c -= 1;
                    if *c == 0 {
                        filter[b as usize] &= !(1u64 << len);
                    }
                }
            }
        }
    }

    /// Fills `only_positional_words`: the positional capitals the word list knows in lower
    /// case and no list as a given name, surname or city, that the article writes with a
    /// capital nowhere else.
    ///
    /// N.B. The article's own use decides, not the list alone: "Labor said" at the start of
    /// a sentence is a party when the article also writes "leader of Labor".
    fn find_only_positional_words(&mut self) {
        let mut buf = String::new();
        for &c in &self.capitals {
            let i = c as usize;
            let w = strip_possessive(self.cap_word(c));
            // Three letters at least: the list has single letters, and an initial
            // ("K. Michael Stevens") is no word.
            if self.positional(i)
                && w.len() >= 3
                && !self.in_headline(i)
                && !self.lower_words.contains(w)
                && gazetteer::flags_of(w, &mut buf) == Some("w")
            {
                self.only_positional_words.insert(w);
            }
        }
        if self.only_positional_words.is_empty() {
            return;
        }
        for &c in &self.capitals {
            let i = c as usize;
            if !self.positional(i) && !self.in_headline(i) {
                self.only_positional_words.remove(strip_possessive(self.cap_word(c)));
            }
        }
    }

    /// What the lexicon names by this exact word, when it is a name or a demonym.
    fn known_name(&self, w: &str) -> Option<Meaning> {
        match self.lex.meaning_of(w) {
            Some(m @ (Meaning::Name(_) | Meaning::Demonym(_))) => Some(m),
            _ => None,
        }
    }

    fn tok_info(&self, i: usize) -> WordInfo {
        self.listed.rank(i).and_then(|k| self.info.get(k)).copied().unwrap_or_default()
    }

    /// What the lexicon says of an item's word: looked up once per token.
    fn info_of(&self, it: &Item) -> WordInfo {
        if it.first == it.last {
            return self.tok_info(it.first as usize);
        }
        self.lex.word_info(self.item_text(it))
    }

    fn lex_at(&self, i: usize) -> Option<LexAt> {
        self.lex_found.get(self.phrase_at.rank(i)?).copied()
    }

    fn word(&self, i: usize) -> &'t str {
        self.doc.token_text(i)
    }

    /// A capitalized word, or a name particle glued to one ("al-Assad").
    fn is_cap(&self, i: usize) -> bool {
        self.cap.get(i).unwrap_or(false)
    }

    fn same_sentence(&self, a: usize, b: usize) -> bool {
        self.doc.same_sentence(a, b)
    }

    /// Capitalized by its position: first word of a sentence, a quote or after a colon.
    ///
    /// N.B. Worked out for every word in the one pass of [`Finder::new`], since most
    /// capitalized words ask it more than once.
    fn positional(&self, i: usize) -> bool {
        self.positional.get(i).unwrap_or(true)
    }

    /// A word the article also writes in lower case, or one the lexicon says is none.
    fn is_common(&self, w: &str) -> bool {
        if self.lex.is_never(w) {
            return true;
        }
        // "UNLESS", "HOWEVER": a word in capitals is as common as it is in title case.
        if w.len() >= 4 && is_acronym(w) && self.never_in_title_case(w) {
            return true;
        }
        let mut buf = [0u8; 48];
        if let Some(lower) = lower_ascii(w, &mut buf) {
            return lower != w && self.lower_words.contains(lower);
        }
        let lower = w.to_lowercase();
        lower != w && self.lower_words.contains(lower.as_str())
    }

    /// The lexicon's never-word this word is in title case ("OUR" is "Our"), on the stack.
    fn never_in_title_case(&self, w: &str) -> bool {
        if w.len() > 48 || !w.is_ascii() {
            return false;
        }
        let mut buf = [0u8; 48];
        let title = &mut buf[..w.len()];
        title.copy_from_slice(w.as_bytes());
        title[1..].make_ascii_lowercase();
        std::str::from_utf8(title).is_ok_and(|t| self.lex.is_never(t))
    }

    fn in_headline(&self, i: usize) -> bool {
        self.headline[self.doc.token_sentence(i) as usize]
    }

    fn cap_in_headline(&self, c: u32) -> bool {
        self.in_headline(c as usize)
    }

    fn cap_word(&self, c: u32) -> &'t str {
        self.word(c as usize)
    }

    fn lex_name_at(&self, i: usize) -> bool {
        matches!(
            self.lex_at(i),
            Some(LexAt { meaning: Meaning::Name(_) | Meaning::Demonym(_) | Meaning::Title, .. })
        ) && first_char(self.word(i)).is_uppercase()
    }

    /// Whether the word at `i`, in a Title Case headline that is the article's title, is written with a capital
    /// nowhere else, so its capital is the headline's ("Storm Wreaks Havoc", "Verizon
    /// Leaves Town"): no name starts or goes on with it. A word inside a phrase of the
    /// lexicon is the phrase's.
    fn headline_only(&self, i: usize) -> bool {
        let Some(outside) = &self.named_outside_headlines else { return false };
        // Only the title: a short line of names ("Image: Nick Moreau.") also reads as a
        // headline, and its names are often nowhere else.
        // The set is there only when the title is a headline (see [`Finder::new`]).
        let title = self.doc.token_sentence(i) == 0;
        if !title || outside.contains(strip_possessive(self.word(i))) {
            return false;
        }
        let inside_phrase =
            (i.saturating_sub(6)..=i).any(|j| self.lex_at(j).is_some_and(|l| l.last as usize >= i));
        !inside_phrase
    }

    fn can_start(&self, i: usize) -> bool {
        if !self.is_cap(i) {
            return false;
        }
        if self.lex_name_at(i) {
            return true;
        }
        if self.headline_only(i) {
            return false;
        }
        let w = strip_possessive(self.word(i));
        if self.tok_info(i).never() {
            // "Jan Hatzius", not "Jan 5": a word that is both never a name alone and a
            // given name starts one when a capitalized word follows it.
            return self.tok_info(i).given()
                && w.len() == self.word(i).len()
                && self.same_sentence(i, i + 1)
                && self.is_cap(i + 1);
        }
        // "Security was tight", "Labor is scarce": a word of the language capitalized only
        // by its place, alone, is that word.
        if self.positional(i)
            && self.only_positional_words.contains(w)
            && !(self.same_sentence(i, i + 1) && (self.is_cap(i + 1) || self.is_connector(i + 1)))
        {
            return false;
        }
        // "Considering Socotra is …", "Having DNA-suitable material …": see
        // [`Finder::opens_with_participle`]; the name may start after it.
        if self.opens_with_participle(i) {
            return false;
        }
        if (self.positional(i) || self.in_headline(i)) && self.is_common(w) {
            // "Civic Party's Jeremy Tam was elected": a common word can start a longer name
            // (not in a headline, where every word is capitalized).
            let next = i + 1;
            return !self.in_headline(i)
                && w.len() == self.word(i).len()
                && self.same_sentence(i, next)
                && self.is_cap(next);
        }
        true
    }

    /// The word at `i` is a participle of the language capitalized only by its place
    /// ("Considering", "Having", "Using"): it opens a clause, not a name. Names that
    /// start so are the lexicon's ("United States") or capitalized elsewhere too.
    fn opens_with_participle(&self, i: usize) -> bool {
        let w = strip_possessive(self.word(i));
        self.positional(i)
            && (w.ends_with("ing") || w.ends_with("ed"))
            && self.only_positional_words.contains(w)
    }

    fn can_continue(&self, i: usize) -> bool {
        if !self.is_cap(i) {
            return false;
        }
        // "Elizabeth Quat In the New Territories": a function word ends a name, but
        // "Theresa May" keeps its month.
        let glued = i + 1 < self.doc.tokens.len() && self.word(i + 1) == "&";
        if self.tok_info(i).never() && !glued && !(i > 0 && self.tok_info(i - 1).given()) {
            return false;
        }
        if self.in_headline(i) && !self.lex_name_at(i) {
            let w = strip_possessive(self.word(i));
            return !self.is_common(w) && !self.headline_only(i);
        }
        true
    }

    fn is_connector(&self, i: usize) -> bool {
        if !self.doc.tokens.get(i).is_some_and(|t| t.kind() == TokenKind::Word) {
            return self.doc.tokens.get(i).is_some_and(|_| self.word(i) == "&");
        }
        let w = self.word(i);
        is_splitting_connector(w) || is_particle(w)
    }

    /// Collects the run starting at token `i` into `items`; returns the token after it.
    fn gather(&self, i: usize, items: &mut Vec<Item>) -> usize {
        items.clear();
        let toks = &self.doc.tokens;
        let mut j = i;
        loop {
            let Some(Piece { last, end, what }) = self.piece_at(j, items) else { return j + 1 };
            items.push(Item {
                first: j as u32,
                last: last as u32,
                start: toks[j].start(),
                end,
                what,
            });
            match self.goes_on(items, last, end, what) {
                ControlFlow::Continue(next) => j = next,
                ControlFlow::Break(after) => return after,
            }
        }
    }

    /// The name piece at token `j`: a lexicon phrase or one word. `None` when the word
    /// holds a whole name that ends the run ("Russia-backed", "American-Israeli"), whose
    /// items are pushed onto `items` here.
    fn piece_at(&self, j: usize, items: &mut Vec<Item>) -> Option<Piece> {
        let toks = &self.doc.tokens;
        match self.lex_at(j) {
            Some(l) if first_char(self.word(j)).is_uppercase() => Some(Piece {
                last: l.last as usize,
                end: l.end as usize,
                what: What::Lex(l.meaning),
            }),
            _ => {
                let w = self.word(j);
                let name = strip_possessive(w);
                if let Some((head, _)) = name
                    .rsplit_once('-')
                    .filter(|(h, t)| is_compound_tail(t) && first_char(h).is_uppercase())
                {
                    // "Russia-backed forces": the name is the part before the hyphen,
                    // and like a possessive it ends the run.
                    let what = self.known_name(head).map_or(What::Word, What::Lex);
                    let start = toks[j].start();
                    items.push(Item::part_of(j, start..start + head.len(), what));
                    return None;
                }
                // A dateline in capitals ("VIENNA"): only then is the word looked up again.
                let upper = name.len() > 3 && is_acronym(name);
                let what = match upper.then(|| self.lex.upper_case_name(name)).flatten() {
                    Some(id) => What::Lex(Meaning::Name(id)),
                    None => What::Word,
                };
                // "American-Israeli fears": two known names joined by a hyphen are two
                // mentions.
                if let Some((a, b)) = name.split_once('-') {
                    if let (Some(ma), Some(mb)) = (self.known_name(a), self.known_name(b)) {
                        let start = toks[j].start();
                        let mid = start + a.len();
                        items.push(Item::part_of(j, start..mid, What::Lex(ma)));
                        items.push(Item::part_of(j, mid + 1..start + name.len(), What::Lex(mb)));
                        // The pair never joins a longer name.
                        return None;
                    }
                }
                Some(Piece { last: j, end: toks[j].start() + name.len(), what })
            }
        }
    }

    /// Whether the name in `items`, whose last piece (`what`) ends at token `last` and
    /// byte `end`, goes on: `Continue` with the token of its next piece (any joiners
    /// between pushed onto `items`), or `Break` with the token after it.
    fn goes_on(
        &self,
        items: &mut Vec<Item>,
        last: usize,
        end: usize,
        what: What,
    ) -> ControlFlow<usize, usize> {
        let toks = &self.doc.tokens;
        let after = last + 1;
        if end < toks[last].end() {
            // A possessive ends the name, unless a plural noun's sits inside one, or
            // a saint's before the head of a place or body ("St Mary's Hospital").
            let base = &self.doc.text[toks[last].start()..end];
            let saint = items.len() >= 2
                && matches!(self.item_text(&items[0]), "St" | "Saint" | "San" | "Santa")
                && after < toks.len()
                && self.lex.head_kind(strip_possessive(self.word(after))).is_some();
            let inner = (is_inner_possessive(base) || saint)
                && self.same_sentence(last, after)
                && self.can_continue(after);
            if !inner {
                return ControlFlow::Break(after);
            }
            if let Some(it) = items.last_mut() {
                it.end = toks[last].end();
            }
            return ControlFlow::Continue(after);
        }
        if !self.same_sentence(last, after) {
            return ControlFlow::Break(after);
        }
        let next = self.word(after);
        // An initial or abbreviated title with its period: "J. K. Rowling", "Mr. Smith".
        if next == "."
            && toks[after].start() == toks[last].end()
            && self.same_sentence(after, after + 1)
            && self.can_continue(after + 1)
        {
            let prev = self.word(last);
            let short = prev.chars().count() == 1
                || matches!(what, What::Lex(Meaning::Title))
                || matches!(prev, "St" | "Jr" | "Sr" | "Ft" | "Mt");
            if short {
                items.push(self.joiner(after));
                return ControlFlow::Continue(after + 1);
            }
            return ControlFlow::Break(after);
        }
        if self.can_continue(after) {
            return ControlFlow::Continue(after);
        }
        if self.is_connector(after) {
            // Up to two connectors ("of the") between capitalized words.
            let mut k = after;
            while k < after + 2 && self.same_sentence(last, k) && self.is_connector(k) {
                k += 1;
            }
            if self.same_sentence(last, k) && self.is_cap(k) && self.can_continue(k) {
                for c in after..k {
                    items.push(self.joiner(c));
                }
                return ControlFlow::Continue(k);
            }
        }
        ControlFlow::Break(after)
    }

    fn joiner(&self, i: usize) -> Item {
        let t = &self.doc.tokens[i];
        Item { first: i as u32, last: i as u32, start: t.start(), end: t.end(), what: What::Joiner }
    }

    fn item_text(&self, it: &Item) -> &'t str {
        &self.doc.text[it.start..it.end]
    }

    /// The kind a name's head word gives it: its last word ("Civil Defense Authority"),
    /// or the word before its "of" ("Bank of England").
    fn head_kind(&self, items: &[Item]) -> Option<Kind> {
        let before_of = items.windows(2).find_map(|w| {
            let of = w[1].what == What::Joiner && matches!(self.item_text(&w[1]), "of" | "for");
            if of { self.info_of(&w[0]).head() } else { None }
        });
        if before_of.is_some() {
            return before_of;
        }
        let last = items.iter().rev().find(|it| it.what != What::Joiner)?;
        let single_word = !matches!(last.what, What::Lex(_)) || last.first == last.last;
        single_word.then(|| self.info_of(last).head()).flatten()
    }

    /// Every "of", "for" and "the" in the run follows a head word, a title or another
    /// connector: "Museum of the U.S. Air Force" is one name, "Tanya Chan of the Civic
    /// Party" two.
    fn joins_after_heads(&self, items: &[Item]) -> bool {
        // Only the first connector matters: after "Commission for the Protection of the
        // Danube River" the name has shown it is an organization's.
        let Some(k) = (1..items.len()).find(|&k| {
            items[k].what == What::Joiner
                && matches!(self.item_text(&items[k]), "of" | "for" | "the")
        }) else {
            return true;
        };
        let prev = &items[k - 1];
        prev.what == What::Lex(Meaning::Title) || self.info_of(prev).head().is_some()
    }

    /// Where a run holds two names joined by "and" ("Civic Party and the Democratic
    /// Party"): at an "and" after a complete name, one that ends in a head word or is a
    /// lexicon name. "National Air and Space Museum" stays one.
    fn and_split(&self, items: &[Item]) -> Option<usize> {
        (1..items.len()).find(|&k| {
            items[k].what == What::Joiner
                && matches!(self.item_text(&items[k]), "and" | "&")
                && k + 1 < items.len()
                && (self.info_of(&items[k - 1]).head().is_some()
                    || matches!(items[k - 1].what, What::Lex(Meaning::Name(_)))
                    || is_acronym(self.item_text(&items[k - 1]))
                    || matches!(items[k + 1].what, What::Lex(_))
                    || self.info_of(&items[k + 1]).given())
        })
    }

    /// A lone unknown word capitalized by its position is a name only when it acts like
    /// one: "Fechet said", "Nebenzia also stressed", "Szijarto, speaking".
    fn lone_word_acts_as_name(&self, it: &Item) -> bool {
        let i = it.first as usize;
        if !(self.positional(i) || self.in_headline(i)) {
            return true;
        }
        let w = self.item_text(it);
        if self.info_of(it).given() || it.end < self.doc.tokens[i].end() {
            return true;
        }
        let next = it.last as usize + 1;
        if w.ends_with("ly") && w.len() > 4 {
            return false;
        }
        if self.is_dateline(std::slice::from_ref(it)) {
            return true;
        }
        self.same_sentence(i, next) && is_follower(self.word(next)) || {
            self.same_sentence(i, next) && is_speech_verb(self.word(next))
        }
    }

    /// Cuts a run into names at each "and" between two names, and records them.
    ///
    /// N.B. A loop over the "and"s, not recursion, so a run of a million names joined by
    /// "and" neither grows the stack nor is scanned twice.
    fn segment(&mut self, mut items: &[Item]) {
        if self.after_work_noun(items) {
            return;
        }
        while let Some(k) = self.and_split(items) {
            self.segment_part(&items[..k]);
            items = &items[k + 1..];
        }
        self.segment_part(items);
    }

    /// The run is the title of a work: "the book Blown for Good", "a film Titanic".
    ///
    /// N.B. Only after a determiner and the noun: many of these nouns are verbs too
    /// ("polls show Biden leading", "Arsenal play Chelsea").
    fn after_work_noun(&self, items: &[Item]) -> bool {
        let Some(i) = items.first().map(|it| it.first as usize) else { return false };
        i > 1
            && self.same_sentence(i - 2, i)
            && self.doc.tokens[i - 1].is_word()
            && is_work_noun(self.word(i - 1))
            && matches!(self.word(i - 2), "the" | "a" | "an" | "his" | "her" | "their" | "its")
    }

    /// Records the names of a run that holds no "and" between two names.
    fn segment_part(&mut self, items: &[Item]) {
        let items = self.trim_edges(items);
        if items.is_empty() {
            return;
        }
        if let [only] = items {
            // "Western diplomats", "Arab states": an adjective alone names no actor.
            if only.what == What::Word && self.info_of(only).adjective() {
                return;
            }
            if only.what == What::Word && !self.lone_word_acts_as_name(only) {
                self.pending.push(*only);
                return;
            }
        }
        let titled_before = self.title_before(items[0].first as usize);
        if items.len() > 1 && self.head_kind(items).is_some() && self.joins_after_heads(items) {
            self.emit(items, titled_before);
            return;
        }
        let title = items.iter().rposition(|it| it.what == What::Lex(Meaning::Title));
        // "Stephen King", "Martin Luther King Jr.", "Elizabeth Bishop": a title word last
        // in a name that starts with a given name is its surname.
        if let Some(t) = title.filter(|&t| {
            t > 0
                && self.info_of(&items[0]).given()
                && items[t + 1..].iter().all(|it| is_name_suffix(self.item_text(it)))
        }) {
            self.title_surnames.insert(self.item_text(&items[t]));
            self.emit(items, titled_before);
            return;
        }
        if let [only] = items
            && title.is_some()
            && self.title_surnames.contains(self.item_text(only))
        {
            self.emit(items, false);
            return;
        }
        if let Some(t) = title {
            self.around_title(items, t);
            return;
        }
        self.plain(items, titled_before);
    }

    /// `items` without the leading words that never start a name ("The", "However") and
    /// the joiners at either edge.
    fn trim_edges<'i>(&self, items: &'i [Item]) -> &'i [Item] {
        let mut a = 0;
        while a < items.len() {
            let it = &items[a];
            let drop = match it.what {
                What::Joiner => true,
                What::Word => {
                    let w = self.item_text(it);
                    let info = self.info_of(it);
                    // "Jan Hatzius": a given name keeps its place before the surname;
                    // "Pro-Beijing DAB": a stance or time prefix is no part of the name.
                    w == "The"
                        || info.never() && !(info.given() && a + 1 < items.len())
                        || a + 1 < items.len() && has_stance_prefix(w)
                }
                What::Lex(_) => false,
            };
            if !drop {
                break;
            }
            a += 1;
        }
        let mut b = items.len();
        while b > a && items[b - 1].what == What::Joiner {
            b -= 1;
        }
        &items[a.min(b)..b]
    }

    /// A run with a title at `t` ("Russian President Vladimir Putin", "Minister of
    /// Education Stefania Giannini", "the Mayor of London"): the known names before the
    /// title, then the name after it and its portfolio, if any.
    fn around_title(&mut self, items: &[Item], t: usize) {
        for it in &items[..t] {
            if matches!(it.what, What::Lex(Meaning::Name(_) | Meaning::Demonym(_))) {
                self.emit(std::slice::from_ref(it), false);
            }
        }
        let mut rest = &items[t + 1..];
        while rest.first().is_some_and(|it| it.what == What::Joiner && self.item_text(it) == ".") {
            rest = &rest[1..];
        }
        while rest
            .first()
            .is_some_and(|it| it.what == What::Joiner && matches!(self.item_text(it), "of" | "for"))
        {
            // "Minister of Education Stefania Giannini": the portfolio runs to the first
            // given name, or leaves the last two words for the name.
            let words: Vec<usize> =
                (0..rest.len()).filter(|&k| rest[k].what != What::Joiner).collect();
            let start = words
                .iter()
                .copied()
                .find(|&k| self.info_of(&rest[k]).given())
                .or_else(|| (words.len() >= 3).then(|| words[words.len() - 2]));
            let Some(start) = start else {
                // "the King of Spain", "the Mayor of London": no name follows, but the
                // known place or body of the title is an actor.
                for it in rest {
                    if matches!(it.what, What::Lex(Meaning::Name(_))) {
                        self.emit(std::slice::from_ref(it), false);
                    }
                }
                rest = &[];
                break;
            };
            for it in &rest[..start] {
                if matches!(it.what, What::Lex(Meaning::Name(_))) {
                    self.emit(std::slice::from_ref(it), false);
                }
            }
            rest = &rest[start..];
        }
        if !rest.is_empty() {
            self.plain(rest, true);
        }
    }

    /// A run without titles: split at connectors that do not follow an organization or
    /// place word, then split a leading demonym off.
    fn plain(&mut self, items: &[Item], titled: bool) {
        let mut from = 0;
        let mut k = 0;
        while k < items.len() {
            let it = &items[k];
            if it.what == What::Joiner {
                let w = self.item_text(it);
                let glue = w == "." || is_particle(w);
                let single_letters = w == "&"
                    && k > 0
                    && k + 1 < items.len()
                    && self.item_text(&items[k - 1]).chars().count() == 1
                    && self.item_text(&items[k + 1]).chars().count() == 1;
                let after_head = if matches!(w, "and" | "&") {
                    // "Union of Rationalist Atheists and Agnostics"
                    from == 0 && self.head_kind(&items[..k]).is_some()
                } else {
                    k > 0
                        && (self.info_of(&items[k - 1]).head().is_some()
                            || items[k - 1].what == What::Lex(Meaning::Title))
                };
                if !(glue || single_letters || after_head) {
                    // Skip further joiners ("of the") and split here; "Officials of the
                    // WHO": a common noun before the connector names no actor alone.
                    let part = &items[from..k];
                    let common = matches!(part, [only] if only.what == What::Word
                        && self.info_of(only).adjective());
                    if !common {
                        self.lead(part, titled && from == 0);
                    }
                    while k < items.len() && items[k].what == What::Joiner {
                        k += 1;
                    }
                    from = k;
                    continue;
                }
            }
            k += 1;
        }
        if from < items.len() {
            self.lead(&items[from..], titled && from == 0);
        }
    }

    /// N.B. A loop, not recursion: a run of a million known names ("Iran Iraq Iran ...")
    /// must not grow the stack.
    fn lead(&mut self, mut items: &[Item], titled: bool) {
        while items.len() > 1 {
            if let What::Lex(Meaning::Demonym(_)) = items[0].what {
                self.emit(&items[..1], false);
                items = &items[1..];
                continue;
            }
            // "NASA Bill Ingalls", "Russia Iran": a known name followed by another name.
            let second = self.item_text(&items[1]);
            let next_is_name =
                matches!(items[1].what, What::Lex(Meaning::Name(_) | Meaning::Demonym(_)))
                    || (items[1].what == What::Word
                        && (self.info_of(&items[1]).given() || is_acronym(second)));
            if matches!(items[0].what, What::Lex(Meaning::Name(_))) && next_is_name {
                self.emit(&items[..1], false);
                items = &items[1..];
                continue;
            }
            break;
        }
        if !items.is_empty() {
            self.emit(items, titled);
        }
    }

    /// Keeps the pending lone words that are names elsewhere ("Gewessler left." when the
    /// article also has "Leonore Gewessler"), and sorts the mentions.
    fn finish(mut self) -> Vec<NameMention> {
        if !self.pending.is_empty() {
            let doc = self.doc;
            let pending: HashSet<&str> = self.pending.iter().map(|it| self.item_text(it)).collect();
            // N.B. A filter on first byte and length spares hashing most names.
            let mut filter = [0u64; 256];
            for w in &pending {
                let b = w.as_bytes().first().copied().unwrap_or(0);
                filter[usize::from(b)] |= 1u64 << w.len().min(63);
            }
            let mut named: HashSet<&str> = HashSet::new();
            for m in &self.out {
                for w in [m.first_word(doc), m.last_word(doc)] {
                    let w = strip_possessive(w);
                    let b = w.as_bytes().first().copied().unwrap_or(0);
                    if filter[usize::from(b)] & (1u64 << w.len().min(63)) != 0
                        && pending.contains(w)
                    {
                        named.insert(w);
                    }
                }
            }
            // Or capitalized where the position does not explain it.
            for &c in &self.capitals {
                let i = c as usize;
                let w = strip_possessive(self.cap_word(c));
                let b = w.as_bytes().first().copied().unwrap_or(0);
                if filter[usize::from(b)] & (1u64 << w.len().min(63)) != 0
                    && self.is_cap(i)
                    && pending.contains(w)
                    && !self.positional(i)
                    && !self.cap_in_headline(c)
                {
                    named.insert(w);
                }
            }
            let pending = std::mem::take(&mut self.pending);
            let sorted = self.out.len();
            for it in pending.iter().filter(|it| named.contains(&doc.text[it.start..it.end])) {
                self.emit(std::slice::from_ref(it), false);
            }
            merge_tail(&mut self.out, sorted);
        }
        self.out
    }

    /// A title (any case) ends right before token `i`: "spokesman Dmitry Peskov".
    /// A dateline ("SOCHI, Russia (AP) —", "TRURO — Floods …"): a name in capitals that
    /// opens its paragraph and is followed by a comma or a dash is where the story was
    /// filed, whether or not the lexicon knows the town.
    fn is_dateline(&self, items: &[Item]) -> bool {
        let (Some(first), Some(last)) = (items.first(), items.last()) else { return false };
        let (i, next) = (first.first as usize, last.last as usize + 1);
        let toks = &self.doc.tokens;
        let opens = i == 0 || self.doc.text[toks[i - 1].end()..toks[i].start()].contains('\n');
        opens
            && items.iter().all(|it| is_acronym(self.item_text(it)))
            && toks.get(next).is_some_and(|_| matches!(self.word(next), "," | "—" | "–" | "-"))
    }

    fn title_before(&self, i: usize) -> bool {
        let toks = &self.doc.tokens;
        let Some(p) = i.checked_sub(1) else { return false };
        let prev_end = toks[p].end();
        // Only after a word that ends some title can one end here: one lookup spares most
        // names the automaton ("Mr." ends in its period).
        let end_word = if self.word(p) == "." { p.checked_sub(1) } else { Some(p) };
        let after_title_word = end_word.is_some_and(|k| {
            toks[k].kind() == TokenKind::Word && self.lex.word_info(self.word(k)).title_end()
        });
        if !after_title_word {
            return false;
        }
        (i.saturating_sub(3)..i).any(|k| {
            toks[k].kind() == TokenKind::Word
                && self
                    .lex
                    .match_at(self.doc.text, toks[k].start())
                    .is_some_and(|f| f.meaning == Meaning::Title && f.end == prev_end)
        })
    }

    /// Records the name `items` make as a mention, with the votes and clues that type
    /// it, unless it names no actor.
    fn emit(&mut self, items: &[Item], titled: bool) {
        let (Some(first), Some(last)) = (items.first(), items.last()) else { return };
        let span = Span::new(first.start, last.end);
        let name = &self.doc.text[span.range()];
        let mut entity = None;
        let mut demonym = false;
        if items.len() == 1 {
            match first.what {
                What::Lex(Meaning::Name(id)) => entity = Some(id),
                What::Lex(Meaning::Demonym(id)) => {
                    entity = Some(id);
                    demonym = true;
                }
                What::Lex(Meaning::Title) if !self.title_surnames.contains(name) => return,
                _ => {}
            }
        }
        match self.names_no_actor(items, name) {
            NoActor::Shouted => return,
            NoActor::Event => {
                // "the Cannes Film Festival", "the Boston Marathon": the event is no actor,
                // but the known place or body it is named after is one.
                if let What::Lex(Meaning::Name(_)) = first.what {
                    self.emit(&items[..1], false);
                }
                return;
            }
            NoActor::No => {}
        }
        // A country that does something ("Russia said", "North Korea fired") is still a
        // place, as whosaid's conventions have it; the clue is kept for the kind model.
        let toks = &self.doc.tokens;
        let (fi, li) = (first.first as usize, last.last as usize);
        let next_word = (li + 1 < toks.len() && self.same_sentence(li, li + 1))
            .then(|| self.word(li + 1))
            .filter(|_| last.end == toks[li].end());
        let acting_country = entity.is_some_and(|id| self.lex.entity(id).country)
            && !demonym
            && next_word.is_some_and(is_action_word);
        let mut t = Tally::default();
        let named = Named { items, name, entity, titled, acting_country };
        self.name_clues(&named, demonym, &mut t);
        self.clues_before(&named, fi, &mut t);
        self.clues_after(&named, li, &mut t);
        // With no other clue a full name is a person's, a lone word an organization's
        // (a lone surname joins its person's full name when merged). A lexicon name has
        // its clue already.
        if items.len() > 1 || titled {
            t.add(Kind::Person, weight::DEFAULT, clue::DEFAULT_PERSON);
        } else if entity.is_none() {
            t.add(Kind::Organization, weight::DEFAULT, clue::DEFAULT_ORGANIZATION);
        }
        let votes = t.votes;
        let best = (0..3).max_by_key(|&k| (votes[k], std::cmp::Reverse(k))).unwrap_or(0);
        let kind = (votes[best] > 0).then_some(Kind::ALL[best]);
        self.out.push(
            MentionParts {
                span,
                kind,
                votes,
                entity,
                demonym,
                first_token: first.first,
                last_token: last.last,
                same_as_previous: false,
                clues: t.clues,
            }
            .into(),
        );
        self.link_native_script(li);
    }

    /// Why the name names no actor (interface text; an event, award or work), if so.
    fn names_no_actor(&self, items: &[Item], name: &str) -> NoActor {
        if items.len() < 2 {
            return NoActor::No;
        }
        // "SIGN UP FOR OUR NEWSLETTER": a run in capitals holding a word that never
        // names anything ("OUR", "YOUR", "THIS") is interface text or a shouted line.
        let shouted = !name.chars().any(char::is_lowercase)
            && items.iter().any(|it| {
                let w = self.item_text(it);
                !matches!(w, "OF" | "THE" | "AND" | "FOR" | "DE" | "LA")
                    && self.never_in_title_case(w)
            });
        // "the World Cup", "the Cannes Film Festival": events, awards and works are no
        // actors, whatever their first words name.
        let event = items
            .iter()
            .rev()
            .find(|it| it.what != What::Joiner)
            .is_some_and(|it| it.first == it.last && self.info_of(it).event());
        if shouted {
            NoActor::Shouted
        } else if event {
            NoActor::Event
        } else {
            NoActor::No
        }
    }

    /// The clues of the name itself: the lexicon, its head word, a title before it, a
    /// known name inside it, a given name, an acronym, a dateline.
    fn name_clues(&self, n: &Named, demonym: bool, t: &mut Tally) {
        let (items, name, entity, titled) = (n.items, n.name, n.entity, n.titled);
        let (first, last) = (&items[0], &items[items.len() - 1]);
        if let Some(id) = entity {
            let kind = self.lex.entity(id).kind;
            t.add(
                kind,
                weight::LEXICON,
                [clue::LEX_PERSON, clue::LEX_ORGANIZATION, clue::LEX_PLACE][kind as usize],
            );
            if n.acting_country {
                t.clues |= clue::ACTING_COUNTRY;
            }
        }
        if demonym {
            t.clues |= clue::DEMONYM;
        }
        if let Some(k) = self.head_kind(items) {
            let c = if k == Kind::Place { clue::HEAD_PLACE } else { clue::HEAD_ORGANIZATION };
            t.add(k, weight::HEAD, c);
        }
        if titled {
            t.add(Kind::Person, weight::TITLED, clue::TITLED);
        }
        if items.len() > 1 {
            // "East Los Angeles", "Greater Tokyo": a name ending in a known one is its kind.
            if let What::Lex(Meaning::Name(id)) = last.what {
                t.add(self.lex.entity(id).kind, weight::ENDS_IN_KNOWN, clue::ENDS_IN_KNOWN);
            } else if let What::Lex(Meaning::Name(id)) = first.what {
                // "Texas A&M", "Boston Dynamics": a known place then words that are not a
                // compass point names a body of that place, not a person.
                let compass = is_compass_word(self.item_text(last));
                if self.lex.entity(id).kind == Kind::Place && !compass && !titled {
                    t.add(Kind::Organization, weight::PLACE_THEN_WORDS, clue::PLACE_THEN_WORDS);
                }
            }
        }
        let given = self.info_of(first).given();
        let acronym = items.len() == 1 && is_acronym(name);
        if given {
            t.clues |= clue::GIVEN;
        }
        if acronym {
            t.clues |= clue::ACRONYM;
        }
        if entity.is_none() {
            if given {
                let w = if items.len() > 1 { weight::GIVEN_FULL } else { weight::GIVEN_LONE };
                t.add(Kind::Person, w, 0);
            }
            if acronym {
                t.add(Kind::Organization, weight::ACRONYM, 0);
            }
            if items.iter().any(|it| {
                self.item_text(it)
                    .split_once('-')
                    .is_some_and(|(_, r)| first_char(r).is_lowercase())
            }) {
                t.add(Kind::Person, weight::HYPHEN_LOWER, clue::HYPHEN_LOWER);
            }
        }
        if entity.is_none() && self.is_dateline(items) {
            t.add(Kind::Place, weight::DATELINE, clue::DATELINE);
        }
    }

    /// The clues of the word before the name: "the", a preposition, a common noun,
    /// "of" after a place noun or a person.
    fn clues_before(&self, n: &Named, fi: usize, t: &mut Tally) {
        let toks = &self.doc.tokens;
        if fi == 0 || toks[fi - 1].kind() != TokenKind::Word {
            return;
        }
        let (entity, titled) = (n.entity, n.titled);
        let p = self.word(fi - 1);
        if matches!(p, "the" | "The") && entity.is_none() && !titled {
            // People are not "the Sea Org"; organizations and places are.
            t.add(Kind::Organization, weight::AFTER_THE, clue::AFTER_THE);
        } else if is_place_preposition(p) {
            t.add(Kind::Place, weight::PLACE_PREPOSITION, clue::PLACE_PREPOSITION);
        } else if is_motion_preposition(p) {
            t.add(Kind::Place, weight::MOTION_PREPOSITION, clue::MOTION_PREPOSITION);
        } else if entity.is_none() && !titled {
            if is_organization_noun(p) {
                t.add(Kind::Organization, weight::NOUN_BEFORE, clue::ORGANIZATION_NOUN_BEFORE);
            } else if is_place_noun(p) {
                t.add(Kind::Place, weight::NOUN_BEFORE, clue::PLACE_NOUN_BEFORE);
            } else if p == "of" && fi >= 2 {
                // "the town of Mohacs", "Residents of X" (capitalized by its place).
                let mut buf = [0u8; 48];
                let of_place = toks[fi - 2].is_word()
                    && lower_ascii(self.word(fi - 2), &mut buf)
                        .is_some_and(|w| is_place_noun(w) || is_of_place(w));
                // "Raymond Chan of People Power", "Alvin Yeung of Civic Party": after a
                // person's name, "of" gives the body the person belongs to.
                let after_person = self.out.last().is_some_and(|m| {
                    m.span().end == toks[fi - 2].end() && m.kind() == Some(Kind::Person)
                });
                if of_place {
                    t.add(Kind::Place, weight::OF_PLACE, clue::OF_PLACE);
                } else if after_person {
                    t.add(Kind::Organization, weight::OF_AFTER_PERSON, clue::OF_AFTER_PERSON);
                }
            }
        }
    }

    /// The clues of the words after the name: a speech verb, "administration", a common
    /// noun, an age between commas, an apposition.
    fn clues_after(&self, n: &Named, li: usize, t: &mut Tally) {
        let toks = &self.doc.tokens;
        if li + 1 >= toks.len() {
            return;
        }
        let (items, name, entity) = (n.items, n.name, n.entity);
        let last = &items[items.len() - 1];
        let next = self.word(li + 1);
        let speaks = is_speech_verb(next)
            || (next == "," && toks.get(li + 2).is_some_and(|_| self.word(li + 2) == "who"));
        if speaks && !n.acting_country {
            let k = if is_acronym(name) || self.head_kind(items) == Some(Kind::Organization) {
                Kind::Organization
            } else {
                Kind::Person
            };
            t.add(k, weight::SPEAKS, clue::SPEAKS);
        }
        if entity.is_some() {
            return;
        }
        let whole_token = last.end == toks[li].end();
        if items.len() == 1
            && whole_token
            && matches!(
                next,
                "administration" | "government" | "cabinet" | "presidency" | "premiership"
            )
        {
            // "the Obama administration", "the Monti government": a leader's surname.
            t.add(Kind::Person, weight::LEADER_OF_GOVERNMENT, clue::LEADER_OF_GOVERNMENT);
        }
        if whole_token && toks[li + 1].is_word() {
            // "the Emilia-Romagna region", "the Wagner group": the common noun after
            // the name says what it names.
            if is_place_noun(next) {
                t.add(Kind::Place, weight::NOUN_AFTER, clue::PLACE_NOUN_AFTER);
            } else if is_organization_noun(next) {
                t.add(Kind::Organization, weight::NOUN_AFTER, clue::ORGANIZATION_NOUN_AFTER);
            }
        }
        if next == ","
            && li + 3 < toks.len()
            && self.same_sentence(li, li + 3)
            && self.word(li + 3) == ","
            && self.word(li + 2).len() <= 3
            && self.word(li + 2).bytes().all(|b| b.is_ascii_digit())
        {
            // "Kowalczyk, 54, lost her job": only a person is given an age.
            t.add(Kind::Person, weight::AGE, clue::AGE);
        }
        if next == ","
            && let Some(k) = self.apposition_kind(li + 2)
        {
            let c =
                [clue::APPOSITION_PERSON, clue::APPOSITION_ORGANIZATION, clue::APPOSITION_PLACE];
            t.add(k, weight::APPOSITION, c[k as usize]);
        }
    }

    /// The kind an apposition starting at token `t` gives the name before its comma:
    /// "Instituto Gonzaga, a Catholic school in Milan" (organization), "Mohacs, a river
    /// town" (place), "Jonas Weber, a director at consumer group BEUC" (person: the head
    /// is a role, and what follows the preposition is another noun phrase). Its head is
    /// one of its first few words, before any preposition.
    fn apposition_kind(&self, t: usize) -> Option<Kind> {
        let toks = &self.doc.tokens;
        if !toks.get(t).is_some_and(|_| matches!(self.word(t), "a" | "an" | "the")) {
            return None;
        }
        for (k, tok) in toks.iter().enumerate().take(t + 5).skip(t + 1) {
            if !tok.is_word() || !self.doc.same_sentence(t, k) {
                return None;
            }
            let w = &self.doc.text[tok.start()..tok.end()];
            if is_organization_noun(w) {
                return Some(Kind::Organization);
            }
            if is_place_noun(w) {
                return Some(Kind::Place);
            }
            if self.lex.word_info(w).title_end() {
                return Some(Kind::Person);
            }
            if matches!(w, "at" | "of" | "for" | "in" | "on" | "with" | "from" | "by" | "to") {
                return None;
            }
        }
        None
    }

    /// A name in Chinese, Japanese or Korean script in brackets right after a romanized
    /// one is the same actor's: news gives it once, at first mention.
    fn link_native_script(&mut self, li: usize) {
        let toks = &self.doc.tokens;
        if li + 3 >= toks.len() || self.word(li + 1) != "(" {
            return;
        }
        // Up to three words ("김 정은"), all in those scripts, then the closing bracket.
        let mut k = li + 2;
        while k < toks.len() && k < li + 5 && toks[k].kind() == TokenKind::Word {
            if !self.word(k).chars().all(is_cjk) {
                return;
            }
            k += 1;
        }
        if k == li + 2 || k >= toks.len() || self.word(k) != ")" {
            return;
        }
        self.out.push(
            MentionParts {
                span: Span::new(toks[li + 2].start(), toks[k - 1].end()),
                kind: None,
                votes: [0; 3],
                entity: None,
                demonym: false,
                first_token: (li + 2) as u32,
                last_token: (k - 1) as u32,
                same_as_previous: true,
                clues: 0,
            }
            .into(),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<(&str, Option<Kind>)> {
        let doc = Document::new(text);
        find(&doc, Lexicon::builtin()).iter().map(|m| (&text[m.span().range()], m.kind())).collect()
    }

    fn spans(text: &str) -> Vec<&str> {
        names(text).into_iter().map(|(s, _)| s).collect()
    }

    use Kind::{Organization as O, Person as P, Place as L};

    #[test]
    fn a_packed_mention_gives_back_what_it_was_made_of() {
        for (kind, entity, demonym, same) in [
            (None, None, false, false),
            (Some(Kind::Person), Some(0), true, false),
            (Some(Kind::Organization), Some(7), false, true),
            (Some(Kind::Place), Some(EntityId::MAX - 1), true, true),
        ] {
            let m = NameMention::from(MentionParts {
                span: Span::new(3, 9),
                kind,
                votes: [1, 2, 3],
                entity,
                demonym,
                first_token: 4,
                last_token: 5,
                same_as_previous: same,
                clues: clue::GIVEN,
            });
            assert_eq!(
                (m.span(), m.kind(), m.entity(), m.demonym(), m.same_as_previous()),
                (Span::new(3, 9), kind, entity, demonym, same)
            );
            assert_eq!(
                (m.votes, m.first_token, m.last_token, m.clues),
                ([1, 2, 3], 4, 5, clue::GIVEN)
            );
        }
    }

    #[test]
    fn the_late_run_merges_into_the_sorted_one_as_a_stable_sort_would() {
        let at = |start: usize, tag: u16| {
            NameMention::from(MentionParts {
                span: Span::new(start, start + 1),
                kind: None,
                votes: [tag, 0, 0],
                entity: None,
                demonym: false,
                first_token: 0,
                last_token: 0,
                same_as_previous: false,
                clues: 0,
            })
        };
        let order = |out: &[NameMention]| -> Vec<(usize, u16)> {
            out.iter().map(|m| (m.span().start, m.votes[0])).collect()
        };
        // Before, between, equal to (after the sorted run's, as stable) and after.
        let mut out = vec![at(3, 0), at(10, 0), at(20, 0), at(1, 1), at(10, 1), at(30, 1)];
        let mut expected = out.clone();
        expected.sort_by_key(|m| m.span().start);
        merge_tail(&mut out, 3);
        assert_eq!(order(&out), order(&expected));
        assert_eq!(order(&out), [(1, 1), (3, 0), (10, 0), (10, 1), (20, 0), (30, 1)]);
        // A late run that is not sorted is sorted with the rest.
        let mut out = vec![at(3, 0), at(9, 1), at(2, 1)];
        merge_tail(&mut out, 1);
        assert_eq!(order(&out), [(2, 1), (3, 0), (9, 1)]);
    }

    #[test]
    fn title_splits_off_the_person_after_it() {
        assert_eq!(
            names("It called Iranian President Masoud Pezeshkian on Monday."),
            [("Iranian", Some(L)), ("Masoud Pezeshkian", Some(P))]
        );
        assert_eq!(spans("Then US President Donald Trump spoke."), ["US", "Donald Trump"]);
        assert_eq!(names("the spokesman Dmitry Peskov said"), [("Dmitry Peskov", Some(P))]);
    }

    #[test]
    fn connectors_join_organizations_and_split_people() {
        assert_eq!(names("the Bank of England met"), [("Bank of England", Some(O))]);
        assert_eq!(spans("with Frederick Fung of ADPL today"), ["Frederick Fung", "ADPL"]);
        assert_eq!(spans("the Museum of Flight in Seattle"), ["Museum of Flight", "Seattle"]);
        assert_eq!(spans("met Ursula von der Leyen there"), ["Ursula von der Leyen"]);
    }

    #[test]
    fn possessive_ends_a_name_without_its_s() {
        assert_eq!(spans("affirming Moscow's readiness"), ["Moscow"]);
        assert_eq!(spans("in Mecca's Grand Mosque"), ["Mecca", "Grand Mosque"]);
        assert_eq!(spans("the New People's Party won"), ["New People's Party"]);
    }

    #[test]
    fn hyphens_apostrophes_initials_and_acronyms() {
        assert_eq!(spans("leader Kim Jong-un and O'Brien met"), ["Kim Jong-un", "O'Brien"]);
        assert_eq!(spans("author J. K. Rowling wrote"), ["J. K. Rowling"]);
        assert_eq!(names("the KCNA said"), [("KCNA", Some(O))]);
        assert_eq!(names("NATO bases in the U.S. grew"), [("NATO", Some(O)), ("U.S.", Some(L))]);
    }

    #[test]
    fn words_capitalized_by_position_are_not_names() {
        assert_eq!(
            spans("However, the talks ended. Later that day it rained. later"),
            Vec::<&str>::new()
        );
        assert_eq!(spans("According to Reuters, rain fell."), ["Reuters"]);
        assert_eq!(spans("Tags:\neurope"), Vec::<&str>::new());
        assert_eq!(spans("Officials met on Monday in March."), Vec::<&str>::new());
    }

    #[test]
    fn names_at_sentence_start_and_in_headlines() {
        assert_eq!(spans("Gewessler left. Gewessler said no."), ["Gewessler", "Gewessler"]);
        assert_eq!(
            spans("Putin Calls For Talks With Iran\nThe calls for talks came as Putin spoke."),
            ["Putin", "Iran", "Putin"]
        );
    }

    #[test]
    fn kinds_from_heads_prepositions_and_speech() {
        assert_eq!(names("the Civil Defense Authority"), [("Civil Defense Authority", Some(O))]);
        assert_eq!(names("a trip to Yeoncheon"), [("Yeoncheon", Some(L))]);
        assert_eq!(names("later Montalvo said"), [("Montalvo", Some(P))]);
        assert_eq!(names("the Hong Kong Island seat"), [("Hong Kong Island", Some(L))]);
    }

    #[test]
    fn hyphenated_pairs_of_known_names_are_two_mentions() {
        assert_eq!(
            names("amid American-Israeli fears"),
            [("American", Some(L)), ("Israeli", Some(L))]
        );
        assert_eq!(spans("Kim Jong-un spoke"), ["Kim Jong-un"]);
    }

    #[test]
    fn a_newspaper_keeps_its_the() {
        assert_eq!(names("The New York Times revealed"), [("The New York Times", Some(O))]);
        assert_eq!(names("said the New York Times"), [("New York Times", Some(O))]);
    }

    #[test]
    fn a_given_name_that_is_also_a_month_starts_a_name() {
        assert_eq!(names("said economist Jan Hatzius."), [("Jan Hatzius", Some(P))]);
        assert_eq!(names("It rained on Jan 5 and on Jan. 6 in Paris."), [("Paris", Some(L))]);
    }

    #[test]
    fn the_noun_before_or_after_a_name_says_its_kind() {
        type Case<'a> = (&'a str, &'a [(&'a str, Option<Kind>)]);
        let cases: &[Case] = &[
            ("It was backed by rights group Vanta Lumo.", &[("Vanta Lumo", Some(O))]),
            ("He grew up in the town of Orvenna.", &[("Orvenna", Some(L))]),
            ("They met at Kelda Varo, a private school nearby.", &[("Kelda Varo", Some(O))]),
            (
                "We asked Jonas Welber, a director at consumer group BEUC.",
                &[("Jonas Welber", Some(P)), ("BEUC", Some(O))],
            ),
            ("The rule dates from the Brandel government.", &[("Brandel", Some(P))]),
            ("Rain hit the Varnesse-Lomo region.", &[("Varnesse-Lomo", Some(L))]),
            ("They joined the Orvald group.", &[("Orvald", Some(O))]),
            ("Voters agreed. Kowalczyk, 54, lost her job.", &[("Kowalczyk", Some(P))]),
            (
                "Officials of the Orvald Agency said so. Residents of Kellerby fled.",
                &[("Orvald Agency", Some(O)), ("Kellerby", Some(L))],
            ),
            (
                "Votes went to Sam Kettering of Civic Lumen.",
                &[("Sam Kettering", Some(P)), ("Civic Lumen", Some(O))],
            ),
        ];
        for (text, want) in cases {
            assert_eq!(names(text), *want, "{text}");
        }
    }

    #[test]
    fn titles_of_works_letter_compounds_and_list_items_are_no_actors() {
        // The article never writes "leaving" or "unless" in lower case: only the shape tells.
        let text = "Kade Orlo holds the book Blown for Good and the X-ray. The sins: a) Leaving \
                    the group. b) Refusing to pay, UNLESS of course he returned.";
        assert_eq!(spans(text), ["Kade Orlo"]);
    }

    #[test]
    fn a_stance_prefix_is_no_part_of_the_name() {
        assert_eq!(
            spans("Votes went to the Pro-Beijing DAB and Ex-Soviet Georgia."),
            ["DAB", "Georgia"]
        );
    }

    #[test]
    fn a_saints_possessive_before_a_head_stays_in_the_name() {
        let text = "Nurses at St Mary's Hospital and St. John's College met. St Paul's view won.";
        assert_eq!(spans(text), ["St Mary's Hospital", "St. John's College", "St Paul"]);
    }

    #[test]
    fn a_known_place_then_other_words_is_a_body_not_a_person() {
        let text = "Engineers at Boston Dynamics met Paris Hilton in Kowloon West.";
        assert_eq!(
            names(text),
            [("Boston Dynamics", Some(O)), ("Paris Hilton", Some(P)), ("Kowloon West", Some(L))]
        );
    }

    #[test]
    fn a_work_noun_that_is_a_verb_drops_no_name() {
        assert_eq!(
            spans("New polls show Kade Orlo leading as fans play Vantor today."),
            ["Kade Orlo", "Vantor"]
        );
    }

    #[test]
    fn group_nouns_opening_a_sentence_are_no_actors() {
        let text = "Officials said the dam held. Witnesses told reporters it shook. \
                    Police said two died. Police Scotland said one did.";
        assert_eq!(spans(text), ["Police Scotland"]);
    }

    #[test]
    fn a_name_before_a_compound_tail_ends_at_the_hyphen() {
        let text = "Witnesses said Russia-backed fighters and a Kremlin-controlled channel \
                    met Toronto-based staff of Google-owned YouTube.";
        assert_eq!(
            names(text),
            [
                ("Russia", Some(Kind::Place)),
                ("Kremlin", Some(Kind::Organization)),
                ("Toronto", Some(Kind::Place)),
                ("Google", Some(Kind::Organization)),
                ("YouTube", Some(Kind::Organization)),
            ]
        );
        // Romanized given names keep their hyphen.
        assert_eq!(
            spans("The leaders Kim Jong-un and Moon Jae-in met."),
            ["Kim Jong-un", "Moon Jae-in"]
        );
    }

    #[test]
    fn datelines_in_capitals_are_places() {
        assert_eq!(names("VIENNA, July 17 — rain"), [("VIENNA", Some(L))]);
        // Towns the lexicon does not know, at a paragraph's start only.
        assert_eq!(
            names("Rain.\n\nKOSTROMA, Russia — rain"),
            [("KOSTROMA", Some(L)), ("Russia", Some(L))]
        );
        assert_eq!(names("Rain.\n\nTRURO — Floods shut the road on Monday."), [("TRURO", Some(L))]);
        assert_eq!(names("Rain.\n\nThe report by ACME, a firm"), [("ACME", Some(O))]);
    }
}
