package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"planwatch/internal/extract"
	"planwatch/internal/store"
	"planwatch/internal/track"
	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

// planCreate makes a tracked plan from the document as the plan-creation
// form asks (level: one of planLevels or "" to guess it from the region;
// new_version=1 to make one though the document has a plan already) and
// leads to the new plan's review page. A bad field shows the form again
// with the reason beside it (400) and nothing saved.
func (s *Server) planCreate(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	lang := langFrom(ctx)
	d, err := s.creatableDocument(ctx, r.PathValue("id"))
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	f := planNewForm{Level: strings.TrimSpace(r.PostFormValue("level")), NewVersion: r.PostFormValue("new_version") == "1"}
	if f.Level != "" && !slices.Contains(planLevels, f.Level) {
		f.LevelErr = translate(lang, "plannew.err.level")
		f.Level = ""
	}
	if !f.NewVersion && f.LevelErr == "" {
		// As `plan create`: a document (or the one it duplicates) that has
		// a plan gets no second one unless asked.
		have := len(d.Plans) > 0
		if !have && d.Document.DuplicateOf != "" {
			more, err := s.st.PlansOfDocument(ctx, d.Document.DuplicateOf)
			if err != nil {
				respond.Error(w, r, fmt.Errorf("document %s: %w", d.Document.ID, err))
				return
			}
			have = len(more) > 0
		}
		if have {
			f.VersionErr = translate(lang, "plannew.err.exists")
		}
	}
	if f.LevelErr != "" || f.VersionErr != "" {
		s.renderPlanNew(w, r, http.StatusBadRequest, d, f)
		return
	}
	var res extract.Result
	if err := json.Unmarshal(d.Version.Extraction, &res); err != nil {
		f.Err = translate(lang, "plannew.err.extraction")
		s.renderPlanNew(w, r, http.StatusBadRequest, d, f)
		return
	}
	plan, items, inds := track.FromExtraction(&res, d.Document, d.Version.Seq, f.Level)
	if !slices.ContainsFunc(items, func(it store.Item) bool { return it.Kind == store.KindTask || it.Kind == store.KindProject }) && len(inds) == 0 {
		f.Err = translate(lang, "plannew.err.empty")
		s.renderPlanNew(w, r, http.StatusBadRequest, d, f)
		return
	}
	if err := s.st.SavePlanTree(ctx, &plan, items, inds); err != nil {
		respond.Error(w, r, fmt.Errorf("document %s: saving the plan: %w", d.Document.ID, err))
		return
	}
	if err := auth.Record(ctx, s.st, "plan.create", "plan", plan.ID, nil,
		map[string]string{"document": d.Document.ID, "level": plan.Level}); err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.Redirect(w, r, "/plans/"+url.PathEscape(plan.ID)+"/proposals", http.StatusSeeOther)
}
