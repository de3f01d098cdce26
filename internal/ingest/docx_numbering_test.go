package ingest

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// docxWith makes a DOCX whose body is the given WordprocessingML, with
// word/styles.xml and word/numbering.xml when given.
func docxWith(t testing.TB, body, styles, numbering string, extra ...zipPart) []byte {
	t.Helper()
	parts := []zipPart{{"word/document.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document ` + wordNS + `><w:body>` + body + `</w:body></w:document>`}}
	if styles != "" {
		parts = append(parts, zipPart{"word/styles.xml", `<w:styles ` + wordNS + `>` + styles + `</w:styles>`})
	}
	if numbering != "" {
		parts = append(parts, zipPart{"word/numbering.xml", `<w:numbering ` + wordNS + `>` + numbering + `</w:numbering>`})
	}
	return buildZip(t, append(parts, extra...)...)
}

// docxText decodes a DOCX built by docxWith and returns its raw text.
func docxText(t testing.TB, data []byte) string {
	t.Helper()
	text, _, err := decodeDOCX(context.Background(), data, ZipLimits{})
	if err != nil {
		t.Fatal(err)
	}
	return text
}

// np is a paragraph numbered by instance num at level ilvl.
func np(num, ilvl int, text string) string {
	return fmt.Sprintf(`<w:p><w:pPr><w:numPr><w:ilvl w:val="%d"/><w:numId w:val="%d"/></w:numPr></w:pPr><w:r><w:t>%s</w:t></w:r></w:p>`, ilvl, num, text)
}

// sp is a paragraph of style style.
func sp(style, text string) string {
	return `<w:p><w:pPr><w:pStyle w:val="` + style + `"/></w:pPr><w:r><w:t>` + text + `</w:t></w:r></w:p>`
}

// lvl is a w:lvl; extra goes inside it.
func lvl(ilvl int, format, text string, extra string) string {
	return fmt.Sprintf(`<w:lvl w:ilvl="%d"><w:start w:val="1"/><w:numFmt w:val="%s"/><w:lvlText w:val="%s"/>%s</w:lvl>`, ilvl, format, text, extra)
}

func abstractNumXML(id int, levels ...string) string {
	return fmt.Sprintf(`<w:abstractNum w:abstractNumId="%d">%s</w:abstractNum>`, id, strings.Join(levels, ""))
}

func numXML(id, abstract int, overrides string) string {
	return fmt.Sprintf(`<w:num w:numId="%d"><w:abstractNumId w:val="%d"/>%s</w:num>`, id, abstract, overrides)
}

const nothing = `<w:suff w:val="nothing"/>`

// gbLevels are the GB/T 9704 heading levels as Chinese offices set them up.
var gbLevels = abstractNumXML(1,
	lvl(0, "chineseCounting", "%1、", nothing),
	lvl(1, "chineseCounting", "（%2）", nothing),
	lvl(2, "decimal", "%3.", nothing),
	lvl(3, "decimal", "（%4）", nothing))

func TestDOCXNumbering(t *testing.T) {
	tests := []struct {
		name              string
		styles, numbering string
		body              string
		want              string
	}{
		{
			name:      "heading levels restart under the level above",
			numbering: gbLevels + numXML(1, 1, ""),
			body: np(1, 0, "总体要求") + np(1, 1, "指导思想") + np(1, 1, "基本原则") + np(1, 2, "加快建设") + np(1, 2, "强化保障") +
				np(1, 3, "细项") + np(1, 0, "重点任务") + np(1, 1, "提升能级") + np(1, 2, "加强研究"),
			want: "一、总体要求\n（一）指导思想\n（二）基本原则\n1.加快建设\n2.强化保障\n（1）细项\n二、重点任务\n（一）提升能级\n1.加强研究\n",
		},
		{
			name: "lvlRestart 0 numbers a level straight through",
			numbering: abstractNumXML(1, lvl(0, "chineseCounting", "%1、", nothing),
				lvl(1, "decimal", "%2.", nothing+`<w:lvlRestart w:val="0"/>`)) + numXML(1, 1, ""),
			body: np(1, 0, "甲") + np(1, 1, "a") + np(1, 1, "b") + np(1, 0, "乙") + np(1, 1, "c"),
			want: "一、甲\n1.a\n2.b\n二、乙\n3.c\n",
		},
		{
			name: "lvlRestart 1 restarts only after the first level",
			numbering: abstractNumXML(1, lvl(0, "decimal", "%1", nothing), lvl(1, "decimal", "%2", nothing),
				lvl(2, "decimal", "-%3", nothing+`<w:lvlRestart w:val="1"/>`)) + numXML(1, 1, ""),
			body: np(1, 0, "") + np(1, 2, "") + np(1, 1, "") + np(1, 2, "") + np(1, 0, "") + np(1, 2, ""),
			want: "1\n-1\n1\n-2\n2\n-1\n",
		},
		{
			name:      "instances of one abstract continue each other; startOverride restarts",
			numbering: gbLevels + numXML(1, 1, "") + numXML(2, 1, "") + numXML(3, 1, `<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>`),
			body:      np(1, 0, "a") + np(1, 0, "b") + np(2, 0, "c") + np(3, 0, "d") + np(3, 0, "e") + np(1, 0, "f"),
			want:      "一、a\n二、b\n三、c\n一、d\n二、e\n三、f\n",
		},
		{
			name:      "separate abstracts count separately",
			numbering: gbLevels + abstractNumXML(2, lvl(0, "decimal", "%1.", nothing)) + numXML(1, 1, "") + numXML(2, 2, ""),
			body:      np(1, 0, "a") + np(2, 0, "x") + np(1, 1, "b") + np(2, 0, "y") + np(1, 0, "c") + np(2, 0, "z"),
			want:      "一、a\n1.x\n（一）b\n2.y\n二、c\n3.z\n",
		},
		{
			name: "start value and level override",
			numbering: abstractNumXML(1, `<w:lvl w:ilvl="0"><w:start w:val="5"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1)"/><w:suff w:val="space"/></w:lvl>`) +
				numXML(1, 1, "") + numXML(2, 1, `<w:lvlOverride w:ilvl="0">`+lvl(0, "upperRoman", "%1.", nothing)+`</w:lvlOverride>`),
			body: np(1, 0, "a") + np(1, 0, "b") + np(2, 0, "c"),
			want: "5) a\n6) b\nVII.c\n",
		},
		{
			name:      "no w:start counts from zero",
			numbering: abstractNumXML(1, `<w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:suff w:val="nothing"/></w:lvl>`) + numXML(1, 1, ""),
			body:      np(1, 0, "a") + np(1, 0, "b"),
			want:      "0.a\n1.b\n",
		},
		{
			name: "multi-level text; an unused higher level shows 0; isLgl shows decimals",
			numbering: abstractNumXML(1, lvl(0, "chineseCounting", "第%1章", nothing), lvl(1, "decimal", "%1.%2", nothing),
				lvl(2, "decimal", "%1.%2.%3", nothing+`<w:isLgl/>`)) + numXML(1, 1, ""),
			body: np(1, 1, "a") + np(1, 0, "b") + np(1, 1, "c") + np(1, 2, "d"),
			want: "〇.1a\n第一章b\n一.1c\n1.1.1d\n",
		},
		{
			name: "suffixes: tab is a gap, none after full-width punctuation",
			numbering: abstractNumXML(1, lvl(0, "chineseCounting", "%1、", ""), lvl(1, "decimal", "%2.", ""),
				lvl(2, "decimal", "（%3）", `<w:suff w:val="space"/>`)) + numXML(1, 1, ""),
			body: np(1, 0, "总体要求") + np(1, 1, "加快") + np(1, 2, "细化"),
			want: "一、总体要求\n1. 加快\n（1） 细化\n",
		},
		{
			name: "bullets and none",
			numbering: abstractNumXML(1, lvl(0, "bullet", "\uF0B7", ""), lvl(1, "bullet", "", ""), lvl(2, "bullet", "●", ""),
				lvl(3, "none", "", "")) + numXML(1, 1, ""),
			body: np(1, 0, "a") + np(1, 1, "b") + np(1, 2, "c") + np(1, 3, "d"),
			want: "• a\nb\n● c\nd\n",
		},
		{
			name:      "numId 0 and unknown instances are not numbered",
			numbering: gbLevels + numXML(1, 1, ""),
			body:      np(0, 0, "a") + np(9, 0, "b") + np(1, 0, "c"),
			want:      "a\nb\n一、c\n",
		},
		{
			name: "heading styles carry the numbering, through basedOn and w:pStyle levels",
			styles: `<w:style w:type="paragraph" w:default="1" w:styleId="Normal"/>` +
				`<w:style w:type="paragraph" w:styleId="Heading1"><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>` +
				`<w:style w:type="paragraph" w:styleId="Heading2"><w:basedOn w:val="Heading1"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>` +
				`<w:style w:type="paragraph" w:styleId="Heading3"><w:basedOn w:val="Heading1"/></w:style>` +
				`<w:style w:type="paragraph" w:styleId="Plain"><w:basedOn w:val="Heading1"/><w:pPr><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr></w:style>`,
			numbering: abstractNumXML(1, lvl(0, "chineseCounting", "%1、", nothing+`<w:pStyle w:val="Heading1"/>`),
				lvl(1, "chineseCounting", "（%2）", nothing+`<w:pStyle w:val="Heading2"/>`),
				lvl(2, "decimal", "%3.", nothing+`<w:pStyle w:val="Heading3"/>`)) + numXML(1, 1, ""),
			body: sp("Heading1", "总体要求") + sp("Heading2", "指导思想") + sp("Heading3", "加快") + sp("Plain", "正文") +
				sp("Heading1", "重点任务") + `<w:p><w:r><w:t>默认样式</w:t></w:r></w:p>`,
			want: "一、总体要求\n（一）指导思想\n1.加快\n正文\n二、重点任务\n默认样式\n",
		},
		{
			name: "numbering style: numStyleLink to the definition with styleLink",
			styles: `<w:style w:type="numbering" w:styleId="PlanList"><w:pPr><w:numPr><w:numId w:val="5"/></w:numPr></w:pPr></w:style>` +
				`<w:style w:type="paragraph" w:styleId="ListItem"><w:pPr><w:numPr><w:numId w:val="6"/></w:numPr></w:pPr></w:style>`,
			numbering: `<w:abstractNum w:abstractNumId="10"><w:numStyleLink w:val="PlanList"/></w:abstractNum>` +
				`<w:abstractNum w:abstractNumId="11"><w:styleLink w:val="PlanList"/>` + lvl(0, "chineseCountingThousand", "%1、", nothing) + `</w:abstractNum>` +
				numXML(5, 11, "") + numXML(6, 10, ""),
			body: sp("ListItem", "一项") + sp("ListItem", "二项") + np(5, 0, "三项"),
			want: "一、一项\n二、二项\n三、三项\n",
		},
		{
			name:      "custom format from markup compatibility, fallback ignored",
			numbering: abstractNumXML(1, `<w:lvl w:ilvl="0"><w:start w:val="1"/><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="w14"><w:numFmt w:val="custom" w:format="001, 002, 003, ..."/></mc:Choice><mc:Fallback><w:numFmt w:val="decimal"/></mc:Fallback></mc:AlternateContent><w:lvlText w:val="%1"/><w:suff w:val="space"/></w:lvl>`) + numXML(1, 1, ""),
			body:      np(1, 0, "a"),
			want:      "001 a\n",
		},
		{
			name:      "numbered paragraphs in table cells count with the body",
			numbering: abstractNumXML(1, lvl(0, "decimal", "%1.", nothing)) + numXML(1, 1, ""),
			body:      np(1, 0, "a") + `<w:tbl><w:tr><w:tc>` + np(1, 0, "b") + `</w:tc><w:tc>` + np(1, 0, "c") + `</w:tc></w:tr></w:tbl>` + np(1, 0, "d"),
			want:      "1.a\n2.b\t3.c\n4.d\n",
		},
		{
			name:      "a bookmark before the paragraph properties",
			numbering: gbLevels + numXML(1, 1, ""),
			body:      `<w:p><w:bookmarkStart w:id="0" w:name="_Toc1"/><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>总体要求</w:t></w:r><w:bookmarkEnd w:id="0"/></w:p>`,
			want:      "一、总体要求\n",
		},
		{
			name:      "a paragraph whose mark is deleted takes no number",
			numbering: gbLevels + numXML(1, 1, ""),
			body: `<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr><w:rPr><w:del w:id="1" w:author="a"/></w:rPr></w:pPr><w:del w:id="2" w:author="a"><w:r><w:delText>删掉的标题</w:delText></w:r></w:del></w:p>` +
				np(1, 0, "总体要求"),
			want: "一、总体要求\n",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := docxText(t, docxWith(t, tc.body, tc.styles, tc.numbering))
			if got != tc.want {
				t.Errorf("got  %q\nwant %q", got, tc.want)
			}
		})
	}
}

func TestFormatNumber(t *testing.T) {
	tests := []struct {
		format string
		n      int
		want   string
	}{
		{"decimal", 12, "12"},
		{"decimalZero", 7, "07"},
		{"decimalZero", 12, "12"},
		{"decimalFullWidth", 12, "１２"},
		{"chineseCounting", 1, "一"},
		{"chineseCounting", 10, "十"},
		{"chineseCounting", 11, "十一"},
		{"chineseCounting", 20, "二十"},
		{"chineseCounting", 35, "三十五"},
		{"chineseCounting", 100, "一〇〇"},
		{"chineseCountingThousand", 10, "十"},
		{"chineseCountingThousand", 101, "一百〇一"},
		{"chineseCountingThousand", 110, "一百一十"},
		{"chineseCountingThousand", 2025, "二千〇二十五"},
		{"chineseCountingThousand", 10010, "一万〇一十"},
		{"chineseLegalSimplified", 3, "叁"},
		{"chineseLegalSimplified", 10, "壹拾"},
		{"chineseLegalSimplified", 105, "壹佰零伍"},
		{"ideographTraditional", 1, "甲"},
		{"ideographTraditional", 10, "癸"},
		{"ideographTraditional", 11, "11"},
		{"ideographZodiac", 12, "亥"},
		{"ideographDigital", 105, "一〇五"},
		{"upperLetter", 1, "A"},
		{"upperLetter", 27, "AA"},
		{"lowerLetter", 54, "bbb"},
		{"upperRoman", 14, "XIV"},
		{"lowerRoman", 1999, "mcmxcix"},
		{"lowerRoman", 0, "0"},
		{"decimalEnclosedCircle", 1, "①"},
		{"decimalEnclosedCircle", 20, "⑳"},
		{"decimalEnclosedCircle", 21, "21"},
		{"decimalEnclosedCircleChinese", 3, "③"},
		{"decimalEnclosedParen", 2, "⑵"},
		{"none", 3, ""},
		{"bullet", 3, ""},
		{"unknownFormat", 3, "3"},
		{"upperLetter", 2601, strings.Repeat("A", 64)}, // bounded, whatever the start says
	}
	for _, tc := range tests {
		if got := formatNumber(tc.n, tc.format, ""); got != tc.want {
			t.Errorf("formatNumber(%d, %s) = %q, want %q", tc.n, tc.format, got, tc.want)
		}
	}
}
