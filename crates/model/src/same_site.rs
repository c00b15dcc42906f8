//! Same-site and cross-site requests (RFC 6265bis §5.2) and the SameSite
//! attribute's enforcement (bis §5.6.7, §5.7 step 18, §5.8.3 step 3).
//!
//! The model does not compute "site for cookies" from documents and frames:
//! that is the caller's knowledge. A [`RequestContext`] carries the result.

use std::fmt;

/// Which API delivers or reads cookies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Api {
    /// Set-Cookie and Cookie header fields.
    #[default]
    Http,
    /// A non-HTTP API such as `document.cookie` (bis §5.8.2).
    NonHttp,
}

/// The same-site status of a request (bis §5.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SiteStatus {
    /// The request's URL is same-site with its client's site for cookies.
    #[default]
    SameSite,
    /// Any other request.
    CrossSite,
}

/// What the model must know about the request that sets or reads cookies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct RequestContext {
    /// HTTP headers or a non-HTTP API.
    pub api: Api,
    /// Same-site or cross-site (for a non-HTTP API: whether the document's
    /// site for cookies is same-site with the top-level origin).
    pub site: SiteStatus,
    /// Whether the request navigates a top-level traversable.
    pub top_level: bool,
    /// Whether the method is "safe" in the RFC 9110 sense.
    pub safe_method: bool,
}

impl Default for RequestContext {
    /// A same-site top-level GET over HTTP: the context in which every
    /// profile accepts and sends every cookie that matches.
    fn default() -> Self {
        RequestContext {
            api: Api::Http,
            site: SiteStatus::SameSite,
            top_level: true,
            safe_method: true,
        }
    }
}

impl RequestContext {
    /// RFC 9110 §9.2.1: GET, HEAD, OPTIONS and TRACE are safe.
    pub fn is_safe_method(method: &str) -> bool {
        matches!(
            method.to_ascii_uppercase().as_str(),
            "GET" | "HEAD" | "OPTIONS" | "TRACE"
        )
    }

    /// A non-HTTP (document.cookie) context for a same-site document.
    pub fn non_http() -> Self {
        RequestContext {
            api: Api::NonHttp,
            ..RequestContext::default()
        }
    }
}

/// The same-site-flag of a stored cookie (bis §5.6.7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum SameSite {
    /// No (valid) SameSite attribute.
    #[default]
    Default,
    /// `SameSite=None`.
    None,
    /// `SameSite=Lax`.
    Lax,
    /// `SameSite=Strict`.
    Strict,
}

impl SameSite {
    /// bis §5.6.7 steps 1–4: the enforcement named by an attribute value, or
    /// `None` when the value names none (enforcement then stays "Default").
    pub fn from_attribute(value: &[u8]) -> Option<SameSite> {
        if value.eq_ignore_ascii_case(b"none") {
            Some(SameSite::None)
        } else if value.eq_ignore_ascii_case(b"strict") {
            Some(SameSite::Strict)
        } else if value.eq_ignore_ascii_case(b"lax") {
            Some(SameSite::Lax)
        } else {
            None
        }
    }

    /// The lower-case name used in vectors and reports.
    pub fn name(self) -> &'static str {
        match self {
            SameSite::Default => "default",
            SameSite::None => "none",
            SameSite::Lax => "lax",
            SameSite::Strict => "strict",
        }
    }

    /// Parses the lower-case name.
    pub fn from_name(s: &str) -> Option<SameSite> {
        [
            SameSite::Default,
            SameSite::None,
            SameSite::Lax,
            SameSite::Strict,
        ]
        .into_iter()
        .find(|v| v.name() == s)
    }
}

impl fmt::Display for SameSite {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// RFC 6265bis §5.7 step 18: whether a cookie whose same-site-flag is not
/// "None" may be created in this context.
pub fn may_set(flag: SameSite, ctx: &RequestContext) -> bool {
    if flag == SameSite::None {
        return true;
    }
    match ctx.api {
        // Step 18.1: a non-HTTP API called from a document whose site for
        // cookies is not same-site with the top-level origin.
        Api::NonHttp => ctx.site == SiteStatus::SameSite,
        // Step 18.2: a same-site request; step 18.3: a top-level navigation.
        Api::Http => ctx.site == SiteStatus::SameSite || ctx.top_level,
    }
}

/// RFC 6265bis §5.8.3 step 3 (last bullet): whether a cookie with this flag
/// may be sent in this context.
pub fn may_send(flag: SameSite, ctx: &RequestContext) -> bool {
    if flag == SameSite::None || ctx.site == SiteStatus::SameSite {
        return true;
    }
    // Cross-site: only HTTP, Lax or Default, a safe method, top-level.
    ctx.api == Api::Http
        && matches!(flag, SameSite::Lax | SameSite::Default)
        && ctx.safe_method
        && ctx.top_level
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cross(top_level: bool, safe_method: bool) -> RequestContext {
        RequestContext {
            api: Api::Http,
            site: SiteStatus::CrossSite,
            top_level,
            safe_method,
        }
    }

    #[test]
    fn attribute_values_are_case_insensitive() {
        assert_eq!(SameSite::from_attribute(b"STRICT"), Some(SameSite::Strict));
        assert_eq!(SameSite::from_attribute(b"lAx"), Some(SameSite::Lax));
        assert_eq!(SameSite::from_attribute(b"None"), Some(SameSite::None));
        assert_eq!(SameSite::from_attribute(b"bogus"), None);
        assert_eq!(SameSite::from_attribute(b""), None);
    }

    #[test]
    fn cross_site_top_level_get_carries_lax_and_default_only() {
        let ctx = cross(true, true);
        assert!(may_send(SameSite::Lax, &ctx));
        assert!(may_send(SameSite::Default, &ctx));
        assert!(may_send(SameSite::None, &ctx));
        assert!(!may_send(SameSite::Strict, &ctx));
    }

    #[test]
    fn cross_site_post_or_subresource_carries_none_only() {
        for ctx in [cross(true, false), cross(false, true)] {
            assert!(!may_send(SameSite::Lax, &ctx));
            assert!(!may_send(SameSite::Default, &ctx));
            assert!(may_send(SameSite::None, &ctx));
        }
    }

    #[test]
    fn cross_site_subresource_cannot_set_lax() {
        // Step 18.4.
        assert!(!may_set(SameSite::Lax, &cross(false, true)));
        // Step 18.3: top-level navigations may set any value.
        assert!(may_set(SameSite::Strict, &cross(true, false)));
    }

    #[test]
    fn safe_methods() {
        assert!(RequestContext::is_safe_method("get"));
        assert!(RequestContext::is_safe_method("HEAD"));
        assert!(!RequestContext::is_safe_method("POST"));
    }
}
