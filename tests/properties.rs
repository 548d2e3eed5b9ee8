//! Invariants of the analysis, the print modes and the reader, for any input.

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
            prop_assert!(fits(line, width), "{line:?} wider than {width}");
            prop_assert!(!line.chars().any(|c| c.is_control()));
        }
    }

    /// The reader lays out and draws any article at any size, through jumps and a
    /// resize, and never puts a control character from the article in a cell.
    #[test]
    fn the_reader_draws_any_article_at_any_size(
        text in newsish(),
        (w, h) in (1u16..160, 1u16..60),
        (w2, h2) in (1u16..160, 1u16..60),
    ) {
        use ratatui::{Terminal, backend::TestBackend};
        use whosaid::config::keymap::Keymap;
        use whosaid::reader::{app::{Action, App, update}, ui};
        let article = Article::from_text("-", text);
        let analysis = whosaid::analyse_article(&article);
        let mut app = App::new(article, analysis, &whosaid::config::ViewSettings::default());
        let keymap = Keymap::builtin();
        for (size, action) in [
            ((w, h), Action::Next),
            ((w, h), Action::NextQuote),
            ((w2, h2), Action::Bottom),
            ((w2, h2), Action::FocusNext),
        ] {
            update(&mut app, Action::Resize(size.0, size.1));
            update(&mut app, action);
            let mut term = Terminal::new(TestBackend::new(size.0, size.1)).expect("backend");
            term.draw(|f| ui::draw(&app, &keymap, f)).expect("draws");
            let buf = term.backend().buffer();
            for cell in buf.content() {
                let sym = cell.symbol();
                prop_assert!(!sym.chars().any(|c| c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c)), "{sym:?}");
            }
        }
    }
}

/// A line fits when it is no wider than `width`, or is one grapheme, which cannot be cut
/// ("𪜀ୋ" is three columns wide: a wide letter and a spacing mark).
fn fits(line: &str, width: usize) -> bool {
    use unicode_segmentation::UnicodeSegmentation;
    unicode_width::UnicodeWidthStr::width(line) <= width || line.graphemes(true).count() == 1
}

/// The case proptest found: a grapheme wider than the whole line is put on a line of its
/// own, uncut, and every other line still fits.
#[test]
fn a_grapheme_wider_than_the_line_stands_alone() {
    for text in ["\u{2a700}\u{b4b}", "ab \u{2a700}\u{b4b} cd"] {
        let out = print::plain(&Article::from_text("-", text.to_owned()), 1);
        assert!(out.lines().any(|l| l == "\u{2a700}\u{b4b}"), "{out:?}");
        assert!(out.lines().all(|l| fits(l, 1)), "{out:?}");
    }
}

/// A fragment of HTML with links of every kind (relative, `javascript:`, unclosed,
/// nested, around blocks) among news-like text.
fn linked_html() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        newsish(),
        Just("<a href=\"/story?a=1&amp;b=2\">".to_owned()),
        Just("<a href='https://example.org/x'>".to_owned()),
        Just("<a href=\"javascript:alert(1)\">".to_owned()),
        Just("<a href=\"mailto:desk@example.org\">".to_owned()),
        Just("<a href=\" \u{1b}]8;;x\u{7}\">".to_owned()),
        Just("<a>".to_owned()),
        Just("</a>".to_owned()),
        Just("<p>".to_owned()),
        Just("</p>".to_owned()),
        Just("<b> ".to_owned()),
        Just("<br>".to_owned()),
        Just("<!-- <a href=\"https://c.example/\"> -->".to_owned()),
        Just("\u{10FFFD}".to_owned()),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

/// The links of an article are where the reader can draw them: on the text, on
/// character boundaries, sorted and apart, each to a web or mail address.
fn links_are_sound(a: &Article) -> Result<(), TestCaseError> {
    let mut end = 0;
    for l in &a.links {
        prop_assert!(l.start < l.end && l.start >= end, "{:?}", a.links);
        prop_assert!(a.text.get(l.range()).is_some(), "{l:?} in {:?}", a.text);
        let scheme = l.href.split(':').next().unwrap_or("");
        prop_assert!(matches!(scheme, "http" | "https" | "mailto"), "{}", l.href);
        prop_assert!(!l.href.chars().any(char::is_control), "{:?}", l.href);
        end = l.end;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn links_of_any_page_feed_or_markdown_are_sound(fragment in linked_html()) {
        let page = format!(
            "<html><head><title>T</title></head><body><article><p>{}</p>{fragment}</article></body></html>",
            "The council met on Tuesday and the engineers said the bridge was unsafe. ".repeat(8)
        );
        use whosaid::source::{Format, parse};
        if let Ok(articles) = parse("https://news.example.com/a/b", page.into_bytes(), Format::Html) {
            for a in &articles {
                links_are_sound(a)?;
            }
        }
        let md = fragment.replace("<a href=", "[x](").replace("</a>", ")");
        for a in parse("a.md", md.into_bytes(), Format::Markdown).unwrap_or_default() {
            links_are_sound(&a)?;
        }
        // A feed item's text is the text it was without links, byte for byte.
        let base = url::Url::parse("https://news.example.com/a/b").ok();
        let (text, links) = whosaid::source::feed::html_linked_paragraphs(&fragment, base.as_ref());
        prop_assert_eq!(&text, &whosaid::source::feed::html_paragraphs(&fragment));
        let item = whosaid::source::feed::Item {
            title: None, link: None, timestamp: None, date: None, author: None, feed: None,
            paragraphs: text, from_content: true, links,
        };
        links_are_sound(&item.article("f.xml", 0))?;
    }
}
