package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"planwatch/internal/amount"
	"planwatch/internal/extract"
	"planwatch/internal/ingest"
)

// run calls Main as the binary would and returns its status and output.
func run(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Main(args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

// oneLineNaming checks that stderr is exactly one line that starts with
// "planwatch: NAME: " and says something after it.
func oneLineNaming(t *testing.T, stderr, name string) {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
	if len(lines) != 1 || !strings.HasSuffix(stderr, "\n") {
		t.Fatalf("stderr should be one line, got %q", stderr)
	}
	prefix := "planwatch: " + name + ": "
	if !strings.HasPrefix(lines[0], prefix) || len(lines[0]) == len(prefix) {
		t.Fatalf("stderr = %q, want %q followed by a reason", lines[0], prefix)
	}
}

func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestUsage(t *testing.T) {
	for _, tc := range []struct {
		name   string
		args   []string
		code   int
		stdout []string // substrings of stdout
	}{
		{"version", []string{"version"}, 0, []string{"planwatch dev\n", "go: go1."}},
		{"version flag", []string{"--version"}, 0, []string{"planwatch dev\n"}},
		{"help", []string{"help"}, 0, []string{"usage: planwatch", "extract", "demo", "version", "help", "example"}},
		{"--help", []string{"--help"}, 0, []string{"usage: planwatch", "commands:"}},
		{"-h", []string{"-h"}, 0, []string{"commands:"}},
		{"help extract", []string{"help", "extract"}, 0, []string{"usage: planwatch extract", "-json", "-with-text", "example:"}},
		{"help demo", []string{"help", "demo"}, 0, []string{"usage: planwatch demo", "-seeds", "example:"}},
		{"help version", []string{"help", "version"}, 0, []string{"usage: planwatch version", "example:"}},
		{"help help", []string{"help", "help"}, 0, []string{"usage: planwatch help", "example:"}},
		{"extract --help", []string{"extract", "--help"}, 0, []string{"usage: planwatch extract", "example:"}},
		{"extract -h", []string{"extract", "-h"}, 0, []string{"usage: planwatch extract"}},
		{"demo -h", []string{"demo", "-h"}, 0, []string{"usage: planwatch demo"}},
		{"version --help", []string{"version", "--help"}, 0, []string{"usage: planwatch version"}},
		{"help --help", []string{"help", "--help"}, 0, []string{"usage: planwatch help"}},

		{"no command", nil, 2, nil},
		{"unknown command", []string{"frobnicate"}, 2, nil},
		{"unknown global option", []string{"--frob", "demo"}, 2, nil},
		{"help unknown", []string{"help", "frobnicate"}, 2, nil},
		{"bad flag", []string{"extract", "--frob", "x.txt"}, 2, nil},
		{"extract without path", []string{"extract"}, 2, nil},
		{"extract two paths", []string{"extract", "a.txt", "b.txt"}, 2, nil},
		{"with-text without json", []string{"extract", "--with-text", "a.txt"}, 2, nil},
		{"version with argument", []string{"version", "x"}, 2, nil},
		{"demo with argument", []string{"demo", "x"}, 2, nil},
		{"demo bad limit", []string{"demo", "--limit", "many"}, 2, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := run(t, "", tc.args...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d (stderr %q)", code, tc.code, stderr)
			}
			for _, s := range tc.stdout {
				if !strings.Contains(stdout, s) {
					t.Errorf("stdout lacks %q:\n%s", s, stdout)
				}
			}
			if tc.code == 0 && stderr != "" {
				t.Errorf("unexpected stderr %q", stderr)
			}
			if tc.code == 2 {
				if stdout != "" {
					t.Errorf("usage error wrote to stdout: %q", stdout)
				}
				if strings.Count(stderr, "\n") != 1 || !strings.HasPrefix(stderr, "planwatch") {
					t.Errorf("want one planwatch line on stderr, got %q", stderr)
				}
			}
		})
	}
}

// contractFields are the JSON names of extract.Result that every output carries.
var contractFields = []string{"title", "kind", "issuers", "issued", "doc_number", "region",
	"period", "outline", "tasks", "targets", "observations", "places", "cooperation", "projects"}

func TestExtractJSON(t *testing.T) {
	path := writeFile(t, "plan.txt", samplePlan)
	for _, tc := range []struct {
		name     string
		args     []string
		stdin    string
		withText bool
	}{
		{"file", []string{"extract", "--json", path}, "", false},
		{"flag after path", []string{"extract", path, "--json"}, "", false},
		{"with text", []string{"extract", "--json", "--with-text", path}, "", true},
		{"stdin", []string{"extract", "--json", "-"}, string(samplePlan), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := run(t, tc.stdin, tc.args...)
			if code != 0 {
				t.Fatalf("exit %d, stderr %q", code, stderr)
			}
			var obj map[string]json.RawMessage
			if err := json.Unmarshal([]byte(stdout), &obj); err != nil {
				t.Fatalf("output is not one JSON object: %v\n%s", err, stdout)
			}
			for _, f := range contractFields {
				if _, ok := obj[f]; !ok {
					t.Errorf("JSON lacks the contract field %q", f)
				}
			}
			var res extract.Result
			if err := json.Unmarshal([]byte(stdout), &res); err != nil {
				t.Fatalf("output does not decode into extract.Result: %v", err)
			}
			if tc.withText {
				if res.Text == "" || !strings.Contains(stdout, "嘉兴市") {
					t.Errorf("--with-text: want the normalized text, unescaped, in \"text\"")
				}
				if !strings.HasPrefix(stdout, "{\n \"") {
					t.Errorf("want JSON indented by one space, got %.20q", stdout)
				}
			} else if _, ok := obj["text"]; ok {
				t.Errorf("text present without --with-text")
			}
		})
	}
}

func TestExtractOutline(t *testing.T) {
	path := writeFile(t, "plan.txt", samplePlan)
	code, stdout, stderr := run(t, "", "extract", path)
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	for _, s := range []string{"标题：", "类型：", "发文机关：", "成文日期：", "发文字号：", "地区：", "期限：",
		"提纲（", "重点任务（", "目标（", "现状（", "地名（", "合作地区（", "项目（"} {
		if !strings.Contains(stdout, s) {
			t.Errorf("outline lacks %q", s)
		}
	}
}

func TestBadInputs(t *testing.T) {
	dir := t.TempDir()
	empty := writeFile(t, "empty.txt", nil)
	big := filepath.Join(dir, "huge.txt")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	// A sparse file just over the limit: nothing is written to disk.
	if err := f.Truncate(ingest.MaxInput + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	missing := filepath.Join(dir, "missing.txt")

	for _, tc := range []struct {
		name, path, stdin, reason string
	}{
		{"nonexistent", missing, "", "no such file"},
		{"directory", dir, "", "directory"},
		{"empty file", empty, "", ingest.ErrEmpty.Error()},
		{"too large", big, "", ingest.ErrTooLarge.Error()},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, stdout, stderr := run(t, tc.stdin, "extract", "--json", tc.path)
			if code != 1 {
				t.Fatalf("exit %d, want 1 (stderr %q)", code, stderr)
			}
			if stdout != "" {
				t.Errorf("stdout should be empty, got %q", stdout)
			}
			oneLineNaming(t, stderr, tc.path)
			if !strings.Contains(stderr, tc.reason) {
				t.Errorf("stderr %q does not say %q", stderr, tc.reason)
			}
		})
	}
}

// Recognizing content (binary, encrypted, empty after cleaning) is the
// decoder's work; the command line must report whatever it finds as one line.
func TestDecoderRejections(t *testing.T) {
	binary := make([]byte, 4096)
	for i := range binary {
		binary[i] = byte(i * 7)
	}
	copy(binary, "\x7fELF\x02\x01\x01\x00")
	for _, tc := range []struct {
		name string
		data []byte
	}{
		{"binary", binary},
		{"blank", []byte(" \n\t\n")},
	} {
		t.Run(tc.name+" file", func(t *testing.T) {
			if _, err := ingest.Read(t.Context(), tc.name, bytes.NewReader(tc.data)); err == nil {
				t.Skip("the decoder accepts this input (not yet implemented?)")
			}
			path := writeFile(t, tc.name+".bin", tc.data)
			code, _, stderr := run(t, "", "extract", path)
			if code != 1 {
				t.Fatalf("exit %d, want 1", code)
			}
			oneLineNaming(t, stderr, path)
		})
		t.Run(tc.name+" stdin", func(t *testing.T) {
			if _, err := ingest.Read(t.Context(), "stdin", bytes.NewReader(tc.data)); err == nil {
				t.Skip("the decoder accepts this input (not yet implemented?)")
			}
			code, _, stderr := run(t, string(tc.data), "extract", "-")
			if code != 1 {
				t.Fatalf("exit %d, want 1", code)
			}
			oneLineNaming(t, stderr, "stdin")
		})
	}
}

func TestDemo(t *testing.T) {
	seeds := t.TempDir()
	if err := os.WriteFile(filepath.Join(seeds, "seed.txt"), samplePlan, 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := run(t, "", "demo", "--seeds", seeds)
	if code != 0 {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
	for _, s := range []string{sampleName, filepath.Join(seeds, "seed.txt"), "任务", "目标", "demo: 2 documents (0 failed)"} {
		if !strings.Contains(stdout, s) {
			t.Errorf("demo output lacks %q:\n%s", s, stdout)
		}
	}

	// The title any working extractor finds in the sample: the plan's own
	// title, not the 通知 that wraps it.
	const title = "嘉兴市科创协同推进长三角一体化高质量发展行动计划（2021—2025年）"
	doc, err := ingest.Read(t.Context(), sampleName, bytes.NewReader(samplePlan))
	if err != nil {
		t.Fatal(err)
	}
	if extract.Extract(doc).Title == "" {
		t.Skip("the extractor finds no title yet (stub?)")
	}
	if !strings.Contains(stdout, "标题："+title[:len(title)-len("（2021—2025年）")]) {
		t.Errorf("demo output does not list the sample's title %q:\n%s", title, stdout)
	}
}

func TestDemoReportsFailures(t *testing.T) {
	seeds := t.TempDir()
	if err := os.WriteFile(filepath.Join(seeds, "empty.txt"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := run(t, "", "demo", "--seeds", seeds)
	if code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	oneLineNaming(t, stderr, filepath.Join(seeds, "empty.txt"))
	if !strings.Contains(stdout, "demo: 2 documents (1 failed)") {
		t.Errorf("closing line missing:\n%s", stdout)
	}
}

func TestDemoMissingSeeds(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nope")
	code, _, stderr := run(t, "", "demo", "--seeds", missing)
	if code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	oneLineNaming(t, stderr, missing)
}

// TestFormatValue: the summaries print figures with the one format function.
func TestFormatValue(t *testing.T) {
	for _, tc := range []struct {
		v    float64
		unit string
		want string
	}{
		{3.2, "%", "3.2%"},
		{1500, "家", "1500家"},
		{120000000000, "元", "1200亿元"},
		{635500000000, "元", "6355亿元"},
		{1600000, "人", "160万人"},
		{180000000, "人次", "1.8亿人次"},
	} {
		if got := amount.Format(tc.v, tc.unit); got != tc.want {
			t.Errorf("amount.Format(%v, %q) = %q, want %q", tc.v, tc.unit, got, tc.want)
		}
	}
}

func TestLogging(t *testing.T) {
	path := writeFile(t, "plan.txt", samplePlan)
	code, _, stderr := run(t, "", "extract", "--json", path)
	if code != 0 || stderr != "" {
		t.Fatalf("default level should be quiet: exit %d, stderr %q", code, stderr)
	}
	code, _, stderr = run(t, "", "extract", "--verbose", "--json", path)
	if code != 0 || !strings.Contains(stderr, "level=DEBUG") {
		t.Errorf("--verbose: exit %d, stderr %q, want debug lines", code, stderr)
	}
	t.Setenv("PLANWATCH_LOG_LEVEL", "debug")
	code, _, stderr = run(t, "", "extract", "--json", path)
	if code != 0 || !strings.Contains(stderr, "level=DEBUG") {
		t.Errorf("PLANWATCH_LOG_LEVEL=debug: exit %d, stderr %q, want debug lines", code, stderr)
	}
}

// TestDocumentSettings checks that the document limits come from the
// settings: a limit set low refuses a document in one line naming the
// file and the setting, and a setting out of its bounds is one line
// naming it, before anything is read.
func TestDocumentSettings(t *testing.T) {
	plan := writeFile(t, "plan.txt", []byte(strings.Repeat("一、总体要求\n到2025年，研发经费投入强度达到3%。\n", 100)))
	for _, tc := range []struct {
		name, key, value, want string
	}{
		{"file over doc_max_bytes", "PLANWATCH_DOC_MAX_BYTES", "1KiB", "more than 1024 bytes (limit doc_max_bytes)"},
		{"PDF memory past its bound", "PLANWATCH_PDF_MAX_MEMORY", "8GiB", "PLANWATCH_PDF_MAX_MEMORY"},
		{"pages not a number", "PLANWATCH_PDF_MAX_PAGES", "many", "PLANWATCH_PDF_MAX_PAGES"},
		{"ratio zero", "PLANWATCH_DOC_MAX_RATIO", "0", "PLANWATCH_DOC_MAX_RATIO"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv(tc.key, tc.value)
			code, stdout, stderr := run(t, "", "extract", "--json", plan)
			if code != 1 || stdout != "" || !strings.Contains(stderr, tc.want) || strings.Count(strings.TrimSpace(stderr), "\n") > 0 {
				t.Errorf("exit %d, stdout %d bytes, stderr %q; want exit 1 and one line naming %q", code, len(stdout), stderr, tc.want)
			}
		})
	}
}
