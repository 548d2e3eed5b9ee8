//! A library of 1,000 news articles loaded and analysed on two threads (the goal: under
//! 2 s), and web-page extraction at growing sizes and depths, so a step that is not
//! linear in the page shows as falling MB/s.
//!
//! The articles are made at bench time from the bundled samples and, when present, the
//! dev texts under /work/shared/eval/dev (or `WHOSAID_BENCH_TEXTS`): each is varied
//! (paragraphs rotated, a numbered dateline) and written as text, Markdown, JSON or
//! HTML, so the directory is read the way a user's would be.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;
use whosaid::library::Library;
use whosaid::source::{LoadOptions, samples};
use whosaid::{Article, Lexicon};

/// The texts the articles are made from.
fn seed_texts() -> Vec<String> {
    let mut texts: Vec<String> = samples::ALL.iter().map(|(_, t)| (*t).to_owned()).collect();
    let dir =
        std::env::var("WHOSAID_BENCH_TEXTS").unwrap_or_else(|_| "/work/shared/eval/dev".to_owned());
    if let Ok(entries) = std::fs::read_dir(&dir) {
        let mut files: Vec<_> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        texts.extend(files.iter().filter_map(|f| std::fs::read_to_string(f).ok()));
    }
    texts
}

/// Writes `n` articles into `dir`, varied from the seed texts, in four formats.
fn write_library(dir: &Path, n: usize) -> u64 {
    let texts = seed_texts();
    let mut bytes = 0;
    for k in 0..n {
        let seed = &texts[k % texts.len()];
        let mut paras: Vec<&str> =
            seed.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).collect();
        let title = paras.remove(0).to_owned();
        if !paras.is_empty() {
            let by = (k / texts.len()) % paras.len();
            paras.rotate_left(by);
        }
        let title = format!("{title} ({k})");
        let dateline = format!("LONDON, Day {} — Report number {k}.", k % 28 + 1);
        let body: Vec<String> =
            std::iter::once(dateline).chain(paras.iter().map(|p| (*p).to_owned())).collect();
        let (name, content) = match k % 10 {
            0..=5 => (format!("{k:04}.txt"), format!("{title}\n\n{}\n", body.join("\n\n"))),
            6 | 7 => (format!("{k:04}.md"), format!("# {title}\n\n{}\n", body.join("\n\n"))),
            8 => {
                let doc = serde_json::json!({"title": title, "date": "2025-01-01", "body": body.join("\n\n")});
                (format!("{k:04}.json"), doc.to_string())
            }
            _ => {
                let ps: String = body.iter().map(|p| format!("<p>{}</p>\n", escape(p))).collect();
                let page = format!(
                    "<html><head><title>{}</title></head><body><nav><a href=/>Home</a></nav>\
                     <article><h1>{}</h1>{ps}</article><footer>© News</footer></body></html>",
                    escape(&title),
                    escape(&title)
                );
                (format!("{k:04}.html"), page)
            }
        };
        bytes += content.len() as u64;
        std::fs::write(dir.join(name), content).expect("the temporary directory takes files");
    }
    bytes
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn library(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let bytes = write_library(dir.path(), 1000);
    let path = vec![dir.path().to_string_lossy().into_owned()];
    let pool = rayon::ThreadPoolBuilder::new().num_threads(2).build().expect("two threads");
    let lexicon = Lexicon::builtin();
    let mut group = c.benchmark_group("library");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("1000 articles, load and analyse, 2 threads", |b| {
        b.iter(|| {
            pool.install(|| {
                let mut lib = Library::load(black_box(&path), &LoadOptions::default());
                assert!(lib.failures.is_empty(), "the articles load");
                lib.analyse_all(lexicon);
                assert_eq!(lib.done(), 1000);
                lib
            })
        })
    });
    let mut lib = pool.install(|| {
        let mut lib = Library::load(&path, &LoadOptions::default());
        assert!(lib.failures.is_empty(), "the articles load");
        lib.analyse_all(lexicon);
        lib
    });
    // The reader recounts the library's actors as analyses arrive: it must stay cheap.
    group.throughput(Throughput::Elements(lib.len() as u64));
    group.bench_function("actors merged over 1000 articles", |b| {
        b.iter(|| black_box(&mut lib).actors(lexicon))
    });
    group.finish();
}

/// A news page of about `size` bytes: paragraphs inside `depth` nested `div`s.
fn page_of(size: usize, depth: usize) -> String {
    let mut paras = String::new();
    let texts: Vec<&str> = samples::ALL.iter().flat_map(|(_, t)| t.split("\n\n")).collect();
    let mut i = 0;
    while paras.len() < size {
        paras.push_str("<p>");
        paras.push_str(&escape(texts[i % texts.len()].trim()));
        paras.push_str("</p>\n");
        i += 1;
    }
    format!(
        "<html><head><title>Page</title></head><body><nav>Home</nav><article>{}{paras}{}</article></body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    )
}

fn html(c: &mut Criterion) {
    let mut group = c.benchmark_group("html");
    group.sample_size(10);
    for (label, size, depth) in [
        ("100KB flat", 100_000, 0),
        ("1MB flat", 1_000_000, 0),
        ("100KB 20000 deep", 100_000, 20_000),
    ] {
        let page = page_of(size, depth);
        group.throughput(Throughput::Bytes(page.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(label), &page, |b, page| {
            b.iter(|| {
                let a: Vec<Article> = whosaid::source::parse(
                    "page.html",
                    black_box(page.clone().into_bytes()),
                    whosaid::source::Format::Html,
                )
                .expect("the page reads");
                a
            })
        });
    }
    group.finish();
}

criterion_group!(benches, library, html);
criterion_main!(benches);
