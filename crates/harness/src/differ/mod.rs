//! The differential runner: one case, played on the model (under the
//! subject's profile) and on a subject, step by step.
//!
//! [`diff_case`] returns an [`Outcome`]:
//!
//! - *not applicable* when the case's `profiles` exclude the subject's profile;
//! - *unsupported* when the case needs a capability the subject lacks
//!   ([`crate::subject::needs`]), or when the subject says so mid-case;
//! - *fail* with a [`Finding`] at the first step where the subject's answer
//!   differs from the model's, or where it crashes, hangs or answers garbage;
//!   also when the model itself disagrees with the vector (that finding has
//!   kind [`FindingKind::ModelDisagrees`]: a model or vector bug);
//! - *pass* otherwise.
//!
//! **The clock probe.** A subject on its own clock cannot be given the
//! virtual time. Besides the explicit `advance` and `requires = ["clock"]`
//! rules, the differ plays such a case on the model a second time, started
//! at the real current time; if any header or stored cookie differs between
//! the two plays, the outcome depends on the date and the case is
//! unsupported for that subject.

mod blame;
mod explain;
mod finding;
mod jar;
mod order;
mod parse;
mod transcript;

pub use finding::{describe_stored, rerun_command, Difference, Finding, FindingKind, RuleKey};
pub(crate) use jar::{agreement as jar_agreement, Agreement};
pub(crate) use parse::first_difference as parse_first_difference;
pub use transcript::{Answer, Transcript};

use crate::diagnose::{diagnose, Cause};
use cookiecheck_model::Variants;

use crate::play::{play_case, CaseResult, StepRecord};
use crate::subject::{
    needs, parser_needs, Capabilities, Isolated, Isolation, Subject, SubjectError,
};
use crate::vectors::Case;
use cookiecheck_model::{Profile, Time};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

/// The result of one case on one subject.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The subject agrees with the model on every step it was asked.
    Pass,
    /// The case does not apply to the subject's profile.
    NotApplicable,
    /// The case needs something the subject does not support (the reason).
    Unsupported(String),
    /// The subject differs only where the specifications leave room: the
    /// order of cookies of equal path length and creation-time, or a
    /// reading the profile's text permits (the variant that explains it).
    LeftOpen(String),
    /// A disagreement, a crash, a hang or garbage.
    Fail(Box<Finding>),
}

impl Outcome {
    /// The finding, for a failed case.
    pub fn finding(&self) -> Option<&Finding> {
        match self {
            Outcome::Fail(f) => Some(f),
            _ => None,
        }
    }
}

/// Why playing on the subject stopped early.
pub(crate) enum Stop {
    /// The subject returned an error at a step.
    Error(Option<usize>, SubjectError),
}

impl Stop {
    fn error(step: Option<usize>, e: SubjectError) -> Stop {
        Stop::Error(step, e)
    }
}

/// Plays `case` on the model and on `subject` (which declared `caps`).
/// Panics inside the subject are *not* caught here: run subjects through
/// [`diff_isolated`] (or your own `catch_unwind`). A difference is
/// diagnosed with no declared variants.
pub fn diff_case(case: &Case, subject: &mut dyn Subject, caps: &Capabilities) -> Outcome {
    diff_case_declared(case, subject, caps, Variants::NONE)
}

/// [`diff_case`] for a subject that declares the rule variants `declared`
/// (they are preferred when a difference is diagnosed).
pub fn diff_case_declared(
    case: &Case,
    subject: &mut dyn Subject,
    caps: &Capabilities,
    declared: Variants,
) -> Outcome {
    let record = match prepare(case, caps) {
        Ok(record) => record,
        Err(outcome) => return outcome,
    };
    let played = play_subject(case, subject, caps);
    finish(case, &record, caps, played, declared)
}

/// Like [`diff_case`], on an [`Isolated`] subject: a panic becomes a
/// [`FindingKind::Crash`], a case over the time limit a
/// [`FindingKind::Timeout`].
pub fn diff_isolated(case: &Arc<Case>, subject: &mut Isolated, caps: &Capabilities) -> Outcome {
    diff_isolated_declared(case, subject, caps, Variants::NONE)
}

/// [`diff_isolated`] for a subject that declares the rule variants `declared`.
pub fn diff_isolated_declared(
    case: &Arc<Case>,
    subject: &mut Isolated,
    caps: &Capabilities,
    declared: Variants,
) -> Outcome {
    let record = match prepare(case, caps) {
        Ok(record) => record,
        Err(outcome) => return outcome,
    };
    let (job_case, job_caps) = (Arc::clone(case), caps.clone());
    let played = subject.run(move |s| play_subject(&job_case, s, &job_caps));
    let played = match played {
        Ok(result) => result,
        Err(Isolation::Panicked(m)) => Err(Stop::Error(None, SubjectError::Crashed(m))),
        Err(Isolation::TimedOut(d)) => Err(Stop::Error(None, SubjectError::Timeout(d))),
    };
    finish(case, &record, caps, played, declared)
}

/// Applicability, capabilities, the model's play and its agreement with the vector.
fn prepare(case: &Case, caps: &Capabilities) -> Result<CaseResult, Outcome> {
    if !case.applies_to(caps.profile) {
        return Err(Outcome::NotApplicable);
    }
    let profile = Profile::for_id(caps.profile);
    let needed = if caps.parser_only {
        parser_needs(case)
    } else {
        needs(case, &profile)
    };
    if let Some(need) = needed.iter().find(|n| !caps.has(**n)) {
        return Err(Outcome::Unsupported(format!("needs {need}")));
    }
    let record = play_case(case, caps.profile);
    if let Some(failure) = &record.failure {
        let finding = Finding {
            case: case.id.clone(),
            profile: caps.profile,
            step: failure.step,
            steps: crate::report::render_steps(case, &record),
            kind: FindingKind::ModelDisagrees(format!(
                "the model gives {}, the vector expects {}",
                failure.actual, failure.expected
            )),
            rule: blame::fallback(case),
            explanation: failure.explanation.clone(),
            cause: Cause::NotDiagnosed,
        };
        return Err(Outcome::Fail(Box::new(finding)));
    }
    if !caps.clock && !caps.parser_only && depends_on_date(case, &record) {
        return Err(Outcome::Unsupported(
            "needs clock (the clock probe: the outcome depends on the date)".into(),
        ));
    }
    Ok(record)
}

/// Plays every step of `case` on `subject` (which declared `caps`) and
/// keeps its answers: the transcript the differ compares with the model
/// and that [`crate::diagnose::diagnose`] explains. A subject error stops
/// the play (the error, with the step it happened at when known).
pub fn transcript(
    case: &Case,
    subject: &mut dyn Subject,
    caps: &Capabilities,
) -> Result<Transcript, (Option<usize>, SubjectError)> {
    play_subject(case, subject, caps).map_err(|Stop::Error(step, e)| (step, e))
}

fn play_subject(
    case: &Case,
    subject: &mut dyn Subject,
    caps: &Capabilities,
) -> Result<Transcript, Stop> {
    if caps.parser_only {
        parse::record(case, subject)
    } else {
        jar::record(case, subject, caps)
    }
}

/// The step, difference and blamed rule where `transcript` first departs
/// from the model's base record, `Ok(None)` when it agrees, `Err` with the
/// outcome when it differs only where the text leaves room.
fn compare_base(
    case: &Case,
    record: &CaseResult,
    caps: &Capabilities,
    transcript: &Transcript,
) -> Result<Option<(usize, FindingKind, RuleKey)>, Outcome> {
    if caps.parser_only {
        let profile = Profile::for_id(caps.profile);
        return Ok(parse::first_difference(case, transcript, &profile, caps)
            .map(|(step, diff, rule)| (step, FindingKind::Mismatch(diff), rule)));
    }
    match jar::agreement(record, transcript, caps) {
        jar::Agreement::Same => Ok(None),
        jar::Agreement::TiesOnly => Err(Outcome::LeftOpen(
            "the order of cookies with equal path length and creation-time".into(),
        )),
        jar::Agreement::ModelMissing(step) => Ok(Some((
            step,
            FindingKind::ModelDisagrees("the model stopped before this step".into()),
            blame::fallback(case),
        ))),
        jar::Agreement::Differs(step) => Ok(jar::difference(case, record, transcript, caps, step)
            .map(|(diff, rule)| (step, FindingKind::Mismatch(diff), rule))),
    }
}

fn finish(
    case: &Case,
    record: &CaseResult,
    caps: &Capabilities,
    played: Result<Transcript, Stop>,
    declared: Variants,
) -> Outcome {
    let (step, kind, rule, cause) = match played {
        Ok(transcript) => match compare_base(case, record, caps, &transcript) {
            Err(open) => return open,
            Ok(None) => return Outcome::Pass,
            Ok(Some((step, kind, rule))) => {
                let cause = if kind.is_mismatch() {
                    diagnose(case, caps, &transcript, declared)
                } else {
                    Cause::NotDiagnosed
                };
                if cause.is_permitted(caps.profile) {
                    return Outcome::LeftOpen(format!(
                        "{} ({}: the text leaves room for this reading)",
                        cause.label(),
                        caps.profile
                    ));
                }
                (Some(step), kind, rule, cause)
            }
        },
        Err(Stop::Error(_, SubjectError::Unsupported(what))) => {
            return Outcome::Unsupported(format!("the subject: {what}"))
        }
        Err(Stop::Error(step, e)) => {
            let kind = match e {
                SubjectError::Crashed(m) => FindingKind::Crash(m),
                SubjectError::Timeout(d) => FindingKind::Timeout(d),
                SubjectError::Protocol(m) => FindingKind::Protocol(m),
                SubjectError::Io(m) => FindingKind::Io(m),
                other => FindingKind::Io(other.to_string()),
            };
            let rule = RuleKey {
                code: kind.name().to_string(),
                citation: "the subject misbehaved".into(),
            };
            (step, kind, rule, Cause::NotDiagnosed)
        }
    };
    let finding = Finding {
        case: case.id.clone(),
        profile: caps.profile,
        step,
        steps: crate::report::render_steps_marking(case, record, step),
        explanation: explain::lines(case, record, step),
        kind,
        rule,
        cause,
    };
    Outcome::Fail(Box::new(finding))
}

/// The clock probe: whether the model's answers change when the case starts
/// at the real current time instead of its virtual start.
fn depends_on_date(case: &Case, record: &CaseResult) -> bool {
    let wall = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| Time::try_from(d.as_secs()).unwrap_or(Time::MAX))
        .unwrap_or(case.start);
    let mut shifted = case.clone();
    shifted.start = wall;
    let other = play_case(&shifted, record.profile);
    record.steps.len() != other.steps.len()
        || record
            .steps
            .iter()
            .zip(&other.steps)
            .any(|pair| match pair {
                (StepRecord::Get(a), StepRecord::Get(b)) => a.header != b.header,
                (StepRecord::Store { cookies: a, .. }, StepRecord::Store { cookies: b, .. }) => {
                    a.len() != b.len()
                        || a.iter().zip(b).any(|(x, y)| {
                            (&x.name, &x.value, &x.domain, &x.path, x.persistent)
                                != (&y.name, &y.value, &y.domain, &y.path, y.persistent)
                        })
                }
                _ => false,
            })
}
