//! How whosaid writes the files of the user's: a symlinked lexicon stays a link with
//! the correction written into its target, and temporary files a killed writer left
//! are cleaned up on the next write, nobody else's with them.

#![cfg(unix)]

use whosaid::analysis::Kind;
use whosaid::store::userlex::{ActorDesc, Edit, UserLexicon};

fn alias(name: &str, alias: &str) -> Edit {
    let actor = ActorDesc {
        name: name.into(),
        kind: Kind::Place,
        aliases: vec![name.into()],
        demonyms: vec![],
    };
    Edit::Alias { actor, alias: alias.into() }
}

const MINE: &str = "# kept in my dotfiles\n[[actor]]\nname = \"Danube\"\nkind = \"place\"\n";

#[test]
fn a_symlinked_lexicon_is_written_through_and_stays_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let dots = dir.path().join("dots");
    let config = dir.path().join("config");
    std::fs::create_dir_all(&dots).unwrap();
    std::fs::create_dir_all(&config).unwrap();
    let real = dots.join("lexicon.toml");
    std::fs::write(&real, MINE).unwrap();
    // A relative link, as dotfile managers make them, to a link to the file.
    let link = config.join("lexicon.toml");
    std::os::unix::fs::symlink("../dots/middle.toml", &link).unwrap();
    std::os::unix::fs::symlink("lexicon.toml", dots.join("middle.toml")).unwrap();

    let mut lex = UserLexicon::open(link.clone());
    lex.correct(&alias("Danube", "Duna")).unwrap();
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink(), "link kept");
    assert!(std::fs::symlink_metadata(dots.join("middle.toml")).unwrap().file_type().is_symlink());
    let written = std::fs::read_to_string(&real).unwrap();
    assert!(written.starts_with(MINE) && written.contains("\"Duna\""), "{written}");
    let beside_link: Vec<_> = std::fs::read_dir(&config).unwrap().flatten().collect();
    assert_eq!(beside_link.len(), 1, "nothing but the link where it is: {beside_link:?}");
    lex.undo().unwrap();
    assert_eq!(std::fs::read_to_string(&real).unwrap(), MINE);
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());

    // A link to a file not made yet: the first correction makes the target.
    let dangling = config.join("other.toml");
    std::os::unix::fs::symlink("../dots/new.toml", &dangling).unwrap();
    UserLexicon::open(dangling.clone()).correct(&alias("Vienna", "Wien")).unwrap();
    assert!(std::fs::symlink_metadata(&dangling).unwrap().file_type().is_symlink());
    assert!(std::fs::read_to_string(dots.join("new.toml")).unwrap().contains("Wien"));

    // A loop of links is an error naming the file, not a hang.
    let looped = config.join("loop.toml");
    std::os::unix::fs::symlink("loop.toml", &looped).unwrap();
    let e = UserLexicon::open(looped.clone()).correct(&alias("Vienna", "Wien")).unwrap_err();
    assert!(format!("{e:#}").contains("loop.toml"), "{e:#}");
}

#[test]
fn temporary_files_a_killed_writer_left_are_removed_on_the_next_write() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lexicon.toml");
    std::fs::write(&path, MINE).unwrap();
    // What `kill -9` mid-write leaves, and files of others that look alike.
    let stale = [".lexicon.toml.tmpA1b2C3", ".lexicon.toml.tmp"];
    let others = [".tmpXYZ123", ".places.json.tmpQ9", "lexicon.toml.tmp.bak"];
    for name in stale.iter().chain(&others) {
        std::fs::write(dir.path().join(name), "half a file").unwrap();
    }
    UserLexicon::open(path.clone()).correct(&alias("Danube", "Duna")).unwrap();
    for name in stale {
        assert!(!dir.path().join(name).exists(), "{name} is still there");
    }
    for name in others {
        assert!(dir.path().join(name).exists(), "{name} is not ours and must stay");
    }
    let mut left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("lexicon.toml"))
        .collect();
    left.sort();
    assert_eq!(left, ["lexicon.toml", "lexicon.toml.lock", "lexicon.toml.tmp.bak"]);
}
