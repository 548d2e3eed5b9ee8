//! Saved web pages: the article body, found the way a browser's reader mode finds it.
//!
//! A news page is mostly not the story: navigation, sidebars, share buttons, comments,
//! footers, scripts. dom_smoothie (a port of Mozilla's Readability) scores the page's
//! blocks and keeps the article; its text, one paragraph per block, is the text.

use super::Article;
use anyhow::{Result, bail};
use dom_smoothie::{Config, Readability, TextMode};
use regex::Regex;
use std::borrow::Cow;
use std::sync::LazyLock;

/// The deepest nesting of elements handed to dom_smoothie. News pages nest 20 to 60
/// deep; dom_smoothie's scoring walks each node's ancestors, so its time grows with the
/// square of the depth (2,000 nested `div`s took 2 s, 20,000 took minutes). Deeper
/// elements are flattened into their ancestor at this depth: their text stays.
pub const MAX_DEPTH: usize = 256;

/// Extracts the article of a web page.
pub fn extract(source: &str, html: &str) -> Result<Article> {
    let config = Config { text_mode: TextMode::Formatted, ..Config::default() };
    let html = flatten(html, MAX_DEPTH);
    let parsed = Readability::new(&*html, None, Some(config)).and_then(|mut r| r.parse());
    let page = match parsed {
        Ok(page) => page,
        Err(e) => bail!("{source}: no article found in this web page ({e})"),
    };
    let text = page.text_content.to_string();
    let paragraphs: Vec<String> = text
        .split("\n\n")
        .map(|p| p.lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("\n"))
        .collect();
    if paragraphs.iter().all(|p| p.is_empty()) {
        bail!("{source}: no article text found in this web page");
    }
    let mut meta = Vec::new();
    for (label, value) in [
        ("Author", page.byline.as_deref()),
        ("Date", page.published_time.as_deref()),
        ("Site", page.site_name.as_deref()),
        ("URL", page.url.as_deref()),
    ] {
        if let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) {
            meta.push(format!("{label}: {v}"));
        }
    }
    let title = Some(page.title).filter(|t| !t.trim().is_empty());
    Ok(Article::from_parts(source, title, paragraphs, meta))
}

/// Start and end tags, for measuring nesting without building a tree.
static TAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"<(/?)([A-Za-z][A-Za-z0-9-]*)[^>]*?(/?)>").expect("the tag pattern is valid")
});

/// Elements that never hold others (void), or that the HTML parser closes by itself when
/// the next one opens (`<p>a<p>b`): they do not deepen the tree, so they are not
/// counted, and a page of unclosed paragraphs is not taken for a deep one.
fn nests(name: &str) -> bool {
    const FLAT: [&str; 24] = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", "p", "li", "dt", "dd", "option", "tr", "td", "th", "html", "head", "body",
    ];
    !FLAT.iter().any(|f| f.eq_ignore_ascii_case(name))
}

/// The page with every element nested deeper than `max` removed, its content kept in
/// the element above it; the page itself, borrowed, when it is not that deep.
///
/// N.B. Depth is counted from the tags as written (one pass of a regex, linear in the
/// page), not as a browser would build the tree: this only has to tell a page that
/// dom_smoothie reads in reasonable time from one it does not.
pub fn flatten(html: &str, max: usize) -> Cow<'_, str> {
    let mut depth = 0usize;
    let mut deepest = 0usize;
    for c in TAG.captures_iter(html) {
        if !nests(&c[2]) || !c[3].is_empty() {
            continue;
        }
        if c[1].is_empty() {
            depth += 1;
            deepest = deepest.max(depth);
        } else {
            depth = depth.saturating_sub(1);
        }
    }
    if deepest <= max {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut last = 0;
    // Whether each open element was kept, so its end tag is kept or dropped with it.
    let mut open: Vec<bool> = Vec::new();
    for c in TAG.captures_iter(html) {
        if !nests(&c[2]) || !c[3].is_empty() {
            continue;
        }
        let whole = c.get(0).map_or(0..0, |m| m.range());
        let keep = if c[1].is_empty() {
            let keep = open.len() < max;
            open.push(keep);
            keep
        } else {
            open.pop().unwrap_or(true)
        };
        if !keep {
            out.push_str(&html[last..whole.start]);
            // A space where the tag was, so words either side stay apart.
            out.push(' ');
            last = whole.end;
        }
    }
    out.push_str(&html[last..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_pages_are_left_alone() {
        let page = "<html><body><div><p>One<p>Two<br><img src=x></div></body></html>";
        assert!(matches!(flatten(page, 2), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_nesting_is_cut_at_the_limit_and_the_text_kept() {
        let page = format!("<body>{}deep words{}</body>", "<div>".repeat(50), "</div>".repeat(50));
        let flat = flatten(&page, 10);
        assert_eq!(flat.matches("<div>").count(), 10);
        assert_eq!(flat.matches("</div>").count(), 10);
        assert!(flat.contains("deep words"));
        assert!(matches!(flatten(&page, 50), Cow::Borrowed(_)));
    }
}
