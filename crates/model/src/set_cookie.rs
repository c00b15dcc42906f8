//! Parsing a Set-Cookie line (RFC 6265 §5.2, RFC 6265bis §5.6) into a name,
//! a value and the processed attributes (§5.2.1–5.2.6, bis §5.6.1–5.6.7).
//!
//! Input is octets, never text, and nothing is percent-decoded (bis §5.6).

use crate::date::parse_cookie_date_for;
use crate::parse_variants::{self as pv, TRIM_VARIANTS};
use crate::path::{default_path_for, request_path};
use crate::profile::Profile;
use crate::rule::Rule;
use crate::same_site::SameSite;
use crate::scan::{any_byte, find_byte, split_byte};
use crate::time::{Time, EARLIEST, LATEST};
use crate::variant::Variant;

/// A note about one attribute that was ignored or adjusted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The rule that applied.
    pub rule: Rule,
    /// The attribute as it appeared (name and value, lossily decoded).
    pub attribute: String,
}

/// A parsed Set-Cookie line: the result of "receive a cookie" input.
///
/// Attribute fields hold the value of the *last* attribute of each name, as
/// the storage model reads them (RFC 6265 §5.3 steps 3–9).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetCookie<'a> {
    /// The cookie-name (possibly empty in bis: a nameless cookie).
    pub name: &'a [u8],
    /// The cookie-value.
    pub value: &'a [u8],
    /// Expiry-time from the last valid Expires attribute.
    pub expires: Option<Time>,
    /// Expiry-time from the last valid Max-Age attribute.
    pub max_age: Option<Time>,
    /// The last Domain attribute: leading dot removed, lower case.
    pub domain: Option<Vec<u8>>,
    /// The last Domain attribute's value as sent (for the Netscape dot rule).
    pub domain_as_sent: Option<&'a [u8]>,
    /// The cookie-path of the last Path attribute (default-path when it did not start with "/").
    pub path: Option<Vec<u8>>,
    /// A Secure attribute was present.
    pub secure: bool,
    /// An HttpOnly attribute was present.
    pub http_only: bool,
    /// The enforcement of the last SameSite attribute.
    pub same_site: Option<SameSite>,
    /// Attributes that were ignored or adjusted, in order.
    pub notes: Vec<Note>,
    /// Under `secure-added-on-save`: the line carried Partitioned, or its
    /// last valid SameSite was None, so the jar's serialiser writes Secure.
    pub secure_on_save: bool,
}

/// WSP = SP / HTAB.
fn is_wsp(b: u8) -> bool {
    b == b' ' || b == b'\t'
}

/// Removes leading and trailing WSP (RFC 6265 §5.2 step 4).
pub fn trim_wsp(s: &[u8]) -> &[u8] {
    trim_octets(s, is_wsp)
}

/// Removes the leading and trailing octets for which `space` holds.
pub(crate) fn trim_octets(mut s: &[u8], space: fn(u8) -> bool) -> &[u8] {
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

/// bis §5.6 step 1: CTL characters excluding HTAB.
pub fn is_forbidden_ctl(b: u8) -> bool {
    matches!(b, 0x00..=0x08 | 0x0A..=0x1F | 0x7F)
}

/// Step 4 (attribute step 5): [`trim_wsp`], or under a trimming variant
/// (`trim-ascii-whitespace`, `trim-latin1-whitespace`,
/// `trim-unicode-whitespace`) that variant's set of octets.
#[inline]
pub(crate) fn trim<'s>(profile: &Profile, s: &'s [u8]) -> &'s [u8] {
    if profile.variants.intersects(TRIM_VARIANTS) {
        pv::trim_by_variant(profile, s)
    } else {
        trim_wsp(s)
    }
}

fn split_once(s: &[u8], sep: u8) -> Option<(&[u8], &[u8])> {
    let i = find_byte(s, sep)?;
    Some((&s[..i], &s[i + 1..]))
}

/// RFC 6265 §5.2 / bis §5.6: parses `line` received from a request whose
/// path is `uri_path` (for the default-path) at `now` (for Max-Age and the
/// lifetime cap). `Err` names the rule that ignores the whole line.
pub fn parse_set_cookie<'a>(
    line: &'a [u8],
    profile: &Profile,
    uri_path: &[u8],
    now: Time,
) -> Result<SetCookie<'a>, Rule> {
    // Seed 002 (Netscape): 4096 bytes per cookie description.
    if profile.max_cookie_line.is_some_and(|max| line.len() > max) {
        return Err(Rule::CookieTooLong);
    }
    // line-length-limit: a line over 5000 octets is ignored (libcurl).
    if profile.has(Variant::LineLengthLimit) && line.len() > pv::LINE_LENGTH_LIMIT {
        return Err(Rule::ByVariant(Variant::LineLengthLimit));
    }
    // Step 1, ctl-truncates-line: the line ends at its first CR, LF or NUL
    // (the variant also turns the bis check below off, in `apply_switch`).
    let line = if pv::cuts_line(profile) {
        pv::cut_at_line_end(line)
    } else {
        line
    };
    // bis step 1: a CTL other than HTAB ignores the line.
    if profile.reject_ctl && any_byte(line, is_forbidden_ctl) {
        return Err(Rule::CtlCharacter);
    }
    // ctl-in-pair-rejected: a control octet in any trimmed name or value.
    if profile.has(Variant::CtlInPairRejected) && pv::pair_holds_ctl(profile, line) {
        return Err(Rule::ByVariant(Variant::CtlInPairRejected));
    }
    // bis step 1, htab-is-ctl: HTAB counts among the CTLs too.
    if profile.has(Variant::HtabIsCtl) && find_byte(line, b'\t').is_some() {
        return Err(Rule::ByVariant(Variant::HtabIsCtl));
    }
    // non-utf8-line-ignored: a jar that parses a string drops the line
    // (the algorithm itself works on octets).
    if profile.has(Variant::NonUtf8LineIgnored) && std::str::from_utf8(line).is_err() {
        return Err(Rule::ByVariant(Variant::NonUtf8LineIgnored));
    }
    // Step 2 (6265 step 1): split off the unparsed-attributes at the first ";".
    let (pair, unparsed) = match find_byte(line, b';') {
        Some(i) => (&line[..i], &line[i..]),
        None => (line, &line[line.len()..]),
    };
    // bis step 3 / 6265 steps 2–3: split the pair at the first "=".
    let (name, value) = match split_once(pair, b'=') {
        Some((n, v)) => (n, v),
        // 6265 step 2: no "=" ignores the line; bis: a nameless cookie.
        None if profile.nameless => (&pair[..0], pair),
        None => return Err(Rule::NoEquals),
    };
    // Step 4: trim WSP.
    let (name, mut value) = (trim(profile, name), trim(profile, value));
    // Step 4, value-dquotes-stripped: DQUOTEs around the whole value go too.
    if profile.has(Variant::ValueDquotesStripped) {
        value = pv::strip_dquotes(value);
    }
    // 6265 step 5: an empty name ignores the line (bis keeps it as nameless).
    if name.is_empty() && !profile.nameless {
        return Err(Rule::EmptyName);
    }
    // bis step 5: name + value at most 4096 octets.
    if profile
        .max_name_value
        .is_some_and(|max| name.len() + value.len() > max)
    {
        return Err(Rule::NameValueTooLong);
    }
    let mut cookie = SetCookie {
        name,
        value,
        expires: None,
        max_age: None,
        domain: None,
        domain_as_sent: None,
        path: None,
        secure: false,
        http_only: false,
        same_site: None,
        notes: Vec::new(),
        secure_on_save: false,
    };
    parse_attributes(&mut cookie, unparsed, profile, uri_path, now)?;
    Ok(cookie)
}

/// RFC 6265 §5.2 / bis §5.6: the loop over the unparsed-attributes. `Err`
/// only under a variant that ignores the whole cookie for an attribute.
fn parse_attributes<'a>(
    cookie: &mut SetCookie<'a>,
    unparsed: &'a [u8],
    profile: &Profile,
    uri_path: &[u8],
    now: Time,
) -> Result<(), Rule> {
    // Steps 1–3: each ";"-separated cookie-av after the first ";".
    let Some(rest) = unparsed.strip_prefix(b";") else {
        return Ok(());
    };
    let mut partitioned = false;
    // secure-added-on-save: Partitioned seen, and the last valid SameSite.
    let on_save = profile.has(Variant::SecureAddedOnSave);
    let (mut saw_partitioned, mut same_site_none) = (false, false);
    for cookie_av in split_byte(rest, b';') {
        // Step 4: split at the first "=".
        let (name, value, has_equals) = match split_once(cookie_av, b'=') {
            Some((name, value)) => (name, value, true),
            None => (cookie_av, &cookie_av[cookie_av.len()..], false),
        };
        // Step 5: trim WSP.
        let (name, value) = (trim(profile, name), trim(profile, value));
        // bis step 6: an attribute value over 1024 octets ignores the cookie-av.
        if profile
            .max_attribute_value
            .is_some_and(|max| value.len() > max)
        {
            cookie.notes.push(note(Rule::AttributeTooLong, name, value));
            continue;
        }
        // §5.2.4 / bis §5.6.4, path-without-value-ignored: a bare "Path" is skipped.
        if !has_equals
            && profile.has(Variant::PathWithoutValueIgnored)
            && name.eq_ignore_ascii_case(b"path")
        {
            let rule = Rule::ByVariant(Variant::PathWithoutValueIgnored);
            cookie.notes.push(note(rule, name, value));
            continue;
        }
        // max-age-empty-persistent reads `Max-Age=` only: a bare `Max-Age`
        // stays ignored, as the base ignores it.
        if !has_equals
            && profile.has(Variant::MaxAgeEmptyPersistent)
            && name.eq_ignore_ascii_case(b"max-age")
        {
            cookie.notes.push(note(Rule::MaxAgeInvalid, name, value));
            continue;
        }
        if on_save {
            if name.eq_ignore_ascii_case(b"partitioned") {
                saw_partitioned = true;
            } else if has_equals && name.eq_ignore_ascii_case(b"samesite") {
                if value.eq_ignore_ascii_case(b"none") {
                    same_site_none = true;
                } else if value.eq_ignore_ascii_case(b"strict")
                    || value.eq_ignore_ascii_case(b"lax")
                {
                    same_site_none = false;
                }
            }
        }
        // partitioned-needs-secure: remember Partitioned (still an unknown attribute).
        if profile.has(Variant::PartitionedNeedsSecure) && name.eq_ignore_ascii_case(b"partitioned")
        {
            partitioned = true;
        }
        // Step 7: process by (case-insensitive) name; unknown names are ignored.
        process_attribute(cookie, name, value, profile, uri_path, now)?;
    }
    cookie.secure_on_save = saw_partitioned || same_site_none;
    // partitioned-needs-secure (CHIPS): Partitioned without Secure ignores the cookie.
    if partitioned && !cookie.secure {
        return Err(Rule::ByVariant(Variant::PartitionedNeedsSecure));
    }
    Ok(())
}

fn note(rule: Rule, name: &[u8], value: &[u8]) -> Note {
    let mut attribute = String::from_utf8_lossy(name).into_owned();
    if !value.is_empty() {
        attribute.push('=');
        // Keep notes readable when a value is huge.
        let shown = &value[..value.len().min(64)];
        attribute.push_str(&String::from_utf8_lossy(shown));
        if value.len() > 64 {
            attribute.push('…');
        }
    }
    Note { rule, attribute }
}

/// Whether a repeated attribute is skipped because an earlier one of its
/// name was appended (the `first-attribute-wins` variant; for Expires also
/// `first-expires-wins`): RFC 6265 §5.3 steps 3–7, bis §5.7 steps 6–17 read
/// the last.
#[inline]
fn first_one_stands(profile: &Profile, already: bool, also: Option<Variant>) -> bool {
    already && (profile.has(Variant::FirstAttributeWins) || also.is_some_and(|v| profile.has(v)))
}

/// Step 7: one attribute, by its (case-insensitive) name.
fn process_attribute<'a>(
    cookie: &mut SetCookie<'a>,
    name: &[u8],
    value: &'a [u8],
    profile: &Profile,
    uri_path: &[u8],
    now: Time,
) -> Result<(), Rule> {
    if name.eq_ignore_ascii_case(b"expires") {
        let first = Some(Variant::FirstExpiresWins);
        if first_one_stands(profile, cookie.expires.is_some(), first) {
            let v = if profile.has(Variant::FirstAttributeWins) {
                Variant::FirstAttributeWins
            } else {
                Variant::FirstExpiresWins
            };
            cookie.notes.push(note(Rule::ByVariant(v), name, value));
            return Ok(());
        }
        match expires_attribute(value, profile, now) {
            Ok((t, capped)) => {
                if capped {
                    cookie.notes.push(note(Rule::LifetimeCapped, name, value));
                }
                cookie.expires = Some(t);
            }
            Err(rule) => {
                cookie.notes.push(note(rule, name, value));
                // §5.2.1 / bis §5.6.1 step 2, invalid-expires-clears.
                if profile.has(Variant::InvalidExpiresClears) {
                    cookie.expires = None;
                }
            }
        }
    } else if name.eq_ignore_ascii_case(b"max-age") {
        if !profile.max_age {
            cookie
                .notes
                .push(note(Rule::MaxAgeNotRecognised, name, value));
            return Ok(());
        }
        if first_one_stands(profile, cookie.max_age.is_some(), None) {
            let rule = Rule::ByVariant(Variant::FirstAttributeWins);
            cookie.notes.push(note(rule, name, value));
            return Ok(());
        }
        match max_age_attribute(value, profile, now) {
            Ok((t, capped)) => {
                if capped {
                    cookie.notes.push(note(Rule::LifetimeCapped, name, value));
                }
                cookie.max_age = Some(t);
            }
            Err(rule) => {
                // §5.2.2 / bis §5.6.2 steps 1–3, max-age-invalid-drops-cookie.
                if rule == Rule::MaxAgeInvalid && profile.has(Variant::MaxAgeInvalidDropsCookie) {
                    return Err(Rule::ByVariant(Variant::MaxAgeInvalidDropsCookie));
                }
                cookie.notes.push(note(rule, name, value));
                // invalid-max-age-clears.
                if profile.has(Variant::InvalidMaxAgeClears) {
                    cookie.max_age = None;
                }
            }
        }
    } else if name.eq_ignore_ascii_case(b"domain") {
        // dot-domain-rejected, empty-domain-rejected (§5.2.3, bis §5.6.3).
        if let Some(v) = pv::domain_rejected_by(profile, value) {
            return Err(Rule::ByVariant(v));
        }
        // 6265 §5.2.3: an empty value is undefined; SHOULD ignore the cookie-av.
        if value.is_empty() && !profile.empty_domain_is_host_only {
            cookie
                .notes
                .push(note(Rule::EmptyDomainIgnored, name, value));
            return Ok(());
        }
        if first_one_stands(profile, cookie.domain.is_some(), None) {
            let rule = Rule::ByVariant(Variant::FirstAttributeWins);
            cookie.notes.push(note(rule, name, value));
            return Ok(());
        }
        cookie.domain = Some(domain_attribute_for(profile, value));
        cookie.domain_as_sent = Some(value);
    } else if name.eq_ignore_ascii_case(b"path") {
        if first_one_stands(profile, cookie.path.is_some(), None) {
            let rule = Rule::ByVariant(Variant::FirstAttributeWins);
            cookie.notes.push(note(rule, name, value));
            return Ok(());
        }
        cookie.path = Some(path_attribute(cookie, name, value, profile, uri_path));
    } else if name.eq_ignore_ascii_case(b"secure") {
        // §5.2.5: the value is irrelevant.
        cookie.secure = true;
    } else if name.eq_ignore_ascii_case(b"httponly") {
        // §5.2.6.
        cookie.http_only = true;
    } else if profile.same_site && name.eq_ignore_ascii_case(b"samesite") {
        if first_one_stands(profile, cookie.same_site.is_some(), None) {
            let rule = Rule::ByVariant(Variant::FirstAttributeWins);
            cookie.notes.push(note(rule, name, value));
            return Ok(());
        }
        // bis §5.6.7: unknown values give "Default".
        let enforcement = SameSite::from_attribute(value).unwrap_or_else(|| {
            cookie.notes.push(note(Rule::SameSiteUnknown, name, value));
            SameSite::Default
        });
        cookie.same_site = Some(enforcement);
    } else {
        cookie.notes.push(note(Rule::UnknownAttribute, name, value));
    }
    Ok(())
}

/// RFC 6265 §5.2.4 / bis §5.6.4 step 1: the cookie-path of a Path value.
fn path_attribute(
    cookie: &mut SetCookie<'_>,
    name: &[u8],
    value: &[u8],
    profile: &Profile,
    uri_path: &[u8],
) -> Vec<u8> {
    if value.first() == Some(&b'/') {
        return value.to_vec();
    }
    // path-relative-kept and path-relative-root: a non-empty value not
    // starting with "/" is kept as written, or gives "/".
    if !value.is_empty() && profile.has(Variant::PathRelativeKept) {
        return value.to_vec();
    }
    if !value.is_empty() && profile.has(Variant::PathRelativeRoot) {
        return b"/".to_vec();
    }
    // Empty or not starting with "/": the default-path (§5.1.4, under the
    // default-path variants, as storage computes it for an absent Path).
    cookie.notes.push(note(Rule::PathDefaulted, name, value));
    default_path_for(profile, &request_path(profile, uri_path)).to_vec()
}

/// RFC 6265 §5.2.1 / bis §5.6.1: the expiry-time of an Expires value, and
/// whether bis §5.5's cap reduced it.
pub fn expires_attribute(value: &[u8], profile: &Profile, now: Time) -> Result<(Time, bool), Rule> {
    // date-length-limit: a long value is not parsed at all.
    if profile.has(Variant::DateLengthLimit) && value.len() >= pv::DATE_LENGTH_LIMIT {
        return Err(Rule::ByVariant(Variant::DateLengthLimit));
    }
    // Steps 1–2: parse as a cookie-date or ignore the cookie-av.
    let t = parse_cookie_date_for(value, profile).ok_or(Rule::ExpiresInvalid)?;
    // bis steps 3–4: reduce to the cookie-age-limit.
    if let Some(limit) = profile.max_lifetime {
        let cap = now.saturating_add(limit).min(LATEST);
        if t > cap {
            return Ok((cap, true));
        }
    }
    Ok((t, false))
}

/// RFC 6265 §5.2.2 / bis §5.6.2: the expiry-time of a Max-Age value, and
/// whether bis §5.5's cap reduced it.
pub fn max_age_attribute(value: &[u8], profile: &Profile, now: Time) -> Result<(Time, bool), Rule> {
    // Steps 1–3: "-"? DIGIT+ and nothing else. (bis: "-" must be followed by a
    // DIGIT; RFC 6265 leaves a lone "-" open and the model ignores it too.)
    // Other values are ignored, unless a Max-Age variant reads them.
    let (negative, digits) = match value.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, value),
    };
    let mut delta = if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        pv::max_age_by_variant(profile, value).ok_or(Rule::MaxAgeInvalid)?
    } else {
        // Step 4: base-10 integer, saturating instead of overflowing (or,
        // max-age-overflow-ignored, ignored when it does not fit an i64).
        let magnitude = if profile.has(Variant::MaxAgeOverflowIgnored) {
            pv::checked_digits(digits).ok_or(Rule::ByVariant(Variant::MaxAgeOverflowIgnored))?
        } else {
            pv::saturating_digits(digits)
        };
        if negative {
            -magnitude
        } else {
            magnitude
        }
    };
    // bis steps 5–6: the smaller of delta-seconds and the cookie-age-limit.
    let mut capped = false;
    if let Some(limit) = profile.max_lifetime {
        if delta > limit {
            delta = limit;
            capped = true;
        }
    }
    // Step 7: ≤ 0 → the earliest representable date; else now + delta.
    if delta <= 0 {
        return Ok((EARLIEST, capped));
    }
    Ok((now.saturating_add(delta).min(LATEST), capped))
}

/// §5.6.3 steps 2–3 under `profile`: [`domain_attribute`], or with the
/// `domain-case-kept` variant the value without its leading "." only.
pub fn domain_attribute_for(profile: &Profile, value: &[u8]) -> Vec<u8> {
    // domain-trimmed-after-dot: the rest is trimmed again once the dot is off.
    if profile.has(Variant::DomainTrimmedAfterDot) {
        if let Some(rest) = value.strip_prefix(b".") {
            let rest = trim(profile, rest);
            return if profile.has(Variant::DomainCaseKept) {
                rest.to_vec()
            } else {
                rest.to_ascii_lowercase()
            };
        }
    }
    if profile.has(Variant::DomainCaseKept) {
        // Step 3 skipped: the case is kept.
        return value.strip_prefix(b".").unwrap_or(value).to_vec();
    }
    domain_attribute(value)
}

/// The cookie-domains of every Domain attribute of `line`, in order, as
/// `profile` appends them (§5.6.3; RFC 6265 skips empty values): what the
/// `every-domain-checked` variant checks at §5.7 step 7.
pub fn domain_attributes<'l>(
    line: &'l [u8],
    profile: &'l Profile,
) -> impl Iterator<Item = Vec<u8>> + 'l {
    let line = if pv::cuts_line(profile) {
        pv::cut_at_line_end(line)
    } else {
        line
    };
    let rest = find_byte(line, b';').map_or(&line[line.len()..], |i| &line[i + 1..]);
    split_byte(rest, b';').filter_map(move |cookie_av| {
        let (name, value) =
            split_once(cookie_av, b'=').unwrap_or((cookie_av, &cookie_av[cookie_av.len()..]));
        let (name, value) = (trim(profile, name), trim(profile, value));
        let too_long = profile
            .max_attribute_value
            .is_some_and(|max| value.len() > max);
        let skipped = value.is_empty() && !profile.empty_domain_is_host_only;
        (name.eq_ignore_ascii_case(b"domain") && !too_long && !skipped)
            .then(|| domain_attribute_for(profile, value))
    })
}

/// bis §5.6.3 steps 2–3 / RFC 6265 §5.2.3: strip one leading "." and lower-case.
pub fn domain_attribute(value: &[u8]) -> Vec<u8> {
    let v = value.strip_prefix(b".").unwrap_or(value);
    v.to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: Time = 1_704_067_200;

    fn bis(line: &str) -> Result<SetCookie<'_>, Rule> {
        parse_set_cookie(line.as_bytes(), &Profile::rfc6265bis(), b"/a/b", NOW)
    }

    fn rfc(line: &str) -> Result<SetCookie<'_>, Rule> {
        parse_set_cookie(line.as_bytes(), &Profile::rfc6265(), b"/a/b", NOW)
    }

    #[test]
    fn name_and_value_are_trimmed_but_keep_inner_space() {
        // Step 4: leading/trailing WSP removed; internal kept.
        let c = bis(" \tna me = va lue \t; Path=/").expect("accepted");
        assert_eq!(c.name, b"na me");
        assert_eq!(c.value, b"va lue");
    }

    #[test]
    fn value_splits_at_the_first_equals_only() {
        let c = bis("a=b=c").expect("accepted");
        assert_eq!((c.name, c.value), (&b"a"[..], &b"b=c"[..]));
    }

    #[test]
    fn no_equals_is_nameless_in_bis_and_ignored_in_6265() {
        let c = bis("token").expect("bis step 3: nameless");
        assert_eq!((c.name, c.value), (&b""[..], &b"token"[..]));
        assert_eq!(rfc("token"), Err(Rule::NoEquals));
        assert_eq!(rfc("=v"), Err(Rule::EmptyName));
    }

    #[test]
    fn ctl_characters_ignore_the_line_in_bis_only() {
        assert_eq!(bis("a=b\x01c"), Err(Rule::CtlCharacter));
        assert_eq!(bis("a=b\x7f"), Err(Rule::CtlCharacter));
        assert!(bis("a=b\tc").is_ok(), "HTAB is not a forbidden CTL");
        assert!(rfc("a=b\x01c").is_ok());
    }

    #[test]
    fn name_value_limit_is_4096_octets() {
        let ok = format!("a={}", "b".repeat(4095));
        let long = format!("a={}", "b".repeat(4096));
        assert!(bis(&ok).is_ok());
        assert_eq!(bis(&long), Err(Rule::NameValueTooLong));
        assert!(rfc(&long).is_ok());
    }

    #[test]
    fn attribute_value_over_1024_octets_is_ignored() {
        let line = format!("a=b; Path=/{}", "p".repeat(1024));
        let c = bis(&line).expect("accepted");
        assert_eq!(c.path, None);
        assert_eq!(c.notes[0].rule, Rule::AttributeTooLong);
        let exact = format!("a=b; Path=/{}", "p".repeat(1023));
        assert_eq!(
            bis(&exact).expect("accepted").path.map(|p| p.len()),
            Some(1024)
        );
    }

    #[test]
    fn last_attribute_wins_and_names_are_case_insensitive() {
        let c = bis("a=b; PATH=/x; path=/y; dOmAiN=.Example.COM").expect("accepted");
        assert_eq!(c.path.as_deref(), Some(&b"/y"[..]));
        assert_eq!(c.domain.as_deref(), Some(&b"example.com"[..]));
    }

    #[test]
    fn path_not_starting_with_slash_uses_default_path() {
        let c = bis("a=b; Path=x").expect("accepted");
        assert_eq!(c.path.as_deref(), Some(&b"/a"[..]));
    }

    #[test]
    fn max_age_forms() {
        let p = Profile::rfc6265();
        assert_eq!(max_age_attribute(b"60", &p, NOW), Ok((NOW + 60, false)));
        assert_eq!(max_age_attribute(b"0", &p, NOW), Ok((EARLIEST, false)));
        assert_eq!(max_age_attribute(b"-5", &p, NOW), Ok((EARLIEST, false)));
        for bad in [&b""[..], b"-", b"+1", b"1.5", b"1e3", b"--1", b"a"] {
            assert_eq!(
                max_age_attribute(bad, &p, NOW),
                Err(Rule::MaxAgeInvalid),
                "{bad:?}"
            );
        }
        // Overflow saturates at the latest representable date.
        assert_eq!(
            max_age_attribute(b"99999999999999999999999", &p, NOW),
            Ok((LATEST, false))
        );
    }

    #[test]
    fn bis_caps_max_age_and_expires_at_400_days() {
        let p = Profile::rfc6265bis();
        let cap = NOW + 34_560_000;
        assert_eq!(max_age_attribute(b"34560001", &p, NOW), Ok((cap, true)));
        assert_eq!(max_age_attribute(b"34560000", &p, NOW), Ok((cap, false)));
        assert_eq!(
            expires_attribute(b"Fri, 01 Jan 2100 00:00:00 GMT", &p, NOW),
            Ok((cap, true))
        );
    }

    #[test]
    fn empty_domain_differs_between_profiles() {
        // 6265 §5.2.3: ignore the cookie-av, so the earlier Domain stands.
        let c = rfc("a=b; Domain=example.com; Domain=").expect("accepted");
        assert_eq!(c.domain.as_deref(), Some(&b"example.com"[..]));
        // bis: the empty value is appended and wins.
        let c = bis("a=b; Domain=example.com; Domain=").expect("accepted");
        assert_eq!(c.domain.as_deref(), Some(&b""[..]));
    }

    #[test]
    fn same_site_is_an_unknown_attribute_in_6265() {
        let c = rfc("a=b; SameSite=Strict").expect("accepted");
        assert_eq!(c.same_site, None);
        assert_eq!(c.notes[0].rule, Rule::UnknownAttribute);
        assert_eq!(
            bis("a=b; SameSite=Strict").expect("accepted").same_site,
            Some(SameSite::Strict)
        );
        assert_eq!(
            bis("a=b; SameSite=bogus").expect("accepted").same_site,
            Some(SameSite::Default)
        );
    }

    #[test]
    fn percent_encodings_are_not_decoded() {
        let c = bis("a%3Db=c%3B").expect("accepted");
        assert_eq!((c.name, c.value), (&b"a%3Db"[..], &b"c%3B"[..]));
    }

    #[test]
    fn netscape_ignores_max_age() {
        let c = parse_set_cookie(b"a=b; Max-Age=60", &Profile::netscape(), b"/", NOW)
            .expect("accepted");
        assert_eq!(c.max_age, None);
        assert_eq!(c.notes[0].rule, Rule::MaxAgeNotRecognised);
    }
}
