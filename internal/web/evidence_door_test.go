package web

import (
	"encoding/json"
	"strings"
	"testing"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
)

// evidencePNG is enough of a PNG for the type sniffer: its signature.
var evidencePNG = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR evidence")

// TestEvidenceDoors: an update without a file shows no file entry; a file
// attached through the API (and through the task page's form) is listed
// on the task page and in the API, and downloads, byte for byte, for
// whoever may see the plan and for nobody else.
func TestEvidenceDoors(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		f := seed(t, st)
		// The seeded update has no file: no entry, no empty link.
		page := f.get("GET", "/tasks/"+f.task.ID, nil).Body.String()
		if strings.Contains(page, "/updates//evidence") || strings.Contains(page, "/evidence\"") || strings.Contains(page, "0.0 KiB") {
			t.Fatalf("an update without a file shows a file entry:\n%s", page)
		}

		// The API door: post an update, then its file.
		body := `{"status":"in_progress","progress":50,"note":"现场核查完成"}`
		rec := f.doJSON("POST", "/api/v1/tasks/"+f.task.ID+"/updates", f.admin, body, true)
		if rec.Code != 201 {
			t.Fatalf("API update: %d %s", rec.Code, rec.Body.String())
		}
		var up apiUpdate
		if err := json.Unmarshal(rec.Body.Bytes(), &up); err != nil {
			t.Fatal(err)
		}
		target := "/api/v1/updates/" + up.ID + "/evidence"
		if rec := f.upload(t, target, f.admin, nil, evidenceField, "notes.png", []byte("plain text")); rec.Code != 400 {
			t.Errorf("a text file as a PNG: %d %s", rec.Code, rec.Body.String())
		}
		if rec := f.upload(t, target, f.admin, nil, evidenceField, "", nil); rec.Code != 400 {
			t.Errorf("no file: %d %s", rec.Code, rec.Body.String())
		}
		rec = f.upload(t, target, f.admin, nil, evidenceField, "核查照片.png", evidencePNG)
		if rec.Code != 201 {
			t.Fatalf("API evidence: %d %s", rec.Code, rec.Body.String())
		}
		var ev apiEvidence
		if err := json.Unmarshal(rec.Body.Bytes(), &ev); err != nil {
			t.Fatal(err)
		}
		if ev.URL != "/updates/"+up.ID+"/evidence" || ev.Type != "image/png" || ev.Size != int64(len(evidencePNG)) || ev.Name != "核查照片.png" {
			t.Errorf("API evidence = %+v", ev)
		}
		if rec := f.upload(t, target, f.admin, nil, evidenceField, "again.png", evidencePNG); rec.Code != 409 {
			t.Errorf("a second file: %d %s", rec.Code, rec.Body.String())
		}
		// Listed in the API's task and on the task page.
		rec = f.get("GET", "/api/v1/tasks/"+f.task.ID, nil)
		if !strings.Contains(rec.Body.String(), `"evidence_file":{"update_id":"`+up.ID+`"`) {
			t.Errorf("API task lacks the file:\n%s", rec.Body.String())
		}
		page = f.get("GET", "/tasks/"+f.task.ID, nil).Body.String()
		if !strings.Contains(page, `href="`+ev.URL+`"`) || !strings.Contains(page, "核查照片.png") || strings.Count(page, "/evidence\"") != 1 {
			t.Errorf("task page lacks the one file:\n%s", page)
		}

		// The web door: the task page's form with a file.
		rec = f.upload(t, "/tasks/"+f.task.ID+"/updates", f.admin, map[string]string{"status": "in_progress", "progress": "60",
			"unit": f.task.Units[0].Unit, "note": "表格已上报"}, evidenceField, "台账.png", evidencePNG)
		if rec.Code != 303 {
			t.Fatalf("form with a file: %d %s", rec.Code, rec.Body.String())
		}
		page = f.get("GET", "/tasks/"+f.task.ID, nil).Body.String()
		if strings.Count(page, "/evidence\"") != 2 || !strings.Contains(page, "台账.png") {
			t.Errorf("task page lacks the form's file:\n%s", page)
		}

		// A file over the limit: refused beside the form, in Chinese.
		big := append(append([]byte{}, evidencePNG...), make([]byte, maxUploadBytes)...)
		rec = f.upload(t, "/tasks/"+f.task.ID+"/updates", f.admin, map[string]string{"status": "in_progress", "progress": "60",
			"unit": f.task.Units[0].Unit}, evidenceField, "大图.png", big)
		if body := rec.Body.String(); rec.Code != 400 || !strings.Contains(body, "文件 大图.png过大：上限为 10 MiB") || strings.Contains(body, "too large") {
			t.Errorf("a file over the limit: %d\n%.3000s", rec.Code, body)
		}

		// Downloads: the plan's viewer gets the bytes; a viewer of another
		// plan is told the update does not exist.
		other, _ := secondPlan(t, f)
		mine := f.session(t, "kanban", store.RoleViewer, store.Scope{PlanID: f.plan.ID})
		stranger := f.session(t, "waibu", store.RoleViewer, store.Scope{PlanID: other.ID})
		rec = f.do("GET", ev.URL, mine, nil, nil)
		if rec.Code != 200 || rec.Body.String() != string(evidencePNG) || rec.Header().Get("Content-Type") != "image/png" {
			t.Errorf("viewer's download: %d %s", rec.Code, rec.Header().Get("Content-Type"))
		}
		if rec := f.do("GET", ev.URL, stranger, nil, nil); rec.Code != 404 {
			t.Errorf("stranger's download: %d", rec.Code)
		}
		if rec := f.upload(t, target, stranger, nil, evidenceField, "x.png", evidencePNG); rec.Code != 404 {
			t.Errorf("stranger's attach: %d %s", rec.Code, rec.Body.String())
		}
	})
}
