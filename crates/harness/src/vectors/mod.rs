//! Golden vectors: the file format of `vectors/README.md`, loaded and
//! validated.
//!
//! A tree `vectors/<area>/<topic>.toml` holds three kinds of case:
//! [`Case`] (a scenario of [`Step`]s on a virtual clock), [`DateCase`] (the
//! cookie-date algorithm) and [`TxtCase`] (the cookies.txt reader and
//! writer). Every case has the id `area/topic/name`, unique across the tree.
//!
//! Loading rejects, with a [`LoadError`] naming file, line and column:
//! unknown keys, TOML syntax and type errors, missing keys, duplicate ids,
//! URLs the model cannot parse, unknown profiles, per-profile `expect` and
//! `store` tables that do not name exactly the case's profiles, steps with
//! zero or several kind keys, empty `cites`/`step`/`lines`, malformed
//! citations, names and dates, bad hex and repeat counts over 1 000 000.
//!
//! ```
//! use cookiecheck::vectors::{load_file, Step};
//! use std::path::Path;
//!
//! let text = r#"
//! [[case]]
//! name = "simple"
//! note = "a cookie comes back"
//! cites = ["rfc6265bis:5.7"]
//! [[case.step]]
//! set = "http://example.com/"
//! lines = ["a=1"]
//! [[case.step]]
//! get = "http://example.com/"
//! expect = "a=1"
//! "#;
//! let file = load_file(Path::new("storage/basic.toml"), text).unwrap();
//! assert_eq!(file.cases[0].id, "storage/basic/simple");
//! assert!(matches!(file.cases[0].steps[1], Step::Get { .. }));
//! ```

mod convert;
mod error;
mod expect;
mod load;
mod raw;
mod raw_bytes;
mod steps;
mod types;
mod values;
pub mod write;

pub use error::{LoadError, Location};
pub use load::{bundled_vectors_dir, load_dir, load_file, load_file_all, load_tree, LoadedTree};
pub use types::{
    Capability, Case, Citation, DateCase, Expect, ExpectStore, ExpectedCookie, PerProfile, Step,
    TxtCase, TxtExpect, VectorFile, DEFAULT_START, MAX_REPEAT,
};
