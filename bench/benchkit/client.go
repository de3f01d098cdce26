package benchkit

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"

	"planwatch/internal/store"
	"planwatch/internal/web/auth"
)

// Client is a signed-in user's HTTP client: pages with the session
// cookie (and its CSRF token for forms), the API with a Bearer token.
type Client struct {
	Base    string // http://127.0.0.1:port
	HTTP    *http.Client
	Session string // session cookie value
	Token   string // API token
	CSRF    string // the session's form token, read off a page by SignIn
}

// SignIn makes an account of the role (scoped to every plan unless admin) with a
// session and an API token, directly through the store as the sign-in
// form would, and reads the session's CSRF token off the search page.
func SignIn(ctx context.Context, st *store.Store, base, login, role string) (*Client, error) {
	var scopes []store.Scope
	if role != store.RoleAdmin {
		scopes = []store.Scope{{}} // every plan
	}
	u, err := st.CreateUser(ctx, store.User{Login: login, Name: login + "（压测）", Role: role, PasswordHash: "!",
		Scopes: scopes})
	if err != nil {
		return nil, fmt.Errorf("sign in %s: %w", login, err)
	}
	sess, err := st.CreateSession(ctx, u.ID, store.SessionAbsoluteTimeout, "bench", "127.0.0.1")
	if err != nil {
		return nil, fmt.Errorf("sign in %s: %w", login, err)
	}
	tok, _, err := st.CreateAPIToken(ctx, u.ID, "bench", 0)
	if err != nil {
		return nil, fmt.Errorf("sign in %s: %w", login, err)
	}
	c := &Client{Base: base, Session: sess, Token: tok, HTTP: &http.Client{
		Timeout:       time.Minute,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		Transport:     &http.Transport{MaxIdleConnsPerHost: 256, MaxConnsPerHost: 0},
	}}
	body, _, err := c.Get(ctx, "/search")
	if err != nil {
		return nil, fmt.Errorf("sign in %s: %w", login, err)
	}
	m := csrfField.FindSubmatch(body)
	if m == nil {
		return nil, fmt.Errorf("sign in %s: no CSRF token on the search page", login)
	}
	c.CSRF = string(m[1])
	return c, nil
}

var csrfField = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)

// Get fetches a page (with the session) or, under /api/, the API (with
// the token). It returns the body, the time to the last byte, and an
// error for a transport failure or a status other than 200.
func (c *Client) Get(ctx context.Context, path string) ([]byte, time.Duration, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.Base+path, nil)
	if err != nil {
		return nil, 0, err
	}
	return c.do(req, http.StatusOK)
}

// PostForm posts a form with the session and its CSRF token, expecting
// the 303 of a saved form.
func (c *Client) PostForm(ctx context.Context, path string, form url.Values) ([]byte, time.Duration, error) {
	form.Set("csrf_token", c.CSRF)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, c.Base+path, strings.NewReader(form.Encode()))
	if err != nil {
		return nil, 0, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return c.do(req, http.StatusSeeOther)
}

func (c *Client) do(req *http.Request, want int) ([]byte, time.Duration, error) {
	if strings.HasPrefix(req.URL.Path, "/api/") {
		req.Header.Set("Authorization", "Bearer "+c.Token)
	} else {
		req.AddCookie(&http.Cookie{Name: auth.CookieName, Value: c.Session})
	}
	start := time.Now()
	resp, err := c.HTTP.Do(req)
	if err != nil {
		return nil, 0, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	d := time.Since(start)
	if err != nil {
		return nil, d, fmt.Errorf("%s %s: %w", req.Method, req.URL.Path, err)
	}
	if resp.StatusCode != want {
		return body, d, fmt.Errorf("%s %s: status %d: %.200s", req.Method, req.URL.Path, resp.StatusCode, body)
	}
	return body, d, nil
}
