#!/usr/bin/env node
// cookiecheck process subject: tough-cookie's CookieJar.
//
// Speaks the JSON-lines protocol of docs/protocol.md (version 1) on stdin
// and stdout. The shim translates only: Set-Cookie values go to
// setCookieSync(), the Cookie header comes from getCookieStringSync(),
// with the scenario's time as tough-cookie's `now` option (so the jar runs
// on the virtual clock), `http: false` for the non-HTTP API, and the
// request's same-site status as tough-cookie's `sameSiteContext`:
// same-site -> "strict"; a cross-site top-level HTTP navigation -> "lax"
// (tough-cookie's context for "from another site, directly because of
// navigation by the user"); any other cross-site request or non-HTTP call
// -> "none". The method only matters when cookies are read: tough-cookie
// takes no method, so a cross-site top-level navigation with an unsafe
// method reads as "none" (RFC 6265bis §5.8.3 step 3.2 sends Lax cookies only
// with a safe method), while it sets as "lax" (§5.7 step 18.3: a top-level
// navigation may set Lax and Strict cookies, whatever the method).
// Header octets travel as ISO-8859-1 ("latin1") strings, as Node's HTTP
// parser hands them over.
//
// Setup: npm ci --prefix shims/node
"use strict";

const readline = require("node:readline");

// tough-cookie reads the wall clock where it takes no `now` option:
// getCookies() judges expiry against Date.now(), and stamps lastAccessed
// (from which it counts Max-Age) with new Date(). The shim points that clock
// at the scenario's virtual time, set from each request's `now`.
const RealDate = Date;
let virtualMs = null;
class VirtualDate extends RealDate {
  constructor(...args) {
    if (args.length === 0 && virtualMs !== null) super(virtualMs);
    else super(...args);
  }
  static now() {
    return virtualMs !== null ? virtualMs : RealDate.now();
  }
}
globalThis.Date = VirtualDate;

const { CookieJar } = require("tough-cookie");

const PROTOCOL = 1;
const LATEST = 253402300799;
const NAME = "node-tough-cookie";
const PROFILE = process.env.COOKIECHECK_PROFILE || "rfc6265bis";

function newJar() {
  // The defaults: public suffixes rejected, cookie prefixes enforced silently.
  return new CookieJar();
}

function latin1(hex) {
  return Buffer.from(hex, "hex").toString("latin1");
}

function toHex(text) {
  return Buffer.from(text, "latin1").toString("hex");
}

// `setting`: the options of setCookie (the method does not count) rather
// than getCookieString.
function options(msg, setting) {
  const ctx = msg.context || {};
  const http = ctx.api !== "non-http";
  let sameSiteContext = "strict";
  if (ctx.site === "cross-site") {
    const safe = ["GET", "HEAD", "OPTIONS", "TRACE"].includes((ctx.method || "GET").toUpperCase());
    // The lax exception covers HTTP requests only: a non-HTTP API called from
    // a cross-site document gets "none" (RFC 6265bis §5.7 step 18.1, §5.8.3).
    const navigation = http && ctx["top-level"] !== false;
    sameSiteContext = navigation && (setting || safe) ? "lax" : "none";
  }
  return { now: new Date(msg.now * 1000), http, sameSiteContext, ignoreError: true };
}

let jar = newJar();

const ops = {
  hello() {
    return {
      protocol: PROTOCOL,
      subject: NAME,
      capabilities: {
        profile: PROFILE,
        clock: true,
        "non-http": true,
        "same-site": true,
        "public-suffix": true,
        "list-cookies": true,
      },
    };
  },
  reset() {
    jar = newJar();
    return {};
  },
  set(msg) {
    const opts = options(msg, true);
    for (const hex of msg.lines) {
      jar.setCookieSync(latin1(hex), msg.url, opts);
    }
    return {};
  },
  get(msg) {
    const header = jar.getCookieStringSync(msg.url, options(msg, false));
    return { header: header === "" ? null : toHex(header) };
  },
  advance() {
    // Expiry is judged against `now` on every call.
    return {};
  },
  cookies(msg) {
    const now = new Date(msg.now * 1000);
    const all = jar.store.idx ? collect(jar.store.idx) : [];
    const cookies = all
      // Expired means an expiry-time strictly before now (RFC 6265 §5.3).
      .filter((c) => !(c.expiryTime() < now.getTime()))
      .map((c) => {
        const entry = {
          name: toHex(c.key),
          value: toHex(c.value),
          domain: c.domain,
          path: toHex(c.path || ""),
          "host-only": c.hostOnly === true,
          secure: c.secure === true,
          "http-only": c.httpOnly === true,
          persistent: c.isPersistent(),
        };
        const sameSite = (c.sameSite || "").toLowerCase();
        entry["same-site"] = ["strict", "lax", "none"].includes(sameSite) ? sameSite : "default";
        if (c.isPersistent()) {
          const t = c.expiryTime();
          // The protocol's times end at 9999-12-31T23:59:59Z (the model's latest instant).
          if (Number.isFinite(t)) entry.expires = Math.min(Math.floor(t / 1000), LATEST);
        }
        return entry;
      });
    return { cookies };
  },
};

// The memory store's index: domain -> path -> key -> Cookie.
function collect(idx) {
  const out = [];
  for (const domain of Object.keys(idx)) {
    for (const path of Object.keys(idx[domain] || {})) {
      for (const key of Object.keys(idx[domain][path] || {})) {
        out.push(idx[domain][path][key]);
      }
    }
  }
  return out;
}

function answer(id, body) {
  process.stdout.write(JSON.stringify({ ...body, id }) + "\n");
}

const rl = readline.createInterface({ input: process.stdin, terminal: false });
rl.on("line", (line) => {
  let msg;
  try {
    msg = JSON.parse(line);
  } catch (e) {
    answer(null, { ok: false, error: { kind: "bad-request", message: String(e) } });
    return;
  }
  if (msg.op === "quit") {
    // Closing the interface leaves stdin open (and node running).
    rl.close();
    process.exit(0);
  }
  if (typeof msg.now === "number") virtualMs = msg.now * 1000;
  const op = ops[msg.op];
  if (!op) {
    const kind = ["parse", "end-session", "reload"].includes(msg.op) ? "unsupported" : "bad-request";
    answer(msg.id, { ok: false, error: { kind, message: `op ${msg.op}` } });
    return;
  }
  try {
    answer(msg.id, { ...op(msg), ok: true });
  } catch (e) {
    // The jar threw: a crash finding for this step.
    answer(msg.id, { ok: false, error: { kind: "failed", message: String(e && e.message ? e.message : e) } });
  }
});
