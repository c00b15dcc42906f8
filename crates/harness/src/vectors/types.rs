//! The loaded, validated vectors: what a runner plays.

use super::error::Location;
use cookiecheck_model::{ProfileId, RequestContext, RequestUri, Time};
use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

/// The virtual start time when a case gives none: 2024-01-01T00:00:00Z.
pub const DEFAULT_START: Time = 1_704_067_200;

/// The largest `count` a `{ repeat, count }` part may have.
pub const MAX_REPEAT: i64 = 1_000_000;

/// One file `vectors/<area>/<topic>.toml`, its cases in file order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VectorFile {
    /// The file as named to the loader.
    pub path: PathBuf,
    /// The folder: the first part of every id.
    pub area: String,
    /// The file stem: the second part of every id.
    pub topic: String,
    /// The `[[case]]` scenarios.
    pub cases: Vec<Case>,
    /// The `[[date]]` cases.
    pub dates: Vec<DateCase>,
    /// The `[[txt]]` cases.
    pub txts: Vec<TxtCase>,
}

impl VectorFile {
    /// `area__topic`: the name of this file's snapshot.
    pub fn snapshot_name(&self) -> String {
        format!("{}__{}", self.area, self.topic)
    }

    /// The number of cases of all three kinds.
    pub fn len(&self) -> usize {
        self.cases.len() + self.dates.len() + self.txts.len()
    }

    /// Whether the file holds no case at all.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A citation `<source>:<section>[/<step>]`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Citation {
    /// `rfc6265`, `rfc6265bis`, `rfc2109`, `layered` or `seed`.
    pub source: String,
    /// The section (`5.1.4`), or the seed document number (`002`).
    pub section: String,
    /// The step within the section, if any.
    pub step: Option<String>,
}

impl fmt::Display for Citation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.source, self.section)?;
        if let Some(step) = &self.step {
            write!(f, "/{step}")?;
        }
        Ok(())
    }
}

/// A capability a case needs beyond what its steps show (`requires`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Capability {
    /// The outcome depends on the virtual start time.
    Clock,
    /// The subject must know the public suffix list.
    PublicSuffix,
    /// The case exercises storage limits.
    Limits,
}

impl Capability {
    /// The name used in vector files.
    pub fn name(self) -> &'static str {
        match self {
            Capability::Clock => "clock",
            Capability::PublicSuffix => "public-suffix",
            Capability::Limits => "limits",
        }
    }

    /// Parses a vector-file name.
    pub fn from_name(name: &str) -> Option<Capability> {
        [
            Capability::Clock,
            Capability::PublicSuffix,
            Capability::Limits,
        ]
        .into_iter()
        .find(|c| c.name() == name)
    }
}

/// A scenario: steps on a virtual clock, played on a fresh jar per profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    /// `area/topic/name`.
    pub id: String,
    /// One line saying what the case shows.
    pub note: String,
    /// The sections it checks (non-empty).
    pub cites: Vec<Citation>,
    /// The profiles it applies to, in [`ProfileId::ALL`] order.
    pub profiles: Vec<ProfileId>,
    /// Capabilities beyond what the steps show.
    pub requires: Vec<Capability>,
    /// The virtual start time.
    pub start: Time,
    /// The steps, in order (non-empty).
    pub steps: Vec<Step>,
    /// Where the `[[case]]` table starts.
    pub location: Location,
}

impl Case {
    /// Whether the case applies to `profile`.
    pub fn applies_to(&self, profile: ProfileId) -> bool {
        self.profiles.contains(&profile)
    }
}

/// One step of a scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// `set`: Set-Cookie lines (or `document.cookie` writes) received from `url`.
    Set {
        /// The request (or document) URL.
        url: RequestUri,
        /// The field values, one per header field, in order (non-empty).
        lines: Vec<Vec<u8>>,
        /// The request context.
        ctx: RequestContext,
        /// The HTTP method as written (the context keeps only whether it is safe).
        method: String,
    },
    /// `get`: the Cookie header (or `document.cookie`) for `url`.
    Get {
        /// The request (or document) URL.
        url: RequestUri,
        /// The request context.
        ctx: RequestContext,
        /// The HTTP method as written.
        method: String,
        /// The expected header; empty means no Cookie header.
        expect: Expect,
    },
    /// `advance`: the clock moves forward this many seconds.
    Advance(u64),
    /// `end-session = true`: non-persistent cookies are removed.
    EndSession,
    /// `reload = true`: the jar is saved to cookies.txt and loaded back.
    Reload,
    /// `store`: the exact set of unexpired cookies.
    Store(ExpectStore),
}

impl Step {
    /// The kind key as written in vector files.
    pub fn kind(&self) -> &'static str {
        match self {
            Step::Set { .. } => "set",
            Step::Get { .. } => "get",
            Step::Advance(_) => "advance",
            Step::EndSession => "end-session",
            Step::Reload => "reload",
            Step::Store(_) => "store",
        }
    }
}

/// An expectation that is the same for every profile, or given per profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PerProfile<T> {
    /// One value for every profile the case applies to.
    Same(T),
    /// One value per profile; names exactly the profiles the case applies to.
    Each(BTreeMap<ProfileId, T>),
}

impl<T> PerProfile<T> {
    /// The expectation for `profile` (`None` only for a profile the case does
    /// not apply to).
    pub fn for_profile(&self, profile: ProfileId) -> Option<&T> {
        match self {
            PerProfile::Same(v) => Some(v),
            PerProfile::Each(map) => map.get(&profile),
        }
    }
}

/// The expected Cookie header of a `get` step (empty: no header).
pub type Expect = PerProfile<Vec<u8>>;

/// The expected cookies of a `store` step.
pub type ExpectStore = PerProfile<Vec<ExpectedCookie>>;

/// A cookie as a vector expects it: `name` and `value` always, the other
/// fields only when the vector states them.
pub type ExpectedCookie = crate::cookie_view::CookieView;

/// A `[[date]]` case: the cookie-date algorithm on one input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateCase {
    /// `area/topic/name`.
    pub id: String,
    /// One line saying what the case shows.
    pub note: String,
    /// The sections it checks.
    pub cites: Vec<Citation>,
    /// The attribute value handed to the algorithm.
    pub input: Vec<u8>,
    /// The instant, or `None` for `invalid`.
    pub expect: Option<Time>,
    /// Where the `[[date]]` table starts.
    pub location: Location,
}

/// A `[[txt]]` case: the cookies.txt reader (and writer).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TxtCase {
    /// `area/topic/name`.
    pub id: String,
    /// One line saying what the case shows.
    pub note: String,
    /// The sections it checks.
    pub cites: Vec<Citation>,
    /// The file content.
    pub input: Vec<u8>,
    /// The load time.
    pub now: Time,
    /// What the reader must produce.
    pub expect: TxtExpect,
    /// The exact file the writer must produce for the cookies read.
    pub output: Option<Vec<u8>>,
    /// Where the `[[txt]]` table starts.
    pub location: Location,
}

/// What a cookies.txt reader must produce.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TxtExpect {
    /// These cookies, in file order.
    Cookies(Vec<ExpectedCookie>),
    /// A rejection naming this 1-based line.
    ErrorLine(usize),
}
