//! The `whosaid` binary as scripts use it: `--json` against SCHEMA.md, and bad input.

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn whosaid(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_whosaid"))
        .args(args)
        // Never the real user's config or lexicon (an empty directory of ours instead).
        .env("WHOSAID_CONFIG_DIR", concat!(env!("CARGO_TARGET_TMPDIR"), "/no-config"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut input = child.stdin.take().expect("stdin is piped");
    input.write_all(stdin.unwrap_or_default()).expect("stdin takes the input");
    drop(input);
    child.wait_with_output().expect("the binary exits")
}

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/samples/summit.txt");

fn json_of(path: &str) -> Value {
    let out = whosaid(&["--json", path], None);
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("--json prints JSON")
}

/// Checks one analysis against every rule of SCHEMA.md and returns its text.
fn check_schema(doc: &Value, file_bytes: &[u8]) -> String {
    assert_eq!(doc["schema"], "whosaid.analysis/1");
    assert!(doc["source"].is_string());
    assert!(doc["title"].is_string() || doc["title"].is_null());
    let text = doc["text"].as_str().expect("text is a string").to_owned();
    assert_eq!(text.as_bytes(), file_bytes, "for plain text, text is the file unchanged");
    let span = |v: &Value| {
        let (s, e) = (v["start"].as_u64().unwrap() as usize, v["end"].as_u64().unwrap() as usize);
        assert!(s < e && e <= text.len(), "span {s}..{e} in bounds");
        assert!(text.is_char_boundary(s) && text.is_char_boundary(e), "on char boundaries");
        (s, e)
    };
    let actors = doc["actors"].as_array().expect("actors is an array");
    let mut all_mentions = Vec::new();
    for (i, a) in actors.iter().enumerate() {
        assert_eq!(a["id"].as_u64(), Some(i as u64), "ids are indices");
        assert!(a["name"].as_str().is_some_and(|n| !n.is_empty()));
        assert!(matches!(a["kind"].as_str(), Some("person" | "organization" | "place")));
        // Added to the schema: present, and then true, only for a kind the model doubts.
        assert!(a.get("unsure").is_none_or(|u| u == true), "{a}");
        let aliases: Vec<&str> =
            a["aliases"].as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
        let mentions: Vec<(usize, usize)> =
            a["mentions"].as_array().unwrap().iter().map(span).collect();
        assert!(!mentions.is_empty(), "an actor is mentioned");
        assert!(mentions.windows(2).all(|w| w[0].1 <= w[1].0), "mentions sorted, apart");
        // Each mention's text is one of the aliases (or a demonym of the place).
        for (m, v) in mentions.iter().zip(a["mentions"].as_array().unwrap()) {
            let said = &text[m.0..m.1];
            assert!(v["demonym"] == true || aliases.contains(&said), "{said:?} not in {aliases:?}");
        }
        all_mentions.extend(mentions);
    }
    all_mentions.sort();
    assert!(all_mentions.windows(2).all(|w| w[0].1 <= w[1].0), "no two mentions overlap");
    let quotes = doc["quotes"].as_array().expect("quotes is an array");
    let spans: Vec<(usize, usize)> = quotes.iter().map(span).collect();
    assert!(spans.windows(2).all(|w| w[0].1 <= w[1].0), "quotes sorted, apart");
    for q in quotes {
        match &q["speaker"] {
            Value::Null => {}
            id => assert!((id.as_u64().unwrap() as usize) < actors.len(), "speaker is an actor"),
        }
        assert!(q["cue"].is_string() || q["cue"].is_null());
        // The words naming the speaker: only with a speaker, and outside the quote.
        if !q["speaker_mention"].is_null() {
            assert!(!q["speaker"].is_null(), "a speaker_mention names a speaker");
            let (s, e) = span(&q["speaker_mention"]);
            let (qs, qe) = span(q);
            assert!(e <= qs || s >= qe, "the speaker is named outside the quote");
        }
    }
    text
}

#[test]
fn json_of_the_sample_follows_the_schema() {
    let doc = json_of(SAMPLE);
    check_schema(&doc, &std::fs::read(SAMPLE).unwrap());
    assert_eq!(doc["title"], "Danube water talks end without deal as drought deepens");
}

#[test]
fn json_of_the_seed_article_follows_the_schema() {
    let seed = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seeds/000_0fc0ff6d6d05d3f9.txt");
    let Ok(bytes) = std::fs::read(seed) else {
        return; // shared/ sits beside the checkout in CI and on developer machines
    };
    check_schema(&json_of(seed), &bytes);
}

#[test]
fn trailing_tags_are_not_analysed() {
    let doc = json_of(SAMPLE);
    let text = doc["text"].as_str().unwrap();
    let tags = text.rfind("\nTags:").expect("the sample ends with tags");
    for a in doc["actors"].as_array().unwrap() {
        for m in a["mentions"].as_array().unwrap() {
            assert!((m["end"].as_u64().unwrap() as usize) <= tags, "{a} in metadata");
        }
    }
}

#[test]
fn a_pipe_is_read_when_no_path_is_given() {
    let out = whosaid(&["--json"], Some(b"Storm hits coast\n\nRain fell on Lisbon.\n"));
    assert!(out.status.success());
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["source"], "-");
    assert_eq!(doc["title"], "Storm hits coast");
    let out = whosaid(&["--json", "-"], Some(b"Body.\n"));
    assert!(out.status.success());
}

/// Bad input: one line on stderr naming the input, status 2, nothing on stdout.
fn assert_refused(args: &[&str], stdin: Option<&[u8]>, names: &str) {
    let out = whosaid(args, stdin);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "stderr: {err}");
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    assert!(err.contains(names), "{err:?} names {names:?}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn bad_input_is_one_line_naming_it_with_status_2() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.txt");
    assert_refused(&["--json", missing.to_str().unwrap()], None, "missing.txt");
    let binary = dir.path().join("image.bin");
    std::fs::write(&binary, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap();
    assert_refused(&["--json", binary.to_str().unwrap()], None, "image.bin");
    assert_refused(&["--json", "-"], Some(b"nul\0byte"), "-");
}

#[test]
fn into_a_pipe_without_a_mode_the_text_is_printed_unwrapped() {
    let out = whosaid(&[SAMPLE], None);
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let file = std::fs::read_to_string(SAMPLE).unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap().trim_end(), file.trim_end());
}

#[test]
fn plain_and_ansi_wrap_to_the_width_asked_for() {
    let strip = regex::Regex::new("\x1b\\[[0-9;]*m").unwrap();
    for mode in ["--plain", "--ansi"] {
        let out = whosaid(&[mode, "--width", "30", SAMPLE], None);
        assert!(out.status.success(), "{mode}: {}", String::from_utf8_lossy(&out.stderr));
        let text = String::from_utf8(out.stdout).unwrap();
        let plain = strip.replace_all(&text, "");
        assert!(plain.lines().count() > 20, "{mode}: the sample wraps to many rows");
        for line in plain.lines() {
            assert!(unicode_width::UnicodeWidthStr::width(line) <= 30, "{mode}: {line:?}");
        }
        assert_eq!(mode == "--ansi", text.contains("\x1b["), "{mode}: SGR only with --ansi");
    }
}

#[test]
fn a_user_lexicon_adds_names_and_a_broken_one_is_refused_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.txt");
    std::fs::write(&article, "Zorblat Quux visited the plant on Monday, officials said.\n")
        .unwrap();
    let lex = dir.path().join("lexicon.toml");
    std::fs::write(&lex, "[[actor]]\nname = \"Zorblat Quux\"\nkind = \"place\"\n").unwrap();
    let out =
        whosaid(&["--json", "--lexicon", lex.to_str().unwrap(), article.to_str().unwrap()], None);
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let actor = doc["actors"].as_array().unwrap().iter().find(|a| a["name"] == "Zorblat Quux");
    assert_eq!(actor.expect("the user's actor is found")["kind"], "place");

    std::fs::write(&lex, "[[actor]\nname = 3\n").unwrap();
    assert_refused(&["--json", "--lexicon", lex.to_str().unwrap(), SAMPLE], None, "lexicon.toml");
}

#[test]
fn a_kind_the_model_doubts_is_marked_unsure_in_json_and_a_clear_one_is_not() {
    let out = whosaid(
        &["--json"],
        Some("Prime Minister Rishi Sunak said on Monday that officials met Qorvane.".as_bytes()),
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let actor = |name: &str| {
        doc["actors"].as_array().unwrap().iter().find(|a| a["name"] == name).cloned().unwrap()
    };
    assert!(actor("Rishi Sunak").get("unsure").is_none(), "{doc}");
    assert_eq!(actor("Qorvane")["unsure"], true, "{doc}");
}

#[test]
fn a_page_in_each_legacy_charset_is_read_and_the_report_says_how() {
    let dir = tempfile::tempdir().unwrap();
    // (WHATWG name, a sentence in a language that charset is for, declared in the page)
    let pages = [
        (
            "windows-1252",
            "Le café « Zoë » a rouvert ses portes à Besançon, ont déclaré les propriétaires.",
            true,
        ),
        (
            "ISO-8859-1",
            "Jürgen Müller sagte am Montag, die Fähre über den Fluß fahre wieder täglich.",
            true,
        ),
        (
            "windows-1251",
            "Министр иностранных дел заявил в понедельник, что переговоры продолжатся в Москве.",
            true,
        ),
        ("GBK", "北京市政府今天宣布了新的交通计划，市民普遍表示欢迎，并希望尽快实施。", false),
        (
            "Shift_JIS",
            "東京都は月曜日、新しい交通計画を発表し、市民はおおむね歓迎していると述べた。",
            true,
        ),
        (
            "EUC-KR",
            "서울시는 월요일 새로운 교통 계획을 발표했으며 시민들은 대체로 환영한다고 밝혔다.",
            true,
        ),
    ];
    for (name, sentence, declared) in pages {
        let encoding = encoding_rs::Encoding::for_label(name.as_bytes()).unwrap();
        let meta = if declared { format!("<meta charset=\"{name}\">") } else { String::new() };
        let html = format!(
            "<html><head>{meta}<title>T</title></head><body><article><p>{sentence}</p><p>{sentence}</p></article></body></html>"
        );
        let (bytes, _, unmappable) = encoding.encode(&html);
        assert!(!unmappable, "{name} holds the sentence");
        let path = dir.path().join(format!("{name}.html"));
        std::fs::write(&path, &bytes).unwrap();
        let doc = json_of(path.to_str().unwrap());
        assert!(doc["text"].as_str().unwrap().contains(sentence), "{name}: {}", doc["text"]);
        // ISO-8859-1 is read as windows-1252, as browsers do.
        assert_eq!(doc["decoded"]["encoding"], encoding.name(), "{name}");
        assert_eq!(doc["decoded"]["lossy"], false, "{name}");
    }
    // UTF-8 read whole is not reported: the report is as it always was.
    let doc = json_of(SAMPLE);
    assert!(doc.get("decoded").is_none(), "{doc}");
    // A lossy decode says so.
    let path = dir.path().join("lossy.html");
    std::fs::write(
        &path,
        b"<meta charset=utf-8><p>Caf\xe9 owners said on Monday they would open again soon.</p>",
    )
    .unwrap();
    let doc = json_of(path.to_str().unwrap());
    assert_eq!(doc["decoded"], serde_json::json!({"encoding": "UTF-8", "lossy": true}));
}

/// `--quotes`: the quote sheet, each speaker under a heading with their role and count,
/// the quotes without a speaker last.
#[test]
fn quotes_prints_the_sheet_as_markdown() {
    let out = whosaid(&["--quotes", SAMPLE], None);
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let sheet = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = sheet.lines().collect();
    assert_eq!(lines[0], "# Quotes: Danube water talks end without deal as drought deepens");
    assert!(lines[2].ends_with("summit.txt · 8 quotes · 5 speakers"), "{sheet}");
    let headings: Vec<&str> = lines.iter().filter(|l| l.starts_with("## ")).copied().collect();
    assert_eq!(
        headings,
        [
            "## Leonore Gewessler (Austrian Environment Minister) · 2",
            "## Peter Szijjarto (Hungarian Foreign Minister) · 2",
            "## Stefan Wenzel (State Secretary) · 1",
            "## Mircea Fechet (Romania's Minister of Waters and Forests) · 2",
            "## Maria Bianchi (Commission spokeswoman) · 1",
        ]
    );
    // Szijjarto's second quote comes much later in the article, but under his name.
    let at = |s: &str| sheet.find(s).unwrap_or_else(|| panic!("{s} in\n{sheet}"));
    assert!(at("\"a good first step\" (called, line 19)") < at("## Stefan Wenzel"));
}

/// A quote holding commas, quotation marks and a line break, a title with a comma and
/// a speaker named like a formula, through `--quotes --csv`: one header, every field
/// quoted as RFC 4180 says, and each row read back by a CSV parser as written.
#[test]
fn quotes_csv_quotes_commas_quotation_marks_and_line_breaks() {
    let text = "Rain, wind and \"hail\" hit Lyon\n\n\"We saw it, all of it,\" said Ana Ruiz, \
                a farmer.\n\n\"We had no warning. Nobody came.\n\n\"Then the roof went,\" Ruiz \
                said.\n";
    let out = whosaid(&["--quotes", "--csv", "-"], Some(text.as_bytes()));
    assert!(out.status.success(), "stderr: {}", String::from_utf8_lossy(&out.stderr));
    let csv = String::from_utf8(out.stdout).unwrap();
    let rows = parse_csv(&csv);
    assert_eq!(
        rows[0],
        ["source", "title", "quote", "speaker", "role", "cue", "line", "start", "end", "text"]
    );
    assert!(rows.len() >= 3, "{csv}");
    for row in &rows[1..] {
        assert_eq!(row.len(), 10, "{row:?} in\n{csv}");
        assert_eq!(row[1], "Rain, wind and \"hail\" hit Lyon");
        let (s, e): (usize, usize) = (row[7].parse().unwrap(), row[8].parse().unwrap());
        assert_eq!(row[9], text[s..e], "the quote as written, line breaks and all");
    }
    assert!(rows.iter().any(|r| r[9].contains('\n')), "a quote over two paragraphs:\n{csv}");
    assert!(csv.contains("\"\"We saw it, all of it,\"\"\""), "{csv}");
}

/// RFC 4180 read back: quoted fields may hold commas, doubled quotes and line breaks.
fn parse_csv(s: &str) -> Vec<Vec<String>> {
    let (mut rows, mut row, mut field) = (Vec::new(), Vec::new(), String::new());
    let mut chars = s.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    rows
}

/// `--csv` means nothing without `--quotes`, and `--quotes` is a mode like `--json`.
#[test]
fn csv_needs_quotes_and_quotes_is_a_mode_of_its_own() {
    let out = whosaid(&["--csv", SAMPLE], None);
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    let out = whosaid(&["--quotes", "--json", SAMPLE], None);
    assert_eq!(out.status.code(), Some(2));
}

/// The binary with `env` set, and no input.
fn whosaid_env(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_whosaid"));
    cmd.args(args).env("WHOSAID_CONFIG_DIR", concat!(env!("CARGO_TARGET_TMPDIR"), "/no-config"));
    cmd.env_remove("NO_COLOR").env_remove("COLUMNS");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.stdin(Stdio::null()).output().expect("the binary runs")
}

#[test]
fn help_fits_the_terminal_and_tells_keys_environment_and_exit_status() {
    let width = |s: &str| s.lines().map(unicode_width::UnicodeWidthStr::width).max().unwrap_or(0);
    let out = whosaid_env(&["--help"], &[("COLUMNS", "80")]);
    assert!(out.status.success());
    let help = String::from_utf8(out.stdout).unwrap();
    let wide = help.lines().find(|l| unicode_width::UnicodeWidthStr::width(*l) > 80);
    assert_eq!(wide, None, "a line wider than 80 columns:\n{help}");
    for part in [
        "Keys in the reader:",
        "PgUp, b",
        "search the article",
        "Environment:",
        "NO_COLOR",
        "WHOSAID_CONFIG_DIR",
        "WHOSAID_STATE_DIR",
        "WHOSAID_MAX_BYTES",
        "Exit status:",
        "--color <WHEN>",
        "--completions <SHELL>",
    ] {
        assert!(help.contains(part), "{part:?} missing from --help:\n{help}");
    }
    // Wrapped to the terminal: wider at 120 columns, narrower at 60.
    let at = |cols: &str| {
        let out = whosaid_env(&["--help"], &[("COLUMNS", cols)]);
        width(&String::from_utf8(out.stdout).unwrap())
    };
    assert!(at("120") > 80 && at("120") <= 120, "{}", at("120"));
    assert!(at("60") <= 60, "{}", at("60"));
    // -h is short, and points to the rest.
    let out = whosaid_env(&["-h"], &[("COLUMNS", "80")]);
    let short = String::from_utf8(out.stdout).unwrap();
    assert!(short.contains("whosaid --help") && !short.contains("WHOSAID_STATE_DIR"), "{short}");
}

#[test]
fn usage_errors_are_one_line_with_status_2() {
    for (args, says) in [
        (&["--jsn"][..], "'--json'"),
        (&["--width", "abc", SAMPLE], "--width"),
        (&["--color", "sometimes"], "auto, always, never"),
        (&["--json", "--plain", SAMPLE], "cannot be used with"),
        (&["--completions", "tcsh"], "bash"),
    ] {
        let out = whosaid_env(args, &[]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{args:?}: one line: {err}");
        assert!(err.starts_with("whosaid: ") && err.contains(says), "{args:?}: {err}");
        assert!(err.contains("see whosaid --help"), "{err}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn completions_and_the_man_page_come_from_the_command_line_definition() {
    for (shell, has) in [
        ("bash", "complete -F _whosaid"),
        ("zsh", "#compdef whosaid"),
        ("fish", "complete -c whosaid"),
    ] {
        let out = whosaid_env(&["--completions", shell], &[]);
        assert!(out.status.success(), "{shell}");
        let script = String::from_utf8(out.stdout).unwrap();
        assert!(script.contains(has), "{shell}: {script}");
        for flag in ["json", "color", "completions", "man-page"] {
            let flag = if shell == "fish" { format!("-l {flag}") } else { format!("--{flag}") };
            assert!(script.contains(&flag), "{shell} completes {flag}");
        }
    }
    let out = whosaid_env(&["--man-page"], &[]);
    assert!(out.status.success());
    let man = String::from_utf8(out.stdout).unwrap();
    assert!(man.contains(".TH whosaid 1"), "{man}");
    for section in [".SH OPTIONS", ".SH \"KEYS IN THE READER\"", ".SH \"ENVIRONMENT\""] {
        assert!(man.contains(section), "{section} missing");
    }
    assert!(man.contains("WHOSAID_MAX_BYTES") && man.contains(r"\fB\-\-color\fR"), "{man}");
    // No line of the keys' section starts a roff request by accident.
    assert!(man.lines().filter(|l| l.starts_with(r"\&")).count() > 30);
}

#[test]
fn color_always_never_and_auto_with_no_color() {
    let colour = |args: &[&str], env: &[(&str, &str)]| {
        let out = whosaid_env(args, env);
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        let text = String::from_utf8(out.stdout).unwrap();
        // A foreground colour (38;…); bold and underline stay without colour.
        (text.contains("\x1b[38;") || text.contains(";38;"), text.contains("\x1b["))
    };
    assert_eq!(colour(&["--ansi", SAMPLE], &[]), (true, true), "auto, no NO_COLOR");
    assert_eq!(colour(&["--ansi", SAMPLE], &[("NO_COLOR", "1")]), (false, true), "auto");
    assert_eq!(
        colour(&["--ansi", "--color", "always", SAMPLE], &[("NO_COLOR", "1")]),
        (true, true)
    );
    assert_eq!(colour(&["--ansi", "--color=never", SAMPLE], &[]), (false, true));
}

/// The README's set-up is two commands for a fresh machine, and every example of its
/// Use section runs the program by the name that `cargo install --path .` gives it.
#[test]
fn the_readme_sets_up_with_two_commands_and_uses_the_installed_name() {
    let readme = include_str!("../README.md");
    let section = |title: &str| {
        let start = readme.find(title).unwrap_or_else(|| panic!("{title} in the README"));
        let rest = &readme[start + title.len()..];
        &rest[..rest.find("\n## ").unwrap_or(rest.len())]
    };
    let commands = |text: &str| -> Vec<String> {
        text.lines()
            .filter_map(|l| l.strip_prefix("    "))
            .map(|l| l.split('#').next().unwrap_or("").trim().to_owned())
            .collect()
    };
    assert_eq!(commands(section("## Set up")), ["cargo run --release", "cargo test"]);
    let usage = section("## Use");
    assert!(usage.contains("cargo install --path ."));
    let examples = commands(&usage[..usage.find("\n- ").unwrap_or(usage.len())]);
    assert!(examples.len() > 5);
    for e in &examples {
        let prog = e.split(" | ").find(|p| p.contains("whosaid")).unwrap_or(e);
        let name = prog.split_whitespace().next().unwrap_or("");
        assert!(name == "whosaid" || name == "mkdir" || name == "man", "{e}");
    }
}
