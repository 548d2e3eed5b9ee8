//! The whole path of `whosaid --json FILE` in one process, as a script pays it: read the
//! file, decode it and tell its format, analyse, write the JSON (into a sink), at 10 KB,
//! 1 MB and 10 MB (100 MB with `WHOSAID_BENCH_100MB=1`), in MB/s, so a step that is not
//! linear shows as falling throughput. Before the timings it prints the peak heap of
//! the same path per input byte, counted by a global allocator. The `floor` group is
//! what the path is measured against: one aho-corasick pass over the lexicon's phrases,
//! with the read and the UTF-8 check, on the same files.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use criterion::{BenchmarkId, Criterion, Throughput};
use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use whosaid::Lexicon;
use whosaid::library::Library;
use whosaid::print::{self, Shape};
use whosaid::source::{self, LoadOptions, samples};

/// The system allocator, counting the bytes live and the most ever live at once.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(n: usize) {
    let now = LIVE.fetch_add(n, Relaxed) + n;
    PEAK.fetch_max(now, Relaxed);
}

// SAFETY: every call is passed on to the system allocator unchanged; only counted.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's layout, as GlobalAlloc::alloc requires.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as alloc.
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: ptr was allocated by System with this layout (every allocation is).
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: as dealloc, with the caller's new size.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                grew(new_size - layout.size());
            } else {
                LIVE.fetch_sub(layout.size() - new_size, Relaxed);
            }
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// A writer that keeps nothing, as a pipe to another program costs this one.
struct Sink(usize);

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// `whosaid --json path` but for starting the process: what main does after parsing
/// its arguments. Returns the bytes written.
fn json_of(path: &Path) -> usize {
    let articles = source::load_path_with(path, &LoadOptions::default()).expect("the input loads");
    let mut library = Library::new(articles);
    library.analyse_all(Lexicon::builtin());
    let mut out = std::io::BufWriter::with_capacity(1 << 16, Sink(0));
    for (i, article) in library.articles.iter().enumerate() {
        let analysis = library.analyses[i].take().unwrap_or_default();
        print::write_json(&mut out, article, &analysis, Shape::Pretty).expect("a sink takes all");
    }
    out.into_inner().map_or(0, |s| s.0)
}

/// The articles, as files: the bundled samples repeated up to each size.
struct Inputs {
    _dir: tempfile::TempDir,
    files: Vec<(&'static str, PathBuf, usize)>,
}

impl Inputs {
    fn new() -> Inputs {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let mut sizes = vec![("10KB", 10_000), ("1MB", 1_000_000), ("10MB", 10_000_000)];
        if std::env::var_os("WHOSAID_BENCH_100MB").is_some() {
            sizes.push(("100MB", 100_000_000));
        }
        let files = sizes
            .into_iter()
            .map(|(label, size)| {
                let text = samples::repeated(size);
                let path = dir.path().join(format!("{label}.txt"));
                std::fs::write(&path, &text).expect("the temporary file is written");
                (label, path, text.len())
            })
            .collect();
        Inputs { _dir: dir, files }
    }
}

/// Peak heap per input byte of the whole path, at each size: the figure that must stay
/// flat (and small) as articles grow.
fn memory(inputs: &Inputs) {
    for (label, path, len) in &inputs.files {
        let before = LIVE.load(Relaxed);
        PEAK.store(before, Relaxed);
        black_box(json_of(path));
        let peak = PEAK.load(Relaxed) - before;
        println!(
            "process/{label}: peak heap {:.1} MiB, {:.2} bytes per input byte",
            peak as f64 / (1 << 20) as f64,
            peak as f64 / *len as f64
        );
    }
}

fn samples_for(len: usize) -> usize {
    if len > 5_000_000 {
        10
    } else if len > 500_000 {
        20
    } else {
        100
    }
}

fn process(c: &mut Criterion, inputs: &Inputs) {
    let mut group = c.benchmark_group("process");
    for (label, path, len) in &inputs.files {
        group.throughput(Throughput::Bytes(*len as u64));
        group.sample_size(samples_for(*len));
        group.bench_with_input(BenchmarkId::from_parameter(label), path, |b, path| {
            b.iter(|| json_of(black_box(path)))
        });
    }
    group.finish();
}

/// One pass of an aho-corasick DFA over the lexicon's phrases, with the read and the
/// UTF-8 check: the least any analysis of the file could cost.
fn floor(c: &mut Criterion, inputs: &Inputs) {
    let phrases: Vec<&str> = Lexicon::builtin_phrases().collect();
    let ac = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(AhoCorasickKind::DFA))
        .build(&phrases)
        .expect("the phrases make an automaton");
    let mut group = c.benchmark_group("floor");
    for (label, path, len) in &inputs.files {
        group.throughput(Throughput::Bytes(*len as u64));
        group.sample_size(samples_for(*len));
        group.bench_with_input(BenchmarkId::from_parameter(label), path, |b, path| {
            b.iter(|| {
                let bytes = std::fs::read(black_box(path)).expect("the input reads");
                let text = std::str::from_utf8(&bytes).expect("UTF-8");
                ac.find_iter(text).count()
            })
        });
    }
    group.finish();
}

fn main() {
    let inputs = Inputs::new();
    memory(&inputs);
    let mut c = Criterion::default().configure_from_args();
    process(&mut c, &inputs);
    floor(&mut c, &inputs);
    c.final_summary();
}
