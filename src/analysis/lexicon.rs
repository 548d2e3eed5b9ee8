//! What the analyser knows about names: compiled in from assets/lexicon, prepared at
//! build time.
//!
//! The lists are plain TSV and text files a user can read (assets/README.md says where
//! each comes from). The build script (build.rs, with [`super::lexicon_data`]) parses
//! them into static tables: every phrase the analyser looks for in running text
//! (country, city, organization, demonym, title) in one byte trie, and the single words
//! that are only ever checked against a token already found (head words, given names,
//! words that are never actors) in a hash table keyed by the word as written, which a
//! `&str` slice of the text looks up without allocating. Nothing is built when the
//! program starts: a short article costs what its analysis costs.
//!
//! A user lexicon is a second, small layer of the same shapes over the built-in tables
//! (its own trie, words and names), not a rebuild of them.

use super::Kind;
use super::lexicon_data::{self as data, Trie, TrieData};
use foldhash::{HashMap, HashSet};
use std::borrow::Cow;

/// Index of an entity in [`Lexicon::entity`].
pub type EntityId = u32;

/// A named thing the lexicon knows: every phrase that names it leads to one entity, which
/// is how "US", "U.S." and "United States" become one actor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// The usual full name ("United States"): the built-in ones live in the binary.
    pub name: Cow<'static, str>,
    pub kind: Kind,
    /// A country: a place that also acts as an organization when it does something
    /// ("Russia said", "China warned"), as news annotation types it.
    pub country: bool,
}

/// What a phrase found in the text means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Meaning {
    /// A name of an entity.
    Name(EntityId),
    /// A demonym or adjective of a place ("Iranian"): a mention of it, shown as such.
    Demonym(EntityId),
    /// A person's title or role ("President", "spokesman"): the name after it is a person.
    Title,
}

// The tables build.rs made: ENTITIES, PATTERNS (+ _SLOTS), WORDS (+ _SLOTS), UPPER
// (+ _SLOTS), NEVER_PATTERNS, the trie (TRIE_*) and STARTS.
include!(concat!(env!("OUT_DIR"), "/lexicon_tables.rs"));

/// The built-in trie of phrases.
const BUILTIN_TRIE: Trie<'static> =
    Trie { first: &TRIE_FIRST, bytes: &TRIE_BYTES, child: &TRIE_CHILD, phrase: &TRIE_PHRASE };

/// The names, kinds, titles and words the analyser knows: the built-in tables, and a
/// user's lexicon layered on them.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    user: Option<Box<UserLayer>>,
}

/// What a user lexicon adds to the built-in one, and what it takes away.
///
/// N.B. Layering must mean what rebuilding meant: the user's phrases first (a phrase
/// of the user's wins over a built-in one of the same words), then the built-in ones
/// that are not never-words (the user's or the built-in ones).
#[derive(Debug, Clone, Default)]
struct UserLayer {
    /// Entities from `ENTITIES.len()` on.
    entities: Vec<Entity>,
    patterns: Vec<(String, Meaning)>,
    pattern_index: HashMap<String, usize>,
    trie: TrieData,
    starts: Vec<u64>,
    /// Bits added to the built-in ones of a word.
    words: HashMap<String, WordInfo>,
    /// Names in capitals the built-in table does not have.
    upper: HashMap<String, EntityId>,
    /// Built-in phrases this lexicon does not have.
    dropped: HashSet<u32>,
}

/// What the lexicon knows about one word, found with one lookup.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WordInfo(u8);

impl WordInfo {
    const NEVER: u8 = data::NEVER;
    const GIVEN: u8 = data::GIVEN;
    const ORGANIZATION: u8 = data::ORGANIZATION;
    const PLACE: u8 = data::PLACE;
    const ADJECTIVE: u8 = data::ADJECTIVE;
    const TITLE_END: u8 = data::TITLE_END;
    const STARTS_PHRASE: u8 = data::STARTS_PHRASE;
    const EVENT: u8 = data::EVENT;

    /// Never an actor nor the start of one's name ("However", "Monday").
    pub fn never(self) -> bool {
        self.0 & Self::NEVER != 0
    }

    /// A common given name.
    pub fn given(self) -> bool {
        self.0 & Self::GIVEN != 0
    }

    /// A word that names no actor alone but may begin a longer name: an adjective
    /// ("Western", "Arab") or a common noun for people ("Officials", "Police").
    pub fn adjective(self) -> bool {
        self.0 & Self::ADJECTIVE != 0
    }

    /// The last word of some title ("President", "spokesman", "Mr"): only after one can a
    /// title end, so a name asks the automaton only then.
    pub fn title_end(self) -> bool {
        self.0 & Self::TITLE_END != 0
    }

    /// Some lexicon phrase starts with this word (or with it before a possessive): only
    /// at such a word can [`Lexicon::match_at`] find one.
    ///
    /// N.B. Most capitalized words of an article start no phrase; this bit, found in the
    /// lookup the word gets anyway, spares them the trie.
    pub fn starts_phrase(self) -> bool {
        self.0 & Self::STARTS_PHRASE != 0
    }

    /// A name ending in this word names an event, an award or a work, no actor
    /// ("World Cup", "Film Festival", "Peace Prize", "Star Wars").
    pub fn event(self) -> bool {
        self.0 & Self::EVENT != 0
    }

    /// The kind a name ending in this word has ("Agency" → organization).
    pub fn head(self) -> Option<Kind> {
        if self.0 & Self::ORGANIZATION != 0 {
            Some(Kind::Organization)
        } else if self.0 & Self::PLACE != 0 {
            Some(Kind::Place)
        } else {
            None
        }
    }
}

/// A lexicon phrase found in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub meaning: Meaning,
}

/// The built-in lexicon: nothing but the static tables.
static BUILTIN: Lexicon = Lexicon { user: None };

impl Lexicon {
    /// The lexicon compiled into the binary.
    pub fn builtin() -> &'static Lexicon {
        &BUILTIN
    }

    /// The longest lexicon phrase that starts at byte `start` of `text` and ends on a word
    /// boundary, or before a possessive ("Moscow" in "Moscow's").
    ///
    /// N.B. The search is anchored: the analyser asks only at the start of capitalized
    /// words, so the lower-case bulk of an article is never scanned. Only the longest
    /// phrase there counts: when it does not end on a word boundary, no shorter one is
    /// taken instead ("U.S" in "U.S.A." is no match).
    pub fn match_at(&self, text: &str, start: usize) -> Option<Found> {
        let b = text.as_bytes();
        let (b0, b1) = (*b.get(start)?, b.get(start + 1).copied().unwrap_or(0));
        let user = self.user.as_deref();
        if !data::may_start(&STARTS, b0, b1)
            && !user.is_some_and(|u| data::may_start(&u.starts, b0, b1))
        {
            return None;
        }
        let (len, meaning) = self.longest_at(b.get(start..)?)?;
        let e = start + len;
        // A phrase ends inside a character only if the text is not what it says.
        let after = text.get(e..)?;
        let after_ok = match after.chars().next() {
            None => true,
            Some(c) if c.is_alphanumeric() => false,
            Some('\'' | '\u{2019}') => {
                // A possessive ends the phrase; any other letter after the mark does not.
                let mark = after.chars().next().map_or(1, char::len_utf8);
                let after = &after[mark..];
                !after.chars().next().is_some_and(char::is_alphanumeric)
                    || (after.starts_with('s')
                        && !after[1..].chars().next().is_some_and(char::is_alphanumeric))
            }
            // "U.S" must not match inside "U.S.A.", but "Iran." ends a sentence.
            Some('-' | '.') => !b.get(e + 1).is_some_and(u8::is_ascii_alphanumeric),
            Some(_) => true,
        };
        after_ok.then_some(Found { start, end: e, meaning })
    }

    /// The longest phrase of this lexicon that `rest` starts with: its length and meaning.
    fn longest_at(&self, rest: &[u8]) -> Option<(usize, Meaning)> {
        let user = self.user.as_deref();
        let mut best: Option<(usize, Meaning)> = None;
        BUILTIN_TRIE.prefixes(rest, |p, len| {
            if user.is_none_or(|u| !u.dropped.contains(&p)) {
                best = Some((len, PATTERNS[p as usize].1));
            }
        });
        if let Some(u) = user {
            u.trie.view().prefixes(rest, |p, len| {
                if best.is_none_or(|(l, _)| len > l) {
                    best = Some((len, u.patterns[p as usize].1));
                }
            });
        }
        best
    }

    /// Every phrase of the built-in lexicon: what a benchmark's automaton is made of, to
    /// compare the analysis with one pass over the same phrases.
    pub fn builtin_phrases() -> impl Iterator<Item = &'static str> {
        PATTERNS.iter().map(|(p, _)| *p)
    }

    pub fn entity(&self, id: EntityId) -> &Entity {
        let i = id as usize;
        match (ENTITIES.get(i), &self.user) {
            (Some(e), _) => e,
            (None, Some(u)) => &u.entities[i - ENTITIES.len()],
            (None, None) => &ENTITIES[i],
        }
    }

    /// The entity a single word names when the text writes it in capitals ("VIENNA").
    pub fn upper_case_name(&self, word: &str) -> Option<EntityId> {
        data::find_slot(&UPPER_SLOTS, word, |i| UPPER[i].0)
            .map(|i| UPPER[i].1)
            .or_else(|| self.user.as_ref()?.upper.get(word).copied())
    }

    /// The meaning of an exact phrase, if the lexicon lists it.
    pub fn meaning_of(&self, phrase: &str) -> Option<Meaning> {
        if let Some(u) = &self.user {
            if let Some(&i) = u.pattern_index.get(phrase) {
                return Some(u.patterns[i].1);
            }
        }
        let i = data::find_slot(&PATTERN_SLOTS, phrase, |i| PATTERNS[i].0)?;
        if self.user.as_ref().is_some_and(|u| u.dropped.contains(&(i as u32))) {
            return None;
        }
        Some(PATTERNS[i].1)
    }

    /// What the lexicon knows about a single word.
    pub fn word_info(&self, word: &str) -> WordInfo {
        let builtin = data::find_slot(&WORD_SLOTS, word, |i| WORDS[i].0).map_or(0, |i| WORDS[i].1);
        let user = self.user.as_ref().and_then(|u| u.words.get(word)).map_or(0, |w| w.0);
        WordInfo(builtin | user)
    }

    /// The kind a name's last word gives it: "Agency" → organization, "Island" → place.
    pub fn head_kind(&self, word: &str) -> Option<Kind> {
        self.word_info(word).head()
    }

    pub fn is_given_name(&self, word: &str) -> bool {
        self.word_info(word).given()
    }

    /// An entity from the user's lexicon (not the built-in one): its kind is the user's word.
    pub fn is_user_entity(&self, id: EntityId) -> bool {
        id as usize >= ENTITIES.len()
    }

    /// Words that are never an actor or the start of one's name ("However", "Monday").
    pub fn is_never(&self, word: &str) -> bool {
        self.word_info(word).never()
    }

    /// This lexicon with a user's TOML lexicon layered on top; the user's entries win
    /// over the built-in ones of the same name.
    ///
    /// The format (every table and key optional):
    ///
    /// ```toml
    /// # Words that are never an actor, nor the start of one's name.
    /// never = ["Breaking", "Exclusive"]
    ///
    /// [[actor]]
    /// name = "Vladimir Putin"          # the fullest name
    /// kind = "person"                  # person | organization | place
    /// aliases = ["Putin", "V. Putin"]  # other names of the same actor
    ///
    /// [[actor]]
    /// name = "Danube Commission"
    /// kind = "organization"
    /// aliases = ["DC"]
    ///
    /// [[actor]]
    /// name = "Transnistria"
    /// kind = "place"
    /// demonyms = ["Transnistrian"]
    /// ```
    ///
    /// # Errors
    /// A message naming the problem when the text is not valid TOML of this shape.
    pub fn with_user_toml(&self, toml_text: &str) -> Result<Lexicon, String> {
        let user: UserLex = toml::from_str(toml_text).map_err(|e| format!("user lexicon: {e}"))?;
        self.with_user(&user)
    }

    /// [`Lexicon::with_user_toml`] with the file parsed already: the built-in tables
    /// with `user` layered on them (the layer of this lexicon, if any, is replaced).
    ///
    /// # Errors
    /// An actor with an empty name.
    pub fn with_user(&self, user: &UserLex) -> Result<Lexicon, String> {
        let mut layer = UserLayer::default();
        for word in &user.never {
            layer.words.entry(word.trim().to_owned()).or_default().0 |= WordInfo::NEVER;
        }
        for actor in &user.actors {
            if actor.name.trim().is_empty() {
                return Err("user lexicon: an actor has an empty name".to_owned());
            }
            let id = (ENTITIES.len() + layer.entities.len()) as EntityId;
            let name = actor.name.trim().to_owned();
            layer.entities.push(Entity {
                name: Cow::Owned(name),
                kind: actor.kind,
                country: false,
            });
            layer.add_name(&actor.name, Meaning::Name(id));
            for alias in &actor.aliases {
                layer.add_name(alias, Meaning::Name(id));
            }
            for demonym in &actor.demonyms {
                layer.add_name(demonym, Meaning::Demonym(id));
            }
        }
        // The built-in phrases the user's take the place of, or made never-words.
        let builtin_phrase = |p: &str| data::find_slot(&PATTERN_SLOTS, p, |i| PATTERNS[i].0);
        layer.dropped.extend(NEVER_PATTERNS);
        let never = layer.words.iter().filter(|(_, w)| w.never()).map(|(w, _)| w.as_str());
        let overridden = layer.patterns.iter().map(|(p, _)| p.as_str());
        let dropped: Vec<u32> =
            never.chain(overridden).filter_map(builtin_phrase).map(|i| i as u32).collect();
        layer.dropped.extend(dropped);
        let phrases: Vec<&str> = layer.patterns.iter().map(|(p, _)| p.as_str()).collect();
        let mut starts = std::collections::HashMap::new();
        data::mark_phrase_starts(&phrases, &mut starts);
        for (w, bits) in starts {
            layer.words.entry(w).or_default().0 |= bits;
        }
        layer.trie = TrieData::build(&phrases);
        layer.starts = data::starts_bitmap(&phrases);
        Ok(Lexicon { user: Some(Box::new(layer)) })
    }
}

impl UserLayer {
    /// A user's phrase: the first of the user's to name it wins.
    fn add_name(&mut self, phrase: &str, meaning: Meaning) {
        let phrase = phrase.trim();
        if phrase.is_empty() || self.pattern_index.contains_key(phrase) {
            return;
        }
        if let Meaning::Name(id) = meaning {
            // The built-in table is asked first, as when the user's names were added to
            // a copy of it.
            if let Some(upper) = data::upper_form(phrase) {
                if data::find_slot(&UPPER_SLOTS, &upper, |i| UPPER[i].0).is_none() {
                    self.upper.entry(upper).or_insert(id);
                }
            }
        }
        self.pattern_index.insert(phrase.to_owned(), self.patterns.len());
        self.patterns.push((phrase.to_owned(), meaning));
    }
}

/// One `[[actor]]` of the user lexicon.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    #[serde(deserialize_with = "name_de")]
    pub name: String,
    #[serde(deserialize_with = "kind_de")]
    pub kind: Kind,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub demonyms: Vec<String>,
}

fn name_de<'de, D: serde::Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    let s = <String as serde::Deserialize>::deserialize(d)?;
    if s.trim().is_empty() {
        return Err(serde::de::Error::custom("an actor's name is empty"));
    }
    Ok(s.trim().to_owned())
}

fn kind_de<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Kind, D::Error> {
    let s = <String as serde::Deserialize>::deserialize(d)?;
    s.parse().map_err(serde::de::Error::custom)
}

/// The user lexicon file, parsed: the one schema of it, read here to build the
/// lexicon and by the store to correct it.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserLex {
    #[serde(default)]
    pub never: Vec<String>,
    #[serde(default, rename = "actor")]
    pub actors: Vec<Entry>,
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::super::lexicon_data::{Parsed, Sense};
    use aho_corasick::{AhoCorasick, Anchored, Input, MatchKind, StartKind};

    fn meaning(s: Sense) -> Meaning {
        match s {
            Sense::Name(id) => Meaning::Name(id),
            Sense::Demonym(id) => Meaning::Demonym(id),
            Sense::Title => Meaning::Title,
        }
    }

    /// The automaton the lexicon was before its trie: leftmost-longest, anchored.
    struct Reference {
        ac: AhoCorasick,
        meanings: Vec<Meaning>,
    }

    impl Reference {
        fn new(phrases: &[(String, Meaning)]) -> Reference {
            let ac = AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .start_kind(StartKind::Anchored)
                .build(phrases.iter().map(|(p, _)| p))
                .unwrap();
            Reference { ac, meanings: phrases.iter().map(|(_, m)| *m).collect() }
        }

        fn longest_at(&self, text: &str, start: usize) -> Option<(usize, Meaning)> {
            let input = Input::new(text).span(start..text.len()).anchored(Anchored::Yes);
            let m = self.ac.find(input)?;
            Some((m.end() - start, self.meanings[m.pattern().as_usize()]))
        }
    }

    /// Texts that put phrases of the lexicon at every kind of boundary: the samples, and
    /// each phrase with what may follow it.
    fn probes(phrases: &[&str]) -> Vec<String> {
        let mut texts: Vec<String> =
            crate::source::samples::ALL.iter().map(|(_, t)| (*t).to_owned()).collect();
        for p in phrases {
            let cut = p.char_indices().next_back().map_or(0, |(i, _)| i);
            texts.push(format!("{p} {p}'s {p}s {p}. {p}-{p}x {} {p}", &p[..cut]));
        }
        texts
    }

    /// Compares the lexicon's longest phrase with the reference's at every character of
    /// every probe.
    fn same_as_reference(lex: &Lexicon, reference: &Reference, texts: &[String]) -> usize {
        let mut found = 0;
        for text in texts {
            for (i, _) in text.char_indices() {
                let want = reference.longest_at(text, i);
                assert_eq!(lex.longest_at(&text.as_bytes()[i..]), want, "{:?} at {i}", &text[i..]);
                found += usize::from(want.is_some());
            }
        }
        found
    }

    /// The static tables are what parsing the lists makes now, entry for entry.
    #[test]
    fn the_built_tables_are_the_lists_parsed() {
        let parsed = Parsed::builtin();
        let lex = Lexicon::builtin();
        assert_eq!(ENTITIES.len(), parsed.entities.len());
        for (e, (name, kind, country)) in ENTITIES.iter().zip(&parsed.entities) {
            assert_eq!((e.name.as_ref(), e.country), (name.as_str(), *country));
            let k = match *kind {
                data::PERSON => Kind::Person,
                data::ORG => Kind::Organization,
                _ => Kind::Place,
            };
            assert_eq!(e.kind, k, "{name}");
        }
        assert_eq!(PATTERNS.len(), parsed.patterns.len());
        for (i, (p, s)) in parsed.patterns.iter().enumerate() {
            assert_eq!(PATTERNS[i], (p.as_str(), meaning(*s)));
            assert_eq!(lex.meaning_of(p), Some(meaning(*s)), "{p}");
        }
        assert_eq!(WORDS.len(), parsed.words.len());
        for (w, bits) in &parsed.words {
            assert_eq!(lex.word_info(w), WordInfo(*bits), "{w}");
        }
        assert_eq!(UPPER.len(), parsed.upper.len());
        for (w, id) in &parsed.upper {
            assert_eq!(lex.upper_case_name(w), Some(*id), "{w}");
        }
        for absent in ["", "Zqxv", "united states", "Putin's"] {
            assert_eq!(lex.word_info(absent), WordInfo::default());
            assert_eq!(lex.meaning_of(absent), None);
            assert_eq!(lex.upper_case_name(absent), None);
        }
    }

    /// The trie finds the phrase the aho-corasick automaton it replaced found, at every
    /// position of the probes.
    #[test]
    fn the_trie_finds_what_the_automaton_found() {
        let phrases: Vec<(String, Meaning)> =
            PATTERNS.iter().map(|(p, m)| ((*p).to_owned(), *m)).collect();
        let reference = Reference::new(&phrases);
        let texts = probes(&PATTERNS.iter().map(|(p, _)| *p).collect::<Vec<_>>());
        let found = same_as_reference(Lexicon::builtin(), &reference, &texts);
        assert!(found > PATTERNS.len() * 4, "only {found} phrases found");
    }

    /// A user lexicon layered on the built-in one means what rebuilding the whole
    /// automaton meant: the user's phrases first, then the built-in ones that are not
    /// never-words (the user's, or the built-in ones).
    #[test]
    fn a_user_layer_is_the_lexicon_rebuilt() {
        let toml = r#"
            never = ["Breaking", "Moscow", " Exclusive "]
            [[actor]]
            name = "New York Knicks"
            kind = "organization"
            aliases = ["Knicks", "Iran", "NYK", "Knicks"]
            [[actor]]
            name = "Transnistria"
            kind = "place"
            demonyms = ["Transnistrian", "Saudi"]
            [[actor]]
            name = "Knicks"
            kind = "person"
            aliases = ["Vienna", "Zed Q. Alpha"]
        "#;
        let user: UserLex = toml::from_str(toml).unwrap();
        let lex = Lexicon::builtin().with_user(&user).unwrap();

        // What with_user built before: its phrases in order, first of a phrase winning.
        let mut phrases: Vec<(String, Meaning)> = Vec::new();
        let add = |p: &str, m: Meaning, phrases: &mut Vec<(String, Meaning)>| {
            let p = p.trim();
            if !p.is_empty() && !phrases.iter().any(|(q, _)| q == p) {
                phrases.push((p.to_owned(), m));
            }
        };
        for (k, a) in user.actors.iter().enumerate() {
            let id = (ENTITIES.len() + k) as EntityId;
            add(&a.name, Meaning::Name(id), &mut phrases);
            a.aliases.iter().for_each(|n| add(n, Meaning::Name(id), &mut phrases));
            a.demonyms.iter().for_each(|n| add(n, Meaning::Demonym(id), &mut phrases));
        }
        let user_phrases = phrases.len();
        let never =
            |w: &str| Lexicon::builtin().is_never(w) || user.never.iter().any(|n| n.trim() == w);
        let mut builtin_kept: Vec<(String, Meaning)> = Vec::new();
        for (p, m) in &PATTERNS {
            if !never(p) && !phrases[..user_phrases].iter().any(|(q, _)| q == p) {
                builtin_kept.push(((*p).to_owned(), *m));
            }
        }
        phrases.extend(builtin_kept);
        let reference = Reference::new(&phrases);
        let mut texts = probes(&phrases.iter().map(|(p, _)| p.as_str()).collect::<Vec<_>>());
        texts.push("Breaking: Moscow and the Knicks, NYK's Iran, Saudi Arabia's Saudi.".into());
        same_as_reference(&lex, &reference, &texts);

        for (p, m) in &phrases {
            assert_eq!(lex.meaning_of(p), Some(*m), "{p}");
        }
        assert_eq!(lex.meaning_of("Moscow"), None, "a never-word is no phrase");
        assert!(Lexicon::builtin().meaning_of("Moscow").is_some(), "but stays built in");
        let Some(Meaning::Name(knicks)) = lex.meaning_of("Knicks") else { panic!() };
        assert_eq!(lex.entity(knicks).name, "New York Knicks");
        assert!(lex.is_user_entity(knicks) && !lex.is_user_entity(0));
        assert_eq!(lex.entity(knicks + 2).kind, Kind::Person);
        assert!(lex.is_never("Exclusive") && lex.is_never("Moscow"));
        assert!(!Lexicon::builtin().is_never("Exclusive"));
        assert!(
            lex.word_info("Zed").starts_phrase() && lex.word_info("Transnistria").starts_phrase()
        );
        assert_eq!(lex.upper_case_name("NYK"), None, "already in capitals");
        assert_eq!(lex.upper_case_name("KNICKS"), Some(knicks));
        assert_eq!(lex.upper_case_name("VIENNA"), Lexicon::builtin().upper_case_name("VIENNA"));
        assert_eq!(lex.upper_case_name("TRANSNISTRIA"), Some(knicks + 1));
    }

    /// Phrases found at the start of each word, skipping over each one found.
    fn found<'t>(lex: &Lexicon, text: &'t str) -> Vec<&'t str> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < text.len() {
            let at_word = text[..i].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
            if at_word {
                if let Some(f) = lex.match_at(text, i) {
                    out.push(&text[f.start..f.end]);
                    i = f.end;
                    continue;
                }
            }
            i += text[i..].chars().next().map_or(1, char::len_utf8);
        }
        out
    }

    /// The names step asks the automaton only at a word marked as starting a phrase: every
    /// phrase that can be found at a word must have its first word (and that word with a
    /// possessive) marked.
    #[test]
    fn every_phrase_found_at_a_word_starts_with_a_marked_word() {
        let lex = Lexicon::builtin();
        let mut checked = 0;
        for (p, _) in &PATTERNS {
            for text in [(*p).to_owned(), format!("{p}'s view")] {
                let doc = super::super::text::Document::new(&text);
                let Some(t) = doc.tokens.first().filter(|t| t.is_word() && t.start() == 0) else {
                    continue;
                };
                if lex.match_at(&text, 0).is_none() {
                    continue;
                }
                let w = &text[..t.end()];
                let w = w.strip_suffix("'s").unwrap_or(w);
                assert!(lex.word_info(w).starts_phrase(), "{text:?}: {w:?} not marked");
                checked += 1;
            }
        }
        assert!(checked > 1000, "only {checked} phrases checked");
        assert!(!lex.word_info("Yesterday").starts_phrase());
    }

    #[test]
    fn builtin_knows_countries_demonyms_capitals_and_titles() {
        let lex = Lexicon::builtin();
        let Some(Meaning::Name(us)) = lex.meaning_of("U.S.") else { panic!("U.S. unknown") };
        assert_eq!(lex.entity(us).name, "United States");
        assert_eq!(lex.meaning_of("American"), Some(Meaning::Demonym(us)));
        let Some(Meaning::Name(tehran)) = lex.meaning_of("Tehran") else { panic!() };
        assert_eq!(lex.entity(tehran).kind, Kind::Place);
        assert_eq!(lex.meaning_of("spokesman"), Some(Meaning::Title));
        assert_eq!(lex.head_kind("Agency"), Some(Kind::Organization));
        assert!(lex.is_given_name("Vladimir"));
        assert!(lex.is_never("However"));
    }

    #[test]
    fn phrases_match_whole_words_longest_first() {
        let lex = Lexicon::builtin();
        assert_eq!(
            found(lex, "In Saudi Arabia's capital, USB sticks and the New York Times."),
            ["Saudi Arabia", "New York Times"]
        );
        assert_eq!(found(lex, "Romania and Iranian us"), ["Romania", "Iranian"]);
    }

    #[test]
    fn user_toml_adds_names_and_never_words() {
        let lex = Lexicon::builtin()
            .with_user_toml(
                "never = [\"Breaking\"]\n[[actor]]\nname = \"Acme Widgets\"\nkind = \"organization\"\naliases = [\"AW\"]\n",
            )
            .expect("valid user lexicon");
        let Some(Meaning::Name(id)) = lex.meaning_of("AW") else { panic!("alias unknown") };
        assert_eq!(lex.entity(id).name, "Acme Widgets");
        assert_eq!(lex.entity(id).kind, Kind::Organization);
        assert!(lex.is_never("Breaking"));
        assert!(lex.meaning_of("Iran").is_some(), "built-in names stay");
        let err = Lexicon::builtin().with_user_toml("[[actor]]\nname = \"X\"\nkind = \"dog\"\n");
        assert!(err.is_err_and(|e| e.contains("dog")));
    }
}
