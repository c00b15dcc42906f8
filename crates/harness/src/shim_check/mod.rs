//! `shim-check`: checks a shim against the process protocol itself
//! (docs/protocol.md), before any cookie rule is compared: the `hello`, the
//! ids, every operation it claims answered and every one it does not claim
//! answered `unsupported`, `reset`, a request time limit, stdout kept for
//! responses. Each problem is reported with the request that showed it.
//!
//! The checks ask the jar for nothing but the protocol: one plain cookie
//! (`cookiecheck=1; Path=/`) is set to see that `get` and `reset` work,
//! and a jar that does not send it back gets a warning, never a failure.

mod checks;
mod wire;

pub use wire::{Reply, Wire};

use crate::subject::ProcessCommand;
use std::fmt::Write as _;

/// How one check ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The shim does what the protocol asks.
    Pass,
    /// Harmless to the harness, but worth fixing.
    Warn,
    /// The harness would misread the shim, or find it broken.
    Fail,
    /// Not checked, and the summary says why.
    Skip,
}

impl Verdict {
    fn label(self) -> &'static str {
        match self {
            Verdict::Pass => "ok",
            Verdict::Warn => "warn",
            Verdict::Fail => "FAIL",
            Verdict::Skip => "skip",
        }
    }
}

/// One check and what it found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    /// A stable, short name (`hello`, `get`, `stdout`, ...).
    pub name: &'static str,
    /// How it ended.
    pub verdict: Verdict,
    /// What was found, in one or two sentences.
    pub summary: String,
    /// The request line that showed it.
    pub request: Option<String>,
    /// What came back, as read.
    pub reply: Option<String>,
}

/// Every check of one shim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShimReport {
    /// The checks in the order they ran.
    pub checks: Vec<Check>,
    /// The subject its `hello` announced, when it did.
    pub subject: Option<String>,
    /// The tail of what the shim wrote on stderr (kept apart from stdout).
    pub stderr: String,
}

impl ShimReport {
    /// No check failed.
    pub fn passed(&self) -> bool {
        !self.checks.iter().any(|c| c.verdict == Verdict::Fail)
    }

    /// The check named `name`, if it ran.
    pub fn check(&self, name: &str) -> Option<&Check> {
        self.checks.iter().find(|c| c.name == name)
    }

    /// The report for people: a line per check, the request and the reply
    /// under each one that did not pass, then the counts.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let width = self.checks.iter().map(|c| c.name.len()).max().unwrap_or(0);
        for c in &self.checks {
            let _ = writeln!(
                out,
                "  {:<4}  {:<width$}  {}",
                c.verdict.label(),
                c.name,
                c.summary
            );
            if matches!(c.verdict, Verdict::Fail | Verdict::Warn) {
                if let Some(r) = &c.request {
                    let _ = writeln!(out, "        {:<width$}  > {r}", "");
                }
                if let Some(r) = &c.reply {
                    let _ = writeln!(out, "        {:<width$}  < {r}", "");
                }
            }
        }
        let count = |v: Verdict| self.checks.iter().filter(|c| c.verdict == v).count();
        if !self.passed() && !self.stderr.is_empty() {
            let _ = writeln!(out, "  stderr (its last 2 KiB):");
            for line in self.stderr.lines() {
                let _ = writeln!(out, "    {line}");
            }
        }
        let _ = writeln!(
            out,
            "{} checks: {} ok, {} failed, {} warnings, {} skipped",
            self.checks.len(),
            count(Verdict::Pass),
            count(Verdict::Fail),
            count(Verdict::Warn),
            count(Verdict::Skip)
        );
        out
    }
}

/// Runs every check on the shim that `command` starts. Never panics on
/// what the shim does; a shim that cannot start is one failed check.
pub fn check_shim(command: &ProcessCommand) -> ShimReport {
    checks::Checker::new(command.clone()).run()
}
