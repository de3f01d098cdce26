package ingest

import (
	"context"
	"io"
)

// MaxInput is the largest document planwatch reads by default, in bytes
// (config doc_max_bytes).
const MaxInput = 64 << 20

// Read reads at most MaxInput bytes from r and decodes them. name is the
// input's file name or URL: its extension is a format hint and it appears
// in error messages.
func Read(ctx context.Context, name string, r io.Reader) (*Document, error) {
	return ReadWith(ctx, name, r, DecodeOptions{})
}

// ReadWith is Read within the limits of opt.
func ReadWith(ctx context.Context, name string, r io.Reader, opt DecodeOptions) (*Document, error) {
	data, err := io.ReadAll(io.LimitReader(r, opt.Limit()+1))
	if err != nil {
		return nil, err
	}
	return DecodeWith(ctx, name, data, opt)
}
