//! The built-in lexicon as data: parsing the lists, the hash function of its tables and
//! the trie of its phrases.
//!
//! N.B. This file is compiled twice: into the build script, which parses the lists once
//! and writes the tables the binary carries (so starting up is loading the binary, not
//! building the lexicon), and into the crate, where the user lexicon's small trie is
//! built with the same code and the tests check the tables against a fresh parse. So
//! it uses nothing but std and the tokenizer (`super::text`), which is compiled beside
//! it in both.

use std::collections::{BTreeMap, HashMap};

const COUNTRIES: &str = include_str!("../../assets/lexicon/countries.tsv");
const PLACES: &str = include_str!("../../assets/lexicon/places.tsv");
const ORGANIZATIONS: &str = include_str!("../../assets/lexicon/organizations.tsv");
const TITLES: &str = include_str!("../../assets/lexicon/titles.txt");
const HEADS: &str = include_str!("../../assets/lexicon/heads.tsv");
const GIVEN_NAMES: &str = include_str!("../../assets/lexicon/given_names.txt");
const NOT_ACTORS: &str = include_str!("../../assets/lexicon/not_actors.txt");
const ADJECTIVES: &str = include_str!("../../assets/lexicon/adjectives.txt");
const COMMON_NOUNS: &str = include_str!("../../assets/lexicon/common_nouns.txt");

/// The bits of a word's information (`WordInfo` in the crate).
pub const NEVER: u8 = 1;
pub const GIVEN: u8 = 2;
pub const ORGANIZATION: u8 = 4;
pub const PLACE: u8 = 8;
pub const ADJECTIVE: u8 = 16;
pub const TITLE_END: u8 = 32;
pub const STARTS_PHRASE: u8 = 64;
pub const EVENT: u8 = 128;

/// Kinds as numbers: the build script has no `Kind`.
pub const PERSON: u8 = 0;
pub const ORG: u8 = 1;
pub const PLACE_KIND: u8 = 2;

/// What a phrase means, as the crate's `Meaning` without the type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sense {
    Name(u32),
    Demonym(u32),
    Title,
}

/// The built-in lexicon parsed: what the tables are made of.
#[derive(Debug, Default)]
pub struct Parsed {
    /// Name, kind, and whether a country.
    pub entities: Vec<(String, u8, bool)>,
    /// The phrases of the trie in the order they were added (their ids).
    pub patterns: Vec<(String, Sense)>,
    pub pattern_index: HashMap<String, usize>,
    /// Single-word names in capitals ("VIENNA").
    pub upper: HashMap<String, u32>,
    pub words: HashMap<String, u8>,
}

impl Parsed {
    /// Parses the lists in assets/lexicon.
    pub fn builtin() -> Parsed {
        let mut lex = Parsed::default();
        for line in data_lines(COUNTRIES) {
            let mut cols = line.split('\t');
            let name = cols.next().unwrap_or("").trim();
            if name.is_empty() {
                continue;
            }
            let id = lex.add_entity(name, PLACE_KIND);
            lex.entities[id as usize].2 = true;
            for alias in list(cols.next()) {
                lex.add_name(alias, Sense::Name(id));
            }
            lex.add_demonyms(cols.next(), id);
            // A capital is its own place, not its country: "Moscow said" is not "Russia".
            for capital in list(cols.next()) {
                lex.add_entity(capital, PLACE_KIND);
            }
        }
        for (file, kind) in [(PLACES, PLACE_KIND), (ORGANIZATIONS, ORG)] {
            for line in data_lines(file) {
                let mut cols = line.split('\t');
                let name = cols.next().unwrap_or("").trim();
                if name.is_empty() {
                    continue;
                }
                let id = lex.add_entity(name, kind);
                for alias in list(cols.next()) {
                    lex.add_name(alias, Sense::Name(id));
                }
                lex.add_demonyms(cols.next(), id);
            }
        }
        for title in data_lines(TITLES).map(str::trim).filter(|t| !t.is_empty()) {
            lex.add_title(title);
        }
        for line in data_lines(HEADS) {
            let mut cols = line.split('\t');
            let (Some(word), Some(kind)) = (cols.next(), cols.next()) else { continue };
            let bit = match kind.trim() {
                "event" => EVENT,
                "organization" | "organisation" => ORGANIZATION,
                "place" => PLACE,
                "person" => 0,
                _ => continue,
            };
            *lex.words.entry(word.trim().to_owned()).or_default() |= bit;
        }
        for word in data_lines(GIVEN_NAMES).flat_map(str::split_whitespace) {
            *lex.words.entry(word.to_owned()).or_default() |= GIVEN;
        }
        for word in data_lines(NOT_ACTORS).flat_map(str::split_whitespace) {
            *lex.words.entry(word.to_owned()).or_default() |= NEVER;
        }
        for word in
            data_lines(ADJECTIVES).chain(data_lines(COMMON_NOUNS)).flat_map(str::split_whitespace)
        {
            *lex.words.entry(word.to_owned()).or_default() |= ADJECTIVE;
        }
        let phrases: Vec<&str> = lex.patterns.iter().map(|(p, _)| p.as_str()).collect();
        mark_phrase_starts(&phrases, &mut lex.words);
        lex
    }

    /// Adds an entity under its name; a name already known keeps its first meaning, so
    /// the order of the files decides between, say, a country and a city of one name.
    fn add_entity(&mut self, name: &str, kind: u8) -> u32 {
        if let Some(&i) = self.pattern_index.get(name) {
            if let Sense::Name(id) = self.patterns[i].1 {
                return id;
            }
        }
        let id = self.entities.len() as u32;
        self.entities.push((name.to_owned(), kind, false));
        self.add_name(name, Sense::Name(id));
        id
    }

    /// A place's demonyms (one column of its line): an adjective or a singular
    /// ("Iranian", "Thai") is a mention of the place; a plural ("Americans", "Poles",
    /// "New Yorkers") names its people, a group of persons, as GUM types them: an
    /// entity of its own, not the place. "Swiss", "Seychellois" and "Quebecois" end in
    /// an s and are no plurals.
    fn add_demonyms(&mut self, col: Option<&str>, place: u32) {
        let forms: Vec<&str> = list(col).collect();
        for &form in &forms {
            if form.ends_with('s') && !form.ends_with("ss") && !form.ends_with("ois") {
                self.add_entity(form, PERSON);
            } else {
                self.add_name(form, Sense::Demonym(place));
                // The plural of "-an" and "-i" is regular ("Thais", "Iraqis",
                // "Belizeans"); the lists need not spell it. "Chinese", "Swiss" and
                // "British" have none.
                let plural = format!("{form}s");
                if (form.ends_with("an") || form.ends_with('i'))
                    && !forms.contains(&plural.as_str())
                {
                    self.add_entity(&plural, PERSON);
                }
            }
        }
    }

    fn add_name(&mut self, phrase: &str, sense: Sense) {
        let phrase = phrase.trim();
        if phrase.is_empty() || self.pattern_index.contains_key(phrase) {
            return;
        }
        if let Sense::Name(id) = sense {
            if let Some(upper) = upper_form(phrase) {
                self.upper.entry(upper).or_insert(id);
            }
        }
        self.pattern_index.insert(phrase.to_owned(), self.patterns.len());
        self.patterns.push((phrase.to_owned(), sense));
    }

    /// Titles are matched as listed and in lower case: "President Putin" and "the
    /// president, Vladimir Putin" both say a person follows.
    fn add_title(&mut self, title: &str) {
        self.add_name(title, Sense::Title);
        let lower = title.to_lowercase();
        for form in [title, lower.as_str()] {
            if let Some(last) = form.split_whitespace().last() {
                let last = last.trim_end_matches('.');
                *self.words.entry(last.to_owned()).or_default() |= TITLE_END;
            }
        }
        if lower != title {
            self.add_name(&lower, Sense::Title);
        }
    }
}

/// The capitals form of a one-word name, when it differs from the name.
pub fn upper_form(phrase: &str) -> Option<String> {
    if phrase.contains(' ') {
        return None;
    }
    let upper = phrase.to_uppercase();
    (upper != phrase).then_some(upper)
}

/// "Moscow's" → "Moscow".
pub fn strip_possessive(word: &str) -> &str {
    word.strip_suffix("'s").or_else(|| word.strip_suffix("\u{2019}s")).unwrap_or(word)
}

/// Marks the first word of each phrase, as the tokenizer cuts it out of a text, and that
/// word without a possessive, as [`STARTS_PHRASE`] in `words`.
pub fn mark_phrase_starts(phrases: &[&str], words: &mut HashMap<String, u8>) {
    for p in phrases {
        let doc = super::text::Document::new(p);
        let Some(t) = doc.tokens.first().filter(|t| t.is_word() && t.start() == 0) else {
            continue;
        };
        let first = &p[..t.end()];
        for w in [first, strip_possessive(first)] {
            *words.entry(w.to_owned()).or_default() |= STARTS_PHRASE;
        }
    }
}

/// One bit per pair of first two bytes that some phrase starts with (1024 words).
pub fn starts_bitmap(phrases: &[&str]) -> Vec<u64> {
    let mut starts = vec![0u64; 1 << 10];
    for p in phrases {
        let b = p.as_bytes();
        let Some(&b0) = b.first() else { continue };
        // A one-byte phrase may be followed by any byte.
        let seconds: Vec<u8> = match b.get(1) {
            Some(&b1) => vec![b1],
            None => (0..=255).collect(),
        };
        for b1 in seconds {
            let pair = (usize::from(b0) << 8) | usize::from(b1);
            starts[pair >> 6] |= 1 << (pair & 63);
        }
    }
    starts
}

/// Whether the phrase starting with bytes `b0`, `b1` can be in `starts`.
pub fn may_start(starts: &[u64], b0: u8, b1: u8) -> bool {
    let pair = (usize::from(b0) << 8) | usize::from(b1);
    starts.get(pair >> 6).is_some_and(|w| w & (1 << (pair & 63)) != 0)
}

/// The hash of the lexicon's tables: the same in the build script and the binary, on
/// any machine (no seed, no std hasher whose output may change).
pub fn hash(s: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut h = (s.len() as u64).wrapping_mul(K);
    let mut chunks = s.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h ^ w).wrapping_mul(K).rotate_left(29);
    }
    let mut last = 0u64;
    for (i, &b) in chunks.remainder().iter().enumerate() {
        last |= u64::from(b) << (8 * i);
    }
    h = (h ^ last).wrapping_mul(K);
    h ^ (h >> 32)
}

/// An open-addressing table of `keys`: slot → index into `keys`, [`VACANT`] for none;
/// a power of two at least twice the keys, probed linearly from the key's hash.
pub fn slots<'k>(keys: impl ExactSizeIterator<Item = &'k str>) -> Vec<u32> {
    let size = (keys.len() * 2).next_power_of_two().max(2);
    let mut slots = vec![VACANT; size];
    for (i, k) in keys.enumerate() {
        let mut at = hash(k.as_bytes()) as usize & (size - 1);
        while slots[at] != VACANT {
            at = (at + 1) & (size - 1);
        }
        slots[at] = i as u32;
    }
    slots
}

/// No key in this slot, no phrase at this node.
pub const VACANT: u32 = u32::MAX;

/// Looks `key` up in a table of [`slots`]: the index of the key, by `key_of` index.
pub fn find_slot<'k>(slots: &[u32], key: &str, key_of: impl Fn(usize) -> &'k str) -> Option<usize> {
    let mask = slots.len().checked_sub(1)?;
    let mut at = hash(key.as_bytes()) as usize & mask;
    loop {
        let i = *slots.get(at)?;
        if i == VACANT {
            return None;
        }
        if key_of(i as usize) == key {
            return Some(i as usize);
        }
        at = (at + 1) & mask;
    }
}

/// A byte trie of phrases, flattened: node `n`'s edges are `bytes[first[n]..first[n+1]]`
/// (sorted) leading to `child[..]`, and `phrase[n]` is the phrase ending there.
///
/// N.B. The analyser asks only for phrases that start where it stands (an anchored
/// search), so a trie is all it needs: no failure links, nothing to build at start-up.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrieData {
    pub first: Vec<u32>,
    pub bytes: Vec<u8>,
    pub child: Vec<u32>,
    pub phrase: Vec<u32>,
}

impl TrieData {
    /// The trie of `phrases`, each under its index.
    pub fn build(phrases: &[&str]) -> TrieData {
        let mut nodes: Vec<(BTreeMap<u8, u32>, u32)> = vec![(BTreeMap::new(), VACANT)];
        for (id, p) in phrases.iter().enumerate() {
            let mut n = 0usize;
            for &b in p.as_bytes() {
                let next = nodes.len() as u32;
                let c = *nodes[n].0.entry(b).or_insert(next);
                if c == next {
                    nodes.push((BTreeMap::new(), VACANT));
                }
                n = c as usize;
            }
            if nodes[n].1 == VACANT {
                nodes[n].1 = id as u32;
            }
        }
        let mut t = TrieData::default();
        t.first.reserve(nodes.len() + 1);
        for (edges, phrase) in &nodes {
            t.first.push(t.bytes.len() as u32);
            t.phrase.push(*phrase);
            for (&b, &c) in edges {
                t.bytes.push(b);
                t.child.push(c);
            }
        }
        t.first.push(t.bytes.len() as u32);
        t
    }

    pub fn view(&self) -> Trie<'_> {
        Trie { first: &self.first, bytes: &self.bytes, child: &self.child, phrase: &self.phrase }
    }
}

/// A [`TrieData`] borrowed, or the built-in one's static tables.
#[derive(Debug, Clone, Copy)]
pub struct Trie<'a> {
    pub first: &'a [u32],
    pub bytes: &'a [u8],
    pub child: &'a [u32],
    pub phrase: &'a [u32],
}

impl Trie<'_> {
    /// Calls `found(phrase, end)` for every phrase that `text` starts with, shortest
    /// first (`end` is its length).
    pub fn prefixes(&self, text: &[u8], mut found: impl FnMut(u32, usize)) {
        let mut n = 0usize;
        for (i, b) in text.iter().enumerate() {
            let (Some(&lo), Some(&hi)) = (self.first.get(n), self.first.get(n + 1)) else {
                return;
            };
            let edges = self.bytes.get(lo as usize..hi as usize).unwrap_or_default();
            let Ok(k) = edges.binary_search(b) else { return };
            let Some(&c) = self.child.get(lo as usize + k) else { return };
            n = c as usize;
            match self.phrase.get(n) {
                Some(&p) if p != VACANT => found(p, i + 1),
                Some(_) => {}
                None => return,
            }
        }
    }
}

/// The lines of a data file without comments and blank lines.
fn data_lines(file: &str) -> impl Iterator<Item = &str> {
    file.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
}

/// A `;`-separated column.
fn list(col: Option<&str>) -> impl Iterator<Item = &str> {
    col.unwrap_or("").split(';').map(str::trim).filter(|s| !s.is_empty())
}

/// The kind model's weights from the trainer's TSV (`hash<TAB>person<TAB>organization<TAB>place`,
/// `#` comments), sorted by hash, a hash listed twice with its last weights (what
/// inserting into a map did). Here so that the build script, which writes them into
/// the binary, and `kinds::Model::parse` read the file by one set of rules.
pub fn kind_weights(tsv: &str) -> Result<Vec<(u64, [f32; 3])>, String> {
    let mut weights = Vec::with_capacity(tsv.len() / 32);
    for (n, line) in tsv.lines().enumerate() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let bad = || format!("kinds model line {}: {line:?}", n + 1);
        let mut cols = line.split('\t');
        let hash = u64::from_str_radix(cols.next().ok_or_else(bad)?, 16).map_err(|_| bad())?;
        let mut w = [0f32; 3];
        for x in &mut w {
            *x = cols.next().and_then(|c| c.parse().ok()).ok_or_else(bad)?;
        }
        weights.push((hash, w));
    }
    // Stable, then the last of each hash kept.
    weights.sort_by_key(|&(h, _)| h);
    let mut kept: Vec<(u64, [f32; 3])> = Vec::with_capacity(weights.len());
    for (h, w) in weights {
        match kept.last_mut() {
            Some(last) if last.0 == h => last.1 = w,
            _ => kept.push((h, w)),
        }
    }
    Ok(kept)
}
