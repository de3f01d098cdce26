package web

import (
	"errors"
	"net/http"
	"net/url"

	"planwatch/internal/web/respond"
)

// documentNewPage is the add-document page's data.
type documentNewPage struct {
	view
	Form   documentForm
	Error  string
	MaxMiB int
}

// documentNew shows the form that adds a document by URL or upload.
func (s *Server) documentNew(w http.ResponseWriter, r *http.Request) {
	if err := mayAddDocument(r.Context()); err != nil {
		respond.Error(w, r, err)
		return
	}
	s.renderDocumentNew(w, r, http.StatusOK, documentForm{}, "")
}

func (s *Server) renderDocumentNew(w http.ResponseWriter, r *http.Request, status int, f documentForm, msg string) {
	pg := documentNewPage{view: s.newView(r, translate(langFrom(r.Context()), "docnew.title"), "search"),
		Form: f, Error: msg, MaxMiB: maxDocumentBytes >> 20}
	respond.HTML(w, r, status, s.pages["document_new"], pg)
}

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
