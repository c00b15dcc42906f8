//! `cookiecheck run` and its reports (text, JSON, JUnit XML, HTML) on the
//! real binary, with in-process subjects and small selections so the tests
//! stay fast.

use assert_cmd::Command;
use cookiecheck::vectors::{bundled_vectors_dir, load_dir, Case};
use predicates::prelude::*;
use serde_json::Value;
use std::path::Path;
use std::process::Output;

fn cookiecheck() -> Command {
    Command::cargo_bin("cookiecheck").expect("the cookiecheck binary is built")
}

fn bundled_cases(prefix: &str) -> Vec<Case> {
    load_dir(&bundled_vectors_dir())
        .expect("the bundled vectors load")
        .into_iter()
        .flat_map(|f| f.cases)
        .filter(|c| c.id.starts_with(prefix))
        .collect()
}

fn run(args: &[&str]) -> Output {
    cookiecheck()
        .arg("run")
        .args(args)
        .output()
        .expect("cookiecheck runs")
}

/// A vectors folder with one case cookie_store departs on without a list
/// entry (the case of `expiry/max-age/max-age-invalid-empty-ignored`, which
/// subjects/cookie_store.toml lists, under a new id), and one whose cookie
/// value is markup.
/// `NAME=FILE` for `--expected`: an empty subject file, so the subject is
/// judged by the base rules alone and its known departures (here the empty
/// Max-Age the cookie crate reads as persistent) fail the run.
fn no_declarations(dir: &Path, subject: &str) -> String {
    let file = dir.join(format!("{subject}-none.toml"));
    std::fs::write(&file, "").expect("an empty subject file");
    format!("{subject}={}", file.display())
}

fn departure_tree(dir: &Path) {
    let area = dir.join("mine");
    std::fs::create_dir_all(&area).expect("mkdir");
    // Hand-worked: an empty Max-Age is ignored (RFC 6265 §5.2.2: the first
    // character is not a DIGIT or "-"), so `a` stays a session cookie and is
    // sent back (§5.4).
    // Markup in a value is just octets (RFC 6265 §5.2 step 3 takes the
    // value up to the first ";"); the cookie is stored and sent as is.
    std::fs::write(
        area.join("cases.toml"),
        r#"[[case]]
name = "empty-max-age"
note = "an empty Max-Age is ignored: the cookie stays a session cookie"
cites = ["rfc6265:5.2.2"]
[[case.step]]
set = "http://example.com/"
lines = ["a=1; Max-Age="]
[[case.step]]
store = [{ name = "a", value = "1", persistent = false }]

[[case]]
name = "markup-value"
note = "a cookie value with markup is octets like any other"
cites = ["rfc6265:5.2"]
[[case.step]]
set = "http://example.com/"
lines = ["x=<script>document.title='pwned'</script>"]
[[case.step]]
get = "http://example.com/"
expect = "x=<script>document.title='pwned'</script>"
"#,
    )
    .expect("write");
}

#[test]
fn help_documents_the_exit_codes() {
    for args in [&["--help"][..], &["run", "--help"][..]] {
        cookiecheck()
            .args(args)
            .assert()
            .success()
            .stdout(predicate::str::contains("Exit codes:"))
            .stdout(predicate::str::contains("1  departures"))
            .stdout(predicate::str::contains("2  usage or input error"));
    }
}

#[test]
fn text_report_prints_the_matrix_and_no_progress_bar_off_a_terminal() {
    let cases = bundled_cases("domain/ip/");
    let out = run(&["--subject", "cookie_store", "domain/ip"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.starts_with(&format!("{} cases;", cases.len())),
        "{stdout}"
    );
    assert!(stdout.contains("cookie_store"));
    assert!(stdout.contains("departures: none"));
    assert!(stdout.contains("expected-failure lists: exact"));
    // stderr is a pipe here: no bar, no escape sequences.
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn unknown_subjects_and_missing_vector_folders_exit_2() {
    cookiecheck()
        .args(["run", "--subject", "no-such-jar"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown subject `no-such-jar`"));
    cookiecheck()
        .args(["run", "--vectors", "/nonexistent/vectors"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("the vectors do not load"));
}

#[test]
fn json_report_follows_the_documented_schema() {
    // expiry/: both subjects have failures their declared variants
    // reproduce (an empty Max-Age, the cookie crate's date layouts).
    let cases = bundled_cases("expiry/");
    let out = run(&[
        "--subject",
        "cookie_store",
        "--subject",
        "cookie",
        "--format",
        "json",
        "expiry",
    ]);
    let v: Value = serde_json::from_slice(&out.stdout).expect("the report is JSON");
    assert_eq!(v["schema"], "cookiecheck-run-report");
    assert_eq!(v["version"], 1);
    assert_eq!(v["cases"], cases.len());
    assert_eq!(v["exit-code"], out.status.code().expect("an exit code"));
    let subjects = v["subjects"].as_array().expect("subjects");
    assert_eq!(subjects.len(), 2);
    for s in subjects {
        let t = &s["total"];
        let sum: u64 = [
            "pass",
            "fail",
            "expected-fail",
            "declared",
            "left-open",
            "unexpected-pass",
            "unsupported",
            "not-applicable",
        ]
        .iter()
        .map(|k| t[*k].as_u64().expect("a count"))
        .sum();
        assert_eq!(sum, cases.len() as u64, "{}", s["name"]);
        let findings = s["findings"].as_array().expect("findings");
        let count_where = |key: &str| findings.iter().filter(|f| f[key] == true).count() as u64;
        let listed = count_where("listed");
        assert_eq!(t["expected-fail"].as_u64(), Some(listed));
        let declared = count_where("declared");
        assert!(
            declared > 0,
            "{}: no declared finding in expiry/",
            s["name"]
        );
        assert_eq!(t["declared"].as_u64(), Some(declared));
    }
    // Every key the report uses is documented in docs/report-json.md.
    let doc = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/report-json.md"),
    )
    .expect("docs/report-json.md exists");
    let mut keys = std::collections::BTreeSet::new();
    collect_keys(&v, &mut keys, false);
    for k in keys {
        assert!(
            doc.contains(&format!("`{k}`")),
            "docs/report-json.md lacks `{k}`"
        );
    }
}

/// The object keys of `v`, except the names of areas (data, not schema).
fn collect_keys(v: &Value, keys: &mut std::collections::BTreeSet<String>, areas: bool) {
    match v {
        Value::Object(map) => {
            for (k, child) in map {
                if !areas {
                    keys.insert(k.clone());
                }
                collect_keys(child, keys, k == "areas" && !areas);
            }
        }
        Value::Array(items) => items.iter().for_each(|i| collect_keys(i, keys, false)),
        _ => {}
    }
}

#[test]
fn a_departure_exits_1_and_is_a_junit_failure_with_expected_actual_and_rule() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let lists = tempfile::tempdir().expect("a temporary folder");
    departure_tree(dir.path());
    let out = cookiecheck()
        .args(["run", "--subject", "cookie_store", "--format", "junit"])
        .arg("--expected")
        .arg(no_declarations(lists.path(), "cookie_store"))
        .arg("--vectors")
        .arg(dir.path())
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let xml = String::from_utf8(out.stdout).expect("UTF-8");
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let failures: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("failure"))
        .collect();
    assert!(!failures.is_empty(), "{xml}");
    let f = failures
        .iter()
        .find(|f| f.parent().and_then(|p| p.attribute("name")) == Some("mine/cases/empty-max-age"))
        .expect("the empty Max-Age departure");
    let message = f.attribute("message").expect("a message");
    assert!(message.contains("expected"), "{message}");
    assert!(message.contains("got"), "{message}");
    assert!(message.contains("rule"), "{message}");
    assert!(f.text().unwrap_or("").contains("re-run:"));
}

#[test]
fn junit_report_is_well_formed_counts_match_and_validates() {
    // parse/: all three have failures their declared variants reproduce;
    // reqwest is judged by a file that declares nothing and lists one case
    // (a line that is not UTF-8 is dropped, RFC 6265 §5.2 keeps its octets).
    let cases = bundled_cases("parse/");
    let subjects = ["cookie_store", "reqwest", "cookie"];
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = dir.path().join("report.xml");
    let listed = dir.path().join("reqwest-listed.toml");
    std::fs::write(
        &listed,
        "[\"parse/non-ascii/raw-0xff-in-value\"]\nreason = \"the line is not UTF-8 and is dropped\"\n",
    )
    .expect("a subject file");
    let mut cmd = cookiecheck();
    cmd.arg("run");
    for s in subjects {
        cmd.args(["--subject", s]);
    }
    cmd.arg("--expected")
        .arg(format!("reqwest={}", listed.display()));
    let out = cmd
        .args(["--format", "junit", "parse", "--output"])
        .arg(&file)
        .output()
        .expect("runs");
    assert!(out.stdout.is_empty(), "the report goes to --output only");
    let xml = std::fs::read_to_string(&file).expect("the report is written");
    let doc = roxmltree::Document::parse(&xml).expect("well-formed XML");
    let root = doc.root_element();
    assert!(root.has_tag_name("testsuites"));
    let suites: Vec<_> = root
        .children()
        .filter(|n| n.has_tag_name("testsuite"))
        .collect();
    assert_eq!(suites.len(), subjects.len());
    let mut total = 0;
    for (suite, subject) in suites.iter().zip(subjects) {
        assert_eq!(suite.attribute("name"), Some(subject));
        let testcases: Vec<_> = suite
            .children()
            .filter(|n| n.has_tag_name("testcase"))
            .collect();
        // One per case, plus the expected-failure list's own testcase.
        assert_eq!(testcases.len(), cases.len() + 1);
        for (tc, case) in testcases.iter().zip(&cases) {
            assert_eq!(tc.attribute("classname"), Some(subject));
            assert_eq!(tc.attribute("name"), Some(case.id.as_str()));
        }
        let count = |tag: &str| {
            testcases
                .iter()
                .filter(|tc| tc.children().any(|c| c.has_tag_name(tag)))
                .count()
                .to_string()
        };
        assert_eq!(
            suite.attribute("tests"),
            Some(testcases.len().to_string().as_str())
        );
        assert_eq!(suite.attribute("failures"), Some(count("failure").as_str()));
        assert_eq!(suite.attribute("skipped"), Some(count("skipped").as_str()));
        total += testcases.len();
    }
    assert_eq!(root.attribute("tests"), Some(total.to_string().as_str()));
    // Listed failures and failures the declared variants reproduce show up
    // as skipped, with the reason; neither is a failure.
    assert!(
        xml.contains(&format!("expected failure ({})", listed.display())),
        "{xml}"
    );
    assert!(xml.contains("declared variant trim-unicode-whitespace (subjects/cookie_store.toml)"));
    assert!(!xml.contains("type=\"internal\""), "{xml}");

    let xsd = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/junit.xsd");
    match std::process::Command::new("xmllint")
        .arg("--noout")
        .arg("--schema")
        .arg(&xsd)
        .arg(&file)
        .output()
    {
        Ok(v) => assert!(
            v.status.success(),
            "xmllint rejects the report: {}",
            String::from_utf8_lossy(&v.stderr)
        ),
        Err(e) if std::env::var_os("CI").is_some() => {
            panic!("xmllint is needed in CI (Debian: libxml2-utils): {e}")
        }
        Err(e) => eprintln!("notice: xmllint not found ({e}); JUnit XSD validation skipped"),
    }
}

fn chromium_dom(html: &Path) -> Option<String> {
    let chromium = Path::new("/usr/bin/chromium");
    if !chromium.exists() {
        if std::env::var_os("CI").is_some() {
            panic!("/usr/bin/chromium is needed in CI (apt-get install chromium)");
        }
        eprintln!("notice: /usr/bin/chromium not found; the HTML render check is skipped");
        return None;
    }
    let profile = tempfile::tempdir().expect("a temporary profile folder");
    let dom_file = profile.path().join("dom.html");
    let log_file = profile.path().join("chromium.log");
    let mut child = std::process::Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", html.display()))
        // Files, not pipes: a full pipe nobody reads would stall the browser.
        .stdout(std::fs::File::create(&dom_file).expect("the DOM file"))
        .stderr(std::fs::File::create(&log_file).expect("the log file"))
        .spawn()
        .expect("chromium starts");
    // A browser that hangs must fail the test, not the CI run: 120 s at most.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    while child.try_wait().expect("chromium's status").is_none() {
        if std::time::Instant::now() > deadline {
            let _ = child.kill();
            panic!("chromium did not finish rendering the report within 120 s");
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let status = child.wait().expect("chromium's status");
    let log = std::fs::read_to_string(&log_file).unwrap_or_default();
    assert!(status.success(), "chromium failed: {log}");
    let dom = std::fs::read(&dom_file).expect("the dumped DOM");
    Some(String::from_utf8_lossy(&dom).into_owned())
}

#[test]
fn html_report_is_self_contained_escaped_and_renders_in_chromium() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let vectors = dir.path().join("vectors");
    departure_tree(&vectors);
    let subjects = ["cookie_store", "reqwest"];
    let file = dir.path().join("report.html");
    let out = cookiecheck()
        .args([
            "run",
            "--subject",
            subjects[0],
            "--subject",
            subjects[1],
            "--format",
            "html",
        ])
        .arg("--expected")
        .arg(no_declarations(dir.path(), subjects[0]))
        .arg("--expected")
        .arg(no_declarations(dir.path(), subjects[1]))
        .arg("--vectors")
        .arg(&vectors)
        .arg("--output")
        .arg(&file)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1), "the empty Max-Age case departs");
    let html = std::fs::read_to_string(&file).expect("written");
    let cases = 2;
    // Escaped: the hostile value appears only as text.
    assert!(!html.contains("<script>document.title"));
    assert!(html.contains("&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;"));
    // Self-contained: one inline script, no external resource, in-page links only.
    assert_eq!(html.matches("<script").count(), 1);
    assert!(!html.contains(" src="));
    assert!(!html.contains("<link"));
    for (i, _) in html.match_indices("href=\"") {
        assert!(html[i + 6..].starts_with('#'), "external link at {i}");
    }
    // Every cell links to an anchor that exists.
    let cells = html.matches("class=\"cell ").count();
    assert_eq!(cells, cases * subjects.len());
    for (i, _) in html.match_indices("<td class=\"cell ") {
        let rest = &html[i..];
        let href = rest
            .split("href=\"#")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .expect("a cell link");
        assert!(html.contains(&format!("id=\"{href}\"")), "no anchor {href}");
    }
    let Some(dom) = chromium_dom(&file) else {
        return;
    };
    // The page's script ran: the browser loaded and rendered it.
    assert!(
        dom.contains(&format!("data-rendered=\"{}\"", cases * subjects.len())),
        "{}",
        &dom[..dom.len().min(400)]
    );
    assert!(!dom.contains("<title>pwned</title>"));
    assert_eq!(dom.matches("<tr class=\"case\"").count(), cases);
    assert_eq!(dom.matches("class=\"cell ").count(), cases * subjects.len());
    assert!(dom.contains("id=\"f-cookie_store-mine/cases/empty-max-age\""));
}

#[test]
fn expected_overrides_name_their_mistakes() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let missing = dir.path().join("nope.toml");
    let cases = [
        (
            format!("cookie_store={}", missing.display()),
            "no such file",
        ),
        ("cookie_store".to_string(), "is not NAME=FILE"),
        (
            no_declarations(dir.path(), "cookie"),
            "`cookie` is not among the subjects that run",
        ),
    ];
    for (arg, says) in cases {
        cookiecheck()
            .args([
                "run",
                "--subject",
                "cookie_store",
                "--expected",
                &arg,
                "path",
            ])
            .assert()
            .code(2)
            .stderr(predicates::str::contains(says));
    }
}
