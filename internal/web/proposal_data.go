package web

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"planwatch/internal/store"
	"planwatch/internal/track"
	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

// The review of a plan's proposals in the web app: /plans/{id}/proposals
// (the page, its bulk form and each proposal's edit form) and
// /api/v1/plans/{id}/proposals. What the extraction found enters a plan
// as proposals with their source sentence; the plan's editors and admins
// confirm, edit, merge or dismiss them, as `planwatch proposal` does, and
// only confirmed items count anywhere else.

func init() {
	pageNames = append(pageNames, "proposal_list")
	for k, v := range proposalMessages {
		messages[k] = v
	}
}

// proposalMessages are the review page's interface strings.
var proposalMessages = map[string][2]string{
	"proposals.title":        {"待确认事项", "Proposals to review"},
	"proposals.link":         {"项待确认，确认后才计入统计", "proposals to review; only confirmed items count"},
	"proposals.review":       {"审核", "Review"},
	"proposals.note":         {"以下任务、项目和指标由文档自动识别，附原文。确认后才有责任单位、完成时限，计入进度统计、提醒、我的填报、评估报告和任务清单；可逐项修改后确认，或合并、驳回。", "These tasks, projects and targets were found in the document, each with its source sentence. Only once confirmed do they have owners and deadlines and count in status, alerts, My updates, reports and the task sheet; edit one and confirm it, merge or dismiss."},
	"proposals.waiting":      {"待确认", "Awaiting review"},
	"proposals.dismissed":    {"已驳回", "Dismissed"},
	"proposals.none":         {"没有待确认的事项。", "Nothing awaits review."},
	"proposals.kind":         {"类别", "Kind"},
	"proposals.item":         {"内容", "Item"},
	"proposals.units":        {"责任单位", "Units"},
	"proposals.deadline":     {"完成时限", "Deadline"},
	"proposals.source":       {"原文", "Source"},
	"proposals.select":       {"选择", "Select"},
	"proposals.confirm_all":  {"全部确认", "Confirm them all"},
	"proposals.confirm":      {"确认所选", "Confirm the selected"},
	"proposals.dismiss":      {"驳回所选", "Dismiss the selected"},
	"proposals.merge":        {"将所选并入", "Merge the selected into"},
	"proposals.reason":       {"理由（可选）", "Reason (optional)"},
	"proposals.edit":         {"修改", "Edit"},
	"proposals.save":         {"保存", "Save"},
	"proposals.save_ok":      {"保存并确认", "Save and confirm"},
	"proposals.lead":         {"牵头单位", "Lead units"},
	"proposals.support":      {"配合单位", "Supporting units"},
	"proposals.item_title":   {"标题", "Title"},
	"proposals.done":         {"已处理", "Done:"},
	"proposals.back":         {"返回计划", "Back to the plan"},
	"proposals.kind.task":    {"任务", "Task"},
	"proposals.kind.proj":    {"项目", "Project"},
	"proposals.kind.ind":     {"指标", "Target"},
	"proposals.forbidden":    {"只有计划的编辑人员和管理员可以审核待确认事项", "Only the plan's editors and admins review its proposals"},
	"proposals.err.none":     {"请先勾选要处理的事项", "Tick the proposals first"},
	"proposals.err.into":     {"请选择要并入的任务", "Choose the task to merge into"},
	"proposals.err.deadline": {"完成时限应写作 2025-12-31", "The deadline must look like 2025-12-31"},
	"proposals.err.title":    {"标题过长或含有不能保存的字符", "The title is too long or holds characters that cannot be kept"},
}

// apiProposal is an item or indicator awaiting review (or dismissed).
type apiProposal struct {
	ID       string   `json:"id"`
	Kind     string   `json:"kind"` // task, project or target
	Review   string   `json:"review"`
	Number   string   `json:"number,omitempty"`
	Title    string   `json:"title"` // a task's or project's title, an indicator's name
	Lead     []string `json:"lead"`
	Support  []string `json:"support"`
	Deadline string   `json:"deadline,omitempty"`
	Targets  []string `json:"targets,omitempty"` // an indicator's targets as written (2025年 ≥3.2%)
	// Summary is what the document states of a project: its kind,
	// 建设内容, 总投资 and years (园区；总投资120亿元；建设年限2025—2027年).
	Summary string `json:"summary,omitempty"`
	Source  string `json:"source"` // the sentence it came from; "" when unknown
	Span    [2]int `json:"span"`   // its rune span in the document version's text
	// quote is the source sentence with the span marked, for the page.
	quote *sourceQuote
}

// Quote is the source sentence with the words the item was read from
// marked, for the review page; nil when unknown.
func (a apiProposal) Quote() *sourceQuote { return a.quote }

// apiProposalList is a plan's review.
type apiProposalList struct {
	PlanID    string        `json:"plan_id"`
	Review    string        `json:"review"` // proposed or dismissed
	Total     int           `json:"total"`
	Proposals []apiProposal `json:"proposals"`
}

// apiProposalRequest is the body of POST /api/v1/plans/{id}/proposals.
type apiProposalRequest struct {
	// Decision is confirm, dismiss or merge.
	Decision string `json:"decision"`
	// IDs are items or indicators of the plan (IDs or unique prefixes);
	// for merge the proposals merged into Into.
	IDs []string `json:"ids,omitempty"`
	// All takes every proposal awaiting review (of Kind: task, project or
	// target; "" for all), for confirm and dismiss.
	All    bool   `json:"all,omitempty"`
	Kind   string `json:"kind,omitempty"`
	Into   string `json:"into,omitempty"`
	Reason string `json:"reason,omitempty"`
}

// apiProposalResult is what a review did.
type apiProposalResult struct {
	Changed   int `json:"changed"`
	Remaining int `json:"remaining"` // proposals still awaiting review
}

// loadProposals lists a plan's proposals in state (store.ReviewProposed
// or store.ReviewDismissed) with their source sentences.
func (s *Server) loadProposals(ctx context.Context, p store.Plan, state string) (apiProposalList, error) {
	props, err := s.st.Proposals(ctx, p.ID, state)
	if err != nil {
		return apiProposalList{}, fmt.Errorf("plan %s: %w", p.ID, err)
	}
	var text []rune
	if p.DocumentID != "" {
		v, err := s.st.Version(ctx, p.DocumentID, p.VersionSeq)
		switch {
		case errors.Is(err, store.ErrNotFound):
		case err != nil:
			return apiProposalList{}, fmt.Errorf("plan %s: %w", p.ID, err)
		default:
			text = []rune(v.Text)
		}
	}
	source := func(start, end int) string { return track.SourceSentence(text, start, end) }
	out := apiProposalList{PlanID: p.ID, Review: state, Total: props.Len(), Proposals: []apiProposal{}}
	for _, it := range props.Items {
		a := apiProposal{ID: it.ID, Kind: it.Kind, Review: it.Review, Number: it.Number, Title: it.Title, Lead: []string{},
			Support: []string{}, Deadline: it.Deadline, Source: source(it.SourceStart, it.SourceEnd),
			Span: [2]int{it.SourceStart, it.SourceEnd}, quote: quoteSource(text, it.SourceStart, it.SourceEnd)}
		if it.Kind == store.KindProject {
			a.Summary = it.Body
		}
		for _, u := range it.Units {
			if u.Role == store.RoleLead {
				a.Lead = append(a.Lead, u.Unit)
			} else {
				a.Support = append(a.Support, u.Unit)
			}
		}
		out.Proposals = append(out.Proposals, a)
	}
	for _, ind := range props.Indicators {
		a := apiProposal{ID: ind.ID, Kind: store.KindTarget, Review: ind.Review, Title: ind.Name, Lead: []string{},
			Support: []string{}, Source: source(ind.SourceStart, ind.SourceEnd), Span: [2]int{ind.SourceStart, ind.SourceEnd},
			quote: quoteSource(text, ind.SourceStart, ind.SourceEnd)}
		for _, t := range ind.Targets {
			y := "—"
			if t.Year != 0 {
				y = fmt.Sprint(t.Year)
			}
			a.Targets = append(a.Targets, y+"年 "+track.TargetText(t, ind.Unit))
		}
		out.Proposals = append(out.Proposals, a)
	}
	return out, nil
}

// reviewablePlan loads the plan a request names for its review: a 404
// when the user may not read it, a 403 when they may not edit it.
func (s *Server) reviewablePlan(ctx context.Context, ref string) (store.Plan, error) {
	p, err := s.viewablePlan(ctx, ref)
	if err != nil {
		return store.Plan{}, err
	}
	u, _ := auth.UserFrom(ctx)
	if !auth.Can(u, auth.EditPlan, auth.Target{PlanID: p.ID}) {
		return store.Plan{}, respond.Forbidden(translate(langFrom(ctx), "proposals.forbidden"))
	}
	return p, nil
}

// reviewProposals applies a decision on a plan's (full ID) proposals as
// the request's user, audited (proposal.confirm, proposal.dismiss,
// proposal.merge): the page's forms and the API share it.
func (s *Server) reviewProposals(ctx context.Context, planID string, req apiProposalRequest) (apiProposalResult, error) {
	lang := langFrom(ctx)
	author := ""
	if u, ok := auth.UserFrom(ctx); ok {
		author = u.Login
	}
	var ids []string
	for _, id := range req.IDs {
		if id = strings.TrimSpace(id); id != "" {
			ids = append(ids, id)
		}
	}
	switch req.Kind {
	case "", store.KindTask, store.KindProject, store.KindTarget:
	default:
		return apiProposalResult{}, respond.BadRequest(fmt.Sprintf("kind %q: want task, project or target", req.Kind))
	}
	var res apiProposalResult
	switch req.Decision {
	case "confirm", "dismiss":
		if len(ids) == 0 && !req.All {
			return res, respond.BadRequest(translate(lang, "proposals.err.none"))
		}
		action, decision := store.AuditProposalConfirm, store.ReviewConfirmed
		if req.Decision == "dismiss" {
			action, decision = store.AuditProposalDismiss, store.ReviewDismissed
		}
		actor, err := auth.Entry(ctx, action, "plan", planID, nil, nil)
		if err != nil {
			return res, err
		}
		res.Changed, err = s.st.ReviewProposals(ctx, store.Review{PlanID: planID, IDs: ids, All: req.All, Kind: req.Kind,
			Decision: decision, Reason: req.Reason, Author: author}, actor)
		if err != nil {
			return res, unitFailure(err)
		}
	case "merge":
		if len(ids) == 0 {
			return res, respond.BadRequest(translate(lang, "proposals.err.none"))
		}
		into := strings.TrimSpace(req.Into)
		if into == "" {
			return res, respond.BadRequest(translate(lang, "proposals.err.into"))
		}
		if it, err := s.st.Item(ctx, into); err != nil || it.PlanID != planID {
			return res, respond.BadRequest(translate(lang, "proposals.err.into"))
		}
		actor, err := auth.Entry(ctx, store.AuditProposalMerge, "item", into, nil, nil)
		if err != nil {
			return res, err
		}
		if err := s.st.MergeProposals(ctx, into, ids, req.Reason, author, actor); err != nil {
			return res, unitFailure(err)
		}
		res.Changed = len(ids)
	default:
		return res, respond.BadRequest(fmt.Sprintf("decision %q: want confirm, dismiss or merge", req.Decision))
	}
	left, err := s.st.CountProposals(ctx, planID)
	if err != nil {
		return res, err
	}
	res.Remaining = left
	return res, nil
}

// editProposal changes a proposed item's (of plan planID) title,
// deadline and units as the request's user, and confirms it when asked.
// Empty fields are left as they are.
func (s *Server) editProposal(ctx context.Context, planID, itemRef, title, deadline string, lead, support []string, confirm bool) error {
	it, err := s.st.Item(ctx, itemRef)
	if err != nil || it.PlanID != planID {
		return respond.NotFound("proposal "+itemRef+" not found", err)
	}
	if it.Review == store.ReviewConfirmed {
		return &respond.Problem{Status: 409, Code: "conflict", Message: "item " + it.ID + " is confirmed already"}
	}
	lang := langFrom(ctx)
	deadline = strings.TrimSpace(deadline)
	if deadline != "" {
		if _, err := time.Parse(time.DateOnly, deadline); err != nil {
			return badField("deadline", translate(lang, "proposals.err.deadline")+": "+deadline)
		}
	}
	if code, detail := track.CheckText(title, 500); code != "" {
		return badField("title", translate(lang, "proposals.err.title")+": "+detail)
	}
	// The units are checked before anything is saved, against the book
	// SetUnits resolves them in, so a name it does not know changes nothing.
	if len(lead)+len(support) > 0 {
		p, err := s.st.Plan(ctx, planID)
		if err != nil {
			return notFound(err, "plan "+planID)
		}
		book, err := s.st.UnitBook(ctx, p.RegionCode, false)
		if err != nil {
			return err
		}
		for _, names := range []struct {
			field string
			list  []string
		}{{"lead", lead}, {"support", support}} {
			for _, n := range names.list {
				if _, err := book.Resolve(n); err != nil {
					return badField(names.field, unitProblem(lang, err))
				}
			}
		}
	}
	author := ""
	if u, ok := auth.UserFrom(ctx); ok {
		author = u.Login
	}
	next := it
	if t := strings.TrimSpace(title); t != "" {
		next.Title = t
	}
	if deadline != "" {
		next.Deadline = deadline
	}
	if err := s.st.EditItem(ctx, next, store.ItemEdit{Author: author, Reason: "审核待确认事项"}); err != nil {
		return unitFailure(err)
	}
	if len(lead)+len(support) > 0 {
		var units []store.Assignment
		for _, u := range lead {
			units = append(units, store.Assignment{Unit: u, Role: store.RoleLead})
		}
		for _, u := range support {
			units = append(units, store.Assignment{Unit: u, Role: store.RoleSupport})
		}
		e := store.ItemEdit{Action: store.EditReassigned, Author: author, Reason: "审核待确认事项"}
		if err := s.st.SetUnits(ctx, it.ID, units, &e); err != nil {
			return unitFailure(err)
		}
	}
	if confirm {
		if _, err := s.reviewProposals(ctx, planID, apiProposalRequest{Decision: "confirm", IDs: []string{it.ID}}); err != nil {
			return err
		}
	}
	return nil
}

// splitUnits reads a form field of unit names separated by 、 , ， or spaces.
func splitUnits(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return r == '、' || r == ',' || r == '，' || r == ';' || r == '；' || r == ' ' || r == '\u3000'
	})
}
