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
/// SameSite only for subjects that claim it. Listed domains are compared
/// as hosts ([`listed_domain`]: an IPv6 address with or without brackets,
/// in any spelling, is one domain). Returns the difference, the cookies
/// only the model holds and those only the subject holds.
fn compare_store(
    model: &[Cookie],
    subject: &[StoredCookie],
    caps: &Capabilities,
) -> Option<(Difference, Vec<Cookie>, Vec<StoredCookie>)> {
    let views: Vec<StoredCookie> = subject
        .iter()
        .map(|s| StoredCookie {
            domain: s.domain.as_deref().map(listed_domain),
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
