package track

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"planwatch/internal/store"
)

// progressAliases maps folded header labels of a task list to the
// canonical ones.
var progressAliases = func() map[string]string {
	m := map[string]string{}
	add := func(canon string, words ...string) {
		for _, w := range append(words, canon) {
			m[normLabel(w)] = canon
		}
	}
	add(ColNumber, "编号", "任务编号", "序列号")
	add(ColGroup, "主要任务", "重点工作", "任务类别")
	add(ColMeasure, "具体措施", "工作举措", "主要举措", "具体任务", "任务内容", "工作任务", "任务名称", "工作内容")
	add(ColLead, "牵头部门", "牵头责任单位")
	add(ColSupport, "配合单位", "责任部门", "配合部门", "参与单位")
	add(ColDeadline, "完成时间", "时间节点", "时限")
	add(ColProgress, "工作进展", "进展", "推进情况", "工作进展情况", "完成情况", "进展情况说明", "工作推进情况")
	add(ColStatus, "完成状态", "进度状态", "推进状态", "任务状态")
	add(colPercent, "进度", "完成比例", "完成进度", "进度百分比", "完成率")
	add(colDate, "更新日期", "报送日期", "日期", "填报时间", "截至日期")
	add(ColID, "id", "编码ID", "任务ID")
	return m
}()

// ReadProgress reads a task list as filled in by a unit — the layout
// WriteTaskList writes, or one like it — and returns the progress updates
// it reports for the plan's items, and the rows it refuses.
//
// All or nothing: the caller applies the updates only when there are no
// row errors; a sheet with any refused row goes back to the unit with the
// list of errors (each names its row as Excel shows it, its column letter,
// the cell's text and, in Chinese, what to fix). The error return is for a
// sheet that cannot be read at all: a bad format, a broken file, no header
// row, an unreadable asOf.
//
// The header row is found by its labels in the first 30 rows of the first
// visible sheet that has one: spaces inside labels and a trailing (%) are
// ignored, and synonyms are read (编号 for 序号, 牵头部门 for 牵头单位,
// 工作进展/进展 for 进展情况, 完成状态/进度状态 for 状态, an optional 完成进度
// or 进度(%) column with a percentage, an optional 填报日期 column). A
// merged range's value applies to all its cells.
//
// Each row is matched to an item by its ID cell; else by 序号 (the number
// path of sheet.go, normalized); else by its 具体举措 being exactly an
// item's title (its first line, as exported). A row whose ID and 序号 are
// both empty and whose 具体举措 names no item continues the row above: its
// 进展情况 is appended on a new line, and its 状态 or 完成进度 fill the
// row above's when those are empty. Rows that fill nothing in (no
// 进展情况, 状态 or 完成进度) are ignored whatever their keys, so that
// notes under the table do no harm.
//
// A matched row yields an Update when its 进展情况 is not empty or its 状态
// differs from the item's current status: ItemID; Unit = unit (the
// reporting unit, "" for the item as a whole); Date = the row's 填报日期,
// else asOf, else today (YYYY-MM-DD); Status = the parsed 状态, else the
// item's current status; Progress = the 完成进度 cell, else 100 when the
// status is done, else the item's current Progress (an update that says
// nothing about progress keeps it); Note = 进展情况; Author = author;
// Source = "import:" + the reader's file name (see Named), or
// "import:sheet.xlsx". Rows that repeat a task's latest update in opt.Prev
// (left as exported) are left out, as DropRepeats leaves them.
//
// Refused rows: an ID not of this plan; a 序号 or 具体举措 that matches no
// item; a dropped item; the same item on two separate rows; an item
// opt.Deny refuses; and whatever CheckUpdate, the rules the task page's
// form and every other door share, refuses in the row: a status word
// ParseStatus does not know (the reason lists the labels); 完成进度 not a
// number from 0 to 100; a 填报日期 that cannot be read or is after
// opt.Today; a note of more than MaxNoteChars characters or with bytes or
// characters no text may hold (a NUL, an escape); a unit that neither
// leads nor supports the task. Each names its row and column (第N行X列).
//
// The file is read within opt.Limits (config.Sheets) and ctx: one past a
// limit is a *LimitError, whatever its rows say.
func ReadProgress(ctx context.Context, r io.Reader, format string, plan store.Plan, items []store.Item, unit, author, asOf string,
	opt ReadOptions) ([]store.Update, []RowError, error) {
	today := todayOr(opt.Today)
	date := today
	if strings.TrimSpace(asOf) != "" {
		d, ok := parseDate(asOf, "")
		if !ok {
			return nil, nil, fmt.Errorf("track: as-of date %q is not a date (want YYYY-MM-DD)", asOf)
		}
		if d > today {
			return nil, nil, fmt.Errorf("track: as-of date %s is after today (%s)", d, today)
		}
		date = d
	}
	if p := CheckName(FieldUnit, unit); p != nil {
		return nil, nil, fmt.Errorf("track: unit %q: %s", p[0].Value, p[0].Reason())
	}
	if strings.TrimSpace(unit) != "" && opt.Units != nil {
		e, err := opt.Units.Resolve(unit)
		if err != nil {
			return nil, nil, fmt.Errorf("track: %w", err)
		}
		unit = e.Name
	}
	if p := CheckName(FieldAuthor, author); p != nil {
		return nil, nil, fmt.Errorf("track: author %q: %s", p[0].Value, p[0].Reason())
	}
	grids, err := readGrids(ctx, r, format, opt.Limits)
	if err != nil {
		return nil, nil, err
	}
	var g *grid
	var h header
	for _, cand := range grids {
		if hh, ok := findHeader(cand, progressAliases,
			[]string{ColID, ColNumber, ColMeasure}, []string{ColProgress, ColStatus, colPercent}); ok {
			g, h = cand, hh
			break
		}
	}
	if g == nil {
		return nil, nil, fmt.Errorf("%w (序号/具体举措 and 进展情况/状态)", ErrNoHeader)
	}
	source := importSource(r, strings.ToLower(strings.TrimPrefix(strings.TrimSpace(format), ".")))
	m := newItemMatcher(plan, items)
	m.deny = opt.Deny

	type pending struct {
		row           int // 1-based
		item          store.Item
		measure       string
		note          []string
		noteRows      []int  // the row of each note
		status        string // as written
		statusRow     int
		percent       string
		percentRow    int
		date, dateRaw string
		dateRow       int
		hasStatus     bool
		conflict      bool // a continuation contradicts the row: refused
	}
	var rows []*pending
	var errs []RowError
	lastFor := map[string]int{} // item ID → index in rows
	var cur *pending            // the row continuation rows add to; nil after a refused row
	colOf := func(label string) int { return h.col(label) }
	for ri := h.row + 1; ri < len(g.cells); ri++ {
		get := func(label string) string {
			if c := colOf(label); c >= 0 {
				return g.cell(ri, c)
			}
			return ""
		}
		id, num, measure := get(ColID), get(ColNumber), get(ColMeasure)
		note, status, percent, rowDate := get(ColProgress), get(ColStatus), get(colPercent), get(colDate)
		filled := note != "" || status != "" || percent != "" || rowDate != ""
		excelRow := ri + 1
		// add puts the row's cells into p: its note appended, the rest
		// only where p has none yet.
		add := func(p *pending) {
			if note != "" && !slices.Contains(p.note, note) {
				p.note, p.noteRows = append(p.note, note), append(p.noteRows, excelRow)
			}
			if status != "" && !p.hasStatus {
				p.status, p.statusRow, p.hasStatus = status, excelRow, true
			} else if status != "" && status != p.status {
				errs = append(errs, RowError{Row: excelRow, Column: colName(colOf(ColStatus)), Value: status,
					Reason: fmt.Sprintf("与第%d行同一任务的状态「%s」不一致", p.statusRow, p.status)})
				p.conflict = true
			}
			if percent != "" && p.percent == "" {
				p.percent, p.percentRow = percent, excelRow
			}
			if rowDate != "" && p.date == "" {
				p.date, p.dateRaw, p.dateRow = rowDate, g.rawCell(ri, colOf(colDate)), excelRow
			}
		}
		if id == "" && num == "" && (measure == "" || cur != nil && measure == cur.measure) {
			// A continuation row (or an empty one).
			if !filled {
				continue
			}
			if cur == nil {
				errs = append(errs, RowError{Row: excelRow, Column: colName(max(colOf(ColNumber), 0)),
					Reason: "序号为空，且上方没有可续接的任务行"})
				continue
			}
			add(cur)
			continue
		}
		it, ok, rerr := m.match(id, num, measure, h, excelRow)
		if !ok {
			if filled {
				if rerr == nil {
					rerr = &RowError{Row: excelRow, Column: colName(max(colOf(ColMeasure), 0)), Value: measure,
						Reason: "具体举措与本计划的任务不符，且序号为空"}
				}
				errs = append(errs, *rerr)
			}
			cur = nil
			continue
		}
		if i, seen := lastFor[it.ID]; seen {
			if rows[i] == cur {
				// The same item again right below, as under a merged 序号
				// cell spanning a row and its continuation.
				add(cur)
				continue
			}
			if filled {
				errs = append(errs, RowError{Row: excelRow, Column: colName(max(colOf(ColNumber), 0)), Value: num,
					Reason: fmt.Sprintf("该任务已在第%d行填报，同一任务只能填一行（续行请留空序号）", rows[i].row)})
			}
			cur = nil
			continue
		}
		p := &pending{row: excelRow, item: it, measure: measure}
		add(p)
		lastFor[it.ID] = len(rows)
		rows = append(rows, p)
		cur = p
	}

	latest := latestUpdates(opt.Prev)
	var updates []store.Update
	for _, p := range rows {
		d, dateAt := date, p.row
		if p.date != "" {
			d, dateAt = p.date, p.dateRow
			if v, ok := parseDate(p.date, p.dateRaw); ok {
				d = v
			}
		}
		it := p.item
		target := TargetOf(it)
		target.Today, target.KeepEmpty, target.Units, target.Rhythm = today, true, opt.Units, PlanRhythm(plan)
		up, problems := CheckUpdate(UpdateFields{Date: d, Status: p.status, Progress: p.percent, Unit: unit,
			Note: strings.Join(p.note, "\n")}, target)
		// A 状态 of what is computed (逾期, 滞后, 已延期: what the export
		// wrote) reports nothing on its own.
		quiet := up.Note == "" && p.percent == "" && (up.Status == Reported(it.Status) || IsDerived(p.status))
		if l, ok := latest[it.ID]; quiet || ok && l.Note == up.Note && l.Status == up.Status && l.Progress == up.Progress {
			// The row reports nothing new (left as exported): it is not
			// the unit's report, whoever's task it is.
			problems = slices.DeleteFunc(problems, func(p Problem) bool { return p.Field == FieldUnit || p.Field == FieldReason })
			if len(problems) == 0 {
				continue
			}
		}
		for _, pr := range problems {
			e := RowError{Row: p.row, Value: pr.Value, Reason: pr.Reason()}
			switch pr.Field {
			case FieldStatus:
				e.Row, e.Column = p.statusRow, colName(colOf(ColStatus))
			case FieldProgress:
				e.Row, e.Column = p.percentRow, colName(colOf(colPercent))
			case FieldDate:
				e.Row, e.Column = dateAt, colName(colOf(colDate))
			case FieldNote:
				// The row of the first note cell at fault, else the first's.
				e.Row, e.Column = p.noteRows[0], colName(colOf(ColProgress))
				for i, n := range p.note {
					if code, _ := CheckText(n, MaxNoteChars); code == "text" {
						e.Row = p.noteRows[i]
						break
					}
				}
			default:
				e.Column = colName(max(colOf(ColNumber), 0))
			}
			errs = append(errs, e)
		}
		if p.conflict || len(problems) > 0 || quiet {
			continue
		}
		up.Author, up.Source = author, source
		updates = append(updates, up)
	}
	for i := range errs {
		errs[i].Value = shown(errs[i].Value)
	}
	sortRowErrors(errs)
	return updates, errs, nil
}

// DropRepeats leaves out of imported updates those that only repeat what
// the item already had — the rows a unit returned as exported: the same
// note, status and progress as the item's latest update in prev.
func DropRepeats(imported, prev []store.Update) []store.Update {
	latest := latestUpdates(prev)
	var out []store.Update
	for _, u := range imported {
		p, ok := latest[u.ItemID]
		if ok && p.Note == u.Note && p.Status == u.Status && p.Progress == u.Progress {
			continue
		}
		out = append(out, u)
	}
	return out
}

// itemMatcher finds the item a row is about.
type itemMatcher struct {
	byID    map[string]store.Item
	byKey   map[string]store.Item
	byTitle map[string][]store.Item
	deny    func(store.Item) string // optional: why a row's item may not be reported on
}

func newItemMatcher(plan store.Plan, items []store.Item) *itemMatcher {
	m := &itemMatcher{byID: map[string]store.Item{}, byKey: map[string]store.Item{}, byTitle: map[string][]store.Item{}}
	for _, it := range items {
		if it.PlanID != "" && plan.ID != "" && it.PlanID != plan.ID {
			continue
		}
		m.byID[it.ID] = it
		if it.Kind != store.KindGroup {
			t := foldTitle(it.Title)
			m.byTitle[t] = append(m.byTitle[t], it)
		}
	}
	for _, tr := range taskRows(items) {
		if _, ok := m.byID[tr.item.ID]; ok {
			m.byKey[tr.key] = tr.item
		}
	}
	return m
}

// foldTitle drops all white space, so that a wrapped or re-spaced title
// still matches.
func foldTitle(s string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(s, "\u3000", " ")), "")
}

// match returns the row's item; ok false and no error for a row that
// names nothing (a continuation row).
func (m *itemMatcher) match(id, num, measure string, h header, row int) (store.Item, bool, *RowError) {
	refuse := func(label, value, reason string) (store.Item, bool, *RowError) {
		return store.Item{}, false, &RowError{Row: row, Column: colName(max(h.col(label), 0)), Value: value, Reason: reason}
	}
	check := func(it store.Item, label, value string) (store.Item, bool, *RowError) {
		if it.Dropped {
			return refuse(label, value, "该任务已从计划中撤销，不再填报")
		}
		if it.Kind == store.KindGroup {
			return refuse(label, value, "这是任务分组，不是具体任务，请在其下的任务行填报")
		}
		if m.deny != nil {
			if reason := m.deny(it); reason != "" {
				return refuse(label, value, reason)
			}
		}
		return it, true, nil
	}
	if id != "" {
		if it, ok := m.byID[id]; ok {
			return check(it, ColID, id)
		}
		return refuse(ColID, id, "ID不属于本计划的任务（请勿修改ID列）")
	}
	var byTitle *store.Item
	if measure != "" {
		first, _, _ := strings.Cut(measure, "\n")
		for _, t := range []string{measure, first} {
			if c := m.byTitle[foldTitle(t)]; len(c) == 1 {
				byTitle = &c[0]
				break
			}
		}
	}
	if num != "" {
		if it, ok := m.byKey[normNumberPath(num)]; ok {
			return check(it, ColNumber, num)
		}
		if byTitle != nil {
			return check(*byTitle, ColMeasure, measure)
		}
		return refuse(ColNumber, num, "序号在本计划的任务清单中不存在")
	}
	if byTitle != nil {
		return check(*byTitle, ColMeasure, measure)
	}
	return store.Item{}, false, nil
}

func sortRowErrors(errs []RowError) {
	slices.SortStableFunc(errs, func(a, b RowError) int {
		if a.Row != b.Row {
			return a.Row - b.Row
		}
		return strings.Compare(a.Column, b.Column)
	})
}
