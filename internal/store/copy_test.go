package store_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"planwatch/internal/store"
)

// TestCopySQLiteToPostgres moves a library with a plan tree from SQLite to
// PostgreSQL and finds the same rows, bytes and search results there.
func TestCopySQLiteToPostgres(t *testing.T) {
	admin := os.Getenv("PLANWATCH_TEST_POSTGRES")
	if admin == "" {
		t.Skip("PLANWATCH_TEST_POSTGRES not set")
	}
	ctx := context.Background()
	src, err := store.Open(ctx, filepath.Join(t.TempDir(), "src.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	body := []byte("嘉善县接轨上海实施方案\n到2023年，实际利用沪资达到120亿元。")
	docID, _, err := src.SaveSnapshot(ctx, &store.Snapshot{
		Document: store.Document{Source: "/docs/jiashan.txt", Title: "嘉善县接轨上海实施方案"},
		Version:  store.Version{SHA256: sha(body), Size: int64(len(body)), Format: "text", Text: string(body), Original: string(body), Extraction: []byte("{}")},
		Bytes:    body,
	})
	if err != nil {
		t.Fatal(err)
	}
	plan := store.Plan{Title: "嘉善县接轨上海实施方案", DocumentID: docID, Level: store.LevelCounty, StartYear: 2021, EndYear: 2023}
	items := []store.Item{
		{ID: "g", Kind: store.KindGroup, Number: "（一）", Title: "产业协同"},
		{ID: "t", ParentID: "g", Kind: store.KindTask, Number: "1", Title: "共建产业园",
			Units: []store.Assignment{{Unit: "县发改局", Role: store.RoleLead}}},
	}
	binding := []store.Indicator{{Name: "实际利用沪资", Key: "实际利用沪资", Unit: "元", Direction: store.DirectionUp, Binding: true,
		Targets: []store.Target{{Year: 2023, Value: 1.2e10, Op: ">="}}}}
	if err := src.SavePlanTree(ctx, &plan, items, binding); err != nil {
		t.Fatal(err)
	}
	// The registry and an approved extension travel too.
	unit, err := src.FindUnit(ctx, "", "县发改局")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := src.AddUnitAliases(ctx, unit.ID, []string{"县发展和改革局"}, store.AuditEntry{ActorLogin: "test"}); err != nil {
		t.Fatal(err)
	}
	if _, err := src.ExtendItem(ctx, store.Extension{ItemID: items[1].ID, NewDeadline: "2024-06-30", Reason: "延后",
		ApprovedBy: "县政府"}, store.AuditEntry{ActorLogin: "test"}); err != nil {
		t.Fatal(err)
	}
	// And the plan's projects with their reports.
	projects := []store.Project{{Name: "嘉善产业园", ItemID: items[1].ID, Lead: "县发改局", Total: 35000 * store.WanScale,
		Years: []store.ProjectYear{{Year: 2023, Planned: 9000 * store.WanScale}}}}
	if err := src.SaveProjects(ctx, plan.ID, projects); err != nil {
		t.Fatal(err)
	}
	if err := src.AddProjectReports(ctx, []store.ProjectReport{{ProjectID: projects[0].ID, Month: "2023-03",
		MonthDone: 800 * store.WanScale, YearDone: 2000 * store.WanScale, Author: "t", Source: "test"}}); err != nil {
		t.Fatal(err)
	}
	dst, err := store.Open(ctx, wholeDatabase(t, admin), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close()
	counts, err := store.Copy(ctx, src, dst)
	if err != nil {
		t.Fatal(err)
	}
	if counts["documents"] != 1 || counts["items"] != 2 || counts["indicators"] != 1 {
		t.Errorf("copied counts = %v", counts)
	}
	if it, err := dst.Item(ctx, items[1].ID); err != nil || len(it.Extensions) != 1 || it.Deadline != "2024-06-30" {
		t.Errorf("extended task on the target = %+v, %v", it, err)
	}
	if u, err := dst.FindUnit(ctx, "", "县发展和改革局"); err != nil || u.ID != unit.ID || !u.Confirmed {
		t.Errorf("unit on the target = %+v, %v", u, err)
	}
	inds, err := dst.Indicators(ctx, plan.ID)
	if err != nil || len(inds) != 1 || !inds[0].Binding {
		t.Errorf("indicators on the target = %+v, %v", inds, err)
	}
	if ps, err := dst.Projects(ctx, plan.ID); err != nil || len(ps) != 1 || ps[0].Lead != "县发改局" || ps[0].Planned(2023) != 9000*store.WanScale {
		t.Errorf("projects on the target = %+v, %v", ps, err)
	}
	if reps, err := dst.ProjectReports(ctx, plan.ID); err != nil || len(reps) != 1 {
		t.Errorf("project reports on the target = %+v, %v", reps, err)
	}
	if hits, _, err := dst.Search(ctx, store.SearchQuery{Text: "利用沪资"}); err != nil || len(hits) != 1 {
		t.Errorf("search on the target = %d hits, %v", len(hits), err)
	}
	if _, err := store.Copy(ctx, src, dst); err == nil {
		t.Error("copying into a store that has documents should be refused")
	}
}
