package cli

import (
	"bufio"
	"bytes"
	"context"
	"image"
	"image/color"
	"image/png"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
	"planwatch/internal/web/auth"
)

// TestTwoServersOneDatabase runs two `planwatch serve` processes on one
// PostgreSQL database, as two boxes behind a proxy would, and sends each
// step of a user's work to whichever server a round-robin proxy would
// pick: a session made on one is good on the other (and signing out on
// one ends it on both), a form rendered by one is accepted by the other
// (CSRF key shared), evidence and an original uploaded to one download
// from the other byte for byte, a report is made by either, and each
// scheduled job ran once between the two.
func TestTwoServersOneDatabase(t *testing.T) {
	if os.Getenv("PLANWATCH_TEST_POSTGRES") == "" {
		t.Skip("PLANWATCH_TEST_POSTGRES not set: two servers share a PostgreSQL database")
	}
	if testing.Short() {
		t.Skip("starts two servers")
	}
	db := storetest.FreshDSN(t, "postgres")
	plan := trackedPlanIn(t, db, samplePlan)
	const password = "Two-Servers-1-db"
	if code, out, errOut := run(t, password+"\n", "user", "add", "office", "--role", "admin", "--db", db, "--password-stdin"); code != exitOK {
		t.Fatalf("user add = %d\n%s%s", code, out, errOut)
	}
	const metricsToken = "metrics-token-of-the-test"
	env := []string{"PLANWATCH_METRICS_TOKEN=" + metricsToken}
	a := startServe(t, env, "--db", db)
	b := startServe(t, env, "--db", db)
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }, Timeout: 30 * time.Second}

	// Jobs: each ran once between the two servers. Both ran a round as
	// they started; whichever came second found every job done and not
	// due for its interval.
	ctx := context.Background()
	st, err := store.Open(ctx, db, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	jobs := []string{"watch", "reminders", "audit-retention", "audit-checkpoint", "sessions"}
	deadline := time.Now().Add(20 * time.Second)
	for {
		leases, err := st.JobLeases(ctx)
		if err != nil {
			t.Fatal(err)
		}
		ran := 0
		for _, l := range leases {
			if !l.LastRunAt.IsZero() {
				ran++
			}
		}
		if ran >= len(jobs) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after 20 s only %d of %d jobs ran: %+v", ran, len(jobs), leases)
		}
		time.Sleep(100 * time.Millisecond)
	}
	// The later server's first round may still be asking for leases.
	time.Sleep(2 * time.Second)
	runsA, runsB := jobRuns(t, c, a.base, metricsToken), jobRuns(t, c, b.base, metricsToken)
	for _, j := range jobs {
		if n := runsA[j] + runsB[j]; n != 1 {
			t.Errorf("job %s ran %d times (a %d, b %d), want once between the servers", j, n, runsA[j], runsB[j])
		}
	}

	// A session made on a is good on b.
	form := url.Values{"login": {"office"}, "password": {password}, "next": {"/my"}}
	resp, err := c.PostForm(a.base+"/signin", form)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	var cookie *http.Cookie
	for _, ck := range resp.Cookies() {
		if ck.Name == auth.CookieName {
			cookie = ck
		}
	}
	if resp.StatusCode != http.StatusSeeOther || cookie == nil {
		t.Fatalf("sign-in on a = %d, cookie %v", resp.StatusCode, cookie)
	}
	get := func(base, path string) (int, []byte) {
		t.Helper()
		req, _ := http.NewRequest("GET", base+path, nil)
		req.AddCookie(cookie)
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, body
	}
	if code, body := get(b.base, "/my"); code != http.StatusOK {
		t.Fatalf("a's session on b: GET /my = %d\n%.300s", code, body)
	}

	// A task's form rendered by b, posted with evidence to a.
	code, page := get(b.base, "/plans/"+plan)
	task := regexp.MustCompile(`/tasks/([0-9a-z]{16})`).FindSubmatch(page)
	if code != http.StatusOK || task == nil {
		t.Fatalf("plan page on b = %d, no task link\n%.300s", code, page)
	}
	taskPath := "/tasks/" + string(task[1])
	code, page = get(b.base, taskPath)
	csrf := csrfFieldRe.FindSubmatch(page)
	if code != http.StatusOK || csrf == nil {
		t.Fatalf("task page on b = %d, no CSRF field", code)
	}
	evidence := testPNG(t)
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, v := range map[string]string{"csrf_token": string(csrf[1]), "status": "on_schedule", "progress": "40", "note": "两台服务器"} {
		mw.WriteField(k, v)
	}
	fw, _ := mw.CreateFormFile("evidence_file", "现场照片.png")
	fw.Write(evidence)
	mw.Close()
	req, _ := http.NewRequest("POST", a.base+taskPath+"/updates", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.AddCookie(cookie)
	resp, err = c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("update with evidence on a (form from b) = %d\n%.400s", resp.StatusCode, body)
	}
	_, page = get(a.base, taskPath)
	link := regexp.MustCompile(`/updates/[0-9a-z]{16}/evidence`).Find(page)
	if link == nil {
		t.Fatal("a's task page links no evidence after the upload")
	}
	if code, got := get(b.base, string(link)); code != http.StatusOK || !bytes.Equal(got, evidence) {
		t.Fatalf("evidence uploaded to a, from b: %d, %d bytes, want the %d uploaded", code, len(got), len(evidence))
	}

	// An original uploaded to a downloads from b.
	original := append([]byte("两台服务器共用数据库的说明\n\n"), bigPlan(12)...)
	buf.Reset()
	mw = multipart.NewWriter(&buf)
	mw.WriteField("csrf_token", string(csrf[1]))
	fw, _ = mw.CreateFormFile("file", "说明.txt")
	fw.Write(original)
	mw.Close()
	req, _ = http.NewRequest("POST", a.base+"/documents", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.AddCookie(cookie)
	resp, err = c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/documents/") {
		t.Fatalf("document upload on a = %d, Location %q", resp.StatusCode, loc)
	}
	if code, got := get(b.base, loc+"/original"); code != http.StatusOK || !bytes.Equal(got, original) {
		t.Fatalf("original uploaded to a, from b: %d, %d bytes, want the %d uploaded", code, len(got), len(original))
	}

	// A report, made by b, counts a's update.
	if code, got := get(b.base, "/plans/"+plan+"/report?format=docx"); code != http.StatusOK || !bytes.HasPrefix(got, []byte("PK")) {
		t.Fatalf("report on b = %d, %d bytes", code, len(got))
	}

	// Signing out on b ends the session on a too.
	req, _ = http.NewRequest("POST", b.base+"/signout", strings.NewReader(url.Values{"csrf_token": {string(csrf[1])}}.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(cookie)
	resp, err = c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign-out on b = %d", resp.StatusCode)
	}
	if code, _ := get(a.base, "/my"); code != http.StatusSeeOther {
		t.Fatalf("after sign-out on b, GET /my on a = %d, want a redirect to sign in", code)
	}
}

// jobRuns reads planwatch_job_runs_total off a server's /metrics, by job.
func jobRuns(t *testing.T, c *http.Client, base, token string) map[string]int {
	t.Helper()
	req, _ := http.NewRequest("GET", base+"/metrics", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s/metrics = %d", base, resp.StatusCode)
	}
	re := regexp.MustCompile(`^planwatch_job_runs_total\{job="([^"]+)"\} (\d+)$`)
	out := map[string]int{}
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		if m := re.FindStringSubmatch(sc.Text()); m != nil {
			out[m[1]], _ = strconv.Atoi(m[2])
		}
	}
	return out
}

// testPNG is a small PNG image, as a photo of a site would be.
func testPNG(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 8, 8))
	for i := range 8 {
		img.Set(i, i, color.RGBA{200, 30, 30, 255})
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
