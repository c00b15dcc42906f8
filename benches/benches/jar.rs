//! Jar operations at 1, 100 and 3000 stored cookies
//! (`cookiecheck_benches::jar_fixture`): the model's `Jar` (RFC 6265bis
//! profile) vs `cookie_store::CookieStore` (no public suffix list, as reqwest
//! builds it). URLs are parsed outside the timed loop for both.
//!
//! - `jar_store_replace`: one Set-Cookie line that replaces a held cookie
//!   (the jar keeps its size, so every iteration sees the same jar);
//! - `jar_cookie_header`: the Cookie header for one URL of site 0 (25
//!   cookies sent once the jar holds 25 or more): `model` is
//!   `Jar::cookie_string` (the header alone, like cookie_store's), and
//!   `model_explained` is `Jar::cookie_header` (the header plus copies of
//!   the cookies sent and withheld, which the differ and `explain` need);
//! - `jar_fill`: an empty jar receives the N lines (throughput: cookies).
//!
//! cookie_store reads the system clock; the model is given the current time,
//! so Max-Age means the same to both.

use cookie_store::CookieStore;
use cookiecheck_benches::jar_fixture::{fill, replacement, Received, REQUEST_URL, SIZES};
use cookiecheck_benches::settings::{MEASUREMENT, SAMPLE_SIZE, WARM_UP};
use cookiecheck_model::{Jar, Profile, RequestContext, RequestUri};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;
use std::time::{SystemTime, UNIX_EPOCH};

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// The lines with both jars' URL types, parsed once.
struct Prepared {
    model: Vec<(RequestUri, Vec<u8>)>,
    store: Vec<(url::Url, String)>,
}

fn prepare(lines: &[Received]) -> Prepared {
    Prepared {
        model: lines
            .iter()
            .map(|r| {
                let uri = RequestUri::parse(&r.url).expect("fixture URL");
                (uri, r.line.as_bytes().to_vec())
            })
            .collect(),
        store: lines
            .iter()
            .map(|r| {
                (
                    url::Url::parse(&r.url).expect("fixture URL"),
                    r.line.clone(),
                )
            })
            .collect(),
    }
}

fn fill_model(p: &Prepared, now: i64) -> Jar {
    let mut jar = Jar::new(Profile::rfc6265bis());
    let ctx = RequestContext::default();
    for (uri, line) in &p.model {
        black_box(jar.set_cookie(uri, line, &ctx, now));
    }
    jar
}

fn fill_store(p: &Prepared) -> CookieStore {
    let mut store = CookieStore::default();
    for (url, line) in &p.store {
        let _ = black_box(store.parse(line, url));
    }
    store
}

fn jar_fill(c: &mut Criterion) {
    let now = now();
    let mut group = c.benchmark_group("jar_fill");
    for n in SIZES {
        let p = prepare(&fill(n));
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::new("model", n), &p, |b, p| {
            b.iter(|| fill_model(p, now))
        });
        group.bench_with_input(BenchmarkId::new("cookie_store", n), &p, |b, p| {
            b.iter(|| fill_store(p))
        });
    }
    group.finish();
}

fn jar_store_replace(c: &mut Criterion) {
    let now = now();
    let ctx = RequestContext::default();
    let r = prepare(&[replacement()]);
    let (uri, line) = &r.model[0];
    let (url, text) = &r.store[0];
    let mut group = c.benchmark_group("jar_store_replace");
    group.throughput(Throughput::Elements(1));
    for n in SIZES {
        let p = prepare(&fill(n));
        let mut jar = fill_model(&p, now);
        group.bench_function(BenchmarkId::new("model", n), |b| {
            b.iter(|| black_box(jar.set_cookie(uri, black_box(line), &ctx, now)))
        });
        assert_eq!(jar.len(), n, "the replacement keeps the jar's size");
        let mut store = fill_store(&p);
        group.bench_function(BenchmarkId::new("cookie_store", n), |b| {
            b.iter(|| black_box(store.parse(black_box(text), url)))
        });
        assert_eq!(
            store.iter_any().count(),
            n,
            "the replacement keeps the jar's size"
        );
    }
    group.finish();
}

fn jar_cookie_header(c: &mut Criterion) {
    let now = now();
    let ctx = RequestContext::default();
    let uri = RequestUri::parse(REQUEST_URL).expect("constant URL");
    let url = url::Url::parse(REQUEST_URL).expect("constant URL");
    let mut group = c.benchmark_group("jar_cookie_header");
    group.throughput(Throughput::Elements(1));
    for n in SIZES {
        let p = prepare(&fill(n));
        let mut jar = fill_model(&p, now);
        group.bench_function(BenchmarkId::new("model", n), |b| {
            b.iter(|| black_box(jar.cookie_string(black_box(&uri), &ctx, now)))
        });
        group.bench_function(BenchmarkId::new("model_explained", n), |b| {
            b.iter(|| black_box(jar.cookie_header(black_box(&uri), &ctx, now)))
        });
        let store = fill_store(&p);
        group.bench_function(BenchmarkId::new("cookie_store", n), |b| {
            // What the adapter (and reqwest) do: join the pairs with "; ".
            b.iter(|| {
                let pairs: Vec<String> = store
                    .get_request_values(black_box(&url))
                    .map(|(name, value)| format!("{name}={value}"))
                    .collect();
                black_box(pairs.join("; "))
            })
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(SAMPLE_SIZE)
        .warm_up_time(WARM_UP)
        .measurement_time(MEASUREMENT);
    targets = jar_store_replace, jar_cookie_header, jar_fill
}
criterion_main!(benches);
