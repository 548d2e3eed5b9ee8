//! End to end: `whosaid --feeds` in a pseudo-terminal, its config pointing at a server
//! the test starts on 127.0.0.1. The Library lists the items, new ones marked, while a
//! summary-only item's story is still being fetched (the list usable meanwhile); Enter
//! opens one with its URL in the status line, `o` hands the URL to $BROWSER, `L` goes
//! back with the item marked read, and the mark is kept in the state directory; `r`
//! loads the feed again, asking the server with the cached copy's ETag.

#![cfg(unix)]

mod support;

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use support::{Reply, serve};

fn story(n: usize, who: &str) -> String {
    format!(
        "<p>\"We will reopen the line by Friday,\" said {who}, who runs the rail company in \
         the north of the country.</p>{}",
        format!("<p>Engineers worked through the night on section {n} of the track.</p>")
            .repeat(30)
    )
}

#[test]
fn feeds_open_the_library_an_item_and_back() {
    // The cranes story is held back until the test lets it go (drops the sender).
    let (release, held) = std::sync::mpsc::channel::<()>();
    let held = Mutex::new(held);
    let revalidated = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let seen = Arc::clone(&revalidated);
    let base = Arc::new(std::sync::OnceLock::<String>::new());
    let b = Arc::clone(&base);
    let server = serve(move |asked| match asked.path.as_str() {
        "/wire.xml" if asked.header("if-none-match") == Some("\"w1\"") => {
            seen.store(true, std::sync::atomic::Ordering::SeqCst);
            Reply::status(304).header("ETag", "\"w1\"")
        }
        "/cranes" => {
            let _ = held.lock().unwrap().recv_timeout(Duration::from_secs(60));
            Reply::ok(
                "text/html",
                format!(
                    "<html><head><title>Harbour cranes idle</title></head><body><article>\
                     <h1>Harbour cranes idle</h1>{}</article></body></html>",
                    story(3, "Signe Dahl").replace("rail company", "crane operator")
                ),
            )
        }
        "/wire.xml" => Reply::ok(
            "application/rss+xml",
            format!(
                "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">\
                 <channel><title>Rail Wire</title>\
                 <item><title>Harbour cranes idle</title><link>{}/cranes</link>\
                 <pubDate>Wed, 11 Mar 2026 09:00:00 GMT</pubDate>\
                 <description>Cranes stopped.</description></item>\
                 <item><title>Northern line to reopen</title><link>http://127.0.0.1:9/north</link>\
                 <pubDate>Tue, 10 Mar 2026 09:00:00 GMT</pubDate>\
                 <content:encoded><![CDATA[{}]]></content:encoded></item>\
                 <item><title>Southern line closed</title><link>http://127.0.0.1:9/south</link>\
                 <pubDate>Mon, 09 Mar 2026 09:00:00 GMT</pubDate>\
                 <content:encoded><![CDATA[{}]]></content:encoded></item>\
                 </channel></rss>",
                b.get().cloned().unwrap_or_default(),
                story(1, "Karin Lund"),
                story(2, "Olav Berg")
            ),
        )
        .header("ETag", "\"w1\""),
        _ => Reply::status(404),
    });
    base.set(server.base.clone()).unwrap();
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("config.toml");
    // The items are of 9 to 11 March: three days back from noon on the 11th holds them.
    std::fs::write(
        &config,
        format!("feeds = [{:?}]\nfeeds_since = \"3d\"\n", server.url("/wire.xml")),
    )
    .unwrap();
    let opened = home.path().join("opened.txt");
    let browser = home.path().join("browser.sh");
    std::fs::write(&browser, format!("#!/bin/sh\necho \"$1\" > {}\n", opened.display())).unwrap();
    std::fs::set_permissions(&browser, std::os::unix::fs::PermissionsExt::from_mode(0o755))
        .unwrap();

    let (mut child, parser, mut keys) = reader_in_pty(home.path(), "config-dir", |cmd| {
        cmd.args(["--feeds", "--config", config.to_str().unwrap()]);
        cmd.env("BROWSER", browser.to_str().unwrap());
        cmd.env("WHOSAID_NOW", "1773230400");
    });
    let mut press = |k: &str| {
        keys.write_all(k.as_bytes()).unwrap();
        keys.flush().unwrap();
    };
    let wait_for = |what: &dyn Fn(&str) -> bool, name: &str| -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        let mut last = String::new();
        loop {
            std::thread::sleep(Duration::from_millis(50));
            let now = parser.lock().unwrap().screen().contents();
            if what(&now) && now == last {
                return now;
            }
            assert!(Instant::now() < deadline, "timed out waiting for {name}:\n{now}");
            last = now;
        }
    };
    let row = |screen: &str, title: &str| -> String {
        screen.lines().find(|l| l.contains(title)).unwrap_or("").to_owned()
    };

    // The list is there while the cranes story is still being fetched.
    let list = wait_for(
        &|s| s.contains("Southern line closed") && s.contains("fetching stories 0/1"),
        "the list",
    );
    assert!(list.contains("Library: 3 articles from the last 3 days"), "{list}");
    let north = row(&list, "Northern line to reopen");
    assert!(north.contains('•') && north.contains("Rail Wire"), "new, from its feed: {north}");
    assert!(north.contains("2026-03-10 09:00"), "{north}");
    // Newest first.
    assert!(list.find("Harbour cranes").unwrap() < list.find("Northern line").unwrap());
    assert!(list.find("Northern line").unwrap() < list.find("Southern line").unwrap());
    press("\r");
    wait_for(&|s| s.contains("still fetching this story"), "the wait said");

    press("j");
    press("\r");
    let article =
        wait_for(&|s| s.contains("Karin Lund") && s.contains("127.0.0.1:9/north"), "the item");
    assert!(article.contains("We will reopen the line by Friday"), "{article}");

    press("o");
    let deadline = Instant::now() + Duration::from_secs(10);
    while !opened.exists() {
        assert!(Instant::now() < deadline, "the browser was not started");
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(std::fs::read_to_string(&opened).unwrap().trim(), "http://127.0.0.1:9/north");

    press("L");
    let back = wait_for(&|s| s.contains("Library"), "the list again");
    assert!(!row(&back, "Northern line to reopen").contains('•'), "read now:\n{back}");
    assert!(row(&back, "Southern line closed").contains('•'), "still new:\n{back}");

    // The story comes, and opens.
    drop(release);
    wait_for(&|s| s.contains("Harbour cranes") && !s.contains("fetching"), "the story");
    press("g");
    press("\r");
    let cranes = wait_for(&|s| s.contains("Signe Dahl") && s.contains("/cranes"), "the story");
    assert!(cranes.contains("crane operator"), "{cranes}");
    press("L");
    wait_for(&|s| s.contains("Library"), "the list again");

    // r: the feed is asked for again with the ETag of the copy kept.
    press("r");
    let deadline = Instant::now() + Duration::from_secs(20);
    while !revalidated.load(std::sync::atomic::Ordering::SeqCst) {
        assert!(Instant::now() < deadline, "the feed was not revalidated");
        std::thread::sleep(Duration::from_millis(50));
    }
    let again = wait_for(
        &|s| {
            s.contains("Southern line closed")
                && !s.contains("fetching")
                && !s.contains("analysing")
        },
        "the list loaded again",
    );
    assert!(!row(&again, "Northern line to reopen").contains('•'), "still read:\n{again}");

    press("q");
    let deadline = Instant::now() + Duration::from_secs(20);
    while child.try_wait().unwrap().is_none() {
        assert!(Instant::now() < deadline, "did not quit");
        std::thread::sleep(Duration::from_millis(50));
    }
    let read = std::fs::read_to_string(home.path().join("state/read.json")).unwrap();
    assert!(read.contains("http://127.0.0.1:9/north") && !read.contains("south"), "{read}");
}

/// A page of the reload test: its headline and a quote.
fn page(headline: &str, who: &str) -> String {
    format!(
        "<html><head><title>{headline}</title></head><body><article><h1>{headline}</h1>{}\
         </article></body></html>",
        story(7, who)
    )
}

#[test]
fn r_fetches_a_page_opened_alone_again_with_its_etag() {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    let changed = Arc::new(AtomicBool::new(false));
    let conditional = Arc::new(AtomicUsize::new(0));
    let (c, n) = (Arc::clone(&changed), Arc::clone(&conditional));
    let server = serve(move |asked| {
        let asked_with = asked.header("if-none-match").map(str::to_owned);
        if asked_with.is_some() {
            n.fetch_add(1, Ordering::SeqCst);
        }
        match (asked_with.as_deref(), c.load(Ordering::SeqCst)) {
            (Some("\"a1\""), false) => Reply::status(304).header("ETag", "\"a1\""),
            (_, false) => Reply::ok("text/html", page("Ferry fares frozen", "Ada Holm"))
                .header("ETag", "\"a1\""),
            (_, true) => {
                Reply::ok("text/html", page("Ferry fares cut", "Bo Lind")).header("ETag", "\"b1\"")
            }
        }
    });
    let home = tempfile::tempdir().unwrap();
    let (mut child, parser, mut keys) = reader_in_pty(home.path(), "config", |cmd| {
        cmd.arg(server.url("/ferry"));
    });
    let mut press = |k: &str| {
        keys.write_all(k.as_bytes()).unwrap();
        keys.flush().unwrap();
    };
    let wait_for = |what: &dyn Fn(&str) -> bool, name: &str| -> String {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            std::thread::sleep(Duration::from_millis(50));
            let now = parser.lock().unwrap().screen().contents();
            if what(&now) {
                return now;
            }
            assert!(Instant::now() < deadline, "timed out waiting for {name}:\n{now}");
        }
    };

    wait_for(&|s| s.contains("Ada Holm"), "the page");
    press("r");
    wait_for(&|s| s.contains("unchanged"), "the notice");
    assert_eq!(conditional.load(Ordering::SeqCst), 1, "asked with the kept ETag");

    changed.store(true, Ordering::SeqCst);
    press("r");
    let after = wait_for(&|s| s.contains("Bo Lind"), "the new page");
    assert!(!after.contains("Ada Holm"), "{after}");
    assert!(after.contains("has changed"), "{after}");

    press("q");
    let deadline = Instant::now() + Duration::from_secs(20);
    while child.try_wait().unwrap().is_none() {
        assert!(Instant::now() < deadline, "did not quit");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The reader's process, its screen as a vt100 parser reads it, and its keyboard.
type Running =
    (Box<dyn portable_pty::Child + Send + Sync>, Arc<Mutex<vt100::Parser>>, Box<dyn Write + Send>);

/// The reader under a pseudo-terminal of 30 rows by 120 columns, with its config
/// (`config_dir`), state and cache directories in `home`, no proxy and the cache on;
/// `configure` adds the arguments and environment of the test. Its screen is kept by a
/// vt100 parser fed from a thread; the writer types keys.
fn reader_in_pty(
    home: &std::path::Path,
    config_dir: &str,
    configure: impl FnOnce(&mut CommandBuilder),
) -> Running {
    let pair = native_pty_system()
        .openpty(PtySize { rows: 30, cols: 120, pixel_width: 0, pixel_height: 0 })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_whosaid"));
    configure(&mut cmd);
    cmd.env("TERM", "xterm-256color");
    cmd.env("WHOSAID_CONFIG_DIR", home.join(config_dir));
    cmd.env("WHOSAID_STATE_DIR", home.join("state"));
    cmd.env("WHOSAID_CACHE_DIR", home.join("cache"));
    cmd.env_remove("WHOSAID_NO_CACHE");
    cmd.env_remove("WHOSAID_KEYMAP");
    for proxy in ["http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "ALL_PROXY"] {
        cmd.env_remove(proxy);
    }
    let child = pair.slave.spawn_command(cmd).unwrap();
    let parser = Arc::new(Mutex::new(vt100::Parser::new(
        NonZeroU16::new(30).unwrap(),
        NonZeroU16::new(120).unwrap(),
        0,
    )));
    let p = Arc::clone(&parser);
    let mut out = pair.master.try_clone_reader().unwrap();
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = out.read(&mut buf) {
            if n == 0 {
                break;
            }
            p.lock().unwrap().process(&buf[..n]);
        }
    });
    let keys = pair.master.take_writer().unwrap();
    (child, parser, keys)
}
