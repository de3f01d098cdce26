package web

import (
	"context"
	"strings"
	"testing"
	"time"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
)

// TestPlanRowsKept checks the middle of the plan page kept with a plan's
// cached report, task rows and all: the public view never gets the
// internal rows (with notes and links) nor the reverse, a viewer never
// gets an editor's links to record figures nor the reverse, each language
// gets its own words, and a new update shows at once, on both back ends.
func TestPlanRowsKept(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		f := seed(t, st)
		viewer := f.session(t, "viewer", store.RoleViewer, store.Scope{})
		link := `href="/tasks/` + f.task.ID + `"`
		onSchedule := translate(langEN, "status.in_progress")
		steps := []struct {
			name    string
			target  string
			sess    *session
			want    []string
			wantNot []string
		}{
			{"internal", "/plans/{plan}", f.admin, []string{link, "联合实验室完成挂牌", "进行中", "#observation-form"}, nil},
			{"a viewer after an editor", "/plans/{plan}", viewer, []string{link, "联合实验室完成挂牌"}, []string{"#observation-form"}},
			{"an editor after a viewer", "/plans/{plan}", f.admin, []string{"#observation-form", `data-chart="indicator"`}, nil},
			{"public after internal", "/public/plans/{plan}", nil, []string{f.task.Title}, []string{link, "联合实验室完成挂牌"}},
			{"internal after public", "/plans/{plan}", f.admin, []string{link, "联合实验室完成挂牌"}, nil},
			{"English", "/plans/{plan}?lang=en", f.admin, []string{link, onSchedule}, nil},
			{"filtered by a unit of the task", "/plans/{plan}?unit=" + f.task.Units[0].Unit, f.admin, []string{link}, nil},
		}
		for _, s := range steps {
			rec := f.do("GET", f.expand(s.target), s.sess, nil, nil)
			body := rec.Body.String()
			if rec.Code != 200 {
				t.Fatalf("%s: %d", s.name, rec.Code)
			}
			for _, w := range s.want {
				if !strings.Contains(body, w) {
					t.Errorf("%s: page lacks %q", s.name, w)
				}
			}
			for _, w := range s.wantNot {
				if strings.Contains(body, w) {
					t.Errorf("%s: page has %q", s.name, w)
				}
			}
		}
		up := []store.Update{{ItemID: f.task.ID, Status: "behind", Progress: 46, Note: "第二次报送：设备到货", Date: "2023-06-30", RecordedAt: fixtureNow.Add(-time.Minute)}}
		if err := st.AddUpdates(context.Background(), up); err != nil {
			t.Fatal(err)
		}
		if body := f.do("GET", f.expand("/plans/{plan}"), f.admin, nil, nil).Body.String(); !strings.Contains(body, "第二次报送：设备到货") {
			t.Error("the plan page does not show an update posted after its rows were kept")
		}
	})
}

// TestPlanCardsByLanguage checks that the home page's kept cards follow
// the page's language both ways.
func TestPlanCardsByLanguage(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		f := seed(t, st)
		for _, step := range []struct{ target, lang string }{{"/", langZH}, {"/?lang=en", langEN}, {"/?lang=zh", langZH}} {
			body := f.do("GET", step.target, f.admin, nil, nil).Body.String()
			for _, key := range []string{"tasks.count", "unreported"} {
				if !strings.Contains(body, "<span>"+translate(step.lang, key)+" <b") {
					t.Errorf("%s: card lacks %q in %s", step.target, translate(step.lang, key), step.lang)
				}
			}
		}
	})
}
