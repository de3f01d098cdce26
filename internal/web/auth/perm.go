package auth

import (
	"slices"

	"planwatch/internal/store"
)

// Action is something a user may be allowed to do.
type Action string

// Actions, checked by Can. Plan-level actions need Target.PlanID.
const (
	ViewPlan    Action = "plan.view"    // read a plan, its tasks, updates and indicators
	PostUpdate  Action = "update.post"  // post a progress update for Target.Unit on a task
	EditPlan    Action = "plan.edit"    // change tasks, indicators, links; import a sheet for every unit
	PublishPlan Action = "plan.publish" // publish or withdraw the public read-only view
	CreatePlan  Action = "plan.create"  // make a tracked plan from a document
	AddDocument Action = "document.add" // add documents to the library
	ManageUsers Action = "user.manage"  // accounts, roles, scopes, API tokens of others
	ManageUnits Action = "unit.manage"  // the unit registry: add, alias, confirm, merge units
	ReadAudit   Action = "audit.read"   // read and export the audit log
)

// Target is what an action applies to. For PostUpdate: the plan, the unit
// the update is for, and the task's lead and supporting units.
type Target struct {
	PlanID       string
	Unit         string
	LeadUnits    []string
	SupportUnits []string
}

// Can reports whether u may do a to t. The table:
//
//	             admin  auditor  editor        reporter              viewer
//	plan.view    yes    -        plans held    plans held            plans held
//	update.post  yes    -        plans held    unit held in the plan, -
//	                                           unit leads or supports
//	plan.edit    yes    -        plans held    -                     -
//	plan.publish yes    -        plans held    -                     -
//	plan.create  yes    -        all plans     -                     -
//	document.add yes    -        yes           -                     -
//	user.manage  yes    -        -             -                     -
//	unit.manage  yes    -        -             -                     -
//	audit.read   yes    yes      -             -                     -
//
// "Plans held" means a scope naming the plan or every plan. The auditor
// (审计管理员) reads the log and nothing else, so the 三员 of a review can
// be three accounts. A nil or disabled user can do nothing.
func Can(u *store.User, a Action, t Target) bool {
	if u == nil || u.Disabled {
		return false
	}
	switch u.Role {
	case store.RoleAdmin:
		return true
	case store.RoleAuditor:
		return a == ReadAudit
	case store.RoleEditor:
		switch a {
		case ViewPlan, PostUpdate, EditPlan, PublishPlan:
			return holdsPlan(u, t.PlanID)
		case CreatePlan:
			return holdsPlan(u, "")
		case AddDocument:
			return true
		}
	case store.RoleReporter:
		switch a {
		case ViewPlan:
			return holdsPlan(u, t.PlanID)
		case PostUpdate:
			if t.PlanID == "" || t.Unit == "" {
				return false
			}
			if !slices.Contains(t.LeadUnits, t.Unit) && !slices.Contains(t.SupportUnits, t.Unit) {
				return false
			}
			return slices.ContainsFunc(u.Scopes, func(s store.Scope) bool {
				return s.Unit == t.Unit && (s.PlanID == "" || s.PlanID == t.PlanID)
			})
		}
	case store.RoleViewer:
		return a == ViewPlan && holdsPlan(u, t.PlanID)
	}
	return false
}

// holdsPlan reports whether a scope of u covers the plan: a scope for
// every plan does; plan "" asks for exactly that.
func holdsPlan(u *store.User, planID string) bool {
	return slices.ContainsFunc(u.Scopes, func(s store.Scope) bool {
		return s.PlanID == "" || (planID != "" && s.PlanID == planID)
	})
}
