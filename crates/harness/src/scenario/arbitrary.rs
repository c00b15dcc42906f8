//! `impl Arbitrary for Scenario`: the scenario fuzz targets' input.
//!
//! The fuzzer's bytes pick from the same pools as the proptest strategies
//! (sites and their related hosts, paths, names, attributes), so most
//! inputs are meaningful, and one line in four is raw fuzzer bytes, so the
//! parser still sees everything.

use super::{Event, Scenario};
use crate::strategies::hosts::{Relation, Site};
use crate::vectors::DEFAULT_START;
use arbitrary::{Arbitrary, Result, Unstructured};
use cookiecheck_model::{Api, RequestContext, SiteStatus};

const PATHS: &[&str] = &["/", "/a", "/a/", "/a/b", "/ab", "/b", "/a/b/c"];
const NAMES: &[&str] = &["a", "b", "sid", "SID", "__Secure-a", "__Host-a", ""];
const VALUES: &[&str] = &["1", "2", "v", "", "\"q\"", "a b"];
const ATTRIBUTES: &[&str] = &[
    "Secure",
    "HttpOnly",
    "Max-Age=60",
    "Max-Age=0",
    "Max-Age=-1",
    "Expires=Fri, 01 Jan 2100 00:00:00 GMT",
    "Expires=Thu, 01 Jan 1970 00:00:00 GMT",
    "Expires=Mon, 01 Jan 1600 00:00:00 GMT",
    "SameSite=Lax",
    "SameSite=Strict",
    "SameSite=None",
    "Partitioned",
];
const ADVANCES: &[u64] = &[1, 59, 60, 61, 3600, 86_400, 300_000_000_000];

fn url(u: &mut Unstructured<'_>, site: &Site) -> Result<String> {
    let scheme = *u.choose(&["http", "https", "ws", "wss"])?;
    let host = u.choose(&Relation::ALL)?.host(site);
    let path = *u.choose(PATHS)?;
    Ok(format!("{scheme}://{host}{path}"))
}

fn line(u: &mut Unstructured<'_>, site: &Site) -> Result<Vec<u8>> {
    if u.ratio(1, 4)? {
        let raw: Vec<u8> = u.arbitrary()?;
        return Ok(raw.into_iter().take(256).collect());
    }
    let mut line = format!("{}={}", u.choose(NAMES)?, u.choose(VALUES)?);
    for _ in 0..u.int_in_range(0..=4)? {
        line.push_str("; ");
        match u.int_in_range(0..=2)? {
            0 => line.push_str(&format!("Path={}", u.choose(PATHS)?)),
            1 => {
                let relation = u.choose(&Relation::ALL)?;
                let dot = if u.arbitrary()? { "." } else { "" };
                line.push_str(&format!("Domain={dot}{}", relation.host(site)));
            }
            _ => line.push_str(u.choose(ATTRIBUTES)?),
        }
    }
    Ok(line.into_bytes())
}

fn context(u: &mut Unstructured<'_>) -> Result<(RequestContext, String)> {
    let method = *u.choose(&["GET", "POST"])?;
    let ctx = RequestContext {
        api: if u.ratio(1, 8)? {
            Api::NonHttp
        } else {
            Api::Http
        },
        site: if u.ratio(1, 4)? {
            SiteStatus::CrossSite
        } else {
            SiteStatus::SameSite
        },
        top_level: !u.ratio(1, 4)?,
        safe_method: method == "GET",
    };
    Ok((ctx, method.to_string()))
}

impl<'a> Arbitrary<'a> for Scenario {
    fn arbitrary(u: &mut Unstructured<'a>) -> Result<Self> {
        let sites = Site::all();
        let site = u.choose(&sites)?.clone();
        let mut events = Vec::new();
        for _ in 0..u.int_in_range(1..=12)? {
            let event = match u.int_in_range(0..=9)? {
                0..=4 => {
                    let url = url(u, &site)?;
                    let lines = (0..u.int_in_range(1..=3)?)
                        .map(|_| line(u, &site))
                        .collect::<Result<Vec<_>>>()?;
                    let (ctx, method) = context(u)?;
                    Event::Set {
                        url,
                        lines,
                        ctx,
                        method,
                    }
                }
                5..=7 => {
                    let url = url(u, &site)?;
                    let (ctx, method) = context(u)?;
                    Event::Get { url, ctx, method }
                }
                8 => Event::Advance(*u.choose(ADVANCES)?),
                _ => u
                    .choose(&[Event::EndSession, Event::Reload, Event::Store])?
                    .clone(),
            };
            events.push(event);
        }
        Ok(Scenario {
            start: DEFAULT_START,
            events,
            requires: Vec::new(),
        })
    }
}
