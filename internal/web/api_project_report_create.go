package web

import (
	"encoding/json"
	"net/http"
	"sort"
	"strings"

	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

// apiProjectReportCreate records a monthly report on a project from a
// script: the checks of the project page's form, saved with its audit
// entry; 201 with the report as stored. Mistakes are one 400 naming
// every bad field.
func (s *Server) apiProjectReportCreate(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	p, err := s.viewableProject(ctx, r.PathValue("id"))
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	var req apiProjectReportRequest
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		respond.Error(w, r, respond.BadRequest("body: want {\"month\", \"done\", \"to_date\", \"phase\", \"problems\", \"help_needed\"}: "+err.Error()))
		return
	}
	u, _ := auth.UserFrom(ctx)
	if !canReportProject(u, p) {
		respond.Error(w, r, respond.Forbidden(translate(langFrom(ctx), "update.forbidden")))
		return
	}
	f := projectReportForm{Month: req.Month, Phase: req.Phase, Problems: req.Problems, Help: req.Help}
	if req.Done != nil {
		f.Done = string(*req.Done)
	}
	if req.ToDate != nil {
		f.ToDate = string(*req.ToDate)
	}
	rep, bad, err := s.checkProjectReport(ctx, p, f)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	if len(bad) > 0 {
		var parts []string
		for k, v := range bad {
			parts = append(parts, k+": "+v)
		}
		sort.Strings(parts)
		respond.Error(w, r, respond.BadRequest(strings.Join(parts, "; ")))
		return
	}
	saved, err := s.saveProjectReport(ctx, p, rep, "api")
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.JSON(w, r, http.StatusCreated, toAPIProjectReport(saved))
}
