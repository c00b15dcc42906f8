//! Escaping for XML and HTML text and attribute values.

/// `text` safe inside XML or HTML text and double- or single-quoted
/// attributes: `& < > " '` as entities, and every character XML 1.0 forbids
/// (C0 controls other than tab, line feed and carriage return, U+FFFE,
/// U+FFFF) shown as `\u{..}`, so hostile cookie values can neither break
/// the markup nor make the file invalid.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {
                out.push_str(&format!("\\u{{{:x}}}", c as u32));
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn markup_and_forbidden_characters_are_escaped() {
        assert_eq!(
            escape("<a href=\"x\">&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;"
        );
        assert_eq!(escape("a\u{1}b\u{ffff}\tc"), "a\\u{1}b\\u{ffff}\tc");
        assert_eq!(escape("plain é"), "plain é");
    }
}
