//! The one subject `explore` and `minimize` work on: a bundled subject by
//! name, or any protocol shim by its command.

use crate::run::subjects;
use crate::shim_arg::ShimArg;
use crate::subject_file::Override;
use anyhow::{bail, Result};
use clap::Args;
use cookiecheck::run::SubjectSpec;
use std::path::Path;

/// `--subject NAME` or `--shim 'CMD ARGS...'`: at most one (clap refuses
/// both), and [`OneSubject::spec`] refuses neither.
#[derive(Debug, Args)]
#[group(required = false, multiple = false)]
pub struct OneSubject {
    /// A bundled subject (`cookiecheck run` lists them).
    #[arg(long, value_name = "NAME")]
    pub subject: Option<String>,
    /// Any program that speaks the process protocol (docs/protocol.md),
    /// started in the current directory and named by its `hello`; its
    /// expected-failure file: `--expected NAME=FILE`, else
    /// `subjects/NAME.toml` when NAME is a bundled subject.
    #[arg(long, value_name = "'CMD ARGS...'", value_parser = crate::shim_arg::parse_shim)]
    pub shim: Option<ShimArg>,
}

impl OneSubject {
    /// Starts the subject and loads the file it is judged by.
    pub fn spec(&self, root: &Path, overrides: &[Override]) -> Result<SubjectSpec> {
        let (names, shims) = match (&self.subject, &self.shim) {
            (Some(name), _) => (vec![name.clone()], Vec::new()),
            (None, Some(shim)) => (Vec::new(), vec![shim.clone()]),
            (None, None) => bail!("no subject: give --subject NAME or --shim 'CMD ARGS...'"),
        };
        let (specs, _) = subjects(root, &names, &shims, overrides)?;
        match specs.into_iter().next() {
            Some(spec) => Ok(spec),
            None => bail!("the subject is not available"),
        }
    }

    /// The flag that names this subject again in a printed command line.
    pub fn flag(&self) -> String {
        match (&self.subject, &self.shim) {
            (Some(name), _) => format!("--subject {name}"),
            (None, Some(shim)) => format!("--shim {}", quoted(&shim.text)),
            (None, None) => String::new(),
        }
    }
}

/// `text` as one POSIX shell word.
fn quoted(text: &str) -> String {
    shlex::try_quote(text).map_or_else(|_| format!("'{text}'"), |q| q.into_owned())
}
