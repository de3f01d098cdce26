package library

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
)

// UploadPrefix starts the source of an uploaded document.
const UploadPrefix = "upload:"

// AddUpload snapshots a file uploaded through the web app: name is its
// base name (its extension is the format hint), data its bytes. Its source
// is "upload:" + the first 16 hex digits of its SHA-256 + "/" + name, so
// that another file of the same name is another document, not a new
// version of the first.
func (l *Library) AddUpload(ctx context.Context, name string, data []byte, tags []string) Result {
	name = filepath.Base(name)
	sum := sha256.Sum256(data)
	source := UploadPrefix + hex.EncodeToString(sum[:8]) + "/" + name
	if int64(len(data)) > l.decode.Limit() {
		return Result{Input: name, Status: Failed, Err: l.decode.TooLarge(int64(len(data)))}
	}
	in := raw{source: source, bytes: data, fetchedAt: l.now().UTC()}
	res := l.commitOne(ctx, l.prepare(ctx, in, false), tags)
	res.Input = name
	return res
}
