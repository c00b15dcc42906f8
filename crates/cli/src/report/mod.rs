//! The reports of `cookiecheck run`: text for the terminal, JSON
//! (`docs/report-json.md`), JUnit XML and a self-contained HTML page.

mod fingerprint;
mod html;
mod json;
mod junit;
mod text;
mod xml;

pub use html::html;
pub use json::as_json;
pub use junit::junit;
pub use text::text;

use cookiecheck::differ::{Finding, Outcome};
use cookiecheck::expected::Listed;
use cookiecheck::run::SubjectRun;
use std::collections::{BTreeMap, BTreeSet};

/// Every area that appears in any run, sorted.
fn area_names(runs: &[SubjectRun]) -> Vec<String> {
    let mut areas = BTreeSet::new();
    for r in runs {
        areas.extend(r.by_area().into_keys());
    }
    areas.into_iter().collect()
}

/// The departures (failures neither declared nor listed), grouped by
/// cause: the diagnosed variants, or `unexplained (hint: <blamed rule>)`.
fn departures(runs: &[SubjectRun]) -> BTreeMap<String, Vec<(&str, &Finding)>> {
    let mut groups: BTreeMap<String, Vec<(&str, &Finding)>> = BTreeMap::new();
    for r in runs {
        for o in &r.outcomes {
            if let (Listed::Departure, Outcome::Fail(f)) = (o.listed, &o.outcome) {
                groups.entry(group_label(f)).or_default().push((&r.name, f));
            }
        }
    }
    groups
}

/// The group a departure is reported under.
fn group_label(f: &Finding) -> String {
    use cookiecheck::diagnose::Cause;
    match &f.cause {
        Cause::Variants(_) => format!("undeclared variant {}", f.cause.label()),
        Cause::Unexplained => format!(
            "unexplained (hint, the model's blame: {}, {})",
            f.rule.code, f.rule.citation
        ),
        Cause::NotDiagnosed => format!("{} ({})", f.rule.code, f.rule.citation),
    }
}

/// The expected-failure problems of every run, one line each.
fn list_problems(runs: &[SubjectRun]) -> Vec<String> {
    let mut problems = Vec::new();
    for r in runs {
        for (id, pattern) in &r.list_check.unexpected_passes {
            problems.push(format!(
                "{}: unexpected pass {id} (listed as `{pattern}`): remove it from {}",
                r.name, r.list_file
            ));
        }
        for (id, pattern, cause) in &r.list_check.redundant {
            problems.push(format!(
                "{}: redundant entry `{pattern}`: {id} is explained by the declared variant {cause}; remove the entry from {}",
                r.name, r.list_file
            ));
        }
        for (id, pattern, why) in &r.list_check.left_open {
            problems.push(format!(
                "{}: needless entry `{pattern}`: {id} differs only where the text leaves the choice open ({why}); remove the entry from {}",
                r.name, r.list_file
            ));
        }
        for e in &r.list_check.stale {
            problems.push(format!(
                "{}: stale entry `{}` at {}: it matches no case that ran",
                r.name, e.pattern, e.location
            ));
        }
    }
    problems
}
