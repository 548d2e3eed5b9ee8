//! An attack corpus made here, not shipped: escape sequences in file names, article
//! text, config keys and values and lexicon keys, run through every print mode. The
//! raw bytes of standard output and standard error must hold no control sequence that
//! whosaid did not write itself (its own SGR in `--ansi`, and newlines).

use std::path::Path;
use std::process::{Command, Output};

/// What a hostile input writes to be obeyed: OSC 52 (clipboard), OSC 2 (title), CSI
/// clear, a one-byte C1 CSI, NEL, DEL, a bidi override and isolate, a newline and a tab.
const PAYLOADS: &[&str] = &[
    "\u{1b}]52;c;UFdORUQ=\u{7}",
    "\u{1b}]2;PWNED\u{7}",
    "\u{1b}[2J\u{1b}[H",
    "\u{9b}31m",
    "\u{85}",
    "\u{7f}",
    "\u{202e}txt.exe",
    "\u{2066}x\u{2069}",
    "\u{90}q\u{9c}",
    "new\nline\ttab",
];

fn whosaid(args: &[&str], config_dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .args(args)
        .env("WHOSAID_CONFIG_DIR", config_dir)
        .env_remove("NO_COLOR")
        .output()
        .expect("the binary runs")
}

/// Every control character, C1 control or bidi override in `bytes` but newlines (and,
/// with `own_sgr`, whosaid's own `ESC [ … m`), with where it is.
fn raw_controls(bytes: &[u8], own_sgr: bool) -> Vec<(usize, String)> {
    let mut bad = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if own_sgr && b == 0x1b && bytes.get(i + 1) == Some(&b'[') {
            let params = bytes[i + 2..].iter().take_while(|c| c.is_ascii_digit() || **c == b';');
            let end = i + 2 + params.count();
            if bytes.get(end) == Some(&b'm') {
                i = end + 1;
                continue;
            }
        }
        let c1 = b == 0xc2 && bytes.get(i + 1).is_some_and(|n| (0x80..=0x9f).contains(n));
        let bidi = b == 0xe2
            && matches!(
                (bytes.get(i + 1), bytes.get(i + 2)),
                (Some(0x80), Some(0xaa..=0xae)) | (Some(0x81), Some(0xa6..=0xa9))
            );
        if (b < 0x20 && b != b'\n') || b == 0x7f || c1 || bidi {
            let at = &bytes[i.saturating_sub(20)..(i + 20).min(bytes.len())];
            bad.push((i, String::from_utf8_lossy(at).escape_debug().to_string()));
        }
        i += 1;
    }
    bad
}

fn assert_clean(out: &Output, what: &str, own_sgr: bool) {
    let bad = raw_controls(&out.stdout, own_sgr);
    assert!(bad.is_empty(), "{what}: raw controls on stdout: {bad:?}");
    let bad = raw_controls(&out.stderr, false);
    assert!(bad.is_empty(), "{what}: raw controls on stderr: {bad:?}");
}

const MODES: &[&str] = &["--plain", "--ansi", "--json"];

#[test]
fn hostile_file_names_and_text_reach_no_output_raw() {
    let dir = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    std::fs::create_dir(&lib).unwrap();
    let mut paths = Vec::new();
    for (i, p) in PAYLOADS.iter().enumerate() {
        let path = lib.join(format!("{i}a{p}.txt"));
        let text = format!("Anna Berg{p} said \"hello{p} there\" on Monday.\n{p}\n");
        std::fs::write(&path, text).unwrap();
        paths.push(path.to_str().unwrap().to_owned());
    }
    for mode in MODES {
        let own_sgr = *mode == "--ansi";
        // A directory, and the files named one by one: each gets a `── name ──` header.
        let out = whosaid(&[mode, lib.to_str().unwrap()], config.path());
        assert!(out.status.success(), "{mode}: {}", String::from_utf8_lossy(&out.stderr));
        assert_clean(&out, &format!("{mode} directory"), own_sgr);
        if *mode != "--json" {
            let text = String::from_utf8_lossy(&out.stdout);
            assert!(text.contains("a␛]2;PWNED␇.txt ──"), "{mode}: {text}");
        }
        let mut args = vec![*mode];
        args.extend(paths.iter().map(String::as_str));
        let out = whosaid(&args, config.path());
        assert!(out.status.success(), "{mode}: {}", String::from_utf8_lossy(&out.stderr));
        assert_clean(&out, &format!("{mode} files"), own_sgr);
        // One file alone: its text.
        let out = whosaid(&[mode, &paths[0]], config.path());
        assert!(out.status.success());
        assert_clean(&out, &format!("{mode} one file"), own_sgr);
    }
}

/// The quote sheet, Markdown and CSV, of files whose names, speakers and quotes hold
/// every payload: nothing reaches standard output raw (CSV keeps its line breaks).
#[test]
fn hostile_text_reaches_no_quote_sheet_raw() {
    let dir = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let mut paths = Vec::new();
    for (i, p) in PAYLOADS.iter().enumerate() {
        let path = dir.path().join(format!("{i}q{p}.txt"));
        let text =
            format!("Anna Berg{p} said \"hello{p} there\" on Monday.\n\n\"No{p},\" she said.\n");
        std::fs::write(&path, text).unwrap();
        paths.push(path.to_str().unwrap().to_owned());
    }
    for sheet in [&["--quotes"][..], &["--quotes", "--csv"]] {
        let mut args = sheet.to_vec();
        args.extend(paths.iter().map(String::as_str));
        let out = whosaid(&args, config.path());
        assert!(out.status.success(), "{sheet:?}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(String::from_utf8_lossy(&out.stdout).contains("PWNED␇ there"));
        assert_clean(&out, &format!("{sheet:?}"), false);
    }
}

#[test]
fn hostile_names_in_error_messages_reach_stderr_made_safe() {
    let dir = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    for (i, p) in PAYLOADS.iter().enumerate() {
        // A binary file, a missing one, and a directory with nothing to read.
        let binary = dir.path().join(format!("{i}b{p}.txt"));
        std::fs::write(&binary, b"\x89PNG\r\n\x1a\n\0\0\0").unwrap();
        let missing = dir.path().join(format!("{i}m{p}.txt"));
        let empty = dir.path().join(format!("{i}d{p}"));
        std::fs::create_dir(&empty).unwrap();
        for path in [&binary, &missing, &empty] {
            for mode in MODES {
                let out = whosaid(&[mode, path.to_str().unwrap()], config.path());
                assert_eq!(out.status.code(), Some(2), "{path:?}");
                assert_clean(&out, &format!("{mode} {path:?}"), false);
                let err = String::from_utf8_lossy(&out.stderr);
                assert_eq!(err.lines().count(), 1, "one line: {err}");
            }
        }
    }
}

/// A TOML basic string holding `s`, every non-ASCII or control character escaped.
fn toml_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            ' '..='~' => out.push(c),
            _ => out.push_str(&format!("\\u{:04X}", c as u32)),
        }
    }
    out.push('"');
    out
}

#[test]
fn hostile_config_and_lexicon_keys_reach_stderr_made_safe() {
    let dir = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.txt");
    std::fs::write(&article, "Anna Berg said \"hello\".\n").unwrap();
    for (i, p) in PAYLOADS.iter().enumerate() {
        let key = toml_str(p);
        let cases = [
            (format!("{key} = 1\n"), format!("{key} = 1\n")),
            (format!("mouse = {key}\n"), format!("never = [{key}, 1]\n")),
            (
                format!("[keys]\n{key} = {key}\n"),
                format!("[[actor]]\nname = \"X\"\nkind = {key}\n"),
            ),
            (
                format!("feeds = [{key}]\n"),
                format!("[[actor]]\nname = \"X\"\nkind = \"place\"\n{key} = []\n"),
            ),
        ];
        for (j, (config_text, lexicon_text)) in cases.iter().enumerate() {
            let config_file = dir.path().join(format!("c{i}-{j}.toml"));
            std::fs::write(&config_file, config_text).unwrap();
            let lexicon = dir.path().join(format!("l{i}-{j}.toml"));
            std::fs::write(&lexicon, lexicon_text).unwrap();
            for mode in MODES {
                let c = config_file.to_str().unwrap();
                let out = whosaid(&[mode, "--config", c, article.to_str().unwrap()], config.path());
                assert_clean(&out, &format!("{mode} config {config_text:?}"), *mode == "--ansi");
                let l = lexicon.to_str().unwrap();
                let out =
                    whosaid(&[mode, "--lexicon", l, article.to_str().unwrap()], config.path());
                assert_eq!(out.status.code(), Some(2), "{lexicon_text:?}");
                assert_clean(&out, &format!("{mode} lexicon {lexicon_text:?}"), false);
            }
        }
    }
}

#[test]
fn the_scanner_sees_what_it_looks_for() {
    // Without this the tests above could pass by looking at nothing.
    for p in PAYLOADS {
        assert!(!raw_controls(p.as_bytes(), true).is_empty(), "{p:?}");
    }
    assert!(raw_controls(b"\x1b[36mAnna\x1b[0m\n", true).is_empty());
    assert!(!raw_controls(b"\x1b[36mAnna\x1b[0m\n", false).is_empty());
}

#[cfg(unix)]
#[test]
fn a_file_name_that_is_not_utf8_is_read_and_shown_lossily() {
    use std::ffi::OsStr;
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let config = tempfile::tempdir().unwrap();
    let lib = dir.path().join("lib");
    std::fs::create_dir(&lib).unwrap();
    // Latin-1 names, as old archives and FTP mirrors have them; one with an escape.
    for (name, text) in [
        (&b"caf\xe9.txt"[..], "Anna Berg said \"bonjour\".\n"),
        (&b"x\x1b]2;PWNED\x07\xff.txt"[..], "Tom Lee said \"hi\".\n"),
        (&b"plain.txt"[..], "Maria Lopez said \"hola\".\n"),
    ] {
        std::fs::write(lib.join(OsStr::from_bytes(name)), text).unwrap();
    }
    let all = whosaid::source::load_all(lib.to_str().unwrap()).unwrap();
    assert_eq!(all.len(), 3, "every file read");
    assert!(
        all.iter().any(|a| a.source.ends_with("caf\u{fffd}.txt") && a.text.contains("bonjour"))
    );
    let library =
        whosaid::library::Library::load(&[lib.to_str().unwrap().to_owned()], &Default::default());
    assert!(library.failures.is_empty(), "{:?}", library.failures);
    assert_eq!(library.articles.len(), 3);
    for mode in MODES {
        let out = whosaid(&[mode, lib.to_str().unwrap()], config.path());
        assert!(out.status.success(), "{mode}: {}", String::from_utf8_lossy(&out.stderr));
        assert_clean(&out, &format!("{mode} non-UTF-8 names"), *mode == "--ansi");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("bonjour") && text.contains("hola") && text.contains("hi"), "{text}");
        if *mode != "--json" {
            assert!(text.contains("caf\u{fffd}.txt ──"), "{mode}: {text}");
        }
        // Named on the command line, alone and with another.
        let cafe = lib.join(OsStr::from_bytes(b"caf\xe9.txt"));
        for args in
            [vec![cafe.as_os_str()], vec![cafe.as_os_str(), lib.join("plain.txt").as_os_str()]]
        {
            let out = Command::new(env!("CARGO_BIN_EXE_whosaid"))
                .arg(mode)
                .args(&args)
                .env("WHOSAID_CONFIG_DIR", config.path())
                .output()
                .unwrap();
            assert!(out.status.success(), "{mode}: {}", String::from_utf8_lossy(&out.stderr));
            assert_clean(&out, &format!("{mode} a non-UTF-8 argument"), *mode == "--ansi");
            let text = String::from_utf8(out.stdout).unwrap();
            assert!(text.contains("bonjour"), "{mode}: {text}");
        }
    }
}
