//! Prepares the built-in lexicon at build time: the lists in assets/lexicon parsed into
//! the static tables (entities, phrases, words, the trie of phrases) that
//! `src/analysis/lexicon.rs` includes, so a run starts with the lexicon ready instead
//! of spending most of a short article's time building it.

use std::fmt::Write as _;
use std::path::PathBuf;

/// What the tokenizer needs from the analyser's module, as the crate has it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Span {
    start: usize,
    end: usize,
}

#[allow(dead_code)]
impl Span {
    fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    fn range(self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

/// The tokenizer, so phrases' first words are cut exactly as in a text.
#[allow(dead_code)]
#[path = "src/analysis/text.rs"]
mod text;

#[allow(dead_code)]
#[path = "src/analysis/lexicon_data.rs"]
mod lexicon_data;

#[allow(dead_code)]
#[path = "src/analysis/speaker_words.rs"]
mod speaker_words;

use lexicon_data::{Parsed, Sense, TrieData};

fn main() {
    println!("cargo:rerun-if-changed=assets/lexicon");
    println!("cargo:rerun-if-changed=src/analysis/lexicon_data.rs");
    println!("cargo:rerun-if-changed=src/analysis/text.rs");
    println!("cargo:rerun-if-changed=assets/kinds.tsv");
    let dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    std::fs::write(dir.join("kind_weights.rs"), kind_weights()).expect("OUT_DIR is writable");
    println!("cargo:rerun-if-changed=src/analysis/speaker_words.rs");
    std::fs::write(dir.join("speaker_tables.rs"), speaker_tables()).expect("OUT_DIR is writable");
    println!("cargo:rerun-if-changed=assets/lexicon/gazetteer.tsv");
    std::fs::write(dir.join("gazetteer_index.rs"), gazetteer_index()).expect("OUT_DIR is writable");
    let lex = Parsed::builtin();
    let mut out = String::new();
    let kind = |k: u8| match k {
        lexicon_data::PERSON => "Person",
        lexicon_data::ORG => "Organization",
        _ => "Place",
    };
    let sense = |s: Sense| match s {
        Sense::Name(id) => format!("Meaning::Name({id})"),
        Sense::Demonym(id) => format!("Meaning::Demonym({id})"),
        Sense::Title => "Meaning::Title".to_owned(),
    };

    let _ = writeln!(out, "/// The built-in entities, by id.");
    let _ = writeln!(out, "static ENTITIES: [Entity; {}] = [", lex.entities.len());
    for (name, k, country) in &lex.entities {
        let _ = writeln!(
            out,
            "Entity {{ name: Cow::Borrowed({name:?}), kind: Kind::{}, country: {country} }},",
            kind(*k)
        );
    }
    out.push_str("];\n");

    let _ = writeln!(out, "/// The built-in phrases with their meanings, by id.");
    let _ = writeln!(out, "static PATTERNS: [(&str, Meaning); {}] = [", lex.patterns.len());
    for (p, s) in &lex.patterns {
        let _ = writeln!(out, "({p:?}, {}),", sense(*s));
    }
    out.push_str("];\n");
    let phrases: Vec<&str> = lex.patterns.iter().map(|(p, _)| p.as_str()).collect();
    numbers(&mut out, "PATTERN_SLOTS", "u32", &lexicon_data::slots(phrases.iter().copied()));

    let mut words: Vec<(&String, &u8)> = lex.words.iter().collect();
    words.sort();
    let _ = writeln!(out, "/// Every word the lexicon knows, with its bits.");
    let rows: Vec<(&str, u8)> = words.iter().map(|&(w, &bits)| (w.as_str(), bits)).collect();
    word_table(&mut out, ("WORDS", "WORD_SLOTS"), "u8", &rows);

    let mut upper: Vec<(&String, &u32)> = lex.upper.iter().collect();
    upper.sort();
    let _ = writeln!(out, "/// One-word names in capitals, with their entities.");
    let _ = writeln!(out, "static UPPER: [(&str, EntityId); {}] = [", upper.len());
    for (w, id) in &upper {
        let _ = writeln!(out, "({w:?}, {id}),");
    }
    out.push_str("];\n");
    numbers(
        &mut out,
        "UPPER_SLOTS",
        "u32",
        &lexicon_data::slots(upper.iter().map(|(w, _)| w.as_str())),
    );

    // Phrases that are also never-words: a user lexicon leaves them out.
    let never: Vec<u32> = (0..lex.patterns.len() as u32)
        .filter(|&i| {
            lex.words.get(phrases[i as usize]).is_some_and(|b| b & lexicon_data::NEVER != 0)
        })
        .collect();
    numbers(&mut out, "NEVER_PATTERNS", "u32", &never);

    let trie = TrieData::build(&phrases);
    numbers(&mut out, "TRIE_FIRST", "u32", &trie.first);
    numbers(&mut out, "TRIE_BYTES", "u8", &trie.bytes);
    numbers(&mut out, "TRIE_CHILD", "u32", &trie.child);
    numbers(&mut out, "TRIE_PHRASE", "u32", &trie.phrase);
    numbers(&mut out, "STARTS", "u64", &lexicon_data::starts_bitmap(&phrases));

    std::fs::write(dir.join("lexicon_tables.rs"), out).expect("OUT_DIR is writable");
}

/// The kind model's weights (assets/kinds.tsv) as a static table sorted by feature
/// hash, a hash listed twice with its last weights: what `kinds::Model::parse` makes
/// (a test there checks it), written as the floats' bits so nothing is rounded.
fn kind_weights() -> String {
    let tsv = std::fs::read_to_string("assets/kinds.tsv").expect("assets/kinds.tsv is readable");
    let kept = lexicon_data::kind_weights(&tsv).unwrap_or_else(|e| panic!("assets/kinds.tsv: {e}"));
    let mut out = format!("static KIND_WEIGHTS: [(u64, [f32; 3]); {}] = [\n", kept.len());
    for (h, w) in kept {
        let [a, b, c] = w.map(f32::to_bits);
        let _ = writeln!(
            out,
            "(0x{h:016x}, [f32::from_bits({a:#x}), f32::from_bits({b:#x}), f32::from_bits({c:#x})]),"
        );
    }
    out.push_str("];\n");
    out
}

/// The gazetteer's index: where each line of its body (after the leading `#` comments)
/// starts and ends in the file, and a hash table of the lines by key, so a lookup is a
/// hash and a comparison instead of a binary search that reads the text around each
/// probe.
fn gazetteer_index() -> String {
    let data = std::fs::read_to_string("assets/lexicon/gazetteer.tsv")
        .expect("assets/lexicon/gazetteer.tsv is readable");
    let (mut starts, mut ends) = (Vec::new(), Vec::new());
    let mut at = 0;
    let mut header = true;
    for piece in data.split_inclusive('\n') {
        let line = piece.strip_suffix('\n').unwrap_or(piece);
        let line = line.strip_suffix('\r').unwrap_or(line);
        if header && line.starts_with('#') {
            at += piece.len();
            continue;
        }
        header = false;
        starts.push(at as u32);
        ends.push((at + line.len()) as u32);
        at += piece.len();
    }
    let key = |i: usize| {
        let line = &data[starts[i] as usize..ends[i] as usize];
        line.split_once('\t').map_or(line, |(k, _)| k)
    };
    let keys: Vec<&str> = (0..starts.len()).map(key).collect();
    let mut out = String::new();
    numbers(&mut out, "LINE_START", "u32", &starts);
    numbers(&mut out, "LINE_END", "u32", &ends);
    numbers(&mut out, "SLOTS", "u32", &lexicon_data::slots(keys.iter().copied()));
    out
}

/// A static array of numbers.
/// The speaker step's tables (see src/analysis/speaker_words.rs): the word classes and
/// the reporting phrases, each with the open-addressing slots that find a word.
fn speaker_tables() -> String {
    let list = std::fs::read_to_string("assets/lexicon/reporting_verbs.txt")
        .expect("assets/lexicon/reporting_verbs.txt is readable");
    let cues = speaker_words::parse_cue_phrases(&list);
    let classes = speaker_words::word_classes(cues.keys().copied());
    let mut out = String::new();
    let rows: Vec<(&str, u32)> = classes.iter().map(|(w, &bits)| (w.as_str(), bits)).collect();
    word_table(&mut out, ("WORD_CLASSES", "WORD_CLASS_SLOTS"), "u32", &rows);
    let count: usize = cues.values().map(Vec::len).sum();
    let _ = writeln!(out, "static CUE_PHRASES: [Phrase; {count}] = [");
    let mut firsts = Vec::new();
    let mut at = 0;
    for (first, phrases) in &cues {
        for (words, kind) in phrases {
            let _ = writeln!(out, "Phrase {{ words: &{words:?}, kind: CueKind::{kind:?} }},");
        }
        firsts.push((*first, at, at + phrases.len()));
        at += phrases.len();
    }
    out.push_str("];\n");
    let _ = writeln!(out, "static CUE_FIRSTS: [(&str, u32, u32); {}] = [", firsts.len());
    for (first, from, to) in &firsts {
        let _ = writeln!(out, "({first:?}, {from}, {to}),");
    }
    out.push_str("];\n");
    numbers(&mut out, "CUE_FIRST_SLOTS", "u32", &lexicon_data::slots(firsts.iter().map(|f| f.0)));
    out
}

/// A static table of words and their values, named `names.0`, and the open-addressing
/// slots that find a word in it (`lexicon_data::find_slot`), named `names.1`.
fn word_table<V: std::fmt::Display>(
    out: &mut String,
    names: (&str, &str),
    ty: &str,
    rows: &[(&str, V)],
) {
    let _ = writeln!(out, "static {}: [(&str, {ty}); {}] = [", names.0, rows.len());
    for (w, v) in rows {
        let _ = writeln!(out, "({w:?}, {v}),");
    }
    out.push_str("];\n");
    numbers(out, names.1, "u32", &lexicon_data::slots(rows.iter().map(|r| r.0)));
}

fn numbers<T: std::fmt::Display>(out: &mut String, name: &str, ty: &str, values: &[T]) {
    let _ = write!(out, "static {name}: [{ty}; {}] = [", values.len());
    for (i, v) in values.iter().enumerate() {
        if i % 32 == 0 {
            out.push('\n');
        }
        let _ = write!(out, "{v},");
    }
    out.push_str("\n];\n");
}
