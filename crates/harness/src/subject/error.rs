//! What can go wrong when a subject is asked to do something.

use std::time::Duration;

/// A subject call that did not produce an answer. Each variant becomes a
/// distinct kind of outcome: `Unsupported` is counted and never failed, the
/// others are findings against the subject.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SubjectError {
    /// The subject cannot do this (a step needs a capability it lacks).
    #[error("unsupported: {0}")]
    Unsupported(String),
    /// The subject panicked (in process) or reported an internal failure
    /// (out of process); the message says where.
    #[error("crashed: {0}")]
    Crashed(String),
    /// The subject did not answer within the time limit.
    #[error("no answer within {0:?}")]
    Timeout(Duration),
    /// The subject answered something that is not a valid answer (garbage
    /// on a process protocol, an impossible value).
    #[error("protocol violation: {0}")]
    Protocol(String),
    /// Talking to the subject failed (a pipe closed, a socket error).
    #[error("i/o error: {0}")]
    Io(String),
}

impl SubjectError {
    /// Shorthand for [`SubjectError::Unsupported`].
    pub fn unsupported(what: impl Into<String>) -> SubjectError {
        SubjectError::Unsupported(what.into())
    }
}

impl From<std::io::Error> for SubjectError {
    fn from(e: std::io::Error) -> Self {
        SubjectError::Io(e.to_string())
    }
}
