package extract

import (
	"strings"
	"testing"
)

// TestReflow checks which line breaks a printed page's text layer keeps.
func TestReflow(t *testing.T) {
	body := []string{ // wrapped at 20 characters
		"针对钢铁、水泥、化工、有色等重点工业行业绿色",
		"低碳发展需求，以原料燃料替代和短流程制造为核",
		"心，深度融合大数据、人工智能等新兴技术，引领",
		"高碳工业流程的零碳再造。",
	}
	box := []string{ // a box in smaller type: 26 characters a line
		"低碳零碳钢铁。研发全废钢电炉流程集成优化技术、富氢或纯",
		"氢气体冶炼技术、钢化一体化联产技术、高品质生态钢铁材料",
		"制备技术，推动钢铁行业流程再造。",
	}
	tests := []struct {
		name  string
		lines []string
		want  []string // the lines after reflow
	}{
		{
			name: "a numbered heading wrapped onto a second line ends there, however full",
			lines: []string{
				"分类推进国有企业改革，发展混合所有制经济，完善现代",
				"企业制度，以管资本为主加强国有资产监管。（牵头单位：省",
				"国资委；配合单位：省财政厅、省人力资源社会保障厅）",
				"",
				"8.推进“放管服”改革，持续深化行政审批制度改革，打",
				"造审批事项最少、办事效率最高、投资环境最优的省份",
				"",
				"全面推行权力清单、责任清单、负面清单制度，推进相对",
				"集中行政许可权改革，建设全省一体化在线政务服务平台。",
				"",
				"主动融入“一带一路”建设，积极承接产业转移，加快建",
				"设综合保税区和开放口岸，扩大对内对外开放水平。",
			},
			want: []string{
				"分类推进国有企业改革，发展混合所有制经济，完善现代企业制度，以管资本为主加强国有资产监管。（牵头单位：省国资委；配合单位：省财政厅、省人力资源社会保障厅）",
				"",
				"8.推进“放管服”改革，持续深化行政审批制度改革，打造审批事项最少、办事效率最高、投资环境最优的省份",
				"",
				"全面推行权力清单、责任清单、负面清单制度，推进相对集中行政许可权改革，建设全省一体化在线政务服务平台。",
				"",
				"主动融入“一带一路”建设，积极承接产业转移，加快建设综合保税区和开放口岸，扩大对内对外开放水平。",
			},
		},
		{
			name: "a paragraph's indented first line is joined though two characters short",
			lines: []string{
				"（一）建强应急救援主力军国家队。",
				"坚持党对国家综合性消防救援队伍的绝对领导，践行",
				"“对党忠诚、纪律严明、赴汤蹈火、竭诚为民”重要训词精",
				"神，对标应急救援主力军和国家队定位，严格教育、严格训",
				"练、严格管理、严格要求，全面提升队伍的正规化、专业化、",
				"职业化水平。积极适应“全灾种、大应急”综合救援需要，",
				"优化力量布局和队伍编成，填补救援力量空白，加快补齐国",
				"家综合性消防救援队伍能力建设短板。",
				"（二）提升行业救援力量专业能力。",
			},
			want: []string{
				"（一）建强应急救援主力军国家队。",
				"坚持党对国家综合性消防救援队伍的绝对领导，践行“对党忠诚、纪律严明、赴汤蹈火、竭诚为民”重要训词精神，对标应急救援主力军和国家队定位，严格教育、严格训练、严格管理、严格要求，全面提升队伍的正规化、专业化、职业化水平。积极适应“全灾种、大应急”综合救援需要，优化力量布局和队伍编成，填补救援力量空白，加快补齐国家综合性消防救援队伍能力建设短板。",
				"（二）提升行业救援力量专业能力。",
			},
		},
		{
			name:  "a paragraph beside a wider box is joined at its own margin",
			lines: append(append(append([]string{}, body...), box...), body...),
			want: []string{
				strings.Join(body, ""),
				strings.Join(box, ""),
				strings.Join(body, ""),
			},
		},
		{
			name: "a bracketed line stays apart from a title of the body's width",
			lines: []string{
				"某某部等九部门关于印发《某某领域实施方案》的通知",
				"（国科发社〔2022〕157号）",
				"各有关单位：",
				body[0], body[1], body[2], body[3],
				body[0], body[1], body[2], body[3],
			},
			want: []string{
				"某某部等九部门关于印发《某某领域实施方案》的通知",
				"（国科发社〔2022〕157号）",
				"各有关单位：",
				strings.Join(body, ""),
				strings.Join(body, ""),
			},
		},
		{
			name: "headings of one width between one-line paragraphs stay apart",
			lines: []string{
				"（一）着力扩大有效需求，推动经济稳中向好",
				"扩大有效投资。" + strings.Repeat("深化高质量项目推进年活动，充分发挥项目建设的带动效应。", 6),
				"（二）提升创新体系效能，引领新质生产力发展",
				"推动科技创新和产业创新深度融合。" + strings.Repeat("落实区域科技创新中心建设重点任务，加快重大科技基础设施建设。", 5),
				"（三）加快产业体系建设，发展壮大实体经济",
				"巩固提升优势产业。" + strings.Repeat("实施产业链提升行动，推动传统产业高端化智能化绿色化。", 6),
			},
		},
	}
	tests = append(tests, struct {
		name  string
		lines []string
		want  []string
	}{
		name: "a full line that stops inside a word goes on past a blank line",
		lines: append(append(append([]string{}, body...), body[:3]...),
			"到二〇二五年全国公共机构用能结构持续优化持续提",
			"",
			"升年度能源消费总量控制在一点八九亿吨以内总",
			"",
			"量控制在四亿吨以内。",
			"",
			"二、加快能源利用绿色低碳转型",
		),
		want: []string{
			strings.Join(body, ""),
			strings.Join(body[:3], "") + "到二〇二五年全国公共机构用能结构持续优化持续提升年度能源消费总量控制在一点八九亿吨以内总量控制在四亿吨以内。",
			"",
			"二、加快能源利用绿色低碳转型",
		},
	})
	tests = append(tests, struct {
		name  string
		lines []string
		want  []string
	}{
		name: "a heading as wide as the page stays apart from the body after a blank line",
		lines: append(append([]string{}, body...),
			"（一）加快推进重点区域和重点流域生态环境综合治",
			"",
			body[0], body[1], body[2], body[3]),
		want: []string{
			strings.Join(body, ""),
			"（一）加快推进重点区域和重点流域生态环境综合治",
			"",
			strings.Join(body, ""),
		},
	})
	tests = append(tests, struct {
		name  string
		lines []string
		want  []string
	}{
		name: "a scan's line ends set apart rejoin their lines",
		lines: []string{
			"推动低碳试点示范建设。强化低碳城市、低碳工业园区试点工作。支持基",
			"础较",
			"",
			"好的地方探索开展近零碳排放与碳中和试点示范，加强高耗能项目信息",
			"共享。",
			"",
			"（五）严格生态环境准入。",
		},
		want: []string{
			"推动低碳试点示范建设。强化低碳城市、低碳工业园区试点工作。支持基 础较  好的地方探索开展近零碳排放与碳中和试点示范，加强高耗能项目信息 共享。",
			"",
			"（五）严格生态环境准入。",
		},
	})
	// A plan whose annex is a long table of short cells: the cells are most
	// of the lines, yet the body's paragraphs are still wrapped.
	var cells, paras, joined []string
	for i := 0; i < 100; i++ {
		cells = append(cells, "定量", "门诊人次数")
	}
	for i := 0; i < 8; i++ {
		paras = append(paras, body...)
		joined = append(joined, strings.Join(body, ""))
	}
	withTable := append(append([]string{}, paras...), cells...)
	tests = append(tests, struct {
		name  string
		lines []string
		want  []string
	}{
		name:  "paragraphs above a long table of short cells are joined",
		lines: withTable,
		want:  append(joined, cells...),
	})
	// Rows of a table aligned with spaces, as wide as the body's lines.
	rows := []string{
		"序号    指标                      单位        2020年    2025年",
		"1       细颗粒物平均浓度          微克/立方米  35        30",
		"2       空气质量优良天数比率      %           85.2      88",
	}
	tests = append(tests, struct {
		name  string
		lines []string
		want  []string
	}{
		name:  "rows of a space-aligned table stay apart",
		lines: append(append(append([]string{}, body...), rows...), body...),
		want:  append(append([]string{strings.Join(body, "")}, rows...), strings.Join(body, "")),
	})
	// A line that stops short before a number it could not break, and two
	// printed lines a reader joined to keep a number with its unit.
	short := "新增退役军人就业4000人、残疾人就业"
	doubled := string([]rune(body[0])[:21]) + "15" + body[1]
	tests = append(tests, struct {
		name  string
		lines []string
		want  []string
	}{
		name:  "a line short by the number that starts the next goes on",
		lines: append(append(append([]string{}, body...), short, "6500人，新建服务站500个，开展技能培训，推进创业带动就业。"), body...),
		want:  []string{strings.Join(body, ""), short + "6500人，新建服务站500个，开展技能培训，推进创业带动就业。", strings.Join(body, "")},
	}, struct {
		name  string
		lines []string
		want  []string
	}{
		name:  "two printed lines joined by the reader reach the margin twice",
		lines: append(append(append([]string{}, body...), doubled, body[2], body[3]), body...),
		want:  []string{strings.Join(body, ""), doubled + body[2] + body[3], strings.Join(body, "")},
	})
	// A page whose title wraps at the width of its lines: the title and
	// the document number below it stay lines of their own.
	page := []string{"国务院关于推动某区高质量发展奋力书写新篇", "章实现全面振兴和共同富裕若干重大问题的意见", "国发〔2030〕16号"}
	tests = append(tests, struct {
		name  string
		lines []string
		want  []string
	}{
		name:  "a complete title and a document number stay apart",
		lines: append(append([]string{}, body...), append(page, body...)...),
		want:  []string{strings.Join(body, ""), page[0] + page[1], page[2], strings.Join(body, "")},
	})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := strings.Join(tt.lines, "\n")
			src := []rune(in)
			out, m := reflow(append([]rune(nil), src...))
			got := string(out)
			want := tt.want
			if want == nil {
				want = tt.lines
			}
			if got != strings.Join(want, "\n") {
				t.Errorf("reflow gave\n%s\nwant\n%s", got, strings.Join(want, "\n"))
			}
			// Every rune kept points back to the same rune of the input.
			for i, r := range out {
				j := i
				if m != nil {
					j = int(m[i])
				}
				if r != src[j] && !(r == ' ' && (src[j] == '\n' || src[j] == '\r')) {
					t.Fatalf("rune %d %q maps to %d %q", i, r, j, src[j])
				}
			}
		})
	}
}

// A PDF's reader has set paragraphs apart by a blank line: every other
// break of its text is a wrap, in a document of three lines too.
func TestReflowPrinted(t *testing.T) {
	in := "某市行动方案\n\n二、重点任务\n\n1.提升预警能力。力争使灾害预警信息发布公众覆盖率达\n到90%。（牵头单位：市应急管理局）\n2.推广电子站牌。\n\n三、保障措施\n序号\t指标\n1\t覆盖率"
	want := "某市行动方案\n\n二、重点任务\n\n1.提升预警能力。力争使灾害预警信息发布公众覆盖率达到90%。（牵头单位：市应急管理局）\n2.推广电子站牌。\n\n三、保障措施\n序号\t指标\n1\t覆盖率"
	out, _ := reflowPrinted([]rune(in))
	if got := string(out); got != want {
		t.Errorf("reflowPrinted gave\n%s\nwant\n%s", got, want)
	}
	if out, _ := reflow([]rune(in)); string(out) != in {
		t.Errorf("reflow joined the lines of a short text: %q", string(out))
	}
}
