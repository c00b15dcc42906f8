//! Paths: default-path and path-match (RFC 6265 §5.1.4, bis §5.1.4), and the
//! Netscape plain-prefix match (seed 002).

use crate::profile::PathMatch;

/// RFC 6265 §5.1.4: the default-path of a cookie from the request-uri's path.
pub fn default_path(uri_path: &[u8]) -> &[u8] {
    // Step 2: empty, or not starting with "/": output "/".
    if uri_path.first() != Some(&b'/') {
        return b"/";
    }
    // Step 3: no more than one "/": output "/".
    // Step 4: up to, but not including, the right-most "/".
    match uri_path.iter().rposition(|&b| b == b'/') {
        Some(0) | None => b"/",
        Some(i) => &uri_path[..i],
    }
}

/// RFC 6265 §5.1.4: whether `request_path` path-matches `cookie_path`.
pub fn path_match(request_path: &[u8], cookie_path: &[u8]) -> bool {
    // The cookie-path and the request-path are identical.
    if request_path == cookie_path {
        return true;
    }
    if !request_path.starts_with(cookie_path) {
        return false;
    }
    // The cookie-path is a prefix ending in "/", or the first request-path
    // character not in the cookie-path is "/".
    cookie_path.last() == Some(&b'/') || request_path.get(cookie_path.len()) == Some(&b'/')
}

/// Path-match under a profile's mode: the RFC algorithm, or seed 002's plain
/// prefix ("/foo" matches "/foobar").
pub fn path_match_with(mode: PathMatch, request_path: &[u8], cookie_path: &[u8]) -> bool {
    match mode {
        PathMatch::Rfc => path_match(request_path, cookie_path),
        PathMatch::Prefix => request_path.starts_with(cookie_path),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_path_steps() {
        // Step 2.
        assert_eq!(default_path(b""), b"/");
        assert_eq!(default_path(b"x/y"), b"/");
        // Step 3.
        assert_eq!(default_path(b"/"), b"/");
        assert_eq!(default_path(b"/a"), b"/");
        // Step 4.
        assert_eq!(default_path(b"/a/"), b"/a");
        assert_eq!(default_path(b"/a/b"), b"/a");
        assert_eq!(default_path(b"/a/b/c.html"), b"/a/b");
        assert_eq!(default_path(b"//"), b"/");
    }

    #[test]
    fn path_match_conditions() {
        assert!(path_match(b"/a", b"/a"));
        assert!(path_match(b"/a/b", b"/a"));
        assert!(path_match(b"/a/b", b"/a/"));
        assert!(!path_match(b"/ab", b"/a"));
        assert!(!path_match(b"/a", b"/a/"));
        assert!(!path_match(b"/A", b"/a"));
    }

    #[test]
    fn netscape_prefix_match_is_plain() {
        assert!(path_match_with(PathMatch::Prefix, b"/ab", b"/a"));
        assert!(!path_match_with(PathMatch::Rfc, b"/ab", b"/a"));
    }
}
