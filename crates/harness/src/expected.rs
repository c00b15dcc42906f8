//! Expected failures: `subjects/<subject>.toml` lists the cases a subject is
//! known to fail, each with a written reason, checked both ways (house
//! rule 7).
//!
//! ```toml
//! ["path/path-match/prefix-is-not-enough"]
//! reason = "the jar matches cookie paths as plain prefixes (RFC 6265 §5.1.4)"
//!
//! ["domain/ip/*"]
//! reason = "…"
//! profiles = ["rfc6265"]   # optional: only when the subject runs this profile
//! ```
//!
//! A key is a case id or a glob over ids (`*` any run of characters, `?`
//! one character), or `variant:<id>`: a rule variant of the model's
//! catalogue (`cookiecheck variants`) that the jar follows, with the
//! evidence that it does (the witness, or the jar's documentation or
//! source):
//!
//! ```toml
//! ["variant:store-order"]
//! evidence = "witness: `a=1` then `a=2; Path=/a`, a request to /a gets `a=1; a=2` (explore seed 7)"
//! profiles = ["rfc6265"]   # optional, as for entries
//! ```
//!
//! A case whose difference is explained by declared variants is a known
//! departure (*declared*); entries remain for what no variant explains. An
//! entry covering a case that a declared variant explains is *redundant*
//! and fails the run like a stale one; so does an entry covering a case
//! that differs only where the text leaves the choice open (*left open*,
//! which counts as a pass). After a run, [`check`] sorts every case into expected
//! failures, departures (failures not listed) and *unexpected passes*
//! (listed but passed), and every entry that matched no case that ran is
//! *stale*. Unexpected passes always fail a run; stale entries fail
//! unfiltered runs.

use crate::differ::Outcome;
use crate::vectors::Location;
use cookiecheck_model::{ProfileId, Variant, Variants};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use toml::Spanned;

/// An expected-failure file that cannot be used, with where and why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ExpectedError {
    /// TOML syntax or shape.
    #[error("{at}: {message}")]
    Syntax {
        /// Where.
        at: Location,
        /// What the TOML reader said.
        message: String,
    },
    /// An entry that is well-formed TOML but not a valid entry.
    #[error("{at}: {message}")]
    BadEntry {
        /// Where.
        at: Location,
        /// What is wrong.
        message: String,
    },
    /// The file cannot be read.
    #[error("{}: {message}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating system's message.
        message: String,
    },
}

/// One entry: a case id or glob, the reason, and optionally the profiles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The id or glob.
    pub pattern: String,
    /// Why the subject fails these cases.
    pub reason: String,
    /// The profiles the entry applies to (`None`: every profile).
    pub profiles: Option<Vec<ProfileId>>,
    /// Where the entry's key is.
    pub location: Location,
}

/// Key prefixes of entries that list a class of `explore` findings rather
/// than vector cases: never stale in a vector run.
pub const CAMPAIGN_PREFIXES: [&str; 2] = ["unexplained/", "unstable/"];

impl Entry {
    /// Whether the entry lists a class of campaign findings
    /// ([`CAMPAIGN_PREFIXES`]) rather than vector cases.
    pub fn is_campaign_class(&self) -> bool {
        CAMPAIGN_PREFIXES
            .iter()
            .any(|p| self.pattern.starts_with(p))
    }

    /// Whether the entry covers `id` run under `profile`.
    pub fn covers(&self, id: &str, profile: ProfileId) -> bool {
        profile_ok(&self.profiles, profile) && glob_match(&self.pattern, id)
    }
}

/// Whether an entry limited to `profiles` (all when `None`) applies to `profile`.
fn profile_ok(profiles: &Option<Vec<ProfileId>>, profile: ProfileId) -> bool {
    match profiles {
        None => true,
        Some(p) => p.contains(&profile),
    }
}

/// A declared rule variant: the jar follows it, and why we know.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Declaration {
    /// The variant.
    pub variant: Variant,
    /// The evidence (a witness, the jar's documentation or source).
    pub evidence: String,
    /// The profiles the declaration applies to (`None`: every profile).
    pub profiles: Option<Vec<ProfileId>>,
    /// Where the declaration's key is.
    pub location: Location,
}

/// A subject's file: its declared variants and its expected-failure list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ExpectedFailures {
    /// The entries, in file order.
    pub entries: Vec<Entry>,
    /// The declared variants, in file order.
    pub declared: Vec<Declaration>,
    /// The file it was read from, as reports name it (`None`: built in
    /// memory).
    pub source: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    reason: Option<Spanned<String>>,
    evidence: Option<Spanned<String>>,
    profiles: Option<Spanned<Vec<String>>>,
}

/// The key prefix of a declaration.
const VARIANT_KEY: &str = "variant:";

impl ExpectedFailures {
    /// Reads `path`; a missing file is an empty list.
    pub fn load(path: &Path) -> Result<ExpectedFailures, ExpectedError> {
        match std::fs::read_to_string(path) {
            Ok(text) => ExpectedFailures::parse(path, &text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(ExpectedFailures::default()),
            Err(e) => Err(ExpectedError::Io {
                path: path.to_path_buf(),
                message: e.to_string(),
            }),
        }
    }

    /// Parses the text of a file named `path` (used in errors only).
    pub fn parse(path: &Path, text: &str) -> Result<ExpectedFailures, ExpectedError> {
        let raw: BTreeMap<Spanned<String>, Spanned<RawEntry>> =
            toml::from_str(text).map_err(|e| ExpectedError::Syntax {
                at: Location::at_span(path, text, e.span()),
                message: e.message().trim().to_string(),
            })?;
        let mut entries = Vec::new();
        let mut declared = Vec::new();
        for (key, entry) in raw {
            let at = Location::at_span(path, text, Some(key.span()));
            let bad = |at: Location, message: String| ExpectedError::BadEntry { at, message };
            let pattern = key.into_inner();
            let entry = entry.into_inner();
            let profiles = match entry.profiles {
                None => None,
                Some(list) => {
                    let list_at = Location::at_span(path, text, Some(list.span()));
                    let names = list.into_inner();
                    if names.is_empty() {
                        return Err(bad(list_at, format!("`{pattern}`: `profiles` is empty")));
                    }
                    let parsed: Result<Vec<ProfileId>, _> =
                        names.iter().map(|n| n.parse()).collect();
                    Some(parsed.map_err(|e| bad(list_at, format!("`{pattern}`: {e}")))?)
                }
            };
            let text_of = |field: Option<Spanned<String>>, name: &str| match field {
                None => Err(bad(at.clone(), format!("`{pattern}`: `{name}` is missing"))),
                Some(value) => {
                    let value_at = Location::at_span(path, text, Some(value.span()));
                    let value = value.into_inner().trim().to_string();
                    if value.is_empty() {
                        Err(bad(value_at, format!("`{pattern}`: the {name} is empty")))
                    } else {
                        Ok(value)
                    }
                }
            };
            if let Some(id) = pattern.strip_prefix(VARIANT_KEY) {
                if entry.reason.is_some() {
                    return Err(bad(
                        at,
                        format!("`{pattern}`: a declaration has `evidence`, not `reason`"),
                    ));
                }
                let variant: Variant = id
                    .parse()
                    .map_err(|e| bad(at.clone(), format!("`{pattern}`: {e}")))?;
                let evidence = text_of(entry.evidence, "evidence")?;
                declared.push(Declaration {
                    variant,
                    evidence,
                    profiles,
                    location: at,
                });
                continue;
            }
            let valid =
                |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || "-/*?".contains(c);
            if pattern.is_empty() || !pattern.chars().all(valid) {
                return Err(bad(
                    at,
                    format!("`{pattern}` is not a case id or glob ([a-z0-9-/] with * and ?) or `variant:<id>`"),
                ));
            }
            if entry.evidence.is_some() {
                return Err(bad(
                    at,
                    format!("`{pattern}`: an entry has a `reason`; `evidence` is for `variant:` declarations"),
                ));
            }
            let reason = text_of(entry.reason, "reason")?;
            entries.push(Entry {
                pattern,
                reason,
                profiles,
                location: at,
            });
        }
        entries.sort_by(|a, b| a.location.cmp(&b.location));
        declared.sort_by(|a, b| a.location.cmp(&b.location));
        Ok(ExpectedFailures {
            entries,
            declared,
            source: Some(path.display().to_string()),
        })
    }

    /// The variants declared for `profile`.
    pub fn declared_for(&self, profile: ProfileId) -> Variants {
        self.declared
            .iter()
            .filter(|d| profile_ok(&d.profiles, profile))
            .map(|d| d.variant)
            .collect()
    }

    /// The first entry covering `id` under `profile`.
    pub fn lookup(&self, id: &str, profile: ProfileId) -> Option<&Entry> {
        self.entries.iter().find(|e| e.covers(id, profile))
    }
}

/// `*` matches any run of characters (slashes included), `?` exactly one.
pub fn glob_match(pattern: &str, text: &str) -> bool {
    if !pattern.bytes().any(|b| b == b'*' || b == b'?') {
        return pattern == text;
    }
    if pattern.is_ascii() && text.is_ascii() {
        // One octet is one character: no allocation (this runs for every
        // case and every entry of a list).
        return glob_slices(pattern.as_bytes(), text.as_bytes(), b'*', b'?');
    }
    let (p, t): (Vec<char>, Vec<char>) = (pattern.chars().collect(), text.chars().collect());
    glob_slices(&p, &t, '*', '?')
}

/// [`glob_match`] over characters of any kind.
fn glob_slices<T: PartialEq + Copy>(p: &[T], t: &[T], many: T, one: T) -> bool {
    // Iterative matching with one backtrack point for the last `*`.
    let (mut pi, mut ti) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        if pi < p.len() && (p[pi] == one || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == many {
            star = Some((pi, ti));
            pi += 1;
        } else if let Some((sp, st)) = star {
            pi = sp + 1;
            ti = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == many)
}

/// How one case came out against the expected-failure list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Listed {
    /// Passed, not listed.
    Pass,
    /// Failed and listed: fine.
    ExpectedFailure,
    /// Failed, and explained by variants the subject declares: fine.
    Declared,
    /// Differs only where the text leaves room: fine.
    LeftOpen,
    /// Failed and not listed: a departure.
    Departure,
    /// Listed, but passed: the list is out of date (fails the run).
    UnexpectedPass,
    /// Not run (unsupported or not applicable).
    NotRun,
}

/// The verdict on a whole run of one subject against its list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListCheck {
    /// Listed cases that passed: `(case id, entry pattern)`.
    pub unexpected_passes: Vec<(String, String)>,
    /// Entries that matched no case that ran (reported only when `stale` was asked).
    pub stale: Vec<Entry>,
    /// Listed cases that declared variants explain: `(case id, entry
    /// pattern, the explaining variants)`. The entry should go.
    pub redundant: Vec<(String, String, String)>,
    /// Listed cases that differ only where the text leaves the choice open
    /// (so they count as passes): `(case id, entry pattern, why)`. The
    /// entry should go.
    pub left_open: Vec<(String, String, String)>,
    /// Declared variants that explained no case of the run (reported only
    /// when `stale` was asked; not a failure: a witness may be unsupported).
    pub unused_declarations: Vec<Declaration>,
}

impl ListCheck {
    /// Whether the list is exact.
    pub fn is_clean(&self) -> bool {
        self.unexpected_passes.is_empty()
            && self.stale.is_empty()
            && self.redundant.is_empty()
            && self.left_open.is_empty()
    }
}

/// Classifies one outcome.
pub fn classify(
    list: &ExpectedFailures,
    id: &str,
    profile: ProfileId,
    outcome: &Outcome,
) -> Listed {
    let listed = list.lookup(id, profile).is_some();
    match (outcome, listed) {
        (Outcome::Pass, false) => Listed::Pass,
        (Outcome::Pass, true) => Listed::UnexpectedPass,
        (Outcome::LeftOpen(_), _) => Listed::LeftOpen,
        (Outcome::Fail(f), _) if f.cause.is_declared(list.declared_for(profile)) => {
            Listed::Declared
        }
        (Outcome::Fail(_), true) => Listed::ExpectedFailure,
        (Outcome::Fail(_), false) => Listed::Departure,
        (Outcome::Unsupported(_) | Outcome::NotApplicable, _) => Listed::NotRun,
    }
}

/// Checks `list` against the outcomes of a run under `profile`. With
/// `find_stale` (unfiltered runs), entries that covered no case that ran
/// (passed or failed) are reported as stale.
pub fn check<'a>(
    list: &ExpectedFailures,
    profile: ProfileId,
    outcomes: impl IntoIterator<Item = (&'a str, &'a Outcome)>,
    find_stale: bool,
) -> ListCheck {
    let mut used = vec![false; list.entries.len()];
    let declared = list.declared_for(profile);
    let mut explained = Variants::NONE;
    let mut result = ListCheck::default();
    for (id, outcome) in outcomes {
        if matches!(outcome, Outcome::Unsupported(_) | Outcome::NotApplicable) {
            continue;
        }
        for (i, entry) in list.entries.iter().enumerate() {
            if entry.covers(id, profile) {
                used[i] = true;
            }
        }
        let entry = list.lookup(id, profile);
        match (outcome, entry) {
            (Outcome::Pass, Some(entry)) => result
                .unexpected_passes
                .push((id.to_string(), entry.pattern.clone())),
            (Outcome::LeftOpen(why), Some(entry)) => {
                result
                    .left_open
                    .push((id.to_string(), entry.pattern.clone(), why.clone()))
            }
            (Outcome::Fail(f), entry) if f.cause.is_declared(declared) => {
                let cause = f.cause.primary().unwrap_or_default();
                explained = explained.union(cause);
                if let Some(entry) = entry {
                    result
                        .redundant
                        .push((id.to_string(), entry.pattern.clone(), cause.label()));
                }
            }
            _ => {}
        }
    }
    if find_stale {
        result.stale = list
            .entries
            .iter()
            .zip(&used)
            .filter(|(e, used)| {
                !**used && profile_ok(&e.profiles, profile) && !e.is_campaign_class()
            })
            .map(|(e, _)| e.clone())
            .collect();
        result.unused_declarations = list
            .declared
            .iter()
            .filter(|d| profile_ok(&d.profiles, profile) && !explained.has(d.variant))
            .cloned()
            .collect();
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_match_ids() {
        assert!(glob_match("domain/ip/*", "domain/ip/v4-literal"));
        assert!(glob_match(
            "*/secure-*",
            "secure/attribute/secure-from-http"
        ));
        assert!(glob_match("a?c", "abc"));
        assert!(!glob_match("domain/ip", "domain/ip/v4"));
        assert!(!glob_match("a*z", "abc"));
        assert!(glob_match("*", ""));
        // Exact ids, and `?` as one character of any width.
        assert!(glob_match("parse/ctl/nul", "parse/ctl/nul"));
        assert!(!glob_match("parse/ctl/nul", "parse/ctl/nul-x"));
        assert!(glob_match("a?c", "aéc"));
        assert!(!glob_match("a??c", "aéc"));
        assert!(glob_match("a*", "aé/b"));
    }

    #[test]
    fn entries_need_a_reason_and_known_profiles() {
        let path = Path::new("subjects/x.toml");
        let ok = ExpectedFailures::parse(
            path,
            "[\"a/b/c\"]\nreason = \"why\"\nprofiles = [\"rfc6265\"]\n",
        );
        assert_eq!(ok.map(|l| l.entries.len()), Ok(1));
        let empty = ExpectedFailures::parse(path, "[\"a/b/c\"]\nreason = \" \"\n");
        assert!(matches!(empty, Err(ExpectedError::BadEntry { ref at, .. }) if at.line == 2));
        let profile = ExpectedFailures::parse(
            path,
            "[\"a/b/c\"]\nreason = \"r\"\nprofiles = [\"rfc2965\"]\n",
        );
        assert!(matches!(profile, Err(ExpectedError::BadEntry { ref at, .. }) if at.line == 3));
        let unknown = ExpectedFailures::parse(path, "[\"a/b/c\"]\nreason = \"r\"\nwhy = 1\n");
        assert!(matches!(unknown, Err(ExpectedError::Syntax { ref at, .. }) if at.line == 3));
        let bad_id = ExpectedFailures::parse(path, "\n[\"A B\"]\nreason = \"r\"\n");
        assert!(matches!(bad_id, Err(ExpectedError::BadEntry { ref at, .. }) if at.line == 2));
    }

    #[test]
    fn an_entry_on_a_left_open_case_is_needless() {
        let path = Path::new("subjects/x.toml");
        let list =
            ExpectedFailures::parse(path, "[\"a/b/c\"]\nreason = \"a reason\"\n").expect("parses");
        let open = Outcome::LeftOpen("name-value-limit".into());
        let check = check(&list, ProfileId::Rfc6265, [("a/b/c", &open)], true);
        assert_eq!(
            check.left_open,
            vec![("a/b/c".into(), "a/b/c".into(), "name-value-limit".into())]
        );
        assert!(!check.is_clean());
        // Unlisted, the same outcome is clean.
        let empty = ExpectedFailures::default();
        assert!(super::check(&empty, ProfileId::Rfc6265, [("a/b/c", &open)], true).is_clean());
    }
}
