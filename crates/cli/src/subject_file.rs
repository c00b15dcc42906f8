//! Which `subjects/<name>.toml` a subject is judged by: the bundled one, or
//! the file `--expected NAME=FILE` names instead.

use anyhow::{bail, Context, Result};
use cookiecheck::expected::ExpectedFailures;
use std::path::{Path, PathBuf};

/// One `--expected NAME=FILE` argument: judge subject `NAME` by `FILE`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Override {
    /// The subject's name.
    pub subject: String,
    /// Its declaration and expected-failure file.
    pub file: PathBuf,
}

/// Parses `NAME=FILE` (clap's value parser for `--expected`).
pub fn parse_override(arg: &str) -> Result<Override, String> {
    match arg.split_once('=') {
        Some((name, file)) if !name.is_empty() && !file.is_empty() => Ok(Override {
            subject: name.to_string(),
            file: PathBuf::from(file),
        }),
        _ => Err(format!(
            "`{arg}` is not NAME=FILE (say `--expected cookie_store=my-list.toml`; \
             an empty file judges the subject by the base rules alone)"
        )),
    }
}

/// The file subject `name` is judged by: its `--expected` override, or
/// `<root>/subjects/<name>.toml`.
pub fn path_for(root: &Path, name: &str, overrides: &[Override]) -> PathBuf {
    overrides
        .iter()
        .rev()
        .find(|o| o.subject == name)
        .map_or_else(
            || root.join("subjects").join(format!("{name}.toml")),
            |o| o.file.clone(),
        )
}

/// Loads the file subject `name` is judged by. A missing bundled file is
/// an empty list; a missing `--expected` file is an error.
pub fn load(root: &Path, name: &str, overrides: &[Override]) -> Result<ExpectedFailures> {
    let path = path_for(root, name, overrides);
    let overridden = overrides.iter().any(|o| o.subject == name);
    if overridden && !path.is_file() {
        bail!(
            "--expected {name}={}: no such file (an empty file judges `{name}` by the base rules alone)",
            path.display()
        );
    }
    let mut file =
        ExpectedFailures::load(&path).with_context(|| format!("the subject file of `{name}`"))?;
    // Reports name the bundled file by its place in the project.
    if !overridden {
        file.source = Some(format!("subjects/{name}.toml"));
    }
    Ok(file)
}

/// Every override names a subject that runs (a typo would silently judge
/// the real subject by its bundled file).
pub fn check_names(overrides: &[Override], running: &[String]) -> Result<()> {
    for o in overrides {
        if !running.contains(&o.subject) {
            bail!(
                "--expected {}={}: `{}` is not among the subjects that run ({})",
                o.subject,
                o.file.display(),
                o.subject,
                running.join(", ")
            );
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_equals_file() {
        let o = parse_override("cookie_store=lists/mine.toml").expect("parses");
        assert_eq!(o.subject, "cookie_store");
        assert_eq!(o.file, PathBuf::from("lists/mine.toml"));
        for bad in ["cookie_store", "=x.toml", "cookie_store=", ""] {
            assert!(parse_override(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_last_override_wins_and_others_keep_the_bundled_file() {
        let os = [
            parse_override("a=one.toml").expect("parses"),
            parse_override("a=two.toml").expect("parses"),
        ];
        let root = Path::new("/r");
        assert_eq!(path_for(root, "a", &os), PathBuf::from("two.toml"));
        assert_eq!(
            path_for(root, "b", &os),
            PathBuf::from("/r/subjects/b.toml")
        );
        assert!(check_names(&os, &["b".into()]).is_err());
        assert!(check_names(&os, &["a".into(), "b".into()]).is_ok());
    }
}
