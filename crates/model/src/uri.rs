//! The request-uri: what the model needs from a URL (scheme, host, path).

use crate::domain::canonicalize_host;
use crate::profile::Profile;
use crate::variant::Variant;
use std::fmt;
use std::sync::OnceLock;

/// A parsed request URL. Parsing follows the WHATWG URL standard through the
/// `url` crate, which lower-cases hosts, converts U-labels to A-labels and
/// normalises IP literals; the cookie-specific canonicalisation (§5.1.2) is
/// applied by the model on top, per profile.
///
/// Equality compares the URL's parts; the canonical-host caches are not part
/// of it (they are a function of the host).
#[derive(Debug, Clone)]
pub struct RequestUri {
    scheme: String,
    host: String,
    path: Vec<u8>,
    text: String,
    /// The URL as the parser serialises it, without fragment ([`Self::href`]).
    href: String,
    /// [`canonicalize_host`] of `host` in strict and lenient mode, computed
    /// on first use: every store and retrieval needs it, and a scenario asks
    /// for the same URL many times (performance only).
    canonical_strict: OnceLock<Option<String>>,
    canonical_lenient: OnceLock<Option<String>>,
    /// The host as written in the URL text, lower-cased, when it is not
    /// ASCII (the `host-not-idna-canonical` variant only; computed on first
    /// use, so the base path never fills it).
    written_host: OnceLock<Option<String>>,
}

impl PartialEq for RequestUri {
    fn eq(&self, other: &Self) -> bool {
        self.scheme == other.scheme
            && self.host == other.host
            && self.path == other.path
            && self.text == other.text
    }
}

impl Eq for RequestUri {}

/// Why a URL cannot be a request-uri.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum UriError {
    /// The URL does not parse.
    Invalid(String),
    /// The scheme is not http, https, ws or wss.
    UnsupportedScheme(String),
    /// The URL has no host.
    NoHost,
}

impl fmt::Display for UriError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UriError::Invalid(e) => write!(f, "not a URL: {e}"),
            UriError::UnsupportedScheme(s) => {
                write!(f, "scheme `{s}` is not http, https, ws or wss")
            }
            UriError::NoHost => f.write_str("the URL has no host"),
        }
    }
}

impl std::error::Error for UriError {}

impl RequestUri {
    /// Parses an absolute http, https, ws or wss URL.
    pub fn parse(input: &str) -> Result<RequestUri, UriError> {
        let url = url::Url::parse(input).map_err(|e| UriError::Invalid(e.to_string()))?;
        let scheme = url.scheme().to_string();
        if !matches!(scheme.as_str(), "http" | "https" | "ws" | "wss") {
            return Err(UriError::UnsupportedScheme(scheme));
        }
        let host = match url.host() {
            Some(url::Host::Domain(d)) => d.to_string(),
            Some(url::Host::Ipv4(ip)) => ip.to_string(),
            Some(url::Host::Ipv6(ip)) => format!("[{ip}]"),
            None => return Err(UriError::NoHost),
        };
        let mut href = url.clone();
        href.set_fragment(None);
        Ok(RequestUri {
            scheme,
            host,
            path: url.path().as_bytes().to_vec(),
            text: input.to_string(),
            href: href.into(),
            canonical_strict: OnceLock::new(),
            canonical_lenient: OnceLock::new(),
            written_host: OnceLock::new(),
        })
    }

    /// RFC 6265 §5.1.2 / bis §5.1.2: the canonicalized host name
    /// ([`canonicalize_host`] with `strict` for bis's label rules), or `None`
    /// when the host fails to canonicalise. Computed once per mode.
    pub fn canonical_host(&self, strict: bool) -> Option<&str> {
        let cache = if strict {
            &self.canonical_strict
        } else {
            &self.canonical_lenient
        };
        cache
            .get_or_init(|| canonicalize_host(&self.host, strict))
            .as_deref()
    }

    /// [`RequestUri::canonical_host`] under `profile`: its label rules
    /// (`strict_host_labels`) and the variants that change §5.1.2. Each
    /// mode's answer is cached or sliced from a cached one, so a variant
    /// never sees another mode's host.
    pub fn canonical_host_for(&self, profile: &Profile) -> Option<&str> {
        let host = self.canonical_host(profile.strict_host_labels)?;
        // DEVIATION (host-not-idna-canonical): RFC 6265 §5.1.2 step 3 / bis
        // §5.1.2 step 3 convert U-labels to A-labels; the jar keeps a
        // non-ASCII host as written, lower-cased (it must still canonicalise).
        let host = if profile.has(Variant::HostNotIdnaCanonical) {
            self.written_host().unwrap_or(host)
        } else {
            host
        };
        // DEVIATION (host-trailing-dot-stripped): §5.1.2 keeps the root
        // label's dot; the jar removes it, so `example.com.` is `example.com`.
        if profile.has(Variant::HostTrailingDotStripped) {
            return Some(host.strip_suffix('.').unwrap_or(host));
        }
        Some(host)
    }

    /// The host as the URL text writes it, lower-cased, when it holds a
    /// non-ASCII character (the URL parser has already made it A-labels).
    fn written_host(&self) -> Option<&str> {
        self.written_host
            .get_or_init(|| {
                let rest = self.text.split_once("://")?.1;
                let authority = rest.split(['/', '?', '#', '\\']).next()?;
                let host_port = authority.rsplit('@').next()?;
                let host = host_port.split(':').next()?;
                (!host.is_ascii()).then(|| host.to_lowercase())
            })
            .as_deref()
    }

    /// The scheme, lower case.
    pub fn scheme(&self) -> &str {
        &self.scheme
    }

    /// The host as the URL parser produced it (lower case, A-labels; IPv6 in brackets).
    pub fn host(&self) -> &str {
        &self.host
    }

    /// The path (percent-encoded octets, never decoded), without query or fragment.
    pub fn path(&self) -> &[u8] {
        &self.path
    }

    /// The URL as given.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The URL the model judges, as the WHATWG URL serializer writes it:
    /// `.` and `..` segments (also `%2e`) removed, scheme and host lower
    /// case, U-labels as A-labels, IP literals in their shortest form, a
    /// default port dropped, no fragment. Its host and path are
    /// [`Self::host`] and [`Self::path`]. This is the URL every subject is
    /// given (the process protocol's `url`, the in-process adapters'
    /// requests), so that one URL means the same on both sides.
    pub fn href(&self) -> &str {
        &self.href
    }

    /// Whether the scheme denotes a secure protocol (`https`, `wss`).
    pub fn has_secure_scheme(&self) -> bool {
        matches!(self.scheme.as_str(), "https" | "wss")
    }
}

impl fmt::Display for RequestUri {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_hosts_and_paths() {
        let u = RequestUri::parse("HTTP://WWW.Example.COM/a/b?x=/y").expect("valid URL");
        assert_eq!(u.host(), "www.example.com");
        assert_eq!(u.path(), b"/a/b");
        assert!(!u.has_secure_scheme());
        let v6 = RequestUri::parse("https://[::1]:8443/").expect("valid URL");
        assert_eq!(v6.host(), "[::1]");
        assert!(v6.has_secure_scheme());
    }

    #[test]
    fn canonical_host_is_cached_per_mode_and_not_part_of_equality() {
        // bis §5.1.2 step 2: "a_b" is not an NR-LDH label (strict fails);
        // RFC 6265 §5.1.2 only converts to A-labels (lenient keeps it).
        let u = RequestUri::parse("http://a_b.example/").expect("valid URL");
        let fresh = u.clone();
        assert_eq!(u.canonical_host(true), None);
        assert_eq!(u.canonical_host(false), Some("a_b.example"));
        // Asked again: the same answers, now from the caches.
        assert_eq!(
            u.canonical_host(true),
            canonicalize_host("a_b.example", true).as_deref()
        );
        assert_eq!(u.canonical_host(false), Some("a_b.example"));
        assert_eq!(u, fresh);
    }

    #[test]
    fn href_is_the_url_the_model_judges() {
        let u = RequestUri::parse("HTTP://Example.COM:80/a/./b/../%2e%2E/c/..?q=/./#f")
            .expect("valid URL");
        assert_eq!(u.path(), b"/");
        assert_eq!(u.href(), "http://example.com/?q=/./");
        assert_eq!(
            u.as_str(),
            "HTTP://Example.COM:80/a/./b/../%2e%2E/c/..?q=/./#f"
        );
        let v6 = RequestUri::parse("https://[0:0::1]:443/x/../y").expect("valid URL");
        assert_eq!(v6.href(), "https://[::1]/y");
        assert_eq!(v6.path(), b"/y");
    }

    #[test]
    fn href_has_ascii_hosts() {
        // docs/protocol.md: a shim receives hosts as A-labels, whatever the
        // vector wrote (UTS #46 processing, as the WHATWG URL parser does).
        let u = RequestUri::parse("http://B\u{fc}cher.Example/\u{e9}").expect("valid URL");
        assert_eq!(u.href(), "http://xn--bcher-kva.example/%C3%A9");
        assert!(u.href().is_ascii());
    }

    #[test]
    fn rejects_other_schemes() {
        assert!(matches!(
            RequestUri::parse("ftp://example.com/"),
            Err(UriError::UnsupportedScheme(_))
        ));
        assert!(matches!(
            RequestUri::parse("not a url"),
            Err(UriError::Invalid(_))
        ));
    }
}
