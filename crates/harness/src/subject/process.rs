//! A subject in another process, spoken to over the JSON-lines protocol of
//! `docs/protocol.md`: one request per line on its stdin, one response per
//! line on its stdout, stderr kept for error messages.
//!
//! Each request has a time limit; a process that misses it is killed and
//! the call is a [`SubjectError::Timeout`]. A line that is not a valid
//! response is a [`SubjectError::Protocol`] and also ends the process (the
//! stream can no longer be trusted). The next call starts a new process.

use super::capabilities::Capabilities;
use super::error::SubjectError;
use super::protocol::{self, Fields, PROTOCOL_VERSION};
use super::traits::Subject;
use super::views::{ParsedCookie, StoredCookie};
use cookiecheck_model::{RequestContext, RequestUri, Time};
use serde_json::{json, Value};
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

/// The default time limit for one request to a process subject.
pub const DEFAULT_REQUEST_LIMIT: Duration = Duration::from_secs(5);

/// The longest response line accepted (a guard against a runaway process).
const MAX_LINE: usize = 16 << 20;

/// How to start a process subject.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProcessCommand {
    /// The program.
    pub program: PathBuf,
    /// Its arguments.
    pub args: Vec<String>,
    /// The working directory (the current one when `None`).
    pub cwd: Option<PathBuf>,
    /// The time limit for each request.
    pub request_limit: Duration,
}

impl ProcessCommand {
    /// `program args…` with the default request limit.
    pub fn new(program: impl Into<PathBuf>, args: &[&str]) -> ProcessCommand {
        ProcessCommand {
            program: program.into(),
            args: args.iter().map(|a| a.to_string()).collect(),
            cwd: None,
            request_limit: DEFAULT_REQUEST_LIMIT,
        }
    }
}

/// What a process said about itself in answer to `hello`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hello {
    /// The subject's name.
    pub name: String,
    /// Its capabilities.
    pub capabilities: Capabilities,
}

/// A started process: its stdin, its stdout as a stream of lines (read on
/// a thread, so a wait can time out), and the tail of its stderr.
pub(crate) struct Running {
    pub(crate) child: Child,
    pub(crate) stdin: ChildStdin,
    pub(crate) lines: Receiver<Result<Vec<u8>, String>>,
    pub(crate) stderr: Arc<Mutex<VecDeque<u8>>>,
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A jar in another process.
pub struct ProcessSubject {
    command: ProcessCommand,
    hello: Hello,
    running: Option<Running>,
    next_id: u64,
}

impl ProcessSubject {
    /// Starts the process and exchanges `hello`.
    pub fn start(command: ProcessCommand) -> Result<ProcessSubject, SubjectError> {
        let mut running = spawn(&command)?;
        let mut next_id = 1;
        let hello = say_hello(&mut running, &command, &mut next_id)?;
        Ok(ProcessSubject {
            command,
            hello,
            running: Some(running),
            next_id,
        })
    }

    /// The name and capabilities the process announced.
    pub fn hello(&self) -> &Hello {
        &self.hello
    }

    /// Sends one request and returns the `ok` response object.
    fn call(&mut self, mut request: Value) -> Result<Value, SubjectError> {
        if self.running.is_none() {
            let mut running = spawn(&self.command)?;
            let hello = say_hello(&mut running, &self.command, &mut self.next_id)?;
            if hello != self.hello {
                return Err(SubjectError::Protocol(format!(
                    "the restarted process announced {hello:?}, before {:?}",
                    self.hello
                )));
            }
            self.running = Some(running);
        }
        let id = self.next_id;
        self.next_id += 1;
        request["id"] = json!(id);
        let running = self
            .running
            .as_mut()
            .ok_or_else(|| SubjectError::Io("the process is not running".into()))?;
        let result = exchange(running, &request, id, self.command.request_limit);
        if result.is_err() {
            // Timeouts, garbage and dead processes all end this process.
            self.running = None;
        }
        result
    }
}

/// Starts the process with its three pipes.
pub(crate) fn spawn(command: &ProcessCommand) -> Result<Running, SubjectError> {
    let mut cmd = Command::new(&command.program);
    cmd.args(&command.args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(dir) = &command.cwd {
        cmd.current_dir(dir);
    }
    let mut child = cmd.spawn().map_err(|e| {
        SubjectError::Io(format!("cannot start `{}`: {e}", command.program.display()))
    })?;
    let (Some(stdin), Some(stdout), Some(stderr)) =
        (child.stdin.take(), child.stdout.take(), child.stderr.take())
    else {
        let _ = child.kill();
        return Err(SubjectError::Io("the child's pipes are missing".into()));
    };
    let (tx, rx) = mpsc::channel();
    thread::Builder::new()
        .name("cookiecheck-process-stdout".into())
        .spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut line = Vec::new();
                let read = reader
                    .by_ref()
                    .take(MAX_LINE as u64 + 1)
                    .read_until(b'\n', &mut line);
                let item = match read {
                    Ok(0) => return,
                    Ok(_) if line.len() > MAX_LINE => {
                        Err(format!("a line longer than {MAX_LINE} octets"))
                    }
                    Ok(_) => Ok(line),
                    Err(e) => Err(e.to_string()),
                };
                let stop = item.is_err();
                if tx.send(item).is_err() || stop {
                    return;
                }
            }
        })?;
    let tail = Arc::new(Mutex::new(VecDeque::new()));
    let tail_writer = Arc::clone(&tail);
    thread::Builder::new()
        .name("cookiecheck-process-stderr".into())
        .spawn(move || {
            let mut stderr = stderr;
            let mut buf = [0u8; 4096];
            while let Ok(n) = stderr.read(&mut buf) {
                if n == 0 {
                    return;
                }
                if let Ok(mut t) = tail_writer.lock() {
                    t.extend(&buf[..n]);
                    let excess = t.len().saturating_sub(2048);
                    t.drain(..excess);
                }
            }
        })?;
    Ok(Running {
        child,
        stdin,
        lines: rx,
        stderr: tail,
    })
}

fn say_hello(
    running: &mut Running,
    command: &ProcessCommand,
    next_id: &mut u64,
) -> Result<Hello, SubjectError> {
    let id = *next_id;
    *next_id += 1;
    let request = json!({"id": id, "op": "hello", "protocol": PROTOCOL_VERSION});
    let answer = exchange(running, &request, id, command.request_limit)?;
    hello_from(&answer)
}

/// Reads an `ok` answer to `hello`: protocol 1, a `subject`, the capabilities.
pub(crate) fn hello_from(answer: &Value) -> Result<Hello, SubjectError> {
    let fields = Fields::new(answer, "hello answer").map_err(SubjectError::Protocol)?;
    let version = fields.integer("protocol").map_err(SubjectError::Protocol)?;
    if version != Some(PROTOCOL_VERSION as i64) {
        return Err(SubjectError::Protocol(format!(
            "hello answer speaks protocol {version:?}, not {PROTOCOL_VERSION}"
        )));
    }
    let name = fields
        .string("subject")
        .map_err(SubjectError::Protocol)?
        .ok_or_else(|| SubjectError::Protocol("hello answer without `subject`".into()))?;
    let caps = answer
        .get("capabilities")
        .ok_or_else(|| SubjectError::Protocol("hello answer without `capabilities`".into()))?;
    let capabilities = protocol::capabilities_from_json(caps).map_err(SubjectError::Protocol)?;
    Ok(Hello { name, capabilities })
}

/// Writes `request`, waits for the response with the same id.
fn exchange(
    running: &mut Running,
    request: &Value,
    id: u64,
    limit: Duration,
) -> Result<Value, SubjectError> {
    let mut text = request.to_string();
    text.push('\n');
    if let Err(e) = running
        .stdin
        .write_all(text.as_bytes())
        .and_then(|()| running.stdin.flush())
    {
        // A process that wrote something and exited: what it wrote says more
        // than the broken pipe.
        if let Ok(Ok(line)) = running.lines.recv_timeout(Duration::from_millis(200)) {
            return parse_response(&line, id);
        }
        return Err(died(running, &format!("writing the request failed: {e}")));
    }
    let line = match running.lines.recv_timeout(limit) {
        Ok(Ok(line)) => line,
        Ok(Err(e)) => return Err(SubjectError::Protocol(e)),
        Err(RecvTimeoutError::Timeout) => {
            let _ = running.child.kill();
            return Err(SubjectError::Timeout(limit));
        }
        Err(RecvTimeoutError::Disconnected) => {
            return Err(died(running, "the process closed its stdout"));
        }
    };
    parse_response(&line, id)
}

/// Checks one response line: JSON object, matching id, `ok` true or an error.
pub(crate) fn parse_response(line: &[u8], id: u64) -> Result<Value, SubjectError> {
    let shown = crate::escape::quoted_short(line, 120);
    let text = std::str::from_utf8(line)
        .map_err(|_| SubjectError::Protocol(format!("response is not UTF-8: {shown}")))?;
    let value: Value = serde_json::from_str(text.trim_end_matches(['\r', '\n']))
        .map_err(|e| SubjectError::Protocol(format!("response is not JSON ({e}): {shown}")))?;
    let fields = Fields::new(&value, "response").map_err(SubjectError::Protocol)?;
    let got = fields.integer("id").map_err(SubjectError::Protocol)?;
    if got != Some(id as i64) {
        return Err(SubjectError::Protocol(format!(
            "response id {got:?} does not answer request {id}: {shown}"
        )));
    }
    match fields.boolean("ok").map_err(SubjectError::Protocol)? {
        Some(true) => Ok(value),
        Some(false) => Err(error_from(&value)),
        None => Err(SubjectError::Protocol(format!(
            "response without `ok`: {shown}"
        ))),
    }
}

fn error_from(value: &Value) -> SubjectError {
    let err = value.get("error");
    let kind = err.and_then(|e| e.get("kind")).and_then(Value::as_str);
    let message = err
        .and_then(|e| e.get("message"))
        .and_then(Value::as_str)
        .unwrap_or("(no message)")
        .to_string();
    match kind {
        Some("unsupported") => SubjectError::Unsupported(message),
        Some("failed") => SubjectError::Crashed(message),
        Some("bad-request") => {
            SubjectError::Protocol(format!("the subject rejected the request: {message}"))
        }
        other => SubjectError::Protocol(format!(
            "error response of unknown kind {other:?}: {message}"
        )),
    }
}

/// A crash error for a process that stopped answering: `what`, its exit
/// status (after a brief wait) and the tail of its stderr.
pub(crate) fn died(running: &mut Running, what: &str) -> SubjectError {
    let status = running
        .child
        .wait_timeout_ms(200)
        .map(|s| s.to_string())
        .unwrap_or_else(|| "still running".into());
    let tail = running
        .stderr
        .lock()
        .map(|t| String::from_utf8_lossy(t.make_contiguous_copy().as_slice()).into_owned())
        .unwrap_or_default();
    let tail = tail.trim();
    if tail.is_empty() {
        SubjectError::Crashed(format!("{what} ({status}); nothing on stderr"))
    } else {
        SubjectError::Crashed(format!("{what} ({status}); stderr: {tail}"))
    }
}

trait WaitBriefly {
    fn wait_timeout_ms(&mut self, ms: u64) -> Option<std::process::ExitStatus>;
}

impl WaitBriefly for Child {
    fn wait_timeout_ms(&mut self, ms: u64) -> Option<std::process::ExitStatus> {
        for _ in 0..ms / 10 {
            if let Ok(Some(status)) = self.try_wait() {
                return Some(status);
            }
            thread::sleep(Duration::from_millis(10));
        }
        None
    }
}

trait ContiguousCopy {
    fn make_contiguous_copy(&self) -> Vec<u8>;
}

impl ContiguousCopy for VecDeque<u8> {
    fn make_contiguous_copy(&self) -> Vec<u8> {
        self.iter().copied().collect()
    }
}

fn method_of(ctx: &RequestContext) -> &'static str {
    // The context keeps only whether the method is safe; GET and POST stand for the two.
    if ctx.safe_method {
        "GET"
    } else {
        "POST"
    }
}

fn protocol_err(e: String) -> SubjectError {
    SubjectError::Protocol(e)
}

impl Subject for ProcessSubject {
    fn capabilities(&self) -> Capabilities {
        self.hello.capabilities.clone()
    }

    fn reset(&mut self) -> Result<(), SubjectError> {
        self.call(json!({"op": "reset"})).map(drop)
    }

    fn set_cookies(
        &mut self,
        url: &RequestUri,
        lines: &[Vec<u8>],
        ctx: &RequestContext,
        now: Time,
    ) -> Result<(), SubjectError> {
        let lines: Vec<String> = lines.iter().map(|l| protocol::to_hex(l)).collect();
        self.call(json!({
            "op": "set",
            "url": url.href(),
            "lines": lines,
            "context": protocol::context_json(ctx, method_of(ctx)),
            "now": now,
        }))
        .map(drop)
    }

    fn cookie_header(
        &mut self,
        url: &RequestUri,
        ctx: &RequestContext,
        now: Time,
    ) -> Result<Option<Vec<u8>>, SubjectError> {
        let answer = self.call(json!({
            "op": "get",
            "url": url.href(),
            "context": protocol::context_json(ctx, method_of(ctx)),
            "now": now,
        }))?;
        Fields::new(&answer, "get answer")
            .and_then(|f| f.hex("header"))
            .map_err(protocol_err)
    }

    fn advance_to(&mut self, now: Time) -> Result<(), SubjectError> {
        self.call(json!({"op": "advance", "now": now})).map(drop)
    }

    fn end_session(&mut self) -> Result<(), SubjectError> {
        self.call(json!({"op": "end-session"})).map(drop)
    }

    fn reload(&mut self, now: Time) -> Result<(), SubjectError> {
        self.call(json!({"op": "reload", "now": now})).map(drop)
    }

    fn cookies(&mut self, now: Time) -> Result<Vec<StoredCookie>, SubjectError> {
        let answer = self.call(json!({"op": "cookies", "now": now}))?;
        let list = answer
            .get("cookies")
            .and_then(Value::as_array)
            .ok_or_else(|| {
                SubjectError::Protocol("cookies answer without a `cookies` array".into())
            })?;
        list.iter()
            .map(protocol::stored_cookie_from_json)
            .collect::<Result<_, _>>()
            .map_err(protocol_err)
    }

    fn parse(&mut self, line: &[u8]) -> Result<Option<ParsedCookie>, SubjectError> {
        let answer = self.call(json!({"op": "parse", "line": protocol::to_hex(line)}))?;
        match answer.get("cookie") {
            None | Some(Value::Null) => Ok(None),
            Some(v) => protocol::parsed_cookie_from_json(v)
                .map(Some)
                .map_err(protocol_err),
        }
    }
}

impl Drop for ProcessSubject {
    fn drop(&mut self) {
        if let Some(running) = self.running.as_mut() {
            // Polite first: a process that reads `quit` exits by itself.
            let _ = running.stdin.write_all(b"{\"id\":0,\"op\":\"quit\"}\n");
            let _ = running.stdin.flush();
        }
    }
}
