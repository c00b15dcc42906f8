//! A cookie seen from outside the model: what a vector expects in a `store`
//! step, or what a subject lists from its jar. Only the name and value are
//! always known; every other field is checked only when present.

use cookiecheck_model::{SameSite, Time};

/// A partial view of a stored cookie. Fields that are `None` were not stated
/// (by a vector) or cannot be reported (by a subject), and are not compared.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CookieView {
    /// The cookie-name.
    pub name: Vec<u8>,
    /// The cookie-value.
    pub value: Vec<u8>,
    /// The domain field, without a leading dot.
    pub domain: Option<String>,
    /// The cookie-path.
    pub path: Option<Vec<u8>>,
    /// The host-only-flag.
    pub host_only: Option<bool>,
    /// The secure-only-flag.
    pub secure: Option<bool>,
    /// The http-only-flag.
    pub http_only: Option<bool>,
    /// The same-site-flag.
    pub same_site: Option<SameSite>,
    /// The persistent-flag.
    pub persistent: Option<bool>,
    /// The expiry-time, seconds since the epoch (persistent cookies only).
    pub expires: Option<Time>,
}
