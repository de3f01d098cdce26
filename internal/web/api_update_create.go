package web

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"time"

	"planwatch/internal/track"
	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

// apiUpdateRequest is the body of POST /api/v1/tasks/{id}/updates: the
// fields of the task page's update form.
type apiUpdateRequest struct {
	Date     string     `json:"date,omitempty"`     // YYYY-MM-DD, not in the future; default today
	Status   string     `json:"status"`             // a status code (not_started, in_progress, done, paused, cancelled) or a word for it (进行中, 序时推进…)
	Progress *apiFigure `json:"progress"`           // 0–100: a number, or text as people write it ("60%", "全部完成")
	Unit     string     `json:"unit,omitempty"`     // the unit reported for; a reporter's own by default
	Note     string     `json:"note,omitempty"`     // 进展情况, at most 2000 characters
	Evidence string     `json:"evidence,omitempty"` // an http(s) link to the evidence
	// Reason is why the update is dated before the reporting period still
	// open (补报) or brings progress down; needed then, kept and shown.
	Reason string `json:"reason,omitempty"`
}

// apiUpdateCreate posts a progress update on a task from a script: the
// same checks as the task page's form (who may report for which unit,
// the fields), saved with its audit entry in one transaction; 201 with
// the update as stored. Mistakes are one 400 naming every bad field.
func (s *Server) apiUpdateCreate(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	d, err := s.loadTask(ctx, r.PathValue("id"))
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	var req apiUpdateRequest
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		respond.Error(w, r, respond.BadRequest("body: want {\"status\", \"progress\", \"date\", \"unit\", \"note\", \"evidence\"}: "+err.Error()))
		return
	}
	u, _ := auth.UserFrom(ctx)
	allowed := postUnits(u, d)
	if len(allowed) == 0 {
		respond.Error(w, r, respond.Forbidden(translate(langFrom(ctx), "update.forbidden")))
		return
	}
	f := updateForm{Date: strings.TrimSpace(req.Date), Status: strings.TrimSpace(req.Status),
		Unit: strings.TrimSpace(req.Unit), Note: strings.TrimSpace(req.Note), Evidence: strings.TrimSpace(req.Evidence),
		Reason: strings.TrimSpace(req.Reason)}
	if req.Progress != nil {
		f.Progress = string(*req.Progress)
	}
	if f.Unit == "" && !slices.Contains(allowed, "") {
		f.Unit = allowed[0]
	}
	up, problems, err := s.validateUpdate(ctx, d, f)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	if len(problems) > 0 {
		respond.Error(w, r, respond.BadRequest(strings.Join(problems, "; ")))
		return
	}
	if !slices.Contains(allowed, up.Unit) {
		respond.Error(w, r, respond.Forbidden(translate(langFrom(ctx), "update.forbidden_unit")+": "+up.Unit))
		return
	}
	v, err := s.saveUpdate(ctx, d, up, "api", nil)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.JSON(w, r, http.StatusCreated, apiUpdate{ID: v.ID, Unit: v.Unit, Date: v.Date, Status: v.Status,
		Progress: v.Progress, Note: v.Note, Evidence: v.Evidence, Author: v.Author, Source: v.Source,
		RecordedAt: v.RecordedAt.UTC().Format(time.RFC3339), Reason: v.Reason, Late: track.Late(v, track.PlanRhythm(d.Plan))})
}
