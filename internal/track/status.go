package track

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
)

// One status vocabulary, everywhere: the web app, the command line,
// sheets, reports, the API and alerts. A unit reports one of five
// statuses (the codes the store keeps); three more are computed from the
// task's dates, progress and approvals and never stored. StateOf (state.go)
// turns what was reported into the one status every view shows.
const (
	// Reported, and stored.
	StatusNotStarted = "not_started" // 未开始
	StatusInProgress = "in_progress" // 进行中
	StatusDone       = "done"        // 已完成
	StatusPaused     = "paused"      // 暂停
	StatusCancelled  = "cancelled"   // 取消
	// Computed.
	StatusBehind   = "behind"   // 滞后: progress trails 序时进度
	StatusOverdue  = "overdue"  // 逾期: past its deadline and not done
	StatusExtended = "extended" // 已延期: an approved new deadline holds
)

// stateOrder lists every status a view shows, in the order of a task's
// life, for menus, counts and report columns.
var stateOrder = []string{
	StatusNotStarted, StatusInProgress, StatusBehind, StatusOverdue, StatusExtended, StatusPaused, StatusCancelled, StatusDone,
}

// reportOrder lists the statuses a unit may report.
var reportOrder = []string{StatusNotStarted, StatusInProgress, StatusDone, StatusPaused, StatusCancelled}

var statusLabels = map[string]string{
	StatusNotStarted: "未开始",
	StatusInProgress: "进行中",
	StatusBehind:     "滞后",
	StatusOverdue:    "逾期",
	StatusExtended:   "已延期",
	StatusPaused:     "暂停",
	StatusCancelled:  "取消",
	StatusDone:       "已完成",
}

// statusAliases maps every accepted word, after fold, to the reported
// status it stands for. Offices write the same state many ways in 任务清单
// and 进展情况, and the words of the old vocabulary (未启动, 序时推进,
// 超序时, 进度缓慢, 已逾期 …) live on in their sheets. A word for what is
// computed — 滞后, 逾期, 已延期 — reports the task as under way: whether
// it is behind or overdue follows from its dates and progress, and only
// an approval (planwatch task extend) makes it 已延期.
var statusAliases = map[string]string{}

// derivedWords map the folded words that name a computed status, not a
// report, to that status: a sheet row holding one and nothing else
// reports nothing, and a filter (?status=进度缓慢) reads them as the
// status they name.
var derivedWords = map[string]string{}

func init() {
	add := func(code string, words ...string) {
		for _, w := range words {
			statusAliases[foldStatus(w)] = code
		}
	}
	for _, c := range reportOrder {
		add(c, c, statusLabels[c])
	}
	add(StatusNotStarted, "未启动", "尚未启动", "尚未开始", "未开展", "待启动", "未动工",
		"not started", "not-started", "notstarted", "pending", "todo")
	add(StatusInProgress, "推进中", "正常推进", "按序时推进", "序时推进", "序时", "正常", "按计划推进", "在建", "实施中", "已启动",
		"超序时", "超序时推进", "超前", "提前", "超进度", "提前完成序时",
		"on schedule", "on-schedule", "on track", "ontrack", "in progress", "ongoing", "normal", "ahead", "ahead of schedule",
		// Legacy codes the store kept before one vocabulary (migration 0102).
		"on_schedule", "delayed")
	add(StatusDone, "完成", "已办结", "办结", "完工", "已完工", "已建成", "建成", "全部完成",
		"completed", "complete", "finished", "closed")
	add(StatusPaused, "已暂停", "暂缓", "中止", "已中止", "暂停实施", "on hold", "on-hold", "suspended")
	add(StatusCancelled, "已取消", "撤销", "已撤销", "不再实施", "canceled", "dropped")
	derived := map[string][]string{
		StatusBehind: {"滞后", "进度缓慢", "落后", "序时滞后", "进度滞后", "缓慢", "滞后于序时", "behind", "late", "slow", "lagging",
			"behind schedule"},
		StatusOverdue:  {"逾期", "已逾期", "超期", "逾期未完成", "overdue"},
		StatusExtended: {"已延期", "延期", "extended", "postponed"},
	}
	for state, words := range derived {
		add(StatusInProgress, words...)
		for _, w := range words {
			derivedWords[foldStatus(w)] = state
		}
	}
}

// foldStatus trims and folds a status word: full-width forms to ASCII,
// inner spaces dropped for Chinese, ASCII lower-cased, so that "　已完成 "
// and "已 完成" and "DONE" all match.
func foldStatus(s string) string {
	var b strings.Builder
	lastSpace := false
	for _, r := range strings.TrimSpace(s) {
		r = widthFold(r)
		if unicode.IsSpace(r) {
			lastSpace = true
			continue
		}
		if lastSpace && b.Len() > 0 && r < 0x80 {
			// Keep a single space between English words ("on schedule").
			b.WriteByte(' ')
		}
		lastSpace = false
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// widthFold turns a full-width ASCII form (Ａ, １, ＿, the ideographic
// space) into its ASCII twin; other runes pass unchanged.
func widthFold(r rune) rune {
	switch {
	case r == '\u3000':
		return ' '
	case r >= 0xFF01 && r <= 0xFF5E:
		return r - 0xFEE0
	}
	return r
}

// Statuses returns every status a view shows, in the order of a task's
// life: 未开始, 进行中, 滞后, 逾期, 已延期, 暂停, 取消, 已完成.
func Statuses() []string { return slices.Clone(stateOrder) }

// ReportStatuses returns the statuses a unit reports: 未开始, 进行中,
// 已完成, 暂停, 取消.
func ReportStatuses() []string { return slices.Clone(reportOrder) }

// ParseStatus returns the reported status a word stands for: a code, a
// label, or one of the words offices use (进度缓慢, 已办结, 序时推进,
// 已逾期 …; see statusAliases). Spaces around it and full-width forms are
// ignored. The error lists the accepted words so that a person fixing a
// spreadsheet knows what to write.
func ParseStatus(s string) (string, error) {
	if code, ok := statusAliases[foldStatus(s)]; ok {
		return code, nil
	}
	var parts []string
	for _, c := range reportOrder {
		var words []string
		for w, code := range statusAliases {
			if code == c && w != c && w != statusLabels[c] && derivedWords[w] == "" && !strings.Contains(w, "_") {
				words = append(words, w)
			}
		}
		slices.Sort(words)
		parts = append(parts, fmt.Sprintf("%s %s (%s)", c, statusLabels[c], strings.Join(words, ", ")))
	}
	return "", fmt.Errorf("unknown status %q: accepted are %s; 滞后, 逾期 and 已延期 are worked out from the dates", strings.TrimSpace(s), strings.Join(parts, "; "))
}

// ParseState returns the status code a word names among every status a
// view shows (filters: ?status=逾期), computed ones included; ok false
// for a word that names none.
func ParseState(s string) (string, bool) {
	f := foldStatus(s)
	for _, c := range stateOrder {
		if f == c || f == statusLabels[c] {
			return c, true
		}
	}
	if state := derivedWords[f]; state != "" {
		return state, true
	}
	if f == "delayed" { // the old code, stored for tasks past their deadline
		return StatusOverdue, true
	}
	if code, ok := statusAliases[f]; ok {
		return code, true
	}
	return "", false
}

// IsDerived reports whether a word names a computed status (滞后, 逾期,
// 已延期 and their variants): as a sheet's 状态 it reports nothing on its
// own.
func IsDerived(s string) bool { return derivedWords[foldStatus(s)] != "" }

// StatusLabel returns the Chinese label of a status code, or the code
// itself when it is not a known one, so that odd stored values still show.
func StatusLabel(code string) string {
	if l, ok := statusLabels[code]; ok {
		return l
	}
	if c, ok := statusAliases[foldStatus(code)]; ok {
		return statusLabels[c]
	}
	return code
}
