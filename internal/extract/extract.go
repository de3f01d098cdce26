package extract

import "planwatch/internal/ingest"

// Extract reads a decoded document and returns its structured plan.
func Extract(doc *ingest.Document) *Result {
	return &Result{}
}
