//! `whosaid URL`: fetching a page from a server the test starts on 127.0.0.1, and every
//! way a fetch fails, each as one line and exit status 2.

mod support;

use serde_json::Value;
use std::io::Write;
use std::time::Duration;
use support::{Reply, serve, whosaid};

/// A news page written for these tests: a story inside navigation and a footer.
pub const PAGE: &str = r#"<!doctype html>
<html><head><title>Harbour tolls rise as ferry operator warns of cuts</title></head>
<body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Harbour tolls rise as ferry operator warns of cuts</h1>
<p>BERGEN, March 3 — The city council of Bergen voted on Tuesday to double the tolls paid
by ships entering the inner harbour, a move the ferry operator Fjordline said would force it
to cut winter sailings to Denmark.</p>
<p>"We have asked for a delay of one year, and we were told no," Fjordline chief executive
Ingrid Solheim told reporters outside the town hall. "Passengers will pay for this."</p>
<p>Mayor Harald Dahl defended the decision. "The harbour has needed dredging for a decade,
and the ships that use it should pay their share," he said in a statement.</p>
<p>The new tolls take effect in June, the council said. Shipping groups in Norway have
asked the government in Oslo to review the rules before then.</p>
</article>
<footer>Copyright 2026 The Bergen Courier. All rights reserved.</footer>
</body></html>
"#;

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Asserts a run failed as bad input does: exit 2, one line naming the URL and
/// containing `reason`.
fn fails_with(out: &std::process::Output, url: &str, reason: &str) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(2), "stderr: {err}");
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    assert!(err.contains(url), "{err:?} names {url}");
    assert!(err.contains(reason), "{err:?} says {reason:?}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn a_page_is_an_article_like_any_other() {
    let server = serve(|_| Reply::ok("text/html; charset=utf-8", PAGE));
    let url = server.url("/news/harbour-tolls");
    let out = whosaid(&["--json", &url], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(doc["source"], url.as_str());
    assert_eq!(doc["title"], "Harbour tolls rise as ferry operator warns of cuts");
    let text = doc["text"].as_str().unwrap();
    assert!(text.contains("Passengers will pay for this."));
    assert!(!text.contains("Copyright"), "the footer is not the story");
    let names: Vec<&str> =
        doc["actors"].as_array().unwrap().iter().map(|a| a["name"].as_str().unwrap()).collect();
    assert!(names.contains(&"Ingrid Solheim"), "{names:?}");
    let solheim = names.iter().position(|n| *n == "Ingrid Solheim").unwrap();
    let quotes = doc["quotes"].as_array().unwrap();
    assert!(quotes.iter().any(|q| q["speaker"] == solheim), "a quote is Solheim's");
}

#[test]
fn the_request_says_who_is_asking_and_what_it_accepts() {
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let s = std::sync::Arc::clone(&seen);
    let server = serve(move |asked| {
        s.lock().unwrap().push(asked.clone());
        Reply::ok("text/html", PAGE)
    });
    let out = whosaid(&["--json", &server.url("/")], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let seen = seen.lock().unwrap();
    let ua = seen[0].header("user-agent").unwrap_or("");
    assert!(ua.starts_with("whosaid/"), "{ua:?}");
    let accept = seen[0].header("accept-encoding").unwrap_or("");
    assert!(accept.contains("gzip") && accept.contains("br"), "{accept:?}");
}

#[test]
fn a_gzipped_page_is_decompressed() {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(PAGE.as_bytes()).unwrap();
    let body = gz.finish().unwrap();
    let server =
        serve(move |_| Reply::ok("text/html", body.clone()).header("Content-Encoding", "gzip"));
    let out = whosaid(&["--json", &server.url("/")], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(doc["text"].as_str().unwrap().contains("Ingrid Solheim"));
}

/// A Brotli stream of `data` in stored (uncompressed) meta-blocks, as RFC 7932 §9.2
/// allows: enough to show the client decodes `br`, with no encoder among the crates.
fn brotli_stored(data: &[u8]) -> Vec<u8> {
    struct Bits {
        out: Vec<u8>,
        acc: u64,
        n: u32,
    }
    impl Bits {
        fn put(&mut self, value: u64, bits: u32) {
            self.acc |= value << self.n;
            self.n += bits;
            while self.n >= 8 {
                self.out.push(self.acc as u8);
                self.acc >>= 8;
                self.n -= 8;
            }
        }
        fn align(&mut self) {
            if self.n > 0 {
                self.put(0, 8 - self.n);
            }
        }
    }
    let mut w = Bits { out: Vec::new(), acc: 0, n: 0 };
    w.put(0, 1); // WBITS = 16
    for chunk in data.chunks(1 << 16) {
        w.put(0, 1); // ISLAST = 0
        w.put(0, 2); // MNIBBLES = 4
        w.put(chunk.len() as u64 - 1, 16); // MLEN - 1
        w.put(1, 1); // ISUNCOMPRESSED
        w.align();
        w.out.extend_from_slice(chunk);
    }
    w.put(1, 1); // ISLAST
    w.put(1, 1); // ISLASTEMPTY
    w.align();
    w.out
}

#[test]
fn a_brotli_page_is_decompressed() {
    let body = brotli_stored(PAGE.as_bytes());
    let server =
        serve(move |_| Reply::ok("text/html", body.clone()).header("Content-Encoding", "br"));
    let out = whosaid(&["--json", &server.url("/")], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(doc["text"].as_str().unwrap().contains("Ingrid Solheim"));
}

#[test]
fn a_chain_of_redirects_is_followed_to_the_page() {
    let server = serve(|asked| match asked.path.strip_prefix("/hop/") {
        Some(n) => match n.parse::<u32>() {
            Ok(0) => Reply::redirect("/story"),
            Ok(n) => Reply::redirect(&format!("/hop/{}", n - 1)),
            Err(_) => Reply::status(400),
        },
        None if asked.path == "/story" => Reply::ok("text/html", PAGE),
        None => Reply::status(404),
    });
    let url = server.url("/hop/4");
    let out = whosaid(&["--json", &url], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["source"], url.as_str(), "the source is the address the user gave");
    assert_eq!(server.hits(), 6);
}

#[test]
fn a_redirect_loop_ends_after_ten() {
    let server = serve(|_| Reply::redirect("/again"));
    let url = server.url("/again");
    let out = whosaid(&["--json", &url], &[]);
    fails_with(&out, &url, "more than 10 redirects");
    assert!(server.hits() <= 11, "{} requests", server.hits());
}

#[test]
fn a_missing_page_and_a_server_error_give_their_status() {
    let server = serve(|asked| Reply::status(if asked.path == "/gone" { 404 } else { 500 }));
    let url = server.url("/gone");
    fails_with(&whosaid(&["--json", &url], &[]), &url, "HTTP 404 Not Found");
    let url = server.url("/broken");
    fails_with(&whosaid(&["--json", &url], &[]), &url, "HTTP 500");
}

#[test]
fn a_refused_connection_is_said_so() {
    // A port that was free a moment ago and is closed now.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let url = format!("http://127.0.0.1:{port}/story");
    fails_with(&whosaid(&["--json", &url], &[]), &url, "connection refused");
}

#[test]
fn tls_with_a_server_that_speaks_none_fails_as_tls() {
    // A server that answers the TLS greeting in plain HTTP, as a misconfigured port does.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        if let Ok((mut conn, _)) = listener.accept() {
            let mut hello = [0u8; 512];
            let _ = std::io::Read::read(&mut conn, &mut hello);
            let _ = conn.write_all(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
        }
    });
    let url = format!("https://127.0.0.1:{port}/");
    fails_with(&whosaid(&["--json", "--timeout", "5", &url], &[]), &url, "TLS");
}

#[test]
fn a_slow_server_times_out_as_set() {
    let server =
        serve(|_| Reply { delay: Some(Duration::from_secs(5)), ..Reply::ok("text/html", PAGE) });
    let url = server.url("/slow");
    let out = whosaid(&["--json", "--timeout", "0.3", &url], &[]);
    fails_with(&out, &url, "timed out after 0.3 s");
}

#[test]
fn the_timeout_can_come_from_the_config() {
    let server =
        serve(|_| Reply { delay: Some(Duration::from_secs(5)), ..Reply::ok("text/html", PAGE) });
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.toml");
    std::fs::write(&config, "timeout = 0.4\n").unwrap();
    let url = server.url("/slow");
    let out = whosaid(&["--json", "--config", config.to_str().unwrap(), &url], &[]);
    fails_with(&out, &url, "timed out after 0.4 s");
}

#[test]
fn a_huge_body_is_refused_while_it_streams() {
    let body = "word ".repeat(400_000).into_bytes();
    let server = serve(move |_| Reply { chunked: true, ..Reply::ok("text/plain", body.clone()) });
    let url = server.url("/huge");
    let out = whosaid(&["--json", &url], &[("WHOSAID_MAX_BYTES", "100000")]);
    fails_with(&out, &url, "larger than the");
}

#[test]
fn a_gzip_bomb_is_refused_by_its_decompressed_size() {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![b' '; 1 << 20];
    for _ in 0..64 {
        gz.write_all(&zeros).unwrap();
    }
    let bomb = gz.finish().unwrap();
    assert!(bomb.len() < 1 << 20, "64 MiB packed into {} bytes", bomb.len());
    let server =
        serve(move |_| Reply::ok("text/html", bomb.clone()).header("Content-Encoding", "gzip"));
    let url = server.url("/bomb");
    let out = whosaid(&["--json", &url], &[("WHOSAID_MAX_BYTES", "1000000")]);
    fails_with(&out, &url, "larger than the");
}

#[test]
fn a_page_sent_as_plain_text_is_still_read_as_html() {
    let server = serve(|_| Reply::ok("text/plain", PAGE));
    let out = whosaid(&["--json", &server.url("/")], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let text = doc["text"].as_str().unwrap();
    assert!(text.contains("Ingrid Solheim") && !text.contains("<p>"), "{text}");
}

#[test]
fn an_image_is_not_an_article_whatever_its_type_says() {
    let png =
        std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/hostile/image.png"))
            .unwrap();
    let p = png.clone();
    let server = serve(move |asked| {
        Reply::ok(if asked.path == "/typed" { "image/png" } else { "text/html" }, p.clone())
    });
    let url = server.url("/typed");
    fails_with(&whosaid(&["--json", &url], &[]), &url, "image/png, not an article");
    let url = server.url("/lying");
    fails_with(&whosaid(&["--json", &url], &[]), &url, "not an article");
}

#[test]
fn a_page_with_no_story_is_not_an_article() {
    let server = serve(|_| Reply::ok("text/html", "<html><body><nav></nav></body></html>"));
    let url = server.url("/");
    fails_with(&whosaid(&["--json", &url], &[]), &url, "no article");
}

#[test]
fn the_charset_in_the_header_decodes_the_body() {
    // "Jürgen Müller said" in ISO-8859-1: ü is one byte, 0xFC, which is no UTF-8.
    let mut body =
        b"Ferry talks stall\n\n\"We will not sign this,\" J\xfcrgen M\xfcller said on Monday.\n"
            .to_vec();
    body.extend_from_slice(b"M\xfcller leads the union of harbour pilots.\n");
    let server = serve(move |_| Reply::ok("text/plain; charset=ISO-8859-1", body.clone()));
    let out = whosaid(&["--json", &server.url("/latin1")], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let text = doc["text"].as_str().unwrap();
    assert!(text.contains("Jürgen Müller said"), "{text}");
    assert!(!text.contains('\u{fffd}'), "nothing replaced: {text}");
}

#[test]
fn several_urls_open_as_a_library() {
    let server = serve(|asked| {
        let body = PAGE.replace("Bergen", if asked.path == "/a" { "Stavanger" } else { "Tromso" });
        Reply::ok("text/html", body)
    });
    let (a, b) = (server.url("/a"), server.url("/b"));
    let out = whosaid(&["--json", &a, &b], &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["source"], a.as_str());
    assert_eq!(lines[1]["source"], b.as_str());
}
