//! `cookiecheck shim-check`: a correct shim passes every check; each toy
//! shim broken in one way (crates/cli/tests/toys/toy_shim.py) gets the
//! diagnosis for that way, on the check that shows it.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Runs `shim-check CMD --timeout 4` from the repository root (generous:
/// a loaded machine starts python slowly); returns the
/// exit code and stdout.
fn shim_check(command: &str) -> (Option<i32>, String) {
    let out = Command::cargo_bin("cookiecheck")
        .expect("the cookiecheck binary is built")
        .current_dir(repo_root())
        .args(["shim-check", command, "--timeout", "4"])
        .output()
        .expect("cookiecheck runs");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    (out.status.code(), stdout)
}

/// The report line of check `name` (`  FAIL  get  ...`).
fn line_of<'a>(report: &'a str, name: &str) -> &'a str {
    report
        .lines()
        .find(|l| l.split_whitespace().nth(1) == Some(name))
        .unwrap_or_else(|| panic!("no `{name}` check in:\n{report}"))
}

fn toy(mode: &str) -> String {
    format!("python3 crates/cli/tests/toys/toy_shim.py {mode}")
}

/// Every check ok: no failure, no warning, exit 0.
fn assert_clean(command: &str) {
    let (code, report) = shim_check(command);
    assert_eq!(code, Some(0), "{command}:\n{report}");
    for l in report
        .lines()
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
    {
        assert!(
            l.trim_start().starts_with("ok "),
            "{command}: {l}\n{report}"
        );
    }
    assert!(report.contains("0 failed, 0 warnings"), "{report}");
}

#[test]
fn correct_shims_pass_every_check() {
    assert_clean(&toy("good"));
    assert_clean("python3 shims/python/cookiejar_shim.py");
    let model = format!(
        "'{}' serve --profile rfc6265bis",
        env!("CARGO_BIN_EXE_cookiecheck")
    );
    assert_clean(&model);
}

/// Exit 1, and check `name` failed with a summary containing `phrase`.
fn assert_fails(mode: &str, name: &str, phrase: &str) -> String {
    let (code, report) = shim_check(&toy(mode));
    assert_eq!(code, Some(1), "{mode}:\n{report}");
    let line = line_of(&report, name);
    assert!(
        line.trim_start().starts_with("FAIL"),
        "{mode}: {line}\n{report}"
    );
    assert!(
        line.contains(phrase),
        "{mode}: `{phrase}` not in {line}\n{report}"
    );
    report
}

#[test]
fn a_wrong_id_is_named() {
    assert_fails("wrong-id", "reset", "does not echo the request's 2");
}

#[test]
fn a_hello_without_its_fields_is_named() {
    let report = assert_fails("no-hello", "hello", "hello answer speaks protocol None");
    // Nothing else can be checked without a hello.
    assert!(report.contains("2 checks"), "{report}");
}

#[test]
fn a_garbage_answer_is_named_with_the_line() {
    let report = assert_fails("garbage", "get", "not a JSON response");
    assert!(report.contains("< OK"), "{report}");
}

#[test]
fn log_lines_on_stdout_are_named_with_the_request_before_them() {
    let report = assert_fails("noise", "stdout", "write logs to stderr");
    assert!(report.contains("< debug: got a set request"), "{report}");
    assert!(report.contains("\"op\":\"set\""), "{report}");
    // The answers themselves still came.
    assert!(
        line_of(&report, "set").trim_start().starts_with("ok"),
        "{report}"
    );
}

#[test]
fn a_hang_is_named_with_the_time_limit() {
    assert_fails("hang", "get", "no answer within 4 s");
}

#[test]
fn a_crash_is_named_with_its_status_and_stderr() {
    let report = assert_fails("crash", "set", "exit status: 3");
    assert!(report.contains("boom: the toy crashed on set"), "{report}");
}

#[test]
fn a_reset_that_keeps_cookies_is_named() {
    assert_fails("sticky", "reset-empties", "still sent after `reset`");
}

#[test]
fn a_claimed_op_answered_unsupported_is_named() {
    assert_fails("liar", "cookies", "though the hello claims `list-cookies`");
}

#[test]
fn a_missing_program_is_one_failed_check() {
    let (code, report) = shim_check("no-such-program-cookiecheck --x");
    assert_eq!(code, Some(1), "{report}");
    assert!(
        line_of(&report, "start").contains("cannot start"),
        "{report}"
    );
}

#[test]
fn an_unbalanced_quote_is_a_usage_error() {
    let (code, _) = shim_check("python3 'unbalanced");
    assert_eq!(code, Some(2));
}
