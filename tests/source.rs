//! Loading each format from the fixtures written for the project.

use whosaid::source::{self, Format, LoadOptions};

const FIX: &str = "tests/fixtures";

#[test]
fn a_saved_news_page_gives_its_story_only() {
    let a = source::load(&format!("{FIX}/news_page.html")).unwrap();
    assert_eq!(a.title.as_deref(), Some("Port strike ends after talks in Rotterdam"));
    assert!(a.text.starts_with("Port strike ends after talks in Rotterdam\n\nDock workers"));
    assert!(a.text.contains("said Marieke de Jong"));
    for junk in [
        "TRACKING SCRIPT",
        "SIDEBAR LINK",
        "COMMENT TEXT",
        "FOOTER TEXT",
        "Subscribe",
        "ADVERTISEMENT",
        "Home",
    ] {
        assert!(!a.text.contains(junk), "{junk} leaked into the text");
    }
    // Paragraphs are kept apart by blank lines.
    assert_eq!(a.text.matches("\n\n").count(), 5);
    assert_eq!(a.body(), a.text);
    assert!(a.meta.contains(&"Author: Lena Vos".to_owned()));
}

#[test]
fn markdown_is_read_without_its_markup() {
    let a = source::load(&format!("{FIX}/article.md")).unwrap();
    assert_eq!(a.title.as_deref(), Some("Wind farm approved off Scottish coast"));
    for markup in ["**", "](", "# ", "> ", "*big*"] {
        assert!(!a.text.contains(markup), "{markup} in the text");
    }
    assert!(a.text.contains("said Mairi McAllan, the net zero secretary."));
    assert!(a.text.contains("• About 400 jobs are expected."));
}

#[test]
fn json_object_array_and_lines() {
    let a = source::load(&format!("{FIX}/article.json")).unwrap();
    assert_eq!(a.title.as_deref(), Some("Flooding closes schools in Valencia"));
    assert!(a.text.contains("said Carlos Mazón"));
    assert_eq!(
        a.meta,
        ["Author: Ana Ruiz", "Date: 2024-10-30", "URL: https://example.org/valencia"]
    );

    let all = source::load_all(&format!("{FIX}/articles_array.json")).unwrap();
    assert_eq!(
        all.iter().map(|a| a.title.as_deref().unwrap()).collect::<Vec<_>>(),
        ["First story", "Second story"]
    );
    let all = source::load_all(&format!("{FIX}/articles.jsonl")).unwrap();
    assert_eq!(all.len(), 3);
    assert!(all[2].text.contains("Snow in Kyiv."));
    // One article asked for, several there: the first, with a note.
    let first = source::load(&format!("{FIX}/articles.jsonl")).unwrap();
    assert_eq!(first.title.as_deref(), Some("One"));
    assert!(first.notes.iter().any(|n| n.contains("first of 3")), "{:?}", first.notes);
}

#[test]
fn a_directory_gives_every_article_in_name_order() {
    let all = source::load_all(FIX).unwrap();
    let sources: Vec<&str> = all.iter().map(|a| a.source.as_str()).collect();
    let mut sorted = sources.clone();
    sorted.sort();
    assert_eq!(sources, sorted);
    // article.json 1 + array 2 + lines 3 + markdown 1 + page 1; hostile/ is a subdirectory.
    assert_eq!(all.len(), 8, "{sources:?}");
}

#[test]
fn format_is_sniffed_without_an_extension() {
    let html = std::fs::read(format!("{FIX}/news_page.html")).unwrap();
    assert_eq!(source::detect(Some("-"), &html), Format::Html);
    let json = std::fs::read(format!("{FIX}/articles.jsonl")).unwrap();
    assert_eq!(source::detect(None, &json), Format::Json);
    let md = std::fs::read(format!("{FIX}/article.md")).unwrap();
    assert_eq!(source::detect(None, &md), Format::Markdown);
    assert_eq!(source::detect(None, b"Storm hits coast\n\nRain fell."), Format::Text);
}

#[test]
fn inputs_over_the_limit_are_refused() {
    let opts = LoadOptions { max_bytes: 100, ..LoadOptions::default() };
    let e = source::load_with(&format!("{FIX}/news_page.html"), &opts).unwrap_err().to_string();
    assert!(e.contains("news_page.html: larger than the 100 bytes limit"), "{e}");
}

#[test]
fn invisible_characters_split_no_name_in_a_page_or_a_text_file() {
    let dir = tempfile::tempdir().unwrap();
    let body = "Prime Minister Benjamin Netan\u{ad}yahu spoke in Jeru\u{200b}salem on Monday. \
                Netan\u{ad}yahu said the talks would go on, and the cabinet met late into the night.";
    let page = dir.path().join("page.html");
    std::fs::write(
        &page,
        format!("<html><body><article><p>{body}</p><p>{body}</p></article></body></html>"),
    )
    .unwrap();
    let a = source::load(page.to_str().unwrap()).unwrap();
    assert!(a.text.contains("Benjamin Netanyahu spoke in Jerusalem"), "{}", a.text);
    assert!(!a.text.contains(['\u{ad}', '\u{200b}']));

    // A text file's text is the file's bytes; the analysis reads through them.
    let file = dir.path().join("story.txt");
    std::fs::write(&file, body).unwrap();
    let a = source::load(file.to_str().unwrap()).unwrap();
    assert_eq!(a.text, body);
    let an = whosaid::analysis::analyse(&a.text, whosaid::Lexicon::builtin());
    let names: Vec<&str> = an.actors.iter().map(|x| x.name.as_str()).collect();
    assert!(names.iter().any(|n| n.ends_with("Netan\u{ad}yahu")), "{names:?}");
    assert!(!names.contains(&"Netan"), "{names:?}");
}

#[test]
fn a_legacy_charset_is_a_note_the_reader_shows() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("old.txt");
    std::fs::write(
        &file,
        b"The caf\xe9 on the corner serves cr\xe8me br\xfbl\xe9e, its owner said.",
    )
    .unwrap();
    let a = source::load(file.to_str().unwrap()).unwrap();
    assert!(a.text.contains("café"));
    assert_eq!(a.notes, ["read as windows-1252"]);
    assert_eq!(a.decoded.map(|d| (d.encoding, d.lossy)), Some(("windows-1252", false)));
}
