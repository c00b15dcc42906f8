//! An `arbitrary` scenario played on the model and on each in-process
//! subject (restricted to what the subject can be compared on): every
//! difference is diagnosed, and the target crashes on one whose cause the
//! subject's file (`subjects/<name>.toml`: declared variants, and entries
//! for known unexplained classes) does not name.
//!
//! `COOKIECHECK_SUBJECT=<name>` runs against one subject only (default:
//! every in-process subject except `curl`, which makes network requests).
//! Turn a crash artifact into a vector with
//! `cookiecheck minimize --target scenario_diff --subject <name> <artifact>`.
#![no_main]
use cookiecheck::explore::{judge, known_reason, FindingKey, Verdict};
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
                let known_path = root.join("subjects").join(format!("{}.toml", o.name));
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
        let profile = t.spec.capabilities.profile;
        let declared = t.known.declared_for(profile);
        if let Verdict::Finding(f) = judge(&restricted, "fuzz/scenario-diff/case", &t.spec, declared, &mut isolated) {
            let key = FindingKey::of(&f);
            if known_reason(&t.known, &key, &f, profile).is_none() {
                let (expected, actual) = f.expected_actual();
                panic!(
                    "{}: new cause {} at step {:?}\n  cause:   {}\n  model:   {expected}\n  subject: {actual}\nscenario:\n{restricted}",
                    t.spec.name, key.code, f.step, f.cause_text()
                );
            }
        }
    }
});
