package web

import (
	"context"
	"fmt"
	"net/http"

	"planwatch/internal/store"
	"planwatch/internal/web/respond"
)

// documentData is a document with one version in full and the list of
// its versions.
type documentData struct {
	Document store.Document
	Version  store.Version
	Versions []store.Version
	Plans    []store.Plan
}

// documentPage is the document page's data.
type documentPage struct {
	view
	*documentData
	Segments []textSegment
	Focus    string // the anchor of ?mark=, "" for none
}

// documentShow shows a stored snapshot's normalized text with the
// extracted tasks, targets and figures highlighted in place (each span an
// anchor, #span-START-END), and ?mark=START-END as the selected sentence;
// ?version=N picks a version (default the current one).
func (s *Server) documentShow(w http.ResponseWriter, r *http.Request) {
	seq, err := intParam(r, "version", 0, 1<<30)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	var marks []mark
	focus := ""
	if m := r.URL.Query().Get("mark"); m != "" {
		fm, ok := parseSpan(m)
		if !ok {
			respond.Error(w, r, respond.BadRequest(fmt.Sprintf("mark %q: want START-END", m)))
			return
		}
		marks, focus = append(marks, fm), anchorID(fm.Start, fm.End)
	}
	d, err := s.loadDocument(r.Context(), r.PathValue("id"), seq)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	ext, err := extractionMarks(d.Version.Extraction)
	if err != nil {
		// A damaged extraction costs the highlights, not the page.
		respond.From(r.Context()).Log.Warn("document highlights", "document", d.Document.ID, "err", err)
	}
	marks = append(marks, ext...)
	v := s.newView(r, d.Document.Title, "search")
	respond.HTML(w, r, http.StatusOK, s.pages["document_show"],
		documentPage{view: v, documentData: d, Segments: segments(d.Version.Text, marks), Focus: focus})
}

// loadDocument loads a document (ID or unique prefix), one of its
// versions in full (seq 0: the current one), its versions and its plans.
func (s *Server) loadDocument(ctx context.Context, id string, seq int) (*documentData, error) {
	doc, err := s.st.Document(ctx, id)
	if err != nil {
		return nil, notFound(err, "document "+id)
	}
	v, err := s.st.Version(ctx, doc.ID, seq)
	if err != nil {
		return nil, notFound(err, fmt.Sprintf("version %d of document %s", seq, doc.ID))
	}
	vs, err := s.st.Versions(ctx, doc.ID)
	if err != nil {
		return nil, fmt.Errorf("document %s: %w", doc.ID, err)
	}
	plans, err := s.st.PlansOfDocument(ctx, doc.ID)
	if err != nil {
		return nil, fmt.Errorf("document %s: %w", doc.ID, err)
	}
	// The document is shared; the plans made from it are not.
	return &documentData{Document: doc, Version: v, Versions: vs, Plans: s.viewablePlans(ctx, plans)}, nil
}
