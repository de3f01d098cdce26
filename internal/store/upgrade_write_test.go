package store_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"planwatch/internal/extract"
	"planwatch/internal/library"
	"planwatch/internal/store"
	"planwatch/internal/track"
)

// TestWriteUpgradeFixture makes this release's upgrade fixture through the
// real pipeline (run only with -upgrade.write): the sample plan added and
// then revised (two versions, their blobs and extractions), tracked as a
// plan with units, progress updates, indicators and observations, two
// accounts with a session and an API token, and audit entries.
func TestWriteUpgradeFixture(t *testing.T) {
	if !*writeUpgradeFixture {
		t.Skip("writes testdata/upgrade/NNNN.json only with -upgrade.write")
	}
	ctx := context.Background()
	dir := t.TempDir()
	st, err := store.Open(ctx, filepath.Join(dir, "fixture.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}

	sample, err := os.ReadFile(filepath.Join("..", "cli", "samples", "sample_plan.txt"))
	must(err)
	path := filepath.Join(dir, "sample_plan.txt")
	must(os.WriteFile(path, sample, 0o644))
	lib := library.New(st, library.Options{})
	r := lib.Add(ctx, path, []string{"示例"})
	must(r.Err)
	must(os.WriteFile(path, append(sample, []byte("\n（本方案自印发之日起施行，2025年修订。）\n")...), 0o644))
	r2 := lib.Add(ctx, path, nil)
	must(r2.Err)
	if r2.Status != library.NewVersion {
		t.Fatalf("second add: %s, want a new version", r2.Status)
	}
	other := filepath.Join(dir, "notice.txt")
	must(os.WriteFile(other, []byte("关于开展2024年度重点任务督查的通知\n各区人民政府：\n请于12月底前报送重点任务完成情况。\n"), 0o644))
	must(lib.Add(ctx, other, []string{"通知"}).Err)

	docs, err := st.Documents(ctx, store.DocumentFilter{})
	must(err)
	var doc store.Document
	for _, d := range docs {
		if d.Versions == 2 {
			doc = d
		}
	}
	db, q := store.DB(st)
	// No machine path in the fixture: sources as a user's relative ones.
	for _, d := range docs {
		_, err := db.Exec(q(`UPDATE documents SET source = ? WHERE id = ?`), "documents/"+filepath.Base(d.Source), d.ID)
		must(err)
	}

	v, err := st.Version(ctx, doc.ID, 0)
	must(err)
	var res extract.Result
	must(json.Unmarshal(v.Extraction, &res))
	plan, items, inds := track.FromExtraction(&res, doc, v.Seq, track.GuessLevel(doc.RegionCode))
	must(st.SavePlanTree(ctx, &plan, items, inds))
	items, err = st.Items(ctx, plan.ID, store.ItemFilter{Kind: store.KindTask})
	must(err)
	if len(items) < 3 {
		t.Fatalf("the sample plan gave %d tasks", len(items))
	}
	var ups []store.Update
	for i, it := range items[:3] {
		unit := ""
		if len(it.Units) > 0 {
			unit = it.Units[0].Unit
		}
		ups = append(ups, store.Update{ItemID: it.ID, Unit: unit, Date: "2024-06-30", Status: track.Statuses()[1+i%3],
			Progress: 30 + 20*i, Note: fmt.Sprintf("第%d项任务按计划推进。", i+1), Author: "fixture", Source: "cli"})
	}
	must(st.AddUpdates(ctx, ups))
	inds, err = st.Indicators(ctx, plan.ID)
	must(err)
	if len(inds) == 0 {
		base := 12.5
		ind := store.Indicator{PlanID: plan.ID, Name: "研发经费投入强度", Key: track.Key("研发经费投入强度"), Unit: "%",
			Direction: store.DirectionUp, BaselineValue: &base, BaselineYear: 2020}
		must(st.AddIndicator(ctx, &ind))
		inds = append(inds, ind)
	}
	must(st.AddObservations(ctx, []store.Observation{
		{IndicatorID: inds[0].ID, Period: "2023", Value: 13.25, Source: "统计公报"},
		{IndicatorID: inds[0].ID, Period: "2024-Q2", Value: 14, Source: "季报", Revised: true},
	}))

	// A district's plan entered by hand, carrying out the city's: plan and
	// item links, and a region group to compare them in.
	child := store.Plan{Title: "某区落实方案", RegionCode: plan.RegionCode, RegionName: plan.RegionName,
		Level: store.LevelCounty, StartYear: plan.StartYear, EndYear: plan.EndYear}
	childTask := store.Item{Kind: store.KindTask, Number: "1", Title: "落实" + items[0].Title, Deadline: "2025-12-31",
		Units: []store.Assignment{{Unit: "区发改局", Role: store.RoleLead}}}
	must(st.SavePlanTree(ctx, &child, []store.Item{childTask}, nil))
	must(st.LinkPlans(ctx, child.ID, plan.ID))
	childItems, err := st.Items(ctx, child.ID, store.ItemFilter{})
	must(err)
	must(st.SetItemLink(ctx, store.ItemLink{ItemID: childItems[0].ID, ParentItemID: items[0].ID, Confirmed: true, Score: 0.75}))
	must(st.SaveRegionGroup(ctx, store.RegionGroup{Name: "示例城市群", Codes: []string{"330100", "330200"}}))

	admin, err := st.CreateUser(ctx, store.User{Login: "admin", Name: "管理员", Role: "admin",
		PasswordHash: "$argon2id$v=19$m=65536,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g"})
	must(err)
	_, err = st.CreateUser(ctx, store.User{Login: "fgw", Name: "市发改委", Role: "reporter",
		PasswordHash: admin.PasswordHash, Scopes: []store.Scope{{PlanID: plan.ID, Unit: "市发改委"}}})
	must(err)
	session, err := st.CreateSession(ctx, admin.ID, 0, "Mozilla/5.0 fixture", "127.0.0.1")
	must(err)
	token, _, err := st.CreateAPIToken(ctx, admin.ID, "cron", 0)
	must(err)
	_, err = st.ServerSecret(ctx, "session")
	must(err)
	for _, e := range []store.AuditEntry{
		{ActorLogin: "cli:root", Action: "user.create", EntityType: "user", EntityID: admin.ID, After: json.RawMessage(`{"login":"admin"}`)},
		{ActorID: admin.ID, ActorLogin: "admin", Action: "plan.create", EntityType: "plan", EntityID: plan.ID, IP: "127.0.0.1"},
		{ActorID: admin.ID, ActorLogin: "admin", Action: "update.post", EntityType: "item", EntityID: items[0].ID,
			After: json.RawMessage(`{"progress":30}`), RequestID: "req-1"},
	} {
		_, err := st.AppendAudit(ctx, e)
		must(err)
	}

	fx := upgradeFixture{
		Version:      store.LatestMigration(t, "sqlite"),
		SessionToken: session,
		SessionAt:    time.Now().Add(time.Minute).UnixMilli(),
		APIToken:     token,
		Tables:       dumpTables(t, st),
		Expect:       upgradeCheck{DocumentID: doc.ID, PlanID: plan.ID, ChildPlanID: child.ID, AdminLogin: "admin"},
	}
	out, err := json.MarshalIndent(fx, "", " ")
	must(err)
	file := filepath.Join("testdata", "upgrade", fmt.Sprintf("%04d.json", fx.Version))
	must(os.MkdirAll(filepath.Dir(file), 0o755))
	must(os.WriteFile(file, append(out, '\n'), 0o644))
	t.Logf("wrote %s: %d bytes", file, len(out))
}
