package ingest

import (
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// bodyReader renders word/document.xml: each paragraph a line, prefixed
// with the number Word draws for it; text boxes as paragraphs of their own
// after their anchor; tables as rows of tab-separated cells.
type bodyReader struct {
	p           *xmlPart
	num         *numbering
	maxText     int64
	written     int64 // bytes written to any sink, against maxText
	root        *sink
	fields      fieldState
	placeholder bool // the content control being read shows placeholder text
}

func (d *bodyReader) read(p *xmlPart) error {
	d.p = p
	d.root = &sink{d: d}
	if err := d.blocks(d.root); err != nil {
		return err
	}
	return d.root.finish()
}

func (d *bodyReader) text() string {
	if d.root == nil {
		return ""
	}
	return d.root.b.String()
}

// blocks reads block content (paragraphs, tables, content controls) up to
// the end of the element just started, or to the end of the part.
func (d *bodyReader) blocks(s *sink) error {
	depth := 0
	for {
		tok, err := d.p.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if isW(t.Name) {
				if done, err := d.skipped(t); done {
					if err != nil {
						return err
					}
					continue
				}
				switch t.Name.Local {
				case "p":
					if err := d.paragraph(s); err != nil {
						return err
					}
					continue
				case "tbl":
					if err := d.table(s); err != nil {
						return err
					}
					continue
				case "tcPr":
					if s.cell {
						if err := d.tcPr(&s.tc); err != nil {
							return err
						}
						continue
					}
				}
			}
			depth++
		case xml.EndElement:
			if depth == 0 {
				return nil
			}
			depth--
		}
	}
}

// skipped consumes elements whose content a reader does not see: deleted
// and moved-away text, field codes, the old properties that tracked changes
// keep, section properties (header and footer references), ruby
// annotations (pinyin over the base text), table properties, and the
// placeholder text of an empty content control.
func (d *bodyReader) skipped(t xml.StartElement) (bool, error) {
	switch t.Name.Local {
	case "del", "moveFrom", "delText", "instrText", "delInstrText", "sdtEndPr",
		"pPrChange", "rPrChange", "sectPrChange", "tblPrChange", "tblGridChange",
		"trPrChange", "tcPrChange", "numberingChange", "sectPr", "rt", "fldData",
		"ffData", "tblPr", "tblGrid", "tblPrEx", "customXmlPr", "smartTagPr":
		return true, d.p.skip()
	case "sdtPr":
		d.placeholder = false
		return true, d.p.children(func(c xml.StartElement) (bool, error) {
			if c.Name.Local == "showingPlcHdr" {
				d.placeholder = onOff(c)
			}
			return false, nil
		})
	case "sdtContent":
		if d.placeholder {
			d.placeholder = false
			return true, d.p.skip()
		}
	}
	return false, nil
}

// pProps are the paragraph properties that decide its number and whether
// it shows.
type pProps struct {
	style       string
	numID       string
	hasNum      bool
	ilvl        int
	hasIlvl     bool
	markDeleted bool // the paragraph mark is a tracked deletion: merge with the next
	markHidden  bool
}

func (d *bodyReader) pPr() (pProps, error) {
	var pp pProps
	err := d.p.children(func(t xml.StartElement) (bool, error) {
		if !isW(t.Name) {
			return false, nil
		}
		switch t.Name.Local {
		case "pStyle":
			pp.style, _ = attr(t, "val")
		case "numPr":
			return true, d.p.children(func(c xml.StartElement) (bool, error) {
				readNumPr(c, &pp.numID, &pp.hasNum, &pp.ilvl, &pp.hasIlvl)
				return false, nil
			})
		case "rPr":
			return true, d.p.children(func(c xml.StartElement) (bool, error) {
				switch c.Name.Local {
				case "del", "moveFrom":
					pp.markDeleted = true
				case "vanish":
					pp.markHidden = onOff(c)
				}
				return false, nil
			})
		}
		return false, nil
	})
	return pp, err
}

// readNumPr reads a child of w:numPr into a paragraph's or style's fields.
func readNumPr(c xml.StartElement, numID *string, hasNum *bool, ilvl *int, hasIlvl *bool) {
	v, ok := attr(c, "val")
	switch c.Name.Local {
	case "numId":
		if ok {
			*numID, *hasNum = normID(v), true
		}
	case "ilvl":
		if n, err := strconv.Atoi(strings.TrimSpace(v)); ok && err == nil {
			*ilvl, *hasIlvl = n, true
		}
	}
}

// rPr reports whether a run is hidden text.
func (d *bodyReader) rPr() (bool, error) {
	hidden := false
	err := d.p.children(func(t xml.StartElement) (bool, error) {
		if isW(t.Name) && t.Name.Local == "vanish" {
			hidden = onOff(t)
		}
		return false, nil
	})
	return hidden, err
}

// paraState is a paragraph being read.
type paraState struct {
	ppr     pProps
	started bool // properties read and number drawn
	label   string
	text    strings.Builder
	hidden  bool // the current run is hidden text
	boxes   []string
}

func (d *bodyReader) start(ps *paraState) {
	if ps.started {
		return
	}
	ps.started = true
	if !ps.ppr.markDeleted {
		ps.label = d.num.label(&ps.ppr)
	}
}

func (d *bodyReader) add(ps *paraState, s string) error {
	if ps.hidden || !d.fields.shown() {
		return nil
	}
	if int64(ps.text.Len()+len(s)) > d.maxText {
		return fmt.Errorf("%w: %s: text exceeds %s (limit doc_max_text)", ErrTooLarge, d.p.name, byteSize(d.maxText))
	}
	ps.text.WriteString(s)
	return nil
}

// paragraph reads a w:p. The number is drawn once the properties are read,
// before any text box inside is, so that counters go in reading order.
func (d *bodyReader) paragraph(s *sink) error {
	ps := &paraState{}
	depth, runDepth := 0, -1
	for {
		tok, err := d.p.next()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth == 0 && !ps.started && isW(t.Name) {
				if t.Name.Local == "pPr" {
					if ps.ppr, err = d.pPr(); err != nil {
						return err
					}
					continue
				}
				if rangeMark(t.Name.Local) {
					// Bookmarks and the like may come before w:pPr.
					if err := d.p.skip(); err != nil {
						return err
					}
					continue
				}
			}
			d.start(ps)
			done, err := d.inline(ps, t, depth == runDepth+1 && runDepth >= 0)
			if err != nil {
				return err
			}
			if done {
				continue
			}
			if isW(t.Name) && t.Name.Local == "r" {
				runDepth = depth
				ps.hidden = false
			}
			depth++
		case xml.EndElement:
			if depth == 0 {
				return d.endParagraph(s, ps)
			}
			depth--
			if depth == runDepth {
				runDepth, ps.hidden = -1, false
			}
		}
	}
}

// rangeMark tells the empty elements that mark where a bookmark, comment,
// permission or tracked move begins or ends.
func rangeMark(local string) bool {
	switch local {
	case "bookmarkStart", "bookmarkEnd", "proofErr", "permStart", "permEnd":
		return true
	}
	return strings.HasSuffix(local, "RangeStart") || strings.HasSuffix(local, "RangeEnd")
}

// inline handles an element inside a paragraph; done means it was read
// whole. inRun tells that it is a direct child of a run.
func (d *bodyReader) inline(ps *paraState, t xml.StartElement, inRun bool) (bool, error) {
	if !isW(t.Name) {
		if (t.Name.Space == nsMath || t.Name.Space == nsMathS || t.Name.Space == "m") && t.Name.Local == "t" {
			txt, err := d.p.text()
			if err != nil {
				return true, err
			}
			return true, d.add(ps, txt)
		}
		return false, nil
	}
	if done, err := d.skipped(t); done {
		return true, err
	}
	var s string
	switch t.Name.Local {
	case "rPr":
		if !inRun {
			return true, d.p.skip()
		}
		hidden, err := d.rPr()
		ps.hidden = hidden
		return true, err
	case "t":
		txt, err := d.p.text()
		if err != nil {
			return true, err
		}
		// A line break typed into w:t is no paragraph break in Word.
		return true, d.add(ps, lineBreaks.Replace(txt))
	case "tab", "ptab":
		s = "\t"
	case "br", "cr":
		s = "\n"
	case "noBreakHyphen":
		s = "-"
	case "sym":
		s = symbolText(t)
	case "fldChar":
		v, _ := attr(t, "fldCharType")
		d.fields.mark(v)
		return true, d.p.skip()
	case "txbxContent":
		return true, d.box(ps)
	case "softHyphen", "footnoteReference", "endnoteReference", "commentReference",
		"annotationRef", "footnoteRef", "endnoteRef", "separator", "continuationSeparator":
	default:
		return false, nil
	}
	if err := d.p.skip(); err != nil {
		return true, err
	}
	return true, d.add(ps, s)
}

var lineBreaks = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ")

// symbolText is the character of a w:sym. Characters in the private-use
// area are glyphs of a symbol font (Wingdings, Symbol) that have no text.
func symbolText(t xml.StartElement) string {
	v, _ := attr(t, "char")
	n, err := strconv.ParseUint(v, 16, 32)
	if err != nil || n < 0x20 || n >= 0xE000 && n <= 0xF8FF || !utf8.ValidRune(rune(n)) {
		return ""
	}
	return string(rune(n))
}

// box reads a text box: a story of its own, with its own fields, written
// after the anchoring paragraph.
func (d *bodyReader) box(ps *paraState) error {
	saved := d.fields
	d.fields = fieldState{}
	bs := &sink{d: d}
	err := d.blocks(bs)
	if err == nil {
		err = bs.finish()
	}
	d.fields = saved
	if err != nil {
		return err
	}
	if txt := strings.TrimRight(bs.b.String(), "\n"); strings.TrimSpace(txt) != "" {
		ps.boxes = append(ps.boxes, txt)
	}
	return nil
}

func (d *bodyReader) endParagraph(s *sink, ps *paraState) error {
	d.start(ps)
	text := ps.text.String()
	if ps.ppr.markDeleted {
		s.carry += text
		s.carryBoxes = append(s.carryBoxes, ps.boxes...)
		return nil
	}
	carry, boxes := s.carry, append(s.carryBoxes, ps.boxes...)
	s.carry, s.carryBoxes = "", nil
	// A hidden paragraph mark with nothing visible hides the whole
	// paragraph, number included.
	if !(ps.ppr.markHidden && text == "" && carry == "") {
		if err := s.para(ps.label + carry + text); err != nil {
			return err
		}
	}
	for _, b := range boxes {
		if err := s.deferBox(b); err != nil {
			return err
		}
	}
	return nil
}

// fieldState follows complex fields (w:fldChar begin … separate … end):
// the code between begin and separate is hidden, the result shown. Fields
// nest; a field without separate shows nothing until its end.
type fieldState struct {
	open []bool // per open field: still in its code
	code int    // open fields still in their code
}

// maxFieldNesting bounds the stack; deeper fields are treated as results.
const maxFieldNesting = 64

func (f *fieldState) mark(kind string) {
	switch kind {
	case "begin":
		if len(f.open) < maxFieldNesting {
			f.open = append(f.open, true)
			f.code++
		}
	case "separate":
		if n := len(f.open); n > 0 && f.open[n-1] {
			f.open[n-1] = false
			f.code--
		}
	case "end":
		if n := len(f.open); n > 0 {
			if f.open[n-1] {
				f.code--
			}
			f.open = f.open[:n-1]
		}
	}
}

func (f *fieldState) shown() bool { return f.code == 0 }
