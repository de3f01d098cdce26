package ingest

import (
	"encoding/xml"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Tables come out as they have always come out, which the extractor reads
// as a table: a row per line, cells joined by tabs, the paragraphs of a
// cell joined by spaces. Rows stay aligned with the grid: a cell spanning
// columns (w:gridSpan) is followed by empty cells, a row starting further
// right (w:gridBefore) starts with empty ones, and a vertically merged cell
// (w:vMerge) repeats the label above it, the way a reader takes a category
// or attribute spanning several indicator rows. A table nested in a cell
// is flattened into that cell's text.

const (
	maxGridSpan     = 64   // Word allows 63 columns
	maxTrackedCols  = 4096 // columns whose value is remembered for merges
	maxRepeatedCell = 100  // runes: longer merged cells are body text, not labels
)

// cellProps are a cell's place in the grid.
type cellProps struct {
	span    int  // grid columns covered
	merge   bool // continues the vertically merged cell above
	deleted bool // a tracked deletion of the cell
}

// table reads a w:tbl into s, a row per line. Text boxes anchored inside
// wait until the outermost table ends.
func (d *bodyReader) table(s *sink) error {
	st := s.story()
	st.tables++
	var above []string // per grid column, the text shown in the row above
	depth := 0
loop:
	for {
		tok, err := d.p.next()
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
				if t.Name.Local == "tr" {
					row, keep, err := d.row(st, &above)
					if err != nil {
						return err
					}
					if keep {
						if err := s.para(row); err != nil {
							return err
						}
					}
					continue
				}
			}
			depth++
		case xml.EndElement:
			if depth == 0 {
				break loop
			}
			depth--
		}
	}
	st.tables--
	if st.tables > 0 {
		return nil
	}
	held := st.held
	st.held = nil
	for _, h := range held {
		if err := st.para(h); err != nil {
			return err
		}
	}
	return nil
}

// row reads a w:tr; keep is false for a row deleted as a tracked change.
func (d *bodyReader) row(st *sink, above *[]string) (line string, keep bool, err error) {
	var cells []string
	deleted := false
	depth := 0
loop:
	for {
		tok, err := d.p.next()
		if err != nil {
			return "", false, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if isW(t.Name) {
				if t.Name.Local == "trPr" {
					before := 0
					err := d.p.children(func(c xml.StartElement) (bool, error) {
						switch c.Name.Local {
						case "gridBefore":
							before = gridCount(c)
						case "del", "moveFrom":
							deleted = true
						}
						return false, nil
					})
					if err != nil {
						return "", false, err
					}
					for range before {
						cells = append(cells, "")
					}
					continue
				}
				if done, err := d.skipped(t); done {
					if err != nil {
						return "", false, err
					}
					continue
				}
				if t.Name.Local == "tc" {
					text, tc, err := d.cell(st)
					if err != nil {
						return "", false, err
					}
					if tc.deleted {
						continue
					}
					if col := len(cells); tc.merge {
						text = ""
						if col < len(*above) && utf8.RuneCountInString((*above)[col]) <= maxRepeatedCell {
							text = (*above)[col]
						}
					}
					cells = append(cells, text)
					for i := 1; i < tc.span; i++ {
						cells = append(cells, "")
					}
					continue
				}
			}
			depth++
		case xml.EndElement:
			if depth == 0 {
				break loop
			}
			depth--
		}
	}
	if deleted {
		return "", false, nil
	}
	for col, c := range cells {
		if col >= maxTrackedCols {
			break
		}
		if col < len(*above) {
			(*above)[col] = c
		} else {
			*above = append(*above, c)
		}
	}
	return strings.Join(cells, "\t"), true, nil
}

// cell reads a w:tc: its properties and its block content, text boxes
// passed to the story st.
func (d *bodyReader) cell(st *sink) (string, cellProps, error) {
	cs := &sink{d: d, cell: true, up: st, tc: cellProps{span: 1}}
	if err := d.blocks(cs); err != nil {
		return "", cs.tc, err
	}
	if err := cs.finish(); err != nil {
		return "", cs.tc, err
	}
	return cs.b.String(), cs.tc, nil
}

func (d *bodyReader) tcPr(tc *cellProps) error {
	return d.p.children(func(c xml.StartElement) (bool, error) {
		switch c.Name.Local {
		case "gridSpan":
			tc.span = max(gridCount(c), 1)
		case "vMerge":
			// Without a value the cell continues the merge; "restart"
			// begins one.
			v, ok := attr(c, "val")
			tc.merge = !ok || strings.TrimSpace(v) == "continue"
		case "cellDel":
			tc.deleted = true
		}
		return false, nil
	})
}

// gridCount reads a column count, bounded so that a hostile value cannot
// multiply the output.
func gridCount(c xml.StartElement) int {
	v, _ := attr(c, "val")
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < 0 {
		return 0
	}
	return min(n, maxGridSpan)
}
