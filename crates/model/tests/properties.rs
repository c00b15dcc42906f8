//! Properties of the model alone, under every profile, on random timelines:
//! nothing expired is ever sent, the header order holds, identities are
//! unique, limits hold, a stored cookie written back as Set-Cookie recreates
//! itself, and cookies.txt round-trips the store. Seeds are fixed by
//! proptest's configuration; failures print a minimal timeline.

use cookiecheck_model::invariants::{check_retrieval, check_store};
use cookiecheck_model::serialize::to_set_cookie;
use cookiecheck_model::{Api, Jar, Profile, ProfileId, RequestContext, RequestUri, SiteStatus};
use proptest::prelude::*;

const T0: i64 = 1_704_067_200;

#[derive(Debug, Clone)]
enum Op {
    Set {
        url: String,
        line: String,
        ctx: RequestContext,
    },
    Get {
        url: String,
        ctx: RequestContext,
    },
    Advance(i64),
    EndSession,
    Reload,
}

fn host() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "example.com",
        "www.example.com",
        "a.b.example.com",
        "other.org",
        "co.uk",
        "x.co.uk",
        "127.0.0.1",
        "localhost",
    ])
}

fn url() -> impl Strategy<Value = String> {
    (
        prop::sample::select(vec!["http", "https"]),
        host(),
        prop::sample::select(vec!["/", "/a", "/a/", "/a/b", "/ab", "/a/b/c"]),
    )
        .prop_map(|(s, h, p)| format!("{s}://{h}{p}"))
}

fn line() -> impl Strategy<Value = String> {
    let name = prop::sample::select(vec!["a", "A", "b", "__Secure-s", "__Host-h", ""]);
    let value = prop::sample::select(vec!["1", "2", "x=y", "", " v "]);
    let attr = prop::sample::select(vec![
        "",
        "; Path=/",
        "; Path=/a",
        "; Path=/a/b",
        "; Domain=example.com",
        "; Domain=.example.com",
        "; Domain=co.uk",
        "; Secure",
        "; HttpOnly",
        "; Max-Age=0",
        "; Max-Age=10",
        "; Max-Age=99999999999",
        "; Expires=Thu, 01 Jan 1970 00:00:00 GMT",
        "; Expires=Fri, 01 Jan 2100 00:00:00 GMT",
        "; SameSite=Strict",
        "; SameSite=Lax",
        "; SameSite=None",
        "; Domain=",
    ]);
    (name, value, prop::collection::vec(attr, 0..4)).prop_map(|(n, v, attrs)| {
        let mut s = if n.is_empty() && v.is_empty() {
            "x".to_string()
        } else {
            format!("{n}={v}")
        };
        for a in attrs {
            s.push_str(a);
        }
        s
    })
}

fn ctx() -> impl Strategy<Value = RequestContext> {
    (any::<bool>(), any::<bool>(), any::<bool>(), any::<bool>()).prop_map(
        |(non_http, cross, top_level, safe_method)| RequestContext {
            api: if non_http { Api::NonHttp } else { Api::Http },
            site: if cross {
                SiteStatus::CrossSite
            } else {
                SiteStatus::SameSite
            },
            top_level,
            safe_method,
        },
    )
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        5 => (url(), line(), ctx()).prop_map(|(url, line, ctx)| Op::Set { url, line, ctx }),
        3 => (url(), ctx()).prop_map(|(url, ctx)| Op::Get { url, ctx }),
        1 => (0i64..20).prop_map(Op::Advance),
        1 => Just(Op::EndSession),
        1 => Just(Op::Reload),
    ]
}

fn uri(s: &str) -> RequestUri {
    RequestUri::parse(s).expect("generated URLs are valid")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, rng_seed: proptest::test_runner::RngSeed::Fixed(42), .. ProptestConfig::default() })]

    #[test]
    fn invariants_hold_on_random_timelines(ops in prop::collection::vec(op(), 1..30)) {
        for id in ProfileId::ALL {
            let mut jar = Jar::new(Profile::for_id(id));
            let mut now = T0;
            for op in &ops {
                match op {
                    Op::Set { url, line, ctx } => {
                        let report = jar.set_cookie(&uri(url), line.as_bytes(), ctx, now);
                        // A cookie that was stored reports itself; one ignored does not.
                        prop_assert_eq!(report.cookie.is_some(), report.accepted(), "{}: {}", id, line);
                    }
                    Op::Get { url, ctx } => {
                        let r = jar.cookie_header(&uri(url), ctx, now);
                        prop_assert!(check_retrieval(&r, now).is_ok(), "{}: {:?}", id, check_retrieval(&r, now));
                    }
                    Op::Advance(s) => { now += s; jar.advance_to(now); }
                    Op::EndSession => { jar.end_session(); prop_assert!(jar.cookies(now).iter().all(|c| c.persistent)); }
                    Op::Reload => {
                        let before = jar.cookies(now).len();
                        prop_assert!(jar.reload(now).is_ok());
                        prop_assert_eq!(jar.cookies(now).len(), before, "{}: reload keeps every cookie", id);
                    }
                }
                let checked = check_store(&mut jar, now);
                prop_assert!(checked.is_ok(), "{}: {:?}", id, checked);
            }
        }
    }

    #[test]
    fn a_stored_cookie_written_back_recreates_itself(url in url(), line in line()) {
        for id in ProfileId::ALL {
            let ctx = RequestContext::default();
            let mut jar = Jar::new(Profile::for_id(id));
            let report = jar.set_cookie(&uri(&url), line.as_bytes(), &ctx, T0);
            if let Some(original) = report.cookie {
                let written = to_set_cookie(&original);
                let mut again = Jar::new(Profile::for_id(id));
                let second = again.set_cookie(&uri(&url), &written, &ctx, T0);
                prop_assert_eq!(second.cookie, Some(original), "{}: {} → {}", id, line, String::from_utf8_lossy(&written));
            }
        }
    }

    #[test]
    fn cookies_txt_round_trips_the_store(sets in prop::collection::vec((url(), line()), 1..12)) {
        for id in ProfileId::ALL {
            let mut jar = Jar::new(Profile::for_id(id));
            for (i, (url, line)) in sets.iter().enumerate() {
                jar.set_cookie(&uri(url), line.as_bytes(), &RequestContext::default(), T0 + i as i64);
            }
            let now = T0 + 100;
            let text = jar.to_cookies_txt(now).expect("generated cookies are representable");
            let loaded = Jar::from_cookies_txt(Profile::for_id(id), &text, now).expect("written files read back");
            let key = |c: &cookiecheck_model::Cookie| (c.name.clone(), c.value.clone(), c.domain.clone(), c.path.clone(), c.host_only, c.secure_only, c.http_only, c.persistent, c.expiry_time);
            let mut a: Vec<_> = jar.cookies(now).iter().map(key).collect();
            let mut b: Vec<_> = loaded.clone().cookies(now).iter().map(key).collect();
            a.sort();
            b.sort();
            prop_assert_eq!(a, b, "{}", id);
        }
    }
}
