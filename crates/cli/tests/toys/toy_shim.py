#!/usr/bin/env python3
"""A toy shim for the shim-check tests: `toy_shim.py MODE`.

Not a cookie jar: it keeps the first name=value pair of each Set-Cookie
line and sends them all back, which is all the protocol checks need. MODE
`good` speaks the protocol correctly; every other mode breaks it in one
way, the way real shims do:

  wrong-id   answers every request after hello with the id plus one
  no-hello   answers hello with {"ok": true} and nothing else
  garbage    answers `get` with a line that is not JSON
  noise      prints a log line on stdout before each `set` answer
  hang       never answers `get`
  crash      exits with status 3 on `set`, after a message on stderr
  sticky     `reset` does not empty the jar
  liar       claims list-cookies, then answers `cookies` unsupported
"""

import json
import sys

MODE = sys.argv[1] if len(sys.argv) > 1 else "good"


def out(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


def main():
    jar = {}
    for raw in sys.stdin:
        try:
            msg = json.loads(raw)
        except ValueError:
            out({"id": None, "ok": False, "error": {"kind": "bad-request", "message": "not JSON"}})
            continue
        rid, op = msg.get("id"), msg.get("op")
        if op != "hello" and MODE == "wrong-id":
            rid = rid + 1
        if op == "hello":
            if MODE == "no-hello":
                out({"id": rid, "ok": True})
                continue
            caps = {"profile": "rfc6265", "list-cookies": MODE == "liar"}
            out({"id": rid, "ok": True, "protocol": 1, "subject": "toy", "capabilities": caps})
        elif op == "reset":
            if MODE != "sticky":
                jar = {}
            out({"id": rid, "ok": True})
        elif op == "set":
            if MODE == "crash":
                sys.stderr.write("boom: the toy crashed on set\n")
                sys.exit(3)
            if MODE == "noise":
                sys.stdout.write("debug: got a set request\n")
            for line in msg["lines"]:
                pair = bytes.fromhex(line).split(b";")[0]
                name, _, value = pair.partition(b"=")
                jar[name.strip()] = value.strip()
            out({"id": rid, "ok": True})
        elif op == "get":
            if MODE == "hang":
                continue
            if MODE == "garbage":
                sys.stdout.write("OK\n")
                sys.stdout.flush()
                continue
            header = b"; ".join(n + b"=" + v for n, v in jar.items())
            out({"id": rid, "ok": True, "header": header.hex() if header else None})
        elif op == "quit":
            return
        else:
            out({"id": rid, "ok": False, "error": {"kind": "unsupported", "message": op}})


main()
