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
    static DATE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        let month = r"(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?";
        let weekday = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?";
        regex::Regex::new(&format!(
            r"(?i)^{weekday}(?:{month}\s+([0-9]{{1,2}}),?|([0-9]{{1,2}})\s+{month},?)\s+([0-9]{{4}})$"
        ))
        .expect("the date pattern is valid")
    });
    const MONTHS: [&str; 12] =
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    text.lines().map(str::trim).filter(|l| !l.is_empty()).take(DATE_LINES).find_map(|line| {
        if line.len() > MAX_META_LINE_CHARS {
            return None;
        }
        if let Some(iso) = super::iso_date(line) {
            return Some(iso);
        }
        // N.B. A line that does not end in four digits (`[0-9]{4}$`) is no date: the
        // pattern is compiled only for one that may be.
        if line.chars().rev().take(4).filter(char::is_ascii_digit).count() < 4 {
            return None;
        }
        let c = DATE.captures(line)?;
        let (month, day) = match (c.get(1), c.get(4)) {
            (Some(m), _) => (m.as_str(), &c[2]),
            (None, Some(m)) => (m.as_str(), &c[3]),
            _ => return None,
        };
        let month = MONTHS.iter().position(|m| m.eq_ignore_ascii_case(&month[..3]))? + 1;
        let day: u32 = day.parse().ok().filter(|d| (1..=31).contains(d))?;
        Some(format!("{}-{month:02}-{day:02}", &c[5]))
    })
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
        ] {
            assert_eq!(date_line(text).as_deref(), Some(want), "{text}");
        }
        for text in [
            // A date inside a sentence, or below the top, or no date at all.
            "Title\n\nOn September 12, 2015 a crane fell.",
            "Title\none\ntwo\nthree\nSeptember 12, 2015",
            "Title\nSeptember 40, 2015\nBody.",
            "Title\nMaybe 12, 2015\nBody.",
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
