package amount

import (
	"errors"
	"math"
	"testing"
)

func TestParse(t *testing.T) {
	cases := []struct {
		in    string
		value float64
		unit  string
		bad   bool
	}{
		{in: "150万", value: 1.5e6},
		{in: "1.2亿", value: 1.2e8},
		{in: "1200亿元", value: 1.2e11, unit: "元"},
		{in: "2.5万亿元", value: 2.5e12, unit: "元"},
		{in: "3.5%", value: 3.5, unit: "%"},
		{in: "３．５％", value: 3.5, unit: "%"},
		{in: "全覆盖", value: 100, unit: "%"},
		{in: " 全部完成 ", value: 100, unit: "%"},
		{in: "1,234.5", value: 1234.5},
		{in: "1，200万人", value: 1.2e7, unit: "人"},
		{in: "-0.5", value: -0.5},
		{in: "12 万 元", value: 1.2e5, unit: "元"},
		{in: "5.2万元/人", value: 5.2e4, unit: "元/人"},
		{in: "3千瓦", value: 3, unit: "千瓦"},
		{in: "1500千万", value: 1.5e10},
		{in: "", bad: true},
		{in: "约", bad: true},
		{in: "1,23", bad: true},
		{in: "12-5", bad: true},
		{in: "3.5.1", bad: true},
		{in: "2024年3月", bad: true},
		{in: "NaN", bad: true},
	}
	for _, c := range cases {
		f, err := Parse(c.in)
		if c.bad {
			if err == nil || !errors.Is(err, ErrNotNumber) {
				t.Errorf("Parse(%q) = %+v, %v; want ErrNotNumber", c.in, f, err)
			}
			continue
		}
		if err != nil || math.Abs(f.Value()-c.value) > 1e-6*math.Max(1, math.Abs(c.value)) || f.Unit != c.unit {
			t.Errorf("Parse(%q) = %v %q, %v; want %v %q", c.in, f.Value(), f.Unit, err, c.value, c.unit)
		}
	}
}

func TestIn(t *testing.T) {
	cases := []struct {
		in, unit string
		want     float64
		bad      bool
	}{
		{in: "1200", unit: "亿元", want: 1200},  // a bare number is in the column's unit
		{in: "1200亿", unit: "亿元", want: 1200}, // 亿 in 亿元
		{in: "1200亿元", unit: "元", want: 1.2e11},
		{in: "1.2万亿", unit: "亿元", want: 12000},
		{in: "5000万元", unit: "亿元", want: 0.5},
		{in: "150万", unit: "人", want: 1.5e6},
		{in: "150万人", unit: "万人", want: 150},
		{in: "3.5%", unit: "%", want: 3.5},
		{in: "全覆盖", unit: "%", want: 100},
		{in: "3.5", unit: "%", want: 3.5},
		{in: "2个百分点", unit: "%", want: 2},
		{in: "5%", unit: "元", bad: true},
		{in: "3万", unit: "%", bad: true},
		{in: "12吨", unit: "人", bad: true},
	}
	for _, c := range cases {
		got, err := ParseIn(c.in, c.unit)
		if c.bad {
			if err == nil {
				t.Errorf("ParseIn(%q, %q) = %v; want an error", c.in, c.unit, got)
			}
			continue
		}
		if err != nil || math.Abs(got-c.want) > 1e-9*math.Max(1, math.Abs(c.want)) {
			t.Errorf("ParseIn(%q, %q) = %v, %v; want %v", c.in, c.unit, got, err, c.want)
		}
	}
}

func TestPercent(t *testing.T) {
	cases := []struct {
		in   string
		want int
		bad  bool
	}{
		{in: "60", want: 60}, {in: "60%", want: 60}, {in: "６０％", want: 60}, {in: "60.4", want: 60},
		{in: "全覆盖", want: 100}, {in: "0", want: 0},
		{in: "101", bad: true}, {in: "-1", bad: true}, {in: "3万", bad: true}, {in: "5元", bad: true}, {in: "abc", bad: true},
	}
	for _, c := range cases {
		got, err := Percent(c.in)
		if (err != nil) != c.bad || !c.bad && got != c.want {
			t.Errorf("Percent(%q) = %d, %v; want %d (bad %v)", c.in, got, err, c.want, c.bad)
		}
	}
}

func TestFormat(t *testing.T) {
	cases := []struct {
		v    float64
		unit string
		want string
	}{
		{1.2e11, "元", "1200亿元"},
		{635500000000, "元", "6355亿元"},
		{2.5e12, "元", "2.5万亿元"},
		{15000, "人", "1.5万人"},
		{1234567, "", "123.46万"},
		{9999, "个", "9999个"},
		{3.1, "%", "3.1%"},
		{3.10, "%", "3.1%"},
		{250000, "%", "250000%"}, // a share is never folded
		{1200, "亿元", "1200亿元"},
		{15000, "万元", "1.5亿元"},
		{0.5, "亿元", "5000万元"},
		{-1.2e5, "元", "-12万元"},
		{-0.001, "", "0"},
		{2, "个百分点", "2个百分点"},
		{math.NaN(), "元", "—"},
	}
	for _, c := range cases {
		if got := Format(c.v, c.unit); got != c.want {
			t.Errorf("Format(%v, %q) = %q, want %q", c.v, c.unit, got, c.want)
		}
	}
}

// TestRoundTrip: what Format prints, Parse reads back to the same value
// (within Format's rounding), so a sheet exported and imported again
// keeps its figures.
func TestRoundTrip(t *testing.T) {
	for _, c := range []struct {
		v    float64
		unit string
	}{{1.2e11, "元"}, {15000, "人"}, {3.5, "%"}, {1200, "亿元"}, {87, "个"}, {2.5e12, "元"}} {
		s := Format(c.v, c.unit)
		got, err := ParseIn(s, c.unit)
		if err != nil || math.Abs(got-c.v) > 1e-9*math.Max(1, math.Abs(c.v)) {
			t.Errorf("Format(%v, %q) = %q, read back as %v, %v", c.v, c.unit, s, got, err)
		}
	}
}

func TestScale(t *testing.T) {
	cases := []struct {
		max       float64
		unit      string
		div       float64
		shown     string
		formatted string // Format of the largest figure, which the axis must agree with
	}{
		{1.2e11, "元", 1e8, "亿元", "1200亿元"},
		{15000, "人", 1e4, "万人", "1.5万人"},
		{15000, "万元", 1e4, "亿元", "1.5亿元"},
		{1200, "亿元", 1, "亿元", "1200亿元"},
		{3.5, "%", 1, "%", "3.5%"},
		{870, "个", 1, "个", "870个"},
		{0.5, "亿元", 1e-4, "万元", "5000万元"},
	}
	for _, c := range cases {
		div, shown := Scale(c.max, c.unit)
		if math.Abs(div-c.div) > 1e-12 || shown != c.shown || Plain(c.max/div)+shown != c.formatted || Format(c.max, c.unit) != c.formatted {
			t.Errorf("Scale(%v, %q) = %v, %q (%s); want %v, %q (%s)", c.max, c.unit, div, shown, Plain(c.max/div)+shown, c.div, c.shown, c.formatted)
		}
	}
}
