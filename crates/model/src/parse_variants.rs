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

/// The `line-length-limit` variant: lines longer than this are ignored.
pub(crate) const LINE_LENGTH_LIMIT: usize = 5000;

/// The `date-length-limit` variant: Expires values this long or longer are ignored.
pub(crate) const DATE_LENGTH_LIMIT: usize = 80;

/// bis §5.6 step 1, `ctl-truncates-line`: the line up to its first CR, LF or NUL.
pub(crate) fn cut_at_line_end(line: &[u8]) -> &[u8] {
    match line.iter().position(|&b| matches!(b, b'\r' | b'\n' | 0)) {
        Some(i) => &line[..i],
        None => line,
    }
}

/// Whether `profile` cuts a line at its first CR, LF or NUL
/// (`ctl-truncates-line`, `ctl-in-pair-rejected`).
pub(crate) fn cuts_line(profile: &Profile) -> bool {
    profile.has(Variant::CtlTruncatesLine) || profile.has(Variant::CtlInPairRejected)
}

/// `ctl-in-pair-rejected`: whether the name or the value of any
/// `;`-separated pair of `line` (the cookie-pair or an attribute), once
/// trimmed, holds %x01-1F or %x7F (HTAB included).
pub(crate) fn pair_holds_ctl(profile: &Profile, line: &[u8]) -> bool {
    let is_ctl = |b: &u8| matches!(*b, 0x01..=0x1F | 0x7F);
    line.split(|&b| b == b';').any(|pair| {
        let (name, value) = match pair.iter().position(|&b| b == b'=') {
            Some(i) => (&pair[..i], &pair[i + 1..]),
            None => (pair, &pair[pair.len()..]),
        };
        crate::set_cookie::trim(profile, name).iter().any(is_ctl)
            || crate::set_cookie::trim(profile, value).iter().any(is_ctl)
    })
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
    crate::set_cookie::trim_octets(s, space)
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
        // Step 2, max-age-invalid-expires: no digit first reads as 0 (the
        // value reaches here only when the steps ignore it, so "-5" never does).
        [first, ..] if profile.has(Variant::MaxAgeInvalidExpires) && !first.is_ascii_digit() => {
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

#[cfg(test)]
mod tests {
    use crate::rule::Rule;
    use crate::set_cookie::{parse_set_cookie, SetCookie};
    use crate::time::{Time, EARLIEST, LATEST};
    use crate::{Profile, ProfileId, Variant, Variants};

    /// 2024-01-01T00:00:00Z.
    const NOW: Time = 1_704_067_200;
    const BOTH: [ProfileId; 2] = [ProfileId::Rfc6265, ProfileId::Rfc6265bis];

    fn with(base: ProfileId, v: Variant) -> Profile {
        Profile::for_id(base).with_variants(Variants::NONE.with(v))
    }

    fn parse<'l>(p: &Profile, line: &'l [u8]) -> Result<SetCookie<'l>, Rule> {
        parse_set_cookie(line, p, b"/dir/page", NOW)
    }

    fn pair<'l>(p: &Profile, line: &'l [u8]) -> (&'l [u8], &'l [u8]) {
        let c = parse(p, line).expect("accepted");
        (c.name, c.value)
    }

    #[test]
    fn htab_counts_as_a_ctl_only_under_the_variant() {
        // bis §5.6 step 1 excludes HTAB from the CTLs that ignore the line.
        let bis = Profile::rfc6265bis();
        assert!(parse(&bis, b"a=b\tc").is_ok());
        let p = with(ProfileId::Rfc6265bis, Variant::HtabIsCtl);
        assert_eq!(
            parse(&p, b"a=b\tc"),
            Err(Rule::ByVariant(Variant::HtabIsCtl))
        );
        assert_eq!(
            parse(&p, b"a=b; Path=/\t"),
            Err(Rule::ByVariant(Variant::HtabIsCtl))
        );
        assert!(parse(&p, b"a=b").is_ok());
    }

    #[test]
    fn the_line_is_cut_at_its_first_cr_lf_or_nul() {
        for base in BOTH {
            let p = with(base, Variant::CtlTruncatesLine);
            assert_eq!(pair(&p, b"a=b\nc"), (&b"a"[..], &b"b"[..]), "{base}");
            assert_eq!(pair(&p, b"a=b\rc; Secure"), (&b"a"[..], &b"b"[..]));
            // The attributes after the cut are gone with it.
            assert!(!parse(&p, b"a=b\0; Secure").expect("accepted").secure);
            // Other control octets are kept, also in bis.
            assert_eq!(pair(&p, b"a=b\x01c"), (&b"a"[..], &b"b\x01c"[..]));
        }
        // bis §5.6 step 1 without the variant: the line is ignored.
        assert_eq!(
            parse(&Profile::rfc6265bis(), b"a=b\nc"),
            Err(Rule::CtlCharacter)
        );
    }

    #[test]
    fn trimming_variants_remove_their_octets_only() {
        // §5.2 step 4 removes SP and HTAB only.
        let rfc = Profile::rfc6265();
        assert_eq!(pair(&rfc, b"a=\x0bb\r"), (&b"a"[..], &b"\x0bb\r"[..]));
        // trim-ascii-whitespace: also LF, VT, FF, CR.
        let p = with(ProfileId::Rfc6265, Variant::TrimAsciiWhitespace);
        assert_eq!(pair(&p, b"\x0ca=\x0bb\r\n"), (&b"a"[..], &b"b"[..]));
        assert_eq!(pair(&p, b"a=\xa0b"), (&b"a"[..], &b"\xa0b"[..]));
        // trim-latin1-whitespace: 0x1C-0x1F, NEL and NBSP as single octets too.
        let p = with(ProfileId::Rfc6265bis, Variant::TrimLatin1Whitespace);
        assert_eq!(pair(&p, b"a=\xa0b\x85"), (&b"a"[..], &b"b"[..]));
        // UTF-8 NBSP is C2 A0: only the A0 goes, C2 is no Latin-1 whitespace.
        assert_eq!(pair(&p, "a=b\u{a0}".as_bytes()), (&b"a"[..], &b"b\xc2"[..]));
        let p = with(ProfileId::Rfc6265, Variant::TrimLatin1Whitespace);
        assert_eq!(pair(&p, b"\x1fa=b\x1c"), (&b"a"[..], &b"b"[..]));
        // trim-unicode-whitespace: UTF-8 encoded White_Space, not lone octets.
        let p = with(ProfileId::Rfc6265bis, Variant::TrimUnicodeWhitespace);
        let line = "\u{3000}a\u{2009}=\u{a0}b\u{85}\u{205f}".as_bytes();
        assert_eq!(pair(&p, line), (&b"a"[..], &b"b"[..]));
        assert_eq!(pair(&p, b"a=\xa0b"), (&b"a"[..], &b"\xa0b"[..]));
        // U+200B ZERO WIDTH SPACE is not White_Space.
        let zwsp = "a=\u{200b}b".as_bytes();
        assert_eq!(pair(&p, zwsp).1, "\u{200b}b".as_bytes());
        // Attribute names and values (attribute step 5) are trimmed the same way.
        let c = parse(&p, "a=b; Path=/x\u{3000}".as_bytes()).expect("accepted");
        assert_eq!(c.path.as_deref(), Some(&b"/x"[..]));
    }

    #[test]
    fn dquotes_around_the_whole_value_are_removed() {
        let p = with(ProfileId::Rfc6265bis, Variant::ValueDquotesStripped);
        assert_eq!(pair(&p, b"a=\"b c\""), (&b"a"[..], &b"b c"[..]));
        assert_eq!(pair(&p, b"a= \"b\" "), (&b"a"[..], &b"b"[..]));
        assert_eq!(pair(&p, b"a=\"\""), (&b"a"[..], &b""[..]));
        // Not a pair around the whole value: kept.
        assert_eq!(pair(&p, b"a=\"b"), (&b"a"[..], &b"\"b"[..]));
        assert_eq!(pair(&p, b"a=\"b\"c"), (&b"a"[..], &b"\"b\"c"[..]));
        assert_eq!(pair(&p, b"a=\""), (&b"a"[..], &b"\""[..]));
        // §5.2 step 4 alone keeps them.
        assert_eq!(pair(&Profile::rfc6265bis(), b"a=\"b\"").1, b"\"b\"");
    }

    #[test]
    fn the_first_of_repeated_attributes_counts_under_the_variants() {
        let line = b"a=b; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/x; \
                     Max-Age=60; Domain=example.com; SameSite=Lax; \
                     Expires=Fri, 01 Jan 2100 00:00:00 GMT; Path=/y; Max-Age=0; \
                     Domain=www.example.com; SameSite=Strict";
        // RFC 6265 §5.3 steps 3-7: the last of each.
        let c = parse(&Profile::rfc6265(), line).expect("accepted");
        assert_eq!(c.expires, Some(4_102_444_800));
        assert_eq!(c.path.as_deref(), Some(&b"/y"[..]));
        // first-attribute-wins: the first of each.
        let p = with(ProfileId::Rfc6265bis, Variant::FirstAttributeWins);
        let c = parse(&p, line).expect("accepted");
        assert_eq!(c.expires, Some(0));
        assert_eq!(c.max_age, Some(NOW + 60));
        assert_eq!(c.path.as_deref(), Some(&b"/x"[..]));
        assert_eq!(c.domain.as_deref(), Some(&b"example.com"[..]));
        assert_eq!(c.same_site, Some(crate::SameSite::Lax));
        // first-expires-wins: the first Expires, the last of the others.
        let p = with(ProfileId::Rfc6265, Variant::FirstExpiresWins);
        let c = parse(&p, line).expect("accepted");
        assert_eq!(c.expires, Some(0));
        assert_eq!(c.max_age, Some(EARLIEST));
        assert_eq!(c.path.as_deref(), Some(&b"/y"[..]));
        // An invalid Expires is never appended, so the first *valid* one counts.
        let c = parse(
            &p,
            b"a=b; Expires=soon; Expires=Thu, 01 Jan 1970 00:00:01 GMT",
        )
        .expect("accepted");
        assert_eq!(c.expires, Some(1));
    }

    #[test]
    fn an_invalid_value_erases_an_earlier_valid_one_under_the_variants() {
        let line = b"a=b; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Expires=bogus; \
                     Max-Age=60; Max-Age=abc";
        // §5.2.1 step 2 / §5.2.2: the invalid cookie-av is ignored.
        let c = parse(&Profile::rfc6265(), line).expect("accepted");
        assert_eq!((c.expires, c.max_age), (Some(0), Some(NOW + 60)));
        let c = parse(
            &with(ProfileId::Rfc6265, Variant::InvalidExpiresClears),
            line,
        )
        .expect("accepted");
        assert_eq!((c.expires, c.max_age), (None, Some(NOW + 60)));
        let c = parse(
            &with(ProfileId::Rfc6265bis, Variant::InvalidMaxAgeClears),
            line,
        )
        .expect("accepted");
        assert_eq!((c.expires, c.max_age), (Some(0), None));
    }

    fn max_age(p: &Profile, value: &str) -> Option<Time> {
        let line = format!("a=b; Max-Age={value}");
        parse_set_cookie(line.as_bytes(), p, b"/", NOW)
            .expect("accepted")
            .max_age
    }

    #[test]
    fn max_age_readings_of_values_the_steps_ignore() {
        let rfc = Profile::rfc6265();
        for value in ["+10", "1.5", "abc", "", "-", "--1", "1e3"] {
            assert_eq!(max_age(&rfc, value), None, "{value}");
        }
        let p = with(ProfileId::Rfc6265, Variant::MaxAgePlusSign);
        assert_eq!(max_age(&p, "+10"), Some(NOW + 10));
        assert_eq!((max_age(&p, "+"), max_age(&p, "+1a")), (None, None));
        let p = with(ProfileId::Rfc6265, Variant::MaxAgeLeadingDigits);
        assert_eq!(max_age(&p, "1.5"), Some(NOW + 1));
        assert_eq!(max_age(&p, "1e3"), Some(NOW + 1));
        assert_eq!(max_age(&p, "-5s"), Some(EARLIEST));
        assert_eq!((max_age(&p, "abc"), max_age(&p, "+10")), (None, None));
        let p = with(ProfileId::Rfc6265, Variant::MaxAgeInvalidExpires);
        for value in ["abc", "+10", "-", "-x", "--1"] {
            assert_eq!(max_age(&p, value), Some(EARLIEST), "{value}");
        }
        // Values starting with a digit, and the empty one, are not this variant's.
        for value in ["1.5", ""] {
            assert_eq!(max_age(&p, value), None, "{value}");
        }
        let p = with(ProfileId::Rfc6265, Variant::MaxAgeEmptyPersistent);
        assert_eq!(max_age(&p, ""), Some(LATEST));
        // bis: the largest delta-seconds is then capped at 400 days (§5.6.2 step 6).
        let p = with(ProfileId::Rfc6265bis, Variant::MaxAgeEmptyPersistent);
        assert_eq!(max_age(&p, ""), Some(NOW + 34_560_000));
        let p = with(ProfileId::Rfc6265bis, Variant::MaxAgeLoneDashExpires);
        assert_eq!(max_age(&p, "-"), Some(EARLIEST));
        assert_eq!(max_age(&p, "--1"), None);
    }

    #[test]
    fn an_invalid_max_age_drops_the_cookie_under_the_variant() {
        let p = with(ProfileId::Rfc6265bis, Variant::MaxAgeInvalidDropsCookie);
        let dropped = Err(Rule::ByVariant(Variant::MaxAgeInvalidDropsCookie));
        for value in ["abc", "1.5", "", "--1"] {
            let line = format!("a=b; Max-Age={value}");
            assert_eq!(parse(&p, line.as_bytes()), dropped, "{value}");
        }
        assert_eq!(
            parse(&p, b"a=b; Max-Age=60").expect("accepted").max_age,
            Some(NOW + 60)
        );
    }

    #[test]
    fn a_max_age_beyond_i64_is_ignored_under_the_variant() {
        // §5.2.2 step 4 (the model saturates): the latest representable date.
        let huge = "99999999999999999999999";
        assert_eq!(max_age(&Profile::rfc6265(), huge), Some(LATEST));
        assert_eq!(
            max_age(&Profile::rfc6265(), &format!("-{huge}")),
            Some(EARLIEST)
        );
        let p = with(ProfileId::Rfc6265, Variant::MaxAgeOverflowIgnored);
        assert_eq!(max_age(&p, huge), None);
        assert_eq!(max_age(&p, &format!("-{huge}")), None);
        // i64::MAX itself fits.
        assert_eq!(max_age(&p, "9223372036854775807"), Some(LATEST));
    }

    #[test]
    fn long_expires_values_are_ignored_under_the_length_limit() {
        // 29 octets of date, padded to 79 and to 80 with trailing junk
        // (which the cookie-date algorithm skips).
        let date = "Thu, 01 Jan 1970 00:00:00 GMT ";
        let line = |len: usize| format!("a=b; Expires={date}{}", "x".repeat(len - date.len()));
        let p = with(ProfileId::Rfc6265bis, Variant::DateLengthLimit);
        let expires = |l: String| parse_set_cookie(l.as_bytes(), &p, b"/", NOW).map(|c| c.expires);
        assert_eq!(expires(line(79)), Ok(Some(0)));
        assert_eq!(expires(line(80)), Ok(None));
        let base = Profile::rfc6265bis();
        let l = line(80);
        assert_eq!(
            parse(&base, l.as_bytes()).expect("accepted").expires,
            Some(0)
        );
    }

    #[test]
    fn empty_and_dot_domains_reject_the_cookie_under_the_variants() {
        for base in BOTH {
            let p = with(base, Variant::DotDomainRejected);
            let rejected = Err(Rule::ByVariant(Variant::DotDomainRejected));
            assert_eq!(parse(&p, b"a=b; Domain=."), rejected, "{base}");
            assert!(parse(&p, b"a=b; Domain=").is_ok());
            let p = with(base, Variant::EmptyDomainRejected);
            let rejected = Err(Rule::ByVariant(Variant::EmptyDomainRejected));
            for line in [&b"a=b; Domain=."[..], b"a=b; Domain=", b"a=b; Domain"] {
                assert_eq!(parse(&p, line), rejected, "{base}");
            }
            assert!(parse(&p, b"a=b; Domain=.example.com").is_ok());
        }
    }

    #[test]
    fn domain_case_is_kept_under_the_variant() {
        // bis §5.6.3 step 3: lower case.
        let line = b"a=b; Domain=.Example.COM";
        let c = parse(&Profile::rfc6265bis(), line).expect("accepted");
        assert_eq!(c.domain.as_deref(), Some(&b"example.com"[..]));
        let p = with(ProfileId::Rfc6265bis, Variant::DomainCaseKept);
        let c = parse(&p, line).expect("accepted");
        assert_eq!(c.domain.as_deref(), Some(&b"Example.COM"[..]));
    }

    #[test]
    fn path_variants_of_section_5_2_4() {
        // §5.2.4: a value not starting with "/" (or empty) gives the
        // default-path of /dir/page, which is /dir.
        let path = |p: &Profile, line: &'static [u8]| parse(p, line).expect("accepted").path;
        let base = Profile::rfc6265();
        assert_eq!(path(&base, b"a=b; Path=/x; Path"), Some(b"/dir".to_vec()));
        assert_eq!(path(&base, b"a=b; Path=x"), Some(b"/dir".to_vec()));
        // path-without-value-ignored: the bare Path is skipped.
        let p = with(ProfileId::Rfc6265, Variant::PathWithoutValueIgnored);
        assert_eq!(path(&p, b"a=b; Path=/x; Path"), Some(b"/x".to_vec()));
        assert_eq!(path(&p, b"a=b; Path"), None);
        assert_eq!(path(&p, b"a=b; Path=/x; Path="), Some(b"/dir".to_vec()));
        // path-relative-kept and path-relative-root (non-empty values only).
        let p = with(ProfileId::Rfc6265bis, Variant::PathRelativeKept);
        assert_eq!(path(&p, b"a=b; Path=x/y"), Some(b"x/y".to_vec()));
        assert_eq!(path(&p, b"a=b; Path="), Some(b"/dir".to_vec()));
        let p = with(ProfileId::Rfc6265bis, Variant::PathRelativeRoot);
        assert_eq!(path(&p, b"a=b; Path=x/y"), Some(b"/".to_vec()));
        assert_eq!(path(&p, b"a=b; Path="), Some(b"/dir".to_vec()));
    }

    #[test]
    fn a_relative_path_uses_the_variant_aware_default_path() {
        // default-path-keeps-slash: /dir/page gives /dir/ (its step 4 read inclusively).
        let p = with(ProfileId::Rfc6265bis, Variant::DefaultPathKeepsSlash);
        let c = parse(&p, b"a=b; Path=x").expect("accepted");
        assert_eq!(c.path.as_deref(), Some(&b"/dir/"[..]));
        // request-path-percent-decoded: /a%2Fb/c decodes to /a/b/c, so /a/b.
        let p = with(ProfileId::Rfc6265bis, Variant::RequestPathPercentDecoded);
        let c = parse_set_cookie(b"a=b; Path=", &p, b"/a%2Fb/c", NOW).expect("accepted");
        assert_eq!(c.path.as_deref(), Some(&b"/a/b"[..]));
    }

    #[test]
    fn partitioned_needs_secure_under_the_variant() {
        let p = with(ProfileId::Rfc6265bis, Variant::PartitionedNeedsSecure);
        assert_eq!(
            parse(&p, b"a=b; Partitioned"),
            Err(Rule::ByVariant(Variant::PartitionedNeedsSecure))
        );
        assert!(parse(&p, b"a=b; partitioned; Secure").is_ok());
        assert!(parse(&p, b"a=b; Secure; Partitioned").is_ok());
        // bis §5.6 step 7: an unknown attribute, ignored.
        assert!(parse(&Profile::rfc6265bis(), b"a=b; Partitioned").is_ok());
    }
}
