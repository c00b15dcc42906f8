//! The model's invariants over a whole scenario, under every profile.
//!
//! [`check_model`] plays a [`Scenario`] on a fresh [`Jar`] per profile and
//! checks, after every event:
//!
//! - the model does not panic;
//! - no expired cookie is sent, and the Cookie header lists longer paths
//!   first, then earlier creation-times (RFC 6265bis §5.8.3 step 4);
//! - at most one cookie per identity, no expired cookie stored, and the
//!   per-domain and total limits hold (`invariants::check_store`);
//! - a cookie that replaces another keeps its creation-time (bis §5.7
//!   step 23.3);
//! - a stored cookie written back as a Set-Cookie line and received again
//!   from the same URL is the same cookie;
//! - the store saved as cookies.txt and loaded back holds the same cookies,
//!   on the fields the format keeps.

use super::{Event, Scenario};
use cookiecheck_model::invariants::{check_retrieval, check_store};
use cookiecheck_model::serialize::to_set_cookie;
use cookiecheck_model::{Cookie, Jar, Profile, ProfileId, RequestUri, Rule, Time};
use std::fmt;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// A broken invariant: a bug in the model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// The profile.
    pub profile: ProfileId,
    /// The event after which the invariant failed.
    pub event: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} after event {}: {}",
            self.profile, self.event, self.message
        )
    }
}

/// Checks every invariant under every profile.
pub fn check_model(scenario: &Scenario) -> Result<(), Violation> {
    ProfileId::ALL
        .iter()
        .try_for_each(|&p| check_profile(scenario, p))
}

/// Checks every invariant under `profile`.
pub fn check_profile(scenario: &Scenario, profile: ProfileId) -> Result<(), Violation> {
    let mut jar = Jar::new(Profile::for_id(profile));
    let mut now = scenario.start;
    for (index, event) in scenario.events.iter().enumerate() {
        let fail = |message: String| Violation {
            profile,
            event: index,
            message,
        };
        let played = catch_unwind(AssertUnwindSafe(|| {
            play(&mut jar, &mut now, event).and_then(|()| check_store(&mut jar, now))
        }));
        match played {
            Ok(Ok(())) => {}
            Ok(Err(message)) => return Err(fail(message)),
            Err(payload) => {
                return Err(fail(format!(
                    "the model panicked: {}",
                    crate::play::panic_message(payload.as_ref())
                )))
            }
        }
        if let Err(message) = txt_round_trip(&mut jar, now) {
            return Err(fail(message));
        }
    }
    Ok(())
}

fn play(jar: &mut Jar, now: &mut Time, event: &Event) -> Result<(), String> {
    match event {
        Event::Set {
            url, lines, ctx, ..
        } => {
            let Ok(uri) = RequestUri::parse(url) else {
                return Ok(());
            };
            for line in lines {
                let before = jar.cookies(*now);
                let report = jar.set_cookie(&uri, line, ctx, *now);
                let Some(cookie) = &report.cookie else {
                    continue;
                };
                if report.decision == Rule::Replaced {
                    keeps_creation_time(jar.profile(), &before, cookie)?;
                }
                set_cookie_round_trip(jar.profile(), &uri, ctx, *now, cookie)?;
            }
        }
        Event::Get { url, ctx, .. } => {
            if let Ok(uri) = RequestUri::parse(url) {
                let r = jar.cookie_header(&uri, ctx, *now);
                check_retrieval(&r, *now)?;
            }
        }
        Event::Advance(s) => {
            *now = now.saturating_add(Time::try_from(*s).unwrap_or(Time::MAX));
            jar.advance_to(*now);
        }
        Event::EndSession => {
            jar.end_session();
            if let Some(c) = jar.cookies(*now).iter().find(|c| !c.persistent) {
                return Err(format!(
                    "a session cookie survived the end of the session: {c}"
                ));
            }
        }
        Event::Reload => {
            // Unrepresentable cookies make the save fail; the jar is then unchanged.
            let _ = jar.reload(*now);
        }
        Event::Store => {}
    }
    Ok(())
}

fn same_identity(profile: &Profile, a: &Cookie, b: &Cookie) -> bool {
    let names = if profile.case_insensitive_names {
        a.name.eq_ignore_ascii_case(&b.name)
    } else {
        a.name == b.name
    };
    names
        && a.domain == b.domain
        && a.path == b.path
        && (!profile.host_only_in_key || a.host_only == b.host_only)
}

fn keeps_creation_time(profile: &Profile, before: &[Cookie], new: &Cookie) -> Result<(), String> {
    match before.iter().find(|old| same_identity(profile, old, new)) {
        Some(old) if old.creation_time != new.creation_time => Err(format!(
            "{new} replaced {old} but its creation-time {} is not the old {}",
            new.creation_time, old.creation_time
        )),
        _ => Ok(()),
    }
}

fn set_cookie_round_trip(
    profile: &Profile,
    uri: &RequestUri,
    ctx: &cookiecheck_model::RequestContext,
    now: Time,
    cookie: &Cookie,
) -> Result<(), String> {
    let written = to_set_cookie(cookie);
    if profile
        .max_cookie_line
        .is_some_and(|max| written.len() > max)
    {
        // Under a whole-line limit (the Netscape rules) a cookie that fitted
        // as sent may not fit once every attribute is written out.
        return Ok(());
    }
    let mut fresh = Jar::new(profile.clone());
    // Received at the same instant (bis §5.5 caps Expires relative to
    // now); a replacement keeps an older creation-time, which a fresh jar
    // cannot know.
    let again = fresh.set_cookie(uri, &written, ctx, now);
    let same = again.cookie.as_ref().is_some_and(|c| {
        Cookie {
            creation_order: cookie.creation_order,
            creation_time: cookie.creation_time,
            last_access_time: cookie.last_access_time,
            ..c.clone()
        } == *cookie
    });
    if !same {
        return Err(format!(
            "{cookie} written as {} and received again from {} at {now} gives {:?} ({:?})",
            String::from_utf8_lossy(&written),
            uri.as_str(),
            again.cookie.map(|c| c.to_string()),
            again.decision
        ));
    }
    Ok(())
}

/// The fields cookies.txt keeps (it has no SameSite, no creation time).
fn txt_fields(c: &Cookie) -> impl Ord + fmt::Debug + '_ {
    (
        &c.name,
        &c.value,
        &c.domain,
        &c.path,
        c.host_only,
        c.secure_only,
        c.http_only,
        c.persistent,
        c.persistent.then_some(c.expiry_time),
    )
}

fn txt_round_trip(jar: &mut Jar, now: Time) -> Result<(), String> {
    let Ok(text) = jar.to_cookies_txt(now) else {
        return Ok(());
    };
    let mut loaded = Jar::from_cookies_txt(jar.profile().clone(), &text, now)
        .map_err(|e| format!("the saved cookies.txt does not load: {e}"))?;
    let original = jar.cookies(now);
    let read = loaded.cookies(now);
    let mut a: Vec<_> = original.iter().map(txt_fields).collect();
    let mut b: Vec<_> = read.iter().map(txt_fields).collect();
    a.sort();
    b.sort();
    if a != b {
        return Err(format!(
            "cookies.txt round trip changed the store:\n{}",
            String::from_utf8_lossy(&text)
        ));
    }
    Ok(())
}
