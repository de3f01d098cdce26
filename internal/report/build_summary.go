package report

import (
	"fmt"
	"math"
	"strings"
	"time"

	"planwatch/internal/amount"
	"planwatch/internal/store"
	"planwatch/internal/track"
)

// maxHighlights bounds the summary sentences: a summary page is read in
// a minute.
const maxHighlights = 6

// summary counts tasks and indicators and writes the highlights.
func (s *snapshot) summary(tasks []task, inds []IndicatorRow) Summary {
	rows := make([]TaskRow, len(tasks))
	for i, t := range tasks {
		rows[i] = t.row
	}
	sum := Summary{Tasks: len(tasks), ByStatus: statusCounts(rows), Indicators: len(inds)}
	good := 0
	for _, r := range rows {
		switch r.Status {
		case track.StatusDone, track.StatusInProgress:
			good++
		}
		if r.Overdue {
			sum.Overdue++
		}
	}
	if sum.Tasks > 0 {
		sum.OnSchedule = 100 * float64(good) / float64(sum.Tasks)
	}
	rhythm := s.state.Rhythm
	sum.Unreported = s.state.Unreported()
	for _, r := range inds {
		switch {
		case !r.Known:
			sum.Unknown++
		case r.OnTrack:
			sum.OnTrack++
		default:
			sum.OffTrack++
		}
	}
	sum.Highlights = highlights(sum, rows, inds, rhythm.PeriodDue(s.asOf), rhythm.Quarterly)
	return sum
}

// count returns the count of a status in sum.ByStatus.
func count(sum Summary, status string) int {
	for _, c := range sum.ByStatus {
		if c.Status == status {
			return c.Count
		}
	}
	return 0
}

// highlights writes the summary's sentences: tasks on schedule, tasks
// lagging, missing reports, indicators overall, then the indicators most
// worth a reader's attention (off track first).
func highlights(sum Summary, rows []TaskRow, inds []IndicatorRow, period track.Period, quarterly bool) []string {
	var out []string
	if sum.Tasks > 0 {
		done := count(sum, track.StatusDone)
		good := int(math.Round(sum.OnSchedule * float64(sum.Tasks) / 100))
		if done > 0 {
			out = append(out, fmt.Sprintf("%d项重点任务中，%d项已完成或正常推进（其中已完成%d项），占%s。",
				sum.Tasks, good, done, FormatPercent(sum.OnSchedule)))
		} else {
			out = append(out, fmt.Sprintf("%d项重点任务中，%d项正常推进，占%s。",
				sum.Tasks, good, FormatPercent(sum.OnSchedule)))
		}
		behind, overdue := count(sum, track.StatusBehind), count(sum, track.StatusOverdue)
		switch {
		case behind > 0 && overdue > 0:
			out = append(out, fmt.Sprintf("%d项进度滞后、%d项逾期，需重点督办。", behind, overdue))
		case behind > 0:
			out = append(out, fmt.Sprintf("%d项进度滞后于序时进度，需重点督办。", behind))
		case overdue > 0:
			out = append(out, fmt.Sprintf("%d项逾期未完成，需重点督办。", overdue))
		default:
			out = append(out, "无进度滞后或逾期任务。")
		}
		if n := count(sum, track.StatusExtended); n > 0 {
			out = append(out, fmt.Sprintf("%d项经批准延期。", n))
		}
	}
	if sum.Unreported > 0 {
		name := fmt.Sprintf("%d年%d月", period.Start.Year(), period.Start.Month())
		if quarterly {
			name = fmt.Sprintf("%d年第%d季度", period.Start.Year(), (int(period.Start.Month())-1)/3+1)
		}
		out = append(out, fmt.Sprintf("%s进展应于%d月%d日前报送，尚有%d项任务未报送。",
			name, period.Due.Month(), period.Due.Day(), sum.Unreported))
	}
	if sum.Indicators > 0 {
		parts := []string{fmt.Sprintf("预计可以达成%d项", sum.OnTrack)}
		if sum.OffTrack > 0 {
			parts = append(parts, fmt.Sprintf("偏离目标%d项", sum.OffTrack))
		}
		if sum.Unknown > 0 {
			parts = append(parts, fmt.Sprintf("数据不足%d项", sum.Unknown))
		}
		out = append(out, fmt.Sprintf("%d项主要指标中，%s。", sum.Indicators, strings.Join(parts, "，")))
	}
	// Off-track indicators first, then on-track ones, in plan order.
	for _, wantOff := range []bool{true, false} {
		for _, r := range inds {
			if len(out) >= maxHighlights {
				return out
			}
			if !r.Known || r.Latest == nil || r.Target == nil || r.OnTrack == wantOff {
				continue
			}
			out = append(out, indicatorSentence(r))
		}
	}
	return out
}

// indicatorSentence says where an indicator stands: 研发经费投入强度2023年
// 为3.1%，距2025年目标3.5%尚差0.4个百分点，按趋势预计可以达成。
func indicatorSentence(r IndicatorRow) string {
	gapUnit := r.Unit
	if r.Unit == "%" {
		gapUnit = "个百分点"
	}
	figure, goal := amount.Format(r.Target.Value, r.Unit), r.Target.Value
	if r.TargetMax != nil {
		// A range is reached at its lower end, or its upper end where less is better.
		figure += "—" + amount.Format(*r.TargetMax, r.Unit)
		if r.Direction == store.DirectionDown {
			goal = *r.TargetMax
		}
	}
	if r.Approx {
		figure += "左右"
	}
	target := fmt.Sprintf("%s年目标%s", r.Target.Period, figure)
	gap := goal - r.Latest.Value
	if r.Direction == store.DirectionDown {
		gap = -gap
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s%s为%s，", r.Name, periodText(r.Latest.Period), amount.Format(r.Latest.Value, r.Unit))
	switch {
	case gap <= 0:
		fmt.Fprintf(&b, "已达到%s", target)
	case r.Direction == store.DirectionDown:
		fmt.Fprintf(&b, "距%s尚需降低%s", target, amount.Format(gap, gapUnit))
	default:
		fmt.Fprintf(&b, "距%s尚差%s", target, amount.Format(gap, gapUnit))
	}
	switch {
	case r.Projected != nil && r.OnTrack:
		b.WriteString("，按趋势预计可以达成。")
	case r.Projected != nil:
		fmt.Fprintf(&b, "，按趋势预计%s年为%s，难以达成。", r.Projected.Period, amount.Format(r.Projected.Value, r.Unit))
	case r.OnTrack:
		b.WriteString("。")
	default:
		b.WriteString("，需加快推进。")
	}
	return b.String()
}

// chinaTime is the zone report dates and record times are printed in:
// the offices read 北京时间, whatever the server's zone.
var chinaTime = time.FixedZone("CST", 8*3600)
