//! Shared helpers for the model's integration tests.
#![allow(dead_code)]

use cookiecheck_model::{Api, Jar, Profile, RequestContext, RequestUri, Rule, SiteStatus, Time};

/// 2024-01-01T00:00:00Z, the vectors' default start.
pub const T0: Time = 1_704_067_200;

pub fn uri(s: &str) -> RequestUri {
    RequestUri::parse(s).expect("test URLs are valid")
}

pub fn jar(p: Profile) -> Jar {
    Jar::new(p)
}

/// Sets a line in the default (same-site, top-level, HTTP) context; returns the decision.
pub fn set(jar: &mut Jar, url: &str, line: &str, now: Time) -> Rule {
    jar.set_cookie(&uri(url), line.as_bytes(), &RequestContext::default(), now)
        .decision
}

pub fn set_in(jar: &mut Jar, url: &str, line: &str, ctx: RequestContext, now: Time) -> Rule {
    jar.set_cookie(&uri(url), line.as_bytes(), &ctx, now)
        .decision
}

/// The Cookie header as text ("" for none).
pub fn get(jar: &mut Jar, url: &str, now: Time) -> String {
    get_in(jar, url, RequestContext::default(), now)
}

pub fn get_in(jar: &mut Jar, url: &str, ctx: RequestContext, now: Time) -> String {
    String::from_utf8_lossy(jar.cookie_header(&uri(url), &ctx, now).header_bytes()).into_owned()
}

pub fn cross_site(top_level: bool, safe_method: bool) -> RequestContext {
    RequestContext {
        api: Api::Http,
        site: SiteStatus::CrossSite,
        top_level,
        safe_method,
    }
}
