//! The test server: an HTTP proxy on 127.0.0.1 that is also the origin of
//! every test URL.
//!
//! Vectors use real host names with default ports (80, 443) and a few
//! explicit ones. Rather than binding those ports (root only) and mapping
//! every name to 127.0.0.1, Chromium is told to use this server as its
//! proxy for everything, loopback included (`--proxy-server`,
//! `--proxy-bypass-list=<-loopback>`). Then:
//!
//! - an `http` request arrives in absolute form (`GET http://host:port/path`)
//!   and is answered here;
//! - an `https` request arrives as `CONNECT host:port`; the tunnel is
//!   terminated here with the self-signed certificate of [`super::tls`] and
//!   the request inside it is answered here.
//!
//! So the server learns the full URL that Chromium asked for, whatever the
//! host and port, and no name is ever resolved or connected to outside the
//! machine. Every connection carries one request (`Connection: close`).
//!
//! What it answers is set by the adapter through [`Exchange`]: the next page
//! request gets the armed Set-Cookie lines, written as raw bytes exactly as
//! given, and every request's URL and Cookie header fields are recorded.

use rustls::{ServerConfig, ServerConnection, StreamOwned};
use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::Duration;

/// The longest request head the server reads.
const MAX_HEAD: usize = 256 * 1024;

/// One request the server answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Seen {
    /// The method.
    pub(crate) method: String,
    /// The absolute URL (`http://host[:port]/path?query` as Chromium sent it;
    /// for a tunnel, `https://` + the CONNECT authority without `:443` + the
    /// origin-form target).
    pub(crate) url: String,
    /// The values of the Cookie header fields, raw, in order.
    pub(crate) cookies: Vec<Vec<u8>>,
    /// Whether the armed Set-Cookie lines went out with this response.
    pub(crate) got_lines: bool,
}

/// What the adapter and the connection threads share.
#[derive(Debug, Default)]
pub(crate) struct Exchange {
    /// The URL of the next page request and the Set-Cookie lines for it
    /// (taken by the first request for exactly that URL).
    armed: Option<(String, Vec<Vec<u8>>)>,
    /// Requests answered since the last [`Exchange::take_seen`].
    seen: Vec<Seen>,
}

impl Exchange {
    /// The next request for `url` gets `lines`. Only that URL: Chromium
    /// makes requests of its own (sign-in and update checks, even with
    /// background networking off), which must neither take the lines nor
    /// be mistaken for the page's.
    pub(crate) fn arm(&mut self, url: String, lines: Vec<Vec<u8>>) {
        self.armed = Some((url, lines));
    }

    /// Forgets armed lines that no request took.
    pub(crate) fn disarm(&mut self) {
        self.armed = None;
    }

    /// The requests answered since the last call.
    pub(crate) fn take_seen(&mut self) -> Vec<Seen> {
        std::mem::take(&mut self.seen)
    }
}

/// The running server.
pub(crate) struct ProxyServer {
    port: u16,
    exchange: Arc<Mutex<Exchange>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl ProxyServer {
    /// Binds an ephemeral port on 127.0.0.1 and starts answering.
    pub(crate) fn start(tls: Arc<ServerConfig>) -> std::io::Result<ProxyServer> {
        let listener = TcpListener::bind(("127.0.0.1", 0))?;
        let port = listener.local_addr()?.port();
        let exchange = Arc::new(Mutex::new(Exchange::default()));
        let stop = Arc::new(AtomicBool::new(false));
        let (ex, st) = (exchange.clone(), stop.clone());
        let thread = std::thread::Builder::new()
            .name("cookiecheck-chromium-proxy".into())
            .spawn(move || {
                for stream in listener.incoming() {
                    if st.load(Ordering::SeqCst) {
                        break;
                    }
                    let Ok(stream) = stream else { continue };
                    let (ex, tls) = (ex.clone(), tls.clone());
                    // One thread per connection: Chromium opens several at
                    // once (preconnects, tunnels). A broken connection only
                    // fails that request; the browser reports it.
                    let _ = std::thread::Builder::new()
                        .name("cookiecheck-chromium-conn".into())
                        .spawn(move || {
                            let _ = serve(stream, &ex, &tls);
                        });
                }
            })?;
        Ok(ProxyServer {
            port,
            exchange,
            stop,
            thread: Some(thread),
        })
    }

    /// The port on 127.0.0.1.
    pub(crate) fn port(&self) -> u16 {
        self.port
    }

    /// The shared state.
    pub(crate) fn exchange(&self) -> MutexGuard<'_, Exchange> {
        lock(&self.exchange)
    }
}

impl Drop for ProxyServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so that it sees the flag.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn lock(m: &Mutex<Exchange>) -> MutexGuard<'_, Exchange> {
    // A connection thread that panicked leaves consistent data (every
    // update is one assignment), so a poisoned lock is still usable.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// A parsed request head.
struct Head {
    method: String,
    target: String,
    fields: Vec<(Vec<u8>, Vec<u8>)>,
}

impl Head {
    fn field_values<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a [u8]> + 'a {
        self.fields
            .iter()
            .filter(move |(n, _)| n.eq_ignore_ascii_case(name.as_bytes()))
            .map(|(_, v)| v.as_slice())
    }
}

fn read_head(stream: &mut impl Read) -> std::io::Result<Option<Head>> {
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    // Byte by byte: the bytes after the head (a TLS ClientHello after a
    // CONNECT) must stay unread in the stream.
    while !head.ends_with(b"\r\n\r\n") {
        if head.len() > MAX_HEAD || stream.read(&mut byte)? == 0 {
            return Ok(None);
        }
        head.push(byte[0]);
    }
    let mut lines = head[..head.len() - 4].split(|&b| b == b'\n');
    let request_line = lines.next().unwrap_or_default();
    let request_line = String::from_utf8_lossy(request_line);
    let mut parts = request_line.trim_end().split(' ');
    let (Some(method), Some(target)) = (parts.next(), parts.next()) else {
        return Ok(None);
    };
    let fields = lines
        .filter_map(|line| {
            let line = line.strip_suffix(b"\r").unwrap_or(line);
            let colon = line.iter().position(|&b| b == b':')?;
            let value = &line[colon + 1..];
            let start = value
                .iter()
                .position(|&b| b != b' ' && b != b'\t')
                .unwrap_or(value.len());
            let end = value
                .iter()
                .rposition(|&b| b != b' ' && b != b'\t')
                .map_or(start, |e| e + 1);
            Some((
                line[..colon].to_vec(),
                value[start..end.max(start)].to_vec(),
            ))
        })
        .collect();
    Ok(Some(Head {
        method: method.to_string(),
        target: target.to_string(),
        fields,
    }))
}

/// One connection: a proxied `http` request, or a CONNECT tunnel with one
/// `https` request inside.
fn serve(
    mut stream: TcpStream,
    exchange: &Mutex<Exchange>,
    tls: &Arc<ServerConfig>,
) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(20)))?;
    stream.set_nodelay(true)?;
    let Some(head) = read_head(&mut stream)? else {
        return Ok(());
    };
    if head.method.eq_ignore_ascii_case("CONNECT") {
        let authority = head.target.clone();
        stream.write_all(b"HTTP/1.1 200 Connection Established\r\n\r\n")?;
        stream.flush()?;
        let connection = ServerConnection::new(tls.clone()).map_err(std::io::Error::other)?;
        let mut tunnel = StreamOwned::new(connection, stream);
        let Some(inner) = read_head(&mut tunnel)? else {
            return Ok(());
        };
        let host = authority.strip_suffix(":443").unwrap_or(&authority);
        let url = format!("https://{host}{}", inner.target);
        answer(&mut tunnel, &inner, url, exchange)?;
        tunnel.conn.send_close_notify();
        let _ = tunnel.flush();
        let _ = tunnel.sock.shutdown(Shutdown::Write);
        return Ok(());
    }
    if head.target.starts_with("http://") {
        let url = head.target.clone();
        answer(&mut stream, &head, url, exchange)?;
    } else {
        stream.write_all(
            b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        )?;
    }
    stream.flush()?;
    let _ = stream.shutdown(Shutdown::Write);
    Ok(())
}

/// The response to one request: the armed Set-Cookie lines (for a page
/// request), an empty HTML page, and CORS headers that let a cross-origin
/// `fetch` with credentials read it.
fn answer(
    out: &mut impl Write,
    head: &Head,
    url: String,
    exchange: &Mutex<Exchange>,
) -> std::io::Result<()> {
    let path_is_favicon = url
        .split_once("://")
        .and_then(|(_, rest)| rest.find('/').map(|i| &rest[i..]))
        .is_some_and(|p| p == "/favicon.ico");
    if path_is_favicon {
        return out.write_all(
            b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        );
    }
    let cookies: Vec<Vec<u8>> = head.field_values("cookie").map(<[u8]>::to_vec).collect();
    let lines = {
        let mut ex = lock(exchange);
        let lines = match ex.armed.take() {
            Some((target, lines)) if target == url => Some(lines),
            other => {
                ex.armed = other;
                None
            }
        };
        ex.seen.push(Seen {
            method: head.method.clone(),
            url,
            cookies,
            got_lines: lines.is_some(),
        });
        lines.unwrap_or_default()
    };
    let body: &[u8] = b"<!doctype html><title>cookiecheck</title>";
    let mut response = b"HTTP/1.1 200 OK\r\n".to_vec();
    for line in lines {
        response.extend_from_slice(b"Set-Cookie: ");
        response.extend_from_slice(&line);
        response.extend_from_slice(b"\r\n");
    }
    if let Some(origin) = head.field_values("origin").next() {
        response.extend_from_slice(b"Access-Control-Allow-Origin: ");
        response.extend_from_slice(origin);
        response.extend_from_slice(b"\r\nAccess-Control-Allow-Credentials: true\r\n");
    }
    response.extend_from_slice(
        format!(
            "Content-Type: text/html; charset=utf-8\r\nCache-Control: no-store\r\nContent-Length: {}\r\nConnection: close\r\nProxy-Connection: close\r\n\r\n",
            body.len()
        )
        .as_bytes(),
    );
    response.extend_from_slice(body);
    out.write_all(&response)?;
    out.flush()
}
