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
//! sorted by bytes, and compiled into the binary as it is. A lookup is a binary search
//! over the text itself, so there is nothing to build at start-up for 100,000 keys.

/// The gazetteer as shipped.
const DATA: &str = include_str!("../../assets/lexicon/gazetteer.tsv");

/// The sorted lines, after the leading `#` comments (found once, not per lookup).
fn body() -> &'static str {
    static BODY: std::sync::LazyLock<&str> = std::sync::LazyLock::new(|| {
        let mut rest = DATA;
        while rest.starts_with('#') {
            rest = rest.split_once('\n').map_or("", |(_, r)| r);
        }
        rest
    });
    &BODY
}

/// The flags of `key` (already in lower case): space-separated `g1`, `s2`, `c3`, ...
pub fn flags(key: &str) -> Option<&'static str> {
    let data = body();
    let bytes = data.as_bytes();
    // Binary search over byte offsets: each probe backs up to its line's start.
    let (mut lo, mut hi) = (0usize, data.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        let start = bytes[..mid].iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
        let end = bytes[start..].iter().position(|&b| b == b'\n').map_or(data.len(), |p| start + p);
        let line = &data[start..end];
        let (k, f) = line.split_once('\t').unwrap_or((line, ""));
        match k.as_bytes().cmp(key.as_bytes()) {
            std::cmp::Ordering::Equal => return Some(f),
            std::cmp::Ordering::Less => lo = end + 1,
            std::cmp::Ordering::Greater => hi = start,
        }
    }
    None
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
        for line in body().lines().step_by(97) {
            let (k, f) = line.split_once('\t').unwrap();
            assert_eq!(flags(k), Some(f), "{k}");
        }
        let mut buf = String::new();
        assert!(flags_of("Mandy", &mut buf).is_some_and(|f| f.contains('g')));
        assert!(flags_of("ŁÓDŹ", &mut buf).is_some_and(|f| f.contains('c')));
        assert_eq!(flags("zzzz-not-a-name"), None);
        assert_eq!(flags(""), None);
    }
}
