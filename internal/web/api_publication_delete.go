package web

import (
	"net/http"
	"time"

	"planwatch/internal/store"
	"planwatch/internal/web/respond"
)

// apiPublication is a plan's publication state.
type apiPublication struct {
	PlanID      string `json:"plan_id"`
	Published   bool   `json:"published"`
	ShowNames   bool   `json:"show_names"`
	PublicURL   string `json:"public_url,omitempty"`   // while published
	PublishedAt string `json:"published_at,omitempty"` // RFC 3339, the latest publication
	PublishedBy string `json:"published_by,omitempty"`
	ChangedAt   string `json:"changed_at,omitempty"`
	ChangedBy   string `json:"changed_by,omitempty"`
}

func toAPIPublication(p store.Publication) apiPublication {
	out := apiPublication{PlanID: p.PlanID, Published: p.Published, ShowNames: p.ShowNames,
		PublishedBy: p.PublishedBy, ChangedBy: p.ChangedBy}
	if p.Published {
		out.PublicURL = "/public/plans/" + p.PlanID
	}
	if !p.PublishedAt.IsZero() {
		out.PublishedAt = p.PublishedAt.Format(time.RFC3339)
	}
	if !p.ChangedAt.IsZero() {
		out.ChangedAt = p.ChangedAt.Format(time.RFC3339)
	}
	return out
}

// apiPublicationDelete withdraws a plan from the public view and returns
// its publication (a plan not published stays so).
func (s *Server) apiPublicationDelete(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id := r.PathValue("id")
	p, err := s.viewablePlan(ctx, id) // a plan the user may not read is not found, as one that does not exist
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	pub, err := s.changePublication(ctx, p.ID, false, false)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.JSON(w, r, http.StatusOK, toAPIPublication(pub))
}
