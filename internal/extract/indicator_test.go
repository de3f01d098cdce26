package extract

import "testing"

func TestSanitize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"火电平均供电 煤耗", "火电平均供电煤耗"},
		{"PM2.5 浓度", "PM2.5浓度"},
		{"R&D 经费", "R&D经费"},
		{"5G base station", "5G base station"},
		{"“双随机、一公开”监管覆盖率", "“双随机、一公开”监管覆盖率"},
		{"研发经费投入强度）", "研发经费投入强度"},
		{"新增就业人数的", "新增就业人数"},
		{"每万人口全科医生数到2027年", "每万人口全科医生数"},
		{"城镇污水处理率2026年底前", "城镇污水处理率"},
		{"职业院校今年扩招", "职业院校扩招"},
		{"单位GDP能耗比2020年下降", "单位GDP能耗比2020年下降"},
		{"2025年度", "2025年度"},
		{"近三年年均增长", "近三年年均增长"},
	}
	for _, tt := range tests {
		if got := sanitize(tt.in); got != tt.want {
			t.Errorf("sanitize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestCleanHead(t *testing.T) {
	tests := []struct{ in, want string }{
		{"（牵头单位：区农业农村局；配合单位：区卫健委）新改建户厕", "新改建户厕"},
		{"（含县级医院）床位", "（含县级医院）床位"},
	}
	for _, tt := range tests {
		if got := cleanHead(tt.in); got != tt.want {
			t.Errorf("cleanHead(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
