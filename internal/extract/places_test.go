package extract

import (
	"strings"
	"testing"
)

func TestFindPlaces(t *testing.T) {
	got := findPlaces("湖州市与上海市合作。湖州加快发展，上海支持，湖州受益。")
	want := []Place{{"湖州市", "330500", 3}, {"上海市", "310000", 2}}
	if len(got) != len(want) {
		t.Fatalf("findPlaces = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("findPlaces[%d] = %v, want %v", i, got[i], want[i])
		}
	}
	if p := findPlaces("没有地名的句子"); len(p) != 0 {
		t.Errorf("findPlaces(no place) = %v", p)
	}
}

func partners(cs []Cooperation) string {
	var s []string
	for _, c := range cs {
		s = append(s, c.Partner)
	}
	return strings.Join(s, " ")
}

func TestFindCooperation(t *testing.T) {
	kecheng := &Region{Name: "柯城区", Code: "330802"}
	shaoxing := &Region{Name: "绍兴市", Code: "330600"}
	quzhou := &Region{Name: "衢州市", Code: "330800"}
	huzhou := &Region{Name: "湖州市", Code: "330500"}
	tests := []struct {
		name string
		text string
		home *Region
		want string
	}{
		{"quoted verb pairs and a province run", "我区将主动“接沪”“融杭”“联甬”“连苏”,并向浙闽赣皖“四省边际”拓展腹地。", kecheng,
			"上海市 杭州市 宁波市 江苏省 福建省 江西省 安徽省"},
		{"chain of verb pairs", "坚持融杭联甬接沪,建设枢纽城市。", shaoxing, "杭州市 宁波市 上海市"},
		{"chain and a cooperation list", "深入推进融杭联甬接沪。联合黄山、上饶、南平共建生态走廊。", quzhou,
			"杭州市 宁波市 上海市 黄山市 上饶市 南平市"},
		{"run before a cue", "推动杭绍甬一体化,实现杭衢同城。", shaoxing, "杭州市 宁波市 衢州市"},
		{"province qualifier and counties", "与江苏宜兴、溧阳和安徽广德建立协作机制,对接上海。", huzhou,
			"无锡市 常州市 宣城市 上海市"},
		{"home and its parent excluded", "加强与浙江省内城市和绍兴的协作。", shaoxing, ""},
		{"ordinary words are not partners", "推进产城融合,实现联合办公,加快连通道路。", shaoxing, ""},
		{"project names are not partners", "建成杭绍台铁路、金甬铁路。", shaoxing, ""},
		{"no cooperation word", "上海市和杭州市的人口增长较快。", shaoxing, ""},
		{"台 in a Zhejiang plan", "加快甬台温一体化发展。", huzhou, "宁波市 台州市 温州市"},
		{"宁 among cities", "推进宁杭合作。", huzhou, "南京市 杭州市"},
	}
	for _, tt := range tests {
		got := findCooperation(tt.text, tt.home)
		if p := partners(got); p != tt.want {
			t.Errorf("%s: partners = %q, want %q", tt.name, p, tt.want)
		}
		rs := []rune(tt.text)
		for _, c := range got {
			if c.Span[0] < 0 || c.Span[1] > len(rs) || c.Span[0] >= c.Span[1] {
				t.Errorf("%s: bad span %v", tt.name, c.Span)
				continue
			}
			if q := string(rs[c.Span[0]:c.Span[1]]); strings.TrimSpace(q) != c.Quote {
				t.Errorf("%s: quote %q does not match span text %q", tt.name, c.Quote, q)
			}
		}
	}
	// Deduplicated, first clause kept.
	got := findCooperation("对接上海科创资源。深化与上海的合作。", shaoxing)
	if len(got) != 1 || got[0].Quote != "对接上海科创资源" || got[0].Span != (Span{0, 8}) {
		t.Errorf("dedupe: %+v", got)
	}
}

func TestFindProjects(t *testing.T) {
	text := "加快建设甬舟城际铁路、沪乍杭铁路和绍衢高速,推进嘉兴机场建设。依托海宁港区,打造湖州南太湖新区、" +
		"安吉绿色产业园、长三角数字技术实验室和G60科创走廊,实施水乡古镇保护工程。搭建合作平台,提升重大工程,保持高速发展。"
	want := map[string]string{
		"甬舟城际铁路": "铁路", "沪乍杭铁路": "铁路", "绍衢高速": "高速", "嘉兴机场": "机场", "海宁港区": "港口",
		"湖州南太湖新区": "园区", "安吉绿色产业园": "园区", "长三角数字技术实验室": "平台", "G60科创走廊": "走廊",
		"水乡古镇保护工程": "工程",
	}
	got := findProjects(text)
	rs := []rune(text)
	seen := map[string]bool{}
	for _, p := range got {
		seen[p.Name] = true
		if k, ok := want[p.Name]; !ok {
			t.Errorf("unexpected project %q (%s)", p.Name, p.Kind)
		} else if k != p.Kind {
			t.Errorf("%s: kind %s, want %s", p.Name, p.Kind, k)
		}
		if string(rs[p.Span[0]:p.Span[1]]) != p.Name {
			t.Errorf("%s: span %v is %q", p.Name, p.Span, string(rs[p.Span[0]:p.Span[1]]))
		}
	}
	for n := range want {
		if !seen[n] {
			t.Errorf("missing project %q; got %v", n, got)
		}
	}
	if again := findProjects("建成沪乍杭铁路。沪乍杭铁路通车。"); len(again) != 1 {
		t.Errorf("dedupe: %v", again)
	}
}

func TestDocRegion(t *testing.T) {
	long := strings.Repeat("衢州加快发展。", 30) + strings.Repeat("对接上海。", 3)
	tests := []struct {
		name, title, text, want string
	}{
		{"city in the title", "绍兴市推进长三角一体化行动计划", "全市上下要对接上海,融入杭州。", "330600"},
		{"county in the title", "柯城区全面融入长三角一体化发展行动计划", "衢州市柯城区……", "330802"},
		{"county short in title, prefecture in text", "柯城谋划开篇", "衢州市柯城区召开会议。", "330802"},
		{"province then city in the title", "浙江省湖州市产业合作方案", "", "330500"},
		{"issuer", "关于印发行动计划的通知", "中共绍兴市委办公室 绍兴市人民政府办公室\n各区、县(市)……上海、杭州、宁波、上海。", "330600"},
		{"issuer 人民政府", "", "湖州市人民政府关于加快发展的意见\n加强与上海、上海、上海的合作。", "330500"},
		{"most mentioned", "", long, "330800"},
		{"none", "工作要点", "加快发展。", ""},
	}
	// A province that names itself by the short name of its document
	// number; a city's number is no province.
	for _, tt := range []struct{ title, number, text, want string }{
		{"省人民政府关于进一步优化营商环境的若干意见", "鄂政发〔2030〕26号", "为加快把湖北打造成为内陆开放新高地，结合我省实际，提出如下意见。", "420000"},
		{"市人民政府关于优化营商环境的意见", "苏府〔2030〕5号", "结合我市实际，提出如下意见。", ""},
	} {
		got := ""
		if r := docRegion(tt.title, tt.text, findPlaces(tt.title+"\n"+tt.text), meta{docNumber: tt.number}); r != nil {
			got = r.Code
		}
		if got != tt.want {
			t.Errorf("%s %s: region %s, want %s", tt.title, tt.number, got, tt.want)
		}
	}
	for _, tt := range tests {
		r := docRegion(tt.title, tt.text, findPlaces(tt.title+"\n"+tt.text), meta{})
		got := ""
		if r != nil {
			got = r.Code
		}
		if got != tt.want {
			t.Errorf("%s: docRegion = %v, want %s", tt.name, r, tt.want)
		}
	}
	// A province-wide plan stays with the province.
	prov := strings.Repeat("浙江省", 10) + "杭州、宁波、温州、湖州"
	if r := docRegion("", prov, findPlaces(prov), meta{}); r == nil || r.Code != "330000" {
		t.Errorf("province plan: %v", r)
	}
}

func BenchmarkPlaces(b *testing.B) {
	text := strings.Repeat("绍兴市加快融杭联甬接沪，推进杭绍城际铁路建设，衢州市柯城区全面融入长三角一体化发展，联合黄山、上饶、南平共建合作平台。", 2000)
	b.SetBytes(int64(len(text)))
	for i := 0; i < b.N; i++ {
		places := findPlaces(text)
		home := docRegion("", text, places, meta{})
		findCooperation(text, home)
		findProjects(text)
	}
}

func TestProjectInvestment(t *testing.T) {
	text := "推进总投资30亿元的滨江商贸综合体项目建设。投资599万元的污水处理厂一期改造工程完工。" +
		"建设临港智能制造产业园（总投资120亿元）。推进沿江高速铁路建设，总投资800亿元。" +
		"推介重点项目总投资约2350亿元。实施一批重点项目。建设东湖湿地公园。"
	want := map[string]float64{
		"滨江商贸综合体项目": 300000, "污水处理厂一期改造工程": 599, "临港智能制造产业园": 1200000,
		"沿江高速铁路": 8000000, "东湖湿地公园": 0,
	}
	got := map[string]float64{}
	for _, p := range findProjects(text) {
		got[p.Name] = 0
		if p.Investment != nil {
			got[p.Name] = *p.Investment
		}
	}
	for n, v := range want {
		if g, ok := got[n]; !ok || g != v {
			t.Errorf("%s: investment %v (found %v), want %v", n, g, ok, v)
		}
	}
	for n := range got {
		if _, ok := want[n]; !ok {
			t.Errorf("unexpected project %q", n)
		}
	}
}
