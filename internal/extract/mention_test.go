package extract

import "testing"

func TestScanMentions(t *testing.T) {
	tests := []struct {
		text   string
		value  float64
		upper  float64
		unit   string
		before string
		after  string
	}{
		{"建成示范园8-10个", 8, 10, "个", "", ""},
		{"增长4.5%-5%", 4.5, 5, "%", "", ""},
		{"每年提升1～3个百分点", 1, 3, "个百分点", "", ""},
		{"节约标准煤700万到800万吨", 7e6, 8e6, "吨", "", ""},
		{"产量2-3万吨", 2e4, 3e4, "吨", "", ""},
		{"增长百分之五十一", 51, 0, "%", "", ""},
		{"增产一点四倍", 1.4, 0, "倍", "", ""},
		{"占比超五成", 50, 0, "%", "超", ""},
		{"粮食产量34，250万吨", 3.425e8, 0, "吨", "", ""},
		{"单位能耗0.6吨标准煤/万元", 0.6, 0, "吨标准煤/万元", "", ""},
		{"死亡率0.6人/百亿元以下", 0.6, 0, "人/百亿元", "", "以下"},
		{"引进300名高端人才", 300, 0, "名", "", ""},
		{"不少于200家", 200, 0, "家", "不少于", ""},
		{"200余家", 200, 0, "家", "", "余"},
		{"控制在5.5%左右", 5.5, 0, "%", "控制在", "左右"},
		{"PUE降至1.25以下", 1.25, 0, "", "降至", "以下"},
		{"达到10Tbps以上", 10, 0, "Tbps", "达到", "以上"},
		{"旅游收入超万亿元", 1e12, 0, "元", "超", ""},
		{"争取资金突破千亿元", 1e11, 0, "元", "突破", ""},
		{"产量均稳定在百万吨以上", 1e6, 0, "吨", "稳定在", "以上"},
		{"带动上下游千余家企业", 1000, 0, "家", "", "余"},
		{"惠及万余户", 1e4, 0, "户", "", "余"},
		{"供电煤耗降至295克标煤/千瓦时", 295, 0, "克标煤/千瓦时", "降至", ""},
		{"把文件压减三分之一以上", 0.3333, 0, "", "", "以上"},
		{"约占全国1/4", 0.25, 0, "", "", ""},
		{"年底前要清偿一半以上", 0.5, 0, "", "", "以上"},
		{"解决12万农村居民饮水问题", 1.2e5, 0, "人", "", ""},
		{"地区生产总值接近5000亿元", 5e11, 0, "元", "接近", ""},
		{"帮扶3.5万群众搬迁", 3.5e4, 0, "人", "", ""},
		{"惠及1.6亿学生", 1.6e8, 0, "人", "", ""},
	}
	// A magnitude alone is no amount without a comparison before it, or
	// when a grade follows its unit.
	for _, text := range []string{"打造千亿级产业集群", "万人以上的城市", "培育百亿元级企业"} {
		r := []rune(text)
		for _, m := range scanMentions(r, 0, len(r)) {
			if m.value >= 1e6 {
				t.Errorf("scanMentions(%q) read %v %s", text, m.value, m.unit)
			}
		}
	}
	for _, tt := range tests {
		r := []rune(tt.text)
		ms := scanMentions(r, 0, len(r))
		var got *mention
		for i := range ms {
			if ms[i].value == tt.value {
				got = &ms[i]
			}
		}
		if got == nil {
			t.Errorf("scanMentions(%q) = %+v, want a value %v", tt.text, ms, tt.value)
			continue
		}
		if got.upper != tt.upper || got.unit != tt.unit || got.opBefore != tt.before || got.opAfter != tt.after {
			t.Errorf("scanMentions(%q) = upper %v unit %q before %q after %q, want %v %q %q %q",
				tt.text, got.upper, got.unit, got.opBefore, got.opAfter, tt.upper, tt.unit, tt.before, tt.after)
		}
	}
}

func TestCoverage(t *testing.T) {
	for text, want := range map[string]bool{
		"实现行政村5G网络全覆盖":      true,
		"建设全覆盖的空气监测网络":      false, // a quality of a noun
		"深入实施农村牧区“十个全覆盖”工程": false, // a programme named by its count
		"把所有天然林都纳入保护范围":     true,  // 所有…都 and a verb of completion
		"所有企业都很重视":          false, // 所有 without a verb of completion
		"健全覆盖城乡的养老服务网络":     false, // the 全 of 健全
	} {
		r := []rune(text)
		got := false
		for _, m := range scanMentions(r, 0, len(r)) {
			got = got || m.coverage
		}
		if got != want {
			t.Errorf("coverage in %q = %v, want %v", text, got, want)
		}
	}
}

func TestFractionsThatAreNone(t *testing.T) {
	// 一半 in prose and a date written with slashes are no fraction.
	for _, text := range []string{"一半是海水", "2023/12/01发布", "cmsres/55/558b13bfd13b6/91c3c13ab"} {
		r := []rune(text)
		for _, m := range scanMentions(r, 0, len(r)) {
			if m.fraction {
				t.Errorf("%s: read a fraction %v", text, m.value)
			}
		}
	}
}
