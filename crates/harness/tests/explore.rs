//! The exploration campaign on toy subjects: the model as a subject gives
//! no finding (no false positives, under every profile and capability), a
//! jar with one flaw gives exactly that finding, shrunk to a few events and
//! written as a vector that replays it; the same seed gives the same
//! findings on one thread and on two.

#[allow(dead_code)] // the toys module is shared with toy_subjects.rs, which uses all of it
mod toys;

use cookiecheck::differ::{diff_case, Outcome};
use cookiecheck::expected::ExpectedFailures;
use cookiecheck::explore::write::finding_file;
use cookiecheck::explore::{explore, ExploreConfig, ExploreReport, Progress};
use cookiecheck::run::SubjectSpec;
use cookiecheck::subject::{Subject, SubjectFactory};
use cookiecheck::vectors::load_file;
use cookiecheck_model::ProfileId;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;
use toys::{Flaw, Toy};

fn spec(profile: ProfileId, flaw: Flaw) -> SubjectSpec {
    let f: SubjectFactory = Arc::new(move || Box::new(Toy::new(profile, flaw)) as Box<dyn Subject>);
    SubjectSpec {
        name: format!("toy-{flaw:?}"),
        capabilities: f().capabilities(),
        factory: f,
        case_limit: Duration::from_secs(2),
        expected: ExpectedFailures::default(),
    }
}

fn campaign(spec: &SubjectSpec, seed: u64, cases: u64, threads: usize) -> ExploreReport {
    let config = ExploreConfig::new(spec, seed, cases);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("a thread pool");
    pool.install(|| explore(spec, &config, &Progress::default()))
}

#[test]
fn the_model_as_a_subject_gives_no_finding_under_any_profile() {
    for profile in ProfileId::ALL {
        let s = spec(profile, Flaw::None);
        let report = campaign(&s, 7, 600, 2);
        let keys: Vec<_> = report.distinct.iter().map(|d| &d.key).collect();
        assert!(keys.is_empty(), "{profile}: {keys:?}");
        assert_eq!(report.passed, 600, "{profile}: every case runs and agrees");
    }
}

#[test]
fn a_jar_that_orders_by_name_is_found() {
    // Set steps a second apart give cookies from different responses
    // different creation-times, so an order by name is a finding, not an
    // order the specifications leave open.
    let s = spec(ProfileId::Rfc6265bis, Flaw::SortsByName);
    let report = campaign(&s, 7, 2000, 2);
    let keys: Vec<_> = report
        .distinct
        .iter()
        .map(|d| d.key.code.as_str())
        .collect();
    assert!(
        !keys.is_empty(),
        "no finding; {} left open, {} passed, {} failing, {} unsupported",
        report.unspecified,
        report.passed,
        report.failing,
        report.unsupported
    );
}

#[test]
fn a_prefix_path_match_is_found_shrunk_and_written_as_a_replayable_vector() {
    let s = spec(ProfileId::Rfc6265, Flaw::PrefixPathMatch);
    let report = campaign(&s, 7, 1500, 2);
    let codes: Vec<&str> = report
        .distinct
        .iter()
        .map(|d| d.key.code.as_str())
        .collect();
    // Diagnosed: the model with the `path-prefix-match` variant answers as
    // the toy does, so the one flaw is one cause named by that variant.
    assert_eq!(codes, ["path-prefix-match"], "one flaw, one cause");
    let d = &report.distinct[0];
    assert!(d.count >= 5, "{} cases", d.count);
    // A minimal witness: one set and one get (and the final store).
    assert!(d.scenario.size() <= 3, "shrunk to\n{}", d.scenario);
    let text = finding_file(&s.name, d, "a test campaign (seed 7)", "(none)");
    let file = load_file(Path::new("explore/toy-prefix.toml"), &text)
        .unwrap_or_else(|e| panic!("{e}\n{text}"));
    let case = &file.cases[0];
    // The rule's citation: RFC 6265 §5.4 step 1 (path-match is required to send).
    assert_eq!(case.cites[0].to_string(), "rfc6265:5.4/1");
    let mut toy = Toy::new(ProfileId::Rfc6265, Flaw::PrefixPathMatch);
    let caps = toy.capabilities();
    match diff_case(case, &mut toy, &caps) {
        Outcome::Fail(f) => {
            assert_eq!(f.cause.label(), "path-prefix-match");
            assert_eq!(f.rule.code, "path-no-match", "the blame stays as a hint");
        }
        other => panic!("the written vector does not replay the finding: {other:?}\n{text}"),
    }
    let mut model = Toy::new(ProfileId::Rfc6265, Flaw::None);
    assert_eq!(diff_case(case, &mut model, &caps), Outcome::Pass);
}

#[test]
fn the_same_seed_gives_the_same_findings_on_one_thread_and_on_two() {
    let s = spec(ProfileId::Rfc6265bis, Flaw::PrefixPathMatch);
    let one = campaign(&s, 99, 400, 1);
    let two = campaign(&s, 99, 400, 2);
    let summary = |r: &ExploreReport| -> Vec<String> {
        r.distinct
            .iter()
            .map(|d| format!("{:?} {} {} {}", d.key, d.count, d.first_index, d.scenario))
            .collect()
    };
    assert!(!one.distinct.is_empty());
    assert_eq!(summary(&one), summary(&two));
    assert_eq!((one.passed, one.failing), (two.passed, two.failing));
    let other = campaign(&s, 100, 400, 2);
    assert_ne!(
        summary(&one),
        summary(&other),
        "another seed explores other cases"
    );
}

#[test]
fn a_subject_that_panics_is_one_crash_finding() {
    let s = spec(ProfileId::Rfc6265, Flaw::PanicsOnGet);
    let report = campaign(&s, 3, 200, 2);
    let keys: Vec<String> = report
        .distinct
        .iter()
        .map(|d| format!("{}/{}", d.key.code, d.key.kind))
        .collect();
    assert_eq!(keys, ["crash/crash"]);
}
