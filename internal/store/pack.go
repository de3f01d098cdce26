package store

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
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

// packVersion packs a version's original text and extraction: a uvarint
// (0 when original equals text, else its length + 1), the original, then
// the extraction, deflated.
func packVersion(text, original string, extraction []byte) []byte {
	var b bytes.Buffer
	b.Grow(len(original) + len(extraction) + binary.MaxVarintLen64)
	var n [binary.MaxVarintLen64]byte
	if original == text {
		b.Write(n[:binary.PutUvarint(n[:], 0)])
	} else {
		b.Write(n[:binary.PutUvarint(n[:], uint64(len(original))+1)])
		b.WriteString(original)
	}
	b.Write(extraction)
	return deflate(b.Bytes())
}

// errPacked is the error for a packed row that does not read back.
var errPacked = errors.New("damaged packed version")

// unpackVersion reads what packVersion wrote, given the version's text.
func unpackVersion(packed []byte, text string) (original string, extraction []byte, err error) {
	b, err := inflate(packed, -1)
	if err != nil {
		return "", nil, fmt.Errorf("%w: %w", errPacked, err)
	}
	n, k := binary.Uvarint(b)
	if k <= 0 || n > uint64(len(b)-k)+1 {
		return "", nil, errPacked
	}
	b = b[k:]
	original = text
	if n > 0 {
		original, b = string(b[:n-1]), b[n-1:]
	}
	if len(b) > 0 {
		extraction = b
	}
	return original, extraction, nil
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
