package extract

import "testing"

func TestMeta(t *testing.T) {
	tests := []struct {
		name, doc              string
		title, issued, number  string
		kind                   string
		periodStart, periodEnd int
	}{
		{
			name: "notice wrapping a plan",
			doc: "青溪市人民政府办公室关于印发《青溪市文旅融合发展三年行动计划（2024-2026年）》的通知\n" +
				"青政办发[2024] 07号\n各县（市、区）人民政府：\n现印发给你们，请认真贯彻执行。\n青溪市人民政府办公室\n2024年3月5日\n",
			title: "青溪市文旅融合发展三年行动计划（2024-2026年）", issued: "2024-03-05", number: "青政办发〔2024〕7号",
			kind: "行动计划", periodStart: 2024, periodEnd: 2026,
		},
		{
			name:  "web page with breadcrumb and labelled date",
			doc:   "首页 > 县区动态 > 全力打造区域消费中心城市\n发布日期：2023-07-18\n正文第一段内容比较长，讲述了很多事情，包括消费、投资和出口。\n",
			title: "全力打造区域消费中心城市", issued: "2023-07-18", kind: "文章",
		},
		{
			name:  "five-year plan in the title",
			doc:   "“十四五”数字乡村发展规划\n一、发展基础\n",
			title: "“十四五”数字乡村发展规划", kind: "规划", periodStart: 2021, periodEnd: 2025,
		},
		{
			name:  "letter-spaced title",
			doc:   "政 府 工 作 报 告\n——2023年1月10日在区第九届人民代表大会第二次会议上\n各位代表：\n",
			title: "政府工作报告", kind: "政府工作报告",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := []rune(tt.doc)
			m := readMeta(text, splitLines(text), "")
			if m.title != tt.title {
				t.Errorf("title = %q, want %q", m.title, tt.title)
			}
			if m.issued != tt.issued {
				t.Errorf("issued = %q, want %q", m.issued, tt.issued)
			}
			if m.docNumber != tt.number {
				t.Errorf("doc number = %q, want %q", m.docNumber, tt.number)
			}
			if m.kind != tt.kind {
				t.Errorf("kind = %q, want %q", m.kind, tt.kind)
			}
			if tt.periodStart != 0 && (m.period == nil || m.period.Start != tt.periodStart || m.period.End != tt.periodEnd) {
				t.Errorf("period = %+v, want %d-%d", m.period, tt.periodStart, tt.periodEnd)
			}
		})
	}
}
