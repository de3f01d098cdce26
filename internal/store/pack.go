package store

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// Packing keeps what only Go reads compressed: a version's original-script
// text and extraction (versions.packed) and the original bytes (blobs with
// encoding 'deflate'). The normalized text stays as it is, since the
// search reads it in SQL. DEFLATE at its fastest level: a document is
// packed once as it is added, and the level costs little of the ratio on
// text.

// encDeflate is blobs.encoding for deflated bytes.
const encDeflate = "deflate"

// maxUnpacked bounds what unpacking may produce, whatever a damaged row
// claims: more than any document the library takes.
const maxUnpacked = 1 << 30

// deflate compresses b.
func deflate(b []byte) []byte {
	var buf bytes.Buffer
	buf.Grow(len(b)/3 + 64)
	w, _ := flate.NewWriter(&buf, flate.BestSpeed) // the level is valid: no error
	w.Write(b)
	w.Close()
	return buf.Bytes()
}

// inflate decompresses b, which must come to exactly want bytes (want < 0:
// any length up to maxUnpacked).
func inflate(b []byte, want int64) ([]byte, error) {
	limit := int64(maxUnpacked)
	if want >= 0 {
		limit = want
	}
	r := flate.NewReader(bytes.NewReader(b))
	defer r.Close()
	var out bytes.Buffer
	if want > 0 {
		out.Grow(int(want))
	}
	n, err := io.Copy(&out, io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("unpack: %w", err)
	}
	if n > limit || (want >= 0 && n != want) {
		return nil, fmt.Errorf("unpack: %d bytes, want %d", n, limit)
	}
	return out.Bytes(), nil
}

// packVersion packs a version's original text and extraction, deflated:
// a uvarint saying how the original is kept, the original, then the
// extraction. The original is the text in its own script and forms
// (國, １), so it is mostly the text itself:
//
//   - 0: the original is the text;
//   - 1: it is the text with some characters swapped, listed as a count
//     and, per swap, the rune offset from the previous swap and the rune;
//   - n ≥ 2: it is written out, n-2 bytes.
func packVersion(text, original string, extraction []byte) []byte {
	var b []byte
	switch swaps, ok := runeSwaps(text, original); {
	case original == text:
		b = binary.AppendUvarint(b, 0)
	case ok:
		b = binary.AppendUvarint(b, 1)
		b = binary.AppendUvarint(b, uint64(len(swaps)/2))
		for _, v := range swaps {
			b = binary.AppendUvarint(b, uint64(v))
		}
	default:
		b = binary.AppendUvarint(b, uint64(len(original))+2)
		b = append(b, original...)
	}
	b = append(b, extraction...)
	return deflate(b)
}

// runeSwaps lists where original differs from text rune by rune, as
// pairs of (offset from the previous difference, original rune); ok is
// false when they differ in length or in more than a quarter of the runes.
func runeSwaps(text, original string) (swaps []int, ok bool) {
	if len(text) == 0 || !utf8.ValidString(text) || !utf8.ValidString(original) ||
		utf8.RuneCountInString(text) != utf8.RuneCountInString(original) {
		return nil, false
	}
	last, i := 0, 0
	budget := utf8.RuneCountInString(text) / 4
	for _, r := range text {
		o, size := utf8.DecodeRuneInString(original)
		original = original[size:]
		if o != r {
			if len(swaps)/2 >= budget {
				return nil, false
			}
			swaps = append(swaps, i-last, int(o))
			last = i
		}
		i++
	}
	return swaps, true
}

// errPacked is the error for a packed row that does not read back.
var errPacked = errors.New("damaged packed version")

// unpackVersion reads what packVersion wrote, given the version's text.
func unpackVersion(packed []byte, text string) (original string, extraction []byte, err error) {
	b, err := inflate(packed, -1)
	if err != nil {
		return "", nil, fmt.Errorf("%w: %w", errPacked, err)
	}
	uvarint := func() (uint64, bool) {
		v, k := binary.Uvarint(b)
		if k <= 0 {
			return 0, false
		}
		b = b[k:]
		return v, true
	}
	how, ok := uvarint()
	switch {
	case !ok:
		return "", nil, errPacked
	case how == 0:
		original = text
	case how == 1:
		n, ok := uvarint()
		if !ok || n > uint64(len(text)) {
			return "", nil, errPacked
		}
		runes := []rune(text)
		at := 0
		for i := range n {
			gap, ok1 := uvarint()
			r, ok2 := uvarint()
			// Swaps come in order, each after the one before.
			if !ok1 || !ok2 || (i > 0 && gap == 0) || gap > uint64(len(runes)) || at+int(gap) >= len(runes) || r > utf8.MaxRune {
				return "", nil, errPacked
			}
			at += int(gap)
			runes[at] = rune(r)
		}
		original = string(runes)
	default:
		n := how - 2
		if n > uint64(len(b)) {
			return "", nil, errPacked
		}
		original, b = string(b[:n]), b[n:]
	}
	if len(b) > 0 {
		extraction = b
	}
	return original, extraction, nil
}

// unpackExtraction reads only the extraction of what packVersion wrote:
// the original is stepped over, so the text is not needed.
func unpackExtraction(packed []byte) ([]byte, error) {
	b, err := inflate(packed, -1)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errPacked, err)
	}
	uvarint := func() (uint64, bool) {
		v, k := binary.Uvarint(b)
		if k <= 0 {
			return 0, false
		}
		b = b[k:]
		return v, true
	}
	how, ok := uvarint()
	switch {
	case !ok:
		return nil, errPacked
	case how == 1:
		n, ok := uvarint()
		if !ok || n > uint64(len(b)) {
			return nil, errPacked
		}
		for range 2 * n {
			if _, ok := uvarint(); !ok {
				return nil, errPacked
			}
		}
	case how >= 2:
		if how-2 > uint64(len(b)) {
			return nil, errPacked
		}
		b = b[how-2:]
	}
	if len(b) == 0 {
		return nil, nil
	}
	return b, nil
}

// packBlob returns the bytes to store for data and their encoding: deflated
// when that saves an eighth or more, else data itself.
func packBlob(data []byte) ([]byte, string) {
	if len(data) < 256 {
		return data, ""
	}
	z := deflate(data)
	if len(z) > len(data)-len(data)/8 {
		return data, ""
	}
	return z, encDeflate
}
