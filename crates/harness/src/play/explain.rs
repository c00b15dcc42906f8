//! The model's explanation of a failing step: which rule decided what, with
//! its citation under the profile played.

use super::compare::{field_mismatches, StoreDiff};
use super::describe;
use super::{Failure, StepRecord};
use crate::escape::quoted_short;
use crate::vectors::{Case, Step};
use cookiecheck_model::{Cookie, Evicted, ProfileId, Retrieval, Rule};

/// The failure of step `index`, if its record differs from the vector.
pub(super) fn failure(
    case: &Case,
    profile: ProfileId,
    earlier: &[StepRecord],
    index: usize,
    record: &StepRecord,
) -> Option<Failure> {
    let step = case.steps.get(index)?;
    let fail = |expected: String, actual: String, mut explanation: Vec<String>| {
        explanation.extend(history(case, profile, earlier));
        Some(Failure {
            step: Some(index),
            expected,
            actual,
            explanation,
        })
    };
    let no_expectation = || format!("an expectation for profile {profile}");
    match (step, record) {
        (_, StepRecord::Panicked(message)) => fail(
            "the model to answer".to_string(),
            format!("the model panicked: {message}"),
            Vec::new(),
        ),
        (_, StepRecord::Reload(Err(e))) => fail(
            "the jar to save to cookies.txt and load back".to_string(),
            e.clone(),
            Vec::new(),
        ),
        (Step::Get { expect, .. }, StepRecord::Get(retrieval)) => {
            let actual = retrieval.header_bytes();
            match expect.for_profile(profile) {
                Some(expected) if expected.as_slice() == actual => None,
                Some(expected) => fail(
                    describe::header(expected),
                    describe::header(actual),
                    retrieval_lines(retrieval, profile),
                ),
                None => fail(no_expectation(), describe::header(actual), Vec::new()),
            }
        }
        (Step::Store(expect), StepRecord::Store { cookies, diff }) => {
            match expect.for_profile(profile) {
                Some(_) if diff.is_empty() => None,
                Some(expected) => fail(
                    cookie_list(expected.iter().map(describe::expected)),
                    cookie_list(cookies.iter().map(describe::cookie)),
                    store_lines(diff),
                ),
                None => fail(
                    no_expectation(),
                    cookie_list(cookies.iter().map(describe::cookie)),
                    Vec::new(),
                ),
            }
        }
        _ => None,
    }
}

/// `N cookies:` and one cookie per line.
fn cookie_list(items: impl Iterator<Item = String>) -> String {
    let items: Vec<String> = items.collect();
    if items.is_empty() {
        return "no cookies".to_string();
    }
    let mut out = format!("{} cookie(s):", items.len());
    for item in items {
        out.push_str("\n  ");
        out.push_str(&item);
    }
    out
}

/// `code: summary (citation)`.
fn rule_line(rule: Rule, profile: ProfileId) -> String {
    if rule.summary() == rule.code() {
        format!("{} ({})", rule.code(), rule.citation(profile))
    } else {
        format!(
            "{}: {} ({})",
            rule.code(),
            rule.summary(),
            rule.citation(profile)
        )
    }
}

fn evicted_lines(evicted: &[Evicted], profile: ProfileId, out: &mut Vec<String>) {
    for e in evicted {
        out.push(format!(
            "  evicted {} -- {}",
            describe::cookie(&e.cookie),
            rule_line(e.rule, profile)
        ));
    }
}

/// What the retrieval sent, withheld and why.
fn retrieval_lines(r: &Retrieval, profile: ProfileId) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(rule) = r.aborted {
        out.push(format!("retrieval aborted: {}", rule_line(rule, profile)));
    }
    for c in &r.sent {
        out.push(format!("sent {}", describe::cookie(c)));
    }
    for w in &r.withheld {
        out.push(format!(
            "withheld {} -- {}",
            describe::cookie(&w.cookie),
            rule_line(w.rule, profile)
        ));
    }
    if r.sent.is_empty() && r.withheld.is_empty() && r.aborted.is_none() {
        out.push("no stored cookie in the request's candidate domains".to_string());
    }
    evicted_lines(&r.evicted, profile, &mut out);
    out
}

/// The missing and unexpected cookies, each missing one beside the stored
/// cookie of the same name that comes closest.
fn store_lines(diff: &StoreDiff) -> Vec<String> {
    let mut out = Vec::new();
    for m in &diff.missing {
        out.push(format!("missing {}", describe::expected(m)));
        let closest: Option<&Cookie> = diff
            .unexpected
            .iter()
            .filter(|c| c.name == m.name)
            .min_by_key(|c| field_mismatches(m, c).len());
        if let Some(c) = closest {
            out.push(format!(
                "  closest stored cookie differs in {}",
                field_mismatches(m, c).join("; ")
            ));
        }
    }
    for c in &diff.unexpected {
        out.push(format!("unexpected {}", describe::cookie(c)));
    }
    out
}

/// What the earlier steps decided: each Set-Cookie line's decision and
/// notes, and every eviction.
fn history(case: &Case, profile: ProfileId, earlier: &[StepRecord]) -> Vec<String> {
    let mut out = Vec::new();
    for (i, (step, record)) in case.steps.iter().zip(earlier).enumerate() {
        let n = i + 1;
        match (step, record) {
            (Step::Set { url, lines, .. }, StepRecord::Set(reports)) => {
                for (line, report) in lines.iter().zip(reports) {
                    out.push(format!(
                        "step {n} set {url} {} -> {}",
                        quoted_short(line, describe::SHOWN),
                        rule_line(report.decision, profile)
                    ));
                    for note in &report.notes {
                        out.push(format!(
                            "  note on `{}`: {}",
                            note.attribute,
                            rule_line(note.rule, profile)
                        ));
                    }
                    evicted_lines(&report.evicted, profile, &mut out);
                }
            }
            (Step::Get { url, .. }, StepRecord::Get(r)) => {
                out.push(format!(
                    "step {n} get {url} -> {}",
                    describe::header(r.header_bytes())
                ));
                evicted_lines(&r.evicted, profile, &mut out);
            }
            (_, StepRecord::Advance { now, evicted }) => {
                out.push(format!("step {n} advance: now {now}"));
                evicted_lines(evicted, profile, &mut out);
            }
            (_, StepRecord::EndSession(evicted)) => {
                out.push(format!("step {n} end-session"));
                evicted_lines(evicted, profile, &mut out);
            }
            _ => {}
        }
    }
    if !out.is_empty() {
        out.insert(0, "earlier steps:".to_string());
    }
    out
}
