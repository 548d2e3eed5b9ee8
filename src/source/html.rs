//! Saved web pages: the article body, found the way a browser's reader mode finds it.
//!
//! A news page is mostly not the story: navigation, sidebars, share buttons, comments,
//! footers, scripts. dom_smoothie (a port of Mozilla's Readability) scores the page's
//! blocks and keeps the article; its text, one paragraph per block, is the text.

use super::boilerplate::{self, Hints};
use super::{Article, LinkedText, link_target};
use anyhow::{Result, bail};
use dom_smoothie::{Config, Readability, TextMode};
use std::borrow::Cow;
use std::ops::Range;

/// The deepest nesting of elements handed to dom_smoothie. News pages nest 20 to 60
/// deep; dom_smoothie's scoring walks each node's ancestors, so its time grows with the
/// square of the depth (2,000 nested `div`s took 2 s, 20,000 took minutes). Deeper
/// elements are flattened into their ancestor at this depth: their text stays.
pub const MAX_DEPTH: usize = 256;

/// Extracts the article of a web page.
pub fn extract(source: &str, html: &str) -> Result<Article> {
    // Classes kept: the boilerplate rules read them.
    let config = Config { text_mode: TextMode::Raw, keep_classes: true, ..Config::default() };
    let html = flatten(html, MAX_DEPTH);
    let mut reader = match Readability::new(&*html, None, Some(config)) {
        Ok(r) => r,
        Err(e) => bail!("{source}: no article found in this web page ({e})"),
    };
    let page = match reader.parse() {
        Ok(page) => page,
        Err(e) => bail!("{source}: no article found in this web page ({e})"),
    };
    let kept = reader.doc.select_single("#readability-page-1");
    let hints = Hints { byline: page.byline.as_deref() };
    let mut paragraphs: Vec<LinkedText> = match kept.nodes().first() {
        Some(root) => boilerplate::linked_paragraphs(root, hints),
        None => vec![page.text_content.to_string().into()],
    };
    if paragraphs.iter().all(|p| p.text.is_empty()) {
        bail!("{source}: no article text found in this web page");
    }
    let mut meta = Vec::new();
    for (label, value) in [
        ("Author", page.byline.as_deref()),
        ("Date", page.published_time.as_deref()),
        ("Site", page.site_name.as_deref()),
        ("URL", page.url.as_deref()),
    ] {
        let v = match label {
            "Author" => value.map(super::readable_author),
            "Date" => value.map(super::readable_date),
            _ => value.map(|v| v.trim().to_owned()),
        };
        if let Some(v) = v.filter(|v| !v.is_empty()) {
            meta.push(format!("{label}: {v}"));
        }
    }
    let title = Some(page.title)
        .map(|t| clean_title(&t, &[page.site_name.as_deref(), page.byline.as_deref()]))
        .filter(|t| !t.trim().is_empty());
    let own = || {
        let og = reader.doc.select_single(r#"meta[property="og:url"]"#).attr("content");
        let canonical = || reader.doc.select_single(r#"link[rel="canonical"]"#).attr("href");
        page.url.clone().or_else(|| og.or_else(canonical).map(|u| u.to_string()))
    };
    let page_url = if super::fetch::is_url(source) { Some(source.to_owned()) } else { own() };
    let base = base_url(page_url.as_deref(), reader.doc.base_uri().as_deref());
    for p in &mut paragraphs {
        p.links.retain_mut(|l| match link_target(&l.href, base.as_ref()) {
            Some(href) => {
                l.href = href;
                true
            }
            None => false,
        });
    }
    Ok(Article::from_linked_parts(source, title, paragraphs, meta))
}

/// What a page's relative links are relative to: its `<base href>` (itself relative to
/// the page's address) when it is a web address, else the page's address: where it was
/// fetched from, or for a saved page the address it names as its own (its JSON-LD
/// `url`, `og:url`, the canonical link). `None` when nothing says: relative links then lead nowhere.
fn base_url(page: Option<&str>, base_tag: Option<&str>) -> Option<url::Url> {
    let web = |u: url::Url| matches!(u.scheme(), "http" | "https").then_some(u);
    let page = page.and_then(|p| url::Url::parse(p.trim()).ok()).and_then(web);
    let tag = base_tag.map(str::trim).filter(|t| !t.is_empty()).and_then(|t| match &page {
        Some(p) => p.join(t).ok(),
        None => url::Url::parse(t).ok(),
    });
    tag.and_then(web).or(page)
}

/// The page title without the site or author its page template appends ("… | TheHill",
/// "… - Los Angeles Times", "… | Eleanor Ainge Roy"): the last part after a separator
/// goes when it is the site's or author's name, a host name, or a short name in title
/// case. A longer tail ("review – shoots for the moon, lands among the stars") is part
/// of the title.
fn clean_title(title: &str, names: &[Option<&str>]) -> String {
    let title = title.trim();
    let cut = [" | ", " - ", " – ", " — "]
        .iter()
        .filter_map(|sep| title.rfind(sep).map(|i| (i, sep.len())))
        .max_by_key(|&(i, _)| i);
    let Some((i, n)) = cut else { return title.to_owned() };
    let (head, tail) = (title[..i].trim(), title[i + n..].trim());
    if head.split_whitespace().count() < 3 {
        return title.to_owned();
    }
    let fold = |s: &str| {
        s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect::<String>()
    };
    let named = names.iter().flatten().any(|n| !n.trim().is_empty() && fold(n) == fold(tail));
    let host = !tail.contains(' ') && tail.contains('.') && !tail.ends_with('.');
    let words: Vec<&str> = tail.split_whitespace().collect();
    let short_name = words.len() <= 4
        && words.iter().all(|w| w.chars().next().is_some_and(|c| !c.is_lowercase()));
    if named || host || short_name { head.to_owned() } else { title.to_owned() }
}

/// A start or end tag as written: `<name attrs>`, `</name>`, `<name/>`.
struct Tag<'a> {
    /// From `<` to `>`.
    whole: Range<usize>,
    /// `</name>`.
    closing: bool,
    name: &'a str,
    /// Between the name and the `>` (or the `/` before it).
    attrs: Range<usize>,
    /// Written `<name …/>`.
    slash: bool,
}

/// The tags of a page in order, for measuring nesting without building a tree: a `<`,
/// an optional `/`, an ASCII letter and then letters, digits and `-`, and everything up
/// to the next `>`. A `<` that starts no tag (`a < b`, `<!--`) is text.
///
/// N.B. A scan rather than a regex: the depth guard reads every tag of every page, and
/// a regex with four capture groups cost about 140 instructions a byte of HTML, a
/// third of the time of an ordinary page.
fn tags(html: &str) -> impl Iterator<Item = Tag<'_>> {
    let b = html.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        loop {
            let lt = at + html.get(at..)?.find('<')?;
            let mut i = lt + 1;
            let closing = b.get(i) == Some(&b'/');
            i += usize::from(closing);
            let name_start = i;
            if !b.get(i).is_some_and(u8::is_ascii_alphabetic) {
                at = lt + 1;
                continue;
            }
            while b.get(i).is_some_and(|&c| c.is_ascii_alphanumeric() || c == b'-') {
                i += 1;
            }
            let name_end = i;
            // With no `>` after this `<`, no later `<` has one either.
            let gt = i + html[i..].find('>')?;
            let slash = gt > name_end && b[gt - 1] == b'/';
            at = gt + 1;
            return Some(Tag {
                whole: lt..gt + 1,
                closing,
                name: &html[name_start..name_end],
                attrs: name_end..gt - usize::from(slash),
                slash,
            });
        }
    })
}
/// Elements that never hold others: they do not deepen the tree.
fn is_void(name: &str) -> bool {
    const VOID: [&str; 16] = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", "html", "head", "body",
    ];
    VOID.iter().any(|f| f.eq_ignore_ascii_case(name))
}

/// The elements an opening `name` closes when one of them is the current element, as
/// the HTML parser does (`<p>a<p>b`, `<td>1<td>2`, `<li>`): a page of unclosed cells
/// or paragraphs is not taken for a deep one.
fn closes(name: &str) -> &'static [&'static str] {
    match name {
        "p" => &["p"],
        "li" => &["li"],
        "dt" | "dd" => &["dt", "dd"],
        "option" => &["option"],
        "td" | "th" => &["td", "th"],
        "tr" => &["td", "th", "tr"],
        _ => &[],
    }
}

/// Elements that bound the scope an end tag looks in: the parser ignores `</div>`
/// when the nearest open `div` is outside an open `object`, `table` or cell, so
/// `<div><object></div>` repeated nests ever deeper.
/// An end tag of a table's own parts (`</td>`, `</table>`) closes the cells in its
/// way, so for those only the table bounds the scope.
fn is_scope_marker(name: &str, end_tag: &str) -> bool {
    if matches!(end_tag, "table" | "tbody" | "thead" | "tfoot" | "tr" | "td" | "th" | "caption") {
        return matches!(name, "html" | "table" | "template");
    }
    matches!(
        name,
        "applet" | "caption" | "html" | "table" | "td" | "th" | "marquee" | "object" | "template"
    )
}

/// Elements whose content is foreign (SVG, MathML): there, and only there, `<x/>`
/// closes itself. In HTML `<div/>` is `<div>`.
fn is_foreign_root(name: &str) -> bool {
    name == "svg" || name == "math"
}

/// How far down the open elements an end tag looks for its element; an end tag that
/// matches none of them is left to the parser, so a flood of stray end tags stays linear.
const END_TAG_REACH: usize = 64;

/// The most attributes an element keeps. The parser checks each new attribute
/// against the element's others, so one `<p>` with 250,000 attributes took it 19 s;
/// no real element has more than a few dozen.
pub const MAX_ATTRIBUTES: usize = 256;

/// The page with every element nested deeper than `max` removed, its content kept in
/// the element above it, and every element's attributes after the first
/// [`MAX_ATTRIBUTES`] dropped; the page itself, borrowed, when it needs neither.
///
/// N.B. Depth is counted from the tags as written (one pass over the tags, linear in the
/// page) with the parser's rules that matter for depth: `/>` closes only void and
/// foreign elements, the commonest implied end tags, and end tags that do not reach
/// past a scope marker (`object`, `table`, cells). It is not the tree a browser
/// builds: it only has to tell a page dom_smoothie reads in reasonable time from one
/// it does not.
///
/// N.B. The depth kept also shrinks below `max` for a page whose text is both long and
/// deep: dom_smoothie counts the characters under every element it scores, so each byte
/// of text costs once per element above it. 4 MB of one paragraph under 300 `div`s took
/// 7 s, all of it counting; kept to the depth that [`DEPTH_BUDGET`] allows, the same
/// text under fewer levels reads the same and in a fraction of a second.
pub fn flatten(html: &str, max: usize) -> Cow<'_, str> {
    let mut text_at = vec![0u64; max + 1];
    let (deepest, crowded) = walk(html, max, None, Some(&mut text_at));
    let max = budgeted_depth(&text_at, max);
    if deepest <= max && !crowded {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    walk(html, max, Some(&mut out), None);
    Cow::Owned(out)
}

/// How many bytes of text, each counted once per element it sits in, the scoring may
/// be given: about a third of a second of dom_smoothie's counting on this machine, and
/// a hundred times what a long article nested as deep as news pages are costs.
pub const DEPTH_BUDGET: u64 = 64 << 20;

/// The deepest nesting up to `max` at which the text, `text_at[d]` bytes at depth `d`
/// (the last entry holding all text at `max` or deeper), costs no more than
/// [`DEPTH_BUDGET`]; never less than [`MIN_DEPTH`].
fn budgeted_depth(text_at: &[u64], max: usize) -> usize {
    let cost = |depth: usize| -> u64 {
        text_at
            .iter()
            .enumerate()
            .map(|(d, &bytes)| bytes.saturating_mul(d.min(depth) as u64))
            .sum()
    };
    let mut depth = max;
    while depth > MIN_DEPTH && cost(depth) > DEPTH_BUDGET {
        depth -= 1;
    }
    depth
}

/// The shallowest a page is ever flattened to: enough for the article's block, its
/// paragraphs and their inline elements to stay apart.
const MIN_DEPTH: usize = 8;

/// Walks the tags keeping a stack of open elements; returns the greatest depth and
/// whether some tag has more than [`MAX_ATTRIBUTES`]. With `out`, writes the page
/// without the tags of elements deeper than `max` and without the attributes past
/// the limit.
///
/// With `text_at`, adds the bytes between tags (text, mostly) at each depth, all those
/// at `max` or deeper to its last entry.
fn walk(
    html: &str,
    max: usize,
    mut out: Option<&mut String>,
    mut text_at: Option<&mut [u64]>,
) -> (usize, bool) {
    let mut deepest = 0;
    let mut tag_end = 0;
    let mut crowded = false;
    let mut last = 0;
    // (lower-case name, kept) of each open element.
    let mut open: Vec<(String, bool)> = Vec::new();
    // How many of the open elements are foreign roots (svg, math).
    let mut foreign = 0usize;
    for tag in tags(html) {
        let whole = tag.whole;
        if let Some(text_at) = text_at.as_deref_mut() {
            let d = open.len().min(text_at.len() - 1);
            text_at[d] += whole.start.saturating_sub(tag_end) as u64;
            tag_end = whole.end;
        }
        let attrs = tag.attrs;
        // An attribute takes at least two bytes ("a "), so a short tag is never
        // crowded: only a long one is counted.
        if attrs.len() > 2 * MAX_ATTRIBUTES
            && let Some(keep) = attributes_end(&html[attrs.clone()], MAX_ATTRIBUTES)
        {
            crowded = true;
            if let Some(out) = out.as_deref_mut() {
                out.push_str(&html[last..attrs.start + keep]);
                last = attrs.end;
            }
        }
        let name = tag.name.to_ascii_lowercase();
        if is_void(&name) || (foreign > 0 && tag.slash) {
            continue;
        }
        let keep = if !tag.closing {
            let implied = closes(&name);
            while open.last().is_some_and(|(n, _)| implied.contains(&n.as_str())) {
                open.pop();
            }
            let keep = open.len() < max;
            if is_foreign_root(&name) {
                foreign += 1;
            }
            open.push((name, keep));
            deepest = deepest.max(open.len());
            keep
        } else {
            let reach = open.len().saturating_sub(END_TAG_REACH);
            let mut found = None;
            for i in (reach..open.len()).rev() {
                if open[i].0 == name {
                    found = Some(i);
                    break;
                }
                if is_scope_marker(&open[i].0, &name) {
                    break;
                }
            }
            match found {
                Some(i) => {
                    let keep = open[i].1;
                    foreign -= open[i..].iter().filter(|(n, _)| is_foreign_root(n)).count();
                    open.truncate(i);
                    keep
                }
                None => true,
            }
        };
        if let (false, Some(out)) = (keep, out.as_deref_mut()) {
            let from = last.max(whole.start);
            out.push_str(&html[last..from]);
            // A space where the tag was, so words either side stay apart; one for a
            // run of dropped tags, since dom_smoothie counts every character again at
            // each level it scores.
            if !out.ends_with(|c: char| c.is_ascii_whitespace()) {
                out.push(' ');
            }
            last = whole.end;
        }
    }
    if let Some(out) = out {
        out.push_str(&html[last..]);
    }
    (deepest, crowded)
}

/// Where the first `max` attributes of a tag's attribute text end, when it holds
/// more; `None` when it holds no more than `max`. Attributes are read as the HTML
/// tokenizer reads them: a name, then `=` and a value quoted or not.
fn attributes_end(attrs: &str, max: usize) -> Option<usize> {
    let b = attrs.as_bytes();
    let mut i = 0;
    let mut count = 0;
    let skip_space = |i: &mut usize| {
        while *i < b.len() && (b[*i].is_ascii_whitespace() || b[*i] == b'/') {
            *i += 1;
        }
    };
    loop {
        skip_space(&mut i);
        if i >= b.len() {
            return None;
        }
        if count == max {
            return Some(i);
        }
        count += 1;
        // The name, up to a space, a slash or '='.
        i += 1;
        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'/' && b[i] != b'=' {
            i += 1;
        }
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            match b.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    i += 1;
                    while i < b.len() && b[i] != q {
                        i += 1;
                    }
                    i += 1;
                }
                _ => {
                    while i < b.len() && !b[i].is_ascii_whitespace() {
                        i += 1;
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_read_as_written_and_a_stray_angle_bracket_is_text() {
        let html = "a < b <P class=x>one<br/><img src=a/b></p ><!-- c --><my-el a='>'</x";
        let got: Vec<(bool, &str, &str, bool)> =
            tags(html).map(|t| (t.closing, t.name, &html[t.attrs], t.slash)).collect();
        assert_eq!(
            got,
            [
                (false, "P", " class=x", false),
                (false, "br", "", true),
                (false, "img", " src=a/b", false),
                (true, "p", " ", false),
                // The scan, like the depth guard before it, ends a tag at its first `>`
                // even inside quotes; the parser decides what the page means.
                (false, "my-el", " a='", false),
            ]
        );
        // `</x` has no `>`: it is no tag.
        let last = tags(html).last().map(|t| t.whole);
        assert_eq!(last.map(|w| &html[w]), Some("<my-el a='>"));
    }

    #[test]
    fn a_title_loses_the_site_or_author_its_template_appends() {
        let none: &[Option<&str>] = &[None, None];
        for (title, names, want) in [
            ("Mayor vows to fix the buses | TheHill", none, "Mayor vows to fix the buses"),
            (
                "Nadal keeps Spain alive in Davis Cup - Sportsnet.ca",
                none,
                "Nadal keeps Spain alive in Davis Cup",
            ),
            ("Rains flood the valley - Los Angeles Times", none, "Rains flood the valley"),
            (
                "Whanganui river gets rights | Eleanor Ainge Roy",
                &[None, Some("Eleanor Ainge Roy")],
                "Whanganui river gets rights",
            ),
            (
                "Deals today - the best of the week - ign",
                &[Some("IGN"), None],
                "Deals today - the best of the week",
            ),
            // A tail that reads as part of the headline stays.
            (
                "Fallen Order review – shoots for the moon, lands among the stars",
                none,
                "Fallen Order review – shoots for the moon, lands among the stars",
            ),
            (
                "Opinion | Republicans Are Following Trump to Nowhere",
                none,
                "Opinion | Republicans Are Following Trump to Nowhere",
            ),
            ("Short | Site", none, "Short | Site"),
        ] {
            assert_eq!(clean_title(title, names), want, "{title}");
        }
    }

    #[test]
    fn shallow_pages_are_left_alone() {
        let page = "<html><body><div><p>One<p>Two<br><img src=x></div></body></html>";
        assert!(matches!(flatten(page, 2), Cow::Borrowed(_)));
        // Unclosed cells and paragraphs close one another: a long table is not deep.
        let rows = "<tr><td>a<td>b".repeat(1000);
        let table = format!("<body><div><table>{rows}</table><p>x<p>y<ul><li>1<li>2</ul></div>");
        assert!(matches!(flatten(&table, 4), Cow::Borrowed(_)));
    }

    #[test]
    fn a_self_closing_div_is_an_open_div_but_a_self_closing_svg_child_is_not() {
        let page = format!("<body>{}text</body>", "<div/>".repeat(50));
        let flat = flatten(&page, 10);
        assert_eq!(flat.matches("<div/>").count(), 10);
        let svg = format!("<body><svg>{}</svg>text</body>", "<path/>".repeat(50));
        assert!(matches!(flatten(&svg, 10), Cow::Borrowed(_)));
    }

    #[test]
    fn an_end_tag_does_not_reach_past_an_object() {
        // The parser ignores each </div>: the object is in the way, so this nests.
        let page = format!("<body>{}text</body>", "<div><object></div>".repeat(50));
        let flat = flatten(&page, 10);
        assert_eq!(flat.matches("<object>").count(), 5, "{flat}");
        // Closed in order, the same elements are shallow.
        let page = format!("<body>{}text</body>", "<div><object></object></div>".repeat(50));
        assert!(matches!(flatten(&page, 10), Cow::Borrowed(_)));
    }

    #[test]
    fn attributes_past_the_limit_are_dropped() {
        let many: String = (0..1000).map(|i| format!(" a{i}=\"v {i}\"")).collect();
        let page = format!("<body><p{many}>words</p></body>");
        let flat = flatten(&page, 10);
        assert!(flat.contains(" a255=\"v 255\""));
        assert!(!flat.contains("a256"));
        assert!(flat.contains(">words</p>"));
        let few: String = (0..100).map(|i| format!(" a{i}='{i}'")).collect();
        let page = format!("<body><p{few}>words</p></body>");
        assert!(matches!(flatten(&page, 10), Cow::Borrowed(_)));
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

    #[test]
    fn long_deep_text_is_kept_to_the_depth_the_budget_allows() {
        let words = "The minister said the dams must open before the floods. ";
        let text = words.repeat(4_000_000 / words.len());
        let page =
            format!("<body>{}<p>{text}</p>{}</body>", "<div>".repeat(300), "</div>".repeat(300));
        let flat = flatten(&page, MAX_DEPTH);
        let kept = flat.matches("<div>").count();
        assert!((MIN_DEPTH..32).contains(&kept), "{kept} levels kept");
        assert!(flat.contains(&text));
        // The same text at news depth, and a short text at the full depth, stay whole.
        let shallow =
            format!("<body>{}<p>{text}</p>{}</body>", "<div>".repeat(12), "</div>".repeat(12));
        assert!(matches!(flatten(&shallow, MAX_DEPTH), Cow::Borrowed(_)));
        let short =
            format!("<body>{}<p>{words}</p>{}</body>", "<div>".repeat(200), "</div>".repeat(200));
        assert!(matches!(flatten(&short, MAX_DEPTH), Cow::Borrowed(_)));
    }
}

#[cfg(test)]
mod link_tests {
    use super::*;

    /// A page Readability reads as an article, with `linked` as one of its paragraphs.
    fn page(head: &str, linked: &str) -> String {
        let filler = "<p>The council met on Tuesday evening to hear the engineers, who said \
                      the old bridge over the river could carry no more lorries this year.</p>";
        format!(
            "<html><head><title>Bridge closes</title>{head}</head><body><article>\
             <h1>Bridge closes</h1>{filler}<p>{linked}</p>{filler}{filler}</article></body></html>"
        )
    }

    /// Each link of the article as (linked words, target).
    fn links(source: &str, html: &str) -> Vec<(String, String)> {
        let a = extract(source, html).expect("an article");
        a.links.iter().map(|l| (a.text[l.range()].to_owned(), l.href.clone())).collect()
    }

    #[test]
    fn relative_links_resolve_against_the_page_address() {
        let html = page(
            "",
            "The <a href=\"/report.pdf\">engineers' report</a> and the \
             <a href=\"minutes.html#item-4\">minutes</a> are online, as is \
             <a href=\"https://example.org/river\">the river authority's view</a>.",
        );
        assert_eq!(
            links("https://news.example.com/local/bridge.html", &html),
            [
                ("engineers' report".to_owned(), "https://news.example.com/report.pdf".to_owned()),
                (
                    "minutes".to_owned(),
                    "https://news.example.com/local/minutes.html#item-4".to_owned()
                ),
                ("the river authority's view".to_owned(), "https://example.org/river".to_owned()),
            ]
        );
        // A saved page with no address of its own: the relative ones lead nowhere.
        assert_eq!(
            links("bridge.html", &html),
            [("the river authority's view".to_owned(), "https://example.org/river".to_owned())]
        );
    }

    #[test]
    fn a_base_element_and_a_saved_pages_own_address_are_the_base() {
        let linked = "Read <a href=\"docs/report\">the report</a> here.";
        let html = page("<base href=\"https://cdn.example.net/archive/\">", linked);
        assert_eq!(links("saved.html", &html)[0].1, "https://cdn.example.net/archive/docs/report");
        // A relative base is relative to the page's address.
        let html = page("<base href=\"/2026/\">", linked);
        assert_eq!(
            links("https://news.example.com/local/bridge", &html)[0].1,
            "https://news.example.com/2026/docs/report"
        );
        // A saved page names its address in its metadata.
        let html =
            page("<meta property=\"og:url\" content=\"https://news.example.com/a/b\">", linked);
        assert_eq!(links("saved.html", &html)[0].1, "https://news.example.com/a/docs/report");
    }

    #[test]
    fn only_web_and_mail_links_are_kept() {
        let html = page(
            "",
            "Write to <a href=\"mailto:desk@example.com\">the desk</a>, not \
             <a href=\"javascript:alert(1)\">this</a>, <a href=\" JaVaScRiPt:void(0)\">that</a>, \
             <a href=\"data:text/html,hi\">data</a>, <a href=\"file:///etc/passwd\">a file</a>, \
             <a href=\"#top\">the top</a> or <a>no address</a>.",
        );
        assert_eq!(
            links("https://news.example.com/x", &html),
            [("the desk".to_owned(), "mailto:desk@example.com".to_owned())]
        );
    }

    #[test]
    fn the_words_of_a_link_include_its_inline_tags_and_nothing_around_it() {
        let html = page(
            "",
            "The mayor <a href=\"https://example.org/m\"> said <b>no</b> to <em>the <i>plan</i></em> \
             </a>on Monday; <a href=\"https://example.org/x\">x</a><a href=\"https://example.org/y\">y</a>.",
        );
        let a = extract("https://news.example.com/x", &html).unwrap();
        let found: Vec<(&str, &str)> =
            a.links.iter().map(|l| (&a.text[l.range()], l.href.as_str())).collect();
        assert_eq!(
            found,
            [
                ("said no to the plan", "https://example.org/m"),
                ("x", "https://example.org/x"),
                ("y", "https://example.org/y"),
            ]
        );
        assert!(a.text.contains("The mayor said no to the plan on Monday; xy."), "{}", a.text);
        // Sorted and apart, as every span of the program.
        assert!(a.links.windows(2).all(|w| w[0].end <= w[1].start));
    }

    #[test]
    fn links_do_not_change_the_text() {
        let with = page("", "The <a href=\"https://example.org/r\">report</a> is out.");
        let without = page("", "The report is out.");
        let (a, b) = (extract("p.html", &with).unwrap(), extract("p.html", &without).unwrap());
        assert_eq!(a.text, b.text);
        assert_eq!(a.links.len(), 1);
        assert!(b.links.is_empty());
    }
}
