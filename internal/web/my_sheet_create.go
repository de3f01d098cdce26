package web

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"time"

	"planwatch/internal/store"
	"planwatch/internal/track"
	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

// sheetField is the upload form's file field.
const sheetField = "sheet"

// sheetImport is the outcome of an uploaded task list.
type sheetImport struct {
	File    string
	Plan    store.Plan
	Unit    string
	Posted  []store.Update
	Refused []track.RowError
}

// mySheetPage is the summary page of an upload.
type mySheetPage struct {
	view
	*sheetImport
}

// mySheetCreate imports a filled-in task list from the "My updates"
// page: the summary page shows what was posted or, when any row was
// refused, that nothing was and why (422).
func (s *Server) mySheetCreate(w http.ResponseWriter, r *http.Request) {
	res, err := s.importSheet(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	status := http.StatusOK
	if len(res.Refused) > 0 {
		status = http.StatusUnprocessableEntity
	}
	pg := mySheetPage{view: s.newView(r, translate(langFrom(r.Context()), "sheet.title"), "my"), sheetImport: res}
	respond.HTML(w, r, status, s.pages["my_sheet_create"], pg)
}

// apiMySheetCreate is mySheetCreate for the API: the counts and refused
// rows as JSON (422 when any row was refused and nothing was posted).
func (s *Server) apiMySheetCreate(w http.ResponseWriter, r *http.Request) {
	res, err := s.importSheet(r)
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	out := apiSheetImport{File: res.File, PlanID: res.Plan.ID, Unit: res.Unit, Posted: len(res.Posted),
		Updates: []string{}, Refused: []apiRowError{}}
	for _, u := range res.Posted {
		out.Updates = append(out.Updates, u.ID)
	}
	for _, e := range res.Refused {
		out.Refused = append(out.Refused, apiRowError{Row: e.Row, Column: e.Column, Value: e.Value, Reason: e.Reason})
	}
	status := http.StatusOK
	if len(res.Refused) > 0 {
		status = http.StatusUnprocessableEntity
	}
	respond.JSON(w, r, status, out)
}

// importSheet reads the uploaded sheet (fields plan and unit, optional
// when the user reports for one plan or unit) and posts its updates for
// the unit, each with its audit entry, all in one transaction, unless a
// row is refused: then nothing is posted. Rows about tasks the unit does
// not lead or support are refused, and so is what the task page's form
// refuses (track.CheckUpdate). A file that is not a task list is a 400
// naming the file; one past the sheet limits (config.Sheets: a zip bomb,
// a cell of millions of characters) a 413 naming the file and the limit.
func (s *Server) importSheet(r *http.Request) (*sheetImport, error) {
	ctx := r.Context()
	defer cleanupForm(r)
	u, err := myUser(ctx)
	if err != nil {
		return nil, err
	}
	name, data, err := formFile(r, sheetField, maxUploadBytes)
	if errors.Is(err, errNoFile) {
		return nil, respond.Localize(respond.BadRequest(sheetField+": choose the filled-in task list (.xlsx or .csv) to upload, sent as multipart/form-data"),
			translate(langFrom(ctx), "sheet.err.none"))
	}
	if err != nil {
		return nil, err
	}
	d, err := s.loadMy(ctx, u)
	if err != nil {
		return nil, err
	}
	p, unit, err := s.dutyFor(ctx, d.Duties, strings.TrimSpace(r.PostFormValue("plan")), strings.TrimSpace(r.PostFormValue("unit")))
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
		return nil, respond.Localize(respond.BadRequest(fmt.Sprintf("file %s: not a task list: want the .xlsx downloaded from this page (or a .csv)", name)),
			fmt.Sprintf(translate(langFrom(ctx), "sheet.err.ext"), name))
	}
	// Reading a workbook and posting its rows is heavy: a few at a time.
	var res *sheetImport
	err = s.work.do(ctx, workSheet, func(ctx context.Context) error {
		var err error
		res, err = s.postSheet(ctx, u, p, unit, name, format, data)
		return err
	})
	return res, err
}

// postSheet reads an uploaded task list of plan p for unit and posts its
// updates, each with its audit entry, in one transaction; refused rows
// post nothing.
func (s *Server) postSheet(ctx context.Context, u *store.User, p store.Plan, unit, name, format string, data []byte) (*sheetImport, error) {
	items, err := s.st.Items(ctx, p.ID, store.ItemFilter{IncludeDropped: true})
	if err != nil {
		return nil, err
	}
	deny := func(it store.Item) string {
		if mayPost(u, p.ID, unit, it) {
			return ""
		}
		if unit == "" {
			return "您无权报送该任务的进展"
		}
		return fmt.Sprintf("该任务不由「%s」牵头或配合，不能代为填报", unit)
	}
	prev, err := s.st.PlanUpdates(ctx, p.ID, time.Time{})
	if err != nil {
		return nil, err
	}
	book, err := s.st.UnitBook(ctx, p.RegionCode, false)
	if err != nil {
		return nil, err
	}
	today := s.now().Format(time.DateOnly)
	ups, refused, err := track.ReadProgress(ctx, track.Named(name, bytes.NewReader(data)), format, p, items, unit,
		displayName(u), today, track.ReadOptions{Limits: s.opt.Sheets, Today: today, Prev: prev, Deny: deny, Units: book})
	var lim *track.LimitError
	switch {
	case errors.As(err, &lim):
		// What the file holds is too much to read, however small it is.
		return nil, &respond.Problem{Status: http.StatusRequestEntityTooLarge, Code: "too_large",
			Message: fmt.Sprintf("file %s: %s", name, oneLine(lim.Error()))}
	case ctx.Err() != nil:
		return nil, ctx.Err()
	case err != nil:
		return nil, respond.Localize(respond.BadRequest(fmt.Sprintf("file %s: not a task list: %s", name, oneLine(err.Error()))),
			fmt.Sprintf(translate(langFrom(ctx), "sheet.err.read"), name, oneLine(err.Error())))
	}
	res := &sheetImport{File: name, Plan: p, Unit: unit, Refused: refused}
	if len(refused) > 0 {
		return res, nil
	}
	byID := map[string]store.Item{}
	for _, it := range items {
		byID[it.ID] = it
	}
	// IDs first, so that each audit entry is made (and can fail) before
	// anything is written.
	at := s.now()
	entries := map[string]store.AuditEntry{}
	for i := range ups {
		ups[i].ID, ups[i].RecordedAt = store.NewID(), at
		it := byID[ups[i].ItemID]
		e, err := auth.Entry(ctx, string(auth.PostUpdate), "item", it.ID,
			map[string]any{"status": it.Status, "progress": it.Progress}, ups[i])
		if err != nil {
			return nil, err
		}
		entries[ups[i].ID] = e
	}
	err = s.st.AddUpdatesAuditedEach(ctx, ups, func(up store.Update) store.AuditEntry { return entries[up.ID] })
	if err != nil {
		return nil, fmt.Errorf("import %s into %s: %w", name, p.ID, err)
	}
	res.Posted = ups
	return res, nil
}

// oneLine keeps the first line of a message.
func oneLine(s string) string {
	first, _, _ := strings.Cut(strings.TrimSpace(s), "\n")
	return first
}

// apiSheetImport is the outcome of an uploaded task list.
type apiSheetImport struct {
	File    string        `json:"file"`
	PlanID  string        `json:"plan_id"`
	Unit    string        `json:"unit"`
	Posted  int           `json:"posted"`  // updates posted; 0 when any row was refused
	Updates []string      `json:"updates"` // their IDs
	Refused []apiRowError `json:"refused"`
}

// apiRowError is a refused row of an uploaded sheet, as a spreadsheet
// program numbers it.
type apiRowError struct {
	Row    int    `json:"row"`
	Column string `json:"column,omitempty"`
	Value  string `json:"value,omitempty"`
	Reason string `json:"reason"`
}
