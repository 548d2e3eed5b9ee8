//! Corrections in the reader: the prompt that asks what to correct about the selected
//! actor, and the re-analysis that keeps the reader's place afterwards.
//!
//! `c` opens a menu for the selected actor: rename it, change its kind, merge another
//! actor into it, split one of its names off, mark it as never an actor, add a name of
//! it; `u` undoes the last correction. Like everything in `update`, the prompt does no
//! I/O: a finished correction becomes a [`Request`] that the run loop takes, writes into
//! the user lexicon ([`crate::store::userlex`]) and answers with a new analysis, given to
//! [`App::reanalysed`].

use super::app::{Action, App};
use super::ui::Palette;
use crate::analysis::{ActorId, Kind};
use crate::store::userlex::{ActorDesc, Edit};
use crate::text_layout::one_line;
use ratatui::Frame;
use ratatui::layout::{Constraint, Flex, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span as TextSpan};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

/// The correction state of the app.
#[derive(Debug, Clone, Default)]
pub struct Correcting {
    prompt: Option<Prompt>,
    /// A correction asked for, for the run loop to write.
    request: Option<Request>,
    /// The request waits for the lexicon's lock, held by another whosaid: the run loop
    /// tries again, Esc cancels.
    waiting: bool,
}

impl Correcting {
    /// While a prompt is open, keys are text (letters pick, names are typed).
    pub fn typing(&self) -> bool {
        self.prompt.is_some()
    }

    pub fn prompt(&self) -> Option<&Prompt> {
        self.prompt.as_ref()
    }

    pub fn request(&self) -> Option<&Request> {
        self.request.as_ref()
    }

    pub fn waiting(&self) -> bool {
        self.waiting
    }

    /// The request, taken by the run loop to write; it no longer waits.
    pub fn take_request(&mut self) -> Option<Request> {
        self.waiting = false;
        self.request.take()
    }

    /// Puts a request back to wait for the lexicon's lock.
    pub fn wait(&mut self, request: Request) {
        self.request = Some(request);
        self.waiting = true;
    }
}

/// A correction for the run loop: the edit, and a byte offset of a mention whose actor
/// the selection follows afterwards.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    Edit(Edit, Option<usize>),
    Undo(Option<usize>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Typed {
    Rename,
    Alias,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Picked {
    /// Another actor to merge into this one.
    Merge,
    /// One of this actor's names to make an actor of its own.
    Split,
}

/// One step of the correction prompt, always about one actor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Prompt {
    Menu { actor: ActorId },
    Text { actor: ActorId, what: Typed, input: LineInput },
    Kind { actor: ActorId },
    Pick { actor: ActorId, what: Picked, filter: LineInput, sel: usize },
    Never { actor: ActorId },
}

/// A line typed in a prompt: tui-input's editor (cursor keys, Home/End, words,
/// Ctrl-u/w/k), and whether the whole line is selected, as the old name is when a
/// rename opens, so that typing replaces it rather than adding to it (once, "Russia"
/// became "RussiaRussian Federation").
///
/// N.B. tui-input is used without its crossterm backend: keys reach the prompt as
/// actions from the keymap, so `update` stays pure and a key sequence is a unit test.
#[derive(Debug, Clone, Default)]
pub struct LineInput {
    input: tui_input::Input,
    selected: bool,
}

impl PartialEq for LineInput {
    fn eq(&self, other: &Self) -> bool {
        (self.value(), self.cursor(), self.selected)
            == (other.value(), other.cursor(), other.selected)
    }
}

impl Eq for LineInput {}

impl LineInput {
    /// A line holding `text`, all of it selected, the cursor at its end.
    pub fn selected(text: String) -> LineInput {
        LineInput { selected: !text.is_empty(), input: tui_input::Input::new(text) }
    }

    pub fn value(&self) -> &str {
        self.input.value()
    }

    /// Where the cursor is, in characters from the start.
    pub fn cursor(&self) -> usize {
        self.input.cursor()
    }

    pub fn is_selected(&self) -> bool {
        self.selected
    }

    /// Applies an editing action; false when the action is not one.
    pub fn apply(&mut self, action: Action) -> bool {
        use crate::config::keymap::LineEdit as E;
        use tui_input::InputRequest as R;
        let request = match action {
            Action::Input(c) => R::InsertChar(c),
            Action::Backspace => R::DeletePrevChar,
            Action::Edit(e) => match e {
                E::Left => R::GoToPrevChar,
                E::Right => R::GoToNextChar,
                E::WordLeft => R::GoToPrevWord,
                E::WordRight => R::GoToNextWord,
                E::Home => R::GoToStart,
                E::End => R::GoToEnd,
                E::DeleteNext => R::DeleteNextChar,
                E::DeleteWordBack => R::DeletePrevWord,
                E::DeleteToStart => R::DeleteFromStart,
                E::DeleteToEnd => R::DeleteTillEnd,
            },
            _ => return false,
        };
        if std::mem::take(&mut self.selected) {
            // As in a text field: typing or deleting replaces the selection, a move
            // ends it at the side it moves to.
            match request {
                R::GoToPrevChar | R::GoToPrevWord | R::GoToStart => {
                    self.input.handle(R::GoToStart);
                    return true;
                }
                R::GoToNextChar | R::GoToNextWord | R::GoToEnd => return true,
                R::InsertChar(_) => self.input.reset(),
                _ => {
                    self.input.reset();
                    return true;
                }
            }
        }
        self.input.handle(request);
        true
    }

    /// The line as drawn: the text made safe, the cursor as a reversed cell (the
    /// selection all reversed), in the prompt's colour.
    fn spans(&self, pal: &Palette) -> Vec<TextSpan<'static>> {
        let reversed = pal.focus.add_modifier(Modifier::REVERSED);
        if self.selected {
            return vec![TextSpan::styled(one_line(self.value()), reversed)];
        }
        let value = self.value();
        let at = value.char_indices().nth(self.cursor()).map_or(value.len(), |(i, _)| i);
        let (before, rest) = value.split_at(at);
        let mut chars = rest.chars();
        let under = chars.next().map_or(" ".to_owned(), |c| one_line(&c.to_string()));
        vec![
            TextSpan::styled(one_line(before), pal.focus),
            TextSpan::styled(under, reversed),
            TextSpan::styled(one_line(chars.as_str()), pal.focus),
        ]
    }
}

impl Correcting {
    /// Handles an action for the correction prompt; true when it took the action (a
    /// prompt is open, or the action is one of the correction keys). Any other key clears
    /// the last notice. The app is only read: what to do is kept here.
    pub fn update(&mut self, app: &App, notice: &mut Option<String>, action: Action) -> bool {
        if matches!(action, Action::Resize(..) | Action::Wheel { .. } | Action::Tick) {
            return false;
        }
        if self.waiting {
            // The notice saying so stays; a correction is asked for once at a time.
            match action {
                Action::Cancel => {
                    self.request = None;
                    self.waiting = false;
                    *notice = Some("correction cancelled: nothing was saved".to_owned());
                    return true;
                }
                Action::Correct | Action::Undo => return true,
                _ => return false,
            }
        }
        *notice = None;
        match action {
            _ if self.prompt.is_some() => {}
            Action::Correct => {
                match app.selected_actor() {
                    Some(actor) => self.prompt = Some(Prompt::Menu { actor }),
                    None => *notice = Some("no actor to correct".to_owned()),
                }
                return true;
            }
            Action::Undo => {
                self.request = Some(Request::Undo(follow_selected(app)));
                return true;
            }
            _ => return false,
        }
        let Some(prompt) = self.prompt.take() else { return true };
        self.prompt = step(app, &mut self.request, notice, prompt, action);
        true
    }
}

/// The prompt after an action: the next step, or None when done (with the correction
/// asked for in `request`) or cancelled.
fn step(
    app: &App,
    request: &mut Option<Request>,
    notice: &mut Option<String>,
    prompt: Prompt,
    action: Action,
) -> Option<Prompt> {
    if action == Action::Cancel {
        return None;
    }
    match prompt {
        Prompt::Menu { actor } => menu_key(app, request, notice, actor, action),
        Prompt::Text { actor, what, input } => text_key(app, request, actor, what, input, action),
        Prompt::Kind { actor } => {
            let kind = match action {
                Action::Input('p') => Kind::Person,
                Action::Input('o') => Kind::Organization,
                Action::Input('l') => Kind::Place,
                _ => return Some(Prompt::Kind { actor }),
            };
            let edit = Edit::Kind { actor: desc(app, actor), kind };
            *request = Some(Request::Edit(edit, first_mention(app, actor)));
            None
        }
        Prompt::Never { actor } => {
            if action == Action::Input('y') {
                *request = Some(Request::Edit(Edit::Never { actor: desc(app, actor) }, None));
            }
            None
        }
        Prompt::Pick { actor, what, filter, sel } => {
            pick_key(app, request, Pick { actor, what, filter, sel }, action)
        }
    }
}

/// A letter of the menu: the prompt it opens, or the undo it asks for.
fn menu_key(
    app: &App,
    request: &mut Option<Request>,
    notice: &mut Option<String>,
    actor: ActorId,
    action: Action,
) -> Option<Prompt> {
    let pick = |what| Prompt::Pick { actor, what, filter: LineInput::default(), sel: 0 };
    match action {
        Action::Input('r') => {
            let name = app.analysis().actors[actor].name.clone();
            Some(Prompt::Text { actor, what: Typed::Rename, input: LineInput::selected(name) })
        }
        Action::Input('a') => {
            Some(Prompt::Text { actor, what: Typed::Alias, input: LineInput::default() })
        }
        Action::Input('k') => Some(Prompt::Kind { actor }),
        Action::Input('m') => Some(pick(Picked::Merge)),
        Action::Input('s') => {
            if names_of(app, actor).len() < 2 {
                *notice = Some("it has one name: nothing to split off".to_owned());
                return None;
            }
            Some(pick(Picked::Split))
        }
        Action::Input('x') => Some(Prompt::Never { actor }),
        Action::Input('u') => {
            *request = Some(Request::Undo(follow_selected(app)));
            None
        }
        _ => Some(Prompt::Menu { actor }),
    }
}

/// A key on a name being typed: edited, or on Enter the rename or new name asked for
/// (an empty line is not one).
fn text_key(
    app: &App,
    request: &mut Option<Request>,
    actor: ActorId,
    what: Typed,
    mut input: LineInput,
    action: Action,
) -> Option<Prompt> {
    match action {
        Action::Activate if input.value().trim().is_empty() => {
            Some(Prompt::Text { actor, what, input })
        }
        Action::Activate => {
            let actor_desc = desc(app, actor);
            let typed = input.value().trim().to_owned();
            let edit = match what {
                Typed::Rename => Edit::Rename { actor: actor_desc, to: typed },
                Typed::Alias => Edit::Alias { actor: actor_desc, alias: typed },
            };
            *request = Some(Request::Edit(edit, first_mention(app, actor)));
            None
        }
        _ => {
            input.apply(action);
            Some(Prompt::Text { actor, what, input })
        }
    }
}

/// The pick list's state, as [`Prompt::Pick`] holds it.
struct Pick {
    actor: ActorId,
    what: Picked,
    filter: LineInput,
    sel: usize,
}

/// A key on the pick list: ↑ ↓ choose, Enter asks for the merge or split of the row
/// chosen, anything else edits the filter.
fn pick_key(
    app: &App,
    request: &mut Option<Request>,
    pick: Pick,
    action: Action,
) -> Option<Prompt> {
    let Pick { actor, what, mut filter, mut sel } = pick;
    let n = candidates(app, actor, what, filter.value()).len();
    match action {
        Action::Down => sel = (sel + 1).min(n.saturating_sub(1)),
        Action::Up => sel = sel.saturating_sub(1),
        Action::Activate => {
            let picked = candidates(app, actor, what, filter.value()).into_iter().nth(sel);
            let Some(picked) = picked else {
                return Some(Prompt::Pick { actor, what, filter, sel });
            };
            let (edit, follow) = picked_edit(app, actor, picked);
            *request = Some(Request::Edit(edit, follow));
            return None;
        }
        _ => {
            let before = filter.value().to_owned();
            // A changed filter starts the choice again from the top.
            if filter.apply(action) && filter.value() != before {
                sel = 0;
            }
        }
    }
    Some(Prompt::Pick { actor, what, filter, sel })
}

/// The correction a picked row asks for, and the mention the selection follows after.
fn picked_edit(app: &App, actor: ActorId, picked: Candidate) -> (Edit, Option<usize>) {
    match picked {
        Candidate::Actor(other) => (
            Edit::Merge { into: desc(app, actor), from: desc(app, other) },
            first_mention(app, actor),
        ),
        Candidate::Name(alias) => {
            // The selection stays with what is left of the actor.
            let body = app.article().body();
            let follow = app.analysis().actors[actor]
                .mentions
                .iter()
                .find(|m| body.get(m.start..m.end) != Some(alias.as_str()))
                .map(|m| m.start);
            (Edit::Split { actor: desc(app, actor), alias }, follow)
        }
    }
}

/// An actor as a correction names it: its name, kind and forms in this article.
fn desc(app: &App, id: ActorId) -> ActorDesc {
    ActorDesc::of(&app.analysis().actors[id], app.article().body())
}

fn first_mention(app: &App, actor: ActorId) -> Option<usize> {
    app.analysis().actors.get(actor).and_then(|a| a.mentions.first()).map(|m| m.start)
}

fn follow_selected(app: &App) -> Option<usize> {
    app.selected_actor().and_then(|id| first_mention(app, id))
}

/// The distinct forms the article names an actor by.
fn names_of(app: &App, actor: ActorId) -> Vec<String> {
    let d = ActorDesc::of(&app.analysis().actors[actor], app.article().body());
    d.aliases.into_iter().chain(d.demonyms).collect()
}

/// A row of the pick list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Candidate {
    Actor(ActorId),
    Name(String),
}

/// What the pick list offers, filtered by what was typed (any case).
pub fn candidates(app: &App, actor: ActorId, what: Picked, filter: &str) -> Vec<Candidate> {
    let filter = filter.to_lowercase();
    let hit = |s: &str| s.to_lowercase().contains(&filter);
    match what {
        Picked::Merge => app
            .actor_rows()
            .iter()
            .chain(
                // Actors hidden by the kind filter can be merged too.
                app.analysis()
                    .actors
                    .iter()
                    .map(|a| &a.id)
                    .filter(|id| !app.actor_rows().contains(id)),
            )
            .copied()
            .filter(|&id| id != actor && hit(&app.analysis().actors[id].name))
            .map(Candidate::Actor)
            .collect(),
        Picked::Split => {
            names_of(app, actor).into_iter().filter(|n| hit(n)).map(Candidate::Name).collect()
        }
    }
}

/// Draws the open prompt, or the last notice, over the bottom of the screen.
pub fn draw(app: &App, pal: &Palette, frame: &mut Frame, area: Rect) {
    let (title, lines) = match app.prompt() {
        Some(p) => prompt_lines(app, p, pal),
        None => match app.notice() {
            // A notice quotes names, keys and messages from outside: made safe.
            Some(n) => ("whosaid".to_owned(), n.lines().map(|l| Line::raw(one_line(l))).collect()),
            None => return,
        },
    };
    let w = area.width.saturating_sub(4).min(76);
    let text_w = w.saturating_sub(2).max(1);
    let rows: u16 = lines
        .iter()
        .map(|l| u16::try_from(l.width().div_ceil(usize::from(text_w)).max(1)).unwrap_or(1))
        .sum();
    let h = (rows + 2).min(area.height.saturating_sub(2));
    let [r] = area
        .layout(&ratatui::layout::Layout::horizontal([Constraint::Length(w)]).flex(Flex::Center));
    let [r] = r.layout(&ratatui::layout::Layout::vertical([Constraint::Length(h)]).flex(Flex::End));
    // Above the status line.
    let r = Rect { y: r.y.saturating_sub(1), ..r };
    frame.render_widget(Clear, r);
    let block = Block::bordered().title(title).border_style(pal.focus);
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }).block(block), r);
}

fn prompt_lines(app: &App, p: &Prompt, pal: &Palette) -> (String, Vec<Line<'static>>) {
    let name =
        |id: ActorId| app.analysis().actors.get(id).map_or(String::new(), |a| one_line(&a.name));
    let key = |k: &'static str| TextSpan::styled(k, pal.focus);
    let dim = |s: &'static str| TextSpan::styled(s, pal.dim);
    match p {
        Prompt::Menu { actor } => {
            let a = &app.analysis().actors[*actor];
            let title = format!("Correct {} ({})", name(*actor), a.kind.as_str());
            let item = |k, what| Line::from(vec![key(k), TextSpan::raw(what)]);
            let lines = vec![
                item("r", " rename it"),
                item("k", " change its kind"),
                item("m", " merge another actor into it"),
                item("s", " split one of its names off"),
                item("x", " never an actor"),
                item("a", " add a name of it"),
                item("u", " undo the last correction"),
                Line::from(vec![dim("Esc cancels. Saved in the user lexicon, for every article.")]),
            ];
            (title, lines)
        }
        Prompt::Text { actor, what, input } => {
            let title = match what {
                Typed::Rename => format!("Rename {}", name(*actor)),
                Typed::Alias => format!("Another name of {}", name(*actor)),
            };
            let help = if input.is_selected() {
                "typing replaces it, ← → edit it; Enter saves, Esc cancels"
            } else {
                "Ctrl-w deletes a word, Ctrl-u the line; Enter saves, Esc cancels"
            };
            let lines = vec![Line::from(input.spans(pal)), Line::from(vec![dim(help)])];
            (title, lines)
        }
        Prompt::Kind { actor } => (
            format!("Kind of {}", name(*actor)),
            vec![Line::from(vec![
                key("p"),
                TextSpan::raw(" person  "),
                key("o"),
                TextSpan::raw(" organization  "),
                key("l"),
                TextSpan::raw(" place (location)  "),
                dim("Esc cancels"),
            ])],
        ),
        Prompt::Never { actor } => (
            format!("Never an actor: {}", name(*actor)),
            vec![Line::from(vec![
                TextSpan::raw("None of its names will be an actor in any article. "),
                key("y"),
                TextSpan::raw(" yes, any other key cancels"),
            ])],
        ),
        Prompt::Pick { actor, what, filter, sel } => {
            let title = match what {
                Picked::Merge => format!("Merge into {}", name(*actor)),
                Picked::Split => format!("Split off {}", name(*actor)),
            };
            let all = candidates(app, *actor, *what, filter.value());
            let shown = 8;
            let start = (sel / shown) * shown;
            let mut first = filter.spans(pal);
            first.push(dim("  type to filter, ↑↓ choose, Enter picks, Esc cancels"));
            let mut lines = vec![Line::from(first)];
            for (i, c) in all.iter().enumerate().skip(start).take(shown) {
                let label = match c {
                    Candidate::Actor(id) => {
                        let a = &app.analysis().actors[*id];
                        format!("{} ({}, {})", one_line(&a.name), a.kind.as_str(), a.mentions.len())
                    }
                    Candidate::Name(n) => one_line(n),
                };
                let style = if i == *sel {
                    Style::new().add_modifier(Modifier::REVERSED)
                } else {
                    Style::new()
                };
                lines.push(Line::from(TextSpan::styled(label, style)));
            }
            if all.is_empty() {
                lines.push(Line::from(dim("nothing matches")));
            }
            (title, lines)
        }
    }
}
