//! `cookiecheck run`: every bundled vector against every available subject,
//! a matrix of subjects × areas, the departures grouped by rule, and the
//! expected-failure problems.

use anyhow::{bail, Context, Result};
use clap::{Args, ValueEnum};
use cookiecheck::differ::{rerun_command, Finding, Outcome, RuleKey};
use cookiecheck::expected::{glob_match, ExpectedFailures, Listed};
use cookiecheck::run::{run_subject, SubjectRun, SubjectSpec, Tally};
use cookiecheck::vectors::{bundled_vectors_dir, load_tree, Case};
use cookiecheck_adapters::process::{shim_names, start_shims, PROCESS_CASE_LIMIT};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// The matrix and the departures, for people.
    Text,
    /// The same as one JSON object.
    Json,
}

/// Arguments of `cookiecheck run`.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// Run only this subject (repeatable). Default: every in-process subject
    /// and every process shim whose runtime is present.
    #[arg(long = "subject", value_name = "NAME")]
    pub subjects: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
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
}

/// The repository root (the vectors' parent).
pub(crate) fn repo_root() -> PathBuf {
    let vectors = bundled_vectors_dir();
    vectors
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// Whether `id` is selected by `filter`.
pub fn selects(filter: &str, id: &str) -> bool {
    if filter.contains(['*', '?']) {
        return glob_match(filter, id);
    }
    let filter = filter.trim_end_matches('/');
    id == filter
        || id
            .strip_prefix(filter)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// Runs the command; returns the exit code (0 clean, 1 departures or list problems).
pub fn run(args: &RunArgs) -> Result<u8> {
    let root = repo_root();
    let cases = load_cases(&bundled_vectors_dir(), &args.filters)?;
    let (specs, notices) = subjects(&root, &args.subjects)?;
    let unfiltered = args.filters.is_empty();
    let runs: Vec<SubjectRun> = specs
        .iter()
        .map(|s| run_subject(s, &cases, unfiltered))
        .collect();
    let clean = runs.iter().all(SubjectRun::is_clean);
    let out = match args.format {
        Format::Text => text(&runs, &notices, cases.len(), args.verbose),
        Format::Json => serde_json::to_string_pretty(&as_json(&runs, &notices))? + "\n",
    };
    print!("{out}");
    if args.draft {
        print!("{}", draft(&runs));
    }
    Ok(if clean { 0 } else { 1 })
}

fn load_cases(dir: &Path, filters: &[String]) -> Result<Vec<Arc<Case>>> {
    let tree = load_tree(dir);
    if !tree.errors.is_empty() {
        let mut msg = String::new();
        for e in &tree.errors {
            let _ = writeln!(msg, "{e}");
        }
        bail!("the vectors do not load:\n{msg}");
    }
    let cases: Vec<Arc<Case>> = tree
        .files
        .into_iter()
        .flat_map(|f| f.cases)
        .filter(|c| filters.is_empty() || filters.iter().any(|f| selects(f, &c.id)))
        .map(Arc::new)
        .collect();
    if cases.is_empty() {
        bail!("no case matches {}", filters.join(" "));
    }
    Ok(cases)
}

/// The subjects to run, with their expected-failure lists, and notices for
/// shims that could not start.
pub(crate) fn subjects(root: &Path, wanted: &[String]) -> Result<(Vec<SubjectSpec>, Vec<String>)> {
    let offered = cookiecheck_adapters::in_process();
    let shims = shim_names();
    for name in wanted {
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
            expected: expected_list(root, o.name)?,
        });
    }
    let wanted_shims: Vec<String> = wanted
        .iter()
        .filter(|w| shims.contains(&w.as_str()))
        .cloned()
        .collect();
    let mut notices = Vec::new();
    if wanted.is_empty() || !wanted_shims.is_empty() {
        let (started, skipped) = start_shims(root, &wanted_shims);
        if !wanted_shims.is_empty() && !skipped.is_empty() {
            bail!("{}", skipped.join("\n"));
        }
        notices = skipped;
        for s in started {
            specs.push(SubjectSpec {
                expected: expected_list(root, &s.name)?,
                name: s.name,
                factory: s.factory,
                capabilities: s.capabilities,
                case_limit: PROCESS_CASE_LIMIT,
            });
        }
    }
    Ok((specs, notices))
}

fn expected_list(root: &Path, name: &str) -> Result<ExpectedFailures> {
    let path = root.join("subjects").join(format!("{name}.toml"));
    ExpectedFailures::load(&path).with_context(|| format!("expected-failure list of `{name}`"))
}

fn area_names(runs: &[SubjectRun]) -> Vec<String> {
    let mut areas = BTreeSet::new();
    for r in runs {
        areas.extend(r.by_area().into_keys());
    }
    areas.into_iter().collect()
}

fn cell(t: &Tally) -> String {
    format!(
        "{}/{}/{}",
        t.pass,
        t.fail + t.expected + t.unexpected_pass,
        t.unsupported
    )
}

/// The departures (failures not listed), grouped by rule.
fn departures(runs: &[SubjectRun]) -> BTreeMap<RuleKey, Vec<(&str, &Finding)>> {
    let mut groups: BTreeMap<RuleKey, Vec<(&str, &Finding)>> = BTreeMap::new();
    for r in runs {
        for o in &r.outcomes {
            if let (Listed::Departure, Outcome::Fail(f)) = (o.listed, &o.outcome) {
                groups.entry(f.rule.clone()).or_default().push((&r.name, f));
            }
        }
    }
    groups
}

fn text(runs: &[SubjectRun], notices: &[String], cases: usize, verbose: bool) -> String {
    let mut out = String::new();
    for n in notices {
        let _ = writeln!(out, "notice: {n}");
    }
    let areas = area_names(runs);
    let name_w = runs.iter().map(|r| r.name.len()).max().unwrap_or(7).max(7) + 2;
    let col = |a: &str| a.len().max(9) + 1;
    let _ = writeln!(out, "{cases} cases; each cell is pass/fail/unsupported (fail includes listed expected failures)\n");
    let _ = write!(out, "{:<name_w$}{:<11}", "subject", "profile");
    for a in &areas {
        let _ = write!(out, "{:<w$}", a, w = col(a));
    }
    let _ = writeln!(
        out,
        "{:<12}{:>7}{:>7}{:>9}{:>6}",
        "total", "listed", "depart", "unexp.ok", "n/a"
    );
    for r in runs {
        let by_area = r.by_area();
        let _ = write!(
            out,
            "{:<name_w$}{:<11}",
            r.name,
            r.capabilities.profile.name()
        );
        for a in &areas {
            let t = by_area.get(a).copied().unwrap_or_default();
            let _ = write!(out, "{:<w$}", cell(&t), w = col(a));
        }
        let t = r.total();
        let _ = writeln!(
            out,
            "{:<12}{:>7}{:>7}{:>9}{:>6}",
            cell(&t),
            t.expected,
            t.fail,
            t.unexpected_pass,
            t.not_applicable
        );
    }
    let groups = departures(runs);
    let _ = writeln!(out);
    if groups.is_empty() {
        let _ = writeln!(
            out,
            "departures: none (every failure is listed in subjects/<subject>.toml)"
        );
    } else {
        let total: usize = groups.values().map(Vec::len).sum();
        let _ = writeln!(out, "departures by rule ({total}):");
        for (rule, items) in &groups {
            let _ = writeln!(out, "\n{} ({}): {}", rule.code, rule.citation, items.len());
            for (subject, f) in items {
                let (expected, actual) = f.expected_actual();
                let _ = writeln!(
                    out,
                    "  {subject:<18} {}  expected {expected}, got {actual}",
                    f.case
                );
            }
            let shown = if verbose { items.len() } else { 1 };
            for (subject, f) in items.iter().take(shown) {
                let _ = writeln!(out, "  --- {subject}");
                for line in f.render(subject).lines() {
                    let _ = writeln!(out, "  | {line}");
                }
            }
        }
    }
    let mut problems = Vec::new();
    for r in runs {
        for (id, pattern) in &r.list_check.unexpected_passes {
            problems.push(format!(
                "{}: unexpected pass {id} (listed as `{pattern}`): remove it from subjects/{}.toml",
                r.name, r.name
            ));
        }
        for e in &r.list_check.stale {
            problems.push(format!(
                "{}: stale entry `{}` at {}: it matches no case that ran",
                r.name, e.pattern, e.location
            ));
        }
    }
    let _ = writeln!(out);
    if problems.is_empty() {
        let _ = writeln!(out, "expected-failure lists: exact");
    } else {
        let _ = writeln!(out, "expected-failure problems ({}):", problems.len());
        for p in problems {
            let _ = writeln!(out, "  {p}");
        }
    }
    out
}

fn tally_json(t: &Tally) -> Value {
    json!({
        "pass": t.pass, "fail": t.fail, "expected-fail": t.expected,
        "unexpected-pass": t.unexpected_pass, "unsupported": t.unsupported,
        "not-applicable": t.not_applicable,
    })
}

fn as_json(runs: &[SubjectRun], notices: &[String]) -> Value {
    let subjects: Vec<Value> = runs
        .iter()
        .map(|r| {
            let areas: serde_json::Map<String, Value> =
                r.by_area().iter().map(|(a, t)| (a.clone(), tally_json(t))).collect();
            let findings: Vec<Value> = r
                .outcomes
                .iter()
                .filter_map(|o| o.outcome.finding().map(|f| (o, f)))
                .map(|(o, f)| {
                    let (expected, actual) = f.expected_actual();
                    json!({
                        "case": f.case, "step": f.step.map(|s| s + 1), "kind": f.kind.name(),
                        "rule": f.rule.code, "citation": f.rule.citation,
                        "expected": expected, "actual": actual,
                        "listed": o.listed == Listed::ExpectedFailure,
                        "explanation": f.explanation,
                        "rerun": rerun_command(&r.name, &f.case),
                    })
                })
                .collect();
            let unsupported: Vec<Value> = r
                .outcomes
                .iter()
                .filter_map(|o| match &o.outcome {
                    Outcome::Unsupported(why) => Some(json!({"case": o.case.id, "reason": why})),
                    _ => None,
                })
                .collect();
            json!({
                "name": r.name,
                "profile": r.capabilities.profile.name(),
                "capabilities": r.capabilities.names(),
                "areas": areas,
                "total": tally_json(&r.total()),
                "findings": findings,
                "unsupported": unsupported,
                "unexpected-passes": r.list_check.unexpected_passes.iter()
                    .map(|(id, p)| json!({"case": id, "entry": p})).collect::<Vec<_>>(),
                "stale": r.list_check.stale.iter()
                    .map(|e| json!({"entry": e.pattern, "at": e.location.to_string()})).collect::<Vec<_>>(),
                "clean": r.is_clean(),
            })
        })
        .collect();
    json!({"notices": notices, "subjects": subjects})
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

#[cfg(test)]
mod tests {
    use super::selects;

    #[test]
    fn filters_select_ids_prefixes_and_globs() {
        assert!(selects("domain", "domain/ip/v4"));
        assert!(selects("domain/ip", "domain/ip/v4"));
        assert!(selects("domain/ip/v4", "domain/ip/v4"));
        assert!(!selects("domain/ip/v4", "domain/ip/v4-mapped"));
        assert!(!selects("dom", "domain/ip/v4"));
        assert!(selects("*/v4*", "domain/ip/v4-mapped"));
    }
}
