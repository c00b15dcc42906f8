//! Findings: one disagreement between a subject and the model, with
//! everything needed to understand and replay it (house rule 10).

use crate::escape::quoted_short;
use crate::play::describe::{self, SHOWN};
use crate::subject::StoredCookie;
use std::fmt::Write as _;
use std::time::Duration;

/// What kind of disagreement a finding is.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FindingKind {
    /// The subject answered, and the answer differs from the model's.
    Mismatch(Difference),
    /// The subject panicked (in process) or reported an internal failure.
    Crash(String),
    /// The subject did not answer in time.
    Timeout(Duration),
    /// The subject answered garbage (process protocol) or an impossible value.
    Protocol(String),
    /// Talking to the subject failed.
    Io(String),
    /// The model itself disagrees with the vector for this profile: a bug
    /// in the model or in the vector, not in the subject.
    ModelDisagrees(String),
}

impl FindingKind {
    /// A short stable name: `mismatch`, `crash`, `timeout`, `protocol`, `io`, `model`.
    pub fn name(&self) -> &'static str {
        match self {
            FindingKind::Mismatch(_) => "mismatch",
            FindingKind::Crash(_) => "crash",
            FindingKind::Timeout(_) => "timeout",
            FindingKind::Protocol(_) => "protocol",
            FindingKind::Io(_) => "io",
            FindingKind::ModelDisagrees(_) => "model",
        }
    }
}

/// How the subject's answer differs from the model's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Difference {
    /// A `get` step: the Cookie header (empty: no header).
    Header {
        /// The model's header.
        expected: Vec<u8>,
        /// The subject's header.
        actual: Vec<u8>,
    },
    /// A `store` step: cookies the model has that the subject lacks, and
    /// the reverse.
    Store {
        /// The model's cookies with no equal cookie in the subject.
        missing: Vec<String>,
        /// The subject's cookies with no equal cookie in the model.
        unexpected: Vec<String>,
    },
    /// A parser-only subject read a line differently.
    Parse {
        /// The line.
        line: Vec<u8>,
        /// The field that differs (`accepted`, `name`, `value`, `expires`, …).
        field: String,
        /// The model's reading.
        expected: String,
        /// The subject's reading.
        actual: String,
    },
}

/// The rule a finding is grouped under: a model rule code with its
/// citation, or, when no single rule can be named, the case's first citation.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RuleKey {
    /// `secure-only`, `cookie-order`, or `cites rfc6265:5.1.4`.
    pub code: String,
    /// The citation under the profile (`RFC 6265 §5.4 step 1`).
    pub citation: String,
}

/// One disagreement, replayable from its case id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The case id.
    pub case: String,
    /// The profile the model ran under (the subject's).
    pub profile: cookiecheck_model::ProfileId,
    /// The 0-based index of the step where it happened, if any.
    pub step: Option<usize>,
    /// The steps of the case, rendered, with what the model did.
    pub steps: String,
    /// What went wrong.
    pub kind: FindingKind,
    /// The rule the model's record blames (a hint when the cause is
    /// unexplained; the cause names the finding otherwise).
    pub rule: RuleKey,
    /// The diagnosis: the rule variants that make the model answer as the
    /// subject did.
    pub cause: crate::diagnose::Cause,
    /// The model's explanation: the decisions so far, each with its rule and citation.
    pub explanation: Vec<String>,
}

impl Finding {
    /// Expected and actual, one line each.
    pub fn expected_actual(&self) -> (String, String) {
        match &self.kind {
            FindingKind::Mismatch(Difference::Header { expected, actual }) => {
                (describe::header(expected), describe::header(actual))
            }
            FindingKind::Mismatch(Difference::Store {
                missing,
                unexpected,
            }) => (
                format!("also stored: {}", list(missing)),
                format!("also stored: {}", list(unexpected)),
            ),
            FindingKind::Mismatch(Difference::Parse {
                line,
                field,
                expected,
                actual,
            }) => (
                format!("{field} {expected} for {}", quoted_short(line, SHOWN)),
                format!("{field} {actual}"),
            ),
            FindingKind::Crash(m) => ("an answer".into(), format!("crash: {m}")),
            FindingKind::Timeout(d) => ("an answer".into(), format!("no answer within {d:?}")),
            FindingKind::Protocol(m) => {
                ("a valid answer".into(), format!("protocol violation: {m}"))
            }
            FindingKind::Io(m) => ("an answer".into(), format!("i/o error: {m}")),
            FindingKind::ModelDisagrees(m) => ("the vector's expectation".into(), m.clone()),
        }
    }

    /// The full text: case, step, expected vs actual, why, the steps and a
    /// command that re-runs just this case on `subject`.
    pub fn render(&self, subject: &str) -> String {
        let mut out = String::new();
        let (expected, actual) = self.expected_actual();
        let _ = writeln!(out, "case:     {} ({})", self.case, self.profile);
        if let Some(step) = self.step {
            let _ = writeln!(out, "step:     {}", step + 1);
        }
        let _ = writeln!(out, "kind:     {}", self.kind.name());
        let _ = writeln!(out, "cause:    {}", self.cause_text());
        let _ = writeln!(out, "rule:     {} ({})", self.rule.code, self.rule.citation);
        let _ = writeln!(out, "expected: {expected}");
        let _ = writeln!(out, "actual:   {actual}");
        if !self.explanation.is_empty() {
            let _ = writeln!(out, "why (the model):");
            for line in &self.explanation {
                let _ = writeln!(out, "  {line}");
            }
        }
        let _ = writeln!(out, "steps:");
        out.push_str(&self.steps);
        let _ = writeln!(out, "re-run:   {}", rerun_command(subject, &self.case));
        out
    }
}

impl Finding {
    /// The cause in words: the variants with their citations, or
    /// "unexplained" with the blamed rule as a hint.
    pub fn cause_text(&self) -> String {
        use crate::diagnose::Cause;
        match &self.cause {
            Cause::Variants(sets) => {
                let mut out = describe_variants(sets[0]);
                for alt in &sets[1..] {
                    let _ = write!(out, "; also explained by {}", alt.label());
                }
                out
            }
            Cause::Unexplained => format!(
                "unexplained: no rule variant (or pair) gives the subject's answers; hint, the model's blame: {}",
                self.rule.code
            ),
            Cause::NotDiagnosed => "not diagnosed (not a difference in answers)".into(),
        }
    }
}

/// `id (citation)` for every variant of a set, joined with ` + `.
pub fn describe_variants(set: cookiecheck_model::Variants) -> String {
    set.iter()
        .map(|v| format!("{} ({}: {})", v.id(), v.info().citation, v.info().summary))
        .collect::<Vec<_>>()
        .join(" + ")
}

/// The command that re-runs one case on one subject.
pub fn rerun_command(subject: &str, case: &str) -> String {
    format!("cargo run -q -p cookiecheck-cli -- run --subject {subject} {case}")
}

fn list(items: &[String]) -> String {
    if items.is_empty() {
        "nothing".to_string()
    } else {
        items.join(", ")
    }
}

/// One line for a subject's stored cookie (the fields it reports).
pub fn describe_stored(c: &StoredCookie) -> String {
    describe::expected(c)
}
