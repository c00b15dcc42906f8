//! One benchmarked operation, repeated a fixed number of times, for
//! instruction counts under callgrind (repeatable where wall time is not, on
//! a busy machine):
//!
//! ```sh
//! cargo build --release -p cookiecheck-benches --example ops
//! valgrind --tool=callgrind --toggle-collect='*ops*measured*' \
//!   target/release/examples/ops jar-header-model 3000 1000
//! ```
//!
//! Instructions per operation = the `Ir` total ÷ the repetitions; setup
//! (filling the jar, parsing URLs) is outside `measured` and not counted.
//!
//! Operations: `parse-model FAMILY`, `parse-cookie FAMILY`, `date-model`,
//! `jar-store-model N`, `jar-store-cookie_store N`, `jar-header-model N`
//! (`Jar::cookie_string`), `jar-header-model_explained N`
//! (`Jar::cookie_header`), `jar-header-cookie_store N`, `jar-fill-model N`,
//! `jar-fill-cookie_store N` (the fills include building the lines and
//! parsing their URLs, unlike the criterion `jar_fill`).

use cookiecheck_benches::corpus::families;
use cookiecheck_benches::dates::FAMILIES;
use cookiecheck_benches::jar_fixture::{fill, replacement, REQUEST_URL};
use cookiecheck_model::date::parse_cookie_date;
use cookiecheck_model::set_cookie::parse_set_cookie;
use cookiecheck_model::{Jar, Profile, RequestContext, RequestUri};
use std::hint::black_box;
use std::process::ExitCode;

/// The model's clock for parsing (2026-01-01T00:00:00Z).
const NOW: i64 = 1_767_225_600;

#[inline(never)]
fn measured(reps: u64, op: &mut dyn FnMut()) {
    for _ in 0..reps {
        op();
    }
}

fn model_jar(n: usize) -> Jar {
    let mut jar = Jar::new(Profile::rfc6265bis());
    for r in fill(n) {
        let uri = RequestUri::parse(&r.url).expect("fixture URL");
        jar.set_cookie(&uri, r.line.as_bytes(), &RequestContext::default(), NOW);
    }
    jar
}

fn store_jar(n: usize) -> cookie_store::CookieStore {
    let mut store = cookie_store::CookieStore::default();
    for r in fill(n) {
        let url = url::Url::parse(&r.url).expect("fixture URL");
        let _ = store.parse(&r.line, &url);
    }
    store
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [op, arg, reps] = args.as_slice() else {
        eprintln!("usage: ops OPERATION ARG REPETITIONS (see the source)");
        return ExitCode::from(2);
    };
    let Ok(reps) = reps.parse::<u64>() else {
        eprintln!("REPETITIONS must be a number");
        return ExitCode::from(2);
    };
    let n: usize = arg.parse().unwrap_or(0);
    let profile = Profile::rfc6265bis();
    let ctx = RequestContext::default();
    let lines: Vec<String> = families()
        .into_iter()
        .find(|f| f.name == *arg)
        .map(|f| f.lines)
        .unwrap_or_default();
    let header_uri = RequestUri::parse(REQUEST_URL).expect("constant URL");
    let header_url = url::Url::parse(REQUEST_URL).expect("constant URL");
    let r = replacement();
    let (r_uri, r_url) = (
        RequestUri::parse(&r.url).expect("fixture URL"),
        url::Url::parse(&r.url).expect("fixture URL"),
    );
    match op.as_str() {
        "parse-model" => measured(reps, &mut || {
            for l in &lines {
                let _ = black_box(parse_set_cookie(l.as_bytes(), &profile, b"/docs/page", NOW));
            }
        }),
        "parse-cookie" => measured(reps, &mut || {
            for l in &lines {
                let _ = black_box(cookie::Cookie::parse(l.as_str()));
            }
        }),
        "date-model" => measured(reps, &mut || {
            for f in FAMILIES {
                for (_, d) in f.dates {
                    black_box(parse_cookie_date(d.as_bytes()));
                }
            }
        }),
        "jar-store-model" => {
            let mut jar = model_jar(n);
            measured(reps, &mut || {
                black_box(jar.set_cookie(&r_uri, r.line.as_bytes(), &ctx, NOW));
            })
        }
        "jar-store-cookie_store" => {
            let mut store = store_jar(n);
            measured(reps, &mut || {
                let _ = black_box(store.parse(&r.line, &r_url));
            })
        }
        "jar-header-model" => {
            let mut jar = model_jar(n);
            measured(reps, &mut || {
                black_box(jar.cookie_string(&header_uri, &ctx, NOW));
            })
        }
        "jar-header-model_explained" => {
            let mut jar = model_jar(n);
            measured(reps, &mut || {
                black_box(jar.cookie_header(&header_uri, &ctx, NOW));
            })
        }
        "jar-header-cookie_store" => {
            let store = store_jar(n);
            measured(reps, &mut || {
                let pairs: Vec<String> = store
                    .get_request_values(&header_url)
                    .map(|(name, value)| format!("{name}={value}"))
                    .collect();
                black_box(pairs.join("; "));
            })
        }
        "jar-fill-model" => measured(reps, &mut || {
            black_box(model_jar(n));
        }),
        "jar-fill-cookie_store" => measured(reps, &mut || {
            black_box(store_jar(n));
        }),
        other => {
            eprintln!("unknown operation `{other}`");
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}
