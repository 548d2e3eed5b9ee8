//! The reader remembers: the config file, the reading places, and the corrections kept
//! in the user lexicon; and nothing is lost on the way (broken files are reported and
//! left alone, writes are atomic, concurrent writers keep each other's entries).
//!
//! Every test works in a temporary directory; the binary is run with
//! WHOSAID_CONFIG_DIR and WHOSAID_STATE_DIR pointed there, so the real user's files are
//! never read or written.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use whosaid::analysis::{Analysis, Kind};
use whosaid::config::keymap::Keymap;
use whosaid::config::{self, Config, Paths, Settings, ViewSettings};
use whosaid::reader::Session;
use whosaid::reader::app::{Action, App, Pane, update};
use whosaid::reader::corrections::Request;
use whosaid::reader::ui::{self, Palette};
use whosaid::source::Article;
use whosaid::store::places::{self as state, Places};
use whosaid::store::userlex::{ActorDesc, Edit, UserLexicon};

const SUMMIT: &str = include_str!("../assets/samples/summit.txt");
const SUMMIT_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/samples/summit.txt");

/// The binary with its config and state directories in `root`.
fn whosaid(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .args(args)
        .env("WHOSAID_CONFIG_DIR", root.join("config"))
        .env("WHOSAID_STATE_DIR", root.join("state"))
        .env_remove("WHOSAID_KEYMAP")
        .output()
        .expect("the binary runs")
}

fn article(text: &str) -> Article {
    Article::from_bytes("test.txt", text.as_bytes().to_vec()).expect("a text article")
}

fn actor<'a>(a: &'a Analysis, name: &str) -> &'a whosaid::analysis::Actor {
    a.actors.iter().find(|x| x.name == name).unwrap_or_else(|| {
        let names: Vec<&str> = a.actors.iter().map(|x| x.name.as_str()).collect();
        panic!("no actor {name:?} in {names:?}")
    })
}

fn has_actor(a: &Analysis, name: &str) -> bool {
    a.actors.iter().any(|x| x.name == name)
}

fn desc(a: &Analysis, name: &str, text: &str) -> ActorDesc {
    ActorDesc::of(actor(a, name), text)
}

/// The invariants the reader and --json rely on hold after corrections too.
fn assert_well_formed(a: &Analysis, text: &str) {
    for (i, x) in a.actors.iter().enumerate() {
        assert_eq!(x.id, i);
        assert!(!x.mentions.is_empty());
        assert!(x.mentions.windows(2).all(|w| w[0].end <= w[1].start));
        for m in &x.mentions {
            let form = &text[m.start..m.end];
            assert!(x.aliases.iter().any(|al| al == form), "{form:?} not in {:?}", x.aliases);
        }
    }
    let firsts: Vec<usize> = a.actors.iter().map(|x| x.mentions[0].start).collect();
    assert!(firsts.windows(2).all(|w| w[0] <= w[1]), "actors in order of first mention");
    for q in &a.quotes {
        assert!(q.speaker.is_none_or(|s| s < a.actors.len()));
    }
}

// ---------------------------------------------------------------------------------------
// 1. The config file.

#[test]
fn the_default_config_parses_to_the_defaults_and_names_every_action() {
    let text = config::default_text();
    let parsed = Config::parse(&text).expect("the printed default config parses");
    assert_eq!(parsed, Config::default());
    let (ours, builtin) = (parsed.view().palette(true), Palette::new(true));
    for (a, b) in [
        (ours.person, builtin.person),
        (ours.organization, builtin.organization),
        (ours.place, builtin.place),
        (ours.quote, builtin.quote),
        (ours.matched, builtin.matched),
        (ours.focus, builtin.focus),
    ] {
        assert_eq!(a, b);
    }
    // Every action can be rebound: each has a commented line in [keys] that, uncommented,
    // parses.
    for b in Keymap::builtin().bindings() {
        let name = config::action_name(b.action);
        let line = text
            .lines()
            .find(|l| l.trim_start_matches("# ").starts_with(&format!("{name} ")))
            .unwrap_or_else(|| panic!("{name} is not in the default config"));
        let keys = line.trim_start_matches("# ").split('#').next().unwrap_or("");
        Config::parse(&format!("[keys]\n{keys}\n")).expect("an uncommented key line parses");
    }
}

#[test]
fn print_default_config_prints_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = whosaid(dir.path(), &["--print-default-config"]);
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout), config::default_text());
    assert!(!dir.path().join("config").exists(), "printing writes nothing");
}

#[test]
fn the_config_sets_keys_palette_wrap_and_pane_widths() {
    let dir = tempfile::tempdir().unwrap();
    let paths = Paths::under(dir.path());
    std::fs::create_dir_all(paths.config_dir.as_ref().unwrap()).unwrap();
    std::fs::write(
        paths.config_file().unwrap(),
        "mouse = false\nwrap = 50\nactors_width = 30\nquotes_width = 26\n\
         [palette]\nperson = \"red\"\nplace = \"none\"\n\
         [keys]\ndown = [\"e\", \"down\"]\ncorrect = [\"ctrl-k\"]\n",
    )
    .unwrap();
    let s = Settings::load(None, &paths);
    assert!(s.problems.is_empty(), "{:?}", s.problems);
    assert!(!s.config.mouse);

    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let key = |c, m| KeyEvent::new(KeyCode::Char(c), m);
    assert_eq!(s.keymap.action_for(key('e', KeyModifiers::NONE), false), Some(Action::Down));
    assert_eq!(s.keymap.action_for(key('j', KeyModifiers::NONE), false), None);
    assert_eq!(s.keymap.action_for(key('k', KeyModifiers::CONTROL), false), Some(Action::Correct));
    assert_eq!(s.keymap.action_for(key('k', KeyModifiers::NONE), false), Some(Action::Up));
    let down = s.keymap.bindings().iter().find(|b| b.action == Action::Down).unwrap();
    assert_eq!(Keymap::labels(down), "e, ↓", "the help shows the keys in effect");

    // A key given to another action is not quietly taken from the one that had it:
    // the config is refused, saying which two actions want it (see the broken-config
    // test); given other keys too, both work.
    std::fs::write(paths.config_file().unwrap(), "[keys]\ndown = [\"c\"]\ncorrect = [\"C\"]\n")
        .unwrap();
    let s2 = Settings::load(None, &paths);
    assert!(s2.problems.is_empty(), "{:?}", s2.problems);
    assert_eq!(s2.keymap.action_for(key('c', KeyModifiers::NONE), false), Some(Action::Down));
    assert_eq!(s2.keymap.action_for(key('C', KeyModifiers::NONE), false), Some(Action::Correct));

    let view = s.config.view();
    let pal = view.palette(true);
    assert_eq!(pal.person.fg, Some(ratatui::style::Color::Red));
    assert_eq!(pal.place.fg, None, "none: the terminal's colour");
    assert!(pal.place.add_modifier.contains(ratatui::style::Modifier::BOLD));
    assert_eq!(view.palette(false).person, Palette::new(false).person, "NO_COLOR wins");

    let settings = ViewSettings { view, ..ViewSettings::default() };
    let mut app = App::new(article(SUMMIT), whosaid::analyse_article(&article(SUMMIT)), &settings);
    update(&mut app, Action::Resize(140, 40));
    assert_eq!(app.layout().width(), 50, "the article wraps at the configured width");
    let a = ui::areas_for(ratatui::layout::Rect::new(0, 0, 140, 40), &view);
    let ui::Mode::Wide { actors, quotes, .. } = a.mode else { panic!("wide at 140 columns") };
    assert_eq!((actors.width, quotes.width), (30, 26));
}

#[test]
fn the_old_keymap_file_is_still_read_under_the_configs_keys() {
    let dir = tempfile::tempdir().unwrap();
    let paths = Paths::under(dir.path());
    let cfg = paths.config_dir.clone().unwrap();
    std::fs::create_dir_all(&cfg).unwrap();
    std::fs::write(
        cfg.join("keymap.toml"),
        "[[bind]]\naction = \"down\"\nkeys = [\"x\"]\n[[bind]]\naction = \"up\"\nkeys = [\"v\"]\n",
    )
    .unwrap();
    std::fs::write(cfg.join("config.toml"), "[keys]\nup = [\"z\"]\n").unwrap();
    let s = Settings::load(None, &paths);
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let key = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    assert_eq!(s.keymap.action_for(key('x'), false), Some(Action::Down), "keymap.toml read");
    assert_eq!(s.keymap.action_for(key('z'), false), Some(Action::Up), "config wins");
    assert_eq!(s.keymap.action_for(key('v'), false), None);

    // The old file is checked like the config, and a clash between the two is reported
    // at the config's line, with the old file's keys kept.
    std::fs::write(cfg.join("keymap.toml"), "[[bind]]\naction = \"down\"\nkeys = []\n").unwrap();
    let s = Settings::load(None, &paths);
    let old = cfg.join("keymap.toml");
    assert!(s.problems[0].starts_with(&format!("{}:1:", old.display())), "{:?}", s.problems);
    assert!(s.problems[0].contains("down has no key"), "{:?}", s.problems);
    assert_eq!(s.keymap.action_for(key('j'), false), Some(Action::Down), "the built-in keys");
    std::fs::write(cfg.join("keymap.toml"), "[[bind]]\naction = \"down\"\nkeys = [\"z\"]\n")
        .unwrap();
    let s = Settings::load(None, &paths);
    let at = format!("{}:2:", cfg.join("config.toml").display());
    assert!(s.problems[0].starts_with(&at), "{:?}", s.problems);
    assert!(s.problems[0].contains("\"z\" is bound to both up and down"), "{:?}", s.problems);
    assert_eq!(s.keymap.action_for(key('z'), false), Some(Action::Down), "keymap.toml's");
    assert_eq!(s.keymap.action_for(key('k'), false), Some(Action::Up));
}

#[test]
fn a_broken_config_is_reported_with_path_line_and_reason_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let paths = Paths::under(dir.path());
    let file = paths.config_file().unwrap();
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    for (text, line, reason) in [
        ("mouse = false\nwrap = 60\n[palette]\nperson = \"blurple\"\n", 4, "blurple"),
        ("mouse = false\n\n[keys]\nfly = [\"x\"]\n", 4, "unknown action"),
        ("mouse = false\n[keys]\ndown = [\"hyper-j\"]\n", 3, "unknown key"),
        ("mouse = false\nwrap = [\n", 2, ""),
        ("mouse = false\ncolour = 3\n", 2, "colour"),
        // Keys: one key, one action; every action keeps a key; Ctrl-c is for quitting.
        ("mouse = false\n[keys]\ndown = [\"c\"]\n", 3, "\"c\" is bound to both down and correct"),
        ("[keys]\ndown = [\"x\"]\nup = [\"k\", \"x\"]\n", 3, "\"x\" is bound to both up and down"),
        ("mouse = false\n[keys]\nhelp = []\n", 3, "help has no key"),
        ("[keys]\nhelp = [\"ctrl-c\"]\n", 2, "ctrl-c always quits"),
    ] {
        std::fs::write(&file, text).unwrap();
        let s = Settings::load(None, &paths);
        assert_eq!(s.config, Config::default(), "the defaults stand in for {text:?}");
        assert_eq!(s.problems.len(), 1, "{:?}", s.problems);
        let p = &s.problems[0];
        let at = format!("{}:{line}:", file.display());
        assert!(p.starts_with(&at) && p.contains(reason), "{p:?} should start {at:?}");
        assert_eq!(std::fs::read_to_string(&file).unwrap(), text, "never overwritten");

        // The binary says so on stderr and still works.
        let out = whosaid(dir.path(), &["--json", SUMMIT_PATH]);
        assert!(out.status.success());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(&at), "{err}");
    }
    // A --config file that is not there is reported too.
    let missing = dir.path().join("nope.toml");
    let s = Settings::load(Some(&missing), &paths);
    assert!(s.problems[0].contains("nope.toml"), "{:?}", s.problems);
}

// ---------------------------------------------------------------------------------------
// 2. Reading places.

fn summit_app(userlex: &UserLexicon) -> App {
    let a = article(SUMMIT);
    let analysis = userlex.analyse(a.body());
    let mut app = App::new(a, analysis, &ViewSettings::default());
    update(&mut app, Action::Resize(120, 40));
    app
}

#[test]
fn the_place_in_an_article_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let places = Places::new(dir.path().join("places.json"));
    let lex = UserLexicon::open(dir.path().join("lexicon.toml"));
    let key = state::article_key(SUMMIT);

    let mut app = summit_app(&lex);
    for _ in 0..7 {
        update(&mut app, Action::Down);
    }
    update(&mut app, Action::FocusNext); // the Quotes pane
    update(&mut app, Action::Down);
    update(&mut app, Action::Down);
    app.focus_on(Pane::Actors);
    for _ in 0..3 {
        update(&mut app, Action::Down);
    }
    let (top, quote, actor) = (app.top_line(), app.quote_sel(), app.selected_actor());
    assert!(top > 0 && quote == 2 && actor.is_some());
    places.save(&key, app.place()).unwrap();

    // A new reader, another terminal size: the same text at the top, the same selections.
    let mut again = summit_app(&lex);
    update(&mut again, Action::Resize(110, 30));
    let place = places.get(&key).expect("a place was saved");
    again.restore(&place);
    let first = |a: &App| a.top_offset();
    let next = again.layout().step(&again.article().text, again.top(), 1).unwrap();
    let second = again.layout().start_of(&again.article().text, next);
    assert!(first(&again) <= first(&app) && first(&app) < second);
    assert_eq!(again.quote_sel(), quote);
    assert_eq!(again.selected_actor(), actor);
    assert_eq!(again.focus(), Pane::Actors);

    // Another article has no place; the same text under another name has this one.
    assert!(places.get(&state::article_key("Another article.")).is_none());
    assert_eq!(state::article_key(&article(SUMMIT).text), key);
}

#[test]
fn places_are_bounded_keeping_the_most_recent() {
    let dir = tempfile::tempdir().unwrap();
    let places = Places::new(dir.path().join("places.json")).with_limit(3);
    for i in 0..5 {
        places.save(&format!("article{i}"), state::Place { top: i, ..Default::default() }).unwrap();
    }
    // Reading article1 again makes it recent.
    places.save("article1", state::Place { top: 100, ..Default::default() }).unwrap();
    let all = places.all().unwrap();
    let keys: Vec<&str> = all.keys().map(String::as_str).collect();
    assert_eq!(keys, ["article1", "article3", "article4"]);
    assert_eq!(all["article1"].top, 100);
}

#[test]
fn a_broken_state_file_is_kept_aside_not_lost() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("places.json");
    std::fs::write(&path, "{ not json").unwrap();
    let places = Places::new(path.clone());
    assert!(places.get("x").is_none());
    places.save("x", state::Place::default()).unwrap();
    assert!(places.get("x").is_some());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("places.json.broken")).unwrap(),
        "{ not json"
    );
}

#[test]
fn two_writers_of_places_at_once_keep_every_entry() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("places.json");
    let writers: Vec<_> = (0..2)
        .map(|w| {
            let places = Places::new(path.clone());
            std::thread::spawn(move || {
                for i in 0..40 {
                    places
                        .save(&format!("w{w}-{i}"), state::Place { top: i, ..Default::default() })
                        .expect("saved");
                }
            })
        })
        .collect();
    for w in writers {
        w.join().expect("a writer finished");
    }
    let all = Places::new(path).all().expect("the file parses");
    assert_eq!(all.len(), 80, "no entry dropped");
    assert!((0..40).all(|i| all[&format!("w0-{i}")].top == i && all[&format!("w1-{i}")].top == i));
    let leftovers: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| !p.ends_with("places.json") && !p.ends_with("places.json.lock"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary file left: {leftovers:?}");
}

// ---------------------------------------------------------------------------------------
// 3. Corrections.

#[test]
fn each_correction_changes_the_analysis_in_every_article() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lexicon.toml");
    let mut lex = UserLexicon::open(path.clone());
    let text = article(SUMMIT).body().to_owned();
    let before = lex.analyse(&text);

    // Kind: the Hofburg is a palace.
    assert_eq!(actor(&before, "Hofburg").kind, Kind::Organization);
    lex.correct(&Edit::Kind { actor: desc(&before, "Hofburg", &text), kind: Kind::Place }).unwrap();
    let a = lex.analyse(&text);
    assert_eq!(actor(&a, "Hofburg").kind, Kind::Place);

    // Rename, keeping every mention.
    let n = actor(&a, "Peter Szijjarto").mentions.len();
    let to = "Péter Szijjártó".to_owned();
    lex.correct(&Edit::Rename { actor: desc(&a, "Peter Szijjarto", &text), to: to.clone() })
        .unwrap();
    let a = lex.analyse(&text);
    assert!(!has_actor(&a, "Peter Szijjarto"));
    assert_eq!(actor(&a, &to).mentions.len(), n);
    assert_eq!(actor(&a, &to).kind, Kind::Person);
    let spoke = a.quotes.iter().filter(|q| q.speaker == Some(actor(&a, &to).id)).count();
    assert_eq!(spoke, 2, "its quotes follow it");

    // Split an alias off: the acronym becomes an actor of its own.
    let icpdr = "International Commission for the Protection of the Danube River";
    assert!(actor(&a, icpdr).aliases.contains(&"ICPDR".to_owned()));
    lex.correct(&Edit::Split { actor: desc(&a, icpdr, &text), alias: "ICPDR".into() }).unwrap();
    let a = lex.analyse(&text);
    assert_eq!(actor(&a, icpdr).aliases, [icpdr]);
    assert_eq!(actor(&a, "ICPDR").mentions.len(), 2);

    // Merge two actors.
    let (d, dd) = (actor(&a, "Danube").mentions.len(), actor(&a, "Danube Delta").mentions.len());
    lex.correct(&Edit::Merge {
        into: desc(&a, "Danube", &text),
        from: desc(&a, "Danube Delta", &text),
    })
    .unwrap();
    let a = lex.analyse(&text);
    assert!(!has_actor(&a, "Danube Delta"));
    assert_eq!(actor(&a, "Danube").mentions.len(), d + dd);

    // Never an actor.
    lex.correct(&Edit::Never { actor: desc(&a, "MTVA", &text) }).unwrap();
    let a = lex.analyse(&text);
    assert!(!has_actor(&a, "MTVA"));
    assert!(!a.actors.iter().any(|x| x.aliases.contains(&"MTVA".to_owned())));
    assert_well_formed(&a, &text);

    // Another article: every correction holds there too.
    let other = "The Hofburg hosted the ICPDR on Monday. The International Commission for \
                 the Protection of the Danube River met Peter Szijjarto there. MTVA reported \
                 from the Danube Delta, where Szijjarto said: \"The river is low.\"";
    let b = lex.analyse(other);
    assert_eq!(actor(&b, "Hofburg").kind, Kind::Place);
    assert!(has_actor(&b, "ICPDR") && has_actor(&b, icpdr), "split in every article");
    assert_eq!(actor(&b, &to).mentions.len(), 2);
    assert!(!has_actor(&b, "MTVA"));
    assert!(has_actor(&b, "Danube") && !has_actor(&b, "Danube Delta"));
    let said = b.quotes.first().and_then(|q| q.speaker).map(|s| b.actors[s].name.clone());
    assert_eq!(said.as_deref(), Some(to.as_str()));
    assert_well_formed(&b, other);
}

#[test]
fn an_added_alias_joins_its_actor() {
    let dir = tempfile::tempdir().unwrap();
    let mut lex = UserLexicon::open(dir.path().join("lexicon.toml"));
    let text = "Acme Widgets opened a plant in Ohio on Monday. Locals call the firm \
                Gizmoworld, and Gizmoworld now employs 300 people there.";
    let a = lex.analyse(text);
    assert!(has_actor(&a, "Gizmoworld"), "the analyser keeps them apart to begin with");
    lex.correct(&Edit::Alias { actor: desc(&a, "Acme Widgets", text), alias: "Gizmoworld".into() })
        .unwrap();
    let a = lex.analyse(text);
    assert!(!has_actor(&a, "Gizmoworld"));
    assert_eq!(actor(&a, "Acme Widgets").mentions.len(), 3);
    assert_well_formed(&a, text);
}

#[test]
fn a_correction_survives_a_restart_and_undo_takes_it_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config").join("lexicon.toml");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let mine = "# My own names.\nnever = [\"Breaking\"]  # banners\n\n[[actor]]\n\
                name = \"Acme Widgets\"  # the firm\nkind = \"organization\"\n";
    std::fs::write(&path, mine).unwrap();
    let text = article(SUMMIT).body().to_owned();
    {
        let mut lex = UserLexicon::open(path.clone());
        let a = lex.analyse(&text);
        lex.correct(&Edit::Kind { actor: desc(&a, "Hofburg", &text), kind: Kind::Place }).unwrap();
    }
    // The user's own lines stay as written.
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(written.starts_with(mine), "{written}");

    // A new process: the binary, with this config directory.
    let out = whosaid(dir.path(), &["--json", SUMMIT_PATH]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let hofburg = doc["actors"].as_array().unwrap().iter().find(|a| a["name"] == "Hofburg");
    assert_eq!(hofburg.expect("Hofburg is an actor")["kind"], "place");

    // And a new reader session: the correction is there, and it can be undone.
    let mut lex = UserLexicon::open(path.clone());
    assert_eq!(actor(&lex.analyse(&text), "Hofburg").kind, Kind::Place);
    assert!(!lex.can_undo(), "undo is of this session's corrections");
    let a = lex.analyse(&text);
    lex.correct(&Edit::Rename { actor: desc(&a, "Hofburg", &text), to: "Hofburg Palace".into() })
        .unwrap();
    assert!(has_actor(&lex.analyse(&text), "Hofburg Palace"));
    lex.undo().unwrap();
    let a = lex.analyse(&text);
    assert!(has_actor(&a, "Hofburg") && !has_actor(&a, "Hofburg Palace"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), written, "undo restores the file");
    assert!(lex.undo().is_err(), "nothing more to undo");
}

#[test]
fn a_broken_lexicon_is_reported_never_written_and_the_builtin_one_used() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config").join("lexicon.toml");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let text = article(SUMMIT).body().to_owned();
    let builtin = whosaid::analyse(&text, whosaid::Lexicon::builtin());
    for (broken, line) in [
        ("never = [\"Breaking\"]\n\n[[actor]\nname = \"X\"\n", 3),
        ("[[actor]]\nname = \"X\"\nkind = \"dog\"\n", 3),
        ("[[actor]]\nname = \"X\"\nkind = \"place\"\ncolour = 1\n", 4),
    ] {
        std::fs::write(&path, broken).unwrap();
        let mut lex = UserLexicon::open(path.clone());
        let problem = lex.problem().expect("the problem is reported").to_owned();
        let at = format!("{}:{line}:", path.display());
        assert!(problem.starts_with(&at), "{problem:?} should start with {at:?}");
        assert_eq!(lex.analyse(&text), builtin, "the built-in lexicon stands in");
        let a = lex.analyse(&text);
        let err = lex
            .correct(&Edit::Kind { actor: desc(&a, "Hofburg", &text), kind: Kind::Place })
            .expect_err("a correction is refused");
        assert!(format!("{err:#}").contains(&at), "{err:#}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), broken, "never overwritten");

        // Printed output refuses, naming the place; it would otherwise differ silently.
        let out = whosaid(dir.path(), &["--json", SUMMIT_PATH]);
        assert!(!out.status.success());
        assert!(String::from_utf8_lossy(&out.stderr).contains(&at));
    }
}

#[test]
fn two_writers_of_the_lexicon_at_once_keep_every_correction() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lexicon.toml");
    let text = article(SUMMIT).body().to_owned();
    let a = whosaid::analyse(&text, whosaid::Lexicon::builtin());
    let halves: Vec<Vec<ActorDesc>> = [0, 1]
        .iter()
        .map(|&h| a.actors.iter().skip(h).step_by(2).map(|x| ActorDesc::of(x, &text)).collect())
        .collect();
    let writers: Vec<_> = halves
        .into_iter()
        .map(|actors| {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut lex = UserLexicon::open(path);
                for d in actors {
                    let alias = format!("{} (alias)", d.name);
                    lex.correct(&Edit::Alias { actor: d, alias }).expect("written");
                }
            })
        })
        .collect();
    for w in writers {
        w.join().expect("a writer finished");
    }
    let lex = UserLexicon::open(path);
    assert!(lex.problem().is_none(), "{:?}", lex.problem());
    let entries = &lex.entries().actors;
    assert_eq!(entries.len(), a.actors.len(), "one entry per corrected actor");
    for x in &a.actors {
        let e = entries.iter().find(|e| e.name == x.name).expect("every actor's entry is there");
        assert!(e.aliases.contains(&format!("{} (alias)", x.name)));
    }
}

// ---------------------------------------------------------------------------------------
// The correction flow in the reader.

fn session(dir: &Path) -> Session {
    let paths = Paths::under(dir);
    let settings = Settings::load(None, &paths);
    Session {
        view: ViewSettings::new(&settings, true),
        keymap: settings.keymap,
        userlex: UserLexicon::open(paths.lexicon_file().unwrap()),
        places: paths.places_file().map(Places::new),
        read_marks: None,
        problems: settings.problems,
        load_options: None,
        corrections: 0,
    }
}

fn select(app: &mut App, name: &str) {
    app.focus_on(Pane::Actors);
    update(app, Action::Top);
    while app.selected_actor().map(|id| app.analysis().actors[id].name.as_str()) != Some(name) {
        let row = app.actor_sel();
        update(app, Action::Down);
        assert_ne!(app.actor_sel(), row, "{name} is not in the Actors pane");
    }
}

fn keys(app: &mut App, session: &mut Session, actions: &[Action]) {
    for &a in actions {
        update(app, a);
        session.fulfil(app);
    }
}

fn typed(s: &str) -> Vec<Action> {
    s.chars().map(Action::Input).collect()
}

#[test]
fn corrections_in_the_reader_keep_the_place_and_can_be_undone() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = session(dir.path());
    let mut app = summit_app(&s.userlex);
    update(&mut app, Action::PageDown);
    update(&mut app, Action::Down);
    let top = app.top();
    update(&mut app, Action::FocusNext);
    update(&mut app, Action::Down);
    let quote = app.quote_sel();

    // c k l: the Hofburg is a place.
    select(&mut app, "Hofburg");
    keys(&mut app, &mut s, &[Action::Correct, Action::Input('k'), Action::Input('l')]);
    let id = app.selected_actor().unwrap();
    assert_eq!(app.analysis().actors[id].name, "Hofburg", "the selection follows the actor");
    assert_eq!(app.analysis().actors[id].kind, Kind::Place);
    assert_eq!((app.top(), app.quote_sel()), (top, quote), "the view keeps its place");
    assert!(app.notice().is_some_and(|n| n.contains("Hofburg")));

    // c r, a new name typed over the old one.
    let mut rename = vec![Action::Correct, Action::Input('r')];
    rename.extend(std::iter::repeat_n(Action::Backspace, "Hofburg".len()));
    rename.extend(typed("Hofburg Palace"));
    rename.push(Action::Activate);
    keys(&mut app, &mut s, &rename);
    let id = app.selected_actor().unwrap();
    assert_eq!(app.analysis().actors[id].name, "Hofburg Palace");
    assert_eq!(app.analysis().actors[id].kind, Kind::Place);

    // c m, a filter typed, Enter: merge Budapest into Hungary.
    select(&mut app, "Hungary");
    let n = app.analysis().actors[app.selected_actor().unwrap()].mentions.len();
    let mut merge = vec![Action::Correct, Action::Input('m')];
    merge.extend(typed("budap"));
    merge.push(Action::Activate);
    keys(&mut app, &mut s, &merge);
    let id = app.selected_actor().unwrap();
    assert_eq!(app.analysis().actors[id].name, "Hungary");
    assert_eq!(app.analysis().actors[id].mentions.len(), n + 1);
    assert!(!app.analysis().actors.iter().any(|a| a.name == "Budapest"));

    // c s, ↓ to the second name, Enter: split it off.
    select(&mut app, "Stefan Wenzel");
    keys(&mut app, &mut s, &[Action::Correct, Action::Input('s'), Action::Down, Action::Activate]);
    assert_eq!(app.analysis().actors[app.selected_actor().unwrap()].name, "Stefan Wenzel");
    assert!(app.analysis().actors.iter().any(|a| a.name == "Wenzel"));

    // c x y: never an actor; Esc cancels a prompt without a change.
    select(&mut app, "MTVA");
    keys(&mut app, &mut s, &[Action::Correct, Action::Input('x'), Action::Cancel]);
    assert!(app.analysis().actors.iter().any(|a| a.name == "MTVA"));
    keys(&mut app, &mut s, &[Action::Correct, Action::Input('x'), Action::Input('y')]);
    assert!(!app.analysis().actors.iter().any(|a| a.name == "MTVA"));

    // u, u: the last two corrections undone, in order.
    keys(&mut app, &mut s, &[Action::Undo]);
    assert!(app.analysis().actors.iter().any(|a| a.name == "MTVA"));
    keys(&mut app, &mut s, &[Action::Undo]);
    assert!(!app.analysis().actors.iter().any(|a| a.name == "Wenzel"));
    assert_eq!(app.top(), top);

    // What is left is in the file, for every article from now on.
    let again = UserLexicon::open(Paths::under(dir.path()).lexicon_file().unwrap());
    let a = again.analyse(app.article().body());
    assert!(has_actor(&a, "Hofburg Palace") && !has_actor(&a, "Budapest") && has_actor(&a, "MTVA"));
}

#[test]
fn the_prompt_takes_letters_as_text_and_asks_nothing_without_an_actor() {
    let mut app = App::new(
        article("nothing capitalised here.\n"),
        Analysis::default(),
        &ViewSettings::default(),
    );
    update(&mut app, Action::Resize(120, 40));
    update(&mut app, Action::Correct);
    assert!(app.prompt().is_none());
    assert!(app.notice().is_some());

    let dir = tempfile::tempdir().unwrap();
    let s = session(dir.path());
    let mut app = summit_app(&s.userlex);
    select(&mut app, "Danube");
    update(&mut app, Action::Correct);
    assert!(app.prompt().is_some(), "the menu's letters are not the reader's keys");
    update(&mut app, Action::Input('a'));
    for a in typed("q") {
        update(&mut app, a);
    }
    assert!(!app.quitting(), "q typed in a name does not quit");
    update(&mut app, Action::Activate);
    assert!(matches!(app.correction_asked(), Some(Request::Edit(Edit::Alias { .. }, _))));
}

// ---------------------------------------------------------------------------------------
// The real binary in a pseudo-terminal: the mouse setting and the place on reopening.

#[cfg(unix)]
mod pty {
    use super::*;
    use portable_pty::{CommandBuilder, PtySize, native_pty_system};
    use std::io::{Read, Write};
    use std::sync::{Arc, Mutex};
    use std::time::{Duration, Instant};

    fn nz(n: u16) -> std::num::NonZeroU16 {
        std::num::NonZeroU16::new(n).expect("not zero")
    }

    /// Runs the reader on the sample with `root` as its home for config and state,
    /// presses `keys` once the screen shows `wait`, then q; returns the last screen and
    /// whether the mouse was captured.
    fn run(root: &Path, args: &[&str], keys: &str, wait: &str) -> (String, bool) {
        let pair = native_pty_system()
            .openpty(PtySize { rows: 30, cols: 110, pixel_width: 0, pixel_height: 0 })
            .expect("a pseudo-terminal");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_whosaid"));
        cmd.args(args);
        cmd.arg(SUMMIT_PATH);
        cmd.env("TERM", "xterm-256color");
        cmd.env("WHOSAID_CONFIG_DIR", root.join("config"));
        cmd.env("WHOSAID_STATE_DIR", root.join("state"));
        cmd.env_remove("WHOSAID_KEYMAP");
        let mut child = pair.slave.spawn_command(cmd).expect("the binary starts");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(nz(30), nz(110), 0)));
        let mut out = pair.master.try_clone_reader().expect("pty reader");
        let feed = parser.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = out.read(&mut buf) {
                if n == 0 {
                    break;
                }
                if let Ok(mut p) = feed.lock() {
                    p.process(&buf[..n]);
                }
            }
        });
        let screen = || parser.lock().map(|p| p.screen().contents()).unwrap_or_default();
        let wait_for = |what: &str| {
            let deadline = Instant::now() + Duration::from_secs(20);
            let mut last = String::new();
            loop {
                std::thread::sleep(Duration::from_millis(50));
                let now = screen();
                if now.contains(what) && now == last {
                    return now;
                }
                assert!(Instant::now() < deadline, "timed out waiting for {what}:\n{now}");
                last = now;
            }
        };
        wait_for("? help");
        let mouse =
            parser.lock().unwrap().screen().mouse_protocol_mode() != vt100::MouseProtocolMode::None;
        let mut w = pair.master.take_writer().expect("pty writer");
        w.write_all(keys.as_bytes()).unwrap();
        w.flush().unwrap();
        let last = wait_for(wait);
        w.write_all(b"q").unwrap();
        w.flush().unwrap();
        let deadline = Instant::now() + Duration::from_secs(20);
        while child.try_wait().expect("child status").is_none() {
            assert!(Instant::now() < deadline, "q did not quit");
            std::thread::sleep(Duration::from_millis(50));
        }
        (last, mouse)
    }

    #[test]
    fn no_mouse_wins_over_the_config() {
        let dir = tempfile::tempdir().unwrap();
        let cfg = dir.path().join("config");
        std::fs::create_dir_all(&cfg).unwrap();
        assert!(run(dir.path(), &[], "", "? help").1, "captured by default");
        std::fs::write(cfg.join("config.toml"), "mouse = false\n").unwrap();
        assert!(!run(dir.path(), &[], "", "? help").1, "the config turns it off");
        std::fs::write(cfg.join("config.toml"), "mouse = true\n").unwrap();
        assert!(!run(dir.path(), &["--no-mouse"], "", "? help").1, "--no-mouse wins");
    }

    #[test]
    fn reopening_an_article_puts_the_reader_back() {
        let dir = tempfile::tempdir().unwrap();
        let (s, _) = run(dir.path(), &[], "jjjj", "line 5/");
        assert!(s.contains("line 5/"));
        let (s, _) = run(dir.path(), &[], "j", "line 6/");
        assert!(s.contains("line 6/"), "opened at line 5, one more down: {s}");
    }
}

#[test]
fn the_prompt_is_drawn_with_the_actor_and_its_choices() {
    use ratatui::{Terminal, backend::TestBackend};
    let dir = tempfile::tempdir().unwrap();
    let s = session(dir.path());
    for (w, h) in [(120, 40), (80, 24)] {
        let mut app = summit_app(&s.userlex);
        update(&mut app, Action::Resize(w, h));
        select(&mut app, "Hofburg");
        let screen = |app: &App| {
            let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
            t.draw(|f| ui::draw(app, &s.keymap, f)).unwrap();
            let buf = t.backend().buffer().clone();
            let mut out = String::new();
            for y in 0..buf.area.height {
                for x in 0..buf.area.width {
                    out.push_str(buf[(x, y)].symbol());
                }
                out.push('\n');
            }
            out
        };
        update(&mut app, Action::Correct);
        let shown = screen(&app);
        assert!(shown.contains("Correct Hofburg (organization)"), "{shown}");
        // The rename prompt shows the old name selected (reversed), ready to be typed over.
        update(&mut app, Action::Input('r'));
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| ui::draw(&app, &s.keymap, f)).unwrap();
        let buf = t.backend().buffer().clone();
        let shown = screen(&app);
        // The line under the prompt's title, inside its border.
        let title = shown.lines().position(|l| l.contains("┌Rename Hofburg")).expect("a prompt");
        let row = title + 1;
        let line: Vec<char> = shown.lines().nth(title).unwrap().chars().collect();
        let col = (0..line.len()).find(|&i| line[i..].starts_with(&['┌', 'R'])).unwrap() + 1;
        assert!(
            shown
                .lines()
                .nth(row)
                .unwrap()
                .chars()
                .skip(col)
                .collect::<String>()
                .starts_with("Hofburg ")
        );
        let reversed = |buf: &ratatui::buffer::Buffer, x: usize, y: usize| {
            buf[(x as u16, y as u16)].modifier.contains(ratatui::style::Modifier::REVERSED)
        };
        assert!((col..col + 7).all(|x| reversed(&buf, x, row)), "Hofburg selected:\n{shown}");
        assert!(shown.contains("typing replaces it"), "{shown}");
        update(&mut app, Action::Edit(whosaid::config::keymap::LineEdit::End));
        update(&mut app, Action::Input('s'));
        let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
        t.draw(|f| ui::draw(&app, &s.keymap, f)).unwrap();
        let buf = t.backend().buffer().clone();
        let shown = screen(&app);
        let cursor = (col..col + 9).filter(|&x| reversed(&buf, x, row)).collect::<Vec<_>>();
        assert_eq!(cursor, [col + 8], "one reversed cell, after \"Hofburgs\":\n{shown}");
        update(&mut app, Action::Cancel);
        update(&mut app, Action::Correct);
        let shown = screen(&app);
        for choice in ["r rename it", "k change its kind", "m merge", "s split", "x never"] {
            assert!(shown.contains(choice), "{choice} missing at {w}x{h}:\n{shown}");
        }
        update(&mut app, Action::Input('m'));
        for c in "bud".chars() {
            update(&mut app, Action::Input(c));
        }
        let shown = screen(&app);
        assert!(shown.contains("Merge into Hofburg") && shown.contains("Budapest (place, 1)"));
        assert!(!shown.contains("Danube (place"), "the filter leaves out the others");
    }
}

/// The line being typed in the open prompt: its text, cursor (in characters) and
/// whether it is all selected.
fn line_of(app: &App) -> (String, usize, bool) {
    use whosaid::reader::corrections::Prompt;
    match app.prompt() {
        Some(Prompt::Text { input, .. }) | Some(Prompt::Pick { filter: input, .. }) => {
            (input.value().to_owned(), input.cursor(), input.is_selected())
        }
        other => panic!("no line is typed in {other:?}"),
    }
}

/// The prompt's keys as a terminal sends them, through the keymap.
fn press(app: &mut App, keymap: &Keymap, keys: &[(crossterm::event::KeyCode, bool)]) {
    use crossterm::event::{KeyEvent, KeyModifiers};
    for &(code, ctrl) in keys {
        let mods = if ctrl { KeyModifiers::CONTROL } else { KeyModifiers::NONE };
        let action = keymap.action_for(KeyEvent::new(code, mods), app.typing());
        update(app, action.unwrap_or_else(|| panic!("{code:?} does nothing in a prompt")));
    }
}

#[test]
fn the_prompts_edit_like_a_line_editor_and_the_old_name_is_replaced_by_typing() {
    use crossterm::event::KeyCode::{self, Backspace, Char, Delete, End, Home, Left, Right};
    let dir = tempfile::tempdir().unwrap();
    let mut s = session(dir.path());
    let keymap = Keymap::builtin();
    let mut app = summit_app(&s.userlex);
    select(&mut app, "Hofburg");
    let text = |t: &str| t.chars().map(|c| (Char(c), false)).collect::<Vec<(KeyCode, bool)>>();

    // c r: the old name is there, selected; typing replaces it.
    update(&mut app, Action::Correct);
    update(&mut app, Action::Input('r'));
    assert_eq!(line_of(&app), ("Hofburg".to_owned(), 7, true));
    press(&mut app, &keymap, &text("Hofburg Palace"));
    assert_eq!(line_of(&app), ("Hofburg Palace".to_owned(), 14, false), "not HofburgHofburg");

    // Ctrl-w takes the word before the cursor; Home, End and the arrows move it.
    press(&mut app, &keymap, &[(Char('w'), true)]);
    assert_eq!(line_of(&app).0, "Hofburg ");
    press(&mut app, &keymap, &[(Home, false)]);
    press(&mut app, &keymap, &text("The "));
    assert_eq!(line_of(&app), ("The Hofburg ".to_owned(), 4, false));
    press(&mut app, &keymap, &[(End, false), (Backspace, false), (Left, false), (Left, false)]);
    press(&mut app, &keymap, &[(Delete, false), (Right, false)]);
    assert_eq!(line_of(&app), ("The Hofbug".to_owned(), 10, false));
    press(&mut app, &keymap, &[(Char('a'), true), (Right, false), (Right, false)]);
    press(&mut app, &keymap, &[(Char('k'), true)]);
    assert_eq!(line_of(&app), ("Th".to_owned(), 2, false), "Ctrl-a, Ctrl-k");
    press(&mut app, &keymap, &[(Char('u'), true)]);
    assert_eq!(line_of(&app), (String::new(), 0, false), "Ctrl-u");

    // A move ends the selection where it goes: Home puts the cursor before the name.
    update(&mut app, Action::Cancel);
    update(&mut app, Action::Correct);
    update(&mut app, Action::Input('r'));
    press(&mut app, &keymap, &[(Home, false)]);
    press(&mut app, &keymap, &text("The "));
    assert_eq!(line_of(&app), ("The Hofburg".to_owned(), 4, false));
    update(&mut app, Action::Cancel);
    // Backspace on the selection clears it.
    update(&mut app, Action::Correct);
    update(&mut app, Action::Input('r'));
    press(&mut app, &keymap, &[(Backspace, false)]);
    assert_eq!(line_of(&app), (String::new(), 0, false));
    press(&mut app, &keymap, &text("Hofburg Palace"));
    press(&mut app, &keymap, &[(KeyCode::Enter, false)]);
    s.fulfil(&mut app);
    let id = app.selected_actor().unwrap();
    assert_eq!(app.analysis().actors[id].name, "Hofburg Palace");

    // The pick list's filter edits alike; a new filter starts the choice again.
    select(&mut app, "Hungary");
    update(&mut app, Action::Correct);
    update(&mut app, Action::Input('m'));
    press(&mut app, &keymap, &text("budx"));
    press(&mut app, &keymap, &[(Left, false), (Delete, false)]);
    assert_eq!(line_of(&app), ("bud".to_owned(), 3, false));
    update(&mut app, Action::Cancel);

    // The undo says what holds again, not what was undone.
    select(&mut app, "Hofburg Palace");
    keys(&mut app, &mut s, &[Action::Undo]);
    assert_eq!(
        app.notice(),
        Some("Hofburg Palace is named Hofburg again (saved)"),
        "{:?}",
        app.notice()
    );
    select(&mut app, "Hofburg");
    keys(&mut app, &mut s, &[Action::Correct, Action::Input('k'), Action::Input('p')]);
    let notice = app.notice().unwrap_or_default().to_owned();
    assert!(notice.starts_with("Hofburg is now a person"), "{notice}");
    keys(&mut app, &mut s, &[Action::Undo]);
    let notice = app.notice().unwrap_or_default().to_owned();
    assert!(notice.starts_with("Hofburg is an organization again"), "{notice}");
}

#[test]
fn a_search_line_takes_ctrl_w_and_ctrl_u() {
    use crossterm::event::KeyCode::Char;
    let keymap = Keymap::builtin();
    let mut app = summit_app(&UserLexicon::open(tempfile::tempdir().unwrap().path().join("l")));
    update(&mut app, Action::Search);
    for c in "the river ".chars() {
        update(&mut app, Action::Input(c));
    }
    press(&mut app, &keymap, &[(Char('w'), true)]);
    assert_eq!(app.search().input.as_deref(), Some("the "));
    press(&mut app, &keymap, &[(Char('u'), true)]);
    assert_eq!(app.search().input.as_deref(), Some(""));
}

fn shelf(screen: &mut whosaid::reader::Screen) -> &mut whosaid::reader::library::Shelf {
    match screen {
        whosaid::reader::Screen::Library(shelf) => shelf,
        whosaid::reader::Screen::Article(_) => panic!("a library"),
    }
}

/// An article opened from the Library is corrected and keeps its place as one opened
/// alone: the correction is written and shown (in the article and the library's
/// counts), and the place is saved on going back and restored when it is opened again,
/// in this run or the next.
#[test]
fn corrections_and_places_work_for_an_article_opened_from_the_library() {
    use whosaid::library::Library;
    use whosaid::reader::Screen;
    use whosaid::reader::library::{Shelf, View};
    let dir = tempfile::tempdir().unwrap();
    let open_library = |s: &mut Session| {
        let mut lib = Library::new(vec![article(SUMMIT), article("Talks\n\nAna Ruiz spoke.\n")]);
        lib.analyse_all_with(&|t: &str| s.userlex.analyse(t));
        let mut screen =
            Screen::Library(Box::new(Shelf::new(lib, whosaid::Lexicon::builtin(), &s.view)));
        for a in [Action::Resize(140, 40), Action::Activate] {
            screen.update(a);
            s.after(&mut screen);
        }
        screen
    };
    let mut s = session(dir.path());
    let mut screen = open_library(&mut s);
    assert_eq!(shelf(&mut screen).view, View::Article(0));
    select(shelf(&mut screen).apps[0].as_mut().unwrap(), "Hofburg");
    for a in [Action::Correct, Action::Input('k'), Action::Input('l')] {
        screen.update(a);
        s.after(&mut screen);
    }
    let sh = shelf(&mut screen);
    let app = sh.apps[0].as_ref().unwrap();
    assert_eq!(actor(app.analysis(), "Hofburg").kind, Kind::Place, "corrected in the article");
    assert!(app.notice().is_some_and(|n| n.contains("saved")), "{:?}", app.notice());
    let lib_analysis = sh.library.analyses[0].as_ref().unwrap();
    assert_eq!(actor(lib_analysis, "Hofburg").kind, Kind::Place, "and in the library");
    let again = UserLexicon::open(Paths::under(dir.path()).lexicon_file().unwrap());
    assert_eq!(actor(&again.analyse(SUMMIT), "Hofburg").kind, Kind::Place, "written");

    // Read on, go back (q): the place is saved; open it again: it is there.
    let app = sh.apps[0].as_mut().unwrap();
    app.focus_on(Pane::Article);
    for a in [Action::PageDown, Action::PageDown, Action::Quit] {
        screen.update(a);
        s.after(&mut screen);
    }
    assert_eq!(shelf(&mut screen).view, View::Articles);
    let top = shelf(&mut screen).apps[0].as_ref().unwrap().top_line();
    assert!(top > 0);
    let mut s2 = session(dir.path());
    let mut screen2 = open_library(&mut s2);
    let app = shelf(&mut screen2).apps[0].as_ref().unwrap();
    assert_eq!(app.top_line(), top, "the place is restored in the next run");
    assert_eq!(actor(app.analysis(), "Hofburg").kind, Kind::Place);
}
