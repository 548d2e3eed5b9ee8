//! End to end: the real binary in a pseudo-terminal, read back through a terminal
//! emulator (vt100). It opens an article, jumps, searches and quits, and the terminal
//! must be back in cooked mode afterwards.

#![cfg(unix)]

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/samples/summit.txt");

/// The emulated screen, fed by a thread that reads everything the program writes; the
/// raw bytes are kept too, to check what exactly reached the terminal.
struct Screen {
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
}

impl Screen {
    fn contents(&self) -> String {
        self.parser.lock().map(|p| p.screen().contents()).unwrap_or_default()
    }

    fn alternate(&self) -> bool {
        self.parser.lock().unwrap().screen().alternate_screen()
    }

    /// Waits until the screen shows `what` and has stopped changing, so a half-drawn
    /// frame is never asserted on.
    fn wait_for(&self, what: &str) -> String {
        self.wait_until(what, |s| s.contains(what))
    }

    fn wait_until(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut last = String::new();
        loop {
            std::thread::sleep(Duration::from_millis(50));
            let now = self.contents();
            if ok(&now) && now == last {
                return now;
            }
            assert!(Instant::now() < deadline, "timed out waiting for {what}; screen:\n{now}");
            last = now;
        }
    }

    /// Waits for the terminal to be given back: off the alternate screen, mouse
    /// capture off, cursor shown. The last bytes may still be on their way through the
    /// reader thread.
    fn wait_given_back(&self) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let (alt, mouse, hidden) = {
                let p = self.parser.lock().unwrap();
                let s = p.screen();
                (s.alternate_screen(), s.mouse_protocol_mode(), s.hide_cursor())
            };
            if !alt && mouse == vt100::MouseProtocolMode::None && !hidden {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "terminal not given back: alternate screen {alt}, mouse {mouse:?}, cursor \
                 hidden {hidden}:\n{}",
                self.contents()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

fn feed(screen: &Screen, mut out: Box<dyn Read + Send>) {
    let (parser, raw) = (screen.parser.clone(), screen.raw.clone());
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = out.read(&mut buf) {
            if n == 0 {
                break;
            }
            if let Ok(mut p) = parser.lock() {
                p.process(&buf[..n]);
            }
            if let Ok(mut r) = raw.lock() {
                r.extend_from_slice(&buf[..n]);
            }
        }
    });
}

/// A program running in a pseudo-terminal of 120×40.
struct Pty {
    pair: portable_pty::PtyPair,
    child: Box<dyn portable_pty::Child + Send + Sync>,
    screen: Screen,
    keys: Box<dyn Write + Send>,
    _config: tempfile::TempDir,
}

impl Pty {
    /// Runs `program` with `args`, with the built-in keys whatever keymap the machine's
    /// user has, and `env` set.
    fn spawn(program: &str, args: &[&str], env: &[(&str, &str)]) -> Pty {
        let pty = native_pty_system();
        let size = PtySize { rows: 40, cols: 120, pixel_width: 0, pixel_height: 0 };
        let pair = pty.openpty(size).expect("a pseudo-terminal");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        let config = tempfile::tempdir().expect("a temporary directory");
        cmd.env("XDG_CONFIG_HOME", config.path());
        // Nor a reading position saved by an earlier run, nor the user's settings.
        cmd.env("XDG_STATE_HOME", config.path());
        cmd.env_remove("WHOSAID_KEYMAP");
        cmd.env_remove("WHOSAID_CONFIG_DIR");
        cmd.env_remove("WHOSAID_STATE_DIR");
        cmd.env_remove("WHOSAID_DEBUG_PANIC");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("the program starts");
        let (rows, cols) = (NonZeroU16::new(40).unwrap(), NonZeroU16::new(120).unwrap());
        let screen = Screen {
            parser: Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0))),
            raw: Arc::new(Mutex::new(Vec::new())),
        };
        feed(&screen, pair.master.try_clone_reader().expect("pty reader"));
        let keys = pair.master.take_writer().expect("pty writer");
        Pty { pair, child, screen, keys, _config: config }
    }

    /// The reader on `file`.
    fn reader(file: &str, env: &[(&str, &str)]) -> Pty {
        Pty::spawn(env!("CARGO_BIN_EXE_whosaid"), &[file], env)
    }

    fn press(&mut self, k: &str) {
        self.keys.write_all(k.as_bytes()).expect("key sent");
        self.keys.flush().expect("key sent");
    }

    fn pid(&self) -> String {
        self.child.process_id().expect("a process id").to_string()
    }

    fn signal(&self, sig: &str) {
        let st = std::process::Command::new("kill").args(["-s", sig, &self.pid()]).status();
        assert!(st.is_ok_and(|s| s.success()), "kill -s {sig}");
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Some(st) = self.child.try_wait().expect("child status") {
                return st;
            }
            assert!(Instant::now() < deadline, "did not exit:\n{}", self.screen.contents());
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Ctrl-Z to a reader run from the shell: the terminal is given back and the job
    /// stops.
    fn suspend(&mut self) {
        self.press("\x1a");
        self.screen.wait_given_back();
        self.screen.wait_for("Stopped");
        // xterm clears the alternate screen on entering it again; vt100 keeps it, so
        // clear it here as xterm would, or a reader that does not redraw would pass.
        self.screen.parser.lock().unwrap().process(b"\x1b[?1049h\x1b[2J\x1b[?1049l");
    }

    /// Asks stty, in the same terminal, whether it is cooked (canonical, echoing).
    fn assert_cooked(&self) {
        let mut stty = CommandBuilder::new("stty");
        stty.arg("-a");
        let mut probe = self.pair.slave.spawn_command(stty).expect("stty runs");
        probe.wait().expect("stty exits");
        let s = self.screen.wait_for("icanon");
        assert!(s.contains(" icanon") && !s.contains("-icanon"), "canonical mode back:\n{s}");
        assert!(s.contains(" echo ") && !s.contains("-echo "), "echo back:\n{s}");
    }
}

#[test]
fn opens_jumps_searches_and_quits_leaving_the_terminal_cooked() {
    let mut t = Pty::reader(SAMPLE, &[]);
    let s = t.screen.wait_for("? help");
    assert!(s.contains("Danube water talks"), "{s}");
    assert!(t.screen.alternate());

    // Scroll, then search: the status line counts the matches.
    t.press("j");
    t.screen.wait_for("line 2/");
    // The mouse is captured: a wheel turn over the article (SGR report, 1-based cell)
    // scrolls it by three lines.
    let mouse = t.screen.parser.lock().unwrap().screen().mouse_protocol_mode();
    assert_ne!(mouse, vt100::MouseProtocolMode::None);
    t.press("\x1b[<65;60;10M");
    t.screen.wait_for("line 5/");
    t.press("/");
    t.screen.wait_for("Enter search");
    t.press("calendar\r");
    let s = t.screen.wait_for("match 1/");
    assert!(s.contains("\"calendar\""), "{s}");
    t.press("n");
    t.screen.wait_for("match 2/");
    t.press("\x1b");
    t.screen.wait_until("the search to end", |s| !s.contains("match 2/") && s.contains("? help"));
    t.press("?");
    t.screen.wait_for("Keys (any key closes)");
    t.press("k");
    let s = t.screen.wait_until("the help to close", |s| !s.contains("Keys (any"));
    assert!(s.contains("? help"), "{s}");

    t.press("q");
    let status = t.wait_exit();
    assert!(status.success(), "{status:?}");
    t.screen.wait_given_back();
    t.assert_cooked();
}

/// SIGTERM, SIGHUP and SIGINT (sent from outside: in raw mode Ctrl-C is a key) give
/// the terminal back, and the program then dies of the signal as the shell expects.
#[test]
fn ending_signals_give_the_terminal_back() {
    for (sig, name) in [("TERM", "Terminated"), ("HUP", "Hangup"), ("INT", "Interrupt")] {
        let mut t = Pty::reader(SAMPLE, &[]);
        t.screen.wait_for("? help");
        assert!(t.screen.alternate());
        t.signal(sig);
        let status = t.wait_exit();
        assert_eq!(status.signal(), Some(name), "SIG{sig}: {status:?}");
        t.screen.wait_given_back();
        t.assert_cooked();
    }
}

/// Ctrl-C typed in the reader (a key, in raw mode) quits it like q.
#[test]
fn ctrl_c_quits_and_gives_the_terminal_back() {
    let mut t = Pty::reader(SAMPLE, &[]);
    t.screen.wait_for("? help");
    t.press("\x03");
    let status = t.wait_exit();
    assert!(status.success(), "{status:?}");
    t.screen.wait_given_back();
    t.assert_cooked();
}

/// Ctrl-c quits even from a prompt and with `exit` bound to other keys, and `n` past
/// the last match of a search says it went round.
#[test]
fn ctrl_c_quits_whatever_the_keys_and_a_search_says_when_it_wraps() {
    let config = tempfile::tempdir().unwrap();
    std::fs::write(config.path().join("config.toml"), "[keys]\nexit = [\"Q\"]\n").unwrap();
    let dir = config.path().to_str().unwrap().to_owned();
    let mut t = Pty::reader(SAMPLE, &[("WHOSAID_CONFIG_DIR", dir.as_str())]);
    t.screen.wait_for("? help");
    t.press("/");
    t.screen.wait_for("Enter search");
    t.press("calendar\r");
    t.screen.wait_for("match 1/2");
    t.press("n");
    let s = t.screen.wait_for("match 2/2");
    assert!(!s.contains("continuing at"), "{s}");
    t.press("n");
    let s = t.screen.wait_for("search hit BOTTOM, continuing at TOP");
    assert!(s.contains("match 1/2"), "{s}");
    t.press("/");
    t.screen.wait_for("Enter search");
    t.press("\x03");
    let status = t.wait_exit();
    assert!(status.success(), "{status:?}");
    t.screen.wait_given_back();
}

/// The rename prompt in a real terminal: the old name is replaced by typing, Home,
/// Ctrl-w and End edit it as the terminal sends them, Esc cancels without a write.
#[test]
fn the_rename_prompt_edits_as_keys_arrive_from_a_terminal() {
    let mut t = Pty::reader(SAMPLE, &[]);
    t.screen.wait_for("? help");
    t.press("\x1b[Z\x1b[Z");
    t.screen.wait_for("┌Actors 24");
    t.press("c");
    t.screen.wait_for("Correct Danube");
    t.press("r");
    t.screen.wait_for("typing replaces it");
    t.press("Donau");
    t.screen.wait_for("│Donau ");
    t.press("\x1b[H");
    t.press("Die ");
    t.screen.wait_for("│Die Donau ");
    t.press("\x1b[F river\x17\x17");
    let s = t.screen.wait_for("│Die  ");
    assert!(!s.contains("Donau"), "{s}");
    t.press("\x15Danube\x1b[D\x1b[D\x7f");
    t.screen.wait_for("│Danbe ");
    t.press("\x1b");
    t.screen.wait_until("the prompt to close", |s| !s.contains("Rename Danube"));
    t.press("q");
    assert!(t.wait_exit().success());
}

/// --color decides the reader's colours too: never leaves them out (bold and underline
/// stay), always keeps them under NO_COLOR.
#[test]
fn color_never_and_always_reach_the_reader() {
    let bin = env!("CARGO_BIN_EXE_whosaid");
    for (when, env, coloured) in [("never", "", false), ("always", "1", true), ("auto", "1", false)]
    {
        let mut t = Pty::spawn(bin, &["--color", when, SAMPLE], &[("NO_COLOR", env)]);
        t.screen.wait_for("? help");
        t.press("q");
        t.wait_exit();
        let raw = String::from_utf8_lossy(&t.screen.raw.lock().unwrap()).into_owned();
        assert_eq!(raw.contains("38;2;"), coloured, "--color {when}, NO_COLOR={env:?}");
        assert!(raw.contains("\x1b[1m") || raw.contains(";1m") || raw.contains("[1;"), "{when}");
    }
}

/// A panic inside the event loop (forced by a hook that only debug builds have) still
/// gives the terminal back, and the panic message is readable on it.
#[test]
fn a_panic_gives_the_terminal_back() {
    let mut t = Pty::reader(SAMPLE, &[("WHOSAID_DEBUG_PANIC", "1"), ("RUST_BACKTRACE", "0")]);
    t.screen.wait_for("? help");
    t.press("j");
    let status = t.wait_exit();
    assert!(!status.success(), "{status:?}");
    t.screen.wait_given_back();
    let s = t.screen.wait_for("panicked");
    assert!(s.contains("WHOSAID_DEBUG_PANIC"), "{s}");
    t.assert_cooked();
}

/// Ctrl-Z in an interactive shell: the reader gives the terminal back and stops, the
/// shell has a cooked terminal, and `fg` brings the reader back fully redrawn. Run
/// directly, and under a wrapper (as `cargo run` or a script would run it): the whole
/// job must stop, or the shell would never get the terminal back.
#[test]
fn ctrl_z_suspends_and_fg_resumes_with_a_full_redraw() {
    let bin = env!("CARGO_BIN_EXE_whosaid");
    let mut t = Pty::spawn("bash", &["--norc", "--noprofile", "-i"], &[("PS1", "$ ")]);
    t.screen.wait_for("$ ");
    // Each run with a fresh state directory: the first run's saved reading place would
    // otherwise open the second one further down.
    let fresh = "WHOSAID_STATE_DIR=$(mktemp -d)";
    for command in
        [format!("{fresh} {bin} {SAMPLE}"), format!("{fresh} sh -c '{bin} {SAMPLE}; true'")]
    {
        t.press(&format!("clear; {command}\r"));
        t.screen.wait_for("? help");
        t.press("j");
        t.screen.wait_for("line 2/");
        t.suspend();
        t.press("stty -a\r");
        let s = t.screen.wait_for("icanon");
        assert!(s.contains(" icanon") && !s.contains("-icanon"), "canonical mode:\n{s}");
        t.press("clear; fg\r");
        // A full frame, not ratatui's diff against what it drew before the stop (which
        // would draw nothing): the panes, the text and the position are all back.
        let s = t.screen.wait_for("? help");
        assert!(t.screen.alternate());
        for part in ["Actors", "Quotes", "Danube water talks", "line 2/"] {
            assert!(s.contains(part), "{part} missing after fg ({command}):\n{s}");
        }
        t.press("q");
        t.screen.wait_given_back();
        t.screen.wait_for("$ ");
    }
    t.press("exit\r");
    let status = t.wait_exit();
    assert!(status.success(), "{status:?}");
}

/// Ctrl-Z in the Library, then `fg`: the list comes back whole. vt100 answers no
/// query of the cursor's position, like some terminals, so a reader that asked for it
/// on resuming (`Terminal::clear` does) would end here instead. Then Enter opens an
/// article, q goes back to the list, and q there quits.
#[test]
fn ctrl_z_in_the_library_resumes_where_the_terminal_answers_no_queries() {
    let bin = env!("CARGO_BIN_EXE_whosaid");
    let lib = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/library");
    let mut t = Pty::spawn("bash", &["--norc", "--noprofile", "-i"], &[("PS1", "$ ")]);
    t.screen.wait_for("$ ");
    t.press(&format!("clear; WHOSAID_STATE_DIR=$(mktemp -d) {bin} {lib}\r"));
    t.screen.wait_until("the list analysed", |s| {
        s.contains("Library: 3 articles") && !s.contains("analysing")
    });
    t.press("j");
    std::thread::sleep(Duration::from_millis(100));
    t.suspend();
    t.press("clear; fg\r");
    let s = t.screen.wait_for("Library: 3 articles");
    assert!(t.screen.alternate(), "back in the reader:\n{s}");
    for part in ["Putin and Erdogan meet in Sochi", "Kremlin welcomes grain deal", "q quit"] {
        assert!(s.contains(part), "{part} missing after fg:\n{s}");
    }
    t.press("\r");
    let s = t.screen.wait_for("? help");
    assert!(s.contains("Actors") && s.contains("Quotes"), "an article opened:\n{s}");
    t.press("q");
    t.screen.wait_until("back in the list", |s| s.contains("Library: 3 articles"));
    t.press("q");
    t.screen.wait_given_back();
    t.screen.wait_for("$ ");
    t.press("exit\r");
    assert!(t.wait_exit().success());
}

/// A stop the reader did not ask for (SIGSTOP), during which something else writes on
/// the terminal: SIGCONT redraws the whole screen.
#[test]
fn sigcont_redraws_the_whole_screen() {
    let mut t = Pty::reader(SAMPLE, &[]);
    t.screen.wait_for("? help");
    t.signal("STOP");
    // Another program clears the screen while the reader is stopped.
    t.screen.parser.lock().unwrap().process(b"\x1b[2J");
    assert!(!t.screen.contents().contains("? help"));
    t.signal("CONT");
    let s = t.screen.wait_for("? help");
    assert!(s.contains("Actors") && s.contains("Danube water talks"), "{s}");
    t.press("q");
    assert!(t.wait_exit().success());
    t.screen.wait_given_back();
}

/// The bytes the reader wrote for an article of hostile text, through every pane, a
/// search and the help: only whosaid's own control sequences (CSI: cursor moves, SGR
/// colours, modes), never an OSC (title, clipboard), DCS or other escape, no BEL, no C1
/// control, no bidi override; and the article's escapes are on screen as marks.
#[test]
fn hostile_text_reaches_the_terminal_only_as_marks() {
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/hostile");
    let csi = regex::Regex::new(r"^\x1b\[[0-?]*[ -/]*[@-~]").unwrap();
    for (name, shown, marks) in [
        (
            "escapes.txt",
            &["␛]52;c;ZWNobyBwd25lZA==␇", "␛[2J␛[H", "␛]0;pwned␇", "␛[31mred␛[0m"][..],
            1,
        ),
        ("bidi.txt", &["evil", "isolate"][..], 4),
    ] {
        let mut t = Pty::reader(&format!("{fixtures}/{name}"), &[]);
        let s = t.screen.wait_for("? help");
        for part in shown {
            assert!(s.contains(part), "{name}: {part} not shown:\n{s}");
        }
        // (vt100 keeps U+FFFD out of its screen contents: count it in the bytes.)
        let raw = t.screen.raw.lock().unwrap().clone();
        let n = String::from_utf8_lossy(&raw).matches('\u{fffd}').count();
        assert!(n >= marks, "{name}: {n} replacement marks drawn");
        for k in ["\t", "\t", "\t", "\t", "/", "e", "\r", "n", "?", "k", "]", "j"] {
            t.press(k);
            std::thread::sleep(Duration::from_millis(30));
        }
        t.press("q");
        assert!(t.wait_exit().success());
        t.screen.wait_given_back();
        let raw = t.screen.raw.lock().unwrap().clone();
        let out = String::from_utf8(raw).expect("UTF-8 output");
        let bad: Vec<char> = out
            .chars()
            .filter(|&c| {
                (c.is_control() && !matches!(c, '\x1b' | '\r' | '\n'))
                    || (c != '\x1b' && whosaid::source::sanitize::is_unsafe(c) && c != '\n')
            })
            .collect();
        assert_eq!(bad, Vec::<char>::new(), "{name}: raw controls written");
        // Every ESC starts a CSI sequence: ESC [ parameters intermediates final.
        for (i, _) in out.match_indices('\x1b') {
            let m = csi.find(&out[i..]);
            assert!(m.is_some(), "{name}: not a CSI: {:?}", &out[i..(i + 12).min(out.len())]);
        }
    }
}

/// SIGQUIT ends the reader like the others: the terminal is given back first.
#[test]
fn sigquit_gives_the_terminal_back() {
    let mut t = Pty::reader(SAMPLE, &[]);
    t.screen.wait_for("? help");
    t.signal("QUIT");
    let status = t.wait_exit();
    assert!(status.signal().is_some_and(|s| s.starts_with("Quit")), "{status:?}");
    t.screen.wait_given_back();
    t.assert_cooked();
    // Given back once: one leave of the alternate screen, however the end was reached.
    let raw = t.screen.raw.lock().unwrap().clone();
    let leaves = String::from_utf8_lossy(&raw).matches("\x1b[?1049l").count();
    assert_eq!(leaves, 1, "the terminal was given back {leaves} times");
}

/// A correction while another whosaid holds the lexicon's lock: the reader says it is
/// waiting and goes on answering keys and signals; Esc cancels, and once the lock is
/// free the correction is saved.
#[test]
fn a_correction_waiting_for_the_lexicon_says_so_and_answers_esc_and_signals() {
    let config = tempfile::tempdir().unwrap();
    let dir = config.path().to_str().unwrap().to_owned();
    let lock = std::fs::File::create(config.path().join("lexicon.toml.lock")).unwrap();
    fs4::FileExt::lock(&lock).unwrap();
    let env = [("WHOSAID_CONFIG_DIR", dir.as_str())];
    let correct = |t: &mut Pty| {
        t.press("c");
        t.screen.wait_for("change its kind");
        t.press("k");
        t.screen.wait_for("place (location)");
        t.press("l");
    };

    let mut t = Pty::reader(SAMPLE, &env);
    t.screen.wait_for("? help");
    correct(&mut t);
    t.screen.wait_for("waiting for lexicon.toml (held by another whosaid)");
    // Still answering: Esc cancels the correction, nothing is written.
    t.press("\x1b");
    t.screen.wait_for("correction cancelled");
    assert!(!config.path().join("lexicon.toml").exists());
    // Waiting again, the first SIGTERM ends it, the terminal given back.
    correct(&mut t);
    t.screen.wait_for("waiting for lexicon.toml");
    t.signal("TERM");
    let status = t.wait_exit();
    assert_eq!(status.signal(), Some("Terminated"), "{status:?}");
    t.screen.wait_given_back();
    t.assert_cooked();

    // The lock freed while it waits: the correction goes through.
    let mut t = Pty::reader(SAMPLE, &env);
    t.screen.wait_for("? help");
    correct(&mut t);
    t.screen.wait_for("waiting for lexicon.toml");
    fs4::FileExt::unlock(&lock).unwrap();
    t.screen.wait_for("(saved; u undoes)");
    assert!(std::fs::read_to_string(config.path().join("lexicon.toml")).unwrap().contains("place"));
    t.press("q");
    assert!(t.wait_exit().success());
}

/// A config and a lexicon whose unknown keys are an escape sequence and a bidi
/// override: the reader's notice names them, shown, never obeyed.
#[test]
fn a_hostile_config_key_reaches_the_reader_only_as_marks() {
    let config = tempfile::tempdir().unwrap();
    let key = "\"\\u202Eevil\\u001B]2;PWNED\\u0007\\u009B2J\" = 1\n";
    std::fs::write(config.path().join("config.toml"), key).unwrap();
    std::fs::write(config.path().join("lexicon.toml"), key.replace("evil", "lexi")).unwrap();
    let dir = config.path().to_str().unwrap().to_owned();
    let mut t = Pty::reader(SAMPLE, &[("WHOSAID_CONFIG_DIR", dir.as_str())]);
    t.screen.wait_for("lexi");
    t.press("q");
    t.press("q");
    t.wait_exit();
    let raw = t.screen.raw.lock().unwrap().clone();
    let out = String::from_utf8_lossy(&raw);
    for bad in ['\u{202e}', '\u{7}', '\u{9b}'] {
        assert!(!out.contains(bad), "{bad:?} reached the terminal");
    }
    assert!(!out.contains("\u{1b}]2;"), "an OSC reached the terminal");
}

/// Standard base64 decoding, for reading back what an OSC 52 sequence carries.
fn unbase64(s: &str) -> Vec<u8> {
    const ABC: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let vals: Vec<u32> =
        s.bytes().filter(|&b| b != b'=').map(|b| ABC.find(b as char).unwrap() as u32).collect();
    let mut out = Vec::new();
    for c in vals.chunks(4) {
        let n = c.iter().enumerate().fold(0, |n, (k, v)| n | v << (18 - 6 * k));
        out.extend_from_slice(&n.to_be_bytes()[1..c.len()]);
    }
    out
}

/// `y` on a quote sends the terminal an OSC 52 sequence whose base64 payload is the
/// quote with its speaker and the article; `Y` the whole sheet. Nothing of the quote
/// reaches the terminal raw inside it.
#[test]
fn y_copies_the_quote_through_osc_52() {
    let mut t = Pty::reader(SAMPLE, &[]);
    t.screen.wait_for("? help");
    t.press("]");
    t.screen.wait_for("quote 1/");
    t.press("y");
    t.screen.wait_for("copied quote 1/");
    let raw = String::from_utf8_lossy(&t.screen.raw.lock().unwrap()).into_owned();
    let start = raw.find("\x1b]52;c;").expect("an OSC 52 sequence was written") + 7;
    let end = start + raw[start..].find('\x07').expect("ended by BEL");
    let payload = &raw[start..end];
    assert!(payload.bytes().all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b)));
    let copied = String::from_utf8(unbase64(payload)).expect("UTF-8");
    assert_eq!(
        copied,
        "\"We came here to leave with a plan, and we are leaving with a calendar,\" said \
         Leonore Gewessler (Austrian Environment Minister) — Danube water talks end without \
         deal as drought deepens, "
            .to_owned()
            + SAMPLE
    );
    t.press("Y");
    t.screen.wait_for("copied the 8 quotes as Markdown");
    let raw = String::from_utf8_lossy(&t.screen.raw.lock().unwrap()).into_owned();
    let start = raw.rfind("\x1b]52;c;").unwrap() + 7;
    let end = start + raw[start..].find('\x07').unwrap();
    let sheet = String::from_utf8(unbase64(&raw[start..end])).unwrap();
    assert!(sheet.starts_with("# Quotes: Danube water talks"), "{sheet}");
    assert!(sheet.contains("## Mircea Fechet (Romania's Minister of Waters and Forests) · 2"));
    t.press("q");
    t.wait_exit();
}

/// A saved page's links in a real terminal: `)` steps to the next one with its address
/// in the status line, and `o` hands that address to `$BROWSER` as one argument (the
/// shell's `$(…)` in it stays text); with no link at hand `o` is the page's address.
#[test]
fn the_link_keys_show_a_links_address_and_o_opens_it() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let page = dir.path().join("bridge.html");
    let planted = dir.path().join("planted");
    let para = "<p>The council closed the harbour bridge to lorries on Tuesday, after \
                engineers found cracks in two of its piers and the mayor said so.</p>";
    std::fs::write(
        &page,
        format!(
            "<html><head><title>Bridge closes</title>\
             <link rel=\"canonical\" href=\"https://news.example.com/local/bridge.html\"></head>\
             <body><article><h1>Bridge closes</h1>{para}\
             <p>Read <a href=\"/docs/report.pdf\">the engineers' report</a> and \
             <a href=\"https://example.org/a$(touch {})b\">the plan</a> online now.</p>\
             {para}{para}</article></body></html>",
            planted.display()
        ),
    )
    .unwrap();
    let opened = dir.path().join("opened.txt");
    let browser = dir.path().join("browser.sh");
    let script = format!("#!/bin/sh\nprintf '%s\\n' \"$#\" \"$@\" > {}\n", opened.display());
    std::fs::write(&browser, script).unwrap();
    std::fs::set_permissions(&browser, std::os::unix::fs::PermissionsExt::from_mode(0o755))
        .unwrap();
    let mut t = Pty::reader(page.to_str().unwrap(), &[("BROWSER", browser.to_str().unwrap())]);
    t.screen.wait_for("? help");
    t.press(")");
    t.screen.wait_for("link 1/2 · https://news.example.com/docs/report.pdf");
    t.press(")");
    let s = t.screen.wait_for("link 2/2 · https://example.org/a$(touch");
    assert!(!s.contains("link 1/2"), "{s}");
    t.press("o");
    let deadline = Instant::now() + Duration::from_secs(10);
    let got = loop {
        let got = std::fs::read_to_string(&opened).unwrap_or_default();
        if got.lines().count() == 2 {
            break got;
        }
        assert!(Instant::now() < deadline, "the browser was not started: {got:?}");
        std::thread::sleep(Duration::from_millis(50));
    };
    let mut lines = got.lines();
    assert_eq!(lines.next(), Some("1"), "one argument");
    let arg = lines.next().unwrap();
    assert!(arg.starts_with("https://example.org/a$(touch") && arg.ends_with(")b"), "{arg}");
    assert!(!planted.exists(), "no shell ran the address");
    // Esc puts the link away: o then opens the page's own address, which this saved
    // page does not give (its canonical link is a base for links, not its source).
    t.press("\x1b");
    t.screen.wait_until("the link put away", |s| !s.contains("link 2/2"));
    t.press("o");
    t.screen.wait_for("this article has no web address");
    t.press("q");
    assert!(t.wait_exit().success());
}
