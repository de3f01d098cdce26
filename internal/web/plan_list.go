package web

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"math"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"planwatch/internal/report"
	"planwatch/internal/store"
	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

// Sizes of the home page and of the caches behind it. A summary is a few
// hundred bytes, so every plan's fits; a report of a 100-task plan is
// about 140 kB, so only the plans being looked at are kept.
const (
	plansPerPage       = 50
	maxPage            = 1 << 20 // keeps the offset far from overflowing
	maxCachedSummaries = 20000
	maxCachedReports   = 1024
	summaryWorkers     = 4 // reports computed at once for a page of plans not cached yet
)

// planSummary is one plan on the home page: its report summary as of a
// date (tasks by status, overdue, unreported, indicators on and off track).
type planSummary struct {
	Plan    store.Plan
	Period  string
	Summary report.Summary
}

// regionOption is a region offered by the home page's filter.
type regionOption struct{ Code, Name string }

// planListPage is the home page's data.
type planListPage struct {
	view
	AsOf     time.Time
	Plans    []planSummary
	Cards    []template.HTML // the plans' cards (planCards)
	Total    int             // plans passing the filters that the user may see
	Region   string
	Level    string
	Archived bool           // the archived plans are listed
	Regions  []regionOption // regions of the plans the user may see
	Levels   []string
	Page     int // 1-based
	Pages    int
	Prev     string // link to the previous page, "" on the first
	Next     string
}

// planQuery is what the home page and the plan list API filter by.
type planQuery struct {
	Region   string // GB/T code or name prefix
	Level    string
	Archived bool // ?archived=1: the archived plans instead
}

// parsePlanQuery reads ?region= and ?level= (one of the plan levels).
func parsePlanQuery(r *http.Request) (planQuery, error) {
	q := planQuery{Region: strings.TrimSpace(r.URL.Query().Get("region")), Level: strings.TrimSpace(r.URL.Query().Get("level")),
		Archived: r.URL.Query().Get("archived") == "1"}
	if q.Level != "" && !slices.Contains(planLevels, q.Level) {
		return q, respond.BadRequest(fmt.Sprintf("level %q: want one of %s", q.Level, strings.Join(planLevels, ", ")))
	}
	return q, nil
}

var planLevels = []string{store.LevelNational, store.LevelProvince, store.LevelCity, store.LevelCounty}

// planList shows the home page: the plans the user may see, newest first,
// a page at a time, with their counts as `planwatch status` gives them, as
// of today (or ?as-of=); ?region= and ?level= narrow the list.
func (s *Server) planList(w http.ResponseWriter, r *http.Request) {
	asOf, err := s.asOfParam(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	q, err := parsePlanQuery(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	page := 1
	if v := strings.TrimSpace(r.URL.Query().Get("page")); v != "" {
		if page, err = strconv.Atoi(v); err != nil || page < 1 || page > maxPage {
			respond.Error(w, r, respond.BadRequest(fmt.Sprintf("page %q: want a whole number from 1 to %d", v, maxPage)))
			return
		}
	}
	ctx := r.Context()
	plans, total, err := s.plansPage(ctx, q, plansPerPage, (page-1)*plansPerPage)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	d := planListPage{AsOf: asOf, Total: total, Region: q.Region, Level: q.Level, Archived: q.Archived, Levels: planLevels, Page: page,
		Pages: max(1, (total+plansPerPage-1)/plansPerPage)}
	if d.Regions, err = s.planRegions(ctx); err != nil {
		respond.Error(w, r, err)
		return
	}
	if d.Plans, err = s.planSummaries(ctx, plans, asOf); err != nil {
		respond.Error(w, r, err)
		return
	}
	if d.Cards, err = s.planCards(ctx, langFrom(ctx), d.Plans, asOf); err != nil {
		respond.Error(w, r, err)
		return
	}
	link := func(p int) string {
		v := url.Values{}
		if q.Region != "" {
			v.Set("region", q.Region)
		}
		if q.Level != "" {
			v.Set("level", q.Level)
		}
		if q.Archived {
			v.Set("archived", "1")
		}
		if a := r.URL.Query().Get("as-of"); a != "" {
			v.Set("as-of", a)
		}
		if p > 1 {
			v.Set("page", strconv.Itoa(p))
		}
		if len(v) == 0 {
			return "/"
		}
		return "/?" + v.Encode()
	}
	if page > 1 {
		d.Prev = link(min(page-1, d.Pages))
	}
	if page < d.Pages {
		d.Next = link(page + 1)
	}
	d.view = s.newView(r, translate(langFrom(ctx), "plans.title"), "plans")
	respond.HTML(w, r, http.StatusOK, s.pages["plan_list"], d)
}

// plansPage returns the plans matching q that the signed-in user may
// view, newest first, limit of them from offset on, and how many there
// are. A user who may view every plan gets the page straight from the
// database; others (few plans, by scope) have their plans listed and
// checked one by one.
func (s *Server) plansPage(ctx context.Context, q planQuery, limit, offset int) ([]store.Plan, int, error) {
	u, _ := auth.UserFrom(ctx)
	f := store.PlanFilter{Region: q.Region, Level: q.Level}
	if q.Archived {
		f.Archived = store.ArchivedOnly
	}
	can := func(p store.Plan) bool { return auth.Can(u, auth.ViewPlan, auth.Target{PlanID: p.ID}) }
	if auth.Can(u, auth.ViewPlan, auth.Target{}) { // every plan, as perm.go reads an empty plan
		total, err := s.st.CountPlans(ctx, f)
		if err != nil {
			return nil, 0, err
		}
		f.Limit, f.Offset = limit, offset
		page, err := s.st.Plans(ctx, f)
		if err != nil {
			return nil, 0, err
		}
		// Each plan is still checked: should the rules ever hold one back
		// from such a user, the list below is the one to give.
		if !slices.ContainsFunc(page, func(p store.Plan) bool { return !can(p) }) {
			return page, total, nil
		}
		f.Limit, f.Offset = 0, 0
	}
	all, err := s.st.Plans(ctx, f)
	if err != nil {
		return nil, 0, err
	}
	all = slices.DeleteFunc(all, func(p store.Plan) bool { return !can(p) })
	from := min(offset, len(all))
	return all[from:min(from+limit, len(all))], len(all), nil
}

// planRegions lists the regions of the plans the user may view, for the
// filter.
func (s *Server) planRegions(ctx context.Context) ([]regionOption, error) {
	var out []regionOption
	u, _ := auth.UserFrom(ctx)
	if auth.Can(u, auth.ViewPlan, auth.Target{}) {
		regs, err := s.st.PlanRegions(ctx)
		if err != nil {
			return nil, err
		}
		for _, r := range regs {
			out = append(out, regionOption{Code: r[0], Name: r[1]})
		}
		return out, nil
	}
	plans, _, err := s.plansPage(ctx, planQuery{}, math.MaxInt32, 0)
	if err != nil {
		return nil, err
	}
	seen := map[regionOption]bool{}
	for _, p := range plans {
		if o := (regionOption{Code: p.RegionCode, Name: p.RegionName}); !seen[o] {
			seen[o] = true
			out = append(out, o)
		}
	}
	slices.SortFunc(out, func(a, b regionOption) int { return strings.Compare(a.Code+"\x00"+a.Name, b.Code+"\x00"+b.Name) })
	return out, nil
}

// planSummaries returns the summaries of plans as of asOf, in their
// order: from the cache when a plan has not changed since (its stamp is
// in the plan rows just read), computed a few at a time otherwise.
func (s *Server) planSummaries(ctx context.Context, plans []store.Plan, asOf time.Time) ([]planSummary, error) {
	out := make([]planSummary, len(plans))
	errs := make([]error, len(plans))
	sem := make(chan struct{}, summaryWorkers)
	var wg sync.WaitGroup
	for i, p := range plans {
		sem <- struct{}{}
		wg.Go(func() {
			defer func() { <-sem }()
			out[i], errs[i] = s.summaries.get(ctx, p, asOf, func() (planSummary, error) {
				// Not cancelled with this request: others may be waiting for it.
				rep, err := report.Build(context.WithoutCancel(ctx), s.st, p.ID, asOf, report.Options{Version: s.opt.Version})
				if err != nil {
					return planSummary{}, fmt.Errorf("plan %s: %w", p.ID, err)
				}
				return planSummary{Plan: p, Period: rep.Period, Summary: rep.Summary}, nil
			})
			out[i].Plan = p
		})
	}
	wg.Wait()
	kept := out[:0]
	for i, err := range errs {
		switch {
		case errors.Is(err, store.ErrNotFound): // deleted since the list was read
		case err != nil:
			return nil, err
		default:
			kept = append(kept, out[i])
		}
	}
	return kept, nil
}
