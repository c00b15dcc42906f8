//! Cookie name prefixes (RFC 6265bis §5.4, enforced in §5.7 steps 20–22).

use crate::rule::Rule;
use crate::set_cookie::SetCookie;

/// `__Secure-`.
pub const SECURE_PREFIX: &[u8] = b"__Secure-";
/// `__Host-`.
pub const HOST_PREFIX: &[u8] = b"__Host-";

/// bis §5.4: user agents match prefixes case-insensitively.
pub fn has_prefix(s: &[u8], prefix: &[u8]) -> bool {
    s.len() >= prefix.len() && s[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// RFC 6265bis §5.7 steps 20–22 for a cookie with the given host-only-flag
/// and path.
pub fn check_prefixes(p: &SetCookie<'_>, host_only: bool, path: &[u8]) -> Result<(), Rule> {
    // Step 20: "__Secure-" needs the secure-only-flag.
    if has_prefix(p.name, SECURE_PREFIX) && !p.secure {
        return Err(Rule::SecurePrefix);
    }
    // Step 21: "__Host-" needs Secure, host-only, and an explicit Path
    // attribute with the cookie's path "/".
    if has_prefix(p.name, HOST_PREFIX)
        && !(p.secure && host_only && p.path.is_some() && path == b"/")
    {
        return Err(Rule::HostPrefix);
    }
    // Step 22: a nameless cookie may not look like a prefixed one.
    if p.name.is_empty() && (has_prefix(p.value, SECURE_PREFIX) || has_prefix(p.value, HOST_PREFIX))
    {
        return Err(Rule::NamelessPrefix);
    }
    Ok(())
}
