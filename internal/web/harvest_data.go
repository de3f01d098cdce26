package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"planwatch/internal/amount"
	"planwatch/internal/harvest"
	"planwatch/internal/library"
	"planwatch/internal/store"
	"planwatch/internal/track"
	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

// Harvested figures: what the library's documents report, proposed for a
// plan's indicators (internal/harvest). The inbox page, its forms and the
// API share the helpers here; deciding needs plan.edit, as reviewing the
// plan's own proposals does.

func init() {
	pageNames = append(pageNames, "harvest_list")
	for k, v := range harvestMessages {
		messages[k] = v
	}
}

// harvestMessages are the inbox's interface strings.
var harvestMessages = map[string][2]string{
	"harvest.title":     {"数据采集待确认", "Harvested figures"},
	"harvest.link":      {"文档中的指标数据", "Figures from documents"},
	"harvest.note":      {"以下数值由库中文档（下一年政府工作报告、统计公报等）自动匹配到本计划的指标，附原文与快照链接；确认后才记入指标，并保留来源。", "These figures were found in the library's documents (the next work report, a statistical bulletin …) and matched to this plan's indicators, each with its sentence and a link to the snapshot. Only an accepted one is recorded, and it keeps its source."},
	"harvest.none":      {"没有待确认的数据。", "No figures await review."},
	"harvest.indicator": {"指标", "Indicator"},
	"harvest.period":    {"期间", "Period"},
	"harvest.value":     {"数值", "Value"},
	"harvest.source":    {"来源原文", "Source"},
	"harvest.score":     {"匹配度", "Score"},
	"harvest.accept":    {"采用", "Accept"},
	"harvest.reject":    {"不采用", "Reject"},
	"harvest.wrong":     {"不是此指标", "Not this indicator"},
	"harvest.conflict":  {"来源数值不一致，请选择其一", "Sources differ: pick one"},
	"harvest.run":       {"从全库补采", "Match the whole library"},
	"harvest.done":      {"新增待确认", "New proposals:"},
	"harvest.decided":   {"已处理", "Decided"},
	"harvest.state":     {"状态", "State"},
	"harvest.all":       {"全部记录", "All decisions"},
	"harvest.waiting":   {"待确认", "Awaiting review"},
	"harvest.snapshot":  {"快照", "snapshot"},
}

// apiHarvestProposal is a harvested figure as the API and the inbox show it.
type apiHarvestProposal struct {
	ID          string   `json:"id"`
	IndicatorID string   `json:"indicator_id"`
	Indicator   string   `json:"indicator"`
	Unit        string   `json:"unit"`
	Period      string   `json:"period"`
	Value       float64  `json:"value"`
	ValueText   string   `json:"value_text"`
	Name        string   `json:"name"` // the indicator as the document names it
	DocumentID  string   `json:"document_id"`
	Document    string   `json:"document"`
	Issued      string   `json:"issued,omitempty"`
	Version     int      `json:"version"`
	Snapshot    string   `json:"snapshot"` // the document's version with the sentence highlighted
	Quote       string   `json:"quote"`
	Score       float64  `json:"score"`
	Reasons     []string `json:"reasons"`
	State       string   `json:"state"`
	Conflict    bool     `json:"conflict"` // another open proposal gives this indicator and period another value
	Observation string   `json:"observation_id,omitempty"`
	DecidedBy   string   `json:"decided_by,omitempty"`
	Note        string   `json:"note,omitempty"`
}

// apiHarvestList is a plan's harvested figures.
type apiHarvestList struct {
	PlanID    string               `json:"plan_id"`
	State     string               `json:"state"`
	Proposals []apiHarvestProposal `json:"proposals"`
}

// apiHarvestDecision is a person's answer to one harvested figure.
type apiHarvestDecision struct {
	Decision string `json:"decision"`         // accept, reject or wrong (not this indicator)
	Value    string `json:"value,omitempty"`  // accept: the value to record instead (6.6, 1.2亿元)
	Period   string `json:"period,omitempty"` // accept: the period to record instead
	Note     string `json:"note,omitempty"`
}

// apiHarvestRun is what a back-fill found.
type apiHarvestRun struct {
	Documents int `json:"documents"`
	Matches   int `json:"matches"`
	Proposed  int `json:"proposed"`
}

func harvestJSON(h store.HarvestProposal) apiHarvestProposal {
	return apiHarvestProposal{ID: h.ID, IndicatorID: h.IndicatorID, Indicator: h.IndicatorName, Unit: h.IndicatorUnit,
		Period: h.Period, Value: h.Value, ValueText: amount.Format(h.Value, h.IndicatorUnit), Name: h.Name,
		DocumentID: h.DocumentID, Document: h.DocTitle, Issued: h.DocIssued, Version: h.VersionSeq,
		Snapshot: fmt.Sprintf("/documents/%s?version=%d&mark=%d-%d#%s", h.DocumentID, h.VersionSeq, h.SpanStart, h.SpanEnd,
			anchorID(h.SpanStart, h.SpanEnd)), Quote: h.Quote, Score: h.Score,
		Reasons: h.Reasons, State: h.State, Conflict: h.Conflict, Observation: h.ObservationID, DecidedBy: h.DecidedBy,
		Note: h.Note}
}

// harvestState reads ?state: proposed (default), accepted, rejected, wrong or all.
func harvestState(q string) (string, error) {
	switch q {
	case "", store.HarvestProposed:
		return store.HarvestProposed, nil
	case store.HarvestAccepted, store.HarvestRejected, store.HarvestWrong, "all":
		return q, nil
	}
	return "", respond.BadRequest("state " + q + ": want proposed, accepted, rejected, wrong or all")
}

// harvestOf reads the plan of a harvest request (its editors and admins
// only) and its figures in the state ?state asks for.
func (s *Server) harvestOf(r *http.Request) (store.Plan, apiHarvestList, error) {
	ctx := r.Context()
	p, err := s.reviewablePlan(ctx, r.PathValue("id"))
	if err != nil {
		return store.Plan{}, apiHarvestList{}, err
	}
	state, err := harvestState(r.URL.Query().Get("state"))
	if err != nil {
		return store.Plan{}, apiHarvestList{}, err
	}
	list, err := s.loadHarvest(ctx, p, state)
	return p, list, err
}

// loadHarvest lists a plan's harvested figures in a state.
func (s *Server) loadHarvest(ctx context.Context, p store.Plan, state string) (apiHarvestList, error) {
	hs, err := s.st.HarvestProposals(ctx, store.HarvestFilter{PlanID: p.ID, State: state})
	if err != nil {
		return apiHarvestList{}, err
	}
	out := apiHarvestList{PlanID: p.ID, State: state, Proposals: []apiHarvestProposal{}}
	for _, h := range hs {
		out.Proposals = append(out.Proposals, harvestJSON(h))
	}
	return out, nil
}

// decideHarvest applies a decision on one of plan p's harvested figures
// as the request's user, audited (harvest.accept, harvest.reject,
// harvest.wrong).
func (s *Server) decideHarvest(ctx context.Context, p store.Plan, id string, req apiHarvestDecision) (apiHarvestProposal, error) {
	h, err := s.st.HarvestProposal(ctx, id)
	if err != nil || h.PlanID != p.ID {
		return apiHarvestProposal{}, notFound(store.ErrNotFound, "harvested figure "+id)
	}
	d := store.HarvestDecision{ID: h.ID, Note: strings.TrimSpace(req.Note)}
	switch req.Decision {
	case "accept":
		d.Decision = store.HarvestAccepted
	case "reject":
		d.Decision = store.HarvestRejected
	case "wrong":
		d.Decision = store.HarvestWrong
	default:
		return apiHarvestProposal{}, respond.BadRequest("decision " + req.Decision + ": want accept, reject or wrong")
	}
	if v := strings.TrimSpace(req.Value); v != "" {
		if d.Decision != store.HarvestAccepted {
			return apiHarvestProposal{}, respond.BadRequest("value: only an accepted figure takes one")
		}
		f, err := amount.ParseIn(v, h.IndicatorUnit)
		if err != nil {
			return apiHarvestProposal{}, respond.BadRequest("value " + v + ": " + err.Error())
		}
		d.Value = &f
	}
	if per := strings.TrimSpace(req.Period); per != "" && per != h.Period {
		np, ok := track.NormalizePeriod(per)
		if !ok || d.Decision != store.HarvestAccepted {
			return apiHarvestProposal{}, respond.BadRequest("period " + per + ": want 2024, 2024-Q2 or 2024-06 on an accepted figure")
		}
		d.Period = np
	}
	if u, ok := auth.UserFrom(ctx); ok {
		d.Author = u.Login
	}
	actor, err := auth.Entry(ctx, "harvest", "indicator", h.IndicatorID, nil, nil)
	if err != nil {
		return apiHarvestProposal{}, err
	}
	out, err := s.st.DecideHarvest(ctx, d, actor)
	if errors.Is(err, store.ErrDecided) {
		return apiHarvestProposal{}, &respond.Problem{Status: 409, Code: "conflict", Message: "harvested figure " + h.ID + " was decided already", Err: err}
	}
	if err != nil {
		return apiHarvestProposal{}, err
	}
	return harvestJSON(out), nil
}

// runHarvest matches the whole library against plan p (the back-fill).
func (s *Server) runHarvest(ctx context.Context, p store.Plan) (apiHarvestRun, error) {
	var sum harvest.Summary
	err := s.work.do(ctx, workDocument, func(ctx context.Context) error {
		var err error
		sum, err = harvest.New(s.st, s.log, 0).Plan(ctx, p.ID)
		return err
	})
	if err != nil {
		return apiHarvestRun{}, err
	}
	return apiHarvestRun{Documents: sum.Documents, Matches: sum.Matches, Proposed: sum.Proposed}, nil
}

// harvestStored is the library's Stored hook for documents added through
// the web app: their figures are matched against the tracked plans at
// once. A failure is logged; the document is stored either way.
func (s *Server) harvestStored(ctx context.Context, r library.Result) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
	defer cancel()
	if _, err := harvest.New(s.st, s.log, 0).Document(ctx, r.DocumentID); err != nil {
		s.log.Warn("harvest: matching the new document failed", "document", r.DocumentID, "err", err)
	}
}
