//! `cookiecheck minimize`: a fuzz crash artifact becomes a (draft) vector.
//!
//! The artifact is read the way its target reads it (`scenario_*` targets
//! through `Arbitrary`, the others as raw bytes), the failure is
//! reproduced, the input is reduced while the same failure remains, and the
//! result is printed as a vector file whose expectations are the model's
//! answers, to be checked by hand against the cited section.

use crate::one_subject::OneSubject;
use crate::run::repo_root;
use anyhow::{Context, Result};
use arbitrary::{Arbitrary, Unstructured};
use clap::{Args, ValueEnum};
use cookiecheck::explore::reduce::reduce;
use cookiecheck::explore::write::finding_file;
use cookiecheck::explore::{judge, known_reason, Distinct, FindingKey, Verdict};
use cookiecheck::scenario::invariants::{check_model, check_profile};
use cookiecheck::scenario::{Event, Scenario, ScenarioConfig};
use cookiecheck::subject::Isolated;
use cookiecheck::vectors::write::{case_to_toml, date_to_toml, txt_to_toml};
use cookiecheck::vectors::{Citation, TxtExpect};
use cookiecheck_model::{ProfileId, RequestContext};
use std::path::PathBuf;

/// The fuzz targets whose artifacts can be minimized.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Target {
    /// Model vs subject on an `Arbitrary` scenario (needs `--subject`).
    ScenarioDiff,
    /// The model's invariants on an `Arbitrary` scenario.
    ScenarioModel,
    /// One Set-Cookie line (raw bytes).
    SetCookieParse,
    /// One cookie-date (raw bytes).
    CookieDate,
    /// One cookies.txt file (raw bytes).
    CookiesTxt,
}

/// Arguments of `cookiecheck minimize`.
#[derive(Debug, Args)]
pub struct MinimizeArgs {
    /// The fuzz target that wrote the artifact.
    #[arg(long, value_enum)]
    pub target: Target,
    /// The subject (`scenario_diff` only).
    #[command(flatten)]
    pub subject: OneSubject,
    /// Write the vector here instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// The crash artifact (for example `fuzz/artifacts/scenario_diff/crash-…`).
    pub artifact: PathBuf,
}

/// The URL the byte-level oracles receive cookies from (`invariants`).
const CHECK_URL: &str = "https://www.example.com/a/b";

fn cite(source: &str, section: &str) -> Citation {
    Citation {
        source: source.into(),
        section: section.into(),
        step: None,
    }
}

fn scenario_of(bytes: &[u8]) -> Result<Scenario> {
    Scenario::arbitrary_take_rest(Unstructured::new(bytes))
        .context("the artifact does not decode as a scenario")
}

/// Runs the command; prints or writes the vector. Exit 0 when the failure
/// reproduced, 1 when it did not (nothing is written then).
pub fn minimize(args: &MinimizeArgs) -> Result<u8> {
    let bytes = std::fs::read(&args.artifact)
        .with_context(|| format!("reading {}", args.artifact.display()))?;
    let text = match args.target {
        Target::ScenarioDiff => scenario_diff(args, &bytes)?,
        Target::ScenarioModel => scenario_model(&bytes)?,
        Target::SetCookieParse => set_cookie_parse(&bytes)?,
        Target::CookieDate => Some(date_to_toml(
            "from-fuzzing",
            "a fuzzer input; the expectation is the model's answer, to be checked by hand",
            &[cite("rfc6265", "5.1.1")],
            &bytes,
            cookiecheck_model::date::parse_cookie_date(&bytes),
        )),
        Target::CookiesTxt => Some(cookies_txt(&bytes)),
    };
    let Some(text) = text else {
        eprintln!("the failure does not reproduce: nothing to minimize");
        return Ok(1);
    };
    match &args.out {
        Some(path) => {
            std::fs::write(path, &text).with_context(|| format!("writing {}", path.display()))?
        }
        None => print!("{text}"),
    }
    Ok(0)
}

fn scenario_diff(args: &MinimizeArgs, bytes: &[u8]) -> Result<Option<String>> {
    let root = repo_root();
    let spec = args
        .subject
        .spec(&root, &[])
        .context("--target scenario-diff needs its subject")?;
    let known = spec.expected.clone();
    let config = ScenarioConfig::for_capabilities(&spec.capabilities);
    let scenario = config.restrict(&scenario_of(bytes)?);
    let mut subject = Isolated::new(spec.factory.clone(), spec.case_limit);
    let id = "explore/minimize/case";
    let declared = known.declared_for(spec.capabilities.profile);
    let Verdict::Finding(first) = judge(&scenario, id, &spec, declared, &mut subject) else {
        return Ok(None);
    };
    let key = FindingKey::of(&first);
    let original_size = scenario.size();
    let small = reduce(
        scenario,
        5_000,
        |s| matches!(judge(s, id, &spec, declared, &mut subject), Verdict::Finding(f) if FindingKey::of(&f) == key),
    );
    let Verdict::Finding(finding) = judge(&small, id, &spec, declared, &mut subject) else {
        return Ok(None);
    };
    let case = small.to_case(id, &[spec.capabilities.profile])?;
    let cause = finding.cause.clone();
    let known = known_reason(&known, &key, &finding, spec.capabilities.profile);
    let d = Distinct {
        key,
        count: 1,
        first_index: 0,
        original_size,
        scenario: small,
        case,
        finding: *finding,
        cause,
        known,
    };
    let command = format!(
        "cookiecheck minimize --target scenario-diff {} {}",
        args.subject.flag(),
        args.artifact.display()
    );
    let origin = format!("reduced from the fuzz artifact {}", args.artifact.display());
    Ok(Some(finding_file(&spec.name, &d, &origin, &command)))
}

fn scenario_model(bytes: &[u8]) -> Result<Option<String>> {
    let scenario = scenario_of(bytes)?;
    let Err(first) = check_model(&scenario) else {
        return Ok(None);
    };
    let profile = first.profile;
    let small = reduce(scenario, 5_000, |s| check_profile(s, profile).is_err());
    let violation = check_profile(&small, profile)
        .err()
        .map_or_else(String::new, |v| v.to_string());
    let mut case = small.to_case("fuzz/scenario-model/from-fuzzing", &[profile])?;
    case.note = "a model invariant broke on this scenario; the expectations are the model's (buggy) answers".into();
    Ok(Some(format!(
        "# scenario_model: {violation}\n# Fix the model, then write the expectations from the spec by hand.\n\n{}",
        case_to_toml(&case)
    )))
}

fn set_cookie_parse(bytes: &[u8]) -> Result<Option<String>> {
    let Err(error) = cookiecheck_model::invariants::check_parse_line(bytes) else {
        return Ok(None);
    };
    let scenario = Scenario {
        events: vec![
            Event::Set {
                url: CHECK_URL.into(),
                lines: vec![bytes.to_vec()],
                ctx: RequestContext::default(),
                method: "GET".into(),
            },
            Event::Store,
        ],
        ..Scenario::default()
    };
    let mut case = scenario.to_case("fuzz/set-cookie-parse/from-fuzzing", &ProfileId::ALL)?;
    case.note =
        "a parser oracle failed on this line; the expectations are the model's answers".into();
    case.cites = vec![cite("rfc6265bis", "5.6")];
    Ok(Some(format!(
        "# set_cookie_parse: {}\n\n{}",
        error.replace('\n', "\n# "),
        case_to_toml(&case)
    )))
}

fn cookies_txt(bytes: &[u8]) -> String {
    let now = cookiecheck::vectors::DEFAULT_START;
    let expect = match cookiecheck_model::cookies_txt::read(bytes, now) {
        Ok(cookies) => TxtExpect::Cookies(
            cookies
                .iter()
                .map(cookiecheck::scenario::full_view)
                .map(|mut v| {
                    v.same_site = None;
                    v
                })
                .collect(),
        ),
        Err(e) => TxtExpect::ErrorLine(e.line),
    };
    let note = match cookiecheck_model::invariants::check_cookies_txt(bytes) {
        Ok(()) => "a fuzzer input (the oracle passes now); the expectation is the model's answer",
        Err(_) => {
            "the cookies.txt round trip failed on this file; the expectation is the model's answer"
        }
    };
    txt_to_toml(
        "from-fuzzing",
        note,
        &[cite("seed", "002")],
        bytes,
        now,
        &expect,
    )
}
