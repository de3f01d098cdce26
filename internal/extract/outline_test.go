package extract

import (
	"strconv"
	"strings"
	"testing"
)

func TestMarker(t *testing.T) {
	tests := []struct{ in, kind string }{
		{"一、总体要求", kindHan},
		{"（三）发展目标", kindParHan},
		{"(三)发展目标", kindParHan},
		{"12.建设智慧港口。", kindArabic},
		{"3、完善政策", kindArabic},
		{"（2）加强监测", kindParArab},
		{"104.推进老旧小区改造", kindArabic}, // long task lists pass 99
		{"（120）加强监测", kindParArab},
		{"1000.建设", kindNone},
		{"100%完成", kindNone},
		{"②推进改造", kindCircled},
		{"第三章 重点任务", kindChapter},
		{"第二篇 建设现代化产业体系", kindPart},
		{"第五条 本办法所称", kindArticle},
		{"1.5%的增速", kindNone},
		{"2019年全市", kindNone},
		{"十四五期间", kindNone},
		{"——任务1：建设数据中心", kindTaskN},
		{"任务三、完善标准体系", kindTaskN},
		{"【任务2】推进改造", kindTag},
		{"【原文下载】", kindNone},
		{"⑶推进改造", kindParArab},
		{"1）加快5G网络建设", kindArabPar},
		{"12)建设算力中心", kindArabPar},
		{"2025）", kindNone},
	}
	for _, tt := range tests {
		if k, _ := marker(tt.in); k != tt.kind {
			t.Errorf("marker(%q) = %q, want %q", tt.in, k, tt.kind)
		}
	}
}

const samplePlan = `青溪市推进数字经济发展行动计划
一、总体要求
（一）指导思想
坚持创新驱动，推动数字经济和实体经济深度融合，为全市高质量发展提供有力支撑。
（二）发展目标
到2026年，全市数字经济核心产业增加值达到500亿元。
二、重点任务
（一）夯实数字基础
1.建设新型基础设施。加快千兆光网建设，推进算力中心布局。（牵头单位：市经信局、市通信办；配合单位：市发改委）
2.完善数据要素市场。建立公共数据开放平台。（责任单位：市大数据局）
（二）发展数字产业
3.培育软件产业。支持龙头企业做大做强。
（牵头单位：市经信局；配合单位：市科技局）
（1）招引软件企业。
（2）建设软件园区。
三、保障措施
（一）加强组织领导。成立领导小组，统筹推进各项工作。
`

func TestOutlineAndTasks(t *testing.T) {
	text := []rune(samplePlan)
	lines := splitLines(text)
	m := readMeta(text, lines, "")
	roots := buildOutline(newSource(text), lines, m.titleLine, m.title, nil)
	if len(roots) != 3 {
		t.Fatalf("got %d top-level headings, want 3", len(roots))
	}
	if roots[1].h.Title != "重点任务" || roots[1].h.Marker != "二、" || roots[1].h.Level != 1 {
		t.Errorf("second heading = %+v", roots[1].h)
	}
	if got := roots[1].children[0].children[0].h; got.Title != "建设新型基础设施" || got.Level != 3 {
		t.Errorf("first task heading = %+v", got)
	}
	tasks := findTasks(newSource(text), lines, roots, 0, "行动计划")
	attachUnits(string(text), tasks)
	want := "建设新型基础设施|完善数据要素市场|培育软件产业"
	if got := taskTitles(tasks); got != want {
		t.Fatalf("tasks = %s, want %s", got, want)
	}
	if got := strings.Join(tasks[0].LeadUnits, "、"); got != "市经信局、市通信办" {
		t.Errorf("lead units = %q", got)
	}
	if got := strings.Join(tasks[1].LeadUnits, "、"); got != "市大数据局" {
		t.Errorf("lead units where only 责任单位 is named = %q", got)
	}
	if got := strings.Join(tasks[2].LeadUnits, "、"); got != "市经信局" {
		t.Errorf("lead units on a line of their own = %q", got)
	}
	if got := strings.Join(tasks[0].SupportUnits, "、"); got != "市发改委" {
		t.Errorf("supporting units = %q", got)
	}
	if got := strings.Join(tasks[2].Path, "/"); got != "重点任务/发展数字产业" {
		t.Errorf("path = %q", got)
	}
	// The span points at the task in the text.
	if s := string(text[tasks[1].Span[0]:tasks[1].Span[1]]); !strings.Contains(s, "完善数据要素市场") {
		t.Errorf("span text = %q", s)
	}
}

func TestLeadSentenceTasks(t *testing.T) {
	long := "具体措施包括加强统筹协调、完善配套政策、强化要素保障和监督考核，确保各项工作落到实处、见到实效。"
	tests := []struct {
		name, doc, want string
	}{
		{
			name: "lead sentences under themes",
			doc: `以创新为引领，加快构建现代产业体系
依托区位优势，推动高端要素集聚，构建开放协同的产业格局，提升核心竞争力。
壮大先进制造业。聚焦高端装备和新材料，推进一批重大项目落地见效。
发展现代服务业。推动生产性服务业向专业化和价值链高端延伸。
以改革为动力，持续优化营商环境
深化放管服改革。推进政务服务一网通办，压缩审批时限。
`,
			want: "壮大先进制造业|发展现代服务业|深化放管服改革",
		},
		{
			name: "a section whose items lost their paragraph breaks",
			doc:  "一、工作回顾\n过去一年成绩显著。\n二、今年工作安排\n（一）扩大有效需求\n扩大消费。" + long + "优化投资结构。" + long + "\n（二）提升创新能力\n建设创新平台。" + long + "\n培育创新主体。支持企业牵头组建创新联合体。\n",
			want: "扩大消费|优化投资结构|建设创新平台|培育创新主体",
		},
		{
			name: "a closing remark (a thought, then 我们要) is no item",
			doc:  "一、工作回顾\n过去一年成绩显著。\n二、今年工作安排\n（一）推动经济稳定增长\n扩大有效投资。" + long + "\n市场是最稀缺的资源。我们要以强大国内市场为依托，赢得主动。\n（二）提升创新能力\n建设创新平台。" + long + "\n培育创新主体。" + long + "\n",
			want: "扩大有效投资|建设创新平台|培育创新主体",
		},
		{
			name: "items run together on their headings' lines, in every heading",
			doc: "一、工作回顾\n过去一年成绩显著。\n二、今年工作安排\n（一）推动经济稳定增长。稳住经济大盘，为全年工作打好基础。扩大有效投资。" + long + "提振居民消费。" + long + "\n" +
				"（二）提升创新能力。发挥创新引领作用。建设创新平台。" + long + "培育创新主体。" + long + "\n（三）深化改革开放。用改革激发活力。优化营商环境。" + long + "扩大高水平开放。" + long + "\n",
			want: "扩大有效投资|提振居民消费|建设创新平台|培育创新主体|优化营商环境|扩大高水平开放",
		},
		{
			name: "items counted on the heading's own line",
			doc:  "一、工作回顾\n过去一年成绩显著。\n二、今年工作安排\n（一）坚持生态优先。一要加强生态保护修复。" + long + "二要深入打好污染防治攻坚战。" + long + "\n（二）提升创新能力\n建设创新平台。" + long + "\n培育创新主体。" + long + "\n",
			want: "加强生态保护修复|深入打好污染防治攻坚战|建设创新平台|培育创新主体",
		},
		{
			name: "a speech's 要X，Y sentences under the one forward section",
			doc:  "一、过去五年工作回顾\n成绩显著。\n二、对今年工作的建议\n（一）促进经济发展\n要大力推进转变发展方式，加快产业结构调整。" + long + "\n要继续实施区域发展战略，促进区域协调发展。" + long + "\n（二）保障改善民生\n千方百计扩大就业。" + long + "\n完善社会保障制度。" + long + "\n我国是统一的多民族国家。" + long + "\n",
			want: "大力推进转变发展方式，加快产业结构调整|继续实施区域发展战略，促进区域协调发展|千方百计扩大就业|完善社会保障制度",
		},
		{
			name: "a summary sentence on its own line over its body",
			doc:  "一、去年工作回顾\n成绩显著。\n二、今年主要工作\n（一）聚力促进更高水平开放\n推动政策红利加速释放。\n" + long + "\n稳步扩大制度型开放。\n推进规则、规制、管理、标准等制度型开放，加强知识产权保护和数据跨境流动管理。\n（二）聚力释放有效需求\n大力提振消费。\n" + long + "\n",
			want: "推动政策红利加速释放|稳步扩大制度型开放|大力提振消费",
		},
		{
			name: "numbered items over lead paragraphs, and paragraphs above a box",
			doc:  "三、主要任务\n（一）强化精准治污\n1.实施陆源污染综合整治\n严格控制污染物排海总量。推行入海污染物总量控制制度，建立交接机制。\n强化工业废水收集处理。实施沿海工业园区污染物排放限值限量管理，加快实施一园一档。\n2.严格控制海上污染源\n实施港口船舶污染综合治理。" + long + "\n（二）巩固提升饮用水安全\n稳步推进水源全面达标。以县级及以上城市集中式水源地为重点，加快规范化建设。\n加强饮用水水源地环境监管。完善水源保护区划定，设置标志标识和警示牌，开展执法检查。\n专栏1 饮用水水源保护重点工程\n完成水源地规范化建设。\n四、保障措施\n加强组织领导。\n",
			want: "严格控制污染物排海总量|强化工业废水收集处理|实施港口船舶污染综合治理|稳步推进水源全面达标|加强饮用水水源地环境监管",
		},
		{
			name: "一是 items under a summary sentence, the count running across paragraphs",
			doc:  "一、去年工作回顾\n成绩显著。\n二、今年主要任务\n（一）扩大国内需求\n实施积极的财政政策。一是大幅度增加政府支出，这是扩大内需最直接的措施。" + long + "\n" + long + "\n二是实行结构性减税。" + long + "严格控制高耗能行业贷款。三是进一步理顺政策传导机制，保证资金渠道畅通。" + long + "\n（二）保障改善民生\n千方百计扩大就业。" + long + "\n完善社会保障制度。扩大社会保险覆盖面。" + long + "\n",
			want: "大幅度增加政府支出|实行结构性减税|进一步理顺政策传导机制，保证资金渠道畅通|千方百计扩大就业|完善社会保障制度",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text, _ := reflow([]rune(tt.doc))
			lines := splitLines(text)
			roots := buildOutline(newSource(text), lines, -1, "", nil)
			tasks := findTasks(newSource(text), lines, roots, 2026, "政府工作报告")
			if got := taskTitles(tasks); got != tt.want {
				t.Errorf("tasks = %s\nwant    %s", got, tt.want)
			}
		})
	}
}

func TestJoinMarkupBreaks(t *testing.T) {
	tests := []struct{ in, want string }{
		{"一是\n认真完善分业经营体制。", "一是 认真完善分业经营体制。"},
		{"依法实施《\n证券法\n》，规范证券市场。", "依法实施《 证券法 》，规范证券市场。"},
		{"一是加强监管。\n二是完善制度。", "一是加强监管。\n二是完善制度。"},
		{"（一）\n进一步创造良好的经济环境。", "（一） 进一步创造良好的经济环境。"},
	}
	for _, tt := range tests {
		if got := string(joinMarkupBreaks([]rune(tt.in))); got != tt.want {
			t.Errorf("joinMarkupBreaks(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestItemNumberBeforeDigits: after item 10, "11.121人才梯队" is item 11
// whose title starts with a programme's name, not the number 11.121.
func TestItemNumberBeforeDigits(t *testing.T) {
	var b strings.Builder
	b.WriteString("某某市人才发展行动计划\n二、重点任务\n")
	for i := 1; i <= 10; i++ {
		b.WriteString(strconv.Itoa(i) + ".推进第" + strconv.Itoa(i) + "项改革。具体内容见附件，由有关部门落实。\n")
	}
	b.WriteString("11.121人才梯队建设。培养青年人才。\n")
	text := []rune(b.String())
	lines := splitLines(text)
	roots := buildOutline(newSource(text), lines, -1, "", nil)
	tasks := findTasks(newSource(text), lines, roots, 0, "行动计划")
	if len(tasks) != 11 || tasks[10].Title != "121人才梯队建设" {
		t.Fatalf("got %d tasks, last %+v", len(tasks), tasks[len(tasks)-1])
	}
}

// TestListAttachment: an attached list of indicators restarts the
// numbering; its categories are no tasks of the plan.
func TestListAttachment(t *testing.T) {
	var b strings.Builder
	b.WriteString("某某市医院绩效考核实施意见\n一、重点任务\n（一）完善指标体系\n建立覆盖质量、效率和满意度的指标。\n（二）提高病案首页质量\n统一病案首页书写规范。\n二、组织实施\n各部门要加强领导。\n")
	for i := 0; i < 6; i++ {
		b.WriteString("各地要按照本意见要求，结合实际制定细则，确保考核工作落到实处。\n")
	}
	b.WriteString("某某市人民政府办公厅\n2024年1月16日\n附件\n医院绩效考核指标\n一、医疗质量\n（一）功能定位\n1.门诊人次数与出院人次数比\n二、运营效率\n（二）资源效率\n")
	// The annex's table runs on for more lines than the body has: it
	// still starts after the body.
	for i := 0; i < 30; i++ {
		b.WriteString("定量\n")
	}
	text := []rune(b.String())
	lines := splitLines(text)
	roots := buildOutline(newSource(text), lines, -1, "", withListAttachment(text, lines, map[int]bool{}))
	tasks := findTasks(newSource(text), lines, roots, 2024, "意见")
	if got, want := taskTitles(tasks), "完善指标体系|提高病案首页质量"; got != want {
		t.Errorf("tasks = %s, want %s", got, want)
	}
}

// TestMarkdownEmphasisTitles: a Markdown export sets each item's title in
// bold after its number; the title is the words, spans and all.
func TestMarkdownEmphasisTitles(t *testing.T) {
	text := []rune("**一、加强创新策源**\n\n1. **支持原始创新。** 支持高校开展基础研究。\n\n2. __建设高能级平台。__ 布局建设中试平台。\n\n" +
		"**二、强化要素保障**\n\n3. **加大金融支持。** 设立产业基金。\n")
	lines := splitLines(text)
	roots := buildOutline(newSource(text), lines, -1, "", nil)
	tasks := findTasks(newSource(text), lines, roots, 0, "措施")
	if got, want := taskTitles(tasks), "支持原始创新|建设高能级平台|加大金融支持"; got != want {
		t.Fatalf("tasks = %s, want %s", got, want)
	}
	for _, r := range roots {
		for _, c := range r.children {
			if got := string(text[c.h.Span[0]:c.h.Span[1]]); got != c.h.Title {
				t.Errorf("span of %q reads %q", c.h.Title, got)
			}
		}
	}
}

// TestBoxAfterLeads: a 专栏 box printed after an item's lead paragraphs,
// its first row a short name, is a box: its rows are no tasks, the lead
// sentences above it are.
func TestBoxAfterLeads(t *testing.T) {
	long := "结合不同应用场景制定差异化支持政策，深化关键技术研究，推动项目建设和运行评估。"
	text := []rune("某某发展实施方案\n三、积极试点示范\n（一）加快技术示范应用\n推动技术开发。" + long + "\n突破安全技术。" + long + "\n" +
		"（二）推进区域试点示范\n深化应用场景试点示范。" + long + "\n加快重点区域试点示范。" + long + "\n" +
		"专栏4 区域示范\n青海省示范区重点项目\n——德令哈压缩空气储能试点项目，海南州、海西州两个清洁能源基地开展共享储能示范。\n" +
		"重点区域示范\n——在山东、河北、山西、吉林、内蒙古、宁夏等地区开展多种新型储能技术试点示范。\n" +
		"四、保障措施\n加强组织领导。\n")
	lines := splitLines(text)
	roots := buildOutline(newSource(text), lines, 0, "某某发展实施方案", nil)
	tasks := findTasks(newSource(text), lines, roots, 0, "实施方案")
	if got, want := taskTitles(tasks), "推动技术开发|突破安全技术|深化应用场景试点示范|加快重点区域试点示范"; got != want {
		t.Errorf("tasks = %s, want %s", got, want)
	}
}

// TestSafeguardItemInTaskSection: an item of the task section named like a
// safeguard (完善服务保障机制) is a task when the plan closes with its own
// organisation section (DECISIONS 25).
func TestSafeguardItemInTaskSection(t *testing.T) {
	text := []rune("某某市家庭医生签约服务工作方案\n一、主要目标\n到2025年签约率达到50%。\n二、主要任务\n（一）扩大签约服务供给\n1.有序扩大家庭医生来源\n推动全科医生参与签约。\n" +
		"（二）完善服务保障机制\n1.明确服务包收付费机制\n合理确定收费标准。\n2.发挥基本医保支持作用\n落实医保支付政策。\n三、组织实施\n（一）加强组织领导\n各区要高度重视。\n")
	lines := splitLines(text)
	roots := buildOutline(newSource(text), lines, 0, "某某市家庭医生签约服务工作方案", nil)
	tasks := findTasks(newSource(text), lines, roots, 0, "工作方案")
	if got, want := taskTitles(tasks), "有序扩大家庭医生来源|明确服务包收付费机制|发挥基本医保支持作用"; got != want {
		t.Errorf("tasks = %s, want %s", got, want)
	}
}

// TestBodiesAreNoTasks: the working bodies a plan sets up are no tasks.
func TestBodiesAreNoTasks(t *testing.T) {
	for _, tt := range []struct {
		title string
		body  bool
	}{{"集中采购小组", true}, {"监督组", true}, {"领导小组办公室", true}, {"成立工作专班", false}, {"健全专家委员会制度建设", false}} {
		if got := bodyName(tt.title); got != tt.body {
			t.Errorf("bodyName(%q) = %v, want %v", tt.title, got, tt.body)
		}
	}
}

// A set of measures under one numbered heading: its items are the tasks.
func TestOnlyNumberedSectionTasks(t *testing.T) {
	text := []rune("某县关于支持民营经济发展的若干措施\n\n一、加大政策支持力度\n1. 降低融资成本。设立纾困资金。\n2. 减轻税费负担。落实减税政策。\n3. 保障用地需求。优先安排用地指标。\n")
	lines := splitLines(text)
	m := readMeta(text, lines, "")
	roots := buildOutline(newSource(text), lines, m.titleLine, m.title, nil)
	tasks := findTasks(newSource(text), lines, roots, 0, m.kind)
	if got, want := taskTitles(tasks), "降低融资成本|减轻税费负担|保障用地需求"; got != want {
		t.Errorf("tasks = %s, want %s", got, want)
	}
}

// An annex that lists the tasks again with their units gives each body
// task its units; its own items are no tasks.
func TestAnnexUnits(t *testing.T) {
	text := []rune("某区推进老旧小区改造实施方案\n\n一、主要任务\n（一）改造基础设施。更新供水管网。\n（二）完善公共服务。配建养老托育设施。\n二、保障措施\n（一）加强组织领导。建立工作专班。\n\n附件\n\n任务分工\n\n1.改造基础设施。\n牵头单位：区住房城乡建设局\n配合单位：区水务局\n2.完善公共服务。\n牵头单位：区民政局、区教育局\n")
	lines := splitLines(text)
	m := readMeta(text, lines, "")
	roots := buildOutline(newSource(text), lines, m.titleLine, m.title, nil)
	tasks := findTasks(newSource(text), lines, roots, 0, m.kind)
	attachUnits(string(text), tasks)
	tasks = matchRows(tasks, outlineRows(newSource(text), lines, roots, tasks))
	var got []string
	for _, tk := range tasks {
		got = append(got, tk.Title+":"+strings.Join(tk.LeadUnits, "、")+"/"+strings.Join(tk.SupportUnits, "、"))
	}
	want := "改造基础设施:区住房城乡建设局/区水务局|完善公共服务:区民政局、区教育局/"
	if g := strings.Join(got, "|"); g != want {
		t.Errorf("tasks = %s, want %s", g, want)
	}
}

// A 任务分工表 gives the body's tasks their units; a task whose name ends
// like a unit's (优化一网通办) is still a task of the table.
func TestTaskListTable(t *testing.T) {
	text := []rune("某市数字政府建设工作方案\n\n一、重点任务\n（一）建设政务云平台。整合机房。\n（二）优化一网通办。推进网上办理。\n二、保障措施\n（一）加强组织领导。建立专班。\n\n附件\n\n序号\t重点任务\t牵头单位\t配合单位\n1\t建设政务云平台\t市政务服务数据管理局\t市财政局\n2\t优化一网通办\t市政务服务中心\t各区政府\n")
	lines := splitLines(text)
	m := readMeta(text, lines, "")
	roots := buildOutline(newSource(text), lines, m.titleLine, m.title, nil)
	tasks := findTasks(newSource(text), lines, roots, 0, m.kind)
	attachUnits(string(text), tasks)
	rd := &reader{text: text, src: newSource(text), lines: lines}
	tasks = attachTaskList(tasks, rd.taskLists(findTables(text, lines)))
	var got []string
	for _, tk := range tasks {
		got = append(got, tk.Title+":"+strings.Join(tk.LeadUnits, "、")+"/"+strings.Join(tk.SupportUnits, "、"))
	}
	want := "建设政务云平台:市政务服务数据管理局/市财政局|优化一网通办:市政务服务中心/各区政府"
	if g := strings.Join(got, "|"); g != want {
		t.Errorf("tasks = %s, want %s", g, want)
	}
}

// A paragraph that would open the eleventh count of a list reads as
// prose: counts go up to 十 (a run past it once indexed past the digits).
func TestEnumeratedPastTen(t *testing.T) {
	s := []rune("十一是加强监管。十二是强化保障。")
	if got := enumeratedFrom(s, 0, 11, '是'); got != nil {
		t.Errorf("items from an eleventh count: %v", got)
	}
	ten := []rune("九是推进改革。十是扩大开放。")
	if got := enumeratedFrom(ten, 0, 9, 0); len(got) != 2 {
		t.Errorf("got %d items up to 十, want 2", len(got))
	}
}

// Units a task group's heading names hold for its items that name none.
func TestInheritedUnits(t *testing.T) {
	text := []rune("某市养老服务体系建设实施方案\n\n一、重点任务\n（一）完善居家养老服务。（牵头单位：市民政局；配合单位：各区政府）\n1.推进助餐服务。建设社区食堂。\n2.发展助浴服务。培育助浴机构。（牵头单位：市卫生健康委）\n（二）加强人才队伍建设\n1.培养护理人员。开展培训。\n二、保障措施\n（一）加强组织领导。\n")
	lines := splitLines(text)
	m := readMeta(text, lines, "")
	roots := buildOutline(newSource(text), lines, m.titleLine, m.title, nil)
	tasks := findTasks(newSource(text), lines, roots, 0, m.kind)
	attachUnits(string(text), tasks)
	inheritUnits(text, lines, roots, tasks)
	var got []string
	for _, tk := range tasks {
		got = append(got, tk.Title+":"+strings.Join(tk.LeadUnits, "、")+"/"+strings.Join(tk.SupportUnits, "、"))
	}
	want := "推进助餐服务:市民政局/各区政府|发展助浴服务:市卫生健康委/|培养护理人员:/"
	if g := strings.Join(got, "|"); g != want {
		t.Errorf("tasks = %s, want %s", g, want)
	}
}

func TestHeadingWithUnitNote(t *testing.T) {
	doc := "某市试点工作方案\n二、主要任务\n（一）强化顶层设计引领（牵头单位：市发展改革委；配合单位：市生态环境局）\n建立指标体系，完善相关政策制度。\n" +
		"（二）推行农业绿色生产（市农业农村局负责）\n推进畜禽粪污资源化利用，推动农药包装废弃物回收。\n三、保障措施\n（一）加强组织领导。\n"
	text := []rune(doc)
	lines := splitLines(text)
	m := readMeta(text, lines, "")
	src := newSource(text)
	tasks := findTasks(src, lines, buildOutline(src, lines, m.titleLine, m.title, nil), 0, "实施方案")
	attachUnits(doc, tasks)
	want := []struct{ title, lead, support string }{
		{"强化顶层设计引领", "市发展改革委", "市生态环境局"},
		{"推行农业绿色生产", "市农业农村局", ""},
	}
	if len(tasks) != len(want) {
		t.Fatalf("got %d tasks, want %d", len(tasks), len(want))
	}
	for i, w := range want {
		tk := tasks[i]
		if tk.Title != w.title || strings.Join(tk.LeadUnits, "、") != w.lead || strings.Join(tk.SupportUnits, "、") != w.support {
			t.Errorf("task %d = %q lead %v support %v, want %+v", i, tk.Title, tk.LeadUnits, tk.SupportUnits, w)
		}
	}
}

// TestBoxInsideChapter: a box (专栏) set inside a chapter of a plan in
// 篇/章/节 form stays inside it; the chapter after the box is the box's
// uncle, not its child, and the box's numbered rows are no body tasks.
func TestBoxInsideChapter(t *testing.T) {
	text := []rune("某市规划纲要\n第一篇 建设现代化产业体系\n第一章 做强先进制造业\n第一节 培育产业集群\n打造千亿级产业集群3个。\n" +
		"专栏1 重点工程\n1.集群培育工程。培育百亿级企业10家。\n2.技改提升工程。实施技改项目50个。\n" +
		"第二章 发展现代服务业\n第一节 提升生产性服务业\n提高服务业比重。\n")
	lines := splitLines(text)
	roots := buildOutline(newSource(text), lines, 0, "某市规划纲要", nil)
	if len(roots) != 1 || roots[0].kind != kindPart || len(roots[0].children) != 2 {
		t.Fatalf("want one part holding two chapters, got %d roots", len(roots))
	}
	tasks := findTasks(newSource(text), lines, roots, 0, "规划纲要")
	if got, want := taskTitles(tasks), "培育产业集群|提升生产性服务业"; got != want {
		t.Errorf("tasks = %s, want %s", got, want)
	}
}

// taskTitles joins the titles of tasks with |.
func taskTitles(tasks []Task) string {
	titles := make([]string, len(tasks))
	for i, tk := range tasks {
		titles[i] = tk.Title
	}
	return strings.Join(titles, "|")
}
