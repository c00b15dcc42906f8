//! Host names and domains: canonicalisation (RFC 6265 §5.1.2, bis §5.1.2),
//! domain-match (§5.1.3), public suffixes and the Netscape dot rule.

/// Whether `host` is an IP address literal (IPv4 dotted quad or bracketed IPv6).
pub fn is_ip_address(host: &str) -> bool {
    if host.starts_with('[') {
        return true;
    }
    host.parse::<std::net::Ipv4Addr>().is_ok()
}

/// RFC 6265 §5.1.2 / bis §5.1.2: the canonicalized host name, or `None` when
/// the host fails to canonicalise.
///
/// Steps 1 and 3 (split into labels, convert U-labels to A-labels) are UTS 46
/// ToASCII through the `idna` crate, which also lower-cases. With `strict`
/// (bis step 2 and 4) every label must be an NR-LDH label or a valid A-label:
/// STD3 rules and hyphen checks apply and a Fake A-label (`xn--` that does not
/// decode) fails. IP literals are returned as given (the URL parser already
/// normalised them). A single trailing dot, the DNS root, is kept.
pub fn canonicalize_host(host: &str, strict: bool) -> Option<String> {
    if host.is_empty() {
        return None;
    }
    if is_ip_address(host) {
        return Some(host.to_ascii_lowercase());
    }
    // The root label: "example.com." keeps its dot but is checked without it.
    let (body, root) = match host.strip_suffix('.') {
        Some(b) => (b, "."),
        None => (host, ""),
    };
    if body.is_empty() {
        return None;
    }
    let ascii = if strict {
        idna::domain_to_ascii_strict(body).ok()?
    } else {
        idna::domain_to_ascii(body).ok()?
    };
    if ascii.is_empty() || ascii.split('.').any(str::is_empty) {
        return None;
    }
    if strict && !ascii.split('.').all(is_ldh_or_a_label) {
        return None;
    }
    Some(format!("{ascii}{root}"))
}

/// bis §5.1.2 step 2: an NR-LDH label (letters, digits, hyphens; no leading or
/// trailing hyphen; no `--` in positions 3–4) or an A-label (`xn--`, already
/// verified to decode by ToASCII).
fn is_ldh_or_a_label(label: &str) -> bool {
    let b = label.as_bytes();
    if b.is_empty() || b.len() > 63 {
        return false;
    }
    if !b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-') {
        return false;
    }
    if b[0] == b'-' || b[b.len() - 1] == b'-' {
        return false;
    }
    // R-LDH labels have "--" in the third and fourth position; only A-labels may.
    if b.len() >= 4 && &b[2..4] == b"--" {
        return b.starts_with(b"xn--");
    }
    true
}

/// RFC 6265 §5.1.3 / bis §5.1.3: whether `string` domain-matches `domain`.
/// Both are expected to be canonical (lower case).
pub fn domain_match(string: &str, domain: &str) -> bool {
    // The domain string and the string are identical.
    if string == domain {
        return true;
    }
    // The domain string is a suffix of the string, the last character of the
    // string not included in the domain string is ".", and the string is a
    // host name (not an IP address).
    string.len() > domain.len()
        && string.ends_with(domain)
        && string.as_bytes()[string.len() - domain.len() - 1] == b'.'
        && !domain.is_empty()
        && !is_ip_address(string)
}

/// Whether `domain` is a public suffix (RFC 6265 §5.3 step 5, bis §5.7 step 9),
/// by the Public Suffix List compiled into the `psl` crate (ICANN and private
/// sections, with the implicit `*` rule for unlisted top-level domains).
pub fn is_public_suffix(domain: &str) -> bool {
    let d = domain.strip_suffix('.').unwrap_or(domain);
    if d.is_empty() || is_ip_address(d) {
        return false;
    }
    match psl::suffix(d.as_bytes()) {
        Some(suffix) => suffix.as_bytes() == d.as_bytes(),
        None => false,
    }
}

/// [`is_public_suffix`] without the list's implicit `*` rule: only a suffix
/// the Public Suffix List names counts (the `public-suffix-no-default-rule`
/// variant of RFC 6265 §5.3 step 5, bis §5.7 step 9).
pub fn is_listed_public_suffix(domain: &str) -> bool {
    let d = domain.strip_suffix('.').unwrap_or(domain);
    if d.is_empty() || is_ip_address(d) {
        return false;
    }
    psl::suffix(d.as_bytes()).is_some_and(|s| s.is_known() && s.as_bytes() == d.as_bytes())
}

/// bis §5.1.3's domain-match without its "the string is a host name" clause:
/// an IP address matches a dotted string suffix like a host name does (the
/// `ip-suffix-domain-match` variant).
pub fn suffix_domain_match(string: &str, domain: &str) -> bool {
    string == domain
        || (!domain.is_empty()
            && string.len() > domain.len()
            && string.ends_with(domain)
            && string.as_bytes()[string.len() - domain.len() - 1] == b'.')
}

/// The registrable domain of `domain` (bis §5.1.2's "public suffix plus the
/// label to its left"), or `domain` itself when it has none (a public
/// suffix, an IP address).
pub fn registrable_domain(domain: &str) -> &str {
    let d = domain.strip_suffix('.').unwrap_or(domain);
    if is_ip_address(d) {
        return d;
    }
    psl::domain_str(d).unwrap_or(d)
}

/// Netscape seed 002 and the original Netscape rule it summarises ("at least
/// two domain portions must be specified"): a Domain attribute, as sent, needs
/// two dots when it ends in one of the seven special top-level domains and
/// three otherwise.
pub fn netscape_enough_dots(domain_attribute: &[u8]) -> bool {
    const SPECIAL: [&[u8]; 7] = [b"com", b"edu", b"net", b"org", b"gov", b"mil", b"int"];
    let dots = domain_attribute.iter().filter(|&&b| b == b'.').count();
    let trimmed = domain_attribute
        .strip_suffix(b".")
        .unwrap_or(domain_attribute);
    let tld = trimmed.rsplit(|&b| b == b'.').next().unwrap_or(trimmed);
    let special = SPECIAL.iter().any(|s| tld.eq_ignore_ascii_case(s));
    dots >= if special { 2 } else { 3 }
}

/// RFC 6265bis §5.8.3 (note on "secure"), W3C Secure Contexts: whether a host
/// is potentially trustworthy on its own: `localhost`, `*.localhost`,
/// `127.0.0.0/8` and `[::1]`.
pub fn is_trustworthy_host(host: &str) -> bool {
    let h = host.strip_suffix('.').unwrap_or(host);
    if h == "localhost" || h.ends_with(".localhost") || h == "[::1]" {
        return true;
    }
    h.parse::<std::net::Ipv4Addr>()
        .is_ok_and(|ip| ip.octets()[0] == 127)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_hosts_are_lower_case_a_labels() {
        // §5.1.2 step 3: U-labels become A-labels.
        assert_eq!(
            canonicalize_host("Bücher.Example", true).as_deref(),
            Some("xn--bcher-kva.example")
        );
        assert_eq!(
            canonicalize_host("WWW.EXAMPLE.COM", false).as_deref(),
            Some("www.example.com")
        );
    }

    #[test]
    fn fake_a_labels_fail_canonicalisation() {
        // bis §5.1.2 step 4.
        assert_eq!(canonicalize_host("xn--zz-.example", true), None);
    }

    #[test]
    fn non_ldh_labels_fail_in_strict_mode() {
        // bis §5.1.2 step 2: "a_b" is neither an NR-LDH label nor an A-label.
        assert_eq!(canonicalize_host("a_b.example", true), None);
        assert!(canonicalize_host("a_b.example", false).is_some());
    }

    #[test]
    fn trailing_dot_is_kept() {
        assert_eq!(
            canonicalize_host("example.com.", true).as_deref(),
            Some("example.com.")
        );
    }

    #[test]
    fn domain_match_examples() {
        // §5.1.3: identical, or a suffix preceded by "." on a host name.
        assert!(domain_match("example.com", "example.com"));
        assert!(domain_match("www.example.com", "example.com"));
        assert!(!domain_match("badexample.com", "example.com"));
        assert!(!domain_match("example.com", "www.example.com"));
        assert!(!domain_match("192.168.0.1", "168.0.1"));
        assert!(domain_match("192.168.0.1", "192.168.0.1"));
    }

    #[test]
    fn public_suffixes() {
        assert!(is_public_suffix("com"));
        assert!(is_public_suffix("co.uk"));
        assert!(!is_public_suffix("example.com"));
        assert!(!is_public_suffix("example.co.uk"));
    }

    #[test]
    fn unlisted_top_level_names_are_public_suffixes_only_by_the_default_rule() {
        // The list's implicit "*" rule makes any unlisted top-level name a
        // public suffix; without it only listed names are.
        assert!(is_public_suffix("zzunlisted"));
        assert!(!is_listed_public_suffix("zzunlisted"));
        assert!(is_listed_public_suffix("com"));
        assert!(is_listed_public_suffix("co.uk"));
        assert!(!is_listed_public_suffix("example.com"));
    }

    #[test]
    fn suffix_domain_match_accepts_ip_suffixes() {
        // §5.1.3 without "the string is a host name": "168.0.1" is a suffix
        // of "192.168.0.1" preceded by ".".
        assert!(suffix_domain_match("192.168.0.1", "168.0.1"));
        assert!(!suffix_domain_match("192.168.0.1", "68.0.1"));
        assert!(suffix_domain_match("www.example.com", "example.com"));
    }

    #[test]
    fn registrable_domains() {
        // bis §5.1.2: the public suffix plus one label.
        assert_eq!(registrable_domain("a.b.example.co.uk"), "example.co.uk");
        assert_eq!(registrable_domain("www.example.com"), "example.com");
        // A public suffix has none: it stands for itself.
        assert_eq!(registrable_domain("github.io"), "github.io");
        assert_eq!(registrable_domain("192.168.0.1"), "192.168.0.1");
    }

    #[test]
    fn netscape_dot_rule() {
        // Seed 002 / original Netscape: ".example.com" has two dots under a special TLD.
        assert!(netscape_enough_dots(b".example.com"));
        assert!(!netscape_enough_dots(b"example.com"));
        assert!(!netscape_enough_dots(b".example.uk"));
        assert!(netscape_enough_dots(b".example.co.uk"));
    }

    #[test]
    fn trustworthy_hosts() {
        assert!(is_trustworthy_host("localhost"));
        assert!(is_trustworthy_host("a.localhost"));
        assert!(is_trustworthy_host("127.0.0.1"));
        assert!(is_trustworthy_host("[::1]"));
        assert!(!is_trustworthy_host("example.com"));
        assert!(!is_trustworthy_host("128.0.0.1"));
    }
}
