package report

import (
	"planwatch/internal/amount"

	"fmt"
	"html"
	"html/template"
	"math"
	"strings"
)

// Charts are inline SVG drawn here rather than by a script library: the
// report must open on closed networks with nothing to fetch, print as it
// shows, and read the same in every browser.

// chartFont is the font stack of chart labels: the Song faces Chinese
// official documents use, then what Linux and macOS carry.
const chartFont = `SimSun,'Songti SC','Noto Serif CJK SC',serif`

// statusColors colour the statuses alike in every chart and table.
var statusColors = map[string]string{
	"not_started": "#9e9e9e",
	"in_progress": "#2e7d32",
	"behind":      "#ef6c00",
	"overdue":     "#c62828",
	"extended":    "#8e24aa",
	"paused":      "#6d4c41",
	"cancelled":   "#546e7a",
	"done":        "#00796b",
}

// statusColor returns a status's colour, grey for an unknown one.
func statusColor(code string) string {
	if c, ok := statusColors[code]; ok {
		return c
	}
	return "#757575"
}

// svg collects the elements of one chart.
type svg struct {
	b    strings.Builder
	w, h float64
}

func newSVG(w, h float64, label string) *svg {
	s := &svg{w: w, h: h}
	fmt.Fprintf(&s.b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %g %g" width="%g" height="%g" role="img" aria-label="%s" font-family="%s" font-size="11">`,
		w, h, w, h, html.EscapeString(label), chartFont)
	return s
}

func (s *svg) text(x, y float64, anchor, fill, t string) {
	fmt.Fprintf(&s.b, `<text x="%.1f" y="%.1f" text-anchor="%s" fill="%s">%s</text>`, x, y, anchor, fill, html.EscapeString(t))
}

func (s *svg) line(x1, y1, x2, y2 float64, stroke string, width float64, dash string) {
	fmt.Fprintf(&s.b, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s" stroke-width="%g"`, x1, y1, x2, y2, stroke, width)
	if dash != "" {
		fmt.Fprintf(&s.b, ` stroke-dasharray="%s"`, dash)
	}
	s.b.WriteString(`/>`)
}

func (s *svg) rect(x, y, w, h float64, fill string) {
	fmt.Fprintf(&s.b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"/>`, x, y, w, h, fill)
}

func (s *svg) html() template.HTML {
	s.b.WriteString(`</svg>`)
	// Every text and attribute value written above is escaped or ours.
	return template.HTML(s.b.String())
}

// niceTicks returns about n round tick values covering [lo, hi].
func niceTicks(lo, hi float64, n int) []float64 {
	if hi <= lo {
		hi = lo + 1
	}
	raw := (hi - lo) / float64(n)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	step := mag
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if m*mag >= raw {
			step = m * mag
			break
		}
	}
	// The ticks run from the first at or below lo to the first at or
	// above hi, so that every value lies inside the axis.
	var out []float64
	for i := math.Floor(lo / step); ; i++ {
		v := i * step
		out = append(out, v)
		if v >= hi-step*1e-9 || len(out) > 50 {
			return out
		}
	}
}

// StatusChart draws the number of tasks in each status as vertical bars.
func StatusChart(counts []StatusCount) template.HTML {
	const w, h, left, bottom, top = 480.0, 200.0, 36.0, 28.0, 18.0
	s := newSVG(w, h, "任务状态分布")
	most := 1
	for _, c := range counts {
		most = max(most, c.Count)
	}
	ticks := niceTicks(0, float64(most), 4)
	if most <= 4 { // whole tasks: no 0.25 ticks
		ticks = nil
		for i := 0; i <= most; i++ {
			ticks = append(ticks, float64(i))
		}
	}
	ymax := ticks[len(ticks)-1]
	plotH := h - top - bottom
	y := func(v float64) float64 { return top + plotH*(1-v/ymax) }
	for _, t := range ticks {
		s.line(left, y(t), w-8, y(t), "#e0e0e0", 1, "")
		s.text(left-6, y(t)+4, "end", "#616161", amount.Format(t, ""))
	}
	if len(counts) == 0 {
		return s.html()
	}
	slot := (w - left - 8) / float64(len(counts))
	for i, c := range counts {
		x := left + slot*float64(i) + slot*0.2
		bw := slot * 0.6
		s.rect(x, y(float64(c.Count)), bw, y(0)-y(float64(c.Count)), statusColor(c.Status))
		s.text(x+bw/2, y(float64(c.Count))-4, "middle", "#212121", fmt.Sprint(c.Count))
		s.text(x+bw/2, h-bottom+16, "middle", "#212121", c.Label)
	}
	s.line(left, y(0), w-8, y(0), "#9e9e9e", 1, "")
	return s.html()
}

// LineChart draws an indicator: its baseline, the figures known at the
// report date joined by a line, the trend's projection to the target year
// (dashed) and the target (a red diamond with a dotted level line).
func LineChart(r IndicatorRow) template.HTML {
	const w, h, left, right, top, bottom = 520.0, 220.0, 56.0, 70.0, 16.0, 44.0
	s := newSVG(w, h, r.Name+"走势")
	var pts []Point
	if r.Baseline != nil {
		pts = append(pts, *r.Baseline)
	}
	for _, p := range r.Series {
		if r.Baseline == nil || p.Year > r.Baseline.Year {
			pts = append(pts, p)
		}
	}
	all := append([]Point(nil), pts...)
	for _, p := range []*Point{r.Target, r.Projected} {
		if p != nil {
			all = append(all, *p)
		}
	}
	if len(all) == 0 {
		s.text(w/2, h/2, "middle", "#757575", "暂无数据")
		return s.html()
	}
	xlo, xhi, vlo, vhi := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for _, p := range all {
		xlo, xhi = math.Min(xlo, math.Floor(p.Year)), math.Max(xhi, math.Ceil(p.Year))
		vlo, vhi = math.Min(vlo, p.Value), math.Max(vhi, p.Value)
	}
	if xhi == xlo {
		xlo, xhi = xlo-1, xhi+1
	}
	pad := (vhi - vlo) * 0.15
	if pad == 0 {
		pad = math.Max(math.Abs(vhi)*0.1, 1)
	}
	ticks := niceTicks(vlo-pad, vhi+pad, 4)
	ylo, yhi := ticks[0], ticks[len(ticks)-1]
	plotW, plotH := w-left-right, h-top-bottom
	X := func(v float64) float64 { return left + plotW*(v-xlo)/(xhi-xlo) }
	Y := func(v float64) float64 { return top + plotH*(1-(v-ylo)/(yhi-ylo)) }
	for _, t := range ticks {
		s.line(left, Y(t), left+plotW, Y(t), "#e0e0e0", 1, "")
		s.text(left-6, Y(t)+4, "end", "#616161", amount.Format(t, ""))
	}
	for yr := xlo; yr <= xhi; yr++ {
		s.line(X(yr), top+plotH, X(yr), top+plotH+4, "#9e9e9e", 1, "")
		s.text(X(yr), top+plotH+16, "middle", "#616161", fmt.Sprintf("%.0f", yr))
	}
	s.line(left, top+plotH, left+plotW, top+plotH, "#9e9e9e", 1, "")
	if r.Target != nil {
		ty := Y(r.Target.Value)
		s.line(left, ty, left+plotW, ty, "#c62828", 1, "2 3")
		fmt.Fprintf(&s.b, `<path d="M%.1f %.1fl6 6l-6 6l-6 -6z" fill="#c62828"/>`, X(r.Target.Year), ty-6)
		s.text(left+plotW+4, ty+4, "start", "#c62828", "目标 "+amount.Format(r.Target.Value, r.Unit))
	}
	if r.Projected != nil && len(pts) > 0 {
		last := pts[len(pts)-1]
		s.line(X(last.Year), Y(last.Value), X(r.Projected.Year), Y(r.Projected.Value), "#1565c0", 1.5, "6 4")
		fmt.Fprintf(&s.b, `<circle cx="%.1f" cy="%.1f" r="3.5" fill="#fff" stroke="#1565c0" stroke-width="1.5"/>`,
			X(r.Projected.Year), Y(r.Projected.Value))
		s.text(left+plotW+4, Y(r.Projected.Value)+labelNudge(r), "start", "#1565c0", "预计 "+amount.Format(r.Projected.Value, r.Unit))
	}
	if len(pts) > 1 {
		var path strings.Builder
		for i, p := range pts {
			cmd := " L"
			if i == 0 {
				cmd = "M"
			}
			fmt.Fprintf(&path, "%s%.1f %.1f", cmd, X(p.Year), Y(p.Value))
		}
		fmt.Fprintf(&s.b, `<path d="%s" fill="none" stroke="#1565c0" stroke-width="2"/>`, path.String())
	}
	for i, p := range pts {
		if i == 0 && r.Baseline != nil {
			fmt.Fprintf(&s.b, `<rect x="%.1f" y="%.1f" width="8" height="8" fill="#fff" stroke="#424242" stroke-width="1.5"/>`, X(p.Year)-4, Y(p.Value)-4)
			s.text(X(p.Year)+7, Y(p.Value)-7, "start", "#424242", "基期 "+amount.Format(p.Value, r.Unit))
			continue
		}
		fmt.Fprintf(&s.b, `<circle cx="%.1f" cy="%.1f" r="3.5" fill="#1565c0"/>`, X(p.Year), Y(p.Value))
		s.text(X(p.Year), Y(p.Value)-9, "middle", "#0d47a1", amount.Format(p.Value, r.Unit))
	}
	// Legend under the axis.
	ly := h - 8
	s.line(left, ly-4, left+22, ly-4, "#1565c0", 2, "")
	s.text(left+26, ly, "start", "#424242", "实际值")
	s.line(left+90, ly-4, left+112, ly-4, "#1565c0", 1.5, "6 4")
	s.text(left+116, ly, "start", "#424242", "趋势预计")
	s.line(left+190, ly-4, left+212, ly-4, "#c62828", 1, "2 3")
	s.text(left+216, ly, "start", "#424242", "目标")
	return s.html()
}

// labelNudge moves the projection's label off the target's when the two
// values sit close on the chart.
func labelNudge(r IndicatorRow) float64 {
	if r.Target == nil || r.Projected == nil {
		return 4
	}
	if r.Projected.Value >= r.Target.Value {
		return -6
	}
	return 14
}

// CompareChart draws one indicator across regions as horizontal bars of
// the latest figure, each with its target as a red tick.
func CompareChart(c Comparison) template.HTML {
	const left, right, rowH, top = 90.0, 60.0, 26.0, 8.0
	w := 520.0
	h := top + rowH*float64(len(c.Rows)) + 24
	s := newSVG(w, h, c.Indicator+"区域比较")
	hi := 0.0
	for _, r := range c.Rows {
		for _, p := range []*Point{r.Latest, r.Target} {
			if p != nil {
				hi = math.Max(hi, p.Value)
			}
		}
	}
	if hi <= 0 {
		hi = 1
	}
	ticks := niceTicks(0, hi, 4)
	xmax := ticks[len(ticks)-1]
	plotW := w - left - right
	X := func(v float64) float64 { return left + plotW*math.Max(0, v)/xmax }
	bottom := top + rowH*float64(len(c.Rows))
	for _, t := range ticks {
		s.line(X(t), top, X(t), bottom, "#e0e0e0", 1, "")
		s.text(X(t), bottom+14, "middle", "#616161", amount.Format(t, ""))
	}
	for i, r := range c.Rows {
		y := top + rowH*float64(i)
		s.text(left-6, y+rowH/2+4, "end", "#212121", r.Region)
		if r.Latest != nil {
			color := "#1565c0"
			if i == 0 {
				color = "#0d47a1" // the report's own region stands out
			}
			s.rect(left, y+5, X(r.Latest.Value)-left, rowH-10, color)
			s.text(X(r.Latest.Value)+4, y+rowH/2+4, "start", "#212121", amount.Format(r.Latest.Value, c.Unit))
		}
		if r.Target != nil {
			s.line(X(r.Target.Value), y+2, X(r.Target.Value), y+rowH-2, "#c62828", 2, "")
		}
	}
	s.line(left, top, left, bottom, "#9e9e9e", 1, "")
	return s.html()
}
