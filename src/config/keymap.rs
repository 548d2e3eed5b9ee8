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
    /// Open the article's web address in the browser; done by the run loop.
    OpenLink,
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
            Action::OpenLink => "open in the browser",
            Action::Reload => "fetch again from the web",
            Action::Resize(..)
            | Action::Tick
            | Action::Input(_)
            | Action::Backspace
            | Action::Wheel { .. }
            | Action::Click { .. } => "",
        }
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

/// One line of the keymap file.
#[derive(Debug, Clone, Deserialize)]
pub struct Binding {
    pub action: Action,
    pub keys: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct File {
    bind: Vec<Binding>,
}

/// The keys, in the file's order for the help overlay, and indexed for dispatch.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: Vec<Binding>,
    index: HashMap<Chord, Action>,
}

impl Keymap {
    /// The keymap shipped in assets/keymap.toml.
    pub fn builtin() -> Keymap {
        // The built-in file is tested (`builtin_keymap_parses`), so this cannot fail at
        // run time; a broken asset is a build of ours, not a user's input.
        Keymap::parse(BUILTIN).expect("assets/keymap.toml is valid")
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

    /// Parses a keymap in the format of assets/keymap.toml.
    pub fn parse(toml_text: &str) -> Result<Keymap> {
        let file: File = toml::from_str(toml_text).context("keymap")?;
        let mut index = HashMap::new();
        for b in &file.bind {
            for k in &b.keys {
                index.insert(Chord::parse(k)?, b.action);
            }
        }
        Ok(Keymap { bindings: file.bind, index })
    }

    /// The keys of a binding as the help shows them ("j, ↓").
    pub fn labels(b: &Binding) -> String {
        b.keys.iter().map(|k| label(k)).collect::<Vec<_>>().join(", ")
    }

    pub fn bindings(&self) -> &[Binding] {
        &self.bindings
    }

    /// The action for a key press. While the user types a search, keys are text.
    pub fn action_for(&self, key: KeyEvent, typing: bool) -> Option<Action> {
        if typing {
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
        self.index.get(&Chord::from_event(key)).copied()
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
    fn unknown_keys_are_refused() {
        assert!(Keymap::parse("[[bind]]\naction = \"quit\"\nkeys = [\"hyper-x\"]").is_err());
        assert!(Keymap::parse("[[bind]]\naction = \"fly\"\nkeys = [\"x\"]").is_err());
    }
}
