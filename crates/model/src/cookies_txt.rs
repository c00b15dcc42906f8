//! The Netscape `cookies.txt` file (seed 002): one cookie per line, seven
//! TAB-separated fields — domain, include-subdomains, path, secure, expiry,
//! name, value — with `#HttpOnly_` before the domain of HttpOnly cookies
//! (the curl and browser-export convention), `0` as the expiry of session
//! cookies, and `#` comments.

use crate::cookie::Cookie;
use crate::same_site::SameSite;
use crate::time::{Time, LATEST};
use std::fmt;

/// The first line a writer produces.
pub const HEADER: &str = "# Netscape HTTP Cookie File";

const HTTP_ONLY_PREFIX: &[u8] = b"#HttpOnly_";

/// A malformed cookies.txt file: the 1-based line and what was wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TxtError {
    /// 1-based line number.
    pub line: usize,
    /// What was expected.
    pub message: String,
}

impl fmt::Display for TxtError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cookies.txt line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for TxtError {}

/// A cookie that the format cannot hold.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum TxtWriteError {
    /// A field contains a TAB, CR or LF where the format has no room for it.
    Unrepresentable {
        /// The cookie (`name=value`).
        cookie: String,
        /// Why.
        reason: &'static str,
    },
    /// What was written could not be read back.
    Unreadable(String),
}

impl fmt::Display for TxtWriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TxtWriteError::Unrepresentable { cookie, reason } => {
                write!(f, "cannot write {cookie} to cookies.txt: {reason}")
            }
            TxtWriteError::Unreadable(e) => {
                write!(f, "the written cookies.txt does not read back: {e}")
            }
        }
    }
}

impl std::error::Error for TxtWriteError {}

/// Reads a cookies.txt file as at `now`. Cookies come back in file order
/// with creation- and last-access-time `now` and `creation_order` = index.
pub fn read(text: &[u8], now: Time) -> Result<Vec<Cookie>, TxtError> {
    let mut cookies = Vec::new();
    for (index, raw) in text.split(|&b| b == b'\n').enumerate() {
        let line = raw.strip_suffix(b"\r").unwrap_or(raw);
        let (http_only, body) = match line.strip_prefix(HTTP_ONLY_PREFIX) {
            Some(rest) => (true, rest),
            None => (false, line),
        };
        if !http_only && (line.starts_with(b"#") || line.iter().all(u8::is_ascii_whitespace)) {
            continue;
        }
        let mut cookie = read_line(body, now).map_err(|message| TxtError {
            line: index + 1,
            message,
        })?;
        cookie.http_only = http_only;
        cookie.creation_order = cookies.len() as u64;
        cookies.push(cookie);
    }
    Ok(cookies)
}

fn read_line(line: &[u8], now: Time) -> Result<Cookie, String> {
    let fields: Vec<&[u8]> = line.splitn(7, |&b| b == b'\t').collect();
    let [domain, subdomains, path, secure, expiry, name, value] = fields[..] else {
        return Err(format!(
            "expected 7 TAB-separated fields, found {}",
            fields.len()
        ));
    };
    let flag = |field: &[u8], what: &str| match field {
        b"TRUE" => Ok(true),
        b"FALSE" => Ok(false),
        other => Err(format!(
            "{what} must be TRUE or FALSE, found `{}`",
            String::from_utf8_lossy(other)
        )),
    };
    let include_subdomains = flag(subdomains, "include-subdomains")?;
    let secure = flag(secure, "secure")?;
    let expiry = std::str::from_utf8(expiry)
        .ok()
        .filter(|s| !s.is_empty())
        .and_then(|s| s.parse::<i64>().ok())
        .ok_or_else(|| {
            format!(
                "expiry must be an integer, found `{}`",
                String::from_utf8_lossy(expiry)
            )
        })?;
    let domain_text =
        std::str::from_utf8(domain).map_err(|_| "the domain is not UTF-8".to_string())?;
    let (dotted, bare) = match domain_text.strip_prefix('.') {
        Some(rest) => (true, rest),
        None => (false, domain_text),
    };
    if bare.is_empty() {
        return Err("the domain is empty".to_string());
    }
    if path.is_empty() {
        return Err("the path is empty".to_string());
    }
    Ok(Cookie {
        name: name.to_vec(),
        value: value.to_vec(),
        domain: bare.to_ascii_lowercase(),
        path: path.to_vec(),
        creation_time: now,
        last_access_time: now,
        expiry_time: if expiry == 0 { LATEST } else { expiry },
        persistent: expiry != 0,
        host_only: !(dotted || include_subdomains),
        secure_only: secure,
        http_only: false,
        same_site: SameSite::Default,
        creation_order: 0,
        secure_on_save: false,
    })
}

/// Writes cookies (in the order given) as a cookies.txt file.
pub fn write(cookies: &[Cookie]) -> Result<Vec<u8>, TxtWriteError> {
    let mut out = Vec::with_capacity(64 * cookies.len() + HEADER.len() + 1);
    out.extend_from_slice(HEADER.as_bytes());
    out.push(b'\n');
    for c in cookies {
        write_line(&mut out, c)?;
    }
    Ok(out)
}

fn write_line(out: &mut Vec<u8>, c: &Cookie) -> Result<(), TxtWriteError> {
    let fail = |reason| TxtWriteError::Unrepresentable {
        cookie: c.pair(),
        reason,
    };
    let breaks = |s: &[u8]| s.iter().any(|&b| b == b'\n' || b == b'\r');
    if c.name.contains(&b'\t') || breaks(&c.name) {
        return Err(fail("the name contains a TAB, CR or LF"));
    }
    if breaks(&c.value) {
        return Err(fail("the value contains a CR or LF"));
    }
    if c.path.contains(&b'\t') || breaks(&c.path) || c.path.is_empty() {
        return Err(fail("the path is empty or contains a TAB, CR or LF"));
    }
    if c.persistent && c.expiry_time == 0 {
        return Err(fail("a persistent cookie expiring at 1970-01-01T00:00:00Z would read back as a session cookie"));
    }
    if c.http_only {
        out.extend_from_slice(HTTP_ONLY_PREFIX);
    }
    if !c.host_only {
        out.push(b'.');
    }
    out.extend_from_slice(c.domain.as_bytes());
    out.extend_from_slice(if c.host_only {
        b"\tFALSE\t"
    } else {
        b"\tTRUE\t"
    });
    out.extend_from_slice(&c.path);
    out.extend_from_slice(if c.secure_only {
        b"\tTRUE\t"
    } else {
        b"\tFALSE\t"
    });
    let expiry = if c.persistent { c.expiry_time } else { 0 };
    out.extend_from_slice(expiry.to_string().as_bytes());
    out.push(b'\t');
    out.extend_from_slice(&c.name);
    out.push(b'\t');
    out.extend_from_slice(&c.value);
    out.push(b'\n');
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: Time = 1_704_067_200;

    #[test]
    fn reads_the_seven_fields() {
        let text = b"# Netscape HTTP Cookie File\n.netscape.com\tTRUE\t/\tFALSE\t946684799\tNETSCAPE_ID\t100103\n";
        let cookies = read(text, 0).expect("valid file");
        assert_eq!(cookies.len(), 1);
        let c = &cookies[0];
        assert_eq!(
            (c.domain.as_str(), c.host_only, c.persistent),
            ("netscape.com", false, true)
        );
        assert_eq!(
            (c.name.as_slice(), c.value.as_slice()),
            (&b"NETSCAPE_ID"[..], &b"100103"[..])
        );
        assert_eq!(c.expiry_time, 946_684_799);
    }

    #[test]
    fn expiry_zero_is_a_session_cookie_and_http_only_prefix_is_read() {
        let cookies =
            read(b"#HttpOnly_example.com\tFALSE\t/\tTRUE\t0\ta\tb\r\n", NOW).expect("valid file");
        let c = &cookies[0];
        assert!(c.http_only && c.secure_only && c.host_only && !c.persistent);
        assert_eq!(c.expiry_time, LATEST);
    }

    #[test]
    fn the_value_keeps_its_tabs() {
        let cookies = read(b"example.com\tFALSE\t/\tFALSE\t0\ta\tb\tc", NOW).expect("valid file");
        assert_eq!(cookies[0].value, b"b\tc");
    }

    #[test]
    fn malformed_lines_name_their_line_number() {
        let err =
            read(b"# header\n\nexample.com\tFALSE\t/\tFALSE\n", NOW).expect_err("too few fields");
        assert_eq!(err.line, 3);
        let err = read(b"example.com\tMAYBE\t/\tFALSE\t0\ta\tb\n", NOW).expect_err("bad flag");
        assert_eq!(err.line, 1);
        let err = read(b"example.com\tFALSE\t/\tFALSE\tsoon\ta\tb\n", NOW).expect_err("bad expiry");
        assert!(err.message.contains("integer"));
    }

    #[test]
    fn write_then_read_round_trips() {
        let text = b"# Netscape HTTP Cookie File\n#HttpOnly_.example.com\tTRUE\t/a\tTRUE\t4102444800\tid\tv\texact\nwww.example.com\tFALSE\t/\tFALSE\t0\tb\t\n";
        let cookies = read(text, NOW).expect("valid file");
        assert_eq!(write(&cookies).expect("representable"), text.to_vec());
    }

    #[test]
    fn unrepresentable_cookies_are_refused() {
        let mut c = read(b"example.com\tFALSE\t/\tFALSE\t0\ta\tb\n", NOW)
            .expect("valid file")
            .remove(0);
        c.name = b"a\tb".to_vec();
        assert!(write(&[c]).is_err());
    }
}
