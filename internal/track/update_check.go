package track

// One set of rules at every door. A progress update comes in through the
// task page's form, the API, a task-list sheet (.xlsx or .csv, uploaded
// or given to `sheet import`) and `task update`; a figure through an
// indicator sheet and `indicator observe`. Each door reads its fields its
// own way and then calls CheckUpdate or CheckObservation, so that what
// one door refuses no other lets in: a note of three million characters,
// a NUL that truncates it, an escape sequence for the next terminal that
// prints it, a date next year, a unit reporting on a task it neither
// leads nor supports.

import (
	"errors"
	"fmt"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"planwatch/internal/amount"
	"planwatch/internal/store"
	"planwatch/internal/unitname"
)

// Limits of what people type, at every door.
const (
	MaxNoteChars     = 2000 // 进展情况
	MaxEvidenceChars = 500  // an evidence link
	MaxNameChars     = 100  // a unit's or a person's name
	MaxSourceChars   = 500  // where a figure comes from
)

// The fields Problems name.
const (
	FieldDate     = "date"
	FieldStatus   = "status"
	FieldProgress = "progress"
	FieldUnit     = "unit"
	FieldNote     = "note"
	FieldEvidence = "evidence"
	FieldAuthor   = "author"
	FieldPeriod   = "period"
	FieldValue    = "value"
	FieldSource   = "source"
)

// Problem is what is wrong with one field. Code is one of status_missing,
// status, progress, progress_missing, date, date_future, note (the note
// too long), long (another text too long), text (bytes or characters no
// text may hold), evidence, unit (not the task's), unit_unknown (not in
// the unit registry: Detail says so in Chinese with the closest names),
// period, period_future, value; the web app translates update.err.<code>.
type Problem struct {
	Field  string
	Code   string
	Value  string // what was given, as shown (see shown)
	Detail string // figures or the character at fault: "2500 > 2000", "U+001B"
}

// fieldLabels name the fields in Chinese, as the reasons do.
var fieldLabels = map[string]string{
	FieldDate: "填报日期", FieldStatus: "状态", FieldProgress: "完成进度", FieldUnit: "单位", FieldNote: "进展情况",
	FieldEvidence: "佐证材料", FieldAuthor: "填报人", FieldReason: "说明", FieldPeriod: "时期", FieldValue: "数值", FieldSource: "来源",
}

// Reason says in Chinese what is wrong and how to put it right, for the
// unit that filled in a sheet and for the command line.
func (p Problem) Reason() string {
	label := fieldLabels[p.Field]
	switch p.Code {
	case "status_missing":
		return "请填写状态"
	case "status":
		return fmt.Sprintf("状态「%s」无法识别，可填：%s（也认常用说法，如未启动、序时推进、推进中；进度缓慢、已逾期、已延期按进行中记，滞后、逾期、已延期由系统按时限和批准计算）", p.Value, statusLabelList())
	case "progress", "progress_missing":
		return "完成进度应为0到100之间的数（如 60 或 60%）"
	case "date":
		return label + "无法识别（应为 2024-03-31 或 2024年3月31日）"
	case "date_future":
		return fmt.Sprintf("%s「%s」晚于今天（%s）", label, p.Value, p.Detail)
	case "note", "long":
		return fmt.Sprintf("%s过长：%s 字", label, p.Detail)
	case "text":
		return fmt.Sprintf("%s含有不能保存的字符（%s），请删去后重新填报", label, p.Detail)
	case "evidence":
		return fmt.Sprintf("佐证材料应为 http(s) 链接，不超过 %d 个字符", MaxEvidenceChars)
	case "unit":
		return fmt.Sprintf("「%s」不是该任务的牵头或配合单位，不能填报", p.Value)
	case "unit_unknown":
		return p.Detail
	case "period":
		return "时期无法识别（应为 2023、2023-Q2、2023年二季度 或 2023-06）"
	case "period_future":
		return fmt.Sprintf("时期「%s」尚未开始（今天是%s）", p.Value, p.Detail)
	case "value":
		return "数值不是数字"
	case "reason_backdate":
		return fmt.Sprintf("填报日期「%s」属于已过报送截止日的时期 %s，补报须说明原因（原因：…）", p.Value, p.Detail)
	case "reason_regress":
		return fmt.Sprintf("完成进度由 %s回退，须说明原因（原因：…）", p.Detail)
	}
	return label + "有误"
}

// UpdateFields is a progress update as typed at a door.
type UpdateFields struct {
	Date, Status, Progress, Unit, Note, Evidence string
	// Reason says why an update is dated before the period open for
	// reporting or brings progress down (update_honest.go); a note's
	// "原因：…" gives one too.
	Reason string
}

// UpdateTarget is the task an update is about, and how the door treats
// fields left empty.
type UpdateTarget struct {
	ItemID        string
	Status        string // the task's status now
	Progress      int    // and its progress
	Lead, Support []string
	// Today is the last day an update may be about (YYYY-MM-DD).
	Today string
	// KeepEmpty: an empty status or progress keeps the task's (a sheet
	// row, the command line; a status of done then means 100); else both
	// are required (the task page, the API).
	KeepEmpty bool
	// Units is the unit registry of the task's region (store.UnitBook):
	// the unit typed is resolved through it (市发改委 reads as
	// 市发展改革委) before it is checked against the task's, and one it
	// does not know is refused with the closest names. Every door sets
	// it; nil takes names as they are.
	Units *unitname.Book
	// Rhythm is the plan's reporting rhythm (PlanRhythm): an update dated
	// before the period it leaves open needs a reason. The zero value is
	// the default, monthly by the 5th.
	Rhythm Rhythm
}

// TargetOf is the target of an update on it: its status, progress, lead
// and supporting units. The door sets Today and KeepEmpty.
func TargetOf(it store.Item) UpdateTarget {
	t := UpdateTarget{ItemID: it.ID, Status: it.Status, Progress: it.Progress}
	for _, a := range it.Units {
		if a.Role == store.RoleLead {
			t.Lead = append(t.Lead, a.Unit)
		} else {
			t.Support = append(t.Support, a.Unit)
		}
	}
	return t
}

// CheckUpdate checks an update as typed against the rules every door
// shares and returns it as it is to be stored (ItemID, Unit, Date, Status,
// Progress, Note, Evidence; the door sets the rest), or what is wrong:
//
//   - status: a word ParseStatus knows;
//   - progress: 0 to 100 (60, 60%, 60.4 rounded);
//   - date: a calendar date (as ParseDate reads it), not after Today;
//     empty is Today;
//   - unit: empty (the task as a whole) or, as the unit registry
//     (t.Units) resolves it, one of its lead or supporting units;
//   - note: at most MaxNoteChars characters of text (CheckText), line
//     ends made \n;
//   - evidence: empty or an http(s) link of at most MaxEvidenceChars;
//   - reason: needed for an update dated before the reporting period
//     still open (补报) or bringing progress down (update_honest.go).
func CheckUpdate(f UpdateFields, t UpdateTarget) (store.Update, []Problem) {
	up := store.Update{ItemID: t.ItemID, Unit: strings.TrimSpace(f.Unit), Note: CleanText(f.Note),
		Evidence: strings.TrimSpace(f.Evidence)}
	var bad []Problem
	add := func(field, code, value, detail string) {
		bad = append(bad, Problem{Field: field, Code: code, Value: shown(value), Detail: detail})
	}
	status, progress := strings.TrimSpace(f.Status), strings.TrimSpace(f.Progress)
	switch code, err := ParseStatus(status); {
	case status == "" && t.KeepEmpty:
		up.Status = Reported(t.Status)
	case status == "":
		add(FieldStatus, "status_missing", "", "")
	case err != nil:
		add(FieldStatus, "status", status, err.Error())
	default:
		up.Status = code
	}
	switch n, ok := ParseProgress(progress); {
	case progress == "" && t.KeepEmpty && up.Status == StatusDone:
		up.Progress = 100
	case progress == "" && t.KeepEmpty:
		up.Progress = t.Progress
	case progress == "":
		add(FieldProgress, "progress_missing", "", "")
	case !ok:
		add(FieldProgress, "progress", progress, progress)
	default:
		up.Progress = n
	}
	if status == "" && up.Status == StatusNotStarted && up.Progress > 0 {
		// Progress reported on a task not started says it has started.
		up.Status = StatusInProgress
	}
	date := strings.TrimSpace(f.Date)
	switch d, ok := ParseDate(date); {
	case date == "":
		up.Date = t.Today
	case !ok:
		add(FieldDate, "date", date, date)
	case t.Today != "" && d > t.Today:
		add(FieldDate, "date_future", date, t.Today)
	default:
		up.Date = d
	}
	if up.Unit != "" && t.Units != nil {
		if e, err := t.Units.Resolve(up.Unit); err != nil {
			add(FieldUnit, "unit_unknown", up.Unit, unitReason(err))
		} else {
			up.Unit = e.Name
		}
	}
	if up.Unit != "" && !slices.Contains(t.Lead, up.Unit) && !slices.Contains(t.Support, up.Unit) &&
		!slices.ContainsFunc(bad, func(p Problem) bool { return p.Code == "unit_unknown" }) {
		add(FieldUnit, "unit", up.Unit, up.Unit)
	}
	if !slices.ContainsFunc(bad, func(p Problem) bool { return p.Field == FieldDate || p.Field == FieldProgress }) {
		checkHonest(&up, f, t, progress != "", add)
	}
	if code, detail := CheckText(up.Note, MaxNoteChars); code != "" {
		if code == "long" {
			code = "note"
		}
		add(FieldNote, code, up.Note, detail)
	}
	if up.Evidence != "" {
		e, err := url.Parse(up.Evidence)
		if code, _ := CheckText(up.Evidence, MaxEvidenceChars); code != "" || err != nil ||
			(e.Scheme != "http" && e.Scheme != "https") || e.Host == "" {
			add(FieldEvidence, "evidence", up.Evidence, "")
		}
	}
	return up, bad
}

// CheckName checks a name given at a door (a reporting unit, who
// reports): text of at most MaxNameChars, on one line.
func CheckName(field, s string) []Problem {
	code, detail := CheckText(s, MaxNameChars)
	if code == "" && strings.ContainsAny(s, "\n\t") {
		code, detail = "text", "换行或制表符"
	}
	if code == "" {
		return nil
	}
	return []Problem{{Field: field, Code: code, Value: shown(s), Detail: detail}}
}

// CheckObservation checks an observed figure as given at a door: the
// period as NormalizePeriod reads it (normalized in the result) and not
// begun after today (YYYY-MM-DD), the value a finite number, the source
// text of at most MaxSourceChars.
func CheckObservation(period string, value float64, source, today string) (string, []Problem) {
	var bad []Problem
	p, ok := NormalizePeriod(period)
	switch {
	case !ok:
		bad = append(bad, Problem{Field: FieldPeriod, Code: "period", Value: shown(period)})
	case today != "" && periodStart(p) > today:
		bad = append(bad, Problem{Field: FieldPeriod, Code: "period_future", Value: shown(period), Detail: today})
	}
	if math.IsNaN(value) || math.IsInf(value, 0) {
		bad = append(bad, Problem{Field: FieldValue, Code: "value", Value: strconv.FormatFloat(value, 'g', -1, 64)})
	}
	if code, detail := CheckText(source, MaxSourceChars); code != "" {
		bad = append(bad, Problem{Field: FieldSource, Code: code, Value: shown(source), Detail: detail})
	}
	return p, bad
}

// periodStart is the first day of a normalized period: 2023 → 2023-01-01,
// 2023-Q2 → 2023-04-01, 2023-06 → 2023-06-01.
func periodStart(p string) string {
	switch {
	case len(p) == 4:
		return p + "-01-01"
	case len(p) == 7 && p[5] == 'Q':
		q := int(p[6] - '0')
		return fmt.Sprintf("%s-%02d-01", p[:4], (q-1)*3+1)
	}
	return p + "-01"
}

// CleanText is typed text as it is stored: line ends made \n (a browser
// sends a textarea's as \r\n), spaces trimmed at both ends.
func CleanText(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.TrimSpace(strings.ReplaceAll(s, "\r", "\n"))
}

// CheckText checks text people typed against what no text may hold:
// bytes that are not UTF-8; NUL, which cuts a note short in some
// databases and tools; other control characters but tab and line feed,
// which drive terminals and break CSV; the direction overrides that make
// text read other than it is; and more than max characters. It returns
// "" when s is fine, else "text" or (too long) "long", with a detail: the
// character at fault (U+001B) or the count (2500 > 2000).
func CheckText(s string, max int) (code, detail string) {
	if !utf8.ValidString(s) {
		return "text", "无效的UTF-8编码"
	}
	for _, r := range s {
		if r == 0 {
			return "text", "空字符 NUL"
		}
		if unsafeRune(r) {
			return "text", fmt.Sprintf("U+%04X", r)
		}
	}
	if n := utf8.RuneCountInString(s); n > max {
		return "long", fmt.Sprintf("%d > %d", n, max)
	}
	return "", ""
}

// unsafeRune: a control character other than tab and line feed (C0, DEL,
// C1), or a bidirectional embedding, override or isolate.
func unsafeRune(r rune) bool {
	switch {
	case r == '\t' || r == '\n':
		return false
	case r < 0x20 || r >= 0x7f && r <= 0x9f:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	}
	return false
}

// ParseProgress reads a progress figure as amount.Percent reads a share:
// 60, 60%, 60％, 60.4 (rounded), 全覆盖 or 全部完成 (100), from 0 to 100.
// A sheet cell holding 0.6 shown as 60% is read as shown.
func ParseProgress(s string) (int, bool) {
	n, err := amount.Percent(s)
	return n, err == nil
}

// unitReason says in Chinese why the registry refused a unit's name.
func unitReason(err error) string {
	var ue *unitname.UnknownError
	var ae *unitname.AmbiguousError
	switch {
	case errors.As(err, &ue):
		return ue.Zh()
	case errors.As(err, &ae):
		return ae.Zh()
	}
	return err.Error()
}

// ParseDate reads a date as people write it (2024-03-31, 2024/3/31,
// 2024.3.31, 2024年3月31日, 20240331) and returns it as YYYY-MM-DD.
func ParseDate(s string) (string, bool) { return parseDate(s, "") }

// todayOr is today as YYYY-MM-DD when day is "".
func todayOr(day string) string {
	if day != "" {
		return day
	}
	return time.Now().Format(time.DateOnly)
}
