package track

import (
	"strings"
	"testing"
)

func TestParseStatus(t *testing.T) {
	tests := []struct {
		in      string
		want    string
		derived bool // a word for a computed status: it reports the task as under way
	}{
		{in: "not_started", want: StatusNotStarted},
		{in: "未开始", want: StatusNotStarted},
		{in: "未启动", want: StatusNotStarted},
		{in: "尚未启动", want: StatusNotStarted},
		{in: "进行中", want: StatusInProgress},
		{in: "序时推进", want: StatusInProgress},
		{in: "按序时推进", want: StatusInProgress},
		{in: "推进中", want: StatusInProgress},
		{in: "On Schedule", want: StatusInProgress},
		{in: "on  schedule", want: StatusInProgress},
		{in: "超序时", want: StatusInProgress},
		{in: "ＡＨＥＡＤ", want: StatusInProgress},
		{in: "进度缓慢", want: StatusInProgress, derived: true},
		{in: "滞后", want: StatusInProgress, derived: true},
		{in: "behind", want: StatusInProgress, derived: true},
		{in: "逾期", want: StatusInProgress, derived: true},
		{in: "已逾期", want: StatusInProgress, derived: true},
		{in: "已延期", want: StatusInProgress, derived: true},
		{in: "overdue", want: StatusInProgress, derived: true},
		{in: "delayed", want: StatusInProgress}, // the old stored code
		{in: "已完成", want: StatusDone},
		{in: "已办结", want: StatusDone},
		{in: "\u3000已 完成\u3000", want: StatusDone},
		{in: "DONE", want: StatusDone},
		{in: "暂停", want: StatusPaused},
		{in: "暂缓", want: StatusPaused},
		{in: "取消", want: StatusCancelled},
		{in: "已撤销", want: StatusCancelled},
	}
	for _, tt := range tests {
		got, err := ParseStatus(tt.in)
		if err != nil || got != tt.want || IsDerived(tt.in) != tt.derived {
			t.Errorf("ParseStatus(%q) = %q, %v, derived %v; want %q, derived %v", tt.in, got, err, IsDerived(tt.in), tt.want, tt.derived)
		}
	}
}

func TestParseStatusError(t *testing.T) {
	for _, in := range []string{"", "差不多", "half"} {
		_, err := ParseStatus(in)
		if err == nil {
			t.Errorf("ParseStatus(%q): no error", in)
			continue
		}
		msg := err.Error()
		for _, want := range []string{"未开始", "进行中", "未启动", "序时推进", "已办结", "暂停", "取消", "done", "逾期", "已延期"} {
			if !strings.Contains(msg, want) {
				t.Errorf("ParseStatus(%q) error %q does not name %q", in, msg, want)
			}
		}
	}
}

func TestParseState(t *testing.T) {
	for in, want := range map[string]string{"逾期": StatusOverdue, "overdue": StatusOverdue, "已逾期": StatusOverdue, "delayed": StatusOverdue,
		"已延期": StatusExtended, "extended": StatusExtended, "滞后": StatusBehind, "进行中": StatusInProgress, "on_schedule": StatusInProgress,
		"暂停": StatusPaused, "未启动": StatusNotStarted, "已办结": StatusDone} {
		if got, ok := ParseState(in); !ok || got != want {
			t.Errorf("ParseState(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	if _, ok := ParseState("差不多"); ok {
		t.Error("ParseState(差不多) accepted")
	}
}

func TestStatusLabel(t *testing.T) {
	tests := []struct{ code, want string }{
		{StatusNotStarted, "未开始"},
		{StatusInProgress, "进行中"},
		{StatusBehind, "滞后"},
		{StatusOverdue, "逾期"},
		{StatusExtended, "已延期"},
		{StatusPaused, "暂停"},
		{StatusCancelled, "取消"},
		{StatusDone, "已完成"},
		{"on_schedule", "进行中"}, // a stored code of the old vocabulary
		{"odd", "odd"},
	}
	for _, tt := range tests {
		if got := StatusLabel(tt.code); got != tt.want {
			t.Errorf("StatusLabel(%q) = %q, want %q", tt.code, got, tt.want)
		}
	}
	if got := Statuses(); len(got) != 8 || got[0] != StatusNotStarted {
		t.Errorf("Statuses() = %v", got)
	}
	// Every reported code and label parses back to itself; every status
	// a view shows parses as a filter.
	for _, c := range ReportStatuses() {
		for _, w := range []string{c, StatusLabel(c)} {
			if got, err := ParseStatus(w); err != nil || got != c {
				t.Errorf("ParseStatus(%q) = %q, %v; want %q", w, got, err, c)
			}
		}
	}
	for _, c := range Statuses() {
		for _, w := range []string{c, StatusLabel(c)} {
			if got, ok := ParseState(w); !ok || got != c {
				t.Errorf("ParseState(%q) = %q, %v; want %q", w, got, ok, c)
			}
		}
	}
}
