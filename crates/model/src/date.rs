//! The cookie-date algorithm.
//!
//! RFC 6265bis §5.1.1 (RFC 6265 §5.1.1 with Erratum 4148 applied: the
//! `non-digit *OCTET` suffix of day-of-month, year and time is optional, as
//! bis writes it, not required as RFC 6265 printed it): a tokenizer over a
//! fixed delimiter set, then each token is tried as time, day-of-month, month
//! and year, in that order, each at most once.

use crate::profile::Profile;
use crate::time::{days_in_month, from_civil, Time, EARLIEST};
use crate::variant::{Variant, Variants};

/// RFC 6265 §5.1.1 step 1: `delimiter = %x09 / %x20-2F / %x3B-40 / %x5B-60 / %x7B-7E`.
#[inline]
pub fn is_delimiter(b: u8) -> bool {
    matches!(b, 0x09 | 0x20..=0x2F | 0x3B..=0x40 | 0x5B..=0x60 | 0x7B..=0x7E)
}

/// The fields the algorithm fills in (RFC 6265 §5.1.1 step 2).
#[derive(Default)]
struct Found {
    time: Option<(u32, u32, u32)>,
    day: Option<u32>,
    month: Option<u32>,
    year: Option<i64>,
}

/// RFC 6265 §5.1.1: parses a cookie-date; `None` when the algorithm fails.
///
/// The result is the UTC instant in seconds since the epoch, between
/// 1601-01-01T00:00:00Z and 9999-12-31T23:59:59Z.
pub fn parse_cookie_date(input: &[u8]) -> Option<Time> {
    parse_with(input, Variants::NONE)
}

/// RFC 6265 §5.1.1 under `profile`'s date variants (`date-http-formats-only`,
/// `date-rfc1123-or-netscape-only`, the two-digit-year, range and day-overflow variants); the same as
/// [`parse_cookie_date`] when none is on.
pub fn parse_cookie_date_for(input: &[u8], profile: &Profile) -> Option<Time> {
    parse_with(input, profile.variants)
}

fn parse_with(input: &[u8], variants: Variants) -> Option<Time> {
    // date-http-formats-only: the three HTTP-date forms instead of steps 1–2;
    // date-rfc1123-or-netscape-only: IMF-fixdate or the Netscape form. Both
    // on: a jar that tries every one of those fixed layouts.
    // date-fixed-layouts-loose: the cookie crate's four layouts.
    if variants.has(Variant::DateFixedLayoutsLoose) {
        let fields = crate::date_http::parse_loose_fixed_layouts(input)?;
        return finish(fields, variants);
    }
    let http = variants.has(Variant::DateHttpFormatsOnly);
    let netscape = variants.has(Variant::DateRfc1123OrNetscapeOnly);
    if http || netscape {
        let fields = http
            .then(|| crate::date_http::parse_http_date(input))
            .flatten()
            .or_else(|| {
                netscape
                    .then(|| crate::date_http::parse_rfc1123_or_netscape_date(input))
                    .flatten()
            })?;
        return finish(fields, variants);
    }
    let mut found = Found::default();
    // Step 1: divide the cookie-date into date-tokens.
    for token in input.split(|&b| is_delimiter(b)).filter(|t| !t.is_empty()) {
        // Step 2: process each date-token in order.
        // Step 2.1: the time production, if not yet found.
        if found.time.is_none() {
            if let Some(hms) = match_time(token) {
                found.time = Some(hms);
                continue;
            }
        }
        // Step 2.2: the day-of-month production.
        if found.day.is_none() {
            if let Some(day) = match_digits_then_junk(token, 1, 2) {
                found.day = Some(day);
                continue;
            }
        }
        // Step 2.3: the month production.
        if found.month.is_none() {
            if let Some(month) = match_month(token) {
                found.month = Some(month);
                continue;
            }
        }
        // Step 2.4: the year production.
        if found.year.is_none() {
            if let Some(year) = match_digits_then_junk(token, 2, 4) {
                found.year = Some(i64::from(year));
                continue;
            }
        }
    }
    // Step 5 (in part): every field was found.
    let fields = DateFields {
        time: found.time?,
        day: found.day?,
        month: found.month?,
        year: found.year?,
    };
    finish(fields, variants)
}

/// The values a cookie-date's tokens gave (RFC 6265 §5.1.1 step 2), before
/// steps 3–7.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DateFields {
    /// hour, minute, second.
    pub time: (u32, u32, u32),
    /// day-of-month-value.
    pub day: u32,
    /// month-value, 1..=12.
    pub month: u32,
    /// year-value as written (two-digit years not yet expanded).
    pub year: i64,
}

/// Steps 3–4: the year-value of a two-digit year, under the year variants.
fn expand_year(year: i64, variants: Variants) -> i64 {
    if (0..=99).contains(&year) {
        // two-digit-year-pivot-50: 0..=49 → 20xx, 50..=99 → 19xx.
        if variants.has(Variant::TwoDigitYearPivot50) {
            return year + if year < 50 { 2000 } else { 1900 };
        }
        // two-digit-year-1900s: every two-digit year is 19xx.
        if variants.has(Variant::TwoDigitYear1900s) {
            return year + 1900;
        }
    }
    match year {
        // Step 3: 70..=99 → 19xx.
        70..=99 => year + 1900,
        // Step 4: 0..=69 → 20xx.
        0..=69 => year + 2000,
        _ => year,
    }
}

/// Steps 3–7 on the found fields.
fn finish(fields: DateFields, variants: Variants) -> Option<Time> {
    let (hour, minute, second) = fields.time;
    let (day, month) = (fields.day, fields.month);
    let year = expand_year(fields.year, variants);
    // Step 5: the range checks. date-early-years-accepted drops the 1601 floor.
    let too_early = year < 1601 && !variants.has(Variant::DateEarlyYearsAccepted);
    if !(1..=31).contains(&day) || too_early || hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    // Step 6: the date must exist (no 30 February); Step 7: return it.
    let t = match from_civil(year, month, day, hour, minute, second) {
        Some(t) => t,
        // date-day-overflow-rolls: the surplus days run into the next month.
        None if variants.has(Variant::DateDayOverflowRolls) && day > days_in_month(year, month) => {
            let first = from_civil(year, month, 1, hour, minute, second)?;
            first + i64::from(day - 1) * 86_400
        }
        None => return None,
    };
    // date-before-1970-invalid: an instant before the epoch fails.
    if t < 0 && variants.has(Variant::DateBefore1970Invalid) {
        return None;
    }
    // date-early-years-accepted: read as the earliest representable date.
    Some(t.max(EARLIEST))
}

/// `1*<max>DIGIT [ non-digit *OCTET ]` with at least `min` digits: the shape of
/// both `day-of-month` (1..2 digits) and `year` (2..4 digits).
fn match_digits_then_junk(token: &[u8], min: usize, max: usize) -> Option<u32> {
    let digits = token.iter().take_while(|b| b.is_ascii_digit()).count();
    if digits < min || digits > max {
        return None;
    }
    // After the digits comes either nothing or a non-digit (then anything);
    // `digits` already stopped at the first non-digit, so only the count matters.
    Some(digits_value(&token[..digits]))
}

/// `time = hms-time [ non-digit *OCTET ]`, `hms-time = time-field ":" time-field ":" time-field`,
/// `time-field = 1*2DIGIT`.
fn match_time(token: &[u8]) -> Option<(u32, u32, u32)> {
    let mut rest = token;
    let mut fields = [0u32; 3];
    for (i, field) in fields.iter_mut().enumerate() {
        let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
        if !(1..=2).contains(&digits) {
            return None;
        }
        *field = digits_value(&rest[..digits]);
        rest = &rest[digits..];
        if i < 2 {
            match rest.split_first() {
                Some((b':', tail)) => rest = tail,
                _ => return None,
            }
        }
    }
    // `rest` is empty or starts with a non-digit (a third digit stopped the
    // count above and failed the 1*2DIGIT rule).
    Some((fields[0], fields[1], fields[2]))
}

/// `month = ( "jan" / … / "dec" ) *OCTET`, case-insensitive on the first three octets.
fn match_month(token: &[u8]) -> Option<u32> {
    const MONTHS: [&[u8; 3]; 12] = [
        b"jan", b"feb", b"mar", b"apr", b"may", b"jun", b"jul", b"aug", b"sep", b"oct", b"nov",
        b"dec",
    ];
    let prefix = token.get(..3)?;
    MONTHS
        .iter()
        .position(|m| prefix.eq_ignore_ascii_case(&m[..]))
        .map(|i| i as u32 + 1)
}

fn digits_value(digits: &[u8]) -> u32 {
    digits
        .iter()
        .fold(0, |acc, d| acc * 10 + u32::from(d - b'0'))
}

/// Formats an instant as an RFC 1123 date (`Wed, 21 Oct 2015 07:28:00 GMT`),
/// the `sane-cookie-date` of RFC 6265 §4.1.1, which [`parse_cookie_date`]
/// reads back to the same instant for every year from 1601 to 9999.
pub fn format_cookie_date(t: Time) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let days = t.div_euclid(86_400);
    let secs = t.rem_euclid(86_400);
    let (y, m, d) = crate::time::civil_from_days(days);
    // 1970-01-01 was a Thursday.
    let weekday = DAYS[days.rem_euclid(7) as usize];
    let month = MONTHS[(m - 1) as usize];
    format!(
        "{weekday}, {d:02} {month} {y:04} {:02}:{:02}:{:02} GMT",
        secs / 3600,
        (secs % 3600) / 60,
        secs % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::format_utc;
    use crate::variant::Variants;

    fn date(s: &str) -> Option<String> {
        parse_cookie_date(s.as_bytes()).map(format_utc)
    }

    #[test]
    fn rfc_6265_section_3_1_expires_example() {
        // RFC 6265 §3.1: "Expires=Wed, 09 Jun 2021 10:18:14 GMT".
        assert_eq!(
            date("Wed, 09 Jun 2021 10:18:14 GMT").as_deref(),
            Some("2021-06-09T10:18:14Z")
        );
    }

    #[test]
    fn the_three_http_date_formats() {
        // RFC 1123, RFC 850 (two-digit year 94 → 1994 by step 3), asctime.
        assert_eq!(
            date("Sun, 06 Nov 1994 08:49:37 GMT").as_deref(),
            Some("1994-11-06T08:49:37Z")
        );
        assert_eq!(
            date("Sunday, 06-Nov-94 08:49:37 GMT").as_deref(),
            Some("1994-11-06T08:49:37Z")
        );
        assert_eq!(
            date("Sun Nov  6 08:49:37 1994").as_deref(),
            Some("1994-11-06T08:49:37Z")
        );
    }

    #[test]
    fn two_digit_years_pivot_at_70() {
        // Step 3: 70..=99 add 1900; step 4: 0..=69 add 2000.
        assert_eq!(
            date("1 Jan 70 00:00:00").as_deref(),
            Some("1970-01-01T00:00:00Z")
        );
        assert_eq!(
            date("1 Jan 69 00:00:00").as_deref(),
            Some("2069-01-01T00:00:00Z")
        );
        assert_eq!(
            date("1 Jan 00 00:00:00").as_deref(),
            Some("2000-01-01T00:00:00Z")
        );
        assert_eq!(
            date("1 Jan 99 00:00:00").as_deref(),
            Some("1999-01-01T00:00:00Z")
        );
    }

    #[test]
    fn year_before_1601_fails() {
        // Step 5: year-value less than 1601.
        assert_eq!(date("1 Jan 1600 00:00:00"), None);
        assert_eq!(
            date("1 Jan 1601 00:00:00").as_deref(),
            Some("1601-01-01T00:00:00Z")
        );
        assert_eq!(
            date("31 Dec 9999 23:59:59").as_deref(),
            Some("9999-12-31T23:59:59Z")
        );
    }

    #[test]
    fn impossible_dates_fail() {
        // Step 6: no 30 February.
        assert_eq!(date("30 Feb 2015 00:00:00"), None);
        assert_eq!(
            date("29 Feb 2016 00:00:00").as_deref(),
            Some("2016-02-29T00:00:00Z")
        );
    }

    #[test]
    fn range_checks() {
        // Step 5: day 1..=31, hour ≤ 23, minute ≤ 59, second ≤ 59.
        assert_eq!(date("0 Jan 2015 00:00:00"), None);
        assert_eq!(date("32 Jan 2015 00:00:00"), None);
        assert_eq!(date("1 Jan 2015 24:00:00"), None);
        assert_eq!(date("1 Jan 2015 00:60:00"), None);
        assert_eq!(date("1 Jan 2015 00:00:60"), None);
    }

    #[test]
    fn missing_field_fails() {
        assert_eq!(date("Jan 2015 00:00:00"), None); // no day-of-month
        assert_eq!(date("1 2015 00:00:00"), None); // "2015" cannot be a month
        assert_eq!(date(""), None);
    }

    #[test]
    fn first_match_order_day_before_year() {
        // "2015" is 4 digits: not a day-of-month (1*2DIGIT), so it becomes the year;
        // then "21" is the day.
        assert_eq!(
            date("2015 Oct 21 07:28:00").as_deref(),
            Some("2015-10-21T07:28:00Z")
        );
        // "10" is taken as day-of-month first, "21" then becomes the (two-digit) year 2021.
        assert_eq!(
            date("10 21 Oct 07:28:00").as_deref(),
            Some("2021-10-10T07:28:00Z")
        );
    }

    #[test]
    fn trailing_junk_after_digits_is_allowed() {
        // day-of-month = 1*2DIGIT [ non-digit *OCTET ]
        assert_eq!(
            date("21st Oct 2015 07:28:00").as_deref(),
            Some("2015-10-21T07:28:00Z")
        );
        // time = hms-time [ non-digit *OCTET ]
        assert_eq!(
            date("21 Oct 2015 07:28:00xyz").as_deref(),
            Some("2015-10-21T07:28:00Z")
        );
        // month = "oct" *OCTET
        assert_eq!(
            date("21 October 2015 07:28:00").as_deref(),
            Some("2015-10-21T07:28:00Z")
        );
    }

    #[test]
    fn three_digit_time_field_is_not_a_time() {
        // time-field = 1*2DIGIT; "007:28:00" is no time, nor day, month or year
        // (year needs the digits then a non-digit: "007" then ':' qualifies as year 7).
        assert_eq!(date("21 Oct 007:28:00"), None);
    }

    #[test]
    fn formatted_dates_parse_back() {
        use crate::time::{EARLIEST, LATEST};
        // RFC 6265 §4.1.1's example and the model's bounds.
        assert_eq!(
            format_cookie_date(1_445_412_480),
            "Wed, 21 Oct 2015 07:28:00 GMT"
        );
        for t in [EARLIEST, -1, 0, 1_445_412_480, LATEST] {
            assert_eq!(parse_cookie_date(format_cookie_date(t).as_bytes()), Some(t));
        }
    }

    #[test]
    fn single_digit_time_fields() {
        assert_eq!(
            date("21 Oct 2015 7:8:9").as_deref(),
            Some("2015-10-21T07:08:09Z")
        );
    }

    #[test]
    fn non_ascii_octets_are_non_delimiters() {
        // 0x80-0xFF are non-delimiters: "21\xff" is a day-of-month with junk.
        let mut input = b"21".to_vec();
        input.push(0xFF);
        input.extend_from_slice(b" Oct 2015 07:28:00");
        assert_eq!(
            parse_cookie_date(&input).map(format_utc).as_deref(),
            Some("2015-10-21T07:28:00Z")
        );
    }

    fn date_with(v: Variant, s: &str) -> Option<String> {
        let p = Profile::rfc6265bis().with_variants(Variants::NONE.with(v));
        parse_cookie_date_for(s.as_bytes(), &p).map(format_utc)
    }

    #[test]
    fn no_variant_is_the_base_algorithm() {
        let p = Profile::rfc6265();
        for s in [
            "1 Jan 30 00:00:00",
            "31 Feb 2015 00:00:00",
            "1 Jan 1600 00:00:00",
        ] {
            assert_eq!(
                parse_cookie_date_for(s.as_bytes(), &p),
                parse_cookie_date(s.as_bytes())
            );
        }
    }

    #[test]
    fn http_formats_only() {
        use Variant::DateHttpFormatsOnly as V;
        // RFC 9110 §5.6.7's three forms of 1994-11-06T08:49:37Z.
        for s in [
            "Sun, 06 Nov 1994 08:49:37 GMT",
            "Sunday, 06-Nov-94 08:49:37 GMT",
            "Sun Nov  6 08:49:37 1994",
        ] {
            assert_eq!(
                date_with(V, s).as_deref(),
                Some("1994-11-06T08:49:37Z"),
                "{s}"
            );
        }
        // Cookie-dates the token algorithm reads, but no HTTP-date.
        for s in [
            "Thu, 01-Jan-1970 00:00:00 GMT",
            "Sun, 06 Nov 1994 08:49:37",
            "6 Nov 1994 08:49:37 GMT",
            "sun, 06 nov 1994 08:49:37 gmt",
        ] {
            assert!(date(s).is_some(), "{s}");
            assert_eq!(date_with(V, s), None, "{s}");
        }
        // Steps 5-6 still apply: an HTTP-date of 30 February fails.
        assert_eq!(date_with(V, "Mon, 30 Feb 2015 00:00:00 GMT"), None);
    }

    #[test]
    fn rfc1123_or_netscape_only() {
        use Variant::DateRfc1123OrNetscapeOnly as V;
        for s in [
            "Thu, 01 Jan 1970 00:00:01 GMT",
            "Thu, 01-Jan-1970 00:00:01 GMT",
        ] {
            assert_eq!(
                date_with(V, s).as_deref(),
                Some("1970-01-01T00:00:01Z"),
                "{s}"
            );
        }
        // The Netscape spec's own example is RFC 850 (two-digit year): not read.
        let example = "Wednesday, 09-Nov-99 23:12:40 GMT";
        assert_eq!(date(example).as_deref(), Some("1999-11-09T23:12:40Z"));
        assert_eq!(date_with(V, example), None);
        assert_eq!(date_with(V, "Thu Jan  1 00:00:01 1970"), None);
    }

    #[test]
    fn loose_fixed_layouts() {
        use Variant::DateFixedLayoutsLoose as V;
        for (s, want) in [
            ("Thu, 01 Jan 1970 00:00:01 GMT", "1970-01-01T00:00:01Z"),
            ("01 Jan 1970 00:00:01 GMT", "1970-01-01T00:00:01Z"),
            ("Fri, 01 Jan 99 00:00:00 GMT", "1999-01-01T00:00:00Z"),
            ("Thursday, 01-Jan-70 00:00:01 GMT", "1970-01-01T00:00:01Z"),
            ("01-Jan-70 00:00:01 GMT", "1970-01-01T00:00:01Z"),
            ("Thu Jan  1 00:00:01 1970", "1970-01-01T00:00:01Z"),
            ("Jan  1 00:00:01 1970", "1970-01-01T00:00:01Z"),
            ("Thu, 01-Jan-1970 00:00:01 GMT", "1970-01-01T00:00:01Z"),
        ] {
            assert_eq!(date_with(V, s).as_deref(), Some(want), "{s}");
        }
        // What the token algorithm reads but no layout matches.
        for s in [
            "1 Jan 2100 00:00:00",
            "Thu, 1 Jan 1970 00:00:01 GMT",
            "Thu, 01 Jan 1970 0:00:01 GMT",
            "thu, 01 jan 1970 00:00:01 gmt",
            "Thu, 01 Jan 1970 00:00:01 GMT;x",
        ] {
            assert!(date(s).is_some(), "{s}");
            assert_eq!(date_with(V, s), None, "{s}");
        }
    }

    #[test]
    fn both_fixed_layout_variants_read_the_union_of_their_layouts() {
        let both = Variants::NONE
            .with(Variant::DateHttpFormatsOnly)
            .with(Variant::DateRfc1123OrNetscapeOnly);
        let read = |s: &str| parse_with(s.as_bytes(), both).map(format_utc);
        // asctime (HTTP-date only) and the Netscape form (the other only).
        assert_eq!(
            read("Thu Jan  1 00:00:01 1970").as_deref(),
            Some("1970-01-01T00:00:01Z")
        );
        assert_eq!(
            read("Thu, 01-Jan-1970 00:00:01 GMT").as_deref(),
            Some("1970-01-01T00:00:01Z")
        );
        // Neither layout: still no cookie-date.
        assert_eq!(read("1 Jan 1970 00:00:01"), None);
    }

    #[test]
    fn two_digit_year_variants() {
        // Steps 3-4: 0-69 add 2000, 70-99 add 1900.
        assert_eq!(
            date("1 Jan 49 00:00:00").as_deref(),
            Some("2049-01-01T00:00:00Z")
        );
        assert_eq!(
            date("1 Jan 50 00:00:00").as_deref(),
            Some("2050-01-01T00:00:00Z")
        );
        use Variant::{TwoDigitYear1900s as Y1900, TwoDigitYearPivot50 as P50};
        assert_eq!(
            date_with(P50, "1 Jan 49 00:00:00").as_deref(),
            Some("2049-01-01T00:00:00Z")
        );
        assert_eq!(
            date_with(P50, "1 Jan 50 00:00:00").as_deref(),
            Some("1950-01-01T00:00:00Z")
        );
        assert_eq!(
            date_with(P50, "1 Jan 69 00:00:00").as_deref(),
            Some("1969-01-01T00:00:00Z")
        );
        assert_eq!(
            date_with(Y1900, "1 Jan 00 00:00:00").as_deref(),
            Some("1900-01-01T00:00:00Z")
        );
        assert_eq!(
            date_with(Y1900, "1 Jan 69 00:00:00").as_deref(),
            Some("1969-01-01T00:00:00Z")
        );
        // Four-digit years are untouched.
        assert_eq!(
            date_with(Y1900, "1 Jan 2030 00:00:00").as_deref(),
            Some("2030-01-01T00:00:00Z")
        );
    }

    #[test]
    fn early_years_are_the_earliest_representable_date_under_the_variant() {
        use Variant::DateEarlyYearsAccepted as V;
        assert_eq!(date("1 Jan 1600 00:00:00"), None);
        assert_eq!(
            date_with(V, "1 Jan 1600 00:00:00").as_deref(),
            Some("1601-01-01T00:00:00Z")
        );
        assert_eq!(
            date_with(V, "31 Dec 999 00:00:00").as_deref(),
            Some("1601-01-01T00:00:00Z")
        );
        assert_eq!(
            date_with(V, "2 Jan 1601 00:00:00").as_deref(),
            Some("1601-01-02T00:00:00Z")
        );
    }

    #[test]
    fn impossible_days_roll_over_under_the_variant() {
        use Variant::DateDayOverflowRolls as V;
        // 2015 is no leap year: 31 Feb is 28 Feb + 3 days.
        assert_eq!(
            date_with(V, "31 Feb 2015 10:00:00").as_deref(),
            Some("2015-03-03T10:00:00Z")
        );
        assert_eq!(
            date_with(V, "30 Feb 2016 00:00:00").as_deref(),
            Some("2016-03-01T00:00:00Z")
        );
        assert_eq!(
            date_with(V, "31 Apr 2015 00:00:00").as_deref(),
            Some("2015-05-01T00:00:00Z")
        );
        // Step 5's range check stays: day 32 fails.
        assert_eq!(date_with(V, "32 Jan 2015 00:00:00"), None);
    }

    #[test]
    fn dates_before_1970_fail_under_the_variant() {
        use Variant::DateBefore1970Invalid as V;
        assert_eq!(date_with(V, "31 Dec 1969 23:59:59"), None);
        assert_eq!(
            date_with(V, "1 Jan 1970 00:00:00").as_deref(),
            Some("1970-01-01T00:00:00Z")
        );
        assert_eq!(
            date("31 Dec 1969 23:59:59").as_deref(),
            Some("1969-12-31T23:59:59Z")
        );
    }
}
