//! The reader's state and the one pure function that changes it.
//!
//! [`update`] takes an [`Action`] and does no I/O and no drawing, so any key sequence is
//! a unit test; the run loop only turns key events into actions and draws. The app keeps
//! the analysis as the analyser made it: selections are indices into it and every jump
//! is a lookup or a binary search over its sorted spans.

use super::corrections::{Correcting, Prompt, Request};
use super::ui;
use crate::analysis::{ActorId, Analysis, Kind, Mention, Span};
pub use crate::config::keymap::Action;
use crate::source::Article;
use crate::store::places::Place;
use crate::text_layout::{Layout, Pos};
use ratatui::layout::{Position, Rect};

/// The panes that take the focus, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Actors,
    Mentions,
    Article,
    Quotes,
}

impl Pane {
    pub const ORDER: [Pane; 4] = [Pane::Actors, Pane::Mentions, Pane::Article, Pane::Quotes];

    pub fn title(self) -> &'static str {
        match self {
            Pane::Actors => "Actors",
            Pane::Mentions => "Mentions",
            Pane::Article => "Article",
            Pane::Quotes => "Quotes",
        }
    }

    fn step(self, by: isize) -> Pane {
        let i = Pane::ORDER.iter().position(|&p| p == self).unwrap_or(0) as isize;
        Pane::ORDER[(i + by).rem_euclid(Pane::ORDER.len() as isize) as usize]
    }
}

/// A search of the article: what is being typed, and the matches of the last query.
#[derive(Debug, Clone, Default)]
pub struct Search {
    /// Some while the user types the query.
    pub input: Option<String>,
    pub query: String,
    pub matches: Vec<Span>,
    /// The match jumped to last.
    pub current: Option<usize>,
}

impl Search {
    /// n / N move between matches while this is true (until Esc).
    pub fn is_on(&self) -> bool {
        !self.query.is_empty()
    }
}

/// The order of the Quotes pane, as the quote sheet has it: by speaker, in order of
/// their first quote, the quotes with no speaker last. Made once per analysis, so a
/// frame never sorts.
#[derive(Debug, Clone, Default)]
pub struct QuoteOrder {
    /// Quote indices in the pane's order.
    pub order: Vec<usize>,
    /// Each quote's place in `order`.
    pub pos: Vec<usize>,
    /// Quotes per actor (by id).
    pub counts: Vec<usize>,
    /// Quotes with no speaker.
    pub unattributed: usize,
    /// Whether the quote at each place is its speaker's first.
    first: Vec<bool>,
}

impl QuoteOrder {
    pub fn new(analysis: &Analysis) -> QuoteOrder {
        let order = crate::quotesheet::grouped(&analysis.quotes);
        let mut pos = vec![0; order.len()];
        for (p, &i) in order.iter().enumerate() {
            pos[i] = p;
        }
        let mut counts = vec![0; analysis.actors.len()];
        let mut unattributed = 0;
        for q in &analysis.quotes {
            match q.speaker.and_then(|id| counts.get_mut(id)) {
                Some(c) => *c += 1,
                None => unattributed += 1,
            }
        }
        let speaker = |p: usize| analysis.quotes[order[p]].speaker;
        let first = (0..order.len()).map(|p| p == 0 || speaker(p) != speaker(p - 1)).collect();
        QuoteOrder { order, pos, counts, unattributed, first }
    }

    /// Whether the quote at place `p` is the first of its speaker's.
    pub fn starts(&self, p: usize) -> bool {
        self.first.get(p).copied().unwrap_or(false)
    }
}

/// The words in the article that say who said a quote: the words naming the speaker
/// with the cue when they stand together ("said Bolden", "Ana Ruiz told"), and the cue
/// apart when it stands elsewhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attribution {
    pub quote: usize,
    pub name: Span,
    pub cue: Option<Span>,
}

/// The cue word nearest to the words naming the speaker, in the same paragraph, outside
/// the quote: at most 40 bytes away, a whole word, in any case.
fn cue_near(text: &str, cue: &str, name: Span, quote: Span) -> Option<Span> {
    let floor = |mut i: usize| {
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let from = floor(name.start.saturating_sub(40));
    let to = floor((name.end + 40).min(text.len()));
    let window = &text[from..to];
    let lower = window.to_lowercase();
    let cue = cue.to_lowercase();
    // N.B. Lower-casing may change byte lengths; then offsets would not map back, so
    // such a window is not searched (the name is still marked).
    if cue.is_empty() || lower.len() != window.len() {
        return None;
    }
    let word = |i: usize| !window[..i].ends_with(char::is_alphanumeric);
    let word_end = |i: usize| !window[i..].starts_with(char::is_alphanumeric);
    lower
        .match_indices(&cue)
        .filter(|(i, _)| word(*i) && word_end(i + cue.len()))
        .map(|(i, _)| Span::new(from + i, from + i + cue.len()))
        .filter(|c| !c.overlaps(quote) && !c.overlaps(name))
        .filter(|c| {
            let (a, b) =
                if c.start < name.start { (c.end, name.start) } else { (name.end, c.start) };
            !text[a.min(b)..b.max(a)].contains("\n\n")
        })
        .min_by_key(|c| if c.start < name.start { name.start - c.end } else { c.start - name.end })
}

/// Bytes of line counting a resize does at once: all of an ordinary article, so its
/// line numbers are exact from the first frame; a few milliseconds of a long one,
/// whose numbers are estimates (shown with `~`) until the idle loop has counted on.
pub const COUNT_AT_ONCE: usize = 256 * 1024;

/// Bytes counted per [`Action::Tick`] of the idle loop: a few milliseconds, so a key
/// pressed meanwhile waits no longer than that.
pub const COUNT_SLICE: usize = 1024 * 1024;

/// The help overlay: open or not, and how far it is scrolled.
#[derive(Debug, Clone, Copy, Default)]
struct Help {
    open: bool,
    /// Rows the overlay is scrolled by, on screens too small for all of it.
    scroll: usize,
}

/// The reader's whole state, private to this module: the run loop, the panes and the
/// Library read it through accessors and change it through [`update`] and the few
/// methods below that say what they do.
#[derive(Debug)]
pub struct App {
    article: Article,
    analysis: Analysis,
    /// Every mention, sorted by position, for colouring visible lines.
    mention_index: Vec<(Span, ActorId)>,
    /// The Quotes pane's order.
    quote_order: QuoteOrder,
    /// The first quote the Quotes pane shows (a place in `quote_order`): it scrolls as
    /// little as keeps the quote it shows on screen.
    quotes_top: usize,
    /// The Actors pane's rows: actor ids, most mentioned first, filtered by kind.
    actor_rows: Vec<ActorId>,
    filter: Option<Kind>,
    focus: Pane,
    actor_sel: usize,
    quote_sel: usize,
    /// The mention of the selected actor jumped to or selected in the Mentions pane.
    mention_sel: Option<usize>,
    /// The mention, quote or match jumped to last: drawn marked.
    mark: Option<Span>,
    /// The link of the text jumped to or clicked last; it is the one at hand (`o` opens
    /// it, the status line shows its address) while it is the mark.
    link_sel: Option<usize>,
    /// First visible line of the article: a place in a paragraph, not a line number,
    /// so that nothing above it need be wrapped and a resize keeps the paragraph.
    top: Pos,
    /// Terminal size.
    size: (u16, u16),
    /// Rows of article text on screen.
    view_height: usize,
    /// Rows of the list panes, for paging through them.
    list_height: usize,
    /// The article wrapped to the article pane's width, lazily: what is on screen and
    /// around it, and the line counts as far as they were counted. Made again only
    /// when the width changes.
    layout: Layout,
    help: Help,
    /// The Quotes pane, when not focused, follows the reading position (it shows the
    /// quote being read) until its selection is moved.
    quotes_follow: bool,
    search: Search,
    /// The user asked to leave; the run loop ends.
    quit: bool,
    /// The palette, wrap and pane widths, colour or not: fixed when the app is made.
    settings: crate::config::ViewSettings,
    /// The correction prompt and what it asked for (see `corrections`).
    correct: Correcting,
    /// What the last action did, or why it could not (a correction saved, a search
    /// that found nothing, a jump that went round the end); shown until the next key.
    notice: Option<String>,
    /// The web address the user asked to open, for the run loop (opening is I/O).
    open_request: Option<String>,
    /// Text the user asked to copy (`y`, `Y`) and what it is, for the run loop to send
    /// to the terminal's clipboard (writing is I/O).
    copy_request: Option<(String, String)>,
}

impl App {
    /// Whether keys are text being typed (a search, a correction's prompt) rather than
    /// commands.
    pub fn typing(&self) -> bool {
        self.search.input.is_some() || self.correct.typing()
    }

    /// Whether keys are the app's own just now (text being typed, the help open), so
    /// that q and Esc do not leave the article.
    pub fn holds_keys(&self) -> bool {
        self.typing() || self.help.open
    }

    /// Whether Esc has something to cancel in the article (a search, a mark, a
    /// correction waiting) before it goes back.
    pub fn has_something_to_cancel(&self) -> bool {
        self.search.is_on() || self.mark.is_some() || self.correct.waiting()
    }

    /// The article, as it was opened.
    pub fn article(&self) -> &Article {
        &self.article
    }

    /// The analysis the reader shows (checked against the text when it was given).
    pub fn analysis(&self) -> &Analysis {
        &self.analysis
    }

    /// Every mention, sorted by position, with its actor: for colouring visible lines.
    pub fn mention_index(&self) -> &[(Span, ActorId)] {
        &self.mention_index
    }

    /// The Quotes pane's order.
    pub fn quote_order(&self) -> &QuoteOrder {
        &self.quote_order
    }

    /// The first place of [`Self::quote_order`] the Quotes pane shows.
    pub fn quotes_top(&self) -> usize {
        self.quotes_top
    }

    /// The Actors pane's rows: actor ids, most mentioned first, filtered by kind.
    pub fn actor_rows(&self) -> &[ActorId] {
        &self.actor_rows
    }

    /// The kind the Actors pane shows, if it is filtered.
    pub fn filter(&self) -> Option<Kind> {
        self.filter
    }

    pub fn focus(&self) -> Pane {
        self.focus
    }

    /// Puts the focus on a pane, as a click on it does.
    pub fn focus_on(&mut self, pane: Pane) {
        self.focus = pane;
    }

    /// The row selected in the Actors pane.
    pub fn actor_sel(&self) -> usize {
        self.actor_sel
    }

    /// The quote selected in the Quotes pane (an index into the analysis's quotes).
    pub fn quote_sel(&self) -> usize {
        self.quote_sel
    }

    /// Selects a quote in the Quotes pane without jumping to it, as a click does.
    pub fn select_quote(&mut self, quote: usize) {
        self.quote_sel = quote;
    }

    /// The mention of the selected actor selected in the Mentions pane, if any.
    pub fn mention_sel(&self) -> Option<usize> {
        self.mention_sel
    }

    /// The mention, quote, link or match jumped to last: drawn marked.
    pub fn mark(&self) -> Option<Span> {
        self.mark
    }

    /// The link jumped to or clicked last (an index into the article's links).
    pub fn link_sel(&self) -> Option<usize> {
        self.link_sel
    }

    /// The terminal's size, as the last resize gave it.
    pub fn size(&self) -> (u16, u16) {
        self.size
    }

    /// Rows of article text on screen.
    pub fn view_height(&self) -> usize {
        self.view_height
    }

    /// Whether the Quotes pane follows the reading position (until its selection is
    /// moved).
    pub fn quotes_follow(&self) -> bool {
        self.quotes_follow
    }

    pub fn help_open(&self) -> bool {
        self.help.open
    }

    /// Opens or closes the help overlay, as ? and the key after it do.
    pub fn show_help(&mut self, open: bool) {
        self.help.open = open;
    }

    pub fn help_scroll(&self) -> usize {
        self.help.scroll
    }

    pub fn search(&self) -> &Search {
        &self.search
    }

    /// The palette, wrap and pane widths, colour or not, fixed when the app was made.
    pub fn settings(&self) -> &crate::config::ViewSettings {
        &self.settings
    }

    /// Whether the user asked to leave the article (or the reader).
    pub fn quitting(&self) -> bool {
        self.quit
    }

    /// The line shown over the status bar until the next key, if any.
    pub fn notice(&self) -> Option<&str> {
        self.notice.as_deref()
    }

    /// Says something on the notice line: what the run loop did for the app (a
    /// correction saved, a link opened), or why it could not.
    pub fn set_notice(&mut self, notice: impl Into<String>) {
        self.notice = Some(notice.into());
    }

    /// The correction prompt, while it is open.
    pub fn prompt(&self) -> Option<&Prompt> {
        self.correct.prompt()
    }

    /// The correction asked for and not yet taken by the run loop.
    pub fn correction_asked(&self) -> Option<&Request> {
        self.correct.request()
    }

    /// Whether a correction waits for the lexicon's lock (the run loop tries again).
    pub fn waiting(&self) -> bool {
        self.correct.waiting()
    }

    /// The correction asked for, for the run loop to write.
    pub fn take_correction(&mut self) -> Option<Request> {
        self.correct.take_request()
    }

    /// The lexicon is locked by another whosaid: the correction waits, the loop tries
    /// again, and the notice says so until Esc cancels it.
    pub fn wait_for_lock(&mut self, request: Request, notice: String) {
        self.correct.wait(request);
        self.notice = Some(notice);
    }

    /// The web address the user asked to open, for the run loop to open.
    pub fn take_open_request(&mut self) -> Option<String> {
        self.open_request.take()
    }

    /// The text the user asked to copy and what it is, for the run loop to send.
    pub fn take_copy_request(&mut self) -> Option<(String, String)> {
        self.copy_request.take()
    }

    /// An app for an article, drawn with `settings`; nothing is wrapped until the first
    /// [`Action::Resize`].
    pub fn new(
        article: Article,
        analysis: Analysis,
        settings: &crate::config::ViewSettings,
    ) -> App {
        let analysis = checked(analysis, &article.text);
        let mut article = article;
        let text = &article.text;
        article.links.retain(|l| l.start < l.end && text.get(l.range()).is_some());
        crate::analysis::sorted_apart(&mut article.links, |l| (l.start, l.end));
        // N.B. Before `article` moves into the app: the paragraphs are found now (one
        // pass), and wrapped when the first resize gives the width.
        let layout = Layout::new(&article.text, 0);
        let mut app = App {
            article,
            analysis,
            mention_index: Vec::new(),
            quote_order: QuoteOrder::default(),
            quotes_top: 0,
            actor_rows: Vec::new(),
            filter: None,
            focus: Pane::Article,
            actor_sel: 0,
            quote_sel: 0,
            mention_sel: None,
            mark: None,
            link_sel: None,
            top: Pos::default(),
            size: (0, 0),
            view_height: 0,
            list_height: 0,
            layout,
            help: Help::default(),
            quotes_follow: true,
            search: Search::default(),
            quit: false,
            settings: *settings,
            correct: Correcting::default(),
            notice: None,
            open_request: None,
            copy_request: None,
        };
        app.reindex();
        app.refilter(None);
        app
    }

    /// Rebuilds the indexes of the analysis: when it is made, and when a correction
    /// changes it.
    pub(crate) fn reindex(&mut self) {
        self.mention_index = self.analysis.mention_index();
        self.quote_order = QuoteOrder::new(&self.analysis);
    }

    /// Puts a new analysis of the same article in place (a correction saved, or one
    /// saved before an article of the Library is opened), keeping the reader's place:
    /// the scroll position, the kind filter, the focus and the mark stay; the selection
    /// follows the actor with a mention at `follow` (else the row it was on), and the
    /// quote selection its quote.
    pub fn reanalysed(&mut self, analysis: Analysis, follow: Option<usize>) {
        let row = self.actor_sel;
        let mention =
            self.mention_sel.and_then(|i| self.selected_mentions().get(i)).map(|m| m.span());
        let quote = self.analysis.quotes.get(self.quote_sel).map(|q| q.start);
        self.analysis = checked(analysis, &self.article.text);
        self.reindex();
        self.actor_rows.clear();
        self.refilter(self.filter);
        let at = |app: &App, off: usize| {
            let i = app.mention_index.partition_point(|m| m.0.end <= off);
            app.mention_index.get(i).filter(|m| m.0.contains(off)).map(|m| m.1)
        };
        match follow.and_then(|off| at(self, off)) {
            Some(id) => {
                if !self.actor_rows.contains(&id) {
                    self.refilter(None);
                }
                self.actor_sel = self.actor_rows.iter().position(|&r| r == id).unwrap_or(0);
                self.mention_sel = mention.and_then(|s| {
                    self.analysis.actors[id].mentions.iter().position(|m| m.span() == s)
                });
            }
            None => {
                self.actor_sel = row.min(self.actor_rows.len().saturating_sub(1));
                self.mention_sel = None;
            }
        }
        let n = self.analysis.quotes.len();
        self.quote_sel = quote
            .and_then(|s| self.analysis.quotes.iter().position(|q| q.start == s))
            .unwrap_or(self.quote_sel)
            .min(n.saturating_sub(1));
        self.top = self.top.min(self.max_top());
    }

    /// Gives an action to the correction prompt; true when it took it (see
    /// [`Correcting::update`]). The prompt reads the app and changes only itself and
    /// the notice.
    fn correction_key(&mut self, action: Action) -> bool {
        let mut correct = std::mem::take(&mut self.correct);
        let mut notice = self.notice.take();
        let took = correct.update(self, &mut notice, action);
        (self.correct, self.notice) = (correct, notice);
        took
    }

    /// Where the app is now, to save between runs. (Made here, not in the store: the
    /// store knows nothing of the reader.)
    pub fn place(&self) -> Place {
        let top = self.top_offset();
        let actor = self.selected_actor().map(|id| self.analysis.actors[id].name.clone());
        let quote = self.analysis.quotes.get(self.quote_sel).map(|q| q.start);
        let focus = Some(self.focus.title().to_owned());
        Place { top, actor, mention: self.mention_sel, quote, focus, seq: 0 }
    }

    /// Puts the app back at a saved place. Call it after the first resize, when the
    /// article is wrapped; anything that no longer fits the analysis (an actor renamed
    /// meanwhile, a quote gone) is skipped.
    pub fn restore(&mut self, place: &Place) {
        let pos = self.layout.pos_of(&self.article.text, place.top.min(self.article.text.len()));
        self.top = pos.min(self.max_top());
        if let Some(name) = &place.actor {
            let actors = &self.analysis.actors;
            if let Some(row) = self.actor_rows.iter().position(|&id| actors[id].name == *name) {
                self.actor_sel = row;
                let n = self.selected_mentions().len();
                self.mention_sel = place.mention.filter(|&m| m < n);
            }
        }
        if let Some(i) =
            place.quote.and_then(|s| self.analysis.quotes.iter().position(|q| q.start == s))
        {
            self.quote_sel = i;
        }
        if let Some(p) =
            place.focus.as_ref().and_then(|f| Pane::ORDER.iter().find(|p| p.title() == f))
        {
            self.focus = *p;
        }
    }

    /// Jumps to a quote, as Enter on it in the Quotes pane does.
    pub fn show_quote(&mut self, quote: usize) {
        self.focus = Pane::Quotes;
        self.quote_sel = quote;
        update(self, Action::Activate);
    }

    /// Jumps to a mention of an actor, as Enter on it in the Mentions pane does; every
    /// kind is listed, so the actor has a row.
    pub fn show_mention(&mut self, actor: ActorId, mention: usize) {
        self.refilter(None);
        if let Some(row) = self.actor_rows.iter().position(|&a| a == actor) {
            self.actor_sel = row;
        }
        self.focus = Pane::Mentions;
        self.mention_sel = Some(mention);
        update(self, Action::Activate);
    }

    /// The actor selected in the Actors pane, if the pane has any rows.
    pub fn selected_actor(&self) -> Option<ActorId> {
        self.actor_rows.get(self.actor_sel).copied()
    }

    /// The mentions of the selected actor.
    pub fn selected_mentions(&self) -> &[Mention] {
        match self.selected_actor() {
            Some(id) => &self.analysis.actors[id].mentions,
            None => &[],
        }
    }

    /// Largest useful `top`: the last line at the bottom of the view.
    pub fn max_top(&self) -> Pos {
        let text = &self.article.text;
        let end = self.layout.end(text);
        self.layout.scroll(text, end, 1 - self.view_height.max(1) as isize)
    }

    /// The layout of the article at the pane's width.
    pub fn layout(&self) -> &Layout {
        &self.layout
    }

    /// The first visible line, as a place.
    pub fn top(&self) -> Pos {
        self.top
    }

    /// The number (from 0) of the first visible line: exact once the layout has
    /// counted that far (all of any article up to [`COUNT_AT_ONCE`] at once).
    pub fn top_line(&self) -> usize {
        self.layout.line_no(self.top).n
    }

    /// The byte offset the first visible line starts at.
    pub fn top_offset(&self) -> usize {
        self.layout.start_of(&self.article.text, self.top)
    }

    /// The number (from 0) of the line that shows the byte at `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.layout.line_of(&self.article.text, offset).n
    }

    /// The last visible line, as a place (the last line of the text when the view
    /// goes past it).
    fn bottom(&self) -> Pos {
        let by = self.view_height.max(1) as isize - 1;
        self.layout.scroll(&self.article.text, self.top, by)
    }

    /// Whether a place is in the view.
    fn on_screen(&self, pos: Pos) -> bool {
        self.top <= pos && pos <= self.bottom()
    }

    /// Whether the article was ever laid out (the terminal was big enough for it).
    pub fn laid_out(&self) -> bool {
        self.layout.width() > 0
    }

    /// Whether line numbers are still being counted: the run loop gives the app
    /// [`Action::Tick`]s while it is idle until they are.
    pub fn counting(&self) -> bool {
        self.laid_out() && !self.layout.counted()
    }

    pub(crate) fn refilter(&mut self, filter: Option<Kind>) {
        let keep = self.selected_actor();
        self.filter = filter;
        let actors = &self.analysis.actors;
        let mut rows: Vec<ActorId> =
            actors.iter().filter(|a| filter.is_none_or(|k| a.kind == k)).map(|a| a.id).collect();
        // Most mentioned first; ties in order of first mention (the actors' own order).
        rows.sort_by_key(|&id| (std::cmp::Reverse(actors[id].mentions.len()), id));
        self.actor_rows = rows;
        let sel = keep.and_then(|id| self.actor_rows.iter().position(|&r| r == id));
        if sel != Some(self.actor_sel) || keep.is_none() {
            self.actor_sel = sel.unwrap_or(0);
            if sel.is_none() {
                self.mention_sel = None;
            }
        }
    }

    fn resize(&mut self, w: u16, h: u16) {
        self.size = (w, h);
        let areas = ui::areas_for(Rect::new(0, 0, w, h), &self.settings.view);
        // Too small to show the article: keep the layout we have rather than wrap a
        // long article to one column on the way through a resize.
        let Some(text) = areas.article_text else { return };
        let (aw, ah) = (text.width.max(1), text.height);
        self.view_height = usize::from(ah);
        self.list_height = usize::from(areas.list_height.max(1));
        if self.layout.width() != aw {
            // Keep the reading position: the same byte stays at the top. Only the
            // blocks on screen are wrapped, and the line numbers counted as far as
            // a few milliseconds go (an ordinary article all of it); the idle loop
            // counts on.
            let anchor = if self.laid_out() { self.top_offset() } else { 0 };
            self.layout = self.layout.at_width(aw);
            self.layout.count(&self.article.text, COUNT_AT_ONCE);
            self.top = self.layout.pos_of(&self.article.text, anchor);
        }
        self.top = self.top.min(self.max_top());
    }

    /// Marks a span and scrolls it into view, with some context above it.
    fn jump(&mut self, span: Span) {
        self.mark = Some(span);
        // With the panes as tabs, the article is only on screen when it has the focus.
        if self.size.0 < ui::WIDE {
            self.focus = Pane::Article;
        }
        // Only the paragraphs of the span and those scrolled over are wrapped.
        let text = &self.article.text;
        let first = self.layout.pos_of(text, span.start);
        let last = self.layout.pos_of(text, span.end.saturating_sub(1).max(span.start));
        if first < self.top || last > self.bottom() {
            let h = self.view_height.max(1);
            self.top = self.layout.scroll(text, first, -((h / 3) as isize)).min(self.max_top());
        }
    }

    fn jump_to_mention(&mut self, i: usize) {
        if let Some(m) = self.selected_mentions().get(i) {
            let span = m.span();
            self.mention_sel = Some(i);
            self.jump(span);
        }
    }

    fn jump_to_link(&mut self, i: usize) {
        if let Some(l) = self.article.links.get(i) {
            let span = Span::new(l.start, l.end);
            self.link_sel = Some(i);
            self.jump(span);
        }
    }

    /// The link at hand: the one jumped to or clicked, while it is still the mark.
    pub fn current_link(&self) -> Option<(usize, &crate::source::Link)> {
        let i = self.link_sel?;
        let l = self.article.links.get(i)?;
        (self.mark == Some(Span::new(l.start, l.end))).then_some((i, l))
    }

    fn jump_to_quote(&mut self, i: usize) {
        if let Some(q) = self.analysis.quotes.get(i) {
            let span = q.span();
            self.quote_sel = i;
            self.jump(span);
        }
    }

    /// Byte offset of the reading position: the mark when it is on screen, else the top.
    fn here(&self) -> usize {
        let top = self.top_offset();
        match self.mark {
            Some(m) if self.layout.pos_of(&self.article.text, m.start) >= self.top => m.start,
            _ => top,
        }
    }

    /// The quote at the reading position (the mark when it is on screen, else the top of
    /// the view), or the last one before it: the quote the Quotes pane marks.
    pub fn current_quote(&self) -> Option<usize> {
        let top = self.top_offset();
        let on_screen = |m: &Span| self.on_screen(self.layout.pos_of(&self.article.text, m.start));
        let mark = self.mark.filter(on_screen);
        // On the words saying who said the selected quote: that quote is being read.
        if mark.is_some() && mark == self.attribution_of(self.quote_sel).map(|a| a.name) {
            return Some(self.quote_sel);
        }
        let here = mark.map_or(top, |m| m.start);
        let qs = &self.analysis.quotes;
        qs.partition_point(|q| q.start <= here).checked_sub(1)
    }

    /// The quote whose page the Quotes pane shows: the selection when the pane has the
    /// focus or its selection was moved last, else the quote at the reading position.
    pub fn quotes_anchor(&self) -> usize {
        if self.focus == Pane::Quotes || !self.quotes_follow {
            return self.quote_sel;
        }
        self.current_quote().unwrap_or(self.quote_sel)
    }

    /// The quote whose speaker is marked in the article: the one selected while the
    /// Quotes pane has the focus, or the one jumped to, or whose speaker was jumped to.
    pub fn attribution(&self) -> Option<Attribution> {
        let i = self.quote_sel;
        let q = self.analysis.quotes.get(i)?;
        let a = self.attribution_of(i)?;
        let current =
            self.focus == Pane::Quotes || self.mark == Some(q.span()) || self.mark == Some(a.name);
        current.then_some(a)
    }

    /// Where the article says who said quote `i`: the words the analysis found naming
    /// the speaker there; for a quote that goes on from an earlier one by the same
    /// speaker (no words of its own), those of the earlier one; else the speaker's last
    /// mention before the quote (or first after it). With the cue word next to them.
    pub fn attribution_of(&self, i: usize) -> Option<Attribution> {
        let qs = &self.analysis.quotes;
        let q = qs.get(i)?;
        let speaker = q.speaker?;
        // A run of quotes by one speaker shares the words of its first.
        let named = (0..=i)
            .rev()
            .take(20)
            .take_while(|&j| qs[j].speaker == Some(speaker))
            .find_map(|j| qs[j].speaker_mention.map(|m| (m, qs[j].cue.as_deref(), j)));
        let (name, cue, at) = match named {
            Some(n) => n,
            None => {
                let ms = &self.analysis.actors.get(speaker)?.mentions;
                let k = ms.partition_point(|m| m.start < q.start);
                let m = ms.get(k.checked_sub(1)?).or(ms.get(k))?;
                (m.span(), None, i)
            }
        };
        let text = &self.article.text;
        // A span off the text (a broken analysis) marks nothing.
        text.get(name.range())?;
        let cue = cue.and_then(|c| cue_near(text, c, name, qs[at].span()));
        // Together when only spaces and short words stand between them ("said on
        // Tuesday Bolden" is apart; "Bolden said", "according to Bolden" together).
        let together = cue.is_some_and(|c| {
            let (a, b) =
                if c.start < name.start { (c.end, name.start) } else { (name.end, c.start) };
            let gap = &text[a..b];
            gap.split_whitespace().count() <= 1 && !gap.contains(['"', '“', '”', '\n'])
        });
        Some(match cue {
            Some(c) if together => Attribution {
                quote: i,
                name: Span::new(c.start.min(name.start), c.end.max(name.end)),
                cue: None,
            },
            cue => Attribution { quote: i, name, cue },
        })
    }

    /// The quote `y` copies: the one jumped to, else the one the Quotes pane shows as
    /// selected or being read.
    pub fn quote_in_hand(&self) -> Option<usize> {
        if let Some(a) = self.attribution() {
            return Some(a.quote);
        }
        let qs = &self.analysis.quotes;
        let jumped = qs.get(self.quote_sel).is_some_and(|q| self.mark == Some(q.span()));
        let i = if jumped { self.quote_sel } else { self.quotes_anchor() };
        (i < qs.len()).then_some(i)
    }

    /// Index of the next (or previous) span after (before) the current one, wrapping,
    /// and whether it wrapped (went past the last to the first, or back past the first).
    /// With no current one, the first after (last before) the reading position.
    fn step_spans(
        &self,
        n: usize,
        current: Option<usize>,
        start_of: impl Fn(usize) -> usize,
        forward: bool,
    ) -> Option<(usize, bool)> {
        if n == 0 {
            return None;
        }
        Some(match (current, forward) {
            (Some(i), true) => ((i + 1) % n, i + 1 >= n),
            (Some(i), false) => ((i + n - 1) % n, i == 0),
            (None, true) => {
                let here = self.here();
                first_at_or_after(n, &start_of, here).map_or((0, true), |i| (i, false))
            }
            (None, false) => {
                let here = self.here();
                match first_at_or_after(n, &start_of, here) {
                    Some(0) => (n - 1, true),
                    Some(i) => (i - 1, false),
                    None => (n - 1, false),
                }
            }
        })
    }

    /// Says that a jump went round the end of the article, as vim and less do, so that
    /// "the next one" being above is no surprise.
    fn wrapped(&mut self, what: &str, forward: bool) {
        self.notice = Some(if forward {
            format!("{what} hit BOTTOM, continuing at TOP")
        } else {
            format!("{what} hit TOP, continuing at BOTTOM")
        });
    }

    fn move_selection(&mut self, by: isize, to_end: Option<bool>) {
        self.move_in(self.focus, by, to_end);
    }

    fn move_in(&mut self, pane: Pane, by: isize, to_end: Option<bool>) {
        match pane {
            Pane::Article => {
                let text = &self.article.text;
                self.top = match to_end {
                    Some(false) => Pos::default(),
                    Some(true) => self.max_top(),
                    None => self.layout.scroll(text, self.top, by).min(self.max_top()),
                };
            }
            Pane::Actors => {
                let n = self.actor_rows.len();
                let new = moved(self.actor_sel, n, by, to_end);
                if new != self.actor_sel {
                    self.actor_sel = new;
                    self.mention_sel = None;
                }
            }
            Pane::Quotes => {
                // From the quote the pane shows (the wheel over it while it follows), in
                // the pane's order.
                let order = &self.quote_order;
                let from = order.pos.get(self.quotes_anchor()).copied().unwrap_or(0);
                let to = moved(from, order.order.len(), by, to_end);
                self.quote_sel = order.order.get(to).copied().unwrap_or(0);
            }
            Pane::Mentions => {
                let n = self.selected_mentions().len();
                // With nothing selected yet, the first step down selects the first row.
                self.mention_sel = match self.mention_sel {
                    _ if n == 0 => None,
                    None if by > 0 => Some(moved(0, n, by - 1, to_end)),
                    sel => Some(moved(sel.unwrap_or(0), n, by, to_end)),
                };
            }
        }
    }

    /// The pane under a screen cell, with its rectangle.
    fn pane_at(&self, x: u16, y: u16) -> Option<(Pane, Rect)> {
        let at = Position::new(x, y);
        match ui::areas_for(Rect::new(0, 0, self.size.0, self.size.1), &self.settings.view).mode {
            ui::Mode::TooSmall => None,
            ui::Mode::Wide { actors, mentions, article, quotes } => [
                (Pane::Actors, actors),
                (Pane::Mentions, mentions),
                (Pane::Article, article),
                (Pane::Quotes, quotes),
            ]
            .into_iter()
            .find(|(_, r)| r.contains(at)),
            ui::Mode::Narrow { pane, .. } => pane.contains(at).then_some((self.focus, pane)),
        }
    }

    fn click(&mut self, x: u16, y: u16) {
        let Some((pane, rect)) = self.pane_at(x, y) else { return };
        // The rows as drawn, before the focus moves.
        let quote_rows =
            (pane == Pane::Quotes).then(|| ui::quote_page(self, rect, &self.settings.palette()));
        self.focus = pane;
        let row = usize::from(y.saturating_sub(rect.y + 1));
        let inside = y > rect.y && y + 1 < rect.bottom();
        let h = usize::from(rect.height.saturating_sub(2));
        match pane {
            Pane::Article => {
                let Some(text) =
                    ui::areas_for(Rect::new(0, 0, self.size.0, self.size.1), &self.settings.view)
                        .article_text
                else {
                    return;
                };
                if !text.contains(Position::new(x, y)) {
                    return;
                }
                let row = (y - text.y) as isize;
                let col = usize::from(x - text.x);
                let text = &self.article.text;
                let Some(off) = self
                    .layout
                    .step(text, self.top, row)
                    .and_then(|line| self.layout.offset_at(text, line, col))
                else {
                    return;
                };
                let i = self.mention_index.partition_point(|m| m.0.end <= off);
                let Some(&(span, id)) = self.mention_index.get(i).filter(|m| m.0.contains(off))
                else {
                    // Linked words that name no one: the link is at hand.
                    let links = &self.article.links;
                    let k = links.partition_point(|l| l.end <= off);
                    if let Some(l) = links.get(k).filter(|l| l.start <= off) {
                        self.mark = Some(Span::new(l.start, l.end));
                        self.link_sel = Some(k);
                    }
                    return;
                };
                if !self.actor_rows.contains(&id) {
                    self.refilter(None);
                }
                if let Some(r) = self.actor_rows.iter().position(|&a| a == id) {
                    self.actor_sel = r;
                }
                self.mention_sel =
                    self.analysis.actors[id].mentions.iter().position(|m| m.span() == span);
                self.mark = Some(span);
            }
            _ if !inside => {}
            Pane::Actors => {
                let win = ui::window(self.actor_sel, self.actor_rows.len(), h);
                if win.start + row < win.end && win.start + row != self.actor_sel {
                    self.actor_sel = win.start + row;
                    self.mention_sel = None;
                }
            }
            Pane::Quotes => {
                // A speaker's line selects the first quote under it.
                let rows = quote_rows.unwrap_or_default();
                let below = rows.iter().skip(row).map(|r| r.0);
                if let Some(ui::QuoteRow::Quote(i)) =
                    below.take(2).find(|r| matches!(r, ui::QuoteRow::Quote(_)))
                {
                    self.quote_sel = i;
                }
            }
            Pane::Mentions => {
                let n = self.selected_mentions().len();
                let win = ui::window(self.mention_sel.unwrap_or(0), n, h);
                if win.start + row < win.end {
                    self.mention_sel = Some(win.start + row);
                }
            }
        }
    }

    fn page(&self) -> isize {
        if self.focus == Pane::Quotes {
            // Quotes take several rows: a page is the quotes on it, less one.
            let rect = ui::quotes_rect(self).unwrap_or_default();
            let rows = ui::quote_page(self, rect, &self.settings.palette());
            let mut shown: Vec<usize> = rows
                .iter()
                .filter_map(|r| if let ui::QuoteRow::Quote(i) = r.0 { Some(i) } else { None })
                .collect();
            shown.dedup();
            return shown.len().max(2) as isize - 1;
        }
        let h = if self.focus == Pane::Article { self.view_height } else { self.list_height };
        h.max(2) as isize - 1
    }

    fn run_search(&mut self, query: String) {
        self.search.matches.clear();
        self.search.current = None;
        if query.is_empty() {
            self.search.query.clear();
            return;
        }
        let re = regex::RegexBuilder::new(&regex::escape(&query)).case_insensitive(true).build();
        if let Ok(re) = re {
            self.search.matches =
                re.find_iter(&self.article.text).map(|m| Span::new(m.start(), m.end())).collect();
        }
        self.search.query = query;
        let matches = std::mem::take(&mut self.search.matches);
        let step = self.step_spans(matches.len(), None, |i| matches[i].start, true);
        self.search.matches = matches;
        match step {
            Some((i, wrapped)) => {
                self.search.current = Some(i);
                self.jump(self.search.matches[i]);
                if wrapped {
                    self.wrapped("search", true);
                }
            }
            None => {
                let q = crate::text_layout::one_line(&self.search.query);
                self.notice = Some(format!("not found: {q}"));
            }
        }
    }
}

/// The analysis with anything the reader could not show dropped: spans outside the text
/// or off character boundaries, unsorted or overlapping spans, speakers that are not
/// actors. The analyser promises none of these; the reader still must not panic on a
/// broken promise, and indexing by these values is what drawing does.
pub(crate) fn checked(mut analysis: Analysis, text: &str) -> Analysis {
    let ok = |s: usize, e: usize| s <= e && text.get(s..e).is_some();
    let n = analysis.actors.len();
    for (i, a) in analysis.actors.iter_mut().enumerate() {
        a.id = i;
        a.mentions.retain(|m| ok(m.start, m.end));
        crate::analysis::sorted_apart(&mut a.mentions, |m| (m.start, m.end));
    }
    analysis.quotes.retain(|q| ok(q.start, q.end));
    crate::analysis::sorted_apart(&mut analysis.quotes, |q| (q.start, q.end));
    for q in &mut analysis.quotes {
        q.speaker = q.speaker.filter(|&id| id < n);
    }
    analysis
}

fn first_at_or_after(n: usize, start_of: &impl Fn(usize) -> usize, here: usize) -> Option<usize> {
    // Spans are sorted: binary search for the first starting at or after `here`.
    let (mut lo, mut hi) = (0, n);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if start_of(mid) < here { lo = mid + 1 } else { hi = mid }
    }
    (lo < n).then_some(lo)
}

/// How far a movement key moves in a list or text of `page` rows: by a number of rows,
/// or to one end (`Some(true)` the last). The article's panes and the Library's lists
/// move alike.
pub(crate) fn movement(action: Action, page: isize) -> Option<(isize, Option<bool>)> {
    Some(match action {
        Action::Down => (1, None),
        Action::Up => (-1, None),
        Action::PageDown => (page, None),
        Action::PageUp => (-page, None),
        Action::HalfDown => ((page + 1) / 2, None),
        Action::HalfUp => (-(page + 1) / 2, None),
        Action::Top => (0, Some(false)),
        Action::Bottom => (0, Some(true)),
        _ => return None,
    })
}

/// A list selection moved by `by` rows (clamped), or to one end.
fn moved(sel: usize, n: usize, by: isize, to_end: Option<bool>) -> usize {
    if n == 0 {
        return 0;
    }
    match to_end {
        Some(false) => 0,
        Some(true) => n - 1,
        None => sel.saturating_add_signed(by).min(n - 1),
    }
}

/// A key while the help is open. When it does not fit on the screen the scrolling keys
/// scroll it; any other key closes it, and q still quits.
fn help_key(app: &mut App, action: Action) {
    let fit = ui::HelpFit::new(Rect::new(0, 0, app.size.0, app.size.1), app.settings.help_len);
    let max = fit.max_scroll();
    let page = fit.visible.max(1);
    let at = app.help.scroll.min(max);
    let to = match action {
        _ if max == 0 => None,
        Action::Down | Action::Wheel { down: true, .. } => Some(at + 1),
        Action::Up | Action::Wheel { down: false, .. } => Some(at.saturating_sub(1)),
        Action::PageDown | Action::HalfDown => Some(at + page),
        Action::PageUp | Action::HalfUp => Some(at.saturating_sub(page)),
        Action::Top => Some(0),
        Action::Bottom => Some(max),
        _ => None,
    };
    match to {
        Some(to) => app.help.scroll = to.min(max),
        None => {
            app.help.open = false;
            app.help.scroll = 0;
            app.quit = matches!(action, Action::Quit | Action::Exit);
        }
    }
}

/// A key on a line being typed (a search): letters go in, Backspace takes one out,
/// Ctrl-w a word and Ctrl-u all, Esc drops the line and Enter gives it, which ends the
/// typing either way. (The cursor stays at the end: a search is a few words.)
pub(crate) fn type_into(input: &mut Option<String>, action: Action) -> Option<String> {
    use crate::config::keymap::LineEdit;
    let line = input.as_mut()?;
    match action {
        Action::Input(c) => line.push(c),
        Action::Backspace => {
            line.pop();
        }
        Action::Edit(LineEdit::DeleteWordBack) => {
            let kept = line.trim_end().len();
            let word = line[..kept]
                .char_indices()
                .rev()
                .find(|(_, c)| c.is_whitespace())
                .map_or(0, |(i, c)| i + c.len_utf8());
            line.truncate(word);
        }
        Action::Edit(LineEdit::DeleteToStart) => line.clear(),
        Action::Activate => return input.take(),
        Action::Cancel => *input = None,
        _ => {}
    }
    None
}

/// Applies one action to the app. Pure: no I/O, no drawing.
pub fn update(app: &mut App, action: Action) {
    let (top, mark, quote) = (app.top, app.mark, app.quote_sel);
    apply(app, action);
    // What the next frame draws, wrapped now, so drawing only reads.
    app.layout.prepare(&app.article.text, app.top, app.view_height);
    // A moved quote selection stops the Quotes pane following; reading on restarts it.
    if app.quote_sel != quote {
        app.quotes_follow = false;
    } else if app.top != top || app.mark != mark {
        app.quotes_follow = true;
    }
    app.quotes_top = ui::quotes_top(app, app.quotes_anchor());
}

fn apply(app: &mut App, action: Action) {
    if let Action::Resize(w, h) = action {
        app.resize(w, h);
        return;
    }
    // The loop is idle: count on (nothing else a tick asks of an article).
    if action == Action::Tick {
        app.layout.count(&app.article.text, COUNT_SLICE);
        return;
    }
    // Quitting at once works from anywhere, a prompt included (Ctrl-c is always Exit).
    if action == Action::Exit {
        app.quit = true;
        return;
    }
    if app.help.open {
        help_key(app, action);
        return;
    }
    if app.search.input.is_some() {
        if let Some(query) = type_into(&mut app.search.input, action) {
            app.run_search(query);
        }
        return;
    }
    if app.correction_key(action) {
        return;
    }
    command(app, action);
}

/// Rows the wheel scrolls the article by; a list moves one row a notch.
const WHEEL_LINES: isize = 3;

/// A key as a command: nothing is being typed and no overlay is open.
fn command(app: &mut App, action: Action) {
    match action {
        Action::Quit | Action::Exit => app.quit = true,
        Action::Help => app.help.open = true,
        Action::Cancel => {
            app.search = Search::default();
            app.mark = None;
        }
        Action::Search => app.search.input = Some(String::new()),
        Action::FocusNext => app.focus = app.focus.step(1),
        Action::FocusPrev => app.focus = app.focus.step(-1),
        Action::Down
        | Action::Up
        | Action::PageDown
        | Action::PageUp
        | Action::HalfDown
        | Action::HalfUp
        | Action::Top
        | Action::Bottom => {
            if let Some((by, to_end)) = movement(action, app.page()) {
                app.move_selection(by, to_end);
            }
        }
        Action::Activate => app.activate(),
        Action::Next | Action::Prev => app.step_match_or_mention(action == Action::Next),
        Action::NextQuote | Action::PrevQuote => app.step_quote(action == Action::NextQuote),
        Action::NextSameSpeaker | Action::PrevSameSpeaker => {
            app.step_same_speaker(action == Action::NextSameSpeaker);
        }
        Action::ShowAll => app.refilter(None),
        Action::ShowPeople => app.refilter(Some(Kind::Person)),
        Action::ShowOrganizations => app.refilter(Some(Kind::Organization)),
        Action::ShowPlaces => app.refilter(Some(Kind::Place)),
        Action::Wheel { x, y, down } => {
            if let Some((pane, _)) = app.pane_at(x, y) {
                let lines = if pane == Pane::Article { WHEEL_LINES } else { 1 };
                app.move_in(pane, if down { lines } else { -lines }, None);
            }
        }
        Action::Click { x, y } => app.click(x, y),
        Action::NextLink | Action::PrevLink => app.step_link(action == Action::NextLink),
        Action::OpenLink => app.open_link(),
        Action::Yank => app.yank_quote(),
        Action::YankSheet => app.yank_sheet(),
        // Suspending is I/O: the run loop does it; corrections are handled before this.
        Action::Suspend
        | Action::Tick
        | Action::Resize(..)
        | Action::Input(_)
        | Action::Backspace
        | Action::Edit(_)
        | Action::Correct
        | Action::Undo
        | Action::Library
        | Action::Reload => {}
    }
}

/// What the keys that jump, copy and open do: each a step of [`command`].
impl App {
    /// Enter: on an actor, its first mention; on a mention, that one; on a quote, the
    /// quote; again, who said it; again, back to the quote.
    fn activate(&mut self) {
        match self.focus {
            Pane::Actors => self.jump_to_mention(0),
            Pane::Mentions => self.jump_to_mention(self.mention_sel.unwrap_or(0)),
            Pane::Quotes | Pane::Article => {
                let q = self.analysis.quotes.get(self.quote_sel).map(|q| q.span());
                let who = self.attribution_of(self.quote_sel).map(|a| a.name);
                match (self.mark, who) {
                    (Some(m), Some(w)) if Some(m) == q => self.jump(w),
                    (Some(m), Some(w)) if m == w => self.jump_to_quote(self.quote_sel),
                    _ if self.focus == Pane::Quotes => self.jump_to_quote(self.quote_sel),
                    _ => {}
                }
            }
        }
    }

    /// n / N: the next search match while a search is on, else the selected actor's
    /// next mention.
    fn step_match_or_mention(&mut self, forward: bool) {
        if self.search.is_on() {
            let m = &self.search.matches;
            if let Some((i, wrapped)) =
                self.step_spans(m.len(), self.search.current, |i| m[i].start, forward)
            {
                self.search.current = Some(i);
                self.jump(self.search.matches[i]);
                if wrapped {
                    self.wrapped("search", forward);
                }
            }
        } else {
            let ms = self.selected_mentions();
            if let Some((i, wrapped)) =
                self.step_spans(ms.len(), self.mention_sel, |i| ms[i].start, forward)
            {
                self.jump_to_mention(i);
                if wrapped {
                    self.wrapped("mentions", forward);
                }
            }
        }
    }

    /// The next quote after the one jumped to (else after the reading position).
    fn step_quote(&mut self, forward: bool) {
        let qs = &self.analysis.quotes;
        let current = self
            .mark
            .filter(|m| qs.get(self.quote_sel).is_some_and(|q| q.span() == *m))
            .map(|_| self.quote_sel);
        if let Some((i, wrapped)) = self.step_spans(qs.len(), current, |i| qs[i].start, forward) {
            self.jump_to_quote(i);
            if wrapped {
                self.wrapped("quotes", forward);
            }
        }
    }

    /// The selected quote's speaker's next quote. A key that finds nothing says why,
    /// rather than doing nothing.
    fn step_same_speaker(&mut self, forward: bool) {
        let qs = &self.analysis.quotes;
        let Some(q) = qs.get(self.quote_sel) else { return };
        let Some(speaker) = q.speaker else {
            self.notice = Some("this quote has no speaker".to_owned());
            return;
        };
        let (n, sel) = (qs.len(), self.quote_sel);
        let found = (1..n)
            .map(|k| if forward { (sel + k) % n } else { (sel + n - k) % n })
            .find(|&i| qs[i].speaker == Some(speaker));
        let name = self.analysis.actors.get(speaker).map_or("", |a| a.name.as_str());
        let name = crate::text_layout::one_line(name);
        match found {
            Some(i) => {
                let wrapped = if forward { i < sel } else { i > sel };
                self.jump_to_quote(i);
                if wrapped {
                    self.wrapped(&format!("quotes by {name}"), forward);
                }
            }
            None => self.notice = Some(format!("the only quote by {name}")),
        }
    }

    /// ) / (: the next link after the one at hand (else after the reading position).
    fn step_link(&mut self, forward: bool) {
        let links = &self.article.links;
        let current = self.current_link().map(|(i, _)| i);
        match self.step_spans(links.len(), current, |i| links[i].start, forward) {
            Some((i, wrapped)) => {
                self.jump_to_link(i);
                if wrapped {
                    self.wrapped("links", forward);
                }
            }
            None => self.notice = Some("no links in this article".to_owned()),
        }
    }

    /// o: asks the run loop to open the link at hand, else the article's own address.
    fn open_link(&mut self) {
        match self.current_link() {
            Some((_, link)) => self.open_request = Some(link.href.clone()),
            None => match crate::source::web::url_of(&self.article) {
                Some(url) => self.open_request = Some(url.to_owned()),
                None => self.notice = Some("this article has no web address".to_owned()),
            },
        }
    }

    /// y: asks the run loop to copy the quote in hand with who said it.
    fn yank_quote(&mut self) {
        match self.quote_in_hand() {
            Some(i) => {
                let text = crate::quotesheet::attribution(&self.article, &self.analysis, i);
                let n = self.analysis.quotes.len();
                self.copy_request = text.map(|t| (t, format!("quote {}/{n}", i + 1)));
            }
            None => self.notice = Some("no quote to copy".to_owned()),
        }
    }

    /// Y: asks the run loop to copy the quote sheet, as Markdown.
    fn yank_sheet(&mut self) {
        if self.analysis.quotes.is_empty() {
            self.notice = Some("no quotes to copy".to_owned());
            return;
        }
        let sheet = crate::quotesheet::markdown(&self.article, &self.analysis);
        let what = format!("the {} quotes as Markdown", self.analysis.quotes.len());
        self.copy_request = Some((sheet, what));
    }
}
