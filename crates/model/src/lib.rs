//! # cookiecheck-model: the reference cookie model
//!
//! An executable reading of the cookie specifications: RFC 6265 (2011),
//! RFC 6265bis (the approved draft 22 text, the default) and the
//! Netscape-era rules of cookiecheck's seed documents, as [`Profile`]s of one
//! algorithm. The model does no I/O and has no clock: every operation takes
//! the current time ([`Time`], seconds since the Unix epoch).
//!
//! Module map (by section of RFC 6265bis §5):
//!
//! | module | section |
//! |---|---|
//! | [`date`] | §5.1.1 cookie dates |
//! | [`domain`] | §5.1.2 canonical hosts, §5.1.3 domain-match, public suffixes |
//! | [`path`] | §5.1.4 default-path and path-match |
//! | [`same_site`] | §5.2 same-site requests, SameSite enforcement |
//! | [`prefixes`] | §5.4 cookie name prefixes |
//! | [`set_cookie`] | §5.5–5.6 parsing Set-Cookie and its attributes |
//! | [`storage`] | §5.7 the storage model |
//! | [`retrieval`] | §5.8 the retrieval algorithm |
//! | [`limits`] | §5.7 eviction, §6.1 limits |
//! | [`cookies_txt`] | the Netscape cookies.txt file |
//! | [`variant`] | named rule variants: the readings real jars take, as switches |
//! | [`slots`] | the walk order of a jar of nested maps (the `store-order-grouped` variant) |
//! | [`serialize`] | a stored cookie written back as Set-Cookie (round-trip oracle) |
//! | [`invariants`] | what every profile must keep (for property tests and fuzzing) |
//!
//! Every decision is reported with the [`Rule`] that made it, and every rule
//! can print its citation.
//!
//! ```
//! use cookiecheck_model::{Jar, Profile, RequestContext, RequestUri};
//!
//! let mut jar = Jar::new(Profile::rfc6265bis());
//! let uri = RequestUri::parse("https://example.com/").unwrap();
//! let ctx = RequestContext::default();
//! let report = jar.set_cookie(&uri, b"SID=31d4d96e407aad42; Path=/; Secure; HttpOnly", &ctx, 0);
//! assert!(report.accepted());
//! let sent = jar.cookie_header(&uri, &ctx, 1);
//! assert_eq!(sent.header.as_deref(), Some(&b"SID=31d4d96e407aad42"[..]));
//! ```
#![deny(missing_docs)]

pub mod cookie;
pub mod cookies_txt;
pub mod date;
mod date_http;
pub mod domain;
pub mod invariants;
pub mod jar;
pub mod limits;
pub mod outcome;
mod parse_variants;
pub mod path;
pub mod prefixes;
pub mod profile;
pub mod retrieval;
pub mod rule;
pub mod same_site;
mod scan;
pub mod serialize;
pub mod set_cookie;
pub mod slots;
pub mod storage;
pub mod store;
pub mod time;
pub mod uri;
pub mod variant;

pub use cookie::Cookie;
pub use jar::Jar;
pub use outcome::{Evicted, Retrieval, StoreReport, Withheld};
pub use profile::{Profile, ProfileId};
pub use rule::Rule;
pub use same_site::{Api, RequestContext, SameSite, SiteStatus};
pub use time::Time;
pub use uri::{RequestUri, UriError};
pub use variant::{Variant, Variants};
