package web

import (
	"bytes"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"planwatch/internal/store"
	"planwatch/internal/track"
	"planwatch/internal/web/respond"
)

// xlsxType is the content type of an .xlsx workbook.
const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// mySheetShow sends the 任务清单 of one plan the user reports on
// (?plan=, optional when there is one; ?unit=, optional when the user
// reports for one unit in it) as `planwatch sheet export` writes it,
// limited to the rows of the unit's tasks.
func (s *Server) mySheetShow(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u, err := myUser(ctx)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	d, err := s.loadMy(ctx, u)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	q := r.URL.Query()
	p, unit, err := s.dutyFor(ctx, d.Duties, strings.TrimSpace(q.Get("plan")), strings.TrimSpace(q.Get("unit")))
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	items, err := s.st.Items(ctx, p.ID, store.ItemFilter{IncludeDropped: true})
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	ups, err := s.st.PlanUpdates(ctx, p.ID, time.Time{})
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := track.WriteTaskList(&buf, track.FormatXLSX, p, unitRows(u, p.ID, unit, items), ups, s.now()); err != nil {
		respond.Error(w, r, fmt.Errorf("task list of %s: %w", p.ID, err))
		return
	}
	name := "任务清单-" + fileName(p.Title, p.ID)
	if unit != "" {
		name += "-" + fileName(unit, "")
	}
	respond.Bytes(w, r, respond.File{Name: name + ".xlsx", ContentType: xlsxType}, buf.Bytes())
}

// unitRows marks as dropped, in a copy, the tasks u may not report on for
// unit: the export leaves dropped items out but still counts them when it
// numbers rows, so the 序号 stay those of the whole plan's list.
func unitRows(u *store.User, planID, unit string, items []store.Item) []store.Item {
	out := slices.Clone(items)
	for i, it := range out {
		if it.Kind != store.KindGroup && !mayPost(u, planID, unit, it) {
			out[i].Dropped = true
		}
	}
	return out
}
