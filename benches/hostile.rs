//! Hostile page shapes at 1x, 4x and 16x their base size, and an ordinary page: each should take about four
//! times as long as the size before it. Before the depth guard followed the parser's
//! rules these were quadratic: 25,000 `<div/>` took 38 s, 6,250 `<div><object></div>`
//! 44 s, one `<p>` with 250,000 attributes 19 s; 4 MB of one paragraph under 300 `div`s
//! took 7 s before the depth kept followed the text's length (each byte was counted once
//! per level).

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use whosaid::source::{self, Format};

const STORY: &str = "<p>Foreign Minister Peter Szijjarto said on Monday that the dams must open \
                     before the spring floods reach the plain.</p>";

/// The page of a shape, `n` times its unit.
fn page(shape: &str, n: usize) -> String {
    let body = match shape {
        "self-closing-div" => "<div/>".repeat(n),
        "div-object" => "<div><object></div>".repeat(n),
        "attributes" => {
            let attrs: String = (0..n).map(|i| format!(" a{i}=x")).collect();
            format!("<p{attrs}>One paragraph with many attributes.</p>")
        }
        "deep-text" => format!(
            "{}<p>{}</p>{}",
            "<div>".repeat(300),
            "The dams must open before the floods. ".repeat(n),
            "</div>".repeat(300)
        ),
        _ => unreachable!("no shape {shape}"),
    };
    format!("<html><head><title>Hostile</title></head><body>{STORY}{body}{STORY}</body></html>")
}

fn hostile(c: &mut Criterion) {
    let mut group = c.benchmark_group("hostile_html");
    group.sample_size(10);
    for (shape, unit) in [
        ("self-closing-div", 1_600),
        ("div-object", 400),
        ("attributes", 16_000),
        ("deep-text", 8_000),
    ] {
        for scale in [1, 4, 16] {
            let html = page(shape, unit * scale);
            group.throughput(Throughput::Bytes(html.len() as u64));
            group.bench_with_input(
                BenchmarkId::new(shape, format!("{scale}x")),
                &html,
                |b, html| {
                    b.iter(|| {
                        let articles =
                            source::parse("bench.html", html.clone().into_bytes(), Format::Html);
                        black_box(articles.map(|a| a.len()).unwrap_or(0))
                    })
                },
            );
        }
    }
    group.finish();
}

/// An ordinary saved news page, for the MB/s that hostile shapes are compared with.
fn ordinary(c: &mut Criterion) {
    let html = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/news_page.html"))
        .expect("the fixture page");
    let mut group = c.benchmark_group("ordinary_html");
    group.throughput(Throughput::Bytes(html.len() as u64));
    group.bench_function("news_page", |b| {
        b.iter(|| {
            let articles = source::parse("news_page.html", html.clone(), Format::Html);
            black_box(articles.map(|a| a.len()).unwrap_or(0))
        })
    });
    group.finish();
}

criterion_group!(benches, hostile, ordinary);
criterion_main!(benches);
