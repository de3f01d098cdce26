package web

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"planwatch/internal/ingest"
	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
	"planwatch/internal/web/auth"
)

// pngFile is the start of a PNG: enough for content sniffing.
var pngFile = append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), bytes.Repeat([]byte{0}, 64)...)

// TestEvidence posts updates with files on the task page's form and
// downloads them again.
func TestEvidence(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := seed(t, st)
		unit := f.task.Units[0].Unit
		rep := f.session(t, "fgw", store.RoleReporter, store.Scope{PlanID: f.plan.ID, Unit: unit})
		pdf := []byte("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n")
		path := "/tasks/" + f.task.ID + "/updates"
		form := map[string]string{"status": "on_schedule", "progress": "55", "note": "附验收材料"}
		cases := []struct {
			name, file string
			data       []byte
			status     int
			want       string
		}{
			{"a PDF", "验收报告.pdf", pdf, 303, ""},
			{"a PNG", `C:\照片\现场.png`, pngFile, 303, ""},
			{"text named .pdf", "假的.pdf", []byte("just some text, not a PDF at all"), 400, "PDF、图片"},
			{"a PNG named .pdf", "图.pdf", pngFile, 400, "扩展名"},
			// Within the body's slack, so the form answers with the reason.
			{"too large", "大.pdf", append(pdf, bytes.Repeat([]byte("0"), maxUploadBytes)...), 400, "10 MiB"},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				before, _ := st.Updates(ctx, f.task.ID)
				rec := f.upload(t, path, rep, form, evidenceField, c.file, c.data)
				if rec.Code != c.status || !strings.Contains(rec.Body.String(), c.want) {
					t.Fatalf("status %d, want %d with %q\n%.800s", rec.Code, c.status, c.want, rec.Body.String())
				}
				after, _ := st.Updates(ctx, f.task.ID)
				if c.status != 303 {
					if len(after) != len(before) {
						t.Errorf("refused, yet an update was stored")
					}
					return
				}
				id := strings.TrimPrefix(strings.SplitN(rec.Header().Get("Location"), "?posted=", 2)[1], "")
				id, _, _ = strings.Cut(id, "#")
				page := f.do("GET", "/tasks/"+f.task.ID, rep, nil, nil).Body.String()
				if !strings.Contains(page, `href="/updates/`+id+`/evidence"`) {
					t.Errorf("the timeline lacks the download link")
				}
				dl := f.do("GET", "/updates/"+id+"/evidence", rep, nil, nil)
				if dl.Code != 200 || !bytes.Equal(dl.Body.Bytes(), c.data) {
					t.Fatalf("download: %d, %d bytes, want %d", dl.Code, dl.Body.Len(), len(c.data))
				}
				disp := dl.Header().Get("Content-Disposition")
				if !strings.HasPrefix(disp, "attachment") || strings.ContainsAny(disp, `\/`) {
					t.Errorf("Content-Disposition %q", disp)
				}
				if ct := dl.Header().Get("Content-Type"); ct != "application/pdf" && ct != "image/png" {
					t.Errorf("Content-Type %q", ct)
				}
				es, _ := st.Audit(ctx, store.AuditFilter{Action: "update.evidence", EntityID: id})
				if len(es) != 1 {
					t.Errorf("%d audit entries for the file", len(es))
				}
			})
		}
		// Who may download: the plan's viewers; not a viewer of no plan.
		ups, _ := st.Updates(ctx, f.task.ID)
		var withFile string
		for _, u := range ups {
			if _, err := st.UpdateEvidence(ctx, u.ID); err == nil {
				withFile = u.ID
			}
		}
		outsider := f.session(t, "outsider", store.RoleViewer)
		viewer := f.session(t, "viewer", store.RoleViewer, store.Scope{})
		for _, c := range []struct {
			sess   *session
			id     string
			status int
		}{{outsider, withFile, 404}, {viewer, withFile, 200}, {viewer, "nosuchupdate", 404}, {viewer, f.task.ID, 404}} {
			if rec := f.do("GET", "/updates/"+c.id+"/evidence", c.sess, nil, nil); rec.Code != c.status {
				t.Errorf("%s GET evidence of %s: %d, want %d", c.sess.user.Login, c.id, rec.Code, c.status)
			}
		}
	})
}

// TestUploadLimits checks that a body over a route's limit is refused
// with 413 before anything reads it, and that other routes keep the small
// limit.
func TestUploadLimits(t *testing.T) {
	f := seed(t, storetest.Fresh(t, "sqlite"))
	for _, c := range []struct {
		path   string
		size   int64
		status int
	}{
		{"/api/v1/my/sheet", maxUploadBytes + formSlack + 1, 413},
		{"/api/v1/documents", ingest.MaxInput + formSlack + 1, 413},
		{"/signout", maxBodyBytes + 1, 413},
	} {
		req := httptest.NewRequest("POST", c.path, strings.NewReader("x"))
		req.ContentLength = c.size
		req.Header.Set("Content-Type", "multipart/form-data; boundary=x")
		req.AddCookie(&http.Cookie{Name: auth.CookieName, Value: f.admin.token})
		rec := httptest.NewRecorder()
		f.srv.ServeHTTP(rec, req)
		var body struct {
			Error struct{ Code, Message string }
		}
		if rec.Code != c.status || (strings.HasPrefix(c.path, "/api/") && json.Unmarshal(rec.Body.Bytes(), &body) != nil) {
			t.Errorf("POST %s of %d bytes: %d %s", c.path, c.size, rec.Code, rec.Body.String())
		}
		if strings.HasPrefix(c.path, "/api/") && (body.Error.Code != "too_large" || !strings.Contains(body.Error.Message, "MiB")) {
			t.Errorf("POST %s: error %+v", c.path, body.Error)
		}
	}
}

// TestDocumentAdd adds documents by upload and by URL through the page
// and the API.
func TestDocumentAdd(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := seed(t, st)
		editor := f.session(t, "editor", store.RoleEditor, store.Scope{})
		reporter := f.session(t, "fgw", store.RoleReporter, store.Scope{Unit: "市发改委"})
		sample, err := os.ReadFile(filepath.Join("..", "cli", "samples", "sample_plan.txt"))
		if err != nil {
			t.Fatal(err)
		}
		// A plan of its own, not a near copy of the seeded one.
		doc := []byte(uploadPlan)
		if rec := f.do("GET", "/documents/new", reporter, nil, nil); rec.Code != 403 {
			t.Errorf("reporter GET /documents/new: %d", rec.Code)
		}
		if body := f.do("GET", "/search", editor, nil, nil).Body.String(); !strings.Contains(body, `href="/documents/new"`) {
			t.Errorf("no link to /documents/new on the search page for an editor")
		}
		if rec := f.do("GET", "/documents/new", editor, nil, nil); rec.Code != 200 || !strings.Contains(rec.Body.String(), `enctype="multipart/form-data"`) {
			t.Errorf("editor GET /documents/new: %d", rec.Code)
		}
		ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write(sample) }))
		defer ts.Close()
		cases := []struct {
			name   string
			sess   *session
			target string
			fields map[string]string
			file   string
			data   []byte
			status int
			want   string
		}{
			{"reporter", reporter, "/documents", nil, "plan.txt", doc, 403, ""},
			{"nothing", editor, "/documents", map[string]string{"tags": "a"}, "", nil, 400, "请填写文档网址或选择文件"},
			{"both", editor, "/api/v1/documents", map[string]string{"url": "https://example.gov.cn/a.html"}, "plan.txt", doc, 400, "not both"},
			{"a path for a URL", editor, "/api/v1/documents", map[string]string{"url": "/etc/passwd"}, "", nil, 400, "http(s)"},
			{"a loopback URL", editor, "/api/v1/documents", map[string]string{"url": ts.URL + "/plan.html"}, "", nil, 400, ts.URL},
			{"a zip", editor, "/api/v1/documents", nil, "plan.zip", doc, 400, "plan.zip"},
			{"empty file", editor, "/api/v1/documents", nil, "plan.txt", []byte{}, 400, "empty"},
			{"a script named .txt", editor, "/api/v1/documents", nil, "app.txt", []byte("function f(x) {\n  return x + 1;\n}\nmodule.exports = f;\n"), 400, "source code, not a document"},
			{"a log on the page", editor, "/documents", nil, "server.txt", []byte("2025-01-02 10:00:01 INFO start\n2025-01-02 10:00:02 ERROR boom\n2025-01-02 10:00:03 INFO stop\n"), 400, "a log file"},
			{"JSON", editor, "/api/v1/documents", nil, "data.json", []byte(`{"title": "行动计划"}`), 400, "want .html"},
			{"JSON named .txt", editor, "/api/v1/documents", nil, "data.txt", []byte(`{"title": "行动计划"}`), 400, "JSON data"},
			{"upload via the API", editor, "/api/v1/documents", map[string]string{"tags": "网页, 测试"}, "行动计划.txt", doc, 201, `"status":"added"`},
			{"the same again on the page", editor, "/documents", nil, "again.txt", doc, 303, ""},
		}
		for _, c := range cases {
			t.Run(c.name, func(t *testing.T) {
				audited, _ := st.Audit(ctx, store.AuditFilter{Action: "document.add"})
				rec := f.upload(t, c.target, c.sess, c.fields, documentField, c.file, c.data)
				if rec.Code != c.status || !strings.Contains(rec.Body.String(), c.want) {
					t.Fatalf("status %d, want %d with %q\n%.800s", rec.Code, c.status, c.want, rec.Body.String())
				}
				after, _ := st.Audit(ctx, store.AuditFilter{Action: "document.add"})
				if (c.status < 400) != (len(after) == len(audited)+1) || (c.status >= 400 && len(after) != len(audited)) {
					t.Errorf("%d → %d audit entries", len(audited), len(after))
				}
				var id string
				switch c.status {
				case 201:
					var res apiDocumentAdded
					json.Unmarshal(rec.Body.Bytes(), &res)
					id = res.ID
				case 303:
					id = strings.TrimPrefix(rec.Header().Get("Location"), "/documents/")
				default:
					return
				}
				d, err := st.Document(ctx, id)
				if err != nil || d.Title == "" {
					t.Fatalf("document %q: %+v, %v", id, d, err)
				}
				v, err := st.Version(ctx, id, 0)
				if err != nil || len(v.Extraction) < 100 || !strings.Contains(v.Text, "数字化转型") {
					t.Errorf("version: %d bytes of extraction, %v", len(v.Extraction), err)
				}
				if c.status == 201 {
					if got := strings.Join(d.Tags, ","); got != "测试,网页" && got != "网页,测试" {
						t.Errorf("tags %v", d.Tags)
					}
				}
			})
		}
	})
}

// uploadPlan is a short plan of its own for the upload tests.
const uploadPlan = `上海市推进城市数字化转型行动计划（2023—2025年）

为加快推进城市数字化转型，制定本行动计划。

一、主要目标
到2025年，数字经济增加值占全市生产总值比重达到60%以上，建成5G基站8万个。

二、重点任务
（一）建设新型基础设施
1.推进千兆光网全覆盖。2024年底前完成。牵头单位：市经济信息化委；配合单位：市通信管理局。
2.建设城市数据中台。2025年6月底前完成。牵头单位：市大数据中心。
（二）推动经济数字化
3.培育工业互联网平台30个。牵头单位：市经济信息化委。
`
