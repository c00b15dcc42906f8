//! The fingerprint table: how each subject reads each contested rule, as
//! rule variants × subjects, with the number of cases each variant
//! accounts for (from the diagnosis of every differing case).

use cookiecheck::differ::Outcome;
use cookiecheck::run::SubjectRun;
use cookiecheck_model::Variant;
use std::collections::BTreeMap;

/// One cell: the variant on one subject.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cell {
    /// The subject declares the variant.
    pub declared: bool,
    /// Cases whose diagnosed cause includes the variant.
    pub cases: usize,
}

impl Cell {
    /// `D 12` (declared, 12 cases), `! 3` (undeclared, 3 cases), `D 0`, or `.`.
    pub fn text(&self) -> String {
        match (self.declared, self.cases) {
            (false, 0) => ".".into(),
            (true, n) => format!("D {n}"),
            (false, n) => format!("! {n}"),
        }
    }
}

/// The rows: every variant that some subject declares or that explains
/// some case, in catalogue order, with one cell per run.
pub fn table(runs: &[SubjectRun]) -> Vec<(Variant, Vec<Cell>)> {
    let mut rows: BTreeMap<Variant, Vec<Cell>> = BTreeMap::new();
    for (i, r) in runs.iter().enumerate() {
        let declared = r.declared;
        for v in declared.iter() {
            rows.entry(v)
                .or_insert_with(|| vec![Cell::default(); runs.len()])[i]
                .declared = true;
        }
        for o in &r.outcomes {
            let Outcome::Fail(f) = &o.outcome else {
                continue;
            };
            let Some(set) = f.cause.primary() else {
                continue;
            };
            for v in set.iter() {
                let row = rows
                    .entry(v)
                    .or_insert_with(|| vec![Cell::default(); runs.len()]);
                row[i].cases += 1;
                row[i].declared |= declared.has(v);
            }
        }
    }
    rows.into_iter().collect()
}
