//! The chromium subject against a real headless Chromium, on a handful of
//! simple cases whose answers are worked from the spec.
//!
//! Without a Chromium binary the test prints a notice and passes, except
//! when the environment variable `CI` is set: CI installs Chromium, so its
//! absence there is a failure.
#![cfg(feature = "chromium")]

use cookiecheck::subject::Subject;
use cookiecheck_adapters::chromium::{find_binary, ChromiumSubject};
use cookiecheck_model::{RequestContext, RequestUri, SiteStatus};

fn uri(s: &str) -> RequestUri {
    RequestUri::parse(s).expect("a request URI")
}

fn have_chromium() -> bool {
    if find_binary().is_some() {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI is set but no Chromium binary was found (apt-get install chromium)"
    );
    eprintln!("notice: no Chromium binary; the chromium subject tests are skipped");
    false
}

fn header(jar: &mut ChromiumSubject, url: &str, ctx: &RequestContext) -> String {
    let h = jar
        .cookie_header(&uri(url), ctx, 0)
        .expect("a Cookie header");
    String::from_utf8(h.unwrap_or_default()).expect("UTF-8")
}

#[test]
fn chromium_answers_simple_cases_like_the_spec() {
    if !have_chromium() {
        return;
    }
    let http = RequestContext::default();
    let script = RequestContext::non_http();
    let mut jar = ChromiumSubject::new();
    jar.reset().expect("reset");

    // RFC 6265 §5.4 step 2: longer paths first. `b` has the default-path
    // /docs (§5.1.4), `a` the path /. Both are host-only for www.example.com.
    jar.set_cookies(
        &uri("http://www.example.com/docs/page"),
        &[b"a=1; Path=/".to_vec(), b"b=2".to_vec()],
        &http,
        0,
    )
    .expect("set");
    assert_eq!(
        header(&mut jar, "http://www.example.com/docs/x", &http),
        "b=2; a=1"
    );
    // §5.1.4: /other is not under /docs.
    assert_eq!(
        header(&mut jar, "http://www.example.com/other", &http),
        "a=1"
    );
    // §5.3 step 6: host-only cookies do not go to other hosts.
    assert_eq!(header(&mut jar, "http://sub.www.example.com/", &http), "");

    // RFC 6265bis §5.8.3 step 1: a secure-only cookie goes over https only.
    jar.set_cookies(
        &uri("https://www.example.com/"),
        &[b"s=3; Secure".to_vec()],
        &http,
        0,
    )
    .expect("set over https");
    assert_eq!(
        header(&mut jar, "https://www.example.com/", &http),
        "a=1; s=3"
    );
    assert_eq!(header(&mut jar, "http://www.example.com/", &http), "a=1");

    // RFC 6265bis §5.7 step 12 and §5.8.2: HttpOnly cookies are invisible to
    // document.cookie, which can still add cookies seen over HTTP.
    jar.reset().expect("reset");
    assert!(
        jar.cookies(0).expect("list").is_empty(),
        "reset empties the jar"
    );
    jar.set_cookies(
        &uri("http://shop.example.org/"),
        &[
            b"h=1; HttpOnly".to_vec(),
            b"j=2; Domain=example.org".to_vec(),
        ],
        &http,
        0,
    )
    .expect("set");
    assert_eq!(header(&mut jar, "http://shop.example.org/", &script), "j=2");
    jar.set_cookies(
        &uri("http://shop.example.org/"),
        &[b"k=3".to_vec()],
        &script,
        0,
    )
    .expect("document.cookie write");
    assert_eq!(
        header(&mut jar, "http://shop.example.org/", &http),
        "h=1; j=2; k=3"
    );
    // §5.3 step 6: the Domain cookie also goes to the parent domain.
    assert_eq!(header(&mut jar, "http://example.org/", &http), "j=2");

    // §5.3 step 6 (bis §5.7 step 9): a Domain that the host does not
    // domain-match is ignored with the whole cookie.
    jar.set_cookies(
        &uri("http://shop.example.org/"),
        &[b"x=9; Domain=other.example".to_vec()],
        &http,
        0,
    )
    .expect("set");
    let mut listed: Vec<(String, String, bool)> = jar
        .cookies(0)
        .expect("list")
        .into_iter()
        .map(|c| {
            (
                String::from_utf8(c.name).expect("UTF-8"),
                c.domain.expect("a domain"),
                c.host_only.expect("host-only known"),
            )
        })
        .collect();
    listed.sort();
    assert_eq!(
        listed,
        vec![
            ("h".into(), "shop.example.org".into(), true),
            ("j".into(), "example.org".into(), false),
            ("k".into(), "shop.example.org".into(), true),
        ]
    );

    // RFC 6265bis §5.8.3 step 3: cross-site, only SameSite=None goes with a
    // subresource request; Lax also goes with a top-level GET navigation.
    jar.reset().expect("reset");
    jar.set_cookies(
        &uri("https://site.example/"),
        &[
            b"n=1; SameSite=None; Secure".to_vec(),
            b"l=2; SameSite=Lax".to_vec(),
            b"s=3; SameSite=Strict".to_vec(),
        ],
        &http,
        0,
    )
    .expect("set");
    let subresource = RequestContext {
        site: SiteStatus::CrossSite,
        top_level: false,
        ..RequestContext::default()
    };
    let navigation = RequestContext {
        site: SiteStatus::CrossSite,
        ..RequestContext::default()
    };
    assert_eq!(
        header(&mut jar, "https://site.example/", &subresource),
        "n=1"
    );
    assert_eq!(
        header(&mut jar, "https://site.example/", &navigation),
        "n=1; l=2"
    );
    assert_eq!(
        header(&mut jar, "https://site.example/", &http),
        "n=1; l=2; s=3"
    );

    // RFC 6265bis §5.7 (last paragraph): at the end of a session the
    // non-persistent cookies go; the persistent ones stay (§5.7 step 6).
    jar.reset().expect("reset");
    jar.set_cookies(
        &uri("http://www.example.com/"),
        &[b"p=1; Max-Age=3600".to_vec(), b"s=2".to_vec()],
        &http,
        0,
    )
    .expect("set");
    assert_eq!(
        header(&mut jar, "http://www.example.com/", &http),
        "p=1; s=2"
    );
    jar.end_session().expect("end of session");
    assert_eq!(header(&mut jar, "http://www.example.com/", &http), "p=1");
}
