//! Insertion slots of a jar built of nested insertion-ordered maps
//! (domain → path → name), for the variants that list cookies in the order
//! such a jar walks them: `store-order-grouped` (cookie_store) and
//! `equal-paths-grouped-by-domain` (Python's http.cookiejar).
//!
//! Such a jar walks its domains in the order each was first used, within a
//! domain its paths in the order each was first used, within a path its
//! names. A domain or path slot, once taken, keeps its place until the jar
//! is saved and loaded again (its maps are never pruned). What a name's slot
//! does differs: under `store-order-grouped` it too keeps its place when its
//! cookie is replaced, deleted or expires; under
//! `equal-paths-grouped-by-domain` a removed cookie frees it, so names come
//! in creation order (which the model keeps on replacement). The model's
//! store forgets removed cookies, so the slots are kept here, beside it, and
//! only while one of the variants is on.

use crate::cookie::Cookie;
use crate::profile::Profile;
use crate::variant::Variant;
use std::borrow::Cow;
use std::collections::HashMap;

/// One level of the nested maps: the rank its key took when first used,
/// and the level below.
#[derive(Debug, Clone, Default)]
struct Level<T> {
    rank: u64,
    inner: T,
}

type Names = HashMap<Vec<u8>, u64>;
type Paths = HashMap<Vec<u8>, Level<Names>>;

/// The slots taken so far (see the module documentation).
#[derive(Debug, Clone, Default)]
pub struct Slots {
    domains: HashMap<String, Level<Paths>>,
    next: u64,
}

/// A cookie's place in the walk: (domain rank, path rank, name rank).
pub type SlotKey = (u64, u64, u64);

/// Whether `profile` lists cookies in a walk of nested maps.
pub fn walks(profile: &Profile) -> bool {
    profile.has(Variant::StoreOrderGrouped) || profile.has(Variant::EqualPathsGroupedByDomain)
}

/// The domain map's key for `cookie`: its domain, and under
/// `equal-paths-grouped-by-domain` a leading dot for a domain cookie
/// (Python keys `.example.com` apart from the host-only `example.com`).
fn domain_key<'c>(profile: &Profile, cookie: &'c Cookie) -> Cow<'c, str> {
    if profile.has(Variant::EqualPathsGroupedByDomain) && !cookie.host_only {
        Cow::Owned(format!(".{}", cookie.domain))
    } else {
        Cow::Borrowed(&cookie.domain)
    }
}

impl Slots {
    /// Takes the slots of `cookie`'s domain, path and name where they are
    /// not taken yet (a replacement keeps the slots of the cookie it
    /// replaces).
    pub fn claim(&mut self, profile: &Profile, cookie: &Cookie) {
        let next = &mut self.next;
        let mut take = || {
            *next += 1;
            *next
        };
        let domain = self
            .domains
            .entry(domain_key(profile, cookie).into_owned())
            .or_insert_with(|| Level {
                rank: take(),
                inner: Paths::new(),
            });
        let path = domain
            .inner
            .entry(cookie.path.clone())
            .or_insert_with(|| Level {
                rank: take(),
                inner: Names::new(),
            });
        path.inner.entry(cookie.name.clone()).or_insert_with(take);
    }

    /// Where `cookie` comes in the walk; a cookie without a slot (stored
    /// while the variants were off) comes after every slotted one. Names
    /// freed on removal come in creation order.
    pub fn key(&self, profile: &Profile, cookie: &Cookie) -> SlotKey {
        let Some(domain) = self.domains.get(domain_key(profile, cookie).as_ref()) else {
            return (u64::MAX, u64::MAX, cookie.creation_order);
        };
        let Some(path) = domain.inner.get(&cookie.path) else {
            return (domain.rank, u64::MAX, cookie.creation_order);
        };
        let name = if profile.has(Variant::StoreOrderGrouped) {
            path.inner.get(&cookie.name).copied().unwrap_or(u64::MAX)
        } else {
            cookie.creation_order
        };
        (domain.rank, path.rank, name)
    }

    /// Forgets every slot and takes new ones for `survivors` in their walk
    /// order: what a jar that saves its cookies in walk order and loads them
    /// into fresh maps ends up with.
    pub fn rebuild<'a>(
        &mut self,
        profile: &Profile,
        survivors: impl IntoIterator<Item = &'a Cookie>,
    ) {
        let mut ordered: Vec<&Cookie> = survivors.into_iter().collect();
        ordered.sort_by_key(|c| self.key(profile, c));
        let mut fresh = Slots::default();
        for c in ordered {
            fresh.claim(profile, c);
        }
        *self = fresh;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::Variants;

    fn grouped() -> Profile {
        Profile::rfc6265().with_variants(Variants::NONE.with(Variant::StoreOrderGrouped))
    }

    fn cookie(domain: &str, path: &str, name: &str) -> Cookie {
        Cookie::for_tests(name, domain, path)
    }

    #[test]
    fn a_walk_groups_by_domain_then_path_in_first_use_order() {
        let p = grouped();
        let mut s = Slots::default();
        let a = cookie("example.com", "/x", "a");
        let b = cookie("other.com", "/", "b");
        let c = cookie("example.com", "/", "c");
        let d = cookie("example.com", "/x", "d");
        for x in [&a, &b, &c, &d] {
            s.claim(&p, x);
        }
        let mut all = [&d, &c, &b, &a];
        all.sort_by_key(|x| s.key(&p, x));
        let names: Vec<&[u8]> = all.iter().map(|x| x.name.as_slice()).collect();
        assert_eq!(names, [b"a", b"d", b"c", b"b"]);
    }

    #[test]
    fn a_slot_is_kept_when_claimed_again_and_rebuilt_without_the_dead() {
        let p = grouped();
        let mut s = Slots::default();
        let a = cookie("example.com", "/", "a");
        let b = cookie("example.com", "/", "b");
        s.claim(&p, &a);
        s.claim(&p, &b);
        s.claim(&p, &a);
        assert!(s.key(&p, &a) < s.key(&p, &b));
        // Only b survives the rebuild: a comes back after it.
        s.rebuild(&p, [&b]);
        s.claim(&p, &a);
        assert!(s.key(&p, &b) < s.key(&p, &a));
    }
}
