//! The JUnit XML report (`--format junit`): a `testsuite` per subject with
//! one `testcase` per case (classname = subject, name = case id), plus one
//! `testcase` per subject for its expected-failure list (stale entries).
//!
//! A departure or an unexpected pass is a `failure`; a listed expected
//! failure, a failure the subject's declared variants reproduce, an
//! unsupported and a not-applicable case are `skipped` with the reason; a
//! pass (and a difference the spec text leaves open) has no child.

use super::xml::escape;
use cookiecheck::differ::{Finding, Outcome};
use cookiecheck::expected::Listed;
use cookiecheck::run::{CaseOutcome, SubjectRun};
use std::fmt::Write as _;

/// What one testcase holds.
enum Verdict {
    Pass,
    Failure {
        kind: String,
        message: String,
        body: String,
    },
    Skipped(String),
}

fn finding_message(f: &Finding) -> String {
    let (expected, actual) = f.expected_actual();
    let step = f
        .step
        .map(|s| format!("step {}: ", s + 1))
        .unwrap_or_default();
    format!(
        "{step}expected {expected}, got {actual}; rule {} ({})",
        f.rule.code, f.rule.citation
    )
}

fn verdict(r: &SubjectRun, o: &CaseOutcome, entry: Option<&str>) -> Verdict {
    let subject = r.name.as_str();
    match (&o.listed, &o.outcome) {
        (Listed::Pass, _) => Verdict::Pass,
        (Listed::Departure, Outcome::Fail(f)) => Verdict::Failure {
            kind: f.kind.name().to_string(),
            message: finding_message(f),
            body: f.render(subject),
        },
        (Listed::ExpectedFailure, Outcome::Fail(f)) => Verdict::Skipped(format!(
            "expected failure ({}): {}",
            r.list_file,
            finding_message(f)
        )),
        (Listed::Declared, Outcome::Fail(f)) => Verdict::Skipped(format!(
            "declared variant {} ({}): {}",
            f.cause.label(),
            r.list_file,
            finding_message(f)
        )),
        // The model and the subject differ only where the text leaves the
        // choice open: a pass.
        (Listed::LeftOpen, _) => Verdict::Pass,
        (Listed::UnexpectedPass, _) => Verdict::Failure {
            kind: "unexpected-pass".to_string(),
            message: format!(
                "unexpected pass: listed as `{}` in {} but passes",
                entry.unwrap_or("?"),
                r.list_file
            ),
            body: String::new(),
        },
        (_, Outcome::NotApplicable) => Verdict::Skipped(format!(
            "not applicable: the case does not apply to profile {}",
            r.capabilities.profile
        )),
        (_, Outcome::Unsupported(why)) => Verdict::Skipped(format!("unsupported: {why}")),
        // Departure and expected-failure always carry a finding; a pass
        // is never a departure. Counted as a failure so nothing is hidden.
        (_, other) => Verdict::Failure {
            kind: "internal".to_string(),
            message: format!("inconsistent outcome {other:?}"),
            body: String::new(),
        },
    }
}

/// The report as one JUnit XML document.
pub fn junit(runs: &[SubjectRun]) -> String {
    let mut suites = String::new();
    let (mut all_tests, mut all_failures) = (0, 0);
    for r in runs {
        let mut cases = String::new();
        let (mut tests, mut failures, mut skipped) = (0, 0, 0);
        for o in &r.outcomes {
            let entry = r
                .list_check
                .unexpected_passes
                .iter()
                .find(|(id, _)| *id == o.case.id)
                .map(|(_, p)| p.as_str());
            tests += 1;
            let v = verdict(r, o, entry);
            let _ = write!(
                cases,
                "    <testcase classname=\"{}\" name=\"{}\"",
                escape(&r.name),
                escape(&o.case.id)
            );
            match v {
                Verdict::Pass => cases.push_str("/>\n"),
                Verdict::Failure {
                    kind,
                    message,
                    body,
                } => {
                    failures += 1;
                    let _ = writeln!(
                        cases,
                        ">\n      <failure type=\"{}\" message=\"{}\">{}</failure>\n    </testcase>",
                        escape(&kind),
                        escape(&message),
                        escape(&body)
                    );
                }
                Verdict::Skipped(why) => {
                    skipped += 1;
                    let _ = writeln!(
                        cases,
                        ">\n      <skipped message=\"{}\"/>\n    </testcase>",
                        escape(&why)
                    );
                }
            }
        }
        tests += 1;
        let list = r.list_file.clone();
        let _ = write!(
            cases,
            "    <testcase classname=\"{}\" name=\"{}\"",
            escape(&r.name),
            escape(&list)
        );
        let check = &r.list_check;
        let lines: Vec<String> = check
            .stale
            .iter()
            .map(|e| format!("stale entry `{}` at {}: it matches no case that ran", e.pattern, e.location))
            .chain(check.redundant.iter().map(|(id, pattern, cause)| {
                format!("redundant entry `{pattern}`: {id} is explained by the declared variant {cause}")
            }))
            .chain(check.left_open.iter().map(|(id, pattern, why)| {
                format!("needless entry `{pattern}`: {id} differs only where the text leaves the choice open ({why})")
            }))
            .collect();
        if lines.is_empty() {
            cases.push_str("/>\n");
        } else {
            failures += 1;
            let _ = writeln!(
                cases,
                ">\n      <failure type=\"list-entry\" message=\"{} entries to remove\">{}</failure>\n    </testcase>",
                lines.len(),
                escape(&lines.join("\n"))
            );
        }
        let _ = writeln!(
            suites,
            "  <testsuite name=\"{}\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" skipped=\"{skipped}\">\n    <properties>\n      <property name=\"profile\" value=\"{}\"/>\n      <property name=\"capabilities\" value=\"{}\"/>\n    </properties>",
            escape(&r.name),
            escape(r.capabilities.profile.name()),
            escape(&r.capabilities.names().join(" "))
        );
        suites.push_str(&cases);
        suites.push_str("  </testsuite>\n");
        all_tests += tests;
        all_failures += failures;
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"cookiecheck\" tests=\"{all_tests}\" failures=\"{all_failures}\" errors=\"0\">\n{suites}</testsuites>\n"
    )
}
