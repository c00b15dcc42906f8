//! The retrieval algorithm: which cookies a request carries and in what order
//! (RFC 6265 §5.4, RFC 6265bis §5.8.3), plus the Netscape closest-path rule.

use crate::cookie::Cookie;
use crate::domain::{domain_match, is_public_suffix};
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
    let mut withheld = Vec::new();
    let Some((candidates, chosen)) = select(store, profile, uri, ctx, now, Some(&mut withheld))
    else {
        return Retrieval {
            aborted: Some(Rule::HostNotCanonical),
            evicted,
            ..Retrieval::default()
        };
    };
    let buckets: Vec<&[Cookie]> = candidates.iter().map(|d| store.in_domain(d)).collect();
    let sent: Vec<Cookie> = chosen.iter().map(|&(d, i)| buckets[d][i].clone()).collect();
    let header = (!sent.is_empty()).then(|| serialize(profile, &sent));
    Retrieval {
        header,
        sent,
        withheld,
        aborted: None,
        evicted,
    }
}

/// The cookie-string alone: [`retrieve`]'s `header`, with the same effects
/// on the store (expired cookies swept, last-access-times updated), but
/// without copying the cookies sent, withheld and evicted for explanations.
pub fn retrieve_header(
    store: &mut Store,
    profile: &Profile,
    uri: &RequestUri,
    ctx: &RequestContext,
    now: Time,
) -> Option<Vec<u8>> {
    store.remove_expired(now);
    let (candidates, chosen) = select(store, profile, uri, ctx, now, None)?;
    let buckets: Vec<&[Cookie]> = candidates.iter().map(|d| store.in_domain(d)).collect();
    (!chosen.is_empty())
        .then(|| serialize_each(profile, chosen.iter().map(|&(d, i)| &buckets[d][i])))
}

/// The domains a request can match (host first, then its parents) and the
/// cookie-list as (index into those domains, index in that domain's bucket).
type Selection<'u> = (Vec<&'u str>, Vec<(usize, usize)>);

/// Steps 1–5: the cookie-list in header order, as (candidate domain, index
/// in its bucket) positions, with the last-access-times of those cookies
/// updated; `None` when the host does not canonicalise. The withheld
/// cookies are copied into `withheld` when it is given.
fn select<'u>(
    store: &mut Store,
    profile: &Profile,
    uri: &'u RequestUri,
    ctx: &RequestContext,
    now: Time,
    mut withheld: Option<&mut Vec<Withheld>>,
) -> Option<Selection<'u>> {
    // Steps 1–2: canonicalise the host or abort.
    let host = uri.canonical_host(profile.strict_host_labels)?;
    let secure = is_secure_origin(uri, profile);
    // The only buckets that can hold a match: the host's and its parents'.
    let candidates: Vec<&str> = Store::candidate_domains(host).collect();
    // Step 3: the cookie-list and the withheld.
    let mut chosen: Vec<(usize, usize)> = Vec::new();
    {
        let buckets: Vec<&[Cookie]> = candidates.iter().map(|d| store.in_domain(d)).collect();
        for (d, bucket) in buckets.iter().enumerate() {
            for (i, c) in bucket.iter().enumerate() {
                match exclusion(profile, c, host, uri, secure, ctx) {
                    None => chosen.push((d, i)),
                    Some(rule) => {
                        if let Some(w) = withheld.as_deref_mut() {
                            w.push(Withheld {
                                cookie: c.clone(),
                                rule,
                            });
                        }
                    }
                }
            }
        }
        // Step 4: longer paths first; equal lengths by earlier creation-time
        // (then creation order, the model's tie-break).
        chosen.sort_by(|&(da, ia), &(db, ib)| {
            let (a, b) = (&buckets[da][ia], &buckets[db][ib]);
            b.path
                .len()
                .cmp(&a.path.len())
                .then(a.creation_time.cmp(&b.creation_time))
                .then(a.creation_order.cmp(&b.creation_order))
        });
        // Seed 002: only the closest-path cookie of a name and domain is seen.
        if profile.closest_path_only {
            chosen = keep_closest(chosen, &buckets, withheld);
        }
    }
    // Step 5: update the last-access-time, one bucket at a time.
    for (d, domain) in candidates.iter().enumerate() {
        if !chosen.iter().any(|&(cd, _)| cd == d) {
            continue;
        }
        if let Some(bucket) = store.in_domain_mut(domain) {
            for &(_, i) in chosen.iter().filter(|&&(cd, _)| cd == d) {
                if let Some(stored) = bucket.get_mut(i) {
                    stored.last_access_time = now;
                }
            }
        }
    }
    Some((candidates, chosen))
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
    list: Vec<(usize, usize)>,
    buckets: &[&[Cookie]],
    mut withheld: Option<&mut Vec<Withheld>>,
) -> Vec<(usize, usize)> {
    let mut kept: Vec<(usize, usize)> = Vec::with_capacity(list.len());
    for (d, i) in list {
        let entry = &buckets[d][i];
        let shadowed = kept.iter().any(|&(kd, ki)| {
            let k = &buckets[kd][ki];
            k.domain == entry.domain && k.name.eq_ignore_ascii_case(&entry.name)
        });
        if shadowed {
            if let Some(w) = withheld.as_deref_mut() {
                w.push(Withheld {
                    cookie: entry.clone(),
                    rule: Rule::ShadowedByCloserPath,
                });
            }
        } else {
            kept.push((d, i));
        }
    }
    kept
}

/// Step 6 (6265 step 4): serialise the cookie-list.
pub fn serialize(profile: &Profile, cookies: &[Cookie]) -> Vec<u8> {
    serialize_each(profile, cookies.iter())
}

/// [`serialize`] over references.
fn serialize_each<'c>(
    profile: &Profile,
    cookies: impl Iterator<Item = &'c Cookie> + Clone,
) -> Vec<u8> {
    let mut out = Vec::with_capacity(
        cookies
            .clone()
            .map(|c| c.name.len() + c.value.len() + 3)
            .sum(),
    );
    for (i, c) in cookies.enumerate() {
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
