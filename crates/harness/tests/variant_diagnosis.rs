//! The diagnosis cannot pass by accident: for every variant v of the
//! catalogue, a toy jar built as "the model with v on" is diagnosed as
//! exactly {v} over the bundled vectors (every case it fails is explained
//! by v, and the cover of the run is {v}); the same for a sample of pairs;
//! and a short exploration campaign on a sample of toys finds no cause but
//! the toy's own.

#[allow(dead_code)] // the toys module is shared with toy_subjects.rs, which uses all of it
mod toys;

use cookiecheck::diagnose::{summarise, Cause};
use cookiecheck::differ::{diff_case, Outcome};
use cookiecheck::expected::ExpectedFailures;
use cookiecheck::explore::{explore, ExploreConfig, Progress};
use cookiecheck::run::SubjectSpec;
use cookiecheck::subject::{Subject, SubjectFactory};
use cookiecheck::vectors::{bundled_vectors_dir, load_tree, Case};
use cookiecheck_model::{ProfileId, Variant, Variants};
use rayon::prelude::*;
use std::sync::Arc;
use std::time::Duration;
use toys::Toy;

fn bundled() -> Vec<Case> {
    let tree = load_tree(&bundled_vectors_dir());
    assert!(tree.errors.is_empty(), "{:?}", tree.errors);
    tree.files.into_iter().flat_map(|f| f.cases).collect()
}

/// The causes of every case the toy `base + set` fails, by case id.
fn run_toy(cases: &[Case], base: ProfileId, set: Variants) -> Vec<(String, Cause)> {
    let mut toy = Toy::with_variants(base, set);
    let caps = toy.capabilities();
    cases
        .iter()
        .filter_map(|case| match diff_case(case, &mut toy, &caps) {
            Outcome::Fail(f) => Some((case.id.clone(), f.cause)),
            _ => None,
        })
        .collect()
}

/// What is wrong with the diagnosis of the toy `base + set`, if anything.
fn problem(cases: &[Case], base: ProfileId, set: Variants) -> Option<String> {
    let failed = run_toy(cases, base, set);
    if failed.is_empty() {
        return Some("no vector fails (no witness)".into());
    }
    let unexplained: Vec<&str> = failed
        .iter()
        .filter(|(_, c)| match c {
            Cause::Variants(sets) => !sets.iter().any(|s| s.is_subset(set)),
            _ => true,
        })
        .map(|(id, _)| id.as_str())
        .collect();
    if !unexplained.is_empty() {
        let shown: Vec<String> = failed
            .iter()
            .filter(|(id, _)| unexplained.contains(&id.as_str()))
            .take(3)
            .map(|(id, c)| format!("{id} -> {c}"))
            .collect();
        return Some(format!(
            "{} of {} failing cases not explained by {set}: {}",
            unexplained.len(),
            failed.len(),
            shown.join(", ")
        ));
    }
    let cover = summarise(failed.iter().map(|(_, c)| c));
    if cover == set {
        return None;
    }
    // The cover took another set that explains every failing case just as
    // well: the vectors do not tell the two apart (a subject's declaration
    // decides between them). Anything else is a wrong diagnosis.
    let ties = failed.iter().all(|(_, c)| match c {
        Cause::Variants(sets) => sets.contains(&cover) || sets.iter().any(|s| s.is_subset(cover)),
        _ => false,
    });
    if ties && set.len() == 1 {
        eprintln!("note: {set} is indistinguishable from {cover} on the vectors it fails");
        return None;
    }
    Some(format!("the run is diagnosed as {cover}, not {set}"))
}

/// For a variant the base's text permits: the toy departs nowhere, and
/// some vector comes out left open.
fn permitted_problem(cases: &[Case], base: ProfileId, v: Variant) -> Option<String> {
    let mut toy = Toy::with_variants(base, Variants::NONE.with(v));
    let caps = toy.capabilities();
    let (mut open, mut failed) = (0, Vec::new());
    for case in cases {
        match diff_case(case, &mut toy, &caps) {
            Outcome::LeftOpen(_) => open += 1,
            Outcome::Fail(f) => failed.push(f.case),
            _ => {}
        }
    }
    if !failed.is_empty() {
        return Some(format!("permitted, yet departs on {failed:?}"));
    }
    (open == 0).then(|| "permitted, but no vector comes out left open".to_string())
}

#[test]
fn every_variant_alone_is_diagnosed_as_itself_over_the_vectors() {
    let cases = bundled();
    let problems: Vec<String> = Variant::ALL
        .par_iter()
        .filter_map(|&v| {
            let base = v.info().bases[0];
            let found = if v.permitted_under(base) {
                permitted_problem(&cases, base, v)
            } else {
                problem(&cases, base, Variants::NONE.with(v))
            };
            found.map(|p| format!("{v} ({base}): {p}"))
        })
        .collect();
    assert!(
        problems.is_empty(),
        "{} of {} variants:\n{}",
        problems.len(),
        Variant::ALL.len(),
        problems.join("\n")
    );
}

/// Pairs from different steps, so that each shows on its own vectors.
const PAIRS: [(Variant, Variant); 5] = [
    (Variant::StoreOrder, Variant::NoLifetimeCap),
    (Variant::WssNotSecure, Variant::PathPrefixMatch),
    (Variant::NoLifetimeCap, Variant::SecureFromInsecureAllowed),
    (
        Variant::HostOnlyToSubdomains,
        Variant::AttributeLengthUnlimited,
    ),
    (
        Variant::RequestPathPercentDecoded,
        Variant::ExpiredAtExpiryTime,
    ),
];

#[test]
fn a_sample_of_pairs_is_diagnosed_as_the_pair() {
    let cases = bundled();
    let problems: Vec<String> = PAIRS
        .par_iter()
        .filter_map(|&(a, b)| {
            let base = *a
                .info()
                .bases
                .iter()
                .find(|p| b.applies_to(**p))
                .expect("the sample pairs share a base");
            let set = Variants::NONE.with(a).with(b);
            problem(&cases, base, set).map(|p| format!("{set} ({base}): {p}"))
        })
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

fn toy_spec(base: ProfileId, set: Variants) -> SubjectSpec {
    let f: SubjectFactory =
        Arc::new(move || Box::new(Toy::with_variants(base, set)) as Box<dyn Subject>);
    SubjectSpec {
        name: format!("toy-{set}"),
        capabilities: f().capabilities(),
        factory: f,
        case_limit: Duration::from_secs(5),
        expected: ExpectedFailures::default(),
    }
}

/// Variants whose steps generated scenarios reach often.
const EXPLORED: [Variant; 6] = [
    Variant::StoreOrder,
    Variant::PathPrefixMatch,
    Variant::HostOnlyToSubdomains,
    Variant::NoLifetimeCap,
    Variant::SecureFromInsecureAllowed,
    Variant::WssNotSecure,
];

#[test]
fn a_campaign_on_a_toy_finds_only_the_toy_s_variant() {
    for v in EXPLORED {
        let base = v.info().bases[0];
        let spec = toy_spec(base, Variants::NONE.with(v));
        let mut config = ExploreConfig::new(&spec, 11, 300);
        config.shrink_limit = 50;
        let report = explore(&spec, &config, &Progress::default());
        let causes: Vec<&str> = report
            .distinct
            .iter()
            .map(|d| d.key.code.as_str())
            .collect();
        assert!(
            report.failing > 0,
            "{v}: 300 scenarios never reach the variant"
        );
        assert!(
            causes.iter().all(|c| *c == v.id()),
            "{v}: causes {causes:?}"
        );
    }
}
