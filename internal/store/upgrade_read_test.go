package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"planwatch/internal/store"
)

// checkReadable reads the fixture's records back through the store's
// methods, as the web app and the commands do.
func checkReadable(t *testing.T, st *store.Store, fx upgradeFixture) {
	t.Helper()
	ctx := context.Background()
	rowsOf := func(table string) int {
		for _, tr := range fx.Tables {
			if tr.Name == table {
				return len(tr.Rows)
			}
		}
		return 0
	}

	d, err := st.Document(ctx, fx.Expect.DocumentID)
	if err != nil {
		t.Fatalf("document %s: %v", fx.Expect.DocumentID, err)
	}
	vs, err := st.Versions(ctx, d.ID)
	if err != nil || len(vs) != 2 || d.Versions != 2 {
		t.Fatalf("versions of %s: %d (document says %d), %v; want 2", d.ID, len(vs), d.Versions, err)
	}
	for _, v := range vs {
		full, err := st.Version(ctx, d.ID, v.Seq)
		if err != nil || full.Text == "" || len(full.Extraction) == 0 {
			t.Errorf("version %d of %s: text %d bytes, extraction %d bytes, %v", v.Seq, d.ID, len(full.Text), len(full.Extraction), err)
		}
		b, err := st.Blob(ctx, v.SHA256)
		if err != nil || int64(len(b)) != v.Size {
			t.Errorf("blob of version %d: %d bytes, want %d, %v", v.Seq, len(b), v.Size, err)
		}
	}
	if hits, total, err := st.Search(ctx, store.SearchQuery{Text: firstWord(d.Title), Limit: 10}); err != nil || total == 0 ||
		!slices.ContainsFunc(hits, func(h store.SearchHit) bool { return h.Document.ID == d.ID }) {
		t.Errorf("search for %q after the upgrade: %d hits, %v; want %s among them", firstWord(d.Title), total, err, d.ID)
	}

	p, err := st.Plan(ctx, fx.Expect.PlanID)
	if err != nil {
		t.Fatalf("plan %s: %v", fx.Expect.PlanID, err)
	}
	var items []store.Item
	for _, id := range []string{p.ID, fx.Expect.ChildPlanID} {
		its, err := st.Items(ctx, id, store.ItemFilter{IncludeDropped: true})
		if err != nil {
			t.Fatalf("items of plan %s: %v", id, err)
		}
		items = append(items, its...)
	}
	if len(items) != rowsOf("items") {
		t.Errorf("plan items: %d, want %d", len(items), rowsOf("items"))
	}
	// Step 110: the items a release before proposals tracked stay
	// confirmed, so every view still counts them; nothing awaits review.
	for _, it := range items {
		if it.Review != store.ReviewConfirmed {
			t.Errorf("item %s after step 110: review %q, want confirmed", it.ID, it.Review)
		}
	}
	for _, id := range []string{p.ID, fx.Expect.ChildPlanID} {
		if n, err := st.CountProposals(ctx, id); err != nil || n != 0 {
			t.Errorf("proposals of plan %s after the upgrade: %d, %v; want none", id, n, err)
		}
	}
	units := 0
	for _, it := range items {
		units += len(it.Units)
	}
	if units != rowsOf("item_units") {
		t.Errorf("item units read: %d, want %d", units, rowsOf("item_units"))
	}
	// Step 100 seeded the registry: each unit the plans name is a unit of
	// its plan's region, under its name as written, awaiting review.
	for _, id := range []string{p.ID, fx.Expect.ChildPlanID} {
		pl, err := st.Plan(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		reg, err := st.Units(ctx, store.UnitFilter{RegionCode: pl.RegionCode})
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range items {
			for _, a := range it.Units {
				if it.PlanID == id && !slices.ContainsFunc(reg, func(u store.Unit) bool {
					return u.Name == a.Unit && !u.Confirmed && u.CreatedBy == store.UnitSeeded
				}) {
					t.Errorf("unit %s of plan %s is not seeded in region %q: %+v", a.Unit, id, pl.RegionCode, reg)
				}
			}
		}
	}
	edits := 0
	for _, id := range []string{p.ID, fx.Expect.ChildPlanID} {
		e, err := st.ItemEdits(ctx, id)
		if err != nil {
			t.Fatalf("item edits of plan %s: %v", id, err)
		}
		edits += len(e)
	}
	if edits != rowsOf("item_edits") {
		t.Errorf("item edits: %d, want %d", edits, rowsOf("item_edits"))
	}
	tags, err := st.Tags(ctx)
	tagged := 0
	for _, tc := range tags {
		tagged += tc.Count
	}
	if err != nil || len(tags) != rowsOf("tags") || tagged != rowsOf("document_tags") {
		t.Errorf("tags: %d used %d times, want %d used %d times, %v", len(tags), tagged, rowsOf("tags"), rowsOf("document_tags"), err)
	}
	ups, err := st.PlanUpdates(ctx, p.ID, time.Now().Add(24*time.Hour))
	if err != nil || len(ups) != rowsOf("updates") {
		t.Errorf("plan updates: %d, want %d, %v", len(ups), rowsOf("updates"), err)
	}
	parents, err := st.ParentPlans(ctx, fx.Expect.ChildPlanID)
	if err != nil || len(parents) != 1 || parents[0].ID != p.ID {
		t.Errorf("parent plans of %s: %v, %v; want %s", fx.Expect.ChildPlanID, parents, err, p.ID)
	}
	links, err := st.ItemLinks(ctx, fx.Expect.ChildPlanID)
	if err != nil || len(links) != rowsOf("item_links") || (len(links) > 0 && !links[0].Confirmed) {
		t.Errorf("item links: %+v, %v; want %d confirmed", links, err, rowsOf("item_links"))
	}
	groups, err := st.RegionGroups(ctx)
	if err != nil || !slices.ContainsFunc(groups, func(g store.RegionGroup) bool { return g.Name == "示例城市群" && len(g.Codes) == 2 }) {
		t.Errorf("region groups: %+v, %v; want 示例城市群 with 2 codes", groups, err)
	}
	inds, err := st.Indicators(ctx, p.ID)
	if err != nil || len(inds) != rowsOf("indicators") {
		t.Errorf("indicators: %d, want %d, %v", len(inds), rowsOf("indicators"), err)
	}
	obs, err := st.ObservationsAsOf(ctx, p.ID, time.Now().Add(24*time.Hour))
	if err != nil || len(obs) != rowsOf("observations") {
		t.Errorf("observations: %d, want %d, %v", len(obs), rowsOf("observations"), err)
	}

	u, err := st.UserByLogin(ctx, fx.Expect.AdminLogin)
	if err != nil || u.Role != "admin" || u.PasswordHash == "" {
		t.Errorf("user %s: role %q, %v", fx.Expect.AdminLogin, u.Role, err)
	}
	if _, who, err := st.APITokenUser(ctx, fx.APIToken); err != nil || who.ID != u.ID {
		t.Errorf("API token after the upgrade: user %q, %v; want %s", who.Login, err, u.Login)
	}
	if _, who, err := st.SessionByTokenAt(ctx, fx.SessionToken, time.UnixMilli(fx.SessionAt)); err != nil || who.ID != u.ID {
		t.Errorf("session after the upgrade: user %q, %v; want %s", who.Login, err, u.Login)
	}
	head, err := st.VerifyAudit(ctx)
	if err != nil || head.Entries != int64(rowsOf("audit_log")) {
		t.Errorf("audit chain after the upgrade: %d entries, want %d, %v", head.Entries, rowsOf("audit_log"), err)
	}
}

// firstWord is a search term from a title: its first four characters.
func firstWord(title string) string {
	r := []rune(title)
	return string(r[:min(4, len(r))])
}
