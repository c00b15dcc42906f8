//! `cookiecheck vectors`: list cases with filters, check vector files, and
//! scaffold a new case.

mod check;
mod list;
mod new;

use anyhow::Result;
use clap::{Args, Subcommand};

/// Arguments of `cookiecheck vectors`.
#[derive(Debug, Args)]
pub struct VectorsArgs {
    #[command(subcommand)]
    command: VectorsCommand,
}

#[derive(Debug, Subcommand)]
enum VectorsCommand {
    /// List the cases (scenario, date and cookies.txt) the filters select.
    List(list::ListArgs),
    /// Check vector files (default: the bundled tree); print every error
    /// with file, line and column; exit 2 if any file does not load.
    Check(check::CheckArgs),
    /// Print a new scenario case: from a URL, Set-Cookie lines and get URLs,
    /// or from a vector file (such as one `cookiecheck explore` writes). Its
    /// expected values come from the model and are marked "to be verified
    /// against the spec by hand".
    New(new::NewArgs),
}

/// Runs the command; returns the exit code.
pub fn vectors(args: &VectorsArgs) -> Result<u8> {
    match &args.command {
        VectorsCommand::List(a) => list::list(a),
        VectorsCommand::Check(a) => check::check(a),
        VectorsCommand::New(a) => new::new(a),
    }
}
