//! Markdown articles: the text a reader of the rendered page would read.
//!
//! Headings, paragraphs, list items and block quotes each become a paragraph of the
//! text; emphasis, links and code keep their words and lose their markup, so that no
//! `**` or `](https://…)` is analysed as part of the story. Raw HTML and images are
//! left out; a list item keeps a bullet ("• ", "3. ") so that the list still reads as one.

use super::Article;
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// Renders Markdown to an article; the first top-level heading is the title.
pub fn render(source: &str, markdown: &str) -> Article {
    let options = Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES;
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut title: Option<String> = None;
    let mut in_title = false;
    // The number of the next item of each open list (None for a bulleted list).
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut image_depth = 0usize;
    // Just after an item's bullet: its first paragraph goes on the bullet's line.
    let mut fresh_item = false;
    let flush = |current: &mut String, paragraphs: &mut Vec<String>| {
        let p = current.trim();
        if !p.is_empty() {
            paragraphs.push(p.to_owned());
        }
        current.clear();
    };
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                flush(&mut current, &mut paragraphs);
                in_title = level == HeadingLevel::H1 && title.is_none() && paragraphs.is_empty();
            }
            Event::End(TagEnd::Heading(_)) => {
                if in_title {
                    title = Some(current.trim().to_owned());
                    in_title = false;
                }
                flush(&mut current, &mut paragraphs);
            }
            Event::Start(Tag::List(start)) => {
                flush(&mut current, &mut paragraphs);
                lists.push(start);
            }
            Event::End(TagEnd::List(_)) => {
                flush(&mut current, &mut paragraphs);
                lists.pop();
            }
            Event::Start(Tag::Item) => {
                flush(&mut current, &mut paragraphs);
                match lists.last_mut() {
                    Some(Some(n)) => {
                        current.push_str(&format!("{n}. "));
                        *n += 1;
                    }
                    _ => current.push_str("• "),
                }
                fresh_item = true;
            }
            Event::Start(Tag::Paragraph) => {
                let continues_item = std::mem::take(&mut fresh_item);
                if !continues_item {
                    flush(&mut current, &mut paragraphs);
                }
            }
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock
                | TagEnd::TableRow
                | TagEnd::TableHead,
            ) => flush(&mut current, &mut paragraphs),
            Event::Start(Tag::BlockQuote(_) | Tag::CodeBlock(_) | Tag::Table(_)) => {
                flush(&mut current, &mut paragraphs)
            }
            Event::End(TagEnd::TableCell) => current.push_str("  "),
            Event::Start(Tag::Image { .. }) => image_depth += 1,
            Event::End(TagEnd::Image) => image_depth = image_depth.saturating_sub(1),
            Event::Text(t) | Event::Code(t) if image_depth == 0 => {
                fresh_item = false;
                current.push_str(&t);
            }
            Event::SoftBreak => current.push(' '),
            Event::HardBreak => current.push('\n'),
            _ => {}
        }
    }
    flush(&mut current, &mut paragraphs);
    Article::from_parts(source, title, paragraphs, Vec::new())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_not_text() {
        let md = "# Storm *hits* coast\n\nThe **mayor** said [it](https://x.org) was `bad`.\n\n\
                  - one\n- two\n\n> \"We are ready,\" she said.\n\n![a chart](c.png)\n";
        let a = render("a.md", md);
        assert_eq!(a.title.as_deref(), Some("Storm hits coast"));
        assert_eq!(
            a.text,
            "Storm hits coast\n\nThe mayor said it was bad.\n\n• one\n\n• two\n\n\"We are ready,\" she said.\n"
        );
        assert_eq!(a.body(), a.text);
    }

    #[test]
    fn numbered_lists_keep_their_numbers() {
        let a = render("a.md", "Intro.\n\n3. three\n4. four\n\n- loose\n\n  second para\n");
        assert_eq!(a.text, "Intro.\n\n3. three\n\n4. four\n\n• loose\n\nsecond para\n");
        assert_eq!(a.title, None);
    }
}
