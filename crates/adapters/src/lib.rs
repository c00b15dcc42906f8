//! # cookiecheck-adapters: real cookie jars as cookiecheck subjects
//!
//! One module and one cargo feature per subject (all on by default). An
//! adapter translates between [`cookiecheck::subject::Subject`] and a jar's
//! API and contains no cookie logic: where the jar's API cannot express a
//! step (a line that is not UTF-8 for an API taking `&str`, a non-HTTP API),
//! it answers *unsupported*, never a guess.
//!
//! | subject | module | profile | notes |
//! |---|---|---|---|
//! | `cookie_store` | [`cookie_store`] | rfc6265 | the jar of reqwest and ureq, no public suffix list |
//! | `cookie_store-psl` | [`cookie_store`] | rfc6265 | the same with its `public_suffix` feature and the bundled list |
//! | `reqwest` | [`reqwest`] | rfc6265 | `reqwest::cookie::Jar` through the `CookieStore` trait |
//! | `cookie` | [`cookie_parser`] | rfc6265 | the `cookie` crate's parser, parser only |
//! | `curl` | [`curl`] | rfc6265 | libcurl's cookie engine, real requests to a server on 127.0.0.1; http only |
//! | `chromium` | [`chromium`] | rfc6265bis | headless Chromium over the DevTools protocol, through a proxy on 127.0.0.1; offered only when a binary is found |
//!
//! Out-of-process subjects (Python, Node, Go shims) are found by [`process`].
#![deny(missing_docs)]

#[cfg(feature = "chromium")]
pub mod chromium;
#[cfg(feature = "cookie")]
pub mod cookie_parser;
#[cfg(feature = "cookie_store")]
pub mod cookie_store;
#[cfg(feature = "curl")]
pub mod curl;
pub mod process;
#[cfg(feature = "reqwest")]
pub mod reqwest;
#[cfg(any(
    feature = "cookie_store",
    feature = "reqwest",
    feature = "curl",
    feature = "chromium"
))]
mod url_of;

use cookiecheck::subject::{Subject, SubjectFactory, DEFAULT_CASE_LIMIT};
use std::sync::Arc;
use std::time::Duration;

/// An in-process subject this build offers.
#[derive(Clone)]
pub struct Offered {
    /// The name (`--subject`, `subjects/<name>.toml`).
    pub name: &'static str,
    /// Builds instances.
    pub factory: SubjectFactory,
    /// The time limit for one case.
    pub case_limit: Duration,
}

fn offer<S: Subject + 'static>(name: &'static str, make: fn() -> S) -> Offered {
    Offered {
        name,
        factory: Arc::new(move || Box::new(make()) as Box<dyn Subject>),
        case_limit: DEFAULT_CASE_LIMIT,
    }
}

/// Every in-process subject compiled in, in report order.
pub fn in_process() -> Vec<Offered> {
    #[allow(unused_mut)]
    let mut all = Vec::new();
    #[cfg(feature = "cookie_store")]
    {
        all.push(offer(
            "cookie_store",
            cookie_store::CookieStoreSubject::without_suffix_list,
        ));
        all.push(offer(
            "cookie_store-psl",
            cookie_store::CookieStoreSubject::with_suffix_list,
        ));
    }
    #[cfg(feature = "reqwest")]
    all.push(offer("reqwest", reqwest::ReqwestJar::new));
    #[cfg(feature = "cookie")]
    all.push(offer("cookie", cookie_parser::CookieParser::new));
    #[cfg(feature = "curl")]
    all.push(offer("curl", curl::CurlJar::new));
    #[cfg(feature = "chromium")]
    if chromium::find_binary().is_some() {
        all.push(Offered {
            // The first case of each instance includes starting the browser.
            case_limit: Duration::from_secs(60),
            ..offer("chromium", chromium::ChromiumSubject::new)
        });
    }
    all
}

/// Subjects compiled in that cannot run here, each with the reason (for
/// the notices of `cookiecheck run`).
pub fn unavailable() -> Vec<(&'static str, String)> {
    #[allow(unused_mut)]
    let mut missing = Vec::new();
    #[cfg(feature = "chromium")]
    if chromium::find_binary().is_none() {
        missing.push((
            "chromium",
            format!(
                "chromium: no Chromium binary (${} unset or not a file; no chromium, chromium-browser or google-chrome on PATH), so the chromium subject cannot run (Debian: apt-get install chromium)",
                chromium::BINARY_ENV
            ),
        ));
    }
    missing
}
