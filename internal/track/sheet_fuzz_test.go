package track

import (
	"bytes"
	"testing"

	"planwatch/internal/store"
)

// FuzzReadProgress feeds arbitrary bytes to the sheet reader as CSV and as
// XLSX: a unit's file may be anything, and the reader must answer with an
// error or row errors, never a panic, and never an update for an unknown
// item.
func FuzzReadProgress(f *testing.F) {
	plan := store.Plan{ID: "p1", Title: "示例计划", StartYear: 2024, EndYear: 2026}
	items := []store.Item{
		{ID: "g1", PlanID: "p1", Kind: store.KindGroup, Number: "一、", Title: "产业协同"},
		{ID: "t1", PlanID: "p1", ParentID: "g1", Kind: store.KindTask, Number: "1.", Title: "共建产业园"},
		{ID: "t2", PlanID: "p1", ParentID: "g1", Kind: store.KindTask, Number: "2.", Title: "引进项目"},
	}
	var seed bytes.Buffer
	if err := WriteTaskList(&seed, "csv", plan, items, nil); err == nil {
		f.Add(seed.Bytes())
	}
	f.Add([]byte("序号,重点任务,具体举措,牵头单位,责任单位,完成时限,进展情况,状态\n一.1,产业协同,共建产业园,,,,已开工,序时推进\n,,,,,,续行,\n"))
	f.Add([]byte("\xef\xbb\xbf序号\t状态\n9\t完成\n"))
	f.Add([]byte("PK\x03\x04garbage"))
	known := map[string]bool{"t1": true, "t2": true}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, format := range []string{"csv", "xlsx"} {
			ups, _, err := ReadProgress(bytes.NewReader(data), format, plan, items, "", "fuzz", "2025-06-30")
			if err != nil {
				continue
			}
			for _, u := range ups {
				if !known[u.ItemID] {
					t.Fatalf("%s: update for unknown item %q", format, u.ItemID)
				}
				if u.Progress < 0 || u.Progress > 100 {
					t.Fatalf("%s: progress %d", format, u.Progress)
				}
			}
		}
	})
}
