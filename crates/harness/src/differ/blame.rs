//! Which rule a finding is grouped under.
//!
//! For a Cookie header that differs, the pairs the subject sent that the
//! model did not (extra) and those the model sent that the subject did not
//! (missing) are compared:
//!
//! 1. same pairs in another order: `cookie-order` (RFC 6265 §5.4 step 2);
//! 2. an extra pair: the rule by which the model kept it out — withheld at
//!    this retrieval, ignored when it was set, or evicted;
//! 3. a missing pair: the note the model made on the line that stored it
//!    (an attribute it ignored or adjusted), or `replaced` when that line
//!    replaced an older cookie;
//! 4. otherwise the case's first citation (`cites rfc6265:5.1.4`).
//!
//! A store difference is blamed the same way (2 for cookies only the
//! subject holds, 3 for cookies only the model holds).

use super::finding::RuleKey;
use crate::cookie_view::CookieView;
use crate::play::{CaseResult, StepRecord};
use crate::vectors::{Case, Step};
use cookiecheck_model::domain::domain_match;
use cookiecheck_model::set_cookie::trim_wsp;
use cookiecheck_model::{Cookie, ProfileId, RequestUri, Rule};

/// The rule for a header difference at step `index`.
pub(super) fn header_rule(
    case: &Case,
    record: &CaseResult,
    index: usize,
    expected: &[u8],
    actual: &[u8],
) -> RuleKey {
    let profile = record.profile;
    let mut want = pairs(expected);
    let mut got = pairs(actual);
    want.sort();
    got.sort();
    if want == got {
        return RuleKey {
            code: "cookie-order".into(),
            citation: "RFC 6265 §5.4 step 2".into(),
        };
    }
    // Multiset differences: a pair sent twice by one side and once by the
    // other is one missing (or extra) pair.
    let extra = minus(&got, &want);
    let missing = minus(&want, &got);
    if let Some(rule) = extra
        .iter()
        .find_map(|p| why_not_sent(case, record, index, name_of(p), None))
    {
        return key(rule, profile);
    }
    if let Some(rule) = missing
        .iter()
        .find_map(|p| why_stored(record, index, name_of(p)))
    {
        return key(rule, profile);
    }
    fallback(case)
}

/// The rule for a store difference at step `index`. `subject_only` are
/// the cookies the subject holds and the model does not, `model_only` the
/// reverse.
///
/// 1. A cookie of the same name on both sides is one cookie read two ways:
///    the first field that differs names the group (`persistent-differs`,
///    `secure-differs`, …), with the citation of the storage model.
/// 2. A cookie only the subject holds: why the model kept it out.
/// 3. A cookie only the model holds: what the model noted on the line
///    that stored it (or that line's decision).
pub(super) fn store_rule(
    case: &Case,
    record: &CaseResult,
    index: usize,
    subject_only: &[CookieView],
    model_only: &[Cookie],
) -> RuleKey {
    let profile = record.profile;
    for m in model_only {
        if let Some(s) = subject_only.iter().find(|s| s.name == m.name) {
            if let Some(field) = first_difference(m, s) {
                return RuleKey {
                    code: format!("{field}-differs"),
                    citation: Rule::Stored.citation(profile).to_string(),
                };
            }
        }
    }
    if let Some(rule) = subject_only
        .iter()
        .find_map(|c| why_not_sent(case, record, index, &c.name, c.domain.as_deref()))
    {
        return key(rule, profile);
    }
    if let Some(rule) = model_only
        .iter()
        .find_map(|c| why_stored_cookie(record, index, c))
    {
        return key(rule, profile);
    }
    fallback(case)
}

/// The first field the subject states that differs from the model's cookie.
fn first_difference(m: &Cookie, s: &CookieView) -> Option<&'static str> {
    let differs = |stated: Option<bool>, model: bool| stated.is_some_and(|v| v != model);
    if s.value != m.value {
        Some("value")
    } else if s.domain.as_ref().is_some_and(|d| *d != m.domain) {
        Some("domain")
    } else if s.path.as_ref().is_some_and(|p| *p != m.path) {
        Some("path")
    } else if differs(s.host_only, m.host_only) {
        Some("host-only")
    } else if differs(s.persistent, m.persistent) {
        Some("persistent")
    } else if differs(s.secure, m.secure_only) {
        Some("secure")
    } else if differs(s.http_only, m.http_only) {
        Some("http-only")
    } else if s.same_site.is_some_and(|v| v != m.same_site) {
        Some("same-site")
    } else if s
        .expires
        .is_some_and(|e| !m.persistent || e != m.expiry_time)
    {
        Some("expires")
    } else {
        None
    }
}

/// What the model noted on the line that stored `cookie` (the same name,
/// value, domain and path), or that line's decision.
fn why_stored_cookie(record: &CaseResult, index: usize, cookie: &Cookie) -> Option<Rule> {
    for step in record.steps[..index.min(record.steps.len())].iter().rev() {
        if let StepRecord::Set(reports) = step {
            for report in reports.iter().rev() {
                let Some(c) = &report.cookie else {
                    continue;
                };
                if (&c.name, &c.value, &c.domain, &c.path)
                    == (&cookie.name, &cookie.value, &cookie.domain, &cookie.path)
                {
                    return Some(telling_note(report));
                }
            }
        }
    }
    None
}

/// The note most likely to explain a difference: the first one, passing
/// over ignored unknown attributes when the line has other notes (ignoring
/// an unknown attribute is what almost every jar does too), else the
/// line's decision (stored, or replaced an older cookie).
fn telling_note(report: &cookiecheck_model::StoreReport) -> Rule {
    report
        .notes
        .iter()
        .find(|n| n.rule != Rule::UnknownAttribute)
        .or(report.notes.first())
        .map_or(report.decision, |n| n.rule)
}

/// The case's first citation.
pub(super) fn fallback(case: &Case) -> RuleKey {
    let cite = case
        .cites
        .first()
        .map(ToString::to_string)
        .unwrap_or_else(|| "(no citation)".into());
    RuleKey {
        code: format!("cites {cite}"),
        citation: "the vector's citation".into(),
    }
}

fn key(rule: Rule, profile: ProfileId) -> RuleKey {
    RuleKey {
        code: rule.code().to_string(),
        citation: rule.citation(profile).to_string(),
    }
}

/// The elements of `a` left after removing one match in `b` for each element of `b`.
fn minus<'a>(a: &[&'a [u8]], b: &[&[u8]]) -> Vec<&'a [u8]> {
    let mut rest: Vec<&[u8]> = b.to_vec();
    let mut out = Vec::new();
    for p in a {
        match rest.iter().position(|q| q == p) {
            Some(i) => {
                rest.swap_remove(i);
            }
            None => out.push(*p),
        }
    }
    out
}

/// The `name=value` pairs of a cookie-string (`; `-separated).
fn pairs(header: &[u8]) -> Vec<&[u8]> {
    if header.is_empty() {
        return Vec::new();
    }
    header.split(|&b| b == b';').map(trim_wsp).collect()
}

fn name_of(pair: &[u8]) -> &[u8] {
    match pair.iter().position(|&b| b == b'=') {
        Some(i) => trim_wsp(&pair[..i]),
        None => b"",
    }
}

/// The name of the cookie a Set-Cookie line sets (as the model would read it).
fn line_name(line: &[u8]) -> &[u8] {
    let pair = line.split(|&b| b == b';').next().unwrap_or(line);
    name_of(pair)
}

/// Why the model did not send a cookie named `name` at step `index`.
fn why_not_sent(
    case: &Case,
    record: &CaseResult,
    index: usize,
    name: &[u8],
    domain: Option<&str>,
) -> Option<Rule> {
    if let Some(StepRecord::Get(r)) = record.steps.get(index) {
        if let Some(w) = r.withheld.iter().find(|w| w.cookie.name == name) {
            return Some(w.rule);
        }
    }
    // Latest first: the last thing that happened to a cookie of that name.
    for i in (0..index.min(record.steps.len())).rev() {
        match (&case.steps[i], &record.steps[i]) {
            (Step::Set { lines, url, .. }, StepRecord::Set(reports)) => {
                let could_set = could_set(url, domain);
                for (line, report) in lines.iter().zip(reports).rev() {
                    if let Some(e) = report.evicted.iter().find(|e| e.cookie.name == name) {
                        return Some(e.rule);
                    }
                    if could_set && line_name(line) == name && !report.accepted() {
                        return Some(report.decision);
                    }
                }
            }
            (_, StepRecord::Advance { evicted, .. } | StepRecord::EndSession(evicted)) => {
                if let Some(e) = evicted.iter().find(|e| e.cookie.name == name) {
                    return Some(e.rule);
                }
            }
            _ => {}
        }
    }
    None
}

/// Whether a line received from `url` could have given a cookie for
/// `domain` (unknown: yes): only when the request host domain-matches it
/// (RFC 6265bis §5.7 step 10), so a rejected line of the same name from an
/// unrelated host is not blamed for a cookie the subject holds.
fn could_set(url: &RequestUri, domain: Option<&str>) -> bool {
    let Some(domain) = domain else {
        return true;
    };
    let domain = domain.to_ascii_lowercase();
    [true, false]
        .iter()
        .filter_map(|&strict| url.canonical_host(strict))
        .chain([url.host()])
        .any(|host| domain_match(host, &domain))
}

/// What the model noted on the line that stored the cookie named `name`.
fn why_stored(record: &CaseResult, index: usize, name: &[u8]) -> Option<Rule> {
    for step in record.steps[..index.min(record.steps.len())].iter().rev() {
        if let StepRecord::Set(reports) = step {
            for report in reports.iter().rev() {
                let Some(cookie) = &report.cookie else {
                    continue;
                };
                if cookie.name != name {
                    continue;
                }
                // The first attribute the model ignored or adjusted, else
                // the decision itself (stored, or replaced an older cookie).
                return Some(telling_note(report));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::could_set;
    use cookiecheck_model::RequestUri;

    fn uri(s: &str) -> RequestUri {
        RequestUri::parse(s).expect("a test URL")
    }

    #[test]
    fn a_line_can_only_explain_a_cookie_for_a_domain_its_host_domain_matches() {
        // A host sets cookies for itself and the domains above it.
        assert!(could_set(
            &uri("http://www.example.com/"),
            Some("example.com")
        ));
        assert!(could_set(
            &uri("http://www.example.com/"),
            Some("WWW.example.com")
        ));
        assert!(could_set(
            &uri("http://bücher.example/"),
            Some("xn--bcher-kva.example")
        ));
        // Never for a child or an unrelated host.
        assert!(!could_set(
            &uri("https://example/"),
            Some("xn--bcher-kva.example")
        ));
        assert!(!could_set(
            &uri("http://example.com/"),
            Some("www.example.com")
        ));
        assert!(!could_set(&uri("http://example.org/"), Some("example.com")));
        // Without a domain nothing rules a line out.
        assert!(could_set(&uri("http://example.org/"), None));
    }
}
