//! Random scenarios: what the property tests, the exploration campaign and
//! the scenario fuzz targets play.
//!
//! A [`Scenario`] is a list of [`Event`]s (responses that set cookies,
//! requests that read them, time passing, session ends, save and load)
//! without expectations. [`Scenario::to_case`] turns it into a vector
//! [`Case`] whose expectations are the reference model's answers, so the
//! differ ([`crate::differ`]) can play it on a subject exactly like a
//! golden vector. (Expectations taken from the model are what the model
//! says, not hand-worked spec readings: a finding written out as a vector is
//! a *draft* to be checked against the spec before it joins `vectors/`.)
//!
//! [`generate::scenario`] is the proptest strategy; [`ScenarioConfig`]
//! keeps it to what a subject can be compared on (no clock advances for a
//! jar on its own clock, no `document.cookie` for a jar without it, …), so
//! a campaign does not waste its cases on *unsupported*.

#[cfg(feature = "arbitrary")]
mod arbitrary;
pub mod generate;
pub mod invariants;

pub use generate::{scenario, ScenarioConfig};

use crate::cookie_view::CookieView;
use crate::play::{play_case, StepRecord};
use crate::vectors::{Capability, Case, Citation, Location, PerProfile, Step, DEFAULT_START};
use cookiecheck_model::{Cookie, ProfileId, RequestContext, RequestUri, Time};
use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

/// One thing that happens in a scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A response from `url` carries these Set-Cookie lines (or, in a
    /// non-HTTP context, these `document.cookie` writes).
    Set {
        /// The request URL.
        url: String,
        /// The field values, in order.
        lines: Vec<Vec<u8>>,
        /// The request context.
        ctx: RequestContext,
        /// The method as written.
        method: String,
    },
    /// A request to `url` (or a `document.cookie` read).
    Get {
        /// The request URL.
        url: String,
        /// The request context.
        ctx: RequestContext,
        /// The method as written.
        method: String,
    },
    /// The clock moves forward.
    Advance(u64),
    /// The session ends.
    EndSession,
    /// The jar is saved as cookies.txt and loaded back.
    Reload,
    /// The stored cookies are compared.
    Store,
}

/// A generated scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scenario {
    /// The virtual start time.
    pub start: Time,
    /// The events, in order.
    pub events: Vec<Event>,
    /// Capabilities a subject needs beyond what the events show (`limits`
    /// for scenarios that fill a domain).
    pub requires: Vec<Capability>,
}

impl Default for Scenario {
    fn default() -> Self {
        Scenario {
            start: DEFAULT_START,
            events: Vec::new(),
            requires: Vec::new(),
        }
    }
}

/// A scenario that cannot become a case.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScenarioError {
    /// A URL the model does not accept.
    #[error("event {index}: the model does not accept the URL {url:?}: {message}")]
    BadUrl {
        /// The event.
        index: usize,
        /// The URL.
        url: String,
        /// Why.
        message: String,
    },
    /// No events.
    #[error("a scenario needs at least one event")]
    Empty,
    /// No profiles.
    #[error("a scenario needs at least one profile")]
    NoProfile,
}

impl Scenario {
    /// The number of Set-Cookie lines and events: what shrinking minimises.
    pub fn size(&self) -> usize {
        self.events
            .iter()
            .map(|e| match e {
                Event::Set { lines, .. } => lines.len(),
                _ => 1,
            })
            .sum()
    }

    /// The case `id` for `profiles` (in [`ProfileId::ALL`] order), every
    /// `get` and `store` expectation filled in with the model's answer under
    /// each profile (one value when all profiles agree).
    pub fn to_case(&self, id: &str, profiles: &[ProfileId]) -> Result<Case, ScenarioError> {
        if self.events.is_empty() {
            return Err(ScenarioError::Empty);
        }
        if profiles.is_empty() {
            return Err(ScenarioError::NoProfile);
        }
        let mut profiles: Vec<ProfileId> = profiles.to_vec();
        profiles.sort_by_key(|p| ProfileId::ALL.iter().position(|q| q == p));
        profiles.dedup();
        let steps = self
            .events
            .iter()
            .enumerate()
            .map(|(index, e)| step_of(index, e))
            .collect::<Result<Vec<Step>, ScenarioError>>()?;
        let mut case = Case {
            id: id.to_string(),
            note: "a generated scenario; expectations are the reference model's answers".into(),
            cites: profiles
                .iter()
                .flat_map(|&p| storage_and_retrieval(p))
                .collect(),
            profiles: profiles.clone(),
            requires: self.requires.clone(),
            start: self.start,
            steps,
            location: Location {
                file: PathBuf::from("<generated>"),
                line: 1,
                column: 1,
            },
        };
        let mut records: Vec<(ProfileId, Vec<StepRecord>)>;
        loop {
            records = profiles
                .iter()
                .map(|&p| (p, play_case(&case, p).steps))
                .collect();
            // A reload needs every cookie to be writable to cookies.txt (a
            // TAB, CR or LF in a name or value is not); a reload the model
            // cannot do is left out of the case.
            let failed: Vec<usize> = records
                .iter()
                .flat_map(|(_, steps)| steps.iter().enumerate())
                .filter(|(_, r)| matches!(r, StepRecord::Reload(Err(_))))
                .map(|(i, _)| i)
                .collect();
            if failed.is_empty() {
                break;
            }
            let mut index = 0;
            case.steps.retain(|_| {
                index += 1;
                !failed.contains(&(index - 1))
            });
            if case.steps.is_empty() {
                return Err(ScenarioError::Empty);
            }
        }
        for (index, step) in case.steps.iter_mut().enumerate() {
            match step {
                Step::Get { expect, .. } => {
                    *expect = per_profile(&records, index, |r| match r {
                        Some(StepRecord::Get(got)) => got.header_bytes().to_vec(),
                        _ => Vec::new(),
                    });
                }
                Step::Store(expect) => {
                    *expect = per_profile(&records, index, |r| match r {
                        Some(StepRecord::Store { cookies, .. }) => {
                            cookies.iter().map(full_view).collect()
                        }
                        _ => Vec::new(),
                    });
                }
                _ => {}
            }
        }
        Ok(case)
    }
}

fn per_profile<T: PartialEq + Clone>(
    records: &[(ProfileId, Vec<StepRecord>)],
    index: usize,
    value: impl Fn(Option<&StepRecord>) -> T,
) -> PerProfile<T> {
    let values: BTreeMap<ProfileId, T> = records
        .iter()
        .map(|(p, steps)| (*p, value(steps.get(index))))
        .collect();
    let mut distinct = values.values();
    match distinct.next() {
        Some(first) if distinct.all(|v| v == first) => PerProfile::Same(first.clone()),
        _ => PerProfile::Each(values),
    }
}

/// Every field of a stored cookie, as a vector states it.
pub fn full_view(c: &Cookie) -> CookieView {
    CookieView {
        name: c.name.clone(),
        value: c.value.clone(),
        domain: Some(c.domain.clone()),
        path: Some(c.path.clone()),
        host_only: Some(c.host_only),
        secure: Some(c.secure_only),
        http_only: Some(c.http_only),
        same_site: Some(c.same_site),
        persistent: Some(c.persistent),
        expires: c.persistent.then_some(c.expiry_time),
    }
}

fn parse_url(index: usize, url: &str) -> Result<RequestUri, ScenarioError> {
    RequestUri::parse(url).map_err(|e| ScenarioError::BadUrl {
        index,
        url: url.to_string(),
        message: e.to_string(),
    })
}

fn step_of(index: usize, event: &Event) -> Result<Step, ScenarioError> {
    Ok(match event {
        Event::Set {
            url,
            lines,
            ctx,
            method,
        } => Step::Set {
            url: parse_url(index, url)?,
            lines: lines.clone(),
            ctx: *ctx,
            method: method.clone(),
        },
        Event::Get { url, ctx, method } => Step::Get {
            url: parse_url(index, url)?,
            ctx: *ctx,
            method: method.clone(),
            expect: PerProfile::Same(Vec::new()),
        },
        Event::Advance(s) => Step::Advance(*s),
        Event::EndSession => Step::EndSession,
        Event::Reload => Step::Reload,
        Event::Store => Step::Store(PerProfile::Same(Vec::new())),
    })
}

impl fmt::Display for Scenario {
    /// One event per line, for failure messages.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.events.iter().enumerate() {
            match e {
                Event::Set { url, lines, .. } => {
                    writeln!(f, "{i}: set {url}")?;
                    for l in lines {
                        writeln!(f, "     {}", crate::escape::quoted_short(l, 120))?;
                    }
                }
                Event::Get { url, .. } => writeln!(f, "{i}: get {url}")?,
                Event::Advance(s) => writeln!(f, "{i}: advance {s}")?,
                Event::EndSession => writeln!(f, "{i}: end-session")?,
                Event::Reload => writeln!(f, "{i}: reload")?,
                Event::Store => writeln!(f, "{i}: store")?,
            }
        }
        Ok(())
    }
}

/// The storage and retrieval sections of `profile`'s text: what a
/// generated scenario cites (RFC 6265 §5.3 and §5.4, RFC 6265bis §5.7 and
/// §5.8.3, the Netscape rules of seed 002).
fn storage_and_retrieval(profile: ProfileId) -> Vec<Citation> {
    let cite = |source: &str, section: &str| Citation {
        source: source.into(),
        section: section.into(),
        step: None,
    };
    match profile {
        ProfileId::Rfc6265 => vec![cite("rfc6265", "5.3"), cite("rfc6265", "5.4")],
        ProfileId::Rfc6265bis => vec![cite("rfc6265bis", "5.7"), cite("rfc6265bis", "5.8.3")],
        ProfileId::Netscape => vec![cite("seed", "002")],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(url: &str, line: &str) -> Event {
        Event::Set {
            url: url.into(),
            lines: vec![line.as_bytes().to_vec()],
            ctx: RequestContext::default(),
            method: "GET".into(),
        }
    }

    fn get(url: &str) -> Event {
        Event::Get {
            url: url.into(),
            ctx: RequestContext::default(),
            method: "GET".into(),
        }
    }

    #[test]
    fn a_case_carries_the_models_answers_per_profile() {
        // RFC 6265 §5.2.2 reads Max-Age; the Netscape rules have no Max-Age,
        // so only there the cookie is stored (Max-Age=0 would delete it).
        let s = Scenario {
            events: vec![
                set("http://example.com/", "a=1; Max-Age=0"),
                get("http://example.com/"),
            ],
            ..Scenario::default()
        };
        let case = s.to_case("x/y/z", &ProfileId::ALL).expect("a case");
        let Step::Get { expect, .. } = &case.steps[1] else {
            panic!("step 1 is a get")
        };
        assert_eq!(expect.for_profile(ProfileId::Rfc6265), Some(&Vec::new()));
        assert_eq!(expect.for_profile(ProfileId::Rfc6265bis), Some(&Vec::new()));
        assert_eq!(
            expect.for_profile(ProfileId::Netscape),
            Some(&b"a=1".to_vec())
        );
        // The case agrees with the model it was made from.
        for p in ProfileId::ALL {
            assert!(play_case(&case, p).passed());
        }
    }

    #[test]
    fn a_case_cites_only_its_own_profiles_text() {
        // An RFC 6265 subject's scenario cites RFC 6265 §5.3 and §5.4 (the
        // blame's last-resort hint), never RFC 6265bis.
        let s = Scenario {
            events: vec![set("http://example.com/", "a=1")],
            ..Scenario::default()
        };
        let case = s.to_case("x/y/z", &[ProfileId::Rfc6265]).expect("a case");
        let cites: Vec<String> = case.cites.iter().map(ToString::to_string).collect();
        assert_eq!(cites, ["rfc6265:5.3", "rfc6265:5.4"]);
    }

    #[test]
    fn bad_urls_and_empty_scenarios_are_errors() {
        let s = Scenario {
            events: vec![get("not a url")],
            ..Scenario::default()
        };
        assert!(matches!(
            s.to_case("x/y/z", &ProfileId::ALL),
            Err(ScenarioError::BadUrl { index: 0, .. })
        ));
        assert_eq!(
            Scenario::default().to_case("x/y/z", &ProfileId::ALL),
            Err(ScenarioError::Empty)
        );
    }
}
