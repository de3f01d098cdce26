package store_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
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
