//! One-line descriptions of cookies and headers for reports.

use crate::escape::{quoted, quoted_short};
use crate::vectors::ExpectedCookie;
use cookiecheck_model::time::format_utc;
use cookiecheck_model::Cookie;

/// The longest byte string shown whole in reports; longer ones are shortened.
pub const SHOWN: usize = 200;

/// A Cookie header value: quoted, or `(no Cookie header)` when empty.
pub fn header(bytes: &[u8]) -> String {
    if bytes.is_empty() {
        "(no Cookie header)".to_string()
    } else {
        quoted_short(bytes, SHOWN)
    }
}

/// `name=value`, bare when both are plain ASCII, otherwise quoted.
pub fn pair(name: &[u8], value: &[u8]) -> String {
    let plain = |b: &[u8]| {
        b.len() <= SHOWN
            && b.iter()
                .all(|&c| (0x21..=0x7e).contains(&c) && c != b'"' && c != b'\\')
    };
    if plain(name) && plain(value) && !name.is_empty() {
        format!(
            "{}={}",
            String::from_utf8_lossy(name),
            String::from_utf8_lossy(value)
        )
    } else {
        format!(
            "{}={}",
            quoted_short(name, SHOWN),
            quoted_short(value, SHOWN)
        )
    }
}

/// A stored cookie with every field a vector can check.
pub fn cookie(c: &Cookie) -> String {
    let mut out = format!(
        "{} domain={} path={}",
        pair(&c.name, &c.value),
        c.domain,
        quoted_short(&c.path, SHOWN)
    );
    let flags = [
        (c.host_only, " host-only"),
        (c.secure_only, " secure"),
        (c.http_only, " http-only"),
    ];
    for (on, name) in flags {
        if on {
            out.push_str(name);
        }
    }
    out.push_str(&format!(" same-site={}", c.same_site));
    if c.persistent {
        out.push_str(&format!(
            " expires={} ({})",
            c.expiry_time,
            format_utc(c.expiry_time)
        ));
    } else {
        out.push_str(" session");
    }
    out
}

/// A cookie view (a vector's expected cookie or a subject's listed one):
/// the fields it states.
pub fn expected(e: &ExpectedCookie) -> String {
    let mut out = pair(&e.name, &e.value);
    if let Some(d) = &e.domain {
        out.push_str(&format!(" domain={d}"));
    }
    if let Some(p) = &e.path {
        out.push_str(&format!(" path={}", quoted(p)));
    }
    let flags = [
        ("host-only", e.host_only),
        ("secure", e.secure),
        ("http-only", e.http_only),
        ("persistent", e.persistent),
    ];
    for (name, v) in flags {
        if let Some(v) = v {
            out.push_str(&format!(" {name}={v}"));
        }
    }
    if let Some(s) = e.same_site {
        out.push_str(&format!(" same-site={s}"));
    }
    if let Some(t) = e.expires {
        out.push_str(&format!(" expires={t} ({})", format_utc(t)));
    }
    out
}
