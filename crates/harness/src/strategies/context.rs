//! Request contexts.

use cookiecheck_model::{Api, RequestContext, SiteStatus};
use proptest::prelude::*;

/// An HTTP method as written, shrinking towards `GET`.
pub fn method() -> impl Strategy<Value = &'static str> {
    prop_oneof![
        6 => Just("GET"),
        2 => Just("POST"),
        1 => Just("HEAD"),
        1 => Just("put"),
    ]
}

/// A request context and its method. `non_http`: whether `document.cookie`
/// contexts may appear; `cross_site`: whether cross-site and nested
/// requests may appear. With both off this is always the default context
/// (a same-site top-level request) with a varying method.
pub fn request_context(
    non_http: bool,
    cross_site: bool,
) -> impl Strategy<Value = (RequestContext, &'static str)> {
    let api = if non_http {
        prop_oneof![6 => Just(Api::Http), 1 => Just(Api::NonHttp)].boxed()
    } else {
        Just(Api::Http).boxed()
    };
    let site = if cross_site {
        prop_oneof![3 => Just(SiteStatus::SameSite), 1 => Just(SiteStatus::CrossSite)].boxed()
    } else {
        Just(SiteStatus::SameSite).boxed()
    };
    let top_level = if cross_site {
        prop_oneof![3 => Just(true), 1 => Just(false)].boxed()
    } else {
        Just(true).boxed()
    };
    (api, site, top_level, method()).prop_map(|(api, site, top_level, method)| {
        let method = if api == Api::NonHttp { "GET" } else { method };
        (
            RequestContext {
                api,
                site,
                top_level,
                safe_method: RequestContext::is_safe_method(method),
            },
            method,
        )
    })
}
