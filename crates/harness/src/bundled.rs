//! The data that travels inside the library and the binary: the vectors
//! (and, for the command line, the subject files), built in at compile
//! time, so that a `cookiecheck` installed with `cargo install` or used as
//! a dependency works from any directory with no checkout beside it.
//!
//! A source tree on disk wins (a checkout, or the crate's own source in
//! cargo's registry): edits to its vectors are seen without a rebuild of
//! anything that reads them. When it is gone, the built-in copy is
//! unpacked once into the system's temporary directory, under a name made
//! of the version and a hash of the contents, and read from there.

use include_dir::Dir;
use std::path::{Path, PathBuf};

/// The environment variable that makes every reader use the built-in copy
/// even when the source tree is present (`COOKIECHECK_BUNDLED=built-in`):
/// how an installed binary runs once its source is gone.
pub const BUNDLED_VAR: &str = "COOKIECHECK_BUNDLED";

/// Whether [`BUNDLED_VAR`] asks for the built-in copy.
pub fn built_in_forced() -> bool {
    std::env::var(BUNDLED_VAR).is_ok_and(|v| v == "built-in")
}

/// `source` when it is a folder (canonical, so paths in messages are the
/// checkout's) and the built-in copy is not forced; else `built_in`
/// unpacked as a folder named `name`.
pub fn folder(source: &Path, built_in: &'static Dir<'static>, name: &str) -> PathBuf {
    if !built_in_forced() && source.is_dir() {
        return source
            .canonicalize()
            .unwrap_or_else(|_| source.to_path_buf());
    }
    match unpack(built_in, name) {
        Ok(path) => path,
        Err(e) => {
            eprintln!("cookiecheck: cannot unpack the built-in {name}: {e}");
            source.to_path_buf()
        }
    }
}

/// Unpacks `dir` as `<tmp>/cookiecheck-<version>-<hash>/<name>` unless it
/// is there already; the folder appears complete or not at all (written
/// beside it, then renamed).
pub fn unpack(dir: &Dir<'_>, name: &str) -> std::io::Result<PathBuf> {
    let base = std::env::temp_dir().join(format!(
        "cookiecheck-{}-{:016x}",
        env!("CARGO_PKG_VERSION"),
        content_hash(dir)
    ));
    let target = base.join(name);
    if target.is_dir() {
        return Ok(target);
    }
    std::fs::create_dir_all(&base)?;
    let staging = base.join(format!(".{name}.{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&staging);
    write_tree(dir, &staging)?;
    match std::fs::rename(&staging, &target) {
        Ok(()) => Ok(target),
        // Another process unpacked the same contents first.
        Err(_) if target.is_dir() => {
            let _ = std::fs::remove_dir_all(&staging);
            Ok(target)
        }
        Err(e) => Err(e),
    }
}

fn write_tree(dir: &Dir<'_>, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for file in dir.files() {
        let path = to.join(relative(file.path(), dir.path()));
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, file.contents())?;
    }
    for sub in dir.dirs() {
        write_tree(sub, &to.join(relative(sub.path(), dir.path())))?;
    }
    Ok(())
}

/// `path` below `parent` (include_dir paths are relative to the root).
fn relative<'a>(path: &'a Path, parent: &Path) -> &'a Path {
    path.strip_prefix(parent).unwrap_or(path)
}

/// A hash of every file's path and contents (std's hasher: stable for one
/// build of the binary, which is all a folder name needs).
fn content_hash(dir: &Dir<'_>) -> u64 {
    use std::hash::{Hash, Hasher};
    fn walk(dir: &Dir<'_>, h: &mut std::hash::DefaultHasher) {
        for file in dir.files() {
            file.path().hash(h);
            file.contents().hash(h);
        }
        for sub in dir.dirs() {
            walk(sub, h);
        }
    }
    let mut h = std::hash::DefaultHasher::new();
    walk(dir, &mut h);
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use include_dir::include_dir;

    static SAMPLE: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/src/vectors");

    #[test]
    fn unpacking_gives_every_file_with_its_contents() {
        let path = unpack(&SAMPLE, "sample-sources").expect("unpacks");
        let on_disk = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/vectors");
        let mut count = 0;
        for entry in std::fs::read_dir(&on_disk).expect("src/vectors is listed") {
            let entry = entry.expect("an entry");
            if entry.path().is_file() {
                let name = entry.file_name();
                let unpacked = std::fs::read(path.join(&name)).expect("unpacked file");
                assert_eq!(unpacked, std::fs::read(entry.path()).expect("source file"));
                count += 1;
            }
        }
        assert!(count > 3, "{count} files compared");
        // A second unpack finds the same folder.
        assert_eq!(unpack(&SAMPLE, "sample-sources").expect("again"), path);
    }
}
