//! Hostile and broken input: refused with a one-line error naming it, or read and
//! printed without a single raw control character reaching the output.

use whosaid::{analyse_article, print, source};

const FIX: &str = "tests/fixtures/hostile";

fn error_of(name: &str) -> String {
    let path = format!("{FIX}/{name}");
    let e = source::load(&path).expect_err(name);
    let msg = format!("{e:#}");
    assert!(msg.starts_with(&path), "{msg}");
    assert!(!msg.contains('\n'), "{msg}");
    msg
}

#[test]
fn broken_inputs_are_one_line_errors_naming_them() {
    assert!(error_of("nul.txt").contains("NUL"));
    assert!(error_of("image.png").contains("PNG"));
    assert!(error_of("wrong_type.json").contains("\"title\" should be a string, found a number"));
    assert!(error_of("no_body.json").contains("no body"));
    assert!(error_of("malformed.json").contains("malformed JSON"));
    assert!(error_of("does-not-exist.txt").contains("no such file"));
    let dir = tempfile::tempdir().unwrap();
    let e = source::load_all(dir.path().to_str().unwrap()).unwrap_err().to_string();
    assert!(e.contains("no articles in this directory"), "{e}");
}

#[test]
fn empty_and_lossy_files_open_with_a_note() {
    let a = source::load(&format!("{FIX}/empty.txt")).unwrap();
    assert_eq!(a.text, "");
    assert_eq!(a.notes, ["the file is empty"]);
    let a = source::load(&format!("{FIX}/invalid_utf8.txt")).unwrap();
    // Undeclared bytes that are not UTF-8 are sniffed: this file is Latin-1.
    assert!(a.text.contains("Caf\u{e9} au lait"), "{}", a.text);
}

#[test]
fn no_control_character_reaches_plain_or_ansi_output() {
    let sgr = regex::Regex::new("\x1b\\[[0-9;]*m").unwrap();
    for name in ["escapes.txt", "bidi.txt", "invalid_utf8.txt", "unbalanced_quotes.txt"] {
        let path = format!("{FIX}/{name}");
        let a = source::load(&path).unwrap();
        // The text is kept as it was: offsets stay file offsets.
        if name != "invalid_utf8.txt" {
            assert_eq!(a.text.as_bytes(), std::fs::read(&path).unwrap(), "{name}");
        }
        let analysis = analyse_article(&a);
        for width in [0, 1, 7, 80] {
            let out = print::plain(&a, width);
            let bad: Vec<char> = out
                .chars()
                .filter(|&c| c != '\n' && (c.is_control() || source::sanitize::is_unsafe(c)))
                .collect();
            assert!(bad.is_empty(), "{name} at width {width}: {bad:?}");
            assert!(!out.as_bytes().contains(&0x1b));
            for color in [true, false] {
                let out =
                    print::ansi(&a, &analysis, width, &whosaid::config::theme::Palette::new(color));
                // Only whosaid's own SGR: with them taken out, no ESC is left.
                let rest = sgr.replace_all(&out, "");
                assert!(!rest.contains('\u{1b}'), "{name}: {rest:?}");
                assert!(!rest.chars().any(|c| c != '\n' && c.is_control()));
                assert_eq!(rest, print::plain(&a, width), "{name}");
            }
        }
    }
    let out = print::plain(&source::load(&format!("{FIX}/escapes.txt")).unwrap(), 0);
    assert!(out.contains("␛]52;c;ZWNobyBwd25lZA==␇"), "{out}");
    assert!(out.contains("␛[2J␛[H"), "{out}");
}

#[test]
fn a_huge_line_wraps_to_width() {
    let a = whosaid::Article::from_text("-", "word ".repeat(200_000));
    let out = print::plain(&a, 80);
    assert!(out.lines().all(|l| l.chars().count() <= 80));
    assert_eq!(out.split_whitespace().count(), 200_000);
}

#[test]
fn deeply_nested_html_is_flattened_and_read() {
    // 20,000 nested elements took dom_smoothie minutes; flattened beyond 256 levels the
    // page reads like any other and its words are kept. Nested tables, unclosed
    // elements and stray end tags too.
    let depth = 20_000;
    let story = "<p>Foreign Minister Peter Szijjarto said \"the dams must open\" on Monday.</p>";
    let shapes = [
        ("<div>".repeat(depth), "</div>".repeat(depth)),
        ("<table><tr><td>".repeat(depth), "</td></tr></table>".repeat(depth)),
        ("<span><b>".repeat(depth), String::new()),
        ("<ul><li>".repeat(depth), "</span>".repeat(depth)),
    ];
    let dir = tempfile::tempdir().unwrap();
    for (i, (open, close)) in shapes.iter().enumerate() {
        let page = format!(
            "<html><head><title>Deep page</title></head><body>{open}{story}{close}</body></html>"
        );
        let path = dir.path().join(format!("deep{i}.html"));
        std::fs::write(&path, page).unwrap();
        let a = source::load(path.to_str().unwrap()).unwrap();
        assert!(a.text.contains("Peter Szijjarto said \"the dams must open\""), "{i}: {}", a.text);
        let analysis = analyse_article(&a);
        assert!(analysis.actors.iter().any(|x| x.name == "Peter Szijjarto"), "{i}");
    }
}

/// Runs `f` on another thread and fails the test if it has not finished in two
/// minutes: a guard against hanging, not a timing test.
fn finishes<T: Send + 'static>(what: &str, f: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx.recv_timeout(std::time::Duration::from_secs(120))
        .unwrap_or_else(|_| panic!("{what}: not read in two minutes"))
}

#[test]
fn pathological_pages_are_read_without_hanging() {
    // The shapes that were quadratic: <div/> is an open div in HTML; </div> does not
    // reach past an open <object>; one element with a quarter of a million attributes.
    let story = "<p>Foreign Minister Peter Szijjarto said \"the dams must open\" on Monday.</p>";
    let many: String = (0..250_000).map(|i| format!(" a{i}=x")).collect();
    let shapes = [
        ("self-closing divs", "<div/>".repeat(25_000)),
        ("divs around objects", "<div><object></div>".repeat(6_250)),
        ("attributes", format!("<p{many}>Words of the page.</p>")),
        // Every byte of text was counted once per element above it: 7 s for this.
        (
            "long text under deep nesting",
            format!(
                "{}<p>{}</p>{}",
                "<div>".repeat(300),
                "The dams must open before the floods. ".repeat(100_000),
                "</div>".repeat(300)
            ),
        ),
    ];
    for (what, body) in shapes {
        let page = format!("<html><body>{story}{body}</body></html>");
        let a = finishes(what, move || {
            source::parse("hostile.html", page.into_bytes(), source::Format::Html)
        })
        .unwrap_or_else(|e| panic!("{what}: {e:#}"));
        assert!(a[0].text.contains("Peter Szijjarto said"), "{what}: {}", a[0].text);
    }
}
