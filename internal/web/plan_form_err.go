package web

import (
	"errors"
	"net/http"
	"strings"

	"planwatch/internal/track"
	"planwatch/internal/web/respond"
)

// The plan page's settings and links forms, refused: the page again (400)
// with the problem beside the field, in the page's language.

func init() {
	for k, v := range planFormMessages {
		messages[k] = v
	}
}

// planFormMessages are the refused forms' messages.
var planFormMessages = map[string][2]string{
	"settings.err.rhythm":  {"请选择月报或季报", "Choose monthly or quarterly"},
	"settings.err.due_day": {"报送日应为 1 到 28 的整数", "The due day must be a whole number from 1 to 28"},
	"settings.err.years":   {"起止年份应为 1949 到 2100 之间的四位年份，起始年不晚于结束年", "The years must be from 1949 to 2100, the first not after the last"},
	"settings.err.period":  {"年份与计划类别不符", "The years do not fit the plan's kind"},
	"settings.err.kind":    {"类别名称无法保存", "The kind cannot be kept as written"},
	"settings.err.title":   {"标题无法保存", "The title cannot be kept as written"},
	"settings.err.nothing": {"没有要修改的内容", "Nothing to change"},
	"links.err.choose":     {"请选择上级计划", "Choose the upper plan"},
	"links.err.refused":    {"不能建立此落实关系", "This link cannot be made"},
}

// planFormErr is a refused plan-page form's problem and the field it is
// about (rhythm, due_day, title, kind, period, implements).
type planFormErr struct {
	Field, Message string
}

// On is the message when the problem is about field, else "" (nil-safe,
// for the template).
func (e *planFormErr) On(field string) string {
	if e == nil || e.Field != field {
		return ""
	}
	return e.Message
}

// refusePlanForm answers a plan-page form that failed with err: a 400 is
// the page again with the message of key (in English with the reason
// too) beside field, a 409 the page with its reason (worded for the user
// already); anything else (403, 404, 500) as it is.
func (s *Server) refusePlanForm(w http.ResponseWriter, r *http.Request, err error, field, key string) {
	var p *respond.Problem
	if !errors.As(err, &p) || (p.Status != http.StatusBadRequest && p.Status != http.StatusConflict) {
		respond.Error(w, r, err)
		return
	}
	msg := p.Message // a 409's reason is in the user's language already
	if lang := langFrom(r.Context()); p.Status == http.StatusBadRequest {
		msg = translate(lang, key)
		if lang == langEN {
			msg += ": " + p.Message
		}
	}
	s.renderPlan(w, r, p.Status, &planFormErr{Field: field, Message: msg})
}

// settingsProblem names the field and message of a settings form refused
// with the 400 message msg (from parseRhythmForm, parseKindPeriodForm or
// changePlanSettings).
func settingsProblem(r *http.Request, msg string) (field, key string) {
	switch {
	case strings.HasPrefix(msg, "rhythm") || strings.HasPrefix(msg, "unknown reporting rhythm"):
		return "rhythm", "settings.err.rhythm"
	case strings.HasPrefix(msg, "bad due day"):
		return "due_day", "settings.err.due_day"
	case strings.HasPrefix(msg, "start_year") || strings.HasPrefix(msg, "period: want years"):
		return "period", "settings.err.years"
	case strings.HasPrefix(msg, "kind"):
		return "kind", "settings.err.kind"
	case strings.HasPrefix(msg, "title"):
		return "title", "settings.err.title"
	case strings.HasPrefix(msg, "nothing to change"):
		return "rhythm", "settings.err.nothing"
	}
	if _, err := track.ParseRhythm(strings.TrimSpace(r.PostFormValue("rhythm"))); err != nil {
		return "rhythm", "settings.err.rhythm"
	}
	return "period", "settings.err.period"
}
