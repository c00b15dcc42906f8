//! What a subject answered at every step of a case: the transcript.
//!
//! The differ plays the subject once and keeps every answer, then compares
//! the transcript with the model's record of the same case. Keeping the
//! whole transcript (not only the first difference) is what lets the
//! diagnosis replay the model under rule variants and ask whether any of
//! them gives exactly these answers (`crate::diagnose`).

use crate::subject::{ParsedCookie, StoredCookie};

/// A subject's answer to one step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// A step with nothing to compare (set, advance, end of session, reload,
    /// or a store step on a subject that cannot list its cookies).
    Nothing,
    /// A `get` step: the Cookie header (empty: no header).
    Header(Vec<u8>),
    /// A `store` step: the cookies the subject listed.
    Store(Vec<StoredCookie>),
    /// A `set` step on a parser-only subject: its reading of each line
    /// (`None`: the parser rejected it).
    Parsed(Vec<Option<ParsedCookie>>),
}

/// Every answer of one play, one per step of the case.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Transcript {
    /// The answers, by step index.
    pub answers: Vec<Answer>,
}
