//! The jars of the jar benchmarks: N cookies spread over sites the way a
//! browser profile holds them, and the requests made against them.
//!
//! Cookie `i` belongs to site `d = i / PER_SITE` (`www.site{d}.example`) and
//! is that site's `k = i % PER_SITE`-th cookie, named `c{k}`. Its attributes
//! rotate with `k` so that every kind the retrieval algorithm distinguishes
//! is present: a Domain cookie for every even `k` (host-only otherwise), path
//! `/`, `/a` or `/a/b`, `Max-Age=86400` except every fourth (a session
//! cookie), `Secure` every fifth, `HttpOnly` on odd `k`, `SameSite=Lax` every
//! third. All N cookies have distinct identities, and no site reaches the
//! per-domain limit (50), so every profile stores all of them.

/// Cookies per site.
pub const PER_SITE: usize = 25;

/// The jar sizes the issue asks for.
pub const SIZES: [usize; 3] = [1, 100, 3000];

/// The URL every Cookie-header benchmark asks for: site 0, deep enough that
/// all three paths match, over https so that Secure cookies are included.
pub const REQUEST_URL: &str = "https://www.site0.example/a/b/page";

/// One Set-Cookie line and the URL of the response that carries it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Received {
    /// The response URL.
    pub url: String,
    /// The Set-Cookie field value.
    pub line: String,
}

/// The site and the `k` of cookie `i`.
fn site_and_k(i: usize) -> (usize, usize) {
    (i / PER_SITE, i % PER_SITE)
}

/// Cookie `i` with value `value`.
fn received(i: usize, value: &str) -> Received {
    let (d, k) = site_and_k(i);
    let mut line = format!("c{k}={value}");
    if k % 2 == 0 {
        line.push_str(&format!("; Domain=site{d}.example"));
    }
    line.push_str(["; Path=/", "; Path=/a", "; Path=/a/b"][k % 3]);
    if k % 4 != 3 {
        line.push_str("; Max-Age=86400");
    }
    if k % 5 == 0 {
        line.push_str("; Secure");
    }
    if k % 2 == 1 {
        line.push_str("; HttpOnly");
    }
    if k % 3 == 0 {
        line.push_str("; SameSite=Lax");
    }
    Received {
        url: format!("https://www.site{d}.example/a/b/page"),
        line,
    }
}

/// The `n` lines that fill an empty jar, in order.
pub fn fill(n: usize) -> Vec<Received> {
    (0..n)
        .map(|i| received(i, &format!("v{i:05}-3f9a2c71b8e4d605")))
        .collect()
}

/// A line that replaces cookie 0 (same name, domain, host-only-flag and
/// path; a new value), so that a jar keeps its size when it receives it.
pub fn replacement() -> Received {
    received(0, "replaced-0b1c2d3e4f5a6b7c")
}

/// How many cookies of a jar filled with `n` go to [`REQUEST_URL`].
pub fn sent_to_request_url(n: usize) -> usize {
    n.min(PER_SITE)
}

#[cfg(test)]
mod tests {
    use super::*;
    use cookiecheck_model::{Jar, Profile, RequestContext, RequestUri};

    fn filled(profile: Profile, n: usize) -> Jar {
        let mut jar = Jar::new(profile);
        let ctx = RequestContext::default();
        for r in fill(n) {
            let uri = RequestUri::parse(&r.url).expect("fixture URLs parse");
            let report = jar.set_cookie(&uri, r.line.as_bytes(), &ctx, 0);
            assert!(report.accepted(), "{}: {:?}", r.line, report.decision);
        }
        jar
    }

    #[test]
    fn every_profile_stores_all_n_cookies_and_sends_one_site() {
        for profile in [Profile::rfc6265(), Profile::rfc6265bis()] {
            for n in SIZES {
                let mut jar = filled(profile.clone(), n);
                assert_eq!(jar.len(), n);
                let uri = RequestUri::parse(REQUEST_URL).expect("valid URL");
                let got = jar.cookie_header(&uri, &RequestContext::default(), 1);
                assert_eq!(got.sent.len(), sent_to_request_url(n));
            }
        }
    }

    #[test]
    fn the_replacement_keeps_the_jar_size() {
        let mut jar = filled(Profile::rfc6265bis(), 100);
        let r = replacement();
        let uri = RequestUri::parse(&r.url).expect("valid URL");
        let report = jar.set_cookie(&uri, r.line.as_bytes(), &RequestContext::default(), 1);
        assert!(report.replaced);
        assert_eq!(jar.len(), 100);
    }
}
