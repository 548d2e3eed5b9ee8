//! Many articles: the library model, its actors across articles, the Library pane drawn
//! into a test terminal, and `--json` over several inputs.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::Value;
use std::process::Command;
use whosaid::config::keymap::Keymap;
use whosaid::config::{View as ViewPrefs, ViewSettings};
use whosaid::library::{Library, LibraryActor, Row};
use whosaid::reader::app::{Action, Pane};
use whosaid::reader::library::{Place, Shelf, View, draw, progress, update};
use whosaid::source::LoadOptions;
use whosaid::{Lexicon, analyse};

const LIB: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/library");
const FIX: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");

fn load(paths: &[&str]) -> Library {
    let paths: Vec<String> = paths.iter().map(|p| p.to_string()).collect();
    Library::load(&paths, &LoadOptions::default())
}

fn analysed(paths: &[&str]) -> Library {
    let mut lib = load(paths);
    lib.analyse_all(Lexicon::builtin());
    lib
}

fn actor<'a>(actors: &'a [LibraryActor], name: &str) -> &'a LibraryActor {
    actors.iter().find(|a| a.name == name).unwrap_or_else(|| {
        panic!("no {name} in {:?}", actors.iter().map(|a| &a.name).collect::<Vec<_>>())
    })
}

#[test]
fn paths_and_directories_load_in_order() {
    let lib = load(&[&format!("{FIX}/article.json"), LIB, &format!("{FIX}/articles.jsonl")]);
    assert!(lib.failures.is_empty(), "{:?}", lib.failures);
    let sources: Vec<&str> = lib.articles.iter().map(|a| a.source.as_str()).collect();
    assert_eq!(sources.len(), 1 + 3 + 3, "{sources:?}");
    assert!(sources[0].ends_with("article.json"));
    assert!(sources[1].ends_with("01_talks.txt"));
    assert!(sources[2].ends_with("02_grain.md"));
    assert!(sources[3].ends_with("03_reaction.json"));
    assert!(sources[4].ends_with("articles.jsonl#1"));
    assert_eq!(lib.done(), 0);
    // An input that cannot be used is listed with its reason, not the end of the rest.
    let paths = [format!("{FIX}/hostile/image.png"), format!("{LIB}/01_talks.txt")];
    let lib = Library::load(&paths, &LoadOptions::default());
    assert_eq!(lib.len(), 1);
    assert_eq!(lib.failures.len(), 1);
    assert!(lib.failures[0].reason.contains("image.png"), "{:?}", lib.failures);
    assert_eq!(lib.rows(), [Row::Failed(0), Row::Article(0)], "in the order given");
}

#[test]
fn each_analysis_is_the_pure_analysis_of_its_article() {
    let lib = analysed(&[LIB]);
    for (article, analysis) in lib.articles.iter().zip(&lib.analyses) {
        assert_eq!(analysis.as_ref(), Some(&analyse(article.body(), Lexicon::builtin())));
    }
}

#[test]
fn background_analyses_arrive_for_every_article() {
    let mut lib = load(&[LIB, FIX]);
    let expected = analysed(&[LIB, FIX]);
    let arrivals = lib.analyse_in_background(Lexicon::builtin());
    // Blocking on the channel here is the test's choice; the reader polls it.
    while lib.done() < lib.len() {
        lib.take(arrivals.recv().expect("every article is analysed"));
    }
    assert!(!lib.receive(&arrivals), "nothing is sent twice");
    assert_eq!(lib.analyses, expected.analyses);
}

#[test]
fn actors_merge_across_articles_by_name_title_and_unique_surname() {
    let lib = analysed(&[LIB]);
    let actors = lib.actors(Lexicon::builtin());
    let putin = actor(&actors, "Vladimir Putin");
    // "Vladimir Putin" twice, and a bare "President Putin" in the third: the library
    // has one Putin, so the surname joins him.
    assert_eq!(putin.articles, 3, "{putin:?}");
    let per_article: usize = putin
        .occurrences
        .iter()
        .map(|o| lib.analyses[o.article].as_ref().unwrap().actors[o.actor].mentions.len())
        .sum();
    assert_eq!(putin.mentions, per_article);
    assert!(putin.quotes >= 1);
    assert_eq!(actor(&actors, "Black Sea").articles, 2);
    assert_eq!(actor(&actors, "Odesa").articles, 2);
    // Two Smiths are two people, each in one article.
    assert_eq!(actor(&actors, "John Smith").articles, 1);
    assert_eq!(actor(&actors, "Mary Smith").articles, 1);
    // Each article's actor is in exactly one library actor.
    let mut all: Vec<_> = actors.iter().flat_map(|a| a.occurrences.iter().copied()).collect();
    let n = all.len();
    all.sort();
    all.dedup();
    assert_eq!(all.len(), n);
    let total: usize = lib.analyses.iter().flatten().map(|a| a.actors.len()).sum();
    assert_eq!(n, total);
    // Most articles first.
    assert!(actors.windows(2).all(|w| w[0].articles >= w[1].articles));
}

#[test]
fn lexicon_entities_merge_whatever_the_spelling() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "Talks\n\nThe United States sent aid.\n").unwrap();
    std::fs::write(dir.path().join("b.txt"), "Aid\n\nThe U.S. sent more aid on Monday.\n").unwrap();
    let lib = analysed(&[dir.path().to_str().unwrap()]);
    let actors = lib.actors(Lexicon::builtin());
    let us: Vec<_> = actors.iter().filter(|a| a.articles == 2).collect();
    assert_eq!(us.len(), 1, "{actors:?}");
}

fn shelf(paths: &[&str]) -> Shelf {
    let mut shelf = Shelf::new(analysed(paths), Lexicon::builtin(), &ViewSettings::default());
    shelf.refresh_actors();
    update(&mut shelf, Action::Resize(120, 40));
    shelf
}

#[test]
fn each_article_keeps_its_position_and_selections() {
    let mut s = shelf(&[LIB]);
    update(&mut s, Action::Activate);
    assert_eq!(s.view, View::Article(0));
    let app = s.apps[0].as_mut().unwrap();
    app.focus_on(Pane::Quotes);
    update(&mut s, Action::Down);
    update(&mut s, Action::Activate);
    let (mark0, quote0) = {
        let app = s.apps[0].as_ref().unwrap();
        (app.mark(), app.quote_sel())
    };
    assert_eq!(quote0, 1);
    assert!(mark0.is_some());
    update(&mut s, Action::Library);
    assert_eq!(s.view, View::Articles);
    update(&mut s, Action::Down);
    update(&mut s, Action::Activate);
    assert_eq!(s.view, View::Article(1));
    update(&mut s, Action::Library);
    update(&mut s, Action::Up);
    update(&mut s, Action::Activate);
    let app = s.apps[0].as_ref().unwrap();
    assert_eq!((app.mark(), app.quote_sel(), app.focus()), (mark0, quote0, Pane::Quotes));
    // q goes back one level: from the article to the list, and from the list it quits.
    update(&mut s, Action::Quit);
    assert_eq!((s.view, s.quit), (View::Articles, false));
    update(&mut s, Action::Quit);
    assert!(s.quit);
}

#[test]
fn the_library_actor_jumps_to_quotes_and_mentions_in_any_article() {
    let mut s = shelf(&[LIB]);
    update(&mut s, Action::FocusNext);
    assert_eq!(s.view, View::Actors { places: false });
    let row = s.actors.iter().position(|a| a.name == "Vladimir Putin").unwrap();
    update(&mut s, Action::Top);
    for _ in 0..row {
        update(&mut s, Action::Down);
    }
    update(&mut s, Action::Activate);
    assert_eq!(s.view, View::Actors { places: true });
    let places = s.places();
    let last = places.last().copied().unwrap();
    let Place::Mention { article, actor, mention } = last else { panic!("{last:?}") };
    assert_eq!(article, 2, "the last article's mention comes last");
    update(&mut s, Action::Bottom);
    update(&mut s, Action::Activate);
    assert_eq!(s.view, View::Article(2));
    let app = s.apps[2].as_ref().unwrap();
    let want = s.library.analyses[2].as_ref().unwrap().actors[actor].mentions[mention].span();
    assert_eq!(app.mark(), Some(want));
    assert_eq!(app.selected_actor(), Some(actor));
    // A quote of his in the first article.
    update(&mut s, Action::Library);
    assert_eq!(s.view, View::Actors { places: true });
    let q = s.places().iter().position(|p| matches!(p, Place::Quote { .. })).unwrap();
    let Place::Quote { article, quote } = s.places()[q] else { unreachable!() };
    update(&mut s, Action::Top);
    for _ in 0..q {
        update(&mut s, Action::Down);
    }
    update(&mut s, Action::Activate);
    assert_eq!(s.view, View::Article(article));
    let app = s.apps[article].as_ref().unwrap();
    let span = s.library.analyses[article].as_ref().unwrap().quotes[quote].span();
    assert_eq!(app.mark(), Some(span));
}

fn screen(s: &Shelf, w: u16, h: u16) -> String {
    let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
    term.draw(|f| draw(s, &Keymap::builtin(), f)).unwrap();
    let buf = term.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..h {
        for x in 0..w {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
}

#[test]
fn the_pane_lists_articles_with_dates_and_counts() {
    let s = shelf(&[LIB]);
    let out = screen(&s, 100, 12);
    assert!(out.contains("Library: 3 articles"), "{out}");
    assert!(!out.contains("analysing"), "{out}");
    let row = out.lines().find(|l| l.contains("Kremlin welcomes grain deal")).expect(&out);
    assert!(row.contains("2025-03-07"), "{row}");
    let counts: Vec<&str> =
        row.trim_end().trim_end_matches('│').split_whitespace().rev().take(2).collect();
    let a = s.library.analyses[2].as_ref().unwrap();
    assert_eq!(counts, [a.quotes.len().to_string(), a.actors.len().to_string()], "{row}");
    assert!(out.contains("Putin and Erdogan meet in Sochi"), "{out}");
}

#[test]
fn the_pane_is_usable_before_the_analyses_arrive() {
    let mut s = Shelf::new(load(&[LIB]), Lexicon::builtin(), &ViewSettings::default());
    update(&mut s, Action::Resize(100, 12));
    assert_eq!(progress(&s.library).as_deref(), Some("analysing 0/3"));
    let out = screen(&s, 100, 12);
    assert!(out.contains("analysing 0/3"), "{out}");
    assert!(out.contains('…'), "{out}");
    update(&mut s, Action::Activate);
    assert_eq!(s.view, View::Articles);
    assert!(s.message.as_deref().is_some_and(|m| m.contains("analysing")));
    // One arrives: it opens, while the progress stays in sight.
    let a = analyse(s.library.articles[0].body(), Lexicon::builtin());
    s.library.analyses[0] = Some(a);
    s.refresh_actors();
    update(&mut s, Action::Activate);
    assert_eq!(s.view, View::Article(0));
    assert!(screen(&s, 100, 30).contains("analysing 1/3"));
}

#[test]
fn the_actors_view_counts_mentions_in_articles() {
    let mut s = shelf(&[LIB]);
    update(&mut s, Action::FocusNext);
    let out = screen(&s, 120, 20);
    let putin = actor(&s.actors, "Vladimir Putin");
    let line = format!("Vladimir Putin — {} mentions in 3 articles", putin.mentions);
    assert!(out.contains(&line), "{out}");
    assert!(out.contains("Quotes and mentions of"), "{out}");
}

fn whosaid(args: &[&str]) -> std::process::Output {
    // An empty config directory of its own, never the user's lexicon.
    Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .args(args)
        .env("WHOSAID_CONFIG_DIR", concat!(env!("CARGO_TARGET_TMPDIR"), "/no-config-library"))
        .output()
        .expect("the binary runs")
}

#[test]
fn json_over_several_inputs_is_json_lines_with_sources() {
    let out = whosaid(&["--json", &format!("{FIX}/article.json"), LIB]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8(out.stdout).unwrap();
    let docs: Vec<Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(docs.len(), 4);
    assert!(docs[0]["source"].as_str().unwrap().ends_with("article.json"));
    assert!(docs[3]["source"].as_str().unwrap().ends_with("03_reaction.json"));
    for d in &docs {
        assert_eq!(d["schema"], "whosaid.analysis/1");
        let t = d["text"].as_str().unwrap();
        let a = analyse(t, Lexicon::builtin());
        assert_eq!(d["actors"].as_array().unwrap().len(), a.actors.len());
    }
    // One input keeps the single (pretty) document.
    let one = whosaid(&["--json", &format!("{LIB}/01_talks.txt")]);
    let doc: Value = serde_json::from_slice(&one.stdout).unwrap();
    assert!(doc["source"].as_str().unwrap().ends_with("01_talks.txt"));
    assert!(String::from_utf8_lossy(&one.stdout).lines().count() > 1);
}

#[test]
fn back_from_an_article_is_where_it_was_opened_from() {
    let mut s = shelf(&[LIB]);
    update(&mut s, Action::FocusNext);
    update(&mut s, Action::Activate);
    update(&mut s, Action::Activate);
    assert!(matches!(s.view, View::Article(_)));
    update(&mut s, Action::Library);
    assert_eq!(s.view, View::Actors { places: true });
    update(&mut s, Action::FocusNext);
    update(&mut s, Action::Activate);
    update(&mut s, Action::Library);
    assert_eq!(s.view, View::Articles);
}

#[test]
fn actors_are_recounted_when_shown_after_analyses_arrive() {
    let lib = load(&[LIB]);
    let arrivals = lib.analyse_in_background(Lexicon::builtin());
    let mut s = Shelf::new(lib, Lexicon::builtin(), &ViewSettings::default());
    update(&mut s, Action::Resize(100, 20));
    assert!(s.actors.is_empty());
    while s.library.done() < s.library.len() {
        if !s.receive(&arrivals) {
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }
    // Not on screen: not counted yet.
    assert!(s.actors_stale && s.actors.is_empty());
    update(&mut s, Action::FocusNext);
    assert!(!s.actors_stale);
    assert_eq!(s.actors, s.library.actors(Lexicon::builtin()));
}

#[test]
fn every_view_draws_at_any_size_without_panicking() {
    let mut s = shelf(&[LIB, FIX]);
    let views: [&[Action]; 4] = [
        &[],
        &[Action::FocusNext],
        &[Action::FocusNext, Action::FocusNext, Action::Bottom],
        &[Action::Activate],
    ];
    for actions in views {
        for &(w, h) in &[(1, 1), (2, 2), (10, 3), (39, 11), (80, 24), (200, 60)] {
            let mut t = Shelf::new(
                std::mem::take(&mut s.library),
                Lexicon::builtin(),
                &ViewSettings::default(),
            );
            t.refresh_actors();
            update(&mut t, Action::Resize(w, h));
            for &a in actions {
                update(&mut t, a);
            }
            let out = screen(&t, w, h);
            assert_eq!(out.lines().count(), usize::from(h));
            s.library = t.library;
        }
    }
}

#[test]
fn a_directory_lists_its_articles_sorted_without_hidden_files() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["b.txt", "a.md", ".hidden.txt", "image.png", "c.jsonl"] {
        std::fs::write(dir.path().join(name), "x").unwrap();
    }
    std::fs::create_dir(dir.path().join("sub.txt")).unwrap();
    let files = whosaid::source::articles_in(dir.path().to_str().unwrap()).unwrap();
    let names: Vec<_> = files.iter().map(|f| f.file_name().unwrap().to_str().unwrap()).collect();
    assert_eq!(names, ["a.md", "b.txt", "c.jsonl"]);
}

/// The settings reach an article opened from the Library as they reach one opened
/// alone: the wrap width, the pane widths and the palette of the config.
#[test]
fn an_article_opened_from_the_library_is_drawn_with_the_settings() {
    let mut view = ViewPrefs { wrap: 30, actors_width: 30, ..ViewPrefs::default() };
    view.palette.person = whosaid::config::Colour(Some(ratatui::style::Color::Red));
    let settings = ViewSettings { view, ..ViewSettings::default() };
    let mut s = Shelf::new(analysed(&[LIB]), Lexicon::builtin(), &settings);
    update(&mut s, Action::Resize(140, 40));
    update(&mut s, Action::Activate);
    assert_eq!(s.view, View::Article(0));
    let app = s.apps[0].as_ref().unwrap();
    assert_eq!(app.layout().width(), 30, "wrapped at the configured 30 columns");
    assert!(app.layout().total().n > 5);
    let mut term = Terminal::new(TestBackend::new(140, 40)).unwrap();
    term.draw(|f| draw(&s, &Keymap::builtin(), f)).unwrap();
    let buf = term.backend().buffer().clone();
    // The actors pane is 30 wide: its right border is in column 29.
    assert_eq!(buf[(29, 1)].symbol(), "│", "actors pane 30 wide");
    // A person's name is drawn in the configured red.
    assert!(buf.content().iter().any(|c| c.fg == ratatui::style::Color::Red), "palette used");
    // No article line is longer than the wrap width: the text starts after the left
    // pane, its border and padding, and nothing is drawn past 30 columns of it.
    // (The quotes pane is automatic: 140 / 4 = 35 wide.)
    let text_x = 30 + 2;
    for y in 2..38 {
        let line: String = (text_x + 30..140 - 35 - 1).map(|x| buf[(x, y)].symbol()).collect();
        assert!(line.trim().is_empty(), "row {y} past the wrap: {line:?}");
    }
}

/// A directory like the evaluation's: articles beside `.gold.json` files that hold
/// annotations and no article, a subdirectory, and a path that is not there.
fn eval_like() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(p.join("a_talks.txt"), "Talks\n\nVladimir Putin met Recep Erdogan.\n").unwrap();
    std::fs::write(p.join("a_talks.gold.json"), r#"{"source": {"corpus": "GUM"}, "actors": []}"#)
        .unwrap();
    std::fs::create_dir_all(p.join("2025/03")).unwrap();
    std::fs::write(p.join("2025/03/b_grain.md"), "# Grain\n\nThe ship left Odesa.\n").unwrap();
    std::fs::create_dir_all(p.join(".hidden")).unwrap();
    std::fs::write(p.join(".hidden/c.txt"), "Hidden\n\nNot read.\n").unwrap();
    dir
}

#[test]
fn the_library_skips_what_it_cannot_read_and_says_why() {
    let dir = eval_like();
    let d = dir.path().to_str().unwrap();
    let missing = format!("{d}/missing.txt");
    let lib = load(&[d, &missing]);
    let sources: Vec<&str> = lib.articles.iter().map(|a| a.source.as_str()).collect();
    assert_eq!(sources.len(), 2, "{sources:?}");
    assert!(sources[0].ends_with("a_talks.txt"), "{sources:?}");
    assert!(sources[1].ends_with("2025/03/b_grain.md"), "subdirectories are read: {sources:?}");
    let reasons: Vec<&str> = lib.failures.iter().map(|f| f.reason.as_str()).collect();
    assert_eq!(reasons.len(), 2, "{reasons:?}");
    assert!(reasons.iter().any(|r| r.contains("a_talks.gold.json") && r.contains("no body")));
    assert!(reasons.iter().any(|r| r.contains("missing.txt")), "{reasons:?}");
    assert!(reasons.iter().all(|r| !r.contains('\n')), "one line each");

    // On screen: every article, and each skipped input dimmed with its reason.
    let mut s = Shelf::new(lib, Lexicon::builtin(), &ViewSettings::default());
    s.library.analyse_all(Lexicon::builtin());
    update(&mut s, Action::Resize(120, 12));
    let out = screen(&s, 120, 12);
    let gold = out.lines().find(|l| l.contains("a_talks.gold.json")).expect(&out);
    assert!(gold.contains("skipped: the article has no body"), "{gold}");
    assert!(out.contains("missing.txt — skipped"), "{out}");
    assert!(out.contains("2 inputs skipped"), "{out}");
    let mut term = Terminal::new(TestBackend::new(120, 12)).unwrap();
    term.draw(|f| draw(&s, &Keymap::builtin(), f)).unwrap();
    let buf = term.backend().buffer().clone();
    let y = out.lines().position(|l| l.contains("a_talks.gold.json")).unwrap() as u16;
    let x = gold.find("a_talks.gold").map(|b| gold[..b].chars().count()).unwrap() as u16;
    assert!(buf[(x, y)].modifier.contains(ratatui::style::Modifier::DIM), "dimmed");
    // Enter on it says why rather than opening anything.
    let row = s.rows.iter().position(|r| matches!(r, Row::Failed(_))).unwrap();
    s.article_sel = row;
    update(&mut s, Action::Activate);
    assert_eq!(s.view, View::Articles);
    assert!(s.message.as_deref().is_some_and(|m| m.contains("skipped")), "{:?}", s.message);
}

#[test]
fn print_modes_skip_failed_inputs_on_stderr_and_exit_1_or_2_when_none_read() {
    let dir = eval_like();
    let d = dir.path().to_str().unwrap();
    let missing = format!("{d}/missing.txt");
    let out = whosaid(&["--json", d, &missing]);
    assert_eq!(out.status.code(), Some(1), "some inputs failed");
    let docs: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(docs.len(), 2, "the readable ones are printed");
    let err = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 2, "one line per failure: {err}");
    assert!(lines.iter().all(|l| l.starts_with("whosaid: skipped ")), "{err}");
    assert!(err.contains("missing.txt") && err.contains("gold.json"), "{err}");
    let plain = whosaid(&["--plain", d]);
    assert_eq!(plain.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&plain.stdout).contains("The ship left Odesa."));
    // Nothing readable at all: status 2.
    let none = whosaid(&["--json", &missing, &format!("{d}/a_talks.gold.json")]);
    assert_eq!(none.status.code(), Some(2));
    assert!(none.stdout.is_empty());
    assert!(String::from_utf8_lossy(&none.stderr).contains("none of the 2 inputs"));
}

#[test]
fn the_library_fills_from_the_background_in_the_order_given() {
    let dir = eval_like();
    let d = dir.path().to_str().unwrap().to_owned();
    let paths = vec![d.clone(), format!("{d}/missing.txt"), format!("{LIB}/01_talks.txt")];
    let expected = Library::load(&paths, &LoadOptions::default());
    let analyser: whosaid::library::Analyser =
        std::sync::Arc::new(|t: &str| analyse(t, Lexicon::builtin()));
    let (lib, arrivals) = Library::load_in_background(paths, LoadOptions::default(), analyser);
    let mut s = Shelf::new(lib, Lexicon::builtin(), &ViewSettings::default());
    update(&mut s, Action::Resize(120, 20));
    // At once: an empty list saying it is at work.
    assert!(s.busy());
    assert!(progress(&s.library).is_some());
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while s.busy() {
        if !s.receive(&arrivals) {
            update(&mut s, Action::Tick);
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        assert!(std::time::Instant::now() < deadline, "the background never ended");
    }
    assert_eq!(progress(&s.library), None);
    let titles = |lib: &Library, rows: &[Row]| -> Vec<String> {
        rows.iter()
            .map(|r| match *r {
                Row::Article(i) => lib.articles[i].source.clone(),
                Row::Failed(f) => lib.failures[f].source.clone(),
            })
            .collect()
    };
    assert_eq!(titles(&s.library, &s.rows), titles(&expected, &expected.rows()));
    for (i, a) in s.library.articles.iter().enumerate() {
        let want = analyse(a.body(), Lexicon::builtin());
        assert_eq!(s.library.analyses[i].as_ref(), Some(&want));
    }
}

#[test]
fn q_and_esc_go_back_one_level_and_q_at_the_top_quits() {
    let mut s = shelf(&[LIB]);
    update(&mut s, Action::FocusNext);
    update(&mut s, Action::Activate);
    assert_eq!(s.view, View::Actors { places: true });
    update(&mut s, Action::Cancel);
    assert_eq!(s.view, View::Actors { places: false });
    update(&mut s, Action::Quit);
    assert_eq!((s.view, s.quit), (View::Articles, false));
    update(&mut s, Action::Activate);
    assert_eq!(s.view, View::Article(0));
    // Esc in an article first ends what it can end (a search), then goes back.
    for a in [Action::Search, Action::Input('t'), Action::Activate] {
        update(&mut s, a);
    }
    assert!(s.apps[0].as_ref().unwrap().search().is_on());
    update(&mut s, Action::Cancel);
    assert_eq!(s.view, View::Article(0), "the search ends first");
    update(&mut s, Action::Cancel);
    assert_eq!(s.view, View::Articles);
    assert_eq!(s.left, Some(0), "the article left, for its place to be saved");
    // q while typing a search in the article is a letter.
    update(&mut s, Action::Activate);
    update(&mut s, Action::Search);
    update(&mut s, Action::Input('q'));
    assert_eq!(s.view, View::Article(0));
    update(&mut s, Action::Cancel);
    update(&mut s, Action::Quit);
    assert_eq!((s.view, s.quit), (View::Articles, false));
    update(&mut s, Action::Quit);
    assert!(s.quit);
    // Exit (Ctrl-c) quits from anywhere.
    let mut s = shelf(&[LIB]);
    update(&mut s, Action::Activate);
    update(&mut s, Action::Exit);
    assert!(s.quit);
}

#[test]
fn help_and_search_work_in_the_list() {
    let mut s = shelf(&[LIB]);
    update(&mut s, Action::Help);
    let out = screen(&s, 100, 40);
    assert!(out.contains("Keys"), "{out}");
    assert!(out.contains("back / quit"), "the help is the keymap's: {out}");
    update(&mut s, Action::Activate);
    assert!(!s.help, "a key closes the help");
    assert_eq!(s.view, View::Articles, "and does nothing else");
    // / types a query; Enter selects the first row that matches, n and N step.
    for a in [Action::Search, Action::Input('s'), Action::Input('o'), Action::Input('c')] {
        update(&mut s, a);
    }
    assert!(screen(&s, 100, 12).contains("/soc"));
    update(&mut s, Action::Activate);
    let title = |s: &Shelf| {
        let Row::Article(i) = s.rows[s.article_sel] else { panic!("an article row") };
        s.library.articles[i].title.clone().unwrap_or_default()
    };
    assert!(title(&s).contains("Sochi"), "{}", title(&s));
    // n round the end of the list says so, as in an article.
    let mut wrapped = None;
    for _ in 0..s.rows.len() {
        let before = s.article_sel;
        update(&mut s, Action::Next);
        assert!(title(&s).to_lowercase().contains("soc"), "{}", title(&s));
        if s.article_sel <= before {
            wrapped = s.message.clone();
            break;
        }
        assert_eq!(s.message, None, "no notice before the end");
    }
    assert_eq!(wrapped.as_deref(), Some("search hit BOTTOM, continuing at TOP"));
    for a in [Action::Search, Action::Input('a'), Action::Activate] {
        update(&mut s, a);
    }
    let a = s.article_sel;
    update(&mut s, Action::Next);
    assert_ne!(s.article_sel, a, "n moves to the next match");
    update(&mut s, Action::Prev);
    assert_eq!(s.article_sel, a, "N back");
    for a in [Action::Search, Action::Input('z'), Action::Input('q'), Action::Activate] {
        update(&mut s, a);
    }
    assert!(s.message.as_deref().is_some_and(|m| m.contains("no row matches")));
    // In the actors, the names are searched.
    update(&mut s, Action::FocusNext);
    for a in [Action::Search, Action::Input('e'), Action::Input('r'), Action::Input('d')] {
        update(&mut s, a);
    }
    update(&mut s, Action::Activate);
    assert!(s.actors[s.actor_sel].name.contains("Erdogan"), "{:?}", s.actors[s.actor_sel]);
}

#[test]
fn an_actors_places_follow_the_order_of_the_list() {
    // Articles that arrived out of order (as from the background): the last input first.
    let mut lib = Library::default();
    let paths: Vec<String> = ["01_talks.txt", "02_grain.md", "03_reaction.json"]
        .iter()
        .map(|f| format!("{LIB}/{f}"))
        .collect();
    for (input, path) in paths.iter().enumerate().rev() {
        let articles = whosaid::source::load_all(path).unwrap();
        lib.take(whosaid::library::Arrival::Loaded { input, articles });
    }
    lib.analyse_all(Lexicon::builtin());
    let mut s = Shelf::new(lib, Lexicon::builtin(), &ViewSettings::default());
    update(&mut s, Action::Resize(120, 30));
    let first = s.rows[0];
    assert_eq!(first, Row::Article(2), "the first input is listed first");
    update(&mut s, Action::FocusNext);
    let row = s.actors.iter().position(|a| a.name == "Vladimir Putin").unwrap();
    s.actor_sel = row;
    let articles: Vec<usize> = s
        .places()
        .iter()
        .map(|p| match *p {
            Place::Quote { article, .. } | Place::Mention { article, .. } => article,
        })
        .collect();
    let mut listed = articles.clone();
    listed.sort_by_key(|&a| s.rows.iter().position(|r| *r == Row::Article(a)));
    assert_eq!(articles, listed, "places in the list's order");
    assert_eq!(articles.first(), Some(&2));
}
