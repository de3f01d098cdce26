package ingest

import (
	"encoding/xml"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Word draws list and heading numbers (一、 （一） 1. （1） 第一条) from
// word/numbering.xml; the text never holds them. A paragraph is numbered by
// its own w:numPr or by its style's (styles.xml, following w:basedOn, with
// numId and ilvl inherited separately); numId 0 switches numbering off.
// w:num points at a w:abstractNum, possibly through a numbering style
// (w:numStyleLink → the style's w:numPr → the w:abstractNum with the
// matching w:styleLink).
//
// Counting follows Word: counters belong to the abstract definition, so
// w:num instances sharing one continue each other; an instance's
// w:startOverride restarts its level the first time that instance is used
// at that level. A level starts at w:start (0 when absent, as the standard
// says), and restarts after any higher level is used unless w:lvlRestart
// says otherwise (0: never; n: only after levels 1..n). A higher level
// never used shows one less than its start, the "0.1" Word shows for a
// second-level heading with no first-level one before it.

const (
	maxStyleChain = 16     // w:basedOn hops
	maxListDefs   = 100000 // styles, abstract definitions and instances kept
	maxCount      = 1 << 30
	maxLvlText    = 64 // runes of w:lvlText
)

// numLevel is a w:lvl.
type numLevel struct {
	start   int
	format  string // w:numFmt
	custom  string // w:format of a custom w:numFmt
	text    string // w:lvlText
	restart int    // w:lvlRestart; -1 when absent
	suff    string // w:suff: tab (default), space, nothing
	legal   bool   // w:isLgl: higher levels shown as decimal numbers
	style   string // w:pStyle: the paragraph style tied to this level
	picture bool   // a picture bullet
}

type abstractNum struct {
	levels                  [9]*numLevel
	styleLink, numStyleLink string
}

func (a *abstractNum) hasLevels() bool {
	for _, l := range a.levels {
		if l != nil {
			return true
		}
	}
	return false
}

// numDef is a w:num: an abstract definition with level overrides.
type numDef struct {
	abstract string
	start    [9]int
	hasStart [9]bool
	lvl      [9]*numLevel
}

type counters struct {
	val    [9]int
	active [9]bool // counted since the level last restarted
}

type numbering struct {
	styles    *styleSheet
	abstracts map[string]*abstractNum
	nums      map[string]*numDef
	counts    map[string]*counters // by abstract definition
	seen      map[string]uint16    // by instance: levels used so far
}

func newNumbering(st *styleSheet) *numbering {
	return &numbering{
		styles: st, abstracts: map[string]*abstractNum{}, nums: map[string]*numDef{},
		counts: map[string]*counters{}, seen: map[string]uint16{},
	}
}

// normID makes "01" and "1" the same identifier.
func normID(s string) string {
	s = strings.TrimSpace(s)
	if n, err := strconv.Atoi(s); err == nil {
		return strconv.Itoa(n)
	}
	return s
}

func ilvlOf(t xml.StartElement) (int, bool) {
	v, _ := attr(t, "ilvl")
	n, err := strconv.Atoi(strings.TrimSpace(v))
	return n, err == nil && n >= 0 && n < 9
}

// read parses word/numbering.xml.
func (n *numbering) read(p *xmlPart) error {
	return p.root(func(t xml.StartElement) (bool, error) {
		if !isW(t.Name) || len(n.abstracts)+len(n.nums) >= maxListDefs {
			return false, nil
		}
		switch t.Name.Local {
		case "abstractNum":
			id, _ := attr(t, "abstractNumId")
			a := &abstractNum{}
			n.abstracts[normID(id)] = a
			return true, p.children(func(c xml.StartElement) (bool, error) {
				switch c.Name.Local {
				case "lvl":
					if i, ok := ilvlOf(c); ok {
						l, err := readLevel(p)
						a.levels[i] = l
						return true, err
					}
				case "styleLink":
					a.styleLink, _ = attr(c, "val")
				case "numStyleLink":
					a.numStyleLink, _ = attr(c, "val")
				}
				return false, nil
			})
		case "num":
			id, _ := attr(t, "numId")
			nd := &numDef{}
			n.nums[normID(id)] = nd
			return true, p.children(func(c xml.StartElement) (bool, error) {
				switch c.Name.Local {
				case "abstractNumId":
					v, _ := attr(c, "val")
					nd.abstract = normID(v)
				case "lvlOverride":
					i, ok := ilvlOf(c)
					if !ok {
						return false, nil
					}
					return true, p.children(func(o xml.StartElement) (bool, error) {
						switch o.Name.Local {
						case "startOverride":
							v, _ := attr(o, "val")
							if s, err := strconv.Atoi(strings.TrimSpace(v)); err == nil {
								nd.start[i], nd.hasStart[i] = clampCount(s), true
							}
						case "lvl":
							l, err := readLevel(p)
							nd.lvl[i] = l
							return true, err
						}
						return false, nil
					})
				}
				return false, nil
			})
		}
		return false, nil
	})
}

func clampCount(n int) int { return max(min(n, maxCount), -maxCount) }

// readLevel reads the w:lvl just started.
func readLevel(p *xmlPart) (*numLevel, error) {
	l := &numLevel{format: "decimal", restart: -1, suff: "tab"}
	err := p.children(func(c xml.StartElement) (bool, error) {
		v, ok := attr(c, "val")
		v = strings.TrimSpace(v)
		switch c.Name.Local {
		case "start":
			if s, err := strconv.Atoi(v); err == nil {
				l.start = clampCount(s)
			}
		case "numFmt":
			if ok {
				l.format = v
				l.custom, _ = attr(c, "format")
			}
		case "lvlText":
			if null, _ := attr(c, "null"); onOffValue(null) {
				l.text = ""
			} else if t, _ := attr(c, "val"); utf8.RuneCountInString(t) <= maxLvlText {
				l.text = t
			} else {
				l.text = string([]rune(t)[:maxLvlText])
			}
		case "lvlRestart":
			if r, err := strconv.Atoi(v); err == nil && r >= 0 {
				l.restart = r
			}
		case "suff":
			l.suff = v
		case "isLgl":
			l.legal = onOff(c)
		case "pStyle":
			l.style = v
		case "lvlPicBulletId":
			l.picture = true
		}
		return false, nil
	})
	return l, err
}

func onOffValue(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "true", "1", "on":
		return true
	}
	return false
}

// styleSheet keeps what styles.xml says about numbering.
type styleSheet struct {
	styles      map[string]*styleDef
	defaultPara string
}

type styleDef struct {
	basedOn string
	numID   string
	hasNum  bool
	ilvl    int
	hasIlvl bool
}

func (st *styleSheet) read(p *xmlPart) error {
	return p.root(func(t xml.StartElement) (bool, error) {
		if !isW(t.Name) || t.Name.Local != "style" || len(st.styles) >= maxListDefs {
			return false, nil
		}
		id, _ := attr(t, "styleId")
		typ, _ := attr(t, "type")
		if def, _ := attr(t, "default"); onOffValue(def) && (typ == "paragraph" || typ == "") && st.defaultPara == "" {
			st.defaultPara = id
		}
		sd := &styleDef{}
		st.styles[id] = sd
		return true, p.children(func(c xml.StartElement) (bool, error) {
			switch c.Name.Local {
			case "basedOn":
				sd.basedOn, _ = attr(c, "val")
			case "pPr":
				return true, p.children(func(pp xml.StartElement) (bool, error) {
					if pp.Name.Local != "numPr" {
						return false, nil
					}
					return true, p.children(func(np xml.StartElement) (bool, error) {
						readNumPr(np, &sd.numID, &sd.hasNum, &sd.ilvl, &sd.hasIlvl)
						return false, nil
					})
				})
			}
			return false, nil
		})
	})
}

// resolve finds the list instance and level of a paragraph: its own
// w:numPr first, then its style chain, numId and ilvl separately. ilvl is
// -1 when nothing names it.
func (n *numbering) resolve(pp *pProps) (numID string, ilvl int, chain []string, ok bool) {
	numID, hasNum := pp.numID, pp.hasNum
	ilvl, hasIlvl := pp.ilvl, pp.hasIlvl
	id := pp.style
	if id == "" {
		id = n.styles.defaultPara
	}
	for i := 0; id != "" && i < maxStyleChain; i++ {
		sd := n.styles.styles[id]
		if sd == nil {
			break
		}
		chain = append(chain, id)
		if !hasNum && sd.hasNum {
			numID, hasNum = sd.numID, true
		}
		if !hasIlvl && sd.hasIlvl {
			ilvl, hasIlvl = sd.ilvl, true
		}
		id = sd.basedOn
	}
	if !hasNum || numID == "" || numID == "0" {
		return "", 0, nil, false
	}
	if !hasIlvl {
		ilvl = -1
	}
	return numID, ilvl, chain, true
}

// abstract follows numbering-style links to the definition that holds the
// levels, which is also the one that owns the counters.
func (n *numbering) abstract(id string) (string, *abstractNum) {
	for hop := 0; hop < 8; hop++ {
		a := n.abstracts[id]
		if a == nil {
			return "", nil
		}
		if a.numStyleLink == "" || a.hasLevels() {
			return id, a
		}
		next := ""
		if sd := n.styles.styles[a.numStyleLink]; sd != nil && sd.hasNum {
			if nd := n.nums[sd.numID]; nd != nil {
				next = nd.abstract
			}
		}
		if next == "" || next == id {
			for oid, o := range n.abstracts {
				if o.styleLink == a.numStyleLink && oid != id {
					next = oid
					break
				}
			}
		}
		if next == "" || next == id {
			return id, a
		}
		id = next
	}
	return "", nil
}

func level(nd *numDef, a *abstractNum, k int) *numLevel {
	if nd.lvl[k] != nil {
		return nd.lvl[k]
	}
	return a.levels[k]
}

// label counts the paragraph in its list and returns the number Word
// draws before its text, with the gap that follows it; "" when the
// paragraph is not numbered.
func (n *numbering) label(pp *pProps) string {
	numID, ilvl, chain, ok := n.resolve(pp)
	if !ok {
		return ""
	}
	nd := n.nums[numID]
	if nd == nil {
		return ""
	}
	absID, a := n.abstract(nd.abstract)
	if a == nil {
		return ""
	}
	if ilvl < 0 {
		// A style tied to a level by the level's w:pStyle.
		ilvl = 0
	find:
		for _, sid := range chain {
			for k := range 9 {
				if l := level(nd, a, k); l != nil && l.style == sid {
					ilvl = k
					break find
				}
			}
		}
	}
	if ilvl > 8 {
		return ""
	}
	lvl := level(nd, a, ilvl)
	if lvl == nil {
		return ""
	}
	c := n.counts[absID]
	if c == nil {
		c = &counters{}
		n.counts[absID] = c
	}
	first := n.seen[numID]&(1<<ilvl) == 0
	n.seen[numID] |= 1 << ilvl
	switch {
	case first && nd.hasStart[ilvl]:
		c.val[ilvl] = nd.start[ilvl]
	case !c.active[ilvl]:
		c.val[ilvl] = lvl.start
	case c.val[ilvl] < maxCount:
		c.val[ilvl]++
	}
	c.active[ilvl] = true
	for m := ilvl + 1; m < 9; m++ {
		r := -1
		if l := level(nd, a, m); l != nil {
			r = l.restart
		}
		if r < 0 || r > m {
			r = m
		}
		if ilvl < r {
			c.active[m] = false
		}
	}
	return withSuffix(render(nd, a, c, ilvl, lvl), lvl)
}

func render(nd *numDef, a *abstractNum, c *counters, ilvl int, lvl *numLevel) string {
	if lvl.format == "bullet" || lvl.picture {
		return bulletText(lvl.text)
	}
	var b strings.Builder
	t := lvl.text
	for i := 0; i < len(t); i++ {
		if t[i] != '%' || i+1 >= len(t) || t[i+1] < '1' || t[i+1] > '9' {
			b.WriteByte(t[i])
			continue
		}
		k := int(t[i+1] - '1')
		i++
		kl := level(nd, a, k)
		if kl == nil {
			kl = &numLevel{format: "decimal"}
		}
		v := c.val[k]
		if !c.active[k] {
			v = kl.start - 1
		}
		format, custom := kl.format, kl.custom
		if lvl.legal && k < ilvl {
			format = "decimal"
		}
		if format == "bullet" {
			continue
		}
		b.WriteString(formatNumber(v, format, custom))
	}
	return b.String()
}
