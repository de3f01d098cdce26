package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"planwatch/internal/report"
	"planwatch/internal/store/storetest"
	"planwatch/internal/web/auth"
)

// chromium runs headless Chromium on a page with no network beyond it,
// no profile and no background traffic, giving scripts five seconds of
// virtual time; extra adds the action (--dump-dom, --screenshot=FILE).
func chromium(t *testing.T, bin, url string, extra ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	args := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
		"--user-data-dir=" + t.TempDir(), "--window-size=1280,2000", "--virtual-time-budget=5000"}
	out, err := exec.CommandContext(ctx, bin, append(append(args, extra...), url)...).Output()
	if err != nil {
		t.Fatalf("chromium %s %v: %v", url, extra, err)
	}
	return string(out)
}

// TestBrowser loads the main pages in headless Chromium (skipped when it
// is not installed, or when ECharts was not vendored by make assets),
// checks that the charts were drawn after the scripts ran, and saves
// screenshots to $PLANWATCH_ARTIFACTS (else a temporary directory).
func TestBrowser(t *testing.T) {
	bin, err := report.FindChromium()
	if err != nil {
		t.Skip("no chromium: ", err)
	}
	if testing.Short() {
		t.Skip("-short")
	}
	f := seed(t, storetest.Fresh(t, "sqlite"))
	if !f.srv.assets.has(echartsFile) {
		t.Skip("ECharts not vendored (run make assets): charts degrade to tables")
	}
	// Chromium cannot be handed a cookie on its command line: the test
	// server adds the admin's session cookie to every request instead.
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.AddCookie(&http.Cookie{Name: auth.CookieName, Value: f.admin.token})
		f.srv.ServeHTTP(w, r)
	})) // a free loopback port
	defer ts.Close()
	dir := os.Getenv("PLANWATCH_ARTIFACTS")
	if dir == "" {
		dir = t.TempDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	pages := []struct {
		name, path string
		charts     int // at least this many charts drawn
	}{
		{"home", "/", 0},
		{"plan", "/plans/" + f.plan.ID, 2},
		{"task", "/tasks/" + f.task.ID, 0},
		{"compare", "/compare?indicator=" + f.indicator, 2},
		{"public", "/public/plans/" + f.plan.ID, 2},
	}
	for _, p := range pages {
		t.Run(p.name, func(t *testing.T) {
			url := ts.URL + p.path
			if p.charts > 0 {
				dom := chromium(t, bin, url, "--dump-dom")
				if n := strings.Count(dom, `data-rendered="true"`); n < p.charts {
					t.Errorf("%d charts drawn, want %d or more", n, p.charts)
				}
				if !strings.Contains(dom, "<canvas") {
					t.Errorf("no ECharts canvas in the rendered DOM")
				}
			}
			shot := filepath.Join(dir, "web-"+p.name+".png")
			chromium(t, bin, url, "--screenshot="+shot)
			if st, err := os.Stat(shot); err != nil || st.Size() < 1000 {
				t.Errorf("screenshot %s: %v", shot, err)
			}
			t.Logf("screenshot %s", shot)
		})
	}
}
