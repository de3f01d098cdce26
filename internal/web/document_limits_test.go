package web

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"testing"

	"planwatch/internal/config"
	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
)

// docxOf packs parts into a zip, document.xml deflated like Word's.
func docxOf(t *testing.T, parts map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{"[Content_Types].xml", "word/document.xml", "word/styles.xml", "docProps/core.xml"} {
		body, ok := parts[name]
		if !ok {
			continue
		}
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(body))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

const wordDoc = `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>%s</w:body></w:document>`

// TestDocumentPastALimit checks both doors, the upload form and the API:
// a document past a limit of reading (config.Documents) is a 413 naming
// the setting, with nothing stored or audited; a broken one stays a 400.
func TestDocumentPastALimit(t *testing.T) {
	st := storetest.Fresh(t, "sqlite")
	ctx := context.Background()
	f := seed(t, st)
	editor := f.session(t, "editor", store.RoleEditor, store.Scope{})
	types := `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`
	para := `<w:p><w:r><w:t>上海市推进城市数字化转型行动计划</w:t></w:r></w:p>`
	// 64 MiB of spaces packs into about 64 KiB: a thousand to one.
	bomb := docxOf(t, map[string]string{"[Content_Types].xml": types,
		"word/document.xml": strings.Replace(wordDoc, "%s", para+strings.Repeat(" ", 64<<20), 1)})
	small := docxOf(t, map[string]string{"[Content_Types].xml": types, "word/document.xml": strings.Replace(wordDoc, "%s", para, 1),
		"word/styles.xml": `<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>`, "docProps/core.xml": `<x/>`})
	cases := []struct {
		name   string
		limits config.Documents
		file   string
		data   []byte
		status int
		want   string
	}{
		{"a deflate bomb", config.Documents{}, "bomb.docx", bomb, 413, "limit doc_max_ratio"},
		{"more parts than doc_max_parts", config.Documents{MaxParts: 3}, "plan.docx", small, 413, "limit doc_max_parts"},
		{"more than doc_max_inflated", config.Documents{MaxInflated: 1024, MaxPartInflated: 1024}, "plan.docx",
			docxOf(t, map[string]string{"[Content_Types].xml": types, "word/document.xml": strings.Replace(wordDoc, "%s", strings.Repeat(para, 40), 1)}),
			413, "limit doc_max_"},
		{"a file over doc_max_bytes", config.Documents{MaxBytes: 1 << 10}, "plan.txt", []byte(strings.Repeat(uploadPlan, 2)), 413, "limit doc_max_bytes"},
		{"a broken DOCX", config.Documents{}, "broken.docx", []byte("PK\x03\x04 not a zip at all"), 400, "broken.docx"},
	}
	for _, door := range []string{"/documents", "/api/v1/documents"} {
		for _, c := range cases {
			t.Run(door+" "+c.name, func(t *testing.T) {
				srv, err := New(ctx, st, nil, Options{Version: "test", Documents: c.limits})
				if err != nil {
					t.Fatal(err)
				}
				f.srv = srv
				audited, _ := st.Audit(ctx, store.AuditFilter{Action: "document.add"})
				rec := f.upload(t, door, editor, nil, documentField, c.file, c.data)
				body := rec.Body.String()
				if rec.Code != c.status || !strings.Contains(body, c.want) {
					t.Fatalf("status %d, want %d with %q\n%.800s", rec.Code, c.status, c.want, body)
				}
				if strings.HasPrefix(door, "/api/") {
					var p struct {
						Error struct{ Code, Message string }
					}
					if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil || (c.status == 413) != (p.Error.Code == "too_large") ||
						strings.Contains(p.Error.Message, "\n") {
						t.Errorf("problem %+v, %v", p.Error, err)
					}
				} else if !strings.Contains(body, `enctype="multipart/form-data"`) {
					t.Errorf("the form is not shown again with the reason:\n%.800s", body)
				}
				if after, _ := st.Audit(ctx, store.AuditFilter{Action: "document.add"}); len(after) != len(audited) {
					t.Errorf("%d → %d audit entries", len(audited), len(after))
				}
			})
		}
	}
}
