package store

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"planwatch/internal/cell/celltest"
)

// appendN appends n entries and returns them.
func appendN(t *testing.T, s *Store, n int) []AuditEntry {
	t.Helper()
	var out []AuditEntry
	for i := range n {
		e, err := s.AppendAudit(context.Background(), AuditEntry{ActorID: "u1", ActorLogin: "admin", Action: "user.update",
			EntityType: "user", EntityID: "u2", Before: json.RawMessage(`{"role":"viewer"}`),
			After: json.RawMessage(`{"role":"editor","n":` + string(rune('0'+i%10)) + `}`), RequestID: "r1", IP: "10.0.0.1"})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, e)
	}
	return out
}

func TestAuditAppendAndList(t *testing.T) {
	forEachBackend(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		if h, err := s.VerifyAudit(ctx); err != nil || h.Entries != 0 {
			t.Fatalf("empty log: %+v, %v", h, err)
		}
		es := appendN(t, s, 5)
		if es[0].Seq != 1 || es[0].PrevHash != "" || es[4].PrevHash != es[3].Hash {
			t.Errorf("chain: %+v", es)
		}
		if _, err := s.AppendAudit(ctx, AuditEntry{Action: "x", After: json.RawMessage(`{bad`)}); err == nil {
			t.Error("invalid JSON accepted")
		}
		if _, err := s.AppendAudit(ctx, AuditEntry{}); err == nil {
			t.Error("entry without an action accepted")
		}
		if _, err := s.AppendAudit(ctx, AuditEntry{ActorLogin: "=cmd|' /C calc'!A0", Action: "login.failure", IP: "10.0.0.2"}); err != nil {
			t.Fatal(err)
		}
		page, err := s.Audit(ctx, AuditFilter{Limit: 2})
		if err != nil || len(page) != 2 || page[0].Seq != 6 || page[1].Seq != 5 {
			t.Fatalf("first page = %+v, %v", page, err)
		}
		page, _ = s.Audit(ctx, AuditFilter{Limit: 2, BeforeSeq: page[1].Seq})
		if len(page) != 2 || page[0].Seq != 4 || string(page[0].Before) != `{"role":"viewer"}` {
			t.Errorf("second page = %+v", page)
		}
		for _, c := range []struct {
			f    AuditFilter
			want int
		}{
			{AuditFilter{Action: "login."}, 1},
			{AuditFilter{Action: "login"}, 0},
			{AuditFilter{Action: "user.update", EntityType: "user", EntityID: "u2"}, 5},
			{AuditFilter{ActorLogin: "admin"}, 5},
			{AuditFilter{Since: time.Now().Add(time.Hour)}, 0},
			{AuditFilter{Until: time.Now().Add(time.Hour)}, 6},
		} {
			if got, err := s.Audit(ctx, c.f); err != nil || len(got) != c.want {
				t.Errorf("Audit(%+v) = %d entries, %v; want %d", c.f, len(got), err, c.want)
			}
		}
		var buf bytes.Buffer
		if err := s.ExportAudit(ctx, &buf, AuditFilter{}); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(buf.String(), "\ufeffseq,id,time,") {
			t.Errorf("export lacks BOM and header: %q", buf.String()[:40])
		}
		celltest.CSV(t, buf.Bytes()) // the rule every CSV export shares
		recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(buf.String(), "\ufeff"))).ReadAll()
		if err != nil || len(recs) != 7 || recs[1][0] != "1" || recs[6][4] != "'=cmd|' /C calc'!A0" || recs[1][9] != `{"role":"editor","n":0}` {
			t.Errorf("export = %q, %v", recs, err)
		}
		h, err := s.VerifyAudit(ctx)
		if err != nil || h.Entries != 6 || h.LastSeq != 6 {
			t.Errorf("VerifyAudit = %+v, %v", h, err)
		}
	})
}

// TestAuditTamper changes the stored log behind the store's back, the way
// someone with database access would, and expects VerifyAudit to notice.
func TestAuditTamper(t *testing.T) {
	cases := []struct {
		name string
		sql  string
	}{
		{"changed after", `UPDATE audit_log SET after_json = '{"role":"admin"}' WHERE seq = 3`},
		{"changed actor", `UPDATE audit_log SET actor_login = 'someone' WHERE seq = 2`},
		{"changed time", `UPDATE audit_log SET occurred_at = occurred_at - 1000 WHERE seq = 4`},
		{"deleted middle", `DELETE FROM audit_log WHERE seq = 3`},
		{"deleted oldest", `DELETE FROM audit_log WHERE seq <= 2`},
		{"renumbered", `UPDATE audit_log SET seq = seq + 100 WHERE seq >= 4`},
	}
	forEachBackend(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		for _, c := range cases {
			t.Run(strings.ReplaceAll(c.name, " ", "_"), func(t *testing.T) {
				if _, err := s.w.Exec(`DELETE FROM audit_log`); err != nil {
					t.Fatal(err)
				}
				appendN(t, s, 5)
				if _, err := s.VerifyAudit(ctx); err != nil {
					t.Fatalf("before tampering: %v", err)
				}
				if _, err := s.w.Exec(c.sql); err != nil {
					t.Fatal(err)
				}
				if _, err := s.VerifyAudit(ctx); !errors.Is(err, ErrAuditTampered) {
					t.Errorf("VerifyAudit after %s = %v, want ErrAuditTampered", c.name, err)
				}
			})
		}
	})
}

// TestAuditPrune keeps six months and anchors the chain on the prune note.
func TestAuditPrune(t *testing.T) {
	forEachBackend(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		old := time.Now().Add(-AuditRetention - 48*time.Hour)
		for i := range 3 {
			if _, err := s.AppendAudit(ctx, AuditEntry{At: old.Add(time.Duration(i) * time.Hour), ActorLogin: "admin", Action: "plan.create"}); err != nil {
				t.Fatal(err)
			}
		}
		appendN(t, s, 2)
		if _, err := s.PruneAudit(ctx, time.Now().Add(-AuditRetention+time.Hour)); err == nil {
			t.Error("pruned entries younger than the retention period")
		}
		n, err := s.PruneAudit(ctx, time.Now().Add(-AuditRetention))
		if err != nil || n != 3 {
			t.Fatalf("PruneAudit = %d, %v", n, err)
		}
		h, err := s.VerifyAudit(ctx)
		if err != nil || h.Entries != 3 || h.FirstSeq != 4 || h.LastSeq != 6 {
			t.Errorf("after prune: %+v, %v", h, err)
		}
		// Removing more by hand is still caught.
		if _, err := s.w.Exec(`DELETE FROM audit_log WHERE seq = 4`); err != nil {
			t.Fatal(err)
		}
		if _, err := s.VerifyAudit(ctx); !errors.Is(err, ErrAuditTampered) {
			t.Errorf("hand deletion after prune: %v", err)
		}
	})
}

// TestAuditConcurrent appends from many goroutines: the chain stays a line.
func TestAuditConcurrent(t *testing.T) {
	forEachBackend(t, func(t *testing.T, s *Store) {
		var wg sync.WaitGroup
		errs := make(chan error, 40)
		for range 40 {
			wg.Go(func() {
				_, err := s.AppendAudit(context.Background(), AuditEntry{ActorLogin: "a", Action: "x"})
				errs <- err
			})
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Error(err)
			}
		}
		if h, err := s.VerifyAudit(context.Background()); err != nil || h.Entries != 40 {
			t.Errorf("VerifyAudit = %+v, %v", h, err)
		}
	})
}
