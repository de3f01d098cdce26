package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestREADMEWalkthrough follows README.md's "Tracking" and "Accounts"
// command lines as printed, with DOC, PLAN, ITEM, UPPER and the like
// filled in: each step names the line it runs, which must still be in
// the README. The sample plan names 市发展改革委; the README types
// 市发改委, as offices do, and it works.
func TestREADMEWalkthrough(t *testing.T) {
	t.Setenv("USER", "ops")
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "planwatch.db")
	doc := writeFile(t, "plan.txt", samplePlan)
	if code, out, errOut := run(t, "", "add", "--db", db, doc); code != exitOK {
		t.Fatalf("add = %d\n%s%s", code, out, errOut)
	}
	_, out, _ := run(t, "", "list", "--db", db)
	vars := map[string]string{"DOC": regexp.MustCompile(`^[0-9a-z]{16}`).FindString(out)}
	idOf := func(re, out string) string {
		m := regexp.MustCompile(re).FindStringSubmatch(out)
		if m == nil {
			t.Fatalf("no %s in:\n%s", re, out)
		}
		return m[1]
	}
	xlsx := filepath.Join(dir, "任务清单.xlsx")
	filled := filepath.Join(dir, "filled.xlsx")

	steps := []struct {
		printed string   // the README's line
		args    []string // as run, with the README's placeholders
		stdin   string
		code    int
		want    string // in stdout
		after   func(out string)
	}{
		{printed: "planwatch plan create --from DOC [--level 市] [--new-version]", args: []string{"plan", "create", "--from", "DOC", "--level", "市"},
			want: "20 tasks", after: func(out string) { vars["PLAN"] = idOf(`plan ([0-9a-z]{16})`, out) }},
		// What the document proposed, reviewed: nothing is counted before.
		{printed: "planwatch proposal list PLAN", args: []string{"proposal", "list", "PLAN"}, want: "待确认 39 项（任务 20，项目 7，指标 12）",
			after: func(out string) {
				vars["ITEM2"] = idOf(`\[任务\] ([0-9a-z]{16})  2 建设南湖实验室`, out)
				vars["TASK20"] = idOf(`\[任务\] ([0-9a-z]{16})  20 建立合作交流长效机制`, out)
				vars["LAB"] = idOf(`\[项目\] ([0-9a-z]{16})  南湖实验室`, out)
				vars["PARKS"] = idOf(`\[项目\] ([0-9a-z]{16})  一批零碳示范园区`, out)
			}},
		{printed: "planwatch status PLAN [--as-of 2025-06-30] [--rhythm quarterly]", args: []string{"status", "PLAN"},
			want: "任务 0 项"},
		{printed: "planwatch proposal edit ITEM --deadline 2025-12-31 --lead 市发改委 --confirm",
			args: []string{"proposal", "edit", "TASK20", "--deadline", "2025-12-31", "--lead", "市发改委", "--confirm"},
			want: "〔牵头：市发展改革委〕 时限 2025-12-31  已确认"},
		{printed: "planwatch proposal merge ITEM FROM…", args: []string{"proposal", "merge", "ITEM2", "LAB"}, want: "1 proposals merged"},
		{printed: "planwatch proposal dismiss PLAN ID… --reason …",
			args: []string{"proposal", "dismiss", "PLAN", "PARKS", "--reason", "不单独跟踪"}, want: "1 proposals dismissed"},
		{printed: "planwatch proposal confirm PLAN ID… | --all [--kind task|project|target]",
			args: []string{"proposal", "confirm", "PLAN", "--all"}, want: "36 proposals confirmed"},
		{printed: "planwatch plan show PLAN", args: []string{"plan", "show", "PLAN"}, want: "〔市科技局；配合：市发展改革委",
			after: func(out string) {
				vars["ITEM"] = idOf(`1 共建沪嘉科创走廊〔[^\n]*\] ([0-9a-z]{16})`, out)
				vars["ITEM2"] = idOf(`2 建设南湖实验室〔[^\n]*\] ([0-9a-z]{16})`, out)
			}},
		// An upper plan to implement: the same document as a province's.
		{printed: "planwatch plan create --from DOC [--level 市] [--new-version]", args: []string{"plan", "create", "--from", "DOC", "--level", "省", "--new-version"},
			want: "省", after: func(out string) { vars["UPPER"] = idOf(`plan ([0-9a-z]{16})`, out) }},
		{printed: "planwatch proposal confirm PLAN ID… | --all [--kind task|project|target]",
			args: []string{"proposal", "confirm", "UPPER", "--all"}, want: "39 proposals confirmed"},
		{printed: "planwatch plan link PLAN --implements UPPER", args: []string{"plan", "link", "PLAN", "--implements", "UPPER"}, want: "落实"},
		{printed: "planwatch plan link PLAN --implements UPPER", args: []string{"plan", "link", "UPPER", "--implements", "PLAN"}, code: exitFail},
		{printed: "planwatch plan links PLAN --suggest", args: []string{"plan", "links", "PLAN", "--suggest"}, want: "建议关联"},
		{printed: "planwatch task update ITEM --status 进行中 --progress 20% --note … --unit 市发改委",
			args: []string{"task", "update", "ITEM", "--status", "进行中", "--progress", "20%", "--note", "完成选址论证", "--unit", "市发改委"},
			want: "进行中 20%"},
		{printed: "planwatch task extend ITEM --deadline 2026-06-30 --reason … --approver 市政府办公室",
			args: []string{"task", "extend", "ITEM", "--deadline", "2026-06-30", "--reason", "用地审批延后", "--approver", "市政府办公室"},
			want: "已延期至 2026-06-30"},
		{printed: "planwatch task add PLAN --title … --lead … --reason …",
			args: []string{"task", "add", "PLAN", "--title", "建设数据中心", "--lead", "市发改委", "--reason", "年中调整"}, want: "added"},
		{printed: "planwatch task edit ITEM --deadline 2026-06-30 --reason …",
			args: []string{"task", "edit", "ITEM2", "--deadline", "2026-06-30", "--reason", "省里调整时限"}, want: "deadline recorded"},
		{printed: "planwatch task history ITEM", args: []string{"task", "history", "ITEM"}, want: "市发展改革委  完成选址论证"},
		{printed: "planwatch plan set PLAN --rhythm quarterly", args: []string{"plan", "set", "PLAN", "--rhythm", "quarterly"}, want: "quarterly:20"},
		{printed: "planwatch status PLAN [--as-of 2025-06-30] [--rhythm quarterly]", args: []string{"status", "PLAN", "--as-of", "2025-06-30"},
			want: "任务 21 项"},
		{printed: "planwatch indicator list PLAN", args: []string{"indicator", "list", "PLAN"}, want: "1200亿元",
			after: func(out string) { vars["IND"] = idOf(`([0-9a-z]{16})  数字经济核心产业增加值`, out) }},
		{printed: "observe IND --period 2024 --value 1.2亿", args: []string{"indicator", "observe", "IND", "--period", "2024", "--value", "1.2亿"},
			want: "数字经济核心产业增加值 2024：1.2亿元"},
		{printed: "planwatch indicator compare 研发经费投入强度 --group 长三角中心区",
			args: []string{"indicator", "compare", "研发经费投入强度", "--group", "长三角中心区"}, want: "嘉兴市"},
		{printed: "planwatch sheet export PLAN > 任务清单.xlsx", args: []string{"sheet", "export", "PLAN"},
			after: func(out string) { fillSheet(t, []byte(out), xlsx, filled, vars["ITEM"]) }},
		{printed: "planwatch sheet import PLAN filled.xlsx --unit 市发改委", args: []string{"sheet", "import", "PLAN", filled, "--unit", "市发改委"},
			want: "1 updates recorded"},
		{printed: "planwatch unit list [--region 330400] [--unconfirmed]", args: []string{"unit", "list", "--region", "330400", "--unconfirmed"},
			want: "市发展改革委  [待确认]"},
		{printed: "planwatch unit show 市发改委", args: []string{"unit", "show", "市发改委"}, want: "单位：市发展改革委"},
		{printed: "planwatch user add fgw --role reporter --plan PLAN --unit 市发改委 --password-stdin < pw.txt",
			args:  []string{"user", "add", "fgw", "--role", "reporter", "--plan", "PLAN", "--unit", "市发改委", "--password-stdin"},
			stdin: "Plan-2025-office\n", want: "created fgw"},
		{printed: "planwatch user list", args: []string{"user", "list"}, want: "市发展改革委@"},
	}
	for _, s := range steps {
		if !bytes.Contains(readme, []byte(s.printed)) {
			t.Errorf("README.md no longer prints %q", s.printed)
		}
		args := []string{s.args[0], "--db", db}
		for _, a := range s.args[1:] {
			if v, ok := vars[a]; ok {
				a = v
			}
			args = append(args, a)
		}
		code, out, errOut := run(t, s.stdin, args...)
		if code != s.code || !strings.Contains(out, s.want) {
			t.Fatalf("%s\n  %v = %d, want %d and %q\n%s%s", s.printed, args, code, s.code, s.want, out, errOut)
		}
		if s.after != nil {
			s.after(out)
		}
	}
}

// fillSheet writes an exported task list to exported, then fills in the
// row of task item as a unit would (进展情况 and 状态) and saves it as
// filled.
func fillSheet(t *testing.T, data []byte, exported, filled, item string) {
	t.Helper()
	if err := os.WriteFile(exported, data, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	sheet := f.GetSheetList()[0]
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for i, row := range rows {
		if len(row) > 8 && row[8] == item {
			must := func(err error) {
				if err != nil {
					t.Fatal(err)
				}
			}
			must(f.SetCellValue(sheet, "G"+strconv.Itoa(i+1), "联合实验室挂牌"))
			must(f.SetCellValue(sheet, "H"+strconv.Itoa(i+1), "序时推进"))
			must(f.SaveAs(filled))
			return
		}
	}
	t.Fatalf("no row of task %s in the sheet", item)
}
