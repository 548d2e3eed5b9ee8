//! Analysis throughput on articles of 10 KB, 1 MB and 10 MB made by repeating the
//! bundled samples, so a step that is not linear shows as falling MB/s.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use whosaid::analysis::{actors, names, quotes, speakers, text::Document};
use whosaid::{Lexicon, analyse, source::samples};

/// The bundled samples repeated up to `size` bytes.
fn article_of(size: usize) -> String {
    samples::repeated(size)
}

/// The hostile shapes of a text that is not news: `n` capitalized words and nothing else,
/// one long run with no sentence end ("Kavo Lumire Tesa ..."), so every step that looks
/// at names sees one enormous name.
fn capitalized_words(n: usize) -> String {
    const SYLLABLES: [&str; 16] = [
        "ka", "lo", "mi", "re", "su", "ta", "ne", "vo", "ri", "da", "po", "le", "zu", "ba", "ki",
        "mo",
    ];
    let mut text = String::with_capacity(n * 8);
    let mut x: u32 = 0x2545_f491;
    for _ in 0..n {
        // A small xorshift: words vary, so sets and maps of names grow as they would.
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        let mut word = String::new();
        for k in 0..2 + (x as usize % 3) {
            word.push_str(SYLLABLES[(x as usize >> (4 * k)) % 16]);
        }
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            text.extend(first.to_uppercase());
            text.push_str(chars.as_str());
        }
        text.push(' ');
    }
    text
}

fn analysis(c: &mut Criterion) {
    let lexicon = Lexicon::builtin();
    let mut group = c.benchmark_group("analyse");
    for (label, size, samples) in
        [("10KB", 10_000, 100), ("1MB", 1_000_000, 10), ("10MB", 10_000_000, 10)]
    {
        let text = article_of(size);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.sample_size(samples);
        group.bench_with_input(BenchmarkId::from_parameter(label), &text, |b, text| {
            b.iter(|| analyse(black_box(text), lexicon))
        });
    }
    group.finish();

    // Issue 7's hostile shapes: time must stay linear in their size too.
    let mut group = c.benchmark_group("analyse_hostile");
    group.sample_size(10);
    // Each at two sizes, ten times apart, so a step that is not linear shows.
    let inputs = [
        ("1MB_one_line", article_of(1_000_000).replace('\n', " ")),
        ("10MB_one_line", article_of(10_000_000).replace('\n', " ")),
        ("100k_capitalized_words", capitalized_words(100_000)),
        ("1M_capitalized_words", capitalized_words(1_000_000)),
    ];
    for (label, text) in &inputs {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(label), text, |b, text| {
            b.iter(|| analyse(black_box(text), lexicon))
        });
    }
    group.finish();
}

/// Each step of the analysis on its own, at 10 KB, 1 MB and 10 MB, with the steps before
/// it done once outside the timing: the whole figure says whether the analysis is fast
/// enough, these say which step is not.
fn stages(c: &mut Criterion) {
    let lexicon = Lexicon::builtin();
    let mut group = c.benchmark_group("stage");
    group.sample_size(10);
    for (label, size) in [("10KB", 10_000), ("1MB", 1_000_000), ("10MB", 10_000_000)] {
        let text = article_of(size);
        group.throughput(Throughput::Bytes(text.len() as u64));
        let doc = Document::new(&text);
        let mentions = names::find(&doc, lexicon);
        let merged = actors::merge(&doc, mentions.clone(), lexicon);
        let spans = quotes::find(&text);
        group.bench_function(BenchmarkId::new("tokens", label), |b| {
            b.iter(|| Document::new(black_box(&text)))
        });
        group.bench_function(BenchmarkId::new("names", label), |b| {
            b.iter(|| names::find(black_box(&doc), lexicon))
        });
        group.bench_function(BenchmarkId::new("actors", label), |b| {
            b.iter(|| actors::merge(&doc, black_box(mentions.clone()), lexicon))
        });
        group.bench_function(BenchmarkId::new("quotes", label), |b| {
            b.iter(|| quotes::find(black_box(&text)))
        });
        group.bench_function(BenchmarkId::new("speakers", label), |b| {
            b.iter(|| speakers::attribute(&doc, black_box(&spans), &merged, lexicon))
        });
    }
    group.finish();
}

criterion_group!(benches, analysis, stages);
criterion_main!(benches);
