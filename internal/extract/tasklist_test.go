package extract

import (
	"strings"
	"testing"

	"planwatch/internal/ingest"
)

// TestTaskListGuidingColumn reads an annex table whose only unit column is
// 指导部门: its units lead the body tasks the rows match (DECISIONS 85).
func TestTaskListGuidingColumn(t *testing.T) {
	doc := "# 某市关于推广改革举措的通知\n\n## 一、主要任务\n\n（一）推行商标质押贷款模式。建立协商估值和坏账分担机制。\n\n" +
		"（二）设置科技创新专板。依托区域性股权市场设立专板。\n\n## 附件\n\n| 序号 | 改革举措 | 主要内容 | 指导部门 |\n|---|---|---|---|\n" +
		"| 1 | 推行商标质押贷款模式 | 建立协商估值机制 | 市知识产权局、市金融局 |\n| 2 | 设置科技创新专板 | 设立专板 | 市证监局 |\n"
	res := Extract(&ingest.Document{Name: "notice.md", Text: doc, Original: doc})
	want := map[string]string{"推行商标质押贷款模式": "市知识产权局、市金融局", "设置科技创新专板": "市证监局"}
	found := 0
	for _, tk := range res.Tasks {
		if w, ok := want[tk.Title]; ok {
			found++
			if got := strings.Join(tk.LeadUnits, "、"); got != w {
				t.Errorf("%s: lead units %q, want %q", tk.Title, got, w)
			}
		}
	}
	if found != len(want) {
		t.Errorf("found %d of the %d body tasks: %+v", found, len(want), res.Tasks)
	}
}

// TestTaskListAsPlan reads a document that is only a task list (a table of
// cells set apart by tabs, as an HTML table reads): its rows are the
// tasks, and the quantities in them are the plan's targets, each without
// the row number before it.
func TestTaskListAsPlan(t *testing.T) {
	doc := "某市2025年重点工作任务分解表\n为确保全年目标任务完成，现将重点工作任务分解如下。\n" +
		"序号\t工作任务\t责任单位\t完成时间\n" +
		"1\t推进城市更新，改造老旧小区120个\t市住房城乡建设局\t2025年底\n" +
		"2\t新建城市公园10个\t市园林局、各区政府\t2025年底\n"
	res := Extract(&ingest.Document{Name: "list.html", Text: doc, Original: doc})
	if len(res.Tasks) != 2 {
		t.Fatalf("tasks = %+v, want the table's 2 rows", res.Tasks)
	}
	want := map[string]float64{"改造老旧小区": 120, "新建城市公园": 10}
	for _, q := range res.Targets {
		if v, ok := want[q.Indicator]; ok && q.Value == v && q.Year != nil && *q.Year == 2025 {
			delete(want, q.Indicator)
		}
	}
	if len(want) > 0 {
		t.Errorf("targets %+v lack %v", res.Targets, want)
	}
}

// TestFillBetween: an annex lists its items in the body's order; a row
// that restates its task in other words takes the task left between the
// two its neighbours matched.
func TestFillBetween(t *testing.T) {
	tasks := []Task{
		{Title: "实施增收工程", Path: []string{"民生"}},
		{Title: "实施医疗服务工程", Path: []string{"民生"}},
		{Title: "实施养老服务工程", Path: []string{"民生"}},
	}
	rows := []taskRow{
		{text: "a", lead: []string{"人社厅"}},
		{text: "b", lead: []string{"卫健委"}},
		{text: "c", lead: []string{"民政厅"}},
	}
	tasks[0].LeadUnits, tasks[2].LeadUnits = rows[0].lead, rows[2].lead
	fillBetween(tasks, rows, []int{0, -1, 2})
	if got := strings.Join(tasks[1].LeadUnits, "、"); got != "卫健委" {
		t.Errorf("the task between got %q, want 卫健委", got)
	}
	// Two rows for one task left between: no guess.
	tasks[1].LeadUnits = nil
	fillBetween(tasks, append(rows[:2:2], taskRow{text: "d", lead: []string{"医保局"}}, rows[2]), []int{0, -1, -1, 2})
	if len(tasks[1].LeadUnits) != 0 {
		t.Errorf("a gap of two rows over one task gave %v", tasks[1].LeadUnits)
	}
}

// TestYearOnYearInAPlan: in a plan for the coming year, 同比增长 is the
// growth it commits to (issue 12: future is not past); the year's
// planned quantities take the plan's year.
func TestYearOnYearInAPlan(t *testing.T) {
	doc := "某县2025年国民经济和社会发展计划\n\n一、2025年主要目标\n全县地区生产总值同比增长6.5%。\n\n" +
		"二、重点工作\n（一）改善民生。新建口袋公园40座。\n"
	res := Extract(&ingest.Document{Name: "plan.txt", Text: doc, Original: doc})
	want := map[string]float64{"地区生产总值同比增长": 6.5, "新建口袋公园": 40}
	for _, q := range res.Targets {
		if v, ok := want[q.Indicator]; ok && q.Value == v && q.Year != nil && *q.Year == 2025 {
			delete(want, q.Indicator)
		}
	}
	if len(want) > 0 || len(res.Observations) > 0 {
		t.Errorf("targets %+v, observations %+v: lack %v", res.Targets, res.Observations, want)
	}
}

// TestCellTableWithoutNumbers: a task list set one cell to a line whose
// row numbers a text export dropped (as page numbers) still reads row by
// row, and no cell of it becomes a task of the outline.
func TestCellTable(t *testing.T) {
	tests := []struct{ name, doc, want string }{
		{"numbers dropped as page numbers", "某区2025年重点工作任务分解表\n\n序号\n重点任务\n责任单位\n完成时限\n" +
			"新建幼儿园3所\n区教育局\n2025年9月\n改造老旧小区20个\n区住建局、各街道\n2025年12月\n", "新建幼儿园3所:区教育局|改造老旧小区20个:区住建局、各街道"},
		{"task cells that are sentences, unit cells closed by a stop", "某县2030年重点任务分解表\n序号\n目标任务\n牵头单位\n责任单位\n1\n新增托位400个以上。\n县卫健委\n县教育局、各乡镇。\n" +
			"2\n完成高标准农田建设2万亩。\n县农业农村局\n县财政局\n", "新增托位400个以上:县卫健委|完成高标准农田建设2万亩:县农业农村局"},
		{"a 重点工作 header and a column of leaders", "某区2024年重点工作责任清单\n序号\n重点工作\n责任领导\n责任单位\n1\n推进重大项目建设。\n张某某\n区发改局\n2\n推进老旧小区改造。\n李某某\n区住建局\n",
			"推进重大项目建设:区发改局|推进老旧小区改造:区住建局"},
		{"group rows between numbered rows", "某县2024年重点任务分解表\n序号\n重点任务\n牵头单位\n配合单位\n一、稳增长\n1\n新建改建农村公路50公里。\n县交通运输局\n各乡镇人民政府\n" +
			"二、惠民生\n2\n新增城镇就业2000人。\n县人社局\n县财政局\n", "新建改建农村公路50公里:县交通运输局|新增城镇就业2000人:县人社局"},
		{"cells copied with their borders", "某县2030年重点工作任务分解表\n序号 |\n重点工作任务 |\n牵头单位 |\n配合单位 |\n12 |\n新建改建农村公路80公里，实施危桥改造15座。 |\n县交通运输局 |\n县财政局 |\n" +
			"13 |\n推进县城污水管网改造。 |\n县住建局 |\n县生态环境局 |\n", "新建改建农村公路80公里，实施危桥改造15座:县交通运输局|推进县城污水管网改造:县住建局"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := Extract(&ingest.Document{Name: "list.txt", Text: ingest.Clean(tt.doc), Original: tt.doc})
			if got := taskSummary(res.Tasks, false); got != tt.want {
				t.Errorf("tasks %s, want %s", got, tt.want)
			}
		})
	}
}

// TestTaskListRows: the rows of task lists in the shapes pages and
// offices give them; rows that group a list (一、稳增长 spanning the
// table) neither end the table nor lend their name as a unit.
func TestTaskListRows(t *testing.T) {
	tests := []struct{ name, doc, want string }{
		{"a row that names a body is a task", "某县2024年重点工作任务分工表\n序号\t重点任务\t牵头单位\t配合单位\n1\t新建农村公路30公里。\t县交通局\t县财政局\n" +
			"2\t建成县养老服务中心。\t县民政局\t县卫健局\n", "新建农村公路30公里:县交通局:县财政局|建成县养老服务中心:县民政局:县卫健局"},
		{"a numbered row short of cells lost them on the right", "某县2024年重点工作任务分工表\n| 序号 | 重点任务 | 牵头单位 | 配合单位 |\n| 1 | 新建农村公路30公里。 | 县交通局 | 县财政局 |\n" +
			"| 2 | 硬化村组道路50公里。 | 各乡镇 |\n", "新建农村公路30公里:县交通局:县财政局|硬化村组道路50公里:各乡镇:"},
		{"pipe rows without a left border", "某区2024年政府工作报告目标任务分解表\n序号 | 任务名称 | 指标要求 | 牵头部门 | 配合部门 |\n1 | 地区生产总值 | 增长6% | 区发改局 | 区统计局 |\n" +
			"2 | 新增城镇就业 | 8000人 | 区人社局 | 各街道 |\n", "地区生产总值:区发改局:区统计局|新增城镇就业:区人社局:各街道"},
		{"group on a line of its own", "某县2024年重点工作任务分工表\n序号\t重点任务\t牵头单位\t配合单位\n一、扩大有效投资\n" +
			"1\t新建农村公路30公里。\t县交通局\t县财政局\n二、增进民生福祉\n2\t改造老旧小区12个。\t县住建局\t各乡镇\n", ""},
		{"group in a row of empty cells", "某县2024年重点工作任务分工表\n序号\t重点任务\t牵头单位\t配合单位\n一、扩大有效投资\t\t\t\n" +
			"1\t新建农村公路30公里。\t县交通局\t县财政局\n二、增进民生福祉\t\t\t\n2\t改造老旧小区12个。\t县住建局\t各乡镇\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := Extract(&ingest.Document{Name: "list.html", Text: tt.doc, Original: tt.doc})
			want := tt.want
			if want == "" {
				want = "新建农村公路30公里:县交通局:县财政局|改造老旧小区12个:县住建局:各乡镇"
			}
			if got := taskSummary(res.Tasks, true); got != want {
				t.Errorf("tasks = %s\nwant    %s", got, want)
			}
		})
	}
}

// TestReadTaskListHeader: the columns of a task list under the names
// offices give them.
func TestReadTaskListHeader(t *testing.T) {
	tests := []struct {
		cells                      string
		title, lead, support, resp int
		ok                         bool
	}{
		{"序号|重点任务|牵头单位|配合单位", 1, 2, 3, -1, true},
		{"序号|重点任务|主要责任单位|协同配合单位", 1, -1, 3, 2, true},
		{"序号|重点任务|主办单位|协办单位", 1, 2, 3, -1, true},
		{"序号|重点任务|主责单位|协同单位", 1, 2, 3, -1, true},
		{"序号|民生实事|责任单位|完成时限", 1, -1, -1, 2, true},
		{"序号|项目名称|主要内容|责任单位", 1, -1, -1, 3, true},
		{"序号|重点工作|牵头领导|责任人|完成时限", 1, -1, -1, -1, false},
		{"序号|工作任务|牵头单位|配合单位（部门）", 1, 2, 3, -1, true},
		{"序号|工作任务|市级牵头部门|县级责任单位", 1, 2, -1, 3, true},
	}
	for _, tt := range tests {
		c, ok := readTaskListHeader(strings.Split(tt.cells, "|"))
		if ok != tt.ok || c.title != tt.title || c.lead != tt.lead || c.support != tt.support || c.resp != tt.resp {
			t.Errorf("%s: got %+v %v, want title %d lead %d support %d resp %d %v", tt.cells, c, ok, tt.title, tt.lead, tt.support, tt.resp, tt.ok)
		}
	}
}

// taskSummary writes tasks as title:lead (and :support) joined by |.
func taskSummary(tasks []Task, support bool) string {
	var out []string
	for _, k := range tasks {
		line := k.Title + ":" + strings.Join(k.LeadUnits, "、")
		if support {
			line += ":" + strings.Join(k.SupportUnits, "、")
		}
		out = append(out, line)
	}
	return strings.Join(out, "|")
}
