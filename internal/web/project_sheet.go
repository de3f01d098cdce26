package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"

	"planwatch/internal/store"
	"planwatch/internal/track"
	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

// The 重大项目 table: downloaded as of a month, filled in and uploaded
// again (or a plan's project list uploaded to begin with).

// projectSheetShow downloads a plan's 重大项目 table as of ?month=.
func (s *Server) projectSheetShow(w http.ResponseWriter, r *http.Request) {
	d, err := s.loadProjects(r.Context(), r.PathValue("id"), r.URL.Query().Get("month"))
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	var buf bytes.Buffer
	if err := track.WriteProjectSheet(&buf, track.FormatXLSX, d.Plan, d.Items, d.States, d.Month); err != nil {
		respond.Error(w, r, err)
		return
	}
	name := fileName(d.Plan.Title, "plan") + "-重大项目-" + d.Month + ".xlsx"
	respond.Bytes(w, r, respond.File{Name: name, ContentType: xlsxType}, buf.Bytes())
}

// projectImport is the outcome of an uploaded project table.
type projectImport struct {
	File     string
	Plan     store.Plan
	Month    string
	Projects int
	Reports  int
	Refused  []track.RowError
}

// importProjectSheet reads an uploaded 重大项目 table (multipart field
// sheet; field month when the headers do not name it) into the plan:
// projects added or updated, the month's figures recorded with their
// audit entry; nothing when any row is refused. Plan editors only.
func (s *Server) importProjectSheet(r *http.Request) (*projectImport, error) {
	ctx := r.Context()
	defer cleanupForm(r)
	p, err := s.viewablePlan(ctx, r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	u, _ := auth.UserFrom(ctx)
	if !auth.Can(u, auth.EditPlan, auth.Target{PlanID: p.ID}) {
		return nil, respond.Forbidden(translate(langFrom(ctx), "projects.forbidden_import"))
	}
	name, data, err := formFile(r, sheetField, maxUploadBytes)
	if errors.Is(err, errNoFile) {
		return nil, respond.BadRequest(sheetField + ": choose the 重大项目 table (.xlsx or .csv) to upload, sent as multipart/form-data")
	}
	if err != nil {
		return nil, err
	}
	var format string
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xlsx":
		format = track.FormatXLSX
	case ".csv":
		format = track.FormatCSV
	default:
		return nil, respond.BadRequest(fmt.Sprintf("file %s: not a project table: want .xlsx or .csv", name))
	}
	month := strings.TrimSpace(r.PostFormValue("month"))
	var res *projectImport
	err = s.work.do(ctx, workSheet, func(ctx context.Context) error {
		var err error
		res, err = s.saveProjectSheet(ctx, p, name, format, month, data)
		return err
	})
	return res, err
}

func (s *Server) saveProjectSheet(ctx context.Context, p store.Plan, name, format, month string, data []byte) (*projectImport, error) {
	sh, refused, err := track.ReadProjectSheet(ctx, track.Named(name, bytes.NewReader(data)), format,
		track.ProjectSheetOptions{Limits: s.opt.Sheets, Month: month, Today: s.now()})
	var lim *track.LimitError
	switch {
	case errors.As(err, &lim):
		return nil, &respond.Problem{Status: http.StatusRequestEntityTooLarge, Code: "too_large",
			Message: fmt.Sprintf("file %s: %s", name, oneLine(lim.Error()))}
	case ctx.Err() != nil:
		return nil, ctx.Err()
	case err != nil:
		return nil, respond.BadRequest(fmt.Sprintf("file %s: not a project table: %s", name, oneLine(err.Error())))
	}
	if err := track.CheckReportMonth(sh.Month, s.now()); err != nil {
		return nil, respond.BadRequest(fmt.Sprintf("file %s: %s", name, err))
	}
	res := &projectImport{File: name, Plan: p, Month: sh.Month, Refused: refused}
	if len(refused) > 0 {
		return res, nil
	}
	d, err := s.projectsOf(ctx, p, sh.Month)
	if err != nil {
		return nil, err
	}
	u, _ := auth.UserFrom(ctx)
	save, reps, refused := track.ApplyProjectSheet(sh, d.Items, d.Projects, d.Reports, displayName(u), "import:"+filepath.Base(name))
	if len(refused) > 0 {
		res.Refused = refused
		return res, nil
	}
	names := make([]string, len(save))
	for i, pr := range save {
		names[i] = pr.Name
	}
	e, err := auth.Entry(ctx, "project.save", "plan", p.ID, nil, map[string]any{"file": name, "projects": names})
	if err != nil {
		return nil, err
	}
	if err := s.st.SaveProjectsAudited(ctx, p.ID, save, e); err != nil {
		return nil, fmt.Errorf("import %s into %s: %w", name, p.ID, err)
	}
	track.BindReports(reps, save)
	if len(reps) > 0 {
		at := s.now()
		for i := range reps {
			reps[i].ID, reps[i].RecordedAt = store.NewID(), at
		}
		e, err := auth.Entry(ctx, "project.report", "plan", p.ID, nil, map[string]any{"file": name, "month": sh.Month,
			"reports": reps})
		if err != nil {
			return nil, err
		}
		if err := s.st.AddProjectReportsAudited(ctx, reps, e); err != nil {
			return nil, fmt.Errorf("import %s into %s: projects saved, reports not: %w", name, p.ID, err)
		}
	}
	res.Projects, res.Reports = len(save), len(reps)
	return res, nil
}

// apiProjectSheetCreate imports a 重大项目 table through the API: 200 with
// the counts, or 422 with the refused rows and nothing recorded.
func (s *Server) apiProjectSheetCreate(w http.ResponseWriter, r *http.Request) {
	res, err := s.importProjectSheet(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	out := apiProjectSheetImport{File: res.File, PlanID: res.Plan.ID, Month: res.Month, Projects: res.Projects,
		Reports: res.Reports, Refused: []apiRowError{}}
	for _, e := range res.Refused {
		out.Refused = append(out.Refused, apiRowError{Row: e.Row, Column: e.Column, Value: e.Value, Reason: e.Reason})
	}
	status := http.StatusOK
	if len(res.Refused) > 0 {
		status = http.StatusUnprocessableEntity
	}
	respond.JSON(w, r, status, out)
}
