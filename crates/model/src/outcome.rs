//! What the model reports about each decision: the "why" behind every
//! stored, replaced, ignored, evicted or withheld cookie.

use crate::cookie::Cookie;
use crate::rule::Rule;
use crate::set_cookie::Note;

/// A cookie removed from the store, and the rule that removed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evicted {
    /// The cookie as it was stored.
    pub cookie: Cookie,
    /// `EvictedExpired`, `EvictedDomainLimit`, `EvictedTotalLimit` or `SessionEnded`.
    pub rule: Rule,
}

/// The result of receiving one Set-Cookie line (or one non-HTTP write).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreReport {
    /// `Stored`, `Replaced`, `ExpiredOnArrival`, or the rule that ignored the cookie.
    pub decision: Rule,
    /// Whether an older cookie with the same identity was removed (by
    /// replacement, or by an already-expired cookie that deletes it).
    pub replaced: bool,
    /// The cookie as stored (for `Stored` and `Replaced`).
    pub cookie: Option<Cookie>,
    /// Attributes that were ignored or adjusted.
    pub notes: Vec<Note>,
    /// Cookies evicted while processing this line (expired ones, limits).
    pub evicted: Vec<Evicted>,
}

impl StoreReport {
    /// Whether the cookie is now in the store.
    pub fn accepted(&self) -> bool {
        matches!(self.decision, Rule::Stored | Rule::Replaced)
    }

    pub(crate) fn ignored(rule: Rule, notes: Vec<Note>, evicted: Vec<Evicted>) -> StoreReport {
        StoreReport {
            decision: rule,
            replaced: false,
            cookie: None,
            notes,
            evicted,
        }
    }
}

/// A stored cookie that was not sent, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Withheld {
    /// The cookie.
    pub cookie: Cookie,
    /// The first rule that excluded it.
    pub rule: Rule,
}

/// The result of a retrieval (RFC 6265bis §5.8.3).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Retrieval {
    /// The cookie-string, or `None` when no cookie is sent (no Cookie header).
    pub header: Option<Vec<u8>>,
    /// The cookies sent, in order.
    pub sent: Vec<Cookie>,
    /// Cookies in candidate domains that were not sent, with the reason.
    pub withheld: Vec<Withheld>,
    /// Set when the retrieval aborted (the host failed to canonicalise).
    pub aborted: Option<Rule>,
    /// Cookies evicted as expired before the retrieval.
    pub evicted: Vec<Evicted>,
}

impl Retrieval {
    /// The cookie-string, empty when nothing is sent.
    pub fn header_bytes(&self) -> &[u8] {
        self.header.as_deref().unwrap_or(b"")
    }
}
