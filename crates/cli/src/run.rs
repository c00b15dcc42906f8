//! `cookiecheck run`: every bundled vector against every available subject,
//! a matrix of subjects × areas, the departures grouped by rule, and the
//! expected-failure problems.

use crate::filter::{bundled_files, load_files, selected_cases, FilterArgs};
use crate::progress::Progress;
use crate::report;
use crate::shim_arg::{self, ShimArg};
use crate::subject_file::{self, Override};
use anyhow::{bail, Context, Result};
use clap::{Args, ValueEnum};
use cookiecheck::differ::Outcome;
use cookiecheck::expected::Listed;
use cookiecheck::run::{run_subject_with, SubjectRun, SubjectSpec};
use cookiecheck::vectors::Case;
use cookiecheck_adapters::process::{shim_names, start_shims, PROCESS_CASE_LIMIT};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// The matrix and the departures, for people.
    Text,
    /// One JSON object (schema: docs/report-json.md).
    Json,
    /// JUnit XML: one testcase per case and subject.
    Junit,
    /// One self-contained HTML page: the matrix, every cell linked to its details.
    Html,
}

/// Arguments of `cookiecheck run`.
#[derive(Debug, Args)]
#[command(after_help = crate::EXIT_CODES)]
pub struct RunArgs {
    /// Run only this subject (repeatable). Default: every in-process subject
    /// and every process shim whose runtime is present.
    #[arg(long = "subject", value_name = "NAME")]
    pub subjects: Vec<String>,
    /// Run any program that speaks the process protocol (docs/protocol.md)
    /// as a subject, named by its `hello` (repeatable; quote the command
    /// once: `--shim 'python3 my_shim.py'`). Started in the current
    /// directory. With `--shim` and no `--subject`, only the shims run.
    /// Its expected-failure file: `--expected NAME=FILE`, else
    /// `subjects/NAME.toml` when NAME is a bundled subject, else none.
    #[arg(long = "shim", value_name = "'CMD ARGS...'", value_parser = crate::shim_arg::parse_shim)]
    pub shims: Vec<ShimArg>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Write the report to this file instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Print every departure in full (default: the first of each rule).
    #[arg(long)]
    pub verbose: bool,
    /// Print a draft expected-failure file for each subject's departures
    /// (every reason must then be written by hand).
    #[arg(long)]
    pub draft: bool,
    /// Case filters: an exact id, an id prefix ending at a `/` boundary
    /// (`domain`, `domain/ip`), or a glob with `*` and `?`. Several filters
    /// select the union; none selects every case.
    #[arg(value_name = "FILTER")]
    pub filters: Vec<String>,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Run the vectors below this folder instead of the bundled ones
    /// (`<area>/<topic>.toml` files; stale list entries are then not checked).
    #[arg(long, value_name = "DIR")]
    pub vectors: Option<PathBuf>,
    /// Judge subject NAME by FILE instead of `subjects/NAME.toml`
    /// (repeatable): its own declared variants and expected failures, or an
    /// empty file to see every departure from the base rules.
    #[arg(long = "expected", value_name = "NAME=FILE", value_parser = crate::subject_file::parse_override)]
    pub expected: Vec<Override>,
}

/// Where the bundled subject files (`subjects/`) and shims (`shims/`) are:
/// the checkout this binary was built from, or, outside one, the subject
/// files built into the binary ([`crate::data_root`]).
pub(crate) fn repo_root() -> PathBuf {
    crate::data_root::data_root()
}

/// Runs the command; returns the exit code (0 clean, 1 departures or list problems).
pub fn run(args: &RunArgs) -> Result<u8> {
    let root = repo_root();
    let selection = args.filter.selection(&args.filters)?;
    let files = match &args.vectors {
        Some(dir) => load_files(dir)?,
        None => bundled_files()?,
    };
    let cases: Vec<Arc<Case>> = selected_cases(files, &selection)?
        .into_iter()
        .map(Arc::new)
        .collect();
    let (specs, notices) = subjects(&root, &args.subjects, &args.shims, &args.expected)?;
    let unfiltered = selection.is_everything() && args.vectors.is_none();
    let progress = Progress::new(specs.len() * cases.len());
    let runs: Vec<SubjectRun> = specs
        .iter()
        .map(|s| {
            progress.subject(&s.name);
            run_subject_with(s, &cases, unfiltered, &|| progress.tick())
        })
        .collect();
    progress.finish();
    let clean = runs.iter().all(SubjectRun::is_clean);
    let code = if clean { 0 } else { 1 };
    let mut out = match args.format {
        Format::Text => report::text(&runs, &notices, cases.len(), args.verbose),
        Format::Json => {
            let value = report::as_json(&runs, &notices, cases.len(), code);
            serde_json::to_string_pretty(&value)? + "\n"
        }
        Format::Junit => report::junit(&runs),
        Format::Html => report::html(&runs, &cases, &notices),
    };
    if args.draft {
        out.push_str(&draft(&runs));
    }
    match &args.output {
        Some(path) => std::fs::write(path, out)
            .with_context(|| format!("cannot write the report to {}", path.display()))?,
        None => print!("{out}"),
    }
    Ok(code)
}

/// The subjects to run, with their expected-failure lists, and notices for
/// shims that could not start: the `wanted` bundled subjects (every one
/// when neither names nor `--shim` commands are given) and the `shims`.
pub(crate) fn subjects(
    root: &Path,
    wanted: &[String],
    shims: &[ShimArg],
    overrides: &[Override],
) -> Result<(Vec<SubjectSpec>, Vec<String>)> {
    let (mut specs, mut notices) = if wanted.is_empty() && !shims.is_empty() {
        (Vec::new(), Vec::new())
    } else {
        bundled_subjects(root, wanted, overrides)?
    };
    for shim in shims {
        let started = shim_arg::start(shim)?;
        if specs.iter().any(|s| s.name == started.name) {
            bail!(
                "--shim '{}' announces the subject `{}`, which already runs: \
                 give each subject once",
                shim.text,
                started.name
            );
        }
        if !subject_file::path_for(root, &started.name, overrides).is_file() {
            notices.push(format!(
                "`{}` (--shim) has no expected-failure file: judged by the base rules \
                 alone (give one with --expected {}=FILE)",
                started.name, started.name
            ));
        }
        specs.push(SubjectSpec {
            expected: subject_file::load(root, &started.name, overrides)?,
            name: started.name,
            factory: started.factory,
            capabilities: started.capabilities,
            case_limit: PROCESS_CASE_LIMIT,
        });
    }
    let running: Vec<String> = specs.iter().map(|s| s.name.clone()).collect();
    subject_file::check_names(overrides, &running)?;
    Ok((specs, notices))
}

/// The bundled subjects named in `wanted` (all when empty).
fn bundled_subjects(
    root: &Path,
    wanted: &[String],
    overrides: &[Override],
) -> Result<(Vec<SubjectSpec>, Vec<String>)> {
    let offered = cookiecheck_adapters::in_process();
    let unavailable = cookiecheck_adapters::unavailable();
    let shims = shim_names();
    for name in wanted {
        if let Some((_, why)) = unavailable.iter().find(|(n, _)| n == name) {
            bail!("{why}");
        }
        if !offered.iter().any(|o| o.name == name) && !shims.contains(&name.as_str()) {
            let mut known: Vec<&str> = offered.iter().map(|o| o.name).collect();
            known.extend(&shims);
            bail!("unknown subject `{name}` (known: {})", known.join(", "));
        }
    }
    let wants = |name: &str| wanted.is_empty() || wanted.iter().any(|w| w == name);
    let mut specs = Vec::new();
    for o in offered.iter().filter(|o| wants(o.name)) {
        let capabilities = (o.factory)().capabilities();
        specs.push(SubjectSpec {
            name: o.name.to_string(),
            factory: o.factory.clone(),
            capabilities,
            case_limit: o.case_limit,
            expected: subject_file::load(root, o.name, overrides)?,
        });
    }
    let wanted_shims: Vec<String> = wanted
        .iter()
        .filter(|w| shims.contains(&w.as_str()))
        .cloned()
        .collect();
    let mut notices: Vec<String> = unavailable.into_iter().map(|(_, why)| why).collect();
    if !crate::data_root::has_shims(root) {
        if !wanted_shims.is_empty() {
            bail!(
                "{} runs from a cookiecheck checkout (this binary has none beside it): \
                 run it there, or start the shim with --shim 'CMD ARGS...'",
                wanted_shims.join(", ")
            );
        }
        notices.push(format!(
            "skipped the process shims ({}): this binary runs outside a cookiecheck \
             checkout; give any shim with --shim 'CMD ARGS...'",
            shims.join(", ")
        ));
    } else if wanted.is_empty() || !wanted_shims.is_empty() {
        let (started, skipped) = start_shims(root, &wanted_shims);
        if !wanted_shims.is_empty() && !skipped.is_empty() {
            bail!("{}", skipped.join("\n"));
        }
        notices.extend(skipped);
        for s in started {
            specs.push(SubjectSpec {
                expected: subject_file::load(root, &s.name, overrides)?,
                name: s.name,
                factory: s.factory,
                capabilities: s.capabilities,
                case_limit: PROCESS_CASE_LIMIT,
            });
        }
    }
    Ok((specs, notices))
}

/// A draft list per subject: every departure with a placeholder reason.
fn draft(runs: &[SubjectRun]) -> String {
    let mut out = String::new();
    for r in runs {
        let _ = writeln!(out, "\n# ---- draft for subjects/{}.toml", r.name);
        for o in &r.outcomes {
            if let (Listed::Departure, Outcome::Fail(f)) = (o.listed, &o.outcome) {
                let (expected, actual) = f.expected_actual();
                let _ = writeln!(out, "\n[\"{}\"]", f.case);
                let todo = format!(
                    "TODO {} ({}): expected {expected}, got {actual}",
                    f.rule.code, f.rule.citation
                );
                let _ = writeln!(out, "reason = {}", toml_string(&todo));
            }
        }
    }
    out
}

fn toml_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}
