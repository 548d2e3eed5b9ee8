//! The `whosaid` command: choose a mode, load, analyse, show or print.

use anyhow::{Context, Result};
use clap::Parser;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use whosaid::library::Library;
use whosaid::{Lexicon, analyse, print, reader, source};

/// A terminal reader for news articles: who is in the story, and who said what.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Cli {
    /// The articles to read: paths, directories, or - for standard input. Several (or a
    /// directory) open as a library. With no path, a pipe is read from standard input;
    /// on a terminal the bundled sample article opens.
    files: Vec<String>,

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
    // N.B. The background analysis of a library outlives any borrow of `run`: the
    // lexicon is made to live as long as the program, which it does anyway.
    let lexicon: &'static Lexicon = match user {
        Some(l) => Box::leak(Box::new(l)),
        None => Lexicon::builtin(),
    };
    // One file is one article, as before; several inputs, a directory, or a file of
    // several articles (a JSON array, JSON Lines) is a library.
    let single = match cli.files.as_slice() {
        [] if !std::io::stdin().is_terminal() => Some("-"),
        [one] if one == "-" || !std::path::Path::new(one).is_dir() => Some(one.as_str()),
        _ => None,
    };
    let options = source::LoadOptions::default();
    let articles = match (single, cli.files.is_empty()) {
        (Some(path), _) => source::load_all_with(path, &options)?,
        (None, true) => vec![source::samples::default_article()],
        (None, false) => Library::load(&cli.files, &options)?.articles,
    };
    let stdout_is_terminal = std::io::stdout().is_terminal();
    let printing = cli.json || cli.plain || cli.ansi || !stdout_is_terminal;
    let reader_options = reader::Options { mouse: !cli.no_mouse };
    if !printing {
        return match <[_; 1]>::try_from(articles) {
            Ok([article]) => {
                let analysis = analyse(article.body(), lexicon);
                reader::run_with(article, analysis, reader_options)
            }
            Err(articles) => reader::library::run(Library::new(articles), lexicon, reader_options),
        };
    }
    let width = cli.width.unwrap_or_else(|| {
        if stdout_is_terminal {
            crossterm::terminal::size().map_or(0, |(w, _)| w.into())
        } else {
            0
        }
    });
    let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let many = articles.len() > 1;
    let mut library = Library::new(articles);
    if cli.json || cli.ansi {
        library.analyse_all(lexicon);
    }
    let mut stdout = std::io::stdout().lock();
    for (i, article) in library.articles.iter().enumerate() {
        let analysis = library.analyses[i].take().unwrap_or_default();
        let out = if cli.json && many {
            print::json_line(article, &analysis)
        } else if cli.json {
            print::json(article, &analysis)
        } else if cli.ansi {
            print::ansi(article, &analysis, width, color)
        } else {
            // Like bat and less: into a pipe, the text itself rather than an error.
            print::plain(article, width)
        };
        // Articles printed as text are told apart by a rule naming each.
        let head = if many && !cli.json {
            format!("{}── {} ──\n", if i > 0 { "\n" } else { "" }, article.source)
        } else {
            String::new()
        };
        // A closed pipe (`| head`) is the reader's choice, not an error.
        match stdout.write_all(head.as_bytes()).and_then(|()| stdout.write_all(out.as_bytes())) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(()),
            other => other?,
        }
    }
    match stdout.flush() {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}
