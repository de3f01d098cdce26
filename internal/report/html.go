package report

import (
	"embed"
	"fmt"
	"html/template"
	"io"
	"strings"
	"time"

	"planwatch/internal/amount"
)

//go:embed templates/report.html
var templateFS embed.FS

// htmlTemplate is parsed once: a broken template is a bug found by the
// first test, not a failure at a user's desk.
var htmlTemplate = template.Must(template.New("report.html").Funcs(template.FuncMap{
	"num":          amount.Format,
	"pct":          FormatPercent,
	"day":          dayText,
	"stamp":        stampText,
	"point":        pointText,
	"target":       targetText,
	"join":         func(s []string) string { return strings.Join(s, "、") },
	"dash":         dash,
	"statusColor":  statusColor,
	"statusChart":  StatusChart,
	"lineChart":    LineChart,
	"compareChart": CompareChart,
	"outlook":      outlookText,
	"outlookClass": outlookClass,
	"attain":       attainText,
	"kind":         kindText,
	"binding": func(b bool) string {
		if b {
			return "约束性"
		}
		return "预期性"
	},
	"count": count,
	"inc":   func(i int) int { return i + 1 },
	"refs":  indicatorRefs,
	"add":   func(a, b int) int { return a + b },
}).ParseFS(templateFS, "templates/report.html"))

// htmlView is what the template renders: the report and the numbering of
// its sections, which shifts when there is no comparison.
type htmlView struct {
	*Report
	Sections map[string]string
}

var numerals = []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}

// WriteHTML writes the report as one self-contained HTML page: inline CSS
// and SVG charts, no scripts, fonts or images to fetch, laid out to print
// on A4.
func WriteHTML(w io.Writer, r *Report) error {
	v := htmlView{Report: r, Sections: map[string]string{}}
	names := []string{"summary", "tasks", "lagging", "indicators"}
	if r.Projects != nil {
		names = append(names, "projects")
	}
	if len(r.Comparisons) > 0 {
		names = append(names, "compare")
	}
	names = append(names, "changes")
	for i, n := range names {
		v.Sections[n] = numerals[i]
	}
	if err := htmlTemplate.Execute(w, v); err != nil {
		return fmt.Errorf("write html: %w", err)
	}
	return nil
}

// dayText writes a date as Chinese documents do: 2024年6月30日, in the
// zone it was given in (the report date is the day the user named).
func dayText(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return fmt.Sprintf("%d年%d月%d日", t.Year(), t.Month(), t.Day())
}

// stampText writes a record time to the minute, in 北京时间.
func stampText(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(chinaTime).Format("2006-01-02 15:04")
}

// pointText writes a figure in unit with its period: 3.1%（2023年）,
// 1200亿元（2023年）.
func pointText(p *Point, unit string) string {
	if p == nil {
		return "—"
	}
	return amount.Format(p.Value, unit) + "（" + periodText(p.Period) + "）"
}

// targetText writes a target in unit with its sign and period, its
// figures as amount.Format writes them: ≥3.5%（2025年）, ≈5%（2026年） for
// 左右, 4.5%—5%（2026年） for a range.
func targetText(op string, p *Point, top *float64, approx bool, unit string) string {
	if p == nil {
		return "—"
	}
	t := officeTarget(op, &Point{Value: p.Value}, top, approx, unit)
	return t + "（" + periodText(p.Period) + "）"
}

// TargetText writes the row's target with its sign and period, as the
// report's tables do: ≥3.5%（2025年）, ≈5%（2026年）, 4.5%—5%（2026年）.
func (r IndicatorRow) TargetText() string {
	return targetText(r.TargetOp, r.Target, r.TargetMax, r.Approx, r.Unit)
}

func dash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}

// outlookText is the verdict on an indicator in words.
func outlookText(known, onTrack bool) string {
	switch {
	case !known:
		return "数据不足"
	case onTrack:
		return "预计达成"
	}
	return "偏离目标"
}

func outlookClass(known, onTrack bool) string {
	switch {
	case !known:
		return "o-unknown"
	case onTrack:
		return "o-good"
	}
	return "o-bad"
}

func attainText(a *float64) string {
	if a == nil {
		return "—"
	}
	return FormatPercent(*a)
}

// indicatorRefs lists the sources of an indicator row: its sentence in
// the plan and its latest figure.
func indicatorRefs(ref string, latest *Point) string {
	var refs []string
	if ref != "" {
		refs = append(refs, ref)
	}
	if latest != nil && latest.Ref != "" {
		refs = append(refs, latest.Ref)
	}
	return dash(strings.Join(refs, " "))
}

// kindText names a source's kind in Chinese.
func kindText(k string) string {
	switch k {
	case "update":
		return "进展填报"
	case "import":
		return "清单导入"
	case "observation":
		return "统计数据"
	case "document":
		return "规划文本"
	}
	return k
}
