//! Printing octets: cookie lines and headers are bytes, not text.

/// The bytes as a double-quoted string: printable ASCII as is, `\"`, `\\`,
/// `\t`, `\r`, `\n`, and `\xNN` for every other octet (non-ASCII included,
/// so that what is shown is exactly what was sent).
pub fn quoted(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() + 2);
    out.push('"');
    for &b in bytes {
        match b {
            b'"' => out.push_str("\\\""),
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\r' => out.push_str("\\r"),
            b'\n' => out.push_str("\\n"),
            0x20..=0x7e => out.push(char::from(b)),
            _ => out.push_str(&format!("\\x{b:02x}")),
        }
    }
    out.push('"');
    out
}

/// Like [`quoted`], but bytes longer than `max` are shortened to their first
/// `max` octets, their length and a hash, so that long values (4096-octet
/// limits) stay readable in reports and snapshots yet still tell apart.
pub fn quoted_short(bytes: &[u8], max: usize) -> String {
    if bytes.len() <= max {
        return quoted(bytes);
    }
    format!(
        "{}... ({} octets, fnv {:016x})",
        quoted(&bytes[..max]),
        bytes.len(),
        fnv1a(bytes)
    )
}

/// The 64-bit FNV-1a hash: stable across platforms and releases.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_and_non_ascii_octets_are_escaped() {
        assert_eq!(quoted(b"a=b\x00c\xff\t\"\\"), r#""a=b\x00c\xff\t\"\\""#);
    }

    #[test]
    fn long_values_are_shortened_but_distinct() {
        let a = quoted_short(&[b'a'; 100], 10);
        let b = quoted_short(&[b'a'; 101], 10);
        assert!(a.starts_with("\"aaaaaaaaaa\"... (100 octets"));
        assert_ne!(a, b);
        assert_eq!(quoted_short(b"short", 10), "\"short\"");
    }
}
