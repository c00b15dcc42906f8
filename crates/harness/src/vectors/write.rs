//! Writing a [`Case`] as vector-file TOML (`vectors/README.md`), so that a
//! finding becomes a file any runner can load.
//!
//! Octet strings are written as TOML strings when they are UTF-8 without
//! control characters other than TAB, and otherwise as arrays of parts
//! (`{ hex = … }` for the other octets); runs of one octet longer than 32 are
//! written as `{ repeat = …, count = … }`. A cookie path that is not UTF-8
//! cannot be stated (the format's `path` is a string) and is left out of the
//! expected cookie, which means "not checked".

use super::types::{Case, Citation, PerProfile, Step, DEFAULT_START};
use crate::cookie_view::CookieView;
use cookiecheck_model::{Api, ProfileId, SiteStatus, Time};
use std::fmt::Write as _;

/// A TOML basic string for `s`.
pub fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn printable(c: char) -> bool {
    c == '\t' || !c.is_control()
}

/// `bytes` as a vector-file byte string (a TOML string or an array of parts).
pub fn bytes(b: &[u8]) -> String {
    if let Ok(s) = std::str::from_utf8(b) {
        if s.chars().all(printable) && !has_long_run(b) {
            return toml_string(s);
        }
    }
    let mut parts: Vec<String> = Vec::new();
    let mut text = String::new();
    let mut hex = String::new();
    let flush = |parts: &mut Vec<String>, text: &mut String, hex: &mut String| {
        if !text.is_empty() {
            parts.push(toml_string(text));
            text.clear();
        }
        if !hex.is_empty() {
            parts.push(format!("{{ hex = \"{}\" }}", hex.trim_end()));
            hex.clear();
        }
    };
    let mut i = 0;
    while i < b.len() {
        let run = b[i..].iter().take_while(|&&x| x == b[i]).count();
        if run > 32 {
            flush(&mut parts, &mut text, &mut hex);
            let unit = if b[i].is_ascii() && !b[i].is_ascii_control() {
                toml_string(&char::from(b[i]).to_string())
            } else {
                // A repeat part repeats a string; an octet that is not
                // printable ASCII is written out in hex instead.
                let mut h = String::new();
                for _ in 0..run {
                    let _ = write!(h, "{:02x}", b[i]);
                }
                parts.push(format!("{{ hex = \"{h}\" }}"));
                i += run;
                continue;
            };
            parts.push(format!("{{ repeat = {unit}, count = {run} }}"));
            i += run;
            continue;
        }
        match utf8_char_at(&b[i..]) {
            Some((c, len)) if printable(c) => {
                if !hex.is_empty() {
                    flush(&mut parts, &mut text, &mut hex);
                }
                text.push(c);
                i += len;
            }
            _ => {
                if !text.is_empty() {
                    flush(&mut parts, &mut text, &mut hex);
                }
                let _ = write!(hex, "{:02x} ", b[i]);
                i += 1;
            }
        }
    }
    flush(&mut parts, &mut text, &mut hex);
    format!("[{}]", parts.join(", "))
}

fn has_long_run(b: &[u8]) -> bool {
    let mut i = 0;
    while i < b.len() {
        let run = b[i..].iter().take_while(|&&x| x == b[i]).count();
        if run > 32 {
            return true;
        }
        i += run;
    }
    false
}

fn utf8_char_at(b: &[u8]) -> Option<(char, usize)> {
    (1..=4.min(b.len())).find_map(|len| {
        std::str::from_utf8(&b[..len])
            .ok()
            .and_then(|s| s.chars().next().map(|c| (c, len)))
    })
}

fn per_profile<T>(p: &PerProfile<T>, write: impl Fn(&T) -> String) -> String {
    match p {
        PerProfile::Same(v) => write(v),
        PerProfile::Each(map) => {
            let entries: Vec<String> = map
                .iter()
                .map(|(profile, v)| format!("{} = {}", profile.name(), write(v)))
                .collect();
            format!("{{ {} }}", entries.join(", "))
        }
    }
}

/// One expected cookie as an inline table of the vector format (the
/// fields the view states; a path that is not UTF-8 is left out).
pub fn cookie_to_toml(c: &CookieView) -> String {
    let mut fields = vec![
        format!("name = {}", bytes(&c.name)),
        format!("value = {}", bytes(&c.value)),
    ];
    if let Some(d) = &c.domain {
        fields.push(format!("domain = {}", toml_string(d)));
    }
    if let Some(p) = c.path.as_deref().and_then(|p| std::str::from_utf8(p).ok()) {
        fields.push(format!("path = {}", toml_string(p)));
    }
    let flags = [
        ("host-only", c.host_only),
        ("secure", c.secure),
        ("http-only", c.http_only),
        ("persistent", c.persistent),
    ];
    for (key, value) in flags {
        if let Some(v) = value {
            fields.push(format!("{key} = {v}"));
        }
    }
    if let Some(s) = c.same_site {
        fields.push(format!("same-site = \"{}\"", s.name()));
    }
    if let Some(e) = c.expires {
        fields.push(format!("expires = {e}"));
    }
    format!("{{ {} }}", fields.join(", "))
}

fn cookies(list: &[CookieView]) -> String {
    let items: Vec<String> = list.iter().map(cookie_to_toml).collect();
    format!("[{}]", items.join(", "))
}

/// The request-context keys of a `set` or `get` step (`api`, `site`,
/// `top-level`, `method`), one per line, only where they differ from the
/// defaults.
pub fn context_to_toml(out: &mut String, ctx: &cookiecheck_model::RequestContext, method: &str) {
    if ctx.api == Api::NonHttp {
        out.push_str("api = \"non-http\"\n");
    }
    if ctx.site == SiteStatus::CrossSite {
        out.push_str("site = \"cross-site\"\n");
    }
    if !ctx.top_level {
        out.push_str("top-level = false\n");
    }
    if method != "GET" {
        let _ = writeln!(out, "method = {}", toml_string(method));
    }
}

/// `case` as one `[[case]]` table (its `name` is the last part of its id).
pub fn case_to_toml(case: &Case) -> String {
    let mut out = String::new();
    let name = case.id.rsplit('/').next().unwrap_or(&case.id);
    let _ = writeln!(out, "[[case]]\nname = {}", toml_string(name));
    let _ = writeln!(out, "note = {}", toml_string(&case.note));
    let _ = writeln!(out, "cites = [{}]", cite_list(&case.cites));
    if case.profiles != ProfileId::ALL {
        let names: Vec<String> = case
            .profiles
            .iter()
            .map(|p| toml_string(p.name()))
            .collect();
        let _ = writeln!(out, "profiles = [{}]", names.join(", "));
    }
    if !case.requires.is_empty() {
        let names: Vec<String> = case
            .requires
            .iter()
            .map(|c| toml_string(c.name()))
            .collect();
        let _ = writeln!(out, "requires = [{}]", names.join(", "));
    }
    if case.start != DEFAULT_START {
        let _ = writeln!(out, "start = {}", case.start);
    }
    for step in &case.steps {
        out.push_str("\n[[case.step]]\n");
        match step {
            Step::Set {
                url,
                lines,
                ctx,
                method,
            } => {
                let _ = writeln!(out, "set = {}", toml_string(url.as_str()));
                let lines: Vec<String> = lines.iter().map(|l| bytes(l)).collect();
                let _ = writeln!(out, "lines = [{}]", lines.join(", "));
                context_to_toml(&mut out, ctx, method);
            }
            Step::Get {
                url,
                ctx,
                method,
                expect,
            } => {
                let _ = writeln!(out, "get = {}", toml_string(url.as_str()));
                let _ = writeln!(out, "expect = {}", per_profile(expect, |e| bytes(e)));
                context_to_toml(&mut out, ctx, method);
            }
            Step::Advance(s) => {
                let _ = writeln!(out, "advance = {s}");
            }
            Step::EndSession => out.push_str("end-session = true\n"),
            Step::Reload => out.push_str("reload = true\n"),
            Step::Store(expect) => {
                let _ = writeln!(out, "store = {}", per_profile(expect, |c| cookies(c)));
            }
        }
    }
    out
}

/// A `[[date]]` case: `input` read by the cookie-date algorithm gives
/// `expect` (`None`: invalid).
pub fn date_to_toml(
    name: &str,
    note: &str,
    cites: &[Citation],
    input: &[u8],
    expect: Option<Time>,
) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "[[date]]\nname = {}", toml_string(name));
    let _ = writeln!(out, "note = {}", toml_string(note));
    let _ = writeln!(out, "cites = [{}]", cite_list(cites));
    let _ = writeln!(out, "input = {}", bytes(input));
    let _ = writeln!(
        out,
        "expect = {}",
        toml_string(&crate::play::date_text(expect))
    );
    out
}

/// A `[[txt]]` case: the cookies.txt `input` read at `now` gives `expect`.
pub fn txt_to_toml(
    name: &str,
    note: &str,
    cites: &[Citation],
    input: &[u8],
    now: Time,
    expect: &super::TxtExpect,
) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "[[txt]]\nname = {}", toml_string(name));
    let _ = writeln!(out, "note = {}", toml_string(note));
    let _ = writeln!(out, "cites = [{}]", cite_list(cites));
    let _ = writeln!(out, "input = {}", bytes(input));
    if now != DEFAULT_START {
        let _ = writeln!(out, "now = {now}");
    }
    match expect {
        super::TxtExpect::Cookies(list) => {
            let _ = writeln!(out, "cookies = {}", cookies(list));
        }
        super::TxtExpect::ErrorLine(line) => {
            let _ = writeln!(out, "error-line = {line}");
        }
    }
    out
}

fn cite_list(cites: &[Citation]) -> String {
    cites
        .iter()
        .map(|c| toml_string(&c.to_string()))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vectors::{bundled_vectors_dir, load_file, load_tree};
    use std::path::Path;

    #[test]
    fn byte_strings_use_parts_only_when_needed() {
        assert_eq!(bytes(b"a=1"), "\"a=1\"");
        assert_eq!(bytes(b"a\x01b"), "[\"a\", { hex = \"01\" }, \"b\"]");
        assert_eq!(bytes(b"\xff"), "[{ hex = \"ff\" }]");
        let long = [b"a=".as_slice(), &[b'b'; 40]].concat();
        assert_eq!(bytes(&long), "[\"a=\", { repeat = \"b\", count = 40 }]");
    }

    /// Every bundled date and cookies.txt case, written out and loaded back,
    /// is the same case (without the writer-only `output`).
    #[test]
    fn every_bundled_date_and_txt_case_round_trips() {
        let tree = load_tree(&bundled_vectors_dir());
        for file in &tree.files {
            let path = Path::new(&file.area).join(format!("{}.toml", file.topic));
            for d in &file.dates {
                let name = d.id.rsplit('/').next().unwrap_or(&d.id);
                let text = date_to_toml(name, &d.note, &d.cites, &d.input, d.expect);
                let again = load_file(&path, &text).unwrap_or_else(|e| panic!("{e}\n{text}"));
                let mut back = again.dates[0].clone();
                back.location = d.location.clone();
                assert_eq!(&back, d, "{text}");
            }
            for t in &file.txts {
                let name = t.id.rsplit('/').next().unwrap_or(&t.id);
                let text = txt_to_toml(name, &t.note, &t.cites, &t.input, t.now, &t.expect);
                let again = load_file(&path, &text).unwrap_or_else(|e| panic!("{e}\n{text}"));
                let mut back = again.txts[0].clone();
                back.location = t.location.clone();
                back.output = t.output.clone();
                assert_eq!(&back, t, "{text}");
            }
        }
    }

    /// Every bundled scenario, written out and loaded back, is the same case.
    #[test]
    fn every_bundled_case_round_trips() {
        let tree = load_tree(&bundled_vectors_dir());
        assert!(tree.errors.is_empty());
        let mut n = 0;
        for file in &tree.files {
            for case in &file.cases {
                let text = case_to_toml(case);
                let path = Path::new(&file.area).join(format!("{}.toml", file.topic));
                let again =
                    load_file(&path, &text).unwrap_or_else(|e| panic!("{}: {e}\n{text}", case.id));
                let mut back = again.cases[0].clone();
                back.location = case.location.clone();
                assert_eq!(&back, case, "{}\n{text}", case.id);
                n += 1;
            }
        }
        assert!(n > 700, "only {n} cases");
    }
}
