package ingest

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"strings"
)

// ZipLimits bound the work spent on a zip-packaged document so that a
// hostile file costs bounded time and memory. DOCX parts are read through
// them; any other zip (XLSX, ODF) is refused at its central directory,
// before anything is inflated, and a reader for those formats would use
// the same gate. A zero field takes its default. The settings are
// config.Documents (doc_max_parts, doc_max_inflated, …), which name the
// limits in the errors.
type ZipLimits struct {
	MaxEntries    int   // entries in the central directory; default 10000
	MaxPartBytes  int64 // inflated bytes of one part; default 128 MiB
	MaxTotalBytes int64 // inflated bytes of all parts read; default 256 MiB
	// MaxRatio is the largest inflated:compressed ratio of a part that has
	// inflated past RatioFloor bytes; default 100. Text XML compresses 5-20
	// times; a deflate bomb reaches 1000.
	MaxRatio    int64
	RatioFloor  int64 // default 1 MiB: small parts may compress as they like
	MaxXMLDepth int   // element nesting; default 256 (Word nests well under 100)
	// MaxTagBytes bounds one XML tag with its attributes; default 1 MiB.
	// encoding/xml holds a whole tag in memory at about 15 times its size,
	// and Word's tags are under a few kilobytes.
	MaxTagBytes int64
	// MaxTextBytes caps the text a document yields, and any one text node;
	// numbering labels and repeated merged cells can make the text larger
	// than the markup. Default MaxInput.
	MaxTextBytes int64
}

func (l ZipLimits) withDefaults() ZipLimits {
	def := func(v *int64, d int64) {
		if *v <= 0 {
			*v = d
		}
	}
	if l.MaxEntries <= 0 {
		l.MaxEntries = 10000
	}
	def(&l.MaxPartBytes, 128<<20)
	def(&l.MaxTotalBytes, 256<<20)
	def(&l.MaxRatio, 100)
	def(&l.RatioFloor, 1<<20)
	if l.MaxXMLDepth <= 0 {
		l.MaxXMLDepth = 256
	}
	def(&l.MaxTagBytes, 1<<20)
	def(&l.MaxTextBytes, MaxInput)
	return l
}

// openZip reads the central directory, refusing archives with more entries
// than any real document has. Nothing is inflated yet.
func openZip(data []byte, lim ZipLimits) (*zip.Reader, error) {
	lim = lim.withDefaults()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("%w: bad zip archive: %v", ErrMalformed, err)
	}
	if len(zr.File) > lim.MaxEntries {
		return nil, fmt.Errorf("%w: zip archive has %d entries, more than %d (limit doc_max_parts)", ErrTooLarge, len(zr.File), lim.MaxEntries)
	}
	return zr, nil
}

// zipEntry finds a part by name; OPC part names are case-insensitive.
func zipEntry(zr *zip.Reader, name string) *zip.File {
	var fold *zip.File
	for _, f := range zr.File {
		if f.Name == name {
			return f
		}
		if fold == nil && strings.EqualFold(f.Name, name) {
			fold = f
		}
	}
	return fold
}

// zipArchive opens parts of one archive against shared limits.
type zipArchive struct {
	ctx   context.Context
	zr    *zip.Reader
	lim   ZipLimits
	total int64 // inflated bytes read from all parts so far
}

// open checks what the headers declare before inflating anything; the
// reader it returns checks again as bytes come, because archive/zip only
// enforces the declared size and a part may be read by several callers.
func (a *zipArchive) open(f *zip.File) (io.ReadCloser, error) {
	if f.Flags&0x1 != 0 {
		return nil, fmt.Errorf("%w: %s: encrypted zip entry", ErrEncrypted, f.Name)
	}
	declared := int64(min(f.UncompressedSize64, 1<<62))
	if err := a.check(f, declared); err != nil {
		return nil, err
	}
	if a.total+declared > a.lim.MaxTotalBytes {
		return nil, fmt.Errorf("%w: %s: the parts inflate past %s in all (limit doc_max_inflated)", ErrTooLarge, f.Name, byteSize(a.lim.MaxTotalBytes))
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %v", ErrMalformed, f.Name, err)
	}
	return &partReader{rc: rc, a: a, f: f}, nil
}

// check applies the part and ratio limits to a part that inflates to n
// bytes.
func (a *zipArchive) check(f *zip.File, n int64) error {
	lim := a.lim
	if n > lim.MaxPartBytes {
		return fmt.Errorf("%w: %s inflates past %s (limit doc_max_part_inflated)", ErrTooLarge, f.Name, byteSize(lim.MaxPartBytes))
	}
	comp := int64(min(f.CompressedSize64, 1<<62))
	if n > lim.RatioFloor && n/max(comp, 1) > lim.MaxRatio {
		return fmt.Errorf("%w: %s inflates more than %d times its packed size (limit doc_max_ratio; a zip bomb?)", ErrTooLarge, f.Name, lim.MaxRatio)
	}
	return nil
}

// partReader counts the bytes of one part against the part, ratio and
// archive limits and stops when the context is done.
type partReader struct {
	rc  io.ReadCloser
	a   *zipArchive
	f   *zip.File
	n   int64
	err error // the limit or context error that stopped the part
}

func (r *partReader) Read(p []byte) (int, error) {
	if r.err != nil {
		return 0, r.err
	}
	if err := r.a.ctx.Err(); err != nil {
		r.err = err
		return 0, err
	}
	// Never read more than the archive may still inflate, plus one byte to
	// notice the overrun.
	if left := r.a.lim.MaxTotalBytes - r.a.total + 1; int64(len(p)) > left {
		p = p[:max(left, 1)]
	}
	n, err := r.rc.Read(p)
	r.n += int64(n)
	r.a.total += int64(n)
	if r.a.total > r.a.lim.MaxTotalBytes {
		r.err = fmt.Errorf("%w: %s: the parts inflate past %s in all (limit doc_max_inflated)", ErrTooLarge, r.f.Name, byteSize(r.a.lim.MaxTotalBytes))
	} else if cerr := r.a.check(r.f, r.n); cerr != nil {
		r.err = cerr
	}
	if r.err != nil {
		return 0, r.err
	}
	return n, err
}

func (r *partReader) Close() error { return r.rc.Close() }

// Namespaces of the elements the readers act on. Elements without a
// namespace or with a bare "w" prefix (undeclared) count as WordprocessingML,
// as Word-like producers sometimes write them.
const (
	nsW       = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
	nsWStrict = "http://purl.oclc.org/ooxml/wordprocessingml/main"
	nsMC      = "http://schemas.openxmlformats.org/markup-compatibility/2006"
	nsMath    = "http://schemas.openxmlformats.org/officeDocument/2006/math"
	nsMathS   = "http://purl.oclc.org/ooxml/officeDocument/math"
)

func isW(n xml.Name) bool {
	return n.Space == nsW || n.Space == nsWStrict || n.Space == "w" || n.Space == ""
}

func isMC(n xml.Name) bool { return n.Space == nsMC || n.Space == "mc" }

// xmlPart streams the tokens of one XML part. It refuses DOCTYPE (Office
// never writes one, and it is the only way to declare entities), bounds
// nesting, and resolves markup-compatibility blocks: of an
// mc:AlternateContent only the first mc:Choice (or else the mc:Fallback) is
// passed on, its wrappers removed, so readers see each text box once.
type xmlPart struct {
	name     string
	dec      *xml.Decoder
	guard    *tokenGuard
	ctx      context.Context
	maxDepth int
	depth    int
	tokens   int
	alt      []bool // per open mc:AlternateContent: a branch was taken
}

func newXMLPart(ctx context.Context, name string, r io.Reader, lim ZipLimits) *xmlPart {
	g := &tokenGuard{r: r, name: name, maxTag: lim.MaxTagBytes, maxText: lim.MaxTextBytes}
	dec := xml.NewDecoder(g)
	dec.Strict = false
	return &xmlPart{name: name, dec: dec, guard: g, ctx: ctx, maxDepth: lim.MaxXMLDepth}
}

// tokenGuard scans the bytes on their way to the XML decoder and stops a
// tag or a text node that is longer than any real document has, before
// the decoder buffers it whole. It keeps the first error it met, its own
// or the reader's (a limit, the context), because encoding/xml may report
// a read cut short inside a multi-byte character as "invalid UTF-8".
type tokenGuard struct {
	r               io.Reader
	name            string
	maxTag, maxText int64
	state           byte // 0 text, '<' in a tag, or the quote of an attribute value
	n               int64
	err             error
}

func (g *tokenGuard) Read(p []byte) (int, error) {
	if g.err != nil {
		return 0, g.err
	}
	n, err := g.scan(p)
	if err != nil && err != io.EOF {
		g.err = err
	}
	return n, err
}

func (g *tokenGuard) scan(p []byte) (int, error) {
	n, err := g.r.Read(p)
	for _, c := range p[:n] {
		switch g.state {
		case 0:
			if c == '<' {
				g.state, g.n = '<', 0
				continue
			}
			if g.n++; g.n > g.maxText {
				return 0, fmt.Errorf("%w: %s: a text node longer than %s (limit doc_max_text)", ErrTooLarge, g.name, byteSize(g.maxText))
			}
			continue
		case '<':
			switch c {
			case '>':
				g.state, g.n = 0, 0
				continue
			case '"', '\'':
				g.state = c
			}
		default:
			if c == g.state {
				g.state = '<'
			}
		}
		if g.n++; g.n > g.maxTag {
			return 0, fmt.Errorf("%w: %s: an XML tag longer than %s (limit doc_max_xml_tag)", ErrTooLarge, g.name, byteSize(g.maxTag))
		}
	}
	return n, err
}

// next returns the next token; CharData is only valid until the next call.
func (p *xmlPart) next() (xml.Token, error) {
	for {
		tok, err := p.raw()
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if !isMC(t.Name) {
				return tok, nil
			}
			switch t.Name.Local {
			case "AlternateContent":
				p.alt = append(p.alt, false)
				continue
			case "Choice", "Fallback":
				if n := len(p.alt); n > 0 && !p.alt[n-1] {
					p.alt[n-1] = true
					continue
				}
				if err := p.skip(); err != nil {
					return nil, err
				}
				continue
			}
			return tok, nil
		case xml.EndElement:
			if isMC(t.Name) {
				switch t.Name.Local {
				case "AlternateContent":
					if len(p.alt) > 0 {
						p.alt = p.alt[:len(p.alt)-1]
					}
					continue
				case "Choice", "Fallback":
					continue
				}
			}
			return tok, nil
		case xml.Directive:
			if d := bytes.TrimSpace(t); len(d) >= 7 && strings.EqualFold(string(d[:7]), "DOCTYPE") {
				return nil, fmt.Errorf("%w: %s: DOCTYPE declarations are not allowed (entity expansion)", ErrMalformed, p.name)
			}
		}
		return tok, nil
	}
}

// raw is the decoder's next token with the depth and context checks.
func (p *xmlPart) raw() (xml.Token, error) {
	p.tokens++
	if p.tokens&1023 == 0 {
		if err := p.ctx.Err(); err != nil {
			return nil, err
		}
	}
	tok, err := p.dec.Token()
	if err != nil {
		if p.guard.err != nil {
			return nil, p.guard.err
		}
		return nil, err
	}
	switch tok.(type) {
	case xml.StartElement:
		p.depth++
		if p.depth > p.maxDepth {
			return nil, fmt.Errorf("%w: %s: XML nests deeper than %d elements (limit doc_max_xml_depth)", ErrTooLarge, p.name, p.maxDepth)
		}
	case xml.EndElement:
		p.depth--
	}
	return tok, nil
}

// skip consumes the rest of the element whose start was just read.
func (p *xmlPart) skip() error {
	for depth := 0; ; {
		tok, err := p.raw()
		if err != nil {
			return err
		}
		switch tok.(type) {
		case xml.StartElement:
			depth++
		case xml.EndElement:
			if depth == 0 {
				return nil
			}
			depth--
		}
	}
}

// text consumes the rest of the element whose start was just read and
// returns its character data.
func (p *xmlPart) text() (string, error) {
	var b strings.Builder
	for depth := 0; ; {
		tok, err := p.next()
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
		case xml.EndElement:
			if depth == 0 {
				return b.String(), nil
			}
			depth--
		case xml.CharData:
			b.Write(t)
		}
	}
}

// children calls fn for each child element of the element just started,
// up to its end. fn reads the child whole and returns true, or returns
// false and the child is skipped.
func (p *xmlPart) children(fn func(xml.StartElement) (bool, error)) error {
	for {
		tok, err := p.next()
		if err != nil {
			return err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			used, err := fn(t)
			if err != nil {
				return err
			}
			if !used {
				if err := p.skip(); err != nil {
					return err
				}
			}
		case xml.EndElement:
			return nil
		}
	}
}

// root calls children(fn) on the part's root element.
func (p *xmlPart) root(fn func(xml.StartElement) (bool, error)) error {
	for {
		tok, err := p.next()
		if err != nil {
			return err
		}
		if _, ok := tok.(xml.StartElement); ok {
			return p.children(fn)
		}
	}
}

func attr(t xml.StartElement, local string) (string, bool) {
	for _, a := range t.Attr {
		if a.Name.Local == local {
			return a.Value, true
		}
	}
	return "", false
}

// onOff reads a WordprocessingML toggle (<w:vanish/>, w:val="false").
func onOff(t xml.StartElement) bool {
	v, ok := attr(t, "val")
	if !ok {
		return true
	}
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "false", "0", "off", "none":
		return false
	}
	return true
}
