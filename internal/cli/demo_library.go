package cli

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"planwatch/internal/config"
	"planwatch/internal/extract"
	"planwatch/internal/store"
	"planwatch/internal/track"
	"planwatch/internal/web"
	"planwatch/internal/web/auth"
)

// runDemoLibrary shows the rest of the product on a throwaway library: the
// sample and the seeds go into SQLite, the sample becomes a tracked plan,
// two units report, and the overview and a search follow.
func runDemoLibrary(cfg *Config, app config.Config, seedsDir, serveAddr string) error {
	ctx := cfg.Ctx
	dir, err := os.MkdirTemp("", "planwatch-demo-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	sample := filepath.Join(dir, sampleName)
	if err := os.WriteFile(sample, samplePlan, 0o644); err != nil {
		return err
	}
	st, err := store.Open(ctx, filepath.Join(dir, "planwatch.db"), cfg.Log)
	if err != nil {
		return fmt.Errorf("demo library: %w", err)
	}
	defer st.Close()
	inputs := []string{sample}
	if seedsDir != "" {
		inputs = append(inputs, seedsDir)
	}
	lib := newLibrary(cfg, st, app)
	sum := lib.AddAll(ctx, inputs, []string{"示例"}, nil)
	fmt.Fprintln(cfg.Stdout, "\n== 文档库（临时 SQLite）")
	printAddSummary(cfg.Stdout, sum)

	d, err := st.DocumentBySource(ctx, sample)
	if err != nil {
		return fmt.Errorf("demo library: %w", err)
	}
	plan, err := demoPlan(ctx, st, d.ID)
	if err != nil {
		return err
	}
	items, err := st.Items(ctx, plan.ID, store.ItemFilter{Kind: store.KindTask})
	if err != nil {
		return err
	}
	// Two units report on the first two tasks, as they would each month; the
	// overview is taken half-way through the plan, when such reports matter.
	now := time.Now().UTC()
	if plan.StartYear > 0 && plan.EndYear >= plan.StartYear {
		now = time.Date((plan.StartYear+plan.EndYear)/2, 6, 30, 12, 0, 0, 0, time.UTC)
	}
	var ups []store.Update
	for i, note := range []string{"完成选址论证，联合实验室挂牌", "实验室主体工程开工"} {
		if i >= len(items) {
			break
		}
		unit := ""
		if len(items[i].Units) > 0 {
			unit = items[i].Units[0].Unit
		}
		ups = append(ups, store.Update{ItemID: items[i].ID, Unit: unit, Date: now.Format("2006-01-02"),
			Status: track.StatusInProgress, Progress: 40 + 20*i, Note: note, Author: "demo", Source: "demo", RecordedAt: now})
	}
	if err := st.AddUpdates(ctx, ups); err != nil {
		return err
	}
	fmt.Fprintf(cfg.Stdout, "\n== 跟踪：%s\n", plan.Title)
	if err := printStatus(cfg, st, plan.ID, now, nil); err != nil {
		return err
	}
	res, err := st.SearchPage(ctx, store.SearchQuery{Text: "一网通办", Limit: 3})
	if err != nil {
		return err
	}
	fmt.Fprintf(cfg.Stdout, "\n== 检索“一网通办”：%d 篇\n", res.Total)
	for _, h := range res.Hits {
		fmt.Fprintf(cfg.Stdout, "  %s\n    %s\n", h.Document.Title, highlight(h.Snippet, h.Match))
	}
	if serveAddr == "" {
		return nil
	}
	// The main job ends by serving the library it built, until Ctrl-C.
	// The sample plan is published as an editor would publish it, so
	// the public pages have something to show.
	before, after, err := st.PublishPlan(ctx, plan.ID, cliActor(), false, time.Time{})
	if err != nil {
		return err
	}
	if err := auth.RecordAs(ctx, st, "", cliActor(), string(auth.PublishPlan), "plan", plan.ID, before, after); err != nil {
		return err
	}
	srv, err := web.New(ctx, st, cfg.Log, web.Options{Version: Version, Documents: app.Documents, Sheets: app.Sheets})
	if err != nil {
		return err
	}
	login, password, err := demoAdmin(ctx, st)
	if err != nil {
		return err
	}
	fmt.Fprintf(cfg.Stdout, "\n== 网页：http://%s/ （公开页 /public 与 /public/plans/%s；Ctrl-C 结束）\n", serveAddr, plan.ID)
	fmt.Fprintf(cfg.Stdout, "   登录：用户名 %s，密码 %s（只显示这一次）\n", login, password)
	return serve(cfg, serveAddr, srv)
}

// demoPlan makes the tracked plan of a stored document.
func demoPlan(ctx context.Context, st *store.Store, docID string) (store.Plan, error) {
	doc, err := st.Document(ctx, docID)
	if err != nil {
		return store.Plan{}, err
	}
	v, err := st.Version(ctx, docID, 0)
	if err != nil {
		return store.Plan{}, err
	}
	var res extract.Result
	if err := json.Unmarshal(v.Extraction, &res); err != nil {
		return store.Plan{}, err
	}
	plan, items, inds := track.FromExtraction(&res, doc, v.Seq, "")
	if err := st.SavePlanTree(ctx, &plan, items, inds); err != nil {
		return store.Plan{}, fmt.Errorf("demo plan: %w", err)
	}
	// The demo office took the tasks and targets as extracted; the
	// projects are left on the review page (/plans/{id}/proposals).
	actor := store.AuditEntry{ActorLogin: "cli:demo"}
	for _, kind := range []string{store.KindTask, store.KindTarget} {
		if _, err := st.ReviewProposals(ctx, store.Review{PlanID: plan.ID, All: true, Kind: kind, Decision: store.ReviewConfirmed,
			Reason: "demo", Author: "cli:demo"}, actor); err != nil {
			return store.Plan{}, fmt.Errorf("demo plan: %w", err)
		}
	}
	return plan, nil
}

// demoAdminLogin is the demo's administrator account.
const demoAdminLogin = "admin"

// demoAdmin makes the demo library's administrator so a person can sign
// in to the served app: the password is $PLANWATCH_DEMO_PASSWORD when set
// (it must pass the password policy), else a random one, returned to be
// shown once.
func demoAdmin(ctx context.Context, st *store.Store) (login, password string, err error) {
	password = os.Getenv("PLANWATCH_DEMO_PASSWORD")
	if password != "" {
		if err := auth.CheckPassword(demoAdminLogin, password); err != nil {
			return "", "", fmt.Errorf("PLANWATCH_DEMO_PASSWORD: %w", err)
		}
	}
	for password == "" || auth.CheckPassword(demoAdminLogin, password) != nil {
		b := make([]byte, 10)
		if _, err := rand.Read(b); err != nil {
			return "", "", err
		}
		password = "Demo-" + strings.ToLower(base32.StdEncoding.EncodeToString(b)[:8]) + base32.StdEncoding.EncodeToString(b)[8:14]
	}
	hash, err := auth.HashPassword(password)
	if err != nil {
		return "", "", err
	}
	u, err := st.CreateUser(ctx, store.User{Login: demoAdminLogin, Name: "演示管理员", Role: store.RoleAdmin, PasswordHash: hash})
	if err != nil {
		return "", "", fmt.Errorf("demo admin: %w", err)
	}
	if err := auth.RecordAs(ctx, st, "", cliActor(), "user.create", "user", u.ID, nil, u); err != nil {
		return "", "", fmt.Errorf("demo admin: %w", err)
	}
	return u.Login, password, nil
}
