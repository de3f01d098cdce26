package track

import (
	"fmt"
	"net/url"
	"path"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"planwatch/internal/amount"
	"planwatch/internal/extract"
	"planwatch/internal/store"
)

// FromExtraction drafts a tracked plan from the extraction of a stored
// document (doc.ID "" for none): the plan, its items and its indicators,
// not yet stored. Nothing missing stops it: what the extraction lacks is
// left for the user to fill in. Items get temporary IDs "t1",
// "t2" … in document order, and ParentID and Assignment.ItemID refer to
// them; the caller replaces them with real IDs when it saves. PlanID and
// the times are left empty for the same reason.
//
//   - Without an extracted title the plan is named after the document
//     (its library title, else its file name), marked with UntitledMark so
//     that every view shows it still needs one (plan set --title).
//   - Kind is the extraction's (else the document's), and says how long
//     the plan runs (KindSpan): a one-year kind (工作要点, 年度计划) runs
//     the year its title names.
//   - Level is guessed from the region code when level is "": a province
//     (xx0000) is 省, a prefecture (xxxx00) 市, anything else 区县, and no
//     region 国家.
//   - Without an extracted period the years are derived: the end is the
//     latest target year, the start the year the plan was issued (else the
//     year after its latest figure, else its earliest target year). A
//     政府工作报告 is this year's plan whatever other years it names (the
//     five-year plan's 2030): its one year is ReportYear's. With none of
//     these the years stay 0, which every view shows as unknown.
//   - Every distinct heading path over tasks becomes a group item, nested
//     as the headings are; tasks hang under their innermost heading.
//     Numbers of groups come from the outline's markers.
//   - Task units are the lead units (RoleLead) and the units of a 配合单位
//     clause in the task's text (RoleSupport), since those report too.
//   - Each extracted project becomes a project item at the top level.
//   - Tasks, projects and indicators are proposals (store.ReviewProposed)
//     for a person to confirm, edit, merge or dismiss; the headings
//     (groups) are the plan's outline and are saved confirmed.
//   - Targets with the same Key make one indicator with several targets
//     (see planIndicators for ranges and targets stated twice). An
//     observation of the same Key for a period up to the plan's start
//     becomes its baseline (the latest such); later ones become
//     observations.
func FromExtraction(res *extract.Result, doc store.Document, seq int, level string) (store.Plan, []store.Item, []store.Indicator) {
	docID := doc.ID
	plan := store.Plan{Title: strings.TrimSpace(res.Title), DocumentID: docID, VersionSeq: seq, Level: level}
	if plan.Title == "" {
		plan.Title = untitled(doc)
	}
	if res.Region != nil {
		plan.RegionCode, plan.RegionName = res.Region.Code, res.Region.Name
	}
	if plan.Level == "" {
		plan.Level = GuessLevel(plan.RegionCode)
	}
	plan.Kind = planKind(res, doc)
	plan.StartYear, plan.EndYear = planYears(res)
	if KindSpan(plan.Kind) == SpanAnnual && res.Kind != workReport {
		// One year, the plan's own, whatever later years it names.
		if y := annualYear(res); y != 0 {
			plan.StartYear, plan.EndYear = y, y
		}
	}
	items := planItems(res)
	inds := planIndicators(res, plan, docID)
	for i := range inds {
		inds[i].Review = store.ReviewProposed
	}
	return plan, items, inds
}

// GuessLevel returns the plan level of a region code: 省 for a
// province-level code (xx0000, municipalities included), 市 for a
// prefecture (xxxx00), 区县 for anything finer, 国家 for no code.
func GuessLevel(code string) string {
	switch {
	case len(code) != 6 || code == "000000":
		return store.LevelNational
	case strings.HasSuffix(code, "0000"):
		return store.LevelProvince
	case strings.HasSuffix(code, "00"):
		return store.LevelCity
	}
	return store.LevelCounty
}

// planYears returns the plan's first and last years: the extracted period,
// with missing ends derived as FromExtraction says.
func planYears(res *extract.Result) (start, end int) {
	if res.Kind == workReport {
		y := ReportYear(res)
		return y, y
	}
	if res.Period != nil {
		start, end = res.Period.Start, res.Period.End
	}
	if start != 0 && end != 0 {
		return start, end
	}
	minT, maxT := 0, 0
	for _, q := range res.Targets {
		if q.Year == nil || *q.Year == 0 {
			continue
		}
		if minT == 0 || *q.Year < minT {
			minT = *q.Year
		}
		if *q.Year > maxT {
			maxT = *q.Year
		}
	}
	if end == 0 {
		end = maxT
	}
	if start == 0 {
		if res.Issued != nil && len(*res.Issued) >= 4 {
			start, _ = strconv.Atoi((*res.Issued)[:4])
		}
		if start == 0 {
			for _, q := range res.Observations {
				if q.Period == nil {
					continue
				}
				if _, x, ok := PeriodSpan(*q.Period); ok && int(x)+1 > start {
					start = int(x) + 1
				}
			}
		}
		if start == 0 {
			start = minT
		}
	}
	switch {
	case end == 0:
		end = start
	case start == 0:
		start = end
	case start > end:
		// Issued after its own targets (a retrospective document): the
		// targets' years bound it.
		start = end
	}
	return start, end
}

// planItems builds the group, task and project items.
func planItems(res *extract.Result) []store.Item {
	var items []store.Item
	next := func() string { return "t" + strconv.Itoa(len(items)+1) }
	positions := map[string]int{} // parent ID -> next position
	place := func(it store.Item) store.Item {
		it.Position = positions[it.ParentID]
		positions[it.ParentID]++
		items = append(items, it)
		return it
	}
	groups := map[string]string{} // joined path -> group ID
	for _, t := range res.Tasks {
		path := t.Path
		if n := len(path); n > 0 && path[n-1] == t.Title {
			path = path[:n-1] // a path that ends in the task itself
		}
		parent := ""
		for k := range path {
			key := strings.Join(path[:k+1], "\x00")
			if id, ok := groups[key]; ok {
				parent = id
				continue
			}
			g := store.Item{ID: next(), ParentID: parent, Kind: store.KindGroup, Title: path[k]}
			if h := findHeading(res.Outline, path[:k+1]); h != nil {
				g.Number = markerNumber(h.Marker)
				g.SourceStart, g.SourceEnd = h.Span[0], h.Span[1]
			}
			place(g)
			groups[key], parent = g.ID, g.ID
		}
		it := store.Item{
			ID: next(), ParentID: parent, Kind: store.KindTask, Status: StatusNotStarted, Review: store.ReviewProposed,
			Number: t.Number, Title: t.Title, Body: t.Text,
			SourceStart: t.Span[0], SourceEnd: t.Span[1],
		}
		it.Units = taskUnits(it.ID, t)
		place(it)
	}
	for _, p := range res.Projects {
		it := store.Item{
			ID: next(), Kind: store.KindProject, Status: StatusNotStarted, Review: store.ReviewProposed, Title: p.Name,
			Body: projectBody(p), SourceStart: p.Span[0], SourceEnd: p.Span[1], Project: projectProposal(p),
		}
		for _, u := range p.LeadUnits {
			it.Units = append(it.Units, store.Assignment{ItemID: it.ID, Unit: u, Role: store.RoleLead})
		}
		for _, u := range p.SupportUnits {
			it.Units = append(it.Units, store.Assignment{ItemID: it.ID, Unit: u, Role: store.RoleSupport})
		}
		place(it)
	}
	return items
}

// projectBody is what the reviewer reads of a proposed project beside its
// name: its kind, 建设内容, 总投资 and years as the document states them.
func projectBody(p extract.Project) string {
	parts := []string{p.Kind}
	if p.Content != "" {
		parts = append(parts, p.Content)
	}
	if p.Investment != nil {
		parts = append(parts, "总投资"+amount.Format(*p.Investment, "万元"))
	}
	if p.Years != nil {
		parts = append(parts, fmt.Sprintf("建设年限%d—%d年", p.Years.Start, p.Years.End))
	}
	return strings.Join(parts, "；")
}

// projectProposal carries the figures the document states of a project
// to its proposal, in stored units; nil when it states none.
func projectProposal(p extract.Project) *store.ProjectProposal {
	if p.Investment == nil && p.Years == nil && p.Content == "" && len(p.Annual) == 0 {
		return nil
	}
	pp := &store.ProjectProposal{Content: p.Content}
	if p.Investment != nil {
		pp.Total = wanStored(*p.Investment)
	}
	if p.Years != nil {
		pp.StartYear, pp.EndYear = p.Years.Start, p.Years.End
	}
	for _, a := range p.Annual {
		pp.Years = append(pp.Years, store.ProjectYear{Year: a.Year, Planned: wanStored(a.Wan)})
	}
	return pp
}

// wanStored is an amount in 万元 as the store keeps it (to the yuan); an
// absurd one (a misread cell) is left out.
func wanStored(wan float64) int64 {
	v, err := checkWan("", wan)
	if err != nil {
		return 0
	}
	return v
}

// findHeading finds the outline heading a path names: each title a
// descendant of the one before. Paths may skip levels, so a title is
// looked for anywhere below its predecessor.
func findHeading(outline []*extract.Heading, path []string) *extract.Heading {
	var h *extract.Heading
	level := outline
	for _, title := range path {
		h = findTitle(level, title)
		if h == nil {
			return nil
		}
		level = h.Children
	}
	return h
}

func findTitle(hs []*extract.Heading, title string) *extract.Heading {
	for _, h := range hs {
		if h.Title == title {
			return h
		}
	}
	for _, h := range hs {
		if f := findTitle(h.Children, title); f != nil {
			return f
		}
	}
	return nil
}

// markerNumber turns a heading marker into an item number as the plan
// prints it, without the trailing 、 or . that only separates it from the
// title: "一、" → "一", "1." → "1", "（三）" stays.
func markerNumber(m string) string {
	return strings.TrimRight(strings.TrimSpace(m), "、.．,，")
}

// taskUnits assigns the lead units and the supporting ones named in the
// task's text, each unit once, leads first.
func taskUnits(itemID string, t extract.Task) []store.Assignment {
	var out []store.Assignment
	seen := map[string]bool{}
	for _, u := range t.LeadUnits {
		if u = strings.TrimSpace(u); u != "" && !seen[u] {
			seen[u] = true
			out = append(out, store.Assignment{ItemID: itemID, Unit: u, Role: store.RoleLead})
		}
	}
	for _, u := range SupportUnits(t.Text) {
		if !seen[u] {
			seen[u] = true
			out = append(out, store.Assignment{ItemID: itemID, Unit: u, Role: store.RoleSupport})
		}
	}
	return out
}

// supportWords open a clause of supporting units. 责任单位 is one when a
// lead is named too; where it stands alone it leads, and the extractor has
// already taken it as lead, which taskUnits keeps.
var supportWords = []string{"配合单位", "配合部门", "协办单位", "参与单位", "责任单位", "责任部门"}

// SupportUnits returns the units a task's text names after 配合单位 (or
// 协办单位, 参与单位, 责任单位): the list up to the clause's end, split at
// 、，, and brackets inside a unit's name kept (各县（市、区）人民政府).
func SupportUnits(text string) []string {
	var out []string
	for _, w := range supportWords {
		for rest := text; ; {
			i := strings.Index(rest, w)
			if i < 0 {
				break
			}
			rest = rest[i+len(w):]
			rest = strings.TrimLeft(rest, " ：:")
			units, n := unitList(rest)
			out = append(out, units...)
			rest = rest[n:]
		}
	}
	return out
}

// unitList reads a 、-separated unit list from the start of s up to the
// end of its clause (；。 a line break, or a closing bracket that was not
// opened in the list) and returns the units and the bytes read.
func unitList(s string) ([]string, int) {
	var units []string
	var cur strings.Builder
	flush := func() {
		if u := strings.TrimSpace(cur.String()); u != "" {
			units = append(units, u)
		}
		cur.Reset()
	}
	depth := 0
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '（' || r == '(':
			depth++
		case r == '）' || r == ')':
			if depth == 0 {
				flush()
				return units, i
			}
			depth--
		case depth == 0 && (r == '、' || r == '，' || r == ','):
			flush()
			i += w
			continue
		case depth == 0 && (r == '；' || r == ';' || r == '。' || r == '\n'):
			flush()
			return units, i
		}
		cur.WriteRune(r)
		i += w
	}
	flush()
	return units, len(s)
}

// workReport is the kind of a 政府工作报告: a review of last year and the
// plan of this one.
const workReport = "政府工作报告"

// UntitledMark opens the title of a plan whose document gave none: the
// name after it is a stand-in for the user to replace.
const UntitledMark = "〔待补标题〕"

// NeedsTitle reports whether a plan's title is still the stand-in.
func NeedsTitle(title string) bool { return strings.HasPrefix(title, UntitledMark) }

// untitled is the stand-in title of a plan made from doc: UntitledMark and
// the document's library title, else its file name without the extension
// (the last part of a URL's path), else its ID.
func untitled(doc store.Document) string {
	name := strings.TrimSpace(doc.Title)
	if name == "" && doc.Source != "" {
		src := doc.Source
		if u, err := url.Parse(src); err == nil && u.Scheme != "" && u.Host != "" {
			src = u.Path // a page: the last part of its path, never the host
		}
		src = strings.ReplaceAll(src, "\\", "/")
		if base := path.Base(strings.TrimRight(src, "/")); base != "." && base != "/" && !strings.Contains(base, ":") {
			name = strings.TrimSuffix(base, path.Ext(base))
		}
	}
	if name == "" && doc.ID != "" {
		name = "文档 " + doc.ID
	}
	if name == "" {
		name = "未命名计划"
	}
	return UntitledMark + name
}

// titleYear finds the year a title names: 2026年上海市政府工作报告.
var titleYear = regexp.MustCompile(`(1[89]|20)\d\d年`)

// ReportYear is the year a 政府工作报告 plans for: the year it was
// delivered (issued), else the period's when it is one year, else the
// year its title names, else the year most of its targets are for (the
// earliest of a tie: later ones are the five-year plan's), else the year
// after its latest figure; 0 when nothing tells.
func ReportYear(res *extract.Result) int {
	if res.Issued != nil && len(*res.Issued) >= 4 {
		if y, err := strconv.Atoi((*res.Issued)[:4]); err == nil && y > 0 {
			return y
		}
	}
	if p := res.Period; p != nil && p.Start != 0 && p.Start == p.End {
		return p.Start
	}
	if m := titleYear.FindString(res.Title); m != "" {
		y, _ := strconv.Atoi(m[:4])
		return y
	}
	count := map[int]int{}
	best := 0
	for _, q := range res.Targets {
		if q.Year == nil || *q.Year == 0 {
			continue
		}
		y := *q.Year
		count[y]++
		if best == 0 || count[y] > count[best] || (count[y] == count[best] && y < best) {
			best = y
		}
	}
	if best != 0 {
		return best
	}
	for _, q := range res.Observations {
		if q.Period == nil {
			continue
		}
		if _, x, ok := PeriodSpan(*q.Period); ok && int(x)+1 > best {
			best = int(x) + 1
		}
	}
	return best
}
