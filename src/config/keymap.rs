//! Which key does what: the built-in keymap (assets/keymap.toml) and key-event lookup.
//!
//! The keymap is data, compiled into the binary and parsed once, so the help overlay is
//! drawn from the same table that dispatches keys and the two can never disagree.

use anyhow::{Context, Result, bail};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use serde::Deserialize;
use std::collections::HashMap;

const BUILTIN: &str = include_str!("../../assets/keymap.toml");

/// Everything the user can ask for. The ones with names are bound in
/// assets/keymap.toml; the others come from the terminal itself. The reader's
/// `update` takes them; they live here, with the keys, so the settings need nothing of
/// the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Down,
    Up,
    PageDown,
    PageUp,
    HalfDown,
    HalfUp,
    Top,
    Bottom,
    FocusNext,
    FocusPrev,
    /// Enter: jump to what is selected, or run the search being typed.
    Activate,
    /// Next mention of the selected actor, or next search match while a search is on.
    Next,
    Prev,
    NextQuote,
    PrevQuote,
    /// Next / previous quote by the speaker of the current quote.
    NextSameSpeaker,
    PrevSameSpeaker,
    Search,
    ShowAll,
    ShowPeople,
    ShowOrganizations,
    ShowPlaces,
    /// Esc: close the help, stop typing, end the search.
    Cancel,
    Help,
    /// Back one level (an article to the Library, the actors to the articles); at the
    /// top, quit.
    Quit,
    /// Quit at once, from anywhere.
    Exit,
    /// Ctrl-Z: give the terminal back to the shell and stop; done by the run loop.
    Suspend,
    /// Correct the selected actor (rename, kind, merge, split, never, add a name).
    Correct,
    /// Undo the last correction.
    Undo,
    /// Back to the library of articles (several inputs); the library pane handles it.
    Library,
    /// Next / previous link of the article's text: marks it, and its address shows in
    /// the status line.
    NextLink,
    PrevLink,
    /// Open the link jumped to, else the article's web address, in the browser; done by
    /// the run loop.
    OpenLink,
    /// Copy the current quote with its attribution (OSC 52); done by the run loop.
    Yank,
    /// Copy the whole quote sheet as Markdown (OSC 52).
    YankSheet,
    /// Fetch the feeds and pages again (revalidated through the cache); done by the run
    /// loop.
    Reload,
    #[serde(skip)]
    Resize(u16, u16),
    /// Time passed while the background works: the spinner turns.
    #[serde(skip)]
    Tick,
    #[serde(skip)]
    Input(char),
    #[serde(skip)]
    Backspace,
    /// A key that edits the line being typed: cursor moves and deletions, as in a
    /// shell's line editor.
    #[serde(skip)]
    Edit(LineEdit),
    /// The mouse wheel over a cell: scrolls the pane under the pointer.
    #[serde(skip)]
    Wheel {
        x: u16,
        y: u16,
        down: bool,
    },
    /// A click on a cell: a row of a list selects it, a highlighted name its actor.
    #[serde(skip)]
    Click {
        x: u16,
        y: u16,
    },
}

impl Action {
    /// What the action does, for the help overlay.
    pub fn describe(self) -> &'static str {
        match self {
            Action::Down => "scroll down / next row",
            Action::Up => "scroll up / previous row",
            Action::PageDown => "page down",
            Action::PageUp => "page up",
            Action::HalfDown => "half a page down",
            Action::HalfUp => "half a page up",
            Action::Top => "top / first row",
            Action::Bottom => "end / last row",
            Action::FocusNext => "focus the next pane",
            Action::FocusPrev => "focus the previous pane",
            Action::Activate => "jump to the selected row",
            Action::Next => "next mention / match",
            Action::Prev => "previous mention / match",
            Action::NextQuote => "next quote",
            Action::PrevQuote => "previous quote",
            Action::NextSameSpeaker => "next quote by speaker",
            Action::PrevSameSpeaker => "earlier quote by speaker",
            Action::Search => "search the article",
            Action::ShowAll => "list all actors",
            Action::ShowPeople => "list people only",
            Action::ShowOrganizations => "list organizations only",
            Action::ShowPlaces => "list places only",
            Action::Cancel => "close / end the search",
            Action::Help => "this help",
            Action::Quit => "back / quit",
            Action::Exit => "quit at once",
            Action::Suspend => "suspend (fg resumes)",
            Action::Correct => "correct the actor",
            Action::Undo => "undo a correction",
            Action::Library => "back to the library",
            Action::NextLink => "next link in the text",
            Action::PrevLink => "previous link",
            Action::OpenLink => "open the link / article",
            Action::Yank => "copy the quote",
            Action::YankSheet => "copy all quotes",
            Action::Reload => "fetch again from the web",
            Action::Resize(..)
            | Action::Tick
            | Action::Input(_)
            | Action::Backspace
            | Action::Edit(_)
            | Action::Wheel { .. }
            | Action::Click { .. } => "",
        }
    }
}

/// The line-editing keys of a prompt, the ones readline and every shell have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineEdit {
    /// ← / Ctrl-b
    Left,
    /// → / Ctrl-f
    Right,
    /// Ctrl-← / Alt-b
    WordLeft,
    /// Ctrl-→ / Alt-f
    WordRight,
    /// Home / Ctrl-a
    Home,
    /// End / Ctrl-e
    End,
    /// Delete / Ctrl-d: the character under the cursor.
    DeleteNext,
    /// Ctrl-w / Alt-Backspace: the word before the cursor.
    DeleteWordBack,
    /// Ctrl-u: everything before the cursor.
    DeleteToStart,
    /// Ctrl-k: everything from the cursor on.
    DeleteToEnd,
}

impl LineEdit {
    /// The edit a key makes while a line is typed, if any.
    fn of(chord: Chord) -> Option<LineEdit> {
        let ctrl = chord.mods == KeyModifiers::CONTROL;
        let alt = chord.mods == KeyModifiers::ALT;
        Some(match chord.code {
            KeyCode::Left if ctrl => LineEdit::WordLeft,
            KeyCode::Right if ctrl => LineEdit::WordRight,
            KeyCode::Left => LineEdit::Left,
            KeyCode::Right => LineEdit::Right,
            KeyCode::Home => LineEdit::Home,
            KeyCode::End => LineEdit::End,
            KeyCode::Delete => LineEdit::DeleteNext,
            KeyCode::Backspace if alt || ctrl => LineEdit::DeleteWordBack,
            KeyCode::Char(c) if ctrl => match c {
                'a' => LineEdit::Home,
                'e' => LineEdit::End,
                'b' => LineEdit::Left,
                'f' => LineEdit::Right,
                'd' => LineEdit::DeleteNext,
                'w' => LineEdit::DeleteWordBack,
                'u' => LineEdit::DeleteToStart,
                'k' => LineEdit::DeleteToEnd,
                _ => return None,
            },
            KeyCode::Char(c) if alt => match c {
                'b' => LineEdit::WordLeft,
                'f' => LineEdit::WordRight,
                _ => return None,
            },
            _ => return None,
        })
    }
}

/// A key as the keymap names it: the code and the modifiers that change its meaning.
///
/// N.B. Shift is dropped: it is already in the character ('N', '?') and in BackTab, and
/// terminals disagree on whether they also report it as a modifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Chord {
    code: KeyCode,
    mods: KeyModifiers,
}

impl Chord {
    pub fn from_event(key: KeyEvent) -> Chord {
        Chord { code: key.code, mods: key.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT) }
    }

    /// Parses "j", "N", "ctrl-d", "pagedown", "backtab", …
    pub fn parse(s: &str) -> Result<Chord> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = s;
        loop {
            if let Some(r) = rest.strip_prefix("ctrl-") {
                mods |= KeyModifiers::CONTROL;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("alt-") {
                mods |= KeyModifiers::ALT;
                rest = r;
            } else {
                break;
            }
        }
        let code = match rest {
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "pageup" => KeyCode::PageUp,
            "pagedown" => KeyCode::PageDown,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "enter" => KeyCode::Enter,
            "esc" => KeyCode::Esc,
            "space" => KeyCode::Char(' '),
            "backspace" => KeyCode::Backspace,
            _ => {
                let mut chars = rest.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => KeyCode::Char(c),
                    _ => bail!("unknown key {s:?}"),
                }
            }
        };
        Ok(Chord { code, mods })
    }
}

/// How the help overlay shows a key of the keymap file: short, in the words printed
/// on keyboards.
pub fn label(key: &str) -> String {
    let (prefix, rest) = match key.strip_prefix("ctrl-") {
        Some(r) => ("Ctrl-", r),
        None => match key.strip_prefix("alt-") {
            Some(r) => ("Alt-", r),
            None => ("", key),
        },
    };
    let name = match rest {
        "up" => "↑",
        "down" => "↓",
        "left" => "←",
        "right" => "→",
        "pageup" => "PgUp",
        "pagedown" => "PgDn",
        "home" => "Home",
        "end" => "End",
        "tab" => "Tab",
        "backtab" => "S-Tab",
        "enter" => "Enter",
        "esc" => "Esc",
        "space" => "Space",
        "backspace" => "Bksp",
        other => other,
    };
    format!("{prefix}{name}")
}

/// The widest line of keys in the help overlay; see [`Keymap::help_rows`].
pub const HELP_KEYS_WIDTH: usize = 11;

/// One line of the keymap file.
#[derive(Debug, Clone, Deserialize)]
pub struct Binding {
    pub action: Action,
    pub keys: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct File {
    bind: Vec<toml::Spanned<Binding>>,
}

/// The one key that cannot be rebound: Ctrl-c quits from anywhere, as in every other
/// terminal program, so a keymap can never trap the user.
fn interrupt() -> Chord {
    Chord { code: KeyCode::Char('c'), mods: KeyModifiers::CONTROL }
}

/// Why a keymap was refused: the user binding at fault (its index in the list given),
/// and what is wrong, in the words of the config file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    pub binding: usize,
    pub reason: String,
}

/// The keys, in the file's order for the help overlay, and indexed for dispatch.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: Vec<Binding>,
    index: HashMap<Chord, Action>,
}

impl Keymap {
    /// The keymap shipped in assets/keymap.toml.
    ///
    /// N.B. Parsed once a process: the help text and the settings both ask for it, and
    /// each parse of the TOML was 0.39 M instructions, a seventh of a short article's
    /// whole `--json` run.
    pub fn builtin() -> Keymap {
        static PARSED: std::sync::LazyLock<Keymap> = std::sync::LazyLock::new(|| {
            // The built-in file is tested (`builtin_keymap_parses`), so this cannot fail
            // at run time; a broken asset is a build of ours, not a user's input.
            Keymap::parse(BUILTIN).expect("assets/keymap.toml is valid")
        });
        PARSED.clone()
    }

    /// This keymap with `user`'s bindings replacing those of the same actions.
    pub fn overlaid(self, user: Keymap) -> Keymap {
        let mut bindings = self.bindings;
        for u in user.bindings {
            match bindings.iter_mut().find(|b| b.action == u.action) {
                Some(b) => b.keys = u.keys,
                None => bindings.push(u),
            }
        }
        let mut index = HashMap::new();
        for b in &bindings {
            for k in &b.keys {
                // Both files were parsed already, so every key here parses.
                if let Ok(c) = Chord::parse(k) {
                    index.insert(c, b.action);
                }
            }
        }
        Keymap { bindings, index }
    }

    /// A keymap of these bindings alone, to lay over another (the config's `[keys]`).
    pub fn from_bindings(bindings: Vec<Binding>) -> Keymap {
        let empty = Keymap { bindings: Vec::new(), index: HashMap::new() };
        empty.overlaid(Keymap { bindings, index: HashMap::new() })
    }

    /// This keymap with `user`'s bindings replacing those of the same actions, refused
    /// when the result would be ambiguous or leave the user stuck: a key given to two
    /// actions (the user's, or a user's and a built-in one the user left as it was), an
    /// action left without a key, or Ctrl-c given to anything but quitting.
    ///
    /// N.B. A key the user takes for one action is not quietly taken from another: the
    /// other would lose it without a word, and the help would not say why.
    pub fn overlaid_checked(&self, user: &[Binding]) -> Result<Keymap, Conflict> {
        let name = crate::config::action_name;
        let mut owner: HashMap<Chord, (Action, Option<usize>)> = HashMap::new();
        for b in &self.bindings {
            if user.iter().any(|u| u.action == b.action) {
                continue;
            }
            for k in &b.keys {
                if let Ok(c) = Chord::parse(k) {
                    owner.insert(c, (b.action, None));
                }
            }
        }
        for (i, u) in user.iter().enumerate() {
            let refuse = |reason: String| Conflict { binding: i, reason };
            if u.keys.is_empty() {
                return Err(refuse(format!(
                    "{} has no key; give it one, or leave it out to keep its own",
                    name(u.action)
                )));
            }
            for k in &u.keys {
                let chord = Chord::parse(k).map_err(|e| refuse(format!("{e:#}")))?;
                if chord == interrupt() && u.action != Action::Exit {
                    return Err(refuse(format!(
                        "ctrl-c always quits; give {} another key",
                        name(u.action)
                    )));
                }
                match owner.insert(chord, (u.action, Some(i))) {
                    Some((other, by)) if other != u.action => {
                        let whose = if by.is_none() { " (its built-in key)" } else { "" };
                        return Err(refuse(format!(
                            "{k:?} is bound to both {} and {}{whose}; give one of them another key",
                            name(u.action),
                            name(other)
                        )));
                    }
                    _ => {}
                }
            }
        }
        Ok(self.clone().overlaid(Keymap::from_bindings(user.to_vec())))
    }

    /// Parses a keymap in the format of assets/keymap.toml.
    pub fn parse(toml_text: &str) -> Result<Keymap> {
        Ok(Keymap::parse_spanned(toml_text)?.0)
    }

    /// As [`Keymap::parse`], with the byte span of each binding in the text, so that a
    /// conflict found later can name its line.
    pub fn parse_spanned(toml_text: &str) -> Result<(Keymap, Vec<std::ops::Range<usize>>)> {
        let file: File = toml::from_str(toml_text).context("keymap")?;
        let mut index = HashMap::new();
        for b in &file.bind {
            for k in &b.get_ref().keys {
                index.insert(Chord::parse(k)?, b.get_ref().action);
            }
        }
        let spans = file.bind.iter().map(|b| b.span()).collect();
        let bindings = file.bind.into_iter().map(toml::Spanned::into_inner).collect();
        Ok((Keymap { bindings, index }, spans))
    }

    /// The keys of a binding as the help shows them ("j, ↓").
    pub fn labels(b: &Binding) -> String {
        b.keys.iter().map(|k| label(k)).collect::<Vec<_>>().join(", ")
    }

    /// The help overlay's rows: each binding's keys, in lines of at most
    /// [`HELP_KEYS_WIDTH`] columns (one key that is wider keeps a line of its own), the
    /// first line with what the action does.
    ///
    /// N.B. Wrapped rather than widening the key column for all: one action with three
    /// keys (PgDn, Space, Ctrl-f) would otherwise cut every description at 80 columns.
    pub fn help_rows(&self) -> Vec<(String, &'static str)> {
        use unicode_width::UnicodeWidthStr;
        let mut rows = Vec::new();
        for b in &self.bindings {
            let mut lines: Vec<String> = Vec::new();
            for k in &b.keys {
                let k = label(k);
                match lines.last_mut() {
                    Some(l) if l.width() + 2 + k.width() <= HELP_KEYS_WIDTH => {
                        l.push_str(", ");
                        l.push_str(&k);
                    }
                    _ => lines.push(k),
                }
            }
            if lines.is_empty() {
                lines.push(String::new());
            }
            for (i, l) in lines.into_iter().enumerate() {
                rows.push((l, if i == 0 { b.action.describe() } else { "" }));
            }
        }
        rows
    }

    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// The action for a key press. While the user types a search, keys are text.
    ///
    /// Two keys work whatever the keymap says: Ctrl-c quits (a keymap cannot take it,
    /// see [`Keymap::overlaid_checked`]) and Esc, when it was given to nothing else,
    /// closes whatever is open, as it does in every other program.
    pub fn action_for(&self, key: KeyEvent, typing: bool) -> Option<Action> {
        let chord = Chord::from_event(key);
        if chord == interrupt() {
            return Some(Action::Exit);
        }
        if typing {
            if let Some(edit) = LineEdit::of(chord) {
                return Some(Action::Edit(edit));
            }
            return match key.code {
                KeyCode::Esc => Some(Action::Cancel),
                KeyCode::Enter => Some(Action::Activate),
                KeyCode::Backspace => Some(Action::Backspace),
                // The correction prompt's pick list moves with the arrows.
                KeyCode::Down => Some(Action::Down),
                KeyCode::Up => Some(Action::Up),
                KeyCode::Char(c) if !key.modifiers.contains(KeyModifiers::CONTROL) => {
                    Some(Action::Input(c))
                }
                // Ctrl-Z stops the program whatever it is doing, as in a shell.
                _ => self
                    .index
                    .get(&Chord::from_event(key))
                    .copied()
                    .filter(|&a| a == Action::Suspend),
            };
        }
        match self.index.get(&chord) {
            Some(&a) => Some(a),
            None if chord.code == KeyCode::Esc && chord.mods.is_empty() => Some(Action::Cancel),
            None => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_keymap_parses() {
        let k = Keymap::parse(BUILTIN).unwrap();
        assert!(k.bindings().len() > 10);
    }

    #[test]
    fn shift_is_in_the_character() {
        let k = Keymap::builtin();
        let shifted = KeyEvent::new(KeyCode::Char('N'), KeyModifiers::SHIFT);
        assert_eq!(k.action_for(shifted, false), Some(Action::Prev));
        let ctrl_d = KeyEvent::new(KeyCode::Char('d'), KeyModifiers::CONTROL);
        assert_eq!(k.action_for(ctrl_d, false), Some(Action::HalfDown));
        let backtab = KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(k.action_for(backtab, false), Some(Action::FocusPrev));
    }

    #[test]
    fn typing_a_search_takes_letters_as_text() {
        let k = Keymap::builtin();
        let q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(k.action_for(q, true), Some(Action::Input('q')));
        assert_eq!(k.action_for(q, false), Some(Action::Quit));
    }

    #[test]
    fn a_users_keys_replace_the_builtin_ones_for_their_action() {
        let user = Keymap::parse("[[bind]]\naction = \"down\"\nkeys = [\"e\"]").unwrap();
        let k = Keymap::builtin().overlaid(user);
        let key = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        assert_eq!(k.action_for(key('e'), false), Some(Action::Down));
        assert_eq!(k.action_for(key('j'), false), None, "j is no longer down");
        assert_eq!(k.action_for(key('k'), false), Some(Action::Up), "others keep theirs");
        let down = k.bindings().iter().find(|b| b.action == Action::Down).unwrap();
        assert_eq!(Keymap::labels(down), "e", "the help shows the user's keys");
    }

    #[test]
    fn the_builtin_keys_each_do_one_thing() {
        let none = Keymap::from_bindings(Vec::new());
        assert_eq!(none.overlaid_checked(Keymap::builtin().bindings()).err(), None);
    }

    #[test]
    fn keys_from_less_page() {
        let k = Keymap::builtin();
        let key = |c, m| KeyEvent::new(KeyCode::Char(c), m);
        assert_eq!(k.action_for(key('b', KeyModifiers::NONE), false), Some(Action::PageUp));
        assert_eq!(k.action_for(key('b', KeyModifiers::CONTROL), false), Some(Action::PageUp));
        assert_eq!(k.action_for(key('f', KeyModifiers::CONTROL), false), Some(Action::PageDown));
        assert_eq!(k.action_for(key(' ', KeyModifiers::NONE), false), Some(Action::PageDown));
    }

    #[test]
    fn ctrl_c_quits_and_esc_cancels_whatever_the_keymap_says() {
        let user = [
            Binding { action: Action::Exit, keys: vec!["Q".into()] },
            Binding { action: Action::Cancel, keys: vec!["x".into()] },
        ];
        let k = Keymap::builtin().overlaid_checked(&user).unwrap();
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
        for typing in [false, true] {
            assert_eq!(k.action_for(ctrl_c, typing), Some(Action::Exit), "typing: {typing}");
            assert_eq!(k.action_for(esc, typing), Some(Action::Cancel), "typing: {typing}");
        }
        // Esc given to another action does that instead (outside a prompt).
        let user = [
            Binding { action: Action::Quit, keys: vec!["esc".into()] },
            Binding { action: Action::Cancel, keys: vec!["x".into()] },
        ];
        let k = Keymap::builtin().overlaid_checked(&user).unwrap();
        assert_eq!(k.action_for(esc, false), Some(Action::Quit));
        assert_eq!(k.action_for(esc, true), Some(Action::Cancel));
    }

    #[test]
    fn a_key_of_two_actions_or_an_action_without_keys_is_refused() {
        let b = |action, keys: &[&str]| Binding {
            action,
            keys: keys.iter().map(|k| (*k).to_owned()).collect(),
        };
        let base = Keymap::builtin();
        let err = |user: &[Binding]| base.overlaid_checked(user).unwrap_err();
        let c = err(&[b(Action::Down, &["j"]), b(Action::Up, &["k", "space"])]);
        assert_eq!(c.binding, 1);
        assert!(c.reason.contains("\"space\" is bound to both up and page_down"), "{c:?}");
        assert!(c.reason.contains("built-in"), "{c:?}");
        let c = err(&[b(Action::Down, &["x"]), b(Action::Help, &["?", "x"])]);
        assert_eq!(c.binding, 1);
        assert!(c.reason.contains("\"x\" is bound to both help and down"), "{c:?}");
        assert!(err(&[b(Action::Down, &[])]).reason.contains("down has no key"));
        assert!(err(&[b(Action::Down, &["ctrl-c"])]).reason.contains("ctrl-c always quits"));
        // The same key twice for one action, and the key an action had, are fine.
        assert!(base.overlaid_checked(&[b(Action::Down, &["j", "j", "down"])]).is_ok());
        assert!(base.overlaid_checked(&[b(Action::Exit, &["ctrl-c"])]).is_ok());
    }

    #[test]
    fn unknown_keys_are_refused() {
        assert!(Keymap::parse("[[bind]]\naction = \"quit\"\nkeys = [\"hyper-x\"]").is_err());
        assert!(Keymap::parse("[[bind]]\naction = \"fly\"\nkeys = [\"x\"]").is_err());
    }
}
