package library

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"planwatch/internal/store/storetest"
)

// corpusDir finds ../shared/corpus beside the repository, or "".
func corpusDir() string {
	dir, _ := os.Getwd()
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			c := filepath.Join(dir, "..", "shared", "corpus")
			if _, err := os.Stat(c); err == nil {
				return c
			}
			return ""
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return ""
		}
		dir = parent
	}
}

// BenchmarkAddCorpus adds every document of ../shared/corpus to an empty
// library, the way `planwatch add DIR` does, and reports documents per
// second (add-docs/s); recheck-docs/s is a second pass over the same files,
// which finds them all unchanged.
func BenchmarkAddCorpus(b *testing.B) {
	dir := corpusDir()
	if dir == "" {
		b.Skip("../shared/corpus not present")
	}
	for _, backend := range storetest.Backends() {
		b.Run(backend, func(b *testing.B) {
			ctx := context.Background()
			var docs, rechecked int
			var addTime, recheckTime time.Duration
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				st := storetest.Fresh(b, backend)
				lib := New(st, Options{})
				b.StartTimer()
				start := time.Now()
				sum := lib.AddAll(ctx, []string{dir}, nil, nil)
				addTime += time.Since(start)
				docs += sum.Total()
				if sum.Counts[Failed] > 0 {
					b.Fatalf("failures: %v", sum.Failures)
				}
				start = time.Now()
				again := lib.AddAll(ctx, []string{dir}, nil, nil)
				recheckTime += time.Since(start)
				rechecked += again.Total()
			}
			b.ReportMetric(float64(docs)/addTime.Seconds(), "add-docs/s")
			b.ReportMetric(float64(rechecked)/recheckTime.Seconds(), "recheck-docs/s")
		})
	}
}
