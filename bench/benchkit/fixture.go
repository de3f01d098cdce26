// Package benchkit is what the load and soak benchmarks share: a large
// library built quickly through the store's API, signed-in clients, and
// latency figures (percentiles per kind of request).
package benchkit

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sync"
	"time"

	"planwatch/internal/store"
)

// Size is how large a library Build makes.
type Size struct {
	Plans      int // plans, each with its own items and indicators
	Tasks      int // tasks per plan, under Groups headings
	Groups     int // top-level headings per plan
	Indicators int // indicators per plan, each with a target and two figures
	// Updated is the share of tasks (0–1) with progress updates (one to three).
	Updated float64
	// UpdatesPerTask, when above 0, gives every task exactly that many
	// updates, a month apart from January 2023, instead of Updated's share.
	UpdatesPerTask int
}

// DefaultSize is the library of the scale benchmarks: 1,000 plans of 100
// tasks.
var DefaultSize = Size{Plans: 1000, Tasks: 100, Groups: 5, Indicators: 4, Updated: 0.3}

// Library is what Build made: the plans' IDs and a sample of task IDs
// per plan, for clients to pick from.
type Library struct {
	Plans []string
	Tasks map[string][]string // plan ID → its task IDs
}

// regions the plans are spread over: provinces and cities of 长三角 at
// several levels, so that the home page's filters have something to do.
var regions = []struct{ code, name, level string }{
	{"310000", "上海市", store.LevelProvince},
	{"320000", "江苏省", store.LevelProvince},
	{"320100", "南京市", store.LevelCity},
	{"320500", "苏州市", store.LevelCity},
	{"330000", "浙江省", store.LevelProvince},
	{"330100", "杭州市", store.LevelCity},
	{"330400", "嘉兴市", store.LevelCity},
	{"330402", "南湖区", store.LevelCounty},
	{"340000", "安徽省", store.LevelProvince},
	{"340100", "合肥市", store.LevelCity},
}

var units = []string{"市发展改革委", "市科技局", "市经济和信息化局", "市财政局", "市人力资源社会保障局",
	"市自然资源局", "市生态环境局", "市住房城乡建设局", "市交通运输局", "市商务局", "市教育局", "市卫生健康委"}

// The statuses units report (track.ReportStatuses); behind, overdue and
// extended follow from the dates and progress.
var statuses = []string{"in_progress", "in_progress", "paused", "done", "not_started"}

var cnNumbers = []string{"一", "二", "三", "四", "五", "六", "七", "八", "九", "十"}

// Build stores a library of the given size in st, workers plans at a
// time (SQLite serializes writers anyway; PostgreSQL gains from a few),
// each plan in a couple of transactions through the store's public API.
// Plans run 2021–2025; updates are recorded before now, dated in 2023–2024.
func Build(ctx context.Context, st *store.Store, sz Size, workers int) (*Library, error) {
	if workers < 1 {
		workers = 1
	}
	lib := &Library{Plans: make([]string, sz.Plans), Tasks: map[string][]string{}}
	var (
		mu       sync.Mutex
		firstErr error
		wg       sync.WaitGroup
	)
	next := make(chan int)
	for range workers {
		wg.Go(func() {
			for i := range next {
				id, tasks, err := buildPlan(ctx, st, sz, i)
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = err
				}
				lib.Plans[i] = id
				lib.Tasks[id] = tasks
				mu.Unlock()
			}
		})
	}
	for i := range sz.Plans {
		mu.Lock()
		failed := firstErr != nil
		mu.Unlock()
		if failed {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if firstErr != nil {
		return nil, firstErr
	}
	return lib, nil
}

// buildPlan stores plan number i with its items, indicators and updates.
func buildPlan(ctx context.Context, st *store.Store, sz Size, i int) (string, []string, error) {
	rng := rand.New(rand.NewPCG(uint64(i), 42))
	reg := regions[i%len(regions)]
	p := store.Plan{Title: fmt.Sprintf("%s推进第%d项重点工作三年行动计划（2021—2025年）", reg.name, i+1),
		RegionCode: reg.code, RegionName: reg.name, Level: reg.level, StartYear: 2021, EndYear: 2025}
	items := make([]store.Item, 0, sz.Groups+sz.Tasks)
	groups := max(sz.Groups, 1)
	for g := range groups {
		items = append(items, store.Item{ID: fmt.Sprintf("g%d", g), Kind: store.KindGroup,
			Number: cnNumbers[g%len(cnNumbers)] + "、", Title: fmt.Sprintf("第%d方面重点任务", g+1)})
	}
	for t := range sz.Tasks {
		lead := units[rng.IntN(len(units))]
		support := units[rng.IntN(len(units))]
		as := []store.Assignment{{Unit: lead, Role: store.RoleLead}}
		if support != lead {
			as = append(as, store.Assignment{Unit: support, Role: store.RoleSupport})
		}
		deadline := fmt.Sprintf("%d-%02d-%02d", 2022+rng.IntN(4), 1+rng.IntN(12), 1+rng.IntN(28))
		items = append(items, store.Item{ParentID: fmt.Sprintf("g%d", t%groups), Kind: store.KindTask,
			Number: fmt.Sprintf("%d", t+1), Title: fmt.Sprintf("推进重点项目建设第%d项任务", t+1),
			Body: "加快推进重点项目建设，完善工作机制，确保按期完成年度目标任务。", Deadline: deadline, Units: as})
	}
	inds := make([]store.Indicator, 0, sz.Indicators)
	for k := range sz.Indicators {
		base := 10 + rng.Float64()*90
		inds = append(inds, store.Indicator{Name: fmt.Sprintf("重点指标%d", k+1), Key: fmt.Sprintf("重点指标%d", k+1),
			Unit: "%", Direction: store.DirectionUp, BaselineValue: &base, BaselineYear: 2020,
			Targets: []store.Target{{Year: 2025, Value: base * 1.3, Op: ">="}},
			Observations: []store.Observation{
				{Period: "2022", Value: base * (1 + rng.Float64()*0.2), Source: "bench"},
				{Period: "2023", Value: base * (1 + rng.Float64()*0.3), Source: "bench"},
			}})
	}
	err := st.SavePlanTree(ctx, &p, items, inds)
	if errors.Is(err, store.ErrConflict) {
		// Plans saved side by side on PostgreSQL may both add a unit new
		// to their region; the one that loses is refused and saved again,
		// as a user would send the form again.
		err = st.SavePlanTree(ctx, &p, items, inds)
	}
	if err != nil {
		return "", nil, fmt.Errorf("plan %d: %w", i+1, err)
	}
	var (
		tasks []string
		ups   []store.Update
	)
	recorded := time.Now().Add(-24 * time.Hour)
	for _, it := range items {
		if it.Kind != store.KindTask {
			continue
		}
		tasks = append(tasks, it.ID)
		if sz.UpdatesPerTask > 0 {
			for n := range sz.UpdatesPerTask {
				ups = append(ups, store.Update{ItemID: it.ID, Unit: it.Units[0].Unit,
					Date:   fmt.Sprintf("%d-%02d-28", 2023+n/12, 1+n%12),
					Status: statuses[rng.IntN(len(statuses))], Progress: min(100, 5+90*(n+1)/sz.UpdatesPerTask),
					Note: fmt.Sprintf("第%d次报送：已完成阶段性工作，正在推进下一步。", n+1), Author: "bench", Source: "bench", RecordedAt: recorded})
			}
			continue
		}
		if rng.Float64() >= sz.Updated {
			continue
		}
		for n := range 1 + rng.IntN(3) {
			ups = append(ups, store.Update{ItemID: it.ID, Unit: it.Units[0].Unit,
				Date:   fmt.Sprintf("%d-%02d-28", 2023+n/2, 3+4*n),
				Status: statuses[rng.IntN(len(statuses))], Progress: 20 + 30*n,
				Note: "已完成阶段性工作，正在推进下一步。", Author: "bench", Source: "bench", RecordedAt: recorded})
		}
	}
	if err := st.AddUpdates(ctx, ups); err != nil {
		return "", nil, fmt.Errorf("plan %d: %w", i+1, err)
	}
	return p.ID, tasks, nil
}
