//! Merging name mentions into actors.
//!
//! Mentions are grouped by keys, never compared pairwise: the lexicon entity ("US",
//! "U.S." and "American" are one), the exact form, a person's surname and first name,
//! and the initials of a multi-word name (so "KCNA" finds "Korean Central News Agency").
//! Multi-word names are placed first, so a bare surname can go to the nearest person
//! who bears it; then names spelled two ways ("Nebenzya" / "Nebenzia") are joined when
//! one or two edits apart, compared only within a bucket of the same first letter.

use super::names::{NameMention, clue, lower_ascii, strip_possessive};
use super::text::Document;
use super::{Actor, Kind, Lexicon, Mention, kinds};
use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

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
    let text = doc.text;
    let form = |m: &NameMention| &text[m.span.range()];
    let mut protos: Vec<Proto> = Vec::new();
    let mut by_entity: HashMap<u32, usize> = HashMap::new();
    let mut by_form: HashMap<&str, usize> = HashMap::new();
    // A person's full name, and the first letter of the first name with the surname
    // (for "J. Rowling"): found in one lookup however many people share a surname.
    let mut by_full: HashMap<(&str, &str), usize> = HashMap::new();
    let mut by_initial: HashMap<(char, &str), usize> = HashMap::new();
    // Every mention of a full name, in text order, under its surname and its first name:
    // a bare "Chan" goes to the nearest by binary search.
    let mut by_surname: HashMap<&str, Vec<(usize, usize)>> = HashMap::new();
    let mut by_given: HashMap<&str, Vec<(usize, usize)>> = HashMap::new();
    let mut by_initials: HashMap<String, usize> = HashMap::new();
    // Every mention of a name that ends in a head word ("Supreme Court"), in text order,
    // under that word: "the Court" after it is the same body.
    let mut by_head: HashMap<&str, Vec<(usize, usize)>> = HashMap::new();
    // The head words a later "the X" may name it by: the last word ("the Court" after
    // "the Supreme Court") and the word before its "of" ("the Church" after "the Church
    // of Scientology").
    let head_of = |m: &NameMention| -> [Option<&str>; 2] {
        if m.first_token == m.last_token {
            return [None, None];
        }
        let last = strip_possessive(m.last_word.text(text));
        let before_of = (m.first_token as usize + 1..m.last_token as usize)
            .find(|&t| doc.token_text(t) == "of")
            .map(|t| doc.token_text(t - 1))
            .filter(|&w| w != last && lexicon.head_kind(w).is_some());
        [lexicon.head_kind(last).is_some().then_some(last), before_of]
    };
    let mut owner: Vec<usize> = vec![usize::MAX; mentions.len()];
    // A person's name, or one with no more than a weak clue to another kind (a lone
    // surname defaults to an organization until it meets its full name).
    let person_like = |m: &NameMention| {
        m.kind.is_none_or(|k| k == Kind::Person) || (m.votes[1] <= 3 && m.votes[2] <= 3)
    };

    // Pass 1: lexicon names and multi-word names.
    for (i, m) in mentions.iter().enumerate() {
        if m.same_as_previous {
            continue;
        }
        if let Some(e) = m.entity.or_else(|| formal_base(form(m), lexicon)) {
            let p = *by_entity.entry(e).or_insert_with(|| {
                protos.push(Proto::new(Some(e)));
                protos.len() - 1
            });
            owner[i] = p;
            by_form.entry(form(m)).or_insert(p);
            for h in head_of(m).into_iter().flatten() {
                by_head.entry(h).or_default().push((m.span.start, p));
            }
            continue;
        }
        if m.first_token == m.last_token {
            continue;
        }
        let f = form(m);
        // N.B. Possessive-free: "Rishi Sunak's plan" is what a later "Sunak" finds.
        let (given, surname) = (m.first_word.text(text), strip_possessive(m.last_word.text(text)));
        let p = if let Some(&p) = by_form.get(f) {
            p
        } else {
            // The same surname with a compatible first name is the same person
            // ("J. Rowling", "Joanne Rowling"); a different first name is another one.
            let initial = given.chars().next().unwrap_or(' ');
            let same = person_like(m)
                .then(|| {
                    by_full.get(&(given, surname)).copied().or_else(|| {
                        by_initial.get(&(initial, surname)).copied().filter(|&p| {
                            protos[p].given.as_deref().is_some_and(|g| compatible_given(g, given))
                        })
                    })
                })
                .flatten();
            match same {
                Some(p) => p,
                None => {
                    let mut proto = Proto::new(None);
                    if person_like(m) && lexicon.head_kind(surname).is_none() {
                        proto.given = Some(given.to_owned());
                        proto.surname = Some(surname.to_owned());
                    }
                    protos.push(proto);
                    let p = protos.len() - 1;
                    if protos[p].surname.is_some() {
                        by_full.entry((given, surname)).or_insert(p);
                        by_initial.entry((initial, surname)).or_insert(p);
                    }
                    // "Freedom Magazine", then "Freedom": an organization without its head word.
                    if let Some(head) = lexicon.head_kind(surname).and(f.rfind(' ')) {
                        by_form.entry(&f[..head]).or_insert(p);
                    }
                    let ini = initials(doc, m);
                    if ini.len() >= 2 {
                        by_initials.entry(ini).or_insert(p);
                    }
                    p
                }
            }
        };
        by_form.entry(f).or_insert(p);
        owner[i] = p;
        for h in head_of(m).into_iter().flatten() {
            by_head.entry(h).or_default().push((m.span.start, p));
        }
        if protos[p].surname.is_some() {
            by_surname.entry(surname).or_default().push((m.span.start, p));
            by_given.entry(given).or_default().push((m.span.start, p));
        }
    }

    // "the North" for North Korea: a compass word alone names the one country of the
    // article whose name it starts (none when two do, as "North Korea" and "North Macedonia").
    let mut compass: HashMap<&str, Option<usize>> = HashMap::new();
    for (&e, &p) in &by_entity {
        let entity = lexicon.entity(e);
        let Some((head, _)) = entity.name.split_once(' ') else { continue };
        if entity.country && matches!(head, "North" | "South" | "East" | "West") {
            compass.entry(head).and_modify(|q| *q = q.filter(|&q| q == p)).or_insert(Some(p));
        }
    }

    // Pass 2: single words: an earlier form, an acronym, a surname or first name.
    // A form in lower case, then (per kind read, none first) its actor and whether it was
    // written in capitals.
    let mut by_folded: HashMap<String, [Option<(usize, bool)>; 4]> = HashMap::new();
    for (i, m) in mentions.iter().enumerate() {
        if owner[i] != usize::MAX {
            continue;
        }
        if m.same_as_previous && i > 0 && owner[i - 1] != usize::MAX {
            owner[i] = owner[i - 1];
            continue;
        }
        let f = form(m);
        if let Some(&Some(p)) = compass.get(f) {
            owner[i] = p;
            continue;
        }
        let nearest = |anchors: &Vec<(usize, usize)>| nearest(anchors, m.span.start);
        // "SOCHI, Russia —" and "in Sochi": a word in capitals (a dateline, a shouted
        // headline) is the same word in title case when both are read as the same kind.
        let upper = f.chars().all(|c| !c.is_lowercase());
        let title = !upper && f.chars().skip(1).all(|c| !c.is_uppercase());
        // N.B. Folded in a buffer on the stack: only a form not seen before is allocated.
        let mut buf = [0u8; 48];
        let folded: Option<std::borrow::Cow<str>> =
            (f.len() >= 4 && (upper || title)).then(|| match lower_ascii(f, &mut buf) {
                Some(l) => std::borrow::Cow::Borrowed(l),
                None => std::borrow::Cow::Owned(f.to_lowercase()),
            });
        let slot = m.kind.map_or(0, |k| k as usize + 1);
        let found = by_form
            .get(f)
            .copied()
            .or_else(|| {
                let (p, seen_upper) = by_folded.get(folded.as_deref()?)?[slot]?;
                (seen_upper != upper).then_some(p)
            })
            .or_else(|| by_initials.get(f.trim_end_matches('.')).copied())
            .or_else(|| {
                // "the Court", after "the Supreme Court": the last body so named before.
                let after_the = (m.first_token as usize)
                    .checked_sub(1)
                    .is_some_and(|t| matches!(doc.token_text(t), "the" | "The"));
                let anchors = by_head.get(f).filter(|_| after_the)?;
                let k = anchors.partition_point(|&(a, _)| a < m.span.start);
                k.checked_sub(1).map(|k| anchors[k].1)
            })
            .or_else(|| {
                if !person_like(m) {
                    return None;
                }
                by_surname.get(f).and_then(&nearest).or_else(|| by_given.get(f).and_then(&nearest))
            });
        let p = found.unwrap_or_else(|| {
            protos.push(Proto::new(None));
            let p = protos.len() - 1;
            if person_like(m) && f.chars().count() >= 5 {
                protos[p].surname = Some(f.to_owned());
            }
            p
        });
        by_form.entry(f).or_insert(p);
        if let Some(key) = folded {
            let slots = match by_folded.get_mut(key.as_ref()) {
                Some(slots) => slots,
                None => by_folded.entry(key.into_owned()).or_default(),
            };
            slots[slot].get_or_insert((p, upper));
        }
        owner[i] = p;
    }
    for (i, &p) in owner.iter().enumerate() {
        protos[p].mentions.push(i);
    }

    join_spellings(&mut protos, &mentions);
    build(doc, &protos, &owner, &mentions, lexicon, keep)
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
    /// The kind features of its first mentions, as hashes.
    features: Vec<u64>,
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
    debug_assert!(mentions.is_sorted_by_key(|m| m.span.start));
    // The actor each proto ends up in, once it is met.
    let mut actor_of: Vec<usize> = vec![usize::MAX; protos.len()];
    let mut building: Vec<Building<'t>> = Vec::new();
    let mut seen: HashSet<(usize, &'t str)> = HashSet::new();
    for (m, &p) in mentions.iter().zip(owner) {
        let mut root = p;
        while let Some(r) = protos[root].merged_into {
            root = r;
        }
        if actor_of[root] == usize::MAX {
            actor_of[root] = building.len();
            building.push(Building {
                entity: protos[root].entity,
                votes: [0; 3],
                defaults: [0; 3],
                aliases: Vec::new(),
                name: None,
                mentions: Vec::new(),
                features: Vec::new(),
            });
        }
        let a = actor_of[root];
        let b = &mut building[a];
        for (v, n) in b.votes.iter_mut().zip(m.votes) {
            *v += u32::from(n);
        }
        if m.clues & clue::DEFAULT_PERSON != 0 {
            b.votes[0] -= 1;
            b.defaults[0] += 1;
        } else if m.clues & clue::DEFAULT_ORGANIZATION != 0 {
            b.votes[1] -= 1;
            b.defaults[1] += 1;
        }
        let f = &text[m.span.range()];
        if seen.insert((a, f)) {
            b.aliases.push(f.to_owned());
        }
        // A demonym or a name in another script is an alias, never the name shown.
        if !m.demonym && !m.same_as_previous {
            let words = (m.last_token - m.first_token) as usize;
            // More words, then more letters, then not in capitals ("Vienna", "VIENNA").
            let key = (words, f.len(), f.chars().any(char::is_lowercase));
            if b.name.is_none_or(|(k, _)| key > k) {
                b.name = Some((key, f));
            }
        }
        if b.mentions.len() < kinds::MAX_MENTIONS {
            kinds::mention_features(doc, m, lexicon, &mut b.features);
        }
        b.mentions.push(Mention { start: m.span.start, end: m.span.end, demonym: m.demonym });
    }
    let model = kinds::Model::builtin();
    let genre = kinds::document_features(mentions);
    let mut kept = Vec::new();
    let actors = building
        .into_iter()
        .enumerate()
        .map(|(id, mut b)| {
            // The votes are evidence too: which kind they favour, and whether only the
            // default votes of names with no other clue gave it.
            let all: [u32; 3] = std::array::from_fn(|k| b.votes[k] + b.defaults[k]);
            let best = (0..3).max_by_key(|&k| (all[k], std::cmp::Reverse(k))).unwrap_or(0);
            b.features.push(kinds::feature("votes", Kind::ALL[best].as_str()));
            if b.votes == [0; 3] {
                b.features.push(kinds::feature("default", Kind::ALL[best].as_str()));
            }
            kinds::add_document_features(&genre, &mut b.features);
            let features = kinds::finish(b.features, b.mentions.len());
            let (mut kind, mut sure) = kinds::decide(model.probabilities(&features));
            // The user's lexicon says what its actors are.
            if let Some(e) = b.entity.filter(|&e| lexicon.is_user_entity(e)) {
                kind = lexicon.entity(e).kind;
                sure = true;
            }
            if keep {
                kept.push(features);
            }
            let name = match (b.name, b.entity) {
                (Some((_, n)), _) => n.to_owned(),
                (None, Some(e)) => lexicon.entity(e).name.to_string(),
                (None, None) => b.aliases.first().cloned().unwrap_or_default(),
            };
            Actor { id, name, kind, unsure: !sure, aliases: b.aliases, mentions: b.mentions }
        })
        .collect();
    (actors, kept)
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

/// The actor of the anchor nearest to `pos`; `anchors` are (position, actor), sorted.
fn nearest(anchors: &[(usize, usize)], pos: usize) -> Option<usize> {
    let k = anchors.partition_point(|&(a, _)| a < pos);
    let after = anchors.get(k).map(|&(a, p)| (a - pos, p));
    let before = k.checked_sub(1).map(|j| (pos - anchors[j].0, anchors[j].1));
    match (before, after) {
        (Some(b), Some(a)) => Some(if a.0 < b.0 { a.1 } else { b.1 }),
        (b, a) => b.or(a).map(|x| x.1),
    }
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

/// Joins actors whose surnames are spelled one or two edits apart ("Szijjarto" /
/// "Szijarto"), when exactly one candidate is closest. Buckets by first letter and
/// length keep this from comparing every actor with every other.
fn join_spellings(protos: &mut [Proto], mentions: &[NameMention]) {
    /// A bucket larger than this is a list of many different names, not one name
    /// misspelled; skipping it keeps the pass linear on huge inputs.
    const MAX_BUCKET: usize = 64;
    let mut buckets: HashMap<(char, usize), Vec<usize>> = HashMap::new();
    for (p, proto) in protos.iter().enumerate() {
        if let Some(s) = &proto.surname {
            let c = s.chars().next().unwrap_or(' ');
            buckets.entry((c, s.chars().count())).or_default().push(p);
        }
    }
    let is_person = |proto: &Proto| {
        let mut v = [0u32; 3];
        // Weak clues only (a lone word's default) leave a name free to join a person.
        let n = proto.mentions.len() as u32;
        for &i in &proto.mentions {
            for (a, b) in v.iter_mut().zip(mentions[i].votes) {
                *a += u32::from(b);
            }
        }
        (v[0] >= v[1] && v[0] >= v[2]) || (v[1] <= 3 * n && v[2] <= 3 * n)
    };
    for p in 0..protos.len() {
        let Some(s) = protos[p].surname.clone() else { continue };
        if protos[p].merged_into.is_some() {
            continue;
        }
        let len = s.chars().count();
        let max_edits = if len >= 8 {
            2
        } else if len >= 5 {
            1
        } else {
            0
        };
        if max_edits == 0 {
            continue;
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
                let Some(t) = &protos[q].surname else { continue };
                if t == &s {
                    continue;
                }
                // Two full names must agree on the first name.
                if let (Some(g1), Some(g2)) = (&protos[p].given, &protos[q].given) {
                    if !compatible_given(g1, g2) {
                        continue;
                    }
                }
                let d = strsim::damerau_levenshtein(&s, t);
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
        let Some((_, q)) = best else { continue };
        if tie || !is_person(&protos[p]) || !is_person(&protos[q]) {
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
