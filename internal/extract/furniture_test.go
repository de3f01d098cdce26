package extract

import (
	"strings"
	"testing"
)

func TestFurnitureLines(t *testing.T) {
	// Each line ends in | when it is furniture.
	tests := []struct {
		name, doc string
	}{
		{"page chrome around a news article", strings.Join([]string{
			"您的位置:|", "青溪要闻|", "青溪市加快建设数字经济高地", "来源：青溪日报|", "2026-02-03 09:02:33|",
			"【字号：大 中 小】 【打印】|", "市长张某作报告。本报记者 李某摄|", "今年，全市数字经济增加值增长8%。",
			"扫一扫在手机打开当前页|", "分享到微信|", "青溪市人民政府门户网站|", "2023年7月18日 星期二|",
		}, "\n")},
		{"a public-information row of spaced labels", strings.Join([]string{
			"公开方式 主动公开 公开范围 面向全社会|", "发布机构 区政府办公室 发文日期 2024-05-27|", "2024年十大民生实事项目出炉", "为办好民生实事，现将项目公布如下。",
		}, "\n")},
		{"label alone, value on the next line", strings.Join([]string{
			"青溪市加快建设数字经济高地", "发表时间：|", "2026-02-09 09:45:30|", "来源：|", "青溪日报客户端|",
			"阅读量：|", "政府工作报告", "各位代表：",
		}, "\n")},
		{"metadata table above a notice", strings.Join([]string{
			"索 引 号：\t000014349/2019-00007\t主题分类：\t市场监管|", "成文日期：\t2019年01月27日|",
			"主 题 词：|", "青溪市人民政府关于加快发展的意见", "青政发〔2019〕5号",
		}, "\n")},
		{"attachments, banners and notes of an official file", strings.Join([]string{
			"青溪市人民政府文件|", "青溪市人民政府关于印发行动计划的通知", "附件：重点任务清单.xlsx|",
			"img_0412.jpg (88 KB, 下载次数: 3)|", "（此件公开发布）|", "一、总体要求", "（一）指导思想",
			"青溪市人民政府办公室 2021年4月16日印发|",
		}, "\n")},
		{"licence footer and related links", strings.Join([]string{
			"一、加快发展", "全市生产总值增长5%左右。", "本作品是中华人民共和国的|", "法律|", "，属于|", "公有领域|", "Public domain|",
		}, "\n")},
		{"body lines that look like labels stay", strings.Join([]string{
			"青溪市全民健身实施计划", "一、工作安排", "（一）动员部署", "时间：2024年3月至4月，召开动员会。", "时间：2024年12月底前",
			"图书馆、文化馆全部免费开放。",
		}, "\n")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			raw := strings.Split(tt.doc, "\n")
			var b strings.Builder
			for k, l := range raw {
				if k > 0 {
					b.WriteByte('\n')
				}
				b.WriteString(strings.TrimSuffix(l, "|"))
			}
			text := []rune(b.String())
			ls := splitLines(text)
			got := furnitureLines(text, ls, 0, newLineCache(text, ls).at)
			for k, l := range raw {
				if want := strings.HasSuffix(l, "|"); got[k] != want {
					t.Errorf("line %d %q: furniture = %v, want %v", k, strings.TrimSuffix(l, "|"), got[k], want)
				}
			}
		})
	}
}
