//! The user's settings: where whosaid keeps its files, and the config file.
//!
//! The config is TOML (assets/config.toml is the default, printed with comments by
//! `--print-default-config`): palette, mouse, wrap width, side-pane widths and key
//! overrides. It lives in the platform's config directory (etcetera's base strategy:
//! `$XDG_CONFIG_HOME/whosaid`, `~/.config/whosaid`), or in `$WHOSAID_CONFIG_DIR`; the
//! reading state lives in the state directory (`$XDG_STATE_HOME/whosaid`,
//! `~/.local/state/whosaid`), or in `$WHOSAID_STATE_DIR`. The environment variables are
//! what tests use to keep away from the real user's files.
//!
//! A config that does not parse is reported as `path:line:column: reason` and the
//! defaults are used; whosaid writes the config file only when asked to import feeds
//! into it ([`subscriptions`]).

pub mod keymap;
pub mod subscriptions;
pub mod theme;

use crate::store::userlex::ParseError;
use keymap::{Action, Binding, Chord, Keymap};
use ratatui::style::{Color, Style};
use serde::{Deserialize, Deserializer};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use theme::Palette;
use toml::Spanned;

const DEFAULT: &str = include_str!("../../assets/config.toml");

/// Where whosaid's own files are. Either directory may be unknown (no home directory):
/// then nothing is read from or saved there.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Paths {
    pub config_dir: Option<PathBuf>,
    pub state_dir: Option<PathBuf>,
}

impl Paths {
    /// `$WHOSAID_CONFIG_DIR` and `$WHOSAID_STATE_DIR` when set, else the platform's
    /// directories with a `whosaid` folder in each.
    pub fn from_env() -> Paths {
        use etcetera::BaseStrategy;
        let base = etcetera::choose_base_strategy().ok();
        let env = |name: &str| std::env::var_os(name).filter(|v| !v.is_empty()).map(PathBuf::from);
        let config_dir = env("WHOSAID_CONFIG_DIR")
            .or_else(|| base.as_ref().map(|b| b.config_dir().join("whosaid")));
        let state_dir = env("WHOSAID_STATE_DIR").or_else(|| {
            base.as_ref().map(|b| b.state_dir().unwrap_or_else(|| b.data_dir()).join("whosaid"))
        });
        Paths { config_dir, state_dir }
    }

    /// Both directories under one root, for tests and for a portable install.
    pub fn under(root: &Path) -> Paths {
        Paths { config_dir: Some(root.join("config")), state_dir: Some(root.join("state")) }
    }

    pub fn config_file(&self) -> Option<PathBuf> {
        self.config_dir.as_ref().map(|d| d.join("config.toml"))
    }

    /// The user lexicon that `--lexicon` replaces; corrections are written to it.
    pub fn lexicon_file(&self) -> Option<PathBuf> {
        self.config_dir.as_ref().map(|d| d.join("lexicon.toml"))
    }

    /// The keymap file of earlier versions: `$WHOSAID_KEYMAP`, else keymap.toml in the
    /// config directory. Still read, under the config's own `[keys]`.
    pub fn keymap_file(&self) -> Option<PathBuf> {
        std::env::var_os("WHOSAID_KEYMAP")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .or_else(|| self.config_dir.as_ref().map(|d| d.join("keymap.toml")))
    }

    /// The reading state: each article's place.
    pub fn read_file(&self) -> Option<PathBuf> {
        self.state_dir.as_ref().map(|d| d.join("read.json"))
    }

    /// The reading state: each article's place.
    pub fn places_file(&self) -> Option<PathBuf> {
        self.state_dir.as_ref().map(|d| d.join("places.json"))
    }
}

/// A colour setting: a colour, or none (the terminal's own).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Colour(pub Option<Color>);

impl<'de> Deserialize<'de> for Colour {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Colour, D::Error> {
        let s = String::deserialize(d)?;
        if s.trim().eq_ignore_ascii_case("none") {
            return Ok(Colour(None));
        }
        s.trim().parse::<Color>().map(|c| Colour(Some(c))).map_err(|_| {
            serde::de::Error::custom(format!(
                "colour {s:?}: use a name (red, lightblue), \"#rrggbb\", 0-255 or \"none\""
            ))
        })
    }
}

/// How far back the subscriptions' items are listed: the last so many seconds, or
/// (`None`) every item. "Today's news" is the last 24 hours by default, not the items
/// since midnight: a morning's reading would otherwise be nearly empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Since(pub Option<u64>);

impl Since {
    pub const DEFAULT: Since = Since(Some(24 * 3600));

    /// "24 h", "3 days", "2 weeks"; `None` for every item.
    pub fn span(self) -> Option<String> {
        let s = self.0?;
        const DAY: u64 = 86_400;
        Some(match s {
            _ if s >= 14 * DAY && s % (7 * DAY) == 0 => format!("{} weeks", s / (7 * DAY)),
            _ if s >= 2 * DAY && s % DAY == 0 => format!("{} days", s / DAY),
            _ => format!("{} h", s / 3600),
        })
    }
}

/// Reads a span of time as `--since` and `feeds_since` take it: a whole number and a
/// unit, `h` (hours), `d` (days) or `w` (weeks), as in `36h`, `3d`, `1w`; or `all`.
///
/// # Errors
/// Anything else, with what would be understood.
pub fn parse_since(text: &str) -> Result<Since, String> {
    let t = text.trim().to_ascii_lowercase();
    if t == "all" {
        return Ok(Since(None));
    }
    let wrong = || format!("{text:?}: a span such as 24h, 3d or 2w is wanted, or all");
    let unit = match t.chars().last() {
        Some('h') => 3600,
        Some('d') => 86_400,
        Some('w') => 7 * 86_400,
        _ => return Err(wrong()),
    };
    let n: u64 = t[..t.len() - 1].trim().parse().map_err(|_| wrong())?;
    // Ten years is "all" for news; more would overflow the clock's arithmetic.
    if n == 0 || n.saturating_mul(unit) > 10 * 366 * 86_400 {
        return Err(wrong());
    }
    Ok(Since(Some(n * unit)))
}

impl<'de> Deserialize<'de> for Since {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Since, D::Error> {
        let s = String::deserialize(d)?;
        parse_since(&s).map_err(serde::de::Error::custom)
    }
}

/// The `[palette]` table. A colour left out keeps the built-in one (these defaults are
/// ui's Palette, which a test checks).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Colours {
    pub color: bool,
    pub person: Colour,
    pub organization: Colour,
    pub place: Colour,
    pub quote: Colour,
    #[serde(rename = "match")]
    pub matched: Colour,
    pub focus: Colour,
    pub link: Colour,
}

impl Default for Colours {
    fn default() -> Self {
        let rgb = |r, g, b| Colour(Some(Color::Rgb(r, g, b)));
        Colours {
            color: true,
            person: rgb(213, 94, 0),
            organization: rgb(0, 114, 178),
            place: rgb(0, 158, 115),
            quote: rgb(204, 121, 167),
            matched: rgb(230, 159, 0),
            focus: rgb(86, 180, 233),
            link: rgb(86, 180, 233),
        }
    }
}

/// What the reader's drawing takes from the config.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct View {
    pub palette: Colours,
    /// Widest article line; 0: the pane's width.
    pub wrap: u16,
    /// Left and right pane widths on wide screens; 0: automatic.
    pub actors_width: u16,
    pub quotes_width: u16,
}

impl View {
    /// The reader's styles: the built-in palette with the configured colours. `color`
    /// is false under NO_COLOR, which wins over the config.
    pub fn palette(&self, color: bool) -> Palette {
        let p = &self.palette;
        let mut pal = Palette::new(color && p.color);
        if color && p.color {
            let set = |style: &mut Style, c: Colour| style.fg = c.0;
            set(&mut pal.person, p.person);
            set(&mut pal.organization, p.organization);
            set(&mut pal.place, p.place);
            set(&mut pal.quote, p.quote);
            set(&mut pal.matched, p.matched);
            set(&mut pal.focus, p.focus);
            set(&mut pal.link, p.link);
        }
        pal
    }

    /// The width of the side panes on a screen `width` wide.
    pub fn side_widths(&self, width: u16) -> (u16, u16) {
        let auto = (width / 4).clamp(24, 40);
        let pick = |w: u16| if w == 0 { auto } else { w.min(width / 3).max(10) };
        (pick(self.actors_width), pick(self.quotes_width))
    }

    /// The article's wrap width in a pane `width` wide.
    pub fn wrap_width(&self, width: u16) -> u16 {
        if self.wrap == 0 { width } else { width.min(self.wrap.max(10)) }
    }
}

/// How the reader shows articles, fixed once from the settings in effect and handed to
/// every reader `App` when it is made: an article opened from the Library
/// and one opened alone cannot differ, because there is no later step to forget.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ViewSettings {
    /// Palette, wrap width and pane widths from the config.
    pub view: View,
    /// False under NO_COLOR: kinds are told apart by bold, underline and italic.
    pub color: bool,
    /// Capture the mouse (wheel scrolls, clicks select); off leaves text selection to
    /// the terminal.
    pub mouse: bool,
    /// How many rows the help has (the keymap in effect), to scroll it.
    pub help_len: usize,
}

impl Default for ViewSettings {
    /// The built-in settings, with colour: what tests and benches draw with.
    fn default() -> Self {
        ViewSettings {
            view: View::default(),
            color: true,
            mouse: true,
            help_len: Keymap::builtin().help_rows().len(),
        }
    }
}

impl ViewSettings {
    /// The settings as loaded, `--no-mouse` and the environment's NO_COLOR applied.
    pub fn new(settings: &Settings, no_mouse: bool) -> ViewSettings {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        ViewSettings {
            view: settings.config.view(),
            color: !no_color,
            mouse: settings.config.mouse && !no_mouse,
            help_len: settings.keymap.help_rows().len(),
        }
    }

    /// The reader's styles under these settings.
    pub fn palette(&self) -> Palette {
        self.view.palette(self.color)
    }
}

/// The config file.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub mouse: bool,
    pub wrap: u16,
    pub actors_width: u16,
    pub quotes_width: u16,
    /// Seconds to wait for a connection when fetching a URL or a feed.
    pub connect_timeout: f64,
    /// Seconds a whole request may take, body included.
    pub timeout: f64,
    /// Megabytes the cache of fetched pages may hold; 0 keeps none.
    pub cache_size_mb: u64,
    /// The subscribed feeds, which `--feeds` opens.
    pub feeds: Vec<String>,
    /// How far back `--feeds` lists items: `"24h"`, `"3d"`, `"1w"`, or `"all"`.
    pub feeds_since: Since,
    pub palette: Colours,
    /// Action name → keys, checked by [`Config::parse`] with their places in the file.
    pub keys: BTreeMap<Spanned<String>, Spanned<Vec<String>>>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            mouse: true,
            wrap: 0,
            actors_width: 0,
            quotes_width: 0,
            connect_timeout: 10.0,
            timeout: 30.0,
            cache_size_mb: 64,
            feeds: Vec::new(),
            feeds_since: Since::DEFAULT,
            palette: Colours::default(),
            keys: BTreeMap::new(),
        }
    }
}

impl Config {
    /// Parses a config file's text, checking every action name and key.
    ///
    /// # Errors
    /// Where and why the text is not a config.
    pub fn parse(text: &str) -> Result<Config, ParseError> {
        let config: Config = toml::from_str(text).map_err(|e| ParseError::from_toml(text, &e))?;
        config.keymap_over(&Keymap::builtin(), text)?;
        for (name, value) in
            [("connect_timeout", config.connect_timeout), ("timeout", config.timeout)]
        {
            if !(value.is_finite() && value > 0.0 && value <= 86_400.0) {
                return Err(ParseError {
                    line: text[..text.find(name).unwrap_or(0)].matches('\n').count() + 1,
                    column: 1,
                    reason: format!("{name} = {value}: a number of seconds above 0 is wanted"),
                });
            }
        }
        Ok(config)
    }

    pub fn view(&self) -> View {
        View {
            palette: self.palette,
            wrap: self.wrap,
            actors_width: self.actors_width,
            quotes_width: self.quotes_width,
        }
    }

    /// `base` with the `[keys]` table laid over it, or where and why the table cannot
    /// be used (a key of two actions, an action left with none: see
    /// [`Keymap::overlaid_checked`]).
    fn keymap_over(&self, base: &Keymap, text: &str) -> Result<Keymap, ParseError> {
        let bindings = self.bindings(text)?;
        let spans: Vec<_> = self.keys.values().map(Spanned::span).collect();
        base.overlaid_checked(&bindings)
            .map_err(|c| error_at(text, spans.get(c.binding).cloned().unwrap_or(0..0), c.reason))
    }

    /// The `[keys]` table as keymap bindings.
    fn bindings(&self, text: &str) -> Result<Vec<Binding>, ParseError> {
        let at = |span: std::ops::Range<usize>, reason: String| error_at(text, span, reason);
        let mut out = Vec::new();
        for (name, keys) in &self.keys {
            let de =
                serde::de::value::StrDeserializer::<serde::de::value::Error>::new(name.get_ref());
            let action = Action::deserialize(de).map_err(|_| {
                at(
                    name.span(),
                    format!("unknown action {:?} (see --print-default-config)", name.get_ref()),
                )
            })?;
            for k in keys.get_ref() {
                Chord::parse(k).map_err(|e| at(keys.span(), format!("{e:#}")))?;
            }
            out.push(Binding { action, keys: keys.get_ref().clone() });
        }
        Ok(out)
    }
}

/// A problem at a byte span of a file's text, as `line:column: reason`.
fn error_at(text: &str, span: std::ops::Range<usize>, reason: String) -> ParseError {
    let before = text.get(..span.start.min(text.len())).unwrap_or("");
    ParseError {
        line: before.matches('\n').count() + 1,
        column: before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1,
        reason,
    }
}

/// The config in effect, with what went wrong reading it.
#[derive(Debug, Clone)]
pub struct Settings {
    pub config: Config,
    pub keymap: Keymap,
    /// Files that could not be used, as `path:line:column: reason`; the defaults stood in.
    pub problems: Vec<String>,
}

impl Settings {
    /// Reads the config (`explicit`, else config.toml in the config directory) and the
    /// keymap (built in, then the old keymap file, then the config's `[keys]`). Never
    /// fails: what cannot be read or parsed is reported and left at its default.
    pub fn load(explicit: Option<&Path>, paths: &Paths) -> Settings {
        let mut problems = Vec::new();
        let mut config = Config::default();
        let mut text = String::new();
        if let Some(path) = explicit.map(Path::to_path_buf).or_else(|| paths.config_file()) {
            match std::fs::read_to_string(&path) {
                Ok(t) => match Config::parse(&t) {
                    Ok(c) => {
                        config = c;
                        text = t;
                    }
                    Err(e) => problems.push(format!("{}; using the defaults", e.at(&path))),
                },
                Err(e) if e.kind() == std::io::ErrorKind::NotFound && explicit.is_none() => {}
                Err(e) => problems.push(format!("{}: cannot read: {e}", path.display())),
            }
        }
        let mut keymap = Keymap::builtin();
        if let Some(path) = paths.keymap_file() {
            match std::fs::read_to_string(&path) {
                Ok(t) => match Keymap::parse_spanned(&t) {
                    Ok((user, spans)) => match keymap.overlaid_checked(user.bindings()) {
                        Ok(k) => keymap = k,
                        Err(c) => {
                            let span = spans.get(c.binding).cloned().unwrap_or(0..0);
                            let e = error_at(&t, span, c.reason);
                            problems.push(format!("{}; using the built-in keys", e.at(&path)));
                        }
                    },
                    Err(e) => {
                        problems.push(format!("{}: {e:#}; using the built-in keys", path.display()))
                    }
                },
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => problems.push(format!("{}: cannot read: {e}", path.display())),
            }
        }
        // Checked over the built-in keys when parsed; the old file's keys may still
        // clash with it, and then the config's keys are left out, said where.
        match config.keymap_over(&keymap, &text) {
            Ok(k) => keymap = k,
            Err(e) => {
                let path = explicit.map(Path::to_path_buf).or_else(|| paths.config_file());
                let path = path.unwrap_or_default();
                problems.push(format!("{}; the config's keys are left out", e.at(&path)));
            }
        }
        Settings { config, keymap, problems }
    }
}

/// The default config with comments, ending with every action and its built-in keys
/// (commented out), so the printed file is complete and parses to the defaults.
pub fn default_text() -> String {
    let mut out = DEFAULT.to_owned();
    let keymap = Keymap::builtin();
    let width = keymap.bindings().iter().map(|b| action_name(b.action).len()).max().unwrap_or(0);
    for b in keymap.bindings() {
        let keys: Vec<String> = b.keys.iter().map(|k| format!("{k:?}")).collect();
        let line = format!("{:<width$} = [{}]", action_name(b.action), keys.join(", "));
        out.push_str(&format!("# {line:<40} # {}\n", b.action.describe()));
    }
    out
}

/// The name of an action in the keymap and config files ("page_down").
pub fn action_name(action: Action) -> String {
    let debug = format!("{action:?}");
    let mut out = String::new();
    for (i, c) in debug.chars().enumerate() {
        if c.is_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod since_tests {
    use super::*;

    #[test]
    fn spans_read_as_hours_days_weeks_or_all() {
        assert_eq!(parse_since("24h"), Ok(Since(Some(86_400))));
        assert_eq!(parse_since(" 3D "), Ok(Since(Some(3 * 86_400))));
        assert_eq!(parse_since("2w"), Ok(Since(Some(14 * 86_400))));
        assert_eq!(parse_since("all"), Ok(Since(None)));
        for bad in ["", "h", "0h", "-3d", "3", "3 days", "1.5d", "99999w"] {
            assert!(parse_since(bad).is_err(), "{bad:?}");
        }
        let span = |s: &str| parse_since(s).unwrap().span();
        assert_eq!(span("24h").as_deref(), Some("24 h"));
        assert_eq!(span("36h").as_deref(), Some("36 h"));
        assert_eq!(span("1d").as_deref(), Some("24 h"));
        assert_eq!(span("3d").as_deref(), Some("3 days"));
        assert_eq!(span("1w").as_deref(), Some("7 days"));
        assert_eq!(span("2w").as_deref(), Some("2 weeks"));
        assert_eq!(span("all"), None);
        assert_eq!(Config::default().feeds_since, parse_since("24h").unwrap());
        let bad = Config::parse("feeds_since = \"soon\"\n").unwrap_err();
        assert_eq!(bad.line, 1);
        assert!(bad.reason.contains("24h, 3d or 2w"), "{}", bad.reason);
    }
}
