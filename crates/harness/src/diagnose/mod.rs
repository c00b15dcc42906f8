//! Diagnosis: which rule variants make the model answer as the subject did.
//!
//! A subject that differs from the model on a case is *diagnosed* by
//! replaying the case on the model under rule variants
//! ([`cookiecheck_model::variant`]) and comparing each replay with the
//! subject's transcript. The cause of the finding is the smallest set of
//! variants under which the model gives exactly the subject's answers, or
//! *unexplained* when no set within the search bound does.
//!
//! The search, in order, stopping at the first level that explains:
//!
//! 1. the subject's declared variants as a whole (when it declares any):
//!    then the cause is the smallest declared subset that explains (single
//!    declared variants, then declared pairs, else the declaration without
//!    the members it does not need);
//! 2. every single variant of the catalogue that applies to the profile;
//! 3. pairs of *active* variants (those that alone change the model's
//!    answers on this case), declared ones first, at most [`PAIR_POOL`] of
//!    them;
//! 4. the declaration plus one active variant (again without the members
//!    it does not need).
//!
//! Every set that explains at the winning level is kept: declared sets
//! first, then in catalogue order. The first is the one findings are named
//! and grouped by; the others are printed as "also explained by".

mod observe;

use crate::differ::Transcript;
use crate::subject::Capabilities;
use crate::vectors::Case;
use cookiecheck_model::{Profile, Variant, Variants};
use observe::{Observation, Subjectless};
use std::fmt;

/// The most active variants paired with each other in step 3.
pub const PAIR_POOL: usize = 16;

/// What a diagnosis found.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Cause {
    /// The smallest sets of variants that explain the subject's answers,
    /// the naming one first.
    Variants(Vec<Variants>),
    /// No set within the search bound explains them.
    Unexplained,
    /// Not diagnosed: the subject crashed, hung or answered garbage, or the
    /// model disagrees with the vector.
    NotDiagnosed,
}

impl Cause {
    /// The set the finding is named by.
    pub fn primary(&self) -> Option<Variants> {
        match self {
            Cause::Variants(sets) => sets.first().copied(),
            _ => None,
        }
    }

    /// Whether the naming set is within `declared`.
    pub fn is_declared(&self, declared: Variants) -> bool {
        self.primary().is_some_and(|p| p.is_subset(declared))
    }

    /// Whether some explaining set consists of variants that `profile`'s
    /// text permits (a MAY, or a limit stated as a minimum): then the
    /// subject's answers are a reading the text allows.
    pub fn is_permitted(&self, profile: cookiecheck_model::ProfileId) -> bool {
        match self {
            Cause::Variants(sets) => sets
                .iter()
                .any(|p| !p.is_empty() && p.iter().all(|v| v.permitted_under(profile))),
            _ => false,
        }
    }

    /// The other sets that explain as well.
    pub fn alternatives(&self) -> &[Variants] {
        match self {
            Cause::Variants(sets) if sets.len() > 1 => &sets[1..],
            _ => &[],
        }
    }

    /// `variant:<ids>`, `unexplained` or `not-diagnosed`: the grouping label.
    pub fn label(&self) -> String {
        match self.primary() {
            Some(p) => p.label(),
            None if *self == Cause::Unexplained => "unexplained".into(),
            None => "not-diagnosed".into(),
        }
    }
}

impl fmt::Display for Cause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

/// The variants that account for a whole run: a greedy cover of the
/// diagnosed cases (the set that explains the most cases first, then the
/// set that explains the most of the rest, ...), as one union. Unexplained
/// and undiagnosed causes are left out (count them separately).
pub fn summarise<'c>(causes: impl IntoIterator<Item = &'c Cause>) -> Variants {
    let mut open: Vec<&[Variants]> = causes
        .into_iter()
        .filter_map(|c| match c {
            Cause::Variants(sets) => Some(sets.as_slice()),
            _ => None,
        })
        .collect();
    let mut chosen = Variants::NONE;
    while !open.is_empty() {
        // Candidate sets: every explanation of a case still open.
        let mut best: Option<(usize, Variants)> = None;
        for set in open.iter().flat_map(|sets| sets.iter()) {
            let covers = open.iter().filter(|sets| sets.contains(set)).count();
            if best.is_none_or(|(n, b)| covers > n || (covers == n && *set < b)) {
                best = Some((covers, *set));
            }
        }
        let Some((_, set)) = best else { break };
        chosen = chosen.union(set);
        open.retain(|sets| !sets.contains(&set));
    }
    chosen
}

/// Diagnoses a case on which `transcript` (the subject's answers) differs
/// from the model under `caps.profile`. `declared` are the variants the
/// subject declares; they are tried first and preferred.
pub fn diagnose(
    case: &Case,
    caps: &Capabilities,
    transcript: &Transcript,
    declared: Variants,
) -> Cause {
    let search = Search::new(case, caps, transcript);
    search.run(declared)
}

/// Whether the model under `caps.profile` plus `variants` gives exactly the
/// answers of `transcript` (the order of equal cookies aside).
pub fn explains(
    case: &Case,
    caps: &Capabilities,
    transcript: &Transcript,
    variants: Variants,
) -> bool {
    Search::new(case, caps, transcript).explains(variants)
}

/// Whether the model under `caps.profile` plus `variants` answers `case`
/// differently (observably, as a subject with `caps` would be compared)
/// from the model under the profile alone: the variants' steps are reached
/// and change something.
pub fn changes(case: &Case, caps: &Capabilities, variants: Variants) -> bool {
    let ctx = Subjectless { case, caps };
    let profile = Profile::for_id(caps.profile);
    let base = ctx.observe(&profile);
    let varied = ctx.observe(&profile.with_variants(variants));
    !ctx.same(&base, &varied)
}

struct Search<'a> {
    ctx: Subjectless<'a>,
    transcript: &'a Transcript,
    base: Observation,
}

impl<'a> Search<'a> {
    fn new(case: &'a Case, caps: &'a Capabilities, transcript: &'a Transcript) -> Search<'a> {
        let ctx = Subjectless { case, caps };
        let base = ctx.observe(&Profile::for_id(caps.profile));
        Search {
            ctx,
            transcript,
            base,
        }
    }

    fn rules(&self, variants: Variants) -> Profile {
        Profile::for_id(self.ctx.caps.profile).with_variants(variants)
    }

    fn explains(&self, variants: Variants) -> bool {
        let seen = self.ctx.observe(&self.rules(variants));
        self.ctx.agrees(&seen, self.transcript)
    }

    fn run(&self, declared: Variants) -> Cause {
        let profile = self.ctx.caps.profile;
        let declared = declared_applicable(declared, profile);
        // 1. The declaration as a whole, then its smallest explaining subset.
        if !declared.is_empty() && self.explains(declared) {
            return Cause::Variants(self.smallest_declared(declared));
        }
        // 2. Single variants; remember which change anything on this case.
        let mut explaining = Vec::new();
        let mut active = Vec::new();
        for v in ordered(declared, profile) {
            let one = Variants::NONE.with(v);
            let seen = self.ctx.observe(&self.rules(one));
            if self.ctx.agrees(&seen, self.transcript) {
                explaining.push(one);
            }
            if !self.ctx.same(&seen, &self.base) {
                active.push(v);
            }
        }
        if !explaining.is_empty() {
            return Cause::Variants(explaining);
        }
        // 3. Pairs of active variants.
        active.truncate(PAIR_POOL);
        for (i, &a) in active.iter().enumerate() {
            for &b in &active[i + 1..] {
                let pair = Variants::NONE.with(a).with(b);
                if self.explains(pair) {
                    explaining.push(pair);
                }
            }
        }
        if !explaining.is_empty() {
            return Cause::Variants(explaining);
        }
        // 4. The declaration plus one active variant.
        if !declared.is_empty() {
            for &v in active.iter().filter(|v| !declared.has(**v)) {
                let more = declared.with(v);
                if self.explains(more) {
                    explaining.push(self.reduce(more));
                }
            }
        }
        if explaining.is_empty() {
            Cause::Unexplained
        } else {
            Cause::Variants(explaining)
        }
    }

    /// The smallest subsets of `declared` (which explains) that explain.
    fn smallest_declared(&self, declared: Variants) -> Vec<Variants> {
        let members: Vec<Variant> = declared.iter().collect();
        let singles: Vec<Variants> = members
            .iter()
            .map(|&v| Variants::NONE.with(v))
            .filter(|&s| self.explains(s))
            .collect();
        if !singles.is_empty() || members.len() == 1 {
            return if singles.is_empty() {
                vec![declared]
            } else {
                singles
            };
        }
        let mut pairs = Vec::new();
        if members.len() > 2 {
            for (i, &a) in members.iter().enumerate() {
                for &b in &members[i + 1..] {
                    let pair = Variants::NONE.with(a).with(b);
                    if self.explains(pair) {
                        pairs.push(pair);
                    }
                }
            }
        }
        if pairs.is_empty() {
            vec![self.reduce(declared)]
        } else {
            pairs
        }
    }

    /// `set` (which explains) without the members it does not need: each
    /// member in turn is dropped when the rest still explains. The result
    /// explains and no member can go (irredundant, though not always the
    /// smallest such set).
    fn reduce(&self, set: Variants) -> Variants {
        let mut kept = set;
        for v in set.iter() {
            let without: Variants = kept.iter().filter(|&w| w != v).collect();
            if self.explains(without) {
                kept = without;
            }
        }
        kept
    }
}

/// The declared variants that change anything under `profile`.
fn declared_applicable(declared: Variants, profile: cookiecheck_model::ProfileId) -> Variants {
    declared.iter().filter(|v| v.applies_to(profile)).collect()
}

/// The variants to try for `profile`: declared ones first, then the rest in
/// catalogue order.
fn ordered(declared: Variants, profile: cookiecheck_model::ProfileId) -> Vec<Variant> {
    let applicable = Variant::ALL
        .iter()
        .copied()
        .filter(|v| v.applies_to(profile));
    let (mut first, rest): (Vec<Variant>, Vec<Variant>) =
        applicable.partition(|v| declared.has(*v));
    first.extend(rest);
    first
}
