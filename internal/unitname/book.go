package unitname

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Entry is a unit of the registry as a Book reads it.
type Entry struct {
	ID         string
	Name       string // the canonical name
	RegionCode string
	RegionName string
	Aliases    []string
}

// Errors of Resolve, for errors.Is.
var (
	ErrUnknown   = errors.New("unknown unit")
	ErrAmbiguous = errors.New("ambiguous unit")
)

// UnknownError is Resolve's answer to a name no unit goes by, with the
// names of the units most like it.
type UnknownError struct {
	Name        string
	Suggestions []string
}

func (e *UnknownError) Error() string {
	msg := fmt.Sprintf("unit %q is not in the unit registry", e.Name)
	if len(e.Suggestions) > 0 {
		msg += "; did you mean " + strings.Join(e.Suggestions, " or ") + "?"
	}
	return msg
}

func (e *UnknownError) Unwrap() error { return ErrUnknown }

// Zh says the same in Chinese, for the unit that filled in a sheet.
func (e *UnknownError) Zh() string {
	msg := fmt.Sprintf("「%s」不在单位名录中", e.Name)
	if len(e.Suggestions) > 0 {
		msg += "，是否要填：" + strings.Join(e.Suggestions, "、") + "？"
	} else {
		msg += "，请管理员先在单位名录中登记"
	}
	return msg
}

// AmbiguousError is Resolve's answer to a name several units go by (a
// bare 发展改革委 when the registry holds the city's and the province's).
type AmbiguousError struct {
	Name       string
	Candidates []string // "市发展改革委（嘉兴市）"
}

func (e *AmbiguousError) Error() string {
	return fmt.Sprintf("unit %q may be any of %s: give the full name", e.Name, strings.Join(e.Candidates, ", "))
}

func (e *AmbiguousError) Unwrap() error { return ErrAmbiguous }

// Zh says the same in Chinese.
func (e *AmbiguousError) Zh() string {
	return fmt.Sprintf("「%s」可能是%s，请填写全称", e.Name, strings.Join(e.Candidates, "、"))
}

// Book resolves names to the units of a registry: one region's units, or
// every region's.
type Book struct {
	entries []Entry
	exact   map[string][]int // Fold of a name or alias → entries
	norm    map[string][]int // its Norm, region name made a level word
	core    map[string][]coreRef
	regions []string // region names held, longest first
}

// coreRef is an entry under its name's core (the name after its level
// word), with that word.
type coreRef struct {
	entry  int
	prefix string
}

// NewBook indexes entries by their names and aliases.
func NewBook(entries []Entry) *Book {
	b := &Book{entries: slices.Clone(entries), exact: map[string][]int{}, norm: map[string][]int{}, core: map[string][]coreRef{}}
	seenRegion := map[string]bool{}
	for _, e := range entries {
		if r := Fold(e.RegionName); len([]rune(r)) > 1 && !seenRegion[r] {
			seenRegion[r] = true
			b.regions = append(b.regions, r)
		}
	}
	slices.SortFunc(b.regions, func(x, y string) int { return len(y) - len(x) })
	for i, e := range b.entries {
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			if f := Fold(n); f != "" {
				b.exact[f] = appendOnce(b.exact[f], i)
				nn := b.regionless(Norm(n))
				b.norm[nn] = appendOnce(b.norm[nn], i)
				p, c := splitLevel(nn)
				if !slices.Contains(b.core[c], coreRef{i, p}) {
					b.core[c] = append(b.core[c], coreRef{i, p})
				}
			}
		}
	}
	return b
}

func appendOnce(s []int, i int) []int {
	if slices.Contains(s, i) {
		return s
	}
	return append(s, i)
}

// regionless turns a region's name at the start of a normed name into its
// level word: 嘉兴市发展改革委 is 市发展改革委, 柯城区住建局 区住建局.
func (b *Book) regionless(n string) string {
	for _, r := range b.regions {
		if rest, ok := strings.CutPrefix(n, r); ok && rest != "" {
			last := []rune(r)
			return string(last[len(last)-1]) + rest
		}
	}
	return n
}

// Len is the number of units in the book.
func (b *Book) Len() int { return len(b.entries) }

// Resolve returns the unit name stands for, trying in turn: a canonical
// name or alias as typed (spaces and full-width forms aside); the same
// after Norm (市发改委 is 市发展改革委), with a region's name read as its
// level word (嘉兴市发改委); the name without its level word, or with one
// it lacks (发展改革委 is 市发展改革委 when no other level's unit has that
// name). Several different units matching is an *AmbiguousError, none an
// *UnknownError with the closest names.
func (b *Book) Resolve(name string) (Entry, error) {
	f := Fold(name)
	if f == "" {
		return Entry{}, &UnknownError{Name: strings.TrimSpace(name)}
	}
	if hits := b.exact[f]; len(hits) > 0 {
		return b.pick(name, hits)
	}
	n := b.regionless(Norm(name))
	if hits := b.norm[n]; len(hits) > 0 {
		return b.pick(name, hits)
	}
	p, c := splitLevel(n)
	var hits []int
	for _, ref := range b.core[c] {
		if p == "" || ref.prefix == "" || p == ref.prefix {
			hits = appendOnce(hits, ref.entry)
		}
	}
	if len(hits) > 0 {
		return b.pick(name, hits)
	}
	return Entry{}, &UnknownError{Name: strings.TrimSpace(name), Suggestions: b.Suggest(name, 3)}
}

// pick returns the entry of hits, or an *AmbiguousError when they name
// different units. Entries of one canonical name in several regions (市发展改革委
// of two cities) count as one name: what a door keeps is the name.
func (b *Book) pick(name string, hits []int) (Entry, error) {
	first := b.entries[hits[0]]
	var cands []string
	for _, i := range hits {
		e := b.entries[i]
		if e.Name != first.Name {
			cands = nil
			for _, j := range hits {
				c := b.entries[j].Name
				if r := b.entries[j].RegionName; r != "" {
					c += "（" + r + "）"
				}
				if !slices.Contains(cands, c) {
					cands = append(cands, c)
				}
			}
			return Entry{}, &AmbiguousError{Name: strings.TrimSpace(name), Candidates: cands}
		}
	}
	return first, nil
}

// Suggest returns up to n canonical names of the units most like name,
// closest first. Names are compared by what sets a unit apart: the normed
// name without its level word (市, 区 …) and its kind of body (局, 委 …),
// so 市科委 is close to 市科技局 and far from 市财政局; within an edit or
// two, or one holding the other. A different level word or kind ranks a
// name lower without ruling it out (区发改委 suggests 市发展改革委).
// Nothing when no unit is close.
func (b *Book) Suggest(name string, n int) []string {
	qp, qc := splitLevel(b.regionless(Norm(name)))
	qd, qk := distinctive(qc)
	if qd == "" {
		return nil
	}
	type scored struct {
		name string
		rank int
	}
	var all []scored
	for _, e := range b.entries {
		best := -1
		for _, alias := range append([]string{e.Name}, e.Aliases...) {
			xp, xc := splitLevel(b.regionless(Norm(alias)))
			xd, xk := distinctive(xc)
			d := distance([]rune(qd), []rune(xd))
			if d > max(1, len([]rune(qd))/2) && !strings.Contains(xd, qd) && !strings.Contains(qd, xd) {
				continue
			}
			rank := 4 * d
			if xp != qp {
				rank += 2
			}
			if xk != qk {
				rank++
			}
			if best < 0 || rank < best {
				best = rank
			}
		}
		if best >= 0 {
			all = append(all, scored{e.Name, best})
		}
	}
	slices.SortStableFunc(all, func(x, y scored) int {
		if x.rank != y.rank {
			return x.rank - y.rank
		}
		return strings.Compare(x.name, y.name)
	})
	var out []string
	for _, s := range all {
		if len(out) == n {
			break
		}
		if !slices.Contains(out, s.name) {
			out = append(out, s.name)
		}
	}
	return out
}

// bodyKinds are the last characters that say what kind of body a unit is.
const bodyKinds = "局委厅办部会室处院所署站"

// distinctive splits a unit's core into what names it and its kind of
// body: 科技局 is 科技 + 局; a core of one character keeps it.
func distinctive(core string) (name, kind string) {
	r := []rune(core)
	if len(r) > 1 && strings.ContainsRune(bodyKinds, r[len(r)-1]) {
		return string(r[:len(r)-1]), string(r[len(r)-1])
	}
	return core, ""
}

// distance is the Levenshtein distance between two rune strings.
func distance(a, b []rune) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
