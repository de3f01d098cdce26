package ingest

import (
	"context"
	"testing"
)

const (
	mcNS  = `xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"`
	wpsNS = `xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:v="urn:schemas-microsoft-com:vml"`
)

// textBox is a run holding a floating shape with a text box, as Word 2010+
// writes it: a DrawingML shape, and a VML fallback with the same text.
func textBox(paras string) string {
	return `<w:r><mc:AlternateContent ` + mcNS + `><mc:Choice Requires="wps"><w:drawing><wp:anchor xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData><wps:wsp ` + wpsNS + `><wps:txbx><w:txbxContent>` +
		paras + `</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>` +
		`<mc:Fallback><w:pict><v:shape ` + wpsNS + `><v:textbox><w:txbxContent>` + paras + `</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>`
}

// vmlBox is a text box as older Word writes it, without markup compatibility.
func vmlBox(paras string) string {
	return `<w:r><w:pict><v:shape ` + wpsNS + `><v:textbox><w:txbxContent>` + paras + `</w:txbxContent></v:textbox></v:shape></w:pict></w:r>`
}

func TestDOCXContent(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{
			name: "text box after its anchor, not inside it",
			body: `<w:p><w:r><w:t>到2025年，</w:t></w:r>` + textBox(para(wt("专栏1 主要指标"))+para(wt("新建5G基站1万个"))) + `<w:r><w:t>基本建成。</w:t></w:r></w:p>` + para(wt("下一段")),
			want: "到2025年，基本建成。\n专栏1 主要指标\n新建5G基站1万个\n下一段\n",
		},
		{
			name: "VML text box and a text box inside a text box",
			body: `<w:p><w:r><w:t>正文</w:t></w:r>` + vmlBox(`<w:p><w:r><w:t>外框</w:t></w:r>`+vmlBox(para(wt("内框")))+`</w:p>`) + `</w:p>`,
			want: "正文\n外框\n内框\n",
		},
		{
			name: "content controls are read, placeholder text is not",
			body: `<w:sdt><w:sdtPr><w:alias w:val="标题"/></w:sdtPr><w:sdtContent>` + para(wt("一、总体要求")) + `</w:sdtContent></w:sdt>` +
				`<w:p><w:r><w:t>发文单位：</w:t></w:r><w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:r><w:t>单击或点击此处输入文字。</w:t></w:r></w:sdtContent></w:sdt></w:p>` +
				`<w:p><w:sdt><w:sdtPr/><w:sdtContent><w:r><w:t>市科委</w:t></w:r></w:sdtContent></w:sdt></w:p>`,
			want: "一、总体要求\n发文单位：\n市科委\n",
		},
		{
			name: "tracked changes: insertions and moves in, deletions out",
			body: `<w:p><w:r><w:t>比重达到</w:t></w:r><w:del w:id="1" w:author="a"><w:r><w:delText>8%</w:delText></w:r></w:del><w:ins w:id="2" w:author="a"><w:r><w:t>10%</w:t></w:r></w:ins><w:r><w:t>。</w:t></w:r></w:p>` +
				`<w:p><w:moveFrom w:id="3" w:author="a"><w:r><w:t>挪走的句子。</w:t></w:r></w:moveFrom><w:r><w:t>留下的句子。</w:t></w:r><w:moveTo w:id="4" w:author="a"><w:r><w:t>挪来的句子。</w:t></w:r></w:moveTo></w:p>`,
			want: "比重达到10%。\n留下的句子。挪来的句子。\n",
		},
		{
			name: "a deleted paragraph mark joins the paragraph to the next",
			body: `<w:p><w:pPr><w:rPr><w:del w:id="1" w:author="a"/></w:rPr></w:pPr><w:r><w:t>前半句，</w:t></w:r></w:p>` + para(wt("后半句。")),
			want: "前半句，后半句。\n",
		},
		{
			name: "field codes out, field results in",
			body: `<w:p><w:r><w:t>见第</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGEREF _Toc1 \h </w:instrText></w:r>` +
				`<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>12</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>页</w:t></w:r></w:p>` +
				`<w:p><w:fldSimple w:instr=" DATE "><w:r><w:t>2025年9月4日</w:t></w:r></w:fldSimple></w:p>`,
			want: "见第12页\n2025年9月4日\n",
		},
		{
			name: "tabs, breaks and hidden text",
			body: `<w:p><w:r><w:t>指标</w:t><w:tab/><w:t>目标</w:t><w:br/><w:t>第二行</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏批注</w:t></w:r><w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>可见</w:t></w:r></w:p>`,
			want: "指标\t目标\n第二行可见\n",
		},
		{
			name: "footnote marks, comments and ruby annotations leave no text",
			body: `<w:p><w:r><w:t>增长6%</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r><w:commentRangeStart w:id="0"/><w:r><w:t>，</w:t></w:r><w:r><w:commentReference w:id="0"/></w:r>` +
				`<w:r><w:ruby><w:rubyPr/><w:rt><w:r><w:t>zhǎng</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>长</w:t></w:r></w:rubyBase></w:ruby></w:r><w:r><w:t>三角</w:t></w:r></w:p>`,
			want: "增长6%，长三角\n",
		},
		{
			name: "section properties (header and footer references) are skipped",
			body: para(wt("正文")) + `<w:sectPr><w:headerReference w:type="default" r:id="rId1" xmlns:r="r"/></w:sectPr>`,
			want: "正文\n",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := docxText(t, docxWith(t, tc.body, "", ""))
			if got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestDOCXHeadersFootnotesIgnored(t *testing.T) {
	data := docxWith(t, para(wt("正文")), "", "",
		zipPart{"word/header1.xml", `<w:hdr ` + wordNS + `>` + para(wt("页眉文字")) + `</w:hdr>`},
		zipPart{"word/footer1.xml", `<w:ftr ` + wordNS + `>` + para(wt("第 1 页")) + `</w:ftr>`},
		zipPart{"word/footnotes.xml", `<w:footnotes ` + wordNS + `><w:footnote w:id="1">` + para(wt("脚注")) + `</w:footnote></w:footnotes>`})
	if got := docxText(t, data); got != "正文\n" {
		t.Errorf("got %q", got)
	}
}

// tc is a table cell; props go in w:tcPr.
func tc(props string, paras ...string) string {
	s := `<w:tc>`
	if props != "" {
		s += `<w:tcPr>` + props + `</w:tcPr>`
	}
	if len(paras) == 0 {
		return s + `<w:p/></w:tc>`
	}
	for _, p := range paras {
		s += para(wt(p))
	}
	return s + `</w:tc>`
}

func tr(cells ...string) string {
	s := `<w:tr>`
	for _, c := range cells {
		s += c
	}
	return s + `</w:tr>`
}

func tbl(rows ...string) string {
	s := `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>`
	for _, r := range rows {
		s += r
	}
	return s + `</w:tbl>`
}

const (
	vRestart  = `<w:vMerge w:val="restart"/>`
	vContinue = `<w:vMerge/>`
)

func TestDOCXTables(t *testing.T) {
	tests := []struct {
		name, body, want string
	}{
		{
			name: "vertically merged labels repeat on every row they span",
			body: tbl(
				tr(tc("", "类别"), tc("", "指标"), tc("", "2025年"), tc("", "属性")),
				tr(tc(vRestart, "经济发展"), tc("", "地区生产总值增长（%）"), tc("", "6"), tc(vRestart, "预期性")),
				tr(tc(vContinue), tc("", "全员劳动生产率增长（%）"), tc("", "6.5"), tc(`<w:vMerge w:val="continue"/>`)),
				tr(tc(vRestart, "创新驱动"), tc("", "研发投入强度（%）"), tc("", "4.5"), tc("", "约束性"))),
			want: "类别\t指标\t2025年\t属性\n经济发展\t地区生产总值增长（%）\t6\t预期性\n经济发展\t全员劳动生产率增长（%）\t6.5\t预期性\n创新驱动\t研发投入强度（%）\t4.5\t约束性\n",
		},
		{
			name: "spanning cells keep the columns aligned",
			body: tbl(
				tr(tc("", "指标"), tc("", "2020年"), tc("", "2025年"), tc("", "属性")),
				tr(tc(`<w:gridSpan w:val="4"/>`, "一、经济发展")),
				tr(tc("", "粮食产量（万吨）"), tc(`<w:gridSpan w:val="2"/>`, "保持稳定"), tc("", "约束性")),
				`<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>`+tc("", "1")+tc("", "2")+tc("", "预期性")+`</w:tr>`),
			want: "指标\t2020年\t2025年\t属性\n一、经济发展\t\t\t\n粮食产量（万吨）\t保持稳定\t\t约束性\n\t1\t2\t预期性\n",
		},
		{
			name: "a nested table is flattened into its cell",
			body: tbl(tr(tc("", "专栏1"), `<w:tc>`+para(wt("重点工程："))+tbl(tr(tc("", "工程"), tc("", "规模")), tr(tc("", "5G基站"), tc("", "1万个")))+`</w:tc>`)) + para(wt("正文")),
			want: "专栏1\t重点工程： 工程 规模 5G基站 1万个\n正文\n",
		},
		{
			name: "a text box anchored in a table comes after the table",
			body: tbl(tr(tc("", "指标"), `<w:tc><w:p><w:r><w:t>目标</w:t></w:r>`+textBox(para(wt("注：框内说明")))+`</w:p></w:tc>`), tr(tc("", "GDP"), tc("", "6%"))) + para(wt("正文")),
			want: "指标\t目标\nGDP\t6%\n注：框内说明\n正文\n",
		},
		{
			name: "deleted rows and cells are gone; paragraphs in a cell join with spaces",
			body: tbl(
				tr(tc("", "指标"), tc("", "目标", "（预期）")),
				`<w:tr><w:trPr><w:del w:id="1" w:author="a"/></w:trPr>`+tc("", "删掉的行")+tc("", "1")+`</w:tr>`,
				tr(tc("", "研发投入"), tc(`<w:cellDel w:id="2" w:author="a"/>`, "删掉的格"), tc("", "4%"))),
			want: "指标\t目标 （预期）\n研发投入\t4%\n",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := docxText(t, docxWith(t, tc.body, "", ""))
			if got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

// TestDOCXThroughDecode checks what the extractor receives: numbers, text
// boxes and merged table labels survive Clean and Normalize.
func TestDOCXThroughDecode(t *testing.T) {
	body := np(1, 0, "总体要求") + np(1, 1, "指导思想") + np(1, 2, "加快建设新型基础设施。") +
		`<w:p><w:r><w:t>到２０２５年，</w:t></w:r>` + textBox(para(wt("专栏1"))) + `</w:p>` +
		tbl(tr(tc("", "类别"), tc("", "指标"), tc("", "2025年")), tr(tc(vRestart, "数字经济"), tc("", "5G基站（万个）"), tc("", "1")), tr(tc(vContinue), tc("", "数据中心（个）"), tc("", "10")))
	doc, err := Decode(context.Background(), "a.docx", docxWith(t, body, "", gbLevels+numXML(1, 1, "")))
	if err != nil {
		t.Fatal(err)
	}
	want := "一、总体要求\n（一）指导思想\n1.加快建设新型基础设施。\n到2025年，\n专栏1\n类别\t指标\t2025年\n数字经济\t5G基站（万个）\t1\n数字经济\t数据中心（个）\t10"
	if doc.Text != want {
		t.Errorf("Text = %q\nwant   %q", doc.Text, want)
	}
	checkParallel(t, doc)
}
