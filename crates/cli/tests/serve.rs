//! `cookiecheck serve`: the model behind the process protocol, driven by the
//! harness's own process subject (the client side of `docs/protocol.md`).

use cookiecheck::differ::{diff_case, Outcome};
use cookiecheck::subject::{ProcessCommand, ProcessSubject, Subject};
use cookiecheck::vectors::{bundled_vectors_dir, load_tree, Case};
use cookiecheck_model::ProfileId;
use serde_json::Value;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_cookiecheck");

fn served(profile: &str) -> ProcessSubject {
    ProcessSubject::start(ProcessCommand::new(BIN, &["serve", "--profile", profile]))
        .expect("`cookiecheck serve` starts and answers hello")
}

fn bundled_cases() -> Vec<Case> {
    let tree = load_tree(&bundled_vectors_dir());
    assert!(tree.errors.is_empty(), "{:?}", tree.errors);
    tree.files.into_iter().flat_map(|f| f.cases).collect()
}

/// The first rfc6265bis case of every vector file: each area's flavour of
/// set, get, advance, reload, end-session and store steps.
#[test]
fn served_model_passes_a_case_from_each_vector_file() {
    let mut subject = served("rfc6265bis");
    let caps = subject.capabilities();
    assert_eq!(subject.hello().name, "cookiecheck-model");
    assert_eq!(caps.profile, ProfileId::Rfc6265bis);
    let tree = load_tree(&bundled_vectors_dir());
    let picked: Vec<Case> = tree
        .files
        .into_iter()
        .filter_map(|f| {
            f.cases
                .into_iter()
                .find(|c| c.applies_to(ProfileId::Rfc6265bis))
        })
        .collect();
    assert!(picked.len() >= 5, "only {} cases picked", picked.len());
    for case in &picked {
        let outcome = diff_case(case, &mut subject, &caps);
        assert_eq!(outcome, Outcome::Pass, "{}", case.id);
    }
}

/// The model served agrees with the model in process on every bundled case,
/// under every profile (nothing unsupported: it claims every capability).
#[test]
fn served_model_passes_every_bundled_case_under_every_profile() {
    let cases = bundled_cases();
    for profile in ProfileId::ALL {
        let mut subject = served(profile.name());
        let caps = subject.capabilities();
        for case in &cases {
            match diff_case(case, &mut subject, &caps) {
                Outcome::Pass | Outcome::NotApplicable => {}
                other => panic!("{} under {profile}: {other:?}", case.id),
            }
        }
    }
}

/// A line that is not JSON gets a `bad-request` error with `id: null`, and
/// the server keeps answering.
#[test]
fn malformed_line_gets_bad_request_and_the_server_carries_on() {
    let mut child = Command::new(BIN)
        .args(["serve", "--profile", "rfc6265bis"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    stdin
        .write_all(b"{\"id\":1,\"op\":\"hello\"\n\xff\xfe\n{\"id\":2,\"op\":\"reset\"}\n")
        .unwrap();
    drop(stdin);
    let lines: Vec<Value> = BufReader::new(child.stdout.take().unwrap())
        .lines()
        .map(|l| serde_json::from_str(&l.unwrap()).unwrap())
        .collect();
    assert!(child.wait().unwrap().success());
    assert_eq!(lines.len(), 3, "{lines:?}");
    for bad in &lines[..2] {
        assert_eq!(bad["id"], Value::Null);
        assert_eq!(bad["ok"], false);
        assert_eq!(bad["error"]["kind"], "bad-request");
    }
    assert_eq!(lines[2], serde_json::json!({"id": 2, "ok": true}));
}
