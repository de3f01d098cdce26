package region

// abbrevs maps a one-character short form to the codes it can stand for,
// most common reading first. Province forms are the official
// abbreviations (简称); city forms are those used in Yangtze River Delta
// plans (接沪融杭联甬, 杭绍甬, 衢黄饶南, 宁杭, 锡常泰 …).
var abbrevs = map[rune][]string{
	// provinces
	'京': {"110000"},
	'津': {"120000"},
	'冀': {"130000"},
	'晋': {"140000"},
	'蒙': {"150000"},
	'辽': {"210000"},
	'吉': {"220000"},
	'黑': {"230000"},
	'沪': {"310000"},
	'申': {"310000"},
	'苏': {"320000", "320500"}, // 江苏 among provinces, 苏州 among cities
	'浙': {"330000"},
	'皖': {"340000"},
	'闽': {"350000"},
	'赣': {"360000"},
	'鲁': {"370000"},
	'豫': {"410000"},
	'鄂': {"420000"},
	'湘': {"430000"},
	'粤': {"440000"},
	'桂': {"450000"},
	'琼': {"460000"},
	'渝': {"500000"},
	'川': {"510000"},
	'蜀': {"510000"},
	'黔': {"520000"},
	'贵': {"520000"},
	'滇': {"530000"},
	'云': {"530000"},
	'藏': {"540000"},
	'陕': {"610000"},
	'秦': {"610000"},
	'甘': {"620000"},
	'陇': {"620000"},
	'青': {"630000"},
	'宁': {"640000", "320100"}, // 宁夏; 南京 in 宁杭, 宁合, 宁镇扬
	'新': {"650000"},
	'台': {"710000", "331000"}, // 台湾; 台州 in Zhejiang context (杭绍台, 甬台温)
	'港': {"810000"},
	'澳': {"820000"},

	// Zhejiang
	'杭': {"330100"},
	'甬': {"330200"},
	'温': {"330300"},
	'嘉': {"330400"},
	'湖': {"330500"},
	'绍': {"330600"},
	'金': {"330700"},
	'衢': {"330800"},
	'舟': {"330900"},
	'丽': {"331100"},
	'义': {"330782"}, // 义乌, county-level city
	// Jiangsu
	'锡': {"320200"},
	'徐': {"320300"},
	'常': {"320400"},
	'通': {"320600"},
	'盐': {"320900"},
	'扬': {"321000"},
	'镇': {"321100"},
	'泰': {"321200"},
	// Anhui
	'合': {"340100"},
	'芜': {"340200"},
	'马': {"340500"},
	'宣': {"341800"},
	'黄': {"341000"}, // 黄山 in 衢黄, 衢黄饶南
	'滁': {"341100"},
	// Jiangxi, Fujian
	'饶': {"361100"}, // 上饶
	'南': {"350700"}, // 南平 in 衢黄饶南
}

// Abbrev returns the divisions a one-character short form can stand for,
// most common reading first: '沪' → 上海市; '苏' → 江苏省, 苏州市;
// '宁' → 宁夏回族自治区, 南京市. The caller picks by context (a run of
// provinces or of cities). Nil if r is not a known short form.
func Abbrev(r rune) []Division {
	codes := abbrevs[r]
	if len(codes) == 0 {
		return nil
	}
	out := make([]Division, 0, len(codes))
	for _, c := range codes {
		if d, ok := ByCode(c); ok {
			out = append(out, d)
		}
	}
	return out
}

// abbrevBits marks the short forms in the Basic Multilingual Plane: the
// scanners ask about every character, and a bit test is cheaper than a map.
var abbrevBits = func() (b [0x10000 / 64]uint64) {
	for r := range abbrevs {
		if r < 0x10000 {
			b[r/64] |= 1 << (r % 64)
		}
	}
	return b
}()

// IsAbbrev reports whether r is a known one-character short form.
func IsAbbrev(r rune) bool {
	if r < 0 || r >= 0x10000 {
		return false
	}
	return abbrevBits[r/64]&(1<<(r%64)) != 0
}
