//! An `arbitrary` scenario played on the model and on each in-process
//! subject (restricted to what the subject can be compared on): a crash on
//! any difference that the subject's known-departure list
//! (`subjects/<name>.explore.toml`) does not explain.
//!
//! `COOKIECHECK_SUBJECT=<name>` runs against one subject only (default:
//! every in-process subject except `curl`, which makes network requests).
//! Turn a crash artifact into a vector with
//! `cookiecheck minimize --target scenario_diff --subject <name> <artifact>`.
#![no_main]
use cookiecheck::explore::{judge, FindingKey, Verdict};
use cookiecheck::expected::ExpectedFailures;
use cookiecheck::run::SubjectSpec;
use cookiecheck::scenario::{Scenario, ScenarioConfig};
use cookiecheck::subject::Isolated;
use libfuzzer_sys::fuzz_target;
use std::sync::{Mutex, OnceLock};

struct Target {
    spec: SubjectSpec,
    config: ScenarioConfig,
    known: ExpectedFailures,
    isolated: Mutex<Isolated>,
}

fn targets() -> &'static [Target] {
    static TARGETS: OnceLock<Vec<Target>> = OnceLock::new();
    TARGETS.get_or_init(|| {
        let wanted = std::env::var("COOKIECHECK_SUBJECT").ok();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let targets: Vec<Target> = cookiecheck_adapters::in_process()
            .into_iter()
            .filter(|o| match &wanted {
                Some(w) => w == o.name,
                None => o.name != "curl",
            })
            .map(|o| {
                let capabilities = (o.factory)().capabilities();
                let known_path = root.join("subjects").join(format!("{}.explore.toml", o.name));
                let known = ExpectedFailures::load(&known_path)
                    .unwrap_or_else(|e| panic!("{}: {e}", known_path.display()));
                let spec = SubjectSpec {
                    name: o.name.to_string(),
                    factory: o.factory.clone(),
                    capabilities,
                    case_limit: o.case_limit,
                    expected: ExpectedFailures::default(),
                };
                Target {
                    config: ScenarioConfig::for_capabilities(&spec.capabilities),
                    isolated: Mutex::new(Isolated::new(spec.factory.clone(), spec.case_limit)),
                    spec,
                    known,
                }
            })
            .collect();
        assert!(
            !targets.is_empty(),
            "no in-process subject matches COOKIECHECK_SUBJECT={wanted:?}"
        );
        targets
    })
}

fuzz_target!(|scenario: Scenario| {
    for t in targets() {
        let restricted = t.config.restrict(&scenario);
        if restricted.events.is_empty() {
            continue;
        }
        let Ok(mut isolated) = t.isolated.lock() else {
            return;
        };
        if let Verdict::Finding(f) = judge(&restricted, "fuzz/scenario-diff/case", &t.spec, &mut isolated) {
            let key = FindingKey::of(&f);
            let explained = t
                .known
                .entries
                .iter()
                .any(|e| e.covers(&key.code, t.spec.capabilities.profile));
            if !explained {
                let (expected, actual) = f.expected_actual();
                panic!(
                    "{}: unexplained {} ({}) at step {:?}\n  model:   {expected}\n  subject: {actual}\nscenario:\n{restricted}",
                    t.spec.name, key.code, f.rule.citation, f.step
                );
            }
        }
    }
});
