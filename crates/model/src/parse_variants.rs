//! The rule variants of parsing (RFC 6265 §5.2, RFC 6265bis §5.6 and its
//! attribute subsections), kept out of `set_cookie` so that the base path
//! reads as the spec: each function here runs only when its variant is on.

use crate::profile::Profile;
use crate::variant::{Variant, Variants};

/// The trimming variants of §5.2 step 4 / bis §5.6 step 4 (and attribute step 5).
pub(crate) const TRIM_VARIANTS: Variants = Variants::of(&[
    Variant::TrimAsciiWhitespace,
    Variant::TrimLatin1Whitespace,
    Variant::TrimUnicodeWhitespace,
]);

/// The `date-length-limit` variant: Expires values this long or longer are ignored.
pub(crate) const DATE_LENGTH_LIMIT: usize = 80;

/// bis §5.6 step 1, `ctl-truncates-line`: the line up to its first CR, LF or NUL.
pub(crate) fn cut_at_line_end(line: &[u8]) -> &[u8] {
    match line.iter().position(|&b| matches!(b, b'\r' | b'\n' | 0)) {
        Some(i) => &line[..i],
        None => line,
    }
}

/// `trim-ascii-whitespace`: SP, HTAB, LF, VT, FF, CR.
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | 0x09..=0x0D)
}

/// `trim-latin1-whitespace`: the octets whose Latin-1 character is
/// whitespace to a Unicode-aware trim of a decoded string (Python's
/// `str.strip`): 0x09–0x0D, 0x1C–0x1F, SP, NEL (0x85) and NBSP (0xA0).
fn is_latin1_space(b: u8) -> bool {
    matches!(b, 0x09..=0x0D | 0x1C..=0x1F | b' ' | 0x85 | 0xA0)
}

/// The length of the Unicode White_Space character, in UTF-8, that `s`
/// starts with (`trim-unicode-whitespace`).
fn leading_unicode_space(s: &[u8]) -> usize {
    match s {
        [b, ..] if is_ascii_space(*b) => 1,
        // U+0085 NEL, U+00A0 NBSP.
        [0xC2, 0x85 | 0xA0, ..] => 2,
        // U+1680 OGHAM SPACE MARK.
        [0xE1, 0x9A, 0x80, ..] => 3,
        // U+2000–U+200A, U+2028, U+2029, U+202F.
        [0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF, ..] => 3,
        // U+205F MEDIUM MATHEMATICAL SPACE.
        [0xE2, 0x81, 0x9F, ..] => 3,
        // U+3000 IDEOGRAPHIC SPACE.
        [0xE3, 0x80, 0x80, ..] => 3,
        _ => 0,
    }
}

/// The length of the Unicode White_Space character, in UTF-8, that `s` ends with.
fn trailing_unicode_space(s: &[u8]) -> usize {
    for len in [1, 2, 3] {
        if s.len() >= len && leading_unicode_space(&s[s.len() - len..]) == len {
            return len;
        }
    }
    0
}

/// §5.2 step 4 / bis §5.6 step 4 (and attribute step 5) under the trimming
/// variant that is on (the widest, when several are).
pub(crate) fn trim_by_variant<'s>(profile: &Profile, mut s: &'s [u8]) -> &'s [u8] {
    if profile.has(Variant::TrimUnicodeWhitespace) {
        loop {
            let n = leading_unicode_space(s);
            if n == 0 {
                break;
            }
            s = &s[n..];
        }
        loop {
            let n = trailing_unicode_space(s);
            if n == 0 {
                break;
            }
            s = &s[..s.len() - n];
        }
        return s;
    }
    let space = if profile.has(Variant::TrimLatin1Whitespace) {
        is_latin1_space
    } else {
        is_ascii_space
    };
    while let [first, rest @ ..] = s {
        if !space(*first) {
            break;
        }
        s = rest;
    }
    while let [rest @ .., last] = s {
        if !space(*last) {
            break;
        }
        s = rest;
    }
    s
}

/// bis §5.6 step 4, `value-dquotes-stripped`: a DQUOTE pair around the whole value goes.
pub(crate) fn strip_dquotes(value: &[u8]) -> &[u8] {
    match value {
        [b'"', inner @ .., b'"'] => inner,
        _ => value,
    }
}

/// §5.2.3 / bis §5.6.3: the variant that ignores the whole cookie for this
/// Domain value (`dot-domain-rejected`: "."; `empty-domain-rejected`: "" or ".").
pub(crate) fn domain_rejected_by(profile: &Profile, value: &[u8]) -> Option<Variant> {
    if value.len() > 1 {
        return None;
    }
    if value == b"." && profile.has(Variant::DotDomainRejected) {
        return Some(Variant::DotDomainRejected);
    }
    (profile.has(Variant::EmptyDomainRejected) && (value.is_empty() || value == b"."))
        .then_some(Variant::EmptyDomainRejected)
}

/// §5.2.2 / bis §5.6.2 steps 1–3: the delta-seconds a Max-Age variant reads
/// from a value the steps ignore, or `None` (ignored, as the base does).
pub(crate) fn max_age_by_variant(profile: &Profile, value: &[u8]) -> Option<i64> {
    let digits_after = |s: &[u8]| s.iter().take_while(|b| b.is_ascii_digit()).count();
    match value {
        // Step 1, max-age-empty-persistent: the largest delta-seconds.
        [] if profile.has(Variant::MaxAgeEmptyPersistent) => Some(i64::MAX),
        // Step 2, max-age-lone-dash-expires: "-" is a negative Max-Age.
        [b'-'] if profile.has(Variant::MaxAgeLoneDashExpires) => Some(-1),
        // Step 2, max-age-plus-sign: "+" DIGIT+ is the number.
        [b'+', rest @ ..]
            if profile.has(Variant::MaxAgePlusSign)
                && !rest.is_empty()
                && digits_after(rest) == rest.len() =>
        {
            Some(saturating_digits(rest))
        }
        // Step 2, max-age-invalid-expires: no digit and no sign first reads as 0.
        [first, ..]
            if profile.has(Variant::MaxAgeInvalidExpires)
                && !first.is_ascii_digit()
                && !matches!(first, b'-' | b'+') =>
        {
            Some(0)
        }
        // Step 3, max-age-leading-digits: "-"? DIGIT+ then anything: the digits.
        _ if profile.has(Variant::MaxAgeLeadingDigits) => {
            let (negative, rest) = match value.split_first() {
                Some((b'-', rest)) => (true, rest),
                _ => (false, value),
            };
            let n = digits_after(rest);
            (n > 0).then(|| {
                let magnitude = saturating_digits(&rest[..n]);
                if negative {
                    -magnitude
                } else {
                    magnitude
                }
            })
        }
        _ => None,
    }
}

/// Step 4: the base-10 value of ASCII digits, saturating at `i64::MAX`.
pub(crate) fn saturating_digits(digits: &[u8]) -> i64 {
    digits.iter().fold(0i64, |acc, d| {
        acc.saturating_mul(10).saturating_add(i64::from(d - b'0'))
    })
}

/// Step 4 for `max-age-overflow-ignored`: `None` when the value does not fit an i64.
pub(crate) fn checked_digits(digits: &[u8]) -> Option<i64> {
    digits.iter().try_fold(0i64, |acc, d| {
        acc.checked_mul(10)?.checked_add(i64::from(d - b'0'))
    })
}
