//! cookiecheck outside this repository: the binary run from a directory
//! with no checkout (its vectors and subject files built in), the packaged
//! crates holding the data they build in, and a crate outside the
//! workspace running `assert_conforms` on the built-in vectors.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("the repository root")
}

/// The binary, as installed and with its source gone: run in `dir` with
/// the built-in copies forced.
fn installed(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("cookiecheck").expect("the cookiecheck binary is built");
    c.current_dir(dir).env("COOKIECHECK_BUNDLED", "built-in");
    c
}

#[test]
fn the_binary_runs_from_any_directory_on_its_built_in_data() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    // Two in-process jars stand for all (the browser alone takes a minute).
    let out = installed(dir.path())
        .args(["run", "--subject", "cookie_store", "--subject", "cookie"])
        .output()
        .expect("cookiecheck runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stdout}\n{stderr}");
    assert!(
        stdout.contains("outside a cookiecheck checkout")
            || stderr.contains("outside a cookiecheck checkout"),
        "{stdout}\n{stderr}"
    );
    // The in-process jars ran, judged by their built-in subject files.
    assert!(stdout.contains("\ncookie_store "), "{stdout}");
    assert!(stdout.contains("departures: none"), "{stdout}");

    // The same cases as the checkout's vectors.
    let listed = |c: &mut Command| {
        let out = c.args(["vectors", "list"]).output().expect("runs");
        assert_eq!(out.status.code(), Some(0));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let built_in = listed(&mut installed(dir.path()));
    let checkout = listed(
        Command::cargo_bin("cookiecheck")
            .expect("built")
            .current_dir(dir.path()),
    );
    assert!(built_in.lines().count() > 500, "{built_in}");
    assert_eq!(built_in, checkout);
}

/// `cargo package --list` of one workspace crate.
fn package_list(package: &str) -> Vec<String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = std::process::Command::new(cargo)
        .current_dir(repo_root())
        .args(["package", "--list", "--allow-dirty", "-p", package])
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success(),
        "cargo package --list -p {package}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(str::to_string)
        .collect()
}

/// Every file below `dir` (relative to the root), as `prefix/<path>`.
fn files_below(dir: &Path, prefix: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("a readable folder") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(dir).expect("below the folder");
                out.push(format!("{prefix}/{}", rel.to_string_lossy()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn the_packages_hold_the_data_they_build_in() {
    let root = repo_root();
    let harness = package_list("cookiecheck");
    for file in files_below(&root.join("vectors"), "vectors") {
        assert!(
            harness.contains(&file),
            "cookiecheck's package lacks {file}"
        );
    }
    assert!(harness.contains(&"build.rs".to_string()));
    let cli = package_list("cookiecheck-cli");
    let subjects = files_below(&root.join("subjects"), "subjects");
    assert!(subjects.len() > 5);
    for file in subjects {
        assert!(
            cli.contains(&file),
            "cookiecheck-cli's package lacks {file}"
        );
    }
    let model = package_list("cookiecheck-model");
    assert!(model.contains(&"src/lib.rs".to_string()), "{model:?}");
}

const DEPENDENT_MANIFEST: &str = r#"[package]
name = "my-jar"
version = "0.1.0"
edition = "2021"
publish = false

[dependencies]
cookiecheck = { path = "HARNESS" }
cookiecheck-model = { path = "MODEL" }

[workspace]

# The workspace's own profile, so the outer build's dependencies are reused.
[profile.dev.package."*"]
opt-level = 2
debug = false

[profile.dev]
debug = "line-tables-only"
"#;

const DEPENDENT_TEST: &str = r#"//! A jar author's test: the reference model as "their jar".
use cookiecheck::subject::{Capabilities, Subject, SubjectError};
use cookiecheck_model::{Jar, Profile, ProfileId, RequestContext, RequestUri, Time};

struct MyJar(Jar);

impl Subject for MyJar {
    fn capabilities(&self) -> Capabilities {
        Capabilities::basic(ProfileId::Rfc6265)
    }
    fn reset(&mut self) -> Result<(), SubjectError> {
        self.0 = Jar::new(Profile::for_id(ProfileId::Rfc6265));
        Ok(())
    }
    fn set_cookies(&mut self, url: &RequestUri, lines: &[Vec<u8>], ctx: &RequestContext, now: Time)
        -> Result<(), SubjectError> {
        for line in lines {
            self.0.set_cookie(url, line, ctx, now);
        }
        Ok(())
    }
    fn cookie_header(&mut self, url: &RequestUri, ctx: &RequestContext, now: Time)
        -> Result<Option<Vec<u8>>, SubjectError> {
        Ok(self.0.cookie_header(url, ctx, now).header)
    }
}

#[test]
fn my_jar_conforms() {
    cookiecheck::suite::assert_conforms(
        "my-jar",
        || MyJar(Jar::new(Profile::for_id(ProfileId::Rfc6265))),
        concat!(env!("CARGO_MANIFEST_DIR"), "/my-jar.toml"),
    );
}
"#;

#[test]
fn a_crate_outside_the_workspace_runs_assert_conforms() {
    let root = repo_root();
    let dir = tempfile::tempdir().expect("a temporary directory");
    let krate = dir.path().join("my-jar");
    std::fs::create_dir_all(krate.join("tests")).expect("mkdir");
    let manifest = DEPENDENT_MANIFEST
        .replace("HARNESS", &root.join("crates/harness").to_string_lossy())
        .replace("MODEL", &root.join("crates/model").to_string_lossy());
    std::fs::write(krate.join("Cargo.toml"), manifest).expect("write");
    std::fs::write(krate.join("tests/conforms.rs"), DEPENDENT_TEST).expect("write");
    std::fs::write(krate.join("my-jar.toml"), "").expect("write");
    std::fs::create_dir_all(krate.join("src")).expect("mkdir");
    std::fs::write(krate.join("src/lib.rs"), "").expect("write");
    // The workspace's versions (no registry needed) and its target folder
    // (what the outer build compiled is reused).
    std::fs::copy(root.join("Cargo.lock"), krate.join("Cargo.lock")).expect("copy the lock");
    let target = root.join("target");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = std::process::Command::new(cargo)
        .current_dir(&krate)
        .args(["test", "--offline", "-q", "--test", "conforms"])
        .env("CARGO_TARGET_DIR", &target)
        .env("COOKIECHECK_BUNDLED", "built-in")
        .env_remove("COOKIECHECK_CASES")
        .output()
        .expect("cargo runs");
    assert!(
        out.status.success(),
        "the dependent crate's test failed:\n{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("1 passed"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}
