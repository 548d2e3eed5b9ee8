//! The `whosaid` command: choose a mode, load, analyse, show or print.

use anyhow::Result;
use clap::Parser;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use whosaid::{analyse_article, print, reader, source};

/// A terminal reader for news articles: who is in the story, and who said what.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Cli {
    /// The article to read: a path, or - for standard input. With no path, a pipe is
    /// read from standard input; on a terminal the bundled sample article opens.
    file: Option<String>,

    /// Print the analysis as JSON (see SCHEMA.md) instead of opening the reader.
    #[arg(long)]
    json: bool,
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

fn run(cli: Cli) -> Result<()> {
    let article = match cli.file.as_deref() {
        Some(path) => source::load(path)?,
        None if !std::io::stdin().is_terminal() => source::load("-")?,
        None => source::samples::default_article(),
    };
    let analysis = analyse_article(&article);
    if cli.json {
        let out = print::json(&article, &analysis);
        let mut stdout = std::io::stdout().lock();
        // A closed pipe (`| head`) is the reader's choice, not an error.
        return match stdout.write_all(out.as_bytes()).and_then(|()| stdout.flush()) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            other => Ok(other?),
        };
    }
    if !std::io::stdout().is_terminal() {
        anyhow::bail!("standard output is not a terminal: use --json to print the analysis");
    }
    reader::run(article, analysis)
}
