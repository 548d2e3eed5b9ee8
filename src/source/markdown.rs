//! Markdown articles: the text a reader of the rendered page would read.
//!
//! Headings, paragraphs, list items and block quotes each become a paragraph of the
//! text; emphasis, links and code keep their words and lose their markup, so that no
//! `**` or `](https://…)` is analysed as part of the story. Raw HTML and images are
//! left out; a list item keeps a bullet ("• ", "3. ") so that the list still reads as one.
//! A link's words keep where they point, for the reader ([`super::Link`]).

use super::{Article, Link, LinkedText, link_target};
use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

/// Renders Markdown to an article; the first top-level heading is the title.
pub fn render(source: &str, markdown: &str) -> Article {
    let options = Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES;
    let mut paragraphs: Vec<LinkedText> = Vec::new();
    let mut current = String::new();
    // The links of `current`, and the one open (where its words began, its target).
    let mut links: Vec<Link> = Vec::new();
    let mut open: Option<(usize, String)> = None;
    // A relative link leads somewhere only in a document fetched from the web.
    let base = super::fetch::is_url(source).then(|| url::Url::parse(source).ok()).flatten();
    let mut title: Option<String> = None;
    let mut in_title = false;
    // The number of the next item of each open list (None for a bulleted list).
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut image_depth = 0usize;
    // Just after an item's bullet: its first paragraph goes on the bullet's line.
    let mut fresh_item = false;
    // N.B. A paragraph is handed over untrimmed: trimming it is `from_linked_parts`'s,
    // which moves the links with the words.
    let flush = |current: &mut String, paragraphs: &mut Vec<LinkedText>, links: &mut Vec<Link>| {
        if !current.trim().is_empty() {
            let links = std::mem::take(links);
            paragraphs.push(LinkedText { text: std::mem::take(current), links });
        }
        current.clear();
        links.clear();
    };
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                flush(&mut current, &mut paragraphs, &mut links);
                in_title = level == HeadingLevel::H1 && title.is_none() && paragraphs.is_empty();
            }
            Event::End(TagEnd::Heading(_)) => {
                if in_title {
                    title = Some(current.trim().to_owned());
                    in_title = false;
                }
                flush(&mut current, &mut paragraphs, &mut links);
            }
            Event::Start(Tag::List(start)) => {
                flush(&mut current, &mut paragraphs, &mut links);
                lists.push(start);
            }
            Event::End(TagEnd::List(_)) => {
                flush(&mut current, &mut paragraphs, &mut links);
                lists.pop();
            }
            Event::Start(Tag::Item) => {
                flush(&mut current, &mut paragraphs, &mut links);
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
                    flush(&mut current, &mut paragraphs, &mut links);
                }
            }
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock
                | TagEnd::TableRow
                | TagEnd::TableHead,
            ) => flush(&mut current, &mut paragraphs, &mut links),
            Event::Start(Tag::BlockQuote(_) | Tag::CodeBlock(_) | Tag::Table(_)) => {
                flush(&mut current, &mut paragraphs, &mut links)
            }
            Event::End(TagEnd::TableCell) => current.push_str("  "),
            Event::Start(Tag::Link { dest_url, .. }) if image_depth == 0 => {
                open = link_target(&dest_url, base.as_ref()).map(|href| (current.len(), href));
            }
            Event::End(TagEnd::Link) => {
                if let Some((start, href)) = open.take() {
                    links.push(Link { start, end: current.len(), href });
                }
            }
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
    flush(&mut current, &mut paragraphs, &mut links);
    Article::from_linked_parts(source, title, paragraphs, Vec::new())
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

#[cfg(test)]
mod link_tests {
    use super::*;

    fn links(source: &str, md: &str) -> Vec<(String, String)> {
        let a = render(source, md);
        a.links.iter().map(|l| (a.text[l.range()].to_owned(), l.href.clone())).collect()
    }

    #[test]
    fn a_links_words_keep_its_target() {
        let md = "# Storm\n\nThe [mayor's *statement*](https://x.org/s) and <https://y.org/z>, \
                  [a script](javascript:alert(1)), [a note](notes.md), ![chart](c.png).\n\n\
                  - [ spaced ](mailto:desk@x.org)\n";
        assert_eq!(
            links("storm.md", md),
            [
                ("mayor's statement".to_owned(), "https://x.org/s".to_owned()),
                ("https://y.org/z".to_owned(), "https://y.org/z".to_owned()),
                ("spaced".to_owned(), "mailto:desk@x.org".to_owned()),
            ]
        );
        // Fetched from the web, a relative link resolves against the document.
        assert_eq!(
            links("https://x.org/news/storm.md", "See [the notes](notes.md).")[0].1,
            "https://x.org/news/notes.md"
        );
        // The text is the same with or without them.
        let plain = render("a.md", "The mayor's statement and the notes.");
        let linked =
            render("a.md", "The [mayor's statement](https://x.org) and [the notes](n.md).");
        assert_eq!(plain.text, linked.text);
    }
}
