package web

import (
	"net/http"
	"strings"

	"planwatch/internal/web/respond"
)

// apiCompareShow compares one indicator (?indicator=, required) across
// the plans that carry it, optionally within a region group (?group=).
func (s *Server) apiCompareShow(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	name, group := strings.TrimSpace(q.Get("indicator")), strings.TrimSpace(q.Get("group"))
	if name == "" {
		respond.Error(w, r, respond.BadRequest("indicator is required"))
		return
	}
	c, err := s.compareIndicator(r.Context(), name, group, endOfDay(s.now()))
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	out := apiComparison{Indicator: c.Name, Key: c.Key, Unit: c.Unit, Group: c.Group, Rows: []apiComparisonRow{}}
	for _, row := range c.Rows {
		o := row.Outlook
		ar := apiComparisonRow{Plan: toAPIPlan(row.Plan), Target: o.Target, TargetOp: o.TargetOp,
			TargetYear: o.TargetYear, OnTrack: o.OnTrack, Known: o.Known}
		if o.LatestPeriod != "" {
			ar.Latest = &apiPoint{Period: o.LatestPeriod, Value: o.Latest}
		}
		out.Rows = append(out.Rows, ar)
	}
	respond.JSON(w, r, http.StatusOK, out)
}
