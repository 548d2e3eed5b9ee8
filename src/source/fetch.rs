//! Fetching a URL: the only code in whosaid that uses the network.
//!
//! Nothing here runs unless the user names an `http://` or `https://` address (or a
//! feed that links to one). The client is ureq with rustls: blocking, no async
//! runtime, no OpenSSL. It follows at most [`MAX_REDIRECTS`] redirects, sends a
//! User-Agent that says what it is, accepts gzip and brotli, and stops reading a body
//! as soon as it passes the size limit (counted after decompression, so a small
//! compressed bomb is refused as early as a large page). Every failure is one line
//! naming the address and the reason a person can act on: the host not found, the
//! connection refused, TLS, the HTTP status, a timeout, too large.
//!
//! The body's bytes stay bytes: the charset of the Content-Type header is handed with
//! them to [`super::charset::decode`], which weighs it with the page's own evidence (a
//! byte-order mark wins over it, as in browsers).

use super::cache::{self, Cache};
use super::{LoadOptions, human_size};
use anyhow::{Result, anyhow, bail};
use std::io::Read;
use std::time::Duration;

/// Redirects followed before giving up: a loop ends here.
pub const MAX_REDIRECTS: u32 = 10;

/// How long to wait for a connection, by default.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// How long a whole request may take, body included, by default.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// What whosaid says it is, so a site's operator can tell who is reading.
pub const USER_AGENT: &str = concat!(
    "whosaid/",
    env!("CARGO_PKG_VERSION"),
    " (terminal news reader; fetches only what its user names)"
);

/// The network settings of [`LoadOptions`]: plain values, so the options stay `Copy`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NetOptions {
    pub connect_timeout: Duration,
    pub timeout: Duration,
    /// The most the cache of fetched pages may hold; 0 keeps no cache.
    pub cache_max_bytes: u64,
}

impl Default for NetOptions {
    fn default() -> Self {
        NetOptions {
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            timeout: DEFAULT_TIMEOUT,
            cache_max_bytes: cache::DEFAULT_MAX_BYTES,
        }
    }
}

/// Whether an input names a web address rather than a path.
pub fn is_url(input: &str) -> bool {
    let lower = input.get(..8).unwrap_or(input).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// A fetched body, not yet decoded.
#[derive(Debug, Clone)]
pub struct Page {
    /// The address asked for.
    pub url: String,
    /// The Content-Type header, if any.
    pub content_type: Option<String>,
    pub body: Vec<u8>,
    /// What the user should know about how it was fetched (an offline copy).
    pub notes: Vec<String>,
}

/// One HTTP client, shared by every fetch of a run (its connections are reused).
#[derive(Clone)]
pub struct Client {
    agent: ureq::Agent,
    max_bytes: u64,
    timeout: Duration,
    cache: Option<Cache>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client").field("max_bytes", &self.max_bytes).finish_non_exhaustive()
    }
}

impl Client {
    /// A client with the options' timeouts and size limit.
    pub fn new(options: &LoadOptions) -> Client {
        let net = options.net;
        let config = ureq::Agent::config_builder()
            .timeout_connect(Some(net.connect_timeout))
            .timeout_global(Some(net.timeout))
            .max_redirects(MAX_REDIRECTS)
            .user_agent(USER_AGENT)
            // The status is ours to report, in our words.
            .http_status_as_error(false)
            .build();
        let cache = cache::dir()
            .filter(|_| net.cache_max_bytes > 0)
            .map(|d| Cache::new(d, net.cache_max_bytes));
        Client { agent: config.into(), max_bytes: options.max_bytes, timeout: net.timeout, cache }
    }

    /// This client without the cache.
    pub fn without_cache(mut self) -> Client {
        self.cache = None;
        self
    }

    /// The cache this client keeps, if any.
    pub fn cache(&self) -> Option<&Cache> {
        self.cache.as_ref()
    }

    /// Fetches a URL's body. With a cache, a copy kept from before is revalidated
    /// (If-None-Match, If-Modified-Since) and used when the server says it has not
    /// changed, or when the server cannot be reached at all (with a note saying so).
    pub fn get(&self, url: &str) -> Result<Page> {
        let kept = self.cache.as_ref().and_then(|c| c.get(url));
        let mut request = self.agent.get(url);
        if let Some(entry) = &kept {
            if let Some(etag) = &entry.etag {
                request = request.header("If-None-Match", etag);
            }
            if let Some(modified) = &entry.last_modified {
                request = request.header("If-Modified-Since", modified);
            }
        }
        let response = match request.call() {
            Ok(r) => r,
            Err(e) => {
                let reason = self.reason(&e, is_https(url));
                if let Some(entry) = kept.filter(|_| unreachable(&e)) {
                    let mut page = entry.page(url);
                    page.notes
                        .push(format!("offline ({reason}): the copy fetched {}", entry.age()));
                    return Ok(page);
                }
                bail!("{url}: {reason}");
            }
        };
        let status = response.status();
        if status == ureq::http::StatusCode::NOT_MODIFIED {
            if let (Some(entry), Some(cache)) = (kept, &self.cache) {
                cache.touch(url);
                return Ok(entry.page(url));
            }
        }
        if !status.is_success() {
            let text = status.canonical_reason().unwrap_or("");
            bail!("{url}: HTTP {} {text}", status.as_u16());
        }
        let header = |name: &str| {
            response.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_owned)
        };
        let content_type = header("content-type");
        let etag = header("etag");
        let last_modified = header("last-modified");
        let limit = self.max_bytes;
        let mut body = Vec::new();
        let mut reader = response.into_body().into_with_config().limit(u64::MAX).reader();
        let read = (&mut reader).take(limit.saturating_add(1)).read_to_end(&mut body);
        if let Err(e) = read {
            bail!("{url}: {}", self.io_reason(&e, is_https(url)));
        }
        if body.len() as u64 > limit {
            bail!(
                "{url}: larger than the {} limit (set WHOSAID_MAX_BYTES to read bigger inputs)",
                human_size(limit)
            );
        }
        if let Some(cache) = &self.cache {
            cache.put(url, content_type.as_deref(), etag, last_modified, &body);
        }
        Ok(Page { url: url.to_owned(), content_type, body, notes: Vec::new() })
    }

    /// The one-line reason for a failed request.
    fn reason(&self, e: &ureq::Error, https: bool) -> String {
        match e {
            ureq::Error::HostNotFound => "host not found (DNS)".to_owned(),
            ureq::Error::Io(io) => self.io_reason(io, https),
            ureq::Error::Timeout(_) => self.timed_out(),
            ureq::Error::TooManyRedirects => format!("more than {MAX_REDIRECTS} redirects"),
            ureq::Error::RedirectFailed => "a redirect without a usable Location".to_owned(),
            ureq::Error::BadUri(u) => format!("not a usable address ({u})"),
            ureq::Error::ConnectionFailed => "connection failed".to_owned(),
            ureq::Error::Tls(t) => format!("TLS: {t}"),
            ureq::Error::Rustls(t) => format!("TLS: {t}"),
            ureq::Error::StatusCode(code) => format!("HTTP {code}"),
            other => other.to_string(),
        }
    }

    /// The reason for an I/O error, looking inside for ureq's own (a body read that
    /// timed out comes back as an `io::Error` wrapping one).
    ///
    /// N.B. rustls reports a failed handshake as an `io::Error` of invalid data; on an
    /// https connection that is what it means.
    fn io_reason(&self, e: &std::io::Error, https: bool) -> String {
        if let Some(inner) = e.get_ref().and_then(|i| i.downcast_ref::<ureq::Error>()) {
            return self.reason(inner, https);
        }
        match e.kind() {
            std::io::ErrorKind::ConnectionRefused => "connection refused".to_owned(),
            std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock => self.timed_out(),
            std::io::ErrorKind::ConnectionReset => "connection reset by the server".to_owned(),
            std::io::ErrorKind::UnexpectedEof => "the server closed the connection early".into(),
            std::io::ErrorKind::InvalidData if https => format!("TLS: {e}"),
            _ => e.to_string(),
        }
    }

    fn timed_out(&self) -> String {
        format!("timed out after {} s", seconds(self.timeout))
    }
}

/// Whether a failure says the server could not be reached (so an offline copy may
/// stand in), rather than that it answered wrongly.
fn unreachable(e: &ureq::Error) -> bool {
    matches!(
        e,
        ureq::Error::HostNotFound
            | ureq::Error::Timeout(_)
            | ureq::Error::ConnectionFailed
            | ureq::Error::Io(_)
    )
}

fn is_https(url: &str) -> bool {
    url.get(..8).is_some_and(|s| s.eq_ignore_ascii_case("https://"))
}

/// "30", "0.5": a duration as the user would write it in the config.
fn seconds(d: Duration) -> String {
    let s = format!("{:.3}", d.as_secs_f64());
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}

/// The `charset` parameter of a Content-Type header.
pub fn charset_of(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|param| {
        let (name, value) = param.split_once('=')?;
        name.trim().eq_ignore_ascii_case("charset").then(|| value.trim().trim_matches('"'))
    })
}

/// The media type of a Content-Type header, lower-cased, without its parameters.
pub fn media_type(content_type: &str) -> String {
    content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase()
}

/// An error for a page that is no article at all (an image, a PDF), by its type.
pub fn refuse_type(url: &str, content_type: &str) -> Result<()> {
    let media = media_type(content_type);
    let binary =
        ["image/", "audio/", "video/", "font/", "model/"].iter().any(|p| media.starts_with(p))
            || matches!(
                media.as_str(),
                "application/pdf"
                    | "application/zip"
                    | "application/gzip"
                    | "application/x-gzip"
                    | "application/x-tar"
                    | "application/wasm"
                    | "application/vnd.ms-excel"
                    | "application/msword"
            );
    if binary {
        return Err(anyhow!("{url}: {media}, not an article"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_is_told_from_a_path() {
        assert!(is_url("https://example.com/a"));
        assert!(is_url("HTTP://example.com"));
        assert!(!is_url("http.txt"));
        assert!(!is_url("news/https-story.txt"));
        assert!(!is_url("ftp://example.com/a"));
    }

    #[test]
    fn the_charset_parameter_is_read_in_any_case_and_quoting() {
        assert_eq!(charset_of("text/html; charset=ISO-8859-1"), Some("ISO-8859-1"));
        assert_eq!(charset_of("text/html;Charset=\"windows-1252\""), Some("windows-1252"));
        assert_eq!(charset_of("text/html"), None);
        assert_eq!(media_type("Text/HTML; charset=utf-8"), "text/html");
    }

    #[test]
    fn a_host_not_found_is_named_as_dns() {
        // N.B. No test resolves a name: the resolver may ask a server outside.
        let client = Client::new(&LoadOptions::default());
        assert_eq!(client.reason(&ureq::Error::HostNotFound, false), "host not found (DNS)");
    }

    #[test]
    fn seconds_read_as_written() {
        assert_eq!(seconds(Duration::from_secs(30)), "30");
        assert_eq!(seconds(Duration::from_millis(500)), "0.5");
    }
}
