package track

// Reading an .xlsx within budgets, in three steps, each before the work
// it guards:
//
//  1. The zip directory (no byte unpacked): parts counted, each part's
//     unpacked size, their sum and its packing ratio checked. Go's
//     archive/zip refuses to unpack a part past its declared size, so the
//     declared sizes hold. A 1 GiB sheet or a 600 MB shared string stops
//     here.
//  2. A scan of the parts excelize parses (relationships, workbook,
//     styles, theme, calculation chain, shared strings, every worksheet)
//     with xmlLexer: elements, cells, rows, text, merged ranges counted.
//     Excelize parses some parts whole and decodes every cell it streams;
//     its cost is in those counts.
//  3. Excelize opened with UnzipSizeLimit and UnzipXMLSizeLimit, each
//     visible sheet streamed row by row (never GetRows or GetMergeCells,
//     which parse a whole sheet into memory), with the cells held and each
//     cell's length budgeted as they come.

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/binary"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"planwatch/internal/config"
)

// xlsxInMemory is the largest worksheet or shared-string part excelize
// keeps in memory; larger ones it unpacks to a temporary file and streams
// (its own default).
const xlsxInMemory = 16 << 20

// ratioFloor: parts smaller than this are not held to MaxRatio (a small
// part of repeated styles may pack very well and costs nothing).
const ratioFloor = 1 << 20

// readXLSX reads the visible sheets of a workbook within lim.
func readXLSX(ctx context.Context, data []byte, lim config.Sheets) ([]*grid, error) {
	zr, err := checkZip(data, lim)
	if err != nil {
		return nil, err
	}
	b := &xlsxBudget{lim: lim}
	parts := zipParts(zr)
	scan := func(name string, sheet bool) (*sheetScan, error) {
		zf := parts.find(name)
		if zf == nil {
			return &sheetScan{}, nil
		}
		rc, err := zf.Open()
		if err != nil {
			return nil, fmt.Errorf("track: not a readable .xlsx: %s: %w", shown(zf.Name), err)
		}
		defer rc.Close()
		return scanPart(ctx, rc, shown(zf.Name), sheet, b)
	}
	for _, name := range []string{"[Content_Types].xml", "_rels/.rels"} {
		if _, err := scan(name, false); err != nil {
			return nil, err
		}
	}
	wbPath := workbookPath(parts)
	relsPath := path.Join(path.Dir(wbPath), "_rels", path.Base(wbPath)+".rels")
	for _, name := range []string{wbPath, relsPath, "xl/styles.xml", "xl/theme/theme1.xml", "xl/calcChain.xml", "xl/sharedStrings.xml"} {
		if _, err := scan(name, false); err != nil {
			return nil, err
		}
	}
	sheets, err := bookSheets(parts, wbPath, relsPath)
	if err != nil {
		return nil, err
	}
	scans := map[string]*sheetScan{}
	for _, sh := range sheets {
		if _, done := scans[sh.part]; done {
			continue
		}
		if scans[sh.part], err = scan(sh.part, true); err != nil {
			return nil, err
		}
	}

	if err := ctx.Err(); err != nil {
		return nil, err
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit: lim.MaxInflated, UnzipXMLSizeLimit: min(xlsxInMemory, lim.MaxInflated)})
	if err != nil {
		return nil, fmt.Errorf("track: open workbook: %w", err)
	}
	defer f.Close()
	r := &sheetReader{ctx: ctx, lim: lim}
	var gs []*grid
	for _, sh := range sheets {
		if !sh.visible {
			continue
		}
		g, err := r.read(f, sh, scans[sh.part])
		if err != nil {
			return nil, err
		}
		gs = append(gs, g)
	}
	return gs, nil
}

// checkZip opens the workbook's zip directory and checks it against lim
// before any part is unpacked.
func checkZip(data []byte, lim config.Sheets) (*zip.Reader, error) {
	// zip.NewReader makes a record of every entry the directory declares:
	// count them first.
	if n, ok := zipEntries(data); ok && n > uint64(lim.MaxParts) {
		return nil, limitErr("sheet_max_parts", "the workbook has %d parts, more than %d", n, lim.MaxParts)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("track: not a readable .xlsx: %w", err)
	}
	if len(zr.File) > lim.MaxParts {
		return nil, limitErr("sheet_max_parts", "the workbook has %d parts, more than %d", len(zr.File), lim.MaxParts)
	}
	var total uint64
	for _, zf := range zr.File {
		size, name := zf.UncompressedSize64, shown(zf.Name)
		if strings.EqualFold(zf.Name, "xl/sharedStrings.xml") && size > uint64(lim.MaxText) {
			return nil, limitErr("sheet_max_text", "%s inflates past %s", name, sizeText(lim.MaxText))
		}
		if size > uint64(lim.MaxInflated) {
			return nil, limitErr("sheet_max_inflated", "%s inflates past %s", name, sizeText(lim.MaxInflated))
		}
		if total += size; total > uint64(lim.MaxInflated) {
			return nil, limitErr("sheet_max_inflated", "the workbook's parts inflate past %s in all", sizeText(lim.MaxInflated))
		}
		if size > ratioFloor && size/max(zf.CompressedSize64, 1) > uint64(lim.MaxRatio) {
			return nil, limitErr("sheet_max_ratio", "%s inflates %d times its packed size, more than %d",
				name, size/max(zf.CompressedSize64, 1), lim.MaxRatio)
		}
	}
	return zr, nil
}

// zipEntries reads the entry count from a zip's end-of-directory record
// (or its zip64 one); ok is false when there is none to read, and
// zip.NewReader will say why.
func zipEntries(data []byte) (uint64, bool) {
	const eocdLen, locLen = 22, 20
	tail := data[max(len(data)-(eocdLen+65535), 0):]
	i := bytes.LastIndex(tail, []byte("PK\x05\x06"))
	if i < 0 || len(tail)-i < eocdLen {
		return 0, false
	}
	n := uint64(binary.LittleEndian.Uint16(tail[i+10:]))
	if n != 0xFFFF {
		return n, true
	}
	at := len(data) - len(tail) + i - locLen // the zip64 locator, just before
	if at < 0 || !bytes.HasPrefix(data[at:], []byte("PK\x06\x07")) {
		return n, true
	}
	off := binary.LittleEndian.Uint64(data[at+8:])
	if len(data) < 56 || off > uint64(len(data)-56) || !bytes.HasPrefix(data[off:], []byte("PK\x06\x06")) {
		return n, true
	}
	return binary.LittleEndian.Uint64(data[off+32:]), true
}

// partIndex finds zip entries by name as excelize does: exactly, or for
// the parts it knows by fixed names, whatever their case.
type partIndex struct {
	exact, folded map[string]*zip.File
}

func zipParts(zr *zip.Reader) partIndex {
	p := partIndex{exact: map[string]*zip.File{}, folded: map[string]*zip.File{}}
	for _, zf := range zr.File {
		name := strings.ReplaceAll(zf.Name, `\`, "/")
		p.exact[name] = zf
		p.folded[strings.ToLower(name)] = zf
	}
	return p
}

func (p partIndex) find(name string) *zip.File {
	if zf, ok := p.exact[name]; ok {
		return zf
	}
	return p.folded[strings.ToLower(name)]
}

// readSmall reads a part already scanned (and so within the budgets).
func (p partIndex) readSmall(name string) ([]byte, error) {
	zf := p.find(name)
	if zf == nil {
		return nil, nil
	}
	rc, err := zf.Open()
	if err != nil {
		return nil, fmt.Errorf("track: not a readable .xlsx: %s: %w", shown(name), err)
	}
	defer rc.Close()
	return io.ReadAll(rc)
}

// xmlRels is a relationships part.
type xmlRels struct {
	Rels []struct {
		ID     string `xml:"Id,attr"`
		Type   string `xml:"Type,attr"`
		Target string `xml:"Target,attr"`
	} `xml:"Relationship"`
}

// workbookPath is where _rels/.rels puts the workbook, as excelize finds
// it; xl/workbook.xml when it says nothing.
func workbookPath(p partIndex) string {
	var rels xmlRels
	if b, err := p.readSmall("_rels/.rels"); err == nil && xml.Unmarshal(b, &rels) == nil {
		for _, r := range rels.Rels {
			if strings.HasSuffix(r.Type, "/officeDocument") {
				return strings.TrimPrefix(r.Target, "/")
			}
		}
	}
	return "xl/workbook.xml"
}

// bookSheet is a sheet of the workbook: its name, whether it shows, and
// the part that holds it.
type bookSheet struct {
	name, part string
	visible    bool
}

// bookSheets lists the workbook's sheets in order, each with its part as
// excelize resolves it.
func bookSheets(p partIndex, wbPath, relsPath string) ([]bookSheet, error) {
	var wb struct {
		Sheets []struct {
			Name  string `xml:"name,attr"`
			State string `xml:"state,attr"`
			RID   string `xml:"id,attr"`
		} `xml:"sheets>sheet"`
	}
	var rels xmlRels
	for _, x := range []struct {
		name string
		into any
	}{{wbPath, &wb}, {relsPath, &rels}} {
		b, err := p.readSmall(x.name)
		if err != nil {
			return nil, err
		}
		if err := xml.Unmarshal(b, x.into); err != nil && b != nil {
			return nil, fmt.Errorf("track: not a readable .xlsx: %s: %w", shown(x.name), err)
		}
	}
	var out []bookSheet
	for _, s := range wb.Sheets {
		for _, r := range rels.Rels {
			if r.ID != s.RID {
				continue
			}
			part := path.Clean(path.Dir(wbPath) + "/" + strings.ReplaceAll(r.Target, `\`, "/"))
			if strings.HasPrefix(r.Target, "/") {
				part = path.Clean(strings.ReplaceAll(r.Target, `\`, "/"))
			}
			part = strings.TrimPrefix(part, "/")
			if p.exact[part] != nil {
				out = append(out, bookSheet{name: s.Name, part: part, visible: s.State == "" || s.State == "visible"})
			}
		}
	}
	return out, nil
}

// sheetReader streams sheets through excelize, holding what all the
// sheets read so far keep within the limits.
type sheetReader struct {
	ctx   context.Context
	lim   config.Sheets
	held  int   // cells kept, empty ones before a filled one and merged fills included
	text  int64 // bytes of text kept
	cells int   // cells read
}

// read streams one sheet into a grid: formatted text from excelize, the
// raw values of number cells from the scan, merged ranges filled in.
func (r *sheetReader) read(f *excelize.File, sh bookSheet, sc *sheetScan) (*grid, error) {
	name := shown(sh.name)
	rows, err := f.Rows(sh.name)
	if err != nil {
		return nil, fmt.Errorf("track: sheet %s: %w", name, err)
	}
	defer rows.Close()
	var cells [][]string
	last := 0 // rows up to the last that holds anything
	for n := 1; rows.Next(); n++ {
		if n%256 == 0 {
			if err := r.ctx.Err(); err != nil {
				return nil, err
			}
		}
		row, err := rows.Columns()
		if err != nil {
			return nil, fmt.Errorf("track: sheet %s row %d: %w", name, n, err)
		}
		for len(row) > 0 && row[len(row)-1] == "" {
			row = row[:len(row)-1]
		}
		if len(row) == 0 {
			continue
		}
		if n > r.lim.MaxRows {
			return nil, limitErr("sheet_max_rows", "sheet %s: row %d, more than %d rows", name, n, r.lim.MaxRows)
		}
		if r.held += len(row); r.held > r.lim.MaxCells {
			return nil, limitErr("sheet_max_cells", "sheet %s: more than %d cells by row %d (empty cells before a filled one count)",
				name, r.lim.MaxCells, n)
		}
		for c, v := range row {
			if len(v) > r.lim.MaxCellChars && utf8.RuneCountInString(v) > r.lim.MaxCellChars {
				return nil, limitErr("sheet_max_cell_chars", "sheet %s: cell %s (第%d行%s列) holds %d characters, more than %d",
					name, cellRef(n, c+1), n, colName(c), utf8.RuneCountInString(v), r.lim.MaxCellChars)
			}
			if r.text += int64(len(v)); r.text > r.lim.MaxText {
				return nil, limitErr("sheet_max_text", "sheet %s: more than %s of text by row %d", name, sizeText(r.lim.MaxText), n)
			}
		}
		for len(cells) < n-1 {
			cells = append(cells, nil)
		}
		cells = append(cells, row)
		last = n
	}
	if err := rows.Error(); err != nil {
		return nil, fmt.Errorf("track: sheet %s: %w", name, err)
	}
	cells = cells[:last]
	raw := make([][]string, len(cells))
	if sc != nil {
		for rc, v := range sc.raw {
			if rc[0] >= len(raw) {
				continue
			}
			for len(raw[rc[0]]) <= rc[1] {
				raw[rc[0]] = append(raw[rc[0]], "")
			}
			raw[rc[0]][rc[1]] = v
		}
		for _, m := range sc.merges {
			r1, c1, r2, c2 := m[0], m[1], m[2], m[3]
			if r2 > r.lim.MaxRows {
				return nil, limitErr("sheet_max_rows", "sheet %s: a merged range reaches row %d, more than %d rows", name, r2, r.lim.MaxRows)
			}
			if r.held += (r2 - r1 + 1) * (c2 - c1 + 1); r.held > r.lim.MaxCells {
				return nil, limitErr("sheet_max_cells", "sheet %s: more than %d cells with merged ranges filled in", name, r.lim.MaxCells)
			}
			cells = fillRange(cells, r1-1, c1-1, r2-1, c2-1)
			raw = fillRange(raw, r1-1, c1-1, r2-1, c2-1)
		}
	}
	return &grid{cells: cells, raw: raw}, nil
}
