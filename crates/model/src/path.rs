//! Paths: default-path and path-match (RFC 6265 §5.1.4, bis §5.1.4), and the
//! Netscape plain-prefix match (seed 002).

use crate::profile::{PathMatch, Profile};
use crate::variant::Variant;
use std::borrow::Cow;

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

/// RFC 6265 §5.1.4 default-path under `profile`: [`default_path`], or with
/// the `default-path-keeps-slash` variant the path up to *and including* its
/// right-most "/" (step 4 read inclusively).
pub fn default_path_for<'p>(profile: &Profile, uri_path: &'p [u8]) -> &'p [u8] {
    if !profile.has(Variant::DefaultPathKeepsSlash) {
        return default_path(uri_path);
    }
    // Step 2: empty, or not starting with "/": output "/".
    if uri_path.first() != Some(&b'/') {
        return b"/";
    }
    // Step 4, DEVIATION: up to and including the right-most "/" (a path
    // with one "/" gives "/", as step 3 does).
    match uri_path.iter().rposition(|&b| b == b'/') {
        Some(i) => &uri_path[..=i],
        None => b"/",
    }
}

/// The `path-trailing-slash-stripped` variant of RFC 6265 §5.1.4 and
/// §5.2.4: one trailing "/" is removed from a cookie-path other than "/".
pub fn strip_trailing_slash(path: &mut Vec<u8>) {
    if path.len() > 1 && path.last() == Some(&b'/') {
        path.pop();
    }
}

/// The request path as §5.1.4 reads it under `profile`: the URL's octets as
/// they are (RFC 6265 §5.4 step 1, bis §5.8.3 step 3 never decode), or with
/// the `request-path-percent-decoded` variant with every `%XX` decoded.
/// Borrows unless the variant is on and the path holds a `%`.
pub fn request_path<'p>(profile: &Profile, uri_path: &'p [u8]) -> Cow<'p, [u8]> {
    if !profile.has(Variant::RequestPathPercentDecoded) || !uri_path.contains(&b'%') {
        return Cow::Borrowed(uri_path);
    }
    Cow::Owned(percent_decode(uri_path))
}

/// `%XX` (two hex digits) to its octet; other octets, and a `%` not followed
/// by two hex digits, stay.
fn percent_decode(s: &[u8]) -> Vec<u8> {
    fn hex(b: u8) -> Option<u8> {
        (b as char).to_digit(16).map(|d| d as u8)
    }
    let mut out = Vec::with_capacity(s.len());
    let mut i = 0;
    while i < s.len() {
        let pair = s
            .get(i + 1)
            .copied()
            .and_then(hex)
            .zip(s.get(i + 2).copied().and_then(hex));
        match (s[i], pair) {
            (b'%', Some((hi, lo))) => {
                out.push(hi << 4 | lo);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    out
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

    fn with(v: Variant) -> Profile {
        Profile::rfc6265bis().with_variants(crate::Variants::NONE.with(v))
    }

    #[test]
    fn default_path_keeping_the_slash() {
        // The variant's step 4: up to and including the right-most "/".
        let p = with(Variant::DefaultPathKeepsSlash);
        assert_eq!(default_path_for(&p, b"/a/b"), b"/a/");
        assert_eq!(default_path_for(&p, b"/a/b/c.html"), b"/a/b/");
        assert_eq!(default_path_for(&p, b"/a"), b"/");
        assert_eq!(default_path_for(&p, b""), b"/");
        // Off: §5.1.4 step 4 excludes the "/".
        assert_eq!(default_path_for(&Profile::rfc6265bis(), b"/a/b"), b"/a");
    }

    #[test]
    fn one_trailing_slash_is_stripped_except_from_the_root() {
        for (given, stripped) in [
            (&b"/a/"[..], &b"/a"[..]),
            (b"/a//", b"/a/"),
            (b"/", b"/"),
            (b"/a", b"/a"),
        ] {
            let mut path = given.to_vec();
            strip_trailing_slash(&mut path);
            assert_eq!(path, stripped);
        }
    }

    #[test]
    fn request_path_is_decoded_only_under_the_variant() {
        let p = with(Variant::RequestPathPercentDecoded);
        assert_eq!(&*request_path(&p, b"/a%20b/%7e%zz%4"), b"/a b/~%zz%4");
        // §5.8.3 step 3 compares the URL's octets as they are.
        assert_eq!(&*request_path(&Profile::rfc6265bis(), b"/a%20b"), b"/a%20b");
    }

    #[test]
    fn netscape_prefix_match_is_plain() {
        assert!(path_match_with(PathMatch::Prefix, b"/ab", b"/a"));
        assert!(!path_match_with(PathMatch::Rfc, b"/ab", b"/a"));
    }
}
