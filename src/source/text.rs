//! Plain-text articles: where the title and the trailing metadata are.

/// The longest first line that still reads as a title, in characters.
const MAX_TITLE_CHARS: usize = 120;
/// Metadata lines are short; a longer line is part of the story.
const MAX_META_LINE_CHARS: usize = 80;

/// The first line is a title when it is short and either stands apart (a blank line
/// follows) or does not end like a sentence.
pub fn title_of(text: &str) -> Option<String> {
    let mut lines = text.lines();
    let first = lines.next()?.trim();
    if first.is_empty() || first.chars().count() > MAX_TITLE_CHARS {
        return None;
    }
    let next_blank = lines.next().is_some_and(|l| l.trim().is_empty());
    let sentence_end = first.ends_with(['.', '!', '?', ',', ';', ':', '"', '\u{201d}']);
    (next_blank || !sentence_end).then(|| first.to_owned())
}

/// How many lines at the top of a text may hold its date line: the title, a
/// subtitle or byline, then the date.
const DATE_LINES: usize = 4;

/// The date of a text whose first lines hold one on a line of its own, as news copy is
/// laid out ("Saturday, September 12, 2015", "12 Sept. 2015", "2015-09-12"), in the
/// form every other source's date takes: `2015-09-12`.
pub fn date_line(text: &str) -> Option<String> {
    const MONTHS: [&str; 12] =
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    text.lines().map(str::trim).filter(|l| !l.is_empty()).take(DATE_LINES).find_map(|line| {
        if line.len() > MAX_META_LINE_CHARS {
            return None;
        }
        if let Some(iso) = super::iso_date(line) {
            return Some(iso);
        }
        let (month, day, year) = spelled_date(line)?;
        let month = MONTHS.iter().position(|m| m.eq_ignore_ascii_case(&month[..3]))? + 1;
        let day: u32 = day.parse().ok().filter(|d| (1..=31).contains(d))?;
        Some(format!("{year}-{month:02}-{day:02}"))
    })
}

/// The month, day and year of a line that is a date and nothing else: an optional
/// weekday ("Saturday,"), then "September 12," or "12 Sept." (a month's name or its
/// abbreviation, any case, a period after it allowed), then a four-digit year.
///
/// N.B. Read by hand, not by a regex: the pattern's compile (Unicode case folding of
/// the month names, twice) was 2.1 M instructions, 40% of a short dated article's run,
/// for a grammar of a few words.
fn spelled_date(line: &str) -> Option<(&str, &str, &str)> {
    const MONTH_NAMES: [&str; 24] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sept",
        "sep",
        "oct",
        "nov",
        "dec",
    ];
    const WEEKDAYS: [&str; 7] =
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    fn split_where(s: &str, f: impl Fn(char) -> bool) -> (&str, &str) {
        s.split_at(s.find(|c: char| !f(c)).unwrap_or(s.len()))
    }
    fn word(s: &str) -> (&str, &str) {
        split_where(s, |c| c.is_ascii_alphabetic())
    }
    fn digits(s: &str) -> (&str, &str) {
        split_where(s, |c| c.is_ascii_digit())
    }
    /// `\s+`: at least one space, Unicode's as well as ASCII's.
    fn spaces(s: &str) -> Option<&str> {
        Some(s.trim_start()).filter(|t| t.len() < s.len())
    }
    fn comma(s: &str) -> &str {
        s.strip_prefix(',').unwrap_or(s)
    }
    fn period(s: &str) -> &str {
        s.strip_prefix('.').unwrap_or(s)
    }
    let one_of = |w: &str, list: &[&str]| list.iter().any(|m| m.eq_ignore_ascii_case(w));
    let mut rest = line;
    let (w, after) = word(rest);
    if one_of(w, &WEEKDAYS) {
        rest = spaces(comma(after))?;
    }
    let (month, day, rest) = if rest.starts_with(|c: char| c.is_ascii_digit()) {
        let (day, after) = digits(rest);
        let (month, after) = word(spaces(after)?);
        (month, day, comma(period(after)))
    } else {
        let (month, after) = word(rest);
        let (day, after) = digits(spaces(period(after))?);
        (month, day, comma(after))
    };
    let (year, end) = digits(spaces(rest)?);
    (one_of(month, &MONTH_NAMES)
        && (1..=2).contains(&day.len())
        && year.len() == 4
        && end.is_empty())
    .then_some((month, day, year))
}

/// Splits off a trailing metadata block: short lines at the end of the text, the first
/// of which is a label ("Tags:", "Categories: world, politics") and none of which ends
/// like a sentence. Returns where the body ends and the metadata folded to
/// "Label: value, value" lines.
pub fn split_metadata(text: &str) -> (usize, Vec<String>) {
    // Line start offsets of the trailing run of short, non-sentence lines.
    let mut starts: Vec<usize> = Vec::new();
    let mut end = text.trim_end().len();
    while end > 0 {
        let start = text[..end].rfind('\n').map_or(0, |i| i + 1);
        let line = text[start..end].trim();
        if line.is_empty() {
            end = start.saturating_sub(1);
            continue;
        }
        let is_short = line.chars().count() <= MAX_META_LINE_CHARS;
        let ends_sentence = line.ends_with(['.', '!', '?', '"', '\u{201d}']);
        if !is_short || ends_sentence {
            break;
        }
        starts.push(start);
        if start == 0 {
            break;
        }
        end = start - 1;
    }
    // The block begins at the earliest label line of that run; nothing before a label.
    let Some(&block) =
        starts.iter().rev().find(|&&s| is_label(text[s..].lines().next().unwrap_or("")))
    else {
        return (text.len(), Vec::new());
    };
    if block == 0 {
        return (text.len(), Vec::new()); // the whole text is "metadata": treat it as body
    }
    let mut meta: Vec<String> = Vec::new();
    for line in text[block..].lines().map(str::trim).filter(|l| !l.is_empty()) {
        if is_label(line) {
            let (label, value) = line.split_once(':').unwrap_or((line, ""));
            let value = value.trim();
            meta.push(if value.is_empty() {
                format!("{label}:")
            } else {
                format!("{label}: {value}")
            });
        } else if let Some(last) = meta.last_mut() {
            if !last.ends_with(':') {
                last.push(',');
            }
            last.push(' ');
            last.push_str(line);
        }
    }
    // The body ends where the text before the block stops, trailing blank lines included.
    (text[..block].trim_end().len(), meta)
}

/// "Tags:", "Filed under: x": one to three words starting with a capital, then a colon.
fn is_label(line: &str) -> bool {
    let Some((label, _)) = line.split_once(':') else { return false };
    let words: Vec<&str> = label.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 3
        && words[0].starts_with(|c: char| c.is_uppercase())
        && words.iter().all(|w| w.chars().all(|c| c.is_alphabetic() || c == '-'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_is_a_short_first_line_set_apart_or_without_a_stop() {
        assert_eq!(title_of("Storm hits coast\n\nRain fell.").as_deref(), Some("Storm hits coast"));
        assert_eq!(title_of("Storm hits coast\nRain fell.").as_deref(), Some("Storm hits coast"));
        assert_eq!(title_of("Rain fell on Monday.\nMore rain.").as_deref(), None);
        assert_eq!(
            title_of("Rain fell on Monday.\n\nMore rain.").as_deref(),
            Some("Rain fell on Monday.")
        );
        assert_eq!(title_of(&"long ".repeat(40)), None);
        assert_eq!(title_of(""), None);
    }

    #[test]
    fn a_date_on_a_line_of_its_own_near_the_top_is_the_date() {
        for (text, want) in [
            ("Crane collapse\n\nSaturday, September 12, 2015\n\nAt least 107…", "2015-09-12"),
            ("Title\n12 Sept. 2015\nBody.", "2015-09-12"),
            ("Title\nBy Ana Ruiz\nmarch 3, 2014\nBody.", "2014-03-03"),
            ("Title\n2015-07-24T09:30:00Z\nBody.", "2015-07-24 09:30"),
            ("Title\n2015-07-24\nBody.", "2015-07-24"),
            ("Title\nTHURSDAY, JAN 1, 2015\nBody.", "2015-01-01"),
            ("Title\nMonday March 2 2015\nBody.", "2015-03-02"),
            ("Title\n5 December, 2015\nBody.", "2015-12-05"),
            ("Title\nDec. 31,\u{a0}2015\nBody.", "2015-12-31"),
        ] {
            assert_eq!(date_line(text).as_deref(), Some(want), "{text}");
        }
        for text in [
            // A date inside a sentence, or below the top, or no date at all.
            "Title\n\nOn September 12, 2015 a crane fell.",
            "Title\none\ntwo\nthree\nSeptember 12, 2015",
            "Title\nSeptember 40, 2015\nBody.",
            "Title\nMaybe 12, 2015\nBody.",
            "Title\nFunday, March 2, 2015\nBody.",
            "Title\nMonday, 2015\nBody.",
            "Title\nSept 123, 2015\nBody.",
            "Title\nSeptember 12, 15\nBody.",
            "Title\nSeptember 12, 2015 noon\nBody.",
            "Title\nSeptember12, 2015\nBody.",
            "",
        ] {
            assert_eq!(date_line(text), None, "{text}");
        }
    }

    #[test]
    fn trailing_tags_are_metadata() {
        let text = "Body sentence one.\nBody two.\nTags:\neurope\nasia\n";
        let (end, meta) = split_metadata(text);
        assert_eq!(&text[..end], "Body sentence one.\nBody two.");
        assert_eq!(meta, ["Tags: europe, asia"]);
    }

    #[test]
    fn labels_with_values_and_several_blocks() {
        let text = "Body.\n\nCategories: world, politics\nSource: Wire\n";
        let (end, meta) = split_metadata(text);
        assert_eq!(&text[..end], "Body.");
        assert_eq!(meta, ["Categories: world, politics", "Source: Wire"]);
    }

    #[test]
    fn a_body_without_labels_is_all_body() {
        let text = "Body.\nA short line\nanother\n";
        assert_eq!(split_metadata(text), (text.len(), vec![]));
        // A quote ending the story is not metadata even after a label-like line.
        let text = "Body.\nHe said: \"yes.\"\n";
        assert_eq!(split_metadata(text), (text.len(), vec![]));
    }
}
