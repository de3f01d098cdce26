package web

import (
	"net/http"
	"path/filepath"
	"strings"

	"planwatch/internal/track"
	"planwatch/internal/web/respond"
)

// evidenceShow sends the file attached to an update as a download, to
// users who may view the update's plan; to anyone else the update is
// not found.
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
	if !s.canView(ctx, it.PlanID) {
		// Worded as for an update that does not exist: a 403 here would
		// tell a stranger to the plan that the update is there.
		respond.Error(w, r, respond.NotFound("update "+id+" not found", nil))
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
	if ev.ContentType == "application/octet-stream" {
		// A file the command line stored before it checked types
		// (migration 0160): named and typed by its bytes now.
		if t := track.SniffEvidence(data); t != "" {
			ev.ContentType, ext = t, track.EvidenceTypes[t][0]
		}
	}
	name := fileName(strings.TrimSuffix(ev.Name, filepath.Ext(ev.Name)), "evidence-"+up.ID) + ext
	respond.Bytes(w, r, respond.File{Name: name, ContentType: ev.ContentType, Foreign: true}, data)
}
