package web

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"planwatch/internal/store"
	"planwatch/internal/track"
	"planwatch/internal/web/auth"
	"planwatch/internal/web/respond"
)

// An indicator's page, /indicators/{id}: its baseline, targets and every
// figure recorded, newest period first, with the form that records a
// figure (as `planwatch indicator observe`) for the plan's editors.

func init() {
	pageNames = append(pageNames, "indicator_show")
	for k, v := range indicatorMessages {
		messages[k] = v
	}
}

// indicatorMessages are the indicator page's interface strings.
var indicatorMessages = map[string][2]string{
	"ind.page":           {"指标数据", "Indicator figures"},
	"ind.link":           {"录入数据", "Record a figure"},
	"ind.details":        {"历年数据", "All figures"},
	"ind.observations":   {"已录入的数据", "Figures recorded"},
	"ind.none":           {"尚无数据。", "No figures yet."},
	"ind.revised":        {"修订", "revised"},
	"ind.recorded":       {"录入时间", "Recorded"},
	"ind.form":           {"录入一期数据", "Record a figure"},
	"ind.period":         {"时期", "Period"},
	"ind.period_hint":    {"如 2024、2024-Q2 或 2024-06", "e.g. 2024, 2024-Q2 or 2024-06"},
	"ind.value":          {"数值", "Value"},
	"ind.value_hint":     {"按机关的写法：3.1、150万、1.2亿、3.5%", "as offices write it: 3.1, 150万, 1.2亿, 3.5%"},
	"ind.source":         {"来源（可选）", "Source (optional)"},
	"ind.source_col":     {"来源", "Source"},
	"ind.submit":         {"保存", "Save"},
	"ind.saved":          {"已保存。", "Saved."},
	"ind.forbidden":      {"只有计划的编辑人员和管理员可以录入指标数据", "Only the plan's editors and admins record figures"},
	"obs.err.period":     {"时期应写作 2024、2024-Q2 或 2024-06", "The period must look like 2024, 2024-Q2 or 2024-06"},
	"obs.err.future":     {"时期尚未开始", "That period has not begun"},
	"obs.err.value":      {"数值无法识别，应写作 3.1、150万、1.2亿 或 3.5%", "The value cannot be read: write it as 3.1, 150万, 1.2亿 or 3.5%"},
	"obs.err.value_unit": {"数值的单位与指标的单位不符", "The value's unit does not match the indicator's"},
	"obs.err.source":     {"来源过长或含有不能保存的字符", "The source is too long or holds characters that cannot be kept"},
}

// observationForm is the figure form as typed, with a problem per field
// ("" for none) to show beside it.
type observationForm struct {
	Period, Value, Source          string
	PeriodErr, ValueErr, SourceErr string
}

// indicatorPage is the indicator page's data.
type indicatorPage struct {
	view
	Plan      store.Plan
	Indicator store.Indicator
	Targets   []string            // as written: 2025年 ≥3.2%
	Obs       []store.Observation // newest period first
	CanEdit   bool
	Form      observationForm
	Saved     bool
}

// indicatorShow shows an indicator's figures and, for its plan's
// editors, the form that records one.
func (s *Server) indicatorShow(w http.ResponseWriter, r *http.Request) {
	ind, p, err := s.viewableIndicator(r.Context(), r.PathValue("id"))
	if err != nil {
		respond.Error(w, r, err)
		return
	}
	s.renderIndicator(w, r, http.StatusOK, ind, p, observationForm{}, r.URL.Query().Get("saved") == "1")
}

// renderIndicator shows the indicator page with the form as typed.
func (s *Server) renderIndicator(w http.ResponseWriter, r *http.Request, status int, ind store.Indicator, p store.Plan, f observationForm, saved bool) {
	ctx := r.Context()
	u, _ := auth.UserFrom(ctx)
	pg := indicatorPage{view: s.newView(r, ind.Name+" · "+p.Title, "plans"), Plan: p, Indicator: ind, Form: f, Saved: saved,
		CanEdit: auth.Can(u, auth.EditPlan, auth.Target{PlanID: p.ID}), Obs: slices.Clone(ind.Observations)}
	for _, t := range ind.Targets {
		y := p.EndYear
		if t.Year != 0 {
			y = t.Year
		}
		pg.Targets = append(pg.Targets, yearOrDash(y)+"年 "+track.TargetText(t, ind.Unit))
	}
	slices.SortStableFunc(pg.Obs, func(a, b store.Observation) int {
		if a.Period != b.Period {
			return strings.Compare(b.Period, a.Period)
		}
		return b.RecordedAt.Compare(a.RecordedAt)
	})
	respond.HTML(w, r, status, s.pages["indicator_show"], pg)
}

// viewableIndicator loads an indicator (ID or prefix) and its plan: a 404
// when the user may not read the plan.
func (s *Server) viewableIndicator(ctx context.Context, ref string) (store.Indicator, store.Plan, error) {
	ind, err := s.st.Indicator(ctx, ref)
	if err != nil {
		return store.Indicator{}, store.Plan{}, notFound(err, "indicator "+ref)
	}
	p, err := s.viewablePlan(ctx, ind.PlanID)
	if err != nil {
		return store.Indicator{}, store.Plan{}, respond.NotFound("indicator "+ref+" not found", nil)
	}
	return ind, p, nil
}

func yearOrDash(y int) string {
	if y == 0 {
		return "—"
	}
	return strconv.Itoa(y)
}
