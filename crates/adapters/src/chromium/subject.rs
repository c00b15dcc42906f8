//! The `chromium` subject: scenario steps as browser actions.
//!
//! - A same-site `set` step over HTTP is a browser-initiated top-level
//!   navigation to the step's URL; the test server's response carries the
//!   step's Set-Cookie lines as raw bytes. A same-site `get` step is such a
//!   navigation too, and the server records the request's Cookie header.
//!   Under the rfc6265bis profile a same-site request's outcome does not
//!   depend on being top-level or on the method (bis §5.7 step 18, §5.8.3
//!   step 3), so a navigation stands for every same-site context.
//! - Cross-site contexts come from a page on another site: a script-started
//!   navigation, a form POST, a `fetch`, or an iframe ([`super::contexts`]).
//! - A response whose Set-Cookie lines hold a NUL octet is refused whole by
//!   Chromium's HTTP parser (`net::ERR_INVALID_HTTP_RESPONSE`) before any
//!   cookie parsing: *unsupported*, as are lines with CR or LF (they cannot
//!   travel as one header field).
//! - A host on Chromium's HSTS preload list is never asked over http (the
//!   URL is upgraded first): such a step is *unsupported*.
//! - A non-HTTP step opens the step's URL as a document (no Set-Cookie) and
//!   runs `document.cookie = "<line>"` per line, or reads `document.cookie`
//!   (cross-site: in an iframe of that URL on the initiator page).
//!   JavaScript strings are text: a line that is not UTF-8 is *unsupported*.
//! - Stored cookies are listed with `Storage.getCookies`; every scenario
//!   starts with `Storage.clearCookies` in the same browser. The protocol
//!   reports cookies as JSON text, so after a Set-Cookie line that is not
//!   UTF-8 a store step is *unsupported* (the Cookie header, read from the
//!   wire, still shows the octets).
//! - Chromium reads the system clock, has the public suffix list built in,
//!   and enforces its own limits (180 per domain, 3300 in total: not the
//!   profile's), so `clock` and `limits` are not claimed. No cookies.txt.
//! - The end of a session is the browser closed (`Browser.close`, which
//!   writes the cookie store to the profile) and started again on the same
//!   profile.

use super::contexts::{cross_site_frame, cross_site_request};
use super::launcher::find_binary;
use super::pool;
use super::server::Seen;
use super::session::{js_string, string_field, Live};
use crate::url_of::url_of;
use cookiecheck::subject::{Capabilities, Schemes, StoredCookie, Subject, SubjectError};
use cookiecheck_model::{Api, ProfileId, RequestContext, RequestUri, SameSite, SiteStatus, Time};
use serde_json::{json, Value};
use std::path::PathBuf;

/// Headless Chromium over the DevTools protocol. The browser starts on the
/// first step (building the subject is cheap) and stops when the subject is
/// dropped.
pub struct ChromiumSubject {
    binary: Option<PathBuf>,
    live: Option<Live>,
    /// No call has failed since the browser was taken (only then does it
    /// go back to the pool).
    healthy: bool,
    /// A Set-Cookie line that is not UTF-8 reached Chromium since the last
    /// reset: the DevTools protocol reports cookies as JSON text, which
    /// loses such octets, so the store can no longer be read faithfully.
    opaque_octets: bool,
}

impl ChromiumSubject {
    /// A subject for the Chromium binary [`find_binary`] finds (checked when
    /// the browser starts: without one every step fails with a clear error).
    pub fn new() -> ChromiumSubject {
        ChromiumSubject {
            binary: find_binary(),
            live: None,
            healthy: true,
            opaque_octets: false,
        }
    }

    /// The running browser, started on first use.
    fn live(&mut self) -> Result<&mut Live, SubjectError> {
        if self.live.is_none() {
            let binary = self.binary.clone().ok_or_else(|| {
                SubjectError::Io(format!(
                    "no Chromium binary (install Debian's `chromium` or set {})",
                    super::launcher::BINARY_ENV
                ))
            })?;
            self.live = Some(pool::take(&binary)?);
            self.healthy = true;
        }
        // Invariant: set just above when it was None.
        self.live
            .as_mut()
            .ok_or_else(|| SubjectError::Crashed("no browser".into()))
    }
}

impl Drop for ChromiumSubject {
    fn drop(&mut self) {
        if let Some(live) = self.live.take() {
            if self.healthy {
                pool::give_back(live);
            }
        }
    }
}

impl Default for ChromiumSubject {
    fn default() -> Self {
        ChromiumSubject::new()
    }
}

/// The URL Chromium is sent to: the model's own parse, serialised by the
/// `url` crate (A-labels, lower case), without a fragment (never sent; and
/// a fragment-only change would be a same-document navigation with no
/// request). Only http and https can be produced.
fn page_url(uri: &RequestUri) -> Result<String, SubjectError> {
    let mut url = url_of(uri)?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(SubjectError::unsupported(format!(
            "{} URLs (the test server speaks no WebSocket)",
            url.scheme()
        )));
    }
    url.set_fragment(None);
    Ok(url.into())
}

impl ChromiumSubject {
    /// The `document.cookie` execution context for `url` in context `ctx`:
    /// the page's main world on a same-site document, or an isolated world
    /// of a cross-site iframe.
    fn script_context(
        &mut self,
        url: &str,
        ctx: &RequestContext,
    ) -> Result<Option<u64>, SubjectError> {
        let live = self.live()?;
        if ctx.site == SiteStatus::CrossSite {
            return cross_site_frame(live, url).map(Some);
        }
        live.open_document(url)?;
        Ok(None)
    }

    /// One HTTP request to `url` in context `ctx`, its response carrying
    /// `lines` when given.
    fn http_request(
        &mut self,
        url: &str,
        lines: Option<&[Vec<u8>]>,
        ctx: &RequestContext,
    ) -> Result<Seen, SubjectError> {
        let live = self.live()?;
        if ctx.site == SiteStatus::CrossSite {
            cross_site_request(live, url, lines, ctx)
        } else {
            live.navigate(url, lines)
        }
    }
}

impl Subject for ChromiumSubject {
    fn capabilities(&self) -> Capabilities {
        Capabilities {
            non_http: true,
            same_site: true,
            public_suffix: true,
            list_cookies: true,
            end_session: true,
            real_http: true,
            // Navigations and fetches; the test server speaks no WebSocket.
            schemes: Schemes::HTTP_HTTPS,
            ..Capabilities::basic(ProfileId::Rfc6265bis)
        }
    }

    fn reset(&mut self) -> Result<(), SubjectError> {
        let r = self.reset_inner();
        self.track(r)
    }

    fn set_cookies(
        &mut self,
        url: &RequestUri,
        lines: &[Vec<u8>],
        ctx: &RequestContext,
        _now: Time,
    ) -> Result<(), SubjectError> {
        let r = self.set_cookies_inner(url, lines, ctx);
        self.track(r)
    }

    fn cookie_header(
        &mut self,
        url: &RequestUri,
        ctx: &RequestContext,
        _now: Time,
    ) -> Result<Option<Vec<u8>>, SubjectError> {
        let r = self.cookie_header_inner(url, ctx);
        self.track(r)
    }

    fn cookies(&mut self, _now: Time) -> Result<Vec<StoredCookie>, SubjectError> {
        let r = self.cookies_inner();
        self.track(r)
    }

    fn end_session(&mut self) -> Result<(), SubjectError> {
        let r = self.live().and_then(Live::end_session);
        // The restarted browser dies with this thread (not with the pool's
        // launcher), so it must not be handed to another subject.
        self.healthy = false;
        r
    }
}

/// The steps, before [`ChromiumSubject::track`] sees their errors.
impl ChromiumSubject {
    /// Passes `result` on; a failure other than *unsupported* marks the
    /// browser as not fit for reuse.
    fn track<T>(&mut self, result: Result<T, SubjectError>) -> Result<T, SubjectError> {
        if let Err(e) = &result {
            if !matches!(e, SubjectError::Unsupported(_)) {
                self.healthy = false;
            }
        }
        result
    }

    fn reset_inner(&mut self) -> Result<(), SubjectError> {
        let live = self.live()?;
        live.browser_call("Storage.clearCookies", json!({}))?;
        live.document = None;
        self.opaque_octets = false;
        Ok(())
    }

    fn set_cookies_inner(
        &mut self,
        url: &RequestUri,
        lines: &[Vec<u8>],
        ctx: &RequestContext,
    ) -> Result<(), SubjectError> {
        let url = page_url(url)?;
        if ctx.api == Api::NonHttp {
            let texts = lines
                .iter()
                .map(|l| {
                    std::str::from_utf8(l).map_err(|_| {
                        SubjectError::unsupported(
                            "a document.cookie write that is not UTF-8 (JavaScript strings are text)",
                        )
                    })
                })
                .collect::<Result<Vec<&str>, _>>()?;
            let context = self.script_context(&url, ctx)?;
            let live = self.live()?;
            for text in texts {
                let script = format!("document.cookie = {}; undefined", js_string(text)?);
                live.evaluate_in(context, &script)?;
            }
            // A document.cookie write reaches the cookie store
            // asynchronously; a read is sent after it on the same channel
            // and should only return once the writes are in. Suspected, not
            // reproduced: under load in explore, a `Storage.getCookies`
            // right after a write missed it.
            live.evaluate_in(context, "document.cookie")?;
            return Ok(());
        }
        if lines
            .iter()
            .any(|l| l.iter().any(|&b| matches!(b, b'\r' | b'\n')))
        {
            return Err(SubjectError::unsupported(
                "a Set-Cookie line with CR or LF (not one HTTP/1.1 header field)",
            ));
        }
        if lines.iter().any(|l| std::str::from_utf8(l).is_err()) {
            self.opaque_octets = true;
        }
        if lines.iter().any(|l| l.contains(&0)) {
            // Chromium's HTTP parser refuses the whole response
            // (`net::ERR_INVALID_HTTP_RESPONSE`; RFC 9110 §5.5 lets a
            // recipient reject a message with NUL in a field value): no
            // line of it reaches the cookie parser, so there is no cookie
            // behaviour to compare.
            return Err(SubjectError::unsupported(
                "a NUL octet in a Set-Cookie line (Chromium refuses the whole response before any cookie parsing)",
            ));
        }
        let seen = self.http_request(&url, Some(lines), ctx)?;
        if !seen.got_lines {
            return Err(SubjectError::Protocol(format!(
                "the Set-Cookie lines for {url} went to another request"
            )));
        }
        Ok(())
    }

    fn cookie_header_inner(
        &mut self,
        url: &RequestUri,
        ctx: &RequestContext,
    ) -> Result<Option<Vec<u8>>, SubjectError> {
        let url = page_url(url)?;
        if ctx.api == Api::NonHttp {
            let context = self.script_context(&url, ctx)?;
            let value = self.live()?.evaluate_in(context, "document.cookie")?;
            let text = value.as_str().ok_or_else(|| {
                SubjectError::Protocol(format!("document.cookie is not a string: {value}"))
            })?;
            return Ok((!text.is_empty()).then(|| text.as_bytes().to_vec()));
        }
        let seen = self.http_request(&url, None, ctx)?;
        match &seen.cookies[..] {
            [] => Ok(None),
            [one] => Ok(Some(one.clone())),
            more => Err(SubjectError::Protocol(format!(
                "Chromium sent {} Cookie header fields",
                more.len()
            ))),
        }
    }

    fn cookies_inner(&mut self) -> Result<Vec<StoredCookie>, SubjectError> {
        if self.opaque_octets {
            // Seen on Debian's chromium 156: a value's trailing 0xff octet
            // is missing from the listing and a path holding one comes back
            // changed, while the Cookie header carries the octet intact (get
            // steps still compare it).
            return Err(SubjectError::unsupported(
                "reading a store after a Set-Cookie line that is not UTF-8 \
                 (Storage.getCookies reports cookies as JSON text and loses such octets)",
            ));
        }
        let answer = self.live()?.browser_call("Storage.getCookies", json!({}))?;
        let list = answer
            .get("cookies")
            .and_then(Value::as_array)
            .ok_or_else(|| {
                SubjectError::Protocol(format!("Storage.getCookies without cookies: {answer}"))
            })?;
        list.iter().map(stored_of).collect()
    }
}

/// One `Network.Cookie` of the DevTools protocol. Chromium writes a domain
/// cookie's domain with a leading dot and a host-only cookie's without.
fn stored_of(c: &Value) -> Result<StoredCookie, SubjectError> {
    let text = |key: &str| string_field(c, key);
    let flag = |key: &str| {
        c.get(key)
            .and_then(Value::as_bool)
            .ok_or_else(|| SubjectError::Protocol(format!("cookie without `{key}`: {c}")))
    };
    let domain = text("domain")?;
    let (host_only, domain) = match domain.strip_prefix('.') {
        Some(rest) => (false, rest.to_string()),
        None => (true, domain),
    };
    let same_site = match c.get("sameSite").and_then(Value::as_str) {
        None => SameSite::Default,
        Some("Strict") => SameSite::Strict,
        Some("Lax") => SameSite::Lax,
        Some("None") => SameSite::None,
        Some(other) => {
            return Err(SubjectError::Protocol(format!(
                "unknown sameSite `{other}` in {c}"
            )))
        }
    };
    let session = flag("session")?;
    let expires = c
        .get("expires")
        .and_then(Value::as_f64)
        .filter(|_| !session)
        // Seconds since the epoch as a float; whole seconds are what the
        // model keeps (and the differ compares expiry only on a clock).
        .map(|e| e.floor() as Time);
    Ok(StoredCookie {
        name: text("name")?.into_bytes(),
        value: text("value")?.into_bytes(),
        domain: Some(domain),
        path: Some(text("path")?.into_bytes()),
        host_only: Some(host_only),
        secure: Some(flag("secure")?),
        http_only: Some(flag("httpOnly")?),
        same_site: Some(same_site),
        persistent: Some(!session),
        expires,
    })
}
