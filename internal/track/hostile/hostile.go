// Package hostile makes, in code, the spreadsheets a unit's upload must
// survive — an .xlsx whose sheet inflates to a gigabyte, one with a
// shared string of 600 MB, a CSV with a field of three million characters,
// a NUL, an unclosed quote — and watches the heap while they are read.
// It is for tests (track, cli, web) only. The bombs are built the way an
// attacker builds them, as real zip entries that inflate to the full size
// with a valid CRC, yet in milliseconds and about a megabyte: the deflate
// block for a run of 1 MiB of one byte is the same every time once the
// window is full, so it is made once and repeated.
package hostile

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"runtime/metrics"
	"strings"
	"sync"
	"time"
)

const ns = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`

// frame are the parts around a workbook's one sheet.
var frame = []struct{ name, body string }{
	{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`},
	{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
	{"xl/workbook.xml", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook ` + ns + ` xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="任务清单" sheetId="1" r:id="rId1"/></sheets></workbook>`},
	{"xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`},
}

// head is a task list's header row and the start of its first task's row.
const head = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet ` + ns + `><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>序号</t></is></c><c r="B1" t="inlineStr"><is><t>进展情况</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>一.1</t></is></c>`

// SheetBomb is a task list whose sheet XML inflates to size bytes and
// more: its first task's 进展情况 is an inline string of size letters.
func SheetBomb(size int64) []byte {
	return workbook(
		part{name: "xl/worksheets/sheet1.xml", prefix: head + `<c r="B2" t="inlineStr"><is><t>`, fill: size,
			suffix: `</t></is></c></row></sheetData></worksheet>`},
		part{name: "xl/sharedStrings.xml", prefix: `<sst ` + ns + ` count="0" uniqueCount="0"></sst>`})
}

// SharedStringBomb is a task list whose first task's 进展情况 is a shared
// string of size letters.
func SharedStringBomb(size int64) []byte {
	return workbook(
		part{name: "xl/worksheets/sheet1.xml", prefix: head + `<c r="B2" t="s"><v>0</v></c></row></sheetData></worksheet>`},
		part{name: "xl/sharedStrings.xml", prefix: `<sst ` + ns + ` count="1" uniqueCount="1"><si><t>`, fill: size,
			suffix: `</t></si></sst>`})
}

// Workbook is a well-formed task list of one sheet with the given XML in
// its sheetData after the header row (序号, 进展情况), for budgets that
// are not about size: many cells, far rows, wide rows.
func Workbook(sheetData string) []byte {
	return workbook(
		part{name: "xl/worksheets/sheet1.xml", prefix: strings.TrimSuffix(head, `<row r="2"><c r="A2" t="inlineStr"><is><t>一.1</t></is></c>`) +
			sheetData + `</sheetData></worksheet>`},
		part{name: "xl/sharedStrings.xml", prefix: `<sst ` + ns + ` count="0" uniqueCount="0"></sst>`})
}

// Sheet is a workbook of one sheet holding rows as inline strings.
// Characters XML cannot hold (NUL, ESC) are written as Office writes
// them, _x001B_, which excelize reads back as the character: an .xlsx can
// carry anything a CSV can.
func Sheet(rows [][]string) []byte {
	var b strings.Builder
	for r, row := range rows {
		fmt.Fprintf(&b, `<row r="%d">`, r+1)
		for c, v := range row {
			fmt.Fprintf(&b, `<c r="%c%d" t="inlineStr"><is><t xml:space="preserve">`, 'A'+c, r+1)
			for _, ch := range v {
				switch {
				case ch < 0x20 && ch != '\n' && ch != '\t' || ch == 0x7f:
					fmt.Fprintf(&b, "_x%04X_", ch)
				case ch == '<':
					b.WriteString("&lt;")
				case ch == '&':
					b.WriteString("&amp;")
				default:
					b.WriteRune(ch)
				}
			}
			b.WriteString(`</t></is></c>`)
		}
		b.WriteString(`</row>`)
	}
	return workbook(
		part{name: "xl/worksheets/sheet1.xml", prefix: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet ` + ns + `><sheetData>` + b.String() + `</sheetData></worksheet>`},
		part{name: "xl/sharedStrings.xml", prefix: `<sst ` + ns + ` count="0" uniqueCount="0"></sst>`})
}

// LongFieldCSV is a task list CSV whose first task's 进展情况 holds n
// characters (three bytes each in UTF-8).
func LongFieldCSV(n int) []byte {
	return []byte("序号,进展情况,状态\n一.1," + strings.Repeat("进", n) + ",序时推进\n")
}

// NULCSV is a task list CSV whose first task's note has a NUL inside: a
// store that cuts text at NUL would keep only 已完成.
func NULCSV() []byte {
	return []byte("序号,进展情况,状态\n一.1,已完成\x00选址,序时推进\n")
}

// UnclosedQuoteCSV is a task list CSV whose second task's note opens a
// quote it never closes: read leniently, it swallows every row below.
func UnclosedQuoteCSV() []byte {
	return []byte("序号,进展情况,状态\n一.1,已完成选址,序时推进\n一.2,\"已签约3家,超序时\n二.1,资金到位,滞后\n")
}

// part is a zip entry: prefix, then fill letters 'A', then suffix.
type part struct {
	name           string
	prefix, suffix string
	fill           int64
}

func workbook(parts ...part) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range frame {
		w, err := zw.Create(f.name)
		if err == nil {
			_, err = w.Write([]byte(f.body))
		}
		if err != nil {
			panic(err)
		}
	}
	for _, p := range parts {
		if err := p.write(zw); err != nil {
			panic(fmt.Sprintf("hostile: %s: %v", p.name, err))
		}
	}
	if err := zw.Close(); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// write deflates the part, the blocks for mebibytes of 'A' made a few
// times and then repeated (the deflater goes on from the same state
// whichever of them it made last, so what it writes after them fits).
func (p part) write(zw *zip.Writer) error {
	const chunk = 1 << 20
	var out bytes.Buffer
	fw, err := flate.NewWriter(&out, flate.BestSpeed)
	if err != nil {
		return err
	}
	letters := bytes.Repeat([]byte("A"), chunk)
	full, rest := p.fill/chunk, p.fill%chunk
	crc := crc32.NewIEEE()
	crc.Write([]byte(p.prefix))
	for range full {
		crc.Write(letters)
	}
	crc.Write(letters[:rest])
	crc.Write([]byte(p.suffix))
	put := func(b []byte) { fw.Write(b) }
	put([]byte(p.prefix))
	// Once the window is all 'A' and the deflater's blocks fall the same
	// way, each further mebibyte deflates to the same bytes: write
	// mebibytes until two in a row come out alike, then repeat that one.
	var stream bytes.Buffer
	var last []byte
	for n := int64(0); n < full; n++ {
		put(letters)
		fw.Flush()
		b := bytes.Clone(out.Bytes())
		out.Reset()
		stream.Write(b)
		if bytes.Equal(b, last) {
			for ; n+1 < full; n++ {
				stream.Write(b)
			}
			break
		}
		last = b
	}
	put(letters[:rest])
	put([]byte(p.suffix))
	if err := fw.Close(); err != nil {
		return err
	}
	stream.Write(out.Bytes())
	size := int64(len(p.prefix)) + p.fill + int64(len(p.suffix))
	w, err := zw.CreateRaw(&zip.FileHeader{Name: p.name, Method: zip.Deflate, CRC32: crc.Sum32(),
		CompressedSize64: uint64(stream.Len()), UncompressedSize64: uint64(size), Modified: time.Date(2025, 6, 30, 0, 0, 0, 0, time.UTC)})
	if err != nil {
		return err
	}
	_, err = w.Write(stream.Bytes())
	return err
}

// WatchHeap samples the live heap every 2 ms until stop is called, which
// returns the most it saw, in bytes.
func WatchHeap() (stop func() uint64) {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var (
		mu   sync.Mutex
		peak uint64
		done = make(chan struct{})
		wg   sync.WaitGroup
	)
	read := func() {
		metrics.Read(sample)
		mu.Lock()
		peak = max(peak, sample[0].Value.Uint64())
		mu.Unlock()
	}
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(2 * time.Millisecond)
		defer t.Stop()
		for {
			read()
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() uint64 {
		close(done)
		wg.Wait()
		read()
		mu.Lock()
		defer mu.Unlock()
		return peak
	}
}
