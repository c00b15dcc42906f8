//! The jar author's one-liner: the whole cookiecheck suite against
//! `TinyJar`, honouring `my-jar.toml`. Re-run one case with
//! `COOKIECHECK_CASES='path/match/...' cargo test -p my-jar`.

use cookiecheck::subject::{Capabilities, Subject, SubjectError};
use cookiecheck_model::{Api, ProfileId, RequestContext, RequestUri, Time};
use my_jar::TinyJar;

/// The adapter: the `Subject` trait over the jar's own API.
struct MyJar(TinyJar);

impl Subject for MyJar {
    fn capabilities(&self) -> Capabilities {
        Capabilities {
            clock: true,
            non_http: true,
            end_session: true,
            ..Capabilities::basic(ProfileId::Rfc6265)
        }
    }

    fn reset(&mut self) -> Result<(), SubjectError> {
        self.0.clear();
        Ok(())
    }

    fn set_cookies(
        &mut self,
        url: &RequestUri,
        lines: &[Vec<u8>],
        ctx: &RequestContext,
        now: Time,
    ) -> Result<(), SubjectError> {
        for line in lines {
            self.0.set_cookie(url, line, now, ctx.api == Api::Http);
        }
        Ok(())
    }

    fn cookie_header(
        &mut self,
        url: &RequestUri,
        ctx: &RequestContext,
        now: Time,
    ) -> Result<Option<Vec<u8>>, SubjectError> {
        Ok(self.0.cookie_header(url, now, ctx.api == Api::Http))
    }

    fn end_session(&mut self) -> Result<(), SubjectError> {
        self.0.end_session();
        Ok(())
    }
}

#[test]
fn tiny_jar_conforms_to_the_suite() {
    cookiecheck::suite::assert_conforms(
        "my-jar",
        || MyJar(TinyJar::new()),
        concat!(env!("CARGO_MANIFEST_DIR"), "/my-jar.toml"),
    );
}

fn list_file(name: &str, text: &str) -> std::path::PathBuf {
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, text).expect("write the list");
    path
}

#[test]
fn an_unlisted_departure_is_reported_with_step_expected_actual_rule_and_rerun() {
    // TinyJar accepts Domain=0.1 from 192.168.0.1; RFC 6265 §5.1.3 says an
    // IP address domain-matches only itself, so §5.3 step 6 ignores the
    // cookie. With an empty list this is a departure.
    let id = "domain/ip/ipv4-partial-domain-ignored";
    let empty = list_file("empty.toml", "");
    let message = cookiecheck::suite::check_conforms(
        "my-jar",
        || MyJar(TinyJar::new()),
        &empty,
        &[id.to_string()],
    )
    .expect_err("the departure fails the check");
    assert!(
        message.contains("1 cases: 0 pass, 1 departures"),
        "{message}"
    );
    assert!(message.contains(&format!("departure: {id}")), "{message}");
    assert!(message.contains("  step:     "), "{message}");
    assert!(message.contains("  expected: "), "{message}");
    assert!(message.contains("  actual:   "), "{message}");
    assert!(
        message.contains("  rule:     domain-mismatch (RFC 6265 §5.3 step 6)"),
        "{message}"
    );
    assert!(
        message.contains(&format!("COOKIECHECK_CASES='{id}' cargo test")),
        "{message}"
    );
}

#[test]
fn a_listed_case_that_passes_and_a_missing_file_are_errors() {
    // TinyJar sends SID back to the host that set it (RFC 6265
    // §5.3 step 6, §5.4): listing such a case is an unexpected pass.
    let list = list_file(
        "wrong.toml",
        "[\"examples/rfc6265/sid-returned\"]\nreason = \"listed on purpose\"\n",
    );
    let message = cookiecheck::suite::check_conforms(
        "my-jar",
        || MyJar(TinyJar::new()),
        &list,
        &["examples/rfc6265/sid-returned".to_string()],
    )
    .expect_err("an unexpected pass fails the check");
    assert!(
        message.contains("unexpected pass: examples/rfc6265/sid-returned"),
        "{message}"
    );
    let missing = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("absent.toml");
    let message =
        cookiecheck::suite::check_conforms("my-jar", || MyJar(TinyJar::new()), &missing, &[])
            .expect_err("a missing list is an error");
    assert!(message.contains("does not exist"), "{message}");
}
