//! Every vector under every applicable profile, one libtest trial each:
//! `<id>@<profile>` for scenarios, `<id>` for date and txt cases.
//!
//! Filter as with any libtest binary:
//! `cargo test -p cookiecheck --test vectors -- domain/` (substring), or
//! `-- 'storage/replace/same-key-replaces-value@netscape' --exact`.
//! A file that fails to load becomes one failing trial `<area>/<topic>@load`
//! listing every error, so the binary fails while the other files still run.

use cookiecheck::play::{play_case, play_date, play_txt};
use cookiecheck::report::{
    case_failure_message, date_failure_message, trial_name, txt_failure_message,
};
use cookiecheck::vectors::{bundled_vectors_dir, load_tree, LoadError, VectorFile};
use libtest_mimic::{Arguments, Failed, Trial};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

fn main() {
    let args = Arguments::from_args();
    let root = bundled_vectors_dir();
    let tree = load_tree(&root);
    let files = tree.files.len();
    let cases: usize = tree.files.iter().map(VectorFile::len).sum();
    let mut trials = Vec::new();
    for file in tree.files {
        add_trials(Arc::new(file), &mut trials);
    }
    println!(
        "loaded {cases} cases from {files} files under {}: {} trials",
        root.display(),
        trials.len()
    );
    if !tree.errors.is_empty() {
        let failing = load_error_trials(&root, &tree.errors);
        println!(
            "{} loading error(s) in {} file(s), each file a failing `<area>/<topic>@load` trial:",
            tree.errors.len(),
            failing.len()
        );
        for e in &tree.errors {
            println!("  {e}");
        }
        trials.extend(failing);
    }
    libtest_mimic::run(&args, trials).exit();
}

fn add_trials(file: Arc<VectorFile>, trials: &mut Vec<Trial>) {
    for (i, case) in file.cases.iter().enumerate() {
        for &profile in &case.profiles {
            let file = Arc::clone(&file);
            let name = trial_name(&case.id, Some(profile));
            trials.push(Trial::test(name, move || {
                let case = &file.cases[i];
                let result = play_case(case, profile);
                verdict(case_failure_message(case, &result))
            }));
        }
    }
    for (i, case) in file.dates.iter().enumerate() {
        let file = Arc::clone(&file);
        trials.push(Trial::test(trial_name(&case.id, None), move || {
            let case = &file.dates[i];
            verdict(date_failure_message(case, &play_date(case)))
        }));
    }
    for (i, case) in file.txts.iter().enumerate() {
        let file = Arc::clone(&file);
        trials.push(Trial::test(trial_name(&case.id, None), move || {
            let case = &file.txts[i];
            verdict(txt_failure_message(case, &play_txt(case)))
        }));
    }
}

/// An empty message is a pass.
fn verdict(message: String) -> Result<(), Failed> {
    if message.is_empty() {
        Ok(())
    } else {
        Err(message.into())
    }
}

/// One failing trial per file with loading errors, named after the ids the
/// file would have given (`<area>/<topic>@load`), so id filters find it.
fn load_error_trials(root: &Path, errors: &[LoadError]) -> Vec<Trial> {
    let mut by_file: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for e in errors {
        let file = &e.location().file;
        let rel = file.strip_prefix(root).unwrap_or(file);
        let key = rel.with_extension("").display().to_string();
        by_file.entry(key).or_default().push(e.to_string());
    }
    by_file
        .into_iter()
        .map(|(file, errors)| {
            Trial::test(format!("{file}@load"), move || {
                let mut message = format!("{} loading error(s):\n", errors.len());
                for e in &errors {
                    message.push_str(&format!("  {e}\n"));
                }
                message.push_str("fix the vector file; see vectors/README.md for the format\n");
                Err(message.into())
            })
        })
        .collect()
}
