package ingest

import (
	"strings"
	"testing"
)

// set places text on a baseline from x, as a producer would: Han one em
// wide, everything else half an em, spacing added after every glyph
// (letter spacing, justification). A space in text leaves a word gap; a
// '^' before a digit raises and shrinks it, a '_' lowers and shrinks it.
func set(text string, x, base, size, spacing float32) []glyph {
	var gs []glyph
	shift, scale := float32(0), float32(1)
	for _, r := range text {
		switch r {
		case '^':
			shift, scale = 0.4*size, 0.6
			continue
		case '_':
			shift, scale = -0.2*size, 0.6
			continue
		case ' ':
			x += 0.3 * size
			continue
		}
		s := size * scale
		w := s / 2
		if wide(r) {
			w = s
		}
		b := base + shift
		gs = append(gs, glyph{r: r, x0: x, x1: x + w, y0: b - 0.2*s, y1: b + 0.9*s, base: b})
		x += w + spacing
		shift, scale = 0, 1
	}
	return gs
}

func TestLayoutLine(t *testing.T) {
	tests := []struct {
		name   string
		glyphs []glyph
		want   string
	}{
		{"letter-spaced digits in a justified line", set("到2025年造林面积达到350万亩", 72, 700, 16, 3), "到2025年造林面积达到350万亩"},
		{"digits spread wider than the letters", append(set("同政发〔", 72, 700, 16, 0), set("2021", 136, 700, 16, 4)...), "同政发〔2021"},
		{"word gaps between Latin words", set("Hello PDF world", 72, 700, 12, 0), "Hello PDF world"},
		{"a word processor's gap between digits and Han", append(set("2021", 72, 700, 16, 0), set("年12月", 108, 700, 16, 0)...), "2021年12月"},
		{"table cells", append(set("地区生产总值", 72, 700, 12, 0), set("6.5", 300, 700, 12, 0)...), "地区生产总值\t6.5"},
		{"two numbers side by side", append(set("12", 72, 700, 12, 0), set("13", 96, 700, 12, 0)...), "12 13"},
		{"a unit's power", set("µg/m^3", 72, 700, 12, 0), "µg/m³"},
		{"an exponent", set("7.35×10^7千焦", 72, 700, 12, 0), "7.35×10⁷千焦"},
		{"a subscript before a number", set("CO_2 182.3万吨", 72, 700, 12, 0), "CO2 182.3万吨"},
		{"PM2.5 set as subscript", set("PM_2_._5浓度", 72, 700, 12, 0), "PM2.5浓度"},
		{"table cells set close together", append(append(set("扩大有效投资", 72, 700, 12, 0), set("县发展改革局", 149, 700, 12, 0)...), set("县自然资源局", 226, 700, 12, 0)...), "扩大有效投资\t县发展改革局\t县自然资源局"},
		{"a bold title's gap before its body", append(set("坚持绿色发展引领", 72, 700, 12, 0), set("牢固树立绿水青山理念，", 173, 700, 12, 0)...), "坚持绿色发展引领牢固树立绿水青山理念，"},
		{"a heading spaced out", append(set("目", 200, 700, 16, 0), set("录", 224, 700, 16, 0)...), "目录"},
		{"drawn twice for bold", append(set("总体要求", 72, 700, 16, 0), set("总体要求", 72.3, 700, 16, 0)...), "总体要求"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			lines := layoutPage(tc.glyphs)
			var got []string
			for _, l := range lines {
				got = append(got, l.text)
			}
			if g := strings.Join(got, "\n"); g != tc.want {
				t.Errorf("got %q, want %q", g, tc.want)
			}
		})
	}
}

func TestLayoutLinesInStreamDisorder(t *testing.T) {
	// The footer is drawn first, the body bottom up, a heading's number
	// in a larger size than its title.
	var gs []glyph
	gs = append(gs, set("— 1 —", 280, 60, 14, 0)...)
	gs = append(gs, set("第二行", 72, 672, 16, 0)...)
	gs = append(gs, set("第一行", 72, 700, 16, 0)...)
	gs = append(gs, set("一、", 72, 740, 20, 0)...)
	gs = append(gs, set("总体要求", 112, 740, 16, 0)...)
	var got []string
	for _, l := range layoutPage(gs) {
		got = append(got, l.text)
	}
	want := "一、总体要求\n第一行\n第二行\n—1—"
	if g := strings.Join(got, "\n"); g != want {
		t.Errorf("got %q, want %q", g, want)
	}
}

// page lays out lines of a page of prose 16 pt type, 28 pt apart from
// y=760 down, 72 to 520 wide; a line starting with two spaces is indented
// two ems; lines after an empty one go to the foot of the page.
func page(lines ...string) pdfPage {
	var gs []glyph
	y := float32(760)
	for _, l := range lines {
		if l == "" {
			y = 60
			continue
		}
		x := float32(72)
		if strings.HasPrefix(l, "  ") {
			x += 32
			l = l[2:]
		}
		// Justify full lines to the right margin.
		var n, width float32
		for _, r := range l {
			n++
			width += 8
			if wide(r) {
				width += 8
			}
		}
		spacing := float32(0)
		if n >= 20 {
			spacing = (520 - x - width) / (n - 1)
		}
		gs = append(gs, set(l, x, y, 16, max(spacing, 0))...)
		y -= 28
	}
	return pdfPage{height: 842, lines: layoutPage(gs)}
}

func TestPDFText(t *testing.T) {
	const full = "为深入贯彻落实党中央国务院关于碳达峰碳中和的重大战略"
	tests := []struct {
		name  string
		pages []pdfPage
		want  string
	}{
		{"a paragraph's lines, then a new paragraph",
			[]pdfPage{page("  "+full[:len(full)-6], full, "相关工作。", "  第二段。")},
			full[:len(full)-6] + "\n" + full + "\n相关工作。\n\n第二段。"},
		{"a number wrapped from its unit",
			[]pdfPage{page("  到2025年全市新能源发电装机容量达到4800", "万千瓦以上，占全部装机比重进一步提高明显。")},
			"到2025年全市新能源发电装机容量达到4800万千瓦以上，占全部装机比重进一步提高明显。"},
		{"a table of contents keeps its page numbers apart",
			[]pdfPage{page("2.污染防治能力提升··················10", "3.生态安全屏障初步形成················11")},
			"2.污染防治能力提升··················10\n3.生态安全屏障初步形成················11"},
		{"a marker alone on its line",
			[]pdfPage{page("（一）", "总体要求")},
			"（一）总体要求"},
		{"page numbers and a running head go, the banner stays",
			[]pdfPage{
				page("XX市人民政府文件", "  第一页正文。", "", "— 1 —"),
				page("XX市“十四五”规划", "  第二页正文。", "", "— 2 —"),
				page("XX市“十四五”规划", "  第三页正文。", "", "第 3 页 共 4 页"),
				page("XX市“十四五”规划", "  第四页正文。", "", "4"),
			},
			"XX市人民政府文件\n\n第一页正文。\n\n第二页正文。\n\n第三页正文。\n\n第四页正文。"},
		{"an OCR layer's line tail on a line of its own",
			[]pdfPage{page("  "+full[:len(full)-6], full, "略目", "标，相关工作。", "  第二段。")},
			full[:len(full)-6] + "\n" + full + "略目\n标，相关工作。\n\n第二段。"},
		{"a short last line that ends its sentence still ends the paragraph",
			[]pdfPage{page("  "+full[:len(full)-6], full, "目标。", "  第二段。")},
			full[:len(full)-6] + "\n" + full + "\n目标。\n\n第二段。"},
		{"ASCII stops a font gave for full-width ones, not decimals or markers",
			[]pdfPage{page("优化国土空间布局. 落实主体功能区战略, 科学布局生产空间.", "2.PM2.5浓度下降, 一.总体要求")},
			"优化国土空间布局。落实主体功能区战略，科学布局生产空间。\n2.PM2.5浓度下降，一.总体要求"},
		{"a paragraph across a page break",
			[]pdfPage{page("  "+full[:len(full)-6], full, "", "— 1 —"), page("相关工作。", "", "— 2 —")},
			full[:len(full)-6] + "\n" + full + "\n相关工作。"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d := &pdfDoc{pages: tc.pages}
			if got := d.text(); got != tc.want {
				t.Errorf("got\n%q\nwant\n%q", got, tc.want)
			}
		})
	}
}

// Digits in a font of their own: full-width digits whose boxes stand far
// above and below the Han, or a figure set larger than its sentence. Such
// a line is still a line of its paragraph.
func TestPDFTextDigitsInAnotherFont(t *testing.T) {
	const full = "为深入贯彻落实党中央国务院关于碳达峰碳中和的重大战略"
	var gs []glyph
	gs = append(gs, set(full, 104, 760, 16, 0)...)
	for _, g := range set("部署，到２０２５年全市非化石能源消费比重达到百分之二十", 72, 732, 16, 0) {
		if g.r >= '０' && g.r <= '９' {
			g.y0, g.y1 = g.base-21, g.base+20
		}
		gs = append(gs, g)
	}
	gs = append(gs, set("以上，相关工作取得明显成效。", 72, 704, 16, 0)...)
	gs = append(gs, set("提高城市水源水质达标率，县级城市水源水质达标率达到百分", 104, 664, 16, 0)...)
	gs = append(gs, set("100", 72, 632, 21, 0)...)
	gs = append(gs, set("%．", 93, 632, 16, 0)...)
	gs = append(gs, set("推进水源地规范化建设。", 104, 600, 16, 0)...)
	d := &pdfDoc{pages: []pdfPage{{height: 842, lines: layoutPage(gs)}}}
	want := full + "\n部署，到２０２５年全市非化石能源消费比重达到百分之二十\n以上，相关工作取得明显成效。\n\n" +
		"提高城市水源水质达标率，县级城市水源水质达标率达到百分\n100%。\n\n推进水源地规范化建设。"
	if got := d.text(); got != want {
		t.Errorf("got\n%q\nwant\n%q", got, want)
	}
}

func TestHanPunctAfterFigures(t *testing.T) {
	tests := []struct{ in, want string }{
		{"达标率达到100%．\n推进建设", "达标率达到100%。\n推进建设"},
		{"新建基站300.\n推进建设", "新建基站300。\n推进建设"},
		{"2.推进建设", "2.推进建设"},
		{"增长5.5%", "增长5.5%"},
		{"达到100.5万吨", "达到100.5万吨"},
	}
	for _, tc := range tests {
		if got := hanPunct(tc.in); got != tc.want {
			t.Errorf("hanPunct(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestIsPageNumber(t *testing.T) {
	for s, want := range map[string]bool{
		"12": true, "- 12 -": true, "— 3 —": true, "第12页": true, "第 3 页 共 10 页": true,
		"3/10": true, "Page 7": true, "1\t100": false, "2025年": false, "（一）": false, "12 13": false,
	} {
		if got := isPageNumber(s); got != want {
			t.Errorf("isPageNumber(%q) = %v", s, got)
		}
	}
}

func TestIsMarkerOnly(t *testing.T) {
	for s, want := range map[string]bool{
		"（一）": true, "1.": true, "一、": true, "第三章": true, "1.2": true, "(12)": true,
		"2025": false, "总体要求": false, "（一）总体要求": false, "第三季度": false,
	} {
		if got := isMarkerOnly(s); got != want {
			t.Errorf("isMarkerOnly(%q) = %v", s, got)
		}
	}
}

func TestLayoutIndentBySpaces(t *testing.T) {
	// "　　正文": two ideographic spaces typed as the indent.
	gs := []glyph{
		{r: '\u3000', x0: 72, x1: 88, y0: 696.8, y1: 714.4, base: 700, space: true},
		{r: '\u3000', x0: 88, x1: 104, y0: 696.8, y1: 714.4, base: 700, space: true},
	}
	gs = append(gs, set("正文内容", 104, 700, 16, 0)...)
	lines := layoutPage(gs)
	if len(lines) != 1 || lines[0].text != "正文内容" || lines[0].x0 != 104 {
		t.Errorf("got %+v, want one line 正文内容 from x=104", lines)
	}
}
