package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
)

// Blob returns the original bytes with this SHA-256 (hex); ErrNotFound if
// none were stored.
func (s *Store) Blob(ctx context.Context, sha string) ([]byte, error) {
	var (
		data []byte
		enc  string
		size int64
	)
	err := s.r.QueryRowContext(ctx, s.q(`SELECT data, encoding, size FROM blobs WHERE sha256 = ?`), sha).Scan(&data, &enc, &size)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("blob %s: %w", sha, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("blob %s: %w", sha, err)
	}
	switch enc {
	case "":
	case encDeflate:
		if data, err = inflate(data, size); err != nil {
			return nil, fmt.Errorf("blob %s: %w", sha, err)
		}
	default:
		return nil, fmt.Errorf("blob %s: unknown encoding %q", sha, enc)
	}
	if data == nil {
		data = []byte{} // stored empty, not missing
	}
	return data, nil
}

// putBlob stores data under its SHA-256 unless it is there already.
func (s *Store) putBlob(ctx context.Context, tx *sql.Tx, sha string, data []byte) error {
	if data == nil {
		data = []byte{} // the column is NOT NULL
	}
	stored, enc := packBlob(data)
	return s.putPackedBlob(ctx, tx, sha, len(data), stored, enc)
}

// putPackedBlob is putBlob of bytes packBlob packed already.
func (s *Store) putPackedBlob(ctx context.Context, tx *sql.Tx, sha string, size int, stored []byte, enc string) error {
	_, err := tx.ExecContext(ctx, s.q(`INSERT INTO blobs (sha256, size, data, encoding, created_at) VALUES (?, ?, ?, ?, ?)
 ON CONFLICT (sha256) DO NOTHING`), sha, size, stored, enc, now())
	if err != nil {
		return fmt.Errorf("blob %s: %w", sha, err)
	}
	return nil
}

// PutBlob stores a file on its own (the evidence attached to an update, say)
// and returns its SHA-256 (hex); storing the same bytes again is a no-op.
func (s *Store) PutBlob(ctx context.Context, data []byte) (string, error) {
	sum := sha256.Sum256(data)
	sha := hex.EncodeToString(sum[:])
	err := s.inTx(ctx, func(tx *sql.Tx) error { return s.putBlob(ctx, tx, sha, data) })
	return sha, err
}
