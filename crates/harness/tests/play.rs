//! The runner on small inline vectors: what passes, what fails, and what a
//! failure explains.

use cookiecheck::play::{play_case, play_date, play_txt};
use cookiecheck::report::{case_failure_message, snapshot};
use cookiecheck::vectors::{load_file, VectorFile};
use cookiecheck_model::ProfileId;
use std::path::Path;

const HEAD: &str = "[[case]]\nname = \"c\"\nnote = \"n\"\ncites = [\"rfc6265bis:5.7\"]\n";

fn file(body: &str) -> VectorFile {
    let text = format!("{HEAD}{body}");
    match load_file(Path::new("t/t.toml"), &text) {
        Ok(f) => f,
        Err(e) => panic!("test vector does not load: {e}\n{text}"),
    }
}

#[test]
fn matching_get_passes_and_records_decisions() {
    let f = file("[[case.step]]\nset = \"http://a.com/\"\nlines = [\"a=1\", \"b\"]\n[[case.step]]\nget = \"http://a.com/\"\nexpect = { rfc6265 = \"a=1\", rfc6265bis = \"a=1; b\", netscape = \"a=1\" }\n");
    for p in ProfileId::ALL {
        let r = play_case(&f.cases[0], p);
        assert!(r.passed(), "{}", case_failure_message(&f.cases[0], &r));
    }
    let bis = play_case(&f.cases[0], ProfileId::Rfc6265bis);
    // bis §5.6 step 3: a pair without '=' is a nameless cookie.
    assert_eq!(bis.steps[0].decision_codes(), vec!["stored", "stored"]);
    assert_eq!(bis.steps[1].sent_header(), Some(&b"a=1; b"[..]));
}

#[test]
fn wrong_header_fails_at_its_step_with_the_withholding_rule() {
    let f = file("[[case.step]]\nset = \"https://a.com/\"\nlines = [\"s=1; Secure\"]\n[[case.step]]\nget = \"http://a.com/\"\nexpect = \"s=1\"\n");
    let case = &f.cases[0];
    let r = play_case(case, ProfileId::Rfc6265bis);
    let failure = r
        .failure
        .as_ref()
        .expect("a Secure cookie is not sent over http");
    assert_eq!(failure.step, Some(1));
    assert_eq!(failure.expected, "\"s=1\"");
    assert_eq!(failure.actual, "(no Cookie header)");
    let message = case_failure_message(case, &r);
    for needle in [
        "t/t/c",
        "profile:   rfc6265bis",
        "secure-only",
        "RFC 6265bis §5.8.3 step 3",
        "step 1 set https://a.com/ \"s=1; Secure\" -> stored",
        "cargo test -p cookiecheck --test vectors -- 't/t/c@rfc6265bis' --exact",
    ] {
        assert!(message.contains(needle), "missing {needle:?} in\n{message}");
    }
}

#[test]
fn store_is_compared_as_a_set_on_the_stated_fields() {
    let f = file("[[case.step]]\nset = \"http://a.com/x/y\"\nlines = [\"a=1\", \"b=2; Path=/\"]\n[[case.step]]\nstore = [{ name = \"b\", value = \"2\", path = \"/\" }, { name = \"a\", value = \"1\", path = \"/x\", host-only = true }]\n");
    let r = play_case(&f.cases[0], ProfileId::Rfc6265);
    assert!(r.passed(), "{}", case_failure_message(&f.cases[0], &r));
}

#[test]
fn store_difference_names_the_differing_field() {
    let f = file("[[case.step]]\nset = \"http://a.com/\"\nlines = [\"a=1; Max-Age=60\"]\n[[case.step]]\nstore = [{ name = \"a\", value = \"1\", persistent = false }]\n");
    let r = play_case(&f.cases[0], ProfileId::Rfc6265bis);
    let failure = r.failure.expect("Max-Age makes the cookie persistent");
    assert_eq!(failure.step, Some(1));
    let why = failure.explanation.join("\n");
    assert!(
        why.contains("persistent: expected false, actual true"),
        "{why}"
    );
}

#[test]
fn advance_expires_cookies_on_the_virtual_clock() {
    let f = file("start = 1000\n[[case.step]]\nset = \"http://a.com/\"\nlines = [\"a=1; Max-Age=10\"]\n[[case.step]]\nadvance = 10\n[[case.step]]\nget = \"http://a.com/\"\nexpect = \"a=1\"\n[[case.step]]\nadvance = 1\n[[case.step]]\nget = \"http://a.com/\"\nexpect = \"\"\n");
    // RFC 6265bis §5.7: expired means an expiry-time strictly before now, and
    // netscape has no Max-Age (the cookie is a session cookie there).
    let case = &f.cases[0];
    let bis = play_case(case, ProfileId::Rfc6265bis);
    assert!(bis.passed(), "{}", case_failure_message(case, &bis));
    let netscape = play_case(case, ProfileId::Netscape);
    assert_eq!(netscape.failure.and_then(|f| f.step), Some(4));
}

#[test]
fn end_session_and_reload_keep_only_what_they_should() {
    let f = file("[[case.step]]\nset = \"http://a.com/\"\nlines = [\"s=1\", \"p=1; Expires=Wed, 01 Jan 2025 00:00:00 GMT\"]\n[[case.step]]\nreload = true\n[[case.step]]\nget = \"http://a.com/\"\nexpect = \"s=1; p=1\"\n[[case.step]]\nend-session = true\n[[case.step]]\nstore = [{ name = \"p\", value = \"1\", expires = 1735689600 }]\n");
    for p in ProfileId::ALL {
        let r = play_case(&f.cases[0], p);
        assert!(r.passed(), "{}", case_failure_message(&f.cases[0], &r));
    }
}

#[test]
fn date_and_txt_cases_compare_with_the_model() {
    let text = r##"
[[date]]
name = "d"
note = "n"
cites = ["rfc6265:5.1.1"]
input = "Wed, 21 Oct 2015 07:28:00 GMT"
expect = "invalid"

[[txt]]
name = "bad-flag"
note = "n"
cites = ["seed:002"]
input = "# c\nexample.com\tMAYBE\t/\tFALSE\t0\ta\tb\n"
error-line = 2

[[txt]]
name = "round-trip"
note = "n"
cites = ["seed:002"]
input = ["#HttpOnly_.a.com", { hex = "09" }, "TRUE\t/\tTRUE\t0\tn\tv\n"]
cookies = [{ name = "n", value = "v", domain = "a.com", host-only = false, http-only = true, secure = true, persistent = false }]
output = "# Netscape HTTP Cookie File\n#HttpOnly_.a.com\tTRUE\t/\tTRUE\t0\tn\tv\n"
"##;
    let f = load_file(Path::new("t/t.toml"), text).expect("valid vectors");
    let date = play_date(&f.dates[0]);
    assert_eq!(
        date.failure.map(|f| f.actual),
        Some("2015-10-21T07:28:00Z".to_string())
    );
    for t in &f.txts {
        assert_eq!(play_txt(t).failure, None, "{}", t.id);
    }
}

#[test]
fn snapshot_merges_profiles_with_identical_verdicts() {
    let f = file("[[case.step]]\nset = \"http://a.com/\"\nlines = [\"a=1\"]\n[[case.step]]\nget = \"http://a.com/\"\nexpect = \"a=1\"\n");
    let text = snapshot(&f);
    assert!(
        text.starts_with("== t/t/c @ rfc6265,rfc6265bis,netscape\n"),
        "{text}"
    );
    assert!(text.contains("\"a=1\" -> stored"), "{text}");
}
