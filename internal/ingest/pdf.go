package ingest

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"unicode"

	"github.com/ledongthuc/pdf"
)

// decodePDF extracts the text layer of a PDF, row by row.
func decodePDF(ctx context.Context, data []byte) (text string, err error) {
	// The parser panics on some malformed files; a panic means the file,
	// not planwatch, is broken.
	defer func() {
		if r := recover(); r != nil {
			text = ""
			err = fmt.Errorf("%w: PDF parser failed: %v", ErrMalformed, r)
		}
	}()
	rd, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		msg := err.Error()
		if strings.Contains(strings.ToLower(msg), "encrypt") {
			return "", fmt.Errorf("%w: PDF: %v", ErrEncrypted, err)
		}
		return "", fmt.Errorf("%w: PDF: %v", ErrMalformed, err)
	}
	var b strings.Builder
	pages := rd.NumPage()
	for i := 1; i <= pages; i++ {
		if err := ctx.Err(); err != nil {
			return "", err
		}
		p := rd.Page(i)
		if p.V.IsNull() {
			continue
		}
		rows, err := p.GetTextByRow()
		if err != nil {
			continue
		}
		// Rows come top to bottom, each sorted left to right.
		for _, row := range rows {
			for _, w := range row.Content {
				b.WriteString(w.S)
			}
			b.WriteByte('\n')
		}
		b.WriteByte('\n')
		if b.Len() > 4*MaxInput {
			return "", fmt.Errorf("%w: PDF text layer too large", ErrTooLarge)
		}
	}
	text = b.String()
	if !readableText(text) {
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
