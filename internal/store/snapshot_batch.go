package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// SnapshotBatch saves many snapshots in one transaction, each under a
// savepoint of its own: a snapshot that fails is undone alone and the
// others stay, and the whole batch becomes visible (and durable) at
// Commit. Adding a directory of thousands of documents pays one commit,
// one search-index flush and one WAL sync per batch instead of per
// document.
//
// The batch's lookups read through its transaction, so they see the
// documents saved earlier in the same batch. It holds the database's
// write lock (SQLite) until Commit or Rollback: keep batches short.
// A batch is for one goroutine.
type SnapshotBatch struct {
	s      *Store
	tx     *sql.Tx
	saved  int
	broken error // set when the transaction can no longer be used
	// toIndex are the documents saved but not yet indexed (indexAtCommit).
	toIndex []indexEntry
}

type indexEntry struct{ docID, title, text string }

// BeginSnapshots starts a batch of snapshots. Cancelling ctx does not
// roll the batch back (database/sql would, for a transaction begun on
// it): what was saved stays for Commit.
func (s *Store) BeginSnapshots(ctx context.Context) (*SnapshotBatch, error) {
	tx, err := s.w.BeginTx(context.WithoutCancel(ctx), nil)
	if err != nil {
		return nil, fmt.Errorf("begin snapshots: %w", err)
	}
	return &SnapshotBatch{s: s, tx: tx}, nil
}

// Err is the error that lost the batch's transaction, or nil: a batch
// with one fails every later call and should be committed (which fails)
// or rolled back.
func (b *SnapshotBatch) Err() error { return b.broken }

// Saved is the number of snapshots saved in the batch so far.
func (b *SnapshotBatch) Saved() int { return b.saved }

// Save stores a snapshot as SaveSnapshot does, inside the batch. On an
// error nothing of this snapshot is kept and the batch goes on, unless
// the transaction itself is lost (a full disk, a dropped connection):
// then this and every later call, and Commit, fail with that error.
func (b *SnapshotBatch) Save(ctx context.Context, snap *Snapshot) (docID, versionID string, err error) {
	err = b.step(ctx, func() error {
		if docID, versionID, err = b.s.saveSnapshot(ctx, b.tx, snap); err != nil {
			return err
		}
		if b.s.d.indexAtCommit() {
			return nil
		}
		return b.s.d.indexDocument(ctx, b.tx, docID, snap.Document.Title, snap.Version.Text)
	})
	if err != nil {
		return "", "", fmt.Errorf("save snapshot: %w", err)
	}
	b.saved++
	if b.s.d.indexAtCommit() {
		b.toIndex = append(b.toIndex, indexEntry{docID, snap.Document.Title, snap.Version.Text})
	}
	return docID, versionID, nil
}

// AddTags attaches tags to a document (one saved in the batch, or
// before), as Store.AddTags does.
func (b *SnapshotBatch) AddTags(ctx context.Context, docID string, tags ...string) error {
	err := b.step(ctx, func() error {
		if err := b.s.documentExists(ctx, b.tx, docID); err != nil {
			return err
		}
		return b.s.attachTags(ctx, b.tx, docID, tags)
	})
	if err != nil {
		return fmt.Errorf("add tags: %w", err)
	}
	return nil
}

// step runs fn under a savepoint, rolled back to when fn fails.
func (b *SnapshotBatch) step(ctx context.Context, fn func() error) error {
	if b.broken != nil {
		return b.broken
	}
	// One name will do: savepoints here never nest, each is released or
	// rolled back before the next.
	if _, err := b.tx.ExecContext(ctx, `SAVEPOINT snapshot`); err != nil {
		b.broken = fmt.Errorf("savepoint: %w", err)
		return b.broken
	}
	if err := fn(); err != nil {
		// ROLLBACK TO keeps the savepoint on both databases; RELEASE
		// then drops it. Either failing means the transaction is gone
		// (SQLite rolls back all of it on a full disk, say).
		if _, rerr := b.tx.ExecContext(context.WithoutCancel(ctx), `ROLLBACK TO SAVEPOINT snapshot`); rerr != nil {
			b.broken = fmt.Errorf("%w (and the batch is lost: %w)", err, rerr)
			return b.broken
		}
		if _, rerr := b.tx.ExecContext(context.WithoutCancel(ctx), `RELEASE SAVEPOINT snapshot`); rerr != nil {
			b.broken = fmt.Errorf("%w (and the batch is lost: %w)", err, rerr)
			return b.broken
		}
		return err
	}
	if _, err := b.tx.ExecContext(ctx, `RELEASE SAVEPOINT snapshot`); err != nil {
		b.broken = fmt.Errorf("release savepoint: %w", err)
		return b.broken
	}
	return nil
}

// Document returns a document by full ID, seeing the batch's own.
func (b *SnapshotBatch) Document(ctx context.Context, id string) (Document, error) {
	if b.broken != nil {
		return Document{}, b.broken
	}
	return b.s.documentWhere(ctx, b.tx, "d.id = ?", id)
}

// DocumentBySource is Store.DocumentBySource seeing the batch's documents.
func (b *SnapshotBatch) DocumentBySource(ctx context.Context, source string) (Document, error) {
	if b.broken != nil {
		return Document{}, b.broken
	}
	return b.s.documentWhere(ctx, b.tx, "d.source = ?", source)
}

// DocumentOfBytes returns the ID of the document a version with these
// bytes (hex SHA-256) belongs to, seeing the batch's; ErrNotFound if none.
func (b *SnapshotBatch) DocumentOfBytes(ctx context.Context, sha string) (string, error) {
	if b.broken != nil {
		return "", b.broken
	}
	var id string
	err := b.tx.QueryRowContext(ctx, b.s.q(`SELECT document_id FROM versions WHERE sha256 = ? ORDER BY id LIMIT 1`), sha).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("version with sha256 %s: %w", sha, ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("version with sha256 %s: %w", sha, err)
	}
	return id, nil
}

// NearDuplicates is Store.NearDuplicates seeing the batch's documents.
func (b *SnapshotBatch) NearDuplicates(ctx context.Context, fp uint64, maxDistance int, exclude string) ([]Document, error) {
	if b.broken != nil {
		return nil, b.broken
	}
	return b.s.nearDuplicates(ctx, b.tx, fp, maxDistance, exclude)
}

// Commit makes the batch's snapshots visible. When it fails none of them
// is stored.
func (b *SnapshotBatch) Commit() error {
	if b.broken != nil {
		_ = b.tx.Rollback()
		return b.broken
	}
	// The index takes nothing a document can lack (the text is there,
	// whatever it holds): what fails here is the database itself, and
	// the whole batch with it.
	ctx := context.Background()
	for _, e := range b.toIndex {
		if err := b.s.d.indexDocument(ctx, b.tx, e.docID, e.title, e.text); err != nil {
			_ = b.tx.Rollback()
			return fmt.Errorf("commit snapshots: document %s: %w", e.docID, err)
		}
	}
	b.toIndex = nil
	if err := b.tx.Commit(); err != nil {
		return fmt.Errorf("commit snapshots: %w", err)
	}
	if b.saved > 0 {
		b.s.settleIndex(ctx)
	}
	return nil
}

// Rollback drops the whole batch; after Commit it does nothing.
func (b *SnapshotBatch) Rollback() error {
	err := b.tx.Rollback()
	if errors.Is(err, sql.ErrTxDone) {
		return nil
	}
	return err
}
