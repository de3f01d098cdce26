package web

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"planwatch/internal/store"
	"planwatch/internal/unitname"
	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

// Giving a task its lead and supporting units from the task page, as
// `planwatch task assign ITEM --lead … --support …` does.

func init() {
	for k, v := range assignMessages {
		messages[k] = v
	}
}

// assignMessages are the units form's interface strings.
var assignMessages = map[string][2]string{
	"assign.title":     {"责任单位", "Units"},
	"assign.lead":      {"牵头单位", "Lead units"},
	"assign.support":   {"配合单位", "Supporting units"},
	"assign.hint":      {"多个单位用“、”分隔，名称以单位名录为准", "Separate units with 、; names as the unit registry has them"},
	"assign.reason":    {"调整原因（可选）", "Reason (optional)"},
	"assign.submit":    {"保存责任单位", "Save the units"},
	"assign.saved":     {"责任单位已保存。", "Units saved."},
	"assign.err.none":  {"请至少填写一个牵头或配合单位", "Name at least one lead or supporting unit"},
	"assign.forbidden": {"只有计划的编辑人员和管理员可以调整责任单位", "Only the plan's editors and admins assign units"},
}

// assignFormView is the units form as shown: the fields as typed and a
// problem per field ("" for none).
type assignFormView struct {
	Lead, Support, Reason string
	LeadErr, SupportErr   string
	Saved                 bool
}

// assignForm is the units form for the page's user: posted as given,
// else the task's units, for the plan's editors; nil for others.
func (s *Server) assignForm(r *http.Request, d *taskData, posted *assignFormView) *assignFormView {
	if u, _ := auth.UserFrom(r.Context()); !auth.Can(u, auth.EditPlan, auth.Target{PlanID: d.Plan.ID}) {
		return nil
	}
	if posted != nil {
		return posted
	}
	return &assignFormView{Lead: strings.Join(d.Lead, "、"), Support: strings.Join(d.Support, "、"),
		Saved: r.URL.Query().Get("assigned") == "1"}
}

// taskUnitsUpdate replaces a task's units with the form's (lead and
// support: names the plan region's unit registry knows, separated by 、),
// recorded in the task's history with the reason, and goes back to the
// page. A name the registry does not know, or no unit at all, shows the
// form again with the reason beside the field (400) and nothing changed.
func (s *Server) taskUnitsUpdate(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	lang := langFrom(ctx)
	d, err := s.loadTask(ctx, r.PathValue("id"))
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	u, _ := auth.UserFrom(ctx)
	if !auth.Can(u, auth.EditPlan, auth.Target{PlanID: d.Plan.ID}) {
		respond.Error(w, r, respond.Forbidden(translate(lang, "assign.forbidden")))
		return
	}
	f := &assignFormView{Lead: strings.TrimSpace(r.PostFormValue("lead")), Support: strings.TrimSpace(r.PostFormValue("support")),
		Reason: strings.TrimSpace(r.PostFormValue("reason"))}
	lead, support := splitUnits(f.Lead), splitUnits(f.Support)
	if len(lead)+len(support) == 0 {
		f.LeadErr = translate(lang, "assign.err.none")
		s.renderTaskWith(w, r, http.StatusBadRequest, d, nil, f)
		return
	}
	var units []store.Assignment
	for _, n := range lead {
		units = append(units, store.Assignment{Unit: n, Role: store.RoleLead})
	}
	for _, n := range support {
		units = append(units, store.Assignment{Unit: n, Role: store.RoleSupport})
	}
	e := store.ItemEdit{Action: store.EditReassigned, Reason: f.Reason, Author: u.Login}
	if err := s.st.SetUnits(ctx, d.Item.ID, units, &e); err != nil {
		var ue *unitname.UnknownError
		var ae *unitname.AmbiguousError
		if !errors.As(err, &ue) && !errors.As(err, &ae) {
			respond.Error(w, r, unitFailure(err))
			return
		}
		// Beside the field that named it.
		name := ""
		if ue != nil {
			name = ue.Name
		} else {
			name = ae.Name
		}
		if slices.Contains(support, name) && !slices.Contains(lead, name) {
			f.SupportErr = unitProblem(lang, err)
		} else {
			f.LeadErr = unitProblem(lang, err)
		}
		s.renderTaskWith(w, r, http.StatusBadRequest, d, nil, f)
		return
	}
	if err := auth.Record(ctx, s.st, "task.assign", "item", d.Item.ID, map[string][]string{"lead": d.Lead, "support": d.Support},
		map[string][]string{"lead": lead, "support": support}); err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.Redirect(w, r, "/tasks/"+url.PathEscape(d.Item.ID)+"?assigned=1#units", http.StatusSeeOther)
}
