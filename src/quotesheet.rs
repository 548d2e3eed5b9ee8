//! The quote sheet: every quote of an article under the speaker who said it, as Markdown
//! or CSV, and the one-line attribution of a single quote.
//!
//! One module for what the reader copies (`y` a quote, `Y` the sheet) and what
//! `whosaid --quotes` prints, so the clipboard and the command line never disagree. It
//! reads an [`Article`] and its [`Analysis`] and writes text; it knows no terminal.
//! Everything written comes from outside (quotes, names, titles) and goes through the
//! shared sanitiser on the way: printed to a terminal, it is shown, never obeyed.

use crate::analysis::{Actor, ActorId, Analysis, Lexicon, Quote};
use crate::source::Article;
use crate::source::sanitize::display_str;
use crate::text_layout::one_line;
use std::io::{self, Write};

/// The quotes in the order the sheet and the reader's Quotes pane list them: grouped by
/// speaker, the speakers in the order they are first quoted, each speaker's quotes in
/// the article's order, the quotes without a speaker last.
pub fn grouped(quotes: &[Quote]) -> Vec<usize> {
    // A speaker's rank is the index of their first quote.
    let mut first: foldhash::HashMap<ActorId, usize> = foldhash::HashMap::default();
    for (i, q) in quotes.iter().enumerate() {
        if let Some(s) = q.speaker {
            first.entry(s).or_insert(i);
        }
    }
    let mut order: Vec<usize> = (0..quotes.len()).collect();
    // Stable: within a group, the article's order.
    order.sort_by_key(|&i| quotes[i].speaker.map_or(usize::MAX, |s| first[&s]));
    order
}

/// The groups of [`grouped`]: each speaker (None: no speaker) with their quotes.
pub fn groups(quotes: &[Quote]) -> Vec<(Option<ActorId>, Vec<usize>)> {
    let mut out: Vec<(Option<ActorId>, Vec<usize>)> = Vec::new();
    for i in grouped(quotes) {
        match out.last_mut() {
            Some((s, qs)) if *s == quotes[i].speaker => qs.push(i),
            _ => out.push((quotes[i].speaker, vec![i])),
        }
    }
    out
}

/// What a speaker is in the article ("Austrian Environment Minister", "NASA
/// Administrator"), when a mention of their full name says so: a title or role right
/// before the name, ending in a word the lexicon knows as a title's last word; or an
/// apposition next to it ("Mircea Fechet, Romania's minister, said", "Romania's
/// Minister of Waters and Forests, Mircea Fechet, said").
///
/// N.B. A guess from the words around a name, for a reader's eye in a copied
/// attribution; the analysis itself makes no claim about roles.
pub fn role_of(text: &str, actor: &Actor, lexicon: &Lexicon) -> Option<String> {
    let full = actor.mentions.iter().filter(|m| text[m.start..m.end].contains(' '));
    for m in full {
        let before = &text[..m.start];
        let after = &text[m.end..];
        if let Some(r) = title_before(before, lexicon) {
            return Some(r);
        }
        if let Some(r) = after.strip_prefix(", ").and_then(apposition_after) {
            return Some(r);
        }
        if after.starts_with(',')
            && let Some(r) = before.strip_suffix(", ").and_then(apposition_before)
        {
            return Some(r);
        }
    }
    None
}

/// Words that join the capitalized words of a title ("Minister of Waters and Forests").
const JOINERS: [&str; 5] = ["of", "and", "for", "the", "de"];

/// A title ending right before a name: the last word a title's last word, the words
/// before it capitalized (or joiners between capitalized words), on one line.
fn title_before(before: &str, lexicon: &Lexicon) -> Option<String> {
    let line = &before[before.rfind('\n').map_or(0, |i| i + 1)..];
    let line = line.strip_suffix(' ')?;
    let mut words: Vec<&str> = Vec::new();
    for w in line.rsplit(' ') {
        let bare = w.trim_end_matches(['.']);
        let ok = if words.is_empty() {
            lexicon.word_info(bare).title_end()
        } else {
            starts_upper(w) || JOINERS.contains(&w)
        };
        if !ok || w.is_empty() || w.contains(|c: char| ",;:\"“”()".contains(c)) {
            break;
        }
        words.push(w);
        if words.len() == 8 {
            break;
        }
    }
    while words.last().is_some_and(|w| JOINERS.contains(w) || w.eq_ignore_ascii_case("the")) {
        words.pop();
    }
    words.reverse();
    // A one-word "title" that only starts a sentence ("Spokesman Ruiz" aside) is too
    // weak; "President" or "Mr" before a name are not roles worth copying either.
    let short = words.len() == 1 && lexicon.word_info(words[0]).title_end() && words[0].len() <= 3;
    (!words.is_empty() && !short).then(|| words.join(" "))
}

/// ", the agency's chief," after a name: two to eight words up to the next comma.
fn apposition_after(rest: &str) -> Option<String> {
    let phrase = &rest[..rest.find(',')?];
    role_phrase(phrase)
}

/// "Romania's Minister of Waters and Forests, " before a name: from the start of the
/// sentence or clause.
fn apposition_before(before: &str) -> Option<String> {
    let from = before.rfind(['.', ',', ';', '\n', '"', '“', '”']).map_or(0, |i| i + 1);
    role_phrase(before[from..].trim_start())
}

fn role_phrase(phrase: &str) -> Option<String> {
    let n = phrase.split(' ').count();
    let first = phrase.split(' ').next()?;
    let starts =
        starts_upper(first) || ["the", "a", "an"].contains(&first) || first.ends_with("'s");
    let clean = !phrase.contains(['"', '“', '”', '\n', '(', ')', ';', '.']);
    (clean && starts && (2..=8).contains(&n) && phrase.len() <= 80).then(|| phrase.to_owned())
}

fn starts_upper(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// The reporting word as an attribution after a quote reads it: "said", "added",
/// "according to"; a cue that reads wrong there ("told", "called") is "said".
fn cue_word(cue: Option<&str>) -> &str {
    const AFTER_A_QUOTE: [&str; 14] = [
        "said",
        "says",
        "added",
        "adds",
        "asked",
        "wrote",
        "writes",
        "explained",
        "noted",
        "warned",
        "insisted",
        "replied",
        "recalled",
        "according to",
    ];
    match cue.map(str::trim) {
        Some(c) if AFTER_A_QUOTE.iter().any(|w| w.eq_ignore_ascii_case(c)) => {
            AFTER_A_QUOTE.iter().find(|w| w.eq_ignore_ascii_case(c)).copied().unwrap_or("said")
        }
        _ => "said",
    }
}

/// The article's title, or where it came from when it has none.
fn title(article: &Article) -> String {
    one_line(article.title.as_deref().unwrap_or(&article.source))
}

/// Where the article came from: its web address when known, else the source it was
/// read from.
fn origin(article: &Article) -> String {
    one_line(crate::source::web::url_of(article).unwrap_or(&article.source))
}

/// A speaker's name, with their role when the article gives one.
fn speaker_label(article: &Article, actor: &Actor) -> String {
    let name = one_line(&actor.name);
    match role_of(&article.text, actor, Lexicon::builtin()) {
        Some(role) => format!("{name} ({})", one_line(&role)),
        None => name,
    }
}

/// One quote with who said it and where, on one line, as `y` copies it:
/// `"…," said Charles Bolden (NASA Administrator) — <title>, <source>`.
pub fn attribution(article: &Article, analysis: &Analysis, quote: usize) -> Option<String> {
    let q = analysis.quotes.get(quote)?;
    let words = one_line(article.text.get(q.start..q.end)?);
    let words = words.trim();
    let mut out = match q.speaker.and_then(|id| analysis.actors.get(id)) {
        Some(a) => format!("{words} {} {}", cue_word(q.cue.as_deref()), speaker_label(article, a)),
        None => words.to_owned(),
    };
    let (t, o) = (title(article), origin(article));
    if t == o {
        out.push_str(&format!(" — {o}"));
    } else {
        out.push_str(&format!(" — {t}, {o}"));
    }
    Some(out)
}

/// The 1-based line of the article's text each quote starts on (a line ends at a line
/// break, not where a pane wraps), in one pass over the sorted quotes.
fn text_lines(text: &str, quotes: &[Quote]) -> Vec<usize> {
    let mut line = 1;
    let mut at = 0;
    quotes
        .iter()
        .map(|q| {
            let to = q.start.clamp(at, text.len());
            line += text.as_bytes()[at..to].iter().filter(|&&b| b == b'\n').count();
            at = to;
            line
        })
        .collect()
}

/// Markdown's punctuation that would change what a line means, backslashed, so a quote
/// reads as written wherever the sheet is pasted. Only what acts inside a line of ours
/// (emphasis, code, links, HTML): `_` inside words and `#` or `>` after "- " do not,
/// and a file name or URL reads better without backslashes.
fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if "\\`*[]<".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// The quote sheet as Markdown: the title, where it came from, and each speaker with
/// their role and count, their quotes as a list with the cue and the line.
pub fn write_markdown(
    w: &mut impl Write,
    article: &Article,
    analysis: &Analysis,
) -> io::Result<()> {
    let qs = &analysis.quotes;
    let lines = text_lines(&article.text, qs);
    writeln!(w, "# Quotes: {}", md(&title(article)))?;
    writeln!(w)?;
    let groups = groups(qs);
    let speakers = groups.iter().filter(|g| g.0.is_some()).count();
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    writeln!(
        w,
        "{} · {} · {}",
        md(&origin(article)),
        plural(qs.len(), "quote", "quotes"),
        plural(speakers, "speaker", "speakers")
    )?;
    for (speaker, quotes) in &groups {
        let who = match speaker.and_then(|id| analysis.actors.get(id)) {
            Some(a) => speaker_label(article, a),
            None => "No speaker".to_owned(),
        };
        writeln!(w)?;
        writeln!(w, "## {} · {}", md(&who), quotes.len())?;
        writeln!(w)?;
        for &i in quotes {
            let q = &qs[i];
            let words = one_line(article.text.get(q.start..q.end).unwrap_or(""));
            let cue = q.cue.as_deref().map_or(String::new(), |c| format!("{}, ", md(&one_line(c))));
            writeln!(w, "- {} ({cue}line {})", md(words.trim()), lines[i])?;
        }
    }
    Ok(())
}

/// [`write_markdown`] into a string, as `Y` copies it.
pub fn markdown(article: &Article, analysis: &Analysis) -> String {
    let mut out = Vec::new();
    // Writing into a Vec cannot fail.
    let _ = write_markdown(&mut out, article, analysis);
    String::from_utf8_lossy(&out).into_owned()
}

/// The CSV header: one row per quote follows.
pub const CSV_HEADER: &str = "source,title,quote,speaker,role,cue,line,start,end,text";

/// One CSV field (RFC 4180): quoted when it holds a comma, a quotation mark or a line
/// break, quotation marks doubled. Text that a spreadsheet would run as a formula
/// (starting with `=`, `+`, `@`, or `-` and more) gets a leading `'`, and characters that would
/// act on a terminal are shown as their pictures; line breaks and tabs stay.
fn csv_field(s: &str) -> String {
    let s = display_str(s);
    let formula = s.starts_with(['=', '+', '@']) || (s.starts_with('-') && s.len() > 1);
    let s = if formula { format!("'{s}") } else { s.into_owned() };
    if s.contains([',', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s }
}

/// The quote sheet as CSV rows (no header: [`CSV_HEADER`]), in the sheet's order; the
/// quote's text as written, line breaks kept.
pub fn write_csv(w: &mut impl Write, article: &Article, analysis: &Analysis) -> io::Result<()> {
    let qs = &analysis.quotes;
    let lines = text_lines(&article.text, qs);
    let (source, title) = (csv_field(&article.source), csv_field(&title(article)));
    let mut roles: foldhash::HashMap<ActorId, Option<String>> = foldhash::HashMap::default();
    for i in grouped(qs) {
        let q = &qs[i];
        let actor = q.speaker.and_then(|id| analysis.actors.get(id));
        let name = actor.map_or(String::new(), |a| one_line(&a.name));
        let role = actor
            .and_then(|a| {
                roles
                    .entry(a.id)
                    .or_insert_with(|| role_of(&article.text, a, Lexicon::builtin()))
                    .clone()
            })
            .unwrap_or_default();
        let text = article.text.get(q.start..q.end).unwrap_or("");
        writeln!(
            w,
            "{source},{title},{},{},{},{},{},{},{},{}",
            i + 1,
            csv_field(&name),
            csv_field(&one_line(&role)),
            csv_field(&one_line(q.cue.as_deref().unwrap_or(""))),
            lines[i],
            q.start,
            q.end,
            csv_field(text)
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Kind, Mention};

    fn actor(id: usize, name: &str, text: &str) -> Actor {
        let mentions = text
            .match_indices(name)
            .map(|(s, _)| Mention { start: s, end: s + name.len(), demonym: false })
            .collect();
        Actor {
            id,
            name: name.to_owned(),
            kind: Kind::Person,
            unsure: false,
            aliases: vec![name.to_owned()],
            mentions,
        }
    }

    #[test]
    fn roles_come_from_titles_and_appositions_next_to_the_name() {
        let lex = Lexicon::builtin();
        let role = |text: &str, name: &str| role_of(text, &actor(0, name, text), lex);
        assert_eq!(
            role(
                "after it,\" Austrian Environment Minister Leonore Gewessler told",
                "Leonore Gewessler"
            )
            .as_deref(),
            Some("Austrian Environment Minister")
        );
        assert_eq!(
            role("was \"ready.\" Commission spokeswoman Maria Bianchi said", "Maria Bianchi")
                .as_deref(),
            Some("Commission spokeswoman")
        );
        assert_eq!(
            role("Romania's Minister of Waters and Forests, Mircea Fechet, said", "Mircea Fechet")
                .as_deref(),
            Some("Romania's Minister of Waters and Forests")
        );
        assert_eq!(
            role("Charles Bolden, the NASA Administrator, said", "Charles Bolden").as_deref(),
            Some("the NASA Administrator")
        );
        assert_eq!(role("Yesterday Charles Bolden said no.", "Charles Bolden"), None);
        assert_eq!(role("Charles Bolden, who said no, left.", "Charles Bolden"), None);
    }

    #[test]
    fn csv_fields_are_quoted_and_never_formulas_or_controls() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("\"No,\" he said"), "\"\"\"No,\"\" he said\"");
        assert_eq!(csv_field("one\ntwo"), "\"one\ntwo\"");
        assert_eq!(csv_field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(csv_field("a\u{1b}]52;c;x\u{7}"), "a␛]52;c;x␇");
    }

    #[test]
    fn speakers_are_grouped_in_order_of_first_quote_and_no_speaker_last() {
        let q = |speaker| Quote { start: 0, end: 0, speaker, cue: None, speaker_mention: None };
        let quotes = [q(Some(3)), q(None), q(Some(1)), q(Some(3)), q(None), q(Some(1))];
        assert_eq!(grouped(&quotes), [0, 3, 2, 5, 1, 4]);
        let g = groups(&quotes);
        assert_eq!(g, [(Some(3), vec![0, 3]), (Some(1), vec![2, 5]), (None, vec![1, 4])]);
    }

    #[test]
    fn cues_that_read_wrong_after_a_quote_become_said() {
        assert_eq!(cue_word(Some("according to")), "according to");
        assert_eq!(cue_word(Some("told")), "said");
        assert_eq!(cue_word(Some("Added")), "added");
        assert_eq!(cue_word(None), "said");
    }
}
