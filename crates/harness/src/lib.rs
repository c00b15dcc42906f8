//! # cookiecheck: a conformance harness for HTTP cookies
//!
//! [`vectors`] loads the golden vector files (`vectors/README.md` is the
//! format); [`play`] runs them on the reference model
//! ([`cookiecheck_model`]) for one profile and reports, step by step, what
//! the model decided and why; [`report`] turns results into the text that
//! test failures and snapshots show.
//!
//! [`subject`] is the interface cookie jars implement (in process, or over
//! the JSON-lines protocol of `docs/protocol.md`); [`differ`] plays a case on
//! the model and on a subject and returns a [`differ::Outcome`];
//! [`expected`] reads a subject's expected-failure file and checks it both
//! ways; [`run`] runs many cases on many subjects and tallies the matrix.
//! [`shim_check`] checks a process shim against the protocol itself.
#![deny(missing_docs)]

pub mod bundled;
pub mod cookie_view;
pub mod diagnose;
pub mod differ;
pub mod escape;
pub mod expected;
pub mod explore;

pub mod play;
pub mod report;
pub mod run;
pub mod scenario;
pub mod select;
pub mod shim_check;
pub mod strategies;
pub mod subject;
pub mod suite;
pub mod vectors;
