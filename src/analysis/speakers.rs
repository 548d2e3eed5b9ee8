//! Who said each quote: the reporting word near it and the actor that word points to.
//!
//! News attributes quotes in a handful of shapes, and each is read from the tokens
//! around the quote, never from inside another quote:
//!
//! - before the quote, in its sentence: `X said "…"`, `X said that … "…"`,
//!   `X, who warned "…"`, `X had previously affirmed that "…"`, `according to X, "…"`;
//! - right after it: `"…," X said`, `"…," said X`, `"…," X, the minister, said`;
//! - a participle after a comma (`…, adding "…"`) or a coordinated verb (`and told …`)
//!   keeps the subject of its sentence;
//! - no reporting word: a quote continuing the previous one keeps its speaker.
//!
//! The subject is then an actor by one of: a mention of the actor, a pronoun (he, she →
//! a person of the fitting gender; it → an organization), a role ("the Kremlin
//! spokesman" → the actor the article names so; "the city" → the nearest place), or a
//! group ("both sides", "officials"), which gives no single actor and so no speaker.
//!
//! Every look is bounded (a sentence, a few paragraphs back, binary search in sorted
//! indexes), so attribution stays linear in the text.

use super::text::{Document, TokenKind};
use super::{Actor, ActorId, Kind, Lexicon, Quote, Span};
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// What a reporting word is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CueKind {
    /// A verb whose subject is the speaker.
    Verb {
        /// "adding", "saying": has no subject of its own after a comma.
        participle: bool,
        /// "told", "briefed": the word after it is the one addressed, not the speaker.
        addressee: bool,
    },
    /// "according to": the speaker comes after it.
    Source,
}

#[derive(Debug)]
struct Phrase {
    words: Vec<String>,
    kind: CueKind,
}

/// The reporting words of assets/lexicon/reporting_verbs.txt, by their first word.
#[derive(Debug, Default)]
struct Cues {
    by_first: HashMap<String, Vec<Phrase>, BuildHasherDefault<Fnv>>,
}

/// FNV-1a: the cue table is looked up for every word near a quote, with keys of a few
/// bytes, where SipHash's setup costs more than the lookup.
#[derive(Debug, Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for &b in bytes {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// The reporting words, parsed once from the list compiled into the binary.
fn cues() -> &'static Cues {
    static CUES: OnceLock<Cues> = OnceLock::new();
    CUES.get_or_init(|| parse_cues(include_str!("../../assets/lexicon/reporting_verbs.txt")))
}

fn parse_cues(list: &str) -> Cues {
    let mut cues = Cues::default();
    for line in list.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (forms, source, addressee) = if let Some(rest) = line.strip_prefix("source:") {
            (rest, true, false)
        } else if let Some(rest) = line.strip_prefix('!') {
            (rest, false, true)
        } else {
            (line, false, false)
        };
        for form in forms.split(',') {
            let words: Vec<String> = form.split_whitespace().map(str::to_lowercase).collect();
            let Some(first) = words.first().cloned() else { continue };
            let kind = if source {
                CueKind::Source
            } else {
                let participle = words.first().is_some_and(|w| w.ends_with("ing"));
                CueKind::Verb { participle, addressee }
            };
            cues.by_first.entry(first).or_default().push(Phrase { words, kind });
        }
    }
    // Longest phrases first, so "pointed out" wins over a shorter match.
    for phrases in cues.by_first.values_mut() {
        phrases.sort_by_key(|p| std::cmp::Reverse(p.words.len()));
    }
    cues
}

/// Auxiliaries and adverbs that may stand between a subject and its reporting verb
/// ("Peskov had previously affirmed", "He also stressed").
const BETWEEN: &[&str] = &[
    "had",
    "has",
    "have",
    "was",
    "is",
    "were",
    "are",
    "will",
    "would",
    "could",
    "should",
    "may",
    "might",
    "must",
    "did",
    "does",
    "do",
    "also",
    "then",
    "later",
    "again",
    "once",
    "further",
    "earlier",
    "already",
    "still",
    "not",
    "never",
    "just",
    "since",
    "first",
    "last",
    "now",
    "today",
    "yesterday",
    "too",
    "even",
    "been",
    "often",
];

/// Nouns for what an actor issued ("the Kremlin statement indicated", "Cornyn's
/// statement added"): the actor before them is the speaker.
const DOCUMENTS: &[&str] = &[
    "statement",
    "statements",
    "remarks",
    "report",
    "release",
    "communique",
    "letter",
    "message",
    "post",
    "tweet",
    "website",
    "account",
    "announcement",
    "memo",
    "note",
    "editorial",
    "spokesperson's",
    "blog",
];

/// Words before a base form that make it a noun ("a call", "the report").
const DETERMINERS: &[&str] =
    &["a", "an", "the", "his", "her", "its", "their", "this", "that", "our", "my", "your"];

/// Roles that name a person ("the spokesman", "the president").
const PERSON_ROLES: &[&str] = &[
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "president",
    "minister",
    "premier",
    "chancellor",
    "secretary",
    "official",
    "prosecutor",
    "ambassador",
    "envoy",
    "representative",
    "director",
    "chief",
    "chairman",
    "chairwoman",
    "chair",
    "governor",
    "mayor",
    "senator",
    "general",
    "commander",
    "leader",
    "king",
    "queen",
    "pope",
    "ceo",
    "founder",
    "lawyer",
    "attorney",
    "judge",
    "professor",
    "coach",
    "manager",
    "delegate",
    "diplomat",
    "head",
    "editor",
    "author",
    "researcher",
    "scientist",
    "economist",
    "councillor",
    "councilor",
    "lawmaker",
    "legislator",
    "congressman",
    "congresswoman",
    "deputy",
    "undersecretary",
    "administrator",
    "commissioner",
    "inspector",
    "officer",
    "captain",
    "sheriff",
    "executive",
    "prince",
    "princess",
    "emir",
    "sheikh",
    "cardinal",
    "bishop",
    "priest",
    "imam",
    "rabbi",
    "actor",
    "actress",
    "singer",
    "player",
    "striker",
    "father",
    "mother",
    "activist",
    "homeopath",
    "doctor",
    "detective",
];

/// Roles that name a place ("the city reasoned").
const PLACE_ROLES: &[&str] = &[
    "city", "town", "country", "state", "nation", "capital", "region", "province", "village",
    "island", "republic", "kingdom",
];

/// Roles that name an organization ("the company said").
const ORG_ROLES: &[&str] = &[
    "company",
    "firm",
    "government",
    "ministry",
    "department",
    "agency",
    "group",
    "organization",
    "organisation",
    "party",
    "council",
    "court",
    "union",
    "committee",
    "commission",
    "police",
    "army",
    "military",
    "network",
    "newspaper",
    "paper",
    "broadcaster",
    "office",
    "authority",
    "bank",
    "club",
    "team",
    "university",
    "school",
    "church",
    "administration",
    "board",
    "institute",
    "foundation",
    "association",
    "federation",
    "movement",
    "campaign",
    "coalition",
    "alliance",
    "embassy",
    "parliament",
    "senate",
    "congress",
    "regime",
    "municipality",
    "daily",
    "outlet",
    "magazine",
    "kremlin",
    "prosecution",
    "defence",
    "defense",
    "cabinet",
    "palace",
    "junta",
    "militia",
    "airline",
    "startup",
    "manufacturer",
    "carrier",
    "operator",
    "retailer",
    "insurer",
    "channel",
];

/// Subjects that are several actors, not one: no single speaker.
const GROUPS: &[&str] = &[
    "officials",
    "sides",
    "parties",
    "analysts",
    "experts",
    "critics",
    "observers",
    "residents",
    "witnesses",
    "sources",
    "people",
    "protesters",
    "protestors",
    "authorities",
    "leaders",
    "both",
    "others",
    "many",
    "some",
    "members",
    "lawmakers",
    "investigators",
    "diplomats",
    "activists",
    "scientists",
    "researchers",
    "doctors",
    "countries",
    "nations",
    "governments",
    "ministers",
    "delegates",
    "organizers",
    "organisers",
    "students",
    "workers",
    "families",
    "parents",
    "men",
    "women",
    "fans",
    "supporters",
    "opponents",
    "everyone",
    "all",
    "two",
    "three",
    "each",
    "neither",
    "either",
    "we",
];

/// Honorifics that tell a person's gender ("Mr. Tedeschi").
const MALE_TITLES: &[&str] = &["mr", "sir", "king", "prince", "lord", "father", "brother"];
const FEMALE_TITLES: &[&str] =
    &["mrs", "ms", "miss", "madam", "lady", "queen", "princess", "dame", "sister", "mother"];

/// The word lists above as sets, built once: they are asked about every word near a quote.
/// A set of list words, hashed like the cue table.
type Set = HashSet<&'static str, BuildHasherDefault<Fnv>>;

struct Words {
    between: Set,
    documents: Set,
    determiners: Set,
    person_roles: Set,
    place_roles: Set,
    org_roles: Set,
    groups: Set,
    male_titles: Set,
    female_titles: Set,
}

fn words() -> &'static Words {
    static WORDS: OnceLock<Words> = OnceLock::new();
    WORDS.get_or_init(|| {
        let set = |list: &[&'static str]| list.iter().copied().collect();
        Words {
            between: set(BETWEEN),
            documents: set(DOCUMENTS),
            determiners: set(DETERMINERS),
            person_roles: set(PERSON_ROLES),
            place_roles: set(PLACE_ROLES),
            org_roles: set(ORG_ROLES),
            groups: set(GROUPS),
            male_titles: set(MALE_TITLES),
            female_titles: set(FEMALE_TITLES),
        }
    })
}

/// How many paragraphs back a pronoun or role may reach for its actor.
const REACH_PARAGRAPHS: usize = 3;
/// How many tokens a reporting word may sit from its quote on either side.
const WINDOW_TOKENS: usize = 80;
/// How many tokens after a quote an attribution may take ("…," X, the minister, said).
const AFTER_TOKENS: usize = 14;
/// A quote of at most this many words inside a sentence, with no attribution, is a term
/// or a name in quotation marks ("known as "Super District Council""), not a statement.
const SHORT_WORDS: usize = 4;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gender {
    Unknown,
    Male,
    Female,
}

/// What stands in the subject place of a reporting word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Subject {
    Actor(ActorId),
    /// A personal pronoun at this token.
    Pronoun(Pronoun, usize),
    /// A role noun at this token ("spokesman"), with the actor named in its modifiers
    /// ("Kremlin spokesman") if any.
    Role(usize, Option<ActorId>),
    /// Several actors; `dual` for "both sides", "the two leaders".
    Group {
        dual: bool,
    },
    /// No subject of its own: the subject of its sentence.
    Inherit,
    None,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pronoun {
    He,
    She,
    It,
    They,
}

/// A reporting word found near a quote: its tokens `start..end` and kind.
#[derive(Debug, Clone, Copy)]
struct Cue {
    start: usize,
    end: usize,
    kind: CueKind,
}

/// Everything the attribution reads, indexed once.
struct Context<'a, 't> {
    doc: &'a Document<'t>,
    spans: &'a [Span],
    actors: &'a [Actor],
    /// Every mention, sorted by position.
    mentions: Vec<(Span, ActorId)>,
    /// For each mention, the first token at or after its start and after its end.
    mention_tokens: Vec<(usize, usize)>,
    gender: Vec<Gender>,
    /// For each actor, the role words written next to its mentions ("spokesman" for
    /// "Kremlin spokesman Dmitry Peskov"), with the position of that mention.
    roles: HashMap<String, Vec<(usize, ActorId)>>,
    /// Start of every paragraph after the first, sorted.
    paragraph_starts: Vec<usize>,
    cues: &'static Cues,
}

/// Attributes each quoted span to a speaker among the actors.
///
/// Quotes of a few words inside a sentence with no attribution at all are left out:
/// they are terms and names in quotation marks, not statements.
pub fn attribute(
    doc: &Document,
    spans: &[Span],
    actors: &[Actor],
    _lexicon: &Lexicon,
) -> Vec<Quote> {
    let cx = Context::new(doc, spans, actors);
    let mut out: Vec<Quote> = Vec::with_capacity(spans.len());
    // The last attributed quote: its span and speaker.
    let mut last: Option<(Span, Option<ActorId>)> = None;
    for &span in spans {
        let (speaker, cue) = cx.attribute_one(span, last);
        if speaker.is_none()
            && cue.is_none()
            && cx.word_count(span) <= SHORT_WORDS
            && !cx.opens_sentence(span)
        {
            continue;
        }
        out.push(Quote { start: span.start, end: span.end, speaker, cue });
        last = Some((span, speaker));
    }
    out
}

impl<'a, 't> Context<'a, 't> {
    fn new(doc: &'a Document<'t>, spans: &'a [Span], actors: &'a [Actor]) -> Self {
        let mut mentions: Vec<(Span, ActorId)> =
            actors.iter().flat_map(|a| a.mentions.iter().map(move |m| (m.span(), a.id))).collect();
        mentions.sort_unstable();
        let paragraph_starts = paragraph_starts(doc.text);
        let mention_tokens = mention_tokens(doc, &mentions);
        let mut cx = Context {
            doc,
            spans,
            actors,
            mentions,
            mention_tokens,
            gender: vec![Gender::Unknown; actors.len()],
            roles: HashMap::new(),
            paragraph_starts,
            cues: cues(),
        };
        cx.gender = cx.infer_genders();
        cx.roles = cx.role_index();
        cx
    }

    fn text(&self) -> &'t str {
        self.doc.text
    }

    fn word(&self, t: usize) -> &'t str {
        self.doc.token_text(t)
    }

    fn is_word(&self, t: usize) -> bool {
        self.doc.tokens[t].kind == TokenKind::Word
    }

    /// Token `t` in lower case, without allocating (empty for a word no list holds).
    fn lower(&self, t: usize) -> Lower {
        Lower::of(self.word(t))
    }

    fn kind_of(&self, id: ActorId) -> Option<Kind> {
        self.actors.get(id).map(|a| a.kind)
    }

    /// The quote holding `offset`, if any.
    fn quote_at(&self, offset: usize) -> Option<Span> {
        let i = self.spans.partition_point(|s| s.end <= offset);
        self.spans.get(i).copied().filter(|s| s.contains(offset))
    }

    fn in_quote(&self, t: usize) -> bool {
        self.quote_at(self.doc.tokens[t].start).is_some()
    }

    /// The actor named at token `t`, if a mention covers it.
    fn actor_at(&self, t: usize) -> Option<ActorId> {
        let tok = self.doc.tokens[t].span();
        let i = self.mentions.partition_point(|(s, _)| s.end <= tok.start);
        self.mentions.get(i).filter(|(s, _)| s.overlaps(tok)).map(|&(_, id)| id)
    }

    fn paragraph_of(&self, offset: usize) -> usize {
        self.paragraph_starts.partition_point(|&p| p <= offset)
    }

    fn word_count(&self, span: Span) -> usize {
        let lo = self.doc.token_at_or_after(span.start);
        let hi = self.doc.token_at_or_after(span.end);
        (lo..hi).filter(|&t| self.is_word(t)).count()
    }

    /// Reads the gender of each person from honorifics and the pronouns that follow
    /// its mentions; a person never called he or she stays unknown and fits either.
    fn infer_genders(&self) -> Vec<Gender> {
        let mut votes = vec![(0i32, 0i32); self.actors.len()];
        if !self.actors.iter().any(|a| a.kind == Kind::Person) {
            return vec![Gender::Unknown; self.actors.len()];
        }
        for (&(_, id), &(t, _)) in self.mentions.iter().zip(&self.mention_tokens) {
            if self.kind_of(id) != Some(Kind::Person) {
                continue;
            }
            let before = (t.saturating_sub(2)..t).rev().find(|&b| self.is_word(b));
            if let Some(b) = before {
                let w = self.lower(b);
                if words().male_titles.contains(w.as_str()) {
                    votes[id].0 += 3;
                } else if words().female_titles.contains(w.as_str()) {
                    votes[id].1 += 3;
                }
            }
        }
        // A third-person pronoun after a person in its sentence votes for the sentence's
        // first person, its likely subject ("Thomas Sam decided to treat his daughter
        // himself"). Pronouns opening a sentence do not vote: they as often point to the
        // object of the sentence before.
        let mut m = 0usize;
        let mut subject: Option<(u32, ActorId)> = None; // (sentence, actor)
        for (t, tok) in self.doc.tokens.iter().enumerate() {
            while m < self.mentions.len() && self.mentions[m].0.end <= tok.start {
                let (span, id) = self.mentions[m];
                let at = self.mention_tokens[m].0;
                let sentence = self.doc.tokens.get(at).map_or(u32::MAX, |t| t.sentence);
                let fresh = subject.is_none_or(|(s, _)| s != sentence);
                if fresh
                    && self.kind_of(id) == Some(Kind::Person)
                    && self.quote_at(span.start).is_none()
                {
                    subject = Some((sentence, id));
                }
                m += 1;
            }
            // Every pronoun below starts with h or s: most words are passed over here.
            if tok.kind != TokenKind::Word
                || !matches!(self.doc.text.as_bytes()[tok.start], b'h' | b'H' | b's' | b'S')
            {
                continue;
            }
            let male = matches!(self.word(t), "he" | "He" | "him" | "his" | "His" | "himself");
            let female = matches!(self.word(t), "she" | "She" | "her" | "Her" | "hers" | "herself");
            if !(male || female) || self.quote_at(tok.start).is_some() {
                continue;
            }
            if let Some((s, id)) = subject
                && tok.sentence == s
            {
                if male {
                    votes[id].0 += 1;
                } else {
                    votes[id].1 += 1;
                }
            }
        }
        votes
            .into_iter()
            .map(|(m, f)| match m.cmp(&f) {
                std::cmp::Ordering::Greater => Gender::Male,
                std::cmp::Ordering::Less => Gender::Female,
                std::cmp::Ordering::Equal => Gender::Unknown,
            })
            .collect()
    }

    /// Role words next to each person's mentions: up to three words before it
    /// ("Kremlin spokesman Dmitry Peskov"), in it, or in an apposition after ("X, the
    /// president,").
    fn role_index(&self) -> HashMap<String, Vec<(usize, ActorId)>> {
        let mut roles: HashMap<String, Vec<(usize, ActorId)>> = HashMap::new();
        for (&(span, id), &(first, after)) in self.mentions.iter().zip(&self.mention_tokens) {
            if self.kind_of(id) != Some(Kind::Person) {
                continue;
            }
            let sentence = self.doc.tokens.get(first).map(|t| t.sentence);
            // Before the name, and inside it when the mention keeps its title
            // ("President Vladimir Putin").
            let mut near: Vec<usize> = (first.saturating_sub(3)..after).collect();
            if after < self.doc.tokens.len() && self.word(after) == "," {
                near.extend(
                    (after + 1..(after + 5).min(self.doc.tokens.len()))
                        .take_while(|&t| self.word(t) != "," && self.word(t) != "."),
                );
            }
            for t in near {
                if Some(self.doc.tokens[t].sentence) != sentence || !self.is_word(t) {
                    continue;
                }
                let w = self.lower(t);
                if words().person_roles.contains(w.as_str()) {
                    roles.entry(w.as_str().to_owned()).or_default().push((span.start, id));
                }
            }
        }
        roles
    }

    /// The speaker and cue of one quote, given the last attributed quote before it.
    fn attribute_one(
        &self,
        q: Span,
        last: Option<(Span, Option<ActorId>)>,
    ) -> (Option<ActorId>, Option<String>) {
        let prev_speaker = last.and_then(|(_, s)| s);
        let same_sentence = last
            .is_some_and(|(p, _)| self.doc.sentence_of(p.start) == self.doc.sentence_of(q.start));
        let same_paragraph =
            last.is_some_and(|(p, _)| self.paragraph_of(p.start) == self.paragraph_of(q.start));
        // A quote ending in a comma (or ? !) hands over to what follows it: `"…," X
        // said` names its speaker even after an earlier verb ("After Jones said the talks
        // failed, "we go on," Smith said").
        let inner = self.text()[q.range()]
            .trim_end_matches(|c: char| c.is_whitespace() || super::quotes::is_quote_mark(c));
        let hands_over = inner.ends_with([',', '?', '!', '\u{2014}']);
        let mut after = None;
        if hands_over {
            after = Some(self.cue_after(q));
        }
        let found = after.flatten().or_else(|| {
            let before = self.cue_before(q).map(|c| (c, self.subject_of(c, q)));
            match before {
                Some((c, s)) if s != Subject::None => Some((c, s)),
                other => after.unwrap_or_else(|| self.cue_after(q)).or(other),
            }
        });
        if let Some((cue, subject)) = found {
            let speaker = match subject {
                Subject::Actor(id) => Some(id),
                Subject::Pronoun(p, t) => self.resolve_pronoun(p, t, same_paragraph, prev_speaker),
                Subject::Role(t, modifier) => self.resolve_role(t, modifier),
                Subject::Group { dual } => {
                    // "Both sides" of an exchange the last speaker took part in: that
                    // speaker is one of them. Any other group is no single actor.
                    let near = last.is_some_and(|(p, _)| {
                        self.paragraph_of(q.start) <= self.paragraph_of(p.start) + 1
                    });
                    if dual && near { prev_speaker } else { None }
                }
                // The last speaker when it spoke in this sentence or paragraph.
                Subject::Inherit => (same_sentence || same_paragraph)
                    .then_some(prev_speaker)
                    .flatten()
                    .or_else(|| self.sentence_subject(cue)),
                Subject::None => None,
            };
            return (speaker, Some(self.cue_text(cue)));
        }
        // No reporting word: a quote continuing the last one keeps its speaker. It opens
        // its sentence; a quoted term inside a sentence ("To "route out" means") does not
        // continue anything.
        let continues = self.opens_sentence(q)
            && last.is_some_and(|(p, _)| {
                same_paragraph
                    || (self.opens_paragraph(q)
                        && self.paragraph_of(p.start) + 1 == self.paragraph_of(q.start))
            });
        (if continues { prev_speaker } else { None }, None)
    }

    /// Whether no word of the quote's sentence comes before it.
    fn opens_sentence(&self, q: Span) -> bool {
        let sentence = self.doc.sentence_of(q.start);
        let lo = self.doc.sentences.get(sentence).map_or(0, |s| s.start);
        let (lo, hi) = (self.doc.token_at_or_after(lo), self.doc.token_at_or_after(q.start));
        let lo = lo.max(hi.saturating_sub(WINDOW_TOKENS));
        !(lo..hi).any(|t| self.is_word(t) && !self.in_quote(t))
    }

    fn opens_paragraph(&self, q: Span) -> bool {
        let para = self.paragraph_of(q.start);
        let start = para.checked_sub(1).map_or(0, |p| self.paragraph_starts[p]);
        // Stops at the first word, so a long paragraph costs nothing.
        self.text()[start..q.start].chars().all(char::is_whitespace)
    }

    fn cue_text(&self, cue: Cue) -> String {
        (cue.start..cue.end)
            .filter(|&t| self.is_word(t))
            .map(|t| self.lower(t).as_str().to_owned())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// A reporting phrase starting at token `t`, outside quotes.
    fn cue_at(&self, t: usize) -> Option<Cue> {
        if !self.is_word(t) {
            return None;
        }
        let mut buf = [0u8; 24];
        let phrases = self.cues.by_first.get(ascii_lower(self.word(t), &mut buf)?)?;
        if self.in_quote(t) {
            return None;
        }
        let tokens = &self.doc.tokens;
        'phrase: for p in phrases {
            let mut k = t;
            for (n, w) in p.words.iter().enumerate() {
                if n > 0 {
                    k += 1;
                }
                if k >= tokens.len() || !self.is_word(k) || !self.word(k).eq_ignore_ascii_case(w) {
                    continue 'phrase;
                }
            }
            if let CueKind::Verb { .. } = p.kind {
                let before = t.checked_sub(1).filter(|&b| self.is_word(b)).map(|b| self.lower(b));
                if let Some(b) = before.as_deref() {
                    // "a call", "the report": a noun. "was told", "been quoted": passive,
                    // so its subject is not the speaker.
                    if words().determiners.contains(b)
                        || (matches!(b, "was" | "were" | "been" | "being" | "be" | "is" | "are")
                            && !p.words[0].ends_with("ing"))
                    {
                        continue;
                    }
                }
            }
            return Some(Cue { start: t, end: k + 1, kind: p.kind });
        }
        None
    }

    /// The nearest reporting word before the quote in its sentence, or in the sentence
    /// before when that one ends in a colon or comma and the quote opens its own
    /// ("Rathbun stated,\n\n"Daniel was …"").
    fn cue_before(&self, q: Span) -> Option<Cue> {
        let hi = self.doc.token_at_or_after(q.start);
        let sentence = self.doc.sentence_of(q.start);
        let mut lo = self.doc.token_at_or_after(self.doc.sentences.get(sentence)?.start);
        if lo >= hi && sentence > 0 {
            let tail = self.text()[..q.start].trim_end();
            if tail.ends_with(':') || tail.ends_with(',') {
                lo = self.doc.token_at_or_after(self.doc.sentences[sentence - 1].start);
            }
        }
        let lo = lo.max(hi.saturating_sub(WINDOW_TOKENS));
        (lo..hi).rev().find_map(|t| self.cue_at(t).filter(|c| c.end <= hi))
    }

    /// An attribution right after the quote: `"…," X said`, `"…," said X`,
    /// `"…", according to X`.
    fn cue_after(&self, q: Span) -> Option<(Cue, Subject)> {
        let lo = self.doc.token_at_or_after(q.end);
        let tokens = &self.doc.tokens;
        // An attribution is in the quote's paragraph.
        let gap_end = tokens.get(lo).map_or(q.end, |t| t.start);
        if self.text()[q.end..gap_end].contains('\n') {
            return None;
        }
        // The window ends at the next quote, the sentence's end or the paragraph's.
        let next_quote = self.spans.get(self.spans.partition_point(|s| s.start < q.end));
        let stop = next_quote.map_or(usize::MAX, |s| s.start);
        let mut hi = lo;
        while hi < tokens.len() && hi < lo + AFTER_TOKENS {
            let w = self.word(hi);
            if matches!(w, "." | "!" | "?" | ";") || tokens[hi].start >= stop {
                break;
            }
            if hi > lo && self.text()[tokens[hi - 1].end..tokens[hi].start].contains('\n') {
                break;
            }
            hi += 1;
        }
        let first = (lo..hi).find(|&t| self.is_word(t))?;
        if let Some(cue) = self.cue_at(first) {
            return match cue.kind {
                CueKind::Verb { addressee: true, .. } => None,
                CueKind::Verb { participle: true, .. } => None,
                _ => {
                    let s = self.subject_after(cue.end, hi);
                    (s != Subject::None).then_some((cue, s))
                }
            };
        }
        let cue = (first..hi).find_map(|t| {
            self.cue_at(t).filter(|c| !matches!(c.kind, CueKind::Verb { participle: true, .. }))
        })?;
        let s = match cue.kind {
            CueKind::Source => self.subject_after(cue.end, hi),
            CueKind::Verb { .. } => self.subject_before(cue.start, first),
        };
        matches!(
            s,
            Subject::Actor(_) | Subject::Pronoun(..) | Subject::Role(..) | Subject::Group { .. }
        )
        .then_some((cue, s))
    }

    /// The subject of a cue found before quote `q`.
    fn subject_of(&self, cue: Cue, q: Span) -> Subject {
        match cue.kind {
            CueKind::Source => self.subject_after(cue.end, self.doc.token_at_or_after(q.start)),
            CueKind::Verb { participle, .. } => {
                let sentence = self.doc.sentence_of(self.doc.tokens[cue.start].start);
                let start = self.doc.sentences.get(sentence).map_or(0, |s| s.start);
                let lo = self.doc.token_at_or_after(start);
                let lo = lo.max(cue.start.saturating_sub(WINDOW_TOKENS));
                match self.subject_before(cue.start, lo) {
                    Subject::None if participle => Subject::Inherit,
                    s => s,
                }
            }
        }
    }

    /// The subject ending just before token `v`, looking no further back than `lo`.
    fn subject_before(&self, v: usize, lo: usize) -> Subject {
        let mut t = v;
        let mut skipped = 0;
        while t > lo {
            t -= 1;
            if self.in_quote(t) {
                return Subject::Inherit;
            }
            if let Some(id) = self.actor_at(t) {
                return Subject::Actor(id);
            }
            let w = self.lower(t);
            match w.as_str() {
                "," => return self.apposition(t, lo),
                "and" | "but" | "or" | "then" | "while" => return Subject::Inherit,
                "who" | "which" => {
                    let mut k = t;
                    while k > lo && (self.word(k - 1) == "," || !self.is_word(k - 1)) {
                        k -= 1;
                    }
                    return if k > lo { self.noun_phrase_ending(k - 1, lo) } else { Subject::None };
                }
                _ => {}
            }
            if let Some(s) = self.word_subject(t, &w, lo) {
                return s;
            }
            let skippable = words().between.contains(w.as_str())
                || words().documents.contains(w.as_str())
                || (w.ends_with("ly") && w.len() > 4)
                || matches!(self.word(t), "'s" | "\u{2019}s");
            if !skippable || skipped >= 4 {
                return Subject::None;
            }
            skipped += 1;
        }
        Subject::None
    }

    /// What a single word in subject place says: a pronoun, a role, a group.
    fn word_subject(&self, t: usize, w: &str, lo: usize) -> Option<Subject> {
        let pronoun = match w {
            "he" => Some(Pronoun::He),
            "she" => Some(Pronoun::She),
            "it" => Some(Pronoun::It),
            "they" => Some(Pronoun::They),
            _ => None,
        };
        if let Some(p) = pronoun {
            return Some(Subject::Pronoun(p, t));
        }
        if words().person_roles.contains(w)
            || words().place_roles.contains(w)
            || words().org_roles.contains(w)
        {
            // An actor named in the modifiers: "the Kremlin spokesman".
            let modifier = (lo.max(t.saturating_sub(3))..t).rev().find_map(|k| self.actor_at(k));
            return Some(Subject::Role(t, modifier));
        }
        if words().groups.contains(w) {
            let dual = (lo.max(t.saturating_sub(2))..=t)
                .any(|k| matches!(self.lower(k).as_str(), "both" | "two"));
            return Some(Subject::Group { dual });
        }
        None
    }

    /// The subject before `"X, the minister, said"`: the apposition itself when it is a
    /// name ("The secretary general, Nunzio Galantino, said"), else the noun phrase
    /// before it, over up to three commas.
    fn apposition(&self, comma: usize, lo: usize) -> Subject {
        let mut end = comma;
        for _ in 0..3 {
            let Some(prev) = (lo..end).rev().find(|&k| self.word(k) == "," || self.in_quote(k))
            else {
                // The clause starts here: its first noun phrase.
                return self.clause_head(lo, end);
            };
            if self.in_quote(prev) {
                return Subject::Inherit;
            }
            // The segment between the commas is a name.
            if end > prev + 1
                && let Some(id) = self.actor_at(end - 1)
                && (prev + 1..end).all(|k| self.actor_at(k) == Some(id) || self.is_title(k))
            {
                return Subject::Actor(id);
            }
            if prev > lo {
                let before = self.noun_phrase_ending(prev - 1, lo);
                if before != Subject::None {
                    return before;
                }
            }
            end = prev;
        }
        Subject::None
    }

    /// A word that may sit before a name inside its noun phrase ("the", "President").
    fn is_title(&self, t: usize) -> bool {
        let w = self.lower(t);
        words().determiners.contains(w.as_str())
            || words().person_roles.contains(w.as_str())
            || self.word(t).chars().next().is_some_and(char::is_uppercase)
    }

    /// The first noun phrase of a clause `lo..end` that names a subject.
    fn clause_head(&self, lo: usize, end: usize) -> Subject {
        for t in lo..end {
            if let Some(id) = self.actor_at(t) {
                return Subject::Actor(id);
            }
            if let Some(s) = self.word_subject(t, &self.lower(t), lo) {
                return s;
            }
        }
        Subject::None
    }

    /// The noun phrase ending at token `t`: a name, pronoun, role or group.
    fn noun_phrase_ending(&self, t: usize, lo: usize) -> Subject {
        if t < lo || self.in_quote(t) {
            return Subject::None;
        }
        if let Some(id) = self.actor_at(t) {
            return Subject::Actor(id);
        }
        // "Tom Molomby, SC," / "the Crown prosecutor, Mark Tedeschi, QC,": a short
        // capitalised suffix after a name.
        if t > lo
            && self.word(t).chars().all(|c| c.is_uppercase())
            && self.actor_at(t - 1).is_some()
        {
            return self.actor_at(t - 1).map_or(Subject::None, Subject::Actor);
        }
        self.word_subject(t, &self.lower(t), lo).unwrap_or(Subject::None)
    }

    /// The speaker named after a word: "said KCNA", "according to the ministry",
    /// "in the words of the Crown prosecutor, Mark Tedeschi".
    fn subject_after(&self, from: usize, hi: usize) -> Subject {
        let hi = hi.min(from + 12);
        let mut role: Option<Subject> = None;
        for t in from..hi {
            if self.in_quote(t) {
                break;
            }
            if let Some(id) = self.actor_at(t) {
                // "the Crown prosecutor, Mark Tedeschi": a name after a role wins over
                // the organization modifying the role.
                let next_word = (t + 1..hi).find(|&k| self.actor_at(k) != Some(id));
                let modifies_role = next_word.is_some_and(|k| {
                    let w = self.lower(k);
                    words().person_roles.contains(w.as_str())
                });
                if modifies_role {
                    role = role.or(Some(Subject::Role(next_word.unwrap_or(t), Some(id))));
                    continue;
                }
                if role.is_some() && self.kind_of(id) != Some(Kind::Person) {
                    continue;
                }
                return Subject::Actor(id);
            }
            let w = self.lower(t);
            if role.is_none()
                && let Some(s) = self.word_subject(t, &w, from)
            {
                match s {
                    Subject::Role(..) => role = Some(s),
                    other => return other,
                }
                continue;
            }
            if !self.is_word(t) && self.word(t) != "," {
                break;
            }
        }
        role.unwrap_or(Subject::None)
    }

    /// The subject of a participle's sentence when no quote before it was attributed:
    /// the first actor of the sentence before the cue.
    fn sentence_subject(&self, cue: Cue) -> Option<ActorId> {
        let sentence = self.doc.tokens[cue.start].sentence as usize;
        let lo = self.doc.token_at_or_after(self.doc.sentences.get(sentence)?.start);
        let lo = lo.max(cue.start.saturating_sub(WINDOW_TOKENS));
        (lo..cue.start)
            .filter(|&t| !self.in_quote(t))
            .find_map(|t| self.actor_at(t).filter(|&id| self.kind_of(id) != Some(Kind::Place)))
    }

    /// The actor a pronoun at token `t` stands for: the last speaker when it fits and
    /// spoke in this paragraph, else the nearest fitting actor named before.
    fn resolve_pronoun(
        &self,
        p: Pronoun,
        t: usize,
        same_paragraph: bool,
        prev: Option<ActorId>,
    ) -> Option<ActorId> {
        let fits = |id: ActorId| -> bool {
            let kind = self.kind_of(id);
            match p {
                Pronoun::He => kind == Some(Kind::Person) && self.gender[id] != Gender::Female,
                Pronoun::She => kind == Some(Kind::Person) && self.gender[id] != Gender::Male,
                Pronoun::It => kind == Some(Kind::Organization),
                Pronoun::They => kind == Some(Kind::Organization),
            }
        };
        if same_paragraph && let Some(id) = prev.filter(|&id| fits(id)) {
            return Some(id);
        }
        if p == Pronoun::They {
            return None; // "they" is most often a group of people: no single actor
        }
        // The subject-most fitting actor of this sentence before the pronoun, then of the
        // sentence before (its subject comes first: "Rathbun asked for help for Montalvo.
        // He described …" is Rathbun), then the nearest one further back.
        let at = self.doc.tokens[t].start;
        let sentence = self.doc.tokens[t].sentence as usize;
        self.first_in_sentence(sentence, at, &fits)
            .or_else(|| {
                let prev = sentence.checked_sub(1)?;
                // Only a sentence of the same paragraph.
                let start = self.doc.sentences.get(prev)?.start;
                (self.paragraph_of(start) == self.paragraph_of(at))
                    .then(|| self.first_in_sentence(prev, at, &fits))
                    .flatten()
            })
            .or_else(|| self.nearest_before(at, fits))
    }

    /// The first actor named in sentence `sentence` before `before`, outside quotes,
    /// that fits.
    fn first_in_sentence(
        &self,
        sentence: usize,
        before: usize,
        fits: &impl Fn(ActorId) -> bool,
    ) -> Option<ActorId> {
        let span = self.doc.sentences.get(sentence)?;
        let end = before.min(span.end);
        let lo = self.mentions.partition_point(|(s, _)| s.start < span.start);
        self.mentions[lo..]
            .iter()
            .take_while(|(s, _)| s.start < end)
            .take(64)
            .filter(|(s, _)| self.quote_at(s.start).is_none())
            .find(|&&(_, id)| fits(id))
            .map(|&(_, id)| id)
    }

    /// The nearest actor mentioned before `at` (outside quotes, within reach) that fits.
    fn nearest_before(&self, at: usize, fits: impl Fn(ActorId) -> bool) -> Option<ActorId> {
        let floor = self.paragraph_of(at).saturating_sub(REACH_PARAGRAPHS);
        let end = self.mentions.partition_point(|(s, _)| s.start < at);
        self.mentions[..end]
            .iter()
            .rev()
            .take(400)
            .take_while(|(s, _)| self.paragraph_of(s.start) >= floor)
            .filter(|(s, _)| self.quote_at(s.start).is_none())
            .find(|&&(_, id)| fits(id))
            .map(|&(_, id)| id)
    }

    /// The actor a role at token `t` points to: for a person's role, the person the
    /// article names with that role (nearest before, else first after), else the
    /// organization in its modifiers; for "the city", "the company", the nearest place
    /// or organization.
    fn resolve_role(&self, t: usize, modifier: Option<ActorId>) -> Option<ActorId> {
        let w = self.lower(t);
        let at = self.doc.tokens[t].start;
        if words().person_roles.contains(w.as_str()) {
            if let Some(named) = self.roles.get(w.as_str()) {
                let before = named.iter().rev().find(|(pos, _)| *pos < at);
                if let Some(&(_, id)) = before.or_else(|| named.first()) {
                    return Some(id);
                }
            }
            return modifier.filter(|&id| self.kind_of(id) == Some(Kind::Organization));
        }
        if let Some(id) = modifier {
            return Some(id);
        }
        let want =
            if words().place_roles.contains(w.as_str()) { Kind::Place } else { Kind::Organization };
        // "The city" may be the city's own administration ("Municipality of Livorno").
        let local = matches!(w.as_str(), "city" | "town" | "village");
        let named_so = |id: ActorId| {
            self.actors.get(id).is_some_and(|a| {
                let name = a.name.to_lowercase();
                name.contains(w.as_str()) || (local && name.contains("municipality"))
            })
        };
        self.nearest_before(at, |id| self.kind_of(id) == Some(want) || named_so(id))
    }
}

/// A word in lower case on the stack. Every word of the lists is short ASCII, so a
/// longer or non-ASCII word is kept as the empty string, which no list holds.
struct Lower {
    buf: [u8; 24],
    len: usize,
}

impl Lower {
    fn of(word: &str) -> Lower {
        let mut buf = [0u8; 24];
        let len = ascii_lower(word, &mut buf).map_or(0, str::len);
        Lower { buf, len }
    }

    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.buf[..self.len]).unwrap_or("")
    }
}

impl std::ops::Deref for Lower {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

/// A short ASCII word in lower case, without allocating: every reporting word is one,
/// so any other word (long, or not ASCII) is not a cue.
fn ascii_lower<'b>(word: &str, buf: &'b mut [u8; 24]) -> Option<&'b str> {
    let bytes = word.as_bytes();
    if bytes.len() > buf.len() || !word.is_ascii() {
        return None;
    }
    let out = &mut buf[..bytes.len()];
    out.copy_from_slice(bytes);
    out.make_ascii_lowercase();
    std::str::from_utf8(out).ok()
}

/// For each mention (sorted by start), the first token at or after its start and the
/// first after its end: one walk along the tokens, with a binary search only where the
/// mentions are out of order.
fn mention_tokens(doc: &Document, mentions: &[(Span, ActorId)]) -> Vec<(usize, usize)> {
    let tokens = &doc.tokens;
    let walk = |p: &mut usize, offset: usize| {
        if *p > 0 && tokens[*p - 1].start >= offset {
            *p = doc.token_at_or_after(offset);
        }
        while *p < tokens.len() && tokens[*p].start < offset {
            *p += 1;
        }
        *p
    };
    let (mut p, mut q) = (0, 0);
    mentions.iter().map(|(s, _)| (walk(&mut p, s.start), walk(&mut q, s.end))).collect()
}

/// Where each paragraph after the first starts: after every line break, since a news
/// paragraph is one line (hard-wrapped text only makes paragraphs finer here).
fn paragraph_starts(text: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    // `str::find` with a char runs memchr.
    while let Some(n) = text[i..].find('\n') {
        let mut j = i + n + 1;
        while j < bytes.len() && (bytes[j] == b'\n' || bytes[j] == b'\r') {
            j += 1;
        }
        starts.push(j);
        i = j;
        if i >= bytes.len() {
            break;
        }
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reporting_verbs_parse_with_kinds() {
        let cues = parse_cues("say, says, said, saying\n!tell, told\nsource: according to\n# x\n");
        let kind = |w: &str| cues.by_first.get(w).map(|p| p[0].kind);
        assert_eq!(kind("said"), Some(CueKind::Verb { participle: false, addressee: false }));
        assert_eq!(kind("saying"), Some(CueKind::Verb { participle: true, addressee: false }));
        assert_eq!(kind("told"), Some(CueKind::Verb { participle: false, addressee: true }));
        assert_eq!(kind("according"), Some(CueKind::Source));
        assert_eq!(cues.by_first["according"][0].words, ["according", "to"]);
        assert!(kind("#").is_none() && kind("x").is_none());
    }

    #[test]
    fn builtin_list_has_the_common_verbs() {
        let cues = cues();
        for w in [
            "said",
            "told",
            "added",
            "stressed",
            "warned",
            "affirmed",
            "noted",
            "emphasized",
            "indicated",
            "insisted",
            "declared",
            "wrote",
            "tweeted",
            "according",
            "pointed",
        ] {
            assert!(cues.by_first.contains_key(w), "{w}");
        }
    }

    #[test]
    fn mention_tokens_walk_matches_search() {
        let doc = Document::new("Ana Silva met Bo Lee in Paris.");
        let m = |a: usize, b: usize| (Span::new(a, b), 0);
        // In order, and one out of order (hostile input), end past the text.
        let mentions = [m(0, 9), m(14, 20), m(4, 9), m(24, 40)];
        let expect: Vec<(usize, usize)> = mentions
            .iter()
            .map(|(s, _)| (doc.token_at_or_after(s.start), doc.token_at_or_after(s.end)))
            .collect();
        assert_eq!(mention_tokens(&doc, &mentions), expect);
    }

    #[test]
    fn paragraphs_start_after_line_breaks() {
        assert_eq!(paragraph_starts("a\nb\n\nc"), [2, 5]);
        assert_eq!(paragraph_starts("a\n"), [2]);
        assert!(paragraph_starts("abc").is_empty());
    }
}
