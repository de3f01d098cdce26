package store_test

import (
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"planwatch/internal/store"
)

// Upgrade tests: every testdata/upgrade/NNNN.json is the data of a
// release whose schema ended at step NNNN. Each is loaded into a database
// migrated up to that step, on every back end; Open then applies every
// later step (new migrations are picked up as they are added), and the
// data must come through whole: every row of every table unchanged, the
// records readable through the store's methods, the audit chain intact.
// A release adds its fixture with
//
//	go test ./internal/store -run TestWriteUpgradeFixture -upgrade.write
//
// run at that release (the fixture is made through the real pipeline:
// library, track, accounts, audit).

// upgradeRewrites names the columns (table → columns) a later migration
// rewrites on purpose, say a backfill: the row check leaves them out, and
// the migration's own test checks the new values. Step 102 recodes the
// statuses of items and updates (TestStatusWordsMigration).
var upgradeRewrites = map[string][]string{"items": {"status"}, "updates": {"status"}}

var writeUpgradeFixture = flag.Bool("upgrade.write", false,
	"write testdata/upgrade/NNNN.json for this release's schema (TestWriteUpgradeFixture)")

// upgradeFixture is a release's data, table by table, with what the
// checks need besides the rows: the secrets whose hashes the tables keep.
type upgradeFixture struct {
	Version      int          `json:"version"` // the release's last migration step
	SessionToken string       `json:"session_token"`
	SessionAt    int64        `json:"session_at"` // Unix ms when the session was live
	APIToken     string       `json:"api_token"`
	Tables       []tableRows  `json:"tables"`
	Expect       upgradeCheck `json:"expect"`
}

// upgradeCheck names records the read checks look up.
type upgradeCheck struct {
	DocumentID  string `json:"document_id"` // a document with two versions
	PlanID      string `json:"plan_id"`
	ChildPlanID string `json:"child_plan_id"` // entered by hand, linked to PlanID
	AdminLogin  string `json:"admin_login"`
}

// tableRows holds one table: its columns, their kinds (text, int, float,
// bool, bytes) and its rows, bytes in base64.
type tableRows struct {
	Name    string   `json:"name"`
	Columns []string `json:"columns"`
	Kinds   []string `json:"kinds"`
	Rows    [][]any  `json:"rows"`
}

func TestUpgradeFromPreviousReleases(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "upgrade", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no upgrade fixtures in testdata/upgrade (%v)", err)
	}
	ctx := context.Background()
	for _, file := range files {
		fx := readUpgradeFixture(t, file)
		for _, backend := range store.Backends() {
			t.Run(fmt.Sprintf("%04d/%s", fx.Version, backend), func(t *testing.T) {
				if latest := store.LatestMigration(t, backend); fx.Version > latest {
					t.Fatalf("fixture %s is for step %d, newer than this program's %d", file, fx.Version, latest)
				}
				dsn := store.FreshDSN(t, backend)
				old, err := store.OpenAt(ctx, dsn, fx.Version)
				if err != nil {
					t.Fatalf("open at step %d: %v", fx.Version, err)
				}
				loadUpgradeFixture(t, old, fx)
				old.Close()

				st, err := store.Open(ctx, dsn, nil) // applies every later step
				if err != nil {
					t.Fatalf("upgrade from step %d: %v", fx.Version, err)
				}
				defer st.Close()
				checkRowsUnchanged(t, st, fx)
				checkReadable(t, st, fx)
			})
		}
	}
}

func readUpgradeFixture(t *testing.T, file string) upgradeFixture {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	dec := json.NewDecoder(f)
	dec.UseNumber() // BIGINT fingerprints do not fit a float64
	var fx upgradeFixture
	if err := dec.Decode(&fx); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	for _, tr := range fx.Tables {
		if len(tr.Columns) != len(tr.Kinds) {
			t.Fatalf("%s: table %s: %d columns, %d kinds", file, tr.Name, len(tr.Columns), len(tr.Kinds))
		}
	}
	return fx
}

// loadUpgradeFixture inserts the fixture's rows in one transaction, then
// builds the search index (its tables differ between the back ends, so the
// fixture leaves them out, as Copy does).
func loadUpgradeFixture(t *testing.T, st *store.Store, fx upgradeFixture) {
	t.Helper()
	ctx := context.Background()
	db, q := store.DB(st)
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	for _, tr := range fx.Tables {
		rows := make([][]any, len(tr.Rows))
		for i, r := range tr.Rows {
			rows[i] = make([]any, len(r))
			for j, v := range r {
				rows[i][j] = fixtureValue(t, tr.Kinds[j], v)
			}
		}
		if tr.Name == "items" {
			rows = store.RowsParentsFirst(tr.Columns, rows)
		}
		insert := q(`INSERT INTO ` + tr.Name + ` (` + strings.Join(tr.Columns, ", ") + `) VALUES (` +
			strings.TrimSuffix(strings.Repeat("?, ", len(tr.Columns)), ", ") + `)`)
		for _, r := range rows {
			if _, err := tx.ExecContext(ctx, insert, r...); err != nil {
				t.Fatalf("load %s: %v", tr.Name, err)
			}
		}
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	if err := store.Reindex(ctx, st); err != nil {
		t.Fatal(err)
	}
}

// fixtureValue turns a JSON value into what the column takes.
func fixtureValue(t *testing.T, kind string, v any) any {
	t.Helper()
	if v == nil {
		return nil
	}
	var err error
	switch kind {
	case "int":
		var n int64
		n, err = v.(json.Number).Int64()
		if err == nil {
			return n
		}
	case "float":
		var x float64
		x, err = v.(json.Number).Float64()
		if err == nil {
			return x
		}
	case "bool":
		return v.(bool)
	case "bytes":
		var b []byte
		b, err = base64.StdEncoding.DecodeString(v.(string))
		if err == nil {
			return b
		}
	default:
		return v.(string)
	}
	t.Fatalf("fixture value %v (%s): %v", v, kind, err)
	return nil
}

// canonical spells a value read back, or a fixture's, the same way
// whatever the driver returned: SQLite's 0/1 for a BOOLEAN, PostgreSQL's
// int32 for an INTEGER.
func canonical(kind string, v any) string {
	if v == nil {
		return "NULL"
	}
	switch x := v.(type) {
	case json.Number:
		return x.String()
	case []byte:
		if kind == "bytes" {
			return base64.StdEncoding.EncodeToString(x)
		}
		return strconv.Quote(string(x))
	case string:
		if kind == "bytes" {
			return x // the fixture's base64
		}
		return strconv.Quote(x)
	case bool:
		return strconv.FormatBool(x)
	case float64:
		return strconv.FormatFloat(x, 'g', -1, 64)
	case int64:
		if kind == "bool" {
			return strconv.FormatBool(x != 0)
		}
		return strconv.FormatInt(x, 10)
	case int32:
		return strconv.FormatInt(int64(x), 10)
	}
	return fmt.Sprintf("%T:%v", v, v)
}

// canonicalRow spells a row; a fixture's int floats (5 for 5.0) are read
// as JSON numbers and so come out the same as the float read back only
// through strconv, hence the round trip for floats.
func canonicalRow(kinds []string, row []any) string {
	parts := make([]string, len(row))
	for i, v := range row {
		if n, ok := v.(json.Number); ok && kinds[i] == "float" {
			x, _ := n.Float64()
			v = x
		}
		parts[i] = canonical(kinds[i], v)
	}
	return strings.Join(parts, "|")
}

// checkRowsUnchanged compares every table's rows, in the fixture's
// columns, with the fixture: the same count and the same values.
func checkRowsUnchanged(t *testing.T, st *store.Store, fx upgradeFixture) {
	t.Helper()
	db, _ := store.DB(st)
	for _, tr := range fx.Tables {
		tr = withoutRewrites(tr)
		rows, err := db.Query(`SELECT ` + strings.Join(tr.Columns, ", ") + ` FROM ` + tr.Name)
		if err != nil {
			t.Errorf("table %s after the upgrade: %v", tr.Name, err)
			continue
		}
		var got []string
		for rows.Next() {
			vals := make([]any, len(tr.Columns))
			ptrs := make([]any, len(vals))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			got = append(got, canonicalRow(tr.Kinds, vals))
		}
		rows.Close()
		var want []string
		for _, r := range tr.Rows {
			want = append(want, canonicalRow(tr.Kinds, r))
		}
		slices.Sort(got)
		slices.Sort(want)
		if len(got) != len(want) {
			t.Errorf("table %s: %d rows after the upgrade, %d before", tr.Name, len(got), len(want))
			continue
		}
		for i := range got {
			if got[i] != want[i] {
				t.Errorf("table %s: row changed by the upgrade:\n got %.300s\nwant %.300s", tr.Name, got[i], want[i])
				break
			}
		}
	}
}

// withoutRewrites drops from a fixture table the columns a later step
// rewrites on purpose (upgradeRewrites).
func withoutRewrites(tr tableRows) tableRows {
	skip := upgradeRewrites[tr.Name]
	if len(skip) == 0 {
		return tr
	}
	out := tableRows{Name: tr.Name}
	var keep []int
	for i, c := range tr.Columns {
		if !slices.Contains(skip, c) {
			keep = append(keep, i)
			out.Columns = append(out.Columns, c)
			out.Kinds = append(out.Kinds, tr.Kinds[i])
		}
	}
	for _, r := range tr.Rows {
		row := make([]any, len(keep))
		for j, i := range keep {
			row[j] = r[i]
		}
		out.Rows = append(out.Rows, row)
	}
	return out
}

// dumpTables reads every table of an installation into a fixture.
func dumpTables(t *testing.T, st *store.Store) []tableRows {
	t.Helper()
	db, _ := store.DB(st)
	var out []tableRows
	for _, table := range store.CopyTables {
		rows, err := db.Query(`SELECT * FROM ` + table)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		types, _ := rows.ColumnTypes()
		tr := tableRows{Name: table, Columns: cols, Rows: [][]any{}}
		for _, ct := range types {
			tr.Kinds = append(tr.Kinds, kindOf(ct))
		}
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			for i, v := range vals {
				switch x := v.(type) {
				case []byte:
					if tr.Kinds[i] == "bytes" {
						vals[i] = base64.StdEncoding.EncodeToString(x)
					} else {
						vals[i] = string(x)
					}
				case int64:
					if tr.Kinds[i] == "bool" {
						vals[i] = x != 0
					}
				}
			}
			tr.Rows = append(tr.Rows, vals)
		}
		if err := rows.Close(); err != nil {
			t.Fatal(err)
		}
		out = append(out, tr)
	}
	return out
}

// kindOf classifies a column by its declared type.
func kindOf(ct *sql.ColumnType) string {
	name := strings.ToUpper(ct.DatabaseTypeName())
	switch {
	case strings.Contains(name, "BOOL"):
		return "bool"
	case strings.Contains(name, "INT"):
		return "int"
	case strings.Contains(name, "DOUBLE"), strings.Contains(name, "REAL"), strings.Contains(name, "FLOAT"):
		return "float"
	case strings.Contains(name, "BLOB"), strings.Contains(name, "BYTEA"):
		return "bytes"
	}
	return "text"
}
