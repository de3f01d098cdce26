package web

import (
	"context"
	"encoding/json"
	"net/url"
	"strings"
	"testing"

	"planwatch/internal/extract"
	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
	"planwatch/internal/track"
)

// TestPlanWithBlanks: a plan made from an extraction that gave no title
// and no years, with a range target and a 左右 one, shows on every page,
// in the API and in each report format, the stand-in title marked and
// the targets as stated; the settings form asks for a title and takes one.
func TestPlanWithBlanks(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		f := seed(t, st)
		year := 2026
		res := &extract.Result{
			Tasks: []extract.Task{{Number: "1", Title: "稳住经济大盘", Text: "稳住经济大盘。", LeadUnits: []string{"省发展改革委"}}},
			Targets: []extract.Quantity{
				{Indicator: "地区生产总值增长", Value: 4.5, Unit: "%", Op: ">=", Year: &year, Bound: "lower"},
				{Indicator: "地区生产总值增长", Value: 5, Unit: "%", Op: "<=", Year: &year, Bound: "upper"},
				{Indicator: "居民消费价格涨幅", Value: 2, Unit: "%", Op: "=", Approx: true},
			},
		}
		plan, items, inds := track.FromExtraction(res, store.Document{ID: f.docID, Source: "/data/gwr_blank.txt"}, 1, "")
		plan.StartYear, plan.EndYear = 0, 0 // a document that names no year at all
		if err := st.SavePlanTree(ctx, &plan, items, inds); err != nil {
			t.Fatal(err)
		}
		confirmProposals(t, st, plan.ID)
		tasks, err := st.Items(ctx, plan.ID, store.ItemFilter{Kind: store.KindTask})
		if err != nil || len(tasks) != 1 {
			t.Fatalf("tasks %d, %v", len(tasks), err)
		}
		if !strings.HasPrefix(plan.Title, track.UntitledMark) {
			t.Fatalf("plan title %q", plan.Title)
		}
		pages := []struct {
			path, want string
		}{
			{"/plans/" + plan.ID, "4.5%—5%（2026年）"},
			{"/plans/" + plan.ID, `placeholder="文件未写明标题，请填写"`},
			{"/tasks/" + tasks[0].ID, "稳住经济大盘"},
			{"/", track.UntitledMark},
			{"/api/v1/plans/" + plan.ID, `"target_max":5`},
			{"/plans/" + plan.ID + "/report", "≈2%"},
			{"/plans/" + plan.ID + "/report?format=docx", ""},
			{"/plans/" + plan.ID + "/report?format=xlsx", ""},
			{"/compare?indicator=" + url.QueryEscape("经济增长") + "&year=2026", "4.5%–5%"},
			{"/compare?indicator=" + url.QueryEscape("经济增长"), "—"},
			{"/api/v1/compare?indicator=" + url.QueryEscape("CPI涨幅"), `"target_text":"≈2%"`},
			{"/compare?indicator=x&year=next", ""},
		}
		for _, p := range pages {
			rec := f.get("GET", p.path, nil)
			wantCode := 200
			if strings.HasSuffix(p.path, "year=next") {
				wantCode = 400
			}
			if rec.Code != wantCode || !strings.Contains(rec.Body.String(), p.want) {
				t.Errorf("GET %s = %d, want %d with %q\n%.2000s", p.path, rec.Code, wantCode, p.want, rec.Body.String())
			}
		}

		// The title is given on the plan page's settings form.
		form := url.Values{"csrf_token": {f.admin.csrf}, "rhythm": {"monthly"}, "title": {"2026年某省政府工作报告"}}
		if rec := f.do("POST", "/plans/"+plan.ID+"/settings", f.admin, nil, form); rec.Code != 303 {
			t.Fatalf("settings form = %d\n%s", rec.Code, rec.Body.String())
		}
		rec := f.get("GET", "/api/v1/plans/"+plan.ID, nil)
		var got apiPlanDetail
		if err := json.Unmarshal(rec.Body.Bytes(), &got); err != nil || got.Plan.Title != "2026年某省政府工作报告" {
			t.Errorf("after the form the plan is titled %q (%v)", got.Plan.Title, err)
		}
		if strings.Contains(f.get("GET", "/plans/"+plan.ID, nil).Body.String(), "文件未写明标题") {
			t.Error("the form still asks for a title")
		}
	})
}
