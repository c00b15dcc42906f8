//! The `cookiecheck` command line.

mod explain;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// cookiecheck: a conformance harness and fuzzer for HTTP cookies.
#[derive(Debug, Parser)]
#[command(name = "cookiecheck", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Show what the reference model does with Set-Cookie lines, under each profile.
    Explain(explain::ExplainArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Explain(args) => explain::explain(args).map(|text| {
            print!("{text}");
            ExitCode::SUCCESS
        }),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
