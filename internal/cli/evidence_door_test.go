package cli

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"planwatch/internal/store"
	"planwatch/internal/web"
	"planwatch/internal/web/auth"
)

// fakePNG is enough of a PNG for the type sniffer: its signature.
var fakePNG = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR evidence bytes")

// TestEvidenceFromCLI: a file attached with `task update --evidence` is
// kept as the web form keeps its upload: the task page links it with its
// name and size, whoever may see the plan downloads the very bytes, and a
// user of another plan is told the update does not exist. A file of a
// type no update takes is refused with one line, and nothing is saved.
func TestEvidenceFromCLI(t *testing.T) {
	db := filepath.Join(t.TempDir(), "planwatch.db")
	doc, plan, _ := sampleCreated(t, db)
	_, out2, _ := run(t, "", "plan", "create", "--db", db, "--from", doc, "--new-version")
	other := regexp.MustCompile(`plan ([0-9a-z]{16})`).FindStringSubmatch(out2)
	if other == nil || other[1] == plan {
		t.Fatalf("a second plan: %s", out2)
	}
	confirmAll(t, db, plan)
	_, show, _ := run(t, "", "plan", "show", "--db", db, plan)
	task := regexp.MustCompile(`市科技局[^\n]*\] ([0-9a-z]{16})`).FindStringSubmatch(show)[1]

	bad := writeFile(t, "photo.png", []byte("just text, not an image"))
	code, out, errOut := run(t, "", "task", "update", "--db", db, "--unit", "市科技局", "--status", "进行中", "--progress", "10", "--evidence", bad, task)
	if code != exitFail || !strings.Contains(errOut, "photo.png") {
		t.Fatalf("a text file as evidence = %d, want a failure naming it\n%s%s", code, out, errOut)
	}
	if strings.Count(errOut, "\n") != 1 {
		t.Errorf("stderr should be one line: %q", errOut)
	}
	good := writeFile(t, "现场照片.png", fakePNG)
	if code, out, errOut := run(t, "", "task", "update", "--db", db, "--unit", "市科技局", "--status", "进行中", "--progress", "20", "--evidence", good, task); code != exitOK {
		t.Fatalf("task update --evidence = %d\n%s%s", code, out, errOut)
	}

	ctx := context.Background()
	st, err := store.Open(ctx, db, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ups, err := st.Updates(ctx, task)
	if err != nil || len(ups) != 1 {
		t.Fatalf("updates: %v, %d (the refused one must not be saved)", err, len(ups))
	}
	if ups[0].Evidence != "" {
		t.Errorf("evidence column = %q, want the file kept as a file, not named in the column", ups[0].Evidence)
	}
	srv, err := web.New(ctx, st, nil, web.Options{Version: "test"})
	if err != nil {
		t.Fatal(err)
	}
	get := func(login, path string, scope store.Scope) *httptest.ResponseRecorder {
		u, err := st.CreateUser(ctx, store.User{Login: login, Role: store.RoleViewer, PasswordHash: "!", Scopes: []store.Scope{scope}})
		if err != nil {
			t.Fatal(err)
		}
		tok, err := st.CreateSession(ctx, u.ID, store.SessionAbsoluteTimeout, "test", "192.0.2.1")
		if err != nil {
			t.Fatal(err)
		}
		req := httptest.NewRequest("GET", path, nil)
		req.AddCookie(&http.Cookie{Name: auth.CookieName, Value: tok})
		rec := httptest.NewRecorder()
		srv.ServeHTTP(rec, req)
		return rec
	}
	page := get("lingdao", "/tasks/"+task, store.Scope{PlanID: plan})
	link := "/updates/" + ups[0].ID + "/evidence"
	if body := page.Body.String(); page.Code != 200 || !strings.Contains(body, `href="`+link+`"`) || !strings.Contains(body, "现场照片.png") || !strings.Contains(body, "(31 B)") {
		t.Fatalf("task page: %d, want a link to %s named 现场照片.png\n%s", page.Code, link, body)
	}
	if body := page.Body.String(); strings.Contains(body, "/updates//evidence") || strings.Count(body, "/evidence\"") != 1 {
		t.Errorf("task page shows an entry without a file")
	}
	dl := get("lingdao2", link, store.Scope{PlanID: plan})
	if dl.Code != 200 || dl.Body.String() != string(fakePNG) || dl.Header().Get("Content-Type") != "image/png" {
		t.Errorf("download: %d %s %q", dl.Code, dl.Header().Get("Content-Type"), dl.Body.String())
	}
	if cd := dl.Header().Get("Content-Disposition"); !strings.Contains(cd, "attachment") {
		t.Errorf("download disposition %q", cd)
	}
	if rec := get("waibu", link, store.Scope{PlanID: other[1]}); rec.Code != 404 {
		t.Errorf("a user of another plan gets %d, want 404", rec.Code)
	}
}
