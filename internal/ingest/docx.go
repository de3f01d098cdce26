package ingest

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// The DOCX reader renders a Word file as a reader sees it: list and
// heading numbers that Word draws from numbering.xml (docx_numbering.go,
// docx_numfmt.go), text boxes after the paragraph that anchors them,
// tables as tab-separated rows (docx_body.go, docx_sink.go,
// docx_table.go), tracked changes accepted, field codes, headers, footers,
// footnotes and comments left out. docx_budget.go bounds the work a
// hostile archive can cause.

// Parts read besides word/document.xml. Footnotes and endnotes are left
// out on purpose: their reference marks would glue digits to the numbers
// the extractor reads, and plans put their notes (注：…) in the body.
const (
	docxMain      = "word/document.xml"
	docxStyles    = "word/styles.xml"
	docxNumbering = "word/numbering.xml"
	docxCore      = "docProps/core.xml"
)

// decodeDOCX returns the text of word/document.xml and the title from
// docProps/core.xml.
func decodeDOCX(ctx context.Context, data []byte, lim ZipLimits) (text, title string, err error) {
	lim = lim.withDefaults()
	zr, err := openZip(data, lim)
	if err != nil {
		return "", "", err
	}
	doc := zipEntry(zr, docxMain)
	if doc == nil {
		return "", "", fmt.Errorf("%w: zip archive without %s", ErrUnknownFmt, docxMain)
	}
	a := &zipArchive{ctx: ctx, zr: zr, lim: lim}
	styles := &styleSheet{styles: map[string]*styleDef{}}
	if err := a.parse(zipEntry(zr, docxStyles), styles.read, true); err != nil {
		return "", "", err
	}
	num := newNumbering(styles)
	if err := a.parse(zipEntry(zr, docxNumbering), num.read, true); err != nil {
		return "", "", err
	}
	body := &bodyReader{num: num, maxText: lim.MaxTextBytes}
	if err := a.parse(doc, body.read, false); err != nil {
		return "", "", err
	}
	// The title is a hint: a broken core.xml costs the title, not the text,
	// unless it trips a limit.
	err = a.parse(zipEntry(zr, docxCore), func(p *xmlPart) error {
		title = coreTitle(p)
		return nil
	}, true)
	if err != nil {
		return "", "", err
	}
	return body.text(), title, nil
}

// parse reads part f (when present) with fn. Limit, encryption and context
// errors always stop the document; other errors name the part and wrap
// ErrMalformed, unless lenient, for parts whose loss costs only formatting:
// whatever was read before the fault is kept.
func (a *zipArchive) parse(f *zip.File, fn func(*xmlPart) error, lenient bool) error {
	if f == nil {
		return nil
	}
	rc, err := a.open(f)
	if err != nil {
		return err
	}
	defer rc.Close()
	p := newXMLPart(a.ctx, f.Name, rc, a.lim)
	err = fn(p)
	if err != nil && p.guard.err != nil {
		// The decoder's error is a consequence of the read that failed.
		err = p.guard.err
	}
	switch {
	case err == nil, err == io.EOF:
		return nil
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("%s: %w", f.Name, err)
	case errors.Is(err, ErrTooLarge), errors.Is(err, ErrMalformed), errors.Is(err, ErrEncrypted):
		return err
	case lenient:
		return nil
	}
	return fmt.Errorf("%w: %s: %v", ErrMalformed, f.Name, err)
}

// coreTitle reads dc:title from docProps/core.xml.
func coreTitle(p *xmlPart) string {
	in := false
	var b strings.Builder
	for {
		tok, err := p.next()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case xml.StartElement:
			in = t.Name.Local == "title"
		case xml.EndElement:
			if in {
				return strings.TrimSpace(b.String())
			}
		case xml.CharData:
			if in && b.Len() < 4096 {
				b.Write(t)
			}
		}
	}
	return strings.TrimSpace(b.String())
}

// cfbReason explains an OLE compound file: an encrypted OOXML document
// (Office wraps those in CFB with an EncryptionInfo stream) or a legacy
// binary Office file.
func cfbReason(data []byte) error {
	// Directory entry names are UTF-16LE.
	utf16 := func(s string) []byte {
		out := make([]byte, 0, 2*len(s))
		for i := 0; i < len(s); i++ {
			out = append(out, s[i], 0)
		}
		return out
	}
	if bytes.Contains(data, utf16("EncryptionInfo")) || bytes.Contains(data, utf16("EncryptedPackage")) {
		return fmt.Errorf("%w: password-protected Office document", ErrEncrypted)
	}
	if bytes.Contains(data, utf16("WordDocument")) {
		return fmt.Errorf("%w: legacy Word .doc (OLE) file; save it as DOCX", ErrUnknownFmt)
	}
	return fmt.Errorf("%w: OLE compound file (legacy Office format)", ErrUnknownFmt)
}
