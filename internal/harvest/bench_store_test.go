package harvest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
)

// BenchmarkLibraryStore is BenchmarkMatchLibrary through the store: a
// SQLite library of 10,000 stored documents (their extractions as
// benchLibrary makes them) and 100 plans of 20 confirmed indicators, each
// extraction read back with EachExtraction, decoded and matched, as the
// back-fill does (saving the proposals aside: the synthetic library
// matches far more often than reports do). Building the library takes a
// few minutes; it reports the seconds of the pass.
//
//	go test ./internal/harvest -run '^$' -bench LibraryStore -benchtime 1x -timeout 30m
func BenchmarkLibraryStore(b *testing.B) {
	ctx := context.Background()
	st := storetest.Fresh(b, "sqlite")
	docs, plans, inds := benchLibrary(benchDocs)
	for i, raw := range docs {
		text := fmt.Sprintf("第%d号文档", i)
		_, _, err := st.SaveSnapshot(ctx, &store.Snapshot{
			Document: store.Document{Source: fmt.Sprintf("bench:%d", i), Title: text},
			Version:  store.Version{Text: text, Format: "text", Extraction: raw},
			Bytes:    []byte(text),
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	byPlan := map[string][]store.Indicator{}
	for _, ind := range inds {
		ind.Review = store.ReviewConfirmed
		byPlan[ind.PlanID] = append(byPlan[ind.PlanID], ind)
	}
	for _, p := range plans {
		q := store.Plan{Title: "计划 " + p.ID, RegionCode: p.RegionCode, StartYear: p.StartYear, EndYear: p.EndYear}
		mine := byPlan[p.ID]
		for i := range mine {
			mine[i].ID, mine[i].PlanID = "", ""
		}
		if err := st.SavePlanTree(ctx, &q, nil, mine); err != nil {
			b.Fatal(err)
		}
	}
	h := New(st, nil, 0)
	b.ResetTimer()
	for b.Loop() {
		start := time.Now()
		x, err := h.index(ctx, "")
		if err != nil || x.Len() != len(inds) {
			b.Fatalf("index: %v (%d indicators)", err, x.Len())
		}
		n, matches := 0, 0
		err = st.EachExtraction(ctx, func(d store.Document, seq int, raw []byte) error {
			res, err := decodeFigures(raw)
			if err != nil {
				return err
			}
			n++
			matches += len(x.Match(SourceOf(d, seq, res), DefaultMinScore))
			return nil
		})
		if err != nil || n != len(docs) {
			b.Fatalf("pass: %v (%d documents)", err, n)
		}
		b.ReportMetric(time.Since(start).Seconds(), "s/pass")
		b.ReportMetric(float64(matches), "matches")
	}
}
