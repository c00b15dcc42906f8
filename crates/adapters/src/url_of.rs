//! The `url::Url` of a request URI (the model parsed the same text with the
//! same crate, so this cannot disagree with it).

use cookiecheck::subject::SubjectError;
use cookiecheck_model::RequestUri;

pub(crate) fn url_of(uri: &RequestUri) -> Result<url::Url, SubjectError> {
    url::Url::parse(uri.as_str())
        .map_err(|e| SubjectError::Protocol(format!("`{uri}` does not parse as a URL: {e}")))
}
