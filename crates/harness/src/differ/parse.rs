//! Parser-only subjects: every Set-Cookie line of a case, read by the
//! subject and by the model's parser (RFC 6265 §5.2 / bis §5.6) under the
//! subject's profile.
//!
//! A parser sees neither the request URL nor the clock, so before comparing
//! the differ completes the two context-dependent fields of the subject's
//! reading with the model's own functions: Max-Age delta-seconds become an
//! expiry-time (§5.2.2, with bis §5.5's cap), and the cookie-path is
//! compared, not the attribute: a Path that is absent, empty or does not
//! start with `/` means the default-path (§5.2.4, §5.3 step 7).

use super::finding::{Difference, RuleKey};
use super::transcript::{Answer, Transcript};
use super::Stop;
use crate::escape::quoted;
use crate::subject::{Capabilities, ParsedCookie, Subject};
use crate::vectors::{Case, Step};
use cookiecheck_model::path::{default_path_for, request_path};
use cookiecheck_model::set_cookie::{max_age_attribute, parse_set_cookie, SetCookie};
use cookiecheck_model::time::{format_utc, EARLIEST, LATEST};
use cookiecheck_model::{Profile, ProfileId, Rule, Time};

/// Asks the subject to parse every line of `case`.
pub(super) fn record(case: &Case, subject: &mut dyn Subject) -> Result<Transcript, Stop> {
    let mut answers = Vec::with_capacity(case.steps.len());
    for (index, step) in case.steps.iter().enumerate() {
        let answer = match step {
            Step::Set { lines, .. } => {
                let mut read = Vec::with_capacity(lines.len());
                for line in lines {
                    read.push(
                        subject
                            .parse(line)
                            .map_err(|e| Stop::error(Some(index), e))?,
                    );
                }
                Answer::Parsed(read)
            }
            _ => Answer::Nothing,
        };
        answers.push(answer);
    }
    Ok(Transcript { answers })
}

/// The first line the subject read differently from the model's parser
/// under `rules`: its step, the difference and the rule that names it.
pub(crate) fn first_difference(
    case: &Case,
    transcript: &Transcript,
    rules: &Profile,
    caps: &Capabilities,
) -> Option<(usize, Difference, RuleKey)> {
    let mut now = case.start;
    for (index, step) in case.steps.iter().enumerate() {
        match (step, transcript.answers.get(index)) {
            (Step::Advance(s), _) => {
                now = now.saturating_add(Time::try_from(*s).unwrap_or(Time::MAX))
            }
            (Step::Set { url, lines, .. }, Some(Answer::Parsed(read))) => {
                for (line, got) in lines.iter().zip(read) {
                    let model = parse_set_cookie(line, rules, url.path(), now);
                    if let Some((field, expected, actual, rule)) =
                        compare(&model, got.as_ref(), rules, caps, url.path(), now)
                    {
                        let diff = Difference::Parse {
                            line: line.clone(),
                            field: field.to_string(),
                            expected,
                            actual,
                        };
                        return Some((index, diff, rule_key(field, rule, rules.id)));
                    }
                }
            }
            _ => {}
        }
    }
    None
}

/// The field, the model's reading, the subject's, and the rule by which the
/// model ignored the line (when it did).
type Mismatch = (&'static str, String, String, Option<Rule>);

/// `parse-<field>` with the section that defines the field's processing.
fn rule_key(field: &str, rule: Option<Rule>, profile: ProfileId) -> RuleKey {
    if let Some(rule) = rule {
        return RuleKey {
            code: rule.code().to_string(),
            citation: rule.citation(profile).to_string(),
        };
    }
    let bis = profile == ProfileId::Rfc6265bis;
    let section = match (field, bis) {
        ("expires", false) => "RFC 6265 §5.2.1",
        ("expires", true) => "RFC 6265bis §5.6.1",
        ("max-age", false) => "RFC 6265 §5.2.2",
        ("max-age", true) => "RFC 6265bis §5.6.2",
        ("domain", false) => "RFC 6265 §5.2.3",
        ("domain", true) => "RFC 6265bis §5.6.3",
        ("path", false) => "RFC 6265 §5.2.4",
        ("path", true) => "RFC 6265bis §5.6.4",
        ("secure", false) => "RFC 6265 §5.2.5",
        ("secure", true) => "RFC 6265bis §5.6.5",
        ("http-only", false) => "RFC 6265 §5.2.6",
        ("http-only", true) => "RFC 6265bis §5.6.6",
        ("same-site", _) => "RFC 6265bis §5.6.7",
        (_, false) => "RFC 6265 §5.2",
        (_, true) => "RFC 6265bis §5.6",
    };
    RuleKey {
        code: format!("parse-{field}"),
        citation: section.to_string(),
    }
}

/// bis §5.5 (expires step 3–4): the cookie-age-limit applied to an Expires
/// instant the parser read, as the model does on its own reading.
fn capped(t: Time, profile: &Profile, now: Time) -> Time {
    match profile.max_lifetime {
        Some(limit) => t.min(now.saturating_add(limit).min(LATEST)),
        None => t,
    }
}

fn compare(
    model: &Result<SetCookie<'_>, Rule>,
    got: Option<&ParsedCookie>,
    profile: &Profile,
    caps: &Capabilities,
    uri_path: &[u8],
    now: Time,
) -> Option<Mismatch> {
    let (m, s) = match (model, got) {
        (Err(_), None) => return None,
        (Err(rule), Some(_)) => {
            return Some((
                "accepted",
                format!("no (ignored: {})", rule.code()),
                "yes".into(),
                Some(*rule),
            ))
        }
        (Ok(_), None) => {
            return Some(("accepted", "yes".into(), "no (rejected)".into(), None));
        }
        (Ok(m), Some(s)) => (m, s),
    };
    let bytes = |b: &[u8]| quoted(b);
    if m.name != s.name.as_slice() {
        return Some(("name", bytes(m.name), bytes(&s.name), None));
    }
    if m.value != s.value.as_slice() {
        return Some(("value", bytes(m.value), bytes(&s.value), None));
    }
    let time = |t: Option<Time>| t.map_or("none".to_string(), format_utc);
    // The model's instants span 1601..=9999 (`time::EARLIEST..=LATEST`), as
    // Max-Age arithmetic saturates into that range; a parser's instant outside
    // it is read as the nearest bound, the same point in the past or future.
    let s_expires = s
        .expires
        .map(|t| capped(t.clamp(EARLIEST, LATEST), profile, now));
    if m.expires != s_expires {
        return Some(("expires", time(m.expires), time(s_expires), None));
    }
    let s_max_age = s.max_age.and_then(|delta| {
        max_age_attribute(delta.to_string().as_bytes(), profile, now)
            .ok()
            .map(|(t, _)| t)
    });
    if m.max_age != s_max_age {
        return Some(("max-age", time(m.max_age), time(s_max_age), None));
    }
    let s_domain = s.domain.clone();
    if m.domain != s_domain {
        let show = |d: &Option<Vec<u8>>| d.as_deref().map_or("none".into(), bytes);
        return Some(("domain", show(&m.domain), show(&s_domain), None));
    }
    // §5.2.4 and §5.3 step 7: what counts is the cookie-path, which is the
    // default-path both for an absent Path and for one not starting with "/".
    let request = request_path(profile, uri_path);
    let default = default_path_for(profile, &request);
    let m_path = m.path.as_deref().unwrap_or(default);
    let s_path = match s.path.as_deref() {
        Some(p) if p.first() == Some(&b'/') => p,
        _ => default,
    };
    if m_path != s_path {
        return Some(("path", bytes(m_path), bytes(s_path), None));
    }
    if m.secure != s.secure {
        return Some(("secure", m.secure.to_string(), s.secure.to_string(), None));
    }
    if m.http_only != s.http_only {
        let (a, b) = (m.http_only.to_string(), s.http_only.to_string());
        return Some(("http-only", a, b, None));
    }
    if caps.same_site && profile.same_site && m.same_site != s.same_site {
        let show =
            |v: Option<cookiecheck_model::SameSite>| v.map_or("none".into(), |v| v.to_string());
        return Some(("same-site", show(m.same_site), show(s.same_site), None));
    }
    None
}
