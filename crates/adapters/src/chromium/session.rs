//! One running browser with its test server and one page: the primitives
//! the subject builds its steps from (navigate, run script, see what the
//! server saw).

use super::cdp::Cdp;
use super::launcher::Browser;
use super::server::{ProxyServer, Seen};
use super::tls::TlsIdentity;
use cookiecheck::subject::SubjectError;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long a script-started navigation may take to commit.
const COMMIT_LIMIT: Duration = Duration::from_secs(10);

/// A running browser with its server. Fields drop in order: the DevTools
/// connection, then the browser, then the server it uses as its proxy.
pub(crate) struct Live {
    cdp: Cdp,
    session: String,
    /// The URL of the document now open in the page, when known.
    pub(crate) document: Option<String>,
    browser: Browser,
    binary: PathBuf,
    spki_sha256: String,
    server: ProxyServer,
}

impl Live {
    /// Starts the server and the browser, opens a page and attaches to it.
    pub(crate) fn start(binary: &Path) -> Result<Live, SubjectError> {
        let tls = TlsIdentity::generate().map_err(SubjectError::Io)?;
        let server = ProxyServer::start(tls.config.clone())?;
        let browser =
            Browser::launch(binary, server.port(), &tls.spki_sha256).map_err(SubjectError::Io)?;
        let (cdp, session) = attach(&browser)?;
        Ok(Live {
            cdp,
            session,
            document: None,
            browser,
            binary: binary.to_path_buf(),
            spki_sha256: tls.spki_sha256,
            server,
        })
    }

    /// Ends the session: closes the browser (it writes its cookie store to
    /// the profile) and starts it again on the same profile, as a user
    /// quitting and reopening it. The new process belongs to the calling
    /// thread (see [`Browser::restart`]).
    pub(crate) fn end_session(&mut self) -> Result<(), SubjectError> {
        // The socket closes as the browser goes: no answer is expected.
        let _ = self.cdp.call(None, "Browser.close", json!({}));
        self.browser
            .restart(&self.binary, self.server.port(), &self.spki_sha256)
            .map_err(SubjectError::Io)?;
        let (cdp, session) = attach(&self.browser)?;
        self.cdp = cdp;
        self.session = session;
        self.document = None;
        Ok(())
    }

    /// A command to the browser itself (cookie store calls).
    pub(crate) fn browser_call(
        &mut self,
        method: &str,
        params: Value,
    ) -> Result<Value, SubjectError> {
        self.cdp.call(None, method, params)
    }

    /// A command to the page.
    pub(crate) fn page_call(&mut self, method: &str, params: Value) -> Result<Value, SubjectError> {
        self.cdp.call(Some(&self.session), method, params)
    }

    /// Runs `action`, which makes Chromium request `url` once, and returns
    /// that request as the server saw it. When `lines` is given, the
    /// response to that request carries them.
    pub(crate) fn request(
        &mut self,
        url: &str,
        lines: Option<&[Vec<u8>]>,
        action: impl FnOnce(&mut Live) -> Result<(), SubjectError>,
    ) -> Result<Seen, SubjectError> {
        {
            let mut ex = self.server.exchange();
            ex.take_seen();
            if let Some(lines) = lines {
                ex.arm(url.to_string(), lines.to_vec());
            }
        }
        let result = action(self);
        let seen = {
            let mut ex = self.server.exchange();
            ex.disarm();
            ex.take_seen()
        };
        if result.is_err() {
            self.document = None;
        }
        result?;
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
                "no request for {url} reached the test server"
            ))),
            more => Err(SubjectError::Protocol(format!(
                "Chromium requested {url} {} times",
                more.len()
            ))),
        }
    }

    /// A browser-initiated top-level navigation (as if typed in the address
    /// bar): a same-site request. Returns the page request.
    pub(crate) fn navigate(
        &mut self,
        url: &str,
        lines: Option<&[Vec<u8>]>,
    ) -> Result<Seen, SubjectError> {
        let seen = self.request(url, lines, |live| {
            let result = live.page_call("Page.navigate", json!({"url": url}))?;
            match result.get("errorText").and_then(Value::as_str) {
                Some(error) => Err(SubjectError::Io(format!("navigating to {url}: {error}"))),
                None => Ok(()),
            }
        })?;
        self.document = Some(url.to_string());
        Ok(seen)
    }

    /// Opens `url` as the current document unless it already is.
    pub(crate) fn open_document(&mut self, url: &str) -> Result<(), SubjectError> {
        if self.document.as_deref() != Some(url) {
            self.navigate(url, None)?;
        }
        Ok(())
    }

    /// Evaluates `expression` in the page's main world (or in the execution
    /// context `context`), awaiting a promise; returns its value.
    pub(crate) fn evaluate_in(
        &mut self,
        context: Option<u64>,
        expression: &str,
    ) -> Result<Value, SubjectError> {
        let mut params =
            json!({"expression": expression, "returnByValue": true, "awaitPromise": true});
        if let Some(id) = context {
            params["contextId"] = json!(id);
        }
        let result = self.page_call("Runtime.evaluate", params)?;
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

    /// Evaluates `expression` in the page's main world.
    pub(crate) fn evaluate(&mut self, expression: &str) -> Result<Value, SubjectError> {
        self.evaluate_in(None, expression)
    }

    /// Waits until the page's document is `url` (after a navigation that a
    /// script started: its response, and so its Set-Cookie lines, has then
    /// been processed).
    pub(crate) fn wait_for_commit(&mut self, url: &str) -> Result<(), SubjectError> {
        let start = Instant::now();
        while start.elapsed() < COMMIT_LIMIT {
            // Errors while the old document goes away mean "not yet".
            if let Ok(Value::String(now)) = self.evaluate("location.href") {
                if now == url {
                    self.document = Some(url.to_string());
                    return Ok(());
                }
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        Err(SubjectError::Timeout(COMMIT_LIMIT))
    }
}

/// Connects to the browser's DevTools and attaches to a new blank page.
fn attach(browser: &Browser) -> Result<(Cdp, String), SubjectError> {
    let mut cdp = Cdp::connect(&browser.devtools_url)?;
    let target = cdp.call(None, "Target.createTarget", json!({"url": "about:blank"}))?;
    let target_id = string_field(&target, "targetId")?;
    let attached = cdp.call(
        None,
        "Target.attachToTarget",
        json!({"targetId": target_id, "flatten": true}),
    )?;
    Ok((cdp, string_field(&attached, "sessionId")?))
}

/// A string field of a DevTools answer.
pub(crate) fn string_field(v: &Value, key: &str) -> Result<String, SubjectError> {
    v.get(key)
        .and_then(Value::as_str)
        .map(str::to_string)
        .ok_or_else(|| SubjectError::Protocol(format!("DevTools answer without `{key}`: {v}")))
}

/// `text` as a JavaScript string literal.
pub(crate) fn js_string(text: &str) -> Result<String, SubjectError> {
    serde_json::to_string(text).map_err(|e| SubjectError::Protocol(e.to_string()))
}
