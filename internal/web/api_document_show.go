package web

import (
	"encoding/json"
	"net/http"
	"time"

	"planwatch/internal/web/respond"
)

// apiDocumentShow returns a document with its versions and the extraction
// of one version (?version=N, default the current one).
func (s *Server) apiDocumentShow(w http.ResponseWriter, r *http.Request) {
	seq, err := intParam(r, "version", 0, 1<<30)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	d, err := s.loadDocument(r.Context(), r.PathValue("id"), seq)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	out := apiDocumentDetail{Document: toAPIDocument(d.Document), Version: d.Version.Seq,
		Versions: []apiVersion{}, Plans: []apiPlan{}}
	if len(d.Version.Extraction) > 0 {
		out.Extraction = json.RawMessage(d.Version.Extraction)
	}
	for _, v := range d.Versions {
		out.Versions = append(out.Versions, apiVersion{Seq: v.Seq, SHA256: v.SHA256, Size: v.Size,
			FetchedAt: v.FetchedAt.UTC().Format(time.RFC3339), FinalURL: v.FinalURL, ContentType: v.ContentType,
			Format: v.Format, Charset: v.Charset})
	}
	for _, p := range d.Plans {
		out.Plans = append(out.Plans, toAPIPlan(p))
	}
	respond.JSON(w, r, http.StatusOK, out)
}
