package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"planwatch/internal/store"
	"planwatch/internal/track"
	"planwatch/internal/web/respond"
)

// A plan's kind and period in the web app: the settings form's fields,
// the checks the form and the API share, and how the pages write them.

// planChange is a change to a plan's settings as the form or the API
// asks for it; zero fields leave a setting as it is.
type planChange struct {
	Rhythm track.Rhythm
	Title  string
	Kind   string
	Years  *store.PlanYears
}

// parseKindPeriodForm reads the settings form's kind and the years
// (start_year, end_year; end_year empty for a one-year plan). Both years
// empty leave the period as it is.
func parseKindPeriodForm(r *http.Request) (kind string, years *store.PlanYears, err error) {
	kind = strings.TrimSpace(r.PostFormValue("kind"))
	start, end := strings.TrimSpace(r.PostFormValue("start_year")), strings.TrimSpace(r.PostFormValue("end_year"))
	if start == "" && end == "" {
		return kind, nil, nil
	}
	if end == "" {
		end = start
	}
	if start == "" {
		start = end
	}
	s, err1 := strconv.Atoi(start)
	e, err2 := strconv.Atoi(end)
	if err1 != nil || err2 != nil {
		return "", nil, respond.BadRequest("start_year " + start + ", end_year " + end + ": want years such as 2021 and 2025")
	}
	return kind, &store.PlanYears{Start: s, End: e}, nil
}

// checkKindPeriod refuses a kind that is no text a name may be, and years
// that do not fit the plan's kind (a one-year kind runs one year), as the
// command line's `plan set` does.
func (s *Server) checkKindPeriod(ctx context.Context, planID string, set store.PlanSettings) error {
	if bad := track.CheckName("kind", set.Kind); bad != nil {
		return respond.BadRequest("kind: " + bad[0].Reason())
	}
	if set.Kind == "" && set.Years == nil {
		return nil
	}
	p, err := s.st.Plan(ctx, planID)
	if err != nil {
		return notFound(err, "plan "+planID)
	}
	kind := set.Kind
	if kind == "" {
		kind = p.Kind
	}
	y := store.PlanYears{Start: p.StartYear, End: p.EndYear}
	if set.Years != nil {
		y = *set.Years
		if y.Start < 1949 || y.End > 2100 || y.Start > y.End {
			return respond.BadRequest("period: want years from 1949 to 2100, the first not after the last")
		}
	}
	if y.Start == 0 && y.End == 0 {
		return nil
	}
	if err := track.CheckPeriod(kind, y); err != nil {
		return respond.BadRequest(err.Error())
	}
	return nil
}

// dash is s, or — when it is empty.
func dash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}

// yearsOf writes a plan's years: 2021–2025, 2026, — for none.
func yearsOf(p store.Plan) string {
	switch {
	case p.StartYear == 0 && p.EndYear == 0:
		return "—"
	case p.StartYear == p.EndYear || p.StartYear == 0:
		return strconv.Itoa(p.EndYear)
	case p.EndYear == 0:
		return strconv.Itoa(p.StartYear) + "–"
	}
	return strconv.Itoa(p.StartYear) + "–" + strconv.Itoa(p.EndYear)
}

// planKindText is a plan's kind with how long such a plan runs, "" when
// the kind is unknown.
func planKindText(p store.Plan) string {
	if p.Kind == "" {
		return ""
	}
	return p.Kind + "（" + track.SpanText(track.KindSpan(p.Kind)) + "）"
}
