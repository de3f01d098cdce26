package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/csv"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"planwatch/internal/cell"
)

// The audit log (等保 2.0 安全审计) records every change: who, when, what,
// before and after. It is append-only by construction and tamper-evident
// by a hash chain:
//
//   - The store has no method that updates or deletes an entry, except
//     PruneAudit, which removes only entries older than AuditRetention.
//   - Entries are numbered seq = 1, 2, 3… and each carries
//     entry_sha256 = hex(SHA-256(prev_sha256 + "\n" + canonical)), where
//     prev_sha256 is the previous entry's entry_sha256 ("" for entry 1) and
//     canonical is the JSON array
//     [seq, id, occurred_at_ms, actor_id, actor_login, action, entity_type,
//     entity_id, before_json, after_json, request_id, client_ip]
//     (numbers as JSON numbers, the rest as JSON strings, Go's encoding).
//   - VerifyAudit walks the chain and reports the first entry that was
//     changed, inserted or removed in the middle; PruneAudit writes an
//     "audit.prune" entry naming the last entry removed and its hash, so
//     removing old entries by hand is detected too.
//
// What a chain cannot show alone is the loss of the newest entries, or a
// log rewritten whole with fresh hashes by someone with write access to
// the database. So its head (last seq and hash) is noted outside the
// table: the server writes checkpoints every minute into
// audit_checkpoints and into a file beside the database, and each backup
// writes one before it copies (audit_checkpoint.go); VerifyAudit reports
// a log that ends before a checkpoint, or differs from it. An
// administrator may note the head elsewhere too (a paper log, the syslog
// server). Database permissions remain the first line: the application's
// database role needs no DDL rights.

// AuditRetention is how long entries must be kept (等保 2.0: at least six
// months); PruneAudit refuses to remove anything newer.
const AuditRetention = 180 * 24 * time.Hour

// ErrAuditTampered is wrapped by VerifyAudit's error when the chain is broken.
var ErrAuditTampered = errors.New("audit log chain broken")

// AuditEntry is one record of the audit log.
type AuditEntry struct {
	Seq        int64
	ID         string
	At         time.Time
	ActorID    string // user ID; "" for the command line or an unknown login
	ActorLogin string // the login as typed, or "cli:$USER"
	Action     string // dotted verb, e.g. user.create, login.failure, update.post
	EntityType string // user, plan, item, document…
	EntityID   string
	Before     json.RawMessage // the entity before the change; nil for none
	After      json.RawMessage // after it; nil for none
	RequestID  string
	IP         string
	PrevHash   string
	Hash       string
}

// canonical is the text an entry's hash covers, after prev.
func (e AuditEntry) canonical() string {
	b, _ := json.Marshal([]any{e.Seq, e.ID, e.At.UnixMilli(), e.ActorID, e.ActorLogin, e.Action,
		e.EntityType, e.EntityID, string(e.Before), string(e.After), e.RequestID, e.IP})
	return string(b)
}

// chainHash is entry_sha256 for an entry following prev.
func chainHash(prev string, e AuditEntry) string {
	h := sha256.Sum256([]byte(prev + "\n" + e.canonical()))
	return hex.EncodeToString(h[:])
}

// AppendAudit adds an entry at the end of the log and returns it with its
// Seq, ID, time and hashes. e.At zero means now (set it only when
// importing). Writers racing for the same seq (PostgreSQL, several server
// processes) fail on the primary key and retry.
func (s *Store) AppendAudit(ctx context.Context, e AuditEntry) (AuditEntry, error) {
	return s.withAudit(ctx, e, nil)
}

// withAudit runs change (nil: none) and appends e in one transaction, so
// a change and its audit entry are saved together or not at all. Losing
// the race for the next seq rolls both back and tries again, so change
// must be safe to run more than once.
func (s *Store) withAudit(ctx context.Context, e AuditEntry, change func(tx *sql.Tx) error) (AuditEntry, error) {
	if strings.TrimSpace(e.Action) == "" {
		return AuditEntry{}, errors.New("append audit: no action")
	}
	for _, j := range []json.RawMessage{e.Before, e.After} {
		if len(j) > 0 && !json.Valid(j) {
			return AuditEntry{}, fmt.Errorf("append audit %s: before/after is not JSON", e.Action)
		}
	}
	var out AuditEntry
	err := s.retryAudit(ctx, func(tx *sql.Tx) error {
		if change != nil {
			if err := change(tx); err != nil {
				return err
			}
		}
		var err error
		out, err = s.appendAuditIn(ctx, tx, e)
		return err
	})
	if err != nil {
		return AuditEntry{}, fmt.Errorf("append audit %s: %w", e.Action, err)
	}
	return out, nil
}

// appendAuditTx writes e after the current last entry.
func (s *Store) appendAuditTx(ctx context.Context, tx *sql.Tx, e AuditEntry) (AuditEntry, error) {
	var last int64
	var prev string
	err := tx.QueryRowContext(ctx, `SELECT seq, entry_sha256 FROM audit_log ORDER BY seq DESC LIMIT 1`).Scan(&last, &prev)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return AuditEntry{}, err
	}
	e.Seq, e.ID, e.PrevHash = last+1, NewID(), prev
	if e.At.IsZero() {
		e.At = time.Now()
	}
	e.At = fromMillis(e.At.UnixMilli())
	e.ActorID, e.ActorLogin, e.Action = clip(e.ActorID, 64), clip(e.ActorLogin, 200), clip(e.Action, 100)
	e.EntityType, e.EntityID = clip(e.EntityType, 100), clip(e.EntityID, 200)
	e.RequestID, e.IP = clip(e.RequestID, 100), clip(e.IP, 64)
	e.Hash = chainHash(prev, e)
	_, err = tx.ExecContext(ctx, s.q(`INSERT INTO audit_log (seq, id, occurred_at, actor_id, actor_login, action, entity_type,
 entity_id, before_json, after_json, request_id, client_ip, prev_sha256, entry_sha256) VALUES (`+placeholders(14)+`)`),
		e.Seq, e.ID, e.At.UnixMilli(), e.ActorID, e.ActorLogin, e.Action, e.EntityType, e.EntityID,
		string(e.Before), string(e.After), e.RequestID, e.IP, e.PrevHash, e.Hash)
	return e, err
}

// AuditFilter selects entries; zero fields select everything.
type AuditFilter struct {
	Since, Until time.Time // occurred at or after Since, before Until
	ActorLogin   string
	Action       string // exact, or a prefix ending in "." (login.)
	EntityType   string
	EntityID     string
	// Paging (Audit only): entries are newest first; pass the last Seq of
	// a page as BeforeSeq for the next. Limit defaults to 100, at most 1000.
	BeforeSeq int64
	Limit     int
}

// where returns the filter's conditions and arguments.
func (f AuditFilter) where() (string, []any) {
	var conds []string
	var args []any
	add := func(cond string, arg any) { conds = append(conds, cond); args = append(args, arg) }
	if !f.Since.IsZero() {
		add(`occurred_at >= ?`, f.Since.UnixMilli())
	}
	if !f.Until.IsZero() {
		add(`occurred_at < ?`, f.Until.UnixMilli())
	}
	if f.ActorLogin != "" {
		add(`actor_login = ?`, f.ActorLogin)
	}
	if strings.HasSuffix(f.Action, ".") {
		// substr, not LIKE: no escaping of _ and % in a user's filter.
		add(`substr(action, 1, `+strconv.Itoa(len(f.Action))+`) = ?`, f.Action)
	} else if f.Action != "" {
		add(`action = ?`, f.Action)
	}
	if f.EntityType != "" {
		add(`entity_type = ?`, f.EntityType)
	}
	if f.EntityID != "" {
		add(`entity_id = ?`, f.EntityID)
	}
	if f.BeforeSeq > 0 {
		add(`seq < ?`, f.BeforeSeq)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return ` WHERE ` + strings.Join(conds, ` AND `), args
}

const auditColumns = `seq, id, occurred_at, actor_id, actor_login, action, entity_type, entity_id,
 before_json, after_json, request_id, client_ip, prev_sha256, entry_sha256`

func scanAudit(sc scanner) (AuditEntry, error) {
	var (
		e             AuditEntry
		at            int64
		before, after string
	)
	err := sc.Scan(&e.Seq, &e.ID, &at, &e.ActorID, &e.ActorLogin, &e.Action, &e.EntityType, &e.EntityID,
		&before, &after, &e.RequestID, &e.IP, &e.PrevHash, &e.Hash)
	e.At = fromMillis(at)
	if before != "" {
		e.Before = json.RawMessage(before)
	}
	if after != "" {
		e.After = json.RawMessage(after)
	}
	return e, err
}

// Audit returns one page of entries matching f, newest first.
func (s *Store) Audit(ctx context.Context, f AuditFilter) ([]AuditEntry, error) {
	limit := f.Limit
	if limit <= 0 {
		limit = 100
	}
	limit = min(limit, 1000)
	where, args := f.where()
	out, err := queryAll(ctx, s, scanAudit, `SELECT `+auditColumns+` FROM audit_log`+where+
		` ORDER BY seq DESC LIMIT `+strconv.Itoa(limit), args...)
	if err != nil {
		return nil, fmt.Errorf("audit: %w", err)
	}
	return out, nil
}

// auditCSVHeader names ExportAudit's columns.
var auditCSVHeader = []string{"seq", "id", "time", "actor_id", "actor_login", "action", "entity_type", "entity_id",
	"before", "after", "request_id", "ip", "prev_sha256", "sha256"}

// ExportAudit writes every entry matching f (paging ignored), oldest
// first, as CSV: UTF-8 with a byte-order mark so Excel reads the Chinese,
// times in RFC 3339 with the local offset. A cell that Excel would take
// for a formula (= + - @, tab, CR) gets a leading apostrophe, as every CSV
// export does (package cell): the export is for reading; VerifyAudit
// checks the stored log itself.
func (s *Store) ExportAudit(ctx context.Context, w io.Writer, f AuditFilter) error {
	if _, err := io.WriteString(w, "\ufeff"); err != nil {
		return fmt.Errorf("export audit: %w", err)
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(auditCSVHeader); err != nil {
		return fmt.Errorf("export audit: %w", err)
	}
	err := s.eachAudit(ctx, f, func(e AuditEntry) error {
		rec := []string{strconv.FormatInt(e.Seq, 10), e.ID, e.At.Local().Format(time.RFC3339), e.ActorID, e.ActorLogin,
			e.Action, e.EntityType, e.EntityID, string(e.Before), string(e.After), e.RequestID, e.IP, e.PrevHash, e.Hash}
		return cw.Write(cell.CSVRow(rec))
	})
	if err != nil {
		return err
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("export audit: %w", err)
	}
	return nil
}

// eachAudit calls fn with every entry matching f (paging ignored),
// oldest first, reading them as it goes: the exports stream a log that
// may not fit in memory.
func (s *Store) eachAudit(ctx context.Context, f AuditFilter, fn func(AuditEntry) error) error {
	f.BeforeSeq, f.Limit = 0, 0
	where, args := f.where()
	rows, err := s.r.QueryContext(ctx, s.q(`SELECT `+auditColumns+` FROM audit_log`+where+` ORDER BY seq`), args...)
	if err != nil {
		return fmt.Errorf("export audit: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		e, err := scanAudit(rows)
		if err == nil {
			err = fn(e)
		}
		if err != nil {
			return fmt.Errorf("export audit: %w", err)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("export audit: %w", err)
	}
	return nil
}

// AuditJSON is an entry as JSON: a line of ExportAuditJSONL, and the
// API's audit entry.
type AuditJSON struct {
	Seq        int64           `json:"seq"`
	ID         string          `json:"id"`
	Time       string          `json:"time"`
	ActorID    string          `json:"actor_id"`
	ActorLogin string          `json:"actor_login"`
	Action     string          `json:"action"`
	EntityType string          `json:"entity_type"`
	EntityID   string          `json:"entity_id"`
	Before     json.RawMessage `json:"before,omitempty"`
	After      json.RawMessage `json:"after,omitempty"`
	RequestID  string          `json:"request_id"`
	IP         string          `json:"ip"`
	PrevHash   string          `json:"prev_sha256"`
	Hash       string          `json:"sha256"`
}

// ExportAuditJSONL writes every entry matching f (paging ignored), oldest
// first, as JSON Lines with the columns of ExportAudit: before and after
// stay JSON, for tools that read the log rather than a spreadsheet.
func (s *Store) ExportAuditJSONL(ctx context.Context, w io.Writer, f AuditFilter) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return s.eachAudit(ctx, f, func(e AuditEntry) error {
		return enc.Encode(e.JSON(e.At.Local().Format(time.RFC3339Nano)))
	})
}

// JSON returns the entry as JSON, its time written as at.
func (e AuditEntry) JSON(at string) AuditJSON {
	return AuditJSON{Seq: e.Seq, ID: e.ID, Time: at, ActorID: e.ActorID, ActorLogin: e.ActorLogin, Action: e.Action,
		EntityType: e.EntityType, EntityID: e.EntityID, Before: e.Before, After: e.After, RequestID: e.RequestID,
		IP: e.IP, PrevHash: e.PrevHash, Hash: e.Hash}
}

// pruneNote is the After of an "audit.prune" entry: the last entry
// removed, which the first remaining one must follow.
type pruneNote struct {
	Deleted       int64  `json:"deleted"`
	Before        string `json:"before"`
	ThroughSeq    int64  `json:"through_seq"`
	ThroughSHA256 string `json:"through_sha256"`
}

// PruneAudit removes the oldest entries, up to the first one at or after
// before, and records the removal as an "audit.prune" entry (actor
// "system") that VerifyAudit anchors the shortened chain on. It refuses a
// cut newer than AuditRetention ago, and returns how many were removed.
func (s *Store) PruneAudit(ctx context.Context, before time.Time) (int64, error) {
	if limit := time.Now().Add(-AuditRetention); before.After(limit) {
		return 0, fmt.Errorf("prune audit: entries newer than %s must be kept (%d days)", limit.Format(time.DateOnly), int(AuditRetention.Hours()/24))
	}
	var deleted int64
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		// Remove a prefix of the chain: entries before the first one that
		// must stay, even if a later entry carries an earlier time.
		var keep, last sql.NullInt64
		if err := tx.QueryRowContext(ctx, s.q(`SELECT MIN(seq) FROM audit_log WHERE occurred_at >= ?`), before.UnixMilli()).Scan(&keep); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, `SELECT MAX(seq) FROM audit_log`).Scan(&last); err != nil {
			return err
		}
		through := last.Int64
		if keep.Valid {
			through = keep.Int64 - 1
		}
		var first sql.NullInt64
		if err := tx.QueryRowContext(ctx, `SELECT MIN(seq) FROM audit_log`).Scan(&first); err != nil {
			return err
		}
		if through <= 0 || through < first.Int64 {
			return nil // nothing that old is left (pruned before)
		}
		var hash string
		if err := tx.QueryRowContext(ctx, s.q(`SELECT entry_sha256 FROM audit_log WHERE seq = ?`), through).Scan(&hash); err != nil {
			return err
		}
		if err := tx.QueryRowContext(ctx, s.q(`SELECT COUNT(*) FROM audit_log WHERE seq <= ?`), through).Scan(&deleted); err != nil {
			return err
		}
		if deleted == 0 {
			return nil
		}
		// The note goes first: it must follow the current last entry,
		// which may be among those removed.
		note, _ := json.Marshal(pruneNote{Deleted: deleted, Before: before.UTC().Format(time.RFC3339), ThroughSeq: through, ThroughSHA256: hash})
		if _, err := s.appendAuditTx(ctx, tx, AuditEntry{ActorLogin: "system", Action: "audit.prune", EntityType: "audit_log", After: note}); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, s.q(`DELETE FROM audit_log WHERE seq <= ?`), through)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("prune audit: %w", err)
	}
	return deleted, nil
}
