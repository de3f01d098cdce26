package library

import (
	"context"
	"fmt"
	"strings"

	"planwatch/internal/store"
)

// Refresh takes a new snapshot of a document from its source: a changed
// page becomes a new version, an unchanged one is left as it is.
func (l *Library) Refresh(ctx context.Context, docID string) Result {
	counters.refreshes.Add(1)
	d, err := l.st.Document(ctx, docID)
	if err != nil {
		return count(Result{Input: docID, Status: Failed, Err: fmt.Errorf("document %s: %w", docID, err)})
	}
	if strings.HasPrefix(d.Source, UploadPrefix) {
		// An upload has no source to read again: it stays as it is.
		return Result{Input: d.Source, Status: Unchanged, DocumentID: d.ID, Title: d.Title}
	}
	r := l.add(ctx, d.Source, nil)
	if r.Status == Duplicate && r.DocumentID == d.ID {
		r.Status = Unchanged
	}
	return count(r)
}

// RefreshTag refreshes every document with a tag ("" for all).
func (l *Library) RefreshTag(ctx context.Context, tag string, progress func(done, total int, r Result)) (Summary, error) {
	docs, err := l.st.Documents(ctx, store.DocumentFilter{Tag: tag})
	if err != nil {
		return Summary{}, err
	}
	sum := Summary{Counts: map[Status]int{}}
	for i, d := range docs {
		if ctx.Err() != nil {
			break
		}
		r := l.Refresh(ctx, d.ID)
		sum.Counts[r.Status]++
		if r.Status == Failed {
			sum.Failures = append(sum.Failures, r)
		}
		if progress != nil {
			progress(i+1, len(docs), r)
		}
	}
	return sum, nil
}

// VersionDiff compares the text of two versions of a document (seq 0 is
// the current one).
func (l *Library) VersionDiff(ctx context.Context, docID string, from, to int) ([]DiffLine, error) {
	a, err := l.st.Version(ctx, docID, from)
	if err != nil {
		return nil, fmt.Errorf("version %d: %w", from, err)
	}
	b, err := l.st.Version(ctx, docID, to)
	if err != nil {
		return nil, fmt.Errorf("version %d: %w", to, err)
	}
	return Diff(a.Text, b.Text), nil
}
