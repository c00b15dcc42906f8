//! `cookiecheck coverage`: which model rules and rule variants a campaign's
//! generated scenarios reach, played on the model alone with every
//! capability on (the generator's own test: exit 1 when something the
//! bundled vectors reach is never reached).

use crate::filter::bundled_files;
use anyhow::Result;
use clap::Args;
use cookiecheck::explore::coverage::{beyond_the_generator, coverage, Coverage};
use cookiecheck::scenario::ScenarioConfig;
use cookiecheck::subject::Capabilities;
use cookiecheck_model::{ProfileId, Variant};
use std::fmt::Write as _;

/// Arguments of `cookiecheck coverage`.
#[derive(Debug, Args)]
pub struct CoverageArgs {
    /// The profile the model follows (repeatable; default: rfc6265 and rfc6265bis).
    #[arg(long = "profile")]
    pub profiles: Vec<ProfileId>,
    /// How many scenarios per profile.
    #[arg(long, default_value_t = 10_000)]
    pub cases: u64,
    /// The campaign seed.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Also list every rule and variant reached, with counts.
    #[arg(long)]
    pub verbose: bool,
}

/// Runs the command: 0 when every profile's campaign reached everything the
/// vectors reach, 1 otherwise.
pub fn coverage_cmd(args: &CoverageArgs) -> Result<u8> {
    let files = bundled_files()?;
    let profiles = if args.profiles.is_empty() {
        vec![ProfileId::Rfc6265, ProfileId::Rfc6265bis]
    } else {
        args.profiles.clone()
    };
    let mut complete = true;
    for profile in profiles {
        let caps = Capabilities::full(profile);
        let config = ScenarioConfig::for_capabilities(&caps);
        let c = coverage(&config, &caps, args.seed, args.cases, &files);
        complete &= c.is_complete();
        print!("{}", text(&c, args.seed, args.verbose));
    }
    Ok(if complete { 0 } else { 1 })
}

/// The coverage of one campaign, for people: counts, then what was not
/// reached (or, with `verbose`, everything).
pub fn text(c: &Coverage, seed: u64, verbose: bool) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "coverage {} (seed {seed}, {} cases): {} rules and {} of {} variants reached",
        c.profile.name(),
        c.cases,
        c.rules.len(),
        c.variants.len(),
        Variant::ALL
            .iter()
            .filter(|v| v.applies_to(c.profile))
            .count(),
    );
    if verbose {
        for (code, n) in &c.rules {
            let _ = writeln!(out, "  rule    {code:<32} {n} cases");
        }
        for (v, i) in &c.variants {
            let _ = writeln!(out, "  variant {:<32} first at case {i}", v.id());
        }
    }
    for code in &c.beyond {
        let why = beyond_the_generator(code).unwrap_or_default();
        let _ = writeln!(out, "  beyond the generator: {code} ({why})");
    }
    if c.is_complete() {
        let _ = writeln!(
            out,
            "  every rule and variant the vectors reach was reached"
        );
    } else {
        for code in &c.unreached_rules {
            let _ = writeln!(out, "  unreached rule:    {code} (a vector reaches it)");
        }
        for v in &c.unreached_variants {
            let _ = writeln!(
                out,
                "  unreached variant: {} ({}; witness {})",
                v.id(),
                v.info().citation,
                v.info().witness
            );
        }
    }
    out
}
