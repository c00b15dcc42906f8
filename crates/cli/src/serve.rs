//! `cookiecheck serve`: the reference model as a process subject. Reads one
//! JSON request per line on stdin and answers on stdout, as the protocol of
//! `docs/protocol.md` describes, with a [`Jar`] following one profile.
//!
//! Every malformed request gets a `bad-request` error response; nothing a
//! client sends makes the server panic or exit, except `quit` and the end of
//! stdin.

use anyhow::Result;
use clap::Args;
use cookiecheck::scenario::full_view;
use cookiecheck::subject::protocol::{
    self, capabilities_json, context_from_json, stored_cookie_json, Fields, PROTOCOL_VERSION,
};
use cookiecheck::subject::Capabilities;
use cookiecheck_model::{Jar, Profile, ProfileId, RequestContext, RequestUri, Time};
use serde_json::{json, Value};
use std::io::{self, BufRead, Write};

/// The name the server gives in its `hello` answer.
pub const SUBJECT_NAME: &str = "cookiecheck-model";

/// Arguments of `cookiecheck serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The profile the model follows.
    #[arg(long, value_name = "PROFILE")]
    pub profile: ProfileId,
}

/// Serves stdin to stdout until `quit` or the end of stdin.
pub fn serve(args: &ServeArgs) -> Result<()> {
    let stdin = io::stdin();
    let stdout = io::stdout();
    serve_on(args.profile, stdin.lock(), stdout.lock())
}

/// Serves the requests read from `input`, answering on `output`.
pub fn serve_on(profile: ProfileId, mut input: impl BufRead, mut output: impl Write) -> Result<()> {
    let mut server = Server::new(profile);
    let mut line = Vec::new();
    loop {
        line.clear();
        if input.read_until(b'\n', &mut line)? == 0 {
            return Ok(());
        }
        match server.answer(&line) {
            Answer::Quit => return Ok(()),
            Answer::Skip => {}
            Answer::Reply(value) => {
                let mut text = value.to_string();
                text.push('\n');
                if output
                    .write_all(text.as_bytes())
                    .and_then(|()| output.flush())
                    .is_err()
                {
                    // The client went away.
                    return Ok(());
                }
            }
        }
    }
}

/// What to do with one request line.
enum Answer {
    Reply(Value),
    Skip,
    Quit,
}

/// An error response's kind and message.
struct Failure(&'static str, String);

impl Failure {
    fn bad(message: impl Into<String>) -> Failure {
        Failure("bad-request", message.into())
    }
}

struct Server {
    profile: ProfileId,
    jar: Jar,
}

impl Server {
    fn new(profile: ProfileId) -> Server {
        Server {
            profile,
            jar: Jar::new(Profile::for_id(profile)),
        }
    }

    fn capabilities(&self) -> Capabilities {
        // The model is the reference: it does everything a jar can.
        Capabilities::full(self.profile)
    }

    fn answer(&mut self, line: &[u8]) -> Answer {
        let line = line.strip_suffix(b"\n").unwrap_or(line);
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.iter().all(u8::is_ascii_whitespace) {
            return Answer::Skip;
        }
        let request: Value = match std::str::from_utf8(line)
            .map_err(|_| "the request is not UTF-8".to_string())
            .and_then(|t| {
                serde_json::from_str(t).map_err(|e| format!("the request is not JSON: {e}"))
            }) {
            Ok(v) => v,
            Err(e) => return Answer::Reply(error(Value::Null, &Failure::bad(e))),
        };
        let id = match request.get("id") {
            Some(v) if v.is_u64() || v.is_i64() => v.clone(),
            _ => Value::Null,
        };
        if request.get("op").and_then(Value::as_str) == Some("quit") {
            return Answer::Quit;
        }
        let result = if !request.is_object() {
            Err(Failure::bad("the request is not a JSON object"))
        } else if id.is_null() {
            Err(Failure::bad("the request has no integer `id`"))
        } else {
            self.dispatch(&request)
        };
        Answer::Reply(match result {
            Ok(mut fields) => {
                fields.insert("id".into(), id);
                fields.insert("ok".into(), true.into());
                Value::Object(fields)
            }
            Err(f) => error(id, &f),
        })
    }

    fn dispatch(&mut self, request: &Value) -> Result<serde_json::Map<String, Value>, Failure> {
        let f = Fields::new(request, "request").map_err(Failure::bad)?;
        let op = f
            .string("op")
            .map_err(Failure::bad)?
            .ok_or_else(|| Failure::bad("the request has no `op`"))?;
        let mut out = serde_json::Map::new();
        match op.as_str() {
            "hello" => {
                out.insert("protocol".into(), PROTOCOL_VERSION.into());
                out.insert("subject".into(), SUBJECT_NAME.into());
                out.insert(
                    "capabilities".into(),
                    capabilities_json(&self.capabilities()),
                );
            }
            "reset" => self.jar = Jar::new(Profile::for_id(self.profile)),
            "set" => {
                let (url, ctx, now) = (url(&f)?, context(request)?, now(&f)?);
                let lines = match request.get("lines") {
                    Some(Value::Array(lines)) => lines,
                    None | Some(Value::Null) => &Vec::new(),
                    Some(other) => {
                        return Err(Failure::bad(format!("`lines` is {other}, not an array")))
                    }
                };
                let lines = lines
                    .iter()
                    .map(|l| {
                        l.as_str()
                            .ok_or_else(|| format!("`lines` holds {l}, not a hex string"))
                            .and_then(|s| {
                                protocol::from_hex(s).map_err(|e| format!("`lines`: {e}"))
                            })
                    })
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(Failure::bad)?;
                for line in &lines {
                    self.jar.set_cookie(&url, line, &ctx, now);
                }
            }
            "get" => {
                let (url, ctx, now) = (url(&f)?, context(request)?, now(&f)?);
                let header = self
                    .jar
                    .cookie_header(&url, &ctx, now)
                    .header
                    .filter(|h| !h.is_empty());
                out.insert(
                    "header".into(),
                    header.map_or(Value::Null, |h| protocol::to_hex(&h).into()),
                );
            }
            "advance" => {
                self.jar.advance_to(now(&f)?);
            }
            "end-session" => {
                self.jar.end_session();
            }
            "reload" => {
                let now = now(&f)?;
                self.jar
                    .reload(now)
                    .map_err(|e| Failure("failed", e.to_string()))?;
            }
            "cookies" => {
                let now = now(&f)?;
                let cookies: Vec<Value> = self
                    .jar
                    .cookies(now)
                    .iter()
                    .map(|c| stored_cookie_json(&full_view(c)))
                    .collect();
                out.insert("cookies".into(), cookies.into());
            }
            "parse" => {
                return Err(Failure(
                    "unsupported",
                    "the model serves as a jar, not as a parser-only subject".into(),
                ))
            }
            other => return Err(Failure::bad(format!("unknown op `{other}`"))),
        }
        Ok(out)
    }
}

fn error(id: Value, f: &Failure) -> Value {
    json!({"id": id, "ok": false, "error": {"kind": f.0, "message": f.1}})
}

fn url(f: &Fields<'_>) -> Result<RequestUri, Failure> {
    let text = f
        .string("url")
        .map_err(Failure::bad)?
        .ok_or_else(|| Failure::bad("the request has no `url`"))?;
    RequestUri::parse(&text).map_err(|e| Failure::bad(format!("bad `url` `{text}`: {e}")))
}

fn now(f: &Fields<'_>) -> Result<Time, Failure> {
    f.integer("now")
        .map_err(Failure::bad)?
        .ok_or_else(|| Failure::bad("the request has no `now`"))
}

fn context(request: &Value) -> Result<RequestContext, Failure> {
    match request.get("context") {
        None | Some(Value::Null) => context_from_json(&json!({})),
        Some(v) => context_from_json(v),
    }
    .map_err(Failure::bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(input: &str) -> Vec<Value> {
        let mut out = Vec::new();
        serve_on(ProfileId::Rfc6265bis, input.as_bytes(), &mut out).unwrap();
        String::from_utf8(out)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    #[test]
    fn the_protocol_example_round_trips() {
        let ctx = r#"{"api":"http","site":"same-site","top-level":true,"method":"GET"}"#;
        let input = format!(
            "{}\n{}\n{}\n{}\n{}\n",
            r#"{"id":1,"op":"hello","protocol":1}"#,
            r#"{"id":2,"op":"reset"}"#,
            format_args!(
                r#"{{"id":3,"op":"set","url":"http://example.com/","lines":["613d313b20506174683d2f"],"context":{ctx},"now":1704067200}}"#
            ),
            format_args!(
                r#"{{"id":4,"op":"get","url":"http://example.com/x","context":{ctx},"now":1704067200}}"#
            ),
            r#"{"id":5,"op":"quit"}"#,
        );
        let out = session(&input);
        assert_eq!(out.len(), 4);
        assert_eq!(out[0]["capabilities"]["profile"], "rfc6265bis");
        assert_eq!(out[2], json!({"id": 3, "ok": true}));
        assert_eq!(out[3], json!({"id": 4, "ok": true, "header": "613d31"}));
    }

    #[test]
    fn malformed_requests_get_bad_request() {
        let input = "not json\n[1]\n{\"op\":\"reset\"}\n{\"id\":7,\"op\":\"fly\"}\n\
                     {\"id\":8,\"op\":\"set\",\"url\":\"http://a.example/\",\"lines\":[\"zz\"],\"now\":0}\n\
                     {\"id\":9,\"op\":\"get\",\"url\":7,\"now\":0}\n\
                     {\"id\":10,\"op\":\"get\",\"url\":\"http://a.example/\"}\n\
                     \u{0}\u{ff}\n{\"id\":11,\"op\":\"reset\"}\n";
        let out = session(input);
        let kinds: Vec<(Value, Value)> = out
            .iter()
            .map(|v| (v["id"].clone(), v["error"]["kind"].clone()))
            .collect();
        let bad = || json!("bad-request");
        assert_eq!(
            kinds,
            vec![
                (Value::Null, bad()),
                (Value::Null, bad()),
                (Value::Null, bad()),
                (json!(7), bad()),
                (json!(8), bad()),
                (json!(9), bad()),
                (json!(10), bad()),
                (Value::Null, bad()),
                (json!(11), Value::Null),
            ]
        );
        assert_eq!(out.last().unwrap()["ok"], true);
    }
}
