#!/usr/bin/env python3
"""cookiecheck process subject: aiohttp's own cookie jar (aiohttp.CookieJar).

Speaks the JSON-lines protocol of docs/protocol.md (version 1) on stdin and
stdout. The shim translates only, along the path aiohttp's client takes
(aiohttp 3.14.5, pinned in requirements.txt):

- a response: ClientSession._request passes the response's raw Set-Cookie
  field values (ClientResponse._raw_cookie_headers) and its url to
  CookieJar.update_cookies_from_headers. The field octets are decoded as
  aiohttp's HTTP parser decodes header values (UTF-8 with surrogateescape,
  _http_parser.pyx and http_parser.py).
- a request: ClientSession._request takes CookieJar.filter_cookies(url) and
  hands it to ClientRequest(cookies=...), whose update_cookies writes the
  Cookie header; the shim builds that ClientRequest and reads the header, and
  aiohttp's header serialiser (http_writer._serialize_headers) turns it into
  the octets that go on the wire.

URLs become yarl URLs the way ClientSession._build_url makes them (URL(str)).
The jar is CookieJar() with the defaults ClientSession uses (unsafe=False,
quote_cookie=True, no treat_as_secure_origin).

Clock: aiohttp/cookiejar.py reads time.time() (Max-Age deadlines,
_do_expiration, clear); the shim replaces the module's `time` reference with
a proxy whose time() returns the scenario's `now`, so the jar runs on the
virtual clock.

Not supported: session end (aiohttp has none: a session's jar lives as long
as the object), cookies.txt (CookieJar.save/load write aiohttp's own JSON),
document.cookie, SameSite and the public suffix list (aiohttp has none).
"""

import asyncio
import json
import os
import sys
import traceback
import time as real_time

from multidict import CIMultiDict
from yarl import URL

import aiohttp
import aiohttp.cookiejar as aiohttp_cookiejar
from aiohttp import http_writer
from aiohttp.client_reqrep import ClientRequest

PROTOCOL = 1
LATEST = 253402300799
NAME = "aiohttp-cookiejar"
STATUS_LINE = "GET / HTTP/1.1"
COOKIE_PREFIX = (STATUS_LINE + "\r\nCookie: ").encode("ascii")


class Clock:
    """Stands in for the `time` module inside aiohttp.cookiejar."""

    def __init__(self):
        self.now = int(real_time.time())

    def time(self):
        return float(self.now)

    def __getattr__(self, name):
        return getattr(real_time, name)


CLOCK = Clock()
aiohttp_cookiejar.time = CLOCK

# CookieJar and ClientRequest want an event loop; nothing runs on it.
LOOP = asyncio.new_event_loop()


def new_jar():
    # What ClientSession.__init__ does when no cookie_jar is given.
    return aiohttp.CookieJar(loop=LOOP)


def header_text(hex_text):
    # As aiohttp's HTTP parser decodes a header field value.
    return bytes.fromhex(hex_text).decode("utf-8", "surrogateescape")


def to_hex(text):
    return text.encode("utf-8", "surrogateescape").hex()


def wire_octets(header):
    """The octets aiohttp's header serialiser writes for a Cookie header."""
    raw = http_writer._serialize_headers(STATUS_LINE, CIMultiDict([("Cookie", header)]))
    assert raw.startswith(COOKIE_PREFIX) and raw.endswith(b"\r\n\r\n"), raw
    return raw[len(COOKIE_PREFIX):-4]


class Unsupported(Exception):
    pass


def check_http(msg):
    ctx = msg.get("context") or {}
    if ctx.get("api", "http") != "http":
        raise Unsupported("aiohttp has no non-HTTP API")
    return ctx


class Shim:
    def __init__(self):
        self.jar = new_jar()

    def hello(self, msg):
        return {
            "protocol": PROTOCOL,
            "subject": NAME,
            "capabilities": {
                "profile": os.environ.get("COOKIECHECK_PROFILE", "rfc6265"),
                "clock": True,
                "list-cookies": True,
            },
        }

    def reset(self, msg):
        self.jar = new_jar()
        return {}

    def set(self, msg):
        check_http(msg)
        CLOCK.now = msg["now"]
        headers = tuple(header_text(h) for h in msg["lines"])
        if headers:  # ClientSession._request: `if resp._raw_cookie_headers:`
            self.jar.update_cookies_from_headers(headers, URL(msg["url"]))
        return {}

    def get(self, msg):
        ctx = check_http(msg)
        CLOCK.now = msg["now"]
        url = URL(msg["url"])
        all_cookies = self.jar.filter_cookies(url)
        req = ClientRequest(ctx.get("method", "GET"), url, cookies=all_cookies, loop=LOOP)
        header = req.headers.get("Cookie")
        if not header:
            return {"header": None}
        return {"header": wire_octets(header).hex()}

    def advance(self, msg):
        # The jar expires cookies itself whenever it is read (_do_expiration).
        CLOCK.now = msg["now"]
        return {}

    def cookies(self, msg):
        CLOCK.now = msg["now"]
        jar = self.jar
        host_only = jar.host_only_cookies
        out = []
        # Iterating the jar drops the expired cookies first (_do_expiration).
        for morsel in jar:
            # The jar's key: (domain, path without trailing '/'), then the name.
            domain = morsel["domain"]
            key = (domain, morsel["path"].rstrip("/"), morsel.key)
            assert key[:2] in jar.cookies and jar.cookies[key[:2]].get(key[2]) is morsel, key
            # The jar's own deadline for the cookie (what _do_expiration and
            # save() use); absent for a session cookie. aiohttp has no public
            # accessor for it.
            deadline = jar._expirations.get(key)
            entry = {
                "name": to_hex(morsel.key),
                # The cookie-value as received (Morsel.value is its unquoted form).
                "value": to_hex(morsel.coded_value),
                "domain": domain,
                "path": to_hex(morsel["path"]),
                "host-only": key in host_only,
                "secure": bool(morsel["secure"]),
                "http-only": bool(morsel["httponly"]),
                "persistent": deadline is not None,
            }
            if deadline is not None:
                entry["expires"] = min(int(deadline), LATEST)
            out.append(entry)
        return {"cookies": out}


OPS = {
    "hello": Shim.hello,
    "reset": Shim.reset,
    "set": Shim.set,
    "get": Shim.get,
    "advance": Shim.advance,
    "cookies": Shim.cookies,
}
UNCLAIMED = {"end-session", "reload", "parse"}


def answer(msg_id, body):
    sys.stdout.write(json.dumps(dict(body, id=msg_id)) + "\n")
    sys.stdout.flush()


def main():
    shim = Shim()
    for raw in sys.stdin:
        if not raw.strip():
            continue
        try:
            msg = json.loads(raw)
            msg_id = msg["id"]
            op = msg["op"]
        except (ValueError, KeyError, TypeError) as e:
            answer(None, {"ok": False, "error": {"kind": "bad-request", "message": str(e)}})
            continue
        if op == "quit":
            return
        handler = OPS.get(op)
        if handler is None:
            kind = "unsupported" if op in UNCLAIMED else "bad-request"
            answer(msg_id, {"ok": False, "error": {"kind": kind, "message": f"op {op!r}"}})
            continue
        try:
            body = handler(shim, msg)
        except Unsupported as e:
            answer(msg_id, {"ok": False, "error": {"kind": "unsupported", "message": str(e)}})
            continue
        except Exception as e:  # the jar raised: a crash finding, not a shim failure
            last = traceback.format_exception_only(type(e), e)[-1].strip()
            print(traceback.format_exc(), file=sys.stderr)
            answer(msg_id, {"ok": False, "error": {"kind": "failed", "message": last}})
            continue
        answer(msg_id, dict(body, ok=True))


if __name__ == "__main__":
    main()
