package track

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"planwatch/internal/extract"
	"planwatch/internal/store"
)

// Plans have kinds, and a kind says how long a plan runs:
//
//   - 规划, 规划纲要, 纲要: several years (a 五年规划's five);
//   - 行动计划, 行动方案, 实施方案, 工作方案, 计划, 方案 …: the years they
//     state;
//   - 年度计划, 工作要点, 工作计划, 政府工作报告: one year, the report's own.
//
// The period is read from the document at `plan create`, shown in every
// view, and set by hand with `plan set --period` or the plan page's
// settings; a plan without one is shown as such with how to set it.

// Spans of a plan kind.
const (
	SpanMulti  = "multi"  // several years
	SpanStated = "stated" // the years the document states
	SpanAnnual = "annual" // one year
)

// PlanKinds lists the kinds the settings offer, multi-year first.
var PlanKinds = []string{"规划", "规划纲要", "纲要", "行动计划", "行动方案", "实施方案", "工作方案", "年度计划", "工作要点", "工作计划", "政府工作报告"}

// KindSpan says how long a plan of kind runs (SpanStated for a kind it
// does not know, or none).
func KindSpan(kind string) string {
	switch {
	case kind == "":
		return SpanStated
	case kind == workReport || strings.HasSuffix(kind, "工作要点") || strings.HasSuffix(kind, "年度计划") ||
		strings.HasSuffix(kind, "工作计划"):
		return SpanAnnual
	case strings.HasSuffix(kind, "规划") || strings.HasSuffix(kind, "纲要"):
		return SpanMulti
	}
	return SpanStated
}

// SpanText words a span in Chinese: 多年, 按文件所述年份, 一年.
func SpanText(span string) string {
	switch span {
	case SpanMulti:
		return "多年"
	case SpanAnnual:
		return "一年"
	}
	return "按文件所述年份"
}

// planKind is the kind of the plan a document makes: the extraction's,
// else the document's, made finer by the title for the one-year kinds
// the extraction files under a broader word (工作计划 under 计划).
func planKind(res *extract.Result, doc store.Document) string {
	kind := strings.TrimSpace(res.Kind)
	if kind == "" {
		kind = doc.Kind
	}
	title := strings.TrimSpace(res.Title)
	for _, k := range []string{"年度计划", "工作要点", "工作计划"} {
		if strings.HasSuffix(title, k) && KindSpan(kind) != SpanAnnual {
			return k
		}
	}
	return kind
}

// annualYear is the one year of a one-year plan other than a work
// report: the year its title names (2025年工作要点, issued in late 2024,
// is 2025's), else a one-year period, else the year a work report would
// have (ReportYear).
func annualYear(res *extract.Result) int {
	if m := titleYear.FindString(res.Title); m != "" {
		y, _ := strconv.Atoi(m[:4])
		return y
	}
	if p := res.Period; p != nil && p.Start != 0 && p.Start == p.End {
		return p.Start
	}
	return ReportYear(res)
}

var periodForm = regexp.MustCompile(`^\s*((?:19|20|21)\d{2})\s*(?:年)?\s*(?:(?:[-—–~～至到－]|--)\s*((?:19|20|21)\d{2})\s*年?)?\s*$`)

// ParsePeriod reads a plan's years as people write them: 2021-2025,
// 2021—2025年, 2021至2025年, or one year (2026, 2026年).
func ParsePeriod(s string) (store.PlanYears, error) {
	m := periodForm.FindStringSubmatch(s)
	if m == nil {
		return store.PlanYears{}, fmt.Errorf("period %q: want years such as 2021-2025, or one year such as 2026", s)
	}
	start, _ := strconv.Atoi(m[1])
	end := start
	if m[2] != "" {
		end, _ = strconv.Atoi(m[2])
	}
	if start > end {
		return store.PlanYears{}, fmt.Errorf("period %q: the first year is after the last", s)
	}
	return store.PlanYears{Start: start, End: end}, nil
}

// CheckPeriod refuses years that do not fit a plan of kind: a one-year
// kind runs one year.
func CheckPeriod(kind string, y store.PlanYears) error {
	if KindSpan(kind) == SpanAnnual && y.Start != y.End {
		return fmt.Errorf("period %d–%d: a %s runs one year; give one year such as %d", y.Start, y.End, kind, y.End)
	}
	return nil
}

// HasPeriod reports whether a plan's years are known.
func HasPeriod(p store.Plan) bool { return p.StartYear != 0 || p.EndYear != 0 }
