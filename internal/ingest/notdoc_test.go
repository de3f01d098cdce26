package ingest

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// TestDecodeRefusesNonDocuments: scripts, JSON, logs and code decode to
// text but are refused with the reason; policy text, even named oddly or
// carrying a date line or a semicolon, is not.
func TestDecodeRefusesNonDocuments(t *testing.T) {
	prose := "嘉兴市科创协同行动计划\n一、总体要求\n到2025年，研发经费投入强度达到3.2%；高新技术企业达到3000家。\n二、重点任务\n（一）共建科创走廊。牵头单位：市科技局。\n"
	for _, tc := range []struct {
		name, text, want string // want "" for accepted
	}{
		{"app.js", "function f(x) {\n  return x + 1;\n}\nmodule.exports = f;\n", "JavaScript source"},
		{"bundle.txt", "var a = 1;\nvar b = 2;\nfunction g() {\n  return a + b;\n}\n", "source code"},
		{"data.json", `{"title": "行动计划", "tasks": []}`, "JSON data"},
		{"rows.txt", "{\"a\": 1}\n{\"a\": 2}\n", "one object a line"},
		{"server.log", "2025-01-02 10:00:01 INFO start\n2025-01-02 10:00:02 ERROR boom\n2025-01-02 10:00:03 INFO stop\n", "log file"},
		{"run", "#!/bin/sh\necho 计划\n", "script"},
		{"style.css", "body {\n  color: red;\n}\n", "stylesheet"},
		{"settings.yaml", "db: planwatch\nport: 5432\n", "configuration"},
		{"plan.txt", prose, ""},
		{"plan.md", "# 行动计划\n\n" + prose, ""},
		{"notice.txt", "2021-03-16 10:00 来源：嘉兴市人民政府\n" + prose, ""},
		{"plan.log", prose, ""}, // Chinese prose, whatever its name
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Decode(context.Background(), tc.name, []byte(tc.text))
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("refused: %v", err)
			case tc.want != "" && (!errors.Is(err, ErrUnknownFmt) || !strings.Contains(err.Error(), tc.want)):
				t.Errorf("err = %v, want ErrUnknownFmt naming %q", err, tc.want)
			}
		})
	}
}
