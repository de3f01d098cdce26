package config

import (
	"fmt"
	"strconv"
	"strings"
)

// Sheets bounds what reading one spreadsheet a unit sends in (a filled-in
// task list or an indicator sheet, .xlsx or .csv, uploaded or given to
// `sheet import`) may cost. A file past any of them is refused with one
// line naming the file, what went past and the limit's name (the setting
// in lower case without PLANWATCH_, e.g. sheet_max_inflated).
//
// The defaults are far beyond any real task list (a city's plan has a few
// hundred tasks; a province's collected list a few thousand) and keep one
// hostile file well under 512 MiB of memory and 10 s on a small server:
// what costs time is parsing XML, about 10 µs an element or cell there,
// hence the element and cell budgets. A zero field means its default.
type Sheets struct {
	// MaxBytes is the file's own size in bytes (sheet_max_bytes; not
	// _file: a setting ending in _FILE names a file to read it from).
	MaxBytes int64
	// MaxInflated is what an .xlsx's parts unpack to, each and all
	// together, in bytes (sheet_max_inflated); a zip bomb's sheet that
	// inflates to a gigabyte stops here, before anything is unpacked.
	MaxInflated int64
	// MaxRatio is how many times its packed size a part of over 1 MiB may
	// unpack to (sheet_max_ratio). Sheets' XML packs 5–30 times; a bomb
	// packs a thousand times.
	MaxRatio int
	// MaxParts is the number of parts (zip entries) of an .xlsx
	// (sheet_max_parts); a real one has tens.
	MaxParts int
	// MaxText is bytes of cell text (sheet_max_text): the shared-string
	// part, the text of one sheet's XML, and all cells read.
	MaxText int64
	// MaxElements is the XML elements of the parts the reader parses
	// whole: relationships, workbook, styles, theme, calculation chain
	// (sheet_max_elements). Excel's own limit of 64,000 styles is about
	// 150,000 of them.
	MaxElements int
	// MaxRows is the rows of a sheet, by row number, or the records of a
	// CSV (sheet_max_rows).
	MaxRows int
	// MaxCells is the cells of one sheet, and of all the sheets read,
	// merged ranges counted filled in (sheet_max_cells).
	MaxCells int
	// MaxCellChars is the characters of one cell (sheet_max_cell_chars):
	// Excel's own limit, 32,767.
	MaxCellChars int
}

// Sheets defaults.
const (
	DefaultSheetMaxBytes     = 64 << 20
	DefaultSheetMaxInflated  = 256 << 20
	DefaultSheetMaxRatio     = 200
	DefaultSheetMaxParts     = 10_000
	DefaultSheetMaxText      = 64 << 20
	DefaultSheetMaxElements  = 200_000
	DefaultSheetMaxRows      = 100_000
	DefaultSheetMaxCells     = 200_000
	DefaultSheetMaxCellChars = 32_767
)

// sheetSetting is one field of Sheets: its key, whether it is a size in
// bytes, its default and where it goes.
type sheetSetting struct {
	key   string
	bytes bool
	def   int64
	field func(*Sheets) *int64
	count func(*Sheets) *int
}

var sheetSettings = []sheetSetting{
	{key: "PLANWATCH_SHEET_MAX_BYTES", bytes: true, def: DefaultSheetMaxBytes, field: func(s *Sheets) *int64 { return &s.MaxBytes }},
	{key: "PLANWATCH_SHEET_MAX_INFLATED", bytes: true, def: DefaultSheetMaxInflated, field: func(s *Sheets) *int64 { return &s.MaxInflated }},
	{key: "PLANWATCH_SHEET_MAX_RATIO", def: DefaultSheetMaxRatio, count: func(s *Sheets) *int { return &s.MaxRatio }},
	{key: "PLANWATCH_SHEET_MAX_PARTS", def: DefaultSheetMaxParts, count: func(s *Sheets) *int { return &s.MaxParts }},
	{key: "PLANWATCH_SHEET_MAX_TEXT", bytes: true, def: DefaultSheetMaxText, field: func(s *Sheets) *int64 { return &s.MaxText }},
	{key: "PLANWATCH_SHEET_MAX_ELEMENTS", def: DefaultSheetMaxElements, count: func(s *Sheets) *int { return &s.MaxElements }},
	{key: "PLANWATCH_SHEET_MAX_ROWS", def: DefaultSheetMaxRows, count: func(s *Sheets) *int { return &s.MaxRows }},
	{key: "PLANWATCH_SHEET_MAX_CELLS", def: DefaultSheetMaxCells, count: func(s *Sheets) *int { return &s.MaxCells }},
	{key: "PLANWATCH_SHEET_MAX_CELL_CHARS", def: DefaultSheetMaxCellChars, count: func(s *Sheets) *int { return &s.MaxCellChars }},
}

// sheetKeys are the settings of Sheets.
var sheetKeys = func() []string {
	var ks []string
	for _, s := range sheetSettings {
		ks = append(ks, s.key)
	}
	return ks
}()

// WithDefaults returns s with every zero (or negative) field set to its
// default, so that a Sheets{} given by a test or a caller that does not
// care reads with the defaults.
func (s Sheets) WithDefaults() Sheets {
	for _, f := range sheetSettings {
		if f.field != nil {
			if p := f.field(&s); *p <= 0 {
				*p = f.def
			}
		} else if p := f.count(&s); *p <= 0 {
			*p = int(f.def)
		}
	}
	return s
}

// loadSheets reads the Sheets settings with get, recording the defaults it
// uses. Sizes are bytes or a number with KiB, MiB or GiB.
func loadSheets(get func(string) (string, error), settings *[]Setting) (Sheets, error) {
	var s Sheets
	for _, f := range sheetSettings {
		v, err := get(f.key)
		if err != nil {
			return s, err
		}
		if v == "" {
			*settings = append(*settings, Setting{f.key, formatSheetLimit(f.def, f.bytes), "default"})
			continue
		}
		n, ok := parseSheetLimit(v, f.bytes)
		if !ok {
			want := "a whole number above 0"
			if f.bytes {
				want = "a size above 0 such as 64MiB, 1GiB or 1048576 (bytes)"
			}
			return s, fmt.Errorf("%s %q: want %s", f.key, v, want)
		}
		if f.field != nil {
			*f.field(&s) = n
		} else {
			*f.count(&s) = int(n)
		}
	}
	return s.WithDefaults(), nil
}

// parseSheetLimit reads a count, or with size a byte count (1048576, 64MiB,
// 512KiB, 1GiB; KB, MB and GB are read as their binary kin too).
func parseSheetLimit(v string, size bool) (int64, bool) {
	v = strings.TrimSpace(v)
	mult := int64(1)
	if size {
		up := strings.ToUpper(v)
		for _, u := range []struct {
			suffix string
			mult   int64
		}{{"KIB", 1 << 10}, {"MIB", 1 << 20}, {"GIB", 1 << 30}, {"KB", 1 << 10}, {"MB", 1 << 20}, {"GB", 1 << 30}} {
			if strings.HasSuffix(up, u.suffix) {
				v, mult = strings.TrimSpace(v[:len(v)-len(u.suffix)]), u.mult
				break
			}
		}
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil || n <= 0 || n > (1<<40)/mult {
		return 0, false
	}
	return n * mult, true
}

// formatSheetLimit writes a limit as loadSheets reads it.
func formatSheetLimit(n int64, size bool) string {
	switch {
	case !size:
		return strconv.FormatInt(n, 10)
	case n%(1<<30) == 0:
		return strconv.FormatInt(n>>30, 10) + "GiB"
	case n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + "MiB"
	case n%(1<<10) == 0:
		return strconv.FormatInt(n>>10, 10) + "KiB"
	}
	return strconv.FormatInt(n, 10)
}
