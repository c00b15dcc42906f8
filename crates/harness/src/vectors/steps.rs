//! Converting `[[case.step]]` tables: exactly one kind key, the keys that
//! kind allows, and the kind's own checks.

use super::error::LoadError;
use super::expect;
use super::raw::RawStep;
use super::types::Step;
use super::values::{self, Cx};
use cookiecheck_model::ProfileId;
use std::ops::Range;
use toml::Spanned;

/// The kind keys of a step, with the span of each value, in README order.
fn kinds(s: &RawStep) -> Vec<(&'static str, Range<usize>)> {
    let mut found = Vec::new();
    let mut add = |key, span: Option<Range<usize>>| {
        if let Some(span) = span {
            found.push((key, span));
        }
    };
    add("set", s.set.as_ref().map(Spanned::span));
    add("get", s.get.as_ref().map(Spanned::span));
    add("advance", s.advance.as_ref().map(Spanned::span));
    add("end-session", s.end_session.as_ref().map(Spanned::span));
    add("reload", s.reload.as_ref().map(Spanned::span));
    add("store", s.store.as_ref().map(Spanned::span));
    found
}

/// Rejects keys that belong to other step kinds; `false` if any was found.
fn only_keys(cx: &mut Cx<'_>, s: &RawStep, kind: &'static str, allowed: &[&str]) -> bool {
    let present = [
        ("lines", s.lines.as_ref().map(Spanned::span)),
        ("expect", s.expect.as_ref().map(Spanned::span)),
        ("api", s.api.as_ref().map(Spanned::span)),
        ("site", s.site.as_ref().map(Spanned::span)),
        ("top-level", s.top_level.as_ref().map(Spanned::span)),
        ("method", s.method.as_ref().map(Spanned::span)),
    ];
    let mut ok = true;
    for (key, span) in present {
        if let Some(span) = span {
            if !allowed.contains(&key) {
                let at = cx.loc(span);
                let place = format!("on a `{kind}` step");
                ok &= cx.reject(LoadError::KeyNotAllowed { at, key, place });
            }
        }
    }
    ok
}

pub(crate) fn step(
    cx: &mut Cx<'_>,
    profiles: &[ProfileId],
    raw: &Spanned<RawStep>,
) -> Option<Step> {
    let s = raw.get_ref();
    let kinds = kinds(s);
    let kind = match kinds.as_slice() {
        [(kind, _)] => *kind,
        [] => {
            let at = cx.loc(raw.span());
            let found = "none".to_string();
            return cx.fail(LoadError::StepKind { at, found });
        }
        [_, (_, second), ..] => {
            let at = cx.loc(second.clone());
            let names: Vec<String> = kinds.iter().map(|(k, _)| format!("`{k}`")).collect();
            let found = names.join(" and ");
            return cx.fail(LoadError::StepKind { at, found });
        }
    };
    match kind {
        "set" => set_step(cx, s, raw.span()),
        "get" => get_step(cx, s, profiles, raw.span()),
        other => {
            let keys_ok = only_keys(cx, s, other, &[]);
            let step = simple_step(cx, s, profiles);
            step.filter(|_| keys_ok)
        }
    }
}

fn set_step(cx: &mut Cx<'_>, s: &RawStep, span: Range<usize>) -> Option<Step> {
    let keys_ok = only_keys(
        cx,
        s,
        "set",
        &["lines", "api", "site", "top-level", "method"],
    );
    let url = s.set.as_ref().and_then(|u| values::url(cx, u));
    let ctx = values::context(cx, s);
    let lines = match cx.require(&s.lines, "lines", "a `set` step", span) {
        Some(lines) if lines.get_ref().is_empty() => {
            let at = cx.loc(lines.span());
            cx.fail(LoadError::EmptyList { at, key: "lines" })
        }
        Some(lines) => {
            let converted: Vec<Option<Vec<u8>>> = lines
                .get_ref()
                .iter()
                .map(|l| values::bytes(cx, l.get_ref()))
                .collect();
            converted.into_iter().collect::<Option<Vec<_>>>()
        }
        None => None,
    };
    let (ctx, method) = ctx?;
    keys_ok.then_some(())?;
    Some(Step::Set {
        url: url?,
        lines: lines?,
        ctx,
        method,
    })
}

fn get_step(
    cx: &mut Cx<'_>,
    s: &RawStep,
    profiles: &[ProfileId],
    span: Range<usize>,
) -> Option<Step> {
    let keys_ok = only_keys(
        cx,
        s,
        "get",
        &["expect", "api", "site", "top-level", "method"],
    );
    let url = s.get.as_ref().and_then(|u| values::url(cx, u));
    let ctx = values::context(cx, s);
    let expect = cx
        .require(&s.expect, "expect", "a `get` step", span)
        .and_then(|e| expect::per_profile(cx, e, "expect", profiles, values::bytes));
    let (ctx, method) = ctx?;
    keys_ok.then_some(())?;
    Some(Step::Get {
        url: url?,
        ctx,
        method,
        expect: expect?,
    })
}

/// `advance`, `end-session`, `reload` and `store`.
fn simple_step(cx: &mut Cx<'_>, s: &RawStep, profiles: &[ProfileId]) -> Option<Step> {
    if let Some(n) = &s.advance {
        return match u64::try_from(*n.get_ref()) {
            Ok(n) => Some(Step::Advance(n)),
            Err(_) => {
                let value = n.get_ref().to_string();
                values::bad_value(
                    cx,
                    n.span(),
                    "advance",
                    &value,
                    "a non-negative number of seconds",
                );
                None
            }
        };
    }
    if let Some(flag) = s.end_session.as_ref().or(s.reload.as_ref()) {
        let (key, step) = if s.end_session.is_some() {
            ("end-session", Step::EndSession)
        } else {
            ("reload", Step::Reload)
        };
        if *flag.get_ref() {
            return Some(step);
        }
        values::bad_value(cx, flag.span(), key, "false", "true");
        return None;
    }
    let store = s.store.as_ref()?;
    expect::per_profile(cx, store, "store", profiles, |cx, cookies| {
        expect::cookies(cx, cookies)
    })
    .map(Step::Store)
}
