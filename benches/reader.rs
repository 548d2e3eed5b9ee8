//! The reader's speed on articles of 1 MB, 10 MB and 100 MB: opening one to the first
//! drawn frame (the app made, the text laid out, one draw), a resize to its frame, and
//! one key press (scroll a page, top to bottom, jump to a mention, next search match) to
//! a drawn frame. Frames are drawn into ratatui's TestBackend at 120×40.
//!
//! A second group draws an article of 100,000 quotes, stepping through them.
//!
//! The analysis is made here from a fixed list of names found by plain string search,
//! so the figures measure the reader, not the analyser, and hold whatever it finds.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;
use whosaid::analysis::{Actor, Analysis, Kind, Mention, Quote};
use whosaid::config::ViewSettings;
use whosaid::config::keymap::Keymap;
use whosaid::reader::app::{Action, App, Pane, update};
use whosaid::reader::ui;
use whosaid::source::{Article, samples};

/// The bundled samples repeated up to `size` bytes.
fn article_of(size: usize) -> String {
    samples::repeated(size)
}

/// Every occurrence of each name is a mention; every straight-quoted passage within a
/// paragraph is a quote.
fn analysis_of(text: &str) -> Analysis {
    let names = [
        (Kind::Person, "Gewessler"),
        (Kind::Person, "Fechet"),
        (Kind::Place, "Danube"),
        (Kind::Place, "Osaka"),
        (Kind::Organization, "ICPDR"),
        (Kind::Organization, "Rengo"),
    ];
    let actors = names
        .iter()
        .enumerate()
        .map(|(id, &(kind, name))| Actor {
            id,
            name: name.to_owned(),
            kind,
            unsure: false,
            aliases: vec![name.to_owned()],
            mentions: text
                .match_indices(name)
                .map(|(s, _)| Mention { start: s, end: s + name.len(), demonym: false })
                .collect(),
        })
        .collect();
    let mut quotes = Vec::new();
    let mut at = 0;
    for para in text.split('\n') {
        let qs: Vec<usize> = para.match_indices('"').map(|(i, _)| at + i).collect();
        for pair in qs.chunks_exact(2) {
            quotes.push(Quote {
                start: pair[0],
                end: pair[1] + 1,
                speaker: Some(0),
                cue: None,
                speaker_mention: None,
            });
        }
        at += para.len() + 1;
    }
    Analysis { actors, quotes }
}

/// The sizes every figure is given at: the reader's costs should not grow with them
/// (opening and resizing wrap what is on screen, not the article).
const SIZES: [(usize, &str); 3] =
    [(1_000_000, "1MB"), (10_000_000, "10MB"), (100_000_000, "100MB")];

fn reader(c: &mut Criterion) {
    for (size, label) in SIZES {
        reader_at(c, size, label);
    }
}

fn reader_at(c: &mut Criterion, size: usize, label: &str) {
    let text = article_of(size);
    let article = Article::from_text("bench", text);
    let analysis = analysis_of(article.body());
    let keymap = Keymap::builtin();
    let mut term = Terminal::new(TestBackend::new(120, 40)).expect("test backend");

    let mut group = c.benchmark_group(format!("reader_{label}"));
    group.sample_size(10);
    group.bench_function("open_to_first_frame", |b| {
        b.iter_batched(
            || (article.clone(), analysis.clone()),
            |(article, analysis)| {
                let mut app = App::new(article, analysis, &ViewSettings::default());
                update(&mut app, Action::Resize(120, 40));
                term.draw(|f| ui::draw(&app, &keymap, f)).expect("draws");
                app
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();

    let mut app = App::new(article.clone(), analysis.clone(), &ViewSettings::default());
    update(&mut app, Action::Resize(120, 40));
    // Half way down, so a resize has text above and below the reading place.
    update(&mut app, Action::Bottom);
    for _ in 0..3 {
        update(&mut app, Action::PageDown);
    }
    let mut group = c.benchmark_group(format!("reader_{label}"));
    group.sample_size(10);
    // N.B. Outside the closure, which criterion calls again for each sample: a sample
    // of one iteration would otherwise "resize" to the width it has.
    let mut wide = false;
    group.bench_function("resize_to_frame", |b| {
        b.iter(|| {
            wide = !wide;
            let w = if wide { 130 } else { 120 };
            term.backend_mut().resize(w, 40);
            update(&mut app, Action::Resize(w, 40));
            term.draw(|f| ui::draw(&app, &keymap, f)).expect("draws");
        })
    });
    group.finish();
    term.backend_mut().resize(120, 40);
    update(&mut app, Action::Resize(120, 40));

    let mut group = c.benchmark_group(format!("reader_{label}_key_to_frame"));
    update(&mut app, Action::Top);
    group.bench_function("scroll_down", |b| {
        b.iter(|| {
            update(&mut app, black_box(Action::PageDown));
            term.draw(|f| ui::draw(&app, &keymap, f)).expect("draws");
        })
    });
    // From one end of the article to the other and back: the farthest jumps there are.
    let mut bottom = false;
    group.bench_function("top_bottom", |b| {
        b.iter(|| {
            bottom = !bottom;
            update(&mut app, black_box(if bottom { Action::Bottom } else { Action::Top }));
            term.draw(|f| ui::draw(&app, &keymap, f)).expect("draws");
        })
    });
    while app.focus() != Pane::Actors {
        update(&mut app, Action::FocusNext);
    }
    update(&mut app, Action::Top);
    group.bench_function("next_mention", |b| {
        b.iter(|| {
            update(&mut app, black_box(Action::Next));
            term.draw(|f| ui::draw(&app, &keymap, f)).expect("draws");
        })
    });
    update(&mut app, Action::Search);
    for c in "river".chars() {
        update(&mut app, Action::Input(c));
    }
    update(&mut app, Action::Activate);
    group.bench_function("next_match", |b| {
        b.iter(|| {
            update(&mut app, black_box(Action::Next));
            term.draw(|f| ui::draw(&app, &keymap, f)).expect("draws");
        })
    });
    group.finish();
}

/// 100,000 quotes by three speakers taking turns, two by each in a row: the Quotes pane
/// walks its rows every frame, so this shows that the walk stays cheap.
fn many_quotes(c: &mut Criterion) {
    let mut text = String::new();
    let mut quotes = Vec::new();
    for i in 0..100_000 {
        let start = text.len();
        text.push_str("\"We will not wait,\" she said. ");
        quotes.push(Quote {
            start,
            end: start + 19,
            speaker: Some(i / 2 % 3),
            cue: None,
            speaker_mention: None,
        });
        if i % 10 == 9 {
            text.push_str("\n\n");
        }
    }
    let actors = (0..3)
        .map(|id| Actor {
            id,
            name: format!("Speaker {id}"),
            kind: Kind::Person,
            unsure: false,
            aliases: vec![],
            mentions: vec![],
        })
        .collect();
    let article = Article::from_text("quotes", text);
    let keymap = Keymap::builtin();
    let mut term = Terminal::new(TestBackend::new(120, 40)).expect("test backend");
    let mut app = App::new(article, Analysis { actors, quotes }, &ViewSettings::default());
    update(&mut app, Action::Resize(120, 40));
    let mut group = c.benchmark_group("reader_100k_quotes_key_to_frame");
    group.bench_function("next_quote", |b| {
        b.iter(|| {
            update(&mut app, black_box(Action::NextQuote));
            term.draw(|f| ui::draw(&app, &keymap, f)).expect("draws");
        })
    });
    // The walk is longest at the end of the list.
    while app.focus() != Pane::Quotes {
        update(&mut app, Action::FocusNext);
    }
    update(&mut app, Action::Bottom);
    update(&mut app, Action::Activate);
    assert_eq!(app.quote_sel(), 99_999);
    group.bench_function("prev_next_quote_at_the_end", |b| {
        b.iter(|| {
            update(&mut app, black_box(Action::PrevQuote));
            update(&mut app, black_box(Action::NextQuote));
            term.draw(|f| ui::draw(&app, &keymap, f)).expect("draws");
        })
    });
    group.finish();
}

criterion_group!(benches, reader, many_quotes);
criterion_main!(benches);
