package web

import (
	"net/http"
	"path/filepath"
	"strings"

	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

// evidenceShow sends the file attached to an update as a download, to
// users who may view the update's plan.
func (s *Server) evidenceShow(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id := r.PathValue("id")
	up, err := s.st.UpdateByID(ctx, id)
	if err != nil {
		respond.Error(w, r, notFound(err, "update "+id))
		return
	}
	it, err := s.st.Item(ctx, up.ItemID)
	if err != nil {
		respond.Error(w, r, notFound(err, "task of update "+id))
		return
	}
	if u, _ := auth.UserFrom(ctx); !auth.Can(u, auth.ViewPlan, auth.Target{PlanID: it.PlanID}) {
		respond.Error(w, r, respond.Forbidden(translate(langFrom(ctx), "evidence.forbidden")))
		return
	}
	ev, err := s.st.UpdateEvidence(ctx, up.ID)
	if err != nil {
		respond.Error(w, r, notFound(err, "evidence of update "+id))
		return
	}
	data, err := s.st.Blob(ctx, ev.SHA256)
	if err != nil {
		respond.Error(w, r, notFound(err, "evidence of update "+id))
		return
	}
	ext := filepath.Ext(ev.Name)
	name := fileName(strings.TrimSuffix(ev.Name, ext), "evidence-"+up.ID) + ext
	respond.Bytes(w, r, respond.File{Name: name, ContentType: ev.ContentType, Foreign: true}, data)
}
