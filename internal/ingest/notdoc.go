package ingest

import (
	"encoding/json"
	"fmt"
	"path"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Files that decode to text but are not documents: scripts, source code,
// JSON data, logs, configuration. A library of policy documents has no use
// for them, and their text would only pollute search and make plans of
// noise, so Decode refuses them with the reason (ErrUnknownFmt).

// codeExts name the kinds of files that are never policy documents, by
// extension.
var codeExts = map[string]string{
	".js": "JavaScript source", ".mjs": "JavaScript source", ".cjs": "JavaScript source", ".ts": "TypeScript source",
	".json": "JSON data", ".jsonl": "JSON data", ".ndjson": "JSON data", ".map": "a source map",
	".log": "a log file",
	".sh":  "a shell script", ".bash": "a shell script", ".bat": "a batch script", ".ps1": "a PowerShell script",
	".py": "Python source", ".rb": "Ruby source", ".pl": "Perl source", ".php": "PHP source", ".go": "Go source",
	".c": "C source", ".h": "C source", ".cpp": "C++ source", ".java": "Java source", ".cs": "C# source",
	".css": "a stylesheet", ".scss": "a stylesheet", ".sql": "SQL",
	".yaml": "configuration", ".yml": "configuration", ".toml": "configuration", ".ini": "configuration",
	".conf": "configuration", ".cfg": "configuration", ".env": "configuration",
}

var (
	logStart  = regexp.MustCompile(`^\[?(\d{4}[-/.]\d{1,2}[-/.]\d{1,2}[ T]\d{1,2}:\d{2}|\d{1,2}:\d{2}:\d{2}|(INFO|WARN|WARNING|ERROR|DEBUG|TRACE|FATAL)\b)`)
	logField  = regexp.MustCompile(`\b(level=|time=")`)
	codeStart = regexp.MustCompile(`^(//|/\*|\*|#include|import |export |package |function |const |let |var |def |class |return |if \(|for \(|\}|\{|<\?php|module\.exports|require\()`)
	// codeStartBytes holds the first byte of each alternative of codeStart.
	codeStartBytes = "/*#iepfclvdr}{<m"
)

// logLine reports a line a logger wrote: a timestamp or level first, or
// key=value fields. The regular expressions run only where their first
// character allows, so prose lines (most of a document) cost a byte test.
func logLine(l string) bool {
	if c := l[0]; c == '[' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' {
		if logStart.MatchString(l) {
			return true
		}
	}
	return (strings.Contains(l, "level=") || strings.Contains(l, `time="`)) && logField.MatchString(l)
}

// codeLine reports a line of source code: a keyword or comment first, or
// ; { } => at its end.
func codeLine(l string) bool {
	// codeStartBytes are the first bytes of codeStart's alternatives: a
	// numbered line of a plan (1. 2021年) is no reason to run it.
	if c := l[0]; c < 0x80 && strings.IndexByte(codeStartBytes, c) >= 0 && codeStart.MatchString(l) {
		return true
	}
	// ") {" ends in { too.
	return strings.HasSuffix(l, ";") || strings.HasSuffix(l, "{") || strings.HasSuffix(l, "}") || strings.HasSuffix(l, "=>")
}

// notADocument reports why text decoded from a file called name is not
// a document (nil when it may be one).
func notADocument(name, text string) error {
	t := strings.TrimSpace(strings.TrimPrefix(text, "\ufeff"))
	kind := codeExts[strings.ToLower(path.Ext(name))]
	whole := t
	// Code, logs and data show what they are in their first lines: judge
	// on the first 64 KiB (cut at a line), not the whole of a long text.
	if len(t) > 64<<10 {
		if k := strings.LastIndexByte(t[:64<<10], '\n'); k > 0 {
			t = t[:k]
		}
	}
	refuse := func(what string) error {
		return fmt.Errorf("%w: %s, not a document", ErrUnknownFmt, what)
	}
	if strings.HasPrefix(t, "#!") {
		return refuse("a script (#!)")
	}
	if (strings.HasPrefix(whole, "{") || strings.HasPrefix(whole, "[")) && json.Valid([]byte(whole)) {
		return refuse("JSON data")
	}
	lines, logs, code := 0, 0, 0
	jsonLines := true
	for l := range strings.SplitSeq(t, "\n") {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		lines++
		if logLine(l) {
			logs++
		}
		if codeLine(l) {
			code++
		}
		if jsonLines && !(strings.HasPrefix(l, "{") && json.Valid([]byte(l))) {
			jsonLines = false
		}
	}
	// The share of Han characters is a pass over the whole text: count it
	// only for a text that looks like code, which a plan seldom does.
	switch {
	case lines >= 2 && jsonLines:
		return refuse("JSON data (one object a line)")
	case lines >= 3 && logs*10 >= lines*6:
		return refuse("a log file (timestamped lines)")
	case lines >= 3 && code*10 >= lines*4 && hanShare(t) < 0.3:
		if kind == "" {
			kind = "source code"
		}
		return refuse(kind)
	case kind != "" && hanShare(t) < 0.05:
		// Named as code and holding no Chinese prose.
		return refuse(kind)
	}
	return nil
}

// hanShare is the share of Han characters among the text's letters and
// ideographs.
func hanShare(s string) float64 {
	han, all := 0, 0
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if han3(s, i) {
			r, size = rune3(s, i), 3
		} else if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		i += size
		switch {
		case r < 0x80:
			if 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' {
				all++
			}
		case 0x4e00 <= r && r <= 0x9fff: // the common block, without a table lookup
			han++
			all++
		case unicode.Is(unicode.Han, r):
			han++
			all++
		case unicode.IsLetter(r):
			all++
		}
	}
	if all == 0 {
		return 0
	}
	return float64(han) / float64(all)
}
