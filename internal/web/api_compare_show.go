package web

import (
	"net/http"
	"strconv"
	"strings"

	"planwatch/internal/track"
	"planwatch/internal/web/respond"
)

// apiCompareShow compares one indicator (?indicator=, required) across
// the plans that carry it, optionally within a region group (?group=):
// each plan's target for ?year= (default: the plan's own year) and its
// actual figure for the year before.
func (s *Server) apiCompareShow(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	name, group := strings.TrimSpace(q.Get("indicator")), strings.TrimSpace(q.Get("group"))
	if name == "" {
		respond.Error(w, r, respond.BadRequest("indicator is required"))
		return
	}
	year, err := intParam(r, "year", 0, 9999)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	c, err := s.compareIndicator(r.Context(), name, group, year, endOfDay(s.now()))
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	out := apiComparison{Indicator: c.Name, Key: c.Key, Unit: c.Unit, Group: c.Group, Rows: []apiComparisonRow{}}
	for _, row := range c.Rows {
		o := row.Outlook
		ar := apiComparisonRow{Plan: toAPIPlan(row.Plan), TargetYear: row.Year, OnTrack: o.OnTrack, Known: o.Known}
		if row.HasTarget {
			t := row.Target
			ar.Target, ar.TargetMax, ar.TargetOp, ar.Approx = &t.Value, t.ValueMax, t.Op, t.Approx
			ar.TargetText = track.TargetText(t, row.Indicator.Unit)
		}
		if row.HasActual {
			ar.Actual = &apiPoint{Period: strconv.Itoa(row.ActualYear), Value: row.Actual}
		}
		if o.LatestPeriod != "" {
			ar.Latest = &apiPoint{Period: o.LatestPeriod, Value: o.Latest}
		}
		out.Rows = append(out.Rows, ar)
	}
	respond.JSON(w, r, http.StatusOK, out)
}
