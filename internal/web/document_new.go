package web

import (
	"net/http"

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
		Form: f, Error: msg, MaxMiB: int(s.maxDocumentBytes() >> 20)}
	respond.HTML(w, r, status, s.pages["document_new"], pg)
}
