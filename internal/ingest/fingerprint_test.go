package ingest

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/longbridgeapp/opencc"
)

// fpDigital and fpElderly are invented policy texts on unrelated topics,
// written for these tests.
const fpDigital = `关于加快推进数字经济高质量发展的实施方案

为深入贯彻落实党中央、国务院关于发展数字经济的决策部署，抢抓新一轮科技革命和产业变革机遇，加快建设数字经济强市，结合我市实际，制定本实施方案。

一、总体要求
坚持创新驱动、融合发展、安全可控的原则，以数字产业化和产业数字化为主线，以数据要素市场化配置改革为牵引，着力夯实数字基础设施，着力壮大核心产业，着力推动传统产业转型升级，着力提升数字治理能力。到2025年，全市数字经济核心产业增加值占地区生产总值比重达到12%以上，规模以上工业企业关键工序数控化率达到65%，建成5G基站2.5万个，培育国家级工业互联网平台3个以上。

二、重点任务
（一）建设新型数字基础设施。加快千兆光网和5G网络深度覆盖，推进重点园区、交通枢纽和医院学校等场所的网络升级改造。统筹布局城市大数据中心和边缘计算节点，推动算力资源集约共享，探索建设面向中小企业的公共算力服务平台。（牵头单位：市经济和信息化局、市通信发展管理办公室）

（二）做强数字经济核心产业。围绕集成电路、新型显示、智能终端、软件和信息服务等领域，实施强链补链延链工程，招引一批带动性强的龙头项目。支持企业开展关键核心技术攻关，对首台套装备和首版次软件给予奖励。（牵头单位：市发展改革委、市科技局）

（三）推动制造业数字化转型。分行业制定数字化转型指南，每年遴选100家以上企业开展智能化技术改造，建设一批智能工厂和数字化车间。推广“上云用数赋智”服务，降低中小企业转型成本，推动产业链上下游协同。（牵头单位：市经济和信息化局）

（四）提升数字政府服务水平。深化“一网通办”和“一网统管”改革，推进政务数据共享开放，完善公共数据授权运营机制。加强城市运行管理平台建设，提升基层治理数字化水平。（牵头单位：市大数据管理局）

（五）培育数据要素市场。探索建立数据资产登记、评估和交易制度，支持市数据交易服务机构规范运营，引导企业依法依规开展数据流通交易。鼓励金融机构开发基于数据资产的信贷产品，推动数据要素与实体经济深度融合。开展公共数据开放创新大赛，每年发布一批高价值数据开放清单和典型应用场景。（牵头单位：市大数据管理局、市地方金融监管局）

（六）发展数字生活新服务。推进智慧教育、智慧医疗、智慧文旅和智慧社区建设，扩大优质数字服务供给。支持商贸企业发展直播电商、即时零售等新业态，打造一批数字商贸示范街区。加快推进适老化和无障碍改造，帮助老年人等群体跨越“数字鸿沟”。（牵头单位：市商务局、市教育局、市卫生健康委）

（七）筑牢网络和数据安全防线。落实网络安全等级保护制度，加强关键信息基础设施安全防护，建立健全数据分类分级保护制度。定期组织开展网络安全攻防演练，提升风险监测预警和应急处置能力。严厉打击网络违法犯罪，保护个人信息安全。（牵头单位：市委网信办、市公安局）

三、实施步骤
本方案分三个阶段实施。2023年为启动实施阶段，各牵头单位制定具体工作方案，明确目标任务和责任分工；2024年为全面推进阶段，集中力量推进重大项目建设，组织开展中期评估；2025年为总结提升阶段，全面评估实施成效，总结推广经验做法，谋划下一阶段发展思路。

四、保障措施
加强组织领导，建立数字经济发展联席会议制度，定期研究解决重大问题。加大财政支持力度，统筹各类专项资金向数字经济领域倾斜。强化人才支撑，落实高层次人才引进政策。健全统计监测和考核评价体系，确保各项任务落到实处。`

const fpElderly = `关于推进农村养老服务体系建设的指导意见

各县（区）人民政府，市直有关单位：

为积极应对人口老龄化，补齐农村养老服务短板，让农村老年人老有所养、老有所依，现就推进农村养老服务体系建设提出如下意见。

一、完善县乡村三级养老服务网络
每个县建设一所以失能照护为主的县级特困人员供养服务设施，乡镇敬老院逐步转型为区域性养老服务中心，具备条件的村建设互助幸福院和老年食堂，为留守、独居、高龄老人提供助餐、助浴、助医和探访关爱服务。到2025年，乡镇区域性养老服务中心覆盖率达到60%，村级互助养老服务设施覆盖率达到80%。

二、加强农村养老服务队伍建设
鼓励村干部、党员、志愿者和低龄健康老人参与邻里互助，建立“时间银行”等互助养老激励机制。将养老护理员纳入职业技能培训范围，每年培训农村养老护理人员不少于500人次，对取得相应等级证书的给予补贴。

三、推动医养康养相结合
支持乡镇卫生院与敬老院毗邻建设、签约合作，家庭医生团队定期上门为老年人开展健康评估、慢病管理和康复指导。发展农村老年教育，丰富老年人精神文化生活，预防和减少老年人孤独抑郁问题。

四、强化要素保障
各地要将农村养老服务设施建设纳入国土空间规划，优先保障用地需求。福利彩票公益金按规定比例用于支持农村养老服务。民政部门要会同财政、卫生健康、人力资源社会保障等部门加强督促指导，及时总结推广典型经验。`

func TestFingerprintNearDuplicates(t *testing.T) {
	// Distances scale with the share of features that differ, so the text
	// has the length of a real 实施方案, not the minimum: three chrome lines
	// on a 500-character notice can move 4 to 6 bits.
	if n := utf8.RuneCountInString(fpDigital); n < 1200 {
		t.Fatalf("test text has %d characters, want at least 1200", n)
	}
	cc, err := opencc.New("s2t")
	if err != nil {
		t.Fatal(err)
	}
	traditional, err := cc.Convert(fpDigital)
	if err != nil {
		t.Fatal(err)
	}
	if traditional == fpDigital {
		t.Fatal("s2t changed nothing")
	}
	normalized, _ := Normalize(traditional)

	base := Fingerprint(fpDigital)
	tests := []struct {
		name string
		text string
	}{
		{"identical", fpDigital},
		{"spam line on top", "【推广】点击领取免费流量大礼包，加微信号咨询客服，名额有限先到先得！\n" + fpDigital},
		{"page chrome", "首页 > 政务公开 > 政策文件 > 规范性文件\n" +
			"来源：市人民政府办公室　发布时间：2024-03-18　浏览次数：2861　字号：大 中 小\n" +
			fpDigital +
			"\n【打印本页】【关闭窗口】\n主办单位：市人民政府办公室　网站标识码：3304000001　备案号：浙ICP备05012345号"},
		{"whitespace and punctuation", strings.NewReplacer(
			"，", ", ", "。", ". ", "\n\n", "\n", "、", " ", "（", "(", "）", ")", "“", "\"", "”", "\"",
		).Replace(fpDigital)},
		{"lines rewrapped", rewrap(fpDigital, 37)},
		{"full-width digits", strings.NewReplacer("2025", "２０２５", "5G", "５Ｇ", "12%", "１２％").Replace(fpDigital)},
		{"traditional normalized", normalized},
		{"traditional as is", traditional},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := HammingDistance(base, Fingerprint(tt.text))
			t.Logf("distance %d", d)
			if d > 3 {
				t.Errorf("distance %d, want at most 3", d)
			}
		})
	}
}

// rewrap breaks every line of s after width runes, as text copied from a
// PDF is broken.
func rewrap(s string, width int) string {
	var b strings.Builder
	for line := range strings.Lines(s) {
		n := 0
		for _, r := range line {
			b.WriteRune(r)
			if n++; n%width == 0 && r != '\n' {
				b.WriteByte('\n')
			}
		}
	}
	return b.String()
}

func TestFingerprintDistinct(t *testing.T) {
	changed := strings.Replace(fpDigital,
		"深化“一网通办”和“一网统管”改革，推进政务数据共享开放，完善公共数据授权运营机制。加强城市运行管理平台建设，提升基层治理数字化水平。",
		"全面推行政务服务事项“就近办、掌上办”，建设统一的电子证照库，实现高频事项全程网办，企业开办时间压缩至一个工作日以内。",
		1)
	if changed == fpDigital {
		t.Fatal("replacement did not apply")
	}
	tests := []struct {
		name     string
		a, b     string
		min, max int
	}{
		{"different topics", fpDigital, fpElderly, 10, 64},
		{"different topic with the same chrome", "首页 > 政务公开\n" + fpDigital, "首页 > 政务公开\n" + fpElderly, 10, 64},
		{"one paragraph changed", fpDigital, changed, 1, 12},
		{"a short text and a long one", "关于加快推进数字经济高质量发展的实施方案", fpDigital, 4, 64},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := HammingDistance(Fingerprint(tt.a), Fingerprint(tt.b))
			t.Logf("distance %d", d)
			if d < tt.min || d > tt.max {
				t.Errorf("distance %d, want %d to %d", d, tt.min, tt.max)
			}
		})
	}
}

// TestFingerprintAddedLine checks the distance a line added on top moves
// over many different lines, not one chosen line: a single SimHash
// distance is a sample, and 64·atan(√(k/n))/π is only its mean.
func TestFingerprintAddedLine(t *testing.T) {
	base := Fingerprint(fpDigital)
	other := []rune(fpElderly)
	const lineLen, samples = 35, 100
	sum, most := 0, 0
	for i := range samples {
		start := i * 7 % (len(other) - lineLen)
		line := string(other[start : start+lineLen])
		d := HammingDistance(base, Fingerprint(line+"\n"+fpDigital))
		sum += d
		most = max(most, d)
	}
	mean := float64(sum) / samples
	t.Logf("mean %.2f, most %d", mean, most)
	if mean > 3 || most > 8 {
		t.Errorf("a %d-character line moves %.2f bits on average, at most %d; want at most 3 and 8", lineLen, mean, most)
	}
}

func TestFingerprintEdges(t *testing.T) {
	tests := []struct {
		name    string
		text    string
		nonzero bool
	}{
		{"empty", "", false},
		{"punctuation and space only", " ，。、\n\t！？——……《》", false},
		{"one character", "规", true},
		{"one word", "GDP", true},
		{"Chinese only", "发展数字经济", true},
		{"invalid UTF-8", "\xff\xfe规划\x80", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if fp := Fingerprint(tt.text); (fp != 0) != tt.nonzero {
				t.Errorf("Fingerprint(%q) = %#x, want nonzero %v", tt.text, fp, tt.nonzero)
			}
		})
	}
	// Chinese is not dropped: texts that differ only in Han characters
	// differ in fingerprint, and case and width do not matter.
	if Fingerprint("发展数字经济") == Fingerprint("保障农村养老") {
		t.Error("Han characters ignored")
	}
	if Fingerprint("ＧＤＰ增长") != Fingerprint("gdp 增长") {
		t.Error("width or case changes the fingerprint")
	}
}

func TestHammingDistance(t *testing.T) {
	tests := []struct {
		a, b uint64
		want int
	}{
		{0, 0, 0},
		{0, 1, 1},
		{0, ^uint64(0), 64},
		{0xf0f0, 0x0ff0, 8},
	}
	for _, tt := range tests {
		if got := HammingDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("HammingDistance(%#x, %#x) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

func FuzzFingerprint(f *testing.F) {
	f.Add(fpDigital)
	f.Add("關於２０２５年發展ＧＤＰ")
	f.Add("")
	f.Add("a1b2 c3\xff规")
	f.Fuzz(func(t *testing.T, s string) {
		fp := Fingerprint(s)
		if fp != Fingerprint(s) {
			t.Fatal("not deterministic")
		}
		// Whitespace never matters.
		if fp != Fingerprint(" "+s+"\n") {
			t.Fatal("surrounding whitespace changes the fingerprint")
		}
	})
}

func BenchmarkFingerprint(b *testing.B) {
	text := strings.Repeat(fpDigital+"\n"+fpElderly+"\n", 20)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		Fingerprint(text)
	}
}
