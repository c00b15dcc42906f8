//! Hostile input never panics: random octets through the Set-Cookie parser,
//! the cookie-date algorithm, the storage model and the cookies.txt reader.

use cookiecheck_model::{cookies_txt, date, Jar, Profile, ProfileId, RequestContext, RequestUri};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, .. ProptestConfig::default() })]

    #[test]
    fn set_cookie_and_retrieval_never_panic(line in proptest::collection::vec(any::<u8>(), 0..300), path in "[/a-z%.]{0,12}") {
        let uri = RequestUri::parse(&format!("http://www.example.com/{path}")).expect("constructed URL is valid");
        for id in ProfileId::ALL {
            let mut jar = Jar::new(Profile::for_id(id));
            let report = jar.set_cookie(&uri, &line, &RequestContext::default(), 1_704_067_200);
            let header = jar.cookie_header(&uri, &RequestContext::default(), 1_704_067_200);
            // What was stored is what is sent back to the same URL (same-site, HTTP).
            if report.accepted() {
                let c = report.cookie.expect("accepted reports carry the cookie");
                if c.path.as_slice() == b"/" && !c.secure_only {
                    prop_assert!(header.header.is_some());
                }
            }
        }
    }

    #[test]
    fn cookie_dates_never_panic_and_stay_in_range(input in proptest::collection::vec(any::<u8>(), 0..80)) {
        if let Some(t) = date::parse_cookie_date(&input) {
            prop_assert!((cookiecheck_model::time::EARLIEST..=cookiecheck_model::time::LATEST).contains(&t));
        }
    }

    #[test]
    fn cookies_txt_reader_never_panics(text in proptest::collection::vec(any::<u8>(), 0..400)) {
        if let Ok(cookies) = cookies_txt::read(&text, 0) {
            // What it accepts and can write reads back to the same cookies.
            if let Ok(written) = cookies_txt::write(&cookies) {
                let again = cookies_txt::read(&written, 0).expect("written files read back");
                prop_assert_eq!(again, cookies);
            }
        }
    }

    #[test]
    fn cookies_txt_lines_with_tabs_never_panic(fields in proptest::collection::vec("[ -~\t]{0,12}", 0..9)) {
        let line = fields.join("\t");
        let _ = cookies_txt::read(line.as_bytes(), 0);
    }
}
