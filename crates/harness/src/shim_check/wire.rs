//! The raw line exchange under `shim-check`: one request written, every
//! line read until the answer to it, so that what a stricter reader would
//! only call "garbage" can be told apart (a wrong id, a line that is not
//! JSON, log lines before the answer, silence, an exit).

use crate::subject::process::{self, Running};
use crate::subject::{ProcessCommand, SubjectError};
use serde_json::Value;
use std::sync::mpsc::RecvTimeoutError;
use std::time::{Duration, Instant};

/// What came back for one request.
#[derive(Debug)]
pub enum Reply {
    /// A JSON object whose `id` answers the request, with any lines that
    /// came before it (stdout noise).
    Answer {
        /// The answer's line, without its line end.
        line: String,
        /// The answer.
        value: Value,
        /// Lines before it that were not the answer.
        noise: Vec<String>,
    },
    /// A JSON object that answers another request.
    WrongId {
        /// The line.
        line: String,
        /// Lines before it.
        noise: Vec<String>,
    },
    /// Lines came, but none of them was a JSON object answering the
    /// request, and then nothing within the time limit.
    Garbage {
        /// The lines.
        lines: Vec<String>,
    },
    /// Nothing within the time limit.
    Silence(Duration),
    /// The process closed its stdout or could not be written to.
    Died {
        /// What happened, with the exit status and the tail of stderr.
        message: String,
        /// Lines before it.
        noise: Vec<String>,
    },
}

/// A running shim, spoken to line by line.
pub struct Wire {
    running: Running,
}

impl Wire {
    /// Starts the shim.
    pub fn start(command: &ProcessCommand) -> Result<Wire, SubjectError> {
        process::spawn(command).map(|running| Wire { running })
    }

    /// Writes one line (a newline is added).
    fn send(&mut self, line: &str) -> Result<(), String> {
        use std::io::Write;
        let mut text = line.to_string();
        text.push('\n');
        self.running
            .stdin
            .write_all(text.as_bytes())
            .and_then(|()| self.running.stdin.flush())
            .map_err(|e| format!("writing the request failed: {e}"))
    }

    /// Writes `request` and reads lines until the answer whose `id` equals
    /// `id` (`None`: an `id` of `null`), for at most `limit`.
    pub fn ask(&mut self, request: &str, id: Option<u64>, limit: Duration) -> Reply {
        // When the write fails the process is gone, but what it wrote
        // before it went is still read (it says more than the broken pipe).
        let unsent = self.send(request).err();
        let limit = match unsent {
            Some(_) => limit.min(Duration::from_millis(200)),
            None => limit,
        };
        let deadline = Instant::now() + limit;
        let mut noise = Vec::new();
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let line = match self.running.lines.recv_timeout(left) {
                Ok(Ok(bytes)) => text_of(&bytes),
                Ok(Err(e)) => return self.died(&format!("reading stdout failed: {e}"), noise),
                Err(_) if unsent.is_some() => {
                    let what = unsent.as_deref().unwrap_or("writing the request failed");
                    return self.died(what, noise);
                }
                Err(RecvTimeoutError::Timeout) if noise.is_empty() => return Reply::Silence(limit),
                Err(RecvTimeoutError::Timeout) => return Reply::Garbage { lines: noise },
                Err(RecvTimeoutError::Disconnected) => {
                    return self.died("the process closed its stdout", noise)
                }
            };
            let Ok(value) = serde_json::from_str::<Value>(&line) else {
                noise.push(line);
                continue;
            };
            let Some(got) = value.as_object().and_then(|o| o.get("id")) else {
                noise.push(line);
                continue;
            };
            let answers = match id {
                Some(id) => got.as_u64() == Some(id),
                None => got.is_null(),
            };
            return if answers {
                Reply::Answer { line, value, noise }
            } else {
                Reply::WrongId { line, noise }
            };
        }
    }

    /// Lines the shim wrote without being asked, waiting at most `wait`.
    pub fn unasked(&mut self, wait: Duration) -> Vec<String> {
        let mut lines = Vec::new();
        let deadline = Instant::now() + wait;
        while let Ok(Ok(bytes)) = self
            .running
            .lines
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
        {
            lines.push(text_of(&bytes));
        }
        lines
    }

    /// Writes `quit` and waits up to `wait` for the process to exit.
    pub fn quit(&mut self, wait: Duration) -> bool {
        // A process that is gone already has exited: no need to know.
        let _ = self.send(r#"{"id":0,"op":"quit"}"#);
        self.exited(wait)
    }

    fn exited(&mut self, wait: Duration) -> bool {
        let deadline = Instant::now() + wait;
        loop {
            if let Ok(Some(_)) = self.running.child.try_wait() {
                return true;
            }
            if Instant::now() >= deadline {
                return false;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// The last 2 KiB the process wrote on stderr.
    pub fn stderr_tail(&self) -> String {
        self.running
            .stderr
            .lock()
            .map(|t| {
                let bytes: Vec<u8> = t.iter().copied().collect();
                String::from_utf8_lossy(&bytes).trim().to_string()
            })
            .unwrap_or_default()
    }

    /// The process stopped answering: `what` and its exit status (the
    /// stderr tail is reported once, by the caller).
    fn died(&mut self, what: &str, noise: Vec<String>) -> Reply {
        let status = if self.exited(Duration::from_millis(500)) {
            match self.running.child.try_wait() {
                Ok(Some(status)) => status.to_string(),
                _ => "exited".to_string(),
            }
        } else {
            "still running".to_string()
        };
        let stderr = if self.stderr_tail().is_empty() {
            "nothing on stderr"
        } else {
            "its stderr is below"
        };
        Reply::Died {
            message: format!("{what} ({status}); {stderr}"),
            noise,
        }
    }
}

/// A line as read, without its line end (invalid UTF-8 shown replaced).
fn text_of(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes)
        .trim_end_matches(['\r', '\n'])
        .to_string()
}
