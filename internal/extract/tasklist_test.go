package extract

import (
	"strings"
	"testing"

	"planwatch/internal/ingest"
)

// TestTaskListGuidingColumn reads an annex table whose only unit column is
// 指导部门: its units lead the body tasks the rows match (DECISIONS 85).
func TestTaskListGuidingColumn(t *testing.T) {
	doc := "# 某市关于推广改革举措的通知\n\n## 一、主要任务\n\n（一）推行商标质押贷款模式。建立协商估值和坏账分担机制。\n\n" +
		"（二）设置科技创新专板。依托区域性股权市场设立专板。\n\n## 附件\n\n| 序号 | 改革举措 | 主要内容 | 指导部门 |\n|---|---|---|---|\n" +
		"| 1 | 推行商标质押贷款模式 | 建立协商估值机制 | 市知识产权局、市金融局 |\n| 2 | 设置科技创新专板 | 设立专板 | 市证监局 |\n"
	res := Extract(&ingest.Document{Name: "notice.md", Text: doc, Original: doc})
	want := map[string]string{"推行商标质押贷款模式": "市知识产权局、市金融局", "设置科技创新专板": "市证监局"}
	found := 0
	for _, tk := range res.Tasks {
		if w, ok := want[tk.Title]; ok {
			found++
			if got := strings.Join(tk.LeadUnits, "、"); got != w {
				t.Errorf("%s: lead units %q, want %q", tk.Title, got, w)
			}
		}
	}
	if found != len(want) {
		t.Errorf("found %d of the %d body tasks: %+v", found, len(want), res.Tasks)
	}
}
