package extract

import (
	"strconv"
	"strings"
	"testing"
)

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
			name:  "a year's key tasks and a division of a report's tasks are task lists of that year",
			doc:   "某市2030年政府工作报告重点任务责任分工\n一、稳定经济增长\n1.扩大有效投资。实施重大项目120个。（牵头单位：市发展改革委）\n",
			title: "某市2030年政府工作报告重点任务责任分工", kind: "任务清单", periodStart: 2030, periodEnd: 2030,
		},
		{
			name:  "a year's aims and tasks",
			doc:   "某市2030年工作总体要求和目标任务\n2030年主要预期目标为：地区生产总值增长6%左右。\n",
			title: "某市2030年工作总体要求和目标任务", kind: "工作安排", periodStart: 2030, periodEnd: 2030,
		},
		{
			name:  "a five-year plan that states a shorter term",
			doc:   "某市数字经济发展“十四五”规划\n根据上级规划要求，制定本规划。规划期为2022—2025年。\n一、发展基础\n",
			title: "某市数字经济发展“十四五”规划", kind: "规划", periodStart: 2022, periodEnd: 2025,
		},
		{
			name:  "a year's work list names its year",
			doc:   "某区2024年重点工作任务分工方案\n为抓好落实，现将重点工作任务分工如下。\n一、推进产业园区扩容提质\n",
			title: "某区2024年重点工作任务分工方案", kind: "方案", periodStart: 2024, periodEnd: 2024,
		},
		{
			name:  "a year's work plan",
			doc:   "某区2025年推进城市更新工作方案\n一、工作目标\n完成城镇老旧小区改造40个。\n",
			title: "某区2025年推进城市更新工作方案", kind: "工作方案", periodStart: 2025, periodEnd: 2025,
		},
		{
			name:  "a deadline in a title is no period",
			doc:   "关于到2030年重点工作任务分工的意见\n一、推进产业园区扩容提质\n",
			title: "关于到2030年重点工作任务分工的意见", kind: "意见",
		},
		{
			name:  "web page with breadcrumb and labelled date",
			doc:   "首页 > 县区动态 > 全力打造区域消费中心城市\n发布日期：2023-07-18\n正文第一段内容比较长，讲述了很多事情，包括消费、投资和出口。\n",
			title: "全力打造区域消费中心城市", issued: "2023-07-18", kind: "文章",
		},
		{
			name: "a notice that closes with a date under its forwarding sentence",
			doc: "上饶市人民政府印发关于加快建立健全绿色低碳循环发展经济体系的实施方案的通知\n各县（市、区）人民政府：\n" +
				"现将《关于加快建立健全绿色低碳循环发展经济体系的实施方案》印发给你们，请结合实际认真贯彻执行。\n2022年3月27日\n（此件主动公开）\n" +
				"关于加快建立健全绿色低碳循环发展经济体系的实施方案\n一、重点任务\n推进工业绿色转型。\n",
			title: "关于加快建立健全绿色低碳循环发展经济体系的实施方案", issued: "2022-03-27", kind: "实施方案",
		},
		{
			name: "an unsigned plan dated by its 印发 line",
			doc: "某某自治区“十四五”生态环境保护规划\n第一章 发展基础\n“十三五”时期，生态环境质量明显改善。\n" +
				"第二章 保障措施\n加强组织领导。\n某某自治区生态环境厅办公室\t2022年3月30日印发\n",
			title: "某某自治区“十四五”生态环境保护规划", issued: "2022-03-30", kind: "规划", periodStart: 2021, periodEnd: 2025,
		},
		{
			name: "measures that state their term at the end",
			doc: "某某市关于支持生物医药产业发展的若干措施\n一、加强创新策源\n支持原始创新。\n" +
				"本措施自2025年4月1日起施行，有效期至2027年12月31日。\n",
			title: "某某市关于支持生物医药产业发展的若干措施", kind: "措施", periodStart: 2025, periodEnd: 2027,
		},
		{
			name: "measures in force from the day they are issued",
			doc: "某某区关于促进消费的若干措施\n一、培育消费场景\n打造特色街区。\n" +
				"本措施自印发之日起施行，有效期至2025年12月31日。\n某某区人民政府\n2024年5月8日\n",
			title: "某某区关于促进消费的若干措施", issued: "2024-05-08", kind: "措施", periodStart: 2024, periodEnd: 2025,
		},
		{
			name: "a site's record printed with each label above its value",
			doc: "索 引 号：\n\n000014349/2019-00004\n\n主题分类：\n\n卫生、体育\\卫生\n\n发文机关：\n\n国务院办公厅\n\n成文日期：\n\n2019 年 01 月 16 日\n\n" +
				"标    题：\n\n国务院办公厅关于加强三级公立医院绩效考核工作的意见\n\n发文字号：\n\n国办发〔2019〕4 号\n\n" +
				"各省、自治区、直辖市人民政府：\n为深化公立医院改革，现提出以下意见。\n一、总体要求\n坚持公益性。\n",
			title: "国务院办公厅关于加强三级公立医院绩效考核工作的意见", issued: "2019-01-16", number: "国办发〔2019〕4号", kind: "意见",
		},
		{
			name:  "a year's plan of economic and social development",
			doc:   "某县2025年国民经济和社会发展计划\n一、2025年主要目标\n全县地区生产总值同比增长6.5%。\n",
			title: "某县2025年国民经济和社会发展计划", kind: "计划", periodStart: 2025, periodEnd: 2025,
		},
		{
			name:  "a news article dated by its dateline",
			doc:   "某市召开重大项目推进会\n2025年3月5日讯 记者从市发改委获悉，今年全市计划完成重大项目投资500亿元。\n",
			title: "某市召开重大项目推进会", issued: "2025-03-05", kind: "新闻",
		},
		{
			name:  "a plan in traditional script: 計畫 reads 计画",
			doc:   "某市推动智慧城市发展行动计画（2024-2026年）\n一、发展目标\n建置智慧路灯5000盏。\n",
			title: "某市推动智慧城市发展行动计画（2024-2026年）", kind: "行动计划", periodStart: 2024, periodEnd: 2026,
		},
		{
			name:  "a list for one year named in the title",
			doc:   "某县2025年民生实事项目计划\n一、主要任务\n1.新建口袋公园40座。\n",
			title: "某县2025年民生实事项目计划", kind: "计划", periodStart: 2025, periodEnd: 2025,
		},
		{
			name:  "rules valid for five years",
			doc:   "某某市养老服务管理办法\n第一条 为规范管理，制定本办法。\n第二条 本办法自2022年10月1日起施行，有效期5年。\n",
			title: "某某市养老服务管理办法", kind: "办法", periodStart: 2022, periodEnd: 2027,
		},
		{
			name:  "five-year plan in the title",
			doc:   "“十四五”数字乡村发展规划\n一、发展基础\n",
			title: "“十四五”数字乡村发展规划", kind: "规划", periodStart: 2021, periodEnd: 2025,
		},
		{
			name:  "letter-spaced title",
			doc:   "政 府 工 作 报 告\n——2023年1月10日在区第九届人民代表大会第二次会议上\n各位代表：\n",
			title: "政府工作报告", issued: "2023-01-10", kind: "政府工作报告",
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

func TestMetaFields(t *testing.T) {
	tests := []struct {
		name, doc     string
		title, issued string
		kind          string
		year          int
		period        string // "start-end", "" for none
		issuers       string // joined with |
		region        string // GB/T 2260 code, "" for none
		bodyStart     int
	}{
		{
			name: "repository header above a notice: the plan's own title, the signature date",
			doc: "# 关于印发《青溪市算力行动方案（2025-2027年）》的通知\n**发布日期**: 2025-01-20\n**发布机构**: 青溪市科学技术委员会\n" +
				"**检索时间**: 2026-02-02 15:25:09\n青科〔2025〕5号\n各有关单位：\n现将《青溪市算力行动方案（2025-2027年）》印发给你们。\n" +
				"青溪市科学技术委员会\n2025年1月10日\n**青溪市算力行动方案（2025-2027年）**\n一、主要目标\n",
			title: "青溪市算力行动方案（2025-2027年）", issued: "2025-01-10", kind: "行动方案", year: 2025, period: "2025-2027",
			issuers: "青溪市科学技术委员会", bodyStart: 4,
		},
		{
			name:  "a work report's year in Chinese numerals in its title",
			doc:   "某县二〇二五年政府工作报告\n今年工作安排\n（一）扩大投资。全年完成固定资产投资150亿元以上。\n",
			title: "某县二〇二五年政府工作报告", kind: "政府工作报告", year: 2025, period: "2025-2025", bodyStart: -1,
		},
		{
			name:  "front matter only: its date, never the crawl date",
			doc:   "title: 青溪市养老服务若干措施\n检索时间: 2026-02-02\n发布日期: 2024-05-06\n一、加强保障\n",
			title: "青溪市养老服务若干措施", issued: "2024-05-06", kind: "措施", year: 2024, bodyStart: 3,
		},
		{
			name: "national work report without a title line",
			doc: "各位代表：\n现在，我代表国务院，向大会报告政府工作，请予审议。\n一、2018年工作回顾\n过去一年，浙江、广东等地经济增长较快，全国生产总值增长6.6%。\n" +
				"二、2019年经济社会发展总体部署\n",
			title: "2019年政府工作报告", kind: "政府工作报告", year: 2019, period: "2019-2019", issuers: "国务院", bodyStart: -1,
		},
		{
			name: "provincial report reposted: delivery date, not the posting date",
			doc: "您的位置:\n青海要闻\n2026年政府工作报告\n来源：青海日报\n2026-02-03 09:02:33\n" +
				"——2026年1月28日在青海省第十四届\n人民代表大会第四次会议上\n省长 张某\n各位代表：\n现在，我代表省人民政府，向大会报告工作，请予审议。\n",
			title: "2026年政府工作报告", issued: "2026-01-28", kind: "政府工作报告", year: 2026, period: "2026-2026",
			issuers: "青海省人民政府", region: "630000", bodyStart: -1,
		},
		{
			name:  "photo caption above the report's title",
			doc:   "政府工作报告。 青溪日报记者 李某 摄\n政府工作报告\n（2026年1月27日在贵州省第十四届人民代表大会第四次会议上）\n各位代表：\n",
			title: "政府工作报告", issued: "2026-01-27", kind: "政府工作报告", year: 2026, period: "2026-2026", region: "520000", bodyStart: -1,
		},
		{
			name: "government site's table: 成文日期 over 发布日期",
			doc: "索 引 号：\t000014349/2019-00007\t主题分类：\t市场监管\n发文机关：\t国务院\t成文日期：\t2019年01月27日\n" +
				"标  题：\t国务院关于加强市场监管的意见\n发文字号：\t国发〔2019〕5号\t发布日期：\t2019年02月15日\n主 题 词：\n" +
				"国务院关于加强市场监管的意见\n国发〔2019〕5号\n各省、自治区、直辖市人民政府：\n一、总体要求\n",
			title: "国务院关于加强市场监管的意见", issued: "2019-01-27", kind: "意见", year: 2019, issuers: "国务院", bodyStart: -1,
		},
		{
			name: "PDF layout: banner, wrapped notice title, spaced digits",
			doc: "青溪市人民政府文件\n青政发〔 2 0 2 1 〕 6 2号\n青溪市人民政府\n关于印发青溪市“十四五”生态环境\n保护规划的通知\n" +
				"各县（区）人民政府：\n现将《青溪市“十四五”生态环境保护规划》印发给你们。\n青溪市人民政府\n2 0 2 1年1 2月1 6日\n" +
				"青溪市“十四五”生态环境\n保护规划\n一、发展基础\n",
			title: "青溪市“十四五”生态环境保护规划", issued: "2021-12-16", kind: "规划", year: 2021, period: "2021-2025",
			issuers: "青溪市人民政府", bodyStart: -1,
		},
		{
			name:  "signature year lost by the PDF: the document number's year",
			doc:   "关于印发《青溪市节能方案》的通知\n青发改〔2022〕9号\n各有关单位：\n现印发给你们。\n青溪市发展和改革委员会\n年6\n月24\n日\n青溪市节能方案\n",
			title: "青溪市节能方案", issued: "2022-06-24", kind: "方案", year: 2022, issuers: "青溪市发展和改革委员会", bodyStart: -1,
		},
		{
			name: "a titleless notice sends its plan under a short name",
			doc: "各县区人民政府，市政府各部门：\n为贯彻落实有关意见，经市政府同意，现将《青溪市新旧动能转换分工落实方案》（以下简称《方案》）印发给你们，请认真贯彻实施。\n" +
				"1.建设绿色低碳高质量发展先行区。\n2.培育壮大新兴产业。\n",
			title: "青溪市新旧动能转换分工落实方案", kind: "方案", bodyStart: -1,
		},
		{
			name:  "three-year action from the year of issue",
			doc:   "青溪市文旅融合三年行动计划\n一、总体要求\n青溪市人民政府\n2024年3月5日\n",
			title: "青溪市文旅融合三年行动计划", issued: "2024-03-05", kind: "行动计划", year: 2024, period: "2024-2026", bodyStart: -1,
		},
		{
			name:  "yearly work points, fifteenth five-year plan",
			doc:   "青溪市2025年数字经济工作要点\n一、主要目标\n",
			title: "青溪市2025年数字经济工作要点", kind: "工作要点", year: 2025, period: "2025-2025", bodyStart: -1,
		},
		{
			name:  "十五五 plan",
			doc:   "青溪市“十五五”交通发展规划\n一、发展基础\n",
			title: "青溪市“十五五”交通发展规划", kind: "规划", year: 2026, period: "2026-2030", bodyStart: -1,
		},
		{
			name: "a site's record on one line; a notice on a work report's tasks is no report",
			doc: "您现在所在的位置: 网站首页> 政府信息公开首页\n索引号: 113417/202301-00044 组配分类: 年度重点工作\n" +
				"名称: 青溪县人民政府关于分解落实政府工作报告目标任务的通知 文号: 青政〔2030〕1号\n发布日期: 2030-01-30 08:56\n" +
				"青溪县人民政府关于分解落实政府工作报告目标任务的通知\n各乡镇人民政府：\n现将分解方案印发给你们。\n",
			title: "青溪县人民政府关于分解落实政府工作报告目标任务的通知", kind: "通知", year: 2030, bodyStart: -1, region: "",
		},
		{
			name:  "a title in brackets before and after, a posting's time line below",
			doc:   "(湖北省)青溪县人民政府工作报告(全文)\n公文搜 2030-07-27 17:55:08 政府报告\n各位代表：\n现在，我代表县人民政府向大会报告工作。\n",
			title: "(湖北省)青溪县人民政府工作报告(全文)", kind: "政府工作报告", bodyStart: -1, region: "420000",
		},
		{
			name:  "the place whose conditions the measures fit is their region",
			doc:   "关于进一步稳定经济增长的具体实施细则\n为深入贯彻落实省政府《若干政策措施》，结合淮安实际，制定本细则。\n一、落实财税支持政策\n",
			title: "关于进一步稳定经济增长的具体实施细则", kind: "细则", bodyStart: -1, region: "320800",
		},
		{
			name:  "news of a congress: the congress's place",
			doc:   "市十七届人大一次会议开幕\n湖州市第十七届人民代表大会代表名额为338名。\n上午9点，大会开幕。市长向大会作《政府工作报告》。\n",
			title: "市十七届人大一次会议开幕", kind: "文章", bodyStart: -1, region: "330500",
		},
		{
			name:  "a yearly breakdown whose title opens with its year",
			doc:   "2030年区政府工作报告重点任务分解\n\n一、重点任务\n1.推进项目建设。\n\n某区人民政府\n2029年12月27日\n",
			title: "2030年区政府工作报告重点任务分解", issued: "2029-12-27", kind: "任务清单", year: 2029, period: "2030-2030", bodyStart: -1,
		},
		{
			name:  "a site's record with its labels spaced out",
			doc:   "文    号 青政办〔2030〕1号\n分   类 政务公开 有 效 性 有效\n\n青溪区2030年重点工作任务分解方案\n\n一、重点工作\n1.推进医改。\n",
			title: "青溪区2030年重点工作任务分解方案", kind: "方案", year: 2030, period: "2030-2030", bodyStart: -1,
		},
		{
			name:  "news article: its byline date",
			doc:   "青溪谋划数字经济新篇章\n发布日期:2020-11-30 信息来源: 青溪日报\n记者从市发展改革委获悉，今年全市数字经济增长10%。\n",
			title: "青溪谋划数字经济新篇章", issued: "2020-11-30", kind: "新闻", year: 2020, bodyStart: -1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := []rune(tt.doc)
			m := readMeta(text, splitLines(text), "")
			period := ""
			if m.period != nil {
				period = strconv.Itoa(m.period.Start) + "-" + strconv.Itoa(m.period.End)
			}
			region := ""
			if r := docRegion(m.title, tt.doc, findPlaces(tt.doc), m); r != nil {
				region = r.Code
			}
			got := []string{m.title, m.issued, m.kind, strconv.Itoa(m.year), period, strings.Join(m.issuers, "|"), region}
			want := []string{tt.title, tt.issued, tt.kind, strconv.Itoa(tt.year), tt.period, tt.issuers, tt.region}
			for k, f := range []string{"title", "issued", "kind", "year", "period", "issuers", "region"} {
				if f == "issuers" && tt.issuers == "" {
					continue
				}
				if got[k] != want[k] {
					t.Errorf("%s = %q, want %q", f, got[k], want[k])
				}
			}
			if tt.bodyStart >= 0 && m.bodyStart != tt.bodyStart {
				t.Errorf("bodyStart = %d, want %d", m.bodyStart, tt.bodyStart)
			}
		})
	}
}

// A report on two years' plans is delivered in the first of them.
func TestReportYearOfTwoYears(t *testing.T) {
	text := []rune("关于1980、1981年国民经济计划安排的报告\n各位代表：\n1980年计划正在顺利执行。1981年是调整国民经济的重要一年。\n")
	lines := splitLines(text)
	m := &meta{title: "关于1980、1981年国民经济计划安排的报告", bodyStart: 1}
	if got := reportYear(text, lines, m); got != 1980 {
		t.Errorf("reportYear = %d, want 1980", got)
	}
}
