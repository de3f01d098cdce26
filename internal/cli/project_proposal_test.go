package cli

import (
	"context"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
	"planwatch/internal/web"
)

// projectPlanText is a made-up plan: a project named with its investment
// in a task's sentence, and an annexed project table.
const projectPlanText = `绍兴市2026年重大项目推进方案

一、重点任务
（一）完善交通网络。推进总投资30亿元的滨湖快速路项目建设，加快形成环城快速通道。
（二）推进水利工程建设。实施防洪排涝能力提升行动。

二、保障措施
加强组织领导，市发改委牵头建立推进机制。

附件
2026年重大项目表
序号	项目名称	建设内容	建设年限	总投资（亿元）	2026年计划投资（万元）	牵头单位
1	镜湖排涝泵站工程	新建泵站3座	2025-2027	4.6	12000	市水利局
2	城东储能电站	建设储能电站一座	2026年	0.9	9000	市发改委
`

// TestProjectProposalScenario is a project's way from a document to the
// project list on each back end: proposed with the figures the document
// states, confirmed through the command line and the API like any other
// proposal, and then a project record with its investment, years, lead
// unit and task; the one dismissed makes none.
func TestProjectProposalScenario(t *testing.T) {
	for _, backend := range storetest.Backends() {
		t.Run(backend, func(t *testing.T) { playProjectProposals(t, storetest.FreshDSN(t, backend)) })
	}
}

func playProjectProposals(t *testing.T, db string) {
	ctx := context.Background()
	cli := func(want int, args ...string) string {
		t.Helper()
		code, out, errOut := run(t, "Plan-2025-office\n", append(args, "--db", db)...)
		if code != want {
			t.Fatalf("%v = %d, want %d\n%s%s", args, code, want, out, errOut)
		}
		return out + errOut
	}
	doc := filepath.Join(t.TempDir(), "重大项目推进方案.txt")
	if err := os.WriteFile(doc, []byte(projectPlanText), 0o644); err != nil {
		t.Fatal(err)
	}
	cli(exitOK, "add", doc)
	docID := regexp.MustCompile(`^[0-9a-z]{16}`).FindString(cli(exitOK, "list"))
	plan := regexp.MustCompile(`plan ([0-9a-z]{16})`).FindStringSubmatch(cli(exitOK, "plan", "create", "--from", docID))[1]
	list := cli(exitOK, "proposal", "list", "--kind", "project", plan)
	proposed := map[string]string{}
	for _, m := range regexp.MustCompile(`(?m)^\[项目\] ([0-9a-z]{16})  ([^\s〔]+)`).FindAllStringSubmatch(list, -1) {
		proposed[m[2]] = m[1]
	}
	for _, name := range []string{"滨湖快速路项目", "镜湖排涝泵站工程", "城东储能电站"} {
		if proposed[name] == "" {
			t.Fatalf("%s not proposed:\n%s", name, list)
		}
	}
	if !strings.Contains(list, "总投资4.6亿元") || !strings.Contains(list, "总投资30亿元") {
		t.Errorf("the reviewer does not see the investments:\n%s", list)
	}
	if n, err := countProjects(ctx, db); err != nil || n != 0 {
		t.Fatalf("projects before review = %d, %v; want none", n, err)
	}

	// One confirmed from the command line, one dismissed, the rest
	// through the API.
	cli(exitOK, "proposal", "confirm", plan, proposed["滨湖快速路项目"])
	cli(exitOK, "proposal", "dismiss", plan, proposed["城东储能电站"], "--reason", "已列入省级项目")
	cli(exitOK, "user", "add", "admin", "--role", "admin", "--password-stdin")
	st, err := store.Open(ctx, db, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	srv, err := web.New(ctx, st, nil, web.Options{Version: "test", Now: time.Now})
	if err != nil {
		t.Fatal(err)
	}
	b := signIn(t, st, srv, "admin")
	// The reviewer reads what the table's row states.
	var review struct {
		Proposals []struct{ Title, Summary string }
	}
	b.getJSON("/api/v1/plans/"+plan+"/proposals", &review)
	var summary string
	for _, p := range review.Proposals {
		if p.Title == "镜湖排涝泵站工程" {
			summary = p.Summary
		}
	}
	if !strings.Contains(summary, "总投资4.6亿元") || !strings.Contains(summary, "2025—2027") || !strings.Contains(summary, "新建泵站3座") {
		t.Errorf("the proposal's summary = %q", summary)
	}
	code, body := b.do("POST", "/api/v1/plans/"+plan+"/proposals", "application/json",
		[]byte(`{"decision": "confirm", "all": true, "kind": "project"}`))
	if code != http.StatusOK {
		t.Fatalf("API confirm = %d: %s", code, body)
	}

	saved, err := st.Projects(ctx, plan)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]store.Project{}
	for _, p := range saved {
		got[p.Name] = p
	}
	if len(saved) != 2 || got["城东储能电站"].ID != "" {
		t.Fatalf("projects = %+v; want the two confirmed", saved)
	}
	road, pump := got["滨湖快速路项目"], got["镜湖排涝泵站工程"]
	if road.Total != 300_000*store.WanScale || road.ItemID == "" {
		t.Errorf("滨湖快速路项目 = %+v; want 30亿元, linked to its task", road)
	} else if task, err := st.Item(ctx, road.ItemID); err != nil || task.Title != "完善交通网络" {
		t.Errorf("滨湖快速路项目 serves %q, %v; want 完善交通网络", task.Title, err)
	}
	if pump.Total != 46_000*store.WanScale || pump.StartYear != 2025 || pump.EndYear != 2027 || pump.Lead != "市水利局" ||
		pump.Planned(2026) != 12_000*store.WanScale || pump.Content != "新建泵站3座" {
		t.Errorf("镜湖排涝泵站工程 = %+v", pump)
	}
	out := cli(exitOK, "project", "list", plan)
	for _, want := range []string{"滨湖快速路项目", "30亿元", "镜湖排涝泵站工程", "4.6亿元", "市水利局"} {
		if !strings.Contains(out, want) {
			t.Errorf("project list lacks %q:\n%s", want, out)
		}
	}
	if es, err := st.Audit(ctx, store.AuditFilter{Action: store.AuditProposalConfirm}); err != nil || len(es) != 2 ||
		!strings.Contains(string(es[0].After)+string(es[1].After), pump.ID) {
		t.Errorf("audit of the confirmations = %d, %v; want two, naming the projects made", len(es), err)
	}

	// Renamed and deleted through each door, by plan editors only.
	cli(exitOK, "project", "rename", pump.ID, "镜湖排涝泵站一期工程", "--reason", "按批复名称")
	cli(exitUsage, "project", "delete", road.ID)
	cli(exitFail, "project", "rename", pump.ID, "滨湖快速路项目")
	code, body = b.do("POST", "/api/v1/projects/"+road.ID+"/name", "application/json", []byte(`{"name": "镜湖排涝泵站一期工程"}`))
	if code != http.StatusConflict {
		t.Errorf("API rename onto a taken name = %d: %s", code, body)
	}
	code, page := b.postForm("/projects/"+road.ID+"/name", url.Values{"name": {" "}, "reason": {"误操作"}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(page, `role="alert"`) {
		t.Errorf("web rename to nothing = %d", code)
	}
	if code, _ := b.postForm("/projects/"+road.ID+"/name", url.Values{"name": {"滨湖快速路工程"}, "reason": {"统一名称"}}); code != http.StatusSeeOther {
		t.Errorf("web rename = %d", code)
	}
	// A unit that reports on the plan's projects does not edit them.
	cli(exitOK, "user", "add", "slj", "--role", "reporter", "--unit", "市水利局", "--plan", plan, "--password-stdin")
	v := signIn(t, st, srv, "slj")
	if code, body := v.do("DELETE", "/api/v1/projects/"+road.ID, "application/json", []byte(`{"reason": "试试"}`)); code != http.StatusForbidden {
		t.Errorf("a reporter's delete = %d: %s", code, body)
	}
	if page := string(v.get("/projects/" + pump.ID)); strings.Contains(page, `id="delete-form"`) || !strings.Contains(page, `id="report-form"`) {
		t.Errorf("a reporter is offered the delete form, or not the report form")
	}
	if page := string(b.get("/projects/" + road.ID)); !strings.Contains(page, "滨湖快速路工程") || !strings.Contains(page, `id="delete-form"`) {
		t.Errorf("the editor's project page lacks the new name or the delete form")
	}
	if code, body := b.do("DELETE", "/api/v1/projects/"+road.ID, "application/json", []byte(`{}`)); code != http.StatusBadRequest {
		t.Errorf("API delete without a reason = %d: %s", code, body)
	}
	if code, body := b.do("DELETE", "/api/v1/projects/"+road.ID, "application/json", []byte(`{"reason": "并入城市更新项目"}`)); code != http.StatusOK {
		t.Errorf("API delete = %d: %s", code, body)
	}
	saved, err = st.Projects(ctx, plan)
	if err != nil || len(saved) != 1 || saved[0].Name != "镜湖排涝泵站一期工程" || saved[0].Total != pump.Total {
		t.Errorf("projects after the edits = %+v, %v; want the renamed pump station alone, its figures kept", saved, err)
	}
	cli(exitOK, "project", "delete", pump.ID, "--reason", "项目取消")
	if out := cli(exitOK, "project", "list", plan); strings.Contains(out, "镜湖") {
		t.Errorf("a deleted project is listed:\n%s", out)
	}
	for action, n := range map[string]int{store.AuditProjectRename: 2, store.AuditProjectDelete: 2} {
		if es, err := st.Audit(ctx, store.AuditFilter{Action: action}); err != nil || len(es) != n {
			t.Errorf("audit %s = %d, %v; want %d", action, len(es), err, n)
		}
	}
}

// countProjects counts the project records of every plan in db.
func countProjects(ctx context.Context, db string) (int, error) {
	st, err := store.Open(ctx, db, slog.New(slog.DiscardHandler))
	if err != nil {
		return 0, err
	}
	defer st.Close()
	plans, err := st.Plans(ctx, store.PlanFilter{})
	if err != nil {
		return 0, err
	}
	n := 0
	for _, p := range plans {
		ps, err := st.Projects(ctx, p.ID)
		if err != nil {
			return 0, err
		}
		n += len(ps)
	}
	return n, nil
}
