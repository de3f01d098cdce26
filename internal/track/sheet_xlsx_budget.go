package track

// The budgets of an .xlsx's parts, counted with xmlLexer before excelize
// parses them (see sheet_xlsx.go for the order of the checks).

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"

	"planwatch/internal/config"
)

// xlsxBudget is what the parts scanned so far have used of the limits.
type xlsxBudget struct {
	lim      config.Sheets
	elements int // of the parts parsed whole, and of sheets outside their cells
	cells    int // <c> elements of every sheet
}

// sheetScan is what scanning a worksheet part found: its merged ranges
// and the raw values of its number cells (date serials), 0-based.
type sheetScan struct {
	merges [][4]int // r1, c1, r2, c2, 1-based as in the sheet
	raw    map[[2]int]string
}

// maxCellElements bounds the XML elements inside one cell (rich-text runs
// of an inline string): excelize decodes a cell whole.
const maxCellElements = 1000

// scanPart reads part (name, for messages) through the lexer within b.
// With sheet set it is a worksheet: its cells, rows and merged ranges are
// budgeted and its merges and number values returned.
func scanPart(ctx context.Context, part io.Reader, name string, sheet bool, b *xlsxBudget) (*sheetScan, error) {
	l := newXMLLexer(part)
	lim := b.lim
	out := &sheetScan{raw: map[[2]int]string{}}
	var (
		text                 int64
		row, col             int
		inCell, inValue, num bool
		cellElems, tokens    int
		value                []byte
	)
	for {
		if tokens++; tokens%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		err := l.next()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("track: %s: %w", name, err)
		}
		if text += l.size; text > lim.MaxText {
			return nil, limitErr("sheet_max_text", "%s holds more than %s of text", name, sizeText(lim.MaxText))
		}
		tag := string(l.name)
		switch {
		case l.start && inCell:
			if cellElems++; cellElems > maxCellElements {
				return nil, limitErr("sheet_max_elements", "%s: cell %s holds more than %d XML elements",
					name, cellRef(row, col), maxCellElements)
			}
			if sheet && tag == "v" && !l.end {
				inValue, l.capture, value = true, 64, value[:0]
			}
		case l.start && sheet && tag == "c":
			if b.cells++; b.cells > lim.MaxCells {
				return nil, limitErr("sheet_max_cells", "%s: more than %d cells", name, lim.MaxCells)
			}
			col++
			if ref, ok := l.attr("r"); ok {
				if c := columnOf(ref); c > 0 {
					col = c
				}
			}
			if col > maxColumns {
				return nil, limitErr("sheet_max_cells", "%s: row %d has a cell past column XFD", name, row)
			}
			t, _ := l.attr("t")
			num = len(t) == 0 || string(t) == "n"
			inCell, cellElems = !l.end, 0
		case l.start:
			if b.elements++; b.elements > lim.MaxElements {
				return nil, limitErr("sheet_max_elements", "%s: more than %d XML elements in the parts read whole",
					name, lim.MaxElements)
			}
			if !sheet {
				continue
			}
			switch tag {
			case "row":
				row++
				if v, ok := l.attr("r"); ok {
					if n, err := strconv.Atoi(string(v)); err == nil && n > 0 {
						row = n
					}
				}
				if row > lim.MaxRows {
					return nil, limitErr("sheet_max_rows", "%s: row %d, more than %d rows", name, row, lim.MaxRows)
				}
				col = 0
			case "mergeCell":
				ref, _ := l.attr("ref")
				if m, ok := mergeRange(string(ref)); ok {
					if len(out.merges) >= lim.MaxCells {
						return nil, limitErr("sheet_max_cells", "%s: more than %d merged ranges", name, lim.MaxCells)
					}
					out.merges = append(out.merges, m)
				}
			}
		case l.end && inCell && tag == "v":
			if num && inValue && row > 0 && len(value) < 64 {
				out.raw[[2]int{row - 1, col - 1}] = string(value)
			}
			inValue, l.capture = false, 0
		case l.end && tag == "c":
			inCell, inValue, l.capture = false, false, 0
		case !l.start && !l.end && inValue:
			value = append(value, l.text[:min(len(l.text), 64-len(value))]...)
		}
	}
}

// columnOf is the 1-based column of a cell reference (C7 → 3), 0 when it
// has no letters or is past XFD.
func columnOf(ref []byte) int {
	n := 0
	for _, c := range ref {
		switch {
		case c >= 'A' && c <= 'Z':
			n = n*26 + int(c-'A') + 1
		case c >= 'a' && c <= 'z':
			n = n*26 + int(c-'a') + 1
		default:
			return n
		}
		if n > maxColumns {
			return 0
		}
	}
	return n
}

// cellRef names a cell, 1-based: C7.
func cellRef(row, col int) string { return colName(col-1) + strconv.Itoa(row) }

// mergeRange reads a merged range, A1:C3 (or A1), into 1-based rows and
// columns.
func mergeRange(ref string) ([4]int, bool) {
	a, b, ok := bytes.Cut([]byte(ref), []byte(":"))
	if !ok {
		b = a
	}
	r1, c1, ok1 := cellCoords(a)
	r2, c2, ok2 := cellCoords(b)
	if !ok1 || !ok2 {
		return [4]int{}, false
	}
	return [4]int{min(r1, r2), min(c1, c2), max(r1, r2), max(c1, c2)}, true
}

func cellCoords(ref []byte) (row, col int, ok bool) {
	col = columnOf(ref)
	i := bytes.IndexFunc(ref, func(r rune) bool { return r >= '0' && r <= '9' })
	if col == 0 || i < 0 {
		return 0, 0, false
	}
	row, err := strconv.Atoi(string(ref[i:]))
	return row, col, err == nil && row > 0
}
