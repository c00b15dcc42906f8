//! The cookie store, indexed by domain field so that retrieval looks only at
//! the request host and its parent domains instead of every cookie.

use crate::cookie::Cookie;
use crate::domain::is_ip_address;
use crate::slots::Slots;
use crate::time::Time;
use std::collections::HashMap;

/// Cookies grouped by their domain field.
#[derive(Debug, Clone, Default)]
pub struct Store {
    by_domain: HashMap<String, Vec<Cookie>>,
    len: usize,
    next_order: u64,
    /// A lower bound on the earliest expiry-time of a persistent cookie in
    /// the store (session cookies never expire), so that the
    /// expired-cookie sweep runs only when something may have expired.
    earliest_expiry: Option<Time>,
    /// The walk order of a jar of nested maps, kept only while the
    /// `store-order-grouped` variant is on (empty otherwise).
    pub(crate) slots: Slots,
}

impl Store {
    /// An empty store.
    pub fn new() -> Store {
        Store::default()
    }

    /// The number of stored cookies.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the store is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The next creation-order number.
    pub(crate) fn take_order(&mut self) -> u64 {
        let n = self.next_order;
        self.next_order += 1;
        n
    }

    /// All cookies, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = &Cookie> {
        self.by_domain.values().flatten()
    }

    /// All cookies, in no particular order, to change in place (fields that
    /// are no part of the index: not the domain).
    pub(crate) fn iter_mut(&mut self) -> impl Iterator<Item = &mut Cookie> {
        self.by_domain.values_mut().flatten()
    }

    /// Takes new walk slots for the cookies now stored, in their old walk
    /// order (see [`Slots::rebuild`]).
    pub(crate) fn rebuild_slots(&mut self, profile: &crate::profile::Profile) {
        let survivors = self.by_domain.values().flatten();
        self.slots.rebuild(profile, survivors);
    }

    /// The cookies whose domain field is exactly `domain`.
    pub fn in_domain(&self, domain: &str) -> &[Cookie] {
        self.by_domain.get(domain).map_or(&[], Vec::as_slice)
    }

    pub(crate) fn in_domain_mut(&mut self, domain: &str) -> Option<&mut Vec<Cookie>> {
        self.by_domain.get_mut(domain)
    }

    /// The domain fields present in the store.
    pub fn domains(&self) -> impl Iterator<Item = &str> {
        self.by_domain.keys().map(String::as_str)
    }

    /// Inserts a cookie (the caller has removed any cookie with its identity).
    pub(crate) fn insert(&mut self, cookie: Cookie) {
        // Session cookies never expire (Cookie::is_expired).
        if cookie.persistent {
            let e = cookie.expiry_time;
            self.earliest_expiry = Some(self.earliest_expiry.map_or(e, |x| x.min(e)));
        }
        self.next_order = self.next_order.max(cookie.creation_order + 1);
        self.by_domain
            .entry(cookie.domain.clone())
            .or_default()
            .push(cookie);
        self.len += 1;
    }

    /// Removes the cookie at `index` of `domain`'s bucket.
    pub(crate) fn remove(&mut self, domain: &str, index: usize) -> Option<Cookie> {
        let bucket = self.by_domain.get_mut(domain)?;
        if index >= bucket.len() {
            return None;
        }
        let cookie = bucket.swap_remove(index);
        if bucket.is_empty() {
            self.by_domain.remove(domain);
        }
        self.len -= 1;
        Some(cookie)
    }

    /// RFC 6265 §5.3 / bis §5.7: "evict all expired cookies". Returns them.
    pub(crate) fn remove_expired(&mut self, now: Time) -> Vec<Cookie> {
        match self.earliest_expiry {
            Some(e) if e < now => {}
            _ => return Vec::new(),
        }
        let mut removed = Vec::new();
        let mut earliest: Option<Time> = None;
        self.by_domain.retain(|_, bucket| {
            let mut i = 0;
            while i < bucket.len() {
                if bucket[i].is_expired(now) {
                    removed.push(bucket.swap_remove(i));
                } else {
                    if bucket[i].persistent {
                        let e = bucket[i].expiry_time;
                        earliest = Some(earliest.map_or(e, |x| x.min(e)));
                    }
                    i += 1;
                }
            }
            !bucket.is_empty()
        });
        self.len -= removed.len();
        self.earliest_expiry = earliest;
        removed
    }

    /// Removes every cookie for which `drop` is true; returns them.
    pub(crate) fn remove_where(&mut self, mut drop: impl FnMut(&Cookie) -> bool) -> Vec<Cookie> {
        let mut removed = Vec::new();
        self.by_domain.retain(|_, bucket| {
            let mut i = 0;
            while i < bucket.len() {
                if drop(&bucket[i]) {
                    removed.push(bucket.swap_remove(i));
                } else {
                    i += 1;
                }
            }
            !bucket.is_empty()
        });
        self.len -= removed.len();
        removed
    }

    /// The domain fields a host can match: the host itself and, for host
    /// names, every parent domain (`a.b.example.com` → `b.example.com`,
    /// `example.com`, `com`). IP addresses only match themselves.
    pub fn candidate_domains(host: &str) -> impl Iterator<Item = &str> {
        Store::candidate_domains_with(host, false)
    }

    /// [`Store::candidate_domains`], where with `ip_suffixes` (the
    /// `ip-suffix-domain-match` variant) an IP address walks up its dotted
    /// suffixes like a host name.
    pub fn candidate_domains_with(host: &str, ip_suffixes: bool) -> impl Iterator<Item = &str> {
        let ip = is_ip_address(host) && !ip_suffixes;
        let mut next = Some(host);
        std::iter::from_fn(move || {
            let current = next?;
            next = if ip {
                None
            } else {
                current
                    .find('.')
                    .map(|i| &current[i + 1..])
                    .filter(|s| !s.is_empty())
            };
            Some(current)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn candidate_domains_walk_up_the_labels() {
        let got: Vec<&str> = Store::candidate_domains("a.b.example.com").collect();
        assert_eq!(
            got,
            ["a.b.example.com", "b.example.com", "example.com", "com"]
        );
        let ip: Vec<&str> = Store::candidate_domains("192.168.0.1").collect();
        assert_eq!(ip, ["192.168.0.1"]);
        // ip-suffix-domain-match: the dotted suffixes of an IP address too.
        let ip: Vec<&str> = Store::candidate_domains_with("192.168.0.1", true).collect();
        assert_eq!(ip, ["192.168.0.1", "168.0.1", "0.1", "1"]);
    }
}
