package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"planwatch/internal/store"
)

// TestRestoreRefusesLiveServer runs `planwatch serve` as a process, posts
// updates through it (each acknowledged with 201), then runs `restore
// --force` against its database: the restore refuses, naming the server
// and how to stop it; the server goes on taking writes; and once it is
// stopped every acknowledged update is in the database. On SQLite and,
// given PLANWATCH_TEST_POSTGRES, on PostgreSQL.
func TestRestoreRefusesLiveServer(t *testing.T) {
	if testing.Short() {
		t.Skip("starts subprocesses")
	}
	for _, backend := range []string{"sqlite", "postgres"} {
		t.Run(backend, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "planwatch.db")
			if backend == "postgres" {
				db = freshPostgres(t)
			}
			plan := trackedPlanIn(t, db, bigPlan(10))
			token := adminToken(t, db)
			ctx := context.Background()
			st, err := store.Open(ctx, db, nil)
			if err != nil {
				t.Fatal(err)
			}
			tasks, err := st.Items(ctx, plan, store.ItemFilter{Kind: store.KindTask})
			st.Close()
			if err != nil || len(tasks) == 0 {
				t.Fatalf("tasks: %v", err)
			}
			backup := filepath.Join(t.TempDir(), "before.backup")
			if code, out, errOut := run(t, "", "backup", "--db", db, "--to", backup); code != exitOK {
				t.Fatalf("backup = %d %s%s", code, out, errOut)
			}

			srv := startServe(t, nil, "--db", db)
			var acknowledged []string
			post := func(n int) {
				t.Helper()
				body := fmt.Sprintf(`{"status":"on_schedule","progress":%d,"note":"第%d次报送"}`, n, n)
				req, _ := http.NewRequest("POST", srv.base+"/api/v1/tasks/"+tasks[n%len(tasks)].ID+"/updates", strings.NewReader(body))
				req.Header.Set("Authorization", "Bearer "+token)
				req.Header.Set("Content-Type", "application/json")
				resp, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				defer resp.Body.Close()
				var up struct{ ID string }
				if resp.StatusCode != http.StatusCreated || json.NewDecoder(resp.Body).Decode(&up) != nil {
					t.Fatalf("post update %d: %d", n, resp.StatusCode)
				}
				acknowledged = append(acknowledged, up.ID)
			}
			for n := range 5 {
				post(n)
			}
			code, out, errOut := run(t, "", "restore", "--db", db, "--from", backup, "--force")
			if code != exitFail || !strings.Contains(errOut, "planwatch has") || !strings.Contains(errOut, "stop it first") ||
				!strings.Contains(errOut, "nothing was changed") {
				t.Fatalf("restore under a live server = %d\n%s%s", code, out, errOut)
			}
			if backend == "sqlite" && !strings.Contains(errOut, "serve") {
				t.Errorf("the refusal does not name the server process: %s", errOut)
			}
			for n := 5; n < 10; n++ {
				post(n)
			}
			if d, err := srv.stop(t); err != nil || d > 2*time.Second {
				t.Errorf("serve stopped after %s: %v\n%s", d, err, srv.stderr.String())
			}
			st, err = store.Open(ctx, db, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			for _, id := range acknowledged {
				if _, err := st.UpdateByID(ctx, id); err != nil {
					t.Errorf("acknowledged update %s: %v", id, err)
				}
			}
			if len(acknowledged) != 10 {
				t.Errorf("%d updates acknowledged, want 10", len(acknowledged))
			}
		})
	}
}
