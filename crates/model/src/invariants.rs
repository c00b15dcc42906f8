//! Invariants every profile must keep, checked on a jar and on a retrieval.
//! Property tests and the `scenario_model` fuzz target call these; a
//! violation is a bug in the model.

use crate::cookie::Cookie;
use crate::jar::Jar;
use crate::outcome::Retrieval;
use crate::time::Time;
use std::collections::HashSet;

/// Checks the store: no expired cookie remains after a sweep at `now`; at
/// most one cookie per identity (name, domain, host-only under bis, path;
/// names case-insensitive under the Netscape rules); the per-domain and total
/// limits hold.
pub fn check_store(jar: &mut Jar, now: Time) -> Result<(), String> {
    let profile = jar.profile().clone();
    let cookies = jar.cookies(now);
    if let Some(c) = cookies.iter().find(|c| c.is_expired(now)) {
        return Err(format!("expired cookie still stored at {now}: {c}"));
    }
    let mut seen = HashSet::new();
    for c in &cookies {
        let name = if profile.case_insensitive_names {
            c.name.to_ascii_lowercase()
        } else {
            c.name.clone()
        };
        let host_only = profile.host_only_in_key && c.host_only;
        if !seen.insert((name, c.domain.clone(), host_only, c.path.clone())) {
            return Err(format!("two cookies share one identity: {c}"));
        }
    }
    if cookies.len() > profile.limits.total {
        return Err(format!(
            "{} cookies exceed the total limit {}",
            cookies.len(),
            profile.limits.total
        ));
    }
    let mut per_domain = std::collections::HashMap::<&str, usize>::new();
    for c in &cookies {
        *per_domain.entry(c.domain.as_str()).or_default() += 1;
    }
    if let Some((d, n)) = per_domain
        .into_iter()
        .find(|(_, n)| *n > profile.limits.per_domain)
    {
        return Err(format!(
            "{n} cookies for {d} exceed the per-domain limit {}",
            profile.limits.per_domain
        ));
    }
    Ok(())
}

/// Checks a retrieval at `now`: nothing expired is sent, and the order is
/// longer paths first, then earlier creation-time (RFC 6265bis §5.8.3 step 4).
pub fn check_retrieval(r: &Retrieval, now: Time) -> Result<(), String> {
    if let Some(c) = r.sent.iter().find(|c| c.is_expired(now)) {
        return Err(format!("expired cookie sent at {now}: {c}"));
    }
    for pair in r.sent.windows(2) {
        if !in_header_order(&pair[0], &pair[1]) {
            return Err(format!(
                "header order broken: {} before {}",
                pair[0], pair[1]
            ));
        }
    }
    if r.header.is_some() == r.sent.is_empty() {
        return Err("a Cookie header must be sent exactly when cookies are".to_string());
    }
    Ok(())
}

fn in_header_order(a: &Cookie, b: &Cookie) -> bool {
    a.path.len() > b.path.len()
        || (a.path.len() == b.path.len() && a.creation_time <= b.creation_time)
}
