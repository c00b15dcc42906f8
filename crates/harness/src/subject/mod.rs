//! Subjects: the cookie jars compared with the reference model.
//!
//! A [`Subject`] is driven with the events of a scenario; it declares its
//! [`Capabilities`] up front and the differ ([`crate::differ`]) only asks it
//! for what it claims. In-process subjects run [`Isolated`] on a worker
//! thread; out-of-process subjects speak the JSON-lines protocol of
//! `docs/protocol.md` through [`ProcessSubject`].

mod capabilities;
mod error;
mod isolate;
pub(crate) mod process;
pub mod protocol;
mod traits;
mod views;

pub use capabilities::{
    has_line_break, mentions_same_site, needs, parser_needs, Capabilities, Need, Schemes,
};
pub use error::SubjectError;
pub use isolate::{Isolated, Isolation, DEFAULT_CASE_LIMIT};
pub use process::{Hello, ProcessCommand, ProcessSubject, DEFAULT_REQUEST_LIMIT};
pub use traits::{Subject, SubjectFactory};
pub use views::{ParsedCookie, StoredCookie};
