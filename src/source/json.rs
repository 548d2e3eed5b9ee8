//! JSON articles: one article object, an array of them, or JSON Lines.
//!
//! An article object has a body under `body`, `text` or `content` (the first present
//! wins), and may have `title`, `author` (a string or a list of strings), `date` and
//! `url`. Other fields are ignored: exports from feeds and databases carry many. A
//! missing body, or a field of the wrong type, is an error that names the article and
//! the field, since a silently empty article would look like a story with no actors.

use super::Article;
use anyhow::{Result, bail};
use serde_json::Value;

/// The fields that may hold the body, in the order they are looked for.
const BODY_FIELDS: [&str; 3] = ["body", "text", "content"];

/// Reads every article in a JSON document or a JSON Lines stream.
pub fn articles(source: &str, json: &str) -> Result<Vec<Article>> {
    let mut objects: Vec<Value> = Vec::new();
    // A stream of values covers one value, a whole array, and JSON Lines alike.
    let stream = serde_json::Deserializer::from_str(json).into_iter::<Value>();
    for value in stream {
        match value {
            Ok(Value::Array(items)) => objects.extend(items),
            Ok(v) => objects.push(v),
            Err(e) => bail!(
                "{source}: malformed JSON at line {}, column {}: {}",
                e.line(),
                e.column(),
                reason(&e)
            ),
        }
    }
    if objects.is_empty() {
        bail!("{source}: no article in this JSON (expected an object, an array or JSON Lines)");
    }
    let many = objects.len() > 1;
    objects
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let name = if many { format!("{source}#{}", i + 1) } else { source.to_owned() };
            article(&name, v)
        })
        .collect()
}

/// serde_json's message without its own " at line 1 column 5" (we say it first).
fn reason(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(i) => s[..i].to_owned(),
        None => s,
    }
}

/// One article object.
fn article(name: &str, value: &Value) -> Result<Article> {
    let Value::Object(fields) = value else {
        bail!("{name}: expected an article object, found {}", type_name(value));
    };
    let string = |field: &str| -> Result<Option<String>> {
        match fields.get(field) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(other) => {
                bail!("{name}: field \"{field}\" should be a string, found {}", type_name(other))
            }
        }
    };
    let mut body = None;
    for field in BODY_FIELDS {
        if let Some(b) = string(field)? {
            body = Some(b);
            break;
        }
    }
    let Some(body) = body else {
        bail!(
            "{name}: the article has no body (expected a \"body\", \"text\" or \"content\" string)"
        );
    };
    let title = string("title")?;
    let author = match fields.get("author") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Array(items)) => {
            let names: Option<Vec<&str>> = items.iter().map(Value::as_str).collect();
            let Some(names) = names else {
                bail!("{name}: field \"author\" should be a string or a list of strings");
            };
            Some(names.join(", "))
        }
        Some(other) => bail!(
            "{name}: field \"author\" should be a string or a list of strings, found {}",
            type_name(other)
        ),
    };
    let mut meta = Vec::new();
    for (label, value) in [("Author", author), ("Date", string("date")?), ("URL", string("url")?)] {
        let v = if label == "Date" { value.map(|v| super::readable_date(&v)) } else { value };
        if let Some(v) = v.filter(|v| !v.trim().is_empty()) {
            meta.push(format!("{label}: {}", v.trim()));
        }
    }
    // A body of paragraphs keeps them; line breaks inside a paragraph are kept too.
    let paragraphs = body.split("\n\n").map(str::to_owned).collect::<Vec<_>>();
    Ok(Article::from_parts(name, title, paragraphs, meta))
}

/// "a number", "an array": for error messages.
fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_object() {
        let a = articles(
            "a.json",
            r#"{"title": "Storm", "body": "Rain fell.\n\nWind blew.", "author": ["A", "B"],
                "date": "2024-01-02", "url": "https://x.org", "views": 3}"#,
        )
        .unwrap();
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].source, "a.json");
        assert_eq!(a[0].text, "Storm\n\nRain fell.\n\nWind blew.\n");
        assert_eq!(a[0].meta, ["Author: A, B", "Date: 2024-01-02", "URL: https://x.org"]);
    }

    #[test]
    fn arrays_and_lines_give_many() {
        let lines = "{\"text\": \"One.\"}\n{\"content\": \"Two.\"}\n";
        let a = articles("a.jsonl", lines).unwrap();
        assert_eq!(a.iter().map(|a| a.text.as_str()).collect::<Vec<_>>(), ["One.\n", "Two.\n"]);
        assert_eq!(a[1].source, "a.jsonl#2");
        let a = articles("a.json", "[{\"body\": \"One.\"}, {\"body\": \"Two.\"}]").unwrap();
        assert_eq!(a.len(), 2);
    }

    #[test]
    fn errors_name_the_field() {
        let e = articles("a.json", r#"{"title": "x"}"#).unwrap_err().to_string();
        assert!(e.starts_with("a.json: the article has no body"), "{e}");
        let e = articles("a.json", r#"{"body": "x", "title": 5}"#).unwrap_err().to_string();
        assert_eq!(e, "a.json: field \"title\" should be a string, found a number");
        let e = articles("a.json", "{\"body\": \"x\"}\n{\"body\": ").unwrap_err().to_string();
        assert!(e.starts_with("a.json: malformed JSON at line 2"), "{e}");
        let e = articles("a.json", "[1]").unwrap_err().to_string();
        assert_eq!(e, "a.json: expected an article object, found a number");
    }
}
