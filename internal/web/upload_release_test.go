package web

import (
	"bytes"
	"mime/multipart"
	"net/http/httptest"
	"path/filepath"
	"testing"
)

// TestFormFileReleasesForm: once formFile has a file's bytes, the form
// holds no copy of them (in memory or in a temporary file), so an upload
// waiting for a worker costs its size once; the other fields stay.
func TestFormFileReleasesForm(t *testing.T) {
	for _, tc := range []struct {
		name   string
		size   int
		memory int64 // what the form keeps in memory, as the auth middleware parses it
	}{
		{"kept in memory", 1 << 20, 32 << 20},
		{"spilled to a temporary file", 2 << 20, 1 << 20},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tmp := t.TempDir()
			t.Setenv("TMPDIR", tmp)
			var body bytes.Buffer
			mw := multipart.NewWriter(&body)
			mw.WriteField("plan", "p1")
			fw, _ := mw.CreateFormFile("sheet", "任务清单.csv")
			want := bytes.Repeat([]byte("序号,进展情况\n"), tc.size/20)
			fw.Write(want)
			mw.Close()
			r := httptest.NewRequest("POST", "/my/sheet", &body)
			r.Header.Set("Content-Type", mw.FormDataContentType())
			if err := r.ParseMultipartForm(tc.memory); err != nil {
				t.Fatal(err)
			}
			name, data, err := formFile(r, "sheet", maxUploadBytes)
			if err != nil || name != "任务清单.csv" || !bytes.Equal(data, want) {
				t.Fatalf("formFile = %q, %d bytes, %v", name, len(data), err)
			}
			if n := len(r.MultipartForm.File); n != 0 {
				t.Errorf("the form still holds %d file fields", n)
			}
			if left, _ := filepath.Glob(filepath.Join(tmp, "multipart-*")); len(left) != 0 {
				t.Errorf("temporary files left: %v", left)
			}
			if got := r.PostFormValue("plan"); got != "p1" {
				t.Errorf("the plan field after formFile: %q", got)
			}
		})
	}
}
