//! The HTML report (`--format html`): one self-contained page (inline CSS,
//! one inline script, no external resource) in the manner of JSONTestSuite's
//! results table: a row per case grouped by area, a column per subject,
//! every cell linked to the details of that case on that subject.
//!
//! Everything that comes from a vector or a subject goes through
//! [`escape`]: cookie values are hostile input.

use super::xml::escape;
use super::{area_names, list_problems};
use cookiecheck::differ::{rerun_command, Finding, Outcome};
use cookiecheck::expected::Listed;
use cookiecheck::play::play_case;
use cookiecheck::report::render_steps;
use cookiecheck::run::{CaseOutcome, SubjectRun};
use cookiecheck::vectors::Case;
use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::Arc;

const STYLE: &str = "
body{font-family:system-ui,sans-serif;margin:1em;color:#111}
table{border-collapse:collapse}
th,td{border:1px solid #ccc;padding:1px 4px;font-size:12px}
#matrix td.cell{text-align:center;width:2.2em}
#matrix td.cell a{display:block;color:inherit;text-decoration:none}
th.subject{writing-mode:vertical-rl;white-space:nowrap}
tr.area th{background:#eee;text-align:left}
td.id{font-family:monospace;white-space:nowrap}
.pass{background:#8d8}.fail{background:#f66}.expected{background:#fc6}
.unexpected{background:#c6f}.unsupported{background:#ddd}.na{background:#fff;color:#999}
pre{background:#f6f6f6;padding:.5em;overflow-x:auto;white-space:pre-wrap}
section{border-top:1px solid #ccc;margin-top:1em}
";

/// The class, symbol and words of one cell.
fn cell_kind(o: &CaseOutcome) -> (&'static str, &'static str, &'static str) {
    match (o.listed, &o.outcome) {
        (Listed::Pass, _) => ("pass", "✓", "pass"),
        (Listed::Departure, _) => ("fail", "✗", "departure"),
        (Listed::ExpectedFailure, _) => ("expected", "x", "expected failure (listed)"),
        (Listed::Declared, _) => ("expected", "v", "declared variant (known departure)"),
        (Listed::LeftOpen, _) => ("pass", "~", "left open by the text"),
        (Listed::UnexpectedPass, _) => ("unexpected", "!", "unexpected pass (listed, passes)"),
        (Listed::NotRun, Outcome::NotApplicable) => ("na", "·", "not applicable"),
        (Listed::NotRun, _) => ("unsupported", "?", "unsupported"),
    }
}

fn case_anchor(id: &str) -> String {
    format!("case-{id}")
}

fn finding_anchor(subject: &str, id: &str) -> String {
    format!("f-{subject}-{id}")
}

/// The page.
pub fn html(runs: &[SubjectRun], cases: &[Arc<Case>], notices: &[String]) -> String {
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<title>cookiecheck report</title>\n<style>");
    out.push_str(STYLE);
    out.push_str("</style>\n</head>\n<body>\n<h1>cookiecheck report</h1>\n");
    let clean = runs.iter().all(SubjectRun::is_clean);
    let _ = writeln!(
        out,
        "<p id=\"summary\">{} cases × {} subjects: {}</p>",
        cases.len(),
        runs.len(),
        if clean {
            "every subject matches the model or its expected-failure list"
        } else {
            "departures, unexpected passes or stale entries (see below)"
        }
    );
    for n in notices {
        let _ = writeln!(out, "<p class=\"notice\">notice: {}</p>", escape(n));
    }
    out.push_str(
        "<p>Legend: <span class=\"pass\">✓ pass</span> <span class=\"fail\">✗ departure</span> \
         <span class=\"expected\">x expected failure</span> \
         <span class=\"unexpected\">! unexpected pass</span> \
         <span class=\"unsupported\">? unsupported</span> <span class=\"na\">· not applicable</span></p>\n",
    );
    totals(&mut out, runs);
    problems(&mut out, runs);
    let index: Vec<HashMap<&str, &CaseOutcome>> = runs
        .iter()
        .map(|r| r.outcomes.iter().map(|o| (o.case.id.as_str(), o)).collect())
        .collect();
    matrix(&mut out, runs, cases, &index);
    out.push_str("<h2>Findings</h2>\n");
    for (r, outcomes) in runs.iter().zip(&index) {
        for case in cases {
            if let Some(f) = outcomes.get(case.id.as_str()).and_then(|o| {
                o.outcome
                    .finding()
                    .map(|f| (f, o.listed == Listed::ExpectedFailure))
            }) {
                finding_section(&mut out, &r.name, f.0, f.1);
            }
        }
    }
    out.push_str("<h2>Cases</h2>\n");
    for case in cases {
        case_section(&mut out, case);
    }
    out.push_str(
        "<script>document.documentElement.setAttribute('data-rendered', \
         String(document.querySelectorAll('#matrix td.cell').length));</script>\n",
    );
    out.push_str("</body>\n</html>\n");
    out
}

fn totals(out: &mut String, runs: &[SubjectRun]) {
    let areas = area_names(runs);
    out.push_str("<h2>Subjects × areas</h2>\n<p>Each cell: pass / fail (listed included) / unsupported.</p>\n<table id=\"totals\">\n<tr><th>subject</th><th>profile</th>");
    for a in &areas {
        let _ = write!(out, "<th>{}</th>", escape(a));
    }
    out.push_str("<th>listed</th><th>departures</th><th>unexpected passes</th></tr>\n");
    for r in runs {
        let by_area = r.by_area();
        let _ = write!(
            out,
            "<tr><th>{}</th><td>{}</td>",
            escape(&r.name),
            escape(r.capabilities.profile.name())
        );
        for a in &areas {
            let t = by_area.get(a).copied().unwrap_or_default();
            let _ = write!(
                out,
                "<td>{}/{}/{}</td>",
                t.pass,
                t.fail + t.expected + t.unexpected_pass,
                t.unsupported
            );
        }
        let t = r.total();
        let _ = writeln!(
            out,
            "<td>{}</td><td>{}</td><td>{}</td></tr>",
            t.expected, t.fail, t.unexpected_pass
        );
    }
    out.push_str("</table>\n");
}

fn problems(out: &mut String, runs: &[SubjectRun]) {
    let problems = list_problems(runs);
    if problems.is_empty() {
        return;
    }
    out.push_str("<h2>Expected-failure problems</h2>\n<ul id=\"problems\">\n");
    for p in problems {
        let _ = writeln!(out, "<li>{}</li>", escape(&p));
    }
    out.push_str("</ul>\n");
}

fn matrix(
    out: &mut String,
    runs: &[SubjectRun],
    cases: &[Arc<Case>],
    index: &[HashMap<&str, &CaseOutcome>],
) {
    out.push_str("<h2>Cases × subjects</h2>\n<table id=\"matrix\">\n<tr><th>case</th>");
    for r in runs {
        let _ = write!(out, "<th class=\"subject\">{}</th>", escape(&r.name));
    }
    out.push_str("</tr>\n");
    let mut area = "";
    for case in cases {
        let this_area = case.id.split('/').next().unwrap_or("");
        if this_area != area {
            area = this_area;
            let _ = writeln!(
                out,
                "<tr class=\"area\"><th colspan=\"{}\">{}</th></tr>",
                runs.len() + 1,
                escape(area)
            );
        }
        let _ = write!(
            out,
            "<tr class=\"case\"><td class=\"id\"><a href=\"#{}\">{}</a></td>",
            escape(&case_anchor(&case.id)),
            escape(&case.id)
        );
        for (r, outcomes) in runs.iter().zip(index) {
            match outcomes.get(case.id.as_str()) {
                Some(o) => {
                    let (class, symbol, words) = cell_kind(o);
                    let target = if o.outcome.finding().is_some() {
                        finding_anchor(&r.name, &case.id)
                    } else {
                        case_anchor(&case.id)
                    };
                    let title = match &o.outcome {
                        Outcome::Unsupported(why) => format!("{}: {words}: {why}", r.name),
                        _ => format!("{}: {words}", r.name),
                    };
                    let _ = write!(
                        out,
                        "<td class=\"cell {class}\" title=\"{}\"><a href=\"#{}\">{symbol}</a></td>",
                        escape(&title),
                        escape(&target)
                    );
                }
                None => out.push_str("<td class=\"cell na\" title=\"not run\">·</td>"),
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table>\n");
}

fn finding_section(out: &mut String, subject: &str, f: &Finding, listed: bool) {
    let (expected, actual) = f.expected_actual();
    let _ = writeln!(
        out,
        "<section class=\"finding\" id=\"{}\">\n<h3>{} on {}{}</h3>",
        escape(&finding_anchor(subject, &f.case)),
        escape(&f.case),
        escape(subject),
        if listed { " (expected failure)" } else { "" }
    );
    let _ = writeln!(
        out,
        "<p><a href=\"#{}\">the case</a>; profile {}; kind {}{}</p>",
        escape(&case_anchor(&f.case)),
        escape(f.profile.name()),
        escape(f.kind.name()),
        f.step
            .map(|s| format!("; step {}", s + 1))
            .unwrap_or_default()
    );
    let _ = writeln!(
        out,
        "<p>rule: <b>{}</b> ({})</p>\n<p>expected: <code>{}</code></p>\n<p>actual: <code>{}</code></p>",
        escape(&f.rule.code),
        escape(&f.rule.citation),
        escape(&expected),
        escape(&actual)
    );
    if !f.explanation.is_empty() {
        let _ = writeln!(
            out,
            "<p>why (the model):</p>\n<pre>{}</pre>",
            escape(&f.explanation.join("\n"))
        );
    }
    let _ = writeln!(
        out,
        "<p>steps:</p>\n<pre>{}</pre>\n<p>re-run: <code>{}</code></p>\n</section>",
        escape(&f.steps),
        escape(&rerun_command(subject, &f.case))
    );
}

fn case_section(out: &mut String, case: &Case) {
    let cites: Vec<String> = case.cites.iter().map(ToString::to_string).collect();
    let profiles: Vec<&str> = case.profiles.iter().map(|p| p.name()).collect();
    let _ = writeln!(
        out,
        "<section class=\"case\" id=\"{}\">\n<h3>{}</h3>\n<p>{}</p>\n<p>cites: {}; profiles: {}; defined at {}</p>",
        escape(&case_anchor(&case.id)),
        escape(&case.id),
        escape(&case.note),
        escape(&cites.join(", ")),
        escape(&profiles.join(", ")),
        escape(&case.location.to_string())
    );
    for &p in &case.profiles {
        let result = play_case(case, p);
        let _ = writeln!(
            out,
            "<p>the model under {} (the vector's expectation and the model's header at each step):</p>\n<pre>{}</pre>",
            escape(p.name()),
            escape(&render_steps(case, &result))
        );
    }
    out.push_str("</section>\n");
}
