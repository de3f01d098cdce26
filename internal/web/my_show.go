package web

import (
	"html/template"
	"net/http"

	"planwatch/internal/store"
	"planwatch/internal/web/respond"
)

// myPage is the "My updates" page's data.
type myPage struct {
	view
	*myData
	MaxMiB int
	Rows   template.HTML // the task table's rows (myRows)
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
	// ?posted=UPDATE: the quick form's update, whose row stays in place.
	var posted *store.Update
	if id := r.URL.Query().Get("posted"); id != "" {
		if up, err := s.st.UpdateByID(r.Context(), id); err == nil {
			posted = &up
		}
	}
	d, err := s.loadMyPosted(r.Context(), u, posted)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	pg := myPage{view: s.newView(r, translate(langFrom(r.Context()), "my.title"), "my"), myData: d,
		MaxMiB: maxUploadBytes >> 20}
	if pg.Rows, err = s.myRows(d, pg.Lang, pg.CSRF); err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.HTML(w, r, http.StatusOK, s.pages["my_show"], pg)
}

// myRowAnchor is the fragment naming a row of the page: a task and the
// unit reporting on it.
func myRowAnchor(itemID, unit string) string {
	return "my-" + itemID + "-" + unit
}
