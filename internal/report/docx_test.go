package report

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"flag"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// docxUpdate rewrites the golden document.xml; the flag has a prefixed
// name because other tests of the package may define -update.
var docxUpdate = flag.Bool("docx.update", false, "rewrite testdata/docx_document.golden.xml")

// docxBytes writes r as DOCX.
func docxBytes(t *testing.T, r *Report) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteDOCX(&buf, r); err != nil {
		t.Fatalf("WriteDOCX: %v", err)
	}
	return buf.Bytes()
}

// docxUnzip reads every entry of a DOCX package.
func docxUnzip(t *testing.T, data []byte) (map[string][]byte, []string) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	parts := map[string][]byte{}
	var names []string
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatalf("open %s: %v", f.Name, err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatalf("read %s: %v", f.Name, err)
		}
		parts[f.Name] = b
		names = append(names, f.Name)
	}
	return parts, names
}

// docxParsed is what the tests read back from word/document.xml.
type docxParsed struct {
	paras   []docxParsedPara // paragraphs outside tables
	tables  [][][]string     // table → row → cell text
	headers int              // rows marked w:tblHeader
	attrs   map[string]map[string]string
}

type docxParsedPara struct{ style, text string }

// docxParse walks document.xml as a reader would: paragraph text by
// style, table cells, and the attributes of pgSz and pgMar.
func docxParse(t *testing.T, data []byte) docxParsed {
	t.Helper()
	p := docxParsed{attrs: map[string]map[string]string{}}
	dec := xml.NewDecoder(bytes.NewReader(data))
	var (
		depth        int // table nesting
		style, text  strings.Builder
		inText       bool
		row          []string
		cell         strings.Builder
		inCell       bool
		cellHasParas bool
	)
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("document.xml is not well-formed: %v", err)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			switch el.Name.Local {
			case "tbl":
				depth++
				p.tables = append(p.tables, nil)
			case "tr":
				row = nil
			case "tc":
				inCell, cellHasParas = true, false
				cell.Reset()
			case "tblHeader":
				p.headers++
			case "p":
				style.Reset()
				text.Reset()
				if inCell && cellHasParas {
					cell.WriteString("\n")
				}
			case "pStyle":
				style.WriteString(docxAttr(el, "val"))
			case "t":
				inText = true
			case "br":
				text.WriteString("\n")
				cell.WriteString("\n")
			case "pgSz", "pgMar":
				m := map[string]string{}
				for _, a := range el.Attr {
					m[a.Name.Local] = a.Value
				}
				p.attrs[el.Name.Local] = m
			}
		case xml.CharData:
			if inText {
				text.Write(el)
				if inCell {
					cell.Write(el)
				}
			}
		case xml.EndElement:
			switch el.Name.Local {
			case "t":
				inText = false
			case "p":
				if inCell {
					cellHasParas = true
				} else if depth == 0 {
					p.paras = append(p.paras, docxParsedPara{style.String(), text.String()})
				}
			case "tc":
				row = append(row, cell.String())
				inCell = false
			case "tr":
				p.tables[len(p.tables)-1] = append(p.tables[len(p.tables)-1], row)
			case "tbl":
				depth--
			}
		}
	}
	return p
}

func docxAttr(el xml.StartElement, local string) string {
	for _, a := range el.Attr {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// TestDOCXPackage checks the zip is an OOXML package: every part has a
// content type, every relationship target exists, every part parses.
func TestDOCXPackage(t *testing.T) {
	parts, names := docxUnzip(t, docxBytes(t, docxTestReport()))
	if names[0] != "[Content_Types].xml" {
		t.Errorf("first entry = %s, want [Content_Types].xml", names[0])
	}
	var types struct {
		Overrides []struct {
			PartName    string `xml:",attr"`
			ContentType string `xml:",attr"`
		} `xml:"Override"`
	}
	if err := xml.Unmarshal(parts["[Content_Types].xml"], &types); err != nil {
		t.Fatalf("content types: %v", err)
	}
	overrides := map[string]string{}
	for _, o := range types.Overrides {
		overrides[o.PartName] = o.ContentType
	}
	for _, name := range names {
		if name == "[Content_Types].xml" || strings.HasSuffix(name, ".rels") {
			continue
		}
		if overrides["/"+name] == "" {
			t.Errorf("part %s has no Override in [Content_Types].xml", name)
		}
		delete(overrides, "/"+name)
	}
	for name := range overrides {
		t.Errorf("Override for missing part %s", name)
	}
	for _, name := range names {
		dec := xml.NewDecoder(bytes.NewReader(parts[name]))
		for {
			if _, err := dec.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Errorf("%s is not well-formed: %v", name, err)
				break
			}
		}
	}
	for rels, dir := range map[string]string{"_rels/.rels": "", "word/_rels/document.xml.rels": "word/"} {
		var doc struct {
			Rels []struct {
				ID     string `xml:"Id,attr"`
				Target string `xml:",attr"`
			} `xml:"Relationship"`
		}
		if err := xml.Unmarshal(parts[rels], &doc); err != nil {
			t.Fatalf("%s: %v", rels, err)
		}
		for _, r := range doc.Rels {
			if _, ok := parts[dir+r.Target]; !ok {
				t.Errorf("%s: %s points at missing %s", rels, r.ID, dir+r.Target)
			}
		}
	}
	core := string(parts["docProps/core.xml"])
	for _, want := range []string{
		"<dc:title>《绍兴市科技创新行动计划》实施情况评估报告</dc:title>",
		`<dcterms:created xsi:type="dcterms:W3CDTF">2024-06-30T00:00:00Z</dcterms:created>`,
	} {
		if !strings.Contains(core, want) {
			t.Errorf("core.xml lacks %s", want)
		}
	}
}

// TestDOCXDocument reads the body back: headings in order, the figures in
// the tables, the page setup and the repeated header rows.
func TestDOCXDocument(t *testing.T) {
	parts, _ := docxUnzip(t, docxBytes(t, docxTestReport()))
	doc := docxParse(t, parts["word/document.xml"])

	var headings []string
	for _, p := range doc.paras {
		if strings.HasPrefix(p.style, "Heading") || p.style == "Title" {
			headings = append(headings, p.style+" "+p.text)
		}
	}
	wantHeadings := []string{
		"Title 《绍兴市科技创新行动计划》实施情况评估报告",
		"Heading1 一、总体情况",
		"Heading1 二、重点任务推进情况",
		"Heading2 （一）科技创新",
		"Heading2 （二）城市更新",
		"Heading2 （三）各牵头单位推进情况",
		"Heading1 三、滞后和逾期事项",
		"Heading1 四、主要指标完成情况",
		"Heading1 五、区域比较",
		"Heading2 （一）R&D经费支出占GDP比重（%）",
		"Heading1 六、本期变化",
		"Heading1 附录　数据来源",
	}
	if !slices.Equal(headings, wantHeadings) {
		t.Errorf("headings:\n got %q\nwant %q", headings, wantHeadings)
	}
	body := ""
	for _, p := range doc.paras {
		body += p.text + "\n"
	}
	for _, want := range []string{
		"（绍兴市　规划期2021–2025　截至2024年6月30日）",
		"纳入评估的重点任务共4项，已完成或正常推进的占50.0%，逾期1项",
		"科创走廊核心区一期开工建设。",
		"自2024年3月31日以来，共有2项重点任务状态发生变化。",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("body lacks %q", want)
		}
	}

	// Tables: caption order is summary, two themes, units, lagging,
	// indicators, comparison, changes, sources.
	if len(doc.tables) != 9 {
		t.Fatalf("tables = %d, want 9", len(doc.tables))
	}
	if doc.headers != len(doc.tables) {
		t.Errorf("tblHeader rows = %d, want one per table (%d)", doc.headers, len(doc.tables))
	}
	tests := []struct {
		table, row int
		want       []string
	}{
		{0, 0, []string{"状态", "任务数（项）"}},
		{0, 8, []string{"已完成", "1"}},
		{0, 9, []string{"合计", "4"}},
		{1, 0, []string{"序号", "重点任务", "牵头单位", "状态", "进度", "序时进度", "最新进展"}},
		{1, 1, []string{"1", "建设科创走廊核心区", "市科技局", "进行中", "60%", "58.3%", "核心区一期已开工（2024-06-20，S1）"}},
		{1, 2, []string{"2", "培育高新技术企业<500家>", "市科技局", "滞后", "30%", "50.0%", "认定工作进度偏慢 & 待加快\n下半年集中申报（2024-06-15，S2）"}},
		{2, 1, []string{"3", "完成老旧小区改造", "市住建局、区政府", "逾期", "80%", "100.0%", "尚有2个小区未完工（2024-05-31，S3）"}},
		{3, 0, []string{"牵头单位", "任务数", "未开始", "进行中", "滞后", "逾期", "已延期", "暂停", "取消", "已完成"}},
		{3, 2, []string{"市住建局", "2", "0", "0", "0", "1", "0", "0", "0", "1"}},
		{4, 2, []string{"3", "完成老旧小区改造", "市住建局、区政府", "逾期", "80%", "100.0%", "2024-03-31", "尚有2个小区未完工（2024-05-31，S3）"}},
		{5, 0, []string{"序号", "指标", "属性", "基期", "最新", "目标", "预计", "完成度", "状态"}},
		{5, 1, []string{"1", "R&D经费支出占GDP比重（%）", "约束性", "2.5%（2020）", "3.05%（2023）", "≥3.5%（2025）", "3.42%（2025）", "55.0%", "预计难以达标"}},
		{5, 2, []string{"2", "高新技术企业数（家）", "预期性", "1200家（2020）", "1850家（2024-Q1）", "2000家（2025）", "2105家（2025）", "81.3%", "预计达标"}},
		{5, 3, []string{"3", "单位GDP能耗下降（%）", "约束性", "—", "—", "≤14%（2025）", "—", "—", "暂无法判断"}},
		{6, 2, []string{"衢州市", "衢州市科技创新行动计划", "2.1%（2023）", "≥2%（2025）", "预计达标"}},
		{6, 3, []string{"湖州市", "湖州市科技创新行动计划", "—", "—", "暂无法判断"}},
		{7, 2, []string{"4", "编制城市更新专项规划", "—", "已完成", "规划已印发", ""}},
		{8, 1, []string{"S1", "进展填报", "市科技局 2024-06-20 填报", "2024-06-21 09:30"}},
		{8, 4, []string{"S4", "统计数据", "绍兴统计年鉴2024 表3-1", "—"}},
	}
	for _, tt := range tests {
		tbl := doc.tables[tt.table]
		if tt.row >= len(tbl) {
			t.Errorf("table %d has %d rows, want row %d", tt.table, len(tbl), tt.row)
			continue
		}
		if got := tbl[tt.row]; !slices.Equal(got, tt.want) {
			t.Errorf("table %d row %d:\n got %q\nwant %q", tt.table, tt.row, got, tt.want)
		}
	}

	page := []struct{ el, attr, want string }{
		{"pgSz", "w", "11906"}, {"pgSz", "h", "16838"},
		{"pgMar", "top", "2098"}, {"pgMar", "bottom", "1984"},
		{"pgMar", "left", "1587"}, {"pgMar", "right", "1474"},
	}
	for _, tt := range page {
		if got := doc.attrs[tt.el][tt.attr]; got != tt.want {
			t.Errorf("sectPr %s %s = %q, want %q", tt.el, tt.attr, got, tt.want)
		}
	}
}

// TestDOCXStyles checks the named styles carry the fonts and sizes of
// GB/T 9704.
func TestDOCXStyles(t *testing.T) {
	parts, _ := docxUnzip(t, docxBytes(t, docxTestReport()))
	var doc struct {
		Styles []struct {
			ID  string `xml:"styleId,attr"`
			RPr struct {
				Fonts struct {
					EastAsia string `xml:"eastAsia,attr"`
				} `xml:"rFonts"`
				B  *struct{} `xml:"b"`
				Sz struct {
					Val string `xml:"val,attr"`
				} `xml:"sz"`
			} `xml:"rPr"`
			PPr struct {
				Spacing struct {
					Line string `xml:"line,attr"`
					Rule string `xml:"lineRule,attr"`
				} `xml:"spacing"`
				Jc struct {
					Val string `xml:"val,attr"`
				} `xml:"jc"`
			} `xml:"pPr"`
		} `xml:"style"`
	}
	if err := xml.Unmarshal(parts["word/styles.xml"], &doc); err != nil {
		t.Fatalf("styles.xml: %v", err)
	}
	type style struct{ font, size, line, rule, jc string }
	got := map[string]style{}
	bold := map[string]bool{}
	for _, s := range doc.Styles {
		got[s.ID] = style{s.RPr.Fonts.EastAsia, s.RPr.Sz.Val, s.PPr.Spacing.Line, s.PPr.Spacing.Rule, s.PPr.Jc.Val}
		bold[s.ID] = s.RPr.B != nil
	}
	tests := []struct {
		id   string
		want style
		bold bool
	}{
		{"Normal", style{"仿宋_GB2312", "32", "579", "exact", "both"}, false},
		{"Title", style{"方正小标宋简体", "44", "720", "exact", "center"}, false},
		{"Body", style{}, false}, // inherits Normal
		{"Heading1", style{"黑体", "", "579", "exact", ""}, false},
		{"Heading2", style{"楷体_GB2312", "", "579", "exact", ""}, false},
		{"Heading3", style{"仿宋_GB2312", "", "579", "exact", ""}, true},
		{"TableText", style{"", "21", "240", "auto", "left"}, false},
	}
	for _, tt := range tests {
		s, ok := got[tt.id]
		if !ok {
			t.Errorf("style %s missing", tt.id)
			continue
		}
		if s != tt.want || bold[tt.id] != tt.bold {
			t.Errorf("style %s = %+v bold %v, want %+v bold %v", tt.id, s, bold[tt.id], tt.want, tt.bold)
		}
	}
	fonts := string(parts["word/fontTable.xml"])
	for _, want := range []string{`<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>`, `<w:altName w:val="SimSun"/>`} {
		if !strings.Contains(fonts, want) {
			t.Errorf("fontTable.xml lacks %s", want)
		}
	}
	for _, f := range []string{"word/footer1.xml", "word/footer2.xml"} {
		if s := string(parts[f]); !strings.Contains(s, "— </w:t>") || !strings.Contains(s, " PAGE ") {
			t.Errorf("%s has no — PAGE — number", f)
		}
	}
}

// TestDOCXSections checks the numbering without comparisons and the
// wording of empty sections.
func TestDOCXSections(t *testing.T) {
	tests := []struct {
		name string
		edit func(*Report)
		want []string
		not  []string
	}{
		{"no comparisons", func(r *Report) { r.Comparisons = nil },
			[]string{"四、主要指标完成情况", "五、本期变化"}, []string{"区域比较"}},
		{"no changes", func(r *Report) { r.Changes = nil },
			[]string{"自2024年3月31日以来，重点任务状态无变化。"}, []string{"本期状态变化"}},
		{"control characters", func(r *Report) { r.Summary.Highlights = []string{"粘贴自表格\x07的要点"} },
			[]string{"粘贴自表格\uFFFD的要点"}, nil},
		{"nothing yet", func(r *Report) {
			*r = Report{Title: "空报告 <草稿>", AsOf: r.AsOf}
		}, []string{"空报告 <草稿>", "本规划暂无纳入跟踪的重点任务。", "本期无滞后或逾期的重点任务。",
			"本规划暂无纳入监测的主要指标。", "本报告为首次评估，无可比较的上期报告。"}, []string{"区域比较"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := docxTestReport()
			tt.edit(r)
			parts, _ := docxUnzip(t, docxBytes(t, r))
			doc := docxParse(t, parts["word/document.xml"])
			var text strings.Builder
			for _, p := range doc.paras {
				text.WriteString(p.text + "\n")
			}
			for _, w := range tt.want {
				if !strings.Contains(text.String(), w) {
					t.Errorf("document lacks %q", w)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(text.String(), w) {
					t.Errorf("document has %q", w)
				}
			}
		})
	}
}

// TestDOCXGolden compares word/document.xml with the reviewed copy; run
// with -docx.update after an intended change and review the diff.
func TestDOCXGolden(t *testing.T) {
	parts, _ := docxUnzip(t, docxBytes(t, docxTestReport()))
	got := parts["word/document.xml"]
	path := filepath.Join("testdata", "docx_document.golden.xml")
	if *docxUpdate {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run TestDOCXGolden -docx.update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("word/document.xml differs from %s; run with -docx.update and review the diff", path)
	}
}
