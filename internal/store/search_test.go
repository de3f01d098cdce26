package store

import (
	"context"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestGrams(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"投入强度", "投入 入强 强度"},
		{"绍兴", "绍兴"},
		{"市", "市"},
		{"", ""},
		{"投入。入强", "投入 ǂ 入强"},
		{"绍兴市，杭州", "绍兴 兴市 ǂ 杭州"},
		{"5G基站", "5g 基站"},
		{"５Ｇ基站", "5g 基站"},
		{"2025年达到3.2%", "2025 年达 达到 3 ǂ 2"},
		{"GDP 增长", "gdp ǂ 增长"},
		{"Hello World", "hello ǂ world"},
		{"一网通办ǂ改革", "一网 网通 通办 ǂ 改革"},
		{"“一网通办”", "一网 网通 通办"},
	} {
		if got := Grams(tc.in); got != tc.want {
			t.Errorf("Grams(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestQueryTerms(t *testing.T) {
	terms, grams := queryTerms("  投入强度　ＧＤＰ ， ")
	if !slices.Equal(terms, []string{"投入强度", "gdp"}) || !slices.Equal(grams, []string{"投入 入强 强度", "gdp"}) {
		t.Errorf("queryTerms = %q %q", terms, grams)
	}
}

func TestChunkText(t *testing.T) {
	text := strings.Repeat("一二三四五六七八九十\n", 5) + strings.Repeat("甲乙。", 10) + strings.Repeat("长", 25)
	chunks := chunkText(text, 12)
	if strings.Join(chunks, "") != text {
		t.Fatal("chunks do not add up to the text")
	}
	for i, c := range chunks {
		if n := utf8.RuneCountInString(c); n > 12 {
			t.Errorf("chunk %d has %d runes", i, n)
		}
		if i < 5 && !strings.HasSuffix(c, "\n") {
			t.Errorf("chunk %d = %q, want a cut at a line end", i, c)
		}
	}
	if !strings.HasSuffix(chunks[5], "。") {
		t.Errorf("chunk 5 = %q, want a cut after a sentence", chunks[5])
	}
}

func TestSnippet(t *testing.T) {
	text := strings.Repeat("前文内容", 30) + "\n绍兴市\n" + strings.Repeat("后文", 50)
	start := strings.Index(text, "绍兴")
	snip, m := snippet(text, start, start+len("绍兴"))
	if snip[m[0]:m[1]] != "绍兴" {
		t.Errorf("Match %v points at %q", m, snip[m[0]:m[1]])
	}
	if n := utf8.RuneCountInString(snip); n < 70 || n > 90 || !utf8.ValidString(snip) || strings.Contains(snip, "\n") {
		t.Errorf("snippet %q (%d runes)", snip, n)
	}
	short, m := snippet("绍兴", 0, len("绍兴"))
	if short != "绍兴" || m != [2]int{0, 6} {
		t.Errorf("whole-text snippet %q %v", short, m)
	}
}

func TestWholeWord(t *testing.T) {
	for _, tc := range []struct {
		text string
		want bool
	}{
		{"绍兴", true},
		{"在绍兴的", true},
		{"绍兴，", true},
		{"（绍兴）", true},
		{"绍兴市", false},
		{"新绍兴", false},
		{"绍兴与嘉兴", true},
	} {
		i := strings.Index(tc.text, "绍兴")
		if got := isWholeWord(tc.text, i, i+len("绍兴")); got != tc.want {
			t.Errorf("isWholeWord(%q) = %v", tc.text, got)
		}
	}
}

func hitTitles(hits []SearchHit) []string {
	var out []string
	for _, h := range hits {
		out = append(out, h.Document.Title)
	}
	return out
}

func TestSearch(t *testing.T) {
	forEachBackend(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		library(t, s)
		// Cases where no whole-word or title match decides the order: the
		// index rank does, and they are compared sorted.
		rankOrdered := map[string]bool{"indicator inside a longer one": true, "four characters": true,
			"two terms": true, "title only": true}
		for _, tc := range []struct {
			name  string
			q     SearchQuery
			want  []string // in rank order
			match string   // the text Match must point at in the first hit
		}{
			{"place inside a longer name", SearchQuery{Text: "绍兴"},
				// 嘉兴's text has 绍兴 as a whole word; 绍兴市's only inside 绍兴市.
				[]string{"嘉兴市科创协同行动计划", "绍兴市数字经济行动计划"}, "绍兴"},
			{"indicator inside a longer one", SearchQuery{Text: "投入强度"},
				[]string{"嘉兴市科创协同行动计划", "浙江省政府工作报告", "绍兴市数字经济行动计划"}, "投入强度"},
			{"four characters", SearchQuery{Text: "一网通办"},
				[]string{"上海市实施方案", "嘉兴市科创协同行动计划", "浙江省政府工作报告"}, "一网通办"},
			{"two terms", SearchQuery{Text: "一网通办 投入强度"},
				[]string{"嘉兴市科创协同行动计划", "浙江省政府工作报告"}, "一网通办"},
			{"no match across punctuation", SearchQuery{Text: "绍兴协同"}, nil, ""},
			{"region code", SearchQuery{Text: "一网通办", Region: "310000"}, []string{"上海市实施方案"}, "一网通办"},
			{"region name", SearchQuery{Text: "投入强度", Region: "浙江"}, []string{"浙江省政府工作报告"}, "投入强度"},
			{"year", SearchQuery{Text: "投入强度", Year: 2022}, []string{"绍兴市数字经济行动计划"}, "投入强度"},
			{"kind", SearchQuery{Text: "一网通办", Kind: "实施方案"}, []string{"上海市实施方案"}, "一网通办"},
			{"tag", SearchQuery{Text: "投入强度", Tag: "科创"}, []string{"嘉兴市科创协同行动计划"}, "投入强度"},
			{"title only", SearchQuery{Text: "行动计划"}, []string{"嘉兴市科创协同行动计划", "绍兴市数字经济行动计划"}, "行动计划"},
			{"number", SearchQuery{Text: "3.2%"}, []string{"绍兴市数字经济行动计划"}, "3.2"},
			{"nothing", SearchQuery{Text: "北京"}, nil, ""},
		} {
			t.Run(tc.name, func(t *testing.T) {
				hits, total, err := s.Search(ctx, tc.q)
				if err != nil {
					t.Fatal(err)
				}
				got := hitTitles(hits)
				if rankOrdered[tc.name] {
					slices.Sort(got) // no whole-word or title match decides: index rank orders them
				}
				if !slices.Equal(got, tc.want) || total != len(tc.want) {
					t.Fatalf("hits %v (total %d), want %v", got, total, tc.want)
				}
				for _, h := range hits {
					if m := h.Match; h.Snippet[m[0]:m[1]] != tc.match {
						t.Errorf("%s: snippet %q, Match %v = %q, want %q", h.Document.Title, h.Snippet, m,
							h.Snippet[m[0]:m[1]], tc.match)
					}
					if strings.Contains(h.Snippet, "\n") {
						t.Errorf("snippet has a newline: %q", h.Snippet)
					}
				}
			})
		}

		// Paging, and the tags of hits.
		hits, total, err := s.Search(ctx, SearchQuery{Text: "投入强度", Limit: 1, Offset: 1})
		if err != nil || total != 3 || len(hits) != 1 || hits[0].Document.Title != "嘉兴市科创协同行动计划" ||
			!slices.Equal(hits[0].Document.Tags, []string{"科创", "长三角"}) {
			t.Errorf("page 2: %v %+v, total %d", err, hits, total)
		}
		if hits[0].Score <= 0 {
			t.Errorf("score %v", hits[0].Score)
		}
		// No text: the filtered documents.
		hits, total, err = s.Search(ctx, SearchQuery{Tag: "长三角"})
		if err != nil || total != 2 || len(hits) != 2 {
			t.Errorf("no text: %v, %d hits, total %d", err, len(hits), total)
		}
	})
}

// TestSearchLongDocument checks a match deep in a long text, past where a
// single PostgreSQL tsvector would keep positions, and a bigram repeated
// far more than 256 times before it.
func TestSearchLongDocument(t *testing.T) {
	forEachBackend(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		var b strings.Builder
		for i := range 3000 {
			b.WriteString("推进高质量发展，")
			if i%40 == 39 {
				b.WriteString("\n")
			}
		}
		b.WriteString("最后提出发展改革的新举措。")
		save(t, s, newSnap("长文", b.String()))
		for _, q := range []string{"新举措", "发展改革", "质量发"} {
			hits, total, err := s.Search(ctx, SearchQuery{Text: q})
			if err != nil || total != 1 || len(hits) != 1 {
				t.Errorf("%s: %v, total %d", q, err, total)
				continue
			}
			if m := hits[0].Match; hits[0].Snippet[m[0]:m[1]] != q {
				t.Errorf("%s: Match %q", q, hits[0].Snippet[m[0]:m[1]])
			}
		}
	})
}
