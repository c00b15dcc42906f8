//! The request-uri: what the model needs from a URL (scheme, host, path).

use std::fmt;

/// A parsed request URL. Parsing follows the WHATWG URL standard through the
/// `url` crate, which lower-cases hosts, converts U-labels to A-labels and
/// normalises IP literals; the cookie-specific canonicalisation (§5.1.2) is
/// applied by the model on top, per profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestUri {
    scheme: String,
    host: String,
    path: Vec<u8>,
    text: String,
}

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
        Ok(RequestUri {
            scheme,
            host,
            path: url.path().as_bytes().to_vec(),
            text: input.to_string(),
        })
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
