//! libcurl's cookie engine through the `curl` crate, driven by real HTTP
//! requests to a small HTTP/1.1 server that each subject instance starts on
//! `127.0.0.1` (an ephemeral port). No outside network is ever used.
//!
//! - The engine is enabled with `CURLOPT_COOKIEFILE ""` on one `Easy2`
//!   handle per jar; [`Subject::reset`] builds a new handle.
//! - Every request keeps the scenario's URL (host, port, path), so the
//!   cookie engine sees the test host; `CURLOPT_CONNECT_TO "::127.0.0.1:PORT"`
//!   sends every connection to the local server whatever the host and port
//!   (the same redirection `CURLOPT_RESOLVE` gives for names, extended to
//!   ports and IP literals). Proxies from the environment are disabled.
//! - A `set` step is a GET whose response carries the step's Set-Cookie
//!   lines as raw header bytes; a `get` step is a GET whose response body
//!   echoes the Cookie header fields the server received (raw bytes).
//! - The URL handed to libcurl is the `url` crate's serialisation of the
//!   scenario URL (the model's parse: A-labels, lower-case host), because the
//!   bundled libcurl is built without an IDN library.
//! - The bundled libcurl (curl-sys `static-curl`) has no TLS backend and
//!   the server speaks no WebSocket: `https`, `ws` and `wss` URLs are
//!   *unsupported*, so Secure cookies are only checked on the insecure side.
//! - A line containing CR, LF or NUL cannot travel as one HTTP/1.1 header
//!   field (CR and LF split it; libcurl rejects a response with a NUL in a
//!   header): *unsupported*.
//! - libcurl reads the system clock: no clock injection. No public suffix
//!   list (the bundled build has no libpsl), no per-domain limits.
//! - Listing is `CURLINFO_COOKIELIST` (Netscape cookies.txt lines); the end
//!   of a session is `CURLOPT_COOKIELIST "SESS"`; a reload writes the jar
//!   with `CURLOPT_COOKIEJAR` + `"FLUSH"` and reads the file into a new
//!   handle with `CURLOPT_COOKIEFILE` + `"RELOAD"`.

use crate::url_of::url_of;
use cookiecheck::subject::{Capabilities, Schemes, StoredCookie, Subject, SubjectError};
use cookiecheck_model::{ProfileId, RequestContext, RequestUri, Time};
use curl::easy::{Easy2, Handler, List, WriteError};
use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

/// Collects a response body.
#[derive(Default)]
struct Body(Vec<u8>);

impl Handler for Body {
    fn write(&mut self, data: &[u8]) -> Result<usize, WriteError> {
        self.0.extend_from_slice(data);
        Ok(data.len())
    }
}

/// The local HTTP server: answers every request with the pending Set-Cookie
/// lines (then clears them) and a body echoing the request's Cookie fields,
/// each followed by LF.
struct Server {
    port: u16,
    pending: Arc<Mutex<Vec<Vec<u8>>>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    fn start() -> std::io::Result<Server> {
        let listener = TcpListener::bind(("127.0.0.1", 0))?;
        let port = listener.local_addr()?.port();
        let pending = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (p, s) = (pending.clone(), stop.clone());
        let thread = std::thread::Builder::new()
            .name("cookiecheck-curl-server".into())
            .spawn(move || {
                for stream in listener.incoming() {
                    if s.load(Ordering::SeqCst) {
                        break;
                    }
                    if let Ok(stream) = stream {
                        // A broken connection only fails that request;
                        // the client sees the error.
                        let _ = serve(stream, &p);
                    }
                }
            })?;
        Ok(Server {
            port,
            pending,
            stop,
            thread: Some(thread),
        })
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so that it sees the flag.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// One request, one response, then the connection closes.
fn serve(mut stream: TcpStream, pending: &Mutex<Vec<Vec<u8>>>) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    let mut head = Vec::new();
    let mut buf = [0u8; 8192];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut buf)?;
        if n == 0 {
            return Ok(());
        }
        head.extend_from_slice(&buf[..n]);
    }
    let end = head.windows(4).position(|w| w == b"\r\n\r\n").unwrap_or(0);
    let mut body = Vec::new();
    for field in head[..end].split(|&b| b == b'\n').skip(1) {
        let field = field.strip_suffix(b"\r").unwrap_or(field);
        let Some(colon) = field.iter().position(|&b| b == b':') else {
            continue;
        };
        if field[..colon].eq_ignore_ascii_case(b"cookie") {
            let value = &field[colon + 1..];
            let start = value
                .iter()
                .position(|&b| b != b' ' && b != b'\t')
                .unwrap_or(value.len());
            body.extend_from_slice(&value[start..]);
            body.push(b'\n');
        }
    }
    let lines = std::mem::take(&mut *pending.lock().unwrap_or_else(|e| e.into_inner()));
    let mut response = b"HTTP/1.1 200 OK\r\n".to_vec();
    for line in lines {
        response.extend_from_slice(b"Set-Cookie: ");
        response.extend_from_slice(&line);
        response.extend_from_slice(b"\r\n");
    }
    response.extend_from_slice(
        format!(
            "Content-Type: application/octet-stream\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        )
        .as_bytes(),
    );
    response.extend_from_slice(&body);
    stream.write_all(&response)?;
    stream.flush()?;
    let _ = stream.shutdown(Shutdown::Write);
    // Let the client read the whole response before the socket closes.
    let _ = stream.read(&mut buf);
    Ok(())
}

/// libcurl's cookie engine behind a local HTTP server.
pub struct CurlJar {
    server: Server,
    easy: Easy2<Body>,
}

fn curl_err(what: &str, e: curl::Error) -> SubjectError {
    SubjectError::Io(format!("libcurl {what}: {e}"))
}

impl CurlJar {
    /// An empty jar with its own server.
    ///
    /// # Panics
    ///
    /// When no socket can be bound on 127.0.0.1 or libcurl cannot be set up
    /// (the harness reports the panic as a crash of the subject).
    pub fn new() -> CurlJar {
        let server = Server::start().expect("a listening socket on 127.0.0.1");
        let easy = fresh_handle(server.port).expect("a libcurl handle");
        CurlJar { server, easy }
    }

    fn request(&mut self, uri: &RequestUri) -> Result<Vec<u8>, SubjectError> {
        if uri.scheme() != "http" {
            return Err(SubjectError::unsupported(format!(
                "{} URLs (the bundled libcurl has no TLS backend and the local server speaks no WebSocket)",
                uri.scheme()
            )));
        }
        let url = url_of(uri)?;
        self.easy
            .url(url.as_str())
            .map_err(|e| curl_err("url", e))?;
        self.easy.get_mut().0.clear();
        self.easy.perform().map_err(|e| curl_err("request", e))?;
        let code = self
            .easy
            .response_code()
            .map_err(|e| curl_err("response code", e))?;
        if code != 200 {
            return Err(SubjectError::Protocol(format!(
                "the local server answered {code}"
            )));
        }
        Ok(std::mem::take(&mut self.easy.get_mut().0))
    }
}

impl Default for CurlJar {
    fn default() -> Self {
        CurlJar::new()
    }
}

fn fresh_handle(port: u16) -> Result<Easy2<Body>, SubjectError> {
    let mut easy = Easy2::new(Body::default());
    let mut to = List::new();
    to.append(&format!("::127.0.0.1:{port}"))
        .map_err(|e| curl_err("connect-to list", e))?;
    easy.connect_to(to)
        .map_err(|e| curl_err("CURLOPT_CONNECT_TO", e))?;
    // The empty file name enables the cookie engine with an empty jar.
    easy.cookie_file("")
        .map_err(|e| curl_err("CURLOPT_COOKIEFILE", e))?;
    easy.proxy("").map_err(|e| curl_err("CURLOPT_PROXY", e))?;
    easy.noproxy("*")
        .map_err(|e| curl_err("CURLOPT_NOPROXY", e))?;
    easy.connect_timeout(Duration::from_secs(2))
        .map_err(|e| curl_err("CURLOPT_CONNECTTIMEOUT", e))?;
    easy.timeout(Duration::from_secs(4))
        .map_err(|e| curl_err("CURLOPT_TIMEOUT", e))?;
    Ok(easy)
}

/// A temporary cookies.txt path unique to this process and call.
fn temp_jar_path() -> PathBuf {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let n = NEXT.fetch_add(1, Ordering::SeqCst);
    std::env::temp_dir().join(format!("cookiecheck-curl-{}-{n}.txt", std::process::id()))
}

/// One line of libcurl's Netscape cookie list.
fn stored_of(line: &[u8]) -> Result<StoredCookie, SubjectError> {
    let bad = || {
        SubjectError::Protocol(format!(
            "CURLINFO_COOKIELIST line is not in cookies.txt form: {:?}",
            String::from_utf8_lossy(line)
        ))
    };
    let (http_only, rest) = match line.strip_prefix(b"#HttpOnly_") {
        Some(rest) => (true, rest),
        None => (false, line),
    };
    let fields: Vec<&[u8]> = rest.splitn(7, |&b| b == b'\t').collect();
    let [domain, tail, path, secure, expires, name, value] = fields[..] else {
        return Err(bad());
    };
    let flag = |f: &[u8]| match f {
        b"TRUE" => Ok(true),
        b"FALSE" => Ok(false),
        _ => Err(bad()),
    };
    let domain = String::from_utf8(domain.to_vec()).map_err(|_| bad())?;
    let expires: Time = std::str::from_utf8(expires)
        .ok()
        .and_then(|e| e.parse().ok())
        .ok_or_else(bad)?;
    Ok(StoredCookie {
        name: name.to_vec(),
        value: value.to_vec(),
        domain: Some(domain.strip_prefix('.').unwrap_or(&domain).to_string()),
        path: Some(path.to_vec()),
        host_only: Some(!flag(tail)?),
        secure: Some(flag(secure)?),
        http_only: Some(http_only),
        same_site: None,
        persistent: Some(expires != 0),
        expires: (expires != 0).then_some(expires),
    })
}

impl Subject for CurlJar {
    fn capabilities(&self) -> Capabilities {
        Capabilities {
            cookies_txt: true,
            list_cookies: true,
            end_session: true,
            real_http: true,
            // The bundled libcurl has no TLS backend and the local server
            // speaks no WebSocket.
            schemes: Schemes::HTTP,
            ..Capabilities::basic(ProfileId::Rfc6265)
        }
    }

    fn reset(&mut self) -> Result<(), SubjectError> {
        self.easy = fresh_handle(self.server.port)?;
        Ok(())
    }

    fn set_cookies(
        &mut self,
        url: &RequestUri,
        lines: &[Vec<u8>],
        _ctx: &RequestContext,
        _now: Time,
    ) -> Result<(), SubjectError> {
        if lines
            .iter()
            .any(|l| l.iter().any(|&b| matches!(b, b'\r' | b'\n' | 0)))
        {
            return Err(SubjectError::unsupported(
                "a Set-Cookie line with CR, LF or NUL (not one HTTP/1.1 header field)",
            ));
        }
        *self
            .server
            .pending
            .lock()
            .unwrap_or_else(|e| e.into_inner()) = lines.to_vec();
        let result = self.request(url).map(drop);
        // An unsupported or failed request leaves nothing for the next one.
        self.server
            .pending
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clear();
        result
    }

    fn cookie_header(
        &mut self,
        url: &RequestUri,
        _ctx: &RequestContext,
        _now: Time,
    ) -> Result<Option<Vec<u8>>, SubjectError> {
        let body = self.request(url)?;
        let fields: Vec<&[u8]> = body
            .strip_suffix(b"\n")
            .map(|b| b.split(|&c| c == b'\n').collect())
            .unwrap_or_default();
        match fields[..] {
            [] => Ok(None),
            [one] => Ok(Some(one.to_vec())),
            _ => Err(SubjectError::Protocol(format!(
                "libcurl sent {} Cookie header fields",
                fields.len()
            ))),
        }
    }

    fn end_session(&mut self) -> Result<(), SubjectError> {
        self.easy
            .cookie_list("SESS")
            .map_err(|e| curl_err("CURLOPT_COOKIELIST SESS", e))
    }

    fn reload(&mut self, _now: Time) -> Result<(), SubjectError> {
        let path = temp_jar_path();
        let result = (|| {
            self.easy
                .cookie_jar(&path)
                .map_err(|e| curl_err("CURLOPT_COOKIEJAR", e))?;
            self.easy
                .cookie_list("FLUSH")
                .map_err(|e| curl_err("CURLOPT_COOKIELIST FLUSH", e))?;
            let mut easy = fresh_handle(self.server.port)?;
            // The old handle would write the file again when dropped.
            self.easy = fresh_handle(self.server.port)?;
            easy.cookie_file(&path)
                .map_err(|e| curl_err("CURLOPT_COOKIEFILE", e))?;
            easy.cookie_list("RELOAD")
                .map_err(|e| curl_err("CURLOPT_COOKIELIST RELOAD", e))?;
            self.easy = easy;
            Ok(())
        })();
        let _ = std::fs::remove_file(&path);
        result
    }

    fn cookies(&mut self, _now: Time) -> Result<Vec<StoredCookie>, SubjectError> {
        let list = self
            .easy
            .cookies()
            .map_err(|e| curl_err("CURLINFO_COOKIELIST", e))?;
        list.iter().map(stored_of).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uri(s: &str) -> RequestUri {
        RequestUri::parse(s).expect("a request URI")
    }

    #[test]
    fn a_cookie_travels_through_the_local_server() {
        let mut jar = CurlJar::new();
        let ctx = RequestContext::default();
        let set = uri("http://www.example.com/docs/page");
        jar.set_cookies(&set, &[b"a=1; Path=/".to_vec(), b"b=2".to_vec()], &ctx, 0)
            .expect("set");
        let header = jar
            .cookie_header(&uri("http://www.example.com:8080/docs/x"), &ctx, 0)
            .expect("get");
        assert_eq!(header.as_deref(), Some(&b"b=2; a=1"[..]));
        assert_eq!(
            jar.cookie_header(&uri("http://other.example/"), &ctx, 0)
                .expect("get"),
            None
        );
        let stored = jar.cookies(0).expect("list");
        assert_eq!(stored.len(), 2);
        jar.end_session().expect("end of session");
        assert!(jar.cookies(0).expect("list").is_empty());
    }

    #[test]
    fn https_is_unsupported() {
        let mut jar = CurlJar::new();
        let err = jar
            .cookie_header(
                &uri("https://www.example.com/"),
                &RequestContext::default(),
                0,
            )
            .unwrap_err();
        assert!(matches!(err, SubjectError::Unsupported(_)));
    }
}
