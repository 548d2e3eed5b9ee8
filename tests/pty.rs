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

/// The emulated screen, fed by a thread that reads everything the program writes.
struct Screen {
    parser: Arc<Mutex<vt100::Parser>>,
}

impl Screen {
    fn contents(&self) -> String {
        self.parser.lock().map(|p| p.screen().contents()).unwrap_or_default()
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
}

fn feed(parser: Arc<Mutex<vt100::Parser>>, mut out: Box<dyn Read + Send>) {
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = out.read(&mut buf) {
            if n == 0 {
                break;
            }
            if let Ok(mut p) = parser.lock() {
                p.process(&buf[..n]);
            }
        }
    });
}

#[test]
fn opens_jumps_searches_and_quits_leaving_the_terminal_cooked() {
    let pty = native_pty_system();
    let size = PtySize { rows: 40, cols: 120, pixel_width: 0, pixel_height: 0 };
    let pair = pty.openpty(size).expect("a pseudo-terminal");
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_whosaid"));
    cmd.arg(SAMPLE);
    cmd.env("TERM", "xterm-256color");
    // The built-in keys, whatever keymap the machine's user has.
    let config = tempfile::tempdir().expect("a temporary directory");
    cmd.env("XDG_CONFIG_HOME", config.path());
    // Nor a reading position saved by an earlier run.
    cmd.env("XDG_STATE_HOME", config.path());
    cmd.env_remove("WHOSAID_KEYMAP");
    cmd.env_remove("WHOSAID_CONFIG_DIR");
    cmd.env_remove("WHOSAID_STATE_DIR");
    let mut child = pair.slave.spawn_command(cmd).expect("the binary starts");
    let (rows, cols) = (NonZeroU16::new(40).unwrap(), NonZeroU16::new(120).unwrap());
    let parser = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
    feed(parser.clone(), pair.master.try_clone_reader().expect("pty reader"));
    let screen = Screen { parser };
    let mut keys = pair.master.take_writer().expect("pty writer");
    let mut press = |k: &str| {
        keys.write_all(k.as_bytes()).expect("key sent");
        keys.flush().expect("key sent");
    };

    let s = screen.wait_for("? help");
    assert!(s.contains("Danube water talks"), "{s}");
    assert!(screen.parser.lock().unwrap().screen().alternate_screen());

    // Scroll, then search: the status line counts the matches.
    press("j");
    screen.wait_for("line 2/");
    // The mouse is captured: a wheel turn over the article (SGR report, 1-based cell)
    // scrolls it by three lines.
    let mouse = screen.parser.lock().unwrap().screen().mouse_protocol_mode();
    assert_ne!(mouse, vt100::MouseProtocolMode::None);
    press("\x1b[<65;60;10M");
    screen.wait_for("line 5/");
    press("/");
    screen.wait_for("Enter search");
    press("calendar\r");
    let s = screen.wait_for("match 1/");
    assert!(s.contains("\"calendar\""), "{s}");
    press("n");
    screen.wait_for("match 2/");
    press("\x1b");
    screen.wait_until("the search to end", |s| !s.contains("match 2/") && s.contains("? help"));
    press("?");
    screen.wait_for("Keys (any key closes)");
    press("k");
    let s = screen.wait_until("the help to close", |s| !s.contains("Keys (any"));
    assert!(s.contains("? help"), "{s}");

    press("q");
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(st) = child.try_wait().expect("child status") {
            break st;
        }
        assert!(Instant::now() < deadline, "q did not quit:\n{}", screen.contents());
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status:?}");
    // The last bytes may still be on their way through the reader thread.
    let deadline = Instant::now() + Duration::from_secs(20);
    while screen.parser.lock().unwrap().screen().alternate_screen() {
        assert!(Instant::now() < deadline, "the alternate screen was not left");
        std::thread::sleep(Duration::from_millis(50));
    }
    let mouse = screen.parser.lock().unwrap().screen().mouse_protocol_mode();
    assert_eq!(mouse, vt100::MouseProtocolMode::None, "mouse capture was turned off");

    // The terminal the reader ran in is cooked again: ask stty in the same terminal.
    let mut stty = CommandBuilder::new("stty");
    stty.arg("-a");
    let mut probe = pair.slave.spawn_command(stty).expect("stty runs");
    probe.wait().expect("stty exits");
    let s = screen.wait_for("icanon");
    assert!(s.contains(" icanon") && !s.contains("-icanon"), "canonical mode back:\n{s}");
    assert!(s.contains(" echo ") && !s.contains("-echo "), "echo back:\n{s}");
}
