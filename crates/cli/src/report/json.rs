//! The JSON report (`--format json`); the schema is `docs/report-json.md`,
//! and [`SCHEMA_VERSION`] changes whenever a field changes meaning or goes.

use cookiecheck::diagnose::Cause;
use cookiecheck::differ::{rerun_command, Outcome};
use cookiecheck::expected::Listed;
use cookiecheck::run::{SubjectRun, Tally};
use serde_json::{json, Value};

/// The version of the JSON report's schema (`docs/report-json.md`).
pub const SCHEMA_VERSION: u32 = 1;

fn tally_json(t: &Tally) -> Value {
    json!({
        "pass": t.pass, "fail": t.fail, "expected-fail": t.expected,
        "declared": t.declared, "left-open": t.left_open,
        "unexpected-pass": t.unexpected_pass, "unsupported": t.unsupported,
        "not-applicable": t.not_applicable,
    })
}

/// The finding's cause as JSON: the naming variant set (ids joined by `+`),
/// `"unexplained"` or `"not-diagnosed"`, and the other explaining sets.
fn cause_json(cause: &Cause) -> (Value, Vec<String>) {
    match cause {
        Cause::Variants(_) => (
            json!(cause.primary().map(|p| p.label())),
            cause.alternatives().iter().map(|a| a.label()).collect(),
        ),
        Cause::Unexplained => (json!("unexplained"), Vec::new()),
        Cause::NotDiagnosed => (json!("not-diagnosed"), Vec::new()),
    }
}

/// The JSON report.
pub fn as_json(runs: &[SubjectRun], notices: &[String], cases: usize, exit_code: u8) -> Value {
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
                    let (cause, alternatives) = cause_json(&f.cause);
                    json!({
                        "case": f.case, "profile": f.profile.name(),
                        "step": f.step.map(|s| s + 1), "kind": f.kind.name(),
                        "rule": f.rule.code, "citation": f.rule.citation,
                        "expected": expected, "actual": actual,
                        "listed": o.listed == Listed::ExpectedFailure,
                        "declared": o.listed == Listed::Declared,
                        "cause": cause, "also-explained-by": alternatives,
                        "cause-text": f.cause_text(),
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
    json!({
        "schema": "cookiecheck-run-report",
        "version": SCHEMA_VERSION,
        "cases": cases,
        "clean": runs.iter().all(SubjectRun::is_clean),
        "exit-code": exit_code,
        "notices": notices,
        "subjects": subjects,
    })
}
