package store

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// TestSnippetHits asks for a page of hits that matched beyond their heads
// with snippets for the first only: the first has its passage, the others
// none, and all are there, ranked as without the option.
func TestSnippetHits(t *testing.T) {
	forEachBackend(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		filler := strings.Repeat("加强组织领导，完善工作机制。", 200) // past the head
		for i := range 3 {
			save(t, s, newSnap(fmt.Sprintf("第%d号通知", i+1), filler+"推进低空经济发展。\n"))
		}
		all, err := s.SearchPage(ctx, SearchQuery{Text: "低空经济"})
		if err != nil || len(all.Hits) != 3 {
			t.Fatalf("search: %d hits, %v", len(all.Hits), err)
		}
		some, err := s.SearchPage(ctx, SearchQuery{Text: "低空经济", SnippetHits: 1})
		if err != nil || len(some.Hits) != 3 || some.Total != all.Total {
			t.Fatalf("with SnippetHits 1: %d hits of %d, %v", len(some.Hits), some.Total, err)
		}
		for i, h := range some.Hits {
			if h.Document.ID != all.Hits[i].Document.ID {
				t.Errorf("hit %d: %s, %s without the option", i, h.Document.ID, all.Hits[i].Document.ID)
			}
			has := strings.Contains(h.Snippet, "低空经济")
			if has != (i == 0) {
				t.Errorf("hit %d: snippet %q", i, h.Snippet)
			}
			if !strings.Contains(all.Hits[i].Snippet, "低空经济") {
				t.Errorf("hit %d without the option: snippet %q", i, all.Hits[i].Snippet)
			}
		}
	})
}
