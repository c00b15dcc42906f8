//! Running many cases on one subject, in parallel, and tallying the result
//! by area: what `cookiecheck run` prints and what tests assert on.

use crate::differ::{diff_isolated_declared, Outcome};
use crate::expected::{check, classify, ExpectedFailures, ListCheck, Listed};
use crate::subject::{Capabilities, Isolated, SubjectFactory};
use crate::vectors::Case;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

/// A subject ready to run: how to build it, what it claims, its limit and
/// its expected failures.
#[derive(Clone)]
pub struct SubjectSpec {
    /// The name used in reports, `--subject` and `subjects/<name>.toml`.
    pub name: String,
    /// Builds instances (one per worker thread, again after a crash or hang).
    pub factory: SubjectFactory,
    /// What it claims.
    pub capabilities: Capabilities,
    /// The time limit for one case.
    pub case_limit: Duration,
    /// Its expected-failure list.
    pub expected: ExpectedFailures,
}

/// One case's outcome on one subject.
#[derive(Debug, Clone)]
pub struct CaseOutcome {
    /// The case.
    pub case: Arc<Case>,
    /// What happened.
    pub outcome: Outcome,
    /// How that stands against the expected-failure list.
    pub listed: Listed,
}

/// Counts per area (or in total).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Passed.
    pub pass: usize,
    /// Failed, not listed.
    pub fail: usize,
    /// Failed and listed as expected.
    pub expected: usize,
    /// Failed, explained by the subject's declared variants.
    pub declared: usize,
    /// Differs only where the text leaves room.
    pub left_open: usize,
    /// Listed but passed.
    pub unexpected_pass: usize,
    /// Needs something the subject lacks.
    pub unsupported: usize,
    /// Not for the subject's profile.
    pub not_applicable: usize,
}

impl Tally {
    fn add(&mut self, listed: Listed, outcome: &Outcome) {
        match (listed, outcome) {
            (Listed::Pass, _) => self.pass += 1,
            (Listed::Departure, _) => self.fail += 1,
            (Listed::ExpectedFailure, _) => self.expected += 1,
            (Listed::Declared, _) => self.declared += 1,
            (Listed::LeftOpen, _) => self.left_open += 1,
            (Listed::UnexpectedPass, _) => self.unexpected_pass += 1,
            (Listed::NotRun, Outcome::NotApplicable) => self.not_applicable += 1,
            (Listed::NotRun, _) => self.unsupported += 1,
        }
    }
}

/// A subject's whole run.
#[derive(Debug, Clone)]
pub struct SubjectRun {
    /// The subject's name.
    pub name: String,
    /// Its capabilities.
    pub capabilities: Capabilities,
    /// Every case, in input order.
    pub outcomes: Vec<CaseOutcome>,
    /// Unexpected passes and stale entries.
    pub list_check: ListCheck,
    /// The rule variants the subject declares (for its profile).
    pub declared: cookiecheck_model::Variants,
    /// The subject file it was judged by, as reports name it.
    pub list_file: String,
}

impl SubjectRun {
    /// Counts per area (the first part of the case id).
    pub fn by_area(&self) -> BTreeMap<String, Tally> {
        let mut areas: BTreeMap<String, Tally> = BTreeMap::new();
        for o in &self.outcomes {
            let area = o.case.id.split('/').next().unwrap_or("").to_string();
            areas.entry(area).or_default().add(o.listed, &o.outcome);
        }
        areas
    }

    /// Counts over every case.
    pub fn total(&self) -> Tally {
        let mut t = Tally::default();
        for o in &self.outcomes {
            t.add(o.listed, &o.outcome);
        }
        t
    }

    /// Whether the subject matches the model or its expected-failure list.
    pub fn is_clean(&self) -> bool {
        self.list_check.is_clean() && self.outcomes.iter().all(|o| o.listed != Listed::Departure)
    }
}

/// Runs `cases` on `spec`, in parallel across cases (each worker thread has
/// its own isolated instance). `find_stale`: report entries of the list that
/// matched nothing (only meaningful when `cases` is the whole tree).
pub fn run_subject(spec: &SubjectSpec, cases: &[Arc<Case>], find_stale: bool) -> SubjectRun {
    run_subject_with(spec, cases, find_stale, &|| {})
}

/// [`run_subject`], calling `on_case` (from any worker thread) after each
/// case: for progress bars.
pub fn run_subject_with(
    spec: &SubjectSpec,
    cases: &[Arc<Case>],
    find_stale: bool,
    on_case: &(dyn Fn() + Sync),
) -> SubjectRun {
    let caps = &spec.capabilities;
    let declared = spec.expected.declared_for(caps.profile);
    let outcomes: Vec<CaseOutcome> = cases
        .par_iter()
        .map_init(
            || Isolated::new(spec.factory.clone(), spec.case_limit),
            |isolated, case| {
                let outcome = diff_isolated_declared(case, isolated, caps, declared);
                let listed = classify(&spec.expected, &case.id, caps.profile, &outcome);
                on_case();
                CaseOutcome {
                    case: Arc::clone(case),
                    outcome,
                    listed,
                }
            },
        )
        .collect();
    let list_check = check(
        &spec.expected,
        caps.profile,
        outcomes.iter().map(|o| (o.case.id.as_str(), &o.outcome)),
        find_stale,
    );
    SubjectRun {
        name: spec.name.clone(),
        capabilities: caps.clone(),
        outcomes,
        list_check,
        declared,
        list_file: spec
            .expected
            .source
            .clone()
            .unwrap_or_else(|| format!("subjects/{}.toml", spec.name)),
    }
}
