package ingest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// reNumber matches the numbers a plan states: 2025, 62, 13.5%, １２％.
var reNumber = regexp.MustCompile(`[0-9]+(?:\.[0-9]+)?%?`)

// numbers returns the distinct numbers of text, full-width folded, that
// have three digits or more or are percentages: the years, quantities and
// rates that a reader must not cut or glue.
func numbers(text string) map[string]bool {
	norm, _ := Normalize(text)
	out := map[string]bool{}
	for _, n := range reNumber.FindAllString(norm, -1) {
		digits := strings.Count(n, "") - 1 - strings.Count(n, ".") - strings.Count(n, "%")
		if digits >= 3 || strings.HasSuffix(n, "%") {
			out[n] = true
		}
	}
	return out
}

// TestPDFCorpus reads real plan PDFs from ../shared/corpus/pdf: lines the
// old reader broke must come out whole, and every number Poppler's
// pdftotext reads must be a whole number of ours, not split ("2 0 2 5")
// nor glued to its neighbour.
func TestPDFCorpus(t *testing.T) {
	dir := filepath.Join(corpusDir(t), "pdf")
	pdftotext, lookErr := exec.LookPath("pdftotext")
	tests := []struct {
		file  string
		first string   // the first line
		want  []string // lines or parts of lines
		// Numbers pdftotext gets wrong: it reads the exponent of 10⁷ as a
		// third digit.
		refWrong []string
	}{
		// A red-head document with letter-spaced digits; the banner
		// keeps a line of its own.
		{"p12.pdf", "大同市人民政府文件", []string{"同政发〔2021〕62号", "\n2021年12月16日\n", "1.1环境保护规划指标完成情况", "µg/m³"}, nil},
		// Times digits in SimSun text, a table with cells of two lines.
		{"p04.pdf", "", []string{"装配式建筑面积1.12亿平方", "比例达到100%。", "\n1\t100\n"}, nil},
		// A paragraph that runs across a page break.
		{"p01.pdf", "", []string{"二氧化碳排放\n比2020年下降18%", "（国科发社〔2022〕157号）"}, nil},
		// Exponents are not digits of the number before them.
		{"p08.pdf", "", []string{"7.35×10⁷千焦"}, []string{"107"}},
		{"p22.pdf", "", []string{"洞庭湖总磷浓度下降到0.06毫克/升"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			path := filepath.Join(dir, tc.file)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Skip(err)
			}
			doc, err := Decode(context.Background(), tc.file, data)
			if err != nil {
				t.Fatal(err)
			}
			if first, _, _ := strings.Cut(doc.Original, "\n"); tc.first != "" && first != tc.first {
				t.Errorf("first line %q, want %q", first, tc.first)
			}
			for _, w := range tc.want {
				if !strings.Contains(doc.Original, w) {
					t.Errorf("text lacks %q", w)
				}
			}
			if lookErr != nil {
				t.Logf("no pdftotext to compare with: %v", lookErr)
				return
			}
			out, err := exec.Command(pdftotext, "-layout", "-enc", "UTF-8", path, "-").Output()
			if err != nil {
				t.Fatalf("pdftotext: %v", err)
			}
			ours := numbers(doc.Text)
			var missing []string
			for n := range numbers(Clean(string(out))) {
				if !ours[n] && !slices.Contains(tc.refWrong, n) {
					missing = append(missing, n)
				}
			}
			slices.Sort(missing)
			if len(missing) > 0 {
				t.Errorf("numbers pdftotext reads that are not whole in our text: %q", missing)
			}
		})
	}
}
