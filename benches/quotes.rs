//! Quote finding and attribution on hostile and quote-dense text of 10 KB, 1 MB and
//! 10 MB, so a step that is not linear shows as falling MB/s.
//!
//! - `find/unbalanced`: opening marks that never close, nested marks and apostrophes,
//!   in one paragraph with no line break (the worst case for "a quote ends with its
//!   paragraph") and in many short paragraphs.
//! - `attribute/one-sentence`: quotes and reporting verbs in a single sentence with no
//!   full stop, so every backward look is bounded only by its own caps.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use whosaid::analysis::{Actor, Kind, Lexicon, Mention, quotes, speakers, text::Document};

fn repeat_to(unit: &str, size: usize) -> String {
    unit.repeat(size / unit.len() + 1)
}

/// Text cut on a char boundary at or below `size` bytes.
fn cut(mut text: String, size: usize) -> String {
    let mut end = size.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.truncate(end);
    text
}

const SIZES: [(&str, usize, usize); 3] =
    [("10KB", 10_000, 100), ("1MB", 1_000_000, 10), ("10MB", 10_000_000, 10)];

fn find(c: &mut Criterion) {
    let mut group = c.benchmark_group("find");
    let one_paragraph = "He said \"it is 'not over, «never ‘the '90s don't \u{201c}end ";
    let paragraphs = "He said \"it is 'not over, and Jones' car is the '90s.\n";
    for (kind, unit) in
        [("unbalanced-one-paragraph", one_paragraph), ("unbalanced-paragraphs", paragraphs)]
    {
        for (label, size, samples) in SIZES {
            let text = cut(repeat_to(unit, size + 8), size);
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.sample_size(samples);
            group.bench_with_input(BenchmarkId::new(kind, label), &text, |b, text| {
                b.iter(|| quotes::find(black_box(text)))
            });
        }
    }
    group.finish();
}

/// Every "Ana Silva" and "Acme" in the text as two actors.
fn actors_of(text: &str) -> Vec<Actor> {
    let mentions = |name: &str| -> Vec<Mention> {
        text.match_indices(name)
            .map(|(start, _)| Mention { start, end: start + name.len(), demonym: false })
            .collect()
    };
    vec![
        Actor {
            id: 0,
            name: "Ana Silva".into(),
            kind: Kind::Person,
            aliases: vec![],
            mentions: mentions("Ana Silva"),
        },
        Actor {
            id: 1,
            name: "Acme".into(),
            kind: Kind::Organization,
            aliases: vec![],
            mentions: mentions("Acme"),
        },
    ]
}

fn attribute(c: &mut Criterion) {
    let mut group = c.benchmark_group("attribute");
    let unit = "\"We will win,\" Ana Silva said, adding \"that is all\", and the company, Acme, \
                which she runs, warned \"costs rise\" while he told reporters \"no\", ";
    for (label, size, samples) in SIZES {
        let text = cut(repeat_to(unit, size + 8), size);
        let doc = Document::new(&text);
        let spans = quotes::find(&text);
        let actors = actors_of(&text);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.sample_size(samples);
        group.bench_with_input(BenchmarkId::new("one-sentence", label), &text, |b, _| {
            b.iter(|| speakers::attribute(black_box(&doc), &spans, &actors, Lexicon::builtin()))
        });
    }
    group.finish();
}

criterion_group!(benches, find, attribute);
criterion_main!(benches);
