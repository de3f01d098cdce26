package extract

import (
	"planwatch/internal/ingest"
	"planwatch/internal/region"
)

// Extract reads a decoded document and returns its structured plan. It
// never fails: a document without recognisable structure gives an empty
// result.
func Extract(doc *ingest.Document) *Result {
	text := []rune(doc.Text)
	lines := splitLines(text)
	res := &Result{}
	meta := readMeta(text, lines, doc.Title)
	meta.apply(res)
	roots := buildOutline(text, lines, meta.titleLine, meta.title)
	for _, r := range roots {
		res.Outline = append(res.Outline, r.h)
	}
	res.Tasks = findTasks(text, lines, roots, meta.year)
	q := &quantityCtx{text: text, docYear: meta.year, pastLine: pastLines(roots, len(lines), meta.year)}
	start := 0
	if meta.period != nil {
		start = meta.period.Start
	}
	tt, to, tableLines := q.tableQuantities(lines, start)
	q.skip = tableLines
	res.Targets, res.Observations = q.quantities(lines)
	res.Targets = append(res.Targets, tt...)
	res.Observations = append(res.Observations, to...)
	mentions := region.Find(doc.Text)
	res.Places = placesFrom(mentions)
	res.Region = docRegion(res.Title, doc.Text, res.Places, meta)
	res.Cooperation = cooperationFrom(doc.Text, text, mentions, res.Region)
	res.Projects = projectsFrom(text)
	ensureSlices(res)
	return res
}

// ensureSlices makes empty lists print as [] rather than null.
func ensureSlices(r *Result) {
	if r.Issuers == nil {
		r.Issuers = []string{}
	}
	if r.Outline == nil {
		r.Outline = []*Heading{}
	}
	if r.Tasks == nil {
		r.Tasks = []Task{}
	}
	if r.Targets == nil {
		r.Targets = []Quantity{}
	}
	if r.Observations == nil {
		r.Observations = []Quantity{}
	}
	if r.Places == nil {
		r.Places = []Place{}
	}
	if r.Cooperation == nil {
		r.Cooperation = []Cooperation{}
	}
	if r.Projects == nil {
		r.Projects = []Project{}
	}
}
