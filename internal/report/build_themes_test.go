package report

import (
	"testing"

	"planwatch/internal/store"
)

// TestThemes: a task's theme is its first-level heading, unless that
// heading only wraps themes (no task of its own, two or more sections
// with tasks), as 二、重点任务 wraps （一）…（六）.
func TestThemes(t *testing.T) {
	g := func(id, number, title string) store.Item {
		return store.Item{ID: id, Kind: store.KindGroup, Number: number, Title: title}
	}
	key := g("k", "二", "重点任务")
	s1, s2 := g("s1", "（一）", "共建科技创新共同体"), g("s2", "（二）", "共建先进制造业集群")
	safe := g("b", "三", "保障措施")
	theme := g("t", "一、", "推动产业创新")
	only := g("o", "（一）", "数字化转型")
	deep := g("d", "1.", "智能制造")
	cases := []struct {
		name   string
		chains [][]store.Item // every task's chain; the first is the one asked about
		want   string
	}{
		{"a wrapper's section", [][]store.Item{{key, s1}, {key, s2}, {safe}}, "共建科技创新共同体"},
		{"deeper headings name the section", [][]store.Item{{key, s1, deep}, {key, s2}}, "共建科技创新共同体"},
		{"a first-level heading holding tasks itself", [][]store.Item{{safe}, {key, s1}, {key, s2}}, "保障措施"},
		{"a first-level theme with one section", [][]store.Item{{theme, only}, {safe}}, "推动产业创新"},
		{"a part that holds a task of its own", [][]store.Item{{key, s1}, {key, s2}, {key}}, "重点任务"},
		{"no heading", [][]store.Item{{}, {key, s1}}, ""},
	}
	for _, c := range cases {
		if got := themeChooser(c.chains)(c.chains[0]).Title; got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
	for _, c := range []struct {
		g    store.Item
		want string
	}{
		{key, "二、重点任务"}, {s1, "（一）共建科技创新共同体"}, {theme, "一、推动产业创新"}, {deep, "1.智能制造"},
		{g("n", "3", "加强保障"), "3.加强保障"}, {g("x", "", "附件"), "附件"},
	} {
		if got := headingText(c.g); got != c.want {
			t.Errorf("headingText(%q, %q) = %q, want %q", c.g.Number, c.g.Title, got, c.want)
		}
	}
	if got := headingPath([]store.Item{key, s1}); got != "二、重点任务 › （一）共建科技创新共同体" {
		t.Errorf("headingPath = %q", got)
	}
}
