//! Text for people: failure messages with a re-run hint, and the snapshot
//! of the model's verdict on a vector file.

use crate::escape::quoted_short;
use crate::play::describe::{self, SHOWN};
use crate::play::{
    date_text, play_case, play_date, play_txt, txt_summary, CaseResult, DateResult, Failure,
    StepRecord, TxtResult,
};
use crate::vectors::{Case, DateCase, Step, TxtCase, VectorFile};
use cookiecheck_model::same_site::{Api, SiteStatus};
use cookiecheck_model::{Evicted, ProfileId, RequestContext};
use std::fmt::Write as _;

/// The trial name of a case: `<id>@<profile>` for scenarios, the id alone
/// for date and txt cases.
pub fn trial_name(id: &str, profile: Option<ProfileId>) -> String {
    match profile {
        Some(p) => format!("{id}@{p}"),
        None => id.to_string(),
    }
}

/// The command that re-runs exactly one trial.
pub fn rerun_hint(trial: &str) -> String {
    format!("cargo test -p cookiecheck --test vectors -- '{trial}' --exact")
}

/// The non-default context keys of a step, as written in vector files.
fn context_text(ctx: &RequestContext, method: &str) -> String {
    let mut out = String::new();
    if ctx.api == Api::NonHttp {
        out.push_str(" api=non-http");
    }
    if ctx.site == SiteStatus::CrossSite {
        out.push_str(" site=cross-site");
    }
    if !ctx.top_level {
        out.push_str(" top-level=false");
    }
    if method != "GET" {
        let _ = write!(out, " method={method}");
    }
    out
}

/// The steps of `case` with what the model did at each, the model's own
/// failing step (against the vector) marked.
pub fn render_steps(case: &Case, result: &CaseResult) -> String {
    render_steps_marking(case, result, result.failure.as_ref().and_then(|f| f.step))
}

/// The steps of `case` with what the model did at each, step `failed`
/// (zero-based: where a subject first differed) marked.
pub fn render_steps_marking(case: &Case, result: &CaseResult, failed: Option<usize>) -> String {
    let mut out = String::new();
    for (i, step) in case.steps.iter().enumerate() {
        let record = result.steps.get(i);
        let mark = if failed == Some(i) {
            "   <-- first failure"
        } else {
            ""
        };
        let _ = write!(out, "  {:>2}. ", i + 1);
        match (step, record) {
            (
                Step::Set {
                    url,
                    lines,
                    ctx,
                    method,
                },
                rec,
            ) => {
                let _ = writeln!(out, "set {url}{}{mark}", context_text(ctx, method));
                let codes = rec.map(StepRecord::decision_codes).unwrap_or_default();
                for (j, line) in lines.iter().enumerate() {
                    let code = codes.get(j).copied().unwrap_or("(not played)");
                    let _ = writeln!(out, "        {} -> {code}", quoted_short(line, SHOWN));
                }
            }
            (
                Step::Get {
                    url,
                    ctx,
                    method,
                    expect,
                },
                rec,
            ) => {
                let _ = writeln!(out, "get {url}{}{mark}", context_text(ctx, method));
                if let Some(e) = expect.for_profile(result.profile) {
                    let _ = writeln!(out, "        expect {}", describe::header(e));
                }
                if let Some(sent) = rec.and_then(StepRecord::sent_header) {
                    let _ = writeln!(out, "        model  {}", describe::header(sent));
                }
            }
            (Step::Advance(n), _) => {
                let _ = writeln!(out, "advance {n}{mark}");
            }
            (Step::Store(expect), _) => {
                let n = expect.for_profile(result.profile).map_or(0, Vec::len);
                let _ = writeln!(out, "store ({n} cookie(s) expected){mark}");
            }
            (other, _) => {
                let _ = writeln!(out, "{}{mark}", other.kind());
            }
        }
    }
    out
}

fn failure_block(out: &mut String, f: &Failure) {
    let indent = |s: &str| s.replace('\n', "\n           ");
    let _ = writeln!(out, "expected:  {}", indent(&f.expected));
    let _ = writeln!(out, "actual:    {}", indent(&f.actual));
    if !f.explanation.is_empty() {
        let _ = writeln!(out, "why (the model's explanation):");
        for line in &f.explanation {
            let _ = writeln!(out, "  {line}");
        }
    }
}

fn header_block(out: &mut String, id: &str, profile: Option<ProfileId>, note: &str, at: &str) {
    let _ = writeln!(out, "case:      {id}");
    if let Some(p) = profile {
        let _ = writeln!(out, "profile:   {p}");
    }
    let _ = writeln!(out, "note:      {note}");
    let _ = writeln!(out, "defined:   {at}");
}

/// The message of a failing scenario trial: id, profile, steps, expected vs
/// actual, the model's explanation and a re-run command. Empty if it passed.
pub fn case_failure_message(case: &Case, result: &CaseResult) -> String {
    let Some(f) = &result.failure else {
        return String::new();
    };
    let mut out = String::new();
    let location = case.location.to_string();
    header_block(
        &mut out,
        &case.id,
        Some(result.profile),
        &case.note,
        &location,
    );
    let _ = writeln!(out, "steps:");
    out.push_str(&render_steps(case, result));
    if let Some(i) = f.step {
        let _ = writeln!(
            out,
            "first failing step: {} ({})",
            i + 1,
            case.steps.get(i).map_or("?", Step::kind)
        );
    }
    failure_block(&mut out, f);
    let trial = trial_name(&case.id, Some(result.profile));
    let _ = writeln!(out, "re-run:    {}", rerun_hint(&trial));
    out
}

/// The message of a failing date trial. Empty if it passed.
pub fn date_failure_message(case: &DateCase, result: &DateResult) -> String {
    let Some(f) = &result.failure else {
        return String::new();
    };
    let mut out = String::new();
    header_block(
        &mut out,
        &case.id,
        None,
        &case.note,
        &case.location.to_string(),
    );
    failure_block(&mut out, f);
    let _ = writeln!(out, "re-run:    {}", rerun_hint(&case.id));
    out
}

/// The message of a failing txt trial. Empty if it passed.
pub fn txt_failure_message(case: &TxtCase, result: &TxtResult) -> String {
    let Some(f) = &result.failure else {
        return String::new();
    };
    let mut out = String::new();
    header_block(
        &mut out,
        &case.id,
        None,
        &case.note,
        &case.location.to_string(),
    );
    let _ = writeln!(out, "input:     {}", quoted_short(&case.input, 4 * SHOWN));
    failure_block(&mut out, f);
    let _ = writeln!(out, "re-run:    {}", rerun_hint(&case.id));
    out
}

fn evicted_text(evicted: &[Evicted]) -> String {
    evicted
        .iter()
        .map(|e| {
            format!(
                " [evicted {} {}]",
                describe::pair(&e.cookie.name, &e.cookie.value),
                e.rule.code()
            )
        })
        .collect()
}

/// The model's verdict on one scenario for one profile, step by step.
pub fn verdict_lines(case: &Case, result: &CaseResult) -> Vec<String> {
    let mut out = Vec::new();
    for (i, (step, record)) in case.steps.iter().zip(&result.steps).enumerate() {
        let n = i + 1;
        match (step, record) {
            (
                Step::Set {
                    url,
                    lines,
                    ctx,
                    method,
                },
                StepRecord::Set(reports),
            ) => {
                out.push(format!("{n} set {url}{}", context_text(ctx, method)));
                for (line, r) in lines.iter().zip(reports) {
                    let notes: Vec<&str> = r.notes.iter().map(|n| n.rule.code()).collect();
                    let notes = if notes.is_empty() {
                        String::new()
                    } else {
                        format!(" ({})", notes.join(", "))
                    };
                    out.push(format!(
                        "  {} -> {}{notes}{}",
                        quoted_short(line, 60),
                        r.decision.code(),
                        evicted_text(&r.evicted)
                    ));
                }
            }
            (
                Step::Get {
                    url, ctx, method, ..
                },
                StepRecord::Get(r),
            ) => out.push(format!(
                "{n} get {url}{} -> {}{}",
                context_text(ctx, method),
                describe::header(r.header_bytes()),
                evicted_text(&r.evicted)
            )),
            (_, StepRecord::Advance { now, evicted }) => {
                out.push(format!("{n} advance to {now}{}", evicted_text(evicted)))
            }
            (_, StepRecord::EndSession(evicted)) => {
                out.push(format!("{n} end-session{}", evicted_text(evicted)))
            }
            (_, StepRecord::Reload(r)) => out.push(match r {
                Ok(()) => format!("{n} reload"),
                Err(e) => format!("{n} reload failed: {e}"),
            }),
            (_, StepRecord::Store { cookies, .. }) => {
                let pairs: Vec<String> = cookies
                    .iter()
                    .map(|c| describe::pair(&c.name, &c.value))
                    .collect();
                out.push(format!("{n} store: [{}]", pairs.join(", ")));
            }
            (_, StepRecord::Panicked(m)) => out.push(format!("{n} PANIC: {m}")),
            _ => out.push(format!(
                "{n} {} (record does not match the step)",
                step.kind()
            )),
        }
    }
    out
}

/// The snapshot of a vector file: for each scenario the verdict per
/// profile (profiles with identical verdicts share one block), then each
/// date and txt result.
pub fn snapshot(file: &VectorFile) -> String {
    let mut out = String::new();
    for case in &file.cases {
        let mut groups: Vec<(Vec<ProfileId>, Vec<String>)> = Vec::new();
        for &p in &case.profiles {
            let lines = verdict_lines(case, &play_case(case, p));
            match groups.iter_mut().find(|(_, l)| *l == lines) {
                Some((ps, _)) => ps.push(p),
                None => groups.push((vec![p], lines)),
            }
        }
        for (profiles, lines) in groups {
            let names: Vec<&str> = profiles.iter().map(|p| p.name()).collect();
            let _ = writeln!(out, "== {} @ {}", case.id, names.join(","));
            for line in lines {
                let _ = writeln!(out, "{line}");
            }
        }
    }
    for case in &file.dates {
        let r = play_date(case);
        let _ = writeln!(
            out,
            "== {}: {} -> {}",
            case.id,
            quoted_short(&case.input, 80),
            date_text(r.actual)
        );
    }
    for case in &file.txts {
        let r = play_txt(case);
        let _ = writeln!(out, "== {}: {}", case.id, txt_summary(&r));
    }
    out
}
