//! Opening an article's address in the user's browser: `$BROWSER` when set, else the
//! desktop's opener (`xdg-open`, `open` on macOS).
//!
//! Only `http://` and `https://` addresses are opened, and `mailto:` (a link of the
//! text, [`crate::source::Link`]): an address comes from a page or a feed, and a
//! `file:` or `javascript:` one is not the user's to open by a key. The address is one
//! argument of the program, never passed through a shell, and never starts with `-`
//! (it starts with its scheme), so it cannot be taken for an option.

use crate::source::fetch::is_url;
use anyhow::{Result, bail};

/// The program and arguments that open `url`. `$BROWSER` may be a list separated by
/// colons (the first is used) and may say where the address goes with `%s`.
pub fn browser_command(url: &str, browser: Option<&str>) -> (String, Vec<String>) {
    let chosen = browser.and_then(|b| b.split(':').map(str::trim).find(|s| !s.is_empty()));
    if let Some(b) = chosen {
        let mut words = b.split_whitespace().map(str::to_owned);
        let program = words.next().unwrap_or_default();
        let mut args: Vec<String> = words.collect();
        if args.iter().any(|a| a.contains("%s")) {
            for a in &mut args {
                *a = a.replace("%s", url);
            }
        } else {
            args.push(url.to_owned());
        }
        return (program, args);
    }
    let opener = if cfg!(target_os = "macos") { "open" } else { "xdg-open" };
    (opener.to_owned(), vec![url.to_owned()])
}

/// Starts the browser on `url` and returns without waiting for it; its output is
/// thrown away so it cannot draw over the reader.
///
/// # Errors
/// When the address is not http(s), or the program cannot be started.
pub fn open(url: &str) -> Result<String> {
    let mail = url.get(..7).is_some_and(|s| s.eq_ignore_ascii_case("mailto:"));
    if !is_url(url) && !mail {
        bail!("not a web address: {url}");
    }
    let browser = std::env::var("BROWSER").ok();
    let (program, args) = browser_command(url, browser.as_deref());
    let child = std::process::Command::new(&program)
        .args(&args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    match child {
        Ok(mut child) => {
            // Reaped in the background, so no finished browser lingers as a zombie.
            std::thread::spawn(move || child.wait());
            Ok(program)
        }
        Err(e) => bail!("cannot start {program}: {e} (set $BROWSER)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browser_is_used_with_or_without_a_place_for_the_address() {
        let url = "https://127.0.0.1/a?b=1&c=2";
        assert_eq!(browser_command(url, Some("firefox")), ("firefox".into(), vec![url.into()]));
        assert_eq!(
            browser_command(url, Some("w3m -o x=1 %s:lynx")),
            ("w3m".into(), vec!["-o".into(), "x=1".into(), url.into()])
        );
        let (program, args) = browser_command(url, None);
        assert!(program == "xdg-open" || program == "open");
        assert_eq!(args, [url]);
        assert_eq!(browser_command(url, Some("")).1, [url], "an empty $BROWSER is no browser");
    }

    #[test]
    fn only_web_addresses_are_opened() {
        assert!(open("file:///etc/passwd").is_err());
        assert!(open("javascript:alert(1)").is_err());
    }
}
