//! A distinct finding written as a vector file: the shrunk case with the
//! model's answers, the rule's citation, and comments saying how it was
//! found and how to replay it.

use super::{kebab, Distinct};
use crate::vectors::write::case_to_toml;
use crate::vectors::Citation;
use std::fmt::Write as _;

/// `RFC 6265bis §5.7 step 24` → `rfc6265bis:5.7/24`; `Netscape seed 002 …`
/// → `seed:002`. The first section named wins; `None` when the text names
/// none.
pub fn parse_citation(text: &str) -> Option<Citation> {
    if let Some(rest) = text.split("seed ").nth(1) {
        let doc: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if !doc.is_empty() {
            return Some(Citation {
                source: "seed".into(),
                section: doc,
                step: None,
            });
        }
    }
    let source = if text.contains("6265bis") {
        "rfc6265bis"
    } else if text.contains("6265") {
        "rfc6265"
    } else if text.contains("2109") {
        "rfc2109"
    } else {
        return None;
    };
    let after = text.split('§').nth(1)?;
    let number = |s: &str| -> String {
        let n: String = s
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        n.trim_end_matches('.').to_string()
    };
    let section = number(after);
    if section.is_empty() {
        return None;
    }
    let clause = after.split([',', ';', '(']).next().unwrap_or(after);
    let step = clause
        .split("step ")
        .nth(1)
        .map(number)
        .filter(|s| !s.is_empty());
    Some(Citation {
        source: source.into(),
        section,
        step,
    })
}

/// The file name for `d`: `<rule-code>-<kind>.toml`.
pub fn file_name(d: &Distinct) -> String {
    format!("{}.toml", case_name(d))
}

/// The longest case name kept whole; a longer one (a cause of many
/// variants) is cut and ends in a hash of the whole name, so file names stay
/// within every file system's limit and distinct causes stay distinct.
pub const MAX_NAME: usize = 96;

fn case_name(d: &Distinct) -> String {
    let name = if d.key.kind == "mismatch" {
        kebab(&d.key.code)
    } else {
        kebab(&format!("{}-{}", d.key.code, d.key.kind))
    };
    bounded(name)
}

fn bounded(name: String) -> String {
    if name.len() <= MAX_NAME {
        return name;
    }
    let hash = crate::escape::fnv1a(name.as_bytes());
    // kebab() gives ASCII, so any byte index is a char boundary.
    format!("{}-{:08x}", &name[..MAX_NAME - 9], hash as u32)
}

/// The vector file for `d`. `origin` says how it was found (one line);
/// `replay` is the command that replays it.
pub fn finding_file(subject: &str, d: &Distinct, origin: &str, replay: &str) -> String {
    let mut case = d.case.clone();
    let (expected, actual) = d.finding.expected_actual();
    case.id = format!("explore/{}/{}", kebab(subject), case_name(d));
    case.note = format!(
        "{subject} departs from the model: {} ({})",
        d.key.code, d.finding.rule.citation
    )
    .replace('\n', " ");
    if let Some(c) = parse_citation(&d.finding.rule.citation) {
        case.cites = vec![c];
    }
    let mut out = String::new();
    let _ = writeln!(out, "# Subject `{subject}`: {origin}");
    let _ = writeln!(
        out,
        "# Rule: {} ({}); kind: {}; {} case(s) gave this finding.",
        d.key.code, d.finding.rule.citation, d.key.kind, d.count
    );
    let _ = writeln!(
        out,
        "# The first had {} events and lines; shrunk to {}.",
        d.original_size,
        d.scenario.size()
    );
    let _ = writeln!(out, "# Replay: {replay}");
    let _ = writeln!(
        out,
        "# Step {}: the model gives {expected}; the subject gives {actual}.",
        d.finding.step.map_or("-".to_string(), |s| s.to_string())
    );
    if let Some(reason) = &d.known {
        let _ = writeln!(out, "# Known departure: {reason}");
    }
    let _ = writeln!(
        out,
        "# The expectations below are the reference model's answers. Work them out\n\
         # by hand from the cited section before moving this case into vectors/."
    );
    out.push('\n');
    out.push_str(&case_to_toml(&case));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_names_are_cut_with_a_hash_and_stay_distinct() {
        let short = "store-order".to_string();
        assert_eq!(bounded(short.clone()), short);
        let a = bounded("x-".repeat(100) + "a");
        let b = bounded("x-".repeat(100) + "b");
        assert_eq!(a.len(), MAX_NAME);
        assert_ne!(a, b);
    }

    #[test]
    fn citations_become_vector_citations() {
        let c = |t: &str| parse_citation(t).map(|c| c.to_string());
        assert_eq!(
            c("RFC 6265bis §5.7 step 24").as_deref(),
            Some("rfc6265bis:5.7/24")
        );
        assert_eq!(c("RFC 6265 §5.2 step 2").as_deref(), Some("rfc6265:5.2/2"));
        assert_eq!(
            c("RFC 6265bis §5.1.2, §5.7 step 9.2").as_deref(),
            Some("rfc6265bis:5.1.2")
        );
        assert_eq!(
            c("Netscape seed 002 (4096 bytes per cookie description)").as_deref(),
            Some("seed:002")
        );
        assert_eq!(c("RFC 6265 §5.4."), Some("rfc6265:5.4".to_string()));
        assert_eq!(c("the subject misbehaved"), None);
    }
}
