//! Links in the reader: a page's linked words drawn as links (over a quote's style,
//! under a name's colour), `)` and `(` stepping through them with the target in the
//! status line, `o` opening the one at hand, and a hostile target shown, never obeyed.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use whosaid::analysis::{Actor, Analysis, Kind, Mention, Quote};
use whosaid::config::ViewSettings;
use whosaid::config::keymap::Keymap;
use whosaid::reader::app::{Action, App, update};
use whosaid::reader::ui::{self, Palette};
use whosaid::source::{Article, Format, Link};

/// A page with four links: one on plain words, one on a name, one inside a
/// quote, a `mailto:` one; and a `javascript:` one that is not a link.
const PAGE: &str = "<html><head><title>Harbour bridge closes</title></head><body><article>\
    <h1>Harbour bridge closes</h1>\
    <p>The council closed the harbour bridge to lorries on Tuesday, after engineers found \
    cracks in two of its piers, according to <a href=\"/docs/report.pdf\">the engineers' report</a> \
    that the council published.</p>\
    <p>\"We cannot wait for it to fail, and the <a href=\"https://example.org/plan\">new crossing</a> \
    will be ready by 2027,\" Mayor <a href=\"https://example.org/mayor\">Marte Persen</a> told \
    reporters after the vote in the town hall.</p>\
    <p>The <a href=\"javascript:alert(1)\">roads agency</a> will publish detours this week, and \
    readers can write to <a href=\"mailto:desk@news.example.com\">the news desk</a> with \
    their questions about the closure.</p></article></body></html>";

fn page_article() -> Article {
    // As fetched from its address, which `o` opens when no link is at hand.
    let source = "https://news.example.com/local/bridge.html";
    let mut all = whosaid::source::parse(source, PAGE.as_bytes().to_vec(), Format::Html).unwrap();
    all.swap_remove(0)
}

/// The analysis made by hand: Marte Persen a person (her name is linked), one quote.
fn page_app(w: u16, h: u16) -> App {
    let article = page_article();
    let text = &article.text;
    let name = text.find("Marte Persen").unwrap();
    let (q0, q1) = (text.find("\"We").unwrap(), text.find("2027,\"").unwrap() + 6);
    let analysis = Analysis {
        actors: vec![Actor {
            id: 0,
            name: "Marte Persen".into(),
            kind: Kind::Person,
            unsure: false,
            aliases: vec!["Marte Persen".into()],
            mentions: vec![Mention { start: name, end: name + 12, demonym: false }],
        }],
        quotes: vec![Quote {
            start: q0,
            end: q1,
            speaker: Some(0),
            cue: None,
            speaker_mention: None,
        }],
    };
    let mut app = App::new(article, analysis, &ViewSettings::default());
    update(&mut app, Action::Resize(w, h));
    app
}

fn draw(app: &App) -> Buffer {
    let (w, h) = app.size();
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("test backend");
    term.draw(|f| ui::draw(app, &Keymap::builtin(), f)).expect("draws");
    term.backend().buffer().clone()
}

/// The screen cell where the byte at `offset` of the text is drawn.
fn cell_of(app: &App, offset: usize) -> (u16, u16) {
    let r = ui::areas(ratatui::layout::Rect::new(0, 0, app.size().0, app.size().1))
        .article_text
        .expect("the article is on screen");
    let row = app.line_of(offset) - app.top_line();
    let col = app.layout().column_of(&app.article().text, offset);
    (r.x + col as u16, r.y + row as u16)
}

/// The screen as text, with the article's underlined cells in ⟨ ⟩: where links (and
/// the speaker's mark, bold too) are drawn.
fn underlined_snapshot(app: &App) -> String {
    let buf = draw(app);
    let a = buf.area;
    let text = ui::areas(a).article_text.unwrap();
    let mut s = String::new();
    for y in 0..a.height {
        let mut open = false;
        for x in 0..a.width {
            let cell = &buf[(x, y)];
            let under = text.contains(ratatui::layout::Position::new(x, y))
                && cell.modifier.contains(Modifier::UNDERLINED);
            if under != open {
                s.push(if under { '⟨' } else { '⟩' });
                open = under;
            }
            s.push_str(cell.symbol());
        }
        if open {
            s.push('⟩');
        }
        s.push('\n');
    }
    s
}

#[test]
fn linked_words_are_drawn_as_links_over_quotes_and_under_names() {
    let app = page_app(120, 30);
    let buf = draw(&app);
    let pal = Palette::new(true);
    let link_fg = pal.link.fg.expect("links have a colour");
    let text = app.article().text.clone();
    let at = |words: &str| {
        let (x, y) = cell_of(&app, text.find(words).unwrap());
        buf[(x, y)].clone()
    };
    // Plain linked words: the link's colour, underlined.
    let report = at("engineers' report");
    assert_eq!(report.fg, link_fg);
    assert!(report.modifier.contains(Modifier::UNDERLINED));
    // The words before it are not a link.
    let before = at("according to");
    assert!(!before.modifier.contains(Modifier::UNDERLINED) && before.fg == Color::Reset);
    // A link inside a quote: the link's colour and underline, the quote's italics.
    let crossing = at("new crossing");
    assert_eq!(crossing.fg, link_fg);
    assert!(crossing.modifier.contains(Modifier::UNDERLINED | Modifier::ITALIC));
    let quoted = at("cannot wait");
    assert_eq!(quoted.fg, pal.quote.fg.unwrap());
    assert!(!quoted.modifier.contains(Modifier::UNDERLINED));
    // A linked name: the person's colour and bold, with the link's underline.
    let name = at("Marte Persen");
    assert_eq!(name.fg, pal.person.fg.unwrap());
    assert!(name.modifier.contains(Modifier::UNDERLINED | Modifier::BOLD));
    // The javascript: link is no link; its words are plain.
    assert!(!at("roads agency").modifier.contains(Modifier::UNDERLINED));
    insta::assert_snapshot!("links_120x30", underlined_snapshot(&app));
}

#[test]
fn without_colour_links_are_still_underlined() {
    let pal = Palette::new(false);
    assert!(pal.link.add_modifier.contains(Modifier::UNDERLINED));
    assert_eq!(pal.link.fg, None);
}

fn status(app: &App) -> String {
    let buf = draw(app);
    let y = buf.area.height - 1;
    (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
}

#[test]
fn the_link_keys_step_through_the_links_and_o_opens_the_one_at_hand() {
    let mut app = page_app(120, 30);
    let hrefs: Vec<&str> = app.article().links.iter().map(|l| l.href.as_str()).collect();
    assert_eq!(
        hrefs,
        [
            "https://news.example.com/docs/report.pdf",
            "https://example.org/plan",
            "https://example.org/mayor",
            "mailto:desk@news.example.com",
        ]
    );
    // With no link at hand, o opens the article's own address.
    update(&mut app, Action::OpenLink);
    assert_eq!(
        app.take_open_request().as_deref(),
        Some("https://news.example.com/local/bridge.html")
    );
    update(&mut app, Action::NextLink);
    let first = app.article().links[0].clone();
    assert_eq!(app.mark().map(|m| (m.start, m.end)), Some((first.start, first.end)));
    assert!(
        status(&app).contains("link 1/4 · https://news.example.com/docs/report.pdf"),
        "{}",
        status(&app)
    );
    update(&mut app, Action::OpenLink);
    assert_eq!(app.take_open_request(), Some(first.href));
    update(&mut app, Action::NextLink);
    update(&mut app, Action::NextLink);
    assert!(status(&app).contains("link 3/4 · https://example.org/mayor"));
    update(&mut app, Action::PrevLink);
    assert!(status(&app).contains("link 2/4 · https://example.org/plan"));
    // Round the end, saying so.
    update(&mut app, Action::NextLink);
    update(&mut app, Action::NextLink);
    update(&mut app, Action::NextLink);
    assert_eq!(app.current_link().map(|(i, _)| i), Some(0));
    assert_eq!(app.notice(), Some("links hit BOTTOM, continuing at TOP"));
    update(&mut app, Action::PrevLink);
    assert_eq!(app.current_link().map(|(i, _)| i), Some(3));
    update(&mut app, Action::OpenLink);
    assert_eq!(app.take_open_request().as_deref(), Some("mailto:desk@news.example.com"));
    // Another jump (a quote) puts the link out of hand: o opens the article again.
    update(&mut app, Action::NextQuote);
    assert!(app.current_link().is_none());
    assert!(!status(&app).contains("link "));
    update(&mut app, Action::OpenLink);
    assert_eq!(
        app.take_open_request().as_deref(),
        Some("https://news.example.com/local/bridge.html")
    );
    // Esc too.
    update(&mut app, Action::NextLink);
    update(&mut app, Action::Cancel);
    assert!(app.current_link().is_none());
}

#[test]
fn from_the_reading_position_the_next_link_is_the_first_below() {
    let mut app = page_app(60, 12);
    // Scrolled past the first link, `)` goes to the first link on or below the top.
    let second = app.article().links[1].start;
    let top_end = |app: &App| app.layout().line(&app.article().text, app.top()).unwrap().end;
    while top_end(&app) <= second && app.top() < app.max_top() {
        update(&mut app, Action::Down);
    }
    update(&mut app, Action::NextLink);
    assert_eq!(app.current_link().map(|(i, _)| i), Some(1));
}

#[test]
fn a_click_on_linked_words_puts_the_link_at_hand() {
    let mut app = page_app(120, 30);
    let text = app.article().text.clone();
    let (x, y) = cell_of(&app, text.find("news desk").unwrap());
    update(&mut app, Action::Click { x, y });
    assert_eq!(
        app.current_link().map(|(i, l)| (i, l.href.clone())),
        Some((3, "mailto:desk@news.example.com".to_owned()))
    );
    // A click on a linked name selects the actor, as any name does.
    let (x, y) = cell_of(&app, text.find("Marte Persen").unwrap());
    update(&mut app, Action::Click { x, y });
    assert!(app.current_link().is_none());
    assert_eq!(app.selected_actor(), Some(0));
}

#[test]
fn an_article_without_links_says_so() {
    let article = Article::from_text("a.txt", "Plain words, no links at all.\n".to_owned());
    let mut app = App::new(article, Analysis::default(), &ViewSettings::default());
    update(&mut app, Action::Resize(80, 24));
    update(&mut app, Action::NextLink);
    assert_eq!(app.notice(), Some("no links in this article"));
    assert!(app.mark().is_none());
}

#[test]
fn a_hostile_target_is_shown_never_obeyed_and_broken_spans_are_dropped() {
    let text = "Read the report here, or there.\n".to_owned();
    let evil = "https://x.example/\u{1b}]8;;https://evil.example\u{7}\u{9b}2J\u{202e}";
    let mut article = Article::from_text("a.txt", text);
    article.links = vec![
        Link { start: 9, end: 15, href: evil.to_owned() },
        // Off the text, off a boundary, overlapping: dropped, not a panic.
        Link { start: 20, end: 400, href: "https://a.example/".into() },
        Link { start: 10, end: 12, href: "https://b.example/".into() },
    ];
    let mut app = App::new(article, Analysis::default(), &ViewSettings::default());
    assert_eq!(app.article().links.len(), 1);
    update(&mut app, Action::Resize(120, 30));
    update(&mut app, Action::NextLink);
    let buf = draw(&app);
    let obeyed: Vec<char> = buf
        .content()
        .iter()
        .flat_map(|c| c.symbol().chars())
        .filter(|&c| c.is_control() || whosaid::source::sanitize::is_unsafe(c))
        .collect();
    assert_eq!(obeyed, Vec::<char>::new());
    assert!(status(&app).contains("link 1/1 · https://x.example/"), "{}", status(&app));
}

#[test]
fn the_link_keys_are_in_the_help_and_can_be_rebound() {
    let keymap = Keymap::builtin();
    let rows = keymap.help_rows();
    assert!(rows.iter().any(|(k, what)| k == ")" && what.contains("next link")), "{rows:?}");
    assert!(rows.iter().any(|(k, what)| k == "(" && what.contains("previous link")));
    let user =
        whosaid::config::keymap::Binding { action: Action::NextLink, keys: vec!["ctrl-l".into()] };
    let rebound = keymap.overlaid_checked(&[user]).expect("ctrl-l is free");
    let rows = rebound.help_rows();
    assert!(rows.iter().any(|(k, what)| k == "Ctrl-l" && what.contains("next link")), "{rows:?}");
    // A key another action has is refused, naming both.
    let taken =
        whosaid::config::keymap::Binding { action: Action::PrevLink, keys: vec!["o".into()] };
    let err = keymap.overlaid_checked(&[taken]).unwrap_err();
    assert!(err.reason.contains("prev_link") && err.reason.contains("open_link"), "{}", err.reason);
}

#[test]
fn on_a_narrow_line_the_actors_name_gives_way_before_the_links_address() {
    let mut app = page_app(80, 24);
    update(&mut app, Action::NextLink);
    let line = status(&app);
    assert!(line.contains("link 1/4 · https://news.example.com/"), "{line}");
    assert!(line.contains("mention –/1 │"), "{line}");
    assert!(line.contains("? help"), "{line}");
}
