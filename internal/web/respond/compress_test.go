package respond

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
)

func TestAcceptsGzip(t *testing.T) {
	cases := []struct {
		header []string // Accept-Encoding lines; none: no header
		want   bool
	}{
		{nil, false},
		{[]string{""}, false},
		{[]string{"gzip"}, true},
		{[]string{"GZIP"}, true},
		{[]string{"x-gzip"}, true},
		{[]string{"gzip, deflate, br, zstd"}, true}, // Chromium's
		{[]string{"br"}, false},
		{[]string{"identity"}, false},
		{[]string{"gzip;q=0"}, false},
		{[]string{"gzip; q=0.0"}, false},
		{[]string{"gzip;q=0.5"}, true},
		{[]string{"deflate, gzip;q=0.5, br;q=1"}, true},
		{[]string{"*"}, true},
		{[]string{"*;q=0"}, false},
		{[]string{"*, gzip;q=0"}, false}, // named beats the wildcard
		{[]string{"gzip;q=0, *"}, false},
		{[]string{"gzip;q=nope"}, false},
		{[]string{"gzip;q=2"}, false},
		{[]string{"br", "gzip"}, true}, // two header lines
		{[]string{"gzipper"}, false},
		{[]string{" , ;, gzip ;q=1 "}, true},
	}
	for _, c := range cases {
		r := httptest.NewRequest("GET", "/", nil)
		for _, v := range c.header {
			r.Header.Add("Accept-Encoding", v)
		}
		if got := AcceptsGzip(r); got != c.want {
			t.Errorf("Accept-Encoding %q: %v, want %v", c.header, got, c.want)
		}
	}
}

func TestCompressible(t *testing.T) {
	cases := map[string]bool{
		"text/html; charset=utf-8":        true,
		"text/css; charset=utf-8":         true,
		"text/javascript; charset=utf-8":  true,
		"text/csv":                        true,
		"application/json; charset=utf-8": true,
		"application/problem+json":        true,
		"image/svg+xml":                   true,
		"Application/JSON":                true,
		"image/png":                       false,
		"font/woff2":                      false,
		"application/pdf":                 false,
		"application/vnd.openxmlformats-officedocument.wordprocessingml.document": false,
		"": false,
	}
	for ct, want := range cases {
		if got := Compressible(ct); got != want {
			t.Errorf("Compressible(%q) = %v, want %v", ct, got, want)
		}
	}
}

// TestSend checks what a page's client receives with and without gzip:
// the same bytes after decoding, the encoding and length headers that
// say so, and Vary for caches.
func TestSend(t *testing.T) {
	page := strings.Repeat("<tr><td>推进长三角一体化</td><td>进行中</td></tr>\n", 200)
	small := "<p>ok</p>"
	cases := []struct {
		name, ctype, body, accept string
		gzipped, vary             bool
	}{
		{"page gzip", "text/html; charset=utf-8", page, "gzip, deflate", true, true},
		{"page no header", "text/html; charset=utf-8", page, "", false, true},
		{"page gzip refused", "text/html; charset=utf-8", page, "gzip;q=0, br", false, true},
		{"small page", "text/html; charset=utf-8", small, "gzip", false, true},
		{"json", "application/json; charset=utf-8", `{"items":[` + strings.Repeat(`"x",`, 600) + `"x"]}`, "gzip", true, true},
		{"pdf", "application/pdf", page, "gzip", false, false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/", nil)
			if c.accept != "" {
				r.Header.Set("Accept-Encoding", c.accept)
			}
			w := httptest.NewRecorder()
			w.Header().Set("Content-Type", c.ctype)
			send(w, r, http.StatusOK, []byte(c.body))
			res := w.Result()
			raw := w.Body.Bytes()
			if got := res.Header.Get("Content-Length"); got != strconv.Itoa(len(raw)) {
				t.Errorf("Content-Length %s for %d bytes", got, len(raw))
			}
			body := raw
			if enc := res.Header.Get("Content-Encoding"); (enc == "gzip") != c.gzipped {
				t.Fatalf("Content-Encoding %q, want gzip: %v", enc, c.gzipped)
			}
			if c.gzipped {
				if len(raw) >= len(c.body) {
					t.Errorf("gzipped %d bytes to %d", len(c.body), len(raw))
				}
				body = gunzip(t, raw)
			}
			if string(body) != c.body {
				t.Errorf("body differs from what was sent (%d bytes, want %d)", len(body), len(c.body))
			}
			if vary := strings.Join(res.Header.Values("Vary"), ","); strings.Contains(vary, "Accept-Encoding") != c.vary {
				t.Errorf("Vary %q, want Accept-Encoding: %v", vary, c.vary)
			}
		})
	}
}

func gunzip(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// FuzzAcceptsGzip: any header is read without panicking, and a header
// that names neither gzip nor the wildcard never grants it.
func FuzzAcceptsGzip(f *testing.F) {
	for _, s := range []string{"gzip", "gzip;q=0", "*;q=0.1, br", "deflate, gzip;q=0.5", ";;,,q=", "x-gzip;Q=1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		r := httptest.NewRequest("GET", "/", nil)
		r.Header.Set("Accept-Encoding", v)
		got := AcceptsGzip(r)
		lower := strings.ToLower(v)
		if got && !strings.Contains(lower, "gzip") && !strings.Contains(lower, "*") {
			t.Errorf("%q grants gzip", v)
		}
	})
}
