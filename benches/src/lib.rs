//! # cookiecheck-benches: inputs for the benchmarks and the ratio table
//!
//! The criterion targets live in `benches/benches/*.rs` (run them with
//! `cargo bench -p cookiecheck-benches`); this library holds what they share
//! so that every target measures the model and its peers on the same inputs:
//!
//! | module | what |
//! |---|---|
//! | [`corpus`] | Set-Cookie field values by family (`data/set-cookie.txt` plus generated long values) |
//! | [`dates`] | cookie-date strings by family, drawn from `vectors/dates/` |
//! | [`jar_fixture`] | the Set-Cookie lines and URLs that fill a jar with N cookies |
//! | [`subjects`] | the bundled cases and the in-process subjects with their subject files |
//! | [`table`] | reads criterion's `estimates.json` files and prints the ratio table |
//!
//! The `bench-table` binary prints that table after a `cargo bench` run.
#![deny(missing_docs)]

pub mod corpus;
pub mod dates;
pub mod jar_fixture;
pub mod subjects;
pub mod table;

/// Criterion settings shared by every target: short enough that a full
/// `cargo bench` finishes in a few minutes on two cores.
pub mod settings {
    use std::time::Duration;

    /// Samples per benchmark (criterion's minimum is 10).
    pub const SAMPLE_SIZE: usize = 20;
    /// Warm-up per benchmark.
    pub const WARM_UP: Duration = Duration::from_millis(500);
    /// Measurement per benchmark.
    pub const MEASUREMENT: Duration = Duration::from_secs(2);
}
