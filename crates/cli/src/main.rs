//! The `cookiecheck` command line.

mod coverage_cmd;
mod data_root;
mod explain;
mod explain_case;
mod explore;
mod filter;
mod minimize;
mod one_subject;
mod progress;
mod report;
mod run;
mod serve;
mod shim_arg;
mod shim_check_cmd;
mod subject_file;
mod variants_cmd;
mod vectors_cmd;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// The exit codes, shown by `--help` and documented in the README.
pub const EXIT_CODES: &str = "\
Exit codes:
  0  success: every subject matches the model or its expected-failure list
     (run); every file loads (vectors check)
  1  departures, unexpected passes or stale expected-failure entries (run)
  2  usage or input error: bad arguments or filters, vector or
     expected-failure files that do not load, an unknown subject";

/// cookiecheck: a conformance harness and fuzzer for HTTP cookies.
#[derive(Debug, Parser)]
#[command(name = "cookiecheck", version, about, after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Show what the reference model does with Set-Cookie lines, under each profile.
    Explain(explain::ExplainArgs),
    /// Run every bundled vector against every available subject and print
    /// the matrix; exit 0 when each subject matches the model or its
    /// expected-failure list, 1 on departures, 2 on usage or input errors.
    Run(run::RunArgs),
    /// Play random scenarios on the model and one subject, in parallel;
    /// diagnose every difference (the rule variants that explain it), group
    /// by cause, shrink each to a minimal case and write it as a vector
    /// file. Exit 0 when every cause is declared or listed in
    /// `subjects/<name>.toml`, 1 otherwise.
    Explore(explore::ExploreArgs),
    /// Turn a fuzz crash artifact into a minimal (draft) vector: reproduce
    /// the failure, reduce the input while it remains, print the vector.
    Minimize(minimize::MinimizeArgs),
    /// Serve the reference model over the JSON-lines process protocol
    /// (docs/protocol.md) on stdin and stdout, as a subject any harness can ask.
    Serve(serve::ServeArgs),
    /// List, check and scaffold golden vectors.
    Vectors(vectors_cmd::VectorsArgs),
    /// Measure which model rules and rule variants generated scenarios
    /// reach (on the model alone, every capability on); exit 1 when one
    /// that the bundled vectors reach is never reached.
    Coverage(coverage_cmd::CoverageArgs),
    /// List the rule variants the model can play (the catalogue that
    /// diagnosis and subject declarations use).
    Variants(variants_cmd::VariantsArgs),
    /// Check a shim against the process protocol (docs/protocol.md) before
    /// any cookie rule is compared: its hello, ids, every op it claims and
    /// `unsupported` for the rest, reset, the request time limit, stdout
    /// kept for responses. Exit 0 when no check fails, 1 otherwise.
    ShimCheck(shim_check_cmd::ShimCheckArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Explain(args) => explain::explain(args).map(|text| {
            print!("{text}");
            ExitCode::SUCCESS
        }),
        Command::Run(args) => run::run(args).map(ExitCode::from),
        Command::Explore(args) => explore::explore_cmd(args).map(ExitCode::from),
        Command::Minimize(args) => minimize::minimize(args).map(ExitCode::from),
        Command::Serve(args) => serve::serve(args).map(|()| ExitCode::SUCCESS),
        Command::Vectors(args) => vectors_cmd::vectors(args).map(ExitCode::from),
        Command::Coverage(args) => coverage_cmd::coverage_cmd(args).map(ExitCode::from),
        Command::ShimCheck(args) => shim_check_cmd::shim_check(args).map(ExitCode::from),
        Command::Variants(args) => {
            print!("{}", variants_cmd::variants(args));
            Ok(ExitCode::SUCCESS)
        }
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
