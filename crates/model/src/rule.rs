//! The rules that decide what happens to a cookie, each with a stable code and
//! its citation. Every decision the model reports names one of these.

use crate::profile::ProfileId;
use std::fmt;

/// A rule of the cookie specifications. `code()` is stable (reports,
/// snapshots and vector expectations use it); `citation()` names the section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Rule {
    // --- the cookie was stored ---
    /// The cookie was inserted into the store.
    Stored,
    /// The cookie replaced one with the same identity, keeping its creation-time.
    Replaced,

    // --- the Set-Cookie line was ignored while parsing ---
    /// A CTL octet other than HTAB in the line.
    CtlCharacter,
    /// The name-value pair has no `=` (profiles without nameless cookies).
    NoEquals,
    /// The name is empty (profiles without nameless cookies).
    EmptyName,
    /// Name and value are both empty.
    EmptyNameAndValue,
    /// Name plus value exceed 4096 octets.
    NameValueTooLong,
    /// The whole cookie description exceeds the profile's size limit.
    CookieTooLong,

    // --- the cookie was ignored by the storage model ---
    /// The request host could not be canonicalised.
    HostNotCanonical,
    /// The Domain attribute holds a non-ASCII octet.
    NonAsciiDomain,
    /// The Domain attribute is a public suffix (and not the request host).
    PublicSuffix,
    /// The request host does not domain-match the Domain attribute.
    DomainMismatch,
    /// Netscape: the Domain attribute has too few dots.
    NetscapeDomainDots,
    /// Netscape: a partial Domain attribute lacks its leading dot.
    NetscapeDomainLeadingDot,
    /// A Secure cookie from an insecure origin.
    SecureFromInsecureOrigin,
    /// An HttpOnly cookie from a non-HTTP API.
    HttpOnlyFromNonHttp,
    /// An insecure origin tried to shadow a Secure cookie.
    StrictSecure,
    /// A SameSite cookie from a cross-site context.
    SameSiteCrossSiteSet,
    /// SameSite=None without Secure.
    SameSiteNoneInsecure,
    /// A `__Secure-` cookie without Secure.
    SecurePrefix,
    /// A `__Host-` cookie that is not Secure, host-only and Path=/.
    HostPrefix,
    /// A nameless cookie whose value starts like a prefixed name.
    NamelessPrefix,
    /// A non-HTTP API tried to overwrite an HttpOnly cookie.
    HttpOnlyOverwrite,
    /// The new cookie had already expired: it was not kept (and removed any old one).
    ExpiredOnArrival,

    // --- notes on single attributes ---
    /// An attribute value longer than 1024 octets was ignored.
    AttributeTooLong,
    /// An Expires value that is not a cookie-date was ignored.
    ExpiresInvalid,
    /// A Max-Age value that is not an integer was ignored.
    MaxAgeInvalid,
    /// Max-Age is not recognised by this profile.
    MaxAgeNotRecognised,
    /// A lifetime beyond the cap was reduced to it.
    LifetimeCapped,
    /// An empty Domain attribute was ignored.
    EmptyDomainIgnored,
    /// A Path attribute not starting with `/` gave way to the default-path.
    PathDefaulted,
    /// A SameSite value other than Strict, Lax or None.
    SameSiteUnknown,
    /// An attribute the profile does not know was ignored.
    UnknownAttribute,

    // --- cookies removed from the store ---
    /// An expired cookie was evicted.
    EvictedExpired,
    /// A cookie was evicted because its domain held too many cookies.
    EvictedDomainLimit,
    /// A cookie was evicted because the store held too many cookies.
    EvictedTotalLimit,
    /// Non-persistent cookies removed at the end of the session.
    SessionEnded,

    // --- a stored cookie was not sent ---
    /// A host-only cookie and a different host.
    HostOnlyMismatch,
    /// The request host does not domain-match the cookie's domain.
    DomainNoMatch,
    /// The cookie's domain is a public suffix.
    PublicSuffixAtRetrieval,
    /// The request path does not path-match the cookie's path.
    PathNoMatch,
    /// A Secure cookie and an insecure connection.
    SecureOnly,
    /// An HttpOnly cookie and a non-HTTP API.
    HttpOnlyHidden,
    /// A SameSite cookie and a cross-site request that may not carry it.
    SameSiteExcluded,
    /// Netscape: a cookie of the same name and domain with a closer path was sent instead.
    ShadowedByCloserPath,

    // --- decisions that only a rule variant makes ---
    /// A step changed by a rule variant ignored the cookie (or withheld it).
    ByVariant(crate::variant::Variant),
}

impl Rule {
    /// The stable kebab-case code.
    pub fn code(self) -> &'static str {
        use Rule::*;
        match self {
            Stored => "stored",
            Replaced => "replaced",
            CtlCharacter => "ctl-character",
            NoEquals => "no-equals",
            EmptyName => "empty-name",
            EmptyNameAndValue => "empty-name-and-value",
            NameValueTooLong => "name-value-too-long",
            CookieTooLong => "cookie-too-long",
            HostNotCanonical => "host-not-canonical",
            NonAsciiDomain => "non-ascii-domain",
            PublicSuffix => "public-suffix",
            DomainMismatch => "domain-mismatch",
            NetscapeDomainDots => "netscape-domain-dots",
            NetscapeDomainLeadingDot => "netscape-domain-leading-dot",
            SecureFromInsecureOrigin => "secure-from-insecure-origin",
            HttpOnlyFromNonHttp => "http-only-from-non-http",
            StrictSecure => "strict-secure",
            SameSiteCrossSiteSet => "same-site-cross-site-set",
            SameSiteNoneInsecure => "same-site-none-insecure",
            SecurePrefix => "secure-prefix",
            HostPrefix => "host-prefix",
            NamelessPrefix => "nameless-prefix",
            HttpOnlyOverwrite => "http-only-overwrite",
            ExpiredOnArrival => "expired-on-arrival",
            AttributeTooLong => "attribute-too-long",
            ExpiresInvalid => "expires-invalid",
            MaxAgeInvalid => "max-age-invalid",
            MaxAgeNotRecognised => "max-age-not-recognised",
            LifetimeCapped => "lifetime-capped",
            EmptyDomainIgnored => "empty-domain-ignored",
            PathDefaulted => "path-defaulted",
            SameSiteUnknown => "same-site-unknown",
            UnknownAttribute => "unknown-attribute",
            EvictedExpired => "evicted-expired",
            EvictedDomainLimit => "evicted-domain-limit",
            EvictedTotalLimit => "evicted-total-limit",
            SessionEnded => "session-ended",
            HostOnlyMismatch => "host-only-mismatch",
            DomainNoMatch => "domain-no-match",
            PublicSuffixAtRetrieval => "public-suffix-at-retrieval",
            PathNoMatch => "path-no-match",
            SecureOnly => "secure-only",
            HttpOnlyHidden => "http-only-hidden",
            SameSiteExcluded => "same-site-excluded",
            ShadowedByCloserPath => "shadowed-by-closer-path",
            ByVariant(v) => v.id(),
        }
    }

    /// The section (and step) that defines the rule under `profile`, in the
    /// fixed citation form (`RFC 6265bis §5.7 step 16`).
    pub fn citation(self, profile: ProfileId) -> &'static str {
        use ProfileId::*;
        use Rule::*;
        let bis = profile == Rfc6265bis;
        match self {
            Stored => {
                if bis {
                    "RFC 6265bis §5.7 step 24"
                } else {
                    "RFC 6265 §5.3 step 12"
                }
            }
            Replaced => {
                if bis {
                    "RFC 6265bis §5.7 step 23"
                } else {
                    "RFC 6265 §5.3 step 11"
                }
            }
            CtlCharacter => "RFC 6265bis §5.6 step 1",
            NoEquals => "RFC 6265 §5.2 step 2",
            EmptyName => "RFC 6265 §5.2 step 5",
            EmptyNameAndValue => "RFC 6265bis §5.7 step 2",
            NameValueTooLong => "RFC 6265bis §5.6 step 5",
            CookieTooLong => "Netscape seed 002 (4096 bytes per cookie description)",
            HostNotCanonical => {
                if bis {
                    "RFC 6265bis §5.1.2, §5.7 step 9.2"
                } else {
                    "RFC 6265 §5.1.2"
                }
            }
            NonAsciiDomain => "RFC 6265bis §5.7 step 8",
            PublicSuffix => {
                if bis {
                    "RFC 6265bis §5.7 step 9"
                } else {
                    "RFC 6265 §5.3 step 5"
                }
            }
            DomainMismatch => {
                if bis {
                    "RFC 6265bis §5.7 step 10"
                } else {
                    "RFC 6265 §5.3 step 6"
                }
            }
            NetscapeDomainDots => {
                "Netscape seed 002 (at least two domain portions; two/three-dot rule)"
            }
            NetscapeDomainLeadingDot => {
                "Netscape seed 002 (the leading full stop is required for partial addresses)"
            }
            SecureFromInsecureOrigin => "RFC 6265bis §5.7 step 13",
            HttpOnlyFromNonHttp => {
                if bis {
                    "RFC 6265bis §5.7 step 15"
                } else {
                    "RFC 6265 §5.3 step 10"
                }
            }
            StrictSecure => "RFC 6265bis §5.7 step 16",
            SameSiteCrossSiteSet => "RFC 6265bis §5.7 step 18",
            SameSiteNoneInsecure => "RFC 6265bis §5.7 step 19",
            SecurePrefix => "RFC 6265bis §5.7 step 20",
            HostPrefix => "RFC 6265bis §5.7 step 21",
            NamelessPrefix => "RFC 6265bis §5.7 step 22",
            HttpOnlyOverwrite => {
                if bis {
                    "RFC 6265bis §5.7 step 23.2"
                } else {
                    "RFC 6265 §5.3 step 11.2"
                }
            }
            ExpiredOnArrival => {
                if bis {
                    "RFC 6265bis §5.7 (expired cookies are evicted)"
                } else {
                    "RFC 6265 §5.3 (expired cookies are evicted)"
                }
            }
            AttributeTooLong => "RFC 6265bis §5.6 attribute step 6",
            ExpiresInvalid => {
                if bis {
                    "RFC 6265bis §5.6.1 step 2"
                } else {
                    "RFC 6265 §5.2.1"
                }
            }
            MaxAgeInvalid => {
                if bis {
                    "RFC 6265bis §5.6.2 steps 1-3"
                } else {
                    "RFC 6265 §5.2.2"
                }
            }
            MaxAgeNotRecognised => {
                "Netscape seed 002 (expiry time only; Max-Age arrived with RFC 2109)"
            }
            LifetimeCapped => "RFC 6265bis §5.5",
            EmptyDomainIgnored => "RFC 6265 §5.2.3",
            PathDefaulted => {
                if bis {
                    "RFC 6265bis §5.6.4 step 1"
                } else {
                    "RFC 6265 §5.2.4"
                }
            }
            SameSiteUnknown => "RFC 6265bis §5.6.7 step 1",
            UnknownAttribute => {
                if bis {
                    "RFC 6265bis §5.6 attribute step 7"
                } else {
                    "RFC 6265 §5.2 attribute step 6"
                }
            }
            EvictedExpired => {
                if bis {
                    "RFC 6265bis §5.7 (evict expired cookies)"
                } else {
                    "RFC 6265 §5.3 (evict expired cookies)"
                }
            }
            EvictedDomainLimit => match profile {
                Netscape => "Netscape seed 002 (20 cookies maximum per domain)",
                Rfc6265bis => "RFC 6265bis §5.7 (remove excess cookies), §6.1",
                Rfc6265 => "RFC 6265 §5.3 (remove excess cookies), §6.1",
            },
            EvictedTotalLimit => match profile {
                Netscape => "Netscape seed 002 (300 cookies overall maximum)",
                Rfc6265bis => "RFC 6265bis §5.7 (remove excess cookies), §6.1",
                Rfc6265 => "RFC 6265 §5.3 (remove excess cookies), §6.1",
            },
            SessionEnded => {
                if bis {
                    "RFC 6265bis §5.7 (the current session is over)"
                } else {
                    "RFC 6265 §5.3 (the current session is over)"
                }
            }
            HostOnlyMismatch => {
                if bis {
                    "RFC 6265bis §5.8.3 step 3"
                } else {
                    "RFC 6265 §5.4 step 1"
                }
            }
            DomainNoMatch => {
                if bis {
                    "RFC 6265bis §5.8.3 step 3"
                } else {
                    "RFC 6265 §5.4 step 1"
                }
            }
            PublicSuffixAtRetrieval => "RFC 6265bis §5.8.3 step 3",
            PathNoMatch => match profile {
                Netscape => "Netscape seed 002 (path as a prefix)",
                Rfc6265bis => "RFC 6265bis §5.8.3 step 3, §5.1.4",
                Rfc6265 => "RFC 6265 §5.4 step 1, §5.1.4",
            },
            SecureOnly => {
                if bis {
                    "RFC 6265bis §5.8.3 step 3"
                } else {
                    "RFC 6265 §5.4 step 1"
                }
            }
            HttpOnlyHidden => {
                if bis {
                    "RFC 6265bis §5.8.3 step 3"
                } else {
                    "RFC 6265 §5.4 step 1"
                }
            }
            SameSiteExcluded => "RFC 6265bis §5.8.3 step 3",
            ShadowedByCloserPath => "Netscape seed 002 (only the closer path is seen)",
            ByVariant(v) => v.info().citation,
        }
    }

    /// One line saying what the rule means, for explanations.
    pub fn summary(self) -> &'static str {
        use Rule::*;
        match self {
            Stored => "stored",
            Replaced => "replaced the cookie with the same identity, keeping its creation-time",
            CtlCharacter => "the line contains a control character other than HTAB: ignored",
            NoEquals => "the name-value pair has no '=': ignored",
            EmptyName => "the cookie name is empty: ignored",
            EmptyNameAndValue => "both name and value are empty: ignored",
            NameValueTooLong => "name and value together exceed 4096 octets: ignored",
            CookieTooLong => "the cookie exceeds 4096 bytes: ignored",
            HostNotCanonical => "the request host cannot be canonicalised: ignored",
            NonAsciiDomain => "the Domain attribute holds a non-ASCII octet: ignored",
            PublicSuffix => "the Domain attribute is a public suffix: ignored",
            DomainMismatch => "the request host does not domain-match the Domain attribute: ignored",
            NetscapeDomainDots => "the Domain attribute has too few dots (two for com/edu/net/org/gov/mil/int, three elsewhere): ignored",
            NetscapeDomainLeadingDot => "a partial Domain attribute must start with '.': ignored",
            SecureFromInsecureOrigin => "a Secure cookie from an insecure origin: ignored",
            HttpOnlyFromNonHttp => "an HttpOnly cookie from a non-HTTP API: ignored",
            StrictSecure => "an insecure origin may not shadow a Secure cookie of the same name: ignored",
            SameSiteCrossSiteSet => "a SameSite cookie from a cross-site context: ignored",
            SameSiteNoneInsecure => "SameSite=None without Secure: ignored",
            SecurePrefix => "a __Secure- cookie without Secure: ignored",
            HostPrefix => "a __Host- cookie must be Secure, host-only and have Path=/: ignored",
            NamelessPrefix => "a nameless cookie whose value looks like a prefixed name: ignored",
            HttpOnlyOverwrite => "a non-HTTP API may not overwrite an HttpOnly cookie: ignored",
            ExpiredOnArrival => "the cookie had already expired: not kept (any old cookie with its identity is gone)",
            AttributeTooLong => "attribute value longer than 1024 octets: attribute ignored",
            ExpiresInvalid => "Expires is not a cookie-date: attribute ignored",
            MaxAgeInvalid => "Max-Age is not an integer: attribute ignored",
            MaxAgeNotRecognised => "Max-Age is not part of these rules: attribute ignored",
            LifetimeCapped => "lifetime reduced to the 400-day cap",
            EmptyDomainIgnored => "empty Domain attribute: attribute ignored",
            PathDefaulted => "Path does not start with '/': the default-path is used",
            SameSiteUnknown => "unknown SameSite value: enforcement Default",
            UnknownAttribute => "unknown attribute: ignored",
            EvictedExpired => "expired: evicted",
            EvictedDomainLimit => "evicted: too many cookies for its domain",
            EvictedTotalLimit => "evicted: too many cookies in the store",
            SessionEnded => "session cookie removed at the end of the session",
            HostOnlyMismatch => "host-only cookie for another host",
            DomainNoMatch => "the request host does not domain-match the cookie's domain",
            PublicSuffixAtRetrieval => "the cookie's domain is a public suffix",
            PathNoMatch => "the request path does not path-match the cookie's path",
            SecureOnly => "Secure cookie and an insecure connection",
            HttpOnlyHidden => "HttpOnly cookie hidden from a non-HTTP API",
            SameSiteExcluded => "SameSite cookie excluded from this cross-site request",
            ShadowedByCloserPath => "a cookie with the same name and domain and a closer path is sent instead",
            ByVariant(v) => v.info().summary,
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}
