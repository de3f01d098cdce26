package extract

import "testing"

func TestScanNumber(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"3.5%", 3.5, true},
		{"160万人", 1.6e6, true},
		{"1.8亿人次", 1.8e8, true},
		{"1200 亿元", 1.2e11, true},
		{"326.4亿元", 32640000000, true},
		{"2万亿元", 2e12, true},
		{"1,200家", 1200, true},
		{"十二条", 12, true},
		{"两个", 2, true},
		{"二百五十个", 250, true},
		{"一万五千人", 15000, true},
		{"半小时", 0.5, true},
		{"40千米", 40, true},    // a kilometre is no thousand metres
		{"19·5％", 19.5, true}, // an older text's decimal point
		{"3千人", 3000, true},
		{"120千瓦", 120, true},
		{"万人", 0, false},
		{"abc", 0, false},
	}
	for _, tt := range tests {
		tok, ok := scanNumber([]rune(tt.in), 0)
		if ok != tt.ok {
			t.Errorf("scanNumber(%q) ok = %v, want %v", tt.in, ok, tt.ok)
			continue
		}
		if ok && tok.value != tt.want {
			t.Errorf("scanNumber(%q) = %v, want %v", tt.in, tok.value, tt.want)
		}
	}
}

func TestMatchUnit(t *testing.T) {
	tests := []struct{ in, want string }{
		{"人次以上", "人次"},
		{"人以上", "人"},
		{"微克/立方米以下", "微克/立方米"},
		{"Tbps以上", "Tbps"},
		{"吨标准煤", "吨标准煤"},
		{"个百分点", "个百分点"},
		{"GDP", ""},
		{"年", ""},
		{"块电子站牌", "块"},
		{"PFlops以上", "PFlops"},
		{"周以内", "周"},
		{"周年", ""},
		{"片区", ""},
	}
	for _, tt := range tests {
		if got, _ := matchUnit([]rune(tt.in), 0); got != tt.want {
			t.Errorf("matchUnit(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestHanZeros(t *testing.T) {
	tests := []struct{ in, want string }{
		{"到二○二六年", "到二〇二六年"},
		{"一九八O年", "一九八〇年"},
		{"二Ｏ二五年", "二〇二五年"},
		{"二○○六年", "二〇〇六年"},
		{"○推进改造", "○推进改造"},
		{"NO2浓度", "NO2浓度"},
	}
	for _, tt := range tests {
		r := []rune(tt.in)
		hanZeros(r)
		if got := string(r); got != tt.want {
			t.Errorf("hanZeros(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
