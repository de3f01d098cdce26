package extract

import "testing"

func TestDateHelpers(t *testing.T) {
	tests := []struct {
		name, in, want string
		fn             func(string) string
	}{
		{"spaced PDF digits", "2 0 2 1年1 2月1 6日", "2021年12月16日", dateText},
		{"document number brackets", "青政发〔 2022 〕 42号", "青政发〔2022〕42号", squeezeDigits},
		{"time stamp keeps its gap", "2026-02-03 09:02:33", "2026-02-03 09:02:33", squeezeDigits},
		{"Chinese numerals", "二〇二六年一月二十七日", "2026年1月27日", dateText},
		{"signature", "2019年10月28日", "2019-10-28", signatureDate},
		{"date under a title", "（2023年1月2日）", "2023-01-02", signatureDate},
		{"a sentence is no signature", "2019年10月28日召开会议", "", signatureDate},
		{"delivery line", "——2026年1月28日在青海省第十四届人民代表大会第四次会议上", "2026-01-28", deliveredDate},
		{"delivery in brackets", "（2026年1月27日在贵州省第十四届人民代表大会第四次会议上）", "2026-01-27", deliveredDate},
		{"delivery in Chinese numerals", "——二〇二六年一月二十七日在甘肃省十四届人民代表大会四次会议上", "2026-01-27", deliveredDate},
		{"an event is no delivery", "会议指出，要在2026年1月28日前完成", "", deliveredDate},
		{"labelled date", "发布日期：2020-11-30", "2020-11-30", standaloneDate},
		{"posting stamp", "2026-02-03 09:02:33", "2026-02-03", standaloneDate},
		{"bad month", "2020年13月1日", "", standaloneDate},
	}
	for _, tt := range tests {
		if got := tt.fn(tt.in); got != tt.want {
			t.Errorf("%s: %q → %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestReportYear(t *testing.T) {
	tests := []struct {
		name, doc string
		year      int
	}{
		{"review heading", "各位代表：\n我代表国务院向大会作政府工作报告。\n一、2018年工作回顾\n", 2019},
		{"review of the first section", "各位代表：\n我代表国务院向大会作政府工作报告。\n一、当前形势\n1986年是取得显著成就的一年。\n", 1987},
		{"plan section", "各位代表：\n我代表国务院向大会作政府工作报告。\n一、过去五年工作回顾\n五年来成绩显著。\n二、今年的总体要求\n2013年是开局之年。\n", 2013},
		{"plan heading", "各位代表：\n我代表国务院向大会作政府工作报告。\n一、关于过去五年的政府工作\n二、关于1 9 9 8 年政府工作的建议\n", 1998},
		{"a year just past", "各位代表：\n刚刚过去的1984年，是取得伟大成就的一年。\n", 1985},
		{"delivered late in the year", "各位代表：\n我代表国务院向大会作以下报告。\n一、调整国民经济\n二、明年的任务\n1982年是调整的第二年。明年经济发展的主要任务是：巩固。\n", 1981},
	}
	// A standing committee's report to the same congress is not the
	// government's.
	text := []rune("各位代表：\n受青溪市人民代表大会常务委员会的委托，现在我向大会报告工作。过去的一年，常委会依法履职。\n")
	if m := readMeta(text, splitLines(text), ""); m.kind == "政府工作报告" {
		t.Errorf("standing committee report read as a work report")
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := []rune(tt.doc)
			m := readMeta(text, splitLines(text), "")
			if m.kind != "政府工作报告" || m.year != tt.year {
				t.Errorf("kind %q year %d, want 政府工作报告 %d", m.kind, m.year, tt.year)
			}
		})
	}
}
