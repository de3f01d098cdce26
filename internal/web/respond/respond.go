// Package respond writes every HTTP response of the web app: HTML pages,
// JSON, files and errors. Each response goes through here so that all of
// them carry the same security headers, errors are logged once with the
// request's ID, and error bodies never leak internals.
//
// Bodies of text, scripts, JSON and SVG are gzipped for clients that
// accept it (compress.go).
//
// Handlers call HTML, JSON, File, Asset or Error; the request's logger, ID
// and error page come from the context the server's middleware sets with
// With.
package respond

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Policies for Content-Security-Policy.
const (
	// PagePolicy is the policy of our own pages: everything from our origin,
	// no inline script or style, no framing.
	PagePolicy = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; " +
		"form-action 'self'; frame-ancestors 'none'"
	// DocumentPolicy is the policy of bytes we did not write (an original
	// document, a self-contained report): a sandbox without scripts that
	// may only use its own inline styles and images.
	DocumentPolicy = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'"
)

// Request is what the responses of one request need to know about it.
type Request struct {
	ID  string       // request ID, also sent as X-Request-ID
	Log *slog.Logger // logger that already carries the request ID
	// ErrorPage renders the HTML error page of p into w. It is given the
	// request as it stands when the error is written, so the page can show
	// who is signed in; nil writes a plain page.
	ErrorPage func(w io.Writer, r *http.Request, p *Problem) error
}

type requestKey struct{}

// With returns ctx carrying req for the responses of that request.
func With(ctx context.Context, req Request) context.Context {
	return context.WithValue(ctx, requestKey{}, req)
}

// From returns the Request set by With, or one that logs to the default
// logger.
func From(ctx context.Context) Request {
	if req, ok := ctx.Value(requestKey{}).(Request); ok && req.Log != nil {
		return req
	}
	return Request{Log: slog.Default()}
}

// SecurityHeaders sets the headers every response carries, with the given
// Content-Security-Policy.
func SecurityHeaders(h http.Header, policy string) {
	h.Set("Content-Security-Policy", policy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
}

// HTML renders tmpl with data as a page. The page is rendered in full
// before anything is written, so a template failure is a clean 500.
func HTML(w http.ResponseWriter, r *http.Request, status int, tmpl *template.Template, data any) {
	buf, ok := render(w, r, tmpl, data)
	if !ok {
		return
	}
	defer putPageBuffer(buf)
	h := w.Header()
	SecurityHeaders(h, PagePolicy)
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Vary", "Cookie")
	send(w, r, status, buf.Bytes())
}

// pageBuffers hold pages while they are rendered: a page of hundreds of
// kilobytes (/my of a unit in many plans) otherwise grows a new buffer by
// doubling, copy after copy, on every view. send is done with the bytes
// when it returns (the connection's writer or gzip copied them).
var pageBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// putPageBuffer returns buf to the pool unless it grew past what is
// worth keeping between requests.
func putPageBuffer(buf *bytes.Buffer) {
	if buf.Cap() <= 4<<20 {
		pageBuffers.Put(buf)
	}
}

// JSON writes v as JSON: compact (indenting was a third of a plan list's
// cost), or indented for people reading it with ?pretty=1.
func JSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	var body []byte
	var err error
	if r.URL.Query().Get("pretty") == "1" {
		body, err = json.MarshalIndent(v, "", " ")
	} else {
		body, err = json.Marshal(v)
	}
	if err != nil {
		Error(w, r, fmt.Errorf("encode json: %w", err))
		return
	}
	writeJSON(w, r, status, append(body, '\n'))
}

func writeJSON(w http.ResponseWriter, r *http.Request, status int, body []byte) {
	h := w.Header()
	SecurityHeaders(h, "default-src 'none'; frame-ancestors 'none'")
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	send(w, r, status, body)
}

// Redirect sends the browser to target (a local path) with status, 303
// after a form is handled: the browser then GETs target.
func Redirect(w http.ResponseWriter, r *http.Request, target string, status int) {
	h := w.Header()
	SecurityHeaders(h, PagePolicy)
	h.Set("Cache-Control", "no-store")
	http.Redirect(w, r, target, status)
}

// File describes a response made of bytes: a download or a document shown
// as it is.
type File struct {
	Name        string // the file name offered to save as; "" for none
	ContentType string
	Inline      bool // show in the browser rather than save
	// Foreign marks bytes we did not write: they get DocumentPolicy, a
	// sandbox with no scripts.
	Foreign bool
}

// Bytes writes body as the file f describes.
func Bytes(w http.ResponseWriter, r *http.Request, f File, body []byte) {
	h := w.Header()
	policy := PagePolicy
	if f.Foreign || f.Inline {
		policy = DocumentPolicy
	}
	SecurityHeaders(h, policy)
	h.Set("Content-Type", f.ContentType)
	h.Set("Cache-Control", "no-store")
	disp := "attachment"
	if f.Inline {
		disp = "inline"
	}
	if f.Name != "" {
		disp = mime.FormatMediaType(disp, map[string]string{"filename": f.Name})
		if disp == "" { // not encodable: offer the ASCII fallback only
			disp = "attachment; filename=download"
		}
	}
	h.Set("Content-Disposition", disp)
	send(w, r, http.StatusOK, body)
}

// Problem is an error with the status, code and message a client sees.
// Err, if any, is the cause that gets logged; it is never shown.
type Problem struct {
	Status  int
	Code    string // not_found, bad_request, unavailable, internal …
	Message string
	// Local, when set, is Message in the language of the request's pages
	// (the web app's error page shows it); Message itself stays the
	// stable English of the API.
	Local string
	Err   error
	// RetryAfter, when set, is sent as Retry-After (whole seconds): how
	// long a client should wait before asking again.
	RetryAfter time.Duration
}

func (p *Problem) Error() string {
	if p.Err != nil {
		return p.Message + ": " + p.Err.Error()
	}
	return p.Message
}

func (p *Problem) Unwrap() error { return p.Err }

// NotFound is a 404 problem.
func NotFound(msg string, err error) error {
	return &Problem{Status: http.StatusNotFound, Code: "not_found", Message: msg, Err: err}
}

// BadRequest is a 400 problem: the request's parameters are wrong.
func BadRequest(msg string) error {
	return &Problem{Status: http.StatusBadRequest, Code: "bad_request", Message: msg}
}

// Unavailable is a 503 problem: something the server needs is missing.
func Unavailable(msg string, err error) error {
	return &Problem{Status: http.StatusServiceUnavailable, Code: "unavailable", Message: msg, Err: err}
}

// Unauthorized is a 401 problem: the request needs a signed-in user.
func Unauthorized(msg string) error {
	return &Problem{Status: http.StatusUnauthorized, Code: "unauthorized", Message: msg}
}

// Forbidden is a 403 problem: the signed-in user may not do this.
func Forbidden(msg string) error {
	return &Problem{Status: http.StatusForbidden, Code: "forbidden", Message: msg}
}

// Localize sets the page-language message of err when it is a Problem,
// and returns err.
func Localize(err error, local string) error {
	var p *Problem
	if errors.As(err, &p) {
		p.Local = local
	}
	return err
}

// MethodNotAllowed is a 405 problem.
func MethodNotAllowed(method string) error {
	return &Problem{Status: http.StatusMethodNotAllowed, Code: "method_not_allowed",
		Message: "method " + method + " is not allowed here"}
}

// Error logs err once with the request's ID and writes a clean error: a
// JSON body {"error":{"code","message"}} for /api paths and for clients
// that ask for JSON, an HTML page otherwise. Errors that are not a Problem
// are 500s whose message says nothing of the cause; a cancelled request
// (the client went away) is logged at debug level and gets no body.
func Error(w http.ResponseWriter, r *http.Request, err error) {
	req := From(r.Context())
	var p *Problem
	if !errors.As(err, &p) {
		p = &Problem{Status: http.StatusInternalServerError, Code: "internal", Message: "internal error", Err: err}
	}
	// req.Log carries the request ID already.
	attrs := []any{"method", r.Method, "path", r.URL.Path, "status", p.Status, "err", err}
	switch {
	case errors.Is(err, context.Canceled) && r.Context().Err() != nil:
		req.Log.Debug("request cancelled", attrs...)
		return
	case p.Status >= 500:
		req.Log.Error("request failed", attrs...)
	default:
		req.Log.Debug("request refused", attrs...)
	}
	if p.Status == http.StatusMethodNotAllowed {
		w.Header().Set("Allow", "GET, HEAD")
	}
	if p.RetryAfter > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(int((p.RetryAfter+time.Second-1)/time.Second)))
	}
	if wantsJSON(r) {
		body, _ := json.Marshal(map[string]any{"error": map[string]string{"code": p.Code, "message": p.Message}})
		writeJSON(w, r, p.Status, append(body, '\n'))
		return
	}
	var buf bytes.Buffer
	if req.ErrorPage == nil || req.ErrorPage(&buf, r, p) != nil {
		buf.Reset()
		fmt.Fprintf(&buf, "<!doctype html><meta charset=utf-8><title>%d</title><h1>%d %s</h1><p>%s</p>\n",
			p.Status, p.Status, template.HTMLEscapeString(http.StatusText(p.Status)), template.HTMLEscapeString(p.Message))
	}
	h := w.Header()
	SecurityHeaders(h, PagePolicy)
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	send(w, r, p.Status, buf.Bytes())
}

// wantsJSON reports whether the error should be JSON: on /api paths and the
// probes, or when the client accepts JSON but not HTML.
func wantsJSON(r *http.Request) bool {
	// The API, and the probes that load balancers and monitors read.
	if strings.HasPrefix(r.URL.Path, "/api/") || r.URL.Path == "/healthz" || r.URL.Path == "/readyz" {
		return true
	}
	accept := r.Header.Get("Accept")
	return strings.Contains(accept, "application/json") && !strings.Contains(accept, "text/html")
}

// render executes tmpl into a pooled buffer, which the caller returns with
// putPageBuffer; on a template failure it answers 500 and reports false.
func render(w http.ResponseWriter, r *http.Request, tmpl *template.Template, data any) (*bytes.Buffer, bool) {
	buf := pageBuffers.Get().(*bytes.Buffer)
	buf.Reset()
	if err := tmpl.Execute(buf, data); err != nil {
		putPageBuffer(buf)
		Error(w, r, fmt.Errorf("render %s: %w", tmpl.Name(), err))
		return nil, false
	}
	return buf, true
}
