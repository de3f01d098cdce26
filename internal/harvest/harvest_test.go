package harvest_test

import (
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"planwatch/internal/extract"
	"planwatch/internal/harvest"
	"planwatch/internal/library"
	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
	"planwatch/internal/track"
)

// addFile stores a testdata file through the library, as planwatch add does.
func addFile(t *testing.T, lib *library.Library, name string) string {
	t.Helper()
	r := lib.Add(context.Background(), filepath.Join("testdata", name), nil)
	if r.Err != nil || r.Status != library.Added {
		t.Fatalf("add %s: %v %v", name, r.Status, r.Err)
	}
	return r.DocumentID
}

// planOf makes a plan of a stored document with its indicators confirmed.
func planOf(t *testing.T, st *store.Store, docID string) store.Plan {
	t.Helper()
	ctx := context.Background()
	d, err := st.Document(ctx, docID)
	if err != nil {
		t.Fatal(err)
	}
	v, err := st.Version(ctx, docID, 0)
	if err != nil {
		t.Fatal(err)
	}
	var res extract.Result
	if err := json.Unmarshal(v.Extraction, &res); err != nil {
		t.Fatal(err)
	}
	p, items, inds := track.FromExtraction(&res, d, v.Seq, "")
	for i := range inds {
		inds[i].Review = store.ReviewConfirmed
	}
	if err := st.SavePlanTree(ctx, &p, items, inds); err != nil {
		t.Fatal(err)
	}
	return p
}

// byName indexes open proposals by the indicator's name.
func byName(ps []store.HarvestProposal) map[string][]store.HarvestProposal {
	out := map[string][]store.HarvestProposal{}
	for _, p := range ps {
		out[p.IndicatorName] = append(out[p.IndicatorName], p)
	}
	return out
}

// TestReportsProposeTheirFigures follows a plan office through a year: a
// plan made of the 2023 work report, the 2024 report and a statistical
// bulletin added (matched by the library's Stored hook), proposals
// accepted, corrected, rejected and refused, and a back-fill that offers
// nothing decided again.
func TestReportsProposeTheirFigures(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		h := harvest.New(st, nil, 0)
		var hooked []string
		lib := library.New(st, library.Options{Stored: func(ctx context.Context, r library.Result) {
			hooked = append(hooked, r.DocumentID)
			if _, err := h.Document(ctx, r.DocumentID); err != nil {
				t.Error(err)
			}
		}})
		planDoc := addFile(t, lib, "shaoxing_2023.txt")
		plan := planOf(t, st, planDoc)
		report := addFile(t, lib, "shaoxing_2024.txt")
		if len(hooked) != 2 {
			t.Fatalf("Stored hook ran for %v, want both documents", hooked)
		}
		ps, err := st.HarvestProposals(ctx, store.HarvestFilter{PlanID: plan.ID})
		if err != nil {
			t.Fatal(err)
		}
		got := byName(ps)
		want := map[string]float64{"地区生产总值增长": 7.8, "城镇新增就业": 56000, "居民消费价格涨幅": 0.4, "研发经费投入强度": 3.4}
		if len(ps) != len(want) {
			t.Errorf("%d proposals, want %d: %+v", len(ps), len(want), ps)
		}
		for name, v := range want {
			p := got[name]
			if len(p) != 1 || p[0].Value != v || p[0].Period != "2023" || p[0].DocumentID != report || p[0].Conflict {
				t.Errorf("%s: %+v, want one of %v for 2023 from the 2024 report", name, p, v)
				continue
			}
			if !strings.Contains(p[0].Quote, amountText(v)) || p[0].Score < harvest.DefaultMinScore || len(p[0].Reasons) == 0 {
				t.Errorf("%s: quote %q, score %v, reasons %v", name, p[0].Quote, p[0].Score, p[0].Reasons)
			}
		}
		if r := got["研发经费投入强度"]; len(r) == 1 && !strings.Contains(strings.Join(r[0].Reasons, ";"), "synonym") {
			t.Errorf("研发 matched through the synonym table, reasons say %v", r[0].Reasons)
		}

		// The bulletin gives GDP growth differently (a conflict for a
		// person) and jobs ten times the target (refused: implausible).
		bulletin := addFile(t, lib, "shaoxing_bulletin_2023.txt")
		ps, err = st.HarvestProposals(ctx, store.HarvestFilter{PlanID: plan.ID})
		if err != nil {
			t.Fatal(err)
		}
		got = byName(ps)
		gdp := got["地区生产总值增长"]
		if len(gdp) != 2 || !gdp[0].Conflict || !gdp[1].Conflict {
			t.Fatalf("GDP: %+v, want two conflicting proposals", gdp)
		}
		if len(got["城镇新增就业"]) != 1 {
			t.Errorf("jobs: %+v, want the bulletin's 56万 refused beside a target of 5万", got["城镇新增就业"])
		}

		// Accept the report's figure: the observation cites it, and the
		// bulletin's is closed.
		var fromReport, fromBulletin store.HarvestProposal
		for _, p := range gdp {
			if p.DocumentID == report {
				fromReport = p
			} else if p.DocumentID == bulletin {
				fromBulletin = p
			}
		}
		acc, err := st.DecideHarvest(ctx, store.HarvestDecision{ID: fromReport.ID, Decision: store.HarvestAccepted, Author: "test"},
			store.AuditEntry{ActorLogin: "test"})
		if err != nil {
			t.Fatal(err)
		}
		ind, err := st.Indicator(ctx, acc.IndicatorID)
		if err != nil {
			t.Fatal(err)
		}
		if len(ind.Observations) != 1 || ind.Observations[0].Value != 7.8 || ind.Observations[0].Period != "2023" ||
			!strings.Contains(ind.Observations[0].Source, report) || ind.Observations[0].ID != acc.ObservationID {
			t.Errorf("observations after accepting: %+v (proposal %+v)", ind.Observations, acc)
		}
		audit, err := st.Audit(ctx, store.AuditFilter{Action: "harvest."})
		if err != nil || len(audit) != 1 || audit[0].Action != "harvest.accept" || audit[0].EntityID != acc.IndicatorID ||
			!strings.Contains(string(audit[0].After), acc.ObservationID) {
			t.Errorf("audit after accepting: %+v %v", audit, err)
		}
		other, err := st.HarvestProposal(ctx, fromBulletin.ID)
		if err != nil || other.State != store.HarvestRejected {
			t.Errorf("the other source: %+v %v, want rejected once one was picked", other, err)
		}
		if _, err := st.DecideHarvest(ctx, store.HarvestDecision{ID: fromReport.ID, Decision: store.HarvestRejected},
			store.AuditEntry{}); !errors.Is(err, store.ErrDecided) {
			t.Errorf("deciding twice: %v, want ErrDecided", err)
		}

		// Accept jobs corrected, reject the CPI, say 研发 is not this indicator.
		v := 56100.0
		jobs, err := st.DecideHarvest(ctx, store.HarvestDecision{ID: got["城镇新增就业"][0].ID, Decision: store.HarvestAccepted,
			Value: &v, Period: "2023", Author: "test"}, store.AuditEntry{})
		if err != nil || jobs.Value != v {
			t.Fatalf("accept corrected: %+v %v", jobs, err)
		}
		if _, err := st.DecideHarvest(ctx, store.HarvestDecision{ID: got["居民消费价格涨幅"][0].ID,
			Decision: store.HarvestRejected}, store.AuditEntry{}); err != nil {
			t.Fatal(err)
		}
		if _, err := st.DecideHarvest(ctx, store.HarvestDecision{ID: got["研发经费投入强度"][0].ID,
			Decision: store.HarvestWrong, Author: "test"}, store.AuditEntry{}); err != nil {
			t.Fatal(err)
		}
		syn, err := st.HarvestSynonyms(ctx)
		if err != nil {
			t.Fatal(err)
		}
		negative := false
		for _, s := range syn {
			negative = negative || (s.Negative && s.Name == "全社会研发投入占GDP比重")
		}
		if !negative {
			t.Errorf("not this indicator recorded no negative synonym: %+v", syn)
		}
		left, err := st.HarvestProposals(ctx, store.HarvestFilter{PlanID: plan.ID})
		if err != nil || len(left) != 0 {
			t.Errorf("inbox after deciding every proposal: %+v %v", left, err)
		}

		// The back-fill reads the whole library and offers nothing decided.
		sum, err := h.Plan(ctx, plan.ID)
		if err != nil {
			t.Fatal(err)
		}
		if sum.Documents != 3 || sum.Proposed != 0 {
			t.Errorf("back-fill: %+v, want 3 documents read and nothing new", sum)
		}
		all, err := st.HarvestProposals(ctx, store.HarvestFilter{PlanID: plan.ID, State: "all"})
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range all {
			if p.IndicatorName == "研发经费投入强度" && p.State == store.HarvestProposed {
				t.Errorf("研发 offered again after not this indicator: %+v", p)
			}
		}
	})
}

// amountText is v as the report writes it.
func amountText(v float64) string {
	if v == 56000 {
		return "5.6万"
	}
	b, _ := json.Marshal(v)
	return string(b)
}
