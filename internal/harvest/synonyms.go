package harvest

import (
	"strings"

	"planwatch/internal/store"
	"planwatch/internal/track"
)

// reviewWords are what a review adds to an indicator's name when it
// reports the figure (全年地区生产总值完成235.2亿元, 同比增长18.5%): they say
// that the figure was reached, not what it counts, so they are dropped
// before names are compared. 累计 and 年均 stay: a running total and an
// average over years are other quantities.
var reviewWords = []string{"完成", "同比", "比上年", "全年", "全社会", "实现"}

// nameKey is track.Key of a name with the review's words dropped.
func nameKey(name string) string {
	k := track.Key(name)
	for _, w := range reviewWords {
		if r := strings.ReplaceAll(k, w, ""); r != "" {
			k = r
		}
	}
	k = strings.ReplaceAll(k, "投资额", "投资")
	k = strings.ReplaceAll(k, "就业人口", "就业")
	for _, w := range reachVerbs {
		if r, ok := strings.CutSuffix(k, w); ok && r != "" {
			k = r
			break
		}
	}
	return track.Key(k)
}

// reachVerbs close the names a review gives a figure it reached
// (居民消费价格涨幅回落到2.6%, 城镇登记失业率控制在4.1%): the figure is of
// the name before the verb.
var reachVerbs = []string{"回落到", "控制在", "保持在", "稳定在", "达到", "提高到", "上升到", "下降到", "增加到", "降低到", "为"}

// Synonyms is the synonym table read for matching: the names one quantity
// goes by, mapped to one canonical key, and the pairs a person said are
// not the same.
type Synonyms struct {
	canon map[string]string
	not   map[[2]string]bool
}

// NewSynonyms reads the rows of the table (store.HarvestSynonyms).
func NewSynonyms(rows []store.HarvestSynonym) *Synonyms {
	s := &Synonyms{canon: map[string]string{}, not: map[[2]string]bool{}}
	for _, r := range rows {
		if r.Negative {
			// As the document wrote it: a name that keys like the
			// indicator (经济增速 and 地区生产总值增长 do) must not take
			// every spelling of the indicator with it.
			s.not[[2]string{strings.TrimSpace(r.Name), nameKey(r.Canonical)}] = true
			continue
		}
		a, b := nameKey(r.Name), nameKey(r.Canonical)
		if a == "" || b == "" {
			continue
		}
		if a != b {
			s.canon[a] = b
		}
	}
	// Follow chains (a means b, b means c) a few steps, never round a loop.
	for a := range s.canon {
		b := s.canon[a]
		for i := 0; i < 4; i++ {
			c, ok := s.canon[b]
			if !ok || c == a {
				break
			}
			b = c
		}
		s.canon[a] = b
	}
	return s
}

// changeWords follow a quantity's name to make its change: a synonym of
// the quantity is one of its change too (地方公共财政预算收入增长 is
// 公共财政预算收入增长).
var changeWords = []string{"增长", "增幅", "下降", "降低", "上涨", "涨幅"}

// Canon is the canonical key of a name.
func (s *Synonyms) Canon(name string) string {
	k := nameKey(name)
	if c, ok := s.canon[k]; ok {
		return c
	}
	for _, w := range changeWords {
		if q, ok := strings.CutSuffix(k, w); ok {
			if c, ok := s.canon[q]; ok {
				return c + w
			}
		}
	}
	return k
}

// Refused reports whether a person said name, as a document wrote it, is
// not the indicator named other ("not this indicator").
func (s *Synonyms) Refused(name, other string) bool {
	a := strings.TrimSpace(name)
	return s.not[[2]string{a, nameKey(other)}] || s.not[[2]string{a, s.Canon(other)}]
}

// refusedKey is Refused for a candidate, whose keys are worked out.
func (s *Synonyms) refusedKey(name string, c *candidate) bool {
	if len(s.not) == 0 {
		return false
	}
	return s.not[[2]string{name, c.keyKey}] || s.not[[2]string{name, c.nameKey}] ||
		s.not[[2]string{name, c.canonKey}] || s.not[[2]string{name, c.key}]
}
