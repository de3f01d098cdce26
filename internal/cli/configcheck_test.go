package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestConfigCheck(t *testing.T) {
	dir := t.TempDir()
	secret := filepath.Join(dir, "dsn")
	os.WriteFile(secret, []byte(filepath.Join(dir, "lib.db")+"\n"), 0o600)
	envFile := filepath.Join(dir, "planwatch.env")
	os.WriteFile(envFile, []byte("PLANWATCH_DB_FILE="+secret+"\nPLANWATCH_ALLOW_NET=10.0.0.0/8\n"), 0o600)
	t.Setenv("PLANWATCH_CONFIG", envFile)
	code, out, errOut := run(t, "", "config", "check")
	if code != exitOK || !strings.Contains(out, "PLANWATCH_DB_FILE "+secret) || !strings.Contains(out, "database ok: sqlite") ||
		!strings.Contains(out, "reminder mails carry no links") {
		t.Fatalf("config check = %d\n%s%s", code, out, errOut)
	}
	t.Setenv("PLANWATCH_BASE_URL", "https://pw.jx.gov.cn/")
	if code, out, errOut := run(t, "", "config", "check"); code != exitOK || !strings.Contains(out, "PLANWATCH_BASE_URL   https://pw.jx.gov.cn/") {
		t.Errorf("config check with a base URL = %d\n%s%s", code, out, errOut)
	}
	t.Setenv("PLANWATCH_BASE_URL", "pw.jx.gov.cn")
	if code, _, errOut := run(t, "", "config", "check"); code != exitFail || !strings.Contains(errOut, "PLANWATCH_BASE_URL") {
		t.Errorf("config check with a relative base URL = %d, %q", code, errOut)
	}
	os.WriteFile(envFile, []byte("PLANWATCH_DBB=typo\n"), 0o600)
	code, _, errOut = run(t, "", "config", "check")
	if code != exitFail || !strings.Contains(errOut, "unknown setting PLANWATCH_DBB") || strings.Count(errOut, "\n") != 1 {
		t.Errorf("config check with a typo = %d, %q", code, errOut)
	}
}
