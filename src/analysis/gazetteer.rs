//! Long public lists of given names, surnames and cities, as evidence for the kind model.
//!
//! The hand-written lexicon names the actors news names most; these lists say what an
//! unknown name is likely to be ("Mandy" is a given name, "Łódź" a city, "Middlebrooks" a
//! surname) on text nobody here has read. They are only evidence: many surnames are
//! cities ("Washington") and many cities given names ("Savannah"), and the kind model
//! weighs a hit with the words around the name.
//!
//! `assets/lexicon/gazetteer.tsv` (written by `assets/lexicon/gazetteer.py`, data and
//! licences in `assets/README.md`) is a lower-case key, a TAB and its flags per line,
//! sorted by bytes, and compiled into the binary as it is, with an index the build script
//! makes (where each line starts and ends, and a hash table of the keys): a lookup is a
//! hash and a comparison, and there is nothing to build at start-up for 100,000 keys.

/// The gazetteer as shipped.
const DATA: &str = include_str!("../../assets/lexicon/gazetteer.tsv");

// LINE_START, LINE_END (byte offsets in DATA of each line of the body) and SLOTS (the
// lines by key), from build.rs.
include!(concat!(env!("OUT_DIR"), "/gazetteer_index.rs"));

/// The sorted lines, after the leading `#` comments.
#[cfg(test)]
fn body() -> &'static str {
    DATA.get(LINE_START.first().map_or(DATA.len(), |&s| s as usize)..).unwrap_or_default()
}

/// Line `i` of the body, split into its key and flags.
fn line(i: usize) -> (&'static str, &'static str) {
    let line = DATA.get(LINE_START[i] as usize..LINE_END[i] as usize).unwrap_or_default();
    line.split_once('\t').unwrap_or((line, ""))
}

/// The flags of `key` (already in lower case): space-separated `g1`, `s2`, `c3`, ...
pub fn flags(key: &str) -> Option<&'static str> {
    let i = super::lexicon_data::find_slot(&SLOTS, key, |i| line(i).0)?;
    Some(line(i).1)
}

/// The flags of `word` in any case; `buf` is reused between calls to spare allocations.
pub fn flags_of(word: &str, buf: &mut String) -> Option<&'static str> {
    buf.clear();
    buf.extend(word.chars().flat_map(char::to_lowercase));
    flags(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lines_are_sorted_by_bytes_with_one_tab_each() {
        let mut last: Option<&str> = None;
        for line in body().lines() {
            let (k, f) = line.split_once('\t').expect("a tab");
            assert!(!f.contains('\t') && !f.is_empty(), "{line:?}");
            assert_eq!(k, k.to_lowercase(), "keys are lower case");
            if let Some(l) = last {
                assert!(l.as_bytes() < k.as_bytes(), "{l:?} before {k:?}");
            }
            last = Some(k);
        }
    }

    #[test]
    fn every_key_is_found_and_others_are_not() {
        let mut n = 0;
        for line in body().lines() {
            let (k, f) = line.split_once('\t').unwrap();
            assert_eq!(flags(k), Some(f), "{k}");
            n += 1;
        }
        assert_eq!(n, LINE_START.len());
        assert!(n > 100_000, "only {n} keys");
        let mut buf = String::new();
        assert!(flags_of("Mandy", &mut buf).is_some_and(|f| f.contains('g')));
        assert!(flags_of("ŁÓDŹ", &mut buf).is_some_and(|f| f.contains('c')));
        assert_eq!(flags("zzzz-not-a-name"), None);
        assert_eq!(flags(""), None);
    }
}
