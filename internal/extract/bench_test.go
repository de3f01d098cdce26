package extract_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"planwatch/internal/extract"
	"planwatch/internal/ingest"
)

// BenchmarkPipeline decodes and extracts the seed documents
// (../shared/seeds next to the repository).
func BenchmarkPipeline(b *testing.B) { benchDir(b, "seeds") }

// BenchmarkPipelineCorpus does the same over the larger ../shared/corpus.
func BenchmarkPipelineCorpus(b *testing.B) { benchDir(b, "corpus") }

type benchFile struct {
	name string
	data []byte
}

func benchDir(b *testing.B, name string) {
	dir := sharedDir(b, name)
	entries, err := os.ReadDir(dir)
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	var files []benchFile
	var total int64
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		path := filepath.Join(dir, e.Name())
		data, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		// Documents the decoder rejects would measure only the rejection.
		if _, err := ingest.Decode(ctx, path, data); err != nil {
			b.Logf("skipping %s: %v", e.Name(), err)
			continue
		}
		files = append(files, benchFile{path, data})
		total += int64(len(data))
	}
	if len(files) == 0 {
		b.Skipf("no readable documents in %s", dir)
	}
	b.SetBytes(total)
	b.ReportAllocs()
	for b.Loop() {
		for _, f := range files {
			doc, err := ingest.Decode(ctx, f.name, f.data)
			if err != nil {
				b.Fatal(err)
			}
			extract.Extract(doc)
		}
	}
}

// sharedDir returns ../shared/NAME beside the repository root (the
// directory holding go.mod), or skips the benchmark when it is absent.
func sharedDir(b *testing.B, name string) string {
	dir, err := os.Getwd()
	if err != nil {
		b.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			b.Skip("repository root (go.mod) not found")
		}
		dir = parent
	}
	shared := filepath.Join(dir, "..", "shared", name)
	if info, err := os.Stat(shared); err != nil || !info.IsDir() {
		b.Skipf("%s not found", shared)
	}
	return shared
}
