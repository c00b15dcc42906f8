//! `cookiecheck explain --case` on the real binary.

use assert_cmd::Command;
use predicates::prelude::*;

fn cookiecheck() -> Command {
    Command::cargo_bin("cookiecheck").expect("the cookiecheck binary is built")
}

#[test]
fn a_case_shows_each_profiles_decision_with_its_citation() {
    // The case sets a Secure cookie over https, then the same name and path
    // over http. RFC 6265bis §5.7 step 16 (Strict Secure) ignores the second;
    // RFC 6265 §5.3 step 11 replaces the first with it; the Netscape profile
    // follows RFC 6265 there. Over http the bis jar then has only the
    // Secure cookie, which is not sent (RFC 6265bis §5.8.3 step 3).
    cookiecheck()
        .args(["explain", "--case", "secure/strict-secure/blocks-same-path"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "case secure/strict-secure/blocks-same-path:",
        ))
        .stdout(predicate::str::contains("cites:   rfc6265bis:5.7/16"))
        .stdout(predicate::str::contains(
            "rfc6265bis  strict-secure (RFC 6265bis §5.7 step 16)",
        ))
        .stdout(predicate::str::contains(
            "rfc6265     replaced (RFC 6265 §5.3 step 11)",
        ))
        .stdout(predicate::str::contains(
            "rfc6265bis  (no Cookie header); not sent a=1: secure-only",
        ));
}

#[test]
fn profile_narrows_the_columns_and_filters_select_several_cases() {
    let out = cookiecheck()
        .args(["explain", "--case", "secure/strict-secure/blocks-same-path"])
        .args(["--profile", "rfc6265"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8_lossy(&out);
    assert!(text.contains("        rfc6265  replaced (RFC 6265 §5.3 step 11)"));
    assert!(!text.contains("        rfc6265bis"));
    assert!(!text.contains("        netscape"));
    let out = cookiecheck()
        .args([
            "explain",
            "--case",
            "secure/strict-secure",
            "--section",
            "rfc6265bis:5.1.4",
        ])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8_lossy(&out);
    assert!(text.matches("\ncase ").count() + usize::from(text.starts_with("case ")) >= 2);
    assert!(text.contains("case secure/strict-secure/blocks-sub-path:"));
    assert!(!text.contains("case secure/strict-secure/blocks-same-path:"));
}

#[test]
fn unknown_cases_and_mixed_modes_exit_2() {
    cookiecheck()
        .args(["explain", "--case", "no/such/case"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no case matches no/such/case"));
    cookiecheck()
        .args(["explain", "--case", "secure", "http://example.com/", "a=1"])
        .assert()
        .code(2);
}

#[test]
fn set_cookie_lines_still_work_with_profiles() {
    // Hand-worked: `lang=en-US; Domain=example.com` from www.example.com is
    // a domain cookie (RFC 6265 §5.3 step 6), stored under every profile;
    // Netscape needs the leading dot (seed 002) and ignores it.
    cookiecheck()
        .args([
            "explain",
            "http://www.example.com/",
            "lang=en-US; Domain=example.com",
        ])
        .args(["--profile", "rfc6265"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Cookie: lang=en-US"))
        .stdout(predicate::str::contains("netscape").not());
}

#[test]
fn a_date_case_shows_the_models_reading() {
    // RFC 6265 §5.1.1 step 5: a year below 1601 fails to parse the date.
    cookiecheck()
        .args(["explain", "--case", "dates/bounds/year-1600-invalid"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "input:   \"Sun, 31 Dec 1600 23:59:59 GMT\"",
        ))
        .stdout(predicate::str::contains("model:   invalid (every profile)"));
}
