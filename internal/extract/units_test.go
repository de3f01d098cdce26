package extract

import (
	"strings"
	"testing"
)

func TestReadUnits(t *testing.T) {
	tests := []struct {
		name          string
		body          string
		firstLeads    bool
		lead, support string
	}{
		{"labelled lead and support", "建设平台。（牵头单位：市经信局、市通信办；配合单位：市发改委）", false, "市经信局、市通信办", "市发改委"},
		{"only responsible units lead", "完善制度。（责任单位：市大数据局、市财政局）", false, "市大数据局、市财政局", ""},
		{"responsible units beside a lead support", "推进改造。（牵头单位：市住建局；责任单位：各区政府）", false, "市住建局", "各区政府"},
		{"a 负责 clause", "加强监管。（市场监管总局、工业和信息化部负责）", false, "市场监管总局、工业和信息化部", ""},
		{"the first listed leads", "扩大就业。（人力资源社会保障部、财政部负责。列第一位者为牵头单位，下同）", false, "人力资源社会保障部", "财政部"},
		{"the document's rule for the first listed", "扩大就业。（人力资源社会保障部、财政部、教育部负责）", true, "人力资源社会保障部", "财政部、教育部"},
		{"会同 keeps the lead", "加大投入。（国家发展改革委、财政部会同有关部门负责）", false, "国家发展改革委、财政部", ""},
		{"由…牵头", "由市科委牵头，市教委配合，建立联席会议制度。", false, "市科委", "市教委"},
		{"A牵头，B配合 in a bracket", "推进试点。（市发展改革委牵头，市财政局、市税务局配合）", false, "市发展改革委", "市财政局、市税务局"},
		{"负责部门 label with another label", "放宽准入。（负责部门：人民银行，适用范围：自贸试验区）", false, "人民银行", ""},
		{"指导 and 负责落实", "开展试点。（生态环境部指导，试点城市政府负责落实）", false, "生态环境部、试点城市政府", ""},
		{"等 and a list of provinces", "推动消费帮扶。（农业农村部、商务部等和各有关省级人民政府负责）", false, "农业农村部、商务部、各有关省级人民政府", ""},
		{"a labelled line and a bracketed note on the first", "制定专项行动方案。\n责任单位：市发展改革委、市应急局、市水务局\n（排在第一为牵头单位，下同）\n完成时限：2022年2月底前", false, "市发展改革委", "市应急局、市水务局"},
		{"units as subjects of 负责 and 承担…职责 in the item's text", "明确部门职责。国家医保局承担制定试点方案的职责；各级卫生健康部门负责对医疗机构进行指导和监督；各省级药监部门要强化监督检查。", false, "国家医保局、各级卫生健康部门", ""},
		{"第一责任人", "保证回款。医疗机构作为药款结算第一责任人，应按合同规定与企业及时结算。", false, "医疗机构", ""},
		{"a subject without a word of responsibility is no unit", "加强监管。市场监管总局要会同有关部门加强监管。", false, "", ""},
		{"labels in 【】", "推进改革。【牵头单位】市科委【配合单位】市财政局、市人社局", false, "市科委", "市财政局、市人社局"},
		{"a bracket that names no unit", "提升能力（含县级医院）。", false, "", ""},
		{"a bracket of names alone", "推动示范应用。（市科委、市经济信息化委、相关区）", false, "市科委、市经济信息化委、相关区", ""},
		{"a bracket of words is no list of units", "建设平台（含实验室、研究院）。", false, "", ""},
		{"主责 and 协助 labels", "推进改革。（主责单位：市发展改革委；协助单位：市财政局）", false, "市发展改革委", "市财政局"},
		{"由…负责", "打造智慧政务。（由市政务服务局负责）", false, "市政务服务局", ""},
		{"按职责分工落实", "强化法治保障。（市司法局、市中级人民法院等按职责分工落实）", false, "市司法局、市中级人民法院", ""},
		{"A牵头 as a sentence of its own", "推进县域商业体系建设。市商务局牵头，市农业农村局、市供销社参与。", false, "市商务局", "市农业农村局、市供销社"},
		{"A牵头负责", "完善维权机制。市市场监管局牵头负责。", false, "市市场监管局", ""},
		{"由A会同B组织实施", "发展服务消费。由市发展改革委会同市商务局等部门组织实施。", false, "市发展改革委", "市商务局"},
		{"A牵头、B配合 joined by 、", "建设健身设施。（区文体局牵头、区住建局配合）", false, "区文体局", "区住建局"},
		{"a post is no unit", "排查易涝点。（分管副区长牵头，区水利局负责）", false, "区水利局", ""},
		{"posts before the lead", "储备物资。（区长负总责，分管副区长具体负责，区应急管理局牵头）", false, "区应急管理局", ""},
		{"words of manner before the role", "谋划项目。（区发改委统筹负责，区财政局支持配合）", false, "区发改委", "区财政局"},
		{"按分工负责", "强化保障。（区财政局、区税务局按分工负责）", false, "区财政局、区税务局", ""},
		{"由A会同B牵头", "加快审批。（由区行政审批局会同区住建局牵头）", false, "区行政审批局", "区住建局"},
		{"A为牵头单位，B为配合单位", "扩充学位。区教育局为牵头单位，区住建局为配合单位。", false, "区教育局", "区住建局"},
		{"负总责 leads", "加强校园安全。（区公安分局负总责，区教育局配合）", false, "区公安分局", "区教育局"},
		{"a bracketed category is no unit", "加强融资服务。新增贷款10亿元。\n序号 工作任务 牵头单位 配合单位（部门）", false, "", ""},
		{"a unit with its other name in brackets, in running text", "规范自媒体账号管理。区委宣传部（区网信办）负责。", false, "区委宣传部（区网信办）", ""},
		{"由 a unit with its other name 牵头", "以下任务均由区委宣传部（区网信办）牵头，区公安分局配合。", false, "区委宣传部（区网信办）", "区公安分局"},
		{"a bare 责任 label", "培育数据要素市场。建设数据交易平台。责任：市数据局、市财政局", false, "市数据局、市财政局", ""},
		{"a 责任 label in brackets", "培育数据要素市场。（责任：市数据局）", false, "市数据局", ""},
		{"责任主体 and 落实单位 labels outside brackets", "发展数字贸易。支持企业拓展服务出口。落实单位：市商务委、各区政府", false, "市商务委、各区政府", ""},
		{"承担牵头职责", "推进集团化办学。（区教育局承担牵头职责）", false, "区教育局", ""},
		{"a unit marked （牵头） in a list leads it", "加强人才培养。责任单位：市人社局（牵头）、市教育局。", false, "市人社局", "市教育局"},
		{"a mark in 〔〕 and names after a comma", "推进数字交通。责任单位：市交通运输局〔牵头〕，市公安局交警支队", false, "市交通运输局", "市公安局交警支队"},
		{"a note in 【】", "强化数据安全。【责任部门：市委网信办、市公安局】", false, "市委网信办、市公安局", ""},
		{"a labelled list that ends with its duty", "推广智能养老产品。责任单位：市经济信息化局、市民政局按职责分工负责。", false, "市经济信息化局、市民政局", ""},
		{"another field after a space ends the list", "发展首店经济。（责任单位：市商务局 完成时限：2024年9月）", false, "市商务局", ""},
		{"具体由A负责", "推动汽车消费。具体由市商务局负责，市公安局、市财政局配合。", false, "市商务局", "市公安局、市财政局"},
		{"A根据职责分工牵头推进", "促进家政服务消费。市人力资源社会保障局、市商务局根据职责分工牵头推进。", false, "市人力资源社会保障局、市商务局", ""},
		{"a person answerable is no unit", "加强涉企服务。\n牵头领导：王某某\n责任单位：区发展改革局", false, "区发展改革局", ""},
		{"A牵头负责 and units carrying it out", "推进一网通办。市政务服务局牵头负责，各区人民政府按职责分工落实。", false, "市政务服务局", "各区人民政府"},
		{"由A会同有关部门负责", "优化营商环境。由市政务服务局会同有关部门负责。", false, "市政务服务局", ""},
		{"a 牵头 that is no unit's", "建立由市长牵头的工作机制。", false, "", ""},
		{"A会同B组织实施 in a bracket", "安排用地指标。（自然资源部会同国家发展改革委组织实施）", false, "自然资源部", "国家发展改革委"},
		{"依职责 is no part of a name", "加强队伍建设。（人力资源社会保障部、教育部依职责负责）", false, "人力资源社会保障部、教育部", ""},
		{"参与部门 label", "推进试点示范。牵头部门：农业农村部。参与部门：财政部、自然资源部。", false, "农业农村部", "财政部、自然资源部"},
		{"由A负责 and a longer verb", "强化督促检查。由国务院督查室负责督促落实。", false, "国务院督查室", ""},
		{"由A、B分别负责", "完善基础设施配套。由区城管局、区水务局分别负责。", false, "区城管局、区水务局", ""},
		{"A负责…，B协助", "开展评价。区发展改革委负责组织开展年度评价，区统计局协助。", false, "区发展改革委", "区统计局"},
		{"labels set apart by a space", "培育集群。（牵头单位：市经济信息化局 配合单位：市科技局、市财政局）", false, "市经济信息化局", "市科技局、市财政局"},
		{"a note that the first listed leads, inside the bracket", "强化用地保障。（市规划和自然资源局、各区人民政府，列第一位的为牵头单位）", false, "市规划和自然资源局", "各区人民政府"},
		{"towns and streets as units", "加强用工服务。（区人社局，各镇街）", false, "区人社局、各镇街", ""},
		{"labels typed with ASCII colon and comma", "发展数字文旅。(牵头单位:市文化广电旅游局,配合单位:市商务局)", false, "市文化广电旅游局", "市商务局"},
		{"an unbracketed label with ASCII colon", "推进智慧城市建设。责任单位: 市住房城乡建设局, 市城管局", false, "市住房城乡建设局、市城管局", ""},
		{"a note in 〔〕", "推进数字政府建设。〔责任单位：市政务服务管理局〕", false, "市政务服务管理局", ""},
		{"a label written as a sentence", "强化融资服务。责任单位为区金融办、人民银行某区支行。", false, "区金融办、人民银行某区支行", ""},
		{"a lead that 牵头负责 beside units that carry it out", "优化营商环境。（市发展改革委牵头负责，各区政府、市有关部门按职责分工落实）", false, "市发展改革委", "各区政府、市有关部门"},
		{"labels of offices and of units that work with the lead", "推进教育改革。（责任处室：基教处；协作单位：各县区教育局）", false, "基教处", "各县区教育局"},
		{"a deadline in the note is no unit", "实施放管服改革。（责任单位：州司法局、州政务服务中心，6月底完成）", false, "州司法局、州政务服务中心", ""},
		{"主办 and 协办 as roles", "扩大消费。（区商务局主办，相关街道协办）", false, "区商务局", "相关街道"},
		{"what is done before 由 is no part of the unit", "推进老旧小区改造。完成改造小区20个，此项工作由市住建局负责。", false, "市住建局", ""},
		{"a lead that 总牵头", "深化改革。（市发改委总牵头，市财政局配合）", false, "市发改委", "市财政局"},
		{"a labelled unit on its own line keeps the divisions it adds in brackets", "推进乡村医疗。\n责任单位：县民政局、各镇（街道）", false, "县民政局、各镇（街道）", ""},
		{"a lead that 牵头抓总", "优化营商环境。（市政务服务局牵头抓总，市直各部门配合）", false, "市政务服务局", "市直各部门"},
		{"a name with a list in brackets is one name", "做好防疫。（责任单位：市卫生健康委等，各县（市、区）政府（管委会））", false, "市卫生健康委、各县（市、区）政府（管委会）", ""},
		{"parties after 等 support the units named before it", "加大财政支持。（财政部、人民银行等国务院相关部门及各地区按职责分工负责）", false, "财政部、人民银行", "国务院相关部门、各地区"},
		{"A等有关部门 keeps 有关部门 beside A", "强化金融服务。（税务总局等有关部门负责）", false, "税务总局", "有关部门"},
		{"names joined by 和 are two; 工业和信息化部 is one", "推进税费优惠。（国家发展改革委、工业和信息化部、财政部和人民银行按职责分工负责）", false, "国家发展改革委、工业和信息化部、财政部、人民银行", ""},
		{"a remark in the note is no unit", "发展消费。（文化和旅游部、银保监会负责。以下均需地方各级人民政府负责，不再列出）", false, "文化和旅游部、银保监会", ""},
		{"units that 分别牵头 each lead", "做好就业服务。（市人力社保局、市农业农村局分别牵头）", false, "市人力社保局、市农业农村局", ""},
		{"a note in ASCII square brackets, a name with its alias", "扩大消费。[牵头单位:县发改局(粮食局);配合单位:县商务局]", false, "县发改局(粮食局)", "县商务局"},
		{"ASCII commas between the clauses of 由A负责,B配合", "建设高标准农田,由县农业农村局负责,县水利局配合。", false, "县农业农村局", "县水利局"},
		{"a labelled list that states who leads", "推进老旧小区改造。（责任单位：县住建局牵头，各乡镇配合）", false, "县住建局", "各乡镇"},
		{"a labelled line whose units 分别牵头", "促进增收。\n责任单位：县人社局、县农业农村局分别牵头", false, "县人社局、县农业农村局", ""},
		{"部门分工 labels the units", "扩大有效投资。\n部门分工：县发改局牵头，县财政局配合。", false, "县发改局", "县财政局"},
		{"a labelled line keeps a bracket inside a name", "推进招商。\n责任单位：县商务局、各乡（镇、街道）政府", false, "县商务局、各乡（镇、街道）政府", ""},
		{"parties after 等 run on over the list; a bare 部门 is no one", "开放市场。（省商务厅、省农业农村厅等部门及各市、县级政府按职责分工负责）", false, "省商务厅、省农业农村厅", "各市、县级政府"},
		{"a bracket inside a name or title is no note of units", "加强宣传教育。把生态文明纳入各级党校（行政学院）教学计划，践行《行为规范（试行）》。", false, "", ""},
		{"a bracket inside a list of places is no note of units", "提升基层治理能力。引导乡镇（街道）、村（社区）加强防灾减灾设施建设。", false, "", ""},
		{"成员单位 support", "加强养老服务。\n牵头单位:区卫健委\n成员单位:区医保局、区民政局", false, "区卫健委", "区医保局、区民政局"},
		{"a call to work together names no one; a task force (专班) is a unit", "整治施工工地。牵头单位:区住建局。责任单位:区环保局、全区城管执法专班。各有关单位要密切配合,联合行动。", false, "区住建局", "区环保局、全区城管执法专班"},
		{"a comma ends the parties after 等: the units after it lead", "设立专项引导资金。(责任单位:市工信局、市财政局等有关部门,各县区人民政府、园区管委会)", false, "市工信局、市财政局、各县区人民政府、园区管委会", "有关部门"},
		{"a name wrapped before its bracket is joined", "强化培训。（责任单位：市委组织部、市委党校\n（行政学院））", false, "市委组织部、市委党校（行政学院）", ""},
		{"units before a comma share the next part's role", "强化宣传引导。（中央宣传部、体育总局，各省级人民政府按职责分工负责）", false, "中央宣传部、体育总局、各省级人民政府", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := readUnits(tt.body, tt.firstLeads)
			if got := strings.Join(n.lead, "、"); got != tt.lead {
				t.Errorf("lead = %q, want %q", got, tt.lead)
			}
			if got := strings.Join(n.support, "、"); got != tt.support {
				t.Errorf("support = %q, want %q", got, tt.support)
			}
		})
	}
}

func TestAttachUnitsCarry(t *testing.T) {
	tasks := []Task{
		{Title: "甲", Text: "做甲。（责任单位：市发改委，下同）"},
		{Title: "乙", Text: "做乙。"},
		{Title: "丙", Text: "做丙。（责任单位：市科委）"},
	}
	attachUnits("", tasks)
	for i, want := range []string{"市发改委", "市发改委", "市科委"} {
		if got := strings.Join(tasks[i].LeadUnits, "、"); got != want {
			t.Errorf("task %d lead = %q, want %q", i, got, want)
		}
	}
}

// 下同 carries a note's units until an item states its own, and only
// when the sentence it ends names them.
func TestAttachUnitsCarryEnds(t *testing.T) {
	tests := []struct {
		name string
		text []string
		want string
	}{
		{"an item's own note ends the carry", []string{"做甲。（责任单位：市发改委，下同）", "做乙。（责任单位：市科委）", "做丙。"}, "市发改委|市科委|"},
		{"下同 of the first-listed rule carries no units", []string{"做甲。（市发改委、市财政局负责。列第一位者为牵头单位，下同）", "做乙。"}, "市发改委|"},
		{"下同 closing the first-listed rule after a comma carries no units", []string{"做甲。（市人社局、市财政局负责，列第一位者为工作牵头单位或汇总单位，下同）", "做乙。"}, "市人社局|"},
		{"下同 of a remark after the units carries none", []string{"做甲。〔责任单位：省发改委。具体任务均涉及各市政府，不再分工，下同。〕", "做乙。"}, "省发改委|"},
		{"下同 after a stop carries the note it closes", []string{"做甲。（牵头单位：市商务局；配合单位：各街道。下同）", "做乙。"}, "市商务局|市商务局"},
		{"units and 下同 in one sentence carry", []string{"做甲。（市发改委、市财政局，下同）", "做乙。"}, "市发改委、市财政局|市发改委、市财政局"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var tasks []Task
			for _, x := range tt.text {
				tasks = append(tasks, Task{Title: x, Text: x})
			}
			attachUnits("", tasks)
			var got []string
			for _, tk := range tasks {
				got = append(got, strings.Join(tk.LeadUnits, "、"))
			}
			if g := strings.Join(got, "|"); g != tt.want {
				t.Errorf("leads = %s, want %s", g, tt.want)
			}
		})
	}
}

// A one-sentence item (its body empty) names its units in its title.
func TestAttachUnitsFromTitle(t *testing.T) {
	tasks := []Task{{Title: "由国土资源部会同农业部等部门负责落实耕地保护制度"}}
	attachUnits("", tasks)
	if got := strings.Join(tasks[0].LeadUnits, "、") + "|" + strings.Join(tasks[0].SupportUnits, "、"); got != "国土资源部|农业部" {
		t.Errorf("units = %s, want 国土资源部|农业部", got)
	}
}

// TestAllUnits: names of bodies, and words that only end as one does.
func TestAllUnits(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"市自然资源局", true},
		{"市发改委、市财政局", true},
		{"优化空间布局", false},
		{"构建新发展格局", false},
		{"服务全省大局", false},
	}
	for _, tt := range tests {
		if got := allUnits(tt.in); got != tt.want {
			t.Errorf("allUnits(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
