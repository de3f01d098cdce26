package track

import (
	"context"
	"errors"
	"strings"
	"testing"

	"planwatch/internal/store"
	"planwatch/internal/unitname"
)

// sampleBook is the unit registry of the sample plan's region.
func sampleBook() *unitname.Book {
	var es []unitname.Entry
	for i, n := range []string{"市科技局", "市发改委", "市财政局", "市经信局", "市委人才办"} {
		es = append(es, unitname.Entry{ID: string(rune('a' + i)), Name: n, RegionCode: "330600", RegionName: "绍兴市"})
	}
	es[1].Aliases = []string{"发展改革委员会"}
	return unitname.NewBook(es)
}

// TestCheckUpdateUnits: the unit typed at a door is resolved through the
// registry before it is checked against the task's units.
func TestCheckUpdateUnits(t *testing.T) {
	_, items, _ := samplePlan()
	var t1 store.Item
	for _, it := range items {
		if it.ID == "t1" {
			t1 = it
		}
	}
	tests := []struct {
		unit, want, code, detail string
	}{
		{unit: "市发改委", want: "市发改委"},
		{unit: "市发展和改革委员会", want: "市发改委"}, // a form the registry reads
		{unit: "发展改革委员会", want: "市发改委"},   // an alias
		{unit: "绍兴市科学技术局", want: "市科技局"},
		{unit: "", want: ""},
		{unit: "市经信局", code: "unit"}, // registered, not the task's
		{unit: "市科委", code: "unit_unknown", detail: "是否要填：市科技局？"}, // not registered
	}
	for _, tt := range tests {
		target := TargetOf(t1)
		target.Today, target.KeepEmpty, target.Units = "2024-03-31", true, sampleBook()
		up, problems := CheckUpdate(UpdateFields{Unit: tt.unit, Note: "进展"}, target)
		if tt.code == "" {
			if len(problems) > 0 || up.Unit != tt.want {
				t.Errorf("unit %q: %q, %+v; want %q", tt.unit, up.Unit, problems, tt.want)
			}
			continue
		}
		if len(problems) != 1 || problems[0].Code != tt.code || !strings.Contains(problems[0].Reason(), tt.detail) {
			t.Errorf("unit %q: %+v; want %s %q", tt.unit, problems, tt.code, tt.detail)
		}
	}
}

// TestReadProgressUnits: the reporting unit of a sheet is resolved through
// the registry (an unknown one refuses the sheet, naming the closest), and
// a row returned with the computed 状态 the export wrote reports nothing.
func TestReadProgressUnits(t *testing.T) {
	plan, items, prev := samplePlan()
	read := func(unit, csv string) ([]store.Update, []RowError, error) {
		return ReadProgress(context.Background(), Named("s.csv", strings.NewReader(csv)), "csv", plan, items, unit, "张三", "2024-03-31",
			ReadOptions{Prev: prev, Units: sampleBook(), Today: "2024-04-03"})
	}
	const head = "序号,具体举措,进展情况,状态\n"
	ups, errs, err := read("市发展和改革委员会", head+"一.1,,选址完成,序时推进\n")
	if err != nil || len(errs) != 0 || len(ups) != 1 || ups[0].Unit != "市发改委" {
		t.Errorf("a sheet by another name of the unit: %+v, %v, %v", ups, errs, err)
	}
	_, _, err = read("市科委", head+"一.1,,选址完成,序时推进\n")
	var ue *unitname.UnknownError
	if !errors.As(err, &ue) || len(ue.Suggestions) == 0 || ue.Suggestions[0] != "市科技局" {
		t.Errorf("a sheet by an unknown unit: %v", err)
	}
	// 逾期 and 滞后 as exported, nothing else filled in: no report, and so
	// no refusal of a unit that is not the task's either.
	ups, errs, err = read("市财政局", head+"一.2,,,逾期\n一.4,,,滞后\n")
	if err != nil || len(errs) != 0 || len(ups) != 0 {
		t.Errorf("rows left as exported: %+v, %v, %v", ups, errs, err)
	}
}
