//! `cookiecheck vectors list|check|new` and the filters, on the real binary.
//! Expected selections are computed here from the loaded vectors, not with
//! the selection code under test.

use assert_cmd::Command;
use cookiecheck::vectors::{bundled_vectors_dir, load_dir, Case, VectorFile};
use cookiecheck_model::ProfileId;
use predicates::prelude::*;
use std::collections::BTreeSet;

fn cookiecheck() -> Command {
    Command::cargo_bin("cookiecheck").expect("the cookiecheck binary is built")
}

fn bundled() -> Vec<VectorFile> {
    load_dir(&bundled_vectors_dir()).expect("the bundled vectors load")
}

fn scenarios() -> Vec<Case> {
    bundled().into_iter().flat_map(|f| f.cases).collect()
}

fn stdout_ids(out: &[u8]) -> BTreeSet<String> {
    String::from_utf8_lossy(out)
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn list_by_section_step_selects_exactly_the_cases_citing_it() {
    let out = cookiecheck()
        .args(["vectors", "list", "--ids", "--section", "rfc6265bis:5.7/16"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let want: BTreeSet<String> = scenarios()
        .iter()
        .filter(|c| {
            c.cites.iter().any(|x| {
                x.source == "rfc6265bis"
                    && x.section == "5.7"
                    && x.step
                        .as_deref()
                        .is_some_and(|s| s == "16" || s.starts_with("16."))
            })
        })
        .map(|c| c.id.clone())
        .collect();
    assert!(!want.is_empty(), "the vectors cite rfc6265bis:5.7/16");
    assert_eq!(stdout_ids(&out), want);
}

#[test]
fn list_by_section_takes_subsections_and_steps_but_not_sibling_numbers() {
    let out = cookiecheck()
        .args(["vectors", "list", "--ids", "--section", "rfc6265:5.2"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let files = bundled();
    let mut want = BTreeSet::new();
    for f in &files {
        let cited = |cites: &[cookiecheck::vectors::Citation]| {
            cites.iter().any(|x| {
                x.source == "rfc6265" && (x.section == "5.2" || x.section.starts_with("5.2."))
            })
        };
        want.extend(
            f.cases
                .iter()
                .filter(|c| cited(&c.cites))
                .map(|c| c.id.clone()),
        );
        want.extend(
            f.dates
                .iter()
                .filter(|c| cited(&c.cites))
                .map(|c| c.id.clone()),
        );
        want.extend(
            f.txts
                .iter()
                .filter(|c| cited(&c.cites))
                .map(|c| c.id.clone()),
        );
    }
    let got = stdout_ids(&out);
    assert_eq!(got, want);
    // 5.2.2 (Max-Age) is under 5.2; the listing must reach a subsection.
    assert!(scenarios().iter().any(|c| got.contains(&c.id)
        && c.cites
            .iter()
            .any(|x| x.source == "rfc6265" && x.section == "5.2.2")));
}

#[test]
fn list_by_area_with_skip_and_profile() {
    let out = cookiecheck()
        .args([
            "vectors",
            "list",
            "--ids",
            "--area",
            "domain",
            "--skip",
            "domain/ip",
        ])
        .args(["--profile", "netscape"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let want: BTreeSet<String> = scenarios()
        .into_iter()
        .filter(|c| c.id.starts_with("domain/") && !c.id.starts_with("domain/ip/"))
        .filter(|c| c.profiles.contains(&ProfileId::Netscape))
        .map(|c| c.id)
        .collect();
    assert!(!want.is_empty());
    let got = stdout_ids(&out);
    assert_eq!(got, want);
    // The profile filter removed something: some domain case is not for netscape.
    assert!(scenarios()
        .iter()
        .any(|c| c.id.starts_with("domain/") && !c.profiles.contains(&ProfileId::Netscape)));
}

#[test]
fn list_long_form_shows_kind_profiles_citations_and_note() {
    let case = scenarios()
        .into_iter()
        .find(|c| c.id.starts_with("path/"))
        .expect("a path case");
    cookiecheck()
        .args(["vectors", "list", &case.id])
        .assert()
        .success()
        .stdout(predicate::str::contains(&case.id))
        .stdout(predicate::str::contains(case.cites[0].to_string()))
        .stdout(predicate::str::contains(&case.note))
        .stderr(predicate::str::contains("1 case(s)"));
}

#[test]
fn bad_filters_and_empty_selections_exit_2_with_a_message() {
    cookiecheck()
        .args(["vectors", "list", "--section", "rfc9999:5.7"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad filter `rfc9999:5.7`"));
    cookiecheck()
        .args(["vectors", "list", "no-such-area"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no case matches no-such-area"));
    cookiecheck()
        .args(["run", "--skip", "Bad Id"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad filter"));
}

#[test]
fn check_counts_the_bundled_tree() {
    let files = bundled();
    let cases: usize = files.iter().map(VectorFile::len).sum();
    cookiecheck()
        .args(["vectors", "check"])
        .assert()
        .success()
        .stdout(format!("ok: {} file(s), {cases} case(s)\n", files.len()));
}

#[test]
fn check_names_file_line_and_column_of_every_error_and_exits_2() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let area = dir.path().join("storage");
    std::fs::create_dir(&area).expect("mkdir");
    let file = area.join("broken.toml");
    std::fs::write(
        &file,
        "[[case]]\nname = \"a\"\nnote = \"n\"\ncites = [\"rfc6265:5.3\"]\ncolour = 1\n[[case.step]]\nget = \"http://example.com/\"\nexpect = \"\"\n",
    )
    .expect("write");
    let shown = file.display().to_string();
    cookiecheck()
        .args(["vectors", "check"])
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!("{shown}:5:1")))
        .stderr(predicate::str::contains("colour"));
    // The folder form names the same file and line.
    cookiecheck()
        .args(["vectors", "check"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("broken.toml:5:1"));
}

#[test]
fn new_scaffolds_a_case_the_loader_accepts_with_marked_model_values() {
    // Hand-worked: `a=1; Path=/` from http://example.com/a/b is stored with
    // path "/" (RFC 6265 §5.2.4, §5.3 step 12; bis §5.7); a GET of
    // http://example.com/a/ path-matches "/" (§5.1.4) and the cookie is
    // neither Secure nor HttpOnly-restricted here, so every profile sends
    // "a=1" (RFC 6265 §5.4; the Netscape prefix match agrees).
    let out = cookiecheck()
        .args(["vectors", "new", "storage/scaffold/path-root"])
        .args([
            "--url",
            "http://example.com/a/b",
            "--set-cookie",
            "a=1; Path=/",
        ])
        .args([
            "--get",
            "http://example.com/a/",
            "--note",
            "a root-path cookie is sent below it",
        ])
        .args(["--cite", "rfc6265:5.1.4"])
        .assert()
        .success()
        .stdout(predicate::str::contains("TO BE VERIFIED AGAINST THE SPEC"))
        .stdout(predicate::str::contains(
            "expect = \"a=1\"  # TO VERIFY: the model's answer",
        ))
        .get_output()
        .stdout
        .clone();
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::create_dir(dir.path().join("storage")).expect("mkdir");
    let file = dir.path().join("storage").join("scaffold.toml");
    std::fs::write(&file, &out).expect("write");
    let loaded = load_dir(dir.path()).expect("the scaffold loads");
    let case = &loaded[0].cases[0];
    assert_eq!(case.id, "storage/scaffold/path-root");
    assert_eq!(case.note, "a root-path cookie is sent below it");
    cookiecheck()
        .args(["vectors", "check"])
        .arg(dir.path())
        .assert()
        .success()
        .stdout("ok: 1 file(s), 1 case(s)\n");
}

#[test]
fn new_shows_profile_differences_and_derives_citations_to_verify() {
    // Hand-worked: `b=2; Secure` from http:// is ignored by RFC 6265bis
    // §5.7 step 13 and stored by RFC 6265 §5.3 (no such step); over https
    // the stored Secure cookie is sent (RFC 6265 §5.4 step 1).
    cookiecheck()
        .args(["vectors", "new", "secure/scaffold/secure-from-http"])
        .args([
            "--url",
            "http://example.com/",
            "--set-cookie",
            "b=2; Secure",
        ])
        .args(["--get", "https://example.com/"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "expect = { rfc6265 = \"b=2\", rfc6265bis = \"\", netscape = \"b=2\" }",
        ))
        .stdout(predicate::str::contains("rfc6265bis:5.7/13"))
        .stdout(predicate::str::contains(
            "# TO VERIFY: the sections of the model's decisions",
        ));
}

#[test]
fn new_from_a_vector_file_appends_to_the_topic_file() {
    // Hand-worked for the source case: `a=2; Max-Age=0` gives the earliest
    // expiry-time (RFC 6265 §5.2.2), replaces `a=1` (§5.3 step 11) and is
    // then evicted as expired, so the store is empty and no Cookie header
    // is sent (RFC 6265bis §5.6.2, §5.7 agree).
    let dir = tempfile::tempdir().expect("a temporary folder");
    let finding = dir.path().join("found");
    std::fs::create_dir(&finding).expect("mkdir");
    let found = finding.join("shrunk.toml");
    std::fs::write(
        &found,
        "[[case]]\nname = \"min\"\nnote = \"found by explore\"\ncites = [\"rfc6265:5.3\"]\n\
         profiles = [\"rfc6265\", \"rfc6265bis\"]\n\
         [[case.step]]\nset = \"http://example.com/\"\nlines = [\"a=1\", \"a=2; Max-Age=0\"]\n\
         [[case.step]]\nadvance = 5\n[[case.step]]\nstore = []\n\
         [[case.step]]\nget = \"http://example.com/\"\nexpect = \"\"\n",
    )
    .expect("write");
    let area = dir.path().join("expiry");
    std::fs::create_dir(&area).expect("mkdir");
    let target = area.join("found.toml");
    std::fs::write(
        &target,
        "[[case]]\nname = \"existing\"\nnote = \"n\"\ncites = [\"rfc6265:5.3\"]\n\
         [[case.step]]\nget = \"http://example.com/\"\nexpect = \"\"\n",
    )
    .expect("write");
    cookiecheck()
        .args(["vectors", "new", "expiry/found/max-age-zero-deletes"])
        .arg("--from")
        .arg(&found)
        .arg("--output")
        .arg(&target)
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "appended expiry/found/max-age-zero-deletes",
        ));
    let loaded = load_dir(dir.path()).expect("both files load");
    let ids: Vec<&str> = loaded
        .iter()
        .flat_map(|f| f.cases.iter().map(|c| c.id.as_str()))
        .collect();
    assert!(ids.contains(&"expiry/found/existing"));
    assert!(ids.contains(&"expiry/found/max-age-zero-deletes"));
    let text = std::fs::read_to_string(&target).expect("read");
    assert!(text.contains("advance = 5"));
    assert!(text.contains("store = []  # TO VERIFY"));
    // Appending the same id again is refused, and the file is left alone.
    cookiecheck()
        .args(["vectors", "new", "expiry/found/max-age-zero-deletes"])
        .arg("--from")
        .arg(&found)
        .arg("--output")
        .arg(&target)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("does not load"));
    assert_eq!(std::fs::read_to_string(&target).expect("read"), text);
}

#[test]
fn new_rejects_bad_ids_and_mismatched_output_files() {
    cookiecheck()
        .args([
            "vectors",
            "new",
            "Storage/x",
            "--url",
            "http://a.test/",
            "--set-cookie",
            "a=1",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("bad case id `Storage/x`"));
    let dir = tempfile::tempdir().expect("a temporary folder");
    cookiecheck()
        .args([
            "vectors",
            "new",
            "storage/x/y",
            "--url",
            "http://a.test/",
            "--set-cookie",
            "a=1",
        ])
        .arg("--output")
        .arg(dir.path().join("other.toml"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("another id"));
}

#[test]
fn new_accepts_every_file_explore_writes() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let out = dir.path().join("found");
    cookiecheck()
        .args([
            "explore",
            "--subject",
            "cookie_store",
            "--cases",
            "100",
            "--threads",
            "1",
        ])
        .arg("--out")
        .arg(&out)
        .assert()
        .code(predicate::in_iter([0, 1]));
    let mut files = Vec::new();
    for entry in std::fs::read_dir(out.join("cookie-store")).expect("explore wrote its folder") {
        files.push(entry.expect("an entry").path());
    }
    assert!(
        !files.is_empty(),
        "cookie_store departs from rfc6265 somewhere in 100 cases"
    );
    for (i, file) in files.iter().enumerate() {
        let name = format!("storage/found/case-{i}");
        let text = cookiecheck()
            .args(["vectors", "new", &name, "--from"])
            .arg(file)
            .assert()
            .success()
            .stdout(predicate::str::contains("TO VERIFY"))
            .get_output()
            .stdout
            .clone();
        let target = dir.path().join("check").join("storage");
        std::fs::create_dir_all(&target).expect("mkdir");
        std::fs::write(target.join("found.toml"), &text).expect("write");
        let loaded = load_dir(&dir.path().join("check")).expect("the scaffold loads");
        assert_eq!(loaded[0].cases[0].id, name);
    }
}
