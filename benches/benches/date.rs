//! The cookie-date algorithm (RFC 6265bis §5.1.1) beside other date parsers,
//! on the same strings (`cookiecheck_benches::dates`, drawn from the vectors):
//!
//! - group `date`: the model's `parse_cookie_date` vs the `time` crate's
//!   RFC 2822 parser (only on the IMF-fixdate family, which it reads);
//! - group `date_expires_line`: `x=y; Expires=<date>` through the model's
//!   Set-Cookie parser vs the `cookie` crate's `Cookie::parse`, which parses
//!   the Expires date with its own HTTP-date formats.

use cookiecheck_benches::dates::{expires_line, FAMILIES};
use cookiecheck_benches::settings::{MEASUREMENT, SAMPLE_SIZE, WARM_UP};
use cookiecheck_model::date::parse_cookie_date;
use cookiecheck_model::set_cookie::parse_set_cookie;
use cookiecheck_model::Profile;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;
use time::format_description::well_known::Rfc2822;
use time::OffsetDateTime;

/// The model's clock (2026-01-01T00:00:00Z).
const NOW: i64 = 1_767_225_600;

fn dates(c: &mut Criterion) {
    let mut group = c.benchmark_group("date");
    for family in FAMILIES {
        let strings: Vec<&str> = family.dates.iter().map(|(_, d)| *d).collect();
        group.throughput(Throughput::Bytes(family.bytes()));
        group.bench_with_input(BenchmarkId::new("model", family.name), &strings, |b, s| {
            b.iter(|| {
                for d in s {
                    black_box(parse_cookie_date(black_box(d.as_bytes())));
                }
            })
        });
        if family.rfc2822 {
            group.bench_with_input(
                BenchmarkId::new("time_rfc2822", family.name),
                &strings,
                |b, s| {
                    b.iter(|| {
                        for d in s {
                            let _ = black_box(OffsetDateTime::parse(black_box(d), &Rfc2822));
                        }
                    })
                },
            );
        }
    }
    group.finish();
}

fn expires_lines(c: &mut Criterion) {
    let profile = Profile::rfc6265bis();
    let mut group = c.benchmark_group("date_expires_line");
    for family in FAMILIES {
        let lines: Vec<String> = family.dates.iter().map(|(_, d)| expires_line(d)).collect();
        let bytes = lines.iter().map(|l| l.len() as u64).sum();
        group.throughput(Throughput::Bytes(bytes));
        group.bench_with_input(
            BenchmarkId::new("model", family.name),
            &lines,
            |b, lines| {
                b.iter(|| {
                    for line in lines {
                        let _ = black_box(parse_set_cookie(
                            black_box(line.as_bytes()),
                            &profile,
                            b"/",
                            NOW,
                        ));
                    }
                })
            },
        );
        group.bench_with_input(
            BenchmarkId::new("cookie", family.name),
            &lines,
            |b, lines| {
                b.iter(|| {
                    for line in lines {
                        let _ = black_box(cookie::Cookie::parse(black_box(line.as_str())));
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
    targets = dates, expires_lines
}
criterion_main!(benches);
