//! `--json` is the contract of SCHEMA.md: however it is laid out or streamed, it must
//! parse to the value serde makes of the report itself, on every article we have.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
use whosaid::print::{self, Report, Shape};
use whosaid::source::{self, Article, LoadOptions};

/// Every file under `dir`, sorted, subfolders included.
fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            files_under(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// The project's fixtures and samples, and the annotated dev articles when they are beside
/// the repository.
fn inputs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    files_under(&root.join("tests/fixtures"), &mut files);
    files_under(&root.join("assets/samples"), &mut files);
    let dev = root.join("../shared/eval/dev");
    let mut annotated = Vec::new();
    files_under(&dev, &mut annotated);
    files.extend(annotated.into_iter().filter(|p| p.extension().is_some_and(|e| e == "txt")));
    files
}

/// The report as serde sees it, with no formatter of ours in the way.
fn expected(article: &Article) -> Value {
    let analysis = whosaid::analyse_article(article);
    serde_json::to_value(Report::new(article, &analysis)).expect("the report is plain data")
}

fn written(article: &Article, shape: Shape) -> Vec<u8> {
    let analysis = whosaid::analyse_article(article);
    let mut out = Vec::new();
    print::write_json(&mut out, article, &analysis, shape).expect("writing to memory");
    out
}

#[test]
fn every_article_written_parses_to_the_report_in_both_shapes() {
    let mut articles = 0;
    for path in inputs() {
        let Ok(loaded) = source::load_path_with(&path, &LoadOptions::default()) else { continue };
        for article in &loaded {
            let want = expected(article);
            for shape in [Shape::Pretty, Shape::Line] {
                let out = written(article, shape);
                assert_eq!(out.last(), Some(&b'\n'), "{}: no final newline", path.display());
                let got: Value = serde_json::from_slice(&out).expect("--json writes JSON");
                assert!(got == want, "{}: {shape:?} differs from the report", path.display());
            }
            articles += 1;
        }
    }
    assert!(articles >= 15, "only {articles} articles were checked");
}

/// The pretty layout writes each mention and each quote on a line of its own, and every
/// other line is what serde_json's pretty printer would write there.
#[test]
fn pretty_output_has_one_line_per_mention_and_quote() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/samples/summit.txt");
    let article = source::load(path).expect("the sample loads");
    let analysis = whosaid::analyse_article(&article);
    let mentions: usize = analysis.actors.iter().map(|a| a.mentions.len()).sum();
    assert!(mentions > 10 && analysis.quotes.len() > 3, "the sample has mentions and quotes");
    let out = String::from_utf8(written(&article, Shape::Pretty)).expect("UTF-8");
    let one_line: Vec<&str> =
        out.lines().map(str::trim).filter(|l| l.starts_with("{\"start\"")).collect();
    assert_eq!(one_line.len(), mentions + analysis.quotes.len());
    for line in one_line {
        let v: Value = serde_json::from_str(line.trim_end_matches(',')).expect("one object a line");
        assert!(v["start"].is_u64() && v["end"].is_u64(), "{line}");
    }
    assert!(out.starts_with("{\n  \"schema\": \"whosaid.analysis/1\",\n  \"source\": "), "{out}");
    assert!(out.contains("\n  \"actors\": [\n    {\n      \"id\": 0,\n"), "{out}");
}

/// The binary prints the same value as the library writes, for one article (pretty) and
/// for a file of several (JSON Lines, one report a line).
#[test]
fn the_binary_prints_the_report_of_each_input() {
    let mut checked = 0;
    for path in inputs() {
        let Ok(loaded) = source::load_path_with(&path, &LoadOptions::default()) else { continue };
        let out = Command::new(env!("CARGO_BIN_EXE_whosaid"))
            .arg("--json")
            .arg(&path)
            // Never the real user's config or lexicon (an empty directory of ours instead).
            .env("WHOSAID_CONFIG_DIR", concat!(env!("CARGO_TARGET_TMPDIR"), "/no-config"))
            .output()
            .expect("the binary runs");
        assert!(
            out.status.success(),
            "{}: {}",
            path.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        let got: Vec<Value> = if loaded.len() == 1 {
            vec![serde_json::from_slice(&out.stdout).expect("one JSON document")]
        } else {
            let text = String::from_utf8(out.stdout).expect("UTF-8");
            text.lines().map(|l| serde_json::from_str(l).expect("a JSON line")).collect()
        };
        let want: Vec<Value> = loaded.iter().map(expected).collect();
        assert!(got == want, "{}: the binary's --json differs", path.display());
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} inputs were checked");
}
