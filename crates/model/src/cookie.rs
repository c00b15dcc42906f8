//! A stored cookie: the fields of RFC 6265bis §5.7 (RFC 6265 §5.3).

use crate::profile::Profile;
use crate::same_site::SameSite;
use crate::time::Time;
use crate::variant::Variant;
use std::fmt;

/// A cookie in the store, with every field the storage model keeps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cookie {
    /// The cookie-name (octets; empty for a nameless cookie).
    pub name: Vec<u8>,
    /// The cookie-value (octets).
    pub value: Vec<u8>,
    /// The domain: the canonical request host (host-only) or the Domain attribute.
    pub domain: String,
    /// The cookie-path (octets).
    pub path: Vec<u8>,
    /// When the cookie (or the one it replaced) was first created.
    pub creation_time: Time,
    /// When the cookie was last sent or created.
    pub last_access_time: Time,
    /// When it expires (the latest representable date for session cookies).
    pub expiry_time: Time,
    /// Whether it survives the end of the session.
    pub persistent: bool,
    /// Whether it is sent only to the exact host that set it.
    pub host_only: bool,
    /// Whether it is sent only over secure connections.
    pub secure_only: bool,
    /// Whether non-HTTP APIs are denied access.
    pub http_only: bool,
    /// The SameSite enforcement.
    pub same_site: SameSite,
    /// Creation order: a counter that breaks ties between equal
    /// creation-times (and equal last-access-times), oldest first. Kept on
    /// replacement, like the creation-time.
    pub creation_order: u64,
    /// Under `secure-added-on-save`: the jar writes Secure for this cookie
    /// when it saves it (its line carried Partitioned or SameSite=None).
    pub secure_on_save: bool,
}

impl Cookie {
    /// A session, host-only cookie `name=1` for unit tests, every time zero.
    #[cfg(test)]
    pub(crate) fn for_tests(name: &str, domain: &str, path: &str) -> Cookie {
        Cookie {
            name: name.as_bytes().to_vec(),
            value: b"1".to_vec(),
            domain: domain.to_string(),
            path: path.as_bytes().to_vec(),
            creation_time: 0,
            last_access_time: 0,
            expiry_time: 0,
            persistent: false,
            host_only: true,
            secure_only: false,
            http_only: false,
            same_site: SameSite::Default,
            creation_order: 0,
            secure_on_save: false,
        }
    }

    /// RFC 6265 §5.3: "expired" means an expiry date in the past.
    ///
    /// A session cookie never expires: its expiry-time is only "the latest
    /// representable date" (RFC 6265 §5.3 step 3, bis §5.7 step 6), which
    /// a clock pushed past [`crate::time::LATEST`] would otherwise put in
    /// the past; it goes when the session ends.
    pub fn is_expired(&self, now: Time) -> bool {
        self.persistent && self.expiry_time < now
    }

    /// [`Cookie::is_expired`] under `profile`: with the
    /// `expired-at-expiry-time` variant a cookie is expired from its
    /// expiry-time on, not only once it has passed.
    pub fn is_expired_for(&self, profile: &Profile, now: Time) -> bool {
        self.is_expired(expiry_check_time(profile, now))
    }

    /// `name=value` for explanations (lossy UTF-8).
    pub fn pair(&self) -> String {
        format!(
            "{}={}",
            String::from_utf8_lossy(&self.name),
            String::from_utf8_lossy(&self.value)
        )
    }
}

/// The instant to hand to [`Cookie::is_expired`] (and the store's sweep) so
/// that it answers under `profile`: `now`, or with the
/// `expired-at-expiry-time` variant `now + 1`: times are whole seconds, so
/// "expiry-time < now + 1" is "expiry-time <= now" (DEVIATION from RFC 6265
/// §5.3 and bis §5.7, whose expired cookies have an expiry-time in the past).
pub fn expiry_check_time(profile: &Profile, now: Time) -> Time {
    if profile.has(Variant::ExpiredAtExpiryTime) {
        now.saturating_add(1)
    } else {
        now
    }
}

impl fmt::Display for Cookie {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} (domain {}{}, path {})",
            self.pair(),
            self.domain,
            if self.host_only { " host-only" } else { "" },
            String::from_utf8_lossy(&self.path)
        )
    }
}

#[cfg(test)]
mod tests {
    use crate::time::LATEST;
    use crate::{Jar, Profile, RequestContext, RequestUri};

    #[test]
    fn a_session_cookie_never_expires_even_at_the_end_of_time() {
        // RFC 6265 §5.3 step 3: a session cookie's expiry-time is the latest
        // representable date; the clock at or past it must not turn every
        // session cookie, even one set then, into an expired one.
        let uri = RequestUri::parse("http://example.com/").expect("valid URL");
        let ctx = RequestContext::default();
        for now in [LATEST - 1, LATEST, LATEST + 1, LATEST + 300_000_000_000] {
            let mut jar = Jar::new(Profile::rfc6265bis());
            jar.set_cookie(&uri, b"a=1", &ctx, LATEST - 1);
            jar.advance_to(now);
            jar.set_cookie(&uri, b"b=2", &ctx, now);
            let sent = jar.cookie_header(&uri, &ctx, now);
            assert_eq!(sent.header_bytes(), b"a=1; b=2", "at {now}");
            assert!(jar.cookies(now).iter().all(|c| !c.is_expired(now)));
        }
        // A persistent cookie whose Expires is the last instant is still
        // sent at that instant and expires after it (§5.3: "in the past").
        // (Set near the end: bis §5.5 caps a lifetime at 400 days.)
        let mut jar = Jar::new(Profile::rfc6265bis());
        let line = b"p=1; Expires=Fri, 31 Dec 9999 23:59:59 GMT";
        jar.set_cookie(&uri, line, &ctx, LATEST - 10);
        assert_eq!(jar.cookie_header(&uri, &ctx, LATEST).header_bytes(), b"p=1");
        assert_eq!(
            jar.cookie_header(&uri, &ctx, LATEST + 1).header_bytes(),
            b""
        );
    }

    use super::*;
    use crate::Variants;

    #[test]
    fn a_cookie_is_expired_at_its_expiry_time_only_under_the_variant() {
        let c = Cookie {
            value: b"b".to_vec(),
            expiry_time: 100,
            persistent: true,
            ..Cookie::for_tests("a", "example.com", "/")
        };
        // RFC 6265 §5.3: expired when the expiry-time is in the past.
        let base = Profile::rfc6265();
        assert!(!c.is_expired_for(&base, 100));
        assert!(c.is_expired_for(&base, 101));
        // expired-at-expiry-time: already at the expiry-time itself.
        let v = base.with_variants(Variants::NONE.with(Variant::ExpiredAtExpiryTime));
        assert!(!c.is_expired_for(&v, 99));
        assert!(c.is_expired_for(&v, 100));
    }
}
