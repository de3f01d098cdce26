package web

import (
	"net/http"
	"net/url"

	"planwatch/internal/web/respond"
)

// documentLifecycleUpdate archives, restores or deletes a document from
// the document page's form (field action), then sends the browser back
// to the document, or to the search page once it is deleted.
func (s *Server) documentLifecycleUpdate(w http.ResponseWriter, r *http.Request) {
	action, err := parseLifecycleAction(r.PostFormValue("action"))
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	got, err := s.changeDocumentLifecycle(r.Context(), r.PathValue("id"), action)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	if got.Deleted {
		respond.Redirect(w, r, "/search", http.StatusSeeOther)
		return
	}
	respond.Redirect(w, r, "/documents/"+url.PathEscape(got.ID)+"#lifecycle", http.StatusSeeOther)
}
