package ingest

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"github.com/tetratelabs/wazero/api"
)

// glyph is one character of a page with its loose box in PDF user space
// (y grows upwards): across, the glyph's advance; up and down, the font's
// ascent and descent, so glyphs of one font on one baseline share a band.
type glyph struct {
	r              rune
	x0, y0, x1, y1 float32
	base           float32 // the baseline: the y of the glyph's origin
	space          bool    // a space character of the document, not one PDFium inferred
}

func (g glyph) height() float32 { return g.y1 - g.y0 }

// pdfPage is one page read and laid out.
type pdfPage struct {
	height float32
	lines  []textLine
}

// pdfDoc is a document read page by page.
type pdfDoc struct {
	pages     []pdfPage
	undecoded int // glyphs without a Unicode value
}

// errPDFLimit marks errors that already name the limit they hit.
var errPDFLimit = errors.New("PDF limit")

// limitError is ErrTooLarge with the limit named, e.g.
// "document too large: PDF has 120000 pages, more than 5000 (limit pdf_max_pages)".
func limitError(format string, args ...any) error {
	return fmt.Errorf("%w: %w", ErrTooLarge, pdfLimit{fmt.Sprintf(format, args...)})
}

func memoryLimit(opts PDFOptions) error {
	return limitError("PDF needs more than %s of memory to read (limit pdf_max_memory)", byteSize(opts.MaxMemory))
}

// byteSize writes n in MiB when it is a whole number of them.
func byteSize(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}

type pdfLimit struct{ msg string }

func (l pdfLimit) Error() string        { return l.msg }
func (l pdfLimit) Is(target error) bool { return target == errPDFLimit }

// read reads one document in an instance of its own, under the engine's
// memory limit and the document limits of opts.
func (e *pdfEngine) read(ctx context.Context, data []byte, opts PDFOptions) (*pdfDoc, error) {
	docCtx, cancelDoc := context.WithCancel(ctx)
	defer cancelDoc()
	defer context.AfterFunc(e.ctx, cancelDoc)()
	inst, err := e.pool.GetInstanceWithContext(docCtx)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("PDF engine: %w", err)
	}
	// The instance ends when the document does, whatever way: closed
	// after a good read, killed (nothing of it trusted again) after a
	// failure or a panic. Either runs once every call has returned, so it
	// cannot pull PDFium's memory from under a running call.
	good := false
	defer func() {
		if good {
			_ = inst.Close()
		} else {
			_ = inst.Kill()
		}
	}()
	runCtx, cancelRun := context.WithTimeout(docCtx, opts.Timeout)
	defer cancelRun()
	c, err := newPDFiumCalls(runCtx, inst)
	if err != nil {
		return nil, err
	}
	doc, err := readPDFium(runCtx, c, data, opts)
	if err == nil {
		good = true
		return doc, nil
	}
	switch {
	case ctx.Err() != nil:
		return nil, ctx.Err()
	case e.ctx.Err() != nil:
		return nil, fmt.Errorf("PDF engine closed while reading: %w", context.Canceled)
	case errors.Is(runCtx.Err(), context.DeadlineExceeded):
		return nil, limitError("PDF took longer than %v to read (limit pdf_timeout)", opts.Timeout)
	case errors.Is(err, errPDFLimit), errors.Is(err, ErrEncrypted), errors.Is(err, ErrMalformed),
		errors.Is(err, ErrNoText), errors.Is(err, errPDFiumInternals):
		return nil, err
	case memoryExhausted(c.mem, e.opts.MaxMemory):
		return nil, memoryLimit(e.opts)
	}
	// A trap in PDFium: the file drove it somewhere it could not go on.
	return nil, fmt.Errorf("%w: PDF reader failed: %v", ErrMalformed, err)
}

// memoryExhausted tells whether a failed instance had grown its memory
// towards the limit. PDFium traps when an allocation cannot be served;
// wazero refuses a growth past the limit without a trace, so the memory
// in use is the evidence: a trap on a small memory is the file's fault,
// one after growing past half the limit is taken for the limit.
func memoryExhausted(mem api.Memory, limit int64) bool {
	return int64(mem.Size()) >= limit/2
}

// PDFium's FPDF_GetLastError codes.
const (
	pdfErrPassword = 4
	pdfErrSecurity = 5
)

// readPDFium loads data into PDFium and reads its pages.
func readPDFium(ctx context.Context, c *pdfiumCalls, data []byte, opts PDFOptions) (*pdfDoc, error) {
	buf, err := c.call("malloc", uint64(len(data)))
	if err != nil {
		return nil, err
	}
	if buf == 0 {
		return nil, memoryLimit(opts)
	}
	if !c.mem.Write(uint32(buf), data) {
		return nil, errors.New("PDF engine: cannot copy the file into PDFium's memory")
	}
	doc, err := c.call("FPDF_LoadMemDocument", buf, uint64(len(data)), 0)
	if err != nil {
		return nil, err
	}
	if doc == 0 {
		code, err := c.call("FPDF_GetLastError")
		if err != nil {
			return nil, err
		}
		switch code {
		case pdfErrPassword:
			return nil, fmt.Errorf("%w: PDF needs a password", ErrEncrypted)
		case pdfErrSecurity:
			return nil, fmt.Errorf("%w: PDF uses an unsupported security handler", ErrEncrypted)
		}
		return nil, fmt.Errorf("%w: PDF cannot be parsed (PDFium error %d)", ErrMalformed, code)
	}
	count, err := c.call("FPDF_GetPageCount", doc)
	if err != nil {
		return nil, err
	}
	n := i32(count)
	if n > opts.MaxPages {
		return nil, limitError("PDF has %d pages, more than %d (limit pdf_max_pages)", n, opts.MaxPages)
	}
	if n <= 0 {
		return nil, fmt.Errorf("%w: PDF has no pages", ErrNoText)
	}
	// FS_RECTF for the box, then two doubles for the origin.
	rect, err := c.call("malloc", 32)
	if err != nil {
		return nil, err
	}
	if rect == 0 {
		return nil, memoryLimit(opts)
	}
	out := &pdfDoc{}
	var glyphs []glyph
	textBytes := 0
	for i := range n {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		var page pdfPage
		glyphs, page.height, err = readPage(c, doc, i, rect, glyphs[:0], &out.undecoded)
		if err != nil {
			return nil, err
		}
		page.lines = layoutPage(glyphs)
		for _, l := range page.lines {
			textBytes += len(l.text) + 1
		}
		if textBytes > opts.MaxText {
			return nil, limitError("PDF has more than %s of text (limit doc_max_text)", byteSize(int64(opts.MaxText)))
		}
		out.pages = append(out.pages, page)
	}
	// The instance is discarded after the document, so freeing is a
	// courtesy; errors here do not spoil the text already read.
	_, _ = c.call("FPDF_CloseDocument", doc)
	return out, nil
}

// readPage appends the glyphs of page i to glyphs. A page PDFium cannot
// load is skipped: the rest of the document is still worth reading.
func readPage(c *pdfiumCalls, doc uint64, i int, rect uint64, glyphs []glyph, undecoded *int) ([]glyph, float32, error) {
	page, err := c.call("FPDF_LoadPage", doc, uint64(i))
	if err != nil || page == 0 {
		return glyphs, 0, err
	}
	defer func() { _, _ = c.call("FPDF_ClosePage", page) }()
	h, err := c.call("FPDF_GetPageHeightF", page)
	if err != nil {
		return glyphs, 0, err
	}
	height := math.Float32frombits(uint32(h))
	tp, err := c.call("FPDFText_LoadPage", page)
	if err != nil || tp == 0 {
		return glyphs, height, err
	}
	defer func() { _, _ = c.call("FPDFText_ClosePage", tp) }()
	count, err := c.call("FPDFText_CountChars", tp)
	if err != nil {
		return glyphs, height, err
	}
	for j := range uint64(max(i32(count), 0)) {
		// A page of a million glyphs is no reason to miss a cancel.
		if j%4096 == 4095 && c.ctx.Err() != nil {
			return glyphs, height, c.ctx.Err()
		}
		u, err := c.quick("FPDFText_GetUnicode", tp, j)
		if err != nil {
			return glyphs, height, err
		}
		r := rune(uint32(u))
		space := false
		switch r {
		case 0, 0xFFFD:
			*undecoded++
			continue
		case ' ', '\t', '\r', '\n', '\u00a0', '\u3000':
			// PDFium adds spaces and line breaks of its own guessing;
			// the layout makes its own from the boxes.
			gen, err := c.quick("FPDFText_IsGenerated", tp, j)
			if err != nil {
				return glyphs, height, err
			}
			if i32(gen) != 0 || r == '\r' || r == '\n' {
				continue
			}
			space = true
		}
		ok, err := c.quick("FPDFText_GetLooseCharBox", tp, j, rect)
		if err != nil {
			return glyphs, height, err
		}
		if i32(ok) == 0 {
			continue
		}
		if _, err := c.quick("FPDFText_GetCharOrigin", tp, j, rect+16, rect+24); err != nil {
			return glyphs, height, err
		}
		b, _ := c.mem.Read(uint32(rect), 32)
		if len(b) < 32 {
			continue
		}
		f := func(off int) float32 { return math.Float32frombits(binary.LittleEndian.Uint32(b[off:])) }
		// FS_RECTF is left, top, right, bottom.
		g := glyph{r: r, x0: f(0), y1: f(4), x1: f(8), y0: f(12), space: space,
			base: float32(math.Float64frombits(binary.LittleEndian.Uint64(b[24:])))}
		if g.x1 < g.x0 {
			g.x0, g.x1 = g.x1, g.x0
		}
		if g.y1 < g.y0 {
			g.y0, g.y1 = g.y1, g.y0
		}
		if !finite(g.x0) || !finite(g.x1) || !finite(g.y0) || !finite(g.y1) || !finite(g.base) {
			continue
		}
		glyphs = append(glyphs, g)
	}
	return glyphs, height, nil
}

func finite(f float32) bool { return !math.IsNaN(float64(f)) && !math.IsInf(float64(f), 0) }
