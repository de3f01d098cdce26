package extract

import "testing"

func TestFindTimes(t *testing.T) {
	tests := []struct {
		name    string
		text    string
		docYear int
		want    []timeRef // start and end are not compared
	}{
		{"deadline with 到", "到2027年，建成示范区3个", 0, []timeRef{{year: 2027, kind: timeDeadline}}},
		{"deadline with 前", "2026年底前完成改造", 0, []timeRef{{year: 2026, kind: timeDeadline}}},
		{"力争 makes a deadline", "力争2028年实现全覆盖", 0, []timeRef{{year: 2028, kind: timeDeadline}}},
		{"截至 dates a figure", "截至2024年底，累计建成120个", 0, []timeRef{{year: 2024, kind: timeDate}}},
		{"a comparison base", "单位能耗比2020年下降13%", 0, []timeRef{{year: 2020, kind: timeBase}}},
		{"the year that qualifies a noun", "到2026年，完成2000年底前建成的老旧小区改造80个", 0,
			[]timeRef{{year: 2026, kind: timeDeadline}, {year: 2000, kind: timeBase}}},
		{"前建成 with a count is a deadline", "2025年底前建成5个", 0, []timeRef{{year: 2025, kind: timeDeadline}}},
		{"是…的 base", "产值是2019年的1.5倍", 0, []timeRef{{year: 2019, kind: timeBase}}},
		{"a value's own year", "从2020年的3.1万亿元增长到2025年的4.2万亿元", 0,
			[]timeRef{{year: 2020, kind: timeOwn}, {year: 2025, kind: timeOwn}}},
		{"a range is a span read at its end", "2024-2026年三年行动", 0, []timeRef{{year: 2026, kind: timeSpan}}},
		{"a five-year plan period", "“十三五”期间新增就业50万人", 0, []timeRef{{year: 2020, kind: timeSpan}}},
		{"到 a five-year plan's end", "到“十五五”末，覆盖率达到90%", 0, []timeRef{{year: 2030, kind: timeDeadline}}},
		{"a plan's name is no time", "编制“十四五”规划", 0, nil},
		{"Chinese numerals", "一九七四年粮食产量", 0, []timeRef{{year: 1974, kind: timeDate}}},
		{"last year", "去年完成投资8亿元", 2024, []timeRef{{year: 2023, kind: timeDate, relative: true}}},
		{"this year", "今年新增就业2万人", 2024, []timeRef{{year: 2024, kind: timeDate, relative: true, current: true}}},
		{"截至今年 is the state so far", "截至今年5月底，已建成充电桩4.6万个", 2024, []timeRef{{year: 2024, kind: timeDate, relative: true}}},
		{"比上年 is a base", "比上年增长6%", 2024, []timeRef{{year: 2023, kind: timeBase, relative: true}}},
		{"较 a five-year plan's end is a base", "2020年浓度较“十二五”末下降27%", 0,
			[]timeRef{{year: 2020, kind: timeDate}, {year: 2015, kind: timeBase}}},
		{"relative words need a year", "去年完成投资8亿元", 0, nil},
		{"相较于 a five-year plan's end is a base", "到2025年，相较于“十三五”末，废纸回收量增长10%左右", 0,
			[]timeRef{{year: 2025, kind: timeDeadline}, {year: 2020, kind: timeBase}}},
		{"基础上年均 names no last year", "在提高质量效益的基础上年均增长6%", 2024, nil},
		{"由上年 is the start value's year", "今年省级科技投入将由上年8亿元增加到12亿元", 2024,
			[]timeRef{{year: 2024, kind: timeDate, relative: true, current: true}, {year: 2023, kind: timeOwn, relative: true}}},
		{"全年 in a sentence that opens with its year is that year", "2023年，全省扎实推进各项工作，全年共接待游客3.5亿人次", 2024,
			[]timeRef{{year: 2023, kind: timeDate}, {year: 2023, kind: timeDate}}},
		{"a year since which is no year of 全年", "增速为1985年以来最高，全年人均增加1680元", 2012,
			[]timeRef{{year: 1985, kind: timeDate}, {year: 2012, kind: timeDate, relative: true, current: true}}},
		{"三年内 runs on from the document's year", "三年内参保率均提高到90%以上", 2009, []timeRef{{year: 2011, kind: timeDeadline, relative: true}}},
		{"今后三年", "今后三年各级政府拟投入8500亿元", 2009, []timeRef{{year: 2011, kind: timeDeadline, relative: true}}},
		{"a span after an event is no deadline", "取得资格后3年内完成培训", 2024, nil},
		{"three years alone is a duration", "实施三年行动", 2024, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := []rune(tt.text)
			got := findTimes(r, 0, len(r), tt.docYear)
			if len(got) != len(tt.want) {
				t.Fatalf("findTimes(%q) = %+v, want %d times", tt.text, got, len(tt.want))
			}
			for i, w := range tt.want {
				g := got[i]
				if g.year != w.year || g.kind != w.kind || g.relative != w.relative || g.current != w.current {
					t.Errorf("time %d = %d %v rel=%v cur=%v, want %d %v rel=%v cur=%v", i, g.year, g.kind, g.relative, g.current, w.year, w.kind, w.relative, w.current)
				}
			}
		})
	}
}

func TestGoverningTime(t *testing.T) {
	text := []rune("与2020年相比，到2025年全市产值达到500亿元")
	times := findTimes(text, 0, len(text), 0)
	pos := len([]rune("与2020年相比，到2025年全市产值达到"))
	got, ok := governingTime(times, pos)
	if !ok || got.year != 2025 || got.kind != timeDeadline {
		t.Errorf("governingTime = %+v %v, want the 2025 deadline, not the 2020 base", got, ok)
	}
}

func TestIssuedPlan(t *testing.T) {
	tests := []struct {
		head string
		year int
		ok   bool
	}{
		{"记者获悉，市政府近日印发了《某市数字经济三年行动计划（2030-2032年）》，提出到2032年…", 2032, true},
		{"《某区城市更新实施方案》出炉 新建口袋公园40座", 0, true},
		{"市委书记在《人民日报》发表文章", 0, false},
		{"学习《关于加快发展的意见》精神", 0, false},
		{"发布《关于", 0, false},
	}
	for _, tt := range tests {
		if year, ok := issuedPlan(tt.head); year != tt.year || ok != tt.ok {
			t.Errorf("issuedPlan(%q) = %d, %v; want %d, %v", tt.head, year, ok, tt.year, tt.ok)
		}
	}
}
