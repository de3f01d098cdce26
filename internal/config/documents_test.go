package config

import (
	"strings"
	"testing"
	"time"
)

func TestLoadDocuments(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		check   func(Documents) bool
		wantErr string
	}{
		{name: "defaults", env: map[string]string{}, check: func(d Documents) bool {
			return d == Documents{MaxBytes: 64 << 20, MaxText: 64 << 20, MaxParts: 10000, MaxPartInflated: 128 << 20,
				MaxInflated: 256 << 20, MaxRatio: 100, MaxXMLDepth: 256, MaxXMLTag: 1 << 20,
				PDFMaxMemory: 256 << 20, PDFMaxPages: 5000, PDFTimeout: 2 * time.Minute}
		}},
		{name: "set", env: map[string]string{"PLANWATCH_PDF_MAX_MEMORY": "1GiB", "PLANWATCH_DOC_MAX_BYTES": "8 MiB",
			"PLANWATCH_PDF_MAX_PAGES": "200", "PLANWATCH_PDF_TIMEOUT": "30s", "PLANWATCH_PDF_WORKERS": "2",
			"PLANWATCH_DOC_MAX_INFLATED": "1048576", "PLANWATCH_PDF_CACHE_DIR": "off"}, check: func(d Documents) bool {
			return d.PDFMaxMemory == 1<<30 && d.MaxBytes == 8<<20 && d.PDFMaxPages == 200 && d.PDFTimeout == 30*time.Second &&
				d.PDFWorkers == 2 && d.MaxInflated == 1<<20 && d.PDFCacheDir == "off" && d.MaxParts == DefaultDocMaxParts
		}},
		{name: "zero", env: map[string]string{"PLANWATCH_DOC_MAX_PARTS": "0"}, wantErr: "PLANWATCH_DOC_MAX_PARTS"},
		{name: "negative", env: map[string]string{"PLANWATCH_DOC_MAX_BYTES": "-5"}, wantErr: "PLANWATCH_DOC_MAX_BYTES"},
		{name: "not a size", env: map[string]string{"PLANWATCH_DOC_MAX_INFLATED": "lots"}, wantErr: "PLANWATCH_DOC_MAX_INFLATED"},
		{name: "a size for a count", env: map[string]string{"PLANWATCH_PDF_MAX_PAGES": "5MiB"}, wantErr: "PLANWATCH_PDF_MAX_PAGES"},
		{name: "PDF memory past WebAssembly's", env: map[string]string{"PLANWATCH_PDF_MAX_MEMORY": "8GiB"}, wantErr: "PLANWATCH_PDF_MAX_MEMORY"},
		{name: "PDF memory below PDFium's own", env: map[string]string{"PLANWATCH_PDF_MAX_MEMORY": "16MiB"}, wantErr: "from 32MiB to 4GiB"},
		{name: "input past 1 GiB", env: map[string]string{"PLANWATCH_DOC_MAX_BYTES": "2GiB"}, wantErr: "PLANWATCH_DOC_MAX_BYTES"},
		{name: "ratio too high", env: map[string]string{"PLANWATCH_DOC_MAX_RATIO": "1000000"}, wantErr: "PLANWATCH_DOC_MAX_RATIO"},
		{name: "timeout not a duration", env: map[string]string{"PLANWATCH_PDF_TIMEOUT": "soon"}, wantErr: "PLANWATCH_PDF_TIMEOUT"},
		{name: "timeout too short", env: map[string]string{"PLANWATCH_PDF_TIMEOUT": "10ms"}, wantErr: "PLANWATCH_PDF_TIMEOUT"},
		{name: "too many workers", env: map[string]string{"PLANWATCH_PDF_WORKERS": "1000"}, wantErr: "PLANWATCH_PDF_WORKERS"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.env["PLANWATCH_DB"] = "x.db"
			c, err := FromEnv(env(tt.env))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || strings.Contains(err.Error(), "\n") {
					t.Fatalf("err = %v, want one line naming %s", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !tt.check(c.Documents) {
				t.Errorf("documents = %+v", c.Documents)
			}
		})
	}
	if got := (Documents{MaxParts: 7}).WithDefaults(); got.MaxParts != 7 || got.PDFMaxMemory != DefaultPDFMaxMemory || got.PDFWorkers != 0 {
		t.Errorf("WithDefaults = %+v", got)
	}
}

// A config file may set the document limits as the environment does.
func TestDocumentsFromFile(t *testing.T) {
	files := map[string][]byte{"/etc/pw.env": []byte("PLANWATCH_DB=x.db\nPLANWATCH_PDF_MAX_PAGES=100\n")}
	c, _, err := Load(env(map[string]string{"PLANWATCH_CONFIG": "/etc/pw.env"}), func(p string) ([]byte, error) { return files[p], nil })
	if err != nil || c.Documents.PDFMaxPages != 100 {
		t.Fatalf("PDFMaxPages = %d, err %v", c.Documents.PDFMaxPages, err)
	}
}
