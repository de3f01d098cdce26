package ingest

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// PDFOptions bounds what reading one PDF may cost. A hostile file (a
// content stream that inflates without end, a page tree that points at
// itself, millions of pages) must end in one clear error within these
// bounds, not in an exhausted server. Zero fields take those set by
// ConfigurePDF, else the defaults of DefaultPDFOptions; the settings are
// config.Documents (pdf_max_memory, pdf_max_pages, …).
//
// MaxMemory, Workers and CacheDir are the engine's, which one process
// shares: a PDF read with other values of them than the engine's starts
// a new engine, stopping the PDFs the old one was reading. A program
// passes the same options down to every Decode, so that happens only
// when a test changes them.
type PDFOptions struct {
	// MaxText is the most text, in bytes, one PDF may yield.
	MaxText int
	// MaxMemory is the most memory, in bytes, PDFium may use for one
	// document. The file, its inflated streams, parsed objects, fonts and
	// text pages all live in PDFium's WebAssembly memory, which cannot
	// grow past this, so it bounds decompression bombs and object floods
	// alike. It is rounded down to 64 KiB pages; at least 32 MiB.
	MaxMemory int64
	// MaxPages is the most pages a document may declare.
	MaxPages int
	// Timeout is the most wall time reading one document may take, not
	// counting the wait for a free worker. PDFium is stopped when it runs
	// out, even in the middle of a page.
	Timeout time.Duration
	// Workers is how many documents are read at once; more wait their
	// turn. Each may use MaxMemory.
	Workers int
	// CacheDir keeps PDFium's compiled machine code between runs, which
	// turns a start of seconds into one of a tenth of a second. Empty
	// means planwatch/pdfium in os.UserCacheDir(); "off" compiles anew in
	// every process.
	CacheDir string
}

// DefaultPDFOptions are the limits used until ConfigurePDF or a
// DecodeOptions says otherwise.
func DefaultPDFOptions() PDFOptions {
	return PDFOptions{
		MaxText:   MaxInput,
		MaxMemory: 256 << 20,
		MaxPages:  5000,
		Timeout:   2 * time.Minute,
		Workers:   min(max(runtime.GOMAXPROCS(0), 1), 4),
	}
}

const minPDFMemory = 32 << 20

func (o PDFOptions) withDefaults() PDFOptions {
	d := DefaultPDFOptions()
	if o.MaxText <= 0 {
		o.MaxText = d.MaxText
	}
	if o.MaxMemory <= 0 {
		o.MaxMemory = d.MaxMemory
	}
	o.MaxMemory = max(o.MaxMemory, minPDFMemory)
	// WebAssembly addresses at most 4 GiB.
	o.MaxMemory = min(o.MaxMemory, 4<<30)
	if o.MaxPages <= 0 {
		o.MaxPages = d.MaxPages
	}
	if o.Timeout <= 0 {
		o.Timeout = d.Timeout
	}
	if o.Workers <= 0 {
		o.Workers = d.Workers
	}
	return o
}

var pdfState struct {
	mu     sync.Mutex
	opts   PDFOptions
	set    bool
	engine *pdfEngine
}

// ConfigurePDF sets the limits for the PDFs read from now on. The engine
// in use, if any, is closed (documents being read are stopped) so that the
// next PDF starts one with the new limits.
func ConfigurePDF(o PDFOptions) {
	pdfState.mu.Lock()
	pdfState.opts, pdfState.set = o.withDefaults(), true
	e := pdfState.engine
	pdfState.engine = nil
	pdfState.mu.Unlock()
	if e != nil {
		e.close()
	}
}

// CurrentPDFOptions returns the limits in force.
func CurrentPDFOptions() PDFOptions {
	pdfState.mu.Lock()
	defer pdfState.mu.Unlock()
	if !pdfState.set {
		return DefaultPDFOptions()
	}
	return pdfState.opts
}

// ClosePDF releases the PDF engine: its compiled code and workers.
// Documents being read are stopped and ClosePDF waits for them. A PDF read
// afterwards starts a new engine, so a program calls it once, on the way
// out.
func ClosePDF() {
	pdfState.mu.Lock()
	e := pdfState.engine
	pdfState.engine = nil
	pdfState.mu.Unlock()
	if e != nil {
		e.close()
	}
}

// over returns o with its zero fields taken from base.
func (o PDFOptions) over(base PDFOptions) PDFOptions {
	if o.MaxText <= 0 {
		o.MaxText = base.MaxText
	}
	if o.MaxMemory <= 0 {
		o.MaxMemory = base.MaxMemory
	}
	if o.MaxPages <= 0 {
		o.MaxPages = base.MaxPages
	}
	if o.Timeout <= 0 {
		o.Timeout = base.Timeout
	}
	if o.Workers <= 0 {
		o.Workers = base.Workers
	}
	if o.CacheDir == "" {
		o.CacheDir = base.CacheDir
	}
	return o.withDefaults()
}

// sameEngine tells whether an engine started with a serves b.
func sameEngine(a, b PDFOptions) bool {
	return a.MaxMemory == b.MaxMemory && a.Workers == b.Workers && a.CacheDir == b.CacheDir
}

// acquirePDFEngine returns the shared engine, starting it on first use or
// again when want's engine options differ from its own, and counts the
// caller in; the caller must call e.users.Done. It returns the options in
// force for the document: want over those of ConfigurePDF.
func acquirePDFEngine(want PDFOptions) (*pdfEngine, PDFOptions, error) {
	pdfState.mu.Lock()
	base := pdfState.opts
	if !pdfState.set {
		base = DefaultPDFOptions()
	}
	opts := want.over(base)
	var old *pdfEngine
	if pdfState.engine != nil && !sameEngine(pdfState.engine.opts, opts) {
		old, pdfState.engine = pdfState.engine, nil
	}
	if pdfState.engine == nil {
		e, err := newPDFEngine(opts)
		if err != nil {
			pdfState.mu.Unlock()
			return nil, opts, err
		}
		pdfState.engine = e
	}
	e := pdfState.engine
	e.users.Add(1)
	pdfState.mu.Unlock()
	if old != nil {
		go old.close()
	}
	return e, opts, nil
}

// decodePDF extracts the text layer of a PDF: one printed line per line,
// a blank line between paragraphs, running heads and page numbers left
// out (see pdflayout.go for how glyphs become lines).
func decodePDF(ctx context.Context, data []byte, want PDFOptions) (string, error) {
	e, opts, err := acquirePDFEngine(want)
	if err != nil {
		return "", err
	}
	defer e.users.Done()
	doc, err := e.read(ctx, data, opts)
	if err != nil {
		return "", err
	}
	text := doc.text()
	if !readableText(text) || doc.undecoded > utf8.RuneCountInString(text) {
		return "", fmt.Errorf("%w: PDF has an image-only or undecodable text layer", ErrNoText)
	}
	return text, nil
}

// readableText tells a usable text layer from glyph codes that came out
// unmapped (fonts without ToUnicode): those show as control or
// private-use characters, or as Latin-1 soup with no Han and few letters.
func readableText(s string) bool {
	var total, good, bad int
	for _, r := range s {
		if unicode.IsSpace(r) {
			continue
		}
		total++
		switch {
		case isHan(r), r < 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			good++
		case r == unicode.ReplacementChar, r < 0x20, r >= 0x7f && r < 0xa0,
			r >= 0xE000 && r <= 0xF8FF:
			bad++
		}
	}
	if total == 0 {
		return false
	}
	return good*2 >= total && bad*10 < total
}
