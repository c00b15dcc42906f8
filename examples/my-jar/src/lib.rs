//! A deliberately small cookie jar, written from RFC 6265 §5.2–5.4 in a
//! hundred lines, to show how a jar author runs the cookiecheck suite in
//! their own `cargo test` (see `tests/conforms.rs`). It knows Domain, Path,
//! Secure, HttpOnly and Max-Age; it has no date parser (Expires is
//! ignored), no public suffix list and no limits. Where that makes it
//! depart from the model, `my-jar.toml` lists the case with the reason.

use cookiecheck_model::{RequestUri, Time};

/// One stored cookie.
#[derive(Debug, Clone)]
struct Stored {
    name: Vec<u8>,
    value: Vec<u8>,
    domain: String,
    host_only: bool,
    path: Vec<u8>,
    secure: bool,
    http_only: bool,
    /// `None`: a session cookie.
    expires: Option<Time>,
    created: u64,
}

/// The jar.
#[derive(Debug, Default)]
pub struct TinyJar {
    cookies: Vec<Stored>,
    counter: u64,
}

fn trim(b: &[u8]) -> &[u8] {
    let start = b
        .iter()
        .position(|c| *c != b' ' && *c != b'\t')
        .unwrap_or(b.len());
    let end = b
        .iter()
        .rposition(|c| *c != b' ' && *c != b'\t')
        .map_or(start, |i| i + 1);
    &b[start..end]
}

fn split_once(b: &[u8], sep: u8) -> (&[u8], Option<&[u8]>) {
    match b.iter().position(|c| *c == sep) {
        Some(i) => (&b[..i], Some(&b[i + 1..])),
        None => (b, None),
    }
}

/// RFC 6265 §5.1.4: the directory of the request path.
fn default_path(path: &[u8]) -> Vec<u8> {
    match path.iter().rposition(|c| *c == b'/') {
        Some(0) | None => b"/".to_vec(),
        Some(i) => path[..i].to_vec(),
    }
}

/// RFC 6265 §5.1.3 (without the IP-address exclusion).
fn domain_match(host: &str, domain: &str) -> bool {
    host == domain
        || host
            .strip_suffix(domain)
            .is_some_and(|rest| rest.ends_with('.'))
}

/// RFC 6265 §5.1.4.
fn path_match(request: &[u8], cookie: &[u8]) -> bool {
    request == cookie
        || (request.starts_with(cookie)
            && (cookie.ends_with(b"/") || request.get(cookie.len()) == Some(&b'/')))
}

impl TinyJar {
    /// An empty jar.
    pub fn new() -> TinyJar {
        TinyJar::default()
    }

    /// Receives one Set-Cookie field value from `url` at `now`; `http` is
    /// false for a script's `document.cookie` write.
    pub fn set_cookie(&mut self, url: &RequestUri, line: &[u8], now: Time, http: bool) {
        let (pair, attributes) = split_once(line, b';');
        let (name, value) = match split_once(pair, b'=') {
            (name, Some(value)) => (trim(name), trim(value)),
            (_, None) => return,
        };
        if name.is_empty() {
            return;
        }
        let host = url.host().to_string();
        let mut c = Stored {
            name: name.to_vec(),
            value: value.to_vec(),
            domain: host.clone(),
            host_only: true,
            path: default_path(url.path()),
            secure: false,
            http_only: false,
            expires: None,
            created: self.counter,
        };
        for attribute in attributes.unwrap_or_default().split(|b| *b == b';') {
            let (key, val) = split_once(attribute, b'=');
            let key = String::from_utf8_lossy(trim(key)).to_ascii_lowercase();
            let val = trim(val.unwrap_or_default());
            match key.as_str() {
                "max-age" => {
                    let digits = val.strip_prefix(b"-").unwrap_or(val);
                    if !digits.is_empty() && digits.iter().all(u8::is_ascii_digit) {
                        let huge = if val.starts_with(b"-") {
                            i64::MIN
                        } else {
                            i64::MAX
                        };
                        let n: i64 = String::from_utf8_lossy(val).parse().unwrap_or(huge);
                        c.expires = Some(if n <= 0 {
                            Time::MIN
                        } else {
                            now.saturating_add(n)
                        });
                    }
                }
                // §5.2.3: an empty value is ignored; one leading dot goes.
                // §5.3 step 6: the last Domain decides; empty means host-only.
                "domain" if !val.is_empty() => {
                    let d = String::from_utf8_lossy(val.strip_prefix(b".").unwrap_or(val));
                    c.host_only = d.is_empty();
                    c.domain = if d.is_empty() {
                        host.clone()
                    } else {
                        d.to_ascii_lowercase()
                    };
                }
                "path" => {
                    c.path = if val.first() == Some(&b'/') {
                        val.to_vec()
                    } else {
                        default_path(url.path())
                    };
                }
                "secure" => c.secure = true,
                "httponly" => c.http_only = true,
                _ => {}
            }
        }
        if !c.host_only && !domain_match(&host, &c.domain) {
            return;
        }
        if c.http_only && !http {
            return;
        }
        let same = |o: &Stored| o.name == c.name && o.domain == c.domain && o.path == c.path;
        if let Some(old) = self.cookies.iter().position(same) {
            if self.cookies[old].http_only && !http {
                return;
            }
            c.created = self.cookies[old].created;
            self.cookies.remove(old);
        } else {
            self.counter += 1;
            c.created = self.counter;
        }
        if c.expires.is_none_or(|e| e >= now) {
            self.cookies.push(c);
        }
    }

    /// The Cookie header for `url` at `now` (`None`: no header).
    pub fn cookie_header(&mut self, url: &RequestUri, now: Time, http: bool) -> Option<Vec<u8>> {
        self.cookies.retain(|c| c.expires.is_none_or(|e| e >= now));
        let mut sent: Vec<&Stored> = self
            .cookies
            .iter()
            .filter(|c| {
                let host = url.host();
                let domain_ok = if c.host_only {
                    host == c.domain
                } else {
                    domain_match(host, &c.domain)
                };
                domain_ok
                    && path_match(url.path(), &c.path)
                    && (!c.secure || url.has_secure_scheme())
                    && (http || !c.http_only)
            })
            .collect();
        sent.sort_by(|a, b| {
            b.path
                .len()
                .cmp(&a.path.len())
                .then(a.created.cmp(&b.created))
        });
        let pairs: Vec<Vec<u8>> = sent
            .iter()
            .map(|c| [&c.name[..], b"=", &c.value[..]].concat())
            .collect();
        (!pairs.is_empty()).then(|| pairs.join(&b"; "[..]))
    }

    /// The session ends: session cookies go.
    pub fn end_session(&mut self) {
        self.cookies.retain(|c| c.expires.is_some());
    }

    /// Empties the jar.
    pub fn clear(&mut self) {
        self.cookies.clear();
    }
}
