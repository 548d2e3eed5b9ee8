//! Invariants of the analysis and of the print modes, for any input.

use proptest::prelude::*;
use whosaid::{Article, Lexicon, analyse, print};

/// Text that looks a little like news: names, quotes of every kind, controls, CJK.
fn newsish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Angela Merkel".to_owned()),
        Just(" said ".to_owned()),
        Just("\"".to_owned()),
        Just("\u{201c}".to_owned()),
        Just("\u{201d}".to_owned()),
        Just("The United Nations".to_owned()),
        Just(". ".to_owned()),
        Just("\n\n".to_owned()),
        Just("\u{1b}[2J".to_owned()),
        Just("\u{202e}".to_owned()),
        Just("日本".to_owned()),
        "[A-Za-z ,.'\"]{0,12}",
        any::<String>(),
    ];
    prop::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn analysis_keeps_its_invariants(text in newsish()) {
        let a = analyse(&text, Lexicon::builtin());
        let ok = |s: usize, e: usize| s <= e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e);
        let mut all = Vec::new();
        for (i, actor) in a.actors.iter().enumerate() {
            prop_assert_eq!(actor.id, i);
            for w in actor.mentions.windows(2) {
                prop_assert!(w[0].end <= w[1].start, "mentions overlap or unsorted");
            }
            for m in &actor.mentions {
                prop_assert!(ok(m.start, m.end));
                all.push(m.span());
            }
        }
        all.sort();
        for w in all.windows(2) {
            prop_assert!(w[0].end <= w[1].start, "mentions of two actors overlap");
        }
        for w in a.quotes.windows(2) {
            prop_assert!(w[0].end <= w[1].start, "quotes overlap or unsorted");
        }
        for q in &a.quotes {
            prop_assert!(ok(q.start, q.end));
            if let Some(s) = q.speaker {
                prop_assert!(s < a.actors.len());
            }
        }
    }

    #[test]
    fn plain_output_is_safe_and_fits(text in newsish(), width in 1usize..100) {
        let out = print::plain(&Article::from_text("-", text), width);
        for line in out.lines() {
            prop_assert!(unicode_width::UnicodeWidthStr::width(line) <= width.max(2));
            prop_assert!(!line.chars().any(|c| c.is_control()));
        }
    }
}
