//! `cookiecheck explore`: the random differential campaign against one
//! subject (see `cookiecheck::explore`).

use crate::one_subject::OneSubject;
use crate::run::repo_root;
use crate::subject_file::Override;
use anyhow::{bail, Context, Result};
use clap::Args;
use cookiecheck::explore::write::{file_name, finding_file};
use cookiecheck::explore::{explore, replay, ExploreConfig, ExploreReport, Progress, Verdict};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::fmt::Write as _;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::time::Duration;

/// Arguments of `cookiecheck explore`.
#[derive(Debug, Args)]
pub struct ExploreArgs {
    /// The subject to explore.
    #[command(flatten)]
    pub subject: OneSubject,
    /// How many random scenarios to play.
    #[arg(long, default_value_t = 10_000)]
    pub cases: u64,
    /// The campaign seed: the same seed gives the same findings.
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Where to write one minimal vector file per distinct finding
    /// (`<out>/<subject>/<rule>.toml`).
    #[arg(long, value_name = "DIR", default_value = "explore-out")]
    pub out: PathBuf,
    /// The most shrinking steps per distinct finding.
    #[arg(long, default_value_t = 2_000)]
    pub shrink_limit: usize,
    /// The most wall time spent shrinking one distinct finding, in seconds
    /// (a slow subject cannot make a campaign run for hours; a finding cut
    /// short keeps the smallest witness found so far).
    #[arg(long, value_name = "SECONDS", default_value_t = 10.0)]
    pub shrink_seconds: f64,
    /// Worker threads (default: one per core).
    #[arg(long)]
    pub threads: Option<usize>,
    /// Judge the subject by FILE instead of `subjects/NAME.toml` (given as
    /// `NAME=FILE`; an empty file: every cause is new).
    #[arg(long = "expected", value_name = "NAME=FILE", value_parser = crate::subject_file::parse_override)]
    pub expected: Vec<Override>,
    /// Replay one case of the campaign, unshrunk, and print it.
    #[arg(long, value_name = "INDEX")]
    pub replay: Option<u64>,
}

/// Runs the command; returns the exit code (0: every finding is explained
/// by the subject's declared variants or listed, 1: new findings).
pub fn explore_cmd(args: &ExploreArgs) -> Result<u8> {
    let root = repo_root();
    let spec = args.subject.spec(&root, &args.expected)?;
    if args.cases == 0 {
        bail!("--cases must be at least 1");
    }
    let mut config = ExploreConfig::new(&spec, args.seed, args.cases);
    config.shrink_limit = args.shrink_limit;
    config.shrink_budget =
        std::time::Duration::try_from_secs_f64(args.shrink_seconds).map_err(|_| {
            anyhow::anyhow!(
                "--shrink-seconds {}: give a number of seconds",
                args.shrink_seconds
            )
        })?;
    config.known = spec.expected.clone();
    let command = format!(
        "cookiecheck explore {} --seed {} --cases {}",
        args.subject.flag(),
        args.seed,
        args.cases
    );
    if let Some(index) = args.replay {
        let (scenario, verdict) = replay(&spec, &config, index);
        print!("case {index} of seed {}:\n{scenario}", args.seed);
        return Ok(match verdict {
            Verdict::Finding(f) => {
                println!("finding: {}", f.cause_text());
                println!("  blamed rule: {} ({})", f.rule.code, f.rule.citation);
                let (expected, actual) = f.expected_actual();
                println!("  model:   {expected}\n  subject: {actual}");
                1
            }
            Verdict::Pass => {
                println!("the subject agrees with the model");
                0
            }
            Verdict::Unsupported => {
                println!("the subject cannot run this case");
                0
            }
            Verdict::Unspecified => {
                println!("the difference is one the specifications leave open");
                0
            }
        });
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.threads.unwrap_or(0))
        .build()
        .context("starting the worker threads")?;
    let progress = Progress::default();
    let bar = progress_bar(args.cases);
    let report = std::thread::scope(|scope| {
        let watcher = scope.spawn(|| watch(&bar, &progress, args.cases));
        let report = pool.install(|| explore(&spec, &config, &progress));
        progress.done.store(args.cases, Ordering::Relaxed);
        let _ = watcher.join();
        report
    });
    bar.finish_and_clear();
    let written = write_findings(&args.out, &report, &command)?;
    print!("{}", summary(&report, &written));
    Ok(if report.unknown().next().is_some() {
        1
    } else {
        0
    })
}

fn progress_bar(len: u64) -> ProgressBar {
    let bar = ProgressBar::new(len);
    if !std::io::stderr().is_terminal() {
        bar.set_draw_target(ProgressDrawTarget::hidden());
    }
    let style = ProgressStyle::with_template(
        "{elapsed_precise} {bar:30} {pos}/{len} cases, {per_sec}, {msg}",
    )
    .unwrap_or_else(|_| ProgressStyle::default_bar());
    bar.set_style(style);
    bar
}

fn watch(bar: &ProgressBar, progress: &Progress, cases: u64) {
    loop {
        let done = progress.done.load(Ordering::Relaxed);
        bar.set_position(done);
        bar.set_message(format!(
            "{} findings in {} distinct groups",
            progress.failing.load(Ordering::Relaxed),
            progress.distinct.load(Ordering::Relaxed)
        ));
        if done >= cases {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn write_findings(out: &Path, report: &ExploreReport, command: &str) -> Result<Vec<PathBuf>> {
    let dir = out.join(cookiecheck::explore::kebab(&report.subject));
    if report.distinct.is_empty() {
        return Ok(Vec::new());
    }
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let mut written = Vec::new();
    for d in &report.distinct {
        let path = dir.join(file_name(d));
        let origin = format!(
            "found by `{command}` (seed {}, case {})",
            report.seed, d.first_index
        );
        let replay = format!("{command} --replay {}", d.first_index);
        let text = finding_file(&report.subject, d, &origin, &replay);
        std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}

fn summary(report: &ExploreReport, written: &[PathBuf]) -> String {
    let mut out = String::new();
    let secs = report.elapsed.as_secs_f64().max(1e-9);
    let _ = writeln!(
        out,
        "explore {} (seed {}): {} cases in {:.2} s ({:.0} cases/s), shrinking {:.2} s",
        report.subject,
        report.seed,
        report.cases,
        secs,
        report.cases as f64 / secs,
        report.shrink_elapsed.as_secs_f64()
    );
    let _ = writeln!(
        out,
        "  agree {}, differ {}, unsupported {}, left open by the specs {}",
        report.passed, report.failing, report.unsupported, report.unspecified
    );
    if report.distinct.is_empty() {
        let _ = writeln!(out, "no findings");
        return out;
    }
    let known = report.distinct.iter().filter(|d| d.known.is_some()).count();
    let _ = writeln!(
        out,
        "  causes: {} ({} known: declared variants or listed; {} NEW)",
        report.distinct.len(),
        known,
        report.distinct.len() - known
    );
    for d in &report.distinct {
        let _ = writeln!(
            out,
            "    {:>6} cases  {}{}",
            d.count,
            d.key.code,
            if d.known.is_some() { "" } else { "  NEW" }
        );
    }
    let _ = writeln!(out, "\n{} distinct causes:", report.distinct.len());
    for (d, path) in report.distinct.iter().zip(written) {
        let (expected, actual) = d.finding.expected_actual();
        let _ = writeln!(
            out,
            "\n{} [{}] {} cases, first #{}, shrunk from {} to {}{}",
            d.key.code,
            d.key.kind,
            d.count,
            d.first_index,
            d.original_size,
            d.scenario.size(),
            if d.known.is_some() {
                " (known)"
            } else {
                " (NEW)"
            }
        );
        let _ = writeln!(out, "  cause:   {}", d.finding.cause_text());
        if let Some(reason) = &d.known {
            let _ = writeln!(out, "  known:   {reason}");
        }
        let _ = writeln!(
            out,
            "  blame:   {} ({})",
            d.finding.rule.code, d.finding.rule.citation
        );
        let _ = writeln!(out, "  model:   {expected}\n  subject: {actual}");
        for line in d.scenario.to_string().lines() {
            let _ = writeln!(out, "    {line}");
        }
        let _ = writeln!(out, "  vector:  {}", path.display());
    }
    out
}
