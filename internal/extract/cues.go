package extract

import "strings"

// The cue words that tell a target from an observation and name what a
// number measures. They are patterns of official Chinese, not of any one
// document.

// Words that make a clause a report of what already happened.
var pastClauseWords = newWordSet(
	"已经", "已", "现有", "目前", "截至", "截止", "基础上", "近年来", "以来", "过去", "实现了", "增长了", "达到了",
	"完成了", "新增了", "提高了", "下降了", "降低了", "减少了", "增加了", "建成了", "共有", "拥有", "位居", "居全",
	"比上年", "较上年", "比去年",
)

// Words that only weakly mark a report: they lose to any sign of the future.
var weakPastWords = newWordSet("累计", "同比", "比上年", "较上年", "总量", "当年", "年末", "年底")

// Sentence-level past markers: they colour every clause that follows.
var pastSentenceSet = newWordSet("去年", "上年", "近年来", "以来", "过去一年", "过去五年", "目前", "截至", "截止", "刚刚过去", "一年来", "五年来")

// classTerms are names of a class that hold 以上 or 以下 (规模以上工业,
// 地级及以上城市, 县级以上医院): they bound no figure, so they say nothing
// of the future.
var classTerms = strings.NewReplacer("规模以上", "规模", "限额以上", "限额", "及以上", "", "及以下", "", "级以上", "级", "级以下", "级")

// classTermsOut removes the 以上 of class names from a clause.
func classTermsOut(s string) string {
	if !strings.Contains(s, "以上") && !strings.Contains(s, "以下") {
		return s
	}
	return classTerms.Replace(s)
}

// Words that make a clause a commitment about the future. Strong ones
// carry over to the clauses that follow them in the sentence and outweigh
// a past context; weak ones only mark their own clause.
var strongFutureWords = newWordSet("力争", "确保", "目标", "预期", "今年", "明年", "到时", "争取", "力求", "计划", "拟", "预计到")

var weakFutureWords = newWordSet(
	"将", "要", "每年", "年均", "以上", "以下", "以内", "不低于", "不超过", "不高于", "不少于", "控制在", "左右", "努力",
)

// Verbs of doing: in a plan, a number they govern is a planned quantity
// even without a word of the future (新建充电桩500个).
var actionVerbs = newWordSet(
	"新建", "新增", "建成", "建设", "打造", "培育", "实施", "推动", "推进", "引进", "创建", "完成", "开展", "支持", "遴选",
	"改造", "提升", "提高", "降低", "下降", "减少", "增加", "增长", "达到", "达", "超过", "突破", "实现", "形成", "认定",
	"培养", "招引", "引育", "举办", "组建", "设立", "布局", "争创", "建立", "推广", "创成", "扶持", "评选", "培训", "招聘",
	"新改建", "改扩建", "扩建", "续建", "开工", "竣工", "投用", "投运", "上线", "部署", "配备", "安装", "选育", "孵化",
	"集聚", "吸引", "带动", "帮扶", "安置", "吸纳", "整治", "治理", "修复", "种植", "造林", "营造", "发展", "壮大",
	"控制", "压减", "淘汰", "关停", "退出", "节约", "回收", "处置", "利用", "覆盖", "保持", "稳定", "不低于", "不少于",
	"不超过", "不高于", "控制在", "入驻", "落户", "注册", "签约", "落地", "投资", "投入", "新开", "开通", "建", "修",
	"植", "栽", "补植", "更新", "新改", "提供", "储备", "保障", "服务", "惠及", "救助", "资助", "发放", "筹集", "募集", "开行",
	"恢复", "清理", "拆除", "疏浚", "清淤", "整改", "铺设", "敷设", "延伸", "复垦", "绿化", "补水", "收贮", "搬迁", "连通",
	"入库", "备案", "评定", "获评", "入选", "挂牌", "授牌", "推出", "疏解", "盘活",
)

// Words of hypotheticals: a figure the text only imagines.
var hypotheticalSet = newWordSet("假如", "如果", "倘若", "若能", "假设", "一旦")

// Words of subsidy and reward rules, whose numbers are caps and rates.
var subsidyWords = newWordSet("给予", "最高", "补助", "补贴", "奖励", "资助", "贴息", "一次性", "扶持资金", "奖补", "减免", "按照", "按")

// Verbs that introduce a measured figure; a past clause without one is
// usually a count that describes something (5个招商片区驻点), not a figure.
var reportVerbs = newWordSet(
	"达到", "达", "增长", "下降", "提高", "提升", "降低", "减少", "增加", "实现", "完成", "占", "累计", "新增",
	"招引", "引进", "建成", "超过", "突破", "共有", "共计", "现有", "拥有", "排摸", "组织", "核减", "保持",
	"培育", "获批", "创建", "签约", "落地", "开工", "接待", "分别", "为", "是", "有", "超", "引育", "吸引",
	"新开", "开通", "改造", "新建", "建设", "投入", "发放", "帮助", "惠及", "带动", "减免", "总量", "规模", "直飞",
	"入驻", "落户", "集聚", "投产", "签订", "认定", "获评", "净增", "压减", "增至", "升至", "降至", "稳定在", "产量",
	"收入", "总值", "投资", "培训", "救助", "安置", "解决", "实施", "整治", "治理", "造林", "植树", "营造", "种植",
	"新开工", "竣工", "建立", "设立", "成立", "启动", "推出", "发行", "吸纳", "转移", "脱贫", "覆盖", "处理", "回收",
	"提前", "拔地而起", "增", "降", "扩大", "缩小", "翻", "上升", "下滑", "回落", "收窄", "攀升", "跃升", "达成",
	"排查", "划定", "摸清", "布设", "选取", "审核", "编制", "制定", "出台", "发布", "纳入", "关闭", "搬迁", "淘汰",
)

// Verbs that follow a counted subject and report what became of it:
// 8家全国重点实验室落户河北, 13个大模型通过国家备案.
var resultVerbs = newWordSet("落户", "通过", "建成", "投产", "开工", "入驻", "落地", "获批", "拔地而起", "竣工", "上线", "投用",
	"运营", "开通", "签约", "揭牌", "挂牌", "认定", "入选", "获评", "完工", "通车", "交付", "成立", "注册", "上市")

// Verbs that, when they stand right before the number, leave the counted
// noun after the number: 建成2个示范基地 counts 示范基地.
var countVerbs = newWordSet(
	"建成", "培育", "打造", "创建", "引进", "培养", "实现", "建设", "新建", "形成", "推出", "认定", "设立",
	"组建", "举办", "招引", "引育", "开通", "新开", "落地", "完成", "布局", "争创", "新增", "认定", "支持",
	"扶持", "遴选", "评选", "建立", "推广", "创成", "达到", "达", "有", "在现有", "现有", "与全国", "与", "增加",
	"吸引", "带动", "服务", "新培育", "累计培育", "引进培育", "新认定", "培训", "招聘", "招收", "资助", "救助",
	"选取", "选择", "布设", "划定", "排查", "摸清", "审核", "试点实施", "整治", "改造", "打造", "推出", "发布", "制定", "出台",
	"设置", "配备", "配置", "帮助", "拆除", "改建", "新改建", "慰问", "走访", "开展", "选拔", "选派", "筹建", "招录",
)

// A number may stand without a unit after these: indices, scores, ratios.
var unitlessWords = newWordSet("指数", "得分", "系数", "收入比", "比值", "倍数", "PUE", "效率", "比例为", "评分", "等级")

// Level verbs stripped from the end of an indicator.
var levelVerbs = []string{
	"提高到", "提升到", "提升至", "提高至", "增长到", "增加到", "增至", "增加至", "扩大到", "扩大至", "降低到", "降低至", "下降到", "下降至", "降至",
	"上升到", "上升至", "减少到", "减少至", "压缩到", "压缩至", "缩短到", "缩短至", "控制到", "升至", "延长到", "延长至",
	"控制在", "保持在", "稳定在", "维持在", "不低于", "不超过", "不高于", "不少于", "不多于", "不大于", "不小于", "至少", "低于", "高于", "多于",
	"大于", "小于", "少于", "不足",
	// Indicator tables and their prose write the comparison as a sign
	// (上游城市≥80%, 人口密度≤1万人/平方公里).
	">=", "<=", "≥", "≤", "≧", "≦", ">", "<", "＞", "＜",
	"达到", "超过", "突破", "实现", "力争", "均达", "达", "超", "为", "是", "在", "约", "接近", "近", "逾", "约为", "分别为", "分别达到", "分别达",
}

var scopeWords = []string{"全市", "全区", "全县", "全省", "全国", "全域", "全镇", "我市", "本市", "我区", "我省", "本区", "全行业", "全州", "全盟", "全旗", "本省", "我县", "本县"}

var leadWords = []string{"力争", "争取", "确保", "预计", "原则上", "基本", "其中", "同时", "并", "以及", "和", "与", "及", "全年", "今年", "去年", "上年", "当年", "年末", "年底", "目前", "实现", "共", "总计", "合计", "全部", "进一步", "努力", "持续", "年内", "明年", "届时", "此外", "另外", "还", "要", "将", "拟", "计划", "再", "分别", "提出", "明确", "日前", "近日", "我市", "我区", "我县", "我省", "已按计划", "按计划"}

var growthWords = newWordSet("增长", "下降", "提高", "降低", "减少", "增加", "增速", "增幅", "涨幅", "上升", "回落")
