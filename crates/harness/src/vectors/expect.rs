//! Converting profile names, expected cookies and per-profile
//! expectations (`expect` and `store` tables keyed by profile).

use super::error::LoadError;
use super::raw::{RawCookie, SpannedList};
use super::raw_bytes::RawPerProfile;
use super::types::{ExpectedCookie, PerProfile};
use super::values::{bad_value, bytes, Cx};
use cookiecheck_model::{ProfileId, SameSite};
use std::collections::BTreeMap;
use toml::Spanned;

/// A profile name.
pub(crate) fn profile(cx: &mut Cx<'_>, raw: &Spanned<String>) -> Option<ProfileId> {
    match raw.get_ref().parse::<ProfileId>() {
        Ok(p) => Some(p),
        Err(_) => {
            let at = cx.loc(raw.span());
            let name = raw.get_ref().clone();
            cx.fail(LoadError::UnknownProfile { at, name })
        }
    }
}

/// `profiles`: non-empty, known, no repeats; returned in [`ProfileId::ALL`] order.
pub(crate) fn profiles(
    cx: &mut Cx<'_>,
    raw: Option<&SpannedList<String>>,
) -> Option<Vec<ProfileId>> {
    let Some(raw) = raw else {
        return Some(ProfileId::ALL.to_vec());
    };
    if raw.get_ref().is_empty() {
        let at = cx.loc(raw.span());
        return cx.fail(LoadError::EmptyList {
            at,
            key: "profiles",
        });
    }
    let mut seen = Vec::new();
    let mut ok = true;
    for item in raw.get_ref() {
        match profile(cx, item) {
            Some(p) if seen.contains(&p) => {
                let at = cx.loc(item.span());
                let name = p.name().to_string();
                ok &= cx.reject(LoadError::DuplicateProfile { at, name });
            }
            Some(p) => seen.push(p),
            None => ok = false,
        }
    }
    seen.sort();
    ok.then_some(seen)
}

/// An expected cookie (`store` element, txt `cookies` element).
pub(crate) fn cookie(cx: &mut Cx<'_>, raw: &Spanned<RawCookie>) -> Option<ExpectedCookie> {
    let c = raw.get_ref();
    let table = "an expected cookie";
    let name = cx.require(&c.name, "name", table, raw.span());
    let value = cx.require(&c.value, "value", table, raw.span());
    let (name, value) = (name?, value?);
    let name = bytes(cx, name.get_ref());
    let value = bytes(cx, value.get_ref());
    let mut same_site = None;
    let mut ok = true;
    if let Some(s) = &c.same_site {
        match SameSite::from_name(s.get_ref()) {
            Some(v) => same_site = Some(v),
            None => {
                ok &= bad_value(
                    cx,
                    s.span(),
                    "same-site",
                    s.get_ref(),
                    "\"default\", \"none\", \"lax\" or \"strict\"",
                )
            }
        }
    }
    if let (Some(expires), Some(persistent)) = (&c.expires, &c.persistent) {
        if !*persistent.get_ref() {
            let at = cx.loc(expires.span());
            ok &= cx.reject(LoadError::Conflict {
                at,
                message: "`expires` applies to persistent cookies only, but `persistent = false`",
            });
        }
    }
    let flag = |f: &Option<Spanned<bool>>| f.as_ref().map(|v| *v.get_ref());
    let text = |f: &Option<Spanned<String>>| f.as_ref().map(|v| v.get_ref().clone());
    let cookie = ExpectedCookie {
        name: name?,
        value: value?,
        domain: text(&c.domain),
        path: text(&c.path).map(String::into_bytes),
        host_only: flag(&c.host_only),
        secure: flag(&c.secure),
        http_only: flag(&c.http_only),
        same_site,
        persistent: flag(&c.persistent),
        expires: c.expires.as_ref().map(|v| *v.get_ref()),
    };
    ok.then_some(cookie)
}

/// A list of expected cookies.
pub(crate) fn cookies(cx: &mut Cx<'_>, raw: &[Spanned<RawCookie>]) -> Option<Vec<ExpectedCookie>> {
    let converted: Vec<Option<ExpectedCookie>> = raw.iter().map(|c| cookie(cx, c)).collect();
    converted.into_iter().collect()
}

/// A value for all profiles, or a table that names exactly `applicable`.
pub(crate) fn per_profile<R, T>(
    cx: &mut Cx<'_>,
    raw: &Spanned<RawPerProfile<R>>,
    key: &'static str,
    applicable: &[ProfileId],
    convert: impl Fn(&mut Cx<'_>, &R) -> Option<T>,
) -> Option<PerProfile<T>> {
    let entries = match raw.get_ref() {
        RawPerProfile::Same(r) => return convert(cx, r).map(PerProfile::Same),
        RawPerProfile::PerProfile(entries) => entries,
    };
    let names = || {
        applicable
            .iter()
            .map(|p| p.name())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut map = BTreeMap::new();
    let mut ok = true;
    for (name, value) in entries {
        let Some(p) = profile(cx, name) else {
            ok = false;
            continue;
        };
        if !applicable.contains(&p) {
            let at = cx.loc(name.span());
            ok &= cx.reject(LoadError::ExtraProfileExpectation {
                at,
                key,
                profile: p.name().to_string(),
                applicable: names(),
            });
            continue;
        }
        match convert(cx, value.get_ref()) {
            Some(v) => {
                map.insert(p, v);
            }
            None => ok = false,
        }
    }
    for p in applicable {
        let named = entries.iter().any(|(n, _)| n.get_ref() == p.name());
        if !named {
            let at = cx.loc(raw.span());
            ok &= cx.reject(LoadError::MissingProfileExpectation {
                at,
                key,
                profile: p.name().to_string(),
                applicable: names(),
            });
        }
    }
    ok.then_some(PerProfile::Each(map))
}
