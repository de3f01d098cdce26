package extract

import (
	"sort"
	"strings"

	"planwatch/internal/ingest"
	"planwatch/internal/region"
)

// Extract reads a decoded document and returns its structured plan. It
// never fails: a document without recognisable structure gives an empty
// result.
func Extract(doc *ingest.Document) *Result {
	res, _ := extract(doc, nil)
	return res
}

// Explain extracts like Extract and also returns why each number was read
// as it was.
func Explain(doc *ingest.Document) (*Result, *Explanation) {
	t := &trace{}
	res, _ := extract(doc, t)
	return res, &Explanation{Notes: t.notes, text: t.text}
}

// extract runs the passes: structure (meta, outline, sections, tables),
// then the figures of the body, then places, partners and projects.
func extract(doc *ingest.Document, t *trace) (*Result, error) {
	decoded := runesOf(doc.Text)
	plain := doc.Text
	if hanZeros(decoded) {
		plain = string(decoded)
	}
	reflowText := reflow
	if doc.Format == "pdf" {
		reflowText = reflowPrinted
	}
	text, omap := reflowText(decoded)
	if t != nil {
		t.text = text
	}
	lines := splitLines(text)
	res := &Result{}
	src := sourceOf(text, decoded, plain) // the text as one string for every pass
	meta := readMetaFrom(&lineCache{src: src, lines: lines}, doc.Title)
	deputies := addressesDeputies(text, lines)
	if (meta.kind == "文章" || meta.kind == "新闻" || meta.kind == "") && deputies {
		meta.kind = "政府工作报告"
	}
	if meta.year == 0 {
		if deputies || meta.kind == "政府工作报告" {
			meta.year = undatedReportYear(text)
		} else {
			meta.year = speakingYear(text, lines)
		}
	}
	meta.apply(res)
	hidden := meta.hiddenLines(len(lines))
	roots := buildOutline(src, lines, meta.titleLine, meta.title, withListAttachment(text, lines, hidden))
	for _, r := range roots {
		res.Outline = append(res.Outline, r.h)
	}
	res.Tasks = findTasks(src, lines, planRoots(text, lines, roots, meta.title), meta.year, meta.kind)
	attachUnits(doc.Text, res.Tasks)
	inheritUnits(text, lines, roots, res.Tasks)
	rd := &reader{
		text: text, src: src, lines: lines, docYear: meta.year, class: classOf(meta.kind),
		ctx: sectionContexts(roots, len(lines), meta.year), trace: t,
	}
	if meta.period != nil {
		rd.planEnd = meta.period.End
		// A plan for one year signed late in the year before (2030年…任务分解,
		// 2029年12月27日): its 全年 and 今年 are the plan's year.
		if p := meta.period; p.Start == p.End && p.Start == meta.year+1 {
			rd.docYear = p.Start
		}
	}
	if rd.class == classRules && !hasArticles(roots) {
		rd.class = classPlan // a 实施细则 of numbered measures reads as a plan
	}
	if rd.class == classNews {
		rd.worksYear = announcedWorks(meta.title, meta.year)
		if rd.worksYear == 0 {
			rd.worksYear, rd.newsPlan = issuedPlan(meta.title + "\n" + string(text[:min(len(text), 600)]))
		}
	}
	start := 0
	if meta.period != nil {
		start = meta.period.Start
	}
	tables := findTables(text, lines)
	res.Tasks = outsideTables(res.Tasks, lines, tables)
	bodyTasks := len(res.Tasks) > 0
	res.Tasks = matchRows(res.Tasks, outlineRows(src, lines, roots, res.Tasks))
	res.Tasks = attachTaskList(res.Tasks, rd.taskLists(tables))
	tt, to, tableLines := rd.tableQuantities(tables, start)
	for i := range hidden {
		tableLines[i] = true
	}
	// Rows of other tables (an assessment grid, a list of names) state
	// criteria, not the plan's figures, and a 任务清单 beside a body
	// restates it; a 任务清单 that is the whole plan is read like text.
	for _, t := range tables {
		if t.form == "tab" && len(t.rows) >= 2 && (bodyTasks || !isTaskList(t)) {
			for _, i := range t.allLines() {
				tableLines[i] = true
			}
		}
	}
	rd.skip = tableLines
	res.Targets, res.Observations = rd.figures()
	res.Targets = append(res.Targets, tt...)
	res.Observations = append(res.Observations, to...)
	mentions := region.Find(doc.Text)
	res.Places = placesFrom(mentions)
	res.Region = docRegion(res.Title, doc.Text, res.Places, meta)
	res.Cooperation = cooperationFrom(doc.Text, decoded, mentions, res.Region) // places are found in the text as it came
	res.Projects = finishProjects(mergeProjects(rd.projectTables(tables), projectsFrom(src)))
	if omap != nil {
		res.mapSpans(omap)
	}
	ensureSlices(res)
	return res, nil
}

// mapSpans moves the spans found in the reflowed text back to the text as
// it came, which is what a span points into.
func (r *Result) mapSpans(m offsetMap) {
	var heading func(h *Heading)
	heading = func(h *Heading) {
		h.Span = m.span(h.Span)
		for _, c := range h.Children {
			heading(c)
		}
	}
	for _, h := range r.Outline {
		heading(h)
	}
	for i := range r.Tasks {
		r.Tasks[i].Span = m.span(r.Tasks[i].Span)
	}
	for i := range r.Targets {
		r.Targets[i].Span = m.span(r.Targets[i].Span)
	}
	for i := range r.Observations {
		r.Observations[i].Span = m.span(r.Observations[i].Span)
	}
	for i := range r.Projects {
		r.Projects[i].Span = m.span(r.Projects[i].Span)
	}
}

// outsideTables drops the tasks the outline found among a table's cells
// (a row's number and its cells, one per line): the table's own reading
// gives its rows.
func outsideTables(tasks []Task, lines []line, tables []*table) []Task {
	if len(tables) == 0 || len(tasks) == 0 {
		return tasks
	}
	in := map[int]bool{}
	for _, t := range tables {
		for _, i := range t.allLines() {
			in[i] = true
		}
	}
	out := tasks[:0]
	for _, tk := range tasks {
		i := sort.Search(len(lines), func(i int) bool { return lines[i].end > tk.Span[0] })
		if i < len(lines) && in[i] {
			continue
		}
		out = append(out, tk)
	}
	return out
}

// withListAttachment adds to hidden the lines of an attached list of
// indicators or names (附件 三级公立医院绩效考核指标): its rows and
// categories are no headings of the plan. The figures in it are still read.
func withListAttachment(text []rune, lines []line, hidden map[int]bool) map[int]bool {
	// The annex starts after the first third of the text, counted in
	// lines or, where a long table of short lines follows, in characters.
	from := len(lines) / 3
	for k, l := range lines[:from] {
		if l.start >= len(text)/3 {
			from = k
			break
		}
	}
	for i := from; i+1 < len(lines); i++ {
		r := trimSpace(text[lines[i].start:lines[i].end])
		if len(r) < 2 || len(r) > 40 || r[0] != '附' || r[1] != '件' {
			continue
		}
		s := string(r)
		title := strings.TrimLeft(strings.TrimPrefix(s, "附件"), "0123456789：: ")
		if title == "" {
			title = strings.TrimSpace(string(text[lines[i+1].start:lines[i+1].end]))
		}
		if !containsAny(title, listWords) {
			continue
		}
		out := make(map[int]bool, len(hidden)+len(lines)-i)
		for k := range hidden {
			out[k] = true
		}
		for k := i; k < len(lines); k++ {
			out[k] = true
		}
		return out
	}
	return hidden
}

// listWords name an attachment that lists rather than plans.
var listWords = newWordSet("指标", "名单", "名录", "目录", "一览表", "统计表", "汇总表", "评分表", "计算方法")

// hiddenLines are the lines no pass reads for headings, tasks or figures:
// front matter, the title's own lines and page furniture.
func (m meta) hiddenLines(n int) map[int]bool {
	hidden := map[int]bool{}
	for i := 0; i < m.bodyStart && i < n; i++ {
		hidden[i] = true
	}
	for i := range m.furniture {
		hidden[i] = true
	}
	if m.titleLine >= 0 {
		hidden[m.titleLine] = true
		for i := m.titleLine; i < m.titleEnd && i < n; i++ {
			hidden[i] = true
		}
	}
	return hidden
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
