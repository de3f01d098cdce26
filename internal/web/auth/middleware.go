package auth

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"planwatch/internal/store"
	"planwatch/internal/web/respond"
)

// CookieName is the session cookie.
const CookieName = "planwatch_session"

// CSRF token carriers: a header for scripts in the page (fetch), a hidden
// form field for forms.
const (
	CSRFHeader = "X-CSRF-Token"
	CSRFField  = "csrf_token"
)

// Service holds what the sign-in and request helpers share. The zero
// value is not usable; make one with New.
type Service struct {
	Store    *store.Store
	Now      func() time.Time // the clock for lockout and rate limits; nil means time.Now
	Limiter  *RateLimiter     // failed sign-ins per client address; nil means none
	Throttle *Throttle        // failed sign-ins per account and address; nil means none

	keyMu sync.Mutex
	key   []byte // CSRF HMAC key, loaded from the store on first use
}

// New returns a Service on st with the default sign-in limits: SignInRate
// failures per client address, and the Throttle per account and address.
func New(st *store.Store) *Service {
	return &Service{Store: st, Limiter: NewRateLimiter(SignInBurst, SignInRate), Throttle: NewThrottle()}
}

func (a *Service) now() time.Time {
	if a.Now != nil {
		return a.Now()
	}
	return time.Now()
}

// csrfKey returns the HMAC key, kept in the store (server_secrets) so
// every instance and every restart agrees on it.
func (a *Service) csrfKey(ctx context.Context) ([]byte, error) {
	a.keyMu.Lock()
	defer a.keyMu.Unlock()
	if a.key == nil {
		k, err := a.Store.ServerSecret(ctx, "csrf")
		if err != nil {
			return nil, err
		}
		a.key = k
	}
	return a.key, nil
}

// Identity is who made a request: the user, and how they proved it.
type Identity struct {
	User       store.User
	SessionID  string // the session's stored ID (token hash); "" for an API token
	APITokenID string // "" for a browser session
	csrfKey    []byte
}

type ctxKey int

const (
	identityKey ctxKey = iota
	requestKey
)

// requestInfo is what the audit log records about the request.
type requestInfo struct {
	id, ip string
}

// UserFrom returns the signed-in user of a request context.
func UserFrom(ctx context.Context) (*store.User, bool) {
	id := IdentityFrom(ctx)
	if id == nil {
		return nil, false
	}
	return &id.User, true
}

// IdentityFrom returns the request's identity, nil when nobody is signed in.
func IdentityFrom(ctx context.Context) *Identity {
	id, _ := ctx.Value(identityKey).(*Identity)
	return id
}

// WithRequest returns ctx carrying a request ID and client IP for the
// audit log (Middleware does this; the CLI and tests may too).
func WithRequest(ctx context.Context, requestID, ip string) context.Context {
	return context.WithValue(ctx, requestKey, requestInfo{id: requestID, ip: ip})
}

// Middleware loads the user of a request with the default Service; see
// Service.Middleware.
func Middleware(st *store.Store, next http.Handler) http.Handler {
	return New(st).Middleware(next)
}

// Middleware identifies the request's user — from "Authorization: Bearer
// <API token>", else from the session cookie — and puts the identity, the
// request ID (X-Request-ID when sane, else new) and the client IP in the
// request context. It answers by itself:
//
//   - 401 for a Bearer token that is unknown, expired or of a disabled
//     account (scripts must not silently act anonymously);
//   - 403 for a POST, PUT, PATCH or DELETE from a browser session without
//     the session's CSRF token (CheckCSRF), or with an Origin header naming
//     another site.
//
// A stale session cookie is cleared and the request goes on anonymous.
// The server must bound request bodies before this handler, which may
// read a form to find the CSRF field.
func (a *Service) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := WithRequest(r.Context(), requestID(r), ClientIP(r))
		unsafe := !safeMethod(r.Method)
		if tok, ok := bearer(r); ok {
			t, u, err := a.Store.APITokenUser(ctx, tok)
			if err != nil && !errors.Is(err, store.ErrNotFound) {
				respond.Error(w, r, unavailable(err))
				return
			}
			if err != nil {
				w.Header().Set("WWW-Authenticate", `Bearer realm="planwatch"`)
				respond.Error(w, r, respond.Unauthorized(msgBadToken))
				return
			}
			ctx = context.WithValue(ctx, identityKey, &Identity{User: u, APITokenID: t.ID})
			next.ServeHTTP(w, r.WithContext(ctx))
			return
		}
		if unsafe && !sameOrigin(r) {
			respond.Error(w, r, respond.Forbidden(msgCrossSite))
			return
		}
		if c, err := r.Cookie(CookieName); err == nil && c.Value != "" {
			ss, u, err := a.Store.SessionByToken(ctx, c.Value)
			switch {
			case errors.Is(err, store.ErrNotFound):
				ClearSessionCookie(w, r)
			case err != nil:
				respond.Error(w, r, unavailable(fmt.Errorf("session: %w", err)))
				return
			default:
				key, err := a.csrfKey(ctx)
				if err != nil {
					respond.Error(w, r, unavailable(fmt.Errorf("CSRF key: %w", err)))
					return
				}
				ctx = context.WithValue(ctx, identityKey, &Identity{User: u, SessionID: ss.ID, csrfKey: key})
			}
		}
		r = r.WithContext(ctx)
		if err := CheckCSRF(r); err != nil {
			var fe *FormError
			if errors.As(err, &fe) {
				// Not a forgery: a form no browser-made request would be
				// refused for its token would mislead whoever sent it.
				respond.Error(w, r, fe.Problem())
				return
			}
			respond.Error(w, r, respond.Forbidden(msgCSRF))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// WithSession returns r carrying the identity of its session cookie when
// it has none yet and the cookie names a live session; else r as it is.
// It answers nothing (no cookie cleared, no error written): pages written
// before the middleware ran, such as an error page for a body over its
// limit, use it to show the signed-in header all the same.
func (a *Service) WithSession(r *http.Request) *http.Request {
	if IdentityFrom(r.Context()) != nil {
		return r
	}
	c, err := r.Cookie(CookieName)
	if err != nil || c.Value == "" {
		return r
	}
	ss, u, err := a.Store.SessionByToken(r.Context(), c.Value)
	if err != nil {
		return r
	}
	key, err := a.csrfKey(r.Context())
	if err != nil {
		return r
	}
	return r.WithContext(context.WithValue(r.Context(), identityKey, &Identity{User: u, SessionID: ss.ID, csrfKey: key}))
}

// unavailable is the answer when the store cannot tell who is asking:
// the database is down or restarting (a JSON 503 for the API, a page
// otherwise), so clients retry rather than take it for a refusal.
func unavailable(err error) error {
	return respond.Unavailable("database unavailable, try again shortly", err)
}

// RequireUser answers 401 to a request without a signed-in user (pages may
// prefer to redirect to the sign-in page themselves).
func RequireUser(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if IdentityFrom(r.Context()) == nil {
			respond.Error(w, r, respond.Unauthorized(msgSignIn))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// The middleware's refusals, in both languages: it answers before the
// web app knows the page's language. They go through respond, so the API
// gets the JSON error shape and pages the error page.
const (
	msgBadToken  = "unknown or expired API token, or a disabled account (API 令牌无效或已过期，或账号已停用)"
	msgCrossSite = "cross-site request refused (拒绝跨站请求)"
	msgCSRF      = "missing or wrong CSRF token: reload the page and try again (安全令牌缺失或错误，请刷新页面后重试)"
	msgSignIn    = "sign in first (请先登录)"
)

// ErrCSRF is CheckCSRF's error.
var ErrCSRF = errors.New("missing or wrong CSRF token")

// multipartMemory is how much of a multipart form is kept in memory when
// the CSRF field is looked for (what Request.PostFormValue would keep).
const multipartMemory = 32 << 20

// FormError is CheckCSRF's error when the form cannot be read at all —
// a field or file name with a NUL or line break, a broken upload, a
// body over the route's limit — so there is no token to check.
type FormError struct{ Err error }

func (e *FormError) Error() string { return "read form: " + e.Err.Error() }
func (e *FormError) Unwrap() error { return e.Err }

// Problem is the answer to a form that cannot be read: 413 for a body
// over the limit, else 400 saying what is wrong in words the sender can
// act on (Go's own message quotes the raw header, control bytes and all).
func (e *FormError) Problem() error {
	var mbe *http.MaxBytesError
	if errors.As(e.Err, &mbe) {
		return &respond.Problem{Status: http.StatusRequestEntityTooLarge, Code: "too_large",
			Message: fmt.Sprintf("request body is too large: the limit is %d MiB (请求内容过大)", mbe.Limit>>20), Err: e.Err}
	}
	return &respond.Problem{Status: http.StatusBadRequest, Code: "bad_form", Err: e.Err, Message: MsgBadForm}
}

// MsgBadForm says why a form could not be read.
const MsgBadForm = "the form cannot be read: a file or field name holds a control character (NUL, a line break…), " +
	"or the upload is broken; rename the file and try again (表单无法读取：文件名或字段名含控制字符，或上传内容不完整；请重命名文件后重试)"

// readForm parses the request's form, multipart or not, reporting why it
// could not (PostFormValue would say nothing).
func readForm(r *http.Request) error {
	ct := r.Header.Get("Content-Type")
	if strings.HasPrefix(strings.ToLower(ct), "multipart/form-data") {
		if r.MultipartForm != nil {
			return nil
		}
		return r.ParseMultipartForm(multipartMemory)
	}
	return r.ParseForm()
}

// CSRFToken returns the token forms must send back (as the hidden field
// CSRFField or the header CSRFHeader): an HMAC of the session ID under the
// server key, so it differs between sessions and cannot be made without
// the key. Each call masks it afresh (a random mask, then the HMAC XORed
// with it): pages are gzipped, and a secret repeated byte for byte beside
// text an attacker can put in the page would let the compressed size tell
// it, guess by guess (BREACH). "" when the request has no browser session.
func CSRFToken(r *http.Request) string {
	sum := csrfSum(r)
	if sum == nil {
		return ""
	}
	out := make([]byte, 2*len(sum))
	rand.Read(out[:len(sum)]) // never fails (crypto/rand)
	for i, b := range sum {
		out[len(sum)+i] = b ^ out[i]
	}
	return base64.RawURLEncoding.EncodeToString(out)
}

// csrfSum is the session's CSRF HMAC; nil without a browser session.
func csrfSum(r *http.Request) []byte {
	id := IdentityFrom(r.Context())
	if id == nil || id.SessionID == "" || id.csrfKey == nil {
		return nil
	}
	m := hmac.New(sha256.New, id.csrfKey)
	m.Write([]byte("csrf\n" + id.SessionID))
	return m.Sum(nil)
}

// validCSRF reports whether got is a token of the session whose HMAC is
// want: masked as CSRFToken makes it, or bare (pages rendered before
// tokens were masked).
func validCSRF(got string, want []byte) bool {
	b, err := base64.RawURLEncoding.DecodeString(got)
	if err != nil {
		return false
	}
	switch len(b) {
	case 2 * len(want):
		mask, masked := b[:len(want)], b[len(want):]
		for i := range masked {
			masked[i] ^= mask[i]
		}
		return hmac.Equal(masked, want)
	case len(want):
		return hmac.Equal(b, want)
	}
	return false
}

// CheckCSRF checks a state-changing request of a browser session for its
// CSRF token (header first, then form field). Safe methods, anonymous
// requests and API-token requests pass: a Bearer token is never sent by a
// browser on its own, so it cannot be forged across sites.
func CheckCSRF(r *http.Request) error {
	if safeMethod(r.Method) {
		return nil
	}
	want := csrfSum(r)
	if want == nil {
		return nil
	}
	got := r.Header.Get(CSRFHeader)
	if got == "" {
		if err := readForm(r); err != nil {
			return &FormError{Err: err}
		}
		got = r.PostFormValue(CSRFField)
	}
	if !validCSRF(got, want) {
		return ErrCSRF
	}
	return nil
}

func safeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions || m == http.MethodTrace
}

// sameOrigin refuses an Origin header naming another host: browsers send
// it on cross-site POSTs, which covers the sign-in form too (no session,
// so no CSRF token yet). No Origin (old browsers, curl) passes.
func sameOrigin(r *http.Request) bool {
	o := r.Header.Get("Origin")
	if o == "" {
		return true
	}
	u, err := url.Parse(o)
	return err == nil && strings.EqualFold(u.Host, r.Host)
}

func bearer(r *http.Request) (string, bool) {
	h := r.Header.Get("Authorization")
	if len(h) > 7 && strings.EqualFold(h[:7], "bearer ") {
		return strings.TrimSpace(h[7:]), true
	}
	return "", false
}

// requestID keeps a caller's X-Request-ID when it is short and plain (it
// goes into the audit log), else makes one.
func requestID(r *http.Request) string {
	id := r.Header.Get("X-Request-ID")
	if id == "" || len(id) > 64 {
		return store.NewID()
	}
	for _, c := range id {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			return store.NewID()
		}
	}
	return id
}

// ClientIP is the address the request came from: RemoteAddr's host.
// Behind a reverse proxy the server should rewrite RemoteAddr from the
// proxy's header itself (only it knows which proxies to trust).
func ClientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// secure reports whether the browser reached us over HTTPS (directly, or
// through a TLS-terminating proxy that says so).
func secure(r *http.Request) bool {
	return r.TLS != nil || strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https")
}

// SetSessionCookie gives the browser its session token: HttpOnly (no
// script reads it), SameSite=Lax (not sent on cross-site POSTs), Secure
// over HTTPS, and no Max-Age, so it dies with the browser; the store
// enforces the idle and absolute limits.
func SetSessionCookie(w http.ResponseWriter, r *http.Request, token string) {
	http.SetCookie(w, &http.Cookie{Name: CookieName, Value: token, Path: "/", HttpOnly: true,
		Secure: secure(r), SameSite: http.SameSiteLaxMode})
}

// ClearSessionCookie removes the session cookie.
func ClearSessionCookie(w http.ResponseWriter, r *http.Request) {
	http.SetCookie(w, &http.Cookie{Name: CookieName, Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		Secure: secure(r), SameSite: http.SameSiteLaxMode})
}
