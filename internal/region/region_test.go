package region

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestByCode(t *testing.T) {
	tests := []struct {
		code, name, parent string
		level              int
	}{
		{"310000", "上海市", "", 1},
		{"330500", "湖州市", "330000", 2},
		{"330600", "绍兴市", "330000", 2},
		{"330800", "衢州市", "330000", 2},
		{"330802", "柯城区", "330800", 3},
		{"310115", "浦东新区", "310000", 3}, // municipality district: parent is the municipality
		{"500229", "城口县", "500000", 3},  // 重庆 县 placeholder skipped
		{"429004", "仙桃市", "420000", 3},  // 省直辖县级行政区划 skipped
		{"659001", "石河子市", "650000", 3}, // 自治区直辖
		{"810000", "香港特别行政区", "", 1},
	}
	for _, tt := range tests {
		d, ok := ByCode(tt.code)
		if !ok || d.Name != tt.name || d.Parent != tt.parent || d.Level != tt.level {
			t.Errorf("ByCode(%s) = %+v, %v; want %s parent %q level %d", tt.code, d, ok, tt.name, tt.parent, tt.level)
		}
	}
	for _, code := range []string{"110100", "310100", "419000", "130171", "000000"} {
		if d, ok := ByCode(code); ok {
			t.Errorf("ByCode(%s) = %+v, want absent (placeholder or statistical zone)", code, d)
		}
	}
}

func TestCounts(t *testing.T) {
	n := map[int]int{}
	for _, d := range All() {
		n[d.Level]++
		if len(d.Code) != 6 {
			t.Errorf("bad code %q", d.Code)
		}
		if d.Level > 1 {
			p, ok := ParentOf(d)
			if !ok || p.Level >= d.Level {
				t.Errorf("%s %s: bad parent %q", d.Code, d.Name, d.Parent)
			}
		}
	}
	if n[1] != 34 {
		t.Errorf("provinces = %d, want 34", n[1])
	}
	if n[2] < 330 || n[2] > 336 {
		t.Errorf("prefectures = %d, want about 333", n[2])
	}
	if n[3] < 2800 || n[3] > 2900 {
		t.Errorf("counties = %d, want about 2850", n[3])
	}
}

func TestShort(t *testing.T) {
	tests := map[string]string{
		"绍兴市": "绍兴", "内蒙古自治区": "内蒙古", "柯城区": "柯城", "广西壮族自治区": "广西",
		"新疆维吾尔自治区": "新疆", "香港特别行政区": "香港", "浙江省": "浙江", "浦东新区": "浦东",
		"清新区": "清新", "湘西土家族苗族自治州": "湘西", "伊犁哈萨克自治州": "伊犁", "阿克苏地区": "阿克苏",
		"神农架林区": "神农架", "锡林郭勒盟": "锡林郭勒", "沙县": "沙县", "城区": "城区",
		"积石山保安族东乡族撒拉族自治县": "积石山", "大理白族自治州": "大理", "六枝特区": "六枝",
	}
	for name, want := range tests {
		if got := (Division{Name: name}).Short(); got != want {
			t.Errorf("Short(%s) = %s, want %s", name, got, want)
		}
	}
}

func codes(ds []Division) string {
	var s []string
	for _, d := range ds {
		s = append(s, d.Code)
	}
	return strings.Join(s, ",")
}

func TestByName(t *testing.T) {
	tests := []struct{ name, want string }{
		{"绍兴市", "330600"},
		{"绍兴", "330600"},
		{"内蒙古", "150000"},
		{"襄樊", "420600"},
		{"绍兴县", "330603"},
		{"衢县", "330803"},
		{"海南", "460000,632500,150303"},
		{"通州区", "110112,320612"},
		{"不存在", ""},
	}
	for _, tt := range tests {
		if got := codes(ByName(tt.name)); got != tt.want {
			t.Errorf("ByName(%s) = %s, want %s", tt.name, got, tt.want)
		}
	}
}

func TestHierarchy(t *testing.T) {
	d, _ := ByCode("330802")
	if p := Province(d); p.Code != "330000" {
		t.Errorf("Province(柯城区) = %v", p)
	}
	if p, ok := Prefecture(d); !ok || p.Code != "330800" {
		t.Errorf("Prefecture(柯城区) = %v %v", p, ok)
	}
	zj, _ := ByCode("330000")
	sh, _ := ByCode("310000")
	if !Within(d, zj) || Within(d, sh) || !Within(zj, zj) {
		t.Error("Within wrong")
	}
	if n := len(Children(zj)); n != 11 {
		t.Errorf("Zhejiang has %d prefectures, want 11", n)
	}
}

func TestAbbrev(t *testing.T) {
	tests := []struct {
		r    rune
		want string
	}{
		{'沪', "310000"}, {'浙', "330000"}, {'皖', "340000"}, {'蜀', "510000"},
		{'杭', "330100"}, {'甬', "330200"}, {'衢', "330800"}, {'义', "330782"},
		{'苏', "320000,320500"}, {'宁', "640000,320100"}, {'台', "710000,331000"},
		{'饶', "361100"}, {'南', "350700"}, {'黄', "341000"}, {'的', ""},
	}
	for _, tt := range tests {
		if got := codes(Abbrev(tt.r)); got != tt.want {
			t.Errorf("Abbrev(%c) = %s, want %s", tt.r, got, tt.want)
		}
	}
}

type mention struct {
	form, code string
	start, end int
}

func TestFind(t *testing.T) {
	tests := []struct {
		text string
		want []mention
	}{
		{"绍兴市与杭州、宁波共建都市圈", []mention{{"绍兴市", "330600", 0, 3}, {"杭州", "330100", 4, 6}, {"宁波", "330200", 7, 9}}},
		{"支持内蒙古和广西壮族自治区发展", []mention{{"内蒙古", "150000", 2, 5}, {"广西壮族自治区", "450000", 6, 13}}},
		// county name without suffix, resolved by its prefecture in the text
		{"衢州市柯城区和衢江区，柯城领跑", []mention{{"衢州市", "330800", 0, 3}, {"柯城区", "330802", 3, 6}, {"衢江区", "330803", 7, 10}, {"柯城", "330802", 11, 13}}},
		// ... and dropped without it
		{"柯城领跑", nil},
		// common words are not places
		{"推动新区开发，城区面貌和平安定，朝阳产业", nil},
		{"践行绿水青山就是金山银山理念", nil},
		{"加强重大理论研究，建设美丽江苏", []mention{{"江苏", "320000", 13, 15}}},
		// shared names: resolved by context
		{"南京市鼓楼区", []mention{{"南京市", "320100", 0, 3}, {"鼓楼区", "320106", 3, 6}}},
		{"福州市鼓楼区", []mention{{"福州市", "350100", 0, 3}, {"鼓楼区", "350102", 3, 6}}},
		{"鼓楼区", nil},
		{"青海省海南州", []mention{{"青海省", "630000", 0, 3}, {"海南", "632500", 3, 5}}},
		{"海南自贸港", []mention{{"海南", "460000", 0, 2}}},
		// former names
		{"原襄樊市", []mention{{"襄樊市", "420600", 1, 4}}},
		{"上海浦东", []mention{{"上海", "310000", 0, 2}, {"浦东", "310115", 2, 4}}},
		{"黄浦江两岸", nil},
		{"阿里巴巴与绍兴合作", []mention{{"绍兴", "330600", 5, 7}}},
		{"与阿里合作", nil},
		{"西藏阿里", []mention{{"西藏", "540000", 0, 2}, {"阿里", "542500", 2, 4}}},
		{"重点与萧山协同推进浦阳江生态带", nil},
	}
	for _, tt := range tests {
		var got []mention
		for _, m := range Find(tt.text) {
			got = append(got, mention{m.Form, m.Division.Code, m.Start, m.End})
		}
		if len(got) != len(tt.want) {
			t.Errorf("Find(%s) = %v, want %v", tt.text, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("Find(%s)[%d] = %v, want %v", tt.text, i, got[i], tt.want[i])
			}
		}
	}
}

func benchText(b *testing.B) string {
	files, _ := filepath.Glob("../../../shared/corpus/*.txt")
	var sb strings.Builder
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err == nil {
			sb.Write(data)
		}
	}
	if sb.Len() == 0 {
		for sb.Len() < 1<<20 {
			sb.WriteString("绍兴市加快融杭联甬接沪，推进杭绍城际铁路建设，衢州市柯城区全面融入长三角一体化发展。")
		}
	}
	return sb.String()
}

func BenchmarkFind(b *testing.B) {
	text := benchText(b)
	Find("") // build the tables outside the timer
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Find(text)
	}
}
