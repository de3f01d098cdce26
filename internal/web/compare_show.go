package web

import (
	"net/http"
	"strings"

	"planwatch/internal/web/respond"
)

// comparePage is the compare page's data.
type comparePage struct {
	view
	Indicator  string
	Group      string
	Year       int      // the target year asked for, 0 for each plan's own
	Indicators []string // to pick from
	Groups     []string
	Comparison *comparison // nil until an indicator is picked
	Bars       compareBars
	Network    *network
	NodeNames  map[string]string
}

// compareBars is the bar chart's data, for charts.js.
type compareBars struct {
	Unit    string     `json:"unit"`
	Regions []string   `json:"regions"`
	Latest  []*float64 `json:"latest"`
	Target  []*float64 `json:"target"`
	Labels  [2]string  `json:"labels"`
}

// compareShow compares one indicator across regions (?indicator=,
// ?group=, ?year=) as a table and a bar chart, and shows the cooperation
// network between regions as a graph.
func (s *Server) compareShow(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	ind, group := strings.TrimSpace(q.Get("indicator")), strings.TrimSpace(q.Get("group"))
	year, err := intParam(r, "year", 0, 9999)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	ctx := r.Context()
	lang := langFrom(ctx)
	pg := comparePage{view: s.newView(r, translate(lang, "compare.title"), "compare"), Indicator: ind, Group: group, Year: year}
	if pg.Groups, err = s.groupNames(ctx); err != nil {
		respond.Error(w, r, err)
		return
	}
	if pg.Indicators, err = s.indicatorNames(ctx); err != nil {
		respond.Error(w, r, err)
		return
	}
	if ind != "" {
		if pg.Comparison, err = s.compareIndicator(ctx, ind, group, year, endOfDay(s.now())); err != nil {
			respond.Error(w, r, err)
			return
		}
		pg.Bars = compareChart(lang, pg.Comparison)
	}
	if pg.Network, err = s.cooperationNetwork(ctx, group); err != nil {
		respond.Error(w, r, err)
		return
	}
	pg.NodeNames = map[string]string{}
	for _, n := range pg.Network.Nodes {
		pg.NodeNames[n.Code] = n.Name
	}
	respond.HTML(w, r, http.StatusOK, s.pages["compare_show"], pg)
}

// compareChart lays a comparison out as bars: the actual figure of the
// year before the target's (else the latest) and the target of each
// region; a range's bar stands at its lower end, the table beside gives
// both.
func compareChart(lang string, c *comparison) compareBars {
	b := compareBars{Unit: c.Unit, Labels: [2]string{translate(lang, "col.actual"), translate(lang, "col.target")}}
	for _, row := range c.Rows {
		name := row.Plan.RegionName
		if name == "" {
			name = row.Plan.Title
		}
		b.Regions = append(b.Regions, name)
		var latest, target *float64
		if row.HasActual {
			v := row.Actual
			latest = &v
		} else if o := row.Outlook; o.LatestPeriod != "" {
			latest = &o.Latest
		}
		if row.HasTarget {
			t := row.Target.Value
			target = &t
		}
		b.Latest, b.Target = append(b.Latest, latest), append(b.Target, target)
	}
	scaleSeries(&b.Unit, b.Latest, b.Target)
	return b
}
