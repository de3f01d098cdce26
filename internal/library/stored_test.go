package library

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
)

// TestStoredHook: the Stored hook hears of new documents and new
// versions, never of bytes the library had already (unchanged, a
// duplicate from elsewhere) nor of a failure.
func TestStoredHook(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		var heard []Status
		lib := New(st, Options{Stored: func(_ context.Context, r Result) { heard = append(heard, r.Status) }})
		dir := t.TempDir()
		a := filepath.Join(dir, "a.txt")
		write := func(path, text string) {
			if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		write(a, "关于印发某市行动计划的通知\n\n一、总体要求\n到2025年，全市地区生产总值达到1000亿元。")
		steps := []struct {
			input string
			want  Status
			heard int
		}{
			{a, Added, 1},
			{a, Unchanged, 1},
			{filepath.Join(dir, "missing.txt"), Failed, 1},
		}
		for _, s := range steps {
			if r := lib.Add(ctx, s.input, nil); r.Status != s.want || len(heard) != s.heard {
				t.Fatalf("add %s: %s (%v), heard %v; want %s and %d", s.input, r.Status, r.Err, heard, s.want, s.heard)
			}
		}
		b := filepath.Join(dir, "b.txt")
		data, _ := os.ReadFile(a)
		write(b, string(data))
		if r := lib.Add(ctx, b, nil); r.Status != Duplicate || len(heard) != 1 {
			t.Fatalf("a copy: %s, heard %v", r.Status, heard)
		}
		write(a, "关于印发某市行动计划的通知\n\n一、总体要求\n到2026年，全市地区生产总值达到1200亿元。")
		if r := lib.Add(ctx, a, nil); r.Status != NewVersion || len(heard) != 2 || heard[1] != NewVersion {
			t.Fatalf("changed: %s, heard %v", r.Status, heard)
		}
	})
}
