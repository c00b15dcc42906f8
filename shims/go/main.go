// Command go-cookiejar is a cookiecheck process subject: the Go standard
// library's net/http/cookiejar.Jar.
//
// It speaks the JSON-lines protocol of docs/protocol.md (version 1) on stdin
// and stdout. The shim translates only, the way net/http.Client drives its
// Jar: the Set-Cookie field values of a response are parsed by
// (*http.Response).Cookies() (net/http's own Set-Cookie parser) and handed to
// Jar.SetCookies with the request URL; the Cookie header is what
// (*http.Request).AddCookie builds from Jar.Cookies(url), in that order.
// Header octets travel as Go strings (bytes), unchanged.
//
// Public suffixes: the jar is built with cookiejar.New(nil), that is without
// a PublicSuffixList. The standard library ships none (the usual one is
// golang.org/x/net/publicsuffix, outside the standard library), and the shim
// has no external dependencies, so it declares public-suffix: false.
//
// Clock: the jar reads time.Now() in SetCookies and Cookies; the variants
// that take a time are unexported, so the shim declares clock: false and
// ignores `now`.
//
// The jar has no way to list its cookies, no persistence and no notion of a
// session end, and it does not know SameSite or non-HTTP APIs: those
// operations answer "unsupported" (or are never sent, per the capabilities).
//
// Built and started by crates/adapters/src/process.rs (go build, then the
// binary); by hand: go run ./shims/go
package main

import (
	"bufio"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"strings"
)

const (
	protocol = 1
	name     = "go-cookiejar"
)

type request struct {
	ID    *int64   `json:"id"`
	Op    string   `json:"op"`
	URL   string   `json:"url"`
	Lines []string `json:"lines"`
}

type shimError struct {
	kind    string
	message string
}

func (e *shimError) Error() string { return e.message }

func failed(format string, args ...any) *shimError {
	return &shimError{"failed", fmt.Sprintf(format, args...)}
}

func badRequest(format string, args ...any) *shimError {
	return &shimError{"bad-request", fmt.Sprintf(format, args...)}
}

func newJar() *cookiejar.Jar {
	// cookiejar.New never fails (its error result is always nil).
	jar, err := cookiejar.New(nil)
	if err != nil {
		panic(err)
	}
	return jar
}

type shim struct {
	jar *cookiejar.Jar
}

func profile() string {
	if p := os.Getenv("COOKIECHECK_PROFILE"); p != "" {
		return p
	}
	// The package documents itself as "an in-memory RFC 6265-compliant
	// http.CookieJar".
	return "rfc6265"
}

func (s *shim) hello(*request) (map[string]any, *shimError) {
	return map[string]any{
		"protocol": protocol,
		"subject":  name,
		"capabilities": map[string]any{
			"profile":       profile(),
			"clock":         false,
			"public-suffix": false,
		},
	}, nil
}

func (s *shim) reset(*request) (map[string]any, *shimError) {
	s.jar = newJar()
	return map[string]any{}, nil
}

func requestURL(r *request) (*url.URL, *shimError) {
	if r.URL == "" {
		return nil, badRequest("`url` is missing")
	}
	u, err := url.Parse(r.URL)
	if err != nil {
		// net/http could not have made this request at all.
		return nil, failed("url.Parse: %v", err)
	}
	return u, nil
}

func (s *shim) set(r *request) (map[string]any, *shimError) {
	u, e := requestURL(r)
	if e != nil {
		return nil, e
	}
	if r.Lines == nil {
		return nil, badRequest("`lines` is missing")
	}
	header := http.Header{}
	for _, h := range r.Lines {
		line, err := hex.DecodeString(h)
		if err != nil {
			return nil, badRequest("bad hex in `lines`: %v", err)
		}
		header["Set-Cookie"] = append(header["Set-Cookie"], string(line))
	}
	// As net/http.Client does after each response: the response's parsed
	// cookies go to the jar under the request's URL.
	resp := &http.Response{Header: header}
	if cookies := resp.Cookies(); len(cookies) > 0 {
		s.jar.SetCookies(u, cookies)
	}
	return map[string]any{}, nil
}

func (s *shim) get(r *request) (map[string]any, *shimError) {
	u, e := requestURL(r)
	if e != nil {
		return nil, e
	}
	// As net/http.Client does before each request.
	req := &http.Request{URL: u, Header: http.Header{}}
	for _, c := range s.jar.Cookies(u) {
		req.AddCookie(c)
	}
	header := req.Header.Get("Cookie")
	if header == "" {
		return map[string]any{"header": nil}, nil
	}
	return map[string]any{"header": hex.EncodeToString([]byte(header))}, nil
}

func unsupported(what string) func(*shim, *request) (map[string]any, *shimError) {
	return func(*shim, *request) (map[string]any, *shimError) {
		return nil, &shimError{"unsupported", what}
	}
}

var ops = map[string]func(*shim, *request) (map[string]any, *shimError){
	"hello":       (*shim).hello,
	"reset":       (*shim).reset,
	"set":         (*shim).set,
	"get":         (*shim).get,
	"advance":     unsupported("net/http/cookiejar reads its own clock (time.Now)"),
	"end-session": unsupported("net/http/cookiejar has no end of session"),
	"reload":      unsupported("net/http/cookiejar has no persistence"),
	"cookies":     unsupported("net/http/cookiejar cannot list its cookies"),
	"parse":       unsupported("net/http/cookiejar is a jar, not a parser-only subject"),
}

// run answers one request; a panic inside the jar is a "failed" answer.
func (s *shim) run(op func(*shim, *request) (map[string]any, *shimError), r *request) (body map[string]any, e *shimError) {
	defer func() {
		if p := recover(); p != nil {
			body, e = nil, failed("panic: %v", p)
		}
	}()
	return op(s, r)
}

func main() {
	in := bufio.NewReader(os.Stdin)
	out := bufio.NewWriter(os.Stdout)
	answer := func(id *int64, body map[string]any) {
		if id == nil {
			body["id"] = nil
		} else {
			body["id"] = *id
		}
		text, err := json.Marshal(body)
		if err != nil {
			fmt.Fprintf(os.Stderr, "go-cookiejar: cannot encode a response: %v\n", err)
			os.Exit(1)
		}
		out.Write(text)
		out.WriteByte('\n')
		out.Flush()
	}
	fail := func(id *int64, e *shimError) {
		answer(id, map[string]any{
			"ok":    false,
			"error": map[string]any{"kind": e.kind, "message": e.message},
		})
	}
	s := &shim{jar: newJar()}
	for {
		raw, err := in.ReadString('\n')
		if raw == "" && err != nil {
			return
		}
		line := strings.TrimRight(raw, "\r\n")
		if strings.TrimSpace(line) == "" {
			continue
		}
		var r request
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			fail(nil, badRequest("%v", err))
			continue
		}
		if r.ID == nil {
			fail(nil, badRequest("the request has no integer `id`"))
			continue
		}
		if r.Op == "quit" {
			return
		}
		op, ok := ops[r.Op]
		if !ok {
			fail(r.ID, badRequest("unknown op %q", r.Op))
			continue
		}
		body, e := s.run(op, &r)
		if e != nil {
			fail(r.ID, e)
			continue
		}
		body["ok"] = true
		answer(r.ID, body)
	}
}
