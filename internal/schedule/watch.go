package schedule

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"planwatch/internal/library"
	"planwatch/internal/store"
)

// Watch is the job that fetches each watched document again; when its
// text changed it records a change alert naming the document, the old
// and new versions and a short summary of the diff.
func Watch(st *store.Store, lib *library.Library, interval time.Duration) Job {
	return Job{Name: "watch", Interval: interval, Run: func(ctx context.Context, now time.Time) error {
		ws, err := st.Watches(ctx)
		if err != nil {
			return err
		}
		var e errs
		for _, w := range ws {
			if Stopping(ctx) {
				break
			}
			e.add(checkWatched(ctx, st, lib, w.Document, now))
		}
		return e.err()
	}}
}

// checkWatched refreshes one document and raises an alert for a new text.
func checkWatched(ctx context.Context, st *store.Store, lib *library.Library, d store.Document, now time.Time) error {
	r := lib.Refresh(ctx, d.ID)
	if err := st.MarkWatchChecked(ctx, d.ID, now, r.Err); err != nil {
		return err
	}
	if r.Status == library.Failed {
		return fmt.Errorf("document %s: %w", d.ID, r.Err)
	}
	if r.Status != library.NewVersion {
		return nil
	}
	cur, err := st.Document(ctx, d.ID)
	if err != nil {
		return err
	}
	from, to := cur.CurrentSeq-1, cur.CurrentSeq
	lines, err := lib.VersionDiff(ctx, d.ID, from, to)
	if err != nil {
		return fmt.Errorf("document %s: %w", d.ID, err)
	}
	a := summarize(lines)
	if a.AddedLines == 0 && a.RemovedLines == 0 {
		return nil // new bytes, same text: page furniture
	}
	a.DocumentID, a.Title, a.FromSeq, a.ToSeq, a.CreatedAt = d.ID, cur.Title, from, to, now
	if _, err := st.AddChangeAlert(ctx, a); err != nil && !errors.Is(err, store.ErrConflict) {
		return err
	}
	return nil
}

// Summary bounds: the first few changed lines, each cut short.
const (
	summaryLines = 6
	summaryRunes = 80
)

// summarize counts a diff's added and removed lines and quotes the first
// changes, "+ " for added, "- " for removed.
func summarize(lines []library.DiffLine) store.ChangeAlert {
	var a store.ChangeAlert
	var quoted []string
	for _, l := range lines {
		var mark string
		switch l.Op {
		case library.Insert:
			a.AddedLines++
			mark = "+ "
		case library.Delete:
			a.RemovedLines++
			mark = "- "
		default:
			continue
		}
		text := strings.TrimSpace(l.Text)
		if text == "" || len(quoted) >= summaryLines {
			continue
		}
		if utf8.RuneCountInString(text) > summaryRunes {
			text = string([]rune(text)[:summaryRunes]) + "…"
		}
		quoted = append(quoted, mark+text)
	}
	a.Summary = strings.Join(quoted, "\n")
	return a
}
