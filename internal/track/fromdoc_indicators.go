package track

import (
	"strconv"
	"strings"

	"planwatch/internal/extract"
	"planwatch/internal/store"
)

// planIndicators gathers the indicators of the plan's targets, with
// baselines and observations of the same Key.
//
//   - The two ends of a range (增长4.5%—5%, extracted as a lower and an
//     upper Bound of one indicator and year) make one target with Value
//     and ValueMax; 左右 makes an Approx target.
//   - A second, different target for the same indicator, year and
//     operator (a document states one thing twice, or the extraction
//     reads two things as one) is not dropped nor an error: it goes to a
//     sibling indicator named 名称（二）, 名称（三）…, with a Key of its
//     own, so the plan shows both and a comparison across plans takes the
//     first. The same target stated twice is kept once.
func planIndicators(res *extract.Result, plan store.Plan, docID string) []store.Indicator {
	var inds []store.Indicator
	byKey := map[string][]int{} // Key → the indicator and its siblings
	targets := pairRanges(res.Targets)
	for _, pt := range targets {
		q, t := pt.q, pt.t
		k := Key(q.Indicator)
		if k == "" {
			continue
		}
		place := -1
		for _, i := range byKey[k] {
			switch clash(inds[i].Targets, t) {
			case same:
				place = -2
			case free:
				if place == -1 {
					place = i
				}
			}
			if place == -2 {
				break
			}
		}
		if place == -2 {
			continue
		}
		if place == -1 {
			name := q.Indicator
			if n := len(byKey[k]); n > 0 {
				name = strings.TrimSpace(q.Indicator) + "（" + ordinal(n+1) + "）"
			}
			place = len(inds)
			ind := store.Indicator{
				Name: name, Key: k, Unit: q.Unit, Direction: Direction(pt.op, q.Indicator),
				SourceStart: q.Span[0], SourceEnd: q.Span[1],
			}
			if len(byKey[k]) > 0 {
				ind.Key = Key(name)
			}
			byKey[k] = append(byKey[k], place)
			inds = append(inds, ind)
		}
		if pt.binding {
			inds[place].Binding = true // 约束性, from the plan's indicator table
		}
		inds[place].Targets = append(inds[place].Targets, t)
	}
	baseX := map[int]float64{}
	for _, q := range res.Observations {
		if q.Period == nil {
			continue
		}
		sib, ok := byKey[Key(q.Indicator)]
		if !ok {
			continue
		}
		i := sib[0]
		if q.Unit != "" && inds[i].Unit != "" && q.Unit != inds[i].Unit {
			continue
		}
		start, x, ok := PeriodSpan(*q.Period)
		if !ok {
			continue
		}
		ind := &inds[i]
		if plan.StartYear == 0 || start.Year() <= plan.StartYear {
			if bx, had := baseX[i]; !had || x > bx {
				baseX[i] = x
				v := q.Value
				ind.BaselineValue, ind.BaselineYear = &v, start.Year()
			}
			continue
		}
		ind.Observations = append(ind.Observations, store.Observation{
			Period: *q.Period, Value: q.Value, Source: "document " + docID,
		})
	}
	return inds
}

// planTarget is an extracted target as the store keeps it, with the
// quantity it came from (the lower end's, for a range).
type planTarget struct {
	q       extract.Quantity
	t       store.Target
	op      string // the operator that says which way is better ("=" for a range)
	binding bool
}

// pairRanges turns the extracted targets into store targets, joining each
// lower Bound with the nearest unpaired upper Bound of the same indicator
// (by Key), year and unit into one range; an end without its partner
// stays a target of its own, with its operator.
func pairRanges(qs []extract.Quantity) []planTarget {
	used := make([]bool, len(qs))
	var out []planTarget
	for i, q := range qs {
		if used[i] {
			continue
		}
		used[i] = true
		t := store.Target{Value: q.Value, Op: q.Op, Approx: q.Approx}
		if q.Year != nil {
			t.Year = *q.Year
		}
		binding := q.Binding != nil && *q.Binding
		if q.Bound == "lower" || q.Bound == "upper" {
			if j := partner(qs, used, i); j >= 0 {
				used[j] = true
				lo, hi := q, qs[j]
				if q.Bound == "upper" {
					lo, hi = qs[j], q
				}
				top := hi.Value
				if top < lo.Value { // ends read the wrong way round: a range all the same
					lo.Value, top = top, lo.Value
				}
				t = store.Target{Year: t.Year, Value: lo.Value, ValueMax: &top, Op: "=", Approx: lo.Approx || hi.Approx}
				binding = binding || hi.Binding != nil && *hi.Binding
				q = lo
				q.Op = "=" // the ends' ≥ and ≤ say nothing of which way is better: the name does
			}
		}
		out = append(out, planTarget{q: q, t: t, op: q.Op, binding: binding})
	}
	return out
}

// partner finds the other end of the range qs[i] is one end of: the
// nearest unused quantity with the opposite Bound, the same Key, year and
// unit; -1 if there is none.
func partner(qs []extract.Quantity, used []bool, i int) int {
	want := "upper"
	if qs[i].Bound == "upper" {
		want = "lower"
	}
	k := Key(qs[i].Indicator)
	best := -1
	for j, q := range qs {
		if used[j] || q.Bound != want || q.Unit != qs[i].Unit || !sameYear(q.Year, qs[i].Year) || Key(q.Indicator) != k {
			continue
		}
		if best < 0 || abs(j-i) < abs(best-i) {
			best = j
		}
	}
	return best
}

func sameYear(a, b *int) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// How a new target sits among an indicator's targets.
const (
	free  = iota // no target of its year and operator yet
	same         // the same target is there already
	taken        // another target has its year and operator
)

func clash(have []store.Target, t store.Target) int {
	for _, h := range have {
		if h.Year != t.Year || h.Op != t.Op {
			continue
		}
		if h.Value == t.Value && (h.ValueMax == nil) == (t.ValueMax == nil) &&
			(h.ValueMax == nil || *h.ValueMax == *t.ValueMax) {
			return same // 左右 or not, one figure
		}
		return taken
	}
	return free
}

// ordinal is the Chinese numeral of a sibling's place: 二, 三 … 十, then
// digits.
func ordinal(n int) string {
	const digits = "一二三四五六七八九十"
	if n >= 1 && n <= 10 {
		return string([]rune(digits)[n-1])
	}
	return strconv.Itoa(n)
}
