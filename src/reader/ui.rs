//! Drawing the app: where each pane goes, and one function per pane.
//!
//! [`draw`] only reads the app. It draws only the article lines on screen, colouring
//! them from the analysis's sorted spans by binary search, so a frame costs the same on
//! a 10 KB and a 10 MB article. Every piece of article text goes through
//! [`layout::sanitize_at`] (the shared sanitiser, `crate::source::display_char`, plus
//! tab expansion) on its way to the terminal, and so does every other string that came
//! from outside: names, titles, metadata, notes, the search typed, the user's keys.

use super::app::{App, Pane};
use crate::analysis::{ActorId, Kind, Span};
use crate::config::keymap::Keymap;
pub use crate::config::theme::Palette;
use crate::text_layout::one_line;
use crate::text_layout::{self as layout, Layout, Pos};
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span as TextSpan};
use ratatui::widgets::{Block, Clear, List, ListItem, ListState, Padding, Paragraph, Tabs, Wrap};
use std::borrow::Cow;
use unicode_width::UnicodeWidthStr;

/// Smallest terminal the reader draws in; below it, a message says so.
pub const MIN_SIZE: (u16, u16) = (40, 10);
/// From this width on, all panes are side by side; below it they are tabs.
pub const WIDE: u16 = 100;

/// Where the panes are on a screen of a given size.
#[derive(Debug, Clone, Copy)]
pub struct Areas {
    pub mode: Mode,
    pub status: Rect,
    /// Where article text goes (inside the border), whether or not it is shown now.
    pub article_text: Option<Rect>,
    /// Rows in the list panes.
    pub list_height: u16,
}

#[derive(Debug, Clone, Copy)]
pub enum Mode {
    TooSmall,
    Wide {
        actors: Rect,
        mentions: Rect,
        article: Rect,
        quotes: Rect,
    },
    /// One pane at a time (the focused one) under a row of tabs.
    Narrow {
        tabs: Rect,
        pane: Rect,
    },
}

fn article_block(title: String, focused: bool, pal: &Palette) -> Block<'static> {
    pane_block(title, focused, pal).padding(Padding::horizontal(1))
}

fn pane_block(title: String, focused: bool, pal: &Palette) -> Block<'static> {
    let b = Block::bordered().title(title);
    if focused { b.border_style(pal.focus).title_style(pal.focus) } else { b }
}

/// The panes' places on a screen of this size. Shared by the app (to wrap the article
/// to the width it is drawn at) and by [`draw`].
pub fn areas(area: Rect) -> Areas {
    areas_for(area, &crate::config::View::default())
}

/// [`areas`] with the config's pane widths and wrap width.
pub fn areas_for(area: Rect, prefs: &crate::config::View) -> Areas {
    if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
        return Areas { mode: Mode::TooSmall, status: area, article_text: None, list_height: 1 };
    }
    let [main, status] = area
        .layout(&ratatui::layout::Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]));
    let pal = Palette::new(true);
    if area.width >= WIDE {
        let (side, quotes_side) = prefs.side_widths(area.width);
        let [left, article, quotes] = main.layout(&ratatui::layout::Layout::horizontal([
            Constraint::Length(side),
            Constraint::Fill(1),
            Constraint::Length(quotes_side),
        ]));
        let [actors, mentions] = left.layout(&ratatui::layout::Layout::vertical([
            Constraint::Percentage(55),
            Constraint::Fill(1),
        ]));
        let mut text = article_block(String::new(), false, &pal).inner(article);
        text.width = prefs.wrap_width(text.width);
        Areas {
            mode: Mode::Wide { actors, mentions, article, quotes },
            status,
            article_text: Some(text),
            list_height: quotes.height.saturating_sub(2),
        }
    } else {
        let [tabs, pane] = main.layout(&ratatui::layout::Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
        ]));
        let mut text = article_block(String::new(), false, &pal).inner(pane);
        text.width = prefs.wrap_width(text.width);
        Areas {
            mode: Mode::Narrow { tabs, pane },
            status,
            article_text: Some(text),
            list_height: pane.height.saturating_sub(2),
        }
    }
}

/// The article as this frame shows it: the layout at the pane's width and the place of
/// the first line in it.
struct View<'a> {
    layout: &'a Layout,
    top: Pos,
}

impl View<'_> {
    /// The last line on screen, in a pane of `h` rows (the text's last when the view
    /// goes past it).
    fn bottom(&self, text: &str, h: usize) -> Pos {
        self.layout.scroll(text, self.top, h.max(1) as isize - 1)
    }
}

/// Draws the whole screen.
pub fn draw(app: &App, keymap: &Keymap, frame: &mut Frame) {
    let area = frame.area();
    let pal = app.settings().palette();
    let a = areas_for(area, &app.settings().view);
    // Normally the app has wrapped for this size; a caller that skipped the resize still
    // gets a right picture, at the cost of wrapping what is on screen now.
    let fresh;
    let view = match a.article_text {
        Some(r) if r.width.max(1) != app.layout().width() => {
            let text = &app.article().text;
            let mut layout = app.layout().at_width(r.width.max(1));
            layout.count(text, super::app::COUNT_AT_ONCE);
            let top = layout.pos_of(text, app.top_offset());
            fresh = layout;
            View { layout: &fresh, top }
        }
        _ => View { layout: app.layout(), top: app.top() },
    };
    let layout = view.layout;
    match a.mode {
        Mode::TooSmall => {
            let msg = format!(
                "Terminal too small: {}×{}, whosaid needs at least {}×{}. Enlarge it, or q to quit.",
                area.width, area.height, MIN_SIZE.0, MIN_SIZE.1
            );
            frame.render_widget(Paragraph::new(msg).wrap(Wrap { trim: true }), area);
            return;
        }
        Mode::Wide { actors, mentions, article, quotes } => {
            draw_actors(app, &pal, frame, actors);
            draw_mentions(app, layout, &pal, frame, mentions);
            draw_article(app, &view, &pal, frame, article);
            draw_quotes(app, &pal, frame, quotes);
        }
        Mode::Narrow { tabs, pane } => {
            let titles = Pane::ORDER.iter().map(|p| p.title());
            let sel = Pane::ORDER.iter().position(|&p| p == app.focus());
            frame.render_widget(
                Tabs::new(titles)
                    .select(sel)
                    .highlight_style(pal.focus.add_modifier(Modifier::REVERSED)),
                tabs,
            );
            match app.focus() {
                Pane::Actors => draw_actors(app, &pal, frame, pane),
                Pane::Mentions => draw_mentions(app, layout, &pal, frame, pane),
                Pane::Article => draw_article(app, &view, &pal, frame, pane),
                Pane::Quotes => draw_quotes(app, &pal, frame, pane),
            }
        }
    }
    draw_status(app, &view, &pal, frame, a.status);
    super::corrections::draw(app, &pal, frame, area);
    if app.help_open() {
        draw_help(keymap, app.help_scroll(), &pal, frame, area);
    }
}

/// The rows of a list that are on screen: a page containing the selection, so the list
/// only moves when the selection leaves it, and only visible rows are built.
pub fn window(sel: usize, n: usize, height: usize) -> std::ops::Range<usize> {
    let h = height.max(1);
    let start = (sel / h) * h;
    start.min(n)..(start + h).min(n)
}

fn draw_list(
    frame: &mut Frame,
    area: Rect,
    block: Block<'static>,
    rows: Vec<ListItem<'_>>,
    sel: Option<usize>,
    focused: bool,
) {
    let hl = if focused {
        Style::new().add_modifier(Modifier::REVERSED)
    } else {
        Style::new().add_modifier(Modifier::UNDERLINED)
    };
    let list = List::new(rows).block(block).highlight_style(hl);
    let mut state = ListState::default().with_selected(sel);
    frame.render_stateful_widget(list, area, &mut state);
}

fn draw_actors(app: &App, pal: &Palette, frame: &mut Frame, area: Rect) {
    let filter = match app.filter() {
        None => String::new(),
        Some(k) => format!(" ({})", k.as_str()),
    };
    let title = format!("Actors {}{filter}", app.actor_rows().len());
    let block = pane_block(title, app.focus() == Pane::Actors, pal);
    let h = usize::from(area.height.saturating_sub(2));
    let win = window(app.actor_sel(), app.actor_rows().len(), h);
    let cells = usize::from(area.width.saturating_sub(2));
    let rows = app.actor_rows()[win.clone()]
        .iter()
        .map(|&id| {
            let a = &app.analysis().actors[id];
            // The name gives way so that the kind and the count stay in view.
            // A kind the model was unsure of says so with a dim "?", not as a fact.
            let doubt = if a.unsure { "?" } else { "" };
            let tail = format!(" {}{doubt} {}", kind_label(a.kind), a.mentions.len());
            let name = truncate(&one_line(&a.name), cells.saturating_sub(tail.width()).max(4));
            let pad = cells.saturating_sub(name.width() + tail.width());
            ListItem::new(Line::from(vec![
                TextSpan::styled(name, pal.kind(a.kind)),
                TextSpan::raw(" ".repeat(pad)),
                TextSpan::styled(tail, pal.dim),
            ]))
        })
        .collect();
    let sel = (!app.actor_rows().is_empty()).then(|| app.actor_sel() - win.start);
    draw_list(frame, area, block, rows, sel, app.focus() == Pane::Actors);
}

/// The text around a span on its line, for the Mentions pane: up to `before` bytes
/// before and `after` bytes after, never across a line break.
fn context(text: &str, span: Span, before: usize, after: usize) -> (&str, &str, &str) {
    let mut a =
        text[..span.start].char_indices().rev().nth(before.saturating_sub(1)).map_or(0, |(i, _)| i);
    if before == 0 {
        a = span.start;
    }
    if let Some(nl) = text[a..span.start].rfind('\n') {
        a += nl + 1;
    } else if a > 0 && !text[..a].ends_with(char::is_whitespace) {
        // Cut inside a word: start at the next word instead.
        // N.B. The space may be wider than a byte (a no-break space, common on the web).
        if let Some((sp, c)) = text[a..span.start].char_indices().find(|(_, c)| c.is_whitespace()) {
            a += sp + c.len_utf8();
        }
    }
    let mut b = floor_boundary(text, (span.end + after).min(text.len()));
    if let Some(nl) = text[span.end..b].find('\n') {
        b = span.end + nl;
    }
    (&text[a..span.start], &text[span.range()], &text[span.end..b])
}

/// The kind as the Actors pane shows it: short, so names keep their room.
fn kind_label(kind: Kind) -> &'static str {
    match kind {
        Kind::Person => "person",
        Kind::Organization => "org",
        Kind::Place => "place",
    }
}

/// At most `cells` cells of `s`, with an ellipsis when cut.
fn truncate(s: &str, cells: usize) -> String {
    if s.width() <= cells {
        return s.to_owned();
    }
    let mut out = String::new();
    let mut w = 0;
    for g in unicode_segmentation::UnicodeSegmentation::graphemes(s, true) {
        w += g.width();
        if w + 1 > cells {
            break;
        }
        out.push_str(g);
    }
    out.push('…');
    out
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn draw_mentions(app: &App, layout: &Layout, pal: &Palette, frame: &mut Frame, area: Rect) {
    let ms = app.selected_mentions();
    let actor = app.selected_actor().map(|id| &app.analysis().actors[id]);
    let title = match actor {
        Some(a) => format!("Mentions of {} ({})", one_line(&a.name), ms.len()),
        None => "Mentions".to_owned(),
    };
    let block = pane_block(title, app.focus() == Pane::Mentions, pal);
    let h = usize::from(area.height.saturating_sub(2));
    let sel = app.mention_sel().unwrap_or(0);
    let win = window(sel, ms.len(), h);
    let style = actor.map_or(Style::new(), |a| pal.kind(a.kind));
    let text = &app.article().text;
    // A third of the row for the words before the mention, so the mention shows.
    let room = usize::from(area.width.saturating_sub(8) / 3);
    let rows = ms[win.clone()]
        .iter()
        .map(|m| {
            let (before, name, after) = context(text, m.span(), room, 80);
            let line = layout.line_of(text, m.start);
            let from = m.start - before.len();
            let cut = from > 0 && !text[..from].ends_with('\n');
            ListItem::new(Line::from(vec![
                TextSpan::styled(format!("{line:>4} "), pal.dim),
                TextSpan::styled(if cut { "…" } else { "" }, pal.dim),
                TextSpan::raw(one_line(before)),
                TextSpan::styled(one_line(name), style),
                TextSpan::raw(one_line(after)),
            ]))
        })
        .collect();
    let sel = app.mention_sel().map(|s| s - win.start);
    draw_list(frame, area, block, rows, sel, app.focus() == Pane::Mentions);
}

/// A row of the Quotes pane: a speaker's heading (None: the quotes with no speaker),
/// or one of the lines of a quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteRow {
    Speaker(Option<ActorId>),
    Quote(usize),
}

/// Lines a quote takes in the Quotes pane at most; a longer one ends in "…".
pub const QUOTE_LINES: usize = 5;

/// Where the Quotes pane is on the app's screen (the whole pane, border included), if
/// it is on screen or would be with the focus.
pub fn quotes_rect(app: &App) -> Option<Rect> {
    match areas_for(Rect::new(0, 0, app.size().0, app.size().1), &app.settings().view).mode {
        Mode::TooSmall => None,
        Mode::Wide { quotes, .. } => Some(quotes),
        Mode::Narrow { pane, .. } => Some(pane),
    }
}

/// Cells of quote text per line in a Quotes pane of this outer width: the border and
/// the two-cell gutter off.
fn quote_text_width(rect: Rect) -> usize {
    usize::from(rect.width.saturating_sub(4)).max(1)
}

/// A quote's text wrapped to `width` cells, at most [`QUOTE_LINES`] lines, the last cut
/// with "…" when the quote goes on; then its cue word (dim), on the last line when it
/// fits there, else on a line of its own while the limit allows. `more`: the quote
/// goes on past `words`.
fn quote_lines(
    words: &str,
    more: bool,
    cue: Option<&str>,
    width: usize,
) -> (Vec<String>, Option<String>) {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut cut = more;
    let push = |lines: &mut Vec<String>, line: &mut String| lines.push(std::mem::take(line));
    'words: for word in words.split(' ').filter(|w| !w.is_empty()) {
        let w = word.width();
        if !line.is_empty() && line.width() + 1 + w > width {
            push(&mut lines, &mut line);
            if lines.len() == QUOTE_LINES {
                cut = true;
                break;
            }
        }
        if !line.is_empty() {
            line.push(' ');
        }
        if w <= width {
            line.push_str(word);
            continue;
        }
        // A word wider than the pane (a URL) is broken at grapheme boundaries.
        for g in unicode_segmentation::UnicodeSegmentation::graphemes(word, true) {
            if line.width() + g.width() > width {
                push(&mut lines, &mut line);
                if lines.len() == QUOTE_LINES {
                    cut = true;
                    break 'words;
                }
            }
            line.push_str(g);
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    if cut && let Some(last) = lines.last_mut() {
        while last.width() + 1 > width && last.pop().is_some() {}
        last.push('…');
    }
    let Some(cue) = cue.map(one_line).filter(|c| !c.is_empty()) else { return (lines, None) };
    let last_w = lines.last().map_or(0, |l| l.width());
    if !lines.is_empty() && last_w + 1 + cue.width() <= width {
        return (lines, Some(format!(" {cue}")));
    }
    if lines.len() < QUOTE_LINES {
        lines.push(String::new());
        return (lines, Some(truncate(&cue, width)));
    }
    (lines, None)
}

/// A quote's lines in the pane, text and cue, as [`quote_lines`] makes them.
///
/// N.B. Only the start of the quote is read, as much as the lines can hold: a quote left
/// open by a stray quotation mark may run for megabytes, and a frame must not.
fn quote_of(app: &App, i: usize, width: usize) -> (Vec<String>, Option<String>) {
    let q = &app.analysis().quotes[i];
    let text = &app.article().text;
    let room = (width + 1) * QUOTE_LINES * 4 + 16;
    let end = floor_boundary(text, q.end.min(q.start.saturating_add(room)).min(text.len()));
    let words = one_line(text.get(q.start..end).unwrap_or(""));
    quote_lines(words.trim(), end < q.end, q.cue.as_deref(), width)
}

fn quote_height(app: &App, i: usize, width: usize) -> usize {
    quote_of(app, i, width).0.len().max(1)
}

/// The first quote (a place in [`super::app::QuoteOrder`]) the Quotes pane shows so
/// that `anchor` is on it: the pane's scroll moves only as far as the anchor needs.
/// Measures only the quotes between the old top and the anchor, a page at most.
pub fn quotes_top(app: &App, anchor: usize) -> usize {
    let order = app.quote_order();
    let n = order.order.len();
    let Some(rect) = quotes_rect(app).filter(|_| n > 0) else { return 0 };
    let (w, h) = (quote_text_width(rect), usize::from(rect.height.saturating_sub(2)).max(1));
    let s = order.pos.get(anchor).copied().unwrap_or(0).min(n - 1);
    let top = app.quotes_top().min(n - 1);
    if s < top {
        return s;
    }
    // The rows from `top` down to the end of the anchor: the heading on top, each
    // quote's lines, a heading where a speaker's quotes begin.
    let mut rows = 1;
    for p in top..=s {
        rows += quote_height(app, order.order[p], w) + usize::from(p > top && order.starts(p));
        if rows > h {
            break;
        }
    }
    if rows <= h {
        return top;
    }
    // Too far down: the highest top that still shows the anchor whole.
    let mut p = s;
    let mut rows = 1 + quote_height(app, order.order[s], w);
    while p > 0 {
        let more = quote_height(app, order.order[p - 1], w) + usize::from(order.starts(p));
        if rows + more > h {
            break;
        }
        rows += more;
        p -= 1;
    }
    p
}

/// The Quotes pane's rows on screen, for a pane of `rect`, from the app's scroll: each
/// row what it shows (for clicks) and its line.
pub fn quote_page(app: &App, rect: Rect, pal: &Palette) -> Vec<(QuoteRow, Line<'static>)> {
    let order = app.quote_order();
    let n = order.order.len();
    let (w, h) = (quote_text_width(rect), usize::from(rect.height.saturating_sub(2)));
    let mut rows: Vec<(QuoteRow, Line<'static>)> = Vec::with_capacity(h);
    if n == 0 {
        return rows;
    }
    let top = quotes_top(app, app.quotes_anchor());
    let focused = app.focus() == super::app::Pane::Quotes;
    let hl = if focused {
        Style::new().add_modifier(Modifier::REVERSED)
    } else {
        Style::new().add_modifier(Modifier::UNDERLINED)
    };
    let here = app.current_quote();
    let cells = usize::from(rect.width.saturating_sub(2));
    for p in top..n {
        if rows.len() >= h {
            break;
        }
        let i = order.order[p];
        let speaker = app.analysis().quotes[i].speaker;
        if p == top || order.starts(p) {
            rows.push((QuoteRow::Speaker(speaker), heading(app, speaker, cells, pal)));
        }
        let (lines, cue) = quote_of(app, i, w);
        let last = lines.len().saturating_sub(1);
        let selected = i == app.quote_sel();
        for (k, text) in lines.into_iter().enumerate() {
            if rows.len() >= h {
                break;
            }
            // The quote the reading position is in, or last passed.
            let gutter = match (k, here == Some(i)) {
                (0, true) => TextSpan::styled("› ", pal.focus),
                _ => TextSpan::raw("  "),
            };
            let mut spans = vec![gutter, TextSpan::styled(text, pal.quote)];
            if k == last
                && let Some(c) = &cue
            {
                spans.push(TextSpan::styled(c.clone(), pal.dim));
            }
            let mut line = Line::from(spans);
            if selected {
                let used = line.width();
                line.spans.push(TextSpan::raw(" ".repeat(cells.saturating_sub(used))));
                line = line.patch_style(hl);
            }
            rows.push((QuoteRow::Quote(i), line));
        }
    }
    rows
}

/// A speaker's heading in the Quotes pane: the name in its kind's colour and the count
/// of their quotes, dim ("Vladimir Putin · 4"); "no speaker" for the rest.
fn heading(app: &App, speaker: Option<ActorId>, cells: usize, pal: &Palette) -> Line<'static> {
    let order = app.quote_order();
    let (name, style, count) = match speaker.and_then(|id| app.analysis().actors.get(id)) {
        Some(a) => (one_line(&a.name), pal.kind(a.kind), order.counts.get(a.id).copied()),
        None => ("no speaker".to_owned(), pal.dim, Some(order.unattributed)),
    };
    let count = format!(" · {}", count.unwrap_or(0));
    let name = truncate(&name, cells.saturating_sub(count.width()).max(4));
    Line::from(vec![TextSpan::styled(name, style), TextSpan::styled(count, pal.dim)])
}

fn draw_quotes(app: &App, pal: &Palette, frame: &mut Frame, area: Rect) {
    let qs = &app.analysis().quotes;
    let speakers = app.quote_order().counts.iter().filter(|&&c| c > 0).count();
    let people = if speakers == 1 { "speaker" } else { "speakers" };
    let title = format!("Quotes {} · {speakers} {people}", qs.len());
    let block = pane_block(title, app.focus() == Pane::Quotes, pal);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let lines: Vec<Line<'static>> = quote_page(app, area, pal).into_iter().map(|r| r.1).collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// Spans of a sorted, non-overlapping list that touch `range`, by binary search.
fn touching<T>(items: &[T], span_of: impl Fn(&T) -> Span, range: std::ops::Range<usize>) -> &[T] {
    let first = items.partition_point(|t| span_of(t).end <= range.start);
    let rest = &items[first..];
    let n = rest.partition_point(|t| span_of(t).start < range.end);
    &rest[..n]
}

/// One visual line of the article, styled piece by piece.
///
/// `who`: the words saying who said the current quote, drawn underlined.
fn article_line<'a>(app: &'a App, line: layout::Line, who: &[Span], pal: &Palette) -> Line<'a> {
    let text = &app.article().text;
    let r = line.range();
    if r.is_empty() {
        return Line::default();
    }
    let mentions = touching(app.mention_index(), |m| m.0, r.clone());
    let quotes = touching(&app.analysis().quotes, |q| q.span(), r.clone());
    let matches = touching(&app.search().matches, |s| *s, r.clone());
    let links = touching(&app.article().links, |l| Span::new(l.start, l.end), r.clone());
    let mut cuts = vec![r.start, r.end];
    let mark = app.mark().filter(|m| m.start < r.end && r.start < m.end);
    let all = mentions
        .iter()
        .map(|m| m.0)
        .chain(quotes.iter().map(|q| q.span()))
        .chain(matches.iter().copied())
        .chain(links.iter().map(|l| Span::new(l.start, l.end)))
        .chain(mark)
        .chain(who.iter().copied());
    for s in all {
        cuts.push(s.start.clamp(r.start, r.end));
        cuts.push(s.end.clamp(r.start, r.end));
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut col = 0;
    let mut spans = Vec::with_capacity(cuts.len());
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let Some(piece) = text.get(a..b) else { continue };
        let inside = |s: Span| s.start <= a && a < s.end;
        let mut style = Style::new();
        if quotes.iter().any(|q| inside(q.span())) {
            style = style.patch(pal.quote);
        }
        // Over a quote's colour (its italics stay); under a name's, whose colour wins
        // and keeps the underline, so a linked name reads as both.
        if links.iter().any(|l| inside(Span::new(l.start, l.end))) {
            style = style.patch(pal.link);
        }
        if let Some(&(_, id)) = mentions.iter().find(|m| inside(m.0)) {
            if let Some(actor) = app.analysis().actors.get(id) {
                style = style.patch(pal.kind(actor.kind));
            }
        }
        if matches.iter().any(|&s| inside(s)) {
            style = style.patch(pal.matched);
        }
        if mark.is_some_and(inside) {
            style = style.patch(pal.mark);
        }
        if who.iter().any(|&s| inside(s)) {
            style = style.add_modifier(Modifier::UNDERLINED | Modifier::BOLD);
        }
        let shown: Cow<'_, str> = layout::sanitize_at(piece, col);
        col += shown.width();
        spans.push(TextSpan::styled(shown, style));
    }
    Line::from(spans)
}

fn draw_article(app: &App, view: &View, pal: &Palette, frame: &mut Frame, area: Rect) {
    let title = match &app.article().title {
        Some(t) => one_line(t),
        None => one_line(&app.article().source),
    };
    let block = article_block(title, app.focus() == Pane::Article, pal);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if app.article().text.trim().is_empty() {
        // Say so rather than show a blank pane that looks like a failure to draw.
        let msg = app.article().notes.first().map_or("the article is empty", |n| n.as_str());
        let line = Line::styled(format!("Nothing to read: {}.", one_line(msg)), pal.dim);
        frame.render_widget(Paragraph::new(line).wrap(Wrap { trim: true }), inner);
        return;
    }
    let h = usize::from(inner.height);
    let who: Vec<Span> = app
        .attribution()
        .map_or(Vec::new(), |a| [Some(a.name), a.cue].into_iter().flatten().collect());
    // Only the lines on screen are wrapped (the app has them at hand) and styled.
    let lines: Vec<Line<'_>> = view
        .layout
        .lines_from(&app.article().text, view.top)
        .take(h)
        .map(|line| article_line(app, line, &who, pal))
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

fn draw_status(app: &App, view: &View, pal: &Palette, frame: &mut Frame, area: Rect) {
    if let Some(input) = &app.search().input {
        let parts = vec![
            TextSpan::styled(format!("/{}▏", one_line(input)), pal.focus),
            TextSpan::styled(" │ ", pal.dim),
            TextSpan::styled("Enter search, Esc cancel", pal.dim),
        ];
        frame.render_widget(Paragraph::new(Line::from(parts)), area);
        return;
    }
    // Each part with its rank: 0 is never left out (where the reader is, the jump
    // counters, "? help"); the others give way in rank order when the line is short,
    // the last one that fits in part cut with "…". The title is not repeated here: the
    // article's border shows it.
    let mut parts: Vec<(u8, String, Style)> = Vec::new();
    // Where counting has not reached, the numbers are estimates and say so with `~`,
    // and the share read is of the bytes, which is exact.
    let (layout, text) = (view.layout, &app.article().text);
    let n = layout.total();
    let bottom = view.bottom(text, app.view_height());
    let read = if n.exact {
        (layout.line_no(bottom).n + 1).min(n.n) * 100 / n.n
    } else {
        let end = layout.line(text, bottom).map_or(0, |l| l.end) as u64;
        (end * 100 / text.len().max(1) as u64) as usize
    };
    let total = if n.exact { n.n.to_string() } else { format!("~{}", n.n) };
    let here = layout.line_no(view.top);
    parts.push((0, format!("line {here}/{total} {read}%"), Style::new()));
    // Where the article is on the web (`o` opens it).
    let url = crate::source::web::url_of(app.article());
    if let Some(url) = url {
        parts.push((3, one_line(url), pal.dim.add_modifier(Modifier::UNDERLINED)));
    }
    if app.search().is_on() {
        let i = app.search().current.map_or("–".to_owned(), |i| (i + 1).to_string());
        let q = one_line(&app.search().query);
        parts.push((0, format!("match {i}/{} \"{q}\"", app.search().matches.len()), pal.matched));
    }
    let qs = &app.analysis().quotes;
    let jumped = qs.get(app.quote_sel()).is_some_and(|q| app.mark() == Some(q.span()));
    if let Some(q) = qs.get(app.quote_sel()).filter(|_| jumped || app.attribution().is_some()) {
        let who = q.speaker.and_then(|id| app.analysis().actors.get(id));
        let mut by = who.map_or(String::new(), |a| format!(" by {}", one_line(&a.name)));
        // The words that say who said it are elsewhere: say where.
        if let (Some(a), false) = (app.attribution(), by.is_empty()) {
            let at = layout.pos_of(text, a.name.start);
            let on_screen = view.top <= at && at <= bottom;
            let line = layout.line_no(at);
            let (from, to) = (a.name.start.min(q.start), a.name.end.max(q.end));
            let apart = text.get(from..to).is_some_and(|t| t.contains("\n\n"));
            if apart || !on_screen {
                by = format!(" said{by}, line {line}");
            }
        }
        parts.push((0, format!("quote {}/{}{by}", app.quote_sel() + 1, qs.len()), pal.quote));
    }
    if let Some(id) = app.selected_actor() {
        let a = &app.analysis().actors[id];
        let i = app.mention_sel().map_or("–".to_owned(), |i| (i + 1).to_string());
        let name = one_line(&a.name);
        parts.push((0, format!("mention {i}/{} · {name}", a.mentions.len()), pal.kind(a.kind)));
    }
    // The link at hand, with where it goes: untrusted text, made one safe line.
    // After the mention, whose name gives way first on a narrow line (the address is
    // what the user asked to see).
    if let Some((i, link)) = app.current_link() {
        let n = app.article().links.len();
        parts.push((0, format!("link {}/{n} · {}", i + 1, one_line(&link.href)), pal.link));
    }
    // What the loader had to say (invalid UTF-8 read lossily, an empty file).
    for note in &app.article().notes {
        parts.push((1, one_line(note), pal.matched));
    }
    parts.push((0, "? help".to_owned(), pal.dim));
    for m in &app.article().meta {
        if !(url.is_some() && m.starts_with("URL:")) {
            parts.push((4, one_line(m), pal.dim));
        }
    }
    let shown = fit_status(&parts, usize::from(area.width));
    let mut line: Vec<TextSpan<'_>> = Vec::new();
    for (k, text) in shown {
        if !line.is_empty() {
            line.push(TextSpan::styled(" │ ", pal.dim));
        }
        line.push(TextSpan::styled(text, parts[k].2));
    }
    frame.render_widget(Paragraph::new(Line::from(line)), area);
}

/// Which status parts fit in `width` cells, in their order, each with the text shown:
/// every rank-0 part, then the others by rank while they fit, the first that does not
/// cut to the room left (when there is room for a few letters) and the rest left out.
fn fit_status(parts: &[(u8, String, Style)], width: usize) -> Vec<(usize, String)> {
    const SEP: usize = 3;
    let cost = |t: &str| t.width() + SEP;
    let mut used: usize = parts.iter().filter(|p| p.0 == 0).map(|p| cost(&p.1)).sum();
    let mut text: Vec<Option<String>> =
        parts.iter().map(|p| (p.0 == 0).then(|| p.1.clone())).collect();
    let mut order: Vec<usize> = (0..parts.len()).filter(|&k| parts[k].0 > 0).collect();
    order.sort_by_key(|&k| (parts[k].0, k));
    for k in order {
        let room = width.saturating_sub(used);
        if cost(&parts[k].1) <= room {
            used += cost(&parts[k].1);
            text[k] = Some(parts[k].1.clone());
        } else {
            if room >= SEP + 6 {
                text[k] = Some(truncate(&parts[k].1, room - SEP));
            }
            break;
        }
    }
    // Still too wide: the names after a counter ("quote 2/8 by …", "mention 3/11 · …")
    // are cut, never the counters.
    let mut over = used.saturating_sub(width);
    for (k, t) in text.iter_mut().enumerate() {
        let Some(t) = t.as_mut().filter(|_| over > 0 && parts[k].0 == 0) else { continue };
        let Some(cut) = [" · ", " by "].iter().find_map(|m| t.find(m).map(|i| (i, m.len())))
        else {
            continue;
        };
        let w = t.width();
        // A few letters of the name and "…", or, with no room for those, no name.
        let to = w.saturating_sub(over);
        *t = if to >= t[..cut.0 + cut.1].width() + 4 {
            truncate(t, to)
        } else {
            t[..cut.0].to_owned()
        };
        over = over.saturating_sub(w - t.width());
    }
    text.into_iter().enumerate().filter_map(|(k, t)| Some((k, t?))).collect()
}

/// Where the help overlay goes on a screen, for `n` bindings: one column, or two when
/// one does not fit and the screen is wide enough.
#[derive(Debug, Clone, Copy)]
pub struct HelpFit {
    pub rect: Rect,
    pub two: bool,
    pub per_col: usize,
    /// Rows of bindings on screen.
    pub visible: usize,
}

impl HelpFit {
    pub fn new(area: Rect, n: usize) -> HelpFit {
        let fits = usize::from(area.height.saturating_sub(4));
        let two = n > fits && area.width >= 70;
        let per_col = if two { n.div_ceil(2) } else { n };
        let w = area.width.saturating_sub(2).min(if two { 100 } else { 50 });
        let h = area.height.saturating_sub(2).min(u16::try_from(per_col + 2).unwrap_or(u16::MAX));
        let [r] = area.layout(
            &ratatui::layout::Layout::horizontal([Constraint::Length(w)]).flex(Flex::Center),
        );
        let [rect] = r
            .layout(&ratatui::layout::Layout::vertical([Constraint::Length(h)]).flex(Flex::Center));
        HelpFit { rect, two, per_col, visible: usize::from(h.saturating_sub(2)) }
    }

    /// How far the help scrolls: not at all when it fits.
    pub fn max_scroll(&self) -> usize {
        self.per_col.saturating_sub(self.visible)
    }
}

/// The help overlay, generated from the keymap; in two columns when one does not fit,
/// and scrolled by `scroll` rows when two do not fit either.
pub(crate) fn draw_help(
    keymap: &Keymap,
    scroll: usize,
    pal: &Palette,
    frame: &mut Frame,
    area: Rect,
) {
    let help = keymap.help_rows();
    let key_w = help.iter().map(|(keys, _)| one_line(keys).width() + 1).max().unwrap_or(1);
    let rows: Vec<Line<'_>> = help
        .into_iter()
        .map(|(keys, what)| {
            Line::from(vec![
                TextSpan::styled(format!("{:<key_w$}", one_line(&keys)), pal.focus),
                TextSpan::raw(what),
            ])
        })
        .collect();
    let fit = HelpFit::new(area, rows.len());
    let scroll = scroll.min(fit.max_scroll());
    let title = if fit.max_scroll() == 0 {
        "Keys (any key closes)".to_owned()
    } else {
        let last = (scroll + fit.visible).min(fit.per_col);
        format!("Keys {}–{last} of {} (j/k scroll, any other key closes)", scroll + 1, fit.per_col)
    };
    frame.render_widget(Clear, fit.rect);
    let block = Block::bordered().title(title).border_style(pal.focus);
    let inner = block.inner(fit.rect);
    frame.render_widget(block, fit.rect);
    let mut left = rows;
    let right = left.split_off(fit.per_col.min(left.len()));
    let column = |rows: Vec<Line<'static>>| Paragraph::new(rows).scroll((scroll as u16, 0));
    if fit.two {
        let [a, b] =
            inner.layout(&ratatui::layout::Layout::horizontal([Constraint::Fill(1); 2]).spacing(1));
        frame.render_widget(column(left), a);
        frame.render_widget(column(right), b);
    } else {
        frame.render_widget(column(left), inner);
    }
}

#[cfg(test)]
mod quote_line_tests {
    use super::*;

    #[test]
    fn a_quote_wraps_whole_then_ends_in_an_ellipsis_with_its_cue_after() {
        let (lines, cue) = quote_lines("\"We will not retreat,\"", false, Some("said"), 27);
        assert_eq!(
            (lines, cue.as_deref()),
            (vec!["\"We will not retreat,\"".to_owned()], Some(" said"))
        );
        let long = "word ".repeat(40);
        let (lines, cue) = quote_lines(long.trim(), false, Some("according to"), 12);
        assert_eq!(lines.len(), QUOTE_LINES);
        assert!(lines.iter().all(|l| l.width() <= 12), "{lines:?}");
        assert!(lines[QUOTE_LINES - 1].ends_with('…'), "{lines:?}");
        // No room left for the cue on the last line nor for a line of its own.
        assert_eq!(cue, None);
        // A cue that does not fit on the last line gets its own.
        let (lines, cue) = quote_lines("\"aaaa bbbb cc\"", false, Some("said"), 14);
        assert_eq!((lines.len(), cue.as_deref()), (2, Some("said")));
        // A word wider than the pane is broken; a quote read only in part ends in "…".
        let (lines, _) = quote_lines(&"x".repeat(30), true, None, 10);
        assert_eq!(lines, ["x".repeat(10), "x".repeat(10), format!("{}…", "x".repeat(9))]);
    }
}

#[cfg(test)]
mod status_tests {
    use super::*;

    fn parts() -> Vec<(u8, String, Style)> {
        let p = |r: u8, t: &str| (r, t.to_owned(), Style::new());
        vec![
            p(0, "line 12/300 8%"),
            p(3, "https://example.org/news/a-very-long-path-to-the-story"),
            p(0, "mention 3/11 · Vladimir Putin"),
            p(0, "? help"),
            p(4, "Author: Ana Ruiz"),
            p(4, "Date: 2015-07-24 09:30"),
        ]
    }

    fn line(width: usize) -> String {
        let shown = fit_status(&parts(), width);
        shown.into_iter().map(|(_, t)| t).collect::<Vec<_>>().join(" │ ")
    }

    #[test]
    fn the_position_counter_and_help_are_never_cut_from_40_to_200_columns() {
        for width in 40..=200 {
            let l = line(width);
            for must in ["line 12/300 8%", "mention 3/11", "? help"] {
                assert!(l.contains(must), "{width}: {l}");
            }
            // The counters and "? help" alone take 38 cells with their separators.
            assert!(l.width() <= width, "{width}: {l}");
            assert!(width < 60 || l.contains("mention 3/11 · Vladimir Putin"), "{width}: {l}");
        }
    }

    #[test]
    fn metadata_gives_way_first_then_the_url_is_cut() {
        let wide = line(200);
        assert!(wide.contains("Author: Ana Ruiz") && wide.contains("Date: 2015"), "{wide}");
        let mid = line(100);
        assert!(mid.contains("https://example.org") && !mid.contains("Date:"), "{mid}");
        let narrow = line(70);
        assert!(narrow.contains('…') && !narrow.contains("Author"), "{narrow}");
        assert!(line(56).ends_with("? help"), "{}", line(56));
    }
}
