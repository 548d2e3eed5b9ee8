//! The terminal the reader runs in: taking it over, and giving it back on every way out.
//!
//! The reader puts the terminal in raw mode, on the alternate screen, with the mouse
//! captured. A reader that dies and leaves it so loses the user's trust at once, so the
//! terminal is given back the same way whatever ends the reader: quitting, an error, a
//! panic (a panic hook), SIGTERM, SIGHUP, SIGINT or SIGQUIT (signal-hook flags that the
//! event loop checks, after which the process dies of the same signal as the shell
//! expects). A second ending signal, sent because the first was not acted on (the loop
//! stuck in a huge wrap), gives the terminal back from the signal handler itself, with
//! async-signal-safe calls only (write, tcsetattr, _exit). The terminal is given back
//! once, however many of these ways are taken. Ctrl-Z
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
use signal_hook::consts::{SIGCONT, SIGHUP, SIGQUIT};
use signal_hook::consts::{SIGINT, SIGTERM};
use signal_hook::{SigId, flag, low_level};
use std::io::{self, Stdout};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::Duration;

/// The signals after which the reader gives the terminal back and ends.
#[cfg(unix)]
const ENDING: &[i32] = &[SIGTERM, SIGHUP, SIGINT, SIGQUIT];
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
    /// Whether the terminal is taken over now: giving it back clears it, so that it is
    /// given back once (and the panic hook after a restore does nothing).
    active: Arc<AtomicBool>,
    ids: Vec<SigId>,
}

impl Screen {
    /// Takes the terminal over: signal flags first, so no signal can leave a raw
    /// terminal behind, then the panic hook, then raw mode and the alternate screen.
    pub fn start(mouse: bool) -> io::Result<Screen> {
        let ending = Arc::new(AtomicUsize::new(0));
        let ended = Arc::new(AtomicBool::new(false));
        let continued = Arc::new(AtomicBool::new(false));
        let active = Arc::new(AtomicBool::new(false));
        let mut ids = Vec::new();
        #[cfg(unix)]
        let cooked = Arc::new(emergency::Cooked::now());
        for &sig in ENDING {
            // Registered before the flag, so that it sees the flag of an earlier signal.
            #[cfg(unix)]
            {
                let (ended, active, cooked) = (ended.clone(), active.clone(), cooked.clone());
                // SAFETY: the action only loads atomics and makes async-signal-safe
                // system calls (write, tcsetattr, _exit); it allocates nothing.
                ids.push(unsafe {
                    low_level::register(sig, move || {
                        if ended.load(Ordering::SeqCst) {
                            if active.swap(false, Ordering::SeqCst) {
                                cooked.give_back(mouse);
                            }
                            low_level::exit(128 + sig);
                        }
                    })
                }?);
            }
            #[cfg(not(unix))]
            ids.push(flag::register_conditional_shutdown(sig, 128 + sig, ended.clone())?);
            ids.push(flag::register_usize(sig, ending.clone(), sig as usize)?);
            ids.push(flag::register(sig, ended.clone())?);
        }
        #[cfg(unix)]
        ids.push(flag::register(SIGCONT, continued.clone())?);
        let previous = std::panic::take_hook();
        let hook_active = active.clone();
        std::panic::set_hook(Box::new(move |info| {
            if hook_active.swap(false, Ordering::SeqCst) {
                restore(mouse);
            }
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
        let mut session = Screen { terminal, mouse, ending, ended, continued, active, ids };
        if let Err(e) = session.enter() {
            session.restore();
            return Err(e);
        }
        Ok(session)
    }

    fn enter(&mut self) -> io::Result<()> {
        self.active.store(true, Ordering::SeqCst);
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
        if self.active.swap(false, Ordering::SeqCst) {
            restore(self.mouse);
        }
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

/// Giving the terminal back from a signal handler, where crossterm (which locks and
/// allocates) must not be called.
#[cfg(unix)]
mod emergency {
    use rustix::fd::{AsFd, BorrowedFd, OwnedFd};
    use rustix::termios::{OptionalActions, Termios, tcgetattr, tcsetattr};

    /// What crossterm's restore writes: mouse reports off (as `DisableMouseCapture`),
    /// the main screen back, the cursor shown.
    const MOUSE_OFF: &[u8] = b"\x1b[?1006l\x1b[?1015l\x1b[?1003l\x1b[?1002l\x1b[?1000l";
    const SCREEN_BACK: &[u8] = b"\x1b[?1049l\x1b[?25h";

    /// The terminal's cooked settings, taken before raw mode, and the terminal they are
    /// of: standard input when it is one, else /dev/tty (as crossterm chooses).
    pub struct Cooked {
        tty: Option<(Option<OwnedFd>, Termios)>,
    }

    impl Cooked {
        pub fn now() -> Cooked {
            let stdin = rustix::stdio::stdin();
            let tty = if rustix::termios::isatty(stdin) {
                tcgetattr(stdin).ok().map(|t| (None, t))
            } else {
                std::fs::File::open("/dev/tty")
                    .ok()
                    .map(OwnedFd::from)
                    .and_then(|fd| tcgetattr(&fd).ok().map(|t| (Some(fd), t)))
            };
            Cooked { tty }
        }

        /// Undoes what the reader did to the terminal. Async-signal-safe.
        pub fn give_back(&self, mouse: bool) {
            let out = rustix::stdio::stdout();
            if mouse {
                let _ = rustix::io::write(out, MOUSE_OFF);
            }
            let _ = rustix::io::write(out, SCREEN_BACK);
            if let Some((fd, termios)) = &self.tty {
                let fd: BorrowedFd<'_> = match fd {
                    Some(fd) => fd.as_fd(),
                    None => rustix::stdio::stdin(),
                };
                let _ = tcsetattr(fd, OptionalActions::Now, termios);
            }
        }
    }
}
