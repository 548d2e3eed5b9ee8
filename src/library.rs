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
use crate::source::fetch::Client;
use crate::source::web::{self, FeedInput};
use crate::source::{self, Article, LoadOptions};
use foldhash::{HashMap, HashMapExt};
use rayon::prelude::*;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError};

/// How deep directories are read below the one named: deep enough for an archive
/// sorted by year and month and feed, shallow enough that a link loop or a home
/// directory named by mistake ends soon.
pub const MAX_DEPTH: usize = 6;
/// At most this many files are read from the directories named, so a mistaken `/`
/// lists a note rather than the whole disk.
pub const MAX_FILES: usize = 20_000;

/// An input that could not be used, with the one-line reason (which names it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// Its place among the files read, for the order of the list.
    pub input: usize,
    pub source: String,
    pub reason: String,
}

/// Articles, and the analysis of each once it is done; the inputs that failed.
#[derive(Debug, Default)]
pub struct Library {
    pub articles: Vec<Article>,
    /// `analyses[i]` is the analysis of `articles[i]`, `None` while it is being made.
    pub analyses: Vec<Option<Analysis>>,
    /// Inputs that could not be read or hold no article, in the order they failed.
    pub failures: Vec<Failure>,
    /// Where each article came from: (input, place in that input), for the order of
    /// the list whatever order the files finish loading in.
    pub origins: Vec<Origin>,
    /// The article of each origin, for the analyses that arrive by origin.
    index: HashMap<Origin, usize>,
    /// Files to read, once the directories are walked (`None` until then), and how
    /// many of them are read (loaded or failed).
    pub files: Option<usize>,
    pub files_read: usize,
    /// Feeds being fetched before the items are listed: (read, all).
    pub feeds: Option<(usize, usize)>,
    /// `pending[i]`: the story of `articles[i]` is being fetched from its link, and the
    /// article holds the feed's summary meanwhile.
    pub pending: Vec<bool>,
    /// How many stories were sent for, over the run (for "fetching stories 3/40").
    pub stories: usize,
    /// The window the subscriptions' items were listed in (`24 h`) and how many it
    /// left out, for the list's title.
    pub window: Option<(String, usize)>,
}

/// (input, place of the article in that input).
pub type Origin = (usize, usize);

/// What the background sends while a library loads and is analysed.
#[derive(Debug)]
pub enum Arrival {
    /// The directories are walked: this many files are to be read.
    Listed(usize),
    /// One input read: its articles, in its order.
    Loaded { input: usize, articles: Vec<Article> },
    /// Feeds fetched and read so far, before their items are listed.
    Feeds { done: usize, all: usize },
    /// The items are listed from this window (`24 h`); this many older ones left out.
    Window { span: String, left_out: usize },
    /// A feed's item whose story is being fetched from its link: shown with the
    /// feed's summary until [`Arrival::Fetched`] brings the story.
    Summary { input: usize, article: Article },
    /// The story of a [`Arrival::Summary`], to replace it (its analysis follows).
    Fetched { origin: Origin, article: Article },
    /// One input that could not be used.
    Failed(Failure),
    /// The analysis of one article.
    Analysed { origin: Origin, analysis: Analysis },
}

/// A library's loads and analyses as they arrive from the background.
pub type Arrivals = Receiver<Arrival>;

/// How a library is loaded again when the user asks (`r`): the same inputs, read,
/// fetched (revalidated through the cache) and analysed anew in the background.
pub struct Reload(pub Box<dyn Fn() -> (Library, Arrivals) + Send>);

impl std::fmt::Debug for Reload {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Reload")
    }
}

/// The analyser the background runs: the user's lexicon and corrections layered on
/// the pure analysis, or the pure analysis alone.
pub type Analyser = Arc<dyn Fn(&str) -> Analysis + Send + Sync>;

/// One entry of the list in order: an article, or an input that failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Article(usize),
    Failed(usize),
}

impl Library {
    /// A library of articles not analysed yet, all read already.
    pub fn new(articles: Vec<Article>) -> Library {
        let mut lib = Library { files: Some(1), files_read: 1, ..Library::default() };
        lib.add(0, articles);
        lib
    }

    /// Adds the articles of one input.
    fn add(&mut self, input: usize, articles: Vec<Article>) {
        for (k, a) in articles.into_iter().enumerate() {
            self.index.insert((input, k), self.articles.len());
            self.origins.push((input, k));
            self.articles.push(a);
            self.analyses.push(None);
            self.pending.push(false);
        }
    }

    /// Reads every article of the paths, in the order given; a directory gives its
    /// files (recursively, up to [`MAX_DEPTH`]) in the order of their names. Files are
    /// read in parallel.
    ///
    /// N.B. An input that cannot be read is a [`Failure`] with its reason, not the
    /// end: the rest is still read, and the caller says what failed.
    pub fn load(paths: &[impl AsRef<OsStr>], options: &LoadOptions) -> Library {
        let (inputs, failed) = list_inputs(paths);
        let read: Vec<(usize, Result<Vec<Article>, String>)> =
            inputs.par_iter().enumerate().map(|(k, f)| (k, load_input(f, options))).collect();
        let mut lib = Library { files: Some(inputs.len()), ..Library::default() };
        lib.failures = failed;
        for (k, result) in read {
            lib.files_read += 1;
            match result {
                Ok(articles) => lib.add(k, articles),
                Err(reason) => {
                    let source = inputs[k].to_string_lossy().into_owned();
                    lib.failures.push(Failure { input: k, source, reason })
                }
            }
        }
        lib
    }

    /// Starts reading the paths and analysing their articles in the background, and
    /// returns at once with an empty library: everything arrives on the receiver (take
    /// it with [`Library::receive`]), so the list can be on screen before the first
    /// file is read.
    pub fn load_in_background(
        paths: Vec<impl AsRef<OsStr> + Send + 'static>,
        options: LoadOptions,
        analyser: Analyser,
    ) -> (Library, Arrivals) {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let (inputs, failed) = list_inputs(&paths);
            // The receiver gone means the reader quit: nothing left to do.
            if tx.send(Arrival::Listed(inputs.len())).is_err() {
                return;
            }
            for f in failed {
                let _ = tx.send(Arrival::Failed(f));
            }
            inputs.into_par_iter().enumerate().for_each_with(tx, |tx, (input, path)| {
                match load_input(&path, &options) {
                    Ok(articles) => {
                        let bodies: Vec<String> =
                            articles.iter().map(|a| a.body().to_owned()).collect();
                        if tx.send(Arrival::Loaded { input, articles }).is_err() {
                            return;
                        }
                        for (k, body) in bodies.iter().enumerate() {
                            let analysis = analyser(body);
                            let _ = tx.send(Arrival::Analysed { origin: (input, k), analysis });
                        }
                    }
                    Err(reason) => {
                        let source = path.to_string_lossy().into_owned();
                        let _ = tx.send(Arrival::Failed(Failure { input, source, reason }));
                    }
                }
            });
        });
        (Library { files: None, ..Library::default() }, rx)
    }

    /// Starts reading feeds in the background and returns at once with an empty
    /// library, like [`Library::load_in_background`]: the feeds are fetched (several at
    /// a time), their items listed newest first, each item whole in its feed analysed,
    /// and the others shown with the feed's summary while their stories are fetched
    /// from their links ([`web::FETCHES_AT_ONCE`] at a time, newest first) and
    /// analysed as they come. A feed that cannot be read is a failed row at the end.
    pub fn load_feeds_in_background(
        inputs: Vec<FeedInput>,
        options: LoadOptions,
        analyser: Analyser,
    ) -> (Library, Arrivals) {
        Library::load_feeds_within(inputs, options, analyser, None)
    }

    /// [`Library::load_feeds_in_background`] listing only the items `window` keeps (the
    /// subscriptions' "today"), with its span in words (`24 h`) for the title.
    pub fn load_feeds_within(
        inputs: Vec<FeedInput>,
        options: LoadOptions,
        analyser: Analyser,
        window: Option<(web::Window, String)>,
    ) -> (Library, Arrivals) {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let client = Client::new(&options);
            let all = inputs.len();
            // The receiver gone means the reader quit: nothing left to do.
            if tx.send(Arrival::Feeds { done: 0, all }).is_err() {
                return;
            }
            let (items, problems) = web::read_feeds(&inputs, &client, &|done, all| {
                let _ = tx.send(Arrival::Feeds { done, all });
            });
            let items = match window {
                Some((window, span)) => {
                    let (kept, left_out) = window.apply(items);
                    let _ = tx.send(Arrival::Window { span, left_out });
                    kept
                }
                None => items,
            };
            let _ = tx.send(Arrival::Listed(items.len() + problems.len()));
            for (j, (source, reason)) in problems.into_iter().enumerate() {
                let _ =
                    tx.send(Arrival::Failed(Failure { input: items.len() + j, source, reason }));
            }
            let (whole, linked): (Vec<_>, Vec<_>) =
                items.iter().enumerate().partition(|(_, item)| item.is_whole());
            let mut bodies: Vec<(usize, String)> = Vec::with_capacity(whole.len());
            for &(input, item) in &whole {
                let article = item.summary();
                bodies.push((input, article.body().to_owned()));
                let _ = tx.send(Arrival::Loaded { input, articles: vec![article] });
            }
            for &(input, item) in &linked {
                let _ = tx.send(Arrival::Summary { input, article: item.summary() });
            }
            // Set when the reader is gone (quit, or loading again): the stories not
            // fetched yet are not asked for, the articles not analysed yet are not.
            let gone = AtomicBool::new(false);
            let gone = &gone;
            let client = &client;
            std::thread::scope(|scope| {
                let fetch_tx = tx.clone();
                let analyse_fetched = Arc::clone(&analyser);
                scope.spawn(move || {
                    web::each_in_parallel(&linked, |&(input, item)| {
                        if gone.load(Ordering::Relaxed) {
                            return;
                        }
                        let article = item.story(client);
                        let body = article.body().to_owned();
                        let origin = (input, 0);
                        let sent = fetch_tx.send(Arrival::Fetched { origin, article }).is_ok()
                            && fetch_tx
                                .send(Arrival::Analysed {
                                    origin,
                                    analysis: analyse_fetched(&body),
                                })
                                .is_ok();
                        if !sent {
                            gone.store(true, Ordering::Relaxed);
                        }
                    });
                });
                bodies.into_par_iter().for_each_with(tx.clone(), |tx, (input, body)| {
                    if gone.load(Ordering::Relaxed) {
                        return;
                    }
                    let analysis = analyser(&body);
                    if tx.send(Arrival::Analysed { origin: (input, 0), analysis }).is_err() {
                        gone.store(true, Ordering::Relaxed);
                    }
                });
            });
        });
        (Library { files: None, ..Library::default() }, rx)
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

    /// How many stories are still being fetched.
    pub fn fetching(&self) -> usize {
        self.pending.iter().filter(|&&p| p).count()
    }

    /// Whether files are still being read or articles analysed.
    pub fn busy(&self) -> bool {
        self.files.is_none_or(|n| self.files_read < n) || self.done() < self.len()
    }

    /// The list in order: every article and every failed input, by input, then by
    /// place in the input.
    pub fn rows(&self) -> Vec<Row> {
        let mut keyed: Vec<(Origin, Row)> = self
            .origins
            .iter()
            .enumerate()
            .map(|(i, &o)| (o, Row::Article(i)))
            .chain(self.failures.iter().enumerate().map(|(i, f)| ((f.input, 0), Row::Failed(i))))
            .collect();
        keyed.sort_by_key(|&(o, row)| (o, matches!(row, Row::Article(_))));
        keyed.into_iter().map(|(_, r)| r).collect()
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
        self.analyse_in_background_with(Arc::new(move |text: &str| analyse(text, lexicon)))
    }

    /// [`Library::analyse_in_background`] with an analyser of the caller's.
    pub fn analyse_in_background_with(&self, analyser: Analyser) -> Arrivals {
        let (tx, rx) = std::sync::mpsc::channel();
        let bodies: Vec<(Origin, String)> = (0..self.len())
            .filter(|&i| self.analyses[i].is_none())
            .map(|i| (self.origins[i], self.articles[i].body().to_owned()))
            .collect();
        std::thread::spawn(move || {
            bodies.into_par_iter().for_each_with(tx, |tx, (origin, body)| {
                // The receiver gone means the reader quit: nothing left to do.
                let _ = tx.send(Arrival::Analysed { origin, analysis: analyser(&body) });
            });
        });
        rx
    }

    /// Takes what has arrived; `true` when anything did.
    pub fn receive(&mut self, arrivals: &Arrivals) -> bool {
        let mut any = false;
        loop {
            match arrivals.try_recv() {
                Ok(arrival) => {
                    any = true;
                    self.take(arrival);
                }
                Err(TryRecvError::Empty | TryRecvError::Disconnected) => return any,
            }
        }
    }

    /// Takes one arrival into the library.
    pub fn take(&mut self, arrival: Arrival) {
        match arrival {
            Arrival::Listed(n) => self.files = Some(n),
            Arrival::Feeds { done, all } => self.feeds = Some((done, all)),
            Arrival::Window { span, left_out } => self.window = Some((span, left_out)),
            Arrival::Summary { input, article } => {
                self.files_read += 1;
                let i = self.articles.len();
                self.add(input, vec![article]);
                self.pending[i] = true;
                self.stories += 1;
            }
            Arrival::Fetched { origin, article } => {
                if let Some(&i) = self.index.get(&origin) {
                    self.articles[i] = article;
                    self.analyses[i] = None;
                    self.pending[i] = false;
                }
            }
            Arrival::Loaded { input, articles } => {
                self.files_read += 1;
                self.add(input, articles);
            }
            Arrival::Failed(f) => {
                // Inputs that failed before the listing ended are no files read.
                if self.files.is_some() {
                    self.files_read += 1;
                }
                self.failures.push(f);
            }
            Arrival::Analysed { origin, analysis } => {
                if let Some(&i) = self.index.get(&origin) {
                    self.analyses[i] = Some(analysis);
                }
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
        // Each article's outlet as a small number, found once rather than per actor.
        let mut outlet_ids: HashMap<String, u32> = HashMap::new();
        let outlets: Vec<Option<u32>> = self
            .articles
            .iter()
            .map(|a| {
                let name = outlet_of(a)?;
                let next = outlet_ids.len() as u32;
                Some(*outlet_ids.entry(name).or_insert(next))
            })
            .collect();
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
            groups.into_values().map(|o| self.summarise(o, &quotes, &outlets)).collect();
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
        outlets_of: &[Option<u32>],
    ) -> LibraryActor {
        occurrences.sort_unstable_by_key(|o| (o.article, o.actor));
        let actor = |o: &Occurrence| {
            self.analyses[o.article].as_ref().map(|a| &a.actors[o.actor]).expect("analysed")
        };
        let mut mentions = 0;
        let mut quotes = 0;
        let mut articles = 0;
        let mut last = usize::MAX;
        let mut outlets: Vec<u32> = Vec::new();
        for o in &occurrences {
            mentions += actor(o).mentions.len();
            quotes += quotes_of[o.article].get(o.actor).copied().unwrap_or(0);
            if o.article != last {
                articles += 1;
                last = o.article;
                outlets.extend(outlets_of.get(o.article).copied().flatten());
            }
        }
        outlets.sort_unstable();
        outlets.dedup();
        // The name most mentioned, the longest of those: the fullest common form.
        let best = occurrences
            .iter()
            .max_by_key(|o| {
                let a = actor(o);
                (a.mentions.len(), a.name.len(), std::cmp::Reverse(o.article))
            })
            .map(actor);
        let (name, kind) = best.map_or((String::new(), Kind::Person), |a| (a.name.clone(), a.kind));
        LibraryActor { name, kind, mentions, quotes, articles, outlets: outlets.len(), occurrences }
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
    /// How many outlets those articles come from ([`outlet_of`]); 0 when none is from
    /// the web.
    pub outlets: usize,
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

/// The files to read for the paths, in order: a path as it is, a directory's files
/// (see [`files_in`]); and the paths that cannot be read as directories.
///
/// N.B. Paths, not strings: a file in a directory may have a name that is not UTF-8
/// (`caf\xe9.txt`), and made a string it would name no file.
fn list_inputs(paths: &[impl AsRef<OsStr>]) -> (Vec<PathBuf>, Vec<Failure>) {
    let mut files: Vec<PathBuf> = Vec::new();
    let mut failed: Vec<Failure> = Vec::new();
    for given in paths {
        let given = Path::new(given.as_ref());
        // Named by it made text; read by it as it is (a name need not be UTF-8).
        let path = given.to_string_lossy().into_owned();
        if path != "-" && !source::fetch::is_url(&path) && given.is_dir() {
            let before = files.len();
            let mut note = None;
            files_in(given, 0, &mut files, &mut note);
            let reason = note.or_else(|| {
                (files.len() == before).then(|| {
                    format!(
                        "{path}: no articles in this directory (looked for .txt, .md, .html, .json, .jsonl)"
                    )
                })
            });
            if let Some(reason) = reason {
                failed.push(Failure { input: files.len(), source: path, reason });
            }
        } else {
            files.push(given.to_path_buf());
        }
    }
    (files, failed)
}

/// Adds the files of a directory that may hold articles to `out`, sorted by name, and
/// those of its subdirectories after them, down to [`MAX_DEPTH`]; hidden files and
/// directories are left out, and so are linked directories (a loop). `note` says what
/// was left unread (a directory that cannot be listed, the limits).
fn files_in(dir: &Path, depth: usize, out: &mut Vec<PathBuf>, note: &mut Option<String>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            note.get_or_insert_with(|| format!("{}: cannot read: {}", dir.display(), e.kind()));
            return;
        }
    };
    let mut files = Vec::new();
    let mut dirs = Vec::new();
    for entry in entries.flatten() {
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        let linked_dir = entry.file_type().is_ok_and(|t| t.is_symlink()) && path.is_dir();
        if entry.file_type().is_ok_and(|t| t.is_dir()) {
            dirs.push(path);
        } else if !linked_dir && path.is_file() && source::Format::from_path(&path).is_some() {
            files.push(path);
        }
    }
    files.sort();
    dirs.sort();
    for f in files {
        if out.len() >= MAX_FILES {
            *note = Some(format!(
                "{}: more than {MAX_FILES} files; the rest are not read",
                dir.display()
            ));
            return;
        }
        out.push(f);
    }
    for d in dirs {
        if depth + 1 > MAX_DEPTH {
            note.get_or_insert_with(|| {
                format!("{}: deeper than {MAX_DEPTH} directories; not read", d.display())
            });
            continue;
        }
        files_in(&d, depth + 1, out, note);
    }
}

/// Reads one input, or says in one line why it cannot be used.
fn load_input(path: &Path, options: &LoadOptions) -> Result<Vec<Article>, String> {
    match source::load_path_with(path, options) {
        Ok(articles) if articles.is_empty() => {
            Err(format!("{}: no article in it", path.to_string_lossy()))
        }
        Ok(articles) => Ok(articles),
        // One line: the reason is shown in a list row and on stderr (made safe there).
        Err(e) => Err(format!("{e:#}").split_whitespace().collect::<Vec<_>>().join(" ")),
    }
}

/// The outlet an article is from, for counting how widely an actor is covered: the
/// host of its web address (without `www.`), else the feed it came in; none for a file.
///
/// N.B. The host rather than the feed's title: one outlet's several feeds (World,
/// Europe) are one outlet, and an aggregator's items are each their own site's.
pub fn outlet_of(article: &Article) -> Option<String> {
    if let Some(url) = source::web::url_of(article) {
        let rest = url.split_once("://").map_or(url, |(_, r)| r);
        let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
        // user:password@host:port keeps only the host.
        let host = host.rsplit('@').next().unwrap_or(host);
        let host = host.to_ascii_lowercase();
        let host = host.strip_prefix("www.").unwrap_or(&host);
        if !host.is_empty() {
            return Some(host.to_owned());
        }
    }
    article.meta.iter().find_map(|m| m.strip_prefix("Feed:")).map(|f| f.trim().to_owned())
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
