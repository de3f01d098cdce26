package ingest

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// corpusDir finds shared/corpus beside the repository: the repository root
// is the nearest directory above with a go.mod.
func corpusDir(tb testing.TB) string {
	dir, err := os.Getwd()
	if err != nil {
		tb.Skip(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Skip("no go.mod above the package")
		}
		dir = parent
	}
	c := filepath.Join(dir, "..", "shared", "corpus")
	if _, err := os.Stat(c); err != nil {
		tb.Skip("corpus not present: ", c)
	}
	return c
}

func loadCorpus(tb testing.TB) map[string][]byte {
	dir := corpusDir(tb)
	paths, _ := filepath.Glob(filepath.Join(dir, "[0-9]*"))
	files := map[string][]byte{}
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err == nil {
			files[filepath.Base(p)] = data
		}
	}
	if len(files) == 0 {
		tb.Skip("empty corpus")
	}
	return files
}

func BenchmarkDecode(b *testing.B) {
	files := loadCorpus(b)
	total := 0
	for _, d := range files {
		total += len(d)
	}
	loadT2S()
	b.SetBytes(int64(total))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for name, data := range files {
			if _, err := Decode(context.Background(), name, data); err != nil {
				b.Fatalf("%s: %v", name, err)
			}
		}
	}
}

// TestCorpus decodes every corpus document: none may fail, and the
// Text/Original invariant must hold on real pages.
func TestCorpus(t *testing.T) {
	for name, data := range loadCorpus(t) {
		doc, err := Decode(context.Background(), name, data)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		checkParallel(t, doc)
		if filepath.Ext(name) == ".txt" && len(name) > 8 && name[len(name)-8:] == "_GBK.txt" && doc.Charset != "gb18030" {
			t.Errorf("%s: charset %s", name, doc.Charset)
		}
	}
}
