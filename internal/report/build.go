package report

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"planwatch/internal/store"
	"planwatch/internal/track"
)

// Options tune Build.
type Options struct {
	// Previous is the date the "changes" section starts from; zero means
	// one month before asOf.
	Previous time.Time
	// Compare names regions (GB/T 2260 codes, names, or region groups such
	// as 长三角) to compare with on each indicator the plan carries.
	Compare []string
	// Version is the planwatch version printed on the report.
	Version string
	// ProjectMonth is the month (YYYY-MM) the 重大项目 section judges
	// projects as of; "" for track.ProjectMonth at asOf (the last month
	// due, or a later one reported).
	ProjectMonth string
}

// snapshot is what the store knew about a plan at asOf: the raw material
// every section of the report is computed from.
type snapshot struct {
	plan    store.Plan
	items   []store.Item      // as of asOf: added later left out, dropped later kept
	ups     []store.Update    // recorded at or before asOf
	inds    []store.Indicator // targets resolved, observations as of asOf
	asOf    time.Time
	prev    time.Time
	sources *sources
	state   track.PlanState // the tasks as of asOf, set by tasks()
}

// Build computes the evaluation report of a plan (ID or unique prefix) as
// of asOf from what the store had recorded by then: updates and
// observations recorded later are ignored, so the same call a year later
// gives the same figures. Task status comes from the latest update known
// at asOf, judged against 序时进度; indicators are judged with the figures
// known at asOf.
//
// The task list itself is taken as it stands now, with two corrections
// from the edit log: tasks added after asOf are left out and tasks dropped
// after asOf are kept. Other later edits (a new deadline, a new title)
// show as they are now.
func Build(ctx context.Context, st *store.Store, planID string, asOf time.Time, opt Options) (*Report, error) {
	if asOf.IsZero() {
		return nil, fmt.Errorf("report %s: no as-of date", planID)
	}
	prev := opt.Previous
	if prev.IsZero() {
		prev = asOf.AddDate(0, -1, 0)
	}
	if !prev.Before(asOf) {
		return nil, fmt.Errorf("report %s: previous date %s is not before %s", planID,
			prev.Format(time.DateOnly), asOf.Format(time.DateOnly))
	}
	snap, err := load(ctx, st, planID, asOf)
	if err != nil {
		return nil, fmt.Errorf("report %s: %w", planID, err)
	}
	snap.prev = prev
	p := snap.plan
	r := &Report{
		PlanID:      p.ID,
		Title:       "《" + p.Title + "》实施情况评估报告",
		PlanTitle:   p.Title,
		Region:      p.RegionName,
		Level:       p.Level,
		Period:      periodLabel(p),
		AsOf:        asOf,
		Previous:    prev,
		GeneratedBy: opt.Version,
	}
	tasks, err := snap.tasks()
	if err != nil {
		return nil, fmt.Errorf("report %s: %w", p.ID, err)
	}
	r.Themes = snap.themes(tasks)
	r.Units = byUnit(tasks)
	r.Lagging = lagging(tasks)
	if r.Changes, err = snap.changes(tasks); err != nil {
		return nil, fmt.Errorf("report %s: %w", p.ID, err)
	}
	r.Indicators = snap.indicators()
	if r.Comparisons, err = compare(ctx, st, snap, opt.Compare); err != nil {
		return nil, fmt.Errorf("report %s: %w", p.ID, err)
	}
	if r.Projects, err = snap.projects(ctx, st, opt.ProjectMonth); err != nil {
		return nil, fmt.Errorf("report %s: projects: %w", p.ID, err)
	}
	r.Summary = snap.summary(tasks, r.Indicators)
	r.Sources = snap.sources.list
	return r, nil
}

// load reads the plan and everything recorded about it by asOf.
func load(ctx context.Context, st *store.Store, planID string, asOf time.Time) (*snapshot, error) {
	p, err := st.Plan(ctx, planID)
	if err != nil {
		return nil, err
	}
	items, err := st.Items(ctx, p.ID, store.ItemFilter{IncludeDropped: true})
	if err != nil {
		return nil, err
	}
	edits, err := st.ItemEdits(ctx, p.ID)
	if err != nil {
		return nil, err
	}
	ups, err := st.PlanUpdates(ctx, p.ID, asOf)
	if err != nil {
		return nil, err
	}
	inds, err := st.Indicators(ctx, p.ID)
	if err != nil {
		return nil, err
	}
	obs, err := st.ObservationsAsOf(ctx, p.ID, asOf)
	if err != nil {
		return nil, err
	}
	byInd := map[string][]store.Observation{}
	for _, o := range obs {
		byInd[o.IndicatorID] = append(byInd[o.IndicatorID], o)
	}
	for i := range inds {
		inds[i] = track.ResolveTargets(inds[i], p.EndYear)
		inds[i].Observations = byInd[inds[i].ID]
	}
	src := newSources(p)
	if p.DocumentID != "" {
		// The sentences the appendix quotes. A document removed since
		// leaves the citations without their quotes, not the report undone.
		d, err := st.Document(ctx, p.DocumentID)
		switch {
		case err == nil:
			src.docTitle = d.Title
		case !errors.Is(err, store.ErrNotFound):
			return nil, err
		}
		v, err := st.Version(ctx, p.DocumentID, p.VersionSeq)
		switch {
		case err == nil:
			src.text = []rune(v.Text)
		case !errors.Is(err, store.ErrNotFound):
			return nil, err
		}
	}
	return &snapshot{
		plan:    p,
		items:   itemsAsOf(items, edits, asOf),
		ups:     ups,
		inds:    inds,
		asOf:    asOf,
		sources: src,
	}, nil
}

// itemsAsOf undoes the additions and drops recorded after asOf, so that a
// report for a past date lists the tasks the plan had then.
func itemsAsOf(items []store.Item, edits []store.ItemEdit, asOf time.Time) []store.Item {
	addedLater, droppedLater := map[string]bool{}, map[string]bool{}
	for _, e := range edits {
		if e.ItemID == "" || !e.RecordedAt.After(asOf) {
			continue
		}
		switch e.Action {
		case store.EditAdded:
			addedLater[e.ItemID] = true
		case store.EditDropped, store.EditMerged:
			droppedLater[e.ItemID] = true
		}
	}
	out := make([]store.Item, 0, len(items))
	for _, it := range items {
		if addedLater[it.ID] {
			continue
		}
		if it.Dropped && droppedLater[it.ID] {
			it.Dropped = false
		}
		if it.Dropped {
			continue
		}
		out = append(out, it)
	}
	return out
}

// periodLabel writes a plan's years as offices do: 2021—2025年.
func periodLabel(p store.Plan) string {
	switch {
	case p.StartYear > 0 && p.EndYear > 0 && p.StartYear != p.EndYear:
		return fmt.Sprintf("%d—%d年", p.StartYear, p.EndYear)
	case p.EndYear > 0:
		return fmt.Sprintf("%d年", p.EndYear)
	}
	return ""
}

// statusCounts counts rows by status in vocabulary order, zeros included.
func statusCounts(rows []TaskRow) []StatusCount {
	n := map[string]int{}
	for _, r := range rows {
		n[r.Status]++
	}
	codes := track.Statuses()
	out := make([]StatusCount, 0, len(codes))
	for _, c := range codes {
		out = append(out, StatusCount{Status: c, Label: track.StatusLabel(c), Count: n[c]})
	}
	// A status outside the vocabulary (an odd stored value) still counts.
	var odd []string
	for c := range n {
		if !slices.Contains(codes, c) {
			odd = append(odd, c)
		}
	}
	slices.Sort(odd)
	for _, c := range odd {
		out = append(out, StatusCount{Status: c, Label: track.StatusLabel(c), Count: n[c]})
	}
	return out
}
