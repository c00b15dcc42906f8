//! The scenario strategy: interactions between hosts, paths and names made
//! likely, and kept to what a subject can be compared on.

use super::{Event, Scenario};
use crate::strategies::context::request_context;
use crate::strategies::hosts::{self, Relation, Site};
use crate::strategies::lines::{line, LineConfig};
use crate::strategies::timeline::{time_step, TimeStep};
use crate::strategies::urls;
use crate::subject::mentions_same_site;
use crate::subject::Capabilities;
use crate::vectors::{Capability, DEFAULT_START};
use cookiecheck_model::domain::is_public_suffix;
use cookiecheck_model::set_cookie::trim_wsp;
use cookiecheck_model::{Api, Profile, RequestContext, SiteStatus};
use proptest::prelude::*;

/// What a scenario may contain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScenarioConfig {
    /// Clock advances and Expires dates near the start.
    pub clock: bool,
    /// Session ends.
    pub end_session: bool,
    /// cookies.txt save and load.
    pub reload: bool,
    /// `document.cookie` reads and writes.
    pub non_http: bool,
    /// Cross-site and nested requests.
    pub cross_site: bool,
    /// SameSite attributes.
    pub same_site_attribute: bool,
    /// Domain attributes naming a public suffix.
    pub public_suffix: bool,
    /// Bursts of cookies that fill a domain (eviction).
    pub limits: bool,
    /// A final `store` step.
    pub store: bool,
    /// The most events in one scenario (at least 1).
    pub max_events: usize,
}

impl ScenarioConfig {
    /// Everything on: for the model alone.
    pub fn everything() -> ScenarioConfig {
        ScenarioConfig {
            clock: true,
            end_session: true,
            reload: true,
            non_http: true,
            cross_site: true,
            same_site_attribute: true,
            public_suffix: true,
            limits: true,
            store: true,
            max_events: 12,
        }
    }

    /// Only what a subject declaring `caps` can be compared on (the rules
    /// of [`crate::subject::needs`]): a scenario made with this config is
    /// never *unsupported* for lack of a capability (the clock probe may
    /// still find a case whose outcome depends on the date).
    pub fn for_capabilities(caps: &Capabilities) -> ScenarioConfig {
        let profile = Profile::for_id(caps.profile);
        let same_site = caps.same_site || !profile.same_site;
        ScenarioConfig {
            clock: caps.clock,
            end_session: caps.end_session,
            reload: caps.cookies_txt,
            non_http: caps.non_http,
            cross_site: same_site,
            same_site_attribute: same_site,
            public_suffix: caps.public_suffix,
            limits: caps.limits,
            store: caps.list_cookies,
            max_events: 12,
        }
    }
}

impl ScenarioConfig {
    /// `scenario` without what this config does not allow: events of a
    /// kind it excludes and lines it excludes are dropped, and contexts
    /// become same-site top-level ones when cross-site requests are
    /// excluded. Used on fuzzer-made scenarios, which know no config.
    pub fn restrict(&self, scenario: &Scenario) -> Scenario {
        let mut events = Vec::new();
        for e in &scenario.events {
            let kept = match e {
                Event::Set {
                    url,
                    lines,
                    ctx,
                    method,
                } => self.context(ctx).and_then(|ctx| {
                    let lines: Vec<Vec<u8>> = lines
                        .iter()
                        .filter(|l| self.admits_line(l))
                        .cloned()
                        .collect();
                    (!lines.is_empty()).then(|| Event::Set {
                        url: url.clone(),
                        lines,
                        ctx,
                        method: method.clone(),
                    })
                }),
                Event::Get { url, ctx, method } => self.context(ctx).map(|ctx| Event::Get {
                    url: url.clone(),
                    ctx,
                    method: method.clone(),
                }),
                Event::Advance(_) => self.clock.then(|| e.clone()),
                Event::EndSession => self.end_session.then(|| e.clone()),
                Event::Reload => self.reload.then(|| e.clone()),
                Event::Store => self.store.then(|| e.clone()),
            };
            events.extend(kept);
        }
        Scenario {
            start: scenario.start,
            events,
            requires: if self.limits {
                scenario.requires.clone()
            } else {
                Vec::new()
            },
        }
    }

    fn context(&self, ctx: &RequestContext) -> Option<RequestContext> {
        if ctx.api == Api::NonHttp && !self.non_http {
            return None;
        }
        if self.cross_site {
            return Some(*ctx);
        }
        Some(RequestContext {
            site: SiteStatus::SameSite,
            top_level: true,
            ..*ctx
        })
    }

    fn admits_line(&self, line: &[u8]) -> bool {
        if !self.same_site_attribute && mentions_same_site(line) {
            return false;
        }
        if !self.public_suffix && names_public_suffix(line) {
            return false;
        }
        true
    }
}

/// Whether a line has a Domain attribute whose value is a public suffix.
fn names_public_suffix(line: &[u8]) -> bool {
    line.split(|&b| b == b';').skip(1).any(|av| {
        let mut parts = av.splitn(2, |&b| b == b'=');
        let name = trim_wsp(parts.next().unwrap_or(&[]));
        let value = trim_wsp(parts.next().unwrap_or(&[]));
        name.eq_ignore_ascii_case(b"domain") && {
            let value = String::from_utf8_lossy(value).to_ascii_lowercase();
            let value = value.trim_matches('.');
            !value.is_empty() && is_public_suffix(value)
        }
    })
}

/// One event before URLs are written: which host, which path.
fn url_on(site: &Site, relations: Vec<Relation>) -> impl Strategy<Value = String> {
    let site = site.clone();
    let host = (proptest::sample::select(relations), 0u8..20).prop_flat_map(move |(rel, odd)| {
        if odd == 0 {
            hosts::host().boxed()
        } else {
            hosts::related_host_as(&site, rel).boxed()
        }
    });
    urls::request_url(host)
}

fn lines_for(config: &LineConfig, limits: bool) -> BoxedStrategy<Vec<Vec<u8>>> {
    let one_or_few = proptest::collection::vec(line(config), 1..=3);
    if limits {
        prop_oneof![
            12 => one_or_few,
            1 => (20usize..=60, 0u8..3).prop_map(|(n, path)| {
                let path = ["/", "/a", "/b"][usize::from(path)];
                (0..n)
                    .map(|i| format!("n{i}={i}; Path={path}").into_bytes())
                    .collect()
            }),
        ]
        .boxed()
    } else {
        one_or_few.boxed()
    }
}

/// The scenario strategy for `config`.
///
/// Every scenario picks one [`Site`]; its URLs go mostly to that site's
/// apex, `www`, a child, a sibling and its public suffix (so cookies set by
/// one host are read by its parent, child and sibling), with the same few
/// names, paths and Domain values recurring (so overwrites, deletes and
/// shadowing happen). Secure cookies are set from http and https alike.
pub fn scenario(config: &ScenarioConfig) -> impl Strategy<Value = Scenario> {
    let config = config.clone();
    hosts::site().prop_flat_map(move |site| {
        let mut relations = Relation::ALL.to_vec();
        if !config.public_suffix {
            relations.retain(|r| *r != Relation::Suffix);
        }
        let line_config = LineConfig {
            site: site.clone(),
            near_start_dates: config.clock,
            public_suffix_domains: config.public_suffix,
            same_site_attribute: config.same_site_attribute,
        };
        let ctx = request_context(config.non_http, config.cross_site).boxed();
        let set = (
            url_on(&site, relations.clone()),
            lines_for(&line_config, config.limits),
            ctx.clone(),
        )
            .prop_map(|(url, lines, (ctx, method))| Event::Set {
                url,
                lines,
                ctx,
                method: method.to_string(),
            });
        let get =
            (url_on(&site, relations.clone()), ctx).prop_map(|(url, (ctx, method))| Event::Get {
                url,
                ctx,
                method: method.to_string(),
            });
        let mut others: Vec<BoxedStrategy<Event>> = Vec::new();
        if config.clock || config.end_session {
            others.push(
                time_step(config.clock, config.end_session)
                    .prop_map(|t| match t {
                        TimeStep::Advance(s) => Event::Advance(s),
                        TimeStep::EndSession => Event::EndSession,
                    })
                    .boxed(),
            );
        }
        if config.reload {
            others.push(Just(Event::Reload).boxed());
        }
        let event = if others.is_empty() {
            prop_oneof![5 => set.boxed(), 4 => get.boxed()].boxed()
        } else {
            prop_oneof![
                5 => set.boxed(),
                4 => get.boxed(),
                2 => proptest::strategy::Union::new(others).boxed(),
            ]
            .boxed()
        };
        let store = config.store;
        let limits = config.limits;
        proptest::collection::vec(event, 1..=config.max_events.max(1)).prop_map(
            move |mut events| {
                if store {
                    events.push(Event::Store);
                }
                let burst = events
                    .iter()
                    .any(|e| matches!(e, Event::Set { lines, .. } if lines.len() >= 20));
                Scenario {
                    start: DEFAULT_START,
                    events,
                    requires: if limits && burst {
                        vec![Capability::Limits]
                    } else {
                        Vec::new()
                    },
                }
            },
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::subject::needs;
    use proptest::test_runner::TestRunner;

    #[test]
    fn scenarios_for_a_basic_jar_need_nothing_it_lacks() {
        let caps = Capabilities::basic(cookiecheck_model::ProfileId::Rfc6265);
        let profile = Profile::for_id(caps.profile);
        let mut runner = TestRunner::deterministic();
        runner
            .run(&scenario(&ScenarioConfig::for_capabilities(&caps)), |s| {
                let case = s
                    .to_case("explore/test/case", &[caps.profile])
                    .map_err(|e| TestCaseError::fail(e.to_string()))?;
                let needed = needs(&case, &profile);
                prop_assert!(needed.is_empty(), "{needed:?} for\n{s}");
                Ok(())
            })
            .expect("no unsupported scenario");
    }

    #[test]
    fn scenarios_with_everything_on_become_cases_under_every_profile() {
        let mut runner = TestRunner::deterministic();
        runner
            .run(&scenario(&ScenarioConfig::everything()), |s| {
                let case = s
                    .to_case("explore/test/case", &cookiecheck_model::ProfileId::ALL)
                    .map_err(|e| TestCaseError::fail(e.to_string()))?;
                prop_assert!(!case.steps.is_empty());
                Ok(())
            })
            .expect("every scenario becomes a case");
    }
}
