package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
)

// myTable is the /my task table's body.
var myTable = regexp.MustCompile(`(?s)<tbody>.*</tbody>`)

// firstGroups lists the first group of every match of re in page.
func firstGroups(re *regexp.Regexp, page string) []string {
	var out []string
	for _, m := range re.FindAllStringSubmatch(page, -1) {
		out = append(out, m[1])
	}
	return out
}

// myTokens lists the CSRF tokens of a page's forms.
func myTokens(page string) []string { return firstGroups(csrfField, page) }

// TestMyRowsKept: /my's rows are rendered once per plan, unit, day and
// language and kept, yet every page's forms carry its own session's
// token (one that the server takes), the kept rows show in each
// language, a row just posted from the quick form shows its notice while
// the next visit without it does not, and no page leaks the stand-in for
// the token.
func TestMyRowsKept(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		f := seed(t, st)
		unit := f.task.Units[0].Unit
		scope := store.Scope{PlanID: f.plan.ID, Unit: unit}
		a := f.session(t, "fgw-a", store.RoleReporter, scope)
		b := f.session(t, "fgw-b", store.RoleReporter, scope)
		tables := map[string]string{} // by language: the table without tokens
		for _, c := range []struct {
			name string
			sess *session
			path string
			want string // in the table
			lang string
		}{
			{"first visit", a, "/my", "本期未报", "zh"},
			{"second visit, kept rows", a, "/my", "本期未报", "zh"},
			{"another session", b, "/my", "本期未报", "zh"},
			{"in English", b, "/my?lang=en", "Not reported this period", "en"},
			{"in English again", a, "/my?lang=en", "Not reported this period", "en"},
		} {
			rec := f.do("GET", c.path, c.sess, nil, nil)
			page := rec.Body.String()
			if rec.Code != http.StatusOK || strings.Contains(page, csrfHole) {
				t.Fatalf("%s: %d, or the token's stand-in in the page", c.name, rec.Code)
			}
			toks := myTokens(page)
			if len(toks) < 3 {
				t.Fatalf("%s: %d forms with a token", c.name, len(toks))
			}
			for _, tok := range toks[1:] {
				if tok != toks[0] {
					t.Errorf("%s: the forms carry different tokens %s and %s", c.name, toks[0], tok)
				}
			}
			table := strings.ReplaceAll(myTable.FindString(page), toks[0], "TOKEN")
			if !strings.Contains(table, c.want) || !strings.Contains(table, `value="TOKEN"`) {
				t.Errorf("%s: the table lacks %q or the page's token:\n%.1500s", c.name, c.want, table)
			}
			if was, ok := tables[c.lang]; ok && was != table {
				t.Errorf("%s: the table differs from the first visit in %s", c.name, c.lang)
			}
			tables[c.lang] = table
		}

		// A token from a kept row is the session's: the quick form posts.
		page := f.do("GET", "/my", b, nil, nil).Body.String()
		rec := f.do("POST", "/tasks/"+f.task.ID+"/updates", b, nil, url.Values{"csrf_token": {myTokens(page)[len(myTokens(page))-1]},
			"back": {"my"}, "unit": {unit}, "status": {"on_schedule"}, "progress": {"60"}, "date": {"2023-06-30"}})
		loc := rec.Header().Get("Location")
		if rec.Code != http.StatusSeeOther || !strings.HasPrefix(loc, "/my?posted=") {
			t.Fatalf("quick update with a kept row's token: %d %s\n%.400s", rec.Code, loc, rec.Body.String())
		}
		posted := f.do("GET", strings.SplitN(loc, "#", 2)[0], b, nil, nil).Body.String()
		if !strings.Contains(posted, `role="status"`) {
			t.Error("the posted row lacks its notice")
		}
		if again := f.do("GET", "/my", b, nil, nil).Body.String(); strings.Contains(again, `role="status"`) {
			t.Error("the posted row's notice stays on the next visit")
		}
	})
}
