//! The folder the command line reads its bundled subject files
//! (`subjects/<name>.toml`) and shims (`shims/`) from.
//!
//! In a checkout, that is the repository root. Outside one (an installed
//! binary whose source is gone, or `COOKIECHECK_BUNDLED=built-in`), the
//! subject files come from the copy built into the binary, unpacked as
//! [`cookiecheck::bundled`] does for the vectors; there are no shims, so
//! the process subjects are skipped with a notice and `--shim` remains.

use include_dir::Dir;
use std::path::{Path, PathBuf};

/// The bundled subject files (`crates/cli/subjects` is the repository's
/// `subjects/`).
static SUBJECTS: Dir<'static> = include_dir::include_dir!("$CARGO_MANIFEST_DIR/subjects");

/// The repository root when this binary's checkout is on disk, else the
/// parent of the unpacked built-in `subjects/`.
pub fn data_root() -> PathBuf {
    let checkout = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let source = checkout.join("subjects");
    let subjects = cookiecheck::bundled::folder(&source, &SUBJECTS, "subjects");
    subjects
        .parent()
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
}

/// Whether `root` holds the shims (it does in a checkout).
pub fn has_shims(root: &Path) -> bool {
    root.join("shims").is_dir()
}
