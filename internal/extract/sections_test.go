package extract

import "testing"

func TestHeadingStance(t *testing.T) {
	tests := []struct {
		title   string
		docYear int
		want    stance
	}{
		{"一、发展现状", 2021, stancePast},
		{"（一）发展基础", 2021, stancePast},
		{"一、2025年工作回顾", 2026, stancePast},
		{"三、夯实发展基础", 2021, stanceNone},
		{"（二）巩固污染治理成效", 2021, stanceNone},
		{"（一）推动高质量发展取得新成效", 2021, stancePast},
		{"二、主要目标", 2021, stanceFuture},
		{"一、面临形势", 2021, stanceNone},
		{"第一节 优势基础", 2021, stancePast},
		{"（一）主要目标完成情况", 2023, stancePast},
		{"一、2023年计划执行情况和2024年计划草案", 2024, stanceNone},
		{"一、上半年计划执行情况", 2024, stancePast},
		{"六五计划前两年的执行情况", 1982, stanceNone},
		{"关于《国民经济和社会发展第十一个五年规划纲要（草案）》的说明", 2006, stanceNone},
	}
	for _, tt := range tests {
		t.Run(tt.title, func(t *testing.T) {
			if got, _, _ := headingStance(tt.title, tt.docYear); got != tt.want {
				t.Errorf("headingStance(%q) = %v, want %v", tt.title, got, tt.want)
			}
		})
	}
}
