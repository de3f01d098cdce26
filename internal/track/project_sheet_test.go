package track

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"planwatch/internal/store"
	"planwatch/internal/track/hostile"
)

// officeSheet is a 重大项目 table as an office keeps it: a title row, a
// heading row for a part, amounts in a column headed 亿元, a 合计 row.
const officeSheet = `2026年重大项目推进情况表
序号,项目名称,建设内容,总投资（亿元）,2026年计划投资（万元）,1-3月完成投资（万元）,完成率（%）,形象进度,存在问题,牵头单位,所在地区,建设年限,计划开工时间
一、,基础设施,,,,,,,,,,,
1,杭绍城际铁路,线路长20公里,12,30000,7600,25.3,在建,,市交通局,330600,2024-2027,2024-03-01
2,滨海污水厂,日处理10万吨,1.5,5000,,,前期,用地指标未落实,市建设局,柯城区,2026,2026年2月
合计,,,13.5,35000,7600,,,,,,,
`

func TestReadProjectSheet(t *testing.T) {
	sh, errs, err := ReadProjectSheet(context.Background(), strings.NewReader(officeSheet), "csv", ProjectSheetOptions{})
	if err != nil || len(errs) != 0 {
		t.Fatalf("read: %v %v", err, errs)
	}
	if sh.Month != "2026-03" || len(sh.Rows) != 2 {
		t.Fatalf("sheet: %s, %d rows", sh.Month, len(sh.Rows))
	}
	a, b := sh.Rows[0], sh.Rows[1]
	if a.Project.Total != 120000*w || a.Project.Planned(2026) != 30000*w || a.YearDone != 7600*w || a.Project.Phase != store.PhaseBuild ||
		a.Project.StartYear != 2024 || a.Project.EndYear != 2027 || a.Project.RegionCode != "330600" || a.Row != 4 {
		t.Errorf("row a: %+v", a)
	}
	if m, _ := b.Project.Milestone(store.PhaseStart); m.Planned != "2026-02-28" || b.Project.RegionCode != "330802" || b.Has[PColYearDone] {
		t.Errorf("row b: %+v", b)
	}
	save, reps, errs := ApplyProjectSheet(sh, nil, nil, nil, "市发改委", "import:x.csv")
	if len(errs) != 0 || len(save) != 2 || len(reps) != 1 || reps[0].ProjectID != "#0" || reps[0].YearDone != 7600*w {
		t.Errorf("apply: %+v %+v %v", save, reps, errs)
	}

	// The month named in the header and the one given must agree.
	if _, _, err := ReadProjectSheet(context.Background(), strings.NewReader(officeSheet), "csv", ProjectSheetOptions{Month: "2026-04"}); err == nil {
		t.Error("a sheet of March read as April")
	}
}

func TestReadProjectSheetRefusals(t *testing.T) {
	head := "序号,项目名称,总投资,1-2月完成投资,形象进度,建设年限,所在地区\n"
	for _, c := range []struct{ row, col, reason string }{
		{"1,甲,很多,0,在建,,", "C", "金额"},
		{"1,甲,100,5,良好,,", "E", "形象进度"},
		{"1,甲,100,5,在建,2027-2024,", "F", "建设年限"},
		{"1,甲,100,5,在建,,火星", "G", "地区"},
		{"1,甲,-3,5,在建,,", "C", "金额"},
		{"1,甲,,5,在建,,", "C", "总投资为空"},
	} {
		_, errs, err := ReadProjectSheet(context.Background(), strings.NewReader(head+c.row+"\n"), "csv", ProjectSheetOptions{Month: "2026-02"})
		if err != nil || len(errs) != 1 || errs[0].Column != c.col || !strings.Contains(errs[0].Reason, c.reason) {
			t.Errorf("%s: %v %+v", c.row, err, errs)
		}
	}
	_, errs, _ := ReadProjectSheet(context.Background(), strings.NewReader(head+"1,甲,1,,,,\n2,甲,2,,,,\n"), "csv", ProjectSheetOptions{Month: "2026-02"})
	if len(errs) != 1 || errs[0].Row != 3 {
		t.Errorf("a name twice: %+v", errs)
	}
	if _, _, err := ReadProjectSheet(context.Background(), strings.NewReader("序号,项目名称\n1,甲\n"), "csv", ProjectSheetOptions{}); err == nil {
		t.Error("a sheet without 总投资 was read")
	}
	if _, _, err := ReadProjectSheet(context.Background(), strings.NewReader("项目名称,总投资\n甲,1\n"), "csv", ProjectSheetOptions{}); err == nil {
		t.Error("a sheet without a month was read")
	}
	// 1-2月 with no year is this year's, or last year's before February.
	for today, want := range map[string]string{"2026-05-01": "2026-02", "2026-01-10": "2025-02"} {
		d, _ := time.Parse(time.DateOnly, today)
		sh, _, err := ReadProjectSheet(context.Background(), strings.NewReader(head), "csv", ProjectSheetOptions{Today: d})
		if err != nil || sh.Month != want {
			t.Errorf("as of %s: %q %v, want %s", today, sh.Month, err, want)
		}
	}
}

func TestProjectSheetTask(t *testing.T) {
	items := []store.Item{{ID: "t1", Kind: store.KindTask, Number: "1", Title: "推进交通基础设施"},
		{ID: "t2", Kind: store.KindTask, Number: "1", Title: "治水"}, {ID: "t3", Kind: store.KindTask, Number: "（三）", Title: "改善环境"}}
	sheet := "项目名称,总投资,所属任务,1-1月完成投资\n甲,1,推进交通基础设施,\n乙,1,（三）,\n丙,1,1,\n丁,1,不存在的任务,\n"
	sh, errs, err := ReadProjectSheet(context.Background(), strings.NewReader(sheet), "csv", ProjectSheetOptions{Month: "2026-01"})
	if err != nil || len(errs) != 0 {
		t.Fatal(err, errs)
	}
	save, _, errs := ApplyProjectSheet(sh, items, nil, nil, "x", "y")
	if len(save) != 2 || save[0].ItemID != "t1" || save[1].ItemID != "t3" || len(errs) != 2 || errs[0].Row != 4 || errs[1].Row != 5 || errs[0].Column != "C" {
		t.Errorf("tasks: %+v %+v", save, errs)
	}
}

func TestProjectSheetRoundTrip(t *testing.T) {
	ps := []store.Project{
		{ID: "a", Name: "杭绍城际铁路", Content: "线路长20公里", Lead: "市交通局", Support: []string{"市财政局", "柯城区政府"},
			RegionCode: "330600", Total: 120000*w + 1, StartYear: 2024, EndYear: 2027, Phase: store.PhaseBuild,
			Years:      []store.ProjectYear{{Year: 2026, Planned: 30000 * w}},
			Milestones: []store.Milestone{{Phase: store.PhaseStart, Planned: "2024-03-01", Actual: "2024-03-31"}, {Phase: store.PhaseDone, Planned: "2027-12-31"}}},
		{ID: "b", Name: "滨海污水厂", Lead: "市建设局", Total: 15000 * w, Phase: store.PhasePrep,
			Years: []store.ProjectYear{{Year: 2026, Planned: 5000 * w}}},
	}
	reps := []store.ProjectReport{{ProjectID: "a", Month: "2026-03", MonthDone: 2600 * w, YearDone: 7600*w + 5, Problems: "拆迁"}}
	items := []store.Item{{ID: "t1", Kind: store.KindTask, Number: "1", Title: "推进交通基础设施"}, {ID: "t2", Kind: store.KindTask, Number: "1", Title: "治水"}}
	ps[0].ItemID = "t1"
	st := ProjectStates(ps, reps, "2026-03", Curve{})
	for _, format := range []string{"csv", "xlsx"} {
		var buf bytes.Buffer
		if err := WriteProjectSheet(&buf, format, store.Plan{Title: "2026年重大项目"}, items, st, "2026-03"); err != nil {
			t.Fatal(err)
		}
		sh, errs, err := ReadProjectSheet(context.Background(), bytes.NewReader(buf.Bytes()), format, ProjectSheetOptions{})
		if err != nil || len(errs) != 0 || sh.Month != "2026-03" || len(sh.Rows) != 2 {
			t.Fatalf("%s: read back: %v %v %+v", format, err, errs, sh)
		}
		got := sh.Rows[0]
		p := got.Project
		if p.Name != ps[0].Name || p.Total != ps[0].Total || p.Planned(2026) != 30000*w || got.YearDone != 7600*w+5 ||
			got.MonthDone != 2600*w || p.Lead != "市交通局" || strings.Join(p.Support, "|") != "市财政局|柯城区政府" ||
			p.RegionCode != "330600" || p.StartYear != 2024 || p.EndYear != 2027 || len(p.Milestones) != 2 || got.Problems != "拆迁" {
			t.Errorf("%s: read back %+v", format, got)
		}
		// As exported, the sheet reports nothing new.
		save, again, errs := ApplyProjectSheet(sh, items, ps, reps, "x", "y")
		if len(errs) != 0 || len(again) != 0 || len(save) != 2 || save[0].ID != "a" || save[0].ItemID != "t1" {
			t.Errorf("%s: re-import: %d reports %v", format, len(again), errs)
		}
	}
}

// FuzzReadProjectSheet feeds the project table reader any bytes: it must
// return an error or rows whose amounts are within bounds, never panic.
func FuzzReadProjectSheet(f *testing.F) {
	f.Add([]byte(officeSheet))
	f.Add([]byte("项目名称,总投资（亿元）,1-13月完成投资\n甲,1e308,NaN\n"))
	f.Add(hostile.Workbook(`<row r="1"><c r="A1" t="inlineStr"><is><t>项目名称</t></is></c><c r="B1" t="inlineStr"><is><t>总投资</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>甲</t></is></c><c r="B2"><v>45078</v></c></row>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, format := range []string{"csv", "xlsx"} {
			sh, _, err := ReadProjectSheet(context.Background(), bytes.NewReader(data), format, ProjectSheetOptions{Limits: fuzzLimits, Month: "2026-03"})
			if err != nil {
				continue
			}
			for _, r := range sh.Rows {
				if r.Project.Name == "" || r.Project.Total < 0 || r.Project.Total > maxWan*store.WanScale || r.YearDone < 0 {
					t.Fatalf("%s: row %+v", format, r)
				}
			}
		}
	})
}

// TestReadProjectSheetHostile: a project table goes through the same
// budgets as a task list.
func TestReadProjectSheetHostile(t *testing.T) {
	_, _, err := ReadProjectSheet(context.Background(), bytes.NewReader(hostile.SheetBomb(1<<30+1)), "xlsx", ProjectSheetOptions{Month: "2026-03"})
	var le *LimitError
	if !errors.As(err, &le) || le.Limit != "sheet_max_inflated" {
		t.Errorf("sheet bomb: %v", err)
	}
}
