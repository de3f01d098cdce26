package report

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// artifactDir is where tests leave files for a person to look at:
// $PLANWATCH_ARTIFACTS when set, else the test's temporary directory.
func artifactDir(t *testing.T) string {
	t.Helper()
	if d := os.Getenv("PLANWATCH_ARTIFACTS"); d != "" {
		d = filepath.Join(d, "report")
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

// TestWritePDF prints the sample report with Chromium, reads the text
// back with pdftotext and renders the first page to PNG for a person to
// look at. Skipped without chromium or poppler-utils.
func TestWritePDF(t *testing.T) {
	if _, err := FindChromium(); err != nil {
		t.Skip("no chromium on PATH: apt-get install chromium")
	}
	for _, tool := range []string{"pdftotext", "pdftoppm"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("no %s on PATH: apt-get install poppler-utils", tool)
		}
	}
	// Without a Chinese font Chromium prints boxes, and there is no text
	// to read back.
	if out, err := exec.Command("fc-list", ":lang=zh").Output(); err == nil && len(bytes.TrimSpace(out)) == 0 {
		t.Skip("no Chinese font: apt-get install fonts-noto-cjk")
	}
	dir := artifactDir(t)
	var buf bytes.Buffer
	if err := WritePDF(context.Background(), &buf, sampleReport(t)); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
		t.Fatalf("not a PDF: %q", buf.Bytes()[:min(20, buf.Len())])
	}
	pdf := filepath.Join(dir, "report.pdf")
	if err := os.WriteFile(pdf, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	txt := strings.Join(strings.Fields(string(out)), "") // lines wrap anywhere in Chinese
	for _, want := range []string{"实施情况评估报告", "一、总体情况", "二、重点任务推进情况", "三、滞后和逾期事项",
		"四、主要指标", "五、区域比较", "六、本期变化", "附录：数据来源", "建设南湖实验室", "招引进度慢于预期",
		"3.1%（2023年）", "S1", "偏离目标", "绍兴市"} {
		if !strings.Contains(txt, want) {
			t.Errorf("PDF text lacks %q", want)
		}
	}
	if err := exec.Command("pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", pdf, filepath.Join(dir, "report-page")).Run(); err != nil {
		t.Fatalf("pdftoppm: %v", err)
	}
	t.Logf("PDF and first page PNG in %s", dir)
}

func TestWritePDFNoChromium(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	err := WritePDF(context.Background(), &bytes.Buffer{}, &Report{})
	if !errors.Is(err, ErrNoChromium) || !strings.Contains(err.Error(), "apt-get install chromium") {
		t.Errorf("err = %v, want ErrNoChromium with the install hint", err)
	}
}
