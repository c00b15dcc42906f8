//! Rule coverage of a campaign: which model decisions and which catalogue
//! variants the generated scenarios reach.
//!
//! A campaign's scenarios are played on the model alone. A *rule* is
//! reached when the model names it in some case (a Set-Cookie decision, an
//! attribute note, a withheld cookie, an eviction). A *variant* is reached
//! when the model with that variant on answers some case differently from
//! the model without it (the generator can then find a jar that follows
//! it); the first such case index is kept, so it can be replayed.
//!
//! What the campaign should reach is taken from the bundled vectors: every
//! rule the model names on some vector under the profile, and every
//! variant that changes some vector under it. A rule or variant the vectors
//! reach but the campaign never does is *unreached*: a gap in the
//! generator.

use crate::diagnose;
use crate::play::{play_case, StepRecord};
use crate::scenario::ScenarioConfig;
use crate::subject::Capabilities;
use crate::vectors::{Case, VectorFile};
use cookiecheck_model::{ProfileId, Rule, Variant, Variants};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

/// Rules the vectors reach that a generated scenario cannot, by the
/// generator's design, with the reason. They are reported apart and do not
/// make a campaign's coverage incomplete.
pub const BEYOND_THE_GENERATOR: &[(&str, &str)] = &[(
    "evicted-total-limit",
    "the total limit (3000 cookies, 300 for netscape) needs more than 50 hosts each filled to its per-domain limit; a generated scenario has at most 12 events of one set of related hosts",
)];

/// Why `rule` is beyond the generator, if it is.
pub fn beyond_the_generator(rule: &str) -> Option<&'static str> {
    BEYOND_THE_GENERATOR
        .iter()
        .find(|(code, _)| *code == rule)
        .map(|(_, why)| *why)
}

/// What a campaign reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Coverage {
    /// The profile the model ran under.
    pub profile: ProfileId,
    /// Scenarios played.
    pub cases: u64,
    /// For every rule code the model named: in how many cases.
    pub rules: BTreeMap<&'static str, u64>,
    /// For every variant that changed some case: the lowest such index.
    pub variants: BTreeMap<Variant, u64>,
    /// Rules the vectors reach under the profile and the campaign did not
    /// (those [`BEYOND_THE_GENERATOR`] left out).
    pub unreached_rules: Vec<&'static str>,
    /// Rules the vectors reach that the campaign did not because they are
    /// [`BEYOND_THE_GENERATOR`].
    pub beyond: Vec<&'static str>,
    /// Variants that change some vector under the profile and no case of
    /// the campaign.
    pub unreached_variants: Vec<Variant>,
}

impl Coverage {
    /// Whether the campaign reached everything the vectors reach.
    pub fn is_complete(&self) -> bool {
        self.unreached_rules.is_empty() && self.unreached_variants.is_empty()
    }
}

/// Every rule code the model names while playing `case` under `profile`.
pub fn rules_reached(case: &Case, profile: ProfileId) -> BTreeSet<&'static str> {
    let mut out = BTreeSet::new();
    let mut add = |r: Rule| {
        out.insert(r.code());
    };
    for step in play_case(case, profile).steps {
        match step {
            StepRecord::Set(reports) => {
                for r in reports {
                    add(r.decision);
                    r.notes.iter().for_each(|n| add(n.rule));
                    r.evicted.iter().for_each(|e| add(e.rule));
                }
            }
            StepRecord::Get(r) => {
                r.withheld.iter().for_each(|w| add(w.rule));
                r.evicted.iter().for_each(|e| add(e.rule));
                if let Some(rule) = r.aborted {
                    add(rule);
                }
            }
            StepRecord::Advance { evicted, .. } | StepRecord::EndSession(evicted) => {
                evicted.iter().for_each(|e| add(e.rule));
            }
            StepRecord::Reload(_) | StepRecord::Store { .. } | StepRecord::Panicked(_) => {}
        }
    }
    out
}

/// The variants of the catalogue that change something under `caps.profile`.
fn candidates(profile: ProfileId) -> Vec<Variant> {
    Variant::ALL
        .iter()
        .copied()
        .filter(|v| v.applies_to(profile))
        .collect()
}

/// What the bundled vectors reach under `caps.profile`: the rules the model
/// names and the variants that change some vector.
pub fn reachable(
    files: &[VectorFile],
    caps: &Capabilities,
) -> (BTreeSet<&'static str>, BTreeSet<Variant>) {
    let cases: Vec<&Case> = files
        .iter()
        .flat_map(|f| f.cases.iter())
        .filter(|c| c.profiles.contains(&caps.profile))
        .collect();
    let rules = cases
        .par_iter()
        .map(|c| rules_reached(c, caps.profile))
        .reduce(BTreeSet::new, |mut a, b| {
            a.extend(b);
            a
        });
    let variants = candidates(caps.profile)
        .into_par_iter()
        .filter(|&v| {
            cases
                .iter()
                .any(|c| diagnose::changes(c, caps, Variants::NONE.with(v)))
        })
        .collect();
    (rules, variants)
}

/// Plays `cases` scenarios of campaign `seed` (as [`super::explore`]
/// generates them with `config`) on the model under `caps.profile` and
/// measures what they reach, against what `files` reach.
pub fn coverage(
    config: &ScenarioConfig,
    caps: &Capabilities,
    seed: u64,
    cases: u64,
    files: &[VectorFile],
) -> Coverage {
    let profile = caps.profile;
    let all = candidates(profile);
    let (rules, variants) = (0..cases)
        .into_par_iter()
        .fold(
            || {
                (
                    BTreeMap::<&'static str, u64>::new(),
                    BTreeMap::<Variant, u64>::new(),
                )
            },
            |(mut rules, mut variants), index| {
                let scenario = super::scenario_tree(config, seed, index).current();
                let Ok(case) = scenario.to_case(&format!("coverage/case-{index}"), &[profile])
                else {
                    return (rules, variants);
                };
                for code in rules_reached(&case, profile) {
                    *rules.entry(code).or_default() += 1;
                }
                // Each fold keeps its lowest index; a variant once reached
                // is not tried again, which keeps the cost low.
                for &v in &all {
                    if !variants.contains_key(&v)
                        && diagnose::changes(&case, caps, Variants::NONE.with(v))
                    {
                        variants.insert(v, index);
                    }
                }
                (rules, variants)
            },
        )
        .reduce(
            || (BTreeMap::new(), BTreeMap::new()),
            |(mut ra, mut va), (rb, vb)| {
                for (code, n) in rb {
                    *ra.entry(code).or_default() += n;
                }
                for (v, i) in vb {
                    let e = va.entry(v).or_insert(i);
                    *e = (*e).min(i);
                }
                (ra, va)
            },
        );
    let (want_rules, want_variants) = reachable(files, caps);
    let (beyond, unreached_rules) = want_rules
        .into_iter()
        .filter(|r| !rules.contains_key(r))
        .partition(|r| beyond_the_generator(r).is_some());
    let unreached_variants = want_variants
        .into_iter()
        .filter(|v| !variants.contains_key(v))
        .collect();
    Coverage {
        profile,
        cases,
        rules,
        variants,
        unreached_rules,
        beyond,
        unreached_variants,
    }
}
