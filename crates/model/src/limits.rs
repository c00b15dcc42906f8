//! Limits and eviction: "remove excess cookies" (RFC 6265 §5.3, RFC 6265bis
//! §5.7, limits in §6.1) and the Netscape rule of seed 002.

use crate::cookie::Cookie;
use crate::outcome::Evicted;
use crate::profile::{Eviction, Profile};
use crate::rule::Rule;
use crate::store::Store;

/// The eviction key under a profile: the smallest key goes first.
/// RFC 6265 §5.3: earliest last-access first. Seed 002: the oldest first.
/// Ties: creation order (model choice, docs/profiles.md).
fn age_key(profile: &Profile, c: &Cookie) -> (i64, u64) {
    match profile.eviction {
        Eviction::Oldest => (c.creation_time, c.creation_order),
        Eviction::Rfc6265 | Eviction::Rfc6265bis => (c.last_access_time, c.creation_order),
    }
}

/// Removes excess cookies after an insertion into `domain`: first the
/// per-domain bound, then the total bound. Returns what was evicted.
pub fn remove_excess(store: &mut Store, profile: &Profile, domain: &str) -> Vec<Evicted> {
    let mut evicted = Vec::new();
    // Expired cookies (priority 1) were already swept before the insertion.
    while store.in_domain(domain).len() > profile.limits.per_domain {
        let Some(i) = domain_victim(store.in_domain(domain), profile) else {
            break;
        };
        match store.remove(domain, i) {
            Some(cookie) => evicted.push(Evicted {
                cookie,
                rule: Rule::EvictedDomainLimit,
            }),
            None => break,
        }
    }
    while store.len() > profile.limits.total {
        let Some((d, i)) = total_victim(store, profile) else {
            break;
        };
        match store.remove(&d, i) {
            Some(cookie) => evicted.push(Evicted {
                cookie,
                rule: Rule::EvictedTotalLimit,
            }),
            None => break,
        }
    }
    evicted
}

/// The cookie to evict from an over-full domain.
fn domain_victim(bucket: &[Cookie], profile: &Profile) -> Option<usize> {
    // bis §5.7 priority 2: non-secure cookies of the over-full domain first;
    // priority 3: any cookie of that domain.
    if profile.eviction == Eviction::Rfc6265bis {
        let insecure = bucket
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.secure_only)
            .min_by_key(|(_, c)| age_key(profile, c))
            .map(|(i, _)| i);
        if insecure.is_some() {
            return insecure;
        }
    }
    bucket
        .iter()
        .enumerate()
        .min_by_key(|(_, c)| age_key(profile, c))
        .map(|(i, _)| i)
}

/// The cookie to evict from an over-full store: RFC priority 4 ("all
/// cookies"; no domain is over-full after the per-domain pass).
fn total_victim(store: &Store, profile: &Profile) -> Option<(String, usize)> {
    let mut best: Option<((i64, u64), &str, usize)> = None;
    for d in store.domains() {
        for (i, c) in store.in_domain(d).iter().enumerate() {
            let key = age_key(profile, c);
            if best.as_ref().is_none_or(|(k, _, _)| key < *k) {
                best = Some((key, d, i));
            }
        }
    }
    best.map(|(_, d, i)| (d.to_string(), i))
}
