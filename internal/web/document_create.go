package web

import (
	"errors"
	"net/http"
	"net/url"

	"planwatch/internal/web/respond"
)

// documentCreate adds a document from the form and sends the browser to
// it; a bad input shows the form again with the reason (400), and so does
// a file or document past a limit, as a 413.
func (s *Server) documentCreate(w http.ResponseWriter, r *http.Request) {
	res, f, err := s.addDocument(r)
	var p *respond.Problem
	if errors.As(err, &p) && (p.Status == http.StatusBadRequest || p.Status == http.StatusRequestEntityTooLarge) {
		msg := p.Message
		if p.Local != "" {
			msg = p.Local
		}
		s.renderDocumentNew(w, r, p.Status, f, msg)
		return
	}
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.Redirect(w, r, "/documents/"+url.PathEscape(res.DocumentID), http.StatusSeeOther)
}
