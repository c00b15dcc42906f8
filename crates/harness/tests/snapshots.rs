//! The model's verdict on every vector file, under every applicable
//! profile, as insta snapshots: one `tests/snapshots/<area>__<topic>.snap`
//! per file, holding each scenario's decision codes and Cookie headers
//! step by step (profiles with identical verdicts share a block) and each
//! date and txt result.
//!
//! A model change that alters any decision shows up here as a diff, even
//! where the vectors do not state the outcome. Review with
//! `cargo insta review` (or `cargo insta test --review`).

use cookiecheck::report::snapshot;
use cookiecheck::vectors::{bundled_vectors_dir, load_tree};
use std::panic::{catch_unwind, AssertUnwindSafe};

#[test]
fn model_verdicts_on_every_vector_file() {
    let tree = load_tree(&bundled_vectors_dir());
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    // Every file is checked, so one run writes every `.snap.new` to review.
    let mut mismatched = Vec::new();
    for file in &tree.files {
        let name = file.snapshot_name();
        settings.set_description(format!(
            "the model's verdict on vectors/{}/{}.toml",
            file.area, file.topic
        ));
        let checked = catch_unwind(AssertUnwindSafe(|| {
            settings.bind(|| insta::assert_snapshot!(name.clone(), snapshot(file)));
        }));
        if checked.is_err() {
            mismatched.push(name);
        }
    }
    let mut problems = String::new();
    if !mismatched.is_empty() {
        problems.push_str(&format!(
            "{} snapshot(s) differ: {}\nreview with `cargo insta review`\n",
            mismatched.len(),
            mismatched.join(", ")
        ));
    }
    for e in &tree.errors {
        problems.push_str(&format!("not snapshotted, failed to load: {e}\n"));
    }
    assert!(problems.is_empty(), "{problems}");
}
