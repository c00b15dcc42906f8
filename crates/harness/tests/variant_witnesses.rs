//! Every rule variant of the catalogue is itself tested: its witness is a
//! bundled vector (expectations worked from the spec text) that the model
//! passes under each base profile the variant applies to and fails once the
//! variant is on. A variant that changes nothing on its witness, or a
//! witness that does not exist, fails here.

use cookiecheck::play::play_case_with;
use cookiecheck::vectors::{bundled_vectors_dir, load_tree, Case};
use cookiecheck_model::{Profile, Variant, Variants};
use std::collections::HashMap;

fn bundled_cases() -> HashMap<String, Case> {
    let tree = load_tree(&bundled_vectors_dir());
    assert!(tree.errors.is_empty(), "vectors load: {:?}", tree.errors);
    tree.files
        .into_iter()
        .flat_map(|f| f.cases)
        .map(|c| (c.id.clone(), c))
        .collect()
}

/// Why `v`'s witness does not witness it, or `None` when it does.
fn witness_problem(v: Variant, cases: &HashMap<String, Case>) -> Option<String> {
    let info = v.info();
    if info.witness.is_empty() {
        return Some("no witness named".into());
    }
    let Some(case) = cases.get(info.witness) else {
        return Some(format!("witness `{}` is not a bundled case", info.witness));
    };
    let mut shown = 0;
    for &base in info.bases {
        if !case.applies_to(base) {
            continue;
        }
        let plain = play_case_with(case, &Profile::for_id(base));
        if !plain.passed() {
            return Some(format!("the model fails {} under {base}", info.witness));
        }
        let varied = Profile::for_id(base).with_variants(Variants::NONE.with(v));
        if play_case_with(case, &varied).passed() {
            return Some(format!(
                "{} passes under {base} with the variant on: the variant changes nothing there",
                info.witness
            ));
        }
        shown += 1;
    }
    (shown == 0).then(|| {
        format!(
            "{} applies to none of the variant's bases {:?}",
            info.witness, info.bases
        )
    })
}

#[test]
fn every_variant_changes_the_outcome_of_its_witness() {
    let cases = bundled_cases();
    let problems: Vec<String> = Variant::ALL
        .iter()
        .filter_map(|&v| witness_problem(v, &cases).map(|p| format!("{}: {p}", v.id())))
        .collect();
    assert!(
        problems.is_empty(),
        "{} of {} variants are not witnessed:\n{}",
        problems.len(),
        Variant::ALL.len(),
        problems.join("\n")
    );
}

/// Not a check: prints, per variant, bundled cases that pass under a base
/// and fail with the variant on (candidates for its `witness`).
/// `cargo test -p cookiecheck --test variant_witnesses -- --ignored --nocapture`
#[test]
#[ignore]
fn print_witness_candidates() {
    let cases = bundled_cases();
    let mut ids: Vec<&String> = cases.keys().collect();
    ids.sort();
    for &v in Variant::ALL {
        let found: Vec<&str> = ids
            .iter()
            .filter(|id| {
                let case = &cases[id.as_str()];
                v.info().bases.iter().any(|&base| {
                    case.applies_to(base)
                        && play_case_with(case, &Profile::for_id(base)).passed()
                        && !play_case_with(
                            case,
                            &Profile::for_id(base).with_variants(Variants::NONE.with(v)),
                        )
                        .passed()
                })
            })
            .take(3)
            .map(|id| id.as_str())
            .collect();
        println!("{}: {}", v.id(), found.join(" "));
    }
}
