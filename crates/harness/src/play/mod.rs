//! Playing vectors on the reference model.
//!
//! [`play_case`] runs a scenario on a fresh [`Jar`] for one profile and
//! records what the model decided at every step; [`play_date`] and
//! [`play_txt`] run the cookie-date and cookies.txt cases. A result's
//! `failure` is the first step whose outcome differs from the vector, with
//! the model's explanation.

pub mod compare;
pub mod describe;
mod explain;
mod other;

pub use other::{date_text, play_date, play_txt, txt_summary, DateResult, TxtResult};

use crate::vectors::{Case, Step};
use compare::{compare_set, StoreDiff};
use cookiecheck_model::{Cookie, Evicted, Jar, Profile, ProfileId, Retrieval, StoreReport, Time};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// What the model did at one step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepRecord {
    /// One report per Set-Cookie line, in order.
    Set(Vec<StoreReport>),
    /// The retrieval (header, cookies sent and withheld).
    Get(Retrieval),
    /// The new time and the cookies that expired.
    Advance {
        /// The clock after the step.
        now: Time,
        /// Cookies evicted as expired.
        evicted: Vec<Evicted>,
    },
    /// The session cookies removed.
    EndSession(Vec<Evicted>),
    /// Whether the jar saved and loaded (the model's error otherwise).
    Reload(Result<(), String>),
    /// The unexpired cookies, in creation order, and how they differ from the vector.
    Store {
        /// The cookies.
        cookies: Vec<Cookie>,
        /// What differs (empty when the store matches).
        diff: StoreDiff,
    },
    /// The model panicked; the case stopped here.
    Panicked(String),
}

impl StepRecord {
    /// The decision codes of a `set` step, one per line (`Rule::code()`).
    pub fn decision_codes(&self) -> Vec<&'static str> {
        match self {
            StepRecord::Set(reports) => reports.iter().map(|r| r.decision.code()).collect(),
            _ => Vec::new(),
        }
    }

    /// The header a `get` step sent (empty: no Cookie header).
    pub fn sent_header(&self) -> Option<&[u8]> {
        match self {
            StepRecord::Get(r) => Some(r.header_bytes()),
            _ => None,
        }
    }
}

/// The first step whose outcome differs from the vector.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The 0-based index of the step (`None` for date and txt cases).
    pub step: Option<usize>,
    /// What the vector expects, printable.
    pub expected: String,
    /// What the model produced, printable.
    pub actual: String,
    /// The model's explanation: the rules behind the outcome, with citations.
    pub explanation: Vec<String>,
}

/// The outcome of a scenario for one profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseResult {
    /// The case id.
    pub id: String,
    /// The profile played.
    pub profile: ProfileId,
    /// One record per step played (every step, unless the model panicked).
    pub steps: Vec<StepRecord>,
    /// The first failing step, if any.
    pub failure: Option<Failure>,
}

impl CaseResult {
    /// Whether every step matched the vector.
    pub fn passed(&self) -> bool {
        self.failure.is_none()
    }
}

/// Plays `case` on a fresh jar following `profile`, starting at
/// `case.start`. Every step is played (so snapshots see every decision);
/// the failure names the first that differs. A panic of the model stops
/// the case and is its failure.
pub fn play_case(case: &Case, profile: ProfileId) -> CaseResult {
    play_case_with(case, &Profile::for_id(profile))
}

/// [`play_case`] under any rule set: a named profile with rule variants
/// played on top (`Profile::with_variants`). Expectations are those of the
/// profile's id, so the failure says where the variant departs from them.
pub fn play_case_with(case: &Case, rules: &Profile) -> CaseResult {
    play(case, rules, Judged::AgainstVector)
}

/// [`play_case_with`] without the vector's expectations: the record of
/// every step only (`failure` is `None`, every store diff empty). This is
/// what diagnosis replays, many times per finding, and compares with a
/// subject's transcript, never with the vector.
pub fn record_case_with(case: &Case, rules: &Profile) -> CaseResult {
    play(case, rules, Judged::NotJudged)
}

/// Whether a play compares each step with the vector.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Judged {
    AgainstVector,
    NotJudged,
}

fn play(case: &Case, rules: &Profile, judged: Judged) -> CaseResult {
    let profile = rules.id;
    let judge = judged == Judged::AgainstVector;
    let mut jar = Jar::new(rules.clone());
    let mut now = case.start;
    let mut steps = Vec::with_capacity(case.steps.len());
    let mut failure = None;
    for (index, step) in case.steps.iter().enumerate() {
        let played = catch_unwind(AssertUnwindSafe(|| {
            play_step(&mut jar, &mut now, step, profile, judge)
        }));
        let record = match played {
            Ok(record) => record,
            Err(payload) => StepRecord::Panicked(panic_message(payload.as_ref())),
        };
        if judge && failure.is_none() {
            failure = explain::failure(case, profile, &steps, index, &record);
        }
        let stop = matches!(record, StepRecord::Panicked(_));
        steps.push(record);
        if stop {
            break;
        }
    }
    CaseResult {
        id: case.id.clone(),
        profile,
        steps,
        failure,
    }
}

/// README "Running a case": one step on the jar.
fn play_step(
    jar: &mut Jar,
    now: &mut Time,
    step: &Step,
    profile: ProfileId,
    judge: bool,
) -> StepRecord {
    match step {
        Step::Set {
            url, lines, ctx, ..
        } => StepRecord::Set(
            lines
                .iter()
                .map(|line| jar.set_cookie(url, line, ctx, *now))
                .collect(),
        ),
        Step::Get { url, ctx, .. } => StepRecord::Get(jar.cookie_header(url, ctx, *now)),
        Step::Advance(seconds) => {
            *now = now.saturating_add(Time::try_from(*seconds).unwrap_or(Time::MAX));
            let evicted = jar.advance_to(*now);
            StepRecord::Advance { now: *now, evicted }
        }
        Step::EndSession => StepRecord::EndSession(jar.end_session()),
        Step::Reload => StepRecord::Reload(jar.reload(*now).map_err(|e| e.to_string())),
        Step::Store(expect) => {
            let cookies = jar.cookies(*now);
            let diff = match expect.for_profile(profile) {
                Some(expected) if judge => compare_set(expected, &cookies),
                // The loader guarantees an expectation for every applicable
                // profile; a case played for another profile has none.
                _ => StoreDiff::default(),
            };
            StepRecord::Store { cookies, diff }
        }
    }
}

/// The text of a panic payload.
pub(crate) fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "(a panic without a message)".to_string()
    }
}
