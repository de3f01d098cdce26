package respond

import (
	"bytes"
	"compress/flate"
	"crypto/rand"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"html/template"
	"net/http"
	"strconv"
	"sync"
)

// A page made mostly of a part kept between requests (the middle of a
// plan page: its counts, task rows and indicator cards) spends much of
// what is left of its time compressing that part again for each view.
// A Fragment keeps the part's deflate form beside its text, and
// HTMLWithFragment compresses only the rest of the page around it: a
// gzip stream may be cut into deflate runs each compressed on its own,
// one after another, as long as every run but the last ends on a byte
// with no final block (a sync flush) — as parallel gzip tools write
// them. A run cannot refer back into the one before, which costs little
// for a part as large as a plan's task table.

// Fragment is a part of pages kept between requests: trusted HTML, from
// html/template, escaped for where pages put it.
type Fragment struct {
	text []byte // never changed once made
	once sync.Once
	z    []byte // text as deflate runs ending in a sync flush, not final
}

// NewFragment keeps text (trusted HTML, written to a buffer the fragment
// keeps from then on) to put in pages.
func NewFragment(text []byte) *Fragment { return &Fragment{text: text} }

// Len is the length of the fragment's text.
func (f *Fragment) Len() int { return len(f.text) }

// Marker is what a page's template writes where the fragment goes: one
// per process, random, so that no text of a page can pass for it.
var Marker = template.HTML("<!--fragment-" + rand.Text() + "-->")

// compressed returns the fragment's deflate runs, made the first time a
// client that takes gzip asks for a page holding it.
func (f *Fragment) compressed() []byte {
	f.once.Do(func() {
		var buf bytes.Buffer
		fw := flateWriters.Get().(*flate.Writer)
		fw.Reset(&buf)
		fw.Write(f.text) // to a bytes.Buffer: cannot fail
		fw.Flush()
		flateWriters.Put(fw)
		f.z = buf.Bytes()
	})
	return f.z
}

var flateWriters = sync.Pool{New: func() any {
	fw, _ := flate.NewWriter(nil, pageGzipLevel)
	return fw
}}

// gzipHeader is the 10-byte header gzip.Writer writes at BestSpeed: no
// name, no time, "fastest" (XFL 4), unknown OS.
var gzipHeader = []byte{0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 4, 255}

// HTMLWithFragment writes the page tmpl renders from data, as HTML does,
// with frag where the page has Marker (exactly once). The fragment's
// compressed form is reused, and only the rest compressed anew.
func HTMLWithFragment(w http.ResponseWriter, r *http.Request, status int, tmpl *template.Template, data any, frag *Fragment) {
	buf, ok := render(w, r, tmpl, data)
	if !ok {
		return
	}
	defer putPageBuffer(buf)
	page := buf.Bytes()
	at := bytes.Index(page, []byte(Marker))
	if at < 0 || bytes.Count(page, []byte(Marker)) != 1 {
		Error(w, r, fmt.Errorf("render %s: the page has %d places for its kept part, want 1", tmpl.Name(), bytes.Count(page, []byte(Marker))))
		return
	}
	before, after := page[:at], page[at+len(Marker):]
	h := w.Header()
	SecurityHeaders(h, PagePolicy)
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Vary", "Cookie")
	size := len(before) + len(frag.text) + len(after)
	if size < minGzip || !AcceptsGzip(r) {
		out := make([]byte, 0, size)
		out = append(append(append(out, before...), frag.text...), after...)
		send(w, r, status, out)
		return
	}
	z := frag.compressed()
	var gz bytes.Buffer
	gz.Grow(len(z) + (len(before)+len(after))/4 + 64)
	gz.Write(gzipHeader)
	fw := flateWriters.Get().(*flate.Writer)
	fw.Reset(&gz)
	fw.Write(before)
	fw.Flush()
	gz.Write(z)
	fw.Reset(&gz)
	fw.Write(after)
	fw.Close()
	flateWriters.Put(fw)
	// The trailer: the whole page's CRC and size (the CRC runs over the
	// fragment's text each time: a hardware CRC, far cheaper than deflate).
	crc := crc32.Update(crc32.ChecksumIEEE(before), crc32.IEEETable, frag.text)
	crc = crc32.Update(crc, crc32.IEEETable, after)
	gz.Write(binary.LittleEndian.AppendUint32(binary.LittleEndian.AppendUint32(nil, crc), uint32(size)))
	h.Add("Vary", "Accept-Encoding")
	h.Set("Content-Encoding", "gzip")
	h.Set("Content-Length", strconv.Itoa(gz.Len()))
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(gz.Bytes())
	}
}
