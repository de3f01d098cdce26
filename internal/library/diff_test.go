package library

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

var update = os.Getenv("PLANWATCH_UPDATE_GOLDEN") != ""

// ops writes a diff compactly for comparison: "=a -b +c".
func ops(d []DiffLine) string {
	var parts []string
	for _, l := range d {
		parts = append(parts, map[DiffOp]string{Equal: "=", Insert: "+", Delete: "-"}[l.Op]+l.Text)
	}
	return strings.Join(parts, " ")
}

func TestDiff(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		want string
	}{
		{"both empty", "", "", ""},
		{"from empty", "", "一\n二\n", "+一 +二"},
		{"to empty", "一\n二", "", "-一 -二"},
		{"equal", "一\n二\n三\n", "一\n二\n三\n", "=一 =二 =三"},
		{"final line break ignored", "一\n二", "一\n二\n", "=一 =二"},
		{"blank line kept", "一\n\n二", "一\n二", "=一 - =二"},
		{"inserted line", "一\n二\n三", "一\n二\n新增\n三", "=一 =二 +新增 =三"},
		{"inserted at the top", "一\n二", "零\n一\n二", "+零 =一 =二"},
		{"deleted line", "一\n二\n三", "一\n三", "=一 -二 =三"},
		{"changed sentence",
			"（一）总体目标\n到2025年，研发经费投入强度达到3%。\n（二）主要任务",
			"（一）总体目标\n到2025年，研发经费投入强度达到3.2%。\n（二）主要任务",
			"=（一）总体目标 -到2025年，研发经费投入强度达到3%。 +到2025年，研发经费投入强度达到3.2%。 =（二）主要任务"},
		{"all different", "甲\n乙", "丙\n丁", "-甲 -乙 +丙 +丁"},
		{"moved line", "a\nb\nc\nd", "b\nc\nd\na", "-a =b =c =d +a"},
		{"repeated lines", "x\nx\nx", "x\nx", "=x =x -x"},
		{"whitespace matters", "一 二", "一  二", "-一 二 +一  二"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Diff(tt.a, tt.b)
			if s := ops(got); s != tt.want {
				t.Errorf("Diff = %q, want %q", s, tt.want)
			}
			checkDiff(t, tt.a, tt.b, got)
		})
	}
}

// checkDiff checks that d turns a into b: its Equal and Delete lines are
// a's, its Equal and Insert lines b's.
func checkDiff(t *testing.T, a, b string, d []DiffLine) {
	t.Helper()
	var ra, rb []string
	for _, l := range d {
		if l.Op != Insert {
			ra = append(ra, l.Text)
		}
		if l.Op != Delete {
			rb = append(rb, l.Text)
		}
	}
	if !reflect.DeepEqual(ra, splitLines(a)) && !(len(ra) == 0 && a == "") {
		t.Fatalf("diff does not rebuild a: %q", ra)
	}
	if !reflect.DeepEqual(rb, splitLines(b)) && !(len(rb) == 0 && b == "") {
		t.Fatalf("diff does not rebuild b: %q", rb)
	}
}

// lcsLen is the textbook dynamic program, for checking that Diff is
// minimal on small inputs.
func lcsLen(a, b []string) int {
	prev, cur := make([]int, len(b)+1), make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			if a[i] == b[j] {
				cur[j+1] = prev[j] + 1
			} else {
				cur[j+1] = max(cur[j], prev[j+1])
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func TestDiffMinimal(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{"甲", "乙", "丙", "丁", "戊"}
	randomText := func() string {
		n := rng.IntN(30)
		lines := make([]string, n)
		for i := range lines {
			lines[i] = alphabet[rng.IntN(len(alphabet))]
		}
		return strings.Join(lines, "\n")
	}
	for i := range 2000 {
		a, b := randomText(), randomText()
		d := Diff(a, b)
		checkDiff(t, a, b, d)
		equal := 0
		for _, l := range d {
			if l.Op == Equal {
				equal++
			}
		}
		if want := lcsLen(splitLines(a), splitLines(b)); equal != want {
			t.Fatalf("case %d: %d equal lines, want %d\na=%q\nb=%q\n%s", i, equal, want, a, b, ops(d))
		}
	}
}

func TestDiffBig(t *testing.T) {
	// Over maxExactLines with a change every 100 lines: anchored, and
	// still exact because every line is unique.
	var a, b strings.Builder
	for i := range 30000 {
		fmt.Fprintf(&a, "第%d条 内容\n", i)
		if i%100 == 50 {
			fmt.Fprintf(&b, "第%d条 修改后的内容\n", i)
		} else {
			fmt.Fprintf(&b, "第%d条 内容\n", i)
		}
	}
	start := time.Now()
	d := Diff(a.String(), b.String())
	if el := time.Since(start); el > 5*time.Second {
		t.Errorf("took %v", el)
	}
	checkDiff(t, a.String(), b.String(), d)
	changed := 0
	for _, l := range d {
		if l.Op != Equal {
			changed++
		}
	}
	if changed != 600 {
		t.Errorf("%d changed lines, want 600", changed)
	}

	// Two big texts with nothing in common: coarse but correct, and fast.
	var c strings.Builder
	for i := range 30000 {
		fmt.Fprintf(&c, "另%d\n", i)
	}
	start = time.Now()
	d = Diff(a.String(), c.String())
	if el := time.Since(start); el > 5*time.Second {
		t.Errorf("unrelated texts took %v", el)
	}
	checkDiff(t, a.String(), c.String(), d)

	// Under the exact limit but very different, with repeated lines that
	// give no anchors: the edit-cost bound keeps it fast.
	var e, f strings.Builder
	for i := range 9000 {
		e.WriteString([]string{"甲\n", "乙\n", "丙\n"}[i%3])
		f.WriteString([]string{"丁\n", "甲\n", "戊\n", "乙\n"}[i%4])
	}
	start = time.Now()
	d = Diff(e.String(), f.String())
	if el := time.Since(start); el > 5*time.Second {
		t.Errorf("repetitive texts took %v", el)
	}
	checkDiff(t, e.String(), f.String(), d)
}

func TestFormatDiff(t *testing.T) {
	oldText := strings.Join([]string{
		"关于加快推进数字经济发展的实施方案",
		"一、总体要求",
		"坚持创新驱动、融合发展。",
		"到2025年，数字经济核心产业增加值占比达到10%。",
		"二、重点任务",
		"（一）建设新型基础设施。",
		"（二）做强核心产业。",
		"（三）推动制造业转型。",
		"（四）提升数字政府水平。",
		"（五）培育数据要素市场。",
		"（六）发展数字生活服务。",
		"三、保障措施",
		"加强组织领导。",
		"加大财政支持。",
	}, "\n") + "\n"
	newText := strings.Join([]string{
		"关于加快推进数字经济高质量发展的实施方案",
		"一、总体要求",
		"坚持创新驱动、融合发展。",
		"到2025年，数字经济核心产业增加值占比达到12%。",
		"二、重点任务",
		"（一）建设新型基础设施。",
		"（二）做强核心产业。",
		"（三）推动制造业转型。",
		"（四）提升数字政府水平。",
		"（五）培育数据要素市场。",
		"（六）发展数字生活服务。",
		"三、保障措施",
		"加强组织领导。",
		"加大财政支持。",
		"强化人才支撑。",
	}, "\n") + "\n"

	tests := []struct {
		name    string
		a, b    string
		context int
		golden  string // file in testdata, or "" for no output
	}{
		{"equal texts", oldText, oldText, 3, ""},
		{"context 0", oldText, newText, 0, "diff_context0.golden"},
		{"context 1", oldText, newText, 1, "diff_context1.golden"},
		{"context 3 joins hunks", oldText, newText, 3, "diff_context3.golden"},
		{"negative context is 0", oldText, newText, -2, "diff_context0.golden"},
		{"from empty", "", "一\n二\n", 3, "diff_from_empty.golden"},
		{"to empty", "一\n二\n", "", 3, "diff_to_empty.golden"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := FormatDiff(&buf, Diff(tt.a, tt.b), tt.context); err != nil {
				t.Fatal(err)
			}
			if tt.golden == "" {
				if buf.Len() != 0 {
					t.Errorf("output for equal texts: %q", buf.String())
				}
				return
			}
			path := filepath.Join("testdata", tt.golden)
			if update && tt.context >= 0 {
				if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if buf.String() != string(want) {
				t.Errorf("got:\n%s\nwant:\n%s", buf.String(), want)
			}
		})
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestFormatDiffWriteError(t *testing.T) {
	err := FormatDiff(failWriter{}, Diff("a", "b"), 3)
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("err = %v", err)
	}
}

func TestDiffOpString(t *testing.T) {
	for op, want := range map[DiffOp]string{Equal: "equal", Insert: "insert", Delete: "delete", 7: "DiffOp(7)"} {
		if got := op.String(); got != want {
			t.Errorf("%d: %q, want %q", int(op), got, want)
		}
	}
}

func BenchmarkDiff(b *testing.B) {
	var x, y strings.Builder
	for i := range 5000 {
		fmt.Fprintf(&x, "第%d条 各地区各部门要加快推进。\n", i)
		if i%50 == 0 {
			fmt.Fprintf(&y, "第%d条 各地区各部门要认真落实。\n", i)
		} else {
			fmt.Fprintf(&y, "第%d条 各地区各部门要加快推进。\n", i)
		}
	}
	b.SetBytes(int64(x.Len() + y.Len()))
	for b.Loop() {
		Diff(x.String(), y.String())
	}
}
