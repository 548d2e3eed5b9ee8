//! The user lexicon: the user's own names, kinds and never-actors, and the corrections
//! made in the reader, which are written into it so they hold in every article after.
//!
//! The file is the TOML of [`Lexicon::with_user_toml`] (`never = [...]`, `[[actor]]`
//! with `name`, `kind`, `aliases`, `demonyms`); corrections need no other field. It acts
//! twice: layered on the built-in lexicon it makes the analyser find and type the user's
//! names, and [`UserLex::apply_to`] then makes the analysis say what the user said:
//! every mention written as one of an entry's forms belongs to that entry's actor, named
//! and typed as the entry says (so two entries split what the analyser merged, one entry
//! merges what it split), and a mention written as a never-word is dropped.
//!
//! Writing keeps the user's own text: a correction is computed on the parsed entries,
//! turned into a [`Change`] of small steps (an alias added to an entry, a kind set, an
//! entry added or removed, a never-word added), and those steps are patched into the
//! file with toml_edit, so comments, other aliases and untouched entries stay as
//! written. An undo is the same steps taken back, in the file as it is then. Each write locks, re-reads and merges
//! ([`crate::store::places::update_locked`]), and a file that does not parse is never written.

use super::places::{Held, Wait};
use crate::analysis::{Actor, ActorId, Analysis, Kind, Mention, Quote};
use crate::{Lexicon, analyse};
use anyhow::{Context, Result, bail};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

// The file's schema is the analysis's (the lexicon reads it); the corrections here.
pub use crate::analysis::lexicon::{Entry, UserLex};

impl Entry {
    fn new(name: &str, kind: Kind) -> Entry {
        Entry { name: name.to_owned(), kind, aliases: Vec::new(), demonyms: Vec::new() }
    }

    /// Every form that names this entry's actor.
    fn forms(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str())
            .chain(self.aliases.iter().map(String::as_str))
            .chain(self.demonyms.iter().map(String::as_str))
            .map(str::trim)
    }

    fn names_any(&self, forms: &HashSet<&str>) -> bool {
        self.forms().any(|f| forms.contains(f))
    }

    /// Adds an alias unless the entry already has the form.
    fn add_alias(&mut self, alias: &str) {
        let alias = alias.trim();
        if !alias.is_empty() && !self.forms().any(|f| f == alias) {
            self.aliases.push(alias.to_owned());
        }
    }

    fn remove_form(&mut self, form: &str) {
        self.aliases.retain(|a| a.trim() != form);
        self.demonyms.retain(|a| a.trim() != form);
    }
}

/// Why a file does not parse, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub line: usize,
    pub column: usize,
    pub reason: String,
}

impl ParseError {
    /// From toml's error: its byte span turned into a line and column (1-based).
    pub fn from_toml(text: &str, e: &toml::de::Error) -> ParseError {
        let at = e.span().map_or(0, |s| s.start).min(text.len());
        let before = text.get(..at).unwrap_or("");
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        let reason = e.message().split_whitespace().collect::<Vec<_>>().join(" ");
        ParseError { line, column, reason }
    }

    /// `path:line:column: reason`, as compilers write it, so editors can jump there.
    pub fn at(&self, path: &Path) -> String {
        format!("{}:{}:{}: {}", path.display(), self.line, self.column, self.reason)
    }
}

impl UserLex {
    /// Parses the file's text.
    ///
    /// # Errors
    /// Where and why the text is not a user lexicon.
    pub fn parse(text: &str) -> Result<UserLex, ParseError> {
        toml::from_str(text).map_err(|e| ParseError::from_toml(text, &e))
    }

    pub fn is_empty(&self) -> bool {
        self.never.is_empty() && self.actors.is_empty()
    }

    /// The analysis as the user corrected it: mentions written as one of an entry's forms
    /// go to that entry's actor, named and typed by the entry; the other mentions of an
    /// actor follow the entry most of its listed forms name; mentions written as a
    /// never-word are dropped. Actors end up ordered by first mention with `id` their
    /// index, and each quote's speaker follows the mention of its old actor nearest it.
    pub fn apply_to(&self, analysis: Analysis, text: &str) -> Analysis {
        if self.is_empty() {
            return analysis;
        }
        let layer = Layer::new(self, text);
        let mut homes: Vec<Option<usize>> = analysis.actors.iter().map(|a| layer.home(a)).collect();
        layer.home_surnames(&analysis.actors, &mut homes);
        let Regrouped { groups, went } = layer.regroup(&analysis.actors, &homes);
        let actors: Vec<(usize, Actor)> = groups
            .into_iter()
            .enumerate()
            .filter_map(|(g, (owner, mentions))| {
                Some((g, layer.actor(owner, mentions, &analysis.actors)?))
            })
            .collect();
        let (actors, new_id) = renumber(actors);
        let quotes = follow_speakers(analysis.quotes, &actors, &went, &new_id);
        Analysis { actors, quotes }
    }
}

/// Whose a mention is once the user's entries are applied: an entry's, or else still
/// its old actor's.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Owner {
    Entry(usize),
    Actor(ActorId),
}

/// The mentions under their new owners, in the order the owners were met, and for each
/// old actor the groups its mentions went to: its quotes follow them.
struct Regrouped {
    groups: Vec<(Owner, Vec<Mention>)>,
    went: Vec<Vec<usize>>,
}

/// A user lexicon made ready to apply to one article's analysis.
struct Layer<'u, 't> {
    lex: &'u UserLex,
    text: &'t str,
    /// Each form an entry lists, to the first entry that lists it.
    entry_of: HashMap<&'u str, usize>,
    never: HashSet<&'u str>,
}

impl<'u, 't> Layer<'u, 't> {
    fn new(lex: &'u UserLex, text: &'t str) -> Self {
        let mut entry_of: HashMap<&str, usize> = HashMap::new();
        for (i, e) in lex.actors.iter().enumerate() {
            for f in e.forms() {
                entry_of.entry(f).or_insert(i);
            }
        }
        let never = lex.never.iter().map(|s| s.trim()).collect();
        Layer { lex, text, entry_of, never }
    }

    fn form(&self, m: &Mention) -> &'t str {
        self.text.get(m.start..m.end).unwrap_or("")
    }

    /// The entry an old actor's unlisted mentions follow: the one most of its listed
    /// forms name (the first entry on a tie), else the one its name is listed in.
    fn home(&self, a: &Actor) -> Option<usize> {
        let mut votes: HashMap<usize, usize> = HashMap::new();
        for m in &a.mentions {
            if let Some(&e) = self.entry_of.get(self.form(m)) {
                *votes.entry(e).or_default() += 1;
            }
        }
        votes
            .into_iter()
            .max_by_key(|&(e, n)| (n, std::cmp::Reverse(e)))
            .map(|(e, _)| e)
            .or_else(|| self.entry_of.get(a.name.trim()).copied())
    }

    /// A listed person's full name makes it a lexicon name, which the analyser does not
    /// join with a bare surname; as it would for a name it found itself, an actor of
    /// surnames alone (a person or an organization, as a lone surname may be read) with
    /// no home goes to the one listed person of this article who bears them all.
    fn home_surnames(&self, actors: &[Actor], homes: &mut [Option<usize>]) {
        let by_surname = self.listed_surnames(homes);
        for (a, home) in actors.iter().zip(homes.iter_mut()) {
            if home.is_some() || !matches!(a.kind, Kind::Person | Kind::Organization) {
                continue;
            }
            let mut found = a.mentions.iter().map(|m| match by_surname.get(self.form(m)) {
                Some(v) if v.len() == 1 => Some(v[0]),
                _ => None,
            });
            let first = found.next().flatten();
            if first.is_some() && found.all(|e| e == first) {
                *home = first;
            }
        }
    }

    /// The last word of each form of the listed persons some actor of this article went
    /// to, with the entries that have it.
    fn listed_surnames(&self, homes: &[Option<usize>]) -> HashMap<&'u str, Vec<usize>> {
        let mut by_surname: HashMap<&str, Vec<usize>> = HashMap::new();
        for e in homes.iter().flatten().copied().collect::<HashSet<usize>>() {
            if self.lex.actors[e].kind != Kind::Person {
                continue;
            }
            for f in self.lex.actors[e].forms() {
                if let Some((_, last)) = f.rsplit_once(' ') {
                    let v = by_surname.entry(last).or_default();
                    if !v.contains(&e) {
                        v.push(e);
                    }
                }
            }
        }
        by_surname
    }

    /// Every mention not a never-word, under its owner: the entry that lists its form,
    /// else its old actor's home entry, else its old actor.
    fn regroup(&self, actors: &[Actor], homes: &[Option<usize>]) -> Regrouped {
        let mut groups: Vec<(Owner, Vec<Mention>)> = Vec::new();
        let mut group_of: HashMap<Owner, usize> = HashMap::new();
        let mut went: Vec<Vec<usize>> = vec![Vec::new(); actors.len()];
        for (old, a) in actors.iter().enumerate() {
            for m in &a.mentions {
                let f = self.form(m);
                if self.never.contains(f) {
                    continue;
                }
                let owner = match self.entry_of.get(f) {
                    Some(&e) => Owner::Entry(e),
                    None => homes[old].map_or(Owner::Actor(old), Owner::Entry),
                };
                let g = *group_of.entry(owner).or_insert_with(|| {
                    groups.push((owner, Vec::new()));
                    groups.len() - 1
                });
                groups[g].1.push(*m);
                if !went[old].contains(&g) {
                    went[old].push(g);
                }
            }
        }
        Regrouped { groups, went }
    }

    /// One group's actor (its `id` still to be given), with its mentions sorted and any
    /// overlapping an earlier one dropped; none when no mention is left.
    fn actor(&self, owner: Owner, mut mentions: Vec<Mention>, old: &[Actor]) -> Option<Actor> {
        crate::analysis::sorted_apart(&mut mentions, |m| (m.start, m.end));
        if mentions.is_empty() {
            return None;
        }
        let mut aliases: Vec<String> = Vec::new();
        for m in &mentions {
            let f = self.form(m);
            if !aliases.iter().any(|a| a == f) {
                aliases.push(f.to_owned());
            }
        }
        // The user's word on a kind is sure; an actor left alone keeps the model's doubt.
        let (name, kind, unsure) = match owner {
            Owner::Entry(e) => (self.lex.actors[e].name.clone(), self.lex.actors[e].kind, false),
            Owner::Actor(id) => {
                let a = &old[id];
                let name = if aliases.contains(&a.name) {
                    a.name.clone()
                } else {
                    fullest(&mentions, self.text).unwrap_or_else(|| a.name.clone())
                };
                (name, a.kind, a.unsure)
            }
        };
        Some(Actor { id: 0, name, kind, unsure, aliases, mentions })
    }
}

/// The actors ordered by first mention with `id` their index, and each group's new id.
fn renumber(mut actors: Vec<(usize, Actor)>) -> (Vec<Actor>, HashMap<usize, ActorId>) {
    actors.sort_by_key(|(_, a)| a.mentions.first().map_or(usize::MAX, |m| m.start));
    let mut new_id: HashMap<usize, ActorId> = HashMap::new();
    for (i, (g, a)) in actors.iter_mut().enumerate() {
        a.id = i;
        new_id.insert(*g, i);
    }
    (actors.into_iter().map(|(_, a)| a).collect(), new_id)
}

/// Each quote's speaker, from its old actor to the new actor of those its mentions went
/// to that has a mention nearest the quote.
fn follow_speakers(
    quotes: Vec<Quote>,
    actors: &[Actor],
    went: &[Vec<usize>],
    new_id: &HashMap<usize, ActorId>,
) -> Vec<Quote> {
    quotes
        .into_iter()
        .map(|q| {
            let speaker = q.speaker.and_then(|old| {
                went.get(old)?
                    .iter()
                    .filter_map(|g| new_id.get(g).copied())
                    .min_by_key(|&id| distance(&actors[id], &q))
            });
            // The words that named the old speaker still name the new one.
            Quote { speaker_mention: q.speaker_mention.filter(|_| speaker.is_some()), speaker, ..q }
        })
        .collect()
}

/// How far the actor's nearest mention is from the quote, in bytes.
fn distance(actor: &Actor, q: &Quote) -> usize {
    actor
        .mentions
        .iter()
        .map(|m| if m.end <= q.start { q.start - m.end } else { m.start.saturating_sub(q.end) })
        .min()
        .unwrap_or(usize::MAX)
}

/// The fullest form among mentions: most words, then most letters; not a demonym.
fn fullest(mentions: &[Mention], text: &str) -> Option<String> {
    mentions
        .iter()
        .filter(|m| !m.demonym)
        .filter_map(|m| text.get(m.start..m.end))
        .max_by_key(|f| (f.split_whitespace().count(), f.len()))
        .map(str::to_owned)
}

/// An actor of an analysis as a correction needs it: its name, kind and the forms the
/// article writes it in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorDesc {
    pub name: String,
    pub kind: Kind,
    /// Forms of its mentions that are names.
    pub aliases: Vec<String>,
    /// Forms of its mentions that are demonyms ("Iranian").
    pub demonyms: Vec<String>,
}

impl ActorDesc {
    pub fn of(actor: &Actor, text: &str) -> ActorDesc {
        let (mut aliases, mut demonyms): (Vec<String>, Vec<String>) = (Vec::new(), Vec::new());
        for m in &actor.mentions {
            let Some(f) = text.get(m.start..m.end) else { continue };
            let list = if m.demonym { &mut demonyms } else { &mut aliases };
            if !list.iter().any(|a| a == f) {
                list.push(f.to_owned());
            }
        }
        ActorDesc { name: actor.name.clone(), kind: actor.kind, aliases, demonyms }
    }

    fn forms(&self) -> HashSet<&str> {
        std::iter::once(self.name.as_str())
            .chain(self.aliases.iter().map(String::as_str))
            .chain(self.demonyms.iter().map(String::as_str))
            .map(str::trim)
            .collect()
    }
}

/// A kind with its article ("an organization").
fn a_kind(kind: Kind) -> String {
    let k = kind.as_str();
    let article = if k.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" };
    format!("{article} {k}")
}

/// A correction made in the reader.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    Rename {
        actor: ActorDesc,
        to: String,
    },
    Kind {
        actor: ActorDesc,
        kind: Kind,
    },
    /// `from` becomes part of `into`.
    Merge {
        into: ActorDesc,
        from: ActorDesc,
    },
    /// One form of the actor becomes an actor of its own.
    Split {
        actor: ActorDesc,
        alias: String,
    },
    /// None of the actor's forms is ever an actor.
    Never {
        actor: ActorDesc,
    },
    Alias {
        actor: ActorDesc,
        alias: String,
    },
}

impl Edit {
    /// What the edit did, for the reader's status.
    pub fn describe(&self) -> String {
        match self {
            Edit::Rename { actor, to } => format!("renamed {} to {to}", actor.name),
            Edit::Kind { actor, kind } => format!("{} is now {}", actor.name, a_kind(*kind)),
            Edit::Merge { into, from } => format!("merged {} into {}", from.name, into.name),
            Edit::Split { actor, alias } => format!("split {alias} off {}", actor.name),
            Edit::Never { actor } => format!("{} is never an actor", actor.name),
            Edit::Alias { actor, alias } => format!("{alias} is now a name of {}", actor.name),
        }
    }

    /// What holds again once the edit is undone, for the reader's notice: the state the
    /// user is back in, not the edit taken back, which they would have to invert.
    pub fn describe_undone(&self) -> String {
        match self {
            Edit::Rename { actor, to } => format!("{to} is named {} again", actor.name),
            Edit::Kind { actor, .. } => format!("{} is {} again", actor.name, a_kind(actor.kind)),
            Edit::Merge { into, from } => {
                format!("{} is apart from {} again", from.name, into.name)
            }
            Edit::Split { actor, alias } => format!("{alias} is a name of {} again", actor.name),
            Edit::Never { actor } => format!("{} can be an actor again", actor.name),
            Edit::Alias { actor, alias } => {
                format!("{alias} is no longer a name of {}", actor.name)
            }
        }
    }

    /// The user lexicon with this edit made.
    ///
    /// # Errors
    /// When the edit asks for nothing sensible (an empty name, a split of the only form).
    pub fn apply(&self, lex: &UserLex) -> Result<UserLex> {
        let mut lex = lex.clone();
        match self {
            Edit::Rename { actor, to } => {
                let to = non_empty(to)?;
                let (i, mut e) = take_entry(&mut lex, actor);
                if e.name != to {
                    let old = std::mem::replace(&mut e.name, to.to_owned());
                    e.add_alias(&old);
                }
                e.remove_form(to);
                lex.actors.insert(i, e);
            }
            Edit::Kind { actor, kind } => {
                let (i, mut e) = take_entry(&mut lex, actor);
                e.kind = *kind;
                lex.actors.insert(i, e);
            }
            Edit::Alias { actor, alias } => {
                let alias = non_empty(alias)?;
                for other in &mut lex.actors {
                    other.remove_form(alias);
                }
                let (i, mut e) = take_entry(&mut lex, actor);
                e.add_alias(alias);
                lex.actors.insert(i, e);
            }
            Edit::Merge { into, from } => {
                let (i, mut e) = take_entry(&mut lex, into);
                // `from`'s entry, with every form the article writes it in.
                let (j, f) = take_entry(&mut lex, from);
                e.add_alias(&f.name);
                for a in &f.aliases {
                    e.add_alias(a);
                }
                for d in &f.demonyms {
                    if !e.forms().any(|x| x == d) {
                        e.demonyms.push(d.clone());
                    }
                }
                lex.actors.insert(i.min(j).min(lex.actors.len()), e);
            }
            Edit::Split { actor, alias } => {
                let alias = non_empty(alias)?;
                let (i, mut e) = take_entry(&mut lex, actor);
                e.remove_form(alias);
                if e.name == alias {
                    // The name itself goes: the fullest other form names what is left.
                    let rest =
                        e.aliases.iter().max_by_key(|a| (a.split_whitespace().count(), a.len()));
                    let Some(rest) = rest.cloned() else {
                        bail!("{alias} is the only name of its actor: nothing to split it from");
                    };
                    e.remove_form(&rest);
                    e.name = rest;
                }
                for other in &mut lex.actors {
                    other.remove_form(alias);
                }
                lex.actors.insert(i, e);
                if !lex.actors.iter().any(|x| x.name == alias) {
                    lex.actors.push(Entry::new(alias, actor.kind));
                }
            }
            Edit::Never { actor } => {
                let forms = actor.forms();
                for other in &mut lex.actors {
                    for f in &forms {
                        other.remove_form(f);
                    }
                }
                lex.actors.retain(|e| !forms.contains(e.name.as_str()));
                let mut forms: Vec<&str> = forms.into_iter().collect();
                forms.sort_unstable();
                for f in forms {
                    if !lex.never.iter().any(|w| w.trim() == f) {
                        lex.never.push(f.to_owned());
                    }
                }
            }
        }
        Ok(lex)
    }
}

fn non_empty(s: &str) -> Result<&str> {
    let s = s.trim();
    if s.is_empty() {
        bail!("a name cannot be empty");
    }
    Ok(s)
}

/// Takes the actor's entry out of the lexicon (one naming the actor's name first, else
/// any of its forms), with every form the article writes it in added; a new entry when
/// the lexicon has none. Returns where it was, to put it back in its place.
fn take_entry(lex: &mut UserLex, actor: &ActorDesc) -> (usize, Entry) {
    let forms = actor.forms();
    let found = lex
        .actors
        .iter()
        .position(|e| e.name == actor.name)
        .or_else(|| lex.actors.iter().position(|e| e.names_any(&forms)));
    let (i, mut e) = match found {
        Some(i) => (i, lex.actors.remove(i)),
        None => (lex.actors.len(), Entry::new(actor.name.trim(), actor.kind)),
    };
    e.add_alias(&actor.name);
    for a in &actor.aliases {
        e.add_alias(a);
    }
    for d in &actor.demonyms {
        if !e.forms().any(|f| f == d) {
            e.demonyms.push(d.clone());
        }
    }
    (i, e)
}

/// What an edit changed in the file, step by step: applied to the file as it is when
/// written, so what another reader wrote meanwhile stays; its inverse is the undo.
///
/// N.B. The steps are as small as the edit: an alias added to an entry is that alias,
/// not the entry replaced by a new one. So an undo takes back exactly its own change,
/// in the file as it is by then: another reader's alias in the same entry, the user's
/// own aliases and comments stay, and a step someone else took back already is said
/// to be gone rather than done twice.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Change {
    pub steps: Vec<Step>,
    /// The `[[actor]]` tables this change took out, as they were written (comments and
    /// all, each a TOML document of its own), so that its undo puts them back so.
    pub written: Vec<String>,
}

/// Which list of an entry a form is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum List {
    Aliases,
    Demonyms,
}

impl List {
    fn key(self) -> &'static str {
        match self {
            List::Aliases => "aliases",
            List::Demonyms => "demonyms",
        }
    }

    fn of(self, e: &Entry) -> &Vec<String> {
        match self {
            List::Aliases => &e.aliases,
            List::Demonyms => &e.demonyms,
        }
    }
}

/// One step of a [`Change`]. Entries are found by their name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// A new `[[actor]]` entry.
    AddEntry(Entry),
    /// This entry taken out: its forms, and the entry itself when nothing else is left
    /// in it (what others added since stays, in the entry).
    RemoveEntry(Entry),
    Rename {
        from: String,
        to: String,
    },
    SetKind {
        name: String,
        from: Kind,
        to: Kind,
    },
    AddForm {
        name: String,
        list: List,
        form: String,
    },
    RemoveForm {
        name: String,
        list: List,
        form: String,
    },
    AddNever(String),
    RemoveNever(String),
}

impl Step {
    fn inverse(&self) -> Step {
        match self.clone() {
            Step::AddEntry(e) => Step::RemoveEntry(e),
            Step::RemoveEntry(e) => Step::AddEntry(e),
            Step::Rename { from, to } => Step::Rename { from: to, to: from },
            Step::SetKind { name, from, to } => Step::SetKind { name, from: to, to: from },
            Step::AddForm { name, list, form } => Step::RemoveForm { name, list, form },
            Step::RemoveForm { name, list, form } => Step::AddForm { name, list, form },
            Step::AddNever(w) => Step::RemoveNever(w),
            Step::RemoveNever(w) => Step::AddNever(w),
        }
    }

    /// The step, for a message saying it could not be taken.
    fn describe(&self) -> String {
        match self {
            Step::AddEntry(e) => format!("the entry {}", e.name),
            Step::RemoveEntry(e) => format!("the entry {}", e.name),
            Step::Rename { from, to } => format!("{from} named {to}"),
            Step::SetKind { name, from, .. } => format!("{name} as a {}", from.as_str()),
            Step::AddForm { name, form, .. } | Step::RemoveForm { name, form, .. } => {
                format!("{form} as a name of {name}")
            }
            Step::AddNever(w) | Step::RemoveNever(w) => format!("{w} as never an actor"),
        }
    }
}

impl Change {
    /// The steps from one lexicon to another. An entry of `new` is the entry of `old`
    /// of the same name, else one whose name it lists as a form (a rename keeps the
    /// old name as an alias), else new.
    pub fn between(old: &UserLex, new: &UserLex) -> Change {
        let mut steps = Vec::new();
        for w in new.never.iter().filter(|w| !old.never.contains(w)) {
            steps.push(Step::AddNever(w.clone()));
        }
        for w in old.never.iter().filter(|w| !new.never.contains(w)) {
            steps.push(Step::RemoveNever(w.clone()));
        }
        let mut used = vec![false; old.actors.len()];
        let mut take = |found: &dyn Fn(&Entry) -> bool| {
            let j = old.actors.iter().enumerate().position(|(j, o)| !used[j] && found(o))?;
            used[j] = true;
            Some(j)
        };
        let mut pairs: Vec<Option<usize>> =
            new.actors.iter().map(|n| take(&|o: &Entry| o.name == n.name)).collect();
        for (n, pair) in new.actors.iter().zip(pairs.iter_mut()) {
            if pair.is_none() {
                *pair = take(&|o: &Entry| n.forms().any(|f| f == o.name));
            }
        }
        let mut added = Vec::new();
        for (n, pair) in new.actors.iter().zip(&pairs) {
            let Some(o) = pair.map(|j| &old.actors[j]) else {
                added.push(Step::AddEntry(n.clone()));
                continue;
            };
            if o.name != n.name {
                steps.push(Step::Rename { from: o.name.clone(), to: n.name.clone() });
            }
            if o.kind != n.kind {
                steps.push(Step::SetKind { name: n.name.clone(), from: o.kind, to: n.kind });
            }
            for list in [List::Aliases, List::Demonyms] {
                let (was, is) = (list.of(o), list.of(n));
                for f in was.iter().filter(|f| !is.contains(f)) {
                    steps.push(Step::RemoveForm { name: n.name.clone(), list, form: f.clone() });
                }
                for f in is.iter().filter(|f| !was.contains(f)) {
                    steps.push(Step::AddForm { name: n.name.clone(), list, form: f.clone() });
                }
            }
        }
        for (o, _) in old.actors.iter().zip(&used).filter(|(_, u)| !**u) {
            steps.push(Step::RemoveEntry(o.clone()));
        }
        steps.extend(added);
        Change { steps, written: Vec::new() }
    }

    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    /// The change that undoes this one: each step taken back, the last first.
    pub fn inverse(&self) -> Change {
        Change {
            steps: self.steps.iter().rev().map(Step::inverse).collect(),
            written: self.written.clone(),
        }
    }

    /// The file's text with this change made, keeping everything else as written.
    ///
    /// # Errors
    /// When the text does not parse, or writes `actor` or `never` in a shape this cannot
    /// edit (an inline array of tables).
    pub fn patch(&self, text: &str) -> Result<String> {
        self.patch_saying(text).map(|(out, _)| out)
    }

    /// [`Change::patch`], and the steps that could not be taken because the file no
    /// longer has what they change (another reader took it back or changed it).
    ///
    /// # Errors
    /// As [`Change::patch`].
    pub fn patch_saying(&self, text: &str) -> Result<(String, Vec<String>)> {
        self.patch_keeping(text).map(|(out, gone, _)| (out, gone))
    }

    /// [`Change::patch_saying`], and the tables it took out as they were written (for
    /// [`Change::written`]).
    ///
    /// # Errors
    /// As [`Change::patch`].
    pub fn patch_keeping(&self, text: &str) -> Result<(String, Vec<String>, Vec<String>)> {
        use toml_edit::{Array, ArrayOfTables, DocumentMut, Item, value};
        let mut removed = Vec::new();
        UserLex::parse(text).map_err(|e| anyhow::anyhow!("{}", e.reason))?;
        let mut doc: DocumentMut = text.parse().context("user lexicon")?;
        let mut gone = Vec::new();
        let touches_never = |s: &Step| matches!(s, Step::AddNever(_) | Step::RemoveNever(_));
        if self.steps.iter().any(touches_never) {
            let never = doc.entry("never").or_insert(value(Array::new()));
            let Some(arr) = never.as_array_mut() else {
                bail!("`never` is not an array");
            };
            for step in self.steps.iter().filter(|s| touches_never(s)) {
                let has = |arr: &Array, w: &str| arr.iter().any(|v| v.as_str() == Some(w));
                match step {
                    Step::AddNever(w) if !has(arr, w) => arr.push(w.as_str()),
                    Step::RemoveNever(w) if has(arr, w) => {
                        arr.retain(|v| v.as_str() != Some(w.as_str()));
                    }
                    Step::RemoveNever(_) => gone.push(step.describe()),
                    _ => {}
                }
            }
        }
        if self.steps.iter().any(|s| !touches_never(s)) {
            let item = doc.entry("actor").or_insert(Item::ArrayOfTables(ArrayOfTables::new()));
            let Some(tables) = item.as_array_of_tables_mut() else {
                bail!("`actor` is not written as [[actor]] tables; write it so to correct it");
            };
            for step in self.steps.iter().filter(|s| !touches_never(s)) {
                if !patch_entries(tables, step, &self.written, &mut removed) {
                    gone.push(step.describe());
                }
            }
        }
        Ok((doc.to_string(), gone, removed))
    }
}

/// A table as a TOML document of its own: `[[actor]]` and its lines, its comments too.
fn table_text(t: &toml_edit::Table) -> String {
    let mut doc = toml_edit::DocumentMut::new();
    let mut tables = toml_edit::ArrayOfTables::new();
    tables.push(t.clone());
    doc.insert("actor", toml_edit::Item::ArrayOfTables(tables));
    doc.to_string()
}

/// The table of `written` (see [`Change::written`]) that says exactly `e`.
fn written_table(written: &[String], e: &Entry) -> Option<toml_edit::Table> {
    written.iter().find_map(|text| {
        let parsed = UserLex::parse(text).ok()?;
        if parsed.actors.first() != Some(e) {
            return None;
        }
        let doc: toml_edit::DocumentMut = text.parse().ok()?;
        doc.get("actor")?.as_array_of_tables()?.get(0).cloned()
    })
}

/// The index of the `[[actor]]` table named `name`.
fn table_named(tables: &toml_edit::ArrayOfTables, name: &str) -> Option<usize> {
    let name = name.trim();
    tables.iter().position(|t| t.get("name").and_then(|v| v.as_str()).map(str::trim) == Some(name))
}

/// Sets a string value in a table, keeping the comment and spacing around the old one.
fn set_str(t: &mut toml_edit::Table, key: &str, s: &str) {
    match t.get_mut(key).and_then(toml_edit::Item::as_value_mut) {
        Some(v) => {
            let decor = v.decor().clone();
            *v = s.into();
            *v.decor_mut() = decor;
        }
        None => t[key] = toml_edit::value(s),
    }
}

/// Whether a form is in a list of a table.
fn lists(t: &toml_edit::Table, list: List, form: &str) -> bool {
    t.get(list.key())
        .and_then(|i| i.as_array())
        .is_some_and(|a| a.iter().any(|v| v.as_str().map(str::trim) == Some(form.trim())))
}

/// Adds a form to a list of a table, unless it is there or is the entry's name.
fn add_form(t: &mut toml_edit::Table, list: List, form: &str) {
    let named = t.get("name").and_then(|v| v.as_str()).map(str::trim) == Some(form.trim());
    if named || lists(t, list, form) {
        return;
    }
    let item = t.entry(list.key()).or_insert(toml_edit::value(toml_edit::Array::new()));
    if let Some(arr) = item.as_array_mut() {
        arr.push(form);
    }
}

/// Takes a form out of a list of a table; the list goes when it is left empty, unless
/// the user wrote a comment on it.
fn remove_form(t: &mut toml_edit::Table, list: List, form: &str) {
    let Some(v) = t.get_mut(list.key()).and_then(toml_edit::Item::as_value_mut) else { return };
    let commented = [v.decor().prefix(), v.decor().suffix()]
        .into_iter()
        .flatten()
        .any(|raw| raw.as_str().is_some_and(|s| s.contains('#')));
    let Some(arr) = v.as_array_mut() else { return };
    arr.retain(|v| v.as_str().map(str::trim) != Some(form.trim()));
    if arr.is_empty() && !commented {
        t.remove(list.key());
    }
}

/// Takes one step in the `[[actor]]` tables; false when what it changes is not there.
fn patch_entries(
    tables: &mut toml_edit::ArrayOfTables,
    step: &Step,
    written: &[String],
    removed: &mut Vec<String>,
) -> bool {
    use toml_edit::{Array, Table, value};
    let at = |name: &str| table_named(tables, name);
    match step {
        Step::AddEntry(e) => {
            if let Some(i) = at(&e.name) {
                // Someone made the entry meanwhile: it gets what this one had.
                let t = tables.get_mut(i).expect("found");
                for list in [List::Aliases, List::Demonyms] {
                    for f in list.of(e) {
                        add_form(t, list, f);
                    }
                }
                return true;
            }
            if let Some(t) = written_table(written, e) {
                tables.push(t);
                return true;
            }
            let mut t = Table::new();
            t["name"] = value(e.name.as_str());
            t["kind"] = value(e.kind.as_str());
            if !e.aliases.is_empty() {
                t["aliases"] = value(e.aliases.iter().map(String::as_str).collect::<Array>());
            }
            if !e.demonyms.is_empty() {
                t["demonyms"] = value(e.demonyms.iter().map(String::as_str).collect::<Array>());
            }
            tables.push(t);
            true
        }
        Step::RemoveEntry(e) => {
            let Some(i) = at(&e.name) else { return false };
            let t = tables.get_mut(i).expect("found");
            let as_written = table_text(t);
            for list in [List::Aliases, List::Demonyms] {
                for f in list.of(e) {
                    remove_form(t, list, f);
                }
            }
            // The entry goes unless someone gave it more since: a form, another kind.
            let kind = t.get("kind").and_then(|v| v.as_str()?.parse::<Kind>().ok());
            let others = t.iter().any(|(k, v)| {
                !matches!(k, "name" | "kind") && !v.as_array().is_some_and(|a| a.is_empty())
            });
            if kind == Some(e.kind) && !others {
                tables.remove(i);
                removed.push(as_written);
            }
            true
        }
        Step::Rename { from, to } => {
            let Some(i) = at(from) else { return false };
            set_str(tables.get_mut(i).expect("found"), "name", to);
            true
        }
        Step::SetKind { name, from, to } => {
            let Some(i) = at(name) else { return false };
            let t = tables.get_mut(i).expect("found");
            if t.get("kind").and_then(|v| v.as_str()?.parse::<Kind>().ok()) != Some(*from) {
                return false;
            }
            set_str(t, "kind", to.as_str());
            true
        }
        Step::AddForm { name, list, form } => {
            let Some(i) = at(name) else { return false };
            add_form(tables.get_mut(i).expect("found"), *list, form);
            true
        }
        Step::RemoveForm { name, list, form } => {
            let Some(i) = at(name) else { return false };
            let t = tables.get_mut(i).expect("found");
            if !lists(t, *list, form) {
                return false;
            }
            remove_form(t, *list, form);
            true
        }
        Step::AddNever(_) | Step::RemoveNever(_) => true,
    }
}

/// The user lexicon in effect: its file, its entries, the lexicon built with them, and
/// the corrections made in this session (for undo).
#[derive(Debug)]
pub struct UserLexicon {
    path: PathBuf,
    user: UserLex,
    lexicon: Option<Lexicon>,
    /// Why the file could not be used (path, line and reason): the reader then runs
    /// with the built-in lexicon and refuses to write the file.
    problem: Option<String>,
    /// Each correction of the session: what undoing it brings back (as
    /// [`Edit::describe_undone`] says), and the change to take back.
    undo: Vec<(String, Change)>,
}

impl UserLexicon {
    /// Reads the user lexicon at `path`. A missing file is an empty lexicon; one that
    /// does not parse leaves the built-in lexicon in effect and is reported by
    /// [`UserLexicon::problem`].
    pub fn open(path: PathBuf) -> UserLexicon {
        let mut lex = UserLexicon {
            path,
            user: UserLex::default(),
            lexicon: None,
            problem: None,
            undo: Vec::new(),
        };
        lex.reload();
        lex
    }

    /// Reads the file again (after a write of ours, which merged others' writes in).
    pub fn reload(&mut self) {
        self.user = UserLex::default();
        self.lexicon = None;
        self.problem = None;
        let text = match std::fs::read_to_string(&self.path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return,
            Err(e) => {
                self.problem = Some(format!("{}: cannot read: {e}", self.path.display()));
                return;
            }
        };
        match check(&text) {
            Ok((user, lexicon)) => {
                self.user = user;
                self.lexicon = lexicon;
            }
            Err(e) => self.problem = Some(e.at(&self.path)),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Why the file is not in use, as `path:line:column: reason`.
    pub fn problem(&self) -> Option<&str> {
        self.problem.as_deref()
    }

    pub fn entries(&self) -> &UserLex {
        &self.user
    }

    /// The built-in lexicon with the user's layered on.
    pub fn lexicon(&self) -> &Lexicon {
        self.lexicon.as_ref().unwrap_or_else(|| Lexicon::builtin())
    }

    /// The analysis of a text with the user's lexicon and corrections.
    pub fn analyse(&self, text: &str) -> Analysis {
        self.user.apply_to(analyse(text, self.lexicon()), text)
    }

    /// Makes a correction: written into the file (locked, merged with what is there
    /// now, atomically), then the file is read again. Returns what was done.
    ///
    /// # Errors
    /// When the file does not parse (it is left as it is) or cannot be written.
    pub fn correct(&mut self, edit: &Edit) -> Result<String> {
        self.correct_with(edit, Wait::Block)
    }

    /// [`UserLexicon::correct`] if the file's lock is free now; None when another
    /// writer holds it (nothing was done: try again later).
    ///
    /// # Errors
    /// As [`UserLexicon::correct`].
    pub fn try_correct(&mut self, edit: &Edit) -> Result<Option<String>> {
        held_is_none(self.correct_with(edit, Wait::Try))
    }

    /// [`UserLexicon::undo`] if the file's lock is free now; None when another writer
    /// holds it (nothing was done, the correction is still there to undo).
    ///
    /// # Errors
    /// As [`UserLexicon::undo`].
    pub fn try_undo(&mut self) -> Result<Option<String>> {
        held_is_none(self.undo_with(Wait::Try))
    }

    fn correct_with(&mut self, edit: &Edit, wait: Wait) -> Result<String> {
        let (mut change, _, written) = self.write(wait, |current| {
            let new = edit.apply(current)?;
            Ok(Change::between(current, &new))
        })?;
        let done = edit.describe();
        change.written = written;
        if !change.is_empty() {
            self.undo.push((edit.describe_undone(), change));
        }
        Ok(done)
    }

    /// Whether there is a correction of this session to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Undoes the last correction of this session in the file as it is now: each of its
    /// steps taken back, what others wrote since left as it is. Says so when some or all
    /// of it was gone already (taken back or changed by someone else).
    ///
    /// # Errors
    /// When there is none, or the file cannot be written.
    pub fn undo(&mut self) -> Result<String> {
        self.undo_with(Wait::Block)
    }

    fn undo_with(&mut self, wait: Wait) -> Result<String> {
        let Some((undone, change)) = self.undo.pop() else {
            bail!("no correction to undo");
        };
        let inverse = change.inverse();
        let gone = match self.write(wait, |_| Ok(inverse.clone())) {
            Ok((_, gone, _)) => gone,
            Err(e) => {
                self.undo.push((undone, change));
                return Err(e);
            }
        };
        Ok(if gone.is_empty() {
            undone
        } else if gone.len() == inverse.steps.len() {
            format!("nothing to undo: the lexicon changed since (not undone: {undone})")
        } else {
            format!("{undone}, but for what had changed since: {}", gone.join(", "))
        })
    }

    /// Writes the change `change_of` makes of the file as it is, under the lock; returns
    /// it, the steps of it that the file no longer allowed and the tables it took out
    /// as they were written.
    fn write(
        &mut self,
        wait: Wait,
        change_of: impl FnOnce(&UserLex) -> Result<Change>,
    ) -> Result<(Change, Vec<String>, Vec<String>)> {
        let path = self.path.clone();
        let result = super::places::update_locked_with(&self.path, wait, |current| {
            let text = current.unwrap_or_default();
            let user = UserLex::parse(&text).map_err(|e| {
                anyhow::anyhow!(
                    "{}; fix it or move it away: corrections are not saved",
                    e.at(&path)
                )
            })?;
            let change = change_of(&user)?;
            if change.is_empty() {
                return Ok((None, (change, Vec::new(), Vec::new())));
            }
            let (out, gone, removed) =
                change.patch_keeping(&text).with_context(|| path.display().to_string())?;
            // Never write what would not read back.
            if let Err(e) = check(&out) {
                bail!(
                    "{}: the correction would not parse ({}); not saved",
                    path.display(),
                    e.reason
                );
            }
            let out = if out == text { None } else { Some(out) };
            Ok((out, (change, gone, removed)))
        });
        self.reload();
        result
    }
}

/// A result with "another writer holds the lock" made None.
fn held_is_none(r: Result<String>) -> Result<Option<String>> {
    match r {
        Ok(done) => Ok(Some(done)),
        Err(e) if e.downcast_ref::<Held>().is_some() => Ok(None),
        Err(e) => Err(e),
    }
}

/// Parses a user lexicon and builds the lexicon with it, as the analyser will.
fn check(text: &str) -> Result<(UserLex, Option<Lexicon>), ParseError> {
    let user = UserLex::parse(text)?;
    if user.is_empty() {
        return Ok((user, None));
    }
    let lexicon = Lexicon::builtin().with_user(&user).map_err(|reason| ParseError {
        line: 1,
        column: 1,
        reason,
    })?;
    Ok((user, Some(lexicon)))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An analysis of `text` made by hand: each actor is (name, kind, [forms]); every
    /// occurrence of a form is a mention; one quote at the end, said by actor `speaker`.
    fn made(text: &str, actors: &[(&str, Kind, &[&str])], speaker: usize) -> Analysis {
        let actors: Vec<Actor> = actors
            .iter()
            .enumerate()
            .map(|(id, (name, kind, forms))| {
                let mut mentions: Vec<Mention> = forms
                    .iter()
                    .flat_map(|f| text.match_indices(f).map(|(s, f)| (s, s + f.len())))
                    .map(|(start, end)| Mention { start, end, demonym: false })
                    .collect();
                mentions.sort_by_key(|m| m.start);
                Actor {
                    id,
                    name: (*name).to_owned(),
                    kind: *kind,
                    unsure: false,
                    aliases: forms.iter().map(|f| (*f).to_owned()).collect(),
                    mentions,
                }
            })
            .collect();
        let q = text.rfind('"').unwrap_or(0);
        let start = text[..q].rfind('"').unwrap_or(0);
        let quotes = vec![Quote {
            start,
            end: q + 1,
            speaker: Some(speaker),
            cue: None,
            speaker_mention: None,
        }];
        Analysis { actors, quotes }
    }

    const TEXT: &str =
        "Kim Jong Un met Kim Yo Jong. The Chairman spoke first. Later Yo-jong said \"no\".";

    #[test]
    fn entries_split_what_the_analysis_merged_and_quotes_follow() {
        let a = made(
            TEXT,
            &[(
                "Kim Jong Un",
                Kind::Person,
                &["Kim Jong Un", "Kim Yo Jong", "Chairman", "Yo-jong"],
            )],
            0,
        );
        // One entry only: the forms it does not list follow it, as the analysis had them.
        let one = UserLex::parse(
            "[[actor]]\nname = \"Kim Yo Jong\"\nkind = \"person\"\naliases = [\"Yo-jong\"]\n",
        )
        .unwrap();
        let b = one.apply_to(a.clone(), TEXT);
        assert_eq!(b.actors.len(), 1);
        assert_eq!(b.actors[0].name, "Kim Yo Jong");
        assert_eq!(b.actors[0].mentions.len(), 4);
        // Two entries, as a split writes them: two actors.
        let mut two = one.clone();
        two.actors.push(Entry {
            name: "Kim Jong Un".into(),
            kind: Kind::Person,
            aliases: vec!["Chairman".into()],
            demonyms: vec![],
        });
        let b = two.apply_to(a, TEXT);
        let names: Vec<&str> = b.actors.iter().map(|x| x.name.as_str()).collect();
        assert_eq!(names, ["Kim Jong Un", "Kim Yo Jong"]);
        assert_eq!(b.actors[1].mentions.len(), 2);
        assert_eq!(b.quotes[0].speaker, Some(1), "the nearest mention's actor said it");
    }

    #[test]
    fn one_entry_merges_what_the_analysis_split_and_never_drops() {
        let text = "Acme said. ACME Corp agreed. Breaking: Acme \"won\".";
        let a = made(
            text,
            &[
                ("Acme", Kind::Organization, &["Acme"]),
                ("ACME Corp", Kind::Organization, &["ACME Corp"]),
                ("Breaking", Kind::Person, &["Breaking"]),
            ],
            2,
        );
        let lex = UserLex::parse(
            "never = [\"Breaking\"]\n[[actor]]\nname = \"Acme Corporation\"\nkind = \"organization\"\naliases = [\"Acme\", \"ACME Corp\"]\n",
        )
        .unwrap();
        let b = lex.apply_to(a, text);
        assert_eq!(b.actors.len(), 1);
        assert_eq!(b.actors[0].name, "Acme Corporation");
        assert_eq!(b.actors[0].aliases, ["Acme", "ACME Corp"]);
        assert_eq!(b.quotes[0].speaker, None, "a dropped actor says nothing");
    }

    #[test]
    fn a_patch_keeps_the_users_text_and_its_inverse_restores_it() {
        let text =
            "# mine\nnever = [\"A\"] # why\n\n[[actor]]\nname = \"X\" # x!\nkind = \"place\"\n";
        let old = UserLex::parse(text).unwrap();
        let desc = ActorDesc {
            name: "Y".into(),
            kind: Kind::Person,
            aliases: vec!["Y".into(), "Why".into()],
            demonyms: vec![],
        };
        let new = Edit::Never { actor: desc.clone() }.apply(&old).unwrap();
        let change = Change::between(&old, &new);
        assert_eq!(change.steps, [Step::AddNever("Why".into()), Step::AddNever("Y".into())]);
        let patched = change.patch(text).unwrap();
        assert!(
            patched.starts_with("# mine\nnever = [\"A\", \"Why\", \"Y\"] # why\n"),
            "{patched}"
        );
        assert!(patched.contains("name = \"X\" # x!"));
        assert_eq!(change.inverse().patch(&patched).unwrap(), text);

        let new = Edit::Kind { actor: desc, kind: Kind::Place }.apply(&old).unwrap();
        let patched = Change::between(&old, &new).patch(text).unwrap();
        let back = UserLex::parse(&patched).unwrap();
        assert_eq!(
            back.actors[1],
            Entry {
                name: "Y".into(),
                kind: Kind::Place,
                aliases: vec!["Why".into()],
                demonyms: vec![]
            }
        );
        assert!(Change::default().patch("actor = [{ name = \"X\", kind = \"place\" }]").is_ok());
        let inline =
            Change { steps: vec![Step::AddEntry(back.actors[1].clone())], ..Change::default() };
        assert!(inline.patch("actor = [{ name = \"X\", kind = \"place\" }]").is_err());
    }

    /// The entries and their forms sorted: the order a patch writes them in may differ
    /// from the order `Edit::apply` leaves them in (a new entry goes last), and neither
    /// order changes what the lexicon says.
    fn sorted(mut lex: UserLex) -> UserLex {
        lex.actors.sort_by(|a, b| a.name.cmp(&b.name));
        for e in &mut lex.actors {
            e.aliases.sort();
            e.demonyms.sort();
        }
        lex
    }

    #[test]
    fn every_edit_patched_in_steps_reads_back_as_the_edit_and_undoes_to_the_file() {
        let text = "# mine\nnever = [\"A\"]\n\n[[actor]]\nname = \"Kim Jong Un\" # him\n\
                    kind = \"person\"\naliases = [\"Kim\", \"Chairman\"] # both\n\n\
                    [[actor]]\nname = \"Danube\"\nkind = \"place\"\ndemonyms = [\"Danubian\"]\n";
        let old = UserLex::parse(text).unwrap();
        let d = |name: &str, kind, forms: &[&str]| ActorDesc {
            name: name.into(),
            kind,
            aliases: forms.iter().map(|f| (*f).to_owned()).collect(),
            demonyms: vec![],
        };
        let kim = d("Kim Jong Un", Kind::Person, &["Kim Jong Un", "Kim", "Jong Un"]);
        let danube = d("Danube", Kind::Place, &["Danube", "Donau"]);
        let new_one = d("Acme", Kind::Organization, &["Acme", "ACME"]);
        let edits = [
            Edit::Rename { actor: kim.clone(), to: "Kim Jong-un".into() },
            Edit::Rename { actor: new_one.clone(), to: "Acme Corp".into() },
            Edit::Kind { actor: danube.clone(), kind: Kind::Organization },
            Edit::Kind { actor: new_one.clone(), kind: Kind::Place },
            Edit::Merge { into: kim.clone(), from: danube.clone() },
            Edit::Merge { into: new_one.clone(), from: kim.clone() },
            Edit::Split { actor: kim.clone(), alias: "Kim".into() },
            Edit::Split { actor: kim.clone(), alias: "Kim Jong Un".into() },
            Edit::Never { actor: kim.clone() },
            Edit::Never { actor: new_one.clone() },
            Edit::Alias { actor: danube.clone(), alias: "Chairman".into() },
            Edit::Alias { actor: new_one, alias: "Acme Inc".into() },
        ];
        for edit in &edits {
            let new = edit.apply(&old).unwrap();
            let mut change = Change::between(&old, &new);
            let (patched, gone, removed) = change.patch_keeping(text).unwrap();
            change.written = removed;
            assert!(gone.is_empty(), "{edit:?}: {gone:?}");
            let back = UserLex::parse(&patched).unwrap();
            assert_eq!(sorted(back), sorted(new), "{edit:?}\n{patched}");
            let (undone, gone) = change.inverse().patch_saying(&patched).unwrap();
            assert!(gone.is_empty(), "{edit:?}: {gone:?}");
            assert_eq!(sorted(UserLex::parse(&undone).unwrap()), sorted(old.clone()), "{edit:?}");
            assert!(undone.contains("# mine"), "{edit:?}\n{undone}");
            // An entry the edit took out comes back as it was written, comments and all.
            assert!(undone.contains("# him") && undone.contains("# both"), "{edit:?}\n{undone}");
        }
    }

    #[test]
    fn parse_errors_say_line_and_column() {
        let e =
            UserLex::parse("never = []\n\n[[actor]]\nname = \"X\"\nkind = \"dog\"\n").unwrap_err();
        assert_eq!((e.line, e.column), (5, 8));
        assert!(e.reason.contains("dog"));
        let e = UserLex::parse("[[actor]]\nname = \"  \"\nkind = \"place\"\n").unwrap_err();
        assert_eq!(e.line, 2);
    }

    #[test]
    fn splitting_the_name_itself_leaves_the_fullest_other_form() {
        let desc = ActorDesc {
            name: "Kim".into(),
            kind: Kind::Person,
            aliases: vec!["Kim".into(), "Kim Jong Un".into(), "Jong Un".into()],
            demonyms: vec![],
        };
        let lex = Edit::Split { actor: desc.clone(), alias: "Kim".into() }
            .apply(&UserLex::default())
            .unwrap();
        assert_eq!(lex.actors[0].name, "Kim Jong Un");
        assert_eq!(lex.actors[0].aliases, ["Jong Un"]);
        assert_eq!(lex.actors[1].name, "Kim");
        let only = ActorDesc { aliases: vec!["Kim".into()], ..desc };
        assert!(
            Edit::Split { actor: only, alias: "Kim".into() }.apply(&UserLex::default()).is_err()
        );
    }
}
