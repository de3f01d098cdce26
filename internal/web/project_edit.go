package web

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"

	"planwatch/internal/store"
	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

// A project's name and its existence are the plan editors' to change, as
// the 重大项目 table they import is: a rename keeps the project's figures
// and reports (the sheet then matches it by its new name), a deletion
// takes them along. Both are audited with the reason given.

// apiProjectRenameRequest is the body of POST /api/v1/projects/{id}/name.
type apiProjectRenameRequest struct {
	Name   string `json:"name"`
	Reason string `json:"reason,omitempty"`
}

// apiProjectDeleteRequest is the body of DELETE /api/v1/projects/{id}.
type apiProjectDeleteRequest struct {
	Reason string `json:"reason"` // required: kept in the audit log
}

// apiProjectRef names a project after a rename or deletion.
type apiProjectRef struct {
	ID      string `json:"id"`
	PlanID  string `json:"plan_id"`
	Name    string `json:"name"`
	Deleted bool   `json:"deleted,omitempty"`
}

// editableProject loads a project the request's user may edit: one of a
// plan they may edit (403 otherwise; 404 when they may not even view it).
func (s *Server) editableProject(ctx context.Context, ref string) (store.Project, error) {
	p, err := s.viewableProject(ctx, ref)
	if err != nil {
		return p, err
	}
	u, _ := auth.UserFrom(ctx)
	if !auth.Can(u, auth.EditPlan, auth.Target{PlanID: p.PlanID}) {
		return p, respond.Forbidden(translate(langFrom(ctx), "life.forbidden"))
	}
	return p, nil
}

// renameProject renames p as the request's user; the store's refusals
// become a 409 (the name is taken) or a 400 (no name).
func (s *Server) renameProject(ctx context.Context, p store.Project, name, reason string) error {
	actor, err := auth.Entry(ctx, store.AuditProjectRename, "project", p.ID, nil, nil)
	if err != nil {
		return err
	}
	return projectProblem(s.st.RenameProject(ctx, p.ID, name, reason, actor), p.ID)
}

// deleteProject deletes p as the request's user.
func (s *Server) deleteProject(ctx context.Context, p store.Project, reason string) error {
	actor, err := auth.Entry(ctx, store.AuditProjectDelete, "project", p.ID, nil, nil)
	if err != nil {
		return err
	}
	return projectProblem(s.st.DeleteProject(ctx, p.ID, reason, actor), p.ID)
}

// projectProblem turns the store's refusals of a project edit into answers.
func projectProblem(err error, id string) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, store.ErrConflict):
		return &respond.Problem{Status: http.StatusConflict, Code: "conflict", Message: oneLine(err.Error()), Err: err}
	case errors.Is(err, store.ErrInvalid):
		return respond.BadRequest(oneLine(err.Error()))
	}
	return notFound(err, "project "+id)
}

// projectRename renames a project from its page's form; the page again
// with the error beside the field (422) when the name is empty or taken.
func (s *Server) projectRename(w http.ResponseWriter, r *http.Request) {
	s.projectEditForm(w, r, func(ctx context.Context, p store.Project) (string, error) {
		return "/projects/" + url.PathEscape(p.ID) + "?renamed=1",
			s.renameProject(ctx, p, r.PostFormValue("name"), r.PostFormValue("reason"))
	})
}

// projectDelete deletes a project from its page's form and goes back to
// the plan's project list.
func (s *Server) projectDelete(w http.ResponseWriter, r *http.Request) {
	s.projectEditForm(w, r, func(ctx context.Context, p store.Project) (string, error) {
		return "/plans/" + url.PathEscape(p.PlanID) + "/projects?deleted=" + url.QueryEscape(p.Name),
			s.deleteProject(ctx, p, r.PostFormValue("reason"))
	})
}

// projectEditForm runs an edit of the project page's forms: a redirect
// on success, the page with the edit's error otherwise.
func (s *Server) projectEditForm(w http.ResponseWriter, r *http.Request, edit func(context.Context, store.Project) (string, error)) {
	ctx := r.Context()
	p, err := s.editableProject(ctx, r.PathValue("id"))
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	to, err := edit(ctx, p)
	var prob *respond.Problem
	if errors.As(err, &prob) && (prob.Status == http.StatusConflict || prob.Status == http.StatusBadRequest) {
		pg, perr := s.projectPageFor(r, p.ID)
		if perr != nil {
			respond.Error(w, r, perr)
			return
		}
		pg.EditError = prob.Message
		respond.HTML(w, r, http.StatusUnprocessableEntity, s.pages["project_show"], pg)
		return
	}
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.Redirect(w, r, to, http.StatusSeeOther)
}

// apiProjectRename renames a project; 200 with its new name.
func (s *Server) apiProjectRename(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	var req apiProjectRenameRequest
	if !decodeProjectEdit(w, r, &req, `{"name", "reason"}`) {
		return
	}
	p, err := s.editableProject(ctx, r.PathValue("id"))
	if err == nil {
		err = s.renameProject(ctx, p, req.Name, req.Reason)
	}
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.JSON(w, r, http.StatusOK, apiProjectRef{ID: p.ID, PlanID: p.PlanID, Name: strings.TrimSpace(req.Name)})
}

// apiProjectDelete deletes a project with its reports; 200 naming it.
func (s *Server) apiProjectDelete(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	var req apiProjectDeleteRequest
	if !decodeProjectEdit(w, r, &req, `{"reason"}`) {
		return
	}
	p, err := s.editableProject(ctx, r.PathValue("id"))
	if err == nil {
		err = s.deleteProject(ctx, p, req.Reason)
	}
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	respond.JSON(w, r, http.StatusOK, apiProjectRef{ID: p.ID, PlanID: p.PlanID, Name: p.Name, Deleted: true})
}

// decodeProjectEdit reads a JSON body into v, answering 400 when it is not.
func decodeProjectEdit(w http.ResponseWriter, r *http.Request, v any, want string) bool {
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		respond.Error(w, r, respond.BadRequest("body: want "+want+": "+err.Error()))
		return false
	}
	return true
}
