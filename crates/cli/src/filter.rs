//! The filter options shared by `run`, `vectors list` and `explain --case`
//! (the logic is `cookiecheck::select`).

use anyhow::{bail, Result};
use clap::Args;
use cookiecheck::select::Selection;
use cookiecheck::vectors::{bundled_vectors_dir, load_tree, Case, VectorFile};
use cookiecheck_model::ProfileId;
use std::fmt::Write as _;
use std::path::Path;

/// `--area`, `--section`, `--profile`, `--skip`.
#[derive(Debug, Args, Default, Clone)]
pub struct FilterArgs {
    /// Only cases of this area (`domain`) or area/topic (`domain/ip`); repeatable.
    #[arg(long = "area", value_name = "AREA")]
    pub areas: Vec<String>,
    /// Only cases citing this section, a subsection or one of its steps:
    /// `rfc6265bis:5.7` (also 5.7.1, 5.7/3), `rfc6265bis:5.7/3` (that step),
    /// `seed` (any seed document); repeatable.
    #[arg(long = "section", value_name = "SOURCE:SECTION[/STEP]")]
    pub sections: Vec<String>,
    /// Only cases that apply to this profile (rfc6265, rfc6265bis,
    /// netscape); repeatable.
    #[arg(long = "profile", value_name = "PROFILE")]
    pub profiles: Vec<ProfileId>,
    /// Leave out cases matching this id filter (id, prefix or glob) or this
    /// section (`rfc6265:5.2`, `seed`); repeatable.
    #[arg(long = "skip", value_name = "FILTER|SECTION")]
    pub skip: Vec<String>,
}

impl FilterArgs {
    /// The selection these options and the id filters `ids` make.
    pub fn selection(&self, ids: &[String]) -> Result<Selection> {
        Ok(Selection::parse(
            ids,
            &self.areas,
            &self.sections,
            &self.profiles,
            &self.skip,
        )?)
    }
}

/// Every file of the bundled tree, or every load error as one error.
pub fn bundled_files() -> Result<Vec<VectorFile>> {
    load_files(&bundled_vectors_dir())
}

/// Every file below `dir`, or every load error as one error.
pub fn load_files(dir: &Path) -> Result<Vec<VectorFile>> {
    let tree = load_tree(dir);
    if !tree.errors.is_empty() {
        let mut msg = String::new();
        for e in &tree.errors {
            let _ = writeln!(msg, "{e}");
        }
        bail!("the vectors do not load:\n{msg}");
    }
    Ok(tree.files)
}

/// The scenario cases of `files` that `selection` selects; an error when none does.
pub fn selected_cases(files: Vec<VectorFile>, selection: &Selection) -> Result<Vec<Case>> {
    let cases: Vec<Case> = files
        .into_iter()
        .flat_map(|f| f.cases)
        .filter(|c| selection.selects(c))
        .collect();
    if cases.is_empty() {
        bail!("no case matches {}", selection.describe());
    }
    Ok(cases)
}
