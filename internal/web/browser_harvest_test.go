package web

import (
	"context"
	"path/filepath"
	"testing"

	"planwatch/internal/harvest"
	"planwatch/internal/library"
	"planwatch/internal/store"
)

// TestBrowserHarvestInbox opens a plan's harvest inbox in headless
// Chromium as its editor: the next year's report is in the library, the
// back-fill button proposes its figures, the source sentence and the
// snapshot link are on the page, a corrected value is accepted by a click
// and "not this indicator" closes another; the store has the observation
// with its source. Skipped without Chromium (see browserFixture).
func TestBrowserHarvestInbox(t *testing.T) {
	f, bin, base := browserFixture(t)
	ctx := context.Background()
	p := harvestPlan(t, f.st)
	r := library.New(f.st, library.Options{}).Add(ctx, filepath.Join("..", "harvest", "testdata", "shaoxing_2024.txt"), nil)
	if r.Err != nil {
		t.Fatal(r.Err)
	}
	const password = "Harvest-2025-office"
	browserUser(t, f, "li", "李编辑", password, store.RoleEditor, store.Scope{PlanID: p.ID})
	b := startBrowser(t, bin)
	signIn(t, b, base, "li", password)

	b.open(base + "/plans/" + p.ID)
	b.click(`#harvest-link a`)
	b.waitFor(`location.pathname.endsWith("/harvest")`)
	b.click(`#harvest-run`)
	b.waitFor(`document.body.innerText.includes("地区生产总值增长7.8%")`)
	if got := b.text(`document.querySelector("#harvest-waiting").textContent`); got != "4" {
		t.Errorf("waiting: %s, want the report's 4 figures", got)
	}
	if b.text(`String(!!document.querySelector('a[href*="/documents/`+r.DocumentID+`?version=1&mark="]'))`) != "true" {
		t.Error("no link to the snapshot")
	}
	b.screenshot(filepath.Join(artifactsDir(t), "web-harvest.png"))

	hs, err := f.st.HarvestProposals(ctx, store.HarvestFilter{PlanID: p.ID})
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]store.HarvestProposal{}
	for _, h := range hs {
		byName[h.IndicatorName] = h
	}
	jobs, rd := byName["城镇新增就业"], byName["研发经费投入强度"]
	row := "#harvest-" + jobs.ID
	b.fill(row+` input[name="value"]`, "5.61万人")
	b.click(row + ` button[value="accept"]`)
	b.waitFor(`document.querySelector("#harvest-waiting").textContent === "3"`)
	b.click("#harvest-" + rd.ID + ` button[value="wrong"]`)
	b.waitFor(`document.querySelector("#harvest-waiting").textContent === "2"`)

	ind, err := f.st.Indicator(ctx, jobs.IndicatorID)
	if err != nil || len(ind.Observations) != 1 || ind.Observations[0].Value != 56100 {
		t.Fatalf("jobs observations: %+v %v", ind.Observations, err)
	}
	got, err := f.st.HarvestProposal(ctx, rd.ID)
	if err != nil || got.State != store.HarvestWrong {
		t.Errorf("研发: %+v %v, want not this indicator", got, err)
	}
	// Matching again offers nothing decided.
	if sum, err := harvest.New(f.st, nil, 0).Plan(ctx, p.ID); err != nil || sum.Proposed != 0 {
		t.Errorf("back-fill again: %+v %v", sum, err)
	}
}
