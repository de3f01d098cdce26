package extract

import (
	"strings"
	"testing"

	"planwatch/internal/ingest"
)

// TestItems runs small documents in the shapes real plans take through
// the whole pipeline and checks which items become tasks (and, where the
// case says, their lead units).
func TestItems(t *testing.T) {
	tests := []struct {
		name, doc string
		units     bool
		want      string
	}{
		{"a section of 主要预期目标 holds goals, not tasks, whatever the work section is called", "某县2024年政府工作报告重点任务分工方案\n一、主要预期目标\n1.地区生产总值增长6%左右。(牵头单位:县发改局)\n2.一般公共预算收入增长5%。(牵头单位:县财政局)\n" +
			"二、重点抓好六方面工作\n3.新建5G基站200个。(牵头单位:县工信局)\n4.改造老旧小区12个。(牵头单位:县住建局)\n", true, "新建5G基站200个:县工信局|改造老旧小区12个:县住建局"},
		{"排在第一位的责任单位 leads", "某市措施\n一、重点任务\n（一）做甲。做甲甲。（市商务局、市文旅局负责，排在第一位的责任单位为牵头单位）\n（二）做乙。做乙乙。（市发改委、市财政局负责）\n", true, "做甲:市商务局|做乙:市发改委"},
		{"a group heading that names its lead unit gives it to the items; a leader's post gives none", "某县2024年政府工作报告任务清单\n一、县开发区管委会牵头工作（2项）\n1.建设标准化厂房2个。\n2.打造食用菌生产基地。\n" +
			"二、常务副县长牵头工作（2项）\n3.新建高标准农田1万亩。\n4.培育家庭农场50家。\n", true, "建设标准化厂房2个:县开发区管委会|打造食用菌生产基地:县开发区管委会|新建高标准农田1万亩:|培育家庭农场50家:"},
		{"paragraphs that open with their title in bold", "# 某区2025年优化营商环境工作要点\n\n## 一、重点工作\n\n**深化“一网通办”改革。**推动高频事项全程网办。（区数据局牵头）\n\n" +
			"**优化企业开办服务**：企业开办时间压缩至1个工作日。（区市场监管局牵头）\n\n**加强涉企信用修复**建立信用修复提醒机制。（区发改委牵头）\n\n## 二、保障措施\n\n加强督查考核。\n", true,
			"深化“一网通办”改革:区数据局|优化企业开办服务:区市场监管局|加强涉企信用修复:区发改委"},
		{"a labelled unit line under a top heading gives its items their lead", "某市2024年工作方案\n一、推进城市更新\n牵头单位：市住建局\n1.完成改造小区20个。\n2.加装电梯100部。\n" +
			"二、强化科技创新\n科技是第一生产力，由市科技局统筹推进。\n1.建设创新平台10个。\n2.培育高新技术企业50家。\n", true,
			"完成改造小区20个:市住建局|加装电梯100部:市住建局|建设创新平台10个:|培育高新技术企业50家:"},
		{"where items are paragraphs, one whose every paragraph opens with a two-clause summary gives them", "某市生态环境保护实施方案\n\n一、重点任务\n\n（一）优化城镇发展空间\n\n" +
			"优化新型城镇化空间布局。科学划定城镇开发边界，形成多中心、网格化、集约型城镇空间布局。\n\n提升城市“蓝绿”空间品质。推广集约紧凑的发展模式，建设城市绿道和公园。\n\n" +
			"（二）构建生态安全屏障\n\n深化完善主体功能分区，优化国土空间布局。以资源环境承载力和国土空间开发适宜性评价为基础。\n\n" +
			"严守生态底线，保持绿色发展定力。修订实施生态保护红线管理办法，严格生态空间管控。\n\n二、保障措施\n\n（一）加强组织领导\n", false,
			"优化新型城镇化空间布局|提升城市“蓝绿”空间品质|深化完善主体功能分区，优化国土空间布局|严守生态底线，保持绿色发展定力"},
		{"a statement (X是Y) leading a paragraph is no item; 三是 opening one still counts", "某市2025年政府工作报告\n\n三、2025年主要任务\n\n（一）深入推进重点领域改革\n\n" +
			"改革是推动发展的根本动力。必须以更大的决心和勇气推进改革，破除体制机制障碍。\n\n深化财税体制改革。完善预算管理制度，推进预算公开。\n\n深化价格改革。稳妥推进水价改革，完善阶梯价格制度。\n", false,
			"深化财税体制改革|深化价格改革"},
		{"a bare heading over （1） items that open with summaries groups them; one over details is the task", "某市生态环境保护规划\n\n三、主要任务\n\n（一）推动结构优化\n\n1.调整产业布局\n\n" +
			"（1）优化园区布局。落实管控要求，引导企业入园发展。\n\n（2）推动传统产业升级。加大传统产业绿色化改造力度。\n\n2.建设清洁能源体系\n\n" +
			"（1）控制煤炭消费总量。制定总量控制方案，推动煤炭消费尽早达峰。\n\n（2）推进清洁取暖改造。深化燃煤供暖设施清洁化改造。\n\n" +
			"3.加强扬尘管控。\n\n（1）建筑工地严格落实六个百分之百要求。\n\n（2）道路保洁机扫率逐年提高。\n\n四、保障措施\n\n（一）加强组织领导。各部门分工负责。\n", false,
			"优化园区布局|推动传统产业升级|控制煤炭消费总量|推进清洁取暖改造|加强扬尘管控"},
		{"items numbered 1） and ⑴", "某市数字经济行动方案\n二、重点任务\n（一）夯实数字基础\n1）加快5G网络建设。新建5G基站3000个。（牵头单位：市通信管理办）\n" +
			"2）建设算力中心。建成智能算力中心2个。（牵头单位：市发展改革委）\n（二）培育数据要素市场\n⑴建设数据交易平台。完善交易规则。\n⑵培育数据商。引进数据商20家。\n三、保障措施\n（一）加强组织领导。成立专班。\n", true,
			"加快5G网络建设:市通信管理办|建设算力中心:市发展改革委|建设数据交易平台:|培育数据商:"},
		{"paragraphs opening with a glyph bullet and no space", "某区科学技术局2025年工作要点\n\n一、重点工作\n（一）优化创新生态\n●深化科技金融结合。全年撬动社会资本不少于5亿元。\n●加强科技人才引育。引进高层次人才25名。\n二、保障措施\n", false,
			"深化科技金融结合|加强科技人才引育"},
		{"a counted item's units note is no part of its title", "某市优化营商环境行动方案\n\n一、重点任务\n\n（一）深化“一网通办”改革。推动高频事项全程网办。\n\n" +
			"（二）加强信用体系建设。一是建立信用修复提醒机制（市发改委负责）；二是推进信用承诺制（市市场监管局负责）。\n\n（三）提升跨境贸易便利化水平。压缩整体通关时间。\n", true,
			"深化“一网通办”改革:|建立信用修复提醒机制:市发改委|推进信用承诺制:市市场监管局|提升跨境贸易便利化水平:"},
		{"sibling task sections split by who leads hold one list", "某县2024年重点工作责任分解\n一、县长牵头重点工作\n1.新增规上工业企业20家。\n责任单位：县经信局\n2.深化“亩均论英雄”改革。\n责任单位：县经信局\n" +
			"二、常务副县长牵头重点工作\n1.完成垦造耕地2000亩。\n责任单位：县自然资源局\n2.改造老旧小区12个。\n责任单位：县住建局\n", true, "新增规上工业企业20家:县经信局|深化“亩均论英雄”改革:县经信局|完成垦造耕地2000亩:县自然资源局|改造老旧小区12个:县住建局"},
		{"a chapter on the situation holds no tasks; a pillar that meets a challenge is one", "某州“十四五”生态环境保护规划\n\n第一章 基础与形势\n第一节 面临的机遇\n一、政策红利逐步释放\n国家支持力度加大。\n二、治理能力明显提升\n监测网络日益完善。\n第二节 面临的挑战\n一、污染治理任务艰巨\n结构性问题突出。\n" +
			"第二章 推进大气污染防治\n第一节 深化工业污染治理\n推进超低排放改造。\n第二节 积极应对气候变化挑战\n控制温室气体排放。\n第三章 加强水污染防治\n第一节 保护饮用水水源\n开展水源地整治。\n第二节 治理城市黑臭水体\n建设截污管网。\n", false, "深化工业污染治理|积极应对气候变化挑战|保护饮用水水源|治理城市黑臭水体"},
		{"an annex restating the tasks' measures gives each its units; an item matching none gives none", "某市推进民生改善工作方案\n\n一、重点任务\n（一）实施就业促进工程。开展职业技能培训5万人次，新建家门口就业服务站100个，加强新就业群体权益保障。\n" +
			"（二）实施养老服务提升工程。完善县乡村三级养老服务网络，建成家庭养老床位2000张。\n（三）实施交通畅行工程。改造城市道路。\n\n附件\n\n2026年民生实事\n\n" +
			"1.开展职业技能培训5万人次，新建家门口就业服务站100个（牵头单位：市人社局）。\n2.建成家庭养老床位2000张，完善县乡村三级养老服务网络（牵头单位：市民政局）。\n3.为全市老年人免费体检（牵头单位：市卫健委）。\n", true, "实施就业促进工程:市人社局|实施养老服务提升工程:市民政局|实施交通畅行工程:"},
		{"a numbered item set in Markdown bold is a heading however long its line", "# 某市食品科技行动方案\n\n## 二、重点任务\n\n**（一）强化创新策源**\n\n" +
			"**1.突破关键核心技术。**聚焦合成生物、细胞培养等方向，实施一批攻关项目。（责任单位：市科委、市经济信息化委）\n\n" +
			"**2.建设创新平台。**支持建设重点实验室5个。（责任单位：市科委）\n", false, "突破关键核心技术|建设创新平台"},
		{"bulleted items that name their action are tasks, never joined to the line before", "# 某市关于推进未来产业发展的实施意见\n\n## 一、发展目标\n\n到2027年，未来产业规模突破500亿元。\n\n## 二、重点任务\n\n### （一）前瞻布局重点领域\n\n" +
			"- **发展人形机器人**：支持整机企业做大做强，培育骨干企业5家。\n- **发展量子科技**：建设量子计算平台。\n- **发展生物制造**：打造生物制造产业园。\n\n" +
			"### （二）强化创新支撑\n\n1. 建设概念验证中心。每年支持10个概念验证项目。\n2. 完善中试服务体系。\n3. 培育新型研发机构。\n\n## 三、保障措施\n\n加大资金支持。\n", false, "发展人形机器人|发展量子科技|发展生物制造|建设概念验证中心|完善中试服务体系|培育新型研发机构"},
		{"lead paragraphs after a box go on; the box's rows are none", "某市“十四五”新型储能发展实施方案\n\n一、重点任务\n（一）加大关键技术装备研发力度\n" +
			"推动多元化技术开发。开展钠离子电池、新型锂离子电池、铅炭电池等关键核心技术和装备的集成优化设计研究。\n" +
			"专栏1 新型储能核心技术装备攻关重点方向\n佛山市顺德德胜电厂储能调频项目\n宁德时代储能微网项目\n" +
			"创新智慧调控技术。集中攻关规模化储能系统集群智能协同控制关键技术，开展储能融合分布式新能源的协调优化运行技术研究。\n" +
			"（二）健全技术创新体系\n强化企业创新主体地位。支持企业牵头组建创新联合体，承担重大科技项目，开展关键核心技术攻关和成果转化。\n" +
			"完善创新服务体系。建设公共技术服务平台，提供检测认证、中试熟化和知识产权服务，降低企业创新成本。\n", false, "推动多元化技术开发|创新智慧调控技术|强化企业创新主体地位|完善创新服务体系"},
		{"a dash opens an item however short its body, or with none (1)", "某市2024年工作要点\n\n一、提升政务服务效能\n——推进一件事一次办。年内新增集成服务事项20项。\n——深化跨省通办。拓展通办事项范围。\n——优化惠企政策兑现。推行免申即享。\n二、加强要素保障\n——保障企业用地需求\n——强化金融服务\n", false, "推进一件事一次办|深化跨省通办|优化惠企政策兑现|保障企业用地需求|强化金融服务"},
		{"a dash opens an item however short its body, or with none (2)", "某市2024年工作要点\n\n一、提升政务服务效能\n——推进一件事一次办\n——深化跨省通办\n——优化惠企政策兑现\n二、加强要素保障\n——保障企业用地需求\n——强化金融服务\n", false, "推进一件事一次办|深化跨省通办|优化惠企政策兑现|保障企业用地需求|强化金融服务"},
		{"a pillar whose one part holds the items: the items are the tasks", "某市关于稳定就业的实施意见\n\n一、减负稳岗并举\n（一）减轻企业负担\n1.延续阶段性降低失业保险费率政策。（市人社局、市财政局负责）\n" +
			"2.落实残疾人就业保障金减免政策。（市残联负责）\n3.实施稳岗返还政策。（市人社局负责）\n", true, "延续阶段性降低失业保险费率政策:市人社局、市财政局|落实残疾人就业保障金减免政策:市残联|实施稳岗返还政策:市人社局"},
		{"a 实施细则 of numbered measures is a plan; one of articles is rules", "某市稳定经济增长的具体实施细则\n\n一、落实财税支持政策\n1.积极争取省级专项资金。支持中小微企业。〔市工信局、市财政局〕\n" +
			"2.成立工作专班。每年培育星级上云企业50家。〔市工信局〕\n二、强化金融支持\n3.加大信贷投放。〔人民银行某市中心支行〕\n", true, "积极争取省级专项资金:市工信局、市财政局|成立工作专班:市工信局|加大信贷投放:人民银行某市中心支行"},
		{"rules set out in articles hold no tasks", "某市养老服务实施细则\n\n第一章 总则\n第一条 为规范养老服务，制定本细则。\n第二条 本细则适用于本市。\n第二章 服务\n第三条 街道设置服务中心。\n", false, ""},
		{"a note on a top section's own line gives its items without one their units", "某区科技创新若干政策\n\n一、强化科技创新（区科技局牵头）\n（一）加强科创平台建设。支持建设实验室。\n（二）培育科技企业。支持企业发展。\n" +
			"二、扩大有效投资\n各部门要加大投入，区发改局负责统筹。\n（三）加快项目建设。推进重大项目。\n（四）强化要素保障。保障用地。（区自然资源局负责）\n", true, "加强科创平台建设:区科技局|培育科技企业:区科技局|加快项目建设:|强化要素保障:区自然资源局"},
		{"a label over the items (重点工作举措) is no task; its items are", "某省2030年卫生健康工作要点\n\n一、主要任务\n（一）实施全民健康促进行动\n1.主要目标指标\n到2030年，人均预期寿命达到80岁。\n2.重点工作举措\n（1）构建监测评价指标体系。\n（2）深化爱国卫生运动。\n" +
			"（二）推进医疗卫生服务体系建设\n1.主要目标指标\n到2030年，每千人口执业医师数达到3.5人。\n2.重点工作举措\n（1）推进国家医学中心建设。\n（2）加强县域医共体建设。\n", false, "构建监测评价指标体系|深化爱国卫生运动|推进国家医学中心建设|加强县域医共体建设"},
		{"a pillar that acts on the environment or the base of development is one", "某市关于促进家政服务提质扩容的实施意见\n\n一、扩大有效供给\n（一）培育龙头企业。支持连锁经营。\n（二）加强从业培训。开展岗前培训。\n" +
			"二、营造良好发展环境\n（三）完善信用体系。建立信用档案。\n（四）加强权益保障。规范劳动合同。\n三、夯实发展基础\n（五）建设服务平台。推行线上预约。\n", false, "培育龙头企业|加强从业培训|完善信用体系|加强权益保障|建设服务平台"},
		{"a pillar that sets out its aims (明确目标任务) is no section of the tasks", "某市关于加快养老服务发展的若干意见\n\n一、明确目标任务，促进养老服务发展\n1.发展目标。到2027年，护理型床位占比达到65%以上。\n2.推进居家社区养老服务。建设嵌入式服务设施。\n" +
			"二、健全服务网络\n3.完善三级养老服务网络。推动乡镇养老服务中心建设。\n4.加强养老人才队伍建设。开展职业技能培训。\n", false, "推进居家社区养老服务|完善三级养老服务网络|加强养老人才队伍建设"},
		{"a section of 工作内容 holds the tasks, not the closing 工作措施; a half-width ; ends a title", "某县重点项目攻坚方案\n\n一、工作目标\n到2030年，完成投资10亿元。\n二、工作内容\n（一）推进工业项目;实施项目13个。责任单位：县工信局\n（二）推进城建项目。实施项目5个。责任单位：县住建局\n" +
			"三、工作措施\n1、加强领导。成立协调小组。\n2、强化督查。定期通报进展。\n", true, "推进工业项目:县工信局|推进城建项目:县住建局"},
		{"a line naming who carries out the paragraph above is no heading; its units go to the item", "某市2030年政务公开工作要点实施方案\n\n一、以政务公开助力稳增长\n（一）加强预期引导\n围绕全市经济运行情况，及时宣传解读。\n市发改委牵头落实\n" +
			"加强财政政策信息公开，按月公开财政收支情况。\n市财政局牵头落实\n（二）加强就业政策公开\n及时公开就业创业扶持政策。\n市人社局牵头落实\n", true, "加强预期引导:市发改委、市财政局|加强就业政策公开:市人社局"},
		{"the title repeated over a body of one pillar", "沪府发〔2030〕1号\n\n某市人民政府关于做好就业创业工作的意见\n\n一、坚持就业优先\n（一）促进增长与就业联动。把就业作为宏观调控指标。\n" +
			"（二）推进产业调整与就业协同。发展吸纳就业能力强的产业。\n", false, "促进增长与就业联动|推进产业调整与就业协同"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			name := "test.txt"
			if strings.HasPrefix(tt.doc, "#") {
				name = "test.md"
			}
			res := Extract(&ingest.Document{Name: name, Text: tt.doc, Original: tt.doc})
			var got []string
			for _, tk := range res.Tasks {
				if tt.units {
					got = append(got, tk.Title+":"+strings.Join(tk.LeadUnits, "、"))
				} else {
					got = append(got, tk.Title)
				}
			}
			if g := strings.Join(got, "|"); g != tt.want {
				t.Errorf("tasks = %s\nwant    %s", g, tt.want)
			}
		})
	}
}

// An action on a topic that alone would be a safeguard (强化…监督管理,
// 完善支持政策) is a task; the bare topic is not.
func TestActionOnTopic(t *testing.T) {
	for _, tt := range []struct {
		title string
		want  bool
	}{
		{"（四）强化自然生态监督管理", true}, {"（二）完善支持政策", true}, {"第五章 监督管理", false},
		{"（三）完善保障机制", false}, {"（一）加强组织实施", false},
	} {
		if got := actionOnTopic(tt.title); got != tt.want {
			t.Errorf("actionOnTopic(%q) = %v, want %v", tt.title, got, tt.want)
		}
	}
}
