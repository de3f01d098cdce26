package store

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestHead(t *testing.T) {
	long := strings.Repeat("一", headRunes) + "二三"
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"短文", "短文"},
		{long, strings.Repeat("一", headRunes)},
	} {
		if got := head(tc.in); got != tc.want {
			t.Errorf("head(%d runes) = %d runes", utf8.RuneCountInString(tc.in), utf8.RuneCountInString(got))
		}
	}
}

// TestSearchHeadsMigration upgrades a library made before search heads:
// migration 0004 fills them from the current texts.
func TestSearchHeadsMigration(t *testing.T) {
	forEachBackendDSN(t, func(t *testing.T, dsn string) {
		s := openTest(t, dsn)
		long := strings.Repeat("前言。", 400) + "数字经济，"
		id, _ := save(t, s, newSnap("深处", long))
		for _, stmt := range []string{`DROP TABLE search_heads`, `DROP INDEX documents_duplicate_of`,
			`DELETE FROM schema_migrations WHERE version = 4`} {
			if _, err := s.w.Exec(stmt); err != nil {
				t.Fatal(err)
			}
		}
		s.Close()
		s = openTest(t, dsn)
		var h string
		if err := s.r.QueryRow(s.q(`SELECT head FROM search_heads WHERE document_id = ?`), id).Scan(&h); err != nil {
			t.Fatal(err)
		}
		if h != head(long) {
			t.Errorf("migrated head has %d runes, want %d", utf8.RuneCountInString(h), headRunes)
		}
		hits, total, err := s.Search(context.Background(), SearchQuery{Text: "数字经济"})
		if err != nil || total != 1 || len(hits) != 1 || hits[0].Snippet[hits[0].Match[0]:hits[0].Match[1]] != "数字经济" {
			t.Errorf("after migration: %v, total %d, %+v", err, total, hits)
		}
	})
}
