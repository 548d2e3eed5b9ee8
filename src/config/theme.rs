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
