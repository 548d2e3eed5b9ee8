//! A web server for the tests, on 127.0.0.1 at a port the system picks: no test
//! reaches any address outside the machine.

#![allow(dead_code)]

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// What the server answers to one request.
#[derive(Debug, Clone, Default)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Wait this long before answering (a slow server).
    pub delay: Option<Duration>,
    /// Send no Content-Length (chunked), so the size is known only by reading.
    pub chunked: bool,
}

impl Reply {
    pub fn ok(content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
        Reply { status: 200, body: body.into(), ..Reply::default() }
            .header("Content-Type", content_type)
    }

    pub fn status(status: u16) -> Reply {
        Reply { status, body: format!("status {status}").into_bytes(), ..Reply::default() }
    }

    pub fn redirect(to: &str) -> Reply {
        Reply::status(302).header("Location", to)
    }

    pub fn header(mut self, name: &str, value: &str) -> Reply {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }
}

/// A request as the handler sees it: its path and headers.
#[derive(Debug, Clone)]
pub struct Asked {
    pub path: String,
    pub headers: Vec<(String, String)>,
}

impl Asked {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// A running server; it stops when dropped.
pub struct Server {
    pub base: String,
    hits: Arc<AtomicUsize>,
    server: Arc<tiny_http::Server>,
}

impl Server {
    /// The address of a path on this server.
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// How many requests it has answered.
    pub fn hits(&self) -> usize {
        self.hits.load(Ordering::SeqCst)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.server.unblock();
    }
}

/// Starts a server answering every request with `handler`, each on its own thread.
pub fn serve(handler: impl Fn(&Asked) -> Reply + Send + Sync + 'static) -> Server {
    let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("a local port"));
    let port = server.server_addr().to_ip().expect("an IP address").port();
    let hits = Arc::new(AtomicUsize::new(0));
    let handler = Arc::new(handler);
    let (s, h) = (Arc::clone(&server), Arc::clone(&hits));
    std::thread::spawn(move || {
        for request in s.incoming_requests() {
            let handler = Arc::clone(&handler);
            let hits = Arc::clone(&h);
            std::thread::spawn(move || {
                let asked = Asked {
                    path: request.url().to_owned(),
                    headers: request
                        .headers()
                        .iter()
                        .map(|h| (h.field.to_string(), h.value.to_string()))
                        .collect(),
                };
                let reply = handler(&asked);
                hits.fetch_add(1, Ordering::SeqCst);
                if let Some(d) = reply.delay {
                    std::thread::sleep(d);
                }
                let len = (!reply.chunked).then_some(reply.body.len());
                let headers = reply
                    .headers
                    .iter()
                    .filter_map(|(n, v)| {
                        tiny_http::Header::from_bytes(n.as_bytes(), v.as_bytes()).ok()
                    })
                    .collect();
                let response = tiny_http::Response::new(
                    tiny_http::StatusCode(reply.status),
                    headers,
                    std::io::Cursor::new(reply.body),
                    len,
                    None,
                );
                // The client may have given up (a timeout test): nothing to do then.
                let _ = request.respond(response);
            });
        }
    });
    Server { base: format!("http://127.0.0.1:{port}"), hits, server }
}

/// Runs the binary with no config, state or cache of the real user's.
pub fn whosaid(args: &[&str], env: &[(&str, &str)]) -> std::process::Output {
    let root = concat!(env!("CARGO_TARGET_TMPDIR"), "/web-home");
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_whosaid"));
    cmd.args(args)
        .env("WHOSAID_CONFIG_DIR", format!("{root}/config"))
        .env("WHOSAID_STATE_DIR", format!("{root}/state"))
        .env("WHOSAID_CACHE_DIR", format!("{root}/cache-none"))
        .env("WHOSAID_NO_CACHE", "1")
        .env_remove("http_proxy")
        .env_remove("HTTP_PROXY")
        .env_remove("https_proxy")
        .env_remove("HTTPS_PROXY")
        .env_remove("ALL_PROXY")
        .env_remove("all_proxy")
        .stdin(std::process::Stdio::null());
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("the binary runs")
}
