package track

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"planwatch/internal/config"
	"planwatch/internal/track/hostile"
)

// Hostile sheets: each must give one clear error — the file's limit, or
// the row and column at fault — within seconds, while the heap stays
// under heapBudget. (Before the budgets, the 1 GiB sheet and the 600 MB
// shared string took 4–4.7 GB.)
const (
	heapBudget = 512 << 20
	timeBudget = 10 * time.Second
)

func TestReadProgressHostile(t *testing.T) {
	plan, items, _ := samplePlan()
	small := config.Sheets{MaxCells: 1000, MaxRows: 500, MaxElements: 5000, MaxCellChars: 100}
	many := func(n int, cell func(i int) string) string {
		var b strings.Builder
		for i := range n {
			b.WriteString(cell(i))
		}
		return b.String()
	}
	for _, tc := range []struct {
		name, format string
		data         func() []byte
		lim          config.Sheets
		limit        string // the LimitError's, or "" for a row error
		want         string // in the message
	}{
		{"sheet XML inflates to 1 GiB", "xlsx", func() []byte { return hostile.SheetBomb(1<<30 + 1) }, config.Sheets{},
			"sheet_max_inflated", "xl/worksheets/sheet1.xml inflates past 256 MiB"},
		{"shared string of 600 MB", "xlsx", func() []byte { return hostile.SharedStringBomb(600_000_000) }, config.Sheets{},
			"sheet_max_text", "xl/sharedStrings.xml inflates past 64 MiB"},
		{"sheet XML of 200 MiB packed a thousand times", "xlsx", func() []byte { return hostile.SheetBomb(200 << 20) }, config.Sheets{},
			"sheet_max_ratio", "xl/worksheets/sheet1.xml inflates"},
		{"a cell of 3,000,000 characters", "xlsx", func() []byte { return hostile.SheetBomb(3_000_000) }, config.Sheets{MaxRatio: 1e6},
			"sheet_max_cell_chars", "B2 (第2行B列) holds 3000000 characters"},
		{"csv field of 3,000,000 characters", "csv", func() []byte { return hostile.LongFieldCSV(3_000_000) }, config.Sheets{},
			"sheet_max_cell_chars", "第2行B列 holds 3000000 characters"},
		{"csv over the byte limit", "csv", func() []byte { return hostile.LongFieldCSV(400_000) }, config.Sheets{MaxBytes: 1 << 20},
			"sheet_max_bytes", "over 1 MiB"},
		{"csv unclosed quote", "csv", hostile.UnclosedQuoteCSV, config.Sheets{}, "", "第3行B列：引号未闭合"},
		{"csv rows", "csv", func() []byte { return []byte("序号,状态\n" + strings.Repeat("一.1,\n", 600)) }, small,
			"sheet_max_rows", "more than 500 rows"},
		{"csv a line of 20,000 fields", "csv", func() []byte { return []byte("序号,状态\n" + strings.Repeat(",", 20000) + "\n") }, config.Sheets{},
			"sheet_max_cells", "line 2 has more than 16384 fields"},
		{"xlsx many cells", "xlsx", func() []byte {
			return hostile.Workbook(many(300, func(i int) string {
				return fmt.Sprintf(`<row r="%d">`+strings.Repeat(`<c><v>1</v></c>`, 4)+`</row>`, i+2)
			}))
		}, small, "sheet_max_cells", "more than 1000 cells"},
		{"xlsx a row far down", "xlsx", func() []byte { return hostile.Workbook(`<row r="900"><c r="A900"><v>1</v></c></row>`) }, small,
			"sheet_max_rows", "row 900, more than 500 rows"},
		{"xlsx cells past XFD", "xlsx", func() []byte {
			return hostile.Workbook(`<row r="2">` + strings.Repeat("<c><v>1</v></c>", 16390) + `</row>`)
		},
			config.Sheets{}, "sheet_max_cells", "past column XFD"},
		{"xlsx filled cells far right", "xlsx", func() []byte {
			return hostile.Workbook(many(20, func(i int) string { return fmt.Sprintf(`<row r="%d"><c r="XFD%d"><v>1</v></c></row>`, i+2, i+2) }))
		}, config.Sheets{MaxCells: 100_000}, "sheet_max_cells", "empty cells before a filled one count"},
		{"xlsx a merged range of a billion cells", "xlsx", func() []byte {
			return hostile.Workbook(`<row r="2"><c r="A2"><v>1</v></c></row></sheetData><mergeCells><mergeCell ref="A2:XFD90000"/></mergeCells><sheetData>`)
		}, config.Sheets{}, "sheet_max_cells", "merged ranges filled in"},
		{"xlsx rich text of many runs", "xlsx", func() []byte {
			return hostile.Workbook(`<row r="2"><c r="B2" t="inlineStr"><is>` + strings.Repeat("<r><t>进</t></r>", 2000) + `</is></c></row>`)
		}, config.Sheets{}, "sheet_max_elements", "cell B2 holds more than 1000 XML elements"},
		{"xlsx many elements", "xlsx", func() []byte {
			return hostile.Workbook(many(6000, func(i int) string { return fmt.Sprintf(`<row r="%d"/>`, i%400+2) }))
		}, small, "sheet_max_elements", "more than 5000 XML elements"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := tc.data()
			runtime.GC()
			peak := hostile.WatchHeap()
			start := time.Now()
			_, rowErrs, err := ReadProgress(context.Background(), Named("sheet."+tc.format, bytes.NewReader(data)), tc.format,
				plan, items, "", "", "2024-03-31", ReadOptions{Today: "2024-04-03", Limits: tc.lim})
			took, heap := time.Since(start), peak()
			t.Logf("%d KiB file: %v in %v, heap peak %d MiB", len(data)>>10, err, took.Round(time.Millisecond), heap>>20)
			if took > timeBudget || heap > heapBudget {
				t.Errorf("took %v and %d MiB of heap; the budget is %v and %d MiB", took, heap>>20, timeBudget, heapBudget>>20)
			}
			if len(rowErrs) != 0 {
				t.Errorf("row errors %v, want one error for the file", rowErrs)
			}
			var lim *LimitError
			switch {
			case err == nil:
				t.Fatal("read without an error")
			case tc.limit != "" && (!errors.As(err, &lim) || lim.Limit != tc.limit):
				t.Errorf("err = %v, want the limit %s", err, tc.limit)
			case tc.limit == "" && errors.As(err, &lim):
				t.Errorf("err = %v, want no limit error", err)
			}
			if msg := err.Error(); !strings.Contains(msg, tc.want) || strings.Contains(msg, "\n") {
				t.Errorf("err = %q, want one line with %q", msg, tc.want)
			}
		})
	}
}

// TestReadProgressHostileRows: what the web form refuses, a sheet's row
// is refused for, with its row and column named.
func TestReadProgressHostileRows(t *testing.T) {
	plan, items, _ := samplePlan()
	for _, tc := range []struct {
		name, data string
		want       string // the first row error
	}{
		{"NUL in a note", string(hostile.NULCSV()), "第2行B列：进展情况含有不能保存的字符（空字符 NUL）"},
		{"an escape sequence", "序号,进展情况\n一.1,完成\x1b[2J选址\n", "第2行B列：进展情况含有不能保存的字符（U+001B）"},
		{"a direction override", "序号,进展情况\n一.1,完成\u202e址选\n", "第2行B列：进展情况含有不能保存的字符（U+202E）"},
		{"bytes that are not UTF-8", "\uFEFF序号,进展情况\n一.1,完成\xff选址\n", "第2行B列：进展情况含有不能保存的字符（无效的UTF-8编码）"},
		{"a note of 2,001 characters", "序号,进展情况\n一.1," + strings.Repeat("进", 2001) + "\n", "第2行B列：进展情况过长：2001 > 2000 字"},
		{"a continuation making the note too long", "序号,进展情况\n一.1," + strings.Repeat("进", 1500) + "\n," + strings.Repeat("展", 600) + "\n",
			"第2行B列：进展情况过长：2101 > 2000 字"},
		{"a NUL in a continuation row", "序号,进展情况\n一.1,好\n,完成\x00\n", "第3行B列：进展情况含有不能保存的字符（空字符 NUL）"},
		{"a date after today", "序号,进展情况,填报日期\n一.1,好,2999-01-01\n", "第2行C列：填报日期「2999-01-01」晚于今天"},
		{"progress over 100", "序号,进展情况,进度\n一.1,好,101\n", "第2行C列：完成进度应为0到100之间的数"},
		{"an unknown status", "序号,状态\n一.1,\x1b[31m好\n", `第2行B列：状态「\u001b[31m好」无法识别`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ups, rowErrs, err := ReadProgress(context.Background(), strings.NewReader(tc.data), "csv", plan, items, "", "", "", ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if len(ups) != 0 || len(rowErrs) == 0 || !strings.HasPrefix(rowErrs[0].Error(), tc.want) {
				t.Fatalf("updates %+v, row errors %q, want %q", ups, rowErrs, tc.want)
			}
			for _, e := range rowErrs {
				if strings.ContainsAny(e.Value+e.Reason, "\x00\x1b\u202e") {
					t.Errorf("row error %q carries a control character", e)
				}
			}
		})
	}
	// The unit rule: a unit reports on the tasks it leads or supports.
	_, rowErrs, err := ReadProgress(context.Background(), strings.NewReader("序号,进展情况\n一.1,好\n二.一,好\n"), "csv", plan, items,
		"市发改委", "", "", ReadOptions{})
	if err != nil || len(rowErrs) != 1 || rowErrs[0].Error() != "第3行A列：「市发改委」不是该任务的牵头或配合单位，不能填报" {
		t.Errorf("a unit reporting on another's task: %v %q", err, rowErrs)
	}
}

// TestReadProgressCancelled stops reading when its context is done.
func TestReadProgressCancelled(t *testing.T) {
	plan, items, _ := samplePlan()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	data := hostile.Workbook(strings.Repeat(`<row><c><v>1</v></c></row>`, 20000))
	if _, _, err := ReadProgress(ctx, bytes.NewReader(data), "xlsx", plan, items, "", "", "", ReadOptions{}); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}
