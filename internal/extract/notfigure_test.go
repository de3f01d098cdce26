package extract

import (
	"strings"
	"testing"
)

// TestNotFigure lists numbers that are no figure, and why, beside numbers
// of the same shape that are.
func TestNotFigure(t *testing.T) {
	tests := []struct {
		text   string
		number string // the number as written
		no     bool   // true: not a figure
	}{
		{"推进G60科创走廊建设", "60", true},
		{"建设5G基站3000个", "5", true},
		{"建设5G基站3000个", "3000个", false},
		{"实施“3731”工程", "3731", true},
		{"聚焦五大片区", "五大", true},
		{"落实十项举措", "十项", true},
		{"实施30项重点任务", "30项", true},
		{"方案已经市政府七届38次常务会议讨论通过", "38次", true},
		{"全年开展执法检查38次", "38次", false},
		{"认真落实鼓励民间投资新36条", "36条", true},
		{"到2030年，全市人均预期寿命81岁", "81岁", false},
		{"人均预期寿命在2020年基础上提高1岁左右", "1岁", false},
		{"高速铁路覆盖90%的20万人口以上城镇", "20万人", true},
		{"65岁以上老年人", "65岁", true},
		{"主要指标共计26项，其中有11项为约束性指标", "26项", true},
		{"主要指标共计26项，其中有11项为约束性指标", "11项", true},
		{"约束性指标11项，预期性指\n标10项", "10项", true},
		{"现将确定的6个方面120项工作任务予以分解印发", "120项", true},
		{"明确5大类30项职责，全年新建网格驿站10个", "30项", true},
		{"明确5大类30项职责，全年新建网格驿站10个", "10个", false},
		{"将规划提出的7项重点建设项目进行责任分解", "7项", true},
		{"全年实施重点建设项目7项", "7项", false},
		{"做到三个关键", "三个", true},
		{"培育两个百亿级产业集群", "两个", false},
		{"总投资超50亿元的项目不少于8个", "50亿元", true},
		{"总投资超50亿元的项目不少于8个", "8个", false},
		{"年产30万吨以上的企业", "30万吨", true},
		{"关停60万千瓦以下机组", "60万千瓦", true},
		{"半径300米范围内", "300米", true},
		{"建成20个以上的示范基地", "20个", false},
		{"在职职工总数30人(含)以下的企业暂免征收", "30人", true},
		{"30%以上的行政村达到建设标准、50%以上的乡镇达到示范标准", "50%", false},
		{"开展“三场一通道（产卵场、育肥场、越冬场，洄游通道）”保护", "三场", true},
		{"全市空气质量优良天数256天", "256天", false},
		{"2030年教育局工作要点有哪些(3篇)", "3篇", true},
		{"力争每年创建一个5A级景区", "一个", false},
		{"打造一个示范区", "一个", true},
		{"在15个工作日内办结", "15个工作日", true},
		{"对6亩以下(不含6亩)的土地进行整治", "6亩", true},
		{"在杭州、苏州、合肥3个城市设立联络处", "3个", true},
		{"65岁以上老年人", "65岁", true},
		{"人均预期寿命达到80岁", "80岁", false},
		{"审批在3个工作日内办结", "3个工作日", true},
		{"审批时间压缩至3个工作日", "3个工作日", false},
		{"聚焦3万亩菜田", "3万亩", true},
		{"A、B、C等四家单位", "四家", true},
		{"共设置生态环境保护重点指标22项", "22项", true},
		{"新增监测指标22项", "22项", true},
		{"新建22个监测站点", "22个", false},
		{"办理全国人大代表建议9件、全国政协提案5件", "5件", false},
		{"日清运量超过300吨地区基本实现零填埋", "300吨", true},
		{"年销售汽油量大于5000吨的加油站", "5000吨", true},
		{"新增经济总量超200亿元县2个", "200亿元", true},
		{"新增经济总量超200亿元县2个", "2个", false},
		{"完成投资超过3500亿元，", "3500亿元", false},
		{"超过200家企业在本地设立总部", "200家", false},
		{"逐步淘汰30万千瓦以下煤电机组", "30万千瓦", true},
		{"开工750千伏输变电工程", "750千伏", true},
		{"推动淘汰30万千瓦级燃煤机组", "30万千瓦", true},
		{"入井人数超过30人、井深超过800米的金属非金属地下矿山", "30人", true},
		{"建成5个国家级园区", "5个", false},
		{"新建220千伏变电站", "220千伏", true},
	}
	for _, tt := range tests {
		r := []rune(tt.text)
		times := findTimes(r, 0, len(r), 0)
		var why string
		found := false
		for _, m := range scanMentions(r, 0, len(r)) {
			if !strings.HasPrefix(string(r[m.numStart:]), tt.number) {
				continue
			}
			found = true
			why = notFigure(r, 0, len(r), m, times)
		}
		if !found && !tt.no {
			t.Errorf("%q: %q not read as a number", tt.text, tt.number)
			continue
		}
		if (why != "") != tt.no && found {
			t.Errorf("%q: %q notFigure = %q, want no figure = %v", tt.text, tt.number, why, tt.no)
		}
	}
}
