package extract

import (
	"strconv"
	"testing"

	"planwatch/internal/ingest"
)

// fig is an expected figure: the indicator must share most characters with
// name; when is the year of a target or the period of an observation, 0
// for none.
type fig struct {
	name  string
	value float64
	unit  string
	when  int
}

// TestReading runs whole small documents, written for the test in the
// shapes real ones take, and checks which numbers become targets and
// which observations, with their years.
func TestReading(t *testing.T) {
	tests := []struct {
		name         string
		doc          string
		targets      []fig
		observations []fig
	}{
		{
			name:         "done as planned (已按计划) reports; the year range and the city are no part of the name",
			doc:          "某市2025年教育工作要点\n一、重点任务\n（一）扩充学位。2021-2023年我市已按计划新建中小学校40所。2025年新建中小学校10所。\n",
			targets:      []fig{{"新建中小学校", 10, "所", 2025}},
			observations: []fig{{"新建中小学校", 40, "所", 2023}},
		},
		{
			name:         "a count that only describes leaves its noun to the figure after it",
			doc:          "某省水生态环境保护规划\n第一章 现状与形势\n第一节 主要成效\n全省水环境质量明显改善。2020年，全省106个地表水国家考核断面水质优良比例为87.7%，无劣V类断面。\n",
			observations: []fig{{"地表水国家考核断面水质优良比例", 87.7, "%", 2020}},
		},
		{
			name: "a lead announcing a list dates the numbered items under it",
			doc: "某市城市更新行动方案(2024—2027年)\n一、主要目标\n到2025年，实现以下目标：\n1.老旧小区改造率达到80%。\n2.加装电梯300部。\n" +
				"二、重点任务\n（一）推进老旧小区改造。到2027年，完成改造120个。\n（二）加装电梯。年均加装电梯100部。\n",
			targets: []fig{{"老旧小区改造率", 80, "%", 2025}, {"加装电梯", 300, "部", 2025}, {"老旧小区改造", 120, "个", 2027}, {"年均加装电梯", 100, "部", 2027}},
		},
		{
			name: "a news page: a dated lead of goals dates the figures after it",
			doc: "某区人代会开幕\n本报讯（记者 某某）12月19日，某区十届人大二次会议开幕。\n" +
				"2030年，某区经济社会发展主要预期目标是：坚持稳中求进，各项指标稳居前列。\n" +
				"力争固定资产投资增幅16%以上，财政总收入达到20亿元。\n",
			targets: []fig{{"固定资产投资增幅", 16, "%", 2030}, {"财政总收入", 2000000000, "元", 2030}},
		},
		{
			name: "a news page: the year's works listed after a dated lead are planned",
			doc: "某市为民兴办10件实事\n本报记者 某某\n2月22日上午，市第十六届人民代表大会第三次会议开幕。\n" +
				"2030年，市委、市政府为民兴办10件实事：\n一是实施扩大教育资源项目，新建和改扩建幼儿园、中小学20所，新增学位1.4万个。\n" +
				"二是实施农村公路建设项目，新建农村公路300公里。\n",
			targets: []fig{{"为民兴办实事", 10, "件", 2030}, {"中小学", 20, "所", 2030}, {"新增学位", 14000, "个", 2030}, {"新建农村公路", 300, "公里", 2030}},
		},
		{
			name: "a news page announcing a year's works: its bare quantities are that year's",
			doc: "2030年某区政府为民办实事项目公布 发布时间:2030-01-18\n\n1月17日，区人代会票决出某区人民政府2030年为民办实事项目。\n\n2030年某区政府为民办实事项目\n\n" +
				"新增100张困难重残养护床位\n\n新增400个公共充电桩\n\n完成300户居家环境适老化改造\n",
			targets: []fig{{"困难重残养护床位", 100, "张", 2030}, {"公共充电桩", 400, "个", 2030}, {"居家环境适老化改造", 300, "户", 2030}},
		},
		{
			name: "a news page on a year's works done: its figures are observed",
			doc: "2030年某区为民办实事项目完成情况公布 发布时间:2031-01-18\n\n区政府公布了2030年为民办实事项目的完成情况。\n\n2030年某区为民办实事项目完成情况\n\n" +
				"新增100张困难重残养护床位\n\n新增400个公共充电桩\n",
			observations: []fig{{"困难重残养护床位", 100, "张", 0}, {"公共充电桩", 400, "个", 0}},
		},
		{
			name: "a mid-year report: how the goals went is observed in the year it speaks in",
			doc: "关于某区2030年上半年国民经济和社会发展计划执行情况的报告\n——2030年8月28日在区人大常委会会议上\n一、上半年计划执行情况\n（一）主要目标完成情况\n" +
				"上半年，全区实现地区生产总值412亿元，同比增长4.1%，低于目标1.4个百分点；社会消费品零售总额完成180亿元。\n",
			observations: []fig{{"地区生产总值", 41200000000, "元", 2030}, {"地区生产总值同比增长", 4.1, "%", 2030}, {"低于目标", 1.4, "个百分点", 2030}, {"社会消费品零售总额", 18000000000, "元", 2030}},
		},
		{
			name:         "计划生育 in a review names a policy, no plan",
			doc:          "政府工作报告\n——2031年1月15日在某县第九届人民代表大会第三次会议上\n一、2030年工作回顾\n全县新增城镇就业3200人，计划生育符合率96.5%。\n",
			observations: []fig{{"新增城镇就业", 3200, "人", 2030}, {"计划生育符合率", 96.5, "%", 2030}},
		},
		{
			name:    "a news page: the year called the last of a plan is this year, its goals that year's",
			doc:     "某区人代会开幕 区长作政府工作报告\n2030年是“十五五”规划收官之年。\n今年经济社会发展主要预期目标是：地区生产总值增长5.5%以上，城镇新增就业1.2万人。\n",
			targets: []fig{{"地区生产总值增长", 5.5, "%", 2030}, {"城镇新增就业", 12000, "人", 2030}},
		},
		{
			name:    "news of a report that names the year its goals are for",
			doc:     "县长在人代会上作政府工作报告\n报告提出了2030年发展的主要预期目标。\n地区生产总值增长7%左右，城镇新增就业5000人以上。\n",
			targets: []fig{{"地区生产总值增长", 7, "%", 2030}, {"城镇新增就业", 5000, "人", 2030}},
		},
		{
			name:    "an untitled text that sets out a year's work dates its goals and works that year",
			doc:     "根据上级工作要求，现对2030年全市生态环境工作作出如下安排。\n一、主要目标\n农村生活污水治理率达到60%。\n二、重点任务\n1.深入打好碧水保卫战。新建污水管网30公里。\n",
			targets: []fig{{"农村生活污水治理率", 60, "%", 2030}, {"新建污水管网", 30, "公里", 2030}},
		},
		{
			name:    "a news page: the clauses after 将 that open with the next action are planned too",
			doc:     "记者从县农业农村局获悉，今年我县农业发展计划已经确定。\n2030年，我县将新建高标准农田3万亩，新建生猪标准化养殖场6个，新增水产养殖面积1.5万亩。\n",
			targets: []fig{{"新建高标准农田", 30000, "亩", 2030}, {"新建生猪标准化养殖场", 6, "个", 2030}, {"新增水产养殖面积", 15000, "亩", 2030}},
		},
		{
			name:         "a goal's start value in its own year is what was then",
			doc:          "某市林业发展规划\n到2030年，全市森林覆盖率由2025年的40%提高到45%。\n",
			targets:      []fig{{"森林覆盖率", 45, "%", 2030}},
			observations: []fig{{"森林覆盖率", 40, "%", 2025}},
		},
		{
			name:    "推出 and 盘活 plan quantities too",
			doc:     "某区2030年营商环境行动方案\n一、提升线上服务\n1.推出8项“免申即享”服务事项。（责任单位：区政务服务中心）\n2.盘活闲置土地3000亩。（责任单位：区自然资源局）\n",
			targets: []fig{{"免申即享服务事项", 8, "项", 2030}, {"盘活闲置土地", 3000, "亩", 2030}},
		},
		{
			name: "years as a length of time, teaching hours, and who a count helps",
			doc: "某市教育发展行动计划（2030-2032年）\n\n一、主要目标\n到2032年，劳动年龄人口平均受教育年限达到11.5年，设备使用年限延长至8年。\n" +
				"二、重点任务\n1.提升服务。配送文艺指导不少于1800课时，帮助260名长期失业青年实现就业。\n",
			targets: []fig{{"平均受教育年限", 11.5, "年", 2032}, {"设备使用年限", 8, "年", 2032}, {"配送文艺指导", 1800, "课时", 2032}, {"长期失业青年", 260, "名", 2032}},
		},
		{
			name: "a news page on a plan just issued: its planned quantities are the plan's",
			doc: "某省文旅强省建设三年行动出台\n本报讯 记者从省政府获悉，该省实施《某省文化和旅游强省建设三年行动(2023—2025年)》。\n" +
				"《三年行动》提出，新增省级非遗代表性传承人500名，建设非遗工坊100个。\n“十四五”期间新改扩建普惠性幼儿园200所。\n",
			targets: []fig{{"省级非遗代表性传承人", 500, "名", 2025}, {"非遗工坊", 100, "个", 2025}, {"普惠性幼儿园", 200, "所", 2025}},
		},
		{
			name:    "a class of places with 及以上 is one subject",
			doc:     "某省生态环境保护规划（2030-2035年）\n\n一、主要目标\n到2035年，地级及以上城市空气质量优良天数比率达到93.8%。\n",
			targets: []fig{{"地级及以上城市空气质量优良天数比率", 93.8, "%", 2035}},
		},
		{
			name: "news of an undated report: the year its plan section names",
			doc: "市人大会议开幕 市长作政府工作报告\n上午9点，大会开幕。市长向大会作《政府工作报告》。\n" +
				"报告共分为三个部分：一、政府工作回顾；二、今后五年的主要任务；三、2030年政府工作重点。\n" +
				"市长在报告中说，2029年，全市生产总值3212.2亿元，增长8%。\n2030年全市经济社会发展主要预期目标为：生产总值增长7%左右。\n",
			targets:      []fig{{"生产总值增长", 7, "%", 2030}},
			observations: []fig{{"生产总值", 321220000000, "元", 2029}, {"生产总值增长", 8, "%", 2029}},
		},
		{
			name: "an item's number is no figure, 人才 no unit, and those funded are counted",
			doc: "某市人才集聚工程实施意见\n\n二、主要任务\n1.百人计划项目。每年选拔100名青年人才。\n" +
				"2.121人才梯队项目。到2030年，培养产生200名领军人才。\n3.资助计划。重点评选资助200名技能突出人才。\n",
			targets: []fig{{"青年人才", 100, "名", 0}, {"领军人才", 200, "名", 2030}, {"技能突出人才", 200, "名", 0}},
		},
		{
			name: "a paragraph's later sentence dates the goals listed after it; a list's label is no part of a name",
			doc: "某省科技创新行动计划\n\n一、总体目标\n以建设创新型省份为总体目标，推动创新发展。到2030年，主要科技创新指标实现“六个倍增”。\n" +
				"“六个倍增”——高新技术企业数量达到2000家，高新技术企业营业收入达到1600亿元。\n二、主要任务\n（一）建设实验室。\n（二）培育企业。\n",
			targets: []fig{{"高新技术企业数量", 2000, "家", 2030}, {"高新技术企业营业收入", 160000000000, "元", 2030}},
		},
		{
			name:    "N年内 counts from the year 起 names",
			doc:     "某市人才集聚工程实施意见\n\n一、主要目标\n2030年起5年内，全市人才资源总量达到100万人。\n",
			targets: []fig{{"人才资源总量", 1000000, "人", 2034}},
		},
		{
			name:    "a yearly plan signed late the year before: its 全年 is the plan's year",
			doc:     "2030年区政府工作报告重点任务分解\n\n一、2030年经济社会发展的主要预期目标\n全年地区生产总值增长5%左右。\n二、重点任务\n1.推进项目建设。\n2.扩大消费。\n\n某区人民政府\n2029年12月27日\n",
			targets: []fig{{"地区生产总值增长", 5, "%", 2030}},
		},
		{
			name:    "a five-year span still ahead of a news page commits its figures",
			doc:     "生态环境保护规划印发\n发布时间：2021-03-01\n记者获悉，“十四五”时期，单位GDP能源消耗降低13.5%。\n",
			targets: []fig{{"单位GDP能源消耗降低", 13.5, "%", 2025}},
		},
		{
			name:    "a bare list goes on with the planned quantity before it",
			doc:     "某镇发展特色产业\n记者获悉，全镇将发展山地鸡养殖大户10户，长毛兔养殖大户12户，特种水产养殖120亩。\n",
			targets: []fig{{"山地鸡养殖大户", 10, "户", 0}, {"长毛兔养殖大户", 12, "户", 0}, {"特种水产养殖", 120, "亩", 0}},
		},
		{
			name:         "a change from now to a deadline: the start is now's, the end the deadline's; no modal in a name",
			doc:          "某省林业发展规划\n发布时间：2021-03-01\n到2025年，全省森林覆盖率将从目前的23.04%提高到24.1%。\n",
			targets:      []fig{{"森林覆盖率", 24.1, "%", 2025}},
			observations: []fig{{"森林覆盖率", 23.04, "%", 2021}},
		},
		{
			name: "a work report: last year reviewed, this year committed",
			doc: "2026年某某市政府工作报告\n——2026年1月20日在某某市第十届人民代表大会第五次会议上\n" +
				"一、2025年工作回顾\n全年地区生产总值增长5.4%，城镇新增就业8.2万人。\n" +
				"二、2026年主要工作\n今年经济社会发展主要预期目标是：地区生产总值增长5%左右，城镇调查失业率控制在5.5%以内。\n" +
				"新建口袋公园40座，改造燃气老旧管网15公里。\n",
			targets: []fig{
				{"地区生产总值增长", 5, "%", 2026}, {"城镇调查失业率", 5.5, "%", 2026},
				{"口袋公园", 40, "座", 2026}, {"改造燃气老旧管网", 15, "公里", 2026},
			},
			observations: []fig{{"地区生产总值增长", 5.4, "%", 2025}, {"城镇新增就业", 82000, "人", 2025}},
		},
		{
			name: "a plan: planned quantities without a comparison word, year from the lead paragraph",
			doc: "某某市城市更新三年行动计划（2024-2026年）\n一、主要目标\n到2026年，完成以下目标：\n" +
				"（一）新建充电桩500个。\n（二）每年新增公交车200辆。\n二、重点任务\n（一）推进老旧小区改造\n三年累计改造老旧小区120个，引进300名高端人才。\n",
			targets: []fig{
				{"充电桩", 500, "个", 2026}, {"新增公交车", 200, "辆", 2026},
				{"改造老旧小区", 120, "个", 2026}, {"高端人才", 300, "名", 2026},
			},
		},
		{
			name: "a sentence opening a review makes the figures after it last year's",
			doc: "2026年某某市政府工作报告\n——2026年1月20日在某某市第十届人民代表大会第五次会议上\n" +
				"一、2026年的工作\n2026年是“十五五”开局之年，做好今年的工作至关重要。过去一年，我们的各项工作取得了很大成绩。" +
				"地区生产总值增长5.4%，城镇新增就业8.2万人。今年要确保地区生产总值增长5%左右。\n",
			targets:      []fig{{"地区生产总值增长", 5, "%", 2026}},
			observations: []fig{{"地区生产总值增长", 5.4, "%", 2025}, {"城镇新增就业", 82000, "人", 2025}},
		},
		{
			name: "a heading reviewing last year and naming this one reviews last year",
			doc: "2026年某某市政府工作报告\n——2026年1月20日在某某市第十届人民代表大会第五次会议上\n" +
				"一、2025年工作的回顾和2026年工作的基本方针\n全年粮食总产量达到120万吨，地区生产总值增长5.4%。\n",
			observations: []fig{{"粮食总产量", 1200000, "吨", 2025}, {"地区生产总值增长", 5.4, "%", 2025}},
		},
		{
			name: "ranges are kept as two bounds",
			doc:  "某某县行动方案（2023-2025年）\n到2025年，建成示范园8-10个，地区生产总值年均增长4.5%-5%。\n",
			targets: []fig{
				{"示范园", 8, "个", 2025}, {"示范园", 10, "个", 2025},
				{"地区生产总值年均增长", 4.5, "%", 2025}, {"地区生产总值年均增长", 5, "%", 2025},
			},
		},
		{
			name: "a review paragraph: a change from A to B reports B",
			doc: "某某市“十四五”规划\n一、发展基础\n“十三五”期间，森林覆盖率由58.2%提高到61.5%，" +
				"全市生产总值从2015年的3100亿元增长到2020年的4200亿元。\n",
			observations: []fig{
				{"森林覆盖率", 61.5, "%", 2020},
				{"全市生产总值", 3.1e11, "元", 2015}, {"全市生产总值", 4.2e11, "元", 2020},
			},
		},
		{
			name:    "a comparison's base year is not the period",
			doc:     "某某省节能方案\n到2025年，单位地区生产总值能耗比2020年下降14%。\n",
			targets: []fig{{"单位地区生产总值能耗比2020年下降", 14, "%", 2025}},
		},
		{
			name: "分别 hands each figure its subject",
			doc:  "某某区工作总结\n一、2023年工作回顾\n工业产值和税收分别增长12.5%、9.3%。\n",
			observations: []fig{
				{"工业产值增长", 12.5, "%", 2023}, {"税收增长", 9.3, "%", 2023},
			},
		},
		{
			name: "thresholds, subsidies, names and hypotheticals are no figures",
			doc: "某某市若干措施\n一、支持企业发展\n对总投资超50亿元的项目给予最高500万元奖励。推进G60科创走廊建设。" +
				"假如覆盖率能达到20%，成效将更明显。\n",
		},
		{
			name: "a review: the noun after the number names it; 由A整合至B reports B",
			doc: "某某省政府工作报告\n一、2025年工作回顾\n过去一年，省属一级企业由66户整合至12户。完成新建、重组11家全国重点实验室。" +
				"首期100亿元省级科技创新母基金投运。超过200家世界500强企业在本省设立分支机构。\n",
			observations: []fig{
				{"省属一级企业", 12, "户", 2025}, {"全国重点实验室", 11, "家", 2025},
				{"首期省级科技创新母基金", 1e10, "元", 2025}, {"世界500强企业在本省设立分支机构", 200, "家", 2025},
			},
		},
		{
			name: "a size that grades the noun counted; a level called low is no share",
			doc: "某某区政府工作报告\n二、2017年工作安排\n2017年，全面完成城区内178座10蒸吨及以下的各类燃煤小锅炉淘汰和清洁能源替代。" +
				"城镇登记失业率控制在3.9%的较低水平。\n",
			targets: []fig{{"燃煤小锅炉淘汰和清洁能源替代", 178, "座", 2017}, {"城镇登记失业率", 3.9, "%", 2017}},
		},
		{
			name: "a national review: a start value after 上年的 or a comma is no figure; counts of people keep 人",
			doc: "政府工作报告\n一、过去一年的工作\n2008年，城镇居民基本医疗保险试点城市由上年的88个增加到317个，参保人数增加7359万，总计达到1.17亿。" +
				"每吨钢的综合能耗，由上年的2.51吨煤，降低到2.28吨煤。\n二、今年的工作\n今年要全面完成规划支持的2.9万所乡镇卫生院建设任务，为3岁以下婴幼儿做生长发育检查。\n",
			targets: []fig{{"乡镇卫生院建设任务", 29000, "所", 2009}},
			observations: []fig{
				{"城镇居民基本医疗保险试点城市", 317, "个", 2008}, {"参保人数增加", 73590000, "人", 2008},
				{"参保人数总计", 117000000, "人", 2008}, {"每吨钢的综合能耗", 2.28, "吨煤", 2008},
			},
		},
		{
			name: "a work report's changes of a standard: the start value after a qualifier or 现行 is no figure; fractions are levels",
			doc: "2019年政府工作报告\n二、2019年政府工作任务\n今年将制造业等行业现行16%的税率降至13%。" +
				"将农村部分计划生育家庭奖励扶助标准由人均600元提高到720元。要坚决把文件压减三分之一以上，对拖欠企业的款项年底前要清偿一半以上。\n",
			targets: []fig{
				{"税率", 13, "%", 2019}, {"农村部分计划生育家庭奖励扶助标准", 720, "元", 2019},
				{"文件压减", 0.3333, "", 2019}, {"拖欠企业款项清偿", 0.5, "", 2019},
			},
		},
		{
			name: "examples before 等: a measure is no count of the list; the verb and class name it; 等 and more than were named is the whole set",
			doc: "某某省“十四五”水生态保护修复规划\n三、主要任务\n（一）恢复湿地。恢复甲湖国际重要湿地、乙湖国家湿地公园、丙湖湿地等天然湿地92.21平方公里，" +
				"建设丁湖湿地植物园、戊湖东岸湿地等人工湿地40.58平方公里。控制甲湖、乙湖、丙湖等30个重点湖库的综合营养状态。在甲区、乙区、丙区3个片区开展试点。\n",
			targets: []fig{
				{"恢复天然湿地", 92.21, "平方公里", 2025}, {"建设人工湿地", 40.58, "平方公里", 2025},
				{"重点湖库综合营养状态", 30, "个", 2025},
			},
		},
		{
			name:    "a count, a list comma, then another verb's figure: the count keeps its noun",
			doc:     "某省政府工作报告\n二、2026年重点工作\n推进2000个省级重点项目、完成投资9800亿元以上。\n",
			targets: []fig{{"省级重点项目", 2000, "个", 2026}, {"省级重点项目完成投资", 9.8e11, "元", 2026}},
		},
		{
			name: "verbs, a batch or a class before the counted noun leave the noun as the name",
			doc:  "某区政府工作报告\n二、2026年重点工作\n建成20个500千伏输变电工程，做优做强5个国家先进制造业集群，建好首批24个拔尖创新人才培养改革试点项目。\n",
			targets: []fig{
				{"500千伏输变电工程", 20, "个", 2026}, {"国家先进制造业集群", 5, "个", 2026}, {"拔尖创新人才培养改革试点项目", 24, "个", 2026},
			},
		},
		{
			name:         "a programme called 计划 in a review is no plan for the future",
			doc:          "2026年某省政府工作报告\n一、“十四五”时期发展成就和2025年工作回顾\n累计培育创新型企业1714家，47人入选科技领域国家重点人才计划。\n",
			observations: []fig{{"累计培育创新型企业", 1714, "家", 2025}, {"入选科技领域国家重点人才计划", 47, "人", 2025}},
		},
		{
			name: "a noun with a list in its middle and a value for each item",
			doc:  "某市政府工作报告\n二、2026年重点工作\n改造老旧供热、燃气、排水管网800公里、600公里、300公里。\n",
			targets: []fig{
				{"改造老旧供热管网", 800, "公里", 2026}, {"改造老旧燃气管网", 600, "公里", 2026}, {"改造老旧排水管网", 300, "公里", 2026},
			},
		},
		{
			name: "rules: a duty with a floor is a standard; a ratio's base and a class's bar are not figures",
			doc: "某某市居家养老服务管理办法\n第一条 为规范管理，制定本办法。\n" +
				"第二条 每个区应当单独设置至少1个区级综合养老服务中心，每处建筑面积不少于1000平方米。" +
				"街道应当按每5000名老年人配备1名工作人员，不足5000名的至少配备1名。\n第三条 本办法自2022年10月1日起施行。\n",
			targets: []fig{
				{"区级综合养老服务中心", 1, "个", 0}, {"区级综合养老服务中心建筑面积", 1000, "平方米", 0},
				{"配备工作人员", 1, "名", 0}, {"不足5000名的至少配备", 1, "名", 0},
			},
		},
		{
			name: "a heading of last year's main work and the five years' achievements is a review",
			doc: "2026年某某省政府工作报告\n——2026年1月14日在某某省第十四届人民代表大会第四次会议上\n" +
				"一、2025年主要工作和“十四五”发展成就\n（一）持续增进民生福祉。城镇新增就业115.8万人，城镇调查失业率4.6%。\n" +
				"二、2026年重点工作\n城镇新增就业100万人以上。\n",
			targets:      []fig{{"城镇新增就业", 1e6, "人", 2026}},
			observations: []fig{{"城镇新增就业", 1.158e6, "人", 2025}, {"城镇调查失业率", 4.6, "%", 2025}},
		},
		{
			name: "subjects listed before one measure share it and the value",
			doc:  "政府工作报告\n二、今年的工作\n今年二氧化硫、氮氧化物排放量要下降3%。\n",
			targets: []fig{
				{"二氧化硫排放量下降", 3, "%", 0}, {"氮氧化物排放量下降", 3, "%", 0},
			},
		},
		{
			name: "a list with 均 after an earlier figure of the sentence: one value for each subject",
			doc:  "政府工作报告\n二、2026年重点工作\n新建高标准农田20万亩，粮食、肉蛋奶、蔬菜产量均稳定在百万吨以上。\n",
			targets: []fig{
				{"新建高标准农田", 2e5, "亩", 2026}, {"粮食产量", 1e6, "吨", 2026}, {"肉蛋奶产量", 1e6, "吨", 2026}, {"蔬菜产量", 1e6, "吨", 2026},
			},
		},
		{
			name: "a part of the review whose heading has a word of the future stays in the review",
			doc: "2026年某某省政府工作报告\n一、“十四五”时期和2025年工作回顾\n（一）千方百计稳就业稳企业稳市场稳预期。城镇新增就业121.7万人。\n" +
				"二、2026年重点工作\n城镇新增就业110万人以上。\n",
			targets:      []fig{{"城镇新增就业", 1.1e6, "人", 2026}},
			observations: []fig{{"城镇新增就业", 1.217e6, "人", 2025}},
		},
		{
			name: "其中 divides the whole the figure before counted",
			doc:  "某某市生态环境保护规划\n一、“十三五”回顾\n2020年，全市安装污染源自动监控系统589套，其中废水455套、废气134套。\n",
			observations: []fig{
				{"污染源自动监控系统", 589, "套", 2020}, {"废水污染源自动监控系统", 455, "套", 2020}, {"废气污染源自动监控系统", 134, "套", 2020},
			},
		},
		{
			name: "an attribute with its own figure between a count and its noun",
			doc:  "某某市生态环境保护规划\n一、“十三五”回顾\n2020年，实施10个面积合计510亩的市级农用地土壤污染治理与修复试点。\n",
			observations: []fig{
				{"市级农用地土壤污染治理与修复试点", 10, "个", 2020}, {"市级农用地土壤污染治理与修复试点面积", 510, "亩", 2020},
			},
		},
		{
			name:    "work planned on what exists is no report of it",
			doc:     "某某市应急体系规划（2021—2025年）\n一、重点任务\n改扩建现有20个救灾物资储备库和35个综合仓库。\n",
			targets: []fig{{"救灾物资储备库", 20, "个", 2025}, {"综合仓库", 35, "个", 2025}},
		},
		{
			name: "争取 in a review is what was won",
			doc: "2026年某某省政府工作报告\n一、2025年工作回顾\n过去一年，争取中央预算内投资增长64.8%。\n" +
				"二、2026年重点工作\n争取中央预算内投资增长10%。\n",
			targets:      []fig{{"中央预算内投资增长", 10, "%", 2026}},
			observations: []fig{{"中央预算内投资增长", 64.8, "%", 2025}},
		},
		{
			name:    "对 and a scope before the number: the object after it names the figure; a size with 级 is a class",
			doc:     "某某省海洋生态环境保护规划\n一、主要目标\n到2025年，对全省3493个入海排污口进行分类整治，淘汰30万千瓦级燃煤机组。\n",
			targets: []fig{{"入海排污口进行分类整治", 3493, "个", 2025}},
		},
		{
			name:    "coverage commitments are 100 %",
			doc:     "某某县数字乡村实施方案\n到2025年，实现行政村5G网络全覆盖。\n",
			targets: []fig{{"行政村5G网络覆盖率", 100, "%", 2025}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := Extract(&ingest.Document{Name: "test", Text: tt.doc, Original: tt.doc})
			check := func(kind string, got []Quantity, want []fig) {
				if len(got) != len(want) {
					t.Errorf("%s: got %d, want %d:\n%s", kind, len(got), len(want), dump(got))
					return
				}
				for i, w := range want {
					g := got[i]
					when := 0
					switch {
					case g.Year != nil:
						when = *g.Year
					case g.Period != nil:
						when, _ = strconv.Atoi(*g.Period)
					}
					if g.Value != w.value || g.Unit != w.unit || when != w.when || dice(g.Indicator, w.name) < 0.6 {
						t.Errorf("%s %d = %s %v%s (%d), want %s %v%s (%d)", kind, i, g.Indicator, g.Value, g.Unit, when, w.name, w.value, w.unit, w.when)
					}
				}
			}
			check("targets", res.Targets, tt.targets)
			check("observations", res.Observations, tt.observations)
		})
	}
}

func dump(qs []Quantity) string {
	s := ""
	for _, q := range qs {
		s += "  " + q.Indicator + " " + strconv.FormatFloat(q.Value, 'g', -1, 64) + q.Unit + "\n"
	}
	return s
}
