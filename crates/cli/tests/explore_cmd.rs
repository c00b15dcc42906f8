//! `cookiecheck explore` and `cookiecheck minimize` on the real binary.

use assert_cmd::Command;
use cookiecheck::vectors::load_file;
use predicates::prelude::*;

fn cookiecheck() -> Command {
    Command::cargo_bin("cookiecheck").expect("the binary builds")
}

/// The cookie crate's parser has known departures: a seeded campaign names
/// each finding by the declared variants that reproduce it (its upper-case
/// Domain kept as written is `domain-case-kept`), exits 0 (all known), and
/// writes one loadable vector per cause.
#[test]
fn explore_writes_one_loadable_vector_per_distinct_finding() {
    let out = tempfile::tempdir().expect("a temp dir");
    let run = |threads: &str| {
        cookiecheck()
            .args([
                "explore",
                "--subject",
                "cookie",
                "--cases",
                "400",
                "--seed",
                "2026",
            ])
            .args(["--threads", threads, "--out"])
            .arg(out.path())
            .assert()
            .success()
            .stdout(predicate::str::contains(
                "explore cookie (seed 2026): 400 cases",
            ))
            .stdout(predicate::str::contains("domain-case-kept [mismatch]"))
            .stdout(predicate::str::contains("0 NEW"))
            .stdout(predicate::str::contains("(known)"))
            .get_output()
            .stdout
            .clone()
    };
    let one = String::from_utf8(run("1")).expect("utf-8");
    let dir = out.path().join("cookie");
    let files: Vec<_> = std::fs::read_dir(&dir)
        .expect("the findings folder")
        .map(|e| e.expect("an entry").path())
        .collect();
    assert!(!files.is_empty());
    for f in &files {
        let text = std::fs::read_to_string(f).expect("readable");
        let rel = std::path::Path::new("explore").join(f.file_name().expect("a name"));
        let file = load_file(&rel, &text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        assert_eq!(file.cases.len(), 1, "{}", f.display());
        assert!(text.contains("# Replay: cookiecheck explore --subject cookie --seed 2026"));
    }
    // The same seed on two threads: the same findings (timings aside).
    let two = String::from_utf8(run("2")).expect("utf-8");
    let findings = |s: &str| -> Vec<String> {
        s.lines()
            .filter(|l| l.contains(" [mismatch] ") || l.starts_with("  agree"))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(findings(&one), findings(&two));
}

#[test]
fn explore_names_unknown_subjects() {
    cookiecheck()
        .args(["explore", "--subject", "no-such-jar", "--cases", "1"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown subject `no-such-jar`"));
}

#[test]
fn minimize_turns_a_date_artifact_into_a_date_vector() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let artifact = dir.path().join("crash-date");
    std::fs::write(&artifact, b"Wed, 09 Jun 2021 10:18:14 GMT").expect("written");
    let out = cookiecheck()
        .args(["minimize", "--target", "cookie-date"])
        .arg(&artifact)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).expect("utf-8");
    let file = load_file(std::path::Path::new("dates/fuzz.toml"), &text)
        .unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(file.dates.len(), 1);
    assert_eq!(file.dates[0].input, b"Wed, 09 Jun 2021 10:18:14 GMT");
    // RFC 6265 §5.1.1: 2021-06-09T10:18:14Z.
    assert_eq!(file.dates[0].expect, Some(1_623_233_894));
}

#[test]
fn minimize_says_when_a_failure_does_not_reproduce() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let artifact = dir.path().join("crash-line");
    std::fs::write(&artifact, b"a=1; Path=/").expect("written");
    cookiecheck()
        .args(["minimize", "--target", "set-cookie-parse"])
        .arg(&artifact)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("does not reproduce"));
}

/// `--shrink-seconds` bounds the shrinking of each finding: with no time at
/// all, every witness keeps its original size; a negative budget is a usage
/// error.
#[test]
fn the_shrink_budget_bounds_each_finding() {
    let out = tempfile::tempdir().expect("a temp dir");
    let output = cookiecheck()
        .args([
            "explore",
            "--subject",
            "cookie",
            "--cases",
            "300",
            "--seed",
            "5",
        ])
        .args(["--shrink-seconds", "0", "--out"])
        .arg(out.path())
        .output()
        .expect("runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let shrunk: Vec<&str> = stdout
        .lines()
        .filter(|l| l.contains("shrunk from"))
        .collect();
    assert!(!shrunk.is_empty(), "{stdout}");
    for line in shrunk {
        let (_, sizes) = line.split_once("shrunk from ").expect("sizes");
        let mut words = sizes.split_whitespace();
        let from = words.next();
        let to = words.nth(1);
        assert_eq!(from, to, "{line}");
    }
    cookiecheck()
        .args([
            "explore",
            "--subject",
            "cookie",
            "--cases",
            "10",
            "--shrink-seconds=-1",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--shrink-seconds"));
}
