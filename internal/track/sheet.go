package track

// The task-list spreadsheet (任务清单) offices exchange: the shared parts of
// its export (sheet_export.go), its progress import (sheet_import.go) and
// the indicator-observation import (sheet_observe.go).
//
// The 序号 scheme. Each exported row is keyed by a number path: the numbers
// of the item's ancestors and of the item itself, as printed in the plan,
// stripped of their brackets and punctuation and joined with "." — task 2
// under （一） under 一、 is "一.一.2", task 3 under 二、 is "二.3", a
// top-level task 5 is "5". An item without a Number takes its 1-based place
// among its siblings (all of them, dropped ones included, by Position), so
// dropping a task does not renumber the others. Should two rows still get
// the same path, the later ones get "-2", "-3" … in row order. The path
// depends only on the plan's items, so the same plan always exports the
// same keys. On import, 序号 cells are normalized the same way (full-width
// digits, spaces, 、．（）() are tolerated: "一、1" and "（一）.1" read as
// "一.1").
//
// The ID column. The last column, headed "ID", carries the item's ID and is
// hidden in the .xlsx. It is kept on the same sheet rather than on a
// second hidden sheet because it then travels with its row when a unit
// sorts, inserts or deletes rows, or copies rows into another workbook;
// a parallel sheet would silently fall out of step. Imports match by ID
// first, so an edited 序号 does no harm.

import (
	"errors"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/xuri/excelize/v2"

	"planwatch/internal/store"
)

// Sheet formats.
const (
	FormatXLSX = "xlsx"
	FormatCSV  = "csv"
)

// The columns of the task list, in order, as WriteTaskList writes them.
const (
	ColNumber   = "序号"
	ColGroup    = "重点任务"
	ColMeasure  = "具体举措"
	ColLead     = "牵头单位"
	ColSupport  = "责任单位"
	ColDeadline = "完成时限"
	ColProgress = "进展情况"
	ColStatus   = "状态"
	ColID       = "ID"
	// Read when present, not written.
	colPercent = "完成进度"
	colDate    = "填报日期"
)

// TaskListColumns is the header row of an exported task list.
var TaskListColumns = []string{ColNumber, ColGroup, ColMeasure, ColLead, ColSupport, ColDeadline, ColProgress, ColStatus, ColID}

// RowError is a refused row of an imported sheet. Row is 1-based as a
// spreadsheet program shows it (the CSV line for CSV), Column the column
// letter ("H"), Value the cell's text and Reason what is wrong, in Chinese
// for the unit that filled the sheet in.
type RowError struct {
	Row    int
	Column string
	Value  string
	Reason string
}

func (e RowError) Error() string {
	if e.Column == "" {
		return fmt.Sprintf("第%d行：%s", e.Row, e.Reason)
	}
	return fmt.Sprintf("第%d行%s列：%s", e.Row, e.Column, e.Reason)
}

// ErrNoHeader is returned when no row of a sheet carries the expected
// column labels.
var ErrNoHeader = errors.New("track: no header row with the expected column labels")

// Named gives a reader a file name, which imports record in the Source of
// what they produce ("import:" + base name). An *os.File already has one.
func Named(name string, r io.Reader) io.Reader { return namedReader{r, name} }

type namedReader struct {
	io.Reader
	name string
}

func (n namedReader) Name() string { return n.name }

// importSource is the Source of records read from r.
func importSource(r io.Reader, format string) string {
	if n, ok := r.(interface{ Name() string }); ok && n.Name() != "" {
		return "import:" + filepath.Base(n.Name())
	}
	return "import:sheet." + format
}

// normFormat accepts "xlsx", ".XLSX", "csv" … and refuses the rest.
func normFormat(format string) (string, error) {
	f := strings.ToLower(strings.TrimPrefix(strings.TrimSpace(format), "."))
	switch f {
	case FormatXLSX, FormatCSV:
		return f, nil
	case "xls", "et", "ods":
		return "", fmt.Errorf("track: %s sheets cannot be read; save the sheet as .xlsx (Excel 工作簿) or .csv", f)
	}
	return "", fmt.Errorf("track: unknown sheet format %q (want xlsx or csv)", format)
}

// normLabel folds a header label: no spaces of any width, no "(%)".
func normLabel(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\u3000' || r == '*' || r == '＊' {
			return -1
		}
		return r
	}, s)
	for _, suf := range []string{"(%)", "（%）", "(％)", "（％）", "%", "％"} {
		s = strings.TrimSuffix(s, suf)
	}
	return strings.ToUpper(s)
}

// header is a header row found in a grid: the row index and the column
// of each known label.
type header struct {
	row  int
	cols map[string]int // canonical label → 0-based column
}

func (h header) col(label string) int {
	if c, ok := h.cols[label]; ok {
		return c
	}
	return -1
}

// findHeader looks in the first 30 rows for the first row naming at
// least one of each set of labels in need; aliases maps folded labels to
// canonical ones.
func findHeader(g *grid, aliases map[string]string, need ...[]string) (header, bool) {
	for r := 0; r < len(g.cells) && r < 30; r++ {
		cols := map[string]int{}
		for c := range g.cells[r] {
			if canon, ok := aliases[normLabel(g.cells[r][c])]; ok {
				if _, dup := cols[canon]; !dup {
					cols[canon] = c
				}
			}
		}
		ok := true
		for _, set := range need {
			found := false
			for _, l := range set {
				if _, has := cols[l]; has {
					found = true
				}
			}
			ok = ok && found
		}
		if ok {
			return header{row: r, cols: cols}, true
		}
	}
	return header{}, false
}

// colName is the spreadsheet letter of a 0-based column.
func colName(c int) string {
	s, err := excelize.ColumnNumberToName(c + 1)
	if err != nil {
		return strconv.Itoa(c + 1)
	}
	return s
}

// numberPart folds one part of a printed number: "（三）" → "三", "1." →
// "1", "１" → "1".
func numberPart(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return r - '０' + '0'
		case unicode.IsSpace(r), strings.ContainsRune("、.．。,，()（）[]【】〔〕第条", r):
			return -1
		}
		return r
	}, s)
}

// normNumberPath folds a 序号 cell: parts split at . 、 ． and rejoined
// with ".".
func normNumberPath(s string) string {
	s = strings.TrimSpace(s)
	// "（一）1" has no separator between its parts: a closing bracket is one.
	s = strings.NewReplacer("）", "）.", ")", ").").Replace(s)
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == '.' || r == '、' || r == '．' || r == '。' })
	var out []string
	for _, p := range parts {
		if p = numberPart(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, ".")
}

// taskRow is one row of the task list: a task or project with its key.
type taskRow struct {
	item  store.Item
	key   string      // the 序号 path
	group *store.Item // the nearest group above it, nil if none
}

// taskRows orders the plan's tasks and projects depth first by Position,
// leaving out dropped items and everything under them, and numbers them.
func taskRows(items []store.Item) []taskRow {
	byID := make(map[string]int, len(items))
	for i, it := range items {
		byID[it.ID] = i
	}
	children := map[string][]int{}
	for i, it := range items {
		p := it.ParentID
		if _, ok := byID[p]; !ok || p == it.ID {
			p = ""
		}
		children[p] = append(children[p], i)
	}
	for _, kids := range children {
		sort.SliceStable(kids, func(a, b int) bool {
			x, y := items[kids[a]], items[kids[b]]
			if x.Position != y.Position {
				return x.Position < y.Position
			}
			return x.ID < y.ID
		})
	}
	var rows []taskRow
	seen := map[string]int{}
	visited := map[string]bool{}
	var walk func(parent string, path []string, group *store.Item)
	walk = func(parent string, path []string, group *store.Item) {
		for n, i := range children[parent] {
			it := items[i]
			if it.Dropped || visited[it.ID] {
				continue
			}
			visited[it.ID] = true
			part := numberPart(it.Number)
			if part == "" {
				part = strconv.Itoa(n + 1)
			}
			p := append(append([]string(nil), path...), part)
			if it.Kind == store.KindGroup {
				walk(it.ID, p, &items[i])
				continue
			}
			key := strings.Join(p, ".")
			if seen[key]++; seen[key] > 1 {
				key = fmt.Sprintf("%s-%d", key, seen[key])
			}
			rows = append(rows, taskRow{item: it, key: key, group: group})
			walk(it.ID, p, group)
		}
	}
	walk("", nil, nil)
	return rows
}

// parseDate reads a date as units write it: 2024-03-31, 2024/3/31,
// 2024.3.31, 2024年3月31日, 20240331, or an Excel date serial (raw).
func parseDate(s, raw string) (string, bool) {
	s = strings.TrimSpace(s)
	m := dateRe.FindStringSubmatch(s)
	if m == nil {
		m = compactDateRe.FindStringSubmatch(s)
	}
	if m != nil {
		y, _ := strconv.Atoi(m[1])
		mo, _ := strconv.Atoi(m[2])
		d, _ := strconv.Atoi(m[3])
		t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
		if t.Year() == y && int(t.Month()) == mo && t.Day() == d {
			return t.Format(time.DateOnly), true
		}
		return "", false
	}
	if f, err := strconv.ParseFloat(strings.TrimSpace(raw), 64); err == nil && f >= 20000 && f < 80000 {
		// Excel's day 0 is 1899-12-30 (its 1900 leap-year bug included).
		t := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(math.Floor(f)))
		return t.Format(time.DateOnly), true
	}
	return "", false
}

var (
	dateRe        = regexp.MustCompile(`^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$`)
	compactDateRe = regexp.MustCompile(`^(\d{4})(\d{2})(\d{2})$`)
)
