//! The model's explanation attached to a finding: what it decided at every
//! step up to the one that differs, each decision with its rule and citation.

use crate::escape::quoted_short;
use crate::play::describe;
use crate::play::{CaseResult, StepRecord};
use crate::vectors::{Case, Step};

/// One line per decision of the model, up to and including step `upto`.
pub(super) fn lines(case: &Case, record: &CaseResult, upto: Option<usize>) -> Vec<String> {
    let profile = record.profile;
    let last = upto.unwrap_or(case.steps.len().saturating_sub(1));
    let mut out = Vec::new();
    for (i, (step, rec)) in case
        .steps
        .iter()
        .zip(&record.steps)
        .enumerate()
        .take(last + 1)
    {
        let n = i + 1;
        match (step, rec) {
            (Step::Set { lines, .. }, StepRecord::Set(reports)) => {
                for (line, r) in lines.iter().zip(reports) {
                    out.push(format!(
                        "step {n}: {} -> {} ({})",
                        quoted_short(line, 60),
                        r.decision.code(),
                        r.decision.citation(profile)
                    ));
                    for note in &r.notes {
                        out.push(format!(
                            "        note {}: {} ({})",
                            note.attribute,
                            note.rule.summary(),
                            note.rule.citation(profile)
                        ));
                    }
                    for e in &r.evicted {
                        out.push(format!(
                            "        evicted {}: {} ({})",
                            describe::pair(&e.cookie.name, &e.cookie.value),
                            e.rule.code(),
                            e.rule.citation(profile)
                        ));
                    }
                }
            }
            (Step::Get { .. }, StepRecord::Get(r)) => {
                out.push(format!(
                    "step {n}: sends {}",
                    describe::header(r.header_bytes())
                ));
                for w in &r.withheld {
                    out.push(format!(
                        "        withholds {}: {} ({})",
                        describe::pair(&w.cookie.name, &w.cookie.value),
                        w.rule.code(),
                        w.rule.citation(profile)
                    ));
                }
            }
            (_, StepRecord::Advance { evicted, .. } | StepRecord::EndSession(evicted)) => {
                for e in evicted {
                    out.push(format!(
                        "step {n}: evicted {}: {} ({})",
                        describe::pair(&e.cookie.name, &e.cookie.value),
                        e.rule.code(),
                        e.rule.citation(profile)
                    ));
                }
            }
            (Step::Store(_), StepRecord::Store { cookies, .. }) => {
                out.push(format!(
                    "step {n}: the model stores {} cookie(s)",
                    cookies.len()
                ));
                for c in cookies {
                    out.push(format!("        {}", describe::cookie(c)));
                }
            }
            _ => {}
        }
    }
    out
}
