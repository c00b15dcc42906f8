//! The storage model: "receive a cookie" (RFC 6265 §5.3, RFC 6265bis §5.7),
//! step by step. Step numbers are bis's; the RFC 6265 step is named where it
//! differs.

use crate::cookie::{expiry_check_time, Cookie};
use crate::domain::{
    canonicalize_host, domain_match, is_ip_address, is_listed_public_suffix, is_public_suffix,
    netscape_enough_dots, registrable_domain, suffix_domain_match,
};
use crate::limits::remove_excess;
use crate::outcome::{Evicted, StoreReport};
use crate::path::{default_path_for, path_match, request_path, strip_trailing_slash};
use crate::prefixes::check_prefixes;
use crate::profile::Profile;
use crate::rule::Rule;
use crate::same_site::{may_set, Api, RequestContext, SameSite};
use crate::set_cookie::{domain_attributes, parse_set_cookie, SetCookie};
use crate::store::Store;
use crate::time::{Time, LATEST};
use crate::uri::RequestUri;
use crate::variant::Variant;

/// Whether the request-uri denotes a "secure" connection under `profile`:
/// `https`/`wss`, and in bis also potentially trustworthy hosts.
pub fn is_secure_origin(uri: &RequestUri, profile: &Profile) -> bool {
    // The wss-not-secure variant: only https is a secure protocol.
    (uri.has_secure_scheme() && !(profile.has(Variant::WssNotSecure) && uri.scheme() == "wss"))
        || (profile.trustworthy_is_secure && crate::domain::is_trustworthy_host(uri.host()))
        || (profile.has(Variant::LoopbackIsSecure) && is_loopback_host(uri.host()))
        || (profile.has(Variant::LoopbackIsSecureExact)
            && matches!(uri.host(), "localhost" | "127.0.0.1" | "[::1]"))
}

/// The `loopback-is-secure` hosts: `localhost` as written, any 127.0.0.0/8
/// address and `[::1]`.
fn is_loopback_host(host: &str) -> bool {
    host == "localhost"
        || host == "[::1]"
        || host
            .parse::<std::net::Ipv4Addr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// Whether the request counts as a non-HTTP API (RFC 6265 §5.3 step 10,
/// bis §5.7 step 15 and step 23.2): a non-HTTP context, or with the
/// `ws-is-non-http` variant a ws:// or wss:// request.
pub(crate) fn is_non_http(profile: &Profile, uri: &RequestUri, ctx: &RequestContext) -> bool {
    ctx.api == Api::NonHttp
        || (profile.has(Variant::WsIsNonHttp) && matches!(uri.scheme(), "ws" | "wss"))
}

/// Whether the request-uri's scheme is `http` or `https` (the
/// `http-schemes-only` variant takes no part in cookies for any other).
pub(crate) fn is_http_scheme(uri: &RequestUri) -> bool {
    matches!(uri.scheme(), "http" | "https")
}

/// Receives one Set-Cookie line (or non-HTTP write) from `uri` at `now`.
pub fn receive(
    store: &mut Store,
    profile: &Profile,
    uri: &RequestUri,
    line: &[u8],
    ctx: &RequestContext,
    now: Time,
) -> StoreReport {
    // "Evict all expired cookies … at any time": before anything else.
    let mut evicted = expire(store, profile, now);
    // The http-schemes-only variant: only http and https requests set cookies.
    if profile.has(Variant::HttpSchemesOnly) && !is_http_scheme(uri) {
        return StoreReport::ignored(
            Rule::ByVariant(Variant::HttpSchemesOnly),
            Vec::new(),
            evicted,
        );
    }
    let parsed = match parse_set_cookie(line, profile, uri.path(), now) {
        Ok(p) => p,
        Err(rule) => return StoreReport::ignored(rule, Vec::new(), evicted),
    };
    let mut cookie = match create(store, profile, uri, &parsed, line, ctx, now) {
        Ok(c) => c,
        Err(rule) => return StoreReport::ignored(rule, parsed.notes, evicted),
    };
    // Step 23: replace a cookie with the same identity.
    let mut replaced = false;
    if let Some(i) = find_identity(store, profile, &cookie) {
        let old = &store.in_domain(&cookie.domain)[i];
        // Step 23.2 (6265 step 11.2): non-HTTP APIs may not overwrite HttpOnly.
        if is_non_http(profile, uri, ctx) && old.http_only {
            return StoreReport::ignored(Rule::HttpOnlyOverwrite, parsed.notes, evicted);
        }
        // Step 23.3: keep the old creation-time (and creation order).
        cookie.creation_time = old.creation_time;
        cookie.creation_order = old.creation_order;
        // Step 23.4: remove the old cookie.
        let domain = cookie.domain.clone();
        store.remove(&domain, i);
        replaced = true;
    } else {
        cookie.creation_order = store.take_order();
    }
    // A cookie that is already expired would be evicted at once: it is not kept.
    if cookie.is_expired_for(profile, now) {
        return StoreReport {
            decision: Rule::ExpiredOnArrival,
            replaced,
            cookie: None,
            notes: parsed.notes,
            evicted,
        };
    }
    // Step 24: insert, then remove excess cookies. A jar of nested maps
    // (the walk-order variants) takes the cookie's slots now.
    if crate::slots::walks(profile) {
        store.slots.claim(profile, &cookie);
    }
    let domain = cookie.domain.clone();
    store.insert(cookie.clone());
    evicted.extend(remove_excess(store, profile, &domain));
    let kept = !evicted.iter().any(|e| {
        e.cookie.creation_order == cookie.creation_order && e.cookie.domain == cookie.domain
    });
    let decision = if replaced {
        Rule::Replaced
    } else {
        Rule::Stored
    };
    StoreReport {
        decision: if kept {
            decision
        } else {
            evicted.last().map_or(decision, |e| e.rule)
        },
        replaced,
        cookie: kept.then_some(cookie),
        notes: parsed.notes,
        evicted,
    }
}

/// Sweeps expired cookies, as evictions ("expired" under `profile`, see
/// [`expiry_check_time`]).
pub(crate) fn expire(store: &mut Store, profile: &Profile, now: Time) -> Vec<Evicted> {
    store
        .remove_expired(expiry_check_time(profile, now))
        .into_iter()
        .map(|cookie| Evicted {
            cookie,
            rule: Rule::EvictedExpired,
        })
        .collect()
}

/// Steps 2–22: builds the new cookie or names the rule that ignores it.
fn create(
    store: &Store,
    profile: &Profile,
    uri: &RequestUri,
    p: &SetCookie<'_>,
    line: &[u8],
    ctx: &RequestContext,
    now: Time,
) -> Result<Cookie, Rule> {
    // Step 2: empty name and empty value.
    if p.name.is_empty() && p.value.is_empty() {
        return Err(Rule::EmptyNameAndValue);
    }
    // Steps 3–4 were enforced while parsing (bis §5.6 steps 1 and 5).
    // Step 6: expiry (Max-Age wins over Expires; otherwise a session cookie).
    let (persistent, expiry_time) = match (p.max_age, p.expires) {
        (Some(t), _) | (None, Some(t)) => (true, t),
        (None, None) => (false, LATEST),
    };
    // Steps 7–10: the domain.
    let (domain, host_only) = cookie_domain(profile, uri, p)?;
    // Step 7 (6265 step 4), every-domain-checked: the earlier Domain
    // attributes of the line must domain-match the host too.
    if profile.has(Variant::EveryDomainChecked) && !every_domain_matches(profile, uri, line) {
        return Err(Rule::ByVariant(Variant::EveryDomainChecked));
    }
    // Step 11: the path (last Path attribute, else the default-path).
    // The default-path-keeps-slash and request-path-percent-decoded variants
    // change the default-path (RFC 6265 §5.1.4) here.
    let mut path = p
        .path
        .clone()
        .unwrap_or_else(|| default_path_for(profile, &request_path(profile, uri.path())).to_vec());
    // The path-trailing-slash-stripped variant (RFC 6265 §5.1.4, §5.2.4).
    if profile.has(Variant::PathTrailingSlashStripped) {
        strip_trailing_slash(&mut path);
    }
    // Step 12: secure-only-flag.
    let secure_origin = is_secure_origin(uri, profile);
    // Step 13: a Secure cookie needs a secure origin (bis).
    if profile.secure_needs_secure_origin && p.secure && !secure_origin {
        return Err(Rule::SecureFromInsecureOrigin);
    }
    // Steps 14–15 (6265 steps 9–10): HttpOnly from a non-HTTP API.
    if p.http_only && is_non_http(profile, uri, ctx) {
        return Err(Rule::HttpOnlyFromNonHttp);
    }
    // Step 16: Strict Secure.
    if profile.strict_secure
        && !p.secure
        && !secure_origin
        && shadows_secure(store, profile, p.name, &domain, &path)
    {
        return Err(Rule::StrictSecure);
    }
    // Steps 17–19: SameSite.
    let same_site = if profile.same_site {
        p.same_site.unwrap_or_default()
    } else {
        SameSite::Default
    };
    if profile.same_site {
        // Step 18. The same-site-default-none variant treats "Default" as
        // "None", which any context may set.
        if !may_set(same_site, ctx) && !default_is_none(profile, same_site) {
            return Err(Rule::SameSiteCrossSiteSet);
        }
        // Step 19 (skipped by the same-site-none-insecure-allowed variant).
        if same_site == SameSite::None
            && !p.secure
            && !profile.has(Variant::SameSiteNoneInsecureAllowed)
        {
            return Err(Rule::SameSiteNoneInsecure);
        }
    }
    // Steps 20–22: prefixes.
    if profile.prefixes {
        check_prefixes(profile, p, line, host_only, &path)?;
    }
    Ok(Cookie {
        name: p.name.to_vec(),
        value: p.value.to_vec(),
        domain,
        path,
        // Step 5.
        creation_time: now,
        last_access_time: now,
        expiry_time,
        persistent,
        host_only,
        secure_only: p.secure,
        http_only: p.http_only,
        same_site,
        creation_order: 0,
        secure_on_save: p.secure_on_save,
    })
}

/// The same-site-default-none variant of step 18: a "Default" cookie is
/// treated as "None", which any context may set.
fn default_is_none(profile: &Profile, same_site: SameSite) -> bool {
    profile.has(Variant::SameSiteDefaultNone) && same_site == SameSite::Default
}

/// Steps 7–10 (6265 steps 4–6): the cookie's domain and host-only-flag.
fn cookie_domain(
    profile: &Profile,
    uri: &RequestUri,
    p: &SetCookie<'_>,
) -> Result<(String, bool), Rule> {
    let host = uri
        .canonical_host_for(profile)
        .ok_or(Rule::HostNotCanonical)?;
    // Step 7: the last Domain attribute, else the empty string.
    let attribute: &[u8] = p.domain.as_deref().unwrap_or(b"");
    // Variants of steps 8–10 decide apart (see `domain_variant`).
    if let Some(decided) = domain_variant(profile, uri, p, host, attribute) {
        return decided;
    }
    // Step 8: only CHAR (ASCII) octets.
    if !attribute.is_ascii() {
        return Err(if profile.reject_non_ascii_domain {
            Rule::NonAsciiDomain
        } else {
            Rule::DomainMismatch
        });
    }
    // ASCII was just checked, so this conversion is lossless.
    let mut domain = String::from_utf8_lossy(attribute).into_owned();
    // Seed 002: the Netscape dot rule and the leading dot of partial domains.
    if profile.netscape_domain_rules && !domain.is_empty() {
        let sent = p.domain_as_sent.unwrap_or(attribute);
        if !netscape_enough_dots(sent) {
            return Err(Rule::NetscapeDomainDots);
        }
        if !sent.starts_with(b".") && domain != host {
            return Err(Rule::NetscapeDomainLeadingDot);
        }
    }
    // Step 9 (6265 step 5): public suffixes.
    if profile.reject_public_suffixes && !domain.is_empty() && is_public_suffix(&domain) {
        if domain == host {
            domain.clear();
        } else {
            return Err(Rule::PublicSuffix);
        }
    }
    // Step 10 (6265 step 6).
    if domain.is_empty() {
        return Ok((host.to_string(), true));
    }
    if !domain_match(host, &domain) {
        return Err(Rule::DomainMismatch);
    }
    Ok((domain, false))
}

/// Step 7 under `every-domain-checked`: whether every non-empty Domain
/// attribute of `line` domain-matches the canonicalized request host.
fn every_domain_matches(profile: &Profile, uri: &RequestUri, line: &[u8]) -> bool {
    let Some(host) = uri.canonical_host_for(profile) else {
        return false;
    };
    domain_attributes(line, profile)
        .all(|d| d.is_empty() || std::str::from_utf8(&d).is_ok_and(|d| domain_match(host, d)))
}

/// The variants of steps 8–10 (6265 steps 5–6), kept out of
/// [`cookie_domain`]: `Some` with the decision when one of them decides the
/// cookie's domain, `None` (at the cost of a few bit tests) otherwise.
fn domain_variant(
    profile: &Profile,
    uri: &RequestUri,
    p: &SetCookie<'_>,
    host: &str,
    attribute: &[u8],
) -> Option<Result<(String, bool), Rule>> {
    use Variant::*;
    if attribute.is_empty()
        || !(profile.has(NonAsciiDomainToALabel)
            || profile.has(IpDomainHostOnly)
            || profile.has(IpDomainRejected)
            || profile.has(DotlessDomainRejected)
            || profile.has(IpSuffixDomainMatch)
            || profile.has(PublicSuffixHostRejected)
            || profile.has(PublicSuffixNoDefaultRule))
    {
        return None;
    }
    // Step 8, non-ascii-domain-to-a-label: the A-label of the attribute is
    // checked instead (by the steps that follow, unchanged).
    if profile.has(NonAsciiDomainToALabel) && !attribute.is_ascii() {
        let Some(a_label) = std::str::from_utf8(attribute)
            .ok()
            .and_then(|d| canonicalize_host(d, false))
        else {
            return Some(Err(Rule::ByVariant(NonAsciiDomainToALabel)));
        };
        let converted = SetCookie {
            domain: Some(a_label.into_bytes()),
            ..p.clone()
        };
        return Some(cookie_domain(profile, uri, &converted));
    }
    // Steps 9-10 (6265 steps 5-6), dotless-domain-rejected: a Domain with
    // no dot before its last octet, other than `localhost`, is refused
    // before any match (IP-address Domains with dots go on).
    if profile.has(DotlessDomainRejected)
        && !attribute.eq_ignore_ascii_case(b"localhost")
        && !attribute[..attribute.len() - 1].contains(&b'.')
    {
        return Some(Err(Rule::ByVariant(DotlessDomainRejected)));
    }
    let domain = std::str::from_utf8(attribute).ok()?;
    // ip-domain-rejected: a Domain attribute that is an IP address.
    if profile.has(IpDomainRejected) && is_ip_address(domain) {
        return Some(Err(Rule::ByVariant(IpDomainRejected)));
    }
    if is_ip_address(host) {
        // Step 10, ip-domain-host-only: Domain equal to the IP host gives a
        // host-only cookie.
        if profile.has(IpDomainHostOnly) && domain == host {
            return Some(Ok((host.to_string(), true)));
        }
        // Step 10, ip-suffix-domain-match: an IP host domain-matches a
        // dotted string suffix.
        if profile.has(IpSuffixDomainMatch) && domain != host {
            return Some(if suffix_domain_match(host, domain) {
                Ok((domain.to_string(), false))
            } else {
                Err(Rule::DomainMismatch)
            });
        }
    }
    if profile.reject_public_suffixes && is_public_suffix(domain) {
        // Step 9, public-suffix-host-rejected: no exception for the host.
        if profile.has(PublicSuffixHostRejected) {
            return Some(Err(Rule::PublicSuffix));
        }
        // Step 9, public-suffix-no-default-rule: a suffix only the implicit
        // "*" rule makes public passes step 9.
        if profile.has(PublicSuffixNoDefaultRule) && !is_listed_public_suffix(domain) {
            let unlisted = Profile {
                reject_public_suffixes: false,
                ..profile.clone()
            };
            return Some(cookie_domain(&unlisted, uri, p));
        }
    }
    None
}

/// Step 16: whether a secure cookie with this name exists whose domain
/// domain-matches the new domain (or vice versa) and whose path the new path
/// path-matches. With the `strict-secure-registrable-domain` variant only
/// domains of the new domain's registrable domain count.
fn shadows_secure(
    store: &Store,
    profile: &Profile,
    name: &[u8],
    domain: &str,
    path: &[u8],
) -> bool {
    let site = profile
        .has(Variant::StrictSecureRegistrableDomain)
        .then(|| registrable_domain(domain));
    store
        .domains()
        .filter(|d| domain_match(d, domain) || domain_match(domain, d))
        .filter(|d| site.is_none_or(|s| registrable_domain(d) == s))
        .any(|d| {
            store
                .in_domain(d)
                .iter()
                .any(|c| c.secure_only && c.name == name && path_match(path, &c.path))
        })
}

/// Step 23 (6265 step 11): the index, in its domain's bucket, of the cookie
/// with the same identity: name, domain, path, and in bis the host-only-flag;
/// names compare case-insensitively under the Netscape rules (seed 002).
pub(crate) fn find_identity(store: &Store, profile: &Profile, new: &Cookie) -> Option<usize> {
    store.in_domain(&new.domain).iter().position(|c| {
        let same_name = if profile.case_insensitive_names {
            c.name.eq_ignore_ascii_case(&new.name)
        } else {
            c.name == new.name
        };
        same_name
            && c.path == new.path
            && (!profile.host_only_in_key || c.host_only == new.host_only)
    })
}
