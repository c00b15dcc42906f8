//! `cookiecheck explain`: what the model does with Set-Cookie lines, or
//! with the steps of bundled cases (`--case`), step by step, under each
//! profile side by side.

use crate::explain_case::explain_cases;
use crate::filter::FilterArgs;
use anyhow::{bail, Context, Result};
use clap::Args;
use cookiecheck_model::{Jar, Profile, ProfileId, RequestContext, RequestUri, Rule, Time};
use std::fmt::Write as _;

/// Arguments of `cookiecheck explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The URL the response came from.
    #[arg(required_unless_present = "cases")]
    pub url: Option<String>,
    /// Set-Cookie field values, in order (without the `Set-Cookie:` name).
    #[arg(required_unless_present = "cases")]
    pub set_cookie: Vec<String>,
    /// The URL whose Cookie header to compute (default: the same URL).
    #[arg(long)]
    pub get: Option<String>,
    /// Explain bundled cases instead: an id, an id prefix or a glob
    /// (repeatable); the filter options below narrow the selection, and
    /// --profile also chooses the profiles shown.
    #[arg(long = "case", value_name = "FILTER", conflicts_with_all = ["url", "set_cookie", "get"])]
    pub cases: Vec<String>,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// The virtual time, seconds since the Unix epoch.
    #[arg(long, default_value_t = 1_704_067_200)]
    pub now: Time,
}

/// Runs the command and returns the text to print.
pub fn explain(args: &ExplainArgs) -> Result<String> {
    if !args.cases.is_empty() {
        return explain_cases(&args.cases, &args.filter);
    }
    let Some(url) = &args.url else {
        bail!("give a URL and Set-Cookie lines, or --case ID");
    };
    let uri = RequestUri::parse(url).with_context(|| format!("bad URL `{url}`"))?;
    let get_text = args.get.as_deref().unwrap_or(url);
    let get = RequestUri::parse(get_text).with_context(|| format!("bad --get URL `{get_text}`"))?;
    let profiles: Vec<ProfileId> = if args.filter.profiles.is_empty() {
        ProfileId::ALL.to_vec()
    } else {
        args.filter.profiles.clone()
    };
    let mut jars: Vec<(ProfileId, Jar)> = profiles
        .iter()
        .map(|&p| (p, Jar::new(Profile::for_id(p))))
        .collect();
    let ctx = RequestContext::default();
    let width = profiles.iter().map(|p| p.name().len()).max().unwrap_or(8) + 2;
    let mut out = String::new();
    for line in &args.set_cookie {
        writeln!(out, "Set-Cookie: {line}\n  from {uri}")?;
        for (p, jar) in &mut jars {
            let report = jar.set_cookie(&uri, line.as_bytes(), &ctx, args.now);
            let verdict = match report.decision {
                Rule::Stored | Rule::Replaced => match &report.cookie {
                    Some(c) => format!("{} {}", report.decision.code(), c),
                    None => report.decision.code().to_string(),
                },
                rule => rule.summary().to_string(),
            };
            writeln!(out, "  {:<width$}{verdict}", p.name())?;
            writeln!(out, "  {:<width$}  ↳ {}", "", report.decision.citation(*p))?;
            for note in &report.notes {
                writeln!(
                    out,
                    "  {:<width$}  note: {} ({}; {})",
                    "",
                    note.attribute,
                    note.rule.summary(),
                    note.rule.citation(*p)
                )?;
            }
            for e in &report.evicted {
                writeln!(
                    out,
                    "  {:<width$}  evicted {}: {} ({})",
                    "",
                    e.cookie,
                    e.rule.summary(),
                    e.rule.citation(*p)
                )?;
            }
        }
    }
    writeln!(out, "Cookie header for {get}")?;
    for (p, jar) in &mut jars {
        let r = jar.cookie_header(&get, &ctx, args.now);
        let header = match &r.header {
            Some(h) => format!("Cookie: {}", String::from_utf8_lossy(h)),
            None => "(no Cookie header)".to_string(),
        };
        writeln!(out, "  {:<width$}{header}", p.name())?;
        if let Some(rule) = r.aborted {
            writeln!(
                out,
                "  {:<width$}  aborted: {} ({})",
                "",
                rule.summary(),
                rule.citation(*p)
            )?;
        }
        for w in &r.withheld {
            writeln!(
                out,
                "  {:<width$}  not sent {}: {} ({})",
                "",
                w.cookie,
                w.rule.summary(),
                w.rule.citation(*p)
            )?;
        }
    }
    Ok(out)
}
