package web

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"

	"planwatch/internal/store"
	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

// apiEvidence is an evidence file attached to an update, and where to
// download it.
type apiEvidence struct {
	UpdateID string `json:"update_id"`
	Name     string `json:"name"`
	Type     string `json:"type"` // as sniffed from the bytes
	Size     int64  `json:"size"`
	URL      string `json:"url"` // GET it (session or API token) for the bytes
}

// toAPIEvidence describes ev for the API.
func toAPIEvidence(ev store.Evidence) *apiEvidence {
	return &apiEvidence{UpdateID: ev.UpdateID, Name: ev.Name, Type: ev.ContentType, Size: ev.Size,
		URL: "/updates/" + url.PathEscape(ev.UpdateID) + "/evidence"}
}

// apiEvidenceCreate attaches an evidence file (multipart field
// evidence_file) to an update that has none, for whoever may post updates
// for the update's unit on its task; checked as the task page's form
// checks an upload; 201 with the file.
func (s *Server) apiEvidenceCreate(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id := r.PathValue("id")
	up, err := s.st.UpdateByID(ctx, id)
	if err != nil {
		respond.Error(w, r, notFound(err, "update "+id))
		return
	}
	d, err := s.loadTask(ctx, up.ItemID)
	if err != nil {
		// A task the user may not see: as for an update that does not exist.
		respond.Error(w, r, notFound(store.ErrNotFound, "update "+id))
		return
	}
	u, _ := auth.UserFrom(ctx)
	if !slices.Contains(postUnits(u, d), up.Unit) {
		respond.Error(w, r, respond.Forbidden(translate(langFrom(ctx), "update.forbidden_unit")+": "+up.Unit))
		return
	}
	ev, problem := readEvidence(r, langFrom(ctx))
	if problem != "" {
		respond.Error(w, r, respond.BadRequest(problem))
		return
	}
	if ev == nil {
		respond.Error(w, r, respond.BadRequest(evidenceField+": choose the file, sent as multipart/form-data"))
		return
	}
	e, err := auth.Entry(ctx, "update.evidence", "update", up.ID, nil,
		map[string]any{"item": up.ItemID, "name": ev.Name, "type": ev.Type, "size": len(ev.Data)})
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	saved, err := s.st.AttachEvidence(ctx, store.Evidence{UpdateID: up.ID, Name: ev.Name, ContentType: ev.Type}, ev.Data, e)
	if errors.Is(err, store.ErrConflict) {
		respond.Error(w, r, &respond.Problem{Status: http.StatusConflict, Code: "conflict",
			Message: fmt.Sprintf("update %s has a file already", up.ID), Err: err})
		return
	}
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.JSON(w, r, http.StatusCreated, toAPIEvidence(saved))
}
