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

use super::app::{self, Action, App, Pane};
use super::keymap::Keymap;
use super::terminal::{Screen, Wake};
use super::ui::{self, Palette};
use crate::analysis::{ActorId, Kind, Lexicon};
use crate::library::{Arrivals, Library, LibraryActor, date_of};
use crate::source::{display_str, web};
use crossterm::event;
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

/// The library reader's whole state.
#[derive(Debug)]
pub struct Shelf {
    pub library: Library,
    pub lexicon: &'static Lexicon,
    /// The reader of each article opened so far, kept so it opens where it was left.
    pub apps: Vec<Option<App>>,
    pub view: View,
    pub article_sel: usize,
    /// The library's actors as of the analyses arrived so far.
    pub actors: Vec<LibraryActor>,
    /// Analyses arrived since `actors` was counted: it is recounted when next shown
    /// (counting 1,000 articles takes about 0.1 s, too much for every arrival).
    pub actors_stale: bool,
    pub actor_sel: usize,
    pub place_sel: usize,
    /// The view an article was opened from, which `L` goes back to.
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
}

impl Shelf {
    pub fn new(
        library: Library,
        lexicon: &'static Lexicon,
        settings: &crate::config::ViewSettings,
    ) -> Shelf {
        let apps = (0..library.len()).map(|_| None).collect();
        let mut shelf = Shelf {
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
        };
        shelf.web = shelf.library.articles.iter().any(|a| web::url_of(a).is_some());
        shelf.refresh_actors();
        shelf
    }

    /// Takes the analyses that have arrived; the library's actors are recounted now
    /// when they are on screen, else when they are next shown.
    pub fn receive(&mut self, arrivals: &Arrivals) -> bool {
        let any = self.library.receive(arrivals);
        if any {
            self.actors_stale = true;
            if matches!(self.view, View::Actors { .. }) {
                self.refresh_actors();
            }
        }
        any
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
        for o in &actor.occurrences {
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
        }
        self.view = View::Article(i);
        self.article_sel = i;
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
            Place::Quote { quote, .. } => {
                app.focus = Pane::Quotes;
                app.quote_sel = quote;
            }
            Place::Mention { actor, mention, .. } => {
                app::update(app, Action::ShowAll);
                if let Some(row) = app.actor_rows.iter().position(|&a| a == actor) {
                    app.actor_sel = row;
                }
                app.focus = Pane::Mentions;
                app.mention_sel = Some(mention);
            }
        }
        app::update(app, Action::Activate);
    }

    fn list_len(&self) -> usize {
        match self.view {
            View::Articles => self.library.len(),
            View::Actors { places: false } => self.actors.len(),
            View::Actors { places: true } => self.places().len(),
            View::Article(_) => 0,
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
}

/// Applies one action. Pure: no I/O, no drawing. In an article, everything but
/// [`Action::Library`] is the article reader's.
pub fn update(shelf: &mut Shelf, action: Action) {
    shelf.message = None;
    if let Action::Resize(w, h) = action {
        shelf.size = (w, h);
    }
    if let View::Article(i) = shelf.view {
        let Some(app) = shelf.apps.get_mut(i).and_then(Option::as_mut) else {
            shelf.view = View::Articles;
            return;
        };
        let typing = app.typing() || app.help;
        if action == Action::Library && !typing {
            shelf.view = shelf.back;
            if shelf.actors_stale && matches!(shelf.view, View::Actors { .. }) {
                shelf.refresh_actors();
            }
            return;
        }
        app::update(app, action);
        shelf.quit = app.quit;
        return;
    }
    shelf.back = shelf.view;
    match action {
        Action::Quit => shelf.quit = true,
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
        _ => {}
    }
    if shelf.actors_stale && matches!(shelf.view, View::Actors { .. }) {
        shelf.refresh_actors();
    }
    match action {
        Action::Cancel if shelf.view == (View::Actors { places: true }) => {
            shelf.view = View::Actors { places: false }
        }
        Action::Down => shelf.move_by(1, None),
        Action::Up => shelf.move_by(-1, None),
        Action::PageDown => shelf.move_by(shelf.page(), None),
        Action::PageUp => shelf.move_by(-shelf.page(), None),
        Action::HalfDown => shelf.move_by((shelf.page() + 1) / 2, None),
        Action::HalfUp => shelf.move_by(-(shelf.page() + 1) / 2, None),
        Action::Top => shelf.move_by(0, Some(false)),
        Action::Bottom => shelf.move_by(0, Some(true)),
        Action::Activate => match shelf.view {
            View::Articles => {
                if shelf.open(shelf.article_sel).is_none() {
                    shelf.message = Some("still analysing this article".to_owned());
                }
            }
            View::Actors { places: false } => shelf.view = View::Actors { places: true },
            View::Actors { places: true } => {
                if let Some(&p) = shelf.places().get(shelf.place_sel) {
                    shelf.go_to(p);
                }
            }
            View::Article(_) => {}
        },
        _ => {}
    }
}

/// "analysing 5/12", while the library is not all analysed.
pub fn progress(library: &Library) -> Option<String> {
    let done = library.done();
    (done < library.len()).then(|| format!("analysing {done}/{}", library.len()))
}

/// Draws the whole screen.
pub fn draw(shelf: &Shelf, keymap: &Keymap, frame: &mut Frame) {
    let area = frame.area();
    let pal = shelf.settings.palette();
    if let View::Article(i) = shelf.view {
        if let Some(Some(app)) = shelf.apps.get(i) {
            ui::draw(app, keymap, frame);
            // The progress stays in sight while an article is read.
            if let Some(p) = progress(&shelf.library) {
                let p = format!(" {p} ");
                let w = (p.len() as u16).min(area.width);
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
    let hint = match shelf.view {
        View::Articles => {
            "Enter open · Tab actors of all articles · L back from an article · q quit"
        }
        _ => "Enter show / open · Tab next pane · Esc back · L articles · q quit",
    };
    let text = shelf.message.as_deref().unwrap_or(hint);
    frame.render_widget(Paragraph::new(Line::styled(text.to_owned(), pal.dim)), status);
}

/// The block of a pane, its title with the library's progress.
fn block(title: String, focused: bool, shelf: &Shelf, pal: &Palette) -> Block<'static> {
    let mut title = title;
    if let Some(p) = progress(&shelf.library) {
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

/// Text made safe for the screen and put on one line.
fn one_line(s: &str) -> String {
    display_str(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

fn draw_articles(shelf: &Shelf, pal: &Palette, frame: &mut Frame, area: Rect) {
    let lib = &shelf.library;
    let h = usize::from(area.height.saturating_sub(3));
    let win = ui::window(shelf.article_sel, lib.len(), h);
    let rows: Vec<Row> = win
        .clone()
        .map(|i| {
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
        .block(block(format!("Library: {} articles", lib.len()), true, shelf, pal))
        .row_highlight_style(highlight(true));
    let mut state = TableState::default().with_selected(shelf.article_sel.checked_sub(win.start));
    frame.render_stateful_widget(table, area, &mut state);
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

/// "Vladimir Putin — 12 mentions in 4 articles".
pub fn actor_line(a: &LibraryActor) -> String {
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut s = format!(
        "{} — {} in {}",
        one_line(&a.name),
        plural(a.mentions, "mention", "mentions"),
        plural(a.articles, "article", "articles")
    );
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

/// Runs the library reader until the user quits, analysing in the background with the
/// user's lexicon; the terminal is given back on every way out, signals included (as
/// [`super::run_session`] does).
///
/// N.B. Corrections are made in a single article's reader; here the articles are
/// read with the lexicon as it was at start.
pub fn run(
    library: Library,
    user: &'static crate::userlex::UserLexicon,
    settings: crate::config::ViewSettings,
    keymap: Keymap,
    read_marks: Option<crate::store::read::ReadMarks>,
) -> anyhow::Result<()> {
    let arrivals = library.analyse_in_background_with(Box::new(|text: &str| user.analyse(text)));
    let mut shelf = Shelf::new(library, user.lexicon(), &settings);
    if let Some(marks) = &read_marks {
        shelf.read = marks.load();
    }
    let mut screen = Screen::start(settings.mouse)?;
    let result = event_loop(&mut screen, &mut shelf, &keymap, &arrivals, read_marks.as_ref());
    super::finish(screen, result)
}

/// The loop: draw, wait for an event (or, while analyses arrive, a tenth of a second),
/// apply every event that is waiting, draw again. Returns the ending signal, if any.
fn event_loop(
    screen: &mut Screen,
    shelf: &mut Shelf,
    keymap: &Keymap,
    arrivals: &Arrivals,
    read_marks: Option<&crate::store::read::ReadMarks>,
) -> anyhow::Result<Option<i32>> {
    let size = screen.terminal.size()?;
    update(shelf, Action::Resize(size.width, size.height));
    while !shelf.quit {
        shelf.receive(arrivals);
        screen.terminal.draw(|f| draw(shelf, keymap, f))?;
        let analysing = shelf.library.done() < shelf.library.len();
        // While analyses arrive, wake within a tenth of a second to show them.
        let waiting = !analysing || event::poll(std::time::Duration::from_millis(100))?;
        let mut next = if waiting { Some(screen.wait()?) } else { screen.ready()? };
        while let Some(wake) = next {
            match wake {
                Wake::Signal(sig) => return Ok(Some(sig)),
                Wake::Continued => {
                    screen.resume()?;
                    resized(screen, shelf)?;
                }
                Wake::Event(ev) => {
                    let article_open = matches!(shelf.view, View::Article(_));
                    let typing = match shelf.view {
                        View::Article(i) => shelf.apps[i].as_ref().is_some_and(App::typing),
                        _ => false,
                    };
                    match super::action_of(&ev, keymap, typing) {
                        Some(Action::Suspend) => {
                            screen.suspend()?;
                            resized(screen, shelf)?;
                        }
                        // Clicks and the wheel belong to an open article's panes.
                        Some(Action::Click { .. } | Action::Wheel { .. }) if !article_open => {}
                        Some(a) => {
                            update(shelf, a);
                            refuse_corrections(shelf);
                            if let View::Article(i) = shelf.view
                                && let Some(Some(app)) = shelf.apps.get_mut(i)
                            {
                                super::open_requested(app);
                            }
                            if let Some(marks) = read_marks {
                                // A display only: a mark that cannot be saved is shown
                                // as read this session all the same.
                                let _ = marks.mark(&std::mem::take(&mut shelf.newly_read));
                            }
                        }
                        None => {}
                    }
                }
            }
            next = if shelf.quit { None } else { screen.ready()? };
        }
    }
    Ok(None)
}

/// A correction asked for in an article opened from the library is answered, not
/// silently dropped: the library's articles were analysed in the background with the
/// lexicon as it was at start, so corrections are made in a single article's reader.
fn refuse_corrections(shelf: &mut Shelf) {
    let View::Article(i) = shelf.view else { return };
    if let Some(app) = shelf.apps.get_mut(i).and_then(Option::as_mut)
        && app.correct.request.take().is_some()
    {
        app.correct.notice =
            Some("not saved: corrections are made with one article open (whosaid FILE)".into());
    }
}

/// After the process was stopped and continued: the whole screen anew at its size.
fn resized(screen: &mut Screen, shelf: &mut Shelf) -> std::io::Result<()> {
    screen.terminal.clear()?;
    let size = screen.terminal.size()?;
    update(shelf, Action::Resize(size.width, size.height));
    Ok(())
}
