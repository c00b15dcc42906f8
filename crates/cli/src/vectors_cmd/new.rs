//! `cookiecheck vectors new`: a scaffold for a new scenario case.
//!
//! The steps come from the command line (one `set` step with the
//! Set-Cookie lines, then a `get` step per URL) or from a case of a vector
//! file (such as one `cookiecheck explore` writes). Every `expect` and
//! `store` value is the reference model's answer, marked `TO VERIFY` in a
//! comment: a scaffold is not a vector until someone has worked the
//! expectations from the cited sections by hand. The text is loaded back
//! with the vector loader before it is printed or written.

use anyhow::{bail, Context, Result};
use clap::Args;
use cookiecheck::play::{play_case, StepRecord};
use cookiecheck::scenario::full_view;
use cookiecheck::vectors::write::{bytes, context_to_toml, cookie_to_toml, toml_string as string};
use cookiecheck::vectors::{
    load_file_all, Case, Citation, Location, PerProfile, Step, DEFAULT_START,
};
use cookiecheck_model::{ProfileId, RequestContext, RequestUri};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Arguments of `cookiecheck vectors new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// The new case's id: `area/topic/name` (kebab-case parts).
    #[arg(value_name = "AREA/TOPIC/NAME")]
    pub id: String,
    /// The URL the Set-Cookie lines come from.
    #[arg(long, value_name = "URL", required_unless_present = "from")]
    pub url: Option<String>,
    /// A Set-Cookie field value (repeatable, in order).
    #[arg(long = "set-cookie", value_name = "LINE", requires = "url")]
    pub set_cookie: Vec<String>,
    /// A URL whose Cookie header the case checks (repeatable; default: the
    /// --url itself).
    #[arg(long = "get", value_name = "URL", requires = "url")]
    pub gets: Vec<String>,
    /// Take the steps from a case of this vector file instead.
    #[arg(long, value_name = "FILE", conflicts_with = "url")]
    pub from: Option<PathBuf>,
    /// With --from: the name of the case to take (needed when the file has several).
    #[arg(long = "case", value_name = "NAME", requires = "from")]
    pub case: Option<String>,
    /// The note: one line saying what the case shows.
    #[arg(long)]
    pub note: Option<String>,
    /// A citation `source:section[/step]` (repeatable; default: the
    /// sections of the model's decisions, marked TO VERIFY).
    #[arg(long = "cite", value_name = "CITATION")]
    pub cites: Vec<String>,
    /// The profiles the case applies to (repeatable; default: all, or the
    /// --from case's).
    #[arg(long = "profile", value_name = "PROFILE")]
    pub profiles: Vec<ProfileId>,
    /// Append the case to this vector file (created if missing; its folder
    /// and name must be the id's area and topic) instead of printing it.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

const BANNER: &str = "\
# Scaffolded by `cookiecheck vectors new`. TO BE VERIFIED AGAINST THE SPEC
# BY HAND: every value marked `TO VERIFY` is what the reference model
# answers today, not an expectation worked from the specification. Work each
# one from the cited sections (and fix `note` and `cites`), then delete
# these comments and the TO VERIFY marks.
";

/// Checks `area/topic/name`.
fn split_id(id: &str) -> Result<(&str, &str, &str)> {
    let parts: Vec<&str> = id.split('/').collect();
    let kebab = |p: &&str| {
        !p.is_empty()
            && p.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    };
    match parts.as_slice() {
        [a, t, n] if parts.iter().all(kebab) => Ok((a, t, n)),
        _ => bail!("bad case id `{id}`: it is `area/topic/name`, each part [a-z0-9-]+"),
    }
}

fn url(text: &str) -> Result<RequestUri> {
    RequestUri::parse(text).with_context(|| format!("bad URL `{text}`"))
}

/// The steps, profiles and defaults given on the command line or taken from `--from`.
fn source_case(args: &NewArgs) -> Result<Case> {
    let profiles = if args.profiles.is_empty() {
        ProfileId::ALL.to_vec()
    } else {
        let mut p = args.profiles.clone();
        p.sort_by_key(|x| ProfileId::ALL.iter().position(|a| a == x));
        p.dedup();
        p
    };
    if let Some(path) = &args.from {
        return from_file(path, args.case.as_deref(), &args.profiles);
    }
    let Some(set_url) = &args.url else {
        bail!("give --url (with --set-cookie and --get) or --from FILE");
    };
    if args.set_cookie.is_empty() {
        bail!("give at least one --set-cookie LINE");
    }
    let ctx = RequestContext::default();
    let mut steps = vec![Step::Set {
        url: url(set_url)?,
        lines: args
            .set_cookie
            .iter()
            .map(|l| l.as_bytes().to_vec())
            .collect(),
        ctx,
        method: "GET".into(),
    }];
    let gets = if args.gets.is_empty() {
        vec![set_url.clone()]
    } else {
        args.gets.clone()
    };
    for g in &gets {
        steps.push(Step::Get {
            url: url(g)?,
            ctx,
            method: "GET".into(),
            expect: PerProfile::Same(Vec::new()),
        });
    }
    Ok(Case {
        id: String::new(),
        note: String::new(),
        cites: Vec::new(),
        profiles,
        requires: Vec::new(),
        start: DEFAULT_START,
        steps,
        location: Location::file_start(Path::new("(command line)")),
    })
}

/// The case named `name` (or the only case) of a vector file.
fn from_file(path: &Path, name: Option<&str>, profiles: &[ProfileId]) -> Result<Case> {
    let text =
        std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    // The case gets a new id, so its file need not sit in an `<area>/`
    // folder: load it under a fixed name and name the real file in errors.
    let rel = Path::new("from").join("file.toml");
    let file = load_file_all(&rel, &text).map_err(|errors| {
        let (rel, shown) = (
            format!("{}:", rel.display()),
            format!("{}:", path.display()),
        );
        let lines: Vec<String> = errors
            .iter()
            .map(|e| e.to_string().replace(&rel, &shown))
            .collect();
        anyhow::anyhow!("{} does not load:\n{}", path.display(), lines.join("\n"))
    })?;
    let mut cases = file.cases;
    let case = match name {
        Some(n) => {
            let wanted = format!("/{n}");
            let found = cases.iter().position(|c| c.id.ends_with(&wanted));
            match found {
                Some(i) => cases.swap_remove(i),
                None => bail!("{} has no case named `{n}`", path.display()),
            }
        }
        None if cases.len() == 1 => cases.remove(0),
        None if cases.is_empty() => bail!("{} has no [[case]]", path.display()),
        None => {
            let names: Vec<&str> = cases
                .iter()
                .filter_map(|c| c.id.rsplit('/').next())
                .collect();
            bail!(
                "{} has {} cases; pick one with --case ({})",
                path.display(),
                cases.len(),
                names.join(", ")
            )
        }
    };
    let mut case = case;
    if !profiles.is_empty() {
        case.profiles.retain(|p| profiles.contains(p));
        if case.profiles.is_empty() {
            bail!("the case applies to none of the --profile given");
        }
    }
    Ok(case)
}

/// The ids' path of a file: its folder and its name.
fn id_path(path: &Path) -> PathBuf {
    let name = path.file_name().map(PathBuf::from).unwrap_or_default();
    match path.parent().and_then(Path::file_name) {
        Some(area) => Path::new(area).join(name),
        None => name,
    }
}

/// `RFC 6265bis §5.7 step 16` → `rfc6265bis:5.7/16`; `Netscape seed 002 (…)`
/// → `seed:002`. `None` for anything else.
pub fn vector_citation(model: &str) -> Option<String> {
    if let Some(rest) = model.strip_prefix("Netscape seed ") {
        let doc: String = rest.chars().take_while(char::is_ascii_digit).collect();
        return (!doc.is_empty()).then(|| format!("seed:{doc}"));
    }
    let rest = model.strip_prefix("RFC ")?;
    let (rfc, rest) = rest.split_once(" §")?;
    let source = match rfc {
        "6265" => "rfc6265",
        "6265bis" => "rfc6265bis",
        "2109" => "rfc2109",
        _ => return None,
    };
    let number = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect::<String>()
            .trim_end_matches('.')
            .to_string()
    };
    let section = number(rest);
    if section.is_empty() {
        return None;
    }
    let after = &rest[section.len()..];
    match after.strip_prefix(" step ") {
        Some(step) if !number(step).is_empty() => {
            Some(format!("{source}:{section}/{}", number(step)))
        }
        _ => Some(format!("{source}:{section}")),
    }
}

/// What the model answered at each step, per profile.
struct Answers {
    profiles: Vec<ProfileId>,
    /// Per profile, per step: the record.
    records: Vec<Vec<StepRecord>>,
}

impl Answers {
    fn per_profile<T: PartialEq>(
        &self,
        index: usize,
        f: impl Fn(&StepRecord) -> Option<T>,
    ) -> Vec<(ProfileId, Option<T>)> {
        self.profiles
            .iter()
            .zip(&self.records)
            .map(|(p, r)| (*p, r.get(index).and_then(&f)))
            .collect()
    }

    /// The vector citations of the model's decisions on the `set` steps.
    fn citations(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for (p, records) in self.profiles.iter().zip(&self.records) {
            for r in records {
                if let StepRecord::Set(reports) = r {
                    for report in reports {
                        let rules = std::iter::once(report.decision)
                            .chain(report.notes.iter().map(|n| n.rule));
                        for rule in rules {
                            if let Some(c) = vector_citation(rule.citation(*p)) {
                                if !out.contains(&c) {
                                    out.push(c);
                                }
                            }
                        }
                    }
                }
            }
        }
        out
    }
}

/// One value for every profile, or a table keyed by profile.
fn per_profile_value(values: &[(ProfileId, Option<String>)], missing: &str) -> String {
    let text = |v: &Option<String>| v.clone().unwrap_or_else(|| missing.to_string());
    let first = values.first().map(|(_, v)| v);
    if values.iter().all(|(_, v)| Some(v) == first) {
        return first.map(text).unwrap_or_else(|| missing.to_string());
    }
    let items: Vec<String> = values
        .iter()
        .map(|(p, v)| format!("{} = {}", p.name(), text(v)))
        .collect();
    format!("{{ {} }}", items.join(", "))
}

/// The `[[case]]` text.
fn render(
    case: &Case,
    name: &str,
    note: &str,
    cites: &[String],
    derived: bool,
    from_file: bool,
) -> Result<String> {
    let answers = Answers {
        profiles: case.profiles.clone(),
        records: case
            .profiles
            .iter()
            .map(|p| play_case(case, *p).steps)
            .collect(),
    };
    let cites = if cites.is_empty() {
        answers.citations()
    } else {
        cites.to_vec()
    };
    if cites.is_empty() {
        bail!("no citation: give the sections the case checks with --cite source:section[/step]");
    }
    let mut out = String::from("[[case]]\n");
    let _ = writeln!(out, "name = {}", string(name));
    let _ = writeln!(out, "note = {}", string(note));
    let quoted: Vec<String> = cites.iter().map(|c| string(c)).collect();
    let _ = write!(out, "cites = [{}]", quoted.join(", "));
    out.push_str(match (derived, from_file) {
        (false, _) => "\n",
        (true, false) => "  # TO VERIFY: the sections of the model's decisions\n",
        (true, true) => "  # TO VERIFY: the citations of the source case\n",
    });
    if case.profiles != ProfileId::ALL {
        let names: Vec<String> = case.profiles.iter().map(|p| string(p.name())).collect();
        let _ = writeln!(out, "profiles = [{}]", names.join(", "));
    }
    if !case.requires.is_empty() {
        let names: Vec<String> = case.requires.iter().map(|r| string(r.name())).collect();
        let _ = writeln!(out, "requires = [{}]", names.join(", "));
    }
    if case.start != DEFAULT_START {
        let _ = writeln!(out, "start = {}", case.start);
    }
    for (i, step) in case.steps.iter().enumerate() {
        out.push_str("\n[[case.step]]\n");
        match step {
            Step::Set {
                url,
                lines,
                ctx,
                method,
            } => {
                let _ = writeln!(out, "set = {}", string(&url.to_string()));
                let items: Vec<String> = lines.iter().map(|l| bytes(l)).collect();
                let _ = writeln!(out, "lines = [{}]", items.join(", "));
                context_to_toml(&mut out, ctx, method);
            }
            Step::Get {
                url, ctx, method, ..
            } => {
                let _ = writeln!(out, "get = {}", string(&url.to_string()));
                let values = answers.per_profile(i, |r| r.sent_header().map(bytes));
                let _ = writeln!(
                    out,
                    "expect = {}  # TO VERIFY: the model's answer",
                    per_profile_value(&values, "\"\"")
                );
                context_to_toml(&mut out, ctx, method);
            }
            Step::Advance(n) => {
                let _ = writeln!(out, "advance = {n}");
            }
            Step::EndSession => out.push_str("end-session = true\n"),
            Step::Reload => out.push_str("reload = true\n"),
            Step::Store(_) => {
                let values = answers.per_profile(i, |r| match r {
                    StepRecord::Store { cookies, .. } => {
                        let items: Vec<String> = cookies
                            .iter()
                            .map(|c| cookie_to_toml(&full_view(c)))
                            .collect();
                        Some(format!("[{}]", items.join(", ")))
                    }
                    _ => None,
                });
                let _ = writeln!(
                    out,
                    "store = {}  # TO VERIFY: the model's store",
                    per_profile_value(&values, "[]")
                );
            }
        }
    }
    Ok(out)
}

/// Checks the citations given on the command line.
fn citations(texts: &[String]) -> Result<Vec<String>> {
    for t in texts {
        let ok = t.split_once(':').is_some_and(|(_, rest)| !rest.is_empty());
        if !ok {
            bail!("bad --cite `{t}`: it is `source:section[/step]`, e.g. rfc6265bis:5.7/16");
        }
    }
    Ok(texts.to_vec())
}

/// Prints the scaffold, or appends it to `--output`; exit 0.
pub fn new(args: &NewArgs) -> Result<u8> {
    let (area, topic, name) = split_id(&args.id)?;
    let case = source_case(args)?;
    let cites = citations(&args.cites)?;
    let from_note = (!case.note.is_empty()).then(|| case.note.clone());
    let note = args
        .note
        .clone()
        .or(from_note)
        .unwrap_or_else(|| "TODO: one line saying what the case shows".to_string());
    let (cites, derived) = match (cites.is_empty(), args.from.is_some()) {
        (false, _) => (cites, false),
        (true, true) => (case.cites.iter().map(Citation::to_string).collect(), true),
        (true, false) => (Vec::new(), true),
    };
    let block = render(&case, name, &note, &cites, derived, args.from.is_some())?;
    let rel = Path::new(area).join(format!("{topic}.toml"));
    match &args.output {
        None => {
            let text = format!("{BANNER}{block}");
            load_file_all(&rel, &text).map_err(|e| invalid(&e))?;
            print!("{text}");
        }
        Some(path) => {
            if id_path(path) != rel {
                bail!(
                    "{} would give the case another id: the id {} belongs in <vectors>/{}",
                    path.display(),
                    args.id,
                    rel.display()
                );
            }
            let existing = match std::fs::read_to_string(path) {
                Ok(t) => t,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
                Err(e) => bail!("cannot read {}: {e}", path.display()),
            };
            let sep = if existing.is_empty() || existing.ends_with("\n\n") {
                ""
            } else if existing.ends_with('\n') {
                "\n"
            } else {
                "\n\n"
            };
            let text = format!("{existing}{sep}{BANNER}{block}");
            load_file_all(&rel, &text).map_err(|e| invalid(&e))?;
            std::fs::write(path, text)
                .with_context(|| format!("cannot write {}", path.display()))?;
            eprintln!("appended {} to {}", args.id, path.display());
        }
    }
    Ok(0)
}

fn invalid(errors: &[cookiecheck::vectors::LoadError]) -> anyhow::Error {
    let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
    anyhow::anyhow!(
        "the scaffold does not load (nothing written):\n{}",
        lines.join("\n")
    )
}

#[cfg(test)]
mod tests {
    use super::{split_id, vector_citation};

    #[test]
    fn model_citations_become_vector_citations() {
        let c = |s| vector_citation(s);
        assert_eq!(
            c("RFC 6265bis §5.7 step 16").as_deref(),
            Some("rfc6265bis:5.7/16")
        );
        assert_eq!(
            c("RFC 6265 §5.3 step 11").as_deref(),
            Some("rfc6265:5.3/11")
        );
        assert_eq!(
            c("RFC 6265bis §5.7 step 23.2").as_deref(),
            Some("rfc6265bis:5.7/23.2")
        );
        assert_eq!(
            c("RFC 6265bis §5.1.2, §5.7 step 9.2").as_deref(),
            Some("rfc6265bis:5.1.2")
        );
        assert_eq!(c("RFC 6265 §5.1.4").as_deref(), Some("rfc6265:5.1.4"));
        assert_eq!(
            c("Netscape seed 002 (4096 bytes)").as_deref(),
            Some("seed:002")
        );
        assert_eq!(c("the subject misbehaved"), None);
    }

    #[test]
    fn ids_have_three_kebab_parts() {
        assert!(split_id("domain/ip/v4").is_ok());
        assert!(split_id("domain/ip").is_err());
        assert!(split_id("Domain/ip/v4").is_err());
        assert!(split_id("a//b").is_err());
    }
}
