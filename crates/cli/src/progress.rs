//! The progress bar of `cookiecheck run`: drawn on standard error only when
//! it is a terminal, coloured only when `NO_COLOR` is unset or empty
//! (<https://no-color.org>).

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;

/// A bar over every (subject, case) pair, or nothing when stderr is not a terminal.
pub struct Progress {
    bar: Option<ProgressBar>,
}

/// Whether to colour terminal output: only on a terminal, and only when
/// `NO_COLOR` is absent or empty.
pub fn colour(is_terminal: bool, no_color: Option<&std::ffi::OsStr>) -> bool {
    is_terminal && no_color.is_none_or(|v| v.is_empty())
}

impl Progress {
    /// A bar of `total` steps on stderr, if stderr is a terminal.
    pub fn new(total: usize) -> Progress {
        if !std::io::stderr().is_terminal() {
            return Progress { bar: None };
        }
        let coloured = colour(true, std::env::var_os("NO_COLOR").as_deref());
        let template = if coloured {
            "{prefix:>18.bold.cyan} [{bar:30.cyan/blue}] {pos}/{len} {elapsed}"
        } else {
            "{prefix:>18} [{bar:30}] {pos}/{len} {elapsed}"
        };
        let style = ProgressStyle::with_template(template)
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
        let bar = ProgressBar::with_draw_target(
            Some(u64::try_from(total).unwrap_or(u64::MAX)),
            ProgressDrawTarget::stderr(),
        )
        .with_style(style);
        Progress { bar: Some(bar) }
    }

    /// Names the subject now running.
    pub fn subject(&self, name: &str) {
        if let Some(bar) = &self.bar {
            bar.set_prefix(name.to_string());
        }
    }

    /// One more case done.
    pub fn tick(&self) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
    }

    /// Removes the bar.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::colour;
    use std::ffi::OsStr;

    #[test]
    fn colour_only_on_a_terminal_without_no_color() {
        assert!(colour(true, None));
        assert!(colour(true, Some(OsStr::new(""))));
        assert!(!colour(true, Some(OsStr::new("1"))));
        assert!(!colour(false, None));
    }
}
