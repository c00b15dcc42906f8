//! The storage model (RFC 6265 §5.3, RFC 6265bis §5.7), one test per step
//! that can be observed; expected values from the step text.

mod common;
use common::*;
use cookiecheck_model::{Profile, RequestContext, Rule, SameSite};

#[test]
fn replacement_keeps_the_creation_time() {
    // bis §5.7 step 23.3: the new cookie takes the old creation-time, so "a"
    // stays ahead of "b" (equal path lengths sort by creation-time, §5.8.3 step 4).
    let mut j = jar(Profile::rfc6265bis());
    set(&mut j, "http://example.com/", "a=1", T0);
    set(&mut j, "http://example.com/", "b=2", T0 + 1);
    assert_eq!(
        set(&mut j, "http://example.com/", "a=3", T0 + 2),
        Rule::Replaced
    );
    assert_eq!(get(&mut j, "http://example.com/", T0 + 3), "a=3; b=2");
    let cookies = j.cookies(T0 + 3);
    assert_eq!(
        cookies
            .iter()
            .find(|c| c.name == b"a")
            .map(|c| c.creation_time),
        Some(T0)
    );
}

#[test]
fn host_only_flag_is_part_of_the_identity_in_bis_only() {
    // bis §5.7 step 23 compares the host-only-flag; RFC 6265 §5.3 step 11 does not.
    let mut bis = jar(Profile::rfc6265bis());
    set(&mut bis, "http://example.com/", "a=host", T0);
    assert_eq!(
        set(
            &mut bis,
            "http://example.com/",
            "a=domain; Domain=example.com",
            T0 + 1
        ),
        Rule::Stored
    );
    assert_eq!(
        get(&mut bis, "http://example.com/", T0 + 2),
        "a=host; a=domain"
    );
    let mut old = jar(Profile::rfc6265());
    set(&mut old, "http://example.com/", "a=host", T0);
    assert_eq!(
        set(
            &mut old,
            "http://example.com/",
            "a=domain; Domain=example.com",
            T0 + 1
        ),
        Rule::Replaced
    );
    assert_eq!(get(&mut old, "http://sub.example.com/", T0 + 2), "a=domain");
}

#[test]
fn secure_cookies_need_a_secure_origin_in_bis() {
    // bis §5.7 step 13.
    let mut j = jar(Profile::rfc6265bis());
    assert_eq!(
        set(&mut j, "http://example.com/", "a=1; Secure", T0),
        Rule::SecureFromInsecureOrigin
    );
    // localhost is potentially trustworthy.
    assert_eq!(
        set(&mut j, "http://localhost/", "a=1; Secure", T0),
        Rule::Stored
    );
    // RFC 6265 has no such step.
    let mut old = jar(Profile::rfc6265());
    assert_eq!(
        set(&mut old, "http://example.com/", "a=1; Secure", T0),
        Rule::Stored
    );
}

#[test]
fn strict_secure_uses_the_asymmetric_path_test() {
    // bis §5.7 step 16 note: existing secure "a" at /login blocks a non-secure
    // "a" at /login and /login/en, but not at / or /foo.
    let mut j = jar(Profile::rfc6265bis());
    set(
        &mut j,
        "https://example.com/",
        "a=s; Secure; Path=/login",
        T0,
    );
    assert_eq!(
        set(&mut j, "http://example.com/", "a=x; Path=/login", T0),
        Rule::StrictSecure
    );
    assert_eq!(
        set(&mut j, "http://example.com/", "a=x; Path=/login/en", T0),
        Rule::StrictSecure
    );
    assert_eq!(
        set(&mut j, "http://example.com/", "a=x; Path=/", T0),
        Rule::Stored
    );
    assert_eq!(
        set(&mut j, "http://example.com/", "a=x; Path=/foo", T0),
        Rule::Stored
    );
    // Domains match either way: a parent-domain cookie is shadowed too.
    assert_eq!(
        set(&mut j, "http://sub.example.com/", "a=x; Path=/login", T0),
        Rule::StrictSecure
    );
}

#[test]
fn http_only_cookies_are_out_of_reach_of_non_http_apis() {
    // bis §5.7 steps 15 and 23.2; §5.8.3 step 3.
    let mut j = jar(Profile::rfc6265bis());
    let dom = RequestContext::non_http();
    assert_eq!(
        set_in(&mut j, "http://example.com/", "a=1; HttpOnly", dom, T0),
        Rule::HttpOnlyFromNonHttp
    );
    set(&mut j, "http://example.com/", "a=1; HttpOnly", T0);
    assert_eq!(
        set_in(&mut j, "http://example.com/", "a=2", dom, T0),
        Rule::HttpOnlyOverwrite
    );
    assert_eq!(get_in(&mut j, "http://example.com/", dom, T0), "");
    assert_eq!(get(&mut j, "http://example.com/", T0), "a=1");
}

#[test]
fn same_site_none_requires_secure() {
    // bis §5.7 step 19.
    let mut j = jar(Profile::rfc6265bis());
    assert_eq!(
        set(&mut j, "https://example.com/", "a=1; SameSite=None", T0),
        Rule::SameSiteNoneInsecure
    );
    assert_eq!(
        set(
            &mut j,
            "https://example.com/",
            "a=1; SameSite=None; Secure",
            T0
        ),
        Rule::Stored
    );
}

#[test]
fn cross_site_subresources_cannot_set_same_site_cookies() {
    // bis §5.7 step 18.4; step 18.3 lets top-level navigations set any value.
    let mut j = jar(Profile::rfc6265bis());
    assert_eq!(
        set_in(
            &mut j,
            "https://example.com/",
            "a=1; SameSite=Lax",
            cross_site(false, true),
            T0
        ),
        Rule::SameSiteCrossSiteSet
    );
    assert_eq!(
        set_in(
            &mut j,
            "https://example.com/",
            "a=1",
            cross_site(false, true),
            T0
        ),
        Rule::SameSiteCrossSiteSet
    );
    assert_eq!(
        set_in(
            &mut j,
            "https://example.com/",
            "a=1; SameSite=Strict",
            cross_site(true, false),
            T0
        ),
        Rule::Stored
    );
    let c = j.cookies(T0);
    assert_eq!(c[0].same_site, SameSite::Strict);
}

#[test]
fn prefixes_are_matched_case_insensitively() {
    // bis §5.4 examples: rejected and accepted lines from https://site.example/.
    let mut j = jar(Profile::rfc6265bis());
    let url = "https://site.example/";
    for line in [
        "__Secure-SID=12345; Domain=site.example",
        "__secure-SID=12345; Domain=site.example",
        "__Host-SID=12345",
        "__host-SID=12345; Secure",
        "__HOST-SID=12345; Domain=site.example; Path=/",
        "__Host-SID=12345; Secure; Domain=site.example; Path=/",
    ] {
        assert!(
            matches!(
                set(&mut j, url, line, T0),
                Rule::SecurePrefix | Rule::HostPrefix
            ),
            "{line}"
        );
    }
    for line in [
        "__Secure-SID=12345; Domain=site.example; Secure",
        "__HOST-SID=12345; Secure; Path=/",
    ] {
        assert_eq!(set(&mut j, url, line, T0), Rule::Stored, "{line}");
    }
    // Step 22: a nameless cookie may not mimic a prefix.
    assert_eq!(
        set(&mut j, url, "__Host-x; Secure; Path=/", T0),
        Rule::NamelessPrefix
    );
}

#[test]
fn public_suffix_domains_are_rejected_unless_equal_to_the_host() {
    // bis §5.7 step 9.
    let mut j = jar(Profile::rfc6265bis());
    assert_eq!(
        set(&mut j, "http://example.co.uk/", "a=1; Domain=co.uk", T0),
        Rule::PublicSuffix
    );
    assert_eq!(
        set(&mut j, "http://co.uk/", "a=1; Domain=co.uk", T0),
        Rule::Stored
    );
    let c = j.cookies(T0);
    assert!(
        c[0].host_only,
        "step 9.3.1: the domain-attribute becomes empty, so host-only"
    );
}

#[test]
fn netscape_domain_rules() {
    // Seed 002 and the original two/three-dot rule.
    let mut j = jar(Profile::netscape());
    assert_eq!(
        set(
            &mut j,
            "http://www.example.com/",
            "a=1; Domain=example.com",
            T0
        ),
        Rule::NetscapeDomainDots
    );
    assert_eq!(
        set(
            &mut j,
            "http://www.example.com/",
            "a=1; Domain=.example.com",
            T0
        ),
        Rule::Stored
    );
    assert_eq!(
        set(
            &mut j,
            "http://a.b.example.com/",
            "a=1; Domain=b.example.com",
            T0
        ),
        Rule::NetscapeDomainLeadingDot
    );
    assert_eq!(
        set(
            &mut j,
            "http://www.example.co.uk/",
            "a=1; Domain=.co.uk",
            T0
        ),
        Rule::NetscapeDomainDots
    );
}

#[test]
fn netscape_names_are_case_insensitive() {
    // Seed 002: "Cookie names are NOT case-sensitive."
    let mut j = jar(Profile::netscape());
    set(&mut j, "http://example.com/", "ID=1", T0);
    assert_eq!(
        set(&mut j, "http://example.com/", "id=2", T0 + 1),
        Rule::Replaced
    );
    assert_eq!(get(&mut j, "http://example.com/", T0 + 2), "id=2");
}

#[test]
fn end_of_session_removes_only_non_persistent_cookies() {
    // RFC 6265 §5.3, last paragraph.
    let mut j = jar(Profile::rfc6265());
    set(&mut j, "http://example.com/", "s=1", T0);
    set(&mut j, "http://example.com/", "p=1; Max-Age=3600", T0 + 1);
    assert_eq!(j.end_session().len(), 1);
    assert_eq!(get(&mut j, "http://example.com/", T0 + 2), "p=1");
}
