//! Converting single raw values into checked ones: byte strings, names,
//! notes, citations, profiles, URLs, contexts and expected cookies.
//! Every check pushes a typed [`LoadError`] with the value's location and
//! returns `None`, so one pass reports every problem in a file.

use super::error::{LoadError, Location};
use super::raw::{RawStep, SpannedList};
use super::raw_bytes::{RawBytes, RawPart};
use super::types::{Citation, MAX_REPEAT};
use cookiecheck_model::same_site::{Api, SiteStatus};
use cookiecheck_model::{RequestContext, RequestUri};
use std::ops::Range;
use std::path::Path;
use toml::Spanned;

/// The conversion context: the file, its text (to turn spans into lines and
/// columns) and the errors found so far.
pub(crate) struct Cx<'a> {
    pub file: &'a Path,
    pub text: &'a str,
    pub errors: Vec<LoadError>,
}

impl Cx<'_> {
    /// The location of the start of `span`.
    pub fn loc(&self, span: Range<usize>) -> Location {
        Location::at_offset(self.file, self.text, span.start)
    }

    /// Records an error and gives up on the value.
    pub fn fail<T>(&mut self, error: LoadError) -> Option<T> {
        self.errors.push(error);
        None
    }

    /// Records an error; returns `false`, for `ok &= cx.reject(…)`.
    pub fn reject(&mut self, error: LoadError) -> bool {
        self.errors.push(error);
        false
    }

    /// A required key: its value, or a `MissingKey` error at the table.
    pub fn require<'v, T>(
        &mut self,
        value: &'v Option<T>,
        key: &'static str,
        table: &'static str,
        table_span: Range<usize>,
    ) -> Option<&'v T> {
        match value {
            Some(v) => Some(v),
            None => {
                let at = self.loc(table_span);
                self.fail(LoadError::MissingKey { at, key, table })
            }
        }
    }
}

/// README "Byte strings": a string, or parts concatenated in order.
pub(crate) fn bytes(cx: &mut Cx<'_>, raw: &RawBytes) -> Option<Vec<u8>> {
    let parts = match raw {
        RawBytes::Text(s) => return Some(s.as_bytes().to_vec()),
        RawBytes::Parts(parts) => parts,
    };
    let mut out = Vec::new();
    let mut ok = true;
    for part in parts {
        match part.get_ref() {
            RawPart::Text(s) => out.extend_from_slice(s.as_bytes()),
            RawPart::Hex(hex) => match decode_hex(hex.get_ref()) {
                Some(octets) => out.extend_from_slice(&octets),
                None => {
                    let at = cx.loc(hex.span());
                    let hex = hex.get_ref().clone();
                    ok &= cx.reject(LoadError::BadHex { at, hex });
                }
            },
            RawPart::Repeat { text, count } => {
                let n = *count.get_ref();
                match usize::try_from(n) {
                    Ok(times) if n <= MAX_REPEAT => {
                        out.extend(text.get_ref().as_bytes().repeat(times))
                    }
                    _ => {
                        let at = cx.loc(count.span());
                        ok &= cx.reject(LoadError::BadRepeatCount { at, count: n });
                    }
                }
            }
            RawPart::Malformed => {
                let at = cx.loc(part.span());
                ok &= cx.reject(LoadError::BadPart { at });
            }
        }
    }
    ok.then_some(out)
}

/// Hex pairs; whitespace may separate pairs but not split one.
fn decode_hex(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    for token in text.split_ascii_whitespace() {
        if token.len() % 2 != 0 {
            return None;
        }
        for pair in token.as_bytes().chunks(2) {
            // Not `from_str_radix` alone: it would accept a sign ("+1").
            let digit = |b: u8| char::from(b).to_digit(16);
            let &[hi, lo] = pair else { return None };
            let (hi, lo) = (digit(hi)?, digit(lo)?);
            out.push(u8::try_from(hi * 16 + lo).ok()?);
        }
    }
    Some(out)
}

/// A kebab-case name: `[a-z0-9-]+`.
pub(crate) fn is_kebab(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The case `name`.
pub(crate) fn name(cx: &mut Cx<'_>, raw: &Spanned<String>) -> Option<String> {
    let name = raw.get_ref();
    if is_kebab(name) {
        return Some(name.clone());
    }
    let at = cx.loc(raw.span());
    cx.fail(LoadError::BadName {
        at,
        name: name.clone(),
    })
}

/// The `note`: one non-empty line.
pub(crate) fn note(cx: &mut Cx<'_>, raw: &Spanned<String>) -> Option<String> {
    let note = raw.get_ref().trim();
    if !note.is_empty() && !note.contains(['\n', '\r']) {
        return Some(note.to_string());
    }
    let at = cx.loc(raw.span());
    cx.fail(LoadError::BadNote { at })
}

/// The sources a citation may name.
const CITE_SOURCES: [&str; 5] = ["rfc6265", "rfc6265bis", "rfc2109", "layered", "seed"];

/// `cites`: non-empty, each `<source>:<section>[/<step>]`.
pub(crate) fn cites(cx: &mut Cx<'_>, raw: &SpannedList<String>) -> Option<Vec<Citation>> {
    if raw.get_ref().is_empty() {
        let at = cx.loc(raw.span());
        return cx.fail(LoadError::EmptyList { at, key: "cites" });
    }
    let mut out = Vec::new();
    for cite in raw.get_ref() {
        match citation(cite.get_ref()) {
            Ok(c) => out.push(c),
            Err(reason) => {
                let at = cx.loc(cite.span());
                let cite = cite.get_ref().clone();
                cx.errors.push(LoadError::BadCite { at, cite, reason });
            }
        }
    }
    (out.len() == raw.get_ref().len()).then_some(out)
}

/// Section and step numbers: digits separated by single dots.
fn is_dotted_number(s: &str) -> bool {
    !s.is_empty()
        && s.split('.')
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
}

fn citation(text: &str) -> Result<Citation, String> {
    let Some((source, rest)) = text.split_once(':') else {
        return Err("expected <source>:<section>[/<step>], e.g. rfc6265bis:5.7/16".to_string());
    };
    if !CITE_SOURCES.contains(&source) {
        return Err(format!(
            "unknown source `{source}`: expected one of {}",
            CITE_SOURCES.join(", ")
        ));
    }
    let (section, step) = match rest.split_once('/') {
        Some((section, step)) => (section, Some(step)),
        None => (rest, None),
    };
    if !is_dotted_number(section) {
        return Err(format!(
            "section `{section}` is not a section number such as 5.1.4 (or a seed document number such as 002)"
        ));
    }
    if let Some(step) = step {
        if !is_dotted_number(step) {
            return Err(format!("step `{step}` is not a step number such as 16"));
        }
    }
    Ok(Citation {
        source: source.to_string(),
        section: section.to_string(),
        step: step.map(str::to_string),
    })
}

/// A request URL: [`RequestUri::parse`] must accept it.
pub(crate) fn url(cx: &mut Cx<'_>, raw: &Spanned<String>) -> Option<RequestUri> {
    match RequestUri::parse(raw.get_ref()) {
        Ok(uri) => Some(uri),
        Err(e) => {
            let at = cx.loc(raw.span());
            let url = raw.get_ref().clone();
            cx.fail(LoadError::BadUrl {
                at,
                url,
                reason: e.to_string(),
            })
        }
    }
}

/// An RFC 9110 token (the method's grammar).
fn is_token(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

/// The context keys of a `set` or `get` step, with the method as written.
pub(crate) fn context(cx: &mut Cx<'_>, step: &RawStep) -> Option<(RequestContext, String)> {
    let mut ctx = RequestContext::default();
    let mut ok = true;
    if let Some(api) = &step.api {
        match api.get_ref().as_str() {
            "http" => ctx.api = Api::Http,
            "non-http" => ctx.api = Api::NonHttp,
            other => ok &= bad_value(cx, api.span(), "api", other, "\"http\" or \"non-http\""),
        }
    }
    if let Some(site) = &step.site {
        match site.get_ref().as_str() {
            "same-site" => ctx.site = SiteStatus::SameSite,
            "cross-site" => ctx.site = SiteStatus::CrossSite,
            other => {
                ok &= bad_value(
                    cx,
                    site.span(),
                    "site",
                    other,
                    "\"same-site\" or \"cross-site\"",
                )
            }
        }
    }
    if let Some(top) = &step.top_level {
        ctx.top_level = *top.get_ref();
    }
    let mut method = "GET".to_string();
    if let Some(m) = &step.method {
        if is_token(m.get_ref()) {
            method = m.get_ref().clone();
        } else {
            ok &= bad_value(
                cx,
                m.span(),
                "method",
                m.get_ref(),
                "an HTTP method token such as \"POST\"",
            );
        }
    }
    ctx.safe_method = RequestContext::is_safe_method(&method);
    ok.then_some((ctx, method))
}

/// Records a `BadValue` error; always `false` (for `ok &= …`).
pub(crate) fn bad_value(
    cx: &mut Cx<'_>,
    span: Range<usize>,
    key: &'static str,
    value: &str,
    expected: &'static str,
) -> bool {
    let at = cx.loc(span);
    cx.errors.push(LoadError::BadValue {
        at,
        key,
        value: format!("{value:?}"),
        expected,
    });
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_pairs_may_be_separated_but_not_split() {
        // README "Byte strings": whitespace between pairs is ignored.
        assert_eq!(decode_hex("ff 00 7f"), Some(vec![0xff, 0x00, 0x7f]));
        assert_eq!(decode_hex("ff007F"), Some(vec![0xff, 0x00, 0x7f]));
        assert_eq!(decode_hex(""), Some(vec![]));
        assert_eq!(decode_hex("f f"), None);
        assert_eq!(decode_hex("0g"), None);
        assert_eq!(decode_hex("+1"), None);
    }

    #[test]
    fn citations_name_a_source_a_section_and_maybe_a_step() {
        let c = citation("rfc6265bis:5.7/16").expect("valid");
        assert_eq!(
            (c.source.as_str(), c.section.as_str()),
            ("rfc6265bis", "5.7")
        );
        assert_eq!(c.step.as_deref(), Some("16"));
        assert_eq!(c.to_string(), "rfc6265bis:5.7/16");
        assert!(citation("seed:002").is_ok());
        assert!(citation("layered:4.2").is_ok());
        for bad in [
            "rfc6265bis",
            "rfc2965:1",
            "rfc6265:",
            "rfc6265:5..1",
            "rfc6265:5.1/",
            "rfc6265:5/x",
        ] {
            assert!(citation(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn names_are_lower_case_digits_and_hyphens() {
        assert!(is_kebab("max-age-0"));
        assert!(!is_kebab(""));
        assert!(!is_kebab("Max-Age"));
        assert!(!is_kebab("max_age"));
    }
}
