//! The reports of `cookiecheck run`: text for the terminal, JSON
//! (`docs/report-json.md`), JUnit XML and a self-contained HTML page.

mod html;
mod json;
mod junit;
mod text;
mod xml;

pub use html::html;
pub use json::as_json;
pub use junit::junit;
pub use text::text;

use cookiecheck::differ::{Finding, Outcome, RuleKey};
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

/// The expected-failure problems of every run, one line each.
fn list_problems(runs: &[SubjectRun]) -> Vec<String> {
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
    problems
}
