//! The `date-http-formats-only` variant of RFC 6265 §5.1.1: a jar that reads
//! Expires with an HTTP-date parser accepts only the three forms of RFC 9110
//! §5.6.7, exactly as written (case-sensitive names, fixed spacing), instead
//! of the cookie-date token algorithm.
//!
//! ```text
//! IMF-fixdate  = day-name "," SP day SP month SP year SP time-of-day SP "GMT"
//! rfc850-date  = day-name-l "," SP day "-" month "-" 2DIGIT SP time-of-day SP "GMT"
//! asctime-date = day-name SP month SP ( 2DIGIT / ( SP DIGIT ) ) SP time-of-day SP year
//! ```
//!
//! The fields then go through the cookie-date algorithm's steps 3–7 (a
//! two-digit RFC 850 year is expanded by steps 3–4).
//!
//! The `date-rfc1123-or-netscape-only` variant is the same idea with the
//! two layouts Go's net/http tries: IMF-fixdate, then Netscape's
//! `Wdy, DD-Mon-YYYY HH:MM:SS GMT`.

use crate::date::DateFields;

const DAY_NAMES: [&[u8]; 7] = [b"Mon", b"Tue", b"Wed", b"Thu", b"Fri", b"Sat", b"Sun"];
const DAY_NAMES_LONG: [&[u8]; 7] = [
    b"Monday",
    b"Tuesday",
    b"Wednesday",
    b"Thursday",
    b"Friday",
    b"Saturday",
    b"Sunday",
];
const MONTHS: [&[u8]; 12] = [
    b"Jan", b"Feb", b"Mar", b"Apr", b"May", b"Jun", b"Jul", b"Aug", b"Sep", b"Oct", b"Nov", b"Dec",
];

/// A cursor over the input that consumes exact pieces.
struct Cursor<'a>(&'a [u8]);

impl Cursor<'_> {
    fn lit(&mut self, s: &[u8]) -> Option<()> {
        self.0 = self.0.strip_prefix(s)?;
        Some(())
    }

    fn digits(&mut self, n: usize) -> Option<u32> {
        let head = self.0.get(..n)?;
        if !head.iter().all(u8::is_ascii_digit) {
            return None;
        }
        self.0 = &self.0[n..];
        Some(head.iter().fold(0, |acc, d| acc * 10 + u32::from(d - b'0')))
    }

    fn one_of(&mut self, names: &[&[u8]]) -> Option<usize> {
        let i = names.iter().position(|n| self.0.starts_with(n))?;
        self.0 = &self.0[names[i].len()..];
        Some(i)
    }

    fn month(&mut self) -> Option<u32> {
        self.one_of(&MONTHS).map(|i| i as u32 + 1)
    }

    /// `time-of-day = hour ":" minute ":" second`, two digits each.
    fn time_of_day(&mut self) -> Option<(u32, u32, u32)> {
        let h = self.digits(2)?;
        self.lit(b":")?;
        let m = self.digits(2)?;
        self.lit(b":")?;
        let s = self.digits(2)?;
        Some((h, m, s))
    }

    /// Between `min` and `max` digits, as many as there are.
    fn digits_between(&mut self, min: usize, max: usize) -> Option<u32> {
        let n = self
            .0
            .iter()
            .take(max)
            .take_while(|b| b.is_ascii_digit())
            .count();
        if n < min {
            return None;
        }
        self.digits(n)
    }

    /// `name` followed by `after`, or nothing (then nothing is consumed).
    fn optional_name(&mut self, names: &[&[u8]], after: &[u8]) -> Option<()> {
        let start = self.0;
        if self.one_of(names).is_none() || self.lit(after).is_none() {
            self.0 = start;
        }
        Some(())
    }

    fn end(&self) -> Option<()> {
        self.0.is_empty().then_some(())
    }
}

/// The fields of an HTTP-date, or `None` when `input` is none of the three forms.
pub(crate) fn parse_http_date(input: &[u8]) -> Option<DateFields> {
    imf_fixdate(input)
        .or_else(|| rfc850_date(input))
        .or_else(|| asctime_date(input))
}

/// The `date-rfc1123-or-netscape-only` variant: IMF-fixdate, or the
/// Netscape form `Wdy, DD-Mon-YYYY HH:MM:SS GMT` (the two layouts Go's
/// net/http tries), or `None`.
pub(crate) fn parse_rfc1123_or_netscape_date(input: &[u8]) -> Option<DateFields> {
    imf_fixdate(input).or_else(|| day_month_year(input, b'-'))
}

/// The `date-fixed-layouts-loose` variant: the four layouts the Rust cookie
/// crate tries (`Wdy, DD Mon Y GMT`, `Weekday, DD-Mon-YY GMT`, asctime and
/// `Wdy, DD-Mon-Y GMT`), each with the day name optional and a year `Y` of
/// 1 to 4 digits in the first, third and last; or `None`.
pub(crate) fn parse_loose_fixed_layouts(input: &[u8]) -> Option<DateFields> {
    loose_day_month_year(input, b' ')
        .or_else(|| loose_rfc850(input))
        .or_else(|| loose_asctime(input))
        .or_else(|| loose_day_month_year(input, b'-'))
}

fn loose_day_month_year(input: &[u8], sep: u8) -> Option<DateFields> {
    let mut c = Cursor(input);
    c.optional_name(&DAY_NAMES, b", ")?;
    let day = c.digits(2)?;
    c.lit(&[sep])?;
    let month = c.month()?;
    c.lit(&[sep])?;
    let year = c.digits_between(1, 4)?;
    c.lit(b" ")?;
    let time = c.time_of_day()?;
    c.lit(b" GMT")?;
    c.end()?;
    Some(DateFields {
        time,
        day,
        month,
        year: i64::from(year),
    })
}

fn loose_rfc850(input: &[u8]) -> Option<DateFields> {
    let mut c = Cursor(input);
    c.optional_name(&DAY_NAMES_LONG, b", ")?;
    let day = c.digits(2)?;
    c.lit(b"-")?;
    let month = c.month()?;
    c.lit(b"-")?;
    let year = c.digits(2)?;
    c.lit(b" ")?;
    let time = c.time_of_day()?;
    c.lit(b" GMT")?;
    c.end()?;
    Some(DateFields {
        time,
        day,
        month,
        year: i64::from(year),
    })
}

fn loose_asctime(input: &[u8]) -> Option<DateFields> {
    let mut c = Cursor(input);
    c.optional_name(&DAY_NAMES, b" ")?;
    let month = c.month()?;
    c.lit(b" ")?;
    let day = if c.lit(b" ").is_some() {
        c.digits(1)?
    } else {
        c.digits(2)?
    };
    c.lit(b" ")?;
    let time = c.time_of_day()?;
    c.lit(b" ")?;
    let year = c.digits_between(1, 4)?;
    c.end()?;
    Some(DateFields {
        time,
        day,
        month,
        year: i64::from(year),
    })
}

fn imf_fixdate(input: &[u8]) -> Option<DateFields> {
    day_month_year(input, b' ')
}

/// `day-name "," SP day sep month sep 4DIGIT SP time-of-day SP "GMT"`:
/// IMF-fixdate with `sep` SP, the Netscape form with "-".
fn day_month_year(input: &[u8], sep: u8) -> Option<DateFields> {
    let mut c = Cursor(input);
    c.one_of(&DAY_NAMES)?;
    c.lit(b", ")?;
    let day = c.digits(2)?;
    c.lit(&[sep])?;
    let month = c.month()?;
    c.lit(&[sep])?;
    let year = c.digits(4)?;
    c.lit(b" ")?;
    let time = c.time_of_day()?;
    c.lit(b" GMT")?;
    c.end()?;
    Some(DateFields {
        time,
        day,
        month,
        year: i64::from(year),
    })
}

fn rfc850_date(input: &[u8]) -> Option<DateFields> {
    let mut c = Cursor(input);
    c.one_of(&DAY_NAMES_LONG)?;
    c.lit(b", ")?;
    let day = c.digits(2)?;
    c.lit(b"-")?;
    let month = c.month()?;
    c.lit(b"-")?;
    let year = c.digits(2)?;
    c.lit(b" ")?;
    let time = c.time_of_day()?;
    c.lit(b" GMT")?;
    c.end()?;
    Some(DateFields {
        time,
        day,
        month,
        year: i64::from(year),
    })
}

fn asctime_date(input: &[u8]) -> Option<DateFields> {
    let mut c = Cursor(input);
    c.one_of(&DAY_NAMES)?;
    c.lit(b" ")?;
    let month = c.month()?;
    c.lit(b" ")?;
    let day = if c.lit(b" ").is_some() {
        c.digits(1)?
    } else {
        c.digits(2)?
    };
    c.lit(b" ")?;
    let time = c.time_of_day()?;
    c.lit(b" ")?;
    let year = c.digits(4)?;
    c.end()?;
    Some(DateFields {
        time,
        day,
        month,
        year: i64::from(year),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// year, month, day, (hour, minute, second).
    type Ymdt = (i64, u32, u32, (u32, u32, u32));

    fn fields(s: &str) -> Option<Ymdt> {
        parse_http_date(s.as_bytes()).map(|f| (f.year, f.month, f.day, f.time))
    }

    #[test]
    fn the_three_forms_of_rfc_9110() {
        // RFC 9110 §5.6.7's three examples of one instant.
        let want = Some((1994, 11, 6, (8, 49, 37)));
        assert_eq!(fields("Sun, 06 Nov 1994 08:49:37 GMT"), want);
        assert_eq!(
            fields("Sunday, 06-Nov-94 08:49:37 GMT"),
            Some((94, 11, 6, (8, 49, 37)))
        );
        assert_eq!(fields("Sun Nov  6 08:49:37 1994"), want);
    }

    #[test]
    fn rfc1123_or_netscape_forms() {
        let want = Some((1994, 11, 6, (8, 49, 37)));
        let f = |s: &str| {
            parse_rfc1123_or_netscape_date(s.as_bytes()).map(|f| (f.year, f.month, f.day, f.time))
        };
        assert_eq!(f("Sun, 06 Nov 1994 08:49:37 GMT"), want);
        assert_eq!(f("Sun, 06-Nov-1994 08:49:37 GMT"), want);
        // RFC 850 and asctime are not among them; nor a mix of separators.
        assert_eq!(f("Sunday, 06-Nov-94 08:49:37 GMT"), None);
        assert_eq!(f("Sun Nov  6 08:49:37 1994"), None);
        assert_eq!(f("Sun, 06-Nov 1994 08:49:37 GMT"), None);
    }

    #[test]
    fn anything_else_is_no_http_date() {
        for s in [
            "Sun, 06-Nov-1994 08:49:37 GMT", // Netscape's form: dashes and four digits
            "sun, 06 nov 1994 08:49:37 gmt", // names are case-sensitive
            "Sun, 6 Nov 1994 08:49:37 GMT",  // day is 2DIGIT
            "Sun, 06 Nov 1994 08:49:37 UTC",
            "Sun, 06 Nov 1994 08:49:37 GMT ",
            "06 Nov 1994 08:49:37 GMT",
            "Sun Nov 6 08:49:37 1994",
            "",
        ] {
            assert_eq!(fields(s), None, "{s}");
        }
    }
}
