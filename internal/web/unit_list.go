package web

import (
	"net/http"
	"strings"

	"planwatch/internal/store"
	"planwatch/internal/track"
	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

// unitListPage is the unit registry page's data.
type unitListPage struct {
	view
	Units       []store.Unit
	Regions     [][2]string // code, name: the filter's choices
	Region      string      // ?region=
	Unconfirmed bool        // ?unconfirmed=1
	Waiting     int         // units seeded and not yet confirmed, of those shown
	Levels      []string
	Errors      []string // why the last change was refused
}

// Variants are the other ways of writing a unit's name the registry reads
// as it, for the page.
func (unitListPage) Variants(u store.Unit) string { return strings.Join(toAPIUnit(u).AlsoRead, "、") }

// Siblings are the other units of u's region: what u may be merged into.
func (p unitListPage) Siblings(u store.Unit) []store.Unit {
	var out []store.Unit
	for _, o := range p.Units {
		if o.ID != u.ID && o.RegionCode == u.RegionCode {
			out = append(out, o)
		}
	}
	return out
}

// unitList shows the unit registry (?region=, ?unconfirmed=1): the units
// seeded from plans awaiting review first, each with its aliases and the
// forms to confirm, alias and merge it, and the form to add one. Admins.
func (s *Server) unitList(w http.ResponseWriter, r *http.Request) {
	if !allowed(w, r, auth.ManageUnits) {
		return
	}
	s.renderUnitList(w, r, http.StatusOK, nil)
}

// renderUnitList renders the registry page, with errs at the top when a
// change was refused.
func (s *Server) renderUnitList(w http.ResponseWriter, r *http.Request, status int, errs []string) {
	ctx := r.Context()
	q := r.URL.Query()
	pg := unitListPage{view: s.newView(r, translate(langFrom(ctx), "units.title"), "units"), Region: strings.TrimSpace(q.Get("region")),
		Unconfirmed: q.Get("unconfirmed") == "1", Errors: errs,
		Levels: []string{store.LevelNational, store.LevelProvince, store.LevelCity, store.LevelCounty}}
	all, err := s.st.Units(ctx, store.UnitFilter{})
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	pg.Regions = unitRegions(all)
	for _, u := range all {
		if pg.Region != "" && u.RegionCode != pg.Region || pg.Unconfirmed && u.Confirmed {
			continue
		}
		pg.Units = append(pg.Units, u)
		if !u.Confirmed {
			pg.Waiting++
		}
	}
	respond.HTML(w, r, status, s.pages["unit_list"], pg)
}

// unitBack sends the browser back to the registry page as it was (its
// filters travel in the form's return field).
func unitBack(w http.ResponseWriter, r *http.Request) {
	back := "/admin/units"
	if q := strings.TrimSpace(r.PostFormValue("back")); strings.HasPrefix(q, "?") && !strings.ContainsAny(q, "\r\n") {
		back += q
	}
	respond.Redirect(w, r, back, http.StatusSeeOther)
}

// unitRefused renders the registry page with why a change was refused, at
// the problem's status.
func (s *Server) unitRefused(w http.ResponseWriter, r *http.Request, err error) {
	p, ok := unitFailure(err).(*respond.Problem)
	if !ok {
		respond.Error(w, r, err)
		return
	}
	s.renderUnitList(w, r, p.Status, []string{p.Message})
}

// levelOf is the level a unit of a region gets when none is given.
func levelOf(level, region string) string {
	if level = strings.TrimSpace(level); level != "" {
		return level
	}
	return track.GuessLevel(region)
}
