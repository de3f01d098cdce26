package extract

import "testing"

func TestTitleHelpers(t *testing.T) {
	tests := []struct {
		name, in, want string
		fn             func(string) string
	}{
		{"letter spacing", "政 府 工 作 报 告", "政府工作报告", tidyTitle},
		{"two phrases keep their space", "中共中央 国务院关于做好春耕工作的意见", "中共中央 国务院关于做好春耕工作的意见", tidyTitle},
		{"PDF spaces by digits and quotes", "青溪市“ 1+N ”政策体系（ 2 0 2 2 — 2 0 3 0年）", "青溪市“1+N”政策体系（2022—2030年）", tidyTitle},
		{"Markdown bold and hashes", "## **青溪市养老服务办法**", "青溪市养老服务办法", tidyTitle},
		{"genre after years", "青溪市算力行动方案（2025-2027年）", "行动方案", kindSuffix},
		{"genre after status", "青溪市养老服务办法（试行）", "办法", kindSuffix},
		{"no genre", "青溪谋划数字经济新篇章", "", kindSuffix},
	}
	for _, tt := range tests {
		if got := tt.fn(tt.in); got != tt.want {
			t.Errorf("%s: %q → %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestWrappedTitle(t *testing.T) {
	tests := []struct {
		in, plan, issuer string
	}{
		{"青溪市人民政府办公室关于印发《青溪市节水行动方案（2024-2026年）》的通知", "青溪市节水行动方案（2024-2026年）", "青溪市人民政府办公室"},
		{"青溪市人民政府关于印发青溪市“十四五”生态环境保护规划的通知", "青溪市“十四五”生态环境保护规划", "青溪市人民政府"},
		{"青溪市人民政府印发关于加快绿色低碳发展的实施方案的通知", "关于加快绿色低碳发展的实施方案", "青溪市人民政府"},
		{"青溪市人民政府办公厅印发《关于支持科创走廊建设的若干措施》的通知", "关于支持科创走廊建设的若干措施", "青溪市人民政府办公厅"},
		{"青溪市人民政府关于开展城镇小区配套幼儿园治理工作的通知", "", ""},
		{"现将《青溪市节水行动方案》印发给你们，请认真贯彻执行。", "", ""},
	}
	for _, tt := range tests {
		plan, issuer, _ := wrappedTitle(tt.in)
		if plan != tt.plan || issuer != tt.issuer {
			t.Errorf("%q → %q, %q; want %q, %q", tt.in, plan, issuer, tt.plan, tt.issuer)
		}
	}
}

func TestBodyTitle(t *testing.T) {
	tests := []struct {
		name, doc, title string
	}{
		{"wrapped over lines, banner and number above", "青溪市人民政府文件\n青政发〔 2 0 2 1 〕 6 2号\n青溪市人民政府\n关于印发青溪市“十四五”生态环境\n保护规划的通知\n各县（区）人民政府：\n", "青溪市“十四五”生态环境保护规划"},
		{"headline not run into its subtitle", "以开路先锋的姿态 书写高分答卷\n在争创现代化先行省中彰显作为\n发布日期:2020-11-30\n", "以开路先锋的姿态 书写高分答卷"},
		{"attachment label is not the title", "附件\n青溪市生态文明建设“十四五”规划\n目录\n", "青溪市生态文明建设“十四五”规划"},
		{"breadcrumb's last part", "政务公开 > 县区动态 > 全力打造区域消费中心城市\n正文第一段内容比较长，讲述了很多事情，包括消费、投资和出口。\n", "全力打造区域消费中心城市"},
		{"title split before its bracket", "关于印发《青溪市绿色建筑与建筑节\n能发展规划》的通知\n青建〔2022〕4号\n", "青溪市绿色建筑与建筑节能发展规划"},
		{"a site's banner gives way to the document's title", "联系我们\n首页 | 市委 | 市政府\n青溪市总工程师研究会\n荣誉丰碑\n关于高水平建设人才生态最优市的40条意见\n为深入实施人才强市战略，现提出如下意见。\n", "关于高水平建设人才生态最优市的40条意见"},
		{"a cut heading gives way to the notice wrapped over blank lines", "《青溪省进一步支持民间投资\n\n青溪省人民政府办公厅关于印发青溪省\n\n进一步支持民间投资发展\n\n实施方案的通知\n\n青府办〔2030〕5号\n", "青溪省进一步支持民间投资发展实施方案"},
		{"a page's tabs and a channel's name above the title", "国内政策【切换】 国际政策\n\n政策前沿\n\n加快青溪市流通业发展实施意见\n\n发布人:某某  /  发布时间:2030-11-24 10:12:15\n\n为进一步深化流通业改革，制定本意见。\n", "加快青溪市流通业发展实施意见"},
		{"a channel's tag before the title on its line", "热线电话 :\n\n020-32068568\n\n政策解读 | 青溪省全民健身实施计划(2031-2035年)\n\n一、目标任务\n", "青溪省全民健身实施计划(2031-2035年)"},
		{"a counter and a price between a copy's title and its own", "某镇创建文明城市工作方案*\n\n90 人阅读 2030-05-22 9.00元(299 积分) 免费试读\n\n(仅供学习参考,切勿通篇使用)\n\n某镇2030年创建文明城市工作方案\n\n公共文明是城市的名片。\n", "某镇2030年创建文明城市工作方案"},
		{"released plan", "新华社北京12月14日电 近日，中共中央、国务院印发了《扩大内需战略规划纲要（2022－2035年）》。\n《扩大内需战略规划纲要（2022－2035年）》主要内容如下。\n一、规划背景\n", "扩大内需战略规划纲要（2022－2035年）"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := []rune(tt.doc)
			if m := readMeta(text, splitLines(text), ""); m.title != tt.title {
				t.Errorf("title = %q, want %q", m.title, tt.title)
			}
		})
	}
}
