//! Profiles: the rule sets the model can follow, as data.
//!
//! One algorithm (RFC 6265bis §5) is written once; a [`Profile`] switches the
//! steps where RFC 6265 or the Netscape-era rules of the seed documents
//! differ. `docs/profiles.md` tables every switch with its section.

use crate::variant::Variants;
use std::fmt;
use std::str::FromStr;

/// The named profiles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum ProfileId {
    /// RFC 6265 (2011), §5.
    Rfc6265,
    /// RFC 6265bis, the editors' copy after draft 22 (the approved text). The default.
    #[default]
    Rfc6265bis,
    /// The Netscape-era rules described by the seed documents (seed 002).
    Netscape,
}

impl ProfileId {
    /// Every profile, in the order reports show them.
    pub const ALL: [ProfileId; 3] = [
        ProfileId::Rfc6265,
        ProfileId::Rfc6265bis,
        ProfileId::Netscape,
    ];

    /// The stable name used in vectors, reports and the CLI.
    pub fn name(self) -> &'static str {
        match self {
            ProfileId::Rfc6265 => "rfc6265",
            ProfileId::Rfc6265bis => "rfc6265bis",
            ProfileId::Netscape => "netscape",
        }
    }
}

impl fmt::Display for ProfileId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An unknown profile name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownProfile(pub String);

impl fmt::Display for UnknownProfile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "unknown profile `{}` (expected rfc6265, rfc6265bis or netscape)",
            self.0
        )
    }
}

impl std::error::Error for UnknownProfile {}

impl FromStr for ProfileId {
    type Err = UnknownProfile;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ProfileId::ALL
            .into_iter()
            .find(|p| p.name() == s)
            .ok_or_else(|| UnknownProfile(s.to_string()))
    }
}

/// How a request path is matched against a cookie path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathMatch {
    /// RFC 6265 §5.1.4 path-match.
    Rfc,
    /// Seed 002: the cookie path is a plain prefix of the request path.
    Prefix,
}

/// Which cookies go first when limits are exceeded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Eviction {
    /// RFC 6265 §5.3: expired, then over-full domains, then all; earliest last-access first.
    Rfc6265,
    /// RFC 6265bis §5.7: as RFC 6265 with non-secure cookies of over-full domains first.
    Rfc6265bis,
    /// Seed 002: the oldest cookie (earliest creation-time) is thrown out.
    Oldest,
}

/// Limits on the number and size of cookies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Cookies sharing one domain field (RFC 6265 §6.1: at least 50; seed 002: 20).
    pub per_domain: usize,
    /// Cookies in the whole store (RFC 6265 §6.1: at least 3000; seed 002: 300).
    pub total: usize,
}

/// A complete rule set. Fields are public so that a user can build a variant
/// (for example bis with other limits), but the three constructors are the
/// profiles the vectors name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    /// Which named profile this is (or was derived from).
    pub id: ProfileId,
    /// bis §5.6 step 1: a line with a CTL octet other than HTAB is ignored.
    pub reject_ctl: bool,
    /// bis §5.6 step 3: a pair without `=` (or with an empty name) is a nameless cookie.
    pub nameless: bool,
    /// bis §5.6 step 5: name + value may not exceed this many octets.
    pub max_name_value: Option<usize>,
    /// Seed 002: the whole cookie description may not exceed this many octets.
    pub max_cookie_line: Option<usize>,
    /// bis §5.6 step 6 of the attribute loop: longer attribute values are ignored.
    pub max_attribute_value: Option<usize>,
    /// bis §5.5: Expires and Max-Age are capped at this many seconds from now.
    pub max_lifetime: Option<i64>,
    /// Whether Max-Age is recognised (RFC 2109 onwards; not by the Netscape rules).
    pub max_age: bool,
    /// bis §5.6.3 and §5.7 step 10: an empty Domain attribute is kept (and makes the cookie host-only);
    /// RFC 6265 §5.2.3 says to ignore the attribute instead.
    pub empty_domain_is_host_only: bool,
    /// bis §5.7 step 8: a Domain attribute with a non-ASCII octet ignores the cookie.
    pub reject_non_ascii_domain: bool,
    /// RFC 6265 §5.3 step 5 / bis §5.7 step 9: reject public suffixes.
    pub reject_public_suffixes: bool,
    /// Seed 002 (original Netscape spec): the two/three-dot Domain rule and the leading dot.
    pub netscape_domain_rules: bool,
    /// bis §5.1.2 step 2: every label must be an A-label, U-label or NR-LDH label.
    pub strict_host_labels: bool,
    /// bis §5.8.3: potentially trustworthy hosts (localhost, loopback) count as secure.
    pub trustworthy_is_secure: bool,
    /// bis §5.7 step 13: Secure cookies only from secure origins.
    pub secure_needs_secure_origin: bool,
    /// bis §5.7 step 16: insecure origins cannot shadow Secure cookies.
    pub strict_secure: bool,
    /// bis §5.6.7, §5.7 steps 17–19, §5.8.3: SameSite.
    pub same_site: bool,
    /// bis §5.7 steps 20–22: `__Secure-` and `__Host-`.
    pub prefixes: bool,
    /// bis §5.7 step 23: the host-only flag is part of a cookie's identity.
    pub host_only_in_key: bool,
    /// Seed 002: cookie names are not case-sensitive.
    pub case_insensitive_names: bool,
    /// How paths match.
    pub path_match: PathMatch,
    /// Seed 002: a page sees only the closest-path cookie of a name and domain.
    pub closest_path_only: bool,
    /// The limits that trigger eviction.
    pub limits: Limits,
    /// The eviction order.
    pub eviction: Eviction,
    /// The rule variants played on top of this rule set (`crate::variant`);
    /// empty for the named profiles.
    pub variants: Variants,
}

impl Profile {
    /// RFC 6265 (2011).
    pub fn rfc6265() -> Profile {
        Profile {
            id: ProfileId::Rfc6265,
            reject_ctl: false,
            nameless: false,
            max_name_value: None,
            max_cookie_line: None,
            max_attribute_value: None,
            max_lifetime: None,
            max_age: true,
            empty_domain_is_host_only: false,
            reject_non_ascii_domain: false,
            reject_public_suffixes: true,
            netscape_domain_rules: false,
            strict_host_labels: false,
            trustworthy_is_secure: false,
            secure_needs_secure_origin: false,
            strict_secure: false,
            same_site: false,
            prefixes: false,
            host_only_in_key: false,
            case_insensitive_names: false,
            path_match: PathMatch::Rfc,
            closest_path_only: false,
            // RFC 6265 §6.1: the documented minimum capabilities.
            limits: Limits {
                per_domain: 50,
                total: 3000,
            },
            eviction: Eviction::Rfc6265,
            variants: Variants::NONE,
        }
    }

    /// RFC 6265bis (draft 22, the approved text): the default profile.
    pub fn rfc6265bis() -> Profile {
        Profile {
            id: ProfileId::Rfc6265bis,
            reject_ctl: true,
            nameless: true,
            max_name_value: Some(4096),
            max_cookie_line: None,
            max_attribute_value: Some(1024),
            // bis §5.5: 400 days.
            max_lifetime: Some(400 * 86_400),
            max_age: true,
            empty_domain_is_host_only: true,
            reject_non_ascii_domain: true,
            reject_public_suffixes: true,
            netscape_domain_rules: false,
            strict_host_labels: true,
            trustworthy_is_secure: true,
            secure_needs_secure_origin: true,
            strict_secure: true,
            same_site: true,
            prefixes: true,
            host_only_in_key: true,
            case_insensitive_names: false,
            path_match: PathMatch::Rfc,
            closest_path_only: false,
            // bis §6.1: the documented minimum capabilities.
            limits: Limits {
                per_domain: 50,
                total: 3000,
            },
            eviction: Eviction::Rfc6265bis,
            variants: Variants::NONE,
        }
    }

    /// The Netscape-era rules of seed 002, on an RFC 6265 base.
    pub fn netscape() -> Profile {
        Profile {
            id: ProfileId::Netscape,
            // Seed 002: "4096 bytes per cookie description".
            max_cookie_line: Some(4096),
            // Seed 002 knows only the expiry time (Expires); Max-Age came with RFC 2109.
            max_age: false,
            reject_public_suffixes: false,
            netscape_domain_rules: true,
            // Seed 002: "Cookie names are NOT case-sensitive."
            case_insensitive_names: true,
            path_match: PathMatch::Prefix,
            closest_path_only: true,
            // Seed 002: 20 per domain, 300 overall.
            limits: Limits {
                per_domain: 20,
                total: 300,
            },
            eviction: Eviction::Oldest,
            ..Profile::rfc6265()
        }
    }

    /// The profile with the given name.
    pub fn for_id(id: ProfileId) -> Profile {
        match id {
            ProfileId::Rfc6265 => Profile::rfc6265(),
            ProfileId::Rfc6265bis => Profile::rfc6265bis(),
            ProfileId::Netscape => Profile::netscape(),
        }
    }
}

impl Default for Profile {
    fn default() -> Self {
        Profile::rfc6265bis()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profile_names_round_trip() {
        for id in ProfileId::ALL {
            assert_eq!(id.name().parse::<ProfileId>(), Ok(id));
            assert_eq!(Profile::for_id(id).id, id);
        }
        assert!("rfc2965".parse::<ProfileId>().is_err());
    }

    #[test]
    fn netscape_limits_follow_seed_002() {
        let p = Profile::netscape();
        assert_eq!(
            p.limits,
            Limits {
                per_domain: 20,
                total: 300
            }
        );
        assert_eq!(p.max_cookie_line, Some(4096));
    }

    #[test]
    fn bis_caps_lifetimes_at_400_days() {
        // bis §5.5: 400 days = 34 560 000 seconds.
        assert_eq!(Profile::rfc6265bis().max_lifetime, Some(34_560_000));
    }
}
