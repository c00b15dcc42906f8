//! Reusing browsers across subject instances.
//!
//! The runners build one subject per parallel work split (rayon's
//! `map_init`/`fold`), which for a full vector run meant about thirty
//! browser starts for two threads. A browser is cheap to clear
//! (`Storage.clearCookies`) and dear to start, so a subject that is dropped
//! hands its healthy browser back here and the next subject takes it.
//!
//! Every browser is started by one long-lived launcher thread: the browser
//! dies with the thread that started it (`PR_SET_PDEATHSIG`, see
//! [`super::launcher`]), so browsers idle in the pool live exactly as long
//! as the process, never longer.

use super::session::Live;
use cookiecheck::subject::SubjectError;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Sender};
use std::sync::{Mutex, OnceLock};

/// The most idle browsers kept (more are stopped when handed back).
const MAX_IDLE: usize = 4;

/// Idle browsers.
static IDLE: Mutex<Vec<Live>> = Mutex::new(Vec::new());

type Reply = Sender<Result<Live, SubjectError>>;

/// The launcher thread's queue.
static LAUNCHER: OnceLock<Mutex<Sender<(PathBuf, Reply)>>> = OnceLock::new();

fn launcher() -> &'static Mutex<Sender<(PathBuf, Reply)>> {
    LAUNCHER.get_or_init(|| {
        let (tx, rx) = channel::<(PathBuf, Reply)>();
        // If the thread cannot start, every request below fails with a
        // clear error (its receiver is gone).
        let _ = std::thread::Builder::new()
            .name("cookiecheck-chromium-launcher".into())
            .spawn(move || {
                for (binary, reply) in rx {
                    let _ = reply.send(Live::start(&binary));
                }
            });
        Mutex::new(tx)
    })
}

/// An idle browser, or a new one started from `binary`.
pub(crate) fn take(binary: &Path) -> Result<Live, SubjectError> {
    if let Some(live) = IDLE.lock().unwrap_or_else(|e| e.into_inner()).pop() {
        return Ok(live);
    }
    let (tx, rx) = channel();
    launcher()
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .send((binary.to_path_buf(), tx))
        .map_err(|_| SubjectError::Io("the browser launcher thread is gone".into()))?;
    rx.recv()
        .map_err(|_| SubjectError::Io("the browser launcher thread is gone".into()))?
}

/// Hands a healthy browser back for reuse.
pub(crate) fn give_back(live: Live) {
    let mut idle = IDLE.lock().unwrap_or_else(|e| e.into_inner());
    if idle.len() < MAX_IDLE {
        idle.push(live);
    }
}
