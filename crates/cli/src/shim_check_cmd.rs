//! `cookiecheck shim-check 'CMD ARGS...'`: the protocol checks a shim
//! author runs first (`cookiecheck::shim_check`), before any cookie rule
//! is compared.

use crate::shim_arg::{parse_shim, ShimArg};
use anyhow::{Context, Result};
use clap::Args;
use cookiecheck::shim_check::check_shim;
use cookiecheck::subject::ProcessCommand;
use std::time::Duration;

/// Arguments of `cookiecheck shim-check`.
#[derive(Debug, Args)]
#[command(
    after_help = "Exit codes:\n  0  every check passed (warnings allowed)\n  \
    1  a check failed: the harness would misread the shim\n  \
    2  usage error (the command does not split)"
)]
pub struct ShimCheckArgs {
    /// The command that starts the shim, quoted once, split as a POSIX
    /// shell splits words, started in the current directory:
    /// `cookiecheck shim-check 'python3 my_shim.py'`.
    #[arg(value_name = "'CMD ARGS...'", value_parser = parse_shim)]
    pub shim: ShimArg,
    /// The time limit for each request, in seconds (the harness's default is 5).
    #[arg(long, value_name = "SECONDS", default_value_t = 5.0)]
    pub timeout: f64,
}

/// Runs the checks and prints the report; exit 0 when none failed, else 1.
pub fn shim_check(args: &ShimCheckArgs) -> Result<u8> {
    let limit = Duration::try_from_secs_f64(args.timeout)
        .ok()
        .filter(|d| !d.is_zero())
        .with_context(|| {
            format!(
                "--timeout {}: give a positive number of seconds",
                args.timeout
            )
        })?;
    let Some((program, rest)) = args.shim.words.split_first() else {
        anyhow::bail!("the command is empty");
    };
    let rest: Vec<&str> = rest.iter().map(String::as_str).collect();
    let mut command = ProcessCommand::new(program, &rest);
    command.cwd = Some(std::env::current_dir().context("no current directory")?);
    command.request_limit = limit;
    println!(
        "shim-check '{}' (each request {} s at most; docs/protocol.md)",
        args.shim.text,
        limit.as_secs_f64()
    );
    let report = check_shim(&command);
    print!("{}", report.render());
    if report.passed() {
        if let Some(name) = &report.subject {
            println!(
                "next: cookiecheck run --shim '{}' (judged as `{name}`; give its \
                 expected failures with --expected {name}=FILE)",
                args.shim.text
            );
        }
        Ok(0)
    } else {
        Ok(1)
    }
}
