package report

import "testing"

// TestTargetText: a target in the report's tables is written as stated
// (≥, ≈ for 左右, a range with both ends) and its figures as amount.Format
// writes them, with 万 or 亿 and the unit.
func TestTargetText(t *testing.T) {
	top, bigTop := 5.0, 1.5e11
	tests := []struct {
		op     string
		p      *Point
		top    *float64
		approx bool
		unit   string
		office string // DOCX and PDF tables
		html   string // the HTML report and the web pages
	}{
		{">=", &Point{Value: 3.5, Period: "2025"}, nil, false, "%", "≥3.5%（2025）", "≥3.5%（2025年）"},
		{"<=", &Point{Value: 0.44, Period: "2025"}, nil, false, "吨标准煤/万元", "≤0.44吨标准煤/万元（2025）", "≤0.44吨标准煤/万元（2025年）"},
		{"=", &Point{Value: 2, Period: "2026"}, nil, true, "%", "≈2%（2026）", "≈2%（2026年）"},
		{"=", &Point{Value: 4.5, Period: "2026"}, &top, false, "%", "4.5%—5%（2026）", "4.5%—5%（2026年）"},
		{"=", &Point{Value: 4.5, Period: "2026"}, &top, true, "%", "≈4.5%—5%（2026）", "≈4.5%—5%（2026年）"},
		{">=", &Point{Value: 1.2e11, Period: "2025"}, nil, false, "元", "≥1200亿元（2025）", "≥1200亿元（2025年）"},
		{"=", &Point{Value: 1.2e11, Period: "2025"}, &bigTop, false, "元", "1200亿元—1500亿元（2025）", "1200亿元—1500亿元（2025年）"},
		{">=", nil, nil, false, "%", officeDash, "—"},
	}
	for _, tt := range tests {
		if got := officeTarget(tt.op, tt.p, tt.top, tt.approx, tt.unit); got != tt.office {
			t.Errorf("officeTarget(%s %+v %v %v %s) = %q, want %q", tt.op, tt.p, tt.top, tt.approx, tt.unit, got, tt.office)
		}
		if got := targetText(tt.op, tt.p, tt.top, tt.approx, tt.unit); got != tt.html {
			t.Errorf("targetText(%s %+v %v %v %s) = %q, want %q", tt.op, tt.p, tt.top, tt.approx, tt.unit, got, tt.html)
		}
	}
}
