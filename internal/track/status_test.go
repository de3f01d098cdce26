package track

import (
	"strings"
	"testing"
)

func TestParseStatus(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"not_started", StatusNotStarted},
		{"未启动", StatusNotStarted},
		{"尚未启动", StatusNotStarted},
		{" 未开始 ", StatusNotStarted},
		{"序时推进", StatusOnSchedule},
		{"按序时推进", StatusOnSchedule},
		{"正常推进", StatusOnSchedule},
		{"推进中", StatusOnSchedule},
		{"序时", StatusOnSchedule},
		{"On Schedule", StatusOnSchedule},
		{"on  schedule", StatusOnSchedule},
		{"超序时", StatusAhead},
		{"超前", StatusAhead},
		{"提前", StatusAhead},
		{"ＡＨＥＡＤ", StatusAhead},
		{"进度缓慢", StatusBehind},
		{"滞后", StatusBehind},
		{"落后", StatusBehind},
		{"behind", StatusBehind},
		{"已完成", StatusDone},
		{"完成", StatusDone},
		{"已办结", StatusDone},
		{"\u3000已 完成\u3000", StatusDone},
		{"DONE", StatusDone},
		{"逾期", StatusDelayed},
		{"已逾期", StatusDelayed},
		{"延期", StatusDelayed},
		{"已延期", StatusDelayed},
		{"overdue", StatusDelayed},
	}
	for _, tt := range tests {
		got, err := ParseStatus(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseStatus(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
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
		for _, want := range []string{"未启动", "序时推进", "进度缓慢", "已办结", "已逾期", "done"} {
			if !strings.Contains(msg, want) {
				t.Errorf("ParseStatus(%q) error %q does not list %q", in, msg, want)
			}
		}
	}
}

func TestStatusLabel(t *testing.T) {
	tests := []struct{ code, want string }{
		{StatusNotStarted, "未启动"},
		{StatusOnSchedule, "序时推进"},
		{StatusAhead, "超序时"},
		{StatusBehind, "滞后"},
		{StatusDone, "已完成"},
		{StatusDelayed, "已延期"},
		{"odd", "odd"},
	}
	for _, tt := range tests {
		if got := StatusLabel(tt.code); got != tt.want {
			t.Errorf("StatusLabel(%q) = %q, want %q", tt.code, got, tt.want)
		}
	}
	if got := Statuses(); len(got) != 6 || got[0] != StatusNotStarted {
		t.Errorf("Statuses() = %v", got)
	}
	// Every code and label must parse back to itself.
	for _, c := range Statuses() {
		for _, w := range []string{c, StatusLabel(c)} {
			if got, err := ParseStatus(w); err != nil || got != c {
				t.Errorf("ParseStatus(%q) = %q, %v; want %q", w, got, err, c)
			}
		}
	}
}
