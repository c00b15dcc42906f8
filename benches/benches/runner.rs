//! The differential runner on the bundled vectors.
//!
//! - `runner`: every bundled case against the in-process `cookie_store`
//!   subject through `cookiecheck::run::run_subject` (isolation, the model's
//!   play, the clock probe, the comparison, the expected-failure list) in a
//!   rayon pool of 1 and of 2 threads. Throughput: the scenario steps of the
//!   cases that were played (not applicable and unsupported cases stop before
//!   any step and are not counted, though their cheap checks are timed).
//! - `suite`: the whole suite against every in-process subject in turn, as
//!   `cookiecheck run` does minus printing (wall time, the global pool),
//!   except `chromium`: it drives a real browser (about 70 s per suite on
//!   this machine, criterion's estimate from its warm-up), which would make
//!   one sample last a minute and says nothing about the harness.

use cookiecheck::differ::Outcome;
use cookiecheck::run::{run_subject, SubjectSpec};
use cookiecheck::vectors::Case;
use cookiecheck_benches::settings::{MEASUREMENT, WARM_UP};
use cookiecheck_benches::subjects::{bundled_cases, in_process_specs};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

fn cases() -> Vec<Arc<Case>> {
    bundled_cases()
}

fn specs() -> Vec<SubjectSpec> {
    in_process_specs()
}

/// The steps of the cases the subject actually played.
fn played_steps(spec: &SubjectSpec, cases: &[Arc<Case>]) -> u64 {
    let run = run_subject(spec, cases, false);
    run.outcomes
        .iter()
        .filter(|o| matches!(o.outcome, Outcome::Pass | Outcome::Fail(_)))
        .map(|o| o.case.steps.len() as u64)
        .sum()
}

fn runner(c: &mut Criterion) {
    let cases = cases();
    let all = specs();
    let spec = all
        .iter()
        .find(|s| s.name == "cookie_store")
        .expect("the cookie_store subject is compiled in");
    let steps = played_steps(spec, &cases);
    let mut group = c.benchmark_group("runner");
    group.throughput(Throughput::Elements(steps));
    for threads in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("a rayon pool");
        group.bench_function(
            BenchmarkId::new("cookie_store", format!("threads={threads}")),
            |b| b.iter(|| pool.install(|| black_box(run_subject(spec, &cases, false)))),
        );
    }
    group.finish();
}

fn suite(c: &mut Criterion) {
    let cases = cases();
    let specs = specs();
    let mut group = c.benchmark_group("suite");
    // One iteration is the whole suite (about a second): the fewest samples
    // criterion allows.
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    group.throughput(Throughput::Elements((cases.len() * specs.len()) as u64));
    let names: Vec<&str> = specs.iter().map(|s| s.name.as_str()).collect();
    eprintln!("suite subjects: {}", names.join(", "));
    group.bench_function("all-in-process-but-browsers", |b| {
        b.iter(|| {
            for spec in &specs {
                black_box(run_subject(spec, &cases, true));
            }
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(10)
        .warm_up_time(WARM_UP)
        .measurement_time(MEASUREMENT);
    targets = runner, suite
}
criterion_main!(benches);
