package web

import (
	"bytes"
	"crypto/rand"
	"fmt"
	"html/template"
	"strconv"
	"strings"

	"planwatch/internal/track"
)

// The rows of /my's task table are most of the page's cost: a reporter of
// one unit in 20 plans of a province's library has hundreds of rows, each
// with its quick-update form, and rendering them took 15 ms a view. Yet a
// plan's rows for a set of units are the same for every user on a given
// day and in a given language but for the CSRF token of their forms. So
// they are rendered once per plan, units, language and way of showing
// periods, kept with the plan's cached judgement (myPlanBase) and so
// dropped with it when the plan changes, with csrfHole where the token
// goes; the request's token is put in its place.

// csrfHole stands for the CSRF token in kept rows: random, so that no
// text of a task (escaped as it is) can be taken for it, and no token is
// it (tokens are unpadded base64url of 64 bytes, auth.CSRFToken).
var csrfHole = "csrf-" + rand.Text()

// myRowsData is what the my_rows template of my_show.html reads.
type myRowsData struct {
	Tasks    []myTask
	Mixed    bool // the duties' periods differ: each unreported row names its own
	Lang     string
	CSRF     string
	Statuses []string // the statuses of the quick form's select
}

// T returns an interface string in the rows' language.
func (d myRowsData) T(key string) string { return translate(d.Lang, key) }

// Status is a status code's label in the rows' language.
func (d myRowsData) Status(code string) string { return statusText(d.Lang, code) }

// myPart is what one plan gives /my: the tasks owed, its judgement and
// the units they are listed for.
type myPart struct {
	base   *myPlanBase
	units  []string
	tasks  []myTask // read only: shared with other requests unless posted
	posted bool     // tasks holds the row of an update just posted: not kept
}

// myRows renders the rows of d's tasks for a page in lang whose forms
// carry csrf.
func (s *Server) myRows(d *myData, lang, csrf string) (template.HTML, error) {
	// A token needs no escaping (base64url) and is the same in every form
	// of the page, as in the page's other forms; escaped all the same, as
	// the template would.
	csrf = template.HTMLEscapeString(csrf)
	// Each run's rows are kept cut at the token's places: the page is
	// then put together in one pass, in a builder of the right size.
	runs := make([][]string, len(d.parts))
	size := 0
	for i, part := range d.parts {
		key := lang + "|" + strconv.FormatBool(d.Mixed) + "|" + strings.Join(part.units, "\x00")
		if v, ok := part.base.rows.Load(key); ok && !part.posted {
			runs[i] = v.([]string)
		} else {
			var buf bytes.Buffer
			data := myRowsData{Tasks: part.tasks, Mixed: d.Mixed, Lang: lang, CSRF: csrfHole,
				Statuses: track.ReportStatuses()}
			if err := s.pages["my_show"].ExecuteTemplate(&buf, "my_rows", data); err != nil {
				return "", fmt.Errorf("my rows: %w", err)
			}
			runs[i] = strings.Split(buf.String(), csrfHole)
			if !part.posted {
				part.base.rows.Store(key, runs[i])
			}
		}
		for _, s := range runs[i] {
			size += len(s) + len(csrf)
		}
	}
	var out strings.Builder
	out.Grow(size)
	for _, run := range runs {
		for j, s := range run {
			if j > 0 {
				out.WriteString(csrf)
			}
			out.WriteString(s)
		}
	}
	// The rows come from html/template, escaped for the table they go in.
	return template.HTML(out.String()), nil
}
