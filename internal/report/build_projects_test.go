package report

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
)

// TestBuildProjects: the 重大项目 section judges the projects with the
// reports recorded by the report's date (a later one does not count),
// as of the last month due, and every format lays it out.
func TestBuildProjects(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := savePlan(t, st)
		w := int64(store.WanScale)
		ps := []store.Project{
			{Name: "南湖实验室二期", ItemID: f.task["1"], Lead: "市科技局", RegionCode: "330402", Total: 50000 * w, Phase: store.PhaseBuild,
				Years: []store.ProjectYear{{Year: 2024, Planned: 12000 * w}}},
			{Name: "科创大厦", ItemID: f.task["1"], Lead: "市发改委", RegionCode: "330402", Total: 8000 * w, Phase: store.PhasePrep,
				Years:      []store.ProjectYear{{Year: 2024, Planned: 2400 * w}},
				Milestones: []store.Milestone{{Phase: store.PhaseStart, Planned: "2024-04-30"}, {Phase: store.PhaseDone, Planned: "2026-12-31"}}},
			{Name: "孵化园", Lead: "市科技局", RegionCode: "330411", Total: 3000 * w, Phase: store.PhaseBuild,
				Milestones: []store.Milestone{{Phase: store.PhaseDone, Planned: "2024-06-15"}}},
		}
		if err := st.SaveProjects(ctx, f.plan.ID, ps); err != nil {
			t.Fatal(err)
		}
		reps := []store.ProjectReport{
			{ProjectID: ps[0].ID, Month: "2024-05", MonthDone: 1000 * w, YearDone: 6000 * w, RecordedAt: at("2024-06-05 10:00")},
			// Recorded after the report's date: not counted.
			{ProjectID: ps[0].ID, Month: "2024-06", MonthDone: 1000 * w, YearDone: 7000 * w, RecordedAt: at("2024-07-05 10:00")},
			{ProjectID: ps[1].ID, Month: "2024-05", YearDone: 0, RecordedAt: at("2024-06-05 10:00"), Problems: "规划许可未批"},
		}
		if err := st.AddProjectReports(ctx, reps); err != nil {
			t.Fatal(err)
		}
		r, err := Build(ctx, st, f.plan.ID, fixtureAsOf, Options{Version: "test"})
		if err != nil {
			t.Fatal(err)
		}
		p := r.Projects
		if p == nil || p.Month != "2024-05" || p.Sum.Count != 3 || p.Sum.Total != 61000*w || p.Sum.YearDone != 6000*w || p.Sum.TotalText != "6.1亿元" {
			t.Fatalf("section: %+v", p)
		}
		// 南湖 6000/12000 is ahead of 5/12; 科创大厦 never started and lags;
		// 孵化园 has 竣工 due in June.
		if len(p.Late) != 1 || p.Late[0].Name != "科创大厦" || len(p.DueSoon) != 1 || p.DueSoon[0].Name != "孵化园" {
			t.Errorf("late %+v, due soon %+v", p.Late, p.DueSoon)
		}
		if len(p.ByTask) != 2 || p.ByTask[0].Count != 2 || p.ByTask[1].Name != "未注明" || len(p.ByRegion) != 2 || p.ByRegion[0].Name != "南湖区" {
			t.Errorf("totals: %+v %+v", p.ByTask, p.ByRegion)
		}

		var html, docx, xlsx bytes.Buffer
		if err := WriteHTML(&html, r); err != nil || !strings.Contains(html.String(), "重大项目推进情况") ||
			!strings.Contains(html.String(), "规划许可未批") || !strings.Contains(html.String(), "孵化园（竣工 2024-06-15）") {
			t.Errorf("HTML: %v", err)
		}
		if err := WriteDOCX(&docx, r); err != nil || docx.Len() == 0 {
			t.Errorf("DOCX: %v", err)
		}
		if err := WriteXLSX(&xlsx, r); err != nil {
			t.Fatal(err)
		}
		book, err := excelize.OpenReader(&xlsx)
		if err != nil {
			t.Fatal(err)
		}
		defer book.Close()
		rows, err := book.GetRows("重大项目")
		if err != nil || len(rows) != 5 || rows[4][0] != "合计" || rows[4][4] != "61000" {
			t.Errorf("XLSX 重大项目: %v %v", err, rows)
		}
	})
}
