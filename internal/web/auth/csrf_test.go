package auth

import (
	"context"
	"encoding/base64"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
)

// TestCSRFMasked checks that every page gets its session's token masked
// afresh (so a gzipped page's size cannot reveal it) and that any of
// those tokens, and only the session's, is accepted.
func TestCSRFMasked(t *testing.T) {
	st := storetest.Fresh(t, "sqlite")
	ctx := context.Background()
	newUser(t, st, "editor", store.RoleEditor, store.Scope{})
	newUser(t, st, "other", store.RoleEditor, store.Scope{})
	a := New(st)
	var tokens []string
	var bare string
	h := a.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodGet {
			tokens = append(tokens, CSRFToken(r))
			bare = base64.RawURLEncoding.EncodeToString(csrfSum(r))
		}
		w.Write([]byte("ok"))
	}))
	do := func(method, session string, form url.Values) int {
		var req *http.Request
		if form != nil {
			req = httptest.NewRequest(method, "/x", strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		} else {
			req = httptest.NewRequest(method, "/x", nil)
		}
		req.AddCookie(&http.Cookie{Name: CookieName, Value: session})
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Code
	}
	mine, err := a.SignIn(ctx, "editor", testPassword, "10.0.0.1", "ua")
	if err != nil {
		t.Fatal(err)
	}
	theirs, err := a.SignIn(ctx, "other", testPassword, "10.0.0.2", "ua")
	if err != nil {
		t.Fatal(err)
	}
	do("GET", theirs, nil)
	other := tokens[0]
	do("GET", mine, nil)
	do("GET", mine, nil)
	first, second := tokens[1], tokens[2]
	if first == second || first == "" {
		t.Fatalf("two pages of one session got tokens %q and %q: want two different ones", first, second)
	}
	raw, err := base64.RawURLEncoding.DecodeString(first)
	if err != nil {
		t.Fatal(err)
	}
	raw[len(raw)-1] ^= 1
	flipped := base64.RawURLEncoding.EncodeToString(raw)
	cases := []struct {
		name, token string
		code        int
	}{
		{"first page's", first, 200},
		{"second page's", second, 200},
		{"bare (a page from before masking)", bare, 200},
		{"another session's", other, 403},
		{"one byte changed", flipped, 403},
		{"half of it", first[:len(first)/2], 403},
		{"not base64", "%%%", 403},
		{"none", "", 403},
	}
	for _, c := range cases {
		if got := do("POST", mine, url.Values{CSRFField: {c.token}}); got != c.code {
			t.Errorf("%s token: %d, want %d", c.name, got, c.code)
		}
	}
}

// FuzzValidCSRF: any token a client sends is judged without panicking,
// and only tokens of the right length can pass.
func FuzzValidCSRF(f *testing.F) {
	want := make([]byte, 32)
	for i := range want {
		want[i] = byte(i * 7)
	}
	f.Add(base64.RawURLEncoding.EncodeToString(want))
	f.Add(base64.RawURLEncoding.EncodeToString(append(make([]byte, 32), want...)))
	f.Add("")
	f.Add("!!")
	f.Fuzz(func(t *testing.T, got string) {
		ok := validCSRF(got, want)
		if n := len(got); ok && n != 43 && n != 86 {
			t.Errorf("%q (%d chars) passed", got, n)
		}
	})
}
