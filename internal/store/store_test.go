package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
)

func TestMigrationsIdempotent(t *testing.T) {
	forEachBackendDSN(t, func(t *testing.T, dsn string) {
		s := openTest(t, dsn)
		save(t, s, newSnap("标题", "正文"))
		s.Close()
		s = openTest(t, dsn) // the second Open applies nothing and keeps the data
		steps, err := migrations(s.Dialect())
		if err != nil {
			t.Fatal(err)
		}
		if got := count(t, s, "schema_migrations"); got != len(steps) {
			t.Errorf("schema_migrations has %d rows, want %d", got, len(steps))
		}
		if n, err := s.CountDocuments(context.Background()); err != nil || n != 1 {
			t.Errorf("CountDocuments = %d, %v; want 1", n, err)
		}
	})
}

func TestRefuseNewerSchema(t *testing.T) {
	forEachBackendDSN(t, func(t *testing.T, dsn string) {
		s := openTest(t, dsn)
		if _, err := s.w.Exec(s.q(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`),
			999, "0999_future.sql", 0); err != nil {
			t.Fatal(err)
		}
		s.Close()
		s2, err := Open(context.Background(), dsn, nil)
		if err == nil {
			s2.Close()
			t.Fatal("Open accepted a newer schema")
		}
		if msg := err.Error(); !errors.Is(err, ErrSchemaTooNew) || !strings.Contains(msg, "999") ||
			!strings.Contains(msg, "upgrade planwatch") || strings.Contains(msg, "\n") {
			t.Errorf("err = %q, want one line with ErrSchemaTooNew naming version 999 and the remedy", msg)
		}
	})
}

func TestMigrationFiles(t *testing.T) {
	for _, d := range []string{"sqlite", "postgres"} {
		steps, err := migrations(d)
		if err != nil {
			t.Fatal(err)
		}
		// Numbers may leave gaps (see migrate.go); they only increase.
		for i := 1; i < len(steps); i++ {
			if steps[i].version <= steps[i-1].version {
				t.Errorf("%s: step %s after %s", d, steps[i].name, steps[i-1].name)
			}
		}
		if len(steps) < 3 || steps[0].version != 1 {
			t.Errorf("%s: %d steps from %d, want at least 3 from 1", d, len(steps), steps[0].version)
		}
	}
}

func TestOpenDSNForms(t *testing.T) {
	dir := t.TempDir()
	for _, dsn := range []string{"sqlite:" + dir + "/a/x.db", "file:" + dir + "/b/x.db", dir + "/c/d/x.db"} {
		s, err := Open(context.Background(), dsn, nil)
		if err != nil {
			t.Errorf("Open(%q): %v", dsn, err)
			continue
		}
		if s.Dialect() != "sqlite" {
			t.Errorf("Open(%q).Dialect() = %q", dsn, s.Dialect())
		}
		s.Close()
	}
	if _, err := Open(context.Background(), ":memory:", nil); err == nil {
		t.Error("Open(:memory:) succeeded")
	}
}

func TestSaveSnapshot(t *testing.T) {
	forEachBackend(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		snap := newSnap("嘉兴市行动计划", "第一版正文。")
		snap.Tags = []string{"长三角", " 科创 ", "长三角"}
		snap.Version.Headers = map[string][]string{"Content-Type": {"text/html"}}
		snap.Version.Status = 200
		snap.Version.Fingerprint = 0xfedcba9876543210
		docID, v1, err := s.SaveSnapshot(ctx, snap)
		if err != nil {
			t.Fatal(err)
		}
		if len(docID) != idLen || len(v1) != idLen {
			t.Fatalf("IDs %q %q", docID, v1)
		}
		d, err := s.Document(ctx, docID)
		if err != nil {
			t.Fatal(err)
		}
		if d.Title != "嘉兴市行动计划" || d.Versions != 1 || d.CurrentSeq != 1 || d.Year != 2021 ||
			!slices.Equal(d.Tags, []string{"科创", "长三角"}) || d.Fingerprint != 0xfedcba9876543210 || d.CreatedAt.IsZero() {
			t.Errorf("document = %+v", d)
		}

		// A second version with new metadata, and a third with the same bytes as the first.
		snap2 := newSnap("嘉兴市行动计划（修订）", "第二版正文。")
		snap2.DocumentID = docID
		snap2.Document.Source = ""
		_, v2, err := s.SaveSnapshot(ctx, snap2)
		if err != nil {
			t.Fatal(err)
		}
		snap3 := newSnap("嘉兴市行动计划", "第一版正文。")
		snap3.DocumentID = docID
		save(t, s, snap3)

		d, err = s.Document(ctx, docID)
		if err != nil {
			t.Fatal(err)
		}
		if d.Versions != 3 || d.CurrentSeq != 3 || d.Source != snap.Document.Source || !d.UpdatedAt.After(d.CreatedAt.Add(-1)) {
			t.Errorf("after 3 saves: %+v", d)
		}
		if got := count(t, s, "blobs"); got != 2 {
			t.Errorf("blobs = %d, want 2 (same bytes stored once)", got)
		}
		vs, err := s.Versions(ctx, docID)
		if err != nil {
			t.Fatal(err)
		}
		if len(vs) != 3 || vs[0].ID != v1 || vs[1].ID != v2 || vs[2].Seq != 3 || vs[0].Text != "" || vs[0].Status != 200 ||
			vs[0].Headers["Content-Type"][0] != "text/html" {
			t.Errorf("versions = %+v", vs)
		}
		cur, err := s.Version(ctx, docID, 0)
		if err != nil || cur.Seq != 3 || cur.Text != "第一版正文。" || string(cur.Extraction) != `{"title":"嘉兴市行动计划"}` {
			t.Errorf("Version(0) = %+v, %v", cur, err)
		}
		second, err := s.Version(ctx, docID, 2)
		if err != nil || second.ID != v2 || second.Text != "第二版正文。" || second.FetchedAt.IsZero() {
			t.Errorf("Version(2) = %+v, %v", second, err)
		}
		bySHA, err := s.VersionBySHA(ctx, vs[0].SHA256)
		if err != nil || bySHA.ID != v1 {
			t.Errorf("VersionBySHA = %+v, %v; want %s", bySHA, err, v1)
		}
		blob, err := s.Blob(ctx, vs[1].SHA256)
		if err != nil || string(blob) != string(snap2.Bytes) {
			t.Errorf("Blob = %q, %v", blob, err)
		}
		// The search index follows the current version.
		if _, n, _ := s.Search(ctx, SearchQuery{Text: "第二版"}); n != 0 {
			t.Errorf("search finds an old version's text (%d)", n)
		}
		if _, n, _ := s.Search(ctx, SearchQuery{Text: "第一版"}); n != 1 {
			t.Errorf("search for the current text: %d hits", n)
		}
	})
}

func TestSaveSnapshotRollback(t *testing.T) {
	forEachBackend(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		_, v1 := save(t, s, newSnap("甲", "甲的正文"))
		tables := []string{"documents", "versions", "blobs", "tags", "document_tags"}
		before := map[string]int{}
		for _, tb := range tables {
			before[tb] = count(t, s, tb)
		}
		// A version ID that exists already fails on the primary key after
		// the blob, the document and the tags were written.
		bad := newSnap("乙", "乙的正文")
		bad.Version.ID = v1
		bad.Tags = []string{"新标签"}
		if _, _, err := s.SaveSnapshot(ctx, bad); err == nil {
			t.Fatal("SaveSnapshot with a duplicate version ID succeeded")
		} else if !errors.Is(err, ErrConflict) {
			t.Errorf("err = %v, want ErrConflict", err)
		}
		// A missing document fails after the blob.
		missing := newSnap("丙", "丙的正文")
		missing.DocumentID = "0000000000000000"
		if _, _, err := s.SaveSnapshot(ctx, missing); !errors.Is(err, ErrNotFound) {
			t.Errorf("SaveSnapshot to a missing document: %v, want ErrNotFound", err)
		}
		// A SHA-256 that does not match the bytes.
		wrong := newSnap("丁", "丁")
		wrong.Version.SHA256 = "00"
		if _, _, err := s.SaveSnapshot(ctx, wrong); err == nil {
			t.Error("SaveSnapshot with a wrong sha256 succeeded")
		}
		for _, tb := range tables {
			if got := count(t, s, tb); got != before[tb] {
				t.Errorf("%s: %d rows after failed saves, want %d", tb, got, before[tb])
			}
		}
		if _, n, _ := s.Search(ctx, SearchQuery{Text: "乙的"}); n != 0 {
			t.Errorf("a failed save left a search entry")
		}
	})
}

func TestConcurrentVersions(t *testing.T) {
	forEachBackend(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		docID, _ := save(t, s, newSnap("并发", "版本0"))
		const n = 12
		var wg sync.WaitGroup
		errs := make(chan error, n)
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				snap := newSnap("并发", fmt.Sprintf("版本%d", i+1))
				snap.DocumentID = docID
				if _, _, err := s.SaveSnapshot(ctx, snap); err != nil {
					errs <- err
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Error(err)
		}
		vs, err := s.Versions(ctx, docID)
		if err != nil {
			t.Fatal(err)
		}
		if len(vs) != n+1 {
			t.Fatalf("%d versions, want %d", len(vs), n+1)
		}
		for i, v := range vs {
			if v.Seq != i+1 {
				t.Errorf("version %d has seq %d", i, v.Seq)
			}
		}
		d, _ := s.Document(ctx, docID)
		if d.CurrentSeq != n+1 || d.Versions != n+1 {
			t.Errorf("document seq %d versions %d, want %d", d.CurrentSeq, d.Versions, n+1)
		}
	})
}

func TestDocumentLookups(t *testing.T) {
	forEachBackend(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		id, _ := save(t, s, newSnap("甲", "正文"))
		for _, tc := range []struct {
			name, id string
			ok       bool
		}{
			{"full", id, true},
			{"prefix of 12", id[:12], true},
			{"prefix of 6", id[:6], false}, // may be shared; checked below
			{"prefix of 5", id[:5], false},
			{"unknown", "zzzzzzzzzzzzzzzz", false},
			{"not an ID", "甲'; DROP", false},
			{"empty", "", false},
		} {
			t.Run(tc.name, func(t *testing.T) {
				d, err := s.Document(ctx, tc.id)
				if tc.name == "prefix of 6" {
					return
				}
				if tc.ok && (err != nil || d.ID != id) {
					t.Errorf("Document(%q) = %s, %v", tc.id, d.ID, err)
				}
				if !tc.ok && !errors.Is(err, ErrNotFound) {
					t.Errorf("Document(%q) err = %v, want ErrNotFound", tc.id, err)
				}
			})
		}
		// Two documents made in one run share their time prefix: a short
		// common prefix is ambiguous.
		id2, _ := save(t, s, newSnap("乙", "正文"))
		common := 0
		for common < idLen && id[common] == id2[common] {
			common++
		}
		if common >= 6 {
			if _, err := s.Document(ctx, id[:common]); !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), "ambiguous") {
				t.Errorf("ambiguous prefix: %v", err)
			}
		}
		d, err := s.DocumentBySource(ctx, "https://example.gov.cn/乙")
		if err != nil || d.ID != id2 {
			t.Errorf("DocumentBySource = %s, %v; want %s", d.ID, err, id2)
		}
		if _, err := s.DocumentBySource(ctx, "nowhere"); !errors.Is(err, ErrNotFound) {
			t.Errorf("DocumentBySource(nowhere) = %v", err)
		}
		if _, err := s.Versions(ctx, "zzzzzzzzzzzzzzzz"); !errors.Is(err, ErrNotFound) {
			t.Errorf("Versions(missing) = %v", err)
		}
		if _, err := s.Version(ctx, id, 9); !errors.Is(err, ErrNotFound) {
			t.Errorf("Version(seq 9) = %v", err)
		}
		if _, err := s.VersionBySHA(ctx, "ffff"); !errors.Is(err, ErrNotFound) {
			t.Errorf("VersionBySHA(missing) = %v", err)
		}
		if _, err := s.Blob(ctx, "ffff"); !errors.Is(err, ErrNotFound) {
			t.Errorf("Blob(missing) = %v", err)
		}
		if n, err := s.CountDocuments(ctx); err != nil || n != 2 {
			t.Errorf("CountDocuments = %d, %v", n, err)
		}
	})
}

// library saves a small library for filter and search tests and returns
// the IDs by title.
func library(t *testing.T, s *Store) map[string]string {
	t.Helper()
	ids := map[string]string{}
	for _, d := range []struct {
		title, text, kind, code, region string
		year                            int
		tags                            []string
	}{
		{"绍兴市数字经济行动计划", "推进绍兴市数字经济发展。全社会研发经费投入强度达到3.2%。", "行动计划", "330600", "绍兴市", 2022, []string{"数字经济"}},
		{"嘉兴市科创协同行动计划", "嘉兴和绍兴，协同推动一网通办。\n研发投入强度提高。", "行动计划", "330400", "嘉兴市", 2021, []string{"科创", "长三角"}},
		{"浙江省政府工作报告", "全省深化一网通办改革，研发经费投入强度2.9%。", "政府工作报告", "330000", "浙江省", 2023, []string{"长三角"}},
		{"上海市实施方案", "优化营商环境，推进“一网通办”和“一网统管”。", "实施方案", "310000", "上海市", 2021, nil},
	} {
		snap := newSnap(d.title, d.text)
		snap.Document.Kind, snap.Document.RegionCode, snap.Document.RegionName, snap.Document.Year =
			d.kind, d.code, d.region, d.year
		snap.Tags = d.tags
		id, _ := save(t, s, snap)
		ids[d.title] = id
	}
	return ids
}

func titles(docs []Document) []string {
	var out []string
	for _, d := range docs {
		out = append(out, d.Title)
	}
	slices.Sort(out)
	return out
}

func TestDocumentsFilters(t *testing.T) {
	forEachBackend(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		library(t, s)
		for _, tc := range []struct {
			name string
			f    DocumentFilter
			want []string
		}{
			{"all", DocumentFilter{}, []string{"上海市实施方案", "嘉兴市科创协同行动计划", "浙江省政府工作报告", "绍兴市数字经济行动计划"}},
			{"province code takes in cities", DocumentFilter{Region: "330000"}, []string{"嘉兴市科创协同行动计划", "浙江省政府工作报告", "绍兴市数字经济行动计划"}},
			{"city code", DocumentFilter{Region: "330600"}, []string{"绍兴市数字经济行动计划"}},
			{"name prefix", DocumentFilter{Region: "嘉兴"}, []string{"嘉兴市科创协同行动计划"}},
			{"year", DocumentFilter{Year: 2021}, []string{"上海市实施方案", "嘉兴市科创协同行动计划"}},
			{"kind", DocumentFilter{Kind: "行动计划"}, []string{"嘉兴市科创协同行动计划", "绍兴市数字经济行动计划"}},
			{"tag", DocumentFilter{Tag: "长三角"}, []string{"嘉兴市科创协同行动计划", "浙江省政府工作报告"}},
			{"combined", DocumentFilter{Tag: "长三角", Year: 2023}, []string{"浙江省政府工作报告"}},
			{"none", DocumentFilter{Region: "北京"}, nil},
			{"wildcard is literal", DocumentFilter{Region: "%"}, nil},
		} {
			t.Run(tc.name, func(t *testing.T) {
				docs, err := s.Documents(ctx, tc.f)
				if err != nil {
					t.Fatal(err)
				}
				if got := titles(docs); !slices.Equal(got, tc.want) {
					t.Errorf("got %v, want %v", got, tc.want)
				}
			})
		}
		docs, err := s.Documents(ctx, DocumentFilter{Limit: 2, Offset: 1})
		if err != nil || len(docs) != 2 || docs[0].Title != "浙江省政府工作报告" {
			t.Errorf("newest first, page 2 of 2: %v, %v", titles(docs), err)
		}
	})
}

func TestNearDuplicates(t *testing.T) {
	forEachBackend(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		const base uint64 = 0x0123456789abcdef
		ids := map[string]string{}
		for _, d := range []struct {
			name string
			fp   uint64
		}{
			{"same", base},
			{"one bit", base ^ 1<<40},
			{"three bits, three bands", base ^ (1 | 1<<17 | 1<<33)},
			{"four bits, four bands", base ^ (1 | 1<<17 | 1<<33 | 1<<49)},
			{"far", ^base},
		} {
			snap := newSnap(d.name, d.name)
			snap.Version.Fingerprint = d.fp
			ids[d.name], _ = save(t, s, snap)
		}
		for _, tc := range []struct {
			max  int
			want []string
		}{
			{0, []string{"same"}},
			{3, []string{"same", "one bit", "three bits, three bands"}},
			{4, []string{"same", "one bit", "three bits, three bands", "four bits, four bands"}},
		} {
			docs, err := s.NearDuplicates(ctx, base, tc.max, "")
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, d := range docs {
				got = append(got, d.Title)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("max %d: %v, want %v (nearest first)", tc.max, got, tc.want)
			}
		}
		docs, _ := s.NearDuplicates(ctx, base, 3, ids["same"])
		if len(docs) != 2 {
			t.Errorf("exclude: %d documents", len(docs))
		}

		if err := s.MarkDuplicate(ctx, ids["one bit"], ids["same"]); err != nil {
			t.Fatal(err)
		}
		d, _ := s.Document(ctx, ids["one bit"])
		if d.DuplicateOf != ids["same"] {
			t.Errorf("DuplicateOf = %q", d.DuplicateOf)
		}
		if err := s.MarkDuplicate(ctx, ids["one bit"], ""); err != nil {
			t.Fatal(err)
		}
		if d, _ := s.Document(ctx, ids["one bit"]); d.DuplicateOf != "" {
			t.Errorf("cleared DuplicateOf = %q", d.DuplicateOf)
		}
		if err := s.MarkDuplicate(ctx, ids["one bit"], "zzzzzzzzzzzzzzzz"); !errors.Is(err, ErrNotFound) {
			t.Errorf("MarkDuplicate(of missing) = %v", err)
		}
		if err := s.MarkDuplicate(ctx, "zzzzzzzzzzzzzzzz", ids["same"]); !errors.Is(err, ErrNotFound) {
			t.Errorf("MarkDuplicate(missing) = %v", err)
		}
	})
}

func TestNewIDOrdered(t *testing.T) {
	prev := ""
	for range 10000 {
		id := NewID()
		if len(id) != idLen || id <= prev || !validIDPrefix(id) {
			t.Fatalf("NewID %q after %q", id, prev)
		}
		prev = id
	}
}

func TestDuplicatesHidden(t *testing.T) {
	forEachBackend(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		orig, _ := save(t, s, newSnap("原件", "绍兴原文"))
		repost := newSnap("转载", "绍兴原文转载")
		repost.Document.DuplicateOf = orig
		dup, _ := save(t, s, repost)
		if d, _ := s.Document(ctx, dup); d.DuplicateOf != orig {
			t.Errorf("saved DuplicateOf = %q", d.DuplicateOf)
		}
		if docs, _ := s.Documents(ctx, DocumentFilter{}); len(docs) != 1 || docs[0].ID != orig {
			t.Errorf("Documents lists %v, want the original only", titles(docs))
		}
		if docs, _ := s.Documents(ctx, DocumentFilter{WithDuplicates: true}); len(docs) != 2 {
			t.Errorf("WithDuplicates lists %v", titles(docs))
		}
		if _, n, _ := s.Search(ctx, SearchQuery{Text: "绍兴"}); n != 1 {
			t.Errorf("search finds %d, want the original only", n)
		}
		if _, n, _ := s.Search(ctx, SearchQuery{Text: "绍兴", WithDuplicates: true}); n != 2 {
			t.Errorf("search with duplicates finds %d", n)
		}
		bad := newSnap("坏", "坏")
		bad.Document.DuplicateOf = "zzzzzzzzzzzzzzzz"
		if _, _, err := s.SaveSnapshot(ctx, bad); err == nil {
			t.Error("DuplicateOf a missing document was saved")
		}
	})
}
