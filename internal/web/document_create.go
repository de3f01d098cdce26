package web

import (
	"errors"
	"net/http"
	"net/url"

	"planwatch/internal/web/respond"
)

// documentCreate adds a document from the form and sends the browser to
// it; a bad input shows the form again with the reason (400), a file too
// large is a 413.
func (s *Server) documentCreate(w http.ResponseWriter, r *http.Request) {
	res, f, err := s.addDocument(r)
	var p *respond.Problem
	if errors.As(err, &p) && p.Status == http.StatusBadRequest {
		s.renderDocumentNew(w, r, http.StatusBadRequest, f, p.Message)
		return
	}
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.Redirect(w, r, "/documents/"+url.PathEscape(res.DocumentID), http.StatusSeeOther)
}
