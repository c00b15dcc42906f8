//! The JSON-lines process protocol, version 1 (`docs/protocol.md`): message
//! building and checking shared by the process subject (the client) and by
//! `cookiecheck serve` (a server answering with the model).
//!
//! Octets travel as lower-case hex strings; everything else is plain JSON.

use super::capabilities::{Capabilities, Schemes};
use super::views::{ParsedCookie, StoredCookie};
use cookiecheck_model::{Api, ProfileId, RequestContext, SameSite, SiteStatus, Time};
use serde_json::{json, Map, Value};

/// The protocol version this harness speaks.
pub const PROTOCOL_VERSION: u64 = 1;

/// Octets as lower-case hex.
pub fn to_hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        s.push(char::from(DIGITS[usize::from(b >> 4)]));
        s.push(char::from(DIGITS[usize::from(b & 0xf)]));
    }
    s
}

/// Hex (either case, even length, no separators) to octets.
pub fn from_hex(text: &str) -> Result<Vec<u8>, String> {
    let digits = text.as_bytes();
    if digits.len() % 2 != 0 {
        return Err(format!("hex string of odd length {}", digits.len()));
    }
    let nibble = |c: u8| match c {
        b'0'..=b'9' => Ok(c - b'0'),
        b'a'..=b'f' => Ok(c - b'a' + 10),
        b'A'..=b'F' => Ok(c - b'A' + 10),
        _ => Err(format!(
            "`{}` is not a hex digit",
            char::from(c).escape_default()
        )),
    };
    digits
        .chunks(2)
        .map(|pair| Ok(nibble(pair[0])? << 4 | nibble(pair[1])?))
        .collect()
}

/// The `context` object of `set` and `get` requests.
pub fn context_json(ctx: &RequestContext, method: &str) -> Value {
    json!({
        "api": match ctx.api { Api::Http => "http", Api::NonHttp => "non-http" },
        "site": match ctx.site { SiteStatus::SameSite => "same-site", SiteStatus::CrossSite => "cross-site" },
        "top-level": ctx.top_level,
        "method": method,
    })
}

/// Reads a `context` object back (the server side).
pub fn context_from_json(v: &Value) -> Result<RequestContext, String> {
    let obj = v.as_object().ok_or("`context` is not an object")?;
    let api = match obj.get("api").and_then(Value::as_str) {
        Some("http") | None => Api::Http,
        Some("non-http") => Api::NonHttp,
        Some(other) => return Err(format!("unknown api `{other}`")),
    };
    let site = match obj.get("site").and_then(Value::as_str) {
        Some("same-site") | None => SiteStatus::SameSite,
        Some("cross-site") => SiteStatus::CrossSite,
        Some(other) => return Err(format!("unknown site `{other}`")),
    };
    let top_level = obj
        .get("top-level")
        .and_then(Value::as_bool)
        .unwrap_or(true);
    let method = obj.get("method").and_then(Value::as_str).unwrap_or("GET");
    Ok(RequestContext {
        api,
        site,
        top_level,
        safe_method: RequestContext::is_safe_method(method),
    })
}

/// The `capabilities` object of a `hello` answer.
pub fn capabilities_json(c: &Capabilities) -> Value {
    json!({
        "profile": c.profile.name(),
        "clock": c.clock,
        "parser-only": c.parser_only,
        "non-http": c.non_http,
        "same-site": c.same_site,
        "public-suffix": c.public_suffix,
        "limits": c.limits,
        "cookies-txt": c.cookies_txt,
        "list-cookies": c.list_cookies,
        "end-session": c.end_session,
        "real-http": c.real_http,
        "schemes": c.schemes.names(),
    })
}

/// Reads a `capabilities` object; missing flags are `false`, the profile is required.
pub fn capabilities_from_json(v: &Value) -> Result<Capabilities, String> {
    let obj = v.as_object().ok_or("`capabilities` is not an object")?;
    let profile = obj
        .get("profile")
        .and_then(Value::as_str)
        .ok_or("`capabilities.profile` is missing or not a string")?;
    let profile: ProfileId = profile.parse().map_err(|e| format!("{e}"))?;
    let flag = |name: &str| -> Result<bool, String> {
        match obj.get(name) {
            None => Ok(false),
            Some(Value::Bool(b)) => Ok(*b),
            Some(other) => Err(format!("`capabilities.{name}` is {other}, not a boolean")),
        }
    };
    Ok(Capabilities {
        profile,
        clock: flag("clock")?,
        parser_only: flag("parser-only")?,
        non_http: flag("non-http")?,
        same_site: flag("same-site")?,
        public_suffix: flag("public-suffix")?,
        limits: flag("limits")?,
        cookies_txt: flag("cookies-txt")?,
        list_cookies: flag("list-cookies")?,
        end_session: flag("end-session")?,
        real_http: flag("real-http")?,
        schemes: match obj.get("schemes") {
            None | Some(Value::Null) => Schemes::ALL,
            Some(Value::Array(items)) => {
                let names: Result<Vec<&str>, String> = items
                    .iter()
                    .map(|v| {
                        v.as_str().ok_or_else(|| {
                            format!("`capabilities.schemes` holds {v}, not a string")
                        })
                    })
                    .collect();
                Schemes::from_names(names?).map_err(|e| format!("`capabilities.schemes`: {e}"))?
            }
            Some(other) => {
                return Err(format!(
                    "`capabilities.schemes` is {other}, not an array of scheme names"
                ))
            }
        },
    })
}

/// A stored cookie as a JSON object.
pub fn stored_cookie_json(c: &StoredCookie) -> Value {
    let mut m = Map::new();
    m.insert("name".into(), to_hex(&c.name).into());
    m.insert("value".into(), to_hex(&c.value).into());
    if let Some(d) = &c.domain {
        m.insert("domain".into(), d.clone().into());
    }
    if let Some(p) = &c.path {
        m.insert("path".into(), to_hex(p).into());
    }
    let flags = [
        ("host-only", c.host_only),
        ("secure", c.secure),
        ("http-only", c.http_only),
        ("persistent", c.persistent),
    ];
    for (k, v) in flags {
        if let Some(b) = v {
            m.insert(k.into(), b.into());
        }
    }
    if let Some(s) = c.same_site {
        m.insert("same-site".into(), s.name().into());
    }
    if let Some(t) = c.expires {
        m.insert("expires".into(), t.into());
    }
    Value::Object(m)
}

/// Reads a stored cookie object.
pub fn stored_cookie_from_json(v: &Value) -> Result<StoredCookie, String> {
    let o = Fields::new(v, "cookie")?;
    Ok(StoredCookie {
        name: o.hex("name")?.ok_or("cookie without `name`")?,
        value: o.hex("value")?.ok_or("cookie without `value`")?,
        domain: o.string("domain")?,
        path: o.hex("path")?,
        host_only: o.boolean("host-only")?,
        secure: o.boolean("secure")?,
        http_only: o.boolean("http-only")?,
        same_site: o.same_site("same-site")?,
        persistent: o.boolean("persistent")?,
        expires: o.integer("expires")?,
    })
}

/// A parsed line as a JSON object.
pub fn parsed_cookie_json(c: &ParsedCookie) -> Value {
    json!({
        "name": to_hex(&c.name),
        "value": to_hex(&c.value),
        "expires": c.expires,
        "max-age": c.max_age,
        "domain": c.domain.as_deref().map(to_hex),
        "path": c.path.as_deref().map(to_hex),
        "secure": c.secure,
        "http-only": c.http_only,
        "same-site": c.same_site.map(SameSite::name),
    })
}

/// Reads a parsed-line object.
pub fn parsed_cookie_from_json(v: &Value) -> Result<ParsedCookie, String> {
    let o = Fields::new(v, "parsed cookie")?;
    Ok(ParsedCookie {
        name: o.hex("name")?.ok_or("parsed cookie without `name`")?,
        value: o.hex("value")?.ok_or("parsed cookie without `value`")?,
        expires: o.integer("expires")?,
        max_age: o.integer("max-age")?,
        domain: o.hex("domain")?,
        path: o.hex("path")?,
        secure: o.boolean("secure")?.unwrap_or(false),
        http_only: o.boolean("http-only")?.unwrap_or(false),
        same_site: o.same_site("same-site")?,
    })
}

/// Typed access to the fields of one JSON object, with messages that name
/// the field (`null` and absent are the same).
pub struct Fields<'a> {
    obj: &'a Map<String, Value>,
    what: &'static str,
}

impl<'a> Fields<'a> {
    /// `v` must be an object.
    pub fn new(v: &'a Value, what: &'static str) -> Result<Fields<'a>, String> {
        let obj = v
            .as_object()
            .ok_or_else(|| format!("{what} is not a JSON object: {v}"))?;
        Ok(Fields { obj, what })
    }

    fn get(&self, key: &str) -> Option<&'a Value> {
        self.obj.get(key).filter(|v| !v.is_null())
    }

    fn bad(&self, key: &str, want: &str, got: &Value) -> String {
        format!("{}: `{key}` should be {want}, got {got}", self.what)
    }

    /// An optional string.
    pub fn string(&self, key: &str) -> Result<Option<String>, String> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(v) => Err(self.bad(key, "a string", v)),
        }
    }

    /// Optional octets in hex.
    pub fn hex(&self, key: &str) -> Result<Option<Vec<u8>>, String> {
        match self.string(key)? {
            None => Ok(None),
            Some(s) => from_hex(&s)
                .map(Some)
                .map_err(|e| format!("{}: `{key}`: {e}", self.what)),
        }
    }

    /// An optional boolean.
    pub fn boolean(&self, key: &str) -> Result<Option<bool>, String> {
        match self.get(key) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(v) => Err(self.bad(key, "a boolean", v)),
        }
    }

    /// An optional integer.
    pub fn integer(&self, key: &str) -> Result<Option<Time>, String> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => v
                .as_i64()
                .map(Some)
                .ok_or_else(|| self.bad(key, "an integer", v)),
        }
    }

    /// An optional SameSite name.
    pub fn same_site(&self, key: &str) -> Result<Option<SameSite>, String> {
        match self.string(key)? {
            None => Ok(None),
            Some(s) => SameSite::from_name(&s).map(Some).ok_or_else(|| {
                format!(
                    "{}: `{key}` is `{s}`, not default/none/lax/strict",
                    self.what
                )
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_round_trips_every_octet() {
        let all: Vec<u8> = (0..=255).collect();
        assert_eq!(from_hex(&to_hex(&all)), Ok(all));
        assert!(from_hex("abc").is_err());
        assert!(from_hex("zz").is_err());
    }

    #[test]
    fn capabilities_round_trip() {
        let mut c = Capabilities::basic(ProfileId::Netscape);
        c.clock = true;
        c.list_cookies = true;
        assert_eq!(capabilities_from_json(&capabilities_json(&c)), Ok(c));
    }
}
