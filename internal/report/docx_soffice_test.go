package report

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestOfficeLibreOffice converts both formats with LibreOffice, when it is
// installed, as a check that a real office suite opens them: the DOCX to
// plain text and the XLSX to CSV (LibreOffice exports the first sheet,
// 总体情况). Plain text rather than PDF: a PDF's text runs across the
// lines of wrapped table cells, and where a cell wraps depends on the
// fonts installed.
func TestOfficeLibreOffice(t *testing.T) {
	soffice := ""
	for _, name := range []string{"soffice", "libreoffice"} {
		if p, err := exec.LookPath(name); err == nil {
			soffice = p
			break
		}
	}
	if soffice == "" {
		t.Skip("LibreOffice (soffice) not on PATH")
	}
	if testing.Short() {
		t.Skip("slow: starts LibreOffice")
	}
	dir := t.TempDir()
	r := docxTestReport()
	tests := []struct {
		file, to, out string
		write         func(*bytes.Buffer) error
		want          []string // in the converted text
	}{
		{"report.docx", "txt", "report.txt", func(b *bytes.Buffer) error { return WriteDOCX(b, r) },
			[]string{"总体情况", "58.3%", "3.05%（2023）", "≥3.5%（2025）"}},
		{"report.xlsx", "csv", "report.csv", func(b *bytes.Buffer) error { return WriteXLSX(b, r) },
			[]string{"重点任务（项）", "2024-06-30", "50.0%"}},
	}
	for _, tt := range tests {
		t.Run(tt.to, func(t *testing.T) {
			var buf bytes.Buffer
			if err := tt.write(&buf); err != nil {
				t.Fatal(err)
			}
			in := filepath.Join(dir, tt.file)
			if err := os.WriteFile(in, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			// A private profile: a user's running LibreOffice would
			// otherwise take the job and the headless call return at once.
			profile := "-env:UserInstallation=file://" + filepath.ToSlash(filepath.Join(dir, "profile"))
			to := tt.to
			switch to {
			case "txt":
				to = "txt:Text (encoded):UTF8"
			case "csv":
				to = `csv:Text - txt - csv (StarCalc):44,34,76` // comma, quote, UTF-8
			}
			cmd := exec.CommandContext(ctx, soffice, profile, "--headless", "--convert-to", to, "--outdir", dir, in)
			if out, err := cmd.CombinedOutput(); err != nil {
				t.Fatalf("soffice: %v\n%s", err, out)
			}
			out := filepath.Join(dir, tt.out)
			data, err := os.ReadFile(out)
			if err != nil || len(data) == 0 {
				t.Fatalf("no %s from LibreOffice: %v", tt.out, err)
			}
			text := string(data)
			for _, w := range tt.want {
				if !strings.Contains(text, w) {
					t.Errorf("%s lacks %q", tt.out, w)
				}
			}
		})
	}
}
