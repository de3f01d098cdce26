package harvest

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"

	"planwatch/internal/extract"
	"planwatch/internal/store"
)

// Harvester matches stored documents against tracked plans and stores
// the proposals.
type Harvester struct {
	st       *store.Store
	log      *slog.Logger
	minScore float64
}

// New returns a harvester over st proposing matches that score at least
// minScore (0: DefaultMinScore).
func New(st *store.Store, log *slog.Logger, minScore float64) *Harvester {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	if minScore <= 0 {
		minScore = DefaultMinScore
	}
	return &Harvester{st: st, log: log, minScore: minScore}
}

// Summary says what one run found.
type Summary struct {
	Documents int // documents read
	Matches   int // matches at or above the threshold
	Proposed  int // new proposals stored (matches already stored are not)
}

// index builds the index of every tracked indicator, or of one plan's.
func (h *Harvester) index(ctx context.Context, planID string) (*Index, error) {
	rows, err := h.st.HarvestSynonyms(ctx)
	if err != nil {
		return nil, err
	}
	syn := NewSynonyms(rows)
	if planID != "" {
		p, err := h.st.Plan(ctx, planID)
		if err != nil {
			return nil, err
		}
		inds, err := h.st.Indicators(ctx, p.ID)
		if err != nil {
			return nil, err
		}
		return NewIndex([]store.Plan{p}, inds, syn), nil
	}
	plans, inds, err := h.st.TrackedIndicators(ctx)
	if err != nil {
		return nil, err
	}
	return NewIndex(plans, inds, syn), nil
}

// Document matches the current version of one document against every
// tracked plan and stores the proposals.
func (h *Harvester) Document(ctx context.Context, docID string) (Summary, error) {
	d, err := h.st.Document(ctx, docID)
	if err != nil {
		return Summary{}, fmt.Errorf("harvest: %w", err)
	}
	x, err := h.index(ctx, "")
	if err != nil {
		return Summary{}, fmt.Errorf("harvest document %s: %w", d.ID, err)
	}
	var sum Summary
	if x.Len() == 0 {
		return sum, nil
	}
	raw, err := h.st.Extraction(ctx, d.ID, d.CurrentSeq)
	if err != nil {
		return sum, fmt.Errorf("harvest document %s: %w", d.ID, err)
	}
	if err := h.one(ctx, x, d, d.CurrentSeq, raw, &sum); err != nil {
		return sum, fmt.Errorf("harvest document %s: %w", d.ID, err)
	}
	h.log.Info("harvested", "document", d.ID, "matches", sum.Matches, "proposed", sum.Proposed)
	return sum, nil
}

// Plan matches every document of the library against one plan (ID or
// unique prefix): the back-fill of a new plan's baselines and figures.
func (h *Harvester) Plan(ctx context.Context, planID string) (Summary, error) {
	x, err := h.index(ctx, planID)
	if err != nil {
		return Summary{}, fmt.Errorf("harvest plan %s: %w", planID, err)
	}
	var sum Summary
	if x.Len() == 0 {
		return sum, nil
	}
	err = h.st.EachExtraction(ctx, func(d store.Document, seq int, raw []byte) error {
		return h.one(ctx, x, d, seq, raw, &sum)
	})
	if err != nil {
		return sum, fmt.Errorf("harvest plan %s: %w", planID, err)
	}
	h.log.Info("harvested", "plan", planID, "documents", sum.Documents, "matches", sum.Matches, "proposed", sum.Proposed)
	return sum, nil
}

// Library matches every document of the library against every tracked
// plan, with one index for the whole pass: after plans were confirmed or
// the synonym table taught, say.
func (h *Harvester) Library(ctx context.Context) (Summary, error) {
	x, err := h.index(ctx, "")
	if err != nil {
		return Summary{}, fmt.Errorf("harvest library: %w", err)
	}
	var sum Summary
	if x.Len() == 0 {
		return sum, nil
	}
	err = h.st.EachExtraction(ctx, func(d store.Document, seq int, raw []byte) error {
		return h.one(ctx, x, d, seq, raw, &sum)
	})
	if err != nil {
		return sum, fmt.Errorf("harvest library: %w", err)
	}
	h.log.Info("harvested", "documents", sum.Documents, "matches", sum.Matches, "proposed", sum.Proposed)
	return sum, nil
}

// figuresOf is the part of an extraction the matching reads: decoding
// into it skips the outline, tasks and targets, most of a plan's.
type figuresOf struct {
	Kind         string             `json:"kind"`
	Issued       *string            `json:"issued"`
	Region       *extract.Region    `json:"region"`
	Period       *extract.Period    `json:"period"`
	Observations []extract.Quantity `json:"observations"`
}

// decodeFigures reads the figures of a stored extraction.
func decodeFigures(raw []byte) (*extract.Result, error) {
	var f figuresOf
	if err := json.Unmarshal(raw, &f); err != nil {
		return nil, err
	}
	return &extract.Result{Kind: f.Kind, Issued: f.Issued, Region: f.Region, Period: f.Period, Observations: f.Observations}, nil
}

// one matches one document version and stores its proposals.
func (h *Harvester) one(ctx context.Context, x *Index, d store.Document, seq int, raw []byte, sum *Summary) error {
	sum.Documents++
	if len(raw) == 0 {
		return nil
	}
	res, err := decodeFigures(raw)
	if err != nil {
		// One unreadable extraction must not stop a back-fill.
		h.log.Warn("harvest: unreadable extraction", "document", d.ID, "seq", seq, "err", err)
		return nil
	}
	src := SourceOf(d, seq, res)
	ms := x.Match(src, h.minScore)
	sum.Matches += len(ms)
	if len(ms) == 0 {
		return nil
	}
	ps := make([]store.HarvestProposal, len(ms))
	for i, m := range ms {
		ps[i] = m.Proposal(src)
	}
	n, err := h.st.SaveHarvestProposals(ctx, ps)
	sum.Proposed += n
	return err
}
