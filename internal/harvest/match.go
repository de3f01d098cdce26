package harvest

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"planwatch/internal/amount"
	"planwatch/internal/extract"
	"planwatch/internal/region"
	"planwatch/internal/store"
	"planwatch/internal/track"
)

// DefaultMinScore is the score a match needs to be proposed. A match of
// the same name, region, unit and a period inside the plan scores 0.95;
// one through a synonym, with a unit converted or for the baseline year
// 0.85–0.92; a breakdown (a region inside the plan's, 0.75) or a bound
// (超过50%, 0.75) stays below unless the threshold is lowered.
const DefaultMinScore = 0.8

// Source is a stored document's extraction as the matching reads it.
type Source struct {
	DocumentID string
	Seq        int
	Title      string
	RegionCode string // "" for a national document
	RegionName string
	// Written is the year the document was written in (issued, else a
	// work report's own year; 0 unknown): no whole year's figure from
	// then on can be in it, so a year so labelled is a misreading.
	Written int
	Obs     []extract.Quantity
}

// SourceOf reads a stored document's extraction.
func SourceOf(d store.Document, seq int, res *extract.Result) Source {
	s := Source{DocumentID: d.ID, Seq: seq, Title: d.Title, Obs: res.Observations}
	if res.Region != nil {
		s.RegionCode, s.RegionName = res.Region.Code, res.Region.Name
	} else {
		s.RegionCode, s.RegionName = d.RegionCode, d.RegionName
	}
	switch {
	case res.Issued != nil && len(*res.Issued) >= 7 && (*res.Issued)[5:7] != "12":
		s.Written, _ = strconv.Atoi((*res.Issued)[:4])
	case res.Issued == nil && res.Kind == workReport && res.Period != nil:
		s.Written = res.Period.Start
	}
	return s
}

// workReport is the kind of a 政府工作报告, given early in its year.
const workReport = "政府工作报告"

// candidate is an indicator of a tracked plan with what the matching
// asks of it, worked out once.
type candidate struct {
	plan store.Plan
	ind  store.Indicator
	key  string // the canonical key of its name
	// nameKey and keyKey are nameKey of its name and of its Key; canonKey
	// the canonical key of its Key.
	nameKey, keyKey, canonKey string
	have                      map[string]bool // periods it has a figure for (observations and baseline)
	base                      string          // its unit's base (元, 人, %)
	mult                      float64         // its unit's magnitude
	region                    region.Division // the plan's region; zero Code for a national plan
}

// Index holds the tracked indicators by canonical key, so that each
// observation is compared with the few indicators of its quantity only.
// An Index is for one goroutine at a time: it remembers the keys of the
// names it has read, which recur across a library.
type Index struct {
	syn *Synonyms
	// byKey holds the candidates by canonical key, then by their plan's
	// region code ("" national): an observation visits its own region's
	// and those of the regions it lies in, not every plan of its quantity.
	byKey map[string]map[string][]*candidate
	n     int
	names map[string]nameKeys
}

// nameKeys is what the matching works out of a name an observation gives.
type nameKeys struct {
	canon, key string
	vague      bool
}

// maxNames bounds the names an Index remembers.
const maxNames = 1 << 16

// keysOf returns the keys of a name, remembered.
func (x *Index) keysOf(name string) nameKeys {
	if k, ok := x.names[name]; ok {
		return k
	}
	k := nameKeys{canon: x.syn.Canon(name), key: nameKey(name), vague: vague(name)}
	if len(x.names) >= maxNames {
		clear(x.names)
	}
	x.names[name] = k
	return k
}

// NewIndex indexes the confirmed indicators inds of plans (the others are
// skipped) under the synonyms syn.
func NewIndex(plans []store.Plan, inds []store.Indicator, syn *Synonyms) *Index {
	byPlan := make(map[string]store.Plan, len(plans))
	for _, p := range plans {
		byPlan[p.ID] = p
	}
	x := &Index{syn: syn, byKey: map[string]map[string][]*candidate{}, names: map[string]nameKeys{}}
	for _, ind := range inds {
		p, ok := byPlan[ind.PlanID]
		if !ok || (ind.Review != "" && ind.Review != store.ReviewConfirmed) {
			continue
		}
		c := &candidate{plan: p, ind: ind, key: syn.Canon(ind.Name), have: map[string]bool{},
			nameKey: nameKey(ind.Name), keyKey: nameKey(ind.Key), canonKey: syn.Canon(ind.Key)}
		c.base, c.mult = amount.Split(ind.Unit)
		for _, o := range ind.Observations {
			c.have[o.Period] = true
		}
		if ind.BaselineValue != nil && ind.BaselineYear != 0 {
			c.have[strconv.Itoa(ind.BaselineYear)] = true
		}
		x.add(c.key, c)
		if c.canonKey != c.key {
			x.add(c.canonKey, c)
		}
		x.n++
	}
	return x
}

// add files c under key and its plan's region.
func (x *Index) add(key string, c *candidate) {
	m := x.byKey[key]
	if m == nil {
		m = map[string][]*candidate{}
		x.byKey[key] = m
	}
	m[c.plan.RegionCode] = append(m[c.plan.RegionCode], c)
}

// Len is the number of indicators indexed.
func (x *Index) Len() int { return x.n }

// Match is an observation matched to an indicator, with its score and the
// reasons for it.
type Match struct {
	Plan      store.Plan
	Indicator store.Indicator
	Obs       extract.Quantity
	Period    string
	Value     float64 // in the indicator's unit
	Score     float64
	Reasons   []string
}

// Proposal is m as a proposal from src.
func (m Match) Proposal(src Source) store.HarvestProposal {
	return store.HarvestProposal{IndicatorID: m.Indicator.ID, PlanID: m.Plan.ID, DocumentID: src.DocumentID,
		VersionSeq: src.Seq, Name: m.Obs.Indicator, Period: m.Period, Value: m.Value, DocValue: m.Obs.Value,
		DocUnit: m.Obs.Unit, RegionCode: src.RegionCode, RegionName: src.RegionName, Quote: m.Obs.Quote,
		SpanStart: m.Obs.Span[0], SpanEnd: m.Obs.Span[1], Score: m.Score, Reasons: m.Reasons}
}

// Match compares every observation of src with the indexed indicators and
// returns the matches scoring at least minScore, in the order of the
// observations. A plan is never offered the figures of its own document
// (they made its baseline already), and one document offers an indicator
// one figure per period and value: the same figure stated twice is one
// proposal, two different figures are two (a conflict for a person).
func (x *Index) Match(src Source, minScore float64) []Match {
	var (
		out  []Match
		seen map[string]bool
	)
	// The regions whose plans take src's figures: its own, then (for a
	// breakdown) the prefecture and province it lies in.
	regions := []string{src.RegionCode}
	if d, ok := region.ByCode(src.RegionCode); ok {
		for i := 0; i < 3; i++ {
			p, ok := region.ParentOf(d)
			if !ok {
				break
			}
			regions = append(regions, p.Code)
			d = p
		}
	}
	for _, o := range src.Obs {
		if o.Period == nil || o.Indicator == "" {
			continue
		}
		period := strings.TrimSpace(*o.Period)
		keys := x.keysOf(o.Indicator)
		byRegion := x.byKey[keys.canon]
		if period == "" || len(byRegion) == 0 || keys.vague {
			continue
		}
		y, err := strconv.Atoi(period[:min(4, len(period))])
		if err != nil || (src.Written != 0 && len(period) == 4 && y >= src.Written) {
			continue
		}
		ob := observed{q: o, period: period, year: y, key: keys.key, name: strings.TrimSpace(o.Indicator)}
		ob.base, ob.mult = amount.Split(o.Unit)
		for ri, code := range regions {
			for _, c := range byRegion[code] {
				if c.plan.DocumentID == src.DocumentID || c.base != ob.base || c.have[period] {
					continue
				}
				m, ok := x.judge(src, ob, c, ri > 0, minScore)
				if !ok {
					continue
				}
				id := c.ind.ID + "|" + period + "|" + strconv.FormatFloat(m.Value, 'g', 12, 64)
				if seen == nil {
					seen = map[string]bool{}
				}
				if seen[id] {
					continue
				}
				seen[id] = true
				out = append(out, m)
			}
		}
	}
	return out
}

// observed is an observation with what the matching asks of it, worked
// out once for all its candidates.
type observed struct {
	q         extract.Quantity
	period    string
	year      int
	key, name string
	base      string
	mult      float64
}

// judge scores observation o of src for candidate c, whose unit base,
// region and free period Match checked; false when a rule refuses it or
// the score falls below minScore. The reasons are written only for a
// match that stands: most comparisons of a large library fail.
func (x *Index) judge(src Source, o observed, c *candidate, breakdown bool, minScore float64) (Match, bool) {
	if x.syn.refusedKey(o.name, c) {
		return Match{}, false
	}
	same := o.key == c.nameKey || o.key == c.keyKey
	score := 0.45
	if same {
		score = 0.5
	}
	if !breakdown {
		score += 0.2 // a part's figure is not the whole's: a breakdown adds nothing
	}
	value := o.q.Value * o.mult / c.mult
	if o.mult == c.mult {
		score += 0.15
	} else {
		score += 0.12
	}
	p, y := c.plan, o.year
	within := y >= p.StartYear && (p.EndYear == 0 || y <= p.EndYear)
	switch {
	case p.StartYear == 0 && p.EndYear == 0:
		score += 0.05
	case within:
		score += 0.1
	case y == p.StartYear-1:
		score += 0.05
	default:
		return Match{}, false
	}
	bound := o.q.Op != "" && o.q.Op != "="
	if bound {
		// 超过50%, 1000多万: a bound, not the figure itself.
		score -= 0.2
	}
	score = math.Round(score*100) / 100
	if score < minScore {
		return Match{}, false
	}
	// Plausibility beside the target: a five-year total or a cumulative
	// fall is no one year's figure.
	t, hasTarget := targetNear(c.ind, y)
	if hasTarget && !plausible(value, t, c.base) {
		return Match{}, false
	}
	m := Match{Plan: c.plan, Indicator: c.ind, Obs: o.q, Period: o.period, Value: value, Score: score,
		Reasons: make([]string, 0, 6)}
	if same {
		m.Reasons = append(m.Reasons, "同一指标 same indicator: "+o.q.Indicator+" = "+c.ind.Name)
	} else {
		m.Reasons = append(m.Reasons, "同义 synonym: "+o.q.Indicator+" = "+c.ind.Name)
	}
	if breakdown {
		m.Reasons = append(m.Reasons, "下辖地区 breakdown: "+src.RegionName+" in "+c.plan.RegionName)
	} else {
		m.Reasons = append(m.Reasons, "同一地区 same region: "+or(c.plan.RegionName, "全国"))
	}
	if o.mult == c.mult {
		m.Reasons = append(m.Reasons, "同一单位 same unit: "+or(c.ind.Unit, "none"))
	} else {
		m.Reasons = append(m.Reasons, fmt.Sprintf("单位换算 converted: %s %s = %s %s",
			amount.Plain(o.q.Value), o.q.Unit, amount.Plain(value), c.ind.Unit))
	}
	switch {
	case p.StartYear == 0 && p.EndYear == 0:
		m.Reasons = append(m.Reasons, "期间 period "+m.Period+" (plan without years)")
	case within:
		m.Reasons = append(m.Reasons, "期间 period "+m.Period+" within "+strconv.Itoa(p.StartYear)+"–"+strconv.Itoa(p.EndYear))
	default:
		m.Reasons = append(m.Reasons, "基期 baseline year "+m.Period)
	}
	if hasTarget {
		m.Reasons = append(m.Reasons, "目标 target "+amount.Format(t, c.ind.Unit))
	}
	if bound {
		m.Reasons = append(m.Reasons, "界限 stated as a bound (以上, 超过, 以内), not the figure")
	}
	return m, true
}

// allocationWords mark money set aside for a purpose (中央财政安排219亿元
// 支持…): a decision of that year's budget, different in every sentence,
// not a figure of a quantity followed from year to year.
var allocationWords = []string{"安排", "拿出"}

// vague reports whether a name is too short to say what it counts (安排,
// 就业, a company's name read as one) or names an allocation.
func vague(name string) bool {
	k := nameKey(name)
	if utf8.RuneCountInString(k) < 3 {
		return true
	}
	for _, w := range allocationWords {
		if strings.Contains(k, w) {
			return true
		}
	}
	return false
}

// targetNear is the indicator's target for year y, else its final one.
func targetNear(ind store.Indicator, y int) (float64, bool) {
	if t, ok := track.TargetFor(ind, y); ok {
		return t.Value, true
	}
	if t, ok := track.FinalTarget(ind); ok {
		return t.Value, true
	}
	return 0, false
}

// plausible says whether v can be one period's figure of an indicator
// whose target is t: a share or rate within 10 points (or 1.5 times the
// target) of it, an amount within a factor of four.
func plausible(v, t float64, base string) bool {
	if base == "%" || base == "个百分点" || base == "百分点" {
		return math.Abs(v-t) <= math.Max(10, 1.5*math.Abs(t))
	}
	if t == 0 || v == 0 {
		return t == v
	}
	r := v / t
	return r >= 0.25 && r <= 4
}

func or(s, alt string) string {
	if s == "" {
		return alt
	}
	return s
}
