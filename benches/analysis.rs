//! Analysis throughput on articles of 10 KB, 1 MB and 10 MB made by repeating the
//! bundled samples, so a step that is not linear shows as falling MB/s.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use whosaid::{Lexicon, analyse, source::samples};

/// Repeats the samples, paragraph-separated, until the text is `size` bytes long.
fn article_of(size: usize) -> String {
    let mut text = String::with_capacity(size + 8192);
    'fill: loop {
        for (_, sample) in samples::ALL {
            for para in sample.split("\n\n") {
                if text.len() + para.len() + 2 > size {
                    break 'fill;
                }
                text.push_str(para);
                text.push_str("\n\n");
            }
        }
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
}

criterion_group!(benches, analysis);
criterion_main!(benches);
