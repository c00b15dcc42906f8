//! The jar author's one-liner: the whole bundled suite against your
//! [`Subject`], inside your own `cargo test`.
//!
//! ```no_run
//! # use cookiecheck::subject::{Capabilities, Subject, SubjectError};
//! # use cookiecheck_model::{ProfileId, RequestContext, RequestUri, Time};
//! # struct MyJar;
//! # impl Subject for MyJar {
//! #     fn capabilities(&self) -> Capabilities { Capabilities::basic(ProfileId::Rfc6265) }
//! #     fn reset(&mut self) -> Result<(), SubjectError> { Ok(()) }
//! #     fn set_cookies(&mut self, _: &RequestUri, _: &[Vec<u8>], _: &RequestContext, _: Time)
//! #         -> Result<(), SubjectError> { Ok(()) }
//! #     fn cookie_header(&mut self, _: &RequestUri, _: &RequestContext, _: Time)
//! #         -> Result<Option<Vec<u8>>, SubjectError> { Ok(None) }
//! # }
//! #[test]
//! fn my_jar_conforms() {
//!     cookiecheck::suite::assert_conforms(
//!         "my-jar",
//!         || MyJar,
//!         concat!(env!("CARGO_MANIFEST_DIR"), "/my-jar.toml"),
//!     );
//! }
//! ```
//!
//! Every bundled scenario runs on a fresh instance (in parallel, each worker
//! with its own instance, a panic or a hang becoming a finding), under the
//! profile and with the capabilities the subject declares. The test passes
//! when every failure is listed in the expected-failure file (the format of
//! [`crate::expected`]: one entry per case id or glob, each with a written
//! reason), no listed case passes and no entry is stale. Otherwise it panics
//! with every departure: case id, step, expected vs actual, the rule with
//! its citation, and the command that re-runs just that case.
//!
//! `COOKIECHECK_CASES` narrows the run (id filters of [`crate::select`]
//! separated by spaces or commas; stale entries are then not reported).

use crate::differ::Outcome;
use crate::expected::{ExpectedFailures, Listed};
use crate::run::{run_subject, SubjectRun, SubjectSpec};
use crate::select::Selection;
use crate::subject::{Subject, SubjectFactory, DEFAULT_CASE_LIMIT};
use crate::vectors::{bundled_vectors_dir, load_tree, Case};
use std::fmt::Write as _;
use std::path::Path;
use std::sync::Arc;

/// The environment variable that narrows the suite to some cases.
pub const CASES_VAR: &str = "COOKIECHECK_CASES";

/// Runs the bundled suite on the subject that `factory` builds and panics
/// with a readable report unless it matches the model or the
/// expected-failure file at `expected_failures` (which must exist; an empty
/// file lists nothing).
pub fn assert_conforms<S, F>(name: &str, factory: F, expected_failures: impl AsRef<Path>)
where
    S: Subject + 'static,
    F: Fn() -> S + Send + Sync + 'static,
{
    let filters = std::env::var(CASES_VAR).unwrap_or_default();
    let filters: Vec<String> = filters
        .split([' ', ','])
        .filter(|f| !f.is_empty())
        .map(str::to_string)
        .collect();
    if let Err(message) = check_conforms(name, factory, expected_failures.as_ref(), &filters) {
        panic!("{message}");
    }
}

/// [`assert_conforms`] without the panic and the environment: `Ok` with the
/// run when the subject conforms, `Err` with the report otherwise (also for
/// a missing or invalid file, bad filters, or vectors that do not load).
pub fn check_conforms<S, F>(
    name: &str,
    factory: F,
    expected_failures: &Path,
    filters: &[String],
) -> Result<SubjectRun, String>
where
    S: Subject + 'static,
    F: Fn() -> S + Send + Sync + 'static,
{
    if !expected_failures.is_file() {
        return Err(format!(
            "cookiecheck: the expected-failure file {} does not exist (create it; an empty file lists nothing)",
            expected_failures.display()
        ));
    }
    let expected = ExpectedFailures::load(expected_failures)
        .map_err(|e| format!("cookiecheck: the expected-failure file does not load: {e}"))?;
    let selection = Selection::parse(filters, &[], &[], &[], &[])
        .map_err(|e| format!("cookiecheck: {CASES_VAR}: {e}"))?;
    let cases = bundled_cases(&selection)?;
    let factory: SubjectFactory = Arc::new(move || Box::new(factory()) as Box<dyn Subject>);
    let capabilities = factory().capabilities();
    let spec = SubjectSpec {
        name: name.to_string(),
        factory,
        capabilities,
        case_limit: DEFAULT_CASE_LIMIT,
        expected,
    };
    let run = run_subject(&spec, &cases, selection.is_everything());
    if run.is_clean() {
        Ok(run)
    } else {
        Err(report(&run, expected_failures, cases.len()))
    }
}

fn bundled_cases(selection: &Selection) -> Result<Vec<Arc<Case>>, String> {
    let tree = load_tree(&bundled_vectors_dir());
    if !tree.errors.is_empty() {
        let errors: Vec<String> = tree.errors.iter().map(ToString::to_string).collect();
        return Err(format!(
            "cookiecheck: the bundled vectors do not load:\n{}",
            errors.join("\n")
        ));
    }
    let cases: Vec<Arc<Case>> = tree
        .files
        .into_iter()
        .flat_map(|f| f.cases)
        .filter(|c| selection.selects(c))
        .map(Arc::new)
        .collect();
    if cases.is_empty() {
        return Err(format!(
            "cookiecheck: no case matches {}",
            selection.describe()
        ));
    }
    Ok(cases)
}

/// The failure message: counts, then every departure, unexpected pass and
/// stale entry, each with what to do.
pub fn report(run: &SubjectRun, list: &Path, cases: usize) -> String {
    let t = run.total();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "cookiecheck: `{}` ({}) does not match the model or {}",
        run.name,
        run.capabilities.profile,
        list.display()
    );
    let _ = writeln!(
        out,
        "{cases} cases: {} pass, {} departures, {} listed failures, {} unexpected passes, {} unsupported, {} not applicable",
        t.pass, t.fail, t.expected, t.unexpected_pass, t.unsupported, t.not_applicable
    );
    for o in &run.outcomes {
        if let (Listed::Departure, Outcome::Fail(f)) = (o.listed, &o.outcome) {
            let (expected, actual) = f.expected_actual();
            let _ = writeln!(out, "\ndeparture: {}", f.case);
            if let Some(step) = f.step {
                let _ = writeln!(out, "  step:     {}", step + 1);
            }
            let _ = writeln!(out, "  expected: {expected}");
            let _ = writeln!(out, "  actual:   {actual}");
            let _ = writeln!(out, "  rule:     {} ({})", f.rule.code, f.rule.citation);
            let _ = writeln!(out, "  steps:");
            for line in f.steps.lines() {
                let _ = writeln!(out, "  {line}");
            }
            let _ = writeln!(out, "  re-run:   {CASES_VAR}='{}' cargo test", f.case);
            let _ = writeln!(
                out,
                "  if the jar is right to differ, list it with a reason in {}",
                list.display()
            );
        }
    }
    for (id, pattern) in &run.list_check.unexpected_passes {
        let _ = writeln!(
            out,
            "\nunexpected pass: {id} is listed as `{pattern}` in {} but passes: remove or narrow the entry",
            list.display()
        );
    }
    for e in &run.list_check.stale {
        let _ = writeln!(
            out,
            "\nstale entry: `{}` at {} matches no case: remove it",
            e.pattern, e.location
        );
    }
    out
}
