//! Shrinking a finding to a minimal scenario with proptest's value trees:
//! simplify while a finding of the same key (the same diagnosed cause)
//! remains, complicate back when it goes away (the same search proptest's
//! own runner does), within a step limit and a wall-time budget.

use super::{case_id, judge, scenario_tree, ExploreConfig, FindingKey, Verdict};
use crate::differ::Finding;
use crate::run::SubjectSpec;
use crate::scenario::Scenario;
use crate::subject::Isolated;
use crate::vectors::Case;

/// A shrunk finding.
#[derive(Debug, Clone)]
pub struct Shrunk {
    /// The size of the case before shrinking.
    pub original_size: usize,
    /// The smallest scenario found that still gives the key.
    pub scenario: Scenario,
    /// It, as a case with the model's answers.
    pub case: Case,
    /// The finding on it.
    pub finding: Finding,
    /// How many candidate scenarios were played.
    pub steps: usize,
}

/// Shrinks case `index` of the campaign, which gave `finding` with `key`.
pub fn shrink(
    spec: &SubjectSpec,
    config: &ExploreConfig,
    index: u64,
    key: &FindingKey,
    finding: Finding,
) -> Shrunk {
    let mut tree = scenario_tree(&config.scenario, config.seed, index);
    let mut best = tree.current();
    let original_size = best.size();
    let mut best_finding = finding;
    let mut subject = Isolated::new(spec.factory.clone(), spec.case_limit);
    let id = case_id(&spec.name, index);
    let declared = config.known.declared_for(spec.capabilities.profile);
    let started = std::time::Instant::now();
    let mut steps = 0;
    let mut more = tree.simplify();
    while more && steps < config.shrink_limit && started.elapsed() < config.shrink_budget {
        steps += 1;
        let candidate = tree.current();
        match judge(&candidate, &id, spec, declared, &mut subject) {
            Verdict::Finding(f) if FindingKey::of(&f) == *key => {
                best = candidate;
                best_finding = *f;
                more = tree.simplify();
            }
            _ => more = tree.complicate(),
        }
    }
    // The best scenario was judged to build this case; it cannot fail now.
    let case = best
        .to_case(&id, &[spec.capabilities.profile])
        .unwrap_or_else(|_| Case {
            id: id.clone(),
            note: String::new(),
            cites: Vec::new(),
            profiles: vec![spec.capabilities.profile],
            requires: Vec::new(),
            start: best.start,
            steps: Vec::new(),
            location: crate::vectors::Location {
                file: "<generated>".into(),
                line: 1,
                column: 1,
            },
        });
    Shrunk {
        original_size,
        scenario: best,
        case,
        finding: best_finding,
        steps,
    }
}
