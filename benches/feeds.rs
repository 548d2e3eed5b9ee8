//! A feed of 200 items from a server on 127.0.0.1 to a Library whose every article is
//! analysed: the feed fetched and parsed, the 100 summary-only items' pages fetched and
//! extracted, all 200 analysed. No cache, so every iteration does the whole network part.
//!
//! The stories are the bundled samples, varied per item (a numbered dateline, paragraphs
//! rotated), half of them whole in the feed and half behind their link.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use std::sync::Arc;
use whosaid::library::Library;
use whosaid::source::fetch::Client;
use whosaid::source::{LoadOptions, samples, web};

const ITEMS: usize = 200;

/// The paragraphs of item `k`, from a sample.
fn story(k: usize) -> (String, Vec<String>) {
    let (_, text) = samples::ALL[k % samples::ALL.len()];
    let mut paras: Vec<String> =
        text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).map(str::to_owned).collect();
    let title = format!("{} ({k})", paras.remove(0));
    let by = k % paras.len().max(1);
    paras.rotate_left(by);
    paras.insert(0, format!("LONDON, Day {} — Report number {k}.", k % 28 + 1));
    (title, paras)
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn feed(base: &str) -> String {
    let mut items = String::new();
    for k in 0..ITEMS {
        let (title, paras) = story(k);
        let html: String = paras.iter().map(|p| format!("<p>{}</p>", escape(p))).collect();
        let content = if k % 2 == 0 {
            format!("<content:encoded><![CDATA[{html}]]></content:encoded>")
        } else {
            String::new()
        };
        items.push_str(&format!(
            "<item><title>{}</title><link>{base}/story/{k}</link>\
             <pubDate>Mon, 02 Mar 2026 {:02}:{:02}:00 GMT</pubDate>\
             <description>{}</description>{content}</item>\n",
            escape(&title),
            k / 60 % 24,
            k % 60,
            escape(&paras[0]),
        ));
    }
    format!(
        "<?xml version=\"1.0\"?>\n<rss version=\"2.0\" \
         xmlns:content=\"http://purl.org/rss/1.0/modules/content/\"><channel>\
         <title>Bench Wire</title>\n{items}</channel></rss>"
    )
}

fn page(k: usize) -> String {
    let (title, paras) = story(k);
    let ps: String = paras.iter().map(|p| format!("<p>{}</p>\n", escape(p))).collect();
    format!(
        "<!doctype html><html><head><title>{t}</title></head><body>\
         <nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav>\
         <article><h1>{t}</h1>{ps}</article><footer>Bench Wire</footer></body></html>",
        t = escape(&title)
    )
}

/// A server of the feed and its stories, each request on its own thread.
fn start() -> String {
    let server = Arc::new(tiny_http::Server::http("127.0.0.1:0").expect("a local port"));
    let base = format!("http://127.0.0.1:{}", server.server_addr().to_ip().unwrap().port());
    let feed = Arc::new(feed(&base));
    let pages: Arc<Vec<String>> = Arc::new((0..ITEMS).map(page).collect());
    std::thread::spawn(move || {
        for request in server.incoming_requests() {
            let (feed, pages) = (Arc::clone(&feed), Arc::clone(&pages));
            std::thread::spawn(move || {
                let url = request.url().to_owned();
                let (body, ty) =
                    match url.strip_prefix("/story/").and_then(|k| k.parse::<usize>().ok()) {
                        Some(k) if k < ITEMS => (pages[k].clone(), "text/html; charset=utf-8"),
                        _ => ((*feed).clone(), "application/rss+xml"),
                    };
                let header = tiny_http::Header::from_bytes("Content-Type", ty).unwrap();
                let _ = request.respond(tiny_http::Response::from_string(body).with_header(header));
            });
        }
    });
    base
}

fn feed_to_library(c: &mut Criterion) {
    let base = start();
    let url = format!("{base}/feed.xml");
    let options = LoadOptions::default();
    let lexicon = whosaid::Lexicon::builtin();
    let mut group = c.benchmark_group("feed");
    group.sample_size(10);
    group.bench_function("200 items to an analysed library", |b| {
        b.iter(|| {
            let client = Client::new(&options).without_cache();
            let page = client.get(&url).expect("the feed");
            let articles =
                web::feed_articles(&url, &page.body, Some(&url), &client).expect("items");
            assert_eq!(articles.len(), ITEMS);
            let mut library = Library::new(articles);
            library.analyse_all(lexicon);
            black_box(library.done())
        })
    });
    group.bench_function("200 items to a library (fetched, not yet analysed)", |b| {
        b.iter(|| {
            let client = Client::new(&options).without_cache();
            let page = client.get(&url).expect("the feed");
            let articles =
                web::feed_articles(&url, &page.body, Some(&url), &client).expect("items");
            black_box(Library::new(articles).len())
        })
    });
    // The reader's way: the Library on screen at once, the stories fetched and the
    // articles analysed behind it. "listed": every item has its row (half of them
    // still fetching); "analysed": the last analysis arrived.
    let mut quiet = options;
    quiet.net.cache_max_bytes = 0;
    let analyser: whosaid::library::Analyser =
        std::sync::Arc::new(move |text: &str| whosaid::analyse(text, lexicon));
    let until = |done: &dyn Fn(&Library) -> bool| {
        let inputs = vec![web::FeedInput::Url(url.clone())];
        let (mut library, arrivals) =
            Library::load_feeds_in_background(inputs, quiet, std::sync::Arc::clone(&analyser));
        while !done(&library) {
            let arrival = arrivals.recv().expect("the background sends until done");
            library.take(arrival);
        }
        library.len()
    };
    group.bench_function("200 items to a listed Library (background)", |b| {
        b.iter(|| black_box(until(&|l| l.len() == ITEMS)))
    });
    group.bench_function("200 items to an analysed Library (background)", |b| {
        b.iter(|| black_box(until(&|l| l.files.is_some() && !l.busy())))
    });
    group.finish();
}

criterion_group!(benches, feed_to_library);
criterion_main!(benches);
