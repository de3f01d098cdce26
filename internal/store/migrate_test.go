package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
)

func TestParseMigrationsGaps(t *testing.T) {
	file := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }
	tests := []struct {
		name    string
		files   []string
		want    []int  // versions for sqlite
		wantErr string // part of the error, "" for none
	}{
		{"consecutive", []string{"0001_a.sql", "0002_b.sqlite.sql", "0002_b.postgres.sql"}, []int{1, 2}, ""},
		{"gaps", []string{"0010_t.sql", "0001_a.sql", "0004_s.sql", "0003_x.sqlite.sql", "0003_x.postgres.sql"},
			[]int{1, 3, 4, 10}, ""},
		{"shared and dialect share a number", []string{"0001_a.sql", "0001_b.sqlite.sql", "0001_b.postgres.sql"}, nil, "share number 1"},
		{"one half missing", []string{"0001_a.sql", "0005_x.postgres.sql"}, nil, "only one dialect's half"},
		{"bad name", []string{"first.sql"}, nil, "want NNNN_name.sql"},
		{"unknown dialect", []string{"0001_a.mysql.sql"}, nil, "unknown dialect"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for _, f := range tt.files {
				fsys["migrations/"+f] = file("-- " + f)
			}
			steps, err := parseMigrations(fsys, "sqlite")
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []int
			for _, s := range steps {
				got = append(got, s.version)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("versions %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Fatalf("versions %v, want %v", got, tt.want)
				}
			}
		})
	}
}

// A database carrying a step this program does not know is refused even
// when the step's number lies inside the program's range (in a gap).
func TestRefuseUnknownStepInGap(t *testing.T) {
	steps, err := migrations("sqlite")
	if err != nil {
		t.Fatal(err)
	}
	gap := 0
	for i := 1; i < len(steps) && gap == 0; i++ {
		if steps[i].version > steps[i-1].version+1 {
			gap = steps[i-1].version + 1
		}
	}
	if gap == 0 {
		t.Skip("no gap in the numbering")
	}
	forEachBackendDSN(t, func(t *testing.T, dsn string) {
		s := openTest(t, dsn)
		if _, err := s.w.Exec(s.q(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`),
			gap, "gap.sql", 0); err != nil {
			t.Fatal(err)
		}
		s.Close()
		s2, err := Open(context.Background(), dsn, nil)
		if err == nil {
			s2.Close()
			t.Fatal("Open accepted a database with an unknown step")
		}
		if !errors.Is(err, ErrSchemaTooNew) || !strings.Contains(err.Error(), fmt.Sprint(gap)) {
			t.Errorf("err = %v, want ErrSchemaTooNew naming step %d", err, gap)
		}
	})
}
