package ingest

import (
	"fmt"
	"math"

	"planwatch/internal/config"
)

// DecodeOptions bound a Decode. The zero value is the safe default;
// NewDecodeOptions makes them from the settings.
type DecodeOptions struct {
	// MaxBytes is the largest document read, in bytes; default MaxInput.
	MaxBytes int64
	Zip      ZipLimits
	PDF      PDFOptions
}

// NewDecodeOptions returns the limits of the settings d
// (config.Documents), which a program reads once at its start and passes
// down to every Decode.
func NewDecodeOptions(d config.Documents) DecodeOptions {
	d = d.WithDefaults()
	return DecodeOptions{
		MaxBytes: d.MaxBytes,
		Zip: ZipLimits{MaxEntries: d.MaxParts, MaxPartBytes: d.MaxPartInflated, MaxTotalBytes: d.MaxInflated,
			MaxRatio: int64(d.MaxRatio), MaxXMLDepth: d.MaxXMLDepth, MaxTagBytes: d.MaxXMLTag, MaxTextBytes: d.MaxText},
		PDF: PDFOptions{MaxText: int(min(d.MaxText, math.MaxInt)), MaxMemory: d.PDFMaxMemory, MaxPages: d.PDFMaxPages,
			Timeout: d.PDFTimeout, Workers: d.PDFWorkers, CacheDir: d.PDFCacheDir},
	}
}

// Limit returns the largest document o lets through, in bytes.
func (o DecodeOptions) Limit() int64 {
	if o.MaxBytes <= 0 {
		return MaxInput
	}
	return o.MaxBytes
}

// TooLarge is the error for a document of n bytes, more than o lets
// through; it names the limit's setting.
func (o DecodeOptions) TooLarge(n int64) error {
	return fmt.Errorf("%w: %d bytes, more than %s (limit doc_max_bytes)", ErrTooLarge, n, byteSize(o.Limit()))
}
