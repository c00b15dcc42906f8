//! Instants on the model's virtual clock: whole seconds since
//! 1970-01-01T00:00:00Z, as an `i64`.
//!
//! The model has no clock of its own; every operation takes `now`. The range
//! covers the years 1601..=9999: 1601 is the lower bound of the cookie-date
//! algorithm (RFC 6265 §5.1.1 step 5) and 9999 the largest four-digit year.

/// Seconds since 1970-01-01T00:00:00Z.
pub type Time = i64;

/// 1601-01-01T00:00:00Z, the earliest representable instant: the expiry of a
/// cookie whose Max-Age is zero or negative (RFC 6265 §5.2.2).
pub const EARLIEST: Time = -11_644_473_600;

/// 9999-12-31T23:59:59Z, the latest representable instant: the expiry-time of
/// a session cookie (RFC 6265 §5.3 step 3) and the saturation point of
/// Max-Age arithmetic.
pub const LATEST: Time = 253_402_300_799;

/// Seconds in a day.
const DAY: i64 = 86_400;

/// Days from 1970-01-01 to the given proleptic Gregorian date.
///
/// Howard Hinnant's `days_from_civil`; valid for every year the model uses.
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The proleptic Gregorian (year, month, day) of a day count since 1970-01-01.
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Whether `year` is a leap year in the proleptic Gregorian calendar.
pub fn is_leap_year(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// The number of days in `month` (1..=12) of `year`.
pub fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// The instant of a UTC calendar date and time; `None` when no such date
/// exists (30 February, month 13, hour 24 …).
pub fn from_civil(
    year: i64,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
) -> Option<Time> {
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return None;
    }
    if hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    let days = days_from_civil(year, month, day);
    Some(days * DAY + i64::from(hour) * 3600 + i64::from(minute) * 60 + i64::from(second))
}

/// Formats an instant as `YYYY-MM-DDTHH:MM:SSZ` (the form the vectors use).
pub fn format_utc(t: Time) -> String {
    let days = t.div_euclid(DAY);
    let secs = t.rem_euclid(DAY);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        (secs % 3600) / 60,
        secs % 60
    )
}

/// Parses `YYYY-MM-DDTHH:MM:SSZ` back into an instant; `None` if malformed.
pub fn parse_utc(s: &str) -> Option<Time> {
    let b = s.as_bytes();
    if b.len() != 20
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != b'T'
        || b[13] != b':'
        || b[16] != b':'
        || b[19] != b'Z'
    {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        if !part.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        part.parse().ok()
    };
    from_civil(
        i64::from(num(0..4)?),
        num(5..7)?,
        num(8..10)?,
        num(11..13)?,
        num(14..16)?,
        num(17..19)?,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_are_the_documented_instants() {
        assert_eq!(format_utc(EARLIEST), "1601-01-01T00:00:00Z");
        assert_eq!(format_utc(LATEST), "9999-12-31T23:59:59Z");
        assert_eq!(format_utc(0), "1970-01-01T00:00:00Z");
    }

    #[test]
    fn rfc_1123_example_instant() {
        // RFC 6265 §3.1 uses "Wed, 09 Jun 2021 10:18:14 GMT"; 2021-06-09 is day 18787.
        assert_eq!(
            from_civil(2021, 6, 9, 10, 18, 14),
            Some(18_787 * 86_400 + 37_094)
        );
    }

    #[test]
    fn impossible_dates_do_not_exist() {
        assert_eq!(from_civil(2015, 2, 30, 0, 0, 0), None);
        assert_eq!(from_civil(1900, 2, 29, 0, 0, 0), None);
        assert!(from_civil(2000, 2, 29, 0, 0, 0).is_some());
        assert_eq!(from_civil(2015, 4, 31, 0, 0, 0), None);
    }

    #[test]
    fn utc_text_round_trips() {
        for t in [EARLIEST, -1, 0, 1_704_067_200, LATEST] {
            assert_eq!(parse_utc(&format_utc(t)), Some(t));
        }
        assert_eq!(parse_utc("2024-13-01T00:00:00Z"), None);
    }
}
