package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
)

// Plans, and the helpers the tracking files share (ID prefixes, optional
// references, walks up a hierarchy, the plan's edit record).

// PlanFilter selects plans for Plans. Zero fields match everything.
type PlanFilter struct {
	Region     string // GB/T code (a province's or city's code takes in its divisions) or name prefix
	Level      string // LevelNational … LevelCounty
	DocumentID string // plans made from this document
	// IDs, when not empty, keeps only these plans (full IDs): /my asks
	// for the plans a user's scopes name rather than reading every plan
	// of the library to pick them out.
	IDs []string
	// Archived chooses between plans in use (the default), archived
	// ones, or both.
	Archived Archived
	// Limit and Offset page the list (Limit 0: every plan from Offset on).
	Limit  int
	Offset int
}

// querier is what *sql.DB and *sql.Tx share: reads run on either.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// nullIfEmpty stores "" as NULL, for optional references whose foreign
// key must hold; NULL reads back as "" through sql.NullString.
func nullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// resolveIn turns an ID, or a unique prefix of at least 6 characters, into
// the full ID of a row of table (a constant of this package, never user
// input). what names the record in errors; ErrNotFound when there is none
// or the prefix is ambiguous.
func (s *Store) resolveIn(ctx context.Context, q querier, table, what, id string) (string, error) {
	if !validIDPrefix(id) {
		return "", fmt.Errorf("%s %q: %w", what, id, ErrNotFound)
	}
	var got string
	err := q.QueryRowContext(ctx, s.q(`SELECT id FROM `+table+` WHERE id = ?`), id).Scan(&got)
	if err == nil {
		return got, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("%s %q: %w", what, id, err)
	}
	if len(id) < 6 || len(id) == idLen {
		return "", fmt.Errorf("%s %q: %w", what, id, ErrNotFound)
	}
	// validIDPrefix keeps LIKE's wildcards out of id.
	rows, err := q.QueryContext(ctx, s.q(`SELECT id FROM `+table+` WHERE id LIKE ? ORDER BY id LIMIT 2`), id+"%")
	if err != nil {
		return "", fmt.Errorf("%s %q: %w", what, id, err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		if err := rows.Scan(&got); err != nil {
			return "", fmt.Errorf("%s %q: %w", what, id, err)
		}
		ids = append(ids, got)
	}
	if err := rows.Err(); err != nil {
		return "", fmt.Errorf("%s %q: %w", what, id, err)
	}
	switch len(ids) {
	case 1:
		return ids[0], nil
	case 0:
		return "", fmt.Errorf("%s %q: %w", what, id, ErrNotFound)
	default:
		return "", fmt.Errorf("%s %q: ambiguous ID prefix: %w", what, id, ErrNotFound)
	}
}

// reaches reports whether walking up a hierarchy from `from` (through
// rows of table whose childCol is a node and parentCol its parent, a node
// having any number of parents) arrives at `to`. Linking `to` under
// `from` would then close a cycle.
func (s *Store) reaches(ctx context.Context, q querier, table, childCol, parentCol, from, to string) (bool, error) {
	seen := map[string]bool{from: true}
	frontier := []string{from}
	query := s.q(`SELECT ` + parentCol + ` FROM ` + table + ` WHERE ` + childCol + ` = ?`)
	for len(frontier) > 0 {
		node := frontier[len(frontier)-1]
		frontier = frontier[:len(frontier)-1]
		if node == to {
			return true, nil
		}
		rows, err := q.QueryContext(ctx, query, node)
		if err != nil {
			return false, err
		}
		for rows.Next() {
			var p sql.NullString
			if err := rows.Scan(&p); err != nil {
				rows.Close()
				return false, err
			}
			if p.Valid && p.String != "" && !seen[p.String] {
				seen[p.String] = true
				frontier = append(frontier, p.String)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return false, err
		}
	}
	return false, nil
}

// touchPlan moves a plan's UpdatedAt to ms, or one millisecond past its
// current value when that is not earlier: every change moves it strictly
// forward, so the web app can key what it computes from a plan on it (two
// changes in one millisecond, or a transaction that took its time while
// a later one committed, never leave the same stamp on different data).
func (s *Store) touchPlan(ctx context.Context, tx *sql.Tx, planID string, ms int64) error {
	if _, err := tx.ExecContext(ctx, s.q(`UPDATE plans SET updated_at = CASE WHEN updated_at >= ? THEN updated_at + 1 ELSE ? END
 WHERE id = ?`), ms, ms, planID); err != nil {
		return fmt.Errorf("plan %s: %w", planID, err)
	}
	return nil
}

// SavePlanTree stores a new plan with its items and indicators in one
// transaction. p.ID is made with NewID when empty; CreatedAt and UpdatedAt
// are set. Items name their parents by ParentID among the given items:
// callers give temporary IDs (unique among the items; an item nobody
// points at may have none), which are replaced by real ones, ParentID
// remapped. Siblings keep their order by Position, then by their order in
// items, and are renumbered 0, 1, 2 …. Each item's Units are stored
// (ItemID set), as are each indicator's Targets and Observations. One
// plan-level ItemEdit (EditAdded) records the creation; edits of single
// items are kept for later changes.
//
// On success p, items and inds carry the stored IDs, plan IDs, positions
// and times; on error they are left as they were. ErrNotFound when
// p.DocumentID names no document, ErrConflict when p.ID is taken.
func (s *Store) SavePlanTree(ctx context.Context, p *Plan, items []Item, inds []Indicator) error {
	if strings.TrimSpace(p.Title) == "" {
		return errors.New("save plan: empty title")
	}
	order, err := parentsFirst(items)
	if err != nil {
		return fmt.Errorf("save plan: %w", err)
	}
	plan := *p
	if plan.ID == "" {
		plan.ID = NewID()
	}
	if plan.Rhythm == "" {
		plan.Rhythm = DefaultRhythm
	}
	if err := checkRhythm(plan.Rhythm); err != nil {
		return fmt.Errorf("save plan: %w", err)
	}
	ts := now()
	plan.CreatedAt, plan.UpdatedAt = fromMillis(ts), fromMillis(ts)
	var newItems []Item
	var newInds []Indicator
	// Two plans saved at once that seed the same new unit: the second
	// insert fails on PostgreSQL; read the registry again and go on.
	for attempt := 0; ; attempt++ {
		newItems, newInds = cloneTree(items, inds)
		err = s.savePlanTreeTx(ctx, plan, order, newItems, newInds, ts)
		var taken unitTakenError
		if attempt >= 2 || !errors.As(err, &taken) {
			break
		}
	}
	if err != nil {
		return fmt.Errorf("save plan: %w", err)
	}
	*p = plan
	copy(items, newItems)
	copy(inds, newInds)
	return nil
}

// cloneTree copies a plan's items and indicators for one attempt to save
// them: saving gives them IDs.
func cloneTree(items []Item, inds []Indicator) ([]Item, []Indicator) {
	newItems := make([]Item, len(items))
	for i, it := range items {
		it.Units = slices.Clone(it.Units)
		newItems[i] = it
	}
	renumberSiblings(newItems)
	newInds := make([]Indicator, len(inds))
	for i, ind := range inds {
		ind.Targets = slices.Clone(ind.Targets)
		ind.Observations = slices.Clone(ind.Observations)
		newInds[i] = ind
	}
	return newItems, newInds
}

func (s *Store) savePlanTreeTx(ctx context.Context, plan Plan, order []int, newItems []Item, newInds []Indicator, ts int64) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if plan.DocumentID != "" {
			if err := s.documentExists(ctx, tx, plan.DocumentID); err != nil {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, s.q(`INSERT INTO plans (id, title, document_id, version_seq, region_code,
 region_name, plan_level, start_year, end_year, report_rhythm, created_at, updated_at, plan_kind) VALUES (`+placeholders(13)+`)`),
			plan.ID, plan.Title, nullIfEmpty(plan.DocumentID), plan.VersionSeq, plan.RegionCode, plan.RegionName,
			plan.Level, plan.StartYear, plan.EndYear, plan.Rhythm, ts, ts, plan.Kind)
		if err != nil {
			if s.d.isUniqueViolation(err) {
				return fmt.Errorf("plan %s exists: %w", plan.ID, ErrConflict)
			}
			return fmt.Errorf("insert plan: %w", err)
		}
		// The units as the region's registry names them, the unknown ones seeded.
		if err := s.resolveItemUnits(ctx, tx, planRegion{plan.RegionCode, plan.RegionName, plan.Level}, newItems, true); err != nil {
			return err
		}
		realID := map[string]string{}
		for _, i := range order {
			it := &newItems[i]
			tmp := it.ID
			it.ID, it.PlanID, it.ParentID = NewID(), plan.ID, realID[it.ParentID]
			if tmp != "" {
				realID[tmp] = it.ID
			}
			if err := s.insertItem(ctx, tx, it, ts); err != nil {
				return err
			}
		}
		for i := range newInds {
			newInds[i].ID, newInds[i].PlanID = "", plan.ID
			if err := s.insertIndicator(ctx, tx, &newInds[i], ts); err != nil {
				return err
			}
		}
		reason := "entered by hand"
		if plan.DocumentID != "" {
			reason = "created from document"
		}
		return s.recordEdit(ctx, tx, &ItemEdit{PlanID: plan.ID, Action: EditAdded, After: plan.Title, Reason: reason}, ts)
	})
}

// parentsFirst checks the temporary IDs and parent references of items
// and returns their indexes in an order where every parent comes before
// its children (and otherwise the given order).
func parentsFirst(items []Item) ([]int, error) {
	byID := map[string]int{}
	for i, it := range items {
		if it.ID == "" {
			continue
		}
		if _, dup := byID[it.ID]; dup {
			return nil, fmt.Errorf("item ID %q given twice", it.ID)
		}
		byID[it.ID] = i
	}
	children := map[int][]int{}
	var roots []int
	for i, it := range items {
		if it.ParentID == "" {
			roots = append(roots, i)
			continue
		}
		p, ok := byID[it.ParentID]
		if !ok {
			return nil, fmt.Errorf("item %q: parent %q is not among the items", it.ID, it.ParentID)
		}
		children[p] = append(children[p], i)
	}
	order := make([]int, 0, len(items))
	for len(roots) > 0 {
		i := roots[0]
		roots = roots[1:]
		order = append(order, i)
		roots = append(roots, children[i]...)
	}
	if len(order) != len(items) {
		return nil, errors.New("items' parents form a cycle")
	}
	return order, nil
}

// renumberSiblings sets Position to 0, 1, 2 … among the items sharing a
// ParentID, keeping their order by Position, then by place in items.
func renumberSiblings(items []Item) {
	groups := map[string][]int{}
	for i, it := range items {
		groups[it.ParentID] = append(groups[it.ParentID], i)
	}
	for _, g := range groups {
		slices.SortStableFunc(g, func(a, b int) int { return items[a].Position - items[b].Position })
		for pos, i := range g {
			items[i].Position = pos
		}
	}
}

// planCols are the columns scanPlan reads, from plans aliased p.
const planCols = `p.id, p.title, p.document_id, p.version_seq, p.region_code, p.region_name, p.plan_level,
 p.start_year, p.end_year, p.report_rhythm, p.created_at, p.updated_at, p.archived_at, p.plan_kind`

func scanPlan(row scanner) (Plan, error) {
	var (
		p        Plan
		doc      sql.NullString
		cre, upd int64
		arch     int64
	)
	err := row.Scan(&p.ID, &p.Title, &doc, &p.VersionSeq, &p.RegionCode, &p.RegionName, &p.Level,
		&p.StartYear, &p.EndYear, &p.Rhythm, &cre, &upd, &arch, &p.Kind)
	p.DocumentID = doc.String
	p.CreatedAt, p.UpdatedAt = fromMillis(cre), fromMillis(upd)
	p.ArchivedAt = archivedTime(arch)
	return p, err
}

// Plan returns a plan by ID or by a unique ID prefix of at least 6
// characters; ErrNotFound if there is none (or the prefix is ambiguous).
func (s *Store) Plan(ctx context.Context, id string) (Plan, error) {
	full, err := s.resolveIn(ctx, s.r, "plans", "plan", id)
	if err != nil {
		return Plan{}, err
	}
	plans, err := queryAll(ctx, s, scanPlan, `SELECT `+planCols+` FROM plans p WHERE p.id = ?`, full)
	if err != nil {
		return Plan{}, fmt.Errorf("plan %s: %w", full, err)
	}
	if len(plans) == 0 { // deleted meanwhile
		return Plan{}, fmt.Errorf("plan %s: %w", full, ErrNotFound)
	}
	return plans[0], nil
}

// Plans lists the plans matching f, newest first, a page of them when
// f.Limit is set.
func (s *Store) Plans(ctx context.Context, f PlanFilter) ([]Plan, error) {
	where, args := planWhere(f)
	page := ""
	if f.Limit > 0 || f.Offset > 0 {
		limit := f.Limit
		if limit <= 0 {
			limit = math.MaxInt32 // LIMIT is needed before OFFSET on SQLite
		}
		page = " LIMIT ? OFFSET ?"
		args = append(args, limit, max(f.Offset, 0))
	}
	plans, err := queryAll(ctx, s, scanPlan, `SELECT `+planCols+` FROM plans p`+where+` ORDER BY p.id DESC`+page, args...)
	if err != nil {
		return nil, fmt.Errorf("plans: %w", err)
	}
	return plans, nil
}

// CountPlans counts the plans matching f (its Limit and Offset aside).
func (s *Store) CountPlans(ctx context.Context, f PlanFilter) (int, error) {
	where, args := planWhere(f)
	var n int
	if err := s.r.QueryRowContext(ctx, s.q(`SELECT count(*) FROM plans p`+where), args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("count plans: %w", err)
	}
	return n, nil
}

// PlanRegions lists the regions plans are for, code then name, each once.
func (s *Store) PlanRegions(ctx context.Context) ([][2]string, error) {
	return queryAll(ctx, s, func(sc scanner) ([2]string, error) {
		var r [2]string
		return r, sc.Scan(&r[0], &r[1])
	}, `SELECT DISTINCT region_code, region_name FROM plans ORDER BY region_code, region_name`)
}

// planWhere is the WHERE clause (with its arguments) of f's conditions.
func planWhere(f PlanFilter) (string, []any) {
	var (
		conds []string
		args  []any
	)
	if r := strings.TrimSpace(f.Region); r != "" {
		if code, ok := regionCodePrefix(r); ok {
			conds = append(conds, "p.region_code LIKE ?")
			args = append(args, code+"%")
		} else {
			conds = append(conds, `p.region_name LIKE ? ESCAPE '\'`)
			args = append(args, escapeLike(r)+"%")
		}
	}
	if f.Level != "" {
		conds = append(conds, "p.plan_level = ?")
		args = append(args, f.Level)
	}
	if f.DocumentID != "" {
		conds = append(conds, "p.document_id = ?")
		args = append(args, f.DocumentID)
	}
	if len(f.IDs) > 0 {
		conds = append(conds, "p.id IN ("+placeholders(len(f.IDs))+")")
		for _, id := range f.IDs {
			args = append(args, id)
		}
	}
	if c := f.Archived.cond("p"); c != "" {
		conds = append(conds, c)
	}
	if len(conds) == 0 {
		return "", args
	}
	return " WHERE " + strings.Join(conds, " AND "), args
}

// PlansOfDocument lists the plans made from a document, newest first,
// archived ones too.
func (s *Store) PlansOfDocument(ctx context.Context, docID string) ([]Plan, error) {
	if docID == "" {
		return nil, nil
	}
	return s.Plans(ctx, PlanFilter{DocumentID: docID, Archived: ArchivedAlso})
}

// DeletePlan deletes a plan (by its full ID) with everything under it:
// items, units, updates, edits, indicators, targets, observations and
// links from or to it. ErrNotFound if there is no such plan.
func (s *Store) DeletePlan(ctx context.Context, id string) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, s.q(`DELETE FROM plans WHERE id = ?`), id)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil {
			return err
		} else if n == 0 {
			return ErrNotFound
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("delete plan %q: %w", id, err)
	}
	return nil
}
