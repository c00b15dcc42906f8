//! A stored cookie: the fields of RFC 6265bis §5.7 (RFC 6265 §5.3).

use crate::same_site::SameSite;
use crate::time::Time;
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
}

impl Cookie {
    /// RFC 6265 §5.3: "expired" means an expiry date in the past.
    pub fn is_expired(&self, now: Time) -> bool {
        self.expiry_time < now
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
