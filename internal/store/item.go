package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Items of a plan: tasks, groups and projects, nested through ParentID
// (stored as NULL for a top-level item), with the units that own them.
// Every change to the task list after the plan is saved leaves an
// ItemEdit in the same transaction (itemedit.go).

// ItemFilter selects items for Items. Zero fields match every confirmed
// item but dropped ones.
type ItemFilter struct {
	Unit           string // items this unit owns, as lead or support
	Role           string // with Unit: only as RoleLead or only as RoleSupport
	Kind           string
	Status         string
	IncludeDropped bool
	// Review: "" confirmed items only (what every view counts), ReviewProposed,
	// ReviewDismissed or ReviewAny (item_review.go).
	Review string
}

// itemCols are the columns scanItem reads, from items aliased i.
const itemCols = `i.id, i.plan_id, i.parent_id, i.kind, i.item_number, i.title, i.body, i.start_date, i.deadline,
 i.status, i.progress, i.sort_order, i.dropped, i.source_start, i.source_end, i.created_at, i.updated_at, i.review`

func scanItem(row scanner) (Item, error) {
	var (
		it       Item
		parent   sql.NullString
		cre, upd int64
	)
	err := row.Scan(&it.ID, &it.PlanID, &parent, &it.Kind, &it.Number, &it.Title, &it.Body, &it.StartDate,
		&it.Deadline, &it.Status, &it.Progress, &it.Position, &it.Dropped, &it.SourceStart, &it.SourceEnd, &cre, &upd, &it.Review)
	it.ParentID = parent.String
	it.CreatedAt, it.UpdatedAt = fromMillis(cre), fromMillis(upd)
	return it, err
}

// queryItems runs a query whose columns are itemCols and fills the items'
// Units from the rows of item_units selected by unitsWhere (on items
// aliased i) with unitsArgs, and their Extensions likewise.
func (s *Store) queryItems(ctx context.Context, q querier, query string, args []any, unitsWhere string, unitsArgs ...any) ([]Item, error) {
	rows, err := q.QueryContext(ctx, s.q(query), args...)
	if err != nil {
		return nil, err
	}
	var items []Item
	for rows.Next() {
		it, err := scanItem(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		items = append(items, it)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(items) == 0 {
		return nil, nil
	}
	rows, err = q.QueryContext(ctx, s.q(`SELECT u.item_id, u.unit_name, u.unit_role FROM item_units u
 JOIN items i ON i.id = u.item_id WHERE `+unitsWhere+` ORDER BY u.item_id, u.sort_order`), unitsArgs...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	units := map[string][]Assignment{}
	for rows.Next() {
		var a Assignment
		if err := rows.Scan(&a.ItemID, &a.Unit, &a.Role); err != nil {
			return nil, err
		}
		units[a.ItemID] = append(units[a.ItemID], a)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	exts, err := s.queryExtensions(ctx, q, unitsWhere, unitsArgs...)
	if err != nil {
		return nil, err
	}
	for i := range items {
		items[i].Units = units[items[i].ID]
		items[i].Extensions = exts[items[i].ID]
	}
	return items, nil
}

// getItem reads one item by its full ID, with its units.
func (s *Store) getItem(ctx context.Context, q querier, id string) (Item, error) {
	items, err := s.queryItems(ctx, q, `SELECT `+itemCols+` FROM items i WHERE i.id = ?`, []any{id}, `i.id = ?`, id)
	if err != nil {
		return Item{}, fmt.Errorf("item %s: %w", id, err)
	}
	if len(items) == 0 {
		return Item{}, fmt.Errorf("item %q: %w", id, ErrNotFound)
	}
	return items[0], nil
}

// Item returns an item by ID or by a unique ID prefix of at least 6
// characters, with its Units; ErrNotFound if there is none.
func (s *Store) Item(ctx context.Context, id string) (Item, error) {
	full, err := s.resolveIn(ctx, s.r, "items", "item", id)
	if err != nil {
		return Item{}, err
	}
	return s.getItem(ctx, s.r, full)
}

// normNumber makes item numbers comparable as people type them: full-width
// digits and brackets as ASCII, spaces and a trailing 、 or . dropped
// ("一、" is "一", "（三）" is "(三)", "２." is "2"). Brackets stay: （一） and
// 一、 are different levels.
func normNumber(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return r - '０' + '0'
		case r == '（':
			return '('
		case r == '）':
			return ')'
		case r == '．' || r == '。':
			return '.'
		case r == ' ' || r == '\u3000' || r == '\t':
			return -1
		}
		return r
	}, s)
	return strings.TrimRight(s, "、.")
}

// ItemByNumber returns the item of a plan (ID or unique prefix) numbered
// number as printed ("3", "（二）", "2.1"; see normNumber for the spellings
// accepted), with its Units. A dropped item is returned only when no
// current one has the number. ErrNotFound when none has it, or when
// several do (numbering restarts under each heading: ask by ID then).
func (s *Store) ItemByNumber(ctx context.Context, planID, number string) (Item, error) {
	pid, err := s.resolveIn(ctx, s.r, "plans", "plan", planID)
	if err != nil {
		return Item{}, err
	}
	want := normNumber(number)
	if want == "" {
		return Item{}, fmt.Errorf("plan %s: item number %q: %w", pid, number, ErrNotFound)
	}
	rows, err := s.r.QueryContext(ctx, s.q(`SELECT id, item_number, dropped FROM items WHERE plan_id = ?`), pid)
	if err != nil {
		return Item{}, fmt.Errorf("plan %s: %w", pid, err)
	}
	defer rows.Close()
	var current, dropped []string
	for rows.Next() {
		var (
			id, num string
			d       bool
		)
		if err := rows.Scan(&id, &num, &d); err != nil {
			return Item{}, fmt.Errorf("plan %s: %w", pid, err)
		}
		if normNumber(num) != want {
			continue
		}
		if d {
			dropped = append(dropped, id)
		} else {
			current = append(current, id)
		}
	}
	if err := rows.Err(); err != nil {
		return Item{}, fmt.Errorf("plan %s: %w", pid, err)
	}
	found := current
	if len(found) == 0 {
		found = dropped
	}
	switch len(found) {
	case 0:
		return Item{}, fmt.Errorf("plan %s: item number %q: %w", pid, number, ErrNotFound)
	case 1:
		return s.getItem(ctx, s.r, found[0])
	default:
		return Item{}, fmt.Errorf("plan %s: item number %q is ambiguous (%d items): %w", pid, number, len(found), ErrNotFound)
	}
}

// treeOrder puts items parents first, each followed by its subtree,
// siblings by Position then ID. An item whose parent is not among them
// counts as top-level.
func treeOrder(items []Item) []Item {
	idx := make(map[string]int, len(items))
	for i, it := range items {
		idx[it.ID] = i
	}
	children := map[string][]int{}
	for i, it := range items {
		p := it.ParentID
		if _, ok := idx[p]; !ok {
			p = ""
		}
		children[p] = append(children[p], i)
	}
	for _, c := range children {
		slices.SortFunc(c, func(a, b int) int {
			return cmp.Or(cmp.Compare(items[a].Position, items[b].Position), strings.Compare(items[a].ID, items[b].ID))
		})
	}
	out := make([]Item, 0, len(items))
	var walk func(parent string)
	walk = func(parent string) {
		for _, i := range children[parent] {
			out = append(out, items[i])
			walk(items[i].ID)
		}
	}
	walk("")
	return out
}

// Items lists the items of a plan (ID or unique prefix) matching f (by
// default confirmed and not dropped), with their Units, in tree order:
// each parent before its children, siblings by Position. The tree is
// ordered whole and then filtered, so an item keeps its place even when
// its parent is filtered out. ErrNotFound if the plan does not exist.
func (s *Store) Items(ctx context.Context, planID string, f ItemFilter) ([]Item, error) {
	pid, err := s.resolveIn(ctx, s.r, "plans", "plan", planID)
	if err != nil {
		return nil, err
	}
	all, err := s.queryItems(ctx, s.r, `SELECT `+itemCols+` FROM items i WHERE i.plan_id = ?`, []any{pid},
		`i.plan_id = ?`, pid)
	if err != nil {
		return nil, fmt.Errorf("items of plan %s: %w", pid, err)
	}
	unit := strings.TrimSpace(f.Unit)
	ordered := treeOrder(all)
	out := make([]Item, 0, len(ordered))
	for _, it := range ordered {
		if !reviewMatches(f.Review, it.Review) {
			continue
		}
		if it.Dropped && !f.IncludeDropped || f.Kind != "" && it.Kind != f.Kind || f.Status != "" && it.Status != f.Status {
			continue
		}
		if unit != "" && !slices.ContainsFunc(it.Units, func(a Assignment) bool {
			return a.Unit == unit && (f.Role == "" || a.Role == f.Role)
		}) {
			continue
		}
		out = append(out, it)
	}
	return out, nil
}

// insertItem inserts it (ID, PlanID and ParentID final) with its units,
// setting CreatedAt and UpdatedAt to ms.
func (s *Store) insertItem(ctx context.Context, tx *sql.Tx, it *Item, ms int64) error {
	it.CreatedAt, it.UpdatedAt = fromMillis(ms), fromMillis(ms)
	if it.Review == "" {
		it.Review = ReviewConfirmed
	}
	if err := checkReview(it.Review); err != nil {
		return fmt.Errorf("item %q: %w", it.Title, err)
	}
	_, err := tx.ExecContext(ctx, s.q(`INSERT INTO items (id, plan_id, parent_id, kind, item_number, title, body,
 start_date, deadline, status, progress, sort_order, dropped, source_start, source_end, created_at, updated_at, review)
 VALUES (`+placeholders(18)+`)`), it.ID, it.PlanID, nullIfEmpty(it.ParentID), it.Kind, it.Number, it.Title, it.Body,
		it.StartDate, it.Deadline, it.Status, it.Progress, it.Position, it.Dropped, it.SourceStart, it.SourceEnd, ms, ms, it.Review)
	if err != nil {
		if s.d.isUniqueViolation(err) {
			return fmt.Errorf("item %s exists: %w", it.ID, ErrConflict)
		}
		return fmt.Errorf("insert item %q: %w", it.Title, err)
	}
	units, err := cleanUnits(it.ID, it.Units)
	if err != nil {
		return fmt.Errorf("item %q: %w", it.Title, err)
	}
	it.Units = units
	if err := s.insertUnits(ctx, tx, units, 0); err != nil {
		return err
	}
	return s.insertProjectProposal(ctx, tx, it)
}

// cleanUnits trims unit names, drops empty ones, checks roles and merges
// a unit named twice into its first place (lead if either says lead).
func cleanUnits(itemID string, units []Assignment) ([]Assignment, error) {
	out := make([]Assignment, 0, len(units))
	at := map[string]int{}
	for _, a := range units {
		a.ItemID, a.Unit = itemID, strings.TrimSpace(a.Unit)
		if a.Unit == "" {
			continue
		}
		if a.Role != RoleLead && a.Role != RoleSupport {
			return nil, fmt.Errorf("unit %s: role %q, want %q or %q", a.Unit, a.Role, RoleLead, RoleSupport)
		}
		if i, dup := at[a.Unit]; dup {
			if a.Role == RoleLead {
				out[i].Role = RoleLead
			}
			continue
		}
		at[a.Unit] = len(out)
		out = append(out, a)
	}
	return out, nil
}

// insertUnits inserts assignments, numbering them from first on; a unit
// the item already has is left as it is.
func (s *Store) insertUnits(ctx context.Context, tx *sql.Tx, units []Assignment, first int) error {
	for i, a := range units {
		_, err := tx.ExecContext(ctx, s.q(`INSERT INTO item_units (item_id, unit_name, unit_role, sort_order)
 VALUES (?, ?, ?, ?) ON CONFLICT (item_id, unit_name) DO NOTHING`), a.ItemID, a.Unit, a.Role, first+i)
		if err != nil {
			return fmt.Errorf("unit %s of item %s: %w", a.Unit, a.ItemID, err)
		}
	}
	return nil
}

// checkParent verifies that parentID is an item of planID under which
// itemID may go: not itemID itself nor one of its descendants
// (ErrConflict), and existing (ErrNotFound).
func (s *Store) checkParent(ctx context.Context, tx *sql.Tx, planID, itemID, parentID string) error {
	var pp string
	err := tx.QueryRowContext(ctx, s.q(`SELECT plan_id FROM items WHERE id = ?`), parentID).Scan(&pp)
	if errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("parent item %q: %w", parentID, ErrNotFound)
	}
	if err != nil {
		return fmt.Errorf("parent item %s: %w", parentID, err)
	}
	if pp != planID {
		return fmt.Errorf("parent item %s belongs to another plan: %w", parentID, ErrConflict)
	}
	if itemID == "" {
		return nil
	}
	cycle, err := s.reaches(ctx, tx, "items", "id", "parent_id", parentID, itemID)
	if err != nil {
		return fmt.Errorf("parent item %s: %w", parentID, err)
	}
	if cycle {
		return fmt.Errorf("item %s cannot go under itself or its own descendant %s: %w", itemID, parentID, ErrConflict)
	}
	return nil
}

// nextPosition is the Position after the last child of parentID ("" for
// the top level) in a plan.
func (s *Store) nextPosition(ctx context.Context, tx *sql.Tx, planID, parentID string) (int, error) {
	cond, args := "parent_id IS NULL", []any{planID}
	if parentID != "" {
		cond, args = "parent_id = ?", append(args, parentID)
	}
	var n int
	err := tx.QueryRowContext(ctx, s.q(`SELECT COALESCE(MAX(sort_order), -1) + 1 FROM items WHERE plan_id = ? AND `+cond), args...).Scan(&n)
	return n, err
}

// AddItem adds an item (with its Units) to a running plan, it.PlanID an ID
// or unique prefix, and records edit (Action EditAdded; After defaults to
// the item's number and title) in the same transaction. it.ID is made
// when empty; a negative Position puts it after its last sibling. On
// success it carries its stored fields. Units are named as the plan
// region's registry names them; one it does not know is ErrInvalid with a
// *unitname.UnknownError inside. ErrNotFound for a missing plan or parent,
// ErrConflict for a parent in another plan.
func (s *Store) AddItem(ctx context.Context, it *Item, edit ItemEdit) error {
	n := *it
	n.Units = slices.Clone(it.Units)
	if n.ID == "" {
		n.ID = NewID()
	}
	ts := now()
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		pid, err := s.resolveIn(ctx, tx, "plans", "plan", n.PlanID)
		if err != nil {
			return err
		}
		n.PlanID = pid
		if n.ParentID != "" {
			if err := s.checkParent(ctx, tx, pid, "", n.ParentID); err != nil {
				return err
			}
		}
		if n.Position < 0 {
			if n.Position, err = s.nextPosition(ctx, tx, pid, n.ParentID); err != nil {
				return fmt.Errorf("position: %w", err)
			}
		}
		r, err := s.planRegionTx(ctx, tx, pid)
		if err != nil {
			return err
		}
		added := []Item{n}
		if err := s.resolveItemUnits(ctx, tx, r, added, false); err != nil {
			return err
		}
		n.Units = added[0].Units
		if err := s.insertItem(ctx, tx, &n, ts); err != nil {
			return err
		}
		edit.PlanID, edit.ItemID, edit.Action = pid, n.ID, EditAdded
		if edit.Before == "" && edit.After == "" {
			edit.After = itemLabel(n)
		}
		if err := s.recordEdit(ctx, tx, &edit, ts); err != nil {
			return err
		}
		return s.touchPlan(ctx, tx, pid, ts)
	})
	if err != nil {
		return fmt.Errorf("add item: %w", err)
	}
	*it = n
	return nil
}

// EditItem changes an item, it.ID its ID or unique prefix, to it: its
// kind, number, title, body, start date, deadline, dropped mark, parent
// and position; status, progress, units, source span and times are not
// changed here (see AddUpdates and SetUnits). edit is recorded in the same
// transaction; an empty Action is inferred from what changed (dropped or
// restored, deadline, renamed, moved, else changed), with Before and
// After describing that change when both are empty. Nothing changed and
// no Action given records nothing. ErrNotFound for a missing item or
// parent; ErrConflict for a parent in another plan or under the item.
func (s *Store) EditItem(ctx context.Context, it Item, edit ItemEdit) error {
	ts := now()
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		id, err := s.resolveIn(ctx, tx, "items", "item", it.ID)
		if err != nil {
			return err
		}
		cur, err := s.getItem(ctx, tx, id)
		if err != nil {
			return err
		}
		if it.ParentID != cur.ParentID && it.ParentID != "" {
			if err := s.checkParent(ctx, tx, cur.PlanID, id, it.ParentID); err != nil {
				return err
			}
		}
		action, before, after := describeEdit(cur, it)
		if action == "" && edit.Action == "" {
			return nil
		}
		if action != "" {
			_, err = tx.ExecContext(ctx, s.q(`UPDATE items SET kind = ?, item_number = ?, title = ?, body = ?,
 start_date = ?, deadline = ?, dropped = ?, parent_id = ?, sort_order = ?, updated_at = ? WHERE id = ?`),
				it.Kind, it.Number, it.Title, it.Body, it.StartDate, it.Deadline, it.Dropped, nullIfEmpty(it.ParentID),
				it.Position, ts, id)
			if err != nil {
				return fmt.Errorf("update item %s: %w", id, err)
			}
		}
		if edit.Action == "" {
			edit.Action = action
		}
		if edit.Before == "" && edit.After == "" {
			edit.Before, edit.After = before, after
		}
		edit.PlanID, edit.ItemID = cur.PlanID, id
		if err := s.recordEdit(ctx, tx, &edit, ts); err != nil {
			return err
		}
		return s.touchPlan(ctx, tx, cur.PlanID, ts)
	})
	if err != nil {
		return fmt.Errorf("edit item: %w", err)
	}
	return nil
}

// Groups lists a plan's groups (by full plan ID), dropped ones left out,
// in tree order and without their Units: a plan's outline, read without
// its tasks. Groups nest under groups, so ordering them alone keeps the
// plan's order.
func (s *Store) Groups(ctx context.Context, planID string) ([]Item, error) {
	all, err := queryAll(ctx, s, scanItem, `SELECT `+itemCols+` FROM items i WHERE i.plan_id = ? AND i.kind = ? AND i.review = ?`,
		planID, KindGroup, ReviewConfirmed)
	if err != nil {
		return nil, fmt.Errorf("groups of plan %s: %w", planID, err)
	}
	return slices.DeleteFunc(treeOrder(all), func(it Item) bool { return it.Dropped }), nil
}
