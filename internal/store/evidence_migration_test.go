package store_test

import (
	"context"
	"testing"
	"time"

	"planwatch/internal/store"
)

// TestCLIEvidenceMigration: step 160 turns the files the command line
// named in an update's evidence column ('sha256:…') into the update's
// evidence file, and leaves links and updates that have a file alone.
func TestCLIEvidenceMigration(t *testing.T) {
	for _, backend := range store.Backends() {
		t.Run(backend, func(t *testing.T) {
			ctx := context.Background()
			dsn := store.FreshDSN(t, backend)
			old, err := store.OpenAt(ctx, dsn, 159)
			if err != nil {
				t.Fatal(err)
			}
			db, q := store.DB(old)
			ms := time.Now().UnixMilli()
			planID, itemID := store.NewID(), store.NewID()
			if _, err := db.ExecContext(ctx, q(`INSERT INTO plans (id, title, document_id, version_seq, region_code, region_name,
 plan_level, start_year, end_year, report_rhythm, created_at, updated_at)
 VALUES (?, '旧计划', NULL, 0, '330400', '嘉兴市', '市', 2021, 2025, 'monthly:5', ?, ?)`), planID, ms, ms); err != nil {
				t.Fatal(err)
			}
			if _, err := db.ExecContext(ctx, q(`INSERT INTO items (id, plan_id, parent_id, kind, item_number, title, body,
 start_date, deadline, status, progress, sort_order, dropped, source_start, source_end, created_at, updated_at)
 VALUES (?, ?, NULL, 'task', '1', '任务', '', '', '', 'in_progress', 0, 0, FALSE, 0, 0, ?, ?)`), itemID, planID, ms, ms); err != nil {
				t.Fatal(err)
			}
			data := []byte("%PDF-1.4 evidence")
			sha, err := old.PutBlob(ctx, data)
			if err != nil {
				t.Fatal(err)
			}
			ids := map[string]string{"file": store.NewID(), "link": store.NewID()}
			for kind, ev := range map[string]string{"file": store.EvidenceBlobPfx + sha, "link": "https://example.org/a"} {
				if _, err := db.ExecContext(ctx, q(`INSERT INTO updates (id, item_id, unit_name, report_date, status, progress,
 note, evidence, author, source, recorded_at) VALUES (?, ?, '', '2024-06-30', 'in_progress', 10, '', ?, 'w', 'cli', ?)`),
					ids[kind], itemID, ev, ms); err != nil {
					t.Fatal(err)
				}
			}
			old.Close()
			st, err := store.Open(ctx, dsn, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			ev, err := st.UpdateEvidence(ctx, ids["file"])
			if err != nil || ev.SHA256 != sha || ev.Size != int64(len(data)) || ev.Name == "" {
				t.Errorf("evidence of the CLI's update = %+v, %v", ev, err)
			}
			up, err := st.UpdateByID(ctx, ids["file"])
			if err != nil || up.Evidence != "" {
				t.Errorf("its evidence column = %q, %v; want it emptied", up.Evidence, err)
			}
			if _, err := st.UpdateEvidence(ctx, ids["link"]); err == nil {
				t.Error("a link became a file")
			}
			if up, _ := st.UpdateByID(ctx, ids["link"]); up.Evidence != "https://example.org/a" {
				t.Errorf("the link = %q", up.Evidence)
			}
		})
	}
}
