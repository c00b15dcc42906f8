//! The terminal report: the subjects x areas matrix, the departures grouped
//! by rule, and the expected-failure problems.

use super::{area_names, departures, fingerprint, list_problems};
use cookiecheck::run::{SubjectRun, Tally};
use std::fmt::Write as _;

fn cell(t: &Tally) -> String {
    format!(
        "{}/{}/{}",
        t.pass,
        t.fail + t.expected + t.declared + t.unexpected_pass,
        t.unsupported
    )
}

/// The terminal report.
pub fn text(runs: &[SubjectRun], notices: &[String], cases: usize, verbose: bool) -> String {
    let mut out = String::new();
    for n in notices {
        let _ = writeln!(out, "notice: {n}");
    }
    let areas = area_names(runs);
    let name_w = runs.iter().map(|r| r.name.len()).max().unwrap_or(7).max(7) + 2;
    let col = |a: &str| a.len().max(9) + 1;
    let _ = writeln!(out, "{cases} cases; each cell is pass/fail/unsupported (fail includes declared variants and listed expected failures)\n");
    let _ = write!(out, "{:<name_w$}{:<11}", "subject", "profile");
    for a in &areas {
        let _ = write!(out, "{:<w$}", a, w = col(a));
    }
    let _ = writeln!(
        out,
        "{:<12}{:>9}{:>7}{:>7}{:>9}{:>6}",
        "total", "declared", "listed", "depart", "unexp.ok", "n/a"
    );
    for r in runs {
        let by_area = r.by_area();
        let _ = write!(
            out,
            "{:<name_w$}{:<11}",
            r.name,
            r.capabilities.profile.name()
        );
        for a in &areas {
            let t = by_area.get(a).copied().unwrap_or_default();
            let _ = write!(out, "{:<w$}", cell(&t), w = col(a));
        }
        let t = r.total();
        let _ = writeln!(
            out,
            "{:<12}{:>9}{:>7}{:>7}{:>9}{:>6}",
            cell(&t),
            t.declared,
            t.expected,
            t.fail,
            t.unexpected_pass,
            t.not_applicable
        );
    }
    out.push_str(&fingerprint_text(runs));
    let groups = departures(runs);
    let _ = writeln!(out);
    if groups.is_empty() {
        let _ = writeln!(
            out,
            "departures: none (every failure is a declared variant or listed in subjects/<subject>.toml)"
        );
    } else {
        let total: usize = groups.values().map(Vec::len).sum();
        let _ = writeln!(out, "departures by cause ({total}):");
        for (cause, items) in &groups {
            let _ = writeln!(out, "\n{cause}: {}", items.len());
            for (subject, f) in items {
                let (expected, actual) = f.expected_actual();
                let _ = writeln!(
                    out,
                    "  {subject:<18} {}  expected {expected}, got {actual}",
                    f.case
                );
            }
            let shown = if verbose { items.len() } else { 1 };
            for (subject, f) in items.iter().take(shown) {
                let _ = writeln!(out, "  --- {subject}");
                for line in f.render(subject).lines() {
                    let _ = writeln!(out, "  | {line}");
                }
            }
        }
    }
    let problems = list_problems(runs);
    let _ = writeln!(out);
    if problems.is_empty() {
        let _ = writeln!(out, "expected-failure lists: exact");
    } else {
        let _ = writeln!(out, "expected-failure problems ({}):", problems.len());
        for p in problems {
            let _ = writeln!(out, "  {p}");
        }
    }
    out
}

/// The fingerprint: rule variants x subjects (`D n`: declared, explains n
/// cases; `! n`: not declared, explains n cases).
fn fingerprint_text(runs: &[SubjectRun]) -> String {
    let rows = fingerprint::table(runs);
    let mut out = String::new();
    if rows.is_empty() {
        return out;
    }
    let id_w = rows.iter().map(|(v, _)| v.id().len()).max().unwrap_or(8) + 2;
    let _ = writeln!(
        out,
        "\nfingerprint: rule variants x subjects (D n: declared, explains n cases; ! n: explains n cases, not declared)\n"
    );
    let _ = write!(out, "{:<id_w$}", "variant");
    for r in runs {
        let _ = write!(out, "{:>w$}", r.name, w = r.name.len().max(6) + 2);
    }
    let _ = writeln!(out);
    for (v, cells) in rows {
        let _ = write!(out, "{:<id_w$}", v.id());
        for (r, c) in runs.iter().zip(cells) {
            let _ = write!(out, "{:>w$}", c.text(), w = r.name.len().max(6) + 2);
        }
        let _ = writeln!(out, "  {}", v.info().citation);
    }
    out
}
