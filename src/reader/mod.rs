//! The terminal reader: the article in the middle with every actor mention and quote
//! highlighted, the actors, their mentions and the quotes beside it.
//!
//! The parts follow the shape of a small ratatui app: [`layout`] wraps the text once per
//! width and maps byte spans to screen lines, [`app`] holds the state and the pure
//! `update(&mut App, Action)`, [`ui`] draws it, [`keymap`] turns key presses into
//! actions, and [`terminal`] takes the terminal over and gives it back. This module
//! only runs the loop.

pub mod app;
pub mod corrections;
pub mod library;
pub mod open;
pub mod terminal;
pub mod ui;

// Moved out of the reader; the old paths, while the modules settle.
pub use crate::config::keymap;
pub use crate::text_layout as layout;

use crate::Article;
use app::{Action, App, update};
use crossterm::event::{Event, KeyEventKind, MouseButton, MouseEventKind};
use keymap::Keymap;
use terminal::{Screen, Wake};

/// Gives the terminal back. An ending signal: die of it, as the shell expects; an error
/// reading a hung-up terminal is part of the same end, not an error to report.
fn finish(screen: Screen, result: anyhow::Result<Option<i32>>) -> anyhow::Result<()> {
    screen.restore();
    let signal = result.as_ref().ok().copied().flatten().or_else(|| screen.pending());
    if let Some(sig) = signal {
        screen.die(sig)
    }
    result.map(|_| ())
}

/// The loop: draw, wait, apply every event that is waiting, draw again. Returns the
/// ending signal that stopped it, if one did.
fn event_loop(
    session: &mut Screen,
    app: &mut App,
    keymap: &Keymap,
    after: &mut dyn FnMut(&mut App),
) -> anyhow::Result<Option<i32>> {
    // A test hook, in debug builds only: a key press panics inside the loop, so a test
    // of the built binary can check that a panic gives the terminal back.
    let panic_on_key = cfg!(debug_assertions) && std::env::var_os("WHOSAID_DEBUG_PANIC").is_some();
    let size = session.terminal.size()?;
    update(app, Action::Resize(size.width, size.height));
    while !app.quit {
        session.terminal.draw(|f| ui::draw(app, keymap, f))?;
        // Take every event that is already waiting before drawing again, so a held key
        // or a burst of resizes costs one frame.
        let mut next = Some(session.wait()?);
        while let Some(wake) = next {
            match wake {
                Wake::Signal(sig) => return Ok(Some(sig)),
                Wake::Continued => {
                    session.resume()?;
                    resized(session, app)?;
                }
                Wake::Event(ev) => match action_of(&ev, keymap, app.typing()) {
                    _ if panic_on_key && matches!(ev, Event::Key(_)) => {
                        panic!("WHOSAID_DEBUG_PANIC is set: a key press panics")
                    }
                    Some(Action::Suspend) => {
                        session.suspend()?;
                        resized(session, app)?;
                    }
                    Some(a) => {
                        update(app, a);
                        after(app);
                        open_requested(app);
                    }
                    None => {}
                },
            }
            next = if app.quit { None } else { session.ready()? };
        }
    }
    Ok(None)
}

/// Opens the address the app asked for, and says how that went.
pub fn open_requested(app: &mut App) {
    let Some(url) = app.open_request.take() else { return };
    app.correct.notice = Some(match open::open(&url) {
        Ok(program) => format!("opened with {program}"),
        Err(e) => format!("{e:#}"),
    });
}

/// After a stop the terminal may have another size, and its resize event may be lost.
fn resized(session: &Screen, app: &mut App) -> std::io::Result<()> {
    let size = session.terminal.size()?;
    update(app, Action::Resize(size.width, size.height));
    Ok(())
}

/// What the reader keeps beyond one article: the settings, the user lexicon that the
/// corrections go to, and the reading places.
#[derive(Debug)]
pub struct Session {
    pub keymap: Keymap,
    pub view: crate::config::ViewSettings,
    pub userlex: crate::userlex::UserLexicon,
    /// None: places are neither restored nor saved.
    pub places: Option<crate::state::Places>,
    /// Files that could not be used, shown when the reader opens.
    pub problems: Vec<String>,
}

impl Session {
    /// Writes a correction the app asked for, and gives it the new analysis.
    pub fn fulfil(&mut self, app: &mut App) {
        use corrections::Request;
        let Some(request) = app.correct.request.take() else { return };
        let (done, follow) = match request {
            Request::Edit(edit, follow) => (self.userlex.correct(&edit), follow),
            Request::Undo(follow) => (self.userlex.undo(), follow),
        };
        match done {
            Ok(done) => {
                let analysis = self.userlex.analyse(app.article.body());
                corrections::reanalysed(app, analysis, follow);
                let undo = if self.userlex.can_undo() { "; u undoes" } else { "" };
                app.correct.notice = Some(format!("{done} (saved{undo})"));
            }
            Err(e) => app.correct.notice = Some(format!("{e:#}")),
        }
    }
}

/// Runs the reader on an article with a session: the analysis comes from the session's
/// user lexicon, the place is restored on opening and saved on quitting.
pub fn run_session(article: Article, mut session: Session) -> anyhow::Result<()> {
    let analysis = session.userlex.analyse(article.body());
    let key = crate::state::article_key(&article.text);
    let mut app = App::new(article, analysis, &session.view);
    if !session.problems.is_empty() {
        app.correct.notice = Some(session.problems.join("\n"));
    }
    let keymap = session.keymap.clone();
    let mut screen = Screen::start(session.view.mouse)?;
    // Sized before the place is restored: the place is a line of the wrapped text.
    resized(&screen, &mut app)?;
    if let Some(place) = session.places.as_ref().and_then(|p| p.get(&key)) {
        crate::state::restore(&mut app, &place);
    }
    let result = event_loop(&mut screen, &mut app, &keymap, &mut |app| session.fulfil(app));
    screen.restore();
    // Never sized (a terminal too small throughout): nothing to save over the old place.
    let sized = !app.layout.is_empty();
    if let Some(places) = session.places.as_ref().filter(|_| sized) {
        if let Err(e) = places.save(&key, crate::state::place_of(&app)) {
            eprintln!("whosaid: the reading position was not saved: {e:#}");
        }
    }
    finish(screen, result)
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
