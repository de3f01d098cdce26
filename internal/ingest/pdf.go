package ingest

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

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
	undecoded := 0
	pages := rd.NumPage()
	for i := 1; i <= pages; i++ {
		if err := ctx.Err(); err != nil {
			return "", err
		}
		p := rd.Page(i)
		if p.V.IsNull() {
			continue
		}
		pageText(&b, p, &undecoded)
		b.WriteByte('\n')
		if b.Len() > 4*MaxInput {
			return "", fmt.Errorf("%w: PDF text layer too large", ErrTooLarge)
		}
	}
	text = b.String()
	if !readableText(text) || undecoded > utf8.RuneCountInString(text) {
		return "", fmt.Errorf("%w: PDF has an image-only or undecodable text layer", ErrNoText)
	}
	return text, nil
}

// pageText writes the glyphs of one page in content-stream order, which
// producers write in reading order (sorting by coordinates breaks on pages
// drawn with a flipped matrix). A change of baseline starts a new line. A
// page the parser cannot read is skipped, not fatal.
func pageText(b *strings.Builder, p pdf.Page, undecoded *int) {
	defer func() { _ = recover() }()
	texts := p.Content().Text
	var line strings.Builder
	var lastY, lastEnd, lastSize float64
	var last rune
	first := true
	flush := func() {
		if line.Len() > 0 {
			b.WriteString(line.String())
			b.WriteByte('\n')
			line.Reset()
		}
	}
	for _, t := range texts {
		if strings.ContainsRune(t.S, utf8.RuneError) {
			// Glyphs without a Unicode mapping: not text, but a sign of
			// an undecodable layer if they are many.
			*undecoded += strings.Count(t.S, "\uFFFD")
			t.S = strings.ReplaceAll(t.S, "\uFFFD", "")
		}
		if t.S == "" {
			continue
		}
		size := t.FontSize
		if size <= 0 {
			size = 1
		}
		tol := math.Max(size, lastSize) * 0.5
		if !first && math.Abs(t.Y-lastY) > tol {
			flush()
		} else if !first {
			next, _ := utf8.DecodeRuneInString(t.S)
			gap := t.X - lastEnd
			// Words placed apart without a space glyph still need one.
			if gap > size*0.25 && last != ' ' && next != ' ' && !(isHan(last) || isHan(next)) {
				line.WriteByte(' ')
			}
		}
		line.WriteString(t.S)
		first = false
		lastY, lastEnd, lastSize = t.Y, t.X+t.W, size
		last, _ = utf8.DecodeLastRuneInString(t.S)
	}
	flush()
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
