//! Writing TOML values for scaffolded vectors: strings and the *bytes* of
//! `vectors/README.md` (a string when the octets are UTF-8, hex otherwise).

use std::fmt::Write as _;

/// A TOML basic string: `"` and `\` escaped, and every control character
/// TOML forbids unescaped (all but tab) as `\uXXXX`.
pub fn string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push('\t'),
            c if c.is_control() && (c as u32) < 0x80 => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// *Bytes*: a string when the octets are UTF-8, `[{ hex = "…" }]` otherwise.
pub fn bytes(b: &[u8]) -> String {
    match std::str::from_utf8(b) {
        Ok(s) => string(s),
        Err(_) => {
            let hex: Vec<String> = b.iter().map(|x| format!("{x:02x}")).collect();
            format!("[{{ hex = \"{}\" }}]", hex.join(" "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{bytes, string};

    #[test]
    fn strings_escape_what_toml_requires() {
        assert_eq!(string("a\"b\\c"), r#""a\"b\\c""#);
        assert_eq!(string("x\u{1}\u{7f}\ty"), "\"x\\u0001\\u007F\ty\"");
        assert_eq!(string("é"), "\"é\"");
    }

    #[test]
    fn non_utf8_bytes_are_hex() {
        assert_eq!(bytes(b"a=1"), "\"a=1\"");
        assert_eq!(bytes(&[0x61, 0xff]), "[{ hex = \"61 ff\" }]");
    }
}
