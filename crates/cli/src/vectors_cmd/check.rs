//! `cookiecheck vectors check`: load vector files and report every error.

use anyhow::Result;
use clap::Args;
use cookiecheck::vectors::{bundled_vectors_dir, load_file_all, load_tree, LoadError, VectorFile};
use std::path::{Path, PathBuf};

/// Arguments of `cookiecheck vectors check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Vector files (`<area>/<topic>.toml`: the ids come from the last two
    /// parts of the path) or folders of them. Default: the bundled tree.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

/// The ids' path of a file outside a tree: its folder and its name.
fn id_path(path: &Path) -> PathBuf {
    let name = path.file_name().map(PathBuf::from).unwrap_or_default();
    match path.parent().and_then(Path::file_name) {
        Some(area) => Path::new(area).join(name),
        None => name,
    }
}

/// Loads one path: a folder as a tree, a file alone; the errors as printed.
fn load(path: &Path) -> (Vec<VectorFile>, Vec<String>) {
    if path.is_dir() {
        let tree = load_tree(path);
        return (
            tree.files,
            tree.errors.iter().map(ToString::to_string).collect(),
        );
    }
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => return (Vec::new(), vec![format!("{}: {e}", path.display())]),
    };
    // The ids come from `<area>/<topic>.toml`, which the loader also names
    // in its errors: print the path as given instead.
    let rel = id_path(path);
    match load_file_all(&rel, &text) {
        Ok(file) => (vec![file], Vec::new()),
        Err(errors) => {
            let (rel, shown) = (rel.display().to_string(), path.display().to_string());
            let errors = errors
                .iter()
                .map(|e: &LoadError| {
                    e.to_string()
                        .replace(&format!("{rel}:"), &format!("{shown}:"))
                })
                .collect();
            (Vec::new(), errors)
        }
    }
}

/// Prints every error (exit 2) or a summary (exit 0).
pub fn check(args: &CheckArgs) -> Result<u8> {
    let paths = if args.paths.is_empty() {
        vec![bundled_vectors_dir()]
    } else {
        args.paths.clone()
    };
    let (mut files, mut cases, mut errors) = (0, 0, 0);
    for path in &paths {
        let (loaded, errs) = load(path);
        files += loaded.len();
        cases += loaded.iter().map(VectorFile::len).sum::<usize>();
        for e in &errs {
            eprintln!("error: {e}");
        }
        errors += errs.len();
    }
    if errors > 0 {
        eprintln!("{errors} error(s); {files} file(s) loaded with {cases} case(s)");
        return Ok(2);
    }
    println!("ok: {files} file(s), {cases} case(s)");
    Ok(0)
}
