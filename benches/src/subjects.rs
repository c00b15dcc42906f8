//! The bundled cases and the in-process subjects, as `cookiecheck run`
//! builds them (with their `subjects/<name>.toml` files).

use cookiecheck::expected::ExpectedFailures;
use cookiecheck::run::SubjectSpec;
use cookiecheck::vectors::{bundled_vectors_dir, load_tree, Case};
use std::sync::Arc;

/// In-process subjects that drive a browser: left out of the benchmarks
/// (one suite on Chromium takes about a minute and says nothing about the
/// harness).
pub const BROWSERS: [&str; 1] = ["chromium"];

/// Every bundled case. Panics when a vector file does not load (the
/// benchmarks measure a suite that loads).
pub fn bundled_cases() -> Vec<Arc<Case>> {
    let tree = load_tree(&bundled_vectors_dir());
    assert!(
        tree.errors.is_empty(),
        "the vectors load: {:?}",
        tree.errors
    );
    tree.files
        .into_iter()
        .flat_map(|f| f.cases)
        .map(Arc::new)
        .collect()
}

/// The in-process subjects but the browsers, each with its subject file.
pub fn in_process_specs() -> Vec<SubjectSpec> {
    let root = bundled_vectors_dir()
        .parent()
        .expect("vectors/ has a parent")
        .to_path_buf();
    cookiecheck_adapters::in_process()
        .into_iter()
        .filter(|o| !BROWSERS.contains(&o.name))
        .map(|o| {
            let path = root.join("subjects").join(format!("{}.toml", o.name));
            SubjectSpec {
                name: o.name.to_string(),
                capabilities: (o.factory)().capabilities(),
                factory: o.factory,
                case_limit: o.case_limit,
                expected: ExpectedFailures::load(&path)
                    .unwrap_or_else(|e| panic!("{}: {e}", path.display())),
            }
        })
        .collect()
}

/// The in-process subject called `name`.
pub fn spec(name: &str) -> SubjectSpec {
    in_process_specs()
        .into_iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("the {name} subject is compiled in"))
}
