package web

import (
	"net/http"
	"time"

	"planwatch/internal/track"
	"planwatch/internal/web/respond"
)

// apiTaskShow returns a task with its units, assessment as of now, source
// sentence and update timeline (oldest first).
func (s *Server) apiTaskShow(w http.ResponseWriter, r *http.Request) {
	d, err := s.loadTask(r.Context(), r.PathValue("id"))
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	it, a := d.Item, d.Assessment
	out := apiTaskDetail{ID: it.ID, PlanID: it.PlanID, Kind: it.Kind, Number: it.Number, Title: it.Title, Body: it.Body,
		Lead: nonNil(d.Lead), Support: nonNil(d.Support), Start: d.Start.Format(time.DateOnly),
		Deadline: d.Deadline.Format(time.DateOnly), Status: a.Status, Reported: a.Reported, Progress: a.Progress, Expected: a.Expected,
		Overdue: a.Overdue, Behind: a.Behind, Dropped: it.Dropped, Updates: []apiUpdate{}, Extensions: []apiExtension{}}
	for _, e := range it.Extensions {
		out.Extensions = append(out.Extensions, toAPIExtension(e))
	}
	if src := d.Source; src != nil {
		out.Source = &apiSource{DocumentID: src.DocumentID, Version: src.Seq, Start: src.Start, End: src.End, Sentence: src.Sentence}
	}
	files, err := s.st.ItemEvidence(r.Context(), it.ID)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	for _, u := range d.Updates {
		au := apiUpdate{ID: u.ID, Unit: u.Unit, Date: u.Date, Status: u.Status,
			Progress: u.Progress, Note: u.Note, Evidence: u.Evidence, Author: u.Author, Source: u.Source,
			RecordedAt: u.RecordedAt.UTC().Format(time.RFC3339), Reason: u.Reason, Late: track.Late(u, track.PlanRhythm(d.Plan))}
		if f, ok := files[u.ID]; ok {
			au.EvidenceFile = toAPIEvidence(f)
		}
		out.Updates = append(out.Updates, au)
	}
	respond.JSON(w, r, http.StatusOK, out)
}
