package harvest

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"planwatch/internal/extract"
	"planwatch/internal/store"
)

// benchNames are indicator names as plans and reports write them; the
// reports add as many names no plan follows.
var benchNames = []string{
	"地区生产总值增长", "城镇新增就业", "居民消费价格涨幅", "城镇调查失业率", "城镇登记失业率", "粮食产量",
	"研发经费投入强度", "单位地区生产总值能耗下降", "进出口增长", "社会消费品零售总额增长", "固定资产投资增长",
	"一般公共预算收入", "城镇居民人均可支配收入", "农村居民人均可支配收入", "常住人口城镇化率", "旅游收入",
	"高新技术产业增加值占比", "数字经济核心产业增加值", "PM2.5平均浓度", "森林覆盖率",
}

var benchRegions = []string{"", "330000", "330100", "330200", "330600", "330602", "310000", "320000", "340000", "110000"}

// benchDocs is the size of the library BenchmarkMatchLibrary matches.
var benchDocs = 10000

// benchLibrary is n documents' extractions as JSON (about 80 figures each,
// half of them of names no plan follows) and 100 plans of 20 indicators.
func benchLibrary(n int) ([][]byte, []store.Plan, []store.Indicator) {
	r := rand.New(rand.NewPCG(1, 2))
	var (
		plans []store.Plan
		inds  []store.Indicator
	)
	for p := 0; p < 100; p++ {
		reg := benchRegions[p%len(benchRegions)]
		y := 2016 + p%8
		plans = append(plans, store.Plan{ID: fmt.Sprintf("p%03d", p), RegionCode: reg, StartYear: y, EndYear: y + 4})
		for i, name := range benchNames {
			inds = append(inds, store.Indicator{ID: fmt.Sprintf("p%03d-%02d", p, i), PlanID: plans[p].ID, Name: name,
				Key: name, Unit: "%", Targets: []store.Target{{Year: y + 4, Value: 5}}})
		}
	}
	docs := make([][]byte, n)
	for d := range docs {
		res := extract.Result{}
		if reg := benchRegions[d%len(benchRegions)]; reg != "" {
			res.Region = &extract.Region{Code: reg}
		}
		for o := 0; o < 80; o++ {
			name := benchNames[r.IntN(len(benchNames))]
			if o%2 == 1 {
				name = fmt.Sprintf("其他指标%d", r.IntN(5000))
			}
			period := fmt.Sprint(2015 + r.IntN(12))
			res.Observations = append(res.Observations, extract.Quantity{Indicator: name, Value: 1 + 9*r.Float64(),
				Unit: "%", Period: &period, Op: "=", Quote: name, Span: extract.Span{o * 40, o*40 + 20}})
		}
		docs[d], _ = json.Marshal(res)
	}
	return docs, plans, inds
}

// BenchmarkMatchLibrary matches every figure of a 10,000-document library
// against 100 plans' indicators: the back-fill's work less the database
// (reading each stored extraction, decoding it, matching it). The goal
// is under a minute; it reports the seconds for the whole library.
//
//	go test ./internal/harvest -run '^$' -bench MatchLibrary -benchtime 1x
func BenchmarkMatchLibrary(b *testing.B) {
	docs, plans, inds := benchLibrary(benchDocs)
	x := NewIndex(plans, inds, NewSynonyms(nil))
	b.ResetTimer()
	for b.Loop() {
		start := time.Now()
		matches := 0
		for i, raw := range docs {
			res, err := decodeFigures(raw)
			if err != nil {
				b.Fatal(err)
			}
			src := SourceOf(store.Document{ID: fmt.Sprint("d", i)}, 1, res)
			matches += len(x.Match(src, DefaultMinScore))
		}
		b.ReportMetric(time.Since(start).Seconds(), "s/10k-docs")
		b.ReportMetric(float64(matches), "matches")
	}
}
