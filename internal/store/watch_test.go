package store_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
)

// TestWatchesAndAlerts covers watching documents and storing the alerts
// their changes raise.
func TestWatchesAndAlerts(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		id := addDocument(t, s, "嘉兴市行动计划")
		file, _, err := s.SaveSnapshot(ctx, &store.Snapshot{
			Document: store.Document{Source: "/srv/docs/plan.txt", Title: "本地文件"},
			Version:  store.Version{Format: "text", Text: "本地", Original: "本地"}, Bytes: []byte("本地"),
		})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddWatch(ctx, file, "admin"); err == nil {
			t.Error("a file was watched")
		}
		if _, err := s.AddWatch(ctx, "zzzzzzzz", "admin"); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("unknown document: %v", err)
		}
		for range 2 { // twice: no error, one watch
			if d, err := s.AddWatch(ctx, id, "admin"); err != nil || d.ID != id {
				t.Fatalf("AddWatch: %v %v", d.ID, err)
			}
		}
		at := time.Date(2025, 7, 1, 8, 0, 0, 0, time.UTC)
		if err := s.MarkWatchChecked(ctx, id, at, errors.New("HTTP 503")); err != nil {
			t.Fatal(err)
		}
		ws, err := s.Watches(ctx)
		if err != nil || len(ws) != 1 || ws[0].Document.ID != id || ws[0].CreatedBy != "admin" ||
			!ws[0].LastCheckedAt.Equal(at) || ws[0].LastError != "HTTP 503" {
			t.Fatalf("Watches = %+v, %v", ws, err)
		}

		a := store.ChangeAlert{DocumentID: id, Title: "嘉兴市行动计划", FromSeq: 1, ToSeq: 2, AddedLines: 3, RemovedLines: 1,
			Summary: "+ 新增一条", CreatedAt: at}
		if _, err := s.AddChangeAlert(ctx, a); err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddChangeAlert(ctx, a); !errors.Is(err, store.ErrConflict) {
			t.Errorf("the same change twice: %v", err)
		}
		got, err := s.ChangeAlerts(ctx, 0)
		if err != nil || len(got) != 1 || got[0].Summary != "+ 新增一条" || got[0].ToSeq != 2 || !got[0].CreatedAt.Equal(at) {
			t.Fatalf("ChangeAlerts = %+v, %v", got, err)
		}

		if _, err := s.RemoveWatch(ctx, id); err != nil {
			t.Fatal(err)
		}
		if _, err := s.RemoveWatch(ctx, id); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("removing twice: %v", err)
		}
		if ws, _ := s.Watches(ctx); len(ws) != 0 {
			t.Errorf("still watched: %+v", ws)
		}
	})
}
