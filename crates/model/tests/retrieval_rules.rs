//! The retrieval algorithm (RFC 6265 §5.4, RFC 6265bis §5.8.3).

mod common;
use common::*;
use cookiecheck_model::{Profile, ProfileId, Rule};

#[test]
fn longer_paths_come_first_then_earlier_creation() {
    // §5.4 step 2 / bis §5.8.3 step 4.
    for id in [ProfileId::Rfc6265, ProfileId::Rfc6265bis] {
        let mut j = jar(Profile::for_id(id));
        set(&mut j, "http://example.com/", "a=1; Path=/", T0);
        set(&mut j, "http://example.com/", "b=2; Path=/x/y", T0 + 1);
        set(&mut j, "http://example.com/", "c=3; Path=/x", T0 + 2);
        set(&mut j, "http://example.com/", "d=4; Path=/", T0 + 3);
        assert_eq!(
            get(&mut j, "http://example.com/x/y/z", T0 + 4),
            "b=2; c=3; a=1; d=4",
            "{id}"
        );
    }
}

#[test]
fn expired_cookies_are_never_sent() {
    // §5.3: "expired" is an expiry date in the past; Max-Age=60 expires at now+60.
    let mut j = jar(Profile::rfc6265bis());
    set(&mut j, "http://example.com/", "a=1; Max-Age=60", T0);
    assert_eq!(get(&mut j, "http://example.com/", T0 + 60), "a=1");
    assert_eq!(get(&mut j, "http://example.com/", T0 + 61), "");
}

#[test]
fn last_access_time_is_updated_on_retrieval() {
    // bis §5.8.3 step 5.
    let mut j = jar(Profile::rfc6265bis());
    set(&mut j, "http://example.com/", "a=1", T0);
    get(&mut j, "http://example.com/", T0 + 100);
    assert_eq!(j.cookies(T0 + 100)[0].last_access_time, T0 + 100);
}

#[test]
fn nameless_cookies_serialise_as_their_value() {
    // bis §5.8.3 step 6.1–6.2.
    let mut j = jar(Profile::rfc6265bis());
    set(&mut j, "http://example.com/", "token", T0);
    assert_eq!(get(&mut j, "http://example.com/", T0), "token");
}

#[test]
fn same_site_enforcement_by_context() {
    // bis §5.8.3 step 3, last bullet.
    let mut j = jar(Profile::rfc6265bis());
    set(&mut j, "https://example.com/", "s=1; SameSite=Strict", T0);
    set(&mut j, "https://example.com/", "l=1; SameSite=Lax", T0 + 1);
    set(&mut j, "https://example.com/", "d=1", T0 + 2);
    set(
        &mut j,
        "https://example.com/",
        "n=1; SameSite=None; Secure",
        T0 + 3,
    );
    assert_eq!(
        get(&mut j, "https://example.com/", T0 + 4),
        "s=1; l=1; d=1; n=1"
    );
    assert_eq!(
        get_in(
            &mut j,
            "https://example.com/",
            cross_site(true, true),
            T0 + 4
        ),
        "l=1; d=1; n=1"
    );
    assert_eq!(
        get_in(
            &mut j,
            "https://example.com/",
            cross_site(true, false),
            T0 + 4
        ),
        "n=1"
    );
    assert_eq!(
        get_in(
            &mut j,
            "https://example.com/",
            cross_site(false, true),
            T0 + 4
        ),
        "n=1"
    );
}

#[test]
fn netscape_sends_only_the_closest_path() {
    // Seed 002: "/jscript" and "" (i.e. "/"), same name and domain: the page sees only the first.
    let mut j = jar(Profile::netscape());
    set(&mut j, "http://www.example.com/", "pref=top; Path=/", T0);
    set(
        &mut j,
        "http://www.example.com/jscript/x.htm",
        "pref=js; Path=/jscript",
        T0 + 1,
    );
    assert_eq!(
        get(&mut j, "http://www.example.com/jscript/page.htm", T0 + 2),
        "pref=js"
    );
    let r = j.cookie_header(
        &uri("http://www.example.com/jscript/page.htm"),
        &Default::default(),
        T0 + 2,
    );
    assert_eq!(
        r.withheld.iter().map(|w| w.rule).collect::<Vec<_>>(),
        [Rule::ShadowedByCloserPath]
    );
    // The RFC profiles send both.
    let mut rfc = jar(Profile::rfc6265());
    set(&mut rfc, "http://www.example.com/", "pref=top; Path=/", T0);
    set(
        &mut rfc,
        "http://www.example.com/jscript/x.htm",
        "pref=js; Path=/jscript",
        T0 + 1,
    );
    assert_eq!(
        get(&mut rfc, "http://www.example.com/jscript/page.htm", T0 + 2),
        "pref=js; pref=top"
    );
}

#[test]
fn netscape_path_is_a_plain_prefix() {
    let mut j = jar(Profile::netscape());
    set(&mut j, "http://example.com/", "a=1; Path=/foo", T0);
    assert_eq!(get(&mut j, "http://example.com/foobar", T0), "a=1");
}

#[test]
fn withheld_cookies_name_their_rule() {
    let mut j = jar(Profile::rfc6265bis());
    set(&mut j, "https://example.com/", "a=1; Secure", T0);
    set(&mut j, "https://example.com/", "b=1; Path=/x", T0);
    let r = j.cookie_header(&uri("http://example.com/"), &Default::default(), T0);
    let mut rules: Vec<Rule> = r.withheld.iter().map(|w| w.rule).collect();
    rules.sort();
    assert_eq!(rules, [Rule::PathNoMatch, Rule::SecureOnly]);
    assert_eq!(r.header, None);
}
