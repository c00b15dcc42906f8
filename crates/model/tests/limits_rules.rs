//! Limits and eviction (RFC 6265 §5.3 and §6.1, RFC 6265bis §5.7 and §6.1, seed 002).

mod common;
use common::*;
use cookiecheck_model::{Profile, Rule};

#[test]
fn netscape_throws_out_the_oldest_when_the_21st_arrives() {
    // Seed 002: 20 cookies maximum per domain.
    let mut j = jar(Profile::netscape());
    for i in 0..20 {
        assert_eq!(
            set(&mut j, "http://example.com/", &format!("c{i}=v"), T0 + i),
            Rule::Stored
        );
    }
    // Reading c0 does not save it: the Netscape order is by age.
    get(&mut j, "http://example.com/", T0 + 30);
    let report = j.set_cookie(
        &uri("http://example.com/"),
        b"c20=v",
        &Default::default(),
        T0 + 31,
    );
    assert_eq!(report.decision, Rule::Stored);
    assert_eq!(report.evicted.len(), 1);
    assert_eq!(report.evicted[0].cookie.name, b"c0");
    assert_eq!(report.evicted[0].rule, Rule::EvictedDomainLimit);
    assert_eq!(j.len(), 20);
}

#[test]
fn rfc6265_evicts_the_least_recently_accessed() {
    // §5.3: earliest last-access-time first; limit 50 per domain (§6.1).
    let mut j = jar(Profile::rfc6265());
    set(&mut j, "http://example.com/", "old=v; Path=/keep", T0);
    for i in 1..50 {
        set(
            &mut j,
            "http://example.com/",
            &format!("c{i}=v; Path=/c"),
            T0 + i,
        );
    }
    // Reading /keep touches only "old" (bis §5.8.3 step 5), so c1 (T0+1) is now
    // the least recently accessed; without the read, "old" (T0) would go.
    assert_eq!(get(&mut j, "http://example.com/keep", T0 + 100), "old=v");
    let report = j.set_cookie(
        &uri("http://example.com/"),
        b"new=v; Path=/c",
        &Default::default(),
        T0 + 200,
    );
    let names: Vec<&[u8]> = report
        .evicted
        .iter()
        .map(|e| e.cookie.name.as_slice())
        .collect();
    assert_eq!(names, [&b"c1"[..]]);
    assert_eq!(report.evicted[0].rule, Rule::EvictedDomainLimit);
}

#[test]
fn bis_evicts_non_secure_cookies_of_a_full_domain_first() {
    // bis §5.7 priority 2: non-secure cookies sharing an over-full domain.
    let mut j = jar(Profile::rfc6265bis());
    set(&mut j, "https://example.com/", "insecure=v", T0);
    for i in 1..50 {
        set(
            &mut j,
            "https://example.com/",
            &format!("s{i}=v; Secure"),
            T0 + i,
        );
    }
    // s1 is older than the new cookie but secure; "insecure" goes first either way,
    // so make the new cookie secure and the old insecure one the most recently used.
    get(&mut j, "https://example.com/", T0 + 100);
    let report = j.set_cookie(
        &uri("https://example.com/"),
        b"s50=v; Secure",
        &Default::default(),
        T0 + 200,
    );
    assert_eq!(report.evicted.len(), 1);
    assert_eq!(report.evicted[0].cookie.name, b"insecure");
}

#[test]
fn netscape_total_limit_is_300() {
    // Seed 002: 300 cookies overall maximum.
    let mut j = jar(Profile::netscape());
    for d in 0..16 {
        for i in 0..19 {
            set(
                &mut j,
                &format!("http://h{d}.example.com/"),
                &format!("c{i}=v"),
                T0 + d * 100 + i,
            );
        }
    }
    assert_eq!(j.len(), 300);
    let report = j.set_cookie(
        &uri("http://h16.example.com/"),
        b"x=v",
        &Default::default(),
        T0 + 5000,
    );
    assert_eq!(report.evicted.len(), 1);
    assert_eq!(report.evicted[0].rule, Rule::EvictedTotalLimit);
    assert_eq!(report.evicted[0].cookie.domain, "h0.example.com");
    assert_eq!(j.len(), 300);
}
