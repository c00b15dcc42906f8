//! `cookie_store` (the jar of reqwest and ureq), used the way those clients
//! use it: each Set-Cookie value parsed and inserted with
//! [`CookieStore::parse`], the Cookie header joined from
//! [`CookieStore::get_request_values`] with `"; "`.
//!
//! - The jar reads the system clock: no clock injection.
//! - Its API takes `&str`: a line that is not UTF-8 is *unsupported*.
//! - The end of a session is the jar's own persistence: `serde::json::save`
//!   keeps persistent cookies only, `serde::json::load` reads them back.
//! - `with_suffix_list` loads `data/public_suffix_list.dat`, the rules file
//!   shipped inside the `psl` crate that the model uses (same version), into
//!   `publicsuffix::List`.

use crate::url_of::url_of;
use cookie_store::{CookieDomain, CookieExpiration, CookieStore};
use cookiecheck::subject::{Capabilities, StoredCookie, Subject, SubjectError};
use cookiecheck_model::{ProfileId, RequestContext, RequestUri, Time};
use std::sync::OnceLock;

/// The public suffix list bundled with the adapters (the `psl` crate's rules).
const PUBLIC_SUFFIX_LIST: &str = include_str!("../data/public_suffix_list.dat");

fn suffix_list() -> Option<publicsuffix::List> {
    static LIST: OnceLock<Option<publicsuffix::List>> = OnceLock::new();
    // The file is compiled in; `the_bundled_suffix_list_parses` checks it.
    LIST.get_or_init(|| PUBLIC_SUFFIX_LIST.parse().ok()).clone()
}

/// A `cookie_store::CookieStore`.
pub struct CookieStoreSubject {
    store: CookieStore,
    with_list: bool,
}

impl CookieStoreSubject {
    /// The jar as reqwest builds it: no public suffix list.
    pub fn without_suffix_list() -> CookieStoreSubject {
        CookieStoreSubject {
            store: CookieStore::default(),
            with_list: false,
        }
    }

    /// The jar with its `public_suffix` feature and the bundled list.
    pub fn with_suffix_list() -> CookieStoreSubject {
        CookieStoreSubject {
            store: Self::fresh(true),
            with_list: true,
        }
    }

    fn fresh(with_list: bool) -> CookieStore {
        if with_list {
            CookieStore::new_with_public_suffix(suffix_list())
        } else {
            CookieStore::default()
        }
    }
}

impl Subject for CookieStoreSubject {
    fn capabilities(&self) -> Capabilities {
        Capabilities {
            public_suffix: self.with_list,
            list_cookies: true,
            end_session: true,
            ..Capabilities::basic(ProfileId::Rfc6265)
        }
    }

    fn reset(&mut self) -> Result<(), SubjectError> {
        // Emptying the jar keeps its suffix list: building a jar clones the
        // whole list, which made every case cost milliseconds.
        self.store.clear();
        Ok(())
    }

    fn set_cookies(
        &mut self,
        url: &RequestUri,
        lines: &[Vec<u8>],
        _ctx: &RequestContext,
        _now: Time,
    ) -> Result<(), SubjectError> {
        let url = url_of(url)?;
        for line in lines {
            let text = std::str::from_utf8(line).map_err(|_| {
                SubjectError::unsupported(
                    "a Set-Cookie line that is not UTF-8 (the API takes &str)",
                )
            })?;
            // The jar's verdict (stored or why not) is not compared: only
            // what it sends and stores afterwards.
            let _ = self.store.parse(text, &url);
        }
        Ok(())
    }

    fn cookie_header(
        &mut self,
        url: &RequestUri,
        _ctx: &RequestContext,
        _now: Time,
    ) -> Result<Option<Vec<u8>>, SubjectError> {
        let url = url_of(url)?;
        let pairs: Vec<String> = self
            .store
            .get_request_values(&url)
            .map(|(name, value)| format!("{name}={value}"))
            .collect();
        Ok((!pairs.is_empty()).then(|| pairs.join("; ").into_bytes()))
    }

    fn end_session(&mut self) -> Result<(), SubjectError> {
        let mut saved = Vec::new();
        cookie_store::serde::json::save(&self.store, &mut saved)
            .map_err(|e| SubjectError::Crashed(format!("save_json: {e}")))?;
        let mut reloaded = cookie_store::serde::json::load(saved.as_slice())
            .map_err(|e| SubjectError::Crashed(format!("load_json: {e}")))?;
        if self.with_list {
            if let Some(list) = suffix_list() {
                reloaded = reloaded.with_suffix_list(list);
            }
        }
        self.store = reloaded;
        Ok(())
    }

    fn cookies(&mut self, _now: Time) -> Result<Vec<StoredCookie>, SubjectError> {
        Ok(self
            .store
            .iter_unexpired()
            .map(|c| {
                let (domain, host_only) = match &c.domain {
                    CookieDomain::HostOnly(d) => (Some(d.clone()), Some(true)),
                    CookieDomain::Suffix(d) => (Some(d.clone()), Some(false)),
                    _ => (None, None),
                };
                let expires = match &c.expires {
                    CookieExpiration::AtUtc(t) => Some(t.unix_timestamp()),
                    CookieExpiration::SessionEnd => None,
                };
                StoredCookie {
                    name: c.name().as_bytes().to_vec(),
                    value: c.value().as_bytes().to_vec(),
                    domain,
                    path: Some(String::from(&c.path).into_bytes()),
                    host_only,
                    secure: Some(c.secure().unwrap_or(false)),
                    http_only: Some(c.http_only().unwrap_or(false)),
                    same_site: None,
                    persistent: Some(c.is_persistent()),
                    expires,
                }
            })
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_suffix_list_parses_and_knows_co_uk() {
        let list = suffix_list().expect("the bundled list parses");
        let suffix = publicsuffix::Psl::suffix(&list, b"www.example.co.uk").expect("a suffix");
        assert_eq!(suffix.as_bytes(), b"co.uk");
        assert!(suffix.is_known());
    }
}
