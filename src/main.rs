//! The `whosaid` command: choose a mode, load, analyse, show or print.

use anyhow::{Context, Result};
use clap::Parser;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use whosaid::{Lexicon, analyse, print, reader, source};

/// A terminal reader for news articles: who is in the story, and who said what.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Cli {
    /// The article to read: a path, or - for standard input. With no path, a pipe is
    /// read from standard input; on a terminal the bundled sample article opens.
    file: Option<String>,

    /// Print the analysis as JSON (see SCHEMA.md) instead of opening the reader.
    #[arg(long, group = "mode")]
    json: bool,

    /// Print the article's text, wrapped and made safe for a terminal. This is also
    /// what a reader-less run prints when standard output is not a terminal.
    #[arg(long, group = "mode")]
    plain: bool,

    /// Print the article with its actors and quotes marked in colour (SGR), like bat.
    #[arg(long, group = "mode")]
    ansi: bool,

    /// Wrap --plain and --ansi output to this many columns (0: do not wrap). The default
    /// is the terminal's width, or no wrapping when standard output is not a terminal.
    #[arg(long, value_name = "N")]
    width: Option<usize>,

    /// Leave the mouse to the terminal, so text can be selected with it.
    #[arg(long)]
    no_mouse: bool,

    /// A TOML lexicon of your own: names, aliases and kinds to add, words that are never
    /// actors (format in the README).
    #[arg(long, value_name = "FILE")]
    lexicon: Option<std::path::PathBuf>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // One line, naming the input; never a backtrace.
            let _ = writeln!(std::io::stderr(), "whosaid: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// The user's lexicon layered over the built-in one, when one is given.
fn user_lexicon(path: Option<&std::path::Path>) -> Result<Option<Lexicon>> {
    let Some(path) = path else { return Ok(None) };
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("{}: cannot read the lexicon", path.display()))?;
    let lex = Lexicon::builtin()
        .with_user_toml(&text)
        .map_err(|e| anyhow::anyhow!("{}: {}", path.display(), one_line(&e)))?;
    Ok(Some(lex))
}

/// Folds a multi-line parser message (toml's carets) into one line for stderr.
fn one_line(message: &str) -> String {
    message.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn run(cli: Cli) -> Result<()> {
    let user = user_lexicon(cli.lexicon.as_deref())?;
    let lexicon = user.as_ref().unwrap_or_else(|| Lexicon::builtin());
    let article = match cli.file.as_deref() {
        Some(path) => source::load(path)?,
        None if !std::io::stdin().is_terminal() => source::load("-")?,
        None => source::samples::default_article(),
    };
    let stdout_is_terminal = std::io::stdout().is_terminal();
    let printing = cli.json || cli.plain || cli.ansi || !stdout_is_terminal;
    if !printing {
        let analysis = analyse(article.body(), lexicon);
        return reader::run_with(article, analysis, reader::Options { mouse: !cli.no_mouse });
    }
    let width = cli.width.unwrap_or_else(|| {
        if stdout_is_terminal {
            crossterm::terminal::size().map_or(0, |(w, _)| w.into())
        } else {
            0
        }
    });
    let out = if cli.json {
        print::json(&article, &analyse(article.body(), lexicon))
    } else if cli.ansi {
        let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
        print::ansi(&article, &analyse(article.body(), lexicon), width, color)
    } else {
        // Like bat and less: into a pipe, the text itself rather than an error.
        print::plain(&article, width)
    };
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`| head`) is the reader's choice, not an error.
    match stdout.write_all(out.as_bytes()).and_then(|()| stdout.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}
