//! Quote finding and attribution, alone and inside the whole analysis, on text of
//! 10 KB, 1 MB and 10 MB, so a step that is not linear shows as falling MB/s.
//!
//! - `stages`: the bundled sample repeated (a quote-dense news article, as in the
//!   analysis benchmark), each step timed alone: `tokenize` (text::Document::new) is the
//!   yardstick, and `quotes::find` and `speakers::attribute` should each cost a small
//!   fraction of it.
//! - `find`: hostile marks for the quote finder alone: opening marks that never close,
//!   nested marks and apostrophes, in one paragraph with no line break (the worst case
//!   for "a quote ends with its paragraph") and in many short paragraphs.
//! - `attribute/one-sentence`: quotes and reporting verbs in a single sentence with no
//!   full stop, so every backward look is bounded only by its own caps.
//! - `hostile`: the whole `analyse` on 100,000 quotes (and the same density at every
//!   size), and on unbalanced marks everywhere, so time per MB must stay flat.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use whosaid::analysis::{
    Actor, Kind, Lexicon, Mention, actors, analyse, names, quotes, speakers, text::Document,
};
use whosaid::source::samples;

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

/// The bundled samples repeated up to `size` bytes.
fn article_of(size: usize) -> String {
    samples::repeated(size)
}

fn stages(c: &mut Criterion) {
    let lexicon = Lexicon::builtin();
    let mut group = c.benchmark_group("stages");
    for (label, size, samples) in SIZES {
        let text = article_of(size);
        let doc = Document::new(&text);
        let actors = actors::merge(&doc, names::find(&doc, lexicon), lexicon);
        let spans = quotes::find(&text);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.sample_size(samples);
        group.bench_with_input(BenchmarkId::new("tokenize", label), &text, |b, text| {
            b.iter(|| Document::new(black_box(text)))
        });
        group.bench_with_input(BenchmarkId::new("quotes-find", label), &text, |b, text| {
            b.iter(|| quotes::find(black_box(text)))
        });
        group.bench_with_input(BenchmarkId::new("speakers-attribute", label), &text, |b, _| {
            b.iter(|| speakers::attribute(black_box(&doc), &spans, &actors, lexicon))
        });
    }
    group.finish();
}

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
            unsure: false,
            aliases: vec![],
            mentions: mentions("Ana Silva"),
        },
        Actor {
            id: 1,
            name: "Acme".into(),
            kind: Kind::Organization,
            unsure: false,
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

/// Short attributed quotes of every shape, about 25 bytes a quote: 100,000 quotes fill
/// 2.5 MB. Names vary so the actor steps see many actors, not one.
fn many_quotes(size: usize) -> String {
    const SHAPES: [&str; 4] =
        ["\"Yes,\" {} said. ", "{} said: \"No.\" ", "\"Maybe,\" said {}. ", "He added \"fine\". "];
    const NAMES: [&str; 5] = ["Ana Silva", "Bo Lee", "the minister", "Acme Corp", "she"];
    let mut text = String::with_capacity(size + 64);
    let mut i = 0usize;
    while text.len() < size {
        let shape = SHAPES[i % SHAPES.len()];
        text.push_str(&shape.replace("{}", NAMES[(i / 4) % NAMES.len()]));
        if i % 7 == 6 {
            text.push_str("\n\n");
        }
        i += 1;
    }
    cut(text, size)
}

fn hostile(c: &mut Criterion) {
    let lexicon = Lexicon::builtin();
    let mut group = c.benchmark_group("hostile");
    let quotes_100k = many_quotes(2_500_000);
    let count = quotes::find(&quotes_100k).len();
    assert!(count >= 100_000, "{count} quotes");
    group.throughput(Throughput::Bytes(quotes_100k.len() as u64));
    group.sample_size(10);
    group.bench_with_input(
        BenchmarkId::new("analyse-quotes", "100k-quotes-2.5MB"),
        &quotes_100k,
        |b, text| b.iter(|| analyse(black_box(text), lexicon)),
    );
    let unbalanced = "Ana Silva said \"it is 'not over, «never ‘the '90s don't \u{201c}end, \
                      Bo Lee told \u{201e}Acme ";
    for (label, size, samples) in SIZES {
        for (kind, text) in [
            ("analyse-quotes", many_quotes(size)),
            ("analyse-unbalanced", cut(repeat_to(unbalanced, size + 8), size)),
        ] {
            group.throughput(Throughput::Bytes(text.len() as u64));
            group.sample_size(samples);
            group.bench_with_input(BenchmarkId::new(kind, label), &text, |b, text| {
                b.iter(|| analyse(black_box(text), lexicon))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, stages, find, attribute, hostile);
criterion_main!(benches);
