//! The terminal the reader runs in: taking it over, and giving it back on every way out.
//!
//! The reader puts the terminal in raw mode, on the alternate screen, with the mouse
//! captured. A reader that dies and leaves it so loses the user's trust at once, so the
//! terminal is given back the same way whatever ends the reader: quitting, an error, a
//! panic (a panic hook), SIGTERM, SIGHUP or SIGINT (signal-hook flags that the event loop
//! checks, after which the process dies of the same signal as the shell expects). Ctrl-Z
//! hands the terminal back to the shell and stops the process; `fg` resumes it with a
//! full redraw, as does a SIGCONT after any other stop.

use crossterm::cursor::Show;
use crossterm::event::{self, DisableMouseCapture, EnableMouseCapture, Event};
use crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::Terminal;
use ratatui::prelude::CrosstermBackend;
#[cfg(unix)]
use signal_hook::consts::{SIGCONT, SIGHUP};
use signal_hook::consts::{SIGINT, SIGTERM};
use signal_hook::{SigId, flag, low_level};
use std::io::{self, Stdout};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

/// The signals after which the reader gives the terminal back and ends.
#[cfg(unix)]
const ENDING: &[i32] = &[SIGTERM, SIGHUP, SIGINT];
#[cfg(not(unix))]
const ENDING: &[i32] = &[SIGTERM, SIGINT];

/// How often a wait for a key looks at the signal flags. Signals do not wake crossterm's
/// event wait (it retries on EINTR), so the wait is cut into slices this long.
const SIGNAL_CHECK: Duration = Duration::from_millis(100);

/// What woke the event loop.
#[derive(Debug)]
pub enum Wake {
    Event(Event),
    /// The process was stopped and continued: the screen must be drawn anew.
    Continued,
    /// An ending signal arrived: give the terminal back, then [`Screen::die`].
    Signal(i32),
}

/// The terminal, taken over for the reader, with the signal flags it watches. Dropping
/// it does not give the terminal back; [`Screen::restore`] does, and is safe to repeat.
pub struct Screen {
    pub terminal: Terminal<CrosstermBackend<Stdout>>,
    mouse: bool,
    /// The ending signal received, or 0.
    ending: Arc<AtomicUsize>,
    /// Set with `ending`: a second ending signal kills the process at once, in case the
    /// loop is stuck (a huge wrap) and never looks at the flags.
    ended: Arc<AtomicBool>,
    continued: Arc<AtomicBool>,
    ids: Vec<SigId>,
}

impl Screen {
    /// Takes the terminal over: signal flags first, so no signal can leave a raw
    /// terminal behind, then the panic hook, then raw mode and the alternate screen.
    pub fn start(mouse: bool) -> io::Result<Screen> {
        let ending = Arc::new(AtomicUsize::new(0));
        let ended = Arc::new(AtomicBool::new(false));
        let continued = Arc::new(AtomicBool::new(false));
        let mut ids = Vec::new();
        for &sig in ENDING {
            // Registered before the flag, so that it sees the flag of an earlier signal.
            ids.push(flag::register_conditional_shutdown(sig, 128 + sig, ended.clone())?);
            ids.push(flag::register_usize(sig, ending.clone(), sig as usize)?);
            ids.push(flag::register(sig, ended.clone())?);
        }
        #[cfg(unix)]
        ids.push(flag::register(SIGCONT, continued.clone())?);
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore(mouse);
            previous(info);
        }));
        let terminal = match Terminal::new(CrosstermBackend::new(io::stdout())) {
            Ok(t) => t,
            Err(e) => {
                for id in ids {
                    low_level::unregister(id);
                }
                return Err(e);
            }
        };
        let mut session = Screen { terminal, mouse, ending, ended, continued, ids };
        if let Err(e) = session.enter() {
            session.restore();
            return Err(e);
        }
        Ok(session)
    }

    fn enter(&mut self) -> io::Result<()> {
        enable_raw_mode()?;
        crossterm::execute!(io::stdout(), EnterAlternateScreen)?;
        if self.mouse {
            crossterm::execute!(io::stdout(), EnableMouseCapture)?;
        }
        // Whatever is on the screen now is not what ratatui last drew: clear it, and
        // draw the next frame against a blank one. (`Terminal::clear` would do both but
        // asks the terminal where the cursor is, and not every terminal answers.)
        crossterm::execute!(io::stdout(), Clear(ClearType::All))?;
        self.terminal = Terminal::new(CrosstermBackend::new(io::stdout()))?;
        Ok(())
    }

    /// Gives the terminal back as it was. Errors are ignored: after a SIGHUP there is no
    /// terminal to write to, and nothing better to do.
    pub fn restore(&self) {
        restore(self.mouse);
    }

    /// Waits for the next thing the loop must act on.
    pub fn wait(&self) -> io::Result<Wake> {
        loop {
            if let Some(w) = self.signalled() {
                return Ok(w);
            }
            if event::poll(SIGNAL_CHECK)? {
                return event::read().map(Wake::Event);
            }
        }
    }

    /// The next event if one is waiting already, or a signal's wake.
    pub fn ready(&self) -> io::Result<Option<Wake>> {
        if let Some(w) = self.signalled() {
            return Ok(Some(w));
        }
        if event::poll(Duration::ZERO)? {
            event::read().map(|e| Some(Wake::Event(e)))
        } else {
            Ok(None)
        }
    }

    /// The ending signal received, if any.
    pub fn pending(&self) -> Option<i32> {
        match self.ending.load(Ordering::SeqCst) {
            0 => None,
            sig => Some(sig as i32),
        }
    }

    fn signalled(&self) -> Option<Wake> {
        match self.pending() {
            Some(sig) => Some(Wake::Signal(sig)),
            None if self.continued.swap(false, Ordering::SeqCst) => Some(Wake::Continued),
            None => None,
        }
    }

    /// Ctrl-Z: gives the terminal to the shell and stops (SIGTSTP to the whole process
    /// group, as the terminal itself does outside raw mode, so that a wrapper such as
    /// `cargo run` or a shell script stops too and the shell sees the job stop); once
    /// continued, takes the terminal back.
    ///
    /// N.B. The kernel discards SIGTSTP in a process group no shell controls (an
    /// orphaned group, where nothing could ever continue it). Then the reader just goes on.
    pub fn suspend(&mut self) -> io::Result<()> {
        self.restore();
        #[cfg(unix)]
        rustix::process::kill_current_process_group(rustix::process::Signal::TSTP)?;
        self.resume()
    }

    /// Takes the terminal back after a stop, whatever the shell did to it meanwhile,
    /// and makes the next frame a full one.
    pub fn resume(&mut self) -> io::Result<()> {
        self.continued.store(false, Ordering::SeqCst);
        // Raw mode is only entered from cooked: crossterm keeps the mode it found.
        let _ = disable_raw_mode();
        self.enter()
    }

    /// Ends the process by `sig` as its default action would, once the terminal is
    /// restored, so the shell sees how it ended (status 128 + sig).
    pub fn die(self, sig: i32) -> ! {
        self.restore();
        for id in &self.ids {
            low_level::unregister(*id);
        }
        let _ = low_level::emulate_default_handler(sig);
        // Only if the signal could not be raised.
        std::process::exit(128 + sig);
    }
}

impl Drop for Screen {
    fn drop(&mut self) {
        for id in self.ids.drain(..) {
            low_level::unregister(id);
        }
        self.ended.store(false, Ordering::SeqCst);
    }
}

fn restore(mouse: bool) {
    let mut out = io::stdout();
    if mouse {
        let _ = crossterm::execute!(out, DisableMouseCapture);
    }
    let _ = crossterm::execute!(out, LeaveAlternateScreen, Show);
    let _ = disable_raw_mode();
}
