//! Isolation: every in-process subject runs on a worker thread of its own,
//! under `catch_unwind` and a time limit, so that a panic or a hang in a jar
//! becomes a finding and never stops the harness (house rule 9).
//!
//! A worker that does not answer in time is abandoned (a thread cannot be
//! killed; it stays parked on whatever it hangs on) and the next job gets a
//! fresh worker with a fresh subject from the factory. A worker whose
//! subject panicked drops that subject and builds a new one before the next
//! job, so that a half-updated jar never leaks into another case.

use super::traits::{Subject, SubjectFactory};
use std::any::Any;
use std::cell::RefCell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::Once;
use std::thread;
use std::time::Duration;

/// The default time limit for one case on an in-process subject.
pub const DEFAULT_CASE_LIMIT: Duration = Duration::from_secs(5);

/// The name prefix of worker threads; the panic hook keeps them quiet.
const WORKER_PREFIX: &str = "cookiecheck-subject";

/// Why an isolated job produced no value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Isolation {
    /// The job (or the factory) panicked; the message and, when known, the
    /// source location.
    Panicked(String),
    /// The job did not finish within the limit; its worker was abandoned.
    TimedOut(Duration),
}

type Job = Box<dyn FnOnce(&mut dyn Subject) -> Box<dyn Any + Send> + Send>;
type JobResult = Result<Box<dyn Any + Send>, String>;

struct Worker {
    jobs: Sender<Job>,
    results: Receiver<JobResult>,
}

/// One subject behind a worker thread. Not shared between threads: a
/// parallel run makes one per thread, from the same factory.
pub struct Isolated {
    factory: SubjectFactory,
    limit: Duration,
    worker: Option<Worker>,
}

impl Isolated {
    /// A subject built by `factory`, each job limited to `limit`.
    pub fn new(factory: SubjectFactory, limit: Duration) -> Isolated {
        install_quiet_panic_hook();
        Isolated {
            factory,
            limit,
            worker: None,
        }
    }

    /// Runs `job` on the subject. A panic inside the job or the factory is
    /// [`Isolation::Panicked`]; a job still running after the limit is
    /// [`Isolation::TimedOut`].
    pub fn run<T, F>(&mut self, job: F) -> Result<T, Isolation>
    where
        T: Send + 'static,
        F: FnOnce(&mut dyn Subject) -> T + Send + 'static,
    {
        let worker = match self.worker.take() {
            Some(w) => w,
            None => spawn_worker(self.factory.clone()).map_err(Isolation::Panicked)?,
        };
        let boxed: Job = Box::new(move |s| Box::new(job(s)) as Box<dyn Any + Send>);
        if worker.jobs.send(boxed).is_err() {
            return Err(Isolation::Panicked("the worker thread is gone".into()));
        }
        match worker.results.recv_timeout(self.limit) {
            Ok(Ok(value)) => {
                self.worker = Some(worker);
                match value.downcast::<T>() {
                    Ok(v) => Ok(*v),
                    // Invariant: the job closure above boxes exactly a `T`.
                    Err(_) => Err(Isolation::Panicked("job returned the wrong type".into())),
                }
            }
            Ok(Err(message)) => {
                // The worker already replaced its subject; keep it.
                self.worker = Some(worker);
                Err(Isolation::Panicked(message))
            }
            // Abandon the worker: dropping `jobs` ends its loop if it ever wakes.
            Err(RecvTimeoutError::Timeout) => Err(Isolation::TimedOut(self.limit)),
            Err(RecvTimeoutError::Disconnected) => {
                Err(Isolation::Panicked("the worker thread died".into()))
            }
        }
    }
}

fn spawn_worker(factory: SubjectFactory) -> Result<Worker, String> {
    let (job_tx, job_rx) = mpsc::channel::<Job>();
    let (res_tx, res_rx) = mpsc::channel::<JobResult>();
    thread::Builder::new()
        .name(format!("{WORKER_PREFIX}-worker"))
        .spawn(move || worker_loop(factory, job_rx, res_tx))
        .map_err(|e| format!("cannot start a worker thread: {e}"))?;
    Ok(Worker {
        jobs: job_tx,
        results: res_rx,
    })
}

fn worker_loop(factory: SubjectFactory, jobs: Receiver<Job>, results: Sender<JobResult>) {
    let mut subject: Option<Box<dyn Subject>> = None;
    for job in jobs {
        if subject.is_none() {
            match catch(AssertUnwindSafe(|| factory())) {
                Ok(s) => subject = Some(s),
                Err(message) => {
                    let _ = results.send(Err(format!("while creating the subject: {message}")));
                    continue;
                }
            }
        }
        let Some(s) = subject.as_mut() else { continue };
        let outcome = catch(AssertUnwindSafe(|| job(s.as_mut())));
        if outcome.is_err() {
            // A jar that panicked mid-update is not trusted again.
            if let Some(old) = subject.take() {
                let _ = catch(AssertUnwindSafe(move || drop(old)));
            }
        }
        if results.send(outcome).is_err() {
            return;
        }
    }
}

thread_local! {
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Runs `f`, turning a panic into its message (with the location the
/// panic hook recorded).
fn catch<T>(f: impl FnOnce() -> T + panic::UnwindSafe) -> Result<T, String> {
    LAST_PANIC.with(|l| l.borrow_mut().take());
    panic::catch_unwind(f).map_err(|payload| {
        let recorded = LAST_PANIC.with(|l| l.borrow_mut().take());
        recorded.unwrap_or_else(|| payload_message(payload.as_ref()))
    })
}

fn payload_message(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "a panic with a non-string payload".to_string()
    }
}

/// Replaces the panic hook once: panics on worker threads are recorded
/// (message and location) for the finding instead of printed; every other
/// panic goes to the previous hook unchanged.
fn install_quiet_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            let on_worker = thread::current()
                .name()
                .is_some_and(|n| n.starts_with(WORKER_PREFIX));
            if on_worker {
                let message = payload_message(info.payload());
                let text = match info.location() {
                    Some(at) => format!("{message} (at {}:{})", at.file(), at.line()),
                    None => message,
                };
                LAST_PANIC.with(|l| *l.borrow_mut() = Some(text));
            } else {
                previous(info);
            }
        }));
    });
}
