//! The worked examples of RFC 6265 §3.1 (repeated in RFC 6265bis §3.1) and
//! of the seed documents, played on the model.

mod common;
use common::*;
use cookiecheck_model::{Profile, ProfileId, Rule};

#[test]
fn rfc6265_3_1_session_identifier_then_language() {
    // §3.1: "Set-Cookie: SID=31d4d96e407aad42" then the UA returns "Cookie: SID=31d4d96e407aad42".
    for id in ProfileId::ALL {
        let mut j = jar(Profile::for_id(id));
        assert_eq!(
            set(
                &mut j,
                "https://www.example.com/",
                "SID=31d4d96e407aad42; Path=/; Domain=.example.com",
                T0
            ),
            Rule::Stored,
            "{id}"
        );
        assert_eq!(
            get(&mut j, "https://www.example.com/", T0),
            "SID=31d4d96e407aad42",
            "{id}"
        );
    }
}

#[test]
fn rfc6265_3_1_secure_http_only_and_lang() {
    // §3.1: SID with Path=/; Secure; HttpOnly and lang=en-US; Path=/; Domain=example.com
    // → "Cookie: SID=31d4d96e407aad42; lang=en-US" (equal paths: creation order).
    for id in [ProfileId::Rfc6265, ProfileId::Rfc6265bis] {
        let mut j = jar(Profile::for_id(id));
        set(
            &mut j,
            "https://example.com/",
            "SID=31d4d96e407aad42; Path=/; Secure; HttpOnly",
            T0,
        );
        set(
            &mut j,
            "https://example.com/",
            "lang=en-US; Path=/; Domain=example.com",
            T0 + 1,
        );
        assert_eq!(
            get(&mut j, "https://example.com/", T0 + 2),
            "SID=31d4d96e407aad42; lang=en-US",
            "{id}"
        );
        // Secure: not over http.
        assert_eq!(
            get(&mut j, "http://example.com/", T0 + 2),
            "lang=en-US",
            "{id}"
        );
    }
}

#[test]
fn rfc6265_3_1_deletion_by_past_expires() {
    // §3.1: "Set-Cookie: lang=; Expires=Sun, 06 Nov 1994 08:49:37 GMT" removes lang.
    for id in ProfileId::ALL {
        let mut j = jar(Profile::for_id(id));
        set(
            &mut j,
            "https://www.example.com/",
            "SID=31d4d96e407aad42; Path=/",
            T0,
        );
        set(
            &mut j,
            "https://www.example.com/",
            "lang=en-US; Path=/",
            T0 + 1,
        );
        let d = set(
            &mut j,
            "https://www.example.com/",
            "lang=; Path=/; Expires=Sun, 06 Nov 1994 08:49:37 GMT",
            T0 + 2,
        );
        assert_eq!(d, Rule::ExpiredOnArrival, "{id}");
        assert_eq!(
            get(&mut j, "https://www.example.com/", T0 + 3),
            "SID=31d4d96e407aad42",
            "{id}"
        );
    }
}

#[test]
fn seed_001_item_cookie_is_returned_on_every_later_request() {
    // Seed 001: "Set-cookie: ITEM=12345" then "Cookie: ITEM=12345".
    for id in ProfileId::ALL {
        let mut j = jar(Profile::for_id(id));
        set(&mut j, "http://www.amazon.com/", "ITEM=12345", T0);
        assert_eq!(
            get(&mut j, "http://www.amazon.com/cart", T0 + 60),
            "ITEM=12345",
            "{id}"
        );
        assert_eq!(get(&mut j, "http://www.example.com/", T0 + 60), "", "{id}");
    }
}
