//! `--shim 'CMD ARGS...'`: any protocol shim from the command line, started
//! through the same code as the bundled shims, judged the same way.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn cookiecheck() -> Command {
    Command::cargo_bin("cookiecheck").expect("the cookiecheck binary is built")
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The JSON report of `cookiecheck run ARGS... --format json`, run from the
/// repository root (the shim's relative path is resolved there).
fn json_run(args: &[&str]) -> Value {
    let out = cookiecheck()
        .current_dir(repo_root())
        .arg("run")
        .args(args)
        .args(["--format", "json"])
        .output()
        .expect("cookiecheck runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("the report is JSON")
}

/// What a subject's results are, without the text of crash messages (they
/// name temporary files): the subject, its matrix, and every finding's
/// case, cause and whether it is declared or listed.
fn results(report: &Value) -> Vec<Value> {
    let subjects = report["subjects"].as_array().expect("subjects");
    subjects
        .iter()
        .map(|s| {
            let findings: Vec<Value> = s["findings"]
                .as_array()
                .expect("findings")
                .iter()
                .map(|f| {
                    serde_json::json!([
                        f["case"],
                        f["cause"],
                        f["declared"],
                        f["listed"],
                        f["kind"]
                    ])
                })
                .collect();
            serde_json::json!({
                "name": s["name"],
                "areas": s["areas"],
                "findings": findings,
            })
        })
        .collect()
}

#[test]
fn a_shim_command_gives_the_results_of_the_bundled_subject() {
    let by_name = json_run(&["--subject", "python-cookiejar"]);
    let by_command = json_run(&["--shim", "python3 shims/python/cookiejar_shim.py"]);
    let (a, b) = (results(&by_name), results(&by_command));
    assert_eq!(a.len(), 1);
    assert_eq!(a[0]["name"], "python-cookiejar");
    assert!(
        !a[0]["findings"].as_array().expect("findings").is_empty(),
        "python's known departures are found"
    );
    assert_eq!(a, b);
}

#[test]
fn a_broken_shim_command_is_a_one_line_usage_error() {
    for (command, says) in [
        ("no-such-program --flag", "cannot start `no-such-program`"),
        ("true", "crashed"),
        ("echo not-json", "not JSON"),
    ] {
        cookiecheck()
            .args(["run", "--shim", command])
            .assert()
            .code(2)
            .stderr(
                predicate::str::contains(says).and(predicate::str::contains("docs/protocol.md")),
            );
    }
    cookiecheck()
        .args(["run", "--shim", "python3 'unbalanced"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unbalanced quote"));
}

#[test]
fn a_shim_without_a_subject_file_is_judged_by_the_base_rules_and_says_so() {
    // The model itself, served over the protocol (a name no subject file
    // has): every vector passes, and the report says no file judged it.
    let bin = assert_cmd::cargo::cargo_bin("cookiecheck");
    let command = format!("'{}' serve --profile rfc6265", bin.display());
    let out = cookiecheck()
        .args(["run", "--shim", &command, "parse/"])
        .output()
        .expect("cookiecheck runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("cookiecheck-model"), "{text}");
    assert!(text.contains("has no expected-failure file"), "{text}");
}

#[test]
fn explore_takes_a_shim_and_prints_it_in_the_replay_command() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let bin = assert_cmd::cargo::cargo_bin("cookiecheck");
    let command = format!("'{}' serve --profile rfc6265", bin.display());
    let out = cookiecheck()
        .args(["explore", "--shim", &command])
        .args(["--cases", "30", "--seed", "5", "--out"])
        .arg(dir.path())
        .output()
        .expect("cookiecheck runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(
        text.contains("explore cookiecheck-model (seed 5): 30 cases"),
        "{text}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    cookiecheck()
        .args(["explore", "--cases", "1"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("give --subject NAME or --shim"));
}
