package track

import (
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"planwatch/internal/store"
)

// scopeWords are the leading words that say where an indicator is counted,
// not what it counts: 全市地区生产总值 and 全省地区生产总值 are the same
// indicator at two levels. Only a leading one is dropped, because inside a
// name the word can be part of the thing (国家级, 全国重点实验室).
var scopeWords = []string{
	"全社会", "全市", "全区", "全县", "全省", "全州", "全国", "全域",
	"我市", "我区", "我县", "我省", "本市", "本区", "本县", "本省",
}

// keySynonyms rewrite the names one indicator goes by to one spelling,
// applied in order on the cleaned name (letters upper-cased, punctuation
// gone, so "R&D" is "RD").
var keySynonyms = []struct{ from, to string }{
	{"研究与试验发展RD", "研发"}, // 研究与试验发展（R&D）经费投入强度
	{"研究与试验发展", "研发"},
	{"RD经费", "研发经费"},
	{"RD投入", "研发投入"},
	{"研发投入强度", "研发经费投入强度"},
	{"地区生产总值", "生产总值"},
	{"国内生产总值", "生产总值"},
	{"GDP", "生产总值"},
	{"增速", "增长"}, // 年均增速 is 年均增长; 年均 itself stays (a five-year average is another quantity)
	{"CPI", "居民消费价格"},
	{"居民消费价格指数", "居民消费价格"},
	{"居民消费价格总水平", "居民消费价格"},
}

// keyWhole maps whole cleaned names to their full form: a bare 城镇化率 in
// a plan means the resident-population rate (户籍人口城镇化率 is always
// spelled out), so only the bare forms are rewritten. The names of a work
// report's headline targets are here too, whole, because inside longer
// names the same words mean other things (工业对经济增长贡献率 is no
// growth rate, 物价涨幅 only the CPI when it stands alone).
var keyWhole = map[string]string{
	"城镇化率":   "常住人口城镇化率",
	"人口城镇化率": "常住人口城镇化率",
	// The one-year growth of GDP: 经济增长5%左右, 经济增速, GDP增长.
	"经济增长": "生产总值增长",
	// The CPI's rise, however a report words it.
	"居民消费价格上涨":    "居民消费价格涨幅",
	"居民消费价格上涨幅度":  "居民消费价格涨幅",
	"居民消费价格涨幅度":   "居民消费价格涨幅",
	"居民消费价格增长":    "居民消费价格涨幅",
	"居民消费价格增幅":    "居民消费价格涨幅",
	"居民消费价格":      "居民消费价格涨幅",
	"物价涨幅":        "居民消费价格涨幅",
	"物价上涨":        "居民消费价格涨幅",
	"物价总水平涨幅":     "居民消费价格涨幅",
	"消费价格涨幅":      "居民消费价格涨幅",
	"居民消费价格指数涨幅":  "居民消费价格涨幅",
	"居民消费价格指数上涨":  "居民消费价格涨幅",
	"居民消费价格指数":    "居民消费价格涨幅",
	"居民消费价格总水平涨幅": "居民消费价格涨幅",
	// New urban jobs.
	"新增城镇就业":    "城镇新增就业",
	"新增城镇就业人数":  "城镇新增就业",
	"城镇新增就业人数":  "城镇新增就业",
	"城镇新增就业岗位数": "城镇新增就业",
	// A work report's bare 新增就业 is the urban count it reports each year.
	"新增就业":   "城镇新增就业",
	"新增就业人数": "城镇新增就业",
}

// leadVerbs open the names a review gives its results (完成地区生产总值
// 32765亿元, 实现增加值…): the figure is of the thing after the verb.
var leadVerbs = []string{"完成", "实现"}

// averageTails close the names of rates reported as the year's average
// (城镇调查失业率平均为4.2%): a rate target is of that average already.
var averageTails = []string{"平均值", "均值", "平均"}

// Key normalizes an indicator name so that the same indicator matches
// across plans and levels: full-width forms folded, ASCII upper-cased,
// spaces and punctuation dropped, a leading scope word (全市, 全社会, 我市 …)
// dropped, a leading 完成 or 实现 dropped (the verb of a reported result),
// a trailing 平均 after a rate dropped (the year's average rate), a
// leading 每年 or 年 dropped (年技术交易额 is the 技术交易额 of a
// year) but 年均 kept (an average rate over years is another quantity, and
// 年末, 年度 … are words of their own),
// then the synonyms of keySynonyms and keyWhole applied.
func Key(name string) string {
	var b strings.Builder
	for _, r := range name {
		r = unicode.ToUpper(widthFold(r))
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	k := b.String()
	for trimmed := true; trimmed; {
		trimmed = false
		for _, w := range scopeWords {
			if rest, ok := strings.CutPrefix(k, w); ok && rest != "" {
				k, trimmed = rest, true
			}
		}
		for _, w := range leadVerbs {
			if rest, ok := strings.CutPrefix(k, w); ok && utf8.RuneCountInString(rest) >= 2 {
				k, trimmed = rest, true
			}
		}
	}
	for _, w := range averageTails {
		if rest, ok := strings.CutSuffix(k, w); ok && strings.HasSuffix(rest, "率") {
			k = rest
			break
		}
	}
	if rest, ok := strings.CutPrefix(k, "每年"); ok && rest != "" {
		k = rest
	} else if rest, ok := strings.CutPrefix(k, "年"); ok && rest != "" {
		if r, _ := utf8.DecodeRuneInString(rest); !strings.ContainsRune("均末底度初中内", r) {
			k = rest
		}
	}
	for _, s := range keySynonyms {
		k = strings.ReplaceAll(k, s.from, s.to)
	}
	if w, ok := keyWhole[k]; ok {
		k = w
	}
	return k
}

// downWords mark indicators where less is better.
var downWords = []string{"能耗", "排放", "浓度", "失业率", "降低", "死亡率", "发生率"}

// Direction says whether more or less is better for an indicator:
// store.DirectionDown or store.DirectionUp. An explicit bound decides
// first — a ceiling (<=, <) means less is better, a floor (>=, >) more,
// because a floor on 碳排放下降率 makes a larger fall the goal — and
// otherwise (=, no op) the name decides: 能耗, 排放, 浓度, 失业率, 降低 …
// mean less is better.
func Direction(op, name string) string {
	switch strings.TrimSpace(op) {
	case "<=", "<", "≤", "＜":
		return store.DirectionDown
	case ">=", ">", "≥", "＞":
		return store.DirectionUp
	}
	for _, w := range downWords {
		if strings.Contains(name, w) {
			return store.DirectionDown
		}
	}
	return store.DirectionUp
}

// FinalTarget returns the target for the latest year; a target without a
// year stands for the plan's end and so counts as the latest.
func FinalTarget(ind store.Indicator) (store.Target, bool) {
	var best store.Target
	found := false
	for _, t := range ind.Targets {
		if !found || (best.Year != 0 && (t.Year == 0 || t.Year > best.Year)) {
			best, found = t, true
		}
	}
	return best, found
}

// ResolveTargets returns ind with the targets that name no year set to the
// plan's end year, which is what a yearless target means.
func ResolveTargets(ind store.Indicator, endYear int) store.Indicator {
	ts := make([]store.Target, len(ind.Targets))
	copy(ts, ind.Targets)
	for i := range ts {
		if ts[i].Year == 0 {
			ts[i].Year = endYear
		}
	}
	ind.Targets = ts
	return ind
}

// PeriodSpan returns the first day of a period ("2023", "2023-Q2",
// "2023-06", "2023-H1") and its end as a fractional year on the scale where
// x = 2023 is the end of 2023: a target "by 2025" is a value at the end of
// 2025, and a figure for 2023-Q2 stands at 2022.5.
func PeriodSpan(p string) (start time.Time, x float64, ok bool) {
	p = strings.TrimSpace(p)
	if len(p) < 4 {
		return start, 0, false
	}
	y, err := strconv.Atoi(p[:4])
	if err != nil {
		return start, 0, false
	}
	rest := strings.TrimLeft(strings.TrimPrefix(p[4:], "年"), "-")
	first, last := 1, 12
	switch {
	case rest == "":
	case len(rest) == 2 && (rest[0] == 'Q' || rest[0] == 'q') && rest[1] >= '1' && rest[1] <= '4':
		q := int(rest[1] - '0')
		first, last = 3*q-2, 3*q
	case len(rest) == 2 && (rest[0] == 'H' || rest[0] == 'h') && rest[1] >= '1' && rest[1] <= '2':
		h := int(rest[1] - '0')
		first, last = 6*h-5, 6*h
	default:
		m, err := strconv.Atoi(strings.TrimSuffix(rest, "月"))
		if err != nil || m < 1 || m > 12 {
			return start, 0, false
		}
		first, last = m, m
	}
	return time.Date(y, time.Month(first), 1, 0, 0, 0, 0, time.UTC), float64(y-1) + float64(last)/12, true
}

// periodEnd is the day after a period ends, from PeriodSpan's start and x.
func periodEnd(start time.Time, x float64) time.Time {
	months := int(math.Round((x - float64(start.Year()-1)) * 12))
	return time.Date(start.Year(), time.Month(months+1), 1, 0, 0, 0, 0, time.UTC)
}

// point is one (time, value) of an indicator; x is on PeriodSpan's scale.
type point struct {
	x      float64
	v      float64
	period string
}

// known returns the observations known as of asOf (zero asOf: all), one per
// period — the latest recorded, so a revision replaces the first figure —
// ordered by period. A figure is known when it was recorded by the end of
// asOf (a provisional figure for a running period counts once recorded);
// one without a record time is taken as known when its period has ended.
func known(ind store.Indicator, asOf time.Time) []point {
	type pick struct {
		p   point
		obs store.Observation
	}
	best := map[float64]pick{}
	for _, o := range ind.Observations {
		start, x, ok := PeriodSpan(o.Period)
		if !ok {
			continue
		}
		if !asOf.IsZero() {
			end := dayOf(asOf).AddDate(0, 0, 1)
			if o.RecordedAt.IsZero() {
				// Without a record time, a figure is taken as known once
				// its period is over.
				if periodEnd(start, x).After(end) {
					continue
				}
			} else if !start.Before(end) || !o.RecordedAt.Before(end) {
				continue
			}
		}
		cur, ok := best[x]
		if !ok || o.RecordedAt.After(cur.obs.RecordedAt) ||
			(o.RecordedAt.Equal(cur.obs.RecordedAt) && o.Revised && !cur.obs.Revised) {
			best[x] = pick{point{x, o.Value, o.Period}, o}
		}
	}
	out := make([]point, 0, len(best))
	for _, b := range best {
		out = append(out, b.p)
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].x < out[j-1].x; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// series is the baseline followed by the known observations; an
// observation for the baseline year replaces the baseline, being the later
// word on it.
func series(ind store.Indicator, asOf time.Time) []point {
	obs := known(ind, asOf)
	if ind.BaselineValue == nil || ind.BaselineYear == 0 {
		return obs
	}
	bx := float64(ind.BaselineYear)
	for _, p := range obs {
		if p.x == bx {
			return obs
		}
	}
	out := []point{{bx, *ind.BaselineValue, strconv.Itoa(ind.BaselineYear)}}
	for _, p := range obs {
		if p.x < bx {
			continue // figures older than the baseline do not describe the plan's course
		}
		out = append(out, p)
	}
	return out
}

// attainment is the share, in percent, of the way from the baseline to the
// target that v has come. Without a baseline it is v against the target
// (target against v when less is better). It is not clamped: 120 means the
// target is passed by a fifth of the way, a negative value a move the
// wrong way.
func attainment(ind store.Indicator, t store.Target, v float64) (float64, bool) {
	down := ind.Direction == store.DirectionDown
	g := goal(t, down)
	if ind.BaselineValue != nil {
		b := *ind.BaselineValue
		if g == b {
			if meets(v, t, down) {
				return 100, true
			}
			return 0, true
		}
		return 100 * (v - b) / (g - b), true
	}
	if down {
		if v == 0 {
			return 100, true
		}
		return 100 * g / v, true
	}
	if g == 0 {
		return 0, false
	}
	return 100 * v / g, true
}

// Attainment returns how far an indicator has come towards its final
// target by asOf, in percent (see attainment), from the latest observation
// known then; false when there is no target or no observation.
func Attainment(ind store.Indicator, asOf time.Time) (float64, bool) {
	t, ok := FinalTarget(ind)
	if !ok {
		return 0, false
	}
	obs := known(ind, asOf)
	if len(obs) == 0 {
		return 0, false
	}
	return attainment(ind, t, obs[len(obs)-1].v)
}

// meets reports whether v satisfies target t: its op as written, and for
// "=" (how 新增1500家 reads) reaching it in the indicator's direction; a
// range is met at its end that counts (see goal).
func meets(v float64, t store.Target, down bool) bool {
	if t.ValueMax != nil {
		g := goal(t, down)
		eps := 1e-9 * math.Max(1, math.Abs(g))
		if down {
			return v <= g+eps
		}
		return v >= g-eps
	}
	eps := 1e-9 * math.Max(1, math.Abs(t.Value))
	switch t.Op {
	case ">":
		return v > t.Value
	case "<":
		return v < t.Value
	case ">=":
		return v >= t.Value-eps
	case "<=":
		return v <= t.Value+eps
	}
	if down {
		return v <= t.Value+eps
	}
	return v >= t.Value-eps
}

// Project returns the value the indicator's trend reaches by the end of
// year: the least-squares line through its baseline and observations (one
// per period, the latest revision), each at the end of its period. False
// with fewer than two distinct periods.
func Project(ind store.Indicator, year int) (float64, bool) {
	return project(series(ind, time.Time{}), year)
}

func project(pts []point, year int) (float64, bool) {
	if len(pts) < 2 {
		return 0, false
	}
	var mx, my float64
	for _, p := range pts {
		mx += p.x
		my += p.v
	}
	n := float64(len(pts))
	mx, my = mx/n, my/n
	var sxy, sxx float64
	for _, p := range pts {
		sxy += (p.x - mx) * (p.v - my)
		sxx += (p.x - mx) * (p.x - mx)
	}
	if sxx == 0 {
		return 0, false
	}
	slope := sxy / sxx
	return my + slope*(float64(year)-mx), true
}

// Outlook is where an indicator stands as of a date and where its trend
// leads.
type Outlook struct {
	Latest       float64      // the latest known value; meaningful when LatestPeriod != ""
	LatestPeriod string       // its period, "" when nothing is known yet
	Goal         store.Target // the target judged by, whole (range, 左右)
	Target       float64      // Goal.Value: the figure, or a range's lower end
	TargetOp     string
	TargetYear   int     // 0 when the target names no year (see ResolveTargets)
	Attainment   float64 // percent of the way from baseline to target; meaningful when LatestPeriod != ""
	Projected    float64 // the trend's value in TargetYear; meaningful when Projection is set
	Projection   bool    // a projection could be made (two or more points)
	OnTrack      bool    // the target is met, or the trend meets it by TargetYear
	Known        bool    // OnTrack is a verdict rather than a default
}

// OnTrack judges an indicator by its final target (see OnTrackBy).
func OnTrack(ind store.Indicator, asOf time.Time) Outlook {
	return OnTrackBy(ind, 0, asOf)
}

// OnTrackBy judges an indicator as of asOf using only what was known then,
// against the target PlanTarget picks for a plan ending in endYear (0: the
// final target). Once the target year has a figure, that figure decides.
// Before, the trend decides: the least-squares projection to the target
// year must meet the target as its op and direction say. With a single
// point and no trend, a target already met counts as on track, and
// anything else is unknown.
func OnTrackBy(ind store.Indicator, endYear int, asOf time.Time) Outlook {
	var o Outlook
	t, ok := PlanTarget(ind, endYear)
	if !ok {
		return o
	}
	o.Goal, o.Target, o.TargetOp, o.TargetYear = t, t.Value, t.Op, t.Year
	down := ind.Direction == store.DirectionDown
	obs := known(ind, asOf)
	if len(obs) > 0 {
		last := obs[len(obs)-1]
		o.Latest, o.LatestPeriod = last.v, last.period
		o.Attainment, _ = attainment(ind, t, last.v)
		if t.Year != 0 && last.x >= float64(t.Year) {
			o.OnTrack, o.Known = meets(last.v, t, down), true
			return o
		}
	}
	if t.Year != 0 {
		if p, ok := project(series(ind, asOf), t.Year); ok {
			o.Projected, o.Projection = p, true
			o.OnTrack, o.Known = meets(p, t, down), true
			return o
		}
	}
	if len(obs) > 0 && meets(o.Latest, t, down) {
		o.OnTrack, o.Known = true, true
	}
	return o
}
