package web

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
)

// TestRoutes sends a request to every page and API route on both back
// ends and checks the status, the content type, text in the body and the
// security headers.
func TestRoutes(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		f := seed(t, st)
		q := url.QueryEscape
		cases := []struct {
			method, path string
			header       map[string]string
			status       int
			ctype        string
			want, not    []string
		}{
			// Pages.
			{path: "/", status: 200, ctype: "text/html", want: []string{"{title}", "跟踪中的计划", "任务数", "未报送"}},
			{path: "/?lang=en", status: 200, ctype: "text/html", want: []string{"Plans under way", "Unreported", "{title}"}},
			{path: "/plans/{plan}", status: 200, ctype: "text/html",
				want: []string{"{title}", `data-chart="status"`, `data-chart="indicator"`, "{tasktitle}", seedNote, "/tasks/{task}", "提纲", "/plans/{plan}/report"}},
			{path: "/plans/{plan}?status=on_schedule", status: 200, ctype: "text/html", want: []string{"{tasktitle}"}},
			{path: "/plans/{plan}?status=进度缓慢", status: 200, ctype: "text/html", not: []string{"/tasks/{task}\""}},
			{path: "/plans/{plan}?status=bogus", status: 400, ctype: "text/html", want: []string{"bogus"}},
			{path: "/plans/{plan}?as-of=2023-13-01", status: 400, ctype: "text/html"},
			{path: "/plans/zzzzzzzz", status: 404, ctype: "text/html", want: []string{"404"}},
			{path: "/tasks/{task}", status: 200, ctype: "text/html",
				want: []string{"{tasktitle}", seedNote, seedAuthor, `class="hl-focus"`, "/documents/{doc}?version=1&amp;mark="}},
			{path: "/tasks/zzzzzzzz", status: 404, ctype: "text/html"},
			{path: "/documents/{doc}", status: 200, ctype: "text/html", want: []string{`id="span-`, `class="hl-task"`, "hl-target", "示例", "/documents/{doc}/original"}},
			{path: "/documents/{doc}?mark=10-20", status: 200, ctype: "text/html", want: []string{"hl-focus", `href="#span-10-20"`}},
			{path: "/documents/{doc}?mark=x", status: 400, ctype: "text/html"},
			{path: "/documents/{doc}?version=9", status: 404, ctype: "text/html"},
			{path: "/documents/{doc}/original", status: 200, ctype: "text/plain", want: []string{"嘉兴市"}},
			{path: "/compare", status: 200, ctype: "text/html", want: []string{"区域合作网络", `data-chart="network"`, "上海"}},
			{path: "/compare?indicator=" + "{indicator_q}", status: 200, ctype: "text/html", want: []string{`data-chart="compare"`, "嘉兴市"}},
			{path: "/compare?indicator=" + "{indicator_q}" + "&group=" + q("长三角"), status: 200, ctype: "text/html", want: []string{"嘉兴市"}},
			{path: "/compare?group=nowhere", status: 400, ctype: "text/html"},
			{path: "/search", status: 200, ctype: "text/html", want: []string{`name="q"`}},
			{path: "/search?q=" + q("科創"), status: 200, ctype: "text/html", want: []string{"<mark>科创</mark>", "{title}", "&amp;region="}},
			{path: "/search?q=" + q("科创") + "&tag=" + q("示例"), status: 200, ctype: "text/html", want: []string{"{title}", "[去掉]"}},
			{path: "/search?q=" + q("没有这样的词语"), status: 200, ctype: "text/html", want: []string{"没有找到"}},
			{path: "/search?year=x", status: 400, ctype: "text/html"},
			{path: "/plans/{plan}/report", status: 200, ctype: "text/html", want: []string{"评估报告"}},
			{path: "/plans/{plan}/report?format=docx&as-of=2023-06-30", status: 200, ctype: "application/vnd.openxmlformats-officedocument.wordprocessingml"},
			{path: "/plans/{plan}/report?format=xlsx", status: 200, ctype: "application/vnd.openxmlformats-officedocument.spreadsheetml"},
			{path: "/plans/{plan}/report?format=rtf", status: 400, ctype: "text/html"},
			{path: "/plans/zzzzzzzz/report", status: 404, ctype: "text/html"},
			{path: "/public/plans/{plan}", status: 200, ctype: "text/html",
				want: []string{"{title}", "公开版", "{tasktitle}", `data-chart="status"`}, not: []string{seedNote, seedAuthor, "/tasks/", "/documents/", "/search"}},
			{path: "/public/plans/zzzzzzzz", status: 404, ctype: "text/html"},
			{path: "/healthz", status: 200, ctype: "application/json", want: []string{`"ok"`}},
			{path: "/readyz", status: 200, ctype: "application/json", want: []string{`"ready"`}},
			{path: "/static/app.css", status: 200, ctype: "text/css"},
			{path: "/static/charts.js", status: 200, ctype: "text/javascript"},
			{path: "/static/vendor/README.md", status: 200},
			{path: "/static/nope.js", status: 404, ctype: "text/html"},
			{path: "/static/../server.go", status: 307}, // the mux cleans the path first
			{path: "/nope", status: 404, ctype: "text/html"},
			{method: "POST", path: "/plans/{plan}", status: 405, ctype: "text/html"},
			{method: "HEAD", path: "/", status: 200, ctype: "text/html"},
			{path: "/plans/zzzzzzzz", header: map[string]string{"Accept": "application/json"}, status: 404, ctype: "application/json", want: []string{`"not_found"`}},

			// API.
			{path: "/api/v1/plans", status: 200, ctype: "application/json", want: []string{`"plans"`, "{title}", `"by_status"`}},
			{path: "/api/v1/plans/{plan}", status: 200, ctype: "application/json", want: []string{`"tasks"`, `"indicators"`, "{tasktitle}", `"series"`}},
			{path: "/api/v1/plans/{plan}?unit=nobody", status: 200, ctype: "application/json", want: []string{`"tasks":[]`}},
			{path: "/api/v1/plans/zzzzzzzz", status: 404, ctype: "application/json", want: []string{`{"error":{"code":"not_found","message":"plan zzzzzzzz not found"}}`}},
			{path: "/api/v1/tasks/{task}", status: 200, ctype: "application/json", want: []string{seedNote, `"source"`, `"updates"`}},
			{path: "/api/v1/tasks/zzzzzzzz", status: 404, ctype: "application/json", want: []string{`"not_found"`}},
			{path: "/api/v1/documents", status: 200, ctype: "application/json", want: []string{"{doc}"}},
			{path: "/api/v1/documents?limit=500", status: 400, ctype: "application/json", want: []string{`"bad_request"`}},
			{path: "/api/v1/documents/{doc}", status: 200, ctype: "application/json", want: []string{`"extraction"`, `"versions"`, `"cooperation"`}},
			{path: "/api/v1/documents/zzzzzzzz", status: 404, ctype: "application/json", want: []string{`"not_found"`}},
			{path: "/api/v1/search?q=" + q("科创"), status: 200, ctype: "application/json", want: []string{`"hits"`, "{doc}"}},
			{path: "/api/v1/compare", status: 400, ctype: "application/json", want: []string{`"bad_request"`}},
			{path: "/api/v1/compare?indicator=" + "{indicator_q}", status: 200, ctype: "application/json", want: []string{`"rows"`, "{plan}"}},
			{path: "/api/v1/cooperation", status: 200, ctype: "application/json", want: []string{`"nodes"`, `"edges"`}},
			{path: "/api/v1/openapi.json", status: 200, ctype: "application/json", want: []string{`"openapi":"3.0.3"`}},
			{path: "/api/v1/openapi.json?pretty=1", status: 200, ctype: "application/json", want: []string{"\n \"openapi\": \"3.0.3\""}},
			{path: "/api/v1/nope", status: 404, ctype: "application/json", want: []string{`"not_found"`}},
			{method: "DELETE", path: "/api/v1/plans/{plan}", status: 405, ctype: "application/json", want: []string{`"method_not_allowed"`}},
		}
		for _, c := range cases {
			method := c.method
			if method == "" {
				method = "GET"
			}
			path := f.expand(c.path)
			t.Run(method+" "+c.path, func(t *testing.T) {
				rec := f.get(method, path, c.header)
				body := rec.Body.String()
				if rec.Code != c.status {
					t.Fatalf("status %d, want %d; body:\n%.600s", rec.Code, c.status, body)
				}
				if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, c.ctype) {
					t.Errorf("Content-Type %q, want %q…", ct, c.ctype)
				}
				checkSecurityHeaders(t, rec.Header())
				if method == "HEAD" && body != "" {
					t.Errorf("HEAD has a body")
				}
				for _, w := range c.want {
					if w = f.expand(w); !strings.Contains(body, w) {
						t.Errorf("body lacks %q; body:\n%.800s", w, body)
					}
				}
				for _, n := range c.not {
					if n = f.expand(n); strings.Contains(body, n) {
						t.Errorf("body has %q", n)
					}
				}
				if strings.HasPrefix(c.ctype, "application/json") && !json.Valid(rec.Body.Bytes()) {
					t.Errorf("invalid JSON")
				}
			})
		}
	})
}

// TestDownloads checks the headers of the files the server hands out.
func TestDownloads(t *testing.T) {
	f := seed(t, storetest.Fresh(t, "sqlite"))
	rec := f.get("GET", f.expand("/plans/{plan}/report?format=docx&as-of=2023-06-30"), nil)
	cd := rec.Header().Get("Content-Disposition")
	if !strings.HasPrefix(cd, "attachment;") || !strings.Contains(cd, "filename*=utf-8''%E8%AF%84%E4%BC%B0%E6%8A%A5%E5%91%8A-") ||
		!strings.Contains(cd, "-2023-06-30.docx") {
		t.Errorf("docx Content-Disposition %q", cd)
	}
	if !strings.HasPrefix(rec.Body.String(), "PK") {
		t.Errorf("docx is not a zip")
	}
	rec = f.get("GET", f.expand("/plans/{plan}/report"), nil)
	if cd := rec.Header().Get("Content-Disposition"); !strings.HasPrefix(cd, "inline") {
		t.Errorf("html report Content-Disposition %q, want inline", cd)
	}
	if csp := rec.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "sandbox") || strings.Contains(csp, "script-src") {
		t.Errorf("html report CSP %q, want a sandbox without scripts", csp)
	}
	rec = f.get("GET", f.expand("/documents/{doc}/original"), nil)
	if csp := rec.Header().Get("Content-Security-Policy"); !strings.HasPrefix(csp, "sandbox") {
		t.Errorf("original CSP %q, want a sandbox", csp)
	}
	rec = f.get("GET", f.srv.assets.url("app.css"), nil)
	if cc := rec.Header().Get("Cache-Control"); !strings.Contains(cc, "max-age=31536000") {
		t.Errorf("static Cache-Control %q", cc)
	}
	rec = f.get("GET", "/", nil)
	if cc := rec.Header().Get("Cache-Control"); cc != "no-store" {
		t.Errorf("page Cache-Control %q", cc)
	}
	if csp := rec.Header().Get("Content-Security-Policy"); !strings.HasPrefix(csp, "default-src 'self'") {
		t.Errorf("page CSP %q", csp)
	}
	if strings.Contains(rec.Body.String(), "<script>") || strings.Contains(rec.Body.String(), " style=") {
		t.Errorf("page has an inline script or style")
	}
}

// TestLanguageCookie checks that ?lang=en is remembered.
func TestLanguageCookie(t *testing.T) {
	f := seed(t, storetest.Fresh(t, "sqlite"))
	rec := f.get("GET", "/?lang=en", nil)
	cookie := rec.Header().Get("Set-Cookie")
	if !strings.Contains(cookie, langCookie+"=en") || !strings.Contains(cookie, "HttpOnly") {
		t.Fatalf("Set-Cookie %q", cookie)
	}
	rec = f.get("GET", f.expand("/plans/{plan}"), map[string]string{"Cookie": langCookie + "=en"})
	if body := rec.Body.String(); !strings.Contains(body, "Tasks by status") || !strings.Contains(body, `href="/plans/`+f.plan.ID+`?lang=zh"`) {
		t.Errorf("English plan page lacks its strings or the switch back:\n%.600s", body)
	}
}

// TestPDFWithoutChromium checks the 503 when Chromium is missing, as a
// page and as JSON.
func TestPDFWithoutChromium(t *testing.T) {
	f := seed(t, storetest.Fresh(t, "sqlite"))
	t.Setenv("PATH", t.TempDir())
	rec := f.get("GET", f.expand("/plans/{plan}/report?format=pdf"), nil)
	if rec.Code != http.StatusServiceUnavailable || !strings.Contains(rec.Body.String(), "Chromium") {
		t.Errorf("status %d, body %.300s", rec.Code, rec.Body.String())
	}
	rec = f.get("GET", f.expand("/plans/{plan}/report?format=pdf"), map[string]string{"Accept": "application/json"})
	if rec.Code != http.StatusServiceUnavailable || !strings.Contains(rec.Body.String(), `"code":"unavailable"`) {
		t.Errorf("status %d, body %.300s", rec.Code, rec.Body.String())
	}
}
