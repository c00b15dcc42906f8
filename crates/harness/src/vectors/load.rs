//! Loading vector files: one file from its text, or a whole tree.

use super::convert;
use super::error::{LoadError, Location};
use super::raw::RawFile;
use super::types::VectorFile;
use super::values::Cx;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

/// The bundled vectors, built into the library (`crates/harness/vectors`
/// is the repository's `vectors/`).
static BUILT_IN: include_dir::Dir<'static> =
    include_dir::include_dir!("$CARGO_MANIFEST_DIR/vectors");

/// The bundled `vectors/` folder: the crate's source copy when it is on
/// disk (in a checkout, the repository's `vectors/`), else the copy built
/// into the library, unpacked ([`crate::bundled`]). Never found from the
/// working directory.
pub fn bundled_vectors_dir() -> PathBuf {
    let source = normalize(&Path::new(env!("CARGO_MANIFEST_DIR")).join("vectors"));
    crate::bundled::folder(&source, &BUILT_IN, "vectors")
}

/// Removes `.` and `a/..` components without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir if out.file_name().is_some() => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Loads one vector file and reports its first error.
///
/// `path_for_ids` is the file's path relative to the vector root
/// (`<area>/<topic>.toml`): it gives the ids and is the file named in
/// errors. See [`load_file_all`] for every error of the file.
pub fn load_file(path_for_ids: &Path, text: &str) -> Result<VectorFile, LoadError> {
    load_file_all(path_for_ids, text).map_err(|mut errors| errors.swap_remove(0))
}

/// Loads one vector file and reports every error found in it (TOML syntax
/// and type errors stop the file at the first one; semantic errors, such as
/// bad URLs, names, citations and duplicate ids within the file, are all
/// listed). The error list is never empty.
pub fn load_file_all(path_for_ids: &Path, text: &str) -> Result<VectorFile, Vec<LoadError>> {
    load_named(path_for_ids, path_for_ids, text)
}

/// Loads a file whose ids come from `rel` and whose errors name `shown`.
fn load_named(shown: &Path, rel: &Path, text: &str) -> Result<VectorFile, Vec<LoadError>> {
    let Some((area, topic)) = convert::area_topic(rel) else {
        let at = Location::file_start(shown);
        let path = rel.display().to_string();
        return Err(vec![LoadError::BadPath { at, path }]);
    };
    let table = toml::de::DeTable::parse(text).map_err(|e| {
        vec![LoadError::Syntax {
            at: Location::at_span(shown, text, e.span()),
            message: e.message().trim().to_string(),
        }]
    })?;
    let raw = RawFile::deserialize(toml::de::Deserializer::from(table))
        .map_err(|e| vec![LoadError::from_toml(shown, text, &e)])?;
    let mut cx = Cx {
        file: shown,
        text,
        errors: Vec::new(),
    };
    let file = convert::file(&mut cx, &raw, &area, &topic);
    let mut errors = cx.errors;
    let mut ids = HashMap::new();
    errors.extend(duplicates(&mut ids, std::slice::from_ref(&file)));
    if errors.is_empty() {
        Ok(file)
    } else {
        errors.sort_by(|a, b| a.location().cmp(b.location()));
        Err(errors)
    }
}

/// The id and location of every case of `files`, in order.
fn ids(files: &[VectorFile]) -> impl Iterator<Item = (&str, &Location)> {
    files.iter().flat_map(|f| {
        let cases = f.cases.iter().map(|c| (c.id.as_str(), &c.location));
        let dates = f.dates.iter().map(|d| (d.id.as_str(), &d.location));
        let txts = f.txts.iter().map(|t| (t.id.as_str(), &t.location));
        cases.chain(dates).chain(txts)
    })
}

/// `DuplicateId` for every id of `files` already in `seen` (which then holds them all).
fn duplicates(seen: &mut HashMap<String, Location>, files: &[VectorFile]) -> Vec<LoadError> {
    let mut errors = Vec::new();
    for (id, at) in ids(files) {
        match seen.get(id) {
            Some(first) => errors.push(LoadError::DuplicateId {
                at: at.clone(),
                id: id.to_string(),
                first: first.clone(),
            }),
            None => {
                seen.insert(id.to_string(), at.clone());
            }
        }
    }
    errors
}

/// The result of loading a tree file by file: what loaded, and what did not.
#[derive(Debug, Default)]
pub struct LoadedTree {
    /// The files that loaded without error, in path order.
    pub files: Vec<VectorFile>,
    /// Every error, grouped by file in path order. A file with an error is
    /// not in `files`; an id defined twice across files keeps its first file.
    pub errors: Vec<LoadError>,
}

/// Loads every `*.toml` below `root`, reporting what loaded and what did not.
pub fn load_tree(root: &Path) -> LoadedTree {
    let mut tree = LoadedTree::default();
    let mut paths = Vec::new();
    if let Err(e) = find_toml(root, &mut paths) {
        tree.errors.push(e);
    }
    paths.sort();
    let mut seen = HashMap::new();
    for path in paths {
        let rel = path.strip_prefix(root).unwrap_or(&path);
        let loaded = match std::fs::read_to_string(&path) {
            Ok(text) => load_named(&path, rel, &text),
            Err(e) => Err(vec![LoadError::Io {
                at: Location::file_start(&path),
                message: e.to_string(),
            }]),
        };
        match loaded {
            Ok(file) => {
                let dups = duplicates(&mut seen, std::slice::from_ref(&file));
                if dups.is_empty() {
                    tree.files.push(file);
                } else {
                    tree.errors.extend(dups);
                }
            }
            Err(errors) => tree.errors.extend(errors),
        }
    }
    tree
}

/// Loads every `*.toml` below `root`: all files, or every error of every file.
pub fn load_dir(root: &Path) -> Result<Vec<VectorFile>, Vec<LoadError>> {
    let tree = load_tree(root);
    if tree.errors.is_empty() {
        Ok(tree.files)
    } else {
        Err(tree.errors)
    }
}

/// Collects the `*.toml` files below `dir`.
fn find_toml(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), LoadError> {
    let io = |e: std::io::Error| LoadError::Io {
        at: Location::file_start(dir),
        message: e.to_string(),
    };
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        if path.is_dir() {
            find_toml(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "toml") {
            out.push(path);
        }
    }
    Ok(())
}
