//! What the analyser knows about names: compiled in from assets/lexicon, parsed once.
//!
//! The lists are plain TSV and text files a user can read (assets/README.md says where
//! each comes from). Every phrase the analyser looks for in running text (country, city,
//! organization, demonym, title) goes into one aho-corasick automaton, so finding all of
//! them costs one pass over the text whatever the size of the lists. Single words that
//! are only ever checked against a token already found (head words, given names, words
//! that are never actors) live in hash sets keyed by the word as written, which a `&str`
//! slice of the text can look up without allocating.

use super::Kind;
use aho_corasick::{AhoCorasick, AhoCorasickKind, Anchored, Input, MatchKind, StartKind};
use foldhash::{HashMap, HashMapExt};
use std::sync::OnceLock;

const COUNTRIES: &str = include_str!("../../assets/lexicon/countries.tsv");
const PLACES: &str = include_str!("../../assets/lexicon/places.tsv");
const ORGANIZATIONS: &str = include_str!("../../assets/lexicon/organizations.tsv");
const TITLES: &str = include_str!("../../assets/lexicon/titles.txt");
const HEADS: &str = include_str!("../../assets/lexicon/heads.tsv");
const GIVEN_NAMES: &str = include_str!("../../assets/lexicon/given_names.txt");
const NOT_ACTORS: &str = include_str!("../../assets/lexicon/not_actors.txt");
const ADJECTIVES: &str = include_str!("../../assets/lexicon/adjectives.txt");
const COMMON_NOUNS: &str = include_str!("../../assets/lexicon/common_nouns.txt");

/// Index of an entity in [`Lexicon::entity`].
pub type EntityId = u32;

/// A named thing the lexicon knows: every phrase that names it leads to one entity, which
/// is how "US", "U.S." and "United States" become one actor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// The usual full name ("United States").
    pub name: String,
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

/// The names, kinds, titles and words the analyser knows.
#[derive(Debug, Default)]
pub struct Lexicon {
    entities: Vec<Entity>,
    /// Patterns of the automaton with their meanings, in pattern-id order; kept so a user
    /// lexicon can be layered on and the automaton rebuilt.
    patterns: Vec<(String, Meaning)>,
    pattern_index: HashMap<String, usize>,
    automaton: Option<AhoCorasick>,
    /// One bit per pair of first two bytes that some pattern starts with: most
    /// capitalized words ask the automaton nothing.
    starts: Vec<u64>,
    /// Single-word names by their upper-case form, for datelines in capitals ("VIENNA").
    upper: HashMap<String, EntityId>,
    /// What single words are: head words, given names, words that are never actors.
    words: HashMap<String, WordInfo>,
}

/// What the lexicon knows about one word, found with one lookup.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WordInfo(u8);

impl WordInfo {
    const NEVER: u8 = 1;
    const GIVEN: u8 = 2;
    const ORGANIZATION: u8 = 4;
    const PLACE: u8 = 8;
    const ADJECTIVE: u8 = 16;
    const TITLE_END: u8 = 32;
    const STARTS_PHRASE: u8 = 64;
    const EVENT: u8 = 128;

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
    /// lookup the word gets anyway, spares them the automaton.
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

impl Lexicon {
    /// The lexicon compiled into the binary, parsed on first use.
    pub fn builtin() -> &'static Lexicon {
        static BUILTIN: OnceLock<Lexicon> = OnceLock::new();
        BUILTIN.get_or_init(Lexicon::parse_builtin)
    }

    fn parse_builtin() -> Lexicon {
        let mut lex = Lexicon::default();
        for line in data_lines(COUNTRIES) {
            let mut cols = line.split('\t');
            let name = cols.next().unwrap_or("").trim();
            if name.is_empty() {
                continue;
            }
            let id = lex.add_entity(name, Kind::Place);
            lex.entities[id as usize].country = true;
            for alias in list(cols.next()) {
                lex.add_name(alias, Meaning::Name(id));
            }
            for demonym in list(cols.next()) {
                lex.add_name(demonym, Meaning::Demonym(id));
            }
            // A capital is its own place, not its country: "Moscow said" is not "Russia".
            for capital in list(cols.next()) {
                lex.add_entity(capital, Kind::Place);
            }
        }
        for (file, kind) in [(PLACES, Kind::Place), (ORGANIZATIONS, Kind::Organization)] {
            for line in data_lines(file) {
                let mut cols = line.split('\t');
                let name = cols.next().unwrap_or("").trim();
                if name.is_empty() {
                    continue;
                }
                let id = lex.add_entity(name, kind);
                for alias in list(cols.next()) {
                    lex.add_name(alias, Meaning::Name(id));
                }
                for demonym in list(cols.next()) {
                    lex.add_name(demonym, Meaning::Demonym(id));
                }
            }
        }
        for title in data_lines(TITLES).map(str::trim).filter(|t| !t.is_empty()) {
            lex.add_title(title);
        }
        for line in data_lines(HEADS) {
            let mut cols = line.split('\t');
            let (Some(word), Some(kind)) = (cols.next(), cols.next()) else { continue };
            if kind.trim() == "event" {
                lex.words.entry(word.trim().to_owned()).or_default().0 |= WordInfo::EVENT;
                continue;
            }
            let Ok(kind) = kind.parse::<Kind>() else { continue };
            let bit = match kind {
                Kind::Organization => WordInfo::ORGANIZATION,
                Kind::Place => WordInfo::PLACE,
                Kind::Person => 0,
            };
            lex.words.entry(word.trim().to_owned()).or_default().0 |= bit;
        }
        for word in data_lines(GIVEN_NAMES).flat_map(str::split_whitespace) {
            lex.words.entry(word.to_owned()).or_default().0 |= WordInfo::GIVEN;
        }
        for word in data_lines(NOT_ACTORS).flat_map(str::split_whitespace) {
            lex.words.entry(word.to_owned()).or_default().0 |= WordInfo::NEVER;
        }
        for word in
            data_lines(ADJECTIVES).chain(data_lines(COMMON_NOUNS)).flat_map(str::split_whitespace)
        {
            lex.words.entry(word.to_owned()).or_default().0 |= WordInfo::ADJECTIVE;
        }
        lex.build();
        lex
    }

    /// Adds an entity under its name; a name already known keeps its first meaning, so
    /// the order of the files decides between, say, a country and a city of one name.
    fn add_entity(&mut self, name: &str, kind: Kind) -> EntityId {
        if let Some(&i) = self.pattern_index.get(name) {
            if let Meaning::Name(id) = self.patterns[i].1 {
                return id;
            }
        }
        let id = self.entities.len() as EntityId;
        self.entities.push(Entity { name: name.to_owned(), kind, country: false });
        self.add_name(name, Meaning::Name(id));
        id
    }

    fn add_name(&mut self, phrase: &str, meaning: Meaning) {
        let phrase = phrase.trim();
        if phrase.is_empty() || self.pattern_index.contains_key(phrase) {
            return;
        }
        if let Meaning::Name(id) = meaning {
            if !phrase.contains(' ') {
                let upper = phrase.to_uppercase();
                if upper != phrase {
                    self.upper.entry(upper).or_insert(id);
                }
            }
        }
        self.pattern_index.insert(phrase.to_owned(), self.patterns.len());
        self.patterns.push((phrase.to_owned(), meaning));
    }

    /// Titles are matched as listed and in lower case: "President Putin" and "the
    /// president, Vladimir Putin" both say a person follows.
    fn add_title(&mut self, title: &str) {
        self.add_name(title, Meaning::Title);
        let lower = title.to_lowercase();
        for form in [title, lower.as_str()] {
            if let Some(last) = form.split_whitespace().last() {
                let last = last.trim_end_matches('.');
                self.words.entry(last.to_owned()).or_default().0 |= WordInfo::TITLE_END;
            }
        }
        if lower != title {
            self.add_name(&lower, Meaning::Title);
        }
    }

    fn build(&mut self) {
        // The first word of each phrase, as the tokenizer cuts it out of a text.
        for (p, _) in &self.patterns {
            let doc = super::text::Document::new(p);
            let Some(t) = doc.tokens.first().filter(|t| t.is_word() && t.start() == 0) else {
                continue;
            };
            let first = &p[..t.end()];
            for w in [first, super::names::strip_possessive(first)] {
                if let Some(info) = self.words.get_mut(w) {
                    info.0 |= WordInfo::STARTS_PHRASE;
                } else {
                    self.words.insert(w.to_owned(), WordInfo(WordInfo::STARTS_PHRASE));
                }
            }
        }
        let patterns: Vec<&str> = self.patterns.iter().map(|(p, _)| p.as_str()).collect();
        self.starts = vec![0u64; 1 << 10];
        for p in &patterns {
            let b = p.as_bytes();
            let Some(&b0) = b.first() else { continue };
            // A one-byte pattern may be followed by any byte.
            let seconds: Vec<u8> = match b.get(1) {
                Some(&b1) => vec![b1],
                None => (0..=255).collect(),
            };
            for b1 in seconds {
                let pair = (usize::from(b0) << 8) | usize::from(b1);
                self.starts[pair >> 6] |= 1 << (pair & 63);
            }
        }
        // N.B. Leftmost-longest makes "Saudi Arabia" win over "Saudi" and "New York
        // Times" over "New York"; the patterns are case-sensitive so "US" never matches "us".
        // A contiguous NFA, not a DFA: it builds in a third of the time (the lexicon is
        // built at every start, and with every user lexicon), and the anchored searches,
        // asked only at words that start a phrase, cost 1% more at 10 MB.
        self.automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&patterns)
            .ok();
    }

    /// The longest lexicon phrase that starts at byte `start` of `text` and ends on a word
    /// boundary, or before a possessive ("Moscow" in "Moscow's").
    ///
    /// N.B. The search is anchored: the analyser asks only at the start of capitalized
    /// words, so the lower-case bulk of an article is never scanned.
    pub fn match_at(&self, text: &str, start: usize) -> Option<Found> {
        let ac = self.automaton.as_ref()?;
        let b = text.as_bytes();
        let pair =
            (usize::from(*b.get(start)?) << 8) | usize::from(*b.get(start + 1).unwrap_or(&0));
        if self.starts.get(pair >> 6).is_none_or(|w| w & (1 << (pair & 63)) == 0) {
            return None;
        }
        let input = Input::new(text).span(start..text.len()).anchored(Anchored::Yes);
        let m = ac.find(input)?;
        let e = m.end();
        let after_ok = match text[e..].chars().next() {
            None => true,
            Some(c) if c.is_alphanumeric() => false,
            Some('\'' | '\u{2019}') => {
                // A possessive ends the phrase; any other letter after the mark does not.
                let rest = &text[e..];
                let mark = rest.chars().next().map_or(1, char::len_utf8);
                let after = &rest[mark..];
                !after.chars().next().is_some_and(char::is_alphanumeric)
                    || (after.starts_with('s')
                        && !after[1..].chars().next().is_some_and(char::is_alphanumeric))
            }
            // "U.S" must not match inside "U.S.A.", but "Iran." ends a sentence.
            Some('-' | '.') => !text.as_bytes().get(e + 1).is_some_and(u8::is_ascii_alphanumeric),
            Some(_) => true,
        };
        after_ok.then(|| Found { start, end: e, meaning: self.patterns[m.pattern().as_usize()].1 })
    }

    pub fn entity(&self, id: EntityId) -> &Entity {
        &self.entities[id as usize]
    }

    /// The entity a single word names when the text writes it in capitals ("VIENNA").
    pub fn upper_case_name(&self, word: &str) -> Option<EntityId> {
        self.upper.get(word).copied()
    }

    /// The meaning of an exact phrase, if the lexicon lists it.
    pub fn meaning_of(&self, phrase: &str) -> Option<Meaning> {
        self.pattern_index.get(phrase).map(|&i| self.patterns[i].1)
    }

    /// What the lexicon knows about a single word.
    pub fn word_info(&self, word: &str) -> WordInfo {
        self.words.get(word).copied().unwrap_or_default()
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
        id as usize >= Lexicon::builtin().entities.len()
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

    /// [`Lexicon::with_user_toml`] with the file parsed already.
    ///
    /// # Errors
    /// An actor with an empty name.
    pub fn with_user(&self, user: &UserLex) -> Result<Lexicon, String> {
        let mut lex = Lexicon {
            entities: self.entities.clone(),
            patterns: Vec::with_capacity(self.patterns.len() + user.actors.len() * 3),
            pattern_index: HashMap::with_capacity(self.patterns.len()),
            automaton: None,
            starts: Vec::new(),
            upper: self.upper.clone(),
            words: self.words.clone(),
        };
        for word in &user.never {
            lex.words.entry(word.trim().to_owned()).or_default().0 |= WordInfo::NEVER;
        }
        // The user's names go in first so that they win over built-in ones.
        for actor in &user.actors {
            let kind = actor.kind;
            if actor.name.trim().is_empty() {
                return Err("user lexicon: an actor has an empty name".to_owned());
            }
            let id = lex.entities.len() as EntityId;
            lex.entities.push(Entity { name: actor.name.trim().to_owned(), kind, country: false });
            lex.add_name(&actor.name, Meaning::Name(id));
            for alias in &actor.aliases {
                lex.add_name(alias, Meaning::Name(id));
            }
            for demonym in &actor.demonyms {
                lex.add_name(demonym, Meaning::Demonym(id));
            }
        }
        for (phrase, meaning) in &self.patterns {
            if !lex.is_never(phrase) {
                lex.add_name(phrase, *meaning);
            }
        }
        lex.build();
        Ok(lex)
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

/// The lines of a data file without comments and blank lines.
fn data_lines(file: &str) -> impl Iterator<Item = &str> {
    file.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

/// A `;`-separated column.
fn list(col: Option<&str>) -> impl Iterator<Item = &str> {
    col.unwrap_or("").split(';').map(str::trim).filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

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
        for (p, _) in &lex.patterns {
            for text in [p.clone(), format!("{p}'s view")] {
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
