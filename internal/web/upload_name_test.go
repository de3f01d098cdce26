package web

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
	"planwatch/internal/web/auth"
)

// rawUpload posts a multipart body written by hand, so that the file
// name's header holds exactly the bytes a hostile client sends.
func rawUpload(f *fixture, path string, sess *session, header map[string]string, csrfField bool, field, disposition string) *httptest.ResponseRecorder {
	var b strings.Builder
	if csrfField {
		b.WriteString("--XX\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n" + sess.csrf + "\r\n")
	}
	b.WriteString("--XX\r\nContent-Disposition: form-data; name=\"" + field + "\"; " + disposition + "\r\n" +
		"Content-Type: application/octet-stream\r\n\r\n%PDF-1.4 tiny\r\n--XX--\r\n")
	req := httptest.NewRequest("POST", path, strings.NewReader(b.String()))
	req.Header.Set("Content-Type", "multipart/form-data; boundary=XX")
	for k, v := range header {
		req.Header.Set(k, v)
	}
	if sess != nil {
		req.AddCookie(&http.Cookie{Name: auth.CookieName, Value: sess.token})
	}
	rec := httptest.NewRecorder()
	f.srv.ServeHTTP(rec, req)
	return rec
}

// TestUploadBadFileNames: a NUL or another control character in an
// upload's file name is a 400 saying so, in JSON for the API and on the
// page otherwise — never the CSRF 403 it used to be (the form could not
// be read, so its token was not found).
func TestUploadBadFileNames(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		f := seed(t, st)
		unit := f.task.Units[0].Unit
		rep := f.session(t, "fgw", store.RoleReporter, store.Scope{PlanID: f.plan.ID, Unit: unit})
		tok, _, err := st.CreateAPIToken(context.Background(), rep.user.ID, "script", 0)
		if err != nil {
			t.Fatal(err)
		}
		bearer := map[string]string{"Authorization": "Bearer " + tok}
		header := map[string]string{auth.CSRFHeader: f.admin.csrf}
		cases := []struct {
			name, path  string
			sess        *session
			header      map[string]string
			csrfField   bool
			field, disp string
			json        bool
			want        string
		}{
			{"NUL, sheet page", "/my/sheet", rep, nil, true, sheetField, "filename=\"a\x00b.xlsx\"", false, "控制字符"},
			{"NUL, evidence page", "/tasks/" + f.task.ID + "/updates", rep, nil, true, evidenceField, "filename=\"a\x00b.pdf\"", false, "控制字符"},
			{"line feed, documents page", "/documents", f.admin, nil, true, documentField, "filename=\"a\nb.txt\"", false, "控制字符"},
			{"NUL, sheet API", "/api/v1/my/sheet", nil, bearer, false, sheetField, "filename=\"a\x00b.xlsx\"", true, `"code":"bad_form"`},
			{"encoded NUL, sheet API", "/api/v1/my/sheet", nil, bearer, false, sheetField, "filename*=UTF-8''a%00b.xlsx", true, "control character"},
			{"tab, sheet API", "/api/v1/my/sheet", nil, bearer, false, sheetField, "filename=\"a\tb.xlsx\"", true, "U+0009"},
			{"bidi override, documents API", "/api/v1/documents", f.admin, header, false, documentField, "filename*=UTF-8''%E2%80%AEtxt.exe", true, "U+202E"},
			{"NUL, documents API with the CSRF header", "/api/v1/documents", f.admin, header, false, documentField, "filename=\"a\x00b.txt\"", true, `"code":"bad_form"`},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				rec := rawUpload(f, c.path, c.sess, c.header, c.csrfField, c.field, c.disp)
				body := rec.Body.String()
				ct := rec.Header().Get("Content-Type")
				if rec.Code != http.StatusBadRequest || !strings.Contains(body, c.want) {
					t.Fatalf("status %d, want 400 with %q\n%.800s", rec.Code, c.want, body)
				}
				if c.json != strings.HasPrefix(ct, "application/json") {
					t.Errorf("Content-Type %q", ct)
				}
				if strings.ContainsRune(body, 0) {
					t.Errorf("the answer echoes the NUL")
				}
				checkSecurityHeaders(t, rec.Header())
			})
		}
		if ups, _ := st.Updates(context.Background(), f.task.ID); len(ups) != 1 {
			t.Errorf("%d updates after the refused uploads, want the seeded 1", len(ups))
		}
	})
}
