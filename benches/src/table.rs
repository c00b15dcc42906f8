//! The ratio table: criterion's saved estimates, read back and set side by
//! side.
//!
//! Criterion writes, for every benchmark, `<dir>/…/new/benchmark.json` (the
//! group, function, input and throughput) and `new/estimates.json` (the
//! statistics, in nanoseconds per iteration). The table uses the **median**,
//! which a busy machine disturbs least. Functions named `model` or
//! `model_…` are the model (variants of one operation); every other
//! function of the group is a peer measured on the same inputs in the same
//! run, and each row gives *model time ÷ peer time* (below 1 the model is
//! faster). Groups without a model (the runner, the suite) print their
//! throughput instead.

use serde_json::Value;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// What one benchmark processes per iteration.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Throughput {
    /// Octets.
    Bytes(u64),
    /// Elements (scenario steps, cookies).
    Elements(u64),
}

/// One benchmark's result.
#[derive(Debug, Clone, PartialEq)]
pub struct Measurement {
    /// The criterion group (`parse`, `jar_cookie_header`, …).
    pub group: String,
    /// The function (`model`, `cookie`, `cookie_store`, …).
    pub function: String,
    /// The input (`session`, `3000`, …), if any.
    pub input: Option<String>,
    /// The throughput per iteration, if set.
    pub throughput: Option<Throughput>,
    /// Median time per iteration, in nanoseconds.
    pub median_ns: f64,
}

/// Why the criterion directory cannot be read.
#[derive(Debug)]
pub struct TableError(pub String);

impl std::fmt::Display for TableError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for TableError {}

/// Every `new/benchmark.json` below `root`, in path order.
fn benchmark_files(root: &Path) -> Result<Vec<PathBuf>, TableError> {
    let mut found = Vec::new();
    let mut pending = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries = std::fs::read_dir(&dir)
            .map_err(|e| TableError(format!("cannot read {}: {e}", dir.display())))?;
        for entry in entries {
            let path = entry
                .map_err(|e| TableError(format!("cannot read {}: {e}", dir.display())))?
                .path();
            if path.is_dir() {
                pending.push(path);
            } else if path.file_name().is_some_and(|n| n == "benchmark.json")
                && path
                    .parent()
                    .and_then(Path::file_name)
                    .is_some_and(|n| n == "new")
            {
                found.push(path);
            }
        }
    }
    found.sort();
    Ok(found)
}

fn read_json(path: &Path) -> Result<Value, TableError> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| TableError(format!("cannot read {}: {e}", path.display())))?;
    serde_json::from_str(&text)
        .map_err(|e| TableError(format!("{} is not JSON: {e}", path.display())))
}

/// Reads one benchmark from its `benchmark.json` and the `estimates.json`
/// beside it.
pub fn read_measurement(benchmark_json: &Path) -> Result<Measurement, TableError> {
    let id = read_json(benchmark_json)?;
    let estimates_path = benchmark_json.with_file_name("estimates.json");
    let estimates = read_json(&estimates_path)?;
    let bad = |what: &str| TableError(format!("{}: no {what}", benchmark_json.display()));
    let group = id["group_id"].as_str().ok_or_else(|| bad("group_id"))?;
    let function = id["function_id"].as_str().unwrap_or(group);
    let input = id["value_str"].as_str().map(str::to_string);
    let throughput = match &id["throughput"] {
        Value::Null => None,
        t => Some(
            if let Some(n) = t["Bytes"].as_u64().or(t["BytesDecimal"].as_u64()) {
                Throughput::Bytes(n)
            } else if let Some(n) = t["Elements"].as_u64() {
                Throughput::Elements(n)
            } else {
                return Err(bad("known throughput"));
            },
        ),
    };
    let median_ns = estimates["median"]["point_estimate"]
        .as_f64()
        .ok_or_else(|| TableError(format!("{}: no median", estimates_path.display())))?;
    Ok(Measurement {
        group: group.to_string(),
        function: function.to_string(),
        input,
        throughput,
        median_ns,
    })
}

/// Every benchmark saved below `root` (criterion's output directory).
pub fn read_all(root: &Path) -> Result<Vec<Measurement>, TableError> {
    let files = benchmark_files(root)?;
    if files.is_empty() {
        return Err(TableError(format!(
            "no benchmark results under {} (run `cargo bench -p cookiecheck-benches` first)",
            root.display()
        )));
    }
    files.iter().map(|f| read_measurement(f)).collect()
}

/// A duration in nanoseconds, in the unit that reads best.
pub fn human_time(ns: f64) -> String {
    if ns < 1e3 {
        format!("{ns:.1} ns")
    } else if ns < 1e6 {
        format!("{:.2} µs", ns / 1e3)
    } else if ns < 1e9 {
        format!("{:.2} ms", ns / 1e6)
    } else {
        format!("{:.2} s", ns / 1e9)
    }
}

/// A count per second, with a thousands unit.
pub fn human_rate(per_second: f64) -> String {
    if per_second >= 1e6 {
        format!("{:.2} M/s", per_second / 1e6)
    } else if per_second >= 1e3 {
        format!("{:.1} k/s", per_second / 1e3)
    } else {
        format!("{per_second:.0}/s")
    }
}

/// The throughput of `m` in units per second.
fn per_second(m: &Measurement) -> Option<f64> {
    let n = match m.throughput? {
        Throughput::Bytes(n) | Throughput::Elements(n) => n,
    };
    Some(n as f64 / (m.median_ns / 1e9))
}

/// The issue's targets, checked against a row; `None` when no target applies.
pub fn target(group: &str, input: Option<&str>, peer: &str, ratio: f64) -> Option<String> {
    let verdict = |ok: bool, text: &str| format!("{} ({text})", if ok { "met" } else { "missed" });
    match (group, input, peer) {
        ("parse", _, "cookie") => Some(verdict(ratio <= 1.0, "≤ 1")),
        (g, Some("3000"), "cookie_store") if g.starts_with("jar_") => {
            Some(verdict(ratio <= 1.0 / 3.0, "≤ 0.33"))
        }
        _ => None,
    }
}

/// Whether a function name is the model or a variant of it.
fn is_model(function: &str) -> bool {
    function == "model" || function.starts_with("model_")
}

/// The markdown tables: model against peers, then throughputs.
pub fn render(measurements: &[Measurement]) -> String {
    let mut out = String::new();
    out.push_str(
        "| group | input | model | model time | peer | peer time | model ÷ peer | target |\n",
    );
    out.push_str("|---|---|---|---|---|---|---|---|\n");
    for model in measurements.iter().filter(|m| is_model(&m.function)) {
        let peers = measurements
            .iter()
            .filter(|p| p.group == model.group && p.input == model.input && !is_model(&p.function));
        for peer in peers {
            let ratio = model.median_ns / peer.median_ns;
            let input = model.input.as_deref();
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {:.3} | {} |",
                model.group,
                input.unwrap_or(""),
                model.function,
                human_time(model.median_ns),
                peer.function,
                human_time(peer.median_ns),
                ratio,
                target(&model.group, input, &peer.function, ratio).unwrap_or_default()
            );
        }
    }
    let others: Vec<&Measurement> = measurements
        .iter()
        .filter(|m| {
            !measurements
                .iter()
                .any(|x| x.group == m.group && is_model(&x.function))
        })
        .collect();
    if !others.is_empty() {
        out.push_str("\n| group | function | input | time | throughput | target |\n");
        out.push_str("|---|---|---|---|---|---|\n");
        for m in others {
            let rate = per_second(m);
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                m.group,
                m.function,
                m.input.as_deref().unwrap_or(""),
                human_time(m.median_ns),
                rate.map(human_rate).unwrap_or_default(),
                throughput_target(m, rate).unwrap_or_default()
            );
        }
    }
    out
}

/// The runner's target (100 000 steps/s per thread) and the suite's (< 1 s).
fn throughput_target(m: &Measurement, rate: Option<f64>) -> Option<String> {
    let verdict = |ok: bool, text: &str| format!("{} ({text})", if ok { "met" } else { "missed" });
    match m.group.as_str() {
        "runner" => {
            let threads: f64 = m.input.as_deref()?.strip_prefix("threads=")?.parse().ok()?;
            Some(verdict(
                rate? / threads >= 100_000.0,
                "≥ 100 k steps/s per thread",
            ))
        }
        "suite" => Some(verdict(m.median_ns < 1e9, "< 1 s")),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(group: &str, function: &str, input: &str, ns: f64) -> Measurement {
        Measurement {
            group: group.into(),
            function: function.into(),
            input: Some(input.into()),
            throughput: None,
            median_ns: ns,
        }
    }

    #[test]
    fn ratios_are_model_time_over_peer_time_on_the_same_input() {
        let rows = [
            m("parse", "model", "session", 100.0),
            m("parse", "model_explained", "session", 300.0),
            m("parse", "cookie", "session", 200.0),
            m("parse", "cookie", "long-value", 1.0),
        ];
        let table = render(&rows);
        // A model variant is compared with the peers, never with the model.
        assert!(table.contains("| parse | session | model_explained | 300.0 ns | cookie | 200.0 ns | 1.500 | missed (≤ 1) |"), "{table}");
        assert!(
            !table.contains("| model | 100.0 ns | model_explained"),
            "{table}"
        );
        assert!(table.contains(
            "| parse | session | model | 100.0 ns | cookie | 200.0 ns | 0.500 | met (≤ 1) |"
        ));
        assert!(!table.contains("long-value"), "{table}");
    }

    #[test]
    fn jar_target_needs_three_times_faster_at_3000() {
        assert_eq!(
            target("jar_fill", Some("3000"), "cookie_store", 0.30).as_deref(),
            Some("met (≤ 0.33)")
        );
        assert_eq!(
            target("jar_fill", Some("3000"), "cookie_store", 0.40).as_deref(),
            Some("missed (≤ 0.33)")
        );
        assert_eq!(target("jar_fill", Some("100"), "cookie_store", 0.40), None);
    }

    #[test]
    fn runner_rate_is_judged_per_thread() {
        let mut r = m("runner", "cookie_store", "threads=2", 1e9);
        r.throughput = Some(Throughput::Elements(150_000));
        let table = render(&[r]);
        assert!(table.contains("150.0 k/s | missed"), "{table}");
    }

    #[test]
    fn reads_criterion_files() {
        let dir = std::env::temp_dir().join(format!("cookiecheck-table-{}", std::process::id()));
        let new = dir.join("parse/model/session/new");
        std::fs::create_dir_all(&new).expect("temp dir");
        std::fs::write(
            new.join("benchmark.json"),
            r#"{"group_id":"parse","function_id":"model","value_str":"session","throughput":{"Bytes":420},"full_id":"parse/model/session","directory_name":"parse/model/session","title":"parse/model/session"}"#,
        )
        .expect("write");
        std::fs::write(
            new.join("estimates.json"),
            r#"{"median":{"point_estimate":1234.5}}"#,
        )
        .expect("write");
        let got = read_all(&dir);
        std::fs::remove_dir_all(&dir).expect("cleanup");
        let got = got.expect("readable");
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].throughput, Some(Throughput::Bytes(420)));
        assert_eq!(got[0].median_ns, 1234.5);
        assert!(read_all(&std::env::temp_dir().join("cookiecheck-no-such-dir")).is_err());
    }
}
