//! Many articles at once: a library, analysed in parallel, and the actors they share.
//!
//! Reading one article answers "who is in this story"; a week of coverage asks who is in
//! all of them. A [`Library`] holds the articles of several paths and directories and
//! an analysis for each as it arrives: analysis runs on rayon's pool in the background
//! so the reader can show the list before the last article is done. Each analysis is
//! the pure [`crate::analyse`] of one article; nothing here changes it.
//!
//! [`Library::actors`] merges actors across articles: by the lexicon's entity (so "US"
//! in one article and "United States" in another are one), and otherwise by a name
//! of the same kind written the same way once case, full stops and a leading title are
//! set aside. A person is joined by a name of two words or more; a bare surname joins
//! the one person of the library who bears it, and no one when two do.

use crate::analysis::lexicon::Meaning;
use crate::analysis::{ActorId, Analysis, Kind, Lexicon, analyse};
use crate::source::{self, Article, LoadOptions};
use anyhow::{Result, bail};
use foldhash::{HashMap, HashMapExt};
use rayon::prelude::*;
use std::path::Path;
use std::sync::mpsc::{Receiver, TryRecvError};

/// Articles, and the analysis of each once it is done.
#[derive(Debug, Default)]
pub struct Library {
    pub articles: Vec<Article>,
    /// `analyses[i]` is the analysis of `articles[i]`, `None` while it is being made.
    pub analyses: Vec<Option<Analysis>>,
}

/// A library's analyses as they arrive from the background: (article index, analysis).
pub type Arrivals = Receiver<(usize, Analysis)>;

impl Library {
    /// A library of articles not analysed yet.
    pub fn new(articles: Vec<Article>) -> Library {
        let analyses = vec![None; articles.len()];
        Library { articles, analyses }
    }

    /// Reads every article of the paths, in the order given; a directory gives its
    /// files in the order of their names. Files are read in parallel.
    ///
    /// N.B. Any input that cannot be read is an error naming it: a library silently
    /// missing an article would give wrong counts.
    pub fn load(paths: &[String], options: &LoadOptions) -> Result<Library> {
        let mut files: Vec<String> = Vec::new();
        for path in paths {
            if path != "-" && Path::new(path).is_dir() {
                let inside = source::articles_in(path)?;
                if inside.is_empty() {
                    bail!(
                        "{path}: no articles in this directory (looked for .txt, .md, .html, .json, .jsonl)"
                    );
                }
                files.extend(inside.into_iter().map(|f| f.to_string_lossy().into_owned()));
            } else {
                files.push(path.clone());
            }
        }
        let read: Vec<Vec<Article>> =
            files.par_iter().map(|f| source::load_all_with(f, options)).collect::<Result<_>>()?;
        Ok(Library::new(read.into_iter().flatten().collect()))
    }

    pub fn len(&self) -> usize {
        self.articles.len()
    }

    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    /// How many articles are analysed.
    pub fn done(&self) -> usize {
        self.analyses.iter().filter(|a| a.is_some()).count()
    }

    /// Analyses every article not analysed yet, in parallel, and returns when all are.
    pub fn analyse_all(&mut self, lexicon: &Lexicon) {
        self.analyse_all_with(&|text: &str| analyse(text, lexicon));
    }

    /// [`Library::analyse_all`] with an analyser of the caller's (the user's lexicon
    /// and corrections layered on the pure analysis).
    pub fn analyse_all_with(&mut self, analyser: &(dyn Fn(&str) -> Analysis + Sync)) {
        let articles = &self.articles;
        self.analyses.par_iter_mut().enumerate().for_each(|(i, slot)| {
            if slot.is_none() {
                *slot = Some(analyser(articles[i].body()));
            }
        });
    }

    /// Starts analysing every article on rayon's pool and returns at once; the
    /// analyses arrive on the receiver in the order they finish (take them with
    /// [`Library::receive`]).
    pub fn analyse_in_background(&self, lexicon: &'static Lexicon) -> Arrivals {
        self.analyse_in_background_with(Box::new(move |text: &str| analyse(text, lexicon)))
    }

    /// [`Library::analyse_in_background`] with an analyser of the caller's.
    pub fn analyse_in_background_with(
        &self,
        analyser: Box<dyn Fn(&str) -> Analysis + Send + Sync>,
    ) -> Arrivals {
        let (tx, rx) = std::sync::mpsc::channel();
        let bodies: Vec<(usize, String)> = (0..self.len())
            .filter(|&i| self.analyses[i].is_none())
            .map(|i| (i, self.articles[i].body().to_owned()))
            .collect();
        std::thread::spawn(move || {
            bodies.into_par_iter().for_each_with(tx, |tx, (i, body)| {
                // The receiver gone means the reader quit: nothing left to do.
                let _ = tx.send((i, analyser(&body)));
            });
        });
        rx
    }

    /// Takes the analyses that have arrived; `true` when some did.
    pub fn receive(&mut self, arrivals: &Arrivals) -> bool {
        let mut any = false;
        loop {
            match arrivals.try_recv() {
                Ok((i, analysis)) => {
                    if let Some(slot) = self.analyses.get_mut(i) {
                        *slot = Some(analysis);
                        any = true;
                    }
                }
                Err(TryRecvError::Empty | TryRecvError::Disconnected) => return any,
            }
        }
    }

    /// Every actor over the analysed articles, merged across articles; most articles
    /// first, then most mentions.
    pub fn actors(&self, lexicon: &Lexicon) -> Vec<LibraryActor> {
        let mut refs: Vec<Occurrence> = Vec::new();
        for (article, analysis) in self.analyses.iter().enumerate() {
            if let Some(a) = analysis {
                refs.extend(a.actors.iter().map(|x| Occurrence { article, actor: x.id }));
            }
        }
        let mut sets = UnionFind::new(refs.len());
        let mut first: HashMap<Key, usize> = HashMap::new();
        for (r, occ) in refs.iter().enumerate() {
            let Some(Some(analysis)) = self.analyses.get(occ.article) else { continue };
            let actor = &analysis.actors[occ.actor];
            for key in keys(&actor.name, &actor.aliases, actor.kind, lexicon) {
                match first.get(&key) {
                    Some(&other) => sets.join(r, other),
                    None => {
                        first.insert(key, r);
                    }
                }
            }
        }
        // A person named by one word only ("Putin") joins the person of that surname
        // when the library has exactly one; two ("John Smith", "Mary Smith") leave it be.
        let mut by_surname: HashMap<String, Vec<usize>> = HashMap::new();
        let mut bare: Vec<(usize, String)> = Vec::new();
        for (r, occ) in refs.iter().enumerate() {
            let Some(Some(analysis)) = self.analyses.get(occ.article) else { continue };
            let actor = &analysis.actors[occ.actor];
            if actor.kind != Kind::Person {
                continue;
            }
            let words = normalised(&actor.name, lexicon);
            match words.as_slice() {
                [one] => bare.push((r, one.clone())),
                [.., last] => by_surname.entry(last.clone()).or_default().push(r),
                [] => {}
            }
        }
        for (r, surname) in bare {
            let Some(people) = by_surname.get(&surname) else { continue };
            let mut roots: Vec<usize> = people.iter().map(|&p| sets.root(p)).collect();
            roots.sort_unstable();
            roots.dedup();
            if let [only] = roots.as_slice() {
                sets.join(r, *only);
            }
        }
        let mut groups: HashMap<usize, Vec<Occurrence>> = HashMap::new();
        for (r, occ) in refs.iter().enumerate() {
            groups.entry(sets.root(r)).or_default().push(*occ);
        }
        // Quotes per speaker, per article: counted once, not once per actor.
        let quotes: Vec<Vec<usize>> = self
            .analyses
            .iter()
            .map(|a| {
                let Some(a) = a else { return Vec::new() };
                let mut n = vec![0; a.actors.len()];
                for id in a.quotes.iter().filter_map(|q| q.speaker) {
                    if let Some(c) = n.get_mut(id) {
                        *c += 1;
                    }
                }
                n
            })
            .collect();
        let mut out: Vec<LibraryActor> =
            groups.into_values().map(|occurrences| self.summarise(occurrences, &quotes)).collect();
        out.sort_by(|a, b| {
            (b.articles, b.mentions, &a.name, a.kind)
                .cmp(&(a.articles, a.mentions, &b.name, b.kind))
        });
        out
    }

    fn summarise(
        &self,
        mut occurrences: Vec<Occurrence>,
        quotes_of: &[Vec<usize>],
    ) -> LibraryActor {
        occurrences.sort_unstable_by_key(|o| (o.article, o.actor));
        let actor = |o: &Occurrence| {
            self.analyses[o.article].as_ref().map(|a| &a.actors[o.actor]).expect("analysed")
        };
        let mut mentions = 0;
        let mut quotes = 0;
        let mut articles = 0;
        let mut last = usize::MAX;
        for o in &occurrences {
            mentions += actor(o).mentions.len();
            quotes += quotes_of[o.article].get(o.actor).copied().unwrap_or(0);
            if o.article != last {
                articles += 1;
                last = o.article;
            }
        }
        // The name most mentioned, the longest of those: the fullest common form.
        let best = occurrences
            .iter()
            .max_by_key(|o| {
                let a = actor(o);
                (a.mentions.len(), a.name.len(), std::cmp::Reverse(o.article))
            })
            .map(actor);
        let (name, kind) = best.map_or((String::new(), Kind::Person), |a| (a.name.clone(), a.kind));
        LibraryActor { name, kind, mentions, quotes, articles, occurrences }
    }
}

/// One article's actor: the article's index in the library and the actor's id in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Occurrence {
    pub article: usize,
    pub actor: ActorId,
}

/// An actor over the whole library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LibraryActor {
    pub name: String,
    pub kind: Kind,
    /// Mentions over all articles.
    pub mentions: usize,
    /// Quotes attributed to it over all articles.
    pub quotes: usize,
    /// How many articles name it.
    pub articles: usize,
    /// The actor in each article, by article.
    pub occurrences: Vec<Occurrence>,
}

/// What joins two actors of different articles.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Key {
    Entity(u32),
    Name(Kind, String),
}

/// The keys of one article's actor: the lexicon entities its names are, and its names
/// normalised (a person's only when two words or more remain).
fn keys(name: &str, aliases: &[String], kind: Kind, lexicon: &Lexicon) -> Vec<Key> {
    let mut out = Vec::new();
    for form in std::iter::once(name).chain(aliases.iter().map(String::as_str)) {
        if let Some(Meaning::Name(e) | Meaning::Demonym(e)) = lexicon.meaning_of(form) {
            out.push(Key::Entity(e));
        }
        let words = normalised(form, lexicon);
        if words.is_empty() || (kind == Kind::Person && words.len() < 2) {
            continue;
        }
        out.push(Key::Name(kind, words.join(" ")));
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// A name's words in lower case, without full stops, a possessive or leading titles
/// ("President Vladimir Putin's" → ["vladimir", "putin"]).
fn normalised(form: &str, lexicon: &Lexicon) -> Vec<String> {
    let mut words: Vec<&str> = form.split_whitespace().collect();
    while words.len() > 1 && matches!(lexicon.meaning_of(words[0]), Some(Meaning::Title)) {
        words.remove(0);
    }
    words
        .iter()
        .map(|w| {
            let w = w.strip_suffix("'s").or_else(|| w.strip_suffix("\u{2019}s")).unwrap_or(w);
            w.chars().filter(|&c| c != '.').flat_map(char::to_lowercase).collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// Disjoint sets over 0..n, for joining actors that share a key.
struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    fn new(n: usize) -> Self {
        UnionFind { parent: (0..n).collect() }
    }

    fn root(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    fn join(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.root(a), self.root(b));
        if ra != rb {
            // The earlier one stays the root, so a group is named by its first member.
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent[hi] = lo;
        }
    }
}

/// The date an article gives in its metadata, if any.
pub fn date_of(article: &Article) -> Option<&str> {
    article.meta.iter().find_map(|m| {
        let (label, value) = m.split_once(':')?;
        let label = label.trim().to_ascii_lowercase();
        matches!(label.as_str(), "date" | "published" | "updated").then(|| value.trim())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_case_and_stops_do_not_keep_names_apart() {
        let lex = Lexicon::builtin();
        assert_eq!(normalised("President Vladimir Putin's", lex), ["vladimir", "putin"]);
        assert_eq!(normalised("U.N.", lex), ["un"]);
    }

    #[test]
    fn a_bare_surname_is_no_key_for_a_person() {
        let lex = Lexicon::builtin();
        let k = keys("Smith", &["Smith".to_owned()], Kind::Person, lex);
        assert!(k.is_empty(), "{k:?}");
    }
}
