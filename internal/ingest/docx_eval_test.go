package ingest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"
)

// evalDOCX lists eval/docx/*.docx: Word files made by eval/docx/make.py
// whose heading numbers exist only in numbering.xml.
func evalDOCX(t *testing.T) []string {
	dir, err := os.Getwd()
	if err != nil {
		t.Skip(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		if filepath.Dir(dir) == dir {
			t.Skip("no go.mod above the package")
		}
		dir = filepath.Dir(dir)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "eval", "docx", "*.docx"))
	if len(files) == 0 {
		t.Skip("no eval/docx/*.docx")
	}
	return files
}

var reSourceArabic = regexp.MustCompile(`^(\d{1,2})[．、]`)

var reEvalMarker = regexp.MustCompile(`^(?:([一二三四五六七八九十]{1,3})、|（([一二三四五六七八九十]{1,3})）|(\d{1,2})\.)`)

// TestDOCXEvalNumbering reads the evaluation DOCX files: every heading
// carries the number Word shows, in sequence, and the whole text is what
// LibreOffice renders when soffice is installed.
func TestDOCXEvalNumbering(t *testing.T) {
	files := evalDOCX(t)
	texts := map[string]string{}
	seen := map[int]int{} // marker kind → count over all files
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text, _, err := decodeDOCX(context.Background(), data, ZipLimits{})
		if err != nil {
			t.Fatalf("%s: %v", filepath.Base(f), err)
		}
		texts[f] = text
		// Each kind counts on from the previous heading of its kind, or
		// starts again at 1 (under a new heading of a higher kind).
		last := [3]int{}
		first := true
		for i, line := range strings.Split(text, "\n") {
			m := reEvalMarker.FindStringSubmatch(line)
			if m == nil {
				continue
			}
			kind, v := 0, 0
			for k := 1; k <= 3; k++ {
				if m[k] != "" {
					kind = k - 1
					v = hanValue(m[k])
				}
			}
			if first && kind != 0 {
				t.Errorf("%s: first numbered line %q is not 一、", filepath.Base(f), line)
			}
			first = false
			if v != last[kind]+1 && v != 1 {
				t.Errorf("%s line %d: %q follows %d", filepath.Base(f), i+1, line, last[kind])
			}
			last[kind] = v
			seen[kind]++
		}
	}
	checkAgainstSources(t, files, texts)
	for kind, name := range []string{"一、", "（一）", "1."} {
		if seen[kind] == 0 {
			t.Errorf("no %s headings in %d files", name, len(files))
		}
	}

	soffice, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("soffice not installed: numbering not compared with LibreOffice")
	}
	out := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	args := append([]string{"-env:UserInstallation=file://" + filepath.Join(out, "profile"), "--headless", "--convert-to", "txt:Text", "--outdir", out}, files...)
	if msg, err := exec.CommandContext(ctx, soffice, args...).CombinedOutput(); err != nil {
		t.Skipf("soffice failed: %v %s", err, msg)
	}
	for _, f := range files {
		ref, err := os.ReadFile(filepath.Join(out, strings.TrimSuffix(filepath.Base(f), ".docx")+".txt"))
		if err != nil {
			t.Errorf("%s: no soffice output: %v", filepath.Base(f), err)
			continue
		}
		// LibreOffice writes table cells on lines of their own and spaces
		// after numbers: compare without whitespace.
		got, want := noSpace(texts[f]), noSpace(string(ref))
		if got != want {
			i := 0
			for i < len(got) && i < len(want) && got[i] == want[i] {
				i++
			}
			t.Errorf("%s differs from LibreOffice at byte %d:\n got  …%s…\n want …%s…", filepath.Base(f), i,
				got[max(0, i-60):min(len(got), i+60)], want[max(0, i-60):min(len(want), i+60)])
		}
	}
}

// checkAgainstSources compares each numbered line with the corpus text the
// file was made from (eval/docx/SOURCES.tsv), where the heading numbers are
// still typed: the number Word draws must be the one the author wrote.
func checkAgainstSources(t *testing.T, files []string, texts map[string]string) {
	t.Helper()
	dir := filepath.Dir(files[0])
	tsv, err := os.ReadFile(filepath.Join(dir, "SOURCES.tsv"))
	if err != nil {
		t.Logf("no SOURCES.tsv: %v", err)
		return
	}
	sources := map[string]string{}
	for _, line := range strings.Split(string(tsv), "\n") {
		if cols := strings.Split(line, "\t"); len(cols) >= 2 && !strings.HasPrefix(line, "#") {
			sources[cols[0]] = cols[1]
		}
	}
	for _, f := range files {
		stem := strings.TrimSuffix(filepath.Base(f), ".docx")
		src, err := os.ReadFile(filepath.Join(dir, "..", "..", "..", "shared", "corpus", sources[stem]))
		if sources[stem] == "" || err != nil {
			t.Logf("%s: source not available", stem)
			continue
		}
		lines := map[string]bool{}
		for _, l := range strings.Split(string(src), "\n") {
			// make.py took 1． and 1、 for the level Word draws as "%3.".
			l = reSourceArabic.ReplaceAllString(noSpace(strings.ReplaceAll(l, "**", "")), "$1.")
			lines[l] = true
		}
		checked := 0
		for _, line := range strings.Split(texts[f], "\n") {
			if reEvalMarker.MatchString(line) {
				checked++
				if !lines[noSpace(line)] {
					t.Errorf("%s: %q is not a line of %s", stem, line, sources[stem])
				}
			}
		}
		if checked == 0 {
			t.Errorf("%s: no numbered lines", stem)
		}
	}
}

func noSpace(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\ufeff' {
			return -1
		}
		return r
	}, s)
}

// hanValue reads 一…九十九 or decimal digits.
func hanValue(s string) int {
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	v, cur := 0, 0
	for _, r := range s {
		if r == '十' {
			v += max(cur, 1) * 10
			cur = 0
			continue
		}
		cur = slices.Index([]rune("〇一二三四五六七八九"), r)
	}
	return v + cur
}
