//! Trains the actor-kind model (`assets/kinds.tsv`) from gold-annotated articles.
//!
//!     cargo run --release --bin train-kinds -- [--out FILE] [--cv] DIR...
//!
//! Each `NAME.gold.json` beside its `NAME.txt` (the format of `../shared/eval`) is read;
//! the article is analysed as `whosaid --json` would, each predicted mention is matched to
//! a gold mention the way the scorer matches them (the predicted span holds the gold
//! head word and lies inside the gold phrase), and each actor is labelled with the kind
//! most of its matched mentions have. A multinomial logistic regression with an L2
//! penalty is fitted by full-batch gradient descent in a fixed order, so the same data
//! gives byte-identical weights. `--cv` reports a five-fold cross-validation by document
//! instead of writing the model (for choosing settings without touching held-out text).

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use whosaid::Lexicon;
use whosaid::analysis::{Kind, analyse_with_kind_features};

/// Features seen in fewer training actors than this are left out of the model.
const MIN_ACTORS: usize = 2;
/// The L2 penalty, per weight, against the summed loss of all examples.
const L2: f64 = 5.0;
const EPOCHS: usize = 400;
const RATE: f64 = 0.5;
/// An actor's example counts as many times as its matched mentions, up to this.
const MAX_WEIGHT: f64 = 8.0;

/// The data the shipped model is trained on, each with the weight of its examples: the
/// pool's other genres, and the news of dev counted more, as news is what whosaid reads.
const DEFAULT_DATA: [(&str, f64); 2] =
    [("../shared/eval/pool/train", 1.0), ("../shared/eval/dev", 3.0)];

/// A setting, or its override from the environment while settings are being chosen.
fn setting(name: &str, default: f64) -> f64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// One actor of the training data.
struct Example {
    doc: usize,
    /// The actor's name, for the errors `--cv` lists with `KINDS_CV_ERRORS=1`.
    name: String,
    features: Vec<(u64, f32)>,
    label: usize,
    weight: f64,
}

fn kind_index(kind: &str) -> Option<usize> {
    Kind::ALL.iter().position(|k| k.as_str() == kind)
}

/// The gold mentions the scorer scores: named people, organizations and places, not
/// optional, not inside a longer scored name. With their head span and label.
fn scored_gold(gold: &Value) -> Vec<(usize, usize, (usize, usize), usize)> {
    let empty = Vec::new();
    let entities = gold["entities"].as_array().unwrap_or(&empty);
    let named: Vec<&Value> = entities
        .iter()
        .filter(|g| {
            g["type"].as_str().and_then(kind_index).is_some()
                && !g["optional"].as_bool().unwrap_or(false)
                && g["mention_kind"].as_str().unwrap_or("name") == "name"
        })
        .collect();
    let span = |g: &Value| {
        (g["start"].as_u64().unwrap_or(0) as usize, g["end"].as_u64().unwrap_or(0) as usize)
    };
    named
        .iter()
        .filter(|g| {
            let (s, e) = span(g);
            !named.iter().any(|o| {
                let (os, oe) = span(o);
                !std::ptr::eq(*o, **g) && os <= s && e <= oe && oe - os > e - s
            })
        })
        .map(|g| {
            let (s, e) = span(g);
            let head = if g["head"].is_object() { span(&g["head"]) } else { (s, e) };
            let mut label = g["type"].as_str().and_then(kind_index).unwrap_or(0);
            // Whosaid's convention: a country is a place also when it acts.
            let ok = g["kinds_ok"].as_array();
            if ok.is_some_and(|ok| ok.iter().any(|k| k.as_str() == Some("place"))) {
                label = Kind::Place as usize;
            }
            (s, e, head, label)
        })
        .collect()
}

/// The labelled actors of one article.
fn examples_of(doc: usize, txt: &Path, gold: &Value, out: &mut Vec<Example>) -> Result<(), String> {
    let article = whosaid::source::load(&txt.to_string_lossy()).map_err(|e| e.to_string())?;
    let (analysis, features) = analyse_with_kind_features(article.body(), Lexicon::builtin());
    let gold = scored_gold(gold);
    let mut mentions: Vec<(usize, usize, usize, bool)> = analysis
        .actors
        .iter()
        .flat_map(|a| a.mentions.iter().map(move |m| (m.start, m.end, a.id, m.demonym)))
        .collect();
    mentions.sort_unstable();
    let mut found = vec![false; gold.len()];
    let mut counts = vec![[0usize; 3]; analysis.actors.len()];
    for (s, e, id, demonym) in mentions {
        let fit = (0..gold.len())
            .filter(|&i| {
                let (gs, ge, (hs, he), _) = gold[i];
                !found[i] && s <= hs && he <= e && gs <= s && e <= ge
            })
            .min_by_key(|&i| (gold[i].1 - gold[i].0, i));
        if let Some(i) = fit {
            found[i] = true;
            // "Iranian" tells what Iran is no more than "the Iranians" do.
            if !demonym {
                counts[id][gold[i].3] += 1;
            }
        }
    }
    for (id, f) in features.into_iter().enumerate() {
        let c = counts[id];
        let n = c.iter().sum::<usize>();
        if n == 0 {
            continue;
        }
        let label = (0..3).max_by_key(|&k| (c[k], std::cmp::Reverse(k))).unwrap_or(0);
        out.push(Example {
            doc,
            name: analysis.actors[id].name.clone(),
            features: f,
            label,
            weight: (n as f64).min(setting("KINDS_MAX_WEIGHT", MAX_WEIGHT)),
        });
    }
    Ok(())
}

/// Weights per feature, fitted on `examples`.
fn train(examples: &[&Example]) -> BTreeMap<u64, [f64; 3]> {
    let mut df: BTreeMap<u64, usize> = BTreeMap::new();
    for ex in examples {
        for &(h, _) in &ex.features {
            *df.entry(h).or_default() += 1;
        }
    }
    let index: BTreeMap<u64, usize> = df
        .into_iter()
        .filter(|&(_, n)| n as f64 >= setting("KINDS_MIN_ACTORS", MIN_ACTORS as f64))
        .enumerate()
        .map(|(i, (h, _))| (h, i))
        .collect();
    let rows: Vec<Vec<(usize, f64)>> = examples
        .iter()
        .map(|ex| {
            ex.features
                .iter()
                .filter_map(|&(h, v)| index.get(&h).map(|&i| (i, f64::from(v))))
                .collect()
        })
        .collect();
    let n = index.len();
    let l2 = setting("KINDS_L2", L2);
    let mut w = vec![[0f64; 3]; n];
    let mut g2 = vec![[1e-8f64; 3]; n];
    let mut grad = vec![[0f64; 3]; n];
    for _ in 0..EPOCHS {
        for (k, g) in grad.iter_mut().enumerate() {
            *g = w[k].map(|x| l2 * x);
        }
        for (row, ex) in rows.iter().zip(examples) {
            let mut z = [0f64; 3];
            for &(i, v) in row {
                for k in 0..3 {
                    z[k] += w[i][k] * v;
                }
            }
            let m = z[0].max(z[1]).max(z[2]);
            let e = z.map(|x| (x - m).exp());
            let s = e[0] + e[1] + e[2];
            for &(i, v) in row {
                for k in 0..3 {
                    let target = if k == ex.label { 1.0 } else { 0.0 };
                    grad[i][k] += ex.weight * (e[k] / s - target) * v;
                }
            }
        }
        for i in 0..n {
            for k in 0..3 {
                g2[i][k] += grad[i][k] * grad[i][k];
                w[i][k] -= RATE * grad[i][k] / g2[i][k].sqrt();
            }
        }
    }
    index.into_iter().map(|(h, i)| (h, w[i])).collect()
}

/// The model file: one line per feature whose weights are not all zero at four decimals.
fn model_tsv(weights: &BTreeMap<u64, [f64; 3]>, examples: usize) -> String {
    let mut out = String::new();
    out.push_str("# whosaid actor-kind model, written by src/bin/train-kinds.rs; do not edit.\n");
    out.push_str(&format!(
        "# {examples} training actors. feature hash, person, organization, place\n"
    ));
    for (h, w) in weights {
        let r = w.map(|x| (x * 1e4).round() / 1e4);
        if r.iter().all(|&x| x == 0.0) {
            continue;
        }
        let f = |x: f64| {
            let s = format!("{x:.4}");
            let s = s.trim_end_matches('0').trim_end_matches('.');
            if s == "-0" { "0".to_owned() } else { s.to_owned() }
        };
        out.push_str(&format!("{h:016x}\t{}\t{}\t{}\n", f(r[0]), f(r[1]), f(r[2])));
    }
    out
}

fn predict(weights: &BTreeMap<u64, [f64; 3]>, ex: &Example) -> usize {
    let mut z = [0f64; 3];
    for &(h, v) in &ex.features {
        if let Some(w) = weights.get(&h) {
            for k in 0..3 {
                z[k] += w[k] * f64::from(v);
            }
        }
    }
    (0..3).max_by(|&a, &b| z[a].total_cmp(&z[b]).then(b.cmp(&a))).unwrap_or(0)
}

fn gold_files(dirs: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for dir in dirs {
        let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for entry in entries {
            let p = entry.map_err(|e| format!("{}: {e}", dir.display()))?.path();
            if p.to_string_lossy().ends_with(".gold.json") {
                files.push(p);
            }
        }
    }
    files.sort();
    Ok(files)
}

/// Readable names for the feature hashes an article can give: its words under every
/// template, its word pairs, the clues, shapes and the fixed features.
fn names_of(text: &str) -> std::collections::HashMap<u64, String> {
    use whosaid::analysis::kinds::feature;
    let mut names = std::collections::HashMap::new();
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace())
        .flat_map(|w| w.split_inclusive(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’'))
        .flat_map(|w| {
            let cut = w.len()
                - w.chars().last().filter(|c| !c.is_alphanumeric()).map_or(0, char::len_utf8);
            [&w[..cut], &w[cut..]]
        })
        .filter(|w| !w.is_empty())
        .collect();
    for (i, w) in words.iter().enumerate() {
        for t in ["w", "fw", "lw", "p1", "n1"] {
            names.insert(feature(t, w), format!("{t}:{w}"));
        }
        for (n, t) in [(2, "s2"), (3, "s3"), (4, "s4")] {
            let cs: Vec<(usize, char)> = w.char_indices().collect();
            if cs.len() > n {
                let suf = &w[cs[cs.len() - n].0..];
                names.insert(feature(t, suf), format!("{t}:{suf}"));
            }
        }
        if let Some(next) = words.get(i + 1) {
            for t in ["p2", "n2"] {
                let pair = format!("{w} {next}");
                names.insert(feature(t, &pair), format!("{t}:{pair}"));
            }
        }
    }
    for bit in 0..32u8 {
        let c = char::from(b'a' + bit);
        names.insert(feature("clue", &c.to_string()), format!("clue:{bit}"));
    }
    let symbols = ['X', 'A', 'x', '9', '.', '-'];
    let mut shapes = vec![String::new()];
    for _ in 0..4 {
        let longer: Vec<String> = shapes
            .iter()
            .filter(|s| s.len() == shapes.last().map_or(0, String::len))
            .flat_map(|s| symbols.iter().map(move |c| format!("{s}{c}")))
            .collect();
        shapes.extend(longer);
    }
    for s in shapes {
        let mut h = feature("shape", "");
        for b in s.bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        names.insert(h, format!("shape:{s}"));
    }
    for (t, v) in [
        ("p1", "<s>"),
        ("n1", "</s>"),
        ("len", "1"),
        ("len", "2"),
        ("len", "3"),
        ("len", "4"),
        ("given", ""),
        ("lex", "person"),
        ("lex", "organization"),
        ("lex", "place"),
        ("lex", "country"),
        ("poss", ""),
        ("script", ""),
        ("bias", ""),
        ("mentions", "1"),
        ("mentions", "2"),
        ("mentions", "4"),
        ("mentions", "10"),
        ("votes", "person"),
        ("votes", "organization"),
        ("votes", "place"),
        ("all votes", "person"),
        ("all votes", "organization"),
        ("all votes", "place"),
        ("default", "person"),
        ("default", "organization"),
        ("default", "place"),
    ] {
        names.insert(feature(t, v), format!("{t}:{v}"));
    }
    names
}

/// Prints each actor of an article with the model's probabilities and the features that
/// weighed most for the kind chosen.
fn explain(path: &str) -> Result<(), String> {
    let article = whosaid::source::load(path).map_err(|e| e.to_string())?;
    let (analysis, features) = analyse_with_kind_features(article.body(), Lexicon::builtin());
    let names = names_of(article.body());
    let model = whosaid::analysis::kinds::Model::builtin();
    for (a, f) in analysis.actors.iter().zip(&features) {
        let p = model.probabilities(f);
        let k = a.kind as usize;
        let mut parts: Vec<(f32, String)> = f
            .iter()
            .filter_map(|&(h, v)| {
                let w = model.weights(h)?;
                let margin = w[k] - (w[0] + w[1] + w[2] - w[k]) / 2.0;
                Some((margin * v, names.get(&h).cloned().unwrap_or(format!("{h:016x}"))))
            })
            .collect();
        parts.sort_by(|a, b| b.0.abs().total_cmp(&a.0.abs()));
        let top: Vec<String> = parts.iter().take(8).map(|(m, n)| format!("{n} {m:+.2}")).collect();
        println!(
            "{:<30} {:<12} p={:.2}/{:.2}/{:.2} n={} | {}",
            a.name,
            a.kind.as_str(),
            p[0],
            p[1],
            p[2],
            a.mentions.len(),
            top.join(", ")
        );
    }
    Ok(())
}

fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let mut out = PathBuf::from("assets/kinds.tsv");
    let mut cv = false;
    let mut dirs = Vec::new();
    let mut dir_weights = Vec::new();
    let mut weight = 1.0;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--weight" => {
                weight =
                    args.next().and_then(|w| w.parse().ok()).ok_or("--weight needs a number")?;
            }
            "--out" => out = args.next().ok_or("--out needs a file")?.into(),
            "--cv" => cv = true,
            "--explain" => return explain(&args.next().ok_or("--explain needs a file")?),
            _ => {
                dirs.push(PathBuf::from(a));
                dir_weights.push(weight);
            }
        }
    }
    if dirs.is_empty() {
        for (d, w) in DEFAULT_DATA {
            dirs.push(PathBuf::from(d));
            dir_weights.push(w);
        }
    }
    let mut examples = Vec::new();
    let files = gold_files(&dirs)?;
    for (doc, gp) in files.iter().enumerate() {
        let text = std::fs::read_to_string(gp).map_err(|e| format!("{}: {e}", gp.display()))?;
        let gold: Value =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", gp.display()))?;
        let name = gp.to_string_lossy();
        let txt = match gold["text_file"].as_str() {
            Some(f) => gp.with_file_name(f),
            None => PathBuf::from(format!("{}.txt", &name[..name.len() - ".gold.json".len()])),
        };
        let before = examples.len();
        examples_of(doc, &txt, &gold, &mut examples)?;
        let d = dirs.iter().position(|d| gp.starts_with(d)).unwrap_or(0);
        for ex in &mut examples[before..] {
            ex.weight *= dir_weights[d];
        }
    }
    if examples.is_empty() {
        return Err(format!("no annotated articles in {}", dirs[0].display()));
    }
    if cv {
        let votes = Kind::ALL.map(|k| whosaid::analysis::kinds::feature("votes", k.as_str()));
        let by_votes =
            |ex: &Example| ex.features.iter().find_map(|(h, _)| votes.iter().position(|v| v == h));
        let (mut right, mut total, mut right_votes) = (0.0, 0.0, 0.0);
        // The same, per directory given (dev news apart from the pool).
        let mut per_dir = vec![(0.0, 0.0); dirs.len()];
        for fold in 0..5 {
            let train_set: Vec<&Example> = examples.iter().filter(|e| e.doc % 5 != fold).collect();
            let weights = train(&train_set);
            for ex in examples.iter().filter(|e| e.doc % 5 == fold) {
                total += ex.weight;
                let d = dirs.iter().position(|d| files[ex.doc].starts_with(d)).unwrap_or(0);
                per_dir[d].1 += ex.weight;
                let p = predict(&weights, ex);
                if p == ex.label {
                    right += ex.weight;
                    per_dir[d].0 += ex.weight;
                } else if std::env::var_os("KINDS_CV_ERRORS").is_some() {
                    println!(
                        "{:<40} gold {:<12} model {:<12} weight {:.0}  {}",
                        ex.name,
                        Kind::ALL[ex.label].as_str(),
                        Kind::ALL[p].as_str(),
                        ex.weight,
                        files[ex.doc].file_name().unwrap_or_default().to_string_lossy()
                    );
                }
                if by_votes(ex) == Some(ex.label) {
                    right_votes += ex.weight;
                }
            }
        }
        println!(
            "{} actors, cross-validated weighted accuracy {:.4} (the votes alone {:.4})",
            examples.len(),
            right / total,
            right_votes / total
        );
        for (d, (r, t)) in dirs.iter().zip(per_dir) {
            println!("  {}: {:.4}", d.display(), r / t);
        }
        return Ok(());
    }
    let all: Vec<&Example> = examples.iter().collect();
    let weights = train(&all);
    let tsv = model_tsv(&weights, examples.len());
    std::fs::write(&out, tsv).map_err(|e| format!("{}: {e}", out.display()))?;
    eprintln!("{} actors, {} features -> {}", examples.len(), weights.len(), out.display());
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("train-kinds: {e}");
            ExitCode::from(2)
        }
    }
}
