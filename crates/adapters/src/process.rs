//! The process shims shipped in `shims/`, and whether their runtime is here.

use cookiecheck::subject::{
    Capabilities, ProcessCommand, ProcessSubject, Subject, SubjectError, SubjectFactory,
};
use cookiecheck_model::{RequestContext, RequestUri, Time};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::Duration;

/// The time limit for one case on a process subject: generous, because each
/// request already has its own limit and a process that misses it is killed.
pub const PROCESS_CASE_LIMIT: Duration = Duration::from_secs(60);

/// A shim that started and said hello.
pub struct Started {
    /// The name the shim announced.
    pub name: String,
    /// Builds instances (each starts its own process).
    pub factory: SubjectFactory,
    /// What the shim announced.
    pub capabilities: Capabilities,
}

/// The shims known to this build: a name and the command, relative to the
/// repository root, plus what must exist for it to run.
struct Shim {
    name: &'static str,
    /// The program: found on `PATH`, a path under the repository root when
    /// it holds a `/`, or [`BUILD_OUTPUT`] for the output of `build`.
    program: &'static str,
    /// Its arguments; [`BUILD_OUTPUT`] stands for the output of `build`.
    args: &'static [&'static str],
    needs_file: &'static str,
    setup: &'static str,
    /// A compile step run once per run before the first start.
    build: Option<Build>,
}

/// In a [`Shim`]'s or a [`Build`]'s words: the build output,
/// `target/shims/<shim name>` under the repository root (a file or a
/// directory, as the toolchain makes it).
const BUILD_OUTPUT: &str = "{build-output}";

/// How a compiled shim is built: `program args…`, run in `dir` (relative to
/// the repository root), with [`BUILD_OUTPUT`] in `args` replaced by
/// `target/shims/<shim name>` under the repository root (a cache: the
/// toolchain skips the work when nothing changed, or the build is cheap).
struct Build {
    program: &'static str,
    args: &'static [&'static str],
    dir: &'static str,
}

const SHIMS: &[Shim] = &[
    Shim {
        name: "python-cookiejar",
        program: "python3",
        args: &["shims/python/cookiejar_shim.py"],
        needs_file: "shims/python/cookiejar_shim.py",
        setup: "install python3",
        build: None,
    },
    Shim {
        name: "node-tough-cookie",
        program: "node",
        args: &["shims/node/tough_shim.js"],
        needs_file: "shims/node/node_modules/tough-cookie/package.json",
        setup: "run `npm ci --prefix shims/node`",
        build: None,
    },
    Shim {
        name: "go-cookiejar",
        // The build output (`go run` would compile inside the hello's time
        // limit, and again for every process).
        program: BUILD_OUTPUT,
        args: &[],
        needs_file: "shims/go/main.go",
        setup: "install a Go toolchain (Debian: golang-go)",
        build: Some(Build {
            program: "go",
            args: &["build", "-o", BUILD_OUTPUT],
            dir: "shims/go",
        }),
    },
    Shim {
        name: "aiohttp-cookiejar",
        // The project-local virtual environment made by the setup script.
        program: "shims/aiohttp/.venv/bin/python",
        args: &["shims/aiohttp/aiohttp_shim.py"],
        needs_file: "shims/aiohttp/.venv/bin/python",
        setup: "run `bash shims/aiohttp/setup.sh`",
        build: None,
    },
    Shim {
        name: "java-cookiemanager",
        program: "java",
        args: &["-cp", BUILD_OUTPUT, "CookieManagerShim"],
        needs_file: "shims/java/CookieManagerShim.java",
        setup: "install a JDK (Debian: default-jdk-headless)",
        build: Some(Build {
            program: "javac",
            args: &["-d", BUILD_OUTPUT, "CookieManagerShim.java"],
            dir: "shims/java",
        }),
    },
];

/// The names of every known shim.
pub fn shim_names() -> Vec<&'static str> {
    SHIMS.iter().map(|s| s.name).collect()
}

/// Starts every shim whose runtime is present (or only those in `only`,
/// when non-empty). Returns the started shims and one notice per skipped one.
pub fn start_shims(root: &Path, only: &[String]) -> (Vec<Started>, Vec<String>) {
    let mut started = Vec::new();
    let mut notices = Vec::new();
    for shim in SHIMS {
        if !only.is_empty() && !only.iter().any(|n| n == shim.name) {
            continue;
        }
        if !root.join(shim.needs_file).exists() {
            notices.push(format!(
                "skipped {}: {} is missing ({})",
                shim.name, shim.needs_file, shim.setup
            ));
            continue;
        }
        let output = match &shim.build {
            None => None,
            Some(build) => match build_shim(root, shim.name, build) {
                Ok(output) => Some(output),
                Err(e) => {
                    notices.push(format!("skipped {}: {e} ({})", shim.name, shim.setup));
                    continue;
                }
            },
        };
        let word = |w: &str| match (&output, w) {
            (Some(out), BUILD_OUTPUT) => out.to_string_lossy().into_owned(),
            _ => w.to_string(),
        };
        let mut program = word(shim.program);
        if program.contains('/') && Path::new(&program).is_relative() {
            // Relative to the root, whatever the platform does with a
            // relative program and a working directory.
            program = root.join(&program).to_string_lossy().into_owned();
        }
        let mut words = vec![program];
        words.extend(shim.args.iter().map(|a| word(a)));
        match start_command(&words, root) {
            Ok(s) => started.push(s),
            Err(e) => notices.push(format!("skipped {}: {e} ({})", shim.name, shim.setup)),
        }
    }
    (started, notices)
}

/// Starts a process that speaks the protocol (docs/protocol.md) from its
/// command words, the program first, in the working directory `cwd`: the
/// one way every shim starts, the bundled ones and any `--shim` command.
/// The subject's name is the one its `hello` announces. The error says
/// what went wrong in one line: the program is missing, it exited or
/// answered garbage before its hello, or the hello is malformed.
pub fn start_command(words: &[String], cwd: &Path) -> Result<Started, String> {
    let Some((program, args)) = words.split_first() else {
        return Err("the command is empty".into());
    };
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let mut command = ProcessCommand::new(program, &args);
    command.cwd = Some(cwd.to_path_buf());
    let subject = ProcessSubject::start(command.clone()).map_err(|e| e.to_string())?;
    let hello = subject.hello().clone();
    let caps = hello.capabilities.clone();
    let factory: SubjectFactory = Arc::new(move || restartable(&command, &caps));
    Ok(Started {
        name: hello.name,
        factory,
        capabilities: hello.capabilities,
    })
}

/// Runs a shim's build step; returns the path of what it made.
fn build_shim(root: &Path, name: &str, build: &Build) -> Result<PathBuf, String> {
    // Absolute: the build runs in another directory.
    let output = std::path::absolute(root.join("target").join("shims").join(name))
        .map_err(|e| format!("no absolute path for the build output: {e}"))?;
    let args: Vec<String> = build
        .args
        .iter()
        .map(|a| match *a {
            BUILD_OUTPUT => output.to_string_lossy().into_owned(),
            other => other.to_string(),
        })
        .collect();
    let result = Command::new(build.program)
        .args(&args)
        .current_dir(root.join(build.dir))
        .output();
    let what = format!("`{} {}`", build.program, args.join(" "));
    match result {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            Err(format!("`{}` is not installed", build.program))
        }
        Err(e) => Err(format!("cannot run {what}: {e}")),
        Ok(out) if !out.status.success() => {
            let stderr = String::from_utf8_lossy(&out.stderr);
            let tail: String = {
                let chars: Vec<char> = stderr.trim().chars().collect();
                chars[chars.len().saturating_sub(2048)..].iter().collect()
            };
            Err(format!("{what} failed ({}): {tail}", out.status))
        }
        Ok(_) => Ok(output),
    }
}

/// A process subject for a factory: started now; if that fails, every call
/// reports the failure (an i/o finding) instead of panicking.
fn restartable(command: &ProcessCommand, caps: &Capabilities) -> Box<dyn Subject> {
    match ProcessSubject::start(command.clone()) {
        Ok(s) => Box::new(s),
        Err(e) => Box::new(Unstartable {
            capabilities: caps.clone(),
            error: e,
        }),
    }
}

/// A shim that would not start again: every call fails with the reason.
struct Unstartable {
    capabilities: Capabilities,
    error: SubjectError,
}

impl Subject for Unstartable {
    fn capabilities(&self) -> Capabilities {
        self.capabilities.clone()
    }
    fn reset(&mut self) -> Result<(), SubjectError> {
        Err(SubjectError::Io(self.error.to_string()))
    }
    fn set_cookies(
        &mut self,
        _url: &RequestUri,
        _lines: &[Vec<u8>],
        _ctx: &RequestContext,
        _now: Time,
    ) -> Result<(), SubjectError> {
        Err(SubjectError::Io(self.error.to_string()))
    }
    fn cookie_header(
        &mut self,
        _url: &RequestUri,
        _ctx: &RequestContext,
        _now: Time,
    ) -> Result<Option<Vec<u8>>, SubjectError> {
        Err(SubjectError::Io(self.error.to_string()))
    }
}
