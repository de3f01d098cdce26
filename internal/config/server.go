package config

import (
	"fmt"
	"net"
	"net/netip"
	"strconv"
	"strings"
	"time"
)

// Server is what only `planwatch serve` reads: who may be believed about
// a client's address, who may read the metrics, how much heavy work runs
// at once, and where the audit log's head is noted outside the database.
type Server struct {
	// TrustedProxies are the reverse proxies whose X-Forwarded-For and
	// X-Real-IP are believed (PLANWATCH_TRUSTED_PROXIES). From anyone
	// else those headers are ignored: a client could name any address.
	TrustedProxies []netip.Prefix
	// MetricsToken is the Bearer token /metrics wants on the main address
	// (PLANWATCH_METRICS_TOKEN or _FILE); "" serves no metrics there.
	MetricsToken string
	// MetricsAddr is a separate address serving only /metrics
	// (PLANWATCH_METRICS_ADDR), e.g. 127.0.0.1:9180 for a local
	// Prometheus; "" for none.
	MetricsAddr string
	// Workers is how many heavy jobs (PDF reports, imports, fetches) run
	// at once (PLANWATCH_WORKERS); WorkQueue how many more may wait for
	// one (PLANWATCH_WORK_QUEUE); WorkTimeout bounds each
	// (PLANWATCH_WORK_TIMEOUT).
	Workers     int
	WorkQueue   int
	WorkTimeout time.Duration
	// AuditCheckpoint is the file the server notes the audit log's head
	// in (PLANWATCH_AUDIT_CHECKPOINT); "" for the default, beside a SQLite
	// database (a PostgreSQL installation names one): see
	// Config.AuditCheckpointFile.
	AuditCheckpoint string
	// MemoryLimit is the soft limit on the server's Go memory
	// (PLANWATCH_MEMORY_LIMIT: 400MiB, 1GiB, or 0 for none), past which
	// the collector works harder rather than the heap doubling; it caps
	// nothing outright. 0 leaves the runtime's own (GOMEMLIMIT, if set).
	MemoryLimit int64
}

// Server defaults: two Chromium renderers at once fit a small office
// server (each is a dozen processes and a few hundred MB).
const (
	DefaultWorkers     = 2
	DefaultWorkQueue   = 8
	DefaultWorkTimeout = 90 * time.Second // under the server's 2-minute write timeout
	MaxWorkers         = 64
	// DefaultMemoryLimit keeps a server of a few hundred plans and a
	// province's library under 500 MB resident (README, issue 18's bench).
	DefaultMemoryLimit = 400 << 20
)

// serverKeys are the settings of Server.
var serverKeys = []string{"PLANWATCH_TRUSTED_PROXIES", "PLANWATCH_METRICS_TOKEN", "PLANWATCH_METRICS_ADDR",
	"PLANWATCH_WORKERS", "PLANWATCH_WORK_QUEUE", "PLANWATCH_WORK_TIMEOUT", "PLANWATCH_AUDIT_CHECKPOINT",
	"PLANWATCH_MEMORY_LIMIT"}

// loadServer reads the Server settings with get and records the defaults
// it uses; db is the database setting (the checkpoint's default sits
// beside a SQLite file).
func loadServer(get func(string) (string, error), settings *[]Setting, db string) (Server, error) {
	var sv Server
	v, err := get("PLANWATCH_TRUSTED_PROXIES")
	if err != nil {
		return sv, err
	}
	for _, part := range strings.Split(v, ",") {
		if err := sv.TrustProxy(strings.TrimSpace(part)); err != nil {
			return sv, fmt.Errorf("PLANWATCH_TRUSTED_PROXIES: %w", err)
		}
	}
	if v == "" {
		*settings = append(*settings, Setting{"PLANWATCH_TRUSTED_PROXIES", "(none: X-Forwarded-For is ignored)", "default"})
	}
	if sv.MetricsToken, err = get("PLANWATCH_METRICS_TOKEN"); err != nil {
		return sv, err
	}
	if sv.MetricsToken != "" && len(sv.MetricsToken) < 16 {
		return sv, fmt.Errorf("PLANWATCH_METRICS_TOKEN: want at least 16 characters (openssl rand -hex 16)")
	}
	if sv.MetricsAddr, err = get("PLANWATCH_METRICS_ADDR"); err != nil {
		return sv, err
	}
	if sv.MetricsAddr != "" {
		if _, _, err := net.SplitHostPort(sv.MetricsAddr); err != nil {
			return sv, fmt.Errorf("PLANWATCH_METRICS_ADDR %q: want host:port such as 127.0.0.1:9180", sv.MetricsAddr)
		}
	}
	if sv.MetricsToken == "" && sv.MetricsAddr == "" {
		*settings = append(*settings, Setting{"PLANWATCH_METRICS_TOKEN", "(none: no /metrics unless PLANWATCH_METRICS_ADDR)", "default"})
	}
	count := func(key string, def, least int, into *int) error {
		v, err := get(key)
		if err != nil {
			return err
		}
		if v == "" {
			*into = def
			*settings = append(*settings, Setting{key, strconv.Itoa(def), "default"})
			return nil
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < least || n > MaxWorkers*8 {
			return fmt.Errorf("%s %q: want a number from %d to %d", key, v, least, MaxWorkers*8)
		}
		*into = n
		return nil
	}
	if err := count("PLANWATCH_WORKERS", DefaultWorkers, 1, &sv.Workers); err != nil {
		return sv, err
	}
	if sv.Workers > MaxWorkers {
		return sv, fmt.Errorf("PLANWATCH_WORKERS %d: at most %d", sv.Workers, MaxWorkers)
	}
	if err := count("PLANWATCH_WORK_QUEUE", DefaultWorkQueue, 0, &sv.WorkQueue); err != nil {
		return sv, err
	}
	v, err = get("PLANWATCH_WORK_TIMEOUT")
	if err != nil {
		return sv, err
	}
	if v == "" {
		sv.WorkTimeout = DefaultWorkTimeout
		*settings = append(*settings, Setting{"PLANWATCH_WORK_TIMEOUT", DefaultWorkTimeout.String(), "default"})
	} else if sv.WorkTimeout, err = time.ParseDuration(v); err != nil || sv.WorkTimeout < time.Second {
		return sv, fmt.Errorf("PLANWATCH_WORK_TIMEOUT %q: want a duration of at least 1s such as 90s", v)
	}
	if sv.AuditCheckpoint, err = get("PLANWATCH_AUDIT_CHECKPOINT"); err != nil {
		return sv, err
	}
	if sv.AuditCheckpoint == "" {
		// Left empty: the default follows the database, which a --db flag
		// may still change (Config.AuditCheckpointFile).
		shown := DefaultAuditCheckpoint(db)
		if shown == "" {
			shown = "(none: name a file for a PostgreSQL database)"
		}
		*settings = append(*settings, Setting{"PLANWATCH_AUDIT_CHECKPOINT", shown, "default"})
	}
	if sv.MemoryLimit, err = memoryLimit(get, settings); err != nil {
		return sv, err
	}
	for i := range *settings {
		if (*settings)[i].Key == "PLANWATCH_METRICS_TOKEN" && (*settings)[i].Origin != "default" {
			(*settings)[i].Value = "xxxxx"
		}
	}
	return sv, nil
}

// TrustProxy adds a proxy's network given in CIDR form (or a single address).
func (sv *Server) TrustProxy(s string) error {
	p, err := parsePrefix(s)
	if err != nil || s == "" {
		return err
	}
	sv.TrustedProxies = append(sv.TrustedProxies, p)
	return nil
}

// AuditCheckpointFile is the audit checkpoint file of the configured
// database: the setting, else the default beside a SQLite file; "" for
// none.
func (c Config) AuditCheckpointFile() string {
	if c.Server.AuditCheckpoint != "" {
		return c.Server.AuditCheckpoint
	}
	return DefaultAuditCheckpoint(c.DB)
}

// DefaultAuditCheckpoint is the checkpoint file of a database: beside a
// SQLite file (DB.audit-head), none for PostgreSQL, whose server may be
// on another machine than any one planwatch.
func DefaultAuditCheckpoint(db string) string {
	if db == "" || strings.HasPrefix(db, "postgres://") || strings.HasPrefix(db, "postgresql://") {
		return ""
	}
	path, _, _ := strings.Cut(db, "?")
	path = strings.TrimPrefix(strings.TrimPrefix(path, "sqlite:"), "file:")
	return path + ".audit-head"
}

// memoryLimit reads PLANWATCH_MEMORY_LIMIT: a size in bytes with an
// optional KiB, MiB or GiB (as GOMEMLIMIT writes it), or 0 for none; left
// unset, DefaultMemoryLimit. A GOMEMLIMIT in the environment wins over
// either (see cli's serve).
func memoryLimit(get func(string) (string, error), settings *[]Setting) (int64, error) {
	v, err := get("PLANWATCH_MEMORY_LIMIT")
	if err != nil {
		return 0, err
	}
	if v == "" {
		*settings = append(*settings, Setting{"PLANWATCH_MEMORY_LIMIT", "400MiB (unless GOMEMLIMIT is set)", "default"})
		return DefaultMemoryLimit, nil
	}
	n, unit := v, int64(1)
	for _, u := range []struct {
		suffix string
		size   int64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"B", 1}} {
		if t, ok := strings.CutSuffix(v, u.suffix); ok {
			n, unit = t, u.size
			break
		}
	}
	x, err := strconv.ParseInt(strings.TrimSpace(n), 10, 64)
	if err != nil || x < 0 || x > (1<<40)/unit || x > 0 && x*unit < 64<<20 {
		return 0, fmt.Errorf("PLANWATCH_MEMORY_LIMIT %q: want 0 or a size of at least 64MiB such as 400MiB or 2GiB", v)
	}
	return x * unit, nil
}
