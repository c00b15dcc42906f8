//! Host names, and hosts related to a site.

use proptest::prelude::*;

/// A site: a registrable domain and the public suffix it sits under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    /// The registrable domain (`example.com`), ASCII or Unicode.
    pub registrable: String,
    /// Its public suffix (`com`).
    pub suffix: String,
}

impl Site {
    fn new(registrable: &str, suffix: &str) -> Site {
        Site {
            registrable: registrable.to_string(),
            suffix: suffix.to_string(),
        }
    }

    /// `example.com` under `com`: the site strategies default to.
    pub fn example() -> Site {
        Site::new("example.com", "com")
    }

    /// The loopback "site": IP-address and `localhost` hosts, where the
    /// rules about IP addresses (§5.1.3: no suffix match; Domain equal to
    /// an IP host) and potentially trustworthy hosts come into play.
    pub fn loopback() -> Site {
        Site::new("127.0.0.1", "")
    }

    /// Whether this is the [`Site::loopback`] site, whose hosts are IP
    /// addresses rather than names under a registrable domain.
    pub fn is_ip(&self) -> bool {
        self.suffix.is_empty()
    }

    /// The sites [`site`] picks from: a plain `.com` site, one under a
    /// two-label suffix, one under a private-section suffix, an IDN, and
    /// the loopback addresses.
    pub fn all() -> Vec<Site> {
        vec![
            Site::example(),
            Site::new("example.co.uk", "co.uk"),
            Site::new("foo.github.io", "github.io"),
            Site::new("bücher.example", "example"),
            Site::loopback(),
        ]
    }
}

/// One of [`Site::all`], shrinking towards `example.com`.
pub fn site() -> impl Strategy<Value = Site> {
    proptest::sample::select(Site::all())
}

/// How a host relates to a site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Relation {
    /// The registrable domain itself.
    Apex,
    /// `www.` below it.
    Www,
    /// Two labels below it (`a.www.`).
    Child,
    /// Another name one label below it (`other.`).
    Sibling,
    /// The public suffix.
    Suffix,
    /// A different site under the same suffix.
    Unrelated,
}

impl Relation {
    /// Every relation, simplest first.
    pub const ALL: [Relation; 6] = [
        Relation::Apex,
        Relation::Www,
        Relation::Child,
        Relation::Sibling,
        Relation::Suffix,
        Relation::Unrelated,
    ];

    /// The host for `site`. On the [`Site::loopback`] site the relations
    /// name IP hosts: the address itself, `localhost`, the IPv6 loopback,
    /// another loopback address, a private address and a public one (the
    /// names do not nest there).
    pub fn host(self, site: &Site) -> String {
        let r = &site.registrable;
        if site.is_ip() {
            return match self {
                Relation::Apex => r.clone(),
                Relation::Www => "localhost".to_string(),
                Relation::Child => "[::1]".to_string(),
                Relation::Sibling => "127.0.0.2".to_string(),
                Relation::Suffix => "192.168.0.1".to_string(),
                Relation::Unrelated => "203.0.113.7".to_string(),
            };
        }
        match self {
            Relation::Apex => r.clone(),
            Relation::Www => format!("www.{r}"),
            Relation::Child => format!("a.www.{r}"),
            Relation::Sibling => format!("other.{r}"),
            Relation::Suffix => site.suffix.clone(),
            Relation::Unrelated => format!("unrelated.{}", site.suffix),
        }
    }
}

/// How a host name is spelled, beyond its labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Spelling {
    /// As is.
    Plain,
    /// Upper-cased.
    Upper,
    /// With a trailing dot.
    TrailingDot,
    /// Unicode labels as their A-labels (punycode).
    Punycode,
}

impl Spelling {
    /// `host` spelled this way.
    pub fn apply(self, host: &str) -> String {
        match self {
            Spelling::Plain => host.to_string(),
            Spelling::Upper => host.to_uppercase(),
            // An IPv6 literal has no trailing-dot spelling.
            Spelling::TrailingDot if host.starts_with('[') => host.to_string(),
            Spelling::TrailingDot => format!("{host}."),
            Spelling::Punycode => idna::domain_to_ascii(host).unwrap_or_else(|_| host.to_string()),
        }
    }
}

/// A host related to `site` ([`Relation`]), mostly spelled plainly.
pub fn related_host(site: &Site) -> impl Strategy<Value = String> {
    let site = site.clone();
    (proptest::sample::select(Relation::ALL.to_vec()), spelling())
        .prop_map(move |(relation, spelling)| spelling.apply(&relation.host(&site)))
}

/// The host in `relation` to `site`, mostly spelled plainly.
pub fn related_host_as(site: &Site, relation: Relation) -> impl Strategy<Value = String> {
    let host = relation.host(site);
    spelling().prop_map(move |spelling| spelling.apply(&host))
}

fn spelling() -> impl Strategy<Value = Spelling> {
    prop_oneof![
        8 => Just(Spelling::Plain),
        1 => Just(Spelling::Upper),
        1 => Just(Spelling::TrailingDot),
        1 => Just(Spelling::Punycode),
    ]
}

/// IP literals as they appear in URLs.
pub fn ip_literal() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("127.0.0.1".to_string()),
        Just("192.168.0.1".to_string()),
        Just("[::1]".to_string()),
        Just("[2001:db8::1]".to_string()),
        (0u8..=255, 0u8..=255).prop_map(|(a, b)| format!("10.0.{a}.{b}")),
    ]
}

/// A realistic DNS label: lower-case letters and digits, sometimes a hyphen.
pub fn label() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("a".to_string()),
        "[a-z][a-z0-9]{0,9}",
        "[a-z][a-z0-9-]{0,6}[a-z0-9]",
    ]
}

/// Any host a request may go to: a host related to one of [`Site::all`], an
/// IP literal, `localhost`, or a made-up name of 1 to 4 labels.
pub fn host() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => site().prop_flat_map(|s| related_host(&s)),
        1 => ip_literal(),
        1 => Just("localhost".to_string()),
        2 => proptest::collection::vec(label(), 1..=4).prop_map(|labels| labels.join(".")),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::test_runner::TestRunner;

    #[test]
    fn relations_spell_the_expected_hosts() {
        let s = Site::example();
        let hosts: Vec<String> = Relation::ALL.iter().map(|r| r.host(&s)).collect();
        assert_eq!(
            hosts,
            [
                "example.com",
                "www.example.com",
                "a.www.example.com",
                "other.example.com",
                "com",
                "unrelated.com"
            ]
        );
        assert_eq!(
            Spelling::Punycode.apply("bücher.example"),
            "xn--bcher-kva.example"
        );
        assert_eq!(Spelling::TrailingDot.apply("a.b"), "a.b.");
        let ip: Vec<String> = Relation::ALL
            .iter()
            .map(|r| r.host(&Site::loopback()))
            .collect();
        assert_eq!(
            ip,
            [
                "127.0.0.1",
                "localhost",
                "[::1]",
                "127.0.0.2",
                "192.168.0.1",
                "203.0.113.7"
            ]
        );
    }

    #[test]
    fn every_related_host_is_a_valid_url_host() {
        for site in Site::all() {
            for r in Relation::ALL {
                for spelling in [
                    Spelling::Plain,
                    Spelling::Upper,
                    Spelling::TrailingDot,
                    Spelling::Punycode,
                ] {
                    let url = format!("http://{}/", spelling.apply(&r.host(&site)));
                    assert!(cookiecheck_model::RequestUri::parse(&url).is_ok(), "{url}");
                }
            }
        }
    }

    #[test]
    fn every_host_is_a_valid_url_host() {
        let mut runner = TestRunner::deterministic();
        runner
            .run(&host(), |h| {
                let url = format!("http://{h}/");
                prop_assert!(cookiecheck_model::RequestUri::parse(&url).is_ok(), "{url}");
                Ok(())
            })
            .expect("hosts parse as URL hosts");
    }
}
