package track

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"planwatch/internal/store"
)

// benchProjects is a county's year: n projects, twelve months reported.
func benchProjects(n int) ([]store.Project, []store.ProjectReport) {
	regions := []string{"330602", "330603", "330604", "330624", "330681", "330683"}
	var ps []store.Project
	var reps []store.ProjectReport
	for i := range n {
		id := fmt.Sprintf("p%05d", i)
		ps = append(ps, store.Project{ID: id, Name: fmt.Sprintf("项目%05d", i), Lead: fmt.Sprintf("单位%d", i%40),
			RegionCode: regions[i%6], Total: int64(10000+i) * w, Phase: store.PhaseBuild,
			Years:      []store.ProjectYear{{Year: 2026, Planned: int64(1200+i) * w}},
			Milestones: []store.Milestone{{Phase: store.PhaseStart, Planned: "2025-03-01"}, {Phase: store.PhaseDone, Planned: "2027-12-31"}}})
		for m := 1; m <= 12; m++ {
			reps = append(reps, store.ProjectReport{ProjectID: id, Month: fmt.Sprintf("2026-%02d", m),
				MonthDone: int64(90+i%30) * w, YearDone: int64(m*(90+i%30)) * w})
		}
	}
	return ps, reps
}

// BenchmarkProjectStates judges 2,000 projects with 24,000 reports as of
// a month and sums them three ways, as the list page and the report do.
func BenchmarkProjectStates(b *testing.B) {
	ps, reps := benchProjects(2000)
	b.ReportAllocs()
	for b.Loop() {
		st := ProjectStates(ps, reps, "2026-09", Curve{})
		Totals(st, ByTask)
		Totals(st, ByUnit)
		Totals(st, ByRegion)
	}
}

// BenchmarkProjectSheet writes the 重大项目 table of 2,000 projects as
// .xlsx and reads it back.
func BenchmarkProjectSheet(b *testing.B) {
	ps, reps := benchProjects(2000)
	st := ProjectStates(ps, reps, "2026-09", Curve{})
	var buf bytes.Buffer
	if err := WriteProjectSheet(&buf, FormatXLSX, store.Plan{Title: "基准"}, nil, st, "2026-09"); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		sh, errs, err := ReadProjectSheet(context.Background(), bytes.NewReader(data), FormatXLSX, ProjectSheetOptions{})
		if err != nil || len(errs) != 0 || len(sh.Rows) != 2000 {
			b.Fatalf("%v, %d rows refused", err, len(errs))
		}
	}
}
