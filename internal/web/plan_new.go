package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"

	"planwatch/internal/extract"
	"planwatch/internal/store"
	"planwatch/internal/track"
	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

// Making a tracked plan from a library document in the web app, as
// `planwatch plan create --from DOC` does: /documents/{id}/plans/new shows
// what the extraction proposes, each item beside its source sentence with
// the words it was read from marked, and the form; POST /documents/{id}/plans
// saves the plan (every item a proposal) and leads to its review page,
// where each is confirmed, edited or dismissed.

func init() {
	pageNames = append(pageNames, "plan_new")
	for k, v := range planNewMessages {
		messages[k] = v
	}
}

// planNewMessages are the plan-creation page's interface strings.
var planNewMessages = map[string][2]string{
	"plannew.title":          {"创建跟踪计划", "Make a tracked plan"},
	"colon":                  {"：", ": "},
	"plannew.link":           {"据此文件创建跟踪计划", "Make a tracked plan from this document"},
	"plannew.note":           {"以下任务、项目和指标由文件自动识别，原文中被识别的文字已标出。创建后逐项确认、修改或驳回，确认后才计入统计。", "The tasks, projects and targets below were found in the document; the words each was read from are marked in its sentence. Once the plan is made, confirm, edit or dismiss each: only confirmed items count."},
	"plannew.level":          {"层级", "Level"},
	"plannew.level_auto":     {"按地区自动判断", "Guess from the region"},
	"plannew.new_version":    {"已有计划时另建一个新版本", "Make another plan though one exists"},
	"plannew.existing":       {"此文件已有计划", "Plans made from this document"},
	"plannew.submit":         {"创建计划并审核", "Make the plan and review it"},
	"plannew.found":          {"识别结果", "What was found"},
	"plannew.counts":         {"任务 %d 项，项目 %d 项，指标 %d 项", "%d tasks, %d projects, %d targets"},
	"plannew.forbidden":      {"只有管理员和可管理全部计划的编辑人员可以创建计划", "Only admins and editors of every plan make plans"},
	"plannew.err.level":      {"层级应为 国家、省、市 或 区县", "The level must be 国家, 省, 市 or 区县"},
	"plannew.err.exists":     {"此文件已有计划；如需另建，请勾选“另建一个新版本”", "This document has a plan already; tick “make another plan” to make one more"},
	"plannew.err.empty":      {"文件中没有识别出可跟踪的任务或指标", "The document holds no tasks or targets to track"},
	"plannew.err.extraction": {"文件的识别结果无法读取，请重新抓取或上传", "The document's extraction cannot be read; fetch or upload it again"},
}

// planNewForm is the plan-creation form as typed, with a problem per
// field ("" for none) to show beside it.
type planNewForm struct {
	Level      string
	NewVersion bool
	LevelErr   string
	VersionErr string
	Err        string // about the document as a whole
}

// proposedRow is an item the extraction proposes, for the preview.
type proposedRow struct {
	Kind     string // task, project or target
	Number   string
	Title    string
	Lead     []string
	Support  []string
	Deadline string
	Targets  []string
	Quote    *sourceQuote
}

// planNewPage is the plan-creation page's data.
type planNewPage struct {
	view
	Document store.Document
	Existing []store.Plan
	Levels   []string
	Form     planNewForm
	Rows     []proposedRow
	Tasks    int
	Projects int
	Targets  int
}

// planNew shows what a plan made from the document would propose, and
// the form that makes it.
func (s *Server) planNew(w http.ResponseWriter, r *http.Request) {
	d, err := s.creatableDocument(r.Context(), r.PathValue("id"))
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	s.renderPlanNew(w, r, http.StatusOK, d, planNewForm{})
}

// renderPlanNew shows the plan-creation page with the form as typed.
func (s *Server) renderPlanNew(w http.ResponseWriter, r *http.Request, status int, d *documentData, f planNewForm) {
	ctx := r.Context()
	pg := planNewPage{view: s.newView(r, translate(langFrom(ctx), "plannew.title")+" · "+d.Document.Title, "search"),
		Document: d.Document, Existing: d.Plans, Levels: planLevels, Form: f}
	var res extract.Result
	if err := json.Unmarshal(d.Version.Extraction, &res); err != nil {
		if pg.Form.Err == "" {
			pg.Form.Err = translate(pg.Lang, "plannew.err.extraction")
		}
	} else {
		_, items, inds := track.FromExtraction(&res, d.Document, d.Version.Seq, f.Level)
		pg.Rows, pg.Tasks, pg.Projects, pg.Targets = proposedRows([]rune(d.Version.Text), items, inds)
	}
	respond.HTML(w, r, status, s.pages["plan_new"], pg)
}

// proposedRows lists what a plan would propose, tasks and projects in
// the document's order, then the targets, each with its quote.
func proposedRows(text []rune, items []store.Item, inds []store.Indicator) (rows []proposedRow, tasks, projects, targets int) {
	for _, it := range items {
		switch it.Kind {
		case store.KindTask:
			tasks++
		case store.KindProject:
			projects++
		default:
			continue // the outline's headings are no proposals
		}
		row := proposedRow{Kind: it.Kind, Number: it.Number, Title: it.Title, Deadline: it.Deadline,
			Quote: quoteSource(text, it.SourceStart, it.SourceEnd)}
		for _, u := range it.Units {
			if u.Role == store.RoleLead {
				row.Lead = append(row.Lead, u.Unit)
			} else {
				row.Support = append(row.Support, u.Unit)
			}
		}
		rows = append(rows, row)
	}
	for _, ind := range inds {
		targets++
		row := proposedRow{Kind: store.KindTarget, Title: ind.Name, Quote: quoteSource(text, ind.SourceStart, ind.SourceEnd)}
		for _, t := range ind.Targets {
			y := "—"
			if t.Year != 0 {
				y = fmt.Sprint(t.Year)
			}
			row.Targets = append(row.Targets, y+"年 "+track.TargetText(t, ind.Unit))
		}
		rows = append(rows, row)
	}
	return rows, tasks, projects, targets
}

// creatableDocument loads a document (ID or prefix) with its current
// version for making a plan: a 403 when the user may not make plans.
func (s *Server) creatableDocument(ctx context.Context, ref string) (*documentData, error) {
	if u, _ := auth.UserFrom(ctx); !auth.Can(u, auth.CreatePlan, auth.Target{}) {
		return nil, respond.Forbidden(translate(langFrom(ctx), "plannew.forbidden"))
	}
	return s.loadDocument(ctx, ref, 0)
}

// MayCreatePlan reports whether the page's user may make plans: the
// document page's link to the plan-creation page.
func (v view) MayCreatePlan() bool { return auth.Can(v.user, auth.CreatePlan, auth.Target{}) }
