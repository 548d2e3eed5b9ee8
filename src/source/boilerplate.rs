//! The story's text out of the part of a web page Readability kept, without what is
//! not the story.
//!
//! Readability finds the part of a page that holds the article, but that part still
//! holds what a reader skips: image captions and credits, the byline and the date
//! lines, "Read more" and related-story lists, newsletter boxes, share and comment
//! prompts, tag lists, copyright lines. Left in, they become actors
//! (`CreditCreditChang W. Lee` a person, `SIGN UP FOR OUR NEWSLETTER` an
//! organization). They are found from the page's own structure, the same way for
//! every site, in two passes:
//!
//! 1. The walk of the tree leaves out whole elements: figures and their captions,
//!    navigation, forms, hidden elements, elements whose class or id names a kind of
//!    boilerplate (`caption`, `byline`, `share`, `related`, `newsletter`, …) unless
//!    they hold most of the text, and, when the part holds several `<article>`s, the
//!    small ones (teasers of other stories). Blockquotes inside what is left out are
//!    kept: an embedded tweet is part of the story even when its wrapper is not.
//! 2. The blocks the walk wrote are weighed by what they say and where they stand:
//!    a block that is mostly link text (a list of other stories), a labelled teaser
//!    (`Read more: …`, `Related: …`), a credit or a date line, and the short lines
//!    before the story's first paragraph or after its last (bylines, section names,
//!    `Comments`) are left out; so is the heading of a list left out.
//!
//! The walk also writes the text as a reader sees it: a block element ends a
//! paragraph, so words in adjacent blocks are never glued (`CortezAlexandria`);
//! `<br>` ends a line; a list item is a `• ` bullet; table cells are apart by a
//! space; invisible format characters (soft hyphen, zero-width space, word joiner,
//! byte-order mark) are dropped, so they split no word.

use super::{Link, LinkedText};
use dom_query::NodeRef;
use regex_lite::Regex;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;
use unicode_segmentation::UnicodeSegmentation;

/// What the page's metadata says that helps tell the story from the rest.
#[derive(Debug, Default, Clone, Copy)]
pub struct Hints<'a> {
    /// The author line the page's metadata names, to recognise it in the text.
    pub byline: Option<&'a str>,
}

/// The paragraphs of the story under `root` (the element Readability kept), each a
/// string of lines, without the boilerplate. (The tests read the text alone.)
#[cfg(test)]
pub fn paragraphs(root: &NodeRef, hints: Hints) -> Vec<String> {
    linked_paragraphs(root, hints).into_iter().map(|p| p.text).collect()
}

/// The paragraphs of the story under `root` (the element Readability kept), each a
/// string of lines, without the boilerplate, with the links on their words: each `<a href>`'s text as a range of
/// its paragraph with the `href` as the page wrote it (not resolved, not checked).
pub fn linked_paragraphs(root: &NodeRef, hints: Hints) -> Vec<LinkedText> {
    let blocks = walk(root);
    let keep = judge(&blocks, hints);
    blocks
        .into_iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|(b, _)| LinkedText { text: b.text, links: b.links })
        .collect()
}

/// What a block is, for the rules that weigh it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Para,
    Heading,
    Item,
    Row,
    Pre,
}

/// One block of text as the walk wrote it, with what the rules need to know of it.
#[derive(Debug, Clone)]
struct Block {
    text: String,
    kind: Kind,
    /// Letters and digits in the block, and how many of them were in a link and in
    /// emphasis (`em`, `i`, `strong`, `b`).
    chars: usize,
    link: usize,
    emph: usize,
    /// Inside a `<blockquote>`: a quotation or an embedded post, part of the story.
    quote: bool,
    /// Inside a `<header>`: the title, standfirst, byline and date of the page.
    header: bool,
    /// The links on the block's words, offsets into `text`.
    links: Vec<Link>,
}

/// The deepest the walk recurses; below it an element's text is read flat. The page
/// was flattened to [`super::html::MAX_DEPTH`] already, so this only bounds the
/// stack if that ever changes.
const MAX_WALK_DEPTH: usize = 1024;

/// Whether a character is an invisible format character that may sit inside a word:
/// soft hyphen, zero-width space, word joiner, byte-order mark (zero-width no-break
/// space). Dropped from the text: shown they are nothing, analysed they split words.
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{ad}' | '\u{200b}' | '\u{2060}' | '\u{feff}')
}

/// Element names whose content is never text a reader reads.
fn is_skipped(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "math"
            | "button"
            | "select"
            | "option"
            | "input"
            | "textarea"
            | "form"
            | "iframe"
            | "object"
            | "embed"
            | "canvas"
            | "audio"
            | "video"
            | "nav"
            | "aside"
            | "figcaption"
            | "head"
            | "title"
            | "meta"
            | "link"
    )
}

/// Element names that begin and end a block of text.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "blockquote"
            | "center"
            | "dd"
            | "details"
            | "dialog"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figure"
            | "footer"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "li"
            | "main"
            | "ol"
            | "p"
            | "pre"
            | "section"
            | "summary"
            | "table"
            | "tbody"
            | "tfoot"
            | "thead"
            | "tr"
            | "ul"
            | "caption"
    )
}

/// Class and id words that name a kind of boilerplate, matched as whole words of a
/// class (`article__image-caption` has the words article, image, caption).
const BOILER_WORDS: &[&str] = &[
    "ad",
    "ads",
    "author",
    "authors",
    "bio",
    "byline",
    "callout",
    "caption",
    "comments",
    "controls",
    "credit",
    "credits",
    "cta",
    "date",
    "embed",
    "gallery",
    "image",
    "img",
    "keywords",
    "label",
    "meta",
    "more",
    "newsletter",
    "photo",
    "popular",
    "posted",
    "print",
    "promo",
    "published",
    "recommended",
    "related",
    "share",
    "sharing",
    "sidebar",
    "slideshow",
    "social",
    "sponsor",
    "sponsored",
    "subscribe",
    "tag",
    "tags",
    "time",
    "timestamp",
    "toolbar",
    "trending",
    "updated",
    "video",
    "widget",
];

/// Class and id fragments that name a kind of boilerplate wherever they stand in a
/// class, matched against it lower-cased without separators (`visually-hidden` is
/// `visuallyhidden`).
const BOILER_PARTS: &[&str] = &[
    "advert",
    "attribution",
    "breadcrumb",
    "byline",
    "caption",
    "comment",
    "copyright",
    "dateline",
    "disclaimer",
    "disqus",
    "newsletter",
    "offscreen",
    "outbrain",
    "readmore",
    "relatedcontent",
    "screenreader",
    "signup",
    "sronly",
    "standfirst",
    "storydate",
    "subscri",
    "taboola",
    "visuallyhidden",
];

/// Class fragments of a hover card or tooltip, shown only when the pointer is over
/// its link.
const POPUP_PARTS: &[&str] = &["flyout", "hovercard", "popover", "popup", "rollover", "tooltip"];

/// The words of a class or id: split at separators and at a lower-to-upper change
/// (`articleByline__name` is article, byline, name), lower-cased.
fn class_words(token: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut prev_lower = false;
    for c in token.chars() {
        if !c.is_alphanumeric() {
            if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
            prev_lower = false;
            continue;
        }
        if c.is_uppercase() && prev_lower && !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        prev_lower = c.is_lowercase() || c.is_ascii_digit();
        word.extend(c.to_lowercase());
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

/// What an element's class or id says it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Named {
    Nothing,
    /// A kind of boilerplate box, unless it holds most of the page.
    Boilerplate,
    /// A hover card, hidden whatever its size.
    Popup,
}

/// What an element's class or id names: a kind of boilerplate, a hover card, or
/// nothing of either.
fn names_boilerplate(node: &NodeRef) -> Named {
    let class = node.attr("class");
    let id = node.attr("id");
    let tokens = class.iter().chain(id.iter()).flat_map(|s| s.split_whitespace());
    for token in tokens {
        // WordPress marks the post itself with its tags and categories
        // (`tag-review`, `category-news`): words about the story, not a box.
        let lower = token.to_ascii_lowercase();
        if lower.starts_with("tag-") || lower.starts_with("category-") {
            continue;
        }
        // A state (`has-image`, `is-video`, `no-caption`) says how a box looks,
        // not what it is.
        let words = class_words(token);
        if words.iter().any(|w| matches!(w.as_str(), "has" | "is" | "no" | "with" | "without")) {
            continue;
        }
        let squashed: String = lower.chars().filter(|c| c.is_alphanumeric()).collect();
        // A hover card holds a name's link and, hidden by the page's style, a card
        // about it (its name again, its other stories): the link is the text, the
        // card is not.
        if POPUP_PARTS.iter().any(|p| squashed.contains(p)) {
            let trigger =
                node.has_name("a") || node.first_element_child().is_some_and(|c| c.has_name("a"));
            if !trigger {
                return Named::Popup;
            }
            continue;
        }
        if BOILER_PARTS.iter().any(|p| squashed.contains(p))
            || words.iter().any(|w| BOILER_WORDS.contains(&w.as_str()))
        {
            return Named::Boilerplate;
        }
    }
    Named::Nothing
}

/// Whether an element is hidden from a reader by its attributes.
fn is_hidden(node: &NodeRef) -> bool {
    if node.has_attr("hidden") {
        return true;
    }
    if node.attr("aria-hidden").is_some_and(|v| v.trim().eq_ignore_ascii_case("true")) {
        return true;
    }
    node.attr("style").is_some_and(|s| {
        let s: String = s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        let s = s.to_ascii_lowercase();
        s.contains("display:none") || s.contains("visibility:hidden")
    })
}

/// The lower-case local name of an element.
fn name_of(node: &NodeRef) -> Option<String> {
    node.qual_name_ref().map(|q| q.local.to_ascii_lowercase().to_string())
}

/// Letters and digits in an element's text: its size, for comparing elements.
fn text_size(node: &NodeRef) -> usize {
    node.text().chars().filter(|c| c.is_alphanumeric()).count()
}

/// The size ([`text_size`]) of every element under `root`, in one pass: asking each
/// element for its text would read a deep page once per level.
fn sizes(root: &NodeRef) -> (usize, HashMap<dom_query::NodeId, usize>) {
    fn measure(
        node: &NodeRef,
        depth: usize,
        sizes: &mut HashMap<dom_query::NodeId, usize>,
    ) -> usize {
        let mut size = 0;
        for child in node.children_it(false) {
            if child.is_text() {
                size += child.text().chars().filter(|c| c.is_alphanumeric()).count();
            } else if child.is_element() {
                size += if depth < MAX_WALK_DEPTH {
                    measure(&child, depth + 1, sizes)
                } else {
                    text_size(&child)
                };
            }
        }
        sizes.insert(node.id, size);
        size
    }
    let mut map = HashMap::new();
    let total = measure(root, 0, &mut map);
    (total, map)
}

/// Writes the blocks of text under `root`.
fn walk(root: &NodeRef) -> Vec<Block> {
    let (root_size, sizes) = sizes(root);
    let mut w = Walker { root_size, teasers: teasers(root, &sizes), sizes, ..Walker::default() };
    w.children(root, 0);
    w.flush();
    w.blocks
}

/// The `<article>` elements under `root` that are teasers of other stories: when it
/// holds several articles not inside one another, all but the largest, unless one is
/// near its size.
fn teasers(
    root: &NodeRef,
    sizes: &HashMap<dom_query::NodeId, usize>,
) -> HashSet<dom_query::NodeId> {
    let mut articles = Vec::new();
    for node in root.descendants_it() {
        if node.has_name("article")
            && !node
                .ancestors_it(None)
                .take_while(|a| a.id != root.id)
                .any(|a| a.has_name("article"))
        {
            articles.push((node.id, sizes.get(&node.id).copied().unwrap_or(0)));
        }
    }
    let largest = articles.iter().map(|a| a.1).max().unwrap_or(0);
    if articles.len() < 2 {
        return HashSet::new();
    }
    articles.into_iter().filter(|a| a.1 * 2 < largest).map(|a| a.0).collect()
}

#[derive(Default)]
struct Walker {
    blocks: Vec<Block>,
    root_size: usize,
    /// The size of each element, for the rule that keeps a box holding most of the page.
    sizes: HashMap<dom_query::NodeId, usize>,
    teasers: HashSet<dom_query::NodeId>,
    cur: String,
    chars: usize,
    link: usize,
    emph: usize,
    kind: Option<Kind>,
    quote_at_start: bool,
    header_at_start: bool,
    space: bool,
    in_link: u32,
    in_emph: u32,
    in_quote: u32,
    in_header: u32,
    in_heading: u32,
    in_item: u32,
    in_cell: u32,
    in_pre: u32,
    /// A list item opened and its bullet not written yet.
    bullet: bool,
    /// The `href` of the innermost open `<a>`, where its words began in `cur` (none
    /// written yet: `None`) and where the last of them ended.
    href: Option<String>,
    link_start: Option<usize>,
    link_end: usize,
    /// The links of `cur` closed so far.
    links: Vec<Link>,
}

impl Walker {
    fn children(&mut self, node: &NodeRef, depth: usize) {
        for child in node.children_it(false) {
            if child.is_text() {
                let text = child.text();
                self.text(&text);
            } else if child.is_element() {
                self.element(&child, depth + 1);
            }
        }
    }

    fn element(&mut self, node: &NodeRef, depth: usize) {
        let Some(name) = name_of(node) else { return };
        if is_skipped(&name) || is_hidden(node) {
            if name == "figcaption" || name == "aside" {
                self.rescue(node, depth);
            }
            return;
        }
        if name == "br" {
            if !self.cur.is_empty() && !self.cur.ends_with('\n') {
                self.cur.push('\n');
            }
            self.space = false;
            return;
        }
        let left_out = name == "figure"
            || self.teasers.contains(&node.id)
            || match names_boilerplate(node) {
                Named::Nothing => false,
                Named::Popup => true,
                Named::Boilerplate => {
                    self.sizes.get(&node.id).copied().unwrap_or(0) * 2 < self.root_size
                }
            };
        if left_out {
            self.rescue(node, depth);
            return;
        }
        if depth > MAX_WALK_DEPTH {
            self.text(&node.text());
            return;
        }
        let block = is_block(&name);
        if block {
            self.flush();
        }
        let bump = |w: &mut Walker, by: i32| {
            let step = |c: &mut u32| *c = c.saturating_add_signed(by);
            match name.as_str() {
                "a" => step(&mut w.in_link),
                "em" | "i" | "strong" | "b" => step(&mut w.in_emph),
                "blockquote" => step(&mut w.in_quote),
                "header" => step(&mut w.in_header),
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => step(&mut w.in_heading),
                "li" | "dd" | "dt" => step(&mut w.in_item),
                "td" | "th" | "tr" => step(&mut w.in_cell),
                "pre" => step(&mut w.in_pre),
                _ => {}
            }
        };
        bump(self, 1);
        if name == "li" {
            self.bullet = true;
        }
        // An anchor inside another (the parser never makes one, a script may) links
        // its own words; the outer one goes on after it.
        let outer = (name == "a").then(|| {
            self.close_link();
            std::mem::replace(&mut self.href, node.attr("href").map(|h| h.to_string()))
        });
        self.children(node, depth);
        if let Some(outer) = outer {
            self.close_link();
            self.href = outer;
        }
        bump(self, -1);
        if name == "li" {
            self.bullet = false;
        }
        if matches!(name.as_str(), "td" | "th") {
            self.space = true;
        }
        if block {
            self.flush();
        }
    }

    /// Walks only the blockquotes under an element left out.
    fn rescue(&mut self, node: &NodeRef, depth: usize) {
        for child in node.children_it(false) {
            if child.has_name("blockquote") {
                self.element(&child, depth + 1);
            } else if child.is_element() && depth < MAX_WALK_DEPTH {
                self.rescue(&child, depth + 1);
            }
        }
    }

    fn text(&mut self, text: &str) {
        for c in text.chars() {
            if is_invisible(c) {
                continue;
            }
            if c.is_whitespace() && !(self.in_pre > 0 && c == '\n') {
                self.space = true;
                continue;
            }
            if self.cur.is_empty() {
                self.kind = Some(if self.in_pre > 0 {
                    Kind::Pre
                } else if self.in_heading > 0 {
                    Kind::Heading
                } else if self.in_cell > 0 {
                    Kind::Row
                } else if self.in_item > 0 {
                    Kind::Item
                } else {
                    Kind::Para
                });
                self.quote_at_start = self.in_quote > 0;
                self.header_at_start = self.in_header > 0;
                if self.bullet {
                    self.cur.push_str("• ");
                    self.bullet = false;
                }
            } else if self.space && !self.cur.ends_with(['\n', ' ']) {
                self.cur.push(' ');
            }
            self.space = false;
            if self.href.is_some() && self.link_start.is_none() {
                self.link_start = Some(self.cur.len());
            }
            self.cur.push(c);
            if self.link_start.is_some() {
                self.link_end = self.cur.len();
            }
            if c.is_alphanumeric() {
                self.chars += 1;
                if self.in_link > 0 {
                    self.link += 1;
                }
                if self.in_emph > 0 {
                    self.emph += 1;
                }
            }
        }
    }

    /// Ends the words of the open link written so far: at the link's end, and at the
    /// end of a block (a link around two paragraphs is a link in each).
    fn close_link(&mut self) {
        if let (Some(href), Some(start)) = (&self.href, self.link_start.take()) {
            self.links.push(Link { start, end: self.link_end, href: href.clone() });
        }
    }

    fn flush(&mut self) {
        self.close_link();
        let mut links = std::mem::take(&mut self.links);
        let text = self.cur.trim_end().to_owned();
        // A `<pre>`'s line break can end a link and then be trimmed off.
        for l in &mut links {
            l.end = l.end.min(text.len());
        }
        links.retain(|l| l.start < l.end);
        if !text.is_empty() && self.chars > 0 {
            self.blocks.push(Block {
                text,
                kind: self.kind.unwrap_or(Kind::Para),
                chars: self.chars,
                link: self.link,
                emph: self.emph,
                quote: self.quote_at_start,
                header: self.header_at_start,
                links,
            });
        }
        self.cur.clear();
        self.chars = 0;
        self.link = 0;
        self.emph = 0;
        self.space = false;
        self.kind = None;
    }
}

/// Why a block is left out, for the rule that also leaves out a list's heading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cut {
    Keep,
    /// A list of links or a labelled teaser: its heading goes with it.
    List,
    Other,
}

// The block patterns below use regex-lite, not regex: each process compiles them
// once, and for one ordinary page regex's compile (its literal optimisations and
// Unicode case folding) cost about 23 M instructions, a third of the whole run,
// against about 5 M with regex-lite. They only ever see short blocks, where
// regex-lite's slower matching costs little. regex-lite folds case in ASCII only and
// its `\s` and `\b` are ASCII: the blocks' whitespace is already one ASCII space
// (the walk writes it so), and the few non-ASCII words name both cases.

/// A teaser's label at the start of a block: `Read more:`, `Related:`, `See also`,
/// `You may also like`, `Continue reading the main story`, `Don't miss`.
static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)^[\[(]?\s*(?:
            read\s+(?:more|also|next|this)(?:\s+(?:on|at|from)\s+\S+)?
          | related(?:\s+(?:post|posts|news|stories|story|articles?|coverage|content|reading|links?))?
          | see\s+(?:more|also)
          | also\s+(?:on|in|read|see|watch)(?:\s+\S+)?
          | also | more | watch | listen | trending | recommended | popular
          | you\s+(?:may|might)\s+(?:also\s+)?(?:like|enjoy|be\s+interested\s+in)
          | more\s+(?:from|on|about|great|stories|news)(?:\s+\S+){0,3}
          | continue\s+reading(?:\s+the\s+main\s+story|\s+below)?
          | story\s+continues(?:\s+below)?
          | don'?t\s+miss | don’t\s+miss | must\s+read | top\s+stories | recent\s+(?:articles|posts|stories)
          | popular\s+this\s+week | most\s+(?:read|popular|viewed)
        )\s*(?:[:|…]|\.\.\.|$|\])",
    )
    .expect("the label pattern is valid")
});

/// A whole block that is page furniture: an advertisement marker, a share or comment
/// prompt, a reading time, a slideshow's controls.
static FURNITURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)^(?:
            advert(?:isement)? | sponsored(?:\s+content)? | ad | ads | anzeige | iklan | publicidad | publicit[éÉ] | [рР]еклама | РЕКЛАМА
          | continue\s+reading(?:\s+below)? | story\s+continues\s+below(?:\s+advertisement)?
          | sharing\s+is\s+caring!? | share(?:\s+(?:this|the)\s+(?:story|article|post))?!?
          | share\s+(?:on|via)\s+\S+ | share\s+it\s+with\s+a\s+friend!?
          | like\s+this\s+(?:story|article|post)\?.* | tell\s+us\s+what\s+you\s+think.*
          | comments? | post\s+(?:a\s+)?comment.* | leave\s+a\s+(?:comment|reply).* | [0-9]+\s+comments?
          | view\s+comments? | show\s+comments? | join\s+the\s+(?:conversation|discussion).*
          | click\s+here\b.* | this\s+slideshow\s+requires\s+javascript\.?
          | image\s+[0-9]+\s+of\s+\S*\s*[0-9]+ | caption | close | enlarge(?:\s+this\s+image)? | expand
          | (?:estimated\s+)?(?:reading|read|leitura|lettura|lectura|lesezeit)\s*(?:time|de\s+leitura)?\s*:?\s*[0-9]+\s*\S*
          | tempo\s+de\s+leitura\s*:.* | [0-9]+\s+min(?:ute)?s?\s+read
          | view\s+author\s+archive | email\s+the\s+author | follow\s+the\s+author
          | filed\s+under\s*:.* | tags?\s*:.* | tagged\s*:.* | categor(?:y|ies)\s*:.* | topics?\s*:.*
        )\s*$",
    )
    .expect("the furniture pattern is valid")
});

/// A credit or caption label: `Photo: …`, `Image: …`, `(AP Photo/…)`, `Credit…`,
/// `Getty Images`, `Image copyright …`, `Фото: …`.
static CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)^[\[(]?\s*(?:
            (?:file\s+)?(?:photo|image|picture|pic|foto|[фФ]ото|ФОТО|bild|illustration|graphic|video)s?(?:\s+(?:credit|copyright|source|caption))?\s*(?::|…|\.\.\.|/|—|-\s|by\b)
          | credits?\s*(?::|…|\.\.\.|\s)
          | image\s+(?:copyright|caption)
          | (?:©|\(c\)|copyright\b)
          | source\s*:
        )",
    )
    .expect("the credit pattern is valid")
});

/// A caption's credit at the end of a block: `(Image: …)`, `(AP Photo/…)`,
/// `Getty Images`, `/ Reuters`.
static TRAILING_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)(?:
            \((?:image|photo|picture|credit|foto)s?(?:\s+credit)?\s*:[^)]*\)
          | \(ap\s+photo[^)]*\)
          | getty(?:\s+images)?
          | shutterstock | istock(?:photo)? | alamy
          | (?:\||/)\s*(?:ap|afp|reuters|epa|bloomberg)
        )\s*\.?$",
    )
    .expect("the trailing credit pattern is valid")
});

/// A wire story's credits: `(Reporting by …; Editing by …)`, `Jane Doe contributed
/// reporting from Hong Kong.`
static CONTRIBUTORS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)^\(?\s*(?:(?:additional\s+)?reporting\s+by\b|writing\s+by\b|editing\s+by\b|compiled\s+by\b)
          | \bcontributed\s+(?:reporting|to\s+this\s+(?:report|story|article))\b",
    )
    .expect("the contributors pattern is valid")
});

/// A byline: `By Jane Doe`, `by Regan September 15, 2014`.
static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:by|written\s+by|posted\s+by|von|por|par)\s+\S")
        .expect("the byline pattern is valid")
});

/// The start of a date line: `Updated 5:27 am CST`, `PUBLISHED: …`, `Posted on …`.
static DATE_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)^[|·\s]*(?:first\s+|last\s+)?(?:updated|published|posted|modified|created|date|dated|updated\s+on|published\s+on)\b",
    )
    .expect("the date label pattern is valid")
});

/// Words a date line is made of, besides numbers.
static DATE_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)^(?:
            jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?
          | mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?
          | am|pm|a\.m|p\.m|[a-z]?[ecmp][sd]?t|utc|gmt|bst|cet|ist|et|pt
          | updated|published|posted|on|at|by|de|[àÀ]s|le|am|um|the|of
        )\.?$",
    )
    .expect("the date word pattern is valid")
});

/// A month or weekday name (English) or a clock word, which a date line has.
static MONTH_OR_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)^(?:
            jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?
          | mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?
          | am|pm
        )\.?$",
    )
    .expect("the month pattern is valid")
});

/// A time of day or a numeric date: `5:27`, `11/18/19`, `2019-11-19`.
static CLOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b[0-9]{1,2}:[0-9]{2}\b|\b[0-9]{1,4}[/.-][0-9]{1,2}[/.-][0-9]{2,4}\b")
        .expect("the clock pattern is valid")
});

/// Words in a block.
fn word_count(text: &str) -> usize {
    text.unicode_words().count()
}

/// Whether a short block reads as a date line: a number, and nothing but numbers and
/// date words (month and day names, times, zones).
fn is_date_line(text: &str) -> bool {
    let words: Vec<&str> = text.unicode_words().collect();
    if words.is_empty() || words.len() > 16 || !text.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    let dated = words.iter().any(|w| MONTH_OR_DAY.is_match(w)) || CLOCK.is_match(text);
    if !dated {
        return false;
    }
    let other = words
        .iter()
        .filter(|w| {
            !w.chars().all(|c| c.is_ascii_digit() || c == ':' || c == '.') && !DATE_WORD.is_match(w)
        })
        .count();
    other <= words.len() / 4
}

/// Whether a block ends as a sentence does.
fn ends_sentence(text: &str) -> bool {
    // An emoji or symbol after the stop ("soon! 🙂") does not hide it.
    let text = text.trim_end_matches(|c: char| {
        c.is_whitespace()
            || (c as u32 >= 0x2190 && !c.is_alphanumeric() && !"…。！？」』".contains(c))
    });
    text.ends_with([
        '.', '!', '?', '"', '”', '’', '\'', '»', ')', '。', '！', '？', '…', ':', ';', '」', '』',
    ])
}

/// Lower-case letters and digits of a text, words apart by one space: for comparing
/// a block with the page's metadata.
fn squash(text: &str) -> String {
    text.unicode_words().map(str::to_lowercase).collect::<Vec<_>>().join(" ")
}

/// The rules of the second pass: which blocks are the story.
fn judge(blocks: &[Block], hints: Hints) -> Vec<bool> {
    let byline = hints.byline.map(|b| {
        let b = squash(b);
        b.strip_prefix("by ").map(str::to_owned).unwrap_or(b)
    });
    let mut cut: Vec<Cut> = blocks.iter().map(|b| first_look(b, byline.as_deref())).collect();
    // The story runs from its first paragraph to its last: short lines before and
    // after are bylines, section names, dates, prompts.
    let is_body = |i: usize| {
        let b = &blocks[i];
        cut[i] == Cut::Keep
            && b.kind == Kind::Para
            && !b.header
            && b.emph * 10 < b.chars * 9
            && word_count(&b.text) >= 12
            && b.link * 3 < b.chars
            && ends_sentence(&b.text)
    };
    let first = (0..blocks.len()).find(|&i| is_body(i));
    let last = (0..blocks.len()).rev().find(|&i| is_body(i));
    // A block that is mostly a link is another story's headline when others stand
    // next to it, when it is outside the story, a list item or a heading, or set in
    // bold or italics like a promotion. A single link in the story's run ("Get it
    // on Amazon for $39") is the story's.
    let linked = |i: usize| {
        let b: &Block = &blocks[i];
        !b.quote && b.kind != Kind::Row && b.link * 2 > b.chars
    };
    for (i, b) in blocks.iter().enumerate() {
        if cut[i] != Cut::Keep || !linked(i) {
            continue;
        }
        // Lines of links apart by <br> are a run in one block.
        let run = (i > 0 && linked(i - 1))
            || (i + 1 < blocks.len() && linked(i + 1))
            || b.text.lines().count() >= 2;
        let outside = first.is_none_or(|f| i < f) || last.is_none_or(|l| i > l);
        let emphasised = b.emph * 10 >= b.chars * 9;
        // A linked sentence before the story's first long paragraph is its lede.
        let sentence = word_count(&b.text) >= 8 && ends_sentence(&b.text);
        let outside = outside && !sentence;
        if run || outside || emphasised || matches!(b.kind, Kind::Item | Kind::Heading) {
            cut[i] = Cut::List;
        }
    }
    if let (Some(first), Some(last)) = (first, last) {
        for (i, b) in blocks.iter().enumerate() {
            if cut[i] != Cut::Keep || b.quote || b.kind == Kind::Row {
                continue;
            }
            let outside = i < first || i > last;
            // The page's header (title, standfirst, byline) before the story.
            if (b.header || b.kind == Kind::Heading) && i < first {
                cut[i] = Cut::Other;
                continue;
            }
            // A list after the story is a list of the story (ingredients, sources).
            let short = word_count(&b.text) < 8 && !ends_sentence(&b.text) && b.kind != Kind::Item;
            let emphasised = b.emph * 10 >= b.chars * 9;
            if outside && (short || (b.kind != Kind::Item && emphasised)) {
                cut[i] = Cut::Other;
            }
        }
    }
    // The items right after a teaser's label are its list.
    for i in 1..blocks.len() {
        if cut[i] == Cut::Keep
            && blocks[i].kind == Kind::Item
            && cut[i - 1] == Cut::List
            && (blocks[i - 1].kind == Kind::Item || LABEL.is_match(&blocks[i - 1].text))
        {
            cut[i] = Cut::List;
        }
    }
    // A short line just before a list left out is the list's heading.
    for i in (0..blocks.len().saturating_sub(1)).rev() {
        let b = &blocks[i];
        if cut[i] == Cut::Keep
            && cut[i + 1] == Cut::List
            && !b.quote
            && word_count(&b.text) <= 8
            && !b.text.trim_end().ends_with(['.', '!', '?', '"', '”'])
        {
            cut[i] = Cut::List;
        }
    }
    cut.into_iter().map(|c| c == Cut::Keep).collect()
}

/// The rules that need only the block itself.
fn first_look(b: &Block, byline: Option<&str>) -> Cut {
    if b.quote {
        return Cut::Keep;
    }
    let text = b.text.trim_start_matches("• ").trim();
    let words = word_count(text);
    if words <= 30 && LABEL.is_match(text) {
        return Cut::List;
    }
    if words <= 12 && FURNITURE.is_match(text) {
        return Cut::Other;
    }
    if words <= 30 && CREDIT.is_match(text) {
        return Cut::Other;
    }
    if words <= 40 && (TRAILING_CREDIT.is_match(text) || CONTRIBUTORS.is_match(text)) {
        return Cut::Other;
    }
    let row = b.kind == Kind::Row;
    if words <= 14
        && !row
        && (BYLINE.is_match(text) || DATE_LABEL.is_match(text) || is_date_line(text))
    {
        return Cut::Other;
    }
    if let Some(byline) = byline.filter(|b| !b.is_empty()) {
        let s = squash(text);
        if s == byline || s.strip_prefix("by ") == Some(byline) {
            return Cut::Other;
        }
    }
    Cut::Keep
}

#[cfg(test)]
mod tests {
    use super::*;
    use dom_query::Document;

    fn story(html: &str) -> Vec<String> {
        let doc = Document::from(html);
        let body = doc.select("body");
        let root = *body.nodes().first().expect("a body");
        paragraphs(&root, Hints::default())
    }

    const BODY: &str = "<p>The council voted on Tuesday to close the old bridge to lorries, after engineers found cracks in two of its piers.</p>\
        <p>Residents said the closure would add twenty minutes to the school run, and the mayor promised a new crossing by 2027.</p>";

    #[test]
    fn block_boundaries_keep_words_apart_and_inline_tags_do_not() {
        let p = story(
            "<body><div>Alexandria Ocasio-Cortez</div><div>Ilhan Omar</div><p>in<b>line</b> 日本<span>語</span></p></body>",
        );
        assert_eq!(p, ["Alexandria Ocasio-Cortez", "Ilhan Omar", "inline 日本語"]);
        let p = story(
            "<body><p>one<br>two</p><table><tr><td>a</td><td>b</td></tr></table><ul><li>x</li><li>y</li></ul></body>",
        );
        assert_eq!(p, ["one\ntwo", "a b", "• x", "• y"]);
    }

    #[test]
    fn a_hover_card_leaves_its_link_and_no_glued_name() {
        let p = story(
            "<body><p>Rep. <span class=\"rollover-people\"><a class=\"rollover-people-link\" href=/p>Alexandria Ocasio-Cortez</a>\
             <span class=\"rollover-people-block\"><span><img src=x><a class=name href=/p>Alexandria Ocasio-Cortez</a>\
             <a href=/s>Sanders doubles down</a></span></span></span> (D-N.Y.) said so.</p></body>",
        );
        assert_eq!(p, ["Rep. Alexandria Ocasio-Cortez (D-N.Y.) said so."]);
    }

    #[test]
    fn invisible_characters_do_not_split_words() {
        let p = story(
            "<body><p>Netan\u{ad}yahu met Zero\u{200b}Width and Word\u{2060}Joiner\u{feff}.</p></body>",
        );
        assert_eq!(p, ["Netanyahu met ZeroWidth and WordJoiner."]);
    }

    #[test]
    fn captions_and_credits_are_left_out() {
        let html = format!(
            "<body><figure><img src=x><figcaption>The bridge at dawn. Photo: Jane Doe</figcaption></figure>{BODY}\
             <div class=\"image-credit\">Jane Doe/Reuters</div><p>(AP Photo/John Roe)</p><p>Photo: Jane Doe</p></body>"
        );
        let p = story(&html);
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(p[0].starts_with("The council voted"));
    }

    #[test]
    fn bylines_and_date_lines_before_the_story_are_left_out() {
        let html = format!(
            "<body><p>By Jane Doe</p><p>Updated 5:27 am CST, Nov. 19, 2019</p><p>PUBLISHED: 10:48, Tue, Nov 19, 2019</p>\
             <p>Opinion Columnist</p>{BODY}</body>"
        );
        assert_eq!(story(&html).len(), 2);
    }

    #[test]
    fn related_links_and_read_more_are_left_out() {
        let html = format!(
            "<body>{BODY}<p><strong>Read more: <a href=/x>Council closes the other bridge too</a></strong></p>\
             <h3>You may also like</h3><ul><li><a href=/a>Ten bridges to see</a></li><li><a href=/b>Why piers crack</a></li></ul>\
             <p>Related: <a href=/c>The mayor's promise, a year on</a></p>\
             <p><a href=/d>Bridge fund doubles</a> [VIDEO]<br><a href=/e>Lorry drivers protest at the town hall</a></p></body>"
        );
        assert_eq!(story(&html).len(), 2, "{:?}", story(&html));
    }

    #[test]
    fn newsletter_share_and_comment_boxes_are_left_out() {
        let html = format!(
            "<body>{BODY}<div class=\"newsletter-signup\"><h2>Breaking News Emails</h2><p>Get alerts delivered weekday mornings to you.</p></div>\
             <p class=\"share-text\">Sharing is caring!</p><h3>Comments</h3><p>Advertisement</p></body>"
        );
        assert_eq!(story(&html).len(), 2, "{:?}", story(&html));
    }

    #[test]
    fn tag_lists_and_copyright_lines_are_left_out() {
        let html = format!(
            "<body>{BODY}<p>Filed under: Bridges | Council</p><ul class=\"tags\"><li>bridges</li><li>council</li></ul>\
             <p>Copyright © 2019 The Daily Example. All rights reserved.</p></body>"
        );
        assert_eq!(story(&html).len(), 2, "{:?}", story(&html));
    }

    #[test]
    fn quotes_lists_and_a_story_with_boilerplate_classes_are_kept() {
        let html = format!(
            "<body><div class=\"post tag-review category-news\">{BODY}\
             <figure class=\"embed\"><blockquote class=\"twitter-tweet\"><p>The bridge is closed! pic.twitter.com/x</p>— Mayor (@mayor) <a href=/t>November 18, 2019</a></blockquote></figure>\
             <ul><li>Two piers cracked</li><li>Lorries banned</li></ul>\
             <p>The engineers will report again in the spring, the council said on Wednesday evening.</p></div></body>"
        );
        let p = story(&html);
        assert!(p.iter().any(|x| x.contains("The bridge is closed!")), "{p:?}");
        assert!(p.iter().any(|x| x == "• Two piers cracked"), "{p:?}");
        assert_eq!(p.len(), 7, "{p:?}");
        // A box whose class says "share" but that holds the story is the story.
        let html = format!("<body><div class=\"share-wrapper\">{BODY}</div></body>");
        assert_eq!(story(&html).len(), 2);
    }

    #[test]
    fn teasers_of_other_stories_are_left_out() {
        let html = format!(
            "<body><article>{BODY}</article><article><h2>Koala rescued</h2><p>A koala was rescued from a fire in New South Wales on Monday by firefighters.</p></article></body>"
        );
        assert_eq!(story(&html).len(), 2, "{:?}", story(&html));
    }

    #[test]
    fn a_sentence_ends_at_its_stop_even_before_an_emoji() {
        assert!(ends_sentence("We hope to see you soon! 🙂"));
        assert!(ends_sentence("市民は歓迎している。"));
        assert!(!ends_sentence("Opinion Columnist"));
        assert!(!ends_sentence("You may also like 👇"));
    }

    #[test]
    fn class_words_split_at_separators_and_case() {
        assert_eq!(class_words("articleByline__name"), ["article", "byline", "name"]);
        assert_eq!(class_words("e-image__meta"), ["e", "image", "meta"]);
    }
}
