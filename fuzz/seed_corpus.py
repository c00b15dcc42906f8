#!/usr/bin/env python3
"""Derives the checked-in seed corpora (corpus/<target>/) from the golden vectors.

Run from the repository root: python3 fuzz/seed_corpus.py
Each corpus file is named by the SHA-1 of its content, as libFuzzer does, so
re-running is idempotent. Corpora stay small: one file per distinct input.
"""
import hashlib, pathlib, tomllib

ROOT = pathlib.Path(__file__).resolve().parent.parent
VECTORS, CORPUS = ROOT / "vectors", ROOT / "corpus"

def to_bytes(v):
    """A vector byte string: a TOML string, or an array of parts (vectors/README.md)."""
    if isinstance(v, str):
        return v.encode()
    out = b""
    for part in v:
        if isinstance(part, str):
            out += part.encode()
        elif "hex" in part:
            out += bytes.fromhex("".join(part["hex"].split()))
        else:
            out += part["repeat"].encode() * part["count"]
    return out

def put(target, data):
    d = CORPUS / target
    d.mkdir(parents=True, exist_ok=True)
    (d / hashlib.sha1(data).hexdigest()).write_bytes(data)

for f in sorted(VECTORS.rglob("*.toml")):
    doc = tomllib.loads(f.read_text())
    if len(f.read_bytes()) < 16 * 1024:
        put("vector_file", f.read_bytes())
    for case in doc.get("case", []):
        for step in case.get("step", []):
            for line in step.get("lines", []):
                put("set_cookie_parse", to_bytes(line))
    for d in doc.get("date", []):
        put("cookie_date", to_bytes(d["input"]))
    for t in doc.get("txt", []):
        put("cookies_txt", to_bytes(t["input"]))
