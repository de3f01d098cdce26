package ingest

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		in, want string
		trad     bool
	}{
		{"到２０２５年增长６．５％", "到2025年增长6.5%", false},
		{"ＡＢＣ－ｘｙｚ＋１", "ABC-xyz+1", false},
		{"（一）总体要求：目标！？，；", "（一）总体要求：目标！？，；", false},
		{"各位代表：\u3000现在", "各位代表： 现在", false},
		{"關於推進長三角區域一體化發展", "关于推进长三角区域一体化发展", true},
		{"臺灣與香港的經濟發展", "台湾与香港的经济发展", true},
		{"简体文本里有一个發字", "简体文本里有一个发字", false},
		{"plain ascii", "plain ascii", false},
		{"1\uFE52建设省实验室体系", "1.建设省实验室体系", false},
		{"", "", false},
	}
	for _, tc := range tests {
		got, trad := Normalize(tc.in)
		if got != tc.want || trad != tc.trad {
			t.Errorf("Normalize(%q) = %q, %v; want %q, %v", tc.in, got, trad, tc.want, tc.trad)
		}
		if utf8.RuneCountInString(got) != utf8.RuneCountInString(tc.in) {
			t.Errorf("Normalize(%q) changed the rune count", tc.in)
		}
	}
}

func TestT2STableOneToOne(t *testing.T) {
	tb := loadT2S()
	n := 0
	for r, v := range tb.bmp {
		if v == 0 {
			continue
		}
		n++
		if rune(r) == v {
			t.Errorf("identity mapping for %c", v)
		}
	}
	if n < 2000 {
		t.Errorf("only %d traditional characters mapped; dictionary not loaded?", n)
	}
}

func TestRemovePinyin(t *testing.T) {
	tests := []struct{ in, want string }{
		{"浙江省發(fā)展改革委", "浙江省發展改革委"},
		{"長(zhǎng)三角(湖州)產(chǎn)業(yè)合作區(qū)", "長三角(湖州)產業合作區"},
		{"區(qū)", "區"},
		{"國家戰(zhàn)略（zhàn）", "國家戰略"},
		{"负责(ze)人", "负责人"},
		{"合作(PPP)模式", "合作(PPP)模式"},
		{"第(a)项", "第(a)项"},
		{"附件(abcdefgh)", "附件(abcdefgh)"},
		{"指标(xyz)", "指标(xyz)"},
		{"GDP(yuan)", "GDP(yuan)"},
		{"未闭合(fā", "未闭合(fā"},
		{"(2020-2025)", "(2020-2025)"},
	}
	for _, tc := range tests {
		if got := RemovePinyin(tc.in); got != tc.want {
			t.Errorf("RemovePinyin(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestParallelOnLongText(t *testing.T) {
	s := strings.Repeat("關於２０２５年發展目標，ＧＤＰ增長６．５％。\n　（一）總體要求\n", 50)
	got, trad := Normalize(s)
	if !trad {
		t.Error("not traditional")
	}
	a, b := []rune(s), []rune(got)
	if len(a) != len(b) {
		t.Fatalf("rune counts %d vs %d", len(a), len(b))
	}
	for i := range a {
		if (a[i] == '\n') != (b[i] == '\n') {
			t.Fatalf("line break moved at %d", i)
		}
	}
}
