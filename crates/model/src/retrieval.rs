//! The retrieval algorithm: which cookies a request carries and in what order
//! (RFC 6265 §5.4, RFC 6265bis §5.8.3), plus the Netscape closest-path rule.

use crate::cookie::Cookie;
use crate::domain::{canonicalize_host, domain_match, is_public_suffix};
use crate::outcome::{Retrieval, Withheld};
use crate::path::path_match_with;
use crate::profile::Profile;
use crate::rule::Rule;
use crate::same_site::{may_send, Api, RequestContext};
use crate::storage::{expire, is_secure_origin};
use crate::store::Store;
use crate::time::Time;
use crate::uri::RequestUri;

/// Computes the cookie-string for `uri` in `ctx` at `now`, updating the
/// last-access-time of the cookies sent (bis §5.8.3 step 5).
pub fn retrieve(
    store: &mut Store,
    profile: &Profile,
    uri: &RequestUri,
    ctx: &RequestContext,
    now: Time,
) -> Retrieval {
    let evicted = expire(store, now);
    // Steps 1–2: canonicalise the host or abort.
    let Some(host) = canonicalize_host(uri.host(), profile.strict_host_labels) else {
        return Retrieval {
            aborted: Some(Rule::HostNotCanonical),
            evicted,
            ..Retrieval::default()
        };
    };
    let secure = is_secure_origin(uri, profile);
    // Step 3: the cookie-list, as (domain, index) positions, plus the withheld.
    let mut chosen: Vec<(String, usize)> = Vec::new();
    let mut withheld = Vec::new();
    for domain in Store::candidate_domains(&host) {
        for (i, c) in store.in_domain(domain).iter().enumerate() {
            match exclusion(profile, c, &host, uri, secure, ctx) {
                None => chosen.push((domain.to_string(), i)),
                Some(rule) => withheld.push(Withheld {
                    cookie: c.clone(),
                    rule,
                }),
            }
        }
    }
    let mut list: Vec<(Cookie, String, usize)> = chosen
        .into_iter()
        .map(|(d, i)| (store.in_domain(&d)[i].clone(), d, i))
        .collect();
    // Step 4: longer paths first; equal lengths by earlier creation-time
    // (then creation order, the model's tie-break).
    list.sort_by(|(a, ..), (b, ..)| {
        b.path
            .len()
            .cmp(&a.path.len())
            .then(a.creation_time.cmp(&b.creation_time))
            .then(a.creation_order.cmp(&b.creation_order))
    });
    // Seed 002: only the closest-path cookie of a name and domain is seen.
    if profile.closest_path_only {
        list = keep_closest(list, &mut withheld);
    }
    // Step 5: update the last-access-time.
    for (cookie, domain, i) in &mut list {
        cookie.last_access_time = now;
        if let Some(stored) = store.in_domain_mut(domain).and_then(|b| b.get_mut(*i)) {
            stored.last_access_time = now;
        }
    }
    let sent: Vec<Cookie> = list.into_iter().map(|(c, ..)| c).collect();
    let header = (!sent.is_empty()).then(|| serialize(profile, &sent));
    Retrieval {
        header,
        sent,
        withheld,
        aborted: None,
        evicted,
    }
}

/// Step 3's requirements; `None` when the cookie is included.
fn exclusion(
    profile: &Profile,
    c: &Cookie,
    host: &str,
    uri: &RequestUri,
    secure: bool,
    ctx: &RequestContext,
) -> Option<Rule> {
    // Host-only: identical host; otherwise domain-match.
    if c.host_only && c.domain != host {
        return Some(Rule::HostOnlyMismatch);
    }
    if !c.host_only && !domain_match(host, &c.domain) {
        return Some(Rule::DomainNoMatch);
    }
    // bis: not a public suffix, for user agents that reject them.
    if profile.reject_public_suffixes && !c.host_only && is_public_suffix(&c.domain) {
        return Some(Rule::PublicSuffixAtRetrieval);
    }
    // Path-match.
    if !path_match_with(profile.path_match, uri.path(), &c.path) {
        return Some(Rule::PathNoMatch);
    }
    // Secure-only needs a secure connection.
    if c.secure_only && !secure {
        return Some(Rule::SecureOnly);
    }
    // HttpOnly is hidden from non-HTTP APIs.
    if c.http_only && ctx.api == Api::NonHttp {
        return Some(Rule::HttpOnlyHidden);
    }
    // SameSite enforcement (bis only).
    if profile.same_site && !may_send(c.same_site, ctx) {
        return Some(Rule::SameSiteExcluded);
    }
    None
}

/// Seed 002: of the cookies sharing a name (case-insensitive) and domain,
/// keep the first in header order, i.e. the closest path.
fn keep_closest(
    list: Vec<(Cookie, String, usize)>,
    withheld: &mut Vec<Withheld>,
) -> Vec<(Cookie, String, usize)> {
    let mut kept: Vec<(Cookie, String, usize)> = Vec::with_capacity(list.len());
    for entry in list {
        let shadowed = kept.iter().any(|(k, ..)| {
            k.domain == entry.0.domain && k.name.eq_ignore_ascii_case(&entry.0.name)
        });
        if shadowed {
            withheld.push(Withheld {
                cookie: entry.0,
                rule: Rule::ShadowedByCloserPath,
            });
        } else {
            kept.push(entry);
        }
    }
    kept
}

/// Step 6 (6265 step 4): serialise the cookie-list.
pub fn serialize(profile: &Profile, cookies: &[Cookie]) -> Vec<u8> {
    let mut out = Vec::with_capacity(
        cookies
            .iter()
            .map(|c| c.name.len() + c.value.len() + 3)
            .sum(),
    );
    for (i, c) in cookies.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(b"; ");
        }
        // bis: a nameless cookie contributes only its value; RFC 6265 always
        // writes "name=" (its cookies always have a name).
        if !c.name.is_empty() || !profile.nameless {
            out.extend_from_slice(&c.name);
            out.push(b'=');
        }
        out.extend_from_slice(&c.value);
    }
    out
}
