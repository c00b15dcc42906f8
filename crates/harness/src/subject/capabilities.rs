//! What a subject claims to support, and what a case needs.
//!
//! A case that needs a capability the subject lacks is reported as
//! *unsupported*: counted, never failed (house rule 6). The rules that derive
//! a case's needs from its steps are in [`needs`], one per [`Need`].

use crate::vectors::{Capability, Case, Step};
use cookiecheck_model::{Api, Profile, ProfileId, SiteStatus};
use std::fmt;

/// A subject's declaration, made once, up front.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Capabilities {
    /// The rule set the subject claims to follow: the model runs under this
    /// profile, and cases that do not apply to it are not applicable.
    pub profile: ProfileId,
    /// The subject takes the virtual `now` (otherwise it reads its own clock).
    pub clock: bool,
    /// The subject only parses lines ([`super::Subject::parse`]); it has no jar.
    pub parser_only: bool,
    /// The subject has a non-HTTP API (`document.cookie`).
    pub non_http: bool,
    /// The subject knows SameSite and is told each request's same-site status.
    pub same_site: bool,
    /// The subject rejects Domain attributes that are public suffixes.
    pub public_suffix: bool,
    /// The subject enforces per-domain and total limits the way the profile does.
    pub limits: bool,
    /// The subject can save to and load from cookies.txt.
    pub cookies_txt: bool,
    /// The subject can list its stored cookies.
    pub list_cookies: bool,
    /// The subject can end a session (drop non-persistent cookies).
    pub end_session: bool,
    /// The subject receives Set-Cookie lines in real HTTP/1.1 responses
    /// (from a server, over a socket), where one field value cannot hold
    /// CR or LF (RFC 9110 §5.5, RFC 9112 §5.2): a case with such a line in
    /// an HTTP `set` step needs [`Need::LineBreaks`], which such a subject
    /// lacks. In-process jars and shims receive each line as octets and
    /// keep being tested with CR and LF.
    pub real_http: bool,
    /// The URL schemes requests can be made on: a case with a step on
    /// another one needs it ([`Need::Https`], [`Need::Ws`], [`Need::Wss`]),
    /// and generated scenarios use only these.
    pub schemes: Schemes,
}

/// The request URL schemes a subject can reach (those the model accepts).
/// `http` is always reachable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Schemes {
    /// `https` URLs.
    pub https: bool,
    /// `ws` URLs (a WebSocket handshake).
    pub ws: bool,
    /// `wss` URLs.
    pub wss: bool,
}

impl Schemes {
    /// Every scheme the model accepts.
    pub const ALL: Schemes = Schemes {
        https: true,
        ws: true,
        wss: true,
    };
    /// `http` alone.
    pub const HTTP: Schemes = Schemes {
        https: false,
        ws: false,
        wss: false,
    };
    /// `http` and `https` (a browser driven by navigations).
    pub const HTTP_HTTPS: Schemes = Schemes {
        https: true,
        ws: false,
        wss: false,
    };

    /// Whether a URL with this scheme (lower case) can be reached.
    pub fn allows(&self, scheme: &str) -> bool {
        match scheme {
            "http" => true,
            "https" => self.https,
            "ws" => self.ws,
            "wss" => self.wss,
            _ => false,
        }
    }

    /// Whether a request on `url` (as written: `HTTPS://x` is https) can be
    /// reached. No allocation: fuzzer-made scenarios pass here.
    pub fn allows_url(&self, url: &str) -> bool {
        let Some((scheme, _)) = url.split_once("://") else {
            return false;
        };
        ["http", "https", "ws", "wss"]
            .into_iter()
            .any(|s| scheme.eq_ignore_ascii_case(s) && self.allows(s))
    }

    /// The names of the reachable schemes, `http` first.
    pub fn names(&self) -> Vec<&'static str> {
        ["http", "https", "ws", "wss"]
            .into_iter()
            .filter(|s| self.allows(s))
            .collect()
    }

    /// The schemes named (`http` need not be): an unknown name is an error.
    pub fn from_names<'a>(names: impl IntoIterator<Item = &'a str>) -> Result<Schemes, String> {
        let mut out = Schemes::HTTP;
        for n in names {
            match n {
                "http" => {}
                "https" => out.https = true,
                "ws" => out.ws = true,
                "wss" => out.wss = true,
                other => {
                    return Err(format!(
                        "unknown scheme `{other}` (known: http, https, ws, wss)"
                    ))
                }
            }
        }
        Ok(out)
    }
}

impl Capabilities {
    /// A jar following `profile` that can only set and get cookies over HTTP
    /// with its own clock: every other capability off.
    pub fn basic(profile: ProfileId) -> Capabilities {
        Capabilities {
            profile,
            clock: false,
            parser_only: false,
            non_http: false,
            same_site: false,
            public_suffix: false,
            limits: false,
            cookies_txt: false,
            list_cookies: false,
            end_session: false,
            real_http: false,
            schemes: Schemes::ALL,
        }
    }

    /// Everything a jar can do (the reference model as a subject): every
    /// capability on except `parser_only` and `real_http` (the model
    /// receives each line as octets).
    pub fn full(profile: ProfileId) -> Capabilities {
        Capabilities {
            clock: true,
            non_http: true,
            same_site: true,
            public_suffix: true,
            limits: true,
            cookies_txt: true,
            list_cookies: true,
            end_session: true,
            ..Capabilities::basic(profile)
        }
    }

    /// A parser-only subject following `profile`.
    pub fn parser(profile: ProfileId) -> Capabilities {
        Capabilities {
            parser_only: true,
            ..Capabilities::basic(profile)
        }
    }

    /// Whether the subject has `need`.
    pub fn has(&self, need: Need) -> bool {
        match need {
            Need::Clock => self.clock,
            Need::NonHttp => self.non_http,
            Need::SameSite => self.same_site,
            Need::PublicSuffix => self.public_suffix,
            Need::Limits => self.limits,
            Need::CookiesTxt => self.cookies_txt,
            Need::EndSession => self.end_session,
            Need::ListCookies => self.list_cookies,
            Need::LineBreaks => !self.real_http,
            Need::SetCookieLine => true,
            Need::Https => self.schemes.https,
            Need::Ws => self.schemes.ws,
            Need::Wss => self.schemes.wss,
        }
    }

    /// The capability names that are on, for reports.
    pub fn names(&self) -> Vec<&'static str> {
        let all = [
            (self.clock, "clock"),
            (self.parser_only, "parser-only"),
            (self.non_http, "non-http"),
            (self.same_site, "same-site"),
            (self.public_suffix, "public-suffix"),
            (self.limits, "limits"),
            (self.cookies_txt, "cookies-txt"),
            (self.list_cookies, "list-cookies"),
            (self.end_session, "end-session"),
            (self.real_http, "real-http"),
        ];
        all.into_iter()
            .filter(|(on, _)| *on)
            .map(|(_, n)| n)
            .collect()
    }
}

/// Something a case needs from a subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Need {
    /// An injectable clock.
    Clock,
    /// A non-HTTP API.
    NonHttp,
    /// SameSite enforcement with a request context.
    SameSite,
    /// The public suffix list.
    PublicSuffix,
    /// The profile's limits.
    Limits,
    /// cookies.txt save and load.
    CookiesTxt,
    /// Ending a session.
    EndSession,
    /// Listing stored cookies.
    ListCookies,
    /// A Set-Cookie line with CR or LF in it delivered as it is: what a
    /// subject on real HTTP cannot receive ([`Capabilities::real_http`]).
    LineBreaks,
    /// At least one Set-Cookie line (what a parser-only subject compares).
    SetCookieLine,
    /// A request on an `https` URL.
    Https,
    /// A request on a `ws` URL.
    Ws,
    /// A request on a `wss` URL.
    Wss,
}

impl Need {
    /// The stable name used in reports.
    pub fn name(self) -> &'static str {
        match self {
            Need::Clock => "clock",
            Need::NonHttp => "non-http",
            Need::SameSite => "same-site",
            Need::PublicSuffix => "public-suffix",
            Need::Limits => "limits",
            Need::CookiesTxt => "cookies-txt",
            Need::EndSession => "end-session",
            Need::ListCookies => "list-cookies",
            Need::LineBreaks => "a Set-Cookie line with CR or LF (not one HTTP header field)",
            Need::SetCookieLine => "a Set-Cookie line to parse",
            Need::Https => "https URLs",
            Need::Ws => "ws URLs",
            Need::Wss => "wss URLs",
        }
    }
}

impl fmt::Display for Need {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What `case` needs from a jar following `profile`, in [`Need`] order.
///
/// The rules, one per need:
///
/// - **clock**: the case has an `advance` step or says `requires = ["clock"]`
///   (a jar on its own clock cannot be moved forward, and an Expires date near
///   the virtual start would be judged against the real date). The differ adds
///   one more check for clockless subjects: the *clock probe* (see
///   [`crate::differ`]).
/// - **non-http**: a step has `api = "non-http"` (`document.cookie`).
/// - **same-site**: only when the profile knows SameSite (`rfc6265bis`): a
///   step is cross-site, or the case is in the `same-site` area, or a line
///   carries a SameSite attribute (bis §5.7 step 19 rejects
///   `SameSite=None` without Secure even in a same-site context). Under a
///   profile without SameSite the model ignores the attribute and the site
///   status, exactly as a jar without SameSite does, so such cases run.
/// - **public-suffix**: `requires = ["public-suffix"]`.
/// - **limits**: `requires = ["limits"]`.
/// - **cookies-txt**: a `reload` step.
/// - **end-session**: an `end-session` step.
/// - **a line with CR or LF**: an HTTP `set` step has a line holding CR
///   or LF (only subjects on [`Capabilities::real_http`] lack it; a
///   `document.cookie` write is a string and may hold them).
/// - **list-cookies**: a `store` step *and no `get` step*; otherwise a
///   subject that cannot list its cookies runs the case and the differ
///   compares only the `get` steps.
/// - **https, ws, wss URLs**: a `set` or `get` step on a URL of that scheme
///   ([`Capabilities::schemes`]).
pub fn needs(case: &Case, profile: &Profile) -> Vec<Need> {
    let mut needs = Vec::new();
    let mut push = |n: Need| {
        if !needs.contains(&n) {
            needs.push(n);
        }
    };
    if case.requires.contains(&Capability::Clock) {
        push(Need::Clock);
    }
    let mut has_get = false;
    let mut has_store = false;
    for step in &case.steps {
        match step {
            Step::Advance(_) => push(Need::Clock),
            Step::Set {
                ctx, lines, url, ..
            } => {
                push_scheme(url.scheme(), &mut push);
                if ctx.api == Api::NonHttp {
                    push(Need::NonHttp);
                } else if lines.iter().any(|l| has_line_break(l)) {
                    push(Need::LineBreaks);
                }
                if profile.same_site
                    && (ctx.site == SiteStatus::CrossSite
                        || lines.iter().any(|l| mentions_same_site(l)))
                {
                    push(Need::SameSite);
                }
            }
            Step::Get { ctx, url, .. } => {
                push_scheme(url.scheme(), &mut push);
                has_get = true;
                if ctx.api == Api::NonHttp {
                    push(Need::NonHttp);
                }
                if profile.same_site && ctx.site == SiteStatus::CrossSite {
                    push(Need::SameSite);
                }
            }
            Step::EndSession => push(Need::EndSession),
            Step::Reload => push(Need::CookiesTxt),
            Step::Store(_) => has_store = true,
        }
    }
    if profile.same_site && case.id.starts_with("same-site/") {
        push(Need::SameSite);
    }
    if case.requires.contains(&Capability::PublicSuffix) {
        push(Need::PublicSuffix);
    }
    if case.requires.contains(&Capability::Limits) {
        push(Need::Limits);
    }
    if has_store && !has_get {
        push(Need::ListCookies);
    }
    needs.sort();
    needs
}

/// The need of a request on a URL of `scheme` (none for `http`).
fn push_scheme(scheme: &str, push: &mut impl FnMut(Need)) {
    match scheme {
        "https" => push(Need::Https),
        "ws" => push(Need::Ws),
        "wss" => push(Need::Wss),
        _ => {}
    }
}

/// What `case` needs from a parser-only subject: only a line to parse.
pub fn parser_needs(case: &Case) -> Vec<Need> {
    let has_line = case
        .steps
        .iter()
        .any(|s| matches!(s, Step::Set { lines, .. } if !lines.is_empty()));
    if has_line {
        Vec::new()
    } else {
        vec![Need::SetCookieLine]
    }
}

/// Whether a line holds CR or LF, which one HTTP header field cannot.
pub fn has_line_break(line: &[u8]) -> bool {
    line.iter().any(|&b| matches!(b, b'\r' | b'\n'))
}

/// Whether a Set-Cookie line carries an attribute named SameSite (ASCII
/// case-insensitive, after a `;`).
/// (Used to keep SameSite lines away from subjects that cannot be compared on them.)
pub fn mentions_same_site(line: &[u8]) -> bool {
    line.split(|&b| b == b';').skip(1).any(|av| {
        let name = av.split(|&b| b == b'=').next().unwrap_or(&[]);
        cookiecheck_model::set_cookie::trim_wsp(name).eq_ignore_ascii_case(b"samesite")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::{Event, Scenario};
    use cookiecheck_model::RequestContext;

    /// What a scenario's case needs under RFC 6265.
    fn needs_of(s: Scenario) -> Vec<Need> {
        let case = s
            .to_case("explore/x/y", &[ProfileId::Rfc6265])
            .expect("a case");
        needs(&case, &Profile::for_id(ProfileId::Rfc6265))
    }

    #[test]
    fn a_line_break_in_an_http_line_is_what_real_http_lacks() {
        let set = |api: Api, line: &[u8]| Scenario {
            events: vec![Event::Set {
                url: "http://example.com/".into(),
                lines: vec![b"a=1".to_vec(), line.to_vec()],
                ctx: RequestContext {
                    api,
                    ..RequestContext::default()
                },
                method: "GET".into(),
            }],
            ..Scenario::default()
        };
        assert_eq!(needs_of(set(Api::Http, b"b=2\r")), vec![Need::LineBreaks]);
        assert_eq!(needs_of(set(Api::Http, b"b=\n2")), vec![Need::LineBreaks]);
        assert_eq!(needs_of(set(Api::Http, b"b=2")), vec![]);
        assert_eq!(
            needs_of(set(Api::NonHttp, b"b=2\r")),
            vec![Need::NonHttp],
            "a document.cookie write is a string"
        );
        let real = Capabilities {
            real_http: true,
            ..Capabilities::basic(ProfileId::Rfc6265)
        };
        assert!(!real.has(Need::LineBreaks));
        assert!(Capabilities::basic(ProfileId::Rfc6265).has(Need::LineBreaks));
        assert!(Capabilities::full(ProfileId::Rfc6265).has(Need::LineBreaks));
    }

    #[test]
    fn a_request_on_a_scheme_needs_it() {
        let on = |url: &str| Scenario {
            events: vec![Event::Get {
                url: url.into(),
                ctx: RequestContext::default(),
                method: "GET".into(),
            }],
            ..Scenario::default()
        };
        assert_eq!(needs_of(on("http://a.example/")), vec![]);
        assert_eq!(needs_of(on("HTTPS://a.example/")), vec![Need::Https]);
        assert_eq!(needs_of(on("ws://a.example/")), vec![Need::Ws]);
        assert_eq!(needs_of(on("wss://a.example/")), vec![Need::Wss]);
        let http_only = Capabilities {
            schemes: Schemes::HTTP,
            ..Capabilities::basic(ProfileId::Rfc6265)
        };
        assert!(!http_only.has(Need::Https) && !http_only.has(Need::Ws));
        assert!(Capabilities::basic(ProfileId::Rfc6265).has(Need::Wss));
        assert_eq!(Schemes::from_names(["https"]), Ok(Schemes::HTTP_HTTPS));
        assert!(Schemes::from_names(["ftp"]).is_err());
        assert_eq!(Schemes::HTTP_HTTPS.names(), ["http", "https"]);
        assert!(Schemes::HTTP.allows_url("HTTP://a.example/"));
        assert!(!Schemes::HTTP.allows_url("Https://a.example/"));
        assert!(!Schemes::ALL.allows_url("ftp://a.example/"));
    }
}
