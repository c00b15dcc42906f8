//! The rule variants (`cookiecheck_model::Variant`) at their steps, end to
//! end through a jar. Each test states the base rule (its spec step) and the
//! variant's one-line summary, and works the expected values from those.

mod common;
use common::*;
use cookiecheck_model::{Profile, ProfileId, RequestContext, Rule, Variant, Variants};

fn with(base: ProfileId, v: Variant) -> Profile {
    Profile::for_id(base).with_variants(Variants::NONE.with(v))
}

const BOTH: [ProfileId; 2] = [ProfileId::Rfc6265, ProfileId::Rfc6265bis];

#[test]
fn non_ascii_domain_attribute_is_checked_as_its_a_label() {
    // bis §5.7 step 8: a non-ASCII Domain ignores the cookie.
    let line = "a=1; Domain=bücher.example";
    let mut j = jar(Profile::rfc6265bis());
    assert_eq!(
        set(&mut j, "http://www.bücher.example/", line, T0),
        Rule::NonAsciiDomain
    );
    // non-ascii-domain-to-a-label: "bücher.example" is xn--bcher-kva.example,
    // which the host www.xn--bcher-kva.example domain-matches.
    let mut j = jar(with(ProfileId::Rfc6265bis, Variant::NonAsciiDomainToALabel));
    assert_eq!(
        set(&mut j, "http://www.bücher.example/", line, T0),
        Rule::Stored
    );
    let c = &j.cookies(T0)[0];
    assert_eq!(
        (c.domain.as_str(), c.host_only),
        ("xn--bcher-kva.example", false)
    );
}

#[test]
fn domain_equal_to_an_ip_host() {
    // RFC 6265 §5.3 step 6 / bis §5.7 step 10: identical strings domain-match,
    // so the cookie is a Domain cookie (host-only-flag false).
    let (url, line) = ("http://192.168.0.1/", "a=1; Domain=192.168.0.1");
    for base in BOTH {
        let mut j = jar(Profile::for_id(base));
        assert_eq!(set(&mut j, url, line, T0), Rule::Stored);
        assert!(!j.cookies(T0)[0].host_only, "{base}");
        // ip-domain-host-only: accepted, but host-only.
        let mut j = jar(with(base, Variant::IpDomainHostOnly));
        assert_eq!(set(&mut j, url, line, T0), Rule::Stored);
        assert!(j.cookies(T0)[0].host_only, "{base}");
        // ip-domain-rejected: an IP-address Domain ignores the cookie.
        let mut j = jar(with(base, Variant::IpDomainRejected));
        assert_eq!(
            set(&mut j, url, line, T0),
            Rule::ByVariant(Variant::IpDomainRejected)
        );
        assert!(j.is_empty());
    }
}

#[test]
fn ip_hosts_domain_match_by_suffix_only_under_the_variant() {
    // §5.1.3: an IP address matches only an identical domain.
    let (url, line) = ("http://192.168.0.1/", "a=1; Domain=168.0.1");
    for base in BOTH {
        let mut j = jar(Profile::for_id(base));
        assert_eq!(set(&mut j, url, line, T0), Rule::DomainMismatch);
        // ip-suffix-domain-match: "168.0.1" is a dotted suffix of the host,
        // so the cookie is stored and goes to every host ending in ".168.0.1".
        let mut j = jar(with(base, Variant::IpSuffixDomainMatch));
        assert_eq!(set(&mut j, url, line, T0), Rule::Stored);
        assert_eq!(get(&mut j, "http://10.168.0.1/", T0), "a=1");
        assert_eq!(get(&mut j, "http://10.169.0.1/", T0), "");
    }
}

#[test]
fn public_suffix_domain_equal_to_the_host() {
    // bis §5.7 step 9.3 (6265 step 5): identical to the host: host-only.
    let (url, line) = ("http://co.uk/", "a=1; Domain=co.uk");
    for base in BOTH {
        let mut j = jar(Profile::for_id(base));
        assert_eq!(set(&mut j, url, line, T0), Rule::Stored);
        assert!(j.cookies(T0)[0].host_only);
        // public-suffix-host-rejected: ignored even then.
        let mut j = jar(with(base, Variant::PublicSuffixHostRejected));
        assert_eq!(set(&mut j, url, line, T0), Rule::PublicSuffix);
    }
}

#[test]
fn unlisted_top_level_names_are_public_suffixes_only_by_the_default_rule() {
    // bis §5.7 step 9 with the list's "*" rule: "zz" is a public suffix.
    let (url, line) = ("http://www.site.zz/", "a=1; Domain=zz");
    for base in BOTH {
        let mut j = jar(Profile::for_id(base));
        assert_eq!(set(&mut j, url, line, T0), Rule::PublicSuffix);
        // public-suffix-no-default-rule: "zz" is listed nowhere, so it is an
        // ordinary domain: stored and sent to other.zz.
        let mut j = jar(with(base, Variant::PublicSuffixNoDefaultRule));
        assert_eq!(set(&mut j, url, line, T0), Rule::Stored);
        assert_eq!(get(&mut j, "http://other.zz/", T0), "a=1");
        // A listed suffix is still rejected.
        assert_eq!(
            set(&mut j, "http://www.example.com/", "b=1; Domain=com", T0),
            Rule::PublicSuffix
        );
    }
}

#[test]
fn trailing_dot_host() {
    // §5.1.2 keeps the root dot: example.com. and example.com are two hosts.
    for base in BOTH {
        let mut j = jar(Profile::for_id(base));
        set(&mut j, "http://example.com./", "a=1", T0);
        assert_eq!(get(&mut j, "http://example.com/", T0), "");
        // host-trailing-dot-stripped: the dot is removed, so they share cookies.
        let mut j = jar(with(base, Variant::HostTrailingDotStripped));
        set(&mut j, "http://example.com./", "a=1", T0);
        assert_eq!(j.cookies(T0)[0].domain, "example.com");
        assert_eq!(get(&mut j, "http://example.com/", T0), "a=1");
    }
}

#[test]
fn u_label_host_is_kept_as_written_only_under_the_variant() {
    // §5.1.2 step 3: U-labels become A-labels.
    for base in BOTH {
        let mut j = jar(Profile::for_id(base));
        set(&mut j, "http://Bücher.example/", "a=1", T0);
        assert_eq!(j.cookies(T0)[0].domain, "xn--bcher-kva.example");
        // host-not-idna-canonical: as written, lower-cased.
        let mut j = jar(with(base, Variant::HostNotIdnaCanonical));
        set(&mut j, "http://Bücher.example/", "a=1", T0);
        assert_eq!(j.cookies(T0)[0].domain, "bücher.example");
        assert_eq!(get(&mut j, "http://xn--bcher-kva.example/", T0), "");
    }
}

#[test]
fn canonical_host_caches_stay_apart_across_variants() {
    // One RequestUri asked under the base, then under each host variant,
    // then the base again: each answer is that mode's.
    let u = uri("http://Bücher.example./");
    let base = Profile::rfc6265bis();
    let written = with(ProfileId::Rfc6265bis, Variant::HostNotIdnaCanonical);
    let stripped = with(ProfileId::Rfc6265bis, Variant::HostTrailingDotStripped);
    assert_eq!(u.canonical_host_for(&base), Some("xn--bcher-kva.example."));
    assert_eq!(u.canonical_host_for(&written), Some("bücher.example."));
    assert_eq!(
        u.canonical_host_for(&stripped),
        Some("xn--bcher-kva.example")
    );
    assert_eq!(u.canonical_host_for(&base), Some("xn--bcher-kva.example."));
    assert_eq!(u.canonical_host(true), Some("xn--bcher-kva.example."));
}

#[test]
fn strict_secure_within_the_registrable_domain() {
    // bis §5.7 step 16: a Secure cookie on github.io (a public suffix host)
    // has a domain that a.github.io domain-matches: the insecure set is ignored.
    let mut j = jar(Profile::rfc6265bis());
    set(&mut j, "https://github.io/", "s=1; Secure", T0);
    assert_eq!(
        set(&mut j, "http://a.github.io/", "s=2", T0),
        Rule::StrictSecure
    );
    // strict-secure-registrable-domain: github.io is not a.github.io's
    // registrable domain, so it blocks nothing ...
    let mut j = jar(with(
        ProfileId::Rfc6265bis,
        Variant::StrictSecureRegistrableDomain,
    ));
    set(&mut j, "https://github.io/", "s=1; Secure", T0);
    assert_eq!(set(&mut j, "http://a.github.io/", "s=2", T0), Rule::Stored);
    // ... while inside one registrable domain the check still applies.
    set(&mut j, "https://example.com/", "t=1; Secure", T0);
    assert_eq!(
        set(&mut j, "http://www.example.com/", "t=2", T0),
        Rule::StrictSecure
    );
}

#[test]
fn same_site_none_without_secure() {
    // bis §5.7 step 19: ignored.
    let mut j = jar(Profile::rfc6265bis());
    let line = "a=1; SameSite=None";
    assert_eq!(
        set(&mut j, "https://example.com/", line, T0),
        Rule::SameSiteNoneInsecure
    );
    // same-site-none-insecure-allowed: stored.
    let mut j = jar(with(
        ProfileId::Rfc6265bis,
        Variant::SameSiteNoneInsecureAllowed,
    ));
    assert_eq!(set(&mut j, "https://example.com/", line, T0), Rule::Stored);
}

#[test]
fn default_same_site_as_none() {
    // bis §5.7 step 18: a cross-site subresource cannot set a Default cookie;
    // §5.8.3 step 3: nor is one sent there.
    let sub = cross_site(false, true);
    let mut j = jar(Profile::rfc6265bis());
    assert_eq!(
        set_in(&mut j, "https://example.com/", "a=1", sub, T0),
        Rule::SameSiteCrossSiteSet
    );
    set(&mut j, "https://example.com/", "a=1", T0);
    assert_eq!(get_in(&mut j, "https://example.com/", sub, T0), "");
    // same-site-default-none: set and sent in cross-site contexts.
    let mut j = jar(with(ProfileId::Rfc6265bis, Variant::SameSiteDefaultNone));
    assert_eq!(
        set_in(&mut j, "https://example.com/", "a=1", sub, T0),
        Rule::Stored
    );
    assert_eq!(get_in(&mut j, "https://example.com/", sub, T0), "a=1");
    // An explicit Lax cookie keeps its enforcement.
    set(&mut j, "https://example.com/", "a=2; SameSite=Lax", T0);
    assert_eq!(get_in(&mut j, "https://example.com/", sub, T0), "");
}

#[test]
fn lax_allowing_unsafe_for_fresh_default_cookies() {
    // bis §5.8.3 step 3: a cross-site top-level POST carries no Default cookie.
    let post = cross_site(true, false);
    let mut j = jar(Profile::rfc6265bis());
    set(&mut j, "https://example.com/", "a=1", T0);
    assert_eq!(get_in(&mut j, "https://example.com/", post, T0 + 120), "");
    // lax-allowing-unsafe: it does while the cookie is at most 2 minutes old,
    let mut j = jar(with(ProfileId::Rfc6265bis, Variant::LaxAllowingUnsafe));
    set(&mut j, "https://example.com/", "a=1", T0);
    set(&mut j, "https://example.com/", "l=1; SameSite=Lax", T0);
    assert_eq!(
        get_in(&mut j, "https://example.com/", post, T0 + 120),
        "a=1"
    );
    // not after,
    assert_eq!(get_in(&mut j, "https://example.com/", post, T0 + 121), "");
    // and never for a cross-site subresource.
    let sub_post = cross_site(false, false);
    assert_eq!(get_in(&mut j, "https://example.com/", sub_post, T0 + 1), "");
}

#[test]
fn cookie_header_in_creation_order() {
    // §5.4 step 2 / bis §5.8.3 step 4: longer paths first.
    for base in BOTH {
        let mut j = jar(Profile::for_id(base));
        set(&mut j, "http://example.com/", "a=1; Path=/", T0);
        set(&mut j, "http://example.com/", "b=2; Path=/x", T0 + 1);
        assert_eq!(get(&mut j, "http://example.com/x/y", T0 + 2), "b=2; a=1");
        // store-order: creation order.
        let mut j = jar(with(base, Variant::StoreOrder));
        set(&mut j, "http://example.com/", "a=1; Path=/", T0);
        set(&mut j, "http://example.com/", "b=2; Path=/x", T0 + 1);
        assert_eq!(get(&mut j, "http://example.com/x/y", T0 + 2), "a=1; b=2");
    }
}

#[test]
fn host_only_cookies_reach_subdomains_only_under_the_variant() {
    // §5.4 step 1 / bis §5.8.3 step 3: host-only needs the identical host.
    for base in BOTH {
        let mut j = jar(Profile::for_id(base));
        set(&mut j, "http://example.com/", "a=1", T0);
        assert_eq!(get(&mut j, "http://www.example.com/", T0), "");
        // host-only-to-subdomains: subdomains of the host too.
        let mut j = jar(with(base, Variant::HostOnlyToSubdomains));
        set(&mut j, "http://example.com/", "a=1", T0);
        assert_eq!(get(&mut j, "http://www.example.com/", T0), "a=1");
        assert_eq!(get(&mut j, "http://badexample.com/", T0), "");
    }
}

#[test]
fn wss_as_a_secure_protocol() {
    // §5.4 step 1 / bis §5.8.3 step 3: wss is a secure protocol.
    for base in BOTH {
        let mut j = jar(Profile::for_id(base));
        set(&mut j, "https://example.com/", "a=1; Secure", T0);
        assert_eq!(get(&mut j, "wss://example.com/", T0), "a=1");
        // wss-not-secure: only https is.
        let mut j = jar(with(base, Variant::WssNotSecure));
        set(&mut j, "https://example.com/", "a=1; Secure", T0);
        assert_eq!(get(&mut j, "wss://example.com/", T0), "");
        assert_eq!(get(&mut j, "https://example.com/", T0), "a=1");
    }
}

#[test]
fn websocket_requests_as_a_non_http_api() {
    // RFC 6265 §5.3 step 10, bis §5.7 step 15: only non-HTTP APIs may not set
    // HttpOnly; a ws:// handshake is HTTP.
    for base in BOTH {
        let mut j = jar(Profile::for_id(base));
        assert_eq!(
            set(&mut j, "ws://example.com/", "a=1; HttpOnly", T0),
            Rule::Stored
        );
        assert_eq!(get(&mut j, "ws://example.com/", T0), "a=1");
        // ws-is-non-http: HttpOnly cookies are neither set nor sent there.
        let mut j = jar(with(base, Variant::WsIsNonHttp));
        assert_eq!(
            set(&mut j, "ws://example.com/", "a=1; HttpOnly", T0),
            Rule::HttpOnlyFromNonHttp
        );
        set(&mut j, "http://example.com/", "b=1; HttpOnly", T0);
        set(&mut j, "http://example.com/", "c=1", T0);
        assert_eq!(get(&mut j, "ws://example.com/", T0), "c=1");
        assert_eq!(get(&mut j, "http://example.com/", T0), "b=1; c=1");
    }
}

#[test]
fn cookie_path_trailing_slash() {
    // §5.1.4: cookie-path "/a/" does not path-match "/a".
    for base in BOTH {
        let mut j = jar(Profile::for_id(base));
        set(&mut j, "http://example.com/", "a=1; Path=/a/", T0);
        assert_eq!(get(&mut j, "http://example.com/a", T0), "");
        // path-trailing-slash-stripped: the cookie-path is "/a".
        let mut j = jar(with(base, Variant::PathTrailingSlashStripped));
        set(&mut j, "http://example.com/", "a=1; Path=/a/", T0);
        assert_eq!(j.cookies(T0)[0].path, b"/a");
        assert_eq!(get(&mut j, "http://example.com/a", T0), "a=1");
        // "/" itself stays.
        set(&mut j, "http://example.com/", "r=1; Path=/", T0);
        assert!(j.cookies(T0).iter().any(|c| c.path == b"/"));
    }
}

#[test]
fn default_path_with_its_trailing_slash() {
    // §5.1.4 step 4: up to, but not including, the right-most "/".
    for base in BOTH {
        let mut j = jar(Profile::for_id(base));
        set(&mut j, "http://example.com/a/b", "a=1", T0);
        assert_eq!(j.cookies(T0)[0].path, b"/a");
        // default-path-keeps-slash: up to and including it.
        let mut j = jar(with(base, Variant::DefaultPathKeepsSlash));
        set(&mut j, "http://example.com/a/b", "a=1", T0);
        assert_eq!(j.cookies(T0)[0].path, b"/a/");
    }
}

#[test]
fn request_path_percent_decoding() {
    // §5.4 step 1 / bis §5.8.3 step 3: the request path's octets as they are:
    // "/%7Ex" is not "/~x".
    for base in BOTH {
        let mut j = jar(Profile::for_id(base));
        set(&mut j, "http://example.com/", "a=1; Path=/~x", T0);
        assert_eq!(get(&mut j, "http://example.com/%7Ex", T0), "");
        set(&mut j, "http://example.com/p%2Fq/r", "d=1", T0);
        assert!(j.cookies(T0).iter().any(|c| c.path == b"/p%2Fq"));
        // request-path-percent-decoded: decoded before path-match and the
        // default-path ("/p/q/r" gives "/p/q").
        let mut j = jar(with(base, Variant::RequestPathPercentDecoded));
        set(&mut j, "http://example.com/", "a=1; Path=/~x", T0);
        assert_eq!(get(&mut j, "http://example.com/%7Ex", T0), "a=1");
        set(&mut j, "http://example.com/p%2Fq/r", "d=1", T0);
        assert!(j.cookies(T0).iter().any(|c| c.path == b"/p/q"));
    }
}

#[test]
fn expiry_at_the_expiry_time() {
    // RFC 6265 §5.3 / bis §5.7: expired once the expiry-time is in the past;
    // Max-Age=60 at T0 expires at T0+60, so it is still sent then.
    for base in BOTH {
        let mut j = jar(Profile::for_id(base));
        set(&mut j, "http://example.com/", "a=1; Max-Age=60", T0);
        assert_eq!(get(&mut j, "http://example.com/", T0 + 60), "a=1");
        // expired-at-expiry-time: expired from T0+60 on.
        let mut j = jar(with(base, Variant::ExpiredAtExpiryTime));
        set(&mut j, "http://example.com/", "a=1; Max-Age=60", T0);
        assert_eq!(get(&mut j, "http://example.com/", T0 + 59), "a=1");
        assert_eq!(get(&mut j, "http://example.com/", T0 + 60), "");
        assert!(j.cookies(T0 + 60).is_empty());
        // An Expires equal to now: expired on arrival.
        let line = "b=1; Expires=Mon, 01 Jan 2024 00:00:00 GMT";
        assert_eq!(
            set(&mut j, "http://example.com/", line, T0),
            Rule::ExpiredOnArrival
        );
    }
}

#[test]
fn variants_leave_the_default_context_alone() {
    // A same-site top-level GET is the context in which every variant of
    // this file sends the plain cookie: none of them withholds it.
    use Variant::*;
    for v in [
        NonAsciiDomainToALabel,
        IpDomainHostOnly,
        IpDomainRejected,
        IpSuffixDomainMatch,
        PublicSuffixHostRejected,
        PublicSuffixNoDefaultRule,
        HostTrailingDotStripped,
        HostNotIdnaCanonical,
        StrictSecureRegistrableDomain,
        SameSiteNoneInsecureAllowed,
        SameSiteDefaultNone,
        LaxAllowingUnsafe,
        PrefixesCaseSensitive,
        HostPrefixPathAttributeOptional,
        HostPrefixEmptyPathRejected,
        ExpiredAtExpiryTime,
        PathTrailingSlashStripped,
        DefaultPathKeepsSlash,
        RequestPathPercentDecoded,
        HostOnlyToSubdomains,
        StoreOrder,
        WssNotSecure,
        WsIsNonHttp,
    ] {
        let mut j = jar(with(ProfileId::Rfc6265bis, v));
        set(&mut j, "https://www.example.com/", "a=1; Path=/", T0);
        let got = j.cookie_header(
            &uri("https://www.example.com/"),
            &RequestContext::default(),
            T0,
        );
        assert_eq!(got.header_bytes(), b"a=1", "{v}");
    }
}

#[test]
fn every_domain_attribute_is_checked_under_the_variant() {
    // RFC 6265 §5.3 step 4 / bis §5.7 step 7: only the last Domain counts.
    let line = "a=1; Domain=example.com; Domain=example.org; Domain=example.com";
    let url = "http://www.example.com/";
    for base in BOTH {
        let mut j = jar(Profile::for_id(base));
        assert_eq!(set(&mut j, url, line, T0), Rule::Stored, "{base}");
        let mut j = jar(with(base, Variant::EveryDomainChecked));
        assert_eq!(
            set(&mut j, url, line, T0),
            Rule::ByVariant(Variant::EveryDomainChecked)
        );
        // Matching (and empty) earlier Domains pass.
        let ok = "a=1; Domain=www.example.com; Domain=; Domain=example.com";
        assert_eq!(set(&mut j, url, ok, T0), Rule::Stored, "{base}");
    }
}

#[test]
fn an_upper_case_domain_attribute_fails_the_domain_match_under_the_variant() {
    // bis §5.6.3 step 3 lower-cases EXAMPLE.COM; §5.1.3 then matches.
    let (url, line) = ("http://www.example.com/", "a=1; Domain=EXAMPLE.COM");
    for base in BOTH {
        let mut j = jar(Profile::for_id(base));
        assert_eq!(set(&mut j, url, line, T0), Rule::Stored);
        assert_eq!(j.cookies(T0)[0].domain, "example.com");
        let mut j = jar(with(base, Variant::DomainCaseKept));
        assert_eq!(set(&mut j, url, line, T0), Rule::DomainMismatch, "{base}");
        assert_eq!(
            set(&mut j, url, "a=1; Domain=example.com", T0),
            Rule::Stored
        );
    }
}

#[test]
fn partitioned_without_secure_is_ignored_under_the_variant() {
    let url = "https://example.com/";
    for base in BOTH {
        let mut j = jar(with(base, Variant::PartitionedNeedsSecure));
        assert_eq!(
            set(&mut j, url, "a=1; Partitioned", T0),
            Rule::ByVariant(Variant::PartitionedNeedsSecure)
        );
        assert_eq!(
            set(&mut j, url, "a=1; Secure; Partitioned", T0),
            Rule::Stored
        );
        assert_eq!(get(&mut j, url, T0), "a=1");
    }
}

#[test]
fn date_variants_reach_the_expires_attribute() {
    // RFC 6265 §5.1.1 step 4: the year-value 30 is 2030, a future date.
    let (url, line) = (
        "http://example.com/",
        "a=1; Expires=Tue, 01 Jan 30 00:00:00 GMT",
    );
    let mut j = jar(Profile::rfc6265());
    assert_eq!(set(&mut j, url, line, T0), Rule::Stored);
    // two-digit-year-1900s: 1930, in the past.
    let mut j = jar(with(ProfileId::Rfc6265, Variant::TwoDigitYear1900s));
    assert_eq!(set(&mut j, url, line, T0), Rule::ExpiredOnArrival);
}

#[test]
fn store_order_grouped_walks_domains_then_paths_in_first_use_order() {
    // §5.4 step 2 / bis §5.8.3 step 4: longer paths first, then creation.
    for base in BOTH {
        let mut j = jar(Profile::for_id(base));
        set(&mut j, "http://example.com/", "b=1; Path=/", T0);
        set(&mut j, "http://example.com/", "a=1; Path=/x", T0 + 1);
        set(&mut j, "http://example.com/", "c=1; Path=/", T0 + 2);
        assert_eq!(get(&mut j, "http://example.com/x", T0 + 3), "a=1; b=1; c=1");
        // store-order-grouped: the / group (b, c) was used first.
        let mut j = jar(with(base, Variant::StoreOrderGrouped));
        set(&mut j, "http://example.com/", "b=1; Path=/", T0);
        set(&mut j, "http://example.com/", "a=1; Path=/x", T0 + 1);
        set(&mut j, "http://example.com/", "c=1; Path=/", T0 + 2);
        assert_eq!(get(&mut j, "http://example.com/x", T0 + 3), "b=1; c=1; a=1");
        // A cookie deleted and set again comes back to its slot...
        set(&mut j, "http://example.com/", "b=; Max-Age=0", T0 + 4);
        set(&mut j, "http://example.com/", "b=2", T0 + 5);
        assert_eq!(get(&mut j, "http://example.com/x", T0 + 6), "b=2; c=1; a=1");
        // ...but after the session ends only the survivors keep a slot:
        // the persistent a is now first, the session cookies are gone.
        set(
            &mut j,
            "http://example.com/",
            "a=1; Path=/x; Max-Age=99",
            T0 + 7,
        );
        j.end_session();
        set(&mut j, "http://example.com/", "b=3", T0 + 8);
        assert_eq!(get(&mut j, "http://example.com/x", T0 + 9), "a=1; b=3");
    }
}

#[test]
fn equal_paths_grouped_by_domain_keeps_longer_paths_first() {
    // §5.4 step 2: equal path lengths by creation-time (d, h, e).
    for base in BOTH {
        let mut j = jar(with(base, Variant::EqualPathsGroupedByDomain));
        set(
            &mut j,
            "http://www.example.com/",
            "d=1; Domain=example.com",
            T0,
        );
        set(&mut j, "http://www.example.com/", "h=2", T0 + 1);
        set(
            &mut j,
            "http://www.example.com/",
            "e=3; Domain=example.com",
            T0 + 2,
        );
        set(&mut j, "http://www.example.com/", "p=4; Path=/x", T0 + 3);
        // The domain cookies' group was used first; /x is still first.
        assert_eq!(
            get(&mut j, "http://www.example.com/x", T0 + 4),
            "p=4; d=1; e=3; h=2"
        );
        // A deleted name frees its slot: d comes back last in its group.
        set(
            &mut j,
            "http://www.example.com/",
            "d=; Domain=example.com; Max-Age=0",
            T0 + 5,
        );
        set(
            &mut j,
            "http://www.example.com/",
            "d=5; Domain=example.com",
            T0 + 6,
        );
        assert_eq!(
            get(&mut j, "http://www.example.com/", T0 + 7),
            "e=3; d=5; h=2"
        );
    }
}

#[test]
fn max_age_empty_persistent_needs_the_equals_sign() {
    // §5.2.2: an empty Max-Age is ignored, with or without '='.
    for base in BOTH {
        let p = with(base, Variant::MaxAgeEmptyPersistent);
        let mut j = jar(p.clone());
        set(&mut j, "http://example.com/", "a=1; Max-Age=", T0);
        set(&mut j, "http://example.com/", "b=1; Max-Age", T0);
        let stored = j.cookies(T0);
        let persistent: Vec<bool> = stored.iter().map(|c| c.persistent).collect();
        assert_eq!(persistent, [true, false], "{base}");
    }
}
