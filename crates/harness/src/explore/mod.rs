//! The exploration campaign: many random scenarios played on the model and
//! a subject, in parallel, with every disagreement diagnosed (the rule
//! variants that make the model answer as the subject did,
//! [`crate::diagnose`]), grouped by that cause and shrunk to a minimal case
//! that keeps it.
//!
//! Case `i` of a campaign with seed `s` is generated from its own random
//! stream (ChaCha seeded with `s` and `i`), so a campaign's findings do not
//! depend on the number of threads or their scheduling: the same seed gives
//! the same findings, and one case can be replayed alone
//! ([`replay`]). Every differing case is diagnosed, and findings are grouped
//! by [`FindingKey`]: the cause (`store-order`, `first-attribute-wins+…`),
//! or for an unexplained difference `unexplained/<the model's blame>`
//! (a hint, not a cause); each group keeps its count and its first case
//! (the lowest index), which is then shrunk with proptest's value trees to
//! the fewest events and shortest strings that still give a finding of the
//! same key ([`shrink`]). A finding whose cause is not declared is replayed
//! once before it is reported; one that does not come out the same is
//! grouped as `unstable/<key>`.
//!
//! Differences the specifications leave open are not findings
//! (`vectors/README.md`, "Deliberately not tested"): the order of cookies
//! with equal path length and equal creation-time, and readings a
//! profile's text permits (variants marked `permitted`).

pub mod coverage;
pub mod reduce;
pub mod shrink;
pub mod write;

use crate::diagnose::Cause;
use crate::differ::{diff_isolated_declared, Finding, FindingKind, Outcome};
use crate::expected::ExpectedFailures;
use crate::run::SubjectSpec;
use crate::scenario::{scenario, Scenario, ScenarioConfig};
use crate::subject::Isolated;
use crate::vectors::Case;
use cookiecheck_model::Variants;
use proptest::strategy::{Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What a campaign runs.
#[derive(Debug, Clone)]
pub struct ExploreConfig {
    /// The campaign seed.
    pub seed: u64,
    /// How many scenarios.
    pub cases: u64,
    /// What scenarios may contain (usually
    /// [`ScenarioConfig::for_capabilities`] of the subject).
    pub scenario: ScenarioConfig,
    /// The most shrinking steps per distinct finding.
    pub shrink_limit: usize,
    /// The most wall time spent shrinking one distinct finding.
    pub shrink_budget: Duration,
    /// The subject's file (`subjects/<name>.toml`): its declared variants
    /// make a cause known; an entry whose pattern matches a finding key
    /// (`unexplained/<code>`, `crash`, …) lists a known unexplained class.
    pub known: ExpectedFailures,
}

impl ExploreConfig {
    /// `cases` scenarios from `seed` for a subject with `spec`'s capabilities.
    pub fn new(spec: &SubjectSpec, seed: u64, cases: u64) -> ExploreConfig {
        ExploreConfig {
            seed,
            cases,
            scenario: ScenarioConfig::for_capabilities(&spec.capabilities),
            shrink_limit: 2_000,
            shrink_budget: Duration::from_secs(10),
            known: ExpectedFailures::default(),
        }
    }
}

/// How findings are grouped: the cause of the difference, and what kind of
/// finding it is.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FindingKey {
    /// The cause (`store-order`, `a+b` for a pair), `unexplained/<blamed
    /// rule>`, `unstable/<key>`, or for a subject that misbehaved its kind
    /// (`crash`, `timeout`, …).
    pub code: String,
    /// `mismatch`, `crash`, `timeout`, `protocol`, `io` or `model`.
    pub kind: &'static str,
}

impl FindingKey {
    /// The key of `finding`.
    pub fn of(finding: &Finding) -> FindingKey {
        let code = match (&finding.cause, &finding.kind) {
            (Cause::Variants(_), _) => finding.cause.label(),
            (Cause::Unexplained, _) => format!("unexplained/{}", finding.rule.code),
            (_, FindingKind::ModelDisagrees(_)) => format!("model/{}", finding.rule.code),
            (_, kind) => kind.name().to_string(),
        };
        FindingKey {
            code,
            kind: finding.kind.name(),
        }
    }

    /// Whether the finding is an unexplained difference.
    pub fn is_unexplained(&self) -> bool {
        self.code.starts_with("unexplained/")
    }
}

/// One distinct finding of a campaign.
#[derive(Debug, Clone)]
pub struct Distinct {
    /// Its group.
    pub key: FindingKey,
    /// How many cases gave a finding of this key.
    pub count: u64,
    /// The lowest case index that did.
    pub first_index: u64,
    /// The size of that case before shrinking ([`Scenario::size`]).
    pub original_size: usize,
    /// The shrunk scenario.
    pub scenario: Scenario,
    /// The shrunk case, with the model's answers as expectations.
    pub case: Case,
    /// The finding on the shrunk case.
    pub finding: Finding,
    /// The diagnosis of the shrunk case.
    pub cause: Cause,
    /// Why the class is known: the declared variants with their evidence,
    /// or the entry that lists an unexplained class; `None`: a finding.
    pub known: Option<String>,
}

/// Counts while a campaign runs, for a progress display.
#[derive(Debug, Default)]
pub struct Progress {
    /// Scenarios played.
    pub done: AtomicU64,
    /// Scenarios that gave a finding.
    pub failing: AtomicU64,
    /// Distinct keys seen so far.
    pub distinct: AtomicU64,
}

/// A campaign's result.
#[derive(Debug, Clone)]
pub struct ExploreReport {
    /// The subject.
    pub subject: String,
    /// The seed.
    pub seed: u64,
    /// Scenarios played.
    pub cases: u64,
    /// Scenarios on which the subject agreed with the model.
    pub passed: u64,
    /// Scenarios that gave a finding.
    pub failing: u64,
    /// Scenarios the subject could not run.
    pub unsupported: u64,
    /// Differences left open by the specifications (not findings).
    pub unspecified: u64,
    /// Distinct findings, by key.
    pub distinct: Vec<Distinct>,
    /// Wall time of the campaign (without shrinking).
    pub elapsed: Duration,
    /// Wall time of shrinking.
    pub shrink_elapsed: Duration,
}

impl ExploreReport {
    /// Distinct findings not on the known-departure list.
    pub fn unknown(&self) -> impl Iterator<Item = &Distinct> {
        self.distinct.iter().filter(|d| d.known.is_none())
    }
}

/// The random stream of case `index` of campaign `seed`.
fn runner_for(seed: u64, index: u64) -> TestRunner {
    let mut bytes = [0u8; 32];
    bytes[..8].copy_from_slice(&seed.to_le_bytes());
    bytes[8..16].copy_from_slice(&index.to_le_bytes());
    bytes[16..].copy_from_slice(b"cookiecheck-expl");
    let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &bytes);
    TestRunner::new_with_rng(Config::default(), rng)
}

/// The scenario tree of case `index` (its current value is the case).
pub fn scenario_tree(
    config: &ScenarioConfig,
    seed: u64,
    index: u64,
) -> Box<dyn ValueTree<Value = Scenario>> {
    let mut runner = runner_for(seed, index);
    match scenario(config).new_tree(&mut runner) {
        Ok(tree) => Box::new(tree),
        // The strategy has no filters, so it cannot reject; an empty
        // scenario stands in if it ever does.
        Err(_) => Box::new(proptest::strategy::Just(Scenario::default())),
    }
}

/// The case id of case `index` on `subject`.
pub fn case_id(subject: &str, index: u64) -> String {
    format!("explore/{}/case-{index}", kebab(subject))
}

/// `s` in the vector files' `[a-z0-9-]+` alphabet.
pub fn kebab(s: &str) -> String {
    let mut out: String = s
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    while out.contains("--") {
        out = out.replace("--", "-");
    }
    let out = out.trim_matches('-').to_string();
    if out.is_empty() {
        "x".into()
    } else {
        out
    }
}

/// What one scenario gave on the subject.
pub enum Verdict {
    /// The subject agreed (or the case did not apply).
    Pass,
    /// The subject could not run it.
    Unsupported,
    /// A difference the specifications leave open.
    Unspecified,
    /// A finding.
    Finding(Box<Finding>),
}

/// Plays `scenario` as case `id` on the model and `subject` (which
/// declares `declared`).
pub fn judge(
    scenario: &Scenario,
    id: &str,
    spec: &SubjectSpec,
    declared: Variants,
    subject: &mut Isolated,
) -> Verdict {
    let caps = &spec.capabilities;
    let Ok(case) = scenario.to_case(id, &[caps.profile]) else {
        return Verdict::Unsupported;
    };
    let case = Arc::new(case);
    match diff_isolated_declared(&case, subject, caps, declared) {
        Outcome::Pass | Outcome::NotApplicable => Verdict::Pass,
        Outcome::Unsupported(_) => Verdict::Unsupported,
        Outcome::LeftOpen(_) => Verdict::Unspecified,
        Outcome::Fail(f) => Verdict::Finding(f),
    }
}

/// Why `finding` (grouped as `key`) is known to the subject file `known`
/// under `profile`, or `None`: a finding.
///
/// Known are: a cause within the declared variants; an undeclared class
/// listed by its key (`unexplained/<code>`, `unstable/<code>`, `crash`, …).
/// A cause that an undeclared variant explains is never known: the subject
/// declares the variant, or the finding stands.
pub fn known_reason(
    known: &ExpectedFailures,
    key: &FindingKey,
    finding: &Finding,
    profile: cookiecheck_model::ProfileId,
) -> Option<String> {
    let cause = &finding.cause;
    let declared = known.declared_for(profile);
    if cause.is_declared(declared) {
        let set = cause.primary().unwrap_or_default();
        let evidence: Vec<String> = known
            .declared
            .iter()
            .filter(|d| set.has(d.variant))
            .map(|d| format!("{}: {}", d.variant, d.evidence))
            .collect();
        return Some(format!("declared: {}", evidence.join("; ")));
    }
    let listed = |pattern: &str| {
        known
            .entries
            .iter()
            .find(|e| e.covers(pattern, profile))
            .map(|e| e.reason.clone())
    };
    if matches!(cause, Cause::Variants(_)) {
        return None;
    }
    listed(&key.code)
}

/// Replays case `index` of campaign `seed` on `spec`, unshrunk.
pub fn replay(spec: &SubjectSpec, config: &ExploreConfig, index: u64) -> (Scenario, Verdict) {
    let scenario = scenario_tree(&config.scenario, config.seed, index).current();
    let mut subject = Isolated::new(spec.factory.clone(), spec.case_limit);
    let declared = config.known.declared_for(spec.capabilities.profile);
    let verdict = judge(
        &scenario,
        &case_id(&spec.name, index),
        spec,
        declared,
        &mut subject,
    );
    (scenario, verdict)
}

#[derive(Default)]
struct Tally {
    passed: u64,
    failing: u64,
    unsupported: u64,
    unspecified: u64,
    groups: BTreeMap<FindingKey, Group>,
}

/// A group while the campaign runs: count, lowest index, its finding.
type Group = (u64, u64, Box<Finding>);

impl Tally {
    fn merge(mut self, other: Tally) -> Tally {
        self.passed += other.passed;
        self.failing += other.failing;
        self.unsupported += other.unsupported;
        self.unspecified += other.unspecified;
        for (key, (count, index, finding)) in other.groups {
            match self.groups.get_mut(&key) {
                Some(g) => {
                    g.0 += count;
                    if index < g.1 {
                        g.1 = index;
                        g.2 = finding;
                    }
                }
                None => {
                    self.groups.insert(key, (count, index, finding));
                }
            }
        }
        self
    }
}

/// Runs the campaign on `spec`, updating `progress` as it goes.
pub fn explore(spec: &SubjectSpec, config: &ExploreConfig, progress: &Progress) -> ExploreReport {
    let started = Instant::now();
    let declared = config.known.declared_for(spec.capabilities.profile);
    let seen = std::sync::Mutex::new(std::collections::HashSet::<FindingKey>::new());
    let tally = (0..config.cases)
        .into_par_iter()
        .fold(
            || {
                (
                    Isolated::new(spec.factory.clone(), spec.case_limit),
                    Tally::default(),
                )
            },
            |(mut subject, mut tally), index| {
                let scenario = scenario_tree(&config.scenario, config.seed, index).current();
                let id = case_id(&spec.name, index);
                match judge(&scenario, &id, spec, declared, &mut subject) {
                    Verdict::Pass => tally.passed += 1,
                    Verdict::Unsupported => tally.unsupported += 1,
                    Verdict::Unspecified => tally.unspecified += 1,
                    Verdict::Finding(f) => {
                        tally.failing += 1;
                        progress.failing.fetch_add(1, Ordering::Relaxed);
                        let mut key = FindingKey::of(&f);
                        if known_reason(&config.known, &key, &f, spec.capabilities.profile)
                            .is_none()
                        {
                            // Replay once: a subject that answers differently
                            // the second time is unstable, not a new cause.
                            let again = judge(&scenario, &id, spec, declared, &mut subject);
                            let same =
                                matches!(&again, Verdict::Finding(g) if FindingKey::of(g) == key);
                            if !same {
                                key.code = format!("unstable/{}", key.code);
                            }
                        }
                        if let Ok(mut seen) = seen.lock() {
                            if seen.insert(key.clone()) {
                                progress.distinct.fetch_add(1, Ordering::Relaxed);
                            }
                        }
                        let group = tally.groups.entry(key).or_insert((0, index, f.clone()));
                        group.0 += 1;
                        if index < group.1 {
                            group.1 = index;
                            group.2 = f;
                        }
                    }
                }
                progress.done.fetch_add(1, Ordering::Relaxed);
                (subject, tally)
            },
        )
        .map(|(_, tally)| tally)
        .reduce(Tally::default, Tally::merge);
    let elapsed = started.elapsed();
    let shrink_started = Instant::now();
    let groups: Vec<(FindingKey, Group)> = tally.groups.into_iter().collect();
    let distinct: Vec<Distinct> = groups
        .into_par_iter()
        .map(|(key, (count, index, finding))| {
            let shrunk = shrink::shrink(spec, config, index, &key, *finding);
            let cause = shrunk.finding.cause.clone();
            let known = known_reason(
                &config.known,
                &key,
                &shrunk.finding,
                spec.capabilities.profile,
            );
            Distinct {
                key,
                count,
                first_index: index,
                original_size: shrunk.original_size,
                scenario: shrunk.scenario,
                case: shrunk.case,
                finding: shrunk.finding,
                cause,
                known,
            }
        })
        .collect();
    ExploreReport {
        subject: spec.name.clone(),
        seed: config.seed,
        cases: config.cases,
        passed: tally.passed,
        failing: tally.failing,
        unsupported: tally.unsupported,
        unspecified: tally.unspecified,
        distinct,
        elapsed,
        shrink_elapsed: shrink_started.elapsed(),
    }
}
