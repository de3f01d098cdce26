package extract

import "testing"

func TestFrontMatter(t *testing.T) {
	tests := []struct {
		name, doc                string
		title, issuer, number    string
		written, published, kind string
		end                      int
	}{
		{
			name:  "yaml with fences",
			doc:   "---\ntitle: 青溪市数字经济三年行动计划\ndate: 2024-03-05\nissuer: 青溪市人民政府\ntags:\n- 数字经济\n---\n一、总体要求\n",
			title: "青溪市数字经济三年行动计划", issuer: "青溪市人民政府", published: "2024-03-05", end: 7,
		},
		{
			name:  "yaml without fences, as ingest leaves it",
			doc:   "标题: 关于印发《青溪市节水行动方案》的通知\n成文日期: 2023年6月1日\n文号: 青政办发[2023] 08号\n各县（市、区）人民政府：\n",
			title: "关于印发《青溪市节水行动方案》的通知", written: "2023-06-01", number: "青政办发〔2023〕8号", end: 3,
		},
		{
			name:  "toml",
			doc:   "+++\ntitle = \"青溪市养老服务办法\"\nkind = \"办法\"\n[extra]\ndraft = false\n+++\n第一条 为了规范养老服务。\n",
			title: "青溪市养老服务办法", kind: "办法", end: 6,
		},
		{
			name: "repository header, crawl date ignored",
			doc: "# 关于印发《青溪市算力行动方案》的通知\n**发布日期**: 2025-01-10\n**发布机构**: 青溪市科学技术委员会\n" +
				"**检索时间**: 2026-02-02 15:25:09\n**附件**:\n- [布局图.pdf](./布局图.pdf) (pdf)\n---\n青科〔2025〕5号\n",
			title: "关于印发《青溪市算力行动方案》的通知", issuer: "青溪市科学技术委员会", published: "2025-01-10", end: 7,
		},
		{
			name:  "repository header naming the file",
			doc:   "## 文档 ：青溪市北斗产业三年行动计划.md\n### 基本信息\n- **发布机构**：青溪市相关部门\n- **发布日期**：2021-2023年期间\n- **文件名称**：青溪市北斗产业三年行动计划（2021-2023年）\n附件\n",
			title: "青溪市北斗产业三年行动计划（2021-2023年）", end: 5,
		},
		{
			name: "a speech is not front matter",
			doc:  "各位代表：\n现在，我代表市人民政府向大会报告工作。\n",
		},
		{
			name: "one label alone is not front matter",
			doc:  "目标：到2025年建成示范区。\n一、总体要求\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := []rune(tt.doc)
			fm := readFrontMatter(text, splitLines(text))
			got := []string{fm.title, fm.issuer, fm.docNumber, fm.written, fm.published, fm.kind}
			want := []string{tt.title, tt.issuer, tt.number, tt.written, tt.published, tt.kind}
			for k := range got {
				if got[k] != want[k] {
					t.Errorf("field %d = %q, want %q", k, got[k], want[k])
				}
			}
			if fm.end != tt.end {
				t.Errorf("end = %d, want %d", fm.end, tt.end)
			}
		})
	}
}

func TestLabelPairs(t *testing.T) {
	tests := []struct {
		row  string
		want [][2]string
	}{
		{"**发布日期**: 2025-01-10", [][2]string{{"发布日期", "2025-01-10"}}},
		{"标  题：\t青溪市关于加快发展的意见", [][2]string{{"标题", "青溪市关于加快发展的意见"}}},
		{"发文机关：\t青溪市人民政府\t成文日期：\t2019年01月27日", [][2]string{{"发文机关", "青溪市人民政府"}, {"成文日期", "2019年01月27日"}}},
		{"发布日期：2023-11-07  浏览次数：-", [][2]string{{"发布日期", "2023-11-07"}, {"浏览次数", "-"}}},
		{"主 题 词：", [][2]string{{"主题词", ""}}},
		{"一、总体要求", nil},
	}
	for _, tt := range tests {
		got := labelPairs(tt.row)
		if len(got) != len(tt.want) {
			t.Errorf("%q: %q, want %q", tt.row, got, tt.want)
			continue
		}
		for k := range got {
			if got[k] != tt.want[k] {
				t.Errorf("%q: %q, want %q", tt.row, got, tt.want)
			}
		}
	}
}
