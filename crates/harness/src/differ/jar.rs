//! Playing a case on a jar subject next to the model's record of it.

use super::blame;
use super::finding::{describe_stored, Difference, FindingKind};
use super::Stop;
use crate::play::{CaseResult, StepRecord};
use crate::subject::{Capabilities, StoredCookie, Subject};
use crate::vectors::{Case, Step};
use cookiecheck_model::{Cookie, Time};

/// Plays every step of `case` on `subject` and compares it with the model's
/// `record`; the first difference stops the case.
pub(super) fn play(
    case: &Case,
    record: &CaseResult,
    subject: &mut dyn Subject,
    caps: &Capabilities,
) -> Result<(), Stop> {
    subject.reset().map_err(|e| Stop::error(None, e))?;
    let mut now = case.start;
    for (index, step) in case.steps.iter().enumerate() {
        let at = |e| Stop::error(Some(index), e);
        let model = record.steps.get(index);
        match step {
            Step::Set {
                url, lines, ctx, ..
            } => subject.set_cookies(url, lines, ctx, now).map_err(at)?,
            Step::Get { url, ctx, .. } => {
                let actual = subject.cookie_header(url, ctx, now).map_err(at)?;
                let actual = actual.unwrap_or_default();
                let expected = match model {
                    Some(StepRecord::Get(r)) => r.header_bytes().to_vec(),
                    _ => return Err(Stop::model_missing(index)),
                };
                if actual != expected {
                    let rule = blame::header_rule(case, record, index, &expected, &actual);
                    let diff = Difference::Header { expected, actual };
                    return Err(Stop::mismatch(index, diff, rule));
                }
            }
            Step::Advance(seconds) => {
                now = now.saturating_add(Time::try_from(*seconds).unwrap_or(Time::MAX));
                subject.advance_to(now).map_err(at)?;
            }
            Step::EndSession => subject.end_session().map_err(at)?,
            Step::Reload => subject.reload(now).map_err(at)?,
            Step::Store(_) => {
                // Subjects that cannot list their cookies are compared on
                // their `get` steps only (capabilities::needs).
                if !caps.list_cookies {
                    continue;
                }
                let actual = subject.cookies(now).map_err(at)?;
                let expected = match model {
                    Some(StepRecord::Store { cookies, .. }) => cookies,
                    _ => return Err(Stop::model_missing(index)),
                };
                if let Some((diff, model_only, subject_only)) =
                    compare_store(expected, &actual, caps)
                {
                    let rule = blame::store_rule(case, record, index, &subject_only, &model_only);
                    return Err(Stop::mismatch(index, diff, rule));
                }
            }
        }
    }
    Ok(())
}

/// The model's cookies against the subject's, as sets, on the fields the
/// subject reports: the same one-to-one matching as a vector's `store` step
/// (`play::compare::compare_set`), with the subject's views as the partial
/// side. Expiry-times are compared only for subjects on the virtual clock,
/// SameSite only for subjects that claim it. Returns the difference, the
/// cookies only the model holds and those only the subject holds.
fn compare_store(
    model: &[Cookie],
    subject: &[StoredCookie],
    caps: &Capabilities,
) -> Option<(Difference, Vec<Cookie>, Vec<StoredCookie>)> {
    let views: Vec<StoredCookie> = subject
        .iter()
        .map(|s| StoredCookie {
            same_site: s.same_site.filter(|_| caps.same_site),
            expires: s.expires.filter(|_| caps.clock),
            ..s.clone()
        })
        .collect();
    let diff = crate::play::compare::compare_set(&views, model);
    if diff.is_empty() {
        return None;
    }
    let model_only = diff.unexpected.clone();
    let subject_only = diff.missing.clone();
    let difference = Difference::Store {
        missing: diff
            .unexpected
            .iter()
            .map(crate::play::describe::cookie)
            .collect(),
        unexpected: diff.missing.iter().map(describe_stored).collect(),
    };
    Some((difference, model_only, subject_only))
}

impl FindingKind {
    /// Whether this is a disagreement in what the subject answered (as
    /// opposed to a crash, a hang or garbage).
    pub fn is_mismatch(&self) -> bool {
        matches!(self, FindingKind::Mismatch(_))
    }
}
