package web

import (
	"bytes"
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strings"
	"text/template/parse"
	"time"

	"planwatch/internal/amount"
	"planwatch/internal/store"
	"planwatch/internal/track"
	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

// pageNames are the page templates; each is parsed with layout.html.
var pageNames = []string{"plan_list", "plan_show", "task_show", "document_show", "compare_show", "search_show", "signin_show", "error", "public_plan_list", "my_show", "my_sheet_create", "document_new"}

// pageParts are the templates pages render apart and put in as HTML,
// kept between requests (plan_rows.go, my_rows.go): no "content" calls
// them, so drawsCharts looks in them too.
var pageParts = []string{"plan_body", "task_rows", "my_rows"}

// parsePages parses every page template once, each with the layout and
// the template functions.
func parsePages(a *assets) (map[string]*template.Template, error) {
	funcs := template.FuncMap{
		"num":        amount.Format, // a figure in its unit: {{num .Value "元"}} is 1200亿元
		"targetText": track.TargetText,
		"percent":    func(v float64) string { return fmt.Sprintf("%.0f%%", v) },
		"json":       toJSON,
		"date": func(t time.Time) string {
			if t.IsZero() {
				return "—" // a task of a plan without years has no window
			}
			return t.Format(time.DateOnly)
		},
		"join": strings.Join,
		"kib":  fileSize,
	}
	pages := map[string]*template.Template{}
	for _, name := range pageNames {
		// drawsCharts is the layout's: only the pages that draw charts
		// load ECharts (half a megabyte before compression). It is known
		// once the page is parsed.
		var draws bool
		funcs["drawsCharts"] = func() bool { return draws }
		t, err := template.New("layout.html").Funcs(funcs).ParseFS(templatesFS, "templates/layout.html", "templates/_*.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("templates: %w", err)
		}
		seen := map[string]bool{}
		draws = hasChart(t, "content", seen)
		for _, part := range pageParts {
			draws = draws || hasChart(t, part, seen)
		}
		pages[name] = t
	}
	return pages, nil
}

// fileSize writes a file's size: bytes under a KiB (a small file is not
// "0.0 KiB"), else KiB with one decimal.
func fileSize(n int64) string {
	if n < 1024 {
		return fmt.Sprintf("%d B", n)
	}
	return fmt.Sprintf("%.1f KiB", float64(n)/1024)
}

// hasChart reports whether the template called name, or one it calls,
// writes a chart: an element with a data-chart attribute, which
// static/charts.js draws. It reads the parse trees before the first
// execution (html/template rewrites them then); seen stops recursion.
func hasChart(t *template.Template, name string, seen map[string]bool) bool {
	if seen[name] {
		return false
	}
	seen[name] = true
	tt := t.Lookup(name)
	if tt == nil || tt.Tree == nil {
		return false
	}
	var walk func(n parse.Node) bool
	walk = func(n parse.Node) bool {
		switch n := n.(type) {
		case *parse.ListNode:
			if n == nil {
				return false
			}
			for _, c := range n.Nodes {
				if walk(c) {
					return true
				}
			}
		case *parse.TextNode:
			return bytes.Contains(n.Text, []byte("data-chart="))
		case *parse.IfNode:
			return walk(n.List) || walk(n.ElseList)
		case *parse.RangeNode:
			return walk(n.List) || walk(n.ElseList)
		case *parse.WithNode:
			return walk(n.List) || walk(n.ElseList)
		case *parse.TemplateNode:
			return hasChart(t, n.Name, seen)
		}
		return false
	}
	return walk(tt.Tree.Root)
}

// toJSON encodes v for a data attribute that the page scripts read (html/template
// escapes it for the attribute).
func toJSON(v any) (string, error) {
	b, err := json.Marshal(v)
	return string(b), err
}

// view is what the layout needs; every page's data embeds it.
type view struct {
	Lang       string
	Title      string
	Nav        string // the highlighted menu entry: plans, search, compare
	RequestID  string
	AppVersion string // planwatch version, in the footer
	Charts     bool   // ECharts is vendored: the chart containers of pages that have them get drawn
	LangURL    string // this page in the other language
	Public     bool   // the public view: no menu into the internal pages
	User       string // the signed-in user's name (or login); "" signed out
	CSRF       string // the session's CSRF token, for the csrf_token field of every form
	MayReport  bool   // the user has tasks to report on: the "My updates" link
	MayAddDoc  bool   // the user may add documents
	assets     *assets
	// user is the signed-in user (nil signed out), for what the menu offers.
	user *store.User
}

// T returns an interface string in the page's language.
func (v view) T(key string) string { return translate(v.Lang, key) }

// Status returns a status code's label in the page's language.
func (v view) Status(code string) string { return statusText(v.Lang, code) }

// Asset returns the versioned URL of a static file.
func (v view) Asset(name string) string { return v.assets.url(name) }

// newView returns the layout's data for a request.
func (s *Server) newView(r *http.Request, title, nav string) view {
	lang := langFrom(r.Context())
	other := langEN
	if lang == langEN {
		other = langZH
	}
	q := r.URL.Query()
	q.Set("lang", other)
	u := url.URL{Path: r.URL.Path, RawQuery: q.Encode()}
	v := view{
		Lang: lang, Title: title, Nav: nav, AppVersion: s.opt.Version,
		RequestID: respond.From(r.Context()).ID, Charts: s.assets.has(echartsFile), LangURL: u.String(), assets: s.assets,
		CSRF: auth.CSRFToken(r),
	}
	if u, ok := auth.UserFrom(r.Context()); ok {
		v.User, v.user = displayName(u), u
		v.MayReport = mayReport(u)
		v.MayAddDoc = auth.Can(u, auth.AddDocument, auth.Target{})
	}
	return v
}

// displayName is how a user is shown and credited: the name, else the login.
func displayName(u *store.User) string {
	if u.Name != "" {
		return u.Name
	}
	return u.Login
}
