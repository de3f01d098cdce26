package track

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
)

// The canonical statuses of an item. The codes are what the store keeps:
// they never change, while the Chinese labels follow the words offices use.
const (
	StatusNotStarted = "not_started" // 未启动
	StatusOnSchedule = "on_schedule" // 序时推进
	StatusAhead      = "ahead"       // 超序时
	StatusBehind     = "behind"      // 滞后 (进度缓慢)
	StatusDone       = "done"        // 已完成
	StatusDelayed    = "delayed"     // 已延期 (已逾期)
)

// statusOrder lists the codes in the order of a task's life, for menus and
// report columns.
var statusOrder = []string{
	StatusNotStarted, StatusOnSchedule, StatusAhead, StatusBehind, StatusDone, StatusDelayed,
}

var statusLabels = map[string]string{
	StatusNotStarted: "未启动",
	StatusOnSchedule: "序时推进",
	StatusAhead:      "超序时",
	StatusBehind:     "滞后",
	StatusDone:       "已完成",
	StatusDelayed:    "已延期",
}

// statusAliases maps every accepted word, after fold, to its code. Offices
// write the same state many ways in 任务清单 and 进展情况; 逾期 and 延期 are
// one status because trackers report them together (已逾期/已延期).
var statusAliases = map[string]string{}

func init() {
	add := func(code string, words ...string) {
		for _, w := range words {
			statusAliases[foldStatus(w)] = code
		}
	}
	for _, c := range statusOrder {
		add(c, c, statusLabels[c])
	}
	add(StatusNotStarted, "未开始", "尚未启动", "尚未开始", "未开展", "待启动",
		"not started", "not-started", "notstarted", "pending", "todo")
	add(StatusOnSchedule, "推进中", "正常推进", "按序时推进", "序时", "正常", "按计划推进",
		"进行中", "在建", "on schedule", "on-schedule", "on track", "ontrack",
		"in progress", "in_progress", "ongoing", "normal")
	add(StatusAhead, "超前", "提前", "超序时推进", "超进度", "提前完成序时", "ahead of schedule")
	add(StatusBehind, "进度缓慢", "滞后", "落后", "序时滞后", "进度滞后", "缓慢", "滞后于序时",
		"late", "slow", "lagging", "behind schedule")
	add(StatusDone, "完成", "已办结", "办结", "已完成", "完工", "已完工", "已建成", "建成",
		"completed", "complete", "finished", "closed")
	add(StatusDelayed, "逾期", "已逾期", "延期", "已延期", "超期", "逾期未完成",
		"overdue", "postponed", "extended")
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

// Statuses returns the canonical status codes in the order of a task's
// life: not started, on schedule, ahead, behind, done, delayed.
func Statuses() []string { return append([]string(nil), statusOrder...) }

// ParseStatus returns the canonical code of a status written as a code, a
// label or one of the words offices use (进度缓慢, 已办结, 按序时推进,
// overdue …). Spaces around it and full-width forms are ignored. The error
// lists the accepted words so that a person fixing a spreadsheet knows what
// to write.
func ParseStatus(s string) (string, error) {
	if code, ok := statusAliases[foldStatus(s)]; ok {
		return code, nil
	}
	var parts []string
	for _, c := range statusOrder {
		var words []string
		for w, code := range statusAliases {
			if code == c && w != c && w != statusLabels[c] {
				words = append(words, w)
			}
		}
		slices.Sort(words)
		parts = append(parts, fmt.Sprintf("%s %s (%s)", c, statusLabels[c], strings.Join(words, ", ")))
	}
	return "", fmt.Errorf("unknown status %q: accepted are %s", strings.TrimSpace(s), strings.Join(parts, "; "))
}

// StatusLabel returns the Chinese label of a status code, or the code
// itself when it is not a known one, so that odd stored values still show.
func StatusLabel(code string) string {
	if l, ok := statusLabels[code]; ok {
		return l
	}
	return code
}
