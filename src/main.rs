//! The `whosaid` command: choose a mode, load, analyse, show or print.

use anyhow::{Context, Result};
use clap::Parser;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use whosaid::library::Library;
use whosaid::{config, print, reader, source, state, userlex};

/// A terminal reader for news articles: who is in the story, and who said what.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Cli {
    /// The articles to read: paths, directories, http(s) URLs, or - for standard input.
    /// Several (or a directory) open as a library. With no path, a pipe is read from standard input;
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
    /// Default: lexicon.toml in the config directory, where the reader's corrections go.
    #[arg(long, value_name = "FILE")]
    lexicon: Option<std::path::PathBuf>,

    /// Read the settings from this file instead of config.toml in the config directory
    /// ($WHOSAID_CONFIG_DIR, else the platform's, e.g. ~/.config/whosaid).
    #[arg(long, value_name = "FILE")]
    config: Option<std::path::PathBuf>,

    /// Seconds a fetch of a URL may take in all (default 30, or `timeout` in the config).
    #[arg(long, value_name = "SECS", value_parser = seconds)]
    timeout: Option<std::time::Duration>,

    /// Seconds to wait for a connection to a URL's server (default 10, or
    /// `connect_timeout` in the config).
    #[arg(long, value_name = "SECS", value_parser = seconds)]
    connect_timeout: Option<std::time::Duration>,

    /// Open the subscribed feeds (`feeds` in the config, and those of --opml) as one
    /// library, newest first.
    #[arg(long)]
    feeds: bool,

    /// An OPML subscription list (as feed readers export it): its feeds open as with
    /// --feeds.
    #[arg(long, value_name = "FILE")]
    opml: Option<std::path::PathBuf>,

    /// Print the default settings, with comments, and exit.
    #[arg(long)]
    print_default_config: bool,
}

/// A number of seconds above 0 ("30", "0.5").
fn seconds(s: &str) -> Result<std::time::Duration, String> {
    match s.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && v > 0.0 && v <= 86_400.0 => {
            Ok(std::time::Duration::from_secs_f64(v))
        }
        _ => Err(format!("{s:?} is not a number of seconds above 0")),
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // One line, naming the input; never a backtrace. The message quotes names,
            // keys and library messages from outside: shown, never obeyed.
            let message = format!("{e:#}");
            let _ = writeln!(
                std::io::stderr(),
                "whosaid: {}",
                source::sanitize::display_line(&message)
            );
            ExitCode::from(2)
        }
    }
}

/// A warning on standard error; like errors, made safe for the terminal.
fn warn(problem: &str) {
    let _ = writeln!(
        std::io::stderr(),
        "whosaid: warning: {}",
        source::sanitize::display_line(problem)
    );
}

fn run(cli: Cli) -> Result<()> {
    if cli.print_default_config {
        print!("{}", config::default_text());
        return Ok(());
    }
    let paths = config::Paths::from_env();
    let settings = config::Settings::load(cli.config.as_deref(), &paths);
    if let Some(path) = &cli.lexicon {
        // Named on the command line, it must be there; the default one may not be yet.
        std::fs::metadata(path)
            .with_context(|| format!("{}: cannot read the lexicon", path.display()))?;
    }
    let lexicon_path = cli.lexicon.clone().or_else(|| paths.lexicon_file()).unwrap_or_default();
    let user = userlex::UserLexicon::open(lexicon_path);
    // One file is one article, as before; several inputs, a directory, or a file of
    // several articles (a JSON array, JSON Lines) is a library.
    let single = match cli.files.as_slice() {
        [] if !std::io::stdin().is_terminal() => Some("-"),
        [one] if one == "-" || !std::path::Path::new(one).is_dir() => Some(one.as_str()),
        _ => None,
    };
    let mut options = source::LoadOptions::default();
    let config_secs = std::time::Duration::from_secs_f64;
    options.net.timeout = cli.timeout.unwrap_or(config_secs(settings.config.timeout));
    options.net.connect_timeout =
        cli.connect_timeout.unwrap_or(config_secs(settings.config.connect_timeout));
    options.net.cache_max_bytes = settings.config.cache_size_mb.saturating_mul(1024 * 1024);
    let subscribed = cli.feeds || cli.opml.is_some();
    let mut settings = settings;
    let mut articles = match (single, cli.files.is_empty()) {
        _ if subscribed => {
            if !cli.files.is_empty() {
                anyhow::bail!("--feeds and --opml read the subscriptions: give no paths with them");
            }
            let mut feeds = settings.config.feeds.clone();
            if let Some(opml) = &cli.opml {
                let text = std::fs::read_to_string(opml)
                    .with_context(|| format!("{}: cannot read", opml.display()))?;
                let listed = source::feed::opml_feeds(&text);
                if listed.is_empty() {
                    anyhow::bail!("{}: no feeds in this OPML file (no xmlUrl)", opml.display());
                }
                feeds.extend(listed.into_iter().filter(|f| !settings.config.feeds.contains(f)));
            }
            source::web::subscriptions(&feeds, &options, &mut settings.problems)?
        }
        (Some(path), _) => source::load_all_with(path, &options)?,
        (None, true) => vec![source::samples::default_article()],
        (None, false) => Library::load(&cli.files, &options)?.articles,
    };
    if articles.is_empty() {
        anyhow::bail!("no article to read");
    }
    // A feed is many articles even with one item: each is named by its own link.
    let many = subscribed || articles.len() > 1 || single.is_some_and(|s| articles[0].source != s);
    let stdout_is_terminal = std::io::stdout().is_terminal();
    let printing = cli.json || cli.plain || cli.ansi || !stdout_is_terminal;
    if !printing {
        let view = config::ViewSettings::new(&settings, cli.no_mouse);
        let mut problems = settings.problems;
        problems.extend(user.problem().map(|p| format!("{p}; using the built-in lexicon")));
        if many {
            for p in &problems {
                warn(p);
            }
            // N.B. The background analysis outlives any borrow of `run`: the lexicon is
            // made to live as long as the program, which it does anyway.
            let user: &'static userlex::UserLexicon = Box::leak(Box::new(user));
            let library = Library::new(articles);
            let read_marks = paths.read_file().map(whosaid::store::read::ReadMarks::new);
            return reader::library::run(library, user, view, settings.keymap, read_marks);
        }
        let article = articles.swap_remove(0);
        let session = reader::Session {
            keymap: settings.keymap,
            view,
            userlex: user,
            places: paths.places_file().map(state::Places::new),
            problems,
        };
        return reader::run_session(article, session);
    }
    for p in &settings.problems {
        warn(p);
    }
    // Printed output with a lexicon left out would differ without a word: refuse.
    if let Some(p) = user.problem() {
        anyhow::bail!("{p}");
    }
    let width = cli.width.unwrap_or_else(|| {
        if stdout_is_terminal {
            crossterm::terminal::size().map_or(0, |(w, _)| w.into())
        } else {
            0
        }
    });
    let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());

    let mut library = Library::new(articles);
    if cli.json || cli.ansi {
        library.analyse_all_with(&|text: &str| user.analyse(text));
    }
    let mut stdout = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    for (i, article) in library.articles.iter().enumerate() {
        let analysis = library.analyses[i].take().unwrap_or_default();
        // Articles printed as text are told apart by a rule naming each; the name is
        // the user's, or a file's, or a feed's: made safe like the text.
        if many && !cli.json {
            let gap = if i > 0 { "\n" } else { "" };
            let name = source::sanitize::display_line(&article.source);
            if let Err(e) = writeln!(stdout, "{gap}── {name} ──") {
                return closed_pipe_or(e);
            }
        }
        let written = if cli.json {
            let shape = if many { print::Shape::Line } else { print::Shape::Pretty };
            print::write_json(&mut stdout, article, &analysis, shape)
        } else if cli.ansi {
            print::write_ansi(&mut stdout, article, &analysis, width, color)
        } else {
            // Like bat and less: into a pipe, the text itself rather than an error.
            print::write_plain(&mut stdout, article, width)
        };
        if let Err(e) = written {
            return closed_pipe_or(e);
        }
    }
    match stdout.flush() {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

/// A closed pipe (`| head`) is the reader's choice, not an error.
fn closed_pipe_or(e: std::io::Error) -> Result<()> {
    if e.kind() == std::io::ErrorKind::BrokenPipe { Ok(()) } else { Err(e.into()) }
}
