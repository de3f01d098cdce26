package report

import (
	"fmt"
	"strings"
)

// docxSections writes the report's sections in the order of the HTML
// report. Section numbers are counted, not fixed, because 区域比较 is
// only there when comparisons were asked for.
func docxSections(d *docxBody, r *Report) {
	d.text("Title", officeTitle(r))
	if sub := docxSubtitle(r); sub != "" {
		d.text("Subtitle", sub)
	}

	n := 0
	section := func(title string) {
		n++
		d.text("Heading1", officeCN(n)+"、"+title)
	}

	section("总体情况")
	docxOverview(d, r)
	section("重点任务推进情况")
	docxTasks(d, r)
	section("滞后和逾期事项")
	docxLagging(d, r)
	section("主要指标完成情况")
	docxIndicators(d, r)
	if r.Projects != nil {
		section("重大项目推进情况")
		docxProjects(d, r.Projects)
	}
	if len(r.Comparisons) > 0 {
		section("区域比较")
		docxComparisons(d, r)
	}
	section("本期变化")
	docxChanges(d, r)

	d.text("Heading1", "附录　数据来源")
	docxSources(d, r)
}

// docxSubtitle is the line under the title: the date the figures stand
// at, and the region and plan period when known.
func docxSubtitle(r *Report) string {
	var parts []string
	if r.Region != "" {
		parts = append(parts, r.Region)
	}
	if r.Period != "" {
		parts = append(parts, "规划期"+r.Period)
	}
	if d := officeDate(r.AsOf); d != "" {
		parts = append(parts, "截至"+d)
	}
	if len(parts) == 0 {
		return ""
	}
	return "（" + strings.Join(parts, "　") + "）"
}

func docxOverview(d *docxBody, r *Report) {
	s := r.Summary
	asOf := ""
	if date := officeDate(r.AsOf); date != "" {
		asOf = "截至" + date + "，"
	}
	d.text("Body", fmt.Sprintf("%s纳入评估的重点任务共%d项，已完成或正常推进的占%s，逾期%d项，本期未报送进展%d项。"+
		"纳入评估的主要指标%d项，其中预计达标%d项、预计难以达标%d项、暂无法判断%d项。",
		asOf, s.Tasks, officePct(s.OnSchedule), s.Overdue, s.Unreported, s.Indicators, s.OnTrack, s.OffTrack, s.Unknown))
	for _, h := range s.Highlights {
		d.text("Body", h)
	}
	d.table(docxStatusTable("重点任务状态汇总", s.ByStatus, s.Tasks))
}

func docxTasks(d *docxBody, r *Report) {
	if len(r.Themes) == 0 {
		d.text("Body", "本规划暂无纳入跟踪的重点任务。")
		return
	}
	n := 0
	for _, g := range r.Themes {
		n++
		d.text("Heading2", "（"+officeCN(n)+"）"+g.Name)
		line := fmt.Sprintf("本方面共%d项任务", len(g.Tasks))
		if st := officeStatusText(g.ByStatus); st != "" {
			line += "，其中" + st
		}
		d.text("Body", line+"。")
		if len(g.Tasks) > 0 {
			d.table(docxTaskTable(g.Name+"任务推进情况", g.Tasks))
		}
	}
	if len(r.Units) > 0 {
		n++
		d.text("Heading2", "（"+officeCN(n)+"）"+"各牵头单位推进情况")
		d.table(docxUnitTable("各牵头单位任务状态", r.Units, r.Summary.ByStatus))
	}
}

func docxLagging(d *docxBody, r *Report) {
	if len(r.Lagging) == 0 {
		d.text("Body", "本期无滞后或逾期的重点任务。")
		return
	}
	d.text("Body", fmt.Sprintf("滞后于序时进度或逾期的重点任务共%d项，其中逾期%d项，具体如下。", len(r.Lagging), r.Summary.Overdue))
	d.table(docxLaggingTable("滞后和逾期事项", r.Lagging))
}

func docxIndicators(d *docxBody, r *Report) {
	if len(r.Indicators) == 0 {
		d.text("Body", "本规划暂无纳入监测的主要指标。")
		return
	}
	d.text("Body", "各项指标的基期、最新值和目标值后括注所属期别；“预计”为按现有数据趋势推算的目标年份数值。")
	d.table(docxIndicatorTable("主要指标完成情况", r.Indicators))
}

func docxComparisons(d *docxBody, r *Report) {
	for i, c := range r.Comparisons {
		name := officeIndicatorName(c.Indicator, c.Unit)
		d.text("Heading2", "（"+officeCN(i+1)+"）"+name)
		d.table(docxComparisonTable(name+"区域比较", c))
	}
}

func docxChanges(d *docxBody, r *Report) {
	since := "上期报告以来"
	if !r.Previous.IsZero() {
		since = "自" + officeDate(r.Previous) + "以来"
	}
	if len(r.Changes) == 0 {
		if r.Previous.IsZero() {
			d.text("Body", "本报告为首次评估，无可比较的上期报告。")
		} else {
			d.text("Body", since+"，重点任务状态无变化。")
		}
		return
	}
	d.text("Body", fmt.Sprintf("%s，共有%d项重点任务状态发生变化。", since, len(r.Changes)))
	d.table(docxChangeTable("本期状态变化", r.Changes))
}

func docxSources(d *docxBody, r *Report) {
	line := "表中“最新进展”等栏括注的编号对应下列来源。"
	if date := officeDate(r.AsOf); date != "" {
		line += "本报告仅采用截至" + date + "已记录的数据"
		if r.GeneratedBy != "" {
			line += "，由planwatch " + r.GeneratedBy + "生成"
		}
		line += "。"
	}
	d.text("Body", line)
	if len(r.Sources) > 0 {
		d.table(docxSourceTable("数据来源", r.Sources))
	}
	// A document ends with a paragraph, not a table: Word adds one on
	// opening otherwise and then offers to save a "changed" file.
	d.text("Body", "")
}

func docxProjects(d *docxBody, p *Projects) {
	d.text("Body", fmt.Sprintf("截至%s，纳入跟踪的重大项目共%d个，总投资%s，年度计划投资%s，累计完成投资%s，投资完成率%s（序时进度%s）；需关注项目%d个。",
		monthText(p.Month), p.Sum.Count, p.Sum.TotalText, p.Sum.PlanText, p.Sum.DoneText, p.Sum.RateText, FormatPercent(p.Due), len(p.Late)))
	t := docxTable{caption: "重大项目推进情况", cols: []docxCol{
		{"序号", 5, true}, {"项目名称", 20, false}, {"牵头单位", 11, false}, {"总投资", 9, true}, {"年度计划", 9, true},
		{"累计完成", 9, true}, {"完成率", 7, true}, {"形象进度", 7, true}, {"存在问题", 18, false},
	}}
	for _, r := range p.Rows {
		t.rows = append(t.rows, []string{fmt.Sprint(r.Number), r.Name, dashText(r.Lead), r.TotalText, r.PlanText, r.DoneText,
			r.RateText, r.Phase, dashText(r.Problems)})
	}
	t.rows = append(t.rows, []string{"合计", fmt.Sprintf("%d个项目", p.Sum.Count), "", p.Sum.TotalText, p.Sum.PlanText,
		p.Sum.DoneText, p.Sum.RateText, "", ""})
	d.table(t)
	if len(p.DueSoon) > 0 {
		var parts []string
		for _, r := range p.DueSoon {
			parts = append(parts, r.Name+"（"+strings.Join(r.DueSoon, "、")+"）")
		}
		d.text("Body", "下月到期节点："+strings.Join(parts, "；")+"。")
	}
	for _, g := range []struct {
		name string
		rows []ProjectTotal
	}{{"按任务汇总", p.ByTask}, {"按牵头单位汇总", p.ByUnit}, {"按地区汇总", p.ByRegion}} {
		t := docxTable{caption: "重大项目" + g.name, cols: []docxCol{
			{"", 22, false}, {"项目数", 7, true}, {"总投资", 12, true}, {"年度计划", 12, true}, {"累计完成", 12, true},
			{"完成率", 8, true}, {"需关注", 7, true},
		}}
		for _, r := range g.rows {
			t.rows = append(t.rows, []string{r.Name, fmt.Sprint(r.Count), r.TotalText, r.PlanText, r.DoneText, r.RateText, fmt.Sprint(r.Late)})
		}
		d.table(t)
	}
}

// monthText writes 2026-03 as 2026年3月.
func monthText(m string) string {
	if len(m) != 7 {
		return m
	}
	return m[:4] + "年" + strings.TrimPrefix(m[5:], "0") + "月"
}

func dashText(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
