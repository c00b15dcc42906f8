//! Writing a stored cookie back as a Set-Cookie line (the server syntax of
//! RFC 6265bis §4.1), such that receiving that line from the same origin,
//! in the same context and at the same time, recreates the same cookie.
//! Property tests and the fuzz targets use it as a round-trip oracle.

use crate::cookie::Cookie;
use crate::date::format_cookie_date;
use crate::same_site::SameSite;

/// The Set-Cookie field value that recreates `cookie` (RFC 6265bis §4.1.1
/// attributes: Expires for persistent cookies, Domain unless host-only,
/// Path always, then Secure, HttpOnly and SameSite when set).
pub fn to_set_cookie(cookie: &Cookie) -> Vec<u8> {
    let mut out = Vec::with_capacity(cookie.name.len() + cookie.value.len() + 64);
    // A nameless cookie is written "=value": without the "=", a value that
    // itself contains "=" would read back as a name (bis §5.6 step 3).
    out.extend_from_slice(&cookie.name);
    out.push(b'=');
    out.extend_from_slice(&cookie.value);
    if cookie.persistent {
        out.extend_from_slice(b"; Expires=");
        out.extend_from_slice(format_cookie_date(cookie.expiry_time).as_bytes());
    }
    if !cookie.host_only {
        // A leading dot is ignored by RFC 6265 and bis, and required for
        // partial domains by the Netscape rules (seed 002).
        out.extend_from_slice(b"; Domain=.");
        out.extend_from_slice(cookie.domain.as_bytes());
    }
    out.extend_from_slice(b"; Path=");
    out.extend_from_slice(&cookie.path);
    if cookie.secure_only {
        out.extend_from_slice(b"; Secure");
    }
    if cookie.http_only {
        out.extend_from_slice(b"; HttpOnly");
    }
    if cookie.same_site != SameSite::Default {
        out.extend_from_slice(b"; SameSite=");
        out.extend_from_slice(cookie.same_site.name().as_bytes());
    }
    out
}

/// The Set-Cookie field value that a parser reads back as `parsed`, when
/// parsed at `now` (RFC 6265bis §5.6): the pair, then Expires, Max-Age (as
/// the delta from `now`), Domain, Path, Secure, HttpOnly and SameSite when
/// present. The fuzz target `set_cookie_parse` checks that parse → write →
/// parse is stable.
pub fn parsed_to_line(
    parsed: &crate::set_cookie::SetCookie<'_>,
    now: crate::time::Time,
) -> Vec<u8> {
    let mut out = Vec::with_capacity(parsed.name.len() + parsed.value.len() + 64);
    out.extend_from_slice(parsed.name);
    out.push(b'=');
    out.extend_from_slice(parsed.value);
    if let Some(t) = parsed.expires {
        out.extend_from_slice(b"; Expires=");
        out.extend_from_slice(format_cookie_date(t).as_bytes());
    }
    if let Some(t) = parsed.max_age {
        let delta = t.saturating_sub(now).max(0);
        out.extend_from_slice(format!("; Max-Age={delta}").as_bytes());
    }
    if let Some(d) = &parsed.domain {
        // A leading dot only where one is needed: the parser removes one
        // (§5.6.3), so a value that is empty or itself starts with a dot or
        // with WSP (which the attribute's trimming would eat) gets one. An
        // unneeded dot would make a 1024-octet value one octet too long
        // (the 1024-octet attribute-value limit of RFC 6265bis §5.6).
        let needs_dot = matches!(d.first(), None | Some(b'.' | b' ' | b'\t'));
        out.extend_from_slice(if needs_dot {
            b"; Domain=."
        } else {
            b"; Domain="
        });
        out.extend_from_slice(d);
    }
    if let Some(p) = &parsed.path {
        out.extend_from_slice(b"; Path=");
        out.extend_from_slice(p);
    }
    if parsed.secure {
        out.extend_from_slice(b"; Secure");
    }
    if parsed.http_only {
        out.extend_from_slice(b"; HttpOnly");
    }
    if let Some(s) = parsed.same_site.filter(|s| *s != SameSite::Default) {
        out.extend_from_slice(b"; SameSite=");
        out.extend_from_slice(s.name().as_bytes());
    }
    out
}
