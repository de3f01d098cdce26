package extract_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"planwatch/internal/extract"
	"planwatch/internal/ingest"
)

// FuzzExtract feeds arbitrary text to the extractor: it must not panic, and
// every span it reports must lie inside the text.
func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"",
		"一、总体要求\n（一）发展目标\n到2025年，研发经费投入强度达到3.5%，常住人口城镇化率达到72%以上。",
		"二、重点任务\n1.共建长三角世界级先进制造业集群。\n（牵头单位：市经信局；配合单位：市发展改革委）",
		"2020年，全市地区生产总值达到6355亿元，同比增长3.5%。",
		"关于印发《绍兴市推进长三角区域一体化发展行动计划》的通知\n绍市委办发〔2019〕12号\n2019年10月28日",
		"到2022年，A达到65%以上、B达到50%以上，新增高新技术企业1500家，突破1200亿元，控制在14%以内，实现全覆盖。",
		"积极“接沪”“融杭”，加强与沪苏浙皖合作，建设G60科创走廊和5G产业园。",
		"（1）\n①\n一、\n1.\n（一）",
		"到。年，达到%以上",
		"0到达到0 ",
		"11.121人才梯队\n——任务1：\n【任务2】\n\t一、",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		// Decoded documents are valid UTF-8; keep the input's shape otherwise.
		s = strings.ToValidUTF8(s, "\uFFFD")
		res := extract.Extract(&ingest.Document{Name: "fuzz.txt", Format: "text", Charset: "utf-8", Text: s, Original: s})
		if res == nil {
			t.Fatal("Extract returned nil")
		}
		n := utf8.RuneCountInString(s)
		check := func(what string, sp extract.Span) {
			if sp[0] < 0 || sp[0] > sp[1] || sp[1] > n {
				t.Fatalf("%s span %v outside [0, %d] or reversed", what, sp, n)
			}
		}
		var walk func([]*extract.Heading)
		walk = func(hs []*extract.Heading) {
			for _, h := range hs {
				if h == nil {
					t.Fatal("nil heading in outline")
				}
				check("heading "+h.Marker+h.Title, h.Span)
				walk(h.Children)
			}
		}
		walk(res.Outline)
		for _, x := range res.Tasks {
			check("task "+x.Title, x.Span)
		}
		for _, x := range res.Targets {
			check("target "+x.Indicator, x.Span)
		}
		for _, x := range res.Observations {
			check("observation "+x.Indicator, x.Span)
		}
		for _, x := range res.Cooperation {
			check("cooperation "+x.Partner, x.Span)
		}
		for _, x := range res.Projects {
			check("project "+x.Name, x.Span)
		}
	})
}
