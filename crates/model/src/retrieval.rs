//! The retrieval algorithm: which cookies a request carries and in what order
//! (RFC 6265 §5.4, RFC 6265bis §5.8.3), plus the Netscape closest-path rule.

use crate::cookie::expiry_check_time;
use crate::cookie::Cookie;
use crate::domain::{domain_match, is_listed_public_suffix, is_public_suffix, suffix_domain_match};
use crate::outcome::{Retrieval, Withheld};
use crate::path::{path_match_with, request_path};
use crate::profile::Profile;
use crate::rule::Rule;
use crate::same_site::{may_send, Api, RequestContext, SameSite};
use crate::storage::{expire, is_http_scheme, is_non_http, is_secure_origin};
use crate::store::Store;
use crate::time::Time;
use crate::uri::RequestUri;
use crate::variant::Variant;

/// Computes the cookie-string for `uri` in `ctx` at `now`, updating the
/// last-access-time of the cookies sent (bis §5.8.3 step 5).
pub fn retrieve(
    store: &mut Store,
    profile: &Profile,
    uri: &RequestUri,
    ctx: &RequestContext,
    now: Time,
) -> Retrieval {
    let evicted = expire(store, profile, now);
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
    store.remove_expired(expiry_check_time(profile, now));
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
    let host = uri.canonical_host_for(profile)?;
    let secure = is_secure_origin(uri, profile);
    // The path §5.1.4 compares (decoded by the request-path-percent-decoded variant).
    let path = request_path(profile, uri.path());
    // The only buckets that can hold a match: the host's and its parents'
    // (an IP address's dotted suffixes too under ip-suffix-domain-match).
    let ip_suffixes = profile.has(Variant::IpSuffixDomainMatch);
    let candidates: Vec<&str> = Store::candidate_domains_with(host, ip_suffixes).collect();
    // Step 3: the cookie-list and the withheld.
    let mut chosen: Vec<(usize, usize)> = Vec::new();
    {
        let buckets: Vec<&[Cookie]> = candidates.iter().map(|d| store.in_domain(d)).collect();
        for (d, bucket) in buckets.iter().enumerate() {
            for (i, c) in bucket.iter().enumerate() {
                match exclusion(profile, c, host, &path, uri, secure, ctx, now) {
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
        // (then creation order, the model's tie-break). The store-order
        // variant lists by creation alone, store-order-grouped in the walk
        // order of nested domain, path and name maps, and
        // equal-paths-grouped-by-domain breaks ties in that walk order.
        if profile.has(Variant::StoreOrderGrouped) {
            chosen.sort_by_key(|&(d, i)| store.slots.key(profile, &buckets[d][i]));
        } else if profile.has(Variant::EqualPathsGroupedByDomain) {
            chosen.sort_by_key(|&(d, i)| {
                let c = &buckets[d][i];
                (std::cmp::Reverse(c.path.len()), store.slots.key(profile, c))
            });
        } else if profile.has(Variant::StoreOrder) {
            chosen.sort_by_key(|&(d, i)| {
                let c = &buckets[d][i];
                (c.creation_time, c.creation_order)
            });
        } else {
            chosen.sort_by(|&(da, ia), &(db, ib)| {
                let (a, b) = (&buckets[da][ia], &buckets[db][ib]);
                b.path
                    .len()
                    .cmp(&a.path.len())
                    .then(a.creation_time.cmp(&b.creation_time))
                    .then(a.creation_order.cmp(&b.creation_order))
            });
        }
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

/// Step 3's requirements; `None` when the cookie is included. `path` is
/// the request path as §5.1.4 compares it.
#[allow(clippy::too_many_arguments)]
fn exclusion(
    profile: &Profile,
    c: &Cookie,
    host: &str,
    path: &[u8],
    uri: &RequestUri,
    secure: bool,
    ctx: &RequestContext,
    now: Time,
) -> Option<Rule> {
    // Host-only: identical host; otherwise domain-match. The
    // host-only-to-subdomains variant also lets subdomains of the host match.
    if c.host_only
        && c.domain != host
        && !(profile.has(Variant::HostOnlyToSubdomains) && domain_match(host, &c.domain))
    {
        return Some(Rule::HostOnlyMismatch);
    }
    // The ip-suffix-domain-match variant drops §5.1.3's "not an IP address".
    if !c.host_only
        && !domain_match(host, &c.domain)
        && !ip_suffix_matches(profile, host, &c.domain)
    {
        return Some(Rule::DomainNoMatch);
    }
    // bis: not a public suffix, for user agents that reject them (only a
    // listed one under public-suffix-no-default-rule).
    if profile.reject_public_suffixes
        && !c.host_only
        && is_public_suffix(&c.domain)
        && !only_default_rule_suffix(profile, &c.domain)
    {
        return Some(Rule::PublicSuffixAtRetrieval);
    }
    // Path-match.
    if !path_match_with(profile.path_match, path, &c.path) {
        return Some(Rule::PathNoMatch);
    }
    // Secure-only needs a secure connection.
    if c.secure_only && !secure {
        return Some(Rule::SecureOnly);
    }
    // HttpOnly is hidden from non-HTTP APIs (ws:// and wss:// too under ws-is-non-http).
    if c.http_only && is_non_http(profile, uri, ctx) {
        return Some(Rule::HttpOnlyHidden);
    }
    // The http-schemes-only variant: nothing is sent to ws:// or wss://.
    if profile.has(Variant::HttpSchemesOnly) && !is_http_scheme(uri) {
        return Some(Rule::ByVariant(Variant::HttpSchemesOnly));
    }
    // SameSite enforcement (bis only).
    if profile.same_site
        && !may_send(c.same_site, ctx)
        && !same_site_variant_sends(profile, c, ctx, now)
    {
        return Some(Rule::SameSiteExcluded);
    }
    None
}

/// The ip-suffix-domain-match variant: an IP-address host domain-matches a
/// dotted string suffix (§5.1.3 without "the string is a host name").
fn ip_suffix_matches(profile: &Profile, host: &str, domain: &str) -> bool {
    profile.has(Variant::IpSuffixDomainMatch) && suffix_domain_match(host, domain)
}

/// The public-suffix-no-default-rule variant: a suffix that only the list's
/// implicit "*" rule makes public is not withheld as one.
fn only_default_rule_suffix(profile: &Profile, domain: &str) -> bool {
    profile.has(Variant::PublicSuffixNoDefaultRule) && !is_listed_public_suffix(domain)
}

/// The variants of bis §5.8.3 step 3's SameSite bullet that send a cookie
/// [`may_send`] withholds: same-site-default-none ("Default" is "None") and
/// lax-allowing-unsafe (the "Lax-allowing-unsafe" enforcement of bis §5.8.3
/// step 3, which a user agent MAY apply: a "Default" cookie at most 2 minutes
/// old also goes with a cross-site top-level request of any method).
fn same_site_variant_sends(profile: &Profile, c: &Cookie, ctx: &RequestContext, now: Time) -> bool {
    // The bis text: "a cookie age of 2 minutes or less" is a reasonable limit.
    const LAX_ALLOWING_UNSAFE_AGE: Time = 120;
    if c.same_site != SameSite::Default {
        return false;
    }
    if profile.has(Variant::SameSiteDefaultNone) {
        return true;
    }
    profile.has(Variant::LaxAllowingUnsafe)
        && ctx.api == Api::Http
        && ctx.top_level
        && now.saturating_sub(c.creation_time) <= LAX_ALLOWING_UNSAFE_AGE
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
