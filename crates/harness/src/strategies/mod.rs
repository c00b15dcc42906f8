//! Reusable proptest strategies for cookie inputs.
//!
//! Jar authors can use these in their own property tests; cookiecheck's
//! scenario generator ([`crate::scenario`]) and exploration campaign
//! ([`crate::explore`]) are built from them. Every strategy shrinks towards
//! the simplest, most ordinary value (a plain host, `/`, `a=1`), so a
//! failing input shrinks to something a person can read.
//!
//! | strategy | values |
//! |---|---|
//! | [`hosts::host`] | host names: realistic labels, IDN and punycode, mixed case, trailing dots, IPv4 and IPv6 literals, public suffixes and names just below them |
//! | [`hosts::related_host`] | a host related to a site: itself, its parent, a child, a sibling, its public suffix, an unrelated site |
//! | [`urls::request_url`] | request URLs on a host: http, https, ws, wss, ports, paths with dots, slashes and %-escapes, queries |
//! | [`lines::set_cookie_line`] | Set-Cookie lines, well-formed or near misses |
//! | [`lines::well_formed_line`] | well-formed Set-Cookie lines only |
//! | [`context::request_context`] | request contexts (API, same-site status, top-level, method) |
//! | [`timeline::time_step`] | clock advances and session ends |
//!
//! ```
//! use cookiecheck::strategies::{hosts::Site, lines};
//! use cookiecheck_model::{Profile, set_cookie::parse_set_cookie};
//! use proptest::test_runner::TestRunner;
//!
//! // In a jar's own tests this would be a `proptest!` block.
//! let mut runner = TestRunner::deterministic();
//! runner
//!     .run(&lines::set_cookie_line(&Site::example()), |line| {
//!         // The reference parser never panics, whatever the line.
//!         let _ = parse_set_cookie(&line, &Profile::rfc6265bis(), b"/", 0);
//!         Ok(())
//!     })
//!     .unwrap();
//! ```

pub mod context;
pub mod hosts;
pub mod lines;
pub mod timeline;
pub mod urls;
