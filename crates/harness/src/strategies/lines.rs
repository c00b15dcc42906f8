//! Set-Cookie lines: well-formed ones, and near misses made by mutating
//! well-formed ones.

use super::hosts::{Relation, Site, Spelling};
use cookiecheck_model::domain::is_public_suffix;
use cookiecheck_model::set_cookie::{parse_set_cookie, trim_wsp};
use cookiecheck_model::{Profile, ProfileId};
use proptest::prelude::*;

/// Cookie names: plain, case variants of one name, prefixed names
/// (RFC 6265bis §4.1.3), and the nameless and odd ones.
pub fn name() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        12 => proptest::sample::select(vec!["a", "b", "sid", "SID", "c"]),
        2 => proptest::sample::select(vec!["__Secure-a", "__Host-a", "__secure-a", "__HOST-a"]),
        1 => proptest::sample::select(vec!["", "a b", "a\"b", "é"]),
    ]
    .prop_map(|s| s.as_bytes().to_vec())
}

/// Cookie values: short ones, empty, quoted, with spaces or `=`, and long
/// ones near the 4096-octet name+value limit (RFC 6265bis §5.6 step 4).
pub fn value() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        12 => proptest::sample::select(vec!["1", "2", "3", "v", "31d4d96e407aad42"])
            .prop_map(|s| s.as_bytes().to_vec()),
        2 => proptest::sample::select(vec!["", "\"q\"", "a b", "x=y", "\"", "é"])
            .prop_map(|s| s.as_bytes().to_vec()),
        1 => (4085usize..=4100).prop_map(|n| vec![b'v'; n]),
    ]
}

/// A Domain attribute value for `site`: a related host (with a leading dot
/// sometimes), its public suffix (when `public_suffix`), an IP literal or
/// empty.
pub fn domain_value(site: &Site, public_suffix: bool) -> impl Strategy<Value = String> {
    let site = site.clone();
    let mut relations = Relation::ALL.to_vec();
    if !public_suffix {
        relations.retain(|r| *r != Relation::Suffix);
        // `localhost` (the loopback site's Www) is a one-label name: a
        // public suffix under the list's default rule.
        if site.is_ip() {
            relations.retain(|r| *r != Relation::Www);
        }
    }
    (
        proptest::sample::select(relations),
        proptest::sample::select(vec![
            Spelling::Plain,
            Spelling::Plain,
            Spelling::Upper,
            Spelling::TrailingDot,
            Spelling::Punycode,
        ]),
        any::<bool>(),
        0u8..12,
    )
        .prop_map(move |(relation, spelling, dot, odd)| match odd {
            0 => String::new(),
            1 => "127.0.0.1".to_string(),
            // On the loopback site, partial addresses: dotted suffixes of
            // the host that only a string suffix match accepts (§5.1.3).
            2 | 3 if site.is_ip() => {
                let partial = if odd == 2 { "0.0.1" } else { "0.1" };
                if dot {
                    format!(".{partial}")
                } else {
                    partial.to_string()
                }
            }
            _ => {
                let host = spelling.apply(&relation.host(&site));
                if dot {
                    format!(".{host}")
                } else {
                    host
                }
            }
        })
}

/// A Path attribute value: absolute paths, trailing slashes, relative and
/// empty values, and one over the 1024-octet attribute limit.
pub fn path_value() -> impl Strategy<Value = String> {
    prop_oneof![
        10 => proptest::sample::select(vec!["/", "/a", "/a/", "/a/b", "/ab", "/b"])
            .prop_map(str::to_string),
        2 => proptest::sample::select(vec!["", "a", "/A", "/a/b/c", "//", "/a/../b", "/%61"])
            .prop_map(str::to_string),
        1 => (1020usize..=1030).prop_map(|n| format!("/{}", "p".repeat(n))),
    ]
}

/// Expires values. `near_start`: also dates around the scenarios' virtual
/// start (2024-01-01T00:00:00Z), which only subjects with a virtual clock
/// can be compared on; otherwise only dates far from any plausible "now".
pub fn expires_value(near_start: bool) -> impl Strategy<Value = String> {
    let mut dates = vec![
        "Fri, 01 Jan 2100 00:00:00 GMT",
        "Thu, 01 Jan 1970 00:00:00 GMT",
        "Sat, 01 Jan 2000 00:00:00 GMT",
        "Wed, 01-Jan-2070 00:00:00 GMT",
        "1 Jan 2100 00:00:00",
        "Fri, 01 Jan 99 00:00:00 GMT",
        "Mon, 01 Jan 1600 00:00:00 GMT",
        "Sun, 31 Dec 9999 23:59:59 GMT",
        "Wed, 31 Feb 2100 00:00:00 GMT",
        "Fri, 01 Jan 2100 24:00:00 GMT",
        "tomorrow",
        "",
    ];
    if near_start {
        dates.extend([
            "Mon, 01 Jan 2024 00:00:01 GMT",
            "Mon, 01 Jan 2024 00:01:00 GMT",
            "Sun, 31 Dec 2023 23:59:59 GMT",
            "Tue, 02 Jan 2024 00:00:00 GMT",
        ]);
    }
    proptest::sample::select(dates).prop_map(str::to_string)
}

/// Max-Age values: zero, negative, long and malformed ones. `short`: also
/// the lifetimes time steps advance around (1 s, 60 s, `+1`), which only
/// subjects with a virtual clock can be compared on: a subject on the wall
/// clock (a browser restarting for a session end) may outlive them
/// between two steps of one scenario.
pub fn max_age_value(short: bool) -> impl Strategy<Value = String> {
    // Two whole lists rather than one filtered list: `select` draws by
    // index, and keeping the clocked list as it was keeps every existing
    // seed replaying the same scenarios.
    let values = if short {
        vec![
            "60",
            "0",
            "-1",
            "1",
            "3600",
            "+1",
            "1a",
            "",
            "99999999999999999999",
            "-0",
        ]
    } else {
        vec![
            "0",
            "-1",
            "3600",
            "+3600",
            "1a",
            "",
            "99999999999999999999",
            "-0",
        ]
    };
    proptest::sample::select(values).prop_map(str::to_string)
}

/// SameSite values, valid and not.
pub fn same_site_value() -> impl Strategy<Value = String> {
    proptest::sample::select(vec!["Lax", "Strict", "None", "lax", "NONE", "bogus", ""])
        .prop_map(str::to_string)
}

/// What a line strategy draws on.
#[derive(Debug, Clone)]
pub struct LineConfig {
    /// The site whose hosts Domain attributes name.
    pub site: Site,
    /// Whether Expires dates near the virtual start and Max-Age lifetimes
    /// short enough to run out within a scenario may appear (subjects with
    /// a virtual clock).
    pub near_start_dates: bool,
    /// Whether Domain attributes may name the site's public suffix.
    pub public_suffix_domains: bool,
    /// Whether SameSite attributes may appear.
    pub same_site_attribute: bool,
    /// Whether near misses may hold CR or LF (not for subjects on real
    /// HTTP, where a header field cannot).
    pub line_breaks: bool,
}

impl LineConfig {
    /// `site`, with only dates far from any plausible "now".
    pub fn for_site(site: &Site) -> LineConfig {
        LineConfig {
            site: site.clone(),
            near_start_dates: false,
            public_suffix_domains: true,
            same_site_attribute: true,
            line_breaks: true,
        }
    }
}

/// One cookie attribute, written as `Name=value` or a bare flag.
pub fn attribute(config: &LineConfig) -> impl Strategy<Value = Vec<u8>> {
    let mut options: Vec<(u32, BoxedStrategy<String>)> = vec![
        (4, path_value().prop_map(|v| format!("Path={v}")).boxed()),
        (
            4,
            domain_value(&config.site, config.public_suffix_domains)
                .prop_map(|v| format!("Domain={v}"))
                .boxed(),
        ),
        (3, Just("Secure".to_string()).boxed()),
        (2, Just("HttpOnly".to_string()).boxed()),
        (
            2,
            max_age_value(config.near_start_dates)
                .prop_map(|v| format!("Max-Age={v}"))
                .boxed(),
        ),
        (
            2,
            expires_value(config.near_start_dates)
                .prop_map(|v| format!("Expires={v}"))
                .boxed(),
        ),
        (
            1,
            proptest::sample::select(vec!["Partitioned", "Foo=bar", "Version=1", "Comment=x"])
                .prop_map(str::to_string)
                .boxed(),
        ),
    ];
    if config.same_site_attribute {
        options.push((
            2,
            same_site_value()
                .prop_map(|v| format!("SameSite={v}"))
                .boxed(),
        ));
    }
    proptest::strategy::Union::new_weighted(options).prop_map(String::into_bytes)
}

/// A well-formed line: `name=value` and up to five attributes, `; `-separated.
pub fn well_formed_line(config: &LineConfig) -> impl Strategy<Value = Vec<u8>> {
    (
        name(),
        value(),
        proptest::collection::vec(attribute(config), 0..5),
    )
        .prop_map(|(name, value, attrs)| {
            let mut line = name;
            line.push(b'=');
            line.extend_from_slice(&value);
            for a in attrs {
                line.extend_from_slice(b"; ");
                line.extend_from_slice(&a);
            }
            line
        })
}

/// A small edit that turns a well-formed line into a near miss.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mutation {
    /// Insert these octets at this position (modulo the length).
    Insert(usize, Vec<u8>),
    /// Delete the octet at this position (modulo the length).
    Delete(usize),
    /// Upper-case everything (attribute names and values).
    UpperCase,
    /// Keep only this many octets.
    Truncate(usize),
}

impl Mutation {
    /// Applies the edit to `line`.
    pub fn apply(&self, line: &mut Vec<u8>) {
        match self {
            Mutation::Insert(at, bytes) => {
                let at = at % (line.len() + 1);
                line.splice(at..at, bytes.iter().copied());
            }
            Mutation::Delete(at) => {
                if !line.is_empty() {
                    line.remove(at % line.len());
                }
            }
            Mutation::UpperCase => line.make_ascii_uppercase(),
            Mutation::Truncate(n) => line.truncate(*n),
        }
    }
}

/// One [`Mutation`]: whitespace, separators, CTLs and non-ASCII octets in
/// odd places, deletions, case and truncation.
pub fn mutation() -> impl Strategy<Value = Mutation> {
    let inserted = proptest::sample::select(vec![
        &b" "[..],
        b"\t",
        b";",
        b"=",
        b"\"",
        b",",
        b"\x00",
        b"\x01",
        b"\x7f",
        b"\r",
        b"\xff",
        b"; Secure",
        b"; Path=/",
    ])
    .prop_map(<[u8]>::to_vec);
    prop_oneof![
        6 => (any::<usize>(), inserted).prop_map(|(at, b)| Mutation::Insert(at, b)),
        2 => any::<usize>().prop_map(Mutation::Delete),
        1 => Just(Mutation::UpperCase),
        1 => (0usize..40).prop_map(Mutation::Truncate),
    ]
}

/// A Set-Cookie line: mostly well-formed, sometimes a near miss (one to
/// three mutations of a well-formed line).
pub fn set_cookie_line(site: &Site) -> impl Strategy<Value = Vec<u8>> {
    line(&LineConfig::for_site(site))
}

/// [`set_cookie_line`] with a full [`LineConfig`].
///
/// Without `public_suffix_domains`, a near miss whose Domain attribute
/// became a public suffix (a deleted dot, a truncation, a lone `\r`: the
/// public suffix list's default rule makes every single label a suffix) is
/// replaced by the well-formed line it was made from: a jar without the
/// list cannot be compared on it ([`names_public_suffix`]). Without
/// `line_breaks`, so is a near miss holding CR or LF.
pub fn line(config: &LineConfig) -> impl Strategy<Value = Vec<u8>> {
    let public_suffix = config.public_suffix_domains;
    let line_breaks = config.line_breaks;
    prop_oneof![
        4 => well_formed_line(config),
        1 => (well_formed_line(config), proptest::collection::vec(mutation(), 1..=3)).prop_map(
            move |(line, edits)| {
                let mut mutated = line.clone();
                for e in &edits {
                    e.apply(&mut mutated);
                }
                if (!public_suffix && names_public_suffix(&mutated))
                    || (!line_breaks && crate::subject::has_line_break(&mutated))
                {
                    line
                } else {
                    mutated
                }
            }
        ),
    ]
}

/// Whether a line may set a cookie whose Domain attribute is a public
/// suffix: a Domain attribute, as written (dots trimmed) or as the model
/// parses the line under any profile, names one
/// ([`cookiecheck_model::domain::is_public_suffix`]). Such a line is judged
/// by RFC 6265bis §5.7 step 9 (RFC 6265 §5.3 step 5), which a jar without
/// the public suffix list does not apply.
pub fn names_public_suffix(line: &[u8]) -> bool {
    let suffix = |value: &[u8]| {
        let value = String::from_utf8_lossy(value).to_ascii_lowercase();
        let value = value.trim_matches('.');
        !value.is_empty() && is_public_suffix(value)
    };
    let as_written = line.split(|&b| b == b';').skip(1).any(|av| {
        let mut parts = av.splitn(2, |&b| b == b'=');
        let name = trim_wsp(parts.next().unwrap_or(&[]));
        let value = trim_wsp(parts.next().unwrap_or(&[]));
        name.eq_ignore_ascii_case(b"domain") && suffix(value)
    });
    as_written
        || ProfileId::ALL.iter().any(|&p| {
            parse_set_cookie(line, &Profile::for_id(p), b"/", 0)
                .ok()
                .and_then(|c| c.domain)
                .is_some_and(|d| suffix(&d))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mutations_edit_where_they_say() {
        let mut l = b"a=1".to_vec();
        Mutation::Insert(1, b" ".to_vec()).apply(&mut l);
        assert_eq!(l, b"a =1");
        // Positions wrap: 100 % (4 + 1) == 0 inserts at the start.
        Mutation::Insert(100, b";".to_vec()).apply(&mut l);
        assert_eq!(l, b";a =1");
        Mutation::Delete(6).apply(&mut l);
        assert_eq!(l, b"; =1", "6 % 5 == 1 deletes the `a`");
        Mutation::Truncate(2).apply(&mut l);
        assert_eq!(l, b"; ");
        Mutation::UpperCase.apply(&mut l);
        assert_eq!(l, b"; ");
    }

    #[test]
    fn public_suffix_domains_are_recognised_as_written_and_as_parsed() {
        assert!(names_public_suffix(b"a=1; Domain=com"));
        assert!(names_public_suffix(b"a=1; Domain=.co.uk."));
        // The default rule of the list: any single label is a suffix.
        assert!(names_public_suffix(b"a=1; Domain=\r"));
        assert!(names_public_suffix(b"a=1; Domain=examplecom"));
        assert!(!names_public_suffix(b"a=1; Domain=example.com"));
        assert!(!names_public_suffix(b"a=1; Domain=127.0.0.1"));
        assert!(!names_public_suffix(b"a=1; Domain="));
        assert!(!names_public_suffix(b"a=1; Path=/com"));
    }
}
