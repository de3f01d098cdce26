package extract

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"planwatch/internal/ingest"
)

func TestIndicatorTable(t *testing.T) {
	text := "“十四五”时期主要指标\n" +
		"类别\t指标\t2020年\t2025年\t年均增长\t属性\n" +
		"经济发展\t地区生产总值（亿元）\t4100\t5600左右\t6%\t预期性\n" +
		"城镇化率（%）\t70.2\t≥75\t[4.8]\t预期性\n" +
		"绿色生态\t单位GDP能耗降低（%）\t—\t—\t[13.5]\t约束性\n" +
		"细颗粒物浓度（微克/立方米）\t33\t30以下\t—\t约束性\n" +
		"下一段正文，不是表格。\n"
	r := []rune(text)
	lines := splitLines(r)
	q := &reader{text: r, src: newSource(r), lines: lines}
	targets, obs, used := q.tableQuantities(findTables(r, lines), 2021)
	type want struct {
		name, unit, op string
		value          float64
		year           int
		binding        bool
	}
	wantT := []want{
		{"地区生产总值", "元", "=", 5.6e11, 2025, false},
		{"城镇化率", "%", ">=", 75, 2025, false},
		{"细颗粒物浓度", "微克/立方米", "<=", 30, 2025, true},
	}
	if len(targets) != len(wantT) {
		t.Fatalf("got %d targets %+v", len(targets), targets)
	}
	for i, w := range wantT {
		g := targets[i]
		if g.Indicator != w.name || g.Unit != w.unit || g.Op != w.op || g.Value != w.value || *g.Year != w.year || g.Binding == nil || *g.Binding != w.binding {
			t.Errorf("target %d = %s %v %s %s %d %v, want %+v", i, g.Indicator, g.Value, g.Unit, g.Op, *g.Year, g.Binding, w)
		}
	}
	if len(obs) != 3 || obs[0].Indicator != "地区生产总值" || obs[0].Value != 4.1e11 || *obs[0].Period != "2020" {
		t.Errorf("observations = %+v", obs)
	}
	if len(used) != 5 || used[6] {
		t.Errorf("table lines = %v, want the header and four rows", used)
	}
}

// TestStackedTable reads a PDF's indicator table whose rows came apart:
// each row's number and values on one line, its name on the line beside.
func TestStackedTable(t *testing.T) {
	text := strings.Join([]string{"表2 主要指标", "序指标分\t单", "指标名称\t年\t2025年", "号类\t位\t属性", "约束",
		"1\t%\t—", "单位地区生产总值能耗降低\t国家下达指标\t性", "约束",
		"2\t%\t93.3", "地表水达到或好于Ⅲ类水体比例\t国家下达指标\t性", "预期",
		"3\t%\t21\t23", "碳\t非化石能源占一次能源消费比例\t性",
		"地级城市饮用水水源地水质达标率\t预期", "4\t%\t100\t100", "性",
		"下一段正文，不是表格。"}, "\n\n") + "\n"
	r := []rune(text)
	lines := splitLines(r)
	q := &reader{text: r, src: newSource(r), lines: lines, planEnd: 2025}
	targets, obs, _ := q.tableQuantities(findTables(r, lines), 2021)
	got := map[string]float64{}
	for _, x := range targets {
		got["T "+x.Indicator+" "+strconv.Itoa(*x.Year)] = x.Value
	}
	for _, x := range obs {
		got["O "+x.Indicator+" "+*x.Period] = x.Value
	}
	want := map[string]float64{
		"O 地表水达到或好于Ⅲ类水体比例 2020":  93.3,
		"O 非化石能源占一次能源消费比例 2020":  21,
		"T 非化石能源占一次能源消费比例 2025":  23,
		"O 地级城市饮用水水源地水质达标率 2020": 100,
		"T 地级城市饮用水水源地水质达标率 2025": 100,
	}
	if len(got) != len(want) {
		t.Errorf("got %v, want %v", got, want)
	}
	for k, v := range want {
		if g, ok := got[k]; !ok || g != v {
			t.Errorf("%s = %v (found %v), want %v", k, g, ok, v)
		}
	}
}

// TestLongPipeTable: the rows of a pipe table in a text file are no
// wrapped paragraph, however many there are.
func TestLongPipeTable(t *testing.T) {
	doc := "某县“十四五”发展规划主要指标\n| 指标 | 2020年 | 2025年 | 属性 |\n"
	names := []string{"森林覆盖率", "城镇化率", "污水处理率", "自来水普及率", "垃圾分类覆盖率", "高中毛入学率", "燃气普及率"}
	for i, n := range names {
		doc += fmt.Sprintf("| %s(%%) | %d | %d | 预期性 |\n", n, 50+i, 60+i)
	}
	res := Extract(&ingest.Document{Name: "plan.txt", Text: doc, Original: doc})
	if len(res.Targets) != len(names) || len(res.Observations) != len(names) {
		t.Fatalf("targets %d, observations %d, want %d each: %+v", len(res.Targets), len(res.Observations), len(names), res.Targets)
	}
	for i, g := range res.Targets {
		if g.Indicator != names[i] || g.Value != float64(60+i) {
			t.Errorf("target %d = %s %v, want %s %d", i, g.Indicator, g.Value, names[i], 60+i)
		}
	}
}

// 全覆盖 in a cell of a share is a 100 % target, as in prose; in a row
// of counts it is no figure.
func TestIndicatorTableCoverage(t *testing.T) {
	text := "主要指标\n指标\t单位\t2023年\t2026年\n公交电子站牌覆盖率\t%\t70\t全覆盖\n应急避难场所\t个\t12\t全覆盖\n下一段正文，不是表格。\n"
	r := []rune(text)
	lines := splitLines(r)
	q := &reader{text: r, src: newSource(r), lines: lines}
	targets, _, _ := q.tableQuantities(findTables(r, lines), 2024)
	if len(targets) != 1 || targets[0].Indicator != "公交电子站牌覆盖率" || targets[0].Value != 100 || targets[0].Unit != "%" || targets[0].Op != ">=" {
		t.Errorf("targets = %+v", targets)
	}
}
