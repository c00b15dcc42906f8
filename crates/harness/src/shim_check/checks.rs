//! The checks of `shim-check`, in the order they run.

use super::wire::{Reply, Wire};
use super::{Check, ShimReport, Verdict};
use crate::subject::process::{hello_from, parse_response};
use crate::subject::protocol::{self, Fields, PROTOCOL_VERSION};
use crate::subject::{Capabilities, Hello, ProcessCommand, SubjectError};
use serde_json::{json, Value};
use std::time::Duration;

/// The URL of the checks' one cookie.
const URL: &str = "http://shim-check.example.com/";
/// Its Set-Cookie line.
const LINE: &str = "cookiecheck=1; Path=/";
/// The virtual time of every request (2024-01-01T00:00:00Z).
const NOW: i64 = 1_704_067_200;

/// Why a request got no usable answer.
enum Problem {
    /// `kind: "unsupported"`.
    Unsupported(String),
    /// `kind: "failed"`.
    Failed(String),
    /// `kind: "bad-request"`.
    BadRequest(String),
    /// Anything the harness would call a protocol, timeout or crash finding
    /// (the process is then ended, as the harness does).
    Broken(String),
}

/// One request and what came of it.
struct Exchange {
    request: String,
    reply: Option<String>,
    result: Result<Value, Problem>,
}

/// Runs the checks; holds the process between them.
pub(super) struct Checker {
    command: ProcessCommand,
    wire: Option<Wire>,
    next_id: u64,
    hello: Option<Hello>,
    checks: Vec<Check>,
    /// Lines on stdout that answered nothing, with the request they came before.
    noise: Vec<(String, String)>,
    stderr: String,
}

impl Checker {
    pub(super) fn new(command: ProcessCommand) -> Checker {
        Checker {
            command,
            wire: None,
            next_id: 1,
            hello: None,
            checks: Vec::new(),
            noise: Vec::new(),
            stderr: String::new(),
        }
    }

    fn limit(&self) -> Duration {
        self.command.request_limit
    }

    fn record(
        &mut self,
        name: &'static str,
        verdict: Verdict,
        summary: String,
        ex: Option<&Exchange>,
    ) {
        self.checks.push(Check {
            name,
            verdict,
            summary,
            request: ex.map(|e| e.request.clone()),
            reply: ex.and_then(|e| e.reply.clone()),
        });
    }

    pub(super) fn run(mut self) -> ShimReport {
        if self.start_and_hello() {
            let caps = self
                .hello
                .as_ref()
                .map(|h| h.capabilities.clone())
                .unwrap_or_else(|| Capabilities::basic(cookiecheck_model::ProfileId::Rfc6265));
            self.check_reset();
            if caps.parser_only {
                self.check_parser_only();
            } else {
                self.check_jar();
            }
            self.check_optional_ops(&caps);
            self.check_unknown_op();
            self.check_not_json();
            self.check_restart();
        }
        if self.hello.is_some() || !self.noise.is_empty() {
            self.check_stdout();
        }
        if let Some(w) = &self.wire {
            self.keep_stderr(w.stderr_tail());
        }
        ShimReport {
            subject: self.hello.as_ref().map(|h| h.name.clone()),
            checks: self.checks,
            stderr: self.stderr,
        }
    }

    fn keep_stderr(&mut self, tail: String) {
        if !tail.is_empty() {
            if !self.stderr.is_empty() {
                self.stderr.push('\n');
            }
            self.stderr.push_str(&tail);
        }
    }

    /// Ends the process (after a problem, as the harness does).
    fn end_process(&mut self) {
        if let Some(w) = self.wire.take() {
            self.keep_stderr(w.stderr_tail());
        }
    }

    /// Sends `request` (an `id` is added) and classifies what came back.
    fn ask_raw(&mut self, wire: &mut Wire, mut request: Value, limit: Duration) -> Exchange {
        let id = self.next_id;
        self.next_id += 1;
        request["id"] = json!(id);
        let text = request.to_string();
        let reply = wire.ask(&text, Some(id), limit);
        self.classify(text, id, reply)
    }

    fn classify(&mut self, request: String, id: u64, reply: Reply) -> Exchange {
        let (reply_text, result) = match reply {
            Reply::Answer { line, value, noise } => {
                self.note_noise(&request, noise);
                let result = answer_result(&line, &value, id);
                (Some(line), result)
            }
            Reply::WrongId { line, noise } => {
                self.note_noise(&request, noise);
                let msg = format!(
                    "the answer's `id` does not echo the request's {id}: each answer \
                     must carry the id of the request it answers"
                );
                (Some(line), Err(Problem::Broken(msg)))
            }
            Reply::Garbage { lines } => {
                let first = lines.first().cloned();
                let msg = format!(
                    "answered only with {} line(s) that are not a JSON response \
                     (stdout is for responses only; logs go to stderr)",
                    lines.len()
                );
                (first, Err(Problem::Broken(msg)))
            }
            Reply::Silence(limit) => (
                None,
                Err(Problem::Broken(format!(
                    "no answer within {} s: the harness would kill the process \
                     (a hang, or stdout not flushed after each line)",
                    limit.as_secs_f64()
                ))),
            ),
            Reply::Died { message, noise } => {
                let first = noise.first().cloned();
                let msg = if noise.is_empty() {
                    format!("the process died: {message}")
                } else {
                    format!(
                        "the process wrote {} line(s) that are not a JSON response, \
                         then died: {message}",
                        noise.len()
                    )
                };
                (first, Err(Problem::Broken(msg)))
            }
        };
        Exchange {
            request,
            reply: reply_text,
            result,
        }
    }

    fn note_noise(&mut self, request: &str, noise: Vec<String>) {
        for line in noise {
            self.noise.push((request.to_string(), line));
        }
    }

    /// Sends `request` on the running process, starting one (with its
    /// `hello`) when the last ended.
    fn ask(&mut self, request: Value) -> Exchange {
        let limit = self.limit();
        let mut wire = match self.running() {
            Ok(w) => w,
            Err(msg) => {
                return Exchange {
                    request: request.to_string(),
                    reply: None,
                    result: Err(Problem::Broken(msg)),
                }
            }
        };
        let ex = self.ask_raw(&mut wire, request, limit);
        if matches!(ex.result, Err(Problem::Broken(_))) {
            self.keep_stderr(wire.stderr_tail());
        } else {
            self.wire = Some(wire);
        }
        ex
    }

    /// The running process, or a new one when the last ended.
    fn running(&mut self) -> Result<Wire, String> {
        match self.wire.take() {
            Some(w) => Ok(w),
            None => self.restart(),
        }
    }

    /// A new process after the last one ended; its hello must be the first one's.
    fn restart(&mut self) -> Result<Wire, String> {
        let mut wire = Wire::start(&self.command)
            .map_err(|e| format!("could not start the shim again: {e}"))?;
        self.next_id = 1;
        let ex = self.ask_raw(&mut wire, hello_request(), self.limit());
        let again = match ex.result {
            Ok(v) => hello_from(&v).map_err(|e| e.to_string()),
            Err(p) => Err(problem_text(&p)),
        };
        match again {
            Ok(h) if Some(&h) == self.hello.as_ref() => Ok(wire),
            Ok(h) => Err(format!(
                "the restarted shim announced another hello ({h:?})"
            )),
            Err(e) => Err(format!("the restarted shim's hello failed: {e}")),
        }
    }

    fn start_and_hello(&mut self) -> bool {
        let mut wire = match Wire::start(&self.command) {
            Ok(w) => w,
            Err(e) => {
                let hint = "check the program's name and path (the command runs in the \
                            current directory, split as a shell splits words)";
                self.record("start", Verdict::Fail, format!("{e}: {hint}"), None);
                return false;
            }
        };
        self.record(
            "start",
            Verdict::Pass,
            format!("`{}` started", self.command.program.display()),
            None,
        );
        let ex = self.ask_raw(&mut wire, hello_request(), self.limit());
        let value = match &ex.result {
            Ok(v) => v.clone(),
            Err(p) => {
                let summary = format!(
                    "{} (the first request is always `hello`; see docs/protocol.md)",
                    problem_text(p)
                );
                self.record("hello", Verdict::Fail, summary, Some(&ex));
                self.keep_stderr(wire.stderr_tail());
                return false;
            }
        };
        match hello_from(&value) {
            Ok(h) if h.name.trim().is_empty() => {
                self.record(
                    "hello",
                    Verdict::Fail,
                    "`subject` is empty".into(),
                    Some(&ex),
                );
                false
            }
            Ok(h) => {
                // The flags the protocol defines: the keys the harness writes.
                let known_flags = protocol::capabilities_json(&h.capabilities);
                let known_flags = known_flags.as_object().cloned().unwrap_or_default();
                let unknown: Vec<String> = value
                    .get("capabilities")
                    .and_then(Value::as_object)
                    .map(|o| {
                        o.keys()
                            .filter(|k| !known_flags.contains_key(k.as_str()))
                            .cloned()
                            .collect()
                    })
                    .unwrap_or_default();
                let summary = format!(
                    "subject `{}`, protocol {PROTOCOL_VERSION}, profile {}; claims: {}",
                    h.name,
                    h.capabilities.profile.name(),
                    claims(&h.capabilities)
                );
                if unknown.is_empty() {
                    self.record("hello", Verdict::Pass, summary, None);
                } else {
                    let summary = format!(
                        "{summary}; unknown capability flag(s) {} are ignored (a typo?)",
                        unknown.join(", ")
                    );
                    self.record("hello", Verdict::Warn, summary, Some(&ex));
                }
                self.hello = Some(h);
                self.wire = Some(wire);
                true
            }
            Err(e) => {
                let summary = match e {
                    SubjectError::Protocol(m) => m,
                    other => other.to_string(),
                };
                let summary = format!(
                    "{summary} (a hello answer carries `\"protocol\": 1`, `subject` and \
                     `capabilities` with a `profile`)"
                );
                self.record("hello", Verdict::Fail, summary, Some(&ex));
                self.keep_stderr(wire.stderr_tail());
                false
            }
        }
    }

    fn check_reset(&mut self) {
        let ex = self.ask(json!({"op": "reset"}));
        self.expect_ok("reset", &ex, |_| (Verdict::Pass, "answered ok".into()));
    }

    /// An `ok` answer runs `judge`; anything else fails the check.
    fn expect_ok(
        &mut self,
        name: &'static str,
        ex: &Exchange,
        judge: impl FnOnce(&Value) -> (Verdict, String),
    ) -> bool {
        match &ex.result {
            Ok(v) => {
                let (verdict, summary) = judge(v);
                let shown = (verdict != Verdict::Pass).then_some(ex);
                self.record(name, verdict, summary, shown);
                verdict != Verdict::Fail
            }
            Err(p) => {
                self.record(name, Verdict::Fail, problem_text(p), Some(ex));
                false
            }
        }
    }

    fn set(&mut self, line: &str, api: &str) -> Exchange {
        self.ask(json!({
            "op": "set",
            "url": URL,
            "lines": [protocol::to_hex(line.as_bytes())],
            "context": context(api),
            "now": NOW,
        }))
    }

    fn get(&mut self, api: &str) -> Exchange {
        self.ask(json!({"op": "get", "url": URL, "context": context(api), "now": NOW}))
    }

    fn check_jar(&mut self) {
        let ex = self.set(LINE, "http");
        self.expect_ok("set", &ex, |_| {
            (Verdict::Pass, format!("took `{LINE}` from {URL}"))
        });
        let ex = self.get("http");
        let mut sent = None;
        self.expect_ok("get", &ex, |v| match header_of(v) {
            Ok(Some(h)) => {
                let shown = String::from_utf8_lossy(&h).into_owned();
                sent = Some(h);
                (Verdict::Pass, format!("Cookie: {shown}"))
            }
            Ok(None) => (
                Verdict::Warn,
                format!(
                    "no Cookie header for {URL} after `{LINE}` from it: does the shim \
                     hand the `set` lines to the jar?"
                ),
            ),
            Err(e) => (Verdict::Fail, e),
        });
        if sent.is_none() {
            self.record(
                "reset-empties",
                Verdict::Skip,
                "not checked: the jar sent no cookie to begin with".into(),
                None,
            );
            return;
        }
        let reset = self.ask(json!({"op": "reset"}));
        if let Err(p) = &reset.result {
            self.record(
                "reset-empties",
                Verdict::Fail,
                problem_text(p),
                Some(&reset),
            );
            return;
        }
        let ex = self.get("http");
        self.expect_ok("reset-empties", &ex, |v| match header_of(v) {
            Ok(None) => (Verdict::Pass, "no cookie is sent after `reset`".into()),
            Ok(Some(h)) => (
                Verdict::Fail,
                format!(
                    "`Cookie: {}` is still sent after `reset`: reset must empty the \
                     jar (every case starts from an empty jar)",
                    String::from_utf8_lossy(&h)
                ),
            ),
            Err(e) => (Verdict::Fail, e),
        });
    }

    fn check_parser_only(&mut self) {
        let what = "a jar (it claims `parser-only`)";
        let ex = self.set(LINE, "http");
        self.unclaimed("set", what, &ex);
        let ex = self.get("http");
        self.unclaimed("get", what, &ex);
    }

    /// Each optional op: claimed, it must work; not claimed, it must answer
    /// `unsupported`.
    fn check_optional_ops(&mut self, caps: &Capabilities) {
        if !caps.parser_only {
            // A cookie to list, save and end the session with.
            let _ = self.set(LINE, "http");
        }
        let ops: [(&'static str, &str, bool, Value); 5] = [
            (
                "advance",
                "clock",
                caps.clock,
                json!({"op": "advance", "now": NOW + 60}),
            ),
            (
                "cookies",
                "list-cookies",
                caps.list_cookies,
                json!({"op": "cookies", "now": NOW + 60}),
            ),
            (
                "reload",
                "cookies-txt",
                caps.cookies_txt,
                json!({"op": "reload", "now": NOW + 60}),
            ),
            (
                "end-session",
                "end-session",
                caps.end_session,
                json!({"op": "end-session"}),
            ),
            (
                "parse",
                "parser-only",
                caps.parser_only,
                json!({"op": "parse", "line": protocol::to_hex(LINE.as_bytes())}),
            ),
        ];
        for (name, flag, claimed, request) in ops {
            let ex = self.ask(request);
            if claimed {
                self.claimed(name, flag, &ex);
            } else {
                self.unclaimed(name, &format!("`{flag}`"), &ex);
            }
        }
        if caps.non_http {
            let ex = self.set("cookiecheck-script=1", "non-http");
            self.claimed_with("non-http", "non-http", &ex, |_| {
                (
                    Verdict::Pass,
                    "a `document.cookie` write answered ok".into(),
                )
            });
        }
    }

    fn claimed(&mut self, name: &'static str, flag: &str, ex: &Exchange) {
        self.claimed_with(name, flag, ex, |v| match name {
            "cookies" => judge_cookies(v),
            "parse" => judge_parse(v),
            _ => (Verdict::Pass, format!("answered ok (claims `{flag}`)")),
        });
    }

    fn claimed_with(
        &mut self,
        name: &'static str,
        flag: &str,
        ex: &Exchange,
        judge: impl FnOnce(&Value) -> (Verdict, String),
    ) {
        if let Err(Problem::Unsupported(m)) = &ex.result {
            let summary = format!(
                "answered `unsupported` ({m}) though the hello claims `{flag}`: \
                 claim only what the jar does"
            );
            self.record(name, Verdict::Fail, summary, Some(ex));
            return;
        }
        self.expect_ok(name, ex, judge);
    }

    fn unclaimed(&mut self, name: &'static str, what: &str, ex: &Exchange) {
        let (verdict, summary) = match &ex.result {
            Err(Problem::Unsupported(_)) => (
                Verdict::Pass,
                format!("answered `unsupported` (does not claim {what})"),
            ),
            Ok(_) => (
                Verdict::Warn,
                format!(
                    "answered ok, but the hello does not claim {what}: the harness never \
                     sends it; claim it if the jar really does it, to run the cases it unlocks"
                ),
            ),
            Err(Problem::Failed(_)) | Err(Problem::BadRequest(_)) => (
                Verdict::Fail,
                format!(
                    "an op the hello does not claim ({what}) must answer \
                     `{{\"ok\": false, \"error\": {{\"kind\": \"unsupported\", ...}}}}`"
                ),
            ),
            Err(p) => (Verdict::Fail, problem_text(p)),
        };
        let shown = (verdict != Verdict::Pass).then_some(ex);
        self.record(name, verdict, summary, shown);
    }

    fn check_unknown_op(&mut self) {
        let ex = self.ask(json!({"op": "cookiecheck-no-such-op"}));
        let (verdict, summary) = match &ex.result {
            Err(Problem::BadRequest(_)) | Err(Problem::Unsupported(_)) => (
                Verdict::Pass,
                "an unknown `op` is refused and the shim carries on".into(),
            ),
            Ok(_) => (
                Verdict::Warn,
                "an unknown `op` answered ok: answer `bad-request` (or `unsupported`), \
                 so a newer harness is not misread"
                    .into(),
            ),
            Err(Problem::Failed(_)) => (
                Verdict::Warn,
                "an unknown `op` answered `failed` (a crash finding): answer `bad-request`".into(),
            ),
            Err(p) => (Verdict::Fail, problem_text(p)),
        };
        let shown = (verdict != Verdict::Pass).then_some(&ex);
        self.record("unknown-op", verdict, summary, shown);
    }

    /// A line that is not JSON: the harness never sends one, so every
    /// outcome but a crash of the check itself is at most a warning.
    fn check_not_json(&mut self) {
        let mut wire = match self.running() {
            Ok(w) => w,
            Err(msg) => {
                self.record("not-json", Verdict::Skip, msg, None);
                return;
            }
        };
        let request = "this is not JSON".to_string();
        let wait = self.limit().min(Duration::from_secs(2));
        let reply = wire.ask(&request, None, wait);
        let kind = |v: &Value| {
            v.get("error")
                .and_then(|e| e.get("kind"))
                .and_then(Value::as_str)
                .map(str::to_string)
        };
        let (verdict, summary, shown, keep) = match reply {
            Reply::Answer { line, value, noise } => {
                self.note_noise(&request, noise);
                if value.get("ok") == Some(&Value::Bool(false))
                    && kind(&value).as_deref() == Some("bad-request")
                {
                    (
                        Verdict::Pass,
                        "answered `bad-request` with `\"id\": null`".to_string(),
                        None,
                        true,
                    )
                } else {
                    (
                        Verdict::Warn,
                        "answered, but not `bad-request` with `ok: false`".to_string(),
                        Some(line),
                        true,
                    )
                }
            }
            Reply::WrongId { line, noise } => {
                self.note_noise(&request, noise);
                (
                    Verdict::Warn,
                    "answered with an id: an unparseable request's answer carries `\"id\": null`"
                        .to_string(),
                    Some(line),
                    false,
                )
            }
            Reply::Silence(_) | Reply::Garbage { .. } => (
                Verdict::Warn,
                "no `bad-request` answer (the harness never sends a line that is not JSON, \
                 but a shim should answer `bad-request` with `\"id\": null` and carry on)"
                    .to_string(),
                None,
                false,
            ),
            Reply::Died { message, .. } => (
                Verdict::Warn,
                format!("the process died on a line that is not JSON: {message}"),
                None,
                false,
            ),
        };
        self.checks.push(Check {
            name: "not-json",
            verdict,
            summary,
            request: (verdict != Verdict::Pass).then(|| request.clone()),
            reply: shown,
        });
        if keep {
            self.wire = Some(wire);
        } else {
            self.keep_stderr(wire.stderr_tail());
        }
    }

    /// A second process must say the same hello (the harness restarts a
    /// shim after any problem), and `quit` must end it.
    fn check_restart(&mut self) {
        let trailing = match self.wire.as_mut() {
            Some(w) => w.unasked(Duration::from_millis(100)),
            None => Vec::new(),
        };
        self.note_noise("(after the last answer)", trailing);
        self.end_process();
        match self.restart() {
            Ok(mut wire) => {
                self.record(
                    "restart",
                    Verdict::Pass,
                    "a second process announced the same hello".into(),
                    None,
                );
                let exited = wire.quit(Duration::from_secs(2));
                let (verdict, summary) = if exited {
                    (Verdict::Pass, "`quit` ended the process".to_string())
                } else {
                    (
                        Verdict::Warn,
                        "the process was still running 2 s after `quit` (the harness \
                         then kills it)"
                            .to_string(),
                    )
                };
                self.record("quit", verdict, summary, None);
                self.keep_stderr(wire.stderr_tail());
            }
            Err(msg) => self.record("restart", Verdict::Fail, msg, None),
        }
    }

    fn check_stdout(&mut self) {
        match self.noise.first() {
            None => self.record(
                "stdout",
                Verdict::Pass,
                "nothing but responses on stdout".into(),
                None,
            ),
            Some((request, line)) => {
                let summary = format!(
                    "{} line(s) on stdout that answer no request, the first one (shown) \
                     after the request shown: write logs to stderr (the harness would \
                     read them as garbage)",
                    self.noise.len()
                );
                self.checks.push(Check {
                    name: "stdout",
                    verdict: Verdict::Fail,
                    summary,
                    request: Some(request.clone()),
                    reply: Some(line.clone()),
                });
            }
        }
    }
}

fn hello_request() -> Value {
    json!({"op": "hello", "protocol": PROTOCOL_VERSION})
}

fn context(api: &str) -> Value {
    json!({"api": api, "site": "same-site", "top-level": true, "method": "GET"})
}

/// The harness's own reading of an answer line: `ok`, or the error's kind.
fn answer_result(line: &str, value: &Value, id: u64) -> Result<Value, Problem> {
    let kind = value
        .get("error")
        .and_then(|e| e.get("kind"))
        .and_then(Value::as_str);
    match parse_response(line.as_bytes(), id) {
        Ok(v) => Ok(v),
        Err(SubjectError::Unsupported(m)) => Err(Problem::Unsupported(m)),
        Err(SubjectError::Crashed(m)) => Err(Problem::Failed(m)),
        Err(SubjectError::Protocol(m)) if kind == Some("bad-request") => {
            Err(Problem::BadRequest(m))
        }
        Err(e) => Err(Problem::Broken(format!("the answer is malformed: {e}"))),
    }
}

fn problem_text(p: &Problem) -> String {
    match p {
        Problem::Unsupported(m) => format!("answered `unsupported`: {m}"),
        Problem::Failed(m) => {
            format!("answered `failed` (the harness records a crash finding): {m}")
        }
        Problem::BadRequest(m) => format!("answered `bad-request`: {m}"),
        Problem::Broken(m) => m.clone(),
    }
}

fn header_of(v: &Value) -> Result<Option<Vec<u8>>, String> {
    Fields::new(v, "get answer")
        .and_then(|f| f.hex("header"))
        .map_err(|e| format!("the `get` answer is malformed: {e}"))
}

fn judge_cookies(v: &Value) -> (Verdict, String) {
    let Some(list) = v.get("cookies").and_then(Value::as_array) else {
        return (
            Verdict::Fail,
            "the `cookies` answer has no `cookies` array".into(),
        );
    };
    for (i, c) in list.iter().enumerate() {
        if let Err(e) = protocol::stored_cookie_from_json(c) {
            return (
                Verdict::Fail,
                format!("cookie {i} of the list is malformed: {e}"),
            );
        }
    }
    let has_ours = list
        .iter()
        .filter_map(|c| protocol::stored_cookie_from_json(c).ok())
        .any(|c| c.name == b"cookiecheck");
    if has_ours {
        (
            Verdict::Pass,
            format!("{} cookie(s) listed, well-formed", list.len()),
        )
    } else {
        (
            Verdict::Warn,
            format!(
                "`{LINE}` was set, but the {} listed cookie(s) do not include it",
                list.len()
            ),
        )
    }
}

fn judge_parse(v: &Value) -> (Verdict, String) {
    match v.get("cookie") {
        None | Some(Value::Null) => (
            Verdict::Warn,
            format!("`{LINE}` parsed as no cookie (`cookie: null`)"),
        ),
        Some(c) => match protocol::parsed_cookie_from_json(c) {
            Ok(_) => (Verdict::Pass, "a well-formed parsed-line object".into()),
            Err(e) => (
                Verdict::Fail,
                format!("the parsed-line object is malformed: {e}"),
            ),
        },
    }
}

fn claims(c: &Capabilities) -> String {
    let on = c.names();
    if on.is_empty() {
        "nothing beyond set and get".into()
    } else {
        on.join(", ")
    }
}
