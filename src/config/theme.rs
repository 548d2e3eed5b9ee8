//! The one theme: the styles of names by kind, quotes, marks and focus, shared by the
//! reader and `--ansi`, with the config's colours laid over the built-in ones.

use crate::analysis::Kind;
use ratatui::style::{Color, Modifier, Style};

/// The styles. No background is ever painted, so the reader works on light and dark
/// terminals; each kind has a colour from the Okabe–Ito set (told apart with the common
/// colour-vision deficiencies) and, without colour, its own text attribute.
#[derive(Debug, Clone, Copy)]
pub struct Palette {
    pub person: Style,
    pub organization: Style,
    pub place: Style,
    pub quote: Style,
    pub mark: Style,
    pub matched: Style,
    pub dim: Style,
    pub focus: Style,
    /// Linked words: underlined, in a colour of their own. A name or a quote on them
    /// keeps its own colour and attributes over it, with the underline.
    pub link: Style,
}

impl Palette {
    pub fn new(color: bool) -> Palette {
        let bold = Modifier::BOLD;
        if color {
            Palette {
                person: Style::new().fg(Color::Rgb(213, 94, 0)).add_modifier(bold),
                organization: Style::new().fg(Color::Rgb(0, 114, 178)).add_modifier(bold),
                place: Style::new().fg(Color::Rgb(0, 158, 115)).add_modifier(bold),
                quote: Style::new().fg(Color::Rgb(204, 121, 167)).add_modifier(Modifier::ITALIC),
                mark: Style::new().add_modifier(Modifier::REVERSED),
                matched: Style::new()
                    .fg(Color::Rgb(230, 159, 0))
                    .add_modifier(Modifier::UNDERLINED | bold),
                dim: Style::new().add_modifier(Modifier::DIM),
                focus: Style::new().fg(Color::Rgb(86, 180, 233)).add_modifier(bold),
                link: Style::new().fg(Color::Rgb(86, 180, 233)).add_modifier(Modifier::UNDERLINED),
            }
        } else {
            Palette {
                person: Style::new().add_modifier(bold),
                organization: Style::new().add_modifier(Modifier::UNDERLINED),
                place: Style::new().add_modifier(Modifier::ITALIC),
                quote: Style::new().add_modifier(Modifier::DIM),
                mark: Style::new().add_modifier(Modifier::REVERSED),
                matched: Style::new().add_modifier(Modifier::UNDERLINED | bold),
                dim: Style::new().add_modifier(Modifier::DIM),
                focus: Style::new().add_modifier(bold),
                link: Style::new().add_modifier(Modifier::UNDERLINED),
            }
        }
    }

    pub fn kind(&self, kind: Kind) -> Style {
        match kind {
            Kind::Person => self.person,
            Kind::Organization => self.organization,
            Kind::Place => self.place,
        }
    }
}

/// The SGR escape that turns `style` on, for `--ansi` output: the same colours and
/// attributes the reader draws with. Empty for the plain style.
pub fn sgr(style: Style) -> String {
    let mut p: Vec<String> = Vec::new();
    let m = style.add_modifier;
    for (bit, code) in [
        (Modifier::BOLD, "1"),
        (Modifier::DIM, "2"),
        (Modifier::ITALIC, "3"),
        (Modifier::UNDERLINED, "4"),
        (Modifier::REVERSED, "7"),
    ] {
        if m.contains(bit) {
            p.push(code.to_owned());
        }
    }
    if let Some(fg) = style.fg {
        p.push(match fg {
            Color::Rgb(r, g, b) => format!("38;2;{r};{g};{b}"),
            Color::Indexed(i) => format!("38;5;{i}"),
            Color::Black => "30".into(),
            Color::Red => "31".into(),
            Color::Green => "32".into(),
            Color::Yellow => "33".into(),
            Color::Blue => "34".into(),
            Color::Magenta => "35".into(),
            Color::Cyan => "36".into(),
            Color::Gray => "37".into(),
            Color::DarkGray => "90".into(),
            Color::LightRed => "91".into(),
            Color::LightGreen => "92".into(),
            Color::LightYellow => "93".into(),
            Color::LightBlue => "94".into(),
            Color::LightMagenta => "95".into(),
            Color::LightCyan => "96".into(),
            Color::White => "97".into(),
            Color::Reset => "39".into(),
        });
    }
    if p.is_empty() { String::new() } else { format!("\x1b[{}m", p.join(";")) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sgr_is_the_style_as_drawn() {
        let pal = Palette::new(true);
        assert_eq!(sgr(pal.person), "\x1b[1;38;2;213;94;0m");
        assert_eq!(sgr(Palette::new(false).organization), "\x1b[4m");
        assert_eq!(sgr(Style::new()), "");
        assert_eq!(sgr(Style::new().fg(Color::Red)), "\x1b[31m");
    }
}
