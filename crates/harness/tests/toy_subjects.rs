//! The harness tested with deliberately broken toy subjects: each flaw
//! produces exactly the expected kind of finding, and the harness survives
//! panics, hangs and garbage.

#[allow(dead_code)] // Toy::with_variants is used by variant_diagnosis.rs
mod toys;

use cookiecheck::differ::{diff_isolated, Difference, FindingKind, Outcome};
use cookiecheck::expected::ExpectedFailures;
use cookiecheck::run::{run_subject, SubjectSpec};
use cookiecheck::subject::{
    Capabilities, Isolated, ProcessCommand, ProcessSubject, Subject, SubjectFactory,
};
use cookiecheck::vectors::{bundled_vectors_dir, load_tree, Case};
use cookiecheck_model::ProfileId;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};
use toys::{cases, Flaw, Toy, PATH_CASES};

fn factory(profile: ProfileId, flaw: Flaw) -> SubjectFactory {
    Arc::new(move || Box::new(Toy::new(profile, flaw)) as Box<dyn Subject>)
}

fn spec(flaw: Flaw, limit: Duration, expected: ExpectedFailures) -> SubjectSpec {
    let f = factory(ProfileId::Rfc6265, flaw);
    SubjectSpec {
        name: format!("toy-{flaw:?}"),
        capabilities: f().capabilities(),
        factory: f,
        case_limit: limit,
        expected,
    }
}

fn outcome(flaw: Flaw, limit: Duration, case: &Arc<Case>) -> Outcome {
    let f = factory(ProfileId::Rfc6265, flaw);
    let caps = f().capabilities();
    let mut isolated = Isolated::new(f, limit);
    diff_isolated(case, &mut isolated, &caps)
}

#[test]
fn the_model_as_a_subject_passes_every_bundled_case_under_every_profile() {
    let tree = load_tree(&bundled_vectors_dir());
    assert!(tree.errors.is_empty(), "{:?}", tree.errors);
    let all: Vec<Arc<Case>> = tree
        .files
        .into_iter()
        .flat_map(|f| f.cases)
        .map(Arc::new)
        .collect();
    for profile in ProfileId::ALL {
        let f = factory(profile, Flaw::None);
        let s = SubjectSpec {
            name: format!("model-{profile}"),
            capabilities: f().capabilities(),
            factory: f,
            case_limit: Duration::from_secs(5),
            expected: ExpectedFailures::default(),
        };
        let run = run_subject(&s, &all, true);
        let failures: Vec<String> = run
            .outcomes
            .iter()
            .filter_map(|o| o.outcome.finding().map(|f| f.render(&s.name)))
            .collect();
        assert!(failures.is_empty(), "{}", failures.join("\n"));
        assert!(run.total().pass > 100, "{profile}: too few cases ran");
        assert!(run.is_clean());
    }
}

#[test]
fn a_prefix_path_match_is_a_mismatch_under_the_path_match_rule() {
    let all = cases(PATH_CASES);
    let bad = outcome(Flaw::PrefixPathMatch, Duration::from_secs(5), &all[0]);
    let finding = bad.finding().expect("the prefix case fails");
    assert_eq!(finding.case, "toy/cases/prefix-is-not-a-path-match");
    assert_eq!(finding.step, Some(1));
    assert_eq!(finding.rule.code, "path-no-match");
    assert_eq!(finding.rule.citation, "RFC 6265 §5.4 step 1, §5.1.4");
    assert_eq!(
        finding.kind,
        FindingKind::Mismatch(Difference::Header {
            expected: Vec::new(),
            actual: b"a=1".to_vec(),
        })
    );
    assert!(finding
        .render("toy")
        .contains("run --subject toy toy/cases/prefix-is-not-a-path-match"));
    assert_eq!(
        outcome(Flaw::PrefixPathMatch, Duration::from_secs(5), &all[1]),
        Outcome::Pass
    );
}

#[test]
fn a_panicking_subject_is_a_crash_finding_and_the_next_case_still_runs() {
    let all = cases(PATH_CASES);
    let f = factory(ProfileId::Rfc6265, Flaw::PanicsOnGet);
    let caps = f().capabilities();
    let mut isolated = Isolated::new(f, Duration::from_secs(5));
    for case in &all {
        let out = diff_isolated(case, &mut isolated, &caps);
        let finding = out.finding().expect("a crash is a finding");
        match &finding.kind {
            FindingKind::Crash(message) => assert!(
                message.contains("toy jar: index out of bounds"),
                "{message}"
            ),
            other => panic!("expected a crash, got {other:?}"),
        }
        assert_eq!(finding.rule.code, "crash");
    }
}

#[test]
fn a_hanging_subject_is_a_timeout_finding_within_the_limit() {
    let all = cases(PATH_CASES);
    let limit = Duration::from_millis(200);
    let started = Instant::now();
    let f = factory(ProfileId::Rfc6265, Flaw::HangsOnGet);
    let caps = f().capabilities();
    let mut isolated = Isolated::new(f, limit);
    for case in &all {
        let out = diff_isolated(case, &mut isolated, &caps);
        let kind = out.finding().map(|f| f.kind.clone());
        assert_eq!(kind, Some(FindingKind::Timeout(limit)));
    }
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "the hang stalled the run"
    );
}

fn python() -> Option<PathBuf> {
    let ok = std::process::Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    ok.then(|| PathBuf::from("python3"))
}

#[test]
fn a_process_that_prints_garbage_is_a_protocol_finding() {
    let Some(python) = python() else {
        eprintln!("notice: python3 is not installed; the garbage-process test is skipped");
        return;
    };
    let script =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/subjects/garbage_shim.py");
    let mut command = ProcessCommand::new(python, &[]);
    command.args = vec![script.display().to_string()];
    command.request_limit = Duration::from_secs(10);
    let subject = ProcessSubject::start(command.clone()).expect("hello works");
    assert_eq!(subject.hello().name, "garbage");
    let caps: Capabilities = subject.hello().capabilities.clone();
    let f: SubjectFactory = Arc::new(move || {
        Box::new(ProcessSubject::start(command.clone()).expect("hello works")) as Box<dyn Subject>
    });
    let mut isolated = Isolated::new(f, Duration::from_secs(30));
    let all = cases(PATH_CASES);
    let out = diff_isolated(&all[1], &mut isolated, &caps);
    let finding = out.finding().expect("garbage is a finding");
    match &finding.kind {
        FindingKind::Protocol(m) => {
            assert!(m.contains("not JSON") && m.contains("just garbage"), "{m}")
        }
        other => panic!("expected a protocol finding, got {other:?}"),
    }
}

#[test]
fn a_shim_is_sent_the_url_the_model_judges() {
    // The model removes dot segments (WHATWG URL parsing); a shim must get
    // the same URL, not the raw text, or `/a/../b` would mean `/b` to one
    // side and `/a/../b` to the other (docs/protocol.md, "URLs are
    // normalised by the harness").
    let Some(python) = python() else {
        eprintln!("notice: python3 is not installed; the echo-url test is skipped");
        return;
    };
    let script =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/subjects/echo_url_shim.py");
    let mut command = ProcessCommand::new(python, &[]);
    command.args = vec![script.display().to_string()];
    command.request_limit = Duration::from_secs(10);
    let mut subject = ProcessSubject::start(command).expect("hello works");
    let ctx = cookiecheck_model::RequestContext::default();
    for (raw, sent) in [
        (
            "http://Example.COM/a/./b/../c#frag",
            "http://example.com/a/c",
        ),
        (
            "http://example.com/a/%2e%2e/b?x=/../",
            "http://example.com/b?x=/../",
        ),
        ("https://[0::1]:443/.", "https://[::1]/"),
    ] {
        let uri = cookiecheck_model::RequestUri::parse(raw).expect("valid URL");
        let got = subject.cookie_header(&uri, &ctx, 0).expect("an answer");
        assert_eq!(got.as_deref(), Some(sent.as_bytes()), "{raw}");
        assert_eq!(uri.href(), sent);
    }
}

#[test]
fn a_listed_case_that_passes_and_an_entry_that_matches_nothing_are_reported() {
    let list = ExpectedFailures::parse(
        std::path::Path::new("subjects/toy.toml"),
        r#"
["toy/cases/prefix-is-not-a-path-match"]
reason = "the toy matches paths as prefixes (RFC 6265 §5.1.4)"

["toy/cases/root-path-*"]
reason = "listed although it passes"

["toy/nothing/*"]
reason = "matches no case"
"#,
    )
    .expect("the list parses");
    let run = run_subject(
        &spec(Flaw::PrefixPathMatch, Duration::from_secs(5), list),
        &cases(PATH_CASES),
        true,
    );
    let t = run.total();
    assert_eq!((t.expected, t.fail, t.unexpected_pass), (1, 0, 1));
    assert_eq!(
        run.list_check.unexpected_passes,
        vec![(
            "toy/cases/root-path-everywhere".to_string(),
            "toy/cases/root-path-*".to_string()
        )]
    );
    let stale: Vec<&str> = run
        .list_check
        .stale
        .iter()
        .map(|e| e.pattern.as_str())
        .collect();
    assert_eq!(stale, vec!["toy/nothing/*"]);
    assert_eq!(run.list_check.stale[0].location.line, 8);
    assert!(!run.is_clean());
}

#[test]
fn a_filtered_run_does_not_report_stale_entries() {
    let list = ExpectedFailures::parse(
        std::path::Path::new("subjects/toy.toml"),
        "[\"toy/nothing/*\"]\nreason = \"matches no case\"\n",
    )
    .expect("the list parses");
    let run = run_subject(
        &spec(Flaw::None, Duration::from_secs(5), list),
        &cases(PATH_CASES),
        false,
    );
    assert!(run.list_check.stale.is_empty());
    assert!(run.is_clean());
}

#[test]
fn a_failure_not_listed_is_a_departure() {
    let run = run_subject(
        &spec(
            Flaw::PrefixPathMatch,
            Duration::from_secs(5),
            ExpectedFailures::default(),
        ),
        &cases(PATH_CASES),
        true,
    );
    assert_eq!(run.total().fail, 1);
    assert!(!run.is_clean());
}
