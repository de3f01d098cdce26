package report

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"planwatch/internal/store/storetest"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// sampleReport builds the fixture's report on SQLite, with the stored IDs
// (random) replaced by fixed ones so that it renders the same every run.
func sampleReport(t testing.TB) *Report {
	t.Helper()
	st := storetest.Fresh(t, "sqlite")
	f := savePlan(t, st)
	r, err := Build(context.Background(), st, f.plan.ID, fixtureAsOf, Options{Compare: []string{"绍兴市"}, Version: "v1.0.0-test"})
	if err != nil {
		t.Fatal(err)
	}
	r.PlanID = "PLAN"
	for i := range r.Sources {
		r.Sources[i].Detail = strings.ReplaceAll(r.Sources[i].Detail, f.doc, "DOC")
	}
	ids := map[string]string{}
	fix := func(id *string, prefix string) {
		if _, ok := ids[*id]; !ok {
			ids[*id] = prefix + string(rune('A'+len(ids)))
		}
		*id = ids[*id]
	}
	for _, gs := range [][]Group{r.Themes, r.Units} {
		for i := range gs {
			for j := range gs[i].Tasks {
				fix(&gs[i].Tasks[j].ItemID, "item-")
			}
		}
	}
	for i := range r.Lagging {
		fix(&r.Lagging[i].ItemID, "item-")
	}
	for i := range r.Changes {
		fix(&r.Changes[i].ItemID, "item-")
	}
	for i := range r.Indicators {
		fix(&r.Indicators[i].IndicatorID, "ind-")
	}
	for i := range r.Comparisons {
		for j := range r.Comparisons[i].Rows {
			fix(&r.Comparisons[i].Rows[j].PlanID, "plan-")
		}
	}
	return r
}

func TestWriteHTMLGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteHTML(&buf, sampleReport(t)); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "report.golden.html")
	if *update {
		if err := os.WriteFile(golden, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("HTML differs from %s (go test -run TestWriteHTMLGolden -update, then review the diff)", golden)
	}
	// The page must stand alone on a closed network.
	for _, bad := range []string{"http://", "https://", "<script", "@import", "<link", "url("} {
		if strings.Contains(strings.ReplaceAll(buf.String(), `xmlns="http://www.w3.org/2000/svg"`, ""), bad) {
			t.Errorf("HTML contains %q: it must load nothing", bad)
		}
	}
}

// table returns the text of the cells of the first table with class
// cls, row by row (header included).
func table(t *testing.T, doc *html.Node, cls string) [][]string {
	t.Helper()
	var found *html.Node
	var find func(n *html.Node)
	find = func(n *html.Node) {
		if found != nil {
			return
		}
		if n.Type == html.ElementNode && n.Data == "table" && attr(n, "class") == cls {
			found = n
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			find(c)
		}
	}
	find(doc)
	if found == nil {
		t.Fatalf("no table of class %q", cls)
	}
	var rows [][]string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "tr" {
			var row []string
			for c := n.FirstChild; c != nil; c = c.NextSibling {
				if c.Type == html.ElementNode && (c.Data == "td" || c.Data == "th") {
					row = append(row, strings.TrimSpace(text(c)))
				}
			}
			rows = append(rows, row)
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(found)
	return rows
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func text(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(text(c))
	}
	return b.String()
}

// TestWriteHTMLCells checks that the key figures land in the right cells.
func TestWriteHTMLCells(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteHTML(&buf, sampleReport(t)); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	doc, err := html.Parse(&buf)
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		table    string
		row, col int
		want     string
	}{
		{"by-status", 0, 0, "未开始"},
		{"by-status", 1, 2, "1"}, // 滞后
		{"by-status", 1, 8, "6"}, // 合计
		{"theme", 1, 1, "建设南湖实验室"},
		{"theme", 1, 2, "市科技局"},
		{"theme", 1, 3, "市财政局"},
		{"theme", 1, 5, "55%"},
		{"theme", 1, 6, "50%"},
		{"theme", 1, 7, "进行中"},
		{"units", 2, 0, "市科技局"},
		{"units", 2, 1, "2"},
		{"lagging", 1, 1, "引进高层次人才"},
		{"lagging", 1, 6, "滞后"},
		{"lagging", 1, 7, "招引进度慢于预期 2024-05-31"},
		{"lagging", 2, 6, "逾期"},
		{"indicators", 1, 0, "研发经费投入强度"},
		{"indicators", 1, 3, "2.9%（2022年）"},
		{"indicators", 1, 4, "3.1%（2023年）"},
		{"indicators", 1, 5, "≥3.5%（2025年）"},
		{"indicators", 1, 6, "3.5%（2025年）"},
		{"indicators", 1, 7, "33.3%"},
		{"indicators", 1, 8, "预计达成"},
		{"indicators", 2, 2, "约束性"},
		{"indicators", 2, 6, "0.47吨标准煤/万元（2025年）"},
		{"indicators", 2, 8, "偏离目标"},
		{"compare", 2, 0, "绍兴市"},
		{"compare", 2, 2, "3%（2023年）"},
		{"changes", 1, 2, "滞后"},
		{"changes", 1, 3, "进行中"},
		{"sources", 1, 0, "S1"},
	}
	for _, c := range cases {
		rows := table(t, doc, c.table)
		if c.row >= len(rows) || c.col >= len(rows[c.row]) {
			t.Errorf("%s[%d][%d]: no such cell (%d rows)", c.table, c.row, c.col, len(rows))
			continue
		}
		if got := strings.Join(strings.Fields(rows[c.row][c.col]), " "); got != c.want {
			t.Errorf("%s[%d][%d] = %q, want %q", c.table, c.row, c.col, got, c.want)
		}
	}
	// Each indicator has its chart.
	if n := strings.Count(page, `aria-label="`); n < 4 {
		t.Errorf("%d charts, want a status chart, two line charts and a comparison", n)
	}
}
