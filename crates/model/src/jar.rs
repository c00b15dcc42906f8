//! The model's public face: a cookie jar that follows one profile.

use crate::cookie::Cookie;
use crate::cookies_txt::{self, TxtError, TxtWriteError};
use crate::outcome::{Evicted, Retrieval, StoreReport};
use crate::profile::Profile;
use crate::retrieval::{retrieve, retrieve_header};
use crate::rule::Rule;
use crate::same_site::RequestContext;
use crate::storage::{expire, receive};
use crate::store::Store;
use crate::time::Time;
use crate::uri::RequestUri;
use crate::variant::Variant;

/// A reference cookie jar: a store plus the profile whose rules it follows.
/// It has no clock: every operation takes `now`.
#[derive(Debug, Clone)]
pub struct Jar {
    profile: Profile,
    store: Store,
}

impl Jar {
    /// An empty jar following `profile`.
    pub fn new(profile: Profile) -> Jar {
        Jar {
            profile,
            store: Store::new(),
        }
    }

    /// The profile.
    pub fn profile(&self) -> &Profile {
        &self.profile
    }

    /// The store (read-only).
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Receives one Set-Cookie field value (or, with a non-HTTP context, one
    /// `document.cookie` write) from `uri` at `now`, and reports the decision.
    pub fn set_cookie(
        &mut self,
        uri: &RequestUri,
        line: &[u8],
        ctx: &RequestContext,
        now: Time,
    ) -> StoreReport {
        receive(&mut self.store, &self.profile, uri, line, ctx, now)
    }

    /// The Cookie header (or `document.cookie` string) for `uri` in `ctx` at
    /// `now`, with the cookies sent and those withheld and why.
    pub fn cookie_header(
        &mut self,
        uri: &RequestUri,
        ctx: &RequestContext,
        now: Time,
    ) -> Retrieval {
        retrieve(&mut self.store, &self.profile, uri, ctx, now)
    }

    /// The cookie-string alone: exactly [`Jar::cookie_header`]'s `header`,
    /// with the same effects on the jar, without the copies of the cookies
    /// sent, withheld and evicted that explanations need (for callers that
    /// only compare headers, such as property tests and fuzzing).
    pub fn cookie_string(
        &mut self,
        uri: &RequestUri,
        ctx: &RequestContext,
        now: Time,
    ) -> Option<Vec<u8>> {
        retrieve_header(&mut self.store, &self.profile, uri, ctx, now)
    }

    /// Lets time pass: evicts the cookies that have expired by `now`.
    pub fn advance_to(&mut self, now: Time) -> Vec<Evicted> {
        expire(&mut self.store, &self.profile, now)
    }

    /// "The current session is over": removes non-persistent cookies.
    ///
    /// Under `store-order-grouped` the jar saves its persistent cookies in
    /// walk order and loads them into fresh maps: the survivors keep their
    /// order and the other slots are gone (a jar that clears its session
    /// cookies in place, as `equal-paths-grouped-by-domain`'s does, keeps
    /// its domain and path slots).
    pub fn end_session(&mut self) -> Vec<Evicted> {
        let ended = self
            .store
            .remove_where(|c| !c.persistent)
            .into_iter()
            .map(|cookie| Evicted {
                cookie,
                rule: Rule::SessionEnded,
            })
            .collect();
        // secure-added-on-save: the saved copy says Secure.
        if self.profile.has(Variant::SecureAddedOnSave) {
            for c in self.store.iter_mut().filter(|c| c.secure_on_save) {
                c.secure_only = true;
            }
        }
        if self.profile.has(Variant::StoreOrderGrouped) {
            self.store.rebuild_slots(&self.profile);
        }
        ended
    }

    /// The unexpired cookies at `now`, in creation order.
    pub fn cookies(&mut self, now: Time) -> Vec<Cookie> {
        expire(&mut self.store, &self.profile, now);
        let mut all: Vec<Cookie> = self.store.iter().cloned().collect();
        all.sort_by_key(|c| c.creation_order);
        all
    }

    /// The number of cookies stored (expired ones included until the next
    /// operation sweeps them).
    pub fn len(&self) -> usize {
        self.store.len()
    }

    /// Whether the jar holds no cookie.
    pub fn is_empty(&self) -> bool {
        self.store.is_empty()
    }

    /// Writes the unexpired cookies at `now` as a Netscape cookies.txt file.
    pub fn to_cookies_txt(&mut self, now: Time) -> Result<Vec<u8>, TxtWriteError> {
        cookies_txt::write(&self.cookies(now))
    }

    /// Reads a cookies.txt file into a new jar following `profile`, as at
    /// `now` (creation and last-access times are `now`, in file order).
    pub fn from_cookies_txt(profile: Profile, text: &[u8], now: Time) -> Result<Jar, TxtError> {
        let mut jar = Jar::new(profile);
        for mut cookie in cookies_txt::read(text, now)? {
            cookie.creation_order = jar.store.take_order();
            if let Some(i) = crate::storage::find_identity(&jar.store, &jar.profile, &cookie) {
                let domain = cookie.domain.clone();
                jar.store.remove(&domain, i);
            }
            jar.store.insert(cookie);
        }
        expire(&mut jar.store, &jar.profile, now);
        Ok(jar)
    }

    /// Saves to cookies.txt and loads the result back, as a browser restart
    /// that keeps session cookies would.
    pub fn reload(&mut self, now: Time) -> Result<(), TxtWriteError> {
        let text = self.to_cookies_txt(now)?;
        let mut reloaded = Jar::from_cookies_txt(self.profile.clone(), &text, now)
            .map_err(|e| TxtWriteError::Unreadable(e.to_string()))?;
        // A jar of nested maps writes its file in walk order and loads it
        // into fresh maps: the survivors keep their walk order.
        if crate::slots::walks(&self.profile) {
            reloaded.store.slots = std::mem::take(&mut self.store.slots);
            reloaded.store.rebuild_slots(&self.profile);
        }
        *self = reloaded;
        Ok(())
    }
}

impl Default for Jar {
    fn default() -> Self {
        Jar::new(Profile::default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::same_site::{Api, SiteStatus};

    /// Requests that exercise every exclusion and the abort: other hosts and
    /// paths, http vs https, non-HTTP and cross-site contexts, a host that
    /// fails strict canonicalisation.
    fn requests() -> Vec<(RequestUri, RequestContext)> {
        let urls = [
            "https://www.example.com/a/b",
            "http://www.example.com/a/b",
            "https://example.com/",
            "https://other.example.com/a",
            "http://a_b.example.com/",
            "https://unrelated.test/",
        ];
        let contexts = [
            RequestContext::default(),
            RequestContext {
                api: Api::NonHttp,
                ..RequestContext::default()
            },
            RequestContext {
                site: SiteStatus::CrossSite,
                top_level: false,
                ..RequestContext::default()
            },
        ];
        let mut all = Vec::new();
        for u in urls {
            for ctx in &contexts {
                all.push((RequestUri::parse(u).expect("valid URL"), *ctx));
            }
        }
        all
    }

    #[test]
    fn cookie_string_is_cookie_header_s_header_with_the_same_effects() {
        let lines: [(&str, &str); 8] = [
            ("https://www.example.com/a/b", "a=1; Path=/"),
            ("https://www.example.com/a/b", "a=2; Path=/a"),
            (
                "https://www.example.com/a/b",
                "A=3; Path=/a/b; Domain=example.com",
            ),
            ("https://www.example.com/", "s=1; Secure; HttpOnly"),
            (
                "https://www.example.com/",
                "l=1; SameSite=Lax; Domain=example.com",
            ),
            ("https://www.example.com/", "n=1; SameSite=None; Secure"),
            ("https://www.example.com/", "short=1; Max-Age=5"),
            ("https://www.example.com/", "nameless"),
        ];
        for profile in [
            Profile::rfc6265(),
            Profile::rfc6265bis(),
            Profile::netscape(),
        ] {
            let mut full = Jar::new(profile.clone());
            for (u, line) in lines {
                let uri = RequestUri::parse(u).expect("valid URL");
                full.set_cookie(&uri, line.as_bytes(), &RequestContext::default(), 0);
            }
            let mut lean = full.clone();
            let (mut some, mut none) = (0, 0);
            // Times before and after the Max-Age=5 cookie expires.
            for (step, (uri, ctx)) in requests().iter().enumerate() {
                let now = step as Time;
                let header = full.cookie_header(uri, ctx, now).header;
                assert_eq!(lean.cookie_string(uri, ctx, now), header, "{uri} {ctx:?}");
                assert_eq!(lean.cookies(now), full.cookies(now), "{uri} {ctx:?}");
                if header.is_some() {
                    some += 1;
                } else {
                    none += 1;
                }
            }
            // Both outcomes occur, so the comparison is not vacuous.
            assert!(some > 0 && none > 0, "{some} headers, {none} without");
        }
    }
}
