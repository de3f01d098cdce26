package store_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"planwatch/internal/store"
	"planwatch/internal/store/storetest"
)

// proposalPlan saves a plan as `plan create` does: a heading, confirmed;
// three tasks and a project proposed, one task naming a unit; a proposed
// indicator. It returns the plan and its items by title.
func proposalPlan(t *testing.T, s *store.Store) (store.Plan, map[string]store.Item, store.Indicator) {
	t.Helper()
	p := store.Plan{Title: "审核计划", RegionCode: "330400", RegionName: "嘉兴市", Level: store.LevelCity, StartYear: 2024, EndYear: 2025}
	items := []store.Item{
		{ID: "g", Kind: store.KindGroup, Number: "一", Title: "重点任务"},
		{ID: "t1", ParentID: "g", Kind: store.KindTask, Number: "1", Title: "建设实验室", Review: store.ReviewProposed,
			Units: []store.Assignment{{Unit: "市科技局", Role: store.RoleLead}}},
		{ID: "t2", ParentID: "g", Kind: store.KindTask, Number: "2", Title: "建设南湖实验室", Review: store.ReviewProposed},
		{ID: "t3", ParentID: "g", Kind: store.KindTask, Number: "3", Title: "完善机制", Review: store.ReviewProposed},
		{ID: "p1", Kind: store.KindProject, Title: "南湖实验室", Review: store.ReviewProposed},
	}
	inds := []store.Indicator{{Name: "研发经费投入强度", Unit: "%", Direction: store.DirectionUp, Review: store.ReviewProposed,
		Targets: []store.Target{{Year: 2025, Op: ">=", Value: 3.2}}}}
	if err := s.SavePlanTree(context.Background(), &p, items, inds); err != nil {
		t.Fatal(err)
	}
	byTitle := map[string]store.Item{}
	for _, it := range items {
		byTitle[it.Title] = it
	}
	return p, byTitle, inds[0]
}

// titlesOf lists items' titles.
func titlesOf(items []store.Item) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.Title
	}
	return out
}

func TestProposalsAreNotCommitments(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		p, items, _ := proposalPlan(t, s)
		// Before review: the heading only; no indicator; four items and the
		// indicator awaiting review.
		if got, err := s.Items(ctx, p.ID, store.ItemFilter{}); err != nil || !slices.Equal(titlesOf(got), []string{"重点任务"}) {
			t.Errorf("Items before review = %v, %v", titlesOf(got), err)
		}
		if got, err := s.Indicators(ctx, p.ID); err != nil || len(got) != 0 {
			t.Errorf("Indicators before review = %d, %v", len(got), err)
		}
		props, err := s.Proposals(ctx, p.ID, store.ReviewProposed)
		if err != nil || !slices.Equal(titlesOf(props.Items), []string{"建设实验室", "建设南湖实验室", "完善机制", "南湖实验室"}) ||
			len(props.Indicators) != 1 || props.Len() != 5 || len(props.Items[0].Units) != 1 {
			t.Fatalf("Proposals = %v %d, %v", titlesOf(props.Items), len(props.Indicators), err)
		}
		if n, err := s.CountProposals(ctx, p.ID); err != nil || n != 5 {
			t.Errorf("CountProposals = %d, %v; want 5", n, err)
		}
		// Nobody reports on a proposal.
		err = s.AddUpdates(ctx, []store.Update{{ItemID: items["建设实验室"].ID, Date: "2024-06-30", Status: "in_progress",
			Progress: 10, RecordedAt: time.Now()}})
		if !errors.Is(err, store.ErrConflict) {
			t.Errorf("update of a proposal = %v, want ErrConflict", err)
		}
		// An item added by hand needs no review.
		hand := store.Item{PlanID: p.ID, Kind: store.KindTask, Title: "手工任务", Position: -1}
		if err := s.AddItem(ctx, &hand, store.ItemEdit{Reason: "年中调整"}); err != nil || hand.Review != store.ReviewConfirmed {
			t.Errorf("AddItem = %q, %v; want confirmed", hand.Review, err)
		}
	})
}

func TestReviewProposals(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		p, items, ind := proposalPlan(t, s)
		other, _, otherInd := proposalPlan(t, s)
		actor := store.AuditEntry{ActorLogin: "cli:test"}
		steps := []struct {
			name    string
			review  store.Review
			changed int
			err     error
		}{
			{"confirm one task", store.Review{IDs: []string{items["建设实验室"].ID}, Decision: store.ReviewConfirmed}, 1, nil},
			{"confirm it again: nothing changes", store.Review{IDs: []string{items["建设实验室"].ID}, Decision: store.ReviewConfirmed}, 0, nil},
			{"dismiss a confirmed task", store.Review{IDs: []string{items["建设实验室"].ID}, Decision: store.ReviewDismissed}, 0, store.ErrConflict},
			{"dismiss the heading", store.Review{IDs: []string{items["重点任务"].ID}, Decision: store.ReviewDismissed}, 0, store.ErrConflict},
			{"another plan's indicator", store.Review{IDs: []string{otherInd.ID}, Decision: store.ReviewConfirmed}, 0, store.ErrNotFound},
			{"an unknown ID", store.Review{IDs: []string{"zzzzzzzzzzzz"}, Decision: store.ReviewConfirmed}, 0, store.ErrNotFound},
			{"an ambiguous prefix", store.Review{IDs: []string{ind.ID[:6]}, Decision: store.ReviewConfirmed}, 0, store.ErrNotFound},
			{"an unknown decision", store.Review{All: true, Decision: "maybe"}, 0, store.ErrInvalid},
			{"dismiss every project", store.Review{All: true, Kind: store.KindProject, Decision: store.ReviewDismissed, Reason: "不单独跟踪"}, 1, nil},
			{"confirm the target", store.Review{IDs: []string{ind.ID}, Decision: store.ReviewConfirmed}, 1, nil},
			{"confirm the rest", store.Review{All: true, Decision: store.ReviewConfirmed}, 2, nil},
			{"take a dismissed project back", store.Review{IDs: []string{items["南湖实验室"].ID}, Decision: store.ReviewConfirmed}, 1, nil},
		}
		for _, st := range steps {
			st.review.PlanID, st.review.Author = p.ID, "cli:test"
			n, err := s.ReviewProposals(ctx, st.review, actor)
			if n != st.changed || (st.err == nil) != (err == nil) || st.err != nil && !errors.Is(err, st.err) {
				t.Errorf("%s: %d, %v; want %d, %v", st.name, n, err, st.changed, st.err)
			}
		}
		got, err := s.Items(ctx, p.ID, store.ItemFilter{})
		if err != nil || !slices.Equal(titlesOf(got), []string{"重点任务", "建设实验室", "建设南湖实验室", "完善机制", "南湖实验室"}) {
			t.Errorf("Items after review = %v, %v", titlesOf(got), err)
		}
		if inds, err := s.Indicators(ctx, p.ID); err != nil || len(inds) != 1 || inds[0].Review != store.ReviewConfirmed {
			t.Errorf("Indicators after review = %+v, %v", inds, err)
		}
		if n, _ := s.CountProposals(ctx, p.ID); n != 0 {
			t.Errorf("CountProposals after review = %d", n)
		}
		if n, _ := s.CountProposals(ctx, other.ID); n != 5 {
			t.Errorf("the other plan's proposals = %d, want 5 untouched", n)
		}
		// Each decision is among the plan's edits and audited once per call.
		edits, err := s.ItemEdits(ctx, p.ID)
		confirmed := 0
		for _, e := range edits {
			if e.Action == store.EditConfirmed {
				confirmed++
			}
		}
		if err != nil || confirmed != 5 {
			t.Errorf("confirmed edits = %d, %v; want 5", confirmed, err)
		}
		if es, err := s.Audit(ctx, store.AuditFilter{Action: store.AuditProposalConfirm}); err != nil || len(es) != 4 || es[0].EntityID != p.ID {
			t.Errorf("audit of confirmations = %d, %v; want 4 on the plan", len(es), err)
		}
	})
}

func TestMergeProposals(t *testing.T) {
	storetest.ForEach(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		p, items, _ := proposalPlan(t, s)
		actor := store.AuditEntry{ActorLogin: "cli:test"}
		into, lab, dup := items["建设南湖实验室"], items["南湖实验室"], items["建设实验室"]
		if err := s.MergeProposals(ctx, into.ID, []string{lab.ID, dup.ID}, "同一任务", "cli:test", actor); err != nil {
			t.Fatal(err)
		}
		merged, err := s.Item(ctx, into.ID)
		if err != nil || merged.Review != store.ReviewProposed || len(merged.Units) != 1 || merged.Units[0].Unit != "市科技局" {
			t.Errorf("into after the merge = %+v, %v; want a proposal with 市科技局", merged, err)
		}
		for _, id := range []string{lab.ID, dup.ID} {
			if it, err := s.Item(ctx, id); err != nil || it.Review != store.ReviewDismissed || !it.Dropped {
				t.Errorf("merged %s = %q dropped %v, %v", id, it.Review, it.Dropped, err)
			}
		}
		props, _ := s.Proposals(ctx, p.ID, store.ReviewProposed)
		if !slices.Equal(titlesOf(props.Items), []string{"建设南湖实验室", "完善机制"}) {
			t.Errorf("proposals after the merge = %v", titlesOf(props.Items))
		}
		// A confirmed item is not merged away as a proposal; merged ones are
		// not confirmed back.
		if _, err := s.ReviewProposals(ctx, store.Review{PlanID: p.ID, IDs: []string{into.ID}, Decision: store.ReviewConfirmed}, actor); err != nil {
			t.Fatal(err)
		}
		if err := s.MergeProposals(ctx, items["完善机制"].ID, []string{into.ID}, "", "cli:test", actor); !errors.Is(err, store.ErrConflict) {
			t.Errorf("merge of a confirmed item = %v, want ErrConflict", err)
		}
		if _, err := s.ReviewProposals(ctx, store.Review{PlanID: p.ID, IDs: []string{lab.ID}, Decision: store.ReviewConfirmed}, actor); !errors.Is(err, store.ErrConflict) {
			t.Errorf("confirming a merged proposal = %v, want ErrConflict", err)
		}
		if es, err := s.Audit(ctx, store.AuditFilter{Action: store.AuditProposalMerge}); err != nil || len(es) != 1 || es[0].EntityID != into.ID {
			t.Errorf("audit of the merge = %+v, %v", es, err)
		}
	})
}
