//! Any bytes, as any format: loading must not panic, and what it gives must analyse,
//! print with no raw control character in the output, and lay out and draw in the
//! reader at a size the input chooses.
#![no_main]

use libfuzzer_sys::fuzz_target;
use ratatui::{Terminal, backend::TestBackend};
use whosaid::config::keymap::Keymap;
use whosaid::reader::app::{Action, App, update};
use whosaid::reader::ui;
use whosaid::source::{self, Format};
use whosaid::{analyse_article, print};

fuzz_target!(|data: &[u8]| {
    let Some((&choice, bytes)) = data.split_first() else { return };
    let format = match choice % 5 {
        0 => Format::Text,
        1 => Format::Html,
        2 => Format::Markdown,
        3 => Format::Json,
        _ => source::detect(None, bytes),
    };
    let Ok(articles) = source::parse("fuzz", bytes.to_vec(), format) else { return };
    for article in articles.iter().take(4) {
        let analysis = analyse_article(article);
        let width = usize::from(choice / 5) % 90;
        for color in [true, false] {
            let out = print::ansi(
                article,
                &analysis,
                width,
                &whosaid::config::theme::Palette::new(color),
            );
            let mut rest = out.as_str();
            // Every ESC must start one of whosaid's own SGR sequences.
            while let Some(i) = rest.find('\u{1b}') {
                let after = &rest[i + 1..];
                let sgr = after.strip_prefix('[').and_then(|a| {
                    a.find('m').filter(|&m| a[..m].bytes().all(|b| b.is_ascii_digit() || b == b';'))
                });
                assert!(sgr.is_some(), "raw ESC in output");
                rest = after;
            }
            assert!(!out.chars().any(|c| c.is_control() && c != '\n' && c != '\u{1b}'));
        }
        // The reader: wrap, draw, jump to the next mention and quote, draw again.
        let (w, h) = (u16::from(choice % 97) + 1, u16::from(choice / 97) * 13 + 3);
        let mut app =
            App::new(article.clone(), analysis, &whosaid::config::ViewSettings::default());
        update(&mut app, Action::Resize(w, h));
        let keymap = Keymap::builtin();
        let Ok(mut term) = Terminal::new(TestBackend::new(w, h));
        for action in [Action::Down, Action::Next, Action::NextQuote, Action::Bottom] {
            update(&mut app, action);
            term.draw(|f| ui::draw(&app, &keymap, f)).expect("draws");
        }
    }
});
