package web

import (
	"context"
	"errors"
	"strings"
	"time"

	"planwatch/internal/store"
	"planwatch/internal/track"
	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

// Approved extensions of a task's deadline (已延期) from the task page's
// form and the API; `planwatch task extend` records the same. Only an
// approval makes a task 已延期: a unit writing the word reports the task
// as under way.

// apiExtension is an approved extension of a task's deadline.
type apiExtension struct {
	OldDeadline string `json:"old_deadline"` // "" when the task ran to the plan's end
	NewDeadline string `json:"new_deadline"`
	Reason      string `json:"reason"`
	ApprovedBy  string `json:"approved_by"`
	ApprovedOn  string `json:"approved_on"`
	RecordedBy  string `json:"recorded_by"`
	RecordedAt  string `json:"recorded_at"`
}

// apiExtensionRequest is the body of POST /api/v1/tasks/{id}/extensions.
type apiExtensionRequest struct {
	Deadline   string `json:"deadline"`              // the new one, YYYY-MM-DD, after the deadline in force
	Reason     string `json:"reason"`                // why
	Approver   string `json:"approver"`              // who approved it
	ApprovedOn string `json:"approved_on,omitempty"` // YYYY-MM-DD, not after today; default today
}

func toAPIExtension(e store.Extension) apiExtension {
	return apiExtension{OldDeadline: e.OldDeadline, NewDeadline: e.NewDeadline, Reason: e.Reason, ApprovedBy: e.ApprovedBy,
		ApprovedOn: e.ApprovedOn, RecordedBy: e.RecordedBy, RecordedAt: e.RecordedAt.UTC().Format(time.RFC3339)}
}

// mayExtend reports whether the request's user may extend a task's
// deadline: who may edit its plan, for a task that is not dropped.
func mayExtend(ctx context.Context, d *taskData) bool {
	u, _ := auth.UserFrom(ctx)
	return d.Item.Kind == store.KindTask && !d.Item.Dropped && auth.Can(u, auth.EditPlan, auth.Target{PlanID: d.Plan.ID})
}

// extendTask checks and records an approved extension of the task, as
// the request's user, audited as task.extend.
func (s *Server) extendTask(ctx context.Context, d *taskData, in apiExtensionRequest) (store.Extension, error) {
	if !mayExtend(ctx, d) {
		return store.Extension{}, respond.Forbidden(translate(langFrom(ctx), "extend.forbidden"))
	}
	now := s.now()
	if strings.TrimSpace(in.ApprovedOn) == "" {
		in.ApprovedOn = now.Format(time.DateOnly)
	}
	e := store.Extension{ItemID: d.Item.ID, NewDeadline: strings.TrimSpace(in.Deadline), Reason: in.Reason, ApprovedBy: in.Approver,
		ApprovedOn: in.ApprovedOn, RecordedAt: now}
	e, err := track.CheckExtension(d.Plan, d.Item, e, now)
	if err != nil {
		return store.Extension{}, respond.BadRequest(err.Error())
	}
	actor, err := auth.Entry(ctx, store.AuditTaskExtend, "item", d.Item.ID, nil, nil)
	if err != nil {
		return store.Extension{}, err
	}
	if u, ok := auth.UserFrom(ctx); ok {
		e.RecordedBy = u.Login
	}
	e, err = s.st.ExtendItem(ctx, e, actor)
	switch {
	case errors.Is(err, store.ErrConflict), errors.Is(err, store.ErrInvalid):
		return store.Extension{}, respond.BadRequest(oneLine(err.Error()))
	case err != nil:
		return store.Extension{}, err
	}
	return e, nil
}
