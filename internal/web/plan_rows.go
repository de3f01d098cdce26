package web

import (
	"bytes"
	"fmt"
	"html/template"
	"slices"

	"planwatch/internal/web/respond"
)

// taskRowsData is what the task_rows template of plan_show.html reads.
type taskRowsData struct {
	Tasks     []reportTask
	Public    bool
	Reporters map[string]string
	Lang      string
}

// Status is a status code's label in the page's language.
func (d taskRowsData) Status(code string) string { return statusText(d.Lang, code) }

// taskRows renders the rows of the plan page's task table.
func (s *Server) taskRows(pg *planPage) (template.HTML, error) {
	d := taskRowsData{Tasks: pg.Tasks, Public: pg.Public, Reporters: pg.Reporters, Lang: pg.Lang}
	var buf bytes.Buffer
	if err := s.pages["plan_show"].ExecuteTemplate(&buf, "task_rows", d); err != nil {
		return "", fmt.Errorf("task rows: %w", err)
	}
	// The rows come from html/template, escaped for the table they go in.
	return template.HTML(buf.String()), nil
}

// planBody renders the middle of the plan page, from the counts to the
// indicators: with the task rows, most of the page's cost (a hundred
// rows, every value escaped; the charts' data as JSON), yet the same for
// everyone who looks at a plan on a given day in a given language and
// filter, but for whether they may edit it (the indicators' links). So it
// is kept with the cached report it comes from (planBase) and changes
// with it, compressed once too (respond.Fragment). The rest of the page
// (the user, the notices, the forms, the CSRF token) is rendered per
// request, with respond.Marker where this goes.
func (s *Server) planBody(pg *planPage) (*respond.Fragment, error) {
	// Public pages naming reporters are rendered each time, and so are
	// filters naming no unit or theme of the plan: what is kept stays
	// bounded by what the plan has.
	keep := pg.base != nil && len(pg.Reporters) == 0 &&
		(pg.Filter.Unit == "" || slices.Contains(pg.Units, pg.Filter.Unit)) &&
		(pg.Filter.Theme == "" || slices.Contains(pg.Themes, pg.Filter.Theme))
	key := fmt.Sprintf("%s|%t|%t|%s|%s|%s", pg.Lang, pg.Public, pg.CanEditPlan, pg.Filter.Unit, pg.Filter.Theme, pg.Filter.Status)
	if keep {
		if v, ok := pg.base.rows.Load(key); ok {
			return v.(*respond.Fragment), nil
		}
	}
	rows, err := s.taskRows(pg)
	if err != nil {
		return nil, err
	}
	pg.TaskRows = rows
	var buf bytes.Buffer
	if err := s.pages["plan_show"].ExecuteTemplate(&buf, "plan_body", pg); err != nil {
		return nil, fmt.Errorf("plan body: %w", err)
	}
	// From html/template, escaped for where it goes in the page.
	f := respond.NewFragment(buf.Bytes())
	if keep {
		pg.base.rows.Store(key, f)
	}
	return f, nil
}
