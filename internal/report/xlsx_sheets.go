package report

// The sheets of the workbook, each laid out from the model as it is.

import (
	"fmt"
	"math"

	"planwatch/internal/amount"
	"planwatch/internal/store"
)

// xlsxSheets lists the sheets in order.
func xlsxSheets(r *Report) []xlsxSheet {
	sheets := []xlsxSheet{
		xlsxSummary(r),
		xlsxTaskSheet("重点任务", xlsxThemeTasks(r.Themes)),
		xlsxUnitSheet(r),
		xlsxTaskSheet("滞后逾期", r.Lagging),
		xlsxIndicatorSheet(r),
		xlsxSeriesSheet(r),
	}
	if r.Projects != nil {
		sheets = append(sheets, xlsxProjectSheet(r.Projects))
	}
	if len(r.Comparisons) > 0 {
		sheets = append(sheets, xlsxComparisonSheet(r))
	}
	return append(sheets, xlsxChangeSheet(r), xlsxSourceSheet(r))
}

// xlsxSummary is the 总体情况 sheet: key figures as 项目 | 数值, then the
// status counts and the highlights below.
func xlsxSummary(r *Report) xlsxSheet {
	s := r.Summary
	text := func(v string) any { return xlsxCell{xlsxText, v} }
	count := func(v int) any { return xlsxCell{xlsxInt, v} }
	date := func(v any) any { return xlsxCell{xlsxDate, v} }
	rows := [][]any{
		{"报告", text(officeTitle(r))},
		{"规划", text(r.PlanTitle)},
		{"地区", text(r.Region)},
		{"规划期", text(r.Period)},
		{"评估截至日期", date(r.AsOf)},
		{"上期报告日期", date(r.Previous)},
		{"重点任务（项）", count(s.Tasks)},
		{"已完成或正常推进占比", xlsxCell{xlsxPct, s.OnSchedule}},
		{"逾期（项）", count(s.Overdue)},
		{"本期未报送进展（项）", count(s.Unreported)},
		{"主要指标（个）", count(s.Indicators)},
		{"预计达标（个）", count(s.OnTrack)},
		{"预计难以达标（个）", count(s.OffTrack)},
		{"暂无法判断（个）", count(s.Unknown)},
	}
	if r.GeneratedBy != "" {
		rows = append(rows, []any{"生成", text("planwatch " + r.GeneratedBy)})
	}
	head := func(v string) any { return xlsxCell{xlsxHead, v} }
	rows = append(rows, nil, []any{head("状态"), head("任务数（项）")})
	for _, c := range s.ByStatus {
		rows = append(rows, []any{c.Label, count(c.Count)})
	}
	rows = append(rows, []any{"合计", count(s.Tasks)})
	if len(s.Highlights) > 0 {
		rows = append(rows, nil, []any{head("要点"), head("内容")})
		for i, h := range s.Highlights {
			rows = append(rows, []any{xlsxCell{xlsxInt, i + 1}, text(h)})
		}
	}
	// The blank separator rows would otherwise get borders.
	for i, row := range rows {
		if row == nil {
			rows[i] = []any{xlsxCell{xlsxBlank, nil}, xlsxCell{xlsxBlank, nil}}
		}
	}
	return xlsxSheet{name: "总体情况", rows: rows, cols: []xlsxCol{
		{"项目", 24, xlsxText}, {"数值", 60, xlsxText},
	}}
}

// xlsxThemeTasks lists the tasks of all themes in plan order, filling a
// task's theme from its group when the row has none.
func xlsxThemeTasks(themes []Group) []TaskRow {
	var out []TaskRow
	for _, g := range themes {
		for _, t := range g.Tasks {
			if t.Theme == "" {
				t.Theme = g.Name
			}
			out = append(out, t)
		}
	}
	return out
}

// xlsxTaskSheet is a sheet of task rows: 重点任务 and 滞后逾期.
func xlsxTaskSheet(name string, tasks []TaskRow) xlsxSheet {
	s := xlsxSheet{name: name, table: true, cols: []xlsxCol{
		{"序号", 7, xlsxCenter}, {"主题", 14, xlsxText}, {"重点任务", 40, xlsxText},
		{"牵头单位", 18, xlsxText}, {"配合单位", 18, xlsxText}, {"完成时限", 12, xlsxDate},
		{"状态", 9, xlsxCenter}, {"进度", 8, xlsxPct}, {"序时进度", 9, xlsxPct}, {"是否逾期", 8, xlsxCenter},
		{"最新进展", 44, xlsxText}, {"进展日期", 12, xlsxDate}, {"来源", 7, xlsxCenter},
	}}
	for _, t := range tasks {
		overdue := ""
		if t.Overdue {
			overdue = "是"
		}
		s.rows = append(s.rows, []any{
			t.Number, t.Theme, t.Title, officeUnits(t.Lead), officeUnits(t.Support), t.Deadline,
			t.Label, t.Progress, t.Expected, overdue, t.LatestNote, t.LatestDate, t.Ref,
		})
	}
	return s
}

// xlsxUnitSheet counts each lead unit's tasks by status, one column per
// status in the summary's vocabulary order.
func xlsxUnitSheet(r *Report) xlsxSheet {
	s := xlsxSheet{name: "按牵头单位", table: true, cols: []xlsxCol{
		{"牵头单位", 22, xlsxText}, {"任务数", 9, xlsxInt},
	}}
	for _, c := range r.Summary.ByStatus {
		s.cols = append(s.cols, xlsxCol{c.Label, 10, xlsxInt})
	}
	for _, g := range r.Units {
		counts := map[string]int{}
		for _, c := range g.ByStatus {
			counts[c.Status] = c.Count
		}
		row := []any{g.Name, len(g.Tasks)}
		for _, c := range r.Summary.ByStatus {
			row = append(row, counts[c.Status])
		}
		s.rows = append(s.rows, row)
	}
	return s
}

// xlsxPoint splits a point into its period and value, empty when nil.
func xlsxPoint(p *Point, unit string) (period, value any) {
	if p == nil {
		return nil, nil
	}
	return p.Period, xlsxFigure(p.Value, unit)
}

// xlsxTop is a range's upper end in unit, formatted as its lower end is
// (xlsxFigure); nil when the target is no range.
func xlsxTop(top *float64, unit string) any {
	if top == nil {
		return nil
	}
	return xlsxFigure(*top, unit)
}

// xlsxFigure is a figure in unit as a number cell shown with 万 or 亿 as
// amount.Format would write it (1.2e11 元 shows as 1200.00亿 beside its
// unit), so the sheet reads as the report does and still sums.
func xlsxFigure(v float64, unit string) any {
	switch div, _ := amount.Scale(v, unit); div {
	case 1e4:
		return xlsxCell{kind: xlsxWan, v: v}
	case 1e8, 1e12:
		return xlsxCell{kind: xlsxYi, v: v}
	}
	return v
}

// xlsxDirection says in words which way an indicator should move.
func xlsxDirection(d string) string {
	switch d {
	case "up":
		return "越大越好"
	case "down":
		return "越小越好"
	}
	return d
}

func xlsxIndicatorSheet(r *Report) xlsxSheet {
	s := xlsxSheet{name: "主要指标", table: true, cols: []xlsxCol{
		{"序号", 6, xlsxInt}, {"指标", 30, xlsxText}, {"单位", 8, xlsxCenter}, {"属性", 8, xlsxCenter},
		{"方向", 10, xlsxCenter}, {"基期", 9, xlsxCenter}, {"基期值", 10, xlsxNum},
		{"最新期", 9, xlsxCenter}, {"最新值", 10, xlsxNum}, {"目标年份", 9, xlsxCenter},
		{"目标条件", 8, xlsxCenter}, {"目标值", 10, xlsxNum}, {"目标上限", 10, xlsxNum}, {"预计值", 10, xlsxNum},
		{"完成度", 9, xlsxPct}, {"状态", 12, xlsxCenter}, {"来源", 7, xlsxCenter},
	}}
	for i, in := range r.Indicators {
		bp, bv := xlsxPoint(in.Baseline, in.Unit)
		lp, lv := xlsxPoint(in.Latest, in.Unit)
		tp, tv := xlsxPoint(in.Target, in.Unit)
		_, pv := xlsxPoint(in.Projected, in.Unit)
		var op any
		if in.Target != nil {
			op = targetCondition(in.TargetOp, in.TargetMax, in.Approx)
		}
		s.rows = append(s.rows, []any{
			i + 1, in.Name, in.Unit, officeBinding(in.Binding), xlsxDirection(in.Direction),
			bp, bv, lp, lv, tp, op, tv, xlsxTop(in.TargetMax, in.Unit), pv, in.Attainment,
			officeIndicatorStatus(in.Known, in.OnTrack), in.Ref,
		})
	}
	return s
}

// xlsxSeriesSheet lists every observation behind the charts, one row per
// indicator and period, so offices can re-draw them.
func xlsxSeriesSheet(r *Report) xlsxSheet {
	s := xlsxSheet{name: "指标数据", table: true, cols: []xlsxCol{
		{"指标", 30, xlsxText}, {"单位", 8, xlsxCenter}, {"期别", 10, xlsxCenter},
		{"数值", 12, xlsxNum}, {"来源", 7, xlsxCenter},
	}}
	for _, in := range r.Indicators {
		for _, p := range in.Series {
			s.rows = append(s.rows, []any{in.Name, in.Unit, p.Period, xlsxFigure(p.Value, in.Unit), p.Ref})
		}
	}
	return s
}

func xlsxComparisonSheet(r *Report) xlsxSheet {
	s := xlsxSheet{name: "区域比较", table: true, cols: []xlsxCol{
		{"指标", 28, xlsxText}, {"单位", 8, xlsxCenter}, {"地区", 12, xlsxText}, {"规划", 34, xlsxText},
		{"最新期", 9, xlsxCenter}, {"最新值", 10, xlsxNum}, {"目标年份", 9, xlsxCenter},
		{"目标条件", 8, xlsxCenter}, {"目标值", 10, xlsxNum}, {"目标上限", 10, xlsxNum}, {"状态", 12, xlsxCenter},
	}}
	for _, c := range r.Comparisons {
		for _, row := range c.Rows {
			lp, lv := xlsxPoint(row.Latest, c.Unit)
			tp, tv := xlsxPoint(row.Target, c.Unit)
			var op any
			if row.Target != nil {
				op = targetCondition(row.TargetOp, row.TargetMax, row.Approx)
			}
			s.rows = append(s.rows, []any{
				c.Indicator, c.Unit, row.Region, row.Plan, lp, lv, tp, op, tv, xlsxTop(row.TargetMax, c.Unit),
				officeIndicatorStatus(row.Known, row.OnTrack),
			})
		}
	}
	return s
}

func xlsxChangeSheet(r *Report) xlsxSheet {
	s := xlsxSheet{name: "本期变化", table: true, cols: []xlsxCol{
		{"序号", 7, xlsxCenter}, {"重点任务", 40, xlsxText}, {"变化前", 10, xlsxCenter},
		{"变化后", 10, xlsxCenter}, {"说明", 44, xlsxText}, {"来源", 7, xlsxCenter},
	}}
	for _, c := range r.Changes {
		s.rows = append(s.rows, []any{c.Number, c.Title, c.Before, c.After, c.Note, c.Ref})
	}
	return s
}

func xlsxSourceSheet(r *Report) xlsxSheet {
	s := xlsxSheet{name: "数据来源", table: true, cols: []xlsxCol{
		{"编号", 7, xlsxCenter}, {"类型", 10, xlsxCenter}, {"说明", 60, xlsxText},
		{"记录时间", 17, xlsxDateTime},
	}}
	for _, src := range r.Sources {
		s.rows = append(s.rows, []any{src.Ref, officeSourceKind(src.Kind), src.Detail, src.RecordedAt})
	}
	return s
}

// xlsxProjectSheet is the 重大项目 sheet: amounts in 万元 as numbers, so
// offices can sum them, then the 合计 row.
func xlsxProjectSheet(p *Projects) xlsxSheet {
	s := xlsxSheet{name: "重大项目", table: true, cols: []xlsxCol{
		{"序号", 7, xlsxCenter}, {"项目名称", 30, xlsxText}, {"牵头单位", 14, xlsxText}, {"所在地区", 10, xlsxText},
		{"总投资（万元）", 13, xlsxNum}, {"年度计划投资（万元）", 13, xlsxNum}, {"累计完成投资（万元）", 13, xlsxNum},
		{"完成率", 9, xlsxPct}, {"形象进度", 9, xlsxCenter}, {"存在问题", 30, xlsxText},
	}}
	wan := func(v int64) any { return float64(v) / store.WanScale }
	rate := func(r float64) any {
		if math.IsNaN(r) {
			return nil
		}
		return r
	}
	for _, r := range p.Rows {
		s.rows = append(s.rows, []any{r.Number, r.Name, r.Lead, r.Region, wan(r.Total), wan(r.Planned), wan(r.YearDone),
			rate(r.Rate), r.Phase, r.Problems})
	}
	sumRate := math.NaN()
	if p.Sum.Planned > 0 {
		sumRate = 100 * float64(p.Sum.YearDone) / float64(p.Sum.Planned)
	}
	s.rows = append(s.rows, []any{"合计", fmt.Sprintf("%d个项目", p.Sum.Count), nil, nil, wan(p.Sum.Total), wan(p.Sum.Planned),
		wan(p.Sum.YearDone), rate(sumRate), nil, nil})
	return s
}
