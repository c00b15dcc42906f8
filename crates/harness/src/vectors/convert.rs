//! Converting a deserialised file into validated cases: required keys,
//! step kinds, per-profile expectations and the semantic checks of the
//! README, each failure recorded with its location.

use super::error::LoadError;
use super::expect;
use super::raw::{RawCase, RawDate, RawFile, RawHeader, RawTxt};
use super::steps::step;
use super::types::{
    Capability, Case, Citation, DateCase, Step, TxtCase, TxtExpect, VectorFile, DEFAULT_START,
};
use super::values::{self, Cx};
use cookiecheck_model::time::{parse_utc, EARLIEST, LATEST};
use cookiecheck_model::ProfileId;
use std::ops::Range;
use std::path::Path;
use toml::Spanned;

/// Converts every case of `raw`; problems are left in `cx.errors`.
pub(crate) fn file(cx: &mut Cx<'_>, raw: &RawFile, area: &str, topic: &str) -> VectorFile {
    let prefix = format!("{area}/{topic}/");
    VectorFile {
        path: cx.file.to_path_buf(),
        area: area.to_string(),
        topic: topic.to_string(),
        cases: raw
            .case
            .iter()
            .filter_map(|c| case(cx, &prefix, c))
            .collect(),
        dates: raw
            .date
            .iter()
            .filter_map(|d| date(cx, &prefix, d))
            .collect(),
        txts: raw.txt.iter().filter_map(|t| txt(cx, &prefix, t)).collect(),
    }
}

/// The keys every kind of case shares, checked.
struct Header {
    id: String,
    note: String,
    cites: Vec<Citation>,
}

fn header(
    cx: &mut Cx<'_>,
    prefix: &str,
    raw: RawHeader<'_>,
    table: &'static str,
    span: Range<usize>,
) -> Option<Header> {
    let name = cx.require(raw.name, "name", table, span.clone());
    let note = cx.require(raw.note, "note", table, span.clone());
    let cites = cx.require(raw.cites, "cites", table, span);
    let name = name.and_then(|n| values::name(cx, n));
    let note = note.and_then(|n| values::note(cx, n));
    let cites = cites.and_then(|c| values::cites(cx, c));
    Some(Header {
        id: format!("{prefix}{}", name?),
        note: note?,
        cites: cites?,
    })
}

fn case(cx: &mut Cx<'_>, prefix: &str, raw: &Spanned<RawCase>) -> Option<Case> {
    let c = raw.get_ref();
    let header = header(cx, prefix, c.header(), "[[case]]", raw.span());
    let profiles = expect::profiles(cx, c.profiles.as_ref());
    let requires = requires(cx, c);
    let start = match &c.start {
        None => Some(DEFAULT_START),
        Some(s) if (EARLIEST..=LATEST).contains(s.get_ref()) => Some(*s.get_ref()),
        Some(s) => {
            let value = s.get_ref().to_string();
            values::bad_value(
                cx,
                s.span(),
                "start",
                &value,
                "seconds since the epoch within 1601..=9999",
            );
            None
        }
    };
    let steps = match cx.require(&c.step, "step", "[[case]]", raw.span()) {
        Some(steps) if steps.get_ref().is_empty() => {
            let at = cx.loc(steps.span());
            cx.fail(LoadError::EmptyList { at, key: "step" })
        }
        Some(steps) => {
            // With a bad `profiles` list (already reported) the steps are
            // still checked, against every profile.
            let applicable = profiles.as_deref().unwrap_or(&ProfileId::ALL);
            let converted: Vec<Option<Step>> = steps
                .get_ref()
                .iter()
                .map(|s| step(cx, applicable, s))
                .collect();
            converted.into_iter().collect::<Option<Vec<Step>>>()
        }
        None => None,
    };
    let header = header?;
    Some(Case {
        id: header.id,
        note: header.note,
        cites: header.cites,
        profiles: profiles?,
        requires: requires?,
        start: start?,
        steps: steps?,
        location: cx.loc(raw.span()),
    })
}

fn requires(cx: &mut Cx<'_>, c: &RawCase) -> Option<Vec<Capability>> {
    let mut out = Vec::new();
    let mut ok = true;
    for item in c.requires.iter().flat_map(|r| r.get_ref()) {
        match Capability::from_name(item.get_ref()) {
            Some(cap) if !out.contains(&cap) => out.push(cap),
            Some(_) => {}
            None => {
                ok &= values::bad_value(
                    cx,
                    item.span(),
                    "requires",
                    item.get_ref(),
                    "\"clock\", \"public-suffix\" or \"limits\"",
                )
            }
        }
    }
    ok.then_some(out)
}

fn date(cx: &mut Cx<'_>, prefix: &str, raw: &Spanned<RawDate>) -> Option<DateCase> {
    let d = raw.get_ref();
    let header = header(cx, prefix, d.header(), "[[date]]", raw.span());
    let input = cx.require(&d.input, "input", "[[date]]", raw.span());
    let input = input.and_then(|i| values::bytes(cx, i.get_ref()));
    let expect = match cx.require(&d.expect, "expect", "[[date]]", raw.span()) {
        Some(e) if e.get_ref() == "invalid" => Some(None),
        Some(e) => match parse_utc(e.get_ref()) {
            Some(t) => Some(Some(t)),
            None => {
                let at = cx.loc(e.span());
                let text = e.get_ref().clone();
                cx.fail(LoadError::BadDate { at, text })
            }
        },
        None => None,
    };
    let header = header?;
    Some(DateCase {
        id: header.id,
        note: header.note,
        cites: header.cites,
        input: input?,
        expect: expect?,
        location: cx.loc(raw.span()),
    })
}

fn txt(cx: &mut Cx<'_>, prefix: &str, raw: &Spanned<RawTxt>) -> Option<TxtCase> {
    let t = raw.get_ref();
    let header = header(cx, prefix, t.header(), "[[txt]]", raw.span());
    let input = cx.require(&t.input, "input", "[[txt]]", raw.span());
    let input = input.and_then(|i| values::bytes(cx, i.get_ref()));
    let now = match &t.now {
        None => Some(DEFAULT_START),
        Some(n) if (EARLIEST..=LATEST).contains(n.get_ref()) => Some(*n.get_ref()),
        Some(n) => {
            let value = n.get_ref().to_string();
            values::bad_value(
                cx,
                n.span(),
                "now",
                &value,
                "seconds since the epoch within 1601..=9999",
            );
            None
        }
    };
    let expect = txt_expect(cx, t, raw.span());
    let header = header?;
    Some(TxtCase {
        id: header.id,
        note: header.note,
        cites: header.cites,
        input: input?,
        now: now?,
        expect: expect?,
        output: t.output.as_ref().map(|o| o.get_ref().as_bytes().to_vec()),
        location: cx.loc(raw.span()),
    })
}

/// Exactly one of `cookies` and `error-line`; `output` only with `cookies`.
fn txt_expect(cx: &mut Cx<'_>, t: &RawTxt, span: Range<usize>) -> Option<TxtExpect> {
    match (&t.cookies, &t.error_line) {
        (Some(_), Some(line)) => {
            let at = cx.loc(line.span());
            let message = "`cookies` and `error-line` exclude each other";
            cx.fail(LoadError::Conflict { at, message })
        }
        (None, None) => {
            let at = cx.loc(span);
            let message = "a [[txt]] case needs `cookies` or `error-line`";
            cx.fail(LoadError::Conflict { at, message })
        }
        (Some(cookies), None) => expect::cookies(cx, cookies.get_ref()).map(TxtExpect::Cookies),
        (None, Some(line)) => {
            if let Some(output) = &t.output {
                let at = cx.loc(output.span());
                let message = "`output` needs `cookies`: a rejected file produces no output";
                return cx.fail(LoadError::Conflict { at, message });
            }
            match usize::try_from(*line.get_ref()) {
                Ok(n) if n >= 1 => Some(TxtExpect::ErrorLine(n)),
                _ => {
                    let value = line.get_ref().to_string();
                    values::bad_value(
                        cx,
                        line.span(),
                        "error-line",
                        &value,
                        "a 1-based line number",
                    );
                    None
                }
            }
        }
    }
}

/// The area and topic of `path` (`<area>/<topic>.toml`, relative to the vector root).
pub(crate) fn area_topic(path: &Path) -> Option<(String, String)> {
    let mut parts = path.components().map(|c| c.as_os_str().to_str());
    let (Some(Some(area)), Some(Some(file)), None) = (parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    let topic = file.strip_suffix(".toml")?;
    (values::is_kebab(area) && values::is_kebab(topic))
        .then(|| (area.to_string(), topic.to_string()))
}
