package region

// Former is a well-known former name of a division and the division that
// holds its territory today.
type Former struct {
	Name string // the former name as written, e.g. "襄樊市"
	Code string // GB/T 2260 code of today's division
	Year int    // year of the change
	Note string
}

// formerNames is a short hand list of renamings that still turn up in plans
// and older documents. Keep it factual: one line per change.
var formerNames = []Former{
	{"襄樊市", "420600", 2010, "renamed 襄阳市"},
	{"襄樊", "420600", 2010, "renamed 襄阳市"},
	{"思茅市", "530800", 2007, "renamed 普洱市"},
	{"思茅", "530800", 2007, "renamed 普洱市"},
	{"徽州地区", "341000", 1987, "became 黄山市 (1987-88)"},
	{"大庸市", "430800", 1994, "renamed 张家界市"},
	{"浑江市", "220600", 1994, "renamed 白山市"},
	{"荆沙市", "421000", 1996, "renamed 荆州市"},
	{"通什市", "469001", 2001, "renamed 五指山市"},
	{"巢湖地区", "340181", 2011, "prefecture-level 巢湖市 abolished 2011, split among 合肥 芜湖 马鞍山; its seat is county-level 巢湖市 under 合肥"},
	{"绍兴县", "330603", 2013, "became 柯桥区"},
	{"上虞市", "330604", 2013, "became 上虞区"},
	{"萧山市", "330109", 2001, "became 萧山区"},
	{"余杭市", "330110", 2001, "became 余杭区"},
	{"富阳市", "330111", 2014, "became 富阳区"},
	{"临安市", "330112", 2017, "became 临安区"},
	{"鄞县", "330212", 2002, "became 鄞州区"},
	{"奉化市", "330213", 2016, "became 奉化区"},
	{"衢县", "330803", 2001, "became 衢江区"},
	{"洞头县", "330305", 2015, "became 洞头区"},
	{"南汇区", "310115", 2009, "merged into 浦东新区"},
	{"卢湾区", "310101", 2011, "merged into 黄浦区"},
	{"闸北区", "310106", 2015, "merged into 静安区"},
	{"崇文区", "110101", 2010, "merged into 东城区"},
	{"宣武区", "110102", 2010, "merged into 西城区"},
	{"吴江市", "320509", 2012, "became 吴江区"},
	{"江都市", "321012", 2011, "became 江都区"},
	{"姜堰市", "321204", 2012, "became 姜堰区"},
	{"溧水县", "320117", 2013, "became 溧水区"},
	{"高淳县", "320118", 2013, "became 高淳区"},
	{"金坛市", "320413", 2015, "became 金坛区"},
	{"广德县", "341882", 2019, "became 广德市"},
	{"普兰店市", "210214", 2015, "became 普兰店区"},
}

// FormerNames returns the hand list of former names.
func FormerNames() []Former { return append([]Former(nil), formerNames...) }
