//! Time passing: clock advances around the lifetimes the lines use, and
//! session ends.

use proptest::prelude::*;

/// Something that happens to the jar between requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeStep {
    /// The clock moves forward this many seconds.
    Advance(u64),
    /// The session ends.
    EndSession,
}

/// A clock advance: around the Max-Age values [`super::lines`] writes
/// (1, 60, 3600 seconds), a day, a year and one longer than the model's
/// whole range, shrinking towards one second.
///
/// The long one stands for "to the end of time": the scenario generator
/// cuts every advance so that the clock stops at the model's latest
/// instant ([`cookiecheck_model::time::LATEST`], 9999-12-31T23:59:59Z;
/// see [`bounded_advance`]). A jar author using this strategy on its own
/// should do the same: past that instant no date is representable and a
/// session cookie's expiry-time (LATEST, RFC 6265 §5.3 step 3) would lie
/// in the past.
pub fn advance() -> impl Strategy<Value = u64> {
    prop_oneof![
        Just(1u64),
        Just(2),
        Just(59),
        Just(60),
        Just(61),
        Just(3600),
        Just(86_400),
        Just(366 * 86_400),
        Just(300_000_000_000),
        0u64..100_000,
    ]
}

/// `seconds` cut so that a clock at `now` does not pass
/// [`cookiecheck_model::time::LATEST`] (0 when it is already there).
pub fn bounded_advance(now: cookiecheck_model::Time, seconds: u64) -> u64 {
    let left = u64::try_from(cookiecheck_model::time::LATEST.saturating_sub(now)).unwrap_or(0);
    seconds.min(left)
}

/// An advance (clock-capable subjects) or a session end, as allowed.
pub fn time_step(clock: bool, end_session: bool) -> impl Strategy<Value = TimeStep> {
    match (clock, end_session) {
        (true, true) => prop_oneof![
            3 => advance().prop_map(TimeStep::Advance),
            1 => Just(TimeStep::EndSession),
        ]
        .boxed(),
        (true, false) => advance().prop_map(TimeStep::Advance).boxed(),
        (false, true) => Just(TimeStep::EndSession).boxed(),
        (false, false) => Just(TimeStep::Advance(0)).boxed(),
    }
}
