//! Date and cookies.txt cases: profile-independent checks of one algorithm.

use super::compare::compare_list;
use super::{describe, panic_message, Failure};
use crate::escape::quoted_short;
use crate::vectors::{DateCase, TxtCase, TxtExpect};
use cookiecheck_model::cookies_txt::{self, TxtError};
use cookiecheck_model::date::parse_cookie_date;
use cookiecheck_model::time::format_utc;
use cookiecheck_model::{Cookie, Time};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// The outcome of a `[[date]]` case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateResult {
    /// The case id.
    pub id: String,
    /// The instant the model parsed (`None`: invalid).
    pub actual: Option<Time>,
    /// Set when `actual` differs from the vector (or the model panicked).
    pub failure: Option<Failure>,
}

/// The instant as the vectors write it, or `invalid`.
pub fn date_text(t: Option<Time>) -> String {
    t.map_or_else(|| "invalid".to_string(), format_utc)
}

/// RFC 6265 §5.1.1 on the case's input.
pub fn play_date(case: &DateCase) -> DateResult {
    let parsed = catch_unwind(|| parse_cookie_date(&case.input));
    let (actual, failure) = match parsed {
        Ok(actual) if actual == case.expect => (actual, None),
        Ok(actual) => (actual, Some(date_failure(case, date_text(actual)))),
        Err(payload) => (
            None,
            Some(date_failure(
                case,
                format!("the model panicked: {}", panic_message(payload.as_ref())),
            )),
        ),
    };
    DateResult {
        id: case.id.clone(),
        actual,
        failure,
    }
}

fn date_failure(case: &DateCase, actual: String) -> Failure {
    Failure {
        step: None,
        expected: date_text(case.expect),
        actual,
        explanation: vec![format!(
            "input {} through RFC 6265 §5.1.1",
            quoted_short(&case.input, describe::SHOWN)
        )],
    }
}

/// The outcome of a `[[txt]]` case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TxtResult {
    /// The case id.
    pub id: String,
    /// What the reader produced.
    pub read: Result<Vec<Cookie>, TxtError>,
    /// What the writer produced for the cookies read (when the case has `output`).
    pub written: Option<Result<Vec<u8>, String>>,
    /// Set when the result differs from the vector (or the model panicked).
    pub failure: Option<Failure>,
}

/// Reads the case's input (and writes the cookies back when it has `output`).
pub fn play_txt(case: &TxtCase) -> TxtResult {
    let played = catch_unwind(AssertUnwindSafe(|| {
        let read = cookies_txt::read(&case.input, case.now);
        let written = match (&read, &case.output) {
            (Ok(cookies), Some(_)) => Some(cookies_txt::write(cookies).map_err(|e| e.to_string())),
            _ => None,
        };
        (read, written)
    }));
    let (read, written) = match played {
        Ok(result) => result,
        Err(payload) => {
            let message = format!("the model panicked: {}", panic_message(payload.as_ref()));
            return TxtResult {
                id: case.id.clone(),
                read: Ok(Vec::new()),
                written: None,
                failure: Some(txt_failure("the model to answer", message, Vec::new())),
            };
        }
    };
    let failure = txt_check(case, &read, written.as_ref());
    TxtResult {
        id: case.id.clone(),
        read,
        written,
        failure,
    }
}

fn txt_failure(expected: &str, actual: String, explanation: Vec<String>) -> Failure {
    Failure {
        step: None,
        expected: expected.to_string(),
        actual,
        explanation,
    }
}

fn read_text(read: &Result<Vec<Cookie>, TxtError>) -> String {
    match read {
        Ok(cookies) => {
            let mut out = format!("{} cookie(s) read", cookies.len());
            for c in cookies {
                out.push_str("\n  ");
                out.push_str(&describe::cookie(c));
            }
            out
        }
        Err(e) => format!("rejected: {e}"),
    }
}

fn txt_check(
    case: &TxtCase,
    read: &Result<Vec<Cookie>, TxtError>,
    written: Option<&Result<Vec<u8>, String>>,
) -> Option<Failure> {
    match (&case.expect, read) {
        (TxtExpect::ErrorLine(line), Err(e)) if e.line == *line => return None,
        (TxtExpect::ErrorLine(line), _) => {
            let expected = format!("rejected at line {line}");
            return Some(txt_failure(&expected, read_text(read), Vec::new()));
        }
        (TxtExpect::Cookies(expected), Ok(cookies)) => {
            if let Some((i, diffs)) = compare_list(expected, cookies) {
                let mut want = format!("{} cookie(s) read", expected.len());
                for e in expected {
                    want.push_str("\n  ");
                    want.push_str(&describe::expected(e));
                }
                let why = vec![format!(
                    "first difference at cookie {}: {}",
                    i + 1,
                    diffs.join("; ")
                )];
                return Some(txt_failure(&want, read_text(read), why));
            }
        }
        (TxtExpect::Cookies(expected), Err(_)) => {
            let want = format!("{} cookie(s) read", expected.len());
            return Some(txt_failure(&want, read_text(read), Vec::new()));
        }
    }
    match (&case.output, written) {
        (Some(want), Some(Ok(got))) if want == got => None,
        (Some(want), Some(got)) => {
            let actual = match got {
                Ok(bytes) => quoted_short(bytes, 4 * describe::SHOWN),
                Err(e) => format!("the writer failed: {e}"),
            };
            let expected = format!("output {}", quoted_short(want, 4 * describe::SHOWN));
            Some(txt_failure(&expected, actual, Vec::new()))
        }
        _ => None,
    }
}

/// One line for snapshots: the cookies read (or the rejected line) and,
/// when written, the output.
pub fn txt_summary(r: &TxtResult) -> String {
    let mut out = match &r.read {
        Ok(cookies) => {
            let pairs: Vec<String> = cookies
                .iter()
                .map(|c| describe::pair(&c.name, &c.value))
                .collect();
            format!("read [{}]", pairs.join(", "))
        }
        Err(e) => format!("rejected at line {}", e.line),
    };
    match &r.written {
        Some(Ok(bytes)) => out.push_str(&format!(
            " -> wrote {}",
            quoted_short(bytes, 4 * describe::SHOWN)
        )),
        Some(Err(e)) => out.push_str(&format!(" -> write failed: {e}")),
        None => {}
    }
    out
}
