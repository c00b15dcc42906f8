//! The `Subject` trait: the one interface every cookie jar implements.

use super::capabilities::Capabilities;
use super::error::SubjectError;
use super::views::{ParsedCookie, StoredCookie};
use cookiecheck_model::{RequestContext, RequestUri, Time};

/// A cookie jar under test. The differ drives it with the events of a
/// scenario and compares its answers with the reference model.
///
/// Every call is fallible: a subject that cannot do something returns
/// [`SubjectError::Unsupported`], which the differ counts as *unsupported*,
/// never as failed. Adapters translate between this interface and a jar's
/// API; they contain no cookie logic of their own.
///
/// `now` is the scenario's virtual time. Subjects that declare
/// [`Capabilities::clock`] use it; the others read their own clock and the
/// differ only gives them cases whose outcome does not depend on the time.
pub trait Subject: Send {
    /// What the subject claims to support (constant for its lifetime).
    fn capabilities(&self) -> Capabilities;

    /// Empties the jar and starts a new session.
    fn reset(&mut self) -> Result<(), SubjectError>;

    /// Receives the Set-Cookie field values of one response from `url`
    /// (or, when `ctx.api` is non-HTTP, `document.cookie` writes), in order.
    fn set_cookies(
        &mut self,
        url: &RequestUri,
        lines: &[Vec<u8>],
        ctx: &RequestContext,
        now: Time,
    ) -> Result<(), SubjectError>;

    /// The Cookie header the jar would send to `url` (or the
    /// `document.cookie` string); `None` means no header at all.
    fn cookie_header(
        &mut self,
        url: &RequestUri,
        ctx: &RequestContext,
        now: Time,
    ) -> Result<Option<Vec<u8>>, SubjectError>;

    /// The virtual clock moved to `now` (only called on subjects with
    /// [`Capabilities::clock`]; the default does nothing because such
    /// subjects usually take `now` on every call).
    fn advance_to(&mut self, now: Time) -> Result<(), SubjectError> {
        let _ = now;
        Ok(())
    }

    /// The session ends: non-persistent cookies go.
    fn end_session(&mut self) -> Result<(), SubjectError> {
        Err(SubjectError::unsupported("end of session"))
    }

    /// Saves the jar as a cookies.txt file and loads it back.
    fn reload(&mut self, now: Time) -> Result<(), SubjectError> {
        let _ = now;
        Err(SubjectError::unsupported("cookies.txt save and load"))
    }

    /// The unexpired cookies in the jar, in any order.
    fn cookies(&mut self, now: Time) -> Result<Vec<StoredCookie>, SubjectError> {
        let _ = now;
        Err(SubjectError::unsupported("listing stored cookies"))
    }

    /// Parser-only subjects: the reading of one Set-Cookie line, or `None`
    /// when the parser rejects the line.
    fn parse(&mut self, line: &[u8]) -> Result<Option<ParsedCookie>, SubjectError> {
        let _ = line;
        Err(SubjectError::unsupported("parsing a single line"))
    }
}

/// Builds fresh instances of one subject: the runner calls it once per
/// worker, and again after a crash or a hang.
pub type SubjectFactory = std::sync::Arc<dyn Fn() -> Box<dyn Subject> + Send + Sync>;
