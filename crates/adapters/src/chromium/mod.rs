//! Chromium as a subject: Debian's `chromium` driven headless over the
//! Chrome DevTools Protocol, against a test server cookiecheck starts on
//! 127.0.0.1. Everything stays on the loopback interface.
//!
//! | file | what |
//! |---|---|
//! | [`launcher`] | finding the binary; the switches; the browser process |
//! | `cdp` | the synchronous DevTools client (why hand-written: see there) |
//! | `tls` | the self-signed certificate and its SPKI pin |
//! | `server` | the proxy that is also the origin of every test URL |
//! | `pool` | idle browsers reused by the next subject; the launcher thread |
//! | `session` | one browser, its server and its page: navigate, evaluate, see requests |
//! | `contexts` | cross-site requests and documents, made from a page on another site |
//! | `subject` | [`ChromiumSubject`]: steps as navigations and `document.cookie` |

mod cdp;
mod contexts;
pub mod launcher;
mod pool;
mod server;
mod session;
mod subject;
mod tls;

pub use launcher::{find_binary, BINARY_ENV};
pub use subject::ChromiumSubject;
