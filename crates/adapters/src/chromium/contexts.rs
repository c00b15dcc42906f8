//! Cross-site request contexts, produced the way a web page produces them:
//! from a top-level document on a site that is cross-site with every test
//! host (`initiator.cookiecheck.test`, an http origin so that requests to
//! both http and https URLs are allowed from it: no mixed content).
//!
//! | context | browser action |
//! |---|---|
//! | cross-site, top-level, safe method | `location.href = url` (a renderer-initiated navigation) |
//! | cross-site, top-level, unsafe method | a `<form method=POST action=url>` submitted |
//! | cross-site, not top-level | `fetch(url, {credentials: "include", mode: "no-cors"})`, GET or POST |
//! | non-HTTP, cross-site | `document.cookie` in an `<iframe src=url>` of the initiator page, run in an isolated world of that frame |
//!
//! Same-site contexts are browser-initiated navigations ([`Live::navigate`]).

use super::server::Seen;
use super::session::{js_string, string_field, Live};
use cookiecheck::subject::SubjectError;
use cookiecheck_model::RequestContext;
use serde_json::{json, Value};

/// A script prefix that waits until the document is parsed (navigations
/// return at commit, before the body exists).
const WHEN_PARSED: &str = "await new Promise(ready => document.readyState === 'loading' \
     ? document.addEventListener('DOMContentLoaded', ready) : ready());";

/// The top-level document cross-site requests start from.
pub(crate) const INITIATOR: &str = "http://initiator.cookiecheck.test/";

/// Makes a cross-site request to `url` in context `ctx` (its response
/// carrying `lines`, if given); returns the request the server saw.
pub(crate) fn cross_site_request(
    live: &mut Live,
    url: &str,
    lines: Option<&[Vec<u8>]>,
    ctx: &RequestContext,
) -> Result<Seen, SubjectError> {
    let seen = produce(live, url, lines, ctx)?;
    // The method the context asks for is the one the server saw.
    let method = if ctx.safe_method { "GET" } else { "POST" };
    if seen.method != method {
        return Err(SubjectError::Protocol(format!(
            "the request for {url} arrived as {}, not {method}",
            seen.method
        )));
    }
    Ok(seen)
}

fn produce(
    live: &mut Live,
    url: &str,
    lines: Option<&[Vec<u8>]>,
    ctx: &RequestContext,
) -> Result<Seen, SubjectError> {
    // A fresh initiator document each time (no frames or state left over).
    live.navigate(INITIATOR, None)?;
    let target = js_string(url)?;
    if ctx.top_level {
        let script = if ctx.safe_method {
            format!("location.href = {target}; undefined")
        } else {
            format!(
                "(async () => {{ {WHEN_PARSED} const f = document.createElement('form'); \
                 f.method = 'POST'; f.action = {target}; document.body.appendChild(f); \
                 f.submit(); }})()"
            )
        };
        live.document = None;
        return live.request(url, lines, |live| {
            live.evaluate(&script)?;
            live.wait_for_commit(url)
        });
    }
    let method = if ctx.safe_method { "GET" } else { "POST" };
    let script = format!(
        "fetch({target}, {{method: '{method}', credentials: 'include', mode: 'no-cors', \
         cache: 'no-store'}}).then(() => 'ok', e => String(e))"
    );
    live.request(url, lines, |live| match live.evaluate(&script)? {
        Value::String(s) if s == "ok" => Ok(()),
        other => Err(SubjectError::Io(format!("fetch({url}) failed: {other}"))),
    })
}

/// Opens `url` in an iframe of the initiator page and returns an execution
/// context of that frame for `document.cookie`.
pub(crate) fn cross_site_frame(live: &mut Live, url: &str) -> Result<u64, SubjectError> {
    live.navigate(INITIATOR, None)?;
    let target = js_string(url)?;
    let script = format!(
        "(async () => {{ {WHEN_PARSED} await new Promise(done => {{ \
         const f = document.createElement('iframe'); f.onload = () => done('ok'); \
         f.src = {target}; document.body.appendChild(f); }}); }})()"
    );
    live.request(url, None, |live| live.evaluate(&script).map(drop))?;
    let tree = live.page_call("Page.getFrameTree", json!({}))?;
    let frame = tree
        .pointer("/frameTree/childFrames/0/frame")
        .ok_or_else(|| SubjectError::Protocol(format!("no iframe in the frame tree: {tree}")))?;
    let frame_id = string_field(frame, "id")?;
    let world = live.page_call(
        "Page.createIsolatedWorld",
        json!({"frameId": frame_id, "worldName": "cookiecheck"}),
    )?;
    world
        .get("executionContextId")
        .and_then(Value::as_u64)
        .ok_or_else(|| SubjectError::Protocol(format!("no execution context: {world}")))
}
