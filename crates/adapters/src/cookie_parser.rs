//! The `cookie` crate's `Cookie::parse`, as a parser-only subject: its
//! reading of name, value and attributes is compared with the model's
//! parse of the same line under RFC 6265 (§5.2).
//!
//! The API takes `&str`: a line that is not UTF-8 is *unsupported*.
//! Percent-decoding is off (`Cookie::parse`, not `parse_encoded`), as the
//! RFC requires.

use cookie::{Cookie, SameSite as CrateSameSite};
use cookiecheck::subject::{Capabilities, ParsedCookie, Subject, SubjectError};
use cookiecheck_model::{ProfileId, RequestContext, RequestUri, SameSite, Time};

/// The `cookie` crate's parser.
#[derive(Debug, Default)]
pub struct CookieParser;

impl CookieParser {
    /// The parser.
    pub fn new() -> CookieParser {
        CookieParser
    }
}

fn no_jar() -> SubjectError {
    SubjectError::unsupported("the cookie crate is a parser, not a jar")
}

impl Subject for CookieParser {
    fn capabilities(&self) -> Capabilities {
        Capabilities::parser(ProfileId::Rfc6265)
    }

    fn reset(&mut self) -> Result<(), SubjectError> {
        Ok(())
    }

    fn set_cookies(
        &mut self,
        _url: &RequestUri,
        _lines: &[Vec<u8>],
        _ctx: &RequestContext,
        _now: Time,
    ) -> Result<(), SubjectError> {
        Err(no_jar())
    }

    fn cookie_header(
        &mut self,
        _url: &RequestUri,
        _ctx: &RequestContext,
        _now: Time,
    ) -> Result<Option<Vec<u8>>, SubjectError> {
        Err(no_jar())
    }

    fn parse(&mut self, line: &[u8]) -> Result<Option<ParsedCookie>, SubjectError> {
        let text = std::str::from_utf8(line).map_err(|_| {
            SubjectError::unsupported("a line that is not UTF-8 (the API takes &str)")
        })?;
        let Ok(c) = Cookie::parse(text) else {
            return Ok(None);
        };
        Ok(Some(ParsedCookie {
            name: c.name().as_bytes().to_vec(),
            value: c.value().as_bytes().to_vec(),
            expires: c.expires_datetime().map(|t| t.unix_timestamp()),
            max_age: c.max_age().map(|d| d.whole_seconds()),
            domain: c.domain().map(|d| d.as_bytes().to_vec()),
            path: c.path().map(|p| p.as_bytes().to_vec()),
            secure: c.secure().unwrap_or(false),
            http_only: c.http_only().unwrap_or(false),
            same_site: c.same_site().map(|s| match s {
                CrateSameSite::Strict => SameSite::Strict,
                CrateSameSite::Lax => SameSite::Lax,
                CrateSameSite::None => SameSite::None,
            }),
        }))
    }
}
