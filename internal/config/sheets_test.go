package config

import (
	"strings"
	"testing"
)

func TestLoadSheets(t *testing.T) {
	tests := []struct {
		name    string
		env     map[string]string
		check   func(Sheets) bool
		wantErr string
	}{
		{name: "defaults", env: map[string]string{}, check: func(s Sheets) bool {
			return s.MaxInflated == 256<<20 && s.MaxText == 64<<20 && s.MaxBytes == 64<<20 && s.MaxCells == DefaultSheetMaxCells &&
				s.MaxCellChars == 32767 && s.MaxRatio == 200 && s.MaxParts == 10000 && s.MaxRows == 100000 && s.MaxElements == 200000
		}},
		{name: "sizes", env: map[string]string{"PLANWATCH_SHEET_MAX_INFLATED": "1GiB", "PLANWATCH_SHEET_MAX_TEXT": "512 KiB",
			"PLANWATCH_SHEET_MAX_BYTES": "1048576", "PLANWATCH_SHEET_MAX_CELLS": "5000"}, check: func(s Sheets) bool {
			return s.MaxInflated == 1<<30 && s.MaxText == 512<<10 && s.MaxBytes == 1<<20 && s.MaxCells == 5000 && s.MaxRows == DefaultSheetMaxRows
		}},
		{name: "zero", env: map[string]string{"PLANWATCH_SHEET_MAX_ROWS": "0"}, wantErr: "PLANWATCH_SHEET_MAX_ROWS"},
		{name: "not a size", env: map[string]string{"PLANWATCH_SHEET_MAX_INFLATED": "lots"}, wantErr: "PLANWATCH_SHEET_MAX_INFLATED"},
		{name: "a size for a count", env: map[string]string{"PLANWATCH_SHEET_MAX_CELLS": "5MiB"}, wantErr: "PLANWATCH_SHEET_MAX_CELLS"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.env["PLANWATCH_DB"] = "x.db"
			c, err := FromEnv(env(tt.env))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one naming %s", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !tt.check(c.Sheets) {
				t.Errorf("sheets = %+v", c.Sheets)
			}
		})
	}
	if got := (Sheets{MaxCells: 7}).WithDefaults(); got.MaxCells != 7 || got.MaxInflated != DefaultSheetMaxInflated {
		t.Errorf("WithDefaults = %+v", got)
	}
}
