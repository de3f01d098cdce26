package track

import (
	"fmt"
	"strings"
	"time"

	"planwatch/internal/store"
)

// CheckExtension checks an approved extension of an item's deadline as
// typed at a door (`task extend`, the task page, the API) before the
// store records it: a new deadline that is a date after the one in force
// (its own, else the plan's end), approved on a date not after today, a
// reason and who approved it as text of one line people may type. The
// store then makes the item 已延期 (StateOf) until the new date passes.
// It returns e with its dates as YYYY-MM-DD and its texts trimmed.
func CheckExtension(plan store.Plan, it store.Item, e store.Extension, today time.Time) (store.Extension, error) {
	e.Reason, e.ApprovedBy = CleanText(e.Reason), strings.TrimSpace(e.ApprovedBy)
	nd, ok := ParseDate(e.NewDeadline)
	if !ok {
		return e, fmt.Errorf("new deadline %q: want a date like 2026-06-30", e.NewDeadline)
	}
	_, cur, err := ItemWindow(plan, it)
	if err == nil && nd <= cur.Format(time.DateOnly) {
		return e, fmt.Errorf("new deadline %s is not after the deadline in force, %s", nd, cur.Format(time.DateOnly))
	}
	if e.ApprovedOn != "" {
		d, ok := ParseDate(e.ApprovedOn)
		e.ApprovedOn = d
		if !ok || d > today.Format(time.DateOnly) {
			return e, fmt.Errorf("approved on %q: want a date not after today", e.ApprovedOn)
		}
	}
	if strings.TrimSpace(e.Reason) == "" || strings.TrimSpace(e.ApprovedBy) == "" {
		return e, fmt.Errorf("an extension needs its reason and who approved it")
	}
	if code, detail := CheckText(e.Reason, MaxNoteChars); code != "" {
		return e, fmt.Errorf("reason: %s %s", code, detail)
	}
	if p := CheckName(FieldAuthor, e.ApprovedBy); p != nil {
		return e, fmt.Errorf("approver: %s", p[0].Reason())
	}
	if it.Kind == store.KindGroup || it.Dropped {
		return e, fmt.Errorf("item %s is a group or dropped: only a task's deadline is extended", it.ID)
	}
	e.NewDeadline = nd
	return e, nil
}
