//! Cookie name prefixes (RFC 6265bis §5.4, enforced in §5.7 steps 20–22).

use crate::profile::Profile;
use crate::rule::Rule;
use crate::set_cookie::{trim_wsp, SetCookie};
use crate::variant::Variant;

/// `__Secure-`.
pub const SECURE_PREFIX: &[u8] = b"__Secure-";
/// `__Host-`.
pub const HOST_PREFIX: &[u8] = b"__Host-";

/// bis §5.4: user agents match prefixes case-insensitively.
pub fn has_prefix(s: &[u8], prefix: &[u8]) -> bool {
    s.len() >= prefix.len() && s[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// bis §5.4 under `profile`: [`has_prefix`], or with the
/// `prefixes-case-sensitive` variant an exact-case comparison.
fn has_prefix_for(profile: &Profile, s: &[u8], prefix: &[u8]) -> bool {
    if profile.has(Variant::PrefixesCaseSensitive)
        || profile.has(Variant::PrefixesEnforcedCaseSensitive)
    {
        // DEVIATION: bis §5.4 matches prefixes case-insensitively.
        return s.starts_with(prefix);
    }
    has_prefix(s, prefix)
}

/// RFC 6265bis §5.7 steps 20–22 for a cookie with the given host-only-flag
/// and path, received as `line`.
pub fn check_prefixes(
    profile: &Profile,
    p: &SetCookie<'_>,
    line: &[u8],
    host_only: bool,
    path: &[u8],
) -> Result<(), Rule> {
    // Step 20: "__Secure-" needs the secure-only-flag.
    if has_prefix_for(profile, p.name, SECURE_PREFIX) && !p.secure {
        return Err(Rule::SecurePrefix);
    }
    // Step 21: "__Host-" needs Secure, host-only, and an explicit Path
    // attribute with the cookie's path "/".
    if has_prefix_for(profile, p.name, HOST_PREFIX) {
        // The host-prefix-path-attribute-optional variant drops "an
        // explicit Path attribute": the path "/" may be the default-path.
        let path_given = p.path.is_some() || profile.has(Variant::HostPrefixPathAttributeOptional);
        if !(p.secure && host_only && path_given && path == b"/") {
            return Err(Rule::HostPrefix);
        }
        // The host-prefix-empty-path-rejected variant: the last Path
        // attribute must be written "/", not defaulted to "/" (`Path=`).
        if profile.has(Variant::HostPrefixEmptyPathRejected)
            && p.path.is_some()
            && last_path_attribute(line) != Some(b"/")
        {
            return Err(Rule::ByVariant(Variant::HostPrefixEmptyPathRejected));
        }
    }
    // Step 22: a nameless cookie may not look like a prefixed one.
    if p.name.is_empty()
        && (has_prefix_for(profile, p.value, SECURE_PREFIX)
            || has_prefix_for(profile, p.value, HOST_PREFIX))
    {
        return Err(Rule::NamelessPrefix);
    }
    Ok(())
}

/// The value of the last Path attribute of `line` as written (trimmed of
/// WSP, bis §5.6 step 4 of the attribute loop), for the variant above only.
fn last_path_attribute(line: &[u8]) -> Option<&[u8]> {
    line.split(|&b| b == b';')
        .skip(1)
        .filter_map(|av| {
            let (name, value) = match av.iter().position(|&b| b == b'=') {
                Some(i) => (&av[..i], &av[i + 1..]),
                None => (av, &av[av.len()..]),
            };
            trim_wsp(name)
                .eq_ignore_ascii_case(b"path")
                .then(|| trim_wsp(value))
        })
        .last()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::set_cookie::parse_set_cookie;
    use crate::Variants;

    fn check(v: Option<Variant>, line: &str) -> Result<(), Rule> {
        let mut profile = Profile::rfc6265bis();
        if let Some(v) = v {
            profile = profile.with_variants(Variants::NONE.with(v));
        }
        let p = parse_set_cookie(line.as_bytes(), &profile, b"/", 0).expect("parses");
        let path = p.path.clone().unwrap_or_else(|| b"/".to_vec());
        check_prefixes(&profile, &p, line.as_bytes(), true, &path)
    }

    #[test]
    fn prefixes_match_case_insensitively_unless_the_variant_says_exact_case() {
        // bis §5.4: "__secure-" is the prefix too; step 20 needs Secure.
        assert_eq!(check(None, "__secure-a=1"), Err(Rule::SecurePrefix));
        // prefixes-case-sensitive: only "__Secure-" is the prefix.
        assert_eq!(
            check(Some(Variant::PrefixesCaseSensitive), "__secure-a=1"),
            Ok(())
        );
        assert_eq!(
            check(Some(Variant::PrefixesCaseSensitive), "__Secure-a=1"),
            Err(Rule::SecurePrefix)
        );
    }

    #[test]
    fn host_prefix_without_path_attribute() {
        // Step 21 needs an explicit Path attribute.
        assert_eq!(check(None, "__Host-a=1; Secure"), Err(Rule::HostPrefix));
        // host-prefix-path-attribute-optional: the default-path "/" will do.
        let v = Some(Variant::HostPrefixPathAttributeOptional);
        assert_eq!(check(v, "__Host-a=1; Secure"), Ok(()));
    }

    #[test]
    fn host_prefix_with_empty_path_attribute() {
        // Step 21: "Path=" gives the default-path, here "/": accepted.
        assert_eq!(check(None, "__Host-a=1; Secure; Path="), Ok(()));
        // host-prefix-empty-path-rejected: the Path is not written "/".
        let v = Some(Variant::HostPrefixEmptyPathRejected);
        assert_eq!(
            check(v, "__Host-a=1; Secure; Path="),
            Err(Rule::ByVariant(Variant::HostPrefixEmptyPathRejected))
        );
        assert_eq!(check(v, "__Host-a=1; Secure; Path=; path=/"), Ok(()));
    }
}
