package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// withSearchLimits lowers the search's window and thresholds for one test.
func withSearchLimits(t *testing.T, window, verifyAll, batch int) {
	t.Helper()
	w, v, b := searchWindow, searchVerifyAll, rerankBatch
	searchWindow, searchVerifyAll, rerankBatch = window, verifyAll, batch
	t.Cleanup(func() { searchWindow, searchVerifyAll, rerankBatch = w, v, b })
}

// falseHitText holds every character pair of 营商环境 but never the phrase:
// PostgreSQL's index matches it, the search must not.
const falseHitText = "推进营商改革，建设商环，改善环境。"

// allPages pages through a search and returns every hit's title.
func allPages(t *testing.T, s *Store, q SearchQuery) []string {
	t.Helper()
	var got []string
	for q.Offset = 0; ; q.Offset += q.Limit {
		r, err := s.SearchPage(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Hits) == 0 {
			return got
		}
		got = append(got, hitTitles(r.Hits)...)
	}
}

func TestSearchFalseHits(t *testing.T) {
	for _, tc := range []struct {
		name      string
		window    int // searchWindow
		verifyAll int // searchVerifyAll
		trueFirst bool
		wantTotal int // exact total (both back ends when all are checked)
	}{
		{"all checked", 300, 300, false, 3},
		// Three true documents saved first, so the newest-first index order
		// puts the nine false ones ahead: every true one is still found.
		{"rare phrase behind false hits", 2, 2, true, -1},
		{"true hits first", 2, 2, false, -1},
		// One window reads every head; the false ones ranked below the
		// page are left unchecked and the total is estimated.
		{"unchecked below the page", 12, 2, false, -1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			forEachBackend(t, func(t *testing.T, s *Store) {
				withSearchLimits(t, tc.window, tc.verifyAll, 2)
				var want []string
				saveTrue := func() {
					for i := range 3 {
						title := fmt.Sprintf("真%d", i)
						save(t, s, newSnap(title, "持续优化营商环境。"))
						want = append(want, title)
					}
				}
				if tc.trueFirst {
					saveTrue()
				}
				for i := range 9 {
					save(t, s, newSnap(fmt.Sprintf("假%d", i), falseHitText))
				}
				if !tc.trueFirst {
					saveTrue()
				}
				got := allPages(t, s, SearchQuery{Text: "营商环境", Limit: 2})
				slices.Sort(got)
				if !slices.Equal(got, want) {
					t.Errorf("pages hold %v, want %v", got, want)
				}
				r, err := s.SearchPage(context.Background(), SearchQuery{Text: "营商环境", Limit: 2})
				if err != nil {
					t.Fatal(err)
				}
				for _, h := range r.Hits {
					if !strings.Contains(h.Snippet, "营商环境") {
						t.Errorf("%s: snippet %q", h.Document.Title, h.Snippet)
					}
				}
				switch {
				case !r.TotalApprox && r.Total != 3:
					t.Errorf("exact total %d, want 3", r.Total)
				case r.TotalApprox && (s.Dialect() != "postgres" || tc.wantTotal >= 0):
					t.Errorf("total %d marked approximate", r.Total)
				case r.TotalApprox && (r.Total < len(r.Hits) || r.Total > 12):
					t.Errorf("estimated total %d, want within [%d, 12]", r.Total, len(r.Hits))
				}
			})
		})
	}
}

// TestSearchRankOrder checks the order on both back ends: a whole-word
// match in the head, then a title match, then newest first.
func TestSearchRankOrder(t *testing.T) {
	forEachBackend(t, func(t *testing.T, s *Store) {
		save(t, s, newSnap("整词", "推进“数字经济”，发展平台。"))                   // oldest, whole word
		save(t, s, newSnap("旧文", "数字经济体量扩大。"))                        // neither
		save(t, s, newSnap("数字经济规划", "大力发展数字经济体系。"))                  // title
		save(t, s, newSnap("新文", "数字经济体量继续扩大。"))                      // neither, newer
		save(t, s, newSnap("无关", "推进乡村振兴。"))                          // no match
		save(t, s, newSnap("深处", strings.Repeat("前言。", 400)+"数字经济，")) // whole word, beyond the head
		for _, limit := range []int{1, 2, 10} {
			r, err := s.SearchPage(context.Background(), SearchQuery{Text: "数字经济", Limit: limit})
			if err != nil {
				t.Fatal(err)
			}
			want := []string{"整词", "数字经济规划", "深处", "新文", "旧文"}[:min(limit, 5)]
			if got := hitTitles(r.Hits); !slices.Equal(got, want) || r.Total != 5 || r.TotalApprox {
				t.Errorf("limit %d: %v (total %d, approx %v), want %v", limit, got, r.Total, r.TotalApprox, want)
			}
			for i := 1; i < len(r.Hits); i++ {
				if r.Hits[i].Score >= r.Hits[i-1].Score {
					t.Errorf("limit %d: scores not falling: %v then %v", limit, r.Hits[i-1].Score, r.Hits[i].Score)
				}
			}
			for _, h := range r.Hits {
				if m := h.Match; h.Snippet[m[0]:m[1]] != "数字经济" {
					t.Errorf("%s: Match %q in %q", h.Document.Title, h.Snippet[m[0]:m[1]], h.Snippet)
				}
			}
		}
	})
}

// TestSearchFoldedForms: a term with letters or punctuation is checked
// against the text the way SQLite's index matches it (full-width folded,
// punctuation as a break), not only as a plain string.
func TestSearchFoldedForms(t *testing.T) {
	forEachBackend(t, func(t *testing.T, s *Store) {
		save(t, s, newSnap("全角", "新建５Ｇ基站一千个。"))
		save(t, s, newSnap("半角", "新建5g基站一千个。"))
		save(t, s, newSnap("拆开", "5G网络覆盖，基站建设。"))
		for _, tc := range []struct {
			q    string
			want []string
		}{
			{"5G基站", []string{"全角", "半角"}},
			{"５ｇ基站", []string{"全角", "半角"}},
		} {
			got := allPages(t, s, SearchQuery{Text: tc.q, Limit: 5})
			slices.Sort(got)
			if !slices.Equal(got, tc.want) {
				t.Errorf("%s: %v, want %v", tc.q, got, tc.want)
			}
		}
	})
}
