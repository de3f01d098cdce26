package extract

import (
	"strconv"
	"strings"
	"testing"
)

// rowFigures reads the captioned tables of text as a plan of periodStart
// to planEnd and keys each figure "T name year" or "O name period".
func rowFigures(text string, periodStart, planEnd int) map[string]float64 {
	r := []rune(text)
	lines := splitLines(r)
	q := &reader{text: r, src: newSource(r), lines: lines, planEnd: planEnd}
	got := map[string]float64{}
	for _, rt := range q.captionTables(periodStart) {
		for _, x := range rt.targets {
			k := "T " + x.Indicator + " " + x.Unit + " " + strconv.Itoa(*x.Year)
			if _, dup := got[k]; dup {
				k += " high" // the second bound of a range
			}
			got[k] = x.Value
		}
		for _, x := range rt.observations {
			got["O "+x.Indicator+" "+x.Unit+" "+*x.Period] = x.Value
		}
	}
	return got
}

func TestCaptionTables(t *testing.T) {
	for _, tc := range []struct {
		name  string
		lines []string
		want  map[string]float64
	}{{
		// A review of the earlier plan: baseline, that plan's target and
		// the completed value; row numbers glued to a category or a name,
		// a name wrapped above and below its values, a unit that wrapped.
		name: "review",
		lines: []string{"表1某市“十三五”主要指标完成情况",
			"指标\t序\t指标名称\t2015年\t“十三五”目标值\t2020年完成值\t完成情况",
			"城区河道断面水质",
			"1\t60.5\t80\t90\t完成",
			"优良比例（%）",
			"2劣V类断面比例（%）\t2.1\t0\t0\t完成",
			"污水集中处理率",
			"质量3\t71\t85\t92.4完成",
			"（%）",
			"下一段正文说明了以上指标的完成情况，并分析了存在的主要问题和原因。"},
		want: map[string]float64{
			"O 城区河道断面水质优良比例 % 2015": 60.5, "T 城区河道断面水质优良比例 % 2020": 80, "O 城区河道断面水质优良比例 % 2020": 90,
			"O 劣V类断面比例 % 2015": 2.1, "T 劣V类断面比例 % 2020": 0, "O 劣V类断面比例 % 2020": 0,
			"O 污水集中处理率 % 2015": 71, "T 污水集中处理率 % 2020": 85, "O 污水集中处理率 % 2020": 92.4,
		},
	}, {
		// This plan's table: a baseline and a target per row, a value whose
		// note wrapped onto the lines beside it, a dated note, a target in
		// words, a unit column and a row number lost to a joined line.
		name: "forward",
		lines: []string{"表2某县“十四五”生态环境保护主要指标",
			"序号\t指标名称\t单位\t2020年\t2025年目标\t属性",
			"1\t空气优良天数比例\t%\t88.2\t≥90\t约束性",
			"32.5（“十三",
			"2细颗粒物平均浓度(μg/m3)\t30以下",
			"五”均值）",
			"此行被并入了上一行  3森林覆盖率(%)\t62.5\t不降低",
			"（2019年）",
			"完成省下达指",
			"4受污染耕地安全利用率(%)\t97.1",
			"风\t标",
			"5\t新建绿道长度（公里）\t-\t新增120\t预期性",
			"6\t黑臭水体比例（%）\t0\t0\t约束性治理",
			"注：带*的指标为新增指标。"},
		want: map[string]float64{
			"O 空气优良天数比例 % 2020": 88.2, "T 空气优良天数比例 % 2025": 90,
			"O 细颗粒物平均浓度 μg/m3 2020": 32.5, "T 细颗粒物平均浓度 μg/m3 2025": 30,
			"O 森林覆盖率 % 2019":      62.5,
			"T 新建绿道长度 公里 2025":    120,
			"O 受污染耕地安全利用率 % 2020": 97.1,
			"O 黑臭水体比例 % 2020":     0, "T 黑臭水体比例 % 2025": 0,
		},
	}, {
		// The header lost its baseline year: a row with one value more than
		// the target columns starts with the year before the plan; a
		// footnote mark beside a dash is no value.
		name: "lost baseline",
		lines: []string{"表1“十四五”海域保护目标指标",
			"序号\t指\t标\t年\t2025年",
			"1\t近岸海域水质优良比例\t—①\t70%",
			"2\t质量\t海水浴场水质优良率\t85.7%\t90%",
			"三、主要任务和重点工程，以及各项任务的具体分工和完成时限安排。"},
		want: map[string]float64{
			"T 近岸海域水质优良比例 % 2025": 70,
			"O 海水浴场水质优良率 % 2020":  85.7, "T 海水浴场水质优良率 % 2025": 90,
		},
	}, {
		// A title without a number, a header with only the target year:
		// one value is the target, a range is two bounds, a note with a
		// year of the plan dates the target.
		name: "title only targets",
		lines: []string{"某市城乡建设行动方案主要指标",
			"序号\t指标名称\t2025年目标",
			"1\t城市绿地率（%）\t≥40%",
			"2\t建筑面积与用地面积比值\t0.6—0.8",
			"3\t岸线地区城市设计覆盖率（%）\t100%（2023年）",
			"注：本方案确定的目标指标均为预期性。"},
		want: map[string]float64{
			"T 城市绿地率 % 2025":      40,
			"T 建筑面积与用地面积比值  2025": 0.6, "T 建筑面积与用地面积比值  2025 high": 0.8,
			"T 岸线地区城市设计覆盖率 % 2023": 100,
		},
	}, {
		// Row numbers with a dot, glued to a category before them; the
		// 参考性 attribute glued to a name; a target allotted in words.
		name: "dotted numbers",
		lines: []string{"表1某区生态文明建设指标体系",
			"类别\t指标名称\t2020年\t2025年目标\t属性",
			"1.耕地保有量（万公顷）\t34.5\t32.5\t约束性",
			"生态空间2.森林覆盖率（%）*参考性\t62.5\t62.6",
			"3.受污染耕地安全利用率（%）\t87.5\t以国家下达指标为准\t约束性",
			"大气\t4 PM2.5年均浓度（μg/m³）\t35\t30\t约束性",
			"注：带*的为特色指标。"},
		want: map[string]float64{
			"O 耕地保有量 公顷 2020": 345000, "T 耕地保有量 公顷 2025": 325000,
			"O 森林覆盖率 % 2020": 62.5, "T 森林覆盖率 % 2025": 62.6,
			"O 受污染耕地安全利用率 % 2020":    87.5,
			"O PM2.5年均浓度 μg/m³ 2020": 35, "T PM2.5年均浓度 μg/m³ 2025": 30,
		},
	}, {
		// A page break repeats the header inside a row's name; a name in
		// three lines around its values; category characters between rows.
		name: "page break",
		lines: []string{"专栏3某市“十四五”主要指标",
			"序号\t指标名称\t2020年\t2025年目标",
			"1\t城镇污水处理率（%）\t95\t97",
			"环",
			"2城市集中式饮用水水源\t98\t100",
			"序号\t指标名称\t2020年\t2025年目标",
			"地水质达标率（%）",
			"境",
			"县级以上城市建成清新",
			"3\t空气示范区的比例\t40\t60",
			"境\t（%）",
			"下一章\t重点任务",
			"下一段正文说明各项任务的具体安排，以及牵头单位和完成时限等内容。"},
		want: map[string]float64{
			"O 城镇污水处理率 % 2020": 95, "T 城镇污水处理率 % 2025": 97,
			"O 城市集中式饮用水水源地水质达标率 % 2020": 98, "T 城市集中式饮用水水源地水质达标率 % 2025": 100,
			"O 县级以上城市建成清新空气示范区的比例 % 2020": 40, "T 县级以上城市建成清新空气示范区的比例 % 2025": 60,
		},
	}, {
		// A review without row numbers and without a baseline in its
		// header: a row wherever a line holds values, the extra value first
		// is the year before the reviewed plan, a target in words leaves
		// the completed value, group markers lead names, a lone wrapped
		// value is no row.
		name: "unnumbered review",
		lines: []string{"表1“十三五”规划主要指标完成情况",
			"指标名称\t2020年规划目标\t2020年规划目标实现情况",
			"城市空气质量",
			"优\t80.1\t85\t90.2",
			"良天数比例（%）",
			"（2）湖泊水质达标率（%）\t—\t90\t92",
			"（4）红线面积变化（%）\t≥0\t无变化\t完成\t预期性状况",
			"控制在省",
			"（3）细颗粒物浓度下降比例(%)\t40.5\t完成",
			"质量\t（较考核基准年）",
			"级下达的",
			"12.5%",
			"由上表可知，除个别指标外，其余指标均达到规划目标，各项工作取得积极进展。"},
		want: map[string]float64{
			"O 城市空气质量良天数比例 % 2015": 80.1, "T 城市空气质量良天数比例 % 2020": 85, "O 城市空气质量良天数比例 % 2020": 90.2,
			"T 湖泊水质达标率 % 2020": 90, "O 湖泊水质达标率 % 2020": 92,
			"O 细颗粒物浓度下降比例（较考核基准年） % 2020": 40.5,
			"T 红线面积变化 % 2020":             0,
		},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			got := rowFigures(strings.Join(tc.lines, "\n")+"\n", 2021, 2025)
			for k, v := range tc.want {
				if g, ok := got[k]; !ok || g != v {
					t.Errorf("%s = %v (found %v), want %v", k, g, ok, v)
				}
			}
			if len(got) != len(tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}
