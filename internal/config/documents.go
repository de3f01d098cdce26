package config

import (
	"fmt"
	"strconv"
	"time"
)

// Documents bounds what reading one document (text, HTML, DOCX or PDF;
// a file, an upload, a download, stdin) may cost. A document past any of
// them is refused with one line naming it, what went past and the limit's
// name (the setting in lower case without PLANWATCH_, e.g.
// pdf_max_memory); the web app answers such a document 413.
//
// The defaults are far beyond any real plan (a province's five-year plan
// is a few MiB of PDF and well under a MiB of text) and keep one hostile
// file within about 512 MiB of memory. A zero field means its default.
type Documents struct {
	// MaxBytes is the document's own size in bytes (doc_max_bytes): a
	// file, an upload, a download or stdin; for HTML and text it bounds
	// the text as well.
	MaxBytes int64
	// MaxText is the text one DOCX or PDF may yield, in bytes, and one XML
	// text node (doc_max_text): numbering labels and repeated merged cells
	// can make a DOCX's text larger than its markup.
	MaxText int64
	// MaxParts is the entries of a zip-packaged document (doc_max_parts);
	// a real DOCX has tens.
	MaxParts int
	// MaxPartInflated is what one part of a DOCX may unpack to, in bytes
	// (doc_max_part_inflated).
	MaxPartInflated int64
	// MaxInflated is what all the parts read may unpack to together, in
	// bytes (doc_max_inflated).
	MaxInflated int64
	// MaxRatio is how many times its packed size a part of over 1 MiB may
	// unpack to (doc_max_ratio). Text XML packs 5–20 times; a deflate bomb
	// a thousand.
	MaxRatio int
	// MaxXMLDepth is how deep XML elements may nest (doc_max_xml_depth);
	// Word nests well under 100.
	MaxXMLDepth int
	// MaxXMLTag is the bytes of one XML tag with its attributes
	// (doc_max_xml_tag): encoding/xml holds a tag at about 15 times its
	// size, and Word's are under a few KiB.
	MaxXMLTag int64
	// PDFMaxMemory is the memory PDFium may use for one PDF, in bytes
	// (pdf_max_memory): the file, its inflated streams, objects and fonts
	// all live there, so it bounds inflate bombs and object floods alike.
	PDFMaxMemory int64
	// PDFMaxPages is the pages a PDF may declare (pdf_max_pages).
	PDFMaxPages int
	// PDFTimeout is the wall time reading one PDF may take, not counting
	// the wait for a free worker (pdf_timeout).
	PDFTimeout time.Duration
	// PDFWorkers is how many PDFs are read at once (pdf_workers), each
	// within PDFMaxMemory; zero means the CPUs, at most 4.
	PDFWorkers int
	// PDFCacheDir keeps PDFium's compiled code between runs
	// (pdf_cache_dir); empty means planwatch/pdfium in the user's cache
	// directory, "off" compiles it anew in every process.
	PDFCacheDir string
}

// Documents defaults.
const (
	DefaultDocMaxBytes        = 64 << 20
	DefaultDocMaxText         = 64 << 20
	DefaultDocMaxParts        = 10_000
	DefaultDocMaxPartInflated = 128 << 20
	DefaultDocMaxInflated     = 256 << 20
	DefaultDocMaxRatio        = 100
	DefaultDocMaxXMLDepth     = 256
	DefaultDocMaxXMLTag       = 1 << 20
	DefaultPDFMaxMemory       = 256 << 20
	DefaultPDFMaxPages        = 5000
	DefaultPDFTimeout         = 2 * time.Minute
)

// docSetting is one numeric field of Documents: its key, its kind (a size
// in bytes, a count or a duration), its default, the least and most it may
// be set to, and where it goes.
type docSetting struct {
	key      string
	kind     limitKind
	def      int64 // 0: no default printed (decided at run time)
	min, max int64
	field    func(*Documents) *int64
	count    func(*Documents) *int
	dur      func(*Documents) *time.Duration
}

type limitKind int

const (
	kindCount limitKind = iota
	kindSize
	kindDuration
)

var docSettings = []docSetting{
	{key: "PLANWATCH_DOC_MAX_BYTES", kind: kindSize, def: DefaultDocMaxBytes, min: 1, max: 1 << 30,
		field: func(d *Documents) *int64 { return &d.MaxBytes }},
	{key: "PLANWATCH_DOC_MAX_TEXT", kind: kindSize, def: DefaultDocMaxText, min: 1, max: 1 << 30,
		field: func(d *Documents) *int64 { return &d.MaxText }},
	{key: "PLANWATCH_DOC_MAX_PARTS", def: DefaultDocMaxParts, min: 1, max: 1_000_000,
		count: func(d *Documents) *int { return &d.MaxParts }},
	{key: "PLANWATCH_DOC_MAX_PART_INFLATED", kind: kindSize, def: DefaultDocMaxPartInflated, min: 1, max: 4 << 30,
		field: func(d *Documents) *int64 { return &d.MaxPartInflated }},
	{key: "PLANWATCH_DOC_MAX_INFLATED", kind: kindSize, def: DefaultDocMaxInflated, min: 1, max: 4 << 30,
		field: func(d *Documents) *int64 { return &d.MaxInflated }},
	{key: "PLANWATCH_DOC_MAX_RATIO", def: DefaultDocMaxRatio, min: 1, max: 100_000,
		count: func(d *Documents) *int { return &d.MaxRatio }},
	{key: "PLANWATCH_DOC_MAX_XML_DEPTH", def: DefaultDocMaxXMLDepth, min: 1, max: 10_000,
		count: func(d *Documents) *int { return &d.MaxXMLDepth }},
	{key: "PLANWATCH_DOC_MAX_XML_TAG", kind: kindSize, def: DefaultDocMaxXMLTag, min: 1, max: 64 << 20,
		field: func(d *Documents) *int64 { return &d.MaxXMLTag }},
	// PDFium runs in WebAssembly, which addresses at most 4 GiB, and
	// needs about 32 MiB for itself.
	{key: "PLANWATCH_PDF_MAX_MEMORY", kind: kindSize, def: DefaultPDFMaxMemory, min: 32 << 20, max: 4 << 30,
		field: func(d *Documents) *int64 { return &d.PDFMaxMemory }},
	{key: "PLANWATCH_PDF_MAX_PAGES", def: DefaultPDFMaxPages, min: 1, max: 1_000_000,
		count: func(d *Documents) *int { return &d.PDFMaxPages }},
	{key: "PLANWATCH_PDF_TIMEOUT", kind: kindDuration, def: int64(DefaultPDFTimeout), min: int64(time.Second), max: int64(time.Hour),
		dur: func(d *Documents) *time.Duration { return &d.PDFTimeout }},
	{key: "PLANWATCH_PDF_WORKERS", min: 1, max: 64,
		count: func(d *Documents) *int { return &d.PDFWorkers }},
}

// docKeys are the settings of Documents.
var docKeys = func() []string {
	var ks []string
	for _, s := range docSettings {
		ks = append(ks, s.key)
	}
	return append(ks, "PLANWATCH_PDF_CACHE_DIR")
}()

// WithDefaults returns d with every zero (or negative) field set to its
// default, so that a Documents{} given by a test or a caller that does not
// care reads with the defaults. PDFWorkers and PDFCacheDir stay as they
// are: their defaults depend on the machine.
func (d Documents) WithDefaults() Documents {
	for _, f := range docSettings {
		switch {
		case f.def == 0:
		case f.field != nil:
			if p := f.field(&d); *p <= 0 {
				*p = f.def
			}
		case f.count != nil:
			if p := f.count(&d); *p <= 0 {
				*p = int(f.def)
			}
		case f.dur != nil:
			if p := f.dur(&d); *p <= 0 {
				*p = time.Duration(f.def)
			}
		}
	}
	return d
}

// loadDocuments reads the Documents settings with get, recording the
// defaults it uses. Sizes are bytes or a number with KiB, MiB or GiB;
// durations as 90s or 2m.
func loadDocuments(get func(string) (string, error), settings *[]Setting) (Documents, error) {
	var d Documents
	for _, f := range docSettings {
		v, err := get(f.key)
		if err != nil {
			return d, err
		}
		if v == "" {
			def := f.format(f.def)
			if f.def == 0 {
				def = "the CPUs, at most 4"
			}
			*settings = append(*settings, Setting{f.key, def, "default"})
			continue
		}
		n, ok := f.parse(v)
		if !ok || n < f.min || n > f.max {
			return d, fmt.Errorf("%s %q: want %s from %s to %s", f.key, v, f.want(), f.format(f.min), f.format(f.max))
		}
		switch {
		case f.field != nil:
			*f.field(&d) = n
		case f.count != nil:
			*f.count(&d) = int(n)
		default:
			*f.dur(&d) = time.Duration(n)
		}
	}
	var err error
	if d.PDFCacheDir, err = get("PLANWATCH_PDF_CACHE_DIR"); err != nil {
		return d, err
	}
	if d.PDFCacheDir == "" {
		*settings = append(*settings, Setting{"PLANWATCH_PDF_CACHE_DIR", "planwatch/pdfium in the user's cache directory", "default"})
	}
	return d.WithDefaults(), nil
}

// parse reads a value of the setting's kind.
func (f docSetting) parse(v string) (int64, bool) {
	if f.kind == kindDuration {
		t, err := time.ParseDuration(v)
		return int64(t), err == nil
	}
	return parseSheetLimit(v, f.kind == kindSize)
}

// format writes a value of the setting's kind as parse reads it.
func (f docSetting) format(n int64) string {
	if f.kind == kindDuration {
		return time.Duration(n).String()
	}
	if f.kind == kindSize && n < 1<<10 {
		return strconv.FormatInt(n, 10) + " bytes"
	}
	return formatSheetLimit(n, f.kind == kindSize)
}

// want names what the setting takes, for its error.
func (f docSetting) want() string {
	switch f.kind {
	case kindSize:
		return "a size such as 64MiB, 1GiB or 1048576 (bytes)"
	case kindDuration:
		return "a duration such as 90s or 2m"
	}
	return "a whole number"
}
