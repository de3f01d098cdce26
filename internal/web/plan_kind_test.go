package web

import (
	"context"
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
)

// TestPlanKindPeriodWeb: a plan with no years is shown by every view, the
// plan page saying its period is not set and how to set it; the settings
// form and the API set the kind and the years (a one-year kind refuses
// several), the page shows them, and each change is audited.
func TestPlanKindPeriodWeb(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := seed(t, st)
		p := store.Plan{Title: "嘉兴市数字化改革工作方案", RegionCode: "330400", RegionName: "嘉兴市", Level: store.LevelCity, Kind: "工作方案"}
		if err := st.SavePlanTree(ctx, &p, []store.Item{{Kind: store.KindTask, Number: "1", Title: "推进数字化改革",
			Units: []store.Assignment{{Unit: "市发改委", Role: store.RoleLead}}}}, nil); err != nil {
			t.Fatal(err)
		}
		editor := f.session(t, "editor", store.RoleEditor, store.Scope{})
		viewer := f.session(t, "viewer", store.RoleViewer, store.Scope{PlanID: p.ID})
		for _, target := range []string{"/", "/plans/" + p.ID, "/api/v1/plans/" + p.ID, "/api/v1/plans", "/alerts", "/my", "/plans/" + p.ID + "/report?format=xlsx"} {
			if rec := f.do("GET", target, editor, nil, nil); rec.Code != 200 {
				t.Errorf("%s with a plan of no period: %d\n%.300s", target, rec.Code, rec.Body.String())
			}
		}
		page := f.do("GET", "/plans/"+p.ID, editor, nil, nil).Body.String()
		if !strings.Contains(page, "期限未设置") || !strings.Contains(page, `<a href="#settings">在计划设置中填写期限</a>`) {
			t.Errorf("the plan page does not say the period is not set and how to set it")
		}
		if page := f.do("GET", "/plans/"+p.ID, viewer, nil, nil).Body.String(); !strings.Contains(page, "请计划编辑人员在计划设置中填写") {
			t.Errorf("the viewer is not told who sets the period")
		}

		path := "/plans/" + p.ID + "/settings"
		steps := []struct {
			name       string
			form       url.Values
			status     int
			kind       string
			start, end int
		}{
			{"years", url.Values{"rhythm": {"monthly"}, "start_year": {"2023"}, "end_year": {"2025"}}, 303, "工作方案", 2023, 2025},
			{"years not numbers", url.Values{"rhythm": {"monthly"}, "start_year": {"二〇二三"}}, 400, "工作方案", 2023, 2025},
			{"years backwards", url.Values{"rhythm": {"monthly"}, "start_year": {"2025"}, "end_year": {"2023"}}, 400, "工作方案", 2023, 2025},
			{"one-year kind over three", url.Values{"rhythm": {"monthly"}, "kind": {"工作要点"}}, 400, "工作方案", 2023, 2025},
			{"one-year kind, one year", url.Values{"rhythm": {"monthly"}, "kind": {"工作要点"}, "start_year": {"2025"}}, 303, "工作要点", 2025, 2025},
		}
		for _, s := range steps {
			s.form.Set("csrf_token", editor.csrf)
			rec := f.do("POST", path, editor, nil, s.form)
			got, _ := st.Plan(ctx, p.ID)
			if rec.Code != s.status || got.Kind != s.kind || got.StartYear != s.start || got.EndYear != s.end {
				t.Errorf("%s: %d, plan %s %d–%d; want %d, %s %d–%d", s.name, rec.Code, got.Kind, got.StartYear, got.EndYear, s.status, s.kind, s.start, s.end)
			}
		}
		page = f.do("GET", "/plans/"+p.ID, editor, nil, nil).Body.String()
		if strings.Contains(page, "期限未设置") || !strings.Contains(page, "工作要点（一年）") {
			t.Errorf("the plan page does not show the kind and period set")
		}
		rec := f.doJSON("POST", "/api/v1/plans/"+p.ID+"/settings", editor, `{"kind": "行动计划", "period": "2024-2026"}`, true)
		var got apiPlanSettings
		if err := json.Unmarshal(rec.Body.Bytes(), &got); rec.Code != 200 || err != nil || got.Kind != "行动计划" || got.Span != "stated" ||
			got.StartYear != 2024 || got.EndYear != 2026 {
			t.Errorf("API settings: %d %+v %v", rec.Code, got, err)
		}
		if rec := f.doJSON("POST", "/api/v1/plans/"+p.ID+"/settings", editor, `{"period": "十四五"}`, true); rec.Code != 400 {
			t.Errorf("API, a period not read: %d", rec.Code)
		}
		entries, _ := st.Audit(ctx, store.AuditFilter{Action: "plan.settings", EntityID: p.ID})
		if len(entries) != 3 || !strings.Contains(string(entries[0].After), `"period":"2024–2026"`) {
			t.Errorf("audit entries: %d, newest %s", len(entries), entries[0].After)
		}
	})
}
