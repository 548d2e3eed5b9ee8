//! The `whosaid` command: choose a mode, load, analyse, show or print.

use anyhow::{Context, Result};
use clap::{CommandFactory, FromArgMatches, Parser, ValueEnum};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::sync::Arc;
use whosaid::library::{Library, Reload};
use whosaid::source::web::{FeedInput, Opened};
use whosaid::store::{places, userlex};
use whosaid::{config, print, quotesheet, reader, source};

/// A terminal reader for news articles: who is in the story, and who said what.
#[derive(Debug, Parser)]
#[command(version, about)]
struct Cli {
    /// The articles to read: paths, directories, http(s) URLs, or - for standard input.
    /// Several (or a directory) open as a library. With no path, a pipe is read from standard input;
    /// on a terminal the bundled sample article opens.
    files: Vec<std::ffi::OsString>,

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

    /// Print the quote sheet: each speaker with their quotes, as Markdown (what `Y`
    /// copies in the reader).
    #[arg(long, group = "mode")]
    quotes: bool,

    /// With --quotes: CSV instead, one row per quote, with a header.
    #[arg(long, requires = "quotes")]
    csv: bool,

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

    /// How far back --feeds and --opml list items: 24h (the default, or `feeds_since`
    /// in the config), 3d, 2w, ... or all. Items without a date are listed after the others.
    #[arg(long, value_name = "SPAN", value_parser = config::parse_since)]
    since: Option<config::Since>,

    /// An OPML subscription list (as feed readers export it): its feeds open as with
    /// --feeds.
    #[arg(long, value_name = "FILE")]
    opml: Option<std::path::PathBuf>,

    /// Add the feeds of an OPML subscription list to `feeds` in config.toml (the rest of
    /// the file stays as written), and exit.
    #[arg(long, value_name = "FILE")]
    import_opml: Option<std::path::PathBuf>,

    /// Colour in --ansi output and the reader: auto follows NO_COLOR, always and never
    /// win over it. Without colour, kinds are told apart by bold, underline and italic.
    #[arg(long, value_name = "WHEN", default_value = "auto")]
    color: ColorWhen,

    /// Print the default settings, with comments, and exit.
    #[arg(long)]
    print_default_config: bool,

    /// Print a completion script for SHELL and exit (see the README for where it goes).
    #[arg(long, value_name = "SHELL")]
    completions: Option<clap_complete::Shell>,

    /// Print the manual page (roff) and exit: `whosaid --man-page > whosaid.1`.
    #[arg(long)]
    man_page: bool,
}

/// When to colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorWhen {
    Auto,
    Always,
    Never,
}

impl ColorWhen {
    /// Whether to colour: NO_COLOR (set and not empty) decides when asked to.
    fn colour(self) -> bool {
        match self {
            ColorWhen::Always => true,
            ColorWhen::Never => false,
            ColorWhen::Auto => std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }
}

/// The sections `--help` ends with and the man page has: the keys (from the built-in
/// keymap, so the two cannot disagree), the environment and the exit statuses.
fn help_sections() -> [(&'static str, String); 3] {
    let keymap = config::keymap::Keymap::builtin();
    let mut keys =
        String::from("Rebind them in config.toml's [keys] (whosaid --print-default-config).\n");
    for (k, what) in keymap.help_rows() {
        keys.push_str(format!("{k:<12} {what}").trim_end());
        keys.push('\n');
    }
    keys.push_str(
        "In a prompt, ← → Home End move, Ctrl-w deletes a word, Ctrl-u the line\n\
         and Esc cancels. Ctrl-c always quits.",
    );
    let env = "NO_COLOR            set (not empty): no colour, as --color never\n\
               WHOSAID_CONFIG_DIR  where config.toml and lexicon.toml are\n                    \
               (default ~/.config/whosaid)\n\
               WHOSAID_STATE_DIR   where reading places and read marks are kept\n                    \
               (default ~/.local/state/whosaid)\n\
               WHOSAID_CACHE_DIR   the cache of fetched pages\n                    \
               (default ~/.cache/whosaid/http)\n\
               WHOSAID_NO_CACHE    1: keep no cache\n\
               WHOSAID_MAX_BYTES   the largest input read, in bytes (default 256 MiB)\n\
               WHOSAID_NOW         the time --feeds takes for now, in seconds since 1970
                    \
               (default: the clock), to see the window of another day
\
               BROWSER             what `o` opens an article's web address with";
    let status = "0  done\n\
                  1  some inputs were skipped (each said on stderr); the rest was shown\n\
                  2  an error: bad input, a usage error, or nothing could be read";
    [
        ("Keys in the reader", keys),
        ("Environment", env.to_owned()),
        ("Exit status", status.to_owned()),
    ]
}

/// What `--help` says after the options; `-h` points to it.
fn after_long_help() -> String {
    let sections = help_sections().map(|(title, body)| {
        let body: Vec<String> = body.lines().map(|l| format!("  {l}")).collect();
        format!("{title}:\n{}", body.join("\n"))
    });
    sections.join("\n\n")
}

/// The manual page: clap's sections, then the keys, environment and exit statuses as
/// sections of their own, set as written (no filling), so their columns stay.
fn man_page(out: &mut dyn Write) -> std::io::Result<()> {
    let man = clap_mangen::Man::new(command());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    for (title, body) in help_sections() {
        writeln!(out, ".SH \"{}\"\n.nf", title.to_uppercase())?;
        for line in body.lines() {
            // roff: a backslash is \e, a leading dot or quote would be a request.
            let line = line.replace('\\', "\\e").replace('-', "\\-");
            writeln!(out, "\\&{line}")?;
        }
        writeln!(out, ".fi")?;
    }
    man.render_version_section(out)
}

/// The command line as clap parses it, with the long help that only runs at run time.
fn command() -> clap::Command {
    Cli::command()
        .after_help("Keys, environment and exit status: whosaid --help")
        .after_long_help(after_long_help())
}

/// Parses the command line. Help and version print as clap does (exit 0); a usage
/// error is one line on stderr, exit 2, like every other error of whosaid.
fn parse() -> Result<Cli, ExitCode> {
    use clap::error::ErrorKind;
    let e = match command().try_get_matches().and_then(|m| Cli::from_arg_matches(&m)) {
        Ok(cli) => return Ok(cli),
        Err(e) => e,
    };
    if matches!(e.kind(), ErrorKind::DisplayHelp | ErrorKind::DisplayVersion) {
        e.exit();
    }
    let _ = writeln!(std::io::stderr(), "whosaid: {}", one_line_usage_error(&e.to_string()));
    Err(ExitCode::from(2))
}

/// clap's error message on one line: the error, its tips in brackets, then where to
/// look; clap's usage block is left out (`--help` has it).
fn one_line_usage_error(rendered: &str) -> String {
    let mut first = String::new();
    let mut tips = Vec::new();
    for line in rendered.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if line.starts_with("Usage:") || line.starts_with("For more information") {
            continue;
        } else if first.is_empty() {
            first = line.strip_prefix("error: ").unwrap_or(line).to_owned();
        } else {
            // "tip: …", "[possible values: …]"
            let tip = line.strip_prefix("tip: ").unwrap_or(line);
            tips.push(tip.trim_start_matches('[').trim_end_matches(']').to_owned());
        }
    }
    let tips = if tips.is_empty() { String::new() } else { format!(" ({})", tips.join("; ")) };
    source::sanitize::display_line(&format!("{first}{tips}; see whosaid --help")).into_owned()
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
    let cli = match parse() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    match run(cli) {
        Ok(code) => code,
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

/// Runs the command; the status is 1 when some inputs were skipped (and said so).
fn run(cli: Cli) -> Result<ExitCode> {
    if let Some(status) = about_whosaid(&cli)? {
        return Ok(status);
    }
    let paths = config::Paths::from_env();
    if let Some(opml) = &cli.import_opml {
        return import_opml(opml, cli.config.clone().or_else(|| paths.config_file()));
    }
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
    // N.B. Paths as the system gives them: a name need not be UTF-8 (caf\xe9.txt).
    let single: Option<&std::path::Path> = match cli.files.as_slice() {
        [] if !std::io::stdin().is_terminal() => Some("-".as_ref()),
        [one] if one == "-" || !std::path::Path::new(one).is_dir() => Some(one.as_ref()),
        _ => None,
    };
    let options = load_options(&cli, &settings.config);
    let subscribed = cli.feeds || cli.opml.is_some();
    let stdout_is_terminal = std::io::stdout().is_terminal();
    let printing = cli.json || cli.plain || cli.ansi || cli.quotes || !stdout_is_terminal;
    let mut settings = settings;
    if subscribed && !cli.files.is_empty() {
        anyhow::bail!("--feeds and --opml read the subscriptions: give no paths with them");
    }
    if !printing && !subscribed && single.is_none() && !cli.files.is_empty() {
        // Several inputs or a directory: the Library opens at once and fills as the
        // files are read and analysed in the background.
        let (session, background) = reader_session(&cli, settings, user, &paths);
        let analyser: whosaid::library::Analyser =
            Arc::new(move |text: &str| background.analyse(text));
        let (library, arrivals) =
            Library::load_in_background(cli.files.clone(), options, Arc::clone(&analyser));
        let files = cli.files.clone();
        let reload = Reload(Box::new(move || {
            Library::load_in_background(files.clone(), options, Arc::clone(&analyser))
        }));
        reader::run_library(library, background.lexicon(), arrivals, session, Some(reload))?;
        return Ok(ExitCode::SUCCESS);
    }
    let window = feeds_window(&cli, &settings.config);
    if !printing && subscribed {
        let feeds = subscribed_feeds(&cli, &settings.config)?;
        let inputs: Vec<FeedInput> = feeds.iter().map(|f| FeedInput::named(f)).collect();
        let (first, again) = (inputs.clone(), inputs);
        return open_feeds(&cli, settings, user, &paths, (first, again), options, window);
    }
    let mut failures = Vec::new();
    let mut articles = match single {
        _ if subscribed => {
            let feeds = subscribed_feeds(&cli, &settings.config)?;
            let window = window.as_ref().map(|(w, span)| (*w, span.as_str()));
            source::web::subscriptions(&feeds, &options, window, &mut settings.problems)?
        }
        // For the reader a feed opens in the Library at once, its stories fetched
        // behind it; printed, it is read whole first.
        Some(path) if !printing => match source::web::open_input(path, &options)? {
            Opened::Articles(articles) => articles,
            Opened::Feed { items, again } => {
                let again = again.unwrap_or_else(|| FeedInput::Items(items.clone()));
                let first = vec![FeedInput::Items(items)];
                let inputs = (first, vec![again]);
                // A feed named alone lists all its items: the user asked for that feed.
                return open_feeds(&cli, settings, user, &paths, inputs, options, None);
            }
        },
        Some(path) => source::load_path_with(path, &options)?,
        None if cli.files.is_empty() => vec![source::samples::default_article()],
        None => {
            let library = Library::load(&cli.files, &options);
            failures = library.failures;
            library.articles
        }
    };
    report_failures(&failures, articles.is_empty())?;
    // A feed is many articles even with one item: each is named by its own link.
    let many = subscribed
        || articles.len() > 1
        || single.is_some_and(|s| articles[0].source != s.to_string_lossy());
    if !printing {
        if many {
            let (session, background) = reader_session(&cli, settings, user, &paths);
            let library = Library::new(articles);
            let analyser: whosaid::library::Analyser =
                Arc::new(move |text: &str| background.analyse(text));
            let arrivals = library.analyse_in_background_with(analyser);
            reader::run_library(library, background.lexicon(), arrivals, session, None)?;
            return Ok(ExitCode::SUCCESS);
        }
        let article = articles.swap_remove(0);
        let (mut session, _) = reader_session(&cli, settings, user, &paths);
        // `r` fetches it again, when it came from the web.
        session.load_options = Some(options);
        reader::run_session(article, session)?;
        return Ok(ExitCode::SUCCESS);
    }
    print_articles(&cli, &settings, &user, articles, &failures, many)
}

/// What the command line asks about whosaid itself rather than an article: the default
/// config, shell completions, the man page. `None` when it asks for none of them.
fn about_whosaid(cli: &Cli) -> Result<Option<ExitCode>> {
    if cli.print_default_config {
        print!("{}", config::default_text());
        return Ok(Some(ExitCode::SUCCESS));
    }
    if let Some(shell) = cli.completions {
        clap_complete::generate(shell, &mut command(), "whosaid", &mut std::io::stdout());
        return Ok(Some(ExitCode::SUCCESS));
    }
    if cli.man_page {
        let mut out = Vec::new();
        man_page(&mut out)?;
        if let Err(e) = std::io::stdout().write_all(&out) {
            return closed_pipe_or(e, ExitCode::SUCCESS).map(Some);
        }
        return Ok(Some(ExitCode::SUCCESS));
    }
    Ok(None)
}

/// The print modes (`--json`, `--plain`, `--ansi`, `--quotes`, or any output into a
/// pipe): every article in turn, into one buffered stdout; 1 when some inputs were
/// skipped (`failures`), and a closed pipe is no error.
fn print_articles(
    cli: &Cli,
    settings: &config::Settings,
    user: &userlex::UserLexicon,
    articles: Vec<source::Article>,
    failures: &[whosaid::library::Failure],
    many: bool,
) -> Result<ExitCode> {
    let stdout_is_terminal = std::io::stdout().is_terminal();
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
    let color = cli.color.colour();
    // --ansi in the reader's theme: the config's [palette] over the built-in colours.
    let palette = settings.config.view().palette(color);

    let mut library = Library::new(articles);
    if cli.json || cli.ansi || cli.quotes {
        library.analyse_all_with(&|text: &str| user.analyse(text));
    }
    // Some inputs were skipped: the output is not all that was asked for.
    let status = if failures.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) };
    let mut stdout = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    for (i, article) in library.articles.iter().enumerate() {
        let analysis = library.analyses[i].take().unwrap_or_default();
        // Articles printed as text are told apart by a rule naming each; the name is
        // the user's, or a file's, or a feed's: made safe like the text.
        if many && !cli.json && !cli.quotes {
            let gap = if i > 0 { "\n" } else { "" };
            let name = source::sanitize::display_line(&article.source);
            if let Err(e) = writeln!(stdout, "{gap}── {name} ──") {
                return closed_pipe_or(e, status);
            }
        }
        let written = if cli.quotes && cli.csv {
            let header =
                if i == 0 { writeln!(stdout, "{}", quotesheet::CSV_HEADER) } else { Ok(()) };
            header.and_then(|()| quotesheet::write_csv(&mut stdout, article, &analysis))
        } else if cli.quotes {
            let gap = if i > 0 { writeln!(stdout) } else { Ok(()) };
            gap.and_then(|()| quotesheet::write_markdown(&mut stdout, article, &analysis))
        } else if cli.json {
            let shape = if many { print::Shape::Line } else { print::Shape::Pretty };
            print::write_json(&mut stdout, article, &analysis, shape)
        } else if cli.ansi {
            print::write_ansi(&mut stdout, article, &analysis, width, &palette)
        } else {
            // Like bat and less: into a pipe, the text itself rather than an error.
            print::write_plain(&mut stdout, article, width)
        };
        if let Err(e) = written {
            return closed_pipe_or(e, status);
        }
    }
    match stdout.flush() {
        Err(e) => closed_pipe_or(e, status),
        Ok(()) => Ok(status),
    }
}

/// Adds the feeds of an OPML file to the config's `feeds`, and says how many.
fn import_opml(opml: &std::path::Path, config: Option<std::path::PathBuf>) -> Result<ExitCode> {
    let feeds = opml_feeds(opml)?;
    let Some(config) = config else {
        anyhow::bail!("no config directory (no home directory): give --config FILE");
    };
    let done = config::subscriptions::import(&config, &feeds)?;
    let known = match done.known {
        0 => String::new(),
        n => format!(" ({n} listed already)"),
    };
    let s = if done.added == 1 { "" } else { "s" };
    println!("added {} feed{s} to {}{known}", done.added, config.display());
    Ok(ExitCode::SUCCESS)
}

/// The feeds an OPML file lists; none is an error.
fn opml_feeds(opml: &std::path::Path) -> Result<Vec<String>> {
    let text = std::fs::read_to_string(opml)
        .with_context(|| format!("{}: cannot read", opml.display()))?;
    let listed = source::feed::opml_feeds(&text);
    if listed.is_empty() {
        anyhow::bail!("{}: no feeds in this OPML file (no xmlUrl)", opml.display());
    }
    Ok(listed)
}

/// The subscribed feeds: the config's, then those of `--opml` not in it already.
fn subscribed_feeds(cli: &Cli, config: &config::Config) -> Result<Vec<String>> {
    let mut feeds = config.feeds.clone();
    if let Some(opml) = &cli.opml {
        let listed = opml_feeds(opml)?;
        feeds.extend(listed.into_iter().filter(|f| !config.feeds.contains(f)));
    }
    if feeds.is_empty() {
        anyhow::bail!("{}", source::web::NOTHING_SUBSCRIBED);
    }
    Ok(feeds)
}

/// The window `--feeds` lists items in (`--since`, else the config's `feeds_since`),
/// with its span in words, ending now: `WHOSAID_NOW` (seconds since 1970) when set, so
/// a test or a look at another day says what time it is, else the clock. `None`: all.
fn feeds_window(cli: &Cli, config: &config::Config) -> Option<(source::web::Window, String)> {
    let since = cli.since.unwrap_or(config.feeds_since);
    let now = std::env::var("WHOSAID_NOW").ok().and_then(|v| v.trim().parse::<i64>().ok());
    let now = now.unwrap_or_else(|| {
        let since_1970 = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
        since_1970.map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
    });
    Some((source::web::Window { seconds: since.0?, now }, since.span()?))
}

/// Opens feeds in the Library at once: the feeds (`inputs.0`) are read, the items
/// `window` keeps listed, and their stories fetched and analysed behind the list; `r`
/// reads `inputs.1` (the feeds' addresses) anew.
fn open_feeds(
    cli: &Cli,
    settings: config::Settings,
    user: userlex::UserLexicon,
    paths: &config::Paths,
    inputs: (Vec<FeedInput>, Vec<FeedInput>),
    options: source::LoadOptions,
    window: Option<(source::web::Window, String)>,
) -> Result<ExitCode> {
    let (first, again) = inputs;
    let (session, background) = reader_session(cli, settings, user, paths);
    let analyser: whosaid::library::Analyser = Arc::new(move |text: &str| background.analyse(text));
    let (library, arrivals) =
        Library::load_feeds_within(first, options, Arc::clone(&analyser), window.clone());
    let reload = Reload(Box::new(move || {
        Library::load_feeds_within(again.clone(), options, Arc::clone(&analyser), window.clone())
    }));
    reader::run_library(library, background.lexicon(), arrivals, session, Some(reload))?;
    Ok(ExitCode::SUCCESS)
}

/// How inputs are read: the size limit, and the timeouts and cache of URLs from the
/// command line, else the config.
fn load_options(cli: &Cli, config: &config::Config) -> source::LoadOptions {
    let mut options = source::LoadOptions::default();
    let secs = std::time::Duration::from_secs_f64;
    options.net.timeout = cli.timeout.unwrap_or(secs(config.timeout));
    options.net.connect_timeout = cli.connect_timeout.unwrap_or(secs(config.connect_timeout));
    options.net.cache_max_bytes = config.cache_size_mb.saturating_mul(1024 * 1024);
    options
}

/// Says on stderr, one line each, which inputs were skipped, and fails when nothing is
/// left to read: with the reason of the one input when there was one, as for a single
/// file.
fn report_failures(failures: &[whosaid::library::Failure], nothing: bool) -> Result<()> {
    if let ([only], true) = (failures, nothing) {
        anyhow::bail!("{}", only.reason);
    }
    for f in failures {
        let reason = source::sanitize::display_line(&f.reason);
        let _ = writeln!(std::io::stderr(), "whosaid: skipped {reason}");
    }
    match (nothing, failures.len()) {
        (false, _) => Ok(()),
        (true, 0) => anyhow::bail!("no article to read"),
        (true, n) => anyhow::bail!("none of the {n} inputs could be read"),
    }
}

/// The reader's session: the settings in effect, the user lexicon that corrections go
/// to, the places and read marks; and the user lexicon the background analyses with.
///
/// N.B. The background's lexicon outlives any borrow of `run` (its analyses run on
/// after the reader's frames): it is made to live as long as the program, which it
/// does anyway. It is opened apart from the session's, which corrections change.
fn reader_session(
    cli: &Cli,
    settings: config::Settings,
    user: userlex::UserLexicon,
    paths: &config::Paths,
) -> (reader::Session, &'static userlex::UserLexicon) {
    let mut view = config::ViewSettings::new(&settings, cli.no_mouse);
    view.color = cli.color.colour();
    if cli.color == ColorWhen::Always {
        // N.B. crossterm leaves colours out by itself under NO_COLOR; always is always.
        crossterm::style::force_color_output(true);
    }
    let mut problems = settings.problems;
    problems.extend(user.problem().map(|p| format!("{p}; using the built-in lexicon")));
    let background: &'static userlex::UserLexicon =
        Box::leak(Box::new(userlex::UserLexicon::open(user.path().to_path_buf())));
    let session = reader::Session {
        keymap: settings.keymap,
        view,
        userlex: user,
        places: paths.places_file().map(places::Places::new),
        read_marks: paths.read_file().map(whosaid::store::read::ReadMarks::new),
        problems,
        load_options: None,
        corrections: 0,
    };
    (session, background)
}

/// A closed pipe (`| head`) is the reader's choice, not an error: the run ends with
/// the status it had.
fn closed_pipe_or(e: std::io::Error, status: ExitCode) -> Result<ExitCode> {
    if e.kind() == std::io::ErrorKind::BrokenPipe { Ok(status) } else { Err(e.into()) }
}
