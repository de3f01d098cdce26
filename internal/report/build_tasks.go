package report

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"planwatch/internal/store"
	"planwatch/internal/track"
)

// noGroup and noLead name the buckets of tasks without a theme or a lead
// unit, so that no task drops out of the by-theme and by-unit tables.
const (
	noGroup = "其他任务"
	noLead  = "未明确牵头单位"
)

// task is one task as known at asOf: the item with its status and
// progress set from the latest update then, and its report row.
type task struct {
	item  store.Item
	row   TaskRow
	theme string // ID of its top group, "" for none
}

// latestUpdates returns each item's latest update recorded by cutoff (by
// report date, then record time), and its latest one with a note.
func latestUpdates(ups []store.Update, cutoff time.Time) (latest, noted map[string]store.Update) {
	latest, noted = map[string]store.Update{}, map[string]store.Update{}
	later := func(a, b store.Update) bool {
		return cmp.Or(strings.Compare(a.Date, b.Date), a.RecordedAt.Compare(b.RecordedAt), strings.Compare(a.ID, b.ID)) > 0
	}
	for _, u := range ups {
		if u.RecordedAt.After(cutoff) {
			continue
		}
		if l, ok := latest[u.ItemID]; !ok || later(u, l) {
			latest[u.ItemID] = u
		}
		if strings.TrimSpace(u.Note) == "" {
			continue
		}
		if l, ok := noted[u.ItemID]; !ok || later(u, l) {
			noted[u.ItemID] = u
		}
	}
	return latest, noted
}

// tasks returns the plan's tasks as of asOf in plan order, each judged
// by track.StateOf through track.AssessPlan, as every view judges them.
func (s *snapshot) tasks() ([]task, error) {
	byID := make(map[string]store.Item, len(s.items))
	for _, it := range s.items {
		byID[it.ID] = it
	}
	latest, noted := latestUpdates(s.ups, s.asOf)
	s.state = track.AssessPlan(s.plan, s.items, s.ups, s.asOf, track.PlanRhythm(s.plan))
	chains := make([][]store.Item, len(s.state.Tasks))
	for i, ts := range s.state.Tasks {
		chains[i] = groupsAbove(byID, ts.Item)
	}
	themeOf := themeChooser(chains)
	var out []task
	for i, ts := range s.state.Tasks {
		it, a := ts.Item, ts.Assessment
		row := TaskRow{
			ItemID:   it.ID,
			Number:   it.Number,
			Title:    it.Title,
			Status:   a.Status,
			Label:    a.Label(),
			Progress: a.Progress,
			Expected: a.Expected,
			Overdue:  a.Overdue,
		}
		if !a.Deadline.IsZero() {
			row.Deadline = a.Deadline.Format(time.DateOnly)
		}
		for _, u := range it.Units {
			if u.Role == store.RoleSupport {
				row.Support = append(row.Support, u.Unit)
			} else {
				row.Lead = append(row.Lead, u.Unit)
			}
		}
		if u, ok := noted[it.ID]; ok {
			row.LatestNote, row.LatestDate, row.Ref = u.Note, u.Date, s.sources.update(u)
		} else if u, ok := latest[it.ID]; ok {
			row.LatestDate, row.Ref = u.Date, s.sources.update(u)
		}
		// Every task's sentence is in the appendix, so that a reader can
		// check the task against the plan; a task with no report cites it.
		what := strings.TrimSpace("任务 " + it.Number + " " + it.Title)
		if ref := s.sources.document(it.SourceStart, it.SourceEnd, headingPath(chains[i]), what); row.Ref == "" {
			row.Ref = ref
		}
		theme := themeOf(chains[i])
		if theme.ID != "" {
			row.Theme = theme.Title // the report numbers its themes itself
		} else {
			row.Theme = noGroup
		}
		out = append(out, task{item: it, row: row, theme: theme.ID})
	}
	return out, nil
}

// groupsAbove returns the groups above an item, outermost first.
func groupsAbove(byID map[string]store.Item, it store.Item) []store.Item {
	var chain []store.Item
	seen := map[string]bool{}
	for p, ok := byID[it.ParentID]; ok && !seen[p.ID]; p, ok = byID[p.ParentID] {
		seen[p.ID] = true // a cycle cannot be stored, but cost nothing to survive
		if p.Kind == store.KindGroup {
			chain = append(chain, p)
		}
	}
	slices.Reverse(chain)
	return chain
}

// themeChooser returns what names a task's theme, given the chains of
// groups above every task: the plan's first-level heading, unless that
// heading only wraps the themes — it holds no task of its own and two or
// more headings under it do, as 二、重点任务 holds （一）…（六） — when it
// is the second-level heading under it. The part would name every theme
// the same; a first-level theme with one section keeps its own name.
func themeChooser(chains [][]store.Item) func([]store.Item) store.Item {
	direct := map[string]bool{}          // first-level groups holding a task directly
	subs := map[string]map[string]bool{} // and their second-level groups holding tasks
	for _, c := range chains {
		switch {
		case len(c) == 1:
			direct[c[0].ID] = true
		case len(c) > 1:
			if subs[c[0].ID] == nil {
				subs[c[0].ID] = map[string]bool{}
			}
			subs[c[0].ID][c[1].ID] = true
		}
	}
	return func(c []store.Item) store.Item {
		switch {
		case len(c) == 0:
			return store.Item{}
		case len(c) > 1 && !direct[c[0].ID] && len(subs[c[0].ID]) >= 2:
			return c[1]
		}
		return c[0]
	}
}

// headingText writes a group as the plan prints its heading: 二、重点任务,
// （一）共建科技创新共同体, 1.加强组织领导.
func headingText(g store.Item) string {
	n := strings.TrimSpace(g.Number)
	switch {
	case n == "":
		return g.Title
	case strings.HasSuffix(n, "）") || strings.HasSuffix(n, ")") || strings.HasSuffix(n, "、") || strings.HasSuffix(n, "."):
		return n + g.Title
	case n[0] >= '0' && n[0] <= '9':
		return n + "." + g.Title
	}
	return n + "、" + g.Title
}

// headingPath writes the headings above an item, outermost first.
func headingPath(chain []store.Item) string {
	parts := make([]string, len(chain))
	for i, g := range chain {
		parts[i] = headingText(g)
	}
	return strings.Join(parts, " › ")
}

// themes groups tasks under their top group, groups in plan order and
// tasks without one last.
func (s *snapshot) themes(tasks []task) []Group {
	var order []string
	rows := map[string][]TaskRow{}
	for _, t := range tasks {
		if _, ok := rows[t.theme]; !ok && t.theme != "" {
			order = append(order, t.theme)
		}
		rows[t.theme] = append(rows[t.theme], t.row)
	}
	if _, ok := rows[""]; ok {
		order = append(order, "")
	}
	out := make([]Group, 0, len(order))
	for _, id := range order {
		name := noGroup
		if id != "" {
			name = rows[id][0].Theme
		}
		out = append(out, Group{Name: name, Tasks: rows[id], ByStatus: statusCounts(rows[id])})
	}
	return out
}

// byUnit groups tasks by lead unit, units by name; a task led jointly
// appears under each of its leads.
func byUnit(tasks []task) []Group {
	rows := map[string][]TaskRow{}
	for _, t := range tasks {
		leads := t.row.Lead
		if len(leads) == 0 {
			leads = []string{noLead}
		}
		for _, l := range slices.Compact(slices.Clone(leads)) {
			rows[l] = append(rows[l], t.row)
		}
	}
	names := make([]string, 0, len(rows))
	for n := range rows {
		if n != noLead {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	if _, ok := rows[noLead]; ok {
		names = append(names, noLead)
	}
	out := make([]Group, 0, len(names))
	for _, n := range names {
		out = append(out, Group{Name: n, Tasks: rows[n], ByStatus: statusCounts(rows[n])})
	}
	return out
}

// lagging lists the tasks behind 序时进度 or past their deadline.
func lagging(tasks []task) []TaskRow {
	var out []TaskRow
	for _, t := range tasks {
		if t.row.Status == track.StatusBehind || t.row.Status == track.StatusOverdue {
			out = append(out, t.row)
		}
	}
	return out
}

// changes compares each task's status as known at Previous (updates
// recorded by then, judged at that date) with its status at asOf.
func (s *snapshot) changes(tasks []task) ([]Change, error) {
	before := track.AssessPlan(s.plan, s.items, s.ups, s.prev, track.PlanRhythm(s.plan))
	var out []Change
	for _, t := range tasks {
		b, ok := before.Task(t.row.ItemID)
		if !ok || b.Status == t.row.Status {
			continue
		}
		out = append(out, Change{
			ItemID: t.row.ItemID,
			Number: t.row.Number,
			Title:  t.row.Title,
			Before: b.Label(),
			After:  t.row.Label,
			Note:   t.row.LatestNote,
			Ref:    t.row.Ref,
		})
	}
	return out, nil
}

// headingAt writes the headings a place in the document sits under (an
// indicator has no parent in the outline, only a place in the text): the
// last group whose heading begins at or before offset, with the groups
// above it.
func (s *snapshot) headingAt(offset int) string {
	byID := make(map[string]store.Item, len(s.items))
	var last store.Item
	for _, it := range s.items {
		byID[it.ID] = it
		if it.Kind == store.KindGroup && it.SourceEnd > it.SourceStart && it.SourceStart <= offset &&
			(last.ID == "" || it.SourceStart > last.SourceStart) {
			last = it
		}
	}
	if last.ID == "" {
		return ""
	}
	return headingPath(append(groupsAbove(byID, last), last))
}
