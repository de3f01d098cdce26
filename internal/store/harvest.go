package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Harvested observations: figures a stored document reports, matched to an
// indicator of a tracked plan by internal/harvest and proposed here. Only
// a person's acceptance writes an observation, which then cites the
// document; rejected and "not this indicator" proposals stay for the
// record so that running the matching again does not offer them anew.

// Harvest proposal states.
const (
	HarvestProposed = "proposed"
	HarvestAccepted = "accepted"
	HarvestRejected = "rejected"
	HarvestWrong    = "wrong" // not this indicator: the name means something else
)

// HarvestProposal is a figure from a document proposed for an indicator.
type HarvestProposal struct {
	ID          string
	IndicatorID string
	PlanID      string
	DocumentID  string
	VersionSeq  int
	Name        string  // the indicator as the document names it
	Period      string  // 2023, 2023-Q2 …
	Value       float64 // in the indicator's unit
	DocValue    float64 // as the document states it, in DocUnit
	DocUnit     string
	RegionCode  string
	RegionName  string
	Quote       string
	SpanStart   int
	SpanEnd     int
	Score       float64
	Reasons     []string
	State       string
	// ObservationID is the observation an accepted proposal became.
	ObservationID string
	DecidedBy     string
	DecidedAt     time.Time
	Note          string
	CreatedAt     time.Time
	// Filled by HarvestProposals: the indicator's name and unit, the
	// plan's title, the document's title and issue date, and whether
	// another open proposal gives the same indicator and period a
	// different value.
	IndicatorName string
	IndicatorUnit string
	PlanTitle     string
	DocTitle      string
	DocIssued     string
	Conflict      bool
}

// HarvestFilter selects harvest proposals; zero fields match all.
type HarvestFilter struct {
	PlanID      string // ID or unique prefix
	IndicatorID string
	DocumentID  string
	State       string // "" is HarvestProposed; "all" every state
	Limit       int
}

// HarvestSynonym says a name means (or, Negative, does not mean) another.
type HarvestSynonym struct {
	Name      string
	Canonical string
	Negative  bool
	Author    string
	CreatedAt time.Time
}

const harvestCols = `h.id, h.indicator_id, h.plan_id, h.document_id, h.version_seq, h.obs_name, h.obs_period,
 h.obs_value, h.doc_value, h.doc_unit, h.region_code, h.region_name, h.quote, h.span_start, h.span_end, h.score,
 h.reasons, h.state, h.observation_id, h.decided_by, h.decided_at, h.decision_note, h.created_at,
 n.name, n.measure_unit, p.title, d.title, d.issued`

const harvestFrom = ` FROM harvest_proposals h JOIN indicators n ON n.id = h.indicator_id JOIN plans p ON p.id = h.plan_id
 JOIN documents d ON d.id = h.document_id`

func scanHarvest(row scanner) (HarvestProposal, error) {
	var (
		h               HarvestProposal
		reasons         string
		decided, create int64
		issued          sql.NullString
	)
	err := row.Scan(&h.ID, &h.IndicatorID, &h.PlanID, &h.DocumentID, &h.VersionSeq, &h.Name, &h.Period, &h.Value,
		&h.DocValue, &h.DocUnit, &h.RegionCode, &h.RegionName, &h.Quote, &h.SpanStart, &h.SpanEnd, &h.Score, &reasons,
		&h.State, &h.ObservationID, &h.DecidedBy, &decided, &h.Note, &create,
		&h.IndicatorName, &h.IndicatorUnit, &h.PlanTitle, &h.DocTitle, &issued)
	if reasons != "" {
		h.Reasons = strings.Split(reasons, "\n")
	}
	h.DecidedAt, h.CreatedAt, h.DocIssued = fromMillis(decided), fromMillis(create), issued.String
	return h, err
}

// SaveHarvestProposals stores new proposals, making their IDs, and returns
// how many were new: one already stored for the same indicator and
// sentence of the same document version (in any state) is left as it is,
// so that matching again never offers what a person decided. All or none.
func (s *Store) SaveHarvestProposals(ctx context.Context, ps []HarvestProposal) (int, error) {
	if len(ps) == 0 {
		return 0, nil
	}
	added := 0
	ts := now()
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		added = 0
		for i := range ps {
			p := &ps[i]
			if strings.TrimSpace(p.Period) == "" {
				return fmt.Errorf("proposal %d: no period", i+1)
			}
			var n int
			if err := tx.QueryRowContext(ctx, s.q(`SELECT count(*) FROM harvest_proposals WHERE indicator_id = ?
 AND document_id = ? AND version_seq = ? AND span_start = ? AND span_end = ?`), p.IndicatorID, p.DocumentID,
				p.VersionSeq, p.SpanStart, p.SpanEnd).Scan(&n); err != nil {
				return fmt.Errorf("proposal %d: %w", i+1, err)
			}
			if n > 0 {
				continue
			}
			if p.ID == "" {
				p.ID = NewID()
			}
			p.State = HarvestProposed
			_, err := tx.ExecContext(ctx, s.q(`INSERT INTO harvest_proposals (id, indicator_id, plan_id, document_id,
 version_seq, obs_name, obs_period, obs_value, doc_value, doc_unit, region_code, region_name, quote, span_start,
 span_end, score, reasons, state, observation_id, decided_by, decided_at, decision_note, created_at)
 VALUES (`+placeholders(23)+`)`), p.ID, p.IndicatorID, p.PlanID, p.DocumentID, p.VersionSeq, p.Name, p.Period,
				p.Value, p.DocValue, p.DocUnit, p.RegionCode, p.RegionName, p.Quote, p.SpanStart, p.SpanEnd, p.Score,
				strings.Join(p.Reasons, "\n"), p.State, "", "", 0, "", ts)
			if err != nil {
				return fmt.Errorf("proposal %d (%s %s): %w", i+1, p.Name, p.Period, err)
			}
			added++
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("save harvest proposals: %w", err)
	}
	return added, nil
}

// HarvestProposals lists proposals by plan, indicator, period and
// descending score, with Conflict set where another open proposal for the
// same indicator and period states a different value.
func (s *Store) HarvestProposals(ctx context.Context, f HarvestFilter) ([]HarvestProposal, error) {
	var (
		conds []string
		args  []any
	)
	if f.PlanID != "" {
		pid, err := s.resolveIn(ctx, s.r, "plans", "plan", f.PlanID)
		if err != nil {
			return nil, err
		}
		conds, args = append(conds, "h.plan_id = ?"), append(args, pid)
	}
	if f.IndicatorID != "" {
		conds, args = append(conds, "h.indicator_id = ?"), append(args, f.IndicatorID)
	}
	if f.DocumentID != "" {
		conds, args = append(conds, "h.document_id = ?"), append(args, f.DocumentID)
	}
	switch f.State {
	case "all":
	case "":
		conds, args = append(conds, "h.state = ?"), append(args, HarvestProposed)
	default:
		conds, args = append(conds, "h.state = ?"), append(args, f.State)
	}
	q := `SELECT ` + harvestCols + harvestFrom
	if len(conds) > 0 {
		q += ` WHERE ` + strings.Join(conds, " AND ")
	}
	q += ` ORDER BY h.plan_id, n.id, h.obs_period, h.score DESC, h.id`
	if f.Limit > 0 {
		q += fmt.Sprintf(` LIMIT %d`, f.Limit)
	}
	out, err := queryAll(ctx, s, scanHarvest, q, args...)
	if err != nil {
		return nil, fmt.Errorf("harvest proposals: %w", err)
	}
	markConflicts(out)
	return out, nil
}

// markConflicts flags open proposals that share an indicator and period
// with another open one of a different value (out is ordered by both).
func markConflicts(out []HarvestProposal) {
	for i := 0; i < len(out); {
		j := i
		for j < len(out) && out[j].IndicatorID == out[i].IndicatorID && out[j].Period == out[i].Period {
			j++
		}
		for a := i; a < j; a++ {
			for b := i; b < j; b++ {
				if out[a].State == HarvestProposed && out[b].State == HarvestProposed && !sameFigure(out[a].Value, out[b].Value) {
					out[a].Conflict = true
				}
			}
		}
		i = j
	}
}

func sameFigure(a, b float64) bool {
	d := a - b
	if d < 0 {
		d = -d
	}
	m := a
	if m < 0 {
		m = -m
	}
	return d <= 1e-9*(1+m)
}

// CountHarvestProposals is how many proposals of a plan (full ID) await a
// decision.
func (s *Store) CountHarvestProposals(ctx context.Context, planID string) (int, error) {
	var n int
	if err := s.r.QueryRowContext(ctx, s.q(`SELECT count(*) FROM harvest_proposals WHERE plan_id = ? AND state = ?`),
		planID, HarvestProposed).Scan(&n); err != nil {
		return 0, fmt.Errorf("harvest proposals of plan %s: %w", planID, err)
	}
	return n, nil
}

// HarvestProposal returns one proposal by ID or unique prefix.
func (s *Store) HarvestProposal(ctx context.Context, id string) (HarvestProposal, error) {
	full, err := s.resolveIn(ctx, s.r, "harvest_proposals", "harvest proposal", id)
	if err != nil {
		return HarvestProposal{}, err
	}
	out, err := queryAll(ctx, s, scanHarvest, `SELECT `+harvestCols+harvestFrom+` WHERE h.id = ?`, full)
	if err != nil {
		return HarvestProposal{}, fmt.Errorf("harvest proposal %s: %w", full, err)
	}
	if len(out) == 0 {
		return HarvestProposal{}, fmt.Errorf("harvest proposal %s: %w", full, ErrNotFound)
	}
	return out[0], nil
}

// HarvestDecision is a person's answer to one proposal.
type HarvestDecision struct {
	ID       string // ID or unique prefix
	Decision string // HarvestAccepted, HarvestRejected or HarvestWrong
	// Value and Period replace the proposal's on acceptance when set.
	Value  *float64
	Period string
	Note   string
	Author string
}

// ErrDecided is wrapped when a proposal was decided already.
var ErrDecided = errors.New("already decided")

// DecideHarvest applies d in one transaction with its audit entry
// (harvest.accept, harvest.reject or harvest.wrong, on the indicator).
// Accepting writes the observation, its Source naming the document,
// version and sentence, and closes the other open proposals for the same
// indicator and period (a person picked one source). "Not this
// indicator" records a negative synonym for the document's name and the
// indicator's key, so the matching does not offer it again. It returns
// the proposal as decided. ErrNotFound, ErrDecided for one decided
// before.
func (s *Store) DecideHarvest(ctx context.Context, d HarvestDecision, actor AuditEntry) (HarvestProposal, error) {
	h, err := s.HarvestProposal(ctx, d.ID)
	if err != nil {
		return HarvestProposal{}, err
	}
	switch d.Decision {
	case HarvestAccepted, HarvestRejected, HarvestWrong:
	default:
		return HarvestProposal{}, fmt.Errorf("harvest proposal %s: decision %q: want accepted, rejected or wrong", h.ID, d.Decision)
	}
	if h.State != HarvestProposed {
		return HarvestProposal{}, fmt.Errorf("harvest proposal %s is %s: %w", h.ID, h.State, ErrDecided)
	}
	before := h
	ts := now()
	if d.Decision == HarvestAccepted {
		if d.Value != nil {
			h.Value = *d.Value
		}
		if p := strings.TrimSpace(d.Period); p != "" {
			h.Period = p
		}
	}
	h.State, h.DecidedBy, h.DecidedAt, h.Note = d.Decision, d.Author, fromMillis(ts), strings.TrimSpace(d.Note)
	actor.Action, actor.EntityType, actor.EntityID = "harvest."+map[string]string{HarvestAccepted: "accept",
		HarvestRejected: "reject", HarvestWrong: "wrong"}[d.Decision], "indicator", h.IndicatorID
	if d.Decision == HarvestAccepted {
		// Made here so that the audit entry, written with the change,
		// names the observation.
		h.ObservationID = NewID()
	}
	actor.Before, _ = json.Marshal(harvestRecord(before))
	actor.After, _ = json.Marshal(harvestRecord(h))
	_, err = s.withAudit(ctx, actor, func(tx *sql.Tx) error {
		if d.Decision == HarvestAccepted {
			o := Observation{ID: h.ObservationID, IndicatorID: h.IndicatorID, Period: h.Period, Value: h.Value,
				Source: HarvestSource(h)}
			if err := s.insertObservation(ctx, tx, &o, ts); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, s.q(`UPDATE harvest_proposals SET state = ?, decided_by = ?, decided_at = ?,
 decision_note = ? WHERE indicator_id = ? AND obs_period = ? AND state = ? AND id <> ?`), HarvestRejected, d.Author,
				ts, "another source was chosen: "+h.ID, h.IndicatorID, h.Period, HarvestProposed, h.ID); err != nil {
				return err
			}
			if err := s.touchPlan(ctx, tx, h.PlanID, ts); err != nil {
				return err
			}
		}
		if d.Decision == HarvestWrong {
			var key string
			if err := tx.QueryRowContext(ctx, s.q(`SELECT indicator_key FROM indicators WHERE id = ?`), h.IndicatorID).
				Scan(&key); err != nil {
				return err
			}
			if err := s.putSynonym(ctx, tx, HarvestSynonym{Name: h.Name, Canonical: key, Negative: true, Author: d.Author}, ts); err != nil {
				return err
			}
		}
		res, err := tx.ExecContext(ctx, s.q(`UPDATE harvest_proposals SET state = ?, obs_value = ?, obs_period = ?,
 observation_id = ?, decided_by = ?, decided_at = ?, decision_note = ? WHERE id = ? AND state = ?`), h.State, h.Value,
			h.Period, h.ObservationID, h.DecidedBy, ts, h.Note, h.ID, HarvestProposed)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return fmt.Errorf("harvest proposal %s: %w", h.ID, ErrDecided)
		}
		return nil
	})
	if err != nil {
		return HarvestProposal{}, fmt.Errorf("decide harvest proposal %s: %w", h.ID, err)
	}
	return h, nil
}

// harvestAudit is a proposal as the audit log keeps it.
type harvestAudit struct {
	ID            string  `json:"id"`
	State         string  `json:"state"`
	Period        string  `json:"period"`
	Value         float64 `json:"value"`
	Document      string  `json:"document"`
	Name          string  `json:"name"`
	ObservationID string  `json:"observation,omitempty"`
	Note          string  `json:"note,omitempty"`
}

// harvestRecord is h as the audit log keeps it.
func harvestRecord(h HarvestProposal) harvestAudit {
	return harvestAudit{ID: h.ID, State: h.State, Period: h.Period, Value: h.Value, Document: h.DocumentID,
		Name: h.Name, ObservationID: h.ObservationID, Note: h.Note}
}

// HarvestSourcePrefix opens the Source of an observation taken from a
// harvested proposal: "document:ID@SEQ#START-END 《title》: quote".
const HarvestSourcePrefix = "document:"

// HarvestSource is the Source an accepted proposal's observation keeps:
// the document, its version and the sentence's span, then its title and
// the sentence, so a report can cite it and a reader find it.
func HarvestSource(h HarvestProposal) string {
	src := fmt.Sprintf("%s%s@%d#%d-%d", HarvestSourcePrefix, h.DocumentID, h.VersionSeq, h.SpanStart, h.SpanEnd)
	if h.DocTitle != "" {
		src += " 《" + h.DocTitle + "》"
	}
	if h.Quote != "" {
		src += ": " + h.Quote
	}
	return src
}

// TrackedIndicators lists the confirmed indicators of every plan in use
// (not archived) with their plan, targets and observations: what the
// matching offers figures to.
func (s *Store) TrackedIndicators(ctx context.Context) ([]Plan, []Indicator, error) {
	plans, err := s.Plans(ctx, PlanFilter{})
	if err != nil {
		return nil, nil, err
	}
	if len(plans) == 0 {
		return nil, nil, nil
	}
	inds, err := s.queryIndicators(ctx, `n.review = ? AND n.plan_id IN (SELECT id FROM plans WHERE archived_at = 0)`,
		ReviewConfirmed)
	if err != nil {
		return nil, nil, fmt.Errorf("tracked indicators: %w", err)
	}
	return plans, inds, nil
}

// EachExtraction calls fn with the current version's extraction of every
// document in use that is no repost of another, oldest first (without
// their tags), reading them a page at a time: the back-fill over a whole
// library.
func (s *Store) EachExtraction(ctx context.Context, fn func(d Document, seq int, extraction []byte) error) error {
	const page = 200
	type docExt struct {
		d   Document
		ext string
	}
	scan := func(row scanner) (docExt, error) {
		var (
			ext    sql.NullString
			packed []byte
		)
		d, err := scanDocument(row, &ext, &packed)
		if err != nil || len(packed) == 0 {
			return docExt{d, ext.String}, err
		}
		b, err := unpackExtraction(packed)
		if err != nil {
			return docExt{}, fmt.Errorf("document %s: %w", d.ID, err)
		}
		return docExt{d, string(b)}, nil
	}
	for last := ""; ; {
		if err := ctx.Err(); err != nil {
			return err
		}
		rows, err := queryAll(ctx, s, scan, `SELECT `+docCols+`, v.extraction, v.packed FROM documents d
 JOIN versions v ON v.document_id = d.id AND v.seq = d.current_seq
 WHERE d.archived_at = 0 AND d.duplicate_of IS NULL AND d.id > ? ORDER BY d.id LIMIT `+fmt.Sprint(page), last)
		if err != nil {
			return fmt.Errorf("extractions after %q: %w", last, err)
		}
		for _, r := range rows {
			if err := fn(r.d, r.d.CurrentSeq, []byte(r.ext)); err != nil {
				return err
			}
		}
		if len(rows) < page {
			return nil
		}
		last = rows[len(rows)-1].d.ID
	}
}

// Extraction returns the stored extraction (extract.Result as JSON) of a
// document's version, without its texts.
func (s *Store) Extraction(ctx context.Context, docID string, seq int) ([]byte, error) {
	var (
		ext    sql.NullString
		packed []byte
	)
	err := s.r.QueryRowContext(ctx, s.q(`SELECT extraction, packed FROM versions WHERE document_id = ? AND seq = ?`), docID, seq).Scan(&ext, &packed)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("document %s version %d: %w", docID, seq, ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("extraction of %s@%d: %w", docID, seq, err)
	}
	if len(packed) > 0 {
		b, err := unpackExtraction(packed)
		if err != nil {
			return nil, fmt.Errorf("extraction of %s@%d: %w", docID, seq, err)
		}
		return b, nil
	}
	return []byte(ext.String), nil
}
