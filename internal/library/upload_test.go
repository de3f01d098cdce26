package library_test

import (
	"context"
	"strings"
	"testing"

	"planwatch/internal/library"
	"planwatch/internal/store/storetest"
)

// TestAddUpload stores uploaded bytes as a document of their own and
// leaves it alone on refresh.
func TestAddUpload(t *testing.T) {
	st := storetest.Fresh(t, "sqlite")
	lib := library.New(st, library.Options{})
	ctx := context.Background()
	text := []byte("某市数字经济行动计划（2024—2026年）\n\n一、主要目标\n到2026年，数字经济核心产业增加值达到1000亿元。\n")
	r := lib.AddUpload(ctx, "../../计划.txt", text, []string{"上传"})
	if r.Err != nil || r.Status != library.Added || r.Input != "计划.txt" {
		t.Fatalf("add: %+v", r)
	}
	d, err := st.Document(ctx, r.DocumentID)
	if err != nil || !strings.HasPrefix(d.Source, library.UploadPrefix) || !strings.HasSuffix(d.Source, "/计划.txt") {
		t.Fatalf("document %+v, %v", d, err)
	}
	if again := lib.AddUpload(ctx, "计划.txt", text, nil); again.Status != library.Unchanged || again.DocumentID != r.DocumentID {
		t.Errorf("the same upload again: %+v", again)
	}
	if other := lib.AddUpload(ctx, "计划.txt", append(text, "二、重点任务\n"...), nil); other.DocumentID == r.DocumentID && other.Status == library.NewVersion {
		t.Errorf("another file of the same name became a version of the first: %+v", other)
	}
	if ref := lib.Refresh(ctx, r.DocumentID); ref.Status != library.Unchanged || ref.Err != nil {
		t.Errorf("refresh: %+v", ref)
	}
}
