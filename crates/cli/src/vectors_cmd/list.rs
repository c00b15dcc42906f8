//! `cookiecheck vectors list`: one line per selected case.

use crate::filter::{bundled_files, load_files, FilterArgs};
use anyhow::{bail, Result};
use clap::Args;
use cookiecheck::select::Selectable;
use cookiecheck::vectors::VectorFile;
use std::path::PathBuf;

/// Arguments of `cookiecheck vectors list`.
#[derive(Debug, Args)]
pub struct ListArgs {
    /// Case filters: an exact id, an id prefix (`domain`, `domain/ip`) or a
    /// glob with `*` and `?`; several select the union.
    #[arg(value_name = "FILTER")]
    pub filters: Vec<String>,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Print only the ids.
    #[arg(long)]
    pub ids: bool,
    /// List the vectors below this folder instead of the bundled ones.
    #[arg(long, value_name = "DIR")]
    pub vectors: Option<PathBuf>,
}

/// One listed case.
struct Row {
    id: String,
    kind: &'static str,
    profiles: String,
    cites: String,
    note: String,
}

fn row(case: &dyn Selectable, kind: &'static str, note: &str) -> Row {
    let profiles = match case.profiles() {
        Some(ps) => ps.iter().map(|p| p.name()).collect::<Vec<_>>().join(","),
        None => "any".to_string(),
    };
    let cites: Vec<String> = case.cites().iter().map(ToString::to_string).collect();
    Row {
        id: case.id().to_string(),
        kind,
        profiles,
        cites: cites.join(","),
        note: note.to_string(),
    }
}

fn rows(files: &[VectorFile], args: &ListArgs) -> Result<Vec<Row>> {
    let selection = args.filter.selection(&args.filters)?;
    let mut out = Vec::new();
    for f in files {
        for c in f.cases.iter().filter(|c| selection.selects(*c)) {
            out.push(row(c, "case", &c.note));
        }
        for d in f.dates.iter().filter(|d| selection.selects(*d)) {
            out.push(row(d, "date", &d.note));
        }
        for t in f.txts.iter().filter(|t| selection.selects(*t)) {
            out.push(row(t, "txt", &t.note));
        }
    }
    if out.is_empty() {
        bail!("no case matches {}", selection.describe());
    }
    Ok(out)
}

/// Prints the list; the count goes to standard error.
pub fn list(args: &ListArgs) -> Result<u8> {
    let files = match &args.vectors {
        Some(dir) => load_files(dir)?,
        None => bundled_files()?,
    };
    let rows = rows(&files, args)?;
    let width = rows.iter().map(|r| r.id.len()).max().unwrap_or(0);
    let mut out = String::new();
    for r in &rows {
        if args.ids {
            out.push_str(&r.id);
        } else {
            out.push_str(&format!(
                "{:<width$}  {:<4}  {:<28}  {}  # {}",
                r.id, r.kind, r.profiles, r.cites, r.note
            ));
        }
        out.push('\n');
    }
    print!("{out}");
    eprintln!("{} case(s)", rows.len());
    Ok(0)
}
