//! # cookiecheck: a conformance harness for HTTP cookies
//!
//! [`vectors`] loads the golden vector files (`vectors/README.md` is the
//! format); [`play`] runs them on the reference model
//! ([`cookiecheck_model`]) for one profile and reports, step by step, what
//! the model decided and why; [`report`] turns results into the text that
//! test failures and snapshots show.
#![deny(missing_docs)]

pub mod escape;
pub mod play;
pub mod report;
pub mod vectors;
