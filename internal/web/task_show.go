package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"time"

	"planwatch/internal/store"
	"planwatch/internal/track"
	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

// taskData is a task with what its page and the API show.
type taskData struct {
	Item       store.Item
	Plan       store.Plan
	Lead       []string
	Support    []string
	Start      time.Time // the task's window (its dates, else the plan's years)
	Deadline   time.Time
	Assessment track.Assessment
	Updates    []store.Update // oldest first
	Source     *sourceExcerpt // nil when the task has no source sentence
}

// sourceExcerpt is the sentence a task came from, with some text around it.
type sourceExcerpt struct {
	DocumentID string
	Seq        int
	Start, End int // rune span in the version's text
	Before     string
	Sentence   string
	After      string
}

// excerptContext is how many characters of text surround a source sentence.
const excerptContext = 120

// taskPage is the task page's data.
type taskPage struct {
	view
	*taskData
	Post   *updateFormView           // the update form; nil when the user may not post
	Posted string                    // the ID of the update just posted (?posted=), for the notice
	Files  map[string]store.Evidence // evidence files by update ID
	// CanExtend offers the form recording an approved new deadline.
	CanExtend bool
	Today     string
	// Late marks the updates recorded after their period's due day (迟报),
	// by update ID; OpenFrom is the first date an update needs no reason
	// for (补报 before it), for the form's hint.
	Late     map[string]bool
	OpenFrom string
	// Assign is the form giving the task its units, for the plan's
	// editors; nil for others.
	Assign *assignFormView
}

// updateFormView is what the update form shows.
type updateFormView struct {
	Units    []string // the units the user may report for; "" is the task as a whole
	Statuses []string // status codes, in a task's order
	Form     updateForm
	Errors   []string
}

// taskShow shows a task: its text, units, assessment, update timeline and
// the source sentence highlighted in the stored document text, and the
// update form to users allowed to report on it.
func (s *Server) taskShow(w http.ResponseWriter, r *http.Request) {
	d, err := s.loadTask(r.Context(), r.PathValue("id"))
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	s.renderTask(w, r, http.StatusOK, d, nil)
}

// renderTask renders the task page with status. form is the update form
// as posted (with its errors); nil offers an empty one to users who may
// post.
func (s *Server) renderTask(w http.ResponseWriter, r *http.Request, status int, d *taskData, form *updateFormView) {
	s.renderTaskWith(w, r, status, d, form, nil)
}

// renderTaskWith is renderTask with the units form as posted (with its
// errors); nil offers the task's units to the plan's editors.
func (s *Server) renderTaskWith(w http.ResponseWriter, r *http.Request, status int, d *taskData, form *updateFormView, assign *assignFormView) {
	pg := taskPage{view: s.newView(r, d.Item.Title, "plans"), taskData: d, Posted: r.URL.Query().Get("posted"),
		CanExtend: mayExtend(r.Context(), d), Today: s.now().Format(time.DateOnly), Assign: s.assignForm(r, d, assign)}
	u, _ := auth.UserFrom(r.Context())
	if form == nil {
		if units := postUnits(u, d); len(units) > 0 {
			// Start from today and the task's current status and progress.
			form = &updateFormView{Units: units, Form: updateForm{Date: s.now().Format(time.DateOnly),
				Status: track.Reported(d.Item.Status), Progress: strconv.Itoa(d.Item.Progress)}}
		}
	}
	if form != nil {
		form.Statuses = track.ReportStatuses()
		pg.Post = form
	}
	files, err := s.st.ItemEvidence(r.Context(), d.Item.ID)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	pg.Files = files
	rh := track.PlanRhythm(d.Plan)
	pg.Late = map[string]bool{}
	for _, up := range d.Updates {
		if track.Late(up, rh) {
			pg.Late[up.ID] = true
		}
	}
	pg.OpenFrom = rh.OpenFrom(s.now()).Format(time.DateOnly)
	slices.Reverse(d.Updates) // newest first on the page
	respond.HTML(w, r, status, s.pages["task_show"], pg)
}

// loadTask loads an item (ID or unique prefix) with its plan, updates,
// assessment as of now and source sentence; a task of a plan the user
// may not read is a 404, as an unknown one is.
func (s *Server) loadTask(ctx context.Context, id string) (*taskData, error) {
	it, err := s.st.Item(ctx, id)
	if err != nil {
		return nil, notFound(err, "task "+id)
	}
	if !s.canView(ctx, it.PlanID) {
		return nil, respond.NotFound("task "+id+" not found", nil)
	}
	p, err := s.st.Plan(ctx, it.PlanID)
	if err != nil {
		return nil, fmt.Errorf("task %s: %w", it.ID, err)
	}
	ups, err := s.st.Updates(ctx, it.ID)
	if err != nil {
		return nil, fmt.Errorf("task %s: %w", it.ID, err)
	}
	d := &taskData{Item: it, Plan: p, Updates: ups}
	for _, a := range it.Units {
		if a.Role == store.RoleSupport {
			d.Support = append(d.Support, a.Unit)
		} else {
			d.Lead = append(d.Lead, a.Unit)
		}
	}
	if d.Start, d.Deadline, err = track.ItemWindow(p, it); err != nil && !errors.Is(err, track.ErrNoDates) {
		return nil, fmt.Errorf("task %s: %w", it.ID, err)
	}
	d.Assessment = track.StateOf(p, it, s.now())
	if p.DocumentID != "" && it.SourceEnd > it.SourceStart {
		v, err := s.st.Version(ctx, p.DocumentID, p.VersionSeq)
		switch {
		case errors.Is(err, store.ErrNotFound):
			// The document was removed: the task stands without its source.
		case err != nil:
			return nil, fmt.Errorf("task %s: %w", it.ID, err)
		default:
			d.Source = excerpt(v, it.SourceStart, it.SourceEnd)
		}
	}
	return d, nil
}

// excerpt cuts the rune span [start, end) out of a version's text with
// excerptContext characters either side; nil when the span is outside it.
func excerpt(v store.Version, start, end int) *sourceExcerpt {
	text := []rune(v.Text)
	if start < 0 || end > len(text) || start >= end {
		return nil
	}
	from, to := max(0, start-excerptContext), min(len(text), end+excerptContext)
	return &sourceExcerpt{DocumentID: v.DocumentID, Seq: v.Seq, Start: start, End: end,
		Before: string(text[from:start]), Sentence: string(text[start:end]), After: string(text[end:to])}
}
