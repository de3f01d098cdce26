package web

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"planwatch/internal/store/storetest"
)

// stylesheet finds the stylesheet a page links.
var stylesheet = regexp.MustCompile(`<link rel="stylesheet" href="(/static/[^"]+)">`)

// TestStaticHashedURLs checks that pages link static files by a name
// carrying their content's hash, which may be kept for a year, and that
// the plain name is revalidated by its ETag instead.
func TestStaticHashedURLs(t *testing.T) {
	f := seed(t, storetest.Fresh(t, "sqlite"))
	page := f.do("GET", "/signin", nil, nil, nil)
	m := stylesheet.FindStringSubmatch(page.Body.String())
	if page.Code != 200 || m == nil {
		t.Fatalf("sign-in page %d links no stylesheet:\n%.800s", page.Code, page.Body.String())
	}
	css := m[1]
	if !regexp.MustCompile(`^/static/app\.[0-9a-f]{12}\.css$`).MatchString(css) {
		t.Fatalf("stylesheet URL %q carries no content hash", css)
	}
	want, err := staticFS.ReadFile("static/app.css")
	if err != nil {
		t.Fatal(err)
	}

	cases := []struct {
		name, path, cache string
		status            int
	}{
		{"hashed", css, "public, max-age=31536000, immutable", 200},
		{"plain", "/static/app.css", "public, no-cache", 200},
		// A page rendered before an upgrade asks for the old hash: it
		// gets today's file, not to be kept under that name.
		{"other version", "/static/app.0123456789ab.css", "public, no-cache", 200},
		{"hash of no file", "/static/nope.0123456789ab.css", "no-store", 404},
		{"not a hash", "/static/app.xyz.css", "no-store", 404},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rec := f.do("GET", c.path, nil, nil, nil) // signed out, as the sign-in page loads it
			if rec.Code != c.status {
				t.Fatalf("GET %s: %d, want %d", c.path, rec.Code, c.status)
			}
			if cc := rec.Header().Get("Cache-Control"); cc != c.cache {
				t.Errorf("GET %s: Cache-Control %q, want %q", c.path, cc, c.cache)
			}
			if c.status != 200 {
				return
			}
			if !bytes.Equal(rec.Body.Bytes(), want) {
				t.Errorf("GET %s: body is not static/app.css", c.path)
			}
			if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "text/css") {
				t.Errorf("GET %s: Content-Type %q", c.path, ct)
			}
			etag := rec.Header().Get("ETag")
			if etag == "" {
				t.Fatalf("GET %s: no ETag", c.path)
			}
			again := f.do("GET", c.path, nil, map[string]string{"If-None-Match": etag}, nil)
			if again.Code != http.StatusNotModified || again.Body.Len() != 0 {
				t.Errorf("GET %s with If-None-Match %s: %d and %d bytes, want 304 and none", c.path, etag, again.Code, again.Body.Len())
			}
		})
	}

	// A change of content is a change of URL.
	a, err := loadAssets()
	if err != nil {
		t.Fatal(err)
	}
	if got := a.url("charts.js"); got == a.url("app.css") || !strings.HasPrefix(got, "/static/charts.") {
		t.Errorf("charts.js URL %q", got)
	}
}

// TestGzipNegotiation checks that pages, JSON and static files are
// gzipped for clients that accept it, and for no other; that both
// answers decode to the same bytes; and that caches are told they vary.
func TestGzipNegotiation(t *testing.T) {
	f := seed(t, storetest.Fresh(t, "sqlite"))
	paths := []struct{ name, path string }{
		{"page", f.expand("/plans/{plan}")},
		{"plan list", "/"},
		{"json", "/api/v1/plans/" + f.plan.ID},
		{"css", f.srv.assets.url("app.css")},
		{"script", f.srv.assets.url("charts.js")},
	}
	for _, p := range paths {
		t.Run(p.name, func(t *testing.T) {
			plain := f.get("GET", p.path, nil)
			if plain.Code != 200 {
				t.Fatalf("GET %s: %d", p.path, plain.Code)
			}
			if enc := plain.Header().Get("Content-Encoding"); enc != "" {
				t.Errorf("no Accept-Encoding, yet Content-Encoding %q", enc)
			}
			for _, accept := range []string{"gzip, deflate, br, zstd", "br", "gzip;q=0", "identity"} {
				rec := f.get("GET", p.path, map[string]string{"Accept-Encoding": accept})
				if vary := strings.Join(rec.Header().Values("Vary"), ", "); !strings.Contains(vary, "Accept-Encoding") {
					t.Errorf("Accept-Encoding %q: Vary %q", accept, vary)
				}
				enc := rec.Header().Get("Content-Encoding")
				if wantGzip := strings.HasPrefix(accept, "gzip,"); !wantGzip {
					if enc != "" {
						t.Errorf("Accept-Encoding %q: Content-Encoding %q", accept, enc)
					}
					continue
				}
				if enc != "gzip" {
					t.Fatalf("Accept-Encoding %q: Content-Encoding %q, want gzip", accept, enc)
				}
				if rec.Body.Len() >= plain.Body.Len() {
					t.Errorf("gzipped %d bytes to %d", plain.Body.Len(), rec.Body.Len())
				}
				if cl := rec.Header().Get("Content-Length"); cl != strconv.Itoa(rec.Body.Len()) {
					t.Errorf("Content-Length %q for %d bytes sent", cl, rec.Body.Len())
				}
				zr, err := gzip.NewReader(rec.Body)
				if err != nil {
					t.Fatal(err)
				}
				got, err := io.ReadAll(zr)
				if err != nil {
					t.Fatal(err)
				}
				// Pages carry a fresh CSRF token; everything else must match byte for byte.
				if norm(got) != norm(plain.Body.Bytes()) {
					t.Errorf("the gzipped answer decodes to other bytes than the plain one")
				}
				if et, pt := rec.Header().Get("ETag"), plain.Header().Get("ETag"); et != "" && et == pt {
					t.Errorf("the same ETag %s for the gzipped and the plain bytes", et)
				}
			}
		})
	}
	// A range of a static file is a range of its plain bytes; asked for
	// gzip too, the whole compressed file comes.
	css := f.srv.assets.url("app.css")
	rec := f.get("GET", css, map[string]string{"Range": "bytes=0-9"})
	if rec.Code != http.StatusPartialContent || rec.Body.Len() != 10 {
		t.Errorf("range without gzip: %d, %d bytes", rec.Code, rec.Body.Len())
	}
	rec = f.get("GET", css, map[string]string{"Range": "bytes=0-9", "Accept-Encoding": "gzip"})
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Encoding") != "gzip" || rec.Header().Get("Content-Length") != strconv.Itoa(rec.Body.Len()) {
		t.Errorf("range with gzip: %d, Content-Encoding %q, Content-Length %q for %d bytes", rec.Code,
			rec.Header().Get("Content-Encoding"), rec.Header().Get("Content-Length"), rec.Body.Len())
	}
	// A download that is compressed already stays as it is.
	rec = f.get("GET", f.expand("/plans/{plan}/report?format=xlsx"), map[string]string{"Accept-Encoding": "gzip"})
	if rec.Code != 200 || rec.Header().Get("Content-Encoding") != "" {
		t.Errorf("xlsx report: %d, Content-Encoding %q", rec.Code, rec.Header().Get("Content-Encoding"))
	}
}

// perRequest are the parts of a page that change with each request: the
// CSRF token, masked afresh (auth.CSRFToken), and request IDs.
var perRequest = regexp.MustCompile(`name="csrf_token" value="[^"]*"|[0-9a-f]{16,}`)

func norm(b []byte) string { return perRequest.ReplaceAllString(string(b), "X") }

// TestChartsOnlyWhereDrawn checks that a page loads ECharts if and only if
// it has a chart: never the sign-in page or the plan list.
func TestChartsOnlyWhereDrawn(t *testing.T) {
	f := seed(t, storetest.Fresh(t, "sqlite"))
	vendored := f.srv.assets.has(echartsFile)
	cases := []struct {
		name, path string
		signedOut  bool
		charts     bool
	}{
		{"sign-in", "/signin", true, false},
		{"plan list", "/", false, false},
		{"search", "/search", false, false},
		{"task", f.expand("/tasks/{task}"), false, false},
		{"plan", f.expand("/plans/{plan}"), false, true},
		{"compare", "/compare", false, true},
		{"public plan", f.expand("/public/plans/{plan}"), true, true},
		{"not found", "/nowhere", false, false},
	}
	for _, c := range cases {
		sess := f.admin
		if c.signedOut {
			sess = nil
		}
		rec := f.do("GET", c.path, sess, nil, nil)
		body := rec.Body.String()
		if rec.Code >= 500 {
			t.Fatalf("%s: %d", c.name, rec.Code)
		}
		if got := strings.Contains(body, "data-chart="); got != c.charts {
			t.Errorf("%s: has a chart: %v, want %v", c.name, got, c.charts)
		}
		loads := strings.Contains(body, "/static/vendor/echarts") || strings.Contains(body, "/static/charts.")
		if want := c.charts && vendored; loads != want {
			t.Errorf("%s: loads ECharts: %v, want %v", c.name, loads, want)
		}
	}
	if !vendored {
		t.Log("ECharts not vendored (make assets): pages with charts load no script either")
	}
}

// BenchmarkPageGzip measures what compressing a plan page costs at the
// level pages use (respond's pageGzipLevel, 1) against gzip's default
// and best, with the size each gives (wire-bytes) beside the page's own
// (page-bytes):
//
//	go test ./internal/web -run '^$' -bench PageGzip -cpu 1
func BenchmarkPageGzip(b *testing.B) {
	f := seed(b, storetest.Fresh(b, "sqlite"))
	page := f.get("GET", f.expand("/plans/{plan}"), nil).Body.Bytes()
	for _, level := range []int{gzip.BestSpeed, gzip.DefaultCompression, gzip.BestCompression} {
		b.Run(fmt.Sprintf("level=%d", level), func(b *testing.B) {
			var buf bytes.Buffer
			zw, _ := gzip.NewWriterLevel(&buf, level)
			b.SetBytes(int64(len(page)))
			for b.Loop() {
				buf.Reset()
				zw.Reset(&buf)
				zw.Write(page)
				zw.Close()
			}
			b.ReportMetric(float64(buf.Len()), "wire-bytes")
			b.ReportMetric(float64(len(page)), "page-bytes")
		})
	}
}

// TestHasChart checks that a chart is found wherever the page's content
// writes it: directly, in a branch, or in a template it calls.
func TestHasChart(t *testing.T) {
	cases := []struct {
		src  string
		want bool
	}{
		{`{{define "content"}}<div class="chart" data-chart="status"></div>{{end}}`, true},
		{`{{define "content"}}{{if .X}}{{else}}{{range .Y}}<div data-chart="x">{{end}}{{end}}{{end}}`, true},
		{`{{define "content"}}{{with .X}}{{template "part" .}}{{end}}{{end}}{{define "part"}}<i data-chart="n"></i>{{end}}`, true},
		{`{{define "content"}}{{template "a"}}{{end}}{{define "a"}}{{template "b"}}{{end}}{{define "b"}}{{template "a"}}{{end}}`, false},
		{`{{define "content"}}<p>data-chart</p>{{end}}{{define "unused"}}<i data-chart="n"></i>{{end}}`, false},
	}
	for _, c := range cases {
		tmpl := template.Must(template.New("layout.html").Parse(`{{template "content" .}}` + c.src))
		if got := hasChart(tmpl, "content", map[string]bool{}); got != c.want {
			t.Errorf("%s: %v, want %v", c.src, got, c.want)
		}
	}
}
