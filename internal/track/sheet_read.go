package track

// Reading a sheet a unit sends in, within budgets. A filled-in task list
// comes from outside — an upload, a file given to `sheet import` — and may
// be anything: a zip bomb whose sheet inflates to a gigabyte, a shared
// string of 600 MB, a CSV field of three million characters. Every read
// is bounded by config.Sheets (what the file may hold) and by the
// caller's context (how long it may take), and a file past a limit gets
// one LimitError naming what went past and the limit, before the work
// that limit guards is done. XLSX budgets are in sheet_xlsx.go.

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	xunicode "golang.org/x/text/encoding/unicode"

	"planwatch/internal/cell"
	"planwatch/internal/config"
	"planwatch/internal/store"
	"planwatch/internal/unitname"
)

// ReadOptions are what an imported sheet is read and checked with.
type ReadOptions struct {
	// Limits bound what the file may hold; zero fields take the defaults.
	Limits config.Sheets
	// Today is the last day an update may be about, YYYY-MM-DD; "" means
	// the clock's today.
	Today string
	// Prev is the plan's updates so far: a row that repeats its task's
	// latest one (a row left as exported) reports nothing and is left
	// out, whoever's task it is.
	Prev []store.Update
	// Deny, when not nil, refuses the rows of the items it gives a reason
	// for (in Chinese, for the unit that filled the sheet in): the tasks
	// the importing user may not report on.
	Deny func(store.Item) string
	// Units is the unit registry of the plan's region (store.UnitBook):
	// the reporting unit is resolved through it, as every door resolves
	// a unit's name. Nil takes the name as it is.
	Units *unitname.Book
}

// LimitError is a sheet refused for going past one of the limits of
// config.Sheets. Its message names what went past and the limit's
// setting; callers put the file's name before it:
//
//	sheet.xlsx: xl/worksheets/sheet1.xml inflates past 256 MiB (limit sheet_max_inflated)
type LimitError struct {
	What  string // what went past the limit, with the figures
	Limit string // the setting, e.g. sheet_max_inflated
}

func (e *LimitError) Error() string { return fmt.Sprintf("%s (limit %s)", e.What, e.Limit) }

// limitErr makes a LimitError.
func limitErr(limit, format string, args ...any) error {
	return &LimitError{What: fmt.Sprintf(format, args...), Limit: limit}
}

// sizeText writes a byte count the way the limits are set: 256 MiB.
func sizeText(n int64) string {
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return fmt.Sprintf("%d GiB", n>>30)
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// grid is a sheet read into text cells, merged ranges filled in.
type grid struct {
	cells [][]string // formatted text, as the sheet shows it
	raw   [][]string // raw values of number cells (Excel date serials); nil for CSV
}

func (g *grid) at(rows [][]string, r, c int) string {
	if r < 0 || r >= len(rows) || c < 0 || c >= len(rows[r]) {
		return ""
	}
	return rows[r][c]
}

func (g *grid) cell(r, c int) string { return strings.TrimSpace(g.at(g.cells, r, c)) }
func (g *grid) rawCell(r, c int) string {
	return strings.TrimSpace(g.at(g.raw, r, c))
}

// readGrids reads every sheet of the workbook (xlsx: visible sheets in
// order; csv: the one table) within lim.
func readGrids(ctx context.Context, r io.Reader, format string, lim config.Sheets) ([]*grid, error) {
	format, err := normFormat(format)
	if err != nil {
		return nil, err
	}
	lim = lim.WithDefaults()
	data, err := io.ReadAll(io.LimitReader(r, lim.MaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("track: read sheet: %w", err)
	}
	if int64(len(data)) > lim.MaxBytes {
		return nil, limitErr("sheet_max_bytes", "the file is over %s", sizeText(lim.MaxBytes))
	}
	if format == FormatCSV {
		g, err := readCSV(ctx, data, lim)
		if err != nil {
			return nil, err
		}
		return []*grid{g}, nil
	}
	if !bytes.HasPrefix(data, []byte("PK")) {
		return nil, errors.New("track: not an .xlsx workbook (an old .xls? save it as .xlsx)")
	}
	return readXLSX(ctx, data, lim)
}

// fillRange copies the top-left value of a merged range into its cells.
func fillRange(rows [][]string, r1, c1, r2, c2 int) [][]string {
	v := ""
	if r1 < len(rows) && c1 < len(rows[r1]) {
		v = rows[r1][c1]
	}
	for len(rows) <= r2 {
		rows = append(rows, nil)
	}
	for r := r1; r <= r2; r++ {
		for len(rows[r]) <= c2 {
			rows[r] = append(rows[r], "")
		}
		for c := c1; c <= c2; c++ {
			rows[r][c] = v
		}
	}
	return rows
}

// maxColumns is Excel's last column, XFD: no sheet has more, and a CSV
// line with more separators is refused before it is split into fields.
const maxColumns = 16384

// readCSV decodes a CSV in UTF-8 (with or without BOM), UTF-16 (with BOM,
// as Excel's "Unicode text" writes it) or GBK/GB18030 (as Excel on Chinese
// Windows saves "CSV"), comma- or tab-separated, quoted as RFC 4180 and
// Excel have it: a field with a quote in it is quoted whole and its quotes
// doubled. A stray or unclosed quote is an error naming its line and
// column, not a field that swallows the rest of the file. Records, fields
// and field lengths are bounded by lim; a field our export guarded with an
// apostrophe (cell.CSV) is read back without it.
func readCSV(ctx context.Context, data []byte, lim config.Sheets) (*grid, error) {
	text, err := decodeSheetText(data)
	if err != nil {
		return nil, err
	}
	comma := ','
	first, _, _ := strings.Cut(text, "\n")
	if strings.Count(first, "\t") > strings.Count(first, ",") {
		comma = '\t'
	}
	// encoding/csv builds a whole record before it returns it: a line of
	// millions of separators would be millions of fields at once.
	for n, rest := 1, text; rest != ""; n++ {
		line := rest
		if i := strings.IndexByte(rest, '\n'); i >= 0 {
			line, rest = rest[:i], rest[i+1:]
		} else {
			rest = ""
		}
		if strings.Count(line, string(comma)) >= maxColumns {
			return nil, limitErr("sheet_max_cells", "line %d has more than %d fields", n, maxColumns)
		}
	}
	cr := csv.NewReader(strings.NewReader(text))
	cr.Comma = comma
	cr.FieldsPerRecord = -1
	var rows [][]string
	cells := 0
	for {
		if len(rows)%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvError(err, text, comma)
		}
		line, _ := cr.FieldPos(0)
		if len(rows) >= lim.MaxRows {
			return nil, limitErr("sheet_max_rows", "line %d: more than %d rows", line, lim.MaxRows)
		}
		if cells += len(rec); cells > lim.MaxCells {
			return nil, limitErr("sheet_max_cells", "line %d: more than %d cells", line, lim.MaxCells)
		}
		for i, v := range rec {
			if len(v) > lim.MaxCellChars && utf8.RuneCountInString(v) > lim.MaxCellChars {
				l, _ := cr.FieldPos(i)
				return nil, limitErr("sheet_max_cell_chars", "第%d行%s列 holds %d characters, more than %d",
					l, colName(i), utf8.RuneCountInString(v), lim.MaxCellChars)
			}
			rec[i] = cell.FromCSV(v)
		}
		rows = append(rows, rec)
	}
	return &grid{cells: rows}, nil
}

// csvError turns encoding/csv's complaint about quotes into one that
// names the row and column (第3行G列) and says what to do.
func csvError(err error, text string, comma rune) error {
	var pe *csv.ParseError
	if !errors.As(err, &pe) || !errors.Is(pe.Err, csv.ErrQuote) && !errors.Is(pe.Err, csv.ErrBareQuote) {
		return fmt.Errorf("track: read csv: %w", err)
	}
	what := "引号未闭合：以引号开头的单元格须以引号结束"
	if errors.Is(pe.Err, csv.ErrBareQuote) {
		what = "单元格中有引号，但单元格没有整体用引号括起"
	}
	// The column: the field the quote is in, counted along the record's
	// line from its start.
	lines := strings.SplitAfterN(text, "\n", pe.StartLine+1)
	col := 0
	if pe.StartLine >= 1 && pe.StartLine <= len(lines) {
		line := lines[pe.StartLine-1]
		if pe.Line == pe.StartLine && pe.Column-1 <= len(line) {
			line = line[:max(pe.Column-1, 0)]
		}
		col = fieldIndex(line, comma)
	}
	return fmt.Errorf("track: read csv: 第%d行%s列：%s（含引号或逗号的单元格应整体用双引号括起，内部的引号写作两个）",
		pe.StartLine, colName(col), what)
}

// fieldIndex is the 0-based field that the end of line lies in, quotes
// taken into account.
func fieldIndex(line string, comma rune) int {
	n, quoted, start := 0, false, true
	for _, r := range line {
		switch {
		case r == '"' && (start || quoted):
			quoted = !quoted
		case r == comma && !quoted:
			n++
			start = true
			continue
		}
		start = false
	}
	return n
}

func decodeSheetText(data []byte) (string, error) {
	switch {
	case bytes.HasPrefix(data, []byte("\xEF\xBB\xBF")):
		// Kept as is, bad bytes and all: the cell they are in is refused
		// with its row and column (CheckText), rather than silently turned
		// into U+FFFD.
		return string(data[3:]), nil
	case bytes.HasPrefix(data, []byte("\xFF\xFE")), bytes.HasPrefix(data, []byte("\xFE\xFF")):
		dec := xunicode.UTF16(xunicode.LittleEndian, xunicode.ExpectBOM).NewDecoder()
		b, err := dec.Bytes(data)
		if err != nil {
			return "", fmt.Errorf("track: decode utf-16 csv: %w", err)
		}
		return string(b), nil
	case utf8.Valid(data):
		return string(data), nil
	}
	// Not UTF-8: GB18030, the superset of GBK and GB2312 that Excel on
	// Chinese Windows writes.
	b, err := simplifiedchinese.GB18030.NewDecoder().Bytes(data)
	if err != nil {
		return "", fmt.Errorf("track: csv is neither UTF-8 nor GBK: %w", err)
	}
	return string(b), nil
}

// shown is a cell's text as an error message may quote it: control and
// direction characters written as \u001b, bad bytes as U+FFFD, and no
// longer than 60 characters, so that a refused cell can neither drive a
// terminal nor flood a page.
func shown(s string) string {
	const max = 60
	var b strings.Builder
	n := 0
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		if n == max {
			b.WriteString("…")
			break
		}
		if r != '\n' && unsafeRune(r) {
			fmt.Fprintf(&b, `\u%04x`, r)
		} else {
			b.WriteRune(r)
		}
		n++
	}
	return b.String()
}
