package web

import (
	"net/http"

	"planwatch/internal/track"
	"planwatch/internal/web/respond"
)

// myPage is the "My updates" page's data.
type myPage struct {
	view
	*myData
	Statuses []string
	MaxMiB   int
}

// myShow lists everything the signed-in user's units must report, across
// the plans they hold, with a quick update form per task, the task list
// to download per plan and unit, and the form to upload it filled in.
func (s *Server) myShow(w http.ResponseWriter, r *http.Request) {
	u, err := myUser(r.Context())
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	d, err := s.loadMy(r.Context(), u)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	pg := myPage{view: s.newView(r, translate(langFrom(r.Context()), "my.title"), "my"), myData: d,
		Statuses: track.ReportStatuses(), MaxMiB: maxUploadBytes >> 20}
	respond.HTML(w, r, http.StatusOK, s.pages["my_show"], pg)
}
