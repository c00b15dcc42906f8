//! What diagnosis costs (issue 12: a few milliseconds per finding, and at
//! most 10 % of an exploration campaign's throughput).
//!
//! For each in-process jar below, one campaign of [`CASES`] generated
//! scenarios from [`SEED`] is prepared: every case on which the jar's
//! answers differ from the model is kept with the jar's transcript.
//!
//! - `diagnose/<subject>`: `cookiecheck::diagnose::diagnose` on every kept
//!   finding in turn, with the subject's declared variants (the throughput
//!   is findings per second: its inverse is the cost of one diagnosis);
//! - `campaign/<subject>`: the campaign itself, as `cookiecheck explore`
//!   plays it (model, subject, comparison, diagnosis of every differing
//!   case) on one thread, without shrinking.
//!
//! The last target prints, per subject, the share of the campaign's time
//! that diagnosis takes (each measured as the best of five timed rounds):
//! the throughput explore loses to it.

use cookiecheck::diagnose::diagnose;
use cookiecheck::differ::{diff_case_declared, transcript, Outcome, Transcript};
use cookiecheck::explore::{case_id, explore, scenario_tree, ExploreConfig, Progress};
use cookiecheck::run::SubjectSpec;
use cookiecheck::vectors::Case;
use cookiecheck_benches::settings::{MEASUREMENT, WARM_UP};
use cookiecheck_benches::subjects::spec;
use cookiecheck_model::Variants;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;
use std::time::{Duration, Instant};

/// The campaign's seed (any seed does; this one only makes runs comparable).
const SEED: u64 = 9_001;
/// The campaign's size.
const CASES: u64 = 1_000;
/// The jars measured: the one with the most causes, and two others.
const SUBJECTS: [&str; 3] = ["cookie_store", "reqwest", "curl"];

/// A prepared campaign: the differing cases with the subject's answers.
struct Campaign {
    spec: SubjectSpec,
    declared: Variants,
    findings: Vec<(Case, Transcript)>,
}

fn prepare(name: &str) -> Campaign {
    let spec = spec(name);
    let caps = spec.capabilities.clone();
    let declared = spec.expected.declared_for(caps.profile);
    let config = ExploreConfig::new(&spec, SEED, CASES);
    let mut subject = (spec.factory)();
    let mut findings = Vec::new();
    for index in 0..CASES {
        let scenario = scenario_tree(&config.scenario, SEED, index).current();
        let Ok(case) = scenario.to_case(&case_id(name, index), &[caps.profile]) else {
            continue;
        };
        let differs = matches!(
            diff_case_declared(&case, subject.as_mut(), &caps, declared),
            Outcome::Fail(f) if f.kind.is_mismatch()
        );
        if differs {
            if let Ok(answers) = transcript(&case, subject.as_mut(), &caps) {
                findings.push((case, answers));
            }
        }
    }
    assert!(!findings.is_empty(), "{name}: the campaign finds something");
    Campaign {
        spec,
        declared,
        findings,
    }
}

fn diagnose_all(c: &Campaign) {
    for (case, answers) in &c.findings {
        black_box(diagnose(case, &c.spec.capabilities, answers, c.declared));
    }
}

fn campaign(c: &Campaign, pool: &rayon::ThreadPool) {
    let mut config = ExploreConfig::new(&c.spec, SEED, CASES);
    config.known = c.spec.expected.clone();
    config.shrink_limit = 0;
    pool.install(|| black_box(explore(&c.spec, &config, &Progress::default())));
}

fn one_thread() -> rayon::ThreadPool {
    rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a rayon pool")
}

fn benches(c: &mut Criterion) {
    let pool = one_thread();
    let campaigns: Vec<Campaign> = SUBJECTS.iter().map(|n| prepare(n)).collect();
    let mut group = c.benchmark_group("diagnose");
    for camp in &campaigns {
        group.throughput(Throughput::Elements(camp.findings.len() as u64));
        group.bench_function(BenchmarkId::from_parameter(&camp.spec.name), |b| {
            b.iter(|| diagnose_all(camp))
        });
    }
    group.finish();
    let mut group = c.benchmark_group("campaign");
    for camp in &campaigns {
        group.throughput(Throughput::Elements(CASES));
        group.bench_function(BenchmarkId::from_parameter(&camp.spec.name), |b| {
            b.iter(|| campaign(camp, &pool))
        });
    }
    group.finish();
    println!(
        "\ndiagnosis share of a campaign ({CASES} cases, seed {SEED}, one thread, best of 5):"
    );
    println!(
        "{:<14} {:>9} {:>14} {:>13} {:>7}",
        "subject", "findings", "per diagnosis", "campaign", "share"
    );
    for camp in &campaigns {
        let diag = best_of(5, || diagnose_all(camp));
        let whole = best_of(5, || campaign(camp, &pool));
        let n = camp.findings.len();
        println!(
            "{:<14} {:>9} {:>11.3} ms {:>10.1} ms {:>6.1}%",
            camp.spec.name,
            n,
            diag.as_secs_f64() * 1e3 / n as f64,
            whole.as_secs_f64() * 1e3,
            100.0 * diag.as_secs_f64() / whole.as_secs_f64()
        );
    }
}

fn best_of(rounds: usize, mut f: impl FnMut()) -> Duration {
    (0..rounds)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

criterion_group! {
    name = diagnosis;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(WARM_UP)
        .measurement_time(MEASUREMENT);
    targets = benches
}
criterion_main!(diagnosis);
