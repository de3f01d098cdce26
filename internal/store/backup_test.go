package store_test

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"planwatch/internal/store"
)

// TestBackupRestoreSQLite copies a library while it is open, checks the
// copy, restores it elsewhere and finds the same rows and bytes.
func TestBackupRestoreSQLite(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	st, err := store.Open(ctx, filepath.Join(dir, "live.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	body := []byte("青溪市推进数字经济发展行动计划\n到2026年，数字经济核心产业增加值达到500亿元。")
	snap := &store.Snapshot{
		Document: store.Document{Source: "/docs/plan.txt", Title: "青溪市推进数字经济发展行动计划"},
		Version:  store.Version{SHA256: sha(body), Size: int64(len(body)), Format: "text", Text: string(body), Original: string(body), Extraction: []byte("{}")},
		Bytes:    body,
	}
	docID, _, err := st.SaveSnapshot(ctx, snap)
	if err != nil {
		t.Fatal(err)
	}
	backup := filepath.Join(dir, "backups", "b1.db")
	if err := st.Backup(ctx, backup); err != nil {
		t.Fatal(err)
	}
	if err := st.Backup(ctx, backup); err == nil {
		t.Error("a second backup over the first should be refused")
	}
	counts, err := store.VerifyBackup(ctx, backup)
	if err != nil || counts["documents"] != 1 || counts["blobs"] != 1 {
		t.Fatalf("verify = %v, %v", counts, err)
	}
	// A damaged copy is refused before anything is replaced.
	bad := filepath.Join(dir, "bad.db")
	os.WriteFile(bad, []byte("not a backup at all, just some text"), 0o644)
	if _, err := store.VerifyBackup(ctx, bad); err == nil || !strings.Contains(err.Error(), "neither") {
		t.Errorf("verify of a text file = %v", err)
	}
	target := filepath.Join(dir, "restored", "planwatch.db")
	if _, err := store.Restore(ctx, backup, target, false, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := store.Restore(ctx, backup, target, false, nil); err == nil {
		t.Error("restoring over an existing database without force should be refused")
	}
	if _, err := store.Restore(ctx, backup, target, true, nil); err != nil {
		t.Fatalf("restore with force: %v", err)
	}
	back, err := store.Open(ctx, target, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer back.Close()
	v, err := back.Version(ctx, docID, 0)
	if err != nil {
		t.Fatal(err)
	}
	if b, err := back.Blob(ctx, v.SHA256); err != nil || string(b) != string(body) {
		t.Errorf("restored bytes = %q, %v", b, err)
	}
}

func sha(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// TestBackupRestorePostgres dumps a whole PostgreSQL database with pg_dump
// and restores it into another with pg_restore.
func TestBackupRestorePostgres(t *testing.T) {
	admin := os.Getenv("PLANWATCH_TEST_POSTGRES")
	if admin == "" {
		t.Skip("PLANWATCH_TEST_POSTGRES not set")
	}
	if _, err := exec.LookPath("pg_dump"); err != nil {
		t.Skip("pg_dump not installed")
	}
	ctx := context.Background()
	src, dst := wholeDatabase(t, admin), wholeDatabase(t, admin)
	st, err := store.Open(ctx, src, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	body := []byte("湖州市推进长三角产业合作区建设实施方案\n到2025年，新增高新技术企业100家。")
	_, _, err = st.SaveSnapshot(ctx, &store.Snapshot{
		Document: store.Document{Source: "/docs/huzhou.txt", Title: "湖州市推进长三角产业合作区建设实施方案"},
		Version:  store.Version{SHA256: sha(body), Size: int64(len(body)), Format: "text", Text: string(body), Original: string(body), Extraction: []byte("{}")},
		Bytes:    body,
	})
	if err != nil {
		t.Fatal(err)
	}
	dump := filepath.Join(t.TempDir(), "planwatch.dump")
	if err := st.Backup(ctx, dump); err != nil {
		t.Fatal(err)
	}
	if _, err := store.VerifyBackup(ctx, dump); err != nil {
		t.Fatal(err)
	}
	counts, err := store.Restore(ctx, dump, dst, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	if counts["documents"] != 1 || counts["blobs"] != 1 {
		t.Errorf("restored counts = %v", counts)
	}
	back, err := store.Open(ctx, dst, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer back.Close()
	if hits, _, err := back.Search(ctx, store.SearchQuery{Text: "高新技术企业"}); err != nil || len(hits) != 1 {
		t.Errorf("search on the restored database = %d hits, %v", len(hits), err)
	}
}

// wholeDatabase creates an empty database beside the one in admin and
// returns its DSN; pg_dump needs a database, not a schema on a search path.
func wholeDatabase(t *testing.T, admin string) string {
	t.Helper()
	db, err := sql.Open("pgx", admin)
	if err != nil {
		t.Fatal(err)
	}
	name := "pw_backup_" + store.NewID()
	if _, err := db.Exec(`CREATE DATABASE ` + name); err != nil {
		db.Close()
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if _, err := db.Exec(`DROP DATABASE ` + name + ` WITH (FORCE)`); err != nil {
			t.Errorf("drop %s: %v", name, err)
		}
		db.Close()
	})
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}
