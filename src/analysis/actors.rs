//! Merging name mentions into actors.
//!
//! Mentions are grouped by keys, never compared pairwise: the lexicon entity ("US",
//! "U.S." and "American" are one), the exact form, a person's surname and first name,
//! and the initials of a multi-word name (so "KCNA" finds "Korean Central News Agency").
//! Multi-word names are placed first, so a bare surname can go to the nearest person
//! who bears it; then names spelled two ways ("Nebenzya" / "Nebenzia") are joined when
//! one or two edits apart, compared only within a bucket of the same first letter.

use super::lexicon::Meaning;
use super::names::{NameMention, clue, is_name_suffix, lower_ascii, strip_possessive};
use super::text::Document;
use super::{Actor, Kind, Lexicon, Mention, kinds};
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

/// The most votes a clue to organization or place may give and still be weak: a lone
/// word's default, an acronym, a name after "of" (each 3 or fewer in `names`), where a
/// lexicon entry, a head word, a title or a dateline gives 6 or more. A name with only
/// weak clues to another kind may still be a person's surname or first name.
const WEAK_VOTES: u16 = 3;

/// A single word shorter than this (in characters) is not kept as a surname, so
/// [`join_spellings`] never joins it to another spelling (see [`ONE_EDIT_CHARS`]).
const MIN_SURNAME_CHARS: usize = ONE_EDIT_CHARS;

/// A single word shorter than this (in bytes) is never matched in other capitals: a
/// short word in capitals is an acronym ("US", "NBA"), not the word in title case.
const MIN_FOLDED_BYTES: usize = 4;

/// An acronym of fewer letters than this is not indexed: one capital finds too much.
const MIN_INITIALS: usize = 2;

/// An actor while it is being built: indexes into the mention list.
struct Proto {
    mentions: Vec<usize>,
    entity: Option<u32>,
    /// First name and surname of a multi-word name, for telling two people apart.
    given: Option<String>,
    surname: Option<String>,
    merged_into: Option<usize>,
}

impl Proto {
    fn new(entity: Option<u32>) -> Self {
        Proto { mentions: Vec::new(), entity, given: None, surname: None, merged_into: None }
    }
}

/// Groups mentions that name the same actor; actors come out in order of first mention.
pub fn merge(doc: &Document, mentions: Vec<NameMention>, lexicon: &Lexicon) -> Vec<Actor> {
    merge_with_features(doc, mentions, lexicon, false).0
}

/// [`merge`], and when `keep` is set each actor's kind features (see [`super::kinds`]):
/// what the kind model's trainer learns from.
pub fn merge_with_features(
    doc: &Document,
    mentions: Vec<NameMention>,
    lexicon: &Lexicon,
    keep: bool,
) -> (Vec<Actor>, Vec<Vec<(u64, f32)>>) {
    let mut merger = Merger::new(doc, lexicon, mentions.len());
    merger.place_long_names(&mentions);
    merger.place_single_words(&mentions);
    let Merger { mut protos, owner, .. } = merger;
    for (i, &p) in owner.iter().enumerate() {
        protos[p].mentions.push(i);
    }
    join_spellings(&mut protos, &mentions);
    build(doc, &protos, &owner, &mentions, lexicon, keep)
}

/// A person's name, or one with no more than a weak clue to another kind (a lone
/// surname defaults to an organization until it meets its full name).
fn person_like(m: &NameMention) -> bool {
    m.kind().is_none_or(|k| k == Kind::Person)
        || (m.votes[1] <= WEAK_VOTES && m.votes[2] <= WEAK_VOTES)
}

/// The keys by which a later mention finds the actor an earlier one made, each to the
/// index of its [`Proto`].
#[derive(Default)]
struct Index<'t> {
    by_entity: HashMap<u32, usize>,
    by_form: HashMap<&'t str, usize>,
    /// A person's full name, and the first letter of the first name with the surname
    /// (for "J. Rowling"): found in one lookup however many people share a surname.
    by_full: HashMap<(&'t str, &'t str), usize>,
    by_initial: HashMap<(char, &'t str), usize>,
    /// Every mention of a full name, in text order, under its surname and its first name:
    /// a bare "Chan" goes to the nearest by binary search.
    by_surname: HashMap<&'t str, Vec<(usize, usize)>>,
    by_given: HashMap<&'t str, Vec<(usize, usize)>>,
    by_initials: HashMap<String, usize>,
    /// Every mention of a name that ends in a head word ("Supreme Court"), in text order,
    /// under that word: "the Court" after it is the same body.
    by_head: HashMap<&'t str, Vec<(usize, usize)>>,
    /// A single word in lower case, then (per kind read, none first) its actor and
    /// whether it was written in capitals.
    by_folded: HashMap<String, [Option<(usize, bool)>; 4]>,
}

/// Places each mention with an actor: the protos, which proto owns each mention, and
/// the keys that lead to them.
struct Merger<'d, 't> {
    doc: &'d Document<'t>,
    lexicon: &'d Lexicon,
    protos: Vec<Proto>,
    /// The proto of each mention; `usize::MAX` until it is placed.
    owner: Vec<usize>,
    index: Index<'t>,
}

impl<'d, 't> Merger<'d, 't> {
    fn new(doc: &'d Document<'t>, lexicon: &'d Lexicon, mentions: usize) -> Self {
        Merger {
            doc,
            lexicon,
            protos: Vec::new(),
            owner: vec![usize::MAX; mentions],
            index: Index::default(),
        }
    }

    fn form(&self, m: &NameMention) -> &'t str {
        &self.doc.text[m.span().range()]
    }

    /// Pass 1: lexicon names and multi-word names, whose own words say who they are.
    fn place_long_names(&mut self, mentions: &[NameMention]) {
        for (i, m) in mentions.iter().enumerate() {
            if m.same_as_previous() {
                continue;
            }
            if let Some(e) = m.entity().or_else(|| formal_base(self.form(m), self.lexicon)) {
                self.owner[i] = self.entity_actor(m, e);
            } else if m.first_token != m.last_token {
                self.owner[i] = self.full_name_actor(m);
            }
        }
    }

    /// A lexicon entity's mention: one actor per entity, found again by its form and by
    /// its head words.
    fn entity_actor(&mut self, m: &NameMention, e: u32) -> usize {
        let protos = &mut self.protos;
        let p = *self.index.by_entity.entry(e).or_insert_with(|| {
            protos.push(Proto::new(Some(e)));
            protos.len() - 1
        });
        self.index.by_form.entry(self.form(m)).or_insert(p);
        self.index_heads(m, p);
        p
    }

    /// A multi-word name's mention: the actor of an earlier mention in the same form, the
    /// same person written another way, or a new actor.
    fn full_name_actor(&mut self, m: &NameMention) -> usize {
        let f = self.form(m);
        // N.B. Possessive-free: "Rishi Sunak's plan" is what a later "Sunak" finds.
        let (given, surname) = (m.first_word(self.doc), self.surname_of(m));
        let p = match self.index.by_form.get(f) {
            Some(&p) => p,
            None => match self.same_person(m, given, surname) {
                Some(p) => p,
                None => self.new_full_name(m, f, given, surname),
            },
        };
        self.index.by_form.entry(f).or_insert(p);
        if let Some(rest) = self.after_place(m) {
            self.index.by_form.entry(rest).or_insert(p);
        }
        self.index_heads(m, p);
        if self.protos[p].surname.is_some() {
            self.index.by_surname.entry(surname).or_default().push((m.span().start, p));
            self.index.by_given.entry(given).or_default().push((m.span().start, p));
        }
        p
    }

    /// The surname of a multi-word name: its last word, possessive-free ("Rishi Sunak's
    /// plan" is what a later "Sunak" finds), or the word before a suffix that follows
    /// it ("Ana Ruiz Jr.", "Daniel Bernoulli FRS" are found by "Ruiz", "Bernoulli").
    fn surname_of(&self, m: &NameMention) -> &'t str {
        let doc = self.doc;
        let last = strip_possessive(m.last_word(doc));
        let (first, end) = (m.first_token as usize, m.last_token as usize);
        if !is_name_suffix(last) {
            return last;
        }
        (first + 1..end)
            .rev()
            .map(|t| doc.token_text(t))
            .find(|w| *w != "," && *w != ".")
            .unwrap_or(last)
    }

    /// "Pirates" in "Pittsburgh Pirates", "Red Sox" in "Boston Red Sox": what follows the
    /// known place a body's name starts with, by which the article may name it later.
    fn after_place(&self, m: &NameMention) -> Option<&'t str> {
        if m.clues & clue::PLACE_THEN_WORDS == 0 {
            return None;
        }
        let (doc, toks) = (self.doc, &self.doc.tokens);
        let (first, last) = (m.first_token as usize, m.last_token as usize);
        (first..last)
            .find_map(|k| {
                let place = &doc.text[toks[first].start()..toks[k].end()];
                let known = matches!(
                    self.lexicon.meaning_of(place),
                    Some(Meaning::Name(e)) if self.lexicon.entity(e).kind == Kind::Place
                );
                known.then(|| &doc.text[toks[k + 1].start()..m.span().end])
            })
            // "Florence Avenue", "Washington St": a head word or an abbreviation alone names
            // no one body.
            .filter(|rest| {
                rest.contains(' ') || (rest.len() >= 4 && self.lexicon.head_kind(rest).is_none())
            })
    }

    /// The person an earlier full name names, if any: the same surname with a compatible
    /// first name ("J. Rowling", "Joanne Rowling"); a different first name is another one.
    fn same_person(&self, m: &NameMention, given: &str, surname: &str) -> Option<usize> {
        if !person_like(m) {
            return None;
        }
        let initial = given.chars().next().unwrap_or(' ');
        self.index.by_full.get(&(given, surname)).copied().or_else(|| {
            self.index.by_initial.get(&(initial, surname)).copied().filter(|&p| {
                self.protos[p].given.as_deref().is_some_and(|g| compatible_given(g, given))
            })
        })
    }

    /// A new actor for a multi-word name, under the keys later mentions may call it by.
    fn new_full_name(
        &mut self,
        m: &NameMention,
        f: &'t str,
        given: &'t str,
        surname: &'t str,
    ) -> usize {
        let person = person_like(m) && self.lexicon.head_kind(surname).is_none();
        let mut proto = Proto::new(None);
        if person {
            proto.given = Some(given.to_owned());
            proto.surname = Some(surname.to_owned());
        }
        self.protos.push(proto);
        let p = self.protos.len() - 1;
        if person {
            let initial = given.chars().next().unwrap_or(' ');
            self.index.by_full.entry((given, surname)).or_insert(p);
            self.index.by_initial.entry((initial, surname)).or_insert(p);
        }
        // "Freedom Magazine", then "Freedom": an organization without its head word.
        if let Some(head) = self.lexicon.head_kind(surname).and(f.rfind(' ')) {
            self.index.by_form.entry(&f[..head]).or_insert(p);
        }
        let ini = initials(self.doc, m);
        if ini.len() >= MIN_INITIALS {
            self.index.by_initials.entry(ini).or_insert(p);
        }
        p
    }

    /// Files the mention under the head words a later "the X" may name it by.
    fn index_heads(&mut self, m: &NameMention, p: usize) {
        for h in self.head_words(m).into_iter().flatten() {
            self.index.by_head.entry(h).or_default().push((m.span().start, p));
        }
    }

    /// The head words a later "the X" may name a multi-word name by: the last word ("the
    /// Court" after "the Supreme Court") and the word before its "of" ("the Church" after
    /// "the Church of Scientology").
    fn head_words(&self, m: &NameMention) -> [Option<&'t str>; 2] {
        if m.first_token == m.last_token {
            return [None, None];
        }
        let (doc, lexicon) = (self.doc, self.lexicon);
        let last = strip_possessive(m.last_word(doc));
        let before_of = (m.first_token as usize + 1..m.last_token as usize)
            .find(|&t| doc.token_text(t) == "of")
            .map(|t| doc.token_text(t - 1))
            .filter(|&w| w != last && lexicon.head_kind(w).is_some());
        [lexicon.head_kind(last).is_some().then_some(last), before_of]
    }

    /// "the North" for North Korea: a compass word alone names the one country of the
    /// article whose name it starts (none when two do, as "North Korea" and "North
    /// Macedonia").
    fn compass_words(&self) -> HashMap<&'d str, Option<usize>> {
        let lexicon = self.lexicon;
        let mut compass: HashMap<&str, Option<usize>> = HashMap::new();
        for (&e, &p) in &self.index.by_entity {
            let entity = lexicon.entity(e);
            let Some((head, _)) = entity.name.split_once(' ') else { continue };
            if entity.country && matches!(head, "North" | "South" | "East" | "West") {
                compass.entry(head).and_modify(|q| *q = q.filter(|&q| q == p)).or_insert(Some(p));
            }
        }
        compass
    }

    /// Pass 2: single words: the mention before it in another script, a compass word, or
    /// else the actor an earlier name gives it (see [`Self::single_word_actor`]).
    fn place_single_words(&mut self, mentions: &[NameMention]) {
        for anchors in self.index.by_surname.values_mut() {
            keep_most_named(anchors);
        }
        let compass = self.compass_words();
        for (i, m) in mentions.iter().enumerate() {
            if self.owner[i] != usize::MAX {
                continue;
            }
            if m.same_as_previous() && i > 0 && self.owner[i - 1] != usize::MAX {
                self.owner[i] = self.owner[i - 1];
                continue;
            }
            if let Some(&Some(p)) = compass.get(self.form(m)) {
                self.owner[i] = p;
                continue;
            }
            self.owner[i] = self.single_word_actor(m);
        }
    }

    /// A single word's actor: an earlier one it names, or a new one; the word is then
    /// filed by its form and, folded, by its form in other capitals.
    fn single_word_actor(&mut self, m: &NameMention) -> usize {
        let f = self.form(m);
        // "SOCHI, Russia —" and "in Sochi": a word in capitals (a dateline, a shouted
        // headline) is the same word in title case when both are read as the same kind.
        let upper = f.chars().all(|c| !c.is_lowercase());
        let title = !upper && f.chars().skip(1).all(|c| !c.is_uppercase());
        // N.B. Folded in a buffer on the stack: only a form not seen before is allocated.
        let mut buf = [0u8; 48];
        let folded: Option<std::borrow::Cow<str>> = (f.len() >= MIN_FOLDED_BYTES
            && (upper || title))
            .then(|| match lower_ascii(f, &mut buf) {
                Some(l) => std::borrow::Cow::Borrowed(l),
                None => std::borrow::Cow::Owned(f.to_lowercase()),
            });
        let slot = m.kind().map_or(0, |k| k as usize + 1);
        let p = match self.earlier_actor(m, folded.as_deref(), upper, slot) {
            Some(p) => p,
            None => {
                self.protos.push(Proto::new(None));
                let p = self.protos.len() - 1;
                if person_like(m) && f.chars().count() >= MIN_SURNAME_CHARS {
                    self.protos[p].surname = Some(f.to_owned());
                }
                p
            }
        };
        self.index.by_form.entry(f).or_insert(p);
        if let Some(key) = folded {
            let slots = match self.index.by_folded.get_mut(key.as_ref()) {
                Some(slots) => slots,
                None => self.index.by_folded.entry(key.into_owned()).or_default(),
            };
            slots[slot].get_or_insert((p, upper));
        }
        p
    }

    /// The actor an earlier name gives a single word, first found of: the same form, the
    /// same word in other capitals read as the same kind, an acronym of a multi-word name,
    /// "the" and a head word, a person's surname or first name (the nearest bearer).
    fn earlier_actor(
        &self,
        m: &NameMention,
        folded: Option<&str>,
        upper: bool,
        slot: usize,
    ) -> Option<usize> {
        let (ix, f) = (&self.index, self.form(m));
        let nearest = |anchors: &Vec<(usize, usize)>| nearest(anchors, m.span().start);
        ix.by_form
            .get(f)
            .copied()
            .or_else(|| {
                let (p, seen_upper) = ix.by_folded.get(folded?)?[slot]?;
                (seen_upper != upper).then_some(p)
            })
            .or_else(|| ix.by_initials.get(f.trim_end_matches('.')).copied())
            .or_else(|| {
                // "the Court", after "the Supreme Court": the last body so named before.
                let after_the = (m.first_token as usize)
                    .checked_sub(1)
                    .is_some_and(|t| matches!(self.doc.token_text(t), "the" | "The"));
                let anchors = ix.by_head.get(f).filter(|_| after_the)?;
                let k = anchors.partition_point(|&(a, _)| a < m.span().start);
                k.checked_sub(1).map(|k| anchors[k].1)
            })
            .or_else(|| {
                if !person_like(m) {
                    return None;
                }
                ix.by_surname
                    .get(f)
                    .and_then(nearest)
                    .or_else(|| ix.by_given.get(f).and_then(nearest))
            })
    }
}

/// One actor while its mentions are read in text order.
struct Building<'t> {
    entity: Option<u32>,
    /// The votes of its mentions' clues, and apart from them their default votes.
    votes: [u32; 3],
    defaults: [u32; 3],
    aliases: Vec<String>,
    /// The longest form that may be shown as the name, with the key it won by.
    name: Option<((usize, usize, bool), &'t str)>,
    mentions: Vec<Mention>,
    /// Its first [`kinds::MAX_MENTIONS`] mentions, as places in the name mentions: whose
    /// kind features the model reads.
    ///
    /// N.B. Their features are hashed only when the actor is finished, into one buffer
    /// for all actors: kept per actor while the mentions are walked, they were a fifth
    /// of the peak memory of a 10 MB article (20 hashes a mention, 2,000 actors).
    first: Vec<u32>,
}

/// The actors, from each mention's owner: one walk over the mentions in text order.
///
/// N.B. Walking each actor's own mentions instead would hop across the whole text, one
/// cache miss per mention on a large article (that made this step four times slower per
/// megabyte at 10 MB than at 1 MB). In text order the text and the mentions are read
/// front to back; only the few actors are visited at random. Actors come out in order of
/// first mention, each mention list already sorted.
fn build<'t>(
    doc: &Document<'t>,
    protos: &[Proto],
    owner: &[usize],
    mentions: &[NameMention],
    lexicon: &Lexicon,
    keep: bool,
) -> (Vec<Actor>, Vec<Vec<(u64, f32)>>) {
    let text = doc.text;
    debug_assert!(mentions.is_sorted_by_key(|m| m.span().start));
    // The actor each proto ends up in, once it is met.
    let mut actor_of: Vec<usize> = vec![usize::MAX; protos.len()];
    let mut building: Vec<Building<'t>> = Vec::new();
    let mut seen: HashSet<(usize, &'t str)> = HashSet::new();
    for (i, (m, &p)) in mentions.iter().zip(owner).enumerate() {
        let mut root = p;
        while let Some(r) = protos[root].merged_into {
            root = r;
        }
        if actor_of[root] == usize::MAX {
            actor_of[root] = building.len();
            building.push(Building::new(protos[root].entity));
        }
        let a = actor_of[root];
        let form = &text[m.span().range()];
        let new_form = seen.insert((a, form));
        building[a].add(m, i, form, new_form);
    }
    let model = kinds::Model::builtin();
    let genre = kinds::document_features(mentions);
    let mut kept = Vec::new();
    let mut hashes = Vec::new();
    let actors = building
        .into_iter()
        .enumerate()
        .map(|(id, b)| {
            let features = b.kind_features(doc, mentions, lexicon, &genre, &mut hashes);
            let actor = b.into_actor(id, model.probabilities(&features), lexicon);
            if keep {
                kept.push(features);
            }
            actor
        })
        .collect();
    (actors, kept)
}

impl<'t> Building<'t> {
    fn new(entity: Option<u32>) -> Self {
        Building {
            entity,
            votes: [0; 3],
            defaults: [0; 3],
            aliases: Vec::new(),
            name: None,
            mentions: Vec::new(),
            first: Vec::new(),
        }
    }

    /// Adds mention `index`, written `form` (an alias when `new_form`): its votes, its
    /// claim to be the name shown, and while there are few mentions its place, whose kind
    /// features [`Building::kind_features`] reads.
    fn add(&mut self, m: &NameMention, index: usize, form: &'t str, new_form: bool) {
        for (v, n) in self.votes.iter_mut().zip(m.votes) {
            *v += u32::from(n);
        }
        // A default vote is counted apart: evidence that no other clue spoke.
        if m.clues & clue::DEFAULT_PERSON != 0 {
            self.votes[0] -= 1;
            self.defaults[0] += 1;
        } else if m.clues & clue::DEFAULT_ORGANIZATION != 0 {
            self.votes[1] -= 1;
            self.defaults[1] += 1;
        }
        if new_form {
            self.aliases.push(form.to_owned());
        }
        // A demonym or a name in another script is an alias, never the name shown.
        if !m.demonym() && !m.same_as_previous() {
            let words = (m.last_token - m.first_token) as usize;
            // More words, then more letters, then not in capitals ("Vienna", "VIENNA").
            let key = (words, form.len(), form.chars().any(char::is_lowercase));
            if self.name.is_none_or(|(k, _)| key > k) {
                self.name = Some((key, form));
            }
        }
        if self.first.len() < kinds::MAX_MENTIONS {
            self.first.push(index as u32);
        }
        self.mentions.push(Mention {
            start: m.span().start,
            end: m.span().end,
            demonym: m.demonym(),
        });
    }

    /// What the kind model reads: the mentions' features, the votes as evidence too
    /// (which kind they favour, and whether only the default votes of names with no other
    /// clue gave it), and the document's. `hashes` is scratch, reused from actor to
    /// actor.
    fn kind_features(
        &self,
        doc: &Document,
        mentions: &[NameMention],
        lexicon: &Lexicon,
        genre: &[u64],
        hashes: &mut Vec<u64>,
    ) -> Vec<(u64, f32)> {
        hashes.clear();
        for &i in &self.first {
            kinds::mention_features(doc, &mentions[i as usize], lexicon, hashes);
        }
        let all: [u32; 3] = std::array::from_fn(|k| self.votes[k] + self.defaults[k]);
        let best = (0..3).max_by_key(|&k| (all[k], std::cmp::Reverse(k))).unwrap_or(0);
        hashes.push(kinds::feature("votes", Kind::ALL[best].as_str()));
        if self.votes == [0; 3] {
            hashes.push(kinds::feature("default", Kind::ALL[best].as_str()));
        }
        kinds::add_document_features(genre, hashes);
        kinds::finish(hashes, self.mentions.len())
    }

    /// The finished actor, of the kind the model gives it unless the user's lexicon says
    /// what it is; named by its longest form, else its entity, else its first alias.
    fn into_actor(self, id: usize, probabilities: [f32; 3], lexicon: &Lexicon) -> Actor {
        let (mut kind, mut sure) = kinds::decide(probabilities);
        if let Some(e) = self.entity.filter(|&e| lexicon.is_user_entity(e)) {
            kind = lexicon.entity(e).kind;
            sure = true;
        }
        let name = match (self.name, self.entity) {
            (Some((_, n)), _) => n.to_owned(),
            (None, Some(e)) => lexicon.entity(e).name.to_string(),
            (None, None) => self.aliases.first().cloned().unwrap_or_default(),
        };
        Actor { id, name, kind, unsure: !sure, aliases: self.aliases, mentions: self.mentions }
    }
}

/// The lexicon entity a longer, formal name names: a company with its legal suffix
/// ("Tesla Inc" is Tesla), a place with its style ("the State of Texas" is Texas),
/// whichever the article writes first.
fn formal_base(form: &str, lexicon: &Lexicon) -> Option<u32> {
    let place = |name: &str| match lexicon.meaning_of(name)? {
        super::lexicon::Meaning::Name(e) if lexicon.entity(e).kind == Kind::Place => Some(e),
        _ => None,
    };
    if let Some((style, name)) = form.split_once(" of ") {
        let style =
            style.strip_prefix("the ").or_else(|| style.strip_prefix("The ")).unwrap_or(style);
        if matches!(style, "State" | "City" | "Province" | "Commonwealth" | "Town" | "County") {
            return place(name);
        }
    }
    let (base, suffix) = form.rsplit_once(' ')?;
    if !matches!(
        suffix,
        "Inc"
            | "Inc."
            | "Corp"
            | "Corp."
            | "Corporation"
            | "Co"
            | "Co."
            | "Ltd"
            | "Ltd."
            | "LLC"
            | "PLC"
            | "plc"
            | "AG"
            | "SA"
            | "NV"
            | "SE"
    ) {
        return None;
    }
    match lexicon.meaning_of(base)? {
        super::lexicon::Meaning::Name(e) => Some(e),
        _ => None,
    }
}

/// "J." is compatible with "Joanne"; otherwise first names must be equal.
fn compatible_given(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let initial = short.trim_end_matches('.');
    initial.chars().count() == 1 && long.starts_with(initial)
}

/// Keeps, of the people whose full names share a surname, the mentions of those the
/// article names in full most often: its subject ("Padalecki" is Jared, not his mother
/// Sherri Padalecki, though her name may stand nearer a bare "Padalecki"). A tie keeps
/// them all, for the one named last before to decide ("Raymond Chan" and "Jasper
/// Chan", once each).
fn keep_most_named(anchors: &mut Vec<(usize, usize)>) {
    let Some(&(_, first)) = anchors.first() else { return };
    if anchors.iter().all(|&(_, p)| p == first) {
        return;
    }
    let mut counts: Vec<(usize, usize)> = Vec::new();
    for &(_, p) in anchors.iter() {
        match counts.iter_mut().find(|c| c.0 == p) {
            Some(c) => c.1 += 1,
            None => counts.push((p, 1)),
        }
    }
    let most = counts.iter().map(|c| c.1).max().unwrap_or(0);
    anchors.retain(|&(_, p)| counts.iter().any(|&(q, n)| q == p && n == most));
}

/// The actor of the last anchor before `pos`, else of the first after it; `anchors` are
/// (position, actor), sorted.
fn nearest(anchors: &[(usize, usize)], pos: usize) -> Option<usize> {
    let k = anchors.partition_point(|&(a, _)| a < pos);
    // N.B. The last one before, else the first after: a bare name refers back to the
    // person just named far more often than ahead to one named later.
    k.checked_sub(1).map(|j| anchors[j].1).or_else(|| anchors.get(k).map(|&(_, p)| p))
}

/// The capitals of a multi-word name's words: "Korean Central News Agency" → "KCNA",
/// "New People's Party" → "NPP".
fn initials(doc: &Document, m: &NameMention) -> String {
    let mut s = String::new();
    for t in m.first_token..=m.last_token {
        let w = doc.token_text(t as usize);
        let c = w.chars().next().unwrap_or(' ');
        if c.is_uppercase() {
            s.push(c);
        }
    }
    s
}

/// A surname this long (in characters) may be one edit from another spelling of it;
/// a shorter one none: "Chen" and "Chan" are two people.
const ONE_EDIT_CHARS: usize = 5;

/// A surname this long may be two edits from another spelling ("Szijjarto", "Sijarto").
const TWO_EDITS_CHARS: usize = 8;

/// A bucket of surnames larger than this is a list of many different names, not one
/// name misspelled; skipping it keeps [`join_spellings`] linear on huge inputs.
const MAX_BUCKET: usize = 64;

/// Joins actors whose surnames are spelled one or two edits apart ("Szijjarto" /
/// "Szijarto"), when exactly one candidate is closest and both are persons. Buckets by
/// first letter and length keep this from comparing every actor with every other.
fn join_spellings(protos: &mut [Proto], mentions: &[NameMention]) {
    let buckets = surname_buckets(protos);
    for p in 0..protos.len() {
        if protos[p].merged_into.is_some() {
            continue;
        }
        let Some(q) = closest_spelling(protos, &buckets, p) else { continue };
        if !is_person(&protos[p], mentions) || !is_person(&protos[q], mentions) {
            continue;
        }
        // The actor with a full name (or else the earlier one) keeps the mentions.
        let (keep, gone) = if protos[p].given.is_some() || (protos[q].given.is_none() && p < q) {
            (p, q)
        } else {
            (q, p)
        };
        protos[gone].merged_into = Some(keep);
    }
}

/// The protos with a surname, under its first letter and its length in characters.
fn surname_buckets(protos: &[Proto]) -> HashMap<(char, usize), Vec<usize>> {
    let mut buckets: HashMap<(char, usize), Vec<usize>> = HashMap::new();
    for (p, proto) in protos.iter().enumerate() {
        if let Some(s) = &proto.surname {
            let c = s.chars().next().unwrap_or(' ');
            buckets.entry((c, s.chars().count())).or_default().push(p);
        }
    }
    buckets
}

/// How many edits a surname of `chars` characters may be from another spelling of it.
fn max_edits(chars: usize) -> usize {
    if chars >= TWO_EDITS_CHARS {
        2
    } else if chars >= ONE_EDIT_CHARS {
        1
    } else {
        0
    }
}

/// The one proto not yet joined whose surname is closest to `p`'s, spelled otherwise
/// but within [`max_edits`], with a compatible first name if both have one; none when
/// two are equally close.
fn closest_spelling(
    protos: &[Proto],
    buckets: &HashMap<(char, usize), Vec<usize>>,
    p: usize,
) -> Option<usize> {
    let s = protos[p].surname.as_deref()?;
    let len = s.chars().count();
    let max_edits = max_edits(len);
    if max_edits == 0 {
        return None;
    }
    let c = s.chars().next().unwrap_or(' ');
    let mut best: Option<(usize, usize)> = None;
    let mut tie = false;
    for l in len.saturating_sub(max_edits)..=len + max_edits {
        let Some(bucket) = buckets.get(&(c, l)) else { continue };
        if bucket.len() > MAX_BUCKET {
            continue;
        }
        for &q in bucket {
            if q == p || protos[q].merged_into.is_some() {
                continue;
            }
            let Some(t) = protos[q].surname.as_deref() else { continue };
            if t == s {
                continue;
            }
            // Two full names must agree on the first name.
            if let (Some(g1), Some(g2)) = (&protos[p].given, &protos[q].given) {
                if !compatible_given(g1, g2) {
                    continue;
                }
            }
            let d = strsim::damerau_levenshtein(s, t);
            if d > max_edits {
                continue;
            }
            match best {
                Some((bd, _)) if d > bd => {}
                Some((bd, _)) if d == bd => tie = true,
                _ => {
                    best = Some((d, q));
                    tie = false;
                }
            }
        }
    }
    best.filter(|_| !tie).map(|(_, q)| q)
}

/// Whether a proto's mentions read as a person: person votes lead, or the clues to
/// other kinds are weak ones only (a lone word's default), which leave a name free to
/// join a person.
fn is_person(proto: &Proto, mentions: &[NameMention]) -> bool {
    let mut v = [0u32; 3];
    let n = proto.mentions.len() as u32;
    for &i in &proto.mentions {
        for (a, b) in v.iter_mut().zip(mentions[i].votes) {
            *a += u32::from(b);
        }
    }
    let weak = u32::from(WEAK_VOTES) * n;
    (v[0] >= v[1] && v[0] >= v[2]) || (v[1] <= weak && v[2] <= weak)
}
