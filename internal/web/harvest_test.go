package web

import (
	"context"
	"encoding/json"
	"html"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"planwatch/internal/extract"
	"planwatch/internal/library"
	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
	"planwatch/internal/track"
)

// harvestPlan stores the 2023 work report of internal/harvest's testdata
// and makes a plan of it with its indicators confirmed.
func harvestPlan(t *testing.T, st *store.Store) store.Plan {
	t.Helper()
	ctx := context.Background()
	r := library.New(st, library.Options{}).Add(ctx, filepath.Join("..", "harvest", "testdata", "shaoxing_2023.txt"), nil)
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	v, err := st.Version(ctx, r.DocumentID, 0)
	if err != nil {
		t.Fatal(err)
	}
	var ext extract.Result
	if err := json.Unmarshal(v.Extraction, &ext); err != nil {
		t.Fatal(err)
	}
	d, err := st.Document(ctx, r.DocumentID)
	if err != nil {
		t.Fatal(err)
	}
	p, items, inds := track.FromExtraction(&ext, d, v.Seq, "")
	for i := range inds {
		inds[i].Review = store.ReviewConfirmed
	}
	if err := st.SavePlanTree(ctx, &p, items, inds); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestHarvestInbox plays the inbox in the web app and the API: the next
// report uploaded through the web is matched at once, the page lists its
// figures with sentence and snapshot link, a refused value comes back
// beside its figure, accept with a corrected value records an
// observation citing the document, reject and not-this-indicator close
// theirs, the API lists and decides, and a viewer may do none of it.
func TestHarvestInbox(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		f := seed(t, st)
		ctx := context.Background()
		p := harvestPlan(t, st)
		report, err := os.ReadFile(filepath.Join("..", "harvest", "testdata", "shaoxing_2024.txt"))
		if err != nil {
			t.Fatal(err)
		}
		if rec := f.upload(t, "/documents", f.admin, nil, documentField, "shaoxing_2024.txt", report); rec.Code != 303 {
			t.Fatalf("upload = %d\n%.400s", rec.Code, rec.Body.String())
		}
		base := "/plans/" + p.ID + "/harvest"
		if rec := f.get("GET", "/plans/"+p.ID, nil); !strings.Contains(rec.Body.String(), "待确认 4") {
			t.Errorf("plan page: no link to the 4 figures awaiting a decision\n%.3000s", rec.Body.String())
		}
		rec := f.get("GET", base, nil)
		body := rec.Body.String()
		if rec.Code != 200 || !strings.Contains(body, "地区生产总值增长7.8%") || !strings.Contains(body, "?version=1&amp;mark=") {
			t.Fatalf("inbox = %d, want the report's sentence and snapshot link\n%.2000s", rec.Code, body)
		}
		// The snapshot link highlights the sentence in its document.
		m := regexp.MustCompile(`href="(/documents/[^"]+mark=[^"]+)"`).FindStringSubmatch(body)
		if m == nil {
			t.Fatal("no snapshot link")
		}
		link, _, _ := strings.Cut(html.UnescapeString(m[1]), "#") // a browser keeps the fragment to itself
		if rec := f.get("GET", link, nil); rec.Code != 200 || !strings.Contains(rec.Body.String(), "hl-focus") {
			t.Errorf("snapshot %s = %d, want the sentence marked", m[1], rec.Code)
		}
		var list apiHarvestList
		rec = f.get("GET", "/api/v1"+base, nil)
		if rec.Code != 200 || json.Unmarshal(rec.Body.Bytes(), &list) != nil || len(list.Proposals) != 4 {
			t.Fatalf("API list = %d\n%s", rec.Code, rec.Body.String())
		}
		if rec := f.get("GET", "/api/v1"+base+"?state=maybe", nil); rec.Code != 400 || !strings.Contains(rec.Body.String(), `"bad_request"`) {
			t.Errorf("API state=maybe = %d %s, want a 400 naming it", rec.Code, rec.Body.String())
		}
		if rec := f.get("GET", "/api/v1/plans/nosuchplan/harvest", nil); rec.Code != 404 {
			t.Errorf("API unknown plan = %d, want 404", rec.Code)
		}
		by := map[string]apiHarvestProposal{}
		for _, h := range list.Proposals {
			by[h.Indicator] = h
		}
		gdp, jobs, cpi, rd := by["地区生产总值增长"], by["城镇新增就业"], by["居民消费价格涨幅"], by["研发经费投入强度"]
		if gdp.Value != 7.8 || gdp.Period != "2023" || jobs.ValueText != "5.6万人" || rd.ID == "" || cpi.ID == "" {
			t.Fatalf("proposals: %+v", list.Proposals)
		}

		// A value that is no figure comes back beside it, nothing written.
		form := url.Values{"csrf_token": {f.admin.csrf}, "decision": {"accept"}, "value": {"七点八"}, "period": {"2023"}}
		rec = f.do("POST", base+"/"+gdp.ID, f.admin, nil, form)
		if rec.Code != 400 || !strings.Contains(rec.Body.String(), `role="alert"`) || !strings.Contains(rec.Body.String(), "七点八") {
			t.Errorf("bad value = %d\n%.1500s", rec.Code, rec.Body.String())
		}
		// Accepted with a corrected value: an observation citing the document.
		form.Set("value", "7.9")
		if rec = f.do("POST", base+"/"+gdp.ID, f.admin, nil, form); rec.Code != 303 {
			t.Fatalf("accept = %d\n%.600s", rec.Code, rec.Body.String())
		}
		ind, err := st.Indicator(ctx, gdp.IndicatorID)
		if err != nil || len(ind.Observations) != 1 || ind.Observations[0].Value != 7.9 ||
			!strings.Contains(ind.Observations[0].Source, gdp.DocumentID) {
			t.Errorf("after accepting: %+v %v", ind.Observations, err)
		}
		// Reject from the page; not this indicator through the API.
		form = url.Values{"csrf_token": {f.admin.csrf}, "decision": {"reject"}}
		if rec = f.do("POST", base+"/"+cpi.ID, f.admin, nil, form); rec.Code != 303 {
			t.Errorf("reject = %d", rec.Code)
		}
		rec = f.get("POST", "/api/v1"+base+"/"+rd.ID, map[string]string{"Content-Type": "application/json"})
		if rec.Code != 400 {
			t.Errorf("API decision without a body = %d, want 400", rec.Code)
		}
		rec = f.doJSON("POST", "/api/v1"+base+"/"+rd.ID, f.admin, `{"decision":"wrong","note":"口径不同"}`, true)
		var decided apiHarvestProposal
		if rec.Code != 200 || json.Unmarshal(rec.Body.Bytes(), &decided) != nil || decided.State != store.HarvestWrong {
			t.Errorf("API wrong = %d %s", rec.Code, rec.Body.String())
		}
		if rec = f.doJSON("POST", "/api/v1"+base+"/"+rd.ID, f.admin, `{"decision":"accept"}`, true); rec.Code != 409 {
			t.Errorf("deciding again = %d, want 409", rec.Code)
		}
		// The back-fill finds nothing new; the inbox keeps the one open.
		var run apiHarvestRun
		rec = f.doJSON("POST", "/api/v1"+base, f.admin, ``, true)
		if rec.Code != 200 || json.Unmarshal(rec.Body.Bytes(), &run) != nil || run.Proposed != 0 || run.Documents < 2 {
			t.Errorf("back-fill = %d %s", rec.Code, rec.Body.String())
		}
		rec = f.get("GET", "/api/v1"+base, nil)
		if json.Unmarshal(rec.Body.Bytes(), &list) != nil || len(list.Proposals) != 1 || list.Proposals[0].ID != jobs.ID {
			t.Errorf("left open: %s", rec.Body.String())
		}
		// A viewer may not see or decide the inbox.
		viewer := f.session(t, "viewer", store.RoleViewer, store.Scope{PlanID: p.ID})
		if rec := f.do("GET", base, viewer, nil, nil); rec.Code != 403 {
			t.Errorf("viewer inbox = %d, want 403", rec.Code)
		}
		form = url.Values{"csrf_token": {viewer.csrf}, "decision": {"accept"}}
		if rec := f.do("POST", base+"/"+jobs.ID, viewer, nil, form); rec.Code != 403 {
			t.Errorf("viewer accept = %d, want 403", rec.Code)
		}
	})
}
