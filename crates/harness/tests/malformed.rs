//! Broken vector files: each must be rejected with the right error kind,
//! at the right line of the right file.

use cookiecheck::vectors::{load_dir, load_file, load_file_all, LoadError};
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// Every error of `malformed/<name>.toml`, loaded with that path for ids.
fn errors_of(name: &str) -> Vec<LoadError> {
    let rel = Path::new("malformed").join(format!("{name}.toml"));
    let text = std::fs::read_to_string(fixtures().join(&rel)).expect("the fixture exists");
    match load_file_all(&rel, &text) {
        Ok(file) => panic!("{name}.toml loaded ({} cases) but is malformed", file.len()),
        Err(errors) => errors,
    }
}

/// The single error of a fixture, after checking its file and line.
fn only_error(name: &str, line: usize) -> LoadError {
    let errors = errors_of(name);
    assert_eq!(
        errors.len(),
        1,
        "{name}: expected one error, got {errors:#?}"
    );
    let error = errors.into_iter().next().expect("one error");
    let at = error.location();
    assert_eq!(at.file, Path::new("malformed").join(format!("{name}.toml")));
    assert_eq!(at.line, line, "{name}: wrong line in {error}");
    error
}

#[test]
fn unknown_key_is_named_with_its_line() {
    let e = only_error("unknown-key", 8);
    assert!(
        matches!(&e, LoadError::UnknownKey { key, .. } if key == "expects"),
        "{e}"
    );
    assert!(
        e.to_string().contains("expect"),
        "the message lists the keys allowed: {e}"
    );
}

#[test]
fn duplicate_name_points_at_both_definitions() {
    let e = only_error("duplicate-name", 10);
    match &e {
        LoadError::DuplicateId { id, first, .. } => {
            assert_eq!(id, "malformed/duplicate-name/same");
            assert_eq!(first.line, 2);
        }
        other => panic!("expected DuplicateId, got {other}"),
    }
}

#[test]
fn relative_url_is_a_bad_url() {
    let e = only_error("bad-url", 7);
    assert!(
        matches!(&e, LoadError::BadUrl { url, .. } if url == "/just/a/path"),
        "{e}"
    );
    assert_eq!(e.location().column, 7, "the column of the URL value");
}

#[test]
fn unknown_profile_is_rejected() {
    let e = only_error("unknown-profile", 6);
    assert!(
        matches!(&e, LoadError::UnknownProfile { name, .. } if name == "rfc2965"),
        "{e}"
    );
}

#[test]
fn per_profile_expect_must_name_every_applicable_profile() {
    let e = only_error("missing-profile-expectation", 11);
    assert!(
        matches!(&e, LoadError::MissingProfileExpectation { key: "expect", profile, .. } if profile == "netscape"),
        "{e}"
    );
}

#[test]
fn per_profile_store_must_not_name_other_profiles() {
    let e = only_error("extra-profile", 11);
    assert!(
        matches!(&e, LoadError::ExtraProfileExpectation { key: "store", profile, .. } if profile == "netscape"),
        "{e}"
    );
}

#[test]
fn step_with_two_kinds_is_rejected_at_the_second() {
    let e = only_error("two-kinds", 9);
    assert!(
        matches!(&e, LoadError::StepKind { found, .. } if found == "`set` and `get`"),
        "{e}"
    );
}

#[test]
fn step_without_kind_is_rejected_at_its_header() {
    let e = only_error("no-kind", 6);
    assert!(
        matches!(&e, LoadError::StepKind { found, .. } if found == "none"),
        "{e}"
    );
}

#[test]
fn bad_hex_is_reported_at_the_part() {
    let e = only_error("bad-hex", 9);
    assert!(
        matches!(&e, LoadError::BadHex { hex, .. } if hex == "0g"),
        "{e}"
    );
}

#[test]
fn empty_cites_are_rejected() {
    let e = only_error("empty-cites", 5);
    assert!(
        matches!(e, LoadError::EmptyList { key: "cites", .. }),
        "{e}"
    );
}

#[test]
fn toml_syntax_error_names_the_line() {
    let e = only_error("syntax-error", 3);
    assert!(matches!(e, LoadError::Syntax { .. }), "{e}");
}

#[test]
fn citation_from_unknown_source_is_rejected() {
    let e = only_error("bad-cite", 5);
    assert!(
        matches!(&e, LoadError::BadCite { cite, .. } if cite == "rfc9999:5.7"),
        "{e}"
    );
}

#[test]
fn repeat_count_over_a_million_is_rejected() {
    let e = only_error("repeat-too-long", 8);
    assert!(
        matches!(
            e,
            LoadError::BadRepeatCount {
                count: 1_000_001,
                ..
            }
        ),
        "{e}"
    );
}

#[test]
fn date_expectation_must_be_a_full_instant() {
    let e = only_error("bad-date", 7);
    assert!(matches!(e, LoadError::BadDate { .. }), "{e}");
}

#[test]
fn names_must_be_kebab_case() {
    let e = only_error("bad-name", 3);
    assert!(
        matches!(&e, LoadError::BadName { name, .. } if name == "Upper_Case"),
        "{e}"
    );
}

#[test]
fn lines_are_not_allowed_on_a_get_step() {
    let e = only_error("key-not-allowed", 8);
    assert!(
        matches!(e, LoadError::KeyNotAllowed { key: "lines", .. }),
        "{e}"
    );
}

#[test]
fn missing_note_is_reported_at_the_case() {
    let e = only_error("missing-note", 2);
    assert!(
        matches!(e, LoadError::MissingKey { key: "note", .. }),
        "{e}"
    );
}

#[test]
fn messages_start_with_file_line_and_column() {
    let e = only_error("bad-url", 7);
    assert!(
        e.to_string()
            .starts_with("malformed/bad-url.toml:7:7: bad URL"),
        "{e}"
    );
}

#[test]
fn load_file_reports_the_first_error() {
    let text = "[[case]]\nname = \"A\"\nnote = \"\"\ncites = []\n";
    let e = load_file(Path::new("x/y.toml"), text).expect_err("four problems");
    // The first in file order: the [[case]] table lacks `step`.
    assert!(
        matches!(e, LoadError::MissingKey { key: "step", .. }),
        "{e}"
    );
    assert_eq!(e.location().line, 1);
}

#[test]
fn load_file_all_reports_every_semantic_error() {
    let text = "[[case]]\nname = \"A\"\nnote = \"\"\ncites = []\n";
    let errors = load_file_all(Path::new("x/y.toml"), text).expect_err("four problems");
    let lines: Vec<usize> = errors.iter().map(|e| e.location().line).collect();
    assert_eq!(lines, vec![1, 2, 3, 4], "{errors:#?}");
}

#[test]
fn a_file_outside_area_topic_layout_is_rejected() {
    let e = load_file(Path::new("loose.toml"), "").expect_err("no area");
    assert!(matches!(e, LoadError::BadPath { .. }), "{e}");
}

#[test]
fn load_dir_lists_every_broken_file() {
    let errors = load_dir(&fixtures()).expect_err("every fixture is broken");
    let dir = fixtures().join("malformed");
    let fixtures = std::fs::read_dir(&dir).expect("fixtures folder").count();
    let mut files: Vec<&Path> = errors.iter().map(|e| e.location().file.as_path()).collect();
    files.dedup();
    assert_eq!(files.len(), fixtures, "{errors:#?}");
    assert!(
        files.iter().all(|f| f.starts_with(&dir)),
        "errors name the full path"
    );
}
