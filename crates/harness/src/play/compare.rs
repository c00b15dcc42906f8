//! Comparing the model's cookies with a vector's expected cookies: only the
//! fields the vector states are checked.

use crate::escape::quoted;
use crate::vectors::ExpectedCookie;
use cookiecheck_model::time::format_utc;
use cookiecheck_model::Cookie;
use std::collections::HashMap;

/// The fields of `expected` that `actual` does not have, one line each
/// (`path: expected "/a", actual "/"`); empty when the cookie matches.
pub fn field_mismatches(expected: &ExpectedCookie, actual: &Cookie) -> Vec<String> {
    let mut out = Vec::new();
    let mut check = |field: &str, want: Option<String>, got: String| {
        if let Some(want) = want {
            if want != got {
                out.push(format!("{field}: expected {want}, actual {got}"));
            }
        }
    };
    check("name", Some(quoted(&expected.name)), quoted(&actual.name));
    check(
        "value",
        Some(quoted(&expected.value)),
        quoted(&actual.value),
    );
    check("domain", expected.domain.clone(), actual.domain.clone());
    check(
        "path",
        expected.path.as_deref().map(quoted),
        quoted(&actual.path),
    );
    let flag = |f: Option<bool>| f.map(|b| b.to_string());
    check(
        "host-only",
        flag(expected.host_only),
        actual.host_only.to_string(),
    );
    check(
        "secure",
        flag(expected.secure),
        actual.secure_only.to_string(),
    );
    check(
        "http-only",
        flag(expected.http_only),
        actual.http_only.to_string(),
    );
    check(
        "same-site",
        expected.same_site.map(|s| s.name().to_string()),
        actual.same_site.name().to_string(),
    );
    check(
        "persistent",
        flag(expected.persistent),
        actual.persistent.to_string(),
    );
    check(
        "expires",
        expected.expires.map(expiry_text),
        if actual.persistent {
            expiry_text(actual.expiry_time)
        } else {
            "none (session cookie)".to_string()
        },
    );
    out
}

fn expiry_text(t: i64) -> String {
    format!("{t} ({})", format_utc(t))
}

/// Whether `actual` has every field `expected` states: the test
/// [`field_mismatches`] describes, without building the descriptions (it
/// runs for every candidate pairing, and diagnosis replays many).
pub fn matches(expected: &ExpectedCookie, actual: &Cookie) -> bool {
    let agrees = |want: Option<bool>, got: bool| want.is_none_or(|w| w == got);
    expected.name == actual.name
        && expected.value == actual.value
        && expected.domain.as_ref().is_none_or(|d| *d == actual.domain)
        && expected.path.as_ref().is_none_or(|p| *p == actual.path)
        && agrees(expected.host_only, actual.host_only)
        && agrees(expected.secure, actual.secure_only)
        && agrees(expected.http_only, actual.http_only)
        && expected.same_site.is_none_or(|s| s == actual.same_site)
        && agrees(expected.persistent, actual.persistent)
        && expected
            .expires
            .is_none_or(|t| actual.persistent && t == actual.expiry_time)
}

/// How a set of cookies differs from the expected set.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StoreDiff {
    /// Expected cookies that no stored cookie matches.
    pub missing: Vec<ExpectedCookie>,
    /// Stored cookies that no expected cookie matches.
    pub unexpected: Vec<Cookie>,
}

impl StoreDiff {
    /// Whether the sets are equal.
    pub fn is_empty(&self) -> bool {
        self.missing.is_empty() && self.unexpected.is_empty()
    }
}

/// Compares as sets (order does not matter): a one-to-one pairing where
/// every expected cookie matches its stored cookie. Expected cookies may
/// state few fields, so a greedy pairing could miss a valid one; this finds
/// a maximum matching (augmenting paths), with candidates looked up by
/// name and value.
pub fn compare_set(expected: &[ExpectedCookie], actual: &[Cookie]) -> StoreDiff {
    let owner = pairing(expected, actual);
    let mut matched = vec![false; expected.len()];
    for e in owner.iter().flatten() {
        matched[*e] = true;
    }
    StoreDiff {
        missing: expected
            .iter()
            .zip(&matched)
            .filter(|(_, m)| !**m)
            .map(|(e, _)| e.clone())
            .collect(),
        unexpected: actual
            .iter()
            .zip(&owner)
            .filter(|(_, o)| o.is_none())
            .map(|(c, _)| c.clone())
            .collect(),
    }
}

/// Whether [`compare_set`] finds the sets equal, without collecting what
/// differs.
pub fn set_equal(expected: &[ExpectedCookie], actual: &[Cookie]) -> bool {
    expected.len() == actual.len() && pairing(expected, actual).iter().all(Option::is_some)
}

/// The maximum one-to-one pairing: for each stored cookie, the expected
/// cookie it is paired with.
fn pairing(expected: &[ExpectedCookie], actual: &[Cookie]) -> Vec<Option<usize>> {
    let mut by_pair: HashMap<(&[u8], &[u8]), Vec<usize>> = HashMap::new();
    for (i, c) in actual.iter().enumerate() {
        by_pair.entry((&c.name, &c.value)).or_default().push(i);
    }
    let candidates: Vec<Vec<usize>> = expected
        .iter()
        .map(|e| {
            let same_pair = by_pair.get(&(e.name.as_slice(), e.value.as_slice()));
            same_pair
                .into_iter()
                .flatten()
                .copied()
                .filter(|&i| matches(e, &actual[i]))
                .collect()
        })
        .collect();
    let mut owner: Vec<Option<usize>> = vec![None; actual.len()];
    let mut visited = vec![false; actual.len()];
    for e in 0..expected.len() {
        visited.iter_mut().for_each(|v| *v = false);
        augment(e, &candidates, &mut owner, &mut visited);
    }
    owner
}

/// Kuhn's augmenting path from expected cookie `e`.
fn augment(
    e: usize,
    candidates: &[Vec<usize>],
    owner: &mut [Option<usize>],
    visited: &mut [bool],
) -> bool {
    for &a in &candidates[e] {
        if visited[a] {
            continue;
        }
        visited[a] = true;
        let free = match owner[a] {
            None => true,
            Some(other) => augment(other, candidates, owner, visited),
        };
        if free {
            owner[a] = Some(e);
            return true;
        }
    }
    false
}

/// Compares as lists (file order): the first position that differs, with
/// what differs, or `None` when equal.
pub fn compare_list(
    expected: &[ExpectedCookie],
    actual: &[Cookie],
) -> Option<(usize, Vec<String>)> {
    for (i, (e, a)) in expected.iter().zip(actual).enumerate() {
        let diffs = field_mismatches(e, a);
        if !diffs.is_empty() {
            return Some((i, diffs));
        }
    }
    if expected.len() != actual.len() {
        let i = expected.len().min(actual.len());
        let counts = format!(
            "expected {} cookies, actual {}",
            expected.len(),
            actual.len()
        );
        return Some((i, vec![counts]));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use cookiecheck_model::cookies_txt;

    fn jar(lines: &str) -> Vec<Cookie> {
        cookies_txt::read(lines.as_bytes(), 0).expect("test file is valid")
    }

    fn expected(name: &str, path: Option<&str>) -> ExpectedCookie {
        ExpectedCookie {
            name: name.as_bytes().to_vec(),
            value: b"v".to_vec(),
            path: path.map(|p| p.as_bytes().to_vec()),
            ..ExpectedCookie::default()
        }
    }

    #[test]
    fn set_comparison_ignores_order_and_unstated_fields() {
        let actual = jar("a.com\tFALSE\t/x\tFALSE\t0\ta\tv\na.com\tFALSE\t/\tFALSE\t0\ta\tv\n");
        // The loose expectation must not take the cookie the strict one needs.
        let want = [expected("a", None), expected("a", Some("/x"))];
        assert!(compare_set(&want, &actual).is_empty());
    }

    #[test]
    fn set_comparison_reports_missing_and_unexpected() {
        let actual = jar("a.com\tFALSE\t/\tFALSE\t0\tb\tv\n");
        let diff = compare_set(&[expected("a", None)], &actual);
        assert_eq!(diff.missing.len(), 1);
        assert_eq!(diff.unexpected.len(), 1);
    }

    #[test]
    fn list_comparison_is_ordered() {
        let actual = jar("a.com\tFALSE\t/\tFALSE\t0\tb\tv\na.com\tFALSE\t/\tFALSE\t0\ta\tv\n");
        let want = [expected("a", None), expected("b", None)];
        assert_eq!(compare_list(&want, &actual).map(|(i, _)| i), Some(0));
    }
}
