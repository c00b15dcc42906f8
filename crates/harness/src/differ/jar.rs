//! Playing a case on a jar subject, and comparing its transcript with the
//! model's record of the case.

use super::blame;
use super::finding::{describe_stored, Difference, FindingKind, RuleKey};
use super::order;
use super::transcript::{Answer, Transcript};
use super::Stop;
use crate::play::{CaseResult, StepRecord};
use crate::subject::{Capabilities, StoredCookie, Subject};
use crate::vectors::{Case, Step};
use cookiecheck_model::{Cookie, Time};

/// Plays every step of `case` on `subject` and keeps its answers. Only a
/// subject error stops the play.
pub(super) fn record(
    case: &Case,
    subject: &mut dyn Subject,
    caps: &Capabilities,
) -> Result<Transcript, Stop> {
    subject.reset().map_err(|e| Stop::error(None, e))?;
    let mut now = case.start;
    let mut answers = Vec::with_capacity(case.steps.len());
    for (index, step) in case.steps.iter().enumerate() {
        let at = |e| Stop::error(Some(index), e);
        let answer = match step {
            Step::Set {
                url, lines, ctx, ..
            } => {
                subject.set_cookies(url, lines, ctx, now).map_err(at)?;
                Answer::Nothing
            }
            Step::Get { url, ctx, .. } => {
                let header = subject.cookie_header(url, ctx, now).map_err(at)?;
                Answer::Header(header.unwrap_or_default())
            }
            Step::Advance(seconds) => {
                now = now.saturating_add(Time::try_from(*seconds).unwrap_or(Time::MAX));
                subject.advance_to(now).map_err(at)?;
                Answer::Nothing
            }
            Step::EndSession => {
                subject.end_session().map_err(at)?;
                Answer::Nothing
            }
            Step::Reload => {
                subject.reload(now).map_err(at)?;
                Answer::Nothing
            }
            // Subjects that cannot list their cookies are compared on their
            // `get` steps only (capabilities::needs).
            Step::Store(_) if !caps.list_cookies => Answer::Nothing,
            Step::Store(_) => Answer::Store(subject.cookies(now).map_err(at)?),
        };
        answers.push(answer);
    }
    Ok(Transcript { answers })
}

/// How a transcript stands against one record of the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Agreement {
    /// Every answer equals the model's.
    Same,
    /// Equal but for the order of cookies the specifications leave open
    /// (equal path length and creation-time).
    TiesOnly,
    /// The first step whose answer differs.
    Differs(usize),
    /// The model's record stops before this step (it panicked).
    ModelMissing(usize),
}

/// Compares `transcript` with the model's `record`, step by step.
pub(crate) fn agreement(
    record: &CaseResult,
    transcript: &Transcript,
    caps: &Capabilities,
) -> Agreement {
    let mut ties = false;
    for (index, answer) in transcript.answers.iter().enumerate() {
        let model = record.steps.get(index);
        match answer {
            Answer::Nothing | Answer::Parsed(_) => {}
            Answer::Header(actual) => {
                let Some(StepRecord::Get(r)) = model else {
                    return Agreement::ModelMissing(index);
                };
                if actual.as_slice() != r.header_bytes() {
                    if !order::ties_only(r, actual) {
                        return Agreement::Differs(index);
                    }
                    ties = true;
                }
            }
            Answer::Store(actual) => {
                let Some(StepRecord::Store { cookies, .. }) = model else {
                    return Agreement::ModelMissing(index);
                };
                if !store_agrees(cookies, actual, caps) {
                    return Agreement::Differs(index);
                }
            }
        }
    }
    if ties {
        Agreement::TiesOnly
    } else {
        Agreement::Same
    }
}

/// The difference at step `index` (where [`agreement`] found one) and the
/// rule the model's record blames for it.
pub(crate) fn difference(
    case: &Case,
    record: &CaseResult,
    transcript: &Transcript,
    caps: &Capabilities,
    index: usize,
) -> Option<(Difference, RuleKey)> {
    match (transcript.answers.get(index)?, record.steps.get(index)?) {
        (Answer::Header(actual), StepRecord::Get(r)) => {
            let expected = r.header_bytes().to_vec();
            let rule = blame::header_rule(case, record, index, &expected, actual);
            Some((
                Difference::Header {
                    expected,
                    actual: actual.clone(),
                },
                rule,
            ))
        }
        (Answer::Store(actual), StepRecord::Store { cookies, .. }) => {
            let (diff, model_only, subject_only) = compare_store(cookies, actual, caps)?;
            let rule = blame::store_rule(case, record, index, &subject_only, &model_only);
            Some((diff, rule))
        }
        _ => None,
    }
}

/// The model's cookies against the subject's, as sets, on the fields the
/// subject reports: the same one-to-one matching as a vector's `store` step
/// (`play::compare::compare_set`), with the subject's views as the partial
/// side. Expiry-times are compared only for subjects on the virtual clock,
/// SameSite only for subjects that claim it. Listed domains are compared
/// as hosts ([`listed_domain`]: an IPv6 address with or without brackets,
/// in any spelling, is one domain). Returns the difference, the cookies
/// only the model holds and those only the subject holds.
fn compare_store(
    model: &[Cookie],
    subject: &[StoredCookie],
    caps: &Capabilities,
) -> Option<(Difference, Vec<Cookie>, Vec<StoredCookie>)> {
    let views = comparable(subject, caps);
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

/// Whether [`compare_store`] finds no difference (without describing one).
fn store_agrees(model: &[Cookie], subject: &[StoredCookie], caps: &Capabilities) -> bool {
    model.len() == subject.len()
        && crate::play::compare::set_equal(&comparable(subject, caps), model)
}

/// The subject's cookies on the fields it is compared on.
fn comparable(subject: &[StoredCookie], caps: &Capabilities) -> Vec<StoredCookie> {
    subject
        .iter()
        .map(|s| StoredCookie {
            domain: s.domain.as_deref().map(listed_domain),
            same_site: s.same_site.filter(|_| caps.same_site),
            expires: s.expires.filter(|_| caps.clock),
            ..s.clone()
        })
        .collect()
}

/// A listed domain in the model's spelling: an IPv6 address (`::1`,
/// `[::1]`, `[0:0::1]`) becomes `[::1]`, as the model writes the host of
/// an IPv6 URL (`RequestUri::host`); how a jar lists an address is a
/// listing choice, not a cookie rule. Other domains are left as they are.
fn listed_domain(domain: &str) -> String {
    let bare = domain
        .strip_prefix('[')
        .and_then(|d| d.strip_suffix(']'))
        .unwrap_or(domain);
    match bare.parse::<std::net::Ipv6Addr>() {
        Ok(ip) => format!("[{ip}]"),
        Err(_) => domain.to_string(),
    }
}

impl FindingKind {
    /// Whether this is a disagreement in what the subject answered (as
    /// opposed to a crash, a hang or garbage).
    pub fn is_mismatch(&self) -> bool {
        matches!(self, FindingKind::Mismatch(_))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cookiecheck_model::{Jar, Profile, ProfileId, RequestContext, RequestUri};

    #[test]
    fn an_ipv6_domain_is_listed_with_or_without_brackets() {
        let uri = RequestUri::parse("http://[::1]/").expect("valid URL");
        let mut jar = Jar::new(Profile::rfc6265bis());
        jar.set_cookie(&uri, b"a=1", &RequestContext::default(), 0);
        let model = jar.cookies(0);
        assert_eq!(model[0].domain, "[::1]");
        let caps = Capabilities::full(ProfileId::Rfc6265bis);
        let listed = |domain: &str| StoredCookie {
            name: b"a".to_vec(),
            value: b"1".to_vec(),
            domain: Some(domain.to_string()),
            ..StoredCookie::default()
        };
        for same in ["[::1]", "::1", "0:0:0:0:0:0:0:1", "[0::1]"] {
            assert!(
                compare_store(&model, &[listed(same)], &caps).is_none(),
                "{same}"
            );
        }
        for other in ["::2", "[::2]", "localhost", "1"] {
            assert!(
                compare_store(&model, &[listed(other)], &caps).is_some(),
                "{other}"
            );
        }
        assert_eq!(listed_domain("example.com"), "example.com");
        assert_eq!(listed_domain("[not-an-ip]"), "[not-an-ip]");
    }
}
