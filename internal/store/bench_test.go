package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"
)

// benchQueries are what the search benchmark asks: common and rare words,
// long and short, with and without filters.
var benchQueries = []SearchQuery{
	{Text: "绍兴"},
	{Text: "投入强度"},
	{Text: "一网通办"},
	{Text: "高质量发展"},
	{Text: "营商环境"},
	{Text: "数字经济"},
	{Text: "乡村振兴"},
	{Text: "新能源汽车"},
	{Text: "长三角一体化"},
	{Text: "碳达峰"},
	{Text: "研发经费投入强度"},
	{Text: "发展"},
	{Text: "高质量发展", Region: "330000"},
	{Text: "营商环境", Year: 2021},
	{Text: "数字经济", Kind: "实施方案"},
	{Text: "乡村振兴", Tag: "重点"},
	{Text: "一网通办 营商环境"},
}

// BenchmarkSearch builds a library of PLANWATCH_BENCH_DOCS documents
// (default 2000) on each back end and reports the p50 and p99 latency of
// benchQueries. Documents are recombined paragraphs of ../shared/corpus
// and ../shared/seeds, distinct for any N.
//
//	PLANWATCH_BENCH_DOCS=10000 go test -run '^$' -bench Search -benchtime 20x ./internal/store/
func BenchmarkSearch(b *testing.B) {
	n := 2000
	if v := os.Getenv("PLANWATCH_BENCH_DOCS"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil || n <= 0 {
			b.Fatalf("PLANWATCH_BENCH_DOCS=%q", v)
		}
	}
	paras, titles := benchParagraphs(b)
	for _, backend := range backends() {
		b.Run(backend, func(b *testing.B) {
			s := openTest(b, freshDSN(b, backend))
			start := time.Now()
			buildBenchLibrary(b, s, n, paras, titles)
			b.Logf("%s: %d documents saved in %v", backend, n, time.Since(start).Round(time.Millisecond))
			if backend == "postgres" {
				// Fresh tables have no statistics until autovacuum comes by.
				if _, err := s.w.Exec(`ANALYZE`); err != nil {
					b.Fatal(err)
				}
			}
			ctx := context.Background()
			for _, q := range benchQueries { // warm caches
				if _, _, err := s.Search(ctx, q); err != nil {
					b.Fatal(err)
				}
			}
			var lat []time.Duration
			perQuery := make([][]time.Duration, len(benchQueries))
			b.ResetTimer()
			for b.Loop() {
				for i, q := range benchQueries {
					t0 := time.Now()
					if _, _, err := s.Search(ctx, q); err != nil {
						b.Fatal(err)
					}
					d := time.Since(t0)
					lat = append(lat, d)
					perQuery[i] = append(perQuery[i], d)
				}
			}
			b.StopTimer()
			b.ReportMetric(ms(percentile(lat, 50)), "p50-ms")
			b.ReportMetric(ms(percentile(lat, 99)), "p99-ms")
			b.ReportMetric(0, "ns/op") // per-op time mixes all queries; the percentiles say more
			for i, q := range benchQueries {
				_, total, _ := s.Search(ctx, q)
				b.Logf("%-28q p50 %6.2f ms  p99 %6.2f ms  %5d matches", q.Text+filterLabel(q),
					ms(percentile(perQuery[i], 50)), ms(percentile(perQuery[i], 99)), total)
			}
		})
	}
}

func filterLabel(q SearchQuery) string {
	var f []string
	if q.Region != "" {
		f = append(f, "region="+q.Region)
	}
	if q.Year != 0 {
		f = append(f, "year="+strconv.Itoa(q.Year))
	}
	if q.Kind != "" {
		f = append(f, "kind="+q.Kind)
	}
	if q.Tag != "" {
		f = append(f, "tag="+q.Tag)
	}
	if len(f) == 0 {
		return ""
	}
	return " [" + strings.Join(f, " ") + "]"
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

func percentile(ds []time.Duration, p int) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	i := (len(s)*p + 99) / 100
	return s[min(max(i-1, 0), len(s)-1)]
}

// benchParagraphs reads the paragraphs and the first lines (titles) of
// the shared corpus and seeds, found next to the repository root; a small
// built-in set when they are missing.
func benchParagraphs(tb testing.TB) (paras, titles []string) {
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Fatal("no go.mod above the test directory")
		}
		dir = parent
	}
	shared := filepath.Join(dir, "..", "shared")
	for _, sub := range []string{"corpus", "seeds"} {
		files, _ := filepath.Glob(filepath.Join(shared, sub, "*.txt"))
		for _, f := range files {
			data, err := os.ReadFile(f)
			if err != nil || !utf8.Valid(data) {
				continue
			}
			lines := strings.Split(string(data), "\n")
			for i, l := range lines {
				l = strings.TrimSpace(l)
				if i == 0 && l != "" {
					titles = append(titles, l)
				}
				if utf8.RuneCountInString(l) >= 20 {
					paras = append(paras, l)
				}
			}
		}
	}
	if len(paras) < 100 {
		tb.Logf("no shared corpus under %s: using built-in text", shared)
		paras, titles = nil, []string{"行动计划", "实施方案", "政府工作报告"}
		words := []string{"推动高质量发展", "优化营商环境", "深化一网通办改革", "发展数字经济", "全面推进乡村振兴",
			"研发经费投入强度达到3%", "推进长三角一体化", "做好碳达峰碳中和工作", "发展新能源汽车产业", "建设绍兴市科创走廊"}
		for i := range 2000 {
			var p strings.Builder
			for j := range 8 {
				p.WriteString(words[(i*7+j*3)%len(words)])
				p.WriteString("，")
			}
			paras = append(paras, p.String()+"第"+strconv.Itoa(i)+"项。")
		}
	}
	return paras, titles
}

var benchRegions = []struct{ code, name string }{
	{"330000", "浙江省"}, {"330400", "嘉兴市"}, {"330600", "绍兴市"}, {"310000", "上海市"},
	{"320000", "江苏省"}, {"110000", "北京市"}, {"440000", "广东省"}, {"510000", "四川省"},
}

var benchKinds = []string{"行动计划", "实施方案", "规划", "政府工作报告"}

// buildBenchLibrary saves n documents, each 10–40 paragraphs picked by a
// generator seeded with its number (so every document differs).
func buildBenchLibrary(tb testing.TB, s *Store, n int, paras, titles []string) {
	ctx := context.Background()
	workers := 1 // SQLite has one writer
	if s.Dialect() == "postgres" {
		workers = 8
	}
	var (
		wg   sync.WaitGroup
		next = make(chan int)
		errs = make(chan error, workers)
	)
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if _, _, err := s.SaveSnapshot(ctx, benchSnapshot(i, paras, titles)); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	for i := range n {
		select {
		case next <- i:
		case err := <-errs:
			close(next)
			tb.Fatal(err)
		}
	}
	close(next)
	wg.Wait()
	close(errs)
	for err := range errs {
		tb.Fatal(err)
	}
}

func benchSnapshot(i int, paras, titles []string) *Snapshot {
	r := rand.New(rand.NewPCG(uint64(i), 0x706c616e))
	var text strings.Builder
	for range 10 + r.IntN(31) {
		text.WriteString(paras[r.IntN(len(paras))])
		text.WriteByte('\n')
	}
	region := benchRegions[r.IntN(len(benchRegions))]
	title := fmt.Sprintf("%s（第%d号）", titles[r.IntN(len(titles))], i)
	snap := newSnap(title, text.String())
	snap.Document.Source = fmt.Sprintf("https://bench.example.gov.cn/%d", i)
	snap.Document.RegionCode, snap.Document.RegionName = region.code, region.name
	snap.Document.Kind = benchKinds[r.IntN(len(benchKinds))]
	snap.Document.Year = 2010 + r.IntN(16)
	snap.Version.Fingerprint = r.Uint64()
	if r.IntN(10) == 0 {
		snap.Tags = []string{"重点"}
	}
	return snap
}
