//! Undo takes back exactly its own correction, in the lexicon file as it is by then:
//! what another reader wrote into the same entry, the user's own aliases and comments
//! survive, and an undo of something already gone says so.

use whosaid::analysis::Kind;
use whosaid::store::userlex::{ActorDesc, Edit, Entry, UserLexicon};

const MINE: &str = "# My own names.\n\n[[actor]]\nname = \"Danube\"  # the river\n\
                    kind = \"place\"\naliases = [\"Duna\"]  # Hungarian\n";

fn desc(name: &str, kind: Kind) -> ActorDesc {
    ActorDesc { name: name.into(), kind, aliases: vec![name.into()], demonyms: vec![] }
}

fn alias(name: &str, kind: Kind, alias: &str) -> Edit {
    Edit::Alias { actor: desc(name, kind), alias: alias.into() }
}

fn entry(lex: &UserLexicon, name: &str) -> Option<Entry> {
    lex.entries().actors.iter().find(|e| e.name == name).cloned()
}

fn setup(text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lexicon.toml");
    std::fs::write(&path, text).unwrap();
    (dir, path)
}

#[test]
fn undo_of_an_alias_keeps_another_readers_alias_and_the_users_text() {
    let (_dir, path) = setup(MINE);
    let mut a = UserLexicon::open(path.clone());
    let mut b = UserLexicon::open(path.clone());
    a.correct(&alias("Danube", Kind::Place, "X1")).unwrap();
    b.correct(&alias("Danube", Kind::Place, "Dunaj")).unwrap();
    assert_eq!(a.undo().unwrap(), "X1 is no longer a name of Danube", "what holds now");
    let text = std::fs::read_to_string(&path).unwrap();
    let now = UserLexicon::open(path.clone());
    let e = entry(&now, "Danube").expect("the entry stays");
    assert_eq!(e.aliases, ["Duna", "Dunaj"], "{text}");
    assert_eq!(e.kind, Kind::Place);
    for own in ["# My own names.", "name = \"Danube\"  # the river", "# Hungarian"] {
        assert!(text.contains(own), "{own:?} is gone: {text}");
    }
    // B's undo takes back B's alias, and the file is the user's again.
    b.undo().unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), MINE);
}

#[test]
fn undo_of_a_new_entry_leaves_what_another_reader_added_to_it() {
    let (_dir, path) = setup(MINE);
    let mut a = UserLexicon::open(path.clone());
    let mut b = UserLexicon::open(path.clone());
    // A's correction makes the entry; B adds to it.
    a.correct(&alias("Hofburg", Kind::Organization, "X1")).unwrap();
    b.correct(&alias("Hofburg", Kind::Organization, "Imperial Palace")).unwrap();
    a.undo().unwrap();
    let now = UserLexicon::open(path.clone());
    let e = entry(&now, "Hofburg").expect("B's alias keeps the entry");
    assert_eq!(e.aliases, ["Imperial Palace"]);
    assert_eq!(entry(&now, "Danube").unwrap().aliases, ["Duna"]);
    // Alone, A's undo takes the whole entry back.
    let (_dir, path) = setup(MINE);
    let mut a = UserLexicon::open(path.clone());
    a.correct(&alias("Hofburg", Kind::Organization, "X1")).unwrap();
    a.undo().unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), MINE);
}

#[test]
fn undo_of_a_kind_restores_the_kind_and_keeps_the_rest() {
    let (_dir, path) = setup(MINE);
    let mut a = UserLexicon::open(path.clone());
    let mut b = UserLexicon::open(path.clone());
    let edit = Edit::Kind { actor: desc("Danube", Kind::Place), kind: Kind::Organization };
    a.correct(&edit).unwrap();
    b.correct(&alias("Danube", Kind::Organization, "Dunaj")).unwrap();
    a.undo().unwrap();
    let now = UserLexicon::open(path.clone());
    let e = entry(&now, "Danube").unwrap();
    assert_eq!(e.kind, Kind::Place);
    assert_eq!(e.aliases, ["Duna", "Dunaj"]);
    assert!(std::fs::read_to_string(&path).unwrap().contains("# the river"));
}

#[test]
fn undo_of_what_is_gone_already_says_so() {
    let (_dir, path) = setup(MINE);
    let mut a = UserLexicon::open(path.clone());
    a.correct(&alias("Danube", Kind::Place, "X1")).unwrap();
    // The user takes it out by hand meanwhile, and adds a name of their own.
    let by_hand = std::fs::read_to_string(&path).unwrap().replace(", \"X1\"", ", \"Donau\"");
    std::fs::write(&path, &by_hand).unwrap();
    let said = a.undo().unwrap();
    assert!(said.starts_with("nothing to undo"), "{said}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), by_hand, "nothing else touched");
    // Someone else changed the kind: the undo of a kind change leaves theirs.
    let edit = Edit::Kind { actor: desc("Danube", Kind::Place), kind: Kind::Organization };
    a.correct(&edit).unwrap();
    let mut b = UserLexicon::open(path.clone());
    b.correct(&Edit::Kind { actor: desc("Danube", Kind::Organization), kind: Kind::Person })
        .unwrap();
    let said = a.undo().unwrap();
    assert!(said.contains("nothing to undo") || said.contains("changed since"), "{said}");
    assert_eq!(entry(&UserLexicon::open(path), "Danube").unwrap().kind, Kind::Person);
}

#[test]
fn two_readers_correcting_and_undoing_at_once_keep_each_others_changes() {
    let (_dir, path) = setup(MINE);
    let rounds = 12;
    let writers: Vec<_> = ["A", "B"]
        .into_iter()
        .map(|who| {
            let path = path.clone();
            std::thread::spawn(move || {
                let mut lex = UserLexicon::open(path);
                for i in 0..rounds {
                    // Both write into the same entries: the user's and a new one.
                    let (name, kind) =
                        if i % 2 == 0 { ("Danube", Kind::Place) } else { ("Vienna", Kind::Place) };
                    lex.correct(&alias(name, kind, &format!("{who}{i}"))).unwrap();
                    if i % 3 == 2 {
                        let said = lex.undo().unwrap();
                        assert!(said.contains(" is no longer a name of "), "{said}");
                    }
                }
            })
        })
        .collect();
    for w in writers {
        w.join().expect("a writer finished");
    }
    let now = UserLexicon::open(path.clone());
    assert!(now.problem().is_none());
    let forms: Vec<String> = ["Danube", "Vienna"]
        .iter()
        .flat_map(|n| entry(&now, n).map(|e| e.aliases).unwrap_or_default())
        .collect();
    for who in ["A", "B"] {
        for i in 0..rounds {
            let form = format!("{who}{i}");
            assert_eq!(forms.contains(&form), i % 3 != 2, "{form} in {forms:?}");
        }
    }
    assert!(forms.contains(&"Duna".to_owned()), "the user's alias stays");
    assert!(std::fs::read_to_string(&path).unwrap().contains("# Hungarian"));
}

#[test]
fn undo_of_never_puts_the_users_entry_back_as_written() {
    let (_dir, path) = setup(MINE);
    let mut a = UserLexicon::open(path.clone());
    a.correct(&Edit::Never { actor: desc("Danube", Kind::Place) }).unwrap();
    assert!(entry(&UserLexicon::open(path.clone()), "Danube").is_none());
    a.undo().unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    let e = entry(&UserLexicon::open(path), "Danube").expect("the entry is back");
    assert_eq!((e.kind, e.aliases), (Kind::Place, vec!["Duna".to_owned()]));
    for own in ["# My own names.", "name = \"Danube\"  # the river", "# Hungarian"] {
        assert!(text.contains(own), "{own:?} is gone: {text}");
    }
}
