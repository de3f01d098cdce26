package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"planwatch/internal/store"
	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

// The lifecycle of plans and documents in the web app and the API:
// archive, restore, delete when nothing depends on the record. The
// command line's `plan archive|restore|delete` and `document …` write the
// same audit entries (plan.archive, document.delete …) with the same
// before and after.

// lifecycleActions are the acts a form or a request may ask for.
var lifecycleActions = map[string]bool{"archive": true, "restore": true, "delete": true}

// lifecycleRecord is what the audit log keeps of the record before and
// after the act.
type lifecycleRecord struct {
	Title    string `json:"title"`
	Archived bool   `json:"archived"`
	Deleted  bool   `json:"deleted,omitempty"`
}

// apiLifecycle is the answer to a lifecycle request: the record as it is
// now (Deleted: gone).
type apiLifecycle struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	Archived bool   `json:"archived"`
	Deleted  bool   `json:"deleted"`
}

// apiLifecycleRequest is the body of POST …/lifecycle.
type apiLifecycleRequest struct {
	// Action is archive, restore or delete (refused with a 409 naming what
	// depends on the record, when anything does).
	Action string `json:"action"`
}

// parseLifecycleAction checks an action word.
func parseLifecycleAction(v string) (string, error) {
	v = strings.TrimSpace(v)
	if !lifecycleActions[v] {
		return "", respond.BadRequest(fmt.Sprintf("action %q: want archive, restore or delete", v))
	}
	return v, nil
}

// lifecycleProblem turns the store's refusals into answers: what depends
// on a record, or an act that does not fit its state, is a 409 saying so.
func lifecycleProblem(ctx context.Context, err error, what string) error {
	var dep *store.DependedError
	switch {
	case errors.As(err, &dep):
		msg := fmt.Sprintf(translate(langFrom(ctx), "life.depended"), strings.Join(dep.Deps, "；"))
		return &respond.Problem{Status: http.StatusConflict, Code: "conflict", Message: msg, Err: err}
	case errors.Is(err, store.ErrConflict):
		return &respond.Problem{Status: http.StatusConflict, Code: "conflict", Message: err.Error(), Err: err}
	}
	return notFound(err, what)
}

// changePlanLifecycle archives, restores or deletes a plan (full ID) as
// the request's user, audited in the same transaction; a 403 when the
// user may not edit the plan.
func (s *Server) changePlanLifecycle(ctx context.Context, planID, action string) (apiLifecycle, error) {
	u, _ := auth.UserFrom(ctx)
	if !auth.Can(u, auth.EditPlan, auth.Target{PlanID: planID}) {
		return apiLifecycle{}, respond.Forbidden(translate(langFrom(ctx), "life.forbidden"))
	}
	rec := func(p store.Plan) lifecycleRecord {
		return lifecycleRecord{Title: p.Title, Archived: !p.ArchivedAt.IsZero()}
	}
	if action == "delete" {
		gone, err := s.st.DeletePlanChecked(ctx, planID, func(b, _ store.Plan) (store.AuditEntry, error) {
			return auth.Entry(ctx, "plan.delete", "plan", b.ID, rec(b), lifecycleRecord{Title: b.Title, Deleted: true})
		})
		if err != nil {
			return apiLifecycle{}, lifecycleProblem(ctx, err, "plan "+planID)
		}
		return apiLifecycle{ID: gone.ID, Title: gone.Title, Deleted: true}, nil
	}
	_, after, err := s.st.ArchivePlan(ctx, planID, action == "archive", func(b, a store.Plan) (store.AuditEntry, error) {
		return auth.Entry(ctx, "plan."+action, "plan", a.ID, rec(b), rec(a))
	})
	if err != nil {
		return apiLifecycle{}, lifecycleProblem(ctx, err, "plan "+planID)
	}
	return apiLifecycle{ID: after.ID, Title: after.Title, Archived: !after.ArchivedAt.IsZero()}, nil
}

// changeDocumentLifecycle archives, restores or deletes a document (ID
// or prefix) as the request's user, audited in the same transaction; a
// 403 when the user may not add documents.
func (s *Server) changeDocumentLifecycle(ctx context.Context, docID, action string) (apiLifecycle, error) {
	u, _ := auth.UserFrom(ctx)
	if !auth.Can(u, auth.AddDocument, auth.Target{}) {
		return apiLifecycle{}, respond.Forbidden(translate(langFrom(ctx), "life.forbidden"))
	}
	rec := func(d store.Document) lifecycleRecord {
		return lifecycleRecord{Title: d.Title, Archived: !d.ArchivedAt.IsZero()}
	}
	if action == "delete" {
		gone, err := s.st.DeleteDocument(ctx, docID, func(b, _ store.Document) (store.AuditEntry, error) {
			return auth.Entry(ctx, "document.delete", "document", b.ID, rec(b), lifecycleRecord{Title: b.Title, Deleted: true})
		})
		if err != nil {
			return apiLifecycle{}, lifecycleProblem(ctx, err, "document "+docID)
		}
		return apiLifecycle{ID: gone.ID, Title: gone.Title, Deleted: true}, nil
	}
	_, after, err := s.st.ArchiveDocument(ctx, docID, action == "archive", func(b, a store.Document) (store.AuditEntry, error) {
		return auth.Entry(ctx, "document."+action, "document", a.ID, rec(b), rec(a))
	})
	if err != nil {
		return apiLifecycle{}, lifecycleProblem(ctx, err, "document "+docID)
	}
	return apiLifecycle{ID: after.ID, Title: after.Title, Archived: !after.ArchivedAt.IsZero()}, nil
}
