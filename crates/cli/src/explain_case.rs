//! `cookiecheck explain --case`: a bundled case's steps with the model's
//! decisions under each profile side by side, each with its rule and citation.

use crate::filter::{bundled_files, FilterArgs};
use anyhow::{bail, Result};
use cookiecheck::escape::quoted_short;
use cookiecheck::play::describe::{self, SHOWN};
use cookiecheck::play::{
    date_text, play_case, play_date, play_txt, txt_summary, CaseResult, StepRecord,
};
use cookiecheck::vectors::{Case, DateCase, Step, TxtCase};
use cookiecheck_model::{ProfileId, Rule};
use std::fmt::Write as _;

/// The explanation of every selected case.
pub fn explain_cases(ids: &[String], filter: &FilterArgs) -> Result<String> {
    let selection = filter.selection(ids)?;
    let mut out = String::new();
    let mut shown = 0;
    for file in bundled_files()? {
        for case in file.cases.iter().filter(|c| selection.selects(*c)) {
            if shown > 0 {
                out.push('\n');
            }
            shown += 1;
            let profiles: Vec<ProfileId> = case
                .profiles
                .iter()
                .copied()
                .filter(|p| filter.profiles.is_empty() || filter.profiles.contains(p))
                .collect();
            explain_case(&mut out, case, &profiles);
        }
        for d in file.dates.iter().filter(|d| selection.selects(*d)) {
            out.push_str(if shown > 0 { "\n" } else { "" });
            shown += 1;
            explain_date(&mut out, d);
        }
        for t in file.txts.iter().filter(|t| selection.selects(*t)) {
            out.push_str(if shown > 0 { "\n" } else { "" });
            shown += 1;
            explain_txt(&mut out, t);
        }
    }
    if shown == 0 {
        bail!("no case matches {}", selection.describe());
    }
    Ok(out)
}

fn header(out: &mut String, id: &str, note: &str, cites: &[cookiecheck::vectors::Citation]) {
    let cites: Vec<String> = cites.iter().map(ToString::to_string).collect();
    let _ = writeln!(out, "case {id}: {note}");
    let _ = writeln!(out, "  cites:   {}", cites.join(", "));
}

/// A cookie-date case: the same algorithm under every profile.
fn explain_date(out: &mut String, d: &DateCase) {
    header(out, &d.id, &d.note, &d.cites);
    let _ = writeln!(out, "  defined: {}", d.location);
    let r = play_date(d);
    let _ = writeln!(out, "  input:   {}", quoted_short(&d.input, SHOWN));
    let _ = writeln!(out, "  model:   {} (every profile)", date_text(r.actual));
    let _ = writeln!(out, "  vector:  {}", date_text(d.expect));
}

/// A cookies.txt case: the reader (and writer) under every profile.
fn explain_txt(out: &mut String, t: &TxtCase) {
    header(out, &t.id, &t.note, &t.cites);
    let _ = writeln!(out, "  defined: {}", t.location);
    let r = play_txt(t);
    let _ = writeln!(out, "  input:   {}", quoted_short(&t.input, 4 * SHOWN));
    let _ = writeln!(out, "  model:   {} (every profile)", txt_summary(&r));
    if let Some(f) = &r.failure {
        let _ = writeln!(out, "  MODEL DISAGREES: the vector expects {}", f.expected);
    }
}

fn rule_text(rule: Rule, profile: ProfileId) -> String {
    format!("{} ({})", rule.code(), rule.citation(profile))
}

fn explain_case(out: &mut String, case: &Case, profiles: &[ProfileId]) {
    header(out, &case.id, &case.note, &case.cites);
    let _ = writeln!(out, "  defined: {}", case.location);
    let results: Vec<(ProfileId, CaseResult)> =
        profiles.iter().map(|&p| (p, play_case(case, p))).collect();
    let w = profiles.iter().map(|p| p.name().len()).max().unwrap_or(8) + 2;
    for (i, step) in case.steps.iter().enumerate() {
        let record = |p: usize| results.get(p).and_then(|(_, r)| r.steps.get(i));
        match step {
            Step::Set { url, lines, .. } => {
                let _ = writeln!(out, "  {:>2}. set {url}", i + 1);
                for (j, line) in lines.iter().enumerate() {
                    let _ = writeln!(out, "      {}", quoted_short(line, SHOWN));
                    for (k, (p, _)) in results.iter().enumerate() {
                        let text = match record(k) {
                            Some(StepRecord::Set(reports)) => match reports.get(j) {
                                Some(r) => {
                                    let mut t = rule_text(r.decision, *p);
                                    for n in &r.notes {
                                        let _ = write!(
                                            t,
                                            "; {}: {}",
                                            n.attribute,
                                            rule_text(n.rule, *p)
                                        );
                                    }
                                    for e in &r.evicted {
                                        let _ = write!(
                                            t,
                                            "; evicted {}: {}",
                                            describe::pair(&e.cookie.name, &e.cookie.value),
                                            rule_text(e.rule, *p)
                                        );
                                    }
                                    t
                                }
                                None => "(not played)".to_string(),
                            },
                            other => other_text(other),
                        };
                        let _ = writeln!(out, "        {:<w$}{text}", p.name());
                    }
                }
            }
            Step::Get { url, expect, .. } => {
                let _ = writeln!(out, "  {:>2}. get {url}", i + 1);
                for (k, (p, result)) in results.iter().enumerate() {
                    let expected = expect.for_profile(*p).map(|e| describe::header(e));
                    let text = match record(k) {
                        Some(StepRecord::Get(r)) => {
                            let sent = describe::header(r.header_bytes());
                            let mark = if result.failure.as_ref().and_then(|f| f.step) == Some(i) {
                                format!(
                                    "   MODEL DISAGREES: the vector expects {}",
                                    expected.unwrap_or_default()
                                )
                            } else {
                                String::new()
                            };
                            let mut t = format!("{sent}{mark}");
                            for wh in &r.withheld {
                                let _ = write!(
                                    t,
                                    "; not sent {}: {}",
                                    describe::pair(&wh.cookie.name, &wh.cookie.value),
                                    rule_text(wh.rule, *p)
                                );
                            }
                            if let Some(rule) = r.aborted {
                                let _ = write!(t, "; aborted: {}", rule_text(rule, *p));
                            }
                            t
                        }
                        other => other_text(other),
                    };
                    let _ = writeln!(out, "        {:<w$}{text}", p.name());
                }
            }
            other => {
                let _ = writeln!(out, "  {:>2}. {}", i + 1, step_title(other));
                for (k, (p, _)) in results.iter().enumerate() {
                    let _ = writeln!(out, "        {:<w$}{}", p.name(), other_text(record(k)));
                }
            }
        }
    }
}

fn step_title(step: &Step) -> String {
    match step {
        Step::Advance(n) => format!("advance {n} s"),
        other => other.kind().to_string(),
    }
}

/// A record of a step other than `set` and `get`.
fn other_text(record: Option<&StepRecord>) -> String {
    let evicted = |list: &[cookiecheck_model::Evicted]| -> String {
        list.iter()
            .map(|e| {
                format!(
                    "; evicted {} ({})",
                    describe::pair(&e.cookie.name, &e.cookie.value),
                    e.rule.code()
                )
            })
            .collect()
    };
    match record {
        None => "(not played: the model stopped earlier)".to_string(),
        Some(StepRecord::Advance { now, evicted: e }) => format!("now {now}{}", evicted(e)),
        Some(StepRecord::EndSession(e)) => format!("session ended{}", evicted(e)),
        Some(StepRecord::Reload(Ok(()))) => "saved and loaded".to_string(),
        Some(StepRecord::Reload(Err(e))) => format!("reload failed: {e}"),
        Some(StepRecord::Store { cookies, diff }) => {
            let pairs: Vec<String> = cookies
                .iter()
                .map(|c| describe::pair(&c.name, &c.value))
                .collect();
            let verdict = if diff.is_empty() {
                ""
            } else {
                "   MODEL DISAGREES with the vector's store"
            };
            format!("[{}]{verdict}", pairs.join(", "))
        }
        Some(StepRecord::Panicked(m)) => format!("PANIC: {m}"),
        Some(other) => format!("{other:?}"),
    }
}
