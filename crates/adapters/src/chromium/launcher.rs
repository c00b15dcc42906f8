//! Finding and starting Chromium: headless, a fresh empty profile, every
//! request through the test proxy, nothing resolved or fetched outside.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::time::Duration;

/// The environment variable that names a Chromium binary explicitly.
pub const BINARY_ENV: &str = "COOKIECHECK_CHROMIUM";

/// How long Chromium may take to open its DevTools endpoint.
const START_LIMIT: Duration = Duration::from_secs(30);

/// The Chromium binary to drive: `$COOKIECHECK_CHROMIUM` when set, else the
/// first of `chromium`, `chromium-browser`, `google-chrome` on `PATH`
/// (Debian's package installs `/usr/bin/chromium`). `None` when there is none.
pub fn find_binary() -> Option<PathBuf> {
    if let Some(explicit) = std::env::var_os(BINARY_ENV) {
        let path = PathBuf::from(explicit);
        return path.is_file().then_some(path);
    }
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |dir| dir.join(name)))
        .find(|candidate| candidate.is_file())
}

/// A running Chromium; dropping it kills the process and removes its
/// profile directory.
pub(crate) struct Browser {
    child: Child,
    profile: PathBuf,
    /// The browser's DevTools WebSocket URL.
    pub(crate) devtools_url: String,
}

/// The command-line switches, each for a reason:
///
/// - `--headless`, `--no-sandbox` (root in containers), `--disable-gpu`;
/// - `--no-first-run`, `--no-default-browser-check`, `--disable-sync`,
///   `--disable-background-networking`, `--disable-component-update`,
///   `--disable-extensions`: no traffic and no state beyond the test's;
/// - `--disable-breakpad`: no crash handler process (it detaches, so it
///   would outlive the browser; `--disable-crashpad-for-testing` instead
///   leaves DevTools' cookie calls unanswered on this build);
/// - `--disable-quic`: https goes through the proxy's CONNECT tunnels;
/// - `--disable-features=HttpsUpgrades,...`: otherwise Chromium silently
///   upgrades `http://` navigations to `https://` and every Secure-cookie
///   result is wrong;
/// - `--disable-site-isolation-trials`, `IsolateOrigins`, `site-per-process`:
///   a cross-site iframe stays in the page's process and frame tree, where
///   the adapter can run `document.cookie` in it (cookies are kept in the
///   network service either way);
/// - `--proxy-server`, `--proxy-bypass-list=<-loopback>`: every request,
///   loopback hosts included, goes to the test server ([`super::server`]);
/// - `--host-resolver-rules`: no name is ever resolved (the proxy answers
///   for every host), so a stray lookup fails instead of leaving the machine;
/// - `--ignore-certificate-errors-spki-list`: the test certificate only;
/// - `--user-data-dir`: a fresh, empty profile per browser;
/// - `--remote-debugging-port=0`: DevTools on an ephemeral loopback port.
fn switches(profile: &Path, proxy_port: u16, spki_sha256: &str) -> Vec<String> {
    vec![
        "--headless".into(),
        "--no-sandbox".into(),
        "--disable-gpu".into(),
        "--no-first-run".into(),
        "--no-default-browser-check".into(),
        "--disable-background-networking".into(),
        "--disable-component-update".into(),
        "--disable-sync".into(),
        "--disable-extensions".into(),
        "--disable-quic".into(),
        "--mute-audio".into(),
        "--disable-breakpad".into(),
        "--disable-site-isolation-trials".into(),
        "--disable-features=HttpsUpgrades,HttpsFirstBalancedModeAutoEnable,IsolateOrigins,site-per-process,MediaRouter,OptimizationHints,Translate".into(),
        format!("--proxy-server=http://127.0.0.1:{proxy_port}"),
        "--proxy-bypass-list=<-loopback>".into(),
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1".into(),
        format!("--ignore-certificate-errors-spki-list={spki_sha256}"),
        format!("--user-data-dir={}", profile.display()),
        "--remote-debugging-address=127.0.0.1".into(),
        "--remote-debugging-port=0".into(),
        "about:blank".into(),
    ]
}

/// The name prefix of profile directories in the temporary directory.
const PROFILE_PREFIX: &str = "cookiecheck-chromium-";

/// A fresh profile directory path, unique to this process and call.
fn fresh_profile_dir() -> PathBuf {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let n = NEXT.fetch_add(1, Ordering::SeqCst);
    std::env::temp_dir().join(format!("{PROFILE_PREFIX}{}-{n}", std::process::id()))
}

/// Removes profile directories left by cookiecheck processes that are gone
/// (a process that exits while a worker thread is still dropping its
/// browser leaves the directory behind). Liveness is `/proc/<pid>`, so
/// this only cleans up on Linux.
fn remove_stale_profiles() {
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.strip_prefix(PROFILE_PREFIX))
            .and_then(|rest| rest.split('-').next())
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        let proc_dir = Path::new("/proc");
        if proc_dir.is_dir() && !proc_dir.join(pid.to_string()).exists() {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// The browser gets SIGKILL when the thread that started it ends, whether
/// or not the subject was dropped: no browser outlives cookiecheck, even
/// when the process exits while a worker thread is still tearing its
/// subject down, or is killed. (Linux `PR_SET_PDEATHSIG`; the signal
/// follows the starting *thread*, which for an isolated subject is the
/// worker thread that owns it for its whole life. It survives the exec in
/// Debian's `/usr/bin/chromium` wrapper script.)
#[cfg(target_os = "linux")]
fn die_with_parent(command: &mut Command) {
    use std::os::unix::process::CommandExt;
    // SAFETY: the closure runs in the forked child before exec and only
    // makes one async-signal-safe system call (prctl); it allocates nothing
    // and takes no lock.
    unsafe {
        command.pre_exec(|| {
            if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL) == 0 {
                Ok(())
            } else {
                Err(std::io::Error::last_os_error())
            }
        });
    }
}

/// Elsewhere the browser is killed when the subject is dropped.
#[cfg(not(target_os = "linux"))]
fn die_with_parent(_command: &mut Command) {}

/// The profile's preferences, written before the first start. Chromium here
/// blocks third-party cookies by default (`UserPreferences` in DevTools'
/// blocked reasons): a user setting on top of the cookie rules, which would
/// hide every cross-site answer of the SameSite rules (RFC 6265bis §5.7
/// steps 18-19, §5.8.3 step 3). `cookie_controls_mode` 0 turns it off.
const PREFERENCES: &str =
    r#"{"profile":{"cookie_controls_mode":0,"block_third_party_cookies":false}}"#;

fn write_preferences(profile: &Path) -> Result<(), String> {
    let dir = profile.join("Default");
    std::fs::create_dir_all(&dir)
        .and_then(|()| std::fs::write(dir.join("Preferences"), PREFERENCES))
        .map_err(|e| format!("writing the profile {}: {e}", dir.display()))
}

impl Browser {
    /// Starts `binary` against the proxy on `proxy_port` and waits for its
    /// DevTools endpoint.
    pub(crate) fn launch(
        binary: &Path,
        proxy_port: u16,
        spki_sha256: &str,
    ) -> Result<Browser, String> {
        let profile = fresh_profile_dir();
        let _ = std::fs::remove_dir_all(&profile);
        write_preferences(&profile)?;
        remove_stale_profiles();
        Browser::start(binary, profile, proxy_port, spki_sha256)
    }

    /// The end of a session: waits for the browser (already told to close
    /// with `Browser.close`, which writes its cookie store to the profile)
    /// to exit, and starts it again on the same profile. Session cookies
    /// are gone, persistent ones are read back from disk. The new process
    /// dies with the calling thread ([`die_with_parent`]).
    pub(crate) fn restart(
        &mut self,
        binary: &Path,
        proxy_port: u16,
        spki_sha256: &str,
    ) -> Result<(), String> {
        let deadline = std::time::Instant::now() + Duration::from_secs(15);
        while matches!(self.child.try_wait(), Ok(None)) {
            if std::time::Instant::now() > deadline {
                return Err("Chromium did not exit within 15 s of Browser.close".into());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let next = Browser::start(binary, self.profile.clone(), proxy_port, spki_sha256)?;
        let mut old = std::mem::replace(self, next);
        // The old process has exited; its drop must not remove the profile
        // the new one now uses.
        old.profile = PathBuf::new();
        Ok(())
    }

    /// Starts `binary` on the existing `profile` directory.
    fn start(
        binary: &Path,
        profile: PathBuf,
        proxy_port: u16,
        spki_sha256: &str,
    ) -> Result<Browser, String> {
        let mut command = Command::new(binary);
        command
            .args(switches(&profile, proxy_port, spki_sha256))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        die_with_parent(&mut command);
        let mut child = command
            .spawn()
            .map_err(|e| format!("starting {}: {e}", binary.display()))?;
        let Some(stderr) = child.stderr.take() else {
            let _ = child.kill();
            return Err("Chromium's stderr is not a pipe".into());
        };
        // Chromium prints "DevTools listening on ws://..." on stderr. The
        // reader keeps draining stderr afterwards so that the browser never
        // blocks on a full pipe.
        let (tx, rx) = mpsc::channel();
        let _ = std::thread::Builder::new()
            .name("cookiecheck-chromium-stderr".into())
            .spawn(move || {
                let mut tail = Vec::new();
                for line in BufReader::new(stderr).lines() {
                    let Ok(line) = line else { break };
                    if let Some(url) = line.strip_prefix("DevTools listening on ") {
                        let _ = tx.send(Ok(url.trim().to_string()));
                    } else if tail.len() < 20 {
                        tail.push(line);
                    }
                }
                let _ = tx.send(Err(tail.join("\n")));
            });
        let browser = |devtools_url| Browser {
            child,
            profile: profile.clone(),
            devtools_url,
        };
        match rx.recv_timeout(START_LIMIT) {
            Ok(Ok(url)) => Ok(browser(url)),
            Ok(Err(tail)) => {
                drop(browser(String::new()));
                Err(format!("Chromium exited before DevTools opened:\n{tail}"))
            }
            Err(_) => {
                drop(browser(String::new()));
                Err(format!(
                    "Chromium did not open DevTools within {START_LIMIT:?}"
                ))
            }
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if !self.profile.as_os_str().is_empty() {
            let _ = std::fs::remove_dir_all(&self.profile);
        }
    }
}
