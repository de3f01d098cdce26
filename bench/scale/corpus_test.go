package main

import (
	"context"
	"strings"
	"testing"

	docingest "planwatch/internal/ingest"
)

// TestVariantsParse: every variant of a page still reads as a page with
// text, its markup untouched; the library's size and ingest rate would
// otherwise count pages that fail.
func TestVariantsParse(t *testing.T) {
	seeds, err := readSeeds("../../../shared/corpus")
	if err != nil || len(seeds) == 0 {
		t.Skip("no corpus beside the repository")
	}
	for k := 0; k < 3*len(seeds); k++ {
		s := seeds[k%len(seeds)]
		if !strings.HasSuffix(s.name, ".html") {
			continue
		}
		name, data := variant(seeds, k)
		doc, err := docingest.Decode(context.Background(), name, data)
		if err != nil || strings.TrimSpace(doc.Text) == "" {
			t.Errorf("%s: %v", name, err)
		}
	}
}
