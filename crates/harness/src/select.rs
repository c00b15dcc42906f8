//! Selecting cases: the filters shared by `cookiecheck run`, `vectors list`,
//! `explain --case` and [`crate::suite`].
//!
//! A [`Selection`] has four kinds of include filter and one exclude list:
//!
//! - **ids**: an exact id, an id prefix ending at a `/` boundary (`domain`,
//!   `domain/ip`), or a glob with `*` and `?` (`*/v4*`);
//! - **areas**: the first part of the id (`domain`), or area and topic
//!   (`domain/ip`);
//! - **sections**: a citation `source[:section[/step]]`: `rfc6265bis:5.7`
//!   selects cases citing §5.7, a subsection such as §5.7.1 or any step of
//!   them (`rfc6265bis:5.7/3`); `rfc6265bis:5.7/3` selects only step 3 (and
//!   its sub-steps such as 3.1) of §5.7; `seed` selects every seed citation;
//! - **profiles**: cases that apply to one of the profiles (date and
//!   cookies.txt cases apply to every profile).
//!
//! Filters of one kind select the union; kinds combine by intersection; an
//! empty kind does not restrict. A case matched by any **skip** term is out:
//! a skip term containing `:` (or naming only a citation source such as
//! `seed`, which is never an area) is a section, anything else an id filter.

use crate::expected::glob_match;
use crate::vectors::{Case, Citation, DateCase, TxtCase};
use cookiecheck_model::ProfileId;
use std::fmt;

/// The citation sources a section filter may name.
pub const SOURCES: [&str; 5] = ["rfc6265", "rfc6265bis", "rfc2109", "layered", "seed"];

/// What a filter needs to know about a case of any kind.
pub trait Selectable {
    /// The case id `area/topic/name`.
    fn id(&self) -> &str;
    /// The citations.
    fn cites(&self) -> &[Citation];
    /// The profiles the case applies to (`None`: every profile).
    fn profiles(&self) -> Option<&[ProfileId]>;
}

impl Selectable for Case {
    fn id(&self) -> &str {
        &self.id
    }
    fn cites(&self) -> &[Citation] {
        &self.cites
    }
    fn profiles(&self) -> Option<&[ProfileId]> {
        Some(&self.profiles)
    }
}

impl Selectable for DateCase {
    fn id(&self) -> &str {
        &self.id
    }
    fn cites(&self) -> &[Citation] {
        &self.cites
    }
    fn profiles(&self) -> Option<&[ProfileId]> {
        None
    }
}

impl Selectable for TxtCase {
    fn id(&self) -> &str {
        &self.id
    }
    fn cites(&self) -> &[Citation] {
        &self.cites
    }
    fn profiles(&self) -> Option<&[ProfileId]> {
        None
    }
}

/// A filter that cannot be used, with why.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("bad filter `{filter}`: {reason}")]
pub struct FilterError {
    /// The filter as given.
    pub filter: String,
    /// What is wrong with it.
    pub reason: String,
}

/// A section filter: a citation source, optionally a section, optionally a step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SectionFilter {
    /// `rfc6265`, `rfc6265bis`, `rfc2109`, `layered` or `seed`.
    pub source: String,
    /// The section (`5.7`), if given.
    pub section: Option<String>,
    /// The step (`3`), if given.
    pub step: Option<String>,
}

impl SectionFilter {
    /// Parses `source[:section[/step]]`.
    pub fn parse(text: &str) -> Result<SectionFilter, FilterError> {
        let bad = |reason: &str| FilterError {
            filter: text.to_string(),
            reason: reason.to_string(),
        };
        let (source, rest) = match text.split_once(':') {
            Some((s, r)) => (s, Some(r)),
            None => (text, None),
        };
        if !SOURCES.contains(&source) {
            return Err(bad(&format!(
                "the citation source must be one of {}",
                SOURCES.join(", ")
            )));
        }
        let (section, step) = match rest {
            None => (None, None),
            Some(r) => match r.split_once('/') {
                Some((sec, st)) => (Some(sec), Some(st)),
                None => (Some(r), None),
            },
        };
        let numbered = |s: &str| {
            !s.is_empty()
                && s.split('.')
                    .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        };
        if section.is_some_and(|s| !numbered(s)) || step.is_some_and(|s| !numbered(s)) {
            return Err(bad(
                "section and step are dot-separated numbers (`rfc6265bis:5.7` or `rfc6265bis:5.7/3`)",
            ));
        }
        Ok(SectionFilter {
            source: source.to_string(),
            section: section.map(str::to_string),
            step: step.map(str::to_string),
        })
    }

    /// Whether `citation` falls under this filter.
    pub fn matches(&self, citation: &Citation) -> bool {
        if citation.source != self.source {
            return false;
        }
        let Some(section) = &self.section else {
            return true;
        };
        match &self.step {
            None => under(&citation.section, section),
            Some(step) => {
                citation.section == *section
                    && citation.step.as_deref().is_some_and(|s| under(s, step))
            }
        }
    }
}

impl fmt::Display for SectionFilter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)?;
        if let Some(section) = &self.section {
            write!(f, ":{section}")?;
        }
        if let Some(step) = &self.step {
            write!(f, "/{step}")?;
        }
        Ok(())
    }
}

/// Whether dotted number `text` is `prefix` or below it (`5.7.1` under `5.7`,
/// `5.70` not).
fn under(text: &str, prefix: &str) -> bool {
    text == prefix
        || text
            .strip_prefix(prefix)
            .is_some_and(|rest| rest.starts_with('.'))
}

/// Whether the id filter `filter` (an id, an id prefix at a `/` boundary, or
/// a glob with `*` and `?`) selects `id`.
pub fn id_selects(filter: &str, id: &str) -> bool {
    if filter.contains(['*', '?']) {
        return glob_match(filter, id);
    }
    let filter = filter.trim_end_matches('/');
    id == filter
        || id
            .strip_prefix(filter)
            .is_some_and(|rest| rest.starts_with('/'))
}

/// One `--skip` term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SkipTerm {
    /// An id, id prefix or glob.
    Id(String),
    /// A citation filter.
    Section(SectionFilter),
}

impl SkipTerm {
    /// Parses a term: a section when it contains `:` or is a bare citation
    /// source, an id filter otherwise.
    pub fn parse(text: &str) -> Result<SkipTerm, FilterError> {
        if text.contains(':') || SOURCES.contains(&text) {
            SectionFilter::parse(text).map(SkipTerm::Section)
        } else {
            id_filter(text).map(SkipTerm::Id)
        }
    }

    fn matches(&self, case: &dyn Selectable) -> bool {
        match self {
            SkipTerm::Id(f) => id_selects(f, case.id()),
            SkipTerm::Section(s) => case.cites().iter().any(|c| s.matches(c)),
        }
    }
}

/// Checks an id filter's characters: ids are `[a-z0-9-/]`, globs add `*` and `?`.
fn id_filter(text: &str) -> Result<String, FilterError> {
    let ok = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit() || "-/*?".contains(c);
    if text.is_empty() || !text.chars().all(ok) {
        return Err(FilterError {
            filter: text.to_string(),
            reason: "an id filter is a case id, an id prefix or a glob ([a-z0-9-/] with * and ?)"
                .to_string(),
        });
    }
    Ok(text.to_string())
}

/// Which cases to take: include filters of four kinds and a skip list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// Id filters (union).
    pub ids: Vec<String>,
    /// Areas or `area/topic` (union).
    pub areas: Vec<String>,
    /// Section filters (union).
    pub sections: Vec<SectionFilter>,
    /// Profiles (union).
    pub profiles: Vec<ProfileId>,
    /// Excluded cases (any term excludes).
    pub skip: Vec<SkipTerm>,
}

impl Selection {
    /// Builds a selection from the texts of each kind, checking every one.
    pub fn parse(
        ids: &[String],
        areas: &[String],
        sections: &[String],
        profiles: &[ProfileId],
        skip: &[String],
    ) -> Result<Selection, FilterError> {
        let area_ok = |a: &String| {
            let parts: Vec<&str> = a.split('/').collect();
            let kebab = |p: &&str| {
                !p.is_empty()
                    && p.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            };
            if parts.len() <= 2 && parts.iter().all(kebab) {
                Ok(a.clone())
            } else {
                Err(FilterError {
                    filter: a.clone(),
                    reason: "an area is `area` or `area/topic` ([a-z0-9-])".to_string(),
                })
            }
        };
        Ok(Selection {
            ids: ids.iter().map(|i| id_filter(i)).collect::<Result<_, _>>()?,
            areas: areas.iter().map(area_ok).collect::<Result<_, _>>()?,
            sections: sections
                .iter()
                .map(|s| SectionFilter::parse(s))
                .collect::<Result<_, _>>()?,
            profiles: profiles.to_vec(),
            skip: skip
                .iter()
                .map(|s| SkipTerm::parse(s))
                .collect::<Result<_, _>>()?,
        })
    }

    /// Whether nothing restricts the selection (every case is selected).
    pub fn is_everything(&self) -> bool {
        *self == Selection::default()
    }

    /// Whether `case` is selected.
    pub fn selects(&self, case: &dyn Selectable) -> bool {
        let id = case.id();
        let ids = self.ids.is_empty() || self.ids.iter().any(|f| id_selects(f, id));
        let areas = self.areas.is_empty() || self.areas.iter().any(|a| id_selects(a, id));
        let sections = self.sections.is_empty()
            || self
                .sections
                .iter()
                .any(|s| case.cites().iter().any(|c| s.matches(c)));
        let profiles = self.profiles.is_empty()
            || case
                .profiles()
                .is_none_or(|ps| self.profiles.iter().any(|p| ps.contains(p)));
        ids && areas && sections && profiles && !self.skip.iter().any(|s| s.matches(case))
    }

    /// A one-line description, for "no case matches …" messages.
    pub fn describe(&self) -> String {
        let mut parts: Vec<String> = self.ids.clone();
        parts.extend(self.areas.iter().map(|a| format!("--area {a}")));
        parts.extend(self.sections.iter().map(|s| format!("--section {s}")));
        parts.extend(self.profiles.iter().map(|p| format!("--profile {p}")));
        parts.extend(self.skip.iter().map(|s| match s {
            SkipTerm::Id(i) => format!("--skip {i}"),
            SkipTerm::Section(s) => format!("--skip {s}"),
        }));
        if parts.is_empty() {
            "(no filter)".to_string()
        } else {
            parts.join(" ")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fake {
        id: &'static str,
        cites: Vec<Citation>,
        profiles: Option<Vec<ProfileId>>,
    }

    impl Selectable for Fake {
        fn id(&self) -> &str {
            self.id
        }
        fn cites(&self) -> &[Citation] {
            &self.cites
        }
        fn profiles(&self) -> Option<&[ProfileId]> {
            self.profiles.as_deref()
        }
    }

    fn cite(source: &str, section: &str, step: Option<&str>) -> Citation {
        Citation {
            source: source.into(),
            section: section.into(),
            step: step.map(Into::into),
        }
    }

    fn fake(id: &'static str, cites: Vec<Citation>) -> Fake {
        Fake {
            id,
            cites,
            profiles: Some(ProfileId::ALL.to_vec()),
        }
    }

    fn sel(ids: &[&str], areas: &[&str], sections: &[&str], skip: &[&str]) -> Selection {
        let v = |x: &[&str]| x.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        Selection::parse(&v(ids), &v(areas), &v(sections), &[], &v(skip)).expect("valid filters")
    }

    #[test]
    fn ids_select_exact_prefixes_at_slash_boundaries_and_globs() {
        assert!(id_selects("domain", "domain/ip/v4"));
        assert!(id_selects("domain/ip", "domain/ip/v4"));
        assert!(id_selects("domain/ip/", "domain/ip/v4"));
        assert!(id_selects("domain/ip/v4", "domain/ip/v4"));
        assert!(!id_selects("domain/ip/v4", "domain/ip/v4-mapped"));
        assert!(!id_selects("dom", "domain/ip/v4"));
        assert!(id_selects("*/v4*", "domain/ip/v4-mapped"));
        assert!(!id_selects("*/v6*", "domain/ip/v4-mapped"));
    }

    #[test]
    fn a_section_selects_itself_its_subsections_and_its_steps() {
        let f = SectionFilter::parse("rfc6265bis:5.7").expect("valid");
        assert!(f.matches(&cite("rfc6265bis", "5.7", None)));
        assert!(f.matches(&cite("rfc6265bis", "5.7", Some("16"))));
        assert!(f.matches(&cite("rfc6265bis", "5.7.1", None)));
        assert!(!f.matches(&cite("rfc6265bis", "5.70", None)));
        assert!(!f.matches(&cite("rfc6265bis", "5.6", None)));
        assert!(!f.matches(&cite("rfc6265", "5.7", None)));
    }

    #[test]
    fn a_step_selects_that_step_and_its_sub_steps_only() {
        let f = SectionFilter::parse("rfc6265bis:5.7/3").expect("valid");
        assert!(f.matches(&cite("rfc6265bis", "5.7", Some("3"))));
        assert!(f.matches(&cite("rfc6265bis", "5.7", Some("3.1"))));
        assert!(!f.matches(&cite("rfc6265bis", "5.7", Some("30"))));
        assert!(!f.matches(&cite("rfc6265bis", "5.7", None)));
        assert!(!f.matches(&cite("rfc6265bis", "5.7.1", Some("3"))));
    }

    #[test]
    fn a_bare_source_selects_all_its_citations() {
        let f = SectionFilter::parse("seed").expect("valid");
        assert!(f.matches(&cite("seed", "002", None)));
        assert!(!f.matches(&cite("rfc6265", "5.7", None)));
    }

    #[test]
    fn bad_filters_are_errors_naming_the_filter() {
        for bad in [
            "rfc9999:5.7",
            "rfc6265bis:5.x",
            "rfc6265bis:5.7/",
            "rfc6265bis:",
        ] {
            let e = SectionFilter::parse(bad).expect_err(bad);
            assert_eq!(e.filter, bad);
        }
        let v = |s: &str| vec![s.to_string()];
        assert!(Selection::parse(&v("Domain"), &[], &[], &[], &[]).is_err());
        assert!(Selection::parse(&[], &v("a/b/c"), &[], &[], &[]).is_err());
        assert!(Selection::parse(&[], &[], &[], &[], &v("rfc6265bis:x")).is_err());
    }

    #[test]
    fn kinds_intersect_and_filters_of_one_kind_unite() {
        let a = fake("domain/ip/v4", vec![cite("rfc6265bis", "5.1.3", None)]);
        let b = fake("path/match/prefix", vec![cite("rfc6265", "5.1.4", None)]);
        let s = sel(&[], &["domain", "path"], &[], &[]);
        assert!(s.selects(&a) && s.selects(&b));
        let s = sel(&[], &["domain", "path"], &["rfc6265:5.1"], &[]);
        assert!(!s.selects(&a) && s.selects(&b));
        let s = sel(&["domain/ip"], &["path"], &[], &[]);
        assert!(!s.selects(&a) && !s.selects(&b));
        assert!(Selection::default().selects(&a));
        assert!(Selection::default().is_everything());
    }

    #[test]
    fn skip_excludes_by_id_or_by_section() {
        let a = fake("domain/ip/v4", vec![cite("rfc6265bis", "5.1.3", None)]);
        let b = fake("domain/ip/v6", vec![cite("rfc6265", "5.1.4", None)]);
        let s = sel(&["domain"], &[], &[], &["*/v4"]);
        assert!(!s.selects(&a) && s.selects(&b));
        let s = sel(&["domain"], &[], &[], &["rfc6265:5.1.4"]);
        assert!(s.selects(&a) && !s.selects(&b));
        assert!(matches!(SkipTerm::parse("seed"), Ok(SkipTerm::Section(_))));
        assert!(matches!(SkipTerm::parse("domain"), Ok(SkipTerm::Id(_))));
    }

    #[test]
    fn profiles_select_cases_that_apply_and_profile_free_cases() {
        let netscape_only = Fake {
            id: "a/b/c",
            cites: vec![],
            profiles: Some(vec![ProfileId::Netscape]),
        };
        let date = Fake {
            id: "dates/d/e",
            cites: vec![],
            profiles: None,
        };
        let s = Selection {
            profiles: vec![ProfileId::Rfc6265bis],
            ..Selection::default()
        };
        assert!(!s.selects(&netscape_only));
        assert!(s.selects(&date));
        let s = Selection {
            profiles: vec![ProfileId::Rfc6265bis, ProfileId::Netscape],
            ..Selection::default()
        };
        assert!(s.selects(&netscape_only));
    }
}
