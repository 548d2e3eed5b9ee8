//! The reader, driven headless: actions through `update`, frames drawn into ratatui's
//! TestBackend. The analyses are made by hand here from lists of names, so these tests
//! check the reader whatever the analyser finds.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;
use whosaid::analysis::{Actor, Analysis, Kind, Mention, Quote};
use whosaid::config::ViewSettings;
use whosaid::config::keymap::Keymap;
use whosaid::reader::app::{Action, App, Pane, update};
use whosaid::reader::ui::{self, Palette};
use whosaid::source::Article;

const SUMMIT: &str = include_str!("../assets/samples/summit.txt");
const EXPO: &str = include_str!("../assets/samples/expo.txt");

/// An analysis of `text` with these actors: every occurrence of an alias (longest alias
/// first, never overlapping) is a mention, and every double-quoted passage is a quote
/// whose speaker is the actor named nearest to it in the same paragraph.
fn analysis_of(text: &str, actors: &[(Kind, &[&str])]) -> Analysis {
    let mut taken: Vec<(usize, usize, usize)> = Vec::new();
    let mut aliases: Vec<(usize, &str)> = actors
        .iter()
        .enumerate()
        .flat_map(|(i, (_, al))| al.iter().map(move |a| (i, *a)))
        .collect();
    aliases.sort_by_key(|(_, a)| std::cmp::Reverse(a.len()));
    for (id, alias) in aliases {
        for (s, _) in text.match_indices(alias) {
            let e = s + alias.len();
            if !taken.iter().any(|&(a, b, _)| a < e && s < b) {
                taken.push((s, e, id));
            }
        }
    }
    taken.sort();
    let actors: Vec<Actor> = actors
        .iter()
        .enumerate()
        .map(|(id, (kind, al))| Actor {
            id,
            name: al[0].to_owned(),
            kind: *kind,
            unsure: false,
            aliases: al.iter().map(|s| s.to_string()).collect(),
            mentions: taken
                .iter()
                .filter(|t| t.2 == id)
                .map(|&(start, end, _)| Mention { start, end, demonym: false })
                .collect(),
        })
        .collect();
    let quotes = quote_spans(text)
        .into_iter()
        .map(|(start, end)| {
            let para = text[..start].rfind("\n\n").map_or(0, |p| p + 2);
            let para_end = text[end..].find("\n\n").map_or(text.len(), |p| end + p);
            let speaker = taken
                .iter()
                .filter(|t| t.0 >= para && t.1 <= para_end && (t.1 <= start || t.0 >= end))
                .min_by_key(|t| if t.1 <= start { start - t.1 } else { t.0 - end })
                .map(|t| t.2);
            Quote { start, end, speaker, cue: None, speaker_mention: None }
        })
        .collect();
    Analysis { actors, quotes }
}

/// Double-quoted passages; a quote left open at a paragraph's end goes on when the next
/// paragraph opens with a quotation mark.
fn quote_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'"' {
            match open {
                None => open = Some(i),
                Some(s) => {
                    let continues = text[s..i].ends_with("\n\n");
                    if !continues {
                        out.push((s, i + 1));
                        open = None;
                    }
                }
            }
        } else if b[i] == b'\n' && open.is_some() && !text[i..].starts_with("\n\n\"") {
            // A paragraph ended inside a quote that does not go on.
            if text[i..].starts_with("\n\n") {
                open = None;
            }
        }
        i += 1;
    }
    out
}

fn summit() -> App {
    let article = Article::from_text("summit.txt", SUMMIT.to_owned());
    let analysis = analysis_of(
        article.body(),
        &[
            (Kind::Person, &["Leonore Gewessler", "Gewessler"]),
            (Kind::Place, &["Vienna"]),
            (Kind::Place, &["Danube"]),
            (
                Kind::Organization,
                &["International Commission for the Protection of the Danube River", "ICPDR"],
            ),
            (Kind::Person, &["Peter Szijjarto", "Szijjarto", "Szijarto"]),
            (Kind::Organization, &["European Commission"]),
            (Kind::Person, &["Mircea Fechet", "Fechet"]),
        ],
    );
    App::new(article, analysis, &ViewSettings::default())
}

fn expo() -> App {
    let article = Article::from_text("expo.txt", EXPO.to_owned());
    let analysis = analysis_of(
        article.body(),
        &[
            (Kind::Place, &["Osaka", "大阪"]),
            (Kind::Person, &["Hiroyuki Ishige", "石毛博行", "Ishige"]),
            (Kind::Person, &["Hirofumi Yoshimura", "Yoshimura"]),
            (Kind::Organization, &["Japanese Trade Union Confederation", "Rengo"]),
            (Kind::Person, &["Aiko Tanabe", "Tanabe"]),
            (Kind::Person, &["Kenji Mori", "Mori"]),
        ],
    );
    App::new(article, analysis, &ViewSettings::default())
}

fn sized(mut app: App, w: u16, h: u16) -> App {
    update(&mut app, Action::Resize(w, h));
    app
}

fn draw(app: &App) -> Buffer {
    let (w, h) = app.size();
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("test backend");
    let keymap = Keymap::builtin();
    term.draw(|f| ui::draw(app, &keymap, f)).expect("draws");
    term.backend().buffer().clone()
}

fn screen(buf: &Buffer) -> String {
    let a = buf.area;
    let mut s = String::new();
    for y in 0..a.height {
        // The cells hidden behind a wide character are not part of the picture.
        let mut hidden = 0;
        for x in 0..a.width {
            let sym = buf[(x, y)].symbol();
            if hidden > 0 {
                hidden -= 1;
                continue;
            }
            hidden = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
            s.push_str(sym);
        }
        s.push('\n');
    }
    s
}

/// The screen cell (x, y) where the byte at `offset` is drawn, if it is on screen.
fn cell_of(app: &App, offset: usize) -> Option<(u16, u16)> {
    let r = ui::areas(ratatui::layout::Rect::new(0, 0, app.size().0, app.size().1)).article_text?;
    let line = app.line_of(offset);
    let row = line.checked_sub(app.top_line())?;
    if row >= usize::from(r.height) {
        return None;
    }
    let col = app.layout().column_of(&app.article().text, offset);
    Some((r.x + col as u16, r.y + row as u16))
}

fn id_of(app: &App, name: &str) -> usize {
    app.analysis().actors.iter().position(|a| a.name == name).expect("actor exists")
}

/// Selects an actor in the Actors pane by moving down to it, as a user would.
fn select_actor(app: &mut App, name: &str) {
    let id = id_of(app, name);
    while app.focus() != Pane::Actors {
        update(app, Action::FocusNext);
    }
    update(app, Action::Top);
    while app.selected_actor() != Some(id) {
        let before = app.actor_sel();
        update(app, Action::Down);
        assert_ne!(before, app.actor_sel(), "{name} is in the Actors pane");
    }
}

#[test]
fn mentions_are_drawn_in_their_kinds_style_on_their_cells() {
    let app = sized(summit(), 120, 40);
    let buf = draw(&app);
    let pal = Palette::new(true);
    let mut checked = 0;
    for actor in &app.analysis().actors {
        for m in &actor.mentions {
            let Some((x, y)) = cell_of(&app, m.start) else { continue };
            let first = app.article().text[m.start..].chars().next().unwrap();
            assert_eq!(buf[(x, y)].symbol(), first.to_string(), "{} at {x},{y}", actor.name);
            assert_eq!(
                buf[(x, y)].fg,
                pal.kind(actor.kind).fg.unwrap(),
                "{} at {x},{y}",
                actor.name
            );
            // The cell after the mention is not coloured as the actor.
            let last = m.end - 1;
            if let Some((x2, y2)) = cell_of(&app, last) {
                assert_eq!(buf[(x2, y2)].fg, pal.kind(actor.kind).fg.unwrap());
            }
            checked += 1;
        }
    }
    assert!(checked > 10, "most mentions are on the first screen ({checked})");
    // A quote is styled as a quote where no mention is.
    let q = &app.analysis().quotes[0];
    let (x, y) = cell_of(&app, q.start + 1).unwrap();
    assert_eq!(buf[(x, y)].fg, pal.quote.fg.unwrap());
    assert!(buf[(x, y)].modifier.contains(Modifier::ITALIC));
    // Plain text is not styled.
    let plain = app.article().text.find("shrinking").unwrap();
    let (x, y) = cell_of(&app, plain).unwrap();
    assert_eq!(buf[(x, y)].fg, ratatui::style::Color::Reset);
}

#[test]
fn wide_characters_and_emoji_highlight_on_the_right_cells() {
    for width in [120, 80, 41] {
        let mut app = sized(expo(), width, 30);
        select_actor(&mut app, "Hiroyuki Ishige");
        let ms = app.selected_mentions().to_vec();
        let cjk =
            ms.iter().position(|m| app.article().text[m.start..m.end] == *"石毛博行").unwrap();
        for _ in 0..=cjk {
            update(&mut app, Action::Next);
        }
        assert_eq!(app.mention_sel(), Some(cjk));
        let m = ms[cjk];
        let buf = draw(&app);
        let (x, y) = cell_of(&app, m.start).expect("the mention jumped to is on screen");
        let pal = Palette::new(true);
        // Four wide characters: symbols on every other cell, all of them in the person's
        // style and marked as the current mention.
        for (i, ch) in "石毛博行".chars().enumerate() {
            let (cx, cy) = (x + 2 * i as u16, y);
            let (cx, cy) = if cx >= buf.area.width - 2 {
                // Wrapped: the layout says where the character went.
                let off = m.start + ch.len_utf8() * i;
                cell_of(&app, off).unwrap()
            } else {
                (cx, cy)
            };
            assert_eq!(buf[(cx, cy)].symbol(), ch.to_string(), "width {width}");
            assert_eq!(buf[(cx, cy)].fg, pal.person.fg.unwrap());
            assert!(buf[(cx, cy)].modifier.contains(Modifier::REVERSED), "marked");
        }
        // The emoji after 大阪 takes two cells, so the text after it is not shifted.
        let fw = app.article().text.find("🎆🙏").unwrap();
        if let (Some((x1, y1)), Some((x2, y2))) = (cell_of(&app, fw), cell_of(&app, fw + 4)) {
            if y1 == y2 {
                assert_eq!(x2, x1 + 2);
                assert_eq!(buf[(x1, y1)].symbol(), "🎆");
                assert_eq!(buf[(x2, y2)].symbol(), "🙏");
            }
        }
    }
}

#[test]
fn enter_then_n_and_shift_n_walk_an_actors_mentions_wrapping() {
    let mut app = sized(summit(), 120, 40);
    select_actor(&mut app, "Mircea Fechet");
    let ms = app.selected_mentions().to_vec();
    assert!(ms.len() >= 3);
    update(&mut app, Action::Activate);
    assert_eq!(app.mark(), Some(ms[0].span()));
    assert_eq!(app.mention_sel(), Some(0));
    update(&mut app, Action::Next);
    assert_eq!(app.mark(), Some(ms[1].span()));
    assert_eq!(app.notice(), None);
    update(&mut app, Action::Prev);
    update(&mut app, Action::Prev);
    assert_eq!(app.mark(), Some(ms[ms.len() - 1].span()), "N wraps to the last mention");
    let notice = app.notice();
    assert_eq!(notice, Some("mentions hit TOP, continuing at BOTTOM"), "and says so");
    update(&mut app, Action::Next);
    assert_eq!(app.mark(), Some(ms[0].span()), "n wraps to the first");
    let notice = app.notice();
    assert_eq!(notice, Some("mentions hit BOTTOM, continuing at TOP"));
    let status = screen(&draw(&app));
    assert!(status.contains(&format!("mention 1/{}", ms.len())), "{status}");
}

#[test]
fn a_jump_scrolls_the_mention_into_view_and_marks_it() {
    // A small screen, so the last mention is far below.
    let mut app = sized(summit(), 60, 12);
    select_actor(&mut app, "Leonore Gewessler");
    let ms = app.selected_mentions().to_vec();
    update(&mut app, Action::Prev); // from nothing: wraps to the last mention
    let last = *ms.last().unwrap();
    assert_eq!(app.mark(), Some(last.span()));
    let (x, y) = cell_of(&app, last.start).expect("scrolled into view");
    let buf = draw(&app);
    assert!(buf[(x, y)].modifier.contains(Modifier::REVERSED));
    assert_eq!(buf[(x, y)].symbol(), "G", "{x},{y} top {}\n{}", app.top_line(), screen(&buf));
}

#[test]
fn the_actors_pane_lists_the_most_mentioned_first_with_kind_and_count() {
    let app = sized(summit(), 120, 40);
    let counts: Vec<usize> =
        app.actor_rows().iter().map(|&id| app.analysis().actors[id].mentions.len()).collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
    let top = &app.analysis().actors[app.actor_rows()[0]];
    let s = screen(&draw(&app));
    let kind = if top.kind == Kind::Organization { "org" } else { top.kind.as_str() };
    // The Actors pane's part of a screen row.
    let pane = |l: &str| l.split('│').nth(1).unwrap_or("").to_owned();
    let line = pane(s.lines().nth(1).unwrap());
    assert!(line.starts_with(&top.name), "{line}");
    assert!(line.ends_with(&format!("{kind} {}", top.mentions.len())), "{line}");
    // A long name is cut, not the kind and the count.
    let long = app
        .actor_rows()
        .iter()
        .map(|&id| &app.analysis().actors[id])
        .find(|a| a.name.len() > 30)
        .unwrap();
    let row = pane(s.lines().find(|l| l.contains(&long.name[..10])).unwrap());
    assert!(row.contains('…') && row.contains(&format!("org {}", long.mentions.len())), "{row}");
}

#[test]
fn a_kind_the_model_is_unsure_of_is_marked_with_a_question_mark() {
    let app = summit();
    let id = id_of(&app, "Vienna");
    let mut analysis = app.analysis().clone();
    analysis.actors[id].unsure = true;
    let app = App::new(app.article().clone(), analysis, &ViewSettings::default());
    let app = sized(app, 120, 40);
    let s = screen(&draw(&app));
    let pane = |l: &str| l.split('│').nth(1).unwrap_or("").to_owned();
    let row = |name: &str| pane(s.lines().find(|l| pane(l).starts_with(name)).unwrap());
    let n = app.analysis().actors[id].mentions.len();
    assert!(row("Vienna").ends_with(&format!("place? {n}")), "{}", row("Vienna"));
    assert!(!row("Danube").contains('?'), "{}", row("Danube"));
}

#[test]
fn every_key_does_what_the_help_says() {
    let mut app = sized(summit(), 60, 14);
    assert_eq!(app.focus(), Pane::Article);
    // Scrolling the article.
    update(&mut app, Action::Down);
    assert_eq!(app.top_line(), 1);
    update(&mut app, Action::Up);
    assert_eq!(app.top_line(), 0);
    update(&mut app, Action::PageDown);
    let page = app.top_line();
    assert!(page >= app.view_height().saturating_sub(1) && page > 0);
    update(&mut app, Action::PageUp);
    assert_eq!(app.top_line(), 0);
    update(&mut app, Action::HalfDown);
    assert!(app.top_line() > 0 && app.top_line() < page);
    update(&mut app, Action::HalfUp);
    assert_eq!(app.top_line(), 0);
    update(&mut app, Action::Bottom);
    assert_eq!(app.top(), app.max_top());
    assert!(app.top_line() > 0);
    update(&mut app, Action::Down);
    assert_eq!(app.top(), app.max_top(), "no scrolling past the end");
    update(&mut app, Action::Top);
    assert_eq!(app.top_line(), 0);
    // Focus cycles through every pane and back, both ways.
    let mut seen = vec![app.focus()];
    for _ in 0..4 {
        update(&mut app, Action::FocusNext);
        seen.push(app.focus());
    }
    assert_eq!(seen[0], seen[4]);
    assert_eq!(seen[..4].len(), 4);
    update(&mut app, Action::FocusPrev);
    assert_eq!(app.focus(), seen[3]);
    // Quotes: ] and [ move to the next and previous quote.
    update(&mut app, Action::NextQuote);
    assert_eq!(app.mark(), Some(app.analysis().quotes[0].span()));
    update(&mut app, Action::NextQuote);
    assert_eq!(app.mark(), Some(app.analysis().quotes[1].span()));
    update(&mut app, Action::PrevQuote);
    assert_eq!(app.mark(), Some(app.analysis().quotes[0].span()));
    // Enter in the Quotes pane jumps to the selected quote.
    while app.focus() != Pane::Quotes {
        update(&mut app, Action::FocusNext);
    }
    update(&mut app, Action::Down);
    update(&mut app, Action::Down);
    update(&mut app, Action::Activate);
    assert_eq!(app.mark(), Some(app.analysis().quotes[2].span()));
    let s = screen(&draw(&app));
    assert!(s.contains(&format!("quote 3/{}", app.analysis().quotes.len())), "{s}");
    // } and { move between the quotes of one speaker, skipping the others'.
    let qs = app.analysis().quotes.clone();
    let (first, second) = (0..qs.len())
        .find_map(|i| {
            let j = (i + 1..qs.len())
                .find(|&j| qs[j].speaker.is_some() && qs[j].speaker == qs[i].speaker)?;
            (j > i + 1).then_some((i, j))
        })
        .expect("a speaker with two quotes and another quote between them");
    update(&mut app, Action::Top);
    for _ in 0..first {
        update(&mut app, Action::Down);
    }
    update(&mut app, Action::NextSameSpeaker);
    assert_eq!(app.mark(), Some(qs[second].span()));
    update(&mut app, Action::PrevSameSpeaker);
    assert_eq!(app.mark(), Some(qs[first].span()));
    // The filters keep only one kind.
    for (action, kind) in [
        (Action::ShowPeople, Some(Kind::Person)),
        (Action::ShowOrganizations, Some(Kind::Organization)),
        (Action::ShowPlaces, Some(Kind::Place)),
        (Action::ShowAll, None),
    ] {
        update(&mut app, action);
        assert!(!app.actor_rows().is_empty());
        assert!(
            app.actor_rows()
                .iter()
                .all(|&id| kind.is_none_or(|k| app.analysis().actors[id].kind == k))
        );
    }
    assert_eq!(app.actor_rows().len(), app.analysis().actors.len());
    // Help opens; too tall for this screen, it scrolls with j and k; any other key
    // closes it without acting.
    update(&mut app, Action::Help);
    assert!(app.help_open());
    let top = app.top();
    update(&mut app, Action::Down);
    assert!(app.help_open() && app.help_scroll() == 1);
    update(&mut app, Action::ShowPeople);
    assert!(!app.help_open());
    assert_eq!((app.top(), app.filter()), (top, None));
    // Esc clears the mark; q quits.
    update(&mut app, Action::Cancel);
    assert_eq!(app.mark(), None);
    update(&mut app, Action::Quit);
    assert!(app.quitting());
}

#[test]
fn the_mentions_pane_selection_jumps_with_enter() {
    let mut app = sized(summit(), 120, 40);
    select_actor(&mut app, "Danube");
    let ms = app.selected_mentions().to_vec();
    update(&mut app, Action::FocusNext);
    assert_eq!(app.focus(), Pane::Mentions);
    update(&mut app, Action::Down);
    assert_eq!(app.mention_sel(), Some(0), "the first step selects the first mention");
    update(&mut app, Action::Down);
    update(&mut app, Action::Down);
    update(&mut app, Action::Up);
    update(&mut app, Action::Down);
    update(&mut app, Action::Activate);
    assert_eq!(app.mark(), Some(ms[2].span()));
    // Going to another pane and back keeps the selection.
    update(&mut app, Action::FocusNext);
    update(&mut app, Action::FocusPrev);
    assert_eq!(app.mention_sel(), Some(2));
    let s = screen(&draw(&app));
    assert!(s.contains(&format!("Mentions of Danube ({})", ms.len())), "{s}");
}

#[test]
fn search_highlights_matches_and_n_moves_between_them_until_esc() {
    let mut app = sized(summit(), 120, 40);
    update(&mut app, Action::Search);
    for c in "RIVER".chars() {
        update(&mut app, Action::Input(c));
    }
    update(&mut app, Action::Input('x'));
    update(&mut app, Action::Backspace);
    assert!(screen(&draw(&app)).contains("/RIVER"));
    update(&mut app, Action::Activate);
    let want: Vec<usize> =
        app.article().text.match_indices("river").map(|m| m.0).collect::<Vec<_>>();
    let want_ci = app.article().text.to_lowercase().match_indices("river").count();
    assert!(want.len() >= 2);
    assert_eq!(app.search().matches.len(), want_ci, "case-insensitive");
    assert_eq!(app.search().current, Some(0));
    update(&mut app, Action::Next);
    assert_eq!(app.search().current, Some(1));
    assert_eq!(app.mark(), Some(app.search().matches[1]));
    let buf = draw(&app);
    let s = screen(&buf);
    assert!(s.contains(&format!("match 2/{want_ci}")), "{s}");
    let other = app.search().matches[0].start;
    let (x, y) = cell_of(&app, other).unwrap();
    assert!(buf[(x, y)].modifier.contains(Modifier::UNDERLINED), "other matches highlighted");
    assert_eq!(app.notice(), None, "a step that does not wrap says nothing");
    update(&mut app, Action::Prev);
    update(&mut app, Action::Prev);
    assert_eq!(app.search().current, Some(want_ci - 1), "wraps");
    let notice = "search hit TOP, continuing at BOTTOM";
    assert_eq!(app.notice(), Some(notice), "and says so, as vim does");
    assert!(screen(&draw(&app)).contains(notice));
    update(&mut app, Action::Next);
    assert_eq!(app.search().current, Some(0));
    let notice = "search hit BOTTOM, continuing at TOP";
    assert_eq!(app.notice(), Some(notice));
    assert!(screen(&draw(&app)).contains(notice));
    update(&mut app, Action::Next);
    assert_eq!(app.notice(), None, "the notice lasts one key");
    // Esc ends the search: n is about mentions again.
    update(&mut app, Action::Cancel);
    assert!(app.search().matches.is_empty());
    select_actor(&mut app, "Vienna");
    update(&mut app, Action::Next);
    assert_eq!(app.mark(), Some(app.selected_mentions()[0].span()));
}

#[test]
fn resizing_keeps_the_reading_position() {
    let mut app = sized(summit(), 120, 20);
    update(&mut app, Action::PageDown);
    let at = app.top_offset();
    update(&mut app, Action::Resize(70, 20));
    let line = app.layout().line(&app.article().text, app.top()).unwrap();
    assert!(line.start <= at && at <= line.end.max(line.start + 1) + 1, "{line:?} holds {at}");
}

#[test]
fn control_characters_are_shown_never_sent() {
    let text =
        "Title\n\nEvil\u{1b}]0;pwned\u{7}text \u{202e}reversed\u{2069} and\ttab \u{9b}31m.\n";
    let article = Article::from_text("evil", text.to_owned());
    let app = sized(App::new(article, Analysis::default(), &ViewSettings::default()), 80, 20);
    let buf = draw(&app);
    for cell in buf.content() {
        for c in cell.symbol().chars() {
            assert!(!whosaid::source::sanitize::is_unsafe(c), "{c:?} sent raw");
            assert_ne!(c, '\t');
        }
    }
    let s = screen(&buf);
    assert!(s.contains("Evil␛]0;pwned␇text"), "{s}");
    assert!(s.contains("\u{fffd}reversed\u{fffd}"));
    let tab = s.find("and").unwrap();
    let gap = s[tab + 3..].find("tab").unwrap();
    assert!((1..=4).contains(&gap) && s[tab + 3..tab + 3 + gap].chars().all(|c| c == ' '), "{s}");
}

#[test]
fn no_color_tells_kinds_apart_by_attributes() {
    let app = summit();
    let settings = ViewSettings { color: false, ..ViewSettings::default() };
    let app = sized(App::new(app.article().clone(), app.analysis().clone(), &settings), 120, 40);
    let buf = draw(&app);
    assert!(buf.content().iter().all(|c| c.fg == ratatui::style::Color::Reset));
    assert!(buf.content().iter().all(|c| c.bg == ratatui::style::Color::Reset));
    let pal = Palette::new(false);
    let mods: Vec<Modifier> = [Kind::Person, Kind::Organization, Kind::Place]
        .iter()
        .map(|&k| pal.kind(k).add_modifier)
        .collect();
    assert!(mods[0] != mods[1] && mods[1] != mods[2] && mods[0] != mods[2]);
    for a in &app.analysis().actors {
        let m = a.mentions[0];
        if let Some((x, y)) = cell_of(&app, m.start) {
            assert!(buf[(x, y)].modifier.contains(pal.kind(a.kind).add_modifier), "{}", a.name);
        }
    }
}

#[test]
fn no_background_is_painted_in_colour_either() {
    let app = sized(summit(), 120, 40);
    assert!(draw(&app).content().iter().all(|c| c.bg == ratatui::style::Color::Reset));
}

#[test]
fn the_help_lists_every_binding_of_the_keymap() {
    for (w, h) in [(120, 40), (80, 24)] {
        let mut app = sized(summit(), w, h);
        update(&mut app, Action::Help);
        let s = screen(&draw(&app));
        for b in Keymap::builtin().bindings() {
            assert!(s.contains(b.action.describe()), "{:?} missing from\n{s}", b.action);
            for k in &b.keys {
                let label = whosaid::config::keymap::label(k);
                assert!(s.contains(&label), "{label} missing");
            }
        }
        // Three keys wrap in the key column rather than widening it for all.
        assert!(s.contains("PgDn, Space ") && s.contains("Ctrl-f"), "{s}");
    }
}

#[test]
fn a_tiny_terminal_on_the_way_through_a_resize_does_not_rewrap() {
    let mut app = sized(summit(), 120, 40);
    update(&mut app, Action::PageDown);
    let (width, top) = (app.layout().width(), app.top());
    update(&mut app, Action::Resize(3, 2));
    assert_eq!((app.layout().width(), app.top()), (width, top));
    update(&mut app, Action::Resize(120, 40));
    assert_eq!((app.layout().width(), app.top()), (width, top));
}

#[test]
fn tiny_terminals_get_a_message() {
    let app = sized(summit(), 39, 12);
    assert!(screen(&draw(&app)).contains("too small"));
    let app = sized(summit(), 80, 9);
    assert!(screen(&draw(&app)).contains("too small"));
}

#[test]
fn narrow_terminals_show_panes_as_tabs() {
    let mut app = sized(summit(), 80, 24);
    let s = screen(&draw(&app));
    assert!(s.contains("Actors") && s.contains("Quotes") && s.contains("Article"));
    update(&mut app, Action::FocusNext);
    let s = screen(&draw(&app));
    let q = &app.analysis().quotes[0];
    assert!(
        s.contains("Quotes 1") || s.contains(&format!("Quotes {}", app.analysis().quotes.len()))
    );
    assert!(s.contains(&app.article().text[q.start + 1..q.start + 12]), "{s}");
}

#[test]
fn every_size_draws_without_panic() {
    let keymap = Keymap::builtin();
    let mut sizes: Vec<(u16, u16)> = Vec::new();
    for w in (1..=250).step_by(9).chain([39, 40, 99, 100, 250]) {
        for h in (1..=80).step_by(7).chain([9, 10, 80]) {
            sizes.push((w, h));
        }
    }
    for mk in [summit as fn() -> App, expo] {
        let mut app = mk();
        update(&mut app, Action::FocusPrev);
        update(&mut app, Action::FocusPrev);
        update(&mut app, Action::Down);
        update(&mut app, Action::Activate);
        for &(w, h) in &sizes {
            update(&mut app, Action::Resize(w, h));
            for help in [false, true] {
                app.show_help(help);
                let mut term = Terminal::new(TestBackend::new(w, h)).unwrap();
                term.draw(|f| ui::draw(&app, &keymap, f)).unwrap();
            }
            update(&mut app, Action::FocusNext);
            update(&mut app, Action::Next);
            update(&mut app, Action::PageDown);
        }
    }
}

fn snapshot(app: &App) -> String {
    screen(&draw(app))
}

#[test]
fn snapshots() {
    let mut app = sized(expo(), 120, 40);
    select_actor(&mut app, "Hiroyuki Ishige");
    update(&mut app, Action::Activate);
    insta::assert_snapshot!("expo_120x40", snapshot(&app));
    let mut app = sized(expo(), 80, 24);
    update(&mut app, Action::Down);
    insta::assert_snapshot!("expo_80x24", snapshot(&app));
    let app = sized(expo(), 40, 12);
    insta::assert_snapshot!("expo_40x12", snapshot(&app));
    let mut app = sized(summit(), 120, 40);
    update(&mut app, Action::NextQuote);
    insta::assert_snapshot!("summit_120x40", snapshot(&app));
    let mut app = sized(summit(), 80, 24);
    update(&mut app, Action::Help);
    insta::assert_snapshot!("summit_80x24_help", snapshot(&app));
}

#[test]
fn a_click_on_a_name_selects_its_actor_and_a_click_on_a_row_selects_it() {
    let mut app = sized(summit(), 120, 40);
    let fechet = id_of(&app, "Mircea Fechet");
    let m = app.analysis().actors[fechet].mentions[1];
    // The last cell of the name, to check the whole name is clickable.
    let (x, y) = cell_of(&app, m.end - 1).expect("on the first screen");
    update(&mut app, Action::Click { x, y });
    assert_eq!(app.selected_actor(), Some(fechet));
    assert_eq!(app.mention_sel(), Some(1));
    assert_eq!(app.mark(), Some(m.span()));
    // A click on plain text changes nothing.
    let plain = app.article().text.find("shrinking").unwrap();
    let (x, y) = cell_of(&app, plain).unwrap();
    update(&mut app, Action::Click { x, y });
    assert_eq!(app.selected_actor(), Some(fechet));
    // A click on the third row of the Quotes pane selects the third quote.
    let ui::Mode::Wide { quotes, actors, .. } =
        ui::areas(ratatui::layout::Rect::new(0, 0, 120, 40)).mode
    else {
        panic!("120 columns is wide")
    };
    // Any line of a quote selects it; a speaker's line the first quote under it.
    let rows = ui::quote_page(&app, quotes, &Palette::new(true));
    let row_of = |r: ui::QuoteRow| rows.iter().rposition(|x| x.0 == r).unwrap() as u16;
    update(
        &mut app,
        Action::Click { x: quotes.x + 3, y: quotes.y + 1 + row_of(ui::QuoteRow::Quote(1)) },
    );
    assert_eq!((app.focus(), app.quote_sel()), (Pane::Quotes, 1));
    let second = app
        .quote_order()
        .order
        .iter()
        .find(|&&i| app.analysis().quotes[i].speaker != app.analysis().quotes[0].speaker)
        .copied()
        .unwrap();
    let heading = ui::QuoteRow::Speaker(app.analysis().quotes[second].speaker);
    update(&mut app, Action::Click { x: quotes.x + 3, y: quotes.y + 1 + row_of(heading) });
    assert_eq!(app.quote_sel(), second);
    update(&mut app, Action::Click { x: actors.x + 3, y: actors.y + 1 });
    assert_eq!(app.selected_actor(), Some(app.actor_rows()[0]));
    assert_eq!(app.mention_sel(), None);
}

#[test]
fn the_wheel_scrolls_the_pane_under_the_pointer() {
    let mut app = sized(summit(), 120, 20);
    let ui::Mode::Wide { article, quotes, .. } =
        ui::areas(ratatui::layout::Rect::new(0, 0, 120, 20)).mode
    else {
        panic!("120 columns is wide")
    };
    update(&mut app, Action::Wheel { x: article.x + 5, y: article.y + 5, down: true });
    assert_eq!(app.top_line(), 3);
    assert_eq!(app.quote_sel(), 0);
    update(&mut app, Action::Wheel { x: quotes.x + 5, y: quotes.y + 5, down: true });
    assert_eq!((app.top_line(), app.quote_sel()), (3, app.quote_order().order[1]));
    update(&mut app, Action::Wheel { x: article.x + 5, y: article.y + 5, down: false });
    assert_eq!(app.top_line(), 0);
    assert_eq!(app.focus(), Pane::Article, "the wheel does not move the focus");
}

#[test]
fn a_broken_analysis_is_not_a_crash() {
    let text = "Café 東京 said \"hello\" twice.\n\nMore text here.";
    let article = Article::from_text("broken", text.to_owned());
    let e = text.find('é').unwrap();
    let m = |start, end| Mention { start, end, demonym: false };
    let analysis = Analysis {
        actors: vec![
            Actor {
                id: 7, // not its index
                name: "Café".into(),
                kind: Kind::Person,
                unsure: false,
                aliases: vec![],
                // Out of range, inside a character, backwards, overlapping, unsorted.
                mentions: vec![m(900, 905), m(e + 1, e + 3), m(5, 2), m(0, 5), m(1, 3)],
            },
            Actor {
                id: 1,
                name: "東京".into(),
                kind: Kind::Place,
                unsure: false,
                aliases: vec![],
                mentions: vec![m(text.find('東').unwrap(), text.find('東').unwrap() + 6)],
            },
        ],
        quotes: vec![
            Quote { start: 0, end: 10_000, speaker: Some(0), cue: None, speaker_mention: None },
            Quote {
                start: text.find('"').unwrap(),
                end: text.find(" twice").unwrap(),
                speaker: Some(42),
                cue: None,
                speaker_mention: None,
            },
        ],
    };
    let mut app = App::new(article, analysis, &ViewSettings::default());
    assert_eq!(app.analysis().actors[0].mentions, vec![m(0, 5)]);
    assert_eq!(app.analysis().quotes.len(), 1);
    assert_eq!(app.analysis().quotes[0].speaker, None);
    for action in
        [Action::FocusPrev, Action::FocusPrev, Action::Activate, Action::Next, Action::NextQuote]
    {
        update(&mut app, action);
        for (w, h) in [(120, 40), (80, 24), (40, 10)] {
            update(&mut app, Action::Resize(w, h));
            draw(&app);
        }
    }
}

fn sized_like(app: &mut App, w: u16, h: u16) -> &App {
    update(app, Action::Resize(w, h));
    app
}

/// Characters of a frame the terminal would obey rather than show.
fn obeyed(buf: &Buffer) -> Vec<char> {
    buf.content()
        .iter()
        .flat_map(|c| c.symbol().chars())
        .filter(|&c| c.is_control() || whosaid::source::sanitize::is_unsafe(c))
        .collect()
}

/// Draws `app` at several sizes, with each pane in front, a search typed and run, and
/// the help open, and checks every frame for characters the terminal would obey.
/// Returns the first frame's text.
fn assert_never_obeyed(app: &mut App, what: &str, search: &str) -> String {
    let mut first = None;
    for (w, h) in [(120, 40), (80, 24), (40, 12)] {
        update(app, Action::Resize(w, h));
        for step in 0..6 {
            match step {
                0..=3 => update(app, Action::FocusNext),
                4 => {
                    update(app, Action::Search);
                    search.chars().for_each(|c| update(app, Action::Input(c)));
                }
                _ => {
                    update(app, Action::Activate);
                    update(app, Action::Down);
                }
            }
            let buf = draw(app);
            assert_eq!(obeyed(&buf), Vec::<char>::new(), "{what} at {w}×{h}, step {step}");
            first.get_or_insert_with(|| screen(&buf));
        }
        update(app, Action::Help);
        assert_eq!(obeyed(&draw(app)), Vec::<char>::new(), "{what}: help at {w}×{h}");
        update(app, Action::Cancel);
        update(app, Action::Cancel);
    }
    first.unwrap_or_default()
}

/// Every hostile fixture that opens (the others are refused, see tests/hostile.rs), with
/// the real analysis: no frame holds an ESC, a C1 control or a bidi override from it,
/// and what it held is shown as the shared sanitiser's marks.
#[test]
fn hostile_fixtures_never_reach_the_terminal_raw() {
    let mut opened = 0;
    let mut paths: Vec<_> = std::fs::read_dir("tests/fixtures/hostile")
        .expect("the hostile fixtures")
        .map(|e| e.expect("a directory entry").path())
        .collect();
    paths.sort();
    for path in paths {
        let name = path.display().to_string();
        let Ok(article) = whosaid::source::load(&name) else { continue };
        opened += 1;
        let analysis = whosaid::analyse_article(&article);
        let marks: Vec<char> = article
            .text
            .chars()
            .filter(|&c| c != '\n' && whosaid::source::sanitize::is_unsafe(c))
            .map(whosaid::source::display_char)
            .collect();
        let notes = article.notes.clone();
        let mut app = App::new(article, analysis, &ViewSettings::default());
        // What the loader noted (invalid UTF-8, an empty file) is in the status line.
        let status = screen(&draw(sized_like(&mut app, 120, 40)));
        for n in &notes {
            assert!(status.lines().last().is_some_and(|l| l.contains(n.as_str())), "{name}: {n}");
        }
        // The search typed holds the first hostile character, if any.
        let search: String = app.article().text.chars().filter(|&c| c != '\n').take(3).collect();
        let s = assert_never_obeyed(&mut app, &name, &search);
        for m in marks {
            assert!(s.contains(m), "{name}: {m:?} not shown in\n{s}");
        }
    }
    assert!(opened >= 4, "only {opened} fixtures opened");
}

/// Hostile characters inside what the analysis made of the text: an actor's name (in
/// the Actors and Mentions panes, the status line, the Quotes pane as a speaker), a
/// quote, the title and the metadata.
#[test]
fn hostile_names_quotes_and_titles_are_shown_not_obeyed() {
    let text = "Evil\u{1b}]0;pwned\u{7} \u{202e}Corp\n\n\
                Evil\u{1b}]0;pwned\u{7} \u{202e}Corp said \"we \u{9b}2J\u{1b}[31mwin\u{2066}\" \
                on Monday. Evil\u{1b}]0;pwned\u{7} \u{202e}Corp later said \"again\".\n";
    let article = Article {
        source: "evil\u{1b}[2J.txt".to_owned(),
        text: text.to_owned(),
        title: Some("Evil\u{1b}]0;pwned\u{7} \u{202e}Corp".to_owned()),
        body_end: text.len(),
        meta: vec!["Tags: \u{1b}]52;c;aGk=\u{7}".to_owned()],
        notes: vec!["a note \u{1b}[2J".to_owned()],
        decoded: None,
        links: Vec::new(),
    };
    let analysis = analysis_of(
        &article.text,
        &[(Kind::Organization, &["Evil\u{1b}]0;pwned\u{7} \u{202e}Corp"])],
    );
    assert_eq!(analysis.quotes.len(), 2);
    assert_eq!(analysis.quotes[0].speaker, Some(0));
    let mut app = App::new(article, analysis, &ViewSettings::default());
    select_actor(&mut app, "Evil\u{1b}]0;pwned\u{7} \u{202e}Corp");
    update(&mut app, Action::Activate);
    let s = assert_never_obeyed(&mut app, "names", "\u{1b}]0");
    assert!(s.contains("Evil␛]0;pwned␇ \u{fffd}Corp"), "{s}");
}

/// The Quotes pane's column of the screen, inside its border.
fn quotes_pane(app: &App) -> Vec<String> {
    let area = ratatui::layout::Rect::new(0, 0, app.size().0, app.size().1);
    let rect = match ui::areas(area).mode {
        ui::Mode::Wide { quotes, .. } => quotes,
        ui::Mode::Narrow { pane, .. } => pane,
        ui::Mode::TooSmall => panic!("too small"),
    };
    let s = screen(&draw(app));
    s.lines()
        .skip(usize::from(rect.y) + 1)
        .take(usize::from(rect.height.saturating_sub(2)))
        .map(|l| {
            let cells: String = l.chars().skip(usize::from(rect.x) + 1).collect();
            cells
                .chars()
                .take(usize::from(rect.width - 2))
                .collect::<String>()
                .trim_end()
                .to_owned()
        })
        .collect()
}

#[test]
fn quotes_are_shown_whole_under_their_speaker_with_a_count() {
    let mut app = sized(summit(), 120, 40);
    update(&mut app, Action::NextQuote);
    let rows = quotes_pane(&app);
    let s = screen(&draw(&app));
    assert!(s.contains("Quotes 8 · 4 speakers"), "{s}");
    // Each speaker once, with a count, in order of their first quote; no speaker last.
    let headings: Vec<&str> = rows
        .iter()
        .filter(|r| !r.is_empty() && !r.starts_with("  ") && !r.starts_with("› "))
        .map(|r| r.as_str())
        .collect();
    assert_eq!(headings.last(), Some(&"no speaker · 1"), "{rows:#?}");
    assert_eq!(headings[0], "Leonore Gewessler · 2", "{rows:#?}");
    let mut names: Vec<&str> = headings.iter().map(|h| h.rsplit_once(" · ").unwrap().0).collect();
    names.dedup();
    assert_eq!(names.len(), headings.len(), "each speaker's quotes together: {rows:#?}");
    // A quote is wrapped over lines, whole: its words read back in order.
    let q = &app.analysis().quotes[0];
    let words =
        app.article().text[q.span().range()].split_whitespace().collect::<Vec<_>>().join(" ");
    let mut drawn = String::new();
    for r in rows.iter().skip(1).take_while(|r| r.starts_with("  ") || r.starts_with("› ")) {
        drawn.push_str(r[r.char_indices().nth(2).unwrap().0..].trim());
        drawn.push(' ');
    }
    assert!(drawn.starts_with(&words), "{drawn:?} vs {words:?}");
    // A quote longer than the limit ends in "…" on its last line.
    let long = rows.iter().filter(|r| r.ends_with('…')).count();
    let over =
        app.analysis().quotes.iter().filter(|q| q.end - q.start > 26 * ui::QUOTE_LINES).count();
    assert!(over > 0 && long == over, "{over} long quotes, {long} cut: {rows:#?}");
    for r in &rows {
        assert!(unicode_width::UnicodeWidthStr::width(r.as_str()) <= 28, "{r:?}");
    }
}

/// The Quotes pane marks the quote at the reading position: the last quote that starts
/// at or before the top of the view, or the quote jumped to while it is on screen.
#[test]
fn the_quote_at_the_reading_position_is_marked() {
    let mut app = sized(summit(), 120, 40);
    let marked = |app: &App| {
        let s = screen(&draw(app));
        s.lines().filter_map(|l| l.split_once("│› ").map(|(_, r)| r.to_owned())).collect::<Vec<_>>()
    };
    let first = app.article().text[app.analysis().quotes[0].span().range()].to_owned();
    let line_of_first = app.line_of(app.analysis().quotes[0].start);
    assert!(line_of_first > 0);
    assert_eq!(app.current_quote(), None, "no quote at or before the top yet");
    assert!(marked(&app).is_empty());
    for _ in 0..line_of_first {
        update(&mut app, Action::Down);
    }
    assert_eq!(app.current_quote(), Some(0));
    let m = marked(&app);
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(first.starts_with(m[0].trim_end_matches('│').trim_end()), "{m:?} vs {first}");
    update(&mut app, Action::Bottom);
    let top = app.top_offset();
    let last_before = app.analysis().quotes.iter().rposition(|q| q.start <= top);
    assert!(last_before > Some(0));
    assert_eq!(app.current_quote(), last_before);
    // A jump marks the quote jumped to, even when it is below the top of the view.
    update(&mut app, Action::Top);
    update(&mut app, Action::NextQuote);
    update(&mut app, Action::NextQuote);
    update(&mut app, Action::NextQuote);
    assert_eq!(app.current_quote(), Some(2));
    assert_eq!(marked(&app).len(), 1);
}

/// On a screen too small for the help, it scrolls; each binding can be read at some
/// scroll position, and the scrolling stops at the end. Where it fits, any key closes it.
#[test]
fn the_help_scrolls_on_small_screens() {
    let keymap = Keymap::builtin();
    for (w, h) in [(60, 14), (40, 10), (80, 12), (120, 12)] {
        let mut app = sized(summit(), w, h);
        update(&mut app, Action::Help);
        let mut seen = String::new();
        let mut last = usize::MAX;
        while app.help_scroll() != last {
            last = app.help_scroll();
            let s = screen(&draw(&app));
            assert!(s.contains("j/k scroll"), "{w}×{h}:\n{s}");
            seen.push_str(&s);
            update(&mut app, Action::Down);
        }
        assert!(app.help_open(), "{w}×{h}: the end of the help does not close it");
        for b in keymap.bindings() {
            assert!(seen.contains(b.action.describe()), "{w}×{h}: {:?} never shown", b.action);
        }
        update(&mut app, Action::Top);
        assert_eq!(app.help_scroll(), 0);
        update(&mut app, Action::Cancel);
        assert!(!app.help_open());
    }
    let mut app = sized(summit(), 120, 40);
    update(&mut app, Action::Help);
    assert!(screen(&draw(&app)).contains("Keys (any key closes)"));
    update(&mut app, Action::Down);
    assert!(!app.help_open(), "a help that fits closes on any key");
    assert_eq!(app.top_line(), 0);
}

/// The keys of the reader's habits, as a terminal sends them, reach their actions
/// through the built-in keymap.
#[test]
fn the_habitual_keys_are_bound() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let k = Keymap::builtin();
    let plain = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
    let shifted = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::SHIFT);
    let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
    let code = |c| KeyEvent::new(c, KeyModifiers::NONE);
    for (key, action) in [
        (plain('j'), Action::Down),
        (code(KeyCode::Down), Action::Down),
        (plain('k'), Action::Up),
        (code(KeyCode::Up), Action::Up),
        (code(KeyCode::PageDown), Action::PageDown),
        (plain(' '), Action::PageDown),
        (code(KeyCode::PageUp), Action::PageUp),
        // less's paging keys.
        (plain('b'), Action::PageUp),
        (ctrl('b'), Action::PageUp),
        (ctrl('f'), Action::PageDown),
        (ctrl('d'), Action::HalfDown),
        (ctrl('u'), Action::HalfUp),
        (plain('g'), Action::Top),
        (code(KeyCode::Home), Action::Top),
        (shifted('G'), Action::Bottom),
        (code(KeyCode::End), Action::Bottom),
        (code(KeyCode::Tab), Action::FocusNext),
        (KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT), Action::FocusPrev),
        (plain('n'), Action::Next),
        (shifted('N'), Action::Prev),
        (plain(']'), Action::NextQuote),
        (plain('['), Action::PrevQuote),
        (shifted('}'), Action::NextSameSpeaker),
        (shifted('{'), Action::PrevSameSpeaker),
        (plain('1'), Action::ShowPeople),
        (plain('2'), Action::ShowOrganizations),
        (plain('3'), Action::ShowPlaces),
        (plain('0'), Action::ShowAll),
        (plain('/'), Action::Search),
        (code(KeyCode::Esc), Action::Cancel),
        (code(KeyCode::Enter), Action::Activate),
        (shifted('?'), Action::Help),
        (plain('q'), Action::Quit),
        (ctrl('c'), Action::Exit),
        (shifted('Q'), Action::Exit),
        (ctrl('z'), Action::Suspend),
    ] {
        assert_eq!(k.action_for(key, false), Some(action), "{key:?}");
    }
    // While a search is typed, letters are text, Esc and Enter end it, Ctrl-Z still
    // suspends.
    assert_eq!(k.action_for(plain('n'), true), Some(Action::Input('n')));
    assert_eq!(k.action_for(code(KeyCode::Esc), true), Some(Action::Cancel));
    assert_eq!(k.action_for(ctrl('z'), true), Some(Action::Suspend));
    assert_eq!(k.action_for(ctrl('c'), true), Some(Action::Exit), "Ctrl-c quits from a prompt");
}

/// Esc closes whatever is open: the help, a search being typed, each step of the
/// correction prompt, a notice; and one more Esc then ends the search and the mark.
#[test]
fn esc_closes_every_prompt_and_overlay() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let k = Keymap::builtin();
    let esc = |app: &mut App| {
        let a = k.action_for(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE), app.typing());
        update(app, a.expect("Esc does something"));
    };
    let mut app = sized(summit(), 120, 40);
    update(&mut app, Action::Help);
    esc(&mut app);
    assert!(!app.help_open() && !app.quitting());
    update(&mut app, Action::Search);
    update(&mut app, Action::Input('x'));
    esc(&mut app);
    assert!(app.search().input.is_none() && !app.typing());
    select_actor(&mut app, "Danube");
    for letter in [None, Some('r'), Some('k'), Some('m'), Some('a'), Some('x')] {
        update(&mut app, Action::Correct);
        if let Some(c) = letter {
            update(&mut app, Action::Input(c));
        }
        assert!(app.prompt().is_some(), "{letter:?}");
        esc(&mut app);
        assert!(app.prompt().is_none() && app.correction_asked().is_none(), "{letter:?}");
    }
    update(&mut app, Action::NextSameSpeaker);
    update(&mut app, Action::Next);
    esc(&mut app);
    assert_eq!(app.notice(), None);
    assert_eq!(app.mark(), None);
    assert!(!app.quitting());
    let s = screen(&draw(&app));
    for open in ["Keys (", "┌whosaid", "Esc cancels", "/x"] {
        assert!(!s.contains(open), "{open:?} is left open:\n{s}");
    }
}

/// Coming back to a pane, its selection is where it was: the Actors, Mentions and
/// Quotes panes keep theirs through Tab, Shift-Tab and jumps, wide and as tabs.
#[test]
fn each_pane_keeps_its_selection() {
    for (w, h) in [(120, 40), (80, 24)] {
        let mut app = sized(summit(), w, h);
        select_actor(&mut app, "Mircea Fechet");
        let actor = app.actor_sel();
        update(&mut app, Action::FocusNext);
        update(&mut app, Action::Down);
        update(&mut app, Action::Down);
        let mention = app.mention_sel();
        assert_eq!(mention, Some(1));
        while app.focus() != Pane::Quotes {
            update(&mut app, Action::FocusNext);
        }
        update(&mut app, Action::Down);
        update(&mut app, Action::Down);
        update(&mut app, Action::Activate);
        let quote = app.quote_sel();
        assert_eq!(quote, 2);
        for _ in 0..8 {
            update(&mut app, Action::FocusNext);
            draw(&app);
        }
        update(&mut app, Action::FocusPrev);
        update(&mut app, Action::NextQuote);
        update(&mut app, Action::PrevQuote);
        assert_eq!(
            (app.actor_sel(), app.mention_sel(), app.quote_sel()),
            (actor, mention, quote),
            "{w}"
        );
    }
}

/// With what the analyser really finds in the bundled samples: every size from 1×1 to
/// 250×80 (every width at a few heights, every height at a few widths), growing and
/// shrinking, with the help open and closed, draws without panicking.
#[test]
fn every_size_draws_without_panic_with_the_real_analysis() {
    let keymap = Keymap::builtin();
    let mut sizes: Vec<(u16, u16)> = Vec::new();
    for w in 1..=250 {
        sizes.extend([(w, 1), (w, 10), (w, 24), (w, 80)]);
    }
    for h in 1..=80 {
        sizes.extend([(1, h), (39, h), (40, h), (99, h), (100, h), (250, h)]);
    }
    // And back down, as a window being shrunk.
    sizes.extend(sizes.clone().into_iter().rev().step_by(3));
    for (name, text) in whosaid::source::samples::ALL {
        let article = Article::from_text(*name, (*text).to_owned());
        let analysis = whosaid::analyse_article(&article);
        assert!(!analysis.quotes.is_empty() && !analysis.actors.is_empty(), "{name}");
        let mut app = App::new(article, analysis, &ViewSettings::default());
        let mut term = Terminal::new(TestBackend::new(1, 1)).unwrap();
        let steps = [
            Action::FocusNext,
            Action::Down,
            Action::Activate,
            Action::NextQuote,
            Action::Next,
            Action::PageDown,
            Action::NextSameSpeaker,
            Action::Bottom,
        ];
        for (i, &(w, h)) in sizes.iter().enumerate() {
            update(&mut app, Action::Resize(w, h));
            update(&mut app, steps[i % steps.len()]);
            app.show_help(i % 5 == 0);
            term.backend_mut().resize(w, h);
            term.draw(|f| ui::draw(&app, &keymap, f)).unwrap();
        }
    }
}

#[test]
fn an_empty_article_says_so() {
    let mut article = Article::from_text("empty.txt", String::new());
    article.notes.push("the file is empty".to_owned());
    let app = sized(App::new(article, Analysis::default(), &ViewSettings::default()), 80, 24);
    let s = screen(&draw(&app));
    assert!(s.contains("Nothing to read: the file is empty."), "{s}");
}

/// Unfocused, the Quotes pane follows the reading position: far down a long list it
/// shows the page of the quote being read, with its mark, and its selection is kept for
/// when the pane has the focus again. Moving the selection (the wheel) stops the
/// following; reading on starts it again.
#[test]
fn the_quotes_pane_follows_the_reading_position() {
    let mut app = sized(summit(), 120, 12);
    let marked = |app: &App| screen(&draw(app)).contains("│› ");
    update(&mut app, Action::Bottom);
    let here = app.current_quote().expect("a quote above the last page");
    assert!(app.quotes_top() > 0, "the quote read is beyond the first page");
    assert_eq!(app.quote_sel(), 0);
    assert!(marked(&app), "the quote read is on screen, marked");
    // With the focus, the pane shows its own selection.
    while app.focus() != Pane::Quotes {
        update(&mut app, Action::FocusNext);
    }
    assert_eq!(app.quotes_anchor(), 0);
    update(&mut app, Action::FocusNext);
    assert_eq!(app.quotes_anchor(), here, "following again once the focus leaves");
    // The wheel over the pane moves on from the quote shown, and stops the following.
    let ui::Mode::Wide { quotes, .. } = ui::areas(ratatui::layout::Rect::new(0, 0, 120, 12)).mode
    else {
        panic!("120 columns is wide")
    };
    update(&mut app, Action::Wheel { x: quotes.x + 2, y: quotes.y + 2, down: false });
    let before = app.quote_order().order[app.quote_order().pos[here] - 1];
    assert_eq!((app.quote_sel(), app.quotes_follow()), (before, false));
    assert_eq!(app.quotes_anchor(), before);
    while app.focus() != Pane::Article {
        update(&mut app, Action::FocusNext);
    }
    update(&mut app, Action::Up);
    assert!(app.quotes_follow());
}

#[test]
fn next_quote_by_the_speaker_says_when_there_is_none() {
    let text = "Talks\n\n\"We will stay,\" said Anna Berg. \"It is late,\" said Tom Rix.\n\n\
                \"Never,\" one woman said.";
    let article = Article::from_text("-", text.to_owned());
    let analysis = whosaid::analyse_article(&article);
    let mut app = App::new(article, analysis, &ViewSettings::default());
    update(&mut app, Action::Resize(100, 30));
    update(&mut app, Action::NextQuote);
    update(&mut app, Action::NextSameSpeaker);
    assert_eq!(app.notice(), Some("the only quote by Anna Berg"));
    assert!(screen(&draw(&app)).contains("Quotes 3 · 2 speakers"));
    let one = Article::from_text("-", "Talks\n\n\"We will stay,\" said Anna Berg.".to_owned());
    let analysis = whosaid::analyse_article(&one);
    let one = sized(App::new(one, analysis, &ViewSettings::default()), 100, 30);
    assert!(screen(&draw(&one)).contains("Quotes 1 · 1 speaker─"), "{}", screen(&draw(&one)));
    let last = app.analysis().quotes.len() - 1;
    assert_eq!(app.analysis().quotes[last].speaker, None);
    app.select_quote(last);
    update(&mut app, Action::PrevSameSpeaker);
    assert_eq!(app.notice(), Some("this quote has no speaker"));
}

/// The summit sample with the analyser's own analysis: its quotes have cue words and
/// the words that name their speakers.
fn summit_analysed(w: u16, h: u16) -> App {
    let article = Article::from_text("summit.txt", SUMMIT.to_owned());
    let analysis = whosaid::analyse_article(&article);
    sized(App::new(article, analysis, &ViewSettings::default()), w, h)
}

/// The screen with the article's words drawn underlined and bold (the speaker's mark)
/// in ⟦ ⟧, so a text snapshot shows where the mark is.
fn marked_snapshot(app: &App) -> String {
    let buf = draw(app);
    let a = buf.area;
    let text = ui::areas(a).article_text.unwrap();
    let shown = app.focus() == Pane::Article || matches!(ui::areas(a).mode, ui::Mode::Wide { .. });
    let mut s = String::new();
    for y in 0..a.height {
        let mut hidden = 0;
        let mut open = false;
        for x in 0..a.width {
            let cell = &buf[(x, y)];
            if hidden > 0 {
                hidden -= 1;
                continue;
            }
            let under = shown
                && text.contains(ratatui::layout::Position::new(x, y))
                && cell.modifier.contains(Modifier::UNDERLINED | Modifier::BOLD);
            if under != open {
                s.push(if under { '⟦' } else { '⟧' });
                open = under;
            }
            hidden = unicode_width::UnicodeWidthStr::width(cell.symbol()).saturating_sub(1);
            s.push_str(cell.symbol());
        }
        if open {
            s.push('⟧');
        }
        s.push('\n');
    }
    s
}

fn marked_words(app: &App) -> Vec<String> {
    let s = marked_snapshot(app);
    let mut out = Vec::new();
    let mut rest = s.as_str();
    while let Some(i) = rest.find('⟦') {
        let j = rest[i..].find('⟧').unwrap() + i;
        out.push(rest[i + '⟦'.len_utf8()..j].to_owned());
        rest = &rest[j..];
    }
    out
}

#[test]
fn the_words_naming_a_quotes_speaker_are_found_with_their_cue() {
    let app = summit_analysed(120, 40);
    let text = &app.article().text;
    let words = |i: usize| {
        let a = app.attribution_of(i).expect("a speaker");
        (text[a.name.range()].to_owned(), a.cue.map(|c| text[c.range()].to_owned()))
    };
    assert_eq!(words(0), ("Leonore Gewessler told".to_owned(), None));
    // A quote that goes on from the last by the same speaker: the same words.
    assert_eq!(app.analysis().quotes[1].speaker_mention, None);
    assert_eq!(words(1), words(0));
    assert_eq!(words(2), ("he said".to_owned(), None));
    assert_eq!(words(3), ("According to Wenzel".to_owned(), None));
    assert_eq!(words(5), ("said Fechet".to_owned(), None));
}

/// The selected quote's speaker is underlined in the article while the Quotes pane has
/// the focus, also in another paragraph (the status line then says where); Enter on
/// the quote jumps to it, Enter again to the speaker's words, and back.
#[test]
fn the_selected_quotes_speaker_is_marked_and_enter_jumps_to_it() {
    let mut app = summit_analysed(120, 40);
    assert!(marked_words(&app).is_empty(), "nothing marked before a quote is current");
    while app.focus() != Pane::Quotes {
        update(&mut app, Action::FocusNext);
    }
    // The mark may wrap over two lines.
    assert_eq!(marked_words(&app).join(" "), "Leonore Gewessler told");
    // The long quote by Fechet spans two paragraphs; his name comes after its end.
    let long = app
        .analysis()
        .quotes
        .iter()
        .position(|q| app.article().text[q.span().range()].contains("\n\n"))
        .unwrap();
    while app.quote_sel() != long {
        update(&mut app, Action::Down);
    }
    // Below the view: the status line says where.
    let a = app.attribution().unwrap();
    assert_eq!(&app.article().text[a.name.range()], "said Fechet");
    let line = app.line_of(a.name.start) + 1;
    let s = screen(&draw(&app));
    assert!(s.contains(&format!("quote {}/8 said by Mircea Fechet, line {line}", long + 1)), "{s}");
    update(&mut app, Action::Activate);
    assert_eq!(app.mark(), Some(app.analysis().quotes[long].span()));
    assert_eq!(marked_words(&app).join(" "), "said Fechet", "in view with the quote");
    update(&mut app, Action::Activate);
    assert_eq!(app.mark(), Some(a.name), "Enter again: to the speaker's words");
    assert!(app.line_of(a.name.start) >= app.top_line(), "on screen");
    // There, the quote is still the one in hand: y copies it, not the one before.
    assert_eq!(app.current_quote(), Some(long));
    update(&mut app, Action::Yank);
    let (copied, what) = app.take_copy_request().expect("y asks for a copy");
    assert_eq!(what, format!("quote {}/8", long + 1));
    assert!(copied.starts_with("\"We need shared data"), "{copied}");
    assert!(
        copied.contains(
            "\" said Mircea Fechet (Romania's Minister of Waters and Forests) — Danube water talks"
        ),
        "{copied}"
    );
    update(&mut app, Action::Activate);
    assert_eq!(app.mark(), Some(app.analysis().quotes[long].span()), "and back");
    // With the focus elsewhere and nothing jumped to, nothing is marked.
    update(&mut app, Action::Cancel);
    update(&mut app, Action::FocusNext);
    assert!(marked_words(&app).is_empty());
}

#[test]
fn quotes_and_speaker_snapshots() {
    // The Quotes pane with the analyser's cue words, the third quote selected, and its
    // speaker marked in the article.
    let mut app = summit_analysed(120, 40);
    while app.focus() != Pane::Quotes {
        update(&mut app, Action::FocusNext);
    }
    update(&mut app, Action::Down);
    update(&mut app, Action::Down);
    insta::assert_snapshot!("summit_quotes_120x40", marked_snapshot(&app));
    // Jumped to a quote whose speaker is named in the next paragraph.
    let long = app
        .analysis()
        .quotes
        .iter()
        .position(|q| app.article().text[q.span().range()].contains("\n\n"))
        .unwrap();
    app.select_quote(long);
    update(&mut app, Action::Activate);
    insta::assert_snapshot!("summit_speaker_120x40", marked_snapshot(&app));
    // 80×24: the panes are tabs; the Quotes tab, then Enter (to the quote) and Enter
    // (to its speaker) in the article.
    let mut app = summit_analysed(80, 24);
    while app.focus() != Pane::Quotes {
        update(&mut app, Action::FocusNext);
    }
    update(&mut app, Action::Down);
    update(&mut app, Action::Down);
    insta::assert_snapshot!("summit_quotes_80x24", marked_snapshot(&app));
    update(&mut app, Action::Activate);
    update(&mut app, Action::Activate);
    insta::assert_snapshot!("summit_speaker_80x24", marked_snapshot(&app));
}

/// A long article: the samples repeated to 3 MB, more than a resize counts at once, with
/// one actor (every "Fechet" a mention of him) and no quotes.
fn long_article() -> App {
    let text = whosaid::source::samples::repeated(3_000_000);
    let mentions = text
        .match_indices("Fechet")
        .map(|(s, n)| Mention { start: s, end: s + n.len(), demonym: false })
        .collect();
    let name = "Fechet".to_owned();
    let actor = Actor {
        id: 0,
        name: name.clone(),
        kind: Kind::Person,
        unsure: false,
        aliases: vec![name],
        mentions,
    };
    let analysis = Analysis { actors: vec![actor], quotes: vec![] };
    App::new(Article::from_text("long", text), analysis, &ViewSettings::default())
}

/// Every line of the article at the app's width, wrapped from the first on: what the
/// lazily wrapped view must agree with.
fn every_line(app: &App) -> Vec<whosaid::text_layout::Line> {
    let layout = app.layout().at_width(app.layout().width());
    layout.lines_from(&app.article().text, Default::default()).collect()
}

/// The article pane's rows as drawn, each trimmed at the end.
fn article_rows(app: &App, buf: &Buffer) -> Vec<String> {
    let r = ui::areas(ratatui::layout::Rect::new(0, 0, app.size().0, app.size().1))
        .article_text
        .expect("the article is on screen");
    (r.y..r.bottom())
        .map(|y| {
            let (mut row, mut hidden) = (String::new(), 0);
            for x in r.x..r.right() {
                let sym = buf[(x, y)].symbol();
                if hidden > 0 {
                    hidden -= 1;
                    continue;
                }
                hidden = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
                row.push_str(sym);
            }
            row.trim_end().to_owned()
        })
        .collect()
}

/// What the rows from line `from` of `lines` should show.
fn expected_rows(app: &App, lines: &[whosaid::text_layout::Line], from: usize) -> Vec<String> {
    let h = app.view_height();
    (from..from + h)
        .map(|i| lines.get(i).map_or("", |l| &app.article().text[l.range()]).trim_end().to_owned())
        .collect()
}

#[test]
fn a_long_article_opens_with_estimates_and_counts_its_lines_when_idle() {
    let mut app = sized(long_article(), 120, 40);
    assert!(app.counting(), "3 MB is not counted at once");
    let total = app.layout().total();
    assert!(!total.exact);
    let s = screen(&draw(&app));
    assert!(s.contains(&format!("line 1/~{} 0%", total.n)), "{s}");
    // The first frame shows the first lines all the same.
    let lines = every_line(&app);
    assert_eq!(article_rows(&app, &draw(&app)), expected_rows(&app, &lines, 0));
    // The idle loop's ticks count on, a slice each, until the numbers are exact.
    let mut ticks = 0;
    while app.counting() {
        update(&mut app, Action::Tick);
        ticks += 1;
    }
    assert!(ticks > 1, "{ticks} ticks");
    assert_eq!(app.layout().total().n, lines.len());
    assert!(app.layout().total().exact);
    let s = screen(&draw(&app));
    assert!(s.contains(&format!("line 1/{} 0%", lines.len())), "{s}");
    assert!(!s.contains('~'), "{s}");
}

#[test]
fn a_far_jump_lands_on_its_line_before_the_lines_above_are_counted() {
    let mut app = sized(long_article(), 120, 40);
    let lines = every_line(&app);
    // The last mention of Fechet, from the Mentions pane: 3 MB down.
    app.focus_on(Pane::Mentions);
    update(&mut app, Action::Bottom);
    update(&mut app, Action::Activate);
    let last = *app.selected_mentions().last().unwrap();
    assert_eq!(app.mark(), Some(last.span()));
    assert!(app.counting(), "the lines above it are not counted yet");
    // The view shows the lines it should from where it starts, the mention among them.
    let top = lines.iter().position(|l| l.start == app.top_offset()).expect("a line's start");
    let buf = draw(&app);
    assert_eq!(article_rows(&app, &buf), expected_rows(&app, &lines, top));
    let at = lines.iter().rposition(|l| l.start <= last.start).unwrap();
    assert!((top..top + app.view_height()).contains(&at), "line {at} in view from {top}");
    let r = ui::areas(ratatui::layout::Rect::new(0, 0, 120, 40)).article_text.unwrap();
    let col = app.layout().column_of(&app.article().text, last.start) as u16;
    let cell = &buf[(r.x + col, r.y + (at - top) as u16)];
    assert_eq!(cell.symbol(), "F");
    assert!(cell.modifier.contains(Modifier::REVERSED), "marked");
    // Its line number in the Mentions pane is an estimate until counted, then the line
    // it is on.
    let listed = |app: &App, no: String| {
        let s = screen(&draw(app));
        s.lines().any(|l| l.contains(&format!("│{no:>4} ")) && l.contains("Fechet"))
    };
    let estimate = app.layout().line_of(&app.article().text, last.start);
    assert!(!estimate.exact);
    assert!(listed(&app, estimate.to_string()), "{}", screen(&draw(&app)));
    while app.counting() {
        update(&mut app, Action::Tick);
    }
    assert_eq!(app.line_of(last.start), at);
    assert!(listed(&app, (at + 1).to_string()), "{}", screen(&draw(&app)));
    // Bottom shows the last lines; Top the first.
    app.focus_on(Pane::Article);
    update(&mut app, Action::Bottom);
    let h = app.view_height();
    assert_eq!(article_rows(&app, &draw(&app)), expected_rows(&app, &lines, lines.len() - h));
    update(&mut app, Action::Top);
    assert_eq!(article_rows(&app, &draw(&app)), expected_rows(&app, &lines, 0));
}

#[test]
fn a_resize_of_a_long_article_keeps_the_paragraph_at_the_top() {
    let mut app = sized(long_article(), 120, 40);
    // Half way down, a few lines into a paragraph.
    app.focus_on(Pane::Mentions);
    let n = app.selected_mentions().len();
    for _ in 0..n / 2 {
        update(&mut app, Action::Down);
    }
    update(&mut app, Action::Activate);
    app.focus_on(Pane::Article);
    update(&mut app, Action::Down);
    let at = app.top_offset();
    assert!(at > 1_000_000, "{at}");
    let paragraph = |off: usize| app.article().text[..off].rfind('\n');
    let para = paragraph(at);
    for w in [90, 61, 120] {
        update(&mut app, Action::Resize(w, 40));
        let line = app.layout().line(&app.article().text, app.top()).unwrap();
        assert!(line.start <= at && at <= line.end + 1, "{line:?} holds {at} at {w}");
        assert_eq!(app.article().text[..app.top_offset()].rfind('\n'), para, "at {w} columns");
        // And the view is what wrapping everything would show from there.
        let lines = every_line(&app);
        let top = lines.iter().position(|l| l.start == app.top_offset()).unwrap();
        assert_eq!(article_rows(&app, &draw(&app)), expected_rows(&app, &lines, top));
    }
}
