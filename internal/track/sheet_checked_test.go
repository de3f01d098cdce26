package track

import (
	"bytes"
	"context"
	"testing"

	"planwatch/internal/store"
)

// TestReadProgressChecked refuses the rows of items deny names, with its
// reason and the row's place, and leaves the other rows as ReadProgress
// reads them.
func TestReadProgressChecked(t *testing.T) {
	f := openXLSX(t, exportXLSX(t))
	sh := taskListSheet
	// Exported rows: 3 t1, 4 t2, 5 t4 …
	for cell, v := range map[string]string{"G3": "已完成选址并开工", "G4": "已签约3家", "G5": "引进2人"} {
		if err := f.SetCellStr(sh, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	plan, items, _ := samplePlan()
	deny := func(it store.Item) string {
		if it.ID == "t2" {
			return "不是本单位的任务"
		}
		return ""
	}
	for _, tc := range []struct {
		name     string
		deny     func(store.Item) string
		ups      int
		refusals []int // rows
	}{
		{"no check", nil, 4, nil}, // the three notes, and t6 returned with its latest note
		{"t2 denied", deny, 3, []int{4}},
	} {
		ups, errs, err := ReadProgress(context.Background(), bytes.NewReader(buf.Bytes()), "xlsx", plan, items, "", "张三", "2024-03-31", ReadOptions{Today: "2024-04-03", Deny: tc.deny})
		if err != nil {
			t.Fatal(err)
		}
		if len(ups) != tc.ups || len(errs) != len(tc.refusals) {
			t.Fatalf("%s: %d updates, errors %v", tc.name, len(ups), errs)
		}
		for i, row := range tc.refusals {
			if errs[i].Row != row || errs[i].Reason != "不是本单位的任务" {
				t.Errorf("%s: error %+v, want row %d with deny's reason", tc.name, errs[i], row)
			}
		}
		for _, u := range ups {
			if tc.deny != nil && tc.deny(store.Item{ID: u.ItemID}) != "" {
				t.Errorf("%s: an update for denied item %s", tc.name, u.ItemID)
			}
		}
	}
}
