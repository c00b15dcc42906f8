//! A minimal, synchronous Chrome DevTools Protocol client: JSON commands
//! over one WebSocket, answered in order.
//!
//! Why hand-written: the [`Subject`](cookiecheck::subject::Subject) trait is
//! synchronous and the adapter needs about ten commands (create a target,
//! navigate, evaluate, read and clear cookies). `chromiumoxide` is async
//! (tokio plus generated bindings for the whole protocol, a long build on a
//! small machine); `headless_chrome` is synchronous but launches and owns
//! the browser itself (the adapter must choose every switch) and pulls in
//! much more than it uses here. `tungstenite` (the WebSocket layer under
//! both, synchronous) and `serde_json` suffice: one request, read frames
//! until the answer with the same id, skip events.

use cookiecheck::subject::SubjectError;
use serde_json::{json, Value};
use std::io::ErrorKind;
use std::net::TcpStream;
use std::time::Duration;
use tungstenite::{Message, WebSocket};

/// How long one command may take before the call is a timeout.
const CALL_LIMIT: Duration = Duration::from_secs(15);

/// A connection to the browser's DevTools endpoint.
pub(crate) struct Cdp {
    socket: WebSocket<TcpStream>,
    next_id: u64,
}

impl Cdp {
    /// Connects to `ws://127.0.0.1:PORT/devtools/browser/...`.
    pub(crate) fn connect(devtools_url: &str) -> Result<Cdp, SubjectError> {
        let authority = devtools_url
            .strip_prefix("ws://")
            .and_then(|rest| rest.split('/').next())
            .ok_or_else(|| {
                SubjectError::Protocol(format!("not a ws:// DevTools URL: {devtools_url}"))
            })?;
        let stream = TcpStream::connect(authority)?;
        stream.set_read_timeout(Some(CALL_LIMIT))?;
        stream.set_nodelay(true)?;
        let (socket, _) = tungstenite::client(devtools_url, stream)
            .map_err(|e| SubjectError::Io(format!("DevTools WebSocket handshake: {e}")))?;
        Ok(Cdp { socket, next_id: 1 })
    }

    /// Sends `method` with `params` (to the target attached as `session`,
    /// or to the browser) and returns its `result`. A protocol error answer
    /// is [`SubjectError::Protocol`] with Chromium's message.
    pub(crate) fn call(
        &mut self,
        session: Option<&str>,
        method: &str,
        params: Value,
    ) -> Result<Value, SubjectError> {
        let id = self.next_id;
        self.next_id += 1;
        let mut command = json!({"id": id, "method": method, "params": params});
        if let Some(session) = session {
            command["sessionId"] = Value::String(session.to_string());
        }
        self.socket
            .send(Message::text(command.to_string()))
            .map_err(|e| ws_error(method, e))?;
        loop {
            let message = self.socket.read().map_err(|e| ws_error(method, e))?;
            let Message::Text(text) = message else {
                continue;
            };
            let mut answer: Value = serde_json::from_str(text.as_str()).map_err(|e| {
                SubjectError::Protocol(format!("DevTools sent something that is not JSON: {e}"))
            })?;
            // Events have no id; answers to earlier (timed-out) calls have
            // smaller ids.
            if answer.get("id").and_then(Value::as_u64) != Some(id) {
                continue;
            }
            if let Some(error) = answer.get("error") {
                return Err(SubjectError::Protocol(format!("{method}: {error}")));
            }
            return Ok(answer
                .get_mut("result")
                .map(Value::take)
                .unwrap_or(Value::Null));
        }
    }
}

fn ws_error(method: &str, e: tungstenite::Error) -> SubjectError {
    match e {
        tungstenite::Error::Io(io)
            if matches!(io.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) =>
        {
            SubjectError::Timeout(CALL_LIMIT)
        }
        other => SubjectError::Io(format!("DevTools {method}: {other}")),
    }
}
