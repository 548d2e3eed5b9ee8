//! The terminal reader.

use crate::{Analysis, Article};

/// Runs the reader until the user quits; the terminal is restored on every way out.
pub fn run(_article: Article, _analysis: Analysis) -> anyhow::Result<()> {
    anyhow::bail!("the reader is not built yet")
}
