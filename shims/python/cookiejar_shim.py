#!/usr/bin/env python3
"""cookiecheck process subject: the standard library's http.cookiejar.

Speaks the JSON-lines protocol of docs/protocol.md (version 1) on stdin and
stdout. The shim translates only: responses are simulated with
urllib.request.Request objects and a fake response whose info() carries the
Set-Cookie header fields; the Cookie header is what add_cookie_header() puts
on the request. Header octets are decoded and encoded as ISO-8859-1, as
http.client does.

Clock: http.cookiejar reads time.time(); the shim replaces the module's
`time` reference with a proxy whose time() returns the scenario's `now`, so
the jar runs on the virtual clock.

The jar is a MozillaCookieJar with the default policy (Netscape cookies,
RFC 2965 off), so `reload` is its own cookies.txt save and load.
"""

import email.message
import json
import os
import sys
import tempfile
import time as real_time
import traceback
import urllib.request
import http.cookiejar as cookiejar

PROTOCOL = 1
LATEST = 253402300799
NAME = "python-cookiejar"


class Clock:
    """Stands in for the `time` module inside http.cookiejar."""

    def __init__(self):
        self.now = int(real_time.time())

    def time(self):
        return float(self.now)

    def __getattr__(self, name):
        return getattr(real_time, name)


CLOCK = Clock()
cookiejar.time = CLOCK


class FakeResponse:
    """What CookieJar.extract_cookies reads from a response: info()."""

    def __init__(self, lines):
        self._headers = email.message.Message()
        for line in lines:
            self._headers["Set-Cookie"] = line

    def info(self):
        return self._headers


def new_jar():
    return cookiejar.MozillaCookieJar()


def request_for(msg):
    ctx = msg.get("context") or {}
    return urllib.request.Request(msg["url"], method=ctx.get("method", "GET"))


def latin1(hex_text):
    return bytes.fromhex(hex_text).decode("iso-8859-1")


def to_hex(text):
    return text.encode("iso-8859-1", "replace").hex()


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
                "cookies-txt": True,
                "list-cookies": True,
                "end-session": True,
            },
        }

    def reset(self, msg):
        self.jar = new_jar()
        return {}

    def set(self, msg):
        CLOCK.now = msg["now"]
        lines = [latin1(h) for h in msg["lines"]]
        self.jar.extract_cookies(FakeResponse(lines), request_for(msg))
        return {}

    def get(self, msg):
        CLOCK.now = msg["now"]
        req = request_for(msg)
        self.jar.add_cookie_header(req)
        header = req.unredirected_hdrs.get("Cookie")
        return {"header": None if header is None else to_hex(header)}

    def advance(self, msg):
        CLOCK.now = msg["now"]
        self.jar.clear_expired_cookies()
        return {}

    def end_session(self, msg):
        self.jar.clear_session_cookies()
        return {}

    def reload(self, msg):
        CLOCK.now = msg["now"]
        fd, path = tempfile.mkstemp(suffix=".txt")
        os.close(fd)
        try:
            self.jar.save(path, ignore_discard=True, ignore_expires=False)
            jar = new_jar()
            jar.load(path, ignore_discard=True, ignore_expires=False)
            self.jar = jar
        finally:
            os.unlink(path)
        return {}

    def cookies(self, msg):
        CLOCK.now = msg["now"]
        out = []
        for c in self.jar:
            if c.is_expired(CLOCK.now):
                continue
            domain = c.domain[1:] if c.domain.startswith(".") else c.domain
            entry = {
                "name": to_hex(c.name),
                # A Netscape cookie without "=" has the value None.
                "value": to_hex(c.value if c.value is not None else ""),
                "domain": domain,
                "path": to_hex(c.path),
                "host-only": not c.domain_specified,
                "secure": bool(c.secure),
                "http-only": any(c.has_nonstandard_attr(k) for k in ("HttpOnly", "HTTPOnly", "httponly")),
                "persistent": not c.discard,
            }
            if not c.discard and c.expires is not None:
                # The protocol's times end at 9999-12-31T23:59:59Z (the model's latest instant).
                entry["expires"] = min(int(c.expires), LATEST)
            out.append(entry)
        return {"cookies": out}


OPS = {
    "hello": Shim.hello,
    "reset": Shim.reset,
    "set": Shim.set,
    "get": Shim.get,
    "advance": Shim.advance,
    "end-session": Shim.end_session,
    "reload": Shim.reload,
    "cookies": Shim.cookies,
}


def answer(msg_id, body):
    sys.stdout.write(json.dumps(dict(body, id=msg_id)) + "\n")
    sys.stdout.flush()


def main():
    shim = Shim()
    for raw in sys.stdin:
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
            kind = "unsupported" if op == "parse" else "bad-request"
            answer(msg_id, {"ok": False, "error": {"kind": kind, "message": f"op {op!r}"}})
            continue
        try:
            body = handler(shim, msg)
        except Exception as e:  # the jar raised: a crash finding, not a shim failure
            last = traceback.format_exception_only(type(e), e)[-1].strip()
            answer(msg_id, {"ok": False, "error": {"kind": "failed", "message": last}})
            continue
        answer(msg_id, dict(body, ok=True))


if __name__ == "__main__":
    main()
