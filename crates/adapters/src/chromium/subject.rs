//! The `chromium` subject: scenario steps as browser actions.
//!
//! - A `set` step over HTTP is a top-level navigation to the step's URL; the
//!   test server's response carries the step's Set-Cookie lines as raw
//!   bytes. A `get` step over HTTP is a navigation whose request's Cookie
//!   header the server records. Under the rfc6265bis profile a same-site
//!   request's outcome does not depend on being top-level or on the method
//!   (bis §5.7 step 18, §5.8.3 step 3), so a navigation stands for every
//!   same-site context; cross-site contexts are not produced yet, so the
//!   subject does not claim `same-site` and such cases are *unsupported*.
//! - A response whose Set-Cookie lines hold a NUL octet is refused whole by
//!   Chromium's HTTP parser (`net::ERR_INVALID_HTTP_RESPONSE`): that is the
//!   browser's outcome for the step (nothing stored), not an adapter error.
//!   Lines with CR or LF cannot travel as one header field: *unsupported*.
//! - A host on Chromium's HSTS preload list is never asked over http (the
//!   URL is upgraded first): such a step is *unsupported*.
//! - A non-HTTP step opens the step's URL as a document (no Set-Cookie) and
//!   runs `document.cookie = "<line>"` per line, or reads `document.cookie`.
//!   JavaScript strings are text: a line that is not UTF-8 is *unsupported*.
//! - Stored cookies are listed with `Storage.getCookies`; every scenario
//!   starts with `Storage.clearCookies` in the same browser.
//! - Chromium reads the system clock, has the public suffix list built in,
//!   and enforces its own limits (180 per domain, 3300 in total: not the
//!   profile's), so `clock` and `limits` are not claimed. There is no end of
//!   session short of restarting the browser, and no cookies.txt.

use super::cdp::Cdp;
use super::launcher::{find_binary, Browser};
use super::server::{ProxyServer, Seen};
use super::tls::TlsIdentity;
use crate::url_of::url_of;
use cookiecheck::subject::{Capabilities, StoredCookie, Subject, SubjectError};
use cookiecheck_model::{Api, ProfileId, RequestContext, RequestUri, SameSite, Time};
use serde_json::{json, Value};
use std::path::PathBuf;

/// Headless Chromium over the DevTools protocol. The browser starts on the
/// first step (building the subject is cheap) and stops when the subject is
/// dropped.
pub struct ChromiumSubject {
    binary: Option<PathBuf>,
    live: Option<Live>,
}

/// A running browser with its server. Fields drop in order: the DevTools
/// connection, then the browser, then the server it uses as its proxy.
struct Live {
    cdp: Cdp,
    session: String,
    /// The URL of the document now open (for non-HTTP steps).
    document: Option<String>,
    _browser: Browser,
    server: ProxyServer,
}

impl ChromiumSubject {
    /// A subject for the Chromium binary [`find_binary`] finds (checked when
    /// the browser starts: without one every step fails with a clear error).
    pub fn new() -> ChromiumSubject {
        ChromiumSubject {
            binary: find_binary(),
            live: None,
        }
    }

    fn live(&mut self) -> Result<&mut Live, SubjectError> {
        if self.live.is_none() {
            let binary = self.binary.clone().ok_or_else(|| {
                SubjectError::Io(format!(
                    "no Chromium binary (install Debian's `chromium` or set {})",
                    super::launcher::BINARY_ENV
                ))
            })?;
            self.live = Some(Live::start(&binary)?);
        }
        // Invariant: set just above when it was None.
        self.live
            .as_mut()
            .ok_or_else(|| SubjectError::Crashed("no browser".into()))
    }
}

impl Default for ChromiumSubject {
    fn default() -> Self {
        ChromiumSubject::new()
    }
}

impl Live {
    fn start(binary: &std::path::Path) -> Result<Live, SubjectError> {
        let tls = TlsIdentity::generate().map_err(SubjectError::Io)?;
        let server = ProxyServer::start(tls.config.clone())?;
        let browser =
            Browser::launch(binary, server.port(), &tls.spki_sha256).map_err(SubjectError::Io)?;
        let mut cdp = Cdp::connect(&browser.devtools_url)?;
        let target = cdp.call(None, "Target.createTarget", json!({"url": "about:blank"}))?;
        let target_id = string_field(&target, "targetId")?;
        let attached = cdp.call(
            None,
            "Target.attachToTarget",
            json!({"targetId": target_id, "flatten": true}),
        )?;
        let session = string_field(&attached, "sessionId")?;
        Ok(Live {
            cdp,
            session,
            document: None,
            _browser: browser,
            server,
        })
    }

    fn page_call(&mut self, method: &str, params: Value) -> Result<Value, SubjectError> {
        self.cdp.call(Some(&self.session), method, params)
    }

    /// Navigates the page to `url` and returns the page request the server
    /// answered (with the armed lines, if any).
    fn navigate(&mut self, url: &str) -> Result<Seen, SubjectError> {
        self.server.exchange().take_seen();
        let result = self.page_call("Page.navigate", json!({"url": url}));
        let seen = self.server.exchange().take_seen();
        self.server.exchange().disarm();
        let result = result?;
        if let Some(error) = result.get("errorText").and_then(Value::as_str) {
            self.document = None;
            return Err(SubjectError::Io(format!("navigating to {url}: {error}")));
        }
        self.document = Some(url.to_string());
        // HSTS: for a host on Chromium's built-in preload list, an http URL
        // is upgraded to https before any request is made.
        if let Some(rest) = url.strip_prefix("http://") {
            let upgraded = format!("https://{rest}");
            if seen.iter().any(|s| s.url == upgraded) {
                self.document = None;
                return Err(SubjectError::unsupported(format!(
                    "{url}: Chromium upgrades it to https (HSTS preload list) before any request"
                )));
            }
        }
        // Chromium's own background requests also pass the proxy.
        let seen: Vec<Seen> = seen.into_iter().filter(|s| s.url == url).collect();
        match &seen[..] {
            [one] => Ok(one.clone()),
            [] => Err(SubjectError::Protocol(format!(
                "Chromium navigated to {url} without a request reaching the test server"
            ))),
            more => Err(SubjectError::Protocol(format!(
                "navigating to {url}, Chromium requested it {} times",
                more.len()
            ))),
        }
    }

    /// Opens `url` as the current document unless it already is.
    fn open_document(&mut self, url: &str) -> Result<(), SubjectError> {
        if self.document.as_deref() != Some(url) {
            self.navigate(url)?;
        }
        Ok(())
    }

    /// Evaluates `expression` in the page; returns its value.
    fn evaluate(&mut self, expression: &str) -> Result<Value, SubjectError> {
        let result = self.page_call(
            "Runtime.evaluate",
            json!({"expression": expression, "returnByValue": true}),
        )?;
        if let Some(exception) = result.get("exceptionDetails") {
            return Err(SubjectError::Protocol(format!(
                "`{expression}` threw: {exception}"
            )));
        }
        Ok(result
            .get("result")
            .and_then(|r| r.get("value"))
            .cloned()
            .unwrap_or(Value::Null))
    }
}

/// The error Chromium reports for a response its HTTP parser refuses.
const INVALID_RESPONSE: &str = "net::ERR_INVALID_HTTP_RESPONSE";

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

fn string_field(v: &Value, key: &str) -> Result<String, SubjectError> {
    v.get(key)
        .and_then(Value::as_str)
        .map(str::to_string)
        .ok_or_else(|| SubjectError::Protocol(format!("DevTools answer without `{key}`: {v}")))
}

fn only_same_site(ctx: &RequestContext) -> Result<(), SubjectError> {
    if ctx.site == cookiecheck_model::SiteStatus::CrossSite {
        return Err(SubjectError::unsupported(
            "cross-site requests (not produced by the chromium adapter yet)",
        ));
    }
    Ok(())
}

impl Subject for ChromiumSubject {
    fn capabilities(&self) -> Capabilities {
        Capabilities {
            non_http: true,
            public_suffix: true,
            list_cookies: true,
            ..Capabilities::basic(ProfileId::Rfc6265bis)
        }
    }

    fn reset(&mut self) -> Result<(), SubjectError> {
        let live = self.live()?;
        live.cdp.call(None, "Storage.clearCookies", json!({}))?;
        live.document = None;
        Ok(())
    }

    fn set_cookies(
        &mut self,
        url: &RequestUri,
        lines: &[Vec<u8>],
        ctx: &RequestContext,
        _now: Time,
    ) -> Result<(), SubjectError> {
        only_same_site(ctx)?;
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
            let live = self.live()?;
            live.open_document(&url)?;
            for text in texts {
                let literal = serde_json::to_string(text)
                    .map_err(|e| SubjectError::Protocol(e.to_string()))?;
                live.evaluate(&format!("document.cookie = {literal}; undefined"))?;
            }
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
        let live = self.live()?;
        live.server.exchange().arm(url.clone(), lines.to_vec());
        let seen = match live.navigate(&url) {
            Ok(seen) => seen,
            // Chromium's HTTP parser refuses a response whose header holds
            // a NUL octet: the browser's outcome is that no line of that
            // response reaches the cookie store.
            Err(SubjectError::Io(e))
                if e.ends_with(INVALID_RESPONSE) && lines.iter().any(|l| l.contains(&0)) =>
            {
                return Ok(());
            }
            Err(e) => return Err(e),
        };
        if !seen.got_lines {
            return Err(SubjectError::Protocol(format!(
                "the Set-Cookie lines for {url} went to another request"
            )));
        }
        Ok(())
    }

    fn cookie_header(
        &mut self,
        url: &RequestUri,
        ctx: &RequestContext,
        _now: Time,
    ) -> Result<Option<Vec<u8>>, SubjectError> {
        only_same_site(ctx)?;
        let url = page_url(url)?;
        let live = self.live()?;
        if ctx.api == Api::NonHttp {
            live.open_document(&url)?;
            let value = live.evaluate("document.cookie")?;
            let text = value.as_str().ok_or_else(|| {
                SubjectError::Protocol(format!("document.cookie is not a string: {value}"))
            })?;
            return Ok((!text.is_empty()).then(|| text.as_bytes().to_vec()));
        }
        let seen = live.navigate(&url)?;
        match &seen.cookies[..] {
            [] => Ok(None),
            [one] => Ok(Some(one.clone())),
            more => Err(SubjectError::Protocol(format!(
                "Chromium sent {} Cookie header fields",
                more.len()
            ))),
        }
    }

    fn cookies(&mut self, _now: Time) -> Result<Vec<StoredCookie>, SubjectError> {
        let live = self.live()?;
        let answer = live.cdp.call(None, "Storage.getCookies", json!({}))?;
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
