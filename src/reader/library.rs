//! The Library pane: many articles, and the actors over all of them.
//!
//! Several inputs open here rather than in one article. The list shows each article with
//! its date and its actor and quote counts as its analysis arrives from the background;
//! Enter opens one in the ordinary reader ([`App`]), and `L` comes back. Each article
//! keeps its own [`App`] once opened, so its reading position and selections are where
//! the user left them. Tab shows the actors of the whole library, merged across
//! articles ([`Library::actors`]), and every quote and mention of one, in any article.
//!
//! Like [`App`], the [`Shelf`] changes only in the pure [`update`]; drawing reads it.

use super::app::{self, Action, App};
use super::ui::{self, Palette};
use crate::analysis::{ActorId, Kind, Lexicon};
use crate::config::keymap::Keymap;
use crate::library::{Arrivals, Library, LibraryActor, Reload, Row as Entry, date_of};
use crate::source::web;
use crate::text_layout::one_line;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span as TextSpan};
use ratatui::widgets::TableState;
use ratatui::widgets::{Block, Cell, Clear, List, ListItem, ListState, Paragraph, Row, Table};

/// What the screen shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// The list of articles.
    Articles,
    /// The actors over all articles; `places` when the focus is on the selected actor's
    /// quotes and mentions.
    Actors { places: bool },
    /// One article, in its reader.
    Article(usize),
}

/// Where a library actor is: a quote by it, or a mention of it, in one article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Quote { article: usize, quote: usize },
    Mention { article: usize, actor: ActorId, mention: usize },
}

/// A search of the list on screen: what is being typed, and the query of the last one.
#[derive(Debug, Clone, Default)]
pub struct ListSearch {
    /// Some while the user types the query.
    pub input: Option<String>,
    /// The query n / N look for; empty when no search is on.
    pub query: String,
}

/// The library reader's whole state.
#[derive(Debug)]
pub struct Shelf {
    pub library: Library,
    pub lexicon: &'static Lexicon,
    /// The list in order: articles and the inputs that failed, as they arrive.
    pub rows: Vec<Entry>,
    /// The reader of each article opened so far, kept so it opens where it was left.
    pub apps: Vec<Option<App>>,
    pub view: View,
    /// The selected row of [`Shelf::rows`].
    pub article_sel: usize,
    /// The library's actors as of the analyses arrived so far.
    pub actors: Vec<LibraryActor>,
    /// Analyses arrived since `actors` was counted: it is recounted when next shown
    /// (counting 1,000 articles takes about 0.1 s, too much for every arrival).
    pub actors_stale: bool,
    pub actor_sel: usize,
    pub place_sel: usize,
    /// The view an article was opened from, which `L`, `q` and Esc go back to.
    pub back: View,
    pub size: (u16, u16),
    /// A short word for the status line ("still analysing this one").
    pub message: Option<String>,
    pub quit: bool,
    /// The settings every article opened from here is drawn with.
    pub settings: crate::config::ViewSettings,
    /// The web addresses of the items read (opened), this session and before.
    pub read: std::collections::HashSet<String>,
    /// Addresses first opened since the run loop last saved the marks.
    pub newly_read: Vec<String>,
    /// Whether any article came from the web: the list then shows each one's source
    /// and marks the items not read yet.
    pub web: bool,
    pub help: bool,
    pub help_scroll: usize,
    pub search: ListSearch,
    /// Turns while the background works, one step a tick.
    pub spinner: usize,
    /// An article opened for the first time, whose saved place the run loop restores
    /// (restoring reads a file, which `update` does not do).
    pub fresh: Option<usize>,
    /// An article just left, whose place the run loop saves.
    pub left: Option<usize>,
    /// What the background sends, taken each turn of the run loop.
    pub arrivals: Option<Arrivals>,
    /// How to load the library again, when it can be (`r`); the run loop does it.
    pub reload: Option<Reload>,
    /// The user asked to reload: the run loop does it after `update`.
    pub reload_asked: bool,
    /// After a reload: the source of the article to select when it arrives, and
    /// whether to open it again (it was open when `r` was pressed).
    pub reselect: Option<(String, bool)>,
}

impl Shelf {
    pub fn new(
        library: Library,
        lexicon: &'static Lexicon,
        settings: &crate::config::ViewSettings,
    ) -> Shelf {
        let apps = (0..library.len()).map(|_| None).collect();
        let mut shelf = Shelf {
            rows: library.rows(),
            library,
            lexicon,
            apps,
            view: View::Articles,
            article_sel: 0,
            actors: Vec::new(),
            actors_stale: false,
            actor_sel: 0,
            place_sel: 0,
            back: View::Articles,
            size: (0, 0),
            message: None,
            quit: false,
            settings: *settings,
            read: std::collections::HashSet::new(),
            newly_read: Vec::new(),
            web: false,
            help: false,
            help_scroll: 0,
            search: ListSearch::default(),
            spinner: 0,
            fresh: None,
            left: None,
            arrivals: None,
            reload: None,
            reload_asked: false,
            reselect: None,
        };
        shelf.web = shelf.library.articles.iter().any(|a| web::url_of(a).is_some());
        shelf.refresh_actors();
        shelf
    }

    /// Takes what has arrived (files read, analyses made), keeping the selected row
    /// selected; the library's actors are recounted now when they are on screen, else
    /// when they are next shown.
    pub fn receive(&mut self, arrivals: &Arrivals) -> bool {
        let loaded = self.library.len();
        let any = self.library.receive(arrivals);
        if any {
            let keep = self.rows.get(self.article_sel).copied();
            self.rows = self.library.rows();
            if let Some(i) = keep.and_then(|k| self.rows.iter().position(|&r| r == k)) {
                self.article_sel = i;
            }
            self.apps.resize_with(self.library.len(), || None);
            let new = &self.library.articles[loaded..];
            self.web |= new.iter().any(|a| web::url_of(a).is_some());
            self.actors_stale = true;
            if matches!(self.view, View::Actors { .. }) {
                self.refresh_actors();
            }
            // The story said to be on its way is here: the word is out of date.
            let here = match self.rows.get(self.article_sel) {
                Some(&Entry::Article(i)) => self.library.pending.get(i) == Some(&false),
                _ => true,
            };
            if here && self.message.as_deref() == Some(STILL_FETCHING) {
                self.message = None;
            }
        }
        any
    }

    /// Takes what arrived on the shelf's own receiver (see [`Shelf::arrivals`]); after
    /// a reload, selects (and opens again) the article that was selected.
    pub fn receive_own(&mut self) -> bool {
        let Some(arrivals) = self.arrivals.take() else { return false };
        let any = self.receive(&arrivals);
        self.arrivals = Some(arrivals);
        if any && let Some((source, reopen)) = self.reselect.clone() {
            let found = self.library.articles.iter().position(|a| a.source == source);
            if let Some(i) = found {
                if let Some(row) = self.rows.iter().position(|&r| r == Entry::Article(i)) {
                    self.article_sel = row;
                }
                let ready = self.library.analyses[i].is_some() && !self.library.pending[i];
                if !reopen {
                    self.reselect = None;
                } else if ready && self.view == View::Articles {
                    self.reselect = None;
                    self.open(i);
                }
            }
        }
        any
    }

    /// Puts a library loaded again in place of this one: the read marks, the settings
    /// and the view stay; the selected article is selected again when it arrives.
    pub fn replace(&mut self, library: Library, arrivals: Arrivals) {
        let selected = match self.rows.get(self.article_sel) {
            Some(&Entry::Article(i)) => self.library.articles.get(i).map(|a| a.source.clone()),
            _ => None,
        };
        let reopen = self.reselect.take().is_some_and(|(_, reopen)| reopen);
        self.reselect = selected.map(|s| (s, reopen));
        self.apps = (0..library.len()).map(|_| None).collect();
        self.rows = library.rows();
        self.library = library;
        self.arrivals = Some(arrivals);
        self.article_sel = 0;
        self.actors = Vec::new();
        self.actor_sel = 0;
        self.place_sel = 0;
        self.actors_stale = true;
        if matches!(self.view, View::Article(_)) {
            self.view = View::Articles;
        }
        if matches!(self.view, View::Actors { .. }) {
            self.refresh_actors();
        }
    }

    /// The article open on screen, if one is (to look at).
    pub fn shown_app(&self) -> Option<&App> {
        match self.view {
            View::Article(i) => self.apps.get(i).and_then(Option::as_ref),
            _ => None,
        }
    }

    /// Whether the background is still at work: the loop then wakes to show progress.
    pub fn busy(&self) -> bool {
        self.library.busy()
    }

    /// Whether keys are text being typed: a search of the list, or in the open
    /// article a search or a correction's prompt.
    pub fn typing(&self) -> bool {
        match self.view {
            View::Article(i) => self.apps.get(i).and_then(Option::as_ref).is_some_and(App::typing),
            _ => self.search.input.is_some(),
        }
    }

    /// The article open now, if one is.
    pub fn open_app(&mut self) -> Option<(usize, &mut App)> {
        let View::Article(i) = self.view else { return None };
        self.apps.get_mut(i).and_then(Option::as_mut).map(|a| (i, a))
    }

    /// Recounts the library's actors after analyses arrive, keeping the selected one
    /// selected.
    pub fn refresh_actors(&mut self) {
        self.actors_stale = false;
        let keep = self.actors.get(self.actor_sel).map(|a| (a.name.clone(), a.kind));
        self.actors = self.library.actors(self.lexicon);
        if let Some((name, kind)) = keep {
            if let Some(i) = self.actors.iter().position(|a| a.name == name && a.kind == kind) {
                if i != self.actor_sel {
                    self.actor_sel = i;
                }
                return;
            }
            self.place_sel = 0;
        }
        self.actor_sel = self.actor_sel.min(self.actors.len().saturating_sub(1));
    }

    /// Every quote by and mention of the selected library actor, article by article.
    pub fn places(&self) -> Vec<Place> {
        let Some(actor) = self.actors.get(self.actor_sel) else { return Vec::new() };
        let mut out = Vec::new();
        // In the order of the list, which is not the order the articles arrived in.
        let mut occurrences = actor.occurrences.clone();
        occurrences.sort_by_key(|o| self.library.origins.get(o.article).copied());
        for o in &occurrences {
            let Some(Some(analysis)) = self.library.analyses.get(o.article) else { continue };
            for (q, quote) in analysis.quotes.iter().enumerate() {
                if quote.speaker == Some(o.actor) {
                    out.push(Place::Quote { article: o.article, quote: q });
                }
            }
            if let Some(a) = analysis.actors.get(o.actor) {
                out.extend((0..a.mentions.len()).map(|m| Place::Mention {
                    article: o.article,
                    actor: o.actor,
                    mention: m,
                }));
            }
        }
        out
    }

    /// Opens an article in its reader, as it was left; `None` while it is not analysed.
    pub fn open(&mut self, i: usize) -> Option<&mut App> {
        let analysis = self.library.analyses.get(i)?.as_ref()?;
        if self.apps[i].is_none() {
            let app = App::new(self.library.articles[i].clone(), analysis.clone(), &self.settings);
            self.apps[i] = Some(app);
            self.fresh = Some(i);
        }
        self.view = View::Article(i);
        if let Some(row) = self.rows.iter().position(|&r| r == Entry::Article(i)) {
            self.article_sel = row;
        }
        if let Some(url) = web::url_of(&self.library.articles[i]) {
            if self.read.insert(url.to_owned()) {
                self.newly_read.push(url.to_owned());
            }
        }
        let (w, h) = self.size;
        let app = self.apps[i].as_mut()?;
        // Wraps for the screen as it is now; the reading position is kept by the app.
        app::update(app, Action::Resize(w, h));
        Some(app)
    }

    /// Opens the article of a place and jumps to it there, as the Mentions and Quotes
    /// panes of the article would.
    pub fn go_to(&mut self, place: Place) {
        let article = match place {
            Place::Quote { article, .. } | Place::Mention { article, .. } => article,
        };
        let Some(app) = self.open(article) else { return };
        match place {
            Place::Quote { quote, .. } => app.show_quote(quote),
            Place::Mention { actor, mention, .. } => app.show_mention(actor, mention),
        }
        // Opened at a place the user chose: not at the place saved from before.
        self.fresh = None;
    }

    fn list_len(&self) -> usize {
        match self.view {
            View::Articles => self.rows.len(),
            View::Actors { places: false } => self.actors.len(),
            View::Actors { places: true } => self.places().len(),
            View::Article(_) => 0,
        }
    }

    /// The words of a row of the list in view that a search looks in.
    fn row_text(&self, row: usize) -> String {
        let article = |i: usize| {
            let a = &self.library.articles[i];
            format!("{} {}", a.title.as_deref().unwrap_or(""), a.source)
        };
        match self.view {
            View::Articles => match self.rows.get(row) {
                Some(&Entry::Article(i)) => article(i),
                Some(&Entry::Failed(f)) => self.library.failures[f].reason.clone(),
                None => String::new(),
            },
            View::Actors { places: false } => {
                self.actors.get(row).map(|a| a.name.clone()).unwrap_or_default()
            }
            View::Actors { places: true } => match self.places().get(row) {
                Some(Place::Quote { article: i, .. } | Place::Mention { article: i, .. }) => {
                    article(*i)
                }
                None => String::new(),
            },
            View::Article(_) => String::new(),
        }
    }

    /// Moves the selection to the next (or previous) row that matches the search,
    /// after (before) the selected one, wrapping; says so when none does.
    fn find(&mut self, forward: bool, from_here: bool) {
        let n = self.list_len();
        let query = self.search.query.to_lowercase();
        let at = *self.selection();
        let found = (0..n)
            .map(|k| {
                let k = if from_here { k } else { k + 1 };
                if forward { (at + k) % n } else { (at + n - k % n) % n }
            })
            .find(|&r| self.row_text(r).to_lowercase().contains(&query));
        match found {
            Some(r) => {
                let before = *self.selection();
                *self.selection() = r;
                if self.view == (View::Actors { places: false }) && r != before {
                    self.place_sel = 0;
                }
                // Round the end of the list: said, as the article's search says it.
                // (Stepping on from the only match comes back to it: round too.)
                let wrapped = match (forward, from_here) {
                    (true, true) => r < before,
                    (true, false) => r <= before,
                    (false, true) => r > before,
                    (false, false) => r >= before,
                };
                if wrapped {
                    self.message = Some(if forward {
                        "search hit BOTTOM, continuing at TOP".to_owned()
                    } else {
                        "search hit TOP, continuing at BOTTOM".to_owned()
                    });
                }
            }
            None => {
                self.message = Some(format!("no row matches \"{}\"", one_line(&self.search.query)))
            }
        }
    }

    fn selection(&mut self) -> &mut usize {
        match self.view {
            View::Actors { places: false } => &mut self.actor_sel,
            View::Actors { places: true } => &mut self.place_sel,
            View::Articles | View::Article(_) => &mut self.article_sel,
        }
    }

    fn page(&self) -> isize {
        isize::try_from(self.size.1.saturating_sub(4).max(2)).unwrap_or(2) - 1
    }

    fn move_by(&mut self, by: isize, to_end: Option<bool>) {
        let n = self.list_len();
        let before = *self.selection();
        let sel = self.selection();
        *sel = match (n, to_end) {
            (0, _) => 0,
            (_, Some(false)) => 0,
            (_, Some(true)) => n - 1,
            (_, None) => sel.saturating_add_signed(by).min(n - 1),
        };
        if self.view == (View::Actors { places: false }) && self.actor_sel != before {
            self.place_sel = 0;
        }
    }

    /// Back from an article to the view it was opened from.
    fn leave_article(&mut self, i: usize) {
        self.view = self.back;
        self.left = Some(i);
        if self.actors_stale && matches!(self.view, View::Actors { .. }) {
            self.refresh_actors();
        }
    }
}

/// Applies one action. Pure: no I/O, no drawing. In an article, everything but going
/// back ([`Action::Library`], `q`, and Esc with nothing left to cancel) is the article
/// reader's.
pub fn update(shelf: &mut Shelf, action: Action) {
    if action == Action::Tick {
        shelf.spinner = shelf.spinner.wrapping_add(1);
        // The open article counts its lines on the ticks.
        if let Some((_, app)) = shelf.open_app() {
            app::update(app, Action::Tick);
        }
        return;
    }
    // What was said stays until the next key (a resize is none).
    if let Action::Resize(w, h) = action {
        shelf.size = (w, h);
    } else {
        shelf.message = None;
    }
    if let View::Article(i) = shelf.view {
        article_key(shelf, i, action);
    } else if matches!(action, Action::Resize(..)) {
        // The list is drawn at the size it has now: nothing more to do.
    } else if shelf.help {
        list_help_key(shelf, action);
    } else if shelf.search.input.is_some() && action != Action::Exit {
        if let Some(query) = app::type_into(&mut shelf.search.input, action) {
            shelf.search.query = query;
            if !shelf.search.query.is_empty() {
                shelf.find(true, true);
            }
        }
    } else {
        list_key(shelf, action);
    }
}

/// A key in an article: the article reader's, but for going back to the list (`L`,
/// `q`, and Esc when the article has nothing left to cancel).
fn article_key(shelf: &mut Shelf, i: usize, action: Action) {
    let Some(app) = shelf.apps.get_mut(i).and_then(Option::as_mut) else {
        shelf.view = View::Articles;
        return;
    };
    let busy = app.holds_keys();
    let nothing_to_cancel = !app.has_something_to_cancel();
    let back = match action {
        Action::Library | Action::Quit => !busy,
        Action::Cancel => !busy && nothing_to_cancel,
        _ => false,
    };
    if back {
        shelf.leave_article(i);
        return;
    }
    if action == Action::Reload && !busy {
        if shelf.reload.is_some() {
            // Back to the list, which is loaded again; the article opens again when
            // its new copy is analysed, at the place saved on leaving.
            shelf.reload_asked = true;
            shelf.reselect = Some((shelf.library.articles[i].source.clone(), true));
            shelf.leave_article(i);
            shelf.view = View::Articles;
        } else {
            app.set_notice(NOTHING_TO_RELOAD);
        }
        return;
    }
    app::update(app, action);
    shelf.quit = app.quitting();
}

/// A key in the list of articles or of actors.
fn list_key(shelf: &mut Shelf, action: Action) {
    shelf.back = shelf.view;
    let before = shelf.view;
    switch(shelf, action);
    // A search is of the list it was made in.
    if shelf.view != before {
        shelf.search.query.clear();
    }
    if shelf.actors_stale && matches!(shelf.view, View::Actors { .. }) {
        shelf.refresh_actors();
    }
    if let Some((by, to_end)) = app::movement(action, shelf.page()) {
        shelf.move_by(by, to_end);
    } else if action == Action::Activate {
        activate(shelf);
    }
}

/// The keys that change what the list shows: back, quit, the next view, the help, a
/// search and its matches.
fn switch(shelf: &mut Shelf, action: Action) {
    match action {
        Action::Exit => shelf.quit = true,
        Action::Quit | Action::Cancel => match shelf.view {
            View::Actors { places: true } => shelf.view = View::Actors { places: false },
            View::Actors { places: false } => shelf.view = View::Articles,
            View::Articles if action == Action::Cancel => shelf.search = ListSearch::default(),
            View::Articles | View::Article(_) => shelf.quit = true,
        },
        Action::Library | Action::FocusNext => {
            shelf.view = match shelf.view {
                View::Articles => View::Actors { places: false },
                View::Actors { places: false } if action == Action::FocusNext => {
                    View::Actors { places: true }
                }
                _ => View::Articles,
            }
        }
        Action::FocusPrev => {
            shelf.view = match shelf.view {
                View::Articles => View::Actors { places: true },
                View::Actors { places: true } => View::Actors { places: false },
                _ => View::Articles,
            }
        }
        Action::Help => shelf.help = true,
        Action::Reload if shelf.reload.is_some() => {
            shelf.reload_asked = true;
            shelf.message = Some("loading again…".to_owned());
        }
        Action::Reload => shelf.message = Some(NOTHING_TO_RELOAD.to_owned()),
        Action::Search => shelf.search.input = Some(String::new()),
        Action::Next | Action::Prev if !shelf.search.query.is_empty() => {
            shelf.find(action == Action::Next, false)
        }
        _ => {}
    }
}

/// What Enter says on an item whose story is on its way; gone once it is here.
const STILL_FETCHING: &str = "still fetching this story from its link";

/// What `r` says where there is nothing it could load again.
const NOTHING_TO_RELOAD: &str = "nothing to load again: these articles were read once";

/// Enter on the selected row: open the article, show an actor's places, go to one;
/// a skipped input says why.
fn activate(shelf: &mut Shelf) {
    match shelf.view {
        View::Articles => match shelf.rows.get(shelf.article_sel).copied() {
            Some(Entry::Article(i)) if shelf.library.pending.get(i) == Some(&true) => {
                shelf.message = Some(STILL_FETCHING.to_owned());
            }
            Some(Entry::Article(i)) if shelf.open(i).is_none() => {
                shelf.message = Some("still analysing this article".to_owned());
            }
            Some(Entry::Article(_)) | None => {}
            Some(Entry::Failed(f)) => {
                let reason = &shelf.library.failures[f].reason;
                shelf.message = Some(format!("skipped: {}", one_line(reason)));
            }
        },
        View::Actors { places: false } => shelf.view = View::Actors { places: true },
        View::Actors { places: true } => {
            if let Some(&p) = shelf.places().get(shelf.place_sel) {
                shelf.go_to(p);
            }
        }
        View::Article(_) => {}
    }
}

/// A key while the list's help is open: the scrolling keys scroll it when it does not
/// fit, any other key closes it, and Q / Ctrl-c still quit.
fn list_help_key(shelf: &mut Shelf, action: Action) {
    let fit =
        ui::HelpFit::new(Rect::new(0, 0, shelf.size.0, shelf.size.1), shelf.settings.help_len);
    let max = fit.max_scroll();
    match action {
        Action::Down if shelf.help_scroll < max => shelf.help_scroll += 1,
        Action::Up if shelf.help_scroll > 0 => shelf.help_scroll -= 1,
        _ => {
            shelf.help = false;
            shelf.help_scroll = 0;
            shelf.quit = action == Action::Exit;
        }
    }
}

/// "loading 12/40 · fetching stories 3/8 · analysing 5/12", while the library is not
/// all read, fetched and analysed.
pub fn progress(library: &Library) -> Option<String> {
    let mut parts = Vec::new();
    match (library.files, library.feeds) {
        (None, Some((done, all))) => parts.push(format!("fetching feeds {done}/{all}")),
        (None, None) => parts.push("reading the directories".to_owned()),
        (Some(n), _) if library.files_read < n => {
            parts.push(format!("loading {}/{n}", library.files_read))
        }
        (Some(_), _) => {}
    }
    let fetching = library.fetching();
    if fetching > 0 {
        let all = library.stories;
        parts.push(format!("fetching stories {}/{all}", all - fetching));
    }
    let done = library.done();
    if done < library.len() {
        parts.push(format!("analysing {done}/{}", library.len()));
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// The spinner's frame for a tick count.
fn spinner(tick: usize) -> char {
    const FRAMES: [char; 10] = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
    FRAMES[tick % FRAMES.len()]
}

/// The progress with its spinner, for a title or the corner of an article.
fn progress_line(shelf: &Shelf) -> Option<String> {
    progress(&shelf.library).map(|p| format!("{} {p}", spinner(shelf.spinner)))
}

/// Draws the whole screen.
pub fn draw(shelf: &Shelf, keymap: &Keymap, frame: &mut Frame) {
    let area = frame.area();
    let pal = shelf.settings.palette();
    if let View::Article(i) = shelf.view {
        if let Some(Some(app)) = shelf.apps.get(i) {
            ui::draw(app, keymap, frame);
            // The progress stays in sight while an article is read.
            if let Some(p) = progress_line(shelf) {
                let p = format!(" {p} ");
                let w = (unicode_width::UnicodeWidthStr::width(p.as_str()) as u16).min(area.width);
                let r =
                    Rect::new(area.right().saturating_sub(w + 1), area.y, w, 1.min(area.height));
                frame.render_widget(Clear, r);
                frame.render_widget(Paragraph::new(p).style(pal.focus), r);
            }
            return;
        }
    }
    let [main, status] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    match shelf.view {
        View::Actors { places } => draw_actors(shelf, &pal, frame, main, places),
        _ => draw_articles(shelf, &pal, frame, main),
    }
    let line = if let Some(input) = &shelf.search.input {
        Line::from(vec![
            TextSpan::styled(format!("/{}▏", one_line(input)), pal.focus),
            TextSpan::styled(" │ Enter search, Esc cancel", pal.dim),
        ])
    } else if let Some(m) = &shelf.message {
        Line::styled(one_line(m), pal.matched)
    } else {
        let hint = match shelf.view {
            View::Articles if shelf.reload.is_some() => {
                "Enter open · Tab actors of all articles · / search · r reload · ? help · q quit"
            }
            View::Articles => {
                "Enter open · Tab actors of all articles · / search · ? help · q quit"
            }
            _ => "Enter show / open · Tab next pane · / search · q back · ? help",
        };
        let mut parts = Vec::new();
        if !shelf.search.query.is_empty() {
            let q = format!("\"{}\" (n / N) │ ", one_line(&shelf.search.query));
            parts.push(TextSpan::styled(q, pal.matched));
        }
        if !shelf.library.failures.is_empty() {
            let n = shelf.library.failures.len();
            let s = format!("{n} input{} skipped │ ", if n == 1 { "" } else { "s" });
            parts.push(TextSpan::styled(s, pal.matched));
        }
        parts.push(TextSpan::styled(hint, pal.dim));
        Line::from(parts)
    };
    frame.render_widget(Paragraph::new(line), status);
    if shelf.help {
        ui::draw_help(keymap, shelf.help_scroll, &pal, frame, area);
    }
}

/// The block of a pane, its title with the library's progress.
fn block(title: String, focused: bool, shelf: &Shelf, pal: &Palette) -> Block<'static> {
    let mut title = title;
    if let Some(p) = progress_line(shelf) {
        title.push_str(" · ");
        title.push_str(&p);
    }
    let b = Block::bordered().title(format!(" {title} "));
    if focused { b.border_style(pal.focus) } else { b }
}

fn highlight(focused: bool) -> Style {
    if focused {
        Style::new().add_modifier(Modifier::REVERSED)
    } else {
        Style::new().add_modifier(Modifier::UNDERLINED)
    }
}

fn draw_articles(shelf: &Shelf, pal: &Palette, frame: &mut Frame, area: Rect) {
    let lib = &shelf.library;
    let h = usize::from(area.height.saturating_sub(3));
    let win = ui::window(shelf.article_sel, shelf.rows.len(), h);
    let rows: Vec<Row> = shelf.rows[win.clone()]
        .iter()
        .map(|&entry| {
            let i = match entry {
                Entry::Article(i) => i,
                // An input that could not be read: dimmed, with its reason.
                Entry::Failed(f) => {
                    let f = &lib.failures[f];
                    let name = std::path::Path::new(&f.source)
                        .file_name()
                        .map_or_else(|| f.source.clone(), |n| n.to_string_lossy().into_owned());
                    // The reason names the input first; the row names it once.
                    let prefix = format!("{}: ", f.source);
                    let reason = f.reason.strip_prefix(&prefix).unwrap_or(&f.reason);
                    let mut cells =
                        vec![Cell::from(one_line(&format!("{name} — skipped: {reason}")))];
                    if shelf.web {
                        cells.insert(0, Cell::from(" "));
                    }
                    return Row::new(cells).style(pal.dim);
                }
            };
            let a = &lib.articles[i];
            let title = one_line(a.title.as_deref().unwrap_or(&a.source));
            let date = one_line(date_of(a).unwrap_or(""));
            let (actors, quotes) = match &lib.analyses[i] {
                Some(x) => (x.actors.len().to_string(), x.quotes.len().to_string()),
                None => ("…".to_owned(), "…".to_owned()),
            };
            let mut cells = vec![Cell::from(title), Cell::from(date)];
            if shelf.web {
                let url = web::url_of(a);
                let new = url.is_some_and(|u| !shelf.read.contains(u));
                cells.insert(0, Cell::from(if new { "•" } else { " " }).style(pal.focus));
                cells.push(Cell::from(one_line(&source_name(a))));
            }
            cells.push(Cell::from(Line::from(actors).right_aligned()));
            cells.push(Cell::from(Line::from(quotes).right_aligned()));
            Row::new(cells)
        })
        .collect();
    let (header, widths) = if shelf.web {
        (
            Row::new(["", "Title", "Date", "Source", "Actors", "Quotes"]),
            vec![
                Constraint::Length(1),
                Constraint::Fill(1),
                Constraint::Length(16),
                Constraint::Length(18),
                Constraint::Length(6),
                Constraint::Length(6),
            ],
        )
    } else {
        (
            Row::new(["Title", "Date", "Actors", "Quotes"]),
            vec![
                Constraint::Fill(1),
                Constraint::Length(12),
                Constraint::Length(6),
                Constraint::Length(6),
            ],
        )
    };
    let table = Table::new(rows, widths)
        .header(header.style(pal.dim))
        .block(block(library_title(lib), true, shelf, pal))
        .row_highlight_style(highlight(true));
    let mut state = TableState::default().with_selected(shelf.article_sel.checked_sub(win.start));
    frame.render_stateful_widget(table, area, &mut state);
}

/// "Library: 12 articles", and for the subscriptions the window they were listed in:
/// "Library: 12 articles from the last 24 h · 30 older left out (--since)".
fn library_title(lib: &Library) -> String {
    let mut t = format!("Library: {} articles", lib.len());
    if let Some((span, left_out)) = &lib.window {
        t.push_str(&format!(" from the last {}", one_line(span)));
        if *left_out > 0 {
            t.push_str(&format!(" · {left_out} older left out (--since)"));
        }
    }
    t
}

/// Where an article is from, briefly: its feed's title, else the host of its address,
/// else its file's name.
pub fn source_name(a: &crate::source::Article) -> String {
    if let Some(feed) = a.meta.iter().find_map(|m| m.strip_prefix("Feed:")) {
        return feed.trim().to_owned();
    }
    if let Some(url) = web::url_of(a) {
        let rest = url.split_once("://").map_or(url, |(_, r)| r);
        let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
        return host.strip_prefix("www.").unwrap_or(host).to_owned();
    }
    std::path::Path::new(&a.source)
        .file_name()
        .map_or_else(|| a.source.clone(), |f| f.to_string_lossy().into_owned())
}

/// "Vladimir Putin — 12 mentions in 7 articles from 4 outlets, 3 quotes"; the outlets
/// only when some of the articles are from the web.
pub fn actor_line(a: &LibraryActor) -> String {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut s = format!(
        "{} — {} in {}",
        one_line(&a.name),
        plural(a.mentions, "mention", "mentions"),
        plural(a.articles, "article", "articles")
    );
    if a.outlets > 0 {
        s.push_str(&format!(" from {}", plural(a.outlets, "outlet", "outlets")));
    }
    if a.quotes > 0 {
        s.push_str(&format!(", {}", plural(a.quotes, "quote", "quotes")));
    }
    s
}

fn draw_actors(shelf: &Shelf, pal: &Palette, frame: &mut Frame, area: Rect, places: bool) {
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(area);
    let h = usize::from(left.height.saturating_sub(2));
    let win = ui::window(shelf.actor_sel, shelf.actors.len(), h);
    let rows: Vec<ListItem> = shelf.actors[win.clone()]
        .iter()
        .map(|a| ListItem::new(Line::styled(actor_line(a), kind_style(pal, a.kind))))
        .collect();
    let title = format!("Actors in all articles: {}", shelf.actors.len());
    let list = List::new(rows)
        .block(block(title, !places, shelf, pal))
        .highlight_style(highlight(!places));
    let mut state = ListState::default().with_selected(shelf.actor_sel.checked_sub(win.start));
    frame.render_stateful_widget(list, left, &mut state);

    let all = shelf.places();
    let h = usize::from(right.height.saturating_sub(2));
    let win = ui::window(shelf.place_sel, all.len(), h);
    let lib = &shelf.library;
    let rows: Vec<ListItem> = all[win.clone()]
        .iter()
        .filter_map(|&p| {
            let (article, span, quote) = match p {
                Place::Quote { article, quote } => {
                    let q = lib.analyses[article].as_ref()?.quotes.get(quote)?;
                    (article, q.span(), true)
                }
                Place::Mention { article, actor, mention } => {
                    let a = lib.analyses[article].as_ref()?.actors.get(actor)?;
                    (article, a.mentions.get(mention)?.span(), false)
                }
            };
            let a = &lib.articles[article];
            let title = one_line(a.title.as_deref().unwrap_or(&a.source));
            let title: String = title.chars().take(24).collect();
            let text = &a.text;
            // A mention with the words around it; a quote from its start.
            let (from, to) = if quote {
                (span.start, floor(text, span.end.min(span.start + 120)))
            } else {
                let from = floor(text, span.start.saturating_sub(30));
                let to = floor(text, span.end + 50);
                // Whole words only: from after the first space, to the last one.
                // N.B. A space may be wider than a byte (a no-break space).
                let space = text[from..span.start].char_indices().find(|(_, c)| c.is_whitespace());
                let from = match space {
                    Some((i, c)) if from > 0 => from + i + c.len_utf8(),
                    _ => from,
                };
                let to = match text[span.end..to].rfind(char::is_whitespace) {
                    Some(i) if to < text.len() => span.end + i,
                    _ => to,
                };
                (from, to)
            };
            let snippet = one_line(text.get(from..to).unwrap_or(""));
            let style = if quote { pal.quote } else { Style::new() };
            Some(ListItem::new(Line::from(vec![
                TextSpan::styled(format!("{title}: "), pal.dim),
                TextSpan::styled(snippet, style),
            ])))
        })
        .collect();
    let title = match shelf.actors.get(shelf.actor_sel) {
        Some(a) => format!("Quotes and mentions of {}", one_line(&a.name)),
        None => "Quotes and mentions".to_owned(),
    };
    let list =
        List::new(rows).block(block(title, places, shelf, pal)).highlight_style(highlight(places));
    let sel = places.then(|| shelf.place_sel.checked_sub(win.start)).flatten();
    let mut state = ListState::default().with_selected(sel);
    frame.render_stateful_widget(list, right, &mut state);
}

fn kind_style(pal: &Palette, kind: Kind) -> Style {
    pal.kind(kind)
}

/// The nearest character boundary at or before `i` (clamped to the text).
fn floor(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}
