package respond

import (
	"bytes"
	"compress/gzip"
	"html/template"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestHTMLWithFragment: a page holding a kept fragment reads the same
// with or without gzip, the gzip stream (runs compressed apart) checks
// out whole (CRC and size), the fragment's compressed form is reused
// across pages around it, and a page without its one place for the
// fragment is an error, not a page missing a part.
func TestHTMLWithFragment(t *testing.T) {
	tmpl := template.Must(template.New("page").Parse(`{{.Before}}{{range .Marks}}{{.}}{{end}}{{.After}}`))
	long := strings.Repeat("<tr><td>共建沪嘉科创走廊</td><td>市科技局</td></tr>\n", 400)
	frag := NewFragment([]byte(long))
	cases := []struct {
		name          string
		before, after string
		frag          *Fragment
		marks         int
		gzip          bool
		status        int
	}{
		{"gzip, page around", "<!doctype html><main>", "</main><footer>v1</footer>", frag, 1, true, 200},
		{"gzip, other page around the same fragment", "<p>" + strings.Repeat("x", 3000) + "</p>", "<p>end</p>", frag, 1, true, 200},
		{"gzip, nothing before or after", "", "", frag, 1, true, 200},
		{"gzip, small fragment, large rest", strings.Repeat("before ", 500), strings.Repeat(" after", 500), NewFragment([]byte("<b>x</b>")), 1, true, 200},
		{"gzip, small page: plain", "<p>", "</p>", NewFragment([]byte("<b>x</b>")), 1, true, 200},
		{"plain", "<!doctype html><main>", "</main>", frag, 1, false, 200},
		{"no place for it", "<p>", "</p>", frag, 0, true, 500},
		{"two places", "<p>", "</p>", frag, 2, true, 500},
	}
	for _, c := range cases {
		req := httptest.NewRequest("GET", "/plans/x", nil)
		if c.gzip {
			req.Header.Set("Accept-Encoding", "gzip, deflate, br")
		}
		marks := make([]template.HTML, c.marks)
		for i := range marks {
			marks[i] = Marker
		}
		rec := httptest.NewRecorder()
		HTMLWithFragment(rec, req, http.StatusOK, tmpl, map[string]any{"Before": template.HTML(c.before),
			"After": template.HTML(c.after), "Marks": marks}, c.frag)
		if rec.Code != c.status {
			t.Errorf("%s: status %d, want %d", c.name, rec.Code, c.status)
			continue
		}
		if c.status != 200 {
			continue
		}
		body := rec.Body.Bytes()
		want := c.before + string(c.frag.text) + c.after
		zipped := rec.Header().Get("Content-Encoding") == "gzip"
		if zipped != (c.gzip && len(want) >= minGzip) {
			t.Errorf("%s: Content-Encoding %q", c.name, rec.Header().Get("Content-Encoding"))
		}
		if zipped {
			zr, err := gzip.NewReader(bytes.NewReader(body))
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			zr.Multistream(false)
			if body, err = io.ReadAll(zr); err != nil { // checks the CRC and size
				t.Fatalf("%s: %v", c.name, err)
			}
		}
		if string(body) != want {
			t.Errorf("%s: page of %d bytes, want %d:\n%.200q", c.name, len(body), len(want), body)
		}
		if rec.Header().Get("Content-Type") != "text/html; charset=utf-8" || rec.Header().Get("Content-Security-Policy") == "" {
			t.Errorf("%s: headers %v", c.name, rec.Header())
		}
	}
	if z := frag.compressed(); len(z) == 0 || len(z) > len(long)/10 {
		t.Errorf("fragment compressed to %d bytes of %d", len(z), len(long))
	}
}
