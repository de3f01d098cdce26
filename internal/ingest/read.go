package ingest

import (
	"context"
	"io"
)

// MaxInput is the largest document planwatch reads, in bytes.
const MaxInput = 64 << 20

// Read reads at most MaxInput bytes from r and decodes them. name is the
// input's file name or URL: its extension is a format hint and it appears
// in error messages.
func Read(ctx context.Context, name string, r io.Reader) (*Document, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxInput+1))
	if err != nil {
		return nil, err
	}
	return Decode(ctx, name, data)
}
