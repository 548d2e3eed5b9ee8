//! The terminal reader: the article in the middle with every actor mention and quote
//! highlighted, the actors, their mentions and the quotes beside it.
//!
//! The parts follow the shape of a small ratatui app: [`layout`] wraps the text once per
//! width and maps byte spans to screen lines, [`app`] holds the state and the pure
//! `update(&mut App, Action)`, [`ui`] draws it, [`keymap`] turns key presses into
//! actions, and [`terminal`] takes the terminal over and gives it back. This module
//! only runs the loop.

pub mod app;
pub mod clipboard;
pub mod corrections;
pub mod library;
pub mod open;
pub mod terminal;
pub mod ui;

use crate::Article;
use crate::config::ViewSettings;
use crate::config::keymap::Keymap;
use crate::library::{Arrivals, Library, Reload};
use crate::store::places::{self, Places};
use crate::store::read::ReadMarks;
use crate::store::userlex::UserLexicon;
use app::{Action, App, update};
use crossterm::event::{self, Event, KeyEventKind, MouseButton, MouseEventKind};
use library::Shelf;
use terminal::{Screen as Tty, Wake};

/// How often the loop wakes while the background works, to show its progress.
const TICK: std::time::Duration = std::time::Duration::from_millis(100);

/// What the reader shows: one article, or the Library of several (which may have one
/// of its articles open). The one event loop runs either.
#[derive(Debug)]
pub enum Screen {
    Article(Box<App>),
    Library(Box<Shelf>),
}

impl Screen {
    pub fn quit(&self) -> bool {
        match self {
            Screen::Article(app) => app.quitting(),
            Screen::Library(shelf) => shelf.quit,
        }
    }

    pub fn typing(&self) -> bool {
        match self {
            Screen::Article(app) => app.typing(),
            Screen::Library(shelf) => shelf.typing(),
        }
    }

    /// Whether the background is still at work, so the loop wakes to show progress,
    /// or a correction waits for the lexicon's lock, so the loop wakes to try again,
    /// or the article's lines are still being counted, which the loop's ticks do.
    pub fn busy(&self) -> bool {
        match self {
            Screen::Article(_) => self.counting() || self.waiting(),
            Screen::Library(shelf) => shelf.busy() || self.waiting() || self.counting(),
        }
    }

    /// Whether the article on screen is still counting its lines: then the loop does
    /// not wait between ticks, and each counts a slice.
    pub fn counting(&self) -> bool {
        match self {
            Screen::Article(app) => app.counting(),
            Screen::Library(shelf) => shelf.shown_app().is_some_and(App::counting),
        }
    }

    /// Whether the article on screen has a correction waiting for the lexicon's lock.
    pub fn waiting(&self) -> bool {
        match self {
            Screen::Article(app) => app.waiting(),
            Screen::Library(shelf) => match shelf.view {
                library::View::Article(i) => {
                    shelf.apps.get(i).and_then(Option::as_ref).is_some_and(|a| a.waiting())
                }
                _ => false,
            },
        }
    }

    /// Whether clicks and the wheel mean anything: they belong to an article's panes.
    pub fn pointer(&self) -> bool {
        match self {
            Screen::Article(_) => true,
            Screen::Library(shelf) => matches!(shelf.view, library::View::Article(_)),
        }
    }

    pub fn update(&mut self, action: Action) {
        match self {
            Screen::Article(app) => update(app, action),
            Screen::Library(shelf) => library::update(shelf, action),
        }
    }

    pub fn draw(&self, keymap: &Keymap, frame: &mut ratatui::Frame) {
        match self {
            Screen::Article(app) => ui::draw(app, keymap, frame),
            Screen::Library(shelf) => library::draw(shelf, keymap, frame),
        }
    }
}

/// What the reader keeps beyond one screen: the settings, the user lexicon that the
/// corrections go to, the reading places and the read marks.
#[derive(Debug)]
pub struct Session {
    pub keymap: Keymap,
    pub view: ViewSettings,
    pub userlex: UserLexicon,
    /// None: places are neither restored nor saved.
    pub places: Option<Places>,
    /// None: feed items are not marked read.
    pub read_marks: Option<ReadMarks>,
    /// Files that could not be used, shown when the reader opens.
    pub problems: Vec<String>,
    /// How the article on screen was fetched, for `r` to fetch it again; none for an
    /// article that did not come from the web, or in the Library (which reloads itself).
    pub load_options: Option<crate::source::LoadOptions>,
    /// Corrections saved this run: an article of the Library opened after one is
    /// analysed again with them (the background analysed it with the lexicon of the
    /// start).
    pub corrections: usize,
}

impl Session {
    /// Writes a correction the app asked for, and gives it the new analysis; `true`
    /// when the analysis changed.
    pub fn fulfil(&mut self, app: &mut App) -> bool {
        use corrections::Request;
        let Some(request) = app.take_correction() else { return false };
        // N.B. Never blocks: with the lexicon's lock held by another whosaid the request
        // waits, the loop tries again each tick and keys (Esc cancels) and signals are
        // answered meanwhile.
        let (done, follow) = match &request {
            Request::Edit(edit, follow) => (self.userlex.try_correct(edit), *follow),
            Request::Undo(follow) => (self.userlex.try_undo(), *follow),
        };
        match done {
            Ok(None) => {
                let name = self.userlex.path().file_name().unwrap_or_default().to_string_lossy();
                let notice = format!("waiting for {name} (held by another whosaid); Esc cancels");
                app.wait_for_lock(request, notice);
                false
            }
            Ok(Some(done)) => {
                let analysis = self.userlex.analyse(app.article().body());
                app.reanalysed(analysis, follow);
                let undo = if self.userlex.can_undo() { "; u undoes" } else { "" };
                app.set_notice(format!("{done} (saved{undo})"));
                self.corrections += 1;
                true
            }
            Err(e) => {
                app.set_notice(format!("{e:#}"));
                false
            }
        }
    }

    /// Puts an article where it was last read, if it was.
    fn restore_place(&self, app: &mut App) {
        let key = places::article_key(&app.article().text);
        if let Some(place) = self.places.as_ref().and_then(|p| p.get(&key)) {
            app.restore(&place);
        }
    }

    /// Saves where an article is being read, unless it was never on screen (a terminal
    /// too small throughout): there is nothing then to save over the old place.
    fn save_place(&self, app: &App) {
        let Some(places) = &self.places else { return };
        if !app.laid_out() {
            return;
        }
        let key = places::article_key(&app.article().text);
        if let Err(e) = places.save(&key, app.place()) {
            eprintln!("whosaid: the reading position was not saved: {e:#}");
        }
    }

    /// What an action asks of the world, done after `update`: corrections written,
    /// links opened, places restored and saved, read marks kept.
    pub fn after(&mut self, screen: &mut Screen) {
        match screen {
            Screen::Article(app) => {
                self.fulfil(app);
                open_requested(app);
                copy_requested(app);
            }
            Screen::Library(shelf) => self.after_library(shelf),
        }
    }

    fn after_library(&mut self, shelf: &mut Shelf) {
        // Before the article left is forgotten: its place is saved below, and restored
        // when its new copy opens.
        let left = shelf.left.take();
        if let Some(i) = left
            && let Some(Some(app)) = shelf.apps.get(i)
        {
            self.save_place(app);
        }
        if std::mem::take(&mut shelf.reload_asked)
            && let Some(reload) = &shelf.reload
        {
            let (library, arrivals) = (reload.0)();
            shelf.replace(library, arrivals);
        }
        if let Some(i) = shelf.fresh.take()
            && let Some(Some(app)) = shelf.apps.get_mut(i)
        {
            if self.corrections > 0 {
                let analysis = self.userlex.analyse(app.article().body());
                app.reanalysed(analysis, None);
                shelf.library.analyses[i] = Some(app.analysis().clone());
                shelf.actors_stale = true;
            }
            self.restore_place(app);
        }
        if let library::View::Article(i) = shelf.view
            && let Some(Some(app)) = shelf.apps.get_mut(i)
        {
            // The library's counts and actors follow the corrected analysis.
            if self.fulfil(app) {
                shelf.library.analyses[i] = Some(app.analysis().clone());
                shelf.actors_stale = true;
            }
            open_requested(app);
            copy_requested(app);
        }
        if let Some(marks) = &self.read_marks {
            // A display only: a mark that cannot be saved is shown as read this session
            // all the same.
            let _ = marks.mark(&std::mem::take(&mut shelf.newly_read));
        }
    }

    /// `r` on an article opened alone: its address fetched again (revalidated through
    /// the cache, so an unchanged page costs a `304`), and the article replaced when it
    /// changed, at the same place.
    ///
    /// N.B. The fetch is waited for, bounded by the timeouts: one page asked for by the
    /// user, with the notice saying so on screen meanwhile.
    fn reload_article(&mut self, tty: &mut Tty, app: &mut App) -> anyhow::Result<()> {
        let url = crate::source::web::url_of(app.article()).map(str::to_owned);
        let (Some(url), Some(options)) = (url, self.load_options) else {
            app.set_notice("this article was not fetched from the web");
            return Ok(());
        };
        app.set_notice(format!("fetching {url} again…"));
        tty.terminal.draw(|f| ui::draw(app, &self.keymap, f))?;
        let notice = match crate::source::load_with(&url, &options) {
            Ok(article) if article.text == app.article().text => "unchanged".to_owned(),
            Ok(article) => {
                let place = app.place();
                let analysis = self.userlex.analyse(article.body());
                let size = app.size();
                *app = App::new(article, analysis, &self.view);
                update(app, Action::Resize(size.0, size.1));
                app.restore(&place);
                "fetched again: the page has changed".to_owned()
            }
            Err(e) => format!("{e:#}"),
        };
        app.set_notice(notice);
        Ok(())
    }

    /// Saves the place of the article on screen when the reader ends.
    fn at_end(&self, screen: &Screen) {
        match screen {
            Screen::Article(app) => self.save_place(app),
            Screen::Library(shelf) => {
                if let library::View::Article(i) = shelf.view
                    && let Some(Some(app)) = shelf.apps.get(i)
                {
                    self.save_place(app);
                }
            }
        }
    }
}

/// Gives the terminal back. An ending signal: die of it, as the shell expects; an error
/// reading a hung-up terminal is part of the same end, not an error to report.
fn finish(tty: Tty, result: anyhow::Result<Option<i32>>) -> anyhow::Result<()> {
    tty.restore();
    let signal = result.as_ref().ok().copied().flatten().or_else(|| tty.pending());
    if let Some(sig) = signal {
        tty.die(sig)
    }
    result.map(|_| ())
}

/// The loop: draw, wait, apply every event that is waiting, draw again. While the
/// background works (a Library loading), it wakes every [`TICK`] to take what arrived
/// and turn the spinner. Returns the ending signal that stopped it, if one did.
fn event_loop(
    tty: &mut Tty,
    screen: &mut Screen,
    session: &mut Session,
) -> anyhow::Result<Option<i32>> {
    // A test hook, in debug builds only: a key press panics inside the loop, so a test
    // of the built binary can check that a panic gives the terminal back.
    let panic_on_key = cfg!(debug_assertions) && std::env::var_os("WHOSAID_DEBUG_PANIC").is_some();
    resized(tty, screen)?;
    while !screen.quit() {
        if let Screen::Library(shelf) = &mut *screen {
            shelf.receive_own();
        }
        tty.terminal.draw(|f| screen.draw(&session.keymap, f))?;
        // Take every event that is already waiting before drawing again, so a held key
        // or a burst of resizes costs one frame.
        let tick = if screen.counting() { std::time::Duration::ZERO } else { TICK };
        let mut next = if !screen.busy() || event::poll(tick)? {
            Some(tty.wait()?)
        } else {
            screen.update(Action::Tick);
            if screen.waiting() {
                session.after(screen);
            }
            tty.ready()?
        };
        while let Some(wake) = next {
            match wake {
                Wake::Signal(sig) => return Ok(Some(sig)),
                Wake::Continued => {
                    tty.resume()?;
                    resized(tty, screen)?;
                }
                Wake::Event(ev) => match action_of(&ev, &session.keymap, screen.typing()) {
                    _ if panic_on_key && matches!(ev, Event::Key(_)) => {
                        panic!("WHOSAID_DEBUG_PANIC is set: a key press panics")
                    }
                    Some(Action::Suspend) => {
                        tty.suspend()?;
                        resized(tty, screen)?;
                    }
                    Some(Action::Reload)
                        if !screen.typing() && matches!(screen, Screen::Article(_)) =>
                    {
                        if let Screen::Article(app) = screen {
                            session.reload_article(tty, app)?;
                        }
                    }
                    Some(Action::Click { .. } | Action::Wheel { .. }) if !screen.pointer() => {}
                    Some(a) => {
                        screen.update(a);
                        session.after(screen);
                    }
                    None => {}
                },
            }
            next = if screen.quit() { None } else { tty.ready()? };
        }
    }
    Ok(None)
}

/// Opens the address the app asked for, and says how that went.
pub fn open_requested(app: &mut App) {
    let Some(url) = app.take_open_request() else { return };
    app.set_notice(match open::open(&url) {
        Ok(program) => format!("opened with {program}"),
        Err(e) => format!("{e:#}"),
    });
}

/// Sends the text the app asked to copy to the terminal's clipboard (OSC 52), and
/// says what was asked: the terminal tells no one whether it did.
///
/// N.B. Written straight to standard output between frames: the sequence moves no
/// cursor and draws nothing, so the frame ratatui knows stays the one on screen.
pub fn copy_requested(app: &mut App) {
    let Some((text, what)) = app.take_copy_request() else { return };
    let mut out = std::io::stdout().lock();
    app.set_notice(match clipboard::copy(&mut out, &text) {
        Ok(()) => format!("copied {what} (OSC 52: if the terminal allows it)"),
        Err(e) => format!("not copied: {e}"),
    });
}

/// Tells the screen the terminal's size: at the start, and after a stop, when the size
/// may have changed and its resize event been lost.
///
/// N.B. Never `Terminal::clear`, which asks the terminal where the cursor is: one that
/// does not answer would end the reader. [`Tty::resume`] has cleared the screen and
/// made the next frame a full one already.
fn resized(tty: &Tty, screen: &mut Screen) -> std::io::Result<()> {
    let size = tty.terminal.size()?;
    screen.update(Action::Resize(size.width, size.height));
    Ok(())
}

/// Runs the reader on one article: analysed with the session's user lexicon, its
/// place restored on opening and saved on quitting.
pub fn run_session(article: Article, mut session: Session) -> anyhow::Result<()> {
    let analysis = session.userlex.analyse(article.body());
    let mut app = App::new(article, analysis, &session.view);
    if !session.problems.is_empty() {
        app.set_notice(session.problems.join("\n"));
    }
    let mut tty = Tty::start(session.view.mouse)?;
    // Sized before the place is restored: the place is a line of the wrapped text.
    let mut screen = Screen::Article(Box::new(app));
    resized(&tty, &mut screen)?;
    if let Screen::Article(app) = &mut screen {
        session.restore_place(app);
    }
    let result = event_loop(&mut tty, &mut screen, &mut session);
    tty.restore();
    session.at_end(&screen);
    finish(tty, result)
}

/// Runs the Library: the list is on screen at once and fills as `arrivals` brings the
/// articles and their analyses; articles opened from it are read as one opened alone
/// (the same settings, places and corrections). With `reload`, `r` loads it again.
pub fn run_library(
    library: Library,
    lexicon: &'static crate::Lexicon,
    arrivals: Arrivals,
    mut session: Session,
    reload: Option<Reload>,
) -> anyhow::Result<()> {
    let mut shelf = Shelf::new(library, lexicon, &session.view);
    shelf.arrivals = Some(arrivals);
    shelf.reload = reload;
    if let Some(marks) = &session.read_marks {
        shelf.read = marks.load();
    }
    if !session.problems.is_empty() {
        shelf.message = Some(session.problems.join("; "));
    }
    let mut tty = Tty::start(session.view.mouse)?;
    let mut screen = Screen::Library(Box::new(shelf));
    let result = event_loop(&mut tty, &mut screen, &mut session);
    tty.restore();
    session.at_end(&screen);
    finish(tty, result)
}

/// The action for a terminal event, if any. Only key presses act: terminals that report
/// releases and repeats (kitty protocol, Windows) would otherwise fire every key twice.
pub fn action_of(ev: &Event, keymap: &Keymap, typing: bool) -> Option<Action> {
    match *ev {
        Event::Key(k) if k.kind == KeyEventKind::Press => keymap.action_for(k, typing),
        Event::Resize(w, h) => Some(Action::Resize(w, h)),
        Event::Mouse(m) => {
            let (x, y) = (m.column, m.row);
            match m.kind {
                MouseEventKind::ScrollDown => Some(Action::Wheel { x, y, down: true }),
                MouseEventKind::ScrollUp => Some(Action::Wheel { x, y, down: false }),
                MouseEventKind::Down(MouseButton::Left) => Some(Action::Click { x, y }),
                _ => None,
            }
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyEvent, KeyEventState, KeyModifiers};

    #[test]
    fn only_key_presses_act() {
        let keymap = Keymap::builtin();
        let key = |kind| {
            Event::Key(KeyEvent {
                code: KeyCode::Char('j'),
                modifiers: KeyModifiers::NONE,
                kind,
                state: KeyEventState::NONE,
            })
        };
        assert_eq!(action_of(&key(KeyEventKind::Press), &keymap, false), Some(Action::Down));
        assert_eq!(action_of(&key(KeyEventKind::Release), &keymap, false), None);
        assert_eq!(action_of(&key(KeyEventKind::Repeat), &keymap, false), None);
        assert_eq!(action_of(&Event::Resize(80, 24), &keymap, false), Some(Action::Resize(80, 24)));
    }
}
