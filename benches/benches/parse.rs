//! Set-Cookie parsing, side by side on the same lines: the model's
//! `parse_set_cookie` (RFC 6265bis profile, the default), the `cookie`
//! crate's `Cookie::parse` and `cookie_store::Cookie::parse` (which also
//! checks the Domain and Path against the request URL, as its jar does).
//!
//! One benchmark per corpus family (`cookiecheck_benches::corpus`); one
//! iteration parses every line of the family; throughput in bytes.

use cookiecheck_benches::corpus::families;
use cookiecheck_benches::settings::{MEASUREMENT, SAMPLE_SIZE, WARM_UP};
use cookiecheck_model::set_cookie::parse_set_cookie;
use cookiecheck_model::Profile;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;

/// The request the lines arrive on (its path gives the default-path).
const REQUEST_URL: &str = "https://www.example.com/docs/page";
/// The model's clock: 2026-01-01T00:00:00Z (any fixed instant will do).
const NOW: i64 = 1_767_225_600;

fn parse(c: &mut Criterion) {
    let profile = Profile::rfc6265bis();
    let url = url::Url::parse(REQUEST_URL).expect("constant URL");
    let mut group = c.benchmark_group("parse");
    for family in families() {
        let lines: Vec<&str> = family.lines.iter().map(String::as_str).collect();
        group.throughput(Throughput::Bytes(family.bytes()));
        group.bench_with_input(
            BenchmarkId::new("model", &family.name),
            &lines,
            |b, lines| {
                b.iter(|| {
                    for line in lines {
                        let _ = black_box(parse_set_cookie(
                            black_box(line.as_bytes()),
                            &profile,
                            b"/docs/page",
                            NOW,
                        ));
                    }
                })
            },
        );
        group.bench_with_input(
            BenchmarkId::new("cookie", &family.name),
            &lines,
            |b, lines| {
                b.iter(|| {
                    for line in lines {
                        let _ = black_box(cookie::Cookie::parse(black_box(*line)));
                    }
                })
            },
        );
        group.bench_with_input(
            BenchmarkId::new("cookie_store", &family.name),
            &lines,
            |b, lines| {
                b.iter(|| {
                    for line in lines {
                        let _ = black_box(cookie_store::Cookie::parse(black_box(*line), &url));
                    }
                })
            },
        );
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(SAMPLE_SIZE)
        .warm_up_time(WARM_UP)
        .measurement_time(MEASUREMENT);
    targets = parse
}
criterion_main!(benches);
