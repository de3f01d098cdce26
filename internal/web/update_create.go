package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"planwatch/internal/store"
	"planwatch/internal/track"
	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

// updateForm is a posted update as typed, kept to fill the form again
// after a refusal.
type updateForm struct {
	Date, Status, Progress, Unit, Note, Evidence string
	Reason                                       string // why it is back-dated or progress falls
}

// parseUpdateForm reads the fields of the update form, trimmed.
func parseUpdateForm(r *http.Request) updateForm {
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	return updateForm{Date: v("date"), Status: v("status"), Progress: v("progress"), Unit: v("unit"),
		Note: v("note"), Evidence: v("evidence"), Reason: v("reason")}
}

// updateCreate posts a progress update on a task: parse the form, check
// that the user may report on the task at all, validate the fields,
// check the unit reported for, save (credited to the user, source "web")
// with its audit entry in one transaction, and send the browser back to
// the task's timeline. A form with mistakes shows the task page again
// with them (400).
func (s *Server) updateCreate(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	d, err := s.loadTask(ctx, r.PathValue("id"))
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	f := parseUpdateForm(r)
	u, _ := auth.UserFrom(ctx)
	allowed := postUnits(u, d)
	if len(allowed) == 0 {
		respond.Error(w, r, respond.Forbidden(translate(langFrom(ctx), "update.forbidden")))
		return
	}
	if f.Unit == "" && !slices.Contains(allowed, "") {
		f.Unit = allowed[0] // a reporter reports for their unit
	}
	defer cleanupForm(r)
	up, problems, err := s.validateUpdate(ctx, d, f)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	ev, evProblem := readEvidence(r, langFrom(ctx)) // evidence.go
	if evProblem != "" {
		problems = append(problems, evProblem)
	}
	if len(problems) > 0 {
		s.renderTask(w, r, http.StatusBadRequest, d, &updateFormView{Units: allowed, Form: f, Errors: problems})
		return
	}
	if !slices.Contains(allowed, up.Unit) {
		respond.Error(w, r, respond.Forbidden(translate(langFrom(ctx), "update.forbidden_unit")+": "+up.Unit))
		return
	}
	saved, err := s.saveUpdate(ctx, d, up, "web", ev)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	if r.PostFormValue("back") == "my" {
		// The quick form of /my: back to its row, which stays in place
		// saying the update was posted, rather than off to the task.
		back := url.URL{Path: "/my", RawQuery: "posted=" + url.QueryEscape(saved.ID), Fragment: myRowAnchor(d.Item.ID, saved.Unit)}
		respond.Redirect(w, r, back.String(), http.StatusSeeOther)
		return
	}
	respond.Redirect(w, r, "/tasks/"+url.PathEscape(d.Item.ID)+"?posted="+url.QueryEscape(saved.ID)+"#update-"+saved.ID,
		http.StatusSeeOther)
}

// saveUpdate credits a checked update on d to the signed-in user, from
// source (web, api), and saves it with its audit entry — and its evidence
// file with that file's entry, when ev is not nil — in one transaction.
func (s *Server) saveUpdate(ctx context.Context, d *taskData, up store.Update, source string, ev *evidenceUpload) (store.Update, error) {
	u, _ := auth.UserFrom(ctx)
	// The ID is made here so that the audit entry names it.
	up.ID, up.Author, up.Source, up.RecordedAt = store.NewID(), displayName(u), source, s.now()
	before := map[string]any{"status": d.Item.Status, "progress": d.Item.Progress}
	e, err := auth.Entry(ctx, string(auth.PostUpdate), "item", d.Item.ID, before, up)
	if err != nil {
		return up, fmt.Errorf("audit update on %s: %w", d.Item.ID, err)
	}
	if ev != nil {
		err := s.addUpdateWithEvidence(ctx, &up, e, ev)
		return up, err
	}
	ups := []store.Update{up}
	if _, err := s.st.AddUpdatesAudited(ctx, ups, e); err != nil {
		return up, fmt.Errorf("post update on %s: %w", d.Item.ID, err)
	}
	return ups[0], nil
}

// validateUpdate checks a form against the task with the rules every
// door shares (track.CheckUpdate: the API, sheet imports and the command
// line call it too) and returns the update it describes, or what is wrong
// with it in the request's language. The unit is resolved through the
// unit registry of the plan's region, as at every door.
func (s *Server) validateUpdate(ctx context.Context, d *taskData, f updateForm) (store.Update, []string, error) {
	book, err := s.st.UnitBook(ctx, d.Plan.RegionCode, false)
	if err != nil {
		return store.Update{}, nil, err
	}
	up, problems := track.CheckUpdate(track.UpdateFields{Date: f.Date, Status: f.Status, Progress: f.Progress,
		Unit: f.Unit, Note: f.Note, Evidence: f.Evidence, Reason: f.Reason},
		track.UpdateTarget{ItemID: d.Item.ID, Status: d.Item.Status, Progress: d.Item.Progress,
			Lead: d.Lead, Support: d.Support, Today: s.now().Format(time.DateOnly), Units: book, Rhythm: track.PlanRhythm(d.Plan)})
	return up, problemMessages(langFrom(ctx), problems), nil
}

// problemMessages says what is wrong with each field in lang.
func problemMessages(lang string, problems []track.Problem) []string {
	var bad []string
	for _, p := range problems {
		key := "update.err." + p.Code
		if p.Code == "progress_missing" {
			key = "update.err.progress"
		}
		msg := translate(lang, key)
		if p.Detail != "" {
			msg += ": " + p.Detail
		}
		bad = append(bad, msg)
	}
	return bad
}

// postUnits lists the units u may post updates for on a task, in the
// task's order; "" first stands for the task as a whole (admins and the
// plan's editors). Empty when u may not post on it at all.
func postUnits(u *store.User, d *taskData) []string {
	if u == nil {
		return nil
	}
	var out []string
	for _, unit := range append([]string{""}, append(slices.Clone(d.Lead), d.Support...)...) {
		t := auth.Target{PlanID: d.Plan.ID, Unit: unit, LeadUnits: d.Lead, SupportUnits: d.Support}
		if !slices.Contains(out, unit) && auth.Can(u, auth.PostUpdate, t) {
			out = append(out, unit)
		}
	}
	return out
}
