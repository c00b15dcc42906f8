//! Toy subjects for testing the harness itself. Not shipped: each is a
//! deliberately broken jar, built on the reference model so that the only
//! departure is the one it is built to have.

use cookiecheck::subject::{Capabilities, StoredCookie, Subject, SubjectError};
use cookiecheck::vectors::{load_file, Case};
use cookiecheck_model::profile::PathMatch;
use cookiecheck_model::{Cookie, Jar, Profile, ProfileId, RequestContext, RequestUri, Time};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

/// How a toy is broken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flaw {
    /// None: the model itself, with every capability.
    None,
    /// Matches cookie paths as plain prefixes (`/foo` matches `/foobar`).
    PrefixPathMatch,
    /// Panics when asked for a Cookie header.
    PanicsOnGet,
    /// Never answers when asked for a Cookie header.
    HangsOnGet,
    /// Orders the Cookie header by path length, then by name (not by
    /// creation-time, RFC 6265bis §5.8.3 step 4).
    #[allow(dead_code)] // only tests/explore.rs uses it; this module is in every test binary
    SortsByName,
}

/// The model as a subject, with a flaw.
pub struct Toy {
    profile: Profile,
    jar: Jar,
    flaw: Flaw,
}

impl Toy {
    /// A toy following `id`, broken as `flaw` says.
    pub fn new(id: ProfileId, flaw: Flaw) -> Toy {
        let mut profile = Profile::for_id(id);
        if flaw == Flaw::PrefixPathMatch {
            profile.path_match = PathMatch::Prefix;
        }
        Toy {
            jar: Jar::new(profile.clone()),
            profile,
            flaw,
        }
    }
}

impl Toy {
    /// The model under `id` with rule `variants` on, as a subject: a jar
    /// whose only departures are those variants.
    pub fn with_variants(id: ProfileId, variants: cookiecheck_model::Variants) -> Toy {
        let profile = Profile::for_id(id).with_variants(variants);
        Toy {
            jar: Jar::new(profile.clone()),
            profile,
            flaw: Flaw::None,
        }
    }
}

impl Subject for Toy {
    fn capabilities(&self) -> Capabilities {
        Capabilities::full(self.profile.id)
    }

    fn reset(&mut self) -> Result<(), SubjectError> {
        self.jar = Jar::new(self.profile.clone());
        Ok(())
    }

    fn set_cookies(
        &mut self,
        url: &RequestUri,
        lines: &[Vec<u8>],
        ctx: &RequestContext,
        now: Time,
    ) -> Result<(), SubjectError> {
        for line in lines {
            self.jar.set_cookie(url, line, ctx, now);
        }
        Ok(())
    }

    fn cookie_header(
        &mut self,
        url: &RequestUri,
        ctx: &RequestContext,
        now: Time,
    ) -> Result<Option<Vec<u8>>, SubjectError> {
        match self.flaw {
            Flaw::PanicsOnGet => panic!("toy jar: index out of bounds"),
            Flaw::HangsOnGet => loop {
                std::thread::sleep(Duration::from_secs(3600));
            },
            Flaw::SortsByName => {
                let r = self.jar.cookie_header(url, ctx, now);
                let header = r.header_bytes().to_vec();
                let pairs: Vec<&[u8]> = header.split(|&b| b == b';').collect();
                if header.is_empty() || pairs.len() != r.sent.len() {
                    return Ok(r.header);
                }
                let mut sent: Vec<(&Cookie, &[u8])> = r.sent.iter().zip(pairs).collect();
                sent.sort_by(|a, b| {
                    b.0.path
                        .len()
                        .cmp(&a.0.path.len())
                        .then_with(|| a.0.name.cmp(&b.0.name))
                });
                let sorted: Vec<&[u8]> = sent
                    .iter()
                    .map(|(_, p)| cookiecheck_model::set_cookie::trim_wsp(p))
                    .collect();
                Ok(Some(sorted.join(&b"; "[..])))
            }
            _ => Ok(self.jar.cookie_header(url, ctx, now).header),
        }
    }

    fn advance_to(&mut self, now: Time) -> Result<(), SubjectError> {
        self.jar.advance_to(now);
        Ok(())
    }

    fn end_session(&mut self) -> Result<(), SubjectError> {
        self.jar.end_session();
        Ok(())
    }

    fn reload(&mut self, now: Time) -> Result<(), SubjectError> {
        self.jar
            .reload(now)
            .map_err(|e| SubjectError::Crashed(e.to_string()))
    }

    fn cookies(&mut self, now: Time) -> Result<Vec<StoredCookie>, SubjectError> {
        Ok(self
            .jar
            .cookies(now)
            .into_iter()
            .map(|c| StoredCookie {
                name: c.name,
                value: c.value,
                domain: Some(c.domain),
                path: Some(c.path),
                host_only: Some(c.host_only),
                secure: Some(c.secure_only),
                http_only: Some(c.http_only),
                same_site: Some(c.same_site),
                persistent: Some(c.persistent),
                expires: c.persistent.then_some(c.expiry_time),
            })
            .collect())
    }
}

/// Cases written inline, as `toy/cases.toml`.
pub fn cases(text: &str) -> Vec<Arc<Case>> {
    let file = load_file(Path::new("toy/cases.toml"), text).expect("the toy cases load");
    file.cases.into_iter().map(Arc::new).collect()
}

/// Two cases: one on path-match (a prefix that is not a path-match), one that
/// every jar passes.
pub const PATH_CASES: &str = r#"
[[case]]
name = "prefix-is-not-a-path-match"
note = "/foo does not path-match /foobar"
cites = ["rfc6265:5.1.4"]
profiles = ["rfc6265", "rfc6265bis"]
[[case.step]]
set = "http://example.com/"
lines = ["a=1; Path=/foo"]
[[case.step]]
get = "http://example.com/foobar"
expect = ""

[[case]]
name = "root-path-everywhere"
note = "Path=/ matches every path"
cites = ["rfc6265:5.1.4"]
[[case.step]]
set = "http://example.com/"
lines = ["b=2; Path=/"]
[[case.step]]
get = "http://example.com/any/where"
expect = "b=2"
"#;
