package ingest

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

const (
	// maxZipEntries bounds the central directory a DOCX may have; real
	// documents have dozens of parts.
	maxZipEntries = 10000
	// maxUnzipped caps the bytes inflated from one archive, whatever its
	// headers claim.
	maxUnzipped = 256 << 20
)

var errZipBudget = errors.New("decompressed size limit reached")

// budgetReader fails once more than n bytes were read through it, so a
// zip bomb costs bounded time and memory.
type budgetReader struct {
	r io.Reader
	n int64
}

func (b *budgetReader) Read(p []byte) (int, error) {
	if b.n <= 0 {
		return 0, errZipBudget
	}
	if int64(len(p)) > b.n {
		p = p[:b.n]
	}
	n, err := b.r.Read(p)
	b.n -= int64(n)
	return n, err
}

// unzipBudget is how many inflated bytes an archive of size n may yield:
// generous for real documents (text XML compresses 5-20 times), small for
// a bomb.
func unzipBudget(n int) int64 {
	b := int64(n)*50 + 16<<20
	if b > maxUnzipped {
		b = maxUnzipped
	}
	return b
}

func openZip(data []byte) (*zip.Reader, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, fmt.Errorf("%w: bad zip archive: %v", ErrMalformed, err)
	}
	if len(zr.File) > maxZipEntries {
		return nil, fmt.Errorf("%w: zip archive has %d entries", ErrMalformed, len(zr.File))
	}
	return zr, nil
}

func zipEntry(zr *zip.Reader, name string) *zip.File {
	for _, f := range zr.File {
		if f.Name == name {
			return f
		}
	}
	return nil
}

// decodeDOCX extracts the paragraphs and tables of word/document.xml and
// the title from docProps/core.xml.
func decodeDOCX(data []byte) (text, title string, err error) {
	zr, err := openZip(data)
	if err != nil {
		return "", "", err
	}
	doc := zipEntry(zr, "word/document.xml")
	if doc == nil {
		return "", "", fmt.Errorf("%w: zip archive without word/document.xml", ErrUnknownFmt)
	}
	if doc.Flags&0x1 != 0 {
		return "", "", fmt.Errorf("%w: encrypted zip entry", ErrEncrypted)
	}
	budget := &budgetReader{n: unzipBudget(len(data))}
	rc, err := doc.Open()
	if err != nil {
		return "", "", fmt.Errorf("%w: word/document.xml: %v", ErrMalformed, err)
	}
	budget.r = rc
	text, err = docxText(budget)
	rc.Close()
	if err != nil {
		if errors.Is(err, errZipBudget) {
			return "", "", fmt.Errorf("%w: word/document.xml inflates past %d bytes (zip bomb?)", ErrTooLarge, unzipBudget(len(data)))
		}
		return "", "", fmt.Errorf("%w: word/document.xml: %v", ErrMalformed, err)
	}
	if core := zipEntry(zr, "docProps/core.xml"); core != nil {
		if rc, err := core.Open(); err == nil {
			budget.r = rc
			title = coreTitle(budget)
			rc.Close()
		}
	}
	return text, title, nil
}

// docxText walks WordprocessingML: each w:p is a line, w:t carries text,
// w:tab and w:br are a tab and a line break. Paragraphs inside a table
// cell are joined by spaces and cells by tabs so that a row reads as one
// line.
func docxText(r io.Reader) (string, error) {
	dec := xml.NewDecoder(r)
	dec.Strict = false
	var b strings.Builder
	inText := false
	cellDepth := 0
	cellHasText := false
	cellBreak := false // a paragraph ended inside a cell: space before more text
	for {
		tok, err := dec.RawToken()
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			switch t.Name.Local {
			case "t":
				inText = t.Name.Space == "w" || t.Name.Space == ""
			case "tab":
				if t.Name.Space == "w" {
					b.WriteByte('\t')
				}
			case "br", "cr":
				if cellDepth > 0 {
					b.WriteByte(' ')
				} else {
					b.WriteByte('\n')
				}
			case "noBreakHyphen":
				b.WriteByte('-')
			case "tc":
				cellDepth++
				cellHasText = false
				cellBreak = false
			}
		case xml.EndElement:
			switch t.Name.Local {
			case "t":
				inText = false
			case "p":
				if t.Name.Space != "w" {
					break
				}
				if cellDepth > 0 {
					cellBreak = cellHasText
				} else {
					b.WriteByte('\n')
				}
			case "tc":
				if cellDepth > 0 {
					cellDepth--
				}
				b.WriteByte('\t')
			case "tr":
				b.WriteByte('\n')
			}
		case xml.CharData:
			if inText && len(t) > 0 {
				if cellBreak {
					b.WriteByte(' ')
					cellBreak = false
				}
				b.Write(t)
				cellHasText = true
			}
		}
	}
	return b.String(), nil
}

func coreTitle(r io.Reader) string {
	dec := xml.NewDecoder(r)
	dec.Strict = false
	in := false
	var b strings.Builder
	for {
		tok, err := dec.RawToken()
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
			if in {
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
