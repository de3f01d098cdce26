package report

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"planwatch/internal/amount"
)

// Text helpers shared by the DOCX and XLSX writers. They only format what
// the model holds: the figures are computed by Build.

// officeDash stands in for a missing figure, as printed tables do.
const officeDash = "—"

// officeTitle is the report's title, falling back on the plan's title so a
// report built without one still has a heading.
func officeTitle(r *Report) string {
	switch {
	case r.Title != "":
		return r.Title
	case r.PlanTitle != "":
		return "《" + r.PlanTitle + "》实施情况评估报告"
	}
	return "实施情况评估报告"
}

// officePct writes a percentage with one decimal: 58.3%.
func officePct(v float64) string {
	return strconv.FormatFloat(math.Round(v*10)/10, 'f', 1, 64) + "%"
}

// officeProgress writes a task's reported progress: 60%.
func officeProgress(p int) string { return strconv.Itoa(p) + "%" }

// officeAttain writes an indicator's attainment, or a dash when unknown.
func officeAttain(a *float64) string {
	if a == nil {
		return officeDash
	}
	return officePct(*a)
}

// officePoint writes a value in unit with its period, as amount.Format
// writes it: 3.05%（2023）, 1200亿元（2023）.
func officePoint(p *Point, unit string) string {
	if p == nil {
		return officeDash
	}
	v := amount.Format(p.Value, unit)
	if p.Period == "" {
		return v
	}
	return v + "（" + p.Period + "）"
}

// officeOp is the sign printed before a target: ≥3.5.
func officeOp(op string) string {
	switch op {
	case ">=":
		return "≥"
	case "<=":
		return "≤"
	case ">", "<":
		return op
	}
	return "" // "=" and unknown: the bare figure, as plans print 新增1500家
}

// officeTarget writes a target in unit with its sign and year, each
// figure as amount.Format writes it: ≥3.5%（2025）, ≈5%（2026） for 左右,
// 4.5%—5%（2026） for a range, ≥1200亿元（2025）.
func officeTarget(op string, p *Point, top *float64, approx bool, unit string) string {
	if p == nil {
		return officeDash
	}
	figure := amount.Format(p.Value, unit)
	switch {
	case top != nil:
		figure += "—" + amount.Format(*top, unit)
		if approx {
			figure = "≈" + figure
		}
	case approx:
		figure = "≈" + figure
	default:
		figure = officeOp(op) + figure
	}
	if p.Period == "" {
		return figure
	}
	return figure + "（" + p.Period + "）"
}

// targetCondition is the sign column of a target in a table: ≥, ≤, ≈ for
// 左右, 区间 for a range, empty for "=".
func targetCondition(op string, top *float64, approx bool) string {
	switch {
	case top != nil:
		return "区间"
	case approx:
		return "≈"
	}
	return officeOp(op)
}

// officeIndicatorStatus is the outlook of an indicator in words.
func officeIndicatorStatus(known, onTrack bool) string {
	switch {
	case !known:
		return "暂无法判断"
	case onTrack:
		return "预计达标"
	}
	return "预计难以达标"
}

// officeBinding is the indicator's attribute as plans print it.
func officeBinding(binding bool) string {
	if binding {
		return "约束性"
	}
	return "预期性"
}

// officeSourceKind names a source kind in Chinese; unknown kinds print
// as they are rather than vanish.
func officeSourceKind(kind string) string {
	switch kind {
	case "update":
		return "进展填报"
	case "import":
		return "数据导入"
	case "observation":
		return "统计数据"
	case "document":
		return "文件原文"
	}
	return kind
}

// officeDate writes a date the way official documents do: 2024年6月30日.
func officeDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return fmt.Sprintf("%d年%d月%d日", t.Year(), t.Month(), t.Day())
}

// officeUnits joins unit names with the enumeration comma.
func officeUnits(units []string) string { return strings.Join(units, "、") }

// officeNote writes a latest note followed by its date and source
// reference, so a reader can trace the sentence: 已开工（2024-06-30，S3）.
func officeNote(note, date, ref string) string {
	var tail []string
	for _, s := range []string{date, ref} {
		if s != "" {
			tail = append(tail, s)
		}
	}
	if len(tail) == 0 {
		return note
	}
	return note + "（" + strings.Join(tail, "，") + "）"
}

// officeIndicatorName appends the unit to an indicator's name: GDP增速（%）.
func officeIndicatorName(name, unit string) string {
	if unit == "" {
		return name
	}
	return name + "（" + unit + "）"
}

// officeCN writes n (1–99) in Chinese numerals for heading numbers: 一, 十二.
func officeCN(n int) string {
	digits := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n <= 0 || n >= 100:
		return strconv.Itoa(n)
	case n < 10:
		return digits[n]
	case n < 20:
		return "十" + digits[n%10]
	}
	return digits[n/10] + "十" + digits[n%10]
}

// officeStatusText lists the non-zero status counts: 进行中3项、滞后1项.
func officeStatusText(counts []StatusCount) string {
	var parts []string
	for _, c := range counts {
		if c.Count > 0 {
			parts = append(parts, fmt.Sprintf("%s%d项", c.Label, c.Count))
		}
	}
	return strings.Join(parts, "、")
}
