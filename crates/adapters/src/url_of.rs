//! The `url::Url` of a request URI: its serialised form
//! ([`RequestUri::href`], dot segments already removed), which is what the
//! model judges and what the process protocol sends a shim.

use cookiecheck::subject::SubjectError;
use cookiecheck_model::RequestUri;

pub(crate) fn url_of(uri: &RequestUri) -> Result<url::Url, SubjectError> {
    url::Url::parse(uri.href())
        .map_err(|e| SubjectError::Protocol(format!("`{uri}` does not parse as a URL: {e}")))
}
