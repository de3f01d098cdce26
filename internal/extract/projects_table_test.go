package extract

import (
	"archive/zip"
	"bytes"
	"context"
	"strings"
	"testing"

	"planwatch/internal/ingest"
)

// projectTableWant is what each form of the same small table must give.
type projectTableWant struct {
	name    string
	wan     float64 // 总投资 in 万元, 0 for none
	y1, y2  int
	lead    string
	annual  float64 // 2026年计划投资 in 万元
	content string
}

// The rows of a made-up table, in 亿元 for 总投资 and 万元 for the year.
var projectTableRows = [][]string{
	{"序号", "项目名称", "建设内容", "建设年限", "总投资（亿元）", "2026年计划投资（万元）", "牵头单位"},
	{"一、交通项目"},
	{"1", "滨江大道快速化改造工程", "改造道路6.2公里", "2025-2027", "12.5", "30000", "市交通局"},
	{"2", "东港作业区二期", "新建泊位4个", "2026年—2028年", "8", "15000", "市港航中心"},
	{"二、产业项目"},
	{"3", "临湖储能电站", "建设储能电站", "2026", "0.85", "8500", "市发改委"},
	{"合计", "", "", "", "21.35", "53500", ""},
}

var projectTableWants = []projectTableWant{
	{"滨江大道快速化改造工程", 125000, 2025, 2027, "市交通局", 30000, "改造道路6.2公里"},
	{"东港作业区二期", 80000, 2026, 2028, "市港航中心", 15000, "新建泊位4个"},
	{"临湖储能电站", 8500, 2026, 2026, "市发改委", 8500, "建设储能电站"},
}

const projectTableLead = "关于印发重大项目实施方案的通知\n一、总体要求\n推进重大项目建设，附重大项目表。\n"

func TestProjectTableForms(t *testing.T) {
	var pipe, tab, spaced, html strings.Builder
	var docx bytes.Buffer
	for i, row := range projectTableRows {
		pipe.WriteString("| " + strings.Join(row, " | ") + " |\n")
		if i == 0 {
			pipe.WriteString("|" + strings.Repeat("---|", len(row)) + "\n")
		}
		tab.WriteString(strings.Join(row, "\t") + "\n")
		cells := make([]string, 0, len(row))
		for _, c := range row {
			if c != "" {
				cells = append(cells, c)
			}
		}
		spaced.WriteString(strings.Join(cells, "    ") + "\n")
		html.WriteString("<tr><td>" + strings.Join(row, "</td><td>") + "</td></tr>\n")
	}
	docx.Write(docxWith(t, projectTableLead, projectTableRows))
	forms := []struct {
		name, file string
		data       []byte
	}{
		{"pipe", "a.md", []byte(projectTableLead + pipe.String() + "\n二、保障措施\n加强组织领导。\n")},
		{"tab", "a.txt", []byte(projectTableLead + tab.String() + "二、保障措施\n加强组织领导。\n")},
		{"spaced", "a.txt", []byte(projectTableLead + spaced.String() + "二、保障措施\n加强组织领导。\n")},
		{"html", "a.html", []byte("<html><body><p>" + strings.ReplaceAll(strings.TrimSpace(projectTableLead), "\n", "</p><p>") +
			"</p><table>" + html.String() + "</table><p>二、保障措施</p><p>加强组织领导。</p></body></html>")},
		{"docx", "a.docx", docx.Bytes()},
	}
	for _, f := range forms {
		t.Run(f.name, func(t *testing.T) {
			doc, err := ingest.Decode(context.Background(), f.file, f.data)
			if err != nil {
				t.Fatal(err)
			}
			res := Extract(doc)
			got := map[string]Project{}
			for _, p := range res.Projects {
				got[p.Name] = p
			}
			for _, w := range projectTableWants {
				p, ok := got[w.name]
				switch {
				case !ok:
					t.Errorf("%s not found among %d projects", w.name, len(res.Projects))
					continue
				case p.Investment == nil || *p.Investment != w.wan:
					t.Errorf("%s: 总投资 %v, want %v 万元", w.name, p.Investment, w.wan)
				case p.Years == nil || p.Years.Start != w.y1 || p.Years.End != w.y2:
					t.Errorf("%s: years %+v, want %d-%d", w.name, p.Years, w.y1, w.y2)
				case len(p.LeadUnits) != 1 || p.LeadUnits[0] != w.lead:
					t.Errorf("%s: lead %v, want %s", w.name, p.LeadUnits, w.lead)
				case len(p.Annual) != 1 || p.Annual[0].Year != 2026 || p.Annual[0].Wan != w.annual:
					t.Errorf("%s: annual %+v, want 2026 %v", w.name, p.Annual, w.annual)
				case p.Content != w.content:
					t.Errorf("%s: content %q, want %q", w.name, p.Content, w.content)
				}
			}
			for _, p := range res.Projects {
				if p.Investment != nil && !strings.Contains(p.Name, "工程") && !strings.Contains(p.Name, "二期") && !strings.Contains(p.Name, "电站") {
					t.Errorf("unexpected project with investment %q", p.Name)
				}
			}
			if len(got) != len(res.Projects) {
				t.Errorf("a project listed twice: %d projects, %d names", len(res.Projects), len(got))
			}
		})
	}
}

// docxWith makes a DOCX of paragraphs lead and a table of rows.
func docxWith(t *testing.T, lead string, rows [][]string) []byte {
	t.Helper()
	para := func(s string) string { return `<w:p><w:r><w:t xml:space="preserve">` + s + `</w:t></w:r></w:p>` }
	var body strings.Builder
	for _, l := range strings.Split(strings.TrimSpace(lead), "\n") {
		body.WriteString(para(l))
	}
	body.WriteString("<w:tbl>")
	for _, row := range rows {
		body.WriteString("<w:tr>")
		for _, c := range row {
			body.WriteString("<w:tc>" + para(c) + "</w:tc>")
		}
		body.WriteString("</w:tr>")
	}
	body.WriteString("</w:tbl>" + para("二、保障措施") + para("加强组织领导。"))
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, part := range []struct{ name, data string }{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`},
		{"word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` +
			body.String() + `</w:body></w:document>`},
	} {
		w, err := zw.Create(part.name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(part.data))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestProjectTableCells(t *testing.T) {
	amounts := []struct {
		cell  string
		scale float64
		want  float64
		ok    bool
	}{
		{"120", 1, 120, true},
		{"3.5", 1e4, 35000, true},
		{"3.5亿元", 1, 35000, true},
		{"8,600万元", 1e4, 8600, true},
		{"约2亿", 1, 20000, true},
		{"500000元", 1, 50, true},
		{"—", 1, 0, false},
		{"待定", 1, 0, false},
		{"12.5（含征地）", 1e4, 0, false},
	}
	for _, a := range amounts {
		if got, ok := cellAmount(a.cell, a.scale); ok != a.ok || got != a.want {
			t.Errorf("cellAmount(%q, %v) = %v, %v; want %v, %v", a.cell, a.scale, got, ok, a.want, a.ok)
		}
	}
	years := []struct {
		cell   string
		y1, y2 int
		ok     bool
	}{
		{"2024-2026", 2024, 2026, true},
		{"2024年—2026年", 2024, 2026, true},
		{"2024.3-2026.12", 2024, 2026, true},
		{"2024年3月至2026年底", 2024, 2026, true},
		{"2025年", 2025, 2025, true},
		{"2026-2024", 0, 0, false},
		{"三年", 0, 0, false},
	}
	for _, y := range years {
		if a, b, ok := cellYears(y.cell); ok != y.ok || a != y.y1 || b != y.y2 {
			t.Errorf("cellYears(%q) = %d, %d, %v; want %d, %d, %v", y.cell, a, b, ok, y.y1, y.y2, y.ok)
		}
	}
	headers := []struct {
		cells []string
		ok    bool
	}{
		{[]string{"序号", "项目名称", "总投资（万元）"}, true},
		{[]string{"项目名称", "建设规模", "投资估算(亿元)", "责任单位"}, true},
		{[]string{"序号", "重点任务", "牵头单位", "完成时限"}, false},
		{[]string{"项目名称", "建设地点", "建设内容"}, false},
	}
	for _, h := range headers {
		if _, ok := readProjectHeader(h.cells); ok != h.ok {
			t.Errorf("readProjectHeader(%v) = %v, want %v", h.cells, ok, h.ok)
		}
	}
}

// TestProjectTableOddShapes: tables cut short, rows wider than the
// header, separator rows alone, a header with no rows — read without a
// panic, and no row without a name is a project.
func TestProjectTableOddShapes(t *testing.T) {
	docs := []string{
		"| 项目名称 | 总投资 |\n|---|---|\n",
		"|---|---|---|\n|---|---|---|\n",
		"项目名称\t总投资（万元）\n",
		"序号\t项目名称\t总投资（亿元）\n1\t东湖大桥\t3\t多出来的格\t再多一格\n\t\t\n合计\t\t3\n",
		"序号    项目名称    总投资（亿元）\n一、交通\n",
		"项目名称\t总投资\n" + strings.Repeat("甲乙丙丁工程\t1\n一、\n", 50),
	}
	for _, d := range docs {
		res := Extract(&ingest.Document{Name: "odd", Text: d, Original: d})
		for _, p := range res.Projects {
			if p.Name == "" || strings.Contains(p.Name, "合计") {
				t.Errorf("%q: project %+v", d, p)
			}
		}
	}
	res := Extract(&ingest.Document{Name: "wide", Text: docs[3], Original: docs[3]})
	if len(res.Projects) != 1 || res.Projects[0].Name != "东湖大桥" || res.Projects[0].Investment == nil || *res.Projects[0].Investment != 30000 {
		t.Errorf("a row wider than its header = %+v", res.Projects)
	}
}
