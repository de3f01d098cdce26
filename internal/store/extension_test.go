package store_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"
	"time"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
)

func TestExtendItem(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		f := jiaxing(t, s)
		actor := store.AuditEntry{ActorLogin: "cli:ops", RequestID: "r1"}
		t1 := f.id("t1") // deadline 2025-12-31
		before, _ := s.Plan(ctx, f.plan.ID)
		cases := []struct {
			name string
			e    store.Extension
			want error
		}{
			{"no reason", store.Extension{ItemID: t1, NewDeadline: "2026-06-30", ApprovedBy: "市政府办公室"}, store.ErrInvalid},
			{"no approver", store.Extension{ItemID: t1, NewDeadline: "2026-06-30", Reason: "用地审批延后"}, store.ErrInvalid},
			{"not a date", store.Extension{ItemID: t1, NewDeadline: "明年", Reason: "r", ApprovedBy: "a"}, store.ErrInvalid},
			{"earlier", store.Extension{ItemID: t1, NewDeadline: "2025-06-30", Reason: "r", ApprovedBy: "a"}, store.ErrConflict},
			{"missing item", store.Extension{ItemID: "zzzzzzzzzzzzzzzz", NewDeadline: "2026-06-30", Reason: "r", ApprovedBy: "a"}, store.ErrNotFound},
			{"approved", store.Extension{ItemID: t1, NewDeadline: "2026-06-30", Reason: "用地审批延后", ApprovedBy: "市政府办公室",
				ApprovedOn: "2025-11-20"}, nil},
		}
		for _, c := range cases {
			got, err := s.ExtendItem(ctx, c.e, actor)
			if c.want != nil {
				if !errors.Is(err, c.want) {
					t.Errorf("%s: %v, want %v", c.name, err, c.want)
				}
				continue
			}
			if err != nil || got.ItemID != t1 || got.OldDeadline != "2025-12-31" || got.RecordedBy != "cli:ops" || got.ID == "" {
				t.Errorf("%s: %+v, %v", c.name, got, err)
			}
		}
		it, err := s.Item(ctx, t1)
		if err != nil || it.Deadline != "2026-06-30" || len(it.Extensions) != 1 || it.Extensions[0].ApprovedBy != "市政府办公室" ||
			it.Extensions[0].RecordedAt.IsZero() {
			t.Fatalf("item after the extension: %+v, %v", it, err)
		}
		items, _ := s.Items(ctx, f.plan.ID, store.ItemFilter{})
		if i := slices.IndexFunc(items, func(x store.Item) bool { return x.ID == t1 }); i < 0 || len(items[i].Extensions) != 1 {
			t.Errorf("Items lacks the extension")
		}
		e := lastEdit(t, s, f.plan.ID)
		if e.Action != store.EditDeadline || e.Before != "2025-12-31" || e.After != "2026-06-30" || e.Reason != "用地审批延后（批准：市政府办公室）" {
			t.Errorf("edit = %+v", e)
		}
		if after, _ := s.Plan(ctx, f.plan.ID); !after.UpdatedAt.After(before.UpdatedAt) {
			t.Error("plan not touched")
		}
		es, err := s.Audit(ctx, store.AuditFilter{Action: store.AuditTaskExtend})
		if err != nil || len(es) != 1 || es[0].EntityID != t1 || es[0].EntityType != "item" || es[0].RequestID != "r1" {
			t.Errorf("audit = %+v, %v", es, err)
		}
	})
}

// TestStatusWordsMigration: step 102 recodes the statuses of the old
// vocabulary in items and updates, and leaves the others.
func TestStatusWordsMigration(t *testing.T) {
	for _, backend := range store.Backends() {
		t.Run(backend, func(t *testing.T) {
			ctx := context.Background()
			dsn := store.FreshDSN(t, backend)
			// The rows are written with plain SQL as release 101 wrote them
			// (this code's SavePlanTree and AddUpdates know columns added
			// since), at the current schema; then step 102 is made to run
			// again.
			old, err := store.Open(ctx, dsn, nil)
			if err != nil {
				t.Fatal(err)
			}
			db, q := store.DB(old)
			p := store.Plan{ID: store.NewID(), Title: "旧计划"}
			ms := time.Now().UnixMilli()
			if _, err := db.ExecContext(ctx, q(`INSERT INTO plans (id, title, document_id, version_seq, region_code, region_name,
 plan_level, start_year, end_year, report_rhythm, created_at, updated_at)
 VALUES (?, ?, NULL, 0, '330400', '嘉兴市', '市', 2021, 2025, 'monthly:5', ?, ?)`), p.ID, p.Title, ms, ms); err != nil {
				t.Fatal(err)
			}
			var items []store.Item
			codes := []string{"not_started", "on_schedule", "ahead", "behind", "done", "delayed"}
			for i := range codes {
				it := store.Item{ID: store.NewID(), Kind: store.KindTask, Number: fmt.Sprint(i + 1), Title: fmt.Sprint("任务", i)}
				if _, err := db.ExecContext(ctx, q(`INSERT INTO items (id, plan_id, parent_id, kind, item_number, title, body,
 start_date, deadline, status, progress, sort_order, dropped, source_start, source_end, created_at, updated_at)
 VALUES (?, ?, NULL, 'task', ?, ?, '', '', '', 'not_started', 0, ?, FALSE, 0, 0, ?, ?)`), it.ID, p.ID, it.Number, it.Title, i, ms, ms); err != nil {
					t.Fatal(err)
				}
				items = append(items, it)
			}
			for i, c := range codes {
				if _, err := db.ExecContext(ctx, q(`INSERT INTO updates (id, item_id, unit_name, report_date, status, progress,
 note, evidence, author, source, recorded_at) VALUES (?, ?, '', '2024-06-30', ?, ?, '', '', '', 'test', ?)`),
					store.NewID(), items[i].ID, c, 10*i, time.Now().UnixMilli()); err != nil {
					t.Fatal(err)
				}
				if _, err := db.ExecContext(ctx, q(`UPDATE items SET status = ?, progress = ? WHERE id = ?`), c, 10*i, items[i].ID); err != nil {
					t.Fatal(err)
				}
			}
			for _, stmt := range []string{`UPDATE items SET status = (SELECT u.status FROM updates u WHERE u.item_id = items.id)`,
				`DELETE FROM schema_migrations WHERE version = 102`} {
				if _, err := db.ExecContext(ctx, q(stmt)); err != nil {
					t.Fatal(err)
				}
			}
			old.Close()
			st, err := store.Open(ctx, dsn, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			want := []string{"not_started", "in_progress", "in_progress", "in_progress", "done", "in_progress"}
			got, _ := st.Items(ctx, p.ID, store.ItemFilter{})
			stored, _ := st.PlanUpdates(ctx, p.ID, time.Time{})
			for i, it := range got {
				if it.Status != want[i] || it.Progress != 10*i {
					t.Errorf("item %s: %s %d%%, want %s", it.Number, it.Status, it.Progress, want[i])
				}
			}
			for _, u := range stored {
				i := slices.IndexFunc(got, func(it store.Item) bool { return it.ID == u.ItemID })
				if u.Status != want[i] {
					t.Errorf("update of item %d: %s, want %s", i, u.Status, want[i])
				}
			}
		})
	}
}
