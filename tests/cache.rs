//! The cache of fetched pages: revalidated with ETag and Last-Modified, read when the
//! server is gone, against a server the test starts on 127.0.0.1.

mod support;

use serde_json::Value;
use std::sync::{Arc, Mutex};
use support::{Asked, Reply, serve, whosaid};

const STORY: &str = "Lighthouse keepers return to Skerry Point\n\n\
\"The lamp has not been tended by hand since 1987,\" said Morag Innes, who leads the trust \
that bought the lighthouse. The trust will train four keepers this summer.\n";

/// Runs `whosaid --json URL` with a cache in `cache`.
fn fetch(url: &str, cache: &std::path::Path) -> std::process::Output {
    whosaid(
        &["--json", url],
        &[("WHOSAID_NO_CACHE", ""), ("WHOSAID_CACHE_DIR", cache.to_str().unwrap())],
    )
}

fn text_of(out: &std::process::Output) -> String {
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    doc["text"].as_str().unwrap().to_owned()
}

/// A server of STORY that answers 304 to a request validated by `validates`, and
/// records every request.
fn revalidating(
    validator: (&'static str, &'static str),
    validates: fn(&Asked) -> bool,
) -> (support::Server, Arc<Mutex<Vec<Asked>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let s = Arc::clone(&seen);
    let server = serve(move |asked| {
        s.lock().unwrap().push(asked.clone());
        if validates(asked) {
            Reply { body: Vec::new(), ..Reply::status(304) }
        } else {
            Reply::ok("text/plain; charset=utf-8", STORY).header(validator.0, validator.1)
        }
    });
    (server, seen)
}

#[test]
fn an_etag_revalidates_the_cached_copy() {
    let (server, seen) = revalidating(("ETag", "\"skerry-1\""), |a| {
        a.header("if-none-match") == Some("\"skerry-1\"")
    });
    let cache = tempfile::tempdir().unwrap();
    let url = server.url("/skerry");
    let first = text_of(&fetch(&url, cache.path()));
    let second = text_of(&fetch(&url, cache.path()));
    assert_eq!(first, STORY);
    assert_eq!(second, first, "the 304 gives the kept copy");
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[0].header("if-none-match"), None);
    assert_eq!(seen[1].header("if-none-match"), Some("\"skerry-1\""));
}

#[test]
fn last_modified_revalidates_the_cached_copy() {
    const DATE: &str = "Tue, 03 Mar 2026 08:00:00 GMT";
    let (server, seen) =
        revalidating(("Last-Modified", DATE), |a| a.header("if-modified-since") == Some(DATE));
    let cache = tempfile::tempdir().unwrap();
    let url = server.url("/skerry");
    assert_eq!(text_of(&fetch(&url, cache.path())), STORY);
    assert_eq!(text_of(&fetch(&url, cache.path())), STORY);
    assert_eq!(seen.lock().unwrap()[1].header("if-modified-since"), Some(DATE));
}

#[test]
fn a_cached_page_opens_when_its_server_is_gone() {
    let server = serve(|_| Reply::ok("text/plain", STORY));
    let cache = tempfile::tempdir().unwrap();
    let url = server.url("/skerry");
    assert_eq!(text_of(&fetch(&url, cache.path())), STORY);
    drop(server);
    // The port is closed now: the connection is refused, the copy stands in.
    std::thread::sleep(std::time::Duration::from_millis(100));
    let empty = tempfile::tempdir().unwrap();
    let without = fetch(&url, empty.path());
    assert_eq!(without.status.code(), Some(2), "the server is gone");
    assert_eq!(text_of(&fetch(&url, cache.path())), STORY);
}

#[test]
fn an_error_status_is_not_hidden_by_the_cache() {
    let gone = Arc::new(Mutex::new(false));
    let g = Arc::clone(&gone);
    let server =
        serve(
            move |_| {
                if *g.lock().unwrap() { Reply::status(410) } else { Reply::ok("text/plain", STORY) }
            },
        );
    let cache = tempfile::tempdir().unwrap();
    let url = server.url("/skerry");
    assert_eq!(text_of(&fetch(&url, cache.path())), STORY);
    *gone.lock().unwrap() = true;
    let out = fetch(&url, cache.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("HTTP 410"));
}

#[test]
fn no_cache_is_written_when_none_is_wanted() {
    let server = serve(|_| Reply::ok("text/plain", STORY));
    let cache = tempfile::tempdir().unwrap();
    let config = cache.path().join("config.toml");
    std::fs::write(&config, "cache_size_mb = 0\n").unwrap();
    let store = cache.path().join("http");
    let out = whosaid(
        &["--json", "--config", config.to_str().unwrap(), &server.url("/skerry")],
        &[("WHOSAID_NO_CACHE", ""), ("WHOSAID_CACHE_DIR", store.to_str().unwrap())],
    );
    assert_eq!(text_of(&out), STORY);
    assert!(!store.exists(), "cache_size_mb = 0 keeps nothing");
}
