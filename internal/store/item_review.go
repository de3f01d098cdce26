package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
)

// Proposals before commitments. What the extraction finds in a document
// — tasks, projects, targets — enters a plan as a proposal (Review
// ReviewProposed) with the span of its source sentence. A person
// confirms it, edits it, merges it into another, or dismisses it, one
// at a time or in bulk. Only confirmed items and indicators are listed
// by Items and Indicators by default, so only they have owners and due
// dates in status, alerts, /my, reports and the sheet. Headings (groups)
// are the plan's outline and are saved confirmed; an item or indicator
// made by hand is confirmed at once.

// Review states of items and indicators, and the edits and audit actions
// of a review.
const (
	ReviewConfirmed = "confirmed"
	ReviewProposed  = "proposed"
	ReviewDismissed = "dismissed"
	// ReviewAny in ItemFilter.Review lists items in every state.
	ReviewAny = "*"

	EditConfirmed = "confirmed" // a proposal taken into the plan
	EditDismissed = "dismissed" // a proposal turned down

	AuditProposalConfirm = "proposal.confirm"
	AuditProposalDismiss = "proposal.dismiss"
	AuditProposalMerge   = "proposal.merge"
)

// KindTarget names indicators (the extraction's targets) in Review.Kind.
const KindTarget = "target"

// checkReview refuses a review state that is not one of the three.
func checkReview(r string) error {
	switch r {
	case ReviewConfirmed, ReviewProposed, ReviewDismissed:
		return nil
	}
	return invalidError{fmt.Errorf("review %q: want %s, %s or %s", r, ReviewConfirmed, ReviewProposed, ReviewDismissed)}
}

// reviewMatches reports whether an item in review state have passes
// ItemFilter.Review want.
func reviewMatches(want, have string) bool {
	switch want {
	case ReviewAny:
		return true
	case "":
		return have == ReviewConfirmed || have == ""
	}
	return have == want
}

// Proposals is a plan's review: the items and indicators in one review
// state.
type Proposals struct {
	Items      []Item      // tasks and projects in tree order, with Units
	Indicators []Indicator // with Targets and Observations
}

// Len is the number of items and indicators.
func (p Proposals) Len() int { return len(p.Items) + len(p.Indicators) }

// Proposals lists a plan's (ID or unique prefix) items and indicators in
// review state state: ReviewProposed for those awaiting review,
// ReviewDismissed for those turned down. ErrNotFound for a missing plan.
func (s *Store) Proposals(ctx context.Context, planID, state string) (Proposals, error) {
	if err := checkReview(state); err != nil {
		return Proposals{}, err
	}
	items, err := s.Items(ctx, planID, ItemFilter{Review: state, IncludeDropped: state == ReviewDismissed})
	if err != nil {
		return Proposals{}, err
	}
	pid, err := s.resolveIn(ctx, s.r, "plans", "plan", planID)
	if err != nil {
		return Proposals{}, err
	}
	inds, err := s.queryIndicators(ctx, `n.plan_id = ? AND n.review = ?`, pid, state)
	if err != nil {
		return Proposals{}, fmt.Errorf("proposals of plan %s: %w", pid, err)
	}
	return Proposals{Items: items, Indicators: inds}, nil
}

// CountProposals is the number of a plan's (full ID) items and
// indicators awaiting review.
func (s *Store) CountProposals(ctx context.Context, planID string) (int, error) {
	// One query (the plan page asks on every view of an editor's).
	var n int
	if err := s.r.QueryRowContext(ctx, s.q(`SELECT (SELECT count(*) FROM items WHERE plan_id = ? AND review = ?)
 + (SELECT count(*) FROM indicators WHERE plan_id = ? AND review = ?)`),
		planID, ReviewProposed, planID, ReviewProposed).Scan(&n); err != nil {
		return 0, fmt.Errorf("proposals of plan %s: %w", planID, err)
	}
	return n, nil
}

// Review is a decision on proposals of one plan.
type Review struct {
	PlanID string   // ID or unique prefix
	IDs    []string // items or indicators of the plan, IDs or unique prefixes
	// All takes every proposal awaiting review, narrowed by Kind
	// (KindTask, KindProject or KindTarget; "" for all), besides IDs.
	All      bool
	Kind     string
	Decision string // ReviewConfirmed or ReviewDismissed
	Reason   string
	Author   string // a login, or cli:$USER
}

// reviewRecord is a review as the audit log keeps it.
type reviewRecord struct {
	Decision   string   `json:"decision"`
	Items      []string `json:"items,omitempty"`
	Indicators []string `json:"indicators,omitempty"`
	// Projects are the project records made of confirmed project items.
	Projects []string `json:"projects,omitempty"`
	Reason   string   `json:"reason,omitempty"`
}

// ReviewProposals applies r in one transaction with its audit entry
// (actor's who and where; proposal.confirm or proposal.dismiss, on the
// plan): each item or indicator named takes the decision, recorded among
// the plan's edits (EditConfirmed or EditDismissed), and the plan is
// touched; a project item confirmed becomes a project record too
// (projectFromProposal). Confirming takes a proposal or a dismissed one
// back; dismissing takes a proposal only (a confirmed task is dropped,
// not dismissed).
// One already in the state asked is left as it is. It returns the number
// changed. ErrNotFound for a missing plan or an ID that is not one of its
// items or indicators; ErrConflict for a heading, a merged item, or a
// confirmed one to dismiss; ErrInvalid for another decision.
func (s *Store) ReviewProposals(ctx context.Context, r Review, actor AuditEntry) (int, error) {
	if r.Decision != ReviewConfirmed && r.Decision != ReviewDismissed {
		return 0, fmt.Errorf("review: %w", invalidError{fmt.Errorf("decision %q: want %s or %s", r.Decision, ReviewConfirmed, ReviewDismissed)})
	}
	action, audit := EditConfirmed, AuditProposalConfirm
	if r.Decision == ReviewDismissed {
		action, audit = EditDismissed, AuditProposalDismiss
	}
	ts := now()
	changed := 0
	err := s.audited(ctx, func(tx *sql.Tx) ([]AuditEntry, error) {
		changed = 0
		pid, err := s.resolveIn(ctx, tx, "plans", "plan", r.PlanID)
		if err != nil {
			return nil, err
		}
		items, inds, err := s.reviewTargets(ctx, tx, pid, r)
		if err != nil {
			return nil, err
		}
		rec := reviewRecord{Decision: r.Decision, Reason: strings.TrimSpace(r.Reason)}
		for _, it := range items {
			switch {
			case it.Review == r.Decision:
				continue
			case it.Kind == KindGroup:
				return nil, fmt.Errorf("item %s is a heading of the plan's outline, not a proposal: %w", it.ID, ErrConflict)
			case it.Dropped:
				return nil, fmt.Errorf("item %s %s was merged or dropped: %w", it.ID, itemLabel(it), ErrConflict)
			case r.Decision == ReviewDismissed && it.Review == ReviewConfirmed:
				return nil, fmt.Errorf("item %s %s is confirmed: drop it with its reason instead (task edit --drop): %w",
					it.ID, itemLabel(it), ErrConflict)
			}
			if _, err := tx.ExecContext(ctx, s.q(`UPDATE items SET review = ?, updated_at = ? WHERE id = ?`),
				r.Decision, ts, it.ID); err != nil {
				return nil, fmt.Errorf("item %s: %w", it.ID, err)
			}
			e := ItemEdit{PlanID: pid, ItemID: it.ID, Action: action, Before: it.Review, After: itemLabel(it),
				Reason: rec.Reason, Author: r.Author}
			if err := s.recordEdit(ctx, tx, &e, ts); err != nil {
				return nil, err
			}
			rec.Items = append(rec.Items, it.ID)
			changed++
			if it.Kind == KindProject && r.Decision == ReviewConfirmed {
				id, err := s.projectFromProposal(ctx, tx, pid, it, ts)
				if err != nil {
					return nil, err
				}
				if id != "" {
					rec.Projects = append(rec.Projects, id)
				}
			}
		}
		for _, ind := range inds {
			switch {
			case ind.Review == r.Decision:
				continue
			case r.Decision == ReviewDismissed && ind.Review == ReviewConfirmed:
				return nil, fmt.Errorf("indicator %s %s is confirmed: %w", ind.ID, ind.Name, ErrConflict)
			}
			if _, err := tx.ExecContext(ctx, s.q(`UPDATE indicators SET review = ? WHERE id = ?`), r.Decision, ind.ID); err != nil {
				return nil, fmt.Errorf("indicator %s: %w", ind.ID, err)
			}
			e := ItemEdit{PlanID: pid, Action: action, Before: ind.Review, After: "指标 " + ind.Name + " [" + ind.ID + "]",
				Reason: rec.Reason, Author: r.Author}
			if err := s.recordEdit(ctx, tx, &e, ts); err != nil {
				return nil, err
			}
			rec.Indicators = append(rec.Indicators, ind.ID)
			changed++
		}
		if changed == 0 {
			return nil, nil
		}
		if err := s.touchPlan(ctx, tx, pid, ts); err != nil {
			return nil, err
		}
		entry, err := auditEntryOf(actor, audit, "plan", pid, nil, rec)
		return []AuditEntry{entry}, err
	})
	if err != nil {
		return 0, fmt.Errorf("review: %w", err)
	}
	return changed, nil
}

// reviewTargets finds the items and indicators of plan pid that r names:
// its IDs, in order, then with All every proposal of r.Kind.
func (s *Store) reviewTargets(ctx context.Context, tx *sql.Tx, pid string, r Review) ([]Item, []Indicator, error) {
	var (
		items []Item
		inds  []Indicator
		seen  = map[string]bool{}
	)
	for _, ref := range r.IDs {
		ref = strings.TrimSpace(ref)
		if ref == "" {
			continue
		}
		table, id, err := s.resolveProposal(ctx, tx, pid, ref)
		if err != nil {
			return nil, nil, err
		}
		if seen[id] {
			continue
		}
		seen[id] = true
		if table == "items" {
			it, err := s.getItem(ctx, tx, id)
			if err != nil {
				return nil, nil, err
			}
			items = append(items, it)
			continue
		}
		ind, err := s.indicatorTx(ctx, tx, id)
		if err != nil {
			return nil, nil, err
		}
		inds = append(inds, ind)
	}
	if !r.All {
		return items, inds, nil
	}
	if r.Kind != KindTarget {
		all, err := s.queryItems(ctx, tx, `SELECT `+itemCols+` FROM items i WHERE i.plan_id = ? AND i.review = ? AND i.dropped = ?`,
			[]any{pid, ReviewProposed, false}, `i.plan_id = ? AND i.review = ?`, pid, ReviewProposed)
		if err != nil {
			return nil, nil, fmt.Errorf("proposals of plan %s: %w", pid, err)
		}
		for _, it := range treeOrder(all) {
			if (r.Kind == "" || it.Kind == r.Kind) && !seen[it.ID] {
				items, seen[it.ID] = append(items, it), true
			}
		}
	}
	if r.Kind == "" || r.Kind == KindTarget {
		rows, err := tx.QueryContext(ctx, s.q(`SELECT id FROM indicators WHERE plan_id = ? AND review = ? ORDER BY id`), pid, ReviewProposed)
		if err != nil {
			return nil, nil, fmt.Errorf("proposals of plan %s: %w", pid, err)
		}
		var ids []string
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, nil, err
			}
			ids = append(ids, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, nil, err
		}
		for _, id := range ids {
			if seen[id] {
				continue
			}
			ind, err := s.indicatorTx(ctx, tx, id)
			if err != nil {
				return nil, nil, err
			}
			inds, seen[id] = append(inds, ind), true
		}
	}
	return items, inds, nil
}

// resolveProposal finds the item or indicator of plan pid whose ID is
// ref or, failing that, the only one whose ID begins with ref (at least 6
// characters): its table ("items" or "indicators") and full ID.
// ErrNotFound when none or several match.
func (s *Store) resolveProposal(ctx context.Context, tx *sql.Tx, pid, ref string) (table, id string, err error) {
	if !validIDPrefix(ref) {
		return "", "", fmt.Errorf("item or indicator %q of plan %s: %w", ref, pid, ErrNotFound)
	}
	pattern := ref
	if len(ref) < idLen {
		if len(ref) < 6 {
			return "", "", fmt.Errorf("item or indicator %q of plan %s: %w", ref, pid, ErrNotFound)
		}
		pattern = ref + "%"
	}
	rows, err := tx.QueryContext(ctx, s.q(`SELECT 'items', id FROM items WHERE plan_id = ? AND id LIKE ?
 UNION ALL SELECT 'indicators', id FROM indicators WHERE plan_id = ? AND id LIKE ?`), pid, pattern, pid, pattern)
	if err != nil {
		return "", "", fmt.Errorf("item or indicator %q: %w", ref, err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var t, got string
		if err := rows.Scan(&t, &got); err != nil {
			return "", "", fmt.Errorf("item or indicator %q: %w", ref, err)
		}
		if got == ref { // an exact match wins over longer IDs it prefixes
			return t, got, nil
		}
		table, id = t, got
		n++
	}
	if err := rows.Err(); err != nil {
		return "", "", fmt.Errorf("item or indicator %q: %w", ref, err)
	}
	switch n {
	case 1:
		return table, id, nil
	case 0:
		return "", "", fmt.Errorf("item or indicator %q is not one of plan %s: %w", ref, pid, ErrNotFound)
	}
	return "", "", fmt.Errorf("item or indicator %q of plan %s: ambiguous ID prefix: %w", ref, pid, ErrNotFound)
}

// indicatorTx reads one indicator's row (without targets) inside tx.
func (s *Store) indicatorTx(ctx context.Context, tx *sql.Tx, id string) (Indicator, error) {
	ind, err := scanIndicator(tx.QueryRowContext(ctx, s.q(`SELECT `+indCols+` FROM indicators n WHERE n.id = ?`), id))
	if err != nil {
		return Indicator{}, fmt.Errorf("indicator %s: %w", id, err)
	}
	return ind, nil
}

// MergeProposals merges proposed items fromIDs (IDs or unique prefixes)
// into item intoID of the same plan, a proposal or a confirmed item, in
// one transaction with its audit entry (proposal.merge, on into): each is
// merged as MergeItems merges (its units join into's, it stays for the
// record) and dismissed. ErrNotFound for a missing item; ErrConflict for
// a from that is not a proposal, or as MergeItems.
func (s *Store) MergeProposals(ctx context.Context, intoID string, fromIDs []string, reason, author string, actor AuditEntry) error {
	if len(fromIDs) == 0 {
		return fmt.Errorf("merge proposals: %w", invalidError{fmt.Errorf("nothing to merge into %s", intoID)})
	}
	ts := now()
	err := s.audited(ctx, func(tx *sql.Tx) ([]AuditEntry, error) {
		into, err := s.resolveIn(ctx, tx, "items", "item", intoID)
		if err != nil {
			return nil, err
		}
		var merged []string
		for _, ref := range fromIDs {
			id, err := s.resolveIn(ctx, tx, "items", "item", ref)
			if err != nil {
				return nil, err
			}
			from, err := s.getItem(ctx, tx, id)
			if err != nil {
				return nil, err
			}
			if from.Review != ReviewProposed {
				return nil, fmt.Errorf("item %s %s is %s, not a proposal: %w", id, itemLabel(from), from.Review, ErrConflict)
			}
			edit := ItemEdit{Reason: strings.TrimSpace(reason), Author: author}
			if _, _, err := s.mergeItemsTx(ctx, tx, into, id, edit, ts); err != nil {
				return nil, err
			}
			if _, err := tx.ExecContext(ctx, s.q(`UPDATE items SET review = ?, updated_at = ? WHERE id = ?`),
				ReviewDismissed, ts, id); err != nil {
				return nil, fmt.Errorf("item %s: %w", id, err)
			}
			merged = append(merged, id)
		}
		entry, err := auditEntryOf(actor, AuditProposalMerge, "item", into, nil,
			map[string]any{"merged": slices.Clip(merged), "reason": strings.TrimSpace(reason)})
		return []AuditEntry{entry}, err
	})
	if err != nil {
		return fmt.Errorf("merge proposals: %w", err)
	}
	return nil
}
