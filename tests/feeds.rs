//! Feeds (RSS 2.0, Atom, JSON Feed) from a URL, a file and a pipe, against a server
//! the test starts on 127.0.0.1.

mod support;

use serde_json::Value;
use support::{Reply, serve, whosaid};

/// A whole story, long enough to be taken as one (written for these tests).
fn whole_story() -> String {
    let mut s = String::from(
        "<p>GENEVA — Delegates from forty countries agreed on Friday to a new treaty on \
         plastic waste, ending three years of talks.</p><p>&ldquo;This is the first time \
         the producers and the importers sat at one table,&rdquo; said Amara Okoye, who chaired \
         the talks for the United Nations Environment Programme.</p>",
    );
    for i in 0..12 {
        s.push_str(&format!(
            "<p>Paragraph {i} of the report: the treaty sets targets for recycling, bans some \
             single-use items and asks each country to report on its progress every year.</p>"
        ));
    }
    s
}

/// The page a summary-only item links to.
const LINKED: &str = "<html><head><title>Rail strike halts trains across Belgium</title></head>
<body><article><h1>Rail strike halts trains across Belgium</h1>
<p>BRUSSELS — A national rail strike stopped most trains in Belgium on Monday, the rail
operator SNCB said, as unions protested against a pension reform.</p>
<p>\"We did not choose this, the government did,\" union leader Marc Peeters told
reporters at Brussels-Midi station. Prime Minister Elise Janssens said talks would resume.</p>
<p>Commuters crowded onto buses and the roads into Brussels were jammed by morning.</p>
</article></body></html>";

fn rss(base: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>The Test Wire</title><link>{base}/</link><description>News</description>
<item><title>Plastics treaty agreed in Geneva</title><link>{base}/treaty</link>
<pubDate>Fri, 06 Mar 2026 10:00:00 GMT</pubDate>
<description>Forty countries agree a treaty.</description>
<content:encoded><![CDATA[{}]]></content:encoded></item>
<item><title>Rail strike halts trains across Belgium</title><link>{base}/strike</link>
<pubDate>Mon, 09 Mar 2026 07:30:00 GMT</pubDate>
<description>Most trains stopped on Monday.</description></item>
</channel></rss>"#,
        whole_story()
    )
}

fn atom(base: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title><id>urn:test:atom</id>
<updated>2026-03-09T08:00:00Z</updated>
<entry><title>Rail strike halts trains across Belgium</title><id>urn:test:1</id>
<link rel="alternate" href="{base}/strike"/><updated>2026-03-09T08:00:00Z</updated>
<summary>Most trains stopped.</summary></entry>
<entry><title>Plastics treaty agreed in Geneva</title><id>urn:test:2</id>
<link rel="alternate" href="{base}/treaty"/><updated>2026-03-06T10:00:00Z</updated>
<content type="html">{}</content></entry>
</feed>"#,
        whole_story().replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
    )
}

fn json_feed(base: &str) -> String {
    serde_json::json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": "JSON Desk",
        "items": [
            {"id": "1", "url": format!("{base}/treaty"), "title": "Plastics treaty agreed in Geneva",
             "date_published": "2026-03-06T10:00:00Z", "content_html": whole_story()},
            {"id": "2", "url": format!("{base}/strike"), "title": "Rail strike halts trains across Belgium",
             "date_published": "2026-03-09T07:30:00Z", "summary": "Most trains stopped."}
        ]
    })
    .to_string()
}

/// A server of the three feeds and the linked story; `/treaty` must never be asked
/// for, as its item holds the whole story.
fn news_server() -> support::Server {
    let base = std::sync::Arc::new(std::sync::OnceLock::<String>::new());
    let b = std::sync::Arc::clone(&base);
    let server = serve(move |asked| {
        let base = b.get().cloned().unwrap_or_default();
        match asked.path.as_str() {
            "/rss" => Reply::ok("application/rss+xml", rss(&base)),
            "/atom" => Reply::ok("application/atom+xml", atom(&base)),
            "/json" => Reply::ok("application/feed+json", json_feed(&base)),
            "/xml" => Reply::ok("text/xml", rss(&base)),
            "/strike" => Reply::ok("text/html; charset=utf-8", LINKED),
            _ => Reply::status(404),
        }
    });
    base.set(server.base.clone()).unwrap();
    server
}

fn lines(out: &std::process::Output) -> Vec<Value> {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

fn speakers(doc: &Value) -> Vec<String> {
    let actors = doc["actors"].as_array().unwrap();
    doc["quotes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|q| q["speaker"].as_u64())
        .map(|i| actors[i as usize]["name"].as_str().unwrap().to_owned())
        .collect()
}

/// The two items of every feed here, whichever order the feed has them in.
fn check_items(docs: &[Value], base: &str) {
    assert_eq!(docs.len(), 2, "one analysis per item");
    let treaty = docs.iter().find(|d| d["source"] == format!("{base}/treaty")).expect("treaty");
    let strike = docs.iter().find(|d| d["source"] == format!("{base}/strike")).expect("strike");
    assert_eq!(treaty["title"], "Plastics treaty agreed in Geneva");
    assert!(treaty["text"].as_str().unwrap().contains("“This is the first time"));
    assert!(speakers(treaty).contains(&"Amara Okoye".to_owned()), "{:?}", speakers(treaty));
    // The summary said little: the linked page is the story.
    let text = strike["text"].as_str().unwrap();
    assert!(text.contains("union leader Marc Peeters"), "{text}");
    assert!(speakers(strike).contains(&"Marc Peeters".to_owned()), "{:?}", speakers(strike));
}

#[test]
fn each_feed_format_gives_one_analysis_per_item() {
    let server = news_server();
    for path in ["/rss", "/atom", "/json", "/xml"] {
        let docs = lines(&whosaid(&["--json", &server.url(path)], &[]));
        check_items(&docs, &server.base);
    }
}

#[test]
fn a_whole_story_in_the_feed_is_not_fetched_again() {
    let server = news_server();
    let _ = lines(&whosaid(&["--json", &server.url("/rss")], &[]));
    // The feed and the one summary-only story; the treaty came whole (a 404 otherwise).
    assert_eq!(server.hits(), 2);
}

#[test]
fn a_feed_file_and_a_piped_feed_read_the_same() {
    let server = news_server();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("wire.xml");
    std::fs::write(&file, rss(&server.base)).unwrap();
    check_items(&lines(&whosaid(&["--json", file.to_str().unwrap()], &[])), &server.base);

    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .args(["--json"])
        .env("WHOSAID_CONFIG_DIR", dir.path().join("config"))
        .env("WHOSAID_CACHE_DIR", dir.path().join("cache"))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), json_feed(&server.base).as_bytes())
        .unwrap();
    check_items(&lines(&child.wait_with_output().unwrap()), &server.base);
}

#[test]
fn a_story_that_cannot_be_fetched_keeps_the_summary_and_says_why() {
    let server = serve(|asked| {
        if asked.path == "/feed" {
            Reply::ok(
                "application/rss+xml",
                "<rss version=\"2.0\"><channel><title>T</title>\
                 <item><title>Dam opens</title><link>/missing</link>\
                 <description>The new dam on the Mekong opened on Sunday.</description></item>\
                 </channel></rss>",
            )
        } else {
            Reply::status(404)
        }
    });
    let out = whosaid(&["--json", &server.url("/feed")], &[]);
    let docs = lines(&out);
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["source"], server.url("/missing"), "a relative link resolves");
    assert!(docs[0]["text"].as_str().unwrap().contains("The new dam on the Mekong"));
}

#[test]
fn a_feed_with_no_items_is_an_error() {
    let server = serve(|_| {
        Reply::ok(
            "application/rss+xml",
            "<rss version=\"2.0\"><channel><title>T</title></channel></rss>",
        )
    });
    let url = server.url("/empty");
    let out = whosaid(&["--json", &url], &[]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&url) && err.contains("no items"), "{err}");
}

/// The source of each `--json` line.
fn sources(docs: &[Value]) -> Vec<String> {
    docs.iter().map(|d| d["source"].as_str().unwrap().to_owned()).collect()
}

/// A server of two small feeds whose items interleave in time, whole in the feed; the
/// second also has an item with no date.
fn two_feeds() -> support::Server {
    fn item(title: &str, link: &str, date: &str) -> String {
        let body = format!("<p>{title}, the ministry said on Monday.</p>").repeat(40);
        let date =
            if date.is_empty() { String::new() } else { format!("<pubDate>{date}</pubDate>") };
        format!(
            "<item><title>{title}</title><link>http://127.0.0.1:9/{link}</link>\
             {date}<content:encoded><![CDATA[{body}]]></content:encoded></item>"
        )
    }
    serve(|asked| {
        let items = match asked.path.as_str() {
            "/a.xml" => {
                item("Bridge reopens", "a1", "Mon, 09 Mar 2026 09:00:00 GMT")
                    + &item("Port strike ends", "a2", "Sat, 07 Mar 2026 09:00:00 GMT")
            }
            "/b.xml" => {
                item("Undated notice", "b3", "")
                    + &item("Dam approved", "b1", "Tue, 10 Mar 2026 09:00:00 GMT")
                    + &item("Grain prices fall", "b2", "Sun, 08 Mar 2026 09:00:00 GMT")
            }
            _ => return Reply::status(404),
        };
        Reply::ok(
            "application/rss+xml",
            format!(
                "<rss version=\"2.0\" xmlns:content=\"http://purl.org/rss/1.0/modules/content/\">\
                 <channel><title>{}</title>{items}</channel></rss>",
                asked.path
            ),
        )
    })
}

#[test]
fn subscriptions_in_the_config_open_together_newest_first() {
    let server = two_feeds();
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(
        &config,
        format!("feeds = [{:?}, {:?}]\n", server.url("/a.xml"), server.url("/b.xml")),
    )
    .unwrap();
    let out = whosaid(
        &["--feeds", "--json", "--since", "all", "--config", config.to_str().unwrap()],
        &[],
    );
    assert_eq!(order(&out), ["b1", "a1", "b2", "a2", "b3"], "newest first, the undated last");
    assert!(out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
}

/// The last part of each printed article's source: the item's name.
fn order(out: &std::process::Output) -> Vec<String> {
    sources(&lines(out)).iter().map(|s| s.rsplit('/').next().unwrap().to_owned()).collect()
}

/// Tuesday 10 March 2026, 12:00 UTC, in seconds since 1970: "now" for the window tests,
/// three hours after the newest item.
const TUESDAY_NOON: &str = "1773144000";

#[test]
fn the_subscriptions_open_at_todays_items_and_a_longer_window_is_asked_for() {
    let server = two_feeds();
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    let feeds = format!("feeds = [{:?}, {:?}]\n", server.url("/a.xml"), server.url("/b.xml"));
    std::fs::write(&config, &feeds).unwrap();
    let config = config.to_str().unwrap();
    let now = [("WHOSAID_NOW", TUESDAY_NOON)];
    // The last 24 hours by default: the dam, and the item with no date after it.
    let out = whosaid(&["--feeds", "--json", "--config", config], &now);
    assert_eq!(order(&out), ["b1", "b3"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("3 items older than 24 h left out (--since"), "{err}");
    // Three days: back to Sunday 09:00 (Saturday's port strike is 3 days 3 hours old).
    let out = whosaid(&["--feeds", "--json", "--since", "3d", "--config", config], &now);
    assert_eq!(order(&out), ["b1", "a1", "b2", "b3"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 item older than 3 days"));
    // The config's window, and the flag over it.
    std::fs::write(dir.path().join("config.toml"), format!("{feeds}feeds_since = \"1w\"\n"))
        .unwrap();
    let out = whosaid(&["--feeds", "--json", "--config", config], &now);
    assert_eq!(order(&out), ["b1", "a1", "b2", "a2", "b3"]);
    let out = whosaid(&["--feeds", "--json", "--since", "36h", "--config", config], &now);
    assert_eq!(order(&out), ["b1", "a1", "b3"]);
    // Months later, nothing dated is today's: the undated item still is.
    let december = [("WHOSAID_NOW", "1796299200")];
    let out = whosaid(&["--feeds", "--json", "--since", "24h", "--config", config], &december);
    assert_eq!(order(&out), ["b3"]);
    // A span that is none is a usage error naming it.
    let out = whosaid(&["--feeds", "--json", "--since", "soon", "--config", config], &now);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("24h, 3d or 2w"));
}

#[test]
fn a_window_that_keeps_nothing_says_how_to_see_more() {
    let server = two_feeds();
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, format!("feeds = [{:?}]\n", server.url("/a.xml"))).unwrap();
    let december = [("WHOSAID_NOW", "1796299200")];
    let out = whosaid(&["--feeds", "--json", "--config", config.to_str().unwrap()], &december);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no items from the last 24 h") && err.contains("--since all"), "{err}");
    assert!(out.stdout.is_empty());
    // A feed named alone is not the subscriptions: all its items, whatever the date.
    let out = whosaid(&["--json", &server.url("/a.xml")], &december);
    assert_eq!(order(&out), ["a1", "a2"]);
}

#[test]
fn an_opml_list_opens_its_feeds_and_a_dead_one_is_a_warning() {
    let server = two_feeds();
    let dir = tempfile::tempdir().unwrap();
    let opml = dir.path().join("subs.opml");
    std::fs::write(
        &opml,
        format!(
            "<?xml version=\"1.0\"?><opml version=\"2.0\"><head><title>Mine</title></head><body>\
             <outline text=\"A\" type=\"rss\" xmlUrl=\"{}\"/>\
             <outline text=\"Gone\" type=\"rss\" xmlUrl=\"{}\"/></body></opml>",
            server.url("/a.xml"),
            server.url("/gone.xml")
        ),
    )
    .unwrap();
    let out = whosaid(&["--json", "--since", "all", "--opml", opml.to_str().unwrap()], &[]);
    let docs = lines(&out);
    assert_eq!(docs.len(), 2);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("gone.xml") && err.contains("HTTP 404"), "{err}");
}

#[test]
fn feeds_with_nothing_subscribed_says_how_to_subscribe() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "").unwrap();
    let out = whosaid(&["--feeds", "--json", "--config", config.to_str().unwrap()], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("feeds = ["));
}

/// Options for a library run inside the test process: no cache (the real user's
/// cache directory is never written by a test).
fn no_cache() -> whosaid::source::LoadOptions {
    let mut options = whosaid::source::LoadOptions::default();
    options.net.cache_max_bytes = 0;
    options
}

/// The library's text on a screen of `w` × `h`.
fn screen(s: &whosaid::reader::library::Shelf, w: u16, h: u16) -> String {
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    term.draw(|f| {
        whosaid::reader::library::draw(s, &whosaid::config::keymap::Keymap::builtin(), f)
    })
    .unwrap();
    let buf = term.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..h {
        for x in 0..w {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

/// Takes arrivals until `done` holds (each wait bounded, so a hang fails the test).
fn receive_until(
    s: &mut whosaid::reader::library::Shelf,
    arrivals: &whosaid::library::Arrivals,
    done: impl Fn(&whosaid::reader::library::Shelf) -> bool,
) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while !done(s) {
        assert!(std::time::Instant::now() < deadline, "the background did not finish");
        if !s.receive(arrivals) {
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
    }
}

#[test]
fn a_summary_item_is_listed_and_usable_before_its_story_arrives() {
    use whosaid::reader::app::Action;
    use whosaid::reader::library::{Shelf, View, progress, update};
    // The story is held back until the test has looked at the list.
    let (release, held) = std::sync::mpsc::channel::<()>();
    let held = std::sync::Mutex::new(held);
    let base = std::sync::Arc::new(std::sync::OnceLock::<String>::new());
    let b = std::sync::Arc::clone(&base);
    let server = serve(move |asked| {
        let base = b.get().cloned().unwrap_or_default();
        match asked.path.as_str() {
            "/rss" => Reply::ok("application/rss+xml", rss(&base)),
            "/strike" => {
                let _ = held.lock().unwrap().recv_timeout(std::time::Duration::from_secs(30));
                Reply::ok("text/html; charset=utf-8", LINKED)
            }
            _ => Reply::status(404),
        }
    });
    base.set(server.base.clone()).unwrap();
    let inputs = vec![whosaid::source::web::FeedInput::Url(server.url("/rss"))];
    let lexicon = whosaid::Lexicon::builtin();
    let analyser: whosaid::library::Analyser =
        std::sync::Arc::new(move |text: &str| whosaid::analyse(text, lexicon));
    let (library, arrivals) =
        whosaid::library::Library::load_feeds_in_background(inputs, no_cache(), analyser);
    let settings = whosaid::config::ViewSettings::default();
    let mut s = Shelf::new(library, lexicon, &settings);
    update(&mut s, Action::Resize(120, 12));
    // Both items listed, newest first; the whole one analysed, the other waiting.
    receive_until(&mut s, &arrivals, |s| s.library.len() == 2 && s.library.done() == 1);
    let strike = s.library.articles.iter().position(|a| a.source.ends_with("/strike")).unwrap();
    let treaty = 1 - strike;
    assert!(s.library.pending[strike] && !s.library.pending[treaty], "the strike waits");
    // The strike is the newer: first.
    assert_eq!(s.rows[0], whosaid::library::Row::Article(strike));
    assert_eq!(progress(&s.library).as_deref(), Some("fetching stories 0/1 · analysing 1/2"));
    let out = screen(&s, 120, 12);
    assert!(out.contains("fetching stories 0/1"), "{out}");
    assert!(out.contains("Rail strike halts trains") && out.contains("Plastics treaty"), "{out}");
    // Meanwhile the list is usable: the waiting item says so, the whole one opens.
    update(&mut s, Action::Activate);
    assert_eq!(s.view, View::Articles);
    assert!(s.message.as_deref().is_some_and(|m| m.contains("fetching")), "{:?}", s.message);
    update(&mut s, Action::Down);
    update(&mut s, Action::Activate);
    assert_eq!(s.view, View::Article(treaty));
    update(&mut s, Action::Library);
    // The story comes: the summary is replaced by the page, analysed.
    update(&mut s, Action::Top);
    update(&mut s, Action::Activate);
    assert!(s.message.as_deref().is_some_and(|m| m.contains("fetching")));
    release.send(()).unwrap();
    receive_until(&mut s, &arrivals, |s| !s.busy());
    assert_eq!(s.message, None, "the word that it is on its way is gone with its arrival");
    assert_eq!(progress(&s.library), None);
    assert!(s.library.articles[strike].text.contains("union leader Marc Peeters"));
    assert_eq!(s.library.articles[strike].source, server.url("/strike"));
    update(&mut s, Action::Top);
    update(&mut s, Action::Activate);
    assert_eq!(s.view, View::Article(strike));
}

#[test]
fn a_dead_feed_is_a_row_of_the_library_and_the_others_open() {
    let server = two_feeds();
    let inputs = vec![
        whosaid::source::web::FeedInput::Url(server.url("/a.xml")),
        whosaid::source::web::FeedInput::Url(server.url("/gone.xml")),
    ];
    let lexicon = whosaid::Lexicon::builtin();
    let analyser: whosaid::library::Analyser =
        std::sync::Arc::new(move |text: &str| whosaid::analyse(text, lexicon));
    let (library, arrivals) =
        whosaid::library::Library::load_feeds_in_background(inputs, no_cache(), analyser);
    let mut s = whosaid::reader::library::Shelf::new(library, lexicon, &Default::default());
    receive_until(&mut s, &arrivals, |s| !s.busy());
    assert_eq!(s.library.len(), 2);
    assert_eq!(s.library.failures.len(), 1);
    assert!(s.library.failures[0].reason.contains("HTTP 404"), "{:?}", s.library.failures);
    // Listed after the items.
    assert_eq!(s.rows.last(), Some(&whosaid::library::Row::Failed(0)));
}

#[test]
fn the_library_lists_the_windows_items_and_says_so_in_its_title() {
    let server = two_feeds();
    let inputs = vec![
        whosaid::source::web::FeedInput::Url(server.url("/a.xml")),
        whosaid::source::web::FeedInput::Url(server.url("/b.xml")),
    ];
    let lexicon = whosaid::Lexicon::builtin();
    let analyser: whosaid::library::Analyser =
        std::sync::Arc::new(move |text: &str| whosaid::analyse(text, lexicon));
    let now: i64 = TUESDAY_NOON.parse().unwrap();
    // 36 hours before Tuesday noon: Monday's bridge and Tuesday's dam, and the undated.
    let window = whosaid::source::web::Window { seconds: 36 * 3600, now };
    let (library, arrivals) = whosaid::library::Library::load_feeds_within(
        inputs,
        no_cache(),
        analyser,
        Some((window, "36 h".to_owned())),
    );
    let mut s = whosaid::reader::library::Shelf::new(library, lexicon, &Default::default());
    receive_until(&mut s, &arrivals, |s| !s.busy());
    let titles: Vec<&str> =
        s.library.articles.iter().map(|a| a.title.as_deref().unwrap_or("")).collect();
    assert_eq!(titles, ["Dam approved", "Bridge reopens", "Undated notice"]);
    let shown = screen(&s, 120, 12);
    assert!(
        shown.contains("Library: 3 articles from the last 36 h · 2 older left out (--since)"),
        "{shown}"
    );
}

#[test]
fn the_actors_view_counts_the_outlets_of_the_articles() {
    let story = |n: usize| {
        format!(
            "Talks resumed in Geneva on day {n}. \"We are close,\" said Amara Okoye, the \
             chair, on Monday. Amara Okoye met the delegates again."
        )
    };
    let article = |url: &str, n: usize| {
        let mut a = whosaid::source::Article::from_text(url, story(n));
        a.title = Some(format!("Day {n}"));
        a
    };
    let mut lib = whosaid::library::Library::new(vec![
        article("https://www.example-news.test/a", 1),
        article("https://example-news.test/b", 2),
        article("https://wire.example.test/c", 3),
    ]);
    lib.analyse_all(whosaid::Lexicon::builtin());
    let actors = lib.actors(whosaid::Lexicon::builtin());
    let okoye = actors.iter().find(|a| a.name == "Amara Okoye").expect("Okoye");
    assert_eq!((okoye.articles, okoye.outlets), (3, 2), "www. is the same outlet");
    let line = whosaid::reader::library::actor_line(okoye);
    let mentions = okoye.mentions;
    assert!(
        line.starts_with(&format!(
            "Amara Okoye — {mentions} mentions in 3 articles from 2 outlets"
        )),
        "{line}"
    );
    // Files are no outlets: the line says nothing of them.
    let mut files = whosaid::library::Library::new(vec![whosaid::source::Article::from_text(
        "a.txt",
        story(1),
    )]);
    files.analyse_all(whosaid::Lexicon::builtin());
    let okoye =
        files.actors(whosaid::Lexicon::builtin()).into_iter().find(|a| a.name == "Amara Okoye");
    let line = whosaid::reader::library::actor_line(&okoye.expect("Okoye"));
    assert!(!line.contains("outlet"), "{line}");
}

#[test]
fn an_opml_list_is_imported_into_the_config_once() {
    let dir = tempfile::tempdir().unwrap();
    let opml = dir.path().join("subs.opml");
    std::fs::write(
        &opml,
        "<?xml version=\"1.0\"?><opml version=\"2.0\"><body>\
         <outline text=\"A\" type=\"rss\" xmlUrl=\"http://127.0.0.1:9/a.xml\"/>\
         <outline text=\"B\" type=\"rss\" xmlUrl=\"http://127.0.0.1:9/b.xml\"/></body></opml>",
    )
    .unwrap();
    let config_dir = dir.path().join("config");
    std::fs::create_dir_all(&config_dir).unwrap();
    let config = config_dir.join("config.toml");
    std::fs::write(&config, "# my settings\nwrap = 80\nfeeds = [\"http://127.0.0.1:9/a.xml\"]\n")
        .unwrap();
    let dir_env = config_dir.to_str().unwrap();
    let out =
        whosaid(&["--import-opml", opml.to_str().unwrap()], &[("WHOSAID_CONFIG_DIR", dir_env)]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("added 1 feed") && said.contains("1 listed already"), "{said}");
    let text = std::fs::read_to_string(&config).unwrap();
    assert!(text.starts_with("# my settings\nwrap = 80\n"), "the rest stays as written:\n{text}");
    let parsed: toml::Table = toml::from_str(&text).unwrap();
    let feeds: Vec<&str> =
        parsed["feeds"].as_array().unwrap().iter().filter_map(|v| v.as_str()).collect();
    assert_eq!(feeds, ["http://127.0.0.1:9/a.xml", "http://127.0.0.1:9/b.xml"]);
    // A file that is no OPML list: one line, exit 2, the config untouched.
    std::fs::write(&opml, "<html>no feeds</html>").unwrap();
    let out =
        whosaid(&["--import-opml", opml.to_str().unwrap()], &[("WHOSAID_CONFIG_DIR", dir_env)]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no feeds in this OPML file"));
    assert_eq!(std::fs::read_to_string(&config).unwrap(), text);
}

#[test]
fn r_loads_the_library_again_and_reopens_the_article_that_was_open() {
    use whosaid::library::{Library, Reload};
    use whosaid::reader::app::Action;
    use whosaid::reader::library::{Shelf, View, update};
    let lexicon = whosaid::Lexicon::builtin();
    let articles = || {
        ["http://127.0.0.1:9/one", "http://127.0.0.1:9/two"]
            .iter()
            .map(|url| {
                let text = format!("\"We agree,\" said Amara Okoye of {url} on Monday.");
                whosaid::source::Article::from_text(*url, text)
            })
            .collect::<Vec<_>>()
    };
    let loads = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counted = std::sync::Arc::clone(&loads);
    let reload = Reload(Box::new(move || {
        counted.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        // Loaded again, the articles come in the other order.
        let mut again = articles();
        again.reverse();
        let library = Library::new(again);
        let arrivals = library.analyse_in_background(lexicon);
        (library, arrivals)
    }));
    let mut first = Library::new(articles());
    first.analyse_all(lexicon);
    let mut s = Shelf::new(first, lexicon, &Default::default());
    update(&mut s, Action::Resize(100, 20));
    // Without a way to load again, r says so.
    update(&mut s, Action::Reload);
    assert!(!s.reload_asked && s.message.as_deref().is_some_and(|m| m.contains("nothing")));
    s.reload = Some(reload);
    update(&mut s, Action::Down);
    update(&mut s, Action::Activate);
    assert_eq!(s.view, View::Article(1));
    update(&mut s, Action::Reload);
    assert!(s.reload_asked, "the run loop is asked to load again");
    assert_eq!(s.view, View::Articles);
    // What the run loop does.
    s.reload_asked = false;
    let (library, arrivals) = (s.reload.as_ref().unwrap().0)();
    s.replace(library, arrivals);
    assert_eq!(loads.load(std::sync::atomic::Ordering::SeqCst), 1);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while s.view == View::Articles {
        assert!(std::time::Instant::now() < deadline, "the article did not open again");
        s.receive_own();
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let View::Article(i) = s.view else { unreachable!() };
    assert_eq!(i, 0, "the same story, at its new place");
    assert_eq!(s.library.articles[i].source, "http://127.0.0.1:9/two");
}
