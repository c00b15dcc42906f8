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
                if let Some(diff) = compare_store(expected, &actual, caps) {
                    let rule = blame::fallback(case);
                    return Err(Stop::mismatch(index, diff, rule));
                }
            }
        }
    }
    Ok(())
}

/// The model's cookies against the subject's, as multisets, on the fields
/// the subject reports. Expiry-times are compared only for subjects on the
/// virtual clock, SameSite only for subjects that claim it.
fn compare_store(
    model: &[Cookie],
    subject: &[StoredCookie],
    caps: &Capabilities,
) -> Option<Difference> {
    let mut unmatched: Vec<&StoredCookie> = subject.iter().collect();
    let mut missing = Vec::new();
    for cookie in model {
        match unmatched.iter().position(|s| same(cookie, s, caps)) {
            Some(i) => {
                unmatched.swap_remove(i);
            }
            None => missing.push(crate::play::describe::cookie(cookie)),
        }
    }
    if missing.is_empty() && unmatched.is_empty() {
        return None;
    }
    Some(Difference::Store {
        missing,
        unexpected: unmatched.into_iter().map(describe_stored).collect(),
    })
}

fn same(m: &Cookie, s: &StoredCookie, caps: &Capabilities) -> bool {
    fn ok<T: PartialEq>(reported: &Option<T>, model: &T) -> bool {
        match reported {
            None => true,
            Some(r) => r == model,
        }
    }
    let same_site_ok = !caps.same_site || ok(&s.same_site, &m.same_site);
    let expires_ok = !caps.clock || !m.persistent || ok(&s.expires, &m.expiry_time);
    m.name == s.name
        && m.value == s.value
        && ok(&s.domain, &m.domain)
        && ok(&s.path, &m.path)
        && ok(&s.host_only, &m.host_only)
        && ok(&s.secure, &m.secure_only)
        && ok(&s.http_only, &m.http_only)
        && ok(&s.persistent, &m.persistent)
        && same_site_ok
        && expires_ok
}

impl FindingKind {
    /// Whether this is a disagreement in what the subject answered (as
    /// opposed to a crash, a hang or garbage).
    pub fn is_mismatch(&self) -> bool {
        matches!(self, FindingKind::Mismatch(_))
    }
}
