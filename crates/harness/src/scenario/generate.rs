//! The scenario strategy: interactions between hosts, paths and names made
//! likely, and kept to what a subject can be compared on.

use super::{Event, Scenario};
use crate::strategies::context::request_context;
use crate::strategies::hosts::{self, Relation, Site};
use crate::strategies::lines::{line, names_public_suffix, LineConfig};
use crate::strategies::timeline::{bounded_advance, time_step, TimeStep};
use crate::strategies::urls;
use crate::subject::Capabilities;
use crate::subject::{has_line_break, mentions_same_site, Schemes};
use crate::vectors::{Capability, DEFAULT_START};
use cookiecheck_model::{Api, Profile, RequestContext, SiteStatus, Time};
use proptest::prelude::*;

/// What a scenario may contain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScenarioConfig {
    /// Clock advances and Expires dates near the start; `set` steps a
    /// second apart.
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
    /// Set-Cookie lines holding CR or LF in HTTP responses (not for
    /// subjects on real HTTP: [`Capabilities::real_http`]).
    pub line_breaks: bool,
    /// The URL schemes requests are made on.
    pub schemes: Schemes,
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
            line_breaks: true,
            schemes: Schemes::ALL,
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
            line_breaks: !caps.real_http,
            schemes: caps.schemes,
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
                Event::Set { url, .. } | Event::Get { url, .. }
                    if !self.schemes.allows_url(url) =>
                {
                    None
                }
                Event::Set {
                    url,
                    lines,
                    ctx,
                    method,
                } => self.context(ctx).and_then(|ctx| {
                    let lines: Vec<Vec<u8>> = lines
                        .iter()
                        .filter(|l| self.admits_line(l))
                        .filter(|l| {
                            self.line_breaks || ctx.api == Api::NonHttp || !has_line_break(l)
                        })
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
            events: on_the_clock(scenario.start, events, false),
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

/// `events` on a virtual clock that starts at `start`: every advance cut
/// so that the clock never passes the model's latest instant
/// ([`cookiecheck_model::time::LATEST`]; past it a session cookie's
/// expiry-time, LATEST, would lie in the past), and, with `spaced`, a
/// one-second advance before every `set` that would otherwise happen in
/// the same second as the previous `set`, so that cookies from different
/// responses have different creation-times and their order in a Cookie
/// header is specified (RFC 6265bis §5.8.3 step 4; see
/// [`crate::explore`] on the order left open). Cookies from one response
/// still share their creation-time. Only the clock is spaced at the end of
/// time (now = LATEST).
fn on_the_clock(start: Time, events: Vec<Event>, spaced: bool) -> Vec<Event> {
    let mut now = start;
    let mut last_set: Option<Time> = None;
    let mut out = Vec::with_capacity(events.len());
    for e in events {
        match e {
            Event::Advance(s) => {
                let s = bounded_advance(now, s);
                now += Time::try_from(s).unwrap_or(0);
                out.push(Event::Advance(s));
            }
            Event::Set { .. } => {
                if spaced && last_set == Some(now) {
                    let s = bounded_advance(now, 1);
                    if s > 0 {
                        now += 1;
                        out.push(Event::Advance(s));
                    }
                }
                last_set = Some(now);
                out.push(e);
            }
            other => out.push(other),
        }
    }
    out
}

/// One event before URLs are written: which host, which path.
fn url_on(
    site: &Site,
    relations: Vec<Relation>,
    schemes: Schemes,
) -> impl Strategy<Value = String> {
    let site = site.clone();
    let host = (proptest::sample::select(relations), 0u8..20).prop_flat_map(move |(rel, odd)| {
        if odd == 0 {
            hosts::host().boxed()
        } else {
            hosts::related_host_as(&site, rel).boxed()
        }
    });
    urls::request_url(host, schemes)
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
/// With `config.clock`, the clock stops at the model's latest instant and
/// `set` steps are at least a second apart (creation order observable);
/// without it a scenario has no advances at all.
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
            line_breaks: config.line_breaks,
        };
        let ctx = request_context(config.non_http, config.cross_site).boxed();
        let set = (
            url_on(&site, relations.clone(), config.schemes),
            lines_for(&line_config, config.limits),
            ctx.clone(),
        )
            .prop_map(|(url, lines, (ctx, method))| Event::Set {
                url,
                lines,
                ctx,
                method: method.to_string(),
            });
        let get = (url_on(&site, relations.clone(), config.schemes), ctx).prop_map(
            |(url, (ctx, method))| Event::Get {
                url,
                ctx,
                method: method.to_string(),
            },
        );
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
        let clock = config.clock;
        proptest::collection::vec(event, 1..=config.max_events.max(1)).prop_map(move |events| {
            let mut events = on_the_clock(DEFAULT_START, events, clock);
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
        })
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
                let lacking: Vec<_> = needs(&case, &profile)
                    .into_iter()
                    .filter(|n| !caps.has(*n))
                    .collect();
                prop_assert!(lacking.is_empty(), "{lacking:?} for\n{s}");
                Ok(())
            })
            .expect("no unsupported scenario");
    }

    /// The clock at each event of `s` (after it).
    fn clock(s: &Scenario) -> Vec<Time> {
        let mut now = s.start;
        s.events
            .iter()
            .map(|e| {
                if let Event::Advance(secs) = e {
                    now = now.saturating_add(Time::try_from(*secs).unwrap_or(Time::MAX));
                }
                now
            })
            .collect()
    }

    #[test]
    fn the_clock_never_passes_the_models_latest_instant() {
        use cookiecheck_model::time::LATEST;
        let mut runner = TestRunner::deterministic();
        runner
            .run(&scenario(&ScenarioConfig::everything()), |s| {
                let last = clock(&s).into_iter().max().unwrap_or(s.start);
                prop_assert!(last <= LATEST, "the clock reaches {last} in\n{s}");
                Ok(())
            })
            .expect("a bounded clock");
        // Fuzzer-made scenarios are cut the same way.
        let far = Scenario {
            events: vec![Event::Advance(u64::MAX), Event::Advance(5), Event::Store],
            ..Scenario::default()
        };
        let cut = ScenarioConfig::everything().restrict(&far);
        let left = u64::try_from(LATEST - DEFAULT_START).expect("positive");
        assert_eq!(
            cut.events,
            vec![Event::Advance(left), Event::Advance(0), Event::Store]
        );
    }

    #[test]
    fn set_steps_on_a_virtual_clock_are_seconds_apart() {
        // Two responses in the same second would give their cookies equal
        // creation-times, whose order the campaign leaves open.
        let mut runner = TestRunner::deterministic();
        runner
            .run(&scenario(&ScenarioConfig::everything()), |s| {
                let times = clock(&s);
                let sets: Vec<Time> = s
                    .events
                    .iter()
                    .zip(&times)
                    .filter(|(e, _)| matches!(e, Event::Set { .. }))
                    .map(|(_, t)| *t)
                    .collect();
                for pair in sets.windows(2) {
                    prop_assert!(
                        pair[0] < pair[1] || pair[1] == cookiecheck_model::time::LATEST,
                        "two sets at {} in\n{s}",
                        pair[1]
                    );
                }
                Ok(())
            })
            .expect("sets a second apart");
        // Without a clock nothing is added.
        let caps = Capabilities::basic(cookiecheck_model::ProfileId::Rfc6265);
        let mut runner = TestRunner::deterministic();
        runner
            .run(&scenario(&ScenarioConfig::for_capabilities(&caps)), |s| {
                prop_assert!(!s.events.iter().any(|e| matches!(e, Event::Advance(_))));
                Ok(())
            })
            .expect("no advances without a clock");
    }

    #[test]
    fn scenarios_without_public_suffixes_do_not_depend_on_the_list() {
        // A jar that declares no public-suffix support is the model without
        // bis §5.7 step 9 (RFC 6265 §5.3 step 5): on every scenario made
        // for it, that model must give the model's answers for the model's
        // reasons, near misses (`Domain=\r`, a deleted dot) included.
        use crate::play::play_case_with;
        use proptest::test_runner::{Config, RngAlgorithm, TestRng};
        for id in cookiecheck_model::ProfileId::ALL {
            let caps = Capabilities {
                public_suffix: false,
                ..Capabilities::full(id)
            };
            let without_list = Profile {
                reject_public_suffixes: false,
                ..Profile::for_id(id)
            };
            let config = Config {
                cases: 600,
                failure_persistence: None,
                ..Config::default()
            };
            let rng = TestRng::deterministic_rng(RngAlgorithm::ChaCha);
            let mut runner = TestRunner::new_with_rng(config, rng);
            runner
                .run(&scenario(&ScenarioConfig::for_capabilities(&caps)), |s| {
                    let case = s
                        .to_case("explore/test/case", &[id])
                        .map_err(|e| TestCaseError::fail(e.to_string()))?;
                    // The same answers and the same rules: a line the list
                    // ignores (`public-suffix`) that is also ignored for
                    // another reason would still be blamed on the list.
                    let with_list = crate::play::play_case(&case, id);
                    let played = play_case_with(&case, &without_list);
                    prop_assert!(played.passed(), "{id:?}: the list matters for\n{s}");
                    let decisions = |r: &crate::play::CaseResult| -> Vec<_> {
                        r.steps
                            .iter()
                            .map(|step| match step {
                                crate::play::StepRecord::Set(reports) => {
                                    reports.iter().map(|r| r.decision).collect()
                                }
                                _ => Vec::new(),
                            })
                            .collect()
                    };
                    prop_assert_eq!(
                        decisions(&with_list),
                        decisions(&played),
                        "{:?}: the list explains a line of\n{}",
                        id,
                        s
                    );
                    Ok(())
                })
                .expect("no scenario depends on the public suffix list");
        }
    }

    #[test]
    fn scenarios_for_a_subject_on_real_http_have_no_line_breaks() {
        // Like the chromium and curl subjects: every line travels in an
        // HTTP/1.1 header field, which cannot hold CR or LF.
        for caps in [
            Capabilities {
                real_http: true,
                ..Capabilities::basic(cookiecheck_model::ProfileId::Rfc6265)
            },
            Capabilities {
                real_http: true,
                parser_only: false,
                ..Capabilities::full(cookiecheck_model::ProfileId::Rfc6265bis)
            },
        ] {
            let profile = Profile::for_id(caps.profile);
            let mut runner = TestRunner::deterministic();
            runner
                .run(&scenario(&ScenarioConfig::for_capabilities(&caps)), |s| {
                    let case = s
                        .to_case("explore/test/case", &[caps.profile])
                        .map_err(|e| TestCaseError::fail(e.to_string()))?;
                    let lacking: Vec<_> = needs(&case, &profile)
                        .into_iter()
                        .filter(|n| !caps.has(*n))
                        .collect();
                    prop_assert!(lacking.is_empty(), "{lacking:?} for\n{s}");
                    Ok(())
                })
                .expect("no line a real HTTP response cannot carry");
        }
        // Fuzzer-made scenarios lose such lines too, but not
        // document.cookie writes, which are strings.
        let ctx = RequestContext::default();
        let script = RequestContext {
            api: Api::NonHttp,
            ..ctx
        };
        let set = |ctx: RequestContext| Event::Set {
            url: "http://example.com/".into(),
            lines: vec![b"a=1\r".to_vec(), b"b=2".to_vec()],
            ctx,
            method: "GET".into(),
        };
        let caps = Capabilities {
            real_http: true,
            ..Capabilities::full(cookiecheck_model::ProfileId::Rfc6265)
        };
        let cut = ScenarioConfig::for_capabilities(&caps).restrict(&Scenario {
            events: vec![set(ctx), set(script)],
            ..Scenario::default()
        });
        let Event::Set { lines, .. } = &cut.events[0] else {
            panic!("a set")
        };
        assert_eq!(lines, &vec![b"b=2".to_vec()]);
        assert_eq!(cut.events[1], set(script));
    }

    #[test]
    fn scenarios_keep_to_the_schemes_a_subject_reaches() {
        let caps = Capabilities {
            schemes: Schemes::HTTP,
            ..Capabilities::full(cookiecheck_model::ProfileId::Rfc6265)
        };
        let config = ScenarioConfig::for_capabilities(&caps);
        let mut runner = TestRunner::deterministic();
        runner
            .run(&scenario(&config), |s| {
                for e in &s.events {
                    if let Event::Set { url, .. } | Event::Get { url, .. } = e {
                        prop_assert!(url.starts_with("http://"), "{url} in\n{s}");
                    }
                }
                Ok(())
            })
            .expect("only http URLs");
        // Fuzzer-made scenarios lose the requests on other schemes.
        let get = |url: &str| Event::Get {
            url: url.into(),
            ctx: RequestContext::default(),
            method: "GET".into(),
        };
        let cut = config.restrict(&Scenario {
            events: vec![
                get("https://a.example/"),
                get("http://a.example/"),
                get("WSS://a.example/"),
            ],
            ..Scenario::default()
        });
        assert_eq!(cut.events, vec![get("http://a.example/")]);
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
