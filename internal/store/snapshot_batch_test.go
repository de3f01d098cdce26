package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
)

// A snapshot failing half-way through a batch (its blob already written)
// is undone alone: the documents before and after it are stored, with
// their search entries, and nothing of the failed one is.
func TestSnapshotBatchKeepsGoodOnes(t *testing.T) {
	forEachBackend(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		b, err := s.BeginSnapshots(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer b.Rollback()
		first, _, err := b.Save(ctx, newSnap("研发经费投入计划", "全社会研发经费投入强度达到百分之三。"))
		if err != nil {
			t.Fatalf("first save: %v", err)
		}
		// The batch sees its own documents before they are committed.
		if d, err := b.DocumentBySource(ctx, "https://example.gov.cn/研发经费投入计划"); err != nil || d.ID != first {
			t.Errorf("DocumentBySource in batch = %q, %v; want %s", d.ID, err, first)
		}
		bad := newSnap("失败的文件", "这份文件属于一个不存在的文档。")
		bad.DocumentID = "nosuchdocument0000000000" // fails after its blob is inserted
		if _, _, err := b.Save(ctx, bad); !errors.Is(err, ErrNotFound) {
			t.Fatalf("bad save: err = %v, want ErrNotFound", err)
		}
		if b.Err() != nil {
			t.Fatalf("a failed snapshot broke the batch: %v", b.Err())
		}
		second, _, err := b.Save(ctx, newSnap("城市更新意见", "推进老旧小区改造，加装电梯。"))
		if err != nil {
			t.Fatalf("save after the bad one: %v", err)
		}
		if b.Saved() != 2 {
			t.Errorf("Saved() = %d, want 2", b.Saved())
		}
		// Nothing is visible outside the batch before Commit.
		if n, err := s.CountDocuments(ctx); err != nil || n != 0 {
			t.Errorf("before commit: %d documents, %v; want 0", n, err)
		}
		if err := b.Commit(); err != nil {
			t.Fatalf("commit: %v", err)
		}
		for _, id := range []string{first, second} {
			if _, err := s.Document(ctx, id); err != nil {
				t.Errorf("document %s after commit: %v", id, err)
			}
		}
		if n := count(t, s, "documents"); n != 2 {
			t.Errorf("%d documents, want 2", n)
		}
		if n := count(t, s, "blobs"); n != 2 {
			t.Errorf("%d blobs, want 2 (the failed snapshot's undone)", n)
		}
		hits, total, err := s.Search(ctx, SearchQuery{Text: "加装电梯"})
		if err != nil || total != 1 || len(hits) != 1 || hits[0].Document.ID != second {
			t.Errorf("search after commit = %d hits (%d), %v; want the second document", len(hits), total, err)
		}
	})
}

// A batch rolled back stores nothing.
func TestSnapshotBatchRollback(t *testing.T) {
	forEachBackend(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		b, err := s.BeginSnapshots(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := b.Save(ctx, newSnap("标题", "正文")); err != nil {
			t.Fatal(err)
		}
		if err := b.Rollback(); err != nil {
			t.Fatal(err)
		}
		if err := b.Rollback(); err != nil {
			t.Errorf("second Rollback: %v", err)
		}
		if n := count(t, s, "documents"); n != 0 {
			t.Errorf("%d documents after rollback, want 0", n)
		}
	})
}

// A snapshot packed ahead (as the library's workers do) reads back as
// one packed when saved: original, extraction and bytes.
func TestSnapshotPackedAhead(t *testing.T) {
	forEachBackend(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		for _, ahead := range []bool{false, true} {
			snap := newSnap(fmt.Sprintf("發展規劃%v", ahead), strings.Repeat("到2025年，研发经费投入强度达到3.2%。\n", 40))
			snap.Version.Original = strings.ReplaceAll(snap.Version.Text, "发", "發")
			snap.Bytes = []byte(snap.Version.Original)
			if ahead {
				snap.Pack()
			}
			id, _ := save(t, s, snap)
			v, err := s.Version(ctx, id, 0)
			if err != nil {
				t.Fatal(err)
			}
			if v.Original != snap.Version.Original || string(v.Extraction) != string(snap.Version.Extraction) {
				t.Errorf("packed ahead %v: read back original %.20q…, extraction %s", ahead, v.Original, v.Extraction)
			}
			if b, err := s.Blob(ctx, v.SHA256); err != nil || string(b) != string(snap.Bytes) {
				t.Errorf("packed ahead %v: blob differs (%v)", ahead, err)
			}
		}
	})
}
