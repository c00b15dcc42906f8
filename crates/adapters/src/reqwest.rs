//! `reqwest::cookie::Jar`, driven only through reqwest's own
//! `CookieStore` trait, exactly as a `reqwest::Client` drives it: the
//! Set-Cookie values of a response as `HeaderValue`s, the Cookie header
//! back as one `HeaderValue`.
//!
//! - No clock injection, no listing, no end of session (the trait has none).
//! - A line that is not a valid `HeaderValue` (control octets other than
//!   HTAB) never reaches the jar in reqwest: its HTTP parser rejects the
//!   response. Such a case is *unsupported*.

use crate::url_of::url_of;
use cookiecheck::subject::{Capabilities, Subject, SubjectError};
use cookiecheck_model::{ProfileId, RequestContext, RequestUri, Time};
use reqwest::cookie::{CookieStore, Jar};
use reqwest::header::HeaderValue;

/// A `reqwest::cookie::Jar`.
pub struct ReqwestJar {
    jar: Jar,
}

impl ReqwestJar {
    /// An empty jar.
    pub fn new() -> ReqwestJar {
        ReqwestJar {
            jar: Jar::default(),
        }
    }
}

impl Default for ReqwestJar {
    fn default() -> Self {
        ReqwestJar::new()
    }
}

impl Subject for ReqwestJar {
    fn capabilities(&self) -> Capabilities {
        Capabilities::basic(ProfileId::Rfc6265)
    }

    fn reset(&mut self) -> Result<(), SubjectError> {
        self.jar = Jar::default();
        Ok(())
    }

    fn set_cookies(
        &mut self,
        url: &RequestUri,
        lines: &[Vec<u8>],
        _ctx: &RequestContext,
        _now: Time,
    ) -> Result<(), SubjectError> {
        let url = url_of(url)?;
        let values = lines
            .iter()
            .map(|l| HeaderValue::from_bytes(l))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|_| {
                SubjectError::unsupported(
                    "a Set-Cookie value reqwest's HTTP parser rejects (control octets)",
                )
            })?;
        self.jar.set_cookies(&mut values.iter(), &url);
        Ok(())
    }

    fn cookie_header(
        &mut self,
        url: &RequestUri,
        _ctx: &RequestContext,
        _now: Time,
    ) -> Result<Option<Vec<u8>>, SubjectError> {
        let url = url_of(url)?;
        Ok(self.jar.cookies(&url).map(|v| v.as_bytes().to_vec()))
    }
}
