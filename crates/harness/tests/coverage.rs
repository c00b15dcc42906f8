//! The generator's rule coverage (`cookiecheck coverage`): the rules a case
//! reaches, whether a variant changes a case, and a small campaign's report.

use cookiecheck::diagnose::changes;
use cookiecheck::explore::coverage::{beyond_the_generator, coverage, rules_reached};
use cookiecheck::scenario::ScenarioConfig;
use cookiecheck::subject::Capabilities;
use cookiecheck::vectors::{bundled_vectors_dir, load_tree, Case, VectorFile};
use cookiecheck_model::{ProfileId, Variant, Variants};

fn files() -> Vec<VectorFile> {
    let tree = load_tree(&bundled_vectors_dir());
    assert!(tree.errors.is_empty(), "vectors load: {:?}", tree.errors);
    tree.files
}

fn case(files: &[VectorFile], id: &str) -> Case {
    files
        .iter()
        .flat_map(|f| f.cases.iter())
        .find(|c| c.id == id)
        .cloned()
        .unwrap_or_else(|| panic!("no bundled case {id}"))
}

#[test]
fn a_case_reaches_the_rules_the_model_names_on_it() {
    let files = files();
    // "a=1; Secure" from https, then a ws request: stored, then withheld.
    let c = case(&files, "secure/attribute/secure-not-sent-on-ws");
    let reached = rules_reached(&c, ProfileId::Rfc6265);
    assert!(reached.contains("stored"), "{reached:?}");
    assert!(reached.contains("secure-only"), "{reached:?}");
    assert!(!reached.contains("path-no-match"), "{reached:?}");
}

#[test]
fn a_variant_changes_its_witness_and_not_an_unrelated_case() {
    let files = files();
    let caps = Capabilities::full(ProfileId::Rfc6265);
    let wss = case(&files, "secure/attribute/secure-sent-on-wss");
    assert!(changes(
        &wss,
        &caps,
        Variants::NONE.with(Variant::WssNotSecure)
    ));
    assert!(!changes(
        &wss,
        &caps,
        Variants::NONE.with(Variant::StoreOrder)
    ));
}

#[test]
fn a_small_campaign_reports_what_it_missed() {
    let files = files();
    let caps = Capabilities::full(ProfileId::Rfc6265bis);
    let config = ScenarioConfig::for_capabilities(&caps);
    let c = coverage(&config, &caps, 3, 20, &files);
    assert_eq!(c.cases, 20);
    assert!(c.rules.contains_key("stored"), "{:?}", c.rules);
    // Twenty cases cannot reach every variant: the gaps are named.
    assert!(!c.is_complete());
    assert!(!c.unreached_variants.is_empty());
    for v in &c.unreached_variants {
        assert!(!c.variants.contains_key(v));
    }
    for code in &c.beyond {
        assert!(beyond_the_generator(code).is_some());
    }
    assert!(c
        .unreached_rules
        .iter()
        .all(|r| beyond_the_generator(r).is_none()));
}
