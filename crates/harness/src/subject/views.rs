//! What a subject reports back beyond a Cookie header: its stored cookies,
//! and (for parser-only subjects) its reading of one Set-Cookie line.

use cookiecheck_model::{SameSite, Time};

/// A cookie as a subject lists it (fields a jar cannot report are `None`).
pub type StoredCookie = crate::cookie_view::CookieView;

/// A parser's reading of one Set-Cookie line: the name, the value and the
/// attributes *as the parser reports them*, before any storage decision.
///
/// A parser knows neither the request URL nor the time, so two fields are
/// raw and the differ completes them the way RFC 6265 §5.2 does before it
/// compares: `max_age` is the delta in seconds (§5.2.2 turns it into an
/// expiry-time; zero or less means the earliest date), and `path` is the
/// attribute value as written (§5.2.4: a value that is empty or does not
/// start with `/` means the default-path).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ParsedCookie {
    /// The cookie-name.
    pub name: Vec<u8>,
    /// The cookie-value.
    pub value: Vec<u8>,
    /// The expiry-time of the last valid Expires attribute.
    pub expires: Option<Time>,
    /// The delta-seconds of the last valid Max-Age attribute.
    pub max_age: Option<i64>,
    /// The last Domain attribute as the parser reports it.
    pub domain: Option<Vec<u8>>,
    /// The last Path attribute as the parser reports it.
    pub path: Option<Vec<u8>>,
    /// A Secure attribute was present.
    pub secure: bool,
    /// An HttpOnly attribute was present.
    pub http_only: bool,
    /// The enforcement of the last recognised SameSite attribute.
    pub same_site: Option<SameSite>,
}
