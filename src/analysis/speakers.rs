//! Who said each quote: the reporting word near it and the actor that word points to.
//!
//! News attributes quotes in a handful of shapes, and each is read from the tokens
//! around the quote, never from inside another quote:
//!
//! - before the quote, in its sentence: `X said "…"`, `X said that … "…"`,
//!   `X, who warned "…"`, `X had previously affirmed that "…"`, `according to X, "…"`;
//! - right after it: `"…," X said`, `"…," said X`, `"…," X, the minister, said`, or a
//!   dash and a name with no verb, `"…" — X, the minister`;
//! - a participle after a comma (`…, adding "…"`) or a coordinated verb (`and told …`)
//!   keeps the subject of its sentence;
//! - a verb whose object is the speaker: `Reuters quoted X as saying "…"`, `quoting X`;
//! - no reporting word: a quote continuing the previous one keeps its speaker (across a
//!   photo's caption too), and a quote right after `X issued a statement …` is X's.
//!
//! The subject is then an actor by one of: a mention of the actor (of the person, in
//! `X of the Y party said`), a pronoun (he, she →
//! a person of the fitting gender; it → an organization), a role ("the Kremlin
//! spokesman" → the actor the article names so; "the city" → the nearest place; "the
//! company" → the organization that last opened a sentence, else the nearest, not named
//! as another kind of body, such as the "Transport Ministry"), or a group ("both sides",
//! "officials"), which gives no single actor and so no speaker. A pronoun follows the
//! focus: the last speaker, unless a sentence since opened on another actor that fits.
//! Where the words say the speaker is someone other than the actor they match ("Mrs.
//! Kovacs" for Peter Kovacs, "Morales" for the Morales Foundation, "the Paris daily" for
//! Paris), there is no speaker rather than a wrong one. Someone brought in unnamed (`"…," said one woman`, `"…," a
//! rescue worker told AP`) is no actor either: no speaker, rather than the last one.
//!
//! Every look is bounded (a sentence, a few paragraphs back, a capped number of
//! mentions), and what a look learns about a word is kept while the rules look near it,
//! so attribution stays linear and its cost follows the quotes and the words around
//! them: it makes no pass over the whole token array beyond placing the quotes, each
//! just before it is attributed so the words around it are still in cache, and its
//! searches gallop from the last answer instead of probing the whole array, which
//! misses the cache at every step. Its memory beyond its answers is the mentions and
//! the quotes' places, never a table the size of the text.

use super::lexicon_data::find_slot;
use super::speaker_words::*;
use super::text::{Document, TokenKind};
use super::{Actor, ActorId, Kind, Lexicon, Quote, Span};
use std::cell::{Cell, OnceCell};

#[derive(Debug)]
struct Phrase {
    words: &'static [&'static str],
    kind: CueKind,
}

// The tables build.rs makes of super::speaker_words: WORD_CLASSES (lower-case word and
// class bits) with WORD_CLASS_SLOTS, CUE_PHRASES (grouped by first word, longest first)
// with CUE_FIRSTS (first word, range of CUE_PHRASES) and CUE_FIRST_SLOTS.
include!(concat!(env!("OUT_DIR"), "/speaker_tables.rs"));

/// The class bits of a lower-case ASCII word near a quote, if it is listed.
fn word_class(w: &[u8]) -> Option<u32> {
    let w = std::str::from_utf8(w).ok()?;
    find_slot(&WORD_CLASS_SLOTS, w, |i| WORD_CLASSES[i].0).map(|i| WORD_CLASSES[i].1)
}

/// The reporting phrases that start with the lower-case word `first`, longest first.
fn cue_phrases(first: &str) -> Option<&'static [Phrase]> {
    let i = find_slot(&CUE_FIRST_SLOTS, first, |i| CUE_FIRSTS[i].0)?;
    let (_, from, to) = CUE_FIRSTS[i];
    Some(&CUE_PHRASES[from as usize..to as usize])
}

/// How many paragraphs back a pronoun or role may reach for its actor.
const REACH_PARAGRAPHS: usize = 3;
/// How many tokens a reporting word may sit from its quote on either side.
const WINDOW_TOKENS: usize = 80;
/// How many tokens after a quote an attribution may take ("…," X, the minister, said).
const AFTER_TOKENS: usize = 14;
/// A quote of at most this many words inside a sentence, with no speaker, is a term
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
    /// An actor, and the mention that names it there.
    Actor(ActorId, Span),
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
    /// Someone the article does not name ("said one woman", "a rescue worker told"):
    /// a new speaker, and no actor, so neither the last speaker nor anyone else.
    Unnamed,
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

/// How many of a person's first mentions are read for its gender: the evidence sits
/// where the article introduces someone, and the cap keeps a name repeated a million
/// times from costing more than one named a few times.
const GENDER_MENTIONS: usize = 16;
/// How many tokens after a person's name a pronoun may vote for its gender.
const GENDER_REACH: usize = 40;
/// How many mentions a look for the nearest fitting actor may pass over.
const REACH_MENTIONS: usize = 400;

/// Everything the attribution reads. Only what every quote needs is built up front (the
/// sorted mentions, paragraph starts, which tokens are quoted); the rest (what each word
/// is, each person's gender, the role index) is worked out on first use and kept (what a
/// word is, while the rules look near it), so the cost follows the quotes and the words
/// around them rather than the whole text.
struct Context<'a, 't> {
    doc: &'a Document<'t>,
    spans: &'a [Span],
    /// Where each quote of `spans` sits, placed as the attribution reaches it.
    placed: Vec<Placed>,
    actors: &'a [Actor],
    /// Every mention, sorted by position.
    mentions: Vec<(Span, ActorId)>,
    /// What is known of the tokens last asked about (see [`Memo`]).
    memo: Memo,
    /// Where the last searches in `mentions`, `spans` and `paragraph_starts` ended (see
    /// [`Context::seek`]).
    hints: [Cell<usize>; 3],
    /// Each actor's gender, once asked.
    genders: Vec<Cell<Option<Gender>>>,
    /// For each person role (index in [`PERSON_ROLES`]), the persons the article names
    /// with it ("spokesman" for "Kremlin spokesman Dmitry Peskov") and where.
    roles: OnceCell<Vec<Vec<(usize, ActorId)>>>,
    /// Start of every paragraph after the first, sorted.
    paragraph_starts: Vec<usize>,
}

/// Attributes each quoted span to a speaker among the actors.
///
/// Quotes of a few words inside a sentence that nobody is found to have said (no
/// actor, group, pronoun or unnamed person) are left out: they are terms and names in
/// quotation marks, not statements, even next to a reporting word ("a cosplayer who spoke as "The Katherinator"", "characterized as
/// "a test case""). N.B. Dropping them only when no reporting word was near kept many
/// such terms (the pool's training half: quote F1 0.393 with that rule, 0.449 with this).
pub fn attribute(
    doc: &Document,
    spans: &[Span],
    actors: &[Actor],
    _lexicon: &Lexicon,
) -> Vec<Quote> {
    let mentions = mentions_in_order(actors);
    let paragraph_starts = paragraph_starts(doc.text);
    let mut cx = Context {
        doc,
        spans,
        placed: Vec::with_capacity(spans.len()),
        actors,
        mentions,
        memo: Memo::new(doc.tokens.len()),
        genders: vec![Cell::new(None); actors.len()],
        roles: OnceCell::new(),
        paragraph_starts,
        hints: Default::default(),
    };
    let mut out: Vec<Quote> = Vec::with_capacity(spans.len());
    // The last attributed quote: its index and speaker.
    let mut last: Option<(usize, Option<ActorId>)> = None;
    let mut placer = Placer::default();
    for (i, &span) in spans.iter().enumerate() {
        cx.placed.push(placer.place(doc, span, &cx.paragraph_starts));
        let Attribution { speaker, cue, mention, someone } = cx.attribute_one(i, last);
        let short = cx.word_count(i) <= SHORT_WORDS;
        if short && (speaker.is_none() && !someone && !cx.opens_sentence(i) || cx.in_noun_phrase(i))
        {
            continue;
        }
        let speaker_mention = mention.filter(|_| speaker.is_some());
        out.push(Quote { start: span.start, end: span.end, speaker, cue, speaker_mention });
        last = Some((i, speaker));
    }
    out
}

/// Every mention but demonyms, sorted by position (start, then end; a tie in actor
/// order).
///
/// N.B. A demonym ("said Ukrainian Foreign Minister Dmytro Kuleba") is an adjective of
/// the noun after it, never a speaker nor a pronoun's antecedent: attribution reads past
/// it as past any other word.
///
/// N.B. Sorted by counting them into buckets of their start (about one mention each),
/// then sorting the few buckets that hold more: two reads of the actors' lists and one
/// write of each mention, where a stable sort merged the actors' sorted runs pairwise,
/// moving every mention once per level (a sixth of this step at 10 MB). Both passes go
/// in actor order and each bucket's sort is stable, so the order is the stable sort's.
fn mentions_in_order(actors: &[Actor]) -> Vec<(Span, ActorId)> {
    let all = || {
        actors
            .iter()
            .flat_map(|a| a.mentions.iter().filter(|m| !m.demonym).map(move |m| (m.span(), a.id)))
    };
    let (n, last) = all().fold((0, 0), |(n, last), (s, _)| (n + 1, s.start.max(last)));
    let mut shift = 0;
    while last >> shift >= 2 * n.max(1) {
        shift += 1;
    }
    // `ends[b]`: where bucket `b` ends once the mentions are placed (it starts where the
    // one before ends).
    let mut ends = vec![0usize; (last >> shift) + 2];
    for (s, _) in all() {
        ends[(s.start >> shift) + 1] += 1;
    }
    for b in 1..ends.len() {
        ends[b] += ends[b - 1];
    }
    let mut mentions = vec![(Span::new(0, 0), 0); n];
    for m in all() {
        let end = &mut ends[m.0.start >> shift];
        mentions[*end] = m;
        *end += 1;
    }
    let mut lo = 0;
    for &hi in &ends {
        if hi > lo + 1 {
            mentions[lo..hi].sort_by_key(|&(s, _)| (s.start, s.end));
        }
        lo = lo.max(hi);
    }
    mentions
}

/// What the attribution of one quote found.
struct Attribution {
    speaker: Option<ActorId>,
    cue: Option<String>,
    /// The words that name the speaker.
    mention: Option<Span>,
    /// Someone said it, even if no single actor: a group, an unnamed person, a pronoun
    /// or role with no antecedent ("Officials said "it is closed"").
    someone: bool,
}

/// Where a quote sits among the tokens, sentences and paragraphs.
#[derive(Debug, Clone, Copy)]
struct Placed {
    /// Its first token (the opening mark) and the first token after it.
    first: usize,
    end: usize,
    sentence: u32,
    paragraph: usize,
}

/// What is known of a token once asked: its [`class`] bits in the low half (with `KNOWN`),
/// and in the high half 1 + the index of the mention that overlaps it, or 0; kept in a
/// small table by token index modulo its size, each slot tagged with its token.
///
/// N.B. The rules ask about the words around the quote at hand, again and again, and
/// seldom about a word far behind: a table of a few thousand slots keeps every answer
/// they reuse, in 32 KB that stays in the first-level cache. One slot per token of the
/// text (16 MB at 10 MB) was zeroed and faulted in page by page, and each first look
/// there was a miss to memory. What a token is depends on the token alone, so an answer
/// pushed out is worked out again the same.
struct Memo {
    slots: Vec<Cell<(u32, u64)>>,
}

impl Memo {
    const SLOTS: usize = 2048;
    /// No token has this index: [`super::text::MAX_TEXT`] bytes hold fewer tokens.
    const EMPTY: u32 = u32::MAX;

    fn new(tokens: usize) -> Self {
        let n = tokens.next_power_of_two().min(Self::SLOTS);
        Memo { slots: vec![Cell::new((Self::EMPTY, 0)); n] }
    }

    fn slot(&self, t: usize) -> &Cell<(u32, u64)> {
        &self.slots[t & (self.slots.len() - 1)]
    }

    fn get(&self, t: usize) -> Option<u64> {
        let (tag, facts) = self.slot(t).get();
        (tag as usize == t).then_some(facts)
    }

    fn set(&self, t: usize, facts: u64) {
        self.slot(t).set((t as u32, facts));
    }
}

/// Places the quotes, in order, in one walk along the tokens and paragraphs.
///
/// N.B. Each quote is placed just before it is attributed, not all of them up front: the
/// walk brings the tokens before the quote into cache, and the rules read them back
/// (the sentence before it, the words next to it) while they are still there. Placed in
/// a pass of their own, at 10 MB those tokens were pushed out to memory again before the
/// rules came to them.
#[derive(Debug, Default)]
struct Placer {
    /// The first token not yet passed, and the paragraph of the last quote.
    token: usize,
    paragraph: usize,
}

impl Placer {
    fn place(&mut self, doc: &Document, span: Span, paragraph_starts: &[usize]) -> Placed {
        let tokens = &doc.tokens;
        // A plain walk: the hardware reads ahead of it, where a search's jumps miss the
        // cache, and the tokens between quotes are few in news.
        let mut p = self.token;
        while p < tokens.len() && tokens[p].start() < span.start {
            p += 1;
        }
        let first = p;
        while p < tokens.len() && tokens[p].start() < span.end {
            p += 1;
        }
        self.token = p;
        while paragraph_starts.get(self.paragraph).is_some_and(|&s| s <= span.start) {
            self.paragraph += 1;
        }
        let sentence = doc.token_sentence(first);
        Placed { first, end: p, sentence, paragraph: self.paragraph }
    }
}

/// The arrays [`Context::seek`] keeps a hint for.
const MENTIONS: usize = 0;
const QUOTES: usize = 1;
const PARAGRAPHS: usize = 2;

/// `items.partition_point(pred)` found by galloping from `hint` in either direction: the
/// rules ask about words near the quote at hand, so most answers lie a few steps from
/// the last one, in memory just read.
fn gallop<T>(items: &[T], hint: usize, pred: impl Fn(&T) -> bool) -> usize {
    let h = hint.min(items.len());
    let (lo, hi) = if h < items.len() && pred(&items[h]) {
        // The answer is after h.
        let (mut lo, mut hi, mut step) = (h + 1, h + 1, 1usize);
        while hi < items.len() && pred(&items[hi]) {
            lo = hi + 1;
            hi = hi.saturating_add(step);
            step = step.saturating_mul(2);
        }
        (lo, hi.min(items.len()))
    } else {
        // The answer is at or before h.
        let (mut lo, mut hi, mut step) = (h, h, 1usize);
        while lo > 0 && !pred(&items[lo - 1]) {
            hi = lo - 1;
            lo = lo.saturating_sub(step);
            step = step.saturating_mul(2);
        }
        (lo, hi)
    };
    lo + items[lo..hi].partition_point(pred)
}

/// Whether `hay` holds the lower-case ASCII `needle`, ignoring ASCII case.
fn contains_ignore_case(hay: &str, needle: &[u8]) -> bool {
    !needle.is_empty()
        && hay.as_bytes().windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle))
}

impl<'a, 't> Context<'a, 't> {
    /// `items.partition_point(pred)`, galloping from where the last search in the same
    /// array (`hint`: [`MENTIONS`], [`QUOTES`] or [`PARAGRAPHS`]) ended.
    ///
    /// N.B. Every search of the attribution is for a place near the quote at hand: a
    /// binary search over the whole array would start from its middle every time, and
    /// its last probes miss the cache on a large article.
    fn seek<T>(&self, items: &[T], hint: usize, pred: impl Fn(&T) -> bool) -> usize {
        let k = gallop(items, self.hints[hint].get(), pred);
        self.hints[hint].set(k);
        k
    }

    fn text(&self) -> &'t str {
        self.doc.text
    }

    fn word(&self, t: usize) -> &'t str {
        self.doc.token_text(t)
    }

    fn is_word(&self, t: usize) -> bool {
        self.doc.tokens[t].kind() == TokenKind::Word
    }

    /// The class bits of token `t`, looked up on first use.
    fn class(&self, t: usize) -> u32 {
        self.token_facts(t) as u32
    }

    /// What is known of token `t` (see [`Memo`]), worked out when not in the memo.
    fn token_facts(&self, t: usize) -> u64 {
        if t >= self.doc.tokens.len() {
            return 0;
        }
        if let Some(known) = self.memo.get(t) {
            return known;
        }
        let tok = self.doc.tokens[t].span();
        let mut bits = class::KNOWN;
        // In a quote: the last quote starting at or before the token holds it. (By
        // offsets, not by the quotes' tokens: a rule may look past the quotes placed.)
        let k = self.seek(self.spans, QUOTES, |q| q.start <= tok.start);
        if k.checked_sub(1).is_some_and(|k| tok.start < self.spans[k].end) {
            bits |= class::IN_QUOTE;
        }
        // The mention that overlaps it, if any.
        let m = self.seek(&self.mentions, MENTIONS, |(s, _)| s.end <= tok.start);
        let named = self.mentions.get(m).filter(|(s, _)| s.overlaps(tok)).map_or(0, |_| m + 1);
        if self.is_word(t) {
            bits |= class::WORD;
            let mut buf = [0u8; 24];
            if let Some(w) = ascii_lower(self.word(t), &mut buf) {
                bits |= word_class(w).unwrap_or(0);
                if w.len() > 4 && w.ends_with(b"ly") {
                    bits |= class::ADVERB;
                }
            }
        }
        let facts = u64::from(bits) | ((named as u64) << 32);
        self.memo.set(t, facts);
        facts
    }

    fn has(&self, t: usize, bits: u32) -> bool {
        self.class(t) & bits != 0
    }

    fn kind_of(&self, id: ActorId) -> Option<Kind> {
        self.actors.get(id).map(|a| a.kind)
    }

    /// The quote holding `offset`, if any.
    fn quote_at(&self, offset: usize) -> Option<Span> {
        let i = self.seek(self.spans, QUOTES, |s| s.end <= offset);
        self.spans.get(i).copied().filter(|s| s.contains(offset))
    }

    fn in_quote(&self, t: usize) -> bool {
        self.has(t, class::IN_QUOTE)
    }

    /// The actor named at token `t`, if a mention covers it.
    fn actor_at(&self, t: usize) -> Option<ActorId> {
        self.mention_at(t).map(|(_, id)| id)
    }

    /// The mention overlapping token `t`, if any.
    fn mention_at(&self, t: usize) -> Option<(Span, ActorId)> {
        let m = (self.token_facts(t) >> 32) as usize;
        m.checked_sub(1).and_then(|m| self.mentions.get(m)).copied()
    }

    fn paragraph_of(&self, offset: usize) -> usize {
        self.seek(&self.paragraph_starts, PARAGRAPHS, |&p| p <= offset)
    }

    /// Where paragraph `p` starts.
    fn paragraph_start(&self, p: usize) -> usize {
        p.checked_sub(1).and_then(|p| self.paragraph_starts.get(p)).copied().unwrap_or(0)
    }

    fn word_count(&self, q: usize) -> usize {
        let p = self.placed[q];
        (p.first..p.end).filter(|&t| self.is_word(t)).count()
    }

    /// The first token of the run of sentence `sentence` that ends just before token
    /// `hi`, looking back no more than [`WINDOW_TOKENS`].
    fn run_start(&self, hi: usize, sentence: u32) -> usize {
        let floor = hi.saturating_sub(WINDOW_TOKENS);
        let mut lo = hi.min(self.doc.tokens.len());
        // The sentence's tokens are one run: the walk back ends at its first or the floor.
        let run = self.doc.sentence_tokens(sentence as usize);
        if lo > floor && run.contains(&(lo - 1)) {
            lo = run.start.max(floor);
        }
        lo
    }

    /// The first token of token `t`'s sentence, within [`WINDOW_TOKENS`] before it.
    fn sentence_start(&self, t: usize) -> usize {
        if t < self.doc.tokens.len() { self.run_start(t, self.doc.token_sentence(t)) } else { t }
    }

    /// A person's gender, read on first use.
    fn gender(&self, id: ActorId) -> Gender {
        let Some(cell) = self.genders.get(id) else { return Gender::Unknown };
        if let Some(g) = cell.get() {
            return g;
        }
        let g = self.read_gender(id);
        cell.set(Some(g));
        g
    }

    /// Reads a person's gender from the honorifics before its first mentions ("Mr.
    /// Tedeschi") and the pronouns after them in sentences where it is the first person
    /// named, their likely subject ("Thomas Sam decided to treat his daughter himself").
    /// A pronoun opening a sentence does not vote: it as often points to the object of
    /// the sentence before. A given name of [`FEMALE_NAMES`] or [`MALE_NAMES`] votes
    /// too, less than a title and more than one pronoun. A person with none of these
    /// stays unknown and fits either.
    fn read_gender(&self, id: ActorId) -> Gender {
        let Some(actor) = self.actors.get(id).filter(|a| a.kind == Kind::Person) else {
            return Gender::Unknown;
        };
        let tokens = &self.doc.tokens;
        let (mut male, mut female) = (0i32, 0i32);
        match given_name_gender(&actor.name) {
            Gender::Male => male += 2,
            Gender::Female => female += 2,
            Gender::Unknown => {}
        }
        for m in actor.mentions.iter().take(GENDER_MENTIONS) {
            let t = self.doc.token_at_or_after(m.start);
            if let Some(b) = (t.saturating_sub(2)..t).rev().find(|&b| self.is_word(b)) {
                let c = self.class(b);
                if c & class::MALE_TITLE != 0 {
                    male += 3;
                } else if c & class::FEMALE_TITLE != 0 {
                    female += 3;
                }
            }
            if t >= tokens.len() {
                continue;
            }
            let sentence = self.doc.token_sentence(t);
            if self.in_quote(t) || !self.first_person_of_sentence(m.span(), sentence as usize) {
                continue;
            }
            let after = self.doc.token_at_or_after(m.end);
            let reach = (after + GENDER_REACH).min(tokens.len());
            let run = self.doc.sentence_tokens(sentence as usize);
            for k in (after..reach).take_while(|k| run.contains(k)) {
                let c = self.class(k);
                if c & class::IN_QUOTE != 0 {
                    continue;
                }
                if c & class::MASCULINE != 0 {
                    male += 1;
                } else if c & class::FEMININE != 0 {
                    female += 1;
                }
            }
        }
        match male.cmp(&female) {
            std::cmp::Ordering::Greater => Gender::Male,
            std::cmp::Ordering::Less => Gender::Female,
            std::cmp::Ordering::Equal => Gender::Unknown,
        }
    }

    /// Whether the mention at `at` is the first person named outside quotes in its
    /// sentence (looking at no more than 64 mentions before it).
    fn first_person_of_sentence(&self, at: Span, sentence: usize) -> bool {
        let start = self.doc.sentence_span(sentence).map_or(0, |s| s.start);
        let lo = self.seek(&self.mentions, MENTIONS, |(s, _)| s.start < start);
        self.mentions[lo..]
            .iter()
            .take_while(|(s, _)| s.start <= at.start)
            .take(64)
            .find(|&&(s, id)| {
                self.kind_of(id) == Some(Kind::Person) && self.quote_at(s.start).is_none()
            })
            .is_some_and(|&(s, _)| s == at)
    }

    /// The index in [`PERSON_ROLES`] of the word at token `t`.
    fn person_role(&self, t: usize) -> Option<usize> {
        if !self.has(t, class::PERSON_ROLE) {
            return None;
        }
        let mut buf = [0u8; 24];
        let w = ascii_lower(self.word(t), &mut buf)?;
        PERSON_ROLES.iter().position(|r| r.as_bytes() == w)
    }

    /// The role index, built on first use.
    fn roles(&self) -> &[Vec<(usize, ActorId)>] {
        self.roles.get_or_init(|| self.role_index())
    }

    /// Role words next to each person's mentions: up to three words before it
    /// ("Kremlin spokesman Dmitry Peskov"), in it, or in an apposition after ("X, the
    /// president,").
    fn role_index(&self) -> Vec<Vec<(usize, ActorId)>> {
        let mut roles = vec![Vec::new(); PERSON_ROLES.len()];
        let n = self.doc.tokens.len();
        let mention_tokens = mention_tokens(self.doc, &self.mentions);
        for (&(span, id), &(first, after)) in self.mentions.iter().zip(&mention_tokens) {
            if self.kind_of(id) != Some(Kind::Person) {
                continue;
            }

            // Before the name, and inside it when the mention keeps its title
            // ("President Vladimir Putin").
            let before = first.saturating_sub(3)..after;
            let apposition = if after < n && self.word(after) == "," {
                let end = (after + 5).min(n);
                let stop = (after + 1..end)
                    .find(|&t| self.word(t) == "," || self.word(t) == ".")
                    .unwrap_or(end);
                after + 1..stop
            } else {
                0..0
            };
            for t in before.chain(apposition) {
                if !self.doc.same_sentence(first, t) || !self.is_word(t) {
                    continue;
                }
                if let Some(r) = self.person_role(t) {
                    roles[r].push((span.start, id));
                }
            }
        }
        roles
    }

    /// The speaker and cue of one quote, given the last attributed quote before it.
    fn attribute_one(&self, i: usize, last: Option<(usize, Option<ActorId>)>) -> Attribution {
        let (q, here) = (self.spans[i], self.placed[i]);
        let prev_speaker = last.and_then(|(_, s)| s);
        let before = last.map(|(p, _)| self.placed[p]);
        let same_sentence = before.is_some_and(|p| p.sentence == here.sentence);
        let same_paragraph = before.is_some_and(|p| p.paragraph == here.paragraph);
        // A quote ending in a comma (or ? !) hands over to what follows it: `"…," X
        // said` names its speaker even after an earlier verb ("After Jones said the talks
        // failed, "we go on," Smith said").
        let inner = self.text()[q.range()]
            .trim_end_matches(|c: char| c.is_whitespace() || super::quotes::is_quote_mark(c));
        let hands_over = inner.ends_with([',', '?', '!', '\u{2014}']);
        let mut after = None;
        if hands_over {
            after = Some(self.cue_after(i));
        }
        let found = after.flatten().or_else(|| {
            let cue = self.cue_before(i).map(|c| (c, self.subject_of(c, i)));
            match cue {
                Some((c, s)) if s != Subject::None => Some((c, s)),
                other => after.unwrap_or_else(|| self.cue_after(i)).or(other),
            }
        });
        if let Some((cue, subject)) = found {
            let words = match subject {
                Subject::Actor(_, span) => Some(span),
                Subject::Pronoun(_, t) => Some(self.doc.tokens[t].span()),
                Subject::Role(t, _) => Some(self.role_phrase(t)),
                _ => None,
            };
            let speaker = match subject {
                Subject::Actor(id, span) => self.named_fits(id, span).then_some(id),
                Subject::Pronoun(p, t) => {
                    let since = last.map(|(p, _)| self.spans[p].end);
                    // Only the words before this quote can move the focus.
                    let until = t.min(here.first);
                    self.resolve_pronoun(p, t, same_paragraph, prev_speaker, since, until)
                }
                Subject::Role(t, modifier) => self.resolve_role(t, modifier, t.min(here.first)),
                Subject::Group { dual } => {
                    // "Both sides" of an exchange the last speaker took part in: that
                    // speaker is one of them. Any other group is no single actor.
                    let near = before.is_some_and(|p| here.paragraph <= p.paragraph + 1);
                    if dual && near { prev_speaker } else { None }
                }
                // The last speaker when it spoke in this sentence or paragraph.
                Subject::Inherit => (same_sentence || same_paragraph)
                    .then_some(prev_speaker)
                    .flatten()
                    .or_else(|| self.sentence_subject(cue)),
                Subject::Unnamed | Subject::None => None,
            };
            let someone = match subject {
                Subject::None => false,
                Subject::Inherit => speaker.is_some(),
                _ => true,
            };
            return Attribution { speaker, cue: Some(self.cue_text(cue)), mention: words, someone };
        }
        // No reporting word: a quote continuing the last one keeps its speaker. It opens
        // its sentence; a quoted term inside a sentence ("To "route out" means") does not
        // continue anything.
        let opens = self.opens_sentence(i);
        if opens && let Some((id, span)) = self.statement_before(i) {
            return Attribution {
                speaker: Some(id),
                cue: None,
                mention: Some(span),
                someone: true,
            };
        }
        // A photo's caption may stand between two paragraphs of one quotation.
        let continues = opens
            && before.is_some_and(|p| {
                same_paragraph
                    || (self.opens_paragraph(i)
                        && (p.paragraph + 1 == here.paragraph
                            || self.only_captions_between(p.paragraph, here.paragraph)))
            });
        let speaker = if continues { prev_speaker } else { None };
        Attribution { speaker, cue: None, mention: None, someone: false }
    }

    /// `X issued a statement on the ruling. "…"`: a quote opening its sentence right
    /// after one, in its paragraph, where someone issued a statement (released a
    /// letter, posted a message) is that statement, and the issuer is the first person
    /// or organization of that sentence.
    fn statement_before(&self, q: usize) -> Option<(ActorId, Span)> {
        let here = self.placed[q];
        let prev = here.sentence.checked_sub(1)?;
        let hi = self.run_start(here.first, here.sentence);
        let lo = self.run_start(hi, prev);
        let tokens = &self.doc.tokens;
        if lo >= hi || self.paragraph_of(tokens[lo].start()) != here.paragraph {
            return None;
        }
        let verb = (lo + 1..hi).find_map(|t| {
            if !self.has(t, class::DOCUMENT) {
                return None;
            }
            let mut k = t - 1;
            if self.has(k, class::DETERMINER) {
                k = k.checked_sub(1)?;
            }
            let w = self.word(k);
            ["issued", "released", "published", "sent", "posted", "gave", "made", "read"]
                .iter()
                .any(|v| w.eq_ignore_ascii_case(v))
                .then_some(k)
        })?;
        if (lo..hi).any(|t| self.in_quote(t)) {
            return None;
        }
        (lo..verb).find_map(|t| {
            let (span, id) = self.mention_at(t)?;
            matches!(self.kind_of(id), Some(Kind::Person | Kind::Organization))
                .then_some((id, span))
        })
    }

    /// Whether every paragraph between paragraphs `from` and `to` (one or two of them)
    /// is a photo's caption, which a web page sets between the paragraphs of a text.
    fn only_captions_between(&self, from: usize, to: usize) -> bool {
        to > from + 1 && to <= from + 3 && (from + 1..to).all(|p| self.is_caption(p))
    }

    /// A caption: a short paragraph with no quotation that credits an image
    /// ("Endeavour on its launchpad. Image: NASA.").
    fn is_caption(&self, p: usize) -> bool {
        let start = self.paragraph_start(p);
        let end = self.paragraph_starts.get(p).copied().unwrap_or(self.text().len());
        let para = self.text()[start..end].trim();
        para.len() <= 400
            && !para.contains(['"', '\u{201c}', '\u{201d}'])
            && ["Image:", "Photo:", "Photograph:", "Picture:", "Credit:", "Photo by", "Image by"]
                .iter()
                .any(|m| para.contains(m))
    }

    /// The words of the role noun phrase ending at token `t`: the role and the
    /// determiner, possessive or name modifying it ("the company", "the Kremlin
    /// spokesman", "Acme's chief executive").
    fn role_phrase(&self, t: usize) -> Span {
        let tokens = &self.doc.tokens;
        let mut first = t;
        for k in (t.saturating_sub(4)..t).rev() {
            if !self.doc.same_sentence(k, t) || self.in_quote(k) {
                break;
            }
            let modifier = self.has(k, class::DETERMINER | class::ROLE)
                || self.actor_at(k).is_some()
                || matches!(self.word(k), "'s" | "\u{2019}s")
                || (self.is_word(k) && self.word(k).chars().next().is_some_and(char::is_uppercase));
            if !modifier {
                break;
            }
            first = k;
        }
        Span::new(tokens[first].start(), tokens[t].end())
    }

    /// Whether no word of the quote's sentence comes before it.
    fn opens_sentence(&self, q: usize) -> bool {
        let p = self.placed[q];
        let lo = self.run_start(p.first, p.sentence);
        !(lo..p.first).any(|t| self.is_word(t) && !self.in_quote(t))
    }

    /// The quote stands inside a noun phrase: a nickname between two capitalized words
    /// ("Jungwook "Wookie" Kim") or a modifier between a determiner and a word of the
    /// sentence ("a "Big Five" orchestra"), not a statement, whatever reporting word
    /// stands near. A pronoun or a reporting word after it ("…" he said) makes it speech.
    fn in_noun_phrase(&self, q: usize) -> bool {
        let p = self.placed[q];
        let Some(before) = p.first.checked_sub(1) else { return false };
        let after = p.end;
        // `"… security," not …`: a mark inside the quote ends a clause.
        let ends_in_word = p.end >= 2 && self.is_word(p.end - 2);
        if after >= self.doc.tokens.len()
            || !ends_in_word
            || !self.is_word(before)
            || !self.is_word(after)
            || !self.doc.same_sentence(before, after)
        {
            return false;
        }
        let (prev, next) = (self.word(before), self.word(after));
        let capital = |w: &str| w.starts_with(|c: char| c.is_uppercase());
        if capital(prev) && capital(next) {
            return true;
        }
        // After a determiner, before a noun: the quote is a modifier ("a "Big Five"
        // orchestra"). After a verb ("called it "reckless" and left") it may be speech.
        let bits = |w: &str| {
            let mut buf = [0u8; 24];
            ascii_lower(w, &mut buf).and_then(word_class).unwrap_or(0)
        };
        let speech = class::CUE | class::HE | class::SHE | class::IT | class::THEY;
        bits(prev) & class::DETERMINER != 0
            && next.starts_with(|c: char| c.is_lowercase())
            && bits(next) & speech == 0
    }

    fn opens_paragraph(&self, q: usize) -> bool {
        let start = self.paragraph_start(self.placed[q].paragraph);
        // Stops at the first word, so a long paragraph costs nothing.
        self.text()[start..self.spans[q].start].chars().all(char::is_whitespace)
    }

    /// The words of a cue, in lower case; a dash (`"…" — X`) is its own text.
    fn cue_text(&self, cue: Cue) -> String {
        if !(cue.start..cue.end).any(|t| self.is_word(t)) {
            return (cue.start..cue.end).map(|t| self.word(t)).collect();
        }
        (cue.start..cue.end)
            .filter(|&t| self.is_word(t))
            .map(|t| self.word(t).to_ascii_lowercase())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// A reporting phrase starting at token `t`, outside quotes.
    fn cue_at(&self, t: usize) -> Option<Cue> {
        if self.class(t) & (class::CUE | class::IN_QUOTE) != class::CUE {
            return None;
        }
        // A word of a name is no verb ("the United States", "Says Holdings").
        if self.actor_at(t).is_some() {
            return None;
        }
        let mut buf = [0u8; 24];
        let key = std::str::from_utf8(ascii_lower(self.word(t), &mut buf)?).ok()?;
        let phrases = cue_phrases(key)?;
        if key != "says" && key.ends_with('s') && self.noun_after_preposition(t) {
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
            if let CueKind::Verb { .. } | CueKind::Object = p.kind {
                let before = t.checked_sub(1).filter(|&b| self.is_word(b)).map(|b| self.class(b));
                if let Some(b) = before {
                    // "a call", "the report": a noun. "was told", "been quoted": passive,
                    // so its subject is not the speaker.
                    if b & class::DETERMINER != 0
                        || (b & class::PASSIVE != 0 && !p.words[0].ends_with("ing"))
                    {
                        continue;
                    }
                }
            }
            return Some(Cue { start: t, end: k + 1, kind: p.kind });
        }
        None
    }

    /// Whether the word at `t` (a form in -s) is a plural noun modified by the name
    /// before it, which follows a preposition: "in Twitter posts", "on Kremlin
    /// statements". After "of" or "at" the name may end a subject ("Dan Ives of Wedbush
    /// notes"), so only prepositions that never end one count.
    fn noun_after_preposition(&self, t: usize) -> bool {
        let Some((span, _)) = t.checked_sub(1).and_then(|b| self.mention_at(b)) else {
            return false;
        };
        let mut k = t - 1;
        while k > 0 && self.doc.tokens[k - 1].start() >= span.start {
            k -= 1;
        }
        k.checked_sub(1).is_some_and(|p| {
            let w = self.word(p);
            ["in", "on", "via", "through", "during", "across", "into"]
                .iter()
                .any(|x| w.eq_ignore_ascii_case(x))
        })
    }

    /// The nearest reporting word before the quote in its sentence, or in the sentence
    /// before when that one ends in a colon or comma and the quote opens its own
    /// ("Rathbun stated,\n\n"Daniel was …"").
    fn cue_before(&self, q: usize) -> Option<Cue> {
        let Placed { first: hi, sentence, .. } = self.placed[q];
        let mut lo = self.run_start(hi, sentence);
        if lo >= hi && sentence > 0 {
            let tail = self.text()[..self.spans[q].start].trim_end();
            if tail.ends_with(':') || tail.ends_with(',') {
                lo = self.run_start(hi, sentence - 1);
            }
        }
        (lo..hi).rev().find_map(|t| self.cue_at(t).filter(|c| c.end <= hi))
    }

    /// An attribution right after the quote: `"…," X said`, `"…," said X`,
    /// `"…", according to X`.
    fn cue_after(&self, i: usize) -> Option<(Cue, Subject)> {
        let (q, lo) = (self.spans[i], self.placed[i].end);
        let tokens = &self.doc.tokens;
        // An attribution is in the quote's paragraph.
        let gap_end = tokens.get(lo).map_or(q.end, |t| t.start());
        if self.text()[q.end..gap_end].contains('\n') {
            return None;
        }
        // The window ends at the next quote, the sentence's end or the paragraph's.
        let next_quote = self.spans.get(i + 1);
        let stop = next_quote.map_or(usize::MAX, |s| s.start);
        let mut hi = lo;
        while hi < tokens.len() && hi < lo + AFTER_TOKENS {
            let w = self.word(hi);
            // A stop ends the window where it ends the sentence: the period of "Ms." or
            // "U.S." is inside the attribution ("…," said Mr. Price's opponent).
            let ends_sentence = matches!(w, "." | "!" | "?") && !self.abbreviation_stop(hi);
            if ends_sentence || w == ";" || tokens[hi].start() >= stop {
                break;
            }
            if hi > lo && self.text()[tokens[hi - 1].end()..tokens[hi].start()].contains('\n') {
                break;
            }
            hi += 1;
        }
        let first = (lo..hi).find(|&t| self.is_word(t))?;
        // `"…" — Jennifer Walsh, his chief of staff`: a dash and a name, no verb.
        let dash = first == lo + 1 && matches!(self.word(lo), "\u{2014}" | "\u{2013}" | "-" | "--");
        if dash && (first..hi).all(|t| self.cue_at(t).is_none()) {
            let cue = Cue {
                start: lo,
                end: first,
                kind: CueKind::Verb { participle: false, addressee: false },
            };
            return Some((
                cue,
                self.dash_speaker(first, hi)
                    .map_or(Subject::Unnamed, |(id, s)| Subject::Actor(id, s)),
            ));
        }
        if let Some(cue) = self.cue_at(first) {
            return match cue.kind {
                CueKind::Verb { addressee: true, .. } => None,
                CueKind::Verb { participle: true, .. } => None,
                _ => match self.subject_after(cue.end, hi) {
                    Subject::None if self.indefinite(cue.end) => Some((cue, Subject::Unnamed)),
                    Subject::None => None,
                    s => Some((cue, s)),
                },
            };
        }
        let cue = (first..hi).find_map(|t| {
            self.cue_at(t).filter(|c| !matches!(c.kind, CueKind::Verb { participle: true, .. }))
        })?;
        let s = match cue.kind {
            CueKind::Source | CueKind::Object => self.subject_after(cue.end, hi),
            CueKind::Verb { .. } => match self.subject_before(cue.start, first) {
                // "…," a rescue worker told AP: a few words, no name, then the verb.
                Subject::None
                    if self.indefinite(first)
                        && cue.start - first <= 5
                        && (first..cue.start).all(|t| self.is_word(t)) =>
                {
                    Subject::Unnamed
                }
                s => s,
            },
        };
        matches!(
            s,
            Subject::Actor(..)
                | Subject::Pronoun(..)
                | Subject::Role(..)
                | Subject::Group { .. }
                | Subject::Unnamed
        )
        .then_some((cue, s))
    }

    /// The speaker named after a dash that follows a quote, in tokens `first..hi`: a
    /// person or organization, after at most a few capitalised words of its title
    /// ("— Senator Mark Hollis"), with nothing after it but its apposition or the end.
    /// Anything else (`"…" — the slogan was everywhere`) is an aside, which names no
    /// speaker, and no continuation of the last quote either: a dash after a quote makes
    /// it part of a sentence that says what it is.
    fn dash_speaker(&self, first: usize, hi: usize) -> Option<(ActorId, Span)> {
        let capitalised = |t: usize| self.word(t).chars().next().is_some_and(char::is_uppercase);
        let t =
            (first..hi.min(first + 4)).find(|&t| self.actor_at(t).is_some() || !capitalised(t))?;
        let (span, id) = self.mention_at(t)?;
        if !matches!(self.kind_of(id), Some(Kind::Person | Kind::Organization)) {
            return None;
        }
        let tokens = &self.doc.tokens;
        let after = (t..hi).find(|&k| tokens[k].start() >= span.end).unwrap_or(hi);
        (after >= hi || matches!(self.word(after), "," | "." | "(")).then_some((id, span))
    }

    /// Whether token `t` opens an indefinite noun phrase ("a", "one woman", "another
    /// resident"): one that brings in someone new, never an actor named before.
    fn indefinite(&self, t: usize) -> bool {
        t < self.doc.tokens.len()
            && ["a", "an", "one", "another"].iter().any(|w| self.word(t).eq_ignore_ascii_case(w))
    }

    /// The subject of a cue found before quote `q`.
    fn subject_of(&self, cue: Cue, q: usize) -> Subject {
        match cue.kind {
            CueKind::Source | CueKind::Object => self.subject_after(cue.end, self.placed[q].first),
            CueKind::Verb { participle, .. } => {
                let lo = self.sentence_start(cue.start);
                // "X quoted Y as saying": the one quoted is the speaker.
                if participle
                    && let Some(as_) = cue.start.checked_sub(1).filter(|&a| a > lo)
                    && self.word(as_).eq_ignore_ascii_case("as")
                    && let Some(quoted) = (lo..as_)
                        .rev()
                        .find_map(|t| self.cue_at(t).filter(|c| c.kind == CueKind::Object))
                {
                    let s = self.subject_after(quoted.end, as_);
                    if s != Subject::None {
                        return s;
                    }
                }
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
            if let Some((span, id)) = self.mention_at(t) {
                let (id, span) = self.affiliated_person(t, span, id, lo).unwrap_or((id, span));
                return Subject::Actor(id, span);
            }
            if self.word(t) == "," {
                return self.apposition(t, lo);
            }
            let c = self.class(t);
            if c & class::CONJUNCTION != 0 {
                return Subject::Inherit;
            }
            if c & class::RELATIVE != 0 {
                let mut k = t;
                while k > lo && (self.word(k - 1) == "," || !self.is_word(k - 1)) {
                    k -= 1;
                }
                return if k > lo { self.noun_phrase_ending(k - 1, lo) } else { Subject::None };
            }
            if let Some(s) = self.word_subject(t, lo) {
                return s;
            }
            let skippable = c & (class::BETWEEN | class::DOCUMENT | class::ADVERB) != 0
                || matches!(self.word(t), "'s" | "\u{2019}s");
            if !skippable || skipped >= 4 {
                return Subject::None;
            }
            skipped += 1;
        }
        Subject::None
    }

    /// "Dan Ives of Wedbush Securities called it …": the person before "of", "at" or
    /// "from" heads the noun phrase that ends in the body they belong to.
    ///
    /// `t` is a token of the body's mention `body`, which names actor `id`.
    fn affiliated_person(
        &self,
        t: usize,
        body: Span,
        id: ActorId,
        lo: usize,
    ) -> Option<(ActorId, Span)> {
        if self.kind_of(id) == Some(Kind::Person) {
            return None;
        }
        let mut first = t;
        while first > lo && self.doc.tokens[first - 1].start() >= body.start {
            first -= 1;
        }
        let mut k = first.checked_sub(1)?;
        // "of the Civic Party": the article between.
        if matches!(self.word(k), "the" | "The") {
            k = k.checked_sub(1)?;
        }
        if k <= lo || !matches!(self.word(k), "of" | "at" | "from") {
            return None;
        }
        let (span, person) = self.mention_at(k - 1)?;
        (self.kind_of(person) == Some(Kind::Person)).then_some((person, span))
    }

    /// What a single word in subject place says: a pronoun, a role, a group.
    fn word_subject(&self, t: usize, lo: usize) -> Option<Subject> {
        let c = self.class(t);
        let pronoun = if c & class::HE != 0 {
            Some(Pronoun::He)
        } else if c & class::SHE != 0 {
            Some(Pronoun::She)
        } else if c & class::IT != 0 {
            Some(Pronoun::It)
        } else if c & class::THEY != 0 {
            Some(Pronoun::They)
        } else {
            None
        };
        if let Some(p) = pronoun {
            return Some(Subject::Pronoun(p, t));
        }
        if c & class::ROLE != 0 {
            // An actor named in the modifiers: "the Kremlin spokesman".
            let modifier = (lo.max(t.saturating_sub(3))..t).rev().find_map(|k| self.actor_at(k));
            return Some(Subject::Role(t, modifier));
        }
        if c & class::GROUP != 0 {
            let dual = (lo.max(t.saturating_sub(2))..=t).any(|k| self.has(k, class::DUAL));
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
                return self.named(end - 1);
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

    /// The actor named at token `t`, with the mention that names it.
    fn named(&self, t: usize) -> Subject {
        self.mention_at(t).map_or(Subject::None, |(span, id)| Subject::Actor(id, span))
    }

    /// A word that may sit before a name inside its noun phrase ("the", "President").
    fn is_title(&self, t: usize) -> bool {
        self.has(t, class::DETERMINER | class::PERSON_ROLE)
            || self.word(t).chars().next().is_some_and(char::is_uppercase)
    }

    /// The first noun phrase of a clause `lo..end` that names a subject.
    fn clause_head(&self, lo: usize, end: usize) -> Subject {
        for t in lo..end {
            if self.actor_at(t).is_some() {
                return self.named(t);
            }
            if let Some(s) = self.word_subject(t, lo) {
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
        if self.actor_at(t).is_some() {
            return self.named(t);
        }
        // "Tom Molomby, SC," / "the Crown prosecutor, Mark Tedeschi, QC,": a short
        // capitalised suffix after a name.
        if t > lo
            && self.word(t).chars().all(|c| c.is_uppercase())
            && self.actor_at(t - 1).is_some()
        {
            return self.named(t - 1);
        }
        self.word_subject(t, lo).unwrap_or(Subject::None)
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
            if let Some((span, id)) = self.mention_at(t) {
                // "North Korea's news agency KCNA": a possessor is not the one named.
                let rest = &self.text()[span.end.min(self.text().len())..];
                if rest.starts_with("'s") || rest.starts_with("\u{2019}s") {
                    continue;
                }
                // "the Crown prosecutor, Mark Tedeschi": a name after a role wins over
                // the organization modifying the role, also over the rest of a title
                // ("U.S. District Judge Amy Lindgren").
                let next_word = (t + 1..hi).find(|&k| self.actor_at(k) != Some(id));
                let title_role = next_word.and_then(|k| {
                    (k..hi.min(k + 3))
                        .find(|&j| {
                            self.has(j, class::PERSON_ROLE)
                                || self.actor_at(j).is_some()
                                || !self.word(j).chars().next().is_some_and(char::is_uppercase)
                        })
                        .filter(|&j| self.has(j, class::PERSON_ROLE))
                });
                if let Some(r) = title_role {
                    role = role.or(Some(Subject::Role(r, Some(id))));
                    continue;
                }
                let person_role =
                    matches!(role, Some(Subject::Role(r, _)) if self.has(r, class::PERSON_ROLE));
                if person_role && self.kind_of(id) != Some(Kind::Person) {
                    continue;
                }
                return Subject::Actor(id, span);
            }
            if role.is_none()
                && let Some(s) = self.word_subject(t, from)
            {
                match s {
                    Subject::Role(..) => role = Some(s),
                    other => return other,
                }
                continue;
            }
            if !self.is_word(t) && self.word(t) != "," && !self.abbreviation_stop(t) {
                break;
            }
        }
        role.unwrap_or(Subject::None)
    }

    /// Whether token `t` is the period of an abbreviation ("Mr.", "U.S."): a stop that
    /// does not end its sentence, so a name read across it is still one phrase.
    fn abbreviation_stop(&self, t: usize) -> bool {
        self.word(t) == "." && self.doc.same_sentence(t, t + 1)
    }

    /// The subject of a participle's sentence when no quote before it was attributed:
    /// the first actor of the sentence before the cue.
    fn sentence_subject(&self, cue: Cue) -> Option<ActorId> {
        (self.sentence_start(cue.start)..cue.start)
            .filter(|&t| !self.in_quote(t))
            .find_map(|t| self.actor_at(t).filter(|&id| self.kind_of(id) != Some(Kind::Place)))
    }

    /// Whether the mention `span` can name actor `id` as a speaker. Where the words say
    /// it is someone else who shares the name, no speaker beats the namesake: a title
    /// of the other gender ("Mrs. Kovacs" for Peter Kovacs), or the bare first word of
    /// a body named after someone ("Morales said" for the Morales Foundation).
    fn named_fits(&self, id: ActorId, span: Span) -> bool {
        let Some(actor) = self.actors.get(id) else { return false };
        let words = &self.text()[span.range()];
        match actor.kind {
            Kind::Person => {
                // The title before the mention ("Mrs. Kovacs"), or the mention's own
                // first word ("Mrs. Kovacs" as one name), read from the text.
                let mut lo = span.start.saturating_sub(12);
                while !self.text().is_char_boundary(lo) {
                    lo -= 1;
                }
                let head = self.text()[lo..span.start].trim_end().trim_end_matches('.');
                let head = head.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
                let own = words.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
                let bits = |w: &str| {
                    let mut buf = [0u8; 24];
                    ascii_lower(w, &mut buf).and_then(word_class).unwrap_or(0)
                };
                // Only a short capitalised word may be a title: most words before a
                // speaker's name are "said" or a mark, most names start with the given name.
                let may_be_title = |w: &str| {
                    (2..=8).contains(&w.len()) && w.starts_with(|c: char| c.is_ascii_uppercase())
                };
                let own =
                    if own.len() < words.len() && !actor.name.starts_with(own) { own } else { "" };
                let titles =
                    [head, own].iter().filter(|w| may_be_title(w)).fold(0, |acc, w| acc | bits(w))
                        & (class::FEMALE_TITLE | class::MALE_TITLE);
                if titles == 0 {
                    return true;
                }
                let given = given_name_gender(&actor.name);
                if given == Gender::Unknown {
                    return true;
                }
                let title = if titles & class::FEMALE_TITLE != 0 {
                    Gender::Female
                } else if titles & class::MALE_TITLE != 0 {
                    Gender::Male
                } else {
                    Gender::Unknown
                };
                title == Gender::Unknown || title == given
            }
            Kind::Organization => {
                let bare = words.len() < actor.name.len()
                    && actor.name.starts_with(words)
                    && !words.contains(char::is_whitespace)
                    && words.chars().any(char::is_lowercase);
                !(bare
                    && actor.name.rsplit(char::is_whitespace).next().is_some_and(|head| {
                        EPONYM_HEADS.iter().any(|h| head.eq_ignore_ascii_case(h))
                    }))
            }
            Kind::Place => true,
        }
    }

    /// The actor a pronoun at token `t` stands for: the last speaker when it fits and
    /// spoke in this paragraph (the focus of the discourse), unless a sentence since
    /// then opened on someone else who fits; else the nearest fitting actor named
    /// before. `since` is where the last quote ended.
    fn resolve_pronoun(
        &self,
        p: Pronoun,
        t: usize,
        same_paragraph: bool,
        prev: Option<ActorId>,
        since: Option<usize>,
        until: usize,
    ) -> Option<ActorId> {
        let fits = |id: ActorId| -> bool {
            let kind = self.kind_of(id);
            match p {
                Pronoun::He => kind == Some(Kind::Person) && self.gender(id) != Gender::Female,
                Pronoun::She => kind == Some(Kind::Person) && self.gender(id) != Gender::Male,
                Pronoun::It => kind == Some(Kind::Organization),
                Pronoun::They => kind == Some(Kind::Organization),
            }
        };
        let at = self.doc.tokens[t].start();
        if same_paragraph && let Some(id) = prev.filter(|&id| fits(id)) {
            // ""…," said Helen Carter. Maria Lopez disagreed. "…," she said": the focus
            // moved to the subject of the sentence between.
            let moved = since.and_then(|from| self.last_subject_between(from, until, &fits));
            return Some(moved.unwrap_or(id));
        }
        if p == Pronoun::They {
            return None; // "they" is most often a group of people: no single actor
        }
        // The subject-most fitting actor of this sentence before the pronoun, then of the
        // sentence before (its subject comes first: "Rathbun asked for help for Montalvo.
        // He described …" is Rathbun), then the nearest one further back.
        // Two that fit equally ("Helen Carter and Maria Lopez met. "…," she said") give
        // no speaker rather than a guess.
        let sentence = self.doc.token_sentence(t) as usize;
        self.first_in_sentence(sentence, at, &fits)
            .or_else(|| {
                let prev = sentence.checked_sub(1)?;
                // Only a sentence of the same paragraph.
                let start = self.doc.sentence_span(prev)?.start;
                (self.paragraph_of(start) == self.paragraph_of(at))
                    .then(|| self.first_in_sentence(prev, at, &fits))
                    .flatten()
            })
            .unwrap_or_else(|| self.nearest_before(at, fits))
    }

    /// The actor that opens the last sentence between offset `from` and token `to`
    /// whose subject is a fitting actor: a name at the head of its sentence, after
    /// nothing but a determiner, title or adverb ("Maria Lopez disagreed", "Later, Dr.
    /// Maria Lopez said"), not a possessor ("Lopez's office").
    ///
    /// N.B. One walk back over the tokens (at most [`WINDOW_TOKENS`] of them) and one
    /// forward, by the memo: no search of the whole token array per mention.
    fn last_subject_between(
        &self,
        from: usize,
        to: usize,
        fits: &impl Fn(ActorId) -> bool,
    ) -> Option<ActorId> {
        let tokens = &self.doc.tokens;
        let to = to.min(tokens.len());
        let floor = to.saturating_sub(WINDOW_TOKENS);
        let mut lo = to;
        while lo > floor && tokens[lo - 1].start() >= from {
            lo -= 1;
        }
        // A sentence cut by the window's floor has an unknown head: not read.
        let mut at_head = lo == 0 || lo > floor || !self.doc.same_sentence(lo - 1, lo);
        let mut found = None;
        for (k, tok) in tokens.iter().enumerate().take(to).skip(lo) {
            if k > lo && tok.starts_sentence() {
                at_head = true;
            }
            if !at_head {
                continue;
            }
            if let Some((span, id)) = self.mention_at(k) {
                if tok.start() > span.start || !fits(id) {
                    continue; // inside a name, or one that does not fit: still the head
                }
                let rest = &self.text()[span.end..];
                let possessor = rest.starts_with("'s") || rest.starts_with("\u{2019}s");
                if !possessor && !self.in_quote(k) {
                    found = Some(id);
                }
                at_head = false;
                continue;
            }
            at_head = self.word(k) == ","
                || self.abbreviation_stop(k)
                || self.has(k, class::DETERMINER | class::ROLE | class::BETWEEN | class::ADVERB)
                || self.word(k).chars().next().is_some_and(char::is_uppercase);
        }
        found
    }

    /// The first actor named in sentence `sentence` before `before`, outside quotes,
    /// that fits: `Some(None)` when it is coordinated with another that fits as well
    /// ("Helen Carter and Maria Lopez"), a tie.
    fn first_in_sentence(
        &self,
        sentence: usize,
        before: usize,
        fits: &impl Fn(ActorId) -> bool,
    ) -> Option<Option<ActorId>> {
        let span = self.doc.sentence_span(sentence)?;
        let end = before.min(span.end);
        let lo = self.seek(&self.mentions, MENTIONS, |(s, _)| s.start < span.start);
        // The quotes are walked along with the mentions, not searched for each.
        let mut quote = self.seek(self.spans, QUOTES, |s| s.end <= span.start);
        self.mentions[lo..]
            .iter()
            .take_while(|(s, _)| s.start < end)
            .take(64)
            .filter(|(s, _)| {
                while self.spans.get(quote).is_some_and(|q| q.end <= s.start) {
                    quote += 1;
                }
                !self.spans.get(quote).is_some_and(|q| q.contains(s.start))
            })
            .find(|&&(_, id)| fits(id))
            .map(|&(s, id)| {
                // "X and Y", "X or Y": the next mention after the conjunction.
                let rest = &self.text()[s.end..end.max(s.end)];
                let gap = ["and ", "or ", "& "].iter().find_map(|c| {
                    let r = rest.trim_start();
                    r.starts_with(c).then(|| s.end + (rest.len() - r.len()) + c.len())
                });
                let tie = gap.is_some_and(|g| {
                    let k = self.seek(&self.mentions, MENTIONS, |(m, _)| m.start < g);
                    self.mentions.get(k).is_some_and(|&(m, other)| {
                        self.text()[g..m.start].trim().is_empty() && other != id && fits(other)
                    })
                });
                (!tie).then_some(id)
            })
    }

    /// The nearest actor mentioned before `at` (outside quotes, within reach) that fits.
    fn nearest_before(&self, at: usize, fits: impl Fn(ActorId) -> bool) -> Option<ActorId> {
        let floor = self.paragraph_start(self.paragraph_of(at).saturating_sub(REACH_PARAGRAPHS));
        let end = self.seek(&self.mentions, MENTIONS, |(s, _)| s.start < at);
        // The quotes are walked back along with the mentions, not searched for each:
        // `quote` is the number of quotes starting at or before the mention.
        let mut quote = self.seek(self.spans, QUOTES, |s| s.start < at);
        self.mentions[..end]
            .iter()
            .rev()
            .take(REACH_MENTIONS)
            .take_while(|(s, _)| s.start >= floor)
            .filter(|(s, _)| {
                while quote > 0 && self.spans[quote - 1].start > s.start {
                    quote -= 1;
                }
                !quote.checked_sub(1).is_some_and(|q| self.spans[q].contains(s.start))
            })
            .find(|&&(_, id)| fits(id))
            .map(|&(_, id)| id)
    }

    /// The actor a role at token `t` points to: for a person's role, the person the
    /// article names with that role (nearest before, else first after), else the
    /// organization in its modifiers; for "the city", "the company", the nearest place
    /// or organization.
    ///
    /// `until` is the token where the words that may name the body end: the role, or the
    /// quote when the role comes after it.
    fn resolve_role(&self, t: usize, modifier: Option<ActorId>, until: usize) -> Option<ActorId> {
        let c = self.class(t);
        let at = self.doc.tokens[t].start();
        if c & class::PERSON_ROLE != 0 {
            if let Some(named) = self.person_role(t).and_then(|r| self.roles().get(r)) {
                // Sorted by position: the last one before, else the first.
                let before = named.partition_point(|&(pos, _)| pos < at);
                let pick = before.checked_sub(1).and_then(|i| named.get(i)).or(named.first());
                if let Some(&(_, id)) = pick {
                    return Some(id);
                }
            }
            return modifier.filter(|&id| self.kind_of(id) == Some(Kind::Organization));
        }
        let want = if c & class::PLACE_ROLE != 0 { Kind::Place } else { Kind::Organization };
        let mut buf = [0u8; 24];
        let w = ascii_lower(self.word(t), &mut buf).unwrap_or_default();
        if let Some(id) = modifier {
            // "the Paris daily", "a Frankfurt bank": a body in that place, not the place;
            // only its public bodies speak for a place ("the Moscow government").
            let place_for_body = want == Kind::Organization
                && self.kind_of(id) == Some(Kind::Place)
                && !STATE_BODIES.iter().any(|b| b.as_bytes() == w);
            if !place_for_body {
                return Some(id);
            }
            let family =
                |x: &[u8]| ORG_FAMILIES.iter().position(|f| f.iter().any(|r| r.as_bytes() == x));
            // Then only a body the article names as that kind ("Paris Daily Courier").
            let named_as = |id: ActorId| {
                self.kind_of(id) == Some(Kind::Organization)
                    && self.actors[id].name.split(|c: char| !c.is_alphanumeric()).any(|word| {
                        let mut b = [0u8; 24];
                        ascii_lower(word, &mut b).is_some_and(|x| {
                            x == w || family(x).is_some_and(|f| family(w) == Some(f))
                        })
                    })
            };
            return self.nearest_before(at, named_as);
        }
        // "The city" may be the city's own administration ("Municipality of Livorno").
        let local = matches!(w, b"city" | b"town" | b"village");
        let named_so = |id: ActorId| {
            self.actors.get(id).is_some_and(|a| {
                contains_ignore_case(&a.name, w)
                    || (local && contains_ignore_case(&a.name, b"municipality"))
            })
        };
        let fits =
            |id| (self.kind_of(id) == Some(want) && !self.named_as_other(id, w)) || named_so(id);
        // The body that last opened a sentence, this one or the one before ("Harbor
        // Group said it would buy Tervo Mills. "…," the company said" is Harbor), else
        // the nearest one named.
        let sentence = self.doc.token_sentence(t) as usize;
        let from = sentence
            .checked_sub(1)
            .and_then(|s| self.doc.sentence_span(s))
            .filter(|s| self.paragraph_of(s.start) == self.paragraph_of(at))
            .or(self.doc.sentence_span(sentence))
            .map_or(at, |s| s.start);
        self.last_subject_between(from, until, &fits).or_else(|| self.nearest_before(at, fits))
    }

    /// Whether organization `id` has a name saying it is another kind of body than the
    /// role word `role` ("Transport Ministry" for "the company"): a ministry fining a
    /// company is the nearest organization when "the company said", and not the one
    /// that said it. A name with no role word ("Delta Mining") may be any kind.
    fn named_as_other(&self, id: ActorId, role: &[u8]) -> bool {
        let family =
            |w: &[u8]| ORG_FAMILIES.iter().position(|f| f.iter().any(|r| r.as_bytes() == w));
        let generic = |w: &[u8]| GENERIC_ORGS.iter().any(|r| r.as_bytes() == w);
        let Some(actor) = self.actors.get(id) else { return false };
        if generic(role) {
            return false;
        }
        let mut other = false;
        for word in actor.name.split(|c: char| !c.is_alphanumeric()) {
            let mut buf = [0u8; 24];
            let Some(w) = ascii_lower(word, &mut buf) else { continue };
            if word_class(w).is_none_or(|c| c & class::ORG_ROLE == 0) || generic(w) {
                continue;
            }
            if w == role || family(w).is_some_and(|f| family(role) == Some(f)) {
                return false;
            }
            other = true;
        }
        other
    }
}

/// The gender of the first given name among the words of `name` before the last (the
/// surname), past any title the name keeps ("President Vladimir Putin").
fn given_name_gender(name: &str) -> Gender {
    let mut words = name.split_whitespace();
    words.next_back();
    let given = words.find_map(|w| {
        let mut buf = [0u8; 24];
        let c = word_class(ascii_lower(w, &mut buf)?)?;
        let bits = c & (class::MALE_NAME | class::FEMALE_NAME);
        (bits != 0).then_some(bits)
    });
    match given {
        Some(class::MALE_NAME) => Gender::Male,
        Some(class::FEMALE_NAME) => Gender::Female,
        _ => Gender::Unknown,
    }
}

/// Head words of an organization often named after a person ("the Morales
/// Foundation", "the Carter Center"), whose bare first word may be that person.
const EPONYM_HEADS: &[&str] = &[
    "foundation",
    "institute",
    "institution",
    "center",
    "centre",
    "trust",
    "fund",
    "museum",
    "library",
    "hospital",
    "school",
    "college",
    "university",
    "prize",
    "award",
    "memorial",
    "society",
];

/// A short ASCII word in lower case, without allocating: every word of the lists is
/// one, so any other word (long, or not ASCII) is in none of them.
fn ascii_lower<'b>(word: &str, buf: &'b mut [u8; 24]) -> Option<&'b [u8]> {
    let bytes = word.as_bytes();
    if bytes.len() > buf.len() || !word.is_ascii() {
        return None;
    }
    let out = &mut buf[..bytes.len()];
    out.copy_from_slice(bytes);
    out.make_ascii_lowercase();
    Some(out)
}

/// For each mention (sorted by start), the first token at or after its start and the
/// first after its end: one walk along the tokens, with a binary search only where the
/// mentions are out of order.
fn mention_tokens(doc: &Document, mentions: &[(Span, ActorId)]) -> Vec<(usize, usize)> {
    let tokens = &doc.tokens;
    let walk = |p: &mut usize, offset: usize| {
        if *p > 0 && tokens[*p - 1].start() >= offset {
            *p = doc.token_at_or_after(offset);
        }
        while *p < tokens.len() && tokens[*p].start() < offset {
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
    fn the_reporting_verbs_are_written_in_lower_case() {
        // The cue table borrows them as written and text is matched to them ignoring case.
        let list = include_str!("../../assets/lexicon/reporting_verbs.txt");
        for line in list.lines().filter(|l| !l.trim_start().starts_with('#')) {
            assert_eq!(line, line.to_lowercase(), "write it in lower case: {line}");
        }
    }

    #[test]
    fn reporting_verbs_parse_with_kinds() {
        let cues = parse_cue_phrases(
            "say, says, said, saying\n!tell, told\nsource: according to\nobject: quoted\n# x\n",
        );
        let kind = |w: &str| cues.get(w).map(|p| p[0].1);
        assert_eq!(kind("said"), Some(CueKind::Verb { participle: false, addressee: false }));
        assert_eq!(kind("saying"), Some(CueKind::Verb { participle: true, addressee: false }));
        assert_eq!(kind("told"), Some(CueKind::Verb { participle: false, addressee: true }));
        assert_eq!(kind("according"), Some(CueKind::Source));
        assert_eq!(kind("quoted"), Some(CueKind::Object));
        assert_eq!(cues["according"][0].0, ["according", "to"]);
        assert!(kind("#").is_none() && kind("x").is_none());
    }

    /// The tables build.rs wrote are the ones the lists make now: every word with its
    /// bits and nothing else, every phrase under its first word in its order.
    #[test]
    fn built_tables_are_the_lists_tables() {
        let list = include_str!("../../assets/lexicon/reporting_verbs.txt");
        let cues = parse_cue_phrases(list);
        let classes = word_classes(cues.keys().copied());
        assert_eq!(classes.len(), WORD_CLASSES.len());
        for (w, &bits) in &classes {
            assert_eq!(word_class(w.as_bytes()), Some(bits), "{w}");
        }
        assert_eq!(cues.len(), CUE_FIRSTS.len());
        for (first, phrases) in &cues {
            let built: Vec<(&[&str], CueKind)> =
                cue_phrases(first).unwrap_or_default().iter().map(|p| (p.words, p.kind)).collect();
            let listed: Vec<(&[&str], CueKind)> =
                phrases.iter().map(|(w, k)| (w.as_slice(), *k)).collect();
            assert_eq!(built, listed, "{first}");
        }
        assert!(word_class(b"zzz").is_none() && cue_phrases("zzz").is_none());
    }

    #[test]
    fn builtin_list_has_the_common_verbs() {
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
            "complained",
            "conceded",
            "quipped",
            "vowed",
            "urged",
            "pleaded",
            "boasted",
            "scoffed",
            "implored",
            "interjected",
            "lamented",
            "retorted",
            "confessed",
        ] {
            assert!(cue_phrases(w).is_some(), "{w}");
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
    fn mentions_in_order_are_the_stable_sort() {
        let actor = |id: usize, spans: &[(usize, usize, bool)]| Actor {
            id,
            name: String::new(),
            kind: Kind::Person,
            unsure: false,
            aliases: Vec::new(),
            mentions: spans
                .iter()
                .map(|&(start, end, demonym)| super::super::Mention { start, end, demonym })
                .collect(),
        };
        let stable = |actors: &[Actor]| {
            let mut all: Vec<(Span, ActorId)> = actors
                .iter()
                .flat_map(|a| {
                    a.mentions.iter().filter(|m| !m.demonym).map(move |m| (m.span(), a.id))
                })
                .collect();
            all.sort_by_key(|&(s, _)| (s.start, s.end));
            all
        };
        let cases = [
            vec![],
            vec![actor(0, &[])],
            // Interleaved, a demonym, far apart, ties across actors and within one.
            vec![
                actor(0, &[(0, 3, false), (40, 44, false), (9000, 9004, false)]),
                actor(1, &[(5, 8, true), (10, 12, false), (40, 44, false), (40, 41, false)]),
                actor(2, &[(41, 43, false), (3, 4, false), (100_000, 100_001, false)]),
            ],
            vec![actor(7, &[(1 << 40, (1 << 40) + 1, false)])],
        ];
        for actors in cases {
            assert_eq!(mentions_in_order(&actors), stable(&actors));
        }
    }

    #[test]
    fn organization_families_are_role_words() {
        for w in ORG_FAMILIES.iter().flat_map(|f| f.iter()).chain(GENERIC_ORGS) {
            assert!(ORG_ROLES.contains(w), "{w}");
        }
    }

    #[test]
    fn given_names_have_one_gender() {
        let women: Vec<&str> = names_in(FEMALE_NAMES).collect();
        assert!(women.len() > 100 && women.contains(&"Helen"));
        for name in names_in(MALE_NAMES) {
            assert!(!women.contains(&name), "{name}");
        }
    }

    #[test]
    fn paragraphs_start_after_line_breaks() {
        assert_eq!(paragraph_starts("a\nb\n\nc"), [2, 5]);
        assert_eq!(paragraph_starts("a\n"), [2]);
        assert!(paragraph_starts("abc").is_empty());
    }
}
