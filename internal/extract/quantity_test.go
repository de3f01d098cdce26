package extract

import (
	"strings"
	"testing"

	"planwatch/internal/ingest"
)

// quantitiesOf runs the target and observation finder on a short text.
func quantitiesOf(text string, docYear int) (targets, observations []Quantity) {
	r := []rune(text)
	lines := splitLines(r)
	rd := &reader{text: r, src: newSource(r), lines: lines, docYear: docYear, ctx: make([]lineCtx, len(lines))}
	return rd.figures()
}

func yearOf(q Quantity) int {
	if q.Year == nil {
		return 0
	}
	return *q.Year
}

func TestTargets(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []Quantity // indicator, value, unit, op; Year via yearOf
		year []int
	}{
		{
			name: "deadline year carries over to following clauses",
			text: "到2027年，全县农产品加工率达到72%以上、乡村旅游收入突破35亿元，新建冷链仓库6座。",
			want: []Quantity{
				{Indicator: "农产品加工率", Value: 72, Unit: "%", Op: ">="},
				{Indicator: "乡村旅游收入", Value: 3.5e9, Unit: "元", Op: ">"},
				{Indicator: "冷链仓库", Value: 6, Unit: "座", Op: "="},
			},
			year: []int{2027, 2027, 2027},
		},
		{
			name: "one value for each subject of a list: 均 and 各",
			text: "到2025年，甲县、乙县农村卫生厕所普及率均达到90%，建设水稻、小麦示范基地各5万亩。",
			want: []Quantity{
				{Indicator: "甲县农村卫生厕所普及率", Value: 90, Unit: "%", Op: ">="},
				{Indicator: "乙县农村卫生厕所普及率", Value: 90, Unit: "%", Op: ">="},
				{Indicator: "水稻示范基地", Value: 50000, Unit: "亩", Op: "="},
				{Indicator: "小麦示范基地", Value: 50000, Unit: "亩", Op: "="},
			},
			year: []int{2025, 2025, 2025, 2025},
		},
		{
			name: "a phrase naming the goal is no part of the indicator",
			text: "到2026年，工作任务为新建乡镇污水处理站8座。日前，防洪标准提高到50年一遇。",
			want: []Quantity{
				{Indicator: "新建乡镇污水处理站", Value: 8, Unit: "座", Op: "="},
				{Indicator: "防洪标准", Value: 50, Unit: "年一遇", Op: ">="},
			},
			year: []int{2026, 2026},
		},
		{
			name: "works of restoration are planned quantities",
			text: "建设栖凤洲湿地，恢复湿地面积200公顷，铺设污水管网12公里。",
			want: []Quantity{
				{Indicator: "恢复湿地面积", Value: 200, Unit: "公顷", Op: "="},
				{Indicator: "铺设污水管网", Value: 12, Unit: "公里", Op: "="},
			},
			year: []int{0, 0},
		},
		{
			name: "firms entered in a register are planned quantities",
			text: "入库科技型中小企业500家，挂牌省级孵化器3家。",
			want: []Quantity{
				{Indicator: "入库科技型中小企业", Value: 500, Unit: "家", Op: "="},
				{Indicator: "挂牌省级孵化器", Value: 3, Unit: "家", Op: "="},
			},
			year: []int{0, 0},
		},
		{
			name: "caps with 以下 and 控制在",
			text: "到2030年，单位产值能耗控制在0.4吨标准煤以内，细颗粒物平均浓度降至28微克/立方米以下。",
			want: []Quantity{
				{Indicator: "单位产值能耗", Value: 0.4, Unit: "吨标准煤", Op: "<="},
				{Indicator: "细颗粒物平均浓度", Value: 28, Unit: "微克/立方米", Op: "<="},
			},
			year: []int{2030, 2030},
		},
		{
			name: "no year in the sentence",
			text: "每年举办国际学术会议3场以上。",
			want: []Quantity{{Indicator: "每年举办国际学术会议", Value: 3, Unit: "场", Op: ">="}},
			year: []int{0},
		},
		{
			name: "counted noun after a verb",
			text: "到2026年，建成3个省级数字乡村示范镇。",
			want: []Quantity{{Indicator: "省级数字乡村示范镇", Value: 3, Unit: "个", Op: "="}},
			year: []int{2026},
		},
		{
			name: "coverage commitment",
			text: "到2025年，全市中小学智慧校园实现全覆盖。",
			want: []Quantity{{Indicator: "中小学智慧校园覆盖率", Value: 100, Unit: "%", Op: ">="}},
			year: []int{2025},
		},
		{
			name: "Chinese numerals",
			text: "到2028年，培育两个百亿级产业集群。",
			want: []Quantity{{Indicator: "百亿级产业集群", Value: 2, Unit: "个", Op: "="}},
			year: []int{2028},
		},
		{
			name: "names and structure are not targets",
			text: "到2025年，推进“4321”工程，加快建设5G基站，建设G15沿线产业带，聚焦3大片区、等6个领域。",
		},
		{
			name: "至 sets a deadline, 增至 raises to a level",
			text: "至2027年，省际公交线路增至15条。",
			want: []Quantity{{Indicator: "省际公交线路", Value: 15, Unit: "条", Op: ">="}},
			year: []int{2027},
		},
		{
			name: "a threshold qualifies the noun it comes before",
			text: "到2026年，引进5亿元以上项目不少于8个。",
			want: []Quantity{{Indicator: "引进5亿元以上项目", Value: 8, Unit: "个", Op: ">="}},
			year: []int{2026},
		},
		{
			name: "a share of those that do something",
			text: "到2026年，推动60%以上的县级特困供养机构三级达标。",
			want: []Quantity{{Indicator: "县级特困供养机构三级达标比例", Value: 60, Unit: "%", Op: ">="}},
			year: []int{2026},
		},
		{
			name: "a list of shares of one head",
			text: "到2026年，80%的市级、60%的县级和40%的乡级医疗机构接入互联网医院平台。",
			want: []Quantity{
				{Indicator: "市级医疗机构接入互联网医院平台比例", Value: 80, Unit: "%", Op: "="},
				{Indicator: "县级医疗机构接入互联网医院平台比例", Value: 60, Unit: "%", Op: "="},
				{Indicator: "乡级医疗机构接入互联网医院平台比例", Value: 40, Unit: "%", Op: "="},
			},
			year: []int{2026, 2026, 2026},
		},
		{
			name: "parallel short items share the first one's subject and the last one's measure",
			text: "到2026年，农村生活垃圾分类、收运、处置比例分别达到60%、80%、90%。",
			want: []Quantity{
				{Indicator: "农村生活垃圾分类比例", Value: 60, Unit: "%", Op: ">="},
				{Indicator: "农村生活垃圾收运比例", Value: 80, Unit: "%", Op: "="},
				{Indicator: "农村生活垃圾处置比例", Value: 90, Unit: "%", Op: "="},
			},
			year: []int{2026, 2026, 2026},
		},
		{
			name: "城乡 before 分别 names the towns and the countryside",
			text: "到2026年，城乡居民人均可支配收入分别增长6.5%和7.5%。",
			want: []Quantity{
				{Indicator: "城镇居民人均可支配收入增长", Value: 6.5, Unit: "%", Op: "="},
				{Indicator: "农村居民人均可支配收入增长", Value: 7.5, Unit: "%", Op: "="},
			},
			year: []int{2026, 2026},
		},
		{
			name: "ten-odd kilometres are not ten thousand metres",
			text: "到2026年，新建绿道20余千米。",
			want: []Quantity{{Indicator: "新建绿道", Value: 20, Unit: "千米", Op: ">"}},
			year: []int{2026},
		},
		{
			name: "a noun ending in 点 before its count",
			text: "到2026年，建成便民服务点1200个。",
			want: []Quantity{{Indicator: "建成便民服务点", Value: 1200, Unit: "个", Op: "="}},
			year: []int{2026},
		},
		{
			name: "counted nouns in a list joined by 和",
			text: "今后三年内中央财政再支持5000所中心乡镇卫生院、2000所县级医院和2400所城市社区卫生服务中心建设。",
			want: []Quantity{
				{Indicator: "中心乡镇卫生院", Value: 5000, Unit: "所", Op: "="},
				{Indicator: "县级医院", Value: 2000, Unit: "所", Op: "="},
				{Indicator: "城市社区卫生服务中心", Value: 2400, Unit: "所", Op: "="},
			},
			year: []int{2026, 2026, 2026},
		},
		{
			name: "在…基础上 sets the base of the goal that follows in the clause",
			text: "到2025年，在2020年的基础上单位建筑面积能耗下降5%。",
			want: []Quantity{{Indicator: "单位建筑面积能耗下降", Value: 5, Unit: "%", Op: "="}},
			year: []int{2025},
		},
		{
			name: "an amount named by its purpose after it, or by the project before it",
			text: "今年，投资6.6亿元，实施两河圣山文化旅游景区基础设施建设。全力建设国际物流园区，全年计划投资3亿元，用于基础设施和项目建设。",
			want: []Quantity{
				{Indicator: "两河圣山文化旅游景区基础设施投资", Value: 6.6e8, Unit: "元", Op: "="},
				{Indicator: "国际物流园区计划投资", Value: 3e8, Unit: "元", Op: "="},
			},
			year: []int{2024, 2024},
		},
		{
			name: "按 a growth rate 安排 is a plan figure",
			text: "2026年主要预期目标是：地区生产总值按增长5%安排。",
			want: []Quantity{{Indicator: "地区生产总值增长", Value: 5, Unit: "%", Op: "="}},
			year: []int{2026},
		},
		{
			name: "按 a share of the investment is a subsidy rate",
			text: "到2026年，对新建项目按投资额的10%给予补助。",
		},
		{
			name: "money after a count of projects is the slate's investment",
			text: "今年，推进2000个省级重点项目、完成投资9800亿元以上。",
			want: []Quantity{
				{Indicator: "省级重点项目", Value: 2000, Unit: "个", Op: "="},
				{Indicator: "省级重点项目完成投资", Value: 9.8e11, Unit: "元", Op: ">="},
			},
			year: []int{2024, 2024},
		},
		{
			name: "翻一番 doubles; a stock's 拥有量 is a noun, not a report",
			text: "到2025年，高新技术企业数量比2020年翻一番，每万人口高价值发明专利拥有量达到12件。",
			want: []Quantity{
				{Indicator: "高新技术企业数量", Value: 2, Unit: "倍", Op: ">="},
				{Indicator: "每万人口高价值发明专利拥有量", Value: 12, Unit: "件", Op: ">="},
			},
			year: []int{2025, 2025},
		},
		{
			name: "an item's count (六是) and verbs such as 统筹推进 leave the counted noun as the name",
			text: "今年，六是帮扶3000名残疾人就业创业，统筹推进16个大中型灌区现代化改造，继续办好10件惠民实事，办好以10件民生实事为引领的各项民生工程。",
			want: []Quantity{
				{Indicator: "残疾人就业创业", Value: 3000, Unit: "名", Op: "="},
				{Indicator: "大中型灌区现代化改造", Value: 16, Unit: "个", Op: "="},
				{Indicator: "惠民实事", Value: 10, Unit: "件", Op: "="},
				{Indicator: "民生实事", Value: 10, Unit: "件", Op: "="},
			},
			year: []int{2024, 2024, 2024, 2024},
		},
		{
			name: "a comparison written as a sign",
			text: "到2025年，城市建成区人口密度≤1万人/平方公里，绿地率≥40%，PM2.5浓度<30微克/立方米。",
			want: []Quantity{
				{Indicator: "城市建成区人口密度", Value: 10000, Unit: "人/平方公里", Op: "<="},
				{Indicator: "绿地率", Value: 40, Unit: "%", Op: ">="},
				{Indicator: "PM2.5浓度", Value: 30, Unit: "微克/立方米", Op: "<"},
			},
			year: []int{2025, 2025, 2025},
		},
		{
			name: "左右 is about the value, whatever verb reaches it",
			text: "到2025年，城镇化率达到65%左右，研发投入强度提高到3%左右。",
			want: []Quantity{
				{Indicator: "城镇化率", Value: 65, Unit: "%", Op: "="},
				{Indicator: "研发投入强度", Value: 3, Unit: "%", Op: "="},
			},
			year: []int{2025, 2025},
		},
		{
			name: "subsidy caps are rules, not targets",
			text: "对认定的企业给予不超过投资额20%、最高500万元的补助。",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _ := quantitiesOf(tt.text, 2024)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d targets %+v, want %d", len(got), got, len(tt.want))
			}
			for i, w := range tt.want {
				g := got[i]
				if g.Value != w.Value || g.Unit != w.Unit || g.Op != w.Op || dice(g.Indicator, w.Indicator) < 0.6 {
					t.Errorf("target %d = %q %v %q %s, want %q %v %q %s", i, g.Indicator, g.Value, g.Unit, g.Op, w.Indicator, w.Value, w.Unit, w.Op)
				}
				if yearOf(g) != tt.year[i] {
					t.Errorf("target %d year = %d, want %d", i, yearOf(g), tt.year[i])
				}
				if g.Span[0] > g.Span[1] || g.Quote == "" {
					t.Errorf("target %d has span %v quote %q", i, g.Span, g.Quote)
				}
			}
		})
	}
}

func TestObservations(t *testing.T) {
	tests := []struct {
		name    string
		text    string
		docYear int
		want    []Quantity
		period  []string
		targets int
	}{
		{
			name:    "last year resolved against the document year",
			text:    "去年，全区社会消费品零售总额同比增长8.1%。",
			docYear: 2024,
			want:    []Quantity{{Indicator: "社会消费品零售总额同比增长", Value: 8.1, Unit: "%"}},
			period:  []string{"2023"},
		},
		{
			name:    "what a quantity turned into, not the rises it turned from",
			text:    "2023年，全市单位地区生产总值能耗由前两年分别上升1.5%、0.8%，转为下降2.1%。",
			docYear: 2024,
			want:    []Quantity{{Indicator: "单位地区生产总值能耗下降", Value: 2.1, Unit: "%"}},
			period:  []string{"2023"},
		},
		{
			name:    "a manner alone names nothing: the subject carries over; a quoted noun stays in the name",
			text:    "去年，一般公共预算收入增加近1000亿元，稳步达到3000亿元以上，打造“产业大脑”130个。",
			docYear: 2026,
			want: []Quantity{
				{Indicator: "一般公共预算收入增加", Value: 1e11, Unit: "元"},
				{Indicator: "一般公共预算收入", Value: 3e11, Unit: "元"},
				{Indicator: "打造“产业大脑”", Value: 130, Unit: "个"},
			},
			period: []string{"2025", "2025", "2025"},
		},
		{
			name:   "past year named in the sentence",
			text:   "2022年全县粮食产量仅占全省的1.9%。",
			want:   []Quantity{{Indicator: "粮食产量仅占全省的", Value: 1.9, Unit: "%"}},
			period: []string{"2022"},
		},
		{
			name:    "分别 shares one verb between two subjects",
			text:    "去年，园区营业收入和税收分别增长12.5%、9.3%。",
			docYear: 0,
			want: []Quantity{
				{Indicator: "园区营业收入增长", Value: 12.5, Unit: "%"},
				{Indicator: "税收增长", Value: 9.3, Unit: "%"},
			},
			period: []string{"", ""},
		},
		{
			name:    "basis clause is observed, the next clause is the goal",
			text:    "在现有180个村通客车的基础上，实现全部300个行政村通客车。",
			want:    []Quantity{{Indicator: "村通客车", Value: 180, Unit: "个"}},
			period:  []string{""},
			targets: 1,
		},
		{
			name:   "截至 dates a figure, it sets no deadline",
			text:   "截至2023年底，全区已建成充电桩1200个。",
			want:   []Quantity{{Indicator: "已建成充电桩", Value: 1200, Unit: "个"}},
			period: []string{"2023"},
		},
		{
			name:    "“十四五”以来 looks back even with a strong word",
			text:    "“十四五”以来，面对复杂形势，我们迎难而上，全市生产总值年均增长4.4%、高于全国0.2个百分点。",
			docYear: 2026,
			want: []Quantity{
				{Indicator: "全市生产总值年均增长", Value: 4.4, Unit: "%"},
				{Indicator: "高于全国", Value: 0.2, Unit: "个百分点"},
			},
			period: []string{"2025", "2025"},
		},
		{
			name:    "a change from a dated level has happened; 预期寿命 is no word of the future",
			text:    "“一老一小”服务全面提升，人均预期寿命从2020年的82.4岁提升至83.9岁。",
			docYear: 2026,
			want: []Quantity{
				{Indicator: "人均预期寿命", Value: 82.4, Unit: "岁"},
				{Indicator: "人均预期寿命", Value: 83.9, Unit: "岁"},
			},
			period: []string{"2020", ""},
		},
		{
			name:    "分别 after a dated start hands the subject on",
			text:    "城乡居民人均可支配收入从2021年的46503元和16935元分别提高到58794元和23184元。",
			docYear: 2026,
			want: []Quantity{
				{Indicator: "城乡居民人均可支配收入", Value: 46503, Unit: "元"},
				{Indicator: "城乡居民人均可支配收入", Value: 16935, Unit: "元"},
				{Indicator: "城乡居民人均可支配收入", Value: 58794, Unit: "元"},
				{Indicator: "城乡居民人均可支配收入", Value: 23184, Unit: "元"},
			},
			period: []string{"2021", "2021", "", ""},
		},
		{
			name:    "分别 after a comparison hands on the subjects before",
			text:    "2020年全市二氧化硫、二氧化氮浓度均值分别为5微克/立方米、27微克/立方米，较“十二五”末分别下降76.2%、27%。",
			docYear: 2021,
			want: []Quantity{
				{Indicator: "二氧化硫浓度均值", Value: 5, Unit: "微克/立方米"},
				{Indicator: "二氧化氮浓度均值", Value: 27, Unit: "微克/立方米"},
				{Indicator: "二氧化硫浓度均值较“十二五”末下降", Value: 76.2, Unit: "%"},
				{Indicator: "二氧化氮浓度均值较“十二五”末下降", Value: 27, Unit: "%"},
			},
			period: []string{"2020", "2020", "2020", "2020"},
		},
		{
			name:    "a list of subjects and as many values, 分别 left out",
			text:    "去年，国内游客人次、总花费增长5.6%、7.5%。",
			docYear: 2026,
			want: []Quantity{
				{Indicator: "国内游客人次增长", Value: 5.6, Unit: "%"},
				{Indicator: "总花费增长", Value: 7.5, Unit: "%"},
			},
			period: []string{"2025", "2025"},
		},
		{
			name:    "均 gives each subject the value; 人均 is no 均",
			text:    "去年，危险废物处置能力覆盖率和无害化处置率均达到100%，城镇和农村人均住房面积32.9平方米。",
			docYear: 2021,
			want: []Quantity{
				{Indicator: "危险废物处置能力覆盖率", Value: 100, Unit: "%"},
				{Indicator: "无害化处置率", Value: 100, Unit: "%"},
				{Indicator: "城镇和农村人均住房面积", Value: 32.9, Unit: "平方米"},
			},
			period: []string{"2020", "2020", "2020"},
		},
		{
			name:    "a count changed from a dated start keeps its subject",
			text:    "“十三五”期间，达到国家环境空气质量二级标准的市级城市由2015年的0个提升至7个。",
			docYear: 2021,
			want: []Quantity{
				{Indicator: "达到国家环境空气质量二级标准的市级城市", Value: 0, Unit: "个"},
				{Indicator: "达到国家环境空气质量二级标准的市级城市", Value: 7, Unit: "个"},
			},
			period: []string{"2015", "2020"},
		},
		{
			name:    "持平 is a change of nought; 保持平稳 is none",
			text:    "去年，居民消费价格与上年持平，就业形势保持平稳。",
			docYear: 2026,
			want:    []Quantity{{Indicator: "居民消费价格涨幅", Value: 0, Unit: "%"}},
			period:  []string{"2025"},
		},
		{
			name:    "a short name before a list's last subject shares its measure",
			text:    "2020年，长江、淮河流域水质优良断面比例分别达90%、82.5%。",
			docYear: 2022,
			want: []Quantity{
				{Indicator: "长江流域水质优良断面比例", Value: 90, Unit: "%"},
				{Indicator: "淮河流域水质优良断面比例", Value: 82.5, Unit: "%"},
			},
			period: []string{"2020", "2020"},
		},
		{
			name:    "今年以来 looks back",
			text:    "今年以来，全县实现工业投资46.2亿元。",
			docYear: 2024,
			want:    []Quantity{{Indicator: "实现工业投资", Value: 4.62e9, Unit: "元"}},
			period:  []string{""},
		},
		{
			name: "a count of a list is not a figure",
			text: "目前，在杭州、苏州、合肥3个城市设立联络处。",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			targets, got := quantitiesOf(tt.text, tt.docYear)
			if len(targets) != tt.targets {
				t.Errorf("got %d targets %+v, want %d", len(targets), targets, tt.targets)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d observations %+v, want %d", len(got), got, len(tt.want))
			}
			for i, w := range tt.want {
				g := got[i]
				if g.Value != w.Value || g.Unit != w.Unit || dice(g.Indicator, w.Indicator) < 0.6 {
					t.Errorf("observation %d = %q %v %q, want %q %v %q", i, g.Indicator, g.Value, g.Unit, w.Indicator, w.Value, w.Unit)
				}
				p := ""
				if g.Period != nil {
					p = *g.Period
				}
				if p != tt.period[i] {
					t.Errorf("observation %d period = %q, want %q", i, p, tt.period[i])
				}
			}
		})
	}
}

// dice is the share of characters two indicators have in common: the
// wording of an indicator may vary, the quantity it names may not.
func dice(a, b string) float64 {
	ca := map[rune]int{}
	for _, r := range a {
		ca[r]++
	}
	common, na, nb := 0, len([]rune(a)), len([]rune(b))
	for _, r := range b {
		if ca[r] > 0 {
			ca[r]--
			common++
		}
	}
	if na+nb == 0 {
		return 1
	}
	return 2 * float64(common) / float64(na+nb)
}

// TestRespectiveGrowth: 分别 with no subject of its own hands out the
// clause before's subjects in turn; names differ only in 城镇/农村, so
// they are compared exactly.
func TestRespectiveGrowth(t *testing.T) {
	_, obs := quantitiesOf("去年，城乡居民人均可支配收入分别为5.6万元、2.8万元，分别增长4.5%、6.2%。", 2026)
	var got []string
	for _, q := range obs {
		got = append(got, q.Indicator)
	}
	want := "城镇居民人均可支配收入|农村居民人均可支配收入|城镇居民人均可支配收入增长|农村居民人均可支配收入增长"
	if g := strings.Join(got, "|"); g != want {
		t.Errorf("observations = %s, want %s", g, want)
	}
}

// TestDatedReviewOpening: a sentence that dates a review (2024年，…)
// gives the figures of the sentences after it that year.
func TestDatedReviewOpening(t *testing.T) {
	doc := "某省2024年经济运行情况\n\n2024年，全省经济运行稳中向好。森林覆盖率甲县38.5%、乙县72.1%。\n"
	res := Extract(&ingest.Document{Name: "news.txt", Text: doc, Original: doc})
	if len(res.Observations) != 2 {
		t.Fatalf("observations %+v, want two", res.Observations)
	}
	for _, o := range res.Observations {
		if o.Period == nil || *o.Period != "2024" {
			t.Errorf("%s: period %v, want 2024", o.Indicator, o.Period)
		}
	}
}

// TestPlaceLists: figures listed by place take the quantity they share,
// whether it leads the list (分别为：), stands before the first place, or
// was the clause before's (杭州预计…).
func TestPlaceLists(t *testing.T) {
	doc := "浙江省2024年经济运行情况\n\n2024年，全省经济运行稳中向好。各市地区生产总值增速分别为：杭州5.8%、宁波6.1%。" +
		"森林覆盖率湖州38.5%、丽水72.1%。全省地区生产总值9万亿元，杭州预计2.1万亿元。\n"
	res := Extract(&ingest.Document{Name: "news.txt", Text: doc, Original: doc})
	want := []string{"杭州地区生产总值增速", "宁波地区生产总值增速", "湖州森林覆盖率", "丽水森林覆盖率", "地区生产总值", "杭州地区生产总值"}
	var got []string
	for _, o := range res.Observations {
		got = append(got, o.Indicator)
	}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("indicators %v, want %v", got, want)
	}
}

// TestCoverageAfterItemNumber: 4.全部完成… names what is completed, not
// the item's number.
func TestCoverageAfterItemNumber(t *testing.T) {
	doc := "某县2025年民生实事项目计划\n\n一、主要任务\n4.全部完成农村危房改造。\n"
	res := Extract(&ingest.Document{Name: "list.txt", Text: doc, Original: doc})
	if len(res.Targets) != 1 || strings.ContainsAny(res.Targets[0].Indicator, "0123456789") {
		t.Errorf("targets %+v, want one named without the item's number", res.Targets)
	}
}

func TestGoalLead(t *testing.T) {
	tests := []struct {
		in   string
		year int
	}{
		{"2025年经济社会发展的主要预期目标是：", 2025},
		{"报告提出，今年要重点抓好以下工作：", 2025},
		{"今年我们做了以下工作：", 0},
		{"报告提出，今年要重点抓好以下工作。", 0},
	}
	for _, tt := range tests {
		if got := goalLead([]rune(tt.in), 2025); got != tt.year {
			t.Errorf("goalLead(%q) = %d, want %d", tt.in, got, tt.year)
		}
	}
}
