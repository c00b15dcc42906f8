// cookiecheck process subject: java.net.CookieManager with its default
// in-memory CookieStore and CookiePolicy.ACCEPT_ORIGINAL_SERVER, the cookie
// handler java.net.http.HttpClient uses with
// HttpClient.newBuilder().cookieHandler(new CookieManager()).
//
// Speaks the JSON-lines protocol of docs/protocol.md (version 1) on stdin
// and stdout. The shim translates only, the way the JDK 17 HttpClient drives
// its CookieHandler (jdk.internal.net.http.CookieFilter):
//
// - set: the Set-Cookie field values of one response, decoded from their
//   octets as ISO-8859-1 (Http1HeaderParser reads each octet as a char,
//   `(char)(b & 0xFF)`; HPACK decodes ISO-8859-1 too), are the values of a
//   "Set-Cookie" entry of the response header map, which goes to
//   CookieHandler.put(request.uri(), headers) (CookieFilter.response).
// - get: CookieHandler.get(request.uri(), userHeaders) with no user headers
//   (CookieFilter.request); every value of a "Cookie" or "Cookie2" entry that
//   the client accepts as a header value (CookieFilter keeps only those for
//   which Utils.isValidValue holds; the shim asks the same check through the
//   public HttpRequest.Builder.header, which throws for the others) becomes a
//   system header, and the HTTP/1.1 request writer joins the "Cookie" values
//   into one field with "; " (Http1Request.collectCookies) and encodes the
//   header block as US-ASCII (Http1Request.headers: getBytes(US_ASCII), which
//   writes '?' for a char it cannot encode).
// - The request URI is new java.net.URI(url) from the harness's URL, checked
//   as HttpRequest.newBuilder(uri) checks it (http or https with a host).
//   A ws or wss URL is first turned into its http or https URI as the
//   WebSocket opening handshake does (OpeningHandshake.createRequestURI:
//   the scheme's text is replaced), since that request goes through the same
//   client and CookieFilter. A URI the JDK rejects answers "failed".
//
// Clock: HttpCookie takes its creation time from System.currentTimeMillis()
// and computes expiry from it; there is no way to give it a time, so the
// shim declares clock: false and ignores `now`.
//
// Listing: CookieStore.getCookies() reports the HttpCookie objects; the shim
// reports the fields HttpCookie holds: name, value, domain (one leading dot
// removed, as the protocol asks), path (only when it is ASCII: a path from
// the request URI is percent-decoded by URI.getPath() and its octets are not
// known), secure, http-only and persistent (HttpCookie documents a negative
// max-age as "until browser shutdown"). Host-only is not represented (the
// default domain is the request host, the same string a Domain attribute
// gives), and expiry is relative to the real clock: both are left out.
//
// The JDK has no persistence format, no end of session for an in-memory
// CookieManager, no SameSite and no non-HTTP API: those ops are
// "unsupported" (and never sent, per the capabilities).
//
// Compiled by the harness with
//   javac -d target/shims/java-cookiemanager CookieManagerShim.java
// and started as `java -cp target/shims/java-cookiemanager CookieManagerShim`.

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

public class CookieManagerShim {
    static final int PROTOCOL = 1;
    static final String NAME = "java-cookiemanager";

    /** An answer that is not success: its kind and message. */
    static final class ShimError extends Exception {
        private static final long serialVersionUID = 1L;
        final String kind;

        ShimError(String kind, String message) {
            super(message);
            this.kind = kind;
        }
    }

    static ShimError badRequest(String message) {
        return new ShimError("bad-request", message);
    }

    static ShimError failed(Throwable t) {
        return new ShimError("failed", t.toString());
    }

    private CookieManager manager = new CookieManager();

    // ---------------------------------------------------------------- ops

    Map<String, Object> hello(Map<String, Object> msg) {
        Map<String, Object> caps = new LinkedHashMap<>();
        String profile = System.getenv("COOKIECHECK_PROFILE");
        caps.put("profile", profile == null || profile.isEmpty() ? "rfc6265" : profile);
        caps.put("clock", false);
        caps.put("list-cookies", true);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("protocol", PROTOCOL);
        body.put("subject", NAME);
        body.put("capabilities", caps);
        return body;
    }

    Map<String, Object> reset(Map<String, Object> msg) {
        manager = new CookieManager();
        return new LinkedHashMap<>();
    }

    Map<String, Object> set(Map<String, Object> msg) throws ShimError {
        URI uri = requestUri(msg);
        Object raw = msg.get("lines");
        if (!(raw instanceof List)) {
            throw badRequest("`lines` is missing or not an array");
        }
        List<String> values = new ArrayList<>();
        for (Object line : (List<?>) raw) {
            if (!(line instanceof String)) {
                throw badRequest("`lines` holds a non-string");
            }
            values.add(new String(fromHex((String) line), StandardCharsets.ISO_8859_1));
        }
        // The response headers as HttpHeaders.map() gives them: a
        // case-insensitive map, one entry per field name.
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (!values.isEmpty()) {
            headers.put("Set-Cookie", values);
        }
        try {
            manager.put(uri, headers);
        } catch (IOException | RuntimeException e) {
            throw failed(e);
        }
        return new LinkedHashMap<>();
    }

    Map<String, Object> get(Map<String, Object> msg) throws ShimError {
        URI uri = requestUri(msg);
        Map<String, List<String>> returned;
        try {
            returned = manager.get(uri, new TreeMap<>(String.CASE_INSENSITIVE_ORDER));
        } catch (IOException | RuntimeException e) {
            throw failed(e);
        }
        // CookieFilter.request: the values of "Cookie" and "Cookie2" entries
        // that are valid header values become system headers;
        // Http1Request.collectCookies joins the "Cookie" ones with "; ".
        StringBuilder sb = new StringBuilder();
        boolean found = false;
        for (Map.Entry<String, List<String>> entry : returned.entrySet()) {
            String name = entry.getKey();
            if (!name.equalsIgnoreCase("Cookie")) {
                continue; // "Cookie2" would be a separate field; not the Cookie header
            }
            List<String> vals = entry.getValue();
            if (vals == null) {
                continue;
            }
            for (String val : vals) {
                if (!isValidHeaderValue(name, val)) {
                    System.err.println(NAME + ": the client drops an invalid Cookie value");
                    continue;
                }
                if (found) {
                    sb.append(';').append(' ');
                }
                found = true;
                sb.append(val);
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        if (!found || sb.length() == 0) {
            body.put("header", null);
        } else {
            body.put("header", toHex(sb.toString().getBytes(StandardCharsets.US_ASCII)));
        }
        return body;
    }

    Map<String, Object> cookies(Map<String, Object> msg) throws ShimError {
        List<Object> out = new ArrayList<>();
        List<HttpCookie> stored;
        try {
            stored = manager.getCookieStore().getCookies();
        } catch (RuntimeException e) {
            throw failed(e);
        }
        for (HttpCookie c : stored) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", toHex(c.getName().getBytes(StandardCharsets.ISO_8859_1)));
            String value = c.getValue() == null ? "" : c.getValue();
            entry.put("value", toHex(value.getBytes(StandardCharsets.ISO_8859_1)));
            String domain = c.getDomain();
            if (domain != null) {
                entry.put("domain", domain.startsWith(".") ? domain.substring(1) : domain);
            }
            String path = c.getPath();
            if (path != null && isAscii(path)) {
                entry.put("path", toHex(path.getBytes(StandardCharsets.US_ASCII)));
            }
            entry.put("secure", c.getSecure());
            entry.put("http-only", c.isHttpOnly());
            entry.put("persistent", c.getMaxAge() >= 0);
            out.add(entry);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("cookies", out);
        return body;
    }

    // ---------------------------------------------------------- plumbing

    /** The request URI the client hands to its CookieHandler. */
    static URI requestUri(Map<String, Object> msg) throws ShimError {
        Object raw = msg.get("url");
        if (!(raw instanceof String)) {
            throw badRequest("`url` is missing or not a string");
        }
        String url = (String) raw;
        URI uri;
        try {
            uri = new URI(url);
            String scheme = uri.getScheme();
            if (scheme != null && (scheme.equalsIgnoreCase("ws") || scheme.equalsIgnoreCase("wss"))) {
                // OpeningHandshake.createRequestURI (JDK 17).
                String s = uri.toString();
                uri = new URI(scheme.equalsIgnoreCase("ws") ? "http" + s.substring(2) : "https" + s.substring(3));
            }
            // The client's own check of a request URI (HttpRequestBuilderImpl.checkURI).
            uri = HttpRequest.newBuilder(uri).build().uri();
        } catch (URISyntaxException | RuntimeException e) {
            throw failed(e);
        }
        return uri;
    }

    /** Utils.isValidValue, asked through the public request builder that applies it. */
    static boolean isValidHeaderValue(String name, String value) {
        try {
            HttpRequest.newBuilder().header(name, value);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7f) {
                return false;
            }
        }
        return true;
    }

    static byte[] fromHex(String hex) throws ShimError {
        if (hex.length() % 2 != 0) {
            throw badRequest("odd-length hex");
        }
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            int hi = Character.digit(hex.charAt(2 * i), 16);
            int lo = Character.digit(hex.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0 || hex.charAt(2 * i) > 0x7f || hex.charAt(2 * i + 1) > 0x7f) {
                throw badRequest("bad hex digit");
            }
            out[i] = (byte) ((hi << 4) | lo);
        }
        return out;
    }

    static final char[] HEX = "0123456789abcdef".toCharArray();

    static String toHex(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            sb.append(HEX[(b >> 4) & 0xf]).append(HEX[b & 0xf]);
        }
        return sb.toString();
    }

    // -------------------------------------------------------------- JSON

    /** A strict JSON reader: one value, then only whitespace. */
    static final class Json {
        private final String s;
        private int i;

        private Json(String s) {
            this.s = s;
        }

        static Object parse(String text) throws ShimError {
            Json p = new Json(text);
            p.ws();
            Object v = p.value(0);
            p.ws();
            if (p.i != p.s.length()) {
                throw p.error("trailing characters");
            }
            return v;
        }

        private ShimError error(String what) {
            return badRequest("JSON: " + what + " at offset " + i);
        }

        private void ws() {
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                    i++;
                } else {
                    break;
                }
            }
        }

        private Object value(int depth) throws ShimError {
            if (depth > 64) {
                throw error("nesting too deep");
            }
            if (i >= s.length()) {
                throw error("unexpected end");
            }
            char c = s.charAt(i);
            switch (c) {
                case '{': return object(depth);
                case '[': return array(depth);
                case '"': return string();
                case 't': return literal("true", Boolean.TRUE);
                case 'f': return literal("false", Boolean.FALSE);
                case 'n': return literal("null", null);
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        return number();
                    }
                    throw error("unexpected character");
            }
        }

        private Object literal(String word, Object v) throws ShimError {
            if (!s.startsWith(word, i)) {
                throw error("bad literal");
            }
            i += word.length();
            return v;
        }

        private Map<String, Object> object(int depth) throws ShimError {
            Map<String, Object> m = new LinkedHashMap<>();
            i++; // {
            ws();
            if (i < s.length() && s.charAt(i) == '}') {
                i++;
                return m;
            }
            while (true) {
                ws();
                if (i >= s.length() || s.charAt(i) != '"') {
                    throw error("expected a member name");
                }
                String key = string();
                ws();
                if (i >= s.length() || s.charAt(i) != ':') {
                    throw error("expected ':'");
                }
                i++;
                ws();
                Object v = value(depth + 1);
                if (m.containsKey(key)) {
                    throw error("duplicate member " + key);
                }
                m.put(key, v);
                ws();
                if (i >= s.length()) {
                    throw error("unexpected end");
                }
                char c = s.charAt(i++);
                if (c == '}') {
                    return m;
                }
                if (c != ',') {
                    throw error("expected ',' or '}'");
                }
            }
        }

        private List<Object> array(int depth) throws ShimError {
            List<Object> a = new ArrayList<>();
            i++; // [
            ws();
            if (i < s.length() && s.charAt(i) == ']') {
                i++;
                return a;
            }
            while (true) {
                ws();
                a.add(value(depth + 1));
                ws();
                if (i >= s.length()) {
                    throw error("unexpected end");
                }
                char c = s.charAt(i++);
                if (c == ']') {
                    return a;
                }
                if (c != ',') {
                    throw error("expected ',' or ']'");
                }
            }
        }

        private String string() throws ShimError {
            i++; // "
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (i >= s.length()) {
                    throw error("unterminated string");
                }
                char c = s.charAt(i++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c < 0x20) {
                    throw error("control character in string");
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                if (i >= s.length()) {
                    throw error("unterminated escape");
                }
                char e = s.charAt(i++);
                switch (e) {
                    case '"': sb.append('"'); break;
                    case '\\': sb.append('\\'); break;
                    case '/': sb.append('/'); break;
                    case 'b': sb.append('\b'); break;
                    case 'f': sb.append('\f'); break;
                    case 'n': sb.append('\n'); break;
                    case 'r': sb.append('\r'); break;
                    case 't': sb.append('\t'); break;
                    case 'u': {
                        if (i + 4 > s.length()) {
                            throw error("short \\u escape");
                        }
                        int code = 0;
                        for (int k = 0; k < 4; k++) {
                            int d = Character.digit(s.charAt(i + k), 16);
                            if (d < 0 || s.charAt(i + k) > 0x7f) {
                                throw error("bad \\u escape");
                            }
                            code = code * 16 + d;
                        }
                        i += 4;
                        sb.append((char) code);
                        break;
                    }
                    default:
                        throw error("bad escape");
                }
            }
        }

        private Object number() throws ShimError {
            int start = i;
            if (s.charAt(i) == '-') {
                i++;
            }
            if (i >= s.length()) {
                throw error("bad number");
            }
            if (s.charAt(i) == '0') {
                i++;
            } else if (s.charAt(i) >= '1' && s.charAt(i) <= '9') {
                while (i < s.length() && Character.isDigit(s.charAt(i)) && s.charAt(i) <= '9') {
                    i++;
                }
            } else {
                throw error("bad number");
            }
            boolean integral = true;
            if (i < s.length() && s.charAt(i) == '.') {
                integral = false;
                i++;
                int d = i;
                while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                    i++;
                }
                if (i == d) {
                    throw error("bad fraction");
                }
            }
            if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
                integral = false;
                i++;
                if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                    i++;
                }
                int d = i;
                while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                    i++;
                }
                if (i == d) {
                    throw error("bad exponent");
                }
            }
            String text = s.substring(start, i);
            if (integral) {
                try {
                    return Long.parseLong(text);
                } catch (NumberFormatException e) {
                    // out of the long range: kept as a double
                }
            }
            return Double.parseDouble(text);
        }

        /** Writes a value of Map, List, String, Number, Boolean or null. */
        static void write(StringBuilder sb, Object v) {
            if (v == null) {
                sb.append("null");
            } else if (v instanceof String) {
                writeString(sb, (String) v);
            } else if (v instanceof Boolean || v instanceof Long || v instanceof Integer) {
                sb.append(v.toString());
            } else if (v instanceof Map) {
                sb.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                    if (!first) {
                        sb.append(',');
                    }
                    first = false;
                    writeString(sb, (String) e.getKey());
                    sb.append(':');
                    write(sb, e.getValue());
                }
                sb.append('}');
            } else if (v instanceof List) {
                sb.append('[');
                boolean first = true;
                for (Object o : (List<?>) v) {
                    if (!first) {
                        sb.append(',');
                    }
                    first = false;
                    write(sb, o);
                }
                sb.append(']');
            } else {
                throw new IllegalArgumentException("cannot write " + v.getClass());
            }
        }

        static void writeString(StringBuilder sb, String s) {
            sb.append('"');
            for (int k = 0; k < s.length(); k++) {
                char c = s.charAt(k);
                switch (c) {
                    case '"': sb.append("\\\""); break;
                    case '\\': sb.append("\\\\"); break;
                    case '\n': sb.append("\\n"); break;
                    case '\r': sb.append("\\r"); break;
                    case '\t': sb.append("\\t"); break;
                    case '\b': sb.append("\\b"); break;
                    case '\f': sb.append("\\f"); break;
                    default:
                        if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                            sb.append(String.format("\\u%04x", (int) c));
                        } else {
                            sb.append(c);
                        }
                }
            }
            sb.append('"');
        }
    }

    // -------------------------------------------------------------- main

    private static PrintWriter out;

    static void answer(Object id, Map<String, Object> body) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.putAll(body);
        StringBuilder sb = new StringBuilder();
        Json.write(sb, m);
        out.print(sb);
        out.print('\n');
        out.flush();
    }

    static void fail(Object id, ShimError e) {
        Map<String, Object> err = new LinkedHashMap<>();
        err.put("kind", e.kind);
        err.put("message", e.getMessage() == null ? "" : e.getMessage());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ok", false);
        body.put("error", err);
        answer(id, body);
    }

    Map<String, Object> dispatch(String op, Map<String, Object> msg) throws ShimError {
        switch (op) {
            case "hello": return hello(msg);
            case "reset": return reset(msg);
            case "set": return set(msg);
            case "get": return get(msg);
            case "advance":
                // HttpCookie reads System.currentTimeMillis (clock: false).
                throw new ShimError("unsupported", "java.net.HttpCookie reads its own clock");
            case "cookies": return cookies(msg);
            case "end-session":
                throw new ShimError("unsupported", "an in-memory CookieManager has no end of session");
            case "reload":
                throw new ShimError("unsupported", "java.net.CookieManager has no persistence format");
            case "parse":
                throw new ShimError("unsupported", "java.net.CookieManager is a jar, not a parser-only subject");
            default:
                throw badRequest("unknown op " + op);
        }
    }

    public static void main(String[] args) throws IOException {
        out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), false);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        CookieManagerShim shim = new CookieManagerShim();
        String line;
        while ((line = in.readLine()) != null) {
            if (line.trim().isEmpty()) {
                continue;
            }
            Map<String, Object> msg;
            Object id;
            String op;
            try {
                Object parsed = Json.parse(line);
                if (!(parsed instanceof Map)) {
                    throw badRequest("the request is not an object");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) parsed;
                msg = m;
                Object rawId = msg.get("id");
                if (!(rawId instanceof Long)) {
                    throw badRequest("the request has no integer `id`");
                }
                id = rawId;
                Object rawOp = msg.get("op");
                if (!(rawOp instanceof String)) {
                    fail(id, badRequest("the request has no string `op`"));
                    continue;
                }
                op = (String) rawOp;
            } catch (ShimError e) {
                fail(null, e);
                continue;
            }
            if (op.equals("quit")) {
                return;
            }
            try {
                Map<String, Object> body = shim.dispatch(op, msg);
                Map<String, Object> ok = new LinkedHashMap<>();
                ok.put("ok", true);
                ok.putAll(body);
                answer(id, ok);
            } catch (ShimError e) {
                fail(id, e);
            } catch (RuntimeException | Error e) {
                // The JDK threw where the shim did not expect it: a crash finding.
                fail(id, failed(e));
            }
        }
    }
}
